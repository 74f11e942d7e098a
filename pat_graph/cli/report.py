"""``pat-graph ficha`` (ficha diagnóstico departamental, HTML/PDF) and ``pat-graph export``
(GraphML, GEXF, CSV, JSON). Thin shells over :mod:`pat_graph.report` and
:mod:`pat_graph.export`."""

from __future__ import annotations

import time
from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import DATE, ProgressBar, emit, open_for_reading, store_option
from pat_graph.errors import InputError


def _graph_and_loads(store: str | None):
    with closing(open_for_reading(store)) as st:
        return st.read_graph(), st.stats().loads


@click.command("ficha")
@click.option("--departamento", "department", metavar="CÓDIGO|NOMBRE",
              help="Departamento de la ficha (código DANE o nombre).")
@click.option("--todas", "all_", is_flag=True,
              help="Las fichas de todos los departamentos y una página índice con el "
                   "ranking nacional y el mapa (-o es una carpeta).")
@click.option("-o", "--salida", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="Archivo .html de la ficha, o carpeta con --todas.")
@click.option("--pdf", "pdf", is_flag=True,
              help="Además, imprimir cada ficha a PDF con Chromium (si está instalado).")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el estado del grafo en esa fecha (por defecto, hoy).")
@store_option
def ficha_command(department: str | None, all_: bool, out: Path, pdf: bool,
                  as_of: str | None, store: str | None) -> None:
    """Ficha diagnóstico departamental: un HTML autocontenido e imprimible.

    Reúne territorio (municipios, PDET), actores por sector y tipo, instancias y su
    composición, instrumentos y su estado, programas nacionales y cómo llegaron,
    acuerdos, brechas con su explicación, índice y puesto, actores puente y puntos
    frágiles, acuerdos recomendados, una red pequeña y las fuentes (archivos y
    fechas de carga). Funciona sin internet. Con --pdf imprime también a PDF.

    \b
    Ejemplo:
      pat-graph ficha --departamento Meta -o ficha_meta.html
      pat-graph ficha --departamento 27 --fecha-corte 2024-12-31 --pdf -o ficha_choco.html
      pat-graph ficha --todas -o fichas/
    """
    from pat_graph import report

    if bool(department) == all_:
        raise InputError("Indique --departamento X o --todas (uno de los dos).")
    t0 = time.perf_counter()
    g, loads = _graph_and_loads(store)
    if all_:
        with ProgressBar("Fichas", threshold=2) as bar:
            paths = report.write_fichas(g, out, as_of=as_of, loads=loads,
                                        on_start=bar.start, progress=bar.update)
        click.echo(f"{len(paths) - 1} fichas y el índice en {out} "
                   f"({time.perf_counter() - t0:.1f} s). Abra {paths[-1]}")
        targets = paths[:-1]
    else:
        path = report.write_ficha(g, department, out, as_of=as_of, loads=loads)
        click.echo(f"Ficha escrita en {path} ({time.perf_counter() - t0:.1f} s)")
        targets = [path]
    if pdf:
        if not report.pdf_available():
            raise report.PdfUnavailableError(report.pdf.MISSING_MESSAGE)
        with ProgressBar("PDF", threshold=2) as bar:
            bar.start(len(targets))
            for p in targets:
                report.to_pdf(p)
                bar.update(1)
        click.echo(f"{len(targets)} PDF junto a los HTML"
                   + (f": {targets[0].with_suffix('.pdf')}" if len(targets) == 1 else ""))


@click.command("export")
@click.option("--formato", "fmt", required=True,
              type=click.Choice(["graphml", "gexf", "csv", "json"]),
              help="graphml/gexf (Gephi, con colores por sector), csv (carpeta con "
                   "nodos.csv y relaciones.csv para Excel) o json (node-link).")
@click.option("-o", "--salida", "--out", "out", required=True, type=click.Path(path_type=Path),
              help="Archivo de salida (una carpeta para csv).")
@store_option
def export_command(fmt: str, out: Path, store: str | None) -> None:
    """Exportar el grafo completo para Gephi, Excel o scripts.

    GraphML y GEXF abren en Gephi con el nombre de cada nodo como etiqueta y el
    color de su sector; CSV escribe nodos.csv, relaciones.csv y columnas.csv en
    UTF-8 con BOM (Excel muestra las tildes) y neutraliza las celdas que Excel
    tomaría por fórmulas (=, +, -, @); JSON es el formato node-link de networkx.

    \b
    Ejemplo:
      pat-graph export --formato gexf -o pat.gexf
      pat-graph export --formato csv -o exportacion/
    """
    from pat_graph.export import export

    g, _ = _graph_and_loads(store)
    path = export(g, out, fmt)
    emit([{"formato": fmt, "ruta": str(path), "nodos": g.number_of_nodes(),
           "relaciones": g.number_of_edges()}], "table",
         headers={"formato": "Formato", "ruta": "Ruta", "nodos": "Nodos",
                  "relaciones": "Relaciones"}, title="Exportación escrita")


COMMANDS = [ficha_command, export_command]
