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
* Ids: the property ``id`` of a node or relationship travels as ``pat_id`` (the
  format's own ``id`` attribute is the node id; igraph and Gephi would otherwise lose
  one of the two) and the networkx edge key (``ATTENDED``, ...) as ``pat_key``.
  Every edge gets its own id, ``e0``, ``e1`` ... (Gephi drops an edge whose id it has
  seen). The graph is named (:data:`GRAPH_NAME`): GraphML graph data ``name``; in GEXF,
  whose schema has no ``graph@name`` (networkx writes an empty one, which the official
  XSD refuses), the ``<meta><description>``.
* GraphML ids and attribute names must be XML name tokens (NMTOKEN): a character that
  is not ``A-Z a-z 0-9 . - :`` (a space, an accent ...) is written ``_xHHHH_`` (its
  code point, as .NET's ``XmlConvert`` does; a ``_`` that would read as such an escape
  is itself escaped), so ``Actor:A-00001`` stays as it is.
* GEXF reserves some names: the relationship ``type`` travels as ``pat_type`` (GEXF's
  own edge ``type`` says ``directed``); edges are labelled in Spanish.
* Characters that XML 1.0 cannot carry, not even escaped (C0 controls but tab and line
  breaks, such as ``\\x01``, Word's vertical tab ``\\x0b`` or ``\\x1b``; lone surrogates;
  U+FFFE, U+FFFF) are dropped from GraphML and GEXF, with a warning that says where.
  The file is written to a temporary name and renamed at the end: an export that
  fails leaves no partial file.
* JSON node-link: the node id is under ``node`` and edge ends under ``from`` / ``to``
  (``id`` and ``source`` are properties of the model).
* CSV: written and read by :mod:`pat_graph.tables`, the cells every ``--csv`` writes:
  a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  prefixed with ``'`` (:func:`pat_graph.tables.neutralize`; numbers such as a longitude
  ``-75.5`` are left alone: they are numbers, not formulas), booleans are ``sí`` /
  ``no``. Read back, the ``'`` is removed, an empty text reads back as an absent
  property, and each column's values get back their type (``int``, ``float``,
  ``bool``) from the sidecar ``columnas.csv`` (file, column, type).
* JSON: a float that is not finite (``nan``, ``inf``) is written ``null`` (JSON has no
  NaN), see :func:`json_ready`.

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
import math
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from pat_graph import model, tables
from pat_graph.atomic import atomic_file
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
#: Name of the exported graph (GraphML graph data ``name``, GEXF ``graph@name``).
GRAPH_NAME = "Grafo PAT (pat-graph)"
#: Id of the GraphML ``<graph>`` element (an NMTOKEN).
GRAPH_ID = "pat-graph"
#: Characters that XML 1.0 cannot carry, even as character references.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_NMTOKEN_PLAIN = re.compile(r"[A-Za-z0-9.:-]")
_NMTOKEN_ESCAPE = re.compile(r"_x([0-9A-F]{4})_|_X([0-9A-F]{6})_")
#: Called with each warning of an export (Spanish text).
Warn = Callable[[str], None]


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


# ------------------------------------------------------------------- XML safety
def xml_safe(text: str) -> str:
    r"""``text`` without the characters XML 1.0 cannot carry (see :data:`NOT_XML`).

    >>> xml_safe("Sede\x0bNorte\x1b[31m\ufffe"), xml_safe("tab\tok")
    ('SedeNorte[31m', 'tab\tok')
    """
    return NOT_XML.sub("", text)


def nmtoken(text: str) -> str:
    """``text`` as an XML name token (GraphML ids and attribute names), reversibly.

    Characters other than ``A-Z a-z 0-9 . - :`` become ``_xHHHH_`` (``_XHHHHHH_`` past
    U+FFFF); :func:`from_nmtoken` undoes it. An empty text is written ``_``.

    >>> nmtoken("Actor:A-00001"), nmtoken('Sede 5"'), nmtoken("año_x0041_")
    ('Actor:A-00001', 'Sede_x0020_5_x0022_', 'a_x00F1_o_x005F_x0041_')
    >>> all(from_nmtoken(nmtoken(t)) == t for t in ["año_1", "_x0041_", "a b", "😀", ""])
    True
    """
    if not text:
        return "_"
    out = []
    for i, c in enumerate(text):
        if _NMTOKEN_PLAIN.match(c) or (c == "_" and not _NMTOKEN_ESCAPE.match(text, i)
                                       and text != "_"):
            out.append(c)
        else:
            out.append(f"_x{ord(c):04X}_" if ord(c) <= 0xFFFF else f"_X{ord(c):06X}_")
    return "".join(out)


def from_nmtoken(token: str) -> str:
    """Undo :func:`nmtoken`.

    >>> from_nmtoken("Sede_x0020_5"), from_nmtoken("_")
    ('Sede 5', '')
    """
    if token == "_":
        return ""
    return _NMTOKEN_ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)), token)


