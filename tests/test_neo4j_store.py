"""The Neo4j store: Cypher files vs the model (no server), and the store contract on a real server."""

from __future__ import annotations

import ast
import logging
import re
from pathlib import Path

import pytest

from pat_graph import model
from pat_graph.errors import StoreConnectionError, StoreError
from pat_graph.graph import comparable, graph_from_records
from pat_graph.model import EdgeRecord, NodeRecord, RecordBatch
from pat_graph.queries import CYPHER_DIR, read_statements, schema_statements

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ no server needed
def test_load_statements_cover_the_model_exactly():
    names = set(read_statements("load"))
    merges = {f"node-{label}" for label in model.LABELS}
    for rtype, (starts, _ends) in model.REL_TYPES.items():
        merges |= {f"rel-{rtype}-{start}" for start in starts}
    # each MERGE upsert has its first-load CREATE twin and its count-store emptiness check
    expected = merges | {f"{m}-fresh" for m in merges} | {f"count-{m}" for m in merges}
    assert names == expected


def test_load_statements_use_only_model_vocabulary_and_parameters():
    vocabulary = set(model.LABELS) | set(model.REL_TYPES)
    for name, st in read_statements("load").items():
        used = set(re.findall(r"[(\[]\w*:(\w+)", st.text))
        assert used and used <= vocabulary, (name, used - vocabulary)
        if name.startswith("count-"):
            assert st.params == () and st.text.startswith("MATCH "), name
            assert name.split("-")[2] in used, name
            continue
        assert st.text.startswith("UNWIND $rows AS row"), name
        assert st.params == ("rows", "loaded_at"), name
        # the statement's own label / type is the one in its name
        assert name.split("-")[1] in used, name


def test_schema_has_a_uniqueness_constraint_per_node_key():
    constraints = [s for s in schema_statements() if s.startswith("CREATE CONSTRAINT")]
    for label, key in model.KEY_PROPERTY.items():
        assert any(f"(n:{label})" in s and f"n.{key} IS UNIQUE" in s for s in constraints), label
    assert all("IF NOT EXISTS" in s for s in schema_statements())


