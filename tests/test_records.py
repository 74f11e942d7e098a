"""Record coverage (issue 22): no records is not a gap. A three-department store:
Meta has records of every family, Huila only actors and agreements, Cauca nothing."""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from analytics_builder import GraphBuilder
from click.testing import CliRunner
from test_consistency_index import _read_graph, _write_store

from pat_graph import analytics
from pat_graph.analytics.families import REGISTRY
from pat_graph.cli import main
from pat_graph.pipeline import gap_table_es
from pat_graph.viz import charts


def three_departments():
    b = GraphBuilder().dept("50", "Meta").dept("41", "Huila").dept("19", "Cauca")
    b.actor("G", "publico", "gobernacion", "50").actor("U", "academico", "universidad", "50")
    b.instance("O", "red_ormet", "50", created="2021-02-01").member("G", "O").member("U", "O")
    b.instrument("P", "plan_empleo", "50")
    b.program("SPE", "Servicio Público de Empleo").link("SPE", "50", "socializacion")
    b.actor("H1", "publico", "alcaldia", "41").actor("H2", "privado", "gremio", "41")
    b.agreement("K", "41", ["H1", "H2"])
    return b.g


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return _write_store(three_departments(), tmp_path_factory.mktemp("records") / "s.sqlite")


def test_coverage_counts_and_dates(store):
    g = _read_graph(store)
    cov = analytics.record_coverage(g, "2025-06-30")
    meta, huila, cauca = cov["50"], cov["41"], cov["19"]
    assert (meta.actors, meta.instances, meta.instruments, meta.linkages) == (2, 1, 1, 1)
    assert meta.first["instances"] == "2021-02-01"
    assert meta.is_stale(("instances",), 24) and not meta.is_stale(("instances",), 60)
    assert (huila.actors, huila.agreements, huila.instances, huila.linkages) == (2, 1, 0, 0)
    assert not cauca.has_records and cauca.total == 0 and cauca.last_record is None


def test_index_skips_families_without_records(store):
    g = _read_graph(store)
    index = analytics.gap_index(g, "2025-06-30", with_unrecorded=True)
    by = {r.department_code: r for r in index}
    assert [r.department_code for r in index][-1] == "19"
    assert by["19"].score is None and by["19"].rank is None
    assert by["19"].position == "sin registros"
    assert by["41"].without_records == ["instancias", "instrumentos", "programas"]
    assert set(by["41"].components) == {"sectores", "fragilidad"}
    assert by["50"].without_records == []
    assert {by["50"].rank, by["41"].rank} == {1, 2}
    assert by["50"].position.endswith("de 2 departamentos con registros")
    # rescaled: the points of the families it has add up to the score
    assert sum(by["41"].components.values()) == pytest.approx(by["41"].score, abs=0.1)
    assert analytics.national_mean(index) == round((by["50"].score + by["41"].score) / 2, 1)
    # staleness is a flag in the explanation, not points
    assert "instancias" in by["50"].stale
    assert any("último registro del 01/02/2021" in x for x in by["50"].explanation)
    fresh = {r.department_code: r for r in analytics.gap_index(g, "2021-06-30")}
    assert fresh["50"].stale == [] or "instancias" not in fresh["50"].stale


def test_no_gaps_reported_without_records(store):
    g = _read_graph(store)
    items = analytics.gap_items(g, "2025-06-30")
    fams = {(x.department_code, x.family) for x in items}
    assert not any(d == "19" for d, _ in fams)
    assert not {("41", "instancias"), ("41", "instrumentos"), ("41", "programas")} & fams
    assert ("41", "sectores") in fams or ("41", "fragilidad") in fams
    assert ("50", "instancias") in fams


