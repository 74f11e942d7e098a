"""Department geometry and the gap colour scale, shared by the map, the charts and the
national view: the shipped GeoJSON, polygon rings, areas, centroids.

>>> c = department_centroids()
>>> len(c) >= 33 and -80 < c["05"][0] < -66
True
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@cache
def load_departments_geojson() -> dict[str, Any]:
    """The shipped departments GeoJSON (properties ``code`` and ``name``)."""
    text = resources.files("pat_graph.data").joinpath("colombia_departamentos.geojson").read_text(
        encoding="utf-8")
    return json.loads(text)


def polygon_rings(geometry: Mapping[str, Any]) -> list[list[list[float]]]:
    """Outer rings of a Polygon / MultiPolygon geometry.

    >>> polygon_rings({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 1], [0, 0]]]})
    [[[0, 0], [1, 0], [0, 1], [0, 0]]]
    """
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry["type"] == "MultiPolygon":
        return [poly[0] for poly in geometry["coordinates"]]
    return []


def ring_area(ring: list[list[float]]) -> float:
    """Signed area of a closed ring (shoelace).

    >>> ring_area([[0, 0], [1, 0], [0, 1], [0, 0]])
    0.5
    """
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))


def ring_centroid(ring: list[list[float]]) -> tuple[float, float]:
    """Centroid of a closed ring (the mean of its points when it has no area).

    >>> ring_centroid([[0, 0], [3, 0], [0, 3], [0, 0]])
    (1.0, 1.0)
    """
    a = ring_area(ring)
    if abs(a) < 1e-12:
        xs, ys = zip(*ring, strict=True)
        return sum(xs) / len(xs), sum(ys) / len(ys)
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        f = x0 * y1 - x1 * y0
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    return cx / (6 * a), cy / (6 * a)


def main_ring(geometry: Mapping[str, Any]) -> list[list[float]] | None:
    """The largest outer ring of a geometry (``None`` without rings).

    >>> main_ring({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [0, 1], [0, 0]]],
    ...            [[[0, 0], [4, 0], [0, 4], [0, 0]]]]})[1]
    [4, 0]
    """
    rings = polygon_rings(geometry)
    return max(rings, key=lambda r: abs(ring_area(r))) if rings else None


def department_centroids() -> dict[str, tuple[float, float]]:
    """(longitude, latitude) of each department's largest polygon's centroid."""
    out = {}
    for feat in load_departments_geojson()["features"]:
        ring = main_ring(feat["geometry"])
        if ring is not None:
            out[feat["properties"]["code"]] = ring_centroid(ring)
    return out


#: The gap colour scale, light yellow to dark red (ColorBrewer YlOrRd), for every map and chart.
GAP_STOPS: tuple[str, ...] = ("#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026")


def gap_color(t: float) -> str:
    """Light yellow (0) to dark red (1) for a gap index scaled to [0, 1].

    >>> gap_color(0), gap_color(1)
    ('#ffffb2', '#bd0026')
    """
    stops = [tuple(int(c[k:k + 2], 16) for k in (1, 3, 5)) for c in GAP_STOPS]
    t = min(max(t, 0.0), 1.0) * (len(stops) - 1)
    i = min(int(t), len(stops) - 2)
    f = t - i
    r, gg, b = (round(a + (c - a) * f) for a, c in zip(stops[i], stops[i + 1], strict=True))
    return f"#{r:02x}{gg:02x}{b:02x}"



# ------------------------------------------------------------- SVG outlines
#: Mainland extent of every department map of the package (longitude west, east,
#: latitude south, north); San Andrés y Providencia goes in an inset.
MAP_BOUNDS = (-79.2, -66.7, -4.4, 12.6)
ISLANDS = "88"


@dataclass(frozen=True)
class SvgOutlines:
    """Department outlines as SVG path data on a frame ``width`` units wide (north up):
    the mainland at its place, San Andrés scaled into an inset box in the upper left
    corner (``inset``: x, y, size), and a dot on each of its two main islands (specks
    at national scale)."""

    paths: dict[str, str]
    width: float
    height: float
    inset: tuple[float, float, float]
    island_dots: list[tuple[float, float]]


def _ring_path(ring: list[list[float]], fx: Any, fy: Any) -> str:
    pts: list[str] = []
    last = ""
    for x, y in ring:
        p = f"{fx(x):.1f} {fy(y):.1f}"
        if p != last:
            pts.append(p)
            last = p
    return "M" + "L".join(pts) + "Z" if len(pts) > 2 else ""


@cache
def svg_outlines(width: float = 100.0) -> SvgOutlines:
    """The department outlines for inline SVG maps (the ficha's locator, the workbench's
    choropleth), computed once per ``width``.

    >>> o = svg_outlines(100)
    >>> len(o.paths), round(o.height), o.paths["27"].startswith("M")
    (33, 136, True)
    """
    x0, x1, y0, y1 = MAP_BOUNDS
    k = width / (x1 - x0)
    margin, size = 0.03 * width, 0.12 * width
    paths: dict[str, str] = {}
    dots: list[tuple[float, float]] = []
    for feat in load_departments_geojson()["features"]:
        code = str(feat["properties"]["code"])
        rings = polygon_rings(feat["geometry"])
        if code == ISLANDS:  # inset: the islands' own extent in a size × size box
            xs = [p[0] for r in rings for p in r]
            ys = [p[1] for r in rings for p in r]
            ik = size / max(max(xs) - min(xs), max(ys) - min(ys))
            ax, ay = min(xs), max(ys)
            paths[code] = "".join(_ring_path(r, lambda x, ax=ax, ik=ik: margin + (x - ax) * ik,
                                             lambda y, ay=ay, ik=ik: margin + (ay - y) * ik)
                                  for r in rings)
            big = sorted(rings, key=len, reverse=True)[:2]
            dots = [(margin + (sum(p[0] for p in r) / len(r) - ax) * ik,
                     margin + (ay - sum(p[1] for p in r) / len(r)) * ik) for r in big]
        else:
            paths[code] = "".join(_ring_path(r, lambda x: (x - x0) * k, lambda y: (y1 - y) * k)
                                  for r in rings)
    return SvgOutlines(paths, width, (y1 - y0) * k, (margin / 3, margin / 3, size + 5 * margin / 3),
                       dots)
