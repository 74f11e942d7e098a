"""National programmes and their linkages with the departments (socialisation,
implementation, feedback), minus the planted programme gaps."""

from __future__ import annotations

import datetime as dt

from pat_graph.demo.planted import PLANTED_PROGRAM_GAPS
from pat_graph.demo.state import _END, DemoState

#: Programmes: (id, generic name, owner key in NATIONAL_ENTITIES, theme).
PROGRAMS: tuple[tuple[str, str, str, str], ...] = (
    ("P-01", "Servicio Público de Empleo", "spe", "empleo"),
    ("P-02", "Formalización laboral", "mintrabajo", "formalizacion"),
    ("P-03", "Protección económica para la vejez", "colpensiones", "proteccion_vejez"),
    ("P-04", "Fomento del emprendimiento", "sena", "emprendimiento"),
    ("P-05", "Fomento de la economía solidaria", "solidaria", "economia_solidaria"),
    ("P-06", "Formación para el trabajo", "sena", "empleo"),
    ("P-07", "Inclusión productiva", "dps", "emprendimiento"),
    ("P-08", "Productividad y formalización empresarial", "mincit", "formalizacion"),
    ("P-09", "Certificación de competencias laborales", "sena", "empleo"),
    ("P-10", "Observatorios regionales del mercado de trabajo", "mintrabajo", "empleo"),
)


# Programme -> actor kinds that implement it locally.
_IMPLEMENTERS: dict[str, tuple[str, ...]] = {
    "P-01": ("caja_compensacion", "alcaldia", "sena_regional"),
    "P-02": ("camara_comercio", "direccion_territorial", "gremio", "alcaldia"),
    "P-03": ("alcaldia", "organizacion_comunitaria", "gobernacion"),
    "P-04": ("camara_comercio", "universidad", "sena_regional", "ong"),
    "P-05": ("organizacion_comunitaria", "ong", "alcaldia"),
    "P-06": ("sena_regional", "institucion_educacion_superior", "empresa"),
    "P-07": ("alcaldia", "ong", "organizacion_comunitaria"),
    "P-08": ("camara_comercio", "gremio", "empresa"),
    "P-09": ("sena_regional", "empresa", "gremio"),
    "P-10": ("ormet", "universidad", "gobernacion"),
}


def build_programs(state: DemoState) -> None:
    """The national programmes and their linkages with the departments; writes
    ``programas.csv`` and ``articulaciones.csv`` (after the actors and events).

    >>> from pat_graph.demo.actors import build_actors
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_programs(state)
    >>> state.rows["programas.csv"][0]
    ['P-01', 'Servicio Público de Empleo', 'A-00003', 'empleo']
    >>> {k for _, k, *_ in state.rows["articulaciones.csv"]} == {
    ...     "socializacion", "implementacion", "retroalimentacion"}
    True
    """
    for pid, name, owner, theme in PROGRAMS:
        state.rows["programas.csv"].append([pid, name, state.national[owner].id, theme])
    absent = set(PLANTED_PROGRAM_GAPS["programa_no_llega"])
    only_soc = set(PLANTED_PROGRAM_GAPS["socializado_sin_implementar"])
    no_fb = set(PLANTED_PROGRAM_GAPS["implementado_sin_retroalimentacion"])
    seen: set[tuple[str, ...]] = set()
    presented: set[tuple[str, str]] = set()

    def row(pid: str, kind: str, d: str, mun: str, actor: str, event: str,
            when: str) -> None:
        key = (pid, mun or d, kind, when, actor, event)
        if key in seen or (event and (event, pid) in presented):
            return
        seen.add(key)
        if event:
            presented.add((event, pid))
        state.rows["articulaciones.csv"].append([
            pid, kind, state.dept_cell(d), state.mun_cell(mun), actor, event, when])

    for pid, *_ in PROGRAMS:
        for d in state.depts:
            if (pid, d) in absent:
                continue
            events = [e for e in state.events_by_dept[d] if e[1] == "socializacion_oferta"]
            first = dt.date(2025, 6, 30)
            for _ in range(max(1, state.n(2.2 * 33, d))):
                if events and state.rng.random() < 0.6:
                    eid, _k, mun, when = state.rng.choice(events)
                    row(pid, "socializacion", d, mun, "", eid, when)
                else:
                    mun = state.pick_mun(d) if state.rng.random() < 0.3 else ""
                    when = state.date().isoformat()
                    row(pid, "socializacion", d, mun, "", "", when)
                first = min(first, dt.date.fromisoformat(when))
            if (pid, d) in only_soc:
                continue
            kinds = _IMPLEMENTERS[pid]
            actors = [a for a in state.by_dept[d] if a.kind in kinds
                      and a.id not in state.isolated] or [state.gov[d]]
            impl_first = _END
            for _ in range(max(1, state.n(2.0 * 33, d))):
                a = state.rng.choice(actors)
                when = state.date(min(first + dt.timedelta(days=30), _END))
                impl_first = min(impl_first, when)
                row(pid, "implementacion", d, a.mun if state.rng.random() < 0.4 else "",
                    a.id, "", when.isoformat())
            if (pid, d) in no_fb:
                continue
            for _ in range(max(1, state.n(1.4 * 33, d))):
                a = state.rng.choice(actors)
                when = state.date(min(impl_first + dt.timedelta(days=60), _END))
                row(pid, "retroalimentacion", d, a.mun if state.rng.random() < 0.3 else "",
                    a.id if state.rng.random() < 0.8 else "", "", when.isoformat())
