"""The choropleth of the gap index as inline SVG, drawn on the server from the shipped
department geometry (:mod:`pat_graph.viz.geo`: rings and the gap colour scale, the
same as the national view's). San Andrés, Providencia y Santa Catalina sit in an inset
in the upper-left corner; departments without records are grey and say so.

>>> svg = gap_map_svg({"05": 40.0, "27": 80.0}, {"05": "Antioquia", "27": "Chocó"})
>>> svg.startswith("<svg") and svg.count("<path") >= 33, 'href="/departamento/27"' in svg
(True, True)
>>> "Chocó: índice 80" in svg and "sin registros" in svg
True
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from pat_graph.formatting import number
from pat_graph.viz.geo import ISLANDS, gap_color, load_departments_geojson, svg_outlines

#: Width of the map in SVG units (the outlines are the package's one set: viz.geo).
WIDTH = 450.0
NO_DATA = "#e4e4e4"


def gap_map_svg(scores: Mapping[str, float | None], names: Mapping[str, str]) -> str:
    """An ``<svg>`` of the departments coloured by ``scores`` (DANE code → index 0–100,
    ``None`` or missing: sin registros), each linked to its department page with its
    name and value as tooltip (``<title>``). Texts are escaped."""
    vals = [v for v in scores.values() if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 0.0)
    outlines = svg_outlines(WIDTH)
    width, height = outlines.width, outlines.height
    ix, iy, isize = outlines.inset
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height + 40:.0f}" '
           'class="mapa" role="img" aria-label="Mapa del índice de brechas por departamento">']
    out.append(f'<rect x="{ix:.0f}" y="{iy:.0f}" width="{isize:.0f}" height="{isize:.0f}" '
               'fill="none" stroke="#999" stroke-dasharray="3 2"/>')
    for feat in load_departments_geojson()["features"]:
        code = str(feat["properties"]["code"])
        name = names.get(code) or str(feat["properties"]["name"])
        value = scores.get(code)
        d = outlines.paths.get(code, "")
        fill = NO_DATA if value is None else gap_color(0.0 if hi <= lo else (value - lo) / (hi - lo))
        tip = f"{name}: sin registros" if value is None else f"{name}: índice {number(value)}"
        out.append(f'<a href="/departamento/{escape(code)}"><path d="{d}" fill="{fill}" '
                   f'stroke="#555" stroke-width="0.6"><title>{escape(tip)}</title></path></a>')
        if code == ISLANDS:  # specks at this size: a dot on each main island, same link
            for x, y in outlines.island_dots:
                out.append(f'<a href="/departamento/{escape(code)}"><circle cx="{x:.1f}" '
                           f'cy="{y:.1f}" r="4" fill="{fill}" stroke="#555" stroke-width="0.6">'
                           f'<title>{escape(tip)}</title></circle></a>')
    y = height + 12
    legend = [("bajo" + (f" ({number(lo)})" if vals else ""), gap_color(0.0)),
              ("alto" + (f" ({number(hi)})" if vals else ""), gap_color(1.0)),
              ("sin registros", NO_DATA)]
    x = 10.0
    for label, color in legend:
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="14" height="14" fill="{color}" '
                   'stroke="#555" stroke-width="0.6"/>')
        out.append(f'<text x="{x + 18:.0f}" y="{y + 12:.0f}" font-size="13">'
                   f'{escape("Índice " + label if label != "sin registros" else label)}</text>')
        x += 150
    out.append(f'<text x="{ix:.0f}" y="{iy + isize + 14:.0f}" font-size="11">'
               'San Andrés</text>')
    out.append("</svg>")
    return "".join(out)


__all__ = ["gap_map_svg"]