def _fstrings_with_cypher(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            text = "".join(v.value for v in node.values
                           if isinstance(v, ast.Constant) and isinstance(v.value, str))
            if re.search(r"\b(MATCH|MERGE|CREATE|UNWIND)\b", text):
                hits.append(node.lineno)
    return hits


def test_no_cypher_assembled_in_fstrings():
    offenders = {str(p.relative_to(ROOT)): lines for p in (ROOT / "pat_graph").rglob("*.py")
                 if (lines := _fstrings_with_cypher(p))}
    assert offenders == {}


def test_every_cypher_file_parses_and_names_are_unique():
    for sub in ("load", "queries", "store.cypher", "scores.cypher"):
        assert read_statements(sub), sub
    assert (CYPHER_DIR / "schema.cypher").exists()


def test_unreachable_server_gives_a_spanish_message_without_traceback(monkeypatch):
    from neo4j_server import free_port

    from pat_graph.store.neo4j import Neo4jStore

    port = free_port()
    monkeypatch.setenv("NEO4J_PASSWORD", "do-not-print-me")
    with pytest.raises(StoreConnectionError) as info:
        Neo4jStore.from_uri(f"bolt://127.0.0.1:{port}")
    message = str(info.value)
    assert message.startswith(f"No se pudo conectar a Neo4j en bolt://127.0.0.1:{port}")
    assert "docker compose up -d --wait" in message
    assert "do-not-print-me" not in message


def test_server_too_old_is_refused():
    from pat_graph.store.neo4j import Neo4jStore

    class Info:
        agent = "Neo4j/4.4.30"

    class OldDriver:
        def get_server_info(self):
            return Info()

        def close(self):
            pass

    store = Neo4jStore(OldDriver(), location="bolt://viejo:7687")  # type: ignore[arg-type]
    with pytest.raises(StoreConnectionError, match="Neo4j 4.4.30 en bolt://viejo:7687 es demasiado antiguo"):
        store.check_server()


def test_location_never_carries_credentials():
    from pat_graph.store.neo4j import Neo4jStore

    assert Neo4jStore.display_uri("neo4j+s://u:p4ss@db.example.io:7687/?x=1") == \
        "neo4j+s://db.example.io:7687/"
    assert "p4ss" not in Neo4jStore.display_uri("bolt://neo4j:p4ss@localhost")


# ------------------------------------------------------------------ on a real server
def _batch() -> RecordBatch:
    nodes = [
        NodeRecord("Territory", "CO", {"name": "Colombia", "kind": "nation"}, "ref.csv", 1),
        NodeRecord("Territory", "50", {"name": "Meta", "kind": "department", "is_pdet": False,
                                       "latitude": 4.15}, "ref.csv", 2),
        NodeRecord("Actor", "A-1", {"name": "Gobernación del Meta", "sector": "publico",
                                    "level": "departamental", "department_code": "50"},
                   "actores.csv", 2),
        NodeRecord("Actor", "A-2", {"name": "Empresa Ñandú", "sector": "privado"},
                   "actores.csv", 3),
        NodeRecord("Program", "P-1", {"name": "Servicio Público de Empleo", "owner": "A-1",
                                      "year": 2023}, "programas.csv", 2),
        NodeRecord("Instance", "I-1", {"name": "Subcomisión", "kind": "subcomision_concertacion"},
                   "instancias.csv", 2),
    ]
    edges = [
        EdgeRecord("PART_OF", "Territory", "50", "Territory", "CO", source="ref.csv", row=2),
        EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", "50", source="actores.csv", row=2),
        EdgeRecord("PARTICIPATES_IN", "Actor", "A-1", "Instance", "I-1", "2019-01-01",
                   {"role": "presidencia", "since": "2019-01-01"}, "participaciones.csv", 2),
        EdgeRecord("PARTICIPATES_IN", "Actor", "A-1", "Instance", "I-1", "2023-01-01",
                   {"role": "miembro", "since": "2023-01-01"}, "participaciones.csv", 3),
        EdgeRecord("LINKED_TO", "Program", "P-1", "Territory", "50", "socializacion|2023-02-01||",
                   {"kind": "socializacion", "date": "2023-02-01"}, "articulaciones.csv", 2),
        EdgeRecord("LINKED_TO", "Program", "P-1", "Territory", "50", "implementacion|2023-03-01|A-1|",
                   {"kind": "implementacion", "date": "2023-03-01", "actor": "A-1"},
                   "articulaciones.csv", 3),
        EdgeRecord("SCOPED_TO", "Instance", "I-1", "Territory", "50", source="instancias.csv", row=2),
    ]
    return RecordBatch(nodes, edges)


@pytest.mark.neo4j
def test_write_then_read_gives_the_canonical_graph(neo4j_store):
    batch = _batch()
    summary = neo4j_store.write(batch, sources=["actores.csv", "ref.csv"])
    assert (summary.nodes_written, summary.edges_written) == (6, 7)
    g = neo4j_store.read_graph()
    expected = graph_from_records(batch.nodes, batch.edges)
    assert comparable(g, ignore=("loaded_at",)) == comparable(expected, ignore=("loaded_at",))
    # types survive: int, float, bool, str; the two LINKED_TO and PARTICIPATES_IN are apart
    assert g.nodes["Program:P-1"]["year"] == 2023
    assert g.nodes["Territory:50"]["latitude"] == 4.15
    assert g.nodes["Territory:50"]["is_pdet"] is False
    assert g.nodes["Actor:A-2"]["name"] == "Empresa Ñandú"
    assert set(g["Program:P-1"]["Territory:50"]) == {
        "LINKED_TO|socializacion|2023-02-01||", "LINKED_TO|implementacion|2023-03-01|A-1|"}
    assert len(g["Actor:A-1"]["Instance:I-1"]) == 2


@pytest.mark.neo4j
def test_read_graph_in_small_chunks_ignores_other_applications(neo4j_store, neo4j_driver,
                                                                neo4j_server, monkeypatch):
    """read_graph asks for relationships a chunk of start nodes at a time and collects rows
    server-side; with chunks of 2 nodes, and another application's nodes and relationships
    in the same database, it still gives exactly the canonical graph."""
    from pat_graph.store import neo4j as neo4j_module

    batch = _batch()
    neo4j_store.write(batch)
    neo4j_driver.execute_query(
        "MATCH (a:Actor {id: 'A-1'}) CREATE (o:OtherApp {name: 'ajeno'}) "
        "CREATE (a)-[:USES]->(o) CREATE (o)-[:OWNS_ALSO]->(a)",
        database_=neo4j_server.database)
    monkeypatch.setattr(neo4j_module, "READ_CHUNK_NODES", 2)
    g = neo4j_store.read_graph()
    expected = graph_from_records(batch.nodes, batch.edges)
    assert comparable(g, ignore=("loaded_at",)) == comparable(expected, ignore=("loaded_at",))


@pytest.mark.neo4j
def test_apply_schema_recreates_only_what_is_missing(neo4j_store, neo4j_driver, neo4j_server):
    """Every load applies the schema, running only the statements whose name is missing:
    an index and a constraint dropped by hand come back, the rest is left alone."""
    from pat_graph.store.neo4j_connect import _SCHEMA_NAME

    db = neo4j_server.database
    names = [_SCHEMA_NAME.match(s) for s in schema_statements()]
    assert all(names)  # each statement is recognised, so none would run on every load

    def present() -> tuple[set[str], set[str]]:
        c = neo4j_driver.execute_query("SHOW CONSTRAINTS YIELD name", database_=db).records
        i = neo4j_driver.execute_query("SHOW INDEXES YIELD name", database_=db).records
        return {r["name"] for r in c}, {r["name"] for r in i}

    assert neo4j_store.apply_schema() == len(names)
    constraints, indexes = present()
    assert {m["name"] for m in names} <= constraints | indexes
    neo4j_driver.execute_query("DROP INDEX actor_sector", database_=db)
    neo4j_driver.execute_query("DROP CONSTRAINT event_id", database_=db)
    assert "actor_sector" not in present()[1] and "event_id" not in present()[0]
    neo4j_store.write(_batch())  # a load puts them back
    assert present() == (constraints, indexes)


@pytest.mark.neo4j
def test_provenance_on_every_node_and_relationship(neo4j_store, neo4j_driver, neo4j_server):
    neo4j_store.write(_batch())
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (n) WHERE NOT n:_PatGraphLoad RETURN n.source AS s, n.row AS r, n.loaded_at AS t "
        "UNION ALL MATCH ()-[x]->() RETURN x.source AS s, x.row AS r, x.loaded_at AS t",
        database_=neo4j_server.database)
    assert len(records) == 6 + 7
    for rec in records:
        assert rec["s"] and isinstance(rec["r"], int) and rec["r"] > 0
        assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", rec["t"])


