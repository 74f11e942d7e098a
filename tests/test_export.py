"""Exports: GraphML / GEXF / CSV / JSON round-trip to the same graph (modulo the
documented transformations, undone by ``read_export``), Gephi colours and labels,
and CSV cells that no spreadsheet runs as formulas."""

from __future__ import annotations

import csv
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.export import export, for_gephi, read_export
from pat_graph.graph import comparable
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

EVIL = {
    "A-03": "=HYPERLINK(\"http://x.invalid\",\"clic\")",
    "A-04": "+57 300 000 0000",
    "A-05": "-2+3+cmd|' /C calc'!A0",
    "A-06": "@SUM(1+1)",
    "A-07": "\tTabulado",
}
# markup and Cypher: must stay text, never structure (issue 8, hostile text)
MARKUP = {
    "A-08": "<img src=x onerror=alert(1)>",
    "A-02": "</data></node><node id=\"Actor:X\"/>&amp; '}) DETACH DELETE n //",
}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("export")
    store = SQLiteStore(root / "store.sqlite")
    load_paths([Path(__file__).parent / "data" / "pat_small"], store)
    g = store.read_graph()
    store.close()
    for key, name in (EVIL | MARKUP).items():
        g.nodes[f"Actor:{key}"]["name"] = name
    return root / "store.sqlite", g


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "json", "csv"])
def test_round_trip_gives_the_same_graph(small, tmp_path, fmt):
    _, g = small
    target = tmp_path / (f"g.{fmt}" if fmt != "csv" else "csv")
    back = read_export(export(g, target, fmt))
    assert isinstance(back, nx.MultiDiGraph)
    assert back.number_of_nodes() == g.number_of_nodes() > 1000
    assert back.number_of_edges() == g.number_of_edges()
    assert comparable(back, ignore=()) == comparable(g, ignore=())


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_plain_networkx_reads_the_gephi_files(small, tmp_path, fmt):
    """What Gephi sees: label = display name, colours, model label in pat_label."""
    _, g = small
    path = export(g, tmp_path / f"g.{fmt}", fmt)
    raw = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert raw.number_of_nodes() == g.number_of_nodes()
    assert raw.number_of_edges() == g.number_of_edges()
    univ = raw.nodes["Actor:A-06"]
    assert univ["label"] == "@SUM(1+1)" and univ["pat_label"] == "Actor"
    if fmt == "graphml":
        assert (univ["color"], univ["r"], univ["g"], univ["b"]) == ("#009E73", 0, 158, 115)
    else:
        assert univ["viz"]["color"] == {"r": 0, "g": 158, "b": 115, "a": 1.0}
        text = path.read_text(encoding="utf-8")
        assert 'viz:color r="0" g="158" b="115"' in text
        root = ET.fromstring(text.encode("utf-8"))
        edges = [e for e in root.iter() if e.tag.endswith("edge")]
        assert edges and all(e.get("type") in (None, "directed") for e in edges)


def test_transformations_are_the_documented_ones(small):
    _, g = small
    h = for_gephi(g, "gexf")
    a = h.nodes["Actor:A-01"]
    assert (a["label"], a["pat_label"], a["pat_id"]) == ("Ministerio del Trabajo", "Actor", "A-01")
    assert "id" not in a
    u, v, k, e = next(iter(h.edges(keys=True, data=True)))
    assert k == "e0" and e["id"] == "e0"  # GEXF's edge id: one per edge
    assert "type" not in e and e["pat_type"] == g.edges[u, v, e["pat_key"]]["type"]


def test_csv_is_excel_friendly_and_formula_safe(small, tmp_path):
    _, g = small
    folder = export(g, tmp_path / "csv", "csv")
    raw = (folder / "nodos.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel shows the accents
    with (folder / "nodos.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {r["nodo"]: r for r in csv.DictReader(fh)}
    for key, name in EVIL.items():
        assert rows[f"Actor:{key}"]["name"] == "'" + name
    assert rows["Actor:A-01"]["name"] == "Ministerio del Trabajo"
    assert "Gobernación" in (folder / "nodos.csv").read_text(encoding="utf-8-sig")
    # numbers stay numbers (a negative longitude is not a formula)
    villavo = rows["Territory:50001"]
    assert float(villavo["longitude"]) < 0 and not villavo["longitude"].startswith("'")
    for cells in rows.values():
        for value in cells.values():
            assert (value or " ")[0] not in "=+@\t\r", value
    with (folder / "relaciones.csv").open(encoding="utf-8-sig", newline="") as fh:
        header = next(csv.reader(fh))
    assert header[:3] == ["desde", "hacia", "clave"] and "type" in header


def test_cli_export(small, tmp_path):
    path, _ = small
    runner = CliRunner()
    for fmt, name in [("gexf", "pat.gexf"), ("graphml", "pat.graphml"), ("json", "pat.json"),
                      ("csv", "exportacion")]:
        out = tmp_path / name
        r = runner.invoke(main, ["export", "--formato", fmt, "-o", str(out), "--store", str(path)])
        assert r.exit_code == 0, r.output
        assert str(out) in r.output and "Exportación escrita" in r.output
    assert (tmp_path / "exportacion" / "relaciones.csv").exists()
    r = runner.invoke(main, ["export", "--formato", "xls", "-o", "x", "--store", str(path)])
    assert r.exit_code == 2


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_markup_in_names_stays_escaped_text(small, tmp_path, fmt):
    """Hostile names are escaped in the XML (no element injected) and read back verbatim."""
    _, g = small
    path = export(g, tmp_path / f"g.{fmt}", fmt)
    raw = path.read_text(encoding="utf-8")
    assert "<img" not in raw and "&lt;img src=x onerror=alert(1)&gt;" in raw
    assert '<node id="Actor:X"/>' not in raw
    ET.parse(path)  # still well-formed XML
    back = read_export(path)
    for key, name in MARKUP.items():
        assert back.nodes[f"Actor:{key}"]["name"] == name
    assert "Actor:X" not in back
