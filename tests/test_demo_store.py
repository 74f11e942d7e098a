"""`pat-graph demo` never mixes generated records with an analyst's own.

Into an empty store (or one with only `init`'s reference territories) the demo loads;
an earlier demo is replaced; any other records stop it before anything is written,
unless ``--reemplazar``. Runs on the embedded store and on the real Neo4j server.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.errors import StoreError
from pat_graph.ingest import ensure_reference, load_paths
from pat_graph.pipeline import DEMO_SOURCE, run_demo
from pat_graph.store import open_store

SMALL = Path(__file__).parent / "data" / "pat_small"
SCALE = 0.05  # a few hundred actors: the rule, not the size, is under test


def counts(store) -> tuple[dict, dict]:
    s = store.stats()
    return dict(s.nodes_by_label), dict(s.edges_by_type)


def own_actor_ids() -> set[str]:
    with (SMALL / "actores.csv").open(encoding="utf-8-sig", newline="") as fh:
        return {row["id"].strip() for row in csv.DictReader(fh)}


def assert_second_demo_replaces_first(store, tmp_path: Path) -> None:
    first = run_demo(tmp_path / "a", store, seed=1, scale=SCALE)
    assert not first.replaced
    second = run_demo(tmp_path / "b", store, seed=2, scale=SCALE)
    assert second.replaced
    fresh = open_store(tmp_path / "fresh.sqlite")  # a Path is accepted
    run_demo(tmp_path / "c", fresh, seed=2, scale=SCALE)
    assert counts(store) == counts(fresh)  # nothing of the first demo is left
    assert [DEMO_SOURCE in load["sources"] for load in store.stats().loads] == [True]
    fresh.close()


def assert_refuses_own_records(store, tmp_path: Path) -> None:
    report = load_paths([SMALL], store)
    assert report.ok
    before = counts(store)
    graph_before = store.read_graph()
    with pytest.raises(StoreError) as err:
        run_demo(tmp_path / "demo", store, scale=SCALE)
    message = str(err.value)
    assert "--reemplazar" in message and "--almacen" in message
    assert "no son de la demostración" in message
    assert counts(store) == before
    assert set(store.read_graph().edges(keys=True)) == set(graph_before.edges(keys=True))
    assert not (tmp_path / "demo").exists()  # refused before generating anything


def test_demo_replaces_an_earlier_demo_sqlite(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.sqlite"))
    assert_second_demo_replaces_first(store, tmp_path)
    store.close()


def test_demo_refuses_a_store_with_own_records_sqlite(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.sqlite"))
    assert_refuses_own_records(store, tmp_path)
    store.close()


def test_demo_loads_over_reference_territories_only(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.sqlite"))
    ensure_reference(store)  # what `pat-graph init` writes
    result = run_demo(tmp_path / "demo", store, scale=SCALE)
    assert not result.replaced
    assert store.stats().nodes_by_label["Actor"] > 0
    store.close()


def test_replace_empties_own_records(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.sqlite"))
    load_paths([SMALL], store)
    result = run_demo(tmp_path / "demo", store, scale=SCALE, replace=True)
    assert result.replaced
    keys = {key for label, key in (n.split(":", 1) for n in store.read_graph().nodes)
            if label == "Actor"}
    assert own_actor_ids() and not own_actor_ids() & keys
    store.close()


def test_cli_demo_refusal_and_reemplazar(tmp_path: Path) -> None:
    db = tmp_path / "s.sqlite"
    store = open_store(str(db))
    load_paths([SMALL], store)
    store.close()
    runner = CliRunner()
    args = ["demo", "--out", str(tmp_path / "demo"), "--escala", str(SCALE), "--store", str(db)]
    refused = runner.invoke(main, args)
    assert refused.exit_code == StoreError.exit_code, refused.output
    assert "--reemplazar" in refused.output and "Traceback" not in refused.output
    done = runner.invoke(main, [*args, "--reemplazar"])
    assert done.exit_code == 0, done.output
    assert "Se vació el almacén" in done.output
    again = runner.invoke(main, args)  # the store now holds only a demo: replaced quietly
    assert again.exit_code == 0, again.output
    assert "otra demostración" in again.output


@pytest.mark.neo4j
def test_demo_store_rules_on_neo4j(neo4j_store, tmp_path: Path) -> None:
    assert_second_demo_replaces_first(neo4j_store, tmp_path / "replace")
    neo4j_store.clear()
    assert_refuses_own_records(neo4j_store, tmp_path / "refuse")
