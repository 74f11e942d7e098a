"""Articulation-gap analytics: pure functions of the canonical networkx graph.

Each family lives in its own small module and returns plain dataclasses; no
database, no printing. Definitions (Spanish and English) are in
``docs/analytics.md``.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> [row] = department_gap_table(g)
>>> row.department_code, row.missing_instances[0]
('05', 'subcomision_concertacion')
"""

from pat_graph.analytics.base import Context, Gap, context, resolve_department, snapshot
from pat_graph.analytics.coverage import InstanceCoverage, coverage_gaps, instance_coverage
from pat_graph.analytics.instruments import InstrumentGaps, instrument_gap_items, instrument_gaps
from pat_graph.analytics.sectors import (
    DepartmentGaps,
    SectorArticulation,
    department_gap_table,
    sector_articulation,
    sector_gap_items,
)

__all__ = [
    "Context",
    "DepartmentGaps",
    "Gap",
    "InstanceCoverage",
    "InstrumentGaps",
    "SectorArticulation",
    "context",
    "coverage_gaps",
    "department_gap_table",
    "instance_coverage",
    "instrument_gap_items",
    "instrument_gaps",
    "resolve_department",
    "sector_articulation",
    "sector_gap_items",
    "snapshot",
]
