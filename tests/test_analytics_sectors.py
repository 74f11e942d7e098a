"""Family 3 (sector articulation) and family 4 (programme linkages) on hand-built graphs."""

from __future__ import annotations

from analytics_builder import GraphBuilder
from hypothesis import given, settings
from hypothesis import strategies as st
from test_analytics_coverage import random_graph

from pat_graph.analytics import (
    department_gap_table,
    programme_linkages,
    sector_articulation,
    sector_gap_items,
)
from pat_graph.analytics.linkages import STATES


def cauca() -> GraphBuilder:
    """Cauca (19): instance I (publico P, privado E, comunitario C) and agreement K signed
    by P and university U (academico). Ties: P-E 1, P-C 1, E-C 1 (instance), P-U 2
    (agreement). Academico-privado and academico-comunitario have no tie.
    Helix: 4 sectors present, 4 of 6 pairs tied -> completeness (1 + 4/6)/2 = 0.8333.
    """
    b = GraphBuilder().dept("19", "Cauca")
    for a, s in [("P", "publico"), ("E", "privado"), ("C", "comunitario"), ("U", "academico")]:
        b.actor(a, s, dept="19")
    b.instance("I", "red_formalizacion", "19").member("P", "I").member("E", "I").member("C", "I")
    b.agreement("K", "19", ["P", "U"])
    return b


def test_sector_matrix_by_hand():
    [r] = sector_articulation(cauca().g)
    assert r.matrix["publico"]["academico"] == 2.0 == r.matrix["academico"]["publico"]
    assert r.matrix["publico"]["privado"] == 1.0
    assert r.matrix["privado"]["academico"] == 0.0
    assert r.missing_pairs == ["privado-academico", "academico-comunitario"]
    assert r.helix_completeness == 0.8333
    assert r.actors_by_sector["publico"] == 1


def test_agreements_in_construction_and_inactive_instances_are_not_ties():
    """Same graph, but K is en_construccion and I inactive: nothing is tied."""
    b = GraphBuilder().dept("19", "Cauca")
    b.actor("P", "publico", dept="19").actor("U", "academico", dept="19")
    b.agreement("K", "19", ["P", "U"], status="en_construccion")
    b.instance("I", "red_ormet", "19", status="inactiva").member("P", "I").member("U", "I")
    [r] = sector_articulation(b.g)
    assert len(r.missing_pairs) == 6 and r.helix_completeness == 0.0


def test_first_gap_table_row():
    """Cauca: 4 seed instances missing (only red_formalizacion), 5 instruments, 2 pairs."""
    [row] = department_gap_table(cauca().g)
    assert row.missing_instances == ["subcomision_concertacion",
                                     "subcomite_desarrollo_administrativo", "red_ormet",
                                     "comision_regional_competitividad"]
    assert len(row.missing_instruments) == 5
    assert row.missing_sector_pairs == ["privado-academico", "academico-comunitario"]
    assert row.to_row()["total"] == 11


@settings(max_examples=80, deadline=None)
@given(random_graph())
def test_adding_a_tie_never_opens_a_sector_gap(case):
    b, (actor, inst) = case
    before = {x.identity for x in sector_gap_items(b.g)}
    b.member(actor, inst, since="2000-01-01")
    b.agreement("NEWK", "05", [actor, "A0"])
    after = {x.identity for x in sector_gap_items(b.g)}
    assert after <= before


# ------------------------------------------------------------------ linkages
def linkages_graph() -> GraphBuilder:
    """Programmes P1..P3; departments 05 and 27; 27001 is a PDET municipality.

    05: P1 socialised+implemented+feedback (3 = retroalimentado), P2 socialised only.
    27: P1 implemented in municipality 27001 (2 = implementado, and PDET reach),
        P3 socialised 2025 (so, at 2024-12-31, none).
    Never reached (now): (05,P3), (27,P2). Socialised not implemented: (05,P2), (27,P3).
    Implemented without feedback: (27,P1). Coverage P1 = 2/2, P2 = 1/2, P3 = 1/2.
    """
    b = GraphBuilder().dept("05", "Antioquia").dept("27", "Chocó")
    b.muni("27001", "Quibdó", pdet=True).muni("27150", "Carmen del Darién", pdet=True)
    for p in ("P1", "P2", "P3"):
        b.program(p, f"Programa {p}")
    b.link("P1", "05", "socializacion", "2023-01-01").link("P1", "05", "implementacion")
    b.link("P1", "05", "retroalimentacion", "2024-01-01").link("P2", "05", "socializacion")
    b.link("P1", "27001", "implementacion", "2023-05-01")
    b.link("P3", "27", "socializacion", "2025-03-01")
    return b


def test_linkage_matrix_by_hand():
    m = programme_linkages(linkages_graph().g)
    assert m.matrix() == {"05": {"P1": "retroalimentado", "P2": "socializado", "P3": "ninguno"},
                          "27": {"P1": "implementado", "P2": "ninguno", "P3": "socializado"}}
    assert m.never_reached == [("05", "P3"), ("27", "P2")]
    assert m.socialised_not_implemented == [("05", "P2"), ("27", "P3")]
    assert m.implemented_without_feedback == [("27", "P1")]
    cov = {r["programme_id"]: r for r in m.programme_coverage()}
    assert (cov["P1"]["coverage"], cov["P2"]["coverage"], cov["P1"]["pdet_reached"]) == (1.0, 0.5, 1)
    assert cov["P1"]["pdet_coverage"] == 0.5
    dep = {r["department_code"]: r for r in m.department_coverage()}
    assert dep["27"]["reached"] == 2 and dep["27"]["implemented"] == 1
    pdet = {r["municipality_code"]: r for r in m.pdet_rows()}
    assert pdet["27150"]["missing"] == ["P1", "P2", "P3"]
    early = programme_linkages(linkages_graph().g, "2024-12-31")
    assert early.state("27", "P3") == "ninguno" and early.state("05", "P1") == "retroalimentado"
    assert programme_linkages(linkages_graph().g, "2023-06-01").state("05", "P1") == "implementado"


def test_programme_filter_by_name():
    m = programme_linkages(linkages_graph().g, programme="programa p2")
    assert list(m.programmes) == ["P2"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["P1", "P2", "P3"]),
                          st.sampled_from(["05", "27", "27001", "27150"]),
                          st.sampled_from(["socializacion", "implementacion",
                                           "retroalimentacion"])), max_size=6),
       st.tuples(st.sampled_from(["P1", "P2", "P3"]), st.sampled_from(["05", "27", "27150"]),
                 st.sampled_from(["socializacion", "implementacion", "retroalimentacion"])))
def test_adding_a_linkage_never_worsens_a_cell(links, extra):
    """Adding a linkage can move a cell from one gap to a milder one (none -> socialised
    not implemented) but never lowers any state nor adds a never-reached pair."""
    b = linkages_graph()
    for p, t, k in links:
        b.link(p, t, k, "2020-01-01")
    before = programme_linkages(b.g)
    b.link(*extra, "2020-02-02")
    after = programme_linkages(b.g)
    for d in before.departments:
        for p in before.programmes:
            assert STATES.index(after.state(d, p)) >= STATES.index(before.state(d, p))
    assert set(after.never_reached) <= set(before.never_reached)
