"""``pat-graph actor`` and ``pat-graph buscar`` (issue 20) on real SQLite stores: the
hand-written pat_small (answers counted from its CSV files), its Excel/Windows-1252
variant, and a small demo."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"


def _load(folder: Path, path: Path) -> str:
    store = SQLiteStore(path)
    try:
        assert load_paths([folder], store).ok
    finally:
        store.close()
    return str(path)


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> str:
    return _load(DATA / "pat_small", tmp_path_factory.mktemp("small") / "s.sqlite")


def run(store: str, *args: str, columns: int = 100):
    return CliRunner().invoke(main, [*args, "--almacen", store], env={"COLUMNS": str(columns)})


def profile_json(store: str, *args: str) -> dict:
    r = run(store, "actor", *args, "--json")
    assert r.exit_code == 0, r.output
    return json.loads(r.output)


# --------------------------------------------------------------- naming the actor
@pytest.mark.parametrize("name", [["Gobernación del Meta"], ["gobernacion", "del", "meta"],
                                  ["GOBERNACIÓN DEL META"], ["A-03"], ["a-03"], ["Actor:A-03"]])
def test_the_actor_is_named_with_or_without_accents_or_by_id(small, name):
    assert profile_json(small, *name, "--propuestas", "0")["actor"]["id"] == "A-03"


def test_acronym_names_the_actor(small):
    p = profile_json(small, "mintrabajo", "--propuestas", "0")
    assert (p["actor"]["id"], p["actor"]["acronym"]) == ("A-01", "MinTrabajo")


def test_a_typo_gets_did_you_mean_and_exit_2(small):
    r = run(small, "actor", "Gobernacion del Metta")
    assert r.exit_code == 2
    assert "¿quiso decir" in r.output and "Gobernación del Meta (A-03)" in r.output


def test_an_ambiguous_name_lists_the_candidates_and_exits_2(small):
    r = run(small, "actor", "Gobernación")
    assert r.exit_code == 2
    assert "2 actores" in r.output
    assert "Gobernación del Chocó (A-09)" in r.output and "Gobernación del Meta (A-03)" in r.output


# ------------------------------------------------------------------- the profile
def test_json_shape_and_contents_from_the_csv_files(small):
    p = profile_json(small, "A-03")
    assert set(p) == {"actor", "as_of", "agreements", "instances", "partners_by_sector",
                      "brokerage", "proposals"}
    a = p["actor"]
    assert (a["name"], a["sector"], a["sector_es"], a["kind"], a["level_es"]) == (
        "Gobernación del Meta", "publico", "Público", "gobernacion", "Departamental")
    assert a["territory"]["department_code"] == "50" and a["sources"] == ["actores.csv:4"]
    # firmantes.csv: AC-01 signed by A-03 (lider), A-06 and A-05
    [ag] = p["agreements"]
    assert (ag["id"], ag["role"], ag["status_es"], ag["date"]) == (
        "AC-01", "lider", "Firmado", "2023-04-10")
    assert sorted(x["id"] for x in ag["partners"]) == ["A-05", "A-06"]
    assert ag["partners_by_sector"] == {"privado": 1, "academico": 1}
    # participaciones.csv: A-03 presides I-01 with A-05; A-07 left it at the end of 2022
    [inst] = p["instances"]
    assert (inst["id"], inst["role_es"]) == ("I-01", "Presidencia")
    assert [x["id"] for x in inst["partners"]] == ["A-05"]


def test_as_of_date_shows_the_actor_as_it_was(small):
    p = profile_json(small, "A-03", "--fecha-corte", "30/06/2021", "--propuestas", "0")
    assert p["as_of"] == "2021-06-30"
    assert p["agreements"] == []  # AC-01 was signed in 2023
    [inst] = p["instances"]
    assert sorted(x["id"] for x in inst["partners"]) == ["A-05", "A-07"]


def test_brokerage_is_the_brokers_commands_row(small):
    p = profile_json(small, "A-05", "--propuestas", "0")
    r = run(small, "brokers", "--departamento", "50", "--primeros", "0", "--json")
    scores = json.loads(r.output)["scores"]
    ids = [s["actor_id"] for s in scores]
    b = p["brokerage"]
    assert (b["department_code"], b["chosen"], b["actors"]) == ("50", "located", len(scores))
    assert b["rank"] == ids.index("A-05") + 1
    assert b["measures"] == scores[ids.index("A-05")]


def test_proposals_are_the_recommend_commands(small):
    p = profile_json(small, "A-03", "--propuestas", "3")
    r = run(small, "recommend", "--departamento", "Meta", "--actor", "A-03", "--primeros", "3",
            "--json")
    expected = json.loads(r.output)
    assert expected and [{k: v for k, v in x.items() if k != "partners"}
                         for x in p["proposals"]] == expected
    for x in p["proposals"]:
        assert "A-03" not in [y["id"] for y in x["partners"]]
        assert sorted([*[y["id"] for y in x["partners"]], "A-03"]) == sorted(x["actors"].split(" + "))


def test_national_actor_uses_the_department_asked_for(small):
    p = profile_json(small, "MinTrabajo", "--propuestas", "0")
    assert p["actor"]["territory"]["department_code"] is None
    assert p["brokerage"] is None  # only in the national Red ORMET: no department to measure
    p = profile_json(small, "MinTrabajo", "--departamento", "Meta", "--propuestas", "0")
    assert (p["brokerage"]["department_code"], p["brokerage"]["chosen"]) == ("50", "given")


def test_actor_with_no_records_still_gets_a_screen(small):
    r = run(small, "actor", "Asociacion comunitaria (ejemplo) Quibdo", "--propuestas", "0",
            columns=80)
    assert r.exit_code == 0, r.output
    assert "Acuerdos firmados: 0" in r.output and "(sin resultados)" in r.output
    assert "Quibdó (27001), Chocó" in r.output


@pytest.mark.parametrize("columns", [80, 200])
def test_the_screen_fits_the_terminal(small, columns):
    r = run(small, "actor", "Gobernacion del Meta", columns=columns)
    assert r.exit_code == 0, r.output
    assert "Propuestas de nuevos acuerdos en Meta" in r.output
    assert "Papel de puente en Meta (50)" in r.output and "10/04/2023" in r.output
    assert max(len(line) for line in r.output.splitlines()) <= columns


def test_csv_gives_the_agreements_and_instances(small):
    r = run(small, "actor", "A-03", "--csv", "--propuestas", "0")
    lines = r.output.splitlines()
    assert lines[0].startswith("\ufeffTipo,Id,Nombre")  # the registry's Spanish headers
    assert [line.split(",")[:2] for line in lines[1:]] == [["Acuerdo", "AC-01"],
                                                           ["Instancia", "I-01"]]


def test_excel_windows_1252_files_give_the_same_profile(small, tmp_path):
    excel = _load(DATA / "pat_small_excel_es", tmp_path / "e.sqlite")
    a = profile_json(small, "Gobernacion del Meta")
    b = profile_json(excel, "Gobernacion del Meta")
    a["actor"].pop("sources"), b["actor"].pop("sources")
    a["actor"].pop("loaded_at"), b["actor"].pop("loaded_at")
    assert a == b


# -------------------------------------------------------------------------- buscar
def test_search_ranks_the_exact_name_first(small):
    r = run(small, "buscar", "meta", "--json")
    rows = json.loads(r.output)
    assert rows[0]["node"] == "Territory:50" and rows[0]["match"] == "nombre"
    assert {"Actor:A-03", "Actor:A-07", "Instance:I-01", "Instance:I-03",
            "Agreement:AC-01"} <= {x["node"] for x in rows}
    tiers = ["id", "nombre", "prefijo", "contiene"]
    assert [tiers.index(x["match"]) for x in rows] == sorted(tiers.index(x["match"]) for x in rows)


@pytest.mark.parametrize(("tipo", "text", "node"), [
    ("territorio", "villavicencio", "Territory:50001"), ("actor", "SENA", "Actor:A-02"),
    ("programa", "servicio publico de empleo", "Program:P-01"),
    ("instancia", "red ormet", "Instance:I-02"), ("acuerdo", "AC-02", "Agreement:AC-02")])
def test_search_by_type(small, tipo, text, node):
    rows = json.loads(run(small, "buscar", text, "--tipo", tipo, "--json").output)
    assert rows[0]["node"] == node
    kind = {"territorio": ("municipio", "departamento")}.get(tipo, None)
    assert all(x["kind"] in (kind or (x["kind"],)) for x in rows)


def test_search_typo_suggests_and_nothing_is_an_empty_list(small):
    r = run(small, "buscar", "Villavicensio")
    assert r.exit_code == 0 and "¿quiso decir" in r.output and "Villavicencio" in r.output
    assert json.loads(run(small, "buscar", "zzzz", "--json").output) == []


def test_search_csv_and_table_width(small):
    lines = run(small, "buscar", "Meta", "--csv").output.splitlines()
    assert lines[0] == "\ufeffTipo,Id,Nombre,Coincide por,Detalle,Nodo,Coincidencia"
    out = run(small, "buscar", "del", columns=80).output
    assert "Tipo" in out and "Coincide por" in out
    assert max(len(line) for line in out.splitlines()) <= 80


# ---------------------------------------------------------------------------- demo
@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    from demo_data import demo_store

    return str(demo_store(tmp_path_factory.mktemp("demo"), 0.3))


def test_demo_real_names(demo):
    p = profile_json(demo, "Gobernacion del Choco", "--propuestas", "0")
    assert p["actor"]["name"] == "Gobernación del Chocó"
    assert p["brokerage"]["department_code"] == "27" and p["brokerage"]["rank"] >= 1
    r = run(demo, "actor", "SENA")
    assert r.exit_code == 2 and "34 actores" in r.output and "SENA Regional Amazonas" in r.output
    assert 'pat-graph buscar "SENA" --tipo actor' in r.output
    rows = json.loads(run(demo, "buscar", "SENA", "--tipo", "actor", "--primeros", "50",
                          "--json").output)
    assert len(rows) >= 34 and all(x["kind"] == "actor" for x in rows)
    rows = json.loads(run(demo, "buscar", "sena regional choco", "--json").output)
    assert rows[0]["name"] == "SENA Regional Chocó"
    p = profile_json(demo, rows[0]["id"], "--propuestas", "0")
    assert p["actor"]["name"] == "SENA Regional Chocó"
