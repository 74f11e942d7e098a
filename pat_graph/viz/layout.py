"""Node positions computed in Python, with a seed, so a view looks the same every run.

Small graphs use networkx's Fruchterman-Reingold (:func:`networkx.spring_layout`).
Large graphs use :func:`grid_force_layout`, a numpy force layout whose
repulsion is approximated on a coarse grid (particle-mesh), so 20,000 nodes
lay out in seconds without scipy or igraph.

>>> import networkx as nx
>>> g = nx.path_graph(4)
>>> compute_positions(g, seed=1) == compute_positions(g, seed=1)
True
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

#: above this many nodes the grid layout is used instead of networkx's.
LARGE_LAYOUT = 400
#: canvas half-width (vis-network pixels) the positions are scaled to.
SCALE_PER_SQRT_NODE = 40.0


def compute_positions(
    g: nx.Graph, *, seed: int = 7, iterations: int | None = None
) -> dict[str, tuple[float, float]]:
    """Positions ``{node: (x, y)}`` in vis-network pixels, deterministic for a given ``seed``.

    >>> pos = compute_positions(nx.cycle_graph(5), seed=3)
    >>> sorted(pos) == [0, 1, 2, 3, 4]
    True
    """
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    und = nx.Graph()
    und.add_nodes_from(nodes)
    und.add_edges_from((u, v) for u, v in g.edges() if u != v)
    scale = SCALE_PER_SQRT_NODE * math.sqrt(n) + 150.0
    if n <= LARGE_LAYOUT:
        raw = nx.spring_layout(und, seed=seed, iterations=iterations or 80)
        xy = np.array([raw[v] for v in nodes], dtype=float)
    else:
        xy = grid_force_layout(und, nodes, seed=seed, iterations=iterations or (60 if n < 5000 else 40))
    xy -= xy.mean(axis=0)
    span = float(np.abs(xy).max()) or 1.0
    xy *= scale / span
    return {v: (round(float(x), 1), round(float(y), 1)) for v, (x, y) in zip(nodes, xy, strict=True)}


def grid_force_layout(
    g: nx.Graph, nodes: list, *, seed: int = 7, iterations: int = 60, grid: int | None = None
) -> np.ndarray:
    """Fruchterman-Reingold with grid-approximated repulsion; returns an ``(n, 2)`` array.

    Attraction is exact along edges; repulsion from far nodes is taken from the
    centres of mass of a ``grid`` × ``grid`` mesh (applied per cell), and exact
    only inside a node's own cell. Cost per iteration is O(grid⁴ + n + edges + within-cell pairs).

    >>> xy = grid_force_layout(nx.path_graph(10), list(range(10)), seed=1, iterations=5)
    >>> xy.shape
    (10, 2)
    """
    n = len(nodes)
    if grid is None:
        grid = int(min(max(math.sqrt(n / 10), 16), 40))
    index = {v: i for i, v in enumerate(nodes)}
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    if g.number_of_edges():
        edges = np.array([(index[u], index[v]) for u, v in g.edges()], dtype=np.int64)
    else:
        edges = np.zeros((0, 2), dtype=np.int64)
    k = math.sqrt(1.0 / n)
    t = 0.1
    cool = t / (iterations + 1)
    for _ in range(iterations):
        disp = np.zeros_like(pos)
        # --- repulsion from grid cells' centres of mass
        lo = pos.min(axis=0)
        span = np.maximum(pos.max(axis=0) - lo, 1e-9)
        cell = np.minimum(((pos - lo) / span * grid).astype(np.int64), grid - 1)
        cid = cell[:, 0] * grid + cell[:, 1]
        counts = np.bincount(cid, minlength=grid * grid).astype(float)
        sums = np.zeros((grid * grid, 2))
        np.add.at(sums, cid, pos)
        occupied = np.nonzero(counts)[0]
        centres = sums[occupied] / counts[occupied, None]
        mass = counts[occupied]
        # cell-to-cell repulsion, applied to every member of a cell (particle-mesh)
        delta = centres[:, None, :] - centres[None, :, :]
        dist2 = np.maximum((delta ** 2).sum(axis=2), 1e-6)
        np.fill_diagonal(dist2, np.inf)
        cell_force = (delta * (mass[None, :] * k * k / dist2)[:, :, None]).sum(axis=1)
        slot = np.full(grid * grid, -1, dtype=np.int64)
        slot[occupied] = np.arange(len(occupied))
        disp += cell_force[slot[cid]]
        # exact repulsion within each cell (cells are small on average)
        order = np.argsort(cid, kind="stable")
        bounds = np.searchsorted(cid[order], occupied)
        ends = np.append(bounds[1:], n)
        for b, e in zip(bounds, ends, strict=True):
            if e - b < 2:
                continue
            members = order[b:e][:2000]
            p = pos[members]
            delta = p[:, None, :] - p[None, :, :]
            dist2 = np.maximum((delta ** 2).sum(axis=2), 1e-6)
            disp[members] += (delta * (k * k / dist2)[:, :, None]).sum(axis=1)
        # --- attraction along edges
        if len(edges):
            delta = pos[edges[:, 0]] - pos[edges[:, 1]]
            dist = np.sqrt(np.maximum((delta ** 2).sum(axis=1), 1e-12))
            force = delta * (dist / k)[:, None]
            np.add.at(disp, edges[:, 0], -force)
            np.add.at(disp, edges[:, 1], force)
        # --- gentle gravity keeps components together
        disp -= (pos - pos.mean(axis=0)) * 0.5 * k
        length = np.sqrt(np.maximum((disp ** 2).sum(axis=1), 1e-12))
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= cool
    return pos
