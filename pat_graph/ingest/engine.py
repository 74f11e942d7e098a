"""Applying mappings to tables: validate every cell, resolve territories and
references, build records with provenance, and collect every rejected row.

A bad row never stops the good ones and is never silently dropped: it becomes
a :class:`Reject` (``file:line column: reason``). References are checked
against the ids of this load and of the store, repeatedly, so that a row
pointing at a rejected row is rejected too (and says why).

Headers and vocabulary values are matched through the synonyms table
(:mod:`pat_graph.ingest.synonyms`). What is not understood is a
:class:`Warning_`, never dropped in silence: a column no mapping knows (kept
as an extra property, with the closest known column), an actor kind pat-graph
does not know (kept as written, with the known list). With ``strict`` every
warning rejects its row instead.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from pat_graph.dates import DateError, parse_date
from pat_graph.identity import ActorView, known_distinct, split_nit
from pat_graph.ingest.mapping import RESERVED_PROPERTIES, ColumnSpec, Mapping
from pat_graph.ingest.reading import Table
from pat_graph.ingest.synonyms import (
    FREE_TEXT_COLUMNS,
    actor_kind,
    closest_actor_kind,
    closest_column,
    header_index,
    hint,
    known_actor_kinds,
    lookup_header,
)
from pat_graph.ingest.values import (
    ValueProblem,
    clean_text,
    parse_bool,
    parse_enum,
    parse_float,
    parse_int,
    parse_nit,
    to_snake,
)
from pat_graph.model import ACTOR, KEY_PROPERTY, LABEL_ES, EdgeRecord, NodeRecord, RecordBatch
from pat_graph.tables import show_invisible
from pat_graph.territories import TerritoryError, reference
from pat_graph.text import fold


@dataclass(frozen=True, slots=True)
class Reject:
    """One rejected row (a row may have several): ``file:line column: reason``."""

    source: str
    line: int
    column: str
    reason: str

    def __str__(self) -> str:  # line 0: about the whole file
        col = f" {self.column}" if self.column else ""
        line = f":{self.line}" if self.line else ""
        return f"{self.source}{line}{col}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Warning_:
    """Something worth a look that does not reject the row (e.g. a probable duplicate)."""

    source: str
    line: int
    column: str
    message: str

    def __str__(self) -> str:  # line 0: about the whole file
        col = f" {self.column}" if self.column else ""
        line = f":{self.line}" if self.line else ""
        return f"{self.source}{line}{col}: {self.message}"


@dataclass(slots=True)
class TableReport:
    source: str
    mapping: str
    rows: int = 0
    accepted: int = 0
    encoding: str = ""
    delimiter: str = ""
    lines: int = 0  # physical lines after the header: in rows (accepted or rejected) or blank
    blank: int = 0

    @property
    def rejected(self) -> int:
        return self.rows - self.accepted


@dataclass(slots=True)
class ParsedRow:
    table: Table
    mapping: Mapping
    line: int
    values: dict[str, Any]
    extras: dict[str, str]
    problems: list[Reject] = field(default_factory=list)
    node_keys: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)  # raw headers with a value here

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass(slots=True)
class Extraction:
    """The result of reading tables through mappings, before any store is touched."""

    batch: RecordBatch
    rejects: list[Reject]
    warnings: list[Warning_]
    tables: list[TableReport]
    examples: int = 0  # template example rows left out before extraction
    notes: list[str] = field(default_factory=list)  # files not read on purpose, said so


def _parse_cell(col: ColumnSpec, raw: Any) -> Any:
    t = col.type
    if t in ("text",):
        return clean_text(raw)
    if t in ("id", "ref"):
        return clean_text(raw)
    if t == "enum":
        assert col.enum is not None
        return parse_enum(raw, col.enum)
    if t == "snake":
        return to_snake(raw)
    if t == "nit":
        return parse_nit(raw)
    if t == "date":
        return parse_date(raw)
    if t == "int":
        return parse_int(raw)
    if t == "float":
        return parse_float(raw)
    if t == "bool":
        return parse_bool(raw)
    return clean_text(raw)  # department / municipality resolved afterwards


def _is_empty(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def is_pat(mapping: Mapping) -> bool:
    """Whether ``mapping`` is one of the exchange format's (``loaders/pat/``)."""
    return mapping.origin.replace("\\", "/").startswith("loaders/pat/")


def _synonym_index(mapping: Mapping) -> dict[str, str]:
    """Compared header (:func:`~pat_graph.ingest.synonyms.key`) -> column: the table's
    forms of the mapping's columns (its file's section only for the exchange format)."""
    return header_index(mapping.name if is_pat(mapping) else "*", tuple(mapping.columns))


