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

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import networkx as nx

from pat_graph.formatting import integer
from pat_graph.model import (
    ACTOR,
    AGREEMENT,
    EVENT,
    INSTANCE,
    INSTRUMENT,
    LABEL_ES,
    LINKED_TO,
    REL_ES,
    SECTORS,
    TERRITORY,
    VOCABULARIES,
)

_COUNTED = {ACTOR: "actores", INSTANCE: "instancias", AGREEMENT: "acuerdos",
            INSTRUMENT: "instrumentos", EVENT: "eventos"}


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
    """Counts of the graph, and per department: actors, instances, agreements,
    instruments, events and national programmes that reached it."""
    s = GraphSummary()
    labels: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    per_dept: dict[str, Counter[str]] = defaultdict(Counter)
    dept_names: dict[str, str] = {}
    for _, d in g.nodes(data=True):
        label = d.get("label", "")
        labels[label] += 1
        if label == TERRITORY:
            if d.get("kind") == "department":
                dept_names[d["dane_code"]] = d.get("name", d["dane_code"])
            elif d.get("is_pdet"):
                s.pdet_municipalities += 1
            continue
        if label == ACTOR:
            sectors[d.get("sector", "?")] += 1
            levels[d.get("level", "?")] += 1
        dept = d.get("department_code")
        if dept and label in _COUNTED:
            per_dept[dept][_COUNTED[label]] += 1
    programmes: dict[str, set[str]] = defaultdict(set)
    types: Counter[str] = Counter()
    for u, v, d in g.edges(data=True):
        types[d.get("type", "")] += 1
        if d.get("type") == LINKED_TO:
            t = g.nodes[v]
            dept = t.get("dane_code") if t.get("kind") == "department" else t.get("department_code")
            if dept:
                programmes[dept].add(u)
    s.nodes_by_label = dict(sorted(labels.items()))
    s.edges_by_type = dict(sorted(types.items()))
    s.actors_by_sector = {k: sectors[k] for k in [*SECTORS, "?"] if sectors[k]}
    s.actors_by_level = {k: levels[k] for k in [*VOCABULARIES["level"], "?"] if levels[k]}
    for code in sorted(dept_names):
        row = {"codigo": code, "departamento": dept_names[code]}
        for name in _COUNTED.values():
            row[name] = per_dept[code][name]
        row["programas"] = len(programmes[code])
        s.departments.append(row)
    return s


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
    lines += ["", "## Por departamento", "",
              "| Código | Departamento | Actores | Instancias | Acuerdos | Instrumentos | Eventos | Programas que llegaron |",
              "|---|---|---:|---:|---:|---:|---:|---:|"]
    for r in s.departments:
        counts = " | ".join(integer(r[k]) for k in ("actores", "instancias", "acuerdos",
                                                     "instrumentos", "eventos", "programas"))
        lines.append(f"| {r['codigo']} | {r['departamento']} | {counts} |")
    lines += ["", f"Municipios PDET en el grafo: {integer(s.pdet_municipalities)}.", ""]
    return "\n".join(lines)
