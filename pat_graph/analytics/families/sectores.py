"""Family ``sectores``: articulation between the helix sectors (§3 of docs/analytics.md).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> s = FAMILY.score(context(g))["05"]
>>> s.value, s.explanation
(1.0, ['sin actores articulados del sector público, privado, académico, comunitario'])
"""

from __future__ import annotations

from pat_graph.analytics.base import HELIX_SECTORS, Context
from pat_graph.analytics.families.base import Family, SubScore, pair_es, vocab_es
from pat_graph.analytics.sectors import sector_articulation, sector_gap_items


def score(ctx: Context) -> dict[str, SubScore]:
    """1 − helix completeness."""
    out = {}
    for s in sector_articulation(ctx):
        expl = []
        absent = [x for x in HELIX_SECTORS if x not in s.helix_sectors_present]
        if absent:
            expl.append(f"sin actores articulados del sector {vocab_es('sector', absent).lower()}")
        for p in s.missing_pairs:
            a, b = p.split("-")
            if a in s.helix_sectors_present and b in s.helix_sectors_present:
                expl.append(f"sin vínculo {pair_es(a, b)}")
        out[s.department_code] = SubScore(1.0 - s.helix_completeness, expl)
    return out


FAMILY = Family(
    name="sectores", title="Articulación entre sectores", weight=20.0,
    items=sector_gap_items, score=score,
    definition="1 − completitud de la hélice",
    records=("participations",))
