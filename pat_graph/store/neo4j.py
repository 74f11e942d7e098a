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
import os
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import neo4j
import networkx as nx
from neo4j import exceptions as nx4j

from pat_graph.errors import StoreConnectionError, StoreError
from pat_graph.graph import build_graph
from pat_graph.model import (
    KEY_PROPERTY,
    LABELS,
    PROVENANCE,
    EdgeRecord,
    NodeRecord,
    RecordBatch,
    check_vocabulary,
    split_node_id,
)
from pat_graph.queries import schema_statements, statement
from pat_graph.store.base import Progress, StoreStats, WriteSummary
from pat_graph.store.merge import MergeSummary, merged_properties, was_merged

#: Label of the load-history nodes (not a domain label; never in ``read_graph()``).
LOAD_LABEL = "_PatGraphLoad"
#: Node property listing the names of the scores written by :meth:`Neo4jStore.write_scores`.
SCORES_PROPERTY = "pat_scores"
#: Rows per transaction when writing.
DEFAULT_BATCH_SIZE = 5000
#: Oldest Neo4j major version supported (``elementId``, ``IF NOT EXISTS``, ``REQUIRE``).
MIN_SERVER_MAJOR = 5
APP_METADATA = {"app": "pat-graph"}

_HINT_UP = ("¿está en marcha? `docker compose up -d --wait` "
            "(o, sin Docker, `scripts/neo4j-local start`)")
_SCORE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Property names a score may not take (keys, provenance, properties of the model).
RESERVED_PROPERTIES = frozenset(
    set(KEY_PROPERTY.values()) | set(PROVENANCE) | {
        "label", "ekey", SCORES_PROPERTY, "name", "acronym", "sector", "kind", "level", "nit",
        "department_code", "municipality_code", "status", "created", "owner", "theme", "act",
        "date", "leader", "signed", "divipola_type", "is_pdet", "pdet_subregion", "latitude",
        "longitude", "capital_code",
    })


