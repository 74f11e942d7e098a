"""Participations: who sits in which instance and when, by role and affinity, and the
final fix-ups that give every instance and actor the ties the planted gaps allow."""

from __future__ import annotations

import datetime as dt

from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS, _NEEDED_SECTORS
from pat_graph.demo.state import _END, DemoState, _Actor, _Instance

# Instance kind -> affinity weight per actor kind (how likely an actor joins it).
_AFFINITY: dict[str, dict[str, float]] = {
    "subcomision_concertacion": {"sindicato": 6, "gremio": 5, "empresa": 1, "camara_comercio": 3,
                                 "caja_compensacion": 2, "alcaldia": 1, "sena_regional": 2,
                                 "direccion_territorial": 5, "gobernacion": 5, "universidad": 0.3},
    "subcomite_desarrollo_administrativo": {"alcaldia": 5, "gobernacion": 5, "sena_regional": 3,
                                            "direccion_territorial": 4, "universidad": 1.5,
                                            "institucion_educacion_superior": 1, "ong": 0.5,
                                            "caja_compensacion": 1},
    "red_formalizacion": {"camara_comercio": 5, "caja_compensacion": 4, "gremio": 4,
                          "empresa": 3, "alcaldia": 2, "sena_regional": 3, "sindicato": 1.5,
                          "direccion_territorial": 5, "organizacion_comunitaria": 0.8,
                          "organismo_internacional": 1},
    "red_ormet": {"universidad": 5, "institucion_educacion_superior": 2, "ormet": 8,
                  "sena_regional": 3, "camara_comercio": 2, "caja_compensacion": 2,
                  "empresa": 0.4, "gobernacion": 3, "organismo_internacional": 1},
    "comision_regional_competitividad": {"camara_comercio": 6, "gremio": 4, "empresa": 2.5,
                                         "universidad": 4, "institucion_educacion_superior": 1.5,
                                         "sena_regional": 3, "gobernacion": 5, "alcaldia": 1,
                                         "caja_compensacion": 1.5},
    "otro_espacio": {"organizacion_comunitaria": 5, "ong": 4, "alcaldia": 3,
                     "caja_compensacion": 2, "empresa": 1.5, "organismo_internacional": 3,
                     "sindicato": 1, "institucion_educacion_superior": 1, "universidad": 1,
                     "gobernacion": 1, "sena_regional": 1},
}


def membership_periods(state: DemoState, inst: _Instance) -> list[tuple[dt.date, dt.date | None]]:
    """One to three consecutive participation periods in ``inst``; the last one ends
    with the instance if it ended, else it is mostly open (``None``).

    >>> from pat_graph.demo.instances import build_instances
    >>> state = DemoState(7, 0.05)
    >>> build_instances(state)
    >>> periods = membership_periods(state, state.instances[2])
    >>> all(a < b for a, b in zip([s for s, _ in periods], [e for _, e in periods][:-1]))
    True
    """
    hi = inst.ended_by or _END
    start = state.date(inst.created, min(hi - dt.timedelta(days=120), dt.date(2024, 6, 30)))
    count = state.rng.choices((1, 2, 3), (0.35, 0.4, 0.25))[0]
    out: list[tuple[dt.date, dt.date | None]] = []
    for i in range(count):
        end = start + dt.timedelta(days=state.rng.randint(300, 800))
        last = i == count - 1 or end >= hi - dt.timedelta(days=60)
        if last:
            if inst.ended_by:
                out.append((start, inst.ended_by))
            elif state.rng.random() < 0.15 and end < _END:
                out.append((start, end))
            else:
                out.append((start, None))
            break
        out.append((start, end))
        start = end + dt.timedelta(days=1)
    return out


def join(state: DemoState, a: _Actor, inst: _Instance, role: str, current: bool = False) -> None:
    """``a`` joins ``inst`` for one to three periods; ``current``: the last one is open.

    >>> from pat_graph.demo.actors import build_actors
    >>> from pat_graph.demo.instances import build_instances
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_instances(state)
    >>> join(state, state.national["sena"], state.instances[1], "miembro", current=True)
    >>> state.rows["participaciones.csv"][-1][:3], state.rows["participaciones.csv"][-1][-1]
    (['A-00002', 'I-0002', 'miembro'], '')
    """
    key = (a.id, inst.id)
    if key in state.members:
        if current and key not in state.current and inst.ended_by is None:
            since = min(state.last_end[key] + dt.timedelta(days=1), _END)
            state.rows["participaciones.csv"].append([a.id, inst.id, role,
                                                      since.isoformat(), ""])
            state.current.add(key)
            state.current_actors.add(a.id)
        return
    state.members.add(key)
    state.tied.add(a.id)
    periods = membership_periods(state, inst)
    since, until = periods[-1]
    if until is not None and inst.ended_by is None and (
            current or inst.dept == _BROKER_DEPT):
        periods[-1] = (since, None)
    for since, until in periods:
        state.rows["participaciones.csv"].append([
            a.id, inst.id, role, since.isoformat(), until.isoformat() if until else ""])
    if periods[-1][1] is None:
        state.current.add(key)
        state.current_actors.add(a.id)
    else:
        state.last_end[key] = periods[-1][1]


