"""Issue 23, exports: GraphML and GEXF that Gephi (and igraph) open whole, whatever the
values hold.

* every GEXF validates against the official GEXF 1.2draft XSD (``tests/data/schemas``);
* every GraphML validates against the official GraphML 1.0 XSD (``graphml.xsd``, which
  redefines ``graphml-structure.xsd`` and imports ``xlink.xsd``; copies in
  ``tests/data/schemas/graphml-1.0``): NMTOKEN ids, unique node / edge / key ids, edges
  and data pointing at what exists, ``attr.type`` and ``edgedefault`` from their
  enumerations, ``<key>`` before ``<graph>``. By hand only what the XSD leaves optional:
  every edge has an id, the graph has a name;
* one id per edge, the relationship key kept as ``pat_key``, the model's ``id`` as
  ``pat_id``, the graph named;
* control characters and U+FFFE/U+FFFF in any value, key or property name never make
  a file ill-formed (they are dropped with a warning) and a failed export leaves no file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
import xmlschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat_graph.errors import InputError
from pat_graph.export import (
    GRAPH_NAME,
    export,
    from_nmtoken,
    nmtoken,
    read_export,
    xml_safe,
)
from pat_graph.graph import comparable
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

SCHEMAS = Path(__file__).parent / "data" / "schemas"
GEXF_XSD = xmlschema.XMLSchema(SCHEMAS / "gexf-1.2draft" / "gexf.xsd")
GRAPHML_DIR = SCHEMAS / "graphml-1.0"
GRAPHML_URL = "http://graphml.graphdrawing.org/xmlns/1.0/"


def _local_graphml(uri: str) -> str:
    """The schema files name each other by their published URL; read the local copies
    (and nothing from the network: ``allow="local"`` refuses any other location)."""
    return (GRAPHML_DIR / uri[len(GRAPHML_URL):]).as_uri() if uri.startswith(GRAPHML_URL) else uri


GRAPHML_XSD = xmlschema.XMLSchema(GRAPHML_DIR / "graphml.xsd", uri_mapper=_local_graphml,
                                  allow="local")
G = "{http://graphml.graphdrawing.org/xmlns}"
# XML 1.0 NameChar, restricted to what pat-graph writes (ASCII name characters)
NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
CONTROL = ["\x01", "\x0b", "\x1b", "\x00", "\x1f", "\ufffe", "\uffff", "\ud800"]


VIZ = "{http://www.gexf.net/1.2draft/viz}"


def check_gexf(path: Path) -> ET.Element:
    """Validate against the official GEXF 1.2draft XSD. That XSD (generated from the
    RELAX NG source with ``default namespace = inherit``) puts the viz elements in the
    GEXF namespace, while Gephi reads and writes them as ``viz:color`` in the viz
    namespace; so the ``viz:*`` elements are checked here by hand (r, g, b in 0-255,
    a in 0-1) and removed before the schema validation of everything else."""
    tree = ET.parse(path)
    for parent in tree.getroot().iter():
        for child in [c for c in parent if c.tag.startswith(VIZ)]:
            assert child.tag == f"{VIZ}color"
            assert all(0 <= int(child.get(c)) <= 255 for c in "rgb")
            assert 0 <= float(child.get("a", "1")) <= 1
            parent.remove(child)
    GEXF_XSD.validate(tree)
    return tree.getroot()


def check_graphml(path: Path) -> ET.Element:
    """Validate against the official GraphML 1.0 XSD, then the two rules the XSD leaves
    optional and pat-graph promises: every edge has an id (Gephi drops an edge whose id
    it has seen, and one without an id gets none it can keep) and the graph is named."""
    tree = ET.parse(path)  # well-formed, or ParseError
    GRAPHML_XSD.validate(tree)
    root = tree.getroot()
    graph = root.find(f"{G}graph")
    assert all(e.get("id") for e in graph.findall(f"{G}edge")), "every edge has an id"
    assert graph_name(root), "graph named"
    return root


def graph_name(root: ET.Element) -> str | None:
    graph = root.find(f"{G}graph")
    names = {k.get("id") for k in root.findall(f"{G}key")
             if k.get("for") == "graph" and k.get("attr.name") == "name"}
    return next((d.text for d in graph.findall(f"{G}data") if d.get("key") in names), None)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile_exports")
    store = SQLiteStore(root / "store.sqlite")
    load_paths([Path(__file__).parent / "data" / "pat_small"], store)
    g = store.read_graph()
    store.close()
    return g


def test_graphml_of_real_data_is_valid_and_every_edge_has_its_own_id(small, tmp_path):
    path = export(small, tmp_path / "g.graphml")
    root = check_graphml(path)
    edges = root.find(f"{G}graph").findall(f"{G}edge")
    assert len(edges) == small.number_of_edges()
    assert len({e.get("id") for e in edges}) == small.number_of_edges()
    assert graph_name(root) == GRAPH_NAME
    # the relationship key is an attribute, the model's id another one
    h = nx.read_graphml(path, force_multigraph=True)
    assert h.number_of_edges() == small.number_of_edges()
    u, v, k, d = next(iter(h.edges(keys=True, data=True)))
    assert re.fullmatch(r"e\d+", k) and d["pat_key"] in {key for *_, key in small.edges(keys=True)}
    actor = h.nodes["Actor:A-01"]
    assert actor["pat_id"] == small.nodes["Actor:A-01"]["id"] and "id" not in actor


def test_gexf_of_real_data_validates_against_the_official_schema(small, tmp_path):
    path = export(small, tmp_path / "g.gexf")
    root = check_gexf(path)
    graph = root.find("{http://www.gexf.net/1.2draft}graph")
    # GEXF 1.2 has no graph@name: the name is the meta description
    assert root.findtext("{http://www.gexf.net/1.2draft}meta/"
                         "{http://www.gexf.net/1.2draft}description") == GRAPH_NAME
    edges = [e.get("id") for e in graph.iter("{http://www.gexf.net/1.2draft}edge")]
    assert len(set(edges)) == len(edges) == small.number_of_edges()


def test_schema_validation_can_fail(tmp_path):
    """The XSD check is real: a GEXF with a repeated edge attribute type is refused."""
    bad = tmp_path / "bad.gexf"
    bad.write_text('<?xml version="1.0"?><gexf xmlns="http://www.gexf.net/1.2draft" '
                   'version="1.2"><graph defaultedgetype="sideways"><nodes/><edges/>'
                   "</graph></gexf>", encoding="utf-8")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        GEXF_XSD.validate(str(bad))


@pytest.mark.parametrize("damage", [
    ("<edge id=\"e1\"", "<edge id=\"e0\""),        # a repeated edge id (edge_id_unique)
    ("<edge id=\"e0\"", "<edge id=\"WORKS|x\""),   # an id that is not an NMTOKEN
    ("target=\"b\"", "target=\"nowhere\""),        # an edge to no node (edge_target_ref)
    ("attr.type=\"string\"", "attr.type=\"text\""),  # attr.type outside its enumeration
])
def test_graphml_schema_validation_can_fail(damage, tmp_path):
    """The GraphML XSD check is real: each damage to a valid file is refused by it."""
    g = nx.MultiDiGraph()
    g.add_edge("a", "b", key="K", w="x")
    g.add_edge("a", "b", key="L", w="y")
    path = export(g, tmp_path / "g.graphml")
    GRAPHML_XSD.validate(str(path))
    text = path.read_text(encoding="utf-8")
    old, new = damage
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(xmlschema.XMLSchemaValidationError):
        GRAPHML_XSD.validate(str(path))


def test_demo_graphml_and_gexf_validate_against_the_official_schemas(tmp_path):
    """The demo's whole graph (at ×0,05: validating the ×1 file with xmlschema takes
    about 2 minutes; at ×1 it was checked once: 0 errors, 7.342 nodes, 41.736 edges)."""
    from demo_data import demo_graph

    g = demo_graph(tmp_path, 0.05)
    assert g.number_of_edges() > 1000
    root = check_graphml(export(g, tmp_path / "demo.graphml"))
    edges = root.find(f"{G}graph").findall(f"{G}edge")
    assert len({e.get("id") for e in edges}) == g.number_of_edges()
    check_gexf(export(g, tmp_path / "demo.gexf"))


def _hostile_graph(texts: list[str]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i, t in enumerate(texts):
        g.add_node(f"Actor:{t}{i}", label="Actor", id=f"{t}{i}", name=t, **{f"p {t}": i})
    nodes = list(g)
    for i, (u, v) in enumerate(zip(nodes, nodes[1:] + nodes[:1], strict=True)):
        g.add_edge(u, v, key="WORKS_WITH", type="WORKS_WITH", role=texts[i], since=2020)
        g.add_edge(u, v, key=f"WORKS_WITH|{texts[i]}", type="WORKS_WITH", id=i)
    return g


hostile_text = st.lists(st.sampled_from([*CONTROL, "a", "ñ", " ", "_", "x0041_", "|", "<",
                                         "&", '"', "é", "\t", "\n", "😀", "=", "$"]),
                        min_size=1, max_size=8).map("".join)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(hostile_text, min_size=2, max_size=6))
def test_any_text_gives_a_valid_file_that_reads_back(fmt, texts, tmp_path):
    g = _hostile_graph(texts)
    warned: list[str] = []
    path = export(g, tmp_path / f"g.{fmt}", on_warning=warned.append)
    if fmt == "graphml":
        check_graphml(path)
    else:
        check_gexf(path)
    has_control = any(xml_safe(t) != t for t in texts)
    assert bool(warned) == has_control
    if not has_control:
        assert comparable(read_export(path)) == comparable(g)
    else:  # what was read is the graph without those characters
        assert "carácter(es) de control" in warned[0]
        assert read_export(path).number_of_edges() == g.number_of_edges()


@given(st.text())
def test_nmtoken_is_a_reversible_name_token(text):
    token = nmtoken(text)
    assert NMTOKEN.fullmatch(token) and from_nmtoken(token) == text


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json"])
def test_a_failed_export_leaves_the_previous_file(fmt, tmp_path, monkeypatch):
    """The disk fills half way through the file (ENOSPC): the previous export stays,
    no partial file and no temporary file are left, and the error is a clean one."""
    import errno

    real_write = ET.ElementTree.write

    def disk_full(self, file, *args, **kwargs):
        file.write(b"<?xml version='1.0'?><graphml")  # a partial document
        raise OSError(errno.ENOSPC, "No space left on device")

    g = nx.MultiDiGraph()
    g.add_node("Actor:A", name="A")
    if fmt == "json":
        g.add_node("Actor:B", name=object())  # json.dump fails after writing part of it
    else:
        monkeypatch.setattr(ET.ElementTree, "write", disk_full)
    target = tmp_path / f"g.{fmt}"
    target.write_text("anterior", encoding="utf-8")
    with pytest.raises((InputError, TypeError)):
        export(g, target)
    monkeypatch.setattr(ET.ElementTree, "write", real_write)
    assert target.read_text(encoding="utf-8") == "anterior"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary left


def test_json_export_has_no_bare_nan(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("Actor:A", latitude=float("nan"), longitude=float("inf"))
    text = export(g, tmp_path / "g.json").read_text(encoding="utf-8")
    assert "NaN" not in text and "Infinity" not in text and '"latitude": null' in text
