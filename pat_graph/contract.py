"""The data contract of the PAT exchange format, rendered from the model and the mappings.

``docs/data-contract.md`` is the output of this module (``python -m pat_graph.contract >
docs/data-contract.md``); a test checks that the file in the repository equals
:func:`render`, so the document cannot drift from :mod:`pat_graph.model` (the
vocabularies) and ``pat_graph/loaders/pat/*.toml`` (files, columns, types, required
columns, defaults). Only the prose (what a column means) lives here, in
:data:`MEANINGS`, and a test checks that every column of the mappings has one.

The template (:mod:`pat_graph.template`) and the ``pat`` export (:mod:`pat_graph.export`)
take their sheets, headers and column order from :func:`files` too.

>>> [f.name for f in files()][:3]
['actores', 'instancias', 'programas']
>>> actores = files()[0]
>>> [c.name for c in actores.columns][:4], actores.columns[3].values[:2]
(['id', 'nombre', 'sigla', 'sector'], ('publico', 'privado'))
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pat_graph.dates import EXCEL_EPOCH, MAX_YEAR, MIN_YEAR
from pat_graph.ingest.examples import AUXILIARY_SHEETS, EXAMPLE_PREFIX
from pat_graph.ingest.mapping import ColumnSpec, Mapping, pat_mappings
from pat_graph.model import COMMON_ACTOR_KINDS, LABEL_ES, REL_ES, VOCABULARIES

#: What each column of each file means: (file, column) -> (Spanish, English).
MEANINGS: dict[tuple[str, str], tuple[str, str]] = {
    ("actores", "id"): ("identificador estable elegido por el equipo (p. ej. `A-0001`)",
                        "stable identifier chosen by the team (e.g. `A-0001`)"),
    ("actores", "nombre"): ("nombre oficial", "official name"),
    ("actores", "sigla"): ("sigla (`SENA`, `CCB`)", "acronym (`SENA`, `CCB`)"),
    ("actores", "sector"): ("sector de la hélice", "helix sector"),
    ("actores", "tipo"): ("clase de actor, texto libre normalizado a snake_case",
                          "kind of actor, free text normalised to snake_case"),
    ("actores", "nivel"): ("nivel territorial del actor", "territorial level of the actor"),
    ("actores", "nit"): ("NIT: dígitos con dígito de verificación opcional (`890900608-9`)",
                         "Colombian tax id: digits with optional check digit (`890900608-9`)"),
    ("actores", "departamento"): ("departamento (obligatorio salvo si `nivel` es `nacional`)",
                                  "department (required unless `nivel` is `nacional`)"),
    ("actores", "municipio"): ("municipio", "municipality"),
    ("instancias", "id"): ("identificador de la instancia", "instance identifier"),
    ("instancias", "nombre"): (
        "p. ej. `Subcomisión Departamental de Concertación de Políticas Salariales y "
        "Laborales del Meta`",
        "e.g. `Subcomisión Departamental de Concertación de Políticas Salariales y "
        "Laborales del Meta`"),
    ("instancias", "tipo"): ("tipo de instancia", "kind of instance"),
    ("instancias", "departamento"): ("ámbito territorial; vacío para las redes nacionales",
                                     "territorial scope; empty for national networks"),
    ("instancias", "municipio"): ("ámbito municipal, si lo hay", "municipal scope, if any"),
    ("instancias", "estado"): ("estado de la instancia", "status of the instance"),
    ("instancias", "fecha_creacion"): ("fecha de creación", "date of creation"),
    ("participaciones", "actor"): ("id del actor", "actor id"),
    ("participaciones", "instancia"): ("id de la instancia", "instance id"),
    ("participaciones", "rol"): ("rol del actor en la instancia", "role of the actor"),
    ("participaciones", "desde"): ("inicio de la participación", "start of the participation"),
    ("participaciones", "hasta"): ("fin de la participación; vacío = vigente",
                                   "end of the participation; empty = current"),
    ("acuerdos", "id"): ("identificador del acuerdo", "agreement identifier"),
    ("acuerdos", "nombre"): ("nombre del acuerdo o alianza", "name of the agreement"),
    ("acuerdos", "tema"): ("tema (texto libre)", "theme (free text)"),
    ("acuerdos", "departamento"): ("ámbito territorial", "territorial scope"),
    ("acuerdos", "municipio"): ("ámbito municipal, si lo hay", "municipal scope, if any"),
    ("acuerdos", "fecha_firma"): ("fecha de firma", "date signed"),
    ("acuerdos", "estado"): ("estado del acuerdo", "status of the agreement"),
    ("firmantes", "acuerdo"): ("id del acuerdo", "agreement id"),
    ("firmantes", "actor"): ("id del actor firmante", "id of the signing actor"),
    ("firmantes", "rol"): ("texto libre, p. ej. `lider`, `firmante`, `aliado`",
                           "free text, e.g. `lider`, `firmante`, `aliado`"),
    ("programas", "id"): ("identificador del programa", "programme identifier"),
    ("programas", "nombre"): ("p. ej. `Servicio Público de Empleo`",
                              "e.g. `Servicio Público de Empleo`"),
    ("programas", "entidad"): ("id del actor nacional dueño del programa",
                               "actor id of the national entity that owns it"),
    ("programas", "tema"): ("p. ej. `empleo`, `formalizacion`, `proteccion_vejez`, "
                            "`emprendimiento` (normalizado a snake_case)",
                            "e.g. `empleo`, `formalizacion`, `proteccion_vejez`, "
                            "`emprendimiento` (normalised to snake_case)"),
    ("articulaciones", "programa"): ("id del programa", "programme id"),
    ("articulaciones", "tipo"): (
        "`socializacion` (se presentó en el territorio), `implementacion` (un actor local "
        "lo ejecuta), `retroalimentacion` (actores locales enviaron requerimientos al nivel "
        "central)",
        "`socializacion` (presented in the territory), `implementacion` (a local actor runs "
        "it), `retroalimentacion` (local actors sent requirements back to the central level)"),
    ("articulaciones", "departamento"): ("departamento de la articulación",
                                         "department of the linkage"),
    ("articulaciones", "municipio"): ("municipio, si lo hay", "municipality, if any"),
    ("articulaciones", "actor"): ("id del actor local involucrado, si lo hay",
                                  "local actor involved, if any"),
    ("articulaciones", "evento"): ("id del evento, si ocurrió en uno",
                                   "event id, if it happened at an event"),
    ("articulaciones", "fecha"): ("fecha de la articulación", "date of the linkage"),
    ("instrumentos", "id"): ("identificador del instrumento", "instrument identifier"),
    ("instrumentos", "tipo"): ("tipo de instrumento", "kind of instrument"),
    ("instrumentos", "departamento"): ("departamento del instrumento",
                                       "department of the instrument"),
    ("instrumentos", "municipio"): ("vacío para un instrumento departamental",
                                    "empty for a departmental instrument"),
    ("instrumentos", "nombre"): ("nombre del instrumento", "name of the instrument"),
    ("instrumentos", "estado"): ("estado del instrumento", "status of the instrument"),
    ("instrumentos", "acto_administrativo"): (
        "p. ej. `Ordenanza 045 de 2021`, `Acuerdo 012 de 2020`, `Decreto 0312 de 2022`",
        "e.g. `Ordenanza 045 de 2021`, `Acuerdo 012 de 2020`, `Decreto 0312 de 2022`"),
    ("instrumentos", "fecha"): ("fecha del acto o del estado", "date of the act or status"),
    ("instrumentos", "actor_lider"): ("id del actor que lo lidera",
                                      "actor id of the actor that leads it"),
    ("eventos", "id"): ("identificador del evento", "event identifier"),
    ("eventos", "nombre"): ("nombre del evento", "name of the event"),
    ("eventos", "tipo"): ("tipo de evento", "kind of event"),
    ("eventos", "departamento"): ("departamento del evento", "department of the event"),
    ("eventos", "municipio"): ("municipio del evento", "municipality of the event"),
    ("eventos", "fecha"): ("fecha del evento", "date of the event"),
    ("asistencias", "evento"): ("id del evento", "event id"),
    ("asistencias", "actor"): ("id del actor asistente", "id of the attending actor"),
}

_TYPE_ES = {
    "text": "texto", "id": "identificador", "enum": "vocabulario", "snake": "texto → snake_case",
    "nit": "NIT", "date": "fecha", "int": "entero", "float": "número", "bool": "sí/no",
    "department": "departamento (código DANE o nombre)",
    "municipality": "municipio (código DANE o nombre)", "ref": "referencia",
}
_TYPE_EN = {
    "text": "text", "id": "identifier", "enum": "vocabulary", "snake": "text → snake_case",
    "nit": "NIT", "date": "date", "int": "integer", "float": "number", "bool": "yes/no",
    "department": "department (DANE code or name)",
    "municipality": "municipality (DANE code or name)", "ref": "reference",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an exchange-format file, as the contract states it."""

    name: str
    type: str
    required: bool
    values: tuple[str, ...] = ()  # the allowed values (vocabulary columns)
    vocabulary: str | None = None
    default: str | None = None
    ref: str | None = None  # label an id column refers to
    required_unless: tuple[tuple[str, str], ...] = ()
    meaning_es: str = ""
    meaning_en: str = ""

    @property
    def is_date(self) -> bool:
        return self.type == "date"


