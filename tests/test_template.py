"""The Excel template: generated, untouched it loads nothing and reports nothing wrong;
filled through openpyxl it loads as it is; its dropdown lists are the model's vocabularies
and the shipped DIVIPOLA."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest
from click.testing import CliRunner

from pat_graph import contract
from pat_graph.cli import main
from pat_graph.ingest import load_paths
from pat_graph.model import VOCABULARIES
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.template import EXAMPLES, write_template
from pat_graph.territories import reference


@pytest.fixture
def template(tmp_path):
    result = CliRunner().invoke(main, ["plantilla", "-o", str(tmp_path / "plantilla.xlsx")])
    assert result.exit_code == 0, result.output
    return tmp_path / "plantilla.xlsx"


def _range_values(wb, formula: str) -> list:
    sheet, cells = formula.lstrip("=").split("!")
    return [c.value for row in wb[sheet.strip("'")][cells.replace("$", "")] for c in row]


def _validation(ws, letter: str):
    found = [dv for dv in ws.data_validations.dataValidation
             if any(r.coord.startswith(f"{letter}2:") for r in dv.sqref.ranges)]
    assert len(found) == 1, (ws.title, letter)
    return found[0]


def test_sheets_headers_and_analyst_comforts(template):
    wb = openpyxl.load_workbook(template)
    names = [f.name for f in contract.files()]
    assert wb.sheetnames == ["Instrucciones", *names, "Territorios", "Listas"]
    for f in contract.files():
        ws = wb[f.name]
        assert [c.value for c in ws[1]] == f.headers
        assert ws.freeze_panes == "A2"
        for j, col in enumerate(f.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            assert ws.column_dimensions[letter].width >= len(col.name)
            assert ws.cell(row=1, column=j).comment is not None
            if col.is_date:
                assert ws.column_dimensions[letter].number_format == "DD/MM/YYYY"
    text = " ".join(str(c.value) for c in wb["Instrucciones"]["A"] if c.value)
    assert "EJEMPLO" in text and "docs/data-contract.md" in text


def test_dropdowns_are_the_model_vocabularies_and_divipola(template):
    wb = openpyxl.load_workbook(template)
    ref = reference()
    seen = set()
    for f in contract.files():
        ws = wb[f.name]
        for j, col in enumerate(f.columns, start=1):
            letter = openpyxl.utils.get_column_letter(j)
            if col.vocabulary:
                dv = _validation(ws, letter)
                assert _range_values(wb, dv.formula1) == list(VOCABULARIES[col.vocabulary])
                assert dv.errorStyle in (None, "stop")
                seen.add(col.vocabulary)
            elif col.type == "department":
                values = _range_values(wb, _validation(ws, letter).formula1)
                assert sorted(values) == sorted(d.name for d in ref.departments.values())
                assert len(values) == 33
            elif col.type == "municipality":
                values = _range_values(wb, _validation(ws, letter).formula1)
                assert len(values) == len(ref.municipalities) == 1122
    assert seen == set(VOCABULARIES)
    codes = [c.value for c in wb["Territorios"]["D"][1:] if c.value]
    assert sorted(codes) == sorted(ref.municipalities)


def test_untouched_template_loads_nothing_and_reports_nothing(template, tmp_path):
    store = SQLiteStore(tmp_path / "s.sqlite")
    report = load_paths([template], store)
    store.close()
    assert report.ok and report.warnings == [] and report.ignored == []
    assert report.nodes_by_label == {} and report.edges_by_type == {}
    assert report.examples == sum(len(rows) for rows in EXAMPLES.values())
    assert {t.source.split("[")[1].rstrip("]") for t in report.tables} == {
        f.name for f in contract.files()}


def test_cli_load_of_untouched_template_exits_zero(template, tmp_path):
    result = CliRunner().invoke(main, ["load", str(template), "--almacen",
                                       str(tmp_path / "c.sqlite")])
    assert result.exit_code == 0, result.output
    assert re.search(r"\d+ filas? de ejemplo", result.output) and "rechaz" not in result.output


def _append(ws, values: dict) -> None:
    headers = [c.value for c in ws[1]]
    row = ws.max_row + 1
    for k, v in values.items():
        ws.cell(row=row, column=headers.index(k) + 1, value=v)


def test_filled_template_loads_with_no_manual_step(template, tmp_path):
    wb = openpyxl.load_workbook(template)
    _append(wb["actores"], {"id": "A-1", "nombre": "Gobernación de Nariño", "sector": "publico",
                            "tipo": "gobernacion", "nivel": "departamental",
                            "departamento": "Nariño", "municipio": "Pasto"})
    _append(wb["actores"], {"id": "A-2", "nombre": "Cámara de Comercio de Pasto",
                            "sector": "privado", "nivel": "municipal", "departamento": "52",
                            "municipio": "52001"})
    _append(wb["instancias"], {"id": "I-1", "nombre": "Subcomisión de Nariño",
                               "tipo": "subcomision_concertacion", "departamento": "Narino",
                               "fecha_creacion": dt.date(2020, 5, 4)})
    for actor, role in (("A-1", "presidencia"), ("A-2", "miembro")):
        _append(wb["participaciones"], {"actor": actor, "instancia": "I-1", "rol": role,
                                        "desde": dt.date(2021, 1, 31)})
    _append(wb["acuerdos"], {"id": "AC-1", "nombre": "Pacto", "departamento": "Nariño",
                             "fecha_firma": dt.datetime(2023, 6, 1)})
    _append(wb["firmantes"], {"acuerdo": "AC-1", "actor": "A-1"})
    _append(wb["firmantes"], {"acuerdo": "AC-1", "actor": "A-2"})
    wb.save(template)
    store = SQLiteStore(tmp_path / "s.sqlite")
    report = load_paths([template], store)
    g = store.read_graph()
    store.close()
    assert report.ok and report.warnings == [], report.rejects
    assert report.nodes_by_label == {"Actor": 2, "Instance": 1, "Agreement": 1}
    assert g.nodes["Actor:A-1"]["municipality_code"] == "52001"
    assert g.nodes["Instance:I-1"]["created"] == "2020-05-04"
    assert g.nodes["Instance:I-1"]["status"] == "activa"  # the contract's default
    assert g.nodes["Agreement:AC-1"]["signed"] == "2023-06-01"
    assert g.edges["Actor:A-2", "Instance:I-1", "PARTICIPATES_IN|2021-01-31"]["role"] == "miembro"
    assert g.has_edge("Actor:A-2", "Agreement:AC-1")
    assert not any("EJEMPLO" in n for n in g)


def test_template_without_examples_and_bad_suffix(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "v.xlsx", examples=False))
    assert all(wb[f.name].max_row == 1 for f in contract.files())
    from pat_graph.errors import InputError

    with pytest.raises(InputError, match="xlsx"):
        write_template(tmp_path / "v.csv")


def test_help_ends_with_examples():
    for cmd in (["plantilla", "-h"], ["export", "-h"]):
        out = CliRunner().invoke(main, cmd).output
        examples = out.split("Ejemplos:")[1].split("Opciones:")[0].split()
        assert examples and examples[0] == "pat-graph", out
    assert "docs/data-contract.md" in CliRunner().invoke(main, ["load", "-h"]).output


def test_listas_headers_spanish_and_dropdowns_for_vocabulary_columns(tmp_path):
    """Issue 20: the Listas sheet speaks Spanish and every tipo/sector/estado/tema/rol column
    has a dropdown (strict for a vocabulary, a warning for the usual values of free text)."""
    import openpyxl

    from pat_graph.model import VOCABULARY_ES
    from pat_graph.template import write_template

    wb = openpyxl.load_workbook(write_template(tmp_path / "p.xlsx"))
    heads = [c.value for c in wb["Listas"][1]]
    assert heads[:2] == ["Sector (código)", "Sector (nombre)"]
    assert all(h.split(" (")[0] in VOCABULARY_ES.values() for h in heads), heads
    for sheet in ("actores", "instancias", "programas", "acuerdos", "eventos", "instrumentos",
                  "participaciones", "firmantes", "articulaciones"):
        ws = wb[sheet]
        names = {c.column: c.value for c in ws[1]}
        covered = {r.min_col: dv for dv in ws.data_validations.dataValidation
                   for r in dv.sqref.ranges}
        for col, name in names.items():
            if name in ("tipo", "sector", "estado", "tema", "rol"):
                assert col in covered, f"{sheet}.{name} has no dropdown"
                assert covered[col].formula1.startswith("='Listas'!")
    firm = wb["firmantes"]
    rol = next(c.column for c in firm[1] if c.value == "rol")
    dv = next(dv for dv in firm.data_validations.dataValidation
              for r in dv.sqref.ranges if r.min_col == rol)
    assert dv.errorStyle == "warning"  # another role is still accepted
    listed = [c.value for c in wb["Listas"][dv.formula1.split("$")[1]][1:] if c.value]
    assert listed == ["lider", "aliado", "firmante"]
