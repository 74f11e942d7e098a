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
                self._graph = st.read_graph()
                self._memo.clear()
                self._key = key
                self.loads_seen += 1
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
        department never compute it twice.
        """
        with self._lock:
            if key in self._memo:
                self._memo.move_to_end(key)
                return self._memo[key]
            value = compute()
            self._memo[key] = value
            while len(self._memo) > MAX_CACHED:
                self._memo.popitem(last=False)
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
            return {"ficha": f, "proposals": props, "gaps": an.gaps.get(code, [])}
        return self.memo(("department", code, as_of), compute)

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
