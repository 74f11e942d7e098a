"""Terminal tables (issue 20): they fit an 80- and a 200-column terminal, wrap on spaces
(several columns if need be), never split a word, and show numbers the es-CO way."""

from __future__ import annotations

import re

import pytest

from pat_graph.cli.common import emit, fit_widths, format_table

ROWS = [
    {"id": "A-00019", "name": "Gobernación del Departamento Archipiélago de San Andrés, "
                              "Providencia y Santa Catalina",
     "sector": "Público", "score": 0.3891, "count": 3695,
     "why": "Comparten 5 instancias (Comité Departamental de Trabajo Decente del Chocó, Mesa "
            "Departamental de Empleo del Chocó, Nodo departamental de la Red ORMET) y cerraría "
            "la brecha público–comunitario en el departamento"},
    {"id": "A-01974", "name": "Corporación Universitaria Autónoma de Nariño — Extensión Pasto",
     "sector": "Académico", "score": 12.25, "count": 42547,
     "why": "Sin confianza previa registrada: sería un primer contacto"},
]
COLUMNS = ["id", "name", "sector", "score", "count", "why"]
HEADERS = {"id": "Id", "name": "Nombre del actor", "sector": "Sector", "score": "Puntaje",
           "count": "Vínculos registrados", "why": "Por qué se propone"}


def _cells(table: str) -> tuple[list[str], list[list[str]]]:
    """(header cells, body rows of cells) read back from a table: columns located by the
    dashes line, the wrapped lines of a row re-joined with spaces (a row starts where the
    first column is not blank)."""
    lines = table.split("\n")
    dash_at = next(i for i, line in enumerate(lines) if set(line) <= {"-", " "} and line)
    spans = [m.span() for m in re.finditer(r"-+", lines[dash_at])]

    def split(line: str) -> list[str]:
        return [line[a:b + 1].strip() if k < len(spans) - 1 else line[a:].strip()
                for k, (a, b) in enumerate(spans)]

    def join(group: list[list[str]]) -> list[str]:
        return [" ".join(p[k] for p in group if p[k]) for k in range(len(spans))]

    head = join([split(line) for line in lines[:dash_at]])
    rows: list[list[list[str]]] = []
    for line in lines[dash_at + 1:]:
        parts = split(line)
        if parts[0] or not rows:
            rows.append([parts])
        else:
            rows[-1].append(parts)
    return head, [join(r) for r in rows]


@pytest.mark.parametrize("width", [80, 200])
def test_table_fits_the_width_and_keeps_every_word(width):
    table = format_table(ROWS, COLUMNS, HEADERS, width=width)
    assert max(len(line) for line in table.split("\n")) <= width
    head, body = _cells(table)
    assert head == [HEADERS[c] for c in COLUMNS]
    expected = [[r["id"], r["name"], r["sector"]] for r in ROWS]
    assert [b[:3] for b in body] == expected
    assert [b[5] for b in body] == [r["why"] for r in ROWS]  # every word intact, in order


def test_several_columns_wrap_at_80_and_none_at_200():
    narrow = format_table(ROWS, COLUMNS, HEADERS, width=80).split("\n")
    wide = format_table(ROWS, ["id", "name", "sector"], HEADERS, width=200).split("\n")
    assert len(wide) == 2 + len(ROWS)  # header, dashes, one line per row
    spans = [m.span() for m in re.finditer(r"-+", narrow[1 + _header_lines(narrow)])]
    continued = [line for line in narrow[2:] if line[:spans[0][1]].strip() == ""]
    wrapped = {k for line in continued for k, (a, b) in enumerate(spans)
               if line[a:b].strip()}
    assert {1, 5} <= wrapped  # the name and the reason both wrap


def _header_lines(lines: list[str]) -> int:
    return next(i for i, line in enumerate(lines) if line and set(line) <= {"-", " "}) - 1


def test_width_comes_from_columns(monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    assert max(len(line) for line in format_table(ROWS, COLUMNS, HEADERS).split("\n")) <= 80
    monkeypatch.setenv("COLUMNS", "200")
    table = format_table(ROWS, COLUMNS, HEADERS)
    assert max(len(line) for line in table.split("\n")) > 80


def test_a_word_longer_than_the_room_is_never_split():
    word = "Desarrollo" * 6
    table = format_table([{"a": word, "b": "uno dos"}], ["a", "b"], {}, width=30)
    assert word in table.split()
    assert fit_widths([60, 7], [60, 3], 28) == [60, 3]


def test_numbers_are_es_co_in_tables_and_raw_in_csv(capsys):
    table = format_table(ROWS, ["count", "score"], HEADERS, width=200)
    assert "3.695" in table and "42.547" in table and "0,39" in table and "12,25" in table
    assert "0,389" not in table  # never three decimals: 3,695 would read as thousands
    emit(ROWS, "csv", columns=["count", "score"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[1:] == ["3695,0.3891", "42547,12.25"]  # CSV for machines: full, no es-CO marks


def test_empty_table_says_so():
    assert format_table([], ["a"], {"a": "Actor"}, width=80).endswith("(sin resultados)")
