"""Consultas: the analysts' query library (:mod:`pat_graph.query_library`) as forms.

``/consultas`` lists every named query with its Spanish description;
``/consultas/<nombre>`` shows a form of its parameters (type-ahead by name for actors,
departments, instances, programmes; a list for vocabularies; dates DD/MM/AAAA) and,
once submitted (GET: the URL is the bookmark), the rows of
:func:`pat_graph.query_library.run_query` on the store, which ``/consultas/<nombre>.csv``
and ``.xlsx`` download. A name that names nothing, or several things, is a 400 page with
the one lookup's message and its candidates as links (never an empty table).

>>> field_widget(Param("actor", "actor")), field_widget(Param("sector", "vocab:sector"))
('sugerir', 'lista')
>>> column_header("via_id"), shown_rows([{"sector": "publico"}], ["sector"])
('Id del vínculo', [{'sector': 'Público'}])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from flask import Response, jsonify, make_response, request

from pat_graph import columns, model
from pat_graph.errors import NotFoundError, QueryError
from pat_graph.lookup import MAX_LISTED, AmbiguousError, close_matches, find, search
from pat_graph.queries import Statement, get_query, list_queries
from pat_graph.query_library import (
    NAMED_KINDS,
    VOCABULARY_ES,
    LibraryQuery,
    Param,
    library_query,
    resolve_value,
    result_columns,
)
from pat_graph.web.http import (
    Route,
    jsonable,
    respond,
    table_download,
    url,
    wants_json,
    workbench,
)

ROUTES: tuple[Route, ...] = (
    Route("/consultas", "consultas", "Consultas de la biblioteca de analistas"),
    Route("/consultas/<nombre>", "consulta",
          "Una consulta: formulario de sus parámetros y sus filas en una tabla"),
    Route("/consultas/<nombre>.<ext>", "consulta_descarga",
          "Las filas de una consulta en CSV o .xlsx"),
)

#: The lookup kinds of a named parameter, as ``/api/buscar?tipo=`` names them.
SUGGEST_TYPE: dict[str, str] = {
    "actor": "actor", "department": "departamento", "municipality": "territorio",
    "territory": "territorio", "instance": "instancia", "programme": "programa",
    "agreement": "acuerdo"}
#: The lookup kinds a ``territory`` parameter may name.
_LOOKUP_KINDS: dict[str, tuple[str, ...]] = {"territory": ("department", "municipality")}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T[\d:.]+)?")


# ------------------------------------------------------------------ the form
@dataclass
class Field:
    """One parameter of the form: what it is, what was typed, what went wrong."""

    param: Param
    value: str = ""
    error: str | None = None
    #: What a named value resolved to (``Gobernación del Meta (A-03)``).
    chosen: str = ""
    #: (text, link) of each "¿quiso decir …?" candidate: the same query with it instead.
    candidates: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.param.name

    @property
    def label(self) -> str:
        """The parameter's name as words (``sector_a`` → ``Sector a``)."""
        return column_header(self.param.name)

    @property
    def widget(self) -> str:
        return field_widget(self.param)

    @property
    def suggest_type(self) -> str:
        return SUGGEST_TYPE.get(self.param.kind, "")

    @property
    def hint(self) -> str:
        """What to write, in Spanish."""
        kind = self.param.kind
        if kind in ("department", "municipality", "territory"):
            what = "departamento o municipio: " if kind == "territory" else ""
            return f"{what}código DANE o nombre (escriba y elija)"
        if kind == "actor":
            return "id, nombre o sigla (escriba y elija)"
        if kind in NAMED_KINDS:
            return "id o nombre (escriba y elija)"
        if kind.startswith("vocab:"):
            vocabulary = kind.split(":", 1)[1]
            what = VOCABULARY_ES.get(vocabulary, vocabulary.replace("_", " "))
            return "" if self.label.lower().startswith(what) else what
        if kind == "int":
            return f"número entero de {self.param.low} a {self.param.high}"
        return "fecha DD/MM/AAAA"

    @property
    def options(self) -> list[tuple[str, str]]:
        """(code, Spanish label) of a vocabulary parameter."""
        if not self.param.kind.startswith("vocab:"):
            return []
        vocabulary = self.param.kind.split(":", 1)[1]
        return [(code, model.label_es(vocabulary, code)) for code in model.VOCABULARIES[vocabulary]]


