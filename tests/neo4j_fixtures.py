"""pytest fixtures for the tests that need a real Neo4j (marker ``neo4j``).

- ``neo4j_server`` (session): connection facts; the server of ``NEO4J_URI`` /
  ``NEO4J_USERNAME`` / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE`` when set, otherwise a
  local Neo4j 5.26 started once for the session (``tests/neo4j_server.py``).
  When none can be had: skipped with the reason, but FAILED under ``CI=true``.
- ``neo4j_driver`` (session): an official ``neo4j.Driver`` on that server.
- ``neo4j_store`` (function): a :class:`~pat_graph.store.neo4j.Neo4jStore` on an
  EMPTY database (cleared before each test).
"""

from __future__ import annotations

import os

import pytest
from neo4j_server import LocalNeo4j, Neo4jServer, Neo4jUnavailable, from_environment


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(reason: str) -> None:
    message = f"Neo4j no disponible: {reason}"
    if _in_ci():
        pytest.fail(message + " (CI=true: las pruebas de Neo4j deben correr)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory) -> Neo4jServer:
    server = from_environment()
    if server is not None:
        yield server
        return
    local = LocalNeo4j(tmp_path_factory.mktemp("neo4j-local"))
    try:
        server = local.start()
    except (Neo4jUnavailable, OSError) as err:
        local.stop()
        _unavailable(str(err))
    try:
        yield server
    finally:
        local.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server):
    import neo4j

    auth = (neo4j.basic_auth(neo4j_server.user, neo4j_server.password)
            if neo4j_server.password else None)
    driver = neo4j.GraphDatabase.driver(neo4j_server.uri, auth=auth)
    try:
        driver.verify_connectivity()
    except Exception as err:  # noqa: BLE001 - reported as skip/fail
        driver.close()
        _unavailable(f"{neo4j_server.uri}: {type(err).__name__}")
    yield driver
    driver.close()


@pytest.fixture(scope="session")
def _neo4j_session_store(neo4j_server, neo4j_driver):
    from pat_graph.errors import PatGraphError
    from pat_graph.store.neo4j import Neo4jStore

    try:
        store = Neo4jStore.from_uri(neo4j_server.uri, user=neo4j_server.user,
                                    password=neo4j_server.password or "",
                                    database=neo4j_server.database)
    except PatGraphError as err:
        _unavailable(str(err))
    yield store
    store.close()


@pytest.fixture
def neo4j_store(_neo4j_session_store):
    """A Neo4j store on an empty database (every node, relationship and load record deleted)."""
    store = _neo4j_session_store
    store.batch_size = 5000
    store.clear()
    yield store
