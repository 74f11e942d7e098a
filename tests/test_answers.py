"""Answers kept per store state (pat_graph.answers, issue 22): the recommender's model
trained by one command is read back by the next, it is exactly the model trained
without keeping anything, and any load makes it computed again. On SQLite and on the
real Neo4j server (which must run under CI=true, see tests/neo4j_fixtures.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pat_graph import answers
from pat_graph import recommend as rec
from pat_graph.analytics import gap_index
from pat_graph.cli import main
from pat_graph.ingest import load_paths
from pat_graph.recommend.learn import model_state
from pat_graph.report import ficha
from pat_graph.store.sqlite import SQLiteStore

SCALE = 0.2  # the smallest demo whose history is long enough to learn weights


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("answers-demo")
    from pat_graph.demo import generate_demo

    generate_demo(root / "datos", scale=SCALE)
    return root / "datos"


def _extra(tmp: Path) -> Path:
    """One more actor of Antioquia: a small load that changes the store."""
    folder = tmp / "extra"
    folder.mkdir()
    (folder / "actores.csv").write_text(
        "id,nombre,sigla,sector,tipo,nivel,nit,departamento,municipio\n"
        "A-EXTRA-1,Fundación Nueva del Trabajo,,comunitario,fundacion,departamental,,05,\n",
        encoding="utf-8")
    return folder


def _proposals(g) -> list[dict]:
    return [p.to_row(i) for i, p in enumerate(rec.recommend(g, "05", top=10), start=1)]


def check_kept_then_invalidated(store, tmp: Path) -> None:
    """The contract, on any store holding the demo."""
    # computed without keeping anything: the reference
    plain = store.read_graph()
    assert answers.of(plain) is None
    reference = model_state(rec.ranking_model(plain))
    assert reference["learned"], "the model must be learned for this test to mean anything"

    first = answers.read_graph(store)
    kept = answers.of(first)
    assert kept is not None and kept.folder is not None
    assert model_state(rec.ranking_model(first)) == reference
    assert (kept.misses, kept.hits) == (1, 0)
    assert any(kept.folder.rglob("ranking-model-*.json"))

    second = answers.read_graph(store)  # another command on the same state
    again = answers.of(second)
    assert model_state(rec.ranking_model(second)) == reference
    assert (again.misses, again.hits) == (0, 1)
    assert _proposals(second) == _proposals(plain)
    reference_ficha = ficha(plain, "05")
    assert ficha(second, "05") == reference_ficha  # computed (model read back), kept
    third = answers.read_graph(store)
    assert ficha(third, "05") == reference_ficha  # read back, the same
    assert (answers.of(third).misses, answers.of(third).hits) == (0, 1)

    # any load: the kept model is not read, the new state's is computed and kept
    assert load_paths([_extra(tmp)], store).ok
    after = answers.read_graph(store)
    fresh = answers.of(after)
    assert fresh.state != kept.state
    assert model_state(rec.ranking_model(after)) == model_state(
        rec.ranking_model(store.read_graph()))
    assert (fresh.misses, fresh.hits) == (1, 0)
    states = [p.name for p in kept.folder.iterdir() if p.is_dir()]
    assert states == [fresh.state], "the old state's answers are deleted"


def test_sqlite_answers_kept_exact_and_invalidated(demo_dir, tmp_path, monkeypatch):
    monkeypatch.delenv(answers.ENV, raising=False)
    store = SQLiteStore(tmp_path / "almacen.sqlite")
    try:
        assert load_paths([demo_dir], store).ok
        check_kept_then_invalidated(store, tmp_path)
        assert not list(tmp_path.glob("almacen.sqlite?*"))  # nothing beside the store
    finally:
        store.close()


def test_neo4j_answers_kept_exact_and_invalidated(neo4j_store, demo_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(answers.ENV, raising=False)
    assert load_paths([demo_dir], neo4j_store).ok
    check_kept_then_invalidated(neo4j_store, tmp_path)
    assert any((tmp_path / "cache" / "pat-graph").iterdir())


def test_commands_reuse_the_model_and_answer_the_same(demo_dir, tmp_path, monkeypatch):
    """`pat-graph recommend` twice on one store: the second reads the kept model and
    prints the same proposals as with keeping turned off."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    store = tmp_path / "s.sqlite"
    st = SQLiteStore(store)
    try:
        assert load_paths([demo_dir], st).ok
    finally:
        st.close()
    args = ["recommend", "--departamento", "05", "--store", str(store), "--json"]
    runner = CliRunner()
    first = runner.invoke(main, args)
    assert first.exit_code == 0, first.output
    assert list((tmp_path / "cache").rglob("ranking-model-*.json"))  # the user's cache folder
    second = runner.invoke(main, args)
    monkeypatch.setenv(answers.ENV, "0")
    off = runner.invoke(main, args)
    assert first.output == second.output == off.output


def test_turned_off_and_unreadable(tmp_path, monkeypatch):
    """ENV=0 keeps nothing; a damaged file is ignored and computed again."""
    st = SQLiteStore(tmp_path / "a.sqlite")
    try:
        monkeypatch.setenv(answers.ENV, "0")
        assert answers.Answers.for_store(st).folder is None
        monkeypatch.delenv(answers.ENV)
        a = answers.Answers.for_store(st)
        assert a.remember("x", [1], lambda: {"v": 1}) == {"v": 1}
        next(a.folder.rglob("x-*.json")).write_text("{no es json", encoding="utf-8")
        assert a.remember("x", [1], lambda: {"v": 2}) == {"v": 2}
        assert a.remember("x", [2], lambda: {"v": 3}) == {"v": 3}  # params are part of the key
        assert a.get("x", [1]) == {"v": 2}
    finally:
        st.close()


def test_load_prepares_every_ficha_exactly(demo_dir, tmp_path, monkeypatch):
    """`pat-graph load` keeps the ficha of every department: a later ficha of any
    department is read back (nothing computed) and equals the ficha computed with no
    answers at all; so does the kept gap index. --sin-preparar keeps none."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(answers.ENV, raising=False)
    store = tmp_path / "s.sqlite"
    runner = CliRunner()
    done = runner.invoke(main, ["load", str(demo_dir), "--store", str(store), "--json"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["prepared"] == 33
    st = SQLiteStore(store)
    try:
        g, plain, loads = answers.read_graph(st), st.read_graph(), st.stats().loads
    finally:
        st.close()
    for code in ("05", "27", "91"):  # the largest, Chocó, Amazonas
        assert ficha(g, code, loads=loads) == ficha(plain, code, loads=loads)
    kept = answers.of(g)
    assert (kept.misses, kept.hits) == (0, 3)
    assert gap_index(g, with_unrecorded=True) == gap_index(plain, with_unrecorded=True)
    assert kept.misses == 0

    other = tmp_path / "otro.sqlite"
    done = runner.invoke(main, ["load", str(demo_dir), "--store", str(other), "--json",
                                "--sin-preparar"])
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["prepared"] == 0
    st = SQLiteStore(other)
    try:
        folder = answers.Answers.for_store(st).folder
    finally:
        st.close()
    assert not folder.exists() or not list(folder.rglob("ficha-*.json"))
    monkeypatch.setenv(answers.ENV, "0")
    done = runner.invoke(main, ["load", str(demo_dir), "--store", str(other), "--json"])
    assert done.exit_code == 0 and json.loads(done.output)["prepared"] == 0
