"""``pat-graph actor`` (one actor on one screen) and ``pat-graph buscar`` (what a text names).

Thin shells over :func:`pat_graph.profile.actor_profile` and
:func:`pat_graph.lookup.search`.
"""

from __future__ import annotations

from contextlib import closing
from typing import Any

import click

from pat_graph.cli.common import (
    DATE,
    emit,
    open_for_reading,
    output_options,
    store_option,
    terminal_safe,
    terminal_width,
)
from pat_graph.errors import InputError
from pat_graph.formatting import by_kind, measure, plural, quantity
from pat_graph.lookup import HOW_ES, SEARCH_TYPES

#: Columns of an actor's ties, proposals and search results (headers: pat_graph.columns).
TIE_COLUMNS = ["type", "id", "name", "status", "kind", "role", "date", "until",
               "department_code", "partners", "partners_by_sector"]
#: Where a tie's key names something more precise than the registry's header.
TIE_HEADERS = {"kind": "Clase", "date": "Desde / firma", "department_code": "Dpto."}
PROPOSAL_COLUMNS = ["rank", "with", "sector", "score", "explanation"]
SEARCH_COLUMNS = ["kind", "id", "name", "how", "detail"]


def _say(line: str) -> None:
    """Echo a line of prose wrapped on spaces to the terminal's width (indent kept)."""
    import textwrap

    indent = line[:len(line) - len(line.lstrip())]
    click.echo(textwrap.fill(terminal_safe(line.strip()), max(terminal_width() - 1, 20),
                             initial_indent=indent, subsequent_indent=indent + "  ",
                             break_long_words=False, break_on_hyphens=False) or "")


def _graph(store: str | None):
    """The store's graph with its kept answers (:mod:`pat_graph.answers`, the
    recommender's model behind the actor's proposals)."""
    from pat_graph import answers

    with closing(open_for_reading(store)) as st:
        return answers.read_graph(st)


def _by_sector_es(counts: dict[str, int]) -> str:
    from pat_graph.viz.style import sector_es

    return ", ".join(f"{sector_es(s)} {quantity(n)}" for s, n in counts.items())


def _role_es(role: str) -> str:
    from pat_graph.model import label_es

    return label_es("participation_role", role).replace("_", " ") if role else ""


def _tie_rows(profile: Any) -> list[dict[str, Any]]:
    from pat_graph.formatting import date_es
    from pat_graph.model import label_es

    rows = []
    for t in (*profile.agreements, *profile.instances):
        agreement = t.label == "Agreement"
        rows.append({
            "type": "acuerdo" if agreement else "instancia", "id": t.id, "name": t.name,
            "kind": "" if agreement else label_es("instance_kind", t.kind),
            "status": label_es("agreement_status" if agreement else "instance_status", t.status),
            "role": _role_es(t.role), "date": date_es(t.date),
            "until": date_es(t.until), "department_code": t.department_code or "",
            "partners": len(t.partners), "partners_by_sector": _by_sector_es(t.partners_by_sector),
        })
    return rows


def _identity_lines(p: Any) -> list[str]:
    from pat_graph.formatting import date_es
    from pat_graph.model import label_es
    from pat_graph.report.data import kind_es

    lines = [f"Sector: {label_es('sector', p.sector) or 'sin sector'} · Tipo: {kind_es(p.kind)}"
             f" · Nivel: {label_es('level', p.level) or 'sin nivel'}"]
    if p.municipality_code:
        where = f"{p.municipality_name} ({p.municipality_code}), {p.department_name}"
    elif p.department_code:
        where = f"{p.department_name} ({p.department_code})"
    else:
        where = "sin departamento (actor nacional)"
    lines.append(f"Territorio: {where}")
    lines.append(f"NIT: {p.nit or 'sin NIT'}" + (f" · Sigla: {p.acronym}" if p.acronym else ""))
    loaded = f" · cargado el {date_es(p.loaded_at)}" if p.loaded_at else ""
    lines.append(f"Fuentes: {', '.join(p.sources) or 'sin registro de origen'}{loaded}")
    lines.append(f"Fecha de corte: {date_es(p.as_of) if p.as_of else 'hoy'}")
    return lines


