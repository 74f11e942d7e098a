"""Family ``instrumentos``: departmental policy instruments (§2 of docs/analytics.md).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> round(FAMILY.score(context(g))["05"].value, 2)  # 0.7 · 5/5
0.7
"""

from __future__ import annotations

from pat_graph.analytics.base import Context
from pat_graph.analytics.families.base import Family, SubScore, vocab_es
from pat_graph.analytics.instruments import instrument_gap_items, instrument_gaps
from pat_graph.formatting import plural
from pat_graph.model import INSTRUMENT_KINDS


def score(ctx: Context) -> dict[str, SubScore]:
    """0.7 · missing departmental kinds / 5 + 0.15 · [an adopted decent-work policy is
    not sustainable] + 0.15 · [an instrument is stalled]."""
    out = {}
    for r in instrument_gaps(ctx):
        expl = []
        if r.missing_kinds:
            expl.append(f"{'falta' if len(r.missing_kinds) == 1 else 'faltan'} {len(r.missing_kinds)} de {len(INSTRUMENT_KINDS)} instrumentos "
                        f"departamentales ({vocab_es('instrument_kind', r.missing_kinds).lower()})")
        if r.unsustainable_policies:
            expl.append("política de trabajo decente sin financiación o estructura administrativa")
        if r.stalled:
            expl.append(f"{plural(len(r.stalled), 'instrumento estancado', 'instrumentos estancados')}"
                        " en diagnóstico/formulación")
        out[r.department_code] = SubScore(
            0.7 * len(r.missing_kinds) / len(INSTRUMENT_KINDS)
            + 0.15 * bool(r.unsustainable_policies) + 0.15 * bool(r.stalled), expl)
    return out


FAMILY = Family(
    name="instrumentos", title="Instrumentos de política", weight=20.0,
    items=instrument_gap_items, score=score,
    definition="0,7 · tipos departamentales faltantes / 5 + 0,15 · [política no sostenible] "
               "+ 0,15 · [algún instrumento estancado]",
    records=("instruments",))
