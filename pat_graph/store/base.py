"""The store contract: what the embedded SQLite store and the Neo4j store both do.

A store writes :class:`~pat_graph.model.RecordBatch` es (idempotent upserts,
provenance on everything), reads the whole graph back as a networkx
``MultiDiGraph`` of the shape described in ``docs/graph-model.md``, and gives
counts. The same contract tests (``tests/test_store_contract.py``) run against both.

Before writing, every store checks a batch with :func:`check_vocabulary` and
:func:`check_endpoints`: a record outside the model, or a relationship whose start or
end node is neither in the batch nor in the store, refuses the whole batch with a :class:`~pat_graph.errors.RecordRefusedError`
naming it, and nothing is written.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import networkx as nx

from pat_graph.errors import RecordRefusedError
from pat_graph.formatting import integer
from pat_graph.model import (
    LABELS,
    REL_TYPES,
    EdgeRecord,
    NodeRecord,
    RecordBatch,
    check_label,
    check_relationship,
)
from pat_graph.store.merge import MergeSummary

#: progress callback: called with the number of records just written.
Progress = Callable[[int], None]
#: ``present(label, keys)``: the keys among ``keys`` of nodes of ``label`` in the store.
Present = Callable[[str, list[str]], set[str]]
#: Relationships named one by one in a refusal message (the rest are counted).
SHOWN_REFUSALS = 5


@dataclass(slots=True)
class WriteSummary:
    """What one ``write`` did: records written (nodes, relationships), when, from which
    files, and how many of its transactions the store had to run again (Neo4j: a lock
    conflict between its concurrent writers, a commit whose answer was lost; 0 otherwise).
    ``changed`` is False when the store already held every record exactly so (a reload
    of the same files: "sin cambios"); such a write is not recorded as a load."""

    nodes_written: int = 0
    edges_written: int = 0
    loaded_at: str = ""
    sources: list[str] = field(default_factory=list)
    retries: int = 0
    changed: bool = True


@dataclass(slots=True)
class StoreStats:
    """Counts of a store, by label and by relationship type, plus the loads it has seen."""

    nodes_by_label: dict[str, int] = field(default_factory=dict)
    edges_by_type: dict[str, int] = field(default_factory=dict)
    loads: list[dict] = field(default_factory=list)

    @property
    def nodes(self) -> int:
        return sum(self.nodes_by_label.values())

    @property
    def edges(self) -> int:
        return sum(self.edges_by_type.values())


@runtime_checkable
class Store(Protocol):
    """The contract. ``location`` is a display string without credentials."""

    location: str

    def write(
        self, batch: RecordBatch, *, sources: Iterable[str] = (), progress: Progress | None = None
    ) -> WriteSummary:
        """Upsert every record of ``batch`` atomically (SQLite) or resumably (Neo4j).

        Nodes are identified by (label, key), relationships by (type, start,
        end, ekey). Writing the same batch twice changes nothing: the second write
        says so (``changed`` False) and adds no entry to ``stats().loads``.
        """
        ...

    def replace_all(
        self, batch: RecordBatch, *, sources: Iterable[str] = (), progress: Progress | None = None
    ) -> WriteSummary:
        """Replace every record and the load history by ``batch``: SQLite in ONE
        transaction (a failure or a kill leaves the old store); Neo4j clears then
        writes, resumably (running it again completes it)."""
        ...

    def merge_nodes(self, label: str, keep: str, merge: str, *, note: str = "") -> MergeSummary:
        """Merge node ``(label, merge)`` into ``(label, keep)``, atomically.

        Semantics in :mod:`pat_graph.store.merge`: the survivor keeps its key and
        provenance, gains the merged node's missing properties and the
        ``merged_from`` / ``also_source`` / ``merge_note`` provenance; the merged
        node's relationships are re-pointed (duplicates and links between the two
        are dropped) and the merged node is deleted. Merging an already merged
        pair is a no-op (``already_merged``). Raises ``NotFoundError`` if a node
        is missing. Added for entity resolution (issue 8).
        """
        ...

    def existing_keys(self, label: str) -> set[str]:
        """Keys of the nodes of ``label`` already in the store (to resolve references)."""
        ...

    def read_graph(self) -> nx.MultiDiGraph:
        """The whole graph, in the shape of ``docs/graph-model.md``."""
        ...

    def stats(self) -> StoreStats:
        """Counts by label and relationship type, and the history of loads."""
        ...

    def clear(self) -> None:
        """Delete every node, relationship and load record (tests, ``--reset``)."""
        ...

    def close(self) -> None:
        ...


# ---------------------------------------------------------------------- the checks
def _where(record: NodeRecord | EdgeRecord) -> str:
    return f" ({record.source}:{record.row})" if record.source else ""


def _edge_text(e: EdgeRecord) -> str:
    return f"{e.type} de {e.start_label}:{e.start_key} a {e.end_label}:{e.end_key}{_where(e)}"


def check_known_label(label: str) -> None:
    """Refuse a label outside the model (:class:`~pat_graph.errors.RecordRefusedError`).

    >>> check_known_label("Actor")
    >>> check_known_label("Persona")
    Traceback (most recent call last):
    pat_graph.errors.RecordRefusedError: etiqueta «Persona» fuera del modelo (etiquetas: Territory, Actor, Instance, Program, Instrument, Agreement, Event)
    """
    try:
        check_label(label)
    except ValueError:
        raise RecordRefusedError(
            f"etiqueta «{label}» fuera del modelo (etiquetas: {', '.join(LABELS)})") from None


def check_vocabulary(batch: RecordBatch) -> None:
    """Refuse ``batch`` if a record is outside the model (the checks of
    :func:`pat_graph.model.check_relationship`, each label and each kind of relationship
    once): the :class:`~pat_graph.errors.RecordRefusedError` names the first such record.

    >>> from pat_graph.model import EdgeRecord
    >>> check_vocabulary(RecordBatch([], [EdgeRecord("LOCATED_IN", "Territory", "05", "Actor", "A-1",
    ...                                              source="a.csv", row=2)]))
    Traceback (most recent call last):
    pat_graph.errors.RecordRefusedError: relación LOCATED_IN de Territory:05 a Actor:A-1 (a.csv:2) fuera del modelo: LOCATED_IN va de Actor a Territory; no se escribió nada
    """
    first_node: dict[str, NodeRecord] = {}
    for n in batch.nodes:
        first_node.setdefault(n.label, n)
    for label, n in first_node.items():
        if label not in LABELS:
            raise RecordRefusedError(
                f"nodo {label}:{n.key}{_where(n)} fuera del modelo: etiqueta «{label}» "
                f"desconocida (etiquetas: {', '.join(LABELS)}); no se escribió nada")
    first_edge: dict[tuple[str, str, str], EdgeRecord] = {}
    for e in batch.edges:
        first_edge.setdefault((e.type, e.start_label, e.end_label), e)
    for (rtype, start, end), e in first_edge.items():
        try:
            check_relationship(rtype, start, end)
        except ValueError:
            if rtype not in REL_TYPES:
                why = f"tipo de relación «{rtype}» desconocido"
            else:
                starts, ends = REL_TYPES[rtype]
                why = f"{rtype} va de {' o '.join(sorted(starts))} a {' o '.join(sorted(ends))}"
            raise RecordRefusedError(
                f"relación {_edge_text(e)} fuera del modelo: {why}; no se escribió nada") from None


def check_endpoints(batch: RecordBatch, present: Present, location: str) -> None:
    """Refuse ``batch`` if a relationship's start or end node is neither in the batch nor
    in the store (``present(label, keys)`` asks the store, once per label, only about the
    keys the batch does not have). The :class:`~pat_graph.errors.RecordRefusedError`
    names the relationships and the missing nodes.

    >>> from pat_graph.model import EdgeRecord, NodeRecord
    >>> batch = RecordBatch([NodeRecord("Actor", "A-1")],
    ...                     [EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", "99", source="a.csv", row=3)])
    >>> check_endpoints(batch, lambda label, keys: set(), "s.sqlite")
    Traceback (most recent call last):
    pat_graph.errors.RecordRefusedError: la relación LOCATED_IN de Actor:A-1 a Territory:99 (a.csv:3) apunta a un nodo que no existe (ni en la carga ni en s.sqlite): Territory:99; no se escribió nada
    >>> check_endpoints(batch, lambda label, keys: set(keys), "s.sqlite")
    """
    if not batch.edges:
        return
    have: defaultdict[str, set[str]] = defaultdict(set)
    for n in batch.nodes:
        have[n.label].add(n.key)
    wanted: defaultdict[str, set[str]] = defaultdict(set)
    for e in batch.edges:
        if e.start_key not in have[e.start_label]:
            wanted[e.start_label].add(e.start_key)
        if e.end_key not in have[e.end_label]:
            wanted[e.end_label].add(e.end_key)
    missing = {(label, k) for label, keys in wanted.items()
               for k in keys - present(label, sorted(keys))}
    if not missing:
        return
    refused = [(e, [f"{lb}:{k}" for lb, k in ((e.start_label, e.start_key),
                                               (e.end_label, e.end_key)) if (lb, k) in missing])
               for e in batch.edges
               if (e.start_label, e.start_key) in missing or (e.end_label, e.end_key) in missing]
    shown = "; ".join(f"{_edge_text(e)}: falta {' y '.join(ids)}"
                      for e, ids in refused[:SHOWN_REFUSALS])
    if len(refused) == 1:
        e, ids = refused[0]
        text = (f"la relación {_edge_text(e)} apunta a un nodo que no existe (ni en la carga ni "
                f"en {location}): {' y '.join(ids)}")
    else:
        more = len(refused) - SHOWN_REFUSALS
        text = (f"{integer(len(refused))} relaciones apuntan a nodos que no existen (ni en la "
                f"carga ni en {location}): {shown}" + (f"; y {integer(more)} más" if more > 0
                                                      else ""))
    raise RecordRefusedError(f"{text}; no se escribió nada")


def clean_props(props: Mapping[str, Any]) -> Mapping[str, Any]:
    """Properties without ``None`` (an empty value is an absent property, in every store);
    ``props`` itself when it has none, as records should (no copy).

    >>> clean_props({"a": 1, "b": None})
    {'a': 1}
    """
    if None not in props.values():
        return props
    return {k: v for k, v in props.items() if v is not None}


