"""The loader under hostile or careless files (issue 23, part B): no input loses a
line silently or ends in a traceback.

Categories (the test names start with them, so they can be counted):
``quotes`` stray double quotes of any parity; ``encoding`` files that mix
encodings; ``xlsx`` crafted workbooks (huge declared dimension, damaged XML, zip
bombs); ``folder`` special files, unrelated files, sub-folders, same-named
files; ``mapping`` invalid TOML mappings; ``low`` invisible characters, repeated
headers, empty files, ``nan``/``inf``, control characters.

Every load goes through the real SQLite store; properties are checked with
hypothesis where the input space is large.
"""

from __future__ import annotations

import csv
import io
import os
import re
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat_graph.errors import InputError, MappingError, PatGraphError
from pat_graph.ingest import load_paths, parse_mapping
from pat_graph.ingest.mapping import load_mapping
from pat_graph.ingest.reading import read_path
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.tables import read_table

EXAMPLES = int(os.environ.get("PAT_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get(
    "PAT_FUZZ_RANDOM"), suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.function_scoped_fixture])

HEADER = ["id", "nombre", "sector", "nivel", "departamento", "observaciones"]


def _load(folder: Path, **kw):
    store = SQLiteStore(":memory:")
    try:
        report = load_paths([folder], store, include_reference=True, **kw)
        return report, store.read_graph()
    finally:
        store.close()


def _lines_of(report, graph) -> tuple[set[int], set[int]]:
    loaded = {int(a["row"]) for _, a in graph.nodes(data=True) if a.get("label") == "Actor"}
    rejected = {r.line for r in report.rejects}
    return loaded, rejected


# ------------------------------------------------------------------------ quotes
def test_quotes_two_stray_quotes_lose_no_row(tmp_path):
    """The reporter's case: a quote opening a field and an inch mark further down made
    one giant field and the rows between vanished, exit 0."""
    (tmp_path / "actores.csv").write_bytes((
        "id;nombre;sector;nivel;departamento\n"
        'A-1;"Sede Norte;privado;departamental;Meta\n'
        "A-2;Bueno;privado;departamental;Meta\n"
        "A-3;Otro;privado;departamental;Meta\n"
        'A-4;Sede 5";privado;departamental;Meta\n'
        "A-5;Gremio;privado;nacional;\n").encode("cp1252"))
    report, g = _load(tmp_path)
    assert [str(r) for r in report.rejects] == [
        "actores.csv:2: comilla sin cerrar abre un campo que se traga 3 línea(s) (3-5); "
        "esas líneas se leen aparte"]
    assert sorted(k for k in g if k.startswith("Actor:")) == [f"Actor:A-{i}" for i in (2, 3, 4, 5)]
    assert g.nodes["Actor:A-4"]["name"] == 'Sede 5"' and g.nodes["Actor:A-4"]["row"] == 5
    t = report.tables[0]
    assert (t.rows, t.accepted, t.rejected, t.lines, t.blank) == (5, 4, 1, 5, 0)


def test_quotes_closing_quote_before_the_opening_column_is_caught(tmp_path):
    """Opened in column 2, closed in column 1 of the next row: the record has the
    header's width of fields only if the row's trailing cells are empty."""
    (tmp_path / "actores.csv").write_text(
        "id;nombre;sector;nivel;departamento\n"
        'A-1;"Sede;privado;nacional;\n'
        'A-"2;Bueno;privado;nacional;\n', encoding="utf-8")
    report, g = _load(tmp_path)
    assert g.nodes['Actor:A-"2']["row"] == 3
    assert [r.line for r in report.rejects] == [2]


def test_quotes_quote_opened_on_the_last_line(tmp_path):
    (tmp_path / "actores.csv").write_text(
        "id;nombre;sector;nivel\nA-1;Bien;privado;nacional\nA-2;\"Mal;privado;nacional\n",
        encoding="utf-8")
    report, _ = _load(tmp_path)
    assert [str(r) for r in report.rejects] == [
        "actores.csv:3: comilla sin cerrar: el campo que abre no se cierra antes del final "
        "del archivo"]


