"""The embedded store: one SQLite file, nothing to install.

Each :meth:`SQLiteStore.write` is a single transaction, so a load that is
interrupted (an error, Ctrl-C, even SIGKILL) leaves the file exactly as it was.
Upserts are idempotent: a record whose properties and provenance did not
change is not touched (its ``loaded_at`` stays), so loading the same files
twice changes nothing.

>>> from pat_graph.model import NodeRecord, RecordBatch
>>> store = SQLiteStore(":memory:")
>>> _ = store.write(RecordBatch(nodes=[NodeRecord("Actor", "A1", {"name": "SENA"}, "actores.csv", 2)]))
>>> store.stats().nodes_by_label
{'Actor': 1}
>>> store.read_graph().nodes["Actor:A1"]["name"]
'SENA'
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from pat_graph.bulk import gc_paused
from pat_graph.errors import InputError, NotFoundError, StoreError
from pat_graph.graph import build_graph
from pat_graph.model import RecordBatch
from pat_graph.store.base import (
    Progress,
    StoreStats,
    WriteSummary,
    check_endpoints,
    check_known_label,
    check_vocabulary,
    clean_props,
)
from pat_graph.store.merge import MergeSummary, merged_properties, was_merged

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS nodes (
    label TEXT NOT NULL, key TEXT NOT NULL, props TEXT NOT NULL,
    source TEXT NOT NULL, row INTEGER NOT NULL, loaded_at TEXT NOT NULL,
    PRIMARY KEY (label, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS edges (
    type TEXT NOT NULL, start_label TEXT NOT NULL, start_key TEXT NOT NULL,
    end_label TEXT NOT NULL, end_key TEXT NOT NULL, ekey TEXT NOT NULL, props TEXT NOT NULL,
    source TEXT NOT NULL, row INTEGER NOT NULL, loaded_at TEXT NOT NULL,
    PRIMARY KEY (type, start_label, start_key, end_label, end_key, ekey)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edges_end ON edges (end_label, end_key);
CREATE TABLE IF NOT EXISTS loads (
    id INTEGER PRIMARY KEY AUTOINCREMENT, loaded_at TEXT NOT NULL, sources TEXT NOT NULL,
    nodes INTEGER NOT NULL, edges INTEGER NOT NULL,
    nodes_changed INTEGER, edges_changed INTEGER, status TEXT
);
"""
#: Columns of ``loads`` added after schema 1 was released (files without them get them).
_LOAD_COLUMNS = {"nodes_changed": "INTEGER", "edges_changed": "INTEGER", "status": "TEXT"}
#: Keys asked about per statement when checking that relationships' nodes exist.
_KEYS_PER_QUERY = 500

_UPSERT_NODE = """
INSERT INTO nodes (label, key, props, source, row, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (label, key) DO UPDATE SET
    props = excluded.props, source = excluded.source, row = excluded.row,
    loaded_at = excluded.loaded_at
WHERE nodes.props IS NOT excluded.props OR nodes.source IS NOT excluded.source
   OR nodes.row IS NOT excluded.row
"""
_UPSERT_EDGE = """
INSERT INTO edges (type, start_label, start_key, end_label, end_key, ekey, props, source, row,
                   loaded_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (type, start_label, start_key, end_label, end_key, ekey) DO UPDATE SET
    props = excluded.props, source = excluded.source, row = excluded.row,
    loaded_at = excluded.loaded_at
WHERE edges.props IS NOT excluded.props OR edges.source IS NOT excluded.source
   OR edges.row IS NOT excluded.row
"""

CHUNK = 5000


