"""What every page of the workbench does with a request: read its parameters (the fecha
de corte, the wanted format), build links that keep them, and answer HTML or JSON.

A page module (:mod:`pat_graph.web.pages`) declares its :class:`Route` entries and
view functions and calls these helpers; the store and its cached analyses come
from :func:`workbench` (the :class:`~pat_graph.web.state.Workbench` of the running
application).

>>> from flask import Flask
>>> with Flask("x").test_request_context("/departamento/50?fecha=31/12/2024"):
...     as_of(), url("/actor/A-1")
('2024-12-31', '/actor/A-1?fecha=31%2F12%2F2024')
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, jsonify, render_template, request

from pat_graph.dates import parse_date
from pat_graph.errors import InputError
from pat_graph.web.state import Workbench


@dataclass(frozen=True)
class Route:
    """One entry of the route table: URL rule, endpoint, methods and what it shows."""

    rule: str
    endpoint: str
    title: str
    methods: tuple[str, ...] = ("GET",)


def workbench() -> Workbench:
    """The running application's store and cache."""
    return current_app.extensions["pat_graph_workbench"]


def as_of() -> str | None:
    """The ``fecha`` parameter (fecha de corte) as ISO, ``None`` when absent."""
    raw = request.args.get("fecha", "").strip()
    return parse_date(raw, keep_time=False) if raw else None


def wants_json() -> bool:
    """``?formato=json`` (or ``Accept: application/json``): the page's data as JSON."""
    fmt = request.args.get("formato", "").strip().lower()
    if fmt and fmt not in ("json", "html"):
        raise InputError(f"formato «{fmt}» no reconocido: use formato=json o formato=html")
    if fmt:
        return fmt == "json"
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def url(path: str, **params: Any) -> str:
    """``path`` with ``params`` and the current fecha de corte as query string."""
    fecha = request.args.get("fecha", "").strip()
    if fecha and "fecha" not in params:
        params["fecha"] = fecha
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{path}?{query}" if query else path


def other_args(*drop: str) -> dict[str, str]:
    """The request's parameters less ``drop`` (for a redirect that keeps the rest)."""
    return {k: v for k, v in request.args.items() if k not in drop}


def jsonable(value: Any) -> Any:
    """Dataclasses, tuples and sets as JSON-ready dicts and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [jsonable(v) for v in value]
    return value


def respond(template: str, data: dict[str, Any], **context: Any) -> Response | str:
    """``data`` as JSON when asked (:func:`wants_json`), else the page ``template``."""
    if wants_json():
        return jsonify(jsonable(data))
    return render_template(template, data=data, **context)


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


def self_contained(html: str, *, scripts: bool = True) -> Response:
    """A whole HTML document (a network view, a ficha) with its own CSP."""
    resp = Response(html, mimetype="text/html")
    resp.headers["Content-Security-Policy"] = inline_csp(html, scripts=scripts)
    return resp


def written(write: Callable[[str], Any], suffix: str) -> bytes:
    """The bytes ``write(path)`` puts in a temporary file named ``*suffix``."""
    with tempfile.TemporaryDirectory() as tmp:
        path = str(Path(tmp) / f"descarga{suffix}")
        write(path)
        return Path(path).read_bytes()


def download(name: str, mimetype: str, write: Callable[[str], Any] | None, suffix: str,
             *, body: bytes | None = None) -> Response:
    """An attachment ``name`` whose bytes ``write(path)`` puts in a temporary file (or
    ``body``, bytes already written)."""
    if body is None:
        assert write is not None
        body = written(write, suffix)
    resp = Response(body, mimetype=mimetype)
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_download(name: str, ext: str, rows: list[dict[str, Any]], columns: list[str],
                   headers: dict[str, str], sheet: str) -> Response:
    """``rows`` as the attachment ``name.csv`` (UTF-8 with BOM, formula-safe:
    :func:`pat_graph.tables.write_csv`) or ``name.xlsx``
    (:func:`pat_graph.tables.write_xlsx`), with Spanish ``headers``."""
    import io

    from pat_graph.tables import write_csv, write_xlsx

    if ext == "csv":
        buf = io.StringIO()
        write_csv(rows, buf, columns=columns, headers=headers, bom=True)
        resp = Response(buf.getvalue().encode("utf-8"), mimetype="text/csv; charset=utf-8")
        resp.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return resp
    return download(f"{name}.xlsx", XLSX_MIME, lambda path: write_xlsx(
        rows, path, columns=columns, headers=headers, sheet=sheet[:31]), ".xlsx")


__all__ = ["XLSX_MIME", "Route", "as_of", "download", "inline_csp", "jsonable", "other_args",
           "respond", "self_contained", "table_download", "url", "wants_json", "workbench",
           "written"]
