"""Tests of the benchmark harness (no timing asserted): a tiny scale; one test loads Neo4j."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_harness_writes_results_json(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "benchmarks", "run", "--scale", "0.02", "--no-neo4j",
         "--no-browser", "--phases", "gaps", "recommend", "recommend_eval", "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=180,
        # every phase counts as short (repeated) however loaded the machine is
        env={**os.environ, "PAT_BENCH_REPEATS": "2", "PAT_BENCH_REPEAT_BELOW_S": "1000"})
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
        assert phase["cpu_ref_ms"] > 0  # the machine's speed just before the phase
    assert scale["phases"]["sqlite_load"]["rows"] > 0
    assert scale["phases"]["sqlite_load"]["rows_per_s"] > 0
    assert "| scale | phase | seconds |" in proc.stdout
    assert machine["cpu_ref_ms_at_start"] > 0 and machine["cpu_ref_ms_at_end"] > 0
    assert "CPU reference" in proc.stdout and "| CPU ref ms |" in proc.stdout
    # every phase is short at this scale: run twice in fresh processes, the faster kept
    for phase in scale["phases"].values():
        assert len(phase["runs_s"]) == 2 and round(phase["seconds"], 4) == min(phase["runs_s"])
    assert "short phases, median of 2 runs: generate " in proc.stdout


def test_short_phases_keep_the_run_of_median_time(monkeypatch: pytest.MonkeyPatch) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import harness

    calls: list[str] = []

    def scripted(times: list[float | None]):
        def run_one(name: str, work: object, env: dict) -> dict:
            calls.append(name)
            t = times[len(calls) - 1]
            return {"phase": name, "error": "falló"} if t is None else \
                {"phase": name, "seconds": t, "run": len(calls)}
        return run_one

    monkeypatch.setattr(harness, "REPEATS", 3)
    monkeypatch.setattr(harness, "REPEAT_BELOW_S", 5.0)
    r = harness.run_repeated("gaps", None, {}, scripted([0.8, 0.6, 0.7]))
    assert (r["seconds"], r["run"], r["runs_s"]) == (0.7, 3, [0.8, 0.6, 0.7])
    calls.clear()  # a long phase runs once
    assert "runs_s" not in harness.run_repeated("gaps", None, {}, scripted([8.0]))
    calls.clear()  # the Neo4j phases take the median of their own loads
    assert harness.run_repeated("neo4j_batched", None, {}, scripted([0.9])) == \
        {"phase": "neo4j_batched", "seconds": 0.9, "run": 1}
    calls.clear()  # a failed repeat is listed, the median taken over the others
    r = harness.run_repeated("viz", None, {}, scripted([0.5, None, 0.4]))
    assert (r["seconds"], r["runs_s"]) == (0.4, [0.5, None, 0.4])
    calls.clear()  # a failed first run is reported as it is
    assert "error" in harness.run_repeated("viz", None, {}, scripted([None]))
    assert len(calls) == 1


def test_fast_kernel_calls_are_timed_as_the_median_of_several() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks import kernels

    n = [0]

    def fast() -> int:
        n[0] += 1
        return n[0]

    seconds, result = kernels._timed_result(fast)
    assert n[0] == kernels.FAST_REPEATS and result == kernels.FAST_REPEATS
    assert 0 <= seconds < kernels.FAST_S


def test_growth_divides_by_ties_and_by_each_phase_own_work() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.harness import details, growth, targets

    def scale(x: float, ties: int, gaps_s: float, work: int, kernels_s: float,
              igraph_s: float) -> dict:
        return {"scale": x, "ties": ties, "relationships": ties * 2, "phases": {
            "gaps": {"seconds": gaps_s, "work": work, "work_unit": "actor-network ties",
                     "peak_rss_mb": 10.0},
            "kernels": {"seconds": kernels_s + igraph_s, "ours_s": kernels_s,
                        "igraph_s": igraph_s},
        }}

    scales = [scale(1, 100, 1.0, 1000, 2.0, 0.5), scale(10, 1000, 30.0, 20000, 4.0, 2.0)]
    g = growth(scales)
    gaps = g["phases"]["gaps"]
    assert gaps["time_ratio"] == 30.0 and gaps["time_growth_over_ties_growth"] == 3.0
    assert gaps["work_ratio"] == 20.0 and gaps["time_growth_over_work_growth"] == 1.5
    kernels = g["phases"]["kernels"]
    assert "work_ratio" not in kernels and kernels["igraph_time_ratio"] == 4.0
    assert kernels["time_ratio"] == 2.0  # ours only (4.0 / 2.0), not ours + igraph
    t = targets(scales, g)
    assert t["growth_gaps_time_over_ties"]["met"] is False
    assert t["growth_gaps_time_over_work"] == {
        "value": 1.5, "target": "<= 1.5", "met": True,
        "note": "1.0 = linear in actor-network ties"}
    text = details({"scales": scales, "growth": g, "targets": t})
    assert "1.50 of the growth of its actor-network ties, x20.0" in text
    assert "igraph x4.0" in text



def test_each_kernel_grows_over_the_ties_it_walks() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.harness import details, growth, targets

    def scale(x: float, ties: int, actors: int, bc: float, cut: float, ig_bc: float) -> dict:
        kernels = {"betweenness": {"ours_s": bc, "igraph_s": ig_bc},
                   "articulation_points": {"ours_s": cut, "igraph_s": cut / 2}}
        return {"scale": x, "ties": ties, "relationships": ties, "phases": {
            "kernels": {"seconds": bc + cut, "ours_s": bc + cut, "rows": ties * 3,
                        "work": actors * ties * 3, "kernels": kernels}}}

    # ties x10, actors x4: betweenness x40 is linear in actors × ties, cut vertices x20 not
    scales = [scale(1, 100, 50, 1.0, 0.1, 2.0), scale(10, 1000, 200, 40.0, 2.0, 160.0)]
    g = growth(scales)
    bc, cut = g["kernels"]["betweenness"], g["kernels"]["articulation_points"]
    assert bc["time_ratio"] == 40.0 and bc["network_ties_ratio"] == 10.0
    assert bc["time_growth_over_actors_x_ties_growth"] == 1.0
    assert bc["igraph_time_ratio"] == 80.0
    assert cut["time_growth_over_network_ties_growth"] == 2.0
    assert "actors_x_ties_ratio" not in cut
    t = targets(scales, g)
    assert t["growth_kernel_betweenness_time_over_actors_x_ties"]["met"] is True
    assert t["growth_kernel_articulation_points_time_over_network_ties"]["met"] is False
    text = details({"scales": scales, "growth": g, "targets": t})
    assert "betweenness x40.0 (4.00 of network ties growth x10.0; 1.00 of actors × ties" in text


def test_details_list_every_neo4j_load_and_the_warm_up() -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.harness import details

    batched = {"batched_nodes_per_s": 1000.0, "batched_relationships_per_s": 2000.0,
               "reload_unchanged_rows_per_s": 3000.0, "batch_size": 5000, "loads": 3,
               "loads_rows_per_s": [1500, 1600, 1700], "warmup_rows_per_s": [200, 900]}
    load_csv = {"loads": 3, "loads_rows_per_s": [1100, 1200, 1300]}
    text = details({"scales": [{"scale": 1, "phases": {"neo4j_batched": batched,
                                                        "neo4j_load_csv": load_csv}}]})
    assert ("median of 3 loads: 1,500, 1,600, 1,700 rows/s; untimed warm-up loads before: "
            "200, 900 rows/s)") in text
    assert "x1 neo4j LOAD CSV: median of 3 loads: 1,100, 1,200, 1,300 rows/s\n" in text + "\n"
    assert "run again" not in text  # no retries: nothing said
    batched["loads_retries"] = [0, 1, 0]
    text = details({"scales": [{"scale": 1, "phases": {"neo4j_batched": batched}}]})
    assert ("1,700 rows/s; transactions run again per load: 0, 1, 0; untimed warm-up") in text


@pytest.mark.neo4j
def test_batched_load_is_one_write_timed_in_two_phases(neo4j_store, tmp_path: Path) -> None:
    from benchmarks.neo4j_load import bench_batched, demo_batch

    batch = demo_batch(0.05, tmp_path)
    writes = []
    real_write = neo4j_store.write

    def counting_write(b, **kwargs):
        writes.append((len(b.nodes), len(b.edges)))
        return real_write(b, **kwargs)

    neo4j_store.write = counting_write
    try:
        r = bench_batched(neo4j_store, batch, 200, repeats=2)
    finally:
        del neo4j_store.write
    full = (len(batch.nodes), len(batch.edges))
    assert writes == [full, full, full]  # two timed loads, then the unchanged reload
    assert r["loads"] == 2 and len(r["loads_rows_per_s"]) == 2
    assert len(r["loads_retries"]) == 2 and all(n >= 0 for n in r["loads_retries"])
    # the node and relationship rates add up to the whole load's time
    seconds = r["nodes"] / r["batched_nodes_per_s"] + r["relationships"] / r[
        "batched_relationships_per_s"]
    assert seconds == pytest.approx(r["batched_seconds"], rel=1e-9)
    assert r["batched_rows_per_s"] == pytest.approx(len(batch) / r["batched_seconds"])
    stats = neo4j_store.stats()  # everything written, once
    assert stats.nodes == len({(n.label, n.key) for n in batch.nodes})
    assert stats.edges == len({(e.type, e.start_key, e.end_key, e.ekey)
                               for e in batch.edges})
