"""What the detail panel of a network view shows for a node or a relationship: Spanish
field names and Spanish values — vocabulary labels (:func:`pat_graph.model.label_es`),
dates as DD/MM/AAAA (:func:`pat_graph.formatting.date_es`), territory and actor codes
as names — never the stored codes (``publico``, ``lider``, ``05001``).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05001", label="Territory", name="Medellín")
>>> display_properties("Actor", {"sector": "publico", "kind": "gobernacion",
...                              "municipality_code": "05001", "row": 3}, g)
{'Tipo': 'Gobernación', 'Municipio': 'Medellín', 'Sector': 'Público'}
>>> display_properties("SIGNED", {"role": "lider", "type": "SIGNED"}, g)
{'Rol': 'Líder'}
>>> display_provenance({"source": "actores.csv", "row": 12, "loaded_at": "2026-01-02T10:00:00+00:00"})
{'Archivo': 'actores.csv', 'Fila': '12', 'Cargado el': '02/01/2026'}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from pat_graph import model
from pat_graph.formatting import date_es, number

#: Spanish name of each stored field (fields not listed keep their name).
FIELD_ES: dict[str, str] = {
    "id": "Id", "name": "Nombre", "acronym": "Sigla", "nit": "NIT", "sector": "Sector",
    "kind": "Tipo", "level": "Nivel", "status": "Estado", "theme": "Tema",
    "department_code": "Departamento", "municipality_code": "Municipio",
    "capital_code": "Capital", "dane_code": "Código DANE", "divipola_type": "Tipo DIVIPOLA",
    "is_pdet": "Municipio PDET", "pdet_subregion": "Subregión PDET", "latitude": "Latitud",
    "longitude": "Longitud", "created": "Creada", "signed": "Firmado", "date": "Fecha",
    "since": "Desde", "until": "Hasta", "role": "Rol", "act": "Acto", "leader": "Lidera",
    "owner": "Responsable", "territory": "Territorio", "actor": "Actor", "event": "Evento",
    # the national view's per-department counts and index (pat_graph.viz.national)
    "actores": "Actores", "instancias": "Instancias", "acuerdos": "Acuerdos",
    "instrumentos": "Instrumentos", "indice_brechas": "Índice de brechas",
    "puesto_brechas": "Puesto en el índice",
}
#: Vocabulary of ``kind`` / ``status`` by node label or relationship type.
KIND_VOCABULARY: dict[str, str] = {
    model.ACTOR: "actor_kind", model.INSTANCE: "instance_kind",
    model.INSTRUMENT: "instrument_kind", model.EVENT: "event_kind",
    model.LINKED_TO: "linkage_kind",
}
STATUS_VOCABULARY: dict[str, str] = {
    model.INSTANCE: "instance_status", model.AGREEMENT: "agreement_status",
    model.INSTRUMENT: "instrument_status",
}
ROLE_VOCABULARY: dict[str, str] = {
    model.PARTICIPATES_IN: "participation_role", model.SIGNED: "signatory_role",
}
TERRITORY_KIND_ES = {"nation": "Nación", "department": "Departamento",
                     "municipality": "Municipio"}
#: Fields never shown in the panel (the label, the type, provenance: shown apart).
HIDDEN = frozenset({"label", "type", "weight", *model.PROVENANCE})
DATE_FIELDS = frozenset({"created", "signed", "date", "since", "until"})
TERRITORY_FIELDS = frozenset({"department_code", "municipality_code", "capital_code",
                              "territory"})
ACTOR_FIELDS = frozenset({"leader", "owner", "actor"})


def _node_name(g: nx.MultiDiGraph, label: str, code: str) -> str:
    node = g.nodes.get(model.node_id(label, code)) if code else None
    return str(node.get("name") or code) if node else code


def display_value(kind: str, key: str, value: Any, g: nx.MultiDiGraph) -> str:
    """One stored value as the panel shows it (``kind``: node label or relationship type).

    >>> display_value("Instance", "kind", "red_ormet", nx.MultiDiGraph())
    'Red ORMET'
    >>> display_value("Agreement", "signed", "2024-03-31", nx.MultiDiGraph())
    '31/03/2024'
    """
    if isinstance(value, bool):
        return "Sí" if value else "No"
    if isinstance(value, float):
        return number(value, 4)
    text = str(value)
    if key == "sector":
        return model.label_es("sector", text)
    if key == "level":
        return model.label_es("level", text)
    if key == "kind" and kind == model.TERRITORY:
        return TERRITORY_KIND_ES.get(text, text)
    if key == "kind" and kind in KIND_VOCABULARY:
        return model.label_es(KIND_VOCABULARY[kind], text)
    if key == "status" and kind in STATUS_VOCABULARY:
        return model.label_es(STATUS_VOCABULARY[kind], text)
    if key == "role" and kind in ROLE_VOCABULARY:
        return model.label_es(ROLE_VOCABULARY[kind], text)
    if key == "theme":
        return model.label_es("agreement_theme", text)
    if key in DATE_FIELDS:
        return date_es(text[:10]) if len(text) >= 10 else text
    if key in TERRITORY_FIELDS:
        return _node_name(g, model.TERRITORY, text)
    if key in ACTOR_FIELDS:
        return _node_name(g, model.ACTOR, text)
    if key == "event":
        return _node_name(g, model.EVENT, text)
    return text


def display_properties(kind: str, data: Mapping[str, Any], g: nx.MultiDiGraph
                       ) -> dict[str, str]:
    """The fields of a node (``kind`` = its label) or relationship (its type) in Spanish,
    sorted by stored key, provenance and empty values left out."""
    return {FIELD_ES.get(k, k): display_value(kind, k, v, g)
            for k, v in sorted(data.items()) if k not in HIDDEN and v not in (None, "")}


def display_provenance(data: Mapping[str, Any]) -> dict[str, str]:
    """Where a node or relationship came from: file, row and load date, in Spanish."""
    out = {}
    if data.get("source"):
        out["Archivo"] = str(data["source"])
    if data.get("row") not in (None, ""):
        out["Fila"] = str(data["row"])
    if data.get("loaded_at"):
        out["Cargado el"] = date_es(str(data["loaded_at"])[:10])
    return out


__all__ = ["FIELD_ES", "display_properties", "display_provenance", "display_value"]
