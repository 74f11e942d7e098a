"""Family 5 — fragility of each department's actor network (fragilidad de la red).

The actor network is the one-mode projection of the bipartite actor–instance /
actor–agreement graph (see :attr:`pat_graph.analytics.base.Context.actor_networks`):
two actors are tied when they sit together in an active instance or co-signed
an agreement of the department. Events are left out: attending the same
workshop is not an articulation tie.

Measures: articulation points (actors whose departure splits the network),
bridges (ties whose loss splits it), the helix sector pairs whose every tie
goes through one single actor ("single-broker" pairs) and their share of the
tied pairs, isolated actors, and groups (connected components of 2 or more
actors) with no public actor or with no territorial directorate of the
Ministry (``kind = direccion_territorial``).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> for i, members in [("I1", "AB"), ("I2", "BC")]:
...     g.add_node(f"Instance:{i}", label="Instance", id=i, kind="otro_espacio")
...     _ = g.add_edge(f"Instance:{i}", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
...     for m in members:
...         g.add_node(f"Actor:{m}", label="Actor", id=m, sector="publico", department_code="05")
...         _ = g.add_edge(f"Actor:{m}", f"Instance:{i}", key="PARTICIPATES_IN", type="PARTICIPATES_IN")
>>> [f] = fragility(g)
>>> f.articulation_points, f.bridges
(['B'], [('A', 'B'), ('B', 'C')])
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from pat_graph.analytics import kernels
from pat_graph.analytics.base import Context, Gap, context, tie_profile
from pat_graph.model import label_es

FAMILY = "fragilidad"
DT_KIND = "direccion_territorial"


@dataclass
class Fragility:
    """Fragility of one department's actor network (docs/analytics.md §5).

    Actors are given by their ``id``. ``single_broker_pairs`` maps a helix
    sector pair to the one actor every tie of that pair touches.
    """

    department_code: str
    department_name: str
    actors: int = 0
    ties: int = 0
    components: int = 0
    articulation_points: list[str] = field(default_factory=list)
    bridges: list[tuple[str, str]] = field(default_factory=list)
    single_broker_pairs: dict[str, str] = field(default_factory=dict)
    single_broker_share: float = 0.0
    isolated: list[str] = field(default_factory=list)
    groups_without_public: list[list[str]] = field(default_factory=list)
    groups_without_dt: list[list[str]] = field(default_factory=list)
    has_dt: bool = False
    names: dict[str, str] = field(default_factory=dict, repr=False)

    def who(self, actor: str) -> str:
        """'Name (id)' of an actor, for messages."""
        name = self.names.get(actor)
        return f"{name} ({actor})" if name else actor

    def gaps(self) -> list[Gap]:
        d = self.department_code
        out = [Gap(d, FAMILY, "punto_articulacion", a,
                   f"si {self.who(a)} sale, la red del departamento se parte")
               for a in self.articulation_points]
        out += [Gap(d, FAMILY, "par_un_solo_actor", p,
                    f"el vínculo {_pair_es(p)} depende solo de {self.who(a)}")
                for p, a in sorted(self.single_broker_pairs.items())]
        out += [Gap(d, FAMILY, "actor_aislado", a, f"{self.who(a)} sin ningún vínculo")
                for a in self.isolated]
        out += [Gap(d, FAMILY, "grupo_sin_publico", ",".join(grp),
                    f"grupo de {len(grp)} actores sin vínculo con ningún actor público")
                for grp in self.groups_without_public]
        if self.has_dt:
            out += [Gap(d, FAMILY, "grupo_sin_dt", ",".join(grp),
                        f"grupo de {len(grp)} actores sin vínculo con la Dirección Territorial")
                    for grp in self.groups_without_dt]
        else:
            out.append(Gap(d, FAMILY, "sin_dt", "", "la Dirección Territorial no está en la red"))
        return out


def _pair_es(p: str) -> str:
    a, b = p.split("-")
    return f"{label_es('sector', a).lower()}–{label_es('sector', b).lower()}"


def single_broker_pairs(net: nx.Graph) -> dict[str, str]:
    """Helix sector pairs all of whose ties touch one same actor -> that actor's id.

    >>> net = nx.Graph()
    >>> net.add_nodes_from([("a", {"sector": "publico", "id": "a"}),
    ...                     ("b", {"sector": "privado", "id": "b"}),
    ...                     ("c", {"sector": "privado", "id": "c"})])
    >>> net.add_edges_from([("a", "b"), ("a", "c")])
    >>> single_broker_pairs(net)
    {'publico-privado': 'a'}
    """
    return _single_brokers(net, tie_profile(net).pair_common)


def _single_brokers(net: nx.Graph, pair_common: dict[str, set[str]]) -> dict[str, str]:
    out = {}
    for p, common in pair_common.items():
        if common and len(common) == 1:
            (a,) = common
            out[p] = net.nodes[a].get("id", a)
        elif common and len(common) == 2:  # a single tie: either end is the single broker
            a = min(common, key=lambda n: (-net.degree(n), str(n)))
            out[p] = net.nodes[a].get("id", a)
    return dict(sorted(out.items()))


def fragility(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, department: str | None = None,
) -> list[Fragility]:
    """Fragility measures of each department's actor network at ``as_of``."""
    ctx = context(g, as_of)
    return [f for f in ctx.memo("fragility", lambda: _fragility_all(ctx))
            if department is None or f.department_code == department]


def _fragility_all(ctx: Context) -> list[Fragility]:
    out = []
    for d, name in ctx.departments.items():
        net = ctx.actor_network(d)
        attrs = net.nodes
        ids = {n: a.get("id", n) for n, a in attrs.items()}
        f = Fragility(d, name, net.number_of_nodes(), net.number_of_edges())
        f.names = {ids[n]: a["name"] for n, a in attrs.items() if "name" in a}
        cut, bridges = kernels.articulation_points_and_bridges(net)  # one DFS on arrays
        f.articulation_points = sorted(ids[n] for n in cut)
        f.bridges = sorted(tuple(sorted((ids[u], ids[v]))) for u, v in bridges)
        common = ctx.tie_profile(d).pair_common
        f.single_broker_pairs = _single_brokers(net, common)
        f.single_broker_share = (round(len(f.single_broker_pairs) / len(common), 4)
                                 if common else 0.0)
        # isolation is judged on the department's own actors (not visitors from elsewhere)
        f.isolated = sorted(ids[n] for n, nbrs in net.adj.items()
                            if not nbrs and ctx.department_of(n) == d)
        f.has_dt = any(a.get("kind") == DT_KIND for a in attrs.values())
        comps = ctx.components(d)
        f.components = len(comps)
        for c in comps:
            if len(c) < 2:
                continue
            grp = sorted(ids[n] for n in c)
            if not any(attrs[n].get("sector") == "publico" for n in c):
                f.groups_without_public.append(grp)
            if not any(attrs[n].get("kind") == DT_KIND for n in c):
                f.groups_without_dt.append(grp)
        f.groups_without_public.sort()
        f.groups_without_dt.sort()
        out.append(f)
    return out


def fragility_gap_items(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> list[Gap]:
    """Every fragility gap as :class:`~pat_graph.analytics.base.Gap` items."""
    return [gap for f in fragility(g, as_of) for gap in f.gaps()]
