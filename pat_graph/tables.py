"""The one CSV reader and the one CSV writer of pat-graph.

Every CSV the program reads goes through :func:`read_table`: data loads,
resolver decision files, ``write-scores`` files, recommendation files for
``viz``, the CSV export read back. Every CSV it writes goes through
:func:`write_csv`: ``--csv`` of every command, ``export --formato csv``, the
pipeline's tables, the rejects file; every workbook (``--xlsx``) through
:func:`write_xlsx` / :func:`write_workbook`.

Reading: UTF-8 (with or without BOM) or Windows-1252, ``,`` / ``;`` / tab
separated (sniffed on the header line), headers folded (``Código DANE`` →
``codigo_dane``), columns looked up by folded name (never by position), every
row with the line it starts on (for ``archivo:línea columna: motivo``), and the
formula guard of the writer undone.

Writing: UTF-8 with BOM to a file (Excel shows the accents), no BOM to a
stream unless asked (the CLI asks when stdout is redirected to a file, so
``pat-graph gaps --csv > brechas.csv`` opens in Excel with its accents, while a
pipe to another program gets none); a text cell that a spreadsheet would run as a formula gets a
leading ``'`` (:func:`neutralize`); numbers stay numbers.

>>> import io
>>> out = io.StringIO()
>>> write_csv([{"nodo": "=1+1", "valor": -3.5}], out, columns=["nodo", "valor"])
>>> print(out.getvalue(), end="")
nodo,valor
'=1+1,-3.5
>>> t = read_table(out.getvalue().encode("cp1252"), required=["nodo"])
>>> [(t.get(r, "nodo"), t.get(r, "valor"), r.line) for r in t.rows]
[('=1+1', '-3.5', 2)]
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from pat_graph.atomic import atomic_file, atomic_path
from pat_graph.errors import InputError
from pat_graph.text import fold

#: Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The guard :func:`neutralize` puts before such a cell (and :func:`unguard` removes).
GUARD = "'"
_SEP = "\x1f"  # a row of text is joined with it to look at every cell's start at once
_NEEDS_LOOK = re.compile(_SEP + "[" + re.escape("".join((*FORMULA_TRIGGERS, GUARD))) + "]")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


# ---------------------------------------------------------------------- the guard
def neutralize(value: Any) -> Any:
    r"""A cell value that no spreadsheet will run as a formula.

    Text starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return gets a
    leading ``'``, unless it is a plain number (``-75.5`` is a longitude, not a
    formula); text that already starts with ``'`` before one of those (or
    before another ``'``) gets one too, so :func:`unguard` gives back exactly
    the original. Anything that is not text is returned unchanged.

    >>> neutralize('=HYPERLINK("http://x")'), neutralize("@SUM(A1)"), neutralize("SENA")
    ('\'=HYPERLINK("http://x")', "'@SUM(A1)", 'SENA')
    >>> neutralize(-75.5), neutralize("-75.5"), neutralize("-2+3"), neutralize("'=x")
    (-75.5, '-75.5', "'-2+3", "''=x")
    """
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_TRIGGERS):
        return value if _NUMBER.fullmatch(value) else GUARD + value
    if value[0] == GUARD and value[1:2] and value[1] in (*FORMULA_TRIGGERS, GUARD):
        return GUARD + value
    return value


def unguard(text: str) -> str:
    """Undo :func:`neutralize` on a cell read back.

    >>> unguard("'=1+1"), unguard("''=x"), unguard("'hola"), unguard("-3")
    ('=1+1', "'=x", "'hola", '-3')
    """
    if text[:1] == GUARD and text[1:2] and text[1] in (*FORMULA_TRIGGERS, GUARD):
        return text[1:]
    return text


def cell_text(value: Any) -> str:
    """The text of one cell as :func:`write_csv` writes it (guard included).

    ``None`` is empty, booleans ``sí`` / ``no``, numbers as Python writes them
    (every digit kept, ``.`` as decimal point), dates ISO, lists joined with ``; ``.

    >>> [cell_text(v) for v in (None, True, 3, 0.1614, 1234.5, "-1", "=A1", ["a", "b"])]
    ['', 'sí', '3', '0.1614', '1234.5', '-1', "'=A1", 'a; b']
    >>> cell_text(dt.date(2024, 5, 1)), cell_text({"a": 1})
    ('2024-05-01', 'a: 1')
    """
    if isinstance(value, str):
        return neutralize(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, int | float):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else value
        return neutralize("; ".join(str(v) if isinstance(v, str) else _plain(v) for v in items))
    if isinstance(value, dict):
        return neutralize("; ".join(f"{k}: {_plain(v)}" for k, v in value.items()))
    return neutralize(str(value))


def _plain(value: Any) -> str:
    return unguard(cell_text(value))


# ---------------------------------------------------------------------- the writer
def write_csv(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    target: str | Path | IO[str],
    *,
    columns: Sequence[str],
    headers: Mapping[str, str] | None = None,
    bom: bool = False,
) -> Path | None:
    r"""Write ``rows`` (mappings, or sequences in the order of ``columns``) as CSV.

    ``target`` is a file path (written UTF-8 with BOM and ``\r\n``, its folder
    created, under a temporary name renamed when complete; the path is returned) or a
    text stream such as ``sys.stdout`` (no BOM unless ``bom``, ``\n``). The header row is
    ``headers.get(c, c)`` for each column.
    Cells are :func:`cell_text`.

    >>> import os, tempfile
    >>> path = write_csv([("Bogotá", 1)], os.path.join(tempfile.mkdtemp(), "a", "x.csv"),
    ...                  columns=["nombre", "n"])
    >>> path.read_bytes()
    b'\xef\xbb\xbfnombre,n\r\nBogot\xc3\xa1,1\r\n'
    """
    cols = list(columns)
    head = [cell_text((headers or {}).get(c, c)) for c in cols]

    def body(writer: Any) -> None:
        writer.writerow(head)
        for row in rows:
            values = [row.get(c) for c in cols] if isinstance(row, Mapping) else row
            try:  # a row of plain text (most rows) is written as it is, as cell_text would
                plain = not _NEEDS_LOOK.search(_SEP + _SEP.join(values))
            except TypeError:  # not all text
                plain = False
            writer.writerow(values if plain else [cell_text(v) for v in values])

    if hasattr(target, "write"):
        if bom:
            target.write("\ufeff")  # type: ignore[union-attr]
        body(csv.writer(_LineFeed(target), lineterminator="\r\n"))
        return None
    path = Path(target)  # type: ignore[arg-type]
    with atomic_file(path, "w", encoding="utf-8-sig", newline="") as fh:
        body(csv.writer(fh, lineterminator="\r\n"))
    return path


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")
#: Widest column of a workbook, in characters (longer text wraps).
XLSX_MAX_WIDTH = 60


def xlsx_value(value: Any) -> Any:
    """The value of one workbook cell: numbers stay numbers, dates (``date`` values or
    ISO ``AAAA-MM-DD`` text) become dates, ``None`` empty, booleans ``sí`` / ``no``,
    lists and mappings text as :func:`cell_text` writes them (no formula guard: a
    workbook cell of text is never run as a formula).

    >>> xlsx_value(3), xlsx_value(0.5), xlsx_value("2024-05-01"), xlsx_value(True)
    (3, 0.5, datetime.date(2024, 5, 1), 'sí')
    >>> xlsx_value(["a", "b"]), xlsx_value("=1+1"), xlsx_value("2024-02-30")
    ('a; b', '=1+1', '2024-02-30')
    """
    if value is None or isinstance(value, bool):
        return None if value is None else ("sí" if value else "no")
    if isinstance(value, int | float | dt.date):
        return value
    if isinstance(value, str):
        try:
            if _ISO_DATE.fullmatch(value):
                return dt.date.fromisoformat(value)
            if _ISO_DATETIME.fullmatch(value):
                return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        return value
    return unguard(cell_text(value))


#: Longest sheet name Excel accepts.
SHEET_NAME_MAX = 31


@dataclass(slots=True)
class Sheet:
    """One sheet of a workbook (:func:`write_workbook`): its ``name`` (a short fixed
    Spanish name, at most :data:`SHEET_NAME_MAX` characters), its ``rows`` and
    ``columns``, the ``headers`` of its columns and the number ``formats`` of some
    (``{"coverage": "0 %"}``: a share kept as a fraction, shown as a percentage)."""

    name: str
    rows: Iterable[Mapping[str, Any] | Sequence[Any]]
    columns: Sequence[str]
    headers: Mapping[str, str] | None = None
    formats: Mapping[str, str] | None = None


def write_xlsx(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    path: str | Path,
    *,
    columns: Sequence[str],
    headers: Mapping[str, str] | None = None,
    sheet: str = "Datos",
    formats: Mapping[str, str] | None = None,
    title: str | None = None,
) -> Path:
    """Write ``rows`` as an Excel workbook of one sheet at ``path`` (its folder created;
    returned): see :func:`write_workbook`. The twin of :func:`write_csv` for ``--xlsx``
    of every tabular command.

    >>> import os, tempfile, openpyxl
    >>> p = write_xlsx([{"n": "Bogotá", "v": 2.5, "d": "2024-05-01", "c": 0.12}],
    ...                os.path.join(tempfile.mkdtemp(), "x.xlsx"), columns=["n", "v", "d", "c"],
    ...                headers={"n": "Nombre"}, formats={"c": "0 %"}, sheet="Cobertura",
    ...                title="Cobertura de cada programa nacional")
    >>> wb = openpyxl.load_workbook(p); ws = wb.active
    >>> [c.value for c in ws[1]], ws["B2"].value, ws["C2"].is_date, ws.freeze_panes
    (['Nombre', 'v', 'd', 'c'], 2.5, True, 'A2')
    >>> ws.title, ws["D2"].value, ws["D2"].number_format, wb.properties.title
    ('Cobertura', 0.12, '0 %', 'Cobertura de cada programa nacional')
    """
    return write_workbook([Sheet(sheet, rows, columns, headers, formats)], path, title=title)


def write_workbook(sheets: Sequence[Sheet], path: str | Path, *, title: str | None = None
                   ) -> Path:
    """Write ``sheets`` as one Excel workbook at ``path`` (its folder created; returned),
    ``title`` in its properties (File > Info shows it). Each sheet has a bold header
    row ``headers.get(c, c)`` frozen at the top with a filter, column widths fitted to
    their text (at most :data:`XLSX_MAX_WIDTH`), numbers as numbers (whole numbers
    ``#,##0``, others with their ``formats``: the rule of decimals of
    :mod:`pat_graph.formatting`), dates as dates shown ``DD/MM/AAAA``
    (:func:`xlsx_value`). A sheet name longer than Excel allows is refused (a command
    names its sheets; a title cut mid-phrase is no name).

    >>> import os, tempfile, openpyxl
    >>> p = write_workbook([Sheet("Nodos", [{"n": 3}], ["n"]), Sheet("Relaciones", [], ["n"])],
    ...                    os.path.join(tempfile.mkdtemp(), "x.xlsx"))
    >>> openpyxl.load_workbook(p).sheetnames
    ['Nodos', 'Relaciones']
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=False)
    wb.remove(wb.active)
    if title:
        wb.properties.title = title
    for sh in sheets:
        name = " ".join("".join(" " if c in "[]:*?/\\" else c for c in sh.name).split()) \
            or "Datos"
        if len(name) > SHEET_NAME_MAX:
            raise ValueError(f"nombre de hoja de más de {SHEET_NAME_MAX} caracteres: {name!r}")
        ws = wb.create_sheet(name)
        cols = list(sh.columns)
        fmts = [(sh.formats or {}).get(c) for c in cols]
        head = [str((sh.headers or {}).get(c, c)) for c in cols]
        ws.append(head)
        widths = [len(h) for h in head]
        for row in sh.rows:
            values = [row.get(c) for c in cols] if isinstance(row, Mapping) else list(row)
            cells = [xlsx_value(v) for v in values]
            ws.append(cells)
            r = ws.max_row
            for i, v in enumerate(cells):
                cell = ws.cell(row=r, column=i + 1)
                if isinstance(v, str):
                    cell.data_type = "s"  # text that starts with "=" stays text
                    widths[i] = max(widths[i], len(v))
                elif isinstance(v, dt.datetime):
                    cell.number_format = "DD/MM/YYYY HH:MM"
                    widths[i] = max(widths[i], 16)
                elif isinstance(v, dt.date):
                    cell.number_format = "DD/MM/YYYY"
                    widths[i] = max(widths[i], 10)
                elif isinstance(v, int | float):
                    cell.number_format = fmts[i] or ("#,##0" if isinstance(v, int) else "General")
                    widths[i] = max(widths[i], len(f"{v:,}" if isinstance(v, int) else f"{v:g}"))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = min(w + 2, XLSX_MAX_WIDTH)
            if w > XLSX_MAX_WIDTH:
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        if cols:
            ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(ws.max_row, 1)}"
    if not sheets:
        wb.create_sheet("Datos")
    out = Path(path)
    with atomic_path(out) as tmp:
        wb.save(tmp)
    return out


