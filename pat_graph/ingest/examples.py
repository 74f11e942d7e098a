"""What the loader leaves out on purpose: the template's example rows and its helper sheets.

The workbook of ``pat-graph plantilla`` carries a few example rows, marked by a first
cell that starts with :data:`EXAMPLE_PREFIX` (``EJEMPLO-A-0001``), and helper sheets
(:data:`AUXILIARY_SHEETS`: instructions, the DIVIPOLA lists, the vocabularies). The
loader skips both and counts the example rows in its report, so the untouched template
loads nothing and reports nothing wrong, and a filled one loads with no manual step.

>>> from pat_graph.tables import Row, Table
>>> t = Table("p.xlsx[actores]", "actores", ["id"], ["id"],
...           [Row(2, ["EJEMPLO-A-1"]), Row(3, ["A-1"]), Row(4, ["ejemplo_x"])])
>>> kept, examples = drop_examples([t, Table("p.xlsx[Listas]", "listas", [], [], encoding="xlsx")])
>>> [r.line for r in kept[0].rows], examples, len(kept)
([3], 2, 1)
"""

from __future__ import annotations

from collections.abc import Iterable

from pat_graph.tables import Table
from pat_graph.text import fold

#: A row whose first cell starts with this (folded: case and accents ignored) is an example.
EXAMPLE_PREFIX = "EJEMPLO"
#: Sheets of the template that hold no records (folded names); skipped in workbooks only.
AUXILIARY_SHEETS: tuple[str, ...] = ("instrucciones", "territorios", "listas")

_FOLDED_PREFIX = fold(EXAMPLE_PREFIX, sep="_")


def is_example(first_cell: object) -> bool:
    """True when ``first_cell`` marks an example row.

    >>> is_example("EJEMPLO-A-0001"), is_example(" Ejemplo 2"), is_example("A-EJEMPLO")
    (True, True, False)
    """
    return fold(str(first_cell), sep="_").startswith(_FOLDED_PREFIX)


def is_auxiliary_sheet(source: str) -> bool:
    """True for a template helper sheet named as the reader names sheets
    (``libro.xlsx[Instrucciones]``): left out without being reported as ignored.

    >>> is_auxiliary_sheet("plantilla.xlsx[Listas]"), is_auxiliary_sheet("x.xlsx[actores]")
    (True, False)
    """
    if not source.endswith("]") or ".xlsx[" not in source.lower():
        return False
    return fold(source[source.index("[") + 1:-1], sep="_") in AUXILIARY_SHEETS


def drop_examples(tables: Iterable[Table]) -> tuple[list[Table], int]:
    """``tables`` without the template's helper sheets and with no example rows, and the
    number of example rows left out."""
    kept: list[Table] = []
    examples = 0
    for t in tables:
        if t.encoding == "xlsx" and t.name in AUXILIARY_SHEETS:
            continue
        rows = [r for r in t.rows if not (r.values and is_example(r.values[0]))]
        examples += len(t.rows) - len(rows)
        t.rows = rows
        kept.append(t)
    return kept, examples
