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

from pat_graph.viz.geo import es_number, gap_color, load_departments_geojson, polygon_rings

#: The mainland frame (longitude, latitude) and the drawing scale (px per degree).
WEST, EAST, SOUTH, NORTH = -79.2, -66.7, -4.4, 12.6
SCALE = 36.0
#: San Andrés y Providencia: its department code and the frame of its inset.
ISLANDS = "88"
INSET_WEST, INSET_EAST, INSET_SOUTH, INSET_NORTH = -81.8, -81.3, 12.4, 13.45
INSET_SCALE = 110.0
NO_DATA = "#e4e4e4"


def _path(rings: list[list[list[float]]], x0: float, y0: float, west: float, north: float,
          scale: float) -> str:
    parts = []
    for ring in rings:
        pts = [f"{x0 + (lon - west) * scale:.1f},{y0 + (north - lat) * scale:.1f}"
               for lon, lat in ring]
        parts.append("M" + "L".join(pts) + "Z")
    return "".join(parts)


def gap_map_svg(scores: Mapping[str, float | None], names: Mapping[str, str]) -> str:
    """An ``<svg>`` of the departments coloured by ``scores`` (DANE code → index 0–100,
    ``None`` or missing: sin registros), each linked to its department page with its
    name and value as tooltip (``<title>``). Texts are escaped."""
    vals = [v for v in scores.values() if v is not None]
    lo, hi = (min(vals), max(vals)) if vals else (0.0, 0.0)
    width, height = (EAST - WEST) * SCALE, (NORTH - SOUTH) * SCALE
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height + 40:.0f}" '
           'class="mapa" role="img" aria-label="Mapa del índice de brechas por departamento">']
    inset_w = (INSET_EAST - INSET_WEST) * INSET_SCALE
    inset_h = (INSET_NORTH - INSET_SOUTH) * INSET_SCALE
    out.append(f'<rect x="4" y="4" width="{inset_w:.0f}" height="{inset_h:.0f}" fill="none" '
               'stroke="#999" stroke-dasharray="3 2"/>')
    for feat in load_departments_geojson()["features"]:
        code = str(feat["properties"]["code"])
        name = names.get(code) or str(feat["properties"]["name"])
        value = scores.get(code)
        if code == ISLANDS:
            d = _path(polygon_rings(feat["geometry"]), 4, 4, INSET_WEST, INSET_NORTH,
                      INSET_SCALE)
        else:
            d = _path(polygon_rings(feat["geometry"]), 0, 0, WEST, NORTH, SCALE)
        fill = NO_DATA if value is None else gap_color(0.0 if hi <= lo else (value - lo) / (hi - lo))
        tip = f"{name}: sin registros" if value is None else f"{name}: índice {es_number(value)}"
        out.append(f'<a href="/departamento/{escape(code)}"><path d="{d}" fill="{fill}" '
                   f'stroke="#555" stroke-width="0.6"><title>{escape(tip)}</title></path></a>')
    y = height + 12
    legend = [("bajo" + (f" ({es_number(lo)})" if vals else ""), gap_color(0.0)),
              ("alto" + (f" ({es_number(hi)})" if vals else ""), gap_color(1.0)),
              ("sin registros", NO_DATA)]
    x = 10.0
    for label, color in legend:
        out.append(f'<rect x="{x:.0f}" y="{y:.0f}" width="14" height="14" fill="{color}" '
                   'stroke="#555" stroke-width="0.6"/>')
        out.append(f'<text x="{x + 18:.0f}" y="{y + 12:.0f}" font-size="13">'
                   f'{escape("Índice " + label if label != "sin registros" else label)}</text>')
        x += 150
    out.append(f'<text x="8" y="{inset_h + 20:.0f}" font-size="11">San Andrés y Providencia</text>')
    out.append("</svg>")
    return "".join(out)


__all__ = ["gap_map_svg"]
