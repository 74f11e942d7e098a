"""Instancia, Acuerdo and Programa: one participation instance, agreement or national
programme with its members or signatories (roles, dates, sectors), territories and the
actors involved (:mod:`pat_graph.node_profile`, the ficha's numbers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from flask import Response, redirect

from pat_graph.lookup import find
from pat_graph.web.http import Route, as_of, other_args, respond, url, workbench

ROUTES: tuple[Route, ...] = (
    Route("/instancia/<ident>", "instancia",
          "Instancia: integrantes con rol y fechas, composición por sector, territorio"),
    Route("/acuerdo/<ident>", "acuerdo",
          "Acuerdo: firmantes con rol y sector, territorio, instrumentos y programas"),
    Route("/programa/<ident>", "programa",
          "Programa nacional: ciclo Nación–Territorio por departamento, actores"),
)

#: URL prefix of each kind's page (search results and other pages link with it).
PREFIX: dict[str, str] = {"instance": "/instancia/", "agreement": "/acuerdo/",
                          "programme": "/programa/"}


def page_url(kind: str, ident: str) -> str:
    """The page of the instance, agreement or programme ``ident`` (keeps the fecha)."""
    return url(PREFIX[kind] + quote(ident, safe=""))


def _profile(kind: str, ident: str, when: str | None) -> Any:
    """The profile of what ``ident`` names (id or name), computed once per store state."""
    from pat_graph import node_profile

    compute: dict[str, Callable[..., Any]] = {
        "instance": node_profile.instance_profile, "agreement": node_profile.agreement_profile,
        "programme": node_profile.programme_profile}
    wb = workbench()
    an = wb.analyses(when)
    node = find(an.graph, ident, kind).node
    return wb.memo((kind, node, when), lambda: compute[kind](an, node, when, analyses=an))


def _page(kind: str, template: str, ident: str, **context: Any) -> Response | str:
    when = as_of()
    p = _profile(kind, ident, when)
    if p.id != ident:
        return redirect(url(PREFIX[kind] + quote(p.id, safe=""), **other_args("fecha")), 302)
    return respond(template, p.to_dict(), p=p, **context)


def instancia(ident: str) -> Response | str:
    return _page("instance", "instancia.html", ident)


def acuerdo(ident: str) -> Response | str:
    return _page("agreement", "acuerdo.html", ident)


def programa(ident: str) -> Response | str:
    from pat_graph.node_profile import PROGRAMME_ROLES_ES

    return _page("programme", "programa.html", ident, roles_es=PROGRAMME_ROLES_ES)
