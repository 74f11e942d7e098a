"""National programmes and their linkages with the departments (socialisation,
implementation, feedback), minus the planted programme gaps."""

from __future__ import annotations

import datetime as dt

from pat_graph.demo.base import _END, _BuilderBase
from pat_graph.demo.planted import PLANTED_PROGRAM_GAPS

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


class _ProgrammesBuilder(_BuilderBase):
    """Writes ``programas.csv`` and ``articulaciones.csv``."""

    def build_programs(self) -> None:
        for pid, name, owner, theme in PROGRAMS:
            self.rows["programas.csv"].append([pid, name, self.national[owner].id, theme])
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
            self.rows["articulaciones.csv"].append([
                pid, kind, self.dept_cell(d), self.mun_cell(mun), actor, event, when])

        for pid, *_ in PROGRAMS:
            for d in self.depts:
                if (pid, d) in absent:
                    continue
                events = [e for e in self.events_by_dept[d] if e[1] == "socializacion_oferta"]
                first = dt.date(2025, 6, 30)
                for _ in range(max(1, self.n(2.2 * 33, d))):
                    if events and self.rng.random() < 0.6:
                        eid, _k, mun, when = self.rng.choice(events)
                        row(pid, "socializacion", d, mun, "", eid, when)
                    else:
                        mun = self.pick_mun(d) if self.rng.random() < 0.3 else ""
                        when = self.date().isoformat()
                        row(pid, "socializacion", d, mun, "", "", when)
                    first = min(first, dt.date.fromisoformat(when))
                if (pid, d) in only_soc:
                    continue
                kinds = _IMPLEMENTERS[pid]
                actors = [a for a in self.by_dept[d] if a.kind in kinds
                          and a.id not in self.isolated] or [self.gov[d]]
                impl_first = _END
                for _ in range(max(1, self.n(2.0 * 33, d))):
                    a = self.rng.choice(actors)
                    when = self.date(min(first + dt.timedelta(days=30), _END))
                    impl_first = min(impl_first, when)
                    row(pid, "implementacion", d, a.mun if self.rng.random() < 0.4 else "",
                        a.id, "", when.isoformat())
                if (pid, d) in no_fb:
                    continue
                for _ in range(max(1, self.n(1.4 * 33, d))):
                    a = self.rng.choice(actors)
                    when = self.date(min(impl_first + dt.timedelta(days=60), _END))
                    row(pid, "retroalimentacion", d, a.mun if self.rng.random() < 0.3 else "",
                        a.id if self.rng.random() < 0.8 else "", "", when.isoformat())
