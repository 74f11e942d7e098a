"""The hand-set score of a pair (the fallback when the history is too thin to learn).

Definitions in ``docs/recommend.md`` ("El puntaje")::

    score = T * (1 + 0.5*C + 0.25*F + 0.5*G) + 0.01 * (C + F + G) / 3

``T`` trust already built (``1 - exp(-t)``, ``t`` summing shared active
instances, decayed shared events and decayed common agreement partners, each
divided by ``log2(1 + size)``), ``C`` complementarity, ``F`` territorial fit,
``G`` gap closed. The constants are the documented hand-set weights.

>>> round(trust_value(1.0), 3), formula(0.0, 1.0, 0.0, 0.0)
(0.632, 0.0033333333333333335)
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np

#: Trust from one shared active instance (divided by log2(1 + its members)).
SHARED_INSTANCE_WEIGHT = 1.0
#: Trust from one event both attended (decayed, divided by log2(1 + attendees)).
SHARED_EVENT_WEIGHT = 0.5
#: Trust from one common agreement partner (decayed, divided by log2(1 + its partners)).
COMMON_PARTNER_WEIGHT = 0.75
#: Events and agreements lose half their weight every this many years.
HALF_LIFE_YEARS = 2.0
#: Weights of complementarity, territorial fit and gap closed (multiplying trust).
W_COMPLEMENTARITY = 0.5
W_TERRITORY = 0.25
W_GAP = 0.5
#: Weight of ``(C + F + G) / 3`` alone: orders pairs with no trust (first contacts).
FIRST_CONTACT_WEIGHT = 0.01

Pair = tuple[str, str]


def trust_value(raw: float) -> float:
    """Trust in [0, 1) from the summed evidence ``raw`` (``1 - exp(-raw)``)."""
    return 1.0 - math.exp(-raw)


def formula(trust: float | np.ndarray, comp: float | np.ndarray, terr: float | np.ndarray,
            gap: float | np.ndarray) -> float | np.ndarray:
    """The hand-set score from its four components (scalars or arrays)."""
    return (trust * (1 + W_COMPLEMENTARITY * comp + W_TERRITORY * terr + W_GAP * gap)
            + FIRST_CONTACT_WEIGHT * (comp + terr + gap) / 3)


def decay(when: str | None, as_of: str) -> float:
    """Weight of something dated ``when`` seen at ``as_of``: halves every HALF_LIFE_YEARS.

    >>> decay("2022-01-01", "2024-01-01"), decay(None, "2024-01-01")
    (0.5, 1.0)
    """
    if not when:
        return 1.0
    try:
        days = (date.fromisoformat(as_of) - date.fromisoformat(str(when)[:10])).days
    except ValueError:
        return 1.0
    return 0.5 ** (max(days, 0) / (365.0 * HALF_LIFE_YEARS))


def pair(a: str, b: str) -> Pair:
    """The canonical (sorted) form of an unordered pair.

    >>> pair("b", "a")
    ('a', 'b')
    """
    return (a, b) if a <= b else (b, a)


__all__ = ["COMMON_PARTNER_WEIGHT", "FIRST_CONTACT_WEIGHT", "HALF_LIFE_YEARS",
           "SHARED_EVENT_WEIGHT", "SHARED_INSTANCE_WEIGHT", "W_COMPLEMENTARITY", "W_GAP",
           "W_TERRITORY", "decay", "formula", "pair", "trust_value"]
