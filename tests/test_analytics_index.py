"""Family 7 (gap index), compare() between dates, and the CLI commands."""

from __future__ import annotations

import json

from analytics_builder import GraphBuilder
from click.testing import CliRunner
from hypothesis import given, settings
from test_analytics_coverage import random_graph
from test_analytics_fragility import huila

from pat_graph.analytics import compare, gap_index, gap_items, record_coverage
from pat_graph.analytics.index import families_with_records
from pat_graph.cli import main
from pat_graph.model import EdgeRecord, NodeRecord, RecordBatch


def test_index_by_hand():
    """Huila (no programmes, no instruments recorded): instancias 0.7·3/5 + 0.3·3/3 (no
    Subcomisión) = 0.72 -> 18 of 25; instrumentos and programas: sin registros, no
    points; sectores: 4 sectors present, tied pairs publico-privado, publico-academico,
    academico-comunitario -> completeness (1 + 3/6)/2 = 0.75 -> 0.25·20 = 5; fragilidad:
    isolated 1/8, actors cut off from public 2/8 (C1, C2; I is privado and isolated ->
    3/8), robust pairs 0 -> 0.4·1/8 + 0.3·3/8 + 0.3 = 0.4625 -> 4.625 of 10. Rescaled over
    the 55 points it has records of: 27.625 · 100/55 = 50.227 -> 50.2."""
    [r] = gap_index(huila().g)
    assert r.components == {"instancias": round(18 * 100 / 55, 2),
                            "sectores": round(5 * 100 / 55, 2),
                            "fragilidad": round(4.625 * 100 / 55, 2)}
    assert r.score == 50.2
    assert r.without_records == ["instrumentos", "programas"]
    assert r.position == "puesto 1 de 1 departamentos con registros"
    text = "; ".join(r.explanation)
    assert "faltan 3 de 5 instancias activas" in text
    assert "sin vínculo privado–académico" in text
    assert "1 de 8 actores aislados" in text
    assert "Instrumentos de política: sin registros (no puntúa)" in text
    assert "faltan 5 de 5 instrumentos" not in text


@settings(max_examples=60, deadline=None)
@given(random_graph())
def test_adding_a_tie_never_raises_the_index(case):
    """The guarantee of docs/analytics.md §7.1: a tie never raises the index while the
    families a department has records of stay the same. The first participation of a
    department is a first record of its network families (before it nothing was known
    of its articulation): that case may raise it, and must be the only one."""
    b, (actor, inst) = case

    def recorded() -> dict[str, list[str]]:
        return {d: [f.name for f in families_with_records(r)]
                for d, r in record_coverage(b.g).items()}

    before, fams = {r.department_code: r.score for r in gap_index(b.g)}, recorded()
    b.member(actor, inst, since="2000-01-01")
    after, fams_after = {r.department_code: r.score for r in gap_index(b.g)}, recorded()
    for d in before:
        if fams_after[d] == fams[d]:
            assert after[d] <= before[d] + 1e-9
        else:  # only a first participation may add families: the network ones
            assert set(fams_after[d]) - set(fams[d]) <= {"sectores", "fragilidad"}


def test_compare_closed_and_opened():
    """Meta gets a CRC in 2024 (with GOB and U) and U leaves the Red ORMET at the end of
    2023. Between 2023-06-01 and 2025-01-01: 'falta CRC' closed; 'red ORMET sin
    académico' opened."""
    b = GraphBuilder().dept("50", "Meta")
    b.actor("GOB", "publico", "gobernacion", "50").actor("U", "academico", "universidad", "50")
    b.actor("E", "privado", "empresa", "50")
    b.instance("O", "red_ormet", "50").member("GOB", "O").member("U", "O", until="2023-12-31")
    b.instance("C", "comision_regional_competitividad", "50", created="2024-02-01")
    b.member("GOB", "C").member("U", "C").member("E", "C")
    res = compare(b.g, "2023-06-01", "2025-01-01", families=["instancias"])
    assert [(x.code, x.subject) for x in res.closed] == [
        ("falta_instancia", "comision_regional_competitividad")]
    assert [(x.code, x.subject) for x in res.opened] == [("instancia_sin_sector", "O|academico")]
    assert res.index_change[0]["change"] < 0
    assert {x.family for x in gap_items(b.g, "2025-01-01")} >= {"instancias", "sectores"}


# ------------------------------------------------------------------------ CLI
def _store(tmp_path):
    from pat_graph.store.sqlite import SQLiteStore

    g = huila().g
    nodes = [NodeRecord(a["label"], n.split(":", 1)[1],
                        {k: v for k, v in a.items() if k not in ("label", "id", "dane_code")})
             for n, a in g.nodes(data=True)]
    edges = [EdgeRecord(a["type"], u.split(":")[0], u.split(":", 1)[1], v.split(":")[0],
                        v.split(":", 1)[1], "" if k == a["type"] else k.split("|", 1)[1],
                        {x: y for x, y in a.items() if x != "type"})
             for u, v, k, a in g.edges(keys=True, data=True)]
    path = tmp_path / "s.sqlite"
    st = SQLiteStore(path)
    st.write(RecordBatch(nodes, edges))
    st.close()
    return str(path)


def test_cli_gaps_linkages_brokers(tmp_path):
    store = _store(tmp_path)
    run = CliRunner().invoke
    r = run(main, ["gaps", "--store", store])
    assert r.exit_code == 0, r.output
    assert "Huila" in r.output and "Por qué" in r.output
    r = run(main, ["gaps", "--store", store, "--departamento", "huila", "--json"])
    assert r.exit_code == 0, r.output
    codes = {x["code"] for x in json.loads(r.output)}
    assert {"falta_instancia", "actor_aislado", "punto_articulacion"} <= codes
    r = run(main, ["gaps", "--store", store, "--familia", "sectores", "--csv"])
    assert r.exit_code == 0 and r.output.startswith("\ufeffCódigo,Familia,Brecha")
    r = run(main, ["gaps", "--store", store, "--comparar", "2020", "2025", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["date_a"] == "2020-01-01"
    r = run(main, ["brokers", "--store", store, "--departamento", "41", "--json"])
    assert r.exit_code == 0 and json.loads(r.output)["scores"][0]["actor_id"] == "G"
    r = run(main, ["linkages", "--store", store])
    assert r.exit_code == 0, r.output
    r = run(main, ["brokers", "--store", store, "--departamento", "Narnia"])
    assert r.exit_code == 2 and "No existe el departamento «Narnia»" in r.output


def test_cli_help_has_example():
    for cmd in ("gaps", "linkages", "brokers"):
        r = CliRunner().invoke(main, [cmd, "--help"])
        assert r.exit_code == 0 and "Ejemplo" in r.output, cmd