@pytest.mark.neo4j
def test_driver_debug_log_counts_rows_without_their_values(neo4j_store, caplog):
    # the driver formats each RUN message for its debug log whatever the log level: the
    # rows of a chunk go as Rows, whose repr is their count (cheap, and no data in logs)
    caplog.set_level(logging.DEBUG, logger="neo4j")
    neo4j_store.write(_batch())
    runs = [r.getMessage() for r in caplog.records if "C: RUN" in r.getMessage()]
    assert any("filas>" in m for m in runs), runs[:3]
    assert not any("Ñandú" in r.getMessage() for r in caplog.records)
    node = neo4j_store.read_graph().nodes["Actor:A-2"]
    assert node["name"] == "Empresa Ñandú"  # the values did reach the server


@pytest.mark.neo4j
def test_small_batches_give_the_same_graph(neo4j_store):
    neo4j_store.batch_size = 2
    neo4j_store.write(_batch())
    small = comparable(neo4j_store.read_graph())
    neo4j_store.clear()
    neo4j_store.batch_size = 5000
    neo4j_store.write(_batch())
    assert comparable(neo4j_store.read_graph()) == small


@pytest.mark.neo4j
def test_first_load_and_merge_load_give_the_same_graph(neo4j_store):
    """A first load goes through the CREATE statements, a load over existing data through
    MERGE; both must store exactly the same graph."""
    batch = _batch()
    neo4j_store.write(batch)  # empty database: every group is a first load
    fresh = comparable(neo4j_store.read_graph(), ignore=("loaded_at",))
    neo4j_store.clear()
    # one node and one relationship of each group first, so every group takes MERGE
    seed = RecordBatch(batch.nodes, [batch.edges[0], batch.edges[2], batch.edges[4],
                                     batch.edges[6], batch.edges[1]])
    neo4j_store.write(seed)
    neo4j_store.write(batch)
    assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == fresh


