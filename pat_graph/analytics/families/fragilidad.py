"""Family ``fragilidad``: fragility of the department's actor network (§5 of
docs/analytics.md).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> FAMILY.score(context(g))["05"].value  # no actors: 0.7 + 0.3 · (1 − 0/6)
1.0
"""

from __future__ import annotations

import networkx as nx

from pat_graph.analytics.base import Context, tie_profile
from pat_graph.analytics.families.base import Family, SubScore, pair_es
from pat_graph.analytics.network_fragility import fragility, fragility_gap_items
from pat_graph.analytics.sectors import HELIX_PAIRS
from pat_graph.formatting import plural


def score(ctx: Context) -> dict[str, SubScore]:
    """0.4 · isolated share + 0.3 · share of actors whose group has no public actor
    + 0.3 · (1 − robust helix pairs / 6), a pair being robust when its ties do not all
    touch one same actor. Shares are over the actors located in the department
    (0.7 for both when it has none)."""
    out = {}
    for f in fragility(ctx):
        d = f.department_code
        net = ctx.actor_network(d)
        own = [a for a in net if ctx.department_of(a) == d]  # the department's own actors
        n = len(own)
        public_reach: set[str] = set()
        for comp in ctx.components(d):
            if any(net.nodes[a].get("sector") == "publico" for a in comp):
                public_reach |= comp
        cut_off = sum(1 for a in own if a not in public_reach)
        robust = _robust(ctx.tie_profile(d).pair_common)
        value = ((0.4 * len(f.isolated) / n + 0.3 * cut_off / n) if n else 0.7) \
            + 0.3 * (1 - len(robust) / len(HELIX_PAIRS))
        expl = []
        if f.isolated:
            expl.append(f"{len(f.isolated)} de {n} actores aislados")
        if f.groups_without_public:
            expl.append(f"{plural(len(f.groups_without_public), 'grupo', 'grupos')} sin vínculo "
                        "con actores públicos")
        for p, actor in sorted(f.single_broker_pairs.items()):
            a, b = p.split("-")
            expl.append(f"el vínculo {pair_es(a, b)} depende solo de {f.who(actor)}")
        out[d] = SubScore(value, expl)
    return out


def robust_pairs(net: nx.Graph) -> set[str]:
    """Helix pairs whose ties do not all touch one same actor (no single broker).

    >>> net = nx.Graph()
    >>> net.add_edge("G", "E", weight=1); net.add_edge("D", "F", weight=1)
    >>> for n, s in [("G", "publico"), ("D", "publico"), ("E", "privado"), ("F", "privado")]:
    ...     net.nodes[n]["sector"] = s
    >>> sorted(robust_pairs(net))
    ['publico-privado']
    """
    return _robust(tie_profile(net).pair_common)


def _robust(pair_common: dict[str, set[str]]) -> set[str]:
    return {p for p, c in pair_common.items() if not c}


FAMILY = Family(
    name="fragilidad", title="Fragilidad de la red", weight=10.0,
    items=fragility_gap_items, score=score,
    definition="0,4 · aislados / actores + 0,3 · actores cuyo componente no tiene actor "
               "público (incluye aislados no públicos) / actores + 0,3 · (1 − pares robustos "
               "/ 6); par robusto = sus vínculos no dependen de un solo actor; \"actores\" = "
               "los ubicados en el departamento",
    records=("participations",))
