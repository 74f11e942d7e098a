"""The store contract: what the embedded SQLite store and the Neo4j store both do.

A store writes :class:`~pat_graph.model.RecordBatch` es (idempotent upserts,
provenance on everything), reads the whole graph back as a networkx
``MultiDiGraph`` of the shape described in ``docs/graph-model.md``, and gives
counts. The same contract tests run against both stores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

import networkx as nx

from pat_graph.model import RecordBatch
from pat_graph.store.merge import MergeSummary

#: progress callback: called with the number of records just written.
Progress = Callable[[int], None]


@dataclass(slots=True)
class WriteSummary:
    """What one ``write`` did: records written (nodes, relationships), when, from which
    files, and how many of its transactions the store had to run again (Neo4j: a lock
    conflict between its concurrent writers, a commit whose answer was lost; 0 otherwise)."""

    nodes_written: int = 0
    edges_written: int = 0
    loaded_at: str = ""
    sources: list[str] = field(default_factory=list)
    retries: int = 0


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
        end, ekey). Writing the same batch twice changes nothing.
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
