"""Answers kept per store state, across processes (issue 22).

Some answers cost seconds and depend only on what the store holds: the
recommender's ranking model (:mod:`pat_graph.recommend.learn`) above all, which
``pat-graph ficha``, ``actor`` and ``recommend`` each trained again in every
process. They are kept here, next to the store, under the store's **state**
(:func:`state_key`: its load history and its counts, the key the workbench,
:mod:`pat_graph.web.state`, uses too) and the **code** that computed them
(:func:`code_fingerprint`: pat-graph's own sources and the versions of numpy and
networkx). Any load adds a load record, so the state changes, the kept answers of
the old state are deleted and the next command computes them again: a kept answer
is always the answer computed now, never an older one.

Where: in the user's cache folder (``$XDG_CACHE_HOME/pat-graph``,
``~/.cache/pat-graph``), one folder per store (an SQLite file's absolute path, a Neo4j
server and database): never beside the store, so a reading command leaves the store's
folder as it was (tests/test_hostile_cli.py). ``PAT_GRAPH_ANSWERS`` names another folder, or ``0`` turns the keeping off.
Answers are JSON (never pickle): a file that does not parse is ignored and computed
again.

The library functions take a graph, not a store: :func:`read_graph` reads a store's
graph and :func:`attach`-es the store's answers to it; :func:`of` gives them back to
whoever holds the graph (the recommender).

>>> import tempfile, os
>>> from pat_graph.store.sqlite import SQLiteStore
>>> st = SQLiteStore(os.path.join(tempfile.mkdtemp(), "a.sqlite"))
>>> g = read_graph(st)
>>> ans = of(g)
>>> ans.get("x", (1,)) is None, ans.remember("x", (1,), lambda: {"v": 41})["v"] + 1
(True, 42)
>>> ans.get("x", (1,))
{'v': 41}
>>> st.close()
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import weakref
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph.atomic import atomic_file
from pat_graph.errors import PatGraphError

#: Environment variable: the folder for kept answers, or ``0``/``no`` to keep none.
ENV = "PAT_GRAPH_ANSWERS"
#: Bumped when the layout of the kept files changes.
FORMAT = 1

_ATTACHED: weakref.WeakKeyDictionary[nx.MultiDiGraph, Answers] = weakref.WeakKeyDictionary()


def state_key(stats: Any) -> tuple:
    """The state of a store (:class:`~pat_graph.store.base.StoreStats`): how many loads,
    the last load's record, and the counts by label and by relationship type. A load
    adds a load record; a merge changes the counts: either gives another key.

    >>> from pat_graph.store.base import StoreStats
    >>> a = StoreStats({"Actor": 2}, {}, [{"loaded_at": "2024-01-01T10:00:00"}])
    >>> b = StoreStats({"Actor": 2}, {}, [{"loaded_at": "2024-01-01T10:00:00"}] * 2)
    >>> state_key(a) == state_key(a), state_key(a) == state_key(b)
    (True, False)
    """
    last = stats.loads[-1] if stats.loads else {}
    return (len(stats.loads), json.dumps(last, sort_keys=True, default=str),
            tuple(sorted(stats.nodes_by_label.items())),
            tuple(sorted(stats.edges_by_type.items())))


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A digest of pat-graph's Python sources and of the numpy and networkx versions:
    answers computed by other code are never reused (once per process, ~10 ms)."""
    import numpy

    root = Path(__file__).resolve().parent
    h = hashlib.sha256(f"{FORMAT}|{numpy.__version__}|{nx.__version__}".encode())
    for p in sorted(root.rglob("*.py")):
        h.update(str(p.relative_to(root)).encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:20]


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, default=str).encode()).hexdigest()[:24]


def _default_folder(location: str) -> Path | None:
    """Where the answers of the store at ``location`` are kept (``None``: nowhere)."""
    from pat_graph.store import is_neo4j_uri

    env = os.environ.get(ENV, "").strip()
    if env.lower() in ("0", "no", "false", "off"):
        return None
    if env:
        return Path(env).expanduser() / _digest(location)
    if not location or location == ":memory:":
        return None
    if not is_neo4j_uri(location):
        location = str(Path(location).expanduser().resolve())
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pat-graph"
    return base / _digest(location)


