"""Tests of the learned ranking (pat_graph.recommend.learn): an obvious signal on a
hand-built history, no future leak, determinism, the fallback to the hand formula,
and the pieces it rests on (features, the logistic fit, the network-free gaps, the
the analytics snapshot, the lazy neighbours)."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import demo_data
import numpy as np
import pytest
from recommend_builder import Builder

from pat_graph.analytics.projection import actor_projection
from pat_graph.recommend import evaluate, ranking_model, recommend
from pat_graph.recommend.evaluation import neighbours
from pat_graph.recommend.features import FEATURE_NAMES, PairFeatures, shared_sum
from pat_graph.recommend.learn import MIN_POSITIVES, fit_logistic, months_before
from pat_graph.recommend.score import index

SECTORS = ("publico", "privado", "academico", "comunitario")


def history_graph(late: bool = False, seed: int = 3):
    """Meta (50), 2019-2024, 120 actors. Every month six short-lived working tables
    (3 members each, participations that end after 30 days) are set up; 150 days
    after a table starts, two of its members sign an agreement. One plenary holds
    everybody.

    The signal is obvious and nearly invisible to the hand formula, which only
    counts participations still open at the as-of date (the tables have ended
    by the time their members sign) while the plenary ties every pair alike.
    ``late`` adds, after 2024-01-01 only, one more agreement, event and
    participation (they must change nothing at that date).
    """
    rng = random.Random(seed)
    b = Builder().dept("50", "Meta")
    actors = [f"A{i:03d}" for i in range(120)]
    for i, a in enumerate(actors):
        b.actor(a, SECTORS[i % 4])
    b.instance("PLEN", "Plenaria departamental", actors)
    k = 0
    day = date(2019, 1, 1)
    while day < date(2024, 7, 1):
        for t in range(6):
            members = rng.sample(actors, 3)
            b.instance(f"M{day:%Y%m}{t}", f"Mesa {day:%Y-%m} {t}", members,
                       since=day.isoformat(), until=(day + timedelta(days=30)).isoformat())
            signed = day + timedelta(days=150)
            if signed <= date(2024, 12, 31):
                k += 1
                b.agreement(f"K{k:03d}", rng.sample(members, 2), signed.isoformat())
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    if late:
        b.agreement("TARDE", ["A000", "A001"], "2024-03-15")
        b.event("EV-TARDE", "Taller 2024", "2024-02-01", ["A002", "A003", "A004"])
        b.instance("M-TARDE", "Mesa tardía", ["A005", "A006"], since="2024-02-01")
    return b.graph()


D = "2024-01-01"


def test_learned_model_finds_the_obvious_signal():
    g = history_graph()
    model = ranking_model(g, D)
    assert model.learned and model.positives >= MIN_POSITIVES
    recent = sum(v for k, v in model.weights.items() if k.startswith("inst_12m"))
    assert recent > 0.2, model.weights
    # the pairs proposed first are those who sat at a table in the last months
    ix = index(g, D)
    ds = ix.scores("50")
    X = PairFeatures(ix, "50").matrix(ds.ia, ds.ib)
    # (log(1 + count): the plenary is one shared instance for every pair, a table one more)
    shared = X[:, FEATURE_NAMES.index("inst_12m_count")] > np.log1p(1) + 1e-9
    top = np.argsort(-ds.score, kind="stable")[:10]
    assert shared[top].all() and shared.mean() < 0.2
    ev = evaluate(g, D, k=10, seed=0)
    ours, hand = ev.result("departamental", "score"), ev.result("departamental", "formula")
    assert ours.auc > 0.7 and ours.auc > hand.auc + 0.1
    assert ours.hits > ev.result("departamental", "random").hits
    assert ev.model is not None and ev.model.learned
    assert "pesos aprendidos" in ev.summary()
    payload = ev.to_dict()["model"]
    assert payload["learned"] and {w["feature"] for w in payload["weights"]} == set(FEATURE_NAMES)


def test_reasons_stay_those_of_the_evidence():
    """Learned weights only order the pairs: the reasons still name what is shared."""
    props = recommend(history_graph(), "50", as_of=D, top=5)
    assert props and all(p.explanation for p in props)
    assert all("Plenaria departamental" in p.explanation for p in props)
    assert all(set(p.components) == {"trust", "complementarity", "territory", "gap"}
               for p in props)


def test_no_future_leak():
    """An agreement, an event and a participation after the as-of date change nothing:
    neither the learned weights nor the proposals nor the evaluation."""
    before, after = history_graph(), history_graph(late=True)
    m1, m2 = ranking_model(before, D), ranking_model(after, D)
    assert json.dumps(m1.to_dict()) == json.dumps(m2.to_dict())
    r1 = [p.to_row(i) for i, p in enumerate(recommend(before, "50", as_of=D, top=40))]
    r2 = [p.to_row(i) for i, p in enumerate(recommend(after, "50", as_of=D, top=40))]
    assert r1 == r2
    # the evaluation hides the late agreement but trains on the same history
    e1, e2 = evaluate(before, D, k=10), evaluate(after, D, k=10)
    assert json.dumps(e1.model.to_dict()) == json.dumps(e2.model.to_dict())
    assert e2.hidden_agreements == e1.hidden_agreements + 1


def test_determinism_for_a_seed():
    a = evaluate(history_graph(), D, k=10, seed=4).to_dict() | {"seconds": 0}
    b = evaluate(history_graph(), D, k=10, seed=4).to_dict() | {"seconds": 0}
    assert json.dumps(a) == json.dumps(b)
    ra = [p.to_row() for p in recommend(history_graph(), "50", as_of=D, seed=4)]
    rb = [p.to_row() for p in recommend(history_graph(), "50", as_of=D, seed=4)]
    assert ra == rb


def test_fallback_to_the_hand_formula_when_history_is_thin():
    g = (Builder().dept("50", "Meta")
         .actor("G", "publico").actor("U", "academico").actor("E", "privado")
         .instance("CRC", "CRC Meta", ["G", "U", "E"])
         .agreement("K1", ["G", "E"], "2023-01-10")
         .graph())
    model = ranking_model(g, "2024-12-31")
    assert not model.learned
    assert "historia insuficiente" in model.reason and "fórmula fija" in model.summary()
    learned = [p.to_row() for p in recommend(g, "50", as_of="2024-12-31")]
    fixed = [p.to_row() for p in recommend(g, "50", as_of="2024-12-31", learn=False)]
    assert learned == fixed
    ev = evaluate(g, "2022-12-31", k=2)
    assert "fórmula fija" in ev.summary()
    for scope in ("nacional", "departamental"):
        assert ev.result(scope, "score").auc == ev.result(scope, "formula").auc or (
            ev.result(scope, "score").auc != ev.result(scope, "score").auc)


def test_learning_can_be_turned_off_and_windows_configured():
    g = history_graph()
    assert not ranking_model(g, D, learn=False).learned
    two = ranking_model(g, D, windows=2)
    assert two.learned and len(two.windows) == 2
    assert two.windows[0][0] == two.windows[1][1]
    with pytest.raises(Exception, match="ventana"):
        ranking_model(g, D, horizon_months=0)


# ------------------------------------------------------------------ the pieces
def test_fit_logistic_recovers_a_known_direction():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(4000, 3))
    y = rng.random(4000) < 1 / (1 + np.exp(-(2 * X[:, 0] - X[:, 1])))
    w, _ = fit_logistic(X, y, np.full(4000, 1 / 4000), l2=1e-4)
    assert w[0] > 1.5 and -1.5 < w[1] < -0.5 and abs(w[2]) < 0.2


def test_months_before_clamps_the_day():
    assert months_before("2024-03-31", 13) == "2023-02-28"
    assert months_before("2024-01-15", 24) == "2022-01-15"


def test_shared_sum_dense_and_sampled_agree():
    rng = np.random.default_rng(1)
    n = 30
    groups = [np.sort(rng.choice(n, size=rng.integers(2, 6), replace=False)) for _ in range(20)]
    w = rng.random(20)
    ia, ib = np.triu_indices(n, 1)
    dense = shared_sum(groups, w, n, ia, ib)
    some = shared_sum(groups, w, n, ia[:40], ib[:40])
    assert np.allclose(dense[:40], some, atol=1e-6)
    expected = [sum(w[j] for j, gr in enumerate(groups) if a in gr and b in gr)
                for a, b in zip(ia[:40], ib[:40], strict=True)]
    assert np.allclose(some, expected, atol=1e-6)


def test_features_follow_their_names_and_only_the_past():
    ix = index(history_graph(), D)
    cand, ia, ib = ix.candidate_pairs("50")
    names = [name for name, _ in PairFeatures(ix, "50").columns(ia, ib)]
    assert names == list(FEATURE_NAMES)
    X = PairFeatures(ix, "50").matrix(ia, ib)
    assert X.shape == (len(ia), len(FEATURE_NAMES)) and np.isfinite(X).all()
    j = FEATURE_NAMES.index("ev_0_6m_count")
    assert (X[:, j] == 0).all()  # no event at all before the as-of date


# ------------------------------------------------------------------ demo data
@pytest.fixture(scope="module")
def demo_graph(tmp_path_factory):
    return demo_data.demo_graph(tmp_path_factory.mktemp("demo_learn"), 0.2)


def test_gaps_equal_the_analytics_without_building_networks(demo_graph):
    """The recommender's department gaps are read from the tie groups; they must be
    those of pat_graph.analytics (sector articulation, the actor network)."""
    from pat_graph.analytics import context, sector_articulation
    from pat_graph.recommend.gaps import LEVEL_LINKS

    for as_of in ("2022-06-30", None):
        ix = index(demo_graph, as_of)
        for d in ix.ctx.departments:
            ix.gaps(d)
        assert "actor_networks" not in ix.ctx.__dict__
        ctx = context(demo_graph, as_of)
        missing = {r.department_code: {frozenset(p.split("-")) for p in r.missing_pairs}
                   for r in sector_articulation(ctx)}
        for d in ctx.departments:
            net = ctx.actor_network(d)
            levels = {frozenset((net.nodes[u].get("level"), net.nodes[v].get("level")))
                      for u, v in net.edges}
            isolated = {a for a in ix.candidates(d) if a not in net or net.degree(a) == 0}
            assert ix.gaps(d) == (missing[d], {x for x in LEVEL_LINKS if x not in levels},
                                  isolated), d


def test_index_snapshot_is_the_analytics_snapshot(demo_graph):
    from pat_graph.analytics import snapshot

    a, b = snapshot(demo_graph, "2023-03-31"), index(demo_graph, "2023-03-31").g
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert [list(a.pred[n]) for n in a] == [list(b.pred[n]) for n in b]


def test_lazy_neighbours_equal_the_projection(demo_graph):
    """The evaluation's per-actor neighbours are the ties of the one actor projection."""
    ix = index(demo_graph, "2023-06-30")
    full = actor_projection(ix.g)
    lazy = neighbours(ix.g)
    checked = 0
    for a in ix.actors[::7]:
        assert lazy.neighbours(a) == set(full[a]), a
        assert lazy.degree(a) == full.degree(a)
        checked += bool(full.degree(a))
    assert checked > 10


def test_demo_evaluation_reports_the_model(demo_graph, capsys):
    ev = evaluate(demo_graph, "2024-01-01", k=20, seed=0)
    assert ev.model is not None and ev.model.learned
    assert {r.method for r in ev.results} == {"score", "formula", "random", "common_neighbours",
                                              "adamic_adar", "preferential_attachment"}
    with capsys.disabled():
        print("\n[recommend demo scale 0.2, learned]", ev.summary())
