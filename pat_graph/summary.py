"""A Spanish summary of the graph: counts by label, relationship type, sector and department.

Pure functions of a graph (:func:`summarize`) and a renderer (:func:`render_markdown`).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Actor:A1", label="Actor", sector="publico", department_code="50")
>>> g.add_node("Territory:50", label="Territory", kind="department", name="Meta", dane_code="50")
>>> s = summarize(g)
>>> s.nodes_by_label["Actor"], s.actors_by_sector, s.departments[0]["actores"]
(1, {'publico': 1}, 1)
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from pat_graph.formatting import date_es, integer

if TYPE_CHECKING:
    from pat_graph.analytics.records import DepartmentRecords
from pat_graph.model import (
    ACTOR,
    LABEL_ES,
    REL_ES,
    SECTORS,
    TERRITORY,
    VOCABULARIES,
)


@dataclass(slots=True)
class GraphSummary:
    nodes_by_label: dict[str, int] = field(default_factory=dict)
    edges_by_type: dict[str, int] = field(default_factory=dict)
    actors_by_sector: dict[str, int] = field(default_factory=dict)
    actors_by_level: dict[str, int] = field(default_factory=dict)
    departments: list[dict] = field(default_factory=list)
    pdet_municipalities: int = 0

    @property
    def nodes(self) -> int:
        return sum(self.nodes_by_label.values())

    @property
    def edges(self) -> int:
        return sum(self.edges_by_type.values())

    def to_dict(self) -> dict:
        d = asdict(self)
        d["nodes"] = self.nodes
        d["edges"] = self.edges
        return d


def summarize(g: nx.MultiDiGraph) -> GraphSummary:
    """Counts of the graph, and per department its record coverage
    (:func:`pat_graph.analytics.records.record_coverage`: actors, instances,
    instruments, agreements, events, linkages, programmes that reached it, first and
    last record date)."""
    from pat_graph.analytics.records import record_coverage

    s = GraphSummary()
    labels: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    for _, d in g.nodes(data=True):
        label = d.get("label", "")
        labels[label] += 1
        if label == TERRITORY:
            if d.get("kind") != "department" and d.get("is_pdet"):
                s.pdet_municipalities += 1
            continue
        if label == ACTOR:
            sectors[d.get("sector", "?")] += 1
            levels[d.get("level", "?")] += 1
    types: Counter[str] = Counter()
    for _, _, t in g.edges(data="type"):
        types[t or ""] += 1
    s.nodes_by_label = dict(sorted(labels.items()))
    s.edges_by_type = dict(sorted(types.items()))
    s.actors_by_sector = {k: sectors[k] for k in [*SECTORS, "?"] if sectors[k]}
    s.actors_by_level = {k: levels[k] for k in [*VOCABULARIES["level"], "?"] if levels[k]}
    s.departments = [coverage_row(r) for r in record_coverage(g).values()]
    return s


def coverage_row(r: DepartmentRecords) -> dict:
    """One department's record coverage as the row ``stats`` and ``cobertura`` show
    (Spanish keys, ISO dates).

    >>> from pat_graph.analytics.records import DepartmentRecords
    >>> coverage_row(DepartmentRecords("27", "Chocó", "2025-01-01", actors=2))["actores"]
    2
    """
    from pat_graph.analytics.index import families_with_records
    from pat_graph.analytics.records import KINDS_ES

    return {"codigo": r.department_code, "departamento": r.department_name,
            **{KINDS_ES[k]: v for k, v in r.counts.items()}, "programas": r.programmes,
            "primer_registro": r.first_record, "ultimo_registro": r.last_record,
            "con_registros": r.has_records, "en_indice": bool(families_with_records(r))}


def render_markdown(s: GraphSummary, title: str = "Resumen del grafo PAT") -> str:
    """The summary as a Spanish Markdown document (readable as plain text too)."""
    lines = [f"# {title}", "", f"{integer(s.nodes)} nodos y {integer(s.edges)} relaciones.", ""]
    lines += ["## Nodos por tipo", "", "| Tipo | Cantidad |", "|---|---:|"]
    lines += [f"| {LABEL_ES.get(k, k)} | {integer(v)} |" for k, v in s.nodes_by_label.items()]
    lines += ["", "## Relaciones por tipo", "", "| Relación | Cantidad |", "|---|---:|"]
    lines += [f"| {REL_ES.get(k, k)} (`{k}`) | {integer(v)} |" for k, v in s.edges_by_type.items()]
    lines += ["", "## Actores por sector", "", "| Sector | Actores |", "|---|---:|"]
    lines += [f"| {VOCABULARIES['sector'].get(k, k)} | {integer(v)} |" for k, v in s.actors_by_sector.items()]
    lines += ["", "## Actores por nivel", "", "| Nivel | Actores |", "|---|---:|"]
    lines += [f"| {VOCABULARIES['level'].get(k, k)} | {integer(v)} |" for k, v in s.actors_by_level.items()]
    lines += ["", "## Cobertura de registros por departamento", "",
              "| Código | Departamento | Actores | Instancias | Instrumentos | Acuerdos | Eventos | "
              "Articulaciones | Programas que llegaron | Primer registro | Último registro |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"]
    empty = []
    for r in s.departments:
        if not r["con_registros"]:
            empty.append(r["departamento"])
            continue
        counts = " | ".join(integer(r[k]) for k in ("actores", "instancias", "instrumentos",
                                                     "acuerdos", "eventos", "articulaciones",
                                                     "programas"))
        lines.append(f"| {r['codigo']} | {r['departamento']} | {counts} | "
                     f"{date_es(r['primer_registro'])} | {date_es(r['ultimo_registro'])} |")
    if empty:
        lines += ["", f"Sin registros ({len(empty)}): {', '.join(empty)}."]
    lines += ["", f"Municipios PDET en el grafo: {integer(s.pdet_municipalities)}.", ""]
    return "\n".join(lines)
