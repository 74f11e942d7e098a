"""``python -m benchmarks run --scale 1 10 --out results.json`` (see benchmarks/harness.py)."""

from benchmarks.harness import main

raise SystemExit(main())