@pytest.mark.neo4j
def test_first_load_folds_repeated_identities_last_wins(neo4j_store):
    batch = _batch()
    twice = RecordBatch(
        batch.nodes + [NodeRecord("Actor", "A-2", {"name": "Empresa Ñandú S.A.S."},
                                  "actores.csv", 9)],
        batch.edges + [EdgeRecord("PARTICIPATES_IN", "Actor", "A-1", "Instance", "I-1",
                                  "2023-01-01", {"role": "secretaria_tecnica"},
                                  "participaciones.csv", 7)])
    summary = neo4j_store.write(twice)
    assert (summary.nodes_written, summary.edges_written) == (7, 8)
    stats = neo4j_store.stats()
    assert stats.nodes_by_label["Actor"] == 2 and stats.edges_by_type["PARTICIPATES_IN"] == 2
    g = neo4j_store.read_graph()
    assert g.nodes["Actor:A-2"]["name"] == "Empresa Ñandú S.A.S."
    assert g["Actor:A-1"]["Instance:I-1"]["PARTICIPATES_IN|2023-01-01"]["role"] == \
        "secretaria_tecnica"


@pytest.mark.neo4j
def test_concurrent_workers_give_the_same_graph_as_one(neo4j_store):
    import tempfile

    from pat_graph.demo import generate_demo
    from pat_graph.ingest import extract_paths
    from pat_graph.territories import reference

    with tempfile.TemporaryDirectory() as tmp:
        generate_demo(Path(tmp), scale=0.05)
        extraction, _ = extract_paths([Path(tmp)])
    batch = RecordBatch()
    batch.extend(reference().records())
    batch.extend(extraction.batch)
    neo4j_store.workers, neo4j_store.batch_size = 1, 5000
    neo4j_store.write(batch)
    serial = comparable(neo4j_store.read_graph(), ignore=("loaded_at",))
    neo4j_store.clear()
    neo4j_store.workers, neo4j_store.batch_size = 4, 37  # many small chunks at once
    try:
        neo4j_store.write(batch)
        assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == serial
        assert not neo4j_store.write(batch).changed  # again, MERGE concurrently: no change
        assert len(neo4j_store.stats().loads) == 1  # so no new load
        assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == serial
    finally:
        neo4j_store.workers, neo4j_store.batch_size = 2, 5000


@pytest.mark.neo4j
def test_a_retried_first_load_chunk_does_not_duplicate(neo4j_store, monkeypatch):
    """A chunk's transaction function run a second time (any retry the driver makes: a
    transient error) takes the MERGE statement, not CREATE. The second run is forced by
    calling ``execute_write`` twice; the driver does NOT retry a lost commit
    (``IncompleteCommit``): such a load stops and its re-run converges (docs/neo4j.md)."""
    import neo4j

    real = neo4j.Session.execute_write
    replayed: list[str] = []

    def commit_then_replay(self, work, *args, **kwargs):
        result = real(self, work, *args, **kwargs)
        if not replayed and len(args) == 2:  # (chunk, attempts): the first chunk of the
            # load is run again, as if its commit had succeeded and the answer been lost
            replayed.append("x")
            result = real(self, work, *args, **kwargs)
        return result

    monkeypatch.setattr(neo4j.Session, "execute_write", commit_then_replay)
    batch = _batch()
    summary = neo4j_store.write(batch)
    monkeypatch.undo()
    assert replayed
    assert summary.retries == 1  # counted, and kept in the load history
    stats = neo4j_store.stats()
    assert stats.loads[-1]["retries"] == 1
    assert stats.nodes_by_label["Territory"] == 2  # the first group (Territory) once only
    assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == comparable(
        graph_from_records(batch.nodes, batch.edges), ignore=("loaded_at",))
    neo4j_store.workers = 1  # one writer: no lock conflict can make the driver retry
    try:
        neo4j_store.clear()
        assert neo4j_store.write(batch).retries == 0
    finally:
        neo4j_store.workers = 2
    assert neo4j_store.stats().loads[-1]["retries"] == 0


