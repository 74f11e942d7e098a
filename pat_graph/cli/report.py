"""``pat-graph ficha`` (ficha diagnóstico departamental, HTML/PDF) and ``pat-graph export``
(GraphML, GEXF, CSV, JSON). Thin shells over :mod:`pat_graph.report` and
:mod:`pat_graph.export`."""

from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import (
    DATE,
    ProgressBar,
    emit,
    open_for_reading,
    output_options,
    store_option,
    terminal_lines,
)
from pat_graph.errors import InputError
from pat_graph.formatting import plural, seconds


def _graph_and_loads(store: str | None, keep_answers: bool = False):
    """The store's graph and loads; with ``keep_answers`` the graph carries the
    store's kept answers (:mod:`pat_graph.answers`: the recommender's model)."""
    from pat_graph import answers

    with closing(open_for_reading(store)) as st:
        g = answers.read_graph(st) if keep_answers else st.read_graph()
        return g, st.stats().loads


@click.command("ficha")
@click.option("--departamento", "department", metavar="CÓDIGO|NOMBRE",
              help="Departamento de la ficha (código DANE o nombre).")
@click.option("--todas", "all_", is_flag=True,
              help="Las fichas de todos los departamentos y una página índice con el "
                   "ranking nacional y el mapa (-o es una carpeta).")
@click.option("-o", "--salida", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="Archivo .html de la ficha, o carpeta con --todas.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Además, imprimir cada ficha a PDF con Chromium (si está instalado): "
                   "la ficha completa (.pdf) y el resumen de 2 páginas (_resumen.pdf).")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el estado del grafo en esa fecha (por defecto, hoy).")
@store_option
def ficha_command(department: str | None, all_: bool, out: Path, pdf: bool,
                  as_of: str | None, store: str | None) -> None:
    """Ficha diagnóstico departamental: un HTML autocontenido e imprimible.

    Dos páginas para el director (A4, numeradas, con departamento y fecha de
    corte): cifras clave, mapa de ubicación, actores por sector, índice de brechas
    y su puesto, las cinco brechas que más pesan y qué significan, el estado de
    los cinco tipos de instancia e instrumento, el circuito Nación–Territorio de
    los programas, cinco acuerdos propuestos y qué hacer. Luego los anexos: listas
    completas de actores, miembros, instrumentos, acuerdos, eventos, todas las
    brechas, red y fuentes. Funciona sin internet. Con --pdf imprime también a PDF.

    \b
    Ejemplos:
      pat-graph ficha --departamento Meta -o ficha_meta.html
      pat-graph ficha --departamento 27 --fecha-corte 2024-12-31 --pdf -o ficha_choco.html
      pat-graph ficha --todas -o fichas/
    """
    from pat_graph import report

    if bool(department) == all_:
        raise InputError("Indique --departamento X o --todas (uno de los dos).")
    if not all_ and Path(out).suffix.lower() != ".html":  # said before any work
        raise InputError(f"El archivo de salida debe terminar en .html: {out}")
    t0 = time.perf_counter()
    g, loads = _graph_and_loads(store, keep_answers=True)
    if all_:
        with ProgressBar("Fichas", threshold=2) as bar:
            paths = report.write_fichas(g, out, as_of=as_of, loads=loads,
                                        on_start=bar.start, progress=bar.update)
        click.echo(f"{plural(len(paths) - 1, 'ficha', 'fichas')} y el índice en {out} "
                   f"({seconds(time.perf_counter() - t0)}). Abra {paths[-1]}")
        targets = paths[:-1]
    else:
        path = report.write_ficha(g, department, out, as_of=as_of, loads=loads)
        click.echo(f"Ficha escrita en {path} ({seconds(time.perf_counter() - t0)})")
        targets = [path]
    if pdf:
        if not report.pdf_available():
            raise report.PdfUnavailableError(report.pdf.MISSING_MESSAGE)
        full = report.to_pdfs([(p, p.with_suffix(".pdf")) for p in targets])
        summaries = report.to_pdfs([(p, p.with_name(p.stem + "_resumen.pdf")) for p in targets],
                                   summary_only=True)
        click.echo(f"{plural(len(targets), 'PDF completo', 'PDF completos')} y "
                   f"{plural(len(summaries), 'resumen', 'resúmenes')} de 2 páginas "
                   "junto a los HTML" + (f": {full[0]} y {summaries[0]}" if len(targets) == 1
                                         else ""))


