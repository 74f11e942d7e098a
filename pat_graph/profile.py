"""One actor on one screen: who it is, its agreements and instances, its place in its
department's network and the agreements proposed to it (``pat-graph actor``).

:func:`actor_profile` gathers, for the actor a person names (resolved by
:func:`pat_graph.lookup.find`: id, name, acronym, with or without accents):

- who it is: sector, kind, level, territory, NIT and where its record came from
  (the provenance properties ``source``/``row``/``loaded_at`` and, after a merge,
  ``also_source``/``merged_from``);
- its agreements and participation instances at the as-of date, each with its
  partners and their sectors;
- its broker measures in its department, as :func:`pat_graph.analytics.brokers`
  computes them for ``pat-graph brokers`` (rank among the department's actors);
- its pending proposals for new agreements, as :func:`pat_graph.recommend.recommend`
  gives them to ``pat-graph recommend --actor``.

A national actor (no department of its own) is placed in the department where it
has most agreements and instances, unless ``department`` says which.

>>> from pat_graph.viz.views import _example_graph
>>> p = actor_profile(_example_graph(), "universidad de antioquía", as_of="2024-12-31")
>>> p.id, p.name, p.department_code, [(t.id, [x.name for x in t.partners]) for t in p.agreements]
('A3', 'Universidad de Antioquia', '05', [('G1', ['Cámara de Comercio'])])
>>> p.to_dict()["actor"]["sector_es"], p.brokerage.rank, p.brokerage.actors
('Académico', 3, 3)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import Context
from pat_graph.analytics.brokerage import ROLES, ROLES_ES, BrokerScore, brokers
from pat_graph.lookup import find
from pat_graph.model import (
    AGREEMENT,
    INSTANCE,
    LOCATED_IN,
    PARTICIPATES_IN,
    SECTORS,
    SIGNED,
    TERRITORY,
    label_es,
)
from pat_graph.recommend import Proposal, index, recommend
from pat_graph.store.merge import split_list

#: Proposals shown by default.
DEFAULT_PROPOSALS = 5
#: How the department of the broker measures and proposals was chosen (Spanish, for people).
CHOSEN_ES: dict[str, str] = {
    "located": "donde está ubicado",
    "most_ties": "actor sin departamento propio: el departamento donde tiene más vínculos",
    "given": "el departamento pedido",
}


def territory_dict(profile: Any) -> dict[str, str | None]:
    """The territory of a profile (its department and municipality, codes and names) as
    its ``to_dict()`` writes it, for actors, instances and agreements alike."""
    return {"department_code": profile.department_code,
            "department_name": profile.department_name,
            "municipality_code": profile.municipality_code,
            "municipality_name": profile.municipality_name}


@dataclass(frozen=True, slots=True)
class Partner:
    """Another actor of one of the actor's agreements or instances."""

    id: str
    name: str
    sector: str


@dataclass
class Tie:
    """One agreement the actor signed, or one instance it participates in."""

    label: str  # AGREEMENT or INSTANCE
    id: str
    name: str
    kind: str  # instance kind ("" for agreements)
    status: str
    role: str
    date: str  # signed (agreements) or since (participations), ISO
    until: str
    department_code: str | None
    partners: list[Partner] = field(default_factory=list)

    @property
    def partners_by_sector(self) -> dict[str, int]:
        """Partners per sector code, in the vocabulary's order (``""``: without sector)."""
        return _by_sector(self.partners)

    def to_dict(self) -> dict[str, Any]:
        vocab = "agreement_status" if self.label == AGREEMENT else "instance_status"
        return {
            "id": self.id, "name": self.name, "kind": self.kind,
            "kind_es": label_es("instance_kind", self.kind) if self.kind else "",
            "status": self.status, "status_es": label_es(vocab, self.status),
            "role": self.role, "role_es": label_es(
                "signatory_role" if self.label == AGREEMENT else "participation_role", self.role),
            "date": self.date, "until": self.until, "department_code": self.department_code,
            "partners": [asdict(p) for p in self.partners],
            "partners_by_sector": self.partners_by_sector,
        }


