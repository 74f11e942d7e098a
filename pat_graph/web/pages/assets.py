"""The pages' one style sheet and script (read from the package, never a path) and the
site icon."""

from __future__ import annotations

from functools import cache
from importlib import resources

from flask import Response

from pat_graph.errors import NotFoundError
from pat_graph.web.http import Route

ROUTES: tuple[Route, ...] = (
    Route("/estaticos/<nombre>", "estatico", "Hoja de estilos y script de las páginas"),
    Route("/favicon.ico", "icono", "Icono del sitio (los navegadores lo piden solos)"),
)
#: The assets served under /estaticos/ (read from the package once; never a path).
STATIC_FILES: dict[str, str] = {"app.css": "text/css; charset=utf-8",
                                "app.js": "text/javascript; charset=utf-8",
                                # the network viewer (/red) and its vendored libraries
                                "red.js": "text/javascript; charset=utf-8",
                                "sigma.min.js": "text/javascript; charset=utf-8",
                                "graphology.umd.min.js": "text/javascript; charset=utf-8"}
#: The site icon: a small SVG (a node and its ties).
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M3 13L8 3L13 13Z" '
        'fill="none" stroke="#0b5394" stroke-width="1.5"/><circle cx="8" cy="3" r="2.2" '
        'fill="#0b5394"/><circle cx="3" cy="13" r="2.2" fill="#bd0026"/><circle cx="13" cy="13" '
        'r="2.2" fill="#fd8d3c"/></svg>')


@cache
def static_text(name: str) -> str:
    """The text of one of :data:`STATIC_FILES`."""
    return resources.files("pat_graph.web").joinpath("static", name).read_text(encoding="utf-8")


def estatico(nombre: str) -> Response:
    if nombre not in STATIC_FILES:
        raise NotFoundError(f"No existe el archivo «{nombre}»")
    resp = Response(static_text(nombre), mimetype=STATIC_FILES[nombre].split(";")[0])
    resp.headers["Cache-Control"] = "no-cache"
    return resp


def icono() -> Response:
    resp = Response(ICON, mimetype="image/svg+xml")
    resp.headers["Cache-Control"] = "max-age=86400"
    return resp
