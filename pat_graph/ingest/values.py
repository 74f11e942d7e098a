"""Parsing cell values: dates, enums, NITs, snake_case kinds, numbers.

Each parser takes the raw cell and returns the stored value, or raises
:class:`ValueProblem` whose message (Spanish) becomes the reject reason.

>>> parse_date("2023-05-04"), parse_date("04/05/2023"), parse_date("2023")
('2023-05-04', '2023-05-04', '2023-01-01')
>>> parse_enum("Público", "sector"), parse_nit("890.900.608-9"), to_snake("Cámara de Comercio")
('publico', '890900608-9', 'camara_de_comercio')
"""

from __future__ import annotations

import datetime as dt
import re

from pat_graph.model import VOCABULARIES
from pat_graph.text import fold


class ValueProblem(ValueError):
    """A cell that cannot be used; ``str()`` is the Spanish reason."""


_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_date(raw: object) -> str:
    """ISO date from ``YYYY-MM-DD``, ``DD/MM/YYYY``, a bare year or an Excel date cell."""
    if isinstance(raw, dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, dt.date):
        return raw.isoformat()
    text = str(raw).strip()
    try:
        if m := _YMD.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := _DMY.match(text):
            return dt.date(int(m[3]), int(m[2]), int(m[1])).isoformat()
        if m := _YEAR.match(text):
            year = int(m[1])
            if 1900 <= year <= 2100:
                return f"{year:04d}-01-01"
    except ValueError as err:
        raise ValueProblem(f"fecha inválida '{text}': ese día no existe en el calendario") from err
    raise ValueProblem(f"fecha inválida '{text}': use AAAA-MM-DD, DD/MM/AAAA o un año")


def _enum_index(vocabulary: str) -> dict[str, str]:
    values = VOCABULARIES[vocabulary]
    index = {fold(v, sep="_"): v for v in values}
    index.update({fold(label, sep="_"): v for v, label in values.items()})
    return index


_ENUM_INDEX: dict[str, dict[str, str]] = {name: _enum_index(name) for name in VOCABULARIES}


def parse_enum(raw: object, vocabulary: str) -> str:
    """A vocabulary value, matched case-, accent- and separator-insensitively
    (the Spanish label is accepted too: ``Secretaría técnica``)."""
    text = str(raw).strip()
    value = _ENUM_INDEX[vocabulary].get(fold(text, sep="_"))
    if value is None:
        allowed = ", ".join(VOCABULARIES[vocabulary])
        raise ValueProblem(f"valor '{text}' no válido; se espera uno de: {allowed}")
    return value


_NIT = re.compile(r"\d{5,12}(?:-\d)?")


def parse_nit(raw: object) -> str:
    """A NIT as digits with optional check digit (dots and spaces removed)."""
    text = str(raw).strip()
    compact = re.sub(r"[.\s]", "", text).upper().replace("DV", "-").replace("--", "-")
    if not _NIT.fullmatch(compact):
        raise ValueProblem(
            f"NIT inválido '{text}': se esperan dígitos con dígito de verificación "
            "opcional (890900608-9)"
        )
    return compact


def nit_base(nit: str) -> str:
    """The NIT without its check digit (for duplicate detection).

    >>> nit_base("890900608-9"), nit_base("890900608")
    ('890900608', '890900608')
    """
    return nit.split("-", 1)[0]


def to_snake(raw: object) -> str:
    """Free text normalised to snake_case (``tipo`` of an actor)."""
    value = fold(str(raw), sep="_")
    if not value:
        raise ValueProblem(f"valor '{raw}' vacío tras normalizar")
    return value


def parse_int(raw: object) -> int:
    text = str(raw).strip()
    try:
        return int(text)
    except ValueError as err:
        raise ValueProblem(f"número entero inválido '{text}'") from err


def parse_float(raw: object) -> float:
    text = str(raw).strip().replace(",", ".")
    try:
        return float(text)
    except ValueError as err:
        raise ValueProblem(f"número inválido '{text}'") from err


_TRUE = {"si", "s", "true", "verdadero", "1", "x", "yes"}
_FALSE = {"no", "n", "false", "falso", "0"}


def parse_bool(raw: object) -> bool:
    text = fold(str(raw), sep="_")
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueProblem(f"valor lógico inválido '{raw}': use sí/no")


def clean_text(raw: object) -> str:
    """Text as given (trimmed); dates from Excel cells become ISO strings."""
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return str(raw).strip()
