"""What every part of the recommender shares: dates, activity windows, the index's interface.

The lowest module of :mod:`pat_graph.recommend` (it imports no other): the
spaces (:mod:`~pat_graph.recommend.spaces`), the pair features
(:mod:`~pat_graph.recommend.features`) and the learning
(:mod:`~pat_graph.recommend.learn`) read the as-of index through
:class:`IndexLike`, which :class:`pat_graph.recommend.score.Index` implements,
so none of them imports the module that composes them.

>>> day_number("2024-01-01") - day_number("2023-01-01"), day_number(None)
(365, None)
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol

import networkx as nx
import numpy as np

from pat_graph.analytics.base import Context

#: Days in a month (for the recency windows).
MONTH_DAYS = 365.25 / 12
#: Recent agreements (activity) and recent events (activity) windows, in months.
AGREEMENT_ACTIVITY_MONTHS = 24
EVENT_ACTIVITY_MONTHS = 12


def day_number(value: object) -> int | None:
    """Proleptic ordinal of a ``YYYY-MM-DD`` value (``None`` if missing or invalid).

    >>> day_number("2024-02-30") is None, day_number("2024-03-01T10:00") == day_number("2024-03-01")
    (True, True)
    """
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


class IndexLike(Protocol):
    """What the features and the learning read from an as-of index
    (:class:`pat_graph.recommend.score.Index`)."""

    ctx: Context
    as_of: str
    _cache: dict[Any, Any]

    @property
    def g(self) -> nx.MultiDiGraph: ...

    def candidates(self, department: str) -> list[str]: ...

    def candidate_pairs(self, department: str) -> tuple[list[str], np.ndarray, np.ndarray]: ...

    def groups(self, family: str) -> tuple[dict[str, Any], dict[str, list[str]]]: ...

    def activity(self) -> dict[str, dict[str, int]]: ...

    def components(self, department: str, ia: np.ndarray, ib: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def forget(self, department: str) -> None: ...

    def at(self, as_of: str) -> IndexLike: ...


__all__ = ["AGREEMENT_ACTIVITY_MONTHS", "EVENT_ACTIVITY_MONTHS", "MONTH_DAYS", "IndexLike",
           "day_number"]
