"""Reading tables as analysts have them: CSV in UTF-8 (with or without BOM) or
Windows-1252, ``,`` / ``;`` / tab separated, and ``.xlsx`` workbooks.

Every table comes back as a :class:`Table`: folded headers, and rows that
remember the line (CSV) or sheet row (Excel) they came from.

CSV files are read by :func:`pat_graph.tables.read_table` (the one CSV reader).

Hostile or careless files are expected: a folder's files that no mapping reads
are skipped unread, special files (FIFO, device, a link to ``/dev/zero``) are
refused, a workbook that declares a million rows is read only as far as it has
data and up to its header's width, a corrupt workbook or a zip bomb is a clean
error naming the file (in a folder: reported, and the other files still load).
"""

from __future__ import annotations

import datetime as dt
import re
import stat
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pat_graph.errors import InputError
from pat_graph.ingest.archive import WORKBOOK_LIMITS, check_workbook
from pat_graph.tables import MAX_WARNINGS_PER_KIND, Row, Table, control_free, read_table
from pat_graph.text import fold

#: Cells (non-empty or not, up to the header's width) read from one sheet at most.
MAX_SHEET_CELLS = 30_000_000
#: Columns looked at to find a sheet's header (Excel has 16.384).
MAX_HEADER_COLUMNS = 2_000
#: Columns read past the header's width (to reject rows with cells beyond it).
EXTRA_COLUMNS = 20
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


@dataclass(slots=True)
class ReadLog:
    """What reading a set of paths skipped or could not read.

    ``problems``: (file, reason) of files that could not be read (they are
    rejects: their rows are lost until fixed); ``skipped``: files or sheets that
    no mapping reads, left unread; ``notes``: sub-folders, hidden and other files
    not read, said so the analyst knows.
    """

    problems: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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


def check_regular(path: Path) -> None:
    """Refuse anything that is not a regular file (after links): FIFO, device, socket.

    >>> check_regular(Path("/dev/null"))
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: null: no es un archivo normal (dispositivo de caracteres): no se lee
    """
    try:
        mode = path.stat().st_mode
    except OSError as err:
        raise InputError(f"{path.name}: no se pudo leer ({err.strerror or err})") from err
    if stat.S_ISREG(mode):
        return
    kind = ("FIFO" if stat.S_ISFIFO(mode) else "dispositivo de caracteres" if stat.S_ISCHR(mode)
            else "dispositivo de bloques" if stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode)
            else "carpeta" if stat.S_ISDIR(mode) else "archivo especial")
    raise InputError(f"{path.name}: no es un archivo normal ({kind}): no se lee")


def _check_zip(path: Path) -> None:
    """A workbook must be a zip whose parts do not inflate beyond reason (zip bombs) and
    declare no DTD (entity expansion): :func:`pat_graph.ingest.archive.check_workbook`."""
    check_workbook(path, WORKBOOK_LIMITS)


def read_xlsx(path: Path, wanted: Collection[str] | None = None,
              log: ReadLog | None = None) -> list[Table]:
    """Read the sheets of an ``.xlsx`` workbook (first non-empty row = headers).

    With ``wanted`` (folded sheet names) the other sheets are not parsed at all
    (listed in ``log.skipped``). A sheet is read only up to its header's width
    (plus a few columns, to reject rows with cells beyond it) and its last row
    with data, whatever its declared dimension; more than
    :data:`MAX_SHEET_CELLS` cells is an error. Any damage (truncated XML, bad
    shared-string index, non-numeric value, bad cell reference) is an
    :class:`InputError` naming the sheet.
    """
    try:
        import openpyxl  # noqa: F401  (a declared dependency: say how to install it)
    except ImportError as err:  # pragma: no cover - declared dependency
        raise InputError("para leer .xlsx instale openpyxl: pip install openpyxl") from err
    _check_zip(path)
    try:
        wb = _open_lazily(path)
    except Exception as err:  # openpyxl raises many unrelated types for bad files
        raise InputError(f"no se pudo abrir el libro {path.name}: {err}") from err
    tables: list[Table] = []
    try:
        for ws in wb.worksheets:
            source = f"{path.name}[{ws.title}]"
            if wanted is not None and fold(ws.title, sep="_") not in wanted:
                if log is not None:
                    log.skipped.append(source)
                continue
            try:
                table = _read_sheet(ws, path, source)
            except InputError:
                raise
            except Exception as err:  # damaged sheet XML: any parser or conversion error
                raise InputError(f"{source}: hoja ilegible, el libro está dañado "
                                 f"({type(err).__name__}: {err}); ábralo y guárdelo de nuevo "
                                 "en Excel") from err
            if table is not None:
                tables.append(table)
    finally:
        wb.close()
    return tables


