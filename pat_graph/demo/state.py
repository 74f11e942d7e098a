"""The state every step of the demo generator reads and fills (:class:`DemoState`): the
RNG stream, the scale, the reference lists, the actors and instances built so far, the
rows of every output file, with the RNG helpers and tie filters the steps share; and the
actor and instance records and the date span."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from pat_graph.demo.planted import _BROKER_DEPT, _BROKER_SIDE_B, _SPLIT_DEPTS
from pat_graph.demo.writer import FILES
from pat_graph.tables import read_table
from pat_graph.territories import reference
from pat_graph.text import fold

_START, _END = dt.date(2019, 1, 1), dt.date(2025, 6, 30)

# Departments written "del X" rather than "de X".
_DEL = {"18", "19", "20", "27", "41", "47", "50", "63", "73", "76", "86", "88", "91", "94",
        "95", "97", "99"}


@dataclass(slots=True)
class _Actor:
    id: str
    name: str
    sector: str
    kind: str
    level: str
    dept: str = ""
    mun: str = ""
    sigla: str = ""
    nit: str = ""
    synthetic: bool = False


@dataclass(slots=True)
class _Instance:
    id: str
    kind: str
    dept: str
    mun: str
    active: bool
    excluded: frozenset[str] = frozenset()
    no_union: bool = False
    ended_by: dt.date | None = None
    created: dt.date = _START


def _read(name: str) -> list[dict[str, str]]:
    data = resources.files("pat_graph.data").joinpath(name).read_bytes()
    return read_table(data, name=name).records()


def _de(code: str, name: str) -> str:
    """``de Antioquia`` / ``del Meta``.

    >>> _de("50", "Meta"), _de("05", "Antioquia")
    ('del Meta', 'de Antioquia')
    """
    return f"del {name}" if code in _DEL else f"de {name}"


class DemoState:
    """What the table steps share, passed to each of them explicitly; one RNG stream, so
    a seed fixes the bytes.

    >>> state = DemoState(7, 0.05)
    >>> len(state.depts), state.rows["actores.csv"], state.new_id("A", 7, 5)
    (33, [], 'A-00007')
    """

    def __init__(self, seed: int, scale: float) -> None:
        self.rng = random.Random(seed)
        self.scale = scale
        self.ref = reference()
        self.depts = sorted(self.ref.departments)
        self.rows: dict[str, list[list[str]]] = {f: [] for f in FILES}
        self.actors: list[_Actor] = []
        self.by_dept: dict[str, list[_Actor]] = defaultdict(list)
        self.national: dict[str, _Actor] = {}
        self.gov: dict[str, _Actor] = {}
        self.alcaldia: dict[str, _Actor] = {}
        self.dt: dict[str, _Actor] = {}
        self.isolated: set[str] = set()
        self.instances: list[_Instance] = []
        self.inst_by_dept: dict[str, list[_Instance]] = defaultdict(list)
        self.members: set[tuple[str, str]] = set()
        self.tied: set[str] = set()
        # department -> (event id, kind, municipality, ISO date); event id -> attendees
        self.events_by_dept: dict[str, list[tuple[str, str, str, str]]] = defaultdict(list)
        self.attendees: dict[str, list[_Actor]] = {}
        self.muns_by_dept: dict[str, list[str]] = defaultdict(list)
        for m in self.ref.municipalities.values():
            self.muns_by_dept[m.department_code].append(m.code)
        self.pdet_by_dept: dict[str, list[str]] = {
            d: [c for c in ms if self.ref.municipalities[c].is_pdet]
            for d, ms in self.muns_by_dept.items()}
        self.unique_mun_names = {
            c for c, m in self.ref.municipalities.items()
            if len(self.ref._mun_by_name.get(fold(m.name), [])) == 1}
        self.weight = self._weights()
        self._pools: dict[tuple[str, frozenset[str]], list[_Actor]] = {}
        self.current: set[tuple[str, str]] = set()  # (actor, instance) with an open period
        self.current_actors: set[str] = set()
        self.last_end: dict[tuple[str, str], dt.date] = {}

    # ------------------------------------------------------------------ helpers
    def _weights(self) -> dict[str, float]:
        ies = defaultdict(int)
        for r in _read("ies_snies.csv"):
            if r["estado"] == "Activa":
                ies[r["department_code"]] += 1
        cam = defaultdict(int)
        for r in _read("camaras_comercio.csv"):
            cam[r["department_code"]] += 1
        raw = {d: 10 + len(self.muns_by_dept[d]) / 3 + 0.6 * ies[d] + 2 * cam[d]
               for d in self.depts}
        total = sum(raw.values())
        return {d: w / total for d, w in raw.items()}

    def n(self, base: float, dept: str | None = None, minimum: int = 0) -> int:
        """How many of something: ``base`` nationally at scale 1, split by department weight."""
        value = base * self.scale * (self.weight[dept] if dept else 1.0)
        whole = int(value)
        if self.rng.random() < value - whole:
            whole += 1
        return max(minimum, whole)

    def date(self, lo: dt.date = _START, hi: dt.date = _END) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randint(0, max(0, (hi - lo).days)))

    def dept_cell(self, code: str) -> str:
        """Mostly the DANE code; now and then a name, to exercise the resolver."""
        if code and self.rng.random() < 0.03:
            name = self.ref.departments[code].name
            return self.rng.choice([name, name.upper(), "Bogotá D.C."] if code == "11"
                                   else [name, name.upper()])
        return code

    def mun_cell(self, code: str) -> str:
        if code and code in self.unique_mun_names and self.rng.random() < 0.03:
            return self.ref.municipalities[code].name
        return code

    def place(self, code: str) -> str:
        return self.ref.municipalities[code].name

    def pick_mun(self, dept: str) -> str:
        capital = self.ref.departments[dept].capital_code
        r = self.rng.random()
        if r < 0.45 and capital[:2] == dept:
            return capital
        if r < 0.7 and self.pdet_by_dept.get(dept):
            return self.rng.choice(self.pdet_by_dept[dept])
        return self.rng.choice(self.muns_by_dept[dept])

    def new_id(self, prefix: str, n: int, width: int) -> str:
        return f"{prefix}-{n:0{width}d}"

    # ---------------------------------------------------------------- filters
    def allowed(self, a: _Actor, excluded: frozenset[str], no_union: bool = False) -> bool:
        if a.id in self.isolated:
            return False
        if a is self.gov.get(_BROKER_DEPT):
            return True
        return (a.sector not in excluded and a.kind not in excluded
                and not (no_union and a.kind == "sindicato"))

    def exclusion(self, dept: str, side: int) -> frozenset[str]:
        """Sectors (or actor kinds) kept out of a tie in the split and broker departments."""
        if dept in _SPLIT_DEPTS:
            return frozenset({"academico"} if side == 0 else {"privado"})
        if dept == _BROKER_DEPT:
            return frozenset(_BROKER_SIDE_B if side == 1
                             else {"publico", "academico", "privado", "sindicato"})
        return frozenset()

    def pool(self, dept: str, excluded: frozenset[str]) -> list[_Actor]:
        key = (dept, excluded)
        if key not in self._pools:
            self._pools[key] = [a for a in self.by_dept[dept] if self.allowed(a, excluded)]
        return self._pools[key]
