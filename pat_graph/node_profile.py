"""One participation instance, one agreement or one national programme on one screen
(the workbench's /instancia, /acuerdo and /programa pages, ``pat-graph instancia``).

The companions of :func:`pat_graph.profile.actor_profile`, in the same style: each
resolves what a person typed with :func:`pat_graph.lookup.find` (id, name, with or
without accents), reads the graph as of a date and returns plain dataclasses with a
``to_dict()`` for JSON (English keys, Spanish labels next to the vocabulary codes).
Every number is the ficha's: the member count, composition by sector and missing
sectors of an instance are its row in the department ficha
(:func:`pat_graph.report.build.instance_row`, the missing sectors of
:func:`pat_graph.analytics.instance_coverage`); an agreement's signatories its row
there (:func:`~pat_graph.report.build.agreement_row`); a programme's Nation–Territory
loop is :func:`pat_graph.analytics.programme_linkages` (what ``pat-graph linkages``
prints) with the ficha's dated steps (:func:`~pat_graph.report.build.programme_steps`).

- :func:`instance_profile`: kind, scope, state, creation date, members with sector,
  role and period (joined/left, from the ``miembros_instancia`` query of
  :mod:`pat_graph.query_library`), former members, composition and missing sectors,
  territories, events of its territory its members attended, provenance;
- :func:`agreement_profile`: theme, state, signing date, signatories with role and
  sector, territories, the instruments its signatories lead and the programmes they
  own, implement or gave feedback on, provenance;
- :func:`programme_profile`: owner, the loop socialised / implemented / feedback in
  every department, PDET municipalities reached, the actors and events involved.

>>> from pat_graph.viz.views import _example_graph
>>> i = instance_profile(_example_graph(), "subcomision antioquia")
>>> i.id, i.members_count, i.composition, [m.name for m in i.members]
('I1', 2, {'Público': 1, 'Privado': 1}, ['SENA', 'Cámara de Comercio'])
>>> a = agreement_profile(_example_graph(), "G1")
>>> a.name, [(s.name, s.sector_es) for s in a.signatories], a.to_dict()["signatories_by_sector"]
('Pacto por el empleo', [('Cámara de Comercio', 'Privado'), ('Universidad de Antioquia', 'Académico')], {'Privado': 1, 'Académico': 1})
>>> p = programme_profile(_example_graph(), "servicio publico de empleo")
>>> p.owner_name, [(d.code, d.state_es) for d in p.departments]
('SENA', [('05', 'Socializado')])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.analytics.base import Context
from pat_graph.analytics.linkages import linkage_edges
from pat_graph.lookup import find
from pat_graph.model import label_es
from pat_graph.profile import record_sources, territory_dict
from pat_graph.query_library import miembros_instancia
from pat_graph.report.build import (
    Analyses,
    agreement_row,
    instance_row,
)
from pat_graph.report.data import AgreementRow, InstanceRow, ProgrammeRow

#: Spanish names of the ways an actor takes part in a programme.
PROGRAMME_ROLES_ES: dict[str, str] = {
    "owner": "Responsable", "socialises": "Socializa", "implements": "Implementa",
    "feedback": "Retroalimenta",
}


def _analyses(g: nx.MultiDiGraph | Context | Analyses, as_of: str | date | None,
              analyses: Analyses | None) -> Analyses:
    if analyses is not None:
        return analyses
    if isinstance(g, Analyses):
        return g
    return Analyses(g, as_of)


def _sector_es(sector: str) -> str:
    return label_es("sector", sector) if sector else "Sin sector"


def _by_sector(sectors: list[str]) -> dict[str, int]:
    """Counts by Spanish sector name in the vocabulary's order ("Sin sector" last)."""
    counts = Counter(sectors)
    order = [*model.SECTORS, *sorted(s for s in counts if s and s not in model.SECTORS), ""]
    return {_sector_es(s): counts[s] for s in order if counts[s]}


@dataclass(frozen=True, slots=True)
class Place:
    """A territory (nation, department or municipality) something is tied to."""

    code: str
    name: str
    kind: str  # nation / department / municipality
    department_code: str | None

    @property
    def kind_es(self) -> str:
        return {"nation": "Nación", "department": "Departamento",
                "municipality": "Municipio"}.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "kind": self.kind,
                "kind_es": self.kind_es, "department_code": self.department_code}


