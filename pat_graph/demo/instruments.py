"""Public-policy instruments, departmental and municipal, with the planted policy gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pat_graph.demo.planted import PLANTED_GAPS
from pat_graph.demo.state import _START, DemoState
from pat_graph.model import INSTRUMENT_KINDS, VOCABULARIES


def build_instruments(state: DemoState) -> None:
    """Public-policy instruments, departmental and municipal, with the planted policy
    gaps; writes ``instrumentos.csv`` (after the actors: a leader per instrument).

    >>> from pat_graph.demo.actors import build_actors
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_instruments(state)
    >>> [r for r in state.rows["instrumentos.csv"]
    ...  if r[1] == "politica_publica_trabajo_decente" and r[2] == "94"]
    []
    """
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
                act = state.rng.choice((f"Acuerdo {state.rng.randint(1, 60):03d} de {year}",
                                        f"Decreto {state.rng.randint(1, 400):03d} de {year}"))
            else:
                act = state.rng.choice((f"Ordenanza {state.rng.randint(1, 80):03d} de {year}",
                                        f"Decreto {state.rng.randint(1, 900):04d} de {year}"))
        place = state.place(mun) if mun else state.ref.departments[d].name
        leader = state.alcaldia.get(mun, state.gov[d]) if mun else state.gov[d]
        state.rows["instrumentos.csv"].append([
            state.new_id("IN", next(nid), 5), kind, state.dept_cell(d), state.mun_cell(mun),
            f"{VOCABULARIES['instrument_kind'][kind]} (demo) — {place}", status, act,
            when.isoformat(), leader.id])
        state.tied.add(leader.id)

    def status_date() -> tuple[str, dt.date]:
        status = state.rng.choices(("diagnostico", "formulacion") + adopted,
                                   (0.15, 0.2, 0.25, 0.25, 0.15))[0]
        if status in ("diagnostico", "formulacion"):
            return status, state.date(dt.date(2023, 1, 1))
        return status, state.date(dt.date(2019, 6, 1))

    def place_instruments(d: str, mun: str, kinds: Sequence[str]) -> None:
        for kind in kinds:
            if kind == "politica_publica_trabajo_decente" and d in no_policy:
                continue
            if kind == "fuente_financiacion" and d in unfunded:
                continue
            status, when = status_date()
            if kind == "politica_publica_trabajo_decente" and not mun:
                if d in stalled:
                    status = state.rng.choice(("diagnostico", "formulacion"))
                    when = state.date(_START, dt.date(2020, 12, 31))
                elif d in unfunded:
                    status = state.rng.choice(("adoptado", "implementacion"))
                    when = state.date(dt.date(2020, 1, 1), dt.date(2024, 12, 31))
            if kind == "plan_empleo" and not mun and d in stalled:
                status = state.rng.choice(("diagnostico", "formulacion"))
                when = state.date(_START, dt.date(2020, 12, 31))
            add(kind, d, mun, status, when)
            if (kind == "politica_publica_trabajo_decente" and status in adopted
                and d not in unfunded):
                fs, fw = state.rng.choice(adopted), state.date(when)
                add("fuente_financiacion", d, mun, fs, fw)

    forced = {"politica_publica_trabajo_decente"}
    for d in state.depts:
        kinds = [k for k, p in zip(INSTRUMENT_KINDS, (0.75, 0.65, 0.85, 0.55, 0.35),
                                   strict=True)
                 if state.rng.random() < p or (k in forced and d in stalled | unfunded)
                 or (k == "plan_empleo" and d in stalled)]
        place_instruments(d, "", kinds)
    for _ in range(round(170 * state.scale)):
        d = state.rng.choices(state.depts, [state.weight[x] for x in state.depts])[0]
        mun = state.pick_mun(d)
        place_instruments(d, mun, state.rng.sample(INSTRUMENT_KINDS, state.rng.randint(1, 3)))
