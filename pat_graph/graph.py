"""Building the networkx graph every store returns, and small helpers to read it.

Both stores call :func:`build_graph` with the rows they read, so the shape of
the graph cannot drift between them.

>>> from pat_graph.model import NodeRecord, EdgeRecord
>>> g = graph_from_records(
...     [NodeRecord("Actor", "A1", {"name": "SENA", "sector": "publico"}, "actores.csv", 2),
...      NodeRecord("Territory", "05", {"name": "Antioquia", "kind": "department"})],
...     [EdgeRecord("LOCATED_IN", "Actor", "A1", "Territory", "05", source="actores.csv", row=2)],
... )
>>> g.nodes["Actor:A1"]["label"], g.nodes["Actor:A1"]["id"], g.nodes["Actor:A1"]["row"]
('Actor', 'A1', 2)
>>> list(g.edges(keys=True, data="type"))
[('Actor:A1', 'Territory:05', 'LOCATED_IN', 'LOCATED_IN')]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from pat_graph.model import (
    KEY_PROPERTY,
    TERRITORY,
    EdgeRecord,
    NodeRecord,
    node_id,
)

NodeRow = tuple[str, str, Mapping[str, Any], str, int, str]
"""(label, key, props, source, row, loaded_at)"""

EdgeRow = tuple[str, str, str, str, str, str, Mapping[str, Any], str, int, str]
"""(type, start_label, start_key, end_label, end_key, ekey, props, source, row, loaded_at)"""


def edge_key(rel_type: str, ekey: str) -> str:
    """networkx key of a relationship.

    >>> edge_key("LINKED_TO", "socializacion|2024-01-01||"), edge_key("SIGNED", "")
    ('LINKED_TO|socializacion|2024-01-01||', 'SIGNED')
    """
    return f"{rel_type}|{ekey}" if ekey else rel_type


def build_graph(nodes: Iterable[NodeRow], edges: Iterable[EdgeRow]) -> nx.MultiDiGraph:
    """Assemble the canonical ``MultiDiGraph`` from plain rows read from a store."""
    g = nx.MultiDiGraph()
    for label, key, props, source, row, loaded_at in nodes:
        attrs = {k: v for k, v in props.items() if v is not None}
        attrs[KEY_PROPERTY[label]] = key
        attrs["label"] = label
        attrs["source"] = source
        attrs["row"] = int(row)
        attrs["loaded_at"] = loaded_at
        g.add_node(node_id(label, key), **attrs)
    for rtype, sl, sk, el, ek, ekey, props, source, row, loaded_at in edges:
        attrs = {k: v for k, v in props.items() if v is not None}
        attrs["type"] = rtype
        attrs["source"] = source
        attrs["row"] = int(row)
        attrs["loaded_at"] = loaded_at
        g.add_edge(node_id(sl, sk), node_id(el, ek), key=edge_key(rtype, ekey), **attrs)
    return g


def graph_from_records(
    nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord], loaded_at: str = ""
) -> nx.MultiDiGraph:
    """Build the canonical graph straight from records (tests and hand-built graphs)."""
    return build_graph(
        ((n.label, n.key, n.props, n.source, n.row, loaded_at) for n in nodes),
        (
            (e.type, e.start_label, e.start_key, e.end_label, e.end_key, e.ekey, e.props,
             e.source, e.row, loaded_at)
            for e in edges
        ),
    )


# ------------------------------------------------------------------ reading helpers
def department_of(g: nx.MultiDiGraph, n: str) -> str | None:
    """DANE code of the department a node belongs to, or ``None`` (national / unknown).

    Uses the denormalised ``department_code`` when present, otherwise the
    territory itself for Territory nodes.
    """
    data = g.nodes[n]
    if data.get("label") == TERRITORY:
        kind = data.get("kind")
        if kind == "department":
            return data.get("dane_code")
        if kind == "municipality":
            return data.get("department_code")
        return None
    return data.get("department_code")


def comparable(g: nx.MultiDiGraph, ignore: Iterable[str] = ("loaded_at",)) -> tuple:
    """A canonical, hashable form of a graph for equality tests across stores."""
    skip = set(ignore)
    nodes = sorted(
        (n, tuple(sorted((k, v) for k, v in d.items() if k not in skip)))
        for n, d in g.nodes(data=True)
    )
    edges = sorted(
        (u, v, k, tuple(sorted((a, b) for a, b in d.items() if a not in skip)))
        for u, v, k, d in g.edges(keys=True, data=True)
    )
    return tuple(nodes), tuple(edges)
