"""The :class:`View` object and the one self-contained HTML page it renders.

The page is our own Jinja2 template (``templates/network.html``, autoescape
on) with vis-network, the app script and the styles inlined: it opens offline,
from a file, an e-mail attachment or a notebook, and contains no URL. The data
travels as JSON inside ``<script type="application/json">`` through the
``script_json`` filter (:func:`safe_json`: ``<``, ``>``, ``&`` and U+2028/U+2029
escaped, so no ``</script>`` or ``<!--`` can end the element); the app script
writes every data text with ``textContent``, so a name like
``<img src=x onerror=alert(1)>`` is shown, not run, and a name like
``{{VIS_JS}}`` is just text (Jinja2 never re-reads what it substitutes).

>>> v = View(title="Prueba <b>", payload={"nodes": [], "edges": []})
>>> "<title>Prueba &lt;b&gt;</title>" in v.html()
True
>>> safe_json({"a": "</script><!--"})
'{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
>>> page = View(title="{{ css }}", payload={"n": "{{DATA}}"}).html()
>>> "<title>{{ css }}</title>" in page and '{"n": "{{DATA}}"}' in page
True
"""

from __future__ import annotations

import html as html_lib
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from pat_graph.errors import InputError


@cache
def _asset(name: str) -> str:
    return resources.files("pat_graph.viz").joinpath(name).read_text(encoding="utf-8")


def safe_json(data: Any) -> str:
    """JSON that can sit inside a ``<script>`` element whatever the strings contain."""
    text = json.dumps(data, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _inline(code: str, element: str) -> Markup:
    # A vendored script or style sheet must never close its own element early.
    if f"</{element}" in code.lower():
        raise ValueError(f"asset contains '</{element}'")
    return Markup(code)


@cache
def _env() -> Environment:
    """The views' Jinja2 environment (autoescape on, as the ficha's)."""
    env = Environment(loader=PackageLoader("pat_graph.viz", "templates"), autoescape=True,
                      undefined=StrictUndefined, keep_trailing_newline=True)
    env.filters["script_json"] = lambda value: Markup(safe_json(value))
    return env


def render_page(title: str, payload: dict[str, Any]) -> str:
    """The complete HTML document of a view.

    >>> page = render_page("Red <b>", {"nodes": [{"name": "</script><!--"}]})
    >>> page.count("</script>"), "Red &lt;b&gt;" in page
    (3, True)
    """
    return _env().get_template("network.html").render(
        title=title,
        css=_inline(_asset("assets/app.css"), "style"),
        vis_js=_inline(_asset("assets/vis-network.min.js"), "script"),
        app_js=_inline(_asset("assets/app.js"), "script"),
        data=payload,
    )


@dataclass
class View:
    """One interactive network view: save it as HTML, or display it inline in Jupyter.

    ``graph`` is the part of the graph shown (nodes and relationships drawn),
    ``payload`` the JSON the page receives. Drawn edges are one per linked
    pair of nodes (``n_edges``), their width the number of relationships.

    >>> v = View(title="Vacía", payload={"nodes": [], "edges": []})
    >>> v.n_nodes, v.n_edges
    (0, 0)
    """

    title: str
    payload: dict[str, Any]
    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)

    @property
    def n_nodes(self) -> int:
        """Number of nodes drawn on the page."""
        return len(self.payload.get("nodes", ()))

    @property
    def n_edges(self) -> int:
        """Number of edges drawn on the page (recommended agreements included)."""
        return len(self.payload.get("edges", ()))

    def html(self) -> str:
        """The self-contained HTML page."""
        return render_page(self.title, self.payload)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (``.html``) and return the path.

        >>> import tempfile, os
        >>> p = View(title="x", payload={"nodes": [], "edges": []}).save(
        ...     os.path.join(tempfile.mkdtemp(), "red.html"))
        >>> p.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        True
        """
        target = Path(path)
        if target.suffix.lower() not in (".html", ".htm"):
            raise InputError(f"El archivo de salida debe terminar en .html: {target}")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(self.html(), encoding="utf-8")
        except OSError as err:
            raise InputError(f"No se pudo escribir {target}: {err.strerror}") from err
        return target

    def _repr_html_(self) -> str:
        """Inline display in Jupyter: the page inside an ``iframe`` (``srcdoc``)."""
        doc = html_lib.escape(self.html(), quote=True)
        return (
            f'<iframe srcdoc="{doc}" style="width:100%;height:680px;border:1px solid #ddd" '
            f'sandbox="allow-scripts" title="{html_lib.escape(self.title, quote=True)}"></iframe>'
        )
