"""``pat-graph viz`` (interactive network, one offline HTML file) and ``pat-graph chart``
(static PNG/SVG charts and the gap map). Thin shells over :mod:`pat_graph.viz`."""

from __future__ import annotations

from collections.abc import Collection
from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import open_for_reading, store_option, terminal_safe
from pat_graph.columns import header
from pat_graph.errors import InputError

SIZE_CHOICES = ("betweenness", "intermediacion", "grado", "cercania", "ninguno")


def _graph(store: str | None):
    with closing(open_for_reading(store)) as st:
        return st.read_graph()


#: Columns of a recommendations file: ``actors`` ("A-04 + A-06", as ``recommend --csv``
#: writes it) or ``actor_a`` and ``actor_b``; the reason in ``motivo`` / ``explanation``.
#: Also the Spanish headers ``recommend --csv`` writes (:mod:`pat_graph.columns`).
RECOMMENDATION_ALIASES = {"actor_a": ["actor_1", "actor1"], "actor_b": ["actor_2", "actor2"],
                          "actors": [header("actors")],
                          "motivo": ["explanation", "explicacion", "razon",
                                     header("explanation")]}


def read_recommendations(path: Path, known: Collection[str] | None = None
                         ) -> list[tuple[str, str, str]]:
    r"""``(actor, actor, reason)`` of every pair in a recommendations CSV, read by column name.

    The file is what ``pat-graph recommend --csv`` writes (``actors`` = ``A-04 + A-06``;
    a group of three or more gives each of its pairs) or a hand-made one with
    ``actor_a``, ``actor_b`` and ``motivo``; any encoding or separator Excel saves.
    With ``known`` (node ids of the graph) an actor that is not there is an error.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "r.csv"
    >>> _ = f.write_bytes("rank;actors;explanation\r\n1;A-04 + A-06;Sin vínculo\r\n".encode("cp1252"))
    >>> read_recommendations(f)
    [('A-04', 'A-06', 'Sin vínculo')]
    >>> _ = f.write_text("\ufeffPuesto,Actores (id),Por qué\n1,A-04 + A-06,Sin vínculo\n")
    >>> read_recommendations(f)
    [('A-04', 'A-06', 'Sin vínculo')]
    >>> _ = f.write_text("rank,department_code\n1,50\n")
    >>> read_recommendations(f)
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: r.csv:1: faltan las columnas de los actores: se espera «actors» (como la escribe pat-graph recommend --csv) o «actor_a» y «actor_b» (columnas del archivo: rank, department_code)
    """
    from pat_graph.model import ACTOR, node_id
    from pat_graph.tables import read_table

    table = read_table(path, aliases=RECOMMENDATION_ALIASES, strict=True)
    pairs_by_column = table.index("actor_a") is not None and table.index("actor_b") is not None
    if not pairs_by_column and table.index("actors") is None:
        raise InputError(f"{table.where()}: faltan las columnas de los actores: se espera "
                         "«actors» (como la escribe pat-graph recommend --csv) o «actor_a» y "
                         "«actor_b» (columnas del archivo: "
                         f"{', '.join(h for h in table.raw_headers if h) or 'ninguna'})")
    out = []
    for row in table.rows:
        if pairs_by_column:
            column = "actor_a/actor_b"
            ids = [table.get(row, "actor_a"), table.get(row, "actor_b")]
        else:
            column = "actors"
            ids = [a.strip() for a in table.get(row, "actors").split(" + ")]
        if len(ids) < 2 or not all(ids):
            raise InputError(f"{table.where(row, column)}: se esperan dos o más ids de actor "
                             "(p. ej. A-04 + A-06)")
        for a in ids:
            if known is not None and (a if a.startswith(f"{ACTOR}:") else node_id(ACTOR, a)
                                      ) not in known:
                raise InputError(f"{table.where(row, column)}: el actor «{a}» no está en el "
                                 "almacén")
        reason = table.get(row, "motivo")
        out += [(a, b, reason) for i, a in enumerate(ids) for b in ids[i + 1:]]
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
              help="CSV de acuerdos recomendados (el de pat-graph recommend --csv, o columnas "
                   "actor_a, actor_b, motivo): líneas discontinuas.")
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
    recommendations = read_recommendations(recs) if recs else None
    g = _graph(store)
    if recs:
        recommendations = read_recommendations(recs, known=g)
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
    click.echo(f"{terminal_safe(view.title)}: {view.n_nodes} nodos, {view.n_edges} vínculos "
               f"-> {terminal_safe(str(path))}")


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
    click.echo(f"Gráfico escrito en {terminal_safe(str(path))}")


COMMANDS = [viz_command, chart_command]
