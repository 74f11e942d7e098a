"""Writing to Neo4j: batched, idempotent ``UNWIND ... MERGE`` loads (resumable, with the
load history) and analytics scores onto nodes.

:class:`Neo4jWriter` is one concept: the loads and scores written through a
:class:`~pat_graph.store.neo4j_connect.Neo4jConnection` it is given; a
:class:`~pat_graph.store.neo4j.Neo4jStore` holds one.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any

import neo4j

from pat_graph.bulk import gc_paused
from pat_graph.errors import StoreConnectionError, StoreError
from pat_graph.formatting import integer
from pat_graph.model import (
    KEY_PROPERTY,
    LABELS,
    PROVENANCE,
    EdgeRecord,
    NodeRecord,
    RecordBatch,
    split_node_id,
)
from pat_graph.queries import statement
from pat_graph.store.base import (
    Progress,
    WriteSummary,
    check_endpoints,
    check_vocabulary,
    clean_props,
)
from pat_graph.store.neo4j_connect import DEFAULT_BATCH_SIZE, DEFAULT_WORKERS, Neo4jConnection

#: Node property listing the names of the scores written by :meth:`Neo4jStore.write_scores`.
SCORES_PROPERTY = "pat_scores"
_SCORE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")
#: Property names a score may not take (keys, provenance, properties of the model).
RESERVED_PROPERTIES = frozenset(
    set(KEY_PROPERTY.values()) | set(PROVENANCE) | {
        "label", "ekey", SCORES_PROPERTY, "name", "acronym", "sector", "kind", "level", "nit",
        "department_code", "municipality_code", "status", "created", "owner", "theme", "act",
        "date", "leader", "signed", "divipola_type", "is_pdet", "pdet_subregion", "latitude",
        "longitude", "capital_code",
    })


def check_write_options(batch_size: int = 1, workers: int = 1) -> None:
    """Refuse a ``batch_size`` or a number of ``workers`` below 1 (:class:`StoreError`).

    >>> check_write_options(5000, 2)
    >>> check_write_options(workers=0)
    Traceback (most recent call last):
    pat_graph.errors.StoreError: el número de transacciones simultáneas (workers) debe ser 1 o más
    """
    if batch_size < 1:
        raise StoreError("el tamaño de lote (batch_size) debe ser 1 o más")
    if workers < 1:
        raise StoreError("el número de transacciones simultáneas (workers) debe ser 1 o más")


class Neo4jWriter:
    """Loads and scores through ``connection``: ``batch_size`` rows per transaction,
    ``workers`` write transactions at once.

    >>> Neo4jWriter(Neo4jConnection(None, location="bolt://db:7687"), batch_size=0)
    Traceback (most recent call last):
    pat_graph.errors.StoreError: el tamaño de lote (batch_size) debe ser 1 o más
    """

    def __init__(self, connection: Neo4jConnection, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 workers: int = DEFAULT_WORKERS) -> None:
        self.connection = connection
        self.batch_size = batch_size
        #: Write transactions run at once by a load (see :meth:`_run_chunks`).
        self.workers = workers

    @property
    def batch_size(self) -> int:
        return self._batch_size

    @batch_size.setter
    def batch_size(self, value: int) -> None:
        check_write_options(batch_size=value)
        self._batch_size = value

    @property
    def workers(self) -> int:
        return self._workers

    @workers.setter
    def workers(self, value: int) -> None:
        check_write_options(workers=value)
        self._workers = value

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
                f"{err}; la carga quedó a medias: se escribieron {integer(done)} de "
                f"{integer(total)} registros y faltan {integer(total - done)} (lo escrito se "
                "conserva y no se duplica); vuelva a ejecutar la carga para completarla"
            ) from None

    def _write_batch(self, batch: RecordBatch, *, sources: Iterable[str] = (),
                     progress: Progress | None = None) -> WriteSummary:
        """Upsert ``batch``: schema first, then nodes by label, then relationships by type,
        ``batch_size`` rows per managed transaction. Idempotent and resumable.

        The contract's checks come first (:func:`~pat_graph.store.base.check_vocabulary`,
        :func:`~pat_graph.store.base.check_endpoints`, one read transaction per label): a
        batch they refuse (:class:`~pat_graph.errors.RecordRefusedError`) writes nothing,
        not even a load record. A relationship whose node someone else deletes during the
        load is left out and reported (:class:`StoreError`, load ``incompleta``).
        """
        conn = self.connection
        check_vocabulary(batch)
        loaded_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        srcs = sorted(set(sources))
        conn.apply_schema()
        with gc_paused():
            check_endpoints(batch, self._present, conn.location)
        load_id = uuid.uuid4().hex
        t0 = time.perf_counter()
        conn.run_cypher(statement("store.cypher", "load-begin"), {
            "id": load_id, "loaded_at": loaded_at, "sources": srcs, "nodes": len(batch.nodes),
            "edges": len(batch.edges), "batch_size": self.batch_size,
        }, name="load-begin", write=True)

        with gc_paused():  # ~400k small acyclic dicts: collections would only re-scan them
            node_groups = self._node_groups(batch.nodes)
        # what each group finds as its phase begins: the node phase writes no relationship,
        # so the relationship groups are counted now too (one read transaction, not two)
        empty = self._empty_groups([name for name, _ in node_groups] + sorted(
            {_rel_statement(e.type, e.start_label) for e in batch.edges}))
        nodes_changed = retries = 0
        for _, _, changed, retried in self._write_phase(node_groups, empty, loaded_at,
                                                        progress):
            nodes_changed += changed
            retries += retried
        with gc_paused():
            edge_groups = self._edge_groups(batch.edges)
        edges_changed = 0
        missing = 0
        for rows, written, changed, retried in self._write_phase(edge_groups, empty, loaded_at,
                                                                 progress):
            edges_changed += changed
            missing += rows - written
            retries += retried
        if not (missing or nodes_changed or edges_changed):  # "sin cambios": not a load
            conn.run_cypher(statement("store.cypher", "load-forget"), {"id": load_id},
                            name="load-forget", write=True)
            return WriteSummary(len(batch.nodes), len(batch.edges), loaded_at, srcs, retries,
                                changed=False)
        status = "completa" if not missing else "incompleta"
        conn.run_cypher(statement("store.cypher", "load-end"), {
            "id": load_id, "status": status, "seconds": round(time.perf_counter() - t0, 3),
            "nodes_changed": nodes_changed, "edges_changed": edges_changed, "retries": retries,
        }, name="load-end", write=True)
        if missing:
            raise StoreError(
                f"{missing} relaciones no se escribieron en {conn.location} porque su nodo de "
                "origen o de destino no existe; cargue primero los nodos (el resto quedó escrito)")
        return WriteSummary(len(batch.nodes), len(batch.edges), loaded_at, srcs, retries)

    def _present(self, label: str, keys: list[str]) -> set[str]:
        """The keys among ``keys`` of nodes of ``label`` in the database (contract check):
        ``keys-present-<label>`` (an index seek per key), in one read transaction."""
        text = statement("store.cypher", f"keys-present-{label}")

        @neo4j.unit_of_work(metadata=self.connection.metadata(f"keys-present-{label}"))
        def work(tx: neo4j.ManagedTransaction) -> set[str]:
            found: set[str] = set()
            for i in range(0, len(keys), self.batch_size):
                record = tx.run(text, keys=keys[i:i + self.batch_size]).single()
                if record is not None:
                    found.update(record["keys"])
            return found

        return self.connection.read_transaction(work)

    @staticmethod
    def _node_groups(nodes: Iterable[NodeRecord]) -> list[tuple[str, list]]:
        groups: dict[str, list[list]] = defaultdict(list)
        for n in nodes:  # [key, props, source, row]: the $rows of cypher/load/node_*.cypher
            groups[n.label].append([n.key, clean_props(n.props), n.source, n.row])
        return [(f"node-{label}", groups[label]) for label in LABELS if label in groups]

    @staticmethod
    def _edge_groups(edges: Iterable[EdgeRecord]) -> list[tuple[str, list]]:
        groups: dict[tuple[str, str], list[list]] = defaultdict(list)
        for e in edges:  # [start, end, ekey, props, source, row]: see cypher/load/rel_*.cypher
            groups[(e.type, e.start_label)].append(
                [e.start_key, e.end_key, e.ekey, clean_props(e.props), e.source, e.row])
        return [(_rel_statement(rtype, start), rows) for (rtype, start), rows in groups.items()]

    def _write_phase(self, groups: list[tuple[str, list[list]]], empty: set[str],
                     loaded_at: str, progress: Progress | None,
                     ) -> list[tuple[int, int, int, int]]:
        """Write every group of one phase (all node labels, or all relationship groups
        once the nodes are written): each group's ``rows`` with its load statement, one
        transaction per chunk, the chunks of all the groups sharing ``self.workers``
        workers (:meth:`_run_chunks`), so that a small group does not leave a worker idle.

        A group in ``empty`` (the label, or the relationship type from that start label,
        had nothing in the database as the load began, hence as its phase began: the node
        phase writes no relationship; :meth:`_empty_groups`) — a first load — goes through
        its ``<name>-fresh`` statement: plain ``CREATE``, no lookup of an existing node or
        relationship and no comparison (2–3× faster). Rows repeating an identity are folded
        first (the last one wins, as with ``MERGE``). A chunk the driver retries uses the
        ``MERGE`` statement, so a commit whose answer was lost is not duplicated; a load
        stopped half way finds the label non-empty and resumes with ``MERGE``.

        Returns, per group: (rows, rows matched and written, rows actually changed,
        transactions run again: lock conflicts between the workers, lost commits).
        """
        tasks: list[tuple[int, Callable[..., tuple[int, int]], list[list]]] = []
        out: list[list[int]] = []
        for index, (name, rows) in enumerate(groups):
            with gc_paused():
                unique = _fold_duplicates(rows, name.startswith("node-"))
            dropped = len(rows) - len(unique)
            out.append([len(rows), dropped, 0, 0])
            if progress and dropped:
                progress(dropped)
            work = self._chunk_work(name, loaded_at, fresh=name in empty)
            tasks.extend((index, work, chunk)
                         for chunk in _chunks(unique, self.batch_size, self.workers))
        for index, (written, changed), size, retried in self._run_chunks(tasks):
            out[index][1] += written
            out[index][2] += changed
            out[index][3] += retried
            if progress:
                progress(size)
        return [(rows, written, changed, retried) for rows, written, changed, retried in out]

    def _chunk_work(self, name: str, loaded_at: str, *,
                    fresh: bool) -> Callable[..., tuple[int, int]]:
        """The transaction function writing one chunk with load statement ``name``
        (its ``-fresh`` form on the first attempt when ``fresh``)."""
        merge_text = statement("load", name)
        fresh_text = statement("load", f"{name}-fresh") if fresh else merge_text

        @neo4j.unit_of_work(metadata=self.connection.metadata(name))
        def work(tx: neo4j.ManagedTransaction, chunk: list[list],
                 attempts: list[int]) -> tuple[int, int]:
            attempts[0] += 1
            text = fresh_text if attempts[0] == 1 else merge_text
            record = tx.run(text, rows=chunk, loaded_at=loaded_at).single()
            return (int(record["written"]), int(record["changed"] or 0)) if record else (0, 0)

        return work

    def _run_chunks(self, tasks: list[tuple[int, Callable[..., tuple[int, int]], list[list]]],
                    ) -> Iterator[tuple[int, tuple[int, int], int, int]]:
        """Run each ``(group, work, chunk)`` task, ``work`` on ``chunk`` in its own write
        transaction, ``self.workers`` at a time, biggest chunks first; yields (group,
        result, chunk size, times the driver ran it again) as chunks commit.

        Chunks never share an identity (rows are folded first, and groups differ by label
        or by relationship type), so concurrent ``MERGE`` cannot create the same node or
        relationship twice; a lock conflict between workers (``DeadlockDetected``) is
        transient and the driver retries the chunk. On the first failure the chunks not
        started are cancelled and the error raised.
        """
        order = sorted(tasks, key=lambda task: -len(task[2]))  # long ones first: less idling
        with ThreadPoolExecutor(max_workers=self.workers,
                                thread_name_prefix="pat-graph-load") as pool:
            # one session per chunk (sessions are cheap: pooled connections); ``attempts``
            # counts the runs of its transaction function
            futures = {}
            for index, work, chunk in order:
                attempts = [0]
                future = pool.submit(self.connection.write_transaction, work, chunk, attempts)
                futures[future] = (index, len(chunk), attempts)
            try:
                for future in as_completed(futures):
                    index, size, attempts = futures[future]
                    yield index, future.result(), size, attempts[0] - 1
            finally:
                for future in futures:
                    future.cancel()

    def _empty_groups(self, names: list[str]) -> set[str]:
        """The load statements among ``names`` whose label / relationship type has nothing
        stored yet: one count-store lookup each (constant time), all in one read
        transaction, taken before the node phase for both phases."""
        @neo4j.unit_of_work(metadata=self.connection.metadata("count-groups"))
        def work(tx: neo4j.ManagedTransaction) -> set[str]:
            out = set()
            for name in names:
                record = tx.run(statement("load", f"count-{name}")).single()
                if record is not None and int(record["n"]) == 0:
                    out.add(name)
            return out

        return self.connection.read_transaction(work)

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
                result = self.connection.run_cypher(text, {"rows": rows[i:i + self.batch_size]},
                                                    name=name, write=True)
                updated += int(result[0]["written"]) if result else 0
        return updated


def _rel_statement(rtype: str, start_label: str) -> str:
    """Name of the load statement of ``rtype`` relationships from ``start_label`` nodes
    (cypher/load/rel_*.cypher)."""
    return f"rel-{rtype}-{start_label}"


#: Below this many rows a chunk is not split further to keep every worker busy.
MIN_SPLIT_ROWS = 500


def _chunks(rows: list[list], batch_size: int, workers: int) -> list[Rows]:
    """``rows`` cut into chunks of at most ``batch_size`` rows, as many as possible a
    multiple of ``workers`` and of equal size, so that no worker idles while another
    writes the last chunk of a group alone (on a small load most groups fit in one
    batch, and one transaction uses one of the server's cores). Chunks of fewer than
    :data:`MIN_SPLIT_ROWS` rows are not split further.

    >>> [len(c) for c in _chunks(list(range(10_700)), 5000, 2)]
    [2675, 2675, 2675, 2675]
    >>> [len(c) for c in _chunks(list(range(900)), 5000, 2)]
    [900]
    >>> [len(c) for c in _chunks(list(range(12)), 5, 1)]
    [4, 4, 4]
    """
    n = -(-len(rows) // batch_size)  # fewest chunks that fit batch_size
    if workers > 1 and n % workers:
        balanced = -(-n // workers) * workers
        n = max(n, min(balanced, len(rows) // MIN_SPLIT_ROWS))
    if n <= 1:
        return [Rows(rows)] if rows else []
    size = -(-len(rows) // n)
    return [Rows(rows[i:i + size]) for i in range(0, len(rows), size)]


class Rows(list):
    """The rows of one chunk, as the ``$rows`` parameter of a load statement: a plain
    list to the driver's packer (the same bytes on the wire), with a short ``repr``.

    The Python driver formats every ``RUN`` message for its debug log *before* the
    logger decides to drop it (``" ".join(map(repr, fields))`` in ``Bolt5x5.run``, neo4j
    6.4), so each chunk's thousands of rows were turned into text and thrown away: 16 ms
    per 5,000-row chunk, more than packing them (12 ms), on every load. With this
    ``repr`` a debug log also shows how many rows a chunk had, never their values.

    >>> Rows([["A-01", {}], ["A-02", {}]])
    <2 filas>
    >>> Rows([["A-01", {}]]) == [["A-01", {}]]
    True
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} filas>"


def _fold_duplicates(rows: list[list], nodes: bool) -> list[list]:
    """``rows`` with one row per identity (node key ``row[0]``, or start, end and ekey
    ``row[:3]``), the last one winning, in first-seen order.

    >>> _fold_duplicates([["a", {"v": 1}], ["b", {}], ["a", {"v": 2}]], True)
    [['a', {'v': 2}], ['b', {}]]
    """
    seen: dict[Any, list] = {}
    for row in rows:
        ident = row[0] if nodes else (row[0], row[1], row[2])
        seen[ident] = row
    return list(seen.values())
