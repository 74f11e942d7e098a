"""The :class:`View` object and the one self-contained HTML page it renders.

The page is our own template (``templates/network.html``) with vis-network,
the app script and the styles inlined: it opens offline, from a file, an
e-mail attachment or a notebook, and contains no URL. The data travels as
JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&`` and
U+2028/U+2029 escaped; the app script writes every data text with
``textContent``, so a name like ``<img src=x onerror=alert(1)>`` is shown, not run.

>>> v = View(title="Prueba <b>", payload={"nodes": [], "edges": []})
>>> "<title>Prueba &lt;b&gt;</title>" in v.html()
True
>>> safe_json({"a": "</script><!--"})
'{"a": "\\\\u003c/script\\\\u003e\\\\u003c!--"}'
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


def _inline_script(code: str) -> str:
    # A vendored script must never close its own element early.
    if "</script" in code.lower():
        raise ValueError("script asset contains '</script'")
    return code


def render_page(title: str, payload: dict[str, Any]) -> str:
    """The complete HTML document of a view."""
    template = _asset("templates/network.html")
    parts = {
        "{{TITLE}}": html_lib.escape(title, quote=True),
        "{{CSS}}": _asset("assets/app.css"),
        "{{VIS_JS}}": _inline_script(_asset("assets/vis-network.min.js")),
        "{{APP_JS}}": _inline_script(_asset("assets/app.js")),
        "{{DATA}}": safe_json(payload),
    }
    out = template
    for key in ("{{TITLE}}", "{{CSS}}", "{{APP_JS}}", "{{DATA}}", "{{VIS_JS}}"):
        # VIS_JS last so placeholders are never searched for inside the library's text
        out = out.replace(key, parts[key], 1)
    return out


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
