"""The code style the project keeps (ruff, configured in pyproject.toml) is checked with the
tests, so `python -m pytest` — the command CI runs — catches a lint regression too."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import in_ci

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_finds_nothing() -> None:
    if importlib.util.find_spec("ruff") is None:
        message = "ruff is not installed (pip install -e '.[test]')"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    proc = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "."],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
