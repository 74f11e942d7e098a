"""Analytics commands: ``gaps``, ``linkages``, ``brokers`` (thin shells over pat_graph.analytics)."""

from __future__ import annotations

from contextlib import closing
from dataclasses import asdict
from typing import Any

import click

from pat_graph.cli.common import DATE, emit, open_for_reading, output_options, store_option
from pat_graph.formatting import date_es, index_value, integer, plural


class FamilyChoice(click.Choice):
    """``indice`` or a family of the registry (pat_graph.analytics.families), read when
    first needed so that starting the CLI does not import the analytics."""

    def __init__(self) -> None:
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        from pat_graph.analytics.families import names

        return ("indice", *names())

def _graph(store: str | None):
    with closing(open_for_reading(store)) as st:
        return st.read_graph()


def antiguedad_option(f):
    from pat_graph.analytics.records import STALE_MONTHS

    return click.option(
        "--antiguedad-meses", "stale_months", type=click.IntRange(min=1), default=STALE_MONTHS,
        show_default=True, metavar="MESES",
        help="Una familia cuyo último registro es más antiguo que esto (antes de la fecha "
             "de corte) se señala en la explicación.")(f)


def fecha_option(f):
    return click.option(
        "--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
        help="Fecha de corte: el estado del grafo en esa fecha (por defecto, hoy).")(f)


@click.command("gaps")
@click.option("--departamento", "department", default=None, metavar="CÓDIGO|NOMBRE",
              help="Solo este departamento (código DANE o nombre).")
@click.option("--familia", "family", type=FamilyChoice(), default=None,
              help="Familia de brechas; 'indice' muestra el índice 0-100 y el ranking "
                   "(por defecto sin --departamento).")
@fecha_option
@click.option("--comparar", "dates", nargs=2, default=None, metavar="FECHA_A FECHA_B", type=DATE,
              help="Qué brechas se cerraron y cuáles se abrieron entre dos fechas.")