def test_quotes_legitimate_multiline_cells_stay_one_row(tmp_path):
    rows = [HEADER, ["A-1", "Fundación\nLa Esperanza", "comunitario", "nacional", "",
                     "dice \"hola\"; y\nsigue"], ["A-2", "Otra", "privado", "nacional", "", ""]]
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=";", lineterminator="\r\n").writerows(rows)
    (tmp_path / "actores.csv").write_text(out.getvalue(), encoding="utf-8")
    report, g = _load(tmp_path)
    assert report.ok, [str(r) for r in report.rejects]
    assert g.nodes["Actor:A-1"]["name"] == "Fundación\nLa Esperanza"
    assert g.nodes["Actor:A-2"]["row"] == 5
    assert report.tables[0].lines == 4  # 2 + 1 physical lines ... and the CRLF of A-1's cells


@st.composite
def files_with_stray_quotes(draw: st.DrawFn) -> tuple[bytes, int, str]:
    delimiter = draw(st.sampled_from([";", ",", "\t"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    n = draw(st.integers(2, 30))
    words = st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóú ", min_size=1, max_size=12)
    rows = []
    for i in range(n):
        nivel = draw(st.sampled_from(["nacional", "departamental"]))
        rows.append([f"Q-{i}", "N" + draw(words), draw(st.sampled_from(["privado", "publico"])),
                     nivel, "" if nivel == "nacional" else draw(st.sampled_from(["Meta", "05"])),
                     draw(st.sampled_from(["", "obs"]))])
    for _ in range(draw(st.integers(1, 6))):  # stray quotes anywhere, any parity
        r, c = draw(st.integers(0, n - 1)), draw(st.integers(0, len(HEADER) - 1))
        cell = rows[r][c]
        at = draw(st.sampled_from([0, len(cell), draw(st.integers(0, len(cell)))]))
        rows[r][c] = cell[:at] + '"' + cell[at:]
    if draw(st.booleans()):
        rows.insert(draw(st.integers(0, n)), [])  # a blank line somewhere
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    text = terminator.join(delimiter.join(r) for r in [HEADER, *rows]) + terminator
    return text.encode(encoding), len(rows), delimiter


@FUZZ
@given(files_with_stray_quotes())
def test_quotes_random_stray_quotes_never_lose_a_line_silently(tmp_path_factory, gen):
    data, n_lines, _delimiter = gen
    folder = tmp_path_factory.mktemp("q")
    (folder / "actores.csv").write_bytes(data)
    table = read_table(folder / "actores.csv")
    # every physical line is in exactly one row or blank; no row swallows another line
    assert sum(r.span for r in table.rows) + table.blank == table.data_lines == n_lines
    assert all(r.span == 1 for r in table.rows)
    report, g = _load(folder)
    loaded, rejected = _lines_of(report, g)
    blank = {r + 2 for r in range(n_lines)} - {row.line for row in table.rows}
    assert loaded | rejected | blank == set(range(2, n_lines + 2))
    t = report.tables[0]
    assert t.accepted + t.rejected == t.rows and t.lines == n_lines


# ------------------------------------------------------------------------ encoding
def test_encoding_stray_windows_1252_byte_in_a_utf8_file(tmp_path):
    data = ("id;nombre;sector;nivel\nA-1;Asociación Bogotá;privado;nacional\n"
            "A-2;Cámara;privado;nacional\n").encode() + "A-3;Tuluá;privado;nacional\n".encode(
        "cp1252")
    (tmp_path / "actores.csv").write_bytes(data)
    report, g = _load(tmp_path)
    assert g.nodes["Actor:A-1"]["name"] == "Asociación Bogotá"  # not mojibake
    assert g.nodes["Actor:A-3"]["name"] == "Tuluá"
    assert report.tables[0].encoding == "utf-8"
    [w] = [str(w) for w in report.warnings]
    assert w.startswith("actores.csv:4: mezcla de codificaciones: el archivo es UTF-8")


def test_encoding_utf8_text_pasted_into_a_windows_1252_file(tmp_path):
    data = ("id;nombre;sector;nivel\nA-1;Peña;privado;nacional\nA-2;Ñandú;privado;nacional\n"
            ).encode("cp1252") + "A-3;Bogotá;privado;nacional\n".encode()
    (tmp_path / "actores.csv").write_bytes(data)
    report, g = _load(tmp_path)
    assert g.nodes["Actor:A-1"]["name"] == "Peña"
    assert report.tables[0].encoding == "cp1252"
    assert [str(w)[:48] for w in report.warnings] == [
        "actores.csv:4: mezcla de codificaciones: el arch"]


def test_encoding_pure_files_give_no_warning(tmp_path):
    for enc in ("utf-8", "utf-8-sig", "cp1252"):
        (tmp_path / "actores.csv").write_bytes(
            "id;nombre;sector;nivel\nA-1;Peña Bogotá;privado;nacional\n".encode(enc))
        report, g = _load(tmp_path)
        assert not report.warnings and g.nodes["Actor:A-1"]["name"] == "Peña Bogotá"


# ------------------------------------------------------------------------ xlsx
def _xlsx(path: Path, sheets: dict[str, str], *, dimension: str = "", shared: str = "",
          raw: dict[str, bytes] | None = None) -> Path:
    """A workbook written by hand: ``sheets`` maps a sheet name to its <sheetData> body
    (or to a whole worksheet XML starting with '<?xml')."""
    names = list(sheets)
    ct = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
                 'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                 for i in range(1, len(names) + 1))
    if shared:
        ct += ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
               'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats'
        '.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
        'openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' + ct + "</Types>",
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats'
        '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target='
        '"xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats'
        '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships"><sheets>' + "".join(
            f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
            for i, n in enumerate(names, 1)) + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships">' + "".join(
            f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(names) + 1)) + (
            '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/sharedStrings" Target="sharedStrings.xml"/>' if shared else "")
        + "</Relationships>",
    }
    for i, body in enumerate(sheets.values(), 1):
        files[f"xl/worksheets/sheet{i}.xml"] = body if body.startswith("<?xml") else (
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            'spreadsheetml/2006/main">' + (f'<dimension ref="{dimension}"/>' if dimension else "")
            + f"<sheetData>{body}</sheetData></worksheet>")
    if shared:
        files["xl/sharedStrings.xml"] = shared
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
        for name, blob in (raw or {}).items():
            zf.writestr(name, blob)
    return path