@pytest.mark.neo4j
def test_existing_keys_stats_and_clear(neo4j_store):
    neo4j_store.write(_batch(), sources=["actores.csv"])
    assert neo4j_store.existing_keys("Actor") == {"A-1", "A-2"}
    assert neo4j_store.existing_keys("Territory") == {"CO", "50"}
    stats = neo4j_store.stats()
    assert stats.nodes_by_label == {"Actor": 2, "Instance": 1, "Program": 1, "Territory": 2}
    assert stats.edges_by_type == {"LINKED_TO": 2, "LOCATED_IN": 1, "PARTICIPATES_IN": 2,
                                   "PART_OF": 1, "SCOPED_TO": 1}
    (load,) = stats.loads
    assert load["sources"] == ["actores.csv"] and load["status"] == "completa"
    assert (load["nodes"], load["edges"]) == (6, 7)
    assert all(d["label"] in model.LABELS for _, d in neo4j_store.read_graph().nodes(data=True))
    neo4j_store.clear()
    empty = neo4j_store.stats()
    assert (empty.nodes, empty.edges, empty.loads) == (0, 0, [])


@pytest.mark.neo4j
def test_write_scores_round_trip(neo4j_store, neo4j_driver, neo4j_server):
    from pat_graph.store.neo4j import write_scores

    neo4j_store.write(_batch())
    before = comparable(neo4j_store.read_graph())
    n = write_scores(neo4j_store, {"Actor:A-1": {"betweenness": 0.5, "gap_score": 3},
                                   "Territory:50": {"gap_score": 7},
                                   "Actor:NO-EXISTE": {"betweenness": 1.0}})
    assert n == 2
    records, _, _ = neo4j_driver.execute_query(
        "MATCH (a:Actor {id: 'A-1'}) RETURN a.betweenness AS b, a.gap_score AS g",
        database_=neo4j_server.database)
    assert (records[0]["b"], records[0]["g"]) == (0.5, 3)
    # scores stay out of the canonical graph (identical to the embedded store's) unless asked
    assert comparable(neo4j_store.read_graph()) == before
    with_scores = neo4j_store.read_graph(include_scores=True)
    assert with_scores.nodes["Actor:A-1"]["betweenness"] == 0.5
    assert with_scores.nodes["Territory:50"]["gap_score"] == 7
    # writing a new value replaces the old one
    write_scores(neo4j_store, {"Actor:A-1": {"betweenness": 0.25}})
    assert neo4j_store.read_graph(include_scores=True).nodes["Actor:A-1"]["betweenness"] == 0.25


@pytest.mark.neo4j
@pytest.mark.parametrize("scores", [{"Actor:A-1": {"name": 1.0}}, {"Actor:A-1": {"Bad Name": 1}},
                                    {"Actor:A-1": {"x": "alto"}}, {"Persona:1": {"x": 1}}])
def test_write_scores_refuses_bad_input(neo4j_store, scores):
    from pat_graph.store.neo4j import write_scores

    neo4j_store.write(_batch())
    with pytest.raises(StoreError):
        write_scores(neo4j_store, scores)