class _LineFeed:
    r"""A stream whose rows end in ``\n``: the csv writer quotes a cell holding a bare
    ``\r`` only when ``\r`` is in its line terminator, so rows are made with ``\r\n``
    (one ``write`` per row) and the ``\r`` of the terminator is dropped here."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> Any:
        return self.stream.write(text[:-2] + "\n" if text.endswith("\r\n") else text)


# ---------------------------------------------------------------------- the reader
@dataclass(slots=True)
class Row:
    """One data row: its values (strings, or ``datetime.date`` from Excel cells) and its line."""

    line: int
    values: list
    problem: str = ""  # a reading problem that rejects the row (e.g. an unclosed quote)
    span: int = 1  # physical lines the row takes (a cell with line breaks takes several)


@dataclass(slots=True)
class Table:
    """A table read from one CSV file or one sheet.

    ``headers`` are folded; :meth:`index` / :meth:`get` find a column by its
    folded name or one of the ``aliases`` given to :func:`read_table`.
    """

    source: str  # display name: "actores.csv" or "libro.xlsx[actores]"
    name: str  # folded file stem or sheet name, used to pick the mapping
    headers: list[str]
    raw_headers: list[str]
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    path: str = ""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    lines: int = 0  # physical lines of the file (header included)
    blank: int = 0  # blank lines skipped (counted, so every line is accounted for)
    #: (line, column, message): what the reader changed or doubts, for the load's warnings
    warnings: list[tuple[int, str, str]] = field(default_factory=list)
    header_lines: int = 1  # lines up to the end of the header (blank lines before it included)

    @property
    def data_lines(self) -> int:
        """Physical lines after the header: each is in a row (loaded or rejected) or blank.

        >>> t = read_table(b'a;b\\n1;"dos\\nlineas"\\n\\n3;4\\n')
        >>> t.data_lines, sum(r.span for r in t.rows), t.blank
        (4, 3, 1)
        """
        return self.lines - self.header_lines

    def index(self, name: str) -> int | None:
        """Position of the column ``name`` (folded; or one of its aliases), ``None`` if absent.

        >>> t = read_table(b"Puntuaci\\xf3n;Nodo\\n", aliases={"node": ["nodo"]})
        >>> t.index("puntuación"), t.index("node"), t.index("otra")
        (0, 1, None)
        """
        key = fold(name, sep="_")
        for candidate in (key, *self.aliases.get(key, ())):
            if candidate in self.headers:
                return self.headers.index(candidate)
        return None

    def get(self, row: Row, name: str, default: str = "") -> str:
        """The value of column ``name`` in ``row``, stripped (``default`` if absent or short)."""
        i = self.index(name)
        if i is None or i >= len(row.values):
            return default
        return str(row.values[i]).strip()

    def records(self) -> list[dict[str, str]]:
        """Every row as ``{folded header: value}`` (a missing trailing cell is ``""``).

        >>> read_table(b"Code;Name\\n05;Antioquia\\n07\\n").records()
        [{'code': '05', 'name': 'Antioquia'}, {'code': '07', 'name': ''}]
        """
        width = len(self.headers)
        return [dict(zip(self.headers, [*map(str, r.values[:width]),
                                        *[""] * (width - len(r.values))], strict=True))
                for r in self.rows]

    def where(self, row: Row | None = None, column: str = "") -> str:
        """``archivo:línea columna`` for error messages (line 1 is the header).

        >>> read_table(b"a\\n1\\n", name="x.csv").where(None, "a")
        'x.csv:1 a'
        """
        line = row.line if row is not None else 1
        return f"{self.source}:{line}" + (f" {column}" if column else "")


_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")
_HIGH = re.compile(rb"[\x80-\xff]")
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def _cp1252_byte(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: a byte that is not UTF-8 is read as Windows-1252 (Latin-1
    for the 5 bytes Windows-1252 leaves undefined)."""
    assert isinstance(err, UnicodeDecodeError)
    byte = err.object[err.start:err.start + 1]
    try:
        return byte.decode("cp1252"), err.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), err.start + 1


