"""What the package needs to import and run: no POSIX-only module on the way to the
CLI and the fichas, and dependencies in pyproject.toml that say what the code imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "pat_graph"


def _run_poisoned(body: str) -> subprocess.CompletedProcess:
    """Run ``body`` in a fresh interpreter where ``import fcntl`` raises ImportError."""
    code = "import sys\nsys.modules['fcntl'] = None\n" + body
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


def test_report_and_cli_never_import_fcntl():
    """``fcntl`` does not exist on Windows: the CLI, the fichas (PDF included) and every other
    module of the package import without it (commands import their modules lazily, so all
    modules are imported, not only the entry points)."""
    proc = _run_poisoned(
        "import pkgutil, importlib, pat_graph\n"
        "import pat_graph.report, pat_graph.report.pdf, pat_graph.cli\n"
        "names = [m.name for m in pkgutil.walk_packages(pat_graph.__path__, 'pat_graph.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "assert sys.modules['fcntl'] is None\n"
        "print(len(names))\n")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert int(proc.stdout) > 50  # the walk reached the whole package


def test_poisoned_fcntl_is_detected():
    """The poison works: the DevTools client of the tests, which needs fcntl, fails under it."""
    proc = _run_poisoned(f"sys.path.insert(0, {str(ROOT / 'tests')!r})\nimport cdp\n")
    assert proc.returncode != 0 and "fcntl" in proc.stderr
