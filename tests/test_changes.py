"""What opened and closed between two dates (pat_graph.analytics.changes), checked against
the as-of snapshots (pat_graph.analytics.snapshot: what exists at each date) on the demo,
on pat_small and on a hand-built graph; the department filter against the contexts'
departments; the index against gap_index at each date; cambios_actor is its actor view."""

from __future__ import annotations

import networkx as nx
import pytest

from pat_graph import analytics
from pat_graph.analytics.base import context, snapshot
from pat_graph.analytics.changes import KINDS, NODE_KINDS, TIE_KINDS, changes, tie_changes
from pat_graph.errors import InputError
from pat_graph.model import ACTOR, INSTANCE, PARTICIPATES_IN, SIGNED

PERIODS = [("2019-06-30", "2022-01-01"), ("2022-01-01", "2025-12-31"),
           ("2021-03-15", "2021-03-15")]


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from conftest import DATA

    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path_factory.mktemp("ch") / "s.sqlite") as st:
        load_paths([DATA / "pat_small"], st)
        return st.read_graph()


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    root = tmp_path_factory.mktemp("chd")
    generate_demo(root / "demo", scale=0.2)
    with SQLiteStore(root / "s.sqlite") as st:
        load_paths([root / "demo"], st)
        return st.read_graph()


def _expected(g: nx.MultiDiGraph, a: str, b: str) -> dict[tuple[str, str], set]:
    """(kind, change) -> the nodes / (start, end, key) ties, by the snapshots' difference."""
    sa, sb = snapshot(g, a), snapshot(g, b)
    out: dict[tuple[str, str], set] = {(k, c): set() for k in KINDS for c in ("nuevo", "terminado")}
    label_kind = {v: k for k, v in NODE_KINDS.items()}
    type_kind = {v: k for k, v in TIE_KINDS.items()}
    for n, d in g.nodes(data=True):
        kind = label_kind.get(d.get("label"))
        if kind and (n in sa) != (n in sb):
            out[(kind, "nuevo" if n in sb else "terminado")].add(n)
    for u, v, k, d in g.edges(keys=True, data=True):
        kind = type_kind.get(d.get("type"))
        if kind and sa.has_edge(u, v, k) != sb.has_edge(u, v, k):
            out[(kind, "nuevo" if sb.has_edge(u, v, k) else "terminado")].add((u, v, k))
    return out


def _got(c) -> dict[tuple[str, str], set]:
    out: dict[tuple[str, str], set] = {}
    for x in c.items:
        out.setdefault((x.kind, x.change), set()).add(x)
    return out


@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("which", ["small", "demo"])
def test_changes_are_the_difference_of_the_two_snapshots(request, which, period):
    g = request.getfixturevalue(which)
    a, b = period
    c = changes(g, a, b)
    want = _expected(g, a, b)
    for (kind, change), things in want.items():
        got = [x for x in c.items if x.kind == kind and x.change == change]
        assert c.counts[kind][change] == len(got) == len(things), (kind, change)
        if kind in NODE_KINDS:
            assert {x.node for x in got} == things
        else:
            ends = {(u, v) for u, v, _ in things}
            got_ends = {(x.actor, x.node) if kind != "articulacion"
                        else (x.node, f"Territory:{x.territory}") for x in got}
            assert got_ends == ends, (kind, change)
    if a == b:
        assert c.items == [] and c.total == {"nuevo": 0, "terminado": 0}
    assert c.total["nuevo"] == sum(v["nuevo"] for v in c.counts.values())


def test_dates_are_what_changed_when(demo):
    c = changes(demo, "2022-01-01", "2024-12-31")
    assert c.total["nuevo"] and c.total["terminado"]  # the demo has both
    for x in c.items:
        assert x.date is not None
        if x.change == "nuevo":
            assert "2022-01-01" < x.date[:10] <= "2024-12-31", x
        else:
            assert "2022-01-01" <= x.date[:10] < "2024-12-31", x
    order = list(KINDS)
    kinds = [order.index(x.kind) for x in c.items]
    assert kinds == sorted(kinds)


