"""Reading tables as analysts have them: CSV in UTF-8 (with or without BOM) or
Windows-1252, ``,`` / ``;`` / tab separated, and ``.xlsx`` workbooks.

Every table comes back as a :class:`Table`: folded headers, and rows that
remember the line (CSV) or sheet row (Excel) they came from.

>>> t = read_csv_bytes(b"C\\xf3digo DANE;Nombre\\r\\n05;Antioquia\\r\\n", "x.csv")
>>> t.encoding, t.delimiter, t.headers, t.rows[0].line, t.rows[0].values
('cp1252', ';', ['codigo_dane', 'nombre'], 2, ['05', 'Antioquia'])
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pat_graph.errors import InputError
from pat_graph.text import fold


@dataclass(slots=True)
class Row:
    """One data row: its values (strings, or ``date``/``datetime`` from Excel cells) and its line."""

    line: int
    values: list
    problem: str = ""  # a reading problem that rejects the row (e.g. an unclosed quote)


@dataclass(slots=True)
class Table:
    """A table read from one CSV file or one sheet."""

    source: str  # display name: "actores.csv" or "libro.xlsx[actores]"
    name: str  # folded file stem or sheet name, used to pick the mapping
    headers: list[str]
    raw_headers: list[str]
    rows: list[Row] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""
    path: str = ""


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


def read_csv_bytes(data: bytes, source: str, path: str = "") -> Table:
    """Parse CSV bytes into a :class:`Table` (encoding and delimiter detected)."""
    text, encoding = decode(data)
    text = text.replace("\x00", "")
    delimiter = sniff_delimiter(text)
    csv.field_size_limit(1 << 30)
    records = _csv_records(text, delimiter)
    try:
        _, raw_headers, _problem = next(records)
    except StopIteration:
        raw_headers = []
    stem = Path(source).stem
    table = Table(
        source=source,
        name=fold(stem, sep="_"),
        headers=[fold(h, sep="_") for h in raw_headers],
        raw_headers=[h.strip() for h in raw_headers],
        encoding=encoding,
        delimiter=delimiter,
        path=path,
    )
    table.rows = [Row(line, fields, problem) for line, fields, problem in records]
    return table


def read_csv(path: Path) -> Table:
    """Read one CSV file."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"no se pudo leer {path}: {err.strerror or err}") from err
    return read_csv_bytes(data, path.name, str(path))


def _cell(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value  # keep a time of day
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def read_xlsx(path: Path) -> list[Table]:
    """Read every sheet of an ``.xlsx`` workbook (first non-empty row = headers)."""
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - declared dependency
        raise InputError("para leer .xlsx instale openpyxl: pip install openpyxl") from err
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many unrelated types for bad files
        raise InputError(f"no se pudo abrir el libro {path.name}: {err}") from err
    tables: list[Table] = []
    try:
        for ws in wb.worksheets:
            rows = ws.iter_rows(values_only=True)
            header: list[str] | None = None
            table: Table | None = None
            for number, values in enumerate(rows, start=1):
                cells = [_cell(v) for v in values]
                if all(c == "" for c in cells):
                    continue
                if header is None:
                    header = [str(c).strip() for c in cells]
                    while header and header[-1] == "":
                        header.pop()
                    table = Table(
                        source=f"{path.name}[{ws.title}]",
                        name=fold(ws.title, sep="_"),
                        headers=[fold(h, sep="_") for h in header],
                        raw_headers=header,
                        encoding="xlsx",
                        path=str(path),
                    )
                    continue
                assert table is not None
                table.rows.append(Row(number, cells))
            if table is not None:
                tables.append(table)
    finally:
        wb.close()
    return tables


def read_path(path: Path) -> list[Table]:
    """Tables of a CSV file, an ``.xlsx`` workbook, or a folder of CSV files / workbooks."""
    if not path.exists():
        raise InputError(f"no existe: {path}")
    if path.is_dir():
        tables: list[Table] = []
        for child in sorted(path.iterdir()):
            if child.name.startswith(("~$", ".")):
                continue  # Excel lock files, hidden files
            if child.suffix.lower() in (".csv", ".txt"):
                tables.append(read_csv(child))
            elif child.suffix.lower() == ".xlsx":
                tables.extend(read_xlsx(child))
        return tables
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path)
    if path.suffix.lower() == ".xls":
        raise InputError(
            f"{path.name}: el formato .xls (Excel 97-2003) no se admite; "
            "guárdelo como .xlsx o como CSV desde Excel"
        )
    return [read_csv(path)]
