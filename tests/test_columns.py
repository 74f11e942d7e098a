"""Every table a person reads speaks Spanish, from the one column registry (issues 20, 22).

Runs every tabular command and every query of the analysts' library on a small demo
store and checks what a person reads: each column's header comes from
:mod:`pat_graph.columns` (or a command's more precise word), no value of a vocabulary
column is printed as a raw code, ``--csv`` has Spanish headers and a BOM, ``--xlsx``
Spanish headers, numbers and dates as such; JSON keeps the codes.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from demo_data import demo_store

import pat_graph.cli.common as common
from pat_graph import columns as registry
from pat_graph.cli import main
from pat_graph.model import DISPLAY_ES, VOCABULARIES
from pat_graph.query_library import registry as queries

#: One example value per parameter kind of the query library (the demo has them all).
PARAM_EXAMPLES = {
    "department": "Meta", "territory": "Meta", "actor": "Gobernación del Meta",
    "instance": "Subcomisión Departamental de Concertación del Meta",
    "vocab:sector": "privado", "vocab:instance_kind": "red_ormet", "int": "2", "date": "2022",
}
SECOND = {"actor_b": "SENA Regional Meta", "sector_b": "académico", "hasta": "31/12/2024"}

#: Every command with a table, as an analyst runs it (a command with --xlsx missing
#: here fails test_every_tabular_command_is_walked).
COMMANDS: list[list[str]] = [
    ["actor", "Gobernacion del Meta"], ["actor", "Gobernación del Meta", "--propuestas", "5"],
    ["brokers", "--departamento", "Meta", "--primeros", "10"], ["buscar", "SENA"],
    ["cobertura"], ["cobertura", "--departamento", "Meta"], ["gaps"],
    ["gaps", "--departamento", "Meta"], ["gaps", "--comparar", "2022-01-01", "2025-06-30"],
    ["instancia", "Subcomisión Departamental de Concertación del Meta"],
    ["linkages"], ["linkages", "--programa", "P-01"], ["linkages", "--por-departamento"],
    ["programa", "P-01"], ["acuerdo", "AC-00001"], ["recommend", "--departamento", "Meta"],
    ["recommend", "--departamento", "Meta", "--grupos"], ["resolver"], ["stats"],
    ["query", "--lista"],
]
_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+|[a-z]+")


def query_commands() -> list[list[str]]:
    out = []
    for name, q in sorted(queries().items()):
        args = ["query", name]
        for p in q.params:
            args += ["-p", p.name, SECOND.get(p.name, PARAM_EXAMPLES[p.kind])]
        out.append(args)
    return out


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("columns"), 0.3)


def _tables(args: list[str], store: Path, monkeypatch) -> list[tuple[list[str], dict, list]]:
    seen: list[tuple[list[str], dict, list]] = []
    original = common.format_table

    def spy(rows, cols, headers, width=None):
        rows = list(rows)
        seen.append((list(cols), dict(headers), rows))
        return original(rows, cols, headers, width)

    monkeypatch.setattr(common, "format_table", spy)
    res = CliRunner().invoke(main, [*args, "--almacen", str(store)])
    assert res.exit_code == 0, (args, res.output)
    assert seen, f"{args} printed no table"
    return seen


def _raw_codes(key: str, value: object) -> list[str]:
    col = registry.column(key)
    if col is None or not col.vocabularies or not isinstance(value, str):
        return []
    codes = {c for v in col.vocabularies
             for c in (VOCABULARIES.get(v) or DISPLAY_ES.get(v) or {})}
    parts = [p.strip() for p in re.split(r" \+ |, ", value)]
    return [p for p in parts if p in codes or (p and _CODE.fullmatch(p) and "_" in p)]


@pytest.mark.parametrize("args", COMMANDS + query_commands(), ids=" ".join)
def test_table_headers_spanish_and_no_raw_codes(args, store, monkeypatch) -> None:
    for cols, headers, rows in _tables(args, store, monkeypatch):
        for c in cols:
            assert registry.column(c) is not None or headers.get(c, c) != c, \
                f"{args}: column {c!r} has no Spanish header in pat_graph.columns"
            assert headers[c] == registry.header(c, headers), (args, c)
        heads = [headers[c] for c in cols]
        assert len(set(heads)) == len(heads), f"{args}: two columns read the same: {heads}"
        for row in rows:
            for c in cols:
                assert not _raw_codes(c, row.get(c)), (args, c, row.get(c))


def test_query_alianzas_before_after(store) -> None:
    res = CliRunner().invoke(main, ["query", "alianzas_actor", "-p", "actor",
                                    "Gobernacion del Meta", "--almacen", str(store)])
    assert res.exit_code == 0, res.output
    head = res.output.splitlines()[2] if "\n" in res.output else ""
    assert "Socio" in head and "Sector" in head and "via_id" not in head, res.output[:400]
    body = res.output.split("\n", 4)[-1]
    assert "Público" in body and " publico " not in body


@pytest.mark.parametrize("args", [["gaps"], ["brokers", "--departamento", "Meta"],
                                  ["linkages"], ["query", "acuerdos_departamento", "-p",
                                                 "departamento", "Meta"]], ids=" ".join)
def test_csv_spanish_headers_bom_xlsx_typed(args, store, tmp_path) -> None:
    res = CliRunner().invoke(main, [*args, "--csv", "--almacen", str(store)])
    assert res.exit_code == 0, res.output
    text = res.output
    assert text.startswith("\ufeff"), "every --csv is UTF-8 with a BOM"
    header = next(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    for h in header:
        assert not (_CODE.fullmatch(h) and "_" in h), f"{args}: CSV header {h!r} is a key"
    assert "publico" not in text.split("\n", 1)[1].split(","), "sector codes labelled"
    book = tmp_path / "t.xlsx"
    res = CliRunner().invoke(main, [*args, "--xlsx", str(book), "--almacen", str(store)])
    assert res.exit_code == 0, res.output
    ws = openpyxl.load_workbook(book).active
    heads = [c.value for c in ws[1]]
    assert heads == header, "xlsx and csv share the registry's headers"
    assert len(ws.title) <= 31 and not ws.title.endswith(("-", "(")), ws.title
    numbers = [c.value for row in ws.iter_rows(min_row=2) for c in row
               if isinstance(c.value, int | float)]
    assert numbers, "numbers are numbers in the workbook"
    if args[0] == "query":
        assert any(c.is_date for row in ws.iter_rows(min_row=2) for c in row), "dates as dates"


def test_json_keeps_codes(store) -> None:
    res = CliRunner().invoke(main, ["query", "alianzas_actor", "-p", "actor",
                                    "Gobernación del Meta", "--json", "--almacen", str(store)])
    assert res.exit_code == 0
    assert '"via_id"' in res.output and '"publico"' in res.output


def test_linkages_coverage_is_a_percentage(store) -> None:
    res = CliRunner().invoke(main, ["linkages", "--almacen", str(store)])
    assert res.exit_code == 0, res.output
    assert re.search(r"\b\d+ %", res.output), res.output[:600]
    assert not re.search(r"\s0,\d+\s", res.output.split("\n", 3)[-1][:2000].replace("PDET", ""))


def test_query_dates_read_ddmmyyyy(store) -> None:
    res = CliRunner().invoke(main, ["query", "acuerdos_departamento", "-p", "departamento",
                                    "Meta", "--almacen", str(store)])
    assert res.exit_code == 0
    assert re.search(r"\b\d\d/\d\d/\d{4}\b", res.output)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", res.output)


def test_every_tabular_command_is_walked() -> None:
    walked = {a[0] for a in COMMANDS}
    tabular = {name for name, cmd in main.commands.items()
               if any(p.name == "xlsx" for p in cmd.params)}
    # export and load write (files, the store); their tables are file/row counts
    skip = {"export", "load"}
    assert tabular - walked - skip == set()


def test_a_sheet_name_is_never_a_cut_title(tmp_path) -> None:
    """A command names its sheet (tests/test_cli_numbers.py checks every one); a name
    longer than Excel allows is refused rather than cut mid-phrase."""
    from pat_graph.tables import write_xlsx

    with pytest.raises(ValueError, match="31"):
        write_xlsx([], tmp_path / "x.xlsx", columns=["a"],
                   sheet="Índice de brechas por departamento (100 = todo falta)")
    ws = openpyxl.load_workbook(write_xlsx([], tmp_path / "y.xlsx", columns=["a"],
                                           sheet="Cobertura: 2024/12")).active
    assert ws.title == "Cobertura 2024 12"


def test_output_files_get_the_umask_mode(tmp_path) -> None:
    code = ("import os; os.umask(0o022); from pat_graph.tables import write_csv; "
            f"write_csv([{{'a': 1}}], {str(tmp_path / 'x.csv')!r}, columns=['a'])")
    subprocess.run([sys.executable, "-c", code], check=True,
                   env=os.environ | {"PYTHONPATH": str(Path(__file__).parents[1])})
    assert (tmp_path / "x.csv").stat().st_mode & 0o777 == 0o644


def test_reject_message_names_the_node_in_spanish(tmp_path) -> None:
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    (tmp_path / "firmantes.csv").write_text("acuerdo,actor,rol\nAC-B03,A-1,lider\n",
                                            encoding="utf-8")
    st = SQLiteStore(tmp_path / "s.sqlite")
    try:
        report = load_paths([tmp_path / "firmantes.csv"], st)
    finally:
        st.close()
    text = " ".join(str(r) for r in report.rejects) if hasattr(report, "rejects") else str(report)
    assert "acuerdo 'AC-B03' no existe" in text
    assert "agreement" not in text


def test_plural_agrees() -> None:
    from pat_graph.formatting import plural

    assert plural(1, "PDF completo", "PDF completos") == "1 PDF completo"
    assert plural(2, "PDF completo", "PDF completos") == "2 PDF completos"
