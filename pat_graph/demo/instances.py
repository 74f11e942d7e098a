"""Instances: the seed spaces of every department (minus the planted missing ones),
other departmental and municipal spaces, and the two national networks."""

from __future__ import annotations

import datetime as dt

from pat_graph.demo.planted import _BROKER_DEPT, PLANTED_GAPS
from pat_graph.demo.state import _START, DemoState, _de, _Instance
from pat_graph.model import SEED_INSTANCE_KINDS

_INSTANCE_NAMES: dict[str, str] = {
    "subcomision_concertacion":
        "Subcomisión Departamental de Concertación de Políticas Salariales y Laborales {de}",
    "subcomite_desarrollo_administrativo": "Subcomité de Desarrollo Administrativo {de}",
    "red_formalizacion": "Red Departamental de Formalización Laboral {de}",
    "red_ormet": "Nodo departamental de la Red ORMET {de}",
    "comision_regional_competitividad": "Comisión Regional de Competitividad e Innovación {de}",
}
_OTHER_SPACES = ("Mesa Departamental de Empleo {de}", "Mesa de Economía Solidaria {de}",
                 "Comité Departamental de Trabajo Decente {de}")


def build_instances(state: DemoState) -> None:
    """The seed spaces of every department (minus the planted missing ones), other
    departmental and municipal spaces and the two national networks; writes
    ``instancias.csv``.

    >>> state = DemoState(7, 0.05)
    >>> build_instances(state)
    >>> [i.kind for i in state.instances[:2]], state.instances[0].dept
    (['red_ormet', 'red_formalizacion'], '')
    >>> any(i.kind == "subcomision_concertacion" for i in state.inst_by_dept["88"])
    False
    """
    nid = iter(range(1, 10**6))
    side_of = {"subcomision_concertacion": 0, "red_formalizacion": 0,
               "comision_regional_competitividad": 1,
               "subcomite_desarrollo_administrativo": 1, "red_ormet": 1}
    missing = {(k[4:], d) for k, ds in PLANTED_GAPS.items() if k.startswith("sin_")
               for d in ds}

    def add(kind: str, name: str, dept: str, mun: str, side: int,
            active: bool = True, created: str = "") -> _Instance:
        inst = _Instance(state.new_id("I", next(nid), 4), kind, dept, mun, active,
                         state.exclusion(dept, side) if dept else frozenset())
        if created:
            inst.created = dt.date.fromisoformat(created)
        if not active:
            lo = max(dt.date(2021, 1, 1), inst.created + dt.timedelta(days=365))
            inst.ended_by = state.date(lo, max(lo, dt.date(2023, 12, 31)))
        state.instances.append(inst)
        if dept:
            state.inst_by_dept[dept].append(inst)
        state.rows["instancias.csv"].append([
            inst.id, name, kind, state.dept_cell(dept), state.mun_cell(mun),
            "activa" if active else "inactiva", created])
        return inst

    add("red_ormet", "Red de Observatorios Regionales del Mercado de Trabajo (Red ORMET)",
        "", "", 0, created="2019-03-01")
    add("red_formalizacion", "Red Nacional de Formalización Laboral", "", "", 0,
        created="2019-06-01")
    for d in state.depts:
        de = _de(d, state.ref.departments[d].name)
        for kind in SEED_INSTANCE_KINDS:
            if (kind, d) in missing:
                continue
            active = not (kind == "subcomision_concertacion"
                          and d in PLANTED_GAPS["subcomision_inactiva"])
            created = "" if kind == "subcomision_concertacion" else state.date(
                _START, dt.date(2021, 12, 31)).isoformat()
            side = 1 if d == _BROKER_DEPT else side_of[kind]
            inst = add(kind, _INSTANCE_NAMES[kind].format(de=de), d, "", side,
                       active, created)
            inst.no_union = (kind == "subcomision_concertacion"
                             and d in PLANTED_GAPS["subcomision_sin_sindicato"])
        for i, tpl in enumerate(state.rng.sample(_OTHER_SPACES, state.rng.randint(1, 3))):
            add("otro_espacio", tpl.format(de=de), d, "", i % 2,
                state.rng.random() > 0.1 or d == _BROKER_DEPT, state.date(_START, dt.date(2024, 6, 30)).isoformat())
    for i in range(round(80 * state.scale)):
        d = state.rng.choices(state.depts, [state.weight[x] for x in state.depts])[0]
        mun = state.pick_mun(d)
        add("otro_espacio", f"Mesa Municipal de Empleo y Trabajo Decente de {state.place(mun)}",
            d, mun, i % 2,
            state.rng.random() > 0.1 or d == _BROKER_DEPT, state.date(_START, dt.date(2024, 6, 30)).isoformat())
