"""Parsing cell values: enums, NITs, snake_case kinds, numbers (dates:
:func:`pat_graph.dates.parse_date`, the one date parser of data and options).

Each parser takes the raw cell and returns the stored value, or raises
:class:`ValueProblem` whose message (Spanish) becomes the reject reason.

>>> parse_enum("Público", "sector"), parse_nit("890.900.608-9"), to_snake("Cámara de Comercio")
('publico', '890900608-9', 'camara_de_comercio')
"""

from __future__ import annotations

import datetime as dt
import math
import re

from pat_graph.ingest.synonyms import vocabulary_value
from pat_graph.model import VOCABULARIES
from pat_graph.text import fold


class ValueProblem(ValueError):
    """A cell that cannot be used; ``str()`` is the Spanish reason."""


def parse_enum(raw: object, vocabulary: str) -> str:
    """A vocabulary value, matched case-, accent- and separator-insensitively; the
    Spanish label and the synonyms of ``pat_graph/data/sinonimos.toml`` are accepted too.

    >>> parse_enum("Secretaría técnica", "participation_role"), parse_enum("Presidente", "participation_role")
    ('secretaria_tecnica', 'presidencia')
    """
    text = str(raw).strip()
    value = vocabulary_value(vocabulary, text)
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
        value = float(text)
    except ValueError as err:
        raise ValueProblem(f"número inválido '{text}'") from err
    if not math.isfinite(value):  # nan / inf: not a measurement, and not valid JSON
        raise ValueProblem(f"número inválido '{text}': se espera un número finito")
    return value


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
