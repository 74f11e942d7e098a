"""The analysts' query library answers the same on both stores (issue 20).

Every named query of ``cypher/queries/`` has a Python answer in
``pat_graph/query_library/`` (a ``.cypher`` without one, or one without its ``.cypher``,
fails here), declares each ``$parameter`` of its text, and returns, on the embedded
store, row for row what Neo4j returns for the Cypher text: on pat_small, on the demo
and on a small hand-built graph (a real Neo4j server; under CI=true a missing server
fails). Parameters are picked from each graph by their declared kind, so a new query
is exercised without editing this file.
"""

from __future__ import annotations

import networkx as nx
import pytest

from pat_graph.errors import NotFoundError, QueryError
from pat_graph.lookup import AmbiguousError
from pat_graph.model import (
    ACTOR,
    AGREEMENT,
    INSTANCE,
    INSTANCE_KINDS,
    PROGRAM,
    SECTORS,
    TERRITORY,
    EdgeRecord,
    NodeRecord,
    RecordBatch,
)
from pat_graph.queries import CYPHER_DIR, get_query, list_queries
from pat_graph.query_library import alliance_neighbours, registry, run_query

QUERIES = sorted(registry())


# ------------------------------------------------------------------ no server needed
def test_every_cypher_query_has_a_python_answer_and_the_reverse():
    cypher = {q.name for q in list_queries()}
    python = set(registry())
    assert cypher - python == set(), "consultas Cypher sin respuesta en Python"
    assert python - cypher == set(), "respuestas en Python sin su consulta Cypher"
    for name, impl in registry().items():
        assert impl.cypher == f"{name}.cypher"
        assert (CYPHER_DIR / "queries" / impl.cypher).exists()
        assert get_query(name).path == impl.cypher


@pytest.mark.parametrize("name", QUERIES)
def test_declared_parameters_are_the_cypher_parameters(name):
    assert [p.name for p in registry()[name].params] == list(get_query(name).params)


def _store_with(tmp_path, batch):
    from pat_graph.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "hand.sqlite")
    store.write(batch)
    return store


def test_parameters_as_people_write_them(tmp_path, pat_small):
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "s.sqlite") as st:
        load_paths([pat_small], st)
        g = st.read_graph()
        by_id = run_query(st, "alianzas_actor", {"actor": "A-03"}, graph=g)
        assert by_id
        for text in ("Gobernación del Meta", "gobernacion del meta", "GOBERNACION DEL META"):
            assert run_query(st, "alianzas_actor", {"actor": text}, graph=g) == by_id
        dept = run_query(st, "actores_departamento", {"departamento": "50"}, graph=g)
        for text in ("Meta", "meta", " META "):
            assert run_query(st, "actores_departamento", {"departamento": text}, graph=g) == dept
        chosen = run_query(st, "intermediarios_sectores", {
            "departamento": "50", "sector_a": "publico", "sector_b": "privado"}, graph=g)
        assert chosen == run_query(st, "intermediarios_sectores", {
            "departamento": "Meta", "sector_a": "Público", "sector_b": "PRIVADO"}, graph=g)
        # territorio: a department or a municipality, by code or name
        assert run_query(st, "instrumentos_territorio", {"territorio": "Villavicencio"},
                         graph=g) == run_query(st, "instrumentos_territorio",
                                               {"territorio": "50001"}, graph=g)
        # numbers and dates by their declared kind; '05' stays a code
        assert run_query(st, "red_actor", {"actor": "A-03", "pasos": "1"}, graph=g) == [
            r for r in run_query(st, "red_actor", {"actor": "A-03", "pasos": 2}, graph=g)
            if r["pasos"] == 1]
        assert run_query(st, "cambios_actor", {"actor": "A-07", "desde": "2021",
                                              "hasta": "31/12/2023"}, graph=g) == run_query(
            st, "cambios_actor", {"actor": "A-07", "desde": "2021-01-01",
                                  "hasta": "2023-12-31"}, graph=g)


