"""The actors the resolver compares, as :class:`~pat_graph.identity.ActorView`, from a
graph or from records."""

from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from pat_graph.identity import ActorView
from pat_graph.model import ACTOR, NodeRecord, split_node_id


def actors_from_graph(g: nx.MultiDiGraph) -> list[ActorView]:
    """Every ``Actor`` node of a graph (shape of ``docs/graph-model.md``)."""
    out = []
    for nid, d in g.nodes(data=True):
        if d.get("label") != ACTOR:
            continue
        degree = sum(1 for _, _, t in g.out_edges(nid, data="type") if t != "LOCATED_IN")
        degree += g.in_degree(nid)
        out.append(ActorView.from_props(split_node_id(nid)[1], d, d.get("source", ""),
                                        d.get("row", 0), degree))
    return out


def actors_from_records(nodes: Iterable[NodeRecord]) -> list[ActorView]:
    """Every ``Actor`` record of a batch (load-time checks)."""
    return [ActorView.from_props(n.key, n.props, n.source, n.row)
            for n in nodes if n.label == ACTOR]
