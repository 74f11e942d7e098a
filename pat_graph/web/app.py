"""The workbench's Flask application: the route table, the pages and their safety.

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

import base64
import dataclasses
import hashlib
import hmac
import io
import logging
import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode

from flask import Flask, Response, jsonify, redirect, render_template, request
from markupsafe import Markup
from werkzeug.exceptions import HTTPException

from pat_graph import analytics, model
from pat_graph.analytics.records import KINDS_ES
from pat_graph.dates import parse_date
from pat_graph.errors import InputError, NotFoundError, PatGraphError
from pat_graph.formatting import date_es, integer, number
from pat_graph.lookup import HOW_ES, KIND_ES, SEARCH_TYPES, AmbiguousError, find, search
from pat_graph.report import Analyses, ficha, render_ficha
from pat_graph.report.build import TOP_RECOMMENDATIONS
from pat_graph.report.data import kind_es
from pat_graph.store.base import Store
from pat_graph.tables import write_csv, write_xlsx
from pat_graph.web.mapsvg import gap_map_svg
from pat_graph.web.state import Workbench

log = logging.getLogger("pat_graph.web")

#: The Content-Security-Policy of the workbench's own pages: nothing from another origin,
#: no inline script (the pages' one script is /estaticos/app.js), no inline style.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; "
       "form-action 'self'; object-src 'none'")
#: The assets served under /estaticos/ (read from the package once; never a path).
STATIC_FILES: dict[str, str] = {"app.css": "text/css; charset=utf-8",
                                "app.js": "text/javascript; charset=utf-8"}
TOKEN_COOKIE = "pat_graph_token"
#: Search kinds by the ``tipo`` parameter (as ``pat-graph buscar --tipo``).
SEARCH_LIMIT = 50
SUGGEST_LIMIT = 8
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


@dataclass(frozen=True)
class Route:
    """One entry of the route table: URL rule, endpoint, methods and what it shows."""

    rule: str
    endpoint: str
    title: str
    methods: tuple[str, ...] = ("GET",)


#: Every URL the workbench answers (the tests walk this table).
ROUTES: tuple[Route, ...] = (
    Route("/", "inicio", "Inicio: mapa, ranking, conteos nacionales, última carga"),
    Route("/buscar", "buscar", "Buscar actores, instancias, acuerdos, programas, territorios"),
    Route("/api/buscar", "sugerir", "Sugerencias de búsqueda (JSON, para escribir y elegir)"),
    Route("/departamento/<codigo>", "departamento", "Departamento: índice, brechas, instancias..."),
    Route("/departamento/<codigo>/red", "red_departamento", "Red del departamento (vis-network)"),
    Route("/departamento/<codigo>/ficha", "ficha_departamento", "Ficha diagnóstico (HTML)"),
    Route("/departamento/<codigo>/tablas/<tabla>.<ext>", "tabla_departamento",
          "Tablas del departamento en CSV o .xlsx"),
    Route("/departamento/<codigo>/grafo.<ext>", "grafo_departamento",
          "Grafo del departamento (lo que muestra su red) en GEXF o GraphML, para Gephi"),
    Route("/actor/<ident>", "actor", "Actor: perfil, alianzas, posición, propuestas"),
    Route("/actor/<ident>/red", "red_actor", "Red ego del actor (vis-network)"),
    Route("/estaticos/<nombre>", "estatico", "Hoja de estilos y script de las páginas"),
    Route("/favicon.ico", "icono", "Icono del sitio (los navegadores lo piden solos)"),
)
#: The site icon: a small SVG (a node and its ties).
ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><path d="M3 13L8 3L13 13Z" '
        'fill="none" stroke="#0b5394" stroke-width="1.5"/><circle cx="8" cy="3" r="2.2" '
        'fill="#0b5394"/><circle cx="3" cy="13" r="2.2" fill="#bd0026"/><circle cx="13" cy="13" '
        'r="2.2" fill="#fd8d3c"/></svg>')


# --------------------------------------------------------------------------- helpers
def inline_csp(html: str, *, scripts: bool = True) -> str:
    """A CSP for a self-contained page (a network view, a ficha): its inline scripts
    allowed by their SHA-256 (no other script can run), nothing from another origin.

    >>> csp = inline_csp("<script>alert(1)</script>")
    >>> "'sha256-" in csp and "http" not in csp
    True
    """
    hashes = []
    if scripts:
        for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
            digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
            hashes.append(f"'sha256-{digest}'")
    script = " ".join(dict.fromkeys(hashes)) or "'none'"
    return (f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
            "img-src data: blob:; font-src 'none'; connect-src 'none'; "
            "frame-ancestors 'self'; base-uri 'none'; form-action 'none'")


@cache
def _static(name: str) -> str:
    return resources.files("pat_graph.web").joinpath("static", name).read_text(encoding="utf-8")


def _as_of() -> str | None:
    """The ``fecha`` parameter (fecha de corte) as ISO, ``None`` when absent."""
    raw = request.args.get("fecha", "").strip()
    return parse_date(raw, keep_time=False) if raw else None


def _wants_json() -> bool:
    fmt = request.args.get("formato", "").strip().lower()
    if fmt and fmt not in ("json", "html"):
        raise InputError(f"formato «{fmt}» no reconocido: use formato=json o formato=html")
    if fmt:
        return fmt == "json"
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def _url(path: str, **params: Any) -> str:
    """``path`` with ``params`` and the current fecha de corte as query string."""
    fecha = request.args.get("fecha", "").strip()
    if fecha and "fecha" not in params:
        params["fecha"] = fecha
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    return value


# --------------------------------------------------------------------------- the app
def create_app(location: str | None = None, *, store: Store | None = None,
               token: str | None = None, workbench: Workbench | None = None,
               check_seconds: float = 0.0) -> Flask:
    """The workbench over the store at ``location`` (SQLite path or Neo4j URI) or an open
    ``store``. With ``token``, every request must carry it (``Authorization: Bearer``,
    the cookie a first ``?token=`` sets, or ``?token=``); without it the answer is 401.
    ``check_seconds``: at most one look at the store's state per that many seconds."""
    wb = workbench or Workbench(location, store=store, check_seconds=check_seconds)
    app = Flask("pat_graph.web", static_folder=None,
                template_folder=str(resources.files("pat_graph.web").joinpath("templates")))
    app.jinja_env.autoescape = True
    app.config["JSON_AS_ASCII"] = False
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.extensions["pat_graph_workbench"] = wb
    app.jinja_env.filters.update(fecha=date_es,
                                 conteo=lambda v: "—" if v is None else integer(v),
                                 numero=lambda v, d=1: "—" if v is None else number(v, d),
                                 sector=lambda s: model.label_es("sector", s) if s
                                 else "Sin sector")
    app.jinja_env.filters["etiqueta"] = lambda value, vocabulary: (
        model.label_es(vocabulary, value) if value else "")
    app.jinja_env.filters["tipo_actor"] = kind_es
    app.jinja_env.globals["RECORD_KINDS_ES"] = KINDS_ES
    app.jinja_env.filters["seg"] = lambda text: quote(str(text), safe="")
    app.jinja_env.globals.update(url=_url, KIND_ES=KIND_ES)

    @app.context_processor
    def _store_location() -> dict[str, str]:
        return {"store_location": wb.shown_location}

    def analyses(as_of: str | None) -> Analyses:
        wb.graph()  # checks the store's state first (a load empties the cache)
        return wb.memo(("analyses", as_of), lambda: Analyses(wb.graph(), as_of))

    def ranking(as_of: str | None) -> list[analytics.DepartmentIndex]:
        an = analyses(as_of)
        return wb.memo(("index", as_of),
                       lambda: analytics.gap_index(an.ctx, with_unrecorded=True))

    def records(as_of: str | None) -> dict[str, analytics.DepartmentRecords]:
        an = analyses(as_of)
        return wb.memo(("records", as_of), lambda: analytics.record_coverage(an.ctx))

    def department_code(text: str, as_of: str | None) -> str:
        return find(analyses(as_of).graph, text, "department").key

    def department_data(code: str, as_of: str | None) -> dict[str, Any]:
        an = analyses(as_of)

        def compute() -> dict[str, Any]:
            from pat_graph.recommend import recommend

            f = ficha(an.ctx, code, analyses=an, recommendations=False)
            props = recommend(an.ctx, code, top=TOP_RECOMMENDATIONS)
            return {"ficha": f, "proposals": props, "gaps": an.gaps.get(code, [])}
        return wb.memo(("department", code, as_of), compute)

    def warm() -> None:
        """Compute what the first visits need (index, coverage, the recommender's model
        through the worst department) before anyone asks: ``pat-graph serve`` runs it in
        the background at start."""
        index = ranking(None)
        records(None)
        if index and index[0].score is not None:
            department_data(index[0].department_code, None)

    app.extensions["pat_graph_warm"] = warm

    def respond(template: str, data: dict[str, Any], **context: Any) -> Response | str:
        if _wants_json():
            return jsonify(_jsonable(data))
        return render_template(template, data=data, **context)

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
            wanted_json = _wants_json()
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
                  400: ("Solicitud inválida", "La solicitud no se pudo leer.")}
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

    # ------------------------------------------------------------------ pages
    def inicio() -> Response | str:
        as_of = _as_of()
        stats = wb.stats()
        index = ranking(as_of)
        recs = records(as_of)
        last = stats.loads[-1] if stats.loads else None
        rows = [{"rank": r.rank, "code": r.department_code, "name": r.department_name,
                 "score": r.score, "position": r.position,
                 "records": recs[r.department_code].total if r.department_code in recs else 0,
                 "last_record": recs[r.department_code].last_record
                 if r.department_code in recs else None,
                 "explanation": r.explanation[:3]} for r in index]
        data = {
            "as_of": as_of, "store": wb.shown_location,
            "counts": {model.LABEL_ES.get(k, k): v for k, v in stats.nodes_by_label.items()},
            "relationships": stats.edges,
            "national_mean": analytics.national_mean(index),
            "departments_ranked": sum(1 for r in index if r.score is not None),
            "last_load": last, "loads": len(stats.loads), "ranking": rows,
        }
        svg = wb.memo(("map", as_of), lambda: gap_map_svg(
            {r.department_code: r.score for r in index},
            {r.department_code: r.department_name for r in index}))
        return respond("inicio.html", data, map_svg=Markup(svg))

    def _match_row(m: Any, an: Analyses) -> dict[str, Any]:
        if m.kind == "actor":
            link = _url("/actor/" + quote(m.key, safe=""))
        elif m.kind == "department":
            link = _url(f"/departamento/{m.key}")
        elif m.kind == "municipality":
            link = _url(f"/departamento/{m.key[:2]}")
        else:
            dept = an.ctx.department_of(m.node)
            anchor = {"instance": "#instancias", "agreement": "#acuerdos",
                      "programme": "#programas"}.get(m.kind, "")
            link = _url(f"/departamento/{dept}") + anchor if dept else None
        return {"kind": m.kind, "kind_es": KIND_ES[m.kind], "key": m.key, "name": m.name,
                "how": m.how, "how_es": HOW_ES.get(m.how, m.how), "url": link}

    def _kinds() -> tuple[str, ...] | None:
        tipo = request.args.get("tipo", "").strip()
        if tipo and tipo not in SEARCH_TYPES:
            raise InputError(f"tipo «{tipo}» no reconocido: use uno de "
                             + ", ".join(SEARCH_TYPES))
        return SEARCH_TYPES[tipo] if tipo else None

    def buscar() -> Response | str:
        q = request.args.get("q", "").strip()
        kinds = _kinds()
        an = analyses(_as_of())
        results = [_match_row(m, an) for m in search(an.graph, q, kinds, limit=SEARCH_LIMIT)] \
            if q else []
        data = {"q": q, "tipo": request.args.get("tipo", ""), "results": results}
        return respond("buscar.html", data, types=SEARCH_TYPES)

    def sugerir() -> Response:
        q = request.args.get("q", "").strip()
        kinds = _kinds()
        an = analyses(_as_of())
        found = search(an.graph, q, kinds, limit=SUGGEST_LIMIT) if len(q) >= 2 else []
        return jsonify([_match_row(m, an) for m in found])

    def departamento(codigo: str) -> Response | str:
        as_of = _as_of()
        code = department_code(codigo, as_of)
        if code != codigo:
            return redirect(_url(f"/departamento/{code}",
                                 **{k: v for k, v in request.args.items() if k != "fecha"}), 302)
        d = department_data(code, as_of)
        rec = records(as_of).get(code)
        data = {**_jsonable(d["ficha"]), "record_coverage": rec.to_row() if rec else None,
                "proposals": [p.to_row(i) for i, p in enumerate(d["proposals"], 1)],
                "gaps": [x.to_row() for x in d["gaps"]]}
        data.pop("network_svg", None)
        return respond("departamento.html", data, f=d["ficha"], proposals=d["proposals"],
                       rec=rec, tables=TABLES)

    def department_network(code: str, as_of: str | None) -> Any:
        from pat_graph.viz import department_view

        d = department_data(code, as_of)
        recs = [(p.actor_ids[0], p.actor_ids[1], p.explanation) for p in d["proposals"]
                if len(p.actor_ids) == 2]
        an = analyses(as_of)
        view = wb.memo(("view-department", code, as_of), lambda: department_view(
            an.graph, code, gaps=True, recommendations=recs))
        return view, wb.memo(("red-department", code, as_of), view.html)

    def red_departamento(codigo: str) -> Response:
        as_of = _as_of()
        _, html = department_network(department_code(codigo, as_of), as_of)
        return _self_contained(html)

    def grafo_departamento(codigo: str, ext: str) -> Response:
        from pat_graph.export import write_gexf, write_graphml

        writers = {"gexf": write_gexf, "graphml": write_graphml}
        if ext not in writers:
            raise NotFoundError(f"No existe el formato «{ext}»: grafo.gexf o grafo.graphml")
        as_of = _as_of()
        code = department_code(codigo, as_of)
        view, _ = department_network(code, as_of)
        fd, tmp = tempfile.mkstemp(suffix="." + ext)
        os.close(fd)
        try:
            writers[ext](view.graph, tmp)
            with open(tmp, "rb") as fh:
                body = fh.read()
        finally:
            os.unlink(tmp)
        resp = Response(body, mimetype="application/xml")
        name = f"red_{code}" + (f"_{as_of}" if as_of else "")
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
        return resp

    def ficha_departamento(codigo: str) -> Response:
        as_of = _as_of()
        code = department_code(codigo, as_of)
        an = analyses(as_of)
        loads = wb.stats().loads
        html = wb.memo(("ficha", code, as_of), lambda: render_ficha(
            ficha(an.ctx, code, analyses=an, loads=loads)))
        return _self_contained(html, scripts=False)

    def tabla_departamento(codigo: str, tabla: str, ext: str) -> Response:
        if tabla not in TABLES or ext not in ("csv", "xlsx"):
            raise NotFoundError(f"No existe la tabla «{tabla}.{ext}»: tablas "
                                + ", ".join(f"{t}.csv / {t}.xlsx" for t in TABLES))
        as_of = _as_of()
        code = department_code(codigo, as_of)
        d = department_data(code, as_of)
        title, columns, headers, rows_of = TABLES[tabla]
        rows = rows_of(d)
        name = f"{tabla}_{code}" + (f"_{as_of}" if as_of else "")
        if ext == "csv":
            buf = io.StringIO()
            write_csv(rows, buf, columns=columns, headers=headers, bom=True)
            body: bytes = buf.getvalue().encode("utf-8")
            mime = "text/csv; charset=utf-8"
        else:
            fd, tmp = tempfile.mkstemp(suffix=".xlsx")
            os.close(fd)
            try:
                write_xlsx(rows, tmp, columns=columns, headers=headers, sheet=title[:31])
                with open(tmp, "rb") as fh:
                    body = fh.read()
            finally:
                os.unlink(tmp)
            mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        resp = Response(body, mimetype=mime)
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
        return resp

    def _profile(ident: str, as_of: str | None) -> Any:
        from pat_graph.profile import actor_profile

        an = analyses(as_of)
        node = find(an.graph, ident, "actor").node
        return wb.memo(("actor", node, as_of), lambda: actor_profile(an.ctx, node, as_of))

    def actor(ident: str) -> Response | str:
        as_of = _as_of()
        p = _profile(ident, as_of)
        if p.id != ident:
            return redirect(_url("/actor/" + quote(p.id, safe=""),
                                 **{k: v for k, v in request.args.items() if k != "fecha"}), 302)
        return respond("actor.html", p.to_dict(), p=p)

    def red_actor(ident: str) -> Response:
        from pat_graph.viz import actor_view

        as_of = _as_of()
        p = _profile(ident, as_of)
        an = analyses(as_of)
        html = wb.memo(("red-actor", p.node, as_of), lambda: actor_view(an.graph, p.node).html())
        return _self_contained(html)

    def estatico(nombre: str) -> Response:
        if nombre not in STATIC_FILES:
            raise NotFoundError(f"No existe el archivo «{nombre}»")
        resp = Response(_static(nombre), mimetype=STATIC_FILES[nombre].split(";")[0])
        resp.headers["Cache-Control"] = "no-cache"
        return resp

    def icono() -> Response:
        resp = Response(ICON, mimetype="image/svg+xml")
        resp.headers["Cache-Control"] = "max-age=86400"
        return resp

    def _self_contained(html: str, *, scripts: bool = True) -> Response:
        resp = Response(html, mimetype="text/html")
        resp.headers["Content-Security-Policy"] = inline_csp(html, scripts=scripts)
        return resp

    views: dict[str, Callable[..., Any]] = {
        "inicio": inicio, "buscar": buscar, "sugerir": sugerir, "departamento": departamento,
        "red_departamento": red_departamento, "grafo_departamento": grafo_departamento,
        "ficha_departamento": ficha_departamento,
        "tabla_departamento": tabla_departamento, "actor": actor, "red_actor": red_actor,
        "estatico": estatico, "icono": icono,
    }
    for route in ROUTES:
        app.add_url_rule(route.rule, route.endpoint, views[route.endpoint],
                         methods=list(route.methods))
    return app


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
    return [{"id": p.id, "name": p.name, "owner": p.owner, "state_es": p.state_es,
             "via": "; ".join(p.via)} for p in d["ficha"].programmes]


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
