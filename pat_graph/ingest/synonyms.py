"""The synonyms table of the PAT exchange format (``pat_graph/data/sinonimos.toml``):
common ways of writing each column and each vocabulary value, compared through
the one fold (:func:`pat_graph.text.fold`) without articles and prepositions.

>>> column_for("acuerdos", "Fecha de firma"), column_for("instancias", "FECHA DE CREACIÓN")
('fecha_firma', 'fecha_creacion')
>>> column_for("actores", "Tipo de actor"), column_for("actores", "Nit."), column_for("actores", "x")
('tipo', 'nit', None)
>>> actor_kind("Cámara de comercio"), actor_kind("Caja de Compensación Familiar")
('camara_comercio', 'caja_compensacion')
>>> actor_kind("asociación de arrieros") is None
True
"""

from __future__ import annotations

import difflib
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from pat_graph.errors import MappingError
from pat_graph.ingest.mapping import pat_mappings
from pat_graph.model import COMMON_ACTOR_KINDS, VOCABULARIES
from pat_graph.text import fold

SYNONYMS_FILE = "sinonimos.toml"
#: Words that never tell two headers or values apart ("Fecha de firma" is "fecha firma").
FILLER_WORDS = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "por",
                          "a", "al", "o"})
#: The vocabulary name of the actors' free-text kind (``tipo`` of ``actores``).
ACTOR_KIND = "tipo_actor"
#: Columns every PAT file may carry as free text, kept as a property without a warning.
FREE_TEXT_COLUMNS = ("observaciones",)


@functools.lru_cache(maxsize=1 << 16)  # cells repeat: a load compares the same few values
def key(text: object) -> str:
    """How headers and values are compared: folded (``sep="_"``), filler words out.

    >>> key("Fecha de Creación"), key("fecha_creacion"), key("Cámara de comercio")
    ('fecha_creacion', 'fecha_creacion', 'camara_comercio')
    """
    words = [w for w in fold(text, sep="_").split("_") if w and w not in FILLER_WORDS]
    return "_".join(words) or fold(text, sep="_")


@dataclass(frozen=True, slots=True)
class Synonyms:
    """The parsed table: columns (per file, ``*`` for all), values (per vocabulary), hints."""

    columns: dict[str, dict[str, tuple[str, ...]]]
    values: dict[str, dict[str, tuple[str, ...]]]
    hints: dict[str, str]

    @property
    def size(self) -> int:
        """Number of synonyms (column and value forms) in the table."""
        return (sum(len(v) for t in self.columns.values() for v in t.values())
                + sum(len(v) for t in self.values.values() for v in t.values()))


