"""Events and their attendance."""

from __future__ import annotations

from collections import defaultdict

from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS
from pat_graph.demo.state import DemoState, _Actor
from pat_graph.model import VOCABULARIES


def build_events(state: DemoState) -> None:
    """Events and who attended them; writes ``eventos.csv`` and ``asistencias.csv``
    (after the actors).

    >>> from pat_graph.demo.actors import build_actors
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_events(state)
    >>> event, *_ = state.rows["eventos.csv"][0]
    >>> event, len(state.attendees[event]) >= 2
    ('E-00001', True)
    """
    nid = iter(range(1, 10**7))
    kinds = ("socializacion_oferta", "asistencia_tecnica", "transferencia_conocimiento_dt",
             "mesa_tecnica", "otro")
    by_mun: dict[str, list[_Actor]] = defaultdict(list)
    for a in state.actors:
        if a.mun:
            by_mun[a.mun].append(a)
    for d in state.depts:
        for _ in range(state.n(800, d, minimum=6)):
            kind = state.rng.choices(kinds, (0.35, 0.35, 0.1 if d in state.dt else 0,
                                             0.15, 0.05))[0]
            mun = state.pick_mun(d) if state.rng.random() < 0.3 else ""
            when = state.date()
            eid = state.new_id("E", next(nid), 5)
            place = state.place(mun) if mun else state.ref.departments[d].name
            label = VOCABULARIES["event_kind"][kind]
            state.rows["eventos.csv"].append([
                eid, f"{label} (demo) {eid[2:].lstrip('0')} — {place}", kind,
                state.dept_cell(d), state.mun_cell(mun), when.isoformat()])
            state.events_by_dept[d].append((eid, kind, mun, when.isoformat()))
            excluded = state.exclusion(d, state.rng.randint(0, 1))
            pool = state.pool(d, excluded)
            local = [a for a in by_mun.get(mun, []) if state.allowed(a, excluded)]
            size = state.rng.randint(6, 19)
            chosen = {a.id: a for a in state.rng.sample(local, min(len(local), size // 2))}
            for a in state.rng.sample(pool, min(len(pool), size)):
                if len(chosen) >= size:
                    break
                chosen.setdefault(a.id, a)
            if d not in _CLOSED_DEPTS and kind != "otro":
                host = state.national["mintrabajo"] if kind != "socializacion_oferta" \
                    else state.rng.choice(list(state.national.values()))
                chosen.setdefault(host.id, host)
            if d == _BROKER_DEPT and state.rng.random() < 0.5:
                chosen.setdefault(state.gov[d].id, state.gov[d])
            state.attendees[eid] = list(chosen.values())
            for aid in chosen:
                state.rows["asistencias.csv"].append([eid, aid])
                state.tied.add(aid)
