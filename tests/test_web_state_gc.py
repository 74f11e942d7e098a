"""The workbench keeps its graph and cached answers out of the garbage collector's full
collections (they cost seconds at 10x in the middle of requests), and lets them go when
the store's state changes."""

from __future__ import annotations

import gc
import weakref

from web_fixtures import load_into

from pat_graph.store.sqlite import SQLiteStore
from pat_graph.web.state import MAX_CACHED, Workbench


def test_cache_is_frozen_and_released_on_a_new_state(tmp_path):
    path = tmp_path / "s.sqlite"
    SQLiteStore(path).close()
    wb = Workbench(str(path))
    first = wb.graph()
    assert gc.get_freeze_count() > 0
    old = weakref.ref(first)
    value = wb.memo(("x",), lambda: [object() for _ in range(10)])
    assert gc.get_freeze_count() > 0 and len(value) == 10
    del first, value
    with SQLiteStore(path) as st:
        load_into(st, tmp_path)
    assert wb.graph().number_of_nodes() > 0 and wb.loads_seen == 2
    assert old() is None  # the previous state's graph was collected
    assert gc.get_freeze_count() > 0


def test_dropped_answers_are_collected_after_a_quarter_of_the_cache(tmp_path):
    path = tmp_path / "s.sqlite"
    SQLiteStore(path).close()
    wb = Workbench(str(path))
    wb.graph()

    class Answer:
        pass

    refs = []
    for i in range(MAX_CACHED + MAX_CACHED // 4):
        a = Answer()
        a.me = a  # a cycle: only the collector frees it
        refs.append(weakref.ref(a))
        wb.memo(("k", i), lambda a=a: a)
        del a
    assert all(r() is None for r in refs[: MAX_CACHED // 4])  # dropped, then collected
    assert all(r() is not None for r in refs[-MAX_CACHED:])  # still cached
