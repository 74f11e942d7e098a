"""Numbers and dates the way a reader in Colombia writes them (es-CO), in one place.

Decimal comma, thousands point, dates ``DD/MM/AAAA``. Every text a person reads
(fichas, pages, terminal summaries) formats through these functions; files for
machines (CSV, JSON) keep ISO dates and plain numbers.

>>> number(10.3), number(3695), number(0.016, 3), percent(0.5), date_es("2024-12-31")
('10,3', '3.695', '0,016', '50 %', '31/12/2024')
"""

from __future__ import annotations

import math
from datetime import date, datetime


def number(value: float | int | None, decimals: int = 1) -> str:
    """``value`` with at most ``decimals`` decimals (trailing zeros dropped), decimal
    comma and a thousands point; ``""`` for ``None`` or NaN.

    >>> number(10.3), number(3695), number(1234567.891, 2), number(69.0), number(-0.25, 2)
    ('10,3', '3.695', '1.234.567,89', '69', '-0,25')
    >>> number(None), number(0.04), number(0.004)
    ('', '0', '0')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = f"{float(value):,.{max(decimals, 0)}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def integer(value: int | float | None) -> str:
    """A whole number with a thousands point.

    >>> integer(3695), integer(12), integer(1_000_000)
    ('3.695', '12', '1.000.000')
    """
    return number(round(value) if value is not None else None, 0)


def quantity(value: float | int | None) -> str:
    """A measured value in a table: whole numbers with a thousands point, other numbers
    with up to three decimals below 1.000 and none above.

    >>> quantity(3695), quantity(42547.2), quantity(0.3891), quantity(10.25), quantity(7)
    ('3.695', '42.547', '0,389', '10,25', '7')
    """
    if isinstance(value, float):
        return number(value, 3) if abs(value) < 1000 else number(value, 0)
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
    """``n`` and the word that agrees with it (the number with a thousands point).

    >>> plural(1, "PDF completo", "PDF completos"), plural(1200, "resumen", "resúmenes")
    ('1 PDF completo', '1.200 resúmenes')
    """
    return f"{integer(n)} {singular if n == 1 else plural_form}"


__all__ = ["date_es", "integer", "number", "percent", "plural", "quantity"]
