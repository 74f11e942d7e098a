"""Events and their attendance."""

from __future__ import annotations

from collections import defaultdict

from pat_graph.demo.base import _Actor, _BuilderBase
from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS
from pat_graph.model import VOCABULARIES


class _EventsBuilder(_BuilderBase):
    """Writes ``eventos.csv`` and ``asistencias.csv``."""

    def build_events(self) -> None:
        nid = iter(range(1, 10**7))
        kinds = ("socializacion_oferta", "asistencia_tecnica", "transferencia_conocimiento_dt",
                 "mesa_tecnica", "otro")
        by_mun: dict[str, list[_Actor]] = defaultdict(list)
        for a in self.actors:
            if a.mun:
                by_mun[a.mun].append(a)
        for d in self.depts:
            for _ in range(self.n(800, d, minimum=6)):
                kind = self.rng.choices(kinds, (0.35, 0.35, 0.1 if d in self.dt else 0,
                                                0.15, 0.05))[0]
                mun = self.pick_mun(d) if self.rng.random() < 0.3 else ""
                when = self.date()
                eid = self.new_id("E", next(nid), 5)
                place = self.place(mun) if mun else self.ref.departments[d].name
                label = VOCABULARIES["event_kind"][kind]
                self.rows["eventos.csv"].append([
                    eid, f"{label} (demo) {eid[2:].lstrip('0')} — {place}", kind,
                    self.dept_cell(d), self.mun_cell(mun), when.isoformat()])
                self.events_by_dept[d].append((eid, kind, mun, when.isoformat()))
                excluded = self.exclusion(d, self.rng.randint(0, 1))
                pool = self.pool(d, excluded)
                local = [a for a in by_mun.get(mun, []) if self.allowed(a, excluded)]
                size = self.rng.randint(6, 19)
                chosen = {a.id: a for a in self.rng.sample(local, min(len(local), size // 2))}
                for a in self.rng.sample(pool, min(len(pool), size)):
                    if len(chosen) >= size:
                        break
                    chosen.setdefault(a.id, a)
                if d not in _CLOSED_DEPTS and kind != "otro":
                    host = self.national["mintrabajo"] if kind != "socializacion_oferta" \
                        else self.rng.choice(list(self.national.values()))
                    chosen.setdefault(host.id, host)
                if d == _BROKER_DEPT and self.rng.random() < 0.5:
                    chosen.setdefault(self.gov[d].id, self.gov[d])
                self.attendees[eid] = list(chosen.values())
                for aid in chosen:
                    self.rows["asistencias.csv"].append([eid, aid])
                    self.tied.add(aid)