def test_write_scores_needs_neo4j(sqlite_store):
    from pat_graph.store.neo4j import write_scores

    with pytest.raises(StoreError, match="sólo se escriben en Neo4j"):
        write_scores(sqlite_store, {"Actor:A-1": {"betweenness": 1.0}})


# ------------------------------------------------------------------ errors on a real server
@pytest.mark.neo4j
def test_wrong_password_is_a_clear_error(neo4j_server, _neo4j_session_store):
    from pat_graph.store.neo4j import Neo4jStore

    if not neo4j_server.password:
        pytest.skip("el servidor de NEO4J_URI no usa autenticación")
    with pytest.raises(StoreConnectionError) as info:
        Neo4jStore.from_uri(neo4j_server.uri, user=neo4j_server.user,
                            password="clave-equivocada-123", database=neo4j_server.database)
    assert "rechazó el usuario o la contraseña" in str(info.value)
    assert "clave-equivocada-123" not in str(info.value)
    assert neo4j_server.password not in str(info.value)


@pytest.mark.neo4j
def test_missing_database_is_a_clear_error(neo4j_server, _neo4j_session_store):
    from pat_graph.store.neo4j import Neo4jStore

    with pytest.raises(StoreConnectionError, match="la base de datos «no_existe_pat» no existe"):
        Neo4jStore.from_uri(neo4j_server.uri, user=neo4j_server.user,
                            password=neo4j_server.password or "", database="no_existe_pat")


@pytest.mark.neo4j
def test_open_store_reads_the_standard_environment(neo4j_server, _neo4j_session_store,
                                                   monkeypatch):
    from pat_graph.store import open_store

    monkeypatch.setenv("NEO4J_USERNAME", neo4j_server.user)
    if neo4j_server.password:
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    if neo4j_server.database:
        monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    store = open_store(neo4j_server.uri)
    try:
        assert store.location == neo4j_server.uri
        if neo4j_server.password:
            assert neo4j_server.password not in repr(store)
        assert isinstance(store.stats().nodes, int)
    finally:
        store.close()


class CommitCutter:
    """A TCP proxy between the driver and the test server that forwards Bolt traffic both
    ways and, at the ``cut_at``-th COMMIT the client sends, forwards that COMMIT and then
    closes both connections before the server's answer is relayed: a lost commit
    (``IncompleteCommit``) for real. A COMMIT is a one-chunk message ``00 02 B0 12``
    (struct marker B0, signature 0x12, no fields) ended by ``00 00``."""

    COMMIT = b"\x00\x02\xb0\x12\x00\x00"

    def __init__(self, host: str, port: int) -> None:
        import socket
        import threading

        self.target, self.cut_at, self.commits, self.cut = (host, port), 0, 0, False
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        import socket
        import threading

        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            threading.Thread(target=self._pipe, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, False),
                             daemon=True).start()

    def _pipe(self, src, dst, from_client: bool) -> None:
        tail = b""
        try:
            while data := src.recv(65536):
                if from_client:
                    window = tail + data
                    found = window.find(self.COMMIT)
                    if found >= 0:
                        with self.lock:  # counted once armed (cut_at set)
                            self.commits += bool(self.cut_at)
                            cut = bool(self.cut_at) and not self.cut and self.commits == self.cut_at
                            self.cut = self.cut or cut
                        if cut:  # the COMMIT reaches the server, its answer never comes back
                            dst.sendall(window[len(tail):found + len(self.COMMIT)]
                                        if found + len(self.COMMIT) > len(tail) else b"")
                            for s in (src, dst):
                                s.close()
                            return
                    tail = window[-(len(self.COMMIT) - 1):]
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.close()
                except OSError:
                    pass

    def close(self) -> None:
        self.listener.close()