codecs.register_error("pat-graph-cp1252", _cp1252_byte)


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text of a file, the encoding chosen, and (when the file mixes encodings) the first
    line that does not fit it with a Spanish ``note`` for the analyst."""

    text: str
    encoding: str
    line: int = 0
    note: str = ""


def decode_evidence(data: bytes) -> Decoded:
    r"""Decode bytes choosing the encoding on evidence, and say so when a file mixes two.

    UTF-8 when the bytes are UTF-8 (BOM or not). Otherwise the valid UTF-8
    sequences (``Ã¡`` = á) are counted against the bytes that are not
    UTF-8: with more UTF-8 evidence the file is UTF-8 and each stray byte is read
    as Windows-1252 (``Bogotá`` stays ``Bogotá`` instead of every accent turning
    into mojibake); otherwise the file is Windows-1252. Either way a mix is
    reported with the first line that does not fit.

    >>> d = decode_evidence("id;nombre\nA;Bogotá\nB;Medellín\n".encode() + "C;Tuluá\n".encode("cp1252"))
    >>> d.text.splitlines()[1:], d.encoding, d.line
    (['A;Bogotá', 'B;Medellín', 'C;Tuluá'], 'utf-8', 4)
    >>> d.note
    'mezcla de codificaciones: el archivo es UTF-8 pero esta línea trae 1 byte(s) de Windows-1252 (1 en el archivo), leídos como Windows-1252; revise sus tildes'
    >>> decode_evidence("Peñalosa".encode("cp1252"))
    Decoded(text='Peñalosa', encoding='cp1252', line=0, note='')
    """
    encoding = "utf-8"
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8-sig"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # a truncated export (odd length) must not crash the load: U+FFFD marks the damage
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    try:
        return Decoded(data.decode("utf-8"), encoding)
    except UnicodeDecodeError as err:
        first_bad = err.start
    valid = _UTF8_SEQ.findall(data)
    stray = len(_HIGH.findall(data)) - sum(len(v) for v in valid)
    if len(valid) >= stray:  # more UTF-8 evidence than not: a stray Windows-1252 byte or two
        line = len(_BYTE_BREAK.findall(data, 0, first_bad)) + 1
        line_end = _BYTE_BREAK.search(data, first_bad)
        chunk = data[data.rfind(b"\n", 0, first_bad) + 1:
                     line_end.start() if line_end else len(data)]
        here = len(_HIGH.findall(chunk)) - sum(len(v) for v in _UTF8_SEQ.findall(chunk))
        return Decoded(data.decode("utf-8", errors="pat-graph-cp1252"), encoding, line,
                       f"mezcla de codificaciones: el archivo es UTF-8 pero esta línea trae "
                       f"{here} byte(s) de Windows-1252 ({stray} en el archivo), leídos como "
                       "Windows-1252; revise sus tildes")
    text = data.decode("cp1252", errors="pat-graph-cp1252")
    if not valid:
        return Decoded(text, "cp1252")
    first = _UTF8_SEQ.search(data)
    assert first is not None
    line = len(_BYTE_BREAK.findall(data, 0, first.start())) + 1
    return Decoded(text, "cp1252", line,
                   f"mezcla de codificaciones: el archivo es Windows-1252 pero esta línea trae "
                   f"texto en UTF-8 («{first[0].decode('cp1252', errors='replace')}» sería "
                   f"«{first[0].decode('utf-8')}»; {len(valid)} vez/veces en el archivo), "
                   "leído como Windows-1252; revise sus tildes")


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not) or, failing that, Windows-1252
    (see :func:`decode_evidence`, which also says when a file mixes them).

    >>> decode("Bogotá".encode("utf-8-sig")), decode("Bogotá".encode("cp1252"))
    (('Bogotá', 'utf-8-sig'), ('Bogotá', 'cp1252'))
    """
    d = decode_evidence(data)
    return d.text, d.encoding


