"""What opened and what closed between two dates: the one definition of "what changed".

A thing exists at a date by the analytics' as-of rule
(:func:`pat_graph.analytics.base.alive`: no start property after the date, no
``until`` before it). Between ``desde`` and ``hasta`` it **opened** (``nuevo``) when
it exists at ``hasta`` and did not at ``desde``, and **closed** (``terminado``) when
the reverse: what started in (``desde``, ``hasta``] or ended in [``desde``,
``hasta``). A tie (a signature, a participation, a programme linkage) exists when it,
and both its ends, do. :data:`KINDS` lists what is compared:

- ``acuerdo``: agreements (signed: ``signed``);
- ``instancia``: instances (created: ``created``);
- ``firma``: an actor signing an agreement (``SIGNED``);
- ``participacion``: an actor's membership of an instance (``PARTICIPATES_IN``:
  ``since``, ``until``);
- ``instrumento``: policy instruments (adopted: ``date``);
- ``articulacion``: a programme's linkage with a territory (``LINKED_TO``: ``date``);
- ``evento``: events (``date``).

In the exchange format only participations carry an end (``hasta``), so the other
kinds only open, unless a record has an ``until``.

:func:`changes` lists them, with the counts and the gap index
(:func:`~pat_graph.analytics.index.gap_index`) at both dates, for the whole graph or a
department; the query ``cambios_actor`` (:mod:`pat_graph.query_library`) is
:func:`tie_changes` of one actor.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Actor:A", label="Actor", id="A", name="Gobernación", sector="publico")
>>> _ = g.add_edge("Actor:A", "Territory:05", key="LOCATED_IN", type="LOCATED_IN")
>>> g.add_node("Instance:I", label="Instance", id="I", name="Red", kind="red_ormet", created="2021-03-01")
>>> _ = g.add_edge("Instance:I", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> _ = g.add_edge("Actor:A", "Instance:I", key="PARTICIPATES_IN", type="PARTICIPATES_IN",
...                since="2021-03-01", until="2023-06-30")
>>> c = changes(g, "2021-01-01", "2022-12-31")
>>> [(x.change, x.kind, x.id, x.date) for x in c.items]
[('nuevo', 'instancia', 'I', '2021-03-01'), ('nuevo', 'participacion', 'I', '2021-03-01')]
>>> [(x.change, x.kind, x.actor_id, x.date) for x in changes(g, "2022", "2024").items]
[('terminado', 'participacion', 'A', '2023-06-30')]
>>> c.counts["instancia"], c.total
({'nuevo': 1, 'terminado': 0}, {'nuevo': 2, 'terminado': 0})
>>> d = changes(g, "2021-01-01", "2022-12-31", department="05")
>>> d.department_name, d.index_a.score, d.index_b.score  # first only the actor: no index
('Antioquia', None, 88.2)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import Context, alive, context, normalize_date
from pat_graph.analytics.index import DepartmentIndex, gap_index, national_mean
from pat_graph.errors import InputError
from pat_graph.formatting import date_es
from pat_graph.model import (
    AGREEMENT,
    EVENT,
    INSTANCE,
    INSTRUMENT,
    LINKED_TO,
    PARTICIPATES_IN,
    SIGNED,
)

#: What is compared, in the order it is listed: kind -> Spanish heading.
KINDS: dict[str, str] = {
    "acuerdo": "Acuerdos",
    "instancia": "Instancias",
    "firma": "Firmas de acuerdos",
    "participacion": "Participaciones en instancias",
    "instrumento": "Instrumentos de política",
    "articulacion": "Articulaciones de programas",
    "evento": "Eventos",
}
#: Node label of each node kind.
NODE_KINDS: dict[str, str] = {"acuerdo": AGREEMENT, "instancia": INSTANCE,
                              "instrumento": INSTRUMENT, "evento": EVENT}
#: Relationship type of each tie kind.
TIE_KINDS: dict[str, str] = {"firma": SIGNED, "participacion": PARTICIPATES_IN,
                             "articulacion": LINKED_TO}
#: ``nuevo`` / ``terminado`` as a person reads them, per kind (singular).
CHANGE_ES: dict[str, dict[str, str]] = {
    "acuerdo": {"nuevo": "firmado", "terminado": "terminado"},
    "instancia": {"nuevo": "creada", "terminado": "cerrada"},
    "firma": {"nuevo": "firmó", "terminado": "dejó el acuerdo"},
    "participacion": {"nuevo": "entró", "terminado": "salió"},
    "instrumento": {"nuevo": "adoptado", "terminado": "terminado"},
    "articulacion": {"nuevo": "nueva", "terminado": "terminada"},
    "evento": {"nuevo": "realizado", "terminado": "retirado"},
}
CHANGES: tuple[str, str] = ("nuevo", "terminado")


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that opened (``change == "nuevo"``) or closed (``"terminado"``).

    ``node``/``id``/``name``: the agreement, instance, instrument or event (for a tie:
    the agreement or instance the actor signed or joined; for a linkage: the
    programme); ``actor``/``actor_id``/``actor_name``: the actor of a signature or a
    participation; ``territory``: the territory of a linkage; ``start``/``end``: the
    thing's start (``since``, ``signed``, ``created`` or ``date``) and ``until``;
    ``date``: when it changed (``start`` of what opened, ``end`` of what closed).
    """

    change: str
    kind: str
    node: str
    id: str | None
    name: str | None
    department_code: str | None
    start: str | None = None
    end: str | None = None
    role: str | None = None
    actor: str | None = None
    actor_id: str | None = None
    actor_name: str | None = None
    territory: str | None = None
    territory_name: str | None = None

    @property
    def date(self) -> str | None:
        return self.start if self.change == "nuevo" else self.end

    @property
    def change_es(self) -> str:
        """The change as a person reads it for this kind (``creada``, ``salió`` ...)."""
        return CHANGE_ES[self.kind][self.change]

    def to_row(self) -> dict[str, Any]:
        return {"change": self.change, "kind": self.kind, "change_es": self.change_es,
                "date": self.date, "id": self.id, "name": self.name,
                "department_code": self.department_code, "start": self.start,
                "end": self.end, "role": self.role, "actor": self.actor,
                "actor_id": self.actor_id, "actor_name": self.actor_name,
                "territory": self.territory, "territory_name": self.territory_name}


