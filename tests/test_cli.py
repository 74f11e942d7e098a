"""The command line: help on every command, load exit codes, stats, demo end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pat_graph.cli import main

DATA = Path(__file__).parent / "data"


def _commands(group: click.Group, prefix: str = ""):
    for name, cmd in group.commands.items():
        yield f"{prefix}{name}", cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")


def test_every_command_has_spanish_help_with_an_example():
    runner = CliRunner()
    names = [n for n, _ in _commands(main)]
    assert {"demo", "load", "stats"} <= set(names)
    for name in names:
        result = runner.invoke(main, [*name.split(), "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "Ejemplo" in result.output, f"`pat-graph {name} --help` has no example"
        assert "pat-graph " in result.output.split("Ejemplo", 1)[1], name


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for name, _ in _commands(main):
        assert f"pat-graph {name}" in readme, f"README does not mention `pat-graph {name}`"


def test_load_ok_then_stats_json(tmp_path):
    store = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(DATA / "pat_small"), "--store", store])
    assert result.exit_code == 0, result.output
    assert "actores.csv (utf-8, ','): 9 filas, 9 aceptadas" in result.output
    result = runner.invoke(main, ["stats", "--json", "--store", store])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["nodes_by_label"]["Actor"] == 9
    assert data["actors_by_sector"] == {"publico": 5, "privado": 1, "academico": 1,
                                        "comunitario": 2}
    meta = next(d for d in data["departments"] if d["codigo"] == "50")
    assert (meta["actores"], meta["instancias"], meta["programas"]) == (5, 2, 2)


def test_load_with_rejects_exits_3_unless_allowed(tmp_path):
    folder = tmp_path / "d"
    shutil.copytree(DATA / "pat_small", folder)
    with (folder / "actores.csv").open("a", encoding="utf-8") as fh:
        fh.write("A-10,Actor malo,,publica,empresa,departamental,,Meta,,\n")
    store = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(folder), "--store", store,
                                  "--rechazos", str(tmp_path / "r.csv")])
    assert result.exit_code == 3
    assert "actores.csv:11 sector: valor 'publica' no válido" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith(
        "actores.csv,11,sector,")
    result = runner.invoke(main, ["load", str(folder), "--store", store, "--allow-rejects"])
    assert result.exit_code == 0


def test_dry_run_and_unknown_file_messages(tmp_path):
    store = str(tmp_path / "s.sqlite")
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(DATA / "pat_small"), "--dry-run", "--store", store])
    assert result.exit_code == 0 and "no se escribió nada" in result.output
    result = runner.invoke(main, ["stats", "--store", store])  # the dry run created nothing
    assert result.exit_code == 4 and "no existe" in result.output
    odd = tmp_path / "cosas.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    result = runner.invoke(main, ["load", str(odd), "--store", store])
    assert result.exit_code == 2
    assert "ninguna correspondencia lee 'cosas'" in result.output
    assert "Traceback" not in result.output


def test_store_env_var_is_the_default(tmp_path, monkeypatch):
    monkeypatch.setenv("PAT_GRAPH_STORE", str(tmp_path / "env.sqlite"))
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(DATA / "pat_small")]).exit_code == 0
    assert (tmp_path / "env.sqlite").exists()


@pytest.mark.slow
def test_demo_end_to_end(tmp_path):
    """`pat-graph demo` writes the data, summary, gap table and one network, and fills
    the default store so that `stats` works next without options."""
    out = tmp_path / "demo"
    runner = CliRunner()
    result = runner.invoke(main, ["demo", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "datos" / "actores.csv").exists()
    assert (out / "resumen.md").read_text(encoding="utf-8").startswith("# Resumen del grafo PAT")
    gaps = (out / "brechas_departamentos.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(gaps) == 1 + 33
    html = list(out.glob("red_*.html"))
    assert len(html) == 1 and "<html" in html[0].read_text(encoding="utf-8").lower()
    assert not (out / "rechazos.csv").exists()
    for path in [out / "datos", out / "resumen.md", out / "brechas_departamentos.csv", html[0]]:
        assert str(path) in result.output
    stats = runner.invoke(main, ["stats", "--json"])
    assert stats.exit_code == 0
    assert json.loads(stats.output)["nodes_by_label"]["Actor"] > 1000
    # the README shows this run's real output (rows, counts, chosen department)
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for line in result.output.splitlines():
        if line.startswith("Datos de ejemplo"):
            assert line.split(" en ")[0] in readme, line
        if line.startswith("Cargados en el almacén"):
            assert line.split(": ", 1)[1] in readme, line
        if line.startswith("Red interactiva de"):
            assert line.split(":")[0] in readme, line


def test_readme_load_example_is_real(tmp_path):
    """The README shows the real output of loading tests/data/pat_errores/."""
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(DATA / "pat_errores"),
                                  "--store", str(tmp_path / "s.sqlite")])
    assert result.exit_code == 3
    for line in result.output.splitlines():
        if line.startswith(("  actores.csv", "  instancias.csv:", "  actores.csv:", "Error:")):
            assert line in readme, line


def test_rejects_file_neutralises_formulas(tmp_path):
    """A file named like a formula must not become a live formula in the rejects CSV."""
    hostile = tmp_path / "=SUM(1+1)*cmd.csv"
    hostile.write_text("id,nombre,sector,nivel,departamento\nA-1,X,publica,nacional,\n",
                       encoding="utf-8")
    out = tmp_path / "r.csv"
    mapping = Path(__file__).parents[1] / "loaders" / "pat" / "actores.toml"
    result = CliRunner().invoke(main, ["load", "--mapping", str(mapping), str(hostile),
                                       "--store", str(tmp_path / "s.sqlite"),
                                       "--rechazos", str(out)])
    assert result.exit_code == 3, result.output
    import csv as _csv
    rows = list(_csv.reader(out.open(encoding="utf-8-sig")))
    assert rows[1][0] == "'=SUM(1+1)*cmd.csv"
    assert rows[1][1:3] == ["2", "sector"]
