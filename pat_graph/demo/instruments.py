"""Public-policy instruments, departmental and municipal, with the planted policy gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pat_graph.demo.base import _START, _BuilderBase
from pat_graph.demo.planted import PLANTED_GAPS
from pat_graph.model import INSTRUMENT_KINDS, VOCABULARIES


class _InstrumentsBuilder(_BuilderBase):
    """Writes ``instrumentos.csv``."""

    def build_instruments(self) -> None:
        nid = iter(range(1, 10**7))
        no_policy = set(PLANTED_GAPS["sin_politica_publica_trabajo_decente"])
        stalled = set(PLANTED_GAPS["instrumentos_estancados"])
        unfunded = set(PLANTED_GAPS["politica_sin_financiacion"])
        adopted = ("adoptado", "implementacion", "seguimiento")
        done: set[tuple[str, str]] = set()

        def add(kind: str, d: str, mun: str, status: str, when: dt.date) -> None:
            if (kind, mun or d) in done:
                return
            done.add((kind, mun or d))
            act = ""
            if status in adopted:
                year = when.year
                if mun or d == "11":
                    act = self.rng.choice((f"Acuerdo {self.rng.randint(1, 60):03d} de {year}",
                                           f"Decreto {self.rng.randint(1, 400):03d} de {year}"))
                else:
                    act = self.rng.choice((f"Ordenanza {self.rng.randint(1, 80):03d} de {year}",
                                           f"Decreto {self.rng.randint(1, 900):04d} de {year}"))
            place = self.place(mun) if mun else self.ref.departments[d].name
            leader = self.alcaldia.get(mun, self.gov[d]) if mun else self.gov[d]
            self.rows["instrumentos.csv"].append([
                self.new_id("IN", next(nid), 5), kind, self.dept_cell(d), self.mun_cell(mun),
                f"{VOCABULARIES['instrument_kind'][kind]} (demo) — {place}", status, act,
                when.isoformat(), leader.id])
            self.tied.add(leader.id)

        def status_date() -> tuple[str, dt.date]:
            status = self.rng.choices(("diagnostico", "formulacion") + adopted,
                                      (0.15, 0.2, 0.25, 0.25, 0.15))[0]
            if status in ("diagnostico", "formulacion"):
                return status, self.date(dt.date(2023, 1, 1))
            return status, self.date(dt.date(2019, 6, 1))

        def place_instruments(d: str, mun: str, kinds: Sequence[str]) -> None:
            for kind in kinds:
                if kind == "politica_publica_trabajo_decente" and d in no_policy:
                    continue
                if kind == "fuente_financiacion" and d in unfunded:
                    continue
                status, when = status_date()
                if kind == "politica_publica_trabajo_decente" and not mun:
                    if d in stalled:
                        status = self.rng.choice(("diagnostico", "formulacion"))
                        when = self.date(_START, dt.date(2020, 12, 31))
                    elif d in unfunded:
                        status = self.rng.choice(("adoptado", "implementacion"))
                        when = self.date(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
                if kind == "plan_empleo" and not mun and d in stalled:
                    status = self.rng.choice(("diagnostico", "formulacion"))
                    when = self.date(_START, dt.date(2020, 12, 31))
                add(kind, d, mun, status, when)
                if (kind == "politica_publica_trabajo_decente" and status in adopted
                        and d not in unfunded):
                    fs, fw = self.rng.choice(adopted), self.date(when)
                    add("fuente_financiacion", d, mun, fs, fw)

        forced = {"politica_publica_trabajo_decente"}
        for d in self.depts:
            kinds = [k for k, p in zip(INSTRUMENT_KINDS, (0.75, 0.65, 0.85, 0.55, 0.35),
                                       strict=True)
                     if self.rng.random() < p or (k in forced and d in stalled | unfunded)
                     or (k == "plan_empleo" and d in stalled)]
            place_instruments(d, "", kinds)
        for _ in range(round(170 * self.scale)):
            d = self.rng.choices(self.depts, [self.weight[x] for x in self.depts])[0]
            mun = self.pick_mun(d)
            place_instruments(d, mun, self.rng.sample(INSTRUMENT_KINDS, self.rng.randint(1, 3)))
