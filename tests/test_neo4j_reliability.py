"""Neo4j: merges (resolver decisions) equal to the embedded store's, loads killed with SIGKILL,
the server going away mid-load, and credentials kept out of every output on those paths.

Every test needs a real server (marker ``neo4j``; skipped without one, FAILED under
``CI=true``). Figures for the issue note are printed with ``-s``.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import neo4j
import pytest
from click.testing import CliRunner
from neo4j_fixtures import _unavailable
from neo4j_server import LocalNeo4j, Neo4jServer, Neo4jUnavailable, free_port

from pat_graph import model
from pat_graph.cli import main
from pat_graph.errors import InputError, NotFoundError, PatGraphError
from pat_graph.graph import comparable
from pat_graph.ingest import load_mapping, load_paths
from pat_graph.resolve import apply_decisions, candidates_in_graph, read_decisions
from pat_graph.store.sqlite import SQLiteStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "pat_graph" / "data"
PAT_SMALL = ROOT / "tests" / "data" / "pat_small"
REFERENCE = ("camaras_comercio", "cajas_compensacion", "ies_snies", "sena_regionales",
             "sena_centros_formacion")
LOAD = [sys.executable, "-c", "from pat_graph.cli import main; main()", "load"]
#: a load of the scale-2 demo is cut once this many relationships are in the database
CUT_AT_RELATIONSHIPS = 15_000


def _env(server: Neo4jServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NEO4J_PASSWORD", "NEO4J_USERNAME", "NEO4J_DATABASE", "NEO4J_URI")}
    env["NEO4J_USERNAME"] = server.user
    if server.password:
        env["NEO4J_PASSWORD"] = server.password
    if server.database:
        env["NEO4J_DATABASE"] = server.database
    return env


def _no_secret(server: Neo4jServer, *texts: str) -> None:
    for text in texts:
        assert "Traceback" not in text
        if server.password:
            assert server.password not in text


def _driver(server: Neo4jServer) -> neo4j.Driver:
    auth = neo4j.basic_auth(server.user, server.password) if server.password else None
    return neo4j.GraphDatabase.driver(server.uri, auth=auth)


def _count(driver: neo4j.Driver, server: Neo4jServer, text: str) -> int:
    records, _, _ = driver.execute_query(text, database_=server.database)
    return int(records[0][0])


def _relationships(driver: neo4j.Driver, server: Neo4jServer) -> int:
    return _count(driver, server, "MATCH ()-[r]->() RETURN count(r)")


def _assert_no_duplicates(driver: neo4j.Driver, server: Neo4jServer) -> None:
    """The node-key constraints exist, every key is unique, no relationship is repeated."""
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD type, labelsOrTypes, properties "
        "WHERE type = 'UNIQUENESS' RETURN labelsOrTypes[0] AS label, properties[0] AS prop",
        database_=server.database)
    constraints = {(r["label"], r["prop"]) for r in records}
    assert set(model.KEY_PROPERTY.items()) <= constraints
    for label, key in model.KEY_PROPERTY.items():
        records, _, _ = driver.execute_query(
            "MATCH (n) WHERE $label IN labels(n) "
            "RETURN count(n) AS n, count(DISTINCT n[$key]) AS keys, count(n[$key]) AS with_key",
            label=label, key=key, database_=server.database)
        r = records[0]
        assert r["n"] == r["keys"] == r["with_key"], (label, r.data())
    repeated = _count(driver, server,
                      "MATCH (a)-[r]->(b) WITH type(r) AS t, a, b, r.ekey AS k, count(*) AS c "
                      "WHERE c > 1 RETURN count(*)")
    assert repeated == 0


# ----------------------------------------------------------------- the generated demo
def _demo(tmp_path_factory, scale: float) -> dict:
    """``generate_demo(scale=…)`` and the counts and graph of a clean load of it (SQLite)."""
    from pat_graph.demo import generate_demo

    base = tmp_path_factory.mktemp(f"demo{scale}")
    data = base / "datos"
    summary = generate_demo(data, scale=scale)
    store = SQLiteStore(base / "clean.sqlite")
    report = load_paths([data], store)
    stats = store.stats()
    graph = comparable(store.read_graph(), ignore=("loaded_at",))
    store.close()
    records = report.written.nodes_written + report.written.edges_written
    return {"data": data, "rows": sum(summary.files.values()), "records": records,
            "nodes": stats.nodes_by_label, "edges": stats.edges_by_type, "graph": graph}


@pytest.fixture(scope="module")
def demo2(tmp_path_factory) -> dict:
    """The big one (~90,000 records): for the SIGKILL test."""
    return _demo(tmp_path_factory, 2)


@pytest.fixture(scope="module")
def demo1(tmp_path_factory) -> dict:
    """Half of it: the server-going-away test reloads it in full after the restart."""
    return _demo(tmp_path_factory, 1)


# ------------------------------------------------------------------------ merging
def test_merge_statements_cover_the_model_with_parameters_only():
    from pat_graph.queries import read_statements

    st = read_statements("merge.cypher")
    expected = {f"merge-find-{label}" for label in model.LABELS} | {
        f"merge-move-{t}" for t in model.REL_TYPES} | {"merge-set-node", "merge-delete-node"}
    assert set(st) == expected
    vocabulary = set(model.LABELS) | set(model.REL_TYPES)
    for name, statement in st.items():
        used = set(re.findall(r"[(\[]\w*:(\w+)", statement.text))
        assert used <= vocabulary, (name, used - vocabulary)
        if name.startswith("merge-move-"):
            assert used == {name.removeprefix("merge-move-")}, name
            assert set(statement.params) == {"keep", "merge"}, name


DUPLICATES = {
    "actores.csv": "id,nombre,sigla,sector,tipo,nivel,departamento\n"
                   "D-03,GOBERNACION DEL META,,publico,gobernacion,departamental,Meta\n"
                   "D-04,Gobernación del Meta (despacho),,publico,gobernacion,departamental,Meta\n",
    # I-01 since 2019-03-01 is the survivor's own (dropped); I-02 moves
    "participaciones.csv": "actor,instancia,rol,desde\nD-03,I-01,invitado,2019-03-01\n"
                           "D-03,I-02,miembro,2020-01-01\nD-04,I-01,invitado,2021-06-01\n",
    "firmantes.csv": "acuerdo,actor,rol\nAC-01,D-03,firmante\nAC-02,D-04,garante\n",
    "asistencias.csv": "evento,actor\nE-02,D-03\nE-01,D-04\n",
}


def _load_for_merging(store, tmp_path: Path) -> None:
    assert load_paths([PAT_SMALL], store).ok
    for name in REFERENCE:
        assert load_paths([DATA / f"{name}.csv"], store,
                          mappings=[load_mapping(ROOT / "loaders" / f"{name}.toml")]).ok
    folder = tmp_path / "duplicados"
    if not folder.exists():
        folder.mkdir()
        for name, text in DUPLICATES.items():
            (folder / name).write_text(text, encoding="utf-8")
    report = load_paths([folder], store)
    assert report.ok, [str(r) for r in report.rejects]


def _decision_file(tmp_path: Path, sqlite_graph) -> Path:
    rows = [["A-03", "D-03", "fusionar", "misma gobernación"],
            ["D-03", "D-04", "fusionar", "despacho = gobernación"]]  # followed to A-03
    used = {"A-03", "D-03", "D-04"}
    picked = []
    for c in candidates_in_graph(sqlite_graph):  # the resolver's own proposals, disjoint pairs
        if not (c.pair & used):
            picked.append(c)
            used |= c.pair
    assert len(picked) >= 3
    for c in picked[:2]:
        rows.append([c.keep.id, c.merge.id, "fusionar", "; ".join(c.reasons)[:80]])
    rows.append([picked[2].keep.id, picked[2].merge.id, "distintos", "revisado"])
    path = tmp_path / "decisiones.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["keep_id", "merge_id", "decision", "note"])
        w.writerows(rows)
    return path


def _summaries(report) -> list[tuple]:
    return [(m.keep, m.merge, m.edges_moved, m.edges_dropped, m.already_merged)
            for m in report.merged]


@pytest.mark.neo4j
def test_decisions_on_neo4j_give_the_same_graph_as_on_sqlite(neo4j_store, neo4j_server,
                                                             tmp_path):
    t0 = time.perf_counter()
    sqlite = SQLiteStore(tmp_path / "s.sqlite")
    _load_for_merging(sqlite, tmp_path)
    _load_for_merging(neo4j_store, tmp_path)
    ignore = ("loaded_at",)
    assert comparable(neo4j_store.read_graph(), ignore) == comparable(sqlite.read_graph(), ignore)
    path = _decision_file(tmp_path, sqlite.read_graph())
    decisions = read_decisions(path)

    on_sqlite = apply_decisions(sqlite, decisions)
    runner = CliRunner()
    result = runner.invoke(main, ["resolver", "--store", neo4j_server.uri, "--decisiones",
                                  str(path), "--json"], env=_env(neo4j_server))
    assert result.exit_code == 0, result.output
    _no_secret(neo4j_server, result.output)
    payload = json.loads(result.output)
    assert [(m["keep_id"], m["merge_id"], m["relaciones_trasladadas"],
             m["relaciones_descartadas"], m["ya_fusionado"]) for m in payload["fusionados"]] \
        == _summaries(on_sqlite)
    # the chained decision went to the survivor, relationships of several types moved
    # D-03: I-02 and E-02 move; LOCATED_IN Meta, I-01 (same since), AC-01 are the survivor's
    # D-04 (followed to A-03): I-01 since 2021 and AC-02 move; LOCATED_IN and E-01 dropped
    assert _summaries(on_sqlite)[:2] == [("A-03", "D-03", 2, 3, False),
                                         ("A-03", "D-04", 2, 2, False)]

    # other labels, relationships in both directions (direct calls, both stores)
    for label, keep, merge in (("Instance", "I-01", "I-02"), ("Program", "P-01", "P-02")):
        a = sqlite.merge_nodes(label, keep, merge, note="prueba")
        b = neo4j_store.merge_nodes(label, keep, merge, note="prueba")
        assert (a.edges_moved, a.edges_dropped) == (b.edges_moved, b.edges_dropped), label

    g_sqlite, g_neo4j = sqlite.read_graph(), neo4j_store.read_graph()
    assert comparable(g_neo4j, ignore) == comparable(g_sqlite, ignore)
    gob = g_neo4j.nodes["Actor:A-03"]
    assert (gob["source"], gob["row"]) == ("actores.csv", 4)  # the survivor's own provenance
    assert gob["merged_from"] == "D-03; D-04"
    assert gob["also_source"] == "actores.csv:2; actores.csv:3"
    assert "D-03: misma gobernación" in gob["merge_note"]
    assert g_neo4j.has_edge("Actor:A-03", "Event:E-02", "ATTENDED")
    assert g_neo4j.edges["Actor:A-03", "Instance:I-01", "PARTICIPATES_IN|2019-03-01"][
        "role"] == "presidencia"  # the survivor's own relationship wins
    moved = g_neo4j.edges["Actor:A-03", "Agreement:AC-02", "SIGNED"]
    assert (moved["role"], moved["source"], moved["row"]) == ("garante", "firmantes.csv", 3)

    # applying the same decisions again changes nothing, on both stores
    again = runner.invoke(main, ["resolver", "--store", neo4j_server.uri, "--decisiones",
                                 str(path), "--json"], env=_env(neo4j_server))
    assert again.exit_code == 0, again.output
    assert all(m["ya_fusionado"] for m in json.loads(again.output)["fusionados"])
    assert all(m.already_merged for m in apply_decisions(sqlite, decisions).merged)
    assert neo4j_store.merge_nodes("Instance", "I-01", "I-02").already_merged
    assert comparable(neo4j_store.read_graph(), ignore) == comparable(sqlite.read_graph(), ignore)

    with pytest.raises(NotFoundError, match="A-99"):
        neo4j_store.merge_nodes("Actor", "A-03", "A-99")
    with pytest.raises(NotFoundError, match="X-1"):
        neo4j_store.merge_nodes("Actor", "X-1", "A-03")
    with pytest.raises(InputError):
        neo4j_store.merge_nodes("Actor", "A-03", "A-03")
    sqlite.close()
    print(f"\nfusiones: {len(on_sqlite.merged)} decisiones + 2 directas, grafos idénticos "
          f"({time.perf_counter() - t0:.1f} s)")


# ----------------------------------------------------------------- SIGKILL mid-load
@pytest.mark.neo4j
def test_sigkill_mid_load_then_rerun_completes_without_duplicates(neo4j_store, neo4j_server,
                                                                 neo4j_driver, demo2, tmp_path):
    cmd = [*LOAD, str(demo2["data"]), "--store", neo4j_server.uri, "--allow-rejects"]
    env = _env(neo4j_server)
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    t0 = time.perf_counter()
    with out.open("w") as fo, err.open("w") as fe:
        proc = subprocess.Popen(cmd, env=env, stdout=fo, stderr=fe)
        try:
            while _relationships(neo4j_driver, neo4j_server) < CUT_AT_RELATIONSHIPS:
                assert proc.poll() is None, "the load finished before it could be killed"
                assert time.perf_counter() - t0 < 180
                time.sleep(0.05)
            killed_at = time.perf_counter() - t0
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    _no_secret(neo4j_server, out.read_text(), err.read_text())
    partial = neo4j_store.stats()
    clean_nodes, clean_edges = sum(demo2["nodes"].values()), sum(demo2["edges"].values())
    assert 0 < partial.edges < clean_edges  # killed in the middle
    assert partial.loads[-1]["status"] == "en_curso"  # the interrupted load says so
    _assert_no_duplicates(neo4j_driver, neo4j_server)

    t1 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    rerun = time.perf_counter() - t1
    assert done.returncode == 0, done.stderr[-2000:]
    _no_secret(neo4j_server, done.stdout, done.stderr)
    final = neo4j_store.stats()
    assert final.nodes_by_label == demo2["nodes"]
    assert final.edges_by_type == demo2["edges"]
    assert final.loads[-1]["status"] == "completa"
    _assert_no_duplicates(neo4j_driver, neo4j_server)
    assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == demo2["graph"]
    print(f"\nSIGKILL: demo escala 2 ({demo2['rows']} filas, {demo2['records']} registros), "
          f"muerto a los {killed_at:.1f} s con {partial.nodes} nodos y {partial.edges} de "
          f"{clean_edges} relaciones escritas; repetición en {rerun:.1f} s: {final.nodes} "
          f"nodos y {final.edges} relaciones = carga limpia ({clean_nodes} / {clean_edges})")


# ------------------------------------------------------- the server going away mid-load
@pytest.fixture
def own_server(tmp_path):
    """A Neo4j for this test alone (its own port and state folder, auth on): it gets stopped."""
    local = LocalNeo4j(tmp_path / "neo4j-state", port=free_port())
    try:
        server = local.start()
    except (Neo4jUnavailable, OSError, subprocess.SubprocessError) as err:
        local.stop()
        _unavailable(str(err))
    try:
        yield local, server
    finally:
        local.stop()


@pytest.mark.neo4j
def test_server_going_away_mid_load_is_a_clear_error_and_a_rerun_completes(
        own_server, demo1, caplog):
    demo = demo1
    local, server = own_server
    assert server.password  # auth on: the password must never show
    cmd = [*LOAD, str(demo["data"]), "--store", server.uri, "--allow-rejects"]
    env = _env(server)
    stopped: dict[str, float] = {}

    def stop_when_half_way(proc: subprocess.Popen) -> None:
        driver = _driver(server)
        try:
            while proc.poll() is None:
                try:
                    rels = _relationships(driver, server)
                except neo4j.exceptions.Neo4jError:
                    rels = 0
                if rels >= CUT_AT_RELATIONSHIPS // 2:
                    stopped["relationships"] = rels
                    stopped["nodes"] = _count(
                        driver, server, "MATCH (n) WHERE NOT n:_PatGraphLoad RETURN count(n)")
                    break
                time.sleep(0.05)
        finally:
            driver.close()
        if proc.poll() is None:
            stopped["at"] = time.perf_counter()
            local.stop()

    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    stopper = threading.Thread(target=stop_when_half_way, args=(proc,), daemon=True)
    stopper.start()
    stdout, stderr = proc.communicate(timeout=300)
    stopper.join(timeout=120)
    ended = time.perf_counter()
    assert "at" in stopped, "the load finished before the server could be stopped"
    _no_secret(server, stdout, stderr)
    assert proc.returncode == 4, stderr[-2000:]
    message = stderr.strip().splitlines()[-1]
    # stopped between two commits: no connection; stopped during a COMMIT: a lost commit
    assert message.startswith(("Error: No se pudo conectar a Neo4j en " + server.uri,
                               "Error: Se perdió la conexión con")), message
    m = re.search(r"se escribieron ([\d.]+) de ([\d.]+) registros y faltan ([\d.]+)", message)
    assert m, message
    written, total, missing = (int(g.replace(".", "")) for g in m.groups())
    assert 0 < written < total and written + missing == total
    assert total == demo["records"]  # every record of the load, DIVIPOLA included
    assert written >= stopped["relationships"]  # what was committed before the stop
    assert "vuelva a ejecutar la carga para completarla" in message

    # credentials stay out of the in-process exception and of the driver's own logs too
    from pat_graph.store.neo4j import Neo4jStore

    caplog.set_level(logging.DEBUG, logger="neo4j")
    with pytest.raises(PatGraphError) as info:
        Neo4jStore.from_uri(server.uri, user=server.user, password=server.password)
    chain, e = [], info.value
    while e is not None:
        chain.append(repr(e) + str(e))
        e = e.__cause__ or e.__context__
    _no_secret(server, " ".join(chain), caplog.text)

    # the server comes back (the local harness starts empty); a rerun completes
    restarted = local.start()
    assert restarted.uri == server.uri
    t1 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    rerun = time.perf_counter() - t1
    assert done.returncode == 0, done.stderr[-2000:]
    _no_secret(server, done.stdout, done.stderr)
    with Neo4jStore.from_uri(server.uri, user=server.user, password=server.password) as store:
        final = store.stats()
        assert final.nodes_by_label == demo["nodes"]
        assert final.edges_by_type == demo["edges"]
        assert final.loads[-1]["status"] == "completa"
    _no_secret(server, caplog.text)
    driver = _driver(server)
    try:
        _assert_no_duplicates(driver, server)
    finally:
        driver.close()
    print(f"\nservidor detenido a los {stopped['at'] - t0:.1f} s con {stopped['nodes']} nodos "
          f"y {stopped['relationships']} relaciones; error (código 4) a los {ended - t0:.1f} s: "
          f"«{message[:400]}»; tras reiniciar, repetición en {rerun:.1f} s: {final.nodes} nodos "
          f"y {final.edges} relaciones = carga limpia")