class _Cleaner:
    """Drops non-XML characters from every text of an export, counting where."""

    def __init__(self) -> None:
        self.count = 0
        self.where: list[str] = []

    def __call__(self, value: Any, where: str) -> Any:
        if isinstance(value, str) and NOT_XML.search(value):
            self.count += len(NOT_XML.findall(value))
            if len(self.where) < 3 and where not in self.where:
                self.where.append(where)
            return xml_safe(value)
        return value

    def attrs(self, d: dict[str, Any], where: str) -> dict[str, Any]:
        return {self(k, f"{where}, nombre de propiedad"): self(v, f"{where}, propiedad «{k}»")
                for k, v in d.items()}

    def message(self, fmt: str) -> str:
        return (f"{fmt.upper()}: se quitaron {self.count} carácter(es) de control que XML no "
                f"admite (p. ej. en {'; '.join(self.where)})")


# ---------------------------------------------------------------- Gephi formats
def for_gephi(g: nx.MultiDiGraph, fmt: str = "graphml",
              on_warning: Warn | None = None) -> nx.MultiDiGraph:
    """A copy of ``g`` with the Gephi transformations of ``fmt`` applied (see module doc).

    ``on_warning`` receives the warning about dropped control characters (default:
    Python's :func:`warnings.warn`).

    >>> from pat_graph.viz.views import _example_graph
    >>> h = for_gephi(_example_graph(), "gexf")
    >>> a = h.nodes["Actor:A1"]
    >>> a["label"], a["pat_label"], a["pat_id"], a["viz"]["color"]["r"], h.graph["name"]
    ('SENA', 'Actor', 'A1', 0, 'Grafo PAT (pat-graph)')
    """
    clean = _Cleaner()
    name_of = (nmtoken if fmt == "graphml" else str)
    nodes = []
    for n, d in g.nodes(data=True):
        where = f"el nodo «{xml_safe(str(n))}»"
        attrs = clean.attrs(d, where)
        node = clean(str(n), where)
        color = node_color(attrs)
        label = display_name(attrs, node)
        if "label" in attrs:
            attrs["pat_label"] = attrs.pop("label")
        if "id" in attrs:
            attrs["pat_id"] = attrs.pop("id")
        attrs["label"] = label
        if fmt == "gexf":
            r, gg, b = _rgb(color)
            attrs["viz"] = {"color": {"r": r, "g": gg, "b": b, "a": 1.0}}
        else:
            attrs["color"] = color
            attrs["r"], attrs["g"], attrs["b"] = _rgb(color)
        nodes.append((name_of(node), attrs))
    edges = []
    for i, (u, v, k, d) in enumerate(g.edges(keys=True, data=True)):
        where = f"la relación {xml_safe(str(u))} → {xml_safe(str(v))}"
        attrs = clean.attrs(d, where)
        if "id" in attrs:
            attrs["pat_id"] = attrs.pop("id")
        attrs["pat_key"] = clean(k, where)
        if fmt == "gexf":
            attrs["id"] = f"e{i}"
            if "type" in attrs:
                attrs["pat_type"] = attrs.pop("type")
                attrs["label"] = model.REL_ES.get(attrs["pat_type"], attrs["pat_type"])
        edges.append((name_of(clean(str(u), where)), name_of(clean(str(v), where)),
                      f"e{i}", attrs))
    _mixed_to_text(a for _, a in nodes)
    _mixed_to_text(a for *_, a in edges)
    if fmt == "graphml":  # property names are few: each one is encoded once
        names: dict[str, str] = {}

        def token(name: str) -> str:
            if name not in names:
                names[name] = nmtoken(name)
            return names[name]

        nodes = [(n, {token(k): v for k, v in a.items()}) for n, a in nodes]
        edges = [(u, v, k, {token(c): x for c, x in a.items()}) for u, v, k, a in edges]
    if clean.count:
        (on_warning or _python_warning)(clean.message(fmt))
    h = nx.MultiDiGraph(name=GRAPH_NAME)
    if fmt == "graphml":
        h.graph["id"] = GRAPH_ID
    h.add_nodes_from(nodes)
    h.add_edges_from(edges)
    return h


def _python_warning(message: str) -> None:
    warnings.warn(message, UserWarning, stacklevel=3)


