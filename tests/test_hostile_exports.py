"""Issue 23, exports: GraphML and GEXF that Gephi (and igraph) open whole, whatever the
values hold.

* every GEXF validates against the official GEXF 1.2draft XSD (``tests/data/schemas``);
* every GraphML passes the structural rules of the GraphML XSD (no offline copy of
  ``graphml-structure.xsd`` exists to validate against, see ``tests/data/schemas``):
  NMTOKEN ids, unique node / edge / key ids, edges and data pointing at what exists,
  ``attr.type`` and ``edgedefault`` from their enumerations, ``<key>`` before ``<graph>``;
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
G = "{http://graphml.graphdrawing.org/xmlns}"
# XML 1.0 NameChar, restricted to what pat-graph writes (ASCII name characters)
NMTOKEN = re.compile(r"[A-Za-z0-9._:-]+")
KEY_TYPES = {"boolean", "int", "long", "float", "double", "string"}
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
    """The rules of graphml-structure.xsd and graphml-attributes.xsd that a writer
    can break; fails the test with the first broken one."""
    root = ET.parse(path).getroot()  # well-formed, or ParseError
    assert root.tag == f"{G}graphml"
    children = [c.tag for c in root]
    assert children == sorted(children, key=lambda t: t != f"{G}key"), "<key> before <graph>"
    keys = {}
    for key in root.findall(f"{G}key"):
        kid = key.get("id")
        assert kid and NMTOKEN.fullmatch(kid) and kid not in keys
        assert NMTOKEN.fullmatch(key.get("attr.name", "x")), key.get("attr.name")
        assert key.get("attr.type", "string") in KEY_TYPES
        assert key.get("for") in {"all", "graph", "node", "edge", "hyperedge", "port",
                                  "endpoint"}
        keys[kid] = key
    graphs = root.findall(f"{G}graph")
    assert len(graphs) == 1
    graph = graphs[0]
    assert graph.get("edgedefault") in {"directed", "undirected"}
    assert NMTOKEN.fullmatch(graph.get("id", "x"))
    nodes = [n.get("id") for n in graph.findall(f"{G}node")]
    assert all(n and NMTOKEN.fullmatch(n) for n in nodes)
    assert len(set(nodes)) == len(nodes), "node ids unique"
    edges = graph.findall(f"{G}edge")
    ids = [e.get("id") for e in edges]
    assert all(i and NMTOKEN.fullmatch(i) for i in ids)
    assert len(set(ids)) == len(ids), "edge ids unique"
    node_set = set(nodes)
    assert all(e.get("source") in node_set and e.get("target") in node_set for e in edges)
    for element in root.iter():
        datas = [d.get("key") for d in element.findall(f"{G}data")]
        assert len(set(datas)) == len(datas), "one <data> per key and element"
        assert all(k in keys for k in datas)
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
