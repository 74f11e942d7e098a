"""All gaps at once, and what closed and opened between two dates.

:func:`gap_items` runs the families and returns flat
:class:`~pat_graph.analytics.base.Gap` items; :func:`compare` diffs them (and
the gap index) between two as-of dates.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Instance:S", label="Instance", id="S", kind="comision_regional_competitividad",
...            created="2024-05-01")
>>> _ = g.add_edge("Instance:S", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> g.add_node("Instance:R", label="Instance", id="R", kind="red_ormet", created="2020-01-01")
>>> _ = g.add_edge("Instance:R", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> c = compare(g, "2023", "2025", families=["instancias"])
>>> [(x.code, x.subject) for x in c.closed]
[('falta_instancia', 'comision_regional_competitividad')]
>>> [(x.code, x.subject) for x in c.opened]  # the new CRC has no members yet
[('instancia_sin_sector', 'S|academico'), ('instancia_sin_sector', 'S|privado'), ('instancia_sin_sector', 'S|publico')]
"""

from __future__ import annotations

import re
import weakref
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from pat_graph.analytics.base import Context, Gap, context
from pat_graph.analytics.changes import index_changes
from pat_graph.analytics.families import REGISTRY, get, names
from pat_graph.analytics.index import gap_index
from pat_graph.analytics.records import record_coverage
from pat_graph.model import ACTOR

#: Gap family name (Spanish, as in ``--familia``) -> function returning its gaps
#: (from the registry, :mod:`pat_graph.analytics.families`).
FAMILIES: dict[str, Callable[..., list[Gap]]] = {f.name: f.items for f in REGISTRY}


def check_families(families: Iterable[str] | None) -> list[str]:
    """The family names asked for, validated (all when ``None``).

    >>> check_families(["sectores"])
    ['sectores']
    >>> check_families(["otra"])
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: familia desconocida 'otra'; use una de: instancias, instrumentos, sectores, programas, fragilidad
    """
    if families is None:
        return names()
    return [get(f).name for f in families]


#: Gap codes whose message names an actor as ``name (id)``
#: (:meth:`~pat_graph.analytics.network_fragility.Fragility.who`).
_ACTOR_CODES = ("punto_articulacion", "par_un_solo_actor", "actor_aislado")
_TRAILING_ID = re.compile(r"\(([^()]+)\)$")
#: Graph -> (its node count, actor node -> department, (department, actor name) -> how
#: many actors of that department carry the name).
_NAMESAKES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[
    int, dict[str, str | None], Counter[tuple[str | None, str]]]] = weakref.WeakKeyDictionary()


def _namesakes(g: nx.MultiDiGraph | Context
               ) -> tuple[dict[str, str | None], Counter[tuple[str | None, str]]]:
    """Each actor's department (the analytics' attribution) and how many actors of a
    department share a name; computed once per graph."""
    graph = g.graph if isinstance(g, Context) else g
    kept = _NAMESAKES.get(graph)
    if kept is None or kept[0] != graph.number_of_nodes():
        ctx = context(g)
        home = {n: ctx.department_of(n) for n in ctx.nodes(ACTOR)}
        counts = Counter((d, str(graph.nodes[n].get("name") or "")) for n, d in home.items())
        kept = _NAMESAKES[graph] = (graph.number_of_nodes(), home, counts)
    return kept[1], kept[2]


def _actor_by_name(g: nx.MultiDiGraph | Context, gap: Gap, msg: str) -> str:
    """``msg`` with the actor written ``name (id)`` written ``name``, unless another
    actor of the gap's department (or of the actor's own) has the same name: then the
    id stays, to tell them apart."""
    graph = g.graph if isinstance(g, Context) else g
    aid = gap.subject if gap.code != "par_un_solo_actor" else \
        (m[1] if (m := _TRAILING_ID.search(msg)) else "")
    node = f"Actor:{aid}"
    name = str(graph.nodes[node].get("name") or "") if node in graph else ""
    if not name or f"{name} ({aid})" not in msg:
        return msg
    home, same = _namesakes(g)
    if max(same[(gap.department_code, name)], same[(home.get(node), name)]) > 1:
        return msg
    return msg.replace(f"{name} ({aid})", name, 1)


