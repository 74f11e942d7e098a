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


def readable(g: nx.MultiDiGraph, gap: Gap) -> Gap:
    """``gap`` with the instrument or municipality it names by id shown by name (the
    message of the family is kept word for word otherwise): what every table, page and
    ficha shows a person (the analytics themselves keep the ids).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:27001", name="Quibdó")
    >>> readable(g, Gap("27", "instrumentos", "falta_instrumento_municipal",
    ...                           "27001|plan_empleo", "municipio 27001 sin plan de empleo")).message
    'Quibdó sin plan de empleo'
    """
    msg = gap.message
    if gap.code in ("instrumento_estancado", "politica_no_sostenible"):
        node = f"Instrument:{gap.subject}"
        if node in g and g.nodes[node].get("name"):
            msg = msg.replace(f" {gap.subject} ", f" «{g.nodes[node]['name']}» ", 1)
    elif gap.code == "falta_instrumento_municipal":
        m = gap.subject.partition("|")[0]
        node = f"Territory:{m}"
        if node in g and g.nodes[node].get("name"):
            msg = msg.replace(f"municipio {m}", str(g.nodes[node]["name"]), 1)
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
