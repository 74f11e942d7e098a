"""``pat-graph init``, ``query`` and ``write-scores`` through Click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.cli.neo4j import COMMANDS


@pytest.fixture
def runner():
    return CliRunner()


def _env(server) -> dict[str, str]:
    env = {"NEO4J_USERNAME": server.user}
    if server.password:
        env["NEO4J_PASSWORD"] = server.password
    if server.database:
        env["NEO4J_DATABASE"] = server.database
    return env


# ------------------------------------------------------------------ no server needed
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.name)
def test_help_is_spanish_and_ends_with_a_runnable_example(runner, command):
    result = runner.invoke(main, [command.name, "--help"])
    assert result.exit_code == 0, result.output
    text = re.split(r"\n(?:Options|Opciones):", result.output)[0]
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    assert any(ln.startswith("Ejemplo") for ln in lines), result.output
    assert re.match(r"(\w+=\S+ )*pat-graph ", lines[-1]), lines[-1]


def test_query_list_needs_no_server(runner):
    result = runner.invoke(main, ["query", "--list", "--json"])
    assert result.exit_code == 0, result.output
    names = {q["nombre"] for q in json.loads(result.output)}
    assert {"alianzas_actor", "miembros_instancia", "actores_departamento",
            "programas_departamento", "instrumentos_territorio",
            "intermediarios_sectores"} <= names


def test_query_errors_are_friendly(runner, tmp_path):
    result = runner.invoke(main, ["query", "nada"])
    assert result.exit_code == 2 and "no existe la consulta «nada»" in result.output
    result = runner.invoke(main, ["query"])
    assert result.exit_code == 2 and "--list" in result.output
    sqlite = tmp_path / "x.sqlite"
    result = runner.invoke(main, ["query", "alianzas_actor", "--store", str(sqlite)])
    assert result.exit_code == 4 and "no existe" in result.output  # a reading command
    assert not sqlite.exists()  # creates no store
    assert runner.invoke(main, ["init", "--store", str(sqlite)]).exit_code == 0
    result = runner.invoke(main, ["query", "alianzas_actor", "-p", "actor", "A-03",
                                  "--store", str(sqlite)])
    # the embedded store answers too: an actor it does not have is an error, never "sin resultados"
    assert result.exit_code == 2 and "No existe el actor «A-03»" in result.output
    assert "Traceback" not in result.output


def test_init_on_sqlite_creates_the_store(runner, tmp_path):
    path = tmp_path / "nuevo.sqlite"
    result = runner.invoke(main, ["init", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert path.exists() and "1.156 territorios, 1.155 relaciones PART_OF" in result.output
    from pat_graph.store.sqlite import SQLiteStore

    stats = SQLiteStore(path).stats()
    assert stats.nodes_by_label == {"Territory": 1156}
    assert stats.edges_by_type == {"PART_OF": 1155}
    again = runner.invoke(main, ["init", "--store", str(path)])  # idempotent
    assert again.exit_code == 0 and SQLiteStore(path).stats().nodes == 1156


def test_unreachable_neo4j_from_the_cli(runner):
    from neo4j_server import free_port

    port = free_port()
    result = runner.invoke(main, ["query", "alianzas_actor", "-p", "actor", "A-03", "--store",
                                  f"bolt://127.0.0.1:{port}"],
                           env={"NEO4J_PASSWORD": "nunca-se-muestra"})
    assert result.exit_code == 4
    assert f"No se pudo conectar a Neo4j en bolt://127.0.0.1:{port}" in result.output
    assert "nunca-se-muestra" not in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ on a real server
@pytest.mark.neo4j
def test_init_applies_the_schema(runner, neo4j_server, neo4j_store, neo4j_driver):
    result = runner.invoke(main, ["init", "--store", neo4j_server.uri], env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    assert "Esquema aplicado" in result.output
    records, _, _ = neo4j_driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS key",
        database_=neo4j_server.database)
    from pat_graph.model import KEY_PROPERTY

    found = {(r["label"], r["key"]) for r in records}
    assert set(KEY_PROPERTY.items()) <= found
    if neo4j_server.password:
        assert neo4j_server.password not in result.output


@pytest.mark.neo4j
def test_query_json_csv_and_table(runner, neo4j_server, neo4j_store, pat_small):
    from pat_graph.ingest import load_paths

    load_paths([pat_small], neo4j_store)
    base = ["query", "miembros_instancia", "-p", "instancia", "I-01", "--store", neo4j_server.uri]
    result = runner.invoke(main, base + ["--json"], env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["rol"], r["actor"]) for r in rows] == [
        ("presidencia", "A-03"), ("miembro", "A-05"), ("miembro", "A-07")]
    result = runner.invoke(main, base + ["--csv"], env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.output.lstrip("\ufeff"))))  # Spanish headers
    assert [r["Actor"] for r in table] == ["A-03", "A-05", "A-07"]
    assert table[2]["Hasta"] == "2022-12-31" and table[0]["Rol"] == "Presidencia"
    result = runner.invoke(main, base, env=_env(neo4j_server))
    assert result.exit_code == 0 and "Gobernación del Meta" in result.output
    result = runner.invoke(main, ["query", "miembros_instancia", "--store", neo4j_server.uri],
                           env=_env(neo4j_server))
    assert result.exit_code == 2 and "faltan instancia" in result.output


@pytest.mark.neo4j
def test_write_scores_from_csv_and_betweenness(runner, neo4j_server, neo4j_store, pat_small,
                                               tmp_path):
    from pat_graph.ingest import load_paths

    load_paths([pat_small], neo4j_store)
    scores = tmp_path / "puntajes.csv"
    scores.write_text("nodo,gap_score\nActor:A-03,2,5\nTerritory:50,7\n".replace("2,5", '"2,5"'),
                      encoding="utf-8")
    result = runner.invoke(main, ["write-scores", str(scores), "--store", neo4j_server.uri],
                           env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    assert "escritos en 2 nodos" in result.output
    result = runner.invoke(main, ["write-scores", "--betweenness", "--store", neo4j_server.uri],
                           env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    g = neo4j_store.read_graph(include_scores=True)
    assert g.nodes["Actor:A-03"]["gap_score"] == 2.5
    assert g.nodes["Territory:50"]["gap_score"] == 7.0
    assert all("betweenness" in d for _, d in g.nodes(data=True))
    # Meta's departmental node sits between its municipalities and the nation: a broker
    assert g.nodes["Territory:50"]["betweenness"] > g.nodes["Actor:A-08"]["betweenness"]


def test_write_scores_betweenness_equals_networkx_without_a_server(runner, pat_small, tmp_path,
                                                                    monkeypatch):
    """--betweenness (the array kernel on the undirected simple graph) writes exactly
    networkx's ``betweenness_centrality(nx.Graph(graph))``; store and writer are stand-ins."""
    import networkx as nx

    from pat_graph.cli import neo4j as cli_neo4j
    from pat_graph.ingest import load_paths
    from pat_graph.store import neo4j as store_neo4j
    from pat_graph.store.sqlite import SQLiteStore

    path = tmp_path / "pat.sqlite"
    store = SQLiteStore(path)
    load_paths([pat_small], store)
    graph = store.read_graph()
    store.close()
    written: dict = {}

    def fake_write(st, scores):
        written.update(scores)
        return len(scores)

    monkeypatch.setattr(cli_neo4j, "open_for_reading", lambda _store: SQLiteStore(path))
    monkeypatch.setattr(store_neo4j, "write_scores", fake_write)
    result = runner.invoke(main, ["write-scores", "--betweenness", "--store", "bolt://x:7687"])
    assert result.exit_code == 0, result.output
    expected = nx.betweenness_centrality(nx.Graph(graph))
    assert written.keys() == expected.keys()
    assert all(abs(written[n]["betweenness"] - v) <= 1e-12 for n, v in expected.items())
    assert written["Territory:50"]["betweenness"] > written["Actor:A-08"]["betweenness"]


def test_graph_betweenness_ignores_direction_parallel_ties_and_self_loops():
    import networkx as nx

    from pat_graph.cli.neo4j import graph_betweenness

    g = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("b", "c"), ("c", "c"),
                         ("c", "d"), ("d", "e"), ("e", "c")])
    g.add_node("solo")
    ours = graph_betweenness(g)
    expected = nx.betweenness_centrality(nx.Graph(g))
    assert ours.keys() == expected.keys()
    assert all(abs(ours[n] - v) <= 1e-12 for n, v in expected.items())
    assert ours["b"] > 0 and ours["c"] > ours["b"]
