"""Family 1 (instance coverage) and family 2 (instruments) on hand-built graphs."""

from __future__ import annotations

from analytics_builder import GraphBuilder
from hypothesis import given, settings
from hypothesis import strategies as st

from pat_graph.analytics import coverage_gaps, instance_coverage, instrument_gaps
from pat_graph.analytics.instruments import instrument_gap_items


def meta() -> GraphBuilder:
    """Meta (50): an active Subcomisión with Gobernación (publico) and a gremio (privado)
    but no union; an inactive Red de Formalización; a CRC whose only member is public;
    a national Red ORMET where a Meta university sits; no Subcomité.
    """
    b = GraphBuilder().dept("50", "Meta").dept("27", "Chocó")
    b.actor("GOB", "publico", "gobernacion", "50").actor("GRE", "privado", "gremio", "50")
    b.actor("UNI", "academico", "universidad", "50").actor("CH", "publico", "alcaldia", "27")
    b.instance("SUB", "subcomision_concertacion", "50").member("GOB", "SUB").member("GRE", "SUB")
    b.instance("RF", "red_formalizacion", "50", status="inactiva")
    b.instance("CRC", "comision_regional_competitividad", "50").member("GOB", "CRC")
    b.instance("ORMET", "red_ormet", None).member("UNI", "ORMET").member("GOB", "ORMET")
    return b


def test_instance_coverage_by_hand():
    """Meta: active = subcomisión and CRC. Missing = subcomité (none), red de
    formalización (only inactive) and red ORMET (only the national one, where a Meta
    university sits: so it is not listed as a network without participant).
    CRC lacks privado and academico; the Subcomisión lacks workers (no sindicato).
    The national ORMET has publico+academico. Chocó: everything missing, and its
    only actor is in no national network -> red_ormet listed as without participant
    (red_formalizacion has no national instance, so it is not).
    """
    cov = {c.department_code: c for c in instance_coverage(meta().g)}
    m = cov["50"]
    assert m.active_kinds == ["subcomision_concertacion", "comision_regional_competitividad"]
    assert m.missing_kinds == ["subcomite_desarrollo_administrativo", "red_formalizacion",
                               "red_ormet"]
    assert m.inactive_only_kinds == ["red_formalizacion"]
    assert m.instances_missing_sectors == {"CRC": ["privado", "academico"]}
    assert m.subcomision_missing_parties == ["trabajadores"]
    assert m.networks_without_participant == []
    c = cov["27"]
    assert len(c.missing_kinds) == 5 and not c.has_subcomision
    assert c.networks_without_participant == ["red_ormet"]


def test_as_of_participation_window():
    """A union that sat in the Subcomisión 2020-2022 makes it tripartite in 2021 only."""
    b = meta()
    b.actor("SIN", "comunitario", "sindicato", "50").member("SIN", "SUB", since="2020-01-01",
                                                             until="2022-12-31")
    at = {y: instance_coverage(b.g, y, department="50")[0].subcomision_missing_parties
          for y in ("2019-06-01", "2021-06-01", "2023-06-01")}
    assert at == {"2019-06-01": ["trabajadores"], "2021-06-01": [],
                  "2023-06-01": ["trabajadores"]}


def test_instrument_gaps_by_hand():
    """Meta has a decent-work policy adopted 2021 and a funding source, no admin structure
    -> not sustainable; an employment plan in formulación since 2020-01-01 is stalled at
    2024-01-01 (1461 days > 730) but not at 2021-06-01 (517 days). Villavicencio (50001)
    has only a plan de empleo -> 4 municipal kinds missing."""
    b = GraphBuilder().dept("50", "Meta").muni("50001", "Villavicencio")
    b.instrument("POL", "politica_publica_trabajo_decente", "50", "adoptado", "2021-01-01")
    b.instrument("FIN", "fuente_financiacion", "50", "implementacion", "2021-01-01")
    b.instrument("PE", "plan_empleo", "50", "formulacion", "2020-01-01")
    b.instrument("PEM", "plan_empleo", "50001", "adoptado", "2020-01-01")
    [r] = instrument_gaps(b.g, "2024-01-01")
    assert r.missing_kinds == ["plan_desarrollo_lineamientos", "estructura_administrativa"]
    assert r.stalled == ["PE"]
    assert r.unsustainable_policies == ["POL"]
    assert r.municipal_missing == {"50001": ["politica_publica_trabajo_decente",
                                             "plan_desarrollo_lineamientos",
                                             "estructura_administrativa",
                                             "fuente_financiacion"]}
    [early] = instrument_gaps(b.g, "2021-06-01")
    assert early.stalled == []
    b.instrument("EST", "estructura_administrativa", "50", "adoptado", "2022-01-01")
    [later] = instrument_gaps(b.g, "2024-01-01")
    assert later.unsustainable_policies == []


# --------------------------------------------------------------- property tests
SECTORS = ["publico", "privado", "academico", "comunitario", "cooperacion"]
KINDS = ["gobernacion", "gremio", "empresa", "sindicato", "universidad", "ong"]
INSTANCE_KINDS = ["subcomision_concertacion", "subcomite_desarrollo_administrativo",
                  "red_formalizacion", "red_ormet", "comision_regional_competitividad"]


@st.composite
def random_graph(draw):
    b = GraphBuilder().dept("05", "Antioquia").dept("27", "Chocó")
    n = draw(st.integers(2, 8))
    actors = []
    for i in range(n):
        dept = draw(st.sampled_from(["05", "27"]))
        b.actor(f"A{i}", draw(st.sampled_from(SECTORS)), draw(st.sampled_from(KINDS)), dept)
        actors.append(f"A{i}")
    insts = []
    for j in range(draw(st.integers(1, 5))):
        dept = draw(st.sampled_from(["05", "27", None]))
        b.instance(f"I{j}", draw(st.sampled_from(INSTANCE_KINDS)), dept,
                   status=draw(st.sampled_from(["activa", "activa", "inactiva"])))
        insts.append(f"I{j}")
        for a in draw(st.lists(st.sampled_from(actors), max_size=4, unique=True)):
            b.member(a, f"I{j}")
    for k in range(draw(st.integers(0, 3))):
        b.agreement(f"K{k}", draw(st.sampled_from(["05", "27", None])),
                    draw(st.lists(st.sampled_from(actors), min_size=1, max_size=3, unique=True)))
    extra = (draw(st.sampled_from(actors)), draw(st.sampled_from(insts)))
    return b, extra


@settings(max_examples=80, deadline=None)
@given(random_graph())
def test_adding_a_participation_never_opens_a_coverage_gap(case):
    b, (actor, inst) = case
    before = {x.identity for x in coverage_gaps(b.g)}
    b.member(actor, inst, since="2000-01-01")
    after = {x.identity for x in coverage_gaps(b.g)}
    assert after <= before


@settings(max_examples=40, deadline=None)
@given(random_graph(), st.sampled_from(["plan_empleo", "plan_desarrollo_lineamientos",
                                        "estructura_administrativa", "fuente_financiacion"]))
def test_adding_a_supporting_instrument_never_opens_an_instrument_gap(case, kind):
    """Adding an adopted non-policy instrument to a department closes or keeps gaps."""
    b, _ = case
    b.instrument("POL", "politica_publica_trabajo_decente", "05", "adoptado", "2020-01-01")
    before = {x.identity for x in instrument_gap_items(b.g, "2024-01-01")}
    b.instrument("NEW", kind, "05", "adoptado", "2021-01-01")
    after = {x.identity for x in instrument_gap_items(b.g, "2024-01-01")}
    assert after <= before
