"""Hostile or careless use of the CLI (issue 23, outside the loader): the demo swaps its
records in instead of emptying the store first; escape sequences in names are shown
escaped; ``$…$`` names do not crash a chart; ``--json`` never prints a bare ``NaN``; a
bad ``--escala`` is a clean error; read-only commands leave the store's files alone;
no Cypher statement uses the ``CALL { WITH … }`` form Neo4j 5 deprecates.
"""

from __future__ import annotations

import json
import math
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.cli.common import emit, output_options
from pat_graph.ingest import load_paths
from pat_graph.model import NodeRecord, RecordBatch
from pat_graph.pipeline import run_demo
from pat_graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SMALL = Path(__file__).parent / "data" / "pat_small"
SCALE = 0.05
ESC = "\x1b[31m"


def store_state(db: Path) -> tuple[dict, dict, int]:
    with open_store(str(db)) as st:
        s = st.stats()
        return dict(s.nodes_by_label), dict(s.edges_by_type), len(s.loads)


def files_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of ``folder`` with its mtime (ns) and bytes."""
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(folder.iterdir())
            if p.is_file()}


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(main, args, catch_exceptions=True)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        repr(result.exception)
    return result.exit_code, result.output


# ------------------------------------------------------------------------ demo swap
@pytest.mark.parametrize("replace", [False, True])
def test_demo_with_unwritable_salida_leaves_the_store_as_it_was(tmp_path, replace):
    db = tmp_path / "s.sqlite"
    with open_store(str(db)) as st:
        if replace:
            load_paths([SMALL], st)  # an analyst's own records
        else:
            run_demo(tmp_path / "first", st, seed=1, scale=SCALE)  # an earlier demo
    before = store_state(db)
    blocker = tmp_path / "salida"
    blocker.write_text("un archivo, no una carpeta")
    # a folder under a file: it passes the option's check and fails when written
    code, out = run(["demo", "--salida", str(blocker / "demo"), "--almacen", str(db), "--escala",
                     str(SCALE), *(["--reemplazar"] if replace else [])])
    assert code != 0 and "Error:" in out
    assert store_state(db) == before
    assert before[0].get("Actor")


def test_demo_killed_during_the_swap_leaves_the_store_as_it_was(tmp_path):
    db = tmp_path / "s.sqlite"
    with open_store(str(db)) as st:
        load_paths([SMALL], st)
    before = store_state(db)
    journal = Path(f"{db}-journal")
    code = ("import sys; from pat_graph.cli import main; sys.argv[0] = 'pat-graph'; main()")
    env = os.environ | {"PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", code, "demo", "--salida", str(tmp_path / "demo"), "--almacen",
         str(db), "--escala", "0.5", "--reemplazar"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    data = tmp_path / "demo" / "datos"
    # kill inside the first write transaction that starts after the data is generated
    while not (data.is_dir() and any(data.iterdir())) and proc.poll() is None \
            and time.monotonic() < deadline:
        time.sleep(0.005)
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    in_transaction = journal.exists()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert in_transaction, "the demo finished before it could be killed during its load"
    assert store_state(db) == before  # the hot journal is rolled back on opening
    with open_store(str(db)) as st:
        assert st._db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_second_demo_still_replaces_the_first_in_one_write(tmp_path):
    db = tmp_path / "s.sqlite"
    with open_store(str(db)) as st:
        run_demo(tmp_path / "a", st, seed=1, scale=SCALE)
        result = run_demo(tmp_path / "b", st, seed=2, scale=SCALE)
        assert result.replaced and len(st.stats().loads) == 1
    with open_store(str(tmp_path / "fresh.sqlite")) as fresh:
        run_demo(tmp_path / "c", fresh, seed=2, scale=SCALE)
        assert store_state(db)[:2] == store_state(tmp_path / "fresh.sqlite")[:2]


@pytest.mark.parametrize("scale", ["0", "-1", "nan", "inf", "-inf"])
def test_demo_bad_escala_is_a_clean_error(tmp_path, scale):
    code, out = run(["demo", "--salida", str(tmp_path / "d"), "--almacen",
                     str(tmp_path / "s.sqlite"), "--escala", scale])
    assert code == 2 and "--escala" in out and "mayor que 0" in out
    assert not (tmp_path / "d").exists()


# ------------------------------------------------------------ escapes in names
@pytest.fixture
def hostile_store(tmp_path) -> Path:
    """The small store with actor A-01 named with an escape sequence and programme P-01
    named with mathtext."""
    db = tmp_path / "h.sqlite"
    with open_store(str(db)) as st:
        load_paths([SMALL], st)
        g = st.read_graph()
        nodes = []
        for nid, name in (("Actor:A-01", f"Ministerio {ESC}del Trabajo\x1b[0m"),
                          ("Program:P-01", r"Fondo $\frac$ de $US 5$ empleo")):
            data = dict(g.nodes[nid])
            label, key = nid.split(":", 1)
            props = {k: v for k, v in data.items()
                     if k not in ("label", "id", "source", "row", "loaded_at")}
            nodes.append(NodeRecord(label, key, props | {"name": name}, data["source"],
                                    data["row"]))
        st.write(RecordBatch(nodes=nodes))
        assert ESC in st.read_graph().nodes["Actor:A-01"]["name"]
    return db


def test_viz_confirmation_shows_escapes_escaped(hostile_store, tmp_path):
    code, out = run(["viz", "--actor", "A-01", "--almacen", str(hostile_store), "--salida",
                     str(tmp_path / "a.html")])
    assert code == 0, out
    assert "\x1b" not in out and r"\x1b[31m" in out


def test_csv_to_a_terminal_or_pipe_shows_escapes_escaped(hostile_store):
    code, out = run(["buscar", "Ministerio", "--almacen", str(hostile_store), "--csv"])
    assert code == 0, out
    assert "\x1b" not in out and r"\x1b[31m" in out


def test_errors_and_tables_show_escapes_escaped(hostile_store):
    code, out = run(["actor", "Ministerio", "--almacen", str(hostile_store)])
    assert "\x1b" not in out
    code, out = run(["actor", f"no existe {ESC}", "--almacen", str(hostile_store)])
    assert code == 2 and "\x1b" not in out and r"\x1b[31m" in out


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_chart_with_a_mathtext_programme_name(hostile_store, tmp_path, suffix):
    out = tmp_path / f"cobertura{suffix}"
    code, text = run(["chart", "cobertura", "--almacen", str(hostile_store), "-o", str(out)])
    assert code == 0, text
    assert out.stat().st_size > 1000


# ------------------------------------------------------------------------ JSON
def test_json_never_prints_a_bare_nan():
    @click.command()
    @output_options
    def cmd(fmt):
        emit([{"a": math.nan, "b": [math.inf, 1.5], "c": -math.inf, "d": "x"}], fmt)

    out = CliRunner().invoke(cmd, ["--json"]).output
    assert "NaN" not in out and "Infinity" not in out
    assert json.loads(out) == [{"a": None, "b": [None, 1.5], "c": None, "d": "x"}]


def test_stats_json_is_standard_json(hostile_store):
    code, out = run(["stats", "--almacen", str(hostile_store), "--json"])
    assert code == 0
    json.loads(out, parse_constant=lambda c: pytest.fail(f"bare {c} in --json"))


# ------------------------------------------------------------ read-only commands
READ_ONLY = [
    ["stats"], ["stats", "--json"], ["gaps"], ["gaps", "--csv"], ["linkages"], ["brokers"],
    ["cobertura"], ["buscar", "SENA"], ["actor", "SENA"], ["recommend", "--departamento", "50"],
]


def test_read_only_commands_leave_the_store_files_alone(tmp_path):
    folder = tmp_path / "almacen"
    folder.mkdir()
    db = folder / "s.sqlite"
    with open_store(str(db)) as st:
        load_paths([SMALL], st)
    time.sleep(0.01)
    before = files_of(folder)
    names = sorted(p.name for p in folder.iterdir())
    for args in READ_ONLY:
        run([*args, "--almacen", str(db)])
        assert files_of(folder) == before, args
        assert sorted(p.name for p in folder.iterdir()) == names, args  # no folder either
    run(["viz", "--departamento", "50", "--almacen", str(db), "--salida",
         str(tmp_path / "v.html")])
    run(["chart", "ranking", "--almacen", str(db), "-o", str(tmp_path / "r.png")])
    assert files_of(folder) == before


# ------------------------------------------------------------------------ Cypher
def test_no_cypher_statement_uses_call_with():
    """``CALL { WITH x … }`` is deprecated in Neo4j 5: the variable scope clause
    ``CALL (x) { … }`` imports variables instead."""
    found = []
    for path in sorted((ROOT / "pat_graph" / "cypher").rglob("*.cypher")):
        text = re.sub(r"//[^\n]*", "", path.read_text(encoding="utf-8"))
        for m in re.finditer(r"\bCALL\s*\{\s*WITH\b", text, re.IGNORECASE):
            found.append(f"{path.name}:{text[:m.start()].count(chr(10)) + 1}")
    assert not found, found