def _strings(origin: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise MappingError(f"{origin}: {where}: se esperaba una lista de textos")
    return tuple(value)


def parse_synonyms(data: dict, origin: str = SYNONYMS_FILE) -> Synonyms:
    """Validate the TOML data of a synonyms table (errors name the key at fault).

    >>> parse_synonyms({"valores": {"sector": {"publico": ["Estatal"]}}}).size
    1
    >>> parse_synonyms({"valores": {"color": {"rojo": []}}})
    Traceback (most recent call last):
    pat_graph.errors.MappingError: sinonimos.toml: valores.color: vocabulario desconocido (válidos: sector, level, instance_kind, instance_status, participation_role, agreement_status, linkage_kind, instrument_kind, instrument_status, event_kind, tipo_actor)
    """
    for top in data:
        if top not in ("columnas", "valores", "pistas"):
            raise MappingError(f"{origin}: {top}: clave desconocida (válidas: columnas, "
                               "valores, pistas)")
    columns = {fold(f, sep="_") if f != "*" else "*":
               {fold(c, sep="_"): _strings(origin, f"columnas.{f}.{c}", v) for c, v in t.items()}
               for f, t in data.get("columnas", {}).items()}
    values: dict[str, dict[str, tuple[str, ...]]] = {}
    for vocab, table in data.get("valores", {}).items():
        if vocab != ACTOR_KIND and vocab not in VOCABULARIES:
            valid = ", ".join([*VOCABULARIES, ACTOR_KIND])
            raise MappingError(f"{origin}: valores.{vocab}: vocabulario desconocido "
                               f"(válidos: {valid})")
        for value in table:
            if vocab != ACTOR_KIND and value not in VOCABULARIES[vocab]:
                raise MappingError(f"{origin}: valores.{vocab}.{value}: valor que no está en "
                                   f"el vocabulario {vocab}")
        values[vocab] = {v: _strings(origin, f"valores.{vocab}.{v}", s) for v, s in table.items()}
    hints = {fold(h, sep="_"): str(t) for h, t in data.get("pistas", {}).items()}
    return Synonyms(columns, values, hints)


@functools.cache
def synonyms() -> Synonyms:
    """The table shipped in ``pat_graph/data/sinonimos.toml``."""
    text = (resources.files("pat_graph") / "data" / SYNONYMS_FILE).read_text(encoding="utf-8")
    return parse_synonyms(tomllib.loads(text))


@functools.cache
def header_index(file: str, columns: tuple[str, ...]) -> dict[str, str]:
    """Compared form (:func:`key`) of every known way of writing a column of PAT ``file``
    -> the column. A column's own name wins, then the file's synonyms, then the common ones."""
    table = synonyms().columns
    index: dict[str, str] = {}
    for col in (*columns, *FREE_TEXT_COLUMNS):
        index.setdefault(key(col), col)
    for section in (table.get(fold(file, sep="_"), {}), table.get("*", {})):
        for col, forms in section.items():
            if col in columns or col in FREE_TEXT_COLUMNS:
                for form in forms:
                    index.setdefault(key(form), col)
    return index


_NOTE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*$")


def lookup_header(index: dict[str, str], header: str) -> str | None:
    """The column of ``index`` (:func:`header_index`) that ``header`` names; a trailing
    note in brackets is not part of the name (``Fecha de firma (DD/MM/AAAA)``).

    >>> lookup_header(header_index("acuerdos", ("fecha_firma",)), "Fecha de firma (DD/MM/AAAA)")
    'fecha_firma'
    """
    found = index.get(key(header))
    if found is None and _NOTE.search(header):
        found = index.get(key(_NOTE.sub("", header)))
    return found


def column_for(file: str, header: str, columns: tuple[str, ...] | None = None) -> str | None:
    """The PAT column of ``file`` that ``header`` names, or ``None``.

    ``columns`` are the file's columns (default: those of the shipped PAT mapping).
    """
    if columns is None:
        columns = next((tuple(m.columns) for m in pat_mappings() if fold(file, sep="_") in m.files),
                       ())
    return lookup_header(header_index(file, columns), header)


def closest_column(header: str, index: dict[str, str]) -> str | None:
    """The known column whose name or synonym is closest to ``header`` (``None`` if none is close).

    >>> closest_column("Fecha de firmaa", header_index("acuerdos", ("id", "fecha_firma")))
    'fecha_firma'
    """
    found = difflib.get_close_matches(key(header), list(index), n=1, cutoff=0.75)
    return index[found[0]] if found else None


def hint(header: str) -> str | None:
    """What to tell about an ambiguous header (``Código DANE``), or ``None``."""
    return synonyms().hints.get(fold(header, sep="_")) or synonyms().hints.get(key(header))


@functools.cache
def value_index(vocabulary: str) -> dict[str, str]:
    """Compared form of every value, Spanish label and synonym of ``vocabulary`` -> the value
    (``tipo_actor``: the known actor kinds)."""
    index: dict[str, str] = {}
    if vocabulary == ACTOR_KIND:
        for kind in known_actor_kinds():
            index.setdefault(key(kind), kind)
    else:
        for value, label in VOCABULARIES[vocabulary].items():
            index.setdefault(key(value), value)
            index.setdefault(key(label), value)
    for value, forms in synonyms().values.get(vocabulary, {}).items():
        for form in forms:
            index.setdefault(key(form), value)
    return index


def vocabulary_value(vocabulary: str, raw: object) -> str | None:
    """The value of ``vocabulary`` that ``raw`` names (label or synonym), or ``None``.

    >>> vocabulary_value("instance_kind", "CRC"), vocabulary_value("participation_role", "Presidenta")
    ('comision_regional_competitividad', 'presidencia')
    """
    return value_index(vocabulary).get(key(raw))


@functools.cache
def known_actor_kinds() -> tuple[str, ...]:
    """The actor kinds pat-graph knows: the model's common kinds, then the table's.

    >>> "camara_comercio" in known_actor_kinds(), "central_sindical" in known_actor_kinds()
    (True, True)
    """
    extra = [k for k in synonyms().values.get(ACTOR_KIND, {}) if k not in COMMON_ACTOR_KINDS]
    return (*COMMON_ACTOR_KINDS, *extra)


def actor_kind(raw: object) -> str | None:
    """The known actor kind that ``raw`` names, or ``None`` (then it is kept as written)."""
    return vocabulary_value(ACTOR_KIND, raw)


def closest_actor_kind(raw: object) -> str | None:
    """The known actor kind closest to an unknown ``raw`` (for "¿quiso decir …?")."""
    index = value_index(ACTOR_KIND)
    found = difflib.get_close_matches(key(raw), list(index), n=1, cutoff=0.75)
    return index[found[0]] if found else None
