"""The store's records written back in the PAT exchange format (the round trip).

``pat-graph export --formato pat`` calls :func:`write_exchange`: every record of the
graph becomes a row of the file the contract names (:mod:`pat_graph.contract`), with
its Spanish headers, in a folder of CSV files (the one CSV writer,
:func:`pat_graph.tables.write_csv`) or in one ``.xlsx`` workbook (the template's,
:mod:`pat_graph.template`, with its dropdown lists). Loading that output into an empty
store gives the same graph, provenance aside: this is how an analyst corrects records
(export, edit in Excel, reload).

The rows are the inverse of the PAT mappings (``pat_graph/loaders/pat/*.toml``): a
node of each file's label is a row of that file (``Actor`` → ``actores``), a
relationship of an edge file's first type is a row of it (``LINKED_TO`` →
``articulaciones``); the other relationships (``LOCATED_IN``, ``IMPLEMENTS`` …) are
made again from those rows. Properties no column holds (from another mapping, or
unknown columns of earlier loads) are written as extra columns named as the property,
which the loader keeps as properties again. Anything the format cannot carry is not
dropped silently: :func:`exchange_rows` loads its own rows back in memory and reports
each record that would not come back equal (:attr:`ExchangeRows.warnings`).

>>> import tempfile, pathlib
>>> from pat_graph.ingest import load_paths
>>> from pat_graph.store import open_store
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "actores.csv").write_text("id;nombre;sector;nivel;departamento;municipio\\n"
...     "A-1;Alcaldía de Barbosa;publico;municipal;Santander;Barbosa\\n", encoding="cp1252")
>>> _ = (folder / "instancias.csv").write_text("id,nombre,tipo,departamento\\n"
...     "I-1,Subcomisión,subcomision_concertacion,68\\n")
>>> _ = (folder / "participaciones.csv").write_text("actor,instancia,desde\\nA-1,I-1,15/03/2019\\n")
>>> store = open_store(":memory:")
>>> _ = load_paths([folder], store)
>>> rows = exchange_rows(store.read_graph())
>>> rows.tables["actores"][0]["municipio"], rows.tables["participaciones"], rows.warnings
('68077', [{'actor': 'A-1', 'instancia': 'I-1', 'rol': 'miembro', 'desde': '2019-03-15'}], [])
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph import contract, tables
from pat_graph.errors import InputError
from pat_graph.graph import comparable, graph_from_records
from pat_graph.model import PART_OF, PROVENANCE, TERRITORY, split_node_id

#: Graph attributes that are not properties of a record (the label, the key, provenance).
_NOT_PROPS = {"label", "type", *PROVENANCE}


@dataclass(slots=True)
class ExchangeRows:
    """Rows of every exchange-format file (``{file: [row, ...]}``), with the extra
    columns of each file, and the warnings about what would not come back."""

    tables: dict[str, list[dict[str, Any]]]
    extra_columns: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    department: str | None = None

    def columns(self, name: str) -> list[str]:
        return [*contract.file(name).headers, *self.extra_columns.get(name, [])]

    @property
    def rows(self) -> int:
        return sum(len(r) for r in self.tables.values())


def _column_of(expr) -> str | None:
    """The one column an expression reads (``"id"``), ``None`` for anything else."""
    cols = [text for kind, text in expr.alternatives if kind == "column"]
    return cols[0] if len(cols) == 1 and len(expr.alternatives) == 1 else None


def _territory_columns(f: contract.File, expr, code: str, g: nx.MultiDiGraph) -> dict[str, str]:
    """The department / municipality cells that name the territory ``code``."""
    types = {c.name: c.type for c in f.columns}
    cols = [text for kind, text in expr.alternatives if kind == "column"]
    kind = g.nodes.get(f"{TERRITORY}:{code}", {}).get("kind")
    out: dict[str, str] = {}
    for col in cols:
        if kind == "municipality" and types.get(col) == "municipality":
            out[col] = code
        elif kind in ("municipality", "department") and types.get(col) == "department":
            out[col] = code if kind == "department" else \
                str(g.nodes[f"{TERRITORY}:{code}"].get("department_code", code[:2]))
    return out


def _extras(data: dict[str, Any], used: set[str], key_prop: str | None) -> dict[str, Any]:
    return {k: v for k, v in data.items()
            if k not in used and k not in _NOT_PROPS and k != key_prop and v is not None}


def _node_rows(g: nx.MultiDiGraph, f: contract.File) -> list[dict[str, Any]]:
    spec = f.mapping.nodes[0]
    key_col = _column_of(spec.key)
    props = {prop: _column_of(expr) for prop, expr in spec.properties}
    rows = []
    for n, data in sorted(g.nodes(data=True)):
        if data.get("label") != spec.label:
            continue
        row: dict[str, Any] = {key_col: split_node_id(n)[1]}
        for prop, col in props.items():
            if col and data.get(prop) is not None:
                row[col] = data[prop]
        row.update(_extras(data, set(props), "id"))
        rows.append(row)
    return rows


def _edge_rows(g: nx.MultiDiGraph, f: contract.File) -> list[dict[str, Any]]:
    spec = f.mapping.edges[0]
    (start_label, start_expr), (end_label, end_expr) = spec.start, spec.end
    props = {prop: _column_of(expr) for prop, expr in spec.properties}
    rows = []
    for u, v, _k, data in sorted(g.edges(keys=True, data=True), key=lambda e: e[:3]):
        if data.get("type") != spec.type:
            continue
        row: dict[str, Any] = {}
        for label, expr, node in ((start_label, start_expr, u), (end_label, end_expr, v)):
            key = split_node_id(node)[1]
            if label == TERRITORY:
                row.update(_territory_columns(f, expr, key, g))
            else:
                row[_column_of(expr)] = key
        for prop, col in props.items():
            if col and data.get(prop) is not None:
                row[col] = data[prop]
        row.update(_extras(data, set(props), None))
        rows.append(row)
    return rows


def _refs(f: contract.File, row: dict[str, Any]) -> list[tuple[str, str]]:
    return [(c.ref, str(row[c.name])) for c in f.columns if c.ref and row.get(c.name)]


def _defines(f: contract.File, row: dict[str, Any]) -> tuple[str, str] | None:
    if not f.mapping.nodes:
        return None
    return f.mapping.nodes[0].label, str(row[_column_of(f.mapping.nodes[0].key)])


def _in_department(f: contract.File, row: dict[str, Any], code: str) -> bool:
    return any(str(row.get(c.name, "")) == code for c in f.columns if c.type == "department")


def _select(all_rows: dict[str, list[dict[str, Any]]], code: str) -> dict[str, list[dict]]:
    """The rows of one department, and every row they refer to (so the output loads
    on its own into an empty store): a national programme and its owner, a national
    actor sitting in the department's instances …"""
    fs = {f.name: f for f in contract.files()}
    keep: dict[str, set[int]] = {name: set() for name in all_rows}
    selected: set[tuple[str, str]] = set()
    for name, rows in all_rows.items():
        for i, row in enumerate(rows):
            if _in_department(fs[name], row, code):
                keep[name].add(i)
                if (d := _defines(fs[name], row)) is not None:
                    selected.add(d)
    for name, rows in all_rows.items():
        if fs[name].mapping.nodes:
            continue
        for i, row in enumerate(rows):
            if any(r in selected for r in _refs(fs[name], row)):
                keep[name].add(i)
    definers = {_defines(fs[name], row): (name, i)
                for name, rows in all_rows.items() for i, row in enumerate(rows)
                if fs[name].mapping.nodes}
    todo = [(name, i) for name, idx in keep.items() for i in idx]
    while todo:
        name, i = todo.pop()
        for ref in _refs(fs[name], all_rows[name][i]):
            if ref in definers:
                dn, di = definers[ref]
                if di not in keep[dn]:
                    keep[dn].add(di)
                    todo.append((dn, di))
    return {name: [rows[i] for i in sorted(keep[name])] for name, rows in all_rows.items()}