class Neo4jStore:
    """The Neo4j store (see module docs). Build it with :meth:`from_uri`.

    >>> Neo4jStore.__name__
    'Neo4jStore'
    """

    def __init__(self, driver: neo4j.Driver, *, location: str, database: str | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, has_password: bool = True) -> None:
        if batch_size < 1:
            raise StoreError("el tamaño de lote (batch_size) debe ser 1 o más")
        self._driver = driver
        self.location = location
        self.database = database
        self.batch_size = batch_size
        self._has_password = has_password

    # ---------------------------------------------------------------- opening
    @staticmethod
    def display_uri(uri: str) -> str:
        """``uri`` without user, password, query string or fragment (safe to print)."""
        parts = urlsplit(uri)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    @classmethod
    def from_uri(cls, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None, batch_size: int | None = None) -> Neo4jStore:
        """Connect to ``uri`` (``bolt://``, ``neo4j://``, ``neo4j+s://`` ...) and check the server.

        ``user`` / ``password`` / ``database`` default to ``NEO4J_USERNAME`` (or
        ``NEO4J_USER``) / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``; without a
        password no authentication is sent (servers with auth disabled).
        ``batch_size`` defaults to ``PAT_GRAPH_NEO4J_BATCH`` or 5000.
        Raises :class:`StoreConnectionError` (unreachable, credentials refused,
        missing database, server too old) with a Spanish message and no secret.

        >>> Neo4jStore.from_uri("bolt://127.0.0.1:1")       # doctest: +ELLIPSIS
        Traceback (most recent call last):
        pat_graph.errors.StoreConnectionError: No se pudo conectar a Neo4j en bolt://127.0.0.1:1: ...
        """
        parts = urlsplit(uri)
        user = user or parts.username or os.environ.get("NEO4J_USERNAME") \
            or os.environ.get("NEO4J_USER") or "neo4j"
        password = password if password is not None else (
            parts.password if parts.password is not None else os.environ.get("NEO4J_PASSWORD"))
        database = database or os.environ.get("NEO4J_DATABASE") or None
        if batch_size is None:
            env_batch = os.environ.get("PAT_GRAPH_NEO4J_BATCH", "")
            batch_size = int(env_batch) if env_batch.isdigit() else DEFAULT_BATCH_SIZE
        location = cls.display_uri(uri)
        clean_uri = urlunsplit((parts.scheme, location.split("://", 1)[1], "", parts.query, ""))
        auth = neo4j.basic_auth(user, password) if password else None
        try:
            driver = neo4j.GraphDatabase.driver(
                clean_uri, auth=auth, user_agent="pat-graph",
                connection_timeout=10.0, max_transaction_retry_time=15.0,
                notifications_min_severity="OFF",
            )
        except (ValueError, nx4j.ConfigurationError) as err:
            raise StoreConnectionError(f"URI de Neo4j no válida {location}: {err}") from None
        store = cls(driver, location=location, database=database, batch_size=batch_size,
                    has_password=bool(password))
        try:
            store.check_server()
        except BaseException:
            driver.close()
            raise
        return store

    def check_server(self) -> str:
        """Connect, check the credentials, the database and the version; returns the version.

        Raises :class:`StoreConnectionError` with the reason in Spanish.
        """
        try:
            info = self._driver.get_server_info()
            version = (info.agent or "").partition("/")[2]
            major = int(version.split(".")[0]) if version[:1].isdigit() else MIN_SERVER_MAJOR
            if major < MIN_SERVER_MAJOR:
                raise StoreConnectionError(
                    f"Neo4j {version} en {self.location} es demasiado antiguo: pat-graph necesita "
                    f"Neo4j {MIN_SERVER_MAJOR}.x o posterior (recomendado 5.26 LTS, "
                    "`docker compose up -d --wait`)")
            self._run_read("ping", statement("store.cypher", "ping"), {})
        except StoreError:
            raise
        except (nx4j.Neo4jError, nx4j.DriverError, OSError) as err:
            raise self._translate(err) from None
        return version

    # ---------------------------------------------------------------- errors
    def _translate(self, err: BaseException) -> StoreError:
        """A Spanish :class:`StoreError` for a driver error (never echoing credentials)."""
        where = f"Neo4j en {self.location}"
        if isinstance(err, nx4j.AuthError) and not self._has_password:
            return StoreConnectionError(
                f"{where} pide usuario y contraseña: defina NEO4J_PASSWORD (y NEO4J_USERNAME "
                "si no es «neo4j»)")
        if isinstance(err, nx4j.AuthError):
            return StoreConnectionError(
                f"{where} rechazó el usuario o la contraseña: revise NEO4J_USERNAME y "
                "NEO4J_PASSWORD (o las opciones de conexión)")
        code = getattr(err, "code", None) or ""
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreConnectionError(
                f"la base de datos «{self.database}» no existe en {where}: revise NEO4J_DATABASE "
                "(Neo4j Community sólo tiene «neo4j»; en Enterprise hay que crearla antes)")
        if code.startswith("Neo.ClientError.Security"):
            return StoreConnectionError(
                f"{where} no permite esta operación a este usuario ({code}): revise los permisos")
        if isinstance(err, nx4j.ServiceUnavailable | nx4j.SessionExpired | OSError):
            return StoreConnectionError(f"No se pudo conectar a {where}: {_HINT_UP}")
        if isinstance(err, nx4j.Neo4jError):
            message = (getattr(err, "message", None) or str(err)).splitlines()[0]
            return StoreError(f"{where} respondió con un error ({code}): {message}")
        if isinstance(err, nx4j.DriverError):
            return StoreError(f"error del controlador de Neo4j con {where}: "
                              f"{type(err).__name__}")
        return StoreError(f"error inesperado con {where}: {type(err).__name__}")

    def _guard(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except StoreError:
            raise
        except (nx4j.Neo4jError, nx4j.DriverError, OSError) as err:
            raise self._translate(err) from None

    # ---------------------------------------------------------------- low level
    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    @classmethod
    def _query(cls, name: str, text: str) -> neo4j.Query:
        """An auto-commit query (``session.run``), tagged like the managed ones."""
        return neo4j.Query(text, metadata=cls._metadata(name))

    @staticmethod
    def _metadata(name: str) -> dict[str, str]:
        return {**APP_METADATA, "query": name}

    def _run_read(self, name: str, text: str, params: Mapping[str, Any]) -> list[dict]:
        @neo4j.unit_of_work(metadata=self._metadata(name))
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return [r.data() for r in tx.run(text, params)]

        with self._session() as session:
            return session.execute_read(work)

    def _run_write(self, name: str, text: str, params: Mapping[str, Any]) -> list[dict]:
        @neo4j.unit_of_work(metadata=self._metadata(name))
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return [r.data() for r in tx.run(text, params)]

        with self._session() as session:
            return session.execute_write(work)

    def run_cypher(self, text: str, params: Mapping[str, Any] | None = None, *,
                   name: str = "cypher", write: bool = False) -> list[dict]:
        """Run one Cypher statement (read transaction unless ``write``); rows as dicts.

        Used by :func:`pat_graph.queries.run_query`; values only as ``params``.
        """
        run = self._run_write if write else self._run_read
        return self._guard(lambda: run(name, text, dict(params or {})))

    # ---------------------------------------------------------------- schema
    def apply_schema(self) -> int:
        """Create the constraints and indexes of ``cypher/schema.cypher`` (idempotent).

        Returns the number of statements applied.
        """
        statements = schema_statements()

        def apply() -> None:
            with self._session() as session:
                for i, text in enumerate(statements):
                    # schema commands cannot share a transaction with writes: one each
                    session.run(self._query(f"schema-{i + 1}", text)).consume()

        self._guard(apply)
        return len(statements)

    # ---------------------------------------------------------------- writing
    def write(self, batch: RecordBatch, *, sources: Iterable[str] = (),
              progress: Progress | None = None) -> WriteSummary:
        """Upsert ``batch`` (:meth:`_write_batch`). If the write stops half way (the server
        went away), the :class:`StoreError` says how many records were written and how many
        were not, and that running the load again completes it (the write is resumable).
        """
        total = len(batch.nodes) + len(batch.edges)
        done = 0

        def counted(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(n)

        try:
            return self._write_batch(batch, sources=sources, progress=counted)
        except StoreError as err:
            if done >= total or not (done or isinstance(err, StoreConnectionError)):
                raise  # all sent (e.g. missing nodes) or refused before writing: said already
            raise type(err)(
                f"{err}; la carga quedó a medias: se escribieron {_miles(done)} de "
                f"{_miles(total)} registros y faltan {_miles(total - done)} (lo escrito se "
                "conserva y no se duplica); vuelva a ejecutar la carga para completarla"
            ) from None

    def _write_batch(self, batch: RecordBatch, *, sources: Iterable[str] = (),
                     progress: Progress | None = None) -> WriteSummary:
        """Upsert ``batch``: schema first, then nodes by label, then relationships by type,
        ``batch_size`` rows per managed transaction. Idempotent and resumable.

        Raises :class:`StoreError` when relationships point at nodes that do not exist.
        """
        try:
            for node in batch.nodes:
                check_vocabulary(node)
            for edge in batch.edges:
                check_vocabulary(edge)
        except ValueError as err:
            raise StoreError(f"registro fuera del modelo, no se escribió nada: {err}") from None
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        srcs = sorted(set(sources))
        self.apply_schema()
        load_id = uuid.uuid4().hex
        t0 = time.perf_counter()
        self.run_cypher(statement("store.cypher", "load-begin"), {
            "id": load_id, "loaded_at": loaded_at, "sources": srcs, "nodes": len(batch.nodes),
            "edges": len(batch.edges), "batch_size": self.batch_size,
        }, name="load-begin", write=True)

        nodes_changed = 0
        for name, rows in self._node_groups(batch.nodes):
            nodes_changed += self._write_rows(name, rows, loaded_at, progress)[1]
        edges_changed = 0
        missing = 0
        for name, rows in self._edge_groups(batch.edges):
            written, changed = self._write_rows(name, rows, loaded_at, progress)
            edges_changed += changed
            missing += len(rows) - written
        status = "completa" if not missing else "incompleta"
        self.run_cypher(statement("store.cypher", "load-end"), {
            "id": load_id, "status": status, "seconds": round(time.perf_counter() - t0, 3),
            "nodes_changed": nodes_changed, "edges_changed": edges_changed,
        }, name="load-end", write=True)
        if missing:
            raise StoreError(
                f"{missing} relaciones no se escribieron en {self.location} porque su nodo de "
                "origen o de destino no existe; cargue primero los nodos (el resto quedó escrito)")
        return WriteSummary(len(batch.nodes), len(batch.edges), loaded_at, srcs)

    @staticmethod
    def _node_groups(nodes: Iterable[NodeRecord]) -> list[tuple[str, list]]:
        groups: dict[str, list[dict]] = defaultdict(list)
        for n in nodes:
            groups[n.label].append({
                "key": n.key, "props": _clean(n.props), "source": n.source, "row": n.row,
            })
        return [(f"node-{label}", groups[label]) for label in LABELS if label in groups]

    @staticmethod
    def _edge_groups(edges: Iterable[EdgeRecord]) -> list[tuple[str, list]]:
        groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for e in edges:
            groups[(e.type, e.start_label)].append({
                "start": e.start_key, "end": e.end_key, "ekey": e.ekey, "props": _clean(e.props),
                "source": e.source, "row": e.row,
            })
        return [(f"rel-{rtype}-{start}", rows) for (rtype, start), rows in groups.items()]

    def _write_rows(self, name: str, rows: list[dict], loaded_at: str,
                    progress: Progress | None) -> tuple[int, int]:
        """Write ``rows`` with load statement ``name``, one transaction per chunk.

        Returns (rows matched and written, rows actually changed).
        """
        text = statement("load", name)

        @neo4j.unit_of_work(metadata=self._metadata(name))
        def work(tx: neo4j.ManagedTransaction, chunk: list[dict]) -> tuple[int, int]:
            record = tx.run(text, rows=chunk, loaded_at=loaded_at).single()
            return (int(record["written"]), int(record["changed"] or 0)) if record else (0, 0)

        written = changed = 0
        with self._session() as session:
            for i in range(0, len(rows), self.batch_size):
                chunk = rows[i:i + self.batch_size]
                w, c = self._guard(lambda chunk=chunk: session.execute_write(work, chunk))
                written += w
                changed += c
                if progress:
                    progress(len(chunk))
        return written, changed

    def write_scores(self, scores: Mapping[str, Mapping[str, float | int]]) -> int:
        """Write analytics scores onto nodes: ``{node_id: {"betweenness": 0.42, ...}}``.

        Score names must be ``snake_case`` and not collide with a property of the
        model; values must be numbers. Returns the number of nodes updated
        (unknown node ids are ignored). ``read_graph()`` leaves scores out.
        See :func:`write_scores` for the example.
        """
        groups: dict[str, list[dict]] = defaultdict(list)
        for nid, values in scores.items():
            label, key = split_node_id(nid)
            if label not in LABELS:
                raise StoreError(f"identificador de nodo no válido: {nid!r} (se espera "
                                 "«Etiqueta:clave», p. ej. «Actor:A-01»)")
            clean: dict[str, float | int] = {}
            for score, value in values.items():
                if not _SCORE_NAME.match(score) or score in RESERVED_PROPERTIES:
                    raise StoreError(
                        f"nombre de puntaje no válido: {score!r} (minúsculas y _, sin usar un "
                        "nombre del modelo como name, sector o source)")
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise StoreError(f"el puntaje {score!r} de {nid} debe ser un número")
                clean[score] = value
            if clean:
                groups[label].append({"key": key, "scores": clean})
        updated = 0
        for label, rows in groups.items():
            name = f"scores-{label}"
            text = statement("scores.cypher", name)
            for i in range(0, len(rows), self.batch_size):
                result = self.run_cypher(text, {"rows": rows[i:i + self.batch_size]},
                                         name=name, write=True)
                updated += int(result[0]["written"]) if result else 0
        return updated

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
        from pat_graph.errors import InputError, NotFoundError
        from pat_graph.model import REL_TYPES

        if label not in LABELS:
            raise StoreError(f"etiqueta desconocida: {label!r}")
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

        @neo4j.unit_of_work(metadata=self._metadata(f"merge-{label}"))
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

        def run() -> tuple[str, int, int]:
            with self._session() as session:
                return session.execute_write(work)

        outcome, moved, dropped = self._guard(run)
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
        if label not in LABELS:
            raise StoreError(f"etiqueta desconocida: {label!r}")
        name = f"keys-{label}"
        rows = self.run_cypher(statement("store.cypher", name), name=name)
        return {r["key"] for r in rows}

    def read_graph(self, *, include_scores: bool = False) -> nx.MultiDiGraph:
        """The whole graph, shaped by :func:`pat_graph.graph.build_graph` (as the SQLite store).

        Load-history nodes are left out; so are scores unless ``include_scores``.
        """
        node_rows = self.run_cypher(statement("store.cypher", "read-nodes"), name="read-nodes")
        edge_rows = self.run_cypher(statement("store.cypher", "read-edges"), name="read-edges")
        ids: dict[str, tuple[str, str]] = {}
        nodes = []
        for r in node_rows:
            label = next((lb for lb in r["labels"] if lb in LABELS), None)
            if label is None:
                continue  # not ours (another application's nodes in the same database)
            props = dict(r["props"])
            key = str(props.pop(KEY_PROPERTY[label], ""))
            source, row, loaded_at = props.pop("source", ""), props.pop("row", 0), \
                props.pop("loaded_at", "")
            score_names = props.pop(SCORES_PROPERTY, None) or []
            if not include_scores:
                for s in score_names:
                    props.pop(s, None)
            ids[r["eid"]] = (label, key)
            nodes.append((label, key, props, source, row, loaded_at))
        edges = []
        for r in edge_rows:
            if r["start"] not in ids or r["end"] not in ids:
                continue
            props = dict(r["props"])
            ekey = str(props.pop("ekey", ""))
            source, row, loaded_at = props.pop("source", ""), props.pop("row", 0), \
                props.pop("loaded_at", "")
            (sl, sk), (el, ek) = ids[r["start"]], ids[r["end"]]
            edges.append((r["type"], sl, sk, el, ek, ekey, props, source, row, loaded_at))
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
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Neo4jStore({self.location!r}, database={self.database!r})"


def _miles(n: int) -> str:
    """``n`` with Spanish thousands separators.

    >>> _miles(48000)
    '48.000'
    """
    return f"{n:,}".replace(",", ".")


def _clean(props: Mapping[str, Any]) -> dict[str, Any]:
    """Properties without ``None`` (Neo4j has no null properties)."""
    return {k: v for k, v in props.items() if v is not None}


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
                         "(use --store bolt://...)")
    return store.write_scores(scores)


__all__ = ["Neo4jStore", "LOAD_LABEL", "SCORES_PROPERTY", "DEFAULT_BATCH_SIZE", "write_scores"]