@antiguedad_option
@store_option
@output_options
def gaps_command(department: str | None, family: str | None, as_of: str | None,
                 dates: tuple[str, str] | None, stale_months: int, store: str | None,
                 fmt: str) -> None:
    """Brechas de articulación por departamento: índice 0-100, ranking y detalle.

    Sin opciones muestra el ranking nacional con la explicación de cada puntaje.
    Con --departamento lista todas sus brechas; con --familia solo las de una
    familia (las de la lista de opciones). Un departamento sin registros de una
    familia no tiene brechas ni puntos de ella; uno sin ningún registro queda
    fuera del ranking ("sin registros"). Definiciones en docs/analytics.md.

    \b
    Ejemplos:
      pat-graph gaps
      pat-graph gaps --departamento Chocó --familia sectores
      pat-graph gaps --comparar 2023-01-01 2025-06-30 --csv
      pat-graph gaps --antiguedad-meses 12 --xlsx brechas.xlsx
    """
    from pat_graph import analytics
    from pat_graph.lookup import find

    g = _graph(store)
    code = find(g, department, "department").key if department else None
    if dates:
        fams = None if family in (None, "indice") else [family]
        res = analytics.compare(g, dates[0], dates[1], families=fams, department=code)
        rows = [x.to_row() | {"status": "cerrada"} for x in res.closed] + [
            x.to_row() | {"status": "abierta"} for x in res.opened]
        payload = {"date_a": res.date_a, "date_b": res.date_b,
                   "closed": [x.to_row() for x in res.closed],
                   "opened": [x.to_row() for x in res.opened],
                   "persisting": res.persisting, "index_change": res.index_change}
        when = f"{date_es(res.date_a)} → {date_es(res.date_b)}"
        if fmt == "table":
            emit(res.index_change, fmt, columns=["department_code", "department_name",
                                                 "score_a", "score_b", "change"],
                 headers={"score_a": f"Índice {date_es(res.date_a)}",
                          "score_b": f"Índice {date_es(res.date_b)}"},
                 title=f"Índice de brechas {when}")
            click.echo()
            title = (f"{plural(len(res.closed), 'brecha cerrada', 'brechas cerradas')}, "
                     f"{plural(len(res.opened), 'abierta', 'abiertas')}, "
                     f"{integer(res.persisting)} {'sigue' if res.persisting == 1 else 'siguen'}")
        else:
            title = f"Brechas cerradas y abiertas {when}"
        emit(rows, fmt, columns=["status", "department_code", "family", "code", "subject",
                                 "message"], title=title, payload=payload,
             sheet="Brechas cerradas y abiertas")
        return
    if family == "indice" or (family is None and code is None):
        from pat_graph.columns import GAP_INDEX_HEADERS, GAP_INDEX_KINDS, gap_index_columns

        ranking = analytics.gap_index(g, as_of, stale_months=stale_months,
                                      with_unrecorded=True)
        if code:
            ranking = [r for r in ranking if r.department_code == code]
        # the rows and columns of pipeline.gap_table_es (the demo's brechas_departamentos.csv)
        rows = [r.to_row() for r in ranking]
        if fmt == "table":
            rows = [r | {"rank": r["rank"] or "—", "score": "sin registros"
                         if r["score"] is None else r["score"]} for r in rows]
        ranked = ranking[0].ranked if ranking else 0
        mean = analytics.national_mean(ranking)
        emit(rows, fmt, columns=gap_index_columns() if fmt != "table" else
             ["rank", "department_code", "department_name", "score", "explanation"],
             headers=GAP_INDEX_HEADERS, kinds=GAP_INDEX_KINDS, sheet="Índice de brechas",
             title=f"Índice de brechas por departamento (100 = todo falta): "
                   f"{plural(ranked, 'departamento', 'departamentos')} con registros; "
                   f"promedio nacional {'—' if mean is None else index_value(mean)}",
             payload=[asdict(r) | {"position": r.position} for r in ranking])
        return
    fams = None if family is None else [family]
    items = analytics.gap_items(g, as_of, families=fams, department=code)
    rows = [analytics.readable(g, x).to_row() for x in items]  # places by name, as the ficha
    if code and fmt == "table":
        [idx] = [r for r in analytics.gap_index(g, as_of, stale_months=stale_months,
                                                with_unrecorded=True)
                 if r.department_code == code]
        score = ("sin registros en el almacén: fuera del ranking" if idx.score is None
                 else f"índice {index_value(idx.score)} · {idx.position}")
        title = f"{idx.department_name} ({code}): {score} · {plural(len(rows), 'brecha', 'brechas')}"
        if idx.without_records or idx.stale:
            rows += [{"family": "—", "code": "nota", "message": line} for line in idx.explanation
                     if "sin registros" in line or "último registro" in line]
        cols = ["family", "code", "message"]
    else:
        title, cols = plural(len(rows), "brecha", "brechas"), [
            "department_code", "family", "code", "subject", "message"]
    emit(rows, fmt, columns=cols if fmt == "table" else None, title=title, sheet="Brechas")


@click.command("linkages")
@click.option("--programa", "programme", default=None, metavar="ID|NOMBRE",
              help="Solo este programa: muestra su estado en cada departamento.")
@click.option("--por-departamento", "by_department", is_flag=True,
              help="Cobertura por departamento en lugar de por programa.")