def _open_lazily(path: Path):
    """The workbook in read-only mode without touching its sheets: openpyxl scans every
    sheet for its declared dimension when it opens a workbook (the whole sheet when
    there is none), so a damaged or huge sheet no mapping needs would cost its parse."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class LazySheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:  # the declared dimension is never trusted, so never read
            pass

    class LazyReader(ExcelReader):
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target not in self.valid_files or "chartsheet" in rel.Type:
                    continue
                ws = LazySheet(self.wb, sheet.name, rel.target, self.shared_strings)
                ws.sheet_state = sheet.state
                self.wb._sheets.append(ws)

    reader = LazyReader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _read_sheet(ws, path: Path, source: str) -> Table | None:
    ws.reset_dimensions()  # never trust <dimension ref="A1:XFD1048576">
    header: list[str] | None = None
    header_row = 0
    for number, values in enumerate(ws.iter_rows(values_only=True, max_col=MAX_HEADER_COLUMNS),
                                    start=1):
        cells = [_cell(v) for v in values]
        if any(c != "" for c in cells):
            header = [control_free(str(c))[0].strip() for c in cells]
            header_row = number
            break
        if number > MAX_SHEET_CELLS // MAX_HEADER_COLUMNS:
            break
    if header is None:
        return None
    while header and header[-1] == "":
        header.pop()
    table = Table(source=source, name=fold(ws.title, sep="_"),
                  headers=[fold(h, sep="_") for h in header], raw_headers=header,
                  encoding="xlsx", path=str(path), header_lines=header_row)
    width = len(header) + EXTRA_COLUMNS
    cap = MAX_SHEET_CELLS // width
    shown = 0
    number = header_row
    for number, values in enumerate(ws.iter_rows(min_row=header_row + 1, values_only=True,
                                                 max_col=width), start=header_row + 1):
        if number - header_row > cap:
            raise InputError(f"{source}: la hoja pasa de {cap:,} filas ({MAX_SHEET_CELLS:,} celdas "
                             "hasta el ancho del encabezado); divídala en varias hojas o "
                             "expórtela a CSV".replace(",", "."))
        cells = [_cell(v) for v in values]
        if all(c == "" for c in cells):
            table.blank += 1
            continue
        while cells and cells[-1] == "":
            cells.pop()
        for i, c in enumerate(cells):
            if isinstance(c, str):
                if "_x" in c:  # OOXML escapes (Excel writes a vertical tab as _x000B_)
                    c = cells[i] = _OOXML_ESCAPE.sub(lambda m: chr(int(m[1], 16)), c)
                clean, found = control_free(c)
                if found:
                    cells[i] = clean
                    shown += 1
                    if shown <= MAX_WARNINGS_PER_KIND:
                        column = header[i] if i < len(header) else f"columna {i + 1}"
                        table.warnings.append((number, column, (
                            f"carácter(es) de control {', '.join(found)} quitado(s) del valor "
                            "(invisibles; romperían las exportaciones)")))
        table.rows.append(Row(number, cells))
    table.lines = number
    if not table.rows:
        table.warnings.append((0, "", "la hoja solo tiene encabezado: ninguna fila de datos"))
    return table


def read_path(path: Path, wanted: Collection[str] | None = None,
              log: ReadLog | None = None) -> list[Table]:
    """Tables of a CSV file, an ``.xlsx`` workbook, or a folder of CSV files / workbooks.

    ``wanted``: folded table names some mapping reads; in a folder, CSV files and
    sheets with other names are skipped without being read (``log.skipped``). In
    a folder a file that cannot be read is reported in ``log.problems`` and the
    others are still read; sub-folders, hidden and other files go to ``log.notes``.
    A file named explicitly that cannot be read is an :class:`InputError`.
    """
    log = log if log is not None else ReadLog()
    if not path.exists() and not path.is_symlink():
        raise InputError(f"no existe: {path}")
    if path.is_dir():
        tables: list[Table] = []
        for child in sorted(path.iterdir()):
            suffix = child.suffix.lower()
            if child.name.startswith("~$"):
                log.notes.append(f"{child.name}: archivo temporal de Excel, no se lee")
                continue
            if child.name.startswith("."):
                log.notes.append(f"{child.name}: archivo oculto, no se lee")
                continue
            if child.is_dir():
                log.notes.append(f"{child.name}/: subcarpeta, no se lee (indique su ruta para "
                                 "cargarla)")
                continue
            if suffix not in (".csv", ".txt", ".xlsx"):
                log.notes.append(f"{child.name}: no es CSV ni .xlsx, no se lee")
                continue
            if suffix != ".xlsx" and wanted is not None and fold(child.stem, sep="_") not in wanted:
                log.skipped.append(child.name)
                continue
            try:
                check_regular(child)
                if suffix == ".xlsx":
                    tables.extend(read_xlsx(child, wanted, log))
                else:
                    tables.append(read_table(child))
            except InputError as err:
                log.problems.append((child.name, _without_name(str(err), child.name)))
        return tables
    check_regular(path)
    if path.suffix.lower() == ".xlsx":
        return read_xlsx(path, wanted, log)
    if path.suffix.lower() == ".xls":
        raise InputError(
            f"{path.name}: el formato .xls (Excel 97-2003) no se admite; "
            "guárdelo como .xlsx o como CSV desde Excel"
        )
    return [read_table(path)]


def _without_name(message: str, name: str) -> str:
    return message[len(name) + 2:] if message.startswith(name + ": ") else message


def disambiguate_sources(tables: list[Table]) -> None:
    """Tables of same-named files from different folders keep their folder in ``source``
    (reports and provenance would mix them up otherwise).

    >>> a, b = (Table("actores.csv", "actores", [], [], path=p) for p in ("x/a/actores.csv",
    ...                                                                   "x/b/actores.csv"))
    >>> disambiguate_sources([a, b]); a.source, b.source
    ('a/actores.csv', 'b/actores.csv')
    """
    counts = Counter(t.source for t in tables)
    for t in tables:
        if counts[t.source] > 1 and t.path:
            t.source = f"{Path(t.path).parent.name}/{t.source}"
    counts = Counter(t.source for t in tables)
    for t in tables:
        if counts[t.source] > 1 and t.path:
            t.source = str(Path(t.path).parent / Path(t.source).name)
