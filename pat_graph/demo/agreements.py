"""Agreements and their signatories.

Most agreements grow out of a tie that already exists (see
:data:`AGREEMENTS_FROM_SHARED_TIES` and the package docstring): their signers are
drawn among the actors who sat together in one instance, or attended one event,
some time before the signing date. The rest are drawn at random within the
department, as cross-sector alliances that start from nothing visible in the data.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS
from pat_graph.demo.state import DemoState, _Actor

#: Share of agreements whose signers are drawn among the actors of one shared space
#: (the members of one instance on one day, or the attendees of one event) that
#: lies 2 months to about 3 years before the signing date. The rest are drawn at
#: random within the department.
AGREEMENTS_FROM_SHARED_TIES = 0.7


# Days between the shared tie (the moment of co-membership, the event) and the signature.
_LAG_DAYS = (60, 1100)


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


# (actor, since, until) of every participation period, by instance.
_Periods = dict[str, list[tuple[_Actor, dt.date, dt.date | None]]]


def _periods_by_instance(state: DemoState) -> _Periods:
    actor = {a.id: a for a in state.actors}
    out: _Periods = defaultdict(list)
    for aid, iid, _role, since, until in state.rows["participaciones.csv"]:
        out[iid].append((actor[aid], dt.date.fromisoformat(since),
                         dt.date.fromisoformat(until) if until else None))
    return out


def _shared_tie(state: DemoState, d: str, when: dt.date,
                periods: _Periods) -> list[_Actor] | None:
    """The actors who shared a space of ``d`` some time before ``when`` (between
    :data:`_LAG_DAYS` before it): the members of one instance on one day, or the
    attendees of one event; ``None`` if a few tries find nobody."""
    lo, hi = when - dt.timedelta(days=_LAG_DAYS[1]), when - dt.timedelta(days=_LAG_DAYS[0])
    insts = [i for i in state.inst_by_dept[d] if periods.get(i.id) and i.created <= hi
             and (i.ended_by is None or i.ended_by >= lo)]
    lo_day, hi_day = lo.isoformat(), hi.isoformat()
    events = [e for e in state.events_by_dept[d] if lo_day <= e[3] <= hi_day]
    for _ in range(10):
        if not insts and not events:
            return None
        if events and (not insts or state.rng.random() < 0.5):
            together = state.attendees[state.rng.choice(events)[0]]
        else:
            inst = state.rng.choice(insts)
            tie = state.date(max(lo, inst.created), min(hi, inst.ended_by or hi))
            seen: dict[str, _Actor] = {}
            for a, since, until in periods[inst.id]:
                if since <= tie and (until is None or until >= tie):
                    seen.setdefault(a.id, a)
            together = list(seen.values())
        if len(together) >= 2:
            return together
    return None


def build_agreements(state: DemoState) -> None:
    """Agreements and their signatories, most grown out of a shared space; writes
    ``acuerdos.csv`` and ``firmantes.csv`` (after the participations and events).

    >>> from pat_graph.demo.actors import build_actors
    >>> from pat_graph.demo.events import build_events
    >>> from pat_graph.demo.instances import build_instances
    >>> from pat_graph.demo.participations import build_participations
    >>> state = DemoState(7, 0.05)
    >>> for step in (build_actors, build_instances, build_participations, build_events):
    ...     step(state)
    >>> build_agreements(state)
    >>> state.rows["firmantes.csv"][0][0] == state.rows["acuerdos.csv"][0][0] == "AC-00001"
    True
    """
    nid = iter(range(1, 10**7))
    nationals = list(state.national.values())
    periods = _periods_by_instance(state)
    for d in state.depts:
        for _ in range(state.n(1500, d, minimum=4)):
            when, together = state.date(), None
            if state.rng.random() < AGREEMENTS_FROM_SHARED_TIES:
                for _try in range(5):  # early dates may have no tie before them yet
                    together = _shared_tie(state, d, when, periods)
                    if together is not None:
                        break
                    when = state.date()
            if together is not None:
                signers = state.rng.sample(together, min(len(together), state.rng.choices(
                    (2, 3, 4), (0.45, 0.35, 0.2))[0]))
                gov = state.gov[d]
                if d == _BROKER_DEPT and gov in together and state.rng.random() < 0.5:
                    signers = [gov, *(s for s in signers if s is not gov)][:len(signers)]
            else:
                excluded = state.exclusion(d, state.rng.randint(0, 1))
                pool = state.pool(d, excluded)
                if len(pool) < 2:
                    continue
                signers = state.rng.sample(pool, min(len(pool), state.rng.choices(
                    (2, 3, 4, 5), (0.3, 0.35, 0.2, 0.15))[0]))
                if d not in _CLOSED_DEPTS and state.rng.random() < 0.15:
                    signers.append(state.rng.choice(nationals))
                if d == _BROKER_DEPT and state.rng.random() < 0.5:
                    signers = [state.gov[d], *(s for s in signers if s is not state.gov[d])]
            title, theme = state.rng.choice(_AGREEMENTS)
            aid = state.new_id("AC", next(nid), 5)
            mun = signers[0].mun if state.rng.random() < 0.25 else ""
            place = state.place(mun) if mun else state.ref.departments[d].name
            status = state.rng.choices(("en_construccion", "firmado", "en_implementacion",
                                        "finalizado"), (0.1, 0.3, 0.4, 0.2))[0]
            signed = "" if status == "en_construccion" else when.isoformat()
            state.rows["acuerdos.csv"].append([
                aid, f"{title} (demo) {aid[3:].lstrip('0')} — {place}", theme,
                state.dept_cell(d), state.mun_cell(mun), signed, status])
            for i, s in enumerate(signers):
                role = "lider" if i == 0 else state.rng.choice(("firmante", "aliado"))
                state.rows["firmantes.csv"].append([aid, s.id, role])
                state.tied.add(s.id)
