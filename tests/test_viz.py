"""pat_graph.viz without a browser: page safety, views' contents, charts, CLI."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from click.testing import CliRunner

from pat_graph import analytics, viz
from pat_graph.cli import main
from pat_graph.errors import InputError, NotFoundError
from pat_graph.graph import graph_from_records
from pat_graph.model import EdgeRecord as E
from pat_graph.model import NodeRecord as N
from pat_graph.viz.style import SECTOR_COLORS
from pat_graph.viz.views import _example_graph

XSS = "<img src=x onerror=alert(1)>"
URL = re.compile(r"(?i)\b(?:https?|wss?|ftp)://")


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="pat-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


@pytest.fixture
def xss_graph():
    nodes = [N("Territory", "05", {"name": "Antioquia", "kind": "department"}),
             N("Actor", "X1", {"name": XSS, "sector": "privado", "department_code": "05",
                               "kind": "empresa</script><script>alert(2)</script>"}, "a.csv", 2),
             N("Actor", "X2", {"name": "Línea\u2028separada & <b>", "sector": "publico",
                               "department_code": "05"}, "a.csv", 3),
             N("Instance", "I", {"name": "Mesa", "kind": "red_ormet", "department_code": "05"})]
    edges = [E("PARTICIPATES_IN", "Actor", "X1", "Instance", "I"),
             E("PARTICIPATES_IN", "Actor", "X2", "Instance", "I")]
    return graph_from_records(nodes, edges, loaded_at="2024-01-01T00:00:00Z")


def test_page_is_self_contained_and_has_no_url(xss_graph):
    html = viz.department_view(xss_graph, "05").html()
    assert not URL.search(html)
    assert not re.search(r"(?i)(src|href)\s*=\s*[\"']?(//|https?:)", html)
    assert "@import" not in html and "url(http" not in html
    # exactly our three inline scripts (data, vis-network, app) and no external script
    assert len(re.findall(r"(?m)^<script\b", html)) == 3
    assert "<script src" not in html


def test_data_is_escaped_inside_the_page(xss_graph):
    html = viz.department_view(xss_graph, "05").html()
    assert XSS not in html
    assert "</script><script>alert(2)" not in html
    assert "\u2028" not in html
    data = page_data(html)  # still valid JSON that round-trips the exact texts
    names = {n["name"] for n in data["nodes"]}
    assert XSS in names and "Línea\u2028separada & <b>" in names


def test_department_view_contents():
    g = _example_graph()
    v = viz.department_view(g, "antioquia")
    ids = {n["id"] for n in v.payload["nodes"]}
    assert ids == set(v.graph.nodes)
    assert {"Actor:A1", "Actor:A2", "Actor:A3", "Instance:I1", "Agreement:G1", "Program:P1"} <= ids
    # one drawn edge per linked pair of the view's graph
    pairs = {tuple(sorted((u, w))) for u, w in v.graph.edges()}
    assert v.n_edges == len(pairs)
    assert not any(d["type"] in ("LOCATED_IN", "SCOPED_TO") for _, _, d in v.graph.edges(data=True))
    actor = next(n for n in v.payload["nodes"] if n["id"] == "Actor:A1")
    assert actor["pv"] == {"Archivo": "actores.csv", "Fila": "2", "Cargado el": "01/01/2024"}
    # the detail panel speaks Spanish: vocabulary labels and names, never stored codes
    assert actor["p"]["Sector"] == "Público" and "publico" not in actor["p"].values()
    assert "sector" not in actor["p"] and "department_code" not in actor["p"]
    assert actor["color"] == SECTOR_COLORS["publico"]
    sectors = [s["code"] for s in v.payload["legend"]["sectors"]]
    assert sectors == ["publico", "privado", "academico"]


def test_unknown_department_and_actor():
    g = _example_graph()
    with pytest.raises(NotFoundError):
        viz.department_view(g, "Atlántida")
    with pytest.raises(NotFoundError):
        viz.actor_view(g, "A-404")
    with pytest.raises(InputError):
        viz.department_view(g, "05", size_by="magia")


def test_gaps_and_recommendations():
    v = viz.department_view(_example_graph(), "05", gaps=True,
                            recommendations=[("A1", "A3", "tema común"), ("A1", "ZZ", "fuera")])
    gaps = v.payload["gaps"]
    assert [a["id"] for a in gaps["articulation"]] == ["Actor:A2"]
    assert len(gaps["bridges"]) == 2
    assert {"academico", "publico"} == set(next(
        p["pair"] for p in gaps["missing_sector_pairs"] if set(p["pair"]) == {"academico", "publico"}))
    rec = [e for e in v.payload["edges"] if e.get("rec")]
    assert len(rec) == 1 and rec[0]["dashed"] and rec[0]["from"] == "Actor:A1"
    assert "(fuera de esta vista)" in gaps["recommended"][1]["text"]
    art = next(n for n in v.payload["nodes"] if n["id"] == "Actor:A2")
    assert art["a"] is True


def test_positions_are_stable_across_runs():
    g = _example_graph()
    a = viz.department_view(g, "05", seed=3).payload["nodes"]
    b = viz.department_view(g, "05", seed=3).payload["nodes"]
    assert [(n["x"], n["y"]) for n in a] == [(n["x"], n["y"]) for n in b]


def test_large_layout_is_seeded_and_spread():
    from pat_graph.viz.layout import compute_positions

    g = nx.barabasi_albert_graph(2000, 2, seed=1)
    p1 = compute_positions(g, seed=5)
    p2 = compute_positions(g, seed=5)
    assert p1 == p2
    assert len({(round(x), round(y)) for x, y in p1.values()}) > 1900  # not piled up


def test_big_views_turn_physics_and_smooth_edges_off():
    g = nx.MultiDiGraph()
    for i in range(400):
        g.add_node(f"Actor:{i}", label="Actor", id=str(i), name=f"Actor {i}", sector="privado")
    for i in range(1, 400):
        g.add_edge(f"Actor:{i}", f"Actor:{i // 2}", type="SIGNED")
    v = viz.build_view(g, g, title="grande")
    assert v.payload["options"]["physics"] is False and v.payload["options"]["smooth"] is False


def test_program_and_national_views():
    g = _example_graph()
    p = viz.program_view(g, "Servicio Público de Empleo")
    assert {n["id"] for n in p.payload["nodes"]} == {"Program:P1", "Territory:05", "Actor:A1"}
    n = viz.national_view(g, gap_index={"05": 4.0})
    assert {x["t"] for x in n.payload["nodes"]} == {"Territory", "Program"}
    assert all("x" in x for x in n.payload["nodes"])


def test_repr_html_is_an_iframe_with_escaped_srcdoc(xss_graph):
    out = viz.department_view(xss_graph, "05")._repr_html_()
    assert out.startswith("<iframe srcdoc=\"") and "<script" not in out


def test_save_rejects_non_html(tmp_path):
    with pytest.raises(InputError):
        viz.department_view(_example_graph(), "05").save(tmp_path / "red.png")


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_charts(tmp_path, suffix):
    g = _example_graph()
    ties = viz.sector_ties(g, "05")
    # the chart shows the analytics' own matrix (a shared instance weighs 1, an agreement 2)
    assert ties[("privado", "publico")] == 1 and ties[("academico", "privado")] == 2
    [row] = [r for r in analytics.sector_articulation(g) if r.department_code == "05"]
    assert all(ties[tuple(sorted((a, b)))] == row.matrix[a][b]
               for a in row.matrix for b in row.matrix[a])
    assert viz.sector_matrix_chart(ties, tmp_path / f"m{suffix}").stat().st_size > 1000
    assert viz.coverage_matrix_chart(viz.program_coverage(g), tmp_path / f"c{suffix}").exists()
    assert viz.gap_ranking_chart({"Antioquia": 2, "Meta": 5}, tmp_path / f"r{suffix}").exists()
    assert viz.gap_choropleth({"05": 2, "50": 5}, tmp_path / f"map{suffix}").exists()


def test_svg_chart_is_reproducible(tmp_path):
    a = viz.gap_choropleth({"05": 2, "50": 5}, tmp_path / "a.svg").read_bytes()
    b = viz.gap_choropleth({"05": 2, "50": 5}, tmp_path / "b.svg").read_bytes()
    assert a == b


def test_assets_have_licence_and_no_cdn():
    from importlib import resources

    assets = resources.files("pat_graph.viz").joinpath("assets")
    assert "MIT License" in assets.joinpath("LICENSE-vis-network.txt").read_text(encoding="utf-8")
    js = assets.joinpath("vis-network.min.js").read_text(encoding="utf-8")
    assert "Almende" in js and not URL.search(js)


# ------------------------------------------------------------------------------- CLI
@pytest.fixture
def store_with_example(tmp_path, monkeypatch):
    loc = tmp_path / "s.sqlite"
    g = _example_graph()
    monkeypatch.setattr("pat_graph.cli.viz._graph", lambda store: g)
    return str(loc)


def test_cli_viz_views(tmp_path, store_with_example):
    runner = CliRunner()
    for args in (["--departamento", "05", "--brechas"], ["--actor", "A1", "--saltos", "1"],
                 ["--nacional"], ["--programa", "P1"]):
        out = tmp_path / "v.html"
        res = runner.invoke(main, ["viz", *args, "-o", str(out)])
        assert res.exit_code == 0, res.output
        assert "nodos" in res.output and out.read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_cli_viz_needs_exactly_one_view(tmp_path, store_with_example):
    res = CliRunner().invoke(main, ["viz", "-o", str(tmp_path / "v.html")])
    assert res.exit_code == 2 and "Elija exactamente una vista" in res.output
    res = CliRunner().invoke(main, ["viz", "--departamento", "Narnia", "-o", str(tmp_path / "v.html")])
    assert res.exit_code == 2 and "Narnia" in res.output


def test_cli_recommendations_csv(tmp_path, store_with_example):
    recs = tmp_path / "r.csv"
    recs.write_text("actor_a,actor_b,motivo\nA1,A3,empleo juvenil\n", encoding="utf-8")
    out = tmp_path / "v.html"
    res = CliRunner().invoke(main, ["viz", "--departamento", "05", "--recomendaciones", str(recs),
                                    "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert any(e.get("rec") for e in page_data(out.read_text(encoding="utf-8"))["edges"])


@pytest.mark.parametrize("kind", ["sectores", "cobertura"])
def test_cli_chart(tmp_path, store_with_example, kind):
    out = tmp_path / "c.png"
    res = CliRunner().invoke(main, ["chart", kind, "--departamento", "05", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert out.stat().st_size > 1000


def test_cli_help_ends_with_example():
    for cmd in ("viz", "chart"):
        res = CliRunner().invoke(main, [cmd, "-h"])
        assert res.exit_code == 0 and "Ejemplo:" in res.output