def build_participations(state: DemoState) -> None:
    """Who sits in which instance and when, by role and affinity; writes
    ``participaciones.csv`` (after the actors and instances).

    >>> from pat_graph.demo.actors import build_actors
    >>> from pat_graph.demo.instances import build_instances
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_instances(state); build_participations(state)
    >>> state.rows["participaciones.csv"][0][:3]
    ['A-00001', 'I-0001', 'secretaria_tecnica']
    >>> state.isolated & {aid for aid, *_ in state.rows["participaciones.csv"]}
    set()
    """
    sena_reg = {a.dept: a for a in state.actors if a.kind == "sena_regional"}
    ormet = {a.dept: a for a in state.actors if a.kind == "ormet"}
    camara = {}
    for a in state.actors:
        if a.kind == "camara_comercio":
            camara.setdefault(a.dept, a)
    # national networks: public, academic and cooperation actors only
    red_ormet, red_form = state.instances[0], state.instances[1]
    join(state, state.national["mintrabajo"], red_ormet, "secretaria_tecnica")
    join(state, state.national["spe"], red_ormet, "miembro")
    join(state, state.national["mintrabajo"], red_form, "presidencia")
    for key in ("spe", "solidaria", "mincit", "sena", "dps", "colpensiones"):
        join(state, state.national[key], red_form, "miembro")
    for d in state.depts:
        if d in _CLOSED_DEPTS:
            continue
        join(state, ormet[d], red_ormet, "miembro")
        if d in state.dt:
            join(state, state.dt[d], red_form, "miembro")
    for a in state.actors:
        if a.kind == "organismo_internacional" and a.level == "nacional":
            join(state, a, red_form, "invitado")
        elif a.kind == "caja_compensacion" and a.level == "nacional":
            join(state, a, red_form, "miembro")
    # leadership of departmental instances
    for d in state.depts:
        for inst in state.inst_by_dept[d]:
            lead = state.gov[d]
            if inst.mun and inst.mun in state.alcaldia:
                lead = state.alcaldia[inst.mun]
            sec = {"subcomision_concertacion": state.dt.get(d),
                   "red_formalizacion": state.dt.get(d),
                   "red_ormet": ormet[d],
                   "comision_regional_competitividad": camara.get(d),
                   "subcomite_desarrollo_administrativo": state.dt.get(d) or sena_reg.get(d),
                   }.get(inst.kind)
            if d == _BROKER_DEPT:
                join(state, state.gov[d], inst, "presidencia")
            elif state.allowed(lead, inst.excluded):
                join(state, lead, inst, "presidencia")
            if sec is not None and state.allowed(sec, inst.excluded, inst.no_union):
                join(state, sec, inst, "secretaria_tecnica")
    # every actor joins a few instances of its department, by affinity
    for d in state.depts:
        insts = state.inst_by_dept[d]
        for a in state.by_dept[d]:
            if a.id in state.isolated:
                continue
            ok = [i for i in insts if state.allowed(a, i.excluded, i.no_union)
                  and (not i.mun or i.mun == a.mun or a.level != "municipal"
                       or state.rng.random() < 0.2)]
            if not ok:
                continue
            weights = [_AFFINITY[i.kind].get(a.kind, 0.2) * (4 if i.mun and i.mun == a.mun
                                                             else 1) for i in ok]
            k = state.rng.choices((2, 3, 4, 5, 6, 7), (0.1, 0.2, 0.25, 0.2, 0.15, 0.1))[0]
            if not a.synthetic:
                k += 2
            for inst in {id(i): i for i in state.rng.choices(ok, weights, k=k)}.values():
                role = "invitado" if state.rng.random() < 0.1 else "miembro"
                join(state, a, inst, role)


# ----------------------------------------------------------------- fix-ups
def ensure_ties(state: DemoState) -> None:
    """Seed instances have the sectors and parties they need (unless a gap is planted),
    and every actor but the planted isolated ones sits today in an active instance.

    >>> from pat_graph.demo.actors import build_actors
    >>> from pat_graph.demo.instances import build_instances
    >>> state = DemoState(7, 0.05)
    >>> build_actors(state); build_instances(state); build_participations(state)
    >>> ensure_ties(state)
    >>> len(state.current_actors) == len(state.actors) - len(state.isolated)
    True
    """
    for inst in state.instances:
        needed = _NEEDED_SECTORS.get(inst.kind, ())
        if not inst.dept or inst.ended_by is not None or not needed:
            continue
        members = [a for a in state.by_dept[inst.dept] if (a.id, inst.id) in state.current]
        wants: list[tuple[str, frozenset[str]]] = [
            (s, frozenset()) for s in needed
            if s not in inst.excluded and not any(a.sector == s for a in members)]
        if inst.kind == "subcomision_concertacion":
            for kinds in (frozenset({"sindicato"}), frozenset({"gremio"})):
                if not inst.no_union or "sindicato" not in kinds:
                    if not any(a.kind in kinds for a in members):
                        wants.append(("", kinds))
        for sector, kinds in wants:
            pool = [a for a in state.by_dept[inst.dept]
                    if state.allowed(a, inst.excluded, inst.no_union)
                    and (a.sector == sector if sector else a.kind in kinds)]
            if pool:
                join(state, state.rng.choice(pool), inst, "miembro", current=True)
    for a in state.actors:
        if a.id in state.isolated or a.id in state.current_actors:
            continue
        if not a.dept:
            join(state, a, state.instances[1], "invitado", current=True)
            continue
        ok = [i for i in state.inst_by_dept[a.dept] if i.ended_by is None
              and state.allowed(a, i.excluded, i.no_union)]
        fresh = [i for i in ok if (a.id, i.id) not in state.members]
        if fresh or ok:
            join(state, a, state.rng.choice(fresh or ok), "miembro", current=True)
