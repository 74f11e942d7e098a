"""Numbers and dates the way a reader in Colombia writes them (es-CO), in one place.

Decimal comma, thousands point, dates ``DD/MM/AAAA``. Every text a person reads
(fichas, pages, terminal summaries) formats through these functions; files for
machines (CSV, JSON) keep ISO dates and plain numbers.

The rule of decimals: one form per quantity, the same in terminal tables, fichas, the
workbench and workbooks (:data:`KINDS`; :mod:`pat_graph.columns` gives each output
column its kind, :func:`by_kind` writes it, :func:`excel_format` is its workbook form):

* **counts**: whole numbers with a thousands point (``3.695``, ``245.977``);
* **gap index** (0–100): always one decimal (``99,0``, ``15,0``, ``10,3``),
  :func:`index_value`;
* **points** of a family in the index: always two decimals (``2,50``, ``1,67``,
  ``0,00``; they add up to the index), :func:`points`;
* **measures and scores** (recommend's Puntaje, effective size, Burt's constraint, AUC,
  learned weights, ratios): always two decimals (``3,69``, ``11,06``, ``0,06``),
  :func:`measure`. Never three decimals: ``3,695`` reads as three thousand in Colombia;
* **shares**: a percentage, whole for coverages (``12 %``), one decimal for small rates
  (precision@k, recall@k, betweenness: ``1,6 %``), :func:`percent`;
* **seconds**: one decimal (``1,6 s``); **dates** ``DD/MM/AAAA``.

>>> number(10.3), number(3695), number(0.016, 3), percent(0.5), date_es("2024-12-31")
('10,3', '3.695', '0,016', '50 %', '31/12/2024')
>>> index_value(99), points(2.5), measure(3.6946), percent(0.016, 1)
('99,0', '2,50', '3,69', '1,6 %')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def number(value: float | int | None, decimals: int = 1) -> str:
    """``value`` with at most ``decimals`` decimals (trailing zeros dropped), decimal
    comma and a thousands point; ``""`` for ``None`` or NaN.

    >>> number(10.3), number(3695), number(1234567.891, 2), number(69.0), number(-0.25, 2)
    ('10,3', '3.695', '1.234.567,89', '69', '-0,25')
    >>> number(None), number(0.04), number(0.004), number(10.25), number(-0.04)
    ('', '0', '0', '10,3', '0')
    """
    text = fixed(value, decimals)  # the one rounding (halves up)
    if "," in text:
        text = text.rstrip("0").rstrip(",")
    return "0" if text == "-0" else text


def fixed(value: float | int | None, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals (trailing zeros kept: a column reads
    the same on every row), decimal comma, thousands point; ``""`` for ``None`` or NaN.

    Halves round up, on the number as written (``10.25`` → ``10,3``, ``3.695`` →
    ``3,70``), as a person rounds.

    >>> fixed(99, 1), fixed(1.666, 2), fixed(-0.001, 2), fixed(12345.5, 1), fixed(None, 1)
    ('99,0', '1,67', '0,00', '12.345,5', '')
    >>> fixed(10.25, 1), fixed(3.695, 2), fixed(-2.5, 0), fixed(float("inf"), 1)
    ('10,3', '3,70', '-3', '∞')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if not isinstance(value, int):
        value = float(value)  # numpy numbers too
        if math.isinf(value):
            return "∞" if value > 0 else "-∞"
    places = max(decimals, 0)
    exact = Decimal(value if isinstance(value, int) else repr(value))
    text = f"{exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP):,.{places}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0,00 is 0,00
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def or_dash(write: Callable[[Any], str]) -> Callable[[Any], str]:
    """``write`` (a formatter of the rule of decimals) that shows ``—`` for no value, as
    the ficha's and the workbench's cells do (the formatters themselves give ``""``).

    >>> or_dash(index_value)(None), or_dash(index_value)(15)
    ('—', '15,0')
    """
    return lambda value: "—" if value is None else write(value)


def index_value(value: float | int | None) -> str:
    """A gap index value (0–100): one decimal, always.

    >>> index_value(15), index_value(10.25), index_value(100)
    ('15,0', '10,3', '100,0')
    """
    return fixed(value, KINDS["index"][0])


def points(value: float | int | None) -> str:
    """The points of one family in the gap index: two decimals, always.

    >>> points(2.5), points(0), points(1.6667)
    ('2,50', '0,00', '1,67')
    """
    return fixed(value, KINDS["points"][0])


def measure(value: float | int | None) -> str:
    """A measure or score (Puntaje, effective size, constraint, AUC, a ratio): two
    decimals, always (never three, which reads as thousands).

    >>> measure(3.695), measure(11.058), measure(1), measure(0.061)
    ('3,70', '11,06', '1,00', '0,06')
    """
    return fixed(value, KINDS["measure"][0])


def integer(value: int | float | None) -> str:
    """A whole number with a thousands point.

    >>> integer(3695), integer(12), integer(1_000_000)
    ('3.695', '12', '1.000.000')
    """
    return number(round(value) if value is not None else None, 0)


def quantity(value: float | int | None) -> str:
    """A number of a column without a kind (:data:`KINDS`): whole numbers with a
    thousands point, other numbers with up to two decimals below 1.000 and none above
    (never three decimals, which read as thousands).

    >>> quantity(3695), quantity(42547.2), quantity(0.3891), quantity(10.25), quantity(7)
    ('3.695', '42.547', '0,39', '10,25', '7')
    """
    if isinstance(value, float):
        return number(value, 2) if abs(value) < 1000 else number(value, 0)
    return integer(value)


def percent(share: float | None, decimals: int = 0) -> str:
    """A share in [0, 1] as a percentage (es-CO writes a space before ``%``).

    >>> percent(0.5), percent(0.123, 1), percent(1)
    ('50 %', '12,3 %', '100 %')
    """
    return "" if share is None else f"{number(100 * share, decimals)} %"


def date_es(value: str | date | datetime | None) -> str:
    """An ISO date or timestamp as ``DD/MM/AAAA``; text that is not a date is returned
    unchanged, ``""`` for nothing.

    >>> date_es("2024-12-31"), date_es("2025-01-05T10:30:00"), date_es(date(2024, 2, 1))
    ('31/12/2024', '05/01/2025', '01/02/2024')
    >>> date_es(""), date_es("sin fecha")
    ('', 'sin fecha')
    """
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10]).strftime("%d/%m/%Y")
    except ValueError:
        return text


def plural(n: int, singular: str, plural_form: str) -> str:
    """``n`` and the word that agrees with it (the number with a thousands point): never
    ``departamento(s)``.

    >>> plural(1, "PDF completo", "PDF completos"), plural(1200, "resumen", "resúmenes")
    ('1 PDF completo', '1.200 resúmenes')
    >>> plural(33, "departamento", "departamentos"), plural(0, "brecha", "brechas")
    ('33 departamentos', '0 brechas')
    """
    return f"{integer(n)} {singular if n == 1 else plural_form}"


def seconds(value: float) -> str:
    """A duration in seconds, one decimal.

    >>> seconds(1.6), seconds(12.04)
    ('1,6 s', '12,0 s')
    """
    return f"{fixed(value, 1)} s"


#: The rule of decimals (see the module docstring): kind -> (decimals, workbook number
#: format). A share (``percent``, ``rate``) is kept as a fraction in a workbook with a
#: percent format; the others keep their value with the decimals shown.
KINDS: dict[str, tuple[int, str]] = {
    "count": (0, "#,##0"),
    "index": (1, "0.0"),
    "points": (2, "0.00"),
    "measure": (2, "0.00"),
    "percent": (0, "0 %"),
    "rate": (1, "0.0 %"),
}


def by_kind(kind: str, value: float | int | None) -> str:
    """``value`` written as its ``kind`` of :data:`KINDS` says.

    >>> by_kind("index", 6), by_kind("points", 0.28), by_kind("percent", 0.1235)
    ('6,0', '0,28', '12 %')
    >>> by_kind("rate", 0.1), by_kind("count", 245977), by_kind("measure", None)
    ('10,0 %', '245.977', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    decimals = KINDS[kind][0]
    if kind in ("percent", "rate"):
        return percent(value, decimals) if decimals == 0 else f"{fixed(100 * value, decimals)} %"
    if kind == "count":
        return integer(value)
    return fixed(value, decimals)


def excel_format(kind: str) -> str | None:
    """The workbook number format of ``kind`` (``None``: no kind).

    >>> excel_format("percent"), excel_format("index"), excel_format("")
    ('0 %', '0.0', None)
    """
    entry = KINDS.get(kind)
    return entry[1] if entry else None


__all__ = ["KINDS", "by_kind", "date_es", "excel_format", "fixed", "index_value", "integer",
           "measure", "number", "percent", "plural", "points", "quantity", "seconds"]
