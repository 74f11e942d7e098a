"""Interactive network views (one offline HTML file each) and static charts.

>>> from pat_graph.viz.views import _example_graph
>>> view = department_view(_example_graph(), "05")
>>> view.n_nodes > 0 and "<script" in view.html()
True

``view.save("red.html")`` writes the page; in Jupyter the view displays inline;
``to_pyvis(view)`` gives the same network as a styled ``pyvis.network.Network``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

#: Public name -> the module that defines it. Imported on first use (PEP 562): the
#: charts pull in matplotlib (~0,4 s), which commands that draw no chart (a ficha, a
#: query) should not pay for.
_EXPORTS = {
    **dict.fromkeys(("coverage_matrix_chart", "gap_choropleth", "gap_index_by_code",
                     "gap_ranking_chart", "program_coverage", "sector_matrix_chart",
                     "sector_ties"), "pat_graph.viz.charts"),
    "View": "pat_graph.viz.page",
    "to_pyvis": "pat_graph.viz.pyvis_network",
    **dict.fromkeys(("actor_view", "build_view", "department_view", "national_view",
                     "program_view"), "pat_graph.viz.views"),
}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_EXPORTS))


__all__ = [
    "View",
    "coverage_matrix_chart",
    "gap_choropleth",
    "gap_index_by_code",
    "gap_ranking_chart",
    "national_view",
    "program_coverage",
    "sector_matrix_chart",
    "sector_ties",
    "actor_view",
    "build_view",
    "department_view",
    "program_view",
    "to_pyvis",
]
