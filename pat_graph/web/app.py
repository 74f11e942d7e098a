"""The workbench's Flask application: its safety (host check, token, CSP, headers) and its
error pages; the pages themselves live in :mod:`pat_graph.web.pages`, one module per
page family, registered from their route tables.

Every page is a function of the request's parameters (in the URL: bookmarkable) that
calls the library — :func:`pat_graph.analytics.gap_index`,
:func:`pat_graph.analytics.record_coverage`, :func:`pat_graph.lookup.search` /
:func:`~pat_graph.lookup.find`, :func:`pat_graph.report.ficha`,
:func:`pat_graph.recommend.recommend`, :func:`pat_graph.profile.actor_profile`, the
views of :mod:`pat_graph.viz` — through the cache of
:class:`~pat_graph.web.state.Workbench`, and answers HTML (Jinja2, autoescape on) or,
with ``?formato=json`` or ``Accept: application/json``, the same data as JSON.

>>> import tempfile, os
>>> from pat_graph.store.sqlite import SQLiteStore
>>> path = os.path.join(tempfile.mkdtemp(), "vacio.sqlite")
>>> SQLiteStore(path).close()
>>> client = create_app(path).test_client()
>>> r = client.get("/?formato=json")
>>> r.status_code, r.json["ranking"], r.headers["Content-Security-Policy"].split(";")[0]
(200, [], "default-src 'self'")
>>> client.get("/actor/nadie").status_code, client.post("/").status_code
(404, 405)
"""

from __future__ import annotations

import hmac
import logging
from importlib import resources
from urllib.parse import quote, urlencode

from flask import Flask, Response, jsonify, redirect, render_template, request
from werkzeug.exceptions import HTTPException

from pat_graph import model
from pat_graph.analytics.records import KINDS_ES
from pat_graph.errors import InputError, NotFoundError, PatGraphError
from pat_graph.formatting import (
    date_es,
    index_value,
    integer,
    measure,
    or_dash,
    percent,
    points,
)
from pat_graph.lookup import KIND_ES, AmbiguousError
from pat_graph.report.data import kind_es
from pat_graph.store.base import Store
from pat_graph.web.http import Route, inline_csp, url, wants_json
from pat_graph.web.pages import ROUTES, VIEWS
from pat_graph.web.pages import network as network_page
from pat_graph.web.pages.department import TABLES
from pat_graph.web.state import Workbench

log = logging.getLogger("pat_graph.web")

#: The Content-Security-Policy of the workbench's own pages: nothing from another origin,
#: no inline script (the pages' one script is /estaticos/app.js), no inline style.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
       "form-action 'self'; object-src 'none'")
TOKEN_COOKIE = "pat_graph_token"
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


