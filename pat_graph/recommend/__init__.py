"""Recommending actors for new agreements, with reasons and a measured hit rate.

Pure, seeded, deterministic functions of the canonical networkx graph
(``docs/graph-model.md``); no database, no printing. The score and the
evaluation are defined in ``docs/recommend.md``.

- :func:`recommend` — ranked, explained pairs of actors of one department;
- :func:`recommend_groups` — small groups spanning the quadruple helix;
- :func:`evaluate` — precision@k, recall@k and AUC against agreements signed
  after a cut-off, next to simple baselines;
- :func:`ranking_model` — what orders the pairs: weights learned from the
  graph's own history (:mod:`pat_graph.recommend.learn`), or the hand formula
  when that history is too thin.

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:50", label="Territory", dane_code="50", name="Meta", kind="department")
>>> recommend(g, "Meta"), evaluate(g, "2024-01-01").candidates
([], 0)
"""

from pat_graph.recommend.evaluation import (
    BASELINES,
    METHODS,
    Evaluation,
    MethodResult,
    auc,
    evaluate,
    hidden_agreements,
)
from pat_graph.recommend.learn import RankingModel
from pat_graph.recommend.proposals import Proposal, ranking_model, recommend, recommend_groups
from pat_graph.recommend.score import Index, PairScore, index

__all__ = [
    "BASELINES",
    "METHODS",
    "Evaluation",
    "Index",
    "MethodResult",
    "PairScore",
    "Proposal",
    "RankingModel",
    "auc",
    "evaluate",
    "hidden_agreements",
    "index",
    "ranking_model",
    "recommend",
    "recommend_groups",
]
