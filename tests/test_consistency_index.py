"""One gap index everywhere (issue 18): every output that names the "índice de brechas"
gives each department the same value and the same rank.

The outputs: ``pat-graph gaps`` (table and ``--json``), the data the ranking chart and
the map plot (``pat-graph chart ranking|mapa``), the national view's department nodes
(``viz --nacional``), the demo's ``brechas_departamentos.csv`` and ``resumen.md``, each
ficha and the fichas index page. Checked on the demo dataset and on a small hand-built
graph whose count of missing items ranks the departments differently from the index.
"""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from analytics_builder import GraphBuilder
from click.testing import CliRunner

from pat_graph import analytics, viz
from pat_graph.cli import main
from pat_graph.model import EdgeRecord, NodeRecord, RecordBatch
from pat_graph.pipeline import gap_table_es, run_demo
from pat_graph.report import Analyses, ficha, render_index
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.viz import charts
from pat_graph.viz.display import FIELD_ES

Ranking = dict[str, tuple[float, int]]  # department code -> (index value, rank)


def _number(text: str) -> float:
    """A number as printed: ``30.1`` or ``30,1`` (es-CO)."""
    return float(text.strip().replace(",", "."))


def _write_store(g: nx.MultiDiGraph, path: Path) -> str:
    nodes = [NodeRecord(a["label"], n.split(":", 1)[1],
                        {k: v for k, v in a.items() if k not in ("label", "id", "dane_code")})
             for n, a in g.nodes(data=True)]
    edges = [EdgeRecord(a["type"], u.split(":")[0], u.split(":", 1)[1], v.split(":")[0],
                        v.split(":", 1)[1], "" if k == a["type"] else k.split("|", 1)[1],
                        {x: y for x, y in a.items() if x != "type"})
             for u, v, k, a in g.edges(keys=True, data=True)]
    st = SQLiteStore(path)
    try:
        st.write(RecordBatch(nodes, edges))
    finally:
        st.close()
    return str(path)


def _read_graph(store: str) -> nx.MultiDiGraph:
    st = SQLiteStore(store)
    try:
        return st.read_graph()
    finally:
        st.close()


# ---------------------------------------------------------------- each output, read back
def from_gaps_table(store: str) -> Ranking:
    res = CliRunner().invoke(main, ["gaps", "--store", store])
    assert res.exit_code == 0, res.output
    assert "Índice" in res.output
    out = {}
    for line in res.output.splitlines():
        m = re.match(r"^(\d+)\s+(\d{2})\s+.*?\s(\d+(?:[.,]\d+)?)\s", line)
        if m:
            out[m[2]] = (_number(m[3]), int(m[1]))
    return out