def sniff_delimiter(text: str) -> str:
    """Pick ``;``, ``,`` or tab from the header line (outside quotes).

    >>> sniff_delimiter("id;nombre;sector\\n"), sniff_delimiter('id,"a;b"\\n'), sniff_delimiter("a")
    (';', ',', ',')
    """
    first = text.split("\n", 1)[0]
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _swallows(chunk: list[str], fields: list[str], delimiter: str, width: int) -> bool:
    """Whether a record read over several lines is a quoted field that swallowed rows.

    A legitimate multi-line cell (an observation with line breaks) holds prose; a
    quote opened by mistake (``"Sede 5``) and closed by another stray one further
    down (``5"``) holds the delimiters of the lines it ate, and the record it makes
    has the fields of both ends. Opened in field *k* of one row and closed in field
    *j* of a later one, the multi-line field holds ``width - k + j - 1`` delimiters
    (more with every row between) and the record ``width + k - j`` fields: the
    delimiters inside plus the fields beyond the header reach ``width - 1``. So
    the record is cut when that happens (at least 2, so that one delimiter in a
    cell of a 2-column file is not taken for a row), when its quotes do not balance
    (a quote left open to the end of the file), or when it has non-empty fields
    beyond the header.
    """
    if "".join(chunk).count('"') % 2:
        return True
    if width < 2:
        return False
    if len(fields) > width and any(f.strip() for f in fields[width:]):
        return True
    inside = sum(f.count(delimiter) for f in fields if "\n" in f or "\r" in f)
    return inside + max(0, len(fields) - width) >= max(width - 1, 2)


