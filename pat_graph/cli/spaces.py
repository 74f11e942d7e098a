"""``pat-graph instancia``, ``pat-graph acuerdo`` and ``pat-graph programa``: one instance,
agreement or national programme on one screen.

Thin shells over :func:`pat_graph.node_profile.instance_profile`,
:func:`~pat_graph.node_profile.agreement_profile` and
:func:`~pat_graph.node_profile.programme_profile` (the workbench's /instancia, /acuerdo
and /programa pages show the same).
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
)
from pat_graph.formatting import date_es, percent, quantity

#: Columns of members, signatories and a programme's loop (headers: pat_graph.columns).
MEMBER_COLUMNS = ["id", "name", "sector", "role", "since", "until", "department"]
SIGNATORY_COLUMNS = ["id", "name", "sector", "role", "local"]
#: A loop row is a department: its code, its name, its step flags.
LOOP_HEADERS = {"code": "Código", "name": "Departamento", "socialised": "Socializado",
                "implemented": "Implementado", "feedback": "Retroalimentado"}
LOOP_COLUMNS = ["code", "name", "state", "socialised", "implemented", "feedback", "steps"]


def _profile(kind: str, name: tuple[str, ...], as_of: str | None, store: str | None) -> Any:
    from pat_graph import node_profile
    from pat_graph.lookup import AmbiguousError

    compute = {"instancia": node_profile.instance_profile,
               "acuerdo": node_profile.agreement_profile,
               "programa": node_profile.programme_profile}[kind]
    with closing(open_for_reading(store)) as st:
        g = st.read_graph()
    text = " ".join(name)
    try:
        return compute(g, text, as_of)
    except AmbiguousError as err:
        raise AmbiguousError(f"{err}. Todos con su id: pat-graph buscar \"{text}\" --tipo {kind}"
                             ) from err


def _say(line: str) -> None:
    click.echo(terminal_safe(line))  # a name with control characters cannot drive the terminal


def _head(p: Any, lines: list[str]) -> None:
    click.secho(terminal_safe(f"{p.name} ({p.id})"), bold=True)
    for line in lines:
        _say(line)
    loaded = f" · cargado el {date_es(p.loaded_at)}" if p.loaded_at else ""
    _say(f"Fuentes: {', '.join(p.sources) or 'sin registro de origen'}{loaded}")
    click.echo(f"Fecha de corte: {date_es(p.as_of) if p.as_of else 'hoy'}")
    click.echo()


def _by(counts: dict[str, int]) -> str:
    return ", ".join(f"{s} {quantity(n)}" for s, n in counts.items()) or "ninguno"


@click.command("instancia")
@click.argument("name", nargs=-1, required=True, metavar="NOMBRE")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: la instancia tal como estaba ese día (por defecto, hoy).")
@store_option
@output_options
def instance_command(name: tuple[str, ...], as_of: str | None, store: str | None,
                     fmt: str) -> None:
    """Una instancia de participación: integrantes con rol y fechas, composición por
    sector, sectores ausentes (como la ficha), territorio y antiguos integrantes.

    NOMBRE es el id o el nombre, con o sin tildes (sin comillas). --csv da la tabla
    de integrantes; --json todo.

    \b
    Ejemplos:
      pat-graph instancia I-0050
      pat-graph instancia Subcomision de Concertacion del Meta --fecha-corte 2023-12-31
      pat-graph instancia I-0001 --json
    """
    from pat_graph.territories import reference

    p = _profile("instancia", name, as_of, store)
    depts = reference()
    rows = [{"id": m.id, "name": m.name, "sector": m.sector_es, "role": m.role_es,
             "since": m.since, "until": m.until or "vigente",  # ISO: emit shows DD/MM/AAAA
             "department": (getattr(depts.departments.get(m.department_code), "name",
                                    m.department_code) if fmt == "table"
                            else m.department_code) if m.department_code else "nacional"}
            for m in p.members]
    if fmt != "table":
        emit(rows, fmt, columns=MEMBER_COLUMNS, headers={"name": "Actor"},
             payload=p.to_dict(), sheet="Integrantes", title=f"Integrantes de {p.name}")
        return
    r = p.row
    where = (f"{p.municipality_name}, " if p.municipality_name else "") + (
        f"{p.department_name} ({p.department_code})" if p.department_code else "nacional")
    _head(p, [f"Tipo: {r.kind_es} · Estado: {r.status_es} · Creada: "
              f"{date_es(r.created) or 'sin fecha'}", f"Alcance: {r.scope} · Territorio: {where}"])
    click.echo(f"Composición por sector: {_by(p.composition)}")
    if p.missing_sectors:
        from pat_graph.model import label_es

        click.echo("Sectores ausentes: "
                   + ", ".join(label_es("sector", s) for s in p.missing_sectors))
    click.echo()
    emit(rows, fmt, columns=MEMBER_COLUMNS, headers={"name": "Actor"},
         title=f"Integrantes: {quantity(p.members_count)}")
    if p.former_members:
        click.echo()
        click.echo(f"Antiguos integrantes: {quantity(len(p.former_members))} participaciones "
                   "terminadas (--json las lista).")


@click.command("acuerdo")
@click.argument("name", nargs=-1, required=True, metavar="NOMBRE")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el acuerdo tal como estaba ese día (por defecto, hoy).")
@store_option
@output_options
def agreement_command(name: tuple[str, ...], as_of: str | None, store: str | None,
                      fmt: str) -> None:
    """Un acuerdo: tema, estado, fecha de firma, firmantes con rol y sector, y los
    instrumentos y programas de sus firmantes en el departamento.

    NOMBRE es el id o el nombre, con o sin tildes. --csv da la tabla de firmantes;
    --json todo.

    \b
    Ejemplos:
      pat-graph acuerdo AC-00006
      pat-graph acuerdo AC-00871 --fecha-corte 2024-12-31 --json
    """
    p = _profile("acuerdo", name, as_of, store)
    rows = [{"id": m.id, "name": m.name, "sector": m.sector_es, "role": m.role_es,
             "local": "sí" if m.local else "no"} for m in p.signatories]
    if fmt != "table":
        emit(rows, fmt, columns=SIGNATORY_COLUMNS, headers={"name": "Firmante"},
             payload=p.to_dict(), sheet="Firmantes", title=f"Firmantes de {p.name}")
        return
    r = p.row
    _head(p, [f"Tema: {r.theme_es or 'sin tema'} · Estado: {r.status_es} · Firmado: "
              f"{date_es(r.signed) or 'sin fecha'}",
              f"Alcance: {r.scope} · Departamento: {p.department_name or 'ninguno'}"])
    emit(rows, fmt, columns=SIGNATORY_COLUMNS, headers={"name": "Firmante"},
         title=f"Firmantes: {quantity(len(rows))} ({_by(p.signatories_by_sector)})")
    for title, items in (("Instrumentos de sus firmantes", p.instruments),
                         ("Programas de sus firmantes", p.programmes)):
        click.echo()
        click.echo(f"{title}: {quantity(len(items))}")
        for x in items:
            _say(f"  {x.name} ({x.id}): {'; '.join(x.through)}")


@click.command("programa")
@click.argument("name", nargs=-1, required=True, metavar="NOMBRE")
@click.option("--fecha-corte", "as_of", default=None, metavar="AAAA-MM-DD", type=DATE,
              help="Fecha de corte: el programa tal como estaba ese día (por defecto, hoy).")
@store_option
@output_options
def programme_command(name: tuple[str, ...], as_of: str | None, store: str | None,
                      fmt: str) -> None:
    """Un programa nacional: responsable y el ciclo Nación–Territorio en cada
    departamento (socializado, implementado, retroalimentado: la matriz de
    `pat-graph linkages`), con los pasos fechados de la ficha.

    NOMBRE es el id o el nombre, con o sin tildes. --csv da la tabla por
    departamento; --json todo (actores, eventos, municipios PDET).

    \b
    Ejemplos:
      pat-graph programa P-01
      pat-graph programa servicio publico de empleo --fecha-corte 2023-12-31 --csv
    """
    p = _profile("programa", name, as_of, store)
    yes = {True: "sí", False: "no"}
    rows = [{"code": d.code, "name": d.name, "state": d.state_es,
             "socialised": yes[d.socialised], "implemented": yes[d.implemented],
             "feedback": yes[d.feedback], "steps": len(d.steps)} for d in p.departments]
    if fmt != "table":
        emit(rows, fmt, columns=LOOP_COLUMNS, headers=LOOP_HEADERS, payload=p.to_dict(),
             sheet="Ciclo por departamento",
             title=f"Ciclo Nación–Territorio de {p.name} por departamento")
        return
    c = p.coverage
    _head(p, [f"Responsable: {p.owner_name or p.owner_id or 'sin responsable'}",
              f"Cobertura: {quantity(c['reached'])} de {quantity(c['departments'])} "
              f"departamentos ({percent(c['coverage'])}); implementado en "
              f"{quantity(c['implemented'])}, con retroalimentación en {quantity(c['feedback'])}"
              f"; municipios PDET {quantity(c['pdet_reached'])} de "
              f"{quantity(c['pdet_municipalities'])}",
              "Por estado: " + _by(p.by_state_es)])
    emit(rows, fmt, columns=LOOP_COLUMNS, headers=LOOP_HEADERS,
         title="Ciclo Nación–Territorio por departamento")


COMMANDS = [instance_command, agreement_command, programme_command]
