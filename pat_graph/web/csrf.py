"""Protection of the workbench's state-changing requests (a load) against cross-site
request forgery.

The first page with a form gives the browser a random session cookie
(:data:`SESSION_COOKIE`: HttpOnly, ``SameSite=Strict``, never sent by another site's
request); the form carries :func:`token`, an HMAC of that session under a secret the
server draws at start and never shows. :func:`check` refuses (403, in Spanish) a POST
whose form token is missing or is not the one of the cookie it came with, or whose
``Origin`` header names another site. No state is kept on the server: a restart draws
a new secret, and old forms ask to be opened again.

>>> from flask import Flask
>>> app = Flask("x")
>>> with app.test_request_context("/cargar", method="POST", data={"csrf": "falso"}):
...     check()
Traceback (most recent call last):
...
werkzeug.exceptions.Forbidden: 403 Forbidden: ...
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from flask import Response, current_app, g, request
from werkzeug.exceptions import Forbidden

SESSION_COOKIE = "pat_graph_sesion"
#: The form field (or ``X-CSRF-Token`` header) that carries the token.
FIELD = "csrf"
_SECRET = "pat_graph_csrf_secret"


def _secret() -> bytes:
    return current_app.extensions.setdefault(_SECRET, secrets.token_bytes(32))


def session_id() -> str:
    """The browser's session (its cookie), or a new one that :func:`set_cookie` gives it."""
    sid = request.cookies.get(SESSION_COOKIE, "")
    if len(sid) < 32:
        sid = g.get("pat_graph_new_session") or secrets.token_urlsafe(32)
        g.pat_graph_new_session = sid
    return sid


def token() -> str:
    """The form token of this browser's session."""
    return hmac.new(_secret(), b"pat-graph-form:" + session_id().encode(),
                    hashlib.sha256).hexdigest()


def set_cookie(resp: Response) -> Response:
    """Give the browser its session cookie when this request drew a new one."""
    sid = g.get("pat_graph_new_session")
    if sid:
        resp.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="Strict", path="/")
    return resp


def check() -> str:
    """The session of a POST whose token is right; :class:`~werkzeug.exceptions.Forbidden`
    otherwise (wrong or missing token, no session cookie, another site's ``Origin``)."""
    origin = request.headers.get("Origin")
    if origin and origin != "null" and origin.rstrip("/") != request.host_url.rstrip("/"):
        raise Forbidden("origen distinto")
    sid = request.cookies.get(SESSION_COOKIE, "")
    given = request.form.get(FIELD) or request.headers.get("X-CSRF-Token") or ""
    if len(sid) < 32 or not given:
        raise Forbidden("sin clave de formulario")
    expected = hmac.new(_secret(), b"pat-graph-form:" + sid.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise Forbidden("clave de formulario incorrecta")
    return sid


__all__ = ["FIELD", "SESSION_COOKIE", "check", "session_id", "set_cookie", "token"]
