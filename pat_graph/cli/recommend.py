"""``pat-graph recommend``: proposals of actors for new agreements, and their measured hit rate.

A thin shell over :mod:`pat_graph.recommend`.
"""

from __future__ import annotations

import math
from contextlib import closing

import click

from pat_graph.cli.common import DATE, emit, open_for_reading, output_options, store_option
from pat_graph.errors import InputError
from pat_graph.formatting import plural, seconds

#: Where a key names something more precise here than in the registry (pat_graph.columns).
HEADERS = {"department_code": "Dpto.", "name": "Método"}
#: Columns of ``--evaluar`` (the method by its Spanish label: the registry's vocabulary).
EVALUATION_COLUMNS = ["scope", "method", "k", "precision", "recall", "auc", "hits"]


def _graph(store: str | None):
    """The store's graph with its kept answers (:mod:`pat_graph.answers`): the ranking
    model trained by an earlier command on the same store state is not trained again."""
    from pat_graph import answers

    with closing(open_for_reading(store)) as st:
        return answers.read_graph(st)


@click.command("recommend")
@click.option("--departamento", "department", default=None, metavar="CÓDIGO|NOMBRE",
              help="Departamento (código DANE o nombre). Obligatorio salvo con --evaluar.")
@click.option("--actor", default=None, metavar="ID|NOMBRE",
              help="Solo parejas que incluyan a este actor (id de actores.csv, nombre o sigla).")
@click.option("--sector-faltante", "missing_sector", is_flag=True,
              help="Solo parejas que cerrarían un par de sectores de la cuádruple hélice sin "
                   "vínculo en el departamento.")
@click.option("--grupos", "groups", is_flag=True,
              help="Proponer grupos que reúnan la cuádruple hélice (en vez de parejas).")
@click.option("--primeros", "--top", "top", default=20, show_default=True, type=click.IntRange(min=1),
              help="Cuántas propuestas (o k de precisión@k con --evaluar).")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el grafo tal como estaba ese día (por defecto, hoy). "
                   "Con --evaluar, los acuerdos firmados después se ocultan y se usan de prueba.")
@click.option("--evaluar", "evaluate", is_flag=True,
              help="Medir la tasa de acierto: precisión@k, exhaustividad@k y AUC frente a los "
                   "acuerdos firmados después de --fecha-corte, junto a líneas base simples.")
@click.option("--semilla", "seed", default=0, show_default=True, type=int,
              help="Semilla (desempates y línea base al azar).")
@click.option("--formula-fija", "fixed", is_flag=True,
              help="Ordenar con la fórmula fija de docs/recommend.md en vez de pesos aprendidos "
                   "de la historia.")
@click.option("--ventana-meses", "horizon", default=12, show_default=True,
              type=click.IntRange(min=1),
              help="Pesos aprendidos: meses de cada ventana de entrenamiento (acuerdos firmados "
                   "en la ventana frente al grafo al inicio de ella).")
@click.option("--ventanas", "windows", default=1, show_default=True, type=click.IntRange(min=1),
              help="Pesos aprendidos: cuántas ventanas consecutivas usar (más historia).")
@click.option("--modelo", "show_model", is_flag=True,
              help="Mostrar qué ordena las parejas (pesos aprendidos y de qué historia, o la "
                   "fórmula fija y por qué) en vez de las propuestas.")
@store_option
@output_options
def recommend_command(department: str | None, actor: str | None, missing_sector: bool,
                      groups: bool, top: int, as_of: str | None, evaluate: bool, seed: int,
                      fixed: bool, horizon: int, windows: int, show_model: bool,
                      store: str | None, fmt: str) -> None:
    """Propone actores para nuevos acuerdos, con razones, y mide la tasa de acierto.

    Ordena parejas de actores del departamento que aún no tienen un acuerdo
    según lo que ya comparten (instancias, eventos recientes, aliados comunes),
    su actividad, la complementariedad (sectores y niveles distintos), el
    encaje territorial (mismo municipio, municipios PDET) y la brecha que
    cerrarían. Los pesos se aprenden de la propia historia de los registros
    (qué parejas firmaron en el último año frente a lo que compartían antes);
    con poca historia se usa la fórmula fija, y la salida lo dice. Cada
    propuesta dice por qué. Definiciones en docs/recommend.md.

    Con --evaluar oculta los acuerdos firmados después de --fecha-corte,
    recomienda con el grafo de esa fecha y compara con parejas al azar,
    vecinos comunes, Adamic–Adar y vinculación preferencial.

    \b
    Ejemplos:
      pat-graph recommend --departamento Meta
      pat-graph recommend --departamento Meta --actor "Gobernacion del Meta" --primeros 5 --json
      pat-graph recommend --departamento Chocó --sector-faltante --csv
      pat-graph recommend --departamento Meta --grupos
      pat-graph recommend --evaluar --fecha-corte 2024-01-01 --primeros 20
      pat-graph recommend --departamento Meta --modelo
    """
    from pat_graph import recommend as rec
    from pat_graph.lookup import find

    learning = {"learn": not fixed, "horizon_months": horizon, "windows": windows}
    if evaluate:
        if not as_of:
            raise InputError("--evaluar necesita --fecha-corte (p. ej. --fecha-corte 2024-01-01)")
        g = _graph(store)
        code = find(g, department, "department").key if department else None
        ev = rec.evaluate(g, as_of, k=top, seed=seed, department=code, **learning)
        rows = [r.to_row() for r in ev.results]
        title = ev.summary() + f" ({seconds(ev.seconds)})"
        emit(rows, fmt, columns=EVALUATION_COLUMNS, headers=HEADERS, title=title,
             payload=_clean(ev.to_dict()), sheet="Evaluación")
        return
    if not department:
        raise InputError("indique --departamento (código DANE o nombre), p. ej. "
                         "--departamento Meta; o use --evaluar --fecha-corte AAAA-MM-DD")
    g = _graph(store)
    code = find(g, department, "department").key
    ctx = rec.index(g, as_of).ctx  # one snapshot (and model) for all that follows
    if show_model:
        model = rec.ranking_model(ctx, **learning)
        emit(model.to_dict()["weights"], fmt, columns=["weight", "label", "feature"]
             if fmt == "table" else None, headers=HEADERS, title=model.summary(),
             payload=_clean(model.to_dict()), sheet="Modelo")
        return
    if groups:
        props = rec.recommend_groups(ctx, code, top=top, seed=seed, **learning)
    else:
        props = rec.recommend(ctx, code, actor=actor, missing_sector_only=missing_sector,
                              top=top, seed=seed, **learning)
    rows = [p.to_row(i) for i, p in enumerate(props, start=1)]
    name = props[0].department_name if props else ctx.departments.get(code, code)
    title = (f"{plural(len(rows), 'propuesta', 'propuestas')} de "
             f"{'grupos' if groups else 'parejas'} en {name} ({code}). "
             + rec.ranking_model(ctx, **learning).summary())
    emit(rows, fmt, columns=["rank", "names", "sectors", "score", "explanation"]
         if fmt == "table" else None, headers=HEADERS, title=title, sheet="Propuestas")


def _clean(value):
    """JSON-safe: NaN and infinity become ``None``."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


COMMANDS = [recommend_command]
