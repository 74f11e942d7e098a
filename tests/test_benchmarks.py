"""Smoke test of the benchmark harness (no timing asserted): a tiny scale, no Neo4j, no browser."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_harness_writes_results_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "run", "--scale", "0.02", "--no-neo4j",
         "--no-browser", "--phases", "gaps", "recommend", "recommend_eval", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["ram_gb"] > 0 and machine["python"]
    assert "neo4j_server_version" not in machine  # --no-neo4j: no server started
    [scale] = results["scales"]
    assert scale["scale"] == 0.02 and scale["ties"] > 0
    assert list(scale["phases"]) == ["generate", "sqlite_load", "sqlite_read", "gaps",
                                     "recommend", "recommend_eval"]
    for name, phase in scale["phases"].items():
        assert "error" not in phase, (name, phase.get("error"))
        assert phase["phase"] == name
        assert phase["seconds"] > 0 and phase["peak_rss_mb"] > 0
        assert "rows" in phase and "rows_per_s" in phase and "load_avg_1m" in phase
    assert scale["phases"]["sqlite_load"]["rows"] > 0
    assert scale["phases"]["sqlite_load"]["rows_per_s"] > 0
    assert "| scale | phase | seconds |" in proc.stdout