def _actor_kind_columns(mapping: Mapping) -> set[str]:
    """Free-text (``snake``) columns that give an Actor its ``kind``."""
    out: set[str] = set()
    for spec in mapping.nodes:
        if spec.label != ACTOR:
            continue
        for prop, expr in spec.properties:
            if prop == "kind":
                out.update(c for c in expr.columns()
                           if c in mapping.columns and mapping.columns[c].type == "snake")
    return out


def unknown_column_message(raw_header: str, mapping: Mapping, synonyms: dict[str, str]) -> str:
    """The warning for a header no column of ``mapping`` answers to.

    >>> from pat_graph.ingest.mapping import pat_mappings
    >>> acuerdos = next(m for m in pat_mappings() if m.name == "acuerdos")
    >>> unknown_column_message("Fecha de firmaa", acuerdos, _synonym_index(acuerdos))
    "columna 'Fecha de firmaa' no reconocida; ¿quiso decir fecha_firma? (se guarda como propiedad 'fecha_de_firmaa')"
    """
    text = f"columna '{raw_header}' no reconocida"
    advice = hint(raw_header)
    closest = None if advice else closest_column(raw_header, synonyms)
    if advice:
        text += f": {advice}"
    elif closest:
        text += f"; ¿quiso decir {closest}?"
    else:
        text += f"; columnas de {mapping.name}: {', '.join(mapping.columns)}"
    if mapping.extras == "ignore":
        return text + " (se ignora)"
    return text + f" (se guarda como propiedad '{fold(raw_header, sep='_')}')"


def parse_table(
    table: Table, mapping: Mapping
) -> tuple[list[ParsedRow], list[Reject], list[Warning_]]:
    """Validate every row of ``table`` against ``mapping`` (references not yet checked).

    Returns the rows, the file's own problems (a repeated column) and its warnings
    (a column that no column of the mapping answers to)."""
    header_index = mapping.column_for_header()
    synonyms = _synonym_index(mapping)
    col_positions: dict[str, int] = {}
    extra_positions: dict[str, int] = {}
    unknown_positions: dict[int, str] = {}  # position -> raw header
    file_problems: list[Reject] = []
    file_warnings: list[Warning_] = []
    for pos, header in enumerate(table.headers):
        if not header:
            continue
        raw_header = table.raw_headers[pos]
        name = header_index.get(header) or lookup_header(synonyms, raw_header)
        if name in FREE_TEXT_COLUMNS and name not in mapping.columns:
            header, name = name, None  # a known free-text column: an extra, no warning
        elif name is None and is_pat(mapping):  # other mappings declare their extras
            file_warnings.append(Warning_(table.source, 1, raw_header,
                                          unknown_column_message(raw_header, mapping, synonyms)))
            unknown_positions[pos] = raw_header
        if name is not None:
            if name in col_positions:
                file_problems.append(Reject(table.source, 1, table.raw_headers[pos],
                                            f"columna repetida ('{name}')"))
                continue
            col_positions[name] = pos
        elif header in extra_positions:
            file_problems.append(Reject(table.source, 1, table.raw_headers[pos],
                                        "columna repetida"))
        else:
            extra_positions[header] = pos
    missing_required = [c.name for c in mapping.columns.values()
                        if c.required and c.name not in col_positions]
    kind_columns = _actor_kind_columns(mapping)
    ref = reference()
    parsed: list[ParsedRow] = []
    width = len(table.headers)
    for row in table.rows:
        values: dict[str, Any] = {}
        problems: list[Reject] = []
        failed: set[str] = set()
        cells = row.values
        if row.problem:  # unreadable row: its cells mean nothing, one reason is enough
            parsed.append(ParsedRow(table, mapping, row.line, {}, {},
                                    [Reject(table.source, row.line, "", row.problem)]))
            continue
        if len(cells) > width and any(not _is_empty(c) for c in cells[width:]):
            problems.append(Reject(table.source, row.line, "",
                                   f"la fila tiene {len(cells)} campos y el encabezado {width}"))
        for name in missing_required:
            problems.append(Reject(table.source, row.line, name,
                                   "falta la columna obligatoria en el archivo"))
        raw_values = {name: (cells[pos] if pos < len(cells) else "")
                      for name, pos in col_positions.items()}
        warnings: list[Warning_] = []
        for name, col in mapping.columns.items():
            raw = col.recoded(raw_values.get(name, ""))
            if _is_empty(raw):
                if col.default is not None:
                    values[name] = col.default
                continue
            if col.type in ("department", "municipality"):
                values[name] = clean_text(raw)
                continue
            if name in kind_columns:
                kind = actor_kind(raw)
                if kind is None and to_snake_or_none(raw) is not None:
                    warnings.append(Warning_(table.source, row.line, name,
                                             unknown_kind_message(raw)))
                if kind is not None:
                    values[name] = kind
                    continue
            try:
                values[name] = _parse_cell(col, raw)
            except (ValueProblem, DateError) as err:
                problems.append(Reject(table.source, row.line, name, str(err)))
                failed.add(name)
        # conditional requirements
        for name, col in mapping.columns.items():
            if name in values or name in missing_required or name in failed:
                continue
            if col.required:
                problems.append(Reject(table.source, row.line, name, "valor obligatorio vacío"))
            elif col.required_unless and not any(
                values.get(dep) == wanted for dep, wanted in col.required_unless
            ):
                cond = " o ".join(f"{d} es '{w}'" for d, w in col.required_unless)
                problems.append(Reject(table.source, row.line, name,
                                       f"valor obligatorio vacío (salvo si {cond})"))
        # territories: departments first, then municipalities in their department's context
        for name, col in mapping.columns.items():
            if col.type == "department" and name in values:
                try:
                    values[name] = ref.resolve_department(str(values[name]))
                except TerritoryError as err:
                    problems.append(Reject(table.source, row.line, name, str(err)))
                    values[name] = None
        for name, col in mapping.columns.items():
            if col.type != "municipality" or name not in values:
                continue
            dept_col = col.department
            dept = values.get(dept_col) if dept_col else None
            if dept_col and dept is None and dept_col in values:
                values[name] = None  # department already rejected
                continue
            try:
                code = ref.resolve_municipality(str(values[name]), dept)
            except TerritoryError as err:
                problems.append(Reject(table.source, row.line, name, str(err)))
                values[name] = None
                continue
            values[name] = code
            if dept_col and not dept:
                values[dept_col] = ref.municipalities[code].department_code
        extras = {}
        for header, pos in extra_positions.items():
            if pos < len(cells) and not _is_empty(cells[pos]):
                extras[header] = clean_text(cells[pos])
        unknown = [h for pos, h in unknown_positions.items()
                   if pos < len(cells) and not _is_empty(cells[pos])]
        parsed.append(ParsedRow(table, mapping, row.line, values, extras, problems,
                                warnings=warnings, unknown_columns=unknown))
    return parsed, file_problems, file_warnings


