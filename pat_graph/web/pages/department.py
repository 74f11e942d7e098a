"""Departamento: index and its explanation, gaps with evidence, instances, instruments,
programmes, brokers, proposals; its network, ficha, tables (CSV, .xlsx) and graph
(GEXF, GraphML). Every number is the ficha's (:func:`pat_graph.report.ficha`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from flask import Response, redirect

from pat_graph import model
from pat_graph.errors import NotFoundError
from pat_graph.report import render_ficha
from pat_graph.report.render import network_text
from pat_graph.web.http import (
    Route,
    as_of,
    download,
    jsonable,
    other_args,
    respond,
    self_contained,
    table_download,
    url,
    wants_json,
    workbench,
    written,
)

ROUTES: tuple[Route, ...] = (
    Route("/departamento/<codigo>", "departamento", "Departamento: índice, brechas, instancias..."),
    Route("/departamento/<codigo>/red", "red_departamento", "Red del departamento (vis-network)"),
    Route("/departamento/<codigo>/ficha", "ficha_departamento", "Ficha diagnóstico (HTML)"),
    Route("/departamento/<codigo>/tablas/<tabla>.<ext>", "tabla_departamento",
          "Tablas del departamento en CSV o .xlsx"),
    Route("/departamento/<codigo>/grafo.<ext>", "grafo_departamento",
          "Grafo del departamento (lo que muestra su red) en GEXF o GraphML, para Gephi"),
)


def departamento(codigo: str) -> Response | str:
    wb, when = workbench(), as_of()
    code = wb.department_code(codigo, when)
    if code != codigo:
        return redirect(url(f"/departamento/{code}", **other_args("fecha")), 302)
    d = wb.department_data(code, when)
    f = d["ficha"]
    network = network_text(f)  # annex I's sentence, word for word
    data: dict[str, Any] = {}
    if wants_json():  # the page itself does not read it (~1/3 of a warm request at 1x)
        rec = wb.records(when).get(code)
        data = {**jsonable(f), "network_text": network,
                "record_coverage": rec.to_row() if rec else None,
                "proposals": [p.to_row(i) for i, p in enumerate(d["proposals"], 1)],
                "gaps": [x.to_row() for x in d["gaps"]]}
        data.pop("network_svg", None)
    return respond("departamento.html", data, f=f, proposals=d["proposals"],
                   network=network, tables=TABLES)


def department_network(code: str, when: str | None) -> tuple[Any, str]:
    """The department's network view (the one its page shows) and its HTML."""
    wb = workbench()
    view = wb.department_view(code, when)
    return view, wb.memo(("red-department", code, when), view.html)


def red_departamento(codigo: str) -> Response | str:
    from pat_graph.web.pages.network import viewer

    return viewer(departamento=workbench().department_code(codigo, as_of()))


def grafo_departamento(codigo: str, ext: str) -> Response:
    from pat_graph.export import write_gexf, write_graphml

    writers = {"gexf": write_gexf, "graphml": write_graphml}
    if ext not in writers:
        raise NotFoundError(f"No existe el formato «{ext}»: grafo.gexf o grafo.graphml")
    when = as_of()
    code = workbench().department_code(codigo, when)
    view, _ = department_network(code, when)
    name = f"red_{code}" + (f"_{when}" if when else "")
    body = workbench().memo(("grafo-department", code, when, ext), lambda: written(
        lambda path: writers[ext](view.graph, path), "." + ext))
    return download(f"{name}.{ext}", "application/xml", None, "." + ext, body=body)


def ficha_departamento(codigo: str) -> Response:
    from pat_graph.report import ficha

    wb, when = workbench(), as_of()
    code = wb.department_code(codigo, when)
    an = wb.analyses(when)
    loads = wb.stats().loads
    html = wb.memo(("ficha", code, when), lambda: render_ficha(
        ficha(an.ctx, code, analyses=an, loads=loads)))
    return self_contained(html, scripts=False)


def tabla_departamento(codigo: str, tabla: str, ext: str) -> Response:
    if tabla not in TABLES or ext not in ("csv", "xlsx"):
        raise NotFoundError(f"No existe la tabla «{tabla}.{ext}»: tablas "
                            + ", ".join(f"{t}.csv / {t}.xlsx" for t in TABLES))
    wb, when = workbench(), as_of()
    code = wb.department_code(codigo, when)
    d = wb.department_data(code, when)
    title, columns, headers, rows_of = TABLES[tabla]
    rows = rows_of(d)
    name = f"{tabla}_{code}" + (f"_{when}" if when else "")
    return table_download(name, ext, rows, columns, headers, title)


