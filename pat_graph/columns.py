"""The one registry of output columns: what every table a person reads calls a column.

Every tabular command and every query of the analysts' library produces rows keyed by
machine column keys (``sector``, ``department_code``, ``via_id`` ...). This module says,
once, for each key:

* its Spanish **header** (table, ``--csv`` and ``--xlsx`` all use it);
* the **vocabularies** whose Spanish label (:func:`pat_graph.model.label_es`) replaces a
  coded value (``publico`` → ``Público``); several may be tried in order when one key
  means different things in different tables (``estado`` of an agreement or of an
  instrument): the first vocabulary that knows the value labels it;
* its **kind**: ``date`` (an ISO date shown ``DD/MM/AAAA`` in a terminal table, a real
  date in a workbook), or a kind of number of the rule of decimals
  (:data:`pat_graph.formatting.KINDS`): ``index`` (``10,3``), ``points`` (``2,50``),
  ``measure`` (``3,69``), ``percent`` (a share in [0, 1] shown ``33 %``), ``rate`` (a
  small share shown ``1,6 %``), ``count``. A terminal table writes the number that way;
  a workbook keeps the number with that number format (:func:`excel_format`); CSV and
  JSON keep the plain number.

:func:`pat_graph.cli.common.emit` applies it to table, CSV and XLSX output; ``--json``
keeps the machine keys and codes (for scripts). A command passes ``headers`` only where
one key names something more precise in its table (``name`` → ``Acuerdo``).

>>> header("department_code"), header("via_id"), header("sector")
('Código', 'Id del vínculo', 'Sector')
>>> display("sector", "publico"), display("estado", "en_implementacion"), display("estado", "adoptado")
('Público', 'En implementación', 'Adoptado')
>>> display("sectores", ["academico", "privado"]), display("tipo", "plan_empleo")
('Académico, Privado', 'Plan de empleo')
>>> display("code", "red_sin_participante"), display("firmado", "2024-05-01", table=True)
('Red sin participante del departamento', '01/05/2024')
>>> display("coverage", 0.3333, table=True), display("coverage", 0.3333)
('33 %', 0.3333)
>>> display("score", 3.6946, table=True), display("score", 15, table=True, kinds=GAP_INDEX_KINDS)
('3,69', '15,0')
>>> display("method", "formula"), excel_format("precision"), excel_format("name")
('Fórmula fija (pat-graph)', '0.0 %', None)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pat_graph.formatting import by_kind, date_es
from pat_graph.formatting import excel_format as _excel_format
from pat_graph.model import DISPLAY_ES, VOCABULARIES, label_es


@dataclass(frozen=True, slots=True)
class Column:
    """One output column: Spanish ``header``, the ``vocabularies`` that label its coded
    values (tried in order), and its ``kind`` (``""``, ``"date"`` or a kind of
    :data:`pat_graph.formatting.KINDS`)."""

    header: str
    vocabularies: tuple[str, ...] = ()
    kind: str = ""


def _c(header: str, *vocabularies: str, kind: str = "") -> Column:
    return Column(header, tuple(vocabularies), kind)


_SECTOR = ("sector",)
_KIND = ("actor_kind", "instance_kind", "instrument_kind", "event_kind", "node_label")
_STATUS = ("agreement_status", "instrument_status", "instance_status", "gap_status",
           "programme_state")
_ROLE = ("participation_role", "signatory_role")

#: Spanish labels of codes of the program's own outputs that no data vocabulary of
#: :mod:`pat_graph.model` lists (tried after them by :func:`display`).
OUTPUT_VOCABULARIES: dict[str, dict[str, str]] = {
    # recommend --evaluar: ``score`` is the recommender (learned weights, or the hand
    # formula when the history is too thin), ``formula`` the hand formula alone
    "recommend_method": {
        "score": "Recomendador pat-graph",
        "formula": "Fórmula fija (pat-graph)",
        "random": "Parejas al azar",
        "common_neighbours": "Vecinos comunes",
        "adamic_adar": "Adamic–Adar",
        "preferential_attachment": "Vinculación preferencial",
    },
}

#: column key -> :class:`Column`. Keys are the rows' own keys (commands in English,
#: query library in Spanish); never rename a query column here: the Cypher files and the
#: differential test rely on them.
COLUMNS: dict[str, Column] = {
    # --- ids and names
    "id": _c("Id"), "name": _c("Nombre"), "nombre": _c("Nombre"),
    "actor_id": _c("Actor"), "actor": _c("Actor"), "socio": _c("Socio"),
    "with": _c("Con"), "names": _c("Actores"), "actors": _c("Actores (id)"),
    "keep_id": _c("Conservar"), "merge_id": _c("Fusionar"),
    "keep_name": _c("Nombre (conservar)"), "merge_name": _c("Nombre (fusionar)"),
    "keep_source": _c("Fuente (conservar)"), "merge_source": _c("Fuente (fusionar)"),
    "decision": _c("Decisión"), "note": _c("Nota"), "reasons": _c("Evidencia"),
    "acuerdo": _c("Acuerdo"), "instrumento": _c("Instrumento"), "programa": _c("Programa"),
    "programme_id": _c("Programa"), "programme_name": _c("Nombre"),
    "entidad": _c("Entidad responsable"), "evento": _c("Evento"), "lider": _c("Líder"),
    "via_id": _c("Id del vínculo"), "via": _c("Vínculo (acuerdo o instancia)"),
    "vias_a": _c("Vínculos con A"), "vias_b": _c("Vínculos con B"),
    "camino": _c("Camino (ids)"), "camino_nombres": _c("Camino"),
    "intermediarios": _c("Intermediarios"), "nombres": _c("Nombres"),
    "nombres_actores": _c("Nombres de los actores"), "nombres_firmantes": _c("Nombres de los firmantes"),
    "nombres_sector_a": _c("Nombres (sector A)"), "nombres_sector_b": _c("Nombres (sector B)"),
    "acto_administrativo": _c("Acto administrativo"),
    # --- territory
    "department_code": _c("Código"), "department_name": _c("Departamento"),
    "department": _c("Dpto."), "departamento": _c("Departamento"),
    "departamento_nombre": _c("Nombre del departamento"), "codigo": _c("Código"),
    "code_territory": _c("Código"), "territory": _c("Territorio", kind="measure"),
    "territorio": _c("Territorio"), "territorio_nombre": _c("Nombre del territorio"),
    "local": _c("Del departamento"),
    # --- vocabularies
    "sector": _c("Sector", *_SECTOR), "sectors": _c("Sectores", *_SECTOR),
    "sectores": _c("Sectores", *_SECTOR), "s": _c("Sector", *_SECTOR),
    "kind": _c("Tipo", *_KIND), "tipo": _c("Tipo", *_KIND),
    "status": _c("Estado", *_STATUS), "estado": _c("Estado", *_STATUS),
    "state": _c("Estado", *_STATUS),
    "role": _c("Rol", *_ROLE), "rol": _c("Rol", *_ROLE),
    "vinculo": _c("Vínculo", "link_kind"), "cambio": _c("Cambio", "change_kind"),
    "articulacion": _c("Articulación", "linkage_kind"),
    "family": _c("Familia", "gap_family"), "code": _c("Brecha", "gap_code"),
    "theme": _c("Tema", "agreement_theme"), "tema": _c("Tema", "agreement_theme"),
    "level": _c("Nivel", "level"), "nivel": _c("Nivel", "level"),
    # --- dates
    "date": _c("Fecha", kind="date"), "fecha": _c("Fecha", kind="date"),
    "firmado": _c("Firmado", kind="date"), "since": _c("Desde", kind="date"),
    "until": _c("Hasta", kind="date"), "desde": _c("Desde", kind="date"),
    "hasta": _c("Hasta", kind="date"), "inicio": _c("Inicio", kind="date"),
    "fin": _c("Fin", kind="date"),
    "primer_registro": _c("Primer registro", kind="date"),
    "ultimo_registro": _c("Último registro", kind="date"),
    # --- numbers
    "rank": _c("Puesto"), "score": _c("Puntaje", kind="measure"), "n": _c("Cantidad"),
    "degree": _c("Vínculos"), "betweenness": _c("Intermediación", kind="rate"),
    "constraint": _c("Restricción (Burt)", kind="measure"),
    "effective_size": _c("Tamaño efectivo", kind="measure"),
    "coordinator": _c("Coord."), "itinerant": _c("Itin."), "representative": _c("Repr."),
    "gatekeeper": _c("Guard."), "liaison": _c("Enlace"),
    "is_articulation_point": _c("Punto de corte"),
    "trust": _c("Confianza", kind="measure"),
    "complementarity": _c("Complementariedad", kind="measure"),
    "shared_instances": _c("Instancias comunes"), "shared_events": _c("Eventos comunes"),
    "common_partners": _c("Aliados comunes"), "closes": _c("Cierra"),
    "gap": _c("Brecha", kind="measure"),
    "scope": _c("Alcance"), "method": _c("Método", "recommend_method"), "k": _c("k"),
    "precision": _c("Precisión@k", kind="rate"), "recall": _c("Exhaustividad@k", kind="rate"),
    "auc": _c("AUC", kind="measure"),
    "hits": _c("Aciertos"), "feature": _c("Rasgo"), "label": _c("Descripción"),
    "weight": _c("Peso (por desv. estándar)", kind="measure"),
    "change": _c("Cambio", kind="index"), "score_a": _c("Índice A", kind="index"),
    "score_b": _c("Índice B", kind="index"),
    "departments": _c("Dptos."), "reached": _c("Alcanzados"), "implemented": _c("Implementan"),
    "socialised": _c("Socializados"), "feedback": _c("Retroalimentan"),
    "programmes": _c("Programas"), "steps": _c("Pasos"),
    "coverage": _c("Cobertura", kind="percent"),
    "pdet_municipalities": _c("Mun. PDET"), "pdet_reached": _c("PDET alcanzados"),
    "pdet_coverage": _c("Cobertura PDET", kind="percent"),
    "actores": _c("Actores"), "instancias": _c("Instancias"), "instrumentos": _c("Instrumentos"),
    "acuerdos": _c("Acuerdos"), "eventos": _c("Eventos"), "articulaciones": _c("Articulaciones"),
    "programas": _c("Programas que llegaron"), "con_registros": _c("Con registros"),
    "en_indice": _c("En el índice de brechas"),
    "antiguos": _c("Sin registros recientes"),
    "firmantes": _c("Firmantes"), "pasos": _c("Pasos"), "vigente": _c("Vigente"),
    "socios_sector_a": _c("Socios del sector A"), "socios_sector_b": _c("Socios del sector B"),
    "pares_sin_vinculo": _c("Pares sin vínculo"),
    "partners": _c("Aliados"), "rows": _c("Filas"), "nodos": _c("Nodos"),
    "relaciones": _c("Relaciones"), "brokerage_total": _c("Intermediaciones"),
    # --- text
    "type": _c("Tipo", "link_kind"), "file": _c("Archivo"), "formato": _c("Formato"),
    "ruta": _c("Ruta"),
    "explanation": _c("Por qué"),
    "message": _c("Detalle"), "subject": _c("Sobre", "instance_kind", "instrument_kind", "sector"),
    "detail": _c("Detalle"), "how": _c("Coincide por"), "node": _c("Nodo"),
    "match": _c("Coincidencia"),
    "partners_by_sector": _c("Aliados por sector"),
    "parametros": _c("Parámetros"), "descripcion": _c("Descripción"),
    **{f"points_{n}": _c(f"Puntos: {t}", kind="points") for n, t in (
        ("instancias", "Cobertura de instancias"), ("instrumentos", "Instrumentos de política"),
        ("sectores", "Articulación entre sectores"),
        ("programas", "Articulación Nación–Territorio"), ("fragilidad", "Fragilidad de la red"))},
}


def column(key: str) -> Column | None:
    """The registered :class:`Column` of ``key`` (``None`` when unknown).

    >>> column("sector").vocabularies, column("no_such") is None
    (('sector',), True)
    """
    return COLUMNS.get(key)


def header(key: str, overrides: Mapping[str, str] | None = None) -> str:
    """The Spanish header of ``key``: ``overrides`` first (a command's more precise
    word), then the registry, else the key itself (a test keeps that from happening).

    >>> header("name"), header("name", {"name": "Acuerdo"}), header("xyz")
    ('Nombre', 'Acuerdo', 'xyz')
    """
    if overrides and key in overrides:
        return overrides[key]
    col = COLUMNS.get(key)
    return col.header if col else key


def headers(columns: Sequence[str], overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """``{key: header}`` for ``columns`` (see :func:`header`).

    >>> headers(["sector", "via"])
    {'sector': 'Sector', 'via': 'Vínculo (acuerdo o instancia)'}
    """
    return {c: header(c, overrides) for c in columns}


_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


def _label(vocabularies: tuple[str, ...], value: str) -> str:
    for vocab in vocabularies:
        own = OUTPUT_VOCABULARIES.get(vocab)
        if own is not None and value in own:
            return own[value]
        known = VOCABULARIES.get(vocab) or DISPLAY_ES.get(vocab)
        if known is not None and value in known:
            return label_es(vocab, value)
    # a snake_case code no vocabulary lists: a display vocabulary reads it as words
    if _CODE.fullmatch(value):
        for vocab in vocabularies:
            if vocab in DISPLAY_ES:
                return label_es(vocab, value)
    return value


def kind(key: str, kinds: Mapping[str, str] | None = None) -> str:
    """The kind of column ``key``: ``kinds`` first (a table where the key is something
    more precise: ``score`` is the gap index in ``gaps``), then the registry.

    >>> kind("score"), kind("score", GAP_INDEX_KINDS), kind("name")
    ('measure', 'index', '')
    """
    if kinds and key in kinds:
        return kinds[key]
    col = COLUMNS.get(key)
    return col.kind if col else ""


def excel_format(key: str, kinds: Mapping[str, str] | None = None) -> str | None:
    """The workbook number format of column ``key`` (:func:`kind`; ``None``: none).

    >>> excel_format("coverage"), excel_format("points_sectores"), excel_format("score", GAP_INDEX_KINDS)
    ('0 %', '0.00', '0.0')
    """
    return _excel_format(kind(key, kinds))


def excel_formats(columns: Sequence[str], kinds: Mapping[str, str] | None = None
                  ) -> dict[str, str]:
    """``{key: number format}`` of the ``columns`` that have one (:func:`excel_format`)."""
    return {c: f for c in columns if (f := excel_format(c, kinds))}


def display(key: str, value: Any, *, table: bool = False,
            kinds: Mapping[str, str] | None = None) -> Any:
    """``value`` of column ``key`` as a person reads it: coded values labelled in
    Spanish (also inside lists and ``a + b`` texts); with ``table``, dates as
    ``DD/MM/AAAA`` and numbers as their kind says (:func:`kind`, the rule of decimals of
    :mod:`pat_graph.formatting`: shares as percentages, the index with one decimal ...;
    CSV and workbooks keep ISO dates and numbers). Anything else is returned unchanged.

    >>> display("sectors", "publico + academico"), display("rol", "secretaria_tecnica")
    ('Público + Académico', 'Secretaría técnica')
    >>> display("name", "publico"), display("hasta", None, table=True)
    ('publico', None)
    """
    col = COLUMNS.get(key)
    if value is None:
        return value
    if col is None:
        col = Column(key, (), kinds.get(key, "")) if kinds and key in kinds else None
        if col is None:
            return value
    if col.vocabularies:
        if isinstance(value, str):
            if " + " in value:
                return " + ".join(_label(col.vocabularies, v) for v in value.split(" + "))
            return _label(col.vocabularies, value)
        if isinstance(value, list | tuple):
            return ", ".join(_label(col.vocabularies, str(v)) for v in value)
        return value
    if not table:
        return value
    what = kind(key, kinds)
    if what == "date" and isinstance(value, str):
        return date_es(value)
    if what and what != "date" and isinstance(value, int | float) \
            and not isinstance(value, bool):
        return by_kind(what, value)
    return value


def display_rows(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], *,
                 table: bool = False, kinds: Mapping[str, str] | None = None
                 ) -> list[dict[str, Any]]:
    """``rows`` restricted to ``columns`` with every value through :func:`display`.

    >>> display_rows([{"sector": "privado", "n": 2}], ["sector", "n"])
    [{'sector': 'Privado', 'n': 2}]
    """
    return [{c: display(c, r.get(c), table=table, kinds=kinds) for c in columns}
            for r in rows]


#: The gap index table (``gaps``, the demo's ``brechas_departamentos.csv``): ``score`` is
#: the 0–100 index there.
GAP_INDEX_HEADERS: dict[str, str] = {"score": "Índice (0-100)"}
GAP_INDEX_KINDS: dict[str, str] = {"score": "index"}


def gap_index_columns() -> list[str]:
    """Columns of the gap index table: place, department, index, every family's points
    (even when a row lacks some: a family without records) and the explanation.

    >>> gap_index_columns()[:4], gap_index_columns()[-1]
    (['rank', 'department_code', 'department_name', 'score'], 'explanation')
    """
    from pat_graph.analytics.families import names

    return ["rank", "department_code", "department_name", "score",
            *[f"points_{n}" for n in names()], "explanation"]


__all__ = ["COLUMNS", "GAP_INDEX_HEADERS", "GAP_INDEX_KINDS", "OUTPUT_VOCABULARIES", "Column",
           "column", "display", "display_rows", "excel_format", "excel_formats",
           "gap_index_columns", "header", "headers", "kind"]
