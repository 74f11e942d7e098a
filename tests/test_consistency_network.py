"""One actor network in every output (issue 18): the gap analysis (``pat-graph gaps``),
the department view's gap panel (``pat-graph viz --departamento X --brechas``) and
the ficha name the same articulation points and the same single-actor sector pairs.

On the demo and on a hand-built graph where the older projections disagreed (an
event, an inactive instance and a draft agreement tie no one; a national instance
ties only the department's own actors).
"""

from __future__ import annotations

import re

import demo_data
import networkx as nx
import pytest

from pat_graph import analytics, model, viz
from pat_graph.analytics.network_fragility import single_broker_pairs
from pat_graph.report.build import Analyses, ficha
from pat_graph.viz.gaps import department_gaps

_ID = re.compile(r"\(([^()]+)\)$")


def _ids(texts: list[str], by_name: dict[str, list[str]]) -> list[str]:
    """Actor ids of the ficha's lines: 'Name', or 'Name (id)' where two actors share the
    name (pat_graph.analytics.readable)."""
    out = []
    for t in texts:
        m = _ID.search(t)
        if m and m.group(1) in {i for ids in by_name.values() for i in ids}:
            out.append(m.group(1))
            continue
        assert len(by_name.get(t, [])) == 1, t  # a name alone names exactly one actor
        out.append(by_name[t][0])
    return sorted(out)


def outputs(g: nx.MultiDiGraph, code: str, an: Analyses) -> dict[str, dict[str, list[str]]]:
    """Articulation points and single-actor pairs (actor ids) as each output states them."""
    ids = {n: str(a.get("id", n)) for n, a in g.nodes(data=True)}
    by_name: dict[str, list[str]] = {}
    for n, a in g.nodes(data=True):
        if a.get("label") == "Actor":
            by_name.setdefault(str(a.get("name", "")), []).append(ids[n])
    # pat-graph gaps: the fragility family's gap items
    items = [x for x in analytics.gap_items(an.ctx) if x.department_code == code
             and x.family == "fragilidad"]
    gaps = {"arts": sorted(x.subject for x in items if x.code == "punto_articulacion"),
            "single": sorted(f"{x.subject}:{m.group(1)}" for x in items
                             if x.code == "par_un_solo_actor" and (m := _ID.search(x.message)))}
    # pat-graph viz --departamento X --brechas: the page's gap panel (and its network)
    view = viz.department_view(g, code, gaps=True, size_by="ninguno")
    panel_net = department_gaps(g, code).projection
    panel = {"arts": sorted(ids[a["id"]] for a in view.payload["gaps"]["articulation"]),
             "single": sorted(f"{p}:{a}" for p, a in single_broker_pairs(panel_net).items())}
    # the ficha's data
    f = ficha(g, code, analyses=an, recommendations=False)
    single = []
    for line in f.single_broker_pairs:
        label, who = line.split(": depende solo de ", 1)
        a, b = label.split("–")
        pair = analytics.base.pair_label(*(_sector_code(x) for x in (a, b)))
        single.append(f"{pair}:{_ids([who], by_name)[0]}")
    fic = {"arts": _ids(f.articulation_points, by_name), "single": sorted(single)}
    return {"gaps": gaps, "viz": panel, "ficha": fic}


def _sector_code(label: str) -> str:
    [code] = [s for s in model.SECTORS if model.label_es("sector", s) == label]
    return code


def assert_agree(out: dict[str, dict[str, list[str]]]) -> None:
    assert out["gaps"] == out["viz"] == out["ficha"], out


# ------------------------------------------------------------------ a hand-built graph
def hand_graph() -> nx.MultiDiGraph:
    """Department 05: A (público) — I1 — B (privado) — K — C (académico), a chain whose
    middle B is the one articulation point. Ties that are no ties: an event A, C; an
    inactive instance A, C; an agreement still being drafted A, C. A national instance
    holds A, D (both of 05: a tie) and X of 52 (no tie in 05's network)."""
    g = nx.MultiDiGraph()
    for code, name in (("05", "Antioquia"), ("52", "Nariño")):
        g.add_node(f"Territory:{code}", label="Territory", dane_code=code, name=name,
                   kind="department")
    actors = {"A": ("publico", "05"), "B": ("privado", "05"), "C": ("academico", "05"),
              "D": ("publico", "05"), "X": ("comunitario", "52")}
    for a, (sector, dept) in actors.items():
        g.add_node(f"Actor:{a}", label="Actor", id=a, name=f"Actor {a}", sector=sector,
                   department_code=dept)
        g.add_edge(f"Actor:{a}", f"Territory:{dept}", key="LOCATED_IN", type="LOCATED_IN")

    def space(node: str, label: str, members: str, rel: str, scope: str | None, **attrs):
        g.add_node(node, label=label, id=node.split(":")[1], **attrs)
        if scope:
            g.add_edge(node, f"Territory:{scope}", key="SCOPED_TO", type="SCOPED_TO")
        for m in members:
            g.add_edge(f"Actor:{m}", node, key=rel, type=rel)

    space("Instance:I1", "Instance", "AB", "PARTICIPATES_IN", "05", kind="red_ormet")
    space("Agreement:K", "Agreement", "BC", "SIGNED", "05", status="firmado")
    space("Event:E", "Event", "AC", "ATTENDED", "05", date="2024-01-10")
    space("Instance:I0", "Instance", "AC", "PARTICIPATES_IN", "05", kind="otro_espacio",
          status="inactiva")
    space("Agreement:K0", "Agreement", "AC", "SIGNED", "05", status="en_construccion")
    space("Instance:N", "Instance", "ADX", "PARTICIPATES_IN", None, kind="otro_espacio")
    return g


def test_hand_built_graph_one_network_everywhere():
    g = hand_graph()
    out = outputs(g, "05", Analyses(g))
    assert_agree(out)
    # B splits A (and D) from C; A splits D from the rest
    assert out["gaps"]["arts"] == ["A", "B"]
    # público–privado has one tie (A–B: either end, the busier, then the first id),
    # privado–académico one (B–C); público–académico none (the event is no tie)
    assert out["gaps"]["single"] == ["privado-academico:B", "publico-privado:A"]
    net = department_gaps(g, "05").projection
    assert sorted(net.edges(data="weight")) == [
        ("Actor:A", "Actor:B", 1.0), ("Actor:A", "Actor:D", 1.0), ("Actor:B", "Actor:C", 2.0)]


# ------------------------------------------------------------------ the demo
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    g = demo_data.demo_graph(tmp_path_factory.mktemp("consistency-network"), 1)
    return g, Analyses(g)


def test_san_andres_one_articulation_point_everywhere(demo):
    """San Andrés (88): 1 articulation point in gaps and the ficha, and in the view."""
    g, an = demo
    out = outputs(g, "88", an)
    assert_agree(out)
    assert len(out["gaps"]["arts"]) == 1


@pytest.mark.parametrize("code", ["05", "27", "91", "97"])
def test_demo_departments_agree(demo, code):
    g, an = demo
    if code not in an.ctx.departments:
        pytest.skip(f"department {code} not in the demo")
    assert_agree(outputs(g, code, an))


def test_demo_has_fragility_to_compare(demo):
    """The comparisons above are not vacuous: the demo has articulation points and
    single-actor pairs in several departments."""
    g, an = demo
    frs = analytics.fragility(an.ctx)
    assert sum(bool(f.articulation_points) for f in frs) >= 3
    assert sum(bool(f.single_broker_pairs) for f in frs) >= 1