def to_snake_or_none(raw: object) -> str | None:
    """``raw`` in snake_case, or ``None`` when nothing is left (the parser says why)."""
    try:
        return to_snake(raw)
    except ValueProblem:
        return None


def unknown_kind_message(raw: object) -> str:
    """The warning for an actor kind that pat-graph does not know (kept as written).

    >>> unknown_kind_message("Cámara de comercioo")[:110]
    "tipo de actor 'Cámara de comercioo' no reconocido; ¿quiso decir camara_comercio?; se guarda como 'camara_de_co"
    """
    text = f"tipo de actor '{str(raw).strip()}' no reconocido"
    closest = closest_actor_kind(raw)
    if closest:
        text += f"; ¿quiso decir {closest}?"
    return (text + f"; se guarda como '{to_snake(raw)}'. Tipos conocidos: "
            + ", ".join(known_actor_kinds()))


def _node_keys(row: ParsedRow) -> list[tuple[str, str]]:
    keys = []
    for spec in row.mapping.nodes:
        key = spec.key.evaluate(row.values)
        if key not in (None, ""):
            keys.append((spec.label, str(key)))
    return keys


def check_references(
    rows: list[ParsedRow], existing: Callable[[str], set[str]]
) -> None:
    """Reject duplicate ids and references to ids that neither this load nor the
    store has; repeat until no row changes (a row pointing at a rejected row is rejected)."""
    defined: dict[tuple[str, str], ParsedRow] = {}
    for row in rows:
        if not row.ok:
            continue
        keys = _node_keys(row)
        for lk in keys:
            first = defined.get(lk)
            if first is not None:
                row.problems.append(Reject(
                    row.table.source, row.line, row.mapping.nodes[0].key.alternatives[0][1],
                    f"id '{show_invisible(lk[1])}' repetido (ya definido en "
                    f"{first.table.source}:{first.line})",
                ))
        if row.ok:
            row.node_keys = keys
            for lk in keys:
                defined[lk] = row
    store_keys: dict[str, set[str]] = {}

    def known(label: str, key: str) -> bool:
        if (label, key) in defined:
            return True
        if label not in store_keys:
            store_keys[label] = existing(label)
        return key in store_keys[label]

    rejected_ids: dict[tuple[str, str], ParsedRow] = {}
    for row in rows:
        if not row.ok:
            for lk in _node_keys(row):
                rejected_ids.setdefault(lk, row)
    changed = True
    while changed:
        changed = False
        for row in rows:
            if not row.ok:
                continue
            for name, col in row.mapping.columns.items():
                if col.type != "ref" or not row.values.get(name):
                    continue
                assert col.ref is not None
                key = str(row.values[name])
                if known(col.ref, key):
                    continue
                why = rejected_ids.get((col.ref, key))
                extra = f" (su fila fue rechazada: {why.table.source}:{why.line})" if why else ""
                row.problems.append(Reject(row.table.source, row.line, name,
                                           f"{LABEL_ES.get(col.ref, col.ref).lower()} "
                                           f"'{show_invisible(key)}' no "
                                           f"existe{extra}"))
            if not row.ok:
                changed = True
                for lk in row.node_keys:
                    defined.pop(lk, None)
                    rejected_ids.setdefault(lk, row)