def exchange_rows(g: nx.MultiDiGraph, department: str | None = None, *,
                  check: bool = True) -> ExchangeRows:
    """The rows of every exchange-format file for the records of ``g`` (or of one
    ``department``, given as a user would type it, with the records they refer to).

    With ``check`` (the default) the rows are loaded back in memory through the PAT
    mappings and every record that would not come back equal is a warning (Spanish).
    """
    code = None
    if department is not None:
        from pat_graph.lookup import find

        code = find(g, department, "department").key
    all_rows = {}
    for f in contract.files():
        all_rows[f.name] = _node_rows(g, f) if f.mapping.nodes else _edge_rows(g, f)
    if code is not None:
        all_rows = _select(all_rows, code)
    extra = {}
    for f in contract.files():
        known = set(f.headers)
        extra[f.name] = sorted({k for r in all_rows[f.name] for k in r if k not in known})
    out = ExchangeRows(all_rows, {k: v for k, v in extra.items() if v}, department=code)
    if check:
        out.warnings = _check(g, out)
    return out


def _tables(rows: ExchangeRows) -> list[tables.Table]:
    out = []
    for f in contract.files():
        cols = rows.columns(f.name)
        t = tables.Table(f"{f.name}.csv", f.name, cols, cols, encoding="utf-8")
        t.rows = [tables.Row(i, [tables.unguard(tables.cell_text(r.get(c))) for c in cols])
                  for i, r in enumerate(rows.tables[f.name], start=2)]
        out.append(t)
    return out