@pytest.mark.neo4j
@pytest.mark.parametrize("cut_at", [1, 12])
def test_a_lost_commit_stops_the_load_and_a_rerun_converges(neo4j_store, neo4j_server, cut_at):
    """docs/neo4j.md: the driver does not retry a commit whose answer was lost; the load
    stops with a clear error, and running it again gives exactly the graph of one clean load,
    nothing created twice. The connection is cut by :class:`CommitCutter` right after the
    client's COMMIT, before the answer (at the first commit of the load, and at a later one,
    when records were written already: the "quedó a medias" error)."""
    from urllib.parse import urlsplit

    from pat_graph.store.neo4j import Neo4jStore

    batch = _batch()
    neo4j_store.workers, neo4j_store.batch_size = 1, 1
    neo4j_store.write(batch)
    clean = comparable(neo4j_store.read_graph(), ignore=("loaded_at",))
    clean_stats = neo4j_store.stats()
    neo4j_store.clear()

    url = urlsplit(neo4j_server.uri)
    proxy = CommitCutter(url.hostname, url.port or 7687)
    store = Neo4jStore.from_uri(f"bolt://127.0.0.1:{proxy.port}", user=neo4j_server.user,
                                password=neo4j_server.password or "",
                                database=neo4j_server.database)
    store.workers, store.batch_size = 1, 1  # one record per transaction: many commits
    proxy.cut_at = cut_at  # armed: the commits of the load are counted from here
    try:
        with pytest.raises(StoreError) as stopped:
            store.write(batch)
        assert proxy.cut
        message = str(stopped.value)
        assert isinstance(stopped.value, StoreConnectionError)
        assert "mientras confirmaba una transacción" in message  # IncompleteCommit, said so
        assert "quedó a medias" in message and "vuelva a ejecutar la carga" in message
        if cut_at > 1:  # records were written before the cut, and the message says so
            assert not re.search(r"se escribieron 0 de", message), message
        store.write(batch)  # the re-run, through the same proxy (it cuts only once)
        assert comparable(store.read_graph(), ignore=("loaded_at",)) == clean
        stats = store.stats()
        assert stats.nodes_by_label == clean_stats.nodes_by_label
        assert stats.edges_by_type == clean_stats.edges_by_type  # nothing duplicated
        assert not store.write(batch).changed  # and a third run changes nothing
    finally:
        store.close()
        proxy.close()
        neo4j_store.workers, neo4j_store.batch_size = 2, 5000


@pytest.mark.neo4j
def test_a_lost_commit_at_the_cli_is_an_exit_code_and_a_rerun_converges(
        neo4j_store, neo4j_server, pat_small):
    """``pat-graph load`` through :class:`CommitCutter`: the lost commit ends the command
    with a Spanish message and a non-zero exit code, no traceback; ``load`` again gives the
    graph of one clean load of the same folder."""
    from urllib.parse import urlsplit

    from click.testing import CliRunner

    from pat_graph.cli import main
    from pat_graph.ingest import load_paths

    load_paths([pat_small], neo4j_store)
    clean = comparable(neo4j_store.read_graph(), ignore=("loaded_at",))
    neo4j_store.clear()
    url = urlsplit(neo4j_server.uri)
    proxy = CommitCutter(url.hostname, url.port or 7687)
    env = {"NEO4J_USERNAME": neo4j_server.user, "NEO4J_PASSWORD": neo4j_server.password or "",
           "PAT_GRAPH_NEO4J_BATCH": "20", "PAT_GRAPH_NEO4J_WORKERS": "1"}
    if neo4j_server.database:
        env["NEO4J_DATABASE"] = neo4j_server.database
    args = ["load", str(pat_small), "--store", f"bolt://127.0.0.1:{proxy.port}"]
    runner = CliRunner()
    try:
        proxy.cut_at = 10**9  # count the commits of one load through the proxy
        assert runner.invoke(main, args, env=env).exit_code == 0
        total, proxy.commits = proxy.commits, 0
        neo4j_store.clear()
        proxy.cut_at = total // 2 + 1  # then cut half way
        result = runner.invoke(main, args, env=env)
        assert proxy.cut and result.exit_code not in (0, 1), result.output
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit), result.exception
        assert "Traceback" not in result.output
        assert "mientras confirmaba una transacción" in result.output
        assert "vuelva a ejecutar la carga" in result.output
        assert runner.invoke(main, args, env=env).exit_code == 0
        assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == clean
    finally:
        proxy.close()
