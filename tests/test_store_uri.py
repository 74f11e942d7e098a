"""Issue 23: ``--almacen`` values that look like a URI but are not a supported Neo4j one
are refused (exit 2) and never become a SQLite file; no password is ever echoed; a bad
IPv6 address or port is a clean error; Neo4j's authentication rate limit is named."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from neo4j import exceptions as nx4j

from pat_graph.cli import main
from pat_graph.errors import InputError
from pat_graph.store import check_location, open_store, redact
from pat_graph.store.neo4j_connect import Neo4jConnection

SECRET = "S3cr3toPW"
REFUSED = [
    f"http://neo4j:{SECRET}@host",
    f"https://neo4j:{SECRET}@host:7473/db",
    "bolt:/localhost:7687",
    "bolt//localhost:7687",
    "neo4j//host",
    f"bolt+routing://neo4j:{SECRET}@host:7687",
    f"bolt:localhost?password={SECRET}",
    f"file:///tmp/x.sqlite?password={SECRET}",
    f"sqlite:///datos/pat.sqlite?pwd={SECRET}",
]
BAD_URIS = [
    f"bolt://neo4j:{SECRET}@[::1:7687",
    f"bolt://neo4j:{SECRET}@host:siete",
    f"neo4j://neo4j:{SECRET}@host:99999",
    f"bolt://[zz::1]:7687?password={SECRET}",
]


@pytest.mark.parametrize("location", REFUSED)
def test_cli_refuses_a_uri_that_is_not_neo4j(location, tmp_path):
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["stats", "--almacen", location])
    assert result.exit_code == 2, result.output
    assert "parece una URI" in result.output and SECRET not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not any(tmp_path.rglob("*")), "nothing created: no SQLite file named after it"


@pytest.mark.parametrize("location", BAD_URIS)
def test_bad_ipv6_or_port_is_a_clean_error(location, tmp_path):
    os.chdir(tmp_path)
    result = CliRunner().invoke(main, ["stats", "--almacen", location])
    assert result.exit_code == 2, result.output
    assert "URI de Neo4j no válida" in result.output and SECRET not in result.output
    assert not any(tmp_path.rglob("*"))


@pytest.mark.parametrize("path", ["demo.sqlite", "datos/pat.sqlite", "C:/datos/pat.sqlite",
                                  "./bolt.sqlite", "neo4j.sqlite", "mi:almacen.sqlite"])
def test_paths_are_still_paths(path, tmp_path):
    os.chdir(tmp_path)
    check_location(path)
    (tmp_path / "datos").mkdir(exist_ok=True)
    if not path.startswith("C:"):
        open_store(path).close()
        assert (tmp_path / path).exists()


@settings(max_examples=200, deadline=None)
@given(scheme=st.from_regex(r"[a-z][a-z0-9+.-]{1,10}", fullmatch=True),
       secret=st.from_regex(r"PW[A-Za-z0-9]{6,12}", fullmatch=True),
       rest=st.sampled_from(["@host", "@host:7687/db", "@[::1]:1"]))
def test_no_password_is_ever_echoed(scheme, secret, rest):
    for location in (f"{scheme}://u:{secret}{rest}", f"{scheme}://h/?password={secret}"):
        try:
            check_location(location)
        except InputError as err:
            assert secret not in str(err)
        assert secret not in redact(location)


def test_authentication_rate_limit_is_named_as_such():
    conn = Neo4jConnection.__new__(Neo4jConnection)
    conn.location, conn.database, conn._has_password = "bolt://host:7687", None, True
    err = nx4j.Neo4jError._hydrate_neo4j(
        code="Neo.ClientError.Security.AuthenticationRateLimit",
        message="The client has provided incorrect authentication details too many times")
    message = str(conn.translate(err))
    assert "demasiados intentos" in message and "permisos" not in message
