"""A tiny example graph for doctests and tests (re-exported as
``pat_graph.viz.views._example_graph``).
"""

from __future__ import annotations

import networkx as nx


def _example_graph() -> nx.MultiDiGraph:
    """A tiny graph for doctests: Antioquia, three actors, an instance, an agreement, a programme."""
    from pat_graph.graph import graph_from_records
    from pat_graph.model import EdgeRecord as E
    from pat_graph.model import NodeRecord as N

    nodes = [
        N("Territory", "CO", {"name": "Colombia", "kind": "nation"}),
        N("Territory", "05", {"name": "Antioquia", "kind": "department"}),
        N("Actor", "A1", {"name": "SENA", "sector": "publico", "kind": "sena_regional",
                          "level": "departamental", "department_code": "05"}, "actores.csv", 2),
        N("Actor", "A2", {"name": "Cámara de Comercio", "sector": "privado",
                          "kind": "camara_comercio", "level": "departamental",
                          "department_code": "05"}, "actores.csv", 3),
        N("Actor", "A3", {"name": "Universidad de Antioquia", "sector": "academico",
                          "kind": "universidad", "level": "departamental",
                          "department_code": "05"}, "actores.csv", 4),
        N("Instance", "I1", {"name": "Subcomisión Antioquia", "kind": "subcomision_concertacion",
                             "department_code": "05"}, "instancias.csv", 2),
        N("Agreement", "G1", {"name": "Pacto por el empleo", "department_code": "05"},
          "acuerdos.csv", 2),
        N("Program", "P1", {"name": "Servicio Público de Empleo", "owner": "A1"},
          "programas.csv", 2),
    ]
    edges = [
        E("PART_OF", "Territory", "05", "Territory", "CO"),
        E("PARTICIPATES_IN", "Actor", "A1", "Instance", "I1", source="participaciones.csv", row=2),
        E("PARTICIPATES_IN", "Actor", "A2", "Instance", "I1", source="participaciones.csv", row=3),
        E("SIGNED", "Actor", "A2", "Agreement", "G1", source="firmantes.csv", row=2),
        E("SIGNED", "Actor", "A3", "Agreement", "G1", source="firmantes.csv", row=3),
        E("LINKED_TO", "Program", "P1", "Territory", "05", "socializacion",
          {"kind": "socializacion"}, "articulaciones.csv", 2),
        E("LOCATED_IN", "Actor", "A1", "Territory", "05", source="actores.csv", row=2),
        E("OWNS", "Actor", "A1", "Program", "P1", source="programas.csv", row=2),
    ]
    return graph_from_records(nodes, edges, loaded_at="2024-01-01T00:00:00Z")