def _places(an: Analyses, n: str) -> list[Place]:
    """The territories ``n`` is scoped to (``SCOPED_TO``)."""
    g = an.graph
    out = []
    for _, t, r in g.out_edges(n, data="type"):
        if r == model.SCOPED_TO:
            a = g.nodes[t]
            out.append(Place(str(a.get("dane_code", t.partition(":")[2])),
                             str(a.get("name", "")), str(a.get("kind", "")),
                             an.ctx.territory_department.get(t)))
    return sorted(set(out), key=lambda p: p.code)


# ------------------------------------------------------------------------ instances
@dataclass(frozen=True, slots=True)
class Participation:
    """One period of an actor in an instance: its role, since and until (ISO, ``""``
    when not recorded or still open)."""

    id: str
    name: str
    sector: str
    role: str
    since: str
    until: str
    department_code: str | None
    department_name: str | None

    @property
    def sector_es(self) -> str:
        return _sector_es(self.sector)

    @property
    def role_es(self) -> str:
        return label_es("participation_role", self.role)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "sector": self.sector,
                "sector_es": self.sector_es, "role": self.role, "role_es": self.role_es,
                "since": self.since, "until": self.until,
                "department_code": self.department_code, "department_name": self.department_name}


@dataclass(frozen=True, slots=True)
class EventSeen:
    """An event held in the instance's territory and how many of its members attended."""

    id: str
    name: str
    kind: str
    date: str
    attendees: int

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind,
                "kind_es": label_es("event_kind", self.kind), "date": self.date,
                "member_attendees": self.attendees}


@dataclass
class InstanceProfile:
    """Everything :func:`instance_profile` found about one instance."""

    node: str
    row: InstanceRow  # the department ficha's row: members, composition, missing sectors
    department_code: str | None
    department_name: str | None
    municipality_code: str | None
    municipality_name: str | None
    as_of: str | None
    members: list[Participation]
    former_members: list[Participation]
    territories: list[Place]
    member_departments: list[dict[str, Any]]  # code (None: national actors), name, members
    events: list[EventSeen]
    sources: list[str]
    loaded_at: str

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def members_count(self) -> int:
        """Distinct current members (the ficha's ``Integrantes``)."""
        return self.row.total_members

    @property
    def composition(self) -> dict[str, int]:
        """Current members by sector, Spanish names (the ficha's composition)."""
        return self.row.composition

    @property
    def missing_sectors(self) -> list[str]:
        """Sector codes the instance's kind needs and no member brings (active seed kinds)."""
        return self.row.missing_sectors

    def to_dict(self) -> dict[str, Any]:
        r = self.row
        return {
            "instance": {
                "id": r.id, "node": self.node, "name": r.name, "kind": r.kind,
                "kind_es": r.kind_es, "status": r.status, "status_es": r.status_es,
                "created": r.created, "scope": r.scope, "national": self.department_code is None,
                "territory": territory_dict(self),
                "sources": self.sources, "loaded_at": self.loaded_at,
            },
            "as_of": self.as_of,
            "members_count": self.members_count,
            "composition": self.composition,
            "missing_sectors": self.missing_sectors,
            "missing_sectors_es": [_sector_es(s) for s in self.missing_sectors],
            "members": [m.to_dict() for m in self.members],
            "former_members": [m.to_dict() for m in self.former_members],
            "territories": [t.to_dict() for t in self.territories],
            "member_departments": self.member_departments,
            "events": [e.to_dict() for e in self.events],
        }


def _participations(an: Analyses, g: nx.MultiDiGraph, iid: str) -> list[Participation]:
    """Every participation of the instance in ``g`` (the ``miembros_instancia`` query)."""
    out = []
    for r in miembros_instancia.answer(g, iid):
        dept = an.ctx.department_of(model.node_id(model.ACTOR, str(r["actor"])))
        out.append(Participation(str(r["actor"]), str(r["nombre"] or ""), str(r["sector"] or ""),
                                 str(r["rol"] or ""), str(r["desde"] or ""),
                                 str(r["hasta"] or ""), dept,
                                 an.ctx.departments.get(dept) if dept else None))
    return out


