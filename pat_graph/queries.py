"""Cypher kept as files, loaded by name, and the analysts' query library.

Every Cypher statement pat-graph runs lives in ``pat_graph/cypher/`` (never
assembled from fragments, values always as parameters). A file holds one or
more statements, each under a ``// name:`` header, aiosql style; the
analysts' queries in ``cypher/queries/`` add Spanish ``// descripcion:`` and
``// parametros:`` lines and can be pasted as they are into Neo4j Browser; they run
on both stores through :func:`pat_graph.query_library.run_query`.

>>> st = parse_cypher('''// name: hola
... // descripcion: Saludo.
... // parametros: nombre (texto)
... RETURN $nombre AS saludo''')
>>> st["hola"].description, st["hola"].params, st["hola"].text
('Saludo.', ('nombre',), 'RETURN $nombre AS saludo')
>>> sorted(q.name for q in list_queries())[:2]
['actores_departamento', 'actores_sector_instancia']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from pat_graph.errors import QueryError, StoreError

#: The folder of the Cypher files (shipped inside the package).
CYPHER_DIR = Path(__file__).parent / "cypher"

_HEADER = re.compile(r"^//\s*name:\s*(\S+)\s*$", re.M)
_META = re.compile(r"^//\s*(descripcion|parametros):\s*(.*)$")
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True, slots=True)
class Statement:
    """One named Cypher statement read from a file.

    ``params`` are the ``$names`` the text uses, in order of first use;
    ``description`` and ``params_doc`` come from the ``// descripcion:`` and
    ``// parametros:`` lines (Spanish, for people).
    """

    name: str
    text: str
    description: str = ""
    params_doc: str = ""
    params: tuple[str, ...] = ()
    path: str = ""


def parse_cypher(text: str, path: str = "") -> dict[str, Statement]:
    """Split a ``.cypher`` file into its named statements (text before the first header is a comment).

    >>> sorted(parse_cypher("// x\\n// name: a\\nRETURN 1;\\n// name: b\\nRETURN $p")["b"].params)
    ['p']
    """
    out: dict[str, Statement] = {}
    heads = list(_HEADER.finditer(text))
    for i, head in enumerate(heads):
        end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
        body = text[head.end():end]
        meta: dict[str, str] = {}
        lines = []
        for line in body.strip().splitlines():
            m = _META.match(line.strip())
            if m and not lines:
                meta[m.group(1)] = m.group(2).strip()
            else:
                lines.append(line.rstrip())
        while lines and (not lines[-1].strip() or lines[-1].lstrip().startswith("//")):
            lines.pop()  # comments after a statement introduce the next one
        stmt = "\n".join(lines).strip().rstrip(";").strip()
        name = head.group(1)
        if name in out:
            raise StoreError(f"{path or 'Cypher'}: la consulta «{name}» está repetida")
        params = tuple(dict.fromkeys(_PARAM.findall(_strip_comments(stmt))))
        out[name] = Statement(name, stmt, meta.get("descripcion", ""), meta.get("parametros", ""),
                              params, path)
    return out


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


@cache
def read_statements(relative: str) -> dict[str, Statement]:
    """Named statements of every ``.cypher`` file under ``CYPHER_DIR/relative`` (file or folder).

    >>> "node-Actor" in read_statements("load")
    True
    """
    root = CYPHER_DIR / relative
    files = sorted(root.glob("*.cypher")) if root.is_dir() else [root]
    out: dict[str, Statement] = {}
    for f in files:
        for name, st in parse_cypher(f.read_text(encoding="utf-8"), f.name).items():
            if name in out:
                raise StoreError(f"{f.name}: la consulta «{name}» ya existe en {out[name].path}")
            out[name] = st
    return out


def statement(relative: str, name: str) -> str:
    """The text of statement ``name`` of ``CYPHER_DIR/relative``.

    >>> statement("store.cypher", "ping")
    'RETURN 1 AS ok'
    """
    try:
        return read_statements(relative)[name].text
    except KeyError:
        raise StoreError(f"falta la consulta Cypher «{name}» en {relative}") from None


@cache
def schema_statements() -> tuple[str, ...]:
    """The statements of ``cypher/schema.cypher`` (constraints and indexes, in order).

    >>> schema_statements()[0].startswith("CREATE CONSTRAINT")
    True
    """
    text = _strip_comments((CYPHER_DIR / "schema.cypher").read_text(encoding="utf-8"))
    return tuple(s.strip() for s in text.split(";") if s.strip())


# ------------------------------------------------------------------ analysts' queries
def list_queries() -> list[Statement]:
    """The analysts' queries (``cypher/queries/*.cypher``), sorted by name."""
    return sorted(read_statements("queries").values(), key=lambda s: s.name)


def get_query(name: str) -> Statement:
    """One analysts' query by name; :class:`QueryError` naming the known ones otherwise.

    >>> get_query("miembros_instancia").params
    ('instancia',)
    """
    queries = read_statements("queries")
    if name not in queries:
        known = ", ".join(sorted(queries))
        raise QueryError(f"no existe la consulta «{name}». Consultas disponibles: {known} "
                         "(`pat-graph query --lista`)")
    return queries[name]


def check_params(query: Statement, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of ``query``, checked: every one given, no unknown one.

    >>> check_params(get_query("miembros_instancia"), {"instancia": "I-01"})
    {'instancia': 'I-01'}
    """
    missing = [p for p in query.params if p not in params]
    extra = [p for p in params if p not in query.params]
    if missing or extra:
        parts = []
        if missing:
            parts.append("faltan " + ", ".join(missing))
        if extra:
            parts.append("sobran " + ", ".join(extra))
        example = " ".join(f"-p {p} VALOR" for p in query.params)
        raise QueryError(f"parámetros de «{query.name}»: {'; '.join(parts)}. "
                         f"Uso: pat-graph query {query.name} {example}".rstrip())
    return dict(params)


__all__ = ["CYPHER_DIR", "Statement", "parse_cypher", "read_statements", "statement",
           "schema_statements", "list_queries", "get_query", "check_params"]
