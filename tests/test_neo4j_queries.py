"""The analysts' Cypher library and the differential test (SQLite vs Neo4j), on a real server.

Expected rows are read off tests/data/pat_small by hand (see the CSV files).
"""

from __future__ import annotations

import pytest

from pat_graph.errors import NotFoundError, QueryError
from pat_graph.graph import comparable
from pat_graph.queries import CYPHER_DIR, get_query, list_queries
from pat_graph.query_library import run_query

EXPECTED_QUERIES = {"alianzas_actor", "miembros_instancia", "actores_departamento",
                    "programas_departamento", "instrumentos_territorio",
                    "intermediarios_sectores"}


# ------------------------------------------------------------------ no server needed
def test_library_has_the_queries_with_spanish_headers():
    queries = {q.name: q for q in list_queries()}
    assert EXPECTED_QUERIES <= set(queries)
    for q in queries.values():
        assert q.description and q.params_doc, q.name
        assert (CYPHER_DIR / "queries" / f"{q.name}.cypher").exists(), q.name
        assert q.params, q.name
        for p in q.params:  # every parameter is documented
            assert p in q.params_doc, (q.name, p)
        assert ";" not in q.text  # pasteable as one statement in Neo4j Browser


def test_unknown_query_and_bad_parameters_are_query_errors(sqlite_store):
    with pytest.raises(QueryError, match="no existe la consulta «nada»"):
        get_query("nada")
    with pytest.raises(QueryError, match="faltan actor"):
        run_query(sqlite_store, "alianzas_actor", {})
    with pytest.raises(QueryError, match="sobran extra"):
        run_query(sqlite_store, "alianzas_actor", {"actor": "A-03", "extra": 1})
    with pytest.raises(NotFoundError, match="No existe el actor «A-03»"):
        run_query(sqlite_store, "alianzas_actor", {"actor": "A-03"})


# ------------------------------------------------------------------ on a real server
@pytest.fixture
def small_neo4j(neo4j_store, pat_small):
    from pat_graph.ingest import load_paths

    report = load_paths([pat_small], neo4j_store)
    assert not report.rejects
    return neo4j_store


def _key(rows, *cols):
    return sorted(tuple(r[c] for c in cols) for r in rows)


@pytest.mark.neo4j
def test_alianzas_actor(small_neo4j):
    rows = run_query(small_neo4j, "alianzas_actor", {"actor": "A-03"})
    assert _key(rows, "socio", "sector", "vinculo", "via_id") == [
        ("A-05", "privado", "acuerdo", "AC-01"),
        ("A-05", "privado", "instancia", "I-01"),
        ("A-06", "academico", "acuerdo", "AC-01"),
        ("A-07", "comunitario", "instancia", "I-01"),
    ]
    rows = run_query(small_neo4j, "alianzas_actor", {"actor": "A-05"})
    assert _key(rows, "socio", "vinculo", "via_id") == [
        ("A-03", "acuerdo", "AC-01"), ("A-03", "instancia", "I-01"), ("A-04", "acuerdo", "AC-02"),
        ("A-06", "acuerdo", "AC-01"), ("A-06", "instancia", "I-03"), ("A-07", "instancia", "I-01"),
    ]
    with pytest.raises(NotFoundError, match="No existe el actor «NO-EXISTE»"):
        run_query(small_neo4j, "alianzas_actor", {"actor": "NO-EXISTE"})


@pytest.mark.neo4j
def test_miembros_instancia(small_neo4j):
    rows = run_query(small_neo4j, "miembros_instancia", {"instancia": "I-01"})
    assert [(r["rol"], r["actor"], r["desde"], r.get("hasta"), r["vigente"]) for r in rows] == [
        ("presidencia", "A-03", "2019-03-01", None, True),
        ("miembro", "A-05", "2019-03-01", None, True),
        ("miembro", "A-07", "2020-01-15", "2022-12-31", False),
    ]
    rows = run_query(small_neo4j, "miembros_instancia", {"instancia": "I-02"})
    assert [(r["rol"], r["actor"]) for r in rows] == [("presidencia", "A-01"), ("miembro", "A-06")]


@pytest.mark.neo4j
def test_actores_departamento(small_neo4j):
    rows = run_query(small_neo4j, "actores_departamento", {"departamento": "50"})
    assert [(r["sector"], r["tipo"], r["actores"]) for r in rows] == [
        ("academico", "universidad", 1), ("comunitario", "sindicato", 1), ("privado", "empresa", 1),
        ("publico", "alcaldia", 1), ("publico", "gobernacion", 1),
    ]
    assert rows[3]["nombres"] == ["Alcaldía de Villavicencio"]  # located in a municipality
    rows = run_query(small_neo4j, "actores_departamento", {"departamento": "27"})
    assert [(r["sector"], r["tipo"], r["nombres"]) for r in rows] == [
        ("comunitario", "organizacion_comunitaria", ["Asociación comunitaria (ejemplo) Quibdó"]),
        ("publico", "gobernacion", ["Gobernación del Chocó"]),
    ]


