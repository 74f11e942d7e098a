"""Click's own frame speaks Spanish: usage line, section titles, errors (issue 18)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pat_graph.cli import main, spanish


def _click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every message the installed Click wraps in ``_()`` / ``ngettext()``."""
    singles: set[str] = set()
    plurals: set[tuple[str, str]] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            args = [a.value for a in node.args if isinstance(a, ast.Constant)
                    and isinstance(a.value, str)]
            if node.func.id == "_" and len(args) == 1:
                singles.add(args[0])
            elif node.func.id == "ngettext" and len(args) >= 2:
                plurals.add((args[0], args[1]))
    return singles, plurals


def test_every_click_message_has_a_spanish_translation():
    singles, plurals = _click_messages()
    assert len(singles) > 40 and len(plurals) >= 5  # the extraction itself works
    assert sorted(singles - set(spanish.CATALOG)) == []
    assert sorted(plurals - set(spanish.PLURALS)) == []


def test_translations_keep_every_placeholder():
    for msgid, es in spanish.CATALOG.items():
        assert set(re.findall(r"\{[^}]*\}|%\(\w+\)s", msgid)) == set(
            re.findall(r"\{[^}]*\}|%\(\w+\)s", es)), msgid
    for (one, many), (es_one, es_many) in spanish.PLURALS.items():
        for a, b in ((one, es_one), (many, es_many)):
            assert set(re.findall(r"\{[^}]*\}", a)) == set(re.findall(r"\{[^}]*\}", b)), a


def _commands() -> list[list[str]]:
    out = [[]]
    for name, cmd in main.commands.items():
        out.append([name])
        if isinstance(cmd, click.Group):
            out += [[name, sub] for sub in cmd.commands]
    return out


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "pat-graph")
def test_help_frame_is_spanish(path):
    result = CliRunner().invoke(main, [*path, "-h"], prog_name="pat-graph")
    assert result.exit_code == 0, result.output
    text = result.output
    assert text.startswith("Uso: pat-graph")
    assert "[OPCIONES]" in text and "Opciones:" in text
    for english in ("Usage:", "Options:", "Commands:", "[OPTIONS]", "Show this message",
                    "[default:", "[required]", "COMMAND [ARGS]"):
        assert english not in text, (english, path)
    assert not re.search(r"\b(INTEGER|FLOAT|TEXT|RANGE|BOOLEAN|PATH|FILENAME)\b", text), path
    assert "Muestra esta ayuda y termina." in text
    if path:  # every command shows a runnable example
        assert re.search(r"Ejemplos?:", text), path


@pytest.mark.parametrize("args, expected", [
    (["load"], "Error: Falta el argumento 'RUTAS...'."),
    (["gaps", "--opcion-que-no-existe"], "Error: No existe la opción '--opcion-que-no-existe'."),
    (["gaps", "--familia", "xx"], "Valor no válido para '--familia'"),
    (["comando-inexistente"], "Error: No existe el comando 'comando-inexistente'."),
    (["chart"], "Elija entre:"),
])
def test_usage_errors_are_spanish(args, expected):
    result = CliRunner().invoke(main, args, prog_name="pat-graph")
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Pruebe 'pat-graph" in result.output and "para ver la ayuda." in result.output
    assert "Usage:" not in result.output and "Try '" not in result.output


#: English option names kept only as aliases of a Spanish one (old scripts keep working).
ENGLISH_ALIASES = {"--store": "--almacen", "--out": "--salida", "--mapping": "--mapeo",
                   "--dry-run": "--simular", "--allow-rejects": "--aceptar-rechazos",
                   "--no-prepare": "--sin-preparar",
                   "--param": "--parametro", "--list": "--lista", "--top": "--primeros",
                   "--betweenness": "--intermediacion"}
#: option names that are the same word in both languages (formats and Click's own)
UNIVERSAL = {"--json", "--csv", "--help", "--version", "--pdf", "--xlsx"}


def _options():
    for path in _commands()[1:]:
        cmd = main
        for part in path:
            cmd = cmd.commands[part]
        for param in cmd.params:
            if isinstance(param, click.Option):
                yield " ".join(path), param


def test_option_names_are_spanish_with_english_aliases():
    for where, opt in _options():
        longs = [o for o in opt.opts if o.startswith("--")]
        if not longs or longs[0] in UNIVERSAL:
            continue
        assert longs[0] not in ENGLISH_ALIASES, (where, longs)
        for old in longs[1:]:  # every English alias stands behind its Spanish name
            assert ENGLISH_ALIASES.get(old) == longs[0], (where, longs)


def test_english_aliases_still_work(tmp_path):
    store = tmp_path / "s.sqlite"
    runner = CliRunner()
    data = Path(__file__).parent / "data" / "pat_small"
    old = runner.invoke(main, ["load", str(data), "--store", str(store), "--dry-run"],
                        prog_name="pat-graph")
    new = runner.invoke(main, ["load", str(data), "--almacen", str(store), "--simular"],
                        prog_name="pat-graph")
    assert old.exit_code == new.exit_code == 0, old.output + new.output
    assert old.output == new.output


JSON_COMMANDS = [["gaps"], ["linkages"], ["stats"], ["brokers", "--departamento", "27"],
                 ["recommend", "--departamento", "27"], ["resolver"], ["instancia", "I-01"],
                 ["acuerdo", "AC-01"], ["programa", "P-01"]]


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("json") / "s.sqlite"
    result = CliRunner().invoke(main, ["load", str(Path(__file__).parent / "data" / "pat_small"),
                                       "--almacen", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("args", JSON_COMMANDS, ids=lambda a: a[0])
def test_json_field_names_follow_one_convention(small_store, args):
    """docs/cli.md: --json field names are English snake_case identifiers."""
    import json

    result = CliRunner().invoke(main, [*args, "--almacen", str(small_store), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    rows = payload if isinstance(payload, list) else [payload]
    if isinstance(payload, dict):
        rows += [r for v in payload.values() if isinstance(v, list) for r in v
                 if isinstance(r, dict)]
    keys = {k for r in rows if isinstance(r, dict) for k in r}
    assert keys, result.output
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", k) for k in keys), sorted(keys)
