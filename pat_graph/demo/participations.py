"""Participations: who sits in which instance and when, by role and affinity, and the
final fix-ups that give every instance and actor the ties the planted gaps allow."""

from __future__ import annotations

import datetime as dt

from pat_graph.demo.base import _END, _Actor, _BuilderBase, _Instance
from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS, _NEEDED_SECTORS

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


class _ParticipationsBuilder(_BuilderBase):
    """Writes ``participaciones.csv``."""

    def periods(self, inst: _Instance) -> list[tuple[dt.date, dt.date | None]]:
        hi = inst.ended_by or _END
        start = self.date(inst.created, min(hi - dt.timedelta(days=120), dt.date(2024, 6, 30)))
        count = self.rng.choices((1, 2, 3), (0.35, 0.4, 0.25))[0]
        out: list[tuple[dt.date, dt.date | None]] = []
        for i in range(count):
            end = start + dt.timedelta(days=self.rng.randint(300, 800))
            last = i == count - 1 or end >= hi - dt.timedelta(days=60)
            if last:
                if inst.ended_by:
                    out.append((start, inst.ended_by))
                elif self.rng.random() < 0.15 and end < _END:
                    out.append((start, end))
                else:
                    out.append((start, None))
                break
            out.append((start, end))
            start = end + dt.timedelta(days=1)
        return out

    def join(self, a: _Actor, inst: _Instance, role: str, current: bool = False) -> None:
        """``a`` joins ``inst`` for one to three periods; ``current``: the last one is open."""
        key = (a.id, inst.id)
        if key in self.members:
            if current and key not in self.current and inst.ended_by is None:
                since = min(self.last_end[key] + dt.timedelta(days=1), _END)
                self.rows["participaciones.csv"].append([a.id, inst.id, role,
                                                         since.isoformat(), ""])
                self.current.add(key)
                self.current_actors.add(a.id)
            return
        self.members.add(key)
        self.tied.add(a.id)
        periods = self.periods(inst)
        since, until = periods[-1]
        if until is not None and inst.ended_by is None and (
                current or inst.dept == _BROKER_DEPT):
            periods[-1] = (since, None)
        for since, until in periods:
            self.rows["participaciones.csv"].append([
                a.id, inst.id, role, since.isoformat(), until.isoformat() if until else ""])
        if periods[-1][1] is None:
            self.current.add(key)
            self.current_actors.add(a.id)
        else:
            self.last_end[key] = periods[-1][1]

    def build_participations(self) -> None:
        sena_reg = {a.dept: a for a in self.actors if a.kind == "sena_regional"}
        ormet = {a.dept: a for a in self.actors if a.kind == "ormet"}
        camara = {}
        for a in self.actors:
            if a.kind == "camara_comercio":
                camara.setdefault(a.dept, a)
        # national networks: public, academic and cooperation actors only
        red_ormet, red_form = self.instances[0], self.instances[1]
        self.join(self.national["mintrabajo"], red_ormet, "secretaria_tecnica")
        self.join(self.national["spe"], red_ormet, "miembro")
        self.join(self.national["mintrabajo"], red_form, "presidencia")
        for key in ("spe", "solidaria", "mincit", "sena", "dps", "colpensiones"):
            self.join(self.national[key], red_form, "miembro")
        for d in self.depts:
            if d in _CLOSED_DEPTS:
                continue
            self.join(ormet[d], red_ormet, "miembro")
            if d in self.dt:
                self.join(self.dt[d], red_form, "miembro")
        for a in self.actors:
            if a.kind == "organismo_internacional" and a.level == "nacional":
                self.join(a, red_form, "invitado")
            elif a.kind == "caja_compensacion" and a.level == "nacional":
                self.join(a, red_form, "miembro")
        # leadership of departmental instances
        for d in self.depts:
            for inst in self.inst_by_dept[d]:
                lead = self.gov[d]
                if inst.mun and inst.mun in self.alcaldia:
                    lead = self.alcaldia[inst.mun]
                sec = {"subcomision_concertacion": self.dt.get(d),
                       "red_formalizacion": self.dt.get(d),
                       "red_ormet": ormet[d],
                       "comision_regional_competitividad": camara.get(d),
                       "subcomite_desarrollo_administrativo": self.dt.get(d) or sena_reg.get(d),
                       }.get(inst.kind)
                if d == _BROKER_DEPT:
                    self.join(self.gov[d], inst, "presidencia")
                elif self.allowed(lead, inst.excluded):
                    self.join(lead, inst, "presidencia")
                if sec is not None and self.allowed(sec, inst.excluded, inst.no_union):
                    self.join(sec, inst, "secretaria_tecnica")
        # every actor joins a few instances of its department, by affinity
        for d in self.depts:
            insts = self.inst_by_dept[d]
            for a in self.by_dept[d]:
                if a.id in self.isolated:
                    continue
                ok = [i for i in insts if self.allowed(a, i.excluded, i.no_union)
                      and (not i.mun or i.mun == a.mun or a.level != "municipal"
                           or self.rng.random() < 0.2)]
                if not ok:
                    continue
                weights = [_AFFINITY[i.kind].get(a.kind, 0.2) * (4 if i.mun and i.mun == a.mun
                                                                 else 1) for i in ok]
                k = self.rng.choices((2, 3, 4, 5, 6, 7), (0.1, 0.2, 0.25, 0.2, 0.15, 0.1))[0]
                if not a.synthetic:
                    k += 2
                for inst in {id(i): i for i in self.rng.choices(ok, weights, k=k)}.values():
                    role = "invitado" if self.rng.random() < 0.1 else "miembro"
                    self.join(a, inst, role)

    # ----------------------------------------------------------------- fix-ups
    def ensure_ties(self) -> None:
        """Seed instances have the sectors and parties they need (unless a gap is planted),
        and every actor but the planted isolated ones sits today in an active instance."""
        for inst in self.instances:
            needed = _NEEDED_SECTORS.get(inst.kind, ())
            if not inst.dept or inst.ended_by is not None or not needed:
                continue
            members = [a for a in self.by_dept[inst.dept] if (a.id, inst.id) in self.current]
            wants: list[tuple[str, frozenset[str]]] = [
                (s, frozenset()) for s in needed
                if s not in inst.excluded and not any(a.sector == s for a in members)]
            if inst.kind == "subcomision_concertacion":
                for kinds in (frozenset({"sindicato"}), frozenset({"gremio"})):
                    if not inst.no_union or "sindicato" not in kinds:
                        if not any(a.kind in kinds for a in members):
                            wants.append(("", kinds))
            for sector, kinds in wants:
                pool = [a for a in self.by_dept[inst.dept]
                        if self.allowed(a, inst.excluded, inst.no_union)
                        and (a.sector == sector if sector else a.kind in kinds)]
                if pool:
                    self.join(self.rng.choice(pool), inst, "miembro", current=True)
        for a in self.actors:
            if a.id in self.isolated or a.id in self.current_actors:
                continue
            if not a.dept:
                self.join(a, self.instances[1], "invitado", current=True)
                continue
            ok = [i for i in self.inst_by_dept[a.dept] if i.ended_by is None
                  and self.allowed(a, i.excluded, i.no_union)]
            fresh = [i for i in ok if (a.id, i.id) not in self.members]
            if fresh or ok:
                self.join(a, self.rng.choice(fresh or ok), "miembro", current=True)
