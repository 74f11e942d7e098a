"""``pat-graph resolver``: probable duplicate actors across sources, and explicit merges."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

import click

from pat_graph.cli.common import (
    emit,
    json_text,
    open_for_reading,
    output_options,
    store_option,
    terminal_safe,
)
from pat_graph.formatting import integer, number, plural

COLUMNS = ["score", "keep_id", "merge_id", "keep_name", "merge_name", "reasons"]
CSV_COLUMNS = ["keep_id", "merge_id", "decision", "note", "score", "keep_name", "merge_name",
               "keep_source", "merge_source", "reasons"]


@click.command("resolver")
@click.option("--decisiones", "decisions_file", type=click.Path(exists=True, dir_okay=False,
                                                                path_type=Path),
              help="CSV de decisiones (keep_id, merge_id, decision=fusionar|distintos, note): "
                   "fusiona los pares aceptados.")
@click.option("--umbral", "min_score", type=click.FloatRange(0, 1), default=0.5,
              show_default=True, help="Puntaje mínimo de un candidato (0 a 1).")
@store_option
@output_options
def resolver_command(decisions_file: Path | None, min_score: float, store: str | None,
                     fmt: str) -> None:
    """Lista actores probablemente duplicados entre fuentes, con la evidencia.

    Compara NIT (con o sin dígito de verificación, puntos o guiones), nombres
    normalizados (tildes, mayúsculas, puntuación y palabras comunes como Universidad,
    U., Corporación, Fundación, Caja de Compensación Familiar, Cámara de Comercio),
    siglas y municipio. Las sedes y seccionales de una misma IES (SNIES) no se
    proponen. Nunca fusiona por su cuenta: guarde la lista con --csv, escriba
    `fusionar` o `distintos` en la columna decision y aplíquela con --decisiones
    (se puede repetir sin efecto; vuelva a aplicarla después de cada carga).

    \b
    Ejemplos:
      pat-graph resolver
      pat-graph resolver --csv > decisiones.csv
      pat-graph resolver --decisiones decisiones.csv
    """
    from pat_graph.resolve import apply_decisions, candidates_in_graph, read_decisions
    decided: set[frozenset[str]] = set()
    applied = None
    with closing(open_for_reading(store)) as st:
        if decisions_file is not None:
            decisions = read_decisions(decisions_file)
            applied = apply_decisions(st, decisions)
            decided = {frozenset((d.keep_id, d.merge_id)) for d in decisions}
        candidates = candidates_in_graph(st.read_graph(), min_score=min_score, decided=decided)
        location = st.location
    rows = [c.to_row() for c in candidates]
    if fmt == "json":
        payload = {"store": location, "candidatos": rows}
        if applied is not None:
            payload |= applied.to_dict()
        click.echo(json_text(payload))
        return
    if fmt in ("csv", "xlsx"):
        emit(rows, fmt, columns=CSV_COLUMNS, title="Posibles duplicados",
             machine_keys=fmt == "csv", sheet="Posibles duplicados")
        return
    if applied is not None:
        click.secho(f"Decisiones de {decisions_file.name if decisions_file else ''}:", bold=True)
        for m in applied.merged:
            click.echo(f"  {terminal_safe(str(m))}")
        if applied.distinct:
            click.echo(f"  {plural(len(applied.distinct), 'par marcado', 'pares marcados')} "
                       "como distintos")
        click.echo()
    emit(rows, "table", columns=COLUMNS,
         title=f"Posibles duplicados en {location} ({integer(len(rows))}, puntaje ≥ "
               f"{number(min_score, 2)}):")
    if rows:
        click.echo("\nPara decidir: pat-graph resolver --csv > decisiones.csv, complete la "
                   "columna decision (fusionar | distintos) y aplique con --decisiones.")


COMMANDS = [resolver_command]