def reload(rows: ExchangeRows):
    """The :class:`~pat_graph.ingest.engine.Extraction` of loading ``rows`` into an
    empty store (in memory, nothing written)."""
    from pat_graph.ingest.engine import extract, table_mapping_pairs

    pairs, _ = table_mapping_pairs(_tables(rows), [f.mapping for f in contract.files()])
    return extract(pairs, lambda label: set())


def _records_only(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``g`` without the reference territories and their ``PART_OF`` (written by every load)."""
    h = nx.MultiDiGraph()
    h.add_nodes_from((n, d) for n, d in g.nodes(data=True) if d.get("label") != TERRITORY)
    h.add_edges_from((u, v, k, d) for u, v, k, d in g.edges(keys=True, data=True)
                     if d.get("type") != PART_OF)
    return h


def _check(g: nx.MultiDiGraph, rows: ExchangeRows) -> list[str]:
    extraction = reload(rows)
    warnings = [f"la exportación no se vuelve a cargar igual: {r}" for r in extraction.rejects]
    back = graph_from_records(extraction.batch.nodes, extraction.batch.edges)
    skip = ("source", "row", "loaded_at")
    want_nodes, want_edges = comparable(_records_only(g), ignore=skip)
    got_nodes, got_edges = comparable(back, ignore=skip)
    if rows.department is not None:  # only the selected records are expected back
        want_nodes = tuple(n for n in want_nodes if n[0] in back)
        want_edges = tuple(e for e in want_edges if back.has_edge(*e[:3]))
    gone_n = Counter(split_node_id(n)[0] for n, _ in set(want_nodes) - set(got_nodes))
    gone_e = Counter(k.split("|")[0] for _, _, k, _ in set(want_edges) - set(got_edges))
    for label, n in sorted(gone_n.items()):
        warnings.append(f"{n} nodo(s) {label} no vuelven iguales desde el formato PAT "
                        "(propiedades con tipo distinto de texto o de otra correspondencia)")
    for rtype, n in sorted(gone_e.items()):
        warnings.append(f"{n} relación(es) {rtype} no se pueden expresar en el formato PAT "
                        "(no vienen de una fila de sus archivos)")
    return warnings


def _cell_value(col: contract.Column | None, value: Any) -> Any:
    """A cell for the workbook: dates as dates (Excel shows them as dates)."""
    if col is not None and col.is_date and isinstance(value, str) and value:
        try:
            parsed = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
        return parsed.date() if parsed.time() == dt.time() and "T" not in value else parsed
    if isinstance(value, str):
        return value
    return value if isinstance(value, int | float) and not isinstance(value, bool) \
        else tables.unguard(tables.cell_text(value))


def write_exchange(g: nx.MultiDiGraph, path: str | Path, department: str | None = None
                   ) -> tuple[Path, ExchangeRows]:
    """Write the records of ``g`` (or of one department) in the exchange format: a
    folder of CSV files, or one workbook when ``path`` ends in ``.xlsx``.

    >>> import tempfile, pathlib
    >>> from pat_graph.viz.views import _example_graph
    >>> out, rows = write_exchange(_example_graph(), pathlib.Path(tempfile.mkdtemp()) / "pat")
    >>> sorted(p.name for p in out.iterdir())[:3], len(rows.tables["actores"])
    (['actores.csv', 'acuerdos.csv', 'articulaciones.csv'], 3)
    """
    target = Path(path)
    rows = exchange_rows(g, department)
    if target.suffix.lower() == ".xlsx":
        from pat_graph.template import save_workbook, workbook

        by_name = {}
        for f in contract.files():
            cols = {c.name: c for c in f.columns}
            by_name[f.name] = [{k: _cell_value(cols.get(k), v) for k, v in r.items()}
                               for r in rows.tables[f.name]]
        save_workbook(workbook(by_name, extra_columns=rows.extra_columns, examples=False),
                      target)
        return target, rows
    if target.suffix.lower() in (".csv", ".xls"):
        raise InputError(f"{target.name}: la exportación PAT es una carpeta (-o carpeta/) "
                         "o un libro .xlsx")
    for f in contract.files():
        tables.write_csv(rows.tables[f.name], target / f"{f.name}.csv",
                         columns=rows.columns(f.name))
    return target, rows
