"""Store commands: ``init``, ``query`` (both stores), ``write-scores`` (Neo4j).

Thin shells over :meth:`pat_graph.store.neo4j.Neo4jStore.apply_schema`,
:func:`pat_graph.query_library.run_query` and :func:`pat_graph.store.neo4j.write_scores`.
"""

from __future__ import annotations

from contextlib import closing
from pathlib import Path
from typing import Any

import click

from pat_graph.cli.common import emit, open_for_reading, output_options, store_option
from pat_graph.errors import InputError, QueryError
from pat_graph.formatting import integer, plural

#: The sheet of each query of the library in an ``--xlsx`` workbook (a short fixed name;
#: the query's description goes to the workbook's title).
QUERY_SHEETS: dict[str, str] = {
    "actores_departamento": "Actores", "actores_sector_instancia": "Actores por instancia",
    "acuerdos_departamento": "Acuerdos", "alianzas_actor": "Alianzas",
    "cambios_actor": "Cambios", "conexion_actores": "Conexiones",
    "instrumentos_territorio": "Instrumentos", "intermediarios_sectores": "Intermediarios",
    "miembros_instancia": "Miembros", "programas_departamento": "Programas",
    "red_actor": "Red de alianzas", "socios_comunes": "Socios comunes",
}


def _open(store: str | None) -> Any:
    from pat_graph.store import open_store

    return open_store(store)


@click.command("init")
@store_option
def init_command(store: str | None) -> None:
    """Prepara el almacén: territorios de referencia y, en Neo4j, restricciones e índices.

    Escribe la nación, los 33 departamentos y los 1.122 municipios de DIVIPOLA (con la
    marca PDET) y, en Neo4j, crea las restricciones de unicidad e índices de
    cypher/schema.cypher. Es idempotente: puede repetirse sin riesgo. Cada carga hace
    lo mismo, así que `init` sólo hace falta para explorar un almacén aún vacío.

    \b
    Ejemplo:
      NEO4J_PASSWORD=... pat-graph init --almacen bolt://127.0.0.1:7687
    """
    from pat_graph.ingest import ensure_reference

    with closing(_open(store)) as st:
        apply = getattr(st, "apply_schema", None)
        if apply is not None:
            count = apply()
            click.echo(f"Esquema aplicado en {st.location}: {integer(count)} restricciones e índices "
                       "(cypher/schema.cypher)")
        written = ensure_reference(st)
        click.echo(f"Territorios de referencia (DIVIPOLA) en {st.location}: "
                   f"{integer(written.nodes_written)} territorios, "
                   f"{integer(written.edges_written)} relaciones "
                   "PART_OF")


@click.command("query")
@click.argument("name", required=False, metavar="NOMBRE")
@click.option("-p", "--parametro", "--param", "params", nargs=2, multiple=True, metavar="CLAVE VALOR",
              help="Parámetro de la consulta (repetible), como se escribe: -p actor «Gobernación "
                   "del Chocó», -p departamento Chocó, -p sector_a académico.")
@click.option("--lista", "--list", "list_only", is_flag=True, help="Listar las consultas disponibles.")
@click.option("--tipado", "typed", is_flag=True, hidden=True,
              help="Sin efecto: cada parámetro se lee según su tipo declarado (texto, número, "
                   "fecha, actor, departamento ...).")
@store_option
@output_options
def query_command(name: str | None, params: tuple[tuple[str, str], ...], list_only: bool,
                  typed: bool, store: str | None, fmt: str) -> None:
    """Ejecuta una consulta de la biblioteca de analistas (cypher/queries/) en cualquier almacén.

    En el almacén SQLite responde la implementación en Python de cada consulta;
    en Neo4j, el texto Cypher (que se puede pegar tal cual en Neo4j Browser, con
    :param): las mismas filas. Los actores, departamentos, municipios, instancias
    y programas se dan por id, nombre, sigla o sin tildes; los sectores y tipos
    por su nombre en español o su código. Un nombre que no existe es un error con
    «¿quiso decir …?», nunca un resultado vacío.

    \b
    Ejemplos:
      pat-graph query --lista
      pat-graph query alianzas_actor -p actor "Gobernacion del Choco"
      pat-graph query intermediarios_sectores -p departamento Meta -p sector_a privado -p sector_b académico --csv
      pat-graph query red_actor -p actor "Gobernación del Meta" -p pasos 2 --json
      pat-graph query cambios_actor -p actor "SENA Regional Chocó" -p desde 2022 -p hasta 31/12/2024
      pat-graph query alianzas_actor -p actor A-00023 --almacen bolt://127.0.0.1:7687
    """
    from pat_graph.queries import get_query, list_queries
    from pat_graph.query_library import result_columns, run_query

    if list_only or not name:
        if not list_only:
            raise QueryError("indique el NOMBRE de la consulta o use --lista "
                             "(ejemplo: pat-graph query --lista)")
        rows = [{"nombre": q.name, "parametros": ", ".join(q.params),
                 "descripcion": q.description} for q in list_queries()]
        emit(rows, fmt, columns=["nombre", "parametros", "descripcion"],
             headers={"nombre": "Consulta"}, sheet="Consultas",
             title="Consultas de la biblioteca de analistas")
        return
    values: dict[str, Any] = {}
    for key, value in params:
        if key in values:
            raise QueryError(f"el parámetro «{key}» está repetido")
        values[key] = value
    query = get_query(name)
    with closing(open_for_reading(store)) as st:
        rows = run_query(st, name, values)
    emit(rows, fmt, columns=result_columns(rows), title=query.description or query.name,
         sheet=QUERY_SHEETS.get(name, "Resultado"))


