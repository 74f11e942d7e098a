"""Section 7 of docs/analytics.md — the department gap index (índice de brechas), 0 (no gaps) to 100.

One score per department, the weighted sum of five sub-scores in [0, 1]
(one per family of :mod:`pat_graph.analytics.families`, weights in
:data:`WEIGHTS`, definitions in docs/analytics.md §7), a ranking
(1 = most gaps) and a Spanish explanation of every point.

Every sub-score is built so that adding a tie (a participation, a
signature, a programme linkage) can never raise it.

Families the department has no records of score nothing and the index is
rescaled over the others; a department without any records is left out of the
ranking (docs/analytics.md §7.1).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Territory:27", label="Territory", dane_code="27", name="Chocó", kind="department")
>>> g.add_node("Actor:G", label="Actor", id="G", sector="publico", kind="gobernacion")
>>> _ = g.add_edge("Actor:G", "Territory:05", key="LOCATED_IN", type="LOCATED_IN")
>>> gap_index(g)  # a bare list of actors says nothing about articulation: no index
[]
>>> g.add_node("Agreement:K", label="Agreement", id="K", signed="2024-01-01")
>>> _ = g.add_edge("Agreement:K", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> _ = g.add_edge("Actor:G", "Agreement:K", key="SIGNED", type="SIGNED", signed="2024-01-01")
>>> [r] = gap_index(g)  # Chocó has no records: no score, no rank
>>> r.score, r.position, r.components  # (20 sectors + 0.7 · 10 fragility) · 100 / 30
(90.0, 'puesto 1 de 1 departamentos con registros', {'sectores': 66.67, 'fragilidad': 23.33})
>>> r.explanation[0]
'Cobertura de instancias: sin registros (no puntúa)'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph import answers
from pat_graph.analytics.base import Context, context
from pat_graph.analytics.families import REGISTRY
from pat_graph.analytics.families.base import Family
from pat_graph.analytics.records import STALE_MONTHS, DepartmentRecords, record_coverage
from pat_graph.analytics.sectors import HELIX_PAIRS
from pat_graph.formatting import date_es

#: Points of each family in the 0–100 index (they add up to 100), from the registry.
WEIGHTS: dict[str, float] = {f.name: f.weight for f in REGISTRY}


@dataclass
class DepartmentIndex:
    """Gap index of one department: ``score`` 0–100 (higher = more gaps).

    ``score`` and ``rank`` are ``None`` for a department without records (left out
    of the ranking, :attr:`position` "sin registros"); ``ranked`` is how many
    departments with records the ranking has; ``without_records`` the families
    the department has no records of (no sub-score, no points: the index is
    rescaled over the other families); ``stale`` the families whose last record
    is older than the staleness threshold (flagged in ``explanation``).
    """

    department_code: str
    department_name: str
    score: float | None
    rank: int | None = 0
    components: dict[str, float] = field(default_factory=dict)
    explanation: list[str] = field(default_factory=list)
    ranked: int = 0
    without_records: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def has_records(self) -> bool:
        return self.score is not None

    @property
    def position(self) -> str:
        """``puesto X de N departamentos con registros`` or ``sin registros``."""
        if self.rank is None:
            return "sin registros"
        return f"puesto {self.rank} de {self.ranked} departamentos con registros"

    def to_row(self) -> dict[str, Any]:
        return {"rank": self.rank, "department_code": self.department_code,
                "department_name": self.department_name, "score": self.score,
                **{f"points_{k}": v for k, v in self.components.items()},
                "explanation": "; ".join(self.explanation)}


def gap_index(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, weights: dict[str, float] | None = None, stale_months: int = STALE_MONTHS,
    with_unrecorded: bool = False,
) -> list[DepartmentIndex]:
    """Gap index, rank and explanation of every department with records, worst first
    (ties by DANE code). The one definition of the index: every output that shows it
    calls this.

    Each family of :data:`~pat_graph.analytics.families.REGISTRY` that has records in
    the department (:func:`~pat_graph.analytics.records.record_coverage`, the family's
    ``records``) gives a sub-score in [0, 1] and its explanation; the score is the sum
    of weight · sub-score over those families, rescaled by (sum of all weights) / (sum
    of their weights) so it stays 0–100, rounded to one decimal (weights from the
    registry unless ``weights`` overrides them); ``components`` holds each of those
    families' rescaled points (two decimals). A family without records gets no
    points and the line "sin registros de …"; one whose last record is older than
    ``stale_months`` months before the cut-off date keeps its points and is flagged.
    A department with no records of any family has no score and no rank: it is left
    out, or appended after the ranking when ``with_unrecorded``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
    >>> g.add_node("Territory:27", label="Territory", dane_code="27", name="Chocó", kind="department")
    >>> g.add_node("Instance:I", label="Instance", id="I", kind="red_ormet", created="2020-01-01")
    >>> _ = g.add_edge("Instance:I", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
    >>> [r] = gap_index(g, "2024-12-31")
    >>> r.score, r.position, r.components, r.without_records  # (0.7 · 4/5 + 0.3) · 100
    (86.0, 'puesto 1 de 1 departamentos con registros', {'instancias': 86.0}, ['instrumentos', 'sectores', 'programas', 'fragilidad'])
    >>> r.explanation[-1]
    'Cobertura de instancias: último registro del 01/01/2020, más de 24 meses antes del 31/12/2024'
    >>> [x.position for x in gap_index(g, "2024-12-31", with_unrecorded=True)]
    ['puesto 1 de 1 departamentos con registros', 'sin registros']
    """
    w = dict(WEIGHTS if weights is None else weights)
    ctx = context(g, as_of)
    kept = answers.of(ctx.source)
    if kept is None:
        out = _gap_index(ctx, w, stale_months)
    else:
        # a function of the store's state (the key of ``kept``), the date and these
        # arguments: the index an earlier command computed is read back exactly
        params = [ctx.as_of, ctx.today, sorted(w.items()), stale_months]
        out = answers.from_state(list[DepartmentIndex], kept.remember(
            "gap_index", params, lambda: answers.to_state(_gap_index(ctx, w, stale_months))))
    return out if with_unrecorded else [x for x in out if x.score is not None]


def _gap_index(ctx: Context, w: dict[str, float], stale_months: int) -> list[DepartmentIndex]:
    """:func:`gap_index` of every department: the ranked ones, then those without records."""
    records = record_coverage(ctx)
    total = sum(w.get(f.name, 0.0) for f in REGISTRY)
    subs = {f.name: f.score(ctx) for f in REGISTRY}
    out, unrecorded = [], []
    for d, name in ctx.departments.items():
        rec = records[d]
        fams = families_with_records(rec)
        missing = [f.name for f in REGISTRY if f not in fams]
        present = sum(w.get(f.name, 0.0) for f in fams)
        if not fams or not present:
            unrecorded.append(DepartmentIndex(d, name, None, None, {}, ["sin registros"],
                                              without_records=missing))
            continue
        scale = total / present
        expl, stale = [], []
        for f in REGISTRY:
            if f.name in missing:
                expl.append(f"{f.title}: sin registros (no puntúa)")
                continue
            expl += subs[f.name][d].explanation
        for f in fams:
            if rec.is_stale(f.records, stale_months):
                stale.append(f.name)
                expl.append(f"{f.title}: último registro del {date_es(rec.last_of(f.records))}, "
                            f"más de {stale_months} meses antes del {date_es(rec.as_of)}")
        points = {f.name: w.get(f.name, 0.0) * subs[f.name][d].value * scale for f in fams}
        components = {k: round(v, 2) for k, v in points.items()}
        score = round(sum(points.values()), 1)
        out.append(DepartmentIndex(d, name, score, 0, components, expl,
                                   without_records=missing, stale=stale))
    out.sort(key=lambda x: (-x.score, x.department_code))
    for i, x in enumerate(out, 1):
        x.rank = i
        x.ranked = len(out)
    for x in unrecorded:
        x.ranked = len(out)
    return out + unrecorded


def families_with_records(rec: DepartmentRecords) -> list[Family]:
    """The families of :data:`~pat_graph.analytics.families.REGISTRY` that ``rec`` (a
    department's :func:`~pat_graph.analytics.records.record_coverage`) has records of:
    those that score it. None: the department is "sin registros", out of the ranking,
    even if it holds records no family reads (a bare list of actors, events).

    >>> from pat_graph.analytics.records import DepartmentRecords
    >>> r = DepartmentRecords("99", "Vichada", "2025-06-30", actors=31)
    >>> families_with_records(r)
    []
    >>> r.participations = 2  # two signatures of an agreement
    >>> [f.name for f in families_with_records(r)]
    ['sectores', 'fragilidad']
    """
    return [f for f in REGISTRY if rec.has(f.records)]


def national_mean(index: list[DepartmentIndex]) -> float | None:
    """Mean index over the departments with records (``None`` when there are none),
    one decimal: the "promedio nacional" of every output.

    >>> national_mean([DepartmentIndex("05", "A", 40.0), DepartmentIndex("27", "C", None)])
    40.0
    """
    scores = [x.score for x in index if x.score is not None]
    return round(sum(scores) / len(scores), 1) if scores else None


__all__ = ["WEIGHTS", "DepartmentIndex", "families_with_records", "gap_index", "national_mean",
           "HELIX_PAIRS"]
