"""Family 3 — sector articulation (articulación entre sectores) and the first gap table.

Per department, the sector × sector tie matrix of the actor network (ties =
co-participation in an active instance, weight 1, and co-signed agreements,
weight 2), the quadruple-helix pairs (público, privado, académico,
comunitario) with no tie, and a helix completeness score in [0, 1].

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Agreement:K", label="Agreement", id="K")
>>> _ = g.add_edge("Agreement:K", "Territory:05", key="SCOPED_TO", type="SCOPED_TO")
>>> for a, s in [("U", "academico"), ("E", "privado")]:
...     g.add_node(f"Actor:{a}", label="Actor", id=a, sector=s)
...     _ = g.add_edge(f"Actor:{a}", "Agreement:K", key="SIGNED", type="SIGNED")
>>> [r] = sector_articulation(g)
>>> r.matrix["academico"]["privado"], r.tied_pairs
(2.0, ['privado-academico'])
>>> r.helix_completeness  # (2 sectors of 4 present + 1 pair of 6 tied) / 2
0.3333
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from pat_graph.analytics.base import HELIX_SECTORS, Context, Gap, context, pair_label
from pat_graph.model import SECTORS, label_es

FAMILY = "sectores"

#: The six unordered cross-sector pairs of the quadruple helix.
HELIX_PAIRS: tuple[tuple[str, str], ...] = tuple(combinations(HELIX_SECTORS, 2))


@dataclass
class SectorArticulation:
    """Sector articulation of one department (see docs/analytics.md §3).

    ``matrix[s][t]`` is the summed weight of ties between an ``s`` actor and a
    ``t`` actor (symmetric; the diagonal counts ties inside a sector).
    """

    department_code: str
    department_name: str
    matrix: dict[str, dict[str, float]] = field(default_factory=dict)
    actors_by_sector: dict[str, int] = field(default_factory=dict)
    tied_pairs: list[str] = field(default_factory=list)
    missing_pairs: list[str] = field(default_factory=list)
    helix_sectors_present: list[str] = field(default_factory=list)
    helix_completeness: float = 0.0

    def gaps(self) -> list[Gap]:
        d = self.department_code
        out = [Gap(d, FAMILY, "sin_sector", s,
                   f"ningún actor {label_es('sector', s).lower()} articulado")
               for s in HELIX_SECTORS if s not in self.helix_sectors_present]
        for p in self.missing_pairs:
            a, b = p.split("-")
            out.append(Gap(d, FAMILY, "par_sin_vinculo", p,
                           f"sin vínculo {label_es('sector', a).lower()}–"
                           f"{label_es('sector', b).lower()}"))
        return out


def sector_articulation(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None,
    *, department: str | None = None,
) -> list[SectorArticulation]:
    """Sector × sector tie matrix, missing helix pairs and helix completeness per department.

    A helix sector is *present* when at least one of its actors has a tie in
    the department's actor network. ``helix_completeness`` is
    ``(present sectors / 4 + tied helix pairs / 6) / 2``, rounded to 4 places.
    """
    ctx = context(g, as_of)
    if department is not None:
        return [r for r in sector_articulation(ctx) if r.department_code == department]
    return ctx.memo("sectors", lambda: _sector_all(ctx))


def _sector_all(ctx: Context) -> list[SectorArticulation]:
    out = []
    for d, name in ctx.departments.items():
        net = ctx.actor_network(d)
        prof = ctx.tie_profile(d)
        matrix = {s: dict(row) for s, row in prof.matrix.items()}
        counts = Counter(sector for _, sector in net.nodes(data="sector"))
        tied = [pair_label(a, b) for a, b in HELIX_PAIRS if matrix[a][b] > 0]
        missing = [pair_label(a, b) for a, b in HELIX_PAIRS if matrix[a][b] <= 0]
        present = [s for s in HELIX_SECTORS if s in prof.tied_sectors]
        score = (len(present) / len(HELIX_SECTORS) + len(tied) / len(HELIX_PAIRS)) / 2
        out.append(SectorArticulation(
            d, name, matrix, {s: counts.get(s, 0) for s in SECTORS}, tied, missing, present,
            round(score, 4)))
    return out


def sector_gap_items(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> list[Gap]:
    """Every sector-articulation gap as :class:`~pat_graph.analytics.base.Gap` items."""
    return [gap for r in sector_articulation(g, as_of) for gap in r.gaps()]


# --------------------------------------------------------------- first gap table
@dataclass
class DepartmentGaps:
    """One row of the first gap table: what a department lacks.

    ``missing_instances``: seed instance types with no active instance (nor,
    for national networks, a participant from the department);
    ``missing_instruments``: departmental instrument types absent;
    ``missing_sector_pairs``: quadruple-helix sector pairs with no tie.
    """

    department_code: str
    department_name: str
    missing_instances: list[str] = field(default_factory=list)
    missing_instruments: list[str] = field(default_factory=list)
    missing_sector_pairs: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.missing_instances) + len(self.missing_instruments) + len(
            self.missing_sector_pairs)

    def to_row(self) -> dict[str, Any]:
        return {
            "department_code": self.department_code,
            "department_name": self.department_name,
            "missing_instances": list(self.missing_instances),
            "missing_instruments": list(self.missing_instruments),
            "missing_sector_pairs": list(self.missing_sector_pairs),
            "total": self.total,
        }


def department_gap_table(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None
) -> list[DepartmentGaps]:
    """The first gap table: per department, missing instance types, instrument types
    and helix sector pairs, at ``as_of`` (``YYYY-MM-DD``, or ``None`` for now).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia",
    ...            kind="department")
    >>> [row] = department_gap_table(g)
    >>> row.department_name, len(row.missing_instances), len(row.missing_instruments), row.total
    ('Antioquia', 5, 5, 16)
    """
    from pat_graph.analytics.coverage import instance_coverage
    from pat_graph.analytics.instruments import instrument_gaps

    ctx = context(g, as_of)
    cov = {c.department_code: c for c in instance_coverage(ctx)}
    ins = {r.department_code: r for r in instrument_gaps(ctx)}
    sec = {r.department_code: r for r in sector_articulation(ctx)}
    return [
        DepartmentGaps(d, name, cov[d].missing_kinds, ins[d].missing_kinds,
                       sec[d].missing_pairs)
        for d, name in ctx.departments.items()
    ]
