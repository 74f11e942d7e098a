"""Actor: profile with provenance, alliances, position, proposals
(:func:`pat_graph.profile.actor_profile`) and its ego network."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from flask import Response, redirect

from pat_graph.lookup import find
from pat_graph.web.http import Route, as_of, other_args, respond, url, workbench

ROUTES: tuple[Route, ...] = (
    Route("/actor/<ident>", "actor", "Actor: perfil, alianzas, posición, propuestas"),
    Route("/actor/<ident>/red", "red_actor", "Red ego del actor (vis-network)"),
)


def profile(ident: str, when: str | None) -> Any:
    """The actor ``ident`` names (id, name, acronym…), profiled once per store state."""
    from pat_graph.profile import actor_profile

    wb = workbench()
    an = wb.analyses(when)
    node = find(an.graph, ident, "actor").node
    return wb.memo(("actor", node, when), lambda: actor_profile(an.ctx, node, when))


def actor(ident: str) -> Response | str:
    when = as_of()
    p = profile(ident, when)
    if p.id != ident:
        return redirect(url("/actor/" + quote(p.id, safe=""), **other_args("fecha")), 302)
    return respond("actor.html", p.to_dict(), p=p,
                   departments=workbench().analyses(when).ctx.departments)


def red_actor(ident: str) -> Response | str:
    from pat_graph.web.pages.network import viewer

    return viewer(actor=profile(ident, as_of()).id)
