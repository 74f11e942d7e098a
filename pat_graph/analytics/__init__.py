"""Articulation-gap analytics: pure functions of the canonical networkx graph.

Each family lives in its own small module and returns plain dataclasses; no
database, no printing. Definitions (Spanish and English) are in
``docs/analytics.md``. Every function takes ``as_of`` (``YYYY-MM-DD`` or
``None``); pass a :class:`Context` (from :func:`context`) instead of the graph
to share the snapshot and actor networks between several calls.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> [row] = department_gap_table(g)
>>> row.department_code, row.missing_instances[0]
('05', 'subcomision_concertacion')
"""

from pat_graph.analytics.base import (
    Context,
    Gap,
    context,
    normalize_date,
    snapshot,
)
from pat_graph.analytics.brokerage import (
    BrokerReport,
    BrokerScore,
    betweenness,
    brokerage_roles,
    brokers,
)
from pat_graph.analytics.coverage import InstanceCoverage, coverage_gaps, instance_coverage
from pat_graph.analytics.gaps import FAMILIES, Comparison, compare, gap_items, readable
from pat_graph.analytics.index import WEIGHTS, DepartmentIndex, gap_index, national_mean
from pat_graph.analytics.instruments import InstrumentGaps, instrument_gap_items, instrument_gaps
from pat_graph.analytics.kernels import articulation_points_and_bridges
from pat_graph.analytics.linkages import ProgrammeLinkages, linkage_gap_items, programme_linkages
from pat_graph.analytics.network_fragility import Fragility, fragility, fragility_gap_items
from pat_graph.analytics.records import DepartmentRecords, record_coverage
from pat_graph.analytics.sectors import (
    DepartmentGaps,
    SectorArticulation,
    department_gap_table,
    sector_articulation,
    sector_gap_items,
)

__all__ = [
    "FAMILIES",
    "WEIGHTS",
    "BrokerReport",
    "BrokerScore",
    "Comparison",
    "Context",
    "DepartmentGaps",
    "DepartmentIndex",
    "DepartmentRecords",
    "Fragility",
    "Gap",
    "InstanceCoverage",
    "InstrumentGaps",
    "ProgrammeLinkages",
    "SectorArticulation",
    "articulation_points_and_bridges",
    "betweenness",
    "brokerage_roles",
    "brokers",
    "compare",
    "context",
    "coverage_gaps",
    "department_gap_table",
    "fragility",
    "fragility_gap_items",
    "gap_index",
    "gap_items",
    "readable",
    "instance_coverage",
    "instrument_gap_items",
    "instrument_gaps",
    "linkage_gap_items",
    "national_mean",
    "normalize_date",
    "programme_linkages",
    "record_coverage",
    "sector_articulation",
    "sector_gap_items",
    "snapshot",
]
