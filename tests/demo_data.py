"""The demo dataset as tests use it: generated at a scale, loaded into an SQLite store."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from pat_graph.demo import generate_demo
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore


def demo_store(root: Path, scale: float) -> Path:
    """Generate the demo into ``root/datos`` and load it (cleanly) into ``root/store.sqlite``."""
    generate_demo(root / "datos", scale=scale)
    path = root / "store.sqlite"
    store = SQLiteStore(path)
    try:
        assert load_paths([root / "datos"], store).ok
    finally:
        store.close()
    return path


def demo_graph(root: Path, scale: float) -> nx.MultiDiGraph:
    """The graph of :func:`demo_store`."""
    store = SQLiteStore(demo_store(root, scale))
    try:
        return store.read_graph()
    finally:
        store.close()