@pytest.mark.parametrize("period", PERIODS[:2])
def test_department_filter_partitions_the_whole(demo, period):
    a, b = period
    ca, ctx = context(demo, a), context(demo, b)
    shared = {"contexts": (ca, ctx), "indexes": (analytics.gap_index(ca, with_unrecorded=True),
                                                 analytics.gap_index(ctx, with_unrecorded=True))}
    whole = changes(demo, a, b, **shared)
    assert whole.items == changes(demo, a, b).items  # the contexts given or not: the same
    parts = [changes(demo, a, b, department=d, **shared) for d in ctx.departments]
    assert sum(len(p.items) for p in parts) == sum(1 for x in whole.items if x.department_code is not None)
    for d, p in zip(ctx.departments, parts, strict=True):
        assert all(x.department_code == d for x in p.items)
        assert p.department_name == ctx.departments[d]
        assert [(x.kind, x.change, x.node, x.actor) for x in p.items] == [
            (x.kind, x.change, x.node, x.actor) for x in whole.items if x.department_code == d]


def test_index_at_both_dates_is_gap_index(demo):
    a, b = "2021-01-01", "2024-06-30"
    ia = {x.department_code: x for x in analytics.gap_index(demo, a, with_unrecorded=True)}
    ib = {x.department_code: x for x in analytics.gap_index(demo, b, with_unrecorded=True)}
    code = sorted(ib)[0]
    c = changes(demo, a, b, department=code)
    assert (c.index_a.score, c.index_a.rank) == (ia[code].score, ia[code].rank)
    assert (c.index_b.score, c.index_b.rank) == (ib[code].score, ib[code].rank)
    whole = changes(demo, a, b)
    assert whole.national_a == analytics.national_mean(list(ia.values()))
    assert whole.national_b == analytics.national_mean(list(ib.values()))
    assert whole.index_change == analytics.compare(demo, a, b, families=["sectores"]).index_change
    assert [r["department_code"] for r in whole.index_change] == sorted(ib)


def test_reversed_or_bad_dates_and_unknown_department_are_spanish_errors(small):
    with pytest.raises(InputError, match="«desde» .*posterior a «hasta»"):
        changes(small, "2024", "31/12/2023")
    with pytest.raises(InputError, match="fecha inválida"):
        changes(small, "2024-02-30", "2025")
    with pytest.raises(InputError, match="«00» no es un departamento"):
        changes(small, "2020", "2021", department="00")


def test_hand_built_ends_and_national_instances():
    g = nx.MultiDiGraph()
    for code, name in (("05", "Antioquia"), ("27", "Chocó")):
        g.add_node(f"Territory:{code}", label="Territory", dane_code=code, name=name,
                   kind="department")
    g.add_node("Territory:CO", label="Territory", dane_code="CO", name="Colombia", kind="nation")
    g.add_node("Actor:A", label=ACTOR, id="A", name="A", sector="publico")
    g.add_edge("Actor:A", "Territory:27", key="LOCATED_IN", type="LOCATED_IN")
    # a national instance that closes (until on the node), joined by a Chocó actor
    g.add_node("Instance:N", label=INSTANCE, id="N", name="Red nacional", kind="red_ormet",
               created="2020-01-01", until="2023-01-31")
    g.add_edge("Instance:N", "Territory:CO", key="SCOPED_TO", type="SCOPED_TO")
    g.add_edge("Actor:A", "Instance:N", key=PARTICIPATES_IN, type=PARTICIPATES_IN,
               since="2021-05-01")
    g.add_node("Agreement:X", label="Agreement", id="X", name="X", signed="2022-02-02")
    g.add_edge("Agreement:X", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
    g.add_edge("Actor:A", "Agreement:X", key=SIGNED, type=SIGNED, role="lider")
    c = changes(g, "2021-01-01", "2022-12-31")
    assert [(x.kind, x.change, x.id, x.department_code, x.date) for x in c.items] == [
        ("acuerdo", "nuevo", "X", "05", "2022-02-02"),
        ("firma", "nuevo", "X", "05", "2022-02-02"),
        ("participacion", "nuevo", "N", "27", "2021-05-01")]  # national: the actor's
    later = changes(g, "2022-06-30", "2024-01-01")
    assert [(x.kind, x.change, x.date) for x in later.items] == [
        ("instancia", "terminado", "2023-01-31"),
        ("participacion", "terminado", None)]  # ended with its instance: no date of its own
    assert [x.change_es for x in later.items] == ["cerrada", "salió"]


def test_cambios_actor_is_the_actors_tie_changes(small):
    from pat_graph.query_library import registry

    answer = registry()["cambios_actor"].answer
    for a, b in PERIODS:
        for n, d in small.nodes(data=True):
            if d.get("label") != ACTOR:
                continue
            rows = answer(small, d["id"], a, b)
            ties = list(tie_changes(small, a, b, actor=n))
            assert len(rows) == len(ties)
            assert {(r["cambio"], r["via_id"], r["inicio"]) for r in rows} == {
                (x.change, x.id, x.start) for x in ties}