@fecha_option
@store_option
@output_options
def linkages_command(programme: str | None, by_department: bool, as_of: str | None,
                     store: str | None, fmt: str) -> None:
    """Articulación Nación–Territorio: qué programas nacionales llegaron a cada departamento.

    Estados: ninguno < socializado < implementado < retroalimentado. Sin
    opciones muestra la cobertura de cada programa (también en municipios PDET);
    con --programa, el estado en cada departamento.

    \b
    Ejemplos:
      pat-graph linkages
      pat-graph linkages --programa P-01 --csv
    """
    from pat_graph import analytics

    g = _graph(store)
    m = analytics.programme_linkages(g, as_of, programme=programme)
    payload: dict[str, Any] = {
        "matrix": m.matrix(), "programme_coverage": m.programme_coverage(),
        "department_coverage": m.department_coverage(), "pdet": m.pdet_rows()}
    if programme is not None:
        rows = []
        for d, name in m.departments.items():
            for p in m.programmes:
                rows.append({"department_code": d, "department_name": name,
                             "programme_id": p, "state": m.state(d, p)})
        pname = ", ".join(m.programmes.values())
        emit(rows, fmt, title=f"Estado de {pname} por departamento",
             payload=payload, sheet="Estado por departamento")
    elif by_department:
        emit(m.department_coverage(), fmt,
             title="Cobertura de programas por departamento", payload=payload,
             sheet="Cobertura por departamento")
    else:
        emit(m.programme_coverage(), fmt,
             title="Cobertura de cada programa nacional", payload=payload,
             sheet="Cobertura por programa")


@click.command("brokers")
@click.option("--departamento", "department", required=True, metavar="CÓDIGO|NOMBRE",
              help="Departamento (código DANE o nombre).")
@click.option("--primeros", "--top", "top", type=click.IntRange(min=0), default=20,
              show_default=True,
              help="Cuántos actores mostrar (0 = todos).")
@click.option("--semilla", "seed", type=int, default=0, show_default=True,
              help="Semilla del muestreo de intermediación (redes grandes).")
@fecha_option
@store_option
@output_options
def brokers_command(department: str, top: int, seed: int, as_of: str | None,
                    store: str | None, fmt: str) -> None:
    """Actores puente de un departamento: intermediación, huecos estructurales y roles.

    Roles de Gould-Fernandez por sector: coordinador, itinerante, representante,
    guardián y enlace. Restricción de Burt baja = el actor une grupos que no se
    conocen entre sí.

    \b
    Ejemplo:
      pat-graph brokers --departamento Meta --primeros 10
    """
    from pat_graph import analytics

    g = _graph(store)
    rep = analytics.brokers(g, department, as_of, seed=seed, top=top or None)
    rows = [s.to_row() for s in rep.scores]
    note = " (intermediación muestreada)" if rep.betweenness_sampled else ""
    cols = ["actor_id", "name", "sector", "degree", "betweenness", "constraint",
            "effective_size", "coordinator", "itinerant", "representative", "gatekeeper",
            "liaison", "is_articulation_point"]
    emit(rows, fmt, columns=cols if fmt == "table" else None, sheet="Actores puente",
         title=f"Actores puente de {rep.department_name} ({rep.department_code}): "
               f"{plural(rep.actors, 'actor', 'actores')}, "
               f"{plural(rep.ties, 'vínculo', 'vínculos')}{note}",
         payload={"department_code": rep.department_code, "actors": rep.actors,
                  "ties": rep.ties, "betweenness_sampled": rep.betweenness_sampled,
                  "scores": rows})


@click.command("cobertura")
@click.option("--departamento", "department", default=None, metavar="CÓDIGO|NOMBRE",
              help="Solo este departamento (código DANE o nombre).")
@fecha_option
@antiguedad_option
@store_option
@output_options
def cobertura_command(department: str | None, as_of: str | None, stale_months: int,
                      store: str | None, fmt: str) -> None:
    """Cobertura de registros: qué tiene el almacén de cada departamento.

    Actores, instancias, instrumentos, acuerdos, eventos y articulaciones
    Nación–Territorio, con la fecha del primer y del último registro. Un
    departamento sin registros de una familia no tiene brechas de ella (no
    registrado no es faltante); uno sin ningún registro queda fuera del ranking.

    \b
    Ejemplos:
      pat-graph cobertura
      pat-graph cobertura --departamento Chocó
      pat-graph cobertura --xlsx cobertura.xlsx
      pat-graph cobertura --fecha-corte 2024-12-31 --antiguedad-meses 12 --csv
    """
    from pat_graph.lookup import find

    g = _graph(store)
    code = find(g, department, "department").key if department else None
    cov, rows = coverage_table(g, as_of, stale_months, code)
    if fmt != "table":
        emit(rows, fmt, columns=COVERAGE_COLUMNS, headers=coverage_headers(stale_months),
             title="Cobertura de registros", sheet=COVERAGE_SHEET,
             payload=[r.to_row() | {"in_index": row["en_indice"],
                                    "stale": r.stale_kinds(stale_months),
                                    "first": r.first, "last": r.last}
                      for r, row in zip(cov, rows, strict=True)])
        return
    print_coverage(cov, rows, stale_months, every=bool(code))