def test_every_index_consumer_leaves_out_departments_without_records(store):
    g = _read_graph(store)
    ranked = {r.department_code: r.score for r in analytics.gap_index(g)}
    assert set(ranked) == {"50", "41"}
    assert charts.gap_index_by_code(g) == ranked
    table = gap_table_es(g)  # every department; those without records have no place
    assert {r["department_code"] for r in table if r["rank"]} == {"50", "41"}
    assert all(r["score"] is None for r in table if not r["rank"])
    res = CliRunner().invoke(main, ["gaps", "--almacen", store, "--json"])
    rows = json.loads(res.output)
    assert [r["position"] for r in rows][-1] == "sin registros"
    res = CliRunner().invoke(main, ["gaps", "--almacen", store])
    assert "2 departamentos con registros" in res.output and "sin registros" in res.output


def test_cobertura_command(store, tmp_path):
    r = CliRunner().invoke(main, ["cobertura", "--almacen", store, "--json"])
    assert r.exit_code == 0, r.output
    rows = {x["department_code"]: x for x in json.loads(r.output)}
    assert rows["19"]["has_records"] is False and rows["50"]["instances"] == 1
    r = CliRunner().invoke(main, ["cobertura", "--almacen", store, "--departamento", "huila"])
    assert r.exit_code == 0 and "Huila" in r.output and "Meta" not in r.output
    r = CliRunner().invoke(main, ["cobertura", "--almacen", store])
    assert "Sin registros (1 departamento): Cauca" in r.output
    r = CliRunner().invoke(main, ["stats", "--almacen", store])
    assert "Cobertura de registros" in r.output and "Sin registros (1 departamento): Cauca" in r.output


