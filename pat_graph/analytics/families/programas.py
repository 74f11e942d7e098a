"""Family ``programas``: articulation Nation–Territory of the national programmes
(§4 of docs/analytics.md).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Program:P", label="Program", id="P", name="SPE")
>>> s = FAMILY.score(context(g))["05"]
>>> s.value, s.explanation
(1.0, ['1 de 1 programas sin socializar'])
"""

from __future__ import annotations

from pat_graph.analytics.base import Context
from pat_graph.analytics.families.base import Family, SubScore
from pat_graph.analytics.linkages import _KIND_STATE, linkage_gap_items, programme_linkages


def score(ctx: Context) -> dict[str, SubScore]:
    """Mean over the programmes of (3 − state) / 3, state 0 none … 3 feedback; 0 when
    the graph has no programme."""
    link = programme_linkages(ctx)
    progs = list(link.programmes)
    n = len(progs)
    out = {}
    for d in ctx.departments:
        if not n:
            out[d] = SubScore(0.0)
            continue
        flags = [link.flags.get((d, p), ()) for p in progs]
        deficit = sum((3 - max((_KIND_STATE[k] for k in f), default=0)) / 3 for f in flags)
        never = sum(1 for f in flags if not f)
        soc_only = sum(1 for f in flags if "socializacion" in f and "implementacion" not in f)
        no_fb = sum(1 for f in flags if "implementacion" in f and "retroalimentacion" not in f)
        expl = []
        if never:
            expl.append(f"{never} de {n} programas sin socializar")
        if soc_only:
            expl.append(f"{soc_only} de {n} programas socializados sin implementar")
        if no_fb:
            expl.append(f"{no_fb} de {n} programas implementados sin retroalimentación")
        out[d] = SubScore(deficit / n, expl)
    return out


FAMILY = Family(
    name="programas", title="Articulación Nación–Territorio", weight=25.0,
    items=linkage_gap_items, score=score,
    definition="promedio sobre programas de (3 − estado) / 3",
    records=("linkages",))
