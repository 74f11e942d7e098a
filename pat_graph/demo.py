"""A seeded, reproducible, realistic national PAT dataset in the exchange format.

:func:`generate_demo` writes a folder of UTF-8 (with BOM, so Excel shows the
accents) comma-separated CSV files named and shaped exactly as
``docs/data-contract.md`` says: ``actores.csv``, ``instancias.csv``,
``participaciones.csv``, ``acuerdos.csv``, ``firmantes.csv``, ``programas.csv``,
``articulaciones.csv``, ``instrumentos.csv``, ``eventos.csv``,
``asistencias.csv``. Same seed and scale → byte-identical files.

    >>> import tempfile
    >>> summary = generate_demo(tempfile.mkdtemp(), seed=7, scale=0.2)
    >>> sorted(summary.files) == sorted(FILES)
    True
    >>> summary.files["programas.csv"]
    10

What is real and what is not
----------------------------
Actors built from the package's reference lists (``pat_graph/data/``, see
``SOURCES.md``), with the names exactly as written there:

- the 32 departmental governments (``Gobernación de Antioquia``; Bogotá, D.C.
  is governed by the ``Alcaldía Mayor de Bogotá, D.C.``, kind ``alcaldia``,
  nivel ``departamental``), the mayors' offices of the department capitals and
  of the 170 PDET municipalities (``Alcaldía de <municipio DIVIPOLA>``);
- the chambers of commerce, the cajas de compensación (official name, and NIT
  only where the sources agree), the active higher-education institutions of
  SNIES (principal campuses and seccionales, in their municipality; NIT on the
  principal only), the SENA regionals (``SENA Regional <departamento>``), the
  21 Ministry territorial directorates of the PARTIAL list (the other twelve
  departments have none: a realistic gap), and seven national entities (name,
  acronym, ``publico``/``nacional``/``entidad_nacional``; no NIT).

Everything else is synthetic and says so in its name: ``Empresa (demo) 7 —
Cali``, ``Asociación comunitaria (demo) 12 — Quibdó``, ``Sindicato (demo) 3 —
Neiva``, ``Gremio (demo) …``, ``Fundación (demo) …``, ``Agencia de cooperación
(demo) …``, ``Observatorio Regional del Mercado de Trabajo (demo) — <dpto>``,
agreements ``… (demo) …``, instruments ``… (demo) — <territorio>`` with example
administrative acts, events ``… (demo) …``. Programme names are generic.
All instances, participations, agreements, linkages, instruments and events
are invented records (dates 2019–2025).

Planted gaps (deterministic, independent of the seed)
-----------------------------------------------------
:data:`PLANTED_GAPS` maps a gap to the department codes where it is planted;
:data:`PLANTED_PROGRAM_GAPS` maps a gap to ``(programme id, department code)``
pairs. Exactly:

- ``sin_<tipo de instancia>``: no instance of that seed kind in the department
  (e.g. ``sin_subcomision_concertacion`` 88, 94, 97).
- ``subcomision_inactiva`` (81, 95): the Subcomisión exists, ``inactiva``, and
  every participation in it ended by 2022.
- ``subcomision_sin_sindicato`` (27, 86): the Subcomisión never had a union
  (``tipo=sindicato``) member: not tripartite.
- ``academia_privado_sin_vinculo`` (18, 44, 70): no instance, agreement or
  event of the department has both an ``academico`` and a ``privado`` actor,
  and the department's actors have no ties outside it.
- ``actor_puente_unico`` (99): the department's actor network (co-participation,
  co-signature, co-attendance among its actors) has exactly one articulation
  point, the Gobernación del Vichada, also today (open participations, active
  instances): community organisations, NGOs and cooperation agencies sit only
  in ``otro_espacio`` instances and meet the other actors only through it; the
  seed instances hold everybody else. Its actors have no ties outside it.
- ``actores_aislados`` (19, 27, 52): three synthetic actors each with no tie
  at all (:attr:`DemoSummary.isolated_actors`); every other actor has an open
  participation in an active instance.

Outside the planted gaps every active seed instance has, among its current
members, the sectors ``pat_graph.analytics`` expects of its kind, and every
Subcomisión has a union and a gremio (the split departments lack, by design,
academia or private members in some instances).
- ``sin_politica_publica_trabajo_decente`` (94, 97, 99): no such instrument,
  departmental or municipal.
- ``instrumentos_estancados`` (23, 47, 54): the departmental decent-work
  policy and employment plan are in ``diagnostico``/``formulacion`` dated
  2019–2020. Nowhere else is an instrument in those states dated before 2023.
- ``politica_sin_financiacion`` (20, 41): the departmental decent-work policy
  is adopted (``adoptado``/``implementacion``) and the department has no
  ``fuente_financiacion`` at all. Everywhere else an adopted departmental
  (or municipal) policy has a funding source at the same level.
- programme pairs: ``programa_no_llega`` (no linkage at all),
  ``socializado_sin_implementar`` (only ``socializacion``),
  ``implementado_sin_retroalimentacion`` (``socializacion`` and
  ``implementacion`` only). Every other (programme, department) pair has all
  three kinds.

``scale`` multiplies the synthetic actors, and with them participations,
agreements, linkages, municipal instruments and events; the real institutions
stay as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from pat_graph.model import (
    INSTRUMENT_KINDS,
    SEED_INSTANCE_KINDS,
    VOCABULARIES,
)
from pat_graph.territories import fold, reference

DEFAULT_SEED = 20261123

#: Output files and their columns, in the contract's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "actores.csv": ("id", "nombre", "sigla", "sector", "tipo", "nivel", "nit",
                    "departamento", "municipio"),
    "instancias.csv": ("id", "nombre", "tipo", "departamento", "municipio", "estado",
                       "fecha_creacion"),
    "participaciones.csv": ("actor", "instancia", "rol", "desde", "hasta"),
    "acuerdos.csv": ("id", "nombre", "tema", "departamento", "municipio", "fecha_firma",
                     "estado"),
    "firmantes.csv": ("acuerdo", "actor", "rol"),
    "programas.csv": ("id", "nombre", "entidad", "tema"),
    "articulaciones.csv": ("programa", "tipo", "departamento", "municipio", "actor", "evento",
                           "fecha"),
    "instrumentos.csv": ("id", "tipo", "departamento", "municipio", "nombre", "estado",
                         "acto_administrativo", "fecha", "actor_lider"),
    "eventos.csv": ("id", "nombre", "tipo", "departamento", "municipio", "fecha"),
    "asistencias.csv": ("evento", "actor"),
}
FILES: tuple[str, ...] = tuple(COLUMNS)

#: Department-level planted gaps: gap -> DANE department codes (see module docstring).
PLANTED_GAPS: dict[str, list[str]] = {
    "sin_subcomision_concertacion": ["88", "94", "97"],
    "sin_subcomite_desarrollo_administrativo": ["85", "91"],
    "sin_red_formalizacion": ["91", "97"],
    "sin_red_ormet": ["88", "94", "99"],
    "sin_comision_regional_competitividad": ["95"],
    "subcomision_inactiva": ["81", "95"],
    "subcomision_sin_sindicato": ["27", "86"],
    "academia_privado_sin_vinculo": ["18", "44", "70"],
    "actor_puente_unico": ["99"],
    "actores_aislados": ["19", "27", "52"],
    "sin_politica_publica_trabajo_decente": ["94", "97", "99"],
    "instrumentos_estancados": ["23", "47", "54"],
    "politica_sin_financiacion": ["20", "41"],
}

#: Programme-level planted gaps: gap -> (programme id, department code) pairs.
PLANTED_PROGRAM_GAPS: dict[str, list[tuple[str, str]]] = {
    "programa_no_llega": [
        ("P-03", "88"), ("P-03", "91"), ("P-03", "97"), ("P-05", "94"), ("P-05", "97"),
        ("P-05", "99"), ("P-08", "88"), ("P-08", "95"), ("P-10", "91"), ("P-10", "94"),
    ],
    "socializado_sin_implementar": [
        ("P-01", "13"), ("P-02", "52"), ("P-04", "19"), ("P-06", "27"), ("P-07", "47"),
        ("P-09", "70"), ("P-02", "86"), ("P-04", "81"),
    ],
    "implementado_sin_retroalimentacion": [
        ("P-01", "20"), ("P-02", "23"), ("P-06", "68"), ("P-07", "15"), ("P-09", "41"),
        ("P-01", "63"), ("P-04", "66"),
    ],
}

#: National entities: key -> (official name, acronym). Real, well-known; no NIT.
NATIONAL_ENTITIES: dict[str, tuple[str, str]] = {
    "mintrabajo": ("Ministerio del Trabajo", "MinTrabajo"),
    "sena": ("Servicio Nacional de Aprendizaje", "SENA"),
    "spe": ("Unidad Administrativa Especial del Servicio Público de Empleo", "SPE"),
    "solidaria": ("Unidad Administrativa Especial de Organizaciones Solidarias",
                  "Unidad Solidaria"),
    "colpensiones": ("Administradora Colombiana de Pensiones", "Colpensiones"),
    "dps": ("Departamento Administrativo para la Prosperidad Social", "Prosperidad Social"),
    "mincit": ("Ministerio de Comercio, Industria y Turismo", "MinCIT"),
}

#: Programmes: (id, generic name, owner key in NATIONAL_ENTITIES, theme).
PROGRAMS: tuple[tuple[str, str, str, str], ...] = (
    ("P-01", "Servicio Público de Empleo", "spe", "empleo"),
    ("P-02", "Formalización laboral", "mintrabajo", "formalizacion"),
    ("P-03", "Protección económica para la vejez", "colpensiones", "proteccion_vejez"),
    ("P-04", "Fomento del emprendimiento", "sena", "emprendimiento"),
    ("P-05", "Fomento de la economía solidaria", "solidaria", "economia_solidaria"),
    ("P-06", "Formación para el trabajo", "sena", "empleo"),
    ("P-07", "Inclusión productiva", "dps", "emprendimiento"),
    ("P-08", "Productividad y formalización empresarial", "mincit", "formalizacion"),
    ("P-09", "Certificación de competencias laborales", "sena", "empleo"),
    ("P-10", "Observatorios regionales del mercado de trabajo", "mintrabajo", "empleo"),
)

_BROKER_DEPT = PLANTED_GAPS["actor_puente_unico"][0]
_SPLIT_DEPTS = set(PLANTED_GAPS["academia_privado_sin_vinculo"])
_CLOSED_DEPTS = _SPLIT_DEPTS | {_BROKER_DEPT}  # their actors have no ties outside them
_START, _END = dt.date(2019, 1, 1), dt.date(2025, 6, 30)
# In the broker department these kinds meet the others only through the Gobernación.
_BROKER_SIDE_B = frozenset({"organizacion_comunitaria", "ong", "organismo_internacional"})
# Sectors each seed instance needs among its current members (see pat_graph.analytics).
_NEEDED_SECTORS: dict[str, tuple[str, ...]] = {
    "subcomision_concertacion": ("publico", "privado"),
    "subcomite_desarrollo_administrativo": ("publico",),
    "red_formalizacion": ("publico", "privado"),
    "red_ormet": ("publico", "academico"),
    "comision_regional_competitividad": ("publico", "privado", "academico"),
}

# Departments written "del X" rather than "de X".
_DEL = {"18", "19", "20", "27", "41", "47", "50", "63", "73", "76", "86", "88", "91", "94",
        "95", "97", "99"}

# (label for names, sector, kind, nivel, share of the synthetic actors)
_SYNTHETIC: tuple[tuple[str, str, str, str, float], ...] = (
    ("Asociación comunitaria", "comunitario", "organizacion_comunitaria", "municipal", 0.32),
    ("Empresa", "privado", "empresa", "municipal", 0.28),
    ("Fundación", "comunitario", "ong", "municipal", 0.10),
    ("Sindicato", "comunitario", "sindicato", "departamental", 0.11),
    ("Gremio", "privado", "gremio", "departamental", 0.09),
    ("Agencia de cooperación", "cooperacion", "organismo_internacional", "departamental", 0.03),
)
_SYNTHETIC_PER_UNIT = 2600  # synthetic departmental actors at scale 1

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

_INSTANCE_NAMES: dict[str, str] = {
    "subcomision_concertacion":
        "Subcomisión Departamental de Concertación de Políticas Salariales y Laborales {de}",
    "subcomite_desarrollo_administrativo": "Subcomité de Desarrollo Administrativo {de}",
    "red_formalizacion": "Red Departamental de Formalización Laboral {de}",
    "red_ormet": "Nodo departamental de la Red ORMET {de}",
    "comision_regional_competitividad": "Comisión Regional de Competitividad e Innovación {de}",
}
_OTHER_SPACES = ("Mesa Departamental de Empleo {de}", "Mesa de Economía Solidaria {de}",
                 "Comité Departamental de Trabajo Decente {de}")

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
# Programme -> actor kinds that implement it locally.
_IMPLEMENTERS: dict[str, tuple[str, ...]] = {
    "P-01": ("caja_compensacion", "alcaldia", "sena_regional"),
    "P-02": ("camara_comercio", "direccion_territorial", "gremio", "alcaldia"),
    "P-03": ("alcaldia", "organizacion_comunitaria", "gobernacion"),
    "P-04": ("camara_comercio", "universidad", "sena_regional", "ong"),
    "P-05": ("organizacion_comunitaria", "ong", "alcaldia"),
    "P-06": ("sena_regional", "institucion_educacion_superior", "empresa"),
    "P-07": ("alcaldia", "ong", "organizacion_comunitaria"),
    "P-08": ("camara_comercio", "gremio", "empresa"),
    "P-09": ("sena_regional", "empresa", "gremio"),
    "P-10": ("ormet", "universidad", "gobernacion"),
}


@dataclass(slots=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    out_dir: Path
    files: dict[str, int]
    seed: int
    scale: float
    isolated_actors: list[str] = field(default_factory=list)
    broker: str = ""


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
    text = resources.files("pat_graph.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _de(code: str, name: str) -> str:
    """``de Antioquia`` / ``del Meta``.

    >>> _de("50", "Meta"), _de("05", "Antioquia")
    ('del Meta', 'de Antioquia')
    """
    return f"del {name}" if code in _DEL else f"de {name}"


class _Builder:
    """Builds every table in memory; one RNG stream so a seed fixes the bytes."""

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
        self.events_by_dept: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
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

    # ------------------------------------------------------------------- actors
    def add_actor(self, a: _Actor) -> _Actor:
        self.actors.append(a)
        if a.dept:
            self.by_dept[a.dept].append(a)
        return a

    def new_id(self, prefix: str, n: int, width: int) -> str:
        return f"{prefix}-{n:0{width}d}"

    def build_actors(self) -> None:
        nid = iter(range(1, 10**7))

        def aid() -> str:
            return self.new_id("A", next(nid), 5)

        for key, (name, sigla) in NATIONAL_ENTITIES.items():
            self.national[key] = self.add_actor(
                _Actor(aid(), name, "publico", "entidad_nacional", "nacional", sigla=sigla))
        for d in self.depts:
            dep = self.ref.departments[d]
            if d == "11":
                self.gov[d] = self.add_actor(_Actor(aid(), "Alcaldía Mayor de Bogotá, D.C.",
                                                    "publico", "alcaldia", "departamental",
                                                    d, "11001"))
                self.alcaldia["11001"] = self.gov[d]
            else:
                self.gov[d] = self.add_actor(_Actor(aid(), f"Gobernación {_de(d, dep.name)}",
                                                    "publico", "gobernacion", "departamental", d))
        muns = sorted({dep.capital_code for dep in self.ref.departments.values()}
                      | {c for ms in self.pdet_by_dept.values() for c in ms})
        for c in muns:
            if c not in self.alcaldia:
                m = self.ref.municipalities[c]
                self.alcaldia[c] = self.add_actor(_Actor(aid(), f"Alcaldía de {m.name}", "publico",
                                                         "alcaldia", "municipal",
                                                         m.department_code, c))
        for r in _read("mintrabajo_direcciones_territoriales_PARCIAL.csv"):
            self.dt[r["department_code"]] = self.add_actor(
                _Actor(aid(), r["name"], "publico", "direccion_territorial", "departamental",
                       r["department_code"]))
        for r in _read("sena_regionales.csv"):
            self.add_actor(_Actor(aid(), f"SENA {r['name']}", "publico", "sena_regional",
                                  "departamental", r["department_code"], sigla="SENA"))
        for r in _read("camaras_comercio.csv"):
            d, c = r["department_code"], r["city_in_name_code"]
            self.add_actor(_Actor(aid(), r["name"], "privado", "camara_comercio", "departamental",
                                  d, c if c[:2] == d else ""))
        for r in _read("cajas_compensacion.csv"):
            nit = "" if r["nit_check"].startswith("conflict") else r["nit"]
            name = r["official_name_source_b"] or r["short_name"]
            sigla = r["short_name"].split(" (")[0]
            d = r["department_code"]
            self.add_actor(_Actor(aid(), name, "privado", "caja_compensacion",
                                  "departamental" if d else "nacional", d,
                                  r["hq_city_code"] if d else "", sigla=sigla, nit=nit))
        for r in _read("ies_snies.csv"):
            if r["estado"] != "Activa":
                continue
            kind = ("universidad" if r["caracter_academico"] == "Universidad"
                    else "institucion_educacion_superior")
            principal = r["principal_seccional"] == "Principal"
            nit = r["nit"] if principal and r["nit"][:1].isdigit() else ""
            self.add_actor(_Actor(aid(), r["name"], "academico", kind, "departamental",
                                  r["department_code"], r["municipality_code"], nit=nit))
        # synthetic
        counters: dict[str, int] = defaultdict(int)
        for d in self.depts:
            dname = self.ref.departments[d].name
            counters["ormet"] += 1
            self.add_actor(_Actor(aid(), f"Observatorio Regional del Mercado de Trabajo (demo) — "
                                  f"{dname}", "academico", "ormet", "departamental", d,
                                  sigla="ORMET", synthetic=True))
            total = self.n(_SYNTHETIC_PER_UNIT, d, minimum=int(20 * self.scale))
            for label, sector, kind, level, share in _SYNTHETIC:
                k = max(round(total * share), 2 if kind in ("sindicato", "gremio") else 0)
                for _ in range(k):
                    counters[kind] += 1
                    mun = self.pick_mun(d)
                    lvl = level if self.rng.random() < 0.8 else (
                        "municipal" if level == "departamental" else "departamental")
                    self.add_actor(_Actor(aid(), f"{label} (demo) {counters[kind]} — "
                                          f"{self.place(mun)}", sector, kind, lvl, d, mun,
                                          synthetic=True))
        for _ in range(max(2, round(8 * self.scale))):
            counters["organismo_internacional"] += 1
            self.add_actor(_Actor(aid(), f"Agencia de cooperación (demo) "
                                  f"{counters['organismo_internacional']} — Colombia",
                                  "cooperacion", "organismo_internacional", "nacional",
                                  synthetic=True))
        for d in PLANTED_GAPS["actores_aislados"]:
            pool = [a for a in self.by_dept[d] if a.synthetic and a.kind != "ormet"]
            for a in self.rng.sample(pool, 3):
                self.isolated.add(a.id)
        for a in self.actors:
            self.rows["actores.csv"].append([
                a.id, a.name, a.sigla, a.sector, a.kind, a.level, a.nit,
                self.dept_cell(a.dept), self.mun_cell(a.mun)])

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

    # ---------------------------------------------------------------- instances
    def build_instances(self) -> None:
        nid = iter(range(1, 10**6))
        side_of = {"subcomision_concertacion": 0, "red_formalizacion": 0,
                   "comision_regional_competitividad": 1,
                   "subcomite_desarrollo_administrativo": 1, "red_ormet": 1}
        missing = {(k[4:], d) for k, ds in PLANTED_GAPS.items() if k.startswith("sin_")
                   for d in ds}

        def add(kind: str, name: str, dept: str, mun: str, side: int,
                active: bool = True, created: str = "") -> _Instance:
            inst = _Instance(self.new_id("I", next(nid), 4), kind, dept, mun, active,
                             self.exclusion(dept, side) if dept else frozenset())
            if created:
                inst.created = dt.date.fromisoformat(created)
            if not active:
                lo = max(dt.date(2021, 1, 1), inst.created + dt.timedelta(days=365))
                inst.ended_by = self.date(lo, max(lo, dt.date(2023, 12, 31)))
            self.instances.append(inst)
            if dept:
                self.inst_by_dept[dept].append(inst)
            self.rows["instancias.csv"].append([
                inst.id, name, kind, self.dept_cell(dept), self.mun_cell(mun),
                "activa" if active else "inactiva", created])
            return inst

        add("red_ormet", "Red de Observatorios Regionales del Mercado de Trabajo (Red ORMET)",
            "", "", 0, created="2019-03-01")
        add("red_formalizacion", "Red Nacional de Formalización Laboral", "", "", 0,
            created="2019-06-01")
        for d in self.depts:
            de = _de(d, self.ref.departments[d].name)
            for kind in SEED_INSTANCE_KINDS:
                if (kind, d) in missing:
                    continue
                active = not (kind == "subcomision_concertacion"
                              and d in PLANTED_GAPS["subcomision_inactiva"])
                created = "" if kind == "subcomision_concertacion" else self.date(
                    _START, dt.date(2021, 12, 31)).isoformat()
                side = 1 if d == _BROKER_DEPT else side_of[kind]
                inst = add(kind, _INSTANCE_NAMES[kind].format(de=de), d, "", side,
                           active, created)
                inst.no_union = (kind == "subcomision_concertacion"
                                 and d in PLANTED_GAPS["subcomision_sin_sindicato"])
            for i, tpl in enumerate(self.rng.sample(_OTHER_SPACES, self.rng.randint(1, 3))):
                add("otro_espacio", tpl.format(de=de), d, "", i % 2,
                    self.rng.random() > 0.1 or d == _BROKER_DEPT, self.date(_START, dt.date(2024, 6, 30)).isoformat())
        for i in range(round(80 * self.scale)):
            d = self.rng.choices(self.depts, [self.weight[x] for x in self.depts])[0]
            mun = self.pick_mun(d)
            add("otro_espacio", f"Mesa Municipal de Empleo y Trabajo Decente de {self.place(mun)}",
                d, mun, i % 2,
                self.rng.random() > 0.1 or d == _BROKER_DEPT, self.date(_START, dt.date(2024, 6, 30)).isoformat())

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

    # --------------------------------------------------------------- agreements
    def pool(self, dept: str, excluded: frozenset[str]) -> list[_Actor]:
        key = (dept, excluded)
        if key not in self._pools:
            self._pools[key] = [a for a in self.by_dept[dept] if self.allowed(a, excluded)]
        return self._pools[key]

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

    # ------------------------------------------------------------------- events
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
                for aid in chosen:
                    self.rows["asistencias.csv"].append([eid, aid])
                    self.tied.add(aid)

    # ------------------------------------------------------------- programmes
    def build_programs(self) -> None:
        for pid, name, owner, theme in PROGRAMS:
            self.rows["programas.csv"].append([pid, name, self.national[owner].id, theme])
        absent = set(PLANTED_PROGRAM_GAPS["programa_no_llega"])
        only_soc = set(PLANTED_PROGRAM_GAPS["socializado_sin_implementar"])
        no_fb = set(PLANTED_PROGRAM_GAPS["implementado_sin_retroalimentacion"])
        seen: set[tuple[str, ...]] = set()
        presented: set[tuple[str, str]] = set()

        def row(pid: str, kind: str, d: str, mun: str, actor: str, event: str,
                when: str) -> None:
            key = (pid, mun or d, kind, when, actor, event)
            if key in seen or (event and (event, pid) in presented):
                return
            seen.add(key)
            if event:
                presented.add((event, pid))
            self.rows["articulaciones.csv"].append([
                pid, kind, self.dept_cell(d), self.mun_cell(mun), actor, event, when])

        for pid, *_ in PROGRAMS:
            for d in self.depts:
                if (pid, d) in absent:
                    continue
                events = [e for e in self.events_by_dept[d] if e[1] == "socializacion_oferta"]
                first = dt.date(2025, 6, 30)
                for _ in range(max(1, self.n(2.2 * 33, d))):
                    if events and self.rng.random() < 0.6:
                        eid, _k, mun, when = self.rng.choice(events)
                        row(pid, "socializacion", d, mun, "", eid, when)
                    else:
                        mun = self.pick_mun(d) if self.rng.random() < 0.3 else ""
                        when = self.date().isoformat()
                        row(pid, "socializacion", d, mun, "", "", when)
                    first = min(first, dt.date.fromisoformat(when))
                if (pid, d) in only_soc:
                    continue
                kinds = _IMPLEMENTERS[pid]
                actors = [a for a in self.by_dept[d] if a.kind in kinds
                          and a.id not in self.isolated] or [self.gov[d]]
                impl_first = _END
                for _ in range(max(1, self.n(2.0 * 33, d))):
                    a = self.rng.choice(actors)
                    when = self.date(min(first + dt.timedelta(days=30), _END))
                    impl_first = min(impl_first, when)
                    row(pid, "implementacion", d, a.mun if self.rng.random() < 0.4 else "",
                        a.id, "", when.isoformat())
                if (pid, d) in no_fb:
                    continue
                for _ in range(max(1, self.n(1.4 * 33, d))):
                    a = self.rng.choice(actors)
                    when = self.date(min(impl_first + dt.timedelta(days=60), _END))
                    row(pid, "retroalimentacion", d, a.mun if self.rng.random() < 0.3 else "",
                        a.id if self.rng.random() < 0.8 else "", "", when.isoformat())

    # ------------------------------------------------------------- instruments
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

    def build(self) -> None:
        self.build_actors()
        self.build_instances()
        self.build_participations()
        self.build_agreements()
        self.build_events()
        self.build_programs()
        self.build_instruments()
        self.ensure_ties()


def _write(path: Path, header: Iterable[str], rows: list[list[str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buf.getvalue().encode("utf-8-sig"))


def generate_demo(out_dir: str | Path, *, seed: int = DEFAULT_SEED,
                  scale: float = 1.0) -> DemoSummary:
    """Write the demo dataset (the ten exchange-format CSV files) into ``out_dir``.

    >>> import tempfile
    >>> s = generate_demo(tempfile.mkdtemp(), scale=0.1)
    >>> s.files["actores.csv"] > 700, s.seed
    (True, 20261123)
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    builder = _Builder(seed, scale)
    builder.build()
    files: dict[str, int] = {}
    for name in FILES:
        _write(out / name, COLUMNS[name], builder.rows[name])
        files[name] = len(builder.rows[name])
    return DemoSummary(out, files, seed, scale, sorted(builder.isolated),
                       builder.gov[_BROKER_DEPT].id)


__all__ = ["COLUMNS", "DEFAULT_SEED", "DemoSummary", "FILES", "NATIONAL_ENTITIES",
           "PLANTED_GAPS", "PLANTED_PROGRAM_GAPS", "PROGRAMS", "generate_demo"]