def _row(r: int, *values: str, first_col: int = 0) -> str:
    cells = "".join(f'<c r="{_col(first_col + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
                    for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def _col(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        s = chr(65 + rem) + s
    return s


ACTORS_SHEET = (_row(1, "id", "nombre", "sector", "nivel")
                + _row(2, "A-1", "Gremio", "privado", "nacional"))


def test_xlsx_declared_full_sheet_dimension_is_not_trusted(tmp_path):
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": ACTORS_SHEET
                                           + '<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                           '<is><t>lejos</t></is></c></row>'},
                 dimension="A1:XFD1048576")
    start = time.process_time()
    report, g = _load(book)
    assert time.process_time() - start < 20
    assert g.nodes["Actor:A-1"]["name"] == "Gremio"
    # the far cell is beyond the header's width: not read (and nothing silently kept)
    assert report.tables[0].rows == 1


def test_xlsx_row_with_cells_beyond_the_header_is_rejected(tmp_path):
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": ACTORS_SHEET + _row(
        3, "A-2", "Otro", "privado", "nacional", "sobra")})
    report, _ = _load(book)
    assert [str(r) for r in report.rejects] == [
        "libro.xlsx[actores]:3: la fila tiene 5 campos y el encabezado 4"]


BROKEN_SHEETS = {
    "truncated": ACTORS_SHEET[:-20],
    "bad_cell_ref": ACTORS_SHEET + '<row r="3"><c r="ZZZZZ3"><v>1</v></c></row>',
    "non_numeric_v": ACTORS_SHEET + '<row r="3"><c r="A3"><v>uno</v></c></row>',
    "bad_shared_index": ACTORS_SHEET + '<row r="3"><c r="A3" t="s"><v>99</v></c></row>',
    "entity_expansion": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;'
                        '&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e '
                        '"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;'
                        '&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">]><worksheet xmlns="'
                        'http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                        '<row r="1"><c r="A1" t="inlineStr"><is><t>&g;</t></is></c></row>'
                        '</sheetData></worksheet>',
    "not_xml": "<?xml version=\"1.0\"?>\x00\x01 esto no es XML",
}
SHARED = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
          'main"><si><t>x</t></si></sst>')


@pytest.mark.parametrize("case", sorted(BROKEN_SHEETS))
def test_xlsx_damaged_sheet_is_a_clean_error_naming_the_sheet(tmp_path, case):
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": BROKEN_SHEETS[case]}, shared=SHARED)
    start = time.process_time()
    with pytest.raises(InputError, match=r"libro\.xlsx(\[actores\])?: "):
        _load(book)
    assert time.process_time() - start < 20


def test_xlsx_zip_bomb_is_refused_unread(tmp_path):
    bomb = b"<" + b" " * (300 << 20)  # 300 MB of spaces compress to ~300 KB
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": ACTORS_SHEET},
                 raw={"xl/media/relleno.xml": bomb})
    assert book.stat().st_size < 2 << 20
    with pytest.raises(InputError, match="bomba zip"):
        _load(book)


