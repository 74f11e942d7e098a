"""Numbers, dates, plurals and workbooks the es-CO way in every command (tryout findings
3–7 and 13).

* what a person reads in the terminal: dates ``DD/MM/AAAA``, a thousands point, a
  decimal comma, one fixed number of decimals per quantity (the rule of
  :mod:`pat_graph.formatting`), never three decimals, never ``inf``, never ``(s)``;
* ``--xlsx``: a short fixed Spanish sheet name per command (the title in the workbook's
  properties), shares stored as fractions with a percent format, scores with the
  decimals of their kind, vocabulary codes by their Spanish label;
* one table: ``gaps --csv`` is the demo's ``brechas_departamentos.csv``; ``stats`` and
  ``cobertura`` show the same coverage columns; ``stats --xlsx`` holds every table.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from demo_data import demo_store
from test_columns import COMMANDS, query_commands

from pat_graph.cli import main
from pat_graph.cli.common import CSV_HELP
from pat_graph.columns import COLUMNS, OUTPUT_VOCABULARIES
from pat_graph.formatting import KINDS

#: Every sheet name a command may write (short, fixed, Spanish).
SHEETS = {
    "Acuerdos e instancias", "Resultados", "Actores puente", "Cobertura de registros",
    "Índice de brechas", "Brechas", "Brechas cerradas y abiertas", "Integrantes",
    "Cobertura por programa", "Estado por departamento", "Cobertura por departamento",
    "Ciclo por departamento", "Firmantes", "Propuestas", "Modelo", "Evaluación",
    "Posibles duplicados", "Nodos", "Relaciones", "Actores por sector", "Consultas",
    "Actores", "Actores por instancia", "Acuerdos", "Alianzas", "Cambios", "Conexiones",
    "Instrumentos", "Intermediarios", "Miembros", "Programas", "Red de alianzas",
    "Socios comunes", "Rechazos y avisos", "Archivos escritos", "Exportación",
}
EVALUATE = ["recommend", "--evaluar", "--fecha-corte", "2024-01-01", "--primeros", "10"]
_ISO = re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b")
_THREE_DECIMALS = re.compile(r"(?<![\d.,])[1-9]\d{0,2},\d{3}(?![\d.,])")  # 3,695 reads 3695
_DOT_DECIMAL = re.compile(r"(?<![\w.,/-])\d+\.\d{1,2}(?![\d.])")  # 0.42, 1.6 (3.695 is 3695)
_ENDS_MID_PHRASE = re.compile(r"\b(?:de|del|la|las|los|el|en|por|para|con|y|a|al)$", re.I)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("numbers"), 0.3)


def run(args: list[str], store: Path, width: int = 400) -> str:
    """The output of ``args`` on ``store``, tables ``width`` wide (headers unwrapped)."""
    res = CliRunner().invoke(main, [*args, "--almacen", str(store)],
                             env={"COLUMNS": str(width)})
    assert res.exit_code == 0, (args, res.output)
    return res.output


def book(args: list[str], store: Path, path: Path) -> openpyxl.Workbook:
    run([*args, "--xlsx", str(path)], store)
    return openpyxl.load_workbook(path)


def column_cells(ws, header: str) -> list:
    heads = [c.value for c in ws[1]]
    assert header in heads, heads
    i = heads.index(header) + 1
    return [row[0] for row in ws.iter_rows(min_row=2, min_col=i, max_col=i)]


# ------------------------------------------------------------------------ sheet names
@pytest.mark.parametrize("args", [*COMMANDS, *query_commands(), EVALUATE,
                                  ["recommend", "--departamento", "Meta", "--modelo"]],
                         ids=" ".join)
def test_every_sheet_has_a_fixed_spanish_name(args, store, tmp_path) -> None:
    wb = book(args, store, tmp_path / "t.xlsx")
    for name in wb.sheetnames:
        assert name in SHEETS, f"{args}: sheet {name!r} is not a fixed name"
        assert len(name) <= 31 and not _ENDS_MID_PHRASE.search(name), name
        assert not _ISO.search(name), name


def test_the_long_title_goes_to_the_workbook_properties(store, tmp_path) -> None:
    wb = book(["gaps"], store, tmp_path / "g.xlsx")
    assert wb.sheetnames == ["Índice de brechas"]
    assert wb.properties.title.startswith("Índice de brechas por departamento (100 = todo falta)")


def test_stats_workbook_holds_every_table_it_prints(store, tmp_path) -> None:
    wb = book(["stats"], store, tmp_path / "s.xlsx")
    assert wb.sheetnames == ["Nodos", "Relaciones", "Actores por sector",
                             "Cobertura de registros"]
    text = run(["stats"], store)
    for ws in wb.worksheets[:3]:
        first = ws.cell(row=2, column=1).value
        assert first in text, (ws.title, first)  # the same rows as printed


# ------------------------------------------------------------------- number formats
def test_linkages_shares_are_fractions_with_a_percent_format(store, tmp_path) -> None:
    for args, heads in ((["linkages"], ("Cobertura", "Cobertura PDET")),
                        (["linkages", "--por-departamento"], ("Cobertura",))):
        ws = book(args, store, tmp_path / "l.xlsx").active
        for head in heads:
            cells = column_cells(ws, head)
            assert cells and all(c.number_format == "0 %" for c in cells), (args, head)
            assert all(0 <= c.value <= 1 for c in cells), (args, head)


def test_evaluation_workbook_rates_and_spanish_methods(store, tmp_path) -> None:
    ws = book(EVALUATE, store, tmp_path / "e.xlsx").active
    heads = [c.value for c in ws[1]]
    assert "Método (código)" not in heads and heads.count("Método") == 1, heads
    labels = set(OUTPUT_VOCABULARIES["recommend_method"].values())
    methods = [c.value for c in column_cells(ws, "Método")]
    assert methods and set(methods) <= labels, methods
    for head in ("Precisión@k", "Exhaustividad@k"):
        cells = column_cells(ws, head)
        assert all(c.number_format == KINDS["rate"][1] and 0 <= c.value <= 1 for c in cells)
    assert all(c.number_format == "0.00" for c in column_cells(ws, "AUC"))


def test_gap_scores_carry_the_decimals_rule(store, tmp_path) -> None:
    ws = book(["gaps"], store, tmp_path / "g.xlsx").active
    index = [c for c in column_cells(ws, "Índice (0-100)") if c.value is not None]
    assert index and all(c.number_format == "0.0" for c in index)
    points = [c for c in column_cells(ws, "Puntos: Articulación entre sectores")
              if c.value is not None]
    assert points and all(c.number_format == "0.00" for c in points)


def test_every_registered_kind_has_a_workbook_format() -> None:
    kinds = {c.kind for c in COLUMNS.values()} - {"", "date"}
    assert kinds <= set(KINDS), kinds - set(KINDS)


# ---------------------------------------------------------------------- the terminal
def _body(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.startswith("---"))


@pytest.mark.parametrize("args", [EVALUATE, ["recommend", "--departamento", "Meta"],
                                  ["brokers", "--departamento", "Meta"], ["gaps"],
                                  ["gaps", "--departamento", "Meta"], ["stats"], ["cobertura"],
                                  ["linkages"],
                                  ["gaps", "--comparar", "2022-01-01", "2025-06-30"]],
                         ids=" ".join)
def test_terminal_numbers_and_dates_are_es_co(args, store) -> None:
    text = _body(run(args, store))
    assert not _ISO.search(text), _ISO.search(text)
    assert not _THREE_DECIMALS.search(text), _THREE_DECIMALS.search(text)
    assert not _DOT_DECIMAL.search(text.replace("Adamic–Adar", "")), _DOT_DECIMAL.search(text)
    assert "inf" not in re.findall(r"\b\w+\b", text), "no raw Python infinity"
    title = text.split("\n", 1)[0]
    assert "(s)" not in title and "(es)" not in title, title


def test_evaluation_summary_reads_in_spanish(store) -> None:
    first = " ".join(run(EVALUATE, store).split("\nAlcance", 1)[0].split())  # unwrapped
    assert re.search(r"Corte 01/01/2024: ", first), first[:200]
    assert re.search(r"precisión@10 \d+,\d %", first), first
    assert re.search(r"razón (\d+,\d\d|: sin base)", first), first
    assert re.search(r"\(\d+,\d s\)$", first.strip()), first[-40:]
    assert re.search(r"[+-]\d,\d\d[;.]", first), "learned weights +0,42"


def _column(text: str, header: str) -> list[str]:
    lines = text.splitlines()
    [at] = [i for i, line in enumerate(lines) if header in line and i + 1 < len(lines)
            and lines[i + 1].startswith("---")]
    start = lines[at].index(header)
    return [line[start:start + len(header)].strip() for line in lines[at + 2:]
            if len(line) > start and line[start:start + len(header)].strip()]


def test_fixed_decimals_per_column(store) -> None:
    gaps = _column(run(["gaps"], store), "Índice (0-100)")
    assert gaps and all(re.fullmatch(r"\d{1,3},\d|sin", v) for v in gaps), gaps
    scores = _column(run(["recommend", "--departamento", "Meta"], store), "Puntaje")
    assert scores and all(re.fullmatch(r"-?\d+,\d\d", v) for v in scores), scores
    sizes = _column(run(["brokers", "--departamento", "Meta"], store), "Tamaño efectivo")
    assert sizes and all(re.fullmatch(r"\d+,\d\d|", v) for v in sizes), sizes


def test_load_report_counts_with_a_thousands_point(store) -> None:
    out = CliRunner().invoke(main, ["load", str(store.parent / "datos"), "--simular"]).output
    counts = re.search(r"se cargarían ([\d.]+) nodos y ([\d.]+) relaciones", out)
    assert counts, out[-400:]
    assert all("." in n for n in counts.groups()), counts.groups()  # > 1.000 each
    rows = re.findall(r"\): ([\d.]+) filas?, ([\d.]+) aceptadas?", out)
    assert rows and any(int(r.replace(".", "")) >= 1000 and "." in r for r, _ in rows), rows


# ------------------------------------------------------------------------- one table
def test_gaps_csv_is_the_demo_gap_table(store, tmp_path) -> None:
    from pat_graph.pipeline import gap_table_es, write_gap_table
    from pat_graph.store.sqlite import SQLiteStore

    st = SQLiteStore(store)
    try:
        g = st.read_graph()
    finally:
        st.close()
    path = write_gap_table(gap_table_es(g), tmp_path / "brechas_departamentos.csv")
    demo = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    cli = list(csv.reader(io.StringIO(run(["gaps", "--csv"], store).lstrip("\ufeff"))))
    assert demo[0] == cli[0] and "Índice (0-100)" in demo[0]
    assert demo == cli


def test_stats_and_cobertura_show_the_same_coverage(store, tmp_path) -> None:
    stats = next(csv.reader(io.StringIO(run(["stats", "--csv"], store).lstrip("\ufeff"))))
    cob = next(csv.reader(io.StringIO(run(["cobertura", "--csv"], store).lstrip("\ufeff"))))
    assert stats == cob and any(h.startswith("Sin registros recientes") for h in cob)
    sheet = book(["stats"], store, tmp_path / "s.xlsx")["Cobertura de registros"]
    assert [c.value for c in sheet[1]] == cob
    assert "Sin registros recientes" in run(["stats"], store)


# ------------------------------------------------------------------------- --csv help
def test_every_csv_option_says_it_is_standard_csv() -> None:
    seen = 0
    for name, cmd in main.commands.items():
        for p in cmd.params:
            if "--csv" in getattr(p, "opts", ()):
                assert p.help == CSV_HELP, name
                seen += 1
    assert seen >= 10 and "--xlsx" in CSV_HELP and "Excel" in CSV_HELP