@click.command("write-scores")
@click.argument("scores_file", required=False, metavar="ARCHIVO.csv",
                type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--intermediacion", "--betweenness", "betweenness", is_flag=True,
              help="Calcular la intermediación (betweenness) de cada nodo y escribirla.")
@store_option
def write_scores_command(scores_file: Path | None, betweenness: bool, store: str | None) -> None:
    """Escribe puntajes de la analítica en los nodos de Neo4j (para dar estilo en Browser/Bloom).

    ARCHIVO.csv tiene una columna «nodo» (p. ej. Actor:A-03) y una columna numérica
    por puntaje (p. ej. betweenness, gap_score); vale el CSV que guarda Excel (UTF-8 o
    Windows-1252, separado por , o ;, decimales con coma) y cada puntaje se llama como
    su encabezado normalizado («Puntuación» → puntuacion). --intermediacion calcula la
    intermediación sobre el grafo no dirigido y la escribe como «betweenness».
    Una carga posterior que cambie un nodo borra sus puntajes: escríbalos después de cargar.

    \b
    Ejemplos:
      pat-graph write-scores --intermediacion --almacen bolt://127.0.0.1:7687
      pat-graph write-scores puntajes.csv --almacen bolt://127.0.0.1:7687
    """
    from pat_graph.store.neo4j import write_scores

    if not scores_file and not betweenness:
        raise InputError("indique ARCHIVO.csv o --intermediacion "
                         "(ejemplo: pat-graph write-scores --intermediacion)")
    scores: dict[str, dict[str, float]] = {}
    if scores_file:
        for nid, values in read_scores_csv(scores_file).items():
            scores.setdefault(nid, {}).update(values)
    with closing(open_for_reading(store)) as st:
        if betweenness:
            for nid, value in graph_betweenness(st.read_graph()).items():
                scores.setdefault(nid, {})["betweenness"] = value
        count = write_scores(st, scores)
    names = sorted({k for v in scores.values() for k in v})
    click.echo(f"Puntajes {', '.join(names)} escritos en {plural(count, 'nodo', 'nodos')} de "
               f"{st.location}")


def graph_betweenness(graph: Any) -> dict[str, float]:
    """Exact normalised betweenness of every node of the graph taken as undirected and simple.

    The values of ``nx.betweenness_centrality(nx.Graph(graph))`` (unweighted; parallel
    and reverse relationships count once, self-loops not at all), computed with the
    array kernel :func:`pat_graph.analytics.kernels.betweenness`.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("c", "b")])
    >>> graph_betweenness(g)
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import networkx as nx

    from pat_graph.analytics import kernels

    return kernels.betweenness(nx.Graph(graph))


def read_scores_csv(path: Path) -> dict[str, dict[str, float]]:
    r"""``{node_id: {score: value}}`` from a CSV with a ``nodo`` column and numeric columns.

    Read by column name with :func:`pat_graph.tables.read_table`, so a file Excel
    saved (Windows-1252, ``;``, BOM) reads like any other; score names are the
    folded headers (``Puntuación`` → ``puntuacion``) and decimals may use ``,``.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "p.csv"
    >>> _ = f.write_bytes("Nodo;Puntuación\r\nActor:A-03;0,5\r\n".encode("cp1252"))
    >>> read_scores_csv(f)
    {'Actor:A-03': {'puntuacion': 0.5}}
    """
    from pat_graph.tables import read_table

    table = read_table(path, required=["nodo"], aliases={"nodo": ["node", "id_nodo"]},
                       strict=True)
    node = table.index("nodo")
    out: dict[str, dict[str, float]] = {}
    for row in table.rows:
        nid = table.get(row, "nodo")
        if not nid:
            raise InputError(f"{table.where(row, 'nodo')}: falta el id del nodo (p. ej. Actor:A-03)")
        values: dict[str, float] = {}
        for i, key in enumerate(table.headers):
            raw = str(row.values[i]).strip() if i < len(row.values) else ""
            if i == node or raw == "":
                continue
            if not key:
                raise InputError(f"{table.where(row)}: valor «{raw}» en una columna sin nombre")
            values[key] = _number(raw, table.where(row, key))
        out.setdefault(nid, {}).update(values)
    return out


def _number(raw: str, where: str) -> float:
    """A score: ``0.5``, ``0,5`` or ``1.234,5`` (thousands ``.`` when ``,`` is the decimal mark)."""
    text = raw.replace(".", "").replace(",", ".") if "," in raw else raw
    try:
        return float(text)
    except ValueError:
        raise InputError(f"{where}: «{raw}» no es un número") from None


COMMANDS = [init_command, query_command, write_scores_command]
