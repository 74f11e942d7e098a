"""Fichas are byte-identical from run to run, whatever the interpreter's hash seed.

Two processes with different ``PYTHONHASHSEED`` render the same departments of the
same store: set and dict-of-sets iteration order must not leak into the page (the
network sketch's layout and edges, member lists with equal names, ...). Before the
fix the sketch of Antioquia and Bogotá and the instance members of Antioquia and
Boyacá changed with the hash seed at demo scale 0.1.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from demo_data import demo_store

ROOT = Path(__file__).resolve().parents[1]
AS_OF = "2024-12-31"
#: Antioquia and Bogotá have networks far larger than the sketch (subgraph views iterate
#: the kept-node set), Antioquia and Boyacá instances with members of the same name.
DEPARTMENTS = ("05", "11", "15")
HASH_SEEDS = ("1", "2")

CHILD = """
import sys
from pathlib import Path

from pat_graph import report
from pat_graph.store.sqlite import SQLiteStore

store_path, out, as_of, *codes = sys.argv[1:]
store = SQLiteStore(store_path)
g, loads = store.read_graph(), store.stats().loads
store.close()
an = report.Analyses(g, as_of)
files = {}
for code in codes:
    f = report.ficha(an.ctx, code, analyses=an, loads=loads)
    files[code] = report.file_name(f)
    (Path(out) / files[code]).write_text(report.render_ficha(f, generated=as_of),
                                         encoding="utf-8")
(Path(out) / report.INDEX_FILE).write_text(report.render_index(an, files), encoding="utf-8")
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("ficha-determinism"), 0.1)


def _render_in_processes(store: Path, root: Path) -> list[Path]:
    """Render the fichas once per hash seed, the processes side by side; their folders."""
    outs, procs = [], []
    for seed in HASH_SEEDS:
        out = root / f"hashseed-{seed}"
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        procs.append(subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store), str(out), AS_OF, *DEPARTMENTS],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
        outs.append(out)
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err
    return outs


def test_fichas_do_not_depend_on_the_hash_seed(store, tmp_path):
    first, second = _render_in_processes(store, tmp_path)
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in second.iterdir())
    assert len(names) == len(DEPARTMENTS) + 1 and "index.html" in names
    differ = [n for n in names if (first / n).read_bytes() != (second / n).read_bytes()]
    assert differ == [], f"output depends on PYTHONHASHSEED: {differ}"
