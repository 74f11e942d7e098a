"""Core commands: ``demo``, ``load``, ``stats``."""

from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import (
    ProgressBar,
    emit,
    json_text,
    open_for_reading,
    output_options,
    store_option,
    terminal_lines,
    terminal_safe,
)
from pat_graph.errors import RejectedRowsError
from pat_graph.formatting import date_es, plural, seconds
from pat_graph.model import LABEL_ES, REL_ES, VOCABULARIES
from pat_graph.tables import write_csv

MAX_REJECTS_SHOWN = 50
REJECT_COLUMNS = ["archivo", "linea", "columna", "motivo", "tipo"]


def _n(value: int) -> str:
    """Spanish thousands separator: 42547 -> '42.547' (:func:`pat_graph.formatting.integer`)."""
    from pat_graph.formatting import integer

    return integer(value)


def _open(store: str | None):
    from pat_graph.store import open_store

    return open_store(store)


@click.command("demo")
@click.option("-o", "--salida", "--out", "out", type=click.Path(file_okay=False, path_type=Path), default=Path("demo"),
              show_default=True, help="Carpeta donde se escriben los datos y los resultados.")
@click.option("--semilla", "seed", type=int, default=None,
              help="Semilla del generador (mismo valor, mismos datos).")
@click.option("--escala", "scale", type=float, default=1.0, show_default=True,
              help="Factor de tamaño (1 = programa nacional; 10 = diez veces más actores y vínculos).")
@click.option("--departamento", "department", default=None,
              help="Departamento de la red interactiva (por defecto, el primero del índice de brechas).")
@click.option("--reemplazar", "replace", is_flag=True,
              help="Vaciar el almacén aunque tenga registros que no son de la demostración "
                   "(se borran). Sin esta opción, una demostración anterior se reemplaza y "
                   "cualquier otro registro detiene el comando sin tocar nada.")
@click.option("--sin-preparar", "--no-prepare", "no_prepare", is_flag=True,
              help="No preparar las fichas después de cargar (como en `pat-graph load`).")
@store_option
def demo_command(out: Path, seed: int | None, scale: float, department: str | None,
                 replace: bool, no_prepare: bool, store: str | None) -> None:
    """Genera un conjunto de datos PAT de ejemplo, lo carga y produce resumen, brechas y red.

    Escribe en --out: datos/ (CSV del formato de intercambio, se abren en Excel),
    resumen.md, brechas_departamentos.csv y una red interactiva HTML. Carga los datos
    en el almacén por defecto, de modo que `pat-graph stats`, `gaps` y `viz` funcionan
    después sin opciones. Nunca mezcla datos generados con registros propios: si el
    almacén ya tiene otros datos se detiene (código 4) sin tocarlos; use --almacen con
    otro archivo, o --reemplazar.

    \b
    Ejemplos:
      pat-graph demo --salida demo/
      pat-graph demo --salida demo/ --almacen demo.sqlite --semilla 7 --escala 10
    """
    from pat_graph.pipeline import run_demo

    with closing(_open(store)) as st, ProgressBar("Cargando en el almacén") as bar:
        result = run_demo(out, st, seed=seed, scale=scale, department=department,
                          on_start=bar.start, progress=bar.update, replace=replace)
    if result.replaced:
        click.echo(f"Se vació el almacén {st.location} antes de cargar (tenía "
                   f"{'otra demostración' if not replace else 'registros'}).")
    click.echo(f"Datos de ejemplo ({_n(result.rows)} filas) en {terminal_safe(str(result.data_dir))}")
    click.echo(f"Cargados en el almacén {st.location}: {_n(result.nodes)} nodos, "
               f"{_n(result.edges)} relaciones")
    for label, path in result.files.items():
        click.echo(f"{terminal_safe(label)}: {terminal_safe(str(path))}")
    spent = result.seconds
    if not no_prepare:
        t0 = time.perf_counter()
        if prepared := _prepare(st.location, "table"):
            click.echo(f"Fichas preparadas: {_n(prepared)} departamentos (`pat-graph ficha` "
                       "las lee sin recalcular).")
        spent += time.perf_counter() - t0
    click.echo(f"Listo en {seconds(spent)}. Siga con: pat-graph stats | pat-graph gaps | "
               "pat-graph ficha --departamento <nombre> | pat-graph serve")


