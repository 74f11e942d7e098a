"""Ranked, explained proposals of actors for new agreements in one department.

:func:`recommend` proposes pairs of actors with no agreement yet;
:func:`recommend_groups` proposes small groups (one actor per sector of the
quadruple helix: a triad when a sector has nobody in the department). Every
proposal carries Spanish reasons naming what the actors already share.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
>>> g.add_node("Instance:CRC", label="Instance", id="CRC", name="CRC Meta", kind="otro_espacio")
>>> _ = g.add_edge("Instance:CRC", "Territory:50", key="SCOPED_TO", type="SCOPED_TO")
>>> for a, s in [("U", "academico"), ("E", "privado"), ("X", "comunitario")]:
...     g.add_node(f"Actor:{a}", label="Actor", id=a, name=f"Actor {a}", sector=s,
...                level="departamental", department_code="50")
...     _ = g.add_edge(f"Actor:{a}", "Territory:50", key="LOCATED_IN", type="LOCATED_IN")
>>> for a in "UE":
...     _ = g.add_edge(f"Actor:{a}", "Instance:CRC", key="PARTICIPATES_IN", type="PARTICIPATES_IN")
>>> best = recommend(g, "Meta", as_of="2024-12-31")[0]
>>> best.actor_ids
('E', 'U')
>>> print(best.explanation)
Comparten 1 instancia (CRC Meta); sería el primer acuerdo privado–académico en Meta
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from pat_graph.analytics.base import HELIX_SECTORS, Context
from pat_graph.errors import InputError
from pat_graph.formatting import integer
from pat_graph.formatting import plural as _plural
from pat_graph.lookup import find
from pat_graph.recommend.learn import DEFAULT_HORIZON_MONTHS, DEFAULT_WINDOWS, RankingModel
from pat_graph.recommend.score import (
    Evidence,
    Index,
    PairScore,
    department_code,
    index,
    pair,
    sector_es,
    top_ranked,
)
from pat_graph.recommend.score import (
    index as _index,
)

#: How many names a reason lists before "y N más".
MAX_NAMES = 3


@dataclass(frozen=True)
class Proposal:
    """One proposal: two actors (or a small group) for a new agreement, and why.

    ``components`` holds the score's parts (``trust``, ``complementarity``,
    ``territory``, ``gap``, each in [0, 1]); ``closes`` the gap codes it would
    close (``brecha:privado-academico``, ``primer_acuerdo:publico-privado``,
    ``nivel:municipal-departamental``, ``actor_aislado``); ``reasons`` Spanish sentences, joined by
    :attr:`explanation`.
    """

    department_code: str
    department_name: str
    actor_ids: tuple[str, ...]
    actor_names: tuple[str, ...]
    sectors: tuple[str, ...]
    levels: tuple[str, ...]
    score: float
    components: dict[str, float] = field(default_factory=dict)
    shared_instances: tuple[str, ...] = ()
    shared_events: tuple[str, ...] = ()
    common_partners: tuple[str, ...] = ()
    closes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "pareja" if len(self.actor_ids) == 2 else "grupo"

    @property
    def explanation(self) -> str:
        text = "; ".join(self.reasons)
        return text[:1].upper() + text[1:]

    def to_row(self, rank: int | None = None) -> dict[str, Any]:
        """A flat row for tables, CSV and JSON."""
        row: dict[str, Any] = {} if rank is None else {"rank": rank}
        return row | {
            "department_code": self.department_code,
            "kind": self.kind,
            "actors": " + ".join(self.actor_ids),
            "names": " + ".join(self.actor_names),
            "sectors": " + ".join(self.sectors),
            "score": round(self.score, 4),
            **{k: round(v, 4) for k, v in self.components.items()},
            "shared_instances": len(self.shared_instances),
            "shared_events": len(self.shared_events),
            "common_partners": len(self.common_partners),
            "closes": ", ".join(self.closes),
            "explanation": self.explanation,
        }


def _names(ix: Index, nodes: Sequence[str]) -> str:
    names = sorted({ix.name(n) for n in nodes})
    shown = ", ".join(names[:MAX_NAMES])
    return shown + (f" y {integer(len(names) - MAX_NAMES)} más" if len(names) > MAX_NAMES else "")


def _reasons(ix: Index, department: str, ps: PairScore, ev: Evidence | None) -> list[str]:
    a, b = ps.pair
    out: list[str] = []
    if ev and ev.instances:
        out.append(f"comparten {_plural(len(ev.instances), 'instancia', 'instancias')} "
                   f"({_names(ix, ev.instances)})")
    if ev and ev.events:
        out.append(f"asistieron juntos a {_plural(len(ev.events), 'evento', 'eventos')} "
                   f"({_names(ix, ev.events)})")
    if ev and ev.partners:
        out.append(f"tienen {_plural(len(ev.partners), 'aliado', 'aliados')} en común "
                   f"({_names(ix, ev.partners)})")
    if not out:
        out.append("sin confianza previa registrada: sería un primer contacto")
    for code in ps.closes:
        out.append(_gap_reason(ix, department, code, (a, b)))
    ma, mb = ix.municipality(a), ix.municipality(b)
    if ma and ma == mb:
        out.append(f"ambos en {ix.territory_name(ma)}")
    pdet = sorted({m for m in (ma, mb) if ix.is_pdet(m)})
    if pdet:
        out.append("municipio PDET (" + ", ".join(ix.territory_name(m) for m in pdet) + ")")
    return out


def _gap_reason(ix: Index, department: str, code: str, actors: Sequence[str]) -> str:
    """Spanish sentence for a gap code of :attr:`Proposal.closes`."""
    dname = ix.ctx.departments.get(department, department)
    kind, _, subject = code.partition(":")
    # without any participation or signature recorded in the department, its network
    # families are "sin registros" (docs/analytics.md §7.1): no gap is reported, so the
    # reason says what the pair would join, not which gap it would close
    recorded = _ties_recorded(ix, department)
    if kind == "actor_aislado":
        lonely = [x for x in actors if x in ix.gaps(department)[2]]
        return (f"integraría a {_names(ix, lonely)}, hoy sin vínculos en {dname}" if recorded
                else f"integraría a {_names(ix, lonely)} (sin vínculos registrados en {dname})")
    x, _, y = subject.partition("-")
    if kind == "nivel":
        return f"uniría el nivel {x} con el {y} en {dname}"
    if kind == "primer_acuerdo":
        return f"sería el primer acuerdo {sector_es(x)}–{sector_es(y)} en {dname}"
    if not recorded:
        return f"uniría a los sectores {sector_es(x).lower()} y {sector_es(y).lower()} en {dname}"
    return f"cerraría la brecha {sector_es(x)}–{sector_es(y)} en {dname}"


def _ties_recorded(ix: Index, department: str) -> bool:
    """Whether the store holds a participation or signature of ``department`` (the records
    of the network families, :func:`pat_graph.analytics.record_coverage`)."""
    from pat_graph.analytics import record_coverage

    rec = record_coverage(ix.ctx).get(department)
    return rec is None or rec.participations > 0


def _proposal(ix: Index, department: str, ps: PairScore) -> Proposal:
    ev = ix.evidence(department, *ps.pair)
    nodes = [ix.g.nodes[n] for n in ps.pair]
    return Proposal(
        department_code=department,
        department_name=ix.ctx.departments.get(department, department),
        actor_ids=tuple(str(n.get("id", "")) for n in nodes),
        actor_names=tuple(ix.name(n) for n in ps.pair),
        sectors=tuple(str(n.get("sector", "")) for n in nodes),
        levels=tuple(str(n.get("level", "")) for n in nodes),
        score=ps.score,
        components={"trust": ps.trust, "complementarity": ps.complementarity,
                    "territory": ps.territory, "gap": ps.gap},
        shared_instances=tuple(ix.name(n) for n in ev.instances) if ev else (),
        shared_events=tuple(ix.name(n) for n in ev.events) if ev else (),
        common_partners=tuple(ix.name(n) for n in ev.partners) if ev else (),
        closes=ps.closes,
        reasons=tuple(_reasons(ix, department, ps, ev)),
    )


def recommend(
    g: nx.MultiDiGraph | Context,
    department: str,
    *,
    as_of: str | date | None = None,
    actor: str | None = None,
    missing_sector_only: bool = False,
    top: int = 20,
    seed: int | None = 0,
    learn: bool = True,
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
    windows: int = DEFAULT_WINDOWS,
) -> list[Proposal]:
    """The ``top`` best pairs of actors of ``department`` for a new agreement, explained.

    ``department`` is a DANE code or a name; ``actor`` (id or exact name) keeps
    only pairs that include it; ``missing_sector_only`` keeps only pairs that
    would close a quadruple-helix sector pair the department lacks. Pairs that
    already co-signed an agreement, and self-pairs, are never proposed. Ties
    are broken by a shuffle seeded with ``seed``. The order comes from weights
    learned on the graph's own history (``windows`` windows of ``horizon_months``
    before ``as_of``, :mod:`pat_graph.recommend.learn`), or from the hand formula
    when that history is too thin or ``learn`` is False (:func:`ranking_model`
    says which).
    Raises :class:`~pat_graph.errors.NotFoundError` for an unknown department or actor.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
    >>> recommend(g, "50")
    []
    """
    if top < 1:
        raise InputError("--primeros debe ser al menos 1")
    ix = _index(g, as_of).configure(learn, horizon_months, windows)
    code = department_code(ix.ctx, department)
    ds = ix.scores(code)
    among: np.ndarray | None = None
    if actor is not None:
        among = ds.involving(find(ix.g, actor, "actor").node)
    if missing_sector_only:
        missing = ix.gaps(code)[0]
        pool = np.arange(len(ds)) if among is None else among
        among = np.array([i for i in pool.tolist() if frozenset(
            ix.g.nodes[n].get("sector") for n in ds.pair(i)) in missing], dtype=np.int64)
    if among is None:
        chosen = top_ranked(ds.score, top, seed)
    else:
        # ranked() shuffles the filtered pairs alone: rank them as their own array
        chosen = [int(among[j]) for j in top_ranked(ds.score[among], top, seed)]
    return [_proposal(ix, code, ix.pair_score(ds, i)) for i in chosen]


def recommend_groups(
    g: nx.MultiDiGraph | Context,
    department: str,
    *,
    as_of: str | date | None = None,
    top: int = 5,
    seed: int | None = 0,
    seeds: int = 30,
    learn: bool = True,
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
    windows: int = DEFAULT_WINDOWS,
) -> list[Proposal]:
    """Small groups that would bring the quadruple helix together in ``department``.

    Starting from each of the ``seeds`` best cross-sector pairs (público,
    privado, académico, comunitario), one actor of each helix sector still
    missing is added greedily: the one whose pair scores with the members
    already chosen add up highest. A sector with no actor in the department is
    left out (the group is then a triad) and said so. A group's score is the
    mean pair score of its members (the ranking score of :func:`recommend`);
    groups that already signed one agreement together are skipped.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
    >>> recommend_groups(g, "50")
    []
    """
    ix = _index(g, as_of).configure(learn, horizon_months, windows)
    code = department_code(ix.ctx, department)
    ds = ix.scores(code)
    by_sector: dict[str, list[str]] = {s: [] for s in HELIX_SECTORS}
    for a in ix.candidates(code):
        s = ix.g.nodes[a].get("sector")
        if s in by_sector:
            by_sector[s].append(a)
    present = [s for s in HELIX_SECTORS if by_sector[s]]
    if len(present) < 3:
        return []

    pos = {a: i for i, a in enumerate(ds.candidates)}
    dense = np.zeros((len(pos), len(pos)), dtype=np.float64)
    dense[ds.ia, ds.ib] = ds.score
    dense[ds.ib, ds.ia] = ds.score

    def pscore(a: str, b: str) -> float:
        return float(dense[pos[a], pos[b]]) if a != b else 0.0

    signed_sets = [frozenset(s) for s in ix.agreement_signers.values()]
    sector = [ix.g.nodes[a].get("sector") for a in ds.candidates]
    ok = np.array([x in present for x in sector], dtype=bool)
    sec_code = np.array([present.index(x) if x in present else -1 for x in sector])
    eligible = np.flatnonzero(ok[ds.ia] & ok[ds.ib] & (sec_code[ds.ia] != sec_code[ds.ib]))
    seeds_list = [ds.pair(i) for i in top_ranked(ds.score, seeds, seed, among=eligible)]
    groups: dict[frozenset[str], float] = {}
    for start in seeds_list[:seeds]:
        members = list(start)
        have = {ix.g.nodes[n].get("sector") for n in members}
        for sector in present:
            if sector in have:
                continue
            best = max(by_sector[sector], key=lambda c: (sum(pscore(c, m) for m in members), c))
            members.append(best)
        key = frozenset(members)
        if key in groups or any(key <= s for s in signed_sets):
            continue
        groups[key] = sum(pscore(a, b) for a, b in combinations(members, 2)) / (
            len(members) * (len(members) - 1) / 2)
    best_groups = sorted(groups.items(), key=lambda kv: (-kv[1], sorted(kv[0])))[:top]
    return [_group_proposal(ix, code, sorted(m, key=lambda n: _helix_rank(ix, n)), s,
                            [x for x in HELIX_SECTORS if x not in present])
            for m, s in best_groups]


def _helix_rank(ix: Index, n: str) -> tuple[int, str]:
    s = ix.g.nodes[n].get("sector")
    return (HELIX_SECTORS.index(s) if s in HELIX_SECTORS else 9, n)


def _group_proposal(ix: Index, department: str, members: list[str], score: float,
                    absent: list[str]) -> Proposal:
    dname = ix.ctx.departments.get(department, department)
    pairs = list(combinations(members, 2))
    ev = {pair(a, b): ix.evidence(department, a, b) for a, b in pairs}
    together = set.intersection(*(
        {i for i, ms in ix.instance_members.items() if m in ms} for m in members))
    with_trust = sum(1 for a, b in pairs if ev[pair(a, b)] is not None)
    roles = "; ".join(f"{sector_es(ix.g.nodes[m].get('sector'))}: {ix.name(m)}"
                      for m in members)
    reasons = [f"reuniría la cuádruple hélice en {dname} ({roles})"]
    if together:
        reasons.append(f"los {len(members)} comparten {_plural(len(together), 'instancia', 'instancias')} "
                       f"({_names(ix, sorted(together))})")
    reasons.append(f"{integer(with_trust)} de {_plural(len(pairs), 'pareja', 'parejas')} ya comparten instancias, "
                   "eventos o aliados")
    if absent:
        reasons.append("no hay actor " + ", ".join(sector_es(s) for s in absent)
                       + f" en {dname}: queda fuera")
    shared_i = sorted({i for a, b in pairs for i in (ev.get(pair(a, b)) or Evidence()).instances})
    shared_e = sorted({e for a, b in pairs for e in (ev.get(pair(a, b)) or Evidence()).events})
    missing = ix.gaps(department)[0]
    closes = tuple(sorted({
        "brecha:" + "-".join(sorted(
            (ix.g.nodes[a].get("sector"), ix.g.nodes[b].get("sector")),
            key=HELIX_SECTORS.index))
        for a, b in pairs
        if frozenset((ix.g.nodes[a].get("sector"), ix.g.nodes[b].get("sector"))) in missing}))
    reasons += [_gap_reason(ix, department, code, members) for code in closes]
    return Proposal(
        department_code=department, department_name=dname,
        actor_ids=tuple(str(ix.g.nodes[m].get("id", "")) for m in members),
        actor_names=tuple(ix.name(m) for m in members),
        sectors=tuple(str(ix.g.nodes[m].get("sector", "")) for m in members),
        levels=tuple(str(ix.g.nodes[m].get("level", "")) for m in members),
        score=score, components={},
        shared_instances=tuple(ix.name(i) for i in shared_i),
        shared_events=tuple(ix.name(e) for e in shared_e),
        closes=closes, reasons=tuple(reasons),
    )


def ranking_model(g: nx.MultiDiGraph | Context, as_of: str | date | None = None, *,
                  learn: bool = True, horizon_months: int = DEFAULT_HORIZON_MONTHS,
                  windows: int = DEFAULT_WINDOWS) -> RankingModel:
    """What orders the pairs of :func:`recommend` at ``as_of``: learned weights, or the
    hand formula and why (cached with the index: pass the same Context to both).

    >>> import networkx as nx
    >>> ranking_model(nx.MultiDiGraph(), "2024-01-01").learned
    False
    """
    return _index(g, as_of).configure(learn, horizon_months, windows).model


__all__ = ["Proposal", "index", "ranking_model", "recommend", "recommend_groups"]
