"""The demo dataset's planted gaps (pat_graph.demo docstring) are found by the analytics."""

from __future__ import annotations

import pytest

from pat_graph import analytics
from pat_graph.demo import PLANTED_GAPS, PLANTED_PROGRAM_GAPS, generate_demo
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

AS_OF = "2025-06-30"  # the demo's last date: planted states hold, nothing newer is stalled


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    summary = generate_demo(root / "datos", scale=0.3)
    store = SQLiteStore(root / "store.sqlite")
    load_paths([root / "datos"], store)
    g = store.read_graph()
    store.close()
    return summary, analytics.context(g, AS_OF)


def by_dept(items):
    return {x.department_code: x for x in items}


def test_planted_instance_gaps(demo):
    _, ctx = demo
    cov = by_dept(analytics.instance_coverage(ctx))
    for kind in ("subcomision_concertacion", "subcomite_desarrollo_administrativo",
                 "red_formalizacion", "red_ormet", "comision_regional_competitividad"):
        for d in PLANTED_GAPS[f"sin_{kind}"]:
            assert kind in cov[d].missing_kinds, (kind, d)
    for d in PLANTED_GAPS["subcomision_inactiva"]:
        assert "subcomision_concertacion" in cov[d].inactive_only_kinds
    for d in PLANTED_GAPS["subcomision_sin_sindicato"]:
        assert "trabajadores" in cov[d].subcomision_missing_parties
    planted = {d for k, ds in PLANTED_GAPS.items() if k.startswith("sin_") or "subcomision" in k
               for d in ds}
    # the planted ones are the only non-tripartite subcomisiones
    assert {d for d, c in cov.items() if c.subcomision_missing_parties} <= planted


def test_planted_sector_gaps(demo):
    _, ctx = demo
    sec = by_dept(analytics.sector_articulation(ctx))
    for d in PLANTED_GAPS["academia_privado_sin_vinculo"]:
        assert "privado-academico" in sec[d].missing_pairs, d
    untied = {d for d, r in sec.items() if "privado-academico" in r.missing_pairs}
    assert untied == set(PLANTED_GAPS["academia_privado_sin_vinculo"])


def test_planted_fragility(demo):
    summary, ctx = demo
    fra = by_dept(analytics.fragility(ctx))
    [d] = PLANTED_GAPS["actor_puente_unico"]
    assert len(fra[d].articulation_points) == 1
    assert fra[d].names[fra[d].articulation_points[0]].startswith("Gobernación del Vichada")
    isolated = {a for f in fra.values() for a in f.isolated}
    assert set(summary.isolated_actors) <= isolated
    for d in PLANTED_GAPS["actores_aislados"]:
        assert len(fra[d].isolated) >= 3


def test_planted_instrument_gaps(demo):
    _, ctx = demo
    ins = by_dept(analytics.instrument_gaps(ctx))
    for d in PLANTED_GAPS["sin_politica_publica_trabajo_decente"]:
        assert "politica_publica_trabajo_decente" in ins[d].missing_kinds
    for d in PLANTED_GAPS["instrumentos_estancados"]:
        assert ins[d].stalled, d
    for d in PLANTED_GAPS["politica_sin_financiacion"]:
        assert ins[d].unsustainable_policies, d


def test_planted_programme_gaps(demo):
    _, ctx = demo
    m = analytics.programme_linkages(ctx)
    found = {
        "programa_no_llega": set(m.never_reached),
        "socializado_sin_implementar": set(m.socialised_not_implemented),
        "implementado_sin_retroalimentacion": set(m.implemented_without_feedback),
    }
    for gap, pairs in PLANTED_PROGRAM_GAPS.items():
        assert found[gap] == {(d, p) for p, d in pairs}, gap


def test_gap_index_ranks_planted_departments_high(demo):
    _, ctx = demo
    ranking = analytics.gap_index(ctx)
    top = {r.department_code for r in ranking[:8]}
    assert {"88", "94", "97"} <= top  # no Subcomisión + programmes not reaching them
    assert all(r.explanation for r in ranking if r.score > 0)