def readable(g: nx.MultiDiGraph | Context, gap: Gap) -> Gap:
    """``gap`` with the instrument, instance, municipality or actor it names by id shown
    by name (the message of the family is kept word for word otherwise): what every
    table, page and ficha shows a person (the analytics themselves keep the ids). An
    actor keeps its id, ``name (id)``, only where another actor of the department has
    the same name.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:27001", name="Quibdó")
    >>> readable(g, Gap("27", "instrumentos", "falta_instrumento_municipal",
    ...                           "27001|plan_empleo", "municipio 27001 sin plan de empleo")).message
    'Quibdó sin plan de empleo'
    >>> g.add_node("Instance:I-1", label="Instance", id="I-1", name="Mesa de empleo")
    >>> readable(g, Gap("27", "instancias", "instancia_sin_sector", "I-1|privado",
    ...                 "la instancia I-1 no tiene miembro del sector privado")).message
    'la instancia «Mesa de empleo» no tiene miembro del sector privado'
    >>> for i in ("A-1", "A-2", "A-3"):
    ...     g.add_node(f"Actor:{i}", label="Actor", id=i, department_code="27",
    ...                name="Alcaldía de Quibdó" if i == "A-1" else "Sindicato")
    >>> readable(g, Gap("27", "fragilidad", "actor_aislado", "A-1",
    ...                 "Alcaldía de Quibdó (A-1) sin ningún vínculo")).message
    'Alcaldía de Quibdó sin ningún vínculo'
    >>> readable(g, Gap("27", "fragilidad", "par_un_solo_actor", "publico-comunitario",
    ...                 "el vínculo público–comunitario depende solo de Sindicato (A-2)")).message
    'el vínculo público–comunitario depende solo de Sindicato (A-2)'
    """
    msg = gap.message
    graph = g.graph if isinstance(g, Context) else g
    if gap.code in ("instrumento_estancado", "politica_no_sostenible"):
        node = f"Instrument:{gap.subject}"
        if node in graph and graph.nodes[node].get("name"):
            msg = msg.replace(f" {gap.subject} ", f" «{graph.nodes[node]['name']}» ", 1)
    elif gap.code == "instancia_sin_sector":
        i = gap.subject.rpartition("|")[0]
        node = f"Instance:{i}"
        if node in graph and graph.nodes[node].get("name"):
            msg = msg.replace(f"la instancia {i} ", f"la instancia «{graph.nodes[node]['name']}» ", 1)
    elif gap.code == "falta_instrumento_municipal":
        m = gap.subject.partition("|")[0]
        node = f"Territory:{m}"
        if node in graph and graph.nodes[node].get("name"):
            msg = msg.replace(f"municipio {m}", str(graph.nodes[node]["name"]), 1)
    elif gap.code in _ACTOR_CODES:
        msg = _actor_by_name(g, gap, msg)
    if msg == gap.message:
        return gap
    return Gap(gap.department_code, gap.family, gap.code, gap.subject, msg)


def gap_items(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None, *,
    families: Iterable[str] | None = None, department: str | None = None,
) -> list[Gap]:
    """Every gap of the chosen families (all by default), optionally of one department.

    A department without records of a family (:func:`~pat_graph.analytics.records.record_coverage`,
    the family's ``records``) has no gaps of it: missing records are not missing instances.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
    >>> gap_items(g)  # nothing recorded: nothing reported
    []
    """
    ctx = context(g, as_of)
    records = record_coverage(ctx)
    out: list[Gap] = []
    for fam in check_families(families):
        f = get(fam)
        out += [x for x in f.items(ctx)
                if (r := records.get(x.department_code)) is None or r.has(f.records)]
    if department is not None:
        out = [x for x in out if x.department_code == department]
    order = {name: i for i, name in enumerate(names())}
    return sorted(out, key=lambda x: (x.department_code, order[x.family],
                                      x.code, x.subject))


@dataclass
class Comparison:
    """What changed between two as-of dates: gaps closed, opened, and index moves."""

    date_a: str
    date_b: str
    closed: list[Gap] = field(default_factory=list)
    opened: list[Gap] = field(default_factory=list)
    persisting: int = 0
    index_change: list[dict[str, Any]] = field(default_factory=list)


def compare(
    g: nx.MultiDiGraph, date_a: str | date, date_b: str | date, *,
    families: Iterable[str] | None = None, department: str | None = None,
) -> Comparison:
    """Gaps that closed (present at ``date_a``, gone at ``date_b``) and opened (the reverse).

    Gaps are matched by (department, family, code, subject). ``index_change``
    lists each department's gap index at both dates.
    """
    ca, cb = context(g, date_a), context(g, date_b)
    a = {x.identity: x for x in gap_items(ca, families=families, department=department)}
    b = {x.identity: x for x in gap_items(cb, families=families, department=department)}
    res = Comparison(str(ca.as_of), str(cb.as_of))
    res.closed = [a[k] for k in a if k not in b]
    res.opened = [b[k] for k in b if k not in a]
    res.persisting = sum(1 for k in a if k in b)
    res.index_change = index_changes(gap_index(ca, with_unrecorded=True),
                                     gap_index(cb, with_unrecorded=True), department)
    return res
