"""Stores: the embedded SQLite store (default) and the Neo4j store, behind one contract.

>>> from pat_graph.store import open_store
>>> store = open_store(":memory:")
>>> store.location
':memory:'
"""

from __future__ import annotations

import os
from pathlib import Path

from pat_graph.store.base import Store, StoreStats, WriteSummary

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def default_store_location() -> str:
    """``PAT_GRAPH_STORE`` or ``$XDG_DATA_HOME/pat-graph/pat-graph.sqlite``
    (``~/.local/share/pat-graph/pat-graph.sqlite``)."""
    env = os.environ.get("PAT_GRAPH_STORE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "pat-graph" / "pat-graph.sqlite")


def is_neo4j_uri(location: str) -> bool:
    return location.lower().startswith(NEO4J_SCHEMES)


def open_store(location: str | os.PathLike[str] | None = None, **options) -> Store:
    """Open the store at ``location`` (SQLite path — a string or a ``Path`` — or Neo4j URI;
    default: see :func:`default_store_location`). Neo4j options: ``user``, ``password``,
    ``database``, ``batch_size``; they default to the ``NEO4J_*`` environment variables."""
    location = os.fspath(location) if location else default_store_location()
    if is_neo4j_uri(location):
        from pat_graph.store.neo4j import Neo4jStore

        return Neo4jStore.from_uri(location, **options)
    from pat_graph.store.sqlite import SQLiteStore

    return SQLiteStore(location)


__all__ = ["Store", "StoreStats", "WriteSummary", "open_store", "default_store_location",
           "is_neo4j_uri"]