#: Columns of the record coverage (``stats`` and ``cobertura``: :func:`coverage_table`).
COVERAGE_COLUMNS = ["codigo", "departamento", "actores", "instancias", "instrumentos",
                    "acuerdos", "eventos", "articulaciones", "programas", "primer_registro",
                    "ultimo_registro", "con_registros", "en_indice", "antiguos"]
#: Its sheet in a workbook (``stats --xlsx`` and ``cobertura --xlsx``).
COVERAGE_SHEET = "Cobertura de registros"


def coverage_headers(stale_months: int) -> dict[str, str]:
    """Headers of the record coverage where the registry's are not precise enough."""
    return {"antiguos": f"Sin registros recientes (> {stale_months} meses)"}


def coverage_table(g: Any, as_of: str | None = None, stale_months: int | None = None,
                   code: str | None = None) -> tuple[list[Any], list[dict[str, Any]]]:
    """The record coverage of every department (or of ``code``): the
    :func:`pat_graph.analytics.records.record_coverage` results and their rows
    (:data:`COVERAGE_COLUMNS`), the one table of ``cobertura`` and ``stats``."""
    from pat_graph.analytics.records import KINDS_ES, STALE_MONTHS, record_coverage
    from pat_graph.summary import coverage_row

    months = STALE_MONTHS if stale_months is None else stale_months
    cov = [r for d, r in record_coverage(g, as_of).items() if code in (None, d)]
    rows = [coverage_row(r) | {"antiguos": [KINDS_ES[k] for k in r.stale_kinds(months)]}
            for r in cov]
    return cov, rows


def print_coverage(cov: list[Any], rows: list[dict[str, Any]], stale_months: int, *,
                   every: bool = False) -> None:
    """The terminal form of :func:`coverage_table` (``cobertura`` and ``stats``): the
    departments with records (``every``: all the rows), then those without."""
    with_records = sum(1 for r in cov if r.has_records)
    ranked = sum(1 for r in rows if r["en_indice"])
    emit([r for r in rows if r["con_registros"] or every], "table",
         columns=[c for c in COVERAGE_COLUMNS if c != "con_registros"],
         headers=coverage_headers(stale_months),
         title=f"Cobertura de registros al {date_es(cov[0].as_of) if cov else '—'}: "
               f"{integer(with_records)} de {plural(len(cov), 'departamento', 'departamentos')}"
               f" con registros, {integer(ranked)} en el índice de brechas")
    empty = [r.department_name for r in cov if not r.has_records]
    if empty and not every:
        click.echo(f"Sin registros ({plural(len(empty), 'departamento', 'departamentos')}): "
                   f"{', '.join(empty)}")
    from pat_graph.analytics.records import KINDS_ES

    unread = [(r, row) for r, row in zip(cov, rows, strict=True)
              if row["con_registros"] and not row["en_indice"]]
    if unread:
        held = ", ".join(f"{r.department_name} ({', '.join(KINDS_ES[k] for k, n in r.counts.items() if n)})"
                         for r, _ in unread)
        click.echo(f"Fuera del índice ({plural(len(unread), 'departamento', 'departamentos')}"
                   f"): {held}. Esos registros no bastan para ningún componente del índice: "
                   "faltan instancias, instrumentos, participaciones en instancias o acuerdos, "
                   "o programas.")


COMMANDS = [gaps_command, linkages_command, brokers_command, cobertura_command]
