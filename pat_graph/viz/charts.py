"""Static charts (PNG or SVG, by the file suffix) and the department choropleth.

Chart functions take plain data (dicts), so they do not depend on how the
analytics compute it; thin adapters at the end turn a graph into that data.
Figures are drawn with matplotlib's object API on the Agg canvas (no pyplot
state, no display needed). The map draws the shipped GeoJSON's polygons
with matplotlib patches: no GIS dependency.

>>> import tempfile, os
>>> out = os.path.join(tempfile.mkdtemp(), "ranking.svg")
>>> gap_ranking_chart({"Antioquia": 3, "Vichada": 9}, out).suffix
'.svg'
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap, Normalize
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from pat_graph import model
from pat_graph.errors import InputError
from pat_graph.formatting import number
from pat_graph.viz.geo import (
    GAP_STOPS,
    load_departments_geojson,
    main_ring,
    polygon_rings,
    ring_centroid,
)

FORMATS = (".png", ".svg")
GAP_CMAP = LinearSegmentedColormap.from_list("pat_gaps", list(GAP_STOPS))


# --------------------------------------------------------------------------- plumbing
def _save(fig: Figure, path: str | Path) -> Path:
    target = Path(path)
    if target.suffix.lower() not in FORMATS:
        raise InputError(f"Formato de imagen no soportado: {target.name} (use .png o .svg)")
    FigureCanvasAgg(fig)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with rc_context({"svg.hashsalt": "pat-graph"}):  # stable ids in SVG output
            fig.savefig(target, dpi=150, bbox_inches="tight", metadata=_metadata(target))
    except OSError as err:
        raise InputError(f"No se pudo escribir {target}: {err.strerror}") from err
    return target


def _metadata(target: Path) -> dict[str, Any]:
    # fixed metadata so the same data gives the same bytes (no creation date)
    if target.suffix.lower() == ".svg":
        return {"Date": None, "Creator": "pat-graph"}
    return {"Software": "pat-graph"}


def plain(text: Any) -> str:
    r"""A label drawn as written: matplotlib reads text between two ``$`` as mathtext
    (``$US 5$`` is italic, ``$\frac$`` crashes the drawing), so every ``$`` of a name
    from the data is escaped.

    >>> plain("Fondo $US 5$ (20%)")
    'Fondo \\$US 5\\$ (20%)'
    """
    return str(text).replace("$", r"\$")


def _empty(data: Mapping, what: str) -> None:
    if not data:
        raise InputError(f"No hay datos para {what}.")


# ------------------------------------------------------------------------------ charts
def sector_matrix_chart(
    ties: Mapping[tuple[str, str], int], path: str | Path, *, title: str = "Vínculos entre sectores"
) -> Path:
    """Heat map of the sector × sector tie matrix (symmetric; keys are sector pairs).

    >>> import tempfile, os
    >>> p = sector_matrix_chart({("publico", "privado"): 4, ("publico", "publico"): 2},
    ...                         os.path.join(tempfile.mkdtemp(), "m.png"))
    >>> p.stat().st_size > 1000
    True
    """
    sectors = list(model.SECTORS)
    idx = {s: i for i, s in enumerate(sectors)}
    grid = [[0] * len(sectors) for _ in sectors]
    for (a, b), n in ties.items():
        if a in idx and b in idx:
            grid[idx[a]][idx[b]] = int(n)
            grid[idx[b]][idx[a]] = int(n)
    fig = Figure(figsize=(6.2, 5.2))
    ax = fig.add_subplot()
    im = ax.imshow(grid, cmap="Blues")
    labels = [model.label_es("sector", s) for s in sectors]
    ax.set_xticks(range(len(sectors)), labels, rotation=30, ha="right")
    ax.set_yticks(range(len(sectors)), labels)
    top = max((max(r) for r in grid), default=0)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            ax.text(j, i, "—" if n == 0 else number(n), ha="center", va="center",
                    color="white" if top and n > top * 0.6 else "#222")
    fig.colorbar(im, ax=ax, label="Peso de los vínculos (acuerdo 2, instancia 1)")
    ax.set_title(plain(title))
    return _save(fig, path)


def coverage_matrix_chart(
    coverage: Mapping[str, Mapping[str, int]], path: str | Path,
    *, title: str = "Cobertura de programas nacionales por departamento",
) -> Path:
    """Department × programme matrix: ``coverage[department][programme] = linkages``.

    >>> import tempfile, os
    >>> p = coverage_matrix_chart({"Meta": {"SPE": 2}, "Cauca": {}},
    ...                           os.path.join(tempfile.mkdtemp(), "c.svg"))
    >>> p.read_text(encoding="utf-8").count("<svg") == 1
    True
    """
    _empty(coverage, "la matriz de cobertura")
    depts = sorted(coverage)
    progs = sorted({p for row in coverage.values() for p in row})
    grid = [[int(coverage[d].get(p, 0)) for p in progs] for d in depts]
    fig = Figure(figsize=(max(6.0, 0.6 * len(progs) + 3.5), max(4.0, 0.28 * len(depts) + 1.5)))
    ax = fig.add_subplot()
    im = ax.imshow(grid or [[0]], cmap="YlGn", aspect="auto")
    ax.set_xticks(range(len(progs)), [plain(p) for p in progs], rotation=40, ha="right",
                  fontsize=8)
    ax.set_yticks(range(len(depts)), [plain(d) for d in depts], fontsize=8)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n == 0:
                ax.text(j, i, "·", ha="center", va="center", color="#c00", fontsize=9)
    fig.colorbar(im, ax=ax, label="Articulaciones (· = ninguna)")
    ax.set_title(plain(title))
    return _save(fig, path)


def ranking_bars(values: Mapping[str, float], top: int | None = None) -> list[tuple[str, float]]:
    """The bars of :func:`gap_ranking_chart`, top to bottom: largest value first; equal
    values keep the order of ``values`` (pass the ranking of ``analytics.gap_index`` in
    rank order, as :func:`gap_index_by_code` gives it, and the bars follow the rank).

    >>> ranking_bars({"Meta": 40.0, "Cauca": 70.5, "Huila": 40.0})
    [('Cauca', 70.5), ('Meta', 40.0), ('Huila', 40.0)]
    """
    return sorted(values.items(), key=lambda kv: -kv[1])[: top or None]


def gap_ranking_chart(
    gap_index: Mapping[str, float], path: str | Path,
    *, title: str = "Índice de brechas por departamento", top: int | None = None,
) -> Path:
    """Horizontal bars, largest gap index on top: ``gap_index[department name] = value``
    (bars in the order of :func:`ranking_bars`)."""
    _empty(gap_index, "el ranking de brechas")
    items = ranking_bars(gap_index, top)
    names = [plain(k) for k, _ in items][::-1]
    vals = [v for _, v in items][::-1]
    norm = Normalize(min(vals), max(vals) if max(vals) > min(vals) else min(vals) + 1)
    fig = Figure(figsize=(7.0, max(3.0, 0.26 * len(items) + 1.2)))
    ax = fig.add_subplot()
    ax.barh(names, vals, color=[GAP_CMAP(norm(v)) for v in vals], edgecolor="#555", linewidth=0.4)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_xlabel("Índice de brechas, 0 a 100 (más alto = más brechas)")
    ax.set_title(plain(title))
    for y, v in enumerate(vals):
        ax.text(v, y, f" {number(v)}", va="center", fontsize=7)
    return _save(fig, path)


def gap_choropleth(
    gap_index: Mapping[str, float], path: str | Path,
    *, title: str = "Índice de brechas por departamento", label_top: int = 5,
) -> Path:
    """Map of Colombia's departments coloured by gap index (``{dane_code: value}``);
    departments without a value are hatched grey. The ``label_top`` worst are named.

    >>> import tempfile, os
    >>> p = gap_choropleth({"05": 2, "99": 9}, os.path.join(tempfile.mkdtemp(), "mapa.png"))
    >>> p.stat().st_size > 10000
    True
    """
    _empty(gap_index, "el mapa")
    geo = load_departments_geojson()
    vals = list(gap_index.values())
    norm = Normalize(min(vals), max(vals) if max(vals) > min(vals) else min(vals) + 1)
    fig = Figure(figsize=(7.0, 8.2))
    ax = fig.add_subplot()
    worst = {c for c, _ in ranking_bars(gap_index, label_top)}
    for feat in geo["features"]:
        code = feat["properties"]["code"]
        value = gap_index.get(code)
        rings = polygon_rings(feat["geometry"])
        for ring in rings:
            if value is None:
                ax.add_patch(Polygon(ring, closed=True, facecolor="#eeeeee", edgecolor="#777",
                                     linewidth=0.4, hatch="///"))
            else:
                ax.add_patch(Polygon(ring, closed=True, facecolor=GAP_CMAP(norm(value)),
                                     edgecolor="#444", linewidth=0.4))
        if code in worst and rings:
            cx, cy = ring_centroid(main_ring(feat["geometry"]))
            ax.annotate(f"{plain(feat['properties']['name'])}\n{number(value)}", (cx, cy), ha="center",
                        va="center", fontsize=7, fontweight="bold",
                        bbox={"boxstyle": "round,pad=0.2", "fc": "white", "alpha": 0.7, "lw": 0})
    ax.autoscale_view()
    ax.set_xlim(-79.2, -66.7)
    ax.set_ylim(-4.4, 12.6)
    ax.set_aspect("equal")
    ax.set_axis_off()
    from matplotlib.cm import ScalarMappable

    fig.colorbar(ScalarMappable(norm=norm, cmap=GAP_CMAP), ax=ax, shrink=0.6,
                 label="Índice de brechas, 0 a 100 (gris rayado: sin dato)")
    ax.set_title(plain(title))
    return _save(fig, path)


# ------------------------------------------------------------- adapters from a graph
def sector_ties(g: nx.MultiDiGraph, department: str) -> dict[tuple[str, str], float]:
    """Sector × sector tie weights of a department's actor network (plain data): the
    matrix of :func:`pat_graph.analytics.sector_articulation`, the one the gap
    analysis and the ficha use (an agreement weighs 2, a shared instance 1).

    >>> from pat_graph.viz.views import _example_graph
    >>> sector_ties(_example_graph(), "05")[("privado", "publico")]
    1.0
    """
    from pat_graph import analytics
    from pat_graph.lookup import find

    code = find(g, department, "department").key
    ctx = analytics.context(g)
    [row] = [r for r in analytics.sector_articulation(ctx) if r.department_code == code]
    out: dict[tuple[str, str], float] = {}
    for a in model.SECTORS:
        for b in model.SECTORS:
            key = tuple(sorted((a, b)))
            out[key] = float(row.matrix.get(a, {}).get(b, 0.0))
    return out


def program_coverage(g: nx.MultiDiGraph) -> dict[str, dict[str, int]]:
    """``{department name: {programme name: LINKED_TO count}}`` for every department.

    >>> from pat_graph.viz.views import _example_graph
    >>> program_coverage(_example_graph())
    {'Antioquia': {'Servicio Público de Empleo': 1}}
    """
    from pat_graph.graph import department_of

    names = {d["dane_code"]: d.get("name", d["dane_code"]) for _, d in g.nodes(data=True)
             if d.get("label") == model.TERRITORY and d.get("kind") == "department"}
    out: dict[str, dict[str, int]] = {name: {} for name in names.values()}
    for p, data in g.nodes(data=True):
        if data.get("label") != model.PROGRAM:
            continue
        pname = str(data.get("name") or data.get("id"))
        for _, t, e in g.out_edges(p, data=True):
            dept = department_of(g, t) if e.get("type") == model.LINKED_TO else None
            if dept in names:
                row = out[names[dept]]
                row[pname] = row.get(pname, 0) + 1
    return out


def gap_index_by_code(g: nx.MultiDiGraph, as_of: str | None = None) -> dict[str, float]:
    """``{dane_code: gap index}`` in rank order (worst first), from
    :func:`pat_graph.analytics.gap_index`: what the map, the ranking chart and the
    national view show.

    >>> from pat_graph.viz.views import _example_graph
    >>> gap_index_by_code(_example_graph())
    {'05': 56.7}
    """
    from pat_graph.analytics import gap_index

    return {r.department_code: r.score for r in gap_index(g, as_of)}
