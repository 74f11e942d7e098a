"""Shared fixtures. Server-backed fixtures (Neo4j, Chromium) live in their own plugin
modules listed in ``pytest_plugins`` so that each stays small."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# --- Neo4j fixtures (issue 3): neo4j_server, neo4j_driver, neo4j_store -------------
pytest_plugins = [*globals().get("pytest_plugins", []), "neo4j_fixtures"]
# --- end Neo4j fixtures ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _isolated_default_store(tmp_path_factory, monkeypatch):
    """No test ever touches the user's default store."""
    home = tmp_path_factory.mktemp("xdg")
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.delenv("PAT_GRAPH_STORE", raising=False)


@pytest.fixture
def pat_small() -> Path:
    """The hand-written PAT dataset whose answers are known (tests/data/pat_small)."""
    return DATA / "pat_small"


@pytest.fixture
def sqlite_store(tmp_path):
    from pat_graph.store.sqlite import SQLiteStore

    store = SQLiteStore(tmp_path / "store.sqlite")
    yield store
    store.close()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


# --- the workbench tests' store (tests/web_fixtures.py), one per test module ----------
@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    """pat_small plus a hostile-named actor in a real SQLite store (a module may define
    its own ``store_path``)."""
    from web_fixtures import sqlite_with_data

    return sqlite_with_data(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="module")
def client(store_path):
    """Flask's test client of the workbench over ``store_path``."""
    from pat_graph.web import create_app

    return create_app(str(store_path)).test_client()


@pytest.fixture(scope="module")
def graph(store_path):
    """The graph of ``store_path`` as the store reads it."""
    from pat_graph.store.sqlite import SQLiteStore

    with SQLiteStore(store_path) as st:
        return st.read_graph()