def test_unresolved_parameters_are_errors_not_empty_answers(tmp_path, pat_small):
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "s.sqlite") as st:
        load_paths([pat_small], st)
        g = st.read_graph()
        with pytest.raises(NotFoundError, match=r"-p actor: No existe el actor «Gobernacion del "
                                                r"Mta».*¿quiso decir Gobernación del Meta"):
            run_query(st, "alianzas_actor", {"actor": "Gobernacion del Mta"}, graph=g)
        with pytest.raises(AmbiguousError, match="-p actor: «Gobernación» puede ser 2 actores"):
            run_query(st, "alianzas_actor", {"actor": "Gobernación"}, graph=g)
        with pytest.raises(NotFoundError, match="¿quiso decir Meta"):
            run_query(st, "acuerdos_departamento", {"departamento": "Metta"}, graph=g)
        with pytest.raises(QueryError, match="«comunidad» no es un sector; ¿quiso decir "
                                             "comunitario"):
            run_query(st, "actores_sector_instancia",
                      {"sector": "comunidad", "tipo_instancia": "red_ormet"}, graph=g)
        with pytest.raises(QueryError, match="-p pasos: 9 está fuera de 1..4"):
            run_query(st, "red_actor", {"actor": "A-03", "pasos": "9"}, graph=g)
        with pytest.raises(QueryError, match="-p desde 01/01/2025 es posterior"):
            run_query(st, "cambios_actor", {"actor": "A-03", "desde": "2025",
                                            "hasta": "2024"}, graph=g)


def test_cli_query_on_the_embedded_store(tmp_path, pat_small):
    import json

    from click.testing import CliRunner

    from pat_graph.cli import main
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    path = tmp_path / "s.sqlite"
    with SQLiteStore(path) as st:
        load_paths([pat_small], st)
    runner = CliRunner()
    res = runner.invoke(main, ["query", "alianzas_actor", "-p", "actor", "Gobernacion del Choco",
                               "--almacen", str(path), "--json"])
    assert res.exit_code == 0, res.output
    with SQLiteStore(path) as st:
        assert json.loads(res.output) == run_query(st, "alianzas_actor", {"actor": "A-01"}) or \
            json.loads(res.output) == run_query(st, "alianzas_actor",
                                                {"actor": "Gobernación del Chocó"})
    res = runner.invoke(main, ["query", "actores_departamento", "-p", "departamento", "Choko",
                               "--almacen", str(path)])
    assert res.exit_code == 2 and "¿quiso decir Chocó (27)?" in res.output
    assert "sin resultados" not in res.output
    res = runner.invoke(main, ["query", "actores_departamento", "-p", "departamento", "27",
                               "--tipado", "--almacen", str(path), "--json"])
    assert res.exit_code == 0 and json.loads(res.output)  # '27' stays the code, not 27


# ------------------------------------------------------------------ parameters per kind
def _actors_by_ties(g: nx.MultiDiGraph) -> list[str]:
    actors = [n for n, a in g.nodes(data=True) if a.get("label") == ACTOR]
    actors.sort(key=lambda n: (-len(alliance_neighbours(g, n)), n))
    return [g.nodes[n]["id"] for n in actors]


def _candidates(g: nx.MultiDiGraph) -> dict[str, list]:
    def ids(label, key="id"):
        return sorted(a[key] for _, a in g.nodes(data=True) if a.get("label") == label)

    actors = _actors_by_ties(g)
    depts = sorted({a["department_code"] for _, a in g.nodes(data=True)
                    if a.get("label") == ACTOR and a.get("department_code")})
    munis = sorted({a["municipality_code"] for _, a in g.nodes(data=True)
                    if a.get("label") == ACTOR and a.get("municipality_code")})
    return {
        "actor": actors[:3] + actors[-1:],  # the best connected and the least
        "department": depts[:3] or ["05"], "municipality": munis[:2] or ["05001"],
        "territory": depts[:2] + munis[:1], "instance": ids(INSTANCE)[:3],
        "programme": ids(PROGRAM)[:2], "agreement": ids(AGREEMENT)[:2],
        "vocab:sector": list(SECTORS), "vocab:instance_kind": list(INSTANCE_KINDS),
        "int": [1, 2, 3], "date": ["2019-06-30", "2022-01-01", "2025-12-31"],
    }