def from_gephi(h: nx.MultiDiGraph, fmt: str = "graphml") -> nx.MultiDiGraph:
    """Undo :func:`for_gephi` on a graph read back with networkx."""
    g = nx.MultiDiGraph()
    name_of = (from_nmtoken if fmt == "graphml" else str)
    for n, d in h.nodes(data=True):
        attrs = {name_of(k): v for k, v in d.items()}
        for extra in ("label", "color", "r", "g", "b", "viz"):
            attrs.pop(extra, None)
        if "pat_label" in attrs:
            attrs["label"] = attrs.pop("pat_label")
        if "pat_id" in attrs:
            attrs["id"] = attrs.pop("pat_id")
        g.add_node(name_of(n), **attrs)
    triples = (h.edges(keys=True, data=True) if h.is_multigraph()
               else ((u, v, None, d) for u, v, d in h.edges(data=True)))
    for u, v, k, d in triples:
        attrs = {name_of(c): x for c, x in d.items()}
        key = attrs.pop("pat_key", None) or attrs.pop("key", k)
        attrs.pop("key", None)
        attrs.pop("id", None)
        if "pat_id" in attrs:
            attrs["id"] = attrs.pop("pat_id")
        if fmt == "gexf":
            attrs.pop("label", None)
            attrs.pop("type", None)  # GEXF's own 'directed'
            if "pat_type" in attrs:
                attrs["type"] = attrs.pop("pat_type")
        g.add_edge(name_of(u), name_of(v), key=key, **attrs)
    return g


class _UniqueEdgeIds(GraphMLWriter):
    """networkx's GraphML writer, with each edge's id its own key (``e0``, ``e1`` ...)
    instead of the relationship key, which many edges share."""

    def add_edges(self, G: nx.MultiDiGraph, graph_element: Any) -> None:  # noqa: N803
        default = G.graph.get("edge_default", {})
        for u, v, key, data in G.edges(data=True, keys=True):
            element = self.myElement("edge", id=str(key), source=str(u), target=str(v))
            self.add_attributes("edge", element, data, default)
            graph_element.append(element)


def write_graphml(g: nx.MultiDiGraph, path: str | Path, on_warning: Warn | None = None) -> Path:
    """``g`` as GraphML for Gephi (see the module doc), written atomically."""
    writer = _UniqueEdgeIds(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(for_gephi(g, "graphml", on_warning))
    with atomic_file(Path(path), "wb") as fh:
        writer.dump(fh)
    return Path(path)


def write_gexf(g: nx.MultiDiGraph, path: str | Path, on_warning: Warn | None = None) -> Path:
    """``g`` as GEXF 1.2 for Gephi (see the module doc), written atomically."""
    h = for_gephi(g, "gexf", on_warning)
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(h)
    writer.graph_element.attrib.pop("name", None)  # not in the GEXF 1.2 schema
    ET.SubElement(writer.xml.find("meta"), "description").text = h.graph["name"]
    with atomic_file(Path(path), "wb") as fh:
        writer.write(fh)
    return Path(path)


def json_ready(value: Any) -> Any:
    """``value`` with every float that is not finite (``nan``, ``inf``) as ``None``, so
    that ``json.dumps(..., allow_nan=False)`` writes standard JSON (``null``).

    >>> json.dumps(json_ready({"a": float("nan"), "b": [1.5, float("-inf")], "c": (2,)}))
    '{"a": null, "b": [1.5, null], "c": [2]}'
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_ready(v) for v in value]
    return value


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
def export(g: nx.MultiDiGraph, path: str | Path, fmt: str | None = None,
           on_warning: Warn | None = None) -> Path:
    """Write ``g`` to ``path`` in ``fmt`` (``graphml``, ``gexf``, ``csv``, ``json``).

    Without ``fmt`` the suffix of ``path`` decides. For ``csv`` ``path`` is a
    folder (created) that receives ``nodos.csv``, ``relaciones.csv`` and
    ``columnas.csv``. Each file is written under a temporary name and renamed when
    complete. ``on_warning`` receives warnings (control characters dropped from
    GraphML / GEXF; default :func:`warnings.warn`). Returns the path written.

    >>> import tempfile, xml.dom.minidom
    >>> from pat_graph.viz.views import _example_graph
    >>> g = _example_graph()
    >>> g.nodes["Actor:A1"]["name"] = "SENA\\x0b\\x1b[31m"
    >>> p = export(g, tempfile.mkdtemp() + "/g.graphml", on_warning=print)
    GRAPHML: se quitaron 2 carácter(es) de control que XML no admite (p. ej. en el nodo «Actor:A1», propiedad «name»)
    >>> _ = xml.dom.minidom.parse(str(p))  # well-formed
    """
    target = Path(path)
    fmt = (fmt or target.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InputError(f"Formato de exportación desconocido «{fmt}»; use uno de: "
                         + ", ".join(FORMATS))
    try:
        if fmt == "csv":
            return write_csv(g, target if target.suffix.lower() != ".csv" else target.with_suffix(""))
        if fmt == "graphml":
            write_graphml(g, target, on_warning)
        elif fmt == "gexf":
            write_gexf(g, target, on_warning)
        else:
            data = json_ready(nx.node_link_data(g, edges="edges", **JSON_NAMES))
            with atomic_file(target, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, allow_nan=False)
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
