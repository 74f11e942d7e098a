"""Agreements and their signatories."""

from __future__ import annotations

from pat_graph.demo.base import _BuilderBase
from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS

_AGREEMENTS: tuple[tuple[str, str], ...] = (
    ("Alianza por el empleo juvenil", "empleo"),
    ("Convenio de formalización laboral", "formalizacion"),
    ("Pacto por el trabajo decente", "trabajo_decente"),
    ("Alianza para el emprendimiento", "emprendimiento"),
    ("Convenio de economía solidaria", "economia_solidaria"),
    ("Alianza para la protección a la vejez", "proteccion_vejez"),
    ("Acuerdo de inclusión laboral de población víctima", "empleo"),
    ("Convenio de cierre de brechas de capital humano", "empleo"),
)


class _AgreementsBuilder(_BuilderBase):
    """Writes ``acuerdos.csv`` and ``firmantes.csv``."""

    def build_agreements(self) -> None:
        nid = iter(range(1, 10**7))
        nationals = list(self.national.values())
        for d in self.depts:
            for _ in range(self.n(1500, d, minimum=4)):
                excluded = self.exclusion(d, self.rng.randint(0, 1))
                pool = self.pool(d, excluded)
                if len(pool) < 2:
                    continue
                signers = self.rng.sample(pool, min(len(pool), self.rng.choices(
                    (2, 3, 4, 5), (0.3, 0.35, 0.2, 0.15))[0]))
                if d not in _CLOSED_DEPTS and self.rng.random() < 0.15:
                    signers.append(self.rng.choice(nationals))
                if d == _BROKER_DEPT and self.rng.random() < 0.5:
                    signers = [self.gov[d], *(s for s in signers if s is not self.gov[d])]
                title, theme = self.rng.choice(_AGREEMENTS)
                aid = self.new_id("AC", next(nid), 5)
                mun = signers[0].mun if self.rng.random() < 0.25 else ""
                place = self.place(mun) if mun else self.ref.departments[d].name
                status = self.rng.choices(("en_construccion", "firmado", "en_implementacion",
                                           "finalizado"), (0.1, 0.3, 0.4, 0.2))[0]
                signed = "" if status == "en_construccion" else self.date().isoformat()
                self.rows["acuerdos.csv"].append([
                    aid, f"{title} (demo) {aid[3:].lstrip('0')} — {place}", theme,
                    self.dept_cell(d), self.mun_cell(mun), signed, status])
                for i, s in enumerate(signers):
                    role = "lider" if i == 0 else self.rng.choice(("firmante", "aliado"))
                    self.rows["firmantes.csv"].append([aid, s.id, role])
                    self.tied.add(s.id)