def _brokerage_lines(p: Any) -> list[str]:
    from pat_graph.profile import CHOSEN_ES

    b = p.brokerage
    if b is None:
        return ["Sin departamento donde medir su papel de puente (no tiene acuerdos ni "
                "instancias con ámbito departamental)."]
    head = f"Papel de puente en {b.department_name} ({b.department_code}), {CHOSEN_ES[b.chosen]}:"
    if b.score is None:
        return [head, f"  no está en la red de actores del departamento "
                      f"({plural(b.actors, 'actor', 'actores')})."]
    s = b.score
    sampled = " (muestreada)" if b.betweenness_sampled else ""
    cut = "sí" if s.is_articulation_point else "no"
    roles = " · ".join(f"{r} {quantity(n)}" for r, n in b.roles.items())
    constraint = "—" if s.constraint is None else measure(s.constraint)
    esize = "—" if s.effective_size is None else measure(s.effective_size)
    return [head,
            f"  Puesto {b.rank} de {plural(b.actors, 'actor', 'actores')} por intermediación "
            f"({by_kind('rate', s.betweenness)}{sampled}); "
            f"{plural(s.degree, 'vínculo', 'vínculos')}; "
            f"restricción de Burt {constraint}; tamaño efectivo {esize}; punto de corte: {cut}.",
            f"  Roles de intermediación (Gould-Fernandez): {roles}."]


def _proposal_rows(p: Any) -> list[dict[str, Any]]:
    from pat_graph.viz.style import sector_es

    rows = []
    for i, prop in enumerate(p.proposals, start=1):
        others = p.proposal_partners(prop)
        rows.append({"rank": i, "with": " + ".join(f"{o.name} ({o.id})" for o in others),
                     "sector": " + ".join(sector_es(o.sector) for o in others),
                     "score": round(prop.score, 2), "explanation": prop.explanation})
    return rows


@click.command("actor")
@click.argument("name", nargs=-1, required=True, metavar="NOMBRE")
@click.option("--departamento", "department", default=None, metavar="CÓDIGO|NOMBRE",
              help="Departamento donde medir su papel de puente y proponer acuerdos (por "
                   "defecto el suyo; para un actor nacional, donde tiene más vínculos).")
@click.option("--propuestas", "proposals", default=5, show_default=True,
              type=click.IntRange(min=0),
              help="Cuántas propuestas de nuevos acuerdos mostrar (0 = ninguna, más rápido).")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el actor tal como estaba ese día (por defecto, hoy).")
@click.option("--semilla", "seed", default=0, show_default=True, type=int,
              help="Semilla (desempates de las propuestas y muestreo de intermediación).")
@store_option
@output_options
def actor_command(name: tuple[str, ...], department: str | None, proposals: int,
                  as_of: str | None, seed: int, store: str | None, fmt: str) -> None:
    """Un actor en una pantalla: quién es, sus acuerdos e instancias, su papel de puente
    y las propuestas de nuevos acuerdos.

    NOMBRE es el id, el nombre o la sigla del actor, con o sin tildes ni
    mayúsculas (no hace falta ponerlo entre comillas). Si el nombre no existe
    sugiere los parecidos ("¿quiso decir…?"); si nombra a varios actores, los
    lista con sus ids (código 2). Muestra sector, tipo, nivel, territorio, NIT
    y de qué archivo viene; sus acuerdos e instancias con los aliados por
    sector; su intermediación en el departamento (como `pat-graph brokers`) y
    sus propuestas (como `pat-graph recommend --actor`). --csv da la tabla de
    acuerdos e instancias; --json todo.

    \b
    Ejemplos:
      pat-graph actor Gobernacion del Choco
      pat-graph actor A-00019 --fecha-corte 31/12/2024 --json
      pat-graph actor "SENA Regional Meta" --propuestas 10
      pat-graph actor MinTrabajo --departamento Meta --propuestas 0 --csv
    """
    from pat_graph.lookup import AmbiguousError
    from pat_graph.profile import actor_profile

    g = _graph(store)
    text = " ".join(name)
    try:
        p = actor_profile(g, text, as_of, department=department, proposals=proposals, seed=seed)
    except AmbiguousError as err:
        raise AmbiguousError(f"{err}. Todos con su id: pat-graph buscar \"{text}\" --tipo actor"
                             ) from err
    ties = _tie_rows(p)
    if fmt != "table":
        emit(ties, fmt, columns=TIE_COLUMNS, headers=TIE_HEADERS, payload=p.to_dict(),
             sheet="Acuerdos e instancias", title=f"Acuerdos e instancias de {p.name} ({p.id})")
        return
    click.secho(terminal_safe(f"{p.name} ({p.id})"), bold=True)
    for line in _identity_lines(p):
        _say(line)
    click.echo()
    agreements = [r for r in ties if r["type"] == "acuerdo"]
    instances = [r for r in ties if r["type"] == "instancia"]
    emit(agreements, fmt, columns=["id", "name", "status", "date", "role", "partners_by_sector"],
         headers=TIE_HEADERS | {"name": "Acuerdo", "date": "Firma"},
         title=f"Acuerdos firmados: {quantity(len(agreements))}")
    click.echo()
    emit(instances, fmt, columns=["id", "name", "kind", "role", "date", "partners_by_sector"],
         headers=TIE_HEADERS | {"name": "Instancia", "date": "Desde"},
         title=f"Instancias de participación: {quantity(len(instances))}")
    click.echo()
    partners = p.partners
    _say(f"Aliados distintos: {quantity(len(partners))}"
         + (f" ({_by_sector_es(p.partners_by_sector)})" if partners else ""))
    click.echo()
    for line in _brokerage_lines(p):
        _say(line)
    if proposals and p.brokerage is not None:
        click.echo()
        emit(_proposal_rows(p), fmt, columns=PROPOSAL_COLUMNS,
             title=f"Propuestas de nuevos acuerdos en {p.brokerage.department_name} "
                   f"(las de `pat-graph recommend --actor {p.id}`)")


