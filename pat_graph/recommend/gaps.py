"""Complementarity, territorial fit and the gap a pair would close (``C``, ``F``, ``G``).

:class:`GapView` gives :class:`~pat_graph.recommend.score.Index` the three
non-trust components of the hand formula (``docs/recommend.md``), used both by
the formula and, as features, by the learned ranking. A department's gaps
follow ``pat_graph.analytics`` (a quadruple-helix sector pair is missing when
no tie of the department's actor network joins the two sectors), read
straight from the tie groups: no department's actor network is built.

>>> sector_pair_code("academico", "privado"), level_pair_code("nacional", "municipal")
('privado-academico', 'municipal-nacional')
"""

from __future__ import annotations

from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx
import numpy as np

from pat_graph.analytics.base import HELIX_SECTORS, Context, pair_label
from pat_graph.model import TERRITORY, label_es
from pat_graph.recommend.spaces import Spaces

#: Level links an actor network can have (unordered).
LEVEL_LINKS: tuple[frozenset[str], ...] = (
    frozenset({"municipal", "departamental"}),
    frozenset({"departamental", "nacional"}),
    frozenset({"municipal", "nacional"}),
)


#: ``x-y`` of two sectors in helix order (``privado-academico``): the analytics' pair name.
sector_pair_code = pair_label


def level_pair_code(a: str, b: str) -> str:
    """``x-y`` of two levels, municipal first."""
    order = {"municipal": 0, "departamental": 1, "nacional": 2}
    x, y = sorted((a, b), key=lambda s: (order.get(s, 9), s))
    return f"{x}-{y}"


def sector_es(sector: Any) -> str:
    """Spanish lower-case name of a sector (``sin sector`` when missing).

    >>> sector_es("academico"), sector_es(None)
    ('académico', 'sin sector')
    """
    return label_es("sector", str(sector)).lower() if sector else "sin sector"


