"""Candidate pairs: blocking by NIT, name core and acronym, scoring with
:func:`~pat_graph.resolve.evidence.compare`, best first (:func:`find_candidates`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from pat_graph.identity import ActorView, _snies_family, known_distinct, split_nit
from pat_graph.resolve.actors import actors_from_graph
from pat_graph.resolve.evidence import DEFAULT_MIN_SCORE, MAX_BLOCK, compare, name_key


# ------------------------------------------------------------------------- scoring
@dataclass(slots=True)
class Candidate:
    """A probable duplicate: ``merge`` would be merged into ``keep``."""

    keep: ActorView
    merge: ActorView
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.keep.id, self.merge.id))

    def to_row(self) -> dict[str, Any]:
        """A flat row, whose first columns are those of a decision file."""
        return {
            "keep_id": self.keep.id, "merge_id": self.merge.id, "decision": "", "note": "",
            "score": self.score, "keep_name": self.keep.name, "merge_name": self.merge.name,
            "keep_source": self.keep.where, "merge_source": self.merge.where,
            "reasons": "; ".join(self.reasons),
        }


def _blocks(actors: Sequence[ActorView]) -> dict[tuple[str, str], list[int]]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, a in enumerate(actors):
        if n := split_nit(a.nit):
            blocks[("nit", n[0])].append(i)
        k = name_key(a.name, a.acronym)
        if k.core:
            blocks[("core", " ".join(k.core))].append(i)
            if len(k.core) == 1 and len(k.core[0]) >= 3:
                blocks[("acr", k.core[0])].append(i)
        for acr in k.acronyms | {k.initials}:
            if len(acr) >= 3:
                blocks[("acr", acr)].append(i)
    return blocks


def _keep_first(a: ActorView, b: ActorView) -> tuple[ActorView, ActorView]:
    """Suggest the survivor: more relationships, then the PAT team's record, then the id."""
    def rank(x: ActorView) -> tuple[int, int, str]:
        return (-x.degree, 0 if x.source.startswith("actores") else 1, x.id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def find_candidates(
    actors: Sequence[ActorView],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    decided: Iterable[frozenset[str]] = (),
) -> list[Candidate]:
    """Probable duplicates among ``actors``, best first; pairs in ``decided`` are skipped.

    Only pairs sharing a NIT, a name core or an acronym are compared (blocking), so
    tens of thousands of actors take seconds. When one actor matches several
    campuses of the same SNIES institution only the best match is kept.
    """
    skip = set(decided)
    seen: set[tuple[int, int]] = set()
    found: list[Candidate] = []
    for (kind, _value), members in _blocks(actors).items():
        if len(members) < 2 or (kind != "nit" and len(members) > MAX_BLOCK):
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = sorted((members[x], members[y]))
                if (i, j) in seen or i == j:
                    continue
                seen.add((i, j))
                a, b = actors[i], actors[j]
                if frozenset((a.id, b.id)) in skip or known_distinct(a, b):
                    continue
                score, reasons = compare(a, b)
                if score >= min_score:
                    keep, merge = _keep_first(a, b)
                    found.append(Candidate(keep, merge, score, reasons))
    # one actor vs several campuses of one SNIES institution: keep the best campus only
    best: dict[tuple[str, str], Candidate] = {}
    rest: list[Candidate] = []
    for c in found:
        ies = [x for x in (c.keep, c.merge) if x.snies_code]
        if len(ies) != 1:
            rest.append(c)
            continue
        other = c.merge if ies[0] is c.keep else c.keep
        slot = (other.id, _snies_family(ies[0]))
        if slot not in best or c.score > best[slot].score:
            best[slot] = c
    result = rest + list(best.values())
    result.sort(key=lambda c: (-c.score, c.keep.id, c.merge.id))
    return result


def candidates_in_graph(g: nx.MultiDiGraph, **options: Any) -> list[Candidate]:
    """:func:`find_candidates` over every actor of a graph (``store.read_graph()``)."""
    return find_candidates(actors_from_graph(g), **options)
