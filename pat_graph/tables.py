"""The one CSV reader and the one CSV writer of pat-graph.

Every CSV the program reads goes through :func:`read_table`: data loads,
resolver decision files, ``write-scores`` files, recommendation files for
``viz``, the CSV export read back. Every CSV it writes goes through
:func:`write_csv`: ``--csv`` of every command, ``export --formato csv``, the
pipeline's tables, the rejects file; every workbook (``--xlsx``) through
:func:`write_xlsx`.

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


def write_xlsx(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    path: str | Path,
    *,
    columns: Sequence[str],
    headers: Mapping[str, str] | None = None,
    sheet: str = "Datos",
) -> Path:
    """Write ``rows`` as an Excel workbook at ``path`` (its folder created; returned):
    one sheet, a bold header row ``headers.get(c, c)`` frozen at the top with a filter,
    column widths fitted to their text (at most :data:`XLSX_MAX_WIDTH`), numbers as
    numbers, dates as dates shown ``DD/MM/AAAA`` (:func:`xlsx_value`). The twin of
    :func:`write_csv` for ``--xlsx`` of every tabular command.

    >>> import os, tempfile, openpyxl
    >>> p = write_xlsx([{"n": "Bogotá", "v": 2.5, "d": "2024-05-01"}],
    ...                os.path.join(tempfile.mkdtemp(), "x.xlsx"), columns=["n", "v", "d"],
    ...                headers={"n": "Nombre"})
    >>> ws = openpyxl.load_workbook(p).active
    >>> [c.value for c in ws[1]], ws["B2"].value, ws["C2"].is_date, ws.freeze_panes
    (['Nombre', 'v', 'd'], 2.5, True, 'A2')
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    cols = list(columns)
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = sheet[:31]
    head = [str((headers or {}).get(c, c)) for c in cols]
    ws.append(head)
    widths = [len(h) for h in head]
    for row in rows:
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
            elif isinstance(v, int):
                cell.number_format = "#,##0"
                widths[i] = max(widths[i], len(f"{v:,}"))
            elif isinstance(v, float):
                widths[i] = max(widths[i], len(f"{v:g}"))
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


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM or not) or, failing that, Windows-1252.

    >>> decode("Bogotá".encode("utf-8-sig")), decode("Bogotá".encode("cp1252"))
    (('Bogotá', 'utf-8-sig'), ('Bogotá', 'cp1252'))
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # a truncated export (odd length) must not crash the load: U+FFFD marks the damage
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves 5 bytes undefined; Latin-1 maps them, so nothing is lost.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


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


def _csv_records(
    text: str, delimiter: str, offset: int = 0
) -> Iterator[tuple[int, list[str], str]]:
    """Yield (first line number, fields, problem) of every record, blank lines skipped.

    A quote opened and never closed swallows every following line into one field.
    That record is cut back to its first line (rejected, ``problem`` says why) and
    the lines after it are read again as records, so no row is silently lost.
    """
    lines = io.StringIO(text, newline="").readlines()  # \n, \r\n or \r: as editors count
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
        if previous_end > start and "".join(lines[start - 1:previous_end]).count('"') % 2:
            first = lines[start - 1]
            yield offset + start, next(csv.reader([first], delimiter=delimiter), []), (
                f"comilla (\") sin cerrar: las líneas {offset + start}-{offset + previous_end} "
                "quedarían dentro de un solo campo; se leen aparte")
            yield from _csv_records("".join(lines[start:previous_end]), delimiter,
                                    offset + start)
            continue
        if not fields or all(not f.strip() for f in fields):
            continue
        yield offset + start, fields, ""


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
    ``problem``. ``name`` is the display name of bytes (default ``datos.csv``).

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
    text, encoding = decode(data)
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(1 << 30)
    records = _csv_records(text, delimiter)
    try:
        _, raw_headers, _problem = next(records)
    except StopIteration:
        raw_headers = []
    table = Table(
        source=display,
        name=fold(Path(display).stem, sep="_"),
        headers=[fold(h, sep="_") for h in raw_headers],
        raw_headers=[h.strip() for h in raw_headers],
        encoding=encoding,
        delimiter=delimiter,
        path=path,
        aliases={fold(k, sep="_"): tuple(fold(a, sep="_") for a in v) for k, v in (aliases or {}).items()},
    )
    for line, fields, problem in records:
        if problem and strict:
            raise InputError(f"{display}:{line}: {problem}")
        table.rows.append(Row(line, [unguard(f) for f in fields], problem))
    missing = [c for c in required if table.index(c) is None]
    if missing:
        found = ", ".join(h for h in table.raw_headers if h) or "ninguna"
        what = (f"falta la columna «{missing[0]}»" if len(missing) == 1 else
                "faltan las columnas " + ", ".join(f"«{c}»" for c in missing))
        raise InputError(f"{display}:1: {what} (columnas del archivo: {found})")
    return table