def _param_sets(name: str, g: nx.MultiDiGraph) -> list[dict]:
    cands = _candidates(g)
    params = registry()[name].params
    out = []
    for k in range(4):
        values = {}
        for j, p in enumerate(params):
            pool = cands[p.kind]
            if p.kind == "int":
                pool = [v for v in pool if (p.low or 0) <= v <= (p.high or v)]
            values[p.name] = pool[(k + j) % len(pool)]
        if "desde" in values and values["desde"] > values["hasta"]:
            values["desde"], values["hasta"] = values["hasta"], values["desde"]
        out.append(values)
    return out


def _hand_built() -> RecordBatch:
    """Ties with missing properties, two equally short paths, an isolated actor, a national
    instance, ended participations and agreements signed at different dates."""
    nodes = [NodeRecord(TERRITORY, "05", {"name": "Antioquia", "kind": "department"}),
             NodeRecord(TERRITORY, "05001", {"name": "Medellín", "kind": "municipality",
                                             "department_code": "05"}),
             NodeRecord(TERRITORY, "CO", {"name": "Colombia", "kind": "nation"})]
    sectors = ["publico", "privado", "academico", "comunitario", "publico", "privado"]
    for i, s in enumerate(sectors, start=1):
        props = {"name": f"Actor {i}", "sector": s, "kind": "empresa",
                 "department_code": "05"}
        if i == 6:
            props.pop("sector")  # no sector
        nodes.append(NodeRecord(ACTOR, f"X-{i}", props))
    nodes.append(NodeRecord(ACTOR, "X-9", {"name": "Aislado", "sector": "publico"}))
    nodes += [NodeRecord(AGREEMENT, "G-1", {"name": "Acuerdo 1", "status": "firmado",
                                            "signed": "2021-05-01", "department_code": "05"}),
              NodeRecord(AGREEMENT, "G-2", {"name": "Acuerdo 2", "department_code": "05"}),
              NodeRecord(INSTANCE, "H-1", {"name": "Mesa 1", "kind": "red_ormet",
                                           "department_code": "05", "created": "2020-01-01"}),
              NodeRecord(INSTANCE, "H-2", {"name": "Red nacional", "kind": "red_ormet"})]
    edges = [EdgeRecord("LOCATED_IN", ACTOR, f"X-{i}", TERRITORY, "05001" if i % 2 else "05")
             for i in range(1, 7)]
    edges += [EdgeRecord("SIGNED", ACTOR, "X-1", AGREEMENT, "G-1"),
              EdgeRecord("SIGNED", ACTOR, "X-2", AGREEMENT, "G-1"),
              EdgeRecord("SIGNED", ACTOR, "X-3", AGREEMENT, "G-2"),
              EdgeRecord("SIGNED", ACTOR, "X-2", AGREEMENT, "G-2", props={"role": "aliado"}),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-1", INSTANCE, "H-1", "a",
                         {"since": "2020-02-01", "until": "2022-06-30", "role": "presidencia"}),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-1", INSTANCE, "H-1", "b",
                         {"since": "2023-01-01"}),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-4", INSTANCE, "H-1", "a",
                         {"since": "2020-03-01"}),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-3", INSTANCE, "H-2"),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-5", INSTANCE, "H-2"),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-6", INSTANCE, "H-2"),
              EdgeRecord("PARTICIPATES_IN", ACTOR, "X-4", INSTANCE, "H-2")]
    return RecordBatch(nodes, edges)


def _compare_all(sqlite, neo4j, answered: set[str]) -> None:
    g = sqlite.read_graph()
    gn = neo4j.read_graph()
    for name in QUERIES:
        for values in _param_sets(name, g):
            want = run_query(sqlite, name, values, graph=g)
            got = run_query(neo4j, name, values, graph=gn)
            assert got == want, (name, values)
            if want:
                answered.add(name)


# ------------------------------------------------------------------ on a real server
@pytest.fixture(scope="module")
def answered():
    seen: set[str] = set()
    yield seen


