"""Stores: the embedded SQLite store (default) and the Neo4j store, behind one contract.

>>> from pat_graph.store import open_store
>>> store = open_store(":memory:")
>>> store.location
':memory:'
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pat_graph.errors import InputError, StoreError
from pat_graph.store.base import Store, StoreStats, WriteSummary
from pat_graph.store.uri import redact

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")
#: A location that looks like a URI: a scheme of two or more letters and ``:/`` (so
#: ``C:/datos`` is still a path), or a Neo4j scheme name with its colon or slashes
#: mistyped (``bolt//host``, ``neo4j:host``).
_LOOKS_LIKE_URI = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]+:/|(?:bolt|neo4j)(?:\+[a-z]*)?(?::|//))",
                             re.IGNORECASE)


def default_store_location() -> str:
    """``PAT_GRAPH_STORE`` or ``$XDG_DATA_HOME/pat-graph/pat-graph.sqlite``
    (``~/.local/share/pat-graph/pat-graph.sqlite``)."""
    env = os.environ.get("PAT_GRAPH_STORE")
    if env:
        return env
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(base) / "pat-graph" / "pat-graph.sqlite")


def is_neo4j_uri(location: str) -> bool:
    """Whether ``location`` is a Neo4j URI of a supported scheme.

    >>> is_neo4j_uri("bolt://localhost:7687"), is_neo4j_uri("datos/pat.sqlite")
    (True, False)
    """
    return location.lower().startswith(NEO4J_SCHEMES)


def check_location(location: str) -> None:
    """Refuse a location that looks like a URI but is not a supported Neo4j one
    (:class:`InputError`, exit 2): it would otherwise become a SQLite file name.

    >>> check_location("demo.sqlite"); check_location("bolt://localhost:7687")
    >>> check_location("bolt+routing://neo4j:pw@host")
    Traceback (most recent call last):
    pat_graph.errors.InputError: --almacen «bolt+routing://***@host» parece una URI pero no es una de Neo4j que pat-graph admita (bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://); para SQLite dé la ruta de un archivo (p. ej. datos/pat.sqlite)
    """
    if is_neo4j_uri(location) or not _LOOKS_LIKE_URI.match(location):
        return
    raise InputError(
        f"--almacen «{redact(location)}» parece una URI pero no es una de Neo4j que pat-graph "
        f"admita ({', '.join(NEO4J_SCHEMES)}); para SQLite dé la ruta de un archivo "
        "(p. ej. datos/pat.sqlite)")


def missing_store(location: str) -> StoreError:
    """The error of a reading command given a SQLite store that does not exist (exit 4).

    >>> print(missing_store("pat.sqlit"))
    el almacén pat.sqlit no existe (¿ruta mal escrita?); no se creó nada. Un almacén se crea al cargar datos: pat-graph load CARPETA --almacen pat.sqlit (o pat-graph demo --almacen pat.sqlit)
    """
    return StoreError(
        f"el almacén {location} no existe (¿ruta mal escrita?); no se creó nada. Un almacén "
        f"se crea al cargar datos: pat-graph load CARPETA --almacen {location} "
        f"(o pat-graph demo --almacen {location})")


def store_exists(location: str | os.PathLike[str] | None = None) -> bool:
    """Whether the store at ``location`` exists: a Neo4j URI (the server says), ``:memory:``,
    or a SQLite file that is there.

    >>> store_exists(":memory:"), store_exists("/no/such/pat.sqlite")
    (True, False)
    """
    location = os.fspath(location) if location else default_store_location()
    if is_neo4j_uri(location) or location == ":memory:":
        return True
    return Path(location).expanduser().exists()


def open_store(location: str | os.PathLike[str] | None = None, *, create: bool = True,
               **options) -> Store:
    """Open the store at ``location`` (SQLite path — a string or a ``Path`` — or Neo4j URI;
    default: see :func:`default_store_location`). Neo4j options: ``user``, ``password``,
    ``database``, ``batch_size``; they default to the ``NEO4J_*`` environment variables.
    A location that looks like a URI of another kind is refused (:func:`check_location`).
    With ``create=False`` (commands that only read) a SQLite file that does not exist is a
    :class:`~pat_graph.errors.StoreError` and nothing is created."""
    location = os.fspath(location) if location else default_store_location()
    check_location(location)
    if not create and not store_exists(location):
        raise missing_store(location)
    if is_neo4j_uri(location):
        from pat_graph.store.neo4j import Neo4jStore

        return Neo4jStore.from_uri(location, **options)
    from pat_graph.store.sqlite import SQLiteStore

    return SQLiteStore(location)


__all__ = ["Store", "StoreStats", "WriteSummary", "open_store", "default_store_location",
           "store_exists", "missing_store",
           "is_neo4j_uri", "check_location", "redact"]