def _territory_of(an: Analyses, n: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(department code, name, municipality code, name) of an instance or agreement."""
    g = an.graph
    dept = an.ctx.department_of(n)
    mun = g.nodes[n].get("municipality_code")
    mnode = f"Territory:{mun}" if mun else ""
    return (dept, an.ctx.departments.get(dept) if dept else None,
            str(mun) if mun else None,
            str(g.nodes[mnode].get("name", mun)) if mnode in g else None)


def instance_profile(g: nx.MultiDiGraph | Context | Analyses, instance: str,
                     as_of: str | date | None = None, *,
                     analyses: Analyses | None = None) -> InstanceProfile:
    """The :class:`InstanceProfile` of the instance ``instance`` names (id or name) at ``as_of``.

    Members are the participations current at ``as_of`` (one line per period; the
    count and composition are of distinct actors, as in the ficha); former members
    those whose participation ended before it. ``events`` are the events held in the
    instance's department that at least one current member attended (the model has no
    event-instance link; national instances list none). Pass ``analyses`` (an
    :class:`~pat_graph.report.build.Analyses` of the same graph and date) to share its
    computations. Raises :class:`~pat_graph.errors.NotFoundError` ("¿quiso decir …?") or
    :class:`~pat_graph.lookup.AmbiguousError`.

    >>> from pat_graph.viz.views import _example_graph
    >>> p = instance_profile(_example_graph(), "I1")
    >>> p.row.kind_es, p.department_name, p.sources, p.to_dict()["members"][0]["role_es"]
    ('Subcomisión de Concertación', 'Antioquia', ['instancias.csv:2'], 'Miembro')
    """
    an = _analyses(g, as_of, analyses)
    ctx, graph = an.ctx, an.graph
    node = find(graph, instance, "instance").node
    a = graph.nodes[node]
    row = instance_row(an, node)
    current = _participations(an, graph, row.id)
    seen = set(current)
    former = [p for p in _participations(an, ctx.source, row.id)
              if p not in seen and p.until and p.until[:10] < ctx.today]
    dept, dname, mun, mname = _territory_of(an, node)
    member_nodes = ctx.members.get(node, set())
    member_depts = Counter(ctx.department_of(m) or "" for m in member_nodes)
    by_dept = [{"code": k or None, "name": ctx.departments.get(k, k) if k else None,
                "members": member_depts[k]} for k in sorted(member_depts)]
    events: list[EventSeen] = []
    if dept is not None:
        attended: Counter[str] = Counter()
        for m in member_nodes:
            for _, ev, r in graph.out_edges(m, data="type"):
                if r == model.ATTENDED and ctx.department_of(ev) == dept:
                    attended[ev] += 1
        for ev, n in attended.items():
            e = graph.nodes[ev]
            events.append(EventSeen(str(e.get("id", ev)), str(e.get("name", "")),
                                    str(e.get("kind", "")), str(e.get("date", "")), n))
        events.sort(key=lambda x: (x.date, x.id), reverse=True)
    return InstanceProfile(
        node=node, row=row, department_code=dept, department_name=dname,
        municipality_code=mun, municipality_name=mname, as_of=ctx.as_of,
        members=current, former_members=former, territories=_places(an, node),
        member_departments=by_dept,
        events=events, sources=record_sources(a), loaded_at=str(a.get("loaded_at", "")))


# ----------------------------------------------------------------------- agreements
@dataclass(frozen=True, slots=True)
class Related:
    """An instrument or programme an agreement's signatories are tied to, and who."""

    label: str  # INSTRUMENT or PROGRAM
    id: str
    name: str
    kind: str  # instrument kind ("" for programmes)
    department_code: str | None
    through: tuple[str, ...]  # "Nombre del firmante (lidera / implementa …)"

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "label_es": model.LABEL_ES[self.label], "id": self.id,
                "name": self.name, "kind": self.kind,
                "kind_es": label_es("instrument_kind", self.kind) if self.kind else "",
                "department_code": self.department_code, "through": list(self.through)}


