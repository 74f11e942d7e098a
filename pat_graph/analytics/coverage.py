"""Family 1 — instance coverage (cobertura de instancias de participación).

Per department: which of the five seed instance types exist and are active,
which national networks have no participant from the department, which
instances lack a member of a sector they need, and whether the Subcomisión de
Concertación is tripartite (government, employers, workers).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Instance:S", label="Instance", id="S", kind="subcomision_concertacion")
>>> _ = g.add_edge("Instance:S", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> g.add_node("Actor:G", label="Actor", id="G", sector="publico", kind="gobernacion")
>>> _ = g.add_edge("Actor:G", "Instance:S", key="PARTICIPATES_IN", type="PARTICIPATES_IN")
>>> [c] = instance_coverage(g)
>>> c.missing_kinds
['subcomite_desarrollo_administrativo', 'red_formalizacion', 'red_ormet', 'comision_regional_competitividad']
>>> c.subcomision_missing_parties
['empleadores', 'trabajadores']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import Context, Gap, context
from pat_graph.model import (
    INSTANCE,
    NATIONAL_NETWORK_KINDS,
    SEED_INSTANCE_KINDS,
    label_es,
)

FAMILY = "instancias"

#: Actor kinds (``tipo``) that represent employers in the Subcomisión de Concertación
#: (Ley 278 de 1996: gremios). Cajas de compensación are excluded on purpose: they are
#: para-fiscal bodies governed jointly by employers and workers, not employer representatives.
EMPLOYER_KINDS: frozenset[str] = frozenset({
    "gremio", "camara_comercio", "empresa", "asociacion_empresarial", "federacion_empresarial",
    "empleador", "organizacion_empleadores",
})
#: Actor kinds that represent workers (centrales y organizaciones sindicales).
WORKER_KINDS: frozenset[str] = frozenset({
    "sindicato", "central_sindical", "confederacion_sindical", "federacion_sindical",
    "organizacion_trabajadores", "asociacion_pensionados",
})

#: Sectors each instance kind needs among its current members (documented in docs/analytics.md).
NEEDED_SECTORS: dict[str, tuple[str, ...]] = {
    "subcomision_concertacion": ("publico", "privado"),
    "subcomite_desarrollo_administrativo": ("publico",),
    "red_formalizacion": ("publico", "privado"),
    "red_ormet": ("publico", "academico"),
    "comision_regional_competitividad": ("publico", "privado", "academico"),
}

PARTIES_ES = {"gobierno": "gobierno", "empleadores": "empleadores", "trabajadores": "trabajadores"}


def tripartite_parties(actor: dict[str, Any]) -> set[str]:
    """Which Subcomisión parties an actor (node attributes) can represent.

    >>> sorted(tripartite_parties({"sector": "publico", "kind": "alcaldia"}))
    ['gobierno']
    >>> sorted(tripartite_parties({"sector": "privado", "kind": "gremio"}))
    ['empleadores']
    >>> sorted(tripartite_parties({"sector": "comunitario", "kind": "sindicato"}))
    ['trabajadores']
    >>> sorted(tripartite_parties({"sector": "privado", "kind": "caja_compensacion"}))
    []
    """
    out = set()
    if actor.get("sector") == "publico":
        out.add("gobierno")
    kind = actor.get("kind")
    if kind in EMPLOYER_KINDS:
        out.add("empleadores")
    if kind in WORKER_KINDS:
        out.add("trabajadores")
    return out


#: Instance kinds whose Spanish name is masculine (``Subcomité``, ``Otro espacio``):
#: the gap text agrees with them ("falta Subcomité … activo").
_MASCULINE_KINDS = frozenset({"subcomite_desarrollo_administrativo", "otro_espacio"})


@dataclass
class InstanceCoverage:
    """Instance coverage of one department (see docs/analytics.md §1).

    ``missing_kinds``: seed kinds with no active instance scoped to the department
    or one of its municipalities (a national network does not count here);
    ``networks_without_participant``: national networks (instances of
    :data:`~pat_graph.model.NATIONAL_NETWORK_KINDS` scoped to the nation) in
    which no actor of the department currently participates.
    """

    department_code: str
    department_name: str
    active_kinds: list[str] = field(default_factory=list)
    inactive_only_kinds: list[str] = field(default_factory=list)
    missing_kinds: list[str] = field(default_factory=list)
    networks_without_participant: list[str] = field(default_factory=list)
    instances_missing_sectors: dict[str, list[str]] = field(default_factory=dict)
    has_subcomision: bool = False
    subcomision_missing_parties: list[str] = field(default_factory=list)

    def gaps(self) -> list[Gap]:
        d = self.department_code
        out = []
        for k in self.missing_kinds:
            o = "o" if k in _MASCULINE_KINDS else "a"  # "Subcomité ... activo"
            why = f" (existe pero inactiv{o})" if k in self.inactive_only_kinds else ""
            out.append(Gap(d, FAMILY, "falta_instancia", k,
                           f"falta {label_es('instance_kind', k)} activ{o}{why}"))
        for k in self.networks_without_participant:
            out.append(Gap(d, FAMILY, "red_sin_participante", k,
                           f"ningún actor del departamento participa en la "
                           f"{label_es('instance_kind', k)} nacional"))
        for inst, sectors in sorted(self.instances_missing_sectors.items()):
            for s in sectors:
                out.append(Gap(d, FAMILY, "instancia_sin_sector", f"{inst}|{s}",
                               f"la instancia {inst} no tiene miembro del sector "
                               f"{label_es('sector', s).lower()}"))
        for p in self.subcomision_missing_parties:
            out.append(Gap(d, FAMILY, "subcomision_no_tripartita", p,
                           f"Subcomisión de Concertación sin representación de {p}"))
        return out


def instance_coverage(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, department: str | None = None,
) -> list[InstanceCoverage]:
    """Instance coverage per department at ``as_of``.

    Parameters
    ----------
    g : the canonical graph (or a :class:`~pat_graph.analytics.base.Context`).
    as_of : ``YYYY-MM-DD`` cut-off date, or ``None`` for the current state.
    department : restrict to one DANE department code.

    Returns
    -------
    list of :class:`InstanceCoverage`, one per department, by DANE code.
    """
    ctx = context(g, as_of)
    graph = ctx.graph
    per_dept: dict[str, dict[str, list[str]]] = {d: {} for d in ctx.departments}
    national: dict[str, list[str]] = {}
    for n in ctx.nodes(INSTANCE):
        a = graph.nodes[n]
        kind = a.get("kind")
        d = ctx.department_of(n)
        if d is None:
            national.setdefault(kind, []).append(n)
        elif d in per_dept:
            per_dept[d].setdefault(kind, []).append(n)
    out = []
    for d, name in ctx.departments.items():
        if department is not None and d != department:
            continue
        kinds = per_dept[d]
        cov = InstanceCoverage(d, name)
        for k in SEED_INSTANCE_KINDS:
            insts = kinds.get(k, [])
            active = [i for i in insts if graph.nodes[i].get("status", "activa") == "activa"]
            if active:
                cov.active_kinds.append(k)
            else:
                cov.missing_kinds.append(k)
                if insts:
                    cov.inactive_only_kinds.append(k)
            if k in NATIONAL_NETWORK_KINDS and national.get(k) \
                    and not _participates(ctx, national[k], d):
                cov.networks_without_participant.append(k)
            for i in active:
                have = {ctx.sector(m) for m in ctx.members.get(i, ())}
                lack = [s for s in NEEDED_SECTORS.get(k, ()) if s not in have]
                if lack:
                    cov.instances_missing_sectors[graph.nodes[i].get("id", i)] = lack
        subs = [i for i in kinds.get("subcomision_concertacion", [])
                if graph.nodes[i].get("status", "activa") == "activa"]
        cov.has_subcomision = bool(subs)
        if subs:  # parties represented in any active Subcomisión of the department
            parties: set[str] = set()
            for i in subs:
                for m in ctx.members.get(i, ()):
                    parties |= tripartite_parties(graph.nodes[m])
            cov.subcomision_missing_parties = [
                p for p in ("gobierno", "empleadores", "trabajadores") if p not in parties]
        out.append(cov)
    return out


def _participates(ctx: Context, instances: list[str], dept: str) -> bool:
    return any(ctx.department_of(m) == dept for i in instances for m in ctx.members.get(i, ()))


def coverage_gaps(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> list[Gap]:
    """Every instance-coverage gap as :class:`~pat_graph.analytics.base.Gap` items."""
    return [gap for c in instance_coverage(g, as_of) for gap in c.gaps()]
