"""Who shares which space, when: the memberships the recommender reads at one date.

:class:`Spaces` holds, for :class:`~pat_graph.recommend.score.Index`, the
groups of actors of its snapshot (active instances, events, agreements,
agreement partners), the departments' candidates, the participation periods
recorded up to the as-of date (ended ones included: who sat in an instance
during the last months) and each actor's recent activity. The snapshot is the
analytics' one (:func:`pat_graph.analytics.base.snapshot`, via the Context).

>>> import networkx as nx
>>> from pat_graph.analytics.base import context
>>> g = nx.MultiDiGraph()
>>> g.add_node("Agreement:K", label="Agreement", signed="2025-01-01")
>>> g.add_node("Actor:A", label="Actor")
>>> s = Spaces(context(g, "2024-12-31"), {})
>>> sorted(s.g.nodes), s.agreement_signers
(['Actor:A'], {})
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property
from itertools import combinations
from typing import Any

import networkx as nx

from pat_graph.analytics.base import END_PROPERTY, Context
from pat_graph.model import ACTOR, AGREEMENT, ATTENDED, EVENT, INSTANCE, PARTICIPATES_IN, SIGNED
from pat_graph.recommend.base import (
    AGREEMENT_ACTIVITY_MONTHS,
    EVENT_ACTIVITY_MONTHS,
    MONTH_DAYS,
    day_number,
)
from pat_graph.recommend.formula import decay

#: Families of shared spaces (see :meth:`Spaces.groups`).
FAMILIES = ("instances", "events", "partners")


class Spaces:
    """Memberships, candidates, participation periods and activity of ``ctx``'s snapshot
    (see the module); ``cache`` is shared with the index that holds it."""

    def __init__(self, ctx: Context, cache: dict[Any, Any]) -> None:
        self.ctx = ctx
        self.as_of: str = ctx.today
        self._cache = cache

    @cached_property
    def g(self) -> nx.MultiDiGraph:
        """The snapshot at the as-of date (built when first needed)."""
        return self.ctx.graph

    @cached_property
    def actors(self) -> list[str]:
        return sorted(self.ctx.nodes(ACTOR))

    @cached_property
    def _memberships(self) -> tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]]]:
        inst: dict[str, set[str]] = defaultdict(set)
        events: dict[str, set[str]] = defaultdict(set)
        agreements: dict[str, set[str]] = defaultdict(set)
        nodes = self.g.nodes
        for u, v, t in self.g.edges(data="type"):
            if t == PARTICIPATES_IN and nodes[v].get("label") == INSTANCE:
                if nodes[v].get("status", "activa") == "activa":
                    inst[v].add(u)
            elif t == ATTENDED and nodes[v].get("label") == EVENT:
                events[v].add(u)
            elif t == SIGNED and nodes[v].get("label") == AGREEMENT:
                agreements[v].add(u)
        return dict(inst), dict(events), dict(agreements)

    @property
    def instance_members(self) -> dict[str, set[str]]:
        return self._memberships[0]

    @property
    def event_members(self) -> dict[str, set[str]]:
        return self._memberships[1]

    @property
    def agreement_signers(self) -> dict[str, set[str]]:
        return self._memberships[2]

    @cached_property
    def partners(self) -> dict[str, dict[str, float]]:
        """actor -> {co-signer: decay of their most recent common agreement}."""
        out: dict[str, dict[str, float]] = defaultdict(dict)
        for ag, signers in self.agreement_signers.items():
            w = decay(self.g.nodes[ag].get("signed"), self.as_of)
            for a, b in combinations(signers, 2):
                if w > out[a].get(b, -1.0):
                    out[a][b] = w
                    out[b][a] = w
        return dict(out)

    def are_partners(self, a: str, b: str) -> bool:
        return b in self.partners.get(a, {})

    # ------------------------------------------------------- departments
    @cached_property
    def _all_candidates(self) -> dict[str, list[str]]:
        dept = self.ctx.node_department
        by: dict[str, set[str]] = defaultdict(set)
        for a in self.actors:
            d = dept.get(a)
            if d is not None:
                by[d].add(a)
        for groups in (self.instance_members, self.event_members, self.agreement_signers):
            for node, members in groups.items():
                d = dept.get(node)
                if d is not None:
                    by[d].update(m for m in members if dept.get(m) is None)
        return {d: sorted(s) for d, s in by.items()}

    def candidates(self, department: str) -> list[str]:
        """Actors of ``department``: located there, plus national actors active there."""
        return self._all_candidates.get(department, [])

    def _candidate_set(self, department: str) -> set[str]:
        key = f"recommend:candidate_set:{department}"
        if key not in self._cache:
            self._cache[key] = set(self.candidates(department))
        return self._cache[key]

    # ------------------------------------------------------------ history
    @cached_property
    def _periods(self) -> list[tuple[str, str, int | None]]:
        """(actor, instance, until) of every participation begun by the as-of date,
        ended ones included (from the source graph; ``until`` as an ordinal)."""
        src = self.ctx.source
        today = day_number(self.as_of)
        out = []
        for u, v, a in src.edges(data=True):
            if a.get("type") != PARTICIPATES_IN or src.nodes[v].get("label") != INSTANCE:
                continue
            since = day_number(a.get("since"))
            created = day_number(src.nodes[v].get("created"))
            if today is not None and ((since is not None and since > today)
                                      or (created is not None and created > today)):
                continue
            out.append((u, v, day_number(a.get(END_PROPERTY))))
        return out

    def members_since(self, day: float) -> dict[str, set[str]]:
        """Instance -> actors with a participation open at some time between ``day``
        (an ordinal) and the as-of date (whatever the instance's status today)."""
        out: dict[str, set[str]] = defaultdict(set)
        for actor, inst, until in self._periods:
            if until is None or until >= day:
                out[inst].add(actor)
        return dict(out)

    def groups(self, family: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
        """(group -> members, actor -> groups) of a family of shared spaces:
        ``instances`` (active today), ``instances_<m>m`` (sat in during the last
        ``m`` months), ``events``, ``partners`` (one group per actor: its co-signers)."""
        key = ("recommend:groups", family)
        if key not in self._cache:
            members: dict[str, Any]
            if family == "instances":
                members = self.instance_members
            elif family == "events":
                members = self.event_members
            elif family == "partners":
                members = self.partners
            else:
                months = int(family.split("_")[1].rstrip("m"))
                members = self.members_since((day_number(self.as_of) or 0)
                                             - months * MONTH_DAYS)
            of_actor: dict[str, list[str]] = defaultdict(list)
            for node, ms in members.items():
                for m in ms:
                    of_actor[m].append(node)
            self._cache[key] = (members, dict(of_actor))
        return self._cache[key]

    def activity(self) -> dict[str, dict[str, int]]:
        """Per actor: ``partners`` (distinct co-signers), ``agreements_recent`` and
        ``events_recent`` (signed / attended in the activity windows of
        :mod:`pat_graph.recommend.features`), ``instances_now`` (active instances)."""
        key = "recommend:activity"
        if key in self._cache:
            return self._cache[key]
        today = day_number(self.as_of) or 0
        nodes = self.g.nodes
        counts: dict[str, dict[str, int]] = {
            "partners": {a: len(ps) for a, ps in self.partners.items()},
            "agreements_recent": defaultdict(int), "events_recent": defaultdict(int),
            "instances_now": defaultdict(int)}
        for groups, name, prop, months in (
                (self.agreement_signers, "agreements_recent", "signed", AGREEMENT_ACTIVITY_MONTHS),
                (self.event_members, "events_recent", "date", EVENT_ACTIVITY_MONTHS)):
            for node, members in groups.items():
                d = day_number(nodes[node].get(prop))
                if d is not None and today - d < months * MONTH_DAYS:
                    for m in members:
                        counts[name][m] += 1
        for members in self.instance_members.values():
            for m in members:
                counts["instances_now"][m] += 1
        self._cache[key] = counts
        return counts


__all__ = ["FAMILIES", "Spaces"]
