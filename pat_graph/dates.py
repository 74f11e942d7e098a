"""The one date parser of pat-graph, for data cells and command options alike.

Accepted: ``AAAA-MM-DD`` (also with ``/`` or ``.``, and with a time
``AAAA-MM-DD HH:MM[:SS]``), ``DD/MM/AAAA`` and ``D/M/AAAA`` (also with ``-``
or ``.``), ``AAAA-MM`` (first of the month), a bare year ``AAAA`` (1 January),
Excel serial numbers (``44620`` is 2022-02-28; a fraction is the time of day)
and Python ``date`` / ``datetime`` values (Excel cells read by openpyxl).

Dates come back as ISO text; a time, when there is one, is kept
(``2024-03-01T10:30:00``) unless ``keep_time=False`` — as-of dates of the
options are whole days.

>>> parse_date("2023-05-04"), parse_date("04/05/2023"), parse_date("4/5/2023"), parse_date("2023")
('2023-05-04', '2023-05-04', '2023-05-04', '2023-01-01')
>>> parse_date("2023-07"), parse_date("44620"), parse_date(44620.5)
('2023-07-01', '2022-02-28', '2022-02-28T12:00:00')
>>> import datetime as dt
>>> parse_date(dt.datetime(2024, 3, 1, 10, 30)), parse_date(dt.datetime(2024, 3, 1, 10, 30), keep_time=False)
('2024-03-01T10:30:00', '2024-03-01')
>>> parse_date("31/02/2024")
Traceback (most recent call last):
...
pat_graph.dates.DateError: fecha inválida '31/02/2024': ese día no existe en el calendario
"""

from __future__ import annotations

import datetime as dt
import re

from pat_graph.errors import InputError


class DateError(InputError, ValueError):
    """A text that is not a date; ``str()`` is the Spanish reason."""


#: Years accepted (a bare 4-digit number outside them is not a year).
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Day 0 of Excel's serial numbers (1899-12-30, which absorbs Excel's 1900 leap-year bug).
EXCEL_EPOCH = dt.datetime(1899, 12, 30)

_TIME = r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?"
_YMD = re.compile(r"^(\d{4})([/.-])(\d{1,2})\2(\d{1,2})" + _TIME + "$")
_DMY = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_YM = re.compile(r"^(\d{4})[/.-](\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")
_SERIAL = re.compile(r"^(\d{5})(?:[.,](\d+))?$")

HELP = "use AAAA-MM-DD, DD/MM/AAAA, AAAA-MM, un año o un número de serie de Excel"


def _iso(value: dt.datetime, keep_time: bool) -> str:
    if keep_time and value.time() != dt.time():
        return value.replace(microsecond=0).isoformat()
    return value.date().isoformat()


def parse_date(raw: object, *, keep_time: bool = True) -> str:
    """ISO date (or date and time) of ``raw``, one of the forms of this module.

    Raises :class:`DateError` (an :class:`~pat_graph.errors.InputError`) with
    the reason in Spanish.

    >>> parse_date(" 2024-12-31 "), parse_date("31.12.2024"), parse_date("2024-12-31 08:05")
    ('2024-12-31', '2024-12-31', '2024-12-31T08:05:00')
    >>> parse_date("mañana")
    Traceback (most recent call last):
    ...
    pat_graph.dates.DateError: fecha inválida 'mañana': use AAAA-MM-DD, DD/MM/AAAA, AAAA-MM, un año o un número de serie de Excel
    """
    if isinstance(raw, dt.datetime):
        return _iso(raw, keep_time)
    if isinstance(raw, dt.date):
        return raw.isoformat()
    if isinstance(raw, bool):
        raise DateError(f"fecha inválida '{raw}': {HELP}")
    if isinstance(raw, (int, float)):
        raw = repr(raw)
    text = str(raw).strip()
    try:
        if m := _YMD.match(text):
            y, mo, d, hh, mi, ss = m[1], m[3], m[4], m[5], m[6], m[7]
        elif m := _DMY.match(text):
            d, mo, y, hh, mi, ss = m[1], m[3], m[4], m[5], m[6], m[7]
        elif m := _YM.match(text):
            y, mo, d, hh, mi, ss = m[1], m[2], "1", None, None, None
        elif m := _YEAR.match(text):
            y, mo, d, hh, mi, ss = m[1], "1", "1", None, None, None
        elif m := _SERIAL.match(text):
            serial = float(f"{m[1]}.{m[2] or 0}")
            value = EXCEL_EPOCH + dt.timedelta(days=serial)
            value = (value + dt.timedelta(seconds=0.5)).replace(microsecond=0)  # float noise
            return _check_year(_iso(value, keep_time), text)
        else:
            raise DateError(f"fecha inválida '{text}': {HELP}")
        value = dt.datetime(int(y), int(mo), int(d), int(hh or 0), int(mi or 0), int(ss or 0))
    except ValueError as err:
        if isinstance(err, DateError):
            raise
        raise DateError(f"fecha inválida '{text}': ese día no existe en el calendario") from err
    return _check_year(_iso(value, keep_time), text)


def _check_year(iso: str, text: str) -> str:
    if not MIN_YEAR <= int(iso[:4]) <= MAX_YEAR:
        raise DateError(f"fecha inválida '{text}': el año debe estar entre {MIN_YEAR} y "
                        f"{MAX_YEAR}")
    return iso


__all__ = ["DateError", "EXCEL_EPOCH", "parse_date"]
