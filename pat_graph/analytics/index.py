"""Family 7 — the department gap index (índice de brechas), 0 (no gaps) to 100.

One score per department, the weighted sum of five sub-scores in [0, 1]
(weights in :data:`WEIGHTS`, definitions in docs/analytics.md §7), a ranking
(1 = most gaps) and a Spanish explanation of every point.

Every sub-score is built so that adding a tie (a participation, a
signature, a programme linkage) can never raise it.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> [r] = gap_index(g)
>>> r.score, r.rank  # 25 instances + 0.7·20 instruments + 20 sectors + 0 programmes + 10 fragility
(69.0, 1)
>>> r.explanation[0]
'faltan 5 de 5 instancias activas (Subcomisión de Concertación, Subcomité de Desarrollo Administrativo, Red de Formalización, Red ORMET, Comisión Regional de Competitividad)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import HELIX_SECTORS, Context, context, tie_profile
from pat_graph.analytics.coverage import instance_coverage
from pat_graph.analytics.instruments import instrument_gaps
from pat_graph.analytics.linkages import _KIND_STATE, programme_linkages
from pat_graph.analytics.network_fragility import fragility
from pat_graph.analytics.sectors import HELIX_PAIRS, sector_articulation
from pat_graph.model import INSTRUMENT_KINDS, SEED_INSTANCE_KINDS, label_es

#: Points of each family in the 0–100 index (they add up to 100).
WEIGHTS: dict[str, float] = {
    "instancias": 25.0,
    "instrumentos": 20.0,
    "sectores": 20.0,
    "programas": 25.0,
    "fragilidad": 10.0,
}


@dataclass
class DepartmentIndex:
    """Gap index of one department: ``score`` 0–100 (higher = more gaps)."""

    department_code: str
    department_name: str
    score: float
    rank: int = 0
    components: dict[str, float] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)

    def to_row(self) -> dict[str, Any]:
        return {"rank": self.rank, "department_code": self.department_code,
                "department_name": self.department_name, "score": self.score,
                **{f"points_{k}": v for k, v in self.components.items()},
                "explanation": "; ".join(self.explanation)}


def _es(vocab: str, values: list[str]) -> str:
    return ", ".join(label_es(vocab, v) for v in values)


def _pair_es(a: str, b: str) -> str:
    return f"{label_es('sector', a).lower()}–{label_es('sector', b).lower()}"


def gap_index(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, weights: dict[str, float] | None = None,
) -> list[DepartmentIndex]:
    """Gap index, rank and explanation of every department, worst first.

    Sub-scores (each in [0, 1]):

    * instancias = 0.7 · missing seed kinds / 5 + 0.3 · missing Subcomisión
      parties / 3 (3 when there is no active Subcomisión);
    * instrumentos = 0.7 · missing departmental kinds / 5 + 0.15 · [an adopted
      decent-work policy is not sustainable] + 0.15 · [an instrument is stalled];
    * sectores = 1 − helix completeness;
    * programas = mean over programmes of (3 − state) / 3, state 0 none … 3 feedback;
    * fragilidad = 0.4 · isolated share + 0.3 · share of actors whose group has
      no public actor + 0.3 · (1 − robust helix pairs / 6), a pair being robust
      when its ties do not all touch one same actor. Shares are over the
      actors located in the department.
    """
    w = dict(WEIGHTS if weights is None else weights)
    ctx = context(g, as_of)
    cov = {c.department_code: c for c in instance_coverage(ctx)}
    ins = {r.department_code: r for r in instrument_gaps(ctx)}
    sec = {r.department_code: r for r in sector_articulation(ctx)}
    fra = {f.department_code: f for f in fragility(ctx)}
    link = programme_linkages(ctx)
    nprog = len(link.programmes)
    out = []
    for d, name in ctx.departments.items():
        expl: list[str] = []
        sub: dict[str, float] = {}
        # instances
        c = cov[d]
        parties = c.subcomision_missing_parties if c.has_subcomision else [
            "gobierno", "empleadores", "trabajadores"]
        sub["instancias"] = (0.7 * len(c.missing_kinds) / len(SEED_INSTANCE_KINDS)
                             + 0.3 * len(parties) / 3)
        if c.missing_kinds:
            expl.append(f"faltan {len(c.missing_kinds)} de {len(SEED_INSTANCE_KINDS)} instancias "
                        f"activas ({_es('instance_kind', c.missing_kinds)})")
        if c.has_subcomision and parties:
            expl.append(f"Subcomisión de Concertación no tripartita: sin {', '.join(parties)}")
        # instruments
        r = ins[d]
        sub["instrumentos"] = (0.7 * len(r.missing_kinds) / len(INSTRUMENT_KINDS)
                               + 0.15 * bool(r.unsustainable_policies) + 0.15 * bool(r.stalled))
        if r.missing_kinds:
            expl.append(f"faltan {len(r.missing_kinds)} de {len(INSTRUMENT_KINDS)} instrumentos "
                        f"departamentales ({_es('instrument_kind', r.missing_kinds).lower()})")
        if r.unsustainable_policies:
            expl.append("política de trabajo decente sin financiación o estructura administrativa")
        if r.stalled:
            expl.append(f"{len(r.stalled)} instrumento(s) estancado(s) en diagnóstico/formulación")
        # sectors
        s = sec[d]
        sub["sectores"] = 1.0 - s.helix_completeness
        absent = [x for x in HELIX_SECTORS if x not in s.helix_sectors_present]
        if absent:
            expl.append(f"sin actores articulados del sector {_es('sector', absent).lower()}")
        for p in s.missing_pairs:
            a, b = p.split("-")
            if a in s.helix_sectors_present and b in s.helix_sectors_present:
                expl.append(f"sin vínculo {_pair_es(a, b)}")
        # programmes
        if nprog:
            deficit = 0.0
            for p in link.programmes:
                kinds = link.flags.get((d, p), ())
                state = max((_KIND_STATE[k] for k in kinds), default=0)
                deficit += (3 - state) / 3
            sub["programas"] = deficit / nprog
            never = sum(1 for p in link.programmes if not link.flags.get((d, p)))
            soc_only = sum(1 for p in link.programmes
                           if "socializacion" in link.flags.get((d, p), ())
                           and "implementacion" not in link.flags.get((d, p), ()))
            no_fb = sum(1 for p in link.programmes
                        if "implementacion" in link.flags.get((d, p), ())
                        and "retroalimentacion" not in link.flags.get((d, p), ()))
            if never:
                expl.append(f"{never} de {nprog} programas sin socializar")
            if soc_only:
                expl.append(f"{soc_only} de {nprog} programas socializados sin implementar")
            if no_fb:
                expl.append(f"{no_fb} de {nprog} programas implementados sin retroalimentación")
        else:
            sub["programas"] = 0.0
        # fragility
        f = fra[d]
        net = ctx.actor_network(d)
        own = [a for a in net if ctx.department_of(a) == d]  # the department's own actors
        n = len(own)
        public_reach = set()
        for comp in ctx.components(d):
            if any(net.nodes[a].get("sector") == "publico" for a in comp):
                public_reach |= comp
        cut_off = sum(1 for a in own if a not in public_reach)
        robust = _robust(ctx.tie_profile(d).pair_common)
        sub["fragilidad"] = ((0.4 * len(f.isolated) / n + 0.3 * cut_off / n) if n else 0.7) \
            + 0.3 * (1 - len(robust) / len(HELIX_PAIRS))
        if f.isolated:
            expl.append(f"{len(f.isolated)} de {n} actores aislados")
        if f.groups_without_public:
            expl.append(f"{len(f.groups_without_public)} grupo(s) sin vínculo con actores públicos")
        for p, actor in sorted(f.single_broker_pairs.items()):
            a, b = p.split("-")
            expl.append(f"el vínculo {_pair_es(a, b)} depende solo de {f.who(actor)}")
        components = {k: round(w.get(k, 0.0) * v, 2) for k, v in sub.items()}
        score = round(sum(w.get(k, 0.0) * v for k, v in sub.items()), 1)
        out.append(DepartmentIndex(d, name, score, 0, components, expl))
    out.sort(key=lambda x: (-x.score, x.department_code))
    for i, x in enumerate(out, 1):
        x.rank = i
    return out


def _robust_pairs(net: nx.Graph) -> set[str]:
    """Helix pairs whose ties do not all touch one same actor (no single broker)."""
    return _robust(tie_profile(net).pair_common)


def _robust(pair_common: dict[str, set[str]]) -> set[str]:
    return {p for p, c in pair_common.items() if not c}


__all__ = ["WEIGHTS", "DepartmentIndex", "gap_index", "HELIX_PAIRS"]
