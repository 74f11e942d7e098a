"""`.ci/run` runs the README's test command from a clean clone, and fails when a test fails."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]


def _readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", text, re.S)
    assert block, "README must open with a code block of the two set-up commands"
    lines = [ln.strip() for ln in block.group(1).splitlines()
             if ln.strip() and not ln.strip().startswith("#")]
    assert len(lines) == 2, f"README's first block must hold exactly two commands: {lines}"
    return lines[1]


def test_ci_runs_the_readme_test_command():
    command = _readme_test_command()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci, f"`.ci/run` must run the README's test command literally: {command}"


@pytest.mark.slow
@pytest.mark.parametrize("probe, expected", [("assert 1 + 1 == 2", 0), ("assert 1 + 1 == 3", 1)])
def test_ci_run_from_a_clean_clone(tmp_path, probe, expected):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    if not (clone / ".ci" / "run").exists():
        pytest.fail(".ci/run is not committed")
    (clone / "tests" / "test_probe.py").write_text(f"def test_probe():\n    {probe}\n")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)],
                   check=True)
    env = dict(os.environ)
    env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
    env["VIRTUAL_ENV"] = str(venv)
    env["PYTEST_ADDOPTS"] = "tests/test_probe.py -p no:cacheprovider"
    env.pop("PYTHONPATH", None)
    proc = subprocess.run(["bash", ".ci/run"], cwd=clone, env=env, capture_output=True,
                          text=True, timeout=900)
    out = proc.stdout + proc.stderr
    assert ("1 passed" if expected == 0 else "1 failed") in out, out[-3000:]
    assert (proc.returncode == 0) == (expected == 0), out[-3000:]
