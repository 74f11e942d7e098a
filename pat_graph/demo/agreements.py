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

from pat_graph.demo.base import _Actor, _BuilderBase
from pat_graph.demo.planted import _BROKER_DEPT, _CLOSED_DEPTS

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


class _AgreementsBuilder(_BuilderBase):
    """Writes ``acuerdos.csv`` and ``firmantes.csv`` (after the participations and events)."""

    def _periods_by_instance(self) -> _Periods:
        actor = {a.id: a for a in self.actors}
        out: _Periods = defaultdict(list)
        for aid, iid, _role, since, until in self.rows["participaciones.csv"]:
            out[iid].append((actor[aid], dt.date.fromisoformat(since),
                             dt.date.fromisoformat(until) if until else None))
        return out

    def _shared_tie(self, d: str, when: dt.date,
                    periods: _Periods) -> list[_Actor] | None:
        """The actors who shared a space of ``d`` some time before ``when`` (between
        :data:`_LAG_DAYS` before it): the members of one instance on one day, or the
        attendees of one event; ``None`` if a few tries find nobody."""
        lo, hi = when - dt.timedelta(days=_LAG_DAYS[1]), when - dt.timedelta(days=_LAG_DAYS[0])
        insts = [i for i in self.inst_by_dept[d] if periods.get(i.id) and i.created <= hi
                 and (i.ended_by is None or i.ended_by >= lo)]
        lo_day, hi_day = lo.isoformat(), hi.isoformat()
        events = [e for e in self.events_by_dept[d] if lo_day <= e[3] <= hi_day]
        for _ in range(10):
            if not insts and not events:
                return None
            if events and (not insts or self.rng.random() < 0.5):
                together = self.attendees[self.rng.choice(events)[0]]
            else:
                inst = self.rng.choice(insts)
                tie = self.date(max(lo, inst.created), min(hi, inst.ended_by or hi))
                seen: dict[str, _Actor] = {}
                for a, since, until in periods[inst.id]:
                    if since <= tie and (until is None or until >= tie):
                        seen.setdefault(a.id, a)
                together = list(seen.values())
            if len(together) >= 2:
                return together
        return None

    def build_agreements(self) -> None:
        nid = iter(range(1, 10**7))
        nationals = list(self.national.values())
        periods = self._periods_by_instance()
        for d in self.depts:
            for _ in range(self.n(1500, d, minimum=4)):
                when, together = self.date(), None
                if self.rng.random() < AGREEMENTS_FROM_SHARED_TIES:
                    for _try in range(5):  # early dates may have no tie before them yet
                        together = self._shared_tie(d, when, periods)
                        if together is not None:
                            break
                        when = self.date()
                if together is not None:
                    signers = self.rng.sample(together, min(len(together), self.rng.choices(
                        (2, 3, 4), (0.45, 0.35, 0.2))[0]))
                    gov = self.gov[d]
                    if d == _BROKER_DEPT and gov in together and self.rng.random() < 0.5:
                        signers = [gov, *(s for s in signers if s is not gov)][:len(signers)]
                else:
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
                signed = "" if status == "en_construccion" else when.isoformat()
                self.rows["acuerdos.csv"].append([
                    aid, f"{title} (demo) {aid[3:].lstrip('0')} — {place}", theme,
                    self.dept_cell(d), self.mun_cell(mun), signed, status])
                for i, s in enumerate(signers):
                    role = "lider" if i == 0 else self.rng.choice(("firmante", "aliado"))
                    self.rows["firmantes.csv"].append([aid, s.id, role])
                    self.tied.add(s.id)