@click.command("export")
@click.option("--formato", "kind", required=True,
              type=click.Choice(["graphml", "gexf", "csv", "json", "pat"]),
              help="graphml/gexf (Gephi, con colores por sector), csv (carpeta con "
                   "nodos.csv y relaciones.csv para Excel), json (node-link) o pat (los "
                   "registros en el formato de intercambio: carpeta de CSV o libro .xlsx "
                   "que `pat-graph load` vuelve a cargar).")
@click.option("-o", "--salida", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="Archivo de salida (una carpeta para csv; carpeta o .xlsx para pat).")
@click.option("--departamento", "department", metavar="CÓDIGO|NOMBRE", default=None,
              help="Solo con --formato pat: los registros de un departamento y los que "
                   "ellos citan (actores nacionales, programas y sus entidades).")
@store_option
@output_options
def export_command(kind: str, out: Path, department: str | None, store: str | None,
                   fmt: str) -> None:
    """Exportar el grafo para Gephi, Excel o scripts, o los registros en el formato PAT.

    GraphML y GEXF abren en Gephi con el nombre de cada nodo como etiqueta y el
    color de su sector; CSV escribe nodos.csv, relaciones.csv y columnas.csv en
    UTF-8 con BOM (Excel muestra las tildes) y neutraliza las celdas que Excel
    tomaría por fórmulas (=, +, -, @); JSON es el formato node-link de networkx.
    PAT escribe actores, instancias, participaciones … con los encabezados del
    contrato (docs/data-contract.md): corrija en Excel y vuelva a cargar con
    `pat-graph load`; cargado en un almacén vacío da el mismo grafo.

    \b
    Ejemplos:
      pat-graph export --formato gexf -o pat.gexf
      pat-graph export --formato csv -o exportacion/
      pat-graph export --formato pat -o registros.xlsx --departamento Meta
      pat-graph export --formato pat -o registros/
    """
    if department and kind != "pat":
        raise InputError("--departamento solo se usa con --formato pat.")
    g, _ = _graph_and_loads(store)
    if kind == "pat":
        from pat_graph.exchange import write_exchange

        path, rows = write_exchange(g, out, department)
        for w in rows.warnings:
            click.secho(f"Aviso: {terminal_lines(str(w))}", fg="yellow", err=True)
        counts = [{"file": f"{name}.csv", "rows": len(r)} for name, r in rows.tables.items()]
        if fmt != "table":
            emit(counts, fmt, payload={"path": str(path), "department_code": rows.department,
                                       "files": counts, "warnings": rows.warnings},
                 sheet="Archivos escritos", title=f"Registros en formato PAT escritos en {path}")
            return
        emit(counts, "table",
             title=f"Registros en formato PAT escritos en {path}")
        return
    from pat_graph.export import export

    path = export(g, out, kind)
    rows_out = [{"formato": kind, "ruta": str(path), "nodos": g.number_of_nodes(),
                 "relaciones": g.number_of_edges()}]
    emit(rows_out, fmt, title="Exportación escrita", sheet="Exportación")


@click.command("plantilla")
@click.option("-o", "--salida", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Libro .xlsx que se escribe.")
@click.option("--sin-ejemplos", "no_examples", is_flag=True,
              help="Sin las filas de ejemplo (EJEMPLO-…).")
def plantilla_command(out: Path, no_examples: bool) -> None:
    """Escribe un libro Excel para llenar con registros PAT y cargar con `pat-graph load`.

    Una hoja por archivo del formato de intercambio (actores, instancias,
    participaciones …) con sus encabezados, una hoja de Instrucciones, listas
    desplegables para cada vocabulario, los 33 departamentos y 1.122 municipios
    (nombre y código DANE, hoja Territorios), columnas de fecha con formato de fecha
    y unas filas de ejemplo cuya primera celda empieza por EJEMPLO- (no se cargan).
    El contrato completo está en docs/data-contract.md.

    \b
    Ejemplos:
      pat-graph plantilla -o plantilla.xlsx
      pat-graph load plantilla.xlsx --simular
    """
    from pat_graph.template import write_template

    path = write_template(out, examples=not no_examples)
    click.echo(f"Plantilla escrita en {path}. Llénela y cárguela con: pat-graph load {path}")


COMMANDS = [ficha_command, export_command, plantilla_command]
