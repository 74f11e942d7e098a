"""The lookup's index of folded names (pat_graph.lookup._index, built once per graph) keeps
the lookup's meaning: search, find and "¿quiso decir…?" answer exactly what the tiers say
when every name is folded again at each call (the rules restated below, from the module's
docstring), on the demo; a graph that grows is indexed again."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from pat_graph import lookup
from pat_graph.errors import NotFoundError
from pat_graph.text import fold


def _tiers_folding_each_time(g, text, kind, department=None):
    """The tiers of pat_graph.lookup with the names folded now, not from the index."""
    raw = str(text).strip()
    yield "id", lookup._by_id(g, raw, kind, department)
    wanted = fold(raw)
    if not wanted:
        return
    names = []
    for n, a in lookup._entries(g, kind, department):
        forms = [fold(a.get("name", "")), fold(a.get("acronym", "")), fold(a.get("id", ""))]
        names.append((n, [f for f in forms if f]))
    exact = [n for n, forms in names if wanted in forms]
    if not exact and kind in ("department", "municipality"):
        exact = lookup._divipola(g, raw, kind, department)
    yield "nombre", exact
    yield "prefijo", [n for n, forms in names if any(f.startswith(wanted) for f in forms)]
    yield "contiene", [n for n, forms in names
                       if any(f" {wanted}" in f" {f}" or wanted in f.replace(" ", "")
                              for f in forms)]
    words = wanted.split()
    if len(words) > 1:
        yield "palabras", [n for n, forms in names
                           if any(all(any(w.startswith(t) for w in f.split()) for t in words)
                                  for f in forms)]


def _search_folding_each_time(g, text, kinds=None, limit=20):
    order = list(kinds or lookup.KIND_LABEL)
    seen, ranked = set(), []
    for k_i, kind in enumerate(order):
        for t_i, (how, nodes) in enumerate(_tiers_folding_each_time(g, text, kind)):
            for n in nodes:
                if n not in seen:
                    seen.add(n)
                    m = lookup._match(g, n, kind, how)
                    ranked.append((t_i, k_i, fold(m.name), m))
    ranked.sort(key=lambda r: r[:3])
    return [r[3] for r in ranked[:limit]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from pat_graph.demo import generate_demo
    from pat_graph.ingest import load_paths
    from pat_graph.store.sqlite import SQLiteStore

    root = tmp_path_factory.mktemp("lk")
    generate_demo(root / "demo", scale=0.05)
    with SQLiteStore(root / "s.sqlite") as st:
        load_paths([root / "demo"], st)
        return st.read_graph()


def _queries(g: nx.MultiDiGraph) -> list[str]:
    rnd = random.Random(21)
    names = sorted(a["name"] for _, a in g.nodes(data=True) if a.get("name"))
    out = ["go", "gober", "gobernacion del meta", "Universidad", "a", "sena", "05", "5001",
           "bogota", "san andres", "barbosa", "red ormet", "Antiokia", "", "  ", "zzzz"]
    out += [a["id"].lower() for _, a in list(g.nodes(data=True))[-50:] if a.get("id")][:5]
    for name in rnd.sample(names, 25):
        out += [name, name[:rnd.randint(2, len(name))]]
        words = name.split()
        if len(words) > 1:
            out.append(" ".join(w[:3] for w in reversed(words)))
    return out


def test_search_is_the_tiers_folded_each_time(demo):
    for q in _queries(demo):
        for kinds in (None, ("department", "municipality")):
            got = lookup.search(demo, q, kinds, limit=20)
            assert got == _search_folding_each_time(demo, q, kinds, limit=20), (q, kinds)


def _outcome(fn):
    try:
        return fn()
    except NotFoundError as err:
        return (type(err).__name__, str(err))


def test_find_and_its_suggestions_are_unchanged(demo, monkeypatch):
    import difflib

    qs = _queries(demo)[:40]
    cases = [(q, kind, dept) for q in qs for kind in lookup.KIND_LABEL for dept in (None, "05")]
    indexed = [_outcome(lambda c=c: lookup.find(demo, c[0], c[1], department=c[2]))
               for c in cases]
    for q in qs:  # "¿quiso decir…?": the closest folded names or acronyms
        by_form: dict[str, str] = {}
        for node, a in lookup._entries(demo, "actor", None):
            for form in (fold(a.get("name", "")), fold(a.get("acronym", ""))):
                if form:
                    by_form.setdefault(form, node)
        close = difflib.get_close_matches(fold(q), list(by_form), n=3, cutoff=0.75)
        assert [m.node for m in lookup.close_matches(demo, q, "actor")] == list(
            dict.fromkeys(by_form[c] for c in close)), q
    monkeypatch.setattr(lookup, "_tiers", _tiers_folding_each_time)
    assert [_outcome(lambda c=c: lookup.find(demo, c[0], c[1], department=c[2]))
            for c in cases] == indexed


def test_a_graph_that_grows_is_indexed_again():
    g = nx.MultiDiGraph()
    g.add_node("Actor:A1", label="Actor", id="A1", name="Cámara de Comercio")
    assert [m.key for m in lookup.search(g, "camara")] == ["A1"]
    g.add_node("Actor:A2", label="Actor", id="A2", name="Cámara de Comercio del Meta")
    assert [m.key for m in lookup.search(g, "camara")] == ["A1", "A2"]
    assert lookup.find(g, "camara de comercio del meta", "actor").key == "A2"
