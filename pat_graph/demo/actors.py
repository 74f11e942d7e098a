"""Actors: the real institutions from the reference lists, the national entities, and
the synthetic actors (named ``(demo)``), plus the planted isolated ones."""

from __future__ import annotations

from collections import defaultdict

from pat_graph.demo.planted import PLANTED_GAPS
from pat_graph.demo.state import DemoState, _Actor, _de, _read

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


def add_actor(state: DemoState, a: _Actor) -> _Actor:
    """Record ``a`` among the actors (and its department's, if it has one).

    >>> state = DemoState(7, 0.05)
    >>> a = add_actor(state, _Actor("A-1", "Gremio (demo) 1 — Neiva", "privado", "gremio",
    ...                             "departamental", "41"))
    >>> state.actors == state.by_dept["41"] == [a]
    True
    """
    state.actors.append(a)
    if a.dept:
        state.by_dept[a.dept].append(a)
    return a


def build_actors(state: DemoState) -> None:
    """Every actor, real and synthetic, and the planted isolated ones; writes ``actores.csv``.

    >>> state = DemoState(7, 0.05)
    >>> build_actors(state)
    >>> state.rows["actores.csv"][0][:2], len(state.isolated), len(state.gov)
    (['A-00001', 'Ministerio del Trabajo'], 9, 33)
    """
    nid = iter(range(1, 10**7))

    def aid() -> str:
        return state.new_id("A", next(nid), 5)

    for key, (name, sigla) in NATIONAL_ENTITIES.items():
        state.national[key] = add_actor(state,
            _Actor(aid(), name, "publico", "entidad_nacional", "nacional", sigla=sigla))
    for d in state.depts:
        dep = state.ref.departments[d]
        if d == "11":
            state.gov[d] = add_actor(state, _Actor(aid(), "Alcaldía Mayor de Bogotá, D.C.",
                                                   "publico", "alcaldia", "departamental",
                                                   d, "11001"))
            state.alcaldia["11001"] = state.gov[d]
        else:
            state.gov[d] = add_actor(state, _Actor(aid(), f"Gobernación {_de(d, dep.name)}",
                                                   "publico", "gobernacion", "departamental", d))
    muns = sorted({dep.capital_code for dep in state.ref.departments.values()}
                  | {c for ms in state.pdet_by_dept.values() for c in ms})
    for c in muns:
        if c not in state.alcaldia:
            m = state.ref.municipalities[c]
            state.alcaldia[c] = add_actor(state, _Actor(aid(), f"Alcaldía de {m.name}", "publico",
                                                        "alcaldia", "municipal",
                                                        m.department_code, c))
    for r in _read("mintrabajo_direcciones_territoriales_PARCIAL.csv"):
        state.dt[r["department_code"]] = add_actor(state,
            _Actor(aid(), r["name"], "publico", "direccion_territorial", "departamental",
                   r["department_code"]))
    for r in _read("sena_regionales.csv"):
        add_actor(state, _Actor(aid(), f"SENA {r['name']}", "publico", "sena_regional",
                                "departamental", r["department_code"], sigla="SENA"))
    for r in _read("camaras_comercio.csv"):
        d, c = r["department_code"], r["city_in_name_code"]
        add_actor(state, _Actor(aid(), r["name"], "privado", "camara_comercio", "departamental",
                                d, c if c[:2] == d else ""))
    for r in _read("cajas_compensacion.csv"):
        nit = "" if r["nit_check"].startswith("conflict") else r["nit"]
        name = r["official_name_source_b"] or r["short_name"]
        sigla = r["short_name"].split(" (")[0]
        d = r["department_code"]
        add_actor(state, _Actor(aid(), name, "privado", "caja_compensacion",
                                "departamental" if d else "nacional", d,
                                r["hq_city_code"] if d else "", sigla=sigla, nit=nit))
    for r in _read("ies_snies.csv"):
        if r["estado"] != "Activa":
            continue
        kind = ("universidad" if r["caracter_academico"] == "Universidad"
                else "institucion_educacion_superior")
        principal = r["principal_seccional"] == "Principal"
        nit = r["nit"] if principal and r["nit"][:1].isdigit() else ""
        add_actor(state, _Actor(aid(), r["name"], "academico", kind, "departamental",
                                r["department_code"], r["municipality_code"], nit=nit))
    # synthetic
    counters: dict[str, int] = defaultdict(int)
    for d in state.depts:
        dname = state.ref.departments[d].name
        counters["ormet"] += 1
        add_actor(state, _Actor(aid(), f"Observatorio Regional del Mercado de Trabajo (demo) — "
                                f"{dname}", "academico", "ormet", "departamental", d,
                                sigla="ORMET", synthetic=True))
        total = state.n(_SYNTHETIC_PER_UNIT, d, minimum=int(20 * state.scale))
        for label, sector, kind, level, share in _SYNTHETIC:
            k = max(round(total * share), 2 if kind in ("sindicato", "gremio") else 0)
            for _ in range(k):
                counters[kind] += 1
                mun = state.pick_mun(d)
                lvl = level if state.rng.random() < 0.8 else (
                    "municipal" if level == "departamental" else "departamental")
                add_actor(state, _Actor(aid(), f"{label} (demo) {counters[kind]} — "
                                        f"{state.place(mun)}", sector, kind, lvl, d, mun,
                                        synthetic=True))
    for _ in range(max(2, round(8 * state.scale))):
        counters["organismo_internacional"] += 1
        add_actor(state, _Actor(aid(), f"Agencia de cooperación (demo) "
                                f"{counters['organismo_internacional']} — Colombia",
                                "cooperacion", "organismo_internacional", "nacional",
                                synthetic=True))
    for d in PLANTED_GAPS["actores_aislados"]:
        pool = [a for a in state.by_dept[d] if a.synthetic and a.kind != "ormet"]
        for a in state.rng.sample(pool, 3):
            state.isolated.add(a.id)
    for a in state.actors:
        state.rows["actores.csv"].append([
            a.id, a.name, a.sigla, a.sector, a.kind, a.level, a.nit,
            state.dept_cell(a.dept), state.mun_cell(a.mun)])