@click.command("load")
@click.argument("paths", nargs=-1, required=True, metavar="RUTAS...",
                type=click.Path(exists=True, path_type=Path))
@click.option("--mapeo", "--mapping", "mapping_files", multiple=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Correspondencia loaders/*.toml para archivos con otro formato (repetible).")
@click.option("--simular", "--dry-run", "dry_run", is_flag=True, help="Solo validar y mostrar lo que se cargaría; no escribe.")
@click.option("--aceptar-rechazos", "--allow-rejects", "allow_rejects", is_flag=True,
              help="Terminar con estado 0 aunque haya filas rechazadas (las buenas se cargan igual).")
@click.option("--rechazos", "rejects_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Escribir todas las filas rechazadas y los avisos en este CSV (archivo, "
                   "línea, columna, motivo, tipo: rechazo o aviso).")
@click.option("--estricto", "strict", is_flag=True,
              help="Tratar cada aviso (columna o tipo de actor no reconocido, posible "
                   "duplicado) como un rechazo: esas filas no se cargan.")
@click.option("--sin-preparar", "--no-prepare", "no_prepare", is_flag=True,
              help="No preparar las fichas después de cargar (las calcula el primer "
                   "`pat-graph ficha`).")
@store_option
@output_options
def load_command(paths: tuple[Path, ...], mapping_files: tuple[Path, ...], dry_run: bool,
                 allow_rejects: bool, rejects_file: Path | None, strict: bool,
                 no_prepare: bool, store: str | None, fmt: str) -> None:
    """Carga archivos del formato de intercambio PAT (carpeta de CSV o libro .xlsx).

    Detecta codificación (UTF-8, Windows-1252) y separador (, ;) y reconoce las formas
    comunes de escribir cada columna y valor (Fecha de firma = fecha_firma, Cámara de
    comercio = camara_comercio; tabla en pat_graph/data/sinonimos.toml). Cada fila
    rechazada se informa como archivo:línea columna: motivo; lo que no se reconoce (una
    columna, un tipo de actor) es un aviso con la misma forma, y --estricto lo vuelve
    rechazo. En SQLite las filas buenas se cargan en una sola transacción (un fallo no deja
    nada a medias); en Neo4j por lotes, y una carga interrumpida se reanuda volviendo a
    correrla. Volver a cargar los mismos archivos no cambia nada ("sin cambios"). Estado de salida 3 si hubo rechazos
    (salvo --aceptar-rechazos). --simular no escribe nada, ni crea el almacén.
    Después de cargar prepara la ficha de cada departamento (con el índice de brechas y
    el modelo de recomendación) y la guarda en la carpeta de caché del usuario
    (~/.cache/pat-graph, nunca junto al almacén): `pat-graph ficha` la lee en vez de
    recalcular los análisis nacionales. --sin-preparar lo omite.
    El formato (archivos, columnas, valores, fechas) está en docs/data-contract.md;
    `pat-graph plantilla` escribe un libro .xlsx para llenar (sus filas EJEMPLO-… no
    se cargan).

    \b
    Ejemplos:
      pat-graph load datos/ --simular
      pat-graph load registros_pat.xlsx --almacen pat.sqlite
      pat-graph load datos/ --estricto --rechazos rechazos.csv
      pat-graph load --mapeo loaders/camaras_comercio.toml camaras.csv
    """
    from pat_graph.ingest import load_mapping, load_paths
    from pat_graph.store import default_store_location, store_exists

    mappings = [load_mapping(p) for p in mapping_files] or None
    location = store or default_store_location()
    # a dry run against a store that does not exist yet must not create it
    target = ":memory:" if dry_run and not store_exists(location) else location
    with closing(_open(target)) as st, ProgressBar("Cargando", enabled=fmt == "table") as bar:
        report = load_paths(list(paths), st, mappings=mappings, dry_run=dry_run,
                            on_start=bar.start, progress=bar.update, strict=strict)
        if target == location:
            location = st.location
    prepared = 0 if dry_run or no_prepare else _prepare(location, fmt)
    reject_rows = [{"archivo": r.source, "linea": r.line, "columna": r.column,
                    "motivo": r.reason, "tipo": "rechazo"} for r in report.rejects]
    reject_rows += [{"archivo": w.source, "linea": w.line, "columna": w.column,
                     "motivo": w.message, "tipo": "aviso"} for w in report.warnings]
    if rejects_file:
        write_csv(reject_rows, rejects_file, columns=REJECT_COLUMNS)
    if fmt == "json":
        click.echo(json_text(report.to_dict() | {"store": location, "prepared": prepared}))
    elif fmt in ("csv", "xlsx"):
        emit(reject_rows, fmt, columns=REJECT_COLUMNS, title="Rechazos y avisos de la carga",
             sheet="Rechazos y avisos")
    else:
        _print_load_report(report, location, rejects_file)
        if prepared:
            click.echo(f"Fichas preparadas: {_n(prepared)} departamentos (`pat-graph ficha` "
                       "las lee sin recalcular).")
    if report.rejects and not allow_rejects:
        raise RejectedRowsError(
            f"{plural(report.rows_rejected, 'fila rechazada', 'filas rechazadas')} de "
            f"{_n(report.rows_read)}"
            + (f" y {plural(unread, 'archivo que no se pudo leer', 'archivos que no se pudieron leer')}"
               if (unread := sum(1 for r in report.rejects if not r.line)) else "")
            + ("" if dry_run else "; las filas válidas sí se cargaron")
            + ". Corrija los archivos o use --aceptar-rechazos."
        )


def _prepare(location: str, fmt: str) -> int:
    """:func:`pat_graph.pipeline.prepare` on the store at ``location``, with a progress bar."""
    from pat_graph.pipeline import prepare

    with closing(_open(location)) as st, \
            ProgressBar("Preparando las fichas", threshold=1, enabled=fmt == "table") as bar:
        return prepare(st, on_start=bar.start, progress=bar.update)


def _print_load_report(report, location: str, rejects_file: Path | None) -> None:
    for t in report.tables:
        enc = f"{t.encoding}, '{t.delimiter}'" if t.delimiter else t.encoding
        click.echo(f"  {terminal_safe(t.source)} ({enc}): {plural(t.rows, 'fila', 'filas')}, "
                   f"{plural(t.accepted, 'aceptada', 'aceptadas')}"
                   + (f", {plural(t.rejected, 'rechazada', 'rechazadas')}" if t.rejected else ""))
    for name in report.ignored:
        click.echo(f"  {terminal_safe(name)}: ignorado (no corresponde a ninguna tabla conocida)")
    if report.examples:
        click.echo(f"  {plural(report.examples, 'fila de ejemplo (EJEMPLO-…) no se cargó', 'filas de ejemplo (EJEMPLO-…) no se cargaron')}")
    for note in report.notes:
        click.echo(f"  {terminal_safe(note)}")
    if report.warnings:
        click.secho(f"Avisos ({_n(len(report.warnings))}):", fg="yellow")
        for w in report.warnings[:MAX_REJECTS_SHOWN]:
            click.echo(f"  {terminal_lines(str(w))}")
        if len(report.warnings) > MAX_REJECTS_SHOWN:
            more = len(report.warnings) - MAX_REJECTS_SHOWN
            hint = f"; lista completa en {rejects_file}" if rejects_file else \
                "; use --rechazos ARCHIVO.csv para la lista completa"
            click.echo(f"  … y {_n(more)} más{hint}")
    if report.rejects:
        click.secho(f"Filas rechazadas ({plural(len(report.rejects), 'motivo', 'motivos')}):",
                    fg="red", err=True)
        for r in report.rejects[:MAX_REJECTS_SHOWN]:
            click.echo(f"  {terminal_lines(str(r))}", err=True)
        if len(report.rejects) > MAX_REJECTS_SHOWN:
            more = len(report.rejects) - MAX_REJECTS_SHOWN
            hint = f"; lista completa en {rejects_file}" if rejects_file else \
                "; use --rechazos ARCHIVO.csv para la lista completa"
            click.echo(f"  … y {_n(more)} más{hint}", err=True)
    nodes = sum(report.nodes_by_label.values())
    edges = sum(report.edges_by_type.values())
    if report.dry_run:
        click.echo(f"Simulación: se cargarían {_n(nodes)} nodos y {_n(edges)} relaciones en "
                   f"{location} (no se escribió nada).")
        for label, n in sorted(report.nodes_by_label.items()):
            click.echo(f"  {LABEL_ES.get(label, label)}: {_n(n)}")
    elif report.written is not None and not report.written.changed:
        click.echo(f"Sin cambios en {location}: sus {_n(nodes)} nodos y {_n(edges)} relaciones "
                   "ya estaban así (no cuenta como una carga nueva).")
    else:
        click.echo(f"Cargado en {location}: {_n(nodes)} nodos y {_n(edges)} relaciones de los "
                   "archivos (más los territorios DIVIPOLA de referencia).")


@click.command("stats")
@store_option
@output_options
def stats_command(store: str | None, fmt: str) -> None:
    """Resumen del grafo cargado: nodos y relaciones por tipo, actores por sector y la
    cobertura de registros de cada departamento (lo mismo que `pat-graph cobertura`).
    --xlsx escribe cada tabla en su hoja; --csv, la cobertura.

    \b
    Ejemplos:
      pat-graph stats
      pat-graph stats --json
      pat-graph stats --xlsx cobertura.xlsx
    """
    from pat_graph.analytics.records import STALE_MONTHS
    from pat_graph.cli.analytics import (
        COVERAGE_COLUMNS,
        COVERAGE_SHEET,
        coverage_headers,
        coverage_table,
        print_coverage,
    )
    from pat_graph.cli.common import emit_workbook, xlsx_sheet
    from pat_graph.summary import summarize

    with closing(open_for_reading(store)) as st:
        g = st.read_graph()
        summary = summarize(g)
        loads = st.stats().loads
        location = st.location
    if fmt == "json":
        click.echo(json_text(summary.to_dict() | {"store": location, "loads": loads}))
        return
    cov, coverage = coverage_table(g)  # the table of `pat-graph cobertura`
    months = STALE_MONTHS
    tables = [
        ("Nodos", [{"tipo": LABEL_ES.get(k, k), "n": v} for k, v in summary.nodes_by_label.items()],
         {"tipo": "Nodos", "n": "Cantidad"}),
        ("Relaciones", [{"tipo": REL_ES.get(k, k).capitalize(), "n": v}
                        for k, v in summary.edges_by_type.items()],
         {"tipo": "Relaciones", "n": "Cantidad"}),
        ("Actores por sector", [{"s": VOCABULARIES["sector"].get(k, k), "n": v}
                                for k, v in summary.actors_by_sector.items()],
         {"s": "Sector", "n": "Actores"}),
    ]
    if fmt == "xlsx":  # every table stats prints, one sheet each
        emit_workbook(fmt, [*(xlsx_sheet(name, rows, headers=heads) for name, rows, heads in tables),
                            xlsx_sheet(COVERAGE_SHEET, coverage, COVERAGE_COLUMNS,
                                       headers=coverage_headers(months))],
                      title=f"Resumen del almacén {location}")
        return
    if fmt == "csv":  # one table per CSV: the coverage, as `pat-graph cobertura --csv`
        emit(coverage, fmt, columns=COVERAGE_COLUMNS, headers=coverage_headers(months))
        return
    click.secho(f"Almacén: {location}", bold=True)
    if summary.nodes == 0:
        click.echo("El almacén está vacío. Cargue datos con `pat-graph load CARPETA` o "
                   "pruebe `pat-graph demo`.")
        return
    last = date_es(loads[-1]["loaded_at"]) + loads[-1]["loaded_at"][10:16].replace("T", " ") \
        if loads else "-"
    click.echo(f"{_n(summary.nodes)} nodos, {_n(summary.edges)} relaciones; "
               f"{plural(len(loads), 'carga', 'cargas')}, la última {last}\n")
    for _name, rows, heads in tables:
        emit(rows, "table", headers=heads)
        click.echo()
    print_coverage(cov, coverage, months)


COMMANDS = [demo_command, load_command, stats_command]
