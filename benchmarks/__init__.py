"""pat-graph benchmarks: one harness (``python -m benchmarks run``) over the per-area scripts.

The per-area scripts (``neo4j_load.py``, ``analytics_bench.py``, ``viz_bench.py``)
still run on their own; the harness imports their functions. Not part of the
test suite (no timed tests); ``tests/test_benchmarks.py`` only smoke-tests it.
"""
