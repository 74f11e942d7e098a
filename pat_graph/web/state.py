"""What the workbench knows about its store: the graph and the analyses, cached per
store state.

The state of a store is its load history and its counts
(:func:`pat_graph.answers.state_key` of :meth:`~pat_graph.store.base.Store.stats`): a new load adds a load record and a
merge changes the counts, so either empties the cache and the next page reads the
graph again (the store's own ``read_graph()``, SQLite or Neo4j alike). Everything
shown is computed by the library (:class:`pat_graph.report.Analyses`,
:func:`pat_graph.report.ficha`, :func:`pat_graph.profile.actor_profile`,
:func:`pat_graph.recommend.recommend`); this module only remembers the answers.

>>> import tempfile, os
>>> from pat_graph.store.sqlite import SQLiteStore
>>> path = os.path.join(tempfile.mkdtemp(), "vacio.sqlite")
>>> SQLiteStore(path).close()
>>> wb = Workbench(path)
>>> wb.graph().number_of_nodes(), wb.memo(("x",), lambda: 41) + 1, wb.memo(("x",), lambda: 0)
(0, 42, 41)
"""

from __future__ import annotations

import gc
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

import networkx as nx

from pat_graph.answers import state_key
from pat_graph.store import is_neo4j_uri, open_store, redact
from pat_graph.store.base import Store, StoreStats

#: Answers kept per store state (departments, actors, dates); the oldest go first.
MAX_CACHED = 256


def _freeze() -> None:
    """Move every object alive now out of the garbage collector's sight (``gc.freeze``):
    the graph and the cached answers live as long as the store state, and a full
    collection walking them took 1.5-3 s at 10x, in the middle of any request (the pages'
    p95). Young garbage is collected first."""
    gc.collect(1)
    gc.freeze()


def _thaw() -> None:
    """Give everything frozen back to the collector and collect (a new store state, or
    enough answers dropped from the cache): one pause instead of one per request."""
    gc.unfreeze()
    gc.collect()