@dataclass
class AgreementProfile:
    """Everything :func:`agreement_profile` found about one agreement."""

    node: str
    row: AgreementRow  # the department ficha's row: signatories with role and sector
    department_code: str | None
    department_name: str | None
    municipality_code: str | None
    municipality_name: str | None
    as_of: str | None
    territories: list[Place]
    instruments: list[Related]
    programmes: list[Related]
    sources: list[str]
    loaded_at: str

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def name(self) -> str:
        return self.row.name

    @property
    def signatories(self) -> list[Any]:
        return self.row.signatories

    @property
    def signatories_by_sector(self) -> dict[str, int]:
        return _by_sector([m.sector for m in self.row.signatories])

    def to_dict(self) -> dict[str, Any]:
        r = self.row
        return {
            "agreement": {
                "id": r.id, "node": self.node, "name": r.name, "theme": r.theme,
                "theme_es": r.theme_es, "status": r.status, "status_es": r.status_es,
                "signed": r.signed, "scope": r.scope,
                "territory": territory_dict(self),
                "sources": self.sources, "loaded_at": self.loaded_at,
            },
            "as_of": self.as_of,
            "signatories": [{"id": m.id, "name": m.name, "sector": m.sector,
                             "sector_es": m.sector_es, "role": m.role, "role_es": m.role_es,
                             "local": m.local} for m in r.signatories],
            "signatories_by_sector": self.signatories_by_sector,
            "territories": [t.to_dict() for t in self.territories],
            "instruments": [x.to_dict() for x in self.instruments],
            "programmes": [x.to_dict() for x in self.programmes],
        }


def agreement_profile(g: nx.MultiDiGraph | Context | Analyses, agreement: str,
                      as_of: str | date | None = None, *,
                      analyses: Analyses | None = None) -> AgreementProfile:
    """The :class:`AgreementProfile` of the agreement ``agreement`` names at ``as_of``.

    ``instruments``: those its signatories lead (``LEADS``) in the agreement's
    department (anywhere, for an agreement without one); ``programmes``: those they own
    (``OWNS``) or implement / gave feedback on (``IMPLEMENTS`` / ``GAVE_FEEDBACK``) in
    that department. The model has no direct agreement-instrument or
    agreement-programme link: these are the ties through the signatories. Raises
    :class:`~pat_graph.errors.NotFoundError` or :class:`~pat_graph.lookup.AmbiguousError`.

    >>> from pat_graph.viz.views import _example_graph
    >>> p = agreement_profile(_example_graph(), "pacto por el empleo")
    >>> p.id, p.row.scope, [t.name for t in p.territories], p.programmes
    ('G1', 'Departamental', [], [])
    """
    an = _analyses(g, as_of, analyses)
    ctx, graph = an.ctx, an.graph
    node = find(graph, agreement, "agreement").node
    a = graph.nodes[node]
    row = agreement_row(an, node)
    dept, dname, mun, mname = _territory_of(an, node)
    signers = [u for u, _, t in graph.in_edges(node, data="type") if t == model.SIGNED]
    through: dict[str, list[str]] = defaultdict(list)
    for u in sorted(signers, key=lambda u: (str(graph.nodes[u].get("name", "")), u)):
        who = str(graph.nodes[u].get("name", u))
        for _, v, e in graph.out_edges(u, data=True):
            t = e.get("type")
            if t == model.LEADS and (dept is None or ctx.department_of(v) == dept):
                through[v].append(f"{who} (lidera)")
            elif t == model.OWNS:
                through[v].append(f"{who} (responsable)")
            elif t in (model.IMPLEMENTS, model.GAVE_FEEDBACK) and (
                    dept is None or ctx.territory_department.get(
                        f"Territory:{e.get('territory')}") == dept):
                verb = "implementa" if t == model.IMPLEMENTS else "retroalimenta"
                through[v].append(f"{who} ({verb})")
    instruments, programmes = [], []
    for v, how in through.items():
        b = graph.nodes[v]
        rel = Related(str(b.get("label")), str(b.get("id", v)), str(b.get("name", "")),
                      str(b.get("kind", "")) if b.get("label") == model.INSTRUMENT else "",
                      ctx.department_of(v), tuple(sorted(set(how))))
        (instruments if rel.label == model.INSTRUMENT else programmes).append(rel)
    instruments.sort(key=lambda x: (x.name, x.id))
    programmes.sort(key=lambda x: (x.name, x.id))
    return AgreementProfile(
        node=node, row=row, department_code=dept, department_name=dname,
        municipality_code=mun, municipality_name=mname, as_of=ctx.as_of,
        territories=_places(an, node), instruments=instruments, programmes=programmes,
        sources=record_sources(a), loaded_at=str(a.get("loaded_at", "")))