@dataclass
class Changes:
    """Everything that opened and closed between ``desde`` and ``hasta`` (ISO dates).

    ``items`` by kind (:data:`KINDS` order), change, date and id; ``counts`` kind ->
    ``{"nuevo": n, "terminado": m}``; for a department, ``index_a``/``index_b`` its
    :class:`~pat_graph.analytics.index.DepartmentIndex` at each date (``None`` when it
    was not in the graph); for the whole graph ``national_a``/``national_b`` the
    national mean of the index, and ``index_change`` every department's score at both
    dates (:func:`~pat_graph.analytics.index.index_changes`).
    """

    desde: str
    hasta: str
    department_code: str | None = None
    department_name: str | None = None
    items: list[Change] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    index_a: DepartmentIndex | None = None
    index_b: DepartmentIndex | None = None
    national_a: float | None = None
    national_b: float | None = None
    index_change: list[dict[str, Any]] = field(default_factory=list)

    def of(self, kind: str, change: str | None = None) -> list[Change]:
        """The items of one kind (and change)."""
        return [x for x in self.items if x.kind == kind and (change is None or x.change == change)]

    @property
    def total(self) -> dict[str, int]:
        """``{"nuevo": n, "terminado": m}`` over every kind."""
        return {c: sum(v[c] for v in self.counts.values()) for c in CHANGES}


# ---------------------------------------------------------------------- the rule
def check_period(desde: str | date, hasta: str | date) -> tuple[str, str]:
    """The two dates as ISO; ``desde`` after ``hasta`` is an error.

    >>> check_period("31/12/2022", "2024")
    ('2022-12-31', '2024-01-01')
    >>> check_period("2024-06-30", "01/01/2024")
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: la fecha «desde» (30/06/2024) es posterior a «hasta» (01/01/2024): ponga primero la más antigua
    """
    a, b = normalize_date(desde), normalize_date(hasta)
    assert a is not None and b is not None
    if a > b:
        raise InputError(f"la fecha «desde» ({date_es(a)}) es posterior a «hasta» "
                         f"({date_es(b)}): ponga primero la más antigua")
    return a, b


