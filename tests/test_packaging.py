"""What the package needs to import and run: no POSIX-only module on the way to the
CLI and the fichas, and dependencies in pyproject.toml that say what the code imports."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from importlib import metadata
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


# ------------------------------------------------------------------ declared dependencies
#: import names of distributions that may be missing here (their installed files say it
#: otherwise): only needed when such a distribution is declared but not installed
NOT_INSTALLED_IMPORT_NAMES = {"python-igraph": {"igraph"}}


def _norm(dist: str) -> str:
    return re.sub(r"[-_.]+", "-", dist).lower()


def _requirements(specs: list[str]) -> list[str]:
    return [_norm(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", spec).group(0)) for spec in specs]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _provides(dist: str) -> set[str]:
    """Top-level import names a distribution installs (from its file list)."""
    try:
        files = metadata.distribution(dist).files or []
    except metadata.PackageNotFoundError:
        return NOT_INSTALLED_IMPORT_NAMES.get(dist, {dist.replace("-", "_")})
    tops = set()
    for f in files:
        top = f.parts[0]
        if top.endswith((".dist-info", ".egg-info", ".pth")) or top in ("..", "__pycache__"):
            continue
        tops.add(top.split(".", 1)[0])  # module.py, module.cpython-311-x86_64-linux-gnu.so
    return tops


#: folders whose modules the tests and benchmarks import by bare name (put on sys.path)
SCRIPT_DIRS = (ROOT / "tests", ROOT / "benchmarks")


def _imports(folder: Path) -> dict[str, set[str]]:
    """Third-party top-level modules imported by the .py files of ``folder`` -> those files."""
    local = {"pat_graph", "benchmarks"}
    if folder != PACKAGE:  # the package itself imports only absolutely
        local |= {p.stem for d in SCRIPT_DIRS for p in d.glob("*.py")}
    found: dict[str, set[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top not in sys.stdlib_module_names and top not in local:
                    found.setdefault(top, set()).add(path.relative_to(ROOT).as_posix())
    return found


def _check(imported: dict[str, set[str]], declared: list[str]) -> list[str]:
    provided = {dist: _provides(dist) for dist in declared}
    return [f"{module} (imported by {', '.join(sorted(files)[:3])}) is not declared"
            for module, files in sorted(imported.items())
            if not any(module in tops for tops in provided.values())]


def test_runtime_dependencies_are_what_the_package_imports():
    """Each third-party module imported in pat_graph/ is declared in [project].dependencies,
    and each declared dependency installs a module that pat_graph/ imports."""
    declared = _requirements(_project()["dependencies"])
    imported = _imports(PACKAGE)
    assert {"jinja2", "markupsafe", "numpy", "scipy", "pyvis", "networkx"} <= set(imported)
    assert _check(imported, declared) == []
    unused = [dist for dist in declared if not _provides(dist) & set(imported)]
    assert unused == [], f"declared but never imported by pat_graph/: {unused}"


def test_tests_and_benchmarks_imports_are_declared():
    """tests/ may use the runtime and `test` dependencies, benchmarks/ also the `bench` ones
    (python-igraph is imported as igraph)."""
    project = _project()
    runtime = _requirements(project["dependencies"])
    extras = {k: _requirements(v) for k, v in project["optional-dependencies"].items()}
    assert _check(_imports(ROOT / "tests"), runtime + extras["test"]) == []
    assert _check(_imports(ROOT / "benchmarks"), runtime + extras["bench"]) == []


def test_the_check_sees_an_undeclared_import():
    """The checks can fail: a module nobody declares, and a declaration nobody imports."""
    assert _check({"yaml": {"x.py"}}, ["jinja2"]) == ["yaml (imported by x.py) is not declared"]
    assert _check({"igraph": {"b.py"}}, _requirements(["python-igraph>=0.11"])) == []
    assert not _provides("neo4j-rust-ext") & {"yaml", "click"}
