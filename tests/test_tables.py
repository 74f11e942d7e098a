"""The one CSV reader and the one CSV writer (pat_graph.tables), and the commands that
read back what others write: ``recommend --csv`` → ``viz --recomendaciones``, Excel's
files → ``write-scores``, ``--csv`` and ``export --formato csv`` writing the same cell."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_graph.cli import main
from pat_graph.cli.common import emit
from pat_graph.cli.neo4j import read_scores_csv
from pat_graph.cli.viz import read_recommendations
from pat_graph.errors import InputError
from pat_graph.export import EDGES_CSV, NODES_CSV, export, read_export
from pat_graph.tables import FORMULA_TRIGGERS, neutralize, read_table, unguard, write_csv

ENCODINGS = ["utf-8", "utf-8-sig", "cp1252"]
DELIMITERS = [",", ";", "\t"]
#: Text that spreadsheets or our own guard treat specially, and text that only looks so.
TRICKY = ['=HYPERLINK("http://x.example","clic")', "=1+1", "+57 300", "-2+3", "@SUM(A1:A2)",
          "\t=1", "\r=1", "'=ya protegido", "''", "'", "'-", "-", "-75.5", "+1e5", "-.5",
          "=cmd|' /C calc'!A0", "Bogotá, D.C.", 'dice "hola"', "línea 1\nlínea 2", "  =1",
          "Ñandú; ;", "", " ", "-inf"]
#: Cells as the reader must give them back: any text without control characters (the
#: reader replaces them, with a warning: tests/test_hostile_input.py).
cells = st.one_of(st.sampled_from(TRICKY),
                  st.text(st.characters(blacklist_characters="".join(
                      [chr(c) for c in range(32) if chr(c) not in "\t\n\r"] + ["\ufffe", "\uffff"]),
                                        blacklist_categories=("Cs",)), max_size=12),
                  st.text(alphabet="'=+-@\t\r\n\" ,;a1.", max_size=8))


def _raw_cells(text: str) -> list[list[str]]:
    """The cells of a CSV as a spreadsheet sees them (no unguarding)."""
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


# ------------------------------------------------------------------------- reading
@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", DELIMITERS)
def test_reads_every_encoding_and_delimiter_by_folded_header(tmp_path, encoding, delimiter):
    rows = [["Código DANE", "Nombre del Municipio", "Población"],
            ["05001", "Medellín", "2.612.958"],
            [],
            ["50001", "Villavicencio; Meta", "531.275"]]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "municipios.csv"
    path.write_bytes(out.getvalue().encode(encoding))
    t = read_table(path, required=["codigo_dane", "Nombre del municipio"])
    assert (t.encoding, t.delimiter) == (encoding, delimiter)
    assert t.headers == ["codigo_dane", "nombre_del_municipio", "poblacion"]
    assert [(r.line, t.get(r, "Código DANE"), t.get(r, "nombre_del_municipio"))
            for r in t.rows] == [(2, "05001", "Medellín"), (4, "50001", "Villavicencio; Meta")]
    assert t.get(t.rows[0], "no_existe", "-") == "-"


def test_missing_column_names_the_file_and_the_columns_found(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("Código;Valor\r\n1;2\r\n".encode("cp1252"))
    with pytest.raises(InputError, match=r"^p\.csv:1: falta la columna «nodo» "
                                         r"\(columnas del archivo: Código, Valor\)$"):
        read_table(path, required=["nodo"])
    assert read_table(path, required=["nodo"], aliases={"nodo": ["código"]}).index("nodo") == 0


def test_strict_refuses_an_unclosed_quote_with_its_line(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text('a,b\n1,2\n3,"sin cerrar\n5,6\n', encoding="utf-8")
    assert [r.line for r in read_table(path).rows if r.problem] == [3]
    with pytest.raises(InputError, match=r"^d\.csv:3: comilla"):
        read_table(path, strict=True)


def test_unreadable_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no se pudo leer"):
        read_table(tmp_path / "no_hay.csv")


# ------------------------------------------------------------------------- writing
def test_file_gets_a_bom_and_crlf_stream_gets_neither(tmp_path):
    path = write_csv([{"n": "Bogotá", "v": 1.5}], tmp_path / "sub" / "x.csv", columns=["n", "v"])
    assert path.read_bytes() == "\ufeffn,v\r\nBogotá,1.5\r\n".encode()
    out = io.StringIO()
    write_csv([["Bogotá", 1.5]], out, columns=["n", "v"])
    assert out.getvalue() == "n,v\nBogotá,1.5\n"


def test_numbers_stay_numbers_and_text_formulas_are_guarded():
    out = io.StringIO()
    row = {"float": -75.581775, "int": -3, "big": 1234567.25, "bool": True, "none": None,
           "num_text": "-75.5", "formula": "-2+3", "at": "@x", "tab": "\tx"}
    write_csv([row], out, columns=list(row))
    [_, cells_] = _raw_cells(out.getvalue())
    assert cells_ == ["-75.581775", "-3", "1234567.25", "sí", "", "-75.5", "'-2+3", "'@x",
                      "'\tx"]
    assert float(cells_[0]) == row["float"]  # every digit kept


@given(st.lists(st.lists(cells, min_size=3, max_size=3), max_size=6))
@settings(max_examples=300, deadline=None, database=None)
def test_round_trip_gives_back_every_cell(rows):
    rows = [[f"k{i}", *r] for i, r in enumerate(rows)]  # a key: blank rows are skipped
    out = io.StringIO()
    write_csv(rows, out, columns=["clave", "a", "b", "c"])
    data = out.getvalue().encode("utf-8")
    table = read_table(data, required=["clave", "a", "b", "c"], strict=True)
    assert [[*r.values, *[""] * (4 - len(r.values))] for r in table.rows] == rows
    for raw in _raw_cells(out.getvalue())[1:]:  # and no cell a spreadsheet would run
        for cell in raw:
            assert not cell.startswith(FORMULA_TRIGGERS) or re.fullmatch(
                r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", cell), cell


@given(cells)
@settings(database=None)
def test_unguard_undoes_neutralize(text):
    assert unguard(neutralize(text)) == text


# ----------------------------------------------- one cell text: --csv == export --formato csv
def _emit_cell(value) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        emit([{"name": value}], "csv", columns=["name"])
    return _raw_cells(out.getvalue())[1][0]


def _export_cell(value, folder: Path) -> str:
    g = nx.MultiDiGraph()
    g.add_node("Actor:X", name=value)
    g.add_edge("Actor:X", "Actor:X", key="K", note=value)
    export(g, folder, "csv")
    nodes = _raw_cells((folder / NODES_CSV).read_bytes().decode("utf-8-sig"))
    edges = _raw_cells((folder / EDGES_CSV).read_bytes().decode("utf-8-sig"))
    name, note = nodes[1][nodes[0].index("name")], edges[1][edges[0].index("note")]
    assert name == note
    assert read_export(folder).nodes["Actor:X"].get("name", "") == value
    return name


@given(value=st.one_of(cells, st.integers(-10**6, 10**6),
                       st.floats(allow_nan=False, allow_infinity=False), st.booleans()))
@settings(max_examples=150, deadline=None, database=None)
def test_csv_output_and_csv_export_write_the_same_cell(tmp_path_factory, value):
    if isinstance(value, str) and (not value.strip() or "\x00" in value):
        return  # an empty text reads back as an absent property: nothing to compare
    if isinstance(value, str) and not value.isprintable():
        return  # --csv to a terminal or pipe shows control characters escaped (on purpose)
    assert _emit_cell(value) == _export_cell(value, tmp_path_factory.mktemp("e"))


def test_csv_option_and_export_agree_on_a_loaded_store(tmp_path, pat_small):
    data = tmp_path / "datos"
    shutil.copytree(pat_small, data)
    tricky = {"A-03": '=HYPERLINK("http://x.example","clic")', "A-04": "-2+3",
              "A-05": "@SUM(A1:A2)", "A-06": "+57 300"}
    lines = (data / "actores.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    for r in rows[1:]:
        r[1] = tricky.get(r[0], r[1])
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    (data / "actores.csv").write_text(out.getvalue(), encoding="utf-8")
    store = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(data), "--store", store]).exit_code == 0
    res = runner.invoke(main, ["brokers", "--departamento", "50", "--csv", "--store", store])
    assert res.exit_code == 0, res.output
    listed = {r[0]: r[1] for r in _raw_cells(res.output)[1:]}
    res = runner.invoke(main, ["export", "--formato", "csv", "-o", str(tmp_path / "exp"),
                               "--store", store])
    assert res.exit_code == 0, res.output
    nodes = _raw_cells((tmp_path / "exp" / NODES_CSV).read_text(encoding="utf-8-sig"))
    exported = {r[0]: r[nodes[0].index("name")] for r in nodes[1:]}
    assert set(tricky) <= set(listed)
    for key, name in tricky.items():
        assert listed[key] == exported[f"Actor:{key}"] == "'" + name


# ------------------------------------------------- recommend --csv -> viz --recomendaciones
def _page(html: Path) -> dict:
    m = re.search(r'<script type="application/json" id="pat-data">(.*?)</script>',
                  html.read_text(encoding="utf-8"), re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture
def small_store(tmp_path, pat_small) -> str:
    store = str(tmp_path / "small.sqlite")
    res = CliRunner().invoke(main, ["load", str(pat_small), "--store", store])
    assert res.exit_code == 0, res.output
    return store


def _resave_as_excel(src: Path, dst: Path) -> None:
    """What Excel (es-CO) does on "save as CSV": Windows-1252, ``;``, CRLF."""
    rows = _raw_cells(src.read_text(encoding="utf-8"))
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    dst.write_bytes(out.getvalue().encode("cp1252"))


def test_recommend_csv_feeds_viz_recommendations(tmp_path, small_store):
    runner = CliRunner()
    res = runner.invoke(main, ["recommend", "--departamento", "50", "--csv",
                               "--store", small_store])
    assert res.exit_code == 0, res.output
    recs = tmp_path / "recs.csv"
    recs.write_text(res.output, encoding="utf-8")
    from pat_graph.columns import header  # the CSV's headers are the registry's Spanish ones

    proposed = [tuple(r[header("actors")].split(" + "))
                for r in csv.DictReader(io.StringIO(res.output.lstrip("\ufeff")))]
    assert proposed
    excel = tmp_path / "recs_excel.csv"
    _resave_as_excel(recs, excel)
    for path in (recs, excel):
        out = tmp_path / f"{path.stem}.html"
        res = runner.invoke(main, ["viz", "--departamento", "50", "--recomendaciones", str(path),
                                   "-o", str(out), "--store", small_store])
        assert res.exit_code == 0, res.output
        page = _page(out)
        drawn = {(e["from"], e["to"]) for e in page["edges"] if e.get("rec")}
        assert drawn == {(f"Actor:{a}", f"Actor:{b}") for a, b in proposed}
        listed = page["gaps"]["recommended"]
        assert listed and not any(re.search(r"Actor:\d+\b", r["text"]) for r in listed)


@pytest.mark.parametrize("content, message", [
    ("rank,department_code,score\n1,50,0.5\n", "faltan las columnas de los actores"),
    ("actor_a,actor_b,motivo\nA-04,,sin pareja\n", "recs.csv:2 actor_a/actor_b: se esperan"),
    ("actor_a,actor_b,motivo\nA-04,A-99,no existe\n", "recs.csv:2 actor_a/actor_b: el actor «A-99»"),
])
def test_viz_refuses_a_recommendations_file_it_cannot_draw(tmp_path, small_store, content,
                                                           message):
    recs = tmp_path / "recs.csv"
    recs.write_text(content, encoding="utf-8")
    res = CliRunner().invoke(main, ["viz", "--departamento", "50", "--recomendaciones", str(recs),
                                    "-o", str(tmp_path / "v.html"), "--store", small_store])
    assert res.exit_code == 2 and message in res.output, res.output
    assert not (tmp_path / "v.html").exists()


def test_recommendation_groups_give_every_pair(tmp_path):
    recs = tmp_path / "g.csv"
    write_csv([{"actors": "A-01 + A-02 + A-03", "explanation": "=grupo"}], recs,
              columns=["actors", "explanation"])
    assert read_recommendations(recs) == [("A-01", "A-02", "=grupo"), ("A-01", "A-03", "=grupo"),
                                          ("A-02", "A-03", "=grupo")]


# ------------------------------------------------------------------ write-scores reading
EXCEL_VARIANTS = [("cp1252", ";"), ("utf-8-sig", ";"), ("utf-8-sig", ","), ("utf-8", "\t"),
                  ("cp1252", ",")]


def _scores_file(path: Path, encoding: str, delimiter: str) -> Path:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows([
        ["Nodo", "Puntuación de brecha", "Intermediación"],
        ["Actor:A-03", "2,5", "0.125"],
        ["Territory:50", "1.234,5", ""],
        [],
    ])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


@pytest.mark.parametrize("encoding, delimiter", EXCEL_VARIANTS)
def test_scores_read_as_excel_saves_them(tmp_path, encoding, delimiter):
    scores = read_scores_csv(_scores_file(tmp_path / "p.csv", encoding, delimiter))
    assert scores == {"Actor:A-03": {"puntuacion_de_brecha": 2.5, "intermediacion": 0.125},
                      "Territory:50": {"puntuacion_de_brecha": 1234.5}}


@pytest.mark.parametrize("content, message", [
    ("id;x\r\n1;2\r\n", "p.csv:1: falta la columna «nodo» (columnas del archivo: id, x)"),
    ("nodo;x\r\nActor:A-03;mucho\r\n", "p.csv:2 x: «mucho» no es un número"),
    ("nodo;x\r\n;1\r\n", "p.csv:2 nodo: falta el id del nodo"),
])
def test_scores_errors_name_file_line_and_column(tmp_path, content, message):
    path = tmp_path / "p.csv"
    path.write_bytes(content.encode("cp1252"))
    with pytest.raises(InputError) as err:
        read_scores_csv(path)
    assert str(err.value).startswith(message)


def test_write_scores_refuses_a_bad_file_before_connecting(tmp_path):
    path = tmp_path / "p.csv"
    path.write_bytes("Puntuación;x\r\n1;2\r\n".encode("cp1252"))
    res = CliRunner().invoke(main, ["write-scores", str(path), "--store", "bolt://127.0.0.1:1"])
    assert res.exit_code == 2 and "p.csv:1: falta la columna «nodo»" in res.output, res.output
    assert "Traceback" not in res.output


@pytest.mark.neo4j
@pytest.mark.parametrize("encoding, delimiter", [("cp1252", ";"), ("utf-8-sig", ",")])
def test_write_scores_writes_an_excel_file(tmp_path, neo4j_server, neo4j_store, pat_small,
                                           encoding, delimiter):
    from pat_graph.ingest import load_paths

    load_paths([pat_small], neo4j_store)
    env = {"NEO4J_USERNAME": neo4j_server.user}
    if neo4j_server.password:
        env["NEO4J_PASSWORD"] = neo4j_server.password
    if neo4j_server.database:
        env["NEO4J_DATABASE"] = neo4j_server.database
    path = _scores_file(tmp_path / "p.csv", encoding, delimiter)
    res = CliRunner().invoke(main, ["write-scores", str(path), "--store", neo4j_server.uri],
                             env=env)
    assert res.exit_code == 0, res.output
    g = neo4j_store.read_graph(include_scores=True)
    assert g.nodes["Actor:A-03"]["puntuacion_de_brecha"] == 2.5
    assert g.nodes["Actor:A-03"]["intermediacion"] == 0.125
    assert g.nodes["Territory:50"]["puntuacion_de_brecha"] == 1234.5