def _csv_records(
    lines: list[str], delimiter: str, state: dict[str, int], offset: int = 0
) -> Iterator[tuple[int, list[str], str, int]]:
    """Yield (first line number, fields, problem, lines spanned) of every record.

    Blank lines are skipped and counted in ``state["blank"]``. A quoted field
    that swallows lines (see :func:`_swallows`; ``state["width"]`` is the header's
    width once known) is cut back to its first line, which is rejected
    (``problem`` says how many lines the quote would have swallowed), and the
    lines after it are read again as records: no line is silently lost.
    """
    reader = csv.reader(lines, delimiter=delimiter)
    previous_end = 0
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # e.g. field larger than field_size_limit
            raise InputError(f"línea {offset + previous_end + 1}: CSV ilegible ({err})") from err
        start = previous_end + 1
        previous_end = reader.line_num
        if previous_end > start and _swallows(lines[start - 1:previous_end], fields, delimiter,
                                              state.get("width", 0)):
            n = previous_end - start
            yield offset + start, next(csv.reader([lines[start - 1]], delimiter=delimiter), []), (
                f"comilla sin cerrar abre un campo que se traga {n} línea(s) "
                f"({offset + start + 1}-{offset + previous_end}); esas líneas se leen aparte"), 1
            yield from _csv_records(lines[start:previous_end], delimiter, state, offset + start)
            continue
        if not fields or all(not f.strip() for f in fields):
            state["blank"] = state.get("blank", 0) + previous_end - start + 1
            continue
        if previous_end == start and any(f.endswith(("\n", "\r")) for f in fields):
            # one line whose field holds its own line break: a quote opened on the last line
            yield offset + start, fields, ("comilla sin cerrar: el campo que abre no se cierra "
                                           "antes del final del archivo"), 1
            continue
        yield offset + start, fields, "", previous_end - start + 1


