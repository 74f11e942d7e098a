"""Assembling a :class:`~pat_graph.report.data.Ficha` from the analytics, recommendations
and the graph.

The national analyses (gap index and ranking, the five gap families, programme
linkages) are computed once per as-of date in :class:`Analyses` and shared by the
33 fichas; each ficha then only reads its department's part.

>>> from pat_graph.viz.views import _example_graph
>>> f = ficha(_example_graph(), "Antioquia", as_of="2025-01-01")
>>> f.department_code, f.as_of, [a.id for a in f.actors]
('05', '2025-01-01', ['A1', 'A2', 'A3'])
>>> f.gap_rank, f.departments_ranked
(1, 1)
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from functools import cached_property
from typing import Any

import networkx as nx

from pat_graph import analytics, answers, model
from pat_graph.analytics.families import REGISTRY as FAMILIES
from pat_graph.analytics.records import KINDS, KINDS_ES, STALE_MONTHS
from pat_graph.formatting import date_es, plural
from pat_graph.lookup import find
from pat_graph.report import data as d
from pat_graph.report.sketch import network_svg

#: Brokers listed in a ficha.
TOP_BROKERS = 5
#: Recommended agreements listed in a ficha.
TOP_RECOMMENDATIONS = 5

#: Gaps shown on the summary (the heaviest families first).
TOP_GAPS = 5

#: What each kind of gap means for the department and what to do about it, in plain
#: Spanish (gap ``code`` of :mod:`pat_graph.analytics` -> (meaning, action)).
GAP_TEXT: dict[str, tuple[str, str]] = {
    "falta_instancia": (
        "No hay un espacio activo donde los actores se sienten a acordar este tema.",
        "Convocar la instalación (o reactivación) de la instancia con la Gobernación y la "
        "Dirección Territorial."),
    "red_sin_participante": (
        "La red nacional no tiene ningún participante del departamento.",
        "Invitar a un actor del departamento a la red nacional."),
    "instancia_sin_sector": (
        "La instancia no escucha a uno de los sectores de la cuádruple hélice.",
        "Sumar a la instancia un actor del sector que falta."),
    "subcomision_no_tripartita": (
        "La Subcomisión de Concertación no reúne a gobierno, empleadores y trabajadores.",
        "Completar la Subcomisión con la parte que falta."),
    "falta_instrumento": (
        "El departamento no tiene este instrumento de política pública.",
        "Acompañar la formulación del instrumento con la Gobernación."),
    "falta_instrumento_municipal": (
        "Un municipio no tiene este instrumento.",
        "Priorizar asistencia técnica municipal para formular el instrumento."),
    "instrumento_estancado": (
        "El instrumento lleva tiempo sin pasar de diagnóstico o formulación.",
        "Revisar con quien lo lidera qué falta para adoptarlo."),
    "politica_no_sostenible": (
        "La política de trabajo decente no tiene financiación o estructura que la sostenga.",
        "Gestionar fuente de financiación y estructura administrativa para la política."),
    "sin_sector": (
        "Un sector de la cuádruple hélice no tiene actores articulados.",
        "Identificar y vincular actores de ese sector a una instancia o acuerdo."),
    "par_sin_vinculo": (
        "Dos sectores presentes no trabajan juntos en ninguna instancia ni acuerdo.",
        "Proponer un acuerdo entre actores de esos dos sectores (ver acuerdos propuestos)."),
    "programa_no_llega": (
        "Un programa nacional no se ha socializado en el departamento.",
        "Programar la socialización del programa con la Dirección Territorial."),
    "socializado_no_implementado": (
        "El programa se socializó pero nadie lo implementa.",
        "Buscar un actor local que implemente el programa."),
    "sin_retroalimentacion": (
        "El programa se implementa pero el territorio no ha devuelto retroalimentación.",
        "Pedir la retroalimentación del territorio al equipo del programa."),
    "punto_articulacion": (
        "Si este actor se retira, la red del departamento se parte en grupos.",
        "Crear vínculos alternos que no pasen por este actor."),
    "par_un_solo_actor": (
        "El vínculo entre dos sectores depende de un solo actor.",
        "Sumar un segundo actor que una a esos sectores."),
    "actor_aislado": (
        "El actor no participa en ninguna instancia, acuerdo ni evento.",
        "Invitar al actor a una instancia o evento del PAT."),
    "grupo_sin_publico": (
        "Un grupo de actores no tiene contacto con ninguna entidad pública.",
        "Conectar el grupo con la Gobernación, una alcaldía o la Dirección Territorial."),
    "grupo_sin_dt": (
        "Un grupo de actores no tiene contacto con la Dirección Territorial.",
        "Que la Dirección Territorial convoque a ese grupo."),
    "sin_dt": (
        "La Dirección Territorial del Ministerio no aparece en la red.",
        "Registrar la participación de la Dirección Territorial en instancias y eventos."),
}


#: What to do about a Subcomisión without one of its three parties (the gap's
#: ``subject``): who represents that party (:func:`pat_graph.analytics.coverage.tripartite_parties`).
SUBCOMISION_ACTION: dict[str, str] = {
    "gobierno": "Sumar a la Subcomisión la Gobernación, una alcaldía o la Dirección "
                "Territorial, que representen al gobierno.",
    "empleadores": "Sumar a la Subcomisión un gremio, una cámara de comercio o una empresa, "
                   "que represente a los empleadores.",
    "trabajadores": "Sumar a la Subcomisión un sindicato o una central sindical, que "
                    "represente a los trabajadores.",
}


class Analyses:
    """The all-department analyses at one as-of date, computed once and shared.

    >>> from pat_graph.viz.views import _example_graph
    >>> a = Analyses(_example_graph())
    >>> [r.department_code for r in a.index]
    ['05']
    """

    def __init__(self, g: nx.MultiDiGraph | analytics.Context,
                 as_of: str | date | None = None) -> None:
        self.ctx = analytics.context(g, as_of)

    @property
    def graph(self) -> nx.MultiDiGraph:
        return self.ctx.graph

    @cached_property
    def ranking(self) -> list[analytics.DepartmentIndex]:
        """Every department's index: the ranked ones worst first, then those without
        records ("sin registros", no score and no rank)."""
        return analytics.gap_index(self.ctx, with_unrecorded=True)

    @cached_property
    def index(self) -> list[analytics.DepartmentIndex]:
        """The departments with records, ranked (what the rank and the national mean use)."""
        return [r for r in self.ranking if r.score is not None]

    @cached_property
    def records(self) -> dict[str, analytics.DepartmentRecords]:
        """What the store holds for each department (:func:`analytics.record_coverage`)."""
        return analytics.record_coverage(self.ctx)

    @cached_property
    def coverage(self) -> dict[str, analytics.InstanceCoverage]:
        return {c.department_code: c for c in analytics.instance_coverage(self.ctx)}

    @cached_property
    def instruments(self) -> dict[str, analytics.InstrumentGaps]:
        return {r.department_code: r for r in analytics.instrument_gaps(self.ctx)}

    @cached_property
    def sectors(self) -> dict[str, analytics.SectorArticulation]:
        return {r.department_code: r for r in analytics.sector_articulation(self.ctx)}

    @cached_property
    def fragility(self) -> dict[str, analytics.Fragility]:
        return {r.department_code: r for r in analytics.fragility(self.ctx)}

    @cached_property
    def linkages(self) -> analytics.ProgrammeLinkages:
        return analytics.programme_linkages(self.ctx)

    @cached_property
    def gaps(self) -> dict[str, list[analytics.Gap]]:
        """Department -> its gaps of every family (``analytics.gap_items``)."""
        out: dict[str, list[analytics.Gap]] = defaultdict(list)
        for gap in analytics.gap_items(self.ctx):
            out[gap.department_code].append(gap)
        return out

    @cached_property
    def by_department(self) -> dict[str | None, list[str]]:
        """Department -> its nodes (territories excluded), from the analytics' attribution."""
        out: dict[str | None, list[str]] = defaultdict(list)
        for n, dept in self.ctx.node_department.items():
            out[dept].append(n)
        return out

    @cached_property
    def participation_roles(self) -> dict[tuple[str, str], str]:
        """(actor, instance) -> role in the instance ("" when none): one pass over the
        graph for every ficha, not one per ficha."""
        g = self.graph
        return {(u, v): str(r or "") for u, v, r in g.edges(data="role")
                if g.nodes[v].get("label") == model.INSTANCE}

    @cached_property
    def instrument_leaders(self) -> dict[str, str]:
        """Instrument -> the actor that leads it (``LEADS``)."""
        return {v: u for u, v, t in self.graph.edges(data="type") if t == model.LEADS}

    @cached_property
    def programme_steps(self) -> dict[str, dict[str, list[str]]]:
        """:func:`programme_steps` (programme -> department -> dated steps)."""
        return programme_steps(self)

    @cached_property
    def programme_owners(self) -> dict[str, tuple[str, str]]:
        """:func:`programme_owners` (programme -> owner's name and acronym)."""
        return programme_owners(self)

    @cached_property
    def municipalities(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for n, a in self.graph.nodes(data=True):
            if a.get("label") == model.TERRITORY and a.get("kind") == "municipality":
                out[self.ctx.territory_department.get(n) or ""].append(n)
        return out


# ------------------------------------------------------------------------ helpers
def _name(g: nx.MultiDiGraph, n: str) -> str:
    a = g.nodes[n] if n in g else {}
    return str(a.get("name") or a.get("id") or a.get("dane_code") or n.partition(":")[2])


def _place(g: nx.MultiDiGraph, a: dict[str, Any]) -> str:
    m = a.get("municipality_code")
    return _name(g, f"Territory:{m}") if m else ""


def _actor_row(g: nx.MultiDiGraph, n: str) -> d.ActorRow:
    a = g.nodes[n]
    return d.ActorRow(str(a.get("id", n)), _name(g, n), str(a.get("sector", "")),
                      str(a.get("kind", "")), str(a.get("level", "")), _place(g, a))


def _scope(g: nx.MultiDiGraph, a: dict[str, Any]) -> str:
    m = a.get("municipality_code")
    return f"Municipal: {_name(g, f'Territory:{m}')}" if m else "Departamental"


# ------------------------------------------------------- one instance, one agreement
def instance_row(an: Analyses, n: str, *, department: str | None = None) -> d.InstanceRow:
    """The ficha's row of the instance node ``n``: its members (sector, role, whether they
    belong to the department), composition by sector and missing sectors
    (:func:`pat_graph.analytics.instance_coverage`).

    A national instance (no department of its own) seen from the ficha of
    ``department`` lists only the members of that department (``total_members`` still
    counts them all); without ``department`` it lists every member. The instance page
    (:func:`pat_graph.node_profile.instance_profile`) reads the same row.

    >>> from pat_graph.viz.views import _example_graph
    >>> r = instance_row(Analyses(_example_graph()), "Instance:I1")
    >>> r.total_members, r.composition, r.scope
    (2, {'Público': 1, 'Privado': 1}, 'Departamental')
    """
    ctx, g = an.ctx, an.graph
    a = g.nodes[n]
    home = ctx.department_of(n)
    national = home is None and department is not None
    where = department if national else home
    roles = an.participation_roles
    ms = sorted(ctx.members.get(n, set()), key=lambda m: (_name(g, m), m))  # id breaks ties
    mine = {m: where is None or ctx.department_of(m) == where for m in ms}
    shown = [m for m in ms if mine[m]] if national else ms
    iid = str(a.get("id", n))
    cov = an.coverage.get(home) if home is not None else None
    scope = ("Nacional (participantes del departamento)" if national
             else "Nacional" if home is None else _scope(g, a))
    return d.InstanceRow(
        iid, _name(g, n), str(a.get("kind", "")), str(a.get("status", "activa")),
        str(a.get("created", "")), scope,
        [d.Member(str(g.nodes[m].get("id", m)), _name(g, m), str(g.nodes[m].get("sector", "")),
                  model.label_es("participation_role", roles.get((m, n), "")) or "", mine[m])
         for m in shown],
        list(cov.instances_missing_sectors.get(iid, [])) if cov else [], national, len(ms))


def agreement_row(an: Analyses, n: str) -> d.AgreementRow:
    """The ficha's row of the agreement node ``n``: its signatories (sector, role, whether
    they belong to the agreement's department), sorted by name.

    >>> from pat_graph.viz.views import _example_graph
    >>> r = agreement_row(Analyses(_example_graph()), "Agreement:G1")
    >>> [(m.name, m.sector_es) for m in r.signatories], r.status_es
    ([('Cámara de Comercio', 'Privado'), ('Universidad de Antioquia', 'Académico')], 'Firmado')
    """
    ctx, g = an.ctx, an.graph
    a = g.nodes[n]
    home = ctx.department_of(n)
    sig = [d.Member(str(g.nodes[u].get("id", u)), _name(g, u), str(g.nodes[u].get("sector", "")),
                    str(e.get("role", "")), home is None or ctx.department_of(u) == home)
           for u, _, e in g.in_edges(n, data=True) if e.get("type") == model.SIGNED]
    sig.sort(key=lambda m: (m.name, m.id))
    return d.AgreementRow(str(a.get("id", n)), _name(g, n), str(a.get("theme", "")),
                          str(a.get("signed", "")), str(a.get("status", "firmado")),
                          _scope(g, a), sig)


# -------------------------------------------------------------------------- ficha
def ficha(
    g: nx.MultiDiGraph | analytics.Context,
    department: str,
    *,
    as_of: str | date | None = None,
    analyses: Analyses | None = None,
    loads: list[dict[str, Any]] | None = None,
    recommendations: bool = True,
) -> d.Ficha:
    """The ficha diagnóstico departamental of ``department`` (DANE code or name) at ``as_of``.

    Pass ``analyses`` (an :class:`Analyses` of the same graph and date) to share the
    national computations between fichas, and ``loads`` (``store.stats().loads``) to
    list the loads behind the figures. Raises
    :class:`~pat_graph.errors.NotFoundError` for an unknown department.
    """
    an = analyses or Analyses(g, as_of)
    ctx = an.ctx
    # territories carry no dates: the store's graph names the same departments as its
    # snapshot at any date, without building the snapshot for a ficha read back
    code = find(ctx.source, department, "department").key
    kept = answers.of(ctx.source)
    if kept is None:
        return _ficha(an, code, loads, recommendations)
    state = kept.get("ficha", _kept_params(an, code, loads, recommendations))
    if state is None:
        # the national analyses this ficha needs are the cost (~3 CPU-s at ×1); each
        # further department adds ~0,06 s: keep them all, so that the next ficha of any
        # department is read back
        state = keep_fichas(an, loads=loads, recommendations=recommendations)[code]
    return answers.from_state(d.Ficha, state)


def _kept_params(an: Analyses, code: str, loads: list[dict[str, Any]] | None,
                 recommendations: bool) -> list[Any]:
    """What a kept ficha depends on besides the store's state (the key of its answers)."""
    return [code, an.ctx.as_of, an.ctx.today, recommendations, list(loads or [])]


def keep_fichas(
    g: nx.MultiDiGraph | analytics.Context | Analyses, *, as_of: str | date | None = None,
    loads: list[dict[str, Any]] | None = None, recommendations: bool = True,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Compute the ficha of every department (and with them the gap index and the
    recommender's model) and keep them with the store's answers (:mod:`pat_graph.answers`:
    ``g`` read by :func:`pat_graph.answers.read_graph`), so that a later
    ``pat-graph ficha`` of any department reads its ficha back instead of computing the
    national analyses again; ``pat-graph load`` calls it after a load. Fichas already
    kept are not computed again. Returns department code -> the ficha's kept form
    (:func:`pat_graph.answers.to_state`); nothing is kept when the graph has no answers
    attached.

    >>> from pat_graph.viz.views import _example_graph
    >>> sorted(keep_fichas(_example_graph()))
    ['05']
    """
    an = g if isinstance(g, Analyses) else Analyses(g, as_of)
    kept = answers.of(an.ctx.source)
    codes = list(an.ctx.departments)
    if on_start:
        on_start(len(codes))
    out: dict[str, Any] = {}
    for code in codes:
        def compute(code: str = code) -> Any:
            return answers.to_state(_ficha(an, code, loads, recommendations))

        out[code] = compute() if kept is None else kept.remember(
            "ficha", _kept_params(an, code, loads, recommendations), compute)
        if progress:
            progress(1)
    return out


def _ficha(an: Analyses, code: str, loads: list[dict[str, Any]] | None,
           recommendations: bool) -> d.Ficha:
    ctx = an.ctx
    g = ctx.graph
    dept_nodes = an.by_department.get(code, [])
    by_label: dict[str, list[str]] = defaultdict(list)
    for n in dept_nodes:
        by_label[g.nodes[n].get("label", "")].append(n)

    # territory
    dnode = g.nodes.get(f"Territory:{code}", {})
    munis = sorted(an.municipalities.get(code, []))
    territory = d.TerritoryInfo(
        capital=_name(g, f"Territory:{dnode['capital_code']}") if dnode.get("capital_code")
        else "",
        municipalities=[d.Municipality(g.nodes[m]["dane_code"], _name(g, m),
                                       bool(g.nodes[m].get("is_pdet")),
                                       str(g.nodes[m].get("pdet_subregion", "")))
                        for m in munis])
    actors = sorted((_actor_row(g, n) for n in by_label[model.ACTOR]), key=lambda r: r.id)
    local = {f"Actor:{a.id}" for a in actors}

    # instances (the department's, and national networks with local members)
    cov = an.coverage[code]
    members = ctx.members
    inst_nodes = [(n, False) for n in by_label[model.INSTANCE]]
    inst_nodes += [(n, True) for n in ctx.nodes(model.INSTANCE)
                   if ctx.department_of(n) is None and members.get(n, set()) & local]
    outside: set[str] = set()
    inst_rows = []
    for n, national in inst_nodes:
        row = instance_row(an, n, department=code if national else None)
        outside |= {f"Actor:{m.id}" for m in row.members if not m.local}
        inst_rows.append(row)
    inst_rows.sort(key=lambda r: (r.national, model.INSTANCE_KINDS.index(r.kind)
                                  if r.kind in model.INSTANCE_KINDS else 99, r.id))

    # instruments
    ins = an.instruments[code]
    leaders = an.instrument_leaders
    instr_rows = []
    for n in by_label[model.INSTRUMENT]:
        a = g.nodes[n]
        iid = str(a.get("id", n))
        terr = next((t for t, _, r in g.in_edges(n, data="type") if r == model.HAS_INSTRUMENT),
                    f"Territory:{code}")
        flags = (["estancado"] if iid in ins.stalled else []) + (
            ["sin sostenibilidad"] if iid in ins.unsustainable_policies else [])
        leader = leaders.get(n) or (f"Actor:{a['leader']}" if a.get("leader") else "")
        instr_rows.append(d.InstrumentRow(
            iid, _name(g, n), str(a.get("kind", "")), str(a.get("status", "")),
            str(a.get("act", "")), str(a.get("date", "")), _name(g, terr),
            _name(g, leader) if leader else "", flags))
    instr_rows.sort(key=lambda r: (r.territory != _name(g, f"Territory:{code}"), r.kind, r.id))

    # agreements
    agr_rows = [agreement_row(an, n) for n in by_label[model.AGREEMENT]]
    for row in agr_rows:
        outside |= {f"Actor:{m.id}" for m in row.signatories if not m.local}
    agr_rows.sort(key=lambda r: (r.signed, r.id))

    # gaps, index, brokers, fragility
    idx = next(r for r in an.ranking if r.department_code == code)
    rec = an.records[code]
    groups = []
    gaps = an.gaps.get(code, [])
    gaps = [analytics.readable(ctx, x) for x in gaps]
    for fam in FAMILIES:
        msgs = [x.message for x in gaps if x.family == fam.name]
        groups.append(d.GapGroup(fam.name, fam.title, idx.components.get(fam.name, 0.0), msgs,
                                 fam.name not in idx.without_records, fam.name in idx.stale))
    fra = an.fragility[code]
    net = ctx.actor_network(code)
    # betweenness alone, not the full analytics.brokers (its Gould–Fernandez roles take
    # minutes on the largest networks); exact up to EXACT_BETWEENNESS_MAX_NODES actors
    # (the array kernel: ~7 s for all 33 at 10x the demo), seeded pivots above
    bc, sampled = analytics.betweenness(net, seed=0)
    arts = set(fra.articulation_points)
    top = sorted(net, key=lambda n: (-bc.get(n, 0.0), -net.degree(n), n))[:TOP_BROKERS]
    brokers = [d.BrokerRow(str(net.nodes[n].get("id", n)), _name(g, n),
                           str(net.nodes[n].get("sector", "")), str(net.nodes[n].get("kind", "")),
                           net.degree(n), bc.get(n, 0.0),  # the formatter rounds, once
                           str(net.nodes[n].get("id", n)) in arts)
               for n in top if bc.get(n, 0.0) > 0]
    def who(actor: str, gap_code: str = "actor_aislado") -> str:
        # the actor by name, its id only where another actor shares the name (the
        # gaps' rule: analytics.readable)
        return analytics.readable(ctx, analytics.Gap(code, "fragilidad", gap_code, actor,
                                                     fra.who(actor))).message

    single = []
    for p, actor in sorted(fra.single_broker_pairs.items()):
        a, b = p.split("-")
        pair = f"{model.label_es('sector', a)}–{model.label_es('sector', b)}"
        single.append(analytics.readable(ctx, analytics.Gap(
            code, "fragilidad", "par_un_solo_actor", p,
            f"{pair}: depende solo de {fra.who(actor)}")).message)

    recs, note, rec_pairs = _recommendations(ctx, code, recommendations)
    tops = top_gaps(gaps, idx.components)
    sec = an.sectors[code]
    svg = network_svg(net, key_actors=top, recommended=rec_pairs, salt=code)
    return d.Ficha(
        department_code=code, department_name=ctx.departments.get(code, code),
        as_of=ctx.as_of, effective_date=ctx.today, territory=territory, actors=actors,
        outside_actors=sorted((_actor_row(g, n) for n in outside if n in g),
                              key=lambda r: (r.name, r.id)),
        instances=inst_rows, active_instance_kinds=list(cov.active_kinds),
        missing_instance_kinds=list(cov.missing_kinds),
        subcomision_missing_parties=list(cov.subcomision_missing_parties),
        has_subcomision=cov.has_subcomision, instruments=instr_rows,
        missing_instrument_kinds=list(ins.missing_kinds),
        programmes=_programmes(an, code), agreements=agr_rows,
        sector_matrix=sec.matrix, helix_completeness=sec.helix_completeness,
        gap_score=idx.score, gap_rank=idx.rank, departments_ranked=len(an.index),
        national_mean=analytics.national_mean(an.index),
        gap_explanation=list(idx.explanation), gap_groups=groups,
        brokers=brokers, brokers_sampled=sampled, network_actors=net.number_of_nodes(),
        network_ties=net.number_of_edges(),
        network_tied=sum(1 for nbrs in net.adj.values() if nbrs),
        network_outside=sum(1 for n in outside if n in net),
        articulation_points=[who(a, "punto_articulacion") for a in fra.articulation_points],
        single_broker_pairs=single, isolated=[who(a) for a in fra.isolated],
        recommendations=recs, recommendations_note=note, network_svg=svg,
        sources=_sources(g, dept_nodes, code, an), loads=list(loads or []),
        events=_events(g, by_label[model.EVENT]),
        instance_states=_instance_states(inst_rows, list(cov.active_kinds)),
        instrument_states=_instrument_states(instr_rows, list(ins.missing_kinds),
                                             _name(g, f"Territory:{code}")),
        top_gaps=tops, actions=actions(tops),
        coverage=record_rows(rec), first_record=rec.first_record,
        last_record=rec.last_record, gap_position=idx.position,
        families_without_records=[x.title for x in groups if not x.recorded],
        stale_families=[x.title for x in groups if x.stale], stale_months=STALE_MONTHS,
        unrecorded=list(idx.without_records),
    )


def record_rows(rec: analytics.DepartmentRecords, months: int = STALE_MONTHS
                ) -> list[d.RecordRow]:
    """The "Registros" block of a ficha: one row per record kind of
    :data:`~pat_graph.analytics.records.KINDS` (count, first and last date, stale?).

    >>> from pat_graph.analytics.records import DepartmentRecords
    >>> r = DepartmentRecords("27", "Chocó", "2024-12-31", actors=3, first={"actors": "2020-01-05"},
    ...                       last={"actors": "2021-02-01"})
    >>> [(x.label, x.count, x.state) for x in record_rows(r)][:2]
    [('actores', 3, 'desactualizado'), ('instancias', 0, 'sin registros')]
    """
    return [d.RecordRow(k, KINDS_ES[k], getattr(rec, k), rec.first.get(k) or "",
                        rec.last.get(k) or "", rec.is_stale((k,), months)) for k in KINDS]


def programme_steps(an: Analyses) -> dict[str, dict[str, list[str]]]:
    """Programme id -> department code -> the dated steps that took the programme there
    (``"DD/MM/AAAA: Socialización por … en …"``), oldest first: ``LINKED_TO`` to the
    department or one of its municipalities, ``IMPLEMENTS`` / ``GAVE_FEEDBACK`` there and
    ``PRESENTED`` at an event held there (unless a ``LINKED_TO`` step already names
    that event: one line per step). The ficha's "Pasos" column and the programme
    page (:func:`pat_graph.node_profile.programme_profile`) read it; computed once per
    :class:`Analyses` (``an.programme_steps``).

    >>> from pat_graph.viz.views import _example_graph
    >>> programme_steps(Analyses(_example_graph()))["P1"]["05"][0]
    'Socialización en Antioquia'
    """
    g = an.graph
    td = an.ctx.territory_department
    via: dict[str, dict[str, set[tuple[str, str]]]] = defaultdict(lambda: defaultdict(set))
    for p in an.ctx.nodes(model.PROGRAM):
        pid = str(g.nodes[p].get("id", p))
        linked_events: set[tuple[str, str]] = set()  # (department, event node)
        for _, t, e in g.out_edges(p, data=True):
            dept = td.get(t)
            if e.get("type") == model.LINKED_TO and dept is not None:
                if e.get("event"):
                    linked_events.add((dept, f"Event:{e['event']}"))
                who = f" por {_name(g, 'Actor:' + e['actor'])}" if e.get("actor") else ""
                ev = f", evento {_name(g, 'Event:' + e['event'])}" if e.get("event") else ""
                via[pid][dept].add((str(e.get("date", "")),
                                    f"{model.label_es('linkage_kind', str(e.get('kind')))}"
                                    f"{who} en {_name(g, t)}{ev}"))
        for u, _, e in g.in_edges(p, data=True):
            t = e.get("type")
            if t in (model.IMPLEMENTS, model.GAVE_FEEDBACK):
                dept = td.get(f"Territory:{e.get('territory')}")
                if dept is None:
                    continue
                kind = "Implementación" if t == model.IMPLEMENTS else "Retroalimentación"
                via[pid][dept].add((str(e.get("date", "")), f"{kind} por {_name(g, u)} en "
                                    f"{_name(g, 'Territory:' + str(e['territory']))}"))
            elif t == model.PRESENTED and (dept := an.ctx.department_of(u)) is not None \
                    and (dept, u) not in linked_events:
                via[pid][dept].add((str(e.get("date") or g.nodes[u].get("date", "")),
                                    f"Presentado en el evento {_name(g, u)}"))
    return {pid: {dept: [f"{date_es(dt)}: {txt}" if dt else txt for dt, txt in sorted(steps)]
                  for dept, steps in sorted(by_dept.items())}
            for pid, by_dept in via.items()}


def programme_owners(an: Analyses) -> dict[str, tuple[str, str]]:
    """Programme id -> the name of the actor that owns it (``OWNS``) and its acronym
    (``""`` when it has none).

    >>> from pat_graph.viz.views import _example_graph
    >>> programme_owners(Analyses(_example_graph()))["P1"]
    ('SENA', '')
    """
    g = an.graph
    out: dict[str, tuple[str, str]] = {}
    for p in an.ctx.nodes(model.PROGRAM):
        for u, _, t in g.in_edges(p, data="type"):
            if t == model.OWNS:
                out[str(g.nodes[p].get("id", p))] = (_name(g, u),
                                                     str(g.nodes[u].get("acronym") or ""))
    return out


def _programmes(an: Analyses, code: str) -> list[d.ProgrammeRow]:
    """Each national programme, its state in the department and the dated steps."""
    link = an.linkages
    steps = an.programme_steps
    owners = an.programme_owners
    rows = [d.ProgrammeRow(pid, name, owners.get(pid, ("", ""))[0], link.state(code, pid),
                           list(steps.get(pid, {}).get(code, [])),
                           owners.get(pid, ("", ""))[1])
            for pid, name in link.programmes.items()]
    order = {s: i for i, s in enumerate(("retroalimentado", "implementado", "socializado",
                                         "ninguno"))}
    rows.sort(key=lambda r: (order.get(r.state, 9), r.id))
    return rows


def _recommendations(ctx: analytics.Context, code: str, wanted: bool
                     ) -> tuple[list[d.RecommendationRow] | None, str, list[tuple[str, str]]]:
    """Recommended agreements from :mod:`pat_graph.recommend`, or why there are none."""
    if not wanted:
        return None, "Recomendaciones omitidas en esta ficha.", []
    try:
        from pat_graph.recommend import recommend
    except ImportError:
        return None, ("El módulo de recomendaciones (pat_graph.recommend) no está disponible "
                      "en esta instalación: esta sección queda vacía."), []
    props = recommend(ctx, code, top=TOP_RECOMMENDATIONS)
    rows = [d.RecommendationRow(list(p.actor_names),
                                [model.label_es("sector", s) for s in p.sectors],
                                round(p.score, 3), p.explanation) for p in props]
    pairs = [(f"Actor:{p.actor_ids[0]}", f"Actor:{p.actor_ids[1]}") for p in props
             if len(p.actor_ids) == 2]
    note = "" if rows else "No hay parejas de actores para proponer en este departamento."
    return rows, note, pairs


def _sources(g: nx.MultiDiGraph, dept_nodes: list[str], code: str, an: Analyses
             ) -> list[d.SourceRow]:
    """Source files of the department's nodes and of their relationships, with load dates."""
    nodes: dict[str, int] = defaultdict(int)
    edges: dict[str, int] = defaultdict(int)
    loaded: dict[str, str] = {}
    mine = set(dept_nodes) | set(an.municipalities.get(code, [])) | {f"Territory:{code}"}
    for n in mine:
        a = g.nodes[n]
        src = str(a.get("source") or "(sin fuente)")
        nodes[src] += 1
        loaded[src] = max(loaded.get(src, ""), str(a.get("loaded_at", "")))
        for _, _, e in g.out_edges(n, data=True):
            s = str(e.get("source") or "(sin fuente)")
            edges[s] += 1
            loaded[s] = max(loaded.get(s, ""), str(e.get("loaded_at", "")))
    return [d.SourceRow(s, nodes.get(s, 0), edges.get(s, 0), loaded.get(s, ""))
            for s in sorted(set(nodes) | set(edges))]


def top_gaps(gaps: list[analytics.Gap], points: dict[str, float],
             limit: int = TOP_GAPS) -> list[d.TopGap]:
    """The ``limit`` gaps that weigh most: families by their points in the index
    (heaviest first), at most two gaps per family until every family had its turn.

    >>> g = [analytics.Gap("05", "sectores", "sin_sector", "privado", "sin actores privados"),
    ...      analytics.Gap("05", "instancias", "falta_instancia", "red_ormet", "falta Red ORMET")]
    >>> [t.message for t in top_gaps(g, {"instancias": 20.0, "sectores": 5.0})]
    ['falta Red ORMET', 'sin actores privados']
    """
    by_family: dict[str, list[analytics.Gap]] = defaultdict(list)
    for x in gaps:
        by_family[x.family].append(x)
    titles = {fam.name: fam.title for fam in FAMILIES}
    order = sorted(by_family, key=lambda f: (-points.get(f, 0.0), list(titles).index(f)
                                             if f in titles else 99))
    picked: list[analytics.Gap] = []
    for rnd in (slice(0, 2), slice(2, None)):
        for fam in order:
            for x in by_family[fam][rnd]:
                if len(picked) < limit:
                    picked.append(x)
    picked.sort(key=lambda x: order.index(x.family))
    out = []
    for x in picked:
        meaning, action = GAP_TEXT.get(x.code, ("", ""))
        if x.code == "subcomision_no_tripartita":
            action = SUBCOMISION_ACTION.get(x.subject, action)
        out.append(d.TopGap(x.family, titles.get(x.family, x.family),
                            points.get(x.family, 0.0), x.message, meaning, action))
    return out


def actions(tops: list[d.TopGap]) -> list[str]:
    """The "qué hacer" lines of the summary: one per kind of gap shown, in order.

    >>> t = d.TopGap("sectores", "Articulación", 5.0, "sin actores privados", "", "Vincular")
    >>> actions([t, t])
    ['Vincular (sin actores privados).']
    """
    out: list[str] = []
    seen: set[str] = set()
    for t in tops:
        if t.action and t.action not in seen:
            seen.add(t.action)
            out.append(f"{t.action.rstrip('.')} ({t.message}).")
    return out


def _instance_states(rows: list[d.InstanceRow], active: list[str]) -> list[d.KindState]:
    """The five seed instance types: whether the department has its own active instance
    of each (a national network is not the department's: whether the department takes
    part in it is the gap "… participa en la red nacional" and annex C).

    >>> rows = [d.InstanceRow("R1", "Red local", "red_formalizacion", "activa", "", "",
    ...                       [d.Member("A", "a", "publico")])]
    >>> [x.detail for x in _instance_states(rows, ["red_formalizacion"])][2:4]
    ['1 activa, 1 participante', 'no registrada']
    """
    out = []
    for k in model.SEED_INSTANCE_KINDS:
        mine = [r for r in rows if r.kind == k and not r.national]
        if k in active:
            act = [r for r in mine if r.status == "activa"]
            n = sum(len(r.members) for r in act)
            detail = (f"{plural(len(act), 'activa', 'activas')}, "
                      f"{plural(n, 'participante', 'participantes')}")
        elif mine:
            detail = "registrada pero inactiva"
        else:
            detail = "no registrada"
        out.append(d.KindState(k, model.label_es("instance_kind", k), k in active, detail))
    return out


def _instrument_states(rows: list[d.InstrumentRow], missing: list[str], dept_name: str
                       ) -> list[d.KindState]:
    out = []
    for k in model.INSTRUMENT_KINDS:
        mine = [r for r in rows if r.kind == k and r.territory == dept_name]
        munis = sum(1 for r in rows if r.kind == k and r.territory != dept_name)
        parts = [f"{r.status_es}" + (f" ({', '.join(r.flags)})" if r.flags else "")
                 for r in mine[:2]]
        detail = "; ".join(parts) if parts else "no existe a nivel departamental"
        if munis:
            detail += f"; {plural(munis, 'municipal', 'municipales')}"
        out.append(d.KindState(k, model.label_es("instrument_kind", k), k not in missing,
                               detail))
    return out


def _events(g: nx.MultiDiGraph, nodes: list[str]) -> list[d.EventRow]:
    rows = []
    for n in nodes:
        a = g.nodes[n]
        att = sum(1 for _, _, t in g.in_edges(n, data="type") if t == model.ATTENDED)
        progs = sorted(_name(g, v) for _, v, t in g.out_edges(n, data="type")
                       if t == model.PRESENTED)
        rows.append(d.EventRow(str(a.get("id", n)), _name(g, n), str(a.get("kind", "")),
                               str(a.get("date", "")), att, progs))
    rows.sort(key=lambda r: (r.date, r.id))
    return rows
