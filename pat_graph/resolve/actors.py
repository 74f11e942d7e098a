"""What the resolver looks at of an actor (:class:`ActorView`, from a graph or from
records) and the pairs that are distinct by construction (:func:`known_distinct`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from pat_graph.model import ACTOR, NodeRecord, split_node_id
from pat_graph.store.merge import split_list


# --------------------------------------------------------------------------- actors
@dataclass(frozen=True, slots=True)
class ActorView:
    """What the resolver looks at of one actor (from a graph node or a record)."""

    id: str
    name: str
    acronym: str = ""
    nit: str = ""
    department_code: str = ""
    municipality_code: str = ""
    level: str = ""
    kind: str = ""
    source: str = ""
    row: int = 0
    snies_code: str = ""
    snies_parent_code: str = ""
    rues_code: str = ""
    degree: int = 0
    merged_from: tuple[str, ...] = ()

    @classmethod
    def from_props(cls, key: str, props: dict[str, Any], source: str = "", row: int = 0,
                   degree: int = 0) -> ActorView:
        def s(name: str) -> str:
            v = props.get(name)
            return "" if v is None else str(v)

        return cls(key, s("name"), s("acronym"), s("nit"), s("department_code"),
                   s("municipality_code"), s("level"), s("kind"), source, int(row or 0),
                   s("snies_code"), s("snies_parent_code"), s("rues_code"), degree,
                   tuple(split_list(props.get("merged_from"))))

    @property
    def where(self) -> str:
        """``file:row`` of the record that defined the actor."""
        return f"{self.source}:{self.row}" if self.source else ""


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


def _snies_family(a: ActorView) -> str:
    return a.snies_parent_code or a.snies_code


def known_distinct(a: ActorView, b: ActorView) -> str | None:
    """Why two actors are distinct by construction (never proposed), or ``None``.

    >>> x = ActorView("CC-04", "Cámara de Comercio de Bogotá", rues_code="04")
    >>> print(known_distinct(x, ActorView("CC-47", "Cámara de Comercio de Bogotá", rues_code="47")))
    cámaras distintas en el RUES (04 y 47)
    """
    if a.snies_code and b.snies_code and a.snies_code != b.snies_code \
            and _snies_family(a) == _snies_family(b):
        codes = sorted((a.snies_code, b.snies_code))
        return f"sedes de la misma institución en el SNIES ({codes[0]} y {codes[1]})"
    if a.rues_code and b.rues_code and a.rues_code != b.rues_code:
        codes = sorted((a.rues_code, b.rues_code))
        return f"cámaras distintas en el RUES ({codes[0]} y {codes[1]})"
    return None