# ----------------------------------------------------------------------- programmes
@dataclass(frozen=True, slots=True)
class ProgrammeDepartment:
    """The programme in one department: its state in the linkage matrix, which linkage
    kinds reached it and the dated steps (the ficha's "Pasos")."""

    code: str
    name: str
    state: str
    socialised: bool
    implemented: bool
    feedback: bool
    steps: tuple[str, ...]

    @property
    def state_es(self) -> str:
        return ProgrammeRow("", "", "", self.state).state_es

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "state": self.state,
                "state_es": self.state_es, "socialised": self.socialised,
                "implemented": self.implemented, "feedback": self.feedback,
                "steps": list(self.steps)}


@dataclass(frozen=True, slots=True)
class ProgrammeActor:
    """An actor involved in a programme: how (:data:`PROGRAMME_ROLES_ES` keys, with the
    number of linkages of each kind) and where (department codes)."""

    id: str
    name: str
    sector: str
    department_code: str | None
    roles: tuple[tuple[str, int], ...]
    departments: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "sector": self.sector,
                "sector_es": _sector_es(self.sector), "department_code": self.department_code,
                "roles": {r: n for r, n in self.roles},
                "roles_es": {PROGRAMME_ROLES_ES[r]: n for r, n in self.roles},
                "departments": list(self.departments)}


@dataclass(frozen=True, slots=True)
class ProgrammeEvent:
    """An event where the programme was presented (``PRESENTED``)."""

    id: str
    name: str
    date: str
    department_code: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "date": self.date,
                "department_code": self.department_code}


@dataclass
class ProgrammeProfile:
    """Everything :func:`programme_profile` found about one national programme."""

    node: str
    id: str
    name: str
    theme: str
    owner_id: str
    owner_name: str
    as_of: str | None
    departments: list[ProgrammeDepartment]
    coverage: dict[str, Any]  # the programme's row of ProgrammeLinkages.programme_coverage()
    pdet_reached: list[dict[str, str]]
    actors: list[ProgrammeActor]
    events: list[ProgrammeEvent]
    sources: list[str]
    loaded_at: str

    @property
    def by_state(self) -> dict[str, int]:
        """Departments per state, from none to a closed loop."""
        from pat_graph.analytics.linkages import STATES

        counts = Counter(d.state for d in self.departments)
        return {s: counts[s] for s in STATES}

    @property
    def by_state_es(self) -> dict[str, int]:
        """:attr:`by_state` with the states' Spanish names (the ficha's)."""
        return {ProgrammeRow("", "", "", s).state_es: n for s, n in self.by_state.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "programme": {"id": self.id, "node": self.node, "name": self.name,
                          "theme": self.theme,
                          "theme_es": label_es("agreement_theme", self.theme),
                          "owner": {"id": self.owner_id, "name": self.owner_name},
                          "sources": self.sources, "loaded_at": self.loaded_at},
            "as_of": self.as_of,
            "coverage": self.coverage,
            "by_state": self.by_state,
            "by_state_es": self.by_state_es,
            "departments": [d.to_dict() for d in self.departments],
            "pdet_reached": self.pdet_reached,
            "actors": [x.to_dict() for x in self.actors],
            "events": [e.to_dict() for e in self.events],
        }


