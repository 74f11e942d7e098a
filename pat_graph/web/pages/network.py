"""Red: the network viewer (sigma.js, WebGL) over the whole country — the actor network
or the full graph — and over a department's or an actor's network, with search,
filters, neighbourhood highlight, PNG download and a time slider over the fecha de
corte. The page is a normal workbench page (its scripts are static files); its data
comes as JSON from the same address with ``formato=json`` (:mod:`pat_graph.viz.network`).

Positions are one layout of the store's whole graph (no cut-off date), computed once
per store state: reloads, both vistas and every fecha keep every node in its place.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Response, request

from pat_graph.errors import InputError, NotFoundError
from pat_graph.formatting import date_es, integer
from pat_graph.lookup import find
from pat_graph.viz import network as net
from pat_graph.web.http import Route, as_of, url, wants_json, workbench
from pat_graph.web.pages.home import page_url
from pat_graph.web.state import Workbench

ROUTES: tuple[Route, ...] = (
    Route("/red", "red", "Red nacional (actor–actor o grafo completo), de un departamento "
          "o de un actor: búsqueda, filtros, imagen PNG, fecha de corte"),
    Route("/api/red/nodo", "red_nodo", "Detalle de un nodo de la red (JSON, al hacer clic)"),
)


def _layout(wb: Workbench) -> dict[str, tuple[float, float]]:
    graph = wb.graph()
    return wb.memo(("red-layout",), lambda: net.layout(graph))


def _dates(wb: Workbench) -> list[list[str]]:
    graph = wb.graph()
    return wb.memo(("red-dates",), lambda: [[d, date_es(d)] for d in net.as_of_dates(graph)])


def national_json(wb: Workbench, vista: str, when: str | None) -> str:
    """The whole graph's payload in ``vista`` as JSON text (cached per store state)."""
    an = wb.analyses(when)
    positions, dates, full = _layout(wb), _dates(wb), wb.graph()
    return wb.memo(("red-json", vista, when), lambda: _dumps(
        net.network_payload(an.graph, full, vista, positions, dates=dates)))


def warm(wb: Workbench) -> None:
    """Lay out the store's graph and prepare the national actor network before anyone
    asks (``pat-graph serve`` runs it in the background at start, after the index)."""
    national_json(wb, "actores", None)


def _scope() -> tuple[str, str, str]:
    """(vista, departamento, actor) of the request, checked."""
    vista = request.args.get("vista", "actores").strip() or "actores"
    dept = request.args.get("departamento", "").strip()
    actor = request.args.get("actor", "").strip()
    if dept and actor:
        raise InputError("Pida la red de un departamento o la de un actor, no las dos.")
    if vista not in net.VISTAS:
        raise InputError(f"vista «{vista}» no reconocida: use " + " o ".join(net.VISTAS))
    return vista, dept, actor


def payload_json(vista: str, dept: str, actor: str, when: str | None) -> str:
    """The viewer's data as JSON text (cached per store state, scope and date)."""
    wb = workbench()
    an = wb.analyses(when)
    if dept:
        code = wb.department_code(dept, when)
        key: tuple[Any, ...] = ("red-json", "departamento", code, when)
        return wb.memo(key, lambda: _dumps(net.from_view(
            wb.department_view(code, when), an.graph, dates=_dates(wb))))
    if actor:
        from pat_graph.viz import actor_view

        node = find(an.graph, actor, "actor").node
        return wb.memo(("red-json", "actor", node, when), lambda: _dumps(net.from_view(
            wb.memo(("view-actor", node, when), lambda: actor_view(an.graph, node)),
            an.graph, dates=_dates(wb))))
    return national_json(wb, vista, when)


def _dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def red() -> Response | str:
    when = as_of()
    vista, dept, actor = _scope()
    if wants_json():
        return Response(payload_json(vista, dept, actor, when), mimetype="application/json")
    return viewer(vista=vista, departamento=dept, actor=actor)


def viewer(*, vista: str = "actores", departamento: str = "", actor: str = "") -> str:
    """The viewer page of the whole graph (``vista``), of a department or of an actor;
    ``?marco=1`` draws it without the workbench's header and footer (inside a page)."""
    from flask import render_template

    when = as_of()
    an = workbench().analyses(when)
    if departamento:
        m = find(an.graph, departamento, "department")
        title, back = f"Red de {m.name} ({m.key})", url(f"/departamento/{m.key}")
        scope = {"departamento": m.key}
    elif actor:
        m = find(an.graph, actor, "actor")
        title, back = f"Red de {m.name}", page_url(an, m.node)
        scope = {"actor": m.key}
    else:
        title, back = "Colombia: " + net.VISTAS[vista].split(" (")[0].lower(), None
        scope = {"vista": vista} if vista != "actores" else {}
    data_url = url("/red", **scope, formato="json")
    params = {k: v for k, v in request.args.items() if k not in ("formato", "marco")}
    toggles = [{"code": c, "name": n, "url": url("/red", **{**params, "vista": c}),
                "on": c == vista} for c, n in net.VISTAS.items()] if not scope or \
        "vista" in scope else []
    return render_template("red.html", title=title, data_url=data_url, back=back,
                           toggles=toggles, fecha_iso=when,
                           marco=request.args.get("marco", "") == "1")


def red_nodo() -> Response:
    from flask import jsonify

    when = as_of()
    ident = request.args.get("id", "").strip()
    an = workbench().analyses(when)
    if not ident or ident not in an.graph:
        raise NotFoundError(f"No existe el nodo «{ident}» en la red"
                            + (f" a la fecha de corte {date_es(when)}" if when else ""))
    d = net.details(an.graph, ident)
    data = an.graph.nodes[ident]
    return jsonify({"id": ident, "name": str(data.get("name") or ident), **d,
                    "url": page_url(an, ident),
                    "degree": integer(an.graph.degree(ident))})


__all__ = ["ROUTES", "national_json", "payload_json", "red", "red_nodo", "viewer", "warm"]
