"""The import structure of ``pat_graph`` (issue 18): no module imports itself back through
other modules, and no package hides a sub-module behind a function of the same name.

Every module is read with :mod:`ast` (nothing is imported), so the graph covers what a
run may import, not only what one run happened to: module-level imports (those under
``if TYPE_CHECKING:`` too: a type that cannot be named without a cycle is a dependency
all the same), imports inside functions (the usual way to hide a cycle), relative
imports (``from . import x``) and ``importlib.import_module("pat_graph....")`` with a
literal name, or an f-string whose fixed start names a package (``f"pat_graph.cli.{n}"``
may reach every module of ``pat_graph.cli``).

An edge goes to the module that is read: ``from pat_graph.a import b`` points at
``pat_graph.a.b`` when ``b`` is a sub-module, else at ``pat_graph.a`` (its
``__init__``). Reading ``pat_graph.a.b`` from outside ``pat_graph.a`` runs
``pat_graph/a/__init__.py`` first, so it points at ``pat_graph.a`` too. A package's
``__init__`` that imports its own sub-modules is not a cycle by itself; it becomes one
when a sub-module imports the package back.
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]

#: Simple cycles listed per strongly connected component (the component is always named).
MAX_CYCLES_SHOWN = 12


def module_files(root: Path, package: str) -> dict[str, Path]:
    """Dotted module name -> source file, for every ``.py`` under ``root / package``."""
    out: dict[str, Path] = {}
    for path in sorted((root / package).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _target(name: str, modules: dict[str, Path]) -> str | None:
    """``name`` if it is a module, else the longest prefix of it that is one."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _absolute(module: str, is_package: bool, level: int, name: str | None) -> str:
    """The absolute module that ``from <level dots><name> import ...`` reads in ``module``."""
    if level == 0:
        return name or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _import_module_target(call: ast.Call, package: str, modules: dict[str, Path]) -> set[str]:
    """The modules an ``importlib.import_module(...)`` / ``__import__(...)`` call may read."""
    func = call.func
    named = (isinstance(func, ast.Attribute) and func.attr == "import_module") or (
        isinstance(func, ast.Name) and func.id in ("import_module", "__import__"))
    if not named or not call.args:
        return set()
    arg = call.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        hit = _target(arg.value, modules)
        return {hit} if hit else set()
    if isinstance(arg, ast.JoinedStr) and arg.values:
        head = arg.values[0]
        if isinstance(head, ast.Constant) and isinstance(head.value, str):
            prefix = head.value
            if prefix.startswith(package + ".") and prefix.endswith("."):
                return {m for m in modules if m.startswith(prefix) or m == prefix[:-1]}
    return set()