def now_iso() -> str:
    """The load timestamp: ISO-8601 UTC, seconds."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(props: dict) -> str:
    return json.dumps(props, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class SQLiteStore:
    """The embedded store (see module docs). ``path`` may be ``":memory:"``."""

    def __init__(self, path: str | Path) -> None:
        self.location = str(path)
        if self.location != ":memory:":
            p = Path(self.location).expanduser()
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise StoreError(f"no se pudo crear la carpeta del almacén {p.parent}: {err}") from err
            self.location = str(p)
        try:
            self._db = sqlite3.connect(self.location, isolation_level=None)
            self._db.execute("PRAGMA foreign_keys = OFF")
            self._db.executescript(_SCHEMA)
            version = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if version is None:
                self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif version[0] != SCHEMA_VERSION:
                raise StoreError(
                    f"{self.location}: versión de esquema {version[0]} no compatible "
                    f"(se espera {SCHEMA_VERSION}); cree un almacén nuevo con --store"
                )
            have = {row[1] for row in self._db.execute("PRAGMA table_info(loads)")}
            for column, kind in _LOAD_COLUMNS.items():
                if column not in have:  # a file from before the load history said what changed
                    self._db.execute(f"ALTER TABLE loads ADD COLUMN {column} {kind}")
        except sqlite3.DatabaseError as err:
            raise StoreError(f"no se pudo abrir el almacén SQLite {self.location}: {err}") from err

    # ------------------------------------------------------------------ writing
    @contextmanager
    def _transaction(self, doing: str) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; any error (Ctrl-C included) rolls back, and
        SQLite errors become a :class:`StoreError` saying the store is unchanged."""
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE")
            yield db
            db.execute("COMMIT")
        except BaseException as err:
            if db.in_transaction:
                db.execute("ROLLBACK")
            if isinstance(err, sqlite3.DatabaseError):
                raise StoreError(f"no se pudo {doing} en {self.location}: {err}; "
                                 "el almacén quedó como estaba") from err
            raise

    def write(
        self, batch: RecordBatch, *, sources: Iterable[str] = (), progress: Progress | None = None
    ) -> WriteSummary:
        """Upsert the batch in ONE transaction (all or nothing), after the contract's checks
        (:func:`~pat_graph.store.base.check_vocabulary`, then
        :func:`~pat_graph.store.base.check_endpoints` inside that transaction): a record
        outside the model or a relationship to a missing node refuses the whole batch.

        >>> from pat_graph.model import EdgeRecord
        >>> store = SQLiteStore(":memory:")
        >>> store.write(RecordBatch([], [EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", "05")]))
        Traceback (most recent call last):
        pat_graph.errors.RecordRefusedError: la relación LOCATED_IN de Actor:A-1 a Territory:05 apunta a un nodo que no existe (ni en la carga ni en :memory:): Actor:A-1 y Territory:05; no se escribió nada
        >>> store.stats().loads
        []
        """
        return self._write(batch, sources=sources, progress=progress, replace=False)

    def replace_all(
        self, batch: RecordBatch, *, sources: Iterable[str] = (), progress: Progress | None = None
    ) -> WriteSummary:
        """Replace everything the store holds (records and load history) by ``batch``, in
        ONE transaction: until it commits, readers and a killed process see the old store.

        >>> from pat_graph.model import NodeRecord, RecordBatch
        >>> store = SQLiteStore(":memory:")
        >>> _ = store.write(RecordBatch(nodes=[NodeRecord("Actor", "A1", {}, "a.csv", 2)]))
        >>> _ = store.replace_all(RecordBatch(nodes=[NodeRecord("Actor", "B2", {}, "b.csv", 2)]))
        >>> sorted(store.read_graph().nodes), len(store.stats().loads)
        (['Actor:B2'], 1)
        """
        return self._write(batch, sources=sources, progress=progress, replace=True)

    def _write(self, batch: RecordBatch, *, sources: Iterable[str], progress: Progress | None,
               replace: bool) -> WriteSummary:
        check_vocabulary(batch)  # before building any row
        loaded_at = now_iso()
        node_rows = [(n.label, n.key, _dumps(clean_props(n.props)), n.source, n.row, loaded_at)
                     for n in batch.nodes]
        edge_rows = [(e.type, e.start_label, e.start_key, e.end_label, e.end_key, e.ekey,
                      _dumps(clean_props(e.props)), e.source, e.row, loaded_at)
                     for e in batch.edges]
        changed = [0, 0]
        with self._transaction("escribir") as db:
            if replace:
                self._delete_all(db)
            check_endpoints(batch, self._present, self.location)
            for i, (statement, rows) in enumerate(((_UPSERT_NODE, node_rows),
                                                   (_UPSERT_EDGE, edge_rows))):
                before = db.total_changes
                for j in range(0, len(rows), CHUNK):
                    chunk = rows[j:j + CHUNK]
                    db.executemany(statement, chunk)
                    if progress:
                        progress(len(chunk))
                changed[i] = db.total_changes - before
            srcs = sorted(set(sources))
            if any(changed):  # a write that changed nothing is not a load ("sin cambios")
                db.execute(
                    "INSERT INTO loads (loaded_at, sources, nodes, edges, nodes_changed, "
                    "edges_changed, status) VALUES (?, ?, ?, ?, ?, ?, 'completa')",
                    (loaded_at, json.dumps(srcs, ensure_ascii=False), len(node_rows),
                     len(edge_rows), *changed),
                )
        return WriteSummary(len(node_rows), len(edge_rows), loaded_at, srcs,
                            changed=any(changed))

    def _present(self, label: str, keys: list[str]) -> set[str]:
        """The keys among ``keys`` of nodes of ``label`` in the store (contract check)."""
        found: set[str] = set()
        for i in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[i:i + _KEYS_PER_QUERY]
            marks = ",".join("?" * len(chunk))
            found.update(k for (k,) in self._db.execute(
                f"SELECT key FROM nodes WHERE label = ? AND key IN ({marks})",  # noqa: S608
                (label, *chunk)))
        return found

    # ------------------------------------------------------------------ merging
    def merge_nodes(self, label: str, keep: str, merge: str, *, note: str = "") -> MergeSummary:
        """Merge node ``merge`` into ``keep`` in ONE transaction (see ``pat_graph.store.merge``).

        The survivor gets ``merged_from`` / ``also_source`` provenance and the merged
        node's missing properties; relationships are re-pointed; ``merge`` is deleted.
        """
        check_known_label(label)
        if keep == merge:
            raise InputError(f"no se puede fusionar {label} '{keep}' consigo mismo")
        with self._transaction("fusionar") as db:
            rows = {k: (json.loads(p), src, r) for k, p, src, r in db.execute(
                "SELECT key, props, source, row FROM nodes WHERE label = ? AND key IN (?, ?)",
                (label, keep, merge))}
            if keep not in rows:
                raise NotFoundError(f"{label} '{keep}' no existe en {self.location}")
            keep_props = rows[keep][0]
            if merge not in rows:
                if was_merged(keep_props, merge):
                    return MergeSummary(label, keep, merge, already_merged=True)
                raise NotFoundError(f"{label} '{merge}' no existe en {self.location}")
            merge_props, merge_source, merge_row = rows[merge]
            props = merged_properties(keep_props, label, merge, merge_props, merge_source,
                                      merge_row, note=note)
            db.execute("UPDATE nodes SET props = ?, loaded_at = ? WHERE label = ? AND key = ?",
                       (_dumps(props), now_iso(), label, keep))
            summary = MergeSummary(label, keep, merge)
            edges = db.execute(
                "SELECT type, start_label, start_key, end_label, end_key, ekey, props, source, "
                "row, loaded_at FROM edges WHERE (start_label = ? AND start_key = ?) "
                "OR (end_label = ? AND end_key = ?)", (label, merge, label, merge)).fetchall()
            for t, sl, sk, el, ek, ekey, eprops, src, row, at in edges:
                db.execute("DELETE FROM edges WHERE type = ? AND start_label = ? AND start_key = ? "
                           "AND end_label = ? AND end_key = ? AND ekey = ?",
                           (t, sl, sk, el, ek, ekey))
                if (sl, sk) == (label, merge):
                    sk = keep
                if (el, ek) == (label, merge):
                    ek = keep
                if (sl, sk) == (el, ek):
                    summary.edges_dropped += 1  # a relationship between the two merged nodes
                    continue
                cur = db.execute(
                    "INSERT OR IGNORE INTO edges (type, start_label, start_key, end_label, end_key, "
                    "ekey, props, source, row, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (t, sl, sk, el, ek, ekey, eprops, src, row, at))
                if cur.rowcount:
                    summary.edges_moved += 1
                else:
                    summary.edges_dropped += 1  # the survivor already had it
            db.execute("DELETE FROM nodes WHERE label = ? AND key = ?", (label, merge))
        return summary

    # ------------------------------------------------------------------ reading
    def existing_keys(self, label: str) -> set[str]:
        """Keys of the nodes of ``label`` (a label of the model)."""
        check_known_label(label)
        return {k for (k,) in self._db.execute("SELECT key FROM nodes WHERE label = ?", (label,))}

    @gc_paused()
    def read_graph(self) -> nx.MultiDiGraph:
        nodes = (
            (label, key, json.loads(props), source, row, loaded_at)
            for label, key, props, source, row, loaded_at in self._db.execute(
                "SELECT label, key, props, source, row, loaded_at FROM nodes ORDER BY label, key")
        )
        edges = (
            (t, sl, sk, el, ek, ekey, json.loads(props), source, row, loaded_at)
            for t, sl, sk, el, ek, ekey, props, source, row, loaded_at in self._db.execute(
                "SELECT type, start_label, start_key, end_label, end_key, ekey, props, source, "
                "row, loaded_at FROM edges ORDER BY type, start_label, start_key, end_label, "
                "end_key, ekey")
        )
        return build_graph(nodes, edges)

    def stats(self) -> StoreStats:
        nodes = dict(self._db.execute(
            "SELECT label, COUNT(*) FROM nodes GROUP BY label ORDER BY label").fetchall())
        edges = dict(self._db.execute(
            "SELECT type, COUNT(*) FROM edges GROUP BY type ORDER BY type").fetchall())
        loads = [
            {"loaded_at": at, "sources": json.loads(srcs), "nodes": n, "edges": e}
            | ({} if status is None else
               {"nodes_changed": nc, "edges_changed": ec, "status": status})
            for at, srcs, n, e, nc, ec, status in self._db.execute(
                "SELECT loaded_at, sources, nodes, edges, nodes_changed, edges_changed, status "
                "FROM loads ORDER BY id")
        ]
        return StoreStats(nodes, edges, loads)

    def clear(self) -> None:
        with self._transaction("vaciar") as db:
            self._delete_all(db)

    @staticmethod
    def _delete_all(db: sqlite3.Connection) -> None:
        for table in ("nodes", "edges", "loads"):
            db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