def test_xlsx_sheets_no_mapping_needs_are_not_parsed(tmp_path):
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": ACTORS_SHEET,
                                           "notas": BROKEN_SHEETS["truncated"]})
    report, g = _load(book)
    assert "Actor:A-1" in g and "libro.xlsx[notas]" in report.ignored


def test_xlsx_corrupt_workbook_in_a_folder_does_not_abort_the_load(tmp_path):
    (tmp_path / "actores.csv").write_text("id;nombre;sector;nivel\nA-1;Gremio;privado;nacional\n",
                                          encoding="utf-8")
    (tmp_path / "roto.xlsx").write_bytes(b"PK\x03\x04 esto no es un zip")
    _xlsx(tmp_path / "mal.xlsx", {"actores2": BROKEN_SHEETS["truncated"]})
    report, g = _load(tmp_path, mappings=None)
    assert "Actor:A-1" in g
    problems = [str(r) for r in report.rejects]
    assert any(p.startswith("roto.xlsx: no es un libro .xlsx válido") for p in problems)


# ------------------------------------------------------------------------ folder
ACTORS = "id;nombre;sector;nivel\nA-1;Gremio;privado;nacional\n"


def test_folder_fifo_and_dev_zero_link_are_refused_without_hanging(tmp_path):
    (tmp_path / "actores.csv").write_text(ACTORS, encoding="utf-8")
    os.mkfifo(tmp_path / "instancias.csv")
    (tmp_path / "eventos.csv").symlink_to("/dev/zero")
    report, g = _load(tmp_path)
    assert "Actor:A-1" in g
    assert sorted(str(r) for r in report.rejects) == [
        "eventos.csv: no es un archivo normal (dispositivo de caracteres): no se lee",
        "instancias.csv: no es un archivo normal (FIFO): no se lee"]
    with pytest.raises(InputError, match="FIFO"):
        read_path(tmp_path / "instancias.csv")