def _props(specs, values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for prop, expr in specs:
        v = expr.evaluate(values)
        if v not in (None, ""):
            out[prop] = v
    return out


def build_records(rows: Iterable[ParsedRow]) -> RecordBatch:
    """Records of every accepted row, with provenance (file name and line)."""
    batch = RecordBatch()
    for row in rows:
        if not row.ok:
            continue
        source = row.table.source
        extras_target = row.mapping.extras
        if extras_target == "auto":
            extras_target = "node" if row.mapping.nodes else "edge"
        extras_used = False
        for spec in row.mapping.nodes:
            key = spec.key.evaluate(row.values)
            if key in (None, ""):
                continue
            props = _props(spec.properties, row.values)
            if extras_target == "node" and not extras_used:
                for k, v in row.extras.items():
                    clash = k in props or k in KEY_PROPERTY.values() or k in RESERVED_PROPERTIES
                    props.setdefault(f"extra_{k}" if clash else k, v)
                extras_used = True
            batch.nodes.append(NodeRecord(spec.label, str(key), props, source, row.line))
        for espec in row.mapping.edges:
            if any(row.values.get(c) not in wanted for c, wanted in espec.when):
                continue
            (sl, sexpr), (el, eexpr) = espec.start, espec.end
            sk, ek = sexpr.evaluate(row.values), eexpr.evaluate(row.values)
            if sk in (None, "") or ek in (None, ""):
                continue
            ekey = "|".join("" if (v := e.evaluate(row.values)) is None else str(v)
                            for e in espec.ekey)
            if not ekey.strip("|"):
                ekey = ""
            props = _props(espec.properties, row.values)
            if extras_target == "edge" and not extras_used:
                for k, v in row.extras.items():
                    clash = k in props or k in RESERVED_PROPERTIES or k == "type"
                    props.setdefault(f"extra_{k}" if clash else k, v)
                extras_used = True
            batch.edges.append(EdgeRecord(espec.type, sl, str(sk), el, str(ek), ekey, props,
                                          source, row.line))
    return batch


def _nit_key(raw: object) -> str:
    """NIT base for grouping (:func:`pat_graph.identity.split_nit`: ``8909006089`` and
    ``890900608-9`` are ``890900608``); a text that is no NIT groups as written before
    any dash."""
    parts = split_nit(raw)
    return parts[0] if parts else str(raw).split("-", 1)[0]


def _first_not_distinct(earlier: list[NodeRecord], node: NodeRecord) -> NodeRecord | None:
    """The first of ``earlier`` that is not distinct from ``node`` by construction
    (SNIES campuses of one institution share a NIT; see ``pat_graph.identity``)."""
    view = ActorView.from_props(node.key, node.props)
    for e in earlier:
        if not known_distinct(ActorView.from_props(e.key, e.props), view):
            return e
    return None


def probable_duplicates(batch: RecordBatch) -> list[Warning_]:
    """Actors sharing a NIT (with or without check digit) or a folded name in the
    same municipality/department, under different ids: reported, never merged."""
    warnings: list[Warning_] = []
    by_nit: dict[str, list[NodeRecord]] = defaultdict(list)
    by_name: dict[tuple[str, str], list[NodeRecord]] = defaultdict(list)
    for n in batch.nodes:
        if n.label != ACTOR:
            continue
        if n.props.get("nit"):
            by_nit[_nit_key(n.props["nit"])].append(n)
        place = str(n.props.get("municipality_code") or n.props.get("department_code") or "CO")
        by_name[(fold(str(n.props.get("name", ""))), place)].append(n)
    for nit, group in by_nit.items():
        for i, other in enumerate(group[1:], start=1):
            first = _first_not_distinct(group[:i], other)
            if first is None:
                continue
            warnings.append(Warning_(other.source, other.row, "nit",
                                     f"posible duplicado de '{first.key}' ({first.source}:{first.row}): "
                                     f"mismo NIT {nit}"))
    for (_name, place), group in by_name.items():
        for i, other in enumerate(group[1:], start=1):
            first = _first_not_distinct(group[:i], other)
            if first is None:
                continue
            warnings.append(Warning_(other.source, other.row, "nombre",
                                     f"posible duplicado de '{first.key}' ({first.source}:{first.row}): "
                                     f"mismo nombre en el mismo territorio ({place})"))
    return warnings


STRICT = "--estricto"


def _as_reject(w: Warning_) -> Reject:
    return Reject(w.source, w.line, w.column, f"{w.message} [{STRICT}]")


def extract(
    tables: Iterable[tuple[Table, Mapping]], existing: Callable[[str], set[str]],
    *, strict: bool = False,
) -> Extraction:
    """Validate and convert tables (each with its mapping) into records.

    ``existing(label)`` gives the keys already in the store, for references.
    Warnings (unknown columns, unknown actor kinds, probable duplicates) go with
    the good rows; with ``strict`` they are rejects instead: a row with a warning of
    its own, a value in an unknown column or a probable duplicate is not loaded
    (and neither is a row that points at it).
    """
    all_rows: list[ParsedRow] = []
    rejects: list[Reject] = []
    warnings: list[Warning_] = []
    reports: list[TableReport] = []
    warnings: list[Warning_] = []
    for table, mapping in sorted(tables, key=lambda tm: (tm[1].order, tm[0].source)):
        rows, file_problems, file_warnings = parse_table(table, mapping)
        warnings.extend(Warning_(table.source, line, column, message)
                        for line, column, message in table.warnings)
        warnings.extend(file_warnings)
        if file_problems:  # e.g. a repeated header: which column is which is unknown
            rejects.extend(file_problems)
            rejects.append(Reject(table.source, 0, "", f"archivo rechazado entero: sus "
                                  f"{len(rows)} fila(s) no se cargan hasta corregir el encabezado"))
        else:
            all_rows.extend(rows)
        reports.append(TableReport(table.source, mapping.name, len(rows),
                                   encoding=table.encoding, delimiter=table.delimiter,
                                   lines=table.data_lines, blank=table.blank))
    for row in all_rows:
        if not strict:
            warnings.extend(row.warnings)
            continue
        row.problems.extend(_as_reject(w) for w in row.warnings)
        row.problems.extend(
            Reject(row.table.source, row.line, h, f"valor en una columna no reconocida [{STRICT}]")
            for h in row.unknown_columns)
    if strict:
        rejects.extend(_as_reject(w) for w in warnings)
        warnings = []
    check_references(all_rows, existing)
    batch = build_records(all_rows)
    duplicates = probable_duplicates(batch)
    if strict and duplicates:
        by_line = {(r.table.source, r.line): r for r in all_rows}
        for w in duplicates:
            by_line[(w.source, w.line)].problems.append(_as_reject(w))
        check_references(all_rows, existing)  # rows pointing at them go too
        batch = build_records(all_rows)
        duplicates = []
    warnings.extend(duplicates)
    by_source = {r.source: r for r in reports}
    for row in all_rows:
        if row.ok:
            by_source[row.table.source].accepted += 1
        else:
            rejects.extend(row.problems)
    return Extraction(batch, rejects, warnings, reports)


def table_mapping_pairs(
    tables: Iterable[Table], mappings: list[Mapping]
) -> tuple[list[tuple[Table, Mapping]], list[Table]]:
    """Pair each table with the mapping that names it; return also the unmatched tables."""
    index = {}
    for m in mappings:
        for f in m.files:
            index[fold(f, sep="_")] = m
    pairs, unmatched = [], []
    for t in tables:
        m = index.get(t.name)
        if m is None:
            unmatched.append(t)
        else:
            pairs.append((t, m))
    return pairs, unmatched