def _detail(g: Any, ctx: Any, m: Any) -> str:
    from pat_graph.model import label_es
    from pat_graph.viz.style import sector_es

    a = g.nodes[m.node]
    dept = ctx.department_of(m.node)
    where = ctx.departments.get(dept, "") if dept else ""
    if m.kind == "actor":
        parts = [sector_es(a.get("sector")), where or "nacional"]
    elif m.kind == "instance":
        parts = [label_es("instance_kind", a.get("kind", "")), where or "nacional"]
    elif m.kind == "agreement":
        parts = [label_es("agreement_status", a.get("status", "")), where]
    elif m.kind == "municipality":
        parts = ["PDET" if a.get("pdet") else ""]
    else:
        parts = [str(a.get("theme", ""))]
    return " · ".join(x for x in parts if x)


@click.command("buscar")
@click.argument("text", nargs=-1, required=True, metavar="TEXTO")
@click.option("--tipo", "kind", type=click.Choice(list(SEARCH_TYPES)), default=None,
              help="Solo un tipo de cosa (por defecto, todas).")
@click.option("--primeros", "top", default=20, show_default=True, type=click.IntRange(min=1),
              help="Cuántos resultados mostrar.")
@store_option
@output_options
def search_command(text: tuple[str, ...], kind: str | None, top: int, store: str | None,
                   fmt: str) -> None:
    """Busca actores, instancias, programas, acuerdos y territorios por id, nombre o sigla.

    Con o sin tildes ni mayúsculas. Ordena los resultados: primero el id o
    código exacto, luego el nombre o la sigla completos, el comienzo del nombre
    y una parte del nombre. Sin resultados, sugiere nombres parecidos. El id de
    cada resultado sirve en los demás comandos (`pat-graph actor`, --actor,
    --departamento, --programa).

    \b
    Ejemplos:
      pat-graph buscar choco
      pat-graph buscar sena --tipo actor --primeros 40
      pat-graph buscar "red ormet" --tipo instancia --json
      pat-graph buscar Villavicencio --tipo territorio --csv
    """
    from pat_graph.analytics.base import Context
    from pat_graph.lookup import KIND_ES, close_matches, search

    query = " ".join(text).strip()
    if not query:
        raise InputError("indique qué buscar (p. ej. pat-graph buscar choco)")
    g = _graph(store)
    kinds = SEARCH_TYPES[kind] if kind else None
    found = search(g, query, kinds, limit=top + 1)  # one more: to say when there are more
    more = len(found) > top
    found = found[:top]
    note = ""
    if not found:
        found = [m for k in (kinds or SEARCH_TYPES_ALL) for m in close_matches(g, query, k)][:top]
        note = " (ninguno contiene el texto; ¿quiso decir alguno de estos?)" if found else ""
    ctx = Context(g, None)
    rows = [{"kind": KIND_ES[m.kind], "id": m.key, "name": m.name, "how": HOW_ES.get(m.how, m.how),
             "detail": _detail(g, ctx, m), "node": m.node, "match": m.how} for m in found]
    shown = f"los primeros {quantity(len(rows))} resultados (hay más: use --primeros)" if more \
        else plural(len(rows), "resultado", "resultados")
    title = f"{shown} para «{query}»{note}"
    emit(rows, fmt, columns=SEARCH_COLUMNS if fmt == "table" else None,
         title=title, sheet="Resultados")


SEARCH_TYPES_ALL: tuple[str, ...] = tuple(dict.fromkeys(k for ks in SEARCH_TYPES.values()
                                                         for k in ks))

COMMANDS = [actor_command, search_command]
