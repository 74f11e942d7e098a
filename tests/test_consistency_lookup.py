"""One truth for what a user types (issue 18): every command that takes a department,
an actor or a programme resolves the same text to the same node, with the same
"¿quiso decir …?" when it does not exist; every date option reads the same dates.

The commands run with CliRunner on the demo data loaded into a real SQLite store.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_data import demo_store

from pat_graph.cli import main
from pat_graph.dates import parse_date
from pat_graph.lookup import AmbiguousError, find, search
from pat_graph.store.sqlite import SQLiteStore


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    return str(demo_store(tmp_path_factory.mktemp("lookup-demo"), 0.3))


@pytest.fixture(scope="module")
def graph(store):
    st = SQLiteStore(store)
    try:
        return st.read_graph()
    finally:
        st.close()


def run(store: str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, [*args, "--store", store])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit), (
        result.output, result.exception)
    return result.exit_code, result.output


def _json(store: str, *args: str):
    code, out = run(store, *args, "--json")
    assert code == 0, out
    return json.loads(out)


# --------------------------------------------------------------- departments
def department_seen_by(store: str, tmp: Path, command: str, text: str) -> str:
    """The DANE code a command reports for ``--departamento text`` (or its error message)."""
    if command == "gaps":
        code, out = run(store, "gaps", "--departamento", text, "--familia", "indice", "--json")
        return json.loads(out)[0]["department_code"] if code == 0 else out
    if command == "brokers":
        code, out = run(store, "brokers", "--departamento", text, "--top", "1", "--json")
        return json.loads(out)["department_code"] if code == 0 else out
    if command == "recommend":
        code, out = run(store, "recommend", "--departamento", text, "--top", "1",
                        "--formula-fija", "--json")
        return json.loads(out)[0]["department_code"] if code == 0 else out
    if command == "viz":
        code, out = run(store, "viz", "--departamento", text, "-o", str(tmp / "v.html"))
        return _dept_title(out) if code == 0 else out
    if command == "chart":
        code, out = run(store, "chart", "sectores", "--departamento", text,
                        "-o", str(tmp / "c.svg"))
        return _svg_title(tmp / "c.svg") if code == 0 else out
    if command == "ficha":
        code, out = run(store, "ficha", "--departamento", text, "-o", str(tmp / "f.html"))
        return _ficha_code(tmp / "f.html") if code == 0 else out
    raise AssertionError(command)


_NAMES: dict[str, str] = {}


def _dept_title(out: str) -> str:
    return re.match(r"Red de .* \((\d\d)\): ", out).group(1)


def _svg_title(path: Path) -> str:
    name = re.search(r"Vínculos entre sectores — (.+?)\s*(?:-->|<)", path.read_text()).group(1)
    return _NAMES.get(name, name)


def _ficha_code(path: Path) -> str:
    return re.search(r"\((\d\d)\)", path.read_text()).group(1)


DEPARTMENT_COMMANDS = ("gaps", "brokers", "recommend", "viz", "chart", "ficha")


@pytest.mark.parametrize("command", DEPARTMENT_COMMANDS)
def test_every_command_resolves_a_department_to_the_same_code(
        store, graph, tmp_path, command) -> None:
    _NAMES.update({a["name"]: a["dane_code"] for _, a in graph.nodes(data=True)
                   if a.get("kind") == "department"})
    for text, expected in (("Bogotá", "11"), ("bogota d.c.", "11"), ("San Andrés", "88"),
                           ("choco", "27"), ("5", "05")):
        assert department_seen_by(store, tmp_path, command, text) == expected, (command, text)


def test_every_command_suggests_the_same_department_for_a_typo(store, tmp_path) -> None:
    seen = {c: department_seen_by(store, tmp_path, c, "Antiokia") for c in DEPARTMENT_COMMANDS}
    for command, out in seen.items():
        assert "¿quiso decir Antioquia (05)?" in out, (command, out)


# -------------------------------------------------------------------- actors
def actor_seen_by(store: str, tmp: Path, command: str, text: str) -> str:
    """The actor id a command reports for ``--actor text`` (or its error message)."""
    if command == "recommend":
        code, out = run(store, "recommend", "--departamento", "50", "--actor", text,
                        "--top", "3", "--formula-fija", "--json")
        if code:
            return out
        ids = [set(r["actors"].split(" + ")) for r in json.loads(out)]
        [common] = set.intersection(*ids)
        return common
    if command == "viz":
        code, out = run(store, "viz", "--actor", text, "--saltos", "1", "-o", str(tmp / "a.html"))
        return _ACTOR_BY_TITLE[out.split(":", 1)[0]] if code == 0 else out
    raise AssertionError(command)


_ACTOR_BY_TITLE: dict[str, str] = {}


def test_every_command_resolves_an_actor_to_the_same_node(store, graph, tmp_path) -> None:
    [(node, data)] = [(n, a) for n, a in graph.nodes(data=True)
                      if a.get("label") == "Actor" and a.get("name") == "Gobernación del Meta"]
    _ACTOR_BY_TITLE[f"Red de {data['name']}"] = data["id"]
    for text in ("Gobernación del Meta", "Gobernacion del Meta", "GOBERNACIÓN DEL META",
                 data["id"], data["id"].lower(), node):
        for command in ("recommend", "viz"):
            assert actor_seen_by(store, tmp_path, command, text) == data["id"], (command, text)


def test_an_ambiguous_actor_lists_the_same_candidates_everywhere(store, tmp_path) -> None:
    outs = {c: actor_seen_by(store, tmp_path, c, "Gobernación") for c in ("recommend", "viz")}
    lists = {c: out.split("Error: ", 1)[1] for c, out in outs.items()}
    assert len(set(lists.values())) == 1, lists
    assert "puede ser 32 actores: Gobernación de Antioquia (A-" in lists["viz"]


# --------------------------------------------------------------- programmes
def test_every_command_resolves_a_programme_to_the_same_node(store, graph, tmp_path) -> None:
    progs = {a["id"]: a["name"] for _, a in graph.nodes(data=True) if a.get("label") == "Program"}
    pid = sorted(progs)[0]
    name = progs[pid]
    plain = name.upper().replace("Ú", "U").replace("Ó", "O").replace("Í", "I")
    for text in (pid, name, plain, name.split()[0] + " " + name.split()[1]):
        payload = _json(store, "linkages", "--programa", text)
        assert {r["programme_id"] for r in payload["programme_coverage"]} == {pid}, text
        code, out = run(store, "viz", "--programa", text, "-o", str(tmp_path / "p.html"))
        assert code == 0 and out.startswith(f"Programa: {name}:"), (text, out)


# -------------------------------------------------------------------- lookup
def test_lookup_ambiguity_and_search(graph) -> None:
    with pytest.raises(AmbiguousError, match="Barbosa"):
        find(graph, "Barbosa", "municipality")
    assert find(graph, "Barbosa", "municipality", department="68").key == "68077"
    assert find(graph, "Medellin", "municipality").key == "05001"
    hits = search(graph, "meta", limit=50)
    assert hits[0].node == "Territory:50"
    assert any(m.kind == "actor" and m.name == "Gobernación del Meta" for m in hits)


# --------------------------------------------------------------------- dates
@pytest.mark.parametrize("args", [
    ("gaps", "--json"),
    ("brokers", "--departamento", "50", "--json"),
    ("linkages", "--json"),
])
def test_date_options_read_every_date_form_alike(store, args) -> None:
    iso = _json(store, *args, "--fecha-corte", "2024-12-31")
    for form in ("31/12/2024", "31.12.2024", str((dt.date(2024, 12, 31)
                                                  - dt.date(1899, 12, 30)).days)):
        assert _json(store, *args, "--fecha-corte", form) == iso, form


def test_comparar_reads_every_date_form(store) -> None:
    a = _json(store, "gaps", "--comparar", "2023-01-01", "2024-12-31")
    b = _json(store, "gaps", "--comparar", "2023", "31/12/2024")
    assert a == b and a["date_a"] == "2023-01-01" and a["date_b"] == "2024-12-31"


def test_a_bad_date_option_is_a_spanish_error(store) -> None:
    code, out = run(store, "gaps", "--fecha-corte", "31/02/2024")
    assert code == 2 and "--fecha-corte: fecha inválida '31/02/2024'" in out


def test_excel_datetime_cells_keep_their_time(tmp_path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    from pat_graph.ingest.reading import read_xlsx

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["fecha"])
    ws.append([dt.datetime(2024, 3, 1, 10, 30)])
    ws.append([dt.datetime(2024, 3, 2)])
    wb.save(tmp_path / "x.xlsx")
    [table] = read_xlsx(tmp_path / "x.xlsx")
    assert [parse_date(r.values[0]) for r in table.rows] == ["2024-03-01T10:30:00", "2024-03-02"]
    assert parse_date("44620") == "2022-02-28"
