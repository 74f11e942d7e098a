"""Scoring actor pairs for new agreements: learned weights, or the hand formula.

:class:`Index` holds who shares what at one as-of date (a
:class:`~pat_graph.recommend.spaces.Spaces`), the department gaps and the
``C``/``F``/``G`` components (a :class:`~pat_graph.recommend.gaps.GapView`), the
hand formula's trust evidence (:meth:`Index.evidence`, :meth:`Index.raw_trust`)
and the :class:`~pat_graph.recommend.learn.RankingModel` that orders the pairs:
weights learned from the graph's own history (``pat_graph.recommend.learn``),
or, when the history is too thin, the hand formula
(``pat_graph.recommend.formula``, ``docs/recommend.md``)::

    score = T * (1 + 0.5*C + 0.25*F + 0.5*G) + 0.01 * (C + F + G) / 3

Either way the reasons shown come from the same evidence (shared instances,
events, partners, the gap closed).

>>> from pat_graph.recommend.score import trust_value
>>> round(trust_value(0.0), 3), round(trust_value(1.0), 3)
(0.0, 0.632)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx
import numpy as np

from pat_graph.analytics.base import Context, context, effective_date, normalize_date
from pat_graph.errors import InputError
from pat_graph.lookup import find
from pat_graph.recommend.features import PairFeatures
from pat_graph.recommend.formula import (
    COMMON_PARTNER_WEIGHT,
    FIRST_CONTACT_WEIGHT,
    HALF_LIFE_YEARS,
    SHARED_EVENT_WEIGHT,
    SHARED_INSTANCE_WEIGHT,
    W_COMPLEMENTARITY,
    W_GAP,
    W_TERRITORY,
    decay,
    formula,
    pair,
    trust_value,
)
from pat_graph.recommend.gaps import LEVEL_LINKS, GapView, sector_es
from pat_graph.recommend.learn import (
    DEFAULT_HORIZON_MONTHS,
    DEFAULT_WINDOWS,
    RankingModel,
    formula_model,
    model_from_state,
    model_state,
    train,
)
from pat_graph.recommend.ranking import DepartmentScores, Pair, PairScore, ranked, top_ranked
from pat_graph.recommend.spaces import Spaces


@dataclass
class Evidence:
    """What two actors already share: instances, events, agreement partners (node ids)."""

    instances: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    raw: float = 0.0


class Index:
    """Who shares what at one as-of date; built once per :class:`Context` (see :func:`index`).

    Composed of :attr:`spaces` (memberships, candidates, history, activity) and
    :attr:`gap_view` (territory, department gaps, ``C``/``F``/``G``), which share
    one cache; their reads are forwarded below. The snapshot (:attr:`g`) is built
    when first needed, so a model trained first (on an earlier snapshot,
    :meth:`at`) never coexists with it.
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.as_of: str = ctx.today
        self._cache: dict[Any, Any] = {}
        self.spaces = Spaces(ctx, self._cache)
        self.gap_view = GapView(self.spaces)

    # ------------------------------------------------- spaces (forwarded)
    @property
    def g(self) -> nx.MultiDiGraph:
        """The snapshot at the as-of date (built when first needed)."""
        return self.spaces.g

    @property
    def actors(self) -> list[str]:
        return self.spaces.actors

    @property
    def instance_members(self) -> dict[str, set[str]]:
        return self.spaces.instance_members

    @property
    def event_members(self) -> dict[str, set[str]]:
        return self.spaces.event_members

    @property
    def agreement_signers(self) -> dict[str, set[str]]:
        return self.spaces.agreement_signers

    @property
    def partners(self) -> dict[str, dict[str, float]]:
        return self.spaces.partners

    def are_partners(self, a: str, b: str) -> bool:
        return self.spaces.are_partners(a, b)

    def candidates(self, department: str) -> list[str]:
        """Actors of ``department``: located there, plus national actors active there."""
        return self.spaces.candidates(department)

    def _candidate_set(self, department: str) -> set[str]:
        return self.spaces._candidate_set(department)

    def members_since(self, day: float) -> dict[str, set[str]]:
        return self.spaces.members_since(day)

    def groups(self, family: str) -> tuple[dict[str, Any], dict[str, list[str]]]:
        return self.spaces.groups(family)

    def activity(self) -> dict[str, dict[str, int]]:
        return self.spaces.activity()

    # ---------------------------------------------- gap view (forwarded)
    def municipality(self, actor: str) -> str | None:
        return self.gap_view.municipality(actor)

    def is_pdet(self, municipality: str | None) -> bool:
        return self.gap_view.is_pdet(municipality)

    def territory_name(self, code: str) -> str:
        return self.gap_view.territory_name(code)

    def name(self, n: str) -> str:
        return self.gap_view.name(n)

    @property
    def actor_info(self) -> dict[str, tuple[Any, Any, str | None, bool, str | None]]:
        return self.gap_view.actor_info

    def gaps(self, department: str) -> tuple[set[frozenset[str]], set[frozenset[str]], set[str]]:
        return self.gap_view.gaps(department)

    def agreement_sector_pairs(self, department: str) -> set[frozenset[str]]:
        return self.gap_view.agreement_sector_pairs(department)

    def pair_components(self, department: str, a: str, b: str
                        ) -> tuple[float, float, float, tuple[str, ...]]:
        return self.gap_view.pair_components(department, a, b)

    def components(self, department: str, ia: np.ndarray, ib: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.gap_view.components(department, ia, ib)

    # ------------------------------------------------------ hand formula
    def evidence(self, department: str, a: str, b: str) -> Evidence | None:
        """What ``a`` and ``b`` (candidates of ``department``) share, or None if nothing.

        Rebuilt on demand for the pairs shown (instances, events, then common
        partners, in the graph's order); the raw trust of every pair is in
        :meth:`scores` (a dense matrix), never a per-pair object.
        """
        cand = self._candidate_set(department)
        if a not in cand or b not in cand:
            return None
        a, b = pair(a, b)
        ev = Evidence()
        for inst, members in self.instance_members.items():
            if a in members and b in members:
                ev.instances.append(inst)
                ev.raw += SHARED_INSTANCE_WEIGHT / math.log2(1 + len(members))
        for event, members in self.event_members.items():
            if a in members and b in members:
                ev.events.append(event)
                ev.raw += (SHARED_EVENT_WEIGHT * decay(self.g.nodes[event].get("date"), self.as_of)
                           / math.log2(1 + len(members)))
        for c, ps in self.partners.items():
            if a in ps and b in ps:
                ev.partners.append(c)
                ev.raw += COMMON_PARTNER_WEIGHT / math.log2(1 + len(ps)) * min(ps[a], ps[b])
        return ev if (ev.instances or ev.events or ev.partners) else None

    def raw_trust(self, department: str) -> np.ndarray:
        """Summed trust evidence of every pair of candidates (dense, symmetric, float64).

        Each cell receives the same additions, in the same order, as the per-pair
        sum of :meth:`evidence` (instances, events, partners), so the floats agree.
        """
        cand = self.candidates(department)
        pos = {a: i for i, a in enumerate(cand)}
        raw = np.zeros((len(cand), len(cand)), dtype=np.float64)
        for members in self.instance_members.values():
            ms = sorted(pos[m] for m in members if m in pos)
            if len(ms) < 2:
                continue
            w = SHARED_INSTANCE_WEIGHT / math.log2(1 + len(members))
            raw[np.ix_(ms, ms)] += w
        for event, members in self.event_members.items():
            ms = sorted(pos[m] for m in members if m in pos)
            if len(ms) < 2:
                continue
            w = (SHARED_EVENT_WEIGHT * decay(self.g.nodes[event].get("date"), self.as_of)
                 / math.log2(1 + len(members)))
            raw[np.ix_(ms, ms)] += w
        for ps in self.partners.values():
            ms = sorted(p for p in ps if p in pos)
            if len(ms) < 2:
                continue
            base = COMMON_PARTNER_WEIGHT / math.log2(1 + len(ps))
            idx = [pos[p] for p in ms]
            vals = np.array([ps[p] for p in ms], dtype=np.float64)
            raw[np.ix_(idx, idx)] += base * np.minimum.outer(vals, vals)
        return raw

    def score_pair(self, department: str, a: str, b: str, raw: float) -> PairScore:
        """The hand formula's four components and score of ``(a, b)`` given its raw trust."""
        comp, terr, gap, closes = self.pair_components(department, a, b)
        trust = trust_value(raw)
        return PairScore(pair(a, b), float(formula(trust, comp, terr, gap)), trust, comp,
                         terr, gap, closes)

    def pair_score(self, ds: DepartmentScores, i: int) -> PairScore:
        """The :class:`PairScore` of pair number ``i`` of ``ds`` (for the pairs shown):
        the hand formula's components, and the ranking score of ``ds``."""
        a, b = ds.pair(i)
        ps = self.score_pair(ds.department, a, b, float(ds.raw[i]))
        if ds.formula is None:
            return ps
        return PairScore(ps.pair, float(ds.score[i]), ps.trust, ps.complementarity,
                         ps.territory, ps.gap, ps.closes)

    # ------------------------------------------------------------ scoring
    def scores(self, department: str) -> DepartmentScores:
        """Scores of every candidate pair of ``department`` that has no agreement yet,
        as compact arrays (see :class:`DepartmentScores`).

        Pairs of two national actors are left out (they are not the department's).
        The pairs are ordered by :attr:`model` (learned weights, or the hand
        formula when the history is too thin). Only the last department asked is
        kept (a country has ~500k pairs per department at 10x the demo); the hand
        formula's floats equal :meth:`score_pair`'s.
        """
        last = self._cache.get("recommend:scores")
        if last is not None and last.department == department:
            return last
        self._cache.pop("recommend:scores", None)
        model = self.model  # trained before this snapshot's per-department work
        out = self._score_arrays(department, model)
        self._cache["recommend:scores"] = out
        return out

    def candidate_pairs(self, department: str) -> tuple[list[str], np.ndarray, np.ndarray]:
        """(candidates, ia, ib): every pair ``(cand[ia[i]], cand[ib[i]])`` of the
        department with no agreement yet and at least one actor located there."""
        cand = self.candidates(department)
        n = len(cand)
        info = self.actor_info
        local = np.array([info[a][4] == department for a in cand], dtype=bool)
        keep = np.triu(np.ones((n, n), dtype=bool), 1)
        keep &= local[:, None] | local[None, :]
        pos = {a: i for i, a in enumerate(cand)}
        for a in cand:
            for b in self.partners.get(a, ()):
                if b in pos:
                    keep[pos[a], pos[b]] = False
                    keep[pos[b], pos[a]] = False
        ia, ib = np.nonzero(keep)
        del keep
        itype = np.uint16 if n < 2**16 else np.int32
        return cand, ia.astype(itype), ib.astype(itype)

    def _score_arrays(self, department: str, model: RankingModel) -> DepartmentScores:
        cand, ia, ib = self.candidate_pairs(department)
        raw_full = self.raw_trust(department)
        raw = raw_full[ia, ib]
        del raw_full
        comp, terr, gap = self.components(department, ia, ib)
        trust = np.zeros(len(raw), dtype=np.float64)
        nz = np.flatnonzero(raw)
        trust[nz] = [trust_value(x) for x in raw[nz].tolist()]
        hand = formula(trust, comp, terr, gap)
        del trust, comp, terr, gap
        if not model.learned:
            return DepartmentScores(department, cand, ia, ib, hand, raw)
        score = model.score(PairFeatures(self, department), ia, ib)
        return DepartmentScores(department, cand, ia, ib, score, raw, hand)

    # ------------------------------------------------------------- learning
    @property
    def model(self) -> RankingModel:
        """How pairs are ordered (:mod:`pat_graph.recommend.learn`), per :meth:`configure`."""
        learn, horizon, windows = self.settings
        key = ("recommend:model", learn, horizon, windows)
        if key not in self._cache:
            if not learn:
                self._cache[key] = formula_model(self.as_of, horizon, "pedida con --formula-fija")
            else:
                self._cache[key] = self._trained(horizon, windows)
        return self._cache[key]

    def _trained(self, horizon: int, windows: int) -> RankingModel:
        """:func:`~pat_graph.recommend.learn.train`, or the model trained by an earlier
        process on the same store state (:mod:`pat_graph.answers`, when the graph was
        read with its store's answers)."""
        from pat_graph import answers

        kept = answers.of(self.ctx.source)
        if kept is None:
            return train(self, horizon, windows=windows)
        state = kept.remember("ranking-model", [self.ctx.as_of, self.as_of, horizon, windows],
                              lambda: model_state(train(self, horizon, windows=windows)))
        return model_from_state(state)

    @property
    def settings(self) -> tuple[bool, int, int]:
        """(learn the weights?, training window in months, number of windows)."""
        return self._cache.get("recommend:settings",
                               (True, DEFAULT_HORIZON_MONTHS, DEFAULT_WINDOWS))

    def configure(self, learn: bool = True, horizon_months: int = DEFAULT_HORIZON_MONTHS,
                  windows: int = DEFAULT_WINDOWS) -> Index:
        """Choose learned weights (``windows`` training windows of ``horizon_months``
        before the as-of date) or the hand formula; scores cached under another
        choice are dropped."""
        if horizon_months < 1 or windows < 1:
            raise InputError("la ventana de aprendizaje debe ser de al menos 1 mes "
                             "y debe haber al menos 1 ventana")
        settings = (bool(learn), int(horizon_months), int(windows))
        if self.settings != settings:
            self._cache.pop("recommend:scores", None)
        self._cache["recommend:settings"] = settings
        return self

    def at(self, as_of: str) -> Index:
        """A fresh :class:`Index` of the same source graph at another date (not cached)."""
        return Index(Context(self.ctx.source, normalize_date(as_of)))

    def forget(self, department: str) -> None:
        """Free what was built for ``department`` alone (its scores)."""
        last = self._cache.get("recommend:scores")
        if last is not None and last.department == department:
            del self._cache["recommend:scores"]


def index(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> Index:
    """The :class:`Index` of ``g`` at ``as_of`` (cached on a shared :class:`Context`)."""
    ctx = context(g, None if as_of is None else str(as_of))
    if "recommend:index" not in ctx._cache:
        ctx._cache["recommend:index"] = Index(ctx)
    return ctx._cache["recommend:index"]


# ------------------------------------------------------------ resolution
def department_code(g: nx.MultiDiGraph | Context, text: str) -> str:
    """DANE code of a department of the graph named by code or name (NotFoundError).

    Departments are undated reference territories: the source graph answers
    without building a snapshot."""
    src = g.source if isinstance(g, Context) else g
    return find(src, text, "department").key


def effective(as_of: str | date | None) -> str:
    return effective_date(as_of)


__all__ = [
    "COMMON_PARTNER_WEIGHT", "FIRST_CONTACT_WEIGHT", "HALF_LIFE_YEARS", "LEVEL_LINKS",
    "SHARED_EVENT_WEIGHT", "SHARED_INSTANCE_WEIGHT", "W_COMPLEMENTARITY", "W_GAP",
    "W_TERRITORY", "DepartmentScores", "Evidence", "Index", "Pair", "PairScore", "decay",
    "department_code", "index", "pair", "ranked", "sector_es", "top_ranked",
    "trust_value",
]
