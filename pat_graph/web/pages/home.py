"""Inicio (map, ranking, national counts, last load) and Buscar (search with type-ahead)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response, jsonify, request
from markupsafe import Markup

from pat_graph import analytics, model
from pat_graph.errors import InputError
from pat_graph.lookup import HOW_ES, KIND_ES, SEARCH_TYPES, search
from pat_graph.web.http import Route, as_of, respond, url, workbench
from pat_graph.web.mapsvg import gap_map_svg
from pat_graph.web.pages import spaces

#: The national counts' headings (plural: «Actores 3.223»), in the words of
#: :data:`pat_graph.model.LABEL_ES`.
ROUTES: tuple[Route, ...] = (
    Route("/", "inicio", "Inicio: mapa, ranking, conteos nacionales, última carga"),
    Route("/buscar", "buscar", "Buscar actores, instancias, acuerdos, programas, territorios"),
    Route("/api/buscar", "sugerir", "Sugerencias de búsqueda (JSON, para escribir y elegir)"),
)
SEARCH_LIMIT = 50
SUGGEST_LIMIT = 8


def inicio() -> Response | str:
    wb, when = workbench(), as_of()
    stats = wb.stats()
    index = wb.ranking(when)
    recs = wb.records(when)
    last = stats.loads[-1] if stats.loads else None
    rows = [{"rank": r.rank, "code": r.department_code, "name": r.department_name,
             "score": r.score, "position": r.position,
             "records": recs[r.department_code].total if r.department_code in recs else 0,
             "last_record": recs[r.department_code].last_record
             if r.department_code in recs else None,
             "explanation": r.explanation[:3]} for r in index]
    data = {
        "as_of": when, "store": wb.shown_location,
        "counts": {model.LABEL_PLURAL_ES.get(k, model.LABEL_ES.get(k, k)): v
                   for k, v in stats.nodes_by_label.items()},
        "relationships": stats.edges,
        "national_mean": analytics.national_mean(index),
        "departments_ranked": sum(1 for r in index if r.score is not None),
        "last_load": last, "loads": len(stats.loads), "ranking": rows,
    }
    svg = wb.memo(("map", when), lambda: gap_map_svg(
        {r.department_code: r.score for r in index},
        {r.department_code: r.department_name for r in index}))
    return respond("inicio.html", data, map_svg=Markup(svg))


#: The section of the department page that lists a node of each label.
SECTION_OF: dict[str, str] = {model.INSTRUMENT: "#instrumentos"}
#: Labels with a page of their own (pages/spaces.py), by its kind.
OWN_PAGE: dict[str, str] = {model.INSTANCE: "instance", model.AGREEMENT: "agreement",
                            model.PROGRAM: "programme"}


def node_url(label: str, key: str, department: str | None = None) -> str | None:
    """The link to the page that shows a node (label and key; ``department``: its
    department, for the nodes shown on a department's page), keeping the fecha de corte;
    ``None`` when no page shows it (the nation, a node of no department)."""
    if label == model.ACTOR:
        return url("/actor/" + quote(key, safe=""))
    if label == model.TERRITORY:
        return url(f"/departamento/{key[:2]}") if key[:2].isdigit() else None
    if label in OWN_PAGE:
        return spaces.page_url(OWN_PAGE[label], key)
    return url(f"/departamento/{department}") + SECTION_OF.get(label, "") if department else None


def page_url(an: Any, node: str) -> str | None:
    """:func:`node_url` of a graph node (its department looked up only when needed)."""
    label = an.graph.nodes[node].get("label")
    key = node.split(":", 1)[-1]
    dept = None if label in (model.ACTOR, model.TERRITORY, *OWN_PAGE) else \
        an.ctx.department_of(node)
    return node_url(label, key, dept)


def match_row(m: Any, an: Any) -> dict[str, Any]:
    """A search match as the pages list it, with the link to its page."""
    return {"kind": m.kind, "kind_es": KIND_ES[m.kind], "key": m.key, "name": m.name,
            "how": m.how, "how_es": HOW_ES.get(m.how, m.how), "url": page_url(an, m.node)}


def _kinds() -> tuple[str, ...] | None:
    tipo = request.args.get("tipo", "").strip()
    if tipo and tipo not in SEARCH_TYPES:
        raise InputError(f"tipo «{tipo}» no reconocido: use uno de " + ", ".join(SEARCH_TYPES))
    return SEARCH_TYPES[tipo] if tipo else None


def buscar() -> Response | str:
    q = request.args.get("q", "").strip()
    kinds = _kinds()
    an = workbench().analyses(as_of())
    results = [match_row(m, an) for m in search(an.graph, q, kinds, limit=SEARCH_LIMIT)] \
        if q else []
    data = {"q": q, "tipo": request.args.get("tipo", ""), "results": results}
    return respond("buscar.html", data, types=SEARCH_TYPES)


def sugerir() -> Response:
    q = request.args.get("q", "").strip()
    kinds = _kinds()
    an = workbench().analyses(as_of())
    found = search(an.graph, q, kinds, limit=SUGGEST_LIMIT) if len(q) >= 2 else []
    return jsonify([match_row(m, an) for m in found])
