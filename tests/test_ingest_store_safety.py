"""Store safety (issue 19): a mistyped store path never becomes an empty store, a dry
run creates nothing, and a reload that changes nothing is "sin cambios" (not a load).
The CLI side of strictness and of warnings in the rejects file is here too."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_ingest_synonyms import analyst_folder

from pat_graph.cli import main
from pat_graph.graph import comparable
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"

#: Every command that only reads the store, with the arguments it needs to get that far.
READING_COMMANDS = [
    ["stats"], ["gaps"], ["linkages"], ["brokers", "--departamento", "Meta"],
    ["recommend", "--departamento", "Meta"], ["viz", "--departamento", "Meta", "-o", "{out}/v.html"],
    ["chart", "mapa", "-o", "{out}/c.png"], ["ficha", "--departamento", "Meta", "-o", "{out}/f.html"],
    ["export", "--formato", "csv", "-o", "{out}/e"], ["resolver"], ["actor", "A-03"],
    ["buscar", "meta"], ["write-scores", "--intermediacion"],
]


@pytest.mark.parametrize("args", READING_COMMANDS, ids=lambda a: a[0])
def test_reading_command_on_missing_store_stops_and_creates_nothing(tmp_path, args):
    missing = tmp_path / "otra_carpeta" / "pat.sqlit"
    out = tmp_path / "salida"
    argv = [a.format(out=out) for a in args] + ["--almacen", str(missing)]
    result = CliRunner().invoke(main, argv)
    assert result.exit_code == 4, result.output
    assert f"el almacén {missing} no existe" in result.output
    assert "Traceback" not in result.output
    assert not missing.parent.exists() and not out.exists()


def test_reading_command_on_missing_default_store(tmp_path):
    """Without --almacen (the default store not created yet) it is the same clear error."""
    result = CliRunner().invoke(main, ["gaps"])
    assert result.exit_code == 4 and "no existe" in result.output


def test_dry_run_creates_no_store_and_reports_like_a_real_store(tmp_path):
    store = tmp_path / "nuevo" / "pat.sqlite"
    result = CliRunner().invoke(main, ["load", str(DATA / "pat_small"), "--simular",
                                       "--almacen", str(store)])
    assert result.exit_code == 0, result.output
    assert "no se escribió nada" in result.output and str(store) in result.output
    assert not store.parent.exists()
    # and a dry run against an existing store still checks references against it
    runner = CliRunner()
    assert runner.invoke(main, ["load", str(DATA / "pat_small"), "--almacen", str(store)]
                         ).exit_code == 0
    more = tmp_path / "mas"
    more.mkdir()
    (more / "participaciones.csv").write_text("actor,instancia\nA-08,I-04\n", encoding="utf-8")
    result = runner.invoke(main, ["load", str(more), "--simular", "--almacen", str(store)])
    assert result.exit_code == 0, result.output


def test_reload_without_changes_is_sin_cambios_and_not_a_load(tmp_path):
    store = str(tmp_path / "pat.sqlite")
    runner = CliRunner()
    first = runner.invoke(main, ["load", str(DATA / "pat_small"), "--almacen", store])
    assert first.exit_code == 0 and "Cargado en" in first.output
    again = runner.invoke(main, ["load", str(DATA / "pat_small"), "--almacen", store])
    assert again.exit_code == 0, again.output
    assert "Sin cambios en" in again.output and "Cargado en" not in again.output
    stats = json.loads(runner.invoke(main, ["stats", "--almacen", store, "--json"]).output)
    assert len(stats["loads"]) == 1
    assert "1 carga," in runner.invoke(main, ["stats", "--almacen", store]).output
    # the same records written another way (cp1252, ';', Spanish headers) change nothing
    excel = runner.invoke(main, ["load", str(DATA / "pat_small_excel_es"), "--almacen", store])
    assert excel.exit_code == 0 and "Sin cambios en" in excel.output
    # a real change is a load again
    edited = tmp_path / "editado"
    shutil.copytree(DATA / "pat_small", edited)
    actors = edited / "actores.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "Gobernación del Chocó", "Gobernación del Chocó (corregido)"), encoding="utf-8")
    changed = runner.invoke(main, ["load", str(edited), "--almacen", store])
    assert changed.exit_code == 0 and "Cargado en" in changed.output
    assert "2 cargas," in runner.invoke(main, ["stats", "--almacen", store]).output


def test_warnings_in_summary_and_rejects_file_and_strict_exit(tmp_path):
    folder = analyst_folder(tmp_path / "oficina", {"A-05": "Cámara de comercioo"},
                            {"acuerdos": ("Fecha de firmaa", ["01/02/2023"])})
    store = str(tmp_path / "pat.sqlite")
    out = tmp_path / "rechazos.csv"
    runner = CliRunner()
    result = runner.invoke(main, ["load", str(folder), "--almacen", store, "--rechazos", str(out)])
    assert result.exit_code == 0, result.output
    assert "Avisos (2):" in result.output
    assert "acuerdos.csv:1 Fecha de firmaa: columna 'Fecha de firmaa' no reconocida; " \
           "¿quiso decir fecha_firma?" in result.output
    assert "actores.csv:6 tipo: tipo de actor 'Cámara de comercioo' no reconocido" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert {(r["archivo"], r["linea"], r["columna"], r["tipo"]) for r in rows} == {
        ("acuerdos.csv", "1", "Fecha de firmaa", "aviso"), ("actores.csv", "6", "tipo", "aviso")}
    strict = runner.invoke(main, ["load", str(folder), "--almacen", str(tmp_path / "e.sqlite"),
                                  "--estricto", "--rechazos", str(out)])
    assert strict.exit_code == 3, strict.output
    assert "actores.csv:6 tipo: tipo de actor 'Cámara de comercioo' no reconocido" in strict.output
    rows = list(csv.DictReader(out.open(encoding="utf-8-sig")))
    assert rows and {r["tipo"] for r in rows} == {"rechazo"}
    assert ("acuerdos.csv", "2", "Fecha de firmaa") in {
        (r["archivo"], r["linea"], r["columna"]) for r in rows}


def _reload_twice(store, tmp_path):
    first = load_paths([DATA / "pat_small"], store)
    again = load_paths([DATA / "pat_small_excel_es"], store)  # the same records, Excel's way
    return first, again, store.stats()


def test_sin_cambios_on_the_sqlite_store(tmp_path):
    with SQLiteStore(tmp_path / "s.sqlite") as store:
        first, again, stats = _reload_twice(store, tmp_path)
    assert first.written.changed and not again.written.changed
    assert len(stats.loads) == 1


@pytest.mark.neo4j
def test_sin_cambios_on_the_neo4j_store(neo4j_store, tmp_path):
    first, again, stats = _reload_twice(neo4j_store, tmp_path)
    assert first.written.changed and not again.written.changed
    assert len(stats.loads) == 1 and stats.loads[0]["status"] == "completa"
    with SQLiteStore(tmp_path / "s.sqlite") as sqlite:
        _reload_twice(sqlite, tmp_path)
        assert comparable(neo4j_store.read_graph(), ignore=("loaded_at",)) == comparable(
            sqlite.read_graph(), ignore=("loaded_at",))