# --------------------------------------------------------------------------- the app
def create_app(location: str | None = None, *, store: Store | None = None,
               token: str | None = None, workbench: Workbench | None = None,
               check_seconds: float = 0.0, max_upload_mb: int = 50) -> Flask:
    """The workbench over the store at ``location`` (SQLite path or Neo4j URI) or an open
    ``store``. With ``token``, every request must carry it (``Authorization: Bearer``,
    the cookie a first ``?token=`` sets, or ``?token=``); without it the answer is 401.
    ``check_seconds``: at most one look at the store's state per that many seconds.
    ``max_upload_mb``: largest request (an upload in Cargar datos) accepted; beyond, 413."""
    wb = workbench or Workbench(location, store=store, check_seconds=check_seconds)
    app = Flask("pat_graph.web", static_folder=None,
                template_folder=str(resources.files("pat_graph.web").joinpath("templates")))
    app.jinja_env.autoescape = True
    app.config["JSON_AS_ASCII"] = False
    app.config["MAX_CONTENT_LENGTH"] = max_upload_mb << 20
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["pat_graph_workbench"] = wb
    app.extensions["pat_graph_warm"] = lambda: (wb.warm(), network_page.warm(wb))
    app.jinja_env.filters.update(fecha=date_es,
                                 conteo=lambda v: "—" if v is None else integer(v),
                                 # the rule of decimals (pat_graph.formatting): as the ficha
                                 indice=or_dash(index_value), puntos=or_dash(points),
                                 medida=or_dash(measure),
                                 sector=lambda s: model.label_es("sector", s) if s
                                 else "Sin sector")
    app.jinja_env.filters["etiqueta"] = lambda value, vocabulary: (
        model.label_es(vocabulary, value) if value else "")
    app.jinja_env.filters["tipo_actor"] = kind_es
    app.jinja_env.filters["porcentaje"] = percent
    app.jinja_env.globals["RECORD_KINDS_ES"] = KINDS_ES
    app.jinja_env.filters["seg"] = lambda text: quote(str(text), safe="")
    app.jinja_env.globals.update(url=url, KIND_ES=KIND_ES)

    @app.context_processor
    def _store_location() -> dict[str, str]:
        return {"store_location": wb.shown_location}

    # ------------------------------------------------------------ request guards
    @app.before_request
    def _guard() -> Response | None:
        if not token:  # local only: refuse other Host names (DNS rebinding)
            host = request.host.rsplit("]", 1)[0].lstrip("[") if request.host.startswith(
                "[") else request.host.split(":", 1)[0]
            if host not in LOCAL_HOSTS:
                return _error_page(400, "Dirección no permitida",
                                   f"Este servidor solo atiende en esta máquina (127.0.0.1), no "
                                   f"como «{host}». Para abrirlo a otras, inícielo con --host "
                                   "y --token.")
            return None
        given = request.args.get("token")
        header = request.headers.get("Authorization", "")
        candidates = [request.cookies.get(TOKEN_COOKIE, ""), given or "",
                      header[7:] if header.startswith("Bearer ") else ""]
        if not any(c and hmac.compare_digest(c.encode(), token.encode()) for c in candidates):
            return _error_page(401, "Acceso restringido",
                               "Este servidor pide la clave de acceso que se fijó al iniciarlo "
                               "(pat-graph serve --token). Abra la dirección con ?token=… "
                               "o envíe la cabecera Authorization: Bearer ….")
        if given:  # remember it in a cookie and drop it from the address bar
            rest = {k: v for k, v in request.args.items() if k != "token"}
            resp = redirect(request.path + ("?" + urlencode(rest) if rest else ""), 303)
            resp.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="Strict")
            return resp
        return None

    @app.after_request
    def _headers(resp: Response) -> Response:
        resp.headers.setdefault("Content-Security-Policy", CSP)
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Referrer-Policy"] = "no-referrer"
        resp.headers["X-Frame-Options"] = "SAMEORIGIN"
        resp.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        resp.headers.setdefault("Cache-Control", "no-store")
        return resp

    def _error_page(status: int, title: str, message: str) -> Response:
        wanted_json = False
        try:
            wanted_json = wants_json()
        except InputError:  # a bad ?formato=: the Accept header decides
            wanted_json = request.accept_mimetypes.best_match(
                ["text/html", "application/json"]) == "application/json"
        if wanted_json:
            resp = jsonify({"error": {"status": status, "title": title, "message": message}})
        else:
            resp = Response(render_template("error.html", status=status, title=title,
                                            message=message), mimetype="text/html")
        resp.status_code = status
        return resp

    @app.errorhandler(NotFoundError)
    def _not_found(err: NotFoundError) -> Response:
        if isinstance(err, AmbiguousError):
            return _error_page(400, "Nombre ambiguo", str(err))
        return _error_page(404, "No encontrado", str(err))

    @app.errorhandler(InputError)
    def _bad_input(err: InputError) -> Response:
        return _error_page(400, "Parámetro inválido", str(err))

    @app.errorhandler(PatGraphError)
    def _pat_error(err: PatGraphError) -> Response:
        return _error_page(503, "No se pudo leer el almacén", str(err))

    @app.errorhandler(HTTPException)
    def _http(err: HTTPException) -> Response:
        titles = {404: ("Página no encontrada", "Esta dirección no existe en el banco de "
                        "trabajo. Vuelva al inicio o use la búsqueda."),
                  405: ("Método no permitido", "Esta dirección solo se consulta (GET)."),
                  400: ("Solicitud inválida", "La solicitud no se pudo leer."),
                  403: ("Formulario no válido", "El formulario caducó o no salió de esta "
                        "página (falta su clave de seguridad o no coincide). Vuelva a abrir la "
                        "página, p. ej. Cargar datos, e inténtelo de nuevo."),
                  413: ("Archivo demasiado grande", "El archivo pasa del límite de "
                        f"{(app.config['MAX_CONTENT_LENGTH'] or 0) >> 20} MB de este servidor "
                        "(pat-graph serve --limite-carga MB). Divídalo o comprímalo en .zip.")}
        if err.code == 405 and "GET" not in (err.valid_methods or ("GET",)):
            titles[405] = ("Método no permitido", "Esta dirección solo recibe el envío de su "
                           "formulario (POST); ábrala desde su página.")
        title, message = titles.get(err.code or 500, ("Error", "La solicitud no se pudo atender."))
        resp = _error_page(err.code or 500, title, message)
        if err.code == 405:
            resp.headers["Allow"] = ", ".join(sorted(m for m in err.valid_methods or ()))
        return resp

    @app.errorhandler(Exception)
    def _crash(err: Exception) -> Response:
        log.exception("error interno en %s", request.path)
        return _error_page(500, "Error interno", "La página no se pudo preparar; el detalle "
                           "quedó en el registro del servidor.")

    for route in ROUTES:
        app.add_url_rule(route.rule, route.endpoint, VIEWS[route.endpoint],
                         methods=list(route.methods))
    return app


def check_host(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without an access token.

    >>> check_host("127.0.0.1", None)
    >>> check_host("0.0.0.0", None)
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: --host 0.0.0.0 abre el servidor a otras máquinas: fije una clave con --token (o PAT_GRAPH_TOKEN)
    """
    if host not in LOCAL_HOSTS and not token:
        raise InputError(f"--host {host} abre el servidor a otras máquinas: fije una clave con "
                         "--token (o PAT_GRAPH_TOKEN)")


__all__ = ["CSP", "ROUTES", "TABLES", "Route", "check_host", "create_app", "inline_csp"]