@dataclass(frozen=True, slots=True)
class File:
    """One file (CSV) or sheet (``.xlsx``) of the exchange format."""

    name: str
    description: str
    columns: tuple[Column, ...]
    mapping: Mapping

    @property
    def headers(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required(self) -> list[str]:
        return [c.name for c in self.columns if c.required]


def _column(file: str, spec: ColumnSpec) -> Column:
    values = tuple(VOCABULARIES[spec.enum]) if spec.enum else ()
    es, en = MEANINGS.get((file, spec.name), ("", ""))
    return Column(spec.name, spec.type, spec.required, values, spec.enum, spec.default,
                  spec.ref, spec.required_unless, es, en)


@lru_cache(maxsize=1)
def files() -> tuple[File, ...]:
    """The files of the exchange format in load order, each with its columns in the
    mappings' order (the order the template and the export write).

    >>> [len(f.columns) for f in files()]
    [9, 7, 4, 7, 6, 9, 5, 3, 7, 2]
    """
    out = []
    for m in pat_mappings():
        for name in m.files:
            cols = tuple(_column(name, c) for c in m.columns.values())
            out.append(File(name, m.description, cols, m))
    return tuple(out)


def file(name: str) -> File:
    """One file of :func:`files` by name (``actores``).

    >>> file("firmantes").headers
    ['acuerdo', 'actor', 'rol']
    """
    for f in files():
        if f.name == name:
            return f
    raise KeyError(name)


# --------------------------------------------------------------------------- render
def _code(values) -> str:
    return ", ".join(f"`{v}`" for v in values)


def _values_cell(col: Column, lang: str) -> str:
    parts = []
    if col.values:
        parts.append(_code(col.values))
    if col.default:
        parts.append(f"(por defecto `{col.default}`)" if lang == "es"
                     else f"(default `{col.default}`)")
    if col.ref:
        target = next((f.name for f in files() if any(n.label == col.ref for n in f.mapping.nodes)),
                      col.ref)
        parts.append(("un `id` de " if lang == "es" else "an `id` of ") + f"{target}.csv")
    if col.name == "tipo" and col.type == "snake":
        parts.append(("comunes: " if lang == "es" else "common ones: ") + _code(COMMON_ACTOR_KINDS))
    return " ".join(parts)


def _table(f: File, lang: str) -> list[str]:
    es = lang == "es"
    head = ("| columna | tipo | obligatoria | valores | significado |" if es else
            "| column | type | required | values | meaning |")
    lines = [head, "|---|---|---|---|---|"]
    for c in f.columns:
        if c.required:
            req = "**sí**" if es else "**yes**"
        elif c.required_unless:
            cond = ", ".join(f"`{k}` = `{v}`" for k, v in c.required_unless)
            req = f"sí, salvo {cond}" if es else f"yes, unless {cond}"
        else:
            req = "no"
        name = f"**{c.name}**" if c.required else c.name
        kind = (_TYPE_ES if es else _TYPE_EN)[c.type]
        meaning = c.meaning_es if es else c.meaning_en
        lines.append(f"| {name} | {kind} | {req} | {_values_cell(c, lang)} | {meaning} |")
    return lines


def _vocabulary_table(lang: str) -> list[str]:
    es = lang == "es"
    lines = ["| vocabulario | valor | etiqueta |" if es else "| vocabulary | value | label |",
             "|---|---|---|"]
    for name, values in VOCABULARIES.items():
        for value, label in values.items():
            lines.append(f"| {name} | `{value}` | {label} |")
    return lines


_EXCEL_EXAMPLE = "44620"

_ES_INTRO = f"""\
# Contrato de datos: el formato de intercambio PAT

<!-- Generado por `python -m pat_graph.contract > docs/data-contract.md` a partir de
pat_graph/model.py y pat_graph/loaders/pat/*.toml; no lo edite a mano (una prueba lo
compara). -->

Este es el contrato entre quienes llevan los registros del programa PAT y
`pat-graph`. Un equipo PAT lleva su trabajo en hojas de cálculo; este formato es cómo
se ven esas hojas ya ordenadas. `pat-graph load` lo lee desde

- una carpeta de archivos CSV con los nombres de abajo (`actores.csv`, …), o
- un libro `.xlsx` cuyas hojas llevan esos nombres (sin `.csv`).

`pat-graph plantilla -o plantilla.xlsx` escribe un libro vacío para llenar, con listas
desplegables; `pat-graph export --formato pat -o carpeta/` (o `-o registros.xlsx`)
devuelve los registros del almacén en este mismo formato, para corregirlos en Excel y
volver a cargarlos.

Otros formatos (un directorio de cámaras de comercio, una exportación de un
ministerio) entran con correspondencias declarativas (`loaders/*.toml`,
`docs/mappings.md`); este formato es la correspondencia por defecto.

## Reglas de lectura

- **Codificación**: UTF-8 (con o sin BOM) y Windows-1252 / Latin-1, que es lo que
  escribe Excel en Colombia. Se detecta sola.
- **Separador**: `,`, `;` (Excel en español) o tabulador. Se detecta en la primera línea.
- **Encabezados**: mayúsculas, tildes, espacios alrededor y `-`/espacio frente a `_` no
  importan (`Fecha_Creación`, `fecha creacion` y `FECHA-CREACION` son la misma
  columna). Las columnas se buscan por nombre, nunca por posición.
- **Fechas**: `AAAA-MM-DD` (también con `/` o `.`, y con hora `AAAA-MM-DD HH:MM`),
  `DD/MM/AAAA` y `D/M/AAAA` (también con `-` o `.`), `AAAA-MM` (día 1), un año solo
  (`2023` = 1 de enero), celdas de fecha de Excel y números de serie de Excel
  (`{_EXCEL_EXAMPLE}` = 28/02/2022; día 0 = {EXCEL_EPOCH:%d/%m/%Y}). Años entre
  {MIN_YEAR} y {MAX_YEAR}. Una fecha que no existe (`31/02/2024`) rechaza la fila.
- **Números**: el NIT se escribe con dígitos y dígito de verificación opcional; puntos
  y espacios se quitan (`890.900.608-9` = `890900608-9`).
- **Territorios**: por código DANE (`05`, `5`, `05001`, `5001`) o por nombre
  (`Antioquia`, `ANTIOQUIA`, `Bogotá D.C.`, `San Andrés`), contra la DIVIPOLA que trae
  el paquete (33 departamentos, 1.122 municipios y áreas no municipalizadas). Un
  nombre desconocido o ambiguo rechaza la fila y nombra los candidatos; el
  departamento desambigua el municipio (`Barbosa` está en Antioquia y en Santander).
  Con solo el municipio, el departamento se deduce.
- **Vocabularios** (tipo *vocabulario*): se aceptan los valores listados o su etiqueta
  en español (`Secretaría técnica` = `secretaria_tecnica`), sin importar mayúsculas ni
  tildes; otro valor rechaza la fila y lista los válidos.
- **Identificadores**: cada registro con `id` se identifica por él (texto, se
  conserva tal cual: `A-0001`, `05-INS-3`). Una *referencia* (`actor`, `instancia`,
  `entidad`, …) debe nombrar un id de la misma carga o del almacén; si no, la fila se
  rechaza y dice por qué. Los territorios se identifican solo por su código DANE.
- **Una fila mala nunca detiene las buenas ni se pierde en silencio**: la carga
  termina con un informe de cada fila rechazada como `archivo:línea columna: motivo`
  (`--rechazos r.csv` las escribe todas) y estado de salida 3 (salvo
  `--aceptar-rechazos`).
- **Cargar dos veces los mismos archivos no cambia nada** (idempotente).
- **Filas de ejemplo**: una fila cuya primera celda empieza por `{EXAMPLE_PREFIX}`
  (p. ej. `{EXAMPLE_PREFIX}-A-0001`) es un ejemplo de la plantilla: no se carga y el
  informe solo la cuenta. Las hojas {", ".join(f"`{s.capitalize()}`" for s in AUXILIARY_SHEETS)}
  de la plantilla tampoco se cargan.
- **Procedencia**: cada nodo y relación guarda el archivo (solo el nombre), la línea
  o fila de la hoja y la fecha de la carga.

## Archivos

Las columnas obligatorias van en **negrita**. Orden de carga: el de la lista.
"""

_EN_INTRO = f"""\
# Data contract: the PAT exchange format (English)

The contract between the people who keep the PAT programme's records and `pat-graph`,
the same as above. `pat-graph load` reads a folder of CSV files named as below or one
`.xlsx` workbook whose sheets carry those names. `pat-graph plantilla -o
plantilla.xlsx` writes an empty workbook to fill in; `pat-graph export --formato pat`
writes the store's records back in this format (export, edit in Excel, reload).

## Reading rules

- Encoding UTF-8 (BOM or not) or Windows-1252; delimiter `,`, `;` or tab; both detected.
- Headers: case, accents, surrounding spaces and `-`/space vs `_` do not matter.
- Dates: `YYYY-MM-DD` (also `/` or `.`, with an optional time), `DD/MM/YYYY`, `D/M/YYYY`,
  `YYYY-MM`, a bare year, Excel date cells and Excel serial numbers (`{_EXCEL_EXAMPLE}` is
  2022-02-28); years {MIN_YEAR}–{MAX_YEAR}.
- NIT: digits with optional check digit, dots and spaces removed.
- Territories by DANE code or name against the shipped DIVIPOLA; unknown or ambiguous
  names reject the row and name the candidates.
- Vocabulary columns accept the listed values or their Spanish labels, case- and
  accent-insensitively; anything else rejects the row.
- Identifiers: records with an `id` are identified by it; a reference must name an id of
  the same load or of the store.
- A bad row never stops the good ones and is never silently dropped
  (`file:line column: reason`, exit status 3 unless `--aceptar-rechazos`). Loading the
  same files twice changes nothing.
- Example rows: a row whose first cell starts with `{EXAMPLE_PREFIX}` is a template example,
  not loaded (only counted); the template's sheets
  {", ".join(f"`{s.capitalize()}`" for s in AUXILIARY_SHEETS)} are not loaded either.

## Files

Required columns are **bold**.
"""


def render() -> str:
    """The whole ``docs/data-contract.md``: Spanish first, English after.

    >>> text = render()
    >>> text.startswith("# Contrato de datos"), "`subcomision_concertacion`" in text
    (True, True)
    """
    out = [_ES_INTRO]
    for f in files():
        made = [f"nodos {LABEL_ES[n.label]}" for n in f.mapping.nodes]
        made += [f"{REL_ES[e.type]} (`{e.type}`)" for e in f.mapping.edges]
        out += [f"### {f.name}.csv — {f.description}", "", f"Produce: {'; '.join(made)}.", ""]
        out += _table(f, "es") + [""]
    out += ["## Vocabularios", "", "Valores guardados y su etiqueta en español "
            "(ambos se aceptan al cargar).", ""]
    out += _vocabulary_table("es") + ["", ""]
    out.append(_EN_INTRO)
    for f in files():
        out += [f"### {f.name}.csv", ""] + _table(f, "en") + [""]
    out += ["## Vocabularies", ""] + _vocabulary_table("en")
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover - python -m pat_graph.contract
    import sys

    sys.stdout.write(render())