def field_widget(p: Param) -> str:
    """How the form asks for ``p``: ``sugerir`` (text with type-ahead), ``lista``
    (a select of the vocabulary), ``numero`` or ``fecha``."""
    if p.kind in NAMED_KINDS:
        return "sugerir"
    if p.kind.startswith("vocab:"):
        return "lista"
    return "numero" if p.kind == "int" else "fecha"


# ------------------------------------------------------------------ the table
def column_header(key: str) -> str:
    """The Spanish header of a result column or parameter: the one column registry's
    (:func:`pat_graph.columns.header`, the CLI tables' too), else its name as words."""
    col = columns.column(key)
    if col is not None:
        return col.header
    text = key.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def shown_rows(rows: list[dict[str, Any]], cols: list[str], *,
               table: bool = False) -> list[dict[str, Any]]:
    """The rows as the table (``table``: dates DD/MM/AAAA) and the downloads show them:
    :func:`pat_graph.columns.display_rows`, as every CLI table."""
    return columns.display_rows(rows, cols, table=table)


#: Rows the page's table shows at most (the downloads and the JSON carry every row).
SHOW_ROWS = 1000
#: Lists longer than this show folded (``<details>``) in the table.
FOLD_LIST = 6


def html_cell(value: Any) -> str:
    """The text of one table cell: es-CO numbers, DD/MM/AAAA dates, lists with commas."""
    from pat_graph.formatting import date_es, integer, number

    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, int):
        return integer(value)
    if isinstance(value, float):
        return number(value, 3)
    if isinstance(value, list | tuple):
        return ", ".join(html_cell(v) for v in value)
    text = str(value)
    return date_es(text) if _ISO_DATE.fullmatch(text) else text


# ------------------------------------------------------------------ resolution
def _query(nombre: str) -> tuple[Statement, LibraryQuery]:
    try:
        return get_query(nombre), library_query(nombre)
    except QueryError:
        known = ", ".join(q.name for q in list_queries())
        raise NotFoundError(f"No existe la consulta «{nombre}». Consultas: {known}") from None


def _link(stmt: Statement, values: dict[str, str], **changed: str) -> str:
    return url(f"/consultas/{stmt.name}", **{**values, **changed})


def _candidates(stmt: Statement, values: dict[str, str], p: Param, err: Exception,
                graph: Any) -> list[tuple[str, str]]:
    """The "¿quiso decir …?" of a parameter that named nothing or several things, as
    links: the one lookup's close matches (or the ambiguous matches), or a vocabulary's
    values."""
    raw = values[p.name]
    if p.kind.startswith("vocab:"):
        return [(label, _link(stmt, values, **{p.name: code}))
                for code, label in Field(p).options]
    if p.kind not in NAMED_KINDS or graph is None:
        return []
    kinds = _LOOKUP_KINDS.get(p.kind, (p.kind,))
    if isinstance(err, AmbiguousError):
        found = search(graph, raw, kinds, limit=MAX_LISTED)
        matches = [m for m in found if m.how == found[0].how] if found else []
    else:
        matches = [m for kind in kinds for m in close_matches(graph, raw, kind)]
    return [(m.label, _link(stmt, values, **{p.name: m.key})) for m in matches]


def _message(p: Param, err: Exception) -> str:
    text = str(err)
    prefix = f"-p {p.name}: "
    return text[len(prefix):] if text.startswith(prefix) else text


@dataclass
class Outcome:
    """A query asked with the request's parameters: its fields and, when every value
    resolved, its rows; otherwise the errors (a 400 page)."""

    stmt: Statement
    fields: list[Field]
    submitted: bool
    rows: list[dict[str, Any]] | None = None
    error: str | None = None

    @property
    def values(self) -> dict[str, str]:
        return {f.name: f.value for f in self.fields}

    @property
    def failed(self) -> bool:
        return self.error is not None or any(f.error for f in self.fields)