def programme_profile(g: nx.MultiDiGraph | Context | Analyses, programme: str,
                      as_of: str | date | None = None, *,
                      analyses: Analyses | None = None) -> ProgrammeProfile:
    """The :class:`ProgrammeProfile` of the programme ``programme`` names at ``as_of``.

    ``departments``: every department with its state in the linkage matrix of
    :func:`pat_graph.analytics.programme_linkages` (``ninguno`` < ``socializado`` <
    ``implementado`` < ``retroalimentado``), the kinds seen and the dated steps;
    ``coverage`` the programme's row of ``programme_coverage()`` (what ``pat-graph
    linkages`` prints); ``actors`` the owner and every actor of a linkage
    (:func:`pat_graph.analytics.linkages.linkage_edges`). Raises
    :class:`~pat_graph.errors.NotFoundError` or :class:`~pat_graph.lookup.AmbiguousError`.

    >>> from pat_graph.viz.views import _example_graph
    >>> p = programme_profile(_example_graph(), "P1")
    >>> p.coverage["reached"], p.by_state["socializado"], [(x.name, x.roles) for x in p.actors]
    (1, 1, [('SENA', (('owner', 1),))])
    """
    an = _analyses(g, as_of, analyses)
    ctx, graph = an.ctx, an.graph
    node = find(graph, programme, "programme").node
    a = graph.nodes[node]
    pid = str(a.get("id", node))
    link = an.linkages
    steps = an.programme_steps.get(pid, {})
    departments = []
    for code, dname in link.departments.items():
        f = link.flags.get((code, pid), set())
        departments.append(ProgrammeDepartment(
            code, dname, link.state(code, pid), "socializacion" in f, "implementacion" in f,
            "retroalimentacion" in f, tuple(steps.get(code, ()))))
    coverage = next(r for r in link.programme_coverage() if r["programme_id"] == pid)
    pdet = [{"code": m, "name": name, "department_code": dcode, "pdet_subregion": sub}
            for m, (name, dcode, sub) in link.pdet_municipalities.items()
            if link.pdet_flags.get((m, pid))]

    roles: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, set[str]] = defaultdict(set)
    owner = ""
    for u, _, t in graph.in_edges(node, data="type"):
        if t == model.OWNS:
            owner = owner or u
            roles[u]["owner"] += 1
    events: dict[str, ProgrammeEvent] = {}
    for terr, p, kind, u, _v, e in linkage_edges(graph):
        if p != pid:
            continue
        dept = ctx.territory_department.get(terr)
        r = e.get("type")
        if r in (model.IMPLEMENTS, model.GAVE_FEEDBACK):
            who, how = u, "implements" if r == model.IMPLEMENTS else "feedback"
        elif r == model.LINKED_TO and e.get("actor") and kind == "socializacion":
            # an implementation or feedback row with an actor is also an IMPLEMENTS /
            # GAVE_FEEDBACK edge (counted there)
            who, how = model.node_id(model.ACTOR, str(e["actor"])), "socialises"
        else:
            who, how = "", ""
        if r == model.PRESENTED and u not in events:
            ev = graph.nodes[u]
            events[u] = ProgrammeEvent(str(ev.get("id", u)), str(ev.get("name", "")),
                                       str(e.get("date") or ev.get("date", "")),
                                       ctx.department_of(u))
        if who and who in graph:
            roles[who][how] += 1
            if dept:
                where[who].add(dept)
    actors = []
    for n, counts in roles.items():
        b = graph.nodes[n]
        actors.append(ProgrammeActor(
            str(b.get("id", n)), str(b.get("name", "")), str(b.get("sector", "")),
            ctx.department_of(n),
            tuple((r, counts[r]) for r in PROGRAMME_ROLES_ES if counts[r]),
            tuple(sorted(where.get(n, ())))))
    actors.sort(key=lambda x: (-sum(c for _, c in x.roles), x.name, x.id))
    owner_node = owner or (model.node_id(model.ACTOR, str(a["owner"])) if a.get("owner") else "")
    return ProgrammeProfile(
        node=node, id=pid, name=str(a.get("name", "")), theme=str(a.get("theme", "")),
        owner_id=str(graph.nodes[owner_node].get("id", "")) if owner_node in graph else
        str(a.get("owner", "")),
        owner_name=str(graph.nodes[owner_node].get("name", "")) if owner_node in graph else "",
        as_of=ctx.as_of, departments=departments, coverage=coverage, pdet_reached=pdet,
        actors=actors, events=sorted(events.values(), key=lambda x: (x.date, x.id), reverse=True),
        sources=record_sources(a), loaded_at=str(a.get("loaded_at", "")))


__all__ = ["PROGRAMME_ROLES_ES", "AgreementProfile", "EventSeen", "InstanceProfile",
           "Participation", "Place", "ProgrammeActor", "ProgrammeDepartment",
           "ProgrammeEvent", "ProgrammeProfile", "Related", "agreement_profile",
           "instance_profile", "programme_profile"]
