"""Shared pieces of the CLI: error handling, the ``--almacen`` option, output formats.

Every command that prints data offers ``--json`` / ``--csv`` for scripts and a
Spanish table for people (:func:`output_options` + :func:`emit`).
"""

from __future__ import annotations

import functools
import io
import json
import os
import shutil
import stat
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import click

from pat_graph.errors import InputError, PatGraphError
from pat_graph.formatting import quantity
from pat_graph.tables import write_csv


class FriendlyGroup(click.Group):
    """A group that turns every :class:`PatGraphError` into a Spanish message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PatGraphError as err:
            click.secho(f"Error: {terminal_lines(str(err))}", fg="red", err=True)
            ctx.exit(err.exit_code)


HELP_TEXT = "Muestra esta ayuda y termina."


#: Spanish names of Click's value types in help texts (``--primeros ENTERO``).
_METAVAR_ES: dict[type, str] = {
    click.types.IntParamType: "ENTERO", click.IntRange: "ENTERO",
    click.types.FloatParamType: "NÚMERO", click.FloatRange: "NÚMERO",
    click.types.StringParamType: "TEXTO",
}


def spanish_help(command: click.Command) -> click.Command:
    """Give ``command`` (and its sub-commands) a Spanish ``-h/--help`` and usage line.

    Click's own messages are translated by :mod:`pat_graph.cli.spanish`.
    """
    original = command.get_help_option

    def get_help_option(ctx: click.Context) -> click.Option | None:
        option = original(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    command.options_metavar = "[OPCIONES]"
    for param in command.params:  # Click names value types in English (INTEGER, TEXT ...)
        if isinstance(param, click.Option) and param.metavar is None and not param.is_flag:
            es = _METAVAR_ES.get(type(param.type))
            if es:
                param.metavar = es
    if isinstance(command, click.Group):
        command.subcommand_metavar = "COMANDO [ARGUMENTOS]..."
        for sub in command.commands.values():
            spanish_help(sub)
    return command


class DateParam(click.ParamType):
    """A date option (``--fecha-corte``, ``--comparar``): any form
    :func:`pat_graph.dates.parse_date` reads (``2024-12-31``, ``31/12/2024``,
    ``2024``, an Excel serial), passed on as ``YYYY-MM-DD``. A bad date is an
    :class:`~pat_graph.errors.InputError` naming the option (a Spanish message).

    >>> DATE.convert("31/12/2024", None, None)
    '2024-12-31'
    """

    name = "fecha"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from pat_graph.dates import DateError, parse_date

        try:
            return parse_date(value, keep_time=False)
        except DateError as err:
            where = f"{param.opts[0]}: " if param is not None and param.opts else ""
            raise DateError(f"{where}{err}") from err


#: The date option type of every command.
DATE = DateParam()


STORE_HELP = (
    "Almacén: ruta de un archivo SQLite o URI de Neo4j (bolt://, neo4j://, neo4j+s://). "
    "Por defecto PAT_GRAPH_STORE o ~/.local/share/pat-graph/pat-graph.sqlite. "
    "Credenciales de Neo4j: NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."
)


def store_option(f: Callable) -> Callable:
    """``--almacen LOCATION`` (also ``PAT_GRAPH_STORE``)."""
    return click.option(
        "--almacen", "--store", "store", envvar="PAT_GRAPH_STORE", default=None, metavar="RUTA|URI",
        help=STORE_HELP,
    )(f)


class OutputFormat(str):
    """The ``fmt`` a command receives: ``'table'``, ``'json'``, ``'csv'`` or ``'xlsx'``
    (a plain string for the command), with ``path`` the ``--xlsx`` workbook."""

    path: str | None = None

    def __new__(cls, value: str, path: str | None = None) -> OutputFormat:
        self = super().__new__(cls, value)
        self.path = path
        return self


def open_for_reading(store: str | None) -> Any:
    """The store of a command that only reads it (stats, gaps, ficha, export ...): a
    SQLite path that does not exist stops with a Spanish error (exit 4) and creates
    nothing. Only ``load``, ``init`` and ``demo`` create a store.

    >>> open_for_reading("/no/such/pat.sqlite")
    Traceback (most recent call last):
    pat_graph.errors.StoreError: el almacén /no/such/pat.sqlite no existe (¿ruta mal escrita?); no se creó nada. Un almacén se crea al cargar datos: pat-graph load CARPETA --almacen /no/such/pat.sqlite (o pat-graph demo --almacen /no/such/pat.sqlite)
    """
    from pat_graph.store import open_store

    return open_store(store, create=False)


#: The one help text of ``--csv`` (every command that offers it).
CSV_HELP = ("Salida CSV estándar para scripts y otros programas: separada por comas, punto "
            "decimal, fechas AAAA-MM-DD, UTF-8 con BOM. Para abrir en Excel use --xlsx.")


def output_options(f: Callable) -> Callable:
    """``--json`` / ``--csv`` flags and ``--xlsx RUTA``, passed to the command as ``fmt``
    (an :class:`OutputFormat`: 'table', 'json', 'csv' or 'xlsx'); :func:`emit` writes it."""

    @click.option("--json", "fmt", flag_value="json", help="Salida JSON (para scripts).")
    @click.option("--csv", "fmt", flag_value="csv", help=CSV_HELP)
    @click.option("--xlsx", "xlsx", default=None, metavar="RUTA",
                  help="Escribe la tabla en un libro de Excel (encabezados en español, "
                       "números y fechas como tales, fila de encabezado fija).")
    @functools.wraps(f)
    def wrapper(*args: Any, fmt: str | None = None, xlsx: str | None = None,
                **kwargs: Any) -> Any:
        if xlsx is not None and fmt is not None:
            raise InputError(f"--xlsx no se combina con --{fmt}: elija un formato")
        out = OutputFormat("xlsx", xlsx) if xlsx is not None else OutputFormat(fmt or "table")
        return f(*args, fmt=out, **kwargs)

    return wrapper


def _stdout_is_file() -> bool:
    """Whether stdout is redirected to a regular file (``> tabla.csv``)."""
    try:
        return stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


def emit(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
    title: str | None = None,
    payload: Any = None,
    machine_keys: bool = False,
    sheet: str = "Datos",
    kinds: Mapping[str, str] | None = None,
) -> None:
    """Print ``rows`` as a table, JSON or CSV, or write them to the ``--xlsx`` workbook.

    ``sheet`` is the workbook's sheet: a short fixed Spanish name of the command's table
    (``Brechas``, ``Actores puente``), never its title cut to Excel's 31 characters; the
    ``title`` goes to the workbook's properties. ``kinds`` gives a key a more precise
    kind of number in this table (``score`` is the 0–100 index in ``gaps``), as
    ``headers`` its header: the number is shown (table) or formatted (workbook) by the
    rule of decimals of :mod:`pat_graph.formatting`.

    Table, CSV and XLSX read the one column registry (:mod:`pat_graph.columns`): Spanish
    headers (``headers`` only where a key names something more precise in this table,
    ``name`` → ``Acuerdo``) and coded values by their Spanish label (``publico`` →
    ``Público``); the table also shows dates ``DD/MM/AAAA`` and shares as percentages.
    CSV (:func:`pat_graph.tables.write_csv`) is always UTF-8 with a BOM (Excel opens it
    with the accents right); the workbook (:func:`pat_graph.tables.write_xlsx`) keeps
    numbers as numbers and dates as dates. ``machine_keys`` keeps the keys and codes in
    CSV too, for a file the program reads back (``resolver --decisiones``).

    JSON keeps the machine keys and codes; ``payload`` replaces ``rows`` in it when the
    JSON form is richer. JSON is standard JSON: a float that is not finite (``nan``,
    ``inf``) is ``null`` (:func:`pat_graph.export.json_ready`), never a bare ``NaN``. CSV
    to a terminal or a pipe shows control characters escaped (:func:`terminal_safe`: an
    escape sequence in a name cannot recolour or move the terminal); redirected to a
    file (``> tabla.csv``) it keeps the data as it is.
    """
    from pat_graph.columns import display_rows
    from pat_graph.columns import headers as column_headers

    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        click.echo(json_text(rows if payload is None else payload))
        return
    heads = column_headers(cols, headers)
    if fmt == "csv":
        to_file = _stdout_is_file()
        if not machine_keys:
            rows = display_rows(rows, cols)
        if not to_file:
            rows = [{k: terminal_safe(v) if isinstance(v, str) else v for k, v in r.items()}
                    for r in rows]
        write_csv(rows, sys.stdout, columns=cols, headers=None if machine_keys else heads,
                  bom=True)
        return
    if fmt == "xlsx":
        emit_workbook(fmt, [xlsx_sheet(sheet, rows, cols, headers=headers, kinds=kinds)],
                      title=title)
        return
    if title:
        click.secho(textwrap.fill(terminal_safe(title), max(terminal_width() - 1, 20),
                                  break_long_words=False, break_on_hyphens=False), bold=True)
    click.echo(format_table(display_rows(rows, cols, table=True, kinds=kinds), cols, heads))


def xlsx_sheet(name: str, rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None,
               *, headers: Mapping[str, str] | None = None,
               kinds: Mapping[str, str] | None = None) -> Any:
    """One sheet of an ``--xlsx`` workbook as :func:`emit` writes it: Spanish headers and
    labels of the column registry, numbers with the number format of their kind."""
    from pat_graph.columns import display_rows, excel_formats
    from pat_graph.columns import headers as column_headers
    from pat_graph.tables import Sheet

    cols = list(columns or (rows[0].keys() if rows else []))
    return Sheet(name, display_rows(rows, cols), cols, column_headers(cols, headers),
                 excel_formats(cols, kinds))


def emit_workbook(fmt: str, sheets: Sequence[Any], *, title: str | None = None) -> None:
    """Write the ``--xlsx`` workbook of ``fmt`` (its path) with ``sheets``
    (:func:`xlsx_sheet`), ``title`` in its properties, and say where on stderr."""
    from pat_graph.formatting import plural
    from pat_graph.tables import write_workbook

    path = getattr(fmt, "path", None)
    if not path:
        raise InputError("--xlsx necesita la ruta del libro (p. ej. --xlsx tabla.xlsx)")
    out = write_workbook(sheets, path, title=title)
    n = sum(len(s.rows) for s in sheets)
    where = f" ({plural(len(sheets), 'hoja', 'hojas')})" if len(sheets) > 1 else ""
    click.echo(f"{plural(n, 'fila', 'filas')}{where} en {out}", err=True)


def json_text(payload: Any) -> str:
    """What every ``--json`` prints: standard JSON, ``nan``/``inf`` as ``null``
    (:func:`pat_graph.export.json_ready`), other objects (dates, paths) as text.

    >>> print(json_text({"share": float("nan"), "n": 2}))
    {
      "share": null,
      "n": 2
    }
    """
    from pat_graph.export import json_ready

    return json.dumps(json_ready(payload), ensure_ascii=False, indent=2, default=str,
                      allow_nan=False)


def terminal_safe(text: str) -> str:
    r"""Text for a terminal: control characters (escape sequences, NUL ...) are shown
    escaped instead of being interpreted; tabs and line breaks become spaces.

    >>> print(terminal_safe("rojo\x1b[31m\tok"))
    rojo\x1b[31m ok
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else (" " if c in "\t\n\r" else repr(c)[1:-1])
                   for c in text)


