"""Shared pieces of the CLI: error handling, the ``--store`` option, output formats.

Every command that prints data offers ``--json`` / ``--csv`` for scripts and a
Spanish table for people (:func:`output_options` + :func:`emit`).
"""

from __future__ import annotations

import csv
import functools
import json
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import click

from pat_graph.errors import PatGraphError


class FriendlyGroup(click.Group):
    """A group that turns every :class:`PatGraphError` into a Spanish message and exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PatGraphError as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            ctx.exit(err.exit_code)


HELP_TEXT = "Muestra esta ayuda y termina."


def spanish_help(command: click.Command) -> click.Command:
    """Give ``command`` (and its sub-commands) a Spanish ``-h/--help`` description."""
    original = command.get_help_option

    def get_help_option(ctx: click.Context) -> click.Option | None:
        option = original(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    command.get_help_option = get_help_option  # type: ignore[method-assign]
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            spanish_help(sub)
    return command


STORE_HELP = (
    "Almacén: ruta de un archivo SQLite o URI de Neo4j (bolt://, neo4j://, neo4j+s://). "
    "Por defecto PAT_GRAPH_STORE o ~/.local/share/pat-graph/pat-graph.sqlite. "
    "Credenciales de Neo4j: NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."
)


def store_option(f: Callable) -> Callable:
    """``--store LOCATION`` (also ``PAT_GRAPH_STORE``)."""
    return click.option(
        "--store", "store", envvar="PAT_GRAPH_STORE", default=None, metavar="RUTA|URI",
        help=STORE_HELP,
    )(f)


def output_options(f: Callable) -> Callable:
    """``--json`` / ``--csv`` flags, passed to the command as ``fmt`` ('table', 'json', 'csv')."""

    @click.option("--json", "fmt", flag_value="json", help="Salida JSON (para scripts).")
    @click.option("--csv", "fmt", flag_value="csv", help="Salida CSV (para Excel y scripts).")
    @functools.wraps(f)
    def wrapper(*args: Any, fmt: str | None = None, **kwargs: Any) -> Any:
        return f(*args, fmt=fmt or "table", **kwargs)

    return wrapper


def emit(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
    title: str | None = None,
    payload: Any = None,
) -> None:
    """Print ``rows`` as a table (Spanish headers), JSON or CSV.

    ``payload`` replaces ``rows`` in JSON output when the JSON form is richer.
    """
    cols = list(columns or (rows[0].keys() if rows else []))
    if fmt == "json":
        click.echo(json.dumps(rows if payload is None else payload, ensure_ascii=False,
                              indent=2, default=str))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(cols)
        for row in rows:
            writer.writerow([csv_safe(row.get(c)) for c in cols])
        return
    if title:
        click.secho(title, bold=True)
    click.echo(format_table(rows, cols, headers or {}))


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> str:
    r"""A CSV cell that Excel / LibreOffice will not run as a formula: text starting
    with ``= + - @`` (or tab / CR) gets a leading ``'``; numbers stay numbers.

    >>> print(csv_safe('=HYPERLINK("http://x","y")'), csv_safe(-3), csv_safe("-3"))
    '=HYPERLINK("http://x","y") -3 -3
    """
    text = _cell(value)
    if isinstance(value, str) and text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float):  # es-CO: 0,016 · 10,3 · 3.695
        from pat_graph.formatting import number

        return number(value, 3) if abs(value) < 1000 else number(value, 0)
    if isinstance(value, int):
        from pat_graph.formatting import integer

        return integer(value)
    if isinstance(value, list | tuple | set):
        return ", ".join(str(v) for v in value)
    return str(value)


def format_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    headers: Mapping[str, str],
    width: int | None = None,
) -> str:
    """A plain-text table, columns aligned, for terminals. When the table is wider
    than ``width`` (default: the terminal's), the widest column is wrapped.

    >>> print(format_table([{"a": 1, "b": "x"}], ["a", "b"], {"a": "Cantidad"}))
    Cantidad  b
    --------  -
    1         x
    >>> print(format_table([{"a": 1, "b": "uno dos tres cuatro"}], ["a", "b"], {}, width=12))
    a  b
    -  ---------
    1  uno dos
       tres
       cuatro
    """
    rows = list(rows)
    head = [headers.get(c, c) for c in columns]
    body = [[terminal_safe(_cell(r.get(c))) for c in columns] for r in rows]
    widths = [max([len(h)] + [len(b[i]) for b in body]) for i, h in enumerate(head)]
    limit = width or shutil.get_terminal_size((120, 24)).columns
    total = sum(widths) + 2 * (len(widths) - 1)
    wrap_col = None
    if widths and total > limit:
        wrap_col = max(range(len(widths)), key=lambda i: widths[i])
        room = max(limit - (total - widths[wrap_col]), 20 if width is None else 1)
        widths[wrap_col] = max(room, len(head[wrap_col]))
    lines = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for b in body:
        cells = [[c] for c in b]
        if wrap_col is not None:
            cells[wrap_col] = textwrap.wrap(b[wrap_col], widths[wrap_col]) or [""]
        for k in range(max(len(c) for c in cells)):
            parts = [(c[k] if k < len(c) else "").ljust(w)
                     for c, w in zip(cells, widths, strict=True)]
            lines.append("  ".join(parts).rstrip())
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