class GapView:
    """Territory lookups, department gaps and the ``C``/``F``/``G`` arrays (see the module)
    of the snapshot of ``spaces`` (whose memberships and candidates it reads)."""

    def __init__(self, spaces: Spaces) -> None:
        self.spaces = spaces
        self.ctx: Context = spaces.ctx
        self._cache = spaces._cache

    @property
    def g(self) -> nx.MultiDiGraph:
        return self.spaces.g

    def candidates(self, department: str) -> list[str]:
        return self.spaces.candidates(department)

    # --------------------------------------------------------- territory
    def municipality(self, actor: str) -> str | None:
        code = self.g.nodes[actor].get("municipality_code")
        return str(code) if code else None

    def is_pdet(self, municipality: str | None) -> bool:
        if not municipality:
            return False
        return bool(self.g.nodes.get(f"{TERRITORY}:{municipality}", {}).get("is_pdet"))

    def territory_name(self, code: str) -> str:
        return str(self.g.nodes.get(f"{TERRITORY}:{code}", {}).get("name", code))

    def name(self, n: str) -> str:
        a = self.g.nodes[n]
        return str(a.get("name") or a.get("id") or n)

    @cached_property
    def actor_info(self) -> dict[str, tuple[Any, Any, str | None, bool, str | None]]:
        """actor -> (sector, level, municipality code, in a PDET municipality, department)."""
        out = {}
        for a in self.spaces.actors:
            data = self.g.nodes[a]
            mun = self.municipality(a)
            out[a] = (data.get("sector"), data.get("level"), mun, self.is_pdet(mun),
                      self.ctx.department_of(a))
        return out

    # -------------------------------------------------------------- gaps
    @cached_property
    def _tie_summary(self) -> dict[str, tuple[set[frozenset[Any]], set[frozenset[Any]], set[str]]]:
        """Department -> (sector pairs tied, level pairs tied, actors with a tie) of its
        actor network, read from the tie groups without building the network.

        The groups are those the actor networks are built from
        (:meth:`~pat_graph.analytics.base.Context.tie_groups`). Two actors are
        tied when they share a group, so a sector (level) pair is tied when one
        group holds both, and an actor has a tie when a group of two or more
        holds it.
        """
        nodes = self.g.nodes
        out: dict[str, tuple[set[frozenset[Any]], set[frozenset[Any]], set[str]]] = {
            d: (set(), set(), set()) for d in self.ctx.departments}
        for _src, _w, d, ms in self.ctx.tie_groups():
            if len(ms) < 2:
                continue
            sectors, levels, tied = out[d]
            tied.update(ms)
            ss = {nodes[m].get("sector") for m in ms}
            ls = {nodes[m].get("level") for m in ms}
            sectors.update(frozenset(p) for p in combinations(sorted(ss, key=str), 2))
            levels.update(frozenset(p) for p in combinations(sorted(ls, key=str), 2))
        return out

    def gaps(self, department: str) -> tuple[set[frozenset[str]], set[frozenset[str]], set[str]]:
        """(missing helix sector pairs, missing level links, actors with no tie) of a
        department (the definitions of ``pat_graph.analytics``; see :attr:`_tie_summary`)."""
        key = f"recommend:gaps:{department}"
        cache = self._cache
        if key not in cache:
            sectors, levels, tied = self._tie_summary.get(department, (set(), set(), set()))
            missing = {frozenset(p) for p in combinations(HELIX_SECTORS, 2)
                       if frozenset(p) not in sectors}
            cache[key] = (missing, {link for link in LEVEL_LINKS if link not in levels},
                          {a for a in self.candidates(department) if a not in tied})
        return cache[key]

    def agreement_sector_pairs(self, department: str) -> set[frozenset[str]]:
        """Cross-sector pairs that already co-signed an agreement of the department."""
        key = f"recommend:agreement_pairs:{department}"
        if key not in self._cache:
            dept = self.ctx.department_of
            nodes = self.g.nodes
            out: set[frozenset[str]] = set()
            for ag, signers in self.spaces.agreement_signers.items():
                if dept(ag) != department:
                    continue
                for a, b in combinations(signers, 2):
                    sa, sb = nodes[a].get("sector"), nodes[b].get("sector")
                    if sa and sb and sa != sb:
                        out.add(frozenset((sa, sb)))
            self._cache[key] = out
        return self._cache[key]

    def pair_components(self, department: str, a: str, b: str
                        ) -> tuple[float, float, float, tuple[str, ...]]:
        """(complementarity, territorial fit, gap closed, gap codes) of one pair."""
        sa, la, ma, pa, dept_a = self.actor_info[a]
        sb, lb, mb, pb, dept_b = self.actor_info[b]
        comp = 0.5 * (bool(sa and sb) and sa != sb) + 0.5 * (bool(la and lb) and la != lb)
        terr = 0.5 if (ma and ma == mb) else (0.25 if dept_a == dept_b == department else 0.0)
        if pa or pb:
            terr += 0.5
        missing_sectors, missing_levels, isolated = self.gaps(department)
        closes: list[str] = []
        gap = 0.0
        if sa and sb and sa != sb:
            sp = frozenset((sa, sb))
            if sp in missing_sectors:
                gap += 1.0
                closes.append("brecha:" + sector_pair_code(sa, sb))
            elif sp not in self.agreement_sector_pairs(department):
                gap += 0.5
                closes.append("primer_acuerdo:" + sector_pair_code(sa, sb))
        if la and lb and la != lb and frozenset((la, lb)) in missing_levels:
            gap += 0.5
            closes.append("nivel:" + level_pair_code(la, lb))
        if a in isolated or b in isolated:
            gap += 0.5
            closes.append("actor_aislado")
        return comp, min(terr, 1.0), min(gap, 1.0), tuple(closes)

    def components(self, department: str, ia: np.ndarray, ib: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Complementarity, territorial fit and gap closed of the pairs ``(ia, ib)`` of
        the department's candidates (the exact values of :meth:`pair_components`:
        sums of halves and quarters)."""
        rows = [self.actor_info[a] for a in self.candidates(department)]
        missing_sectors, missing_levels, isolated = self.gaps(department)
        agreed = self.agreement_sector_pairs(department)
        sectors = sorted({r[0] for r in rows if r[0]})
        levels = sorted({r[1] for r in rows if r[1]})
        muns = sorted({r[2] for r in rows if r[2]})
        sc = {x: i + 1 for i, x in enumerate(sectors)}
        lc = {x: i + 1 for i, x in enumerate(levels)}
        mc = {x: i + 1 for i, x in enumerate(muns)}
        sa = np.array([sc.get(r[0], 0) if r[0] else 0 for r in rows], dtype=np.int32)
        la = np.array([lc.get(r[1], 0) if r[1] else 0 for r in rows], dtype=np.int32)
        ma = np.array([mc.get(r[2], 0) if r[2] else 0 for r in rows], dtype=np.int32)
        pdet = np.array([bool(r[3]) for r in rows], dtype=bool)
        local = np.array([r[4] == department for r in rows], dtype=bool)
        iso = np.array([a in isolated for a in self.candidates(department)], dtype=bool)
        # sector-pair and level-pair gap tables (index 0 = no sector / level)
        gsec = np.zeros((len(sectors) + 1, len(sectors) + 1), dtype=np.float64)
        for x in sectors:
            for y in sectors:
                if x != y:
                    sp = frozenset((x, y))
                    gsec[sc[x], sc[y]] = (1.0 if sp in missing_sectors
                                          else 0.0 if sp in agreed else 0.5)
        glev = np.zeros((len(levels) + 1, len(levels) + 1), dtype=np.float64)
        for x in levels:
            for y in levels:
                if x != y and frozenset((x, y)) in missing_levels:
                    glev[lc[x], lc[y]] = 0.5
        s1, s2, l1, l2 = sa[ia], sa[ib], la[ia], la[ib]
        comp = (0.5 * ((s1 > 0) & (s2 > 0) & (s1 != s2))
                + 0.5 * ((l1 > 0) & (l2 > 0) & (l1 != l2)))
        m1, m2 = ma[ia], ma[ib]
        terr = np.where((m1 > 0) & (m1 == m2), 0.5,
                        np.where(local[ia] & local[ib], 0.25, 0.0))
        terr += 0.5 * (pdet[ia] | pdet[ib])
        gap = gsec[s1, s2] + glev[l1, l2] + 0.5 * (iso[ia] | iso[ib])
        return comp, np.minimum(terr, 1.0), np.minimum(gap, 1.0)


__all__ = ["LEVEL_LINKS", "GapView", "level_pair_code", "sector_es", "sector_pair_code"]
