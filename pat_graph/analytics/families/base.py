"""What a gap family is: one object with its name, Spanish title, gap items, sub-score
and weight in the 0–100 gap index.

>>> from pat_graph.analytics.families import REGISTRY
>>> f = REGISTRY[0]
>>> f.name, f.title, f.weight
('instancias', 'Cobertura de instancias', 25.0)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pat_graph.analytics.base import Context, Gap
from pat_graph.model import label_es


@dataclass
class SubScore:
    """A family's sub-score of one department, in [0, 1] (1 = everything missing),
    with the Spanish sentences that explain its points."""

    value: float
    explanation: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Family:
    """One gap family.

    ``name`` is the ``--familia`` value and the ``Gap.family`` of its items; ``title``
    its Spanish title; ``weight`` its points in the 0–100 gap index; ``items(ctx)``
    its gaps (:class:`~pat_graph.analytics.base.Gap`, every department);
    ``score(ctx)`` its sub-score of every department (``{dane_code: SubScore}``);
    ``definition`` the sub-score formula in Spanish, as in docs/analytics.md §7;
    ``records`` the record kinds (:data:`pat_graph.analytics.records.KINDS`, or
    ``participations``: the network's tie sources) the
    family reads: a department with none of them is "sin registros" for the family
    (no gap items, no sub-score; docs/analytics.md §7.1).
    Every sub-score must never rise when a tie is added.
    """

    name: str
    title: str
    weight: float
    items: Callable[[Context], list[Gap]]
    score: Callable[[Context], dict[str, SubScore]]
    definition: str
    records: tuple[str, ...] = ()


def vocab_es(vocab: str, values: list[str]) -> str:
    """Spanish labels of vocabulary values, comma separated.

    >>> vocab_es("sector", ["publico", "academico"])
    'Público, Académico'
    """
    return ", ".join(label_es(vocab, v) for v in values)


def pair_es(a: str, b: str) -> str:
    """A helix pair in lower-case Spanish.

    >>> pair_es("privado", "academico")
    'privado–académico'
    """
    return f"{label_es('sector', a).lower()}–{label_es('sector', b).lower()}"
