"""Connecting to Neo4j: driver creation from a URI and the ``NEO4J_*`` variables, the
server check, the translation of driver errors into Spanish :class:`StoreError` messages
(never echoing credentials), and tagged read/write transactions.

:class:`Neo4jConnection` is one concept: a checked driver on one database. A
:class:`~pat_graph.store.neo4j.Neo4jStore` holds one, and hands it to its writer
(:class:`~pat_graph.store.neo4j_write.Neo4jWriter`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import neo4j
from neo4j import exceptions as nx4j

from pat_graph.errors import InputError, StoreConnectionError, StoreError
from pat_graph.queries import schema_statements, statement
from pat_graph.store.uri import redact

#: Rows per transaction when writing (the writer's option, read by ``from_uri``).
DEFAULT_BATCH_SIZE = 5000
#: Oldest Neo4j major version supported (``elementId``, ``IF NOT EXISTS``, ``REQUIRE``).
MIN_SERVER_MAJOR = 5
APP_METADATA = {"app": "pat-graph"}
#: The kind and name of a statement of ``cypher/schema.cypher``.
_SCHEMA_NAME = re.compile(r"CREATE\s+(?P<kind>CONSTRAINT|INDEX)\s+(?P<name>\w+)\s+IF NOT EXISTS",
                          re.IGNORECASE)

_HINT_UP = ("¿está en marcha? `docker compose up -d --wait` "
            "(o, sin Docker, `scripts/neo4j-local start`)")


#: Concurrent write transactions of a load: the server works on several chunks at once.
DEFAULT_WORKERS = 2


def urlsplit_checked(uri: str) -> Any:
    """``urlsplit(uri)`` with its port read, or :class:`InputError` (exit 2) naming what
    is wrong (bad IPv6 address, port not a number or out of range) without echoing
    credentials.

    >>> urlsplit_checked("bolt://neo4j:pw@[::1]:7687").port
    7687
    >>> urlsplit_checked("bolt://neo4j:pw@host:siete")
    Traceback (most recent call last):
    pat_graph.errors.InputError: URI de Neo4j no válida bolt://***@host:siete: el puerto debe ser un número entre 0 y 65535
    """
    try:
        parts = urlsplit(uri)
    except ValueError:
        raise InputError(f"URI de Neo4j no válida {redact(uri)}: dirección IPv6 mal escrita "
                         "(se escribe entre corchetes: bolt://[::1]:7687)") from None
    try:
        parts.port  # noqa: B018 - urlsplit checks the port only when it is read
    except ValueError:
        raise InputError(f"URI de Neo4j no válida {redact(uri)}: el puerto debe ser un número "
                         "entre 0 y 65535") from None
    return parts


def env_count(name: str, default: int) -> int:
    """The integer in environment variable ``name`` if it holds digits, else ``default``."""
    value = os.environ.get(name, "")
    return int(value) if value.isdigit() else default


class Neo4jConnection:
    """A driver on one Neo4j database: opening, errors, transactions, schema.

    >>> Neo4jConnection(None, location="bolt://db:7687", database="neo4j")
    Neo4jConnection('bolt://db:7687', database='neo4j')
    """

    def __init__(self, driver: neo4j.Driver, *, location: str, database: str | None = None,
                 has_password: bool = True) -> None:
        self._driver = driver
        self.location = location
        self.database = database
        self._has_password = has_password

    # ---------------------------------------------------------------- opening
    @staticmethod
    def display_uri(uri: str) -> str:
        """``uri`` without user, password, query string or fragment (safe to print)."""
        parts = urlsplit_checked(uri)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, host, parts.path, "", ""))

    @classmethod
    def from_uri(cls, uri: str, user: str | None = None, password: str | None = None,
                 database: str | None = None) -> Self:
        """Connect to ``uri`` (``bolt://``, ``neo4j://``, ``neo4j+s://`` ...) and check the server.

        ``user`` / ``password`` / ``database`` default to ``NEO4J_USERNAME`` (or
        ``NEO4J_USER``) / ``NEO4J_PASSWORD`` / ``NEO4J_DATABASE``; without a
        password no authentication is sent (servers with auth disabled).
        Raises :class:`StoreConnectionError` (unreachable, credentials refused,
        missing database, server too old) with a Spanish message and no secret.

        >>> Neo4jConnection.from_uri("bolt://127.0.0.1:1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        pat_graph.errors.StoreConnectionError: No se pudo conectar a Neo4j en bolt://127.0.0.1:1: ...
        """
        parts = urlsplit_checked(uri)
        user = user or parts.username or os.environ.get("NEO4J_USERNAME") \
            or os.environ.get("NEO4J_USER") or "neo4j"
        password = password if password is not None else (
            parts.password if parts.password is not None else os.environ.get("NEO4J_PASSWORD"))
        database = database or os.environ.get("NEO4J_DATABASE") or None
        location = cls.display_uri(uri)
        clean_uri = urlunsplit((parts.scheme, location.split("://", 1)[1], "", parts.query, ""))
        auth = neo4j.basic_auth(user, password) if password else None
        try:
            driver = neo4j.GraphDatabase.driver(
                clean_uri, auth=auth, user_agent="pat-graph",
                connection_timeout=10.0, max_transaction_retry_time=15.0,
                notifications_min_severity="OFF",
            )
        except (ValueError, nx4j.ConfigurationError) as err:
            raise StoreConnectionError(f"URI de Neo4j no válida {location}: {err}") from None
        connection = cls(driver, location=location, database=database,
                         has_password=bool(password))
        try:
            connection.check_server()
        except BaseException:
            driver.close()
            raise
        return connection

    def check_server(self) -> str:
        """Connect, check the credentials, the database and the version; returns the version.

        Raises :class:`StoreConnectionError` with the reason in Spanish.
        """
        try:
            info = self._driver.get_server_info()
            version = (info.agent or "").partition("/")[2]
            major = int(version.split(".")[0]) if version[:1].isdigit() else MIN_SERVER_MAJOR
            if major < MIN_SERVER_MAJOR:
                raise StoreConnectionError(
                    f"Neo4j {version} en {self.location} es demasiado antiguo: pat-graph necesita "
                    f"Neo4j {MIN_SERVER_MAJOR}.x o posterior (recomendado 5.26 LTS, "
                    "`docker compose up -d --wait`)")
            self.run_cypher(statement("store.cypher", "ping"), name="ping")
        except StoreError:
            raise
        except (nx4j.Neo4jError, nx4j.DriverError, OSError) as err:
            raise self.translate(err) from None
        return version

    # ---------------------------------------------------------------- errors
    def translate(self, err: BaseException) -> StoreError:
        """A Spanish :class:`StoreError` for a driver error (never echoing credentials)."""
        where = f"Neo4j en {self.location}"
        code = getattr(err, "code", None) or ""
        if code == "Neo.ClientError.Security.AuthenticationRateLimit":
            return StoreConnectionError(
                f"{where} bloqueó la autenticación por demasiados intentos fallidos "
                f"({code}): espere unos minutos y revise NEO4J_USERNAME y NEO4J_PASSWORD")
        if isinstance(err, nx4j.AuthError) and not self._has_password:
            return StoreConnectionError(
                f"{where} pide usuario y contraseña: defina NEO4J_PASSWORD (y NEO4J_USERNAME "
                "si no es «neo4j»)")
        if isinstance(err, nx4j.AuthError):
            return StoreConnectionError(
                f"{where} rechazó el usuario o la contraseña: revise NEO4J_USERNAME y "
                "NEO4J_PASSWORD (o las opciones de conexión)")
        if code == "Neo.ClientError.Database.DatabaseNotFound":
            return StoreConnectionError(
                f"la base de datos «{self.database}» no existe en {where}: revise NEO4J_DATABASE "
                "(Neo4j Community sólo tiene «neo4j»; en Enterprise hay que crearla antes)")
        if code.startswith("Neo.ClientError.Security"):
            return StoreConnectionError(
                f"{where} no permite esta operación a este usuario ({code}): revise los permisos")
        if isinstance(err, nx4j.IncompleteCommit):  # before ServiceUnavailable, its base
            return StoreConnectionError(
                f"Se perdió la conexión con {where} mientras confirmaba una transacción: no se "
                "sabe si esa parte quedó guardada")
        if isinstance(err, nx4j.ServiceUnavailable | nx4j.SessionExpired | OSError):
            return StoreConnectionError(f"No se pudo conectar a {where}: {_HINT_UP}")
        if isinstance(err, nx4j.Neo4jError):
            message = (getattr(err, "message", None) or str(err)).splitlines()[0]
            return StoreError(f"{where} respondió con un error ({code}): {message}")
        if isinstance(err, nx4j.DriverError):
            return StoreError(f"error del controlador de Neo4j con {where}: "
                              f"{type(err).__name__}")
        return StoreError(f"error inesperado con {where}: {type(err).__name__}")

    def guard(self, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except StoreError:
            raise
        except (nx4j.Neo4jError, nx4j.DriverError, OSError) as err:
            raise self.translate(err) from None

    # ---------------------------------------------------------------- low level
    def session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    @classmethod
    def query(cls, name: str, text: str) -> neo4j.Query:
        """An auto-commit query (``session.run``), tagged like the managed ones."""
        return neo4j.Query(text, metadata=cls.metadata(name))

    @staticmethod
    def metadata(name: str) -> dict[str, str]:
        return {**APP_METADATA, "query": name}

    def read_transaction(self, work: Callable[..., Any], *args: Any) -> Any:
        """``work(tx, *args)`` in one managed read transaction (retried on transient
        errors), with the driver's errors turned into :class:`StoreError` (:meth:`guard`)."""
        def run() -> Any:
            with self.session() as session:
                return session.execute_read(work, *args)

        return self.guard(run)

    def write_transaction(self, work: Callable[..., Any], *args: Any) -> Any:
        """``work(tx, *args)`` in one managed write transaction, as :meth:`read_transaction`."""
        def run() -> Any:
            with self.session() as session:
                return session.execute_write(work, *args)

        return self.guard(run)

    def run_cypher(self, text: str, params: Mapping[str, Any] | None = None, *,
                   name: str = "cypher", write: bool = False) -> list[dict]:
        """Run one Cypher statement (read transaction unless ``write``); rows as dicts.

        Used by :func:`pat_graph.query_library.run_query`; values only as ``params``.
        """
        values = dict(params or {})

        @neo4j.unit_of_work(metadata=self.metadata(name))
        def work(tx: neo4j.ManagedTransaction) -> list[dict]:
            return [r.data() for r in tx.run(text, values)]

        return (self.write_transaction if write else self.read_transaction)(work)

    # ---------------------------------------------------------------- schema
    def apply_schema(self) -> int:
        """Create the constraints and indexes of ``cypher/schema.cypher`` (idempotent).

        Only the statements whose constraint or index name is not in the database yet
        run (every load calls this: on a store already set up it costs two ``SHOW``
        queries, not one schema transaction per statement). Returns the number of
        statements of the schema, all now in place.
        """
        statements = schema_statements()
        present = {kind: set(self.run_cypher(statement("store.cypher", f"schema-{kind}-names"),
                                             name=f"schema-{kind}-names")[0]["names"])
                   for kind in ("constraint", "index")}

        def apply() -> None:
            with self.session() as session:
                for i, text in enumerate(statements):
                    m = _SCHEMA_NAME.match(text)
                    if m and m["name"] in present[m["kind"].lower()]:
                        continue
                    # schema commands cannot share a transaction with writes: one each
                    session.run(self.query(f"schema-{i + 1}", text)).consume()

        self.guard(apply)
        return len(statements)

    def close(self) -> None:
        self._driver.close()

    def __repr__(self) -> str:
        return f"Neo4jConnection({self.location!r}, database={self.database!r})"
