"""The gap families, one module each, and their registry.

A family (:class:`Family`) is one object: its name (the ``--familia`` value), Spanish
title, gap items, sub-score with its explanation, and weight in the 0–100 gap index.
:data:`REGISTRY` lists them in the order every output shows them; the gap index
(:func:`pat_graph.analytics.gap_index`), the gap items, ``pat-graph gaps --familia``,
the ficha and the table of docs/analytics.md §7 all read it. Adding a family = one
module defining its ``FAMILY`` + its entry below (and its tests); the weights must
still add up to 100.

>>> names()
['instancias', 'instrumentos', 'sectores', 'programas', 'fragilidad']
>>> sum(f.weight for f in REGISTRY)
100.0
>>> get("sectores").title
'Articulación entre sectores'
"""

from __future__ import annotations

from pat_graph.analytics.families import fragilidad, instancias, instrumentos, programas, sectores
from pat_graph.analytics.families.base import Family, SubScore
from pat_graph.errors import InputError

#: Every gap family, in display order.
REGISTRY: tuple[Family, ...] = (
    instancias.FAMILY,
    instrumentos.FAMILY,
    sectores.FAMILY,
    programas.FAMILY,
    fragilidad.FAMILY,
)


def names() -> list[str]:
    """The family names, in registry order."""
    return [f.name for f in REGISTRY]


def get(name: str) -> Family:
    """The family called ``name``; :class:`~pat_graph.errors.InputError` if none.

    >>> get("otra")
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: familia desconocida 'otra'; use una de: instancias, instrumentos, sectores, programas, fragilidad
    """
    for f in REGISTRY:
        if f.name == name:
            return f
    raise InputError(f"familia desconocida {name!r}; use una de: {', '.join(names())}")


def docs_table() -> str:
    """The Markdown table of docs/analytics.md §7 (family, title, weight, sub-score).

    >>> docs_table().splitlines()[2]
    '| instancias | Cobertura de instancias | 25 | 0,7 · tipos semilla faltantes / 5 + 0,3 · partes de la Subcomisión faltantes / 3 (3 si no hay Subcomisión activa) |'
    """
    lines = ["| familia | título | peso | subpuntaje / sub-score |", "|---|---|---|---|"]
    lines += [f"| {f.name} | {f.title} | {f.weight:g} | {f.definition} |" for f in REGISTRY]
    return "\n".join(lines)


__all__ = ["REGISTRY", "Family", "SubScore", "docs_table", "get", "names"]