def imports_of(module: str, path: Path, package: str,
               modules: dict[str, Path]) -> set[str]:
    """The ``package`` modules that ``module`` (source ``path``) may import, anywhere in it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                hit = _target(alias.name, modules)
                if hit:
                    out.add(hit)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                hit = _target(f"{base}.{alias.name}", modules) if alias.name != "*" else None
                if hit != f"{base}.{alias.name}":
                    hit = _target(base, modules)
                if hit:
                    out.add(hit)
        elif isinstance(node, ast.Call):
            out |= _import_module_target(node, package, modules)
    # Reading pat_graph.a.b runs pat_graph/a/__init__.py first, unless the reader is
    # inside pat_graph.a (then that package is already being set up).
    for target in list(out):
        parts = target.split(".")
        for i in range(2, len(parts)):
            parent = ".".join(parts[:i])
            if parent in modules and not (module == parent or module.startswith(parent + ".")):
                out.add(parent)
    out.discard(module)
    return {m for m in out if m == package or m.startswith(package + ".")}


def import_graph(root: Path, package: str) -> nx.DiGraph:
    """Module -> module it may import, inside ``package``."""
    modules = module_files(root, package)
    graph = nx.DiGraph()
    graph.add_nodes_from(modules)
    for name, path in modules.items():
        graph.add_edges_from((name, target) for target in imports_of(name, path, package, modules))
    return graph


def import_cycles(graph: nx.DiGraph) -> list[tuple[list[str], list[list[str]]]]:
    """Each strongly connected component of more than one module (sorted), with up to
    :data:`MAX_CYCLES_SHOWN` of its simple cycles, shortest first."""
    out = []
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        sub = graph.subgraph(component)
        cycles: list[list[str]] = []
        for bound in range(2, len(component) + 1):
            found = [c for c in nx.simple_cycles(sub, length_bound=bound) if len(c) == bound]
            for cycle in sorted(found):
                start = cycle.index(min(cycle))
                cycles.append(cycle[start:] + cycle[:start])
            if len(cycles) >= MAX_CYCLES_SHOWN:
                break
        out.append((sorted(component), cycles[:MAX_CYCLES_SHOWN]))
    return sorted(out)


def _bound_names(tree: ast.Module, module: str, is_package: bool) -> list[tuple[str, str, int]]:
    """(name, what it is bound to, line) for the top-level bindings of a module: an
    imported ``module.attr`` (or module) path, ``def``/``class``, or an assignment."""
    out: list[tuple[str, str, int]] = []
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            base = _absolute(module, is_package, node.level, node.module)
            for alias in node.names:
                if alias.name != "*":
                    out.append((alias.asname or alias.name, f"{base}.{alias.name}", node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname:
                    out.append((alias.asname, alias.name, node.lineno))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            out.append((node.name, f"{module}.{node.name} (defined here)", node.lineno))
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name):
                    out.append((target.id, f"{module}.{target.id} (assigned here)", node.lineno))
    return out


def shadowed_submodules(root: Path, package: str) -> list[str]:
    """Every name a package binds at its top level that is also one of its sub-modules,
    bound to something other than that sub-module: ``pat_graph.x.gaps`` would then be a
    module to ``import`` and a function to ``getattr``, depending on the import order."""
    modules = module_files(root, package)
    out: list[str] = []
    for name, path in modules.items():
        if path.name != "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for bound, source, line in _bound_names(tree, name, is_package=True):
            submodule = f"{name}.{bound}"
            if submodule in modules and source != submodule:
                out.append(f"{path.relative_to(root)}:{line}: {submodule} is a module and "
                           f"is also bound to {source}")
    return out


def _describe(cycles: list[tuple[list[str], list[list[str]]]]) -> str:
    lines = []
    for component, shown in cycles:
        lines.append(f"{len(component)} modules import each other: {', '.join(component)}")
        lines.extend("    " + " -> ".join([*c, c[0]]) for c in shown)
    return "\n".join(lines)


# ------------------------------------------------------------------ the detector itself
def _write_package(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_detector_finds_every_kind_of_import_in_a_cycle(tmp_path: Path) -> None:
    _write_package(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/a.py": "from pkg.b import thing\n",
        "pkg/b.py": "def thing():\n    from . import c\n    return c\n",
        "pkg/c.py": "import importlib\nimportlib.import_module('pkg.a')\n",
        "pkg/sub/__init__.py": "from pkg.sub import d\n",
        "pkg/sub/d.py": "from ..e import x\n",
        "pkg/e.py": "import importlib\nx = lambda n: importlib.import_module(f'pkg.sub.{n}')\n",
        "pkg/free.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        # through a package's __init__: reading pkg.one.x runs pkg/one/__init__.py
        "pkg/one/__init__.py": "from pkg.two.y import Y\n",
        "pkg/one/x.py": "X = 1\n",
        "pkg/two/__init__.py": "",
        "pkg/two/y.py": "from pkg.one.x import X\nY = X\n",
    })
    graph = import_graph(tmp_path, "pkg")
    assert graph.has_edge("pkg.free", "pkg.a")
    assert graph.has_edge("pkg.sub", "pkg.sub.d")
    cycles = import_cycles(graph)
    assert [component for component, _ in cycles] == [
        ["pkg.a", "pkg.b", "pkg.c"], ["pkg.e", "pkg.sub", "pkg.sub.d"],
        ["pkg.one", "pkg.two.y"]]
    assert not graph.has_edge("pkg.two.y", "pkg.two")  # its own package is already running
    assert cycles[0][1] == [["pkg.a", "pkg.b", "pkg.c"]]
    assert ["pkg.e", "pkg.sub.d"] in cycles[1][1]


def test_detector_finds_a_function_bound_over_its_module(tmp_path: Path) -> None:
    _write_package(tmp_path, {
        "pkg/__init__.py": "from pkg.gaps import gaps\nfrom . import tools\nfrom .tools import go\n",
        "pkg/gaps.py": "def gaps():\n    return 1\n",
        "pkg/tools.py": "def go():\n    return 2\n",
        "pkg/sub/__init__.py": "def helper():\n    pass\nfrom pkg.sub.helper import helper as hp\n",
        "pkg/sub/helper.py": "def helper():\n    pass\n",
    })
    found = shadowed_submodules(tmp_path, "pkg")
    assert len(found) == 2, found
    assert "pkg.gaps is a module and is also bound to pkg.gaps.gaps" in found[0]
    assert "pkg.sub.helper is a module and is also bound to pkg.sub.helper (defined here)" \
        in found[1]


# ------------------------------------------------------------------------ the package
def test_the_graph_sees_pat_graph() -> None:
    graph = import_graph(ROOT, "pat_graph")
    assert graph.number_of_nodes() > 50
    # the CLI loads its command modules by an f-string name
    assert graph.has_edge("pat_graph.cli", "pat_graph.cli.core")


def test_no_import_cycles_in_pat_graph() -> None:
    cycles = import_cycles(import_graph(ROOT, "pat_graph"))
    assert not cycles, "import cycles inside pat_graph:\n" + _describe(cycles)


def test_no_package_binds_a_name_over_its_own_submodule() -> None:
    found = shadowed_submodules(ROOT, "pat_graph")
    assert not found, "\n".join(found)
