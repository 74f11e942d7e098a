"""The one lookup of graph nodes by what a user types.

Every command, page and report that takes an actor, department,
municipality, programme, instance or agreement from a person resolves it
here, so the same text names the same node everywhere. A text matches, in
this order (the first tier with matches decides):

1. the id (``A-0001``, ``P1``), the node id (``Actor:A-0001``) or, for
   territories, the DANE code (``5``, ``05``, ``5001``, ``05001``);
2. the name or the acronym, folded (:func:`pat_graph.text.fold`: accents,
   case, punctuation and spacing ignored), and for departments and
   municipalities the DIVIPOLA names and aliases ("Bogotá", "San Andrés");
3. the start of a name (a unique prefix);
4. a part of a name;
5. every word typed starts a word of the name, in any order ("gobernacion meta"
   is "Gobernación del Meta").

Several matches in the deciding tier raise :class:`AmbiguousError` listing
the candidates with their ids; none raises
:class:`~pat_graph.errors.NotFoundError` with "¿quiso decir …?" when a
close name exists.

>>> from pat_graph.viz.views import _example_graph
>>> g = _example_graph()
>>> find(g, "antioquia", "department").key, find(g, "5", "department").name
('05', 'Antioquia')
>>> find(g, "universidad de antioquía", "actor").node
'Actor:A3'
>>> find(g, "Antiokia", "department")
Traceback (most recent call last):
...
pat_graph.errors.NotFoundError: No existe el departamento «Antiokia» en el grafo; ¿quiso decir Antioquia (05)?
"""

from __future__ import annotations

import difflib
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pat_graph.errors import NotFoundError
from pat_graph.model import ACTOR, AGREEMENT, INSTANCE, PROGRAM, TERRITORY
from pat_graph.territories import TerritoryError, reference
from pat_graph.text import fold

if TYPE_CHECKING:  # only for annotations: the CLI imports this module at start
    import networkx as nx

#: The kinds of things a user can name, and the node label of each.
KIND_LABEL: dict[str, str] = {
    "actor": ACTOR, "department": TERRITORY, "municipality": TERRITORY,
    "programme": PROGRAM, "instance": INSTANCE, "agreement": AGREEMENT,
}
#: Spanish name of each kind (messages).
KIND_ES: dict[str, str] = {
    "actor": "actor", "department": "departamento", "municipality": "municipio",
    "programme": "programa", "instance": "instancia", "agreement": "acuerdo",
}
_PLURAL_ES: dict[str, str] = {
    "actor": "actores", "department": "departamentos", "municipality": "municipios",
    "programme": "programas", "instance": "instancias", "agreement": "acuerdos",
}
#: Match tiers, best first (``Match.how``).
TIERS: tuple[str, ...] = ("id", "nombre", "prefijo", "contiene", "palabras")
MAX_LISTED = 10
#: What a person picks to search one kind of node (``buscar --tipo``, the workbench's
#: search) -> the lookup kinds it covers.
SEARCH_TYPES: dict[str, tuple[str, ...]] = {
    "actor": ("actor",), "instancia": ("instance",), "programa": ("programme",),
    "territorio": ("department", "municipality"), "acuerdo": ("agreement",),
    "departamento": ("department",),
}
#: How a text matched (``Match.how``), as a person reads it.
HOW_ES: dict[str, str] = {
    "id": "id o código", "nombre": "nombre o sigla", "prefijo": "comienzo del nombre",
    "contiene": "parte del nombre", "palabras": "palabras del nombre",
    "parecido": "nombre parecido"}


class AmbiguousError(NotFoundError):
    """A text that names several nodes; the message lists them with their ids."""


@dataclass(frozen=True, slots=True)
class Match:
    """One node a text names: its node id, kind, key (id or DANE code), display name,
    and how it matched (one of :data:`TIERS`)."""

    node: str
    kind: str
    key: str
    name: str
    how: str

    @property
    def label(self) -> str:
        """``name (key)``, as messages show a candidate."""
        return f"{self.name} ({self.key})" if self.name != self.key else self.key


