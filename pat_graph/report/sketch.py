"""Pictures inlined in a ficha: a small static network (SVG) and matplotlib charts as SVG.

Everything is inline markup with every text escaped: nothing is fetched, so a
ficha prints and opens offline. The network uses the views' palette
(:mod:`pat_graph.viz.style`) and seeded layout (:mod:`pat_graph.viz.layout`).

>>> import networkx as nx
>>> net = nx.Graph()
>>> net.add_node("Actor:A", name="<img src=x onerror=alert(1)>", sector="publico")
>>> net.add_node("Actor:B", name="Universidad", sector="academico")
>>> net.add_edge("Actor:A", "Actor:B", weight=2.0)
>>> svg = network_svg(net, key_actors=["Actor:A"])
>>> svg.startswith("<svg") and "<img" not in svg and "&lt;img" in svg
True
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph.viz import style
from pat_graph.viz.layout import compute_positions

#: Actors drawn in a ficha's network (the strongest ties first).
MAX_SKETCH_ACTORS = 30
WIDTH, HEIGHT, PAD = 640, 420, 34


def _esc(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, limit: int = 26) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pick_actors(net: nx.Graph, key_actors: Sequence[str] = (),
                recommended: Iterable[tuple[str, str]] = (),
                limit: int = MAX_SKETCH_ACTORS) -> list[str]:
    """Key actors, recommended pairs, then the actors with the strongest ties, up to ``limit``.

    >>> net = nx.Graph([("hub", "a"), ("hub", "b"), ("hub", "c"), ("a", "b")])
    >>> pick_actors(net, key_actors=["c"], limit=3)
    ['c', 'hub', 'a']
    """
    chosen: list[Any] = []
    for n in [*key_actors, *(x for pair in recommended for x in pair)]:
        if n in net and n not in chosen:
            chosen.append(n)
    strength = dict(net.degree(weight="weight"))
    for n in sorted(net, key=lambda x: (-strength.get(x, 0), str(x))):
        if len(chosen) >= limit:
            break
        if n not in chosen:
            chosen.append(n)
    return chosen[:max(limit, len(key_actors))]


def ordered_subgraph(net: nx.Graph, keep: Iterable[Any]) -> nx.Graph:
    """``net`` restricted to ``keep`` as a new graph whose nodes and edges come in sorted
    order, each edge ``(u, v)`` with ``u`` before ``v``.

    ``net.subgraph(keep)`` iterates the set of kept nodes when it is much smaller than
    ``net``, i.e. in hash order: the seeded layout (which places nodes in iteration
    order) and the order and direction of the edges then change with
    ``PYTHONHASHSEED``.

    >>> net = nx.Graph([("c", "a"), ("b", "c"), ("a", "d")])
    >>> sub = ordered_subgraph(net, {"c", "b", "a"})
    >>> list(sub), list(sub.edges)
    (['a', 'b', 'c'], [('a', 'c'), ('b', 'c')])
    """
    order = sorted(set(keep), key=str)
    sub = nx.Graph()
    sub.add_nodes_from((n, net.nodes[n]) for n in order)
    for i, u in enumerate(order):
        nbrs = net.adj[u]
        sub.add_edges_from((u, v, nbrs[v]) for v in order[i:] if v in nbrs)
    return sub


def network_svg(net: nx.Graph, *, key_actors: Sequence[str] = (),
                recommended: Iterable[tuple[str, str]] = (), salt: str = "",
                seed: int = 7) -> str:
    """A small static drawing of an actor network: colour = sector, size = tie strength,
    labels on the key actors, recommended agreements as red dashed lines."""
    recommended = [(a, b) for a, b in recommended if a in net and b in net]
    keep = pick_actors(net, key_actors, recommended)
    if not keep:
        return ('<svg viewBox="0 0 640 60" role="img" '
                'aria-label="Red vacía"><text x="10" y="35" font-size="14">'
                'Sin actores articulados en la red del departamento.</text></svg>')
    sub = ordered_subgraph(net, keep)
    pos = compute_positions(sub, seed=seed)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def at(n: Any) -> tuple[float, float]:
        x, y = pos[n]
        fx = (x - x0) / (x1 - x0) if x1 > x0 else 0.5
        fy = (y - y0) / (y1 - y0) if y1 > y0 else 0.5
        return PAD + fx * (WIDTH - 2 * PAD), PAD + fy * (HEIGHT - 2 * PAD)

    strength = dict(sub.degree(weight="weight"))
    top = max(strength.values(), default=0) or 1
    out = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" class="red" role="img" '
           f'aria-label="Red de actores">']
    for u, v, w in sub.edges(data="weight"):
        (ax, ay), (bx, by) = at(u), at(v)
        out.append(f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
                   f'stroke="#9a9a9a" stroke-opacity="0.55" '
                   f'stroke-width="{min(0.6 + 0.5 * float(w or 1), 4):.1f}"/>')
    rec_color = style.EXTRA_REL_STYLES[style.RECOMMENDED][0]
    for a, b in recommended:
        (ax, ay), (bx, by) = at(a), at(b)
        out.append(f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" '
                   f'stroke="{rec_color}" stroke-width="2" stroke-dasharray="6 4"/>')
    keys = set(key_actors)
    for n in keep:
        x, y = at(n)
        a = sub.nodes[n]
        r = 4 + 9 * strength.get(n, 0) / top
        name = str(a.get("name") or a.get("id") or n)
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" '
                   f'fill="{style.sector_color(a.get("sector"))}" stroke="#333" '
                   f'stroke-width="{1.6 if n in keys else 0.5}"><title>{_esc(name)} · '
                   f'{_esc(style.sector_es(a.get("sector")))}</title></circle>')
    for n in keep:
        if n in keys:
            x, y = at(n)
            name = str(sub.nodes[n].get("name") or n)
            anchor = "end" if x > WIDTH * 0.7 else "start"
            dx = -8 if anchor == "end" else 8
            out.append(f'<text x="{x + dx:.1f}" y="{y - 6:.1f}" font-size="11" '
                       f'text-anchor="{anchor}" paint-order="stroke" stroke="#fff" '
                       f'stroke-width="3">{_esc(_short(name))}</text>')
    out.append("</svg>")
    return "".join(out)


_SVG_START = re.compile(r"^.*?(<svg\b)", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')


def chart_svg(draw: Callable[[Path], Path], *, salt: str = "") -> str:
    """Run a :mod:`pat_graph.viz.charts` function into an SVG and return it inline.

    ``draw(path)`` writes the chart; text is kept as text and the ids of the SVG
    are salted so that several charts can share one page.

    >>> from pat_graph.viz.charts import gap_ranking_chart
    >>> svg = chart_svg(lambda p: gap_ranking_chart({"Meta": 40.0, "Chocó": 70.0}, p), salt="t")
    >>> svg.startswith("<svg") and "Chocó" in svg
    True
    """
    import tempfile

    from matplotlib import rc_context

    with tempfile.TemporaryDirectory() as tmp, rc_context(
            {"svg.fonttype": "none", "svg.hashsalt": salt or "pat"}):
        path = draw(Path(tmp) / "chart.svg")
        text = path.read_text(encoding="utf-8")
    return inline_svg(text)


def inline_svg(text: str) -> str:
    """An SVG document as markup for inside HTML: no prolog, metadata or namespace
    declarations (the HTML parser supplies them), hence no URL at all.

    >>> inline_svg('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
    ...            'xmlns:xlink="http://www.w3.org/1999/xlink"><metadata>x</metadata></svg>')
    '<svg></svg>'
    """
    text = _SVG_START.sub(r"\1", text, count=1)
    text = _METADATA.sub("", text)
    return _XMLNS.sub("", text)


def png_data_uri(draw: Callable[[Path], Path]) -> str:
    """Run a chart function into a PNG and return it as a ``data:`` URI (for heavy maps).

    >>> from pat_graph.viz.charts import gap_ranking_chart
    >>> png_data_uri(lambda p: gap_ranking_chart({"Meta": 1.0}, p)).startswith("data:image/png;base64,")
    True
    """
    import base64
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = draw(Path(tmp) / "chart.png")
        data = path.read_bytes()
    buf = io.StringIO()
    buf.write("data:image/png;base64,")
    buf.write(base64.b64encode(data).decode("ascii"))
    return buf.getvalue()


# ------------------------------------------------------------- summary pictures
def locator_svg(code: str, name: str = "") -> str:
    """The national outline with department ``code`` filled (San Andrés in an inset).

    >>> svg = locator_svg("27", "Chocó")
    >>> svg.startswith("<svg") and svg.count("<path") >= 33 and "Chocó" in svg
    True
    """
    from pat_graph.viz.geo import ISLANDS, svg_outlines

    outlines = svg_outlines(100)
    ix, iy, isize = outlines.inset
    parts = [f'<svg viewBox="0 0 100 {outlines.height:.1f}" class="mapa" role="img" '
             f'aria-label="Ubicación de {_esc(name or code)}">',
             f'<rect x="{ix:g}" y="{iy:g}" width="{isize:g}" height="{isize:g}" fill="#fff" '
             'stroke="#999" stroke-width="0.3"/>']
    for c, path in sorted(outlines.paths.items()):
        if not path:
            continue
        mine = c == code
        parts.append(f'<path d="{path}" fill="{"#d55e00" if mine else "#e6e9ee"}" '
                     f'stroke="{"#7a2a00" if mine else "#9aa3ad"}" '
                     f'stroke-width="{0.5 if mine else 0.25}"/>')
    for x, y in outlines.island_dots:
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.3" '
                     f'fill="{"#d55e00" if code == ISLANDS else "#c3c9d1"}" stroke="#555" '
                     f'stroke-width="0.2"/>')
    parts.append('<text x="2" y="21" font-size="2.6" fill="#555">San Andrés</text></svg>')
    return "".join(parts)


def bar_svg(items: dict[str, int], colors: dict[str, str] | None = None, *,
            width: int = 300, row: int = 18) -> str:
    """Horizontal bars of ``{label: count}`` (es-CO numbers), as inline SVG.

    >>> svg = bar_svg({"Público": 1200, "<b>": 3})
    >>> "1.200" in svg and "&lt;b&gt;" in svg
    True
    """
    from pat_graph.formatting import integer

    if not items:
        return ('<svg viewBox="0 0 300 24" class="barras" role="img"><text x="0" y="16" '
                'font-size="11">Sin actores registrados.</text></svg>')
    top = max(items.values()) or 1
    label_w, bar_w = 100, width - 150
    h = row * len(items) + 4
    out = [f'<svg viewBox="0 0 {width} {h}" class="barras" role="img" '
           f'aria-label="Actores por sector">']
    for i, (label, n) in enumerate(items.items()):
        y = 2 + i * row
        w = max(1.0, bar_w * n / top)
        color = (colors or {}).get(label, "#7f8c99")
        out.append(f'<text x="{label_w - 4}" y="{y + row * 0.68:.1f}" font-size="11" '
                   f'text-anchor="end">{_esc(label)}</text>'
                   f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}" '
                   f'fill="{color}"/><text x="{label_w + w + 4:.1f}" y="{y + row * 0.68:.1f}" '
                   f'font-size="11">{integer(n)}</text>')
    out.append("</svg>")
    return "".join(out)
