"""Interactive network views (one offline HTML file each) and static charts.

>>> from pat_graph.viz.views import _example_graph
>>> view = department_view(_example_graph(), "05")
>>> view.n_nodes > 0 and "<script" in view.html()
True

``view.save("red.html")`` writes the page; in Jupyter the view displays inline;
``to_pyvis(view)`` gives the same network as a styled ``pyvis.network.Network``.
"""

from __future__ import annotations

from pat_graph.viz.charts import (
    coverage_matrix_chart,
    gap_choropleth,
    gap_index_by_code,
    gap_ranking_chart,
    program_coverage,
    sector_matrix_chart,
    sector_ties,
)
from pat_graph.viz.page import View
from pat_graph.viz.pyvis_network import to_pyvis
from pat_graph.viz.views import (
    actor_view,
    build_view,
    department_view,
    national_view,
    program_view,
)

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