class Workbench:
    """The store a server shows, its graph and its cached analyses.

    ``location`` is an SQLite path or a Neo4j URI (``open_store``); ``store`` an
    already open store (then the caller closes it). SQLite is opened per state check
    (its connections belong to one thread); a Neo4j store is opened once (its driver
    is thread-safe). ``check_seconds`` spaces the state checks (``pat-graph serve``: one
    per second at most, so a load shows within a second; 0: every request).
    """

    def __init__(self, location: str | None = None, *, store: Store | None = None,
                 check_seconds: float = 0.0, **options: Any) -> None:
        self._lock = threading.RLock()
        self.check_seconds = check_seconds
        self._checked = float("-inf")
        self._given = store
        self._options = options
        self._kept: Store | None = None
        if store is not None:
            self.location = store.location
        else:
            self.location = location
            if location and is_neo4j_uri(location):
                self._kept = open_store(location, **options)
        self._key: tuple | None = None
        self._stats: StoreStats | None = None
        self._graph: nx.MultiDiGraph | None = None
        self._memo: OrderedDict[Any, Any] = OrderedDict()
        self._dropped = 0  # answers dropped from the cache since the last collection
        self.loads_seen = 0  # how many times the cache was (re)filled: tests, logs

    @property
    def shown_location(self) -> str:
        """The store's location without credentials."""
        if self._given is not None or self._kept is not None:
            return (self._given or self._kept).location
        return redact(str(self.location or ""))

    @contextmanager
    def _store(self):
        if self._given is not None or self._kept is not None:
            yield self._given or self._kept
            return
        st = open_store(self.location, **self._options)
        try:
            yield st
        finally:
            st.close()

    def _refresh(self) -> None:
        """Empty the cache when the store's state changed since the last look."""
        now = time.monotonic()
        if self._key is not None and now - self._checked < self.check_seconds:
            return
        self._checked = now
        with self._store() as st:
            stats = st.stats()
            key = state_key(stats)
            if key != self._key:
                self._graph = None
                self._memo.clear()
                self._dropped = 0
                _thaw()  # the previous state's graph and answers can go
                self._graph = st.read_graph()
                self._key = key
                self.loads_seen += 1
                _freeze()
            self._stats = stats

    def stats(self) -> StoreStats:
        """The store's counts and loads (checked now)."""
        with self._lock:
            self._refresh()
            assert self._stats is not None
            return self._stats

    def graph(self) -> nx.MultiDiGraph:
        """The whole graph at the store's current state (read once per state)."""
        with self._lock:
            self._refresh()
            assert self._graph is not None
            return self._graph

    def memo(self, key: Any, compute: Callable[[], Any]) -> Any:
        """``compute()`` once per store state and ``key`` (at most :data:`MAX_CACHED` kept).

        Computations run under the workbench's lock: two requests for the same
        department never compute it twice. What is cached is kept out of the garbage
        collector's full collections (:func:`_freeze`) until the store state changes or
        a quarter of the cache has been dropped.
        """
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
            value = compute()
            self._memo[key] = value
            while len(self._memo) > MAX_CACHED:
                self._memo.popitem(last=False)
                self._dropped += 1
            if self._dropped >= MAX_CACHED // 4:
                self._dropped = 0
                _thaw()
            _freeze()
            return value

    # ------------------------------------------------------- the library's answers
    def analyses(self, as_of: str | None = None) -> Any:
        """:class:`pat_graph.report.Analyses` of the graph as of ``as_of`` (cached)."""
        from pat_graph.report import Analyses

        graph = self.graph()  # checks the store's state first (a load empties the cache)
        return self.memo(("analyses", as_of), lambda: Analyses(graph, as_of))

    def ranking(self, as_of: str | None = None) -> list[Any]:
        """:func:`pat_graph.analytics.gap_index` with the departments without records."""
        from pat_graph import analytics

        an = self.analyses(as_of)
        return self.memo(("index", as_of),
                         lambda: analytics.gap_index(an.ctx, with_unrecorded=True))

    def records(self, as_of: str | None = None) -> dict[str, Any]:
        """:func:`pat_graph.analytics.record_coverage` by department code."""
        from pat_graph import analytics

        an = self.analyses(as_of)
        return self.memo(("records", as_of), lambda: analytics.record_coverage(an.ctx))

    def department_code(self, text: str, as_of: str | None = None) -> str:
        """The DANE code of the department ``text`` names (:func:`pat_graph.lookup.find`)."""
        from pat_graph.lookup import find

        return find(self.analyses(as_of).graph, text, "department").key

    def department_data(self, code: str, as_of: str | None = None) -> dict[str, Any]:
        """The department's ficha data, proposals (:func:`pat_graph.recommend.recommend`)
        and gaps, as the ficha computes them."""
        an = self.analyses(as_of)

        def compute() -> dict[str, Any]:
            from pat_graph.recommend import recommend
            from pat_graph.report import ficha
            from pat_graph.report.build import TOP_RECOMMENDATIONS

            f = ficha(an.ctx, code, analyses=an, recommendations=False)
            props = recommend(an.ctx, code, top=TOP_RECOMMENDATIONS)
            from pat_graph.analytics import readable

            return {"ficha": f, "proposals": props,
                    "gaps": [readable(an.graph, x) for x in an.gaps.get(code, [])]}
        return self.memo(("department", code, as_of), compute)

    def query_rows(self, name: str, values: dict[str, str]) -> list[dict[str, Any]]:
        """The rows of the library query ``name`` with ``values`` as people write them
        (:func:`pat_graph.query_library.run_query` on this store: Neo4j runs the Cypher,
        SQLite the Python answer over the cached graph), once per store state.

        The whole store answers: the queries have no fecha de corte of their own.
        """
        from pat_graph.query_library import run_query

        graph = self.graph()

        def compute() -> list[dict[str, Any]]:
            with self._store() as st:
                return run_query(st, name, values, graph=graph)
        return self.memo(("query", name, tuple(sorted(values.items()))), compute)

    def load(self, paths: list[Any], *, dry_run: bool = False, strict: bool = False,
             extra_sources: tuple[str, ...] = ()) -> Any:
        """:func:`pat_graph.ingest.load_paths` into this store (``dry_run``: validate only,
        nothing written), under the workbench's lock; after a real load the next page
        sees the new state at once (the cache is emptied, whatever ``check_seconds``)."""
        from pat_graph.ingest import load_paths

        with self._lock, self._store() as st:
            try:
                return load_paths(paths, st, dry_run=dry_run, strict=strict,
                                  extra_sources=extra_sources)
            finally:
                if not dry_run:
                    self._key = None  # look at the store again on the next request

    def department_view(self, code: str, as_of: str | None = None) -> Any:
        """The department's network view (:func:`pat_graph.viz.department_view`, with its
        gaps and the recommender's proposals drawn), as its page and the viewer show it."""
        from pat_graph.viz import department_view

        d = self.department_data(code, as_of)
        recs = [(p.actor_ids[0], p.actor_ids[1], p.explanation) for p in d["proposals"]
                if len(p.actor_ids) == 2]
        graph = self.analyses(as_of).graph
        return self.memo(("view-department", code, as_of), lambda: department_view(
            graph, code, gaps=True, recommendations=recs))
    def changes(self, desde: str, hasta: str, department: str | None = None) -> Any:
        """:func:`pat_graph.analytics.changes.changes` between two ISO dates (of the whole
        graph or a department), on the cached contexts and indexes of both dates."""
        from pat_graph.analytics.changes import changes

        graph = self.graph()
        a, b = self.analyses(desde), self.analyses(hasta)
        return self.memo(("changes", desde, hasta, department), lambda: changes(
            graph, desde, hasta, department=department, contexts=(a.ctx, b.ctx),
            indexes=(self.ranking(desde), self.ranking(hasta))))

    def warm(self) -> None:
        """Compute what the first visits need (index, coverage, the recommender's model
        through the worst department) before anyone asks: ``pat-graph serve`` runs it in
        the background at start."""
        index = self.ranking(None)
        self.records(None)
        if index and index[0].score is not None:
            self.department_data(index[0].department_code, None)

    def close(self) -> None:
        if self._kept is not None:
            self._kept.close()
            self._kept = None


__all__ = ["MAX_CACHED", "Workbench"]