def change_of(parts: Iterable[dict[str, Any]], desde: str, hasta: str) -> str | None:
    """``nuevo``, ``terminado`` or ``None`` (no change) of something made of ``parts``
    (property dicts: a node, or a relationship and its two ends), which exists at a
    date when every part is :func:`~pat_graph.analytics.base.alive` (ISO dates).

    >>> change_of([{"since": "2022-05-01"}], "2022-01-01", "2023-01-01")
    'nuevo'
    >>> change_of([{"until": "2022-05-01"}, {}], "2022-01-01", "2023-01-01")
    'terminado'
    >>> change_of([{"since": "2024-05-01"}], "2022-01-01", "2023-01-01") is None
    True
    """
    parts = list(parts)
    before = all(alive(x, desde) for x in parts)
    after = all(alive(x, hasta) for x in parts)
    if before == after:
        return None
    return "nuevo" if after else "terminado"


def _start(data: dict[str, Any]) -> str | None:
    """When a node started: its ``signed``, ``created`` or ``date`` (the first present)."""
    return next((v for v in (data.get(p) for p in ("signed", "created", "date"))
                 if v is not None), None)


def tie_start(tie: dict[str, Any], hub: dict[str, Any]) -> str | None:
    """When a signature or a participation started: its ``since``, else the agreement's
    ``signed`` or the instance's ``created`` (``coalesce(r.since, h.signed, h.created)``).

    >>> tie_start({}, {"signed": "2023-04-01"}), tie_start({"since": "2024-01-01"}, {"created": "2020-01-01"})
    ('2023-04-01', '2024-01-01')
    """
    return next((v for v in (tie.get("since"), hub.get("signed"), hub.get("created"))
                 if v is not None), None)


def tie_changes(g: nx.MultiDiGraph, desde: str, hasta: str, *,
                actor: str | None = None, kinds: Iterable[str] = ("firma", "participacion"),
                department_of: Any = None) -> Iterator[Change]:
    """Signatures and participations (and, with ``"articulacion"`` in ``kinds``,
    programme linkages) that opened or closed, in the graph's order; of one ``actor``
    (node id) when given. ``department_of(node)`` gives each its department (the
    agreement's or instance's; the actor's when that one is national; the territory's
    of a linkage). ISO dates, checked by the caller.

    ``start`` of a signature or a participation is its ``since``, else the agreement's
    ``signed`` or the instance's ``created`` (what ``cambios_actor`` calls ``inicio``).
    """
    wanted = {TIE_KINDS[k]: k for k in kinds}
    dept = department_of or (lambda n: None)
    if actor is not None:
        edges: Iterable[tuple[str, str, dict[str, Any]]] = (
            (actor, v, e) for v, keys in g.succ[actor].items() for e in keys.values()
        ) if actor in g else ()
    else:
        edges = g.edges(data=True)
    nodes = g.nodes
    for u, v, e in edges:
        kind = wanted.get(e.get("type"))
        if kind is None:
            continue
        ud, vd = nodes[u], nodes[v]
        ch = change_of((ud, e, vd), desde, hasta)
        if ch is None:
            continue
        if kind == "articulacion":
            yield Change(ch, kind, u, ud.get("id"), ud.get("name"), dept(v),
                         start=e.get("date"), end=e.get("until"), role=e.get("kind"),
                         actor_id=e.get("actor"), territory=vd.get("dane_code"),
                         territory_name=vd.get("name"))
            continue
        yield Change(ch, kind, v, vd.get("id"), vd.get("name"), dept(v) or dept(u),
                     start=tie_start(e, vd), end=e.get("until"), role=e.get("role"),
                     actor=u, actor_id=ud.get("id"), actor_name=ud.get("name"))


def node_changes(g: nx.MultiDiGraph, desde: str, hasta: str, *,
                 kinds: Iterable[str] = tuple(NODE_KINDS),
                 department_of: Any = None) -> Iterator[Change]:
    """Agreements, instances, instruments and events that opened or closed (ISO dates)."""
    wanted = {NODE_KINDS[k]: k for k in kinds}
    dept = department_of or (lambda n: None)
    for n, a in g.nodes(data=True):
        kind = wanted.get(a.get("label"))
        if kind is None:
            continue
        ch = change_of((a,), desde, hasta)
        if ch is not None:
            yield Change(ch, kind, n, a.get("id"), a.get("name"), dept(n),
                         start=_start(a), end=a.get("until"))


