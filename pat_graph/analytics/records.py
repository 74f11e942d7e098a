"""Record coverage (cobertura de registros): what the store holds for each department.

Missing records are not missing instances. Before a department is said to lack
an instance, an instrument or a programme linkage, the store must hold records
of that kind for it; :func:`record_coverage` counts them — actors, instances,
instruments, agreements, events and Nation–Territory linkages — with the first
and last record date (dates read by :func:`pat_graph.dates.parse_date`). The
gap families (:mod:`pat_graph.analytics.families`, field ``records``) and the
gap index (:func:`pat_graph.analytics.gap_index`) read it to leave a family
"sin registros" instead of reporting its gaps, and ``pat-graph cobertura``,
``pat-graph stats`` and the ficha show it (docs/analytics.md §7.1).

Which node belongs to which department is the analytics' own attribution
(:meth:`pat_graph.analytics.base.Context.department_of`); a linkage is what
:func:`pat_graph.analytics.linkages.linkage_edges` yields.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Territory:27", label="Territory", dane_code="27", name="Chocó", kind="department")
>>> g.add_node("Instance:I1", label="Instance", id="I1", kind="red_ormet", created="2021-03-01")
>>> _ = g.add_edge("Instance:I1", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> cov = record_coverage(g, "2024-06-30")
>>> r = cov["05"]
>>> r.instances, r.actors, r.first_record, r.last_record, r.has_records
(1, 0, '2021-03-01', '2021-03-01', True)
>>> cov["27"].has_records, cov["27"].last_record
(False, None)
>>> r.stale_kinds(24)  # last instance record older than 24 months before 30/06/2024
['instances']
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import START_PROPERTIES, Context, context, started
from pat_graph.analytics.linkages import linkage_edges
from pat_graph.dates import DateError, parse_date
from pat_graph.model import (
    ACTOR,
    AGREEMENT,
    ATTENDED,
    EVENT,
    INSTANCE,
    INSTRUMENT,
    PARTICIPATES_IN,
    SIGNED,
)

#: Record kinds counted per department, in display order, with their Spanish names.
KINDS_ES: dict[str, str] = {
    "actors": "actores", "instances": "instancias", "instruments": "instrumentos",
    "agreements": "acuerdos", "events": "eventos", "linkages": "articulaciones",
}
KINDS: tuple[str, ...] = tuple(KINDS_ES)
_LABEL_KIND = {ACTOR: "actors", INSTANCE: "instances", INSTRUMENT: "instruments",
               AGREEMENT: "agreements", EVENT: "events"}
#: Relationships whose dates are also dates of the record they point to (a
#: participation is a record of the instance, a signature of the agreement ...)
#: and of the actor they start from.
_MEMBER_RELS = frozenset({PARTICIPATES_IN, SIGNED, ATTENDED})
#: The relationships the actor network's ties come from (:mod:`pat_graph.analytics.projection`).
_TIE_RELS = frozenset({PARTICIPATES_IN, SIGNED})

#: Default staleness threshold: a family whose last record is older than this
#: many months before the cut-off date is flagged in the index explanation.
STALE_MONTHS = 24


@dataclass
class DepartmentRecords:
    """What the store holds for one department (at the cut-off date).

    One count per record kind of :data:`KINDS`; ``first``/``last`` map a kind to
    its first / last record date (ISO, ``None`` when no record of it is dated);
    ``first_record`` / ``last_record`` are over every kind; ``programmes`` is how many
    national programmes have a linkage with the department. ``as_of`` is the
    date staleness is measured from (the cut-off date, or today).
    """

    department_code: str
    department_name: str
    as_of: str
    actors: int = 0
    instances: int = 0
    instruments: int = 0
    agreements: int = 0
    events: int = 0
    linkages: int = 0
    programmes: int = 0
    #: Participations and signatures (an actor in an instance, on an agreement) of the
    #: department's instances and agreements, and of its actors in national ones: the
    #: records the actor network's ties come from (not a column of its own: they are
    #: rows of the instances' and agreements' files).
    participations: int = 0
    first: dict[str, str | None] = field(default_factory=dict)
    last: dict[str, str | None] = field(default_factory=dict)

    @property
    def counts(self) -> dict[str, int]:
        """Kind -> count, in :data:`KINDS` order."""
        return {k: getattr(self, k) for k in KINDS}

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def has_records(self) -> bool:
        """Whether the store holds any record for the department."""
        return self.total > 0

    @property
    def first_record(self) -> str | None:
        return min((d for d in self.first.values() if d), default=None)

    @property
    def last_record(self) -> str | None:
        return max((d for d in self.last.values() if d), default=None)

    def has(self, kinds: tuple[str, ...] | list[str]) -> bool:
        """Whether there is a record of any of ``kinds``."""
        return any(getattr(self, k) for k in kinds)

    def last_of(self, kinds: tuple[str, ...] | list[str]) -> str | None:
        """Last record date over ``kinds`` (``None`` when none is dated)."""
        return max((d for k in kinds if (d := self.last.get(k))), default=None)

    def is_stale(self, kinds: tuple[str, ...] | list[str], months: int = STALE_MONTHS) -> bool:
        """Whether ``kinds`` have records whose last date is more than ``months``
        months before :attr:`as_of` (undated records are never stale)."""
        last = self.last_of(kinds)
        return last is not None and self.has(kinds) and last < months_before(self.as_of, months)

    def stale_kinds(self, months: int = STALE_MONTHS) -> list[str]:
        """The kinds of :data:`KINDS` that :meth:`is_stale`."""
        return [k for k in KINDS if self.is_stale((k,), months)]

    def to_row(self) -> dict[str, Any]:
        """A flat row (``pat-graph cobertura --json/--csv/--xlsx``)."""
        return {"department_code": self.department_code,
                "department_name": self.department_name, **self.counts,
                "programmes": self.programmes,
                "first_record": self.first_record, "last_record": self.last_record,
                "has_records": self.has_records}


def months_before(iso: str, months: int) -> str:
    """The ISO date ``months`` calendar months before ``iso`` (day clipped to the month).

    >>> months_before("2024-06-30", 24), months_before("2024-03-31", 1)
    ('2022-06-30', '2024-02-29')
    """
    y, m, d = (int(x) for x in iso[:10].split("-"))
    k = y * 12 + (m - 1) - months
    y, m = divmod(k, 12)
    m += 1
    return date(y, m, min(d, calendar.monthrange(y, m)[1])).isoformat()


def record_coverage(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
) -> dict[str, DepartmentRecords]:
    """:class:`DepartmentRecords` of every department of the graph (DANE code ->
    records, sorted by code), counted in the snapshot at ``as_of`` (every record when
    ``None``; staleness then measured from today). The one definition of "what the
    store holds": the gap index, the families, ``cobertura``, ``stats`` and the ficha
    call it. Memoised on a :class:`~pat_graph.analytics.base.Context`.
    """
    ctx = context(g, as_of)
    return ctx.memo("record_coverage", lambda: _coverage(ctx))


def _coverage(ctx: Context) -> dict[str, DepartmentRecords]:
    # what the store holds by the cut-off date: participations that have ended are
    # records too (the snapshot, ``ctx.graph``, leaves them out: they are not current)
    g, held = ctx.graph, ctx.source
    out = {d: DepartmentRecords(d, name, ctx.today) for d, name in ctx.departments.items()}
    dates: dict[tuple[str, str], list[str]] = {}

    def add(dept: str | None, kind: str, when: list[str]) -> None:
        rec = out.get(dept) if dept is not None else None
        if rec is None:
            return
        setattr(rec, kind, getattr(rec, kind) + 1)
        if when:
            dates.setdefault((dept, kind), []).extend(when)

    for n, a in g.nodes(data=True):
        kind = _LABEL_KIND.get(a.get("label"))
        if kind is None:
            continue
        when = _dates(a)
        dept = ctx.department_of(n)
        for u, _v, e in (held.in_edges(n, data=True) if kind != "actors"
                         else held.out_edges(n, data=True)):
            if e.get("type") in _MEMBER_RELS and started(e, ctx.as_of):
                when += _dates(e)
                if kind != "actors" and e.get("type") in _TIE_RELS:  # counted once, here
                    add(dept if dept is not None else ctx.department_of(u),
                        "participations", _dates(e))
        add(dept, kind, when)
    programmes: dict[str, set[str]] = {}
    for t, pid, _kind, u, _v, e in linkage_edges(g):
        when = _dates(e) or (_dates(g.nodes[u]) if g.nodes[u].get("label") == EVENT else [])
        dept = ctx.territory_department.get(t)
        add(dept, "linkages", when)
        if dept in out:
            programmes.setdefault(dept, set()).add(pid)
    for dept, ps in programmes.items():
        out[dept].programmes = len(ps)
    for (dept, kind), when in dates.items():
        out[dept].first[kind] = min(when)
        out[dept].last[kind] = max(when)
    return out


def _dates(attrs: dict[str, Any]) -> list[str]:
    out = []
    for prop in START_PROPERTIES:
        v = attrs.get(prop)
        if v in (None, ""):
            continue
        try:
            out.append(parse_date(v, keep_time=False))
        except DateError:
            continue  # the loader already reported it; a bad date is no date
    return out


__all__ = ["KINDS", "KINDS_ES", "STALE_MONTHS", "DepartmentRecords", "months_before",
           "record_coverage"]