class Answers:
    """The kept answers of one store at one state (see the module docstring).

    ``folder`` holds one sub-folder per state; only the current one is kept. Every
    failure to read or write is silent: the answer is then computed, as without a
    folder (``folder=None``).
    """

    def __init__(self, folder: Path | None, state: tuple) -> None:
        self.folder = folder
        self.state = _digest([code_fingerprint(), list(state)])
        self.hits = 0  # answers read back (tests, benchmark)
        self.misses = 0

    @classmethod
    def for_store(cls, store: Any, stats: Any | None = None) -> Answers:
        """The answers of ``store`` (a :class:`~pat_graph.store.base.Store`) at its
        current state (``stats``: its :meth:`stats`, when already read)."""
        location = getattr(store, "location", "") or ""
        database = getattr(store, "database", None) or ""
        folder = _default_folder(f"{location}#{database}" if database else location)
        return cls(folder, state_key(stats if stats is not None else store.stats()))

    def _path(self, name: str, params: Any) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / self.state / f"{name}-{_digest([name, params])}.json"

    def get(self, name: str, params: Any) -> Any | None:
        """The kept answer ``name`` for ``params`` (JSON-able), or ``None``."""
        path = self._path(name, params)
        if path is None or not path.is_file():
            return None
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(kept, dict) or kept.get("params") != json.loads(
                json.dumps(params, default=str)):
            return None
        self.hits += 1
        return kept.get("value")

    def put(self, name: str, params: Any, value: Any) -> None:
        """Keep ``value`` (JSON-able) as the answer ``name`` for ``params``; answers of
        other states of the store are deleted."""
        path = self._path(name, params)
        if path is None:
            return
        try:
            for old in path.parent.parent.iterdir() if path.parent.parent.is_dir() else ():
                if old.is_dir() and old.name != self.state:
                    shutil.rmtree(old, ignore_errors=True)
            with atomic_file(path, encoding="utf-8") as fh:
                json.dump({"name": name, "params": params, "value": value}, fh,
                          ensure_ascii=False, default=str)
        except (OSError, PatGraphError):
            return

    def remember(self, name: str, params: Any, compute: Callable[[], Any]) -> Any:
        """The kept answer, or ``compute()`` kept and returned."""
        value = self.get(name, params)
        if value is None:
            self.misses += 1
            value = compute()
            self.put(name, params, value)
        return value


def attach(g: nx.MultiDiGraph, answers: Answers) -> nx.MultiDiGraph:
    """Tie ``answers`` to ``g`` (as read from their store, unchanged since) and return ``g``."""
    _ATTACHED[g] = answers
    return g


def of(g: nx.MultiDiGraph) -> Answers | None:
    """The answers :func:`attach`-ed to ``g``, if any."""
    try:
        return _ATTACHED.get(g)
    except TypeError:
        return None


def read_graph(store: Any) -> nx.MultiDiGraph:
    """``store.read_graph()`` with the store's answers at its state attached. The state
    is read before and after the graph: if a load ran in between, no answers are
    attached (they could belong to another state than the graph's)."""
    before = store.stats()
    g = store.read_graph()
    after = store.stats()
    if state_key(before) == state_key(after):
        attach(g, Answers.for_store(store, after))
    return g


__all__ = ["ENV", "Answers", "attach", "code_fingerprint", "from_state", "of", "read_graph",
           "state_key", "to_state"]


# ------------------------------------------------------------ dataclasses as JSON
def to_state(value: Any) -> Any:
    """A dataclass (a :class:`~pat_graph.report.data.Ficha`, a
    :class:`~pat_graph.analytics.index.DepartmentIndex` …) as JSON-able data, exactly
    (JSON keeps a float's every digit); :func:`from_state` gives it back.

    >>> from pat_graph.report.data import RecordRow
    >>> r = RecordRow("events", "eventos", 3, "2021-01-01")
    >>> from_state(RecordRow, json.loads(json.dumps(to_state(r)))) == r
    True
    """
    from dataclasses import fields, is_dataclass

    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_state(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: to_state(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_state(v) for v in value]
    return value


def from_state(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` (a dataclass, or a ``list[...]``, ``dict[...]``,
    ``X | None`` of dataclasses or of plain values) that :func:`to_state` gave."""
    import types
    import typing
    from dataclasses import is_dataclass

    if data is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return from_state(options[0], data) if len(options) == 1 else data
    if origin is list:
        (item,) = typing.get_args(kind) or (Any,)
        return [from_state(item, v) for v in data]
    if origin is dict:
        _, item = typing.get_args(kind) or (Any, Any)
        return {k: from_state(item, v) for k, v in data.items()}
    if is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{k: from_state(hints[k], v) for k, v in data.items()})
    return data