# ----------------------------------------------------------------- department tables
def _actor_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(a) | {"sector_es": a.sector_es, "kind_es": a.kind_es}
            for a in d["ficha"].actors]


def _instance_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": i.id, "name": i.name, "kind_es": i.kind_es, "status": i.status,
             "created": i.created, "scope": i.scope, "members": i.total_members,
             "composition": "; ".join(f"{k} {v}" for k, v in i.composition.items()),
             "missing_sectors": ", ".join(model.label_es("sector", s)
                                          for s in i.missing_sectors)}
            for i in d["ficha"].instances]


def _instrument_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": i.id, "name": i.name, "kind_es": i.kind_es, "status_es": i.status_es,
             "act": i.act, "date": i.date, "territory": i.territory, "leader": i.leader,
             "flags": ", ".join(i.flags)} for i in d["ficha"].instruments]


def _programme_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Without programme records of the department nothing is said of where each one
    stands (the ficha's annex E): "Sin registros", never "No ha llegado"."""
    f = d["ficha"]
    unrecorded = "programas" in f.unrecorded
    return [{"id": p.id, "name": p.name, "owner": p.owner,
             "state_es": "Sin registros" if unrecorded else p.state_es,
             "via": "; ".join(p.via)} for p in f.programmes]


def _agreement_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"id": a.id, "name": a.name, "theme": a.theme, "signed": a.signed,
             "status_es": a.status_es, "scope": a.scope,
             "signatories": "; ".join(m.name for m in a.signatories)}
            for a in d["ficha"].agreements]


def _broker_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(b) | {"sector_es": b.sector_es} for b in d["ficha"].brokers]


def _proposal_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [p.to_row(i) for i, p in enumerate(d["proposals"], 1)]


def _gap_rows(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [x.to_row() for x in d["gaps"]]


#: Department tables for download: name -> (sheet title, columns, headers, rows).
TABLES: dict[str, tuple[str, list[str], dict[str, str],
                        Callable[[dict[str, Any]], list[dict[str, Any]]]]] = {
    "actores": ("Actores", ["id", "name", "sector_es", "kind_es", "level", "place"],
                {"id": "Id", "name": "Nombre", "sector_es": "Sector", "kind_es": "Tipo",
                 "level": "Nivel", "place": "Municipio"}, _actor_rows),
    "instancias": ("Instancias", ["id", "name", "kind_es", "status", "created", "scope",
                                  "members", "composition", "missing_sectors"],
                   {"id": "Id", "name": "Nombre", "kind_es": "Tipo", "status": "Estado",
                    "created": "Creada", "scope": "Alcance", "members": "Integrantes",
                    "composition": "Composición por sector",
                    "missing_sectors": "Sectores ausentes"}, _instance_rows),
    "instrumentos": ("Instrumentos", ["id", "name", "kind_es", "status_es", "act", "date",
                                      "territory", "leader", "flags"],
                     {"id": "Id", "name": "Nombre", "kind_es": "Tipo", "status_es": "Estado",
                      "act": "Acto", "date": "Fecha", "territory": "Territorio",
                      "leader": "Lidera", "flags": "Alertas"}, _instrument_rows),
    "programas": ("Programas", ["id", "name", "owner", "state_es", "via"],
                  {"id": "Id", "name": "Programa", "owner": "Responsable",
                   "state_es": "Estado en el departamento", "via": "Pasos"}, _programme_rows),
    "acuerdos": ("Acuerdos", ["id", "name", "theme", "signed", "status_es", "scope",
                              "signatories"],
                 {"id": "Id", "name": "Nombre", "theme": "Tema", "signed": "Firmado",
                  "status_es": "Estado", "scope": "Alcance", "signatories": "Firmantes"},
                 _agreement_rows),
    "brechas": ("Brechas", ["family", "code", "subject", "message"],
                {"family": "Familia", "code": "Código", "subject": "Sobre",
                 "message": "Brecha"}, _gap_rows),
    "intermediarios": ("Intermediarios", ["id", "name", "sector_es", "kind", "degree",
                                          "betweenness", "articulation_point"],
                       {"id": "Id", "name": "Nombre", "sector_es": "Sector", "kind": "Tipo",
                        "degree": "Vínculos", "betweenness": "Intermediación",
                        "articulation_point": "Punto de articulación"}, _broker_rows),
    "propuestas": ("Propuestas", ["rank", "actors", "names", "sectors", "score",
                                  "explanation"],
                   {"rank": "Puesto", "actors": "Ids", "names": "Actores",
                    "sectors": "Sectores", "score": "Puntaje", "explanation": "Por qué"},
                   _proposal_rows),
}


