"""The one exception family of pat-graph.

Every error the library raises on purpose derives from :class:`PatGraphError`;
the CLI turns them into a friendly Spanish message and a non-zero exit code,
never a traceback.

>>> issubclass(InputError, PatGraphError)
True
"""

from __future__ import annotations


class PatGraphError(Exception):
    """Base class of every pat-graph error. ``str(err)`` is a Spanish message for people."""

    exit_code = 1


class InputError(PatGraphError):
    """An input file or argument cannot be used (missing file, unreadable sheet, bad option)."""

    exit_code = 2


class MappingError(PatGraphError):
    """A ``loaders/*.toml`` mapping is invalid; the message names the key at fault."""

    exit_code = 2


class RejectedRowsError(PatGraphError):
    """A load rejected rows (raised only when the caller asked for strictness)."""

    exit_code = 3


class StoreError(PatGraphError):
    """The store cannot be opened, read or written (SQLite file, Neo4j server)."""

    exit_code = 4


class StoreConnectionError(StoreError):
    """The store is unreachable or refuses the credentials."""


class QueryError(PatGraphError):
    """A named query is unknown or its parameters are wrong."""

    exit_code = 2


class NotFoundError(PatGraphError):
    """A department, actor, programme ... named by the user does not exist in the graph."""

    exit_code = 2


class RecordRefusedError(StoreError):
    """A store refused a batch and wrote nothing of it: a record outside the model (label,
    relationship type or direction) or a relationship whose start or end node exists
    neither in the batch nor in the store. The message names the record and the cause."""
