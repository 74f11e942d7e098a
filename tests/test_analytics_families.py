"""The gap family registry: each family's items, sub-scores and weight, and the index
built from them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from test_analytics_coverage import random_graph
from test_analytics_fragility import huila

from pat_graph.analytics import context, gap_index, gap_items
from pat_graph.analytics.families import REGISTRY, get, names
from pat_graph.errors import InputError


def test_registry_names_are_unique_and_weights_add_up_to_100():
    assert len(set(names())) == len(REGISTRY)
    assert sum(f.weight for f in REGISTRY) == 100
    assert all(f.title and f.definition for f in REGISTRY)
    with pytest.raises(InputError, match="familia desconocida"):
        get("indice")


@settings(max_examples=40, deadline=None)
@given(random_graph())
def test_each_family_scores_every_department_in_0_1_and_owns_its_items(case):
    b, _ = case
    ctx = context(b.g, "2025-01-01")
    for fam in REGISTRY:
        scores = fam.score(ctx)
        assert set(scores) == set(ctx.departments)
        assert all(0.0 <= s.value <= 1.0 + 1e-12 for s in scores.values())
        assert {x.family for x in fam.items(ctx)} <= {fam.name}


def test_index_is_the_weighted_sum_of_the_registry_sub_scores():
    ctx = context(huila().g)
    [r] = gap_index(ctx)
    subs = {f.name: f.score(ctx)["41"] for f in REGISTRY}
    # Huila has no instrument and no programme records: those families score nothing
    # and the index is rescaled over the other families' weights
    assert r.without_records == ["instrumentos", "programas"]
    fams = [f for f in REGISTRY if f.name not in r.without_records]
    scale = 100 / sum(f.weight for f in fams)
    assert list(r.components) == [f.name for f in fams]
    assert r.components == {f.name: round(f.weight * subs[f.name].value * scale, 2)
                            for f in fams}
    expected = [line for f in REGISTRY for line in (
        [f"{f.title}: sin registros (no puntúa)"] if f.name in r.without_records
        else subs[f.name].explanation)]
    assert r.explanation[:len(expected)] == expected
    # a family whose weight is set to 0 no longer counts
    [r0] = gap_index(ctx, weights={**{f.name: f.weight for f in REGISTRY}, "instancias": 0.0})
    assert r0.components["instancias"] == 0.0 and r0.score < r.score


def test_gap_items_follow_the_registry_order():
    items = gap_items(huila().g)
    order = [x.family for x in items]
    assert order == sorted(order, key=names().index)
    assert set(order) <= set(names())
