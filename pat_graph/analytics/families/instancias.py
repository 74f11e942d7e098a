"""Family ``instancias``: coverage of the participation instances (§1 of docs/analytics.md).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> FAMILY.score(context(g))["05"].value  # 0.7 · 5/5 + 0.3 · 3/3 (no Subcomisión)
1.0
"""

from __future__ import annotations

from pat_graph.analytics.base import Context
from pat_graph.analytics.coverage import coverage_gaps, instance_coverage
from pat_graph.analytics.families.base import Family, SubScore, vocab_es
from pat_graph.model import SEED_INSTANCE_KINDS

PARTIES = ["gobierno", "empleadores", "trabajadores"]


def score(ctx: Context) -> dict[str, SubScore]:
    """0.7 · missing seed kinds / 5 + 0.3 · missing Subcomisión parties / 3 (all three
    when there is no active Subcomisión)."""
    out = {}
    for c in instance_coverage(ctx):
        parties = c.subcomision_missing_parties if c.has_subcomision else PARTIES
        expl = []
        if c.missing_kinds:
            expl.append(f"{'falta' if len(c.missing_kinds) == 1 else 'faltan'} {len(c.missing_kinds)} de {len(SEED_INSTANCE_KINDS)} instancias "
                        f"activas ({vocab_es('instance_kind', c.missing_kinds)})")
        if c.has_subcomision and parties:
            expl.append(f"Subcomisión de Concertación no tripartita: sin {', '.join(parties)}")
        out[c.department_code] = SubScore(
            0.7 * len(c.missing_kinds) / len(SEED_INSTANCE_KINDS) + 0.3 * len(parties) / 3, expl)
    return out


FAMILY = Family(
    name="instancias", title="Cobertura de instancias", weight=25.0,
    items=coverage_gaps, score=score,
    definition="0,7 · tipos semilla faltantes / 5 + 0,3 · partes de la Subcomisión faltantes "
               "/ 3 (3 si no hay Subcomisión activa)",
    records=("instances",))
