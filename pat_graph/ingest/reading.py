"""Reading tables as analysts have them: CSV in UTF-8 (with or without BOM) or
Windows-1252, ``,`` / ``;`` / tab separated, and ``.xlsx`` workbooks.

Every table comes back as a :class:`Table`: folded headers, and rows that
remember the line (CSV) or sheet row (Excel) they came from.

CSV files are read by :func:`pat_graph.tables.read_table` (the one CSV reader).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pat_graph.errors import InputError
from pat_graph.tables import Row, Table, read_table
from pat_graph.text import fold


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
                tables.append(read_table(child))
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
    return [read_table(path)]