@pytest.mark.neo4j
def test_same_rows_on_pat_small(neo4j_store, pat_small, tmp_path, answered):
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(tmp_path / "s.sqlite") as sqlite:
        load_paths([pat_small], sqlite)
        load_paths([pat_small], neo4j_store)
        _compare_all(sqlite, neo4j_store, answered)


@pytest.mark.neo4j
def test_same_rows_on_a_hand_built_graph(neo4j_store, tmp_path, answered):
    batch = _hand_built()
    with _store_with(tmp_path, batch) as sqlite:
        neo4j_store.write(batch)
        _compare_all(sqlite, neo4j_store, answered)
        g = sqlite.read_graph()
        # two equally short chains from X-1 to X-3 (through X-2 by G-1 then G-2 ...): the first
        rows = run_query(sqlite, "conexion_actores", {"actor_a": "X-1", "actor_b": "X-3"}, graph=g)
        assert rows and rows == sorted(rows, key=lambda r: r["camino"])
        assert run_query(sqlite, "red_actor", {"actor": "X-9", "pasos": 4}, graph=g) == []


def _many_equal_chains() -> RecordBatch:
    """Layers of three actors joined by three agreements each: 3**7 equally short chains
    from S to T, given in an order that is not the order of ids."""
    nodes = [NodeRecord(ACTOR, "S", {"name": "Origen"}), NodeRecord(ACTOR, "T", {"name": "Fin"})]
    edges = []
    previous = ["S"]
    for layer in range(4):
        hubs = [f"G-{layer}-{j}" for j in (2, 0, 1)]
        actors = [f"Z-{layer}-{j}" for j in (1, 2, 0)] if layer < 3 else ["T"]
        nodes += [NodeRecord(AGREEMENT, h, {"name": f"Acuerdo {h}"}) for h in hubs]
        nodes += [NodeRecord(ACTOR, x, {"name": f"Actor {x}", "sector": "privado"})
                  for x in actors if x != "T"]
        edges += [EdgeRecord("SIGNED", ACTOR, x, AGREEMENT, h) for h in hubs
                  for x in previous + actors]
        previous = actors
    return RecordBatch(nodes, edges)


@pytest.mark.neo4j
def test_path_queries_choose_the_same_first_chains(neo4j_store, tmp_path):
    """More equally short chains than the 50 shown, and paths that tie on length: both
    stores pick the same ones (first in order of ids)."""
    batch = _many_equal_chains()
    with _store_with(tmp_path, batch) as sqlite:
        neo4j_store.write(batch)
        g, gn = sqlite.read_graph(), neo4j_store.read_graph()
        for name, values in (("conexion_actores", {"actor_a": "S", "actor_b": "T"}),
                             ("conexion_actores", {"actor_a": "T", "actor_b": "Z-0-2"}),
                             ("red_actor", {"actor": "S", "pasos": 4}),
                             ("red_actor", {"actor": "Z-1-1", "pasos": 2})):
            want = run_query(sqlite, name, values, graph=g)
            assert want and run_query(neo4j_store, name, values, graph=gn) == want, values
        chains = run_query(sqlite, "conexion_actores", {"actor_a": "S", "actor_b": "T"}, graph=g)
        assert len(chains) == 50 and chains[0]["camino"][:3] == ["S", "G-0-0", "Z-0-0"]
        assert [r["camino"] for r in chains] == sorted(r["camino"] for r in chains)

@pytest.mark.neo4j
def test_same_rows_on_the_demo(neo4j_store, tmp_path, answered):
    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    data = tmp_path / "demo"
    generate_demo(data, seed=11, scale=0.05)
    with SQLiteStore(tmp_path / "d.sqlite") as sqlite:
        load_paths([data], sqlite)
        load_paths([data], neo4j_store)
        _compare_all(sqlite, neo4j_store, answered)


@pytest.mark.neo4j
def test_every_query_gave_rows_somewhere(answered):
    """The comparisons above are not all of empty answers (runs after them, in file order)."""
    assert set(QUERIES) - answered == set()
