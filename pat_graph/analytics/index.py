"""Section 7 of docs/analytics.md — the department gap index (índice de brechas), 0 (no gaps) to 100.

One score per department, the weighted sum of five sub-scores in [0, 1]
(one per family of :mod:`pat_graph.analytics.families`, weights in
:data:`WEIGHTS`, definitions in docs/analytics.md §7), a ranking
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

from pat_graph.analytics.base import Context, context
from pat_graph.analytics.families import REGISTRY
from pat_graph.analytics.sectors import HELIX_PAIRS

#: Points of each family in the 0–100 index (they add up to 100), from the registry.
WEIGHTS: dict[str, float] = {f.name: f.weight for f in REGISTRY}


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


def gap_index(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, weights: dict[str, float] | None = None,
) -> list[DepartmentIndex]:
    """Gap index, rank and explanation of every department, worst first (ties by DANE
    code). The one definition of the index: every output that shows it calls this.

    Each family of :data:`~pat_graph.analytics.families.REGISTRY` gives a sub-score in
    [0, 1] and its explanation; the score is the sum of weight · sub-score (weights
    from the registry unless ``weights`` overrides them), rounded to one decimal;
    ``components`` holds each family's points (two decimals).
    """
    w = dict(WEIGHTS if weights is None else weights)
    ctx = context(g, as_of)
    subs = {f.name: f.score(ctx) for f in REGISTRY}
    out = []
    for d, name in ctx.departments.items():
        sub = {fam: s[d] for fam, s in subs.items()}
        expl = [line for s in sub.values() for line in s.explanation]
        components = {k: round(w.get(k, 0.0) * v.value, 2) for k, v in sub.items()}
        score = round(sum(w.get(k, 0.0) * v.value for k, v in sub.items()), 1)
        out.append(DepartmentIndex(d, name, score, 0, components, expl))
    out.sort(key=lambda x: (-x.score, x.department_code))
    for i, x in enumerate(out, 1):
        x.rank = i
    return out


__all__ = ["WEIGHTS", "DepartmentIndex", "gap_index", "HELIX_PAIRS"]
