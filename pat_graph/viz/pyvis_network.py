"""A view as a styled :class:`pyvis.network.Network`, for notebook users who work with pyvis.

The network is built from the view's payload (what our own page draws), so it
has the same nodes, labels, tooltips, shapes, colours, sizes, positions and
edges (widths, dashes, colours, recommended agreements included) as
:meth:`View.html <pat_graph.viz.page.View.html>`. pyvis writes its own page
(``net.show("red.html")`` / ``net.generate_html()``) with vis-network inlined
(``cdn_resources="in_line"``), but its template still links Bootstrap from a CDN
and has none of our search, filters or details panel: for a file to share
offline use :meth:`View.save <pat_graph.viz.page.View.save>`.

>>> from pat_graph.viz import department_view, to_pyvis
>>> from pat_graph.viz.views import _example_graph
>>> view = department_view(_example_graph(), "05")
>>> net = to_pyvis(view)
>>> len(net.nodes) == view.n_nodes and len(net.edges) == view.n_edges
True
>>> sorted(n["label"] for n in net.nodes if n["shape"] == "dot")
['Cámara de Comercio', 'SENA', 'Universidad de Antioquia']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pat_graph.viz.page import View

if TYPE_CHECKING:  # pragma: no cover - typing only
    from pyvis.network import Network

#: border of an articulation point (as the page draws it) and of any other node
ARTICULATION_BORDER = "#D62728"
NODE_BORDER = "#333333"


def _node_options(n: dict[str, Any]) -> dict[str, Any]:
    """pyvis/vis-network options of one payload node (the page's own styling rules)."""
    art = bool(n.get("a"))
    opts: dict[str, Any] = {
        "label": n["l"], "title": n["tip"], "shape": n["shape"], "size": n["size"],
        "color": {"background": n["color"], "border": ARTICULATION_BORDER if art else NODE_BORDER,
                  "highlight": {"background": n["color"], "border": "#000000"}},
        "borderWidth": 4 if art else 1, "font": {"size": 14 if art else 12},
    }
    if "x" in n:
        opts["x"], opts["y"] = n["x"], n["y"]
    return opts


def _edge_options(e: dict[str, Any]) -> dict[str, Any]:
    """pyvis/vis-network options of one payload edge."""
    return {
        "id": e["id"], "title": e["tip"], "width": e["w"], "dashes": bool(e.get("dashed")),
        "color": {"color": e["color"], "highlight": "#000000"},
        "arrows": {"to": {"enabled": bool(e.get("arrow")), "scaleFactor": 0.5}},
    }


def to_pyvis(view: View, *, notebook: bool = True, height: str = "680px") -> Network:
    """The view as a :class:`pyvis.network.Network` with our styling (same nodes and edges).

    Physics starts as the page's does (off above
    :data:`~pat_graph.viz.builder.PHYSICS_LIMIT` nodes, where the nodes keep
    the precomputed layout). Labels and tooltips are plain text, as on our page.

    >>> from pat_graph.viz.views import _example_graph
    >>> from pat_graph.viz import department_view
    >>> view = department_view(_example_graph(), "05")
    >>> net = to_pyvis(view)
    >>> [e["color"]["color"] for e in net.edges] == [e["color"] for e in view.payload["edges"]]
    True
    >>> net.options.physics.enabled
    True
    """
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, notebook=notebook,
                  cdn_resources="in_line", heading="")
    net.toggle_physics(bool(view.payload.get("options", {}).get("physics", True)))
    for n in view.payload.get("nodes", ()):
        net.add_node(n["id"], **_node_options(n))
    # directed: pyvis then keeps every edge (an undirected pyvis network drops a second edge
    # between the same pair, e.g. a recommended agreement beside an existing tie); the
    # arrows are set per edge, as on the page
    for e in view.payload.get("edges", ()):
        net.add_edge(e["from"], e["to"], **_edge_options(e))
    return net
