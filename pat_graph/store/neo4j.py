"""The Neo4j store: the same contract as the embedded SQLite store, on a real graph database.

- Schema (``cypher/schema.cypher``: a uniqueness constraint per node key, the
  indexes the queries use) is applied before every load and by ``pat-graph init``.
- Writes are ``UNWIND $rows AS row MERGE ...`` statements read by name from
  ``cypher/load/*.cypher`` (one per node label and per relationship type and
  start label), sent in batches of ``batch_size`` rows, each batch in a
  managed transaction (``session.execute_write``: transient errors are retried).
  A load is therefore *resumable*, not atomic: if it stops half way, running
  it again completes it (every statement is an idempotent upsert).
- A relationship is identified by (type, start, end, ``ekey``) exactly like
  :class:`~pat_graph.model.EdgeRecord`; ``ekey`` is kept as a relationship
  property (``""`` when absent) so that ``read_graph()`` rebuilds the same
  networkx edge key through :func:`pat_graph.graph.build_graph`.
- Neo4j has no ``None``: absent values are absent properties.
- The load history lives in nodes labelled :data:`LOAD_LABEL` (``_PatGraphLoad``),
  outside the domain model: ``read_graph()`` leaves them out, ``stats().loads`` lists them.
- Every transaction is tagged ``{"app": "pat-graph", "query": <name>}``
  (``neo4j.unit_of_work`` for managed transactions, ``neo4j.Query`` for the
  auto-commit schema commands; see ``SHOW TRANSACTIONS`` / ``query.log``).
- Credentials (``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` or arguments) are never
  printed, logged, or put in an error message; ``location`` has none.

>>> Neo4jStore.display_uri("neo4j+s://user:secret@example.databases.neo4j.io:7687")
'neo4j+s://example.databases.neo4j.io:7687'
>>> LOAD_LABEL
'_PatGraphLoad'

Opening one (needs a server; ``scripts/neo4j-local start`` gives one)::

    >>> from pat_graph.store import open_store                      # doctest: +SKIP
    >>> store = open_store("bolt://127.0.0.1:7687")                 # doctest: +SKIP
    >>> store.stats().nodes_by_label                                # doctest: +SKIP
    {'Actor': 9, 'Territory': 1156, ...}
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Self

import neo4j
import networkx as nx

from pat_graph.bulk import gc_paused
from pat_graph.errors import InputError, NotFoundError, StoreError
from pat_graph.graph import build_graph
from pat_graph.model import KEY_PROPERTY, LABELS, REL_TYPES, RecordBatch
from pat_graph.queries import statement
from pat_graph.store.base import Progress, StoreStats, WriteSummary, check_known_label
from pat_graph.store.merge import MergeSummary, merged_properties, was_merged
from pat_graph.store.neo4j_connect import (  # noqa: F401 (re-exported)
    APP_METADATA,
    DEFAULT_BATCH_SIZE,
    DEFAULT_WORKERS,
    MIN_SERVER_MAJOR,
    Neo4jConnection,
    env_count,
)
from pat_graph.store.neo4j_write import (  # noqa: F401 (re-exported)
    RESERVED_PROPERTIES,
    SCORES_PROPERTY,
    Neo4jWriter,
    check_write_options,
)

#: Label of the load-history nodes (not a domain label; never in ``read_graph()``).
LOAD_LABEL = "_PatGraphLoad"
#: ``read_graph()`` asks for the relationships of this many start nodes per statement.
READ_CHUNK_NODES = 10_000


class Neo4jStore:
    """The Neo4j store (see module docs). Build it with :meth:`from_uri`.

    It holds a :class:`~pat_graph.store.neo4j_connect.Neo4jConnection` (``connection``:
    opening, errors, transactions, schema) and a
    :class:`~pat_graph.store.neo4j_write.Neo4jWriter` on that connection (``writer``:
    loads and scores); reading, merging and counting are its own.

    >>> store = Neo4jStore(None, location="bolt://db:7687", batch_size=1000)
    >>> store.writer.connection is store.connection, store.batch_size
    (True, 1000)
    """

    display_uri = staticmethod(Neo4jConnection.display_uri)

    def __init__(self, driver: neo4j.Driver, *, location: str, database: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, workers: int = DEFAULT_WORKERS,
                 has_password: bool = True) -> None:
        connection = Neo4jConnection(driver, location=location, database=database,
                                     has_password=has_password)
        self._hold(connection, Neo4jWriter(connection, batch_size=batch_size, workers=workers))

    def _hold(self, connection: Neo4jConnection, writer: Neo4jWriter) -> None:
        self.connection = connection
        self.writer = writer
        self.location = connection.location

    @classmethod
    def from_uri(cls, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None, batch_size: int | None = None,
                 workers: int | None = None) -> Self:
        """Connect to ``uri`` and check the server
        (:meth:`Neo4jConnection.from_uri <pat_graph.store.neo4j_connect.Neo4jConnection.from_uri>`:
        credentials, database, errors). ``batch_size`` defaults to
        ``PAT_GRAPH_NEO4J_BATCH`` or 5000, ``workers`` (concurrent write transactions
        of a load) to ``PAT_GRAPH_NEO4J_WORKERS`` or 2.

        >>> Neo4jStore.from_uri("bolt://127.0.0.1:1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        pat_graph.errors.StoreConnectionError: No se pudo conectar a Neo4j en bolt://127.0.0.1:1: ...
        """
        if batch_size is None:
            batch_size = env_count("PAT_GRAPH_NEO4J_BATCH", DEFAULT_BATCH_SIZE)
        if workers is None:
            workers = env_count("PAT_GRAPH_NEO4J_WORKERS", DEFAULT_WORKERS)
        check_write_options(batch_size, workers)  # before a driver is opened
        connection = Neo4jConnection.from_uri(uri, user, password, database)
        store = cls.__new__(cls)
        store._hold(connection, Neo4jWriter(connection, batch_size=batch_size, workers=workers))
        return store

    # ---------------------------------------------------------------- the parts
    @property
    def database(self) -> str | None:
        return self.connection.database

    @property
    def batch_size(self) -> int:
        """Rows per write transaction (the writer's)."""
        return self.writer.batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        self.writer.batch_size = value

    @property
    def workers(self) -> int:
        """Write transactions a load runs at once (the writer's)."""
        return self.writer.workers

    @workers.setter
    def workers(self, value: int) -> None:
        self.writer.workers = value

    def check_server(self) -> str:
        """See :meth:`Neo4jConnection.check_server
        <pat_graph.store.neo4j_connect.Neo4jConnection.check_server>`."""
        return self.connection.check_server()

    def run_cypher(self, text: str, params: Mapping[str, Any] | None = None, *,
                   name: str = "cypher", write: bool = False) -> list[dict]:
        """One Cypher statement, rows as dicts (:meth:`Neo4jConnection.run_cypher
        <pat_graph.store.neo4j_connect.Neo4jConnection.run_cypher>`)."""
        return self.connection.run_cypher(text, params, name=name, write=write)

    def apply_schema(self) -> int:
        """Constraints and indexes of ``cypher/schema.cypher`` (:meth:`Neo4jConnection.apply_schema
        <pat_graph.store.neo4j_connect.Neo4jConnection.apply_schema>`)."""
        return self.connection.apply_schema()

    # ---------------------------------------------------------------- writing
    def write(self, batch: RecordBatch, *, sources: Iterable[str] = (),
              progress: Progress | None = None) -> WriteSummary:
        """Upsert ``batch``, resumably (:meth:`Neo4jWriter.write
        <pat_graph.store.neo4j_write.Neo4jWriter.write>`)."""
        return self.writer.write(batch, sources=sources, progress=progress)

    def write_scores(self, scores: Mapping[str, Mapping[str, float | int]]) -> int:
        """Analytics scores onto nodes (:meth:`Neo4jWriter.write_scores
        <pat_graph.store.neo4j_write.Neo4jWriter.write_scores>`)."""
        return self.writer.write_scores(scores)

    # ---------------------------------------------------------------- merging
    def merge_nodes(self, label: str, keep: str, merge: str, *, note: str = "") -> MergeSummary:
        """Merge node ``merge`` into ``keep`` in ONE transaction (see ``pat_graph.store.merge``).

        Same meaning as :meth:`SQLiteStore.merge_nodes`: the survivor keeps its key and
        provenance and gains ``merged_from`` / ``also_source`` / ``also_<name>`` /
        ``merge_note`` and the merged node's missing properties; relationships are
        re-pointed (``cypher/merge.cypher``, one statement per relationship type of the
        model) keeping their properties and provenance; ``merge`` is deleted. Merging an
        already merged pair changes nothing (``already_merged``).
        """
        check_known_label(label)
        if keep == merge:
            raise InputError(f"no se puede fusionar {label} '{keep}' consigo mismo")
        key_prop = KEY_PROPERTY[label]
        find = statement("merge.cypher", f"merge-find-{label}")
        set_node = statement("merge.cypher", "merge-set-node")
        # only the types that can touch this label (writes are checked against the model)
        moves = [(f"merge-move-{t}", statement("merge.cypher", f"merge-move-{t}"))
                 for t, (starts, ends) in REL_TYPES.items() if label in starts | ends]
        delete = statement("merge.cypher", "merge-delete-node")
        provenance = (key_prop, "source", "row", "loaded_at")
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")

        @neo4j.unit_of_work(metadata=self.connection.metadata(f"merge-{label}"))
        def work(tx: neo4j.ManagedTransaction) -> tuple[str, int, int]:
            found = tx.run(find, keep=keep, merge=merge).single()
            if found is None or found["keep_eid"] is None:
                return "no-keep", 0, 0
            keep_all = dict(found["keep_props"])
            keep_props = {k: v for k, v in keep_all.items() if k not in provenance}
            if found["merge_eid"] is None:
                return ("already" if was_merged(keep_props, merge) else "no-merge"), 0, 0
            merge_all = dict(found["merge_props"])
            scores = set(merge_all.pop(SCORES_PROPERTY, None) or [])
            merge_props = {k: v for k, v in merge_all.items()
                           if k not in provenance and k not in scores}
            props = merged_properties(keep_props, label, merge, merge_props,
                                      str(merge_all.get("source", "")),
                                      int(merge_all.get("row", 0) or 0), note=note)
            props |= {key_prop: keep, "source": keep_all.get("source", ""),
                      "row": keep_all.get("row", 0), "loaded_at": loaded_at}
            tx.run(set_node, keep=found["keep_eid"], props=props).consume()
            moved = dropped = 0
            for _name, text in moves:
                record = tx.run(text, keep=found["keep_eid"], merge=found["merge_eid"]).single()
                if record is not None:
                    moved += int(record["moved"] or 0)
                    dropped += int(record["dropped"] or 0)
            tx.run(delete, merge=found["merge_eid"]).consume()
            return "merged", moved, dropped

        outcome, moved, dropped = self.connection.write_transaction(work)
        if outcome == "no-keep":
            raise NotFoundError(f"{label} '{keep}' no existe en {self.location}")
        if outcome == "no-merge":
            raise NotFoundError(f"{label} '{merge}' no existe en {self.location}")
        if outcome == "already":
            return MergeSummary(label, keep, merge, already_merged=True)
        return MergeSummary(label, keep, merge, edges_moved=moved, edges_dropped=dropped)

    # ---------------------------------------------------------------- reading
    def existing_keys(self, label: str) -> set[str]:
        """Keys of the nodes of ``label`` (a label of the model)."""
        check_known_label(label)
        name = f"keys-{label}"
        rows = self.run_cypher(statement("store.cypher", name), name=name)
        return {r["key"] for r in rows}

    @gc_paused()
    def read_graph(self, *, include_scores: bool = False) -> nx.MultiDiGraph:
        """The whole graph, shaped by :func:`pat_graph.graph.build_graph` (as the SQLite store).

        Load-history nodes are left out; so are scores unless ``include_scores``.
        """
        nodes_text = statement("store.cypher", "read-nodes")
        edges_text = statement("store.cypher", "read-edges")

        @neo4j.unit_of_work(metadata=self.connection.metadata("read-graph"))
        def work(tx: neo4j.ManagedTransaction) -> tuple[list, list]:
            groups = [(label, rows) for labels, rows in tx.run(nodes_text)
                      # other applications' nodes in the same database are not ours
                      if (label := next((lb for lb in labels if lb in LABELS), None))]
            eids = [eid for _, rows in groups for eid, _ in rows]
            edge_rows: list[list] = []
            for i in range(0, len(eids), READ_CHUNK_NODES):
                record = tx.run(edges_text, ids=eids[i:i + READ_CHUNK_NODES]).single()
                if record is not None:
                    edge_rows.extend(record["rows"])
            return groups, edge_rows

        node_groups, edge_rows = self.connection.read_transaction(work)
        ids: dict[str, tuple[str, str]] = {}
        nodes = []
        for label, rows in node_groups:
            for eid, props in rows:
                key = str(props.pop(KEY_PROPERTY[label], ""))
                source, row, loaded_at = props.pop("source", ""), props.pop("row", 0), \
                    props.pop("loaded_at", "")
                score_names = props.pop(SCORES_PROPERTY, None) or []
                if not include_scores:
                    for s in score_names:
                        props.pop(s, None)
                ids[eid] = (label, key)
                nodes.append((label, key, props, source, row, loaded_at))
        edges = []
        for start, end, rtype, props in edge_rows:
            if end not in ids:
                continue
            ekey = str(props.pop("ekey", ""))
            source, row, loaded_at = props.pop("source", ""), props.pop("row", 0), \
                props.pop("loaded_at", "")
            (sl, sk), (el, ek) = ids[start], ids[end]
            edges.append((rtype, sl, sk, el, ek, ekey, props, source, row, loaded_at))
        nodes.sort(key=lambda n: (n[0], n[1]))
        edges.sort(key=lambda e: e[:6])
        return build_graph(nodes, edges)

    def stats(self) -> StoreStats:
        """Counts by label and relationship type, and the load history (oldest first)."""
        nodes = {r["label"]: r["count"] for r in self.run_cypher(
            statement("store.cypher", "count-nodes"), name="count-nodes") if r["label"] in LABELS}
        edges = {r["type"]: r["count"] for r in self.run_cypher(
            statement("store.cypher", "count-edges"), name="count-edges")}
        loads = [r["load"] for r in self.run_cypher(statement("store.cypher", "loads"),
                                                    name="loads")]
        return StoreStats(nodes, edges, loads)

    # ---------------------------------------------------------------- housekeeping
    def clear(self, chunk: int = 10_000) -> None:
        """Delete every node, relationship and load record (constraints and indexes stay)."""
        text = statement("store.cypher", "clear-chunk")
        while True:
            rows = self.run_cypher(text, {"limit": chunk}, name="clear-chunk", write=True)
            if not rows or rows[0]["deleted"] == 0:
                break

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def replace_all(self, batch: RecordBatch, *, sources: Iterable[str] = (),
                    progress: Progress | None = None) -> WriteSummary:
        """Replace everything the store holds by ``batch``: :meth:`clear`, then
        :meth:`write`. Resumable, not atomic (Neo4j writes in batches of transactions):
        stopped half way, the store holds part of the old records or part of the new
        ones, and the load's history entry is written before its first record, so
        running the same replacement again completes it.
        """
        self.clear()
        return self.write(batch, sources=sources, progress=progress)

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r}, database={self.database!r})"


def write_scores(store: Any, scores: Mapping[str, Mapping[str, float | int]]) -> int:
    """Write analytics scores back onto the nodes of a Neo4j store (for Browser/Bloom styling).

    Example (needs a Neo4j server)::

        >>> import networkx as nx                                          # doctest: +SKIP
        >>> g = store.read_graph()                                         # doctest: +SKIP
        >>> bc = nx.betweenness_centrality(nx.Graph(g))                    # doctest: +SKIP
        >>> write_scores(store, {n: {"betweenness": v} for n, v in bc.items()})  # doctest: +SKIP
        1180

    Then in Neo4j Browser: ``MATCH (a:Actor) RETURN a ORDER BY a.betweenness DESC LIMIT 10``.
    """
    if not isinstance(store, Neo4jStore):
        raise StoreError(f"los puntajes sólo se escriben en Neo4j; {store.location} no lo es "
                         "(use --almacen bolt://...)")
    return store.write_scores(scores)


__all__ = ["Neo4jStore", "LOAD_LABEL", "SCORES_PROPERTY", "DEFAULT_BATCH_SIZE", "write_scores"]