def terminal_lines(text: str) -> str:
    r""":func:`terminal_safe` line by line: a message's own line breaks stay.

    >>> print(terminal_lines("no existe 'A\x1b[2J'\n¿Quiso decir: A?"))
    no existe 'A\x1b[2J'
    ¿Quiso decir: A?
    """
    return "\n".join(terminal_safe(line) for line in text.split("\n"))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, int | float):  # es-CO: 0,016 · 10,3 · 3.695
        return quantity(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


#: Spaces between two columns.
GAP = 2


def terminal_width(default: int = 120) -> int:
    """Columns of the terminal (``COLUMNS`` first, as :func:`shutil.get_terminal_size`
    reads it); ``default`` when the output is not a terminal."""
    return shutil.get_terminal_size((default, 24)).columns


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def fit_widths(natural: Sequence[int], minimum: Sequence[int], room: int) -> list[int]:
    """Column widths that fit ``room`` characters: every column keeps its ``natural``
    width when all fit; otherwise the widest columns are capped at one common level,
    as high as fits, but never below their ``minimum`` (the longest word, so that no
    word is split: the table may then be wider than ``room``).

    >>> fit_widths([10, 40, 30], [4, 6, 5], 90), fit_widths([10, 40, 30], [4, 6, 5], 50)
    ([10, 40, 30], [10, 20, 20])
    >>> fit_widths([10, 40, 30], [4, 12, 5], 12)
    [4, 12, 5]
    """
    natural = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    if sum(natural) <= room:
        return natural

    def widths(level: int) -> list[int]:
        return [max(m, min(n, level)) for n, m in zip(natural, minimum, strict=True)]

    lo, hi = 0, max(natural)  # widths(lo) may not fit; widths(hi) is natural
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(widths(mid)) <= room:
            lo = mid
        else:
            hi = mid - 1
    out = widths(lo)
    spare = room - sum(out)  # hand what the common level leaves to the capped columns
    for i, n in enumerate(natural):
        if spare <= 0:
            break
        if out[i] < n:
            out[i] += 1
            spare -= 1
    return out


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def format_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    headers: Mapping[str, str],
    width: int | None = None,
) -> str:
    """A plain-text table, columns aligned, for terminals: numbers the es-CO way and
    headers from ``headers`` (Spanish). When the table is wider than ``width`` (default:
    the terminal's, ``COLUMNS`` honoured) the widest columns are wrapped on spaces
    (headers too), several if need be; a word is never split.

    >>> print(format_table([{"a": 1500, "b": "x"}], ["a", "b"], {"a": "Cantidad"}))
    Cantidad  b
    --------  -
    1.500     x
    >>> print(format_table([{"a": 0.25, "b": "uno dos tres cuatro"}], ["a", "b"], {}, width=13))
    a     b
    ----  -------
    0,25  uno dos
          tres
          cuatro
    """
    rows = list(rows)
    head = [terminal_safe(str(headers.get(c, c))) for c in columns]
    body = [[terminal_safe(_cell(r.get(c))) for c in columns] for r in rows]
    natural = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(head)]
    minimum = [max([_longest_word(h)] + [_longest_word(b[i]) for b in body])
               for i, h in enumerate(head)]
    limit = width or terminal_width()
    widths = fit_widths(natural, minimum, limit - GAP * (len(columns) - 1))

    def lines_of(cells: list[str]) -> list[str]:
        parts = [[c] if len(c) <= w else _wrap(c, w) for c, w in zip(cells, widths, strict=True)]
        return ["  ".join((p[k] if k < len(p) else "").ljust(w)
                          for p, w in zip(parts, widths, strict=True)).rstrip()
                for k in range(max((len(p) for p in parts), default=1))]

    lines = lines_of(head)
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        lines.extend(lines_of(b))
    if not body:
        lines.append("(sin resultados)")
    return "\n".join(lines)


class ProgressBar:
    """A progress bar on stderr that appears only for long work (``threshold`` records).

    Pass ``bar.start`` as ``on_start`` and ``bar.update`` as ``progress`` to library calls.
    """

    def __init__(self, label: str, *, threshold: int = 3000, enabled: bool = True) -> None:
        self.label = label
        self.threshold = threshold
        self.enabled = enabled
        self._bar: Any = None

    def start(self, total: int) -> None:
        if self.enabled and total >= self.threshold and self._bar is None:
            self._bar = click.progressbar(length=total, label=self.label,
                                          file=sys.stderr)
            self._bar.__enter__()

    def update(self, n: int) -> None:
        if self._bar is not None:
            self._bar.update(n)

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None
