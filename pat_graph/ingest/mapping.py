"""Declarative mappings (``loaders/*.toml``): which columns of a table become
which nodes, relationships and properties.

A mapping names the tables it reads (``files``: CSV file stems or sheet
names), declares its columns (type, required, vocabulary, aliases) and the
nodes and edges each row yields. Values in ``nodes``/``edges`` are
*expressions*:

- ``"nombre"`` — the parsed value of a declared column;
- ``"=CO"`` — a literal;
- ``"municipio|departamento|=CO"`` — the first non-empty alternative;
- ``"CC-{rues_code}"`` — a template (empty if any column in it is empty).

The PAT exchange format is itself a set of mappings (``loaders/pat/``); see
``docs/mappings.md`` for how to write one for a new spreadsheet.

>>> m = parse_mapping({
...     "files": ["socios"],
...     "columns": {"id": {"required": True}, "nombre": {"required": True},
...                 "sector": {"type": "enum", "enum": "sector", "required": True}},
...     "nodes": [{"label": "Actor", "key": "id",
...                "properties": {"name": "nombre", "sector": "sector", "level": "=nacional"}}],
... }, "socios.toml")
>>> m.files, m.nodes[0].label, sorted(m.columns)
(('socios',), 'Actor', ['id', 'nombre', 'sector'])
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pat_graph.errors import MappingError
from pat_graph.model import KEY_PROPERTY, LABELS, PROVENANCE, REL_TYPES, TERRITORY, VOCABULARIES
from pat_graph.text import fold

COLUMN_TYPES = (
    "text", "id", "enum", "snake", "nit", "date", "int", "float", "bool",
    "department", "municipality", "ref",
)
_TEMPLATE = re.compile(r"\{([^{}]+)\}")
#: Property names the graph sets itself on read (provenance, label, key): a mapping
#: property or an extra column with one of these names would be silently lost.
RESERVED_PROPERTIES: frozenset[str] = frozenset(
    {*PROVENANCE, "label", "id", *KEY_PROPERTY.values()})
#: ... and on relationships, ``type``.
RESERVED_EDGE_PROPERTIES: frozenset[str] = RESERVED_PROPERTIES | {"type"}


@dataclass(frozen=True, slots=True)
class Expr:
    """A value expression (see module docs)."""

    alternatives: tuple[tuple[str, str], ...]  # (kind, text): kind in column|literal|template

    @classmethod
    def parse(cls, text: str) -> Expr:
        alts = []
        for part in str(text).split("|"):
            part = part.strip()
            if part.startswith("="):
                alts.append(("literal", part[1:]))
            elif "{" in part:
                alts.append(("template", part))
            else:
                alts.append(("column", fold(part, sep="_")))
        return cls(tuple(alts))

    def columns(self) -> set[str]:
        cols: set[str] = set()
        for kind, text in self.alternatives:
            if kind == "column":
                cols.add(text)
            elif kind == "template":
                cols.update(fold(c, sep="_") for c in _TEMPLATE.findall(text))
        return cols

    def evaluate(self, values: dict[str, Any]) -> Any:
        """The first non-empty alternative, or ``None``."""
        for kind, text in self.alternatives:
            if kind == "literal":
                return text
            if kind == "column":
                value = values.get(text)
                if value not in (None, ""):
                    return value
                continue
            parts = []
            ok = True

            def repl(m: re.Match[str], parts: list = parts) -> str:
                v = values.get(fold(m[1], sep="_"))
                if v in (None, ""):
                    parts.append(None)
                    return ""
                return str(v)

            rendered = _TEMPLATE.sub(repl, text)
            ok = None not in parts
            if ok:
                return rendered
        return None


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    name: str
    type: str = "text"
    required: bool = False
    enum: str | None = None
    ref: str | None = None
    default: str | None = None
    aliases: tuple[str, ...] = ()
    department: str | None = None  # for type municipality: the column giving the department
    required_unless: tuple[tuple[str, str], ...] = ()
    recode: tuple[tuple[str, str], ...] = ()  # (folded source value, replacement)
    empty: frozenset[str] = frozenset()  # folded values that mean "no value" in this source
    description: str = ""

    def recoded(self, raw: object) -> object:
        """``raw`` after ``empty`` and ``recode`` (both compared folded)."""
        if not isinstance(raw, str) or not (self.recode or self.empty):
            return raw
        folded = fold(raw, sep="_")
        if folded in self.empty or (raw.strip() and not folded and "" in self.empty):
            return ""
        for source, target in self.recode:
            if source == folded:
                return target
        return raw


@dataclass(frozen=True, slots=True)
class NodeSpec:
    label: str
    key: Expr
    properties: tuple[tuple[str, Expr], ...] = ()


@dataclass(frozen=True, slots=True)
class EdgeSpec:
    type: str
    start: tuple[str, Expr]
    end: tuple[str, Expr]
    properties: tuple[tuple[str, Expr], ...] = ()
    ekey: tuple[Expr, ...] = ()
    when: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Mapping:
    name: str
    origin: str
    files: tuple[str, ...]
    columns: dict[str, ColumnSpec] = field(default_factory=dict)
    nodes: tuple[NodeSpec, ...] = ()
    edges: tuple[EdgeSpec, ...] = ()
    extras: str = "auto"  # where unknown columns go: auto | node | edge | ignore
    description: str = ""
    order: int = 100

    def column_for_header(self) -> dict[str, str]:
        """folded header or alias -> column name."""
        index = {}
        for col in self.columns.values():
            index[col.name] = col.name
            for alias in col.aliases:
                index.setdefault(fold(alias, sep="_"), col.name)
        return index


# ------------------------------------------------------------------- validation
_TOP_KEYS = {"name", "description", "files", "columns", "nodes", "edges", "extras", "order"}
_COLUMN_KEYS = {"type", "required", "enum", "ref", "default", "aliases", "department",
                "required_unless", "recode", "empty", "description"}
_NODE_KEYS = {"label", "key", "properties"}
_EDGE_KEYS = {"type", "from", "to", "properties", "ekey", "when"}


def _kind(value: Any) -> str:
    """The TOML kind of ``value``, in Spanish, for error messages.

    >>> _kind("x"), _kind([1]), _kind({}), _kind(True), _kind(3)
    ("un texto ('x')", 'una lista', 'una tabla', 'un valor lógico', 'un número')
    """
    if isinstance(value, str):
        return f"un texto ('{value}')"
    if isinstance(value, bool):
        return "un valor lógico"
    if isinstance(value, int | float):
        return "un número"
    if isinstance(value, list):
        return "una lista"
    if isinstance(value, dict):
        return "una tabla"
    return type(value).__name__


def _fail(origin: str, where: str, message: str) -> MappingError:
    return MappingError(f"{origin}: {where}: {message}")


def _check_keys(origin: str, where: str, table: Any, allowed: set[str]) -> None:
    if not isinstance(table, dict):
        raise _fail(origin, where, "se esperaba una tabla TOML")
    for key in table:
        if key not in allowed:
            raise _fail(origin, f"{where}.{key}" if where else key,
                        f"clave desconocida (válidas: {', '.join(sorted(allowed))})")


def parse_mapping(data: dict[str, Any], origin: str) -> Mapping:
    """Validate a mapping's TOML data; errors name the file and the key at fault."""
    _check_keys(origin, "", data, _TOP_KEYS)
    files = data.get("files")
    if isinstance(files, str):
        files = [files]
    if not files or not all(isinstance(f, str) and f for f in files):
        raise _fail(origin, "files", "indique la(s) tabla(s): files = [\"actores\"]")
    columns: dict[str, ColumnSpec] = {}
    raw_columns = data.get("columns") or {}
    if not isinstance(raw_columns, dict):
        raise _fail(origin, "columns", "se esperaba una tabla [columns.nombre]")
    for raw_name, spec in raw_columns.items():
        where = f"columns.{raw_name}"
        _check_keys(origin, where, spec, _COLUMN_KEYS)
        name = fold(raw_name, sep="_")
        if not name:
            raise _fail(origin, where, "nombre de columna vacío")
        ctype = spec.get("type", "text")
        for key in ("type", "enum", "ref", "department", "description"):
            if key in spec and not isinstance(spec[key], str):
                raise _fail(origin, f"{where}.{key}", f"se esperaba un texto, no {_kind(spec[key])}")
        for key in ("aliases", "empty"):
            if key in spec and not (isinstance(spec[key], list)
                                    and all(isinstance(v, str) for v in spec[key])):
                raise _fail(origin, f"{where}.{key}",
                            f"se esperaba una lista de textos ({key} = [\"a\", \"b\"]), "
                            f"no {_kind(spec[key])}")
        if "required" in spec and not isinstance(spec["required"], bool):
            raise _fail(origin, f"{where}.required",
                        f"se esperaba true o false (sin comillas), no {_kind(spec['required'])}")
        if "default" in spec and not isinstance(spec["default"], str | int | float):
            raise _fail(origin, f"{where}.default", f"se esperaba un valor simple, no "
                        f"{_kind(spec['default'])}")
        if ctype not in COLUMN_TYPES:
            raise _fail(origin, f"{where}.type",
                        f"tipo desconocido '{ctype}' (válidos: {', '.join(COLUMN_TYPES)})")
        enum = spec.get("enum")
        if enum is not None and enum not in VOCABULARIES:
            raise _fail(origin, f"{where}.enum",
                        f"vocabulario desconocido '{enum}' (válidos: {', '.join(VOCABULARIES)})")
        if enum is not None and ctype == "text":
            ctype = "enum"
        if ctype == "enum" and enum is None:
            raise _fail(origin, f"{where}.enum", "un tipo enum necesita 'enum'")
        ref = spec.get("ref")
        if ctype == "ref" and ref not in LABELS:
            raise _fail(origin, f"{where}.ref",
                        f"etiqueta desconocida '{ref}' (válidas: {', '.join(LABELS)})")
        default = spec.get("default")
        if default is not None and ctype == "enum" and default not in VOCABULARIES[enum]:
            raise _fail(origin, f"{where}.default", f"'{default}' no está en el vocabulario {enum}")
        unless = spec.get("required_unless") or {}
        if not isinstance(unless, dict) or not all(isinstance(v, str | int | float | bool)
                                                   for v in unless.values()):
            raise _fail(origin, f"{where}.required_unless", "se esperaba una tabla {columna = valor}")
        recode = spec.get("recode") or {}
        if not isinstance(recode, dict) or not all(isinstance(v, str | int | float)
                                                   for v in recode.values()):
            raise _fail(origin, f"{where}.recode", "se esperaba una tabla {\"valor\" = \"nuevo\"}")
        columns[name] = ColumnSpec(
            name=name,
            type=ctype,
            required=bool(spec.get("required", False)),
            enum=enum,
            ref=ref,
            default=None if default is None else str(default),
            aliases=tuple(str(a) for a in spec.get("aliases", ())),
            department=fold(spec["department"], sep="_") if spec.get("department") else None,
            required_unless=tuple((fold(k, sep="_"), str(v)) for k, v in unless.items()),
            recode=tuple((fold(k, sep="_"), str(v)) for k, v in recode.items()),
            empty=frozenset(fold(str(v), sep="_") for v in spec.get("empty", ())),
            description=str(spec.get("description", "")),
        )
    for col in columns.values():
        for dep, _ in col.required_unless:
            if dep not in columns:
                raise _fail(origin, f"columns.{col.name}.required_unless",
                            f"columna '{dep}' no declarada en [columns]")
        if col.department and col.department not in columns:
            raise _fail(origin, f"columns.{col.name}.department",
                        f"columna '{col.department}' no declarada en [columns]")
        if col.department and columns[col.department].type != "department":
            raise _fail(origin, f"columns.{col.name}.department",
                        f"la columna '{col.department}' es de tipo "
                        f"'{columns[col.department].type}', no 'department'")

    def expr(where: str, text: Any) -> Expr:
        if not isinstance(text, str) or not text.strip():
            raise _fail(origin, where, "se esperaba una expresión de texto")
        e = Expr.parse(text)
        for kind, part in e.alternatives:
            if kind == "template" and ("{" in _TEMPLATE.sub("", part) or "}" in _TEMPLATE.sub("", part)):
                raise _fail(origin, where, f"plantilla con llaves desparejas '{part}' "
                            "(se esperaba p. ej. \"CC-{codigo}\")")
        for c in sorted(e.columns()):
            if c not in columns:
                raise _fail(origin, where, f"columna desconocida '{c}' (declárela en [columns])")
        return e

    def props(where: str, table: Any, reserved: frozenset[str]) -> tuple[tuple[str, Expr], ...]:
        if table is None:
            return ()
        if not isinstance(table, dict):
            raise _fail(origin, where, "se esperaba una tabla {propiedad = expresión}")
        for k in table:
            if k in reserved:
                raise _fail(origin, f"{where}.{k}", f"'{k}' es un nombre reservado del grafo "
                            f"({', '.join(sorted(reserved))}): se perdería al leer; "
                            "use otro nombre")
        return tuple((str(k), expr(f"{where}.{k}", v)) for k, v in table.items())

    for key, kind in (("nodes", list), ("edges", list)):
        if key in data and not isinstance(data[key], kind):
            raise _fail(origin, key, f"se esperaba una lista de tablas ([[{key}]]), no "
                        f"{_kind(data[key])}")
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        raise _fail(origin, "order", f"se esperaba un número entero, no {_kind(order)}")
    for key in ("name", "description", "extras"):
        if key in data and not isinstance(data[key], str):
            raise _fail(origin, key, f"se esperaba un texto, no {_kind(data[key])}")

    nodes = []
    for i, spec in enumerate(data.get("nodes") or ()):
        where = f"nodes[{i}]"
        _check_keys(origin, where, spec, _NODE_KEYS)
        label = spec.get("label")
        if not isinstance(label, str) or label not in LABELS:
            raise _fail(origin, f"{where}.label",
                        f"etiqueta desconocida '{label}' (válidas: {', '.join(LABELS)})")
        if label == TERRITORY:
            raise _fail(origin, f"{where}.label", "los territorios (Territory) son la referencia "
                        "DIVIPOLA que trae pat-graph: una carga no puede crearlos ni cambiarlos; "
                        "relacione sus filas con ellos por código o nombre (type = "
                        "\"department\"/\"municipality\")")
        nodes.append(NodeSpec(label, expr(f"{where}.key", spec.get("key")),
                              props(f"{where}.properties", spec.get("properties"),
                                    RESERVED_PROPERTIES)))
    edges = []
    for i, spec in enumerate(data.get("edges") or ()):
        where = f"edges[{i}]"
        _check_keys(origin, where, spec, _EDGE_KEYS)
        rtype = spec.get("type")
        if not isinstance(rtype, str) or rtype not in REL_TYPES:
            raise _fail(origin, f"{where}.type",
                        f"tipo de relación desconocido '{rtype}' (válidos: {', '.join(REL_TYPES)})")
        ends = []
        for side, allowed in (("from", REL_TYPES[rtype][0]), ("to", REL_TYPES[rtype][1])):
            value = spec.get(side)
            if not (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)):
                raise _fail(origin, f"{where}.{side}", "se esperaba [\"Etiqueta\", \"expresión\"]")
            if value[0] not in allowed:
                raise _fail(origin, f"{where}.{side}",
                            f"{rtype} no admite '{value[0]}' (admite: {', '.join(sorted(allowed))})")
            ends.append((value[0], expr(f"{where}.{side}", value[1])))
        when = []
        raw_when = spec.get("when") or {}
        if not isinstance(raw_when, dict):
            raise _fail(origin, f"{where}.when", "se esperaba una tabla {columna = valor o [valores]}")
        for col, wanted in raw_when.items():
            c = fold(col, sep="_")
            if c not in columns:
                raise _fail(origin, f"{where}.when.{col}", f"columna desconocida '{col}'")
            values = wanted if isinstance(wanted, list) else [wanted]
            if not all(isinstance(v, str | int | float | bool) for v in values):
                raise _fail(origin, f"{where}.when.{col}", "se esperaba un valor o una lista de valores")
            when.append((c, tuple(str(v) for v in values)))
        raw_ekey = spec.get("ekey") or ()
        if not isinstance(raw_ekey, list | tuple):
            raise _fail(origin, f"{where}.ekey", "se esperaba una lista de expresiones")
        ekey = tuple(expr(f"{where}.ekey", e) for e in raw_ekey)
        edges.append(EdgeSpec(rtype, ends[0], ends[1], props(f"{where}.properties",
                                                            spec.get("properties"),
                                                            RESERVED_EDGE_PROPERTIES),
                              ekey, tuple(when)))
    if not nodes and not edges:
        raise _fail(origin, "nodes", "la correspondencia no produce nodos ni relaciones")
    extras = data.get("extras", "auto")
    if extras not in ("auto", "node", "edge", "ignore"):
        raise _fail(origin, "extras", "valores válidos: auto, node, edge, ignore")
    return Mapping(
        name=str(data.get("name") or Path(origin).stem),
        origin=origin,
        files=tuple(fold(f, sep="_") for f in files),
        columns=columns,
        nodes=tuple(nodes),
        edges=tuple(edges),
        extras=extras,
        description=str(data.get("description", "")),
        order=order,
    )


def load_mapping(path: Path | str) -> Mapping:
    """Read and validate one mapping file."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise MappingError(f"{path}: no se pudo leer ({err.strerror or err})") from err
    except UnicodeDecodeError as err:
        raise MappingError(f"{path}: el archivo no está en UTF-8 (byte 0x{err.object[err.start]:02x} "
                           f"en la posición {err.start}); guárdelo como UTF-8") from err
    except tomllib.TOMLDecodeError as err:
        raise MappingError(f"{path}: TOML inválido ({err})") from err
    except RecursionError as err:
        raise MappingError(f"{path}: TOML inválido (anidamiento demasiado profundo)") from err
    return parse_mapping(data, str(path))


def pat_mappings() -> list[Mapping]:
    """The PAT exchange format: the mappings shipped in ``loaders/pat/``."""
    base = resources.files("pat_graph") / "loaders" / "pat"
    found = []
    for entry in base.iterdir():
        if entry.name.endswith(".toml"):
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            found.append(parse_mapping(data, f"loaders/pat/{entry.name}"))
    if not found:
        raise MappingError("no se encontraron las correspondencias del formato PAT (loaders/pat/)")
    return sorted(found, key=lambda m: (m.order, m.name))
