"""The analysts' query library on every store: one Python answer per named Cypher query.

Each named query of ``cypher/queries/<name>.cypher`` (the text Neo4j runs, pasteable
into Neo4j Browser) has a module ``pat_graph/query_library/<name>.py`` that declares
its parameters (name and kind) and answers the same question over the canonical
networkx graph (``store.read_graph()``) with the same columns, order and types. The
embedded store runs the Python answer; Neo4j runs the Cypher; the differential test
(``tests/test_query_library.py``) compares them row for row on every query.

A new query is two files: the ``.cypher`` and a module here with ``CYPHER``,
``PARAMS`` and ``answer(g, **params)``, optionally ``check(values)`` for rules
between parameters (the registry finds the module by itself).

Parameter kinds (:data:`KINDS`): the things a user names (``actor``, ``department``,
``municipality``, ``territory``, ``instance``, ``programme``, ``agreement``) are
resolved by :func:`pat_graph.lookup.find`; ``vocab:<vocabulary>`` by the Spanish label
or the code of :data:`pat_graph.model.VOCABULARIES`; ``int`` and ``date`` are read as
such. :func:`resolve_params` does it before the query runs, so a name that names
nothing is an error, never an empty answer.

>>> sorted(registry())[:3]
['actores_departamento', 'actores_sector_instancia', 'acuerdos_departamento']
>>> registry()["intermediarios_sectores"].params[1]
Param(name='sector_a', kind='vocab:sector')
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx

from pat_graph.errors import NotFoundError, QueryError, StoreError
from pat_graph.model import ACTOR, AGREEMENT, INSTANCE, PARTICIPATES_IN, SIGNED, VOCABULARIES
from pat_graph.queries import check_params, get_query

#: Kinds resolved by the one lookup (:func:`pat_graph.lookup.find`); ``territory`` is a
#: department or a municipality.
NAMED_KINDS: tuple[str, ...] = ("actor", "department", "municipality", "territory",
                                "instance", "programme", "agreement")
#: Every parameter kind: named things, ``vocab:<name>``, ``int`` and ``date``.
KINDS: tuple[str, ...] = NAMED_KINDS + tuple(f"vocab:{v}" for v in VOCABULARIES) + ("int", "date")


@dataclass(frozen=True, slots=True)
class Param:
    """One declared parameter of a query: its ``$name`` in the Cypher text and its kind.

    ``low``/``high`` bound an ``int`` parameter (inclusive).
    """

    name: str
    kind: str
    low: int | None = None
    high: int | None = None

    def __repr__(self) -> str:
        return f"Param(name={self.name!r}, kind={self.kind!r})"


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """A registered query: name (= its ``.cypher`` file's statement), parameters, Python answer."""

    name: str
    cypher: str
    params: tuple[Param, ...]
    answer: Callable[..., list[dict[str, Any]]]
    check: Callable[[dict[str, Any]], None] | None = None

    @property
    def needs_graph(self) -> bool:
        """Whether a parameter is a named thing (its resolution reads the graph)."""
        return any(p.kind in NAMED_KINDS for p in self.params)


@cache
def registry() -> dict[str, LibraryQuery]:
    """Every query module of this package, by name (the module's name).

    >>> registry()["alianzas_actor"].cypher
    'alianzas_actor.cypher'
    """
    out: dict[str, LibraryQuery] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        params = tuple(mod.PARAMS)
        for p in params:
            if p.kind not in KINDS:
                raise ValueError(f"{info.name}: unknown parameter kind {p.kind!r}")
        out[info.name] = LibraryQuery(info.name, mod.CYPHER, params, mod.answer,
                                      getattr(mod, "check", None))
    return out


# ------------------------------------------------------------------ parameters
def resolve_params(query: LibraryQuery, values: Mapping[str, Any],
                   graph: nx.MultiDiGraph | None) -> dict[str, Any]:
    """The values a query runs with: each named thing resolved to its id (or DANE code),
    each vocabulary value to its code, ``int`` and ``date`` parsed. ``graph`` may be
    ``None`` when no parameter is a named thing. Errors name the parameter (exit 2).

    >>> q = registry()["intermediarios_sectores"]
    >>> from pat_graph.viz.views import _example_graph
    >>> resolve_params(q, {"departamento": "antioquia", "sector_a": "Académico",
    ...                    "sector_b": "PRIVADO"}, _example_graph())
    {'departamento': '05', 'sector_a': 'academico', 'sector_b': 'privado'}
    >>> resolve_params(q, {"departamento": "05", "sector_a": "academia", "sector_b": "x"},
    ...                _example_graph())
    Traceback (most recent call last):
    ...
    pat_graph.errors.QueryError: -p sector_a: «academia» no es un sector; ¿quiso decir académico? Valores: público, privado, académico, comunitario, cooperación
    """
    out: dict[str, Any] = {}
    for p in query.params:
        raw = values[p.name]
        try:
            out[p.name] = resolve_value(p, raw, graph)
        except NotFoundError as err:
            raise type(err)(f"-p {p.name}: {err}") from None
    if query.check is not None:
        query.check(out)
    return out


def resolve_value(p: Param, raw: Any, graph: nx.MultiDiGraph | None) -> Any:
    """One parameter value (see :func:`resolve_params`).

    >>> resolve_value(Param("pasos", "int", 1, 4), "2", None)
    2
    >>> resolve_value(Param("desde", "date"), "31/12/2023", None)
    '2023-12-31'
    """
    if p.kind in NAMED_KINDS:
        from pat_graph.lookup import find

        if graph is None:
            raise ValueError("a named parameter needs the graph")
        text = str(raw)
        if p.kind != "territory":
            return find(graph, text, p.kind).key
        try:
            return find(graph, text, "department").key
        except NotFoundError as first:
            if type(first) is not NotFoundError:  # ambiguous among departments
                raise
            try:
                return find(graph, text, "municipality").key
            except NotFoundError as second:
                if type(second) is not NotFoundError:
                    raise
                raise NotFoundError(f"{first} (ni un municipio: {second})") from None
    if p.kind.startswith("vocab:"):
        return _vocabulary_value(p, raw)
    if p.kind == "int":
        return _integer(p, raw)
    from pat_graph.dates import DateError, parse_date

    try:
        return parse_date(raw, keep_time=False)
    except DateError as err:
        raise QueryError(f"-p {p.name}: {err}") from None


#: What a value of each vocabulary parameter is, in Spanish ("«x» no es un sector").
VOCABULARY_ES: dict[str, str] = {"sector": "sector", "instance_kind": "tipo de instancia",
             "agreement_status": "estado de acuerdo"}


def _vocabulary_value(p: Param, raw: Any) -> str:
    from pat_graph.ingest.values import ValueProblem, parse_enum
    from pat_graph.text import fold

    vocabulary = p.kind.split(":", 1)[1]
    try:
        return parse_enum(raw, vocabulary)
    except ValueProblem:
        labels = VOCABULARIES[vocabulary]
        forms = {fold(x): v for v, label in labels.items() for x in (v, label)}
        close = difflib.get_close_matches(fold(raw), list(forms), n=3, cutoff=0.6)
        shown = list(dict.fromkeys(forms[c] for c in close))
        hint = ("; ¿quiso decir " + " o ".join(labels[v].lower() for v in shown) + "?"
                if shown else "")
        allowed = ", ".join(label.lower() for label in labels.values())
        what = VOCABULARY_ES.get(vocabulary, vocabulary)
        raise QueryError(f"-p {p.name}: «{raw}» no es un {what}{hint} Valores: {allowed}"
                         ) from None


def _integer(p: Param, raw: Any) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        raise QueryError(f"-p {p.name}: «{raw}» no es un número entero") from None
    if (p.low is not None and value < p.low) or (p.high is not None and value > p.high):
        raise QueryError(f"-p {p.name}: {value} está fuera de {p.low}..{p.high}")
    return value


# ------------------------------------------------------------------ running
def library_query(name: str) -> Any:
    """The registered implementation of query ``name`` (:mod:`pat_graph.query_library`).

    >>> [p.kind for p in library_query("alianzas_actor").params]
    ['actor']
    """
    get_query(name)
    try:
        return registry()[name]
    except KeyError:
        raise StoreError(f"la consulta «{name}» no tiene respuesta en Python "
                         f"(falta pat_graph/query_library/{name}.py)") from None


def prepare(name: str, params: Mapping[str, Any] | None = None,
            graph: Any = None) -> dict[str, Any]:
    """The values query ``name`` runs with: checked (every parameter, no other) and resolved
    as people write them (:func:`pat_graph.query_library.resolve_params`: names of actors,
    departments ... by the one lookup, vocabulary labels, numbers, dates). ``graph`` is
    needed only when a parameter names a thing.

    >>> prepare("intermediarios_sectores", {"departamento": "50", "sector_a": "Público",
    ...                                      "sector_b": "academico"}, None)
    Traceback (most recent call last):
    ...
    ValueError: a named parameter needs the graph
    """
    query = get_query(name)
    values = check_params(query, params or {})
    return resolve_params(library_query(name), values, graph)


def run_query(store: Any, name: str, params: Mapping[str, Any] | None = None, *,
              graph: Any = None) -> list[dict]:
    """Run the analysts' query ``name`` on any store; rows as plain dicts.

    Parameters are resolved first (:func:`prepare`: an actor by name, a department
    by name or code, a sector by its label ...; a name that names nothing raises
    :class:`~pat_graph.errors.NotFoundError` with "¿quiso decir …?"). Neo4j runs the
    Cypher text of ``cypher/queries/``; the embedded store the Python answer of
    :mod:`pat_graph.query_library` over ``store.read_graph()`` (or ``graph``, when the
    caller has read it already): the same rows either way.

    >>> from pat_graph.store.sqlite import SQLiteStore
    >>> from pat_graph.viz.views import _example_graph
    >>> with SQLiteStore(":memory:") as st:
    ...     [r["socio"] for r in run_query(st, "alianzas_actor", {"actor": "sena"},
    ...                                    graph=_example_graph())][:1]
    ['A2']
    """
    query = get_query(name)
    check_params(query, params or {})
    impl = library_query(name)
    runner = getattr(store, "run_cypher", None)
    if graph is None and (runner is None or impl.needs_graph):
        graph = store.read_graph()
    values = prepare(name, params, graph)
    if runner is not None:
        return runner(query.text, values, name=query.name)
    return impl.answer(graph, **values)


def result_columns(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Every column of a query's ``rows``, in order of first appearance (what
    ``pat-graph query`` and the workbench's Consultas show).

    >>> result_columns([{"a": 1}, {"a": 2, "b": 3}])
    ['a', 'b']
    """
    cols: dict[str, None] = {}
    for row in rows:
        cols.update(dict.fromkeys(row))
    return list(cols)


# ------------------------------------------------------------------ helpers of the answers
def cypher_sort_key(*values: Any) -> tuple:
    """A sort key that orders like Cypher's ``ORDER BY`` (ascending): ``null`` last.

    >>> sorted([("b",), (None,), ("a",)], key=lambda r: cypher_sort_key(*r))
    [('a',), ('b',), (None,)]
    """
    return tuple((v is None, v if v is not None else 0) for v in values)


#: The relationships of alliances: an actor signs agreements and takes part in instances.
ALLIANCE_TYPES: frozenset[str] = frozenset({SIGNED, PARTICIPATES_IN})
ALLIANCE_HUBS: frozenset[str] = frozenset({AGREEMENT, INSTANCE})


def alliance_neighbours(g: nx.MultiDiGraph, n: str) -> Iterable[str]:
    """The nodes one ``SIGNED``/``PARTICIPATES_IN`` relationship away from ``n``, either way
    (the pattern ``(n)-[:SIGNED|PARTICIPATES_IN]-(m)``), each once.

    >>> from pat_graph.viz.views import _example_graph
    >>> sorted(alliance_neighbours(_example_graph(), "Actor:A1"))[:1]
    ['Instance:I1']
    """
    return _alliance_index(g).get(n, {})


#: Alliance neighbours of every node of a graph, built once per graph object in one
#: pass over its relationships (the path queries visit most nodes: one view per visit
#: cost seconds). Graphs read from a store are not modified afterwards.
_ALLIANCE_INDEX: weakref.WeakKeyDictionary[nx.MultiDiGraph, dict[str, dict[str, None]]] = \
    weakref.WeakKeyDictionary()


def _alliance_index(g: nx.MultiDiGraph) -> dict[str, dict[str, None]]:
    index = _ALLIANCE_INDEX.get(g)
    if index is None:
        index = {}
        for u, nbrs in g.adjacency():
            for v, keys in nbrs.items():
                if any(a.get("type") in ALLIANCE_TYPES for a in keys.values()):
                    index.setdefault(u, {})[v] = None
                    index.setdefault(v, {})[u] = None
        _ALLIANCE_INDEX[g] = index
    return index


def is_actor(g: nx.MultiDiGraph, n: str) -> bool:
    """Whether ``n`` is an Actor node."""
    return g.nodes[n].get("label") == ACTOR


__all__ = ["ALLIANCE_HUBS", "ALLIANCE_TYPES", "KINDS", "NAMED_KINDS", "VOCABULARY_ES",
           "LibraryQuery", "Param", "alliance_neighbours", "cypher_sort_key", "is_actor",
           "library_query", "prepare", "registry", "resolve_params", "resolve_value",
           "result_columns", "run_query"]