@pytest.mark.neo4j
def test_programas_departamento(small_neo4j):
    rows = run_query(small_neo4j, "programas_departamento", {"departamento": "50"})
    assert [(r["programa"], r["articulacion"], r["territorio"], r["fecha"], r["actor"],
             r["evento"]) for r in rows] == [
        ("P-01", "implementacion", "50001", "2023-08-01", "Alcaldía de Villavicencio", None),
        ("P-01", "retroalimentacion", "50", "2024-01-10", "Gobernación del Meta", None),
        ("P-01", "socializacion", "50", "2023-02-20", None, "E-01"),
        ("P-02", "implementacion", "50", "2024-03-01", "Empresa (ejemplo) Llano Verde", None),
    ]
    assert {r["entidad"] for r in rows} == {"Ministerio del Trabajo"}
    rows = run_query(small_neo4j, "programas_departamento", {"departamento": "27"})
    assert [(r["programa"], r["articulacion"], r["evento"]) for r in rows] == [
        ("P-02", "socializacion", "E-02")]


@pytest.mark.neo4j
def test_instrumentos_territorio(small_neo4j):
    rows = run_query(small_neo4j, "instrumentos_territorio", {"territorio": "50"})
    assert [(r["territorio"], r["instrumento"], r["estado"], r["lider"]) for r in rows] == [
        ("50", "IN-01", "adoptado", "Gobernación del Meta"),
        ("50001", "IN-02", "formulacion", "Alcaldía de Villavicencio"),
    ]
    assert rows[0]["acto_administrativo"] == "Ordenanza (ejemplo) 001 de 2021"
    rows = run_query(small_neo4j, "instrumentos_territorio", {"territorio": "50001"})
    assert [r["instrumento"] for r in rows] == ["IN-02"]
    rows = run_query(small_neo4j, "instrumentos_territorio", {"territorio": "27"})
    assert [(r["instrumento"], r["estado"], r["fecha"]) for r in rows] == [
        ("IN-03", "diagnostico", "2019-01-01")]


@pytest.mark.neo4j
def test_intermediarios_sectores(small_neo4j):
    rows = run_query(small_neo4j, "intermediarios_sectores",
                     {"departamento": "50", "sector_a": "publico", "sector_b": "privado"})
    # A-06 reaches A-01 (Red ORMET) and A-03 (publico) and A-05 (privado); share
    # nothing: one unconnected pair. A-07 reaches, who share I-01 and AC-01.
    assert [(r["actor"], r["socios_sector_a"], r["socios_sector_b"], r["pares_sin_vinculo"])
            for r in rows] == [("A-06", 2, 1, 1), ("A-07", 1, 1, 0)]
    assert sorted(rows[0]["nombres_sector_a"]) == ["Gobernación del Meta", "Ministerio del Trabajo"]
    rows = run_query(small_neo4j, "intermediarios_sectores",
                     {"departamento": "50", "sector_a": "privado", "sector_b": "academico"})
    assert [(r["actor"], r["pares_sin_vinculo"]) for r in rows] == [("A-03", 0)]


# ------------------------------------------------------------------ differential
def _differential(paths, neo4j_store, tmp_path) -> None:
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "diff.sqlite") as sqlite:
        load_paths(paths, sqlite)
        expected = sqlite.read_graph()
    load_paths(paths, neo4j_store)
    got = neo4j_store.read_graph()
    assert got.number_of_nodes() == expected.number_of_nodes()
    assert got.number_of_edges() == expected.number_of_edges()
    assert comparable(got, ignore=("loaded_at",)) == comparable(expected, ignore=("loaded_at",))


@pytest.mark.neo4j
def test_differential_pat_small(neo4j_store, pat_small, tmp_path):
    _differential([pat_small], neo4j_store, tmp_path)


@pytest.mark.neo4j
def test_differential_pat_small_xlsx(neo4j_store, pat_small, tmp_path):
    _differential([pat_small.parent / "pat_small.xlsx"], neo4j_store, tmp_path)


@pytest.mark.neo4j
@pytest.mark.slow
def test_differential_demo(neo4j_store, tmp_path):
    from pat_graph.demo import generate_demo

    data = tmp_path / "demo"
    generate_demo(data, seed=11, scale=0.3)
    neo4j_store.batch_size = 1000  # several batches per label
    _differential([data], neo4j_store, tmp_path)
