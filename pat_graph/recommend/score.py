"""Scoring actor pairs for new agreements: trust, complementarity, territory, gap.

The score of a pair ``(a, b)`` of actors of one department, at an as-of date,
is (definitions in ``docs/recommend.md``)::

    score = T * (1 + 0.5*C + 0.25*F + 0.5*G) + 0.01 * (C + F + G) / 3

- ``T`` trust already built, ``1 - exp(-t)`` where ``t`` sums, over what the
  two share: every active instance where both sit today
  (``1 / log2(1 + members)``), every event both attended
  (``0.5 * decay / log2(1 + attendees)``) and every common agreement partner
  ``c`` (``0.75 * decay / log2(1 + partners of c)``); ``decay`` halves every
  :data:`HALF_LIFE_YEARS` years before the as-of date. Sharing a small table
  weighs more than sharing a plenary.
- ``C`` complementarity: 0.5 if their sectors differ, 0.5 if their levels differ.
- ``F`` territorial fit: 0.5 same municipality (0.25 both merely in the
  department), plus 0.5 if either sits in a PDET municipality (capped at 1).
- ``G`` gap closed: 1 if their sectors form a quadruple-helix pair with no
  tie at all in the department (``pat_graph.analytics`` sector articulation),
  else 0.5 if no agreement of the department joins their two sectors yet;
  plus 0.5 if their levels form a level link the department lacks, plus 0.5
  if one of them has no tie in the department (capped at 1).

Pairs with no trust at all keep a tiny score from ``C + F + G`` so that they
are still ordered (first contacts), always after any pair with trust.

>>> from pat_graph.recommend.score import trust_value
>>> round(trust_value(0.0), 3), round(trust_value(1.0), 3)
(0.0, 0.632)
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from pat_graph.analytics.base import (
    HELIX_SECTORS,
    Context,
    context,
    effective_date,
    fold,
    resolve_department,
)
from pat_graph.errors import NotFoundError
from pat_graph.model import (
    ACTOR,
    AGREEMENT,
    ATTENDED,
    EVENT,
    INSTANCE,
    PARTICIPATES_IN,
    SIGNED,
    TERRITORY,
    label_es,
)
from pat_graph.recommend.ranking import DepartmentScores, Pair, PairScore, ranked, top_ranked

# ------------------------------------------------------------------ weights
#: Trust from one shared active instance (divided by log2(1 + its members)).
SHARED_INSTANCE_WEIGHT = 1.0
#: Trust from one event both attended (decayed, divided by log2(1 + attendees)).
SHARED_EVENT_WEIGHT = 0.5
#: Trust from one common agreement partner (decayed, divided by log2(1 + its partners)).
COMMON_PARTNER_WEIGHT = 0.75
#: Events and agreements lose half their weight every this many years.
HALF_LIFE_YEARS = 2.0
#: Weights of complementarity, territorial fit and gap closed (multiplying trust).
W_COMPLEMENTARITY = 0.5
W_TERRITORY = 0.25
W_GAP = 0.5
#: Weight of ``(C + F + G) / 3`` alone: orders pairs with no trust (first contacts).
FIRST_CONTACT_WEIGHT = 0.01

#: Level links an actor network can have (unordered).
LEVEL_LINKS: tuple[frozenset[str], ...] = (
    frozenset({"municipal", "departamental"}),
    frozenset({"departamental", "nacional"}),
    frozenset({"municipal", "nacional"}),
)



def trust_value(raw: float) -> float:
    """Trust in [0, 1) from the summed evidence ``raw`` (``1 - exp(-raw)``)."""
    return 1.0 - math.exp(-raw)


def decay(when: str | None, as_of: str) -> float:
    """Weight of something dated ``when`` seen at ``as_of``: halves every HALF_LIFE_YEARS.

    >>> decay("2022-01-01", "2024-01-01"), decay(None, "2024-01-01")
    (0.5, 1.0)
    """
    if not when:
        return 1.0
    try:
        days = (date.fromisoformat(as_of) - date.fromisoformat(str(when)[:10])).days
    except ValueError:
        return 1.0
    return 0.5 ** (max(days, 0) / (365.0 * HALF_LIFE_YEARS))


def pair(a: str, b: str) -> Pair:
    """The canonical (sorted) form of an unordered pair."""
    return (a, b) if a <= b else (b, a)


# ------------------------------------------------------------------ evidence
@dataclass
class Evidence:
    """What two actors already share: instances, events, agreement partners (node ids)."""

    instances: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    raw: float = 0.0


class Index:
    """Who shares what at one as-of date; built once per :class:`Context` (see :func:`index`)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.g: nx.MultiDiGraph = ctx.graph
        self.as_of: str = ctx.today
        self._cache: dict[str, Any] = {}

    @cached_property
    def actors(self) -> list[str]:
        return sorted(self.ctx.nodes(ACTOR))

    @cached_property
    def _memberships(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
        inst: dict[str, set[str]] = defaultdict(set)
        events: dict[str, set[str]] = defaultdict(set)
        agreements: dict[str, set[str]] = defaultdict(set)
        nodes = self.g.nodes
        for u, v, t in self.g.edges(data="type"):
            if t == PARTICIPATES_IN and nodes[v].get("label") == INSTANCE:
                if nodes[v].get("status", "activa") == "activa":
                    inst[v].add(u)
            elif t == ATTENDED and nodes[v].get("label") == EVENT:
                events[v].add(u)
            elif t == SIGNED and nodes[v].get("label") == AGREEMENT:
                agreements[v].add(u)
        return dict(inst), dict(events), dict(agreements)

    @property
    def instance_members(self) -> dict[str, set[str]]:
        return self._memberships[0]

    @property
    def event_members(self) -> dict[str, set[str]]:
        return self._memberships[1]

    @property
    def agreement_signers(self) -> dict[str, set[str]]:
        return self._memberships[2]

    @cached_property
    def partners(self) -> dict[str, dict[str, float]]:
        """actor -> {co-signer: decay of their most recent common agreement}."""
        out: dict[str, dict[str, float]] = defaultdict(dict)
        for ag, signers in self.agreement_signers.items():
            w = decay(self.g.nodes[ag].get("signed"), self.as_of)
            for a, b in combinations(signers, 2):
                if w > out[a].get(b, -1.0):
                    out[a][b] = w
                    out[b][a] = w
        return dict(out)

    def are_partners(self, a: str, b: str) -> bool:
        return b in self.partners.get(a, {})

    # --------------------------------------------------------- territory
    def municipality(self, actor: str) -> str | None:
        code = self.g.nodes[actor].get("municipality_code")
        return str(code) if code else None

    def is_pdet(self, municipality: str | None) -> bool:
        if not municipality:
            return False
        return bool(self.g.nodes.get(f"{TERRITORY}:{municipality}", {}).get("is_pdet"))

    def territory_name(self, code: str) -> str:
        return str(self.g.nodes.get(f"{TERRITORY}:{code}", {}).get("name", code))

    def name(self, n: str) -> str:
        a = self.g.nodes[n]
        return str(a.get("name") or a.get("id") or n)

    # ------------------------------------------------------- departments
    def candidates(self, department: str) -> list[str]:
        """Actors of ``department``: located there, plus national actors active there."""
        key = f"recommend:candidates:{department}"
        cache = self._cache
        if key not in cache:
            ctx = self.ctx
            local = {a for a in self.actors if ctx.department_of(a) == department}
            national: set[str] = set()
            for groups in (self.instance_members, self.event_members, self.agreement_signers):
                for node, members in groups.items():
                    if ctx.department_of(node) == department:
                        national.update(m for m in members if ctx.department_of(m) is None)
            cache[key] = sorted(local | national)
        return cache[key]

    def evidence(self, department: str, a: str, b: str) -> Evidence | None:
        """What ``a`` and ``b`` (candidates of ``department``) share, or None if nothing.

        Rebuilt on demand for the pairs shown (instances, events, then common
        partners, in the graph's order); the raw trust of every pair is in
        :meth:`scores` (a dense matrix), never a per-pair object.
        """
        cand = self._candidate_set(department)
        if a not in cand or b not in cand:
            return None
        a, b = pair(a, b)
        ev = Evidence()
        for inst, members in self.instance_members.items():
            if a in members and b in members:
                ev.instances.append(inst)
                ev.raw += SHARED_INSTANCE_WEIGHT / math.log2(1 + len(members))
        for event, members in self.event_members.items():
            if a in members and b in members:
                ev.events.append(event)
                ev.raw += (SHARED_EVENT_WEIGHT * decay(self.g.nodes[event].get("date"), self.as_of)
                           / math.log2(1 + len(members)))
        for c, ps in self.partners.items():
            if a in ps and b in ps:
                ev.partners.append(c)
                ev.raw += COMMON_PARTNER_WEIGHT / math.log2(1 + len(ps)) * min(ps[a], ps[b])
        return ev if (ev.instances or ev.events or ev.partners) else None

    def _candidate_set(self, department: str) -> set[str]:
        key = f"recommend:candidate_set:{department}"
        if key not in self._cache:
            self._cache[key] = set(self.candidates(department))
        return self._cache[key]

    def raw_trust(self, department: str) -> np.ndarray:
        """Summed trust evidence of every pair of candidates (dense, symmetric, float64).

        Each cell receives the same additions, in the same order, as the per-pair
        sum of :meth:`evidence` (instances, events, partners), so the floats agree.
        """
        cand = self.candidates(department)
        pos = {a: i for i, a in enumerate(cand)}
        raw = np.zeros((len(cand), len(cand)), dtype=np.float64)
        for members in self.instance_members.values():
            ms = sorted(pos[m] for m in members if m in pos)
            if len(ms) < 2:
                continue
            w = SHARED_INSTANCE_WEIGHT / math.log2(1 + len(members))
            raw[np.ix_(ms, ms)] += w
        for event, members in self.event_members.items():
            ms = sorted(pos[m] for m in members if m in pos)
            if len(ms) < 2:
                continue
            w = (SHARED_EVENT_WEIGHT * decay(self.g.nodes[event].get("date"), self.as_of)
                 / math.log2(1 + len(members)))
            raw[np.ix_(ms, ms)] += w
        for ps in self.partners.values():
            ms = sorted(p for p in ps if p in pos)
            if len(ms) < 2:
                continue
            base = COMMON_PARTNER_WEIGHT / math.log2(1 + len(ps))
            idx = [pos[p] for p in ms]
            vals = np.array([ps[p] for p in ms], dtype=np.float64)
            raw[np.ix_(idx, idx)] += base * np.minimum.outer(vals, vals)
        return raw

    def gaps(self, department: str) -> tuple[set[frozenset[str]], set[frozenset[str]], set[str]]:
        """(missing helix sector pairs, missing level links, actors with no tie) of a department."""
        key = f"recommend:gaps:{department}"
        cache = self._cache
        if key not in cache:
            net = self.ctx.actor_network(department)
            levels = {frozenset((net.nodes[u].get("level"), net.nodes[v].get("level")))
                      for u, v in net.edges}
            isolated = {a for a in self.candidates(department)
                        if a not in net or net.degree(a) == 0}
            cache[key] = (_missing_sector_pairs(self.ctx, department),
                          {link for link in LEVEL_LINKS if link not in levels}, isolated)
        return cache[key]

    def agreement_sector_pairs(self, department: str) -> set[frozenset[str]]:
        """Cross-sector pairs that already co-signed an agreement of the department."""
        key = f"recommend:agreement_pairs:{department}"
        if key not in self._cache:
            dept = self.ctx.department_of
            nodes = self.g.nodes
            out: set[frozenset[str]] = set()
            for ag, signers in self.agreement_signers.items():
                if dept(ag) != department:
                    continue
                for a, b in combinations(signers, 2):
                    sa, sb = nodes[a].get("sector"), nodes[b].get("sector")
                    if sa and sb and sa != sb:
                        out.add(frozenset((sa, sb)))
            self._cache[key] = out
        return self._cache[key]

    # ------------------------------------------------------------ scoring
    @cached_property
    def actor_info(self) -> dict[str, tuple[Any, Any, str | None, bool, str | None]]:
        """actor -> (sector, level, municipality code, in a PDET municipality, department)."""
        out = {}
        for a in self.actors:
            data = self.g.nodes[a]
            mun = self.municipality(a)
            out[a] = (data.get("sector"), data.get("level"), mun, self.is_pdet(mun),
                      self.ctx.department_of(a))
        return out

    def score_pair(self, department: str, a: str, b: str, raw: float) -> PairScore:
        """The four components and the score of ``(a, b)`` given its raw trust."""
        sa, la, ma, pa, dept_a = self.actor_info[a]
        sb, lb, mb, pb, dept_b = self.actor_info[b]
        comp = 0.5 * (bool(sa and sb) and sa != sb) + 0.5 * (bool(la and lb) and la != lb)
        terr = 0.5 if (ma and ma == mb) else (0.25 if dept_a == dept_b == department else 0.0)
        if pa or pb:
            terr += 0.5
        missing_sectors, missing_levels, isolated = self.gaps(department)
        closes: list[str] = []
        gap = 0.0
        if sa and sb and sa != sb:
            sp = frozenset((sa, sb))
            if sp in missing_sectors:
                gap += 1.0
                closes.append("brecha:" + _sector_pair_code(sa, sb))
            elif sp not in self.agreement_sector_pairs(department):
                gap += 0.5
                closes.append("primer_acuerdo:" + _sector_pair_code(sa, sb))
        if la and lb and la != lb and frozenset((la, lb)) in missing_levels:
            gap += 0.5
            closes.append("nivel:" + _level_pair_code(la, lb))
        if a in isolated or b in isolated:
            gap += 0.5
            closes.append("actor_aislado")
        terr, gap = min(terr, 1.0), min(gap, 1.0)
        trust = trust_value(raw)
        score = (trust * (1 + W_COMPLEMENTARITY * comp + W_TERRITORY * terr + W_GAP * gap)
                 + FIRST_CONTACT_WEIGHT * (comp + terr + gap) / 3)
        return PairScore(pair(a, b), score, trust, comp, terr, gap, tuple(closes))

    def scores(self, department: str) -> DepartmentScores:
        """Scores of every candidate pair of ``department`` that has no agreement yet,
        as compact arrays (see :class:`DepartmentScores`).

        Pairs of two national actors are left out (they are not the department's).
        Only the last department asked is kept (a country has ~500k pairs per
        department at 10x the demo); the floats equal :meth:`score_pair`'s.
        """
        last = self._cache.get("recommend:scores")
        if last is not None and last.department == department:
            return last
        self._cache.pop("recommend:scores", None)
        out = self._score_arrays(department)
        self._cache["recommend:scores"] = out
        return out

    def _score_arrays(self, department: str) -> DepartmentScores:
        cand = self.candidates(department)
        n = len(cand)
        info = self.actor_info
        rows = [info[a] for a in cand]
        local = np.array([r[4] == department for r in rows], dtype=bool)
        keep = np.triu(np.ones((n, n), dtype=bool), 1)
        keep &= local[:, None] | local[None, :]
        pos = {a: i for i, a in enumerate(cand)}
        for a in cand:
            for b in self.partners.get(a, ()):
                if b in pos:
                    keep[pos[a], pos[b]] = False
                    keep[pos[b], pos[a]] = False
        ia, ib = np.nonzero(keep)
        del keep
        itype = np.uint16 if n < 2**16 else np.int32
        ia, ib = ia.astype(itype), ib.astype(itype)
        raw_full = self.raw_trust(department)
        raw = raw_full[ia, ib]
        del raw_full
        comp, terr, gap = self._components(department, rows, ia, ib)
        trust = np.zeros(len(raw), dtype=np.float64)
        nz = np.flatnonzero(raw)
        trust[nz] = [trust_value(x) for x in raw[nz].tolist()]
        score = (trust * (1 + W_COMPLEMENTARITY * comp + W_TERRITORY * terr + W_GAP * gap)
                 + FIRST_CONTACT_WEIGHT * (comp + terr + gap) / 3)
        return DepartmentScores(department, cand, ia, ib, score, raw)

    def _components(self, department: str, rows: list[tuple[Any, ...]], ia: np.ndarray,
                    ib: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Complementarity, territorial fit and gap closed of the pairs ``(ia, ib)``
        (the same exact values as :meth:`score_pair`: sums of halves and quarters)."""
        missing_sectors, missing_levels, isolated = self.gaps(department)
        agreed = self.agreement_sector_pairs(department)
        sectors = sorted({r[0] for r in rows if r[0]})
        levels = sorted({r[1] for r in rows if r[1]})
        muns = sorted({r[2] for r in rows if r[2]})
        sc = {x: i + 1 for i, x in enumerate(sectors)}
        lc = {x: i + 1 for i, x in enumerate(levels)}
        mc = {x: i + 1 for i, x in enumerate(muns)}
        sa = np.array([sc.get(r[0], 0) if r[0] else 0 for r in rows], dtype=np.int32)
        la = np.array([lc.get(r[1], 0) if r[1] else 0 for r in rows], dtype=np.int32)
        ma = np.array([mc.get(r[2], 0) if r[2] else 0 for r in rows], dtype=np.int32)
        pdet = np.array([bool(r[3]) for r in rows], dtype=bool)
        local = np.array([r[4] == department for r in rows], dtype=bool)
        cand = self.candidates(department)
        iso = np.array([a in isolated for a in cand], dtype=bool)
        # sector-pair and level-pair gap tables (index 0 = no sector / level)
        gsec = np.zeros((len(sectors) + 1, len(sectors) + 1), dtype=np.float64)
        for x in sectors:
            for y in sectors:
                if x != y:
                    sp = frozenset((x, y))
                    gsec[sc[x], sc[y]] = (1.0 if sp in missing_sectors
                                          else 0.0 if sp in agreed else 0.5)
        glev = np.zeros((len(levels) + 1, len(levels) + 1), dtype=np.float64)
        for x in levels:
            for y in levels:
                if x != y and frozenset((x, y)) in missing_levels:
                    glev[lc[x], lc[y]] = 0.5
        s1, s2, l1, l2 = sa[ia], sa[ib], la[ia], la[ib]
        comp = (0.5 * ((s1 > 0) & (s2 > 0) & (s1 != s2))
                + 0.5 * ((l1 > 0) & (l2 > 0) & (l1 != l2)))
        m1, m2 = ma[ia], ma[ib]
        terr = np.where((m1 > 0) & (m1 == m2), 0.5,
                        np.where(local[ia] & local[ib], 0.25, 0.0))
        terr += 0.5 * (pdet[ia] | pdet[ib])
        gap = gsec[s1, s2] + glev[l1, l2] + 0.5 * (iso[ia] | iso[ib])
        return comp, np.minimum(terr, 1.0), np.minimum(gap, 1.0)

    def pair_score(self, ds: DepartmentScores, i: int) -> PairScore:
        """The full :class:`PairScore` of pair number ``i`` of ``ds`` (for the pairs shown)."""
        a, b = ds.pair(i)
        return self.score_pair(ds.department, a, b, float(ds.raw[i]))


def index(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> Index:
    """The :class:`Index` of ``g`` at ``as_of`` (cached on a shared :class:`Context`)."""
    ctx = context(g, as_of)
    if "recommend:index" not in ctx._cache:
        ctx._cache["recommend:index"] = Index(ctx)
    return ctx._cache["recommend:index"]


def _missing_sector_pairs(ctx: Context, department: str) -> set[frozenset[str]]:
    """Helix sector pairs with no tie in the department (from the sector-articulation
    analytics, ``pat_graph.analytics.sector_articulation``)."""
    from pat_graph.analytics.sectors import sector_articulation

    out: set[frozenset[str]] = set()
    for row in sector_articulation(ctx, department=department):
        for label in row.missing_pairs:
            a, _, b = label.partition("-")
            out.add(frozenset((a, b)))
    return out


def _sector_pair_code(a: str, b: str) -> str:
    order = {s: i for i, s in enumerate((*HELIX_SECTORS, "cooperacion"))}
    x, y = sorted((a, b), key=lambda s: (order.get(s, 99), s))
    return f"{x}-{y}"


def _level_pair_code(a: str, b: str) -> str:
    order = {"municipal": 0, "departamental": 1, "nacional": 2}
    x, y = sorted((a, b), key=lambda s: (order.get(s, 9), s))
    return f"{x}-{y}"


# ------------------------------------------------------------ resolution
def resolve_actor(g: nx.MultiDiGraph, text: str) -> str:
    """Node id of an actor named by id (``A-0001``), node id or exact name (folded).

    Raises :class:`~pat_graph.errors.NotFoundError`.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Actor:A1", label="Actor", id="A1", name="Gobernación del Meta")
    >>> resolve_actor(g, "A1"), resolve_actor(g, "gobernacion del meta")
    ('Actor:A1', 'Actor:A1')
    """
    raw = str(text).strip()
    for cand in (raw, f"{ACTOR}:{raw}"):
        if cand in g and g.nodes[cand].get("label") == ACTOR:
            return cand
    wanted = fold(raw)
    hits = sorted(n for n, a in g.nodes(data=True)
                  if a.get("label") == ACTOR and fold(str(a.get("name", ""))) == wanted)
    if len(hits) == 1:
        return hits[0]
    if hits:
        ids = ", ".join(h.split(":", 1)[1] for h in hits[:6])
        raise NotFoundError(f"actor ambiguo {text!r}: use el id ({ids})")
    raise NotFoundError(f"actor desconocido {text!r}: use su id (columna id de actores.csv) "
                        "o su nombre exacto")


def department_code(g: nx.MultiDiGraph | Context, text: str) -> str:
    """DANE code of a department of the graph named by code or name (NotFoundError)."""
    src = g.graph if isinstance(g, Context) else g
    return resolve_department(src, text)


def effective(as_of: str | date | None) -> str:
    return effective_date(as_of)


def sector_es(sector: Any) -> str:
    return label_es("sector", str(sector)).lower() if sector else "sin sector"


__all__ = [
    "COMMON_PARTNER_WEIGHT", "FIRST_CONTACT_WEIGHT", "HALF_LIFE_YEARS", "LEVEL_LINKS",
    "SHARED_EVENT_WEIGHT", "SHARED_INSTANCE_WEIGHT", "W_COMPLEMENTARITY", "W_GAP",
    "W_TERRITORY", "DepartmentScores", "Evidence", "Index", "Pair", "PairScore", "decay", "department_code",
    "index", "pair", "ranked", "resolve_actor", "top_ranked", "trust_value",
]