#: C0 controls (but tab and line breaks) and the non-characters U+FFFE/U+FFFF: they make
#: XML exports unparsable and terminals misbehave. NUL is read as U+FFFE (csv refuses NUL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
#: Distinct short values shared by the rows of one file (beyond it, values are kept as read):
#: a million participations repeat a few thousand ids, so memory stays bounded by the rows.
MEMO_LIMIT = 200_000
#: Warnings of one kind shown per file before a summary line.
MAX_WARNINGS_PER_KIND = 20


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def show_invisible(value: str) -> str:
    r"""``value`` with its invisible characters (BOM, zero-width space, bidi marks)
    written out, so a message about an id that "does not exist" shows why.

    >>> show_invisible("\ufeffA-1"), show_invisible("A\u200b-2"), show_invisible("A-3")
    ('<U+FEFF>A-1', 'A<U+200B>-2', 'A-3')
    """
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m[0]):04X}>", value)


def control_free(value: str) -> tuple[str, list[str]]:
    r"""``value`` with control characters replaced by a space (NUL, U+FFFE, U+FFFF
    removed), and the code points found.

    >>> control_free("Sede\x0bNorte\x00"), control_free("bien")
    (('Sede Norte', ['U+000B', 'U+0000']), ('bien', []))
    """
    found = [f"U+{ord(c):04X}" for c in dict.fromkeys(_CONTROL.findall(value))]
    if not found:
        return value, found
    clean = value.replace("\x00", "").replace("\ufffe", "").replace("\uffff", "")
    return _CONTROL.sub(" ", clean), found