def test_xlsx_is_formatted(store, tmp_path):
    path = tmp_path / "cob.xlsx"
    r = CliRunner().invoke(main, ["cobertura", "--almacen", store, "--xlsx", str(path)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(path).active
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Código", "Departamento", "Actores"]
    assert ws.freeze_panes == "A2"
    rows = {row[0]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    meta = rows["50"]
    assert isinstance(meta[2], int) and meta[2] == 2
    first = head.index("Primer registro")
    assert isinstance(meta[first], dt.datetime)  # openpyxl reads dates back as datetimes
    meta_row = [c.value for c in ws["A"]].index("50") + 1
    assert ws.cell(row=meta_row, column=first + 1).number_format == "DD/MM/YYYY"
    assert ws.column_dimensions["B"].width >= len("Departamento")
    # gaps: score a number, headers in Spanish, family points by title
    path = tmp_path / "g.xlsx"
    r = CliRunner().invoke(main, ["gaps", "--almacen", store, "--xlsx", str(path)])
    assert r.exit_code == 0, r.output
    ws = openpyxl.load_workbook(path).active
    head = [c.value for c in ws[1]]
    assert "Índice (0-100)" in head and "Puesto" in head
    assert f"Puntos: {REGISTRY[0].title}" in head
    scores = [row[head.index("Índice (0-100)")] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert isinstance(scores[0], float) and scores[-1] is None  # Cauca: sin registros


def test_xlsx_and_csv_are_exclusive(store, tmp_path):
    r = CliRunner().invoke(main, ["gaps", "--almacen", store, "--csv", "--xlsx",
                                  str(tmp_path / "x.xlsx")])
    assert r.exit_code != 0 and "--xlsx" in r.output


def test_csv_always_has_a_bom(store, tmp_path):
    """Issue 22: every --csv is UTF-8 with a BOM, redirected to a file or piped."""
    import subprocess
    import sys

    out = tmp_path / "c.csv"
    with out.open("wb") as fh:
        subprocess.run([sys.executable, "-c", "import sys; from pat_graph.cli import main; "
                        "sys.argv[0]='pat-graph'; main()", "cobertura", "--almacen", store,
                        "--csv"], stdout=fh, check=True)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"Cauca" in data
    piped = subprocess.run([sys.executable, "-c", "import sys; from pat_graph.cli import main; "
                            "sys.argv[0]='pat-graph'; main()", "cobertura", "--almacen", store,
                            "--csv"], capture_output=True, check=True).stdout
    assert piped.startswith(b"\xef\xbb\xbf") and "Código".encode() in piped


def test_a_list_of_actors_is_no_record_of_articulation():
    """A department whose store holds only its actors (no instance, agreement …) has no
    record of how they articulate: the network families do not score it (before, its 31
    "isolated" actors ranked it worst in the country) and it is left out of the ranking."""
    b = GraphBuilder()
    b.g = g = three_departments()
    b.dept("99", "Vichada")
    b.actor("V1", "publico", "gobernacion", "99").actor("V2", "privado", "gremio", "99")
    by = {r.department_code: r for r in analytics.gap_index(g, "2025-06-30",
                                                             with_unrecorded=True)}
    assert by["99"].score is None and by["99"].position == "sin registros"
    assert by["50"].position.endswith("de 2 departamentos con registros")
    assert not [x for x in analytics.gap_items(g, "2025-06-30") if x.department_code == "99"]
    assert analytics.record_coverage(g, "2025-06-30")["99"].actors == 2


def test_ended_participations_are_records_held():
    """A participation that ended is no longer in the network, but the store holds it:
    the first record date and the participation count include it (the tryout found
    Amazonas' first record two years late), and a cut-off date before it began leaves
    it out."""
    b = GraphBuilder().dept("91", "Amazonas")
    b.actor("G", "publico", "gobernacion", "91").actor("U", "academico", "universidad", "91")
    b.instance("O", "red_ormet", "91", created="2019-01-10")
    b.member("G", "O", since="2019-02-18", until="2020-12-31").member("U", "O", since="2021-05-01")
    now = analytics.record_coverage(b.g)["91"]
    assert now.first_record == "2019-01-10" and now.participations == 2
    assert now.first["participations"] == "2019-02-18"
    early = analytics.record_coverage(b.g, "2020-06-30")["91"]
    assert early.participations == 1 and early.first["participations"] == "2019-02-18"
    before = analytics.record_coverage(b.g, "2019-01-01")["91"]
    assert before.participations == 0 and before.first_record is None


def test_cobertura_says_which_departments_enter_the_index(tmp_path):
    """`cobertura` tells a department with records (its actors) that no part of the index
    reads apart from the ranked ones, in the terminal and in --json, with the same count
    as the ranking ('de N departamentos con registros' of gaps)."""
    b = GraphBuilder()
    b.g = three_departments()
    b.dept("99", "Vichada").actor("V1", "publico", "gobernacion", "99")
    store = _write_store(b.g, tmp_path / "v.sqlite")
    r = CliRunner().invoke(main, ["cobertura", "--almacen", store])
    assert r.exit_code == 0, r.output
    assert "3 de 4 departamentos con registros, 2 en el índice de brechas" in r.output
    assert "Fuera del índice (1 departamento): Vichada (actores)." in r.output
    rows = {x["department_code"]: x for x in json.loads(CliRunner().invoke(
        main, ["cobertura", "--almacen", store, "--json"]).output)}
    assert rows["99"]["has_records"] and not rows["99"]["in_index"] and rows["50"]["in_index"]
    gaps = CliRunner().invoke(main, ["gaps", "--almacen", store])
    assert "2 departamentos con registros" in gaps.output


def test_proposals_claim_no_gap_where_none_is_recorded():
    """In a department with actors but no participation recorded, the network families
    report no gap: a proposal's reasons say what the pair would join, never that it
    'closes a gap' or that an actor is 'hoy sin vínculos'."""
    from pat_graph.recommend import recommend

    b = GraphBuilder()
    b.g = three_departments()
    b.dept("99", "Vichada").actor("V1", "publico", "gobernacion", "99")
    b.actor("V2", "comunitario", "organizacion_comunitaria", "99")
    [p] = recommend(b.g, "99", as_of="2025-06-30", learn=False)
    text = "; ".join(p.reasons)
    assert "uniría a los sectores público y comunitario en Vichada" in text
    assert "cerraría la brecha" not in text and "hoy sin vínculos" not in text
    recorded = "; ".join(r for q in recommend(b.g, "41", as_of="2025-06-30", learn=False)
                         for r in q.reasons)
    assert "uniría a los sectores" not in recorded  # where ties are recorded: unchanged