def from_gaps_json(store: str) -> Ranking:
    res = CliRunner().invoke(main, ["gaps", "--store", store, "--json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.output)
    # departments without records come last, "sin registros", with no score or rank
    assert all(r["position"] == "sin registros" for r in rows if r["rank"] is None)
    return {r["department_code"]: (r["score"], r["rank"]) for r in rows if r["rank"] is not None}


def from_charts(g: nx.MultiDiGraph) -> Ranking:
    """The values the map and the ranking chart plot, ranked as the ranking chart's bars."""
    values = viz.gap_index_by_code(g)  # what `pat-graph chart mapa|ranking` plots
    bars = charts.ranking_bars(values)  # top to bottom, as gap_ranking_chart draws them
    return {code: (values[code], i) for i, (code, _) in enumerate(bars, 1)}


def from_national_view(g: nx.MultiDiGraph) -> Ranking:
    view = viz.national_view(g, gap_index=viz.gap_index_by_code(g))  # as `viz --nacional`
    index, rank = FIELD_ES["indice_brechas"], FIELD_ES["puesto_brechas"]
    return {n["p"][FIELD_ES["dane_code"]]: (_number(n["p"][index]), int(n["p"][rank]))
            for n in view.payload["nodes"] if index in n["p"]}


def from_demo_csv(rows: list[dict[str, str]]) -> Ranking:
    return {r["Código"]: (_number(r["Índice (0-100)"]), int(r["Puesto"]))
            for r in rows if r["Puesto"]}  # departments without records: outside the ranking


def from_fichas(g: nx.MultiDiGraph) -> Ranking:
    an = Analyses(g)
    out = {}
    for code in [r.department_code for r in an.index]:  # departments with records
        f = ficha(an.ctx, code, analyses=an, recommendations=False)
        out[code] = (f.gap_score, f.gap_rank)
    return out


def from_fichas_index(g: nx.MultiDiGraph) -> Ranking:
    page = render_index(Analyses(g), {})
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td>(\d{2})</td><td><a[^>]*>[^<]*</a></td>'
                      r'<td class="n">([\d.,]+)</td>', html.unescape(page))
    return {code: (_number(score), int(rank)) for rank, code, score in rows}


def assert_same(truth: Ranking, outputs: dict[str, Ranking]) -> None:
    for name, got in outputs.items():
        assert got == truth, f"{name} no coincide con analytics.gap_index"


def _truth(g: nx.MultiDiGraph) -> Ranking:
    truth = {r.department_code: (r.score, r.rank) for r in analytics.gap_index(g)}
    # first the values the map, the ranking chart and the national view are given
    assert viz.gap_index_by_code(g) == {c: s for c, (s, _) in truth.items()}
    return truth


# ---------------------------------------------------------------------- the demo
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("consistency-demo")
    store = root / "demo.sqlite"
    st = SQLiteStore(store)
    try:
        result = run_demo(root / "out", st, scale=0.3)
    finally:
        st.close()
    return str(store), result


def test_demo_every_output_gives_the_same_index_and_rank(demo):
    store, result = demo
    g = _read_graph(store)
    truth = _truth(g)
    assert len(truth) == 33
    with (result.files["Tabla de brechas por departamento"]).open(encoding="utf-8-sig") as fh:
        csv_rows = list(csv.DictReader(fh))
    assert_same(truth, {
        "pat-graph gaps": from_gaps_table(store),
        "pat-graph gaps --json": from_gaps_json(store),
        "chart mapa|ranking": from_charts(g),
        "viz --nacional": from_national_view(g),
        "brechas_departamentos.csv": from_demo_csv(csv_rows),
        "fichas": from_fichas(g),
        "índice de fichas": from_fichas_index(g),
    })
    # the network the demo draws is the department the index ranks first
    first = next(c for c, (_, rank) in truth.items() if rank == 1)
    assert result.department == first


def test_demo_summary_names_the_index_leaders(demo):
    store, result = demo
    truth = _truth(_read_graph(store))
    text = result.files["Resumen del grafo"].read_text(encoding="utf-8")
    section = text.split("## Índice de brechas", 1)[1]
    listed = re.findall(r"^\| (\d+) \| [^|]+ \((\d{2})\) \| ([\d.,]+) \|", section, re.M)
    assert listed, section[:500]
    for rank, code, score in listed:
        assert truth[code] == (_number(score), int(rank))


def test_no_output_calls_a_count_an_index(demo):
    """The demo CSV may list missing items, but a count is never titled "índice"."""
    _, result = demo
    path = result.files["Tabla de brechas por departamento"]
    header = path.read_text(encoding="utf-8-sig").splitlines()[0]
    index_cols = [c for c in next(csv.reader([header])) if "ndice" in c]
    assert index_cols == ["Índice (0-100)"]


# ---------------------------------------------------------------- a hand-built graph
def small_graph() -> nx.MultiDiGraph:
    """Four departments where counting missing items and the index disagree.

    * Meta (50) has every seed instance kind (no members yet) and one instrument: 0 missing
      instances + 4 instruments + 6 helix pairs = 10 missing items; but no programme
      reached it and nobody is tied, so its index is high.
    * Huila (41) has no instance and no instrument, but four tied sectors (two agreements)
      and a national programme with feedback: 5 + 5 + 2 pairs = 12 missing items, more
      than Meta, and a lower index.
    * Cauca (19) has nothing at all (16 missing items); Nariño (52) is its twin. Having
      no records, both are left out of every ranking ("sin registros", issue 22).
    """
    b = GraphBuilder().dept("50", "Meta").dept("19", "Cauca").dept("41", "Huila") \
        .dept("52", "Nariño")
    for i, kind in enumerate(["subcomision_concertacion", "subcomite_desarrollo_administrativo",
                              "red_formalizacion", "red_ormet",
                              "comision_regional_competitividad"]):
        b.instance(f"M{i}", kind, "50")
    b.instrument("MP", "plan_empleo", "50")
    for a, s, k in [("G", "publico", "gobernacion"), ("E", "privado", "gremio"),
                    ("S", "comunitario", "sindicato"), ("U", "academico", "universidad")]:
        b.actor(a, s, k, "41")
    b.agreement("K1", "41", ["G", "E", "U"]).agreement("K2", "41", ["U", "S"])
    b.program("SPE", "Servicio Público de Empleo").link("SPE", "41", "retroalimentacion")
    return b.g


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    return _write_store(small_graph(), tmp_path_factory.mktemp("consistency-small") / "s.sqlite")


def test_small_graph_the_count_disagrees_with_the_index(small):
    """The premise of the hand-built case: a count of missing items would rank it otherwise."""
    g = _read_graph(small)
    count = {r.department_code: r.total for r in analytics.department_gap_table(g)}
    index = {r.department_code: r.score for r in analytics.gap_index(g)}
    assert (count["41"], count["50"]) == (12, 10)
    assert index["50"] > index["41"]
    assert "19" not in index and "52" not in index  # no records: no score


def test_small_graph_every_output_gives_the_same_index_and_rank(small):
    g = _read_graph(small)
    truth = _truth(g)
    assert [c for c, _ in sorted(truth.items(), key=lambda kv: kv[1][1])] == ["50", "41"]
    assert_same(truth, {
        "pat-graph gaps": from_gaps_table(small),
        "pat-graph gaps --json": from_gaps_json(small),
        "chart mapa|ranking": from_charts(g),
        "viz --nacional": from_national_view(g),
        "brechas_departamentos.csv": {
            r["department_code"]: (r["score"], r["rank"])
            for r in gap_table_es(g) if r["rank"]},
        "fichas": from_fichas(g),
        "índice de fichas": from_fichas_index(g),
    })


# ------------------------------------------------------------ the docs' family table
def test_docs_family_table_is_the_registry():
    """docs/analytics.md §7 lists exactly the registry's families, titles, weights and
    sub-score definitions (regenerate it with families.docs_table())."""
    from pat_graph.analytics.families import REGISTRY, docs_table

    text = (Path(__file__).resolve().parents[1] / "docs" / "analytics.md").read_text(
        encoding="utf-8")
    table = text.split("<!-- familias: generado", 1)[1].split("-->", 1)[1]
    table = table.split("<!-- /familias -->", 1)[0].strip()
    assert table == docs_table()
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert [(r[0].lstrip("| "), r[1], float(r[2])) for r in rows] == [
        (f.name, f.title, f.weight) for f in REGISTRY]
    assert sum(f.weight for f in REGISTRY) == 100


def test_gaps_familia_choices_are_the_registry():
    from pat_graph.analytics.families import names

    res = CliRunner().invoke(main, ["gaps", "--familia", "nada"])
    assert res.exit_code != 0
    for name in ["indice", *names()]:
        assert repr(name) in res.output