# ---------------------------------------------------------------------- the answer
def changes(g: nx.MultiDiGraph | Context, desde: str | date, hasta: str | date, *,
            department: str | None = None,
            contexts: tuple[Context, Context] | None = None,
            indexes: tuple[list[DepartmentIndex], list[DepartmentIndex]] | None = None,
            ) -> Changes:
    """Everything that opened and closed between ``desde`` and ``hasta`` (any date form
    :func:`pat_graph.dates.parse_date` reads; ``desde`` after ``hasta`` raises
    :class:`~pat_graph.errors.InputError`), of the whole graph or of ``department``
    (a DANE code), with the gap index at both dates.

    ``contexts`` (the :class:`~pat_graph.analytics.base.Context` of ``g`` at each date)
    and ``indexes`` (:func:`~pat_graph.analytics.index.gap_index` of each, with the
    departments without records) may be passed when the caller has them already (the
    workbench's cache); they are computed otherwise.

    A thing belongs to the department its agreement, instance, instrument, event or
    linked territory is in (:meth:`~pat_graph.analytics.base.Context.department_of`); a
    tie through a national instance or agreement to its actor's department.
    """
    a, b = check_period(desde, hasta)
    source = g.source if isinstance(g, Context) else g
    ca, cb = contexts if contexts is not None else (context(source, a), context(source, b))
    if department is not None and department not in ca.departments \
            and department not in cb.departments:
        raise InputError(f"«{department}» no es un departamento del grafo")

    def dept_of(n: str) -> str | None:
        d = cb.department_of(n)
        return d if d is not None else ca.department_of(n)

    items = list(node_changes(source, a, b, department_of=dept_of))
    items += tie_changes(source, a, b, kinds=("firma", "participacion", "articulacion"),
                         department_of=dept_of)
    if department is not None:
        items = [x for x in items if x.department_code == department]
    order = {k: i for i, k in enumerate(KINDS)}
    items.sort(key=lambda x: (order[x.kind], x.change != "nuevo", x.date or "", x.id or "",
                              x.actor_id or "", x.territory or "", x.node, x.role or ""))
    counts = {k: dict.fromkeys(CHANGES, 0) for k in KINDS}
    for x in items:
        counts[x.kind][x.change] += 1
    ia, ib = indexes if indexes is not None else (gap_index(ca, with_unrecorded=True),
                                                  gap_index(cb, with_unrecorded=True))
    out = Changes(a, b, department, None, items, counts)
    if department is not None:
        out.index_a = next((x for x in ia if x.department_code == department), None)
        out.index_b = next((x for x in ib if x.department_code == department), None)
        out.department_name = (cb.departments.get(department)
                               or ca.departments.get(department))
    out.national_a, out.national_b = national_mean(ia), national_mean(ib)
    out.index_change = index_changes(ia, ib, department)
    return out


def index_changes(index_a: list[DepartmentIndex], index_b: list[DepartmentIndex],
                  department: str | None = None) -> list[dict[str, Any]]:
    """Each department's gap index at two dates (``score_a``, ``score_b``) and the
    ``change`` (``None`` when one is missing), by DANE code; of one department when given:
    what :func:`pat_graph.analytics.compare` and :func:`changes` report.

    >>> index_changes([DepartmentIndex("05", "Antioquia", 40.0)],
    ...               [DepartmentIndex("05", "Antioquia", 35.5), DepartmentIndex("27", "Chocó", 60.0)])
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'department_code': '05', 'department_name': 'Antioquia', 'score_a': 40.0, 'score_b': 35.5, 'change': -4.5},
     {'department_code': '27', 'department_name': 'Chocó', 'score_a': None, 'score_b': 60.0, 'change': None}]
    """
    ia = {x.department_code: x for x in index_a}
    out = []
    for x in index_b:
        if department is not None and x.department_code != department:
            continue
        before = ia[x.department_code].score if x.department_code in ia else None
        out.append({
            "department_code": x.department_code, "department_name": x.department_name,
            "score_a": before, "score_b": x.score,
            "change": None if before is None or x.score is None
            else round(x.score - before, 1)})
    out.sort(key=lambda r: r["department_code"])
    return out


__all__ = ["CHANGES", "CHANGE_ES", "KINDS", "Change", "Changes", "change_of", "changes",
           "check_period", "index_changes", "node_changes", "tie_changes", "tie_start"]