def read_table(
    source: str | Path | bytes,
    *,
    required: Sequence[str] = (),
    aliases: Mapping[str, Iterable[str]] | None = None,
    name: str = "",
    strict: bool = False,
) -> Table:
    """Read one CSV (a path, or its bytes) into a :class:`Table`.

    Encoding and delimiter are detected, headers folded, the writer's formula
    guard undone (:func:`unguard`). ``aliases`` maps a column name to other
    headers that mean it (``{"motivo": ["explanation"]}``); every name in
    ``required`` must be found (or an alias), else :class:`InputError`
    ``archivo:1: falta la columna «…»``. With ``strict`` a row that cannot be
    read (an unclosed quote) is an error too, instead of a row with a
    ``problem``; with ``strict`` the quoting is also trusted (a file pat-graph
    wrote), so only a quote left open to the end of the file is an error.
    ``name`` is the display name of bytes (default ``datos.csv``).

    >>> t = read_table("Código DANE;Nombre\\r\\n05;'=Antioquia\\r\\n".encode("cp1252"))
    >>> t.encoding, t.delimiter, t.headers, t.rows[0].line, t.rows[0].values
    ('cp1252', ';', ['codigo_dane', 'nombre'], 2, ['05', '=Antioquia'])
    >>> read_table(b"id,x\\n1,2\\n", name="p.csv", required=["nodo", "valor"])
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: p.csv:1: faltan las columnas «nodo», «valor» (columnas del archivo: id, x)
    """
    path = ""
    if isinstance(source, bytes):
        data, display = source, name or "datos.csv"
    else:
        file = Path(source)
        try:
            data = file.read_bytes()
        except OSError as err:
            raise InputError(f"no se pudo leer {file}: {err.strerror or err}") from err
        display, path = name or file.name, str(file)
    decoded = decode_evidence(data)
    lines = io.StringIO(decoded.text, newline="").readlines()  # \n, \r\n or \r: as editors count
    delimiter = sniff_delimiter(decoded.text[:65536])
    csv.field_size_limit(1 << 30)
    state: dict[str, int] = {}
    records = _csv_records(lines, delimiter, state)
    header_line, header_span = 1, 1
    try:
        header_line, raw_headers, _problem, header_span = next(records)
    except StopIteration:
        raw_headers = []
    controls = bool(_CONTROL.search(decoded.text))
    if controls:
        raw_headers = [control_free(h)[0] for h in raw_headers]
    table = Table(
        source=display,
        name=fold(Path(display).stem, sep="_"),
        headers=[fold(h, sep="_") for h in raw_headers],
        raw_headers=[h.strip() for h in raw_headers],
        encoding=decoded.encoding,
        delimiter=delimiter,
        path=path,
        aliases={fold(k, sep="_"): tuple(fold(a, sep="_") for a in v) for k, v in (aliases or {}).items()},
        lines=len(lines),
        header_lines=header_line + header_span - 1 if raw_headers else len(lines),
    )
    if decoded.note:
        table.warnings.append((decoded.line, "", decoded.note))
    # A file read with ``strict`` is one pat-graph wrote (an export, a decisions file): its
    # quoting is trusted, only a quote left open is an error. An analyst's file is judged
    # by its content too (see _swallows).
    state["width"] = 0 if strict else len(raw_headers)
    state["blank"] = 0
    shown = 0
    memo: dict[str, str] | None = {}
    for line, fields, problem, span in records:
        if problem and strict:
            raise InputError(f"{display}:{line}: {problem}")
        if controls:
            for i, value in enumerate(fields):
                if _CONTROL.search(value):
                    fields[i], found = control_free(value)
                    shown += 1
                    if shown <= MAX_WARNINGS_PER_KIND:
                        column = table.raw_headers[i] if i < len(table.raw_headers) else f"campo {i + 1}"
                        table.warnings.append((line, column, (
                            f"carácter(es) de control {', '.join(found)} quitado(s) del valor "
                            "(invisibles; romperían las exportaciones)")))
        values = [unguard(f) for f in fields]
        if memo is not None:  # repeated short values (ids, codes, vocabularies) share one str
            values = [memo.setdefault(v, v) if len(v) <= 40 else v for v in values]
            if len(memo) > MEMO_LIMIT:
                memo = None  # mostly unique values: sharing would cost more than it saves
        table.rows.append(Row(line, values, problem, span))
    if shown > MAX_WARNINGS_PER_KIND:
        table.warnings.append((0, "", f"… y {shown - MAX_WARNINGS_PER_KIND} valor(es) más con "
                                      "caracteres de control quitados"))
    table.blank = state["blank"]
    if not raw_headers:
        table.warnings.append((0, "", "archivo vacío: no tiene encabezado ni filas"))
    elif not table.rows:
        table.warnings.append((0, "", "el archivo solo tiene encabezado: ninguna fila de datos"))
    missing = [c for c in required if table.index(c) is None]
    if missing:
        found = ", ".join(h for h in table.raw_headers if h) or "ninguna"
        what = (f"falta la columna «{missing[0]}»" if len(missing) == 1 else
                "faltan las columnas " + ", ".join(f"«{c}»" for c in missing))
        raise InputError(f"{display}:1: {what} (columnas del archivo: {found})")
    return table
