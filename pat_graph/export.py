"""Exports of the graph to the tools analysts already use: Gephi, Excel, scripts.

* **GraphML** and **GEXF** open in Gephi with each node's display name as its label and
  its colour (actors by sector, other nodes by type, the palette of :mod:`pat_graph.viz.style`);
* **CSV**: ``nodos.csv`` and ``relaciones.csv``, UTF-8 with BOM (Excel shows the accents),
  protected against formula injection;
* **JSON** node-link (``networkx.node_link_data``), the graph exactly as it is.

Documented transformations (undone by :func:`read_export`, so a round trip gives the
same graph):

* GraphML / GEXF: the model label of a node (``label``: ``Actor``, ``Territory`` ...)
  is exported as ``pat_label``; ``label`` holds the display name (``name``, else the
  key), which is what Gephi shows. Added colour attributes: ``color`` (``#rrggbb``) and
  ``r``, ``g``, ``b`` in GraphML; the native ``viz:color`` in GEXF. An attribute whose
  values mix types across nodes (or edges) is written as text.
* GEXF reserves some names: the node property ``id`` travels as ``pat_id``, the
  relationship ``type`` as ``pat_type`` (GEXF's own edge ``type`` says ``directed``)
  and the networkx edge key as ``pat_key``; edges are labelled in Spanish.
* JSON node-link: the node id is under ``node`` and edge ends under ``from`` / ``to``
  (``id`` and ``source`` are properties of the model).
* CSV: written and read by :mod:`pat_graph.tables`, the cells every ``--csv`` writes:
  a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  prefixed with ``'`` (:func:`pat_graph.tables.neutralize`; numbers such as a longitude
  ``-75.5`` are left alone: they are numbers, not formulas), booleans are ``sí`` /
  ``no``. Read back, the ``'`` is removed, an empty text reads back as an absent
  property, and each column's values get back their type (``int``, ``float``,
  ``bool``) from the sidecar ``columnas.csv`` (file, column, type).

>>> import os, tempfile
>>> from pat_graph.graph import comparable
>>> from pat_graph.viz.views import _example_graph
>>> g = _example_graph()
>>> folder = tempfile.mkdtemp()
>>> all(comparable(read_export(export(g, os.path.join(folder, f"g.{ext}"), fmt)))
...     == comparable(g) for fmt, ext in [("graphml", "graphml"), ("gexf", "gexf"),
...                                       ("json", "json")])
True
>>> h = read_export(export(g, os.path.join(folder, "csv"), "csv"))  # '' reads back absent
>>> comparable(h, ignore=("source",)) == comparable(g, ignore=("source",))
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph import model, tables
from pat_graph.errors import InputError
from pat_graph.viz import style

FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "json")
#: node-link names that do not collide with the model's ``id`` and provenance ``source``.
JSON_NAMES: dict[str, str] = {"name": "node", "source": "from", "target": "to", "key": "key"}
NODES_CSV = "nodos.csv"
EDGES_CSV = "relaciones.csv"
COLUMNS_CSV = "columnas.csv"
#: Fixed CSV columns (the rest are the properties, sorted by name).
NODE_ID_COLUMN = "nodo"
EDGE_COLUMNS: tuple[str, ...] = ("desde", "hacia", "clave")


# ------------------------------------------------------------------------ helpers
def display_name(data: dict[str, Any], nid: str) -> str:
    """What Gephi shows for a node: its name, else its key, else the node id.

    >>> display_name({"name": "SENA", "id": "A1"}, "Actor:A1"), display_name({}, "Territory:CO")
    ('SENA', 'Territory:CO')
    """
    for key in ("name", "id", "dane_code"):
        if data.get(key) not in (None, ""):
            return str(data[key])
    return nid


def node_color(data: dict[str, Any]) -> str:
    """``#rrggbb`` of a node: actors by sector, other nodes by their type.

    >>> node_color({"label": "Actor", "sector": "publico"}), node_color({"label": "Program"})
    ('#0072B2', '#F0E442')
    """
    if data.get("label") == model.ACTOR:
        return style.sector_color(data.get("sector"))
    return style.LABEL_COLORS.get(str(data.get("label")), style.UNKNOWN_SECTOR_COLOR)


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _mixed_to_text(items: Iterable[dict[str, Any]]) -> None:
    """Attributes whose values mix Python types are turned into text, in place."""
    items = list(items)
    kinds: dict[str, set[type]] = {}
    for d in items:
        for k, v in d.items():
            kinds.setdefault(k, set()).add(type(v))
    mixed = {k for k, t in kinds.items() if len(t) > 1}
    for d in items:
        for k in mixed & d.keys():
            d[k] = str(d[k])


# ---------------------------------------------------------------- Gephi formats
def for_gephi(g: nx.MultiDiGraph, fmt: str = "graphml") -> nx.MultiDiGraph:
    """A copy of ``g`` with the Gephi transformations of ``fmt`` applied (see module doc).

    >>> from pat_graph.viz.views import _example_graph
    >>> h = for_gephi(_example_graph(), "gexf")
    >>> a = h.nodes["Actor:A1"]
    >>> a["label"], a["pat_label"], a["pat_id"], a["viz"]["color"]["r"]
    ('SENA', 'Actor', 'A1', 0)
    """
    h = nx.MultiDiGraph()
    nodes = []
    for n, d in g.nodes(data=True):
        attrs = dict(d)
        color = node_color(d)
        if "label" in attrs:
            attrs["pat_label"] = attrs.pop("label")
        attrs["label"] = display_name(d, n)
        if fmt == "gexf":
            if "id" in attrs:
                attrs["pat_id"] = attrs.pop("id")
            r, gg, b = _rgb(color)
            attrs["viz"] = {"color": {"r": r, "g": gg, "b": b, "a": 1.0}}
        else:
            attrs["color"] = color
            attrs["r"], attrs["g"], attrs["b"] = _rgb(color)
        nodes.append((n, attrs))
    edges = []
    for u, v, k, d in g.edges(keys=True, data=True):
        attrs = dict(d)
        if fmt == "gexf":
            attrs["pat_key"] = k
        if fmt == "gexf" and "type" in attrs:
            attrs["pat_type"] = attrs.pop("type")
            attrs["label"] = model.REL_ES.get(attrs["pat_type"], attrs["pat_type"])
        edges.append((u, v, k, attrs))
    _mixed_to_text(a for _, a in nodes)
    _mixed_to_text(a for *_, a in edges)
    h.add_nodes_from(nodes)
    h.add_edges_from(edges)
    return h


def from_gephi(h: nx.MultiDiGraph, fmt: str = "graphml") -> nx.MultiDiGraph:
    """Undo :func:`for_gephi` on a graph read back with networkx."""
    g = nx.MultiDiGraph()
    for n, d in h.nodes(data=True):
        attrs = dict(d)
        for extra in ("label", "color", "r", "g", "b", "viz"):
            attrs.pop(extra, None)
        if "pat_label" in attrs:
            attrs["label"] = attrs.pop("pat_label")
        if "pat_id" in attrs:
            attrs["id"] = attrs.pop("pat_id")
        g.add_node(n, **attrs)
    triples = (h.edges(keys=True, data=True) if h.is_multigraph()
               else ((u, v, None, d) for u, v, d in h.edges(data=True)))
    for u, v, k, d in triples:
        attrs = dict(d)
        key = attrs.pop("pat_key", None) or attrs.pop("key", k)
        attrs.pop("key", None)
        attrs.pop("id", None)
        if fmt == "gexf":
            attrs.pop("label", None)
            attrs.pop("type", None)  # GEXF's own 'directed'
            if "pat_type" in attrs:
                attrs["type"] = attrs.pop("pat_type")
        g.add_edge(u, v, key=key, **attrs)
    return g


# --------------------------------------------------------------------------- CSV
def _typename(v: Any) -> str:
    return {bool: "bool", int: "int", float: "float"}.get(type(v), "str")


def _parse(text: str, kind: str) -> Any:
    if kind == "bool":
        return text in ("sí", "True")  # "True": exports written before the one CSV writer
    if kind == "int":
        return int(text)
    if kind == "float":
        return float(text)
    return text


def write_csv(g: nx.MultiDiGraph, folder: str | Path) -> Path:
    """``nodos.csv``, ``relaciones.csv`` and ``columnas.csv`` (column types) in ``folder``.

    Written by :func:`pat_graph.tables.write_csv`, the same cells as every ``--csv``.
    """
    out = Path(folder)
    node_cols = sorted({k for _, d in g.nodes(data=True) for k in d})
    edge_cols = sorted({k for *_, d in g.edges(keys=True, data=True) for k in d})
    types: dict[tuple[str, str], set[str]] = {}
    for _, d in g.nodes(data=True):
        for k, v in d.items():
            types.setdefault(("nodos", k), set()).add(_typename(v))
    for *_, d in g.edges(keys=True, data=True):
        for k, v in d.items():
            types.setdefault(("relaciones", k), set()).add(_typename(v))
    tables.write_csv(([str(n), *(d.get(c) for c in node_cols)] for n, d in g.nodes(data=True)),
                     out / NODES_CSV, columns=[NODE_ID_COLUMN, *node_cols])
    tables.write_csv(([str(u), str(v), str(k), *(d.get(c) for c in edge_cols)]
                      for u, v, k, d in g.edges(keys=True, data=True)),
                     out / EDGES_CSV, columns=[*EDGE_COLUMNS, *edge_cols])
    tables.write_csv(([f, c, kinds.pop() if len(kinds) == 1 else "str"]
                      for (f, c), kinds in sorted(types.items())),
                     out / COLUMNS_CSV, columns=["archivo", "columna", "tipo"])
    return out


def _read_rows(path: Path) -> Iterable[tuple[list[str], list[str]]]:
    table = tables.read_table(path, strict=True)
    for row in table.rows:
        yield table.raw_headers, [str(v) for v in row.values]


def read_csv(folder: str | Path) -> nx.MultiDiGraph:
    """Read a folder written by :func:`write_csv` back into the graph."""
    src = Path(folder)
    try:
        types = {(r[0], r[1]): r[2] for _, r in _read_rows(src / COLUMNS_CSV)}
        g = nx.MultiDiGraph()
        for cols, values in _read_rows(src / NODES_CSV):
            row = dict(zip(cols, values, strict=False))
            n = row.pop(NODE_ID_COLUMN)
            g.add_node(n, **{k: _parse(v, types.get(("nodos", k), "str"))
                             for k, v in row.items() if v != ""})
        for cols, values in _read_rows(src / EDGES_CSV):
            row = dict(zip(cols, values, strict=False))
            u, v, k = (row.pop(c) for c in EDGE_COLUMNS)
            g.add_edge(u, v, key=k, **{c: _parse(x, types.get(("relaciones", c), "str"))
                                       for c, x in row.items() if x != ""})
    except (KeyError, ValueError, IndexError) as err:
        raise InputError(f"No se pudo leer la exportación CSV en {src}: {err}") from err
    return g


# ------------------------------------------------------------------------ front door
def export(g: nx.MultiDiGraph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``g`` to ``path`` in ``fmt`` (``graphml``, ``gexf``, ``csv``, ``json``).

    Without ``fmt`` the suffix of ``path`` decides. For ``csv`` ``path`` is a
    folder (created) that receives ``nodos.csv``, ``relaciones.csv`` and
    ``columnas.csv``. Returns the path written.
    """
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError(f"Formato de exportación desconocido «{fmt}»; use uno de: "
                         + ", ".join(FORMATS))
    try:
        if fmt == "csv":
            return write_csv(g, target if target.suffix.lower() != ".csv" else target.with_suffix(""))
        target.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "graphml":
            nx.write_graphml(for_gephi(g, "graphml"), target, encoding="utf-8")
        elif fmt == "gexf":
            nx.write_gexf(for_gephi(g, "gexf"), target, encoding="utf-8", version="1.2draft")
        else:
            data = nx.node_link_data(g, edges="edges", **JSON_NAMES)
            target.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as err:
        raise InputError(f"No se pudo escribir {target}: {err.strerror}") from err
    return target


def read_export(path: str | Path, fmt: str | None = None) -> nx.MultiDiGraph:
    """Read back an export of :func:`export` with networkx, undoing its transformations."""
    src = Path(path)
    fmt = (fmt or ("csv" if src.is_dir() else src.suffix.lstrip("."))).lower()
    if fmt == "csv":
        return read_csv(src)
    if fmt == "graphml":
        return from_gephi(nx.read_graphml(src, force_multigraph=True), "graphml")
    if fmt == "gexf":
        return from_gephi(nx.read_gexf(src), "gexf")
    if fmt == "json":
        data = json.loads(src.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges",
                                  **JSON_NAMES)
    raise InputError(f"Formato de exportación desconocido «{fmt}»; use uno de: "
                     + ", ".join(FORMATS))