@dataclass
class Brokerage:
    """The actor's broker measures in one department and its rank there (1 = best broker,
    the order of ``pat-graph brokers``)."""

    department_code: str
    department_name: str
    chosen: str  # a key of CHOSEN_ES
    actors: int
    ties: int
    rank: int | None
    betweenness_sampled: bool
    score: BrokerScore | None

    @property
    def roles(self) -> dict[str, int]:
        """Gould–Fernandez role counts by Spanish role name (empty when not in the network)."""
        if self.score is None:
            return {}
        return {ROLES_ES[r]: getattr(self.score, r) for r in ROLES}

    def to_dict(self) -> dict[str, Any]:
        return {"department_code": self.department_code, "department_name": self.department_name,
                "chosen": self.chosen, "chosen_es": CHOSEN_ES[self.chosen],
                "actors": self.actors, "ties": self.ties, "rank": self.rank,
                "betweenness_sampled": self.betweenness_sampled,
                "measures": None if self.score is None else self.score.to_row()}


@dataclass
class ActorProfile:
    """Everything :func:`actor_profile` found about one actor (plain data; ``to_dict`` for JSON)."""

    node: str
    id: str
    name: str
    acronym: str
    sector: str
    kind: str
    level: str
    nit: str
    department_code: str | None
    department_name: str | None
    municipality_code: str | None
    municipality_name: str | None
    sources: list[str]
    loaded_at: str
    as_of: str | None
    agreements: list[Tie]
    instances: list[Tie]
    brokerage: Brokerage | None
    proposals: list[Proposal]

    @property
    def partners(self) -> list[Partner]:
        """Distinct partners over all agreements and instances, by name."""
        seen = {p.id: p for t in (*self.agreements, *self.instances) for p in t.partners}
        return sorted(seen.values(), key=lambda p: (p.name, p.id))

    @property
    def partners_by_sector(self) -> dict[str, int]:
        return _by_sector(self.partners)

    def proposal_partners(self, p: Proposal) -> list[Partner]:
        """The other actors of a proposal (everyone but this actor)."""
        return [Partner(i, n, s) for i, n, s in zip(p.actor_ids, p.actor_names, p.sectors,
                                                    strict=True) if i != self.id]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (English keys, Spanish labels next to vocabulary codes)."""
        return {
            "actor": {
                "id": self.id, "node": self.node, "name": self.name, "acronym": self.acronym,
                "sector": self.sector, "sector_es": label_es("sector", self.sector),
                "kind": self.kind, "level": self.level, "level_es": label_es("level", self.level),
                "nit": self.nit,
                "territory": territory_dict(self),
                "sources": self.sources, "loaded_at": self.loaded_at,
            },
            "as_of": self.as_of,
            "agreements": [t.to_dict() for t in self.agreements],
            "instances": [t.to_dict() for t in self.instances],
            "partners_by_sector": self.partners_by_sector,
            "brokerage": None if self.brokerage is None else self.brokerage.to_dict(),
            "proposals": [p.to_row(i) | {"partners": [asdict(x) for x in self.proposal_partners(p)]}
                          for i, p in enumerate(self.proposals, start=1)],
        }


def _by_sector(partners: list[Partner]) -> dict[str, int]:
    counts = Counter(p.sector for p in partners)
    order = [*SECTORS, *sorted(s for s in counts if s not in SECTORS)]
    return {s: counts[s] for s in order if counts[s]}


def record_sources(a: dict[str, Any]) -> list[str]:
    """Where a node's record came from: ``file:row`` of its own record, then the files a
    merge added (``also_source``).

    >>> record_sources({"source": "actores.csv", "row": 4, "also_source": "otros.csv"})
    ['actores.csv:4', 'otros.csv']
    """
    own = f"{a['source']}:{a['row']}" if a.get("source") and a.get("row") else a.get("source", "")
    return [s for s in (own, *split_list(a.get("also_source", ""))) if s]


def _ties(ctx: Context, actor: str, rel: str) -> list[Tie]:
    g = ctx.graph
    out = []
    for _, target, e in g.out_edges(actor, data=True):
        if e.get("type") != rel:
            continue
        t = g.nodes[target]
        partners = sorted((Partner(str(g.nodes[m].get("id", m)), str(g.nodes[m].get("name", "")),
                                   str(g.nodes[m].get("sector", "")))
                           for m in ctx.members.get(target, ()) if m != actor),
                          key=lambda p: (p.name, p.id))
        agreement = rel == SIGNED
        out.append(Tie(
            AGREEMENT if agreement else INSTANCE, str(t.get("id", target)), str(t.get("name", "")),
            "" if agreement else str(t.get("kind", "")), str(t.get("status", "")),
            str(e.get("role", "")), str((t.get("signed") if agreement else e.get("since")) or ""),
            str(e.get("until") or ""), ctx.department_of(target), partners))
    # agreements newest first; participations oldest first
    return sorted(out, key=lambda x: (x.date, x.id), reverse=rel == SIGNED)


def _territory(g: nx.MultiDiGraph, actor: str) -> tuple[str | None, str | None]:
    """(code, name) of the municipality the actor is located in, if any."""
    for _, t, r in g.out_edges(actor, data="type"):
        a = g.nodes[t]
        if r == LOCATED_IN and a.get("label") == TERRITORY and a.get("kind") == "municipality":
            return str(a.get("dane_code")), str(a.get("name", ""))
    return None, None


def _department(ctx: Context, actor: str, ties: list[Tie],
                department: str | None) -> tuple[str | None, str]:
    if department is not None:
        return find(ctx.source, department, "department").key, "given"
    own = ctx.department_of(actor)
    if own in ctx.departments:
        return own, "located"
    counts = Counter(t.department_code for t in ties if t.department_code in ctx.departments)
    if not counts:
        return None, "most_ties"
    best = max(sorted(counts), key=lambda d: counts[d])
    return best, "most_ties"


def actor_profile(g: nx.MultiDiGraph | Context, actor: str, as_of: str | date | None = None, *,
                  department: str | None = None, proposals: int = DEFAULT_PROPOSALS,
                  seed: int | None = 0) -> ActorProfile:
    """The :class:`ActorProfile` of the actor ``actor`` names (id, name or acronym) at ``as_of``.

    ``department`` (code or name) chooses where the broker measures and proposals are
    computed (default: the actor's own department, else where it has most ties);
    ``proposals`` is how many proposals to keep (0: none, and the recommender is not run).
    Raises :class:`~pat_graph.errors.NotFoundError` (with "¿quiso decir …?") or
    :class:`~pat_graph.lookup.AmbiguousError` (listing the candidates).

    >>> from pat_graph.viz.views import _example_graph
    >>> p = actor_profile(_example_graph(), "SENA", proposals=0)
    >>> p.name, p.sector, [t.id for t in p.instances], p.partners_by_sector
    ('SENA', 'publico', ['I1'], {'privado': 1})
    """
    ctx = index(g, as_of).ctx  # one snapshot for the profile, the brokers and the proposals
    match = find(ctx.graph, actor, "actor")
    node = match.node
    a = ctx.graph.nodes[node]
    agreements = _ties(ctx, node, SIGNED)
    instances = _ties(ctx, node, PARTICIPATES_IN)
    own_dept = ctx.department_of(node)
    mun_code, mun_name = _territory(ctx.graph, node)
    code, chosen = _department(ctx, node, agreements + instances, department)
    brokerage = None
    found: list[Proposal] = []
    if code is not None:
        rep = brokers(ctx, code)
        rank = next((i for i, s in enumerate(rep.scores, start=1) if s.actor_id == a.get("id")),
                    None)
        brokerage = Brokerage(code, rep.department_name, chosen, rep.actors, rep.ties, rank,
                              rep.betweenness_sampled,
                              None if rank is None else rep.scores[rank - 1])
        if proposals > 0:
            found = recommend(ctx, code, actor=node, top=proposals, seed=seed)
    return ActorProfile(
        node=node, id=str(a.get("id", match.key)), name=str(a.get("name", "")),
        acronym=str(a.get("acronym", "")), sector=str(a.get("sector", "")),
        kind=str(a.get("kind", "")), level=str(a.get("level", "")), nit=str(a.get("nit", "")),
        department_code=own_dept,
        department_name=ctx.departments.get(own_dept) if own_dept else None,
        municipality_code=mun_code, municipality_name=mun_name, sources=record_sources(a),
        loaded_at=str(a.get("loaded_at", "")), as_of=ctx.as_of, agreements=agreements,
        instances=instances, brokerage=brokerage, proposals=found)


__all__ = ["CHOSEN_ES", "DEFAULT_PROPOSALS", "ActorProfile", "Brokerage", "Partner", "Tie",
           "actor_profile", "record_sources", "territory_dict"]
