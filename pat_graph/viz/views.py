"""The network views: department, actor ego network, national, programme.

Each view picks the part of the graph to show, lays it out in Python with a
seed and returns a :class:`~pat_graph.viz.page.View` (``.save(path)``, inline
in Jupyter). The graph is the canonical ``MultiDiGraph`` of
``docs/graph-model.md``.

This module is the stable entry point; the code lives in modules named by
concept: :mod:`~pat_graph.viz.builder` (the shared :func:`build_view` core),
:mod:`~pat_graph.viz.lookup` (display names),
:mod:`~pat_graph.viz.department`, :mod:`~pat_graph.viz.ego`,
:mod:`~pat_graph.viz.programme`, :mod:`~pat_graph.viz.national` (geometry in
:mod:`~pat_graph.viz.geo`) and
:mod:`~pat_graph.viz.example` (the doctest graph).

>>> from pat_graph.viz.views import _example_graph
>>> g = _example_graph()
>>> v = department_view(g, "05")
>>> v.n_nodes, v.n_edges
(7, 6)
>>> v = actor_view(g, "A1", hops=2)
>>> sorted(n["id"] for n in v.payload["nodes"])[:2]
['Actor:A1', 'Actor:A2']
"""

from __future__ import annotations

from pat_graph.viz.builder import (
    BETWEENNESS_SAMPLE_LIMIT,
    CONTEXT_ONLY,
    MAX_RELS_PER_EDGE,
    METRIC_ES,
    PHYSICS_LIMIT,
    SIZE_BY,
    Recommendation,
    _centrality,
    _clean,
    _drawn,
    _normalise_recs,
    _short,
    build_view,
)
from pat_graph.viz.department import department_view
from pat_graph.viz.ego import actor_view
from pat_graph.viz.example import _example_graph
from pat_graph.viz.geo import department_centroids, gap_color
from pat_graph.viz.lookup import _dept_names, _name
from pat_graph.viz.national import national_view
from pat_graph.viz.page import View
from pat_graph.viz.programme import program_view

__all__ = [
    "BETWEENNESS_SAMPLE_LIMIT",
    "CONTEXT_ONLY",
    "MAX_RELS_PER_EDGE",
    "METRIC_ES",
    "PHYSICS_LIMIT",
    "SIZE_BY",
    "Recommendation",
    "View",
    "actor_view",
    "build_view",
    "department_centroids",
    "department_view",
    "gap_color",
    "national_view",
    "program_view",
    # private helpers, re-exported for existing imports (charts, doctests, tests)
    "_centrality",
    "_clean",
    "_dept_names",
    "_drawn",
    "_example_graph",
    "_name",
    "_normalise_recs",
    "_short",
]