def test_folder_files_no_mapping_needs_are_not_read(tmp_path):
    (tmp_path / "actores.csv").write_text(ACTORS, encoding="utf-8")
    os.mkfifo(tmp_path / "otra_cosa.csv")  # reading it would hang: it must not be opened
    (tmp_path / "sub").mkdir()
    (tmp_path / ".oculto.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "leeme.md").write_text("hola", encoding="utf-8")
    report, _ = _load(tmp_path)
    assert report.ok and report.ignored == ["otra_cosa.csv"]
    assert report.notes == [".oculto.csv: archivo oculto, no se lee",
                            "leeme.md: no es CSV ni .xlsx, no se lee",
                            "sub/: subcarpeta, no se lee (indique su ruta para cargarla)"]


def test_folder_same_named_files_keep_their_folder(tmp_path):
    for name, actor in (("norte", "A-1"), ("sur", "A-2")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "actores.csv").write_text(
            f"id;nombre;sector;nivel\n{actor};Gremio {name};privado;nacional\n", encoding="utf-8")
    store = SQLiteStore(":memory:")
    report = load_paths([tmp_path / "norte", tmp_path / "sur"], store, include_reference=True)
    g = store.read_graph()
    assert [t.source for t in report.tables] == ["norte/actores.csv", "sur/actores.csv"]
    assert (g.nodes["Actor:A-1"]["source"], g.nodes["Actor:A-2"]["source"]) == (
        "norte/actores.csv", "sur/actores.csv")


# ------------------------------------------------------------------------ mapping
BASE = {"files": ["t"], "columns": {"id": {"required": True}, "dep": {"type": "department"}},
        "nodes": [{"label": "Actor", "key": "id", "properties": {"name": "id"}}]}


def _with(path: str, value) -> dict:
    import copy
    data = copy.deepcopy(BASE)
    *parents, last = path.split(".")
    target = data
    for p in parents:
        target = target[int(p)] if isinstance(target, list) else target.setdefault(p, {})
    target[last] = value
    return data


BAD_MAPPINGS = {
    "order_text": _with("order", "primero"),
    "order_list": _with("order", [1]),
    "order_bool": _with("order", True),
    "columns_list": _with("columns", ["id"]),
    "column_not_table": _with("columns.x", "texto"),
    "enum_list": _with("columns.x", {"type": "enum", "enum": ["sector"]}),
    "aliases_string": _with("columns.x", {"aliases": "codigo"}),
    "aliases_numbers": _with("columns.x", {"aliases": [1, 2]}),
    "empty_string": _with("columns.x", {"empty": "NA"}),
    "type_list": _with("columns.x", {"type": ["text"]}),
    "required_string": _with("columns.x", {"required": "false"}),
    "required_number": _with("columns.x", {"required": 0}),
    "department_not_department": _with("columns.m", {"type": "municipality",
                                                      "department": "id"}),
    "department_list": _with("columns.m", {"type": "municipality", "department": ["dep"]}),
    "from_not_list": _with("edges", [{"type": "LOCATED_IN", "from": "Actor", "to":
                                      ["Territory", "dep"]}]),
    "from_label_list": _with("edges", [{"type": "LOCATED_IN", "from": [["Actor"], "id"],
                                        "to": ["Territory", "dep"]}]),
    "when_list": _with("edges", [{"type": "LOCATED_IN", "from": ["Actor", "id"],
                                  "to": ["Territory", "dep"], "when": ["x"]}]),
    "when_table_value": _with("edges", [{"type": "LOCATED_IN", "from": ["Actor", "id"],
                                         "to": ["Territory", "dep"], "when": {"id": {"a": 1}}}]),
    "edge_type_list": _with("edges", [{"type": ["LOCATED_IN"]}]),
    "nodes_table": _with("nodes", {"label": "Actor"}),
    "label_list": _with("nodes", [{"label": ["Actor"], "key": "id"}]),
    "template_unbalanced": _with("nodes", [{"label": "Actor", "key": "X-{id"}]),
    "template_close_only": _with("nodes", [{"label": "Actor", "key": "X-id}"}]),
    "reserved_source": _with("nodes.0.properties", {"source": "id"}),
    "reserved_row": _with("nodes.0.properties", {"row": "id"}),
    "reserved_loaded_at": _with("nodes.0.properties", {"loaded_at": "id"}),
    "reserved_label": _with("nodes.0.properties", {"label": "id"}),
    "reserved_id": _with("nodes.0.properties", {"id": "id"}),
    "reserved_edge_type": _with("edges", [{"type": "LOCATED_IN", "from": ["Actor", "id"],
                                           "to": ["Territory", "dep"],
                                           "properties": {"type": "id"}}]),
    "territory_nodes": _with("nodes", [{"label": "Territory", "key": "=05"}]),
    "ekey_string": _with("edges", [{"type": "LOCATED_IN", "from": ["Actor", "id"],
                                    "to": ["Territory", "dep"], "ekey": "id"}]),
    "recode_table_value": _with("columns.x", {"recode": {"a": {"b": 1}}}),
    "default_list": _with("columns.x", {"default": ["a"]}),
    "extras_list": _with("extras", ["node"]),
}


def test_mapping_base_case_is_valid():
    assert parse_mapping(BASE, "t.toml").files == ("t",)


@pytest.mark.parametrize("case", sorted(BAD_MAPPINGS))
def test_mapping_invalid_is_a_clean_spanish_error(case):
    with pytest.raises(MappingError, match=r"^t\.toml: "):
        parse_mapping(BAD_MAPPINGS[case], "t.toml")


@pytest.mark.parametrize("case, content", [
    ("not_utf8", "name = \"Peña\"\n".encode("cp1252")),
    ("deep_nesting", b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
    ("not_toml", b"files = [\n"),
])
def test_mapping_unreadable_file_is_a_clean_error(tmp_path, case, content):
    path = tmp_path / "m.toml"
    path.write_bytes(content)
    with pytest.raises(MappingError, match=r"m\.toml: "):
        load_mapping(path)


def test_mapping_extra_columns_with_reserved_names_are_kept_renamed(tmp_path):
    (tmp_path / "actores.csv").write_text(
        "id;nombre;sector;nivel;source;row;label;loaded_at\n"
        "A-1;Gremio;privado;nacional;encuesta;7;rojo;ayer\n", encoding="utf-8")
    _, g = _load(tmp_path)
    a = g.nodes["Actor:A-1"]
    assert (a["extra_source"], a["extra_row"], a["extra_label"], a["extra_loaded_at"]) == (
        "encuesta", "7", "rojo", "ayer")
    assert (a["source"], a["row"], a["label"]) == ("actores.csv", 2, "Actor")


# ------------------------------------------------------------------------ low
def test_low_invisible_characters_are_shown_in_messages(tmp_path):
    (tmp_path / "actores.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "instancias.csv").write_text(
        "id;nombre;tipo;departamento\nI-1;Mesa;red_ormet;Meta\n", encoding="utf-8")
    (tmp_path / "participaciones.csv").write_text(
        "actor;instancia\n\u200bA-1;I-1\nA-1;I-1\n", encoding="utf-8")
    report, _ = _load(tmp_path)
    assert any("'<U+200B>A-1' no existe" in str(r) for r in report.rejects), [
        str(r) for r in report.rejects]


def test_low_repeated_header_rejects_the_file_with_its_rows(tmp_path):
    (tmp_path / "actores.csv").write_text(
        "id;nombre;sector;nivel;nombre\nA-1;Gremio;privado;nacional;Otro\n"
        "A-2;Gremio 2;privado;nacional;Otro\n", encoding="utf-8")
    report, g = _load(tmp_path)
    assert "Actor:A-1" not in g
    assert report.rows_rejected == 2
    assert [str(r) for r in report.rejects] == [
        "actores.csv:1 nombre: columna repetida ('nombre')",
        "actores.csv: archivo rechazado entero: sus 2 fila(s) no se cargan hasta corregir el "
        "encabezado"]


def test_low_empty_and_header_only_files_are_warned_about(tmp_path):
    (tmp_path / "actores.csv").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "instancias.csv").write_bytes(b"")
    (tmp_path / "eventos.csv").write_text("id;nombre;tipo;fecha\n", encoding="utf-8")
    report, _ = _load(tmp_path)
    assert sorted(str(w) for w in report.warnings) == [
        "eventos.csv: el archivo solo tiene encabezado: ninguna fila de datos",
        "instancias.csv: archivo vacío: no tiene encabezado ni filas"]


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_low_nan_and_inf_rejected_in_float_columns(tmp_path, value):
    mapping = parse_mapping({"files": ["medidas"], "columns": {
        "id": {"required": True}, "valor": {"type": "float"}},
        "nodes": [{"label": "Actor", "key": "id", "properties": {"name": "id", "score": "valor"}}]},
        "medidas.toml")
    (tmp_path / "medidas.csv").write_text(f"id;valor\nA-1;{value}\nA-2;3,5\n", encoding="utf-8")
    report, g = _load(tmp_path, mappings=[mapping])
    assert g.nodes["Actor:A-2"]["score"] == 3.5 and "Actor:A-1" not in g
    assert [str(r) for r in report.rejects] == [
        f"medidas.csv:2 valor: número inválido '{value}': se espera un número finito"]


@pytest.mark.parametrize("char", ["\x01", "\x0b", "\x1b", "\x00", "\ufffe", "\uffff"])
def test_low_control_characters_are_normalised_with_a_warning(tmp_path, char):
    (tmp_path / "actores.csv").write_text(
        f"id;nombre;sector;nivel\nA-1;Sede{char}Norte;privado;nacional\n", encoding="utf-8")
    report, g = _load(tmp_path)
    name = g.nodes["Actor:A-1"]["name"]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", name)
    assert name in ("Sede Norte", "SedeNorte")
    [w] = [str(w) for w in report.warnings]
    assert w.startswith(f"actores.csv:2 nombre: carácter(es) de control U+{ord(char):04X}")


def test_low_control_characters_in_a_workbook_are_normalised(tmp_path):
    shared = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
              '2006/main"><si><t>Sede_x000B_Norte</t></si></sst>')  # as Excel writes a VT
    book = _xlsx(tmp_path / "libro.xlsx", {"actores": _row(1, "id", "nombre", "sector", "nivel")
                                           + '<row r="2"><c r="A2" t="inlineStr"><is><t>A-1</t>'
                                           '</is></c><c r="B2" t="s"><v>0</v></c>' + _row(
                                               2, "privado", "nacional", first_col=2)[10:]},
                 shared=shared)
    report, g = _load(book)
    assert g.nodes["Actor:A-1"]["name"] == "Sede Norte"
    assert [str(w)[:37] for w in report.warnings] == ["libro.xlsx[actores]:2 nombre: carácte"]


# ------------------------------------------------------------------------ no traceback
@FUZZ
@given(st.binary(max_size=4000), st.sampled_from([b"", b"PK\x03\x04", b"<?xml"]))
def test_xlsx_random_bytes_only_raise_pat_graph_errors(tmp_path_factory, data, prefix):
    path = tmp_path_factory.mktemp("x") / "libro.xlsx"
    path.write_bytes(prefix + data)
    try:
        _load(path)
    except PatGraphError:
        pass