def ask(nombre: str) -> Outcome:
    """Read the parameters of query ``nombre`` from the request, resolve them by the
    query library's rules and run it (:meth:`~pat_graph.web.state.Workbench.query_rows`)."""
    stmt, impl = _query(nombre)
    fields = [Field(p, request.args.get(p.name, "").strip()) for p in impl.params]
    out = Outcome(stmt, fields, submitted=any(p.name in request.args for p in impl.params))
    if not out.submitted:
        return out
    wb = workbench()
    graph = wb.graph() if impl.needs_graph else None
    for f in fields:
        if not f.value:
            f.error = "Falta este dato."
            continue
        try:
            key = resolve_value(f.param, f.value, graph)
        except (NotFoundError, QueryError) as err:
            f.error = _message(f.param, err)
            f.candidates = _candidates(stmt, out.values, f.param, err, graph)
            continue
        if f.param.kind in NAMED_KINDS:  # the key names it by its id tier: found at once
            kind = f.param.kind if f.param.kind != "territory" else (
                "department" if len(key) == 2 else "municipality")
            f.chosen = find(graph, key, kind).label
    if out.failed:
        return out
    try:
        out.rows = wb.query_rows(stmt.name, out.values)
    except (NotFoundError, QueryError) as err:  # rules between parameters (desde ≤ hasta)
        out.error = str(err)
    return out


def _params_doc(stmt: Statement) -> str:
    """The ``// parametros:`` line for people (without its Neo4j Browser part)."""
    return stmt.params_doc.split(" En Neo4j Browser:")[0].strip()


def title(stmt: Statement) -> str:
    """The Spanish title of a query for people: its description's first clause (the
    ``// descripcion:`` line, the one text about it), never its snake_case name.

    >>> title(Statement("actores_departamento", "", "Actores ubicados en un departamento "
    ...                 "(o en sus municipios), agrupados por sector."))
    'Actores ubicados en un departamento'
    >>> title(Statement("sin_descripcion", ""))
    'Sin descripcion'
    """
    head = re.split(r"[:(,;.]", stmt.description, maxsplit=1)[0].strip()
    return head or stmt.name.replace("_", " ").capitalize()


# ------------------------------------------------------------------ views
def consultas() -> Response | str:
    rows = [{"name": q.name, "title": title(q), "description": q.description,
             "params": [{"name": p.name, "kind": p.kind} for p in library_query(q.name).params],
             "url": url(f"/consultas/{q.name}")} for q in list_queries()]
    return respond("consultas.html", {"queries": rows})


def _error_json(out: Outcome) -> Response:
    message = out.error or "; ".join(f"{f.name}: {f.error}" for f in out.fields if f.error)
    resp = jsonify({"error": {
        "status": 400, "title": "Parámetro inválido", "message": message,
        "params": {f.name: {"message": f.error, "candidates": [
            {"label": t, "url": link} for t, link in f.candidates]}
            for f in out.fields if f.error}}})
    resp.status_code = 400
    return resp


def _page(out: Outcome) -> Response:
    """The query's page (or its data as JSON): the form, and the rows or the errors."""
    if out.failed and wants_json():
        return _error_json(out)
    cols = result_columns(out.rows) if out.rows else []
    data = {"query": out.stmt.name, "title": title(out.stmt), "description": out.stmt.description,
            "params": out.values if out.submitted else {},
            "columns": cols, "headers": {c: column_header(c) for c in cols},
            "count": None if out.rows is None else len(out.rows), "rows": out.rows}
    shown = shown_rows(out.rows[:SHOW_ROWS], cols, table=True) if out.rows else []
    body = respond("consulta.html", jsonable(data), out=out, cols=cols, shown=shown,
                   title=title(out.stmt), params_doc=_params_doc(out.stmt), cell=html_cell, fold=FOLD_LIST,
                   downloads={ext: url(f"/consultas/{out.stmt.name}.{ext}", **out.values)
                              for ext in ("csv", "xlsx")})
    resp = make_response(body)
    if out.failed:
        resp.status_code = 400
    return resp


def consulta(nombre: str) -> Response:
    return _page(ask(nombre))


def consulta_descarga(nombre: str, ext: str) -> Response:
    if ext not in ("csv", "xlsx"):
        raise NotFoundError(f"No existe el formato «{ext}»: {nombre}.csv o {nombre}.xlsx")
    out = ask(nombre)
    if out.rows is None:  # not asked, or a value that names nothing: the form says why
        for f in out.fields:
            if not out.submitted:
                f.error = "Falta este dato."
        return _page(out)
    cols = result_columns(out.rows)
    rows, headers = shown_rows(out.rows, cols), {c: column_header(c) for c in cols}
    return table_download(nombre, ext, rows, cols, headers, nombre)
