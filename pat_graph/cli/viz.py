"""``pat-graph viz`` (interactive network, one offline HTML file) and ``pat-graph chart``
(static PNG/SVG charts and the gap map). Thin shells over :mod:`pat_graph.viz`."""

from __future__ import annotations

import csv
from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import store_option
from pat_graph.errors import InputError

SIZE_CHOICES = ("betweenness", "intermediacion", "grado", "cercania", "ninguno")


def _graph(store: str | None):
    from pat_graph.store import open_store

    with closing(open_store(store)) as st:
        return st.read_graph()


def _read_recommendations(path: Path) -> list[tuple[str, str, str]]:
    """CSV with columns actor_a, actor_b[, motivo] (header row required)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except OSError as err:
        raise InputError(f"No se pudo leer {path}: {err.strerror}") from err
    out = []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) < 2 or not row[0].strip() or not row[1].strip():
            raise InputError(f"{path.name}:{line}: se esperan dos ids de actor y un motivo")
        out.append((row[0].strip(), row[1].strip(), row[2].strip() if len(row) > 2 else ""))
    return out


@click.command("viz")
@click.option("--departamento", "department", metavar="CÓDIGO|NOMBRE",
              help="Red de un departamento (código DANE o nombre).")
@click.option("--actor", "actor", metavar="ID|NOMBRE", help="Red ego de un actor.")
@click.option("--saltos", "hops", type=click.IntRange(1, 6), default=2, show_default=True,
              help="Distancia de la red ego (con --actor).")
@click.option("--nacional", "national", is_flag=True,
              help="Vista nacional agregada: departamentos, programas y redes nacionales.")
@click.option("--programa", "program", metavar="ID|NOMBRE",
              help="Dónde llegó un programa nacional y cómo.")
@click.option("-o", "--salida", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Archivo HTML de salida.")
@click.option("--tamano", "size_by", type=click.Choice(SIZE_CHOICES), default=None,
              help="Medida que da el tamaño de los nodos (por defecto betweenness = "
                   "intermediación; grado en la vista de programa).")
@click.option("--brechas", "gaps", is_flag=True,
              help="Marcar puntos de articulación y vínculos puente; listar pares de sectores sin vínculo.")
@click.option("--recomendaciones", "recs", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV (actor_a, actor_b, motivo) de acuerdos recomendados: líneas discontinuas.")
@click.option("--semilla", "seed", type=int, default=7, show_default=True,
              help="Semilla de la disposición (misma semilla, mismas posiciones).")
@store_option
def viz_command(department: str | None, actor: str | None, hops: int, national: bool,
                program: str | None, out: Path, size_by: str | None, gaps: bool,
                recs: Path | None, seed: int, store: str | None) -> None:
    """Red interactiva en un solo archivo HTML que funciona sin internet.

    Elija una vista: --departamento, --actor (con --saltos), --nacional o --programa.
    La página trae leyenda, búsqueda por nombre, filtros (sector, tipo, departamento,
    tipo de instancia), física encendida/apagada y el detalle de cada nodo con su
    procedencia (archivo y fila).

    \b
    Ejemplo:
      pat-graph viz --departamento 05 --brechas -o red_antioquia.html
    """
    from pat_graph import viz

    chosen = [x for x in (department, actor, program) if x] + (["n"] if national else [])
    if len(chosen) != 1:
        raise InputError("Elija exactamente una vista: --departamento, --actor, --nacional o "
                         "--programa.")
    recommendations = _read_recommendations(recs) if recs else None
    g = _graph(store)
    if department:
        view = viz.department_view(g, department, size_by=size_by or "betweenness", gaps=gaps,
                                   recommendations=recommendations, seed=seed)
    elif actor:
        view = viz.actor_view(g, actor, hops=hops, size_by=size_by or "betweenness", gaps=gaps,
                              recommendations=recommendations, seed=seed)
    elif program:
        view = viz.program_view(g, program, size_by=size_by or "grado", seed=seed)
    else:
        view = viz.national_view(g, gap_index=viz.gap_index_by_code(g),
                                 size_by=size_by or "ninguno", seed=seed)
    path = view.save(out)
    click.echo(f"{view.title}: {view.n_nodes} nodos, {view.n_edges} vínculos -> {path}")


CHART_KINDS = ("sectores", "cobertura", "ranking", "mapa")


@click.command("chart")
@click.argument("kind", type=click.Choice(CHART_KINDS), metavar="TIPO")
@click.option("--departamento", "department", metavar="CÓDIGO|NOMBRE",
              help="Departamento (obligatorio para 'sectores').")
@click.option("-o", "--salida", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path),
              help="Archivo de salida .png o .svg.")
@store_option
def chart_command(kind: str, department: str | None, out: Path, store: str | None) -> None:
    """Gráficos estáticos (PNG o SVG según la extensión de --out).

    \b
    sectores   matriz sector × sector de vínculos de un departamento
    cobertura  matriz departamento × programa nacional (articulaciones)
    ranking    departamentos ordenados por índice de brechas
    mapa       mapa de Colombia coloreado por índice de brechas

    \b
    Ejemplo:
      pat-graph chart mapa -o mapa_brechas.png
    """
    from pat_graph import viz
    from pat_graph.lookup import find

    g = _graph(store)
    if kind == "sectores":
        if not department:
            raise InputError("El gráfico 'sectores' necesita --departamento.")
        match = find(g, department, "department")
        code, name = match.key, match.name
        path = viz.sector_matrix_chart(viz.sector_ties(g, code), out,
                                       title=f"Vínculos entre sectores — {name}")
    elif kind == "cobertura":
        path = viz.coverage_matrix_chart(viz.program_coverage(g), out)
    else:
        index = viz.gap_index_by_code(g)
        if kind == "mapa":
            path = viz.gap_choropleth(index, out)
        else:
            names = {code: find(g, code, "department").name for code in index}
            path = viz.gap_ranking_chart({names[c]: v for c, v in index.items()}, out)
    click.echo(f"Gráfico escrito en {path}")


COMMANDS = [viz_command, chart_command]
