"""``pat-graph plantilla``: the Excel workbook analysts fill in, built from the contract.

One sheet per exchange-format file (:func:`pat_graph.contract.files`) with its headers
(required ones bold, each with a note saying what it holds), frozen and filterable; an
``Instrucciones`` sheet first; dropdown lists (data validation) for every vocabulary
column (values from :data:`pat_graph.model.VOCABULARIES`, on the ``Listas`` sheet),
for departments and municipalities (the 33 departments and 1,122 DIVIPOLA entries with
their DANE codes, on the ``Territorios`` sheet) and for references (the ids of the
sheet they point at); date columns formatted ``DD/MM/AAAA``; code columns as text (so
``05`` stays ``05``). A few example rows, marked by a first cell ``EJEMPLO-…``, show
how a row looks: the loader skips them and the helper sheets
(:mod:`pat_graph.ingest.examples`), so the untouched template loads nothing and
reports nothing wrong, and a filled one loads as it is.

The ``pat`` export (:func:`pat_graph.exchange.write_exchange`) writes its workbook
with :func:`workbook` too, so an exported workbook has the same lists.

>>> wb = workbook()
>>> wb.sheetnames[:3], wb.sheetnames[-2:]
(['Instrucciones', 'actores', 'instancias'], ['Territorios', 'Listas'])
>>> [c.value for c in wb["firmantes"][1]]
['acuerdo', 'actor', 'rol']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pat_graph import contract
from pat_graph.atomic import atomic_path
from pat_graph.errors import InputError
from pat_graph.ingest.examples import EXAMPLE_PREFIX
from pat_graph.model import DISPLAY_ES, VOCABULARIES, VOCABULARY_ES
from pat_graph.territories import reference

INSTRUCTIONS = "Instrucciones"
TERRITORIES = "Territorios"
LISTS = "Listas"
#: Rows of each sheet that get the dropdown lists and formats (beyond the records given).
BLANK_ROWS = 2000
DATE_FORMAT = "DD/MM/YYYY"
_TEXT_TYPES = ("id", "ref", "department", "municipality", "nit")
_HEADER_FILL = "DDEBF7"
_REQUIRED_FILL = "F8CBAD"

#: The example rows (one story: the Meta's Subcomisión, its members and an agreement).
EXAMPLES: dict[str, list[dict[str, Any]]] = {
    "actores": [
        {"id": f"{EXAMPLE_PREFIX}-A-0001", "nombre": "Gobernación del Meta", "sector": "publico",
         "tipo": "gobernacion", "nivel": "departamental", "nit": "892000148-8",
         "departamento": "Meta", "municipio": "Villavicencio"},
        {"id": f"{EXAMPLE_PREFIX}-A-0002", "nombre": "Cámara de Comercio de Villavicencio",
         "sigla": "CCV", "sector": "privado", "tipo": "camara_comercio",
         "nivel": "departamental", "departamento": "50"},
    ],
    "instancias": [
        {"id": f"{EXAMPLE_PREFIX}-I-0001",
         "nombre": "Subcomisión Departamental de Concertación del Meta",
         "tipo": "subcomision_concertacion", "departamento": "Meta", "estado": "activa",
         "fecha_creacion": dt.date(2019, 3, 15)},
    ],
    "participaciones": [
        {"actor": f"{EXAMPLE_PREFIX}-A-0001", "instancia": f"{EXAMPLE_PREFIX}-I-0001",
         "rol": "presidencia", "desde": dt.date(2019, 3, 15)},
        {"actor": f"{EXAMPLE_PREFIX}-A-0002", "instancia": f"{EXAMPLE_PREFIX}-I-0001",
         "rol": "miembro", "desde": dt.date(2020, 1, 1)},
    ],
    "acuerdos": [
        {"id": f"{EXAMPLE_PREFIX}-AC-0001", "nombre": "Alianza por el empleo juvenil del Meta",
         "tema": "empleo", "departamento": "Meta", "fecha_firma": dt.date(2023, 6, 1),
         "estado": "firmado"},
    ],
    "firmantes": [
        {"acuerdo": f"{EXAMPLE_PREFIX}-AC-0001", "actor": f"{EXAMPLE_PREFIX}-A-0001",
         "rol": "lider"},
    ],
    "programas": [
        {"id": f"{EXAMPLE_PREFIX}-P-0001", "nombre": "Servicio Público de Empleo",
         "entidad": f"{EXAMPLE_PREFIX}-A-0001", "tema": "empleo"},
    ],
    "articulaciones": [
        {"programa": f"{EXAMPLE_PREFIX}-P-0001", "tipo": "socializacion",
         "departamento": "Meta", "municipio": "Villavicencio", "fecha": dt.date(2024, 2, 20)},
    ],
    "instrumentos": [
        {"id": f"{EXAMPLE_PREFIX}-IN-0001", "tipo": "politica_publica_trabajo_decente",
         "departamento": "Meta", "nombre": "Política pública de trabajo decente del Meta",
         "estado": "adoptado", "acto_administrativo": "Ordenanza 045 de 2021",
         "fecha": dt.date(2021, 11, 30), "actor_lider": f"{EXAMPLE_PREFIX}-A-0001"},
    ],
    "eventos": [
        {"id": f"{EXAMPLE_PREFIX}-E-0001", "nombre": "Socialización de oferta en Villavicencio",
         "tipo": "socializacion_oferta", "departamento": "Meta",
         "municipio": "Villavicencio", "fecha": dt.date(2024, 2, 20)},
    ],
    "asistencias": [
        {"evento": f"{EXAMPLE_PREFIX}-E-0001", "actor": f"{EXAMPLE_PREFIX}-A-0002"},
    ],
}


def _col(i: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(i)


def _instructions(ws) -> None:
    from openpyxl.styles import Font

    lines = [
        ("Plantilla del formato de intercambio PAT (pat-graph)", "title"),
        ("", ""),
        ("Cómo llenarla", "h"),
        ("1. Una fila por registro en la hoja de su archivo (actores, instancias, …). "
         "No cambie los encabezados ni el nombre de las hojas.", ""),
        ("2. Las columnas con encabezado en rojo son obligatorias. Pase el cursor sobre un "
         "encabezado para ver qué lleva.", ""),
        ("3. Las columnas de vocabulario, departamento y municipio tienen lista desplegable. "
         "Departamento y municipio aceptan también el código DANE (05, 05001).", ""),
        ("4. Las fechas van como fecha de Excel (DD/MM/AAAA); también se aceptan "
         "AAAA-MM-DD y un año solo.", ""),
        ("5. Las columnas actor, instancia, acuerdo, programa, evento, entidad y "
         "actor_lider llevan el id de un registro de otra hoja (o ya cargado).", ""),
        (f"6. Las filas cuya primera celda empieza por {EXAMPLE_PREFIX} son ejemplos: no "
         "se cargan. Bórrelas o déjelas; para usar una, cambie su id.", ""),
        ("7. Cargue el libro con: pat-graph load plantilla.xlsx --simular (valida sin "
         "escribir) y luego sin --simular.", ""),
        (f"Las hojas {INSTRUCTIONS}, {TERRITORIES} y {LISTS} no se cargan. El contrato "
         "completo está en docs/data-contract.md del proyecto.", ""),
        ("", ""),
        ("Hojas", "h"),
    ]
    for f in contract.files():
        req = ", ".join(f.required) or "-"
        lines.append((f"{f.name}: {f.description}. Obligatorias: {req}.", ""))
    for i, (text, kind) in enumerate(lines, start=1):
        cell = ws.cell(row=i, column=1, value=text)
        if kind == "title":
            cell.font = Font(bold=True, size=14)
        elif kind == "h":
            cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 120


def _territories(ws) -> tuple[str, str]:
    """The DIVIPOLA lists; returns the ranges of department and municipality names."""
    from openpyxl.styles import Font

    ref = reference()
    heads = ["codigo_departamento", "departamento", "", "codigo_municipio", "municipio",
             "departamento_del_municipio"]
    for j, h in enumerate(heads, start=1):
        ws.cell(row=1, column=j, value=h or None).font = Font(bold=True)
    depts = sorted(ref.departments.values(), key=lambda d: d.code)
    for i, d in enumerate(depts, start=2):
        ws.cell(row=i, column=1, value=d.code)
        ws.cell(row=i, column=2, value=d.name)
    muns = sorted(ref.municipalities.values(), key=lambda m: m.code)
    for i, m in enumerate(muns, start=2):
        ws.cell(row=i, column=4, value=m.code)
        ws.cell(row=i, column=5, value=m.name)
        ws.cell(row=i, column=6, value=ref.departments[m.department_code].name)
    for letter, width in zip("ABCDEF", (20, 34, 3, 17, 36, 34), strict=True):
        ws.column_dimensions[letter].width = width
        ws.column_dimensions[letter].number_format = "@"
    ws.freeze_panes = "A2"
    return (f"'{TERRITORIES}'!$B$2:$B${len(depts) + 1}",
            f"'{TERRITORIES}'!$E$2:$E${len(muns) + 1}")


#: Free-text columns whose usual values get a dropdown that still accepts other text
#: (``(file, column)`` -> display vocabulary of :data:`pat_graph.model.DISPLAY_ES`).
SUGGESTED: dict[tuple[str, str], str] = {
    ("actores", "tipo"): "actor_kind", ("programas", "tema"): "agreement_theme",
    ("acuerdos", "tema"): "agreement_theme", ("firmantes", "rol"): "signatory_role",
}


def _lists(ws) -> dict[str, str]:
    """The vocabularies (code and Spanish label, Spanish headers), then the usual values
    of the free-text columns of :data:`SUGGESTED`; returns vocabulary -> range of codes."""
    from openpyxl.styles import Font

    ranges = {}
    lists = {**VOCABULARIES, **{v: DISPLAY_ES[v] for v in dict.fromkeys(SUGGESTED.values())}}
    for j, (name, values) in enumerate(lists.items()):
        vcol, lcol = 2 * j + 1, 2 * j + 2
        head = VOCABULARY_ES.get(name, name)
        ws.cell(row=1, column=vcol, value=f"{head} (código)").font = Font(bold=True)
        ws.cell(row=1, column=lcol, value=f"{head} (nombre)").font = Font(bold=True)
        for i, (value, label) in enumerate(values.items(), start=2):
            ws.cell(row=i, column=vcol, value=value)
            ws.cell(row=i, column=lcol, value=label)
        ranges[name] = f"'{LISTS}'!${_col(vcol)}$2:${_col(vcol)}${len(values) + 1}"
        ws.column_dimensions[_col(vcol)].width = max(len(head) + 11, *map(len, values)) + 2
        ws.column_dimensions[_col(lcol)].width = max(len(head) + 11,
                                                     *map(len, values.values())) + 2
    ws.freeze_panes = "A2"
    return ranges


def _note(col: contract.Column) -> str:
    parts = [col.meaning_es]
    if col.values:
        parts.append("Valores: " + ", ".join(col.values))
    if col.default:
        parts.append(f"Por defecto: {col.default}")
    parts.append("Obligatoria." if col.required else "Opcional.")
    return "\n".join(p for p in parts if p)


def _data_sheet(ws, f: contract.File, rows: Sequence[Mapping[str, Any]], extra: Sequence[str],
                vocab_ranges: dict[str, str], dept_range: str, mun_range: str,
                id_ranges: dict[str, str], example: bool) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    cols = [*f.columns, *extra]
    last = max(len(rows) + 1, 1) + BLANK_ROWS
    for j, col in enumerate(cols, start=1):
        name = col if isinstance(col, str) else col.name
        cell = ws.cell(row=1, column=j, value=name)
        required = not isinstance(col, str) and col.required
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=_REQUIRED_FILL if required else _HEADER_FILL)
        letter = _col(j)
        if isinstance(col, str):
            cell.comment = Comment("Propiedad sin columna en el contrato (se conserva).",
                                   "pat-graph")
            ws.column_dimensions[letter].width = max(len(name) + 4, 14)
            continue
        cell.comment = Comment(_note(col), "pat-graph", width=320, height=140)
        wide = col.name in ("nombre", "acto_administrativo")
        ws.column_dimensions[letter].width = 45 if wide else max(len(col.name) + 6, 16)
        if col.is_date:
            ws.column_dimensions[letter].number_format = DATE_FORMAT
        elif col.type in _TEXT_TYPES:
            ws.column_dimensions[letter].number_format = "@"
        where = f"{letter}2:{letter}{last}"
        source, style = None, "stop"
        suggested = SUGGESTED.get((f.name, col.name))
        if col.vocabulary:
            source = vocab_ranges[col.vocabulary]
        elif suggested:  # usual values; another text is accepted (with a warning)
            source, style = vocab_ranges[suggested], "warning"
        elif col.type == "department":
            source, style = dept_range, "warning"  # a DANE code is fine too
        elif col.type == "municipality":
            source, style = mun_range, "warning"
        elif col.ref and col.ref in id_ranges:
            source, style = id_ranges[col.ref], "warning"  # or an id already in the store
        if source:
            dv = DataValidation(type="list", formula1=f"={source}", allow_blank=True,
                                errorStyle=style, showErrorMessage=True,
                                errorTitle=col.name,
                                error=("Valor fuera de la lista: " + ", ".join(col.values))
                                if col.values else "Valor fuera de la lista"
                                + (" (se acepta si no está entre los habituales)"
                                   if suggested else ""))
            dv.add(where)
            ws.add_data_validation(dv)
    grey = Font(italic=True, color="808080")
    for i, row in enumerate(rows, start=2):
        for j, col in enumerate(cols, start=1):
            name = col if isinstance(col, str) else col.name
            value = row.get(name)
            if value is None or value == "":
                continue
            cell = ws.cell(row=i, column=j, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT if not isinstance(value, dt.datetime) \
                    else DATE_FORMAT + " HH:MM"
            elif not isinstance(col, str) and col.type in _TEXT_TYPES:
                cell.number_format = "@"
            if example:
                cell.font = grey
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{_col(len(cols))}1"


def workbook(records: Mapping[str, Sequence[Mapping[str, Any]]] | None = None, *,
             extra_columns: Mapping[str, Sequence[str]] | None = None,
             examples: bool = True):
    """The template as an :class:`openpyxl.Workbook`: with ``records`` (``{file: rows}``,
    dates as ``date``) their rows, else the example rows (when ``examples``).

    >>> wb = workbook()
    >>> wb["actores"]["A2"].value, wb["actores"].freeze_panes
    ('EJEMPLO-A-0001', 'A2')
    """
    try:
        import openpyxl
    except ImportError as err:  # pragma: no cover - declared dependency
        raise InputError("para escribir .xlsx instale openpyxl: pip install openpyxl") from err
    wb = openpyxl.Workbook()
    _instructions(wb.active)
    wb.active.title = INSTRUCTIONS
    sheets = {f.name: wb.create_sheet(f.name) for f in contract.files()}
    dept_range, mun_range = _territories(wb.create_sheet(TERRITORIES))
    vocab_ranges = _lists(wb.create_sheet(LISTS))
    last = BLANK_ROWS + 1 + max((len(r) for r in (records or {}).values()), default=0)
    id_ranges = {f.mapping.nodes[0].label: f"'{f.name}'!$A$2:$A${last}"
                 for f in contract.files() if f.mapping.nodes and f.headers[0] == "id"}
    for f in contract.files():
        rows = (records or {}).get(f.name, [])
        example = records is None and examples
        if example:
            rows = EXAMPLES.get(f.name, [])
        _data_sheet(sheets[f.name], f, rows, list((extra_columns or {}).get(f.name, ())),
                    vocab_ranges, dept_range, mun_range, id_ranges, example)
    return wb


def save_workbook(wb, path: str | Path) -> Path:
    """Save ``wb`` to ``path`` under a temporary name renamed when complete."""
    target = Path(path)
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def write_template(path: str | Path, *, examples: bool = True) -> Path:
    """Write the template workbook to ``path`` (``.xlsx``).

    >>> import tempfile, pathlib
    >>> p = write_template(pathlib.Path(tempfile.mkdtemp()) / "plantilla.xlsx")
    >>> p.stat().st_size > 10_000
    True
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise InputError(f"{target.name}: la plantilla es un libro .xlsx (-o plantilla.xlsx)")
    return save_workbook(workbook(examples=examples), target)
