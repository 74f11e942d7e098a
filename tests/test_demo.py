"""The demo data generator: reproducible, valid under the contract, realistic, gaps planted."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest

from pat_graph.demo import (
    AGREEMENTS_FROM_SHARED_TIES,
    COLUMNS,
    FILES,
    NATIONAL_ENTITIES,
    PLANTED_GAPS,
    PLANTED_PROGRAM_GAPS,
    PROGRAMS,
    generate_demo,
)
from pat_graph.model import COMMON_ACTOR_KINDS, SEED_INSTANCE_KINDS, VOCABULARIES
from pat_graph.territories import reference

ADOPTED = {"adoptado", "implementacion", "seguimiento"}


def read(folder: Path, name: str) -> list[dict[str, str]]:
    data = (folder / name).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), f"{name} must be UTF-8 with BOM"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def ref_rows(name: str) -> list[dict[str, str]]:
    text = resources.files("pat_graph.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


class Demo:
    """The generated tables, with territories resolved to DANE codes."""

    def __init__(self, folder: Path) -> None:
        ref = reference()
        self.folder = folder
        self.t = {name: read(folder, name) for name in FILES}
        for rows in self.t.values():
            for r in rows:
                if r.get("departamento"):
                    r["dept"] = ref.resolve_department(r["departamento"])
                if r.get("municipio"):
                    r["mun"] = ref.resolve_municipality(r["municipio"], r.get("dept"))
        self.actor = {r["id"]: r for r in self.t["actores.csv"]}
        self.instance = {r["id"]: r for r in self.t["instancias.csv"]}
        self.agreement = {r["id"]: r for r in self.t["acuerdos.csv"]}
        self.event = {r["id"]: r for r in self.t["eventos.csv"]}
        self.members: dict[str, set[str]] = defaultdict(set)
        for r in self.t["participaciones.csv"]:
            self.members[r["instancia"]].add(r["actor"])
        self.signers: dict[str, set[str]] = defaultdict(set)
        for r in self.t["firmantes.csv"]:
            self.signers[r["acuerdo"]].add(r["actor"])
        self.attendees: dict[str, set[str]] = defaultdict(set)
        for r in self.t["asistencias.csv"]:
            self.attendees[r["evento"]].add(r["actor"])

    def groups(self) -> list[tuple[str, set[str]]]:
        """(department code or '', actor ids) of every instance, agreement and event."""
        out = [(self.instance[i].get("dept", ""), a) for i, a in self.members.items()]
        out += [(self.agreement[i].get("dept", ""), a) for i, a in self.signers.items()]
        out += [(self.event[i].get("dept", ""), a) for i, a in self.attendees.items()]
        return out

    def synthetic(self) -> list[dict[str, str]]:
        return [a for a in self.t["actores.csv"] if "(demo)" in a["nombre"]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    folder = tmp_path_factory.mktemp("demo")
    generate_demo(folder)
    return Demo(folder)


# ----------------------------------------------------------------- reproducibility
def test_same_seed_same_bytes_other_seed_differs(tmp_path: Path) -> None:
    a = generate_demo(tmp_path / "a", seed=5, scale=0.3)
    b = generate_demo(tmp_path / "b", seed=5, scale=0.3)
    generate_demo(tmp_path / "c", seed=6, scale=0.3)
    assert a.files == b.files
    for name in FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert any((tmp_path / "a" / n).read_bytes() != (tmp_path / "c" / n).read_bytes()
               for n in FILES)


def test_files_and_headers(demo: Demo) -> None:
    assert sorted(p.name for p in demo.folder.iterdir()) == sorted(FILES)
    for name in FILES:
        header = (demo.folder / name).read_bytes().decode("utf-8-sig").splitlines()[0]
        assert header.split(",") == list(COLUMNS[name])


def test_sizes_at_scale_1(demo: Demo) -> None:
    n = {name: len(rows) for name, rows in demo.t.items()}
    assert 2500 <= n["actores.csv"] <= 4000
    assert 250 <= n["instancias.csv"] <= 400
    assert 15000 <= n["participaciones.csv"] <= 25000
    assert 1200 <= n["acuerdos.csv"] <= 1800
    assert 8 <= n["programas.csv"] <= 12
    assert 1500 <= n["articulaciones.csv"] <= 2500
    assert 300 <= n["instrumentos.csv"] <= 500
    assert 650 <= n["eventos.csv"] <= 950
    assert 8000 <= n["asistencias.csv"] <= 13000
    assert {r["dept"] for r in demo.t["instancias.csv"] if "dept" in r} == set(
        reference().departments)


def test_scale_2_roughly_doubles_synthetic_rows(demo: Demo, tmp_path: Path) -> None:
    generate_demo(tmp_path, scale=2)
    big = Demo(tmp_path)
    ratio = len(big.synthetic()) / len(demo.synthetic())
    assert 1.85 <= ratio <= 2.15
    real = {a["nombre"] for a in demo.t["actores.csv"] if "(demo)" not in a["nombre"]}
    assert real == {a["nombre"] for a in big.t["actores.csv"] if "(demo)" not in a["nombre"]}
    for name in ("participaciones.csv", "acuerdos.csv", "firmantes.csv", "eventos.csv",
                 "asistencias.csv", "articulaciones.csv"):
        assert 1.6 <= len(big.t[name]) / len(demo.t[name]) <= 2.4, name


# ------------------------------------------------------------------------ validity
def test_every_reference_exists(demo: Demo) -> None:
    programs = {r["id"] for r in demo.t["programas.csv"]}
    for r in demo.t["participaciones.csv"]:
        assert r["actor"] in demo.actor and r["instancia"] in demo.instance
    for r in demo.t["firmantes.csv"]:
        assert r["actor"] in demo.actor and r["acuerdo"] in demo.agreement
    for r in demo.t["asistencias.csv"]:
        assert r["actor"] in demo.actor and r["evento"] in demo.event
    for r in demo.t["articulaciones.csv"]:
        assert r["programa"] in programs
        assert not r["actor"] or r["actor"] in demo.actor
        assert not r["evento"] or demo.event[r["evento"]]["dept"] == r["dept"]
    for r in demo.t["instrumentos.csv"]:
        assert r["actor_lider"] in demo.actor
    for r in demo.t["programas.csv"]:
        owner = demo.actor[r["entidad"]]
        assert (owner["sector"], owner["nivel"]) == ("publico", "nacional")
    for name in ("actores.csv", "instancias.csv", "acuerdos.csv", "instrumentos.csv",
                 "eventos.csv", "programas.csv"):
        ids = [r["id"] for r in demo.t[name]]
        assert len(ids) == len(set(ids)), name


def test_no_duplicate_edges(demo: Demo) -> None:
    """Every row becomes its own relationship (no two rows share an identity)."""
    part = [(r["actor"], r["instancia"], r["desde"]) for r in demo.t["participaciones.csv"]]
    assert len(part) == len(set(part))
    sig = [(r["acuerdo"], r["actor"]) for r in demo.t["firmantes.csv"]]
    assert len(sig) == len(set(sig))
    att = [(r["evento"], r["actor"]) for r in demo.t["asistencias.csv"]]
    assert len(att) == len(set(att))
    presented = [(r["evento"], r["programa"]) for r in demo.t["articulaciones.csv"] if r["evento"]]
    assert len(presented) == len(set(presented))


def test_enums_and_kinds_valid(demo: Demo) -> None:
    checks = [("actores.csv", "sector", "sector"), ("actores.csv", "nivel", "level"),
              ("instancias.csv", "tipo", "instance_kind"),
              ("instancias.csv", "estado", "instance_status"),
              ("participaciones.csv", "rol", "participation_role"),
              ("acuerdos.csv", "estado", "agreement_status"),
              ("articulaciones.csv", "tipo", "linkage_kind"),
              ("instrumentos.csv", "tipo", "instrument_kind"),
              ("instrumentos.csv", "estado", "instrument_status"),
              ("eventos.csv", "tipo", "event_kind")]
    for name, column, vocab in checks:
        assert {r[column] for r in demo.t[name]} <= set(VOCABULARIES[vocab]), (name, column)
    kinds = {r["tipo"] for r in demo.t["actores.csv"]}
    assert kinds - set(COMMON_ACTOR_KINDS) == {"institucion_educacion_superior"}
    for r in demo.t["actores.csv"]:
        assert r["nivel"] == "nacional" or r["dept"]


def test_dates_between_2019_and_2025(demo: Demo) -> None:
    cols = {"participaciones.csv": ("desde", "hasta"), "acuerdos.csv": ("fecha_firma",),
            "articulaciones.csv": ("fecha",), "instrumentos.csv": ("fecha",),
            "eventos.csv": ("fecha",), "instancias.csv": ("fecha_creacion",)}
    for name, columns in cols.items():
        for r in demo.t[name]:
            for c in columns:
                assert not r[c] or "2019-01-01" <= r[c] <= "2025-12-31", (name, r)
    for r in demo.t["participaciones.csv"]:
        assert not r["hasta"] or r["desde"] <= r["hasta"]


def test_territories_resolve_and_some_are_names(demo: Demo) -> None:
    ref = reference()
    named = 0
    for rows in demo.t.values():
        for r in rows:
            if "mun" in r:
                assert ref.municipalities[r["mun"]].department_code == r["dept"]
            named += bool(r.get("departamento")) and not r["departamento"].isdigit()
    assert named > 50  # names exercise the resolver


def test_loads_with_zero_rejects(demo: Demo) -> None:
    from pat_graph.ingest import extract_paths

    extraction, ignored = extract_paths([demo.folder])
    assert not ignored
    assert [str(r) for r in extraction.rejects] == []
    assert [str(w) for w in extraction.warnings] == []  # no probable duplicates either
    accepted = {t.source: t.accepted for t in extraction.tables}
    assert accepted == {name: len(rows) for name, rows in demo.t.items()}


def test_loads_into_the_embedded_store(tmp_path: Path) -> None:
    from pat_graph.ingest import load_paths
    from pat_graph.store import open_store

    summary = generate_demo(tmp_path / "csv", scale=0.2)
    report = load_paths([tmp_path / "csv"], open_store(str(tmp_path / "s.sqlite")))
    assert report.ok
    assert report.nodes_by_label["Actor"] == summary.files["actores.csv"]
    assert report.edges_by_type["PARTICIPATES_IN"] == summary.files["participaciones.csv"]


# -------------------------------------------------------------- real institutions
def test_real_institutions_match_the_reference(demo: Demo) -> None:
    ref = reference()
    depts = ref_rows("divipola_departamentos.csv")
    allowed: dict[str, set[str]] = defaultdict(set)
    for d in depts:
        if d["code"] != "11":
            de = "del" if d["code"] in {"18", "19", "20", "27", "41", "47", "50", "63", "73",
                                         "76", "86", "88", "91", "94", "95", "97",
                                         "99"} else "de"
            allowed["gobernacion"].add(f"Gobernación {de} {d['name']}")
    allowed["alcaldia"] = {f"Alcaldía de {m.name}" for m in ref.municipalities.values()}
    allowed["alcaldia"].add("Alcaldía Mayor de Bogotá, D.C.")
    allowed["camara_comercio"] = {r["name"] for r in ref_rows("camaras_comercio.csv")}
    allowed["caja_compensacion"] = {r["official_name_source_b"] or r["short_name"]
                                    for r in ref_rows("cajas_compensacion.csv")}
    ies = {r["name"] for r in ref_rows("ies_snies.csv") if r["estado"] == "Activa"}
    allowed["universidad"] = allowed["institucion_educacion_superior"] = ies
    allowed["sena_regional"] = {f"SENA {r['name']}" for r in ref_rows("sena_regionales.csv")}
    dts = ref_rows("mintrabajo_direcciones_territoriales_PARCIAL.csv")
    allowed["direccion_territorial"] = {r["name"] for r in dts}
    allowed["entidad_nacional"] = {name for name, _ in NATIONAL_ENTITIES.values()}
    real = [a for a in demo.t["actores.csv"] if "(demo)" not in a["nombre"]]
    for a in real:
        assert a["nombre"] in allowed[a["tipo"]], a
    by_kind = defaultdict(list)
    for a in real:
        by_kind[a["tipo"]].append(a)
    assert len(by_kind["gobernacion"]) == 32
    assert len(by_kind["direccion_territorial"]) == 21
    assert {a["dept"] for a in by_kind["direccion_territorial"]} == {r["department_code"]
                                                                     for r in dts}
    assert len(by_kind["camara_comercio"]) == 60
    assert len(by_kind["caja_compensacion"]) == 43
    assert len(by_kind["universidad"]) + len(by_kind["institucion_educacion_superior"]) == 367
    assert len(by_kind["entidad_nacional"]) == len(NATIONAL_ENTITIES)
    assert not any(a["nit"] for a in by_kind["entidad_nacional"])
    capitals = {f"Alcaldía de {d['capital_name']}" for d in depts if d["capital_code"] != "11001"}
    assert capitals <= {a["nombre"] for a in by_kind["alcaldia"]}
    pdet = {r["code"] for r in ref_rows("pdet_municipios.csv")}
    assert pdet <= {a["mun"] for a in by_kind["alcaldia"]}
    # NITs only as the reference gives them
    cajas = {r["nit"] for r in ref_rows("cajas_compensacion.csv")
             if not r["nit_check"].startswith("conflict")}
    assert {a["nit"] for a in by_kind["caja_compensacion"] if a["nit"]} <= cajas
    for a in demo.synthetic():
        assert not a["nit"]
    programs = {name for _, name, _, _ in PROGRAMS}
    assert {r["nombre"] for r in demo.t["programas.csv"]} == programs
    for name in ("acuerdos.csv", "instrumentos.csv", "eventos.csv"):
        assert all("(demo)" in r["nombre"] for r in demo.t[name])


# ------------------------------------------------------------------ planted gaps
def test_missing_instance_kinds(demo: Demo) -> None:
    kinds = defaultdict(set)
    for r in demo.t["instancias.csv"]:
        kinds[r.get("dept", "")].add(r["tipo"])
    for kind in SEED_INSTANCE_KINDS:
        gap = set(PLANTED_GAPS.get(f"sin_{kind}", []))
        for d in reference().departments:
            assert (kind in kinds[d]) == (d not in gap), (kind, d)
    assert {"red_ormet", "red_formalizacion"} <= kinds[""]


def subcomision(demo: Demo, dept: str) -> dict[str, str]:
    (inst,) = [r for r in demo.t["instancias.csv"]
               if r["tipo"] == "subcomision_concertacion" and r.get("dept") == dept]
    return inst


def test_inactive_and_non_tripartite_subcomision(demo: Demo) -> None:
    for d in reference().departments:
        if d in PLANTED_GAPS["sin_subcomision_concertacion"]:
            continue
        inst = subcomision(demo, d)
        inactive = d in PLANTED_GAPS["subcomision_inactiva"]
        assert (inst["estado"] == "inactiva") == inactive
        parts = [r for r in demo.t["participaciones.csv"] if r["instancia"] == inst["id"]]
        if inactive:
            assert parts and all(r["hasta"] and r["hasta"] <= "2023-12-31" for r in parts)
        unions = {demo.actor[r["actor"]]["tipo"] for r in parts} & {"sindicato"}
        assert bool(unions) == (d not in PLANTED_GAPS["subcomision_sin_sindicato"]), d


def test_academia_and_private_never_meet_in_split_departments(demo: Demo) -> None:
    split = set(PLANTED_GAPS["academia_privado_sin_vinculo"])
    met = set()
    for dept, actors in demo.groups():
        sectors = {demo.actor[a]["sector"] for a in actors}
        depts = {demo.actor[a].get("dept", "") for a in actors}
        if split & depts:
            assert depts <= {dept, ""}, "split departments have no ties outside them"
        if {"academico", "privado"} <= sectors:
            met.add(dept)
    assert not split & met
    assert set(reference().departments) - met == split


def test_single_broker(demo: Demo) -> None:
    (dept,) = PLANTED_GAPS["actor_puente_unico"]
    g = nx.Graph()
    for _, actors in demo.groups():
        mine = [a for a in actors if demo.actor[a].get("dept") == dept]
        if mine:
            assert len(mine) == len(actors), "the department's actors have no outside ties"
        g.add_nodes_from(mine)
        g.add_edges_from((a, b) for a in mine for b in mine if a < b)
    points = set(nx.articulation_points(g))
    assert len(points) == 1
    assert demo.actor[points.pop()]["nombre"] == "Gobernación del Vichada"


def test_isolated_actors(demo: Demo, tmp_path: Path) -> None:
    tied = {r["actor"] for r in demo.t["participaciones.csv"]}
    everything = (tied | {r["actor"] for r in demo.t["firmantes.csv"]}
                  | {r["actor"] for r in demo.t["asistencias.csv"]}
                  | {r["actor"] for r in demo.t["articulaciones.csv"]}
                  | {r["actor_lider"] for r in demo.t["instrumentos.csv"]})
    isolated = set(demo.actor) - everything
    assert isolated == set(demo.actor) - tied
    assert sorted({demo.actor[a]["dept"] for a in isolated}) == PLANTED_GAPS["actores_aislados"]
    assert len(isolated) == 3 * len(PLANTED_GAPS["actores_aislados"])
    summary = generate_demo(tmp_path)
    assert sorted(isolated) == summary.isolated_actors


def test_instrument_gaps(demo: Demo) -> None:
    rows = demo.t["instrumentos.csv"]
    kinds = defaultdict(set)
    for r in rows:
        kinds[r["dept"]].add(r["tipo"])
    no_policy = set(PLANTED_GAPS["sin_politica_publica_trabajo_decente"])
    stalled = set(PLANTED_GAPS["instrumentos_estancados"])
    unfunded = set(PLANTED_GAPS["politica_sin_financiacion"])
    with_policy = {d for d, k in kinds.items() if "politica_publica_trabajo_decente" in k}
    assert not no_policy & with_policy
    for r in rows:
        if r["estado"] in ("diagnostico", "formulacion") and r["fecha"] < "2023-01-01":
            assert r["dept"] in stalled and not r.get("mun")
            assert r["tipo"] in ("politica_publica_trabajo_decente", "plan_empleo")
    for d in stalled:
        dep = {r["tipo"]: r for r in rows if r["dept"] == d and not r.get("mun")}
        for kind in ("politica_publica_trabajo_decente", "plan_empleo"):
            assert dep[kind]["estado"] in ("diagnostico", "formulacion")
            assert dep[kind]["fecha"] < "2021-01-01"
            assert not dep[kind]["acto_administrativo"]
    funded = {(r["dept"], r.get("mun", "")) for r in rows if r["tipo"] == "fuente_financiacion"}
    for d in unfunded:
        assert "fuente_financiacion" not in kinds[d]
    adopted = {(r["dept"], r.get("mun", "")) for r in rows
               if r["tipo"] == "politica_publica_trabajo_decente" and r["estado"] in ADOPTED}
    assert {d for d, m in adopted - funded} == unfunded
    for d in unfunded:
        assert (d, "") in adopted
    for r in rows:
        assert bool(r["acto_administrativo"]) == (r["estado"] in ADOPTED)


def test_programme_gaps(demo: Demo) -> None:
    kinds = defaultdict(set)
    for r in demo.t["articulaciones.csv"]:
        kinds[(r["programa"], r["dept"])].add(r["tipo"])
    expected = {}
    for pid, *_ in PROGRAMS:
        for d in reference().departments:
            expected[(pid, d)] = {"socializacion", "implementacion", "retroalimentacion"}
    for pair in PLANTED_PROGRAM_GAPS["programa_no_llega"]:
        expected[pair] = set()
    for pair in PLANTED_PROGRAM_GAPS["socializado_sin_implementar"]:
        expected[pair] = {"socializacion"}
    for pair in PLANTED_PROGRAM_GAPS["implementado_sin_retroalimentacion"]:
        expected[pair] = {"socializacion", "implementacion"}
    assert {k: v for k, v in expected.items() if v} == dict(kinds)
    municipal = [r for r in demo.t["articulaciones.csv"] if r.get("mun")]
    assert any(reference().municipalities[r["mun"]].is_pdet for r in municipal)
    assert any(r["evento"] for r in demo.t["articulaciones.csv"])


def test_today_every_actor_but_the_isolated_sits_in_an_active_instance(demo: Demo) -> None:
    active = {i for i, r in demo.instance.items() if r["estado"] == "activa"}
    current = {r["actor"] for r in demo.t["participaciones.csv"]
               if not r["hasta"] and r["instancia"] in active}
    isolated = set(demo.actor) - {r["actor"] for r in demo.t["participaciones.csv"]}
    assert current == set(demo.actor) - isolated


def test_today_single_broker_and_complete_seed_instances(demo: Demo) -> None:
    """As the analytics see it today: open participations in active instances, agreements."""
    (dept,) = PLANTED_GAPS["actor_puente_unico"]
    groups: dict[str, set[str]] = defaultdict(set)
    for r in demo.t["participaciones.csv"]:
        if not r["hasta"] and demo.instance[r["instancia"]]["estado"] == "activa":
            groups[r["instancia"]].add(r["actor"])
    g = nx.Graph()
    for actors in [*groups.values(), *demo.signers.values()]:
        mine = [a for a in actors if demo.actor[a].get("dept") == dept]
        g.add_edges_from((a, b) for a in mine for b in mine if a < b)
    (point,) = nx.articulation_points(g)
    assert demo.actor[point]["nombre"] == "Gobernación del Vichada"
    needed = {"subcomision_concertacion": {"publico", "privado"},
              "red_formalizacion": {"publico", "privado"},
              "red_ormet": {"publico", "academico"},
              "comision_regional_competitividad": {"publico", "privado", "academico"},
              "subcomite_desarrollo_administrativo": {"publico"}}
    split = set(PLANTED_GAPS["academia_privado_sin_vinculo"])
    for i, actors in groups.items():
        inst = demo.instance[i]
        if inst["tipo"] not in needed or not inst.get("dept"):
            continue
        sectors = {demo.actor[a]["sector"] for a in actors}
        missing = needed[inst["tipo"]] - sectors
        assert not missing or (inst["dept"] in split and missing <= {"academico", "privado"}), inst
        if inst["tipo"] == "subcomision_concertacion":
            kinds = {demo.actor[a]["tipo"] for a in actors}
            assert "gremio" in kinds
            assert ("sindicato" in kinds) == (
                inst["dept"] not in PLANTED_GAPS["subcomision_sin_sindicato"])


# ------------------------------------------------------------- planted tie-first agreements
def shares_an_earlier_tie(demo: Demo, signers: set[str], signed: str,
                          periods: dict[str, dict[str, list[tuple[str, str]]]],
                          attended: dict[str, set[str]]) -> bool:
    """All ``signers`` attended one event dated before ``signed``, or all sat together in
    one instance on some day before it (one participation period of each covers that day)."""
    first = min(signers)
    for eid in attended[first]:
        if demo.event[eid]["fecha"] < signed and signers <= demo.attendees[eid]:
            return True
    for inst in periods[first]:
        for day in sorted({since for a in signers for since, _ in periods[a].get(inst, ())}):
            if day < signed and all(
                    any(since <= day and (not until or day <= until)
                        for since, until in periods[a].get(inst, ())) for a in signers):
                return True
    return False


def test_most_agreements_grow_out_of_an_earlier_shared_tie(demo: Demo) -> None:
    periods: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    for r in demo.t["participaciones.csv"]:
        periods[r["actor"]][r["instancia"]].append((r["desde"], r["hasta"]))
    attended: dict[str, set[str]] = defaultdict(set)
    for eid, actors in demo.attendees.items():
        for a in actors:
            attended[a].add(eid)
    dated = [r for r in demo.t["acuerdos.csv"] if r["fecha_firma"]]
    tied = sum(shares_an_earlier_tie(demo, demo.signers[r["id"]], r["fecha_firma"], periods,
                                     attended) for r in dated)
    share = tied / len(dated)
    assert AGREEMENTS_FROM_SHARED_TIES - 0.05 <= share < 0.95, share