def _kind_of(a: dict[str, Any]) -> str | None:
    label = a.get("label")
    if label == TERRITORY:
        k = a.get("kind")
        return k if k in ("department", "municipality") else None
    for kind, lab in KIND_LABEL.items():
        if lab == label and lab != TERRITORY:
            return kind
    return None


def _entries(g: nx.MultiDiGraph, kind: str,
             department: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    label = KIND_LABEL[kind]
    for n, a in g.nodes(data=True):
        if a.get("label") != label or _kind_of(a) != kind:
            continue
        if department and kind == "municipality" and _dept_of(a) != department:
            continue
        yield n, a


@dataclass(frozen=True, slots=True)
class _Entry:
    """One node of a kind with its folded forms, computed once per graph (:func:`_index`).

    ``name``/``acronym``/``id``: folded (``""`` when absent); ``forms``: the non-empty
    ones in that order; ``spaced``: each form after a space, ``joined``: without spaces,
    ``words``: split (the tiers' own derived forms); ``id_cf``: the id casefolded;
    ``dept``: the department code (municipalities of one department); ``shown``: the
    folded name a person sees (:func:`_display`: a municipality with its department),
    what :func:`search` orders by.
    """

    node: str
    name: str
    acronym: str
    id: str
    forms: tuple[str, ...]
    spaced: tuple[str, ...]
    joined: tuple[str, ...]
    words: tuple[tuple[str, ...], ...]
    id_cf: str
    dept: str | None
    shown: str


#: Folded names of every kind of a graph, built once per graph object and kind (a
#: search of every kind folded ~100 thousand names at 1x: 100-300 ms a key typed).
#: Graphs read from a store are not modified afterwards; a graph whose node count
#: changed is indexed again.
_INDEX: weakref.WeakKeyDictionary[
    nx.MultiDiGraph, tuple[int, dict[str, tuple[list[_Entry], dict[str, _Entry]]]]] = \
    weakref.WeakKeyDictionary()


def _index(g: nx.MultiDiGraph, kind: str, department: str | None = None) -> list[_Entry]:
    """The :class:`_Entry` of every node of ``kind`` in ``g``, in the graph's order
    (municipalities of ``department`` only, when given)."""
    entries = _indexed(g, kind)[0]
    if department and kind == "municipality":
        return [e for e in entries if e.dept == department]
    return entries


def _indexed(g: nx.MultiDiGraph, kind: str) -> tuple[list[_Entry], dict[str, _Entry]]:
    """The entries of ``kind`` (all of them) and the same by node id, built on first use."""
    size = g.number_of_nodes()
    cached = _INDEX.get(g)
    if cached is None or cached[0] != size:
        cached = (size, {})
        _INDEX[g] = cached
    by_kind = cached[1]
    if kind not in by_kind:
        entries = []
        for n, a in _entries(g, kind, None):
            name, acronym, ident = (fold(a.get("name", "")), fold(a.get("acronym", "")),
                                    fold(a.get("id", "")))
            forms = tuple(f for f in (name, acronym, ident) if f)
            entries.append(_Entry(n, name, acronym, ident, forms,
                                  tuple(f" {f}" for f in forms),
                                  tuple(f.replace(" ", "") for f in forms),
                                  tuple(tuple(f.split()) for f in forms),
                                  str(a.get("id", "")).casefold(), _dept_of(a),
                                  fold(_display(g, kind, a, n))))
        by_kind[kind] = (entries, {e.node: e for e in entries})
    return by_kind[kind]


def _dept_of(a: dict[str, Any]) -> str | None:
    code = a.get("department_code") or str(a.get("dane_code", ""))[:2]
    return str(code) if code else None


def _key(a: dict[str, Any], n: str) -> str:
    return str(a.get("dane_code") or a.get("id") or n.split(":", 1)[-1])


def _display(g: nx.MultiDiGraph, kind: str, a: dict[str, Any], n: str) -> str:
    name = str(a.get("name") or _key(a, n))
    if kind == "municipality":
        dept = g.nodes.get(f"{TERRITORY}:{_dept_of(a)}", {}).get("name")
        return f"{name}, {dept}" if dept else name
    return name


def _match(g: nx.MultiDiGraph, n: str, kind: str, how: str) -> Match:
    a = g.nodes[n]
    return Match(n, kind, _key(a, n), _display(g, kind, a, n), how)


def _by_id(g: nx.MultiDiGraph, raw: str, kind: str, department: str | None) -> list[str]:
    label = KIND_LABEL[kind]
    keys = [raw]
    if label == TERRITORY and raw.isdigit():
        keys = [raw.zfill(2 if kind == "department" else 5)]
    hits = []
    for key in keys:
        for cand in (key, f"{label}:{key}") if not key.startswith(f"{label}:") else (key,):
            a = g.nodes.get(cand)
            if a is not None and a.get("label") == label and _kind_of(a) == kind and (
                    not department or kind != "municipality" or _dept_of(a) == department):
                hits.append(cand)
                break
    if hits or label == TERRITORY:
        return hits
    folded = raw.casefold()  # ids typed in another case ("a-0001")
    return [e.node for e in _index(g, kind, department) if e.id_cf == folded]


def _divipola(g: nx.MultiDiGraph, raw: str, kind: str, department: str | None) -> list[str]:
    """Department/municipality named by a DIVIPOLA name or alias ("Bogotá", "San Andrés")."""
    ref = reference()
    try:
        code = (ref.resolve_department(raw) if kind == "department"
                else ref.resolve_municipality(raw, department))
    except TerritoryError:  # unknown or ambiguous there: the graph's own tiers decide
        return []
    node = f"{TERRITORY}:{code}"
    return [node] if node in g else []


def _tiers(g: nx.MultiDiGraph, text: str, kind: str,
           department: str | None = None) -> Iterator[tuple[str, list[str]]]:
    """(tier, matching nodes) of ``text`` for ``kind``, best tier first (lazily)."""
    raw = str(text).strip()
    yield "id", _by_id(g, raw, kind, department)
    wanted = fold(raw)
    if not wanted:
        return
    names = _index(g, kind, department)
    exact = [e.node for e in names if wanted in e.forms]
    if not exact and kind in ("department", "municipality"):
        exact = _divipola(g, raw, kind, department)
    yield "nombre", exact
    yield "prefijo", [e.node for e in names if any(f.startswith(wanted) for f in e.forms)]
    spaced = f" {wanted}"
    yield "contiene", [e.node for e in names
                       if any(spaced in sp or wanted in j
                              for sp, j in zip(e.spaced, e.joined, strict=True))]
    words = wanted.split()
    if len(words) > 1:
        yield "palabras", [e.node for e in names
                           if any(all(any(w.startswith(t) for w in ws) for t in words)
                                  for ws in e.words)]


def find(g: nx.MultiDiGraph, text: str, kind: str, *, department: str | None = None) -> Match:
    """The node of ``kind`` (one of :data:`KIND_LABEL`) that ``text`` names in ``g``.

    ``department`` (a DANE code) restricts municipalities to one department
    ("Barbosa" is in Antioquia and in Santander). Raises
    :class:`AmbiguousError` or :class:`~pat_graph.errors.NotFoundError`.

    >>> from pat_graph.viz.views import _example_graph
    >>> g = _example_graph()
    >>> [find(g, t, "actor").node for t in ("A1", "sena", "Actor:A1")]
    ['Actor:A1', 'Actor:A1', 'Actor:A1']
    >>> find(g, "Universidad", "actor").how
    'prefijo'
    >>> find(g, "antioquia universidad", "actor").how
    'palabras'
    """
    if kind not in KIND_LABEL:
        raise ValueError(f"unknown kind {kind!r}")
    for how, nodes in _tiers(g, text, kind, department):
        if len(nodes) == 1:
            return _match(g, nodes[0], kind, how)
        if nodes:
            shown = sorted((_match(g, n, kind, how) for n in nodes), key=lambda m: m.name)
            listed = "; ".join(m.label for m in shown[:MAX_LISTED])
            more = f" y {len(shown) - MAX_LISTED} más" if len(shown) > MAX_LISTED else ""
            raise AmbiguousError(
                f"«{text}» puede ser {len(shown)} {_PLURAL_ES[kind]}: {listed}{more}; "
                "use el id o el nombre completo")
    article = "la" if kind == "instance" else "el"  # la instancia; el actor, el acuerdo…
    raise NotFoundError(f"No existe {article} {KIND_ES[kind]} «{text}» en el grafo"
                        + _suggestion(g, text, kind, department))


def close_matches(g: nx.MultiDiGraph, text: str, kind: str, *,
                  department: str | None = None, n: int = 3) -> list[Match]:
    """Nodes of ``kind`` whose name or acronym is close to ``text`` (a typo), closest
    first: what "¿quiso decir …?" offers.

    >>> from pat_graph.viz.views import _example_graph
    >>> [m.label for m in close_matches(_example_graph(), "Universida de Antiokia", "actor")]
    ['Universidad de Antioquia (A3)']
    """
    by_form: dict[str, str] = {}
    for e in _index(g, kind, department):
        for form in (e.name, e.acronym):
            if form:
                by_form.setdefault(form, e.node)
    close = difflib.get_close_matches(fold(text), list(by_form), n=n, cutoff=0.75)
    return [_match(g, node, kind, "parecido")
            for node in dict.fromkeys(by_form[c] for c in close)]


def _suggestion(g: nx.MultiDiGraph, text: str, kind: str, department: str | None) -> str:
    close = close_matches(g, text, kind, department=department)
    if not close:
        total = len(_index(g, kind, department))
        return f" (use el id o el nombre; {_PLURAL_ES[kind]} en el grafo: {total})"
    return "; ¿quiso decir " + " o ".join(m.label for m in close) + "?"


def search(g: nx.MultiDiGraph, text: str, kinds: Iterable[str] | None = None,
           limit: int = 20) -> list[Match]:
    """Ranked matches of ``text`` among ``kinds`` (all when ``None``): by tier
    (:data:`TIERS`), then kind and name; at most ``limit``. Never raises for no match.

    >>> from pat_graph.viz.views import _example_graph
    >>> [(m.node, m.how) for m in search(_example_graph(), "antioquia")]
    [('Territory:05', 'nombre'), ('Actor:A3', 'contiene'), ('Instance:I1', 'contiene')]
    """
    order = list(kinds or KIND_LABEL)
    seen: set[str] = set()
    ranked: list[tuple[int, int, str, str, str, str]] = []
    for k_i, kind in enumerate(order):
        by_node = None
        for t_i, (how, nodes) in enumerate(_tiers(g, text, kind)):
            for n in nodes:
                if n not in seen:
                    seen.add(n)
                    if by_node is None:
                        by_node = _indexed(g, kind)[1]
                    e = by_node.get(n)
                    shown = e.shown if e is not None else fold(_match(g, n, kind, how).name)
                    ranked.append((t_i, k_i, shown, n, kind, how))
    ranked.sort(key=lambda r: r[:3])
    return [_match(g, n, kind, how) for _, _, _, n, kind, how in ranked[:limit]]


__all__ = ["HOW_ES", "KIND_ES", "KIND_LABEL", "SEARCH_TYPES", "TIERS", "AmbiguousError", "Match", "close_matches", "find",
           "search"]
