"""Round trip: the store's records exported in the PAT exchange format (CSV folder or
workbook) load into an empty store as the same graph, on SQLite and on Neo4j."""

from __future__ import annotations

import openpyxl
import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.demo import generate_demo
from pat_graph.exchange import exchange_rows, write_exchange
from pat_graph.graph import comparable
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

PROVENANCE = ("source", "row", "loaded_at")  # name the file and line: differ by design


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    generate_demo(base / "datos", scale=0.1)
    store = SQLiteStore(base / "demo.sqlite")
    report = load_paths([base / "datos"], store)
    assert report.ok
    yield store
    store.close()


def _reload(path, tmp_path, name="b.sqlite"):
    store = SQLiteStore(tmp_path / name)
    report = load_paths([path], store)
    assert report.rejects == [] and report.warnings == [] and report.ignored == []
    return store


@pytest.mark.parametrize("target", ["pat", "pat.xlsx"])
def test_demo_round_trip_gives_the_same_graph(demo_store, tmp_path, target):
    g = demo_store.read_graph()
    out, rows = write_exchange(g, tmp_path / target)
    assert rows.warnings == []
    assert rows.tables["actores"] and rows.tables["articulaciones"]
    back = _reload(out, tmp_path)
    h = back.read_graph()
    back.close()
    assert h.number_of_nodes() == g.number_of_nodes() and h.number_of_edges() == g.number_of_edges()
    assert comparable(h, ignore=PROVENANCE) == comparable(g, ignore=PROVENANCE)


def test_cli_export_pat_with_spanish_headers_and_reload(demo_store, tmp_path):
    out = tmp_path / "registros"
    result = CliRunner().invoke(main, ["export", "--formato", "pat", "--salida", str(out),
                                       "--almacen", str(demo_store.location)])
    assert result.exit_code == 0, result.output
    head = (out / "instancias.csv").read_text(encoding="utf-8-sig").splitlines()[0]
    assert head == "id,nombre,tipo,departamento,municipio,estado,fecha_creacion"
    back = _reload(out, tmp_path)
    assert comparable(back.read_graph(), ignore=PROVENANCE) == comparable(
        demo_store.read_graph(), ignore=PROVENANCE)
    back.close()


def test_department_export_loads_alone_and_keeps_what_it_cites(demo_store, tmp_path):
    g = demo_store.read_graph()
    out, rows = write_exchange(g, tmp_path / "meta.xlsx", department="Meta")
    assert rows.department == "50" and rows.warnings == []
    meta_actors = {n for n, d in g.nodes(data=True)
                   if d.get("label") == "Actor" and d.get("department_code") == "50"}
    back = _reload(out, tmp_path)
    h = back.read_graph()
    back.close()
    assert meta_actors <= set(h)
    assert len([n for n in h if n.startswith("Actor:")]) < len([n for n in g if n.startswith("Actor:")])
    for n, d in h.nodes(data=True):  # every record came back as it is in the store
        assert {k: v for k, v in d.items() if k not in PROVENANCE} == {
            k: v for k, v in g.nodes[n].items() if k not in PROVENANCE}
    for u, v, k, d in h.edges(keys=True, data=True):
        assert g.has_edge(u, v, k)
        assert {a: b for a, b in d.items() if a not in PROVENANCE} == {
            a: b for a, b in g.edges[u, v, k].items() if a not in PROVENANCE}
    instances = [n for n, d in h.nodes(data=True) if d.get("label") == "Instance"]
    assert instances and all(h.in_degree(i) for i in instances)


def test_edit_in_excel_and_reload_changes_only_that_record(demo_store, tmp_path):
    g = demo_store.read_graph()
    out, _ = write_exchange(g, tmp_path / "edit.xlsx")
    copy = SQLiteStore(tmp_path / "copy.sqlite")
    load_paths([out], copy)
    wb = openpyxl.load_workbook(out)
    ws = wb["actores"]
    headers = [c.value for c in ws[1]]
    actor_id = ws.cell(row=2, column=1).value
    ws.cell(row=2, column=headers.index("nombre") + 1, value="Nombre corregido en Excel")
    wb.save(out)
    report = load_paths([out], copy)
    assert report.ok
    h = copy.read_graph()
    copy.close()
    assert h.nodes[f"Actor:{actor_id}"]["name"] == "Nombre corregido en Excel"
    h.nodes[f"Actor:{actor_id}"]["name"] = g.nodes[f"Actor:{actor_id}"]["name"]
    assert comparable(h, ignore=PROVENANCE) == comparable(g, ignore=PROVENANCE)


def test_a_record_the_format_cannot_carry_is_a_warning(demo_store):
    g = demo_store.read_graph()
    u, v, k = next((u, v, k) for u, v, k, t in g.edges(keys=True, data="type")
                   if t == "IMPLEMENTS")
    g.add_edge(u, v, key="IMPLEMENTS|otro", type="IMPLEMENTS")  # no articulación says it
    actor = next(n for n, d in g.nodes(data=True) if d.get("label") == "Actor")
    g.nodes[actor]["score"] = 0.5  # a number: reads back as text
    warnings = exchange_rows(g).warnings
    assert any("IMPLEMENTS" in w for w in warnings)
    assert any("Actor" in w for w in warnings)


@pytest.mark.neo4j
def test_round_trip_on_neo4j(neo4j_store, pat_small, tmp_path):
    assert load_paths([pat_small], neo4j_store).ok
    g = neo4j_store.read_graph()
    out, rows = write_exchange(g, tmp_path / "pat")
    assert rows.warnings == []
    neo4j_store.clear()
    report = load_paths([out], neo4j_store)
    assert report.rejects == [] and report.warnings == []
    assert comparable(neo4j_store.read_graph(), ignore=PROVENANCE) == comparable(
        g, ignore=PROVENANCE)
