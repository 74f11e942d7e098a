"""Colours, shapes and edge styles of the views, with their Spanish legend names.

Colours are the Okabe-Ito palette (readable by colour-blind analysts).

>>> SECTOR_COLORS["publico"]
'#0072B2'
>>> LABEL_SHAPES["Actor"]
'dot'
"""

from __future__ import annotations

from pat_graph import model

SECTOR_COLORS: dict[str, str] = {
    "publico": "#0072B2",
    "privado": "#E69F00",
    "academico": "#009E73",
    "comunitario": "#CC79A7",
    "cooperacion": "#D55E00",
}
UNKNOWN_SECTOR_COLOR = "#999999"
UNKNOWN_SECTOR_ES = "Sin sector"

#: vis-network shape of each node label.
LABEL_SHAPES: dict[str, str] = {
    model.ACTOR: "dot",
    model.INSTANCE: "diamond",
    model.AGREEMENT: "square",
    model.PROGRAM: "star",
    model.INSTRUMENT: "triangle",
    model.EVENT: "triangleDown",
    model.TERRITORY: "hexagon",
}
#: fill colour of non-actor nodes (actors are coloured by sector).
LABEL_COLORS: dict[str, str] = {
    model.INSTANCE: "#4D4D4D",
    model.AGREEMENT: "#8C564B",
    model.PROGRAM: "#F0E442",
    model.INSTRUMENT: "#7F7F7F",
    model.EVENT: "#B8B8B8",
    model.TERRITORY: "#E8E8E8",
}

#: relationship type -> (colour, dashed)
REL_STYLES: dict[str, tuple[str, bool]] = {
    model.PARTICIPATES_IN: ("#7A7A7A", False),
    model.SIGNED: ("#8C564B", False),
    model.OWNS: ("#B8860B", False),
    model.LINKED_TO: ("#B8860B", False),
    model.IMPLEMENTS: ("#2E8B57", False),
    model.GAVE_FEEDBACK: ("#6A3D9A", False),
    model.LEADS: ("#555555", False),
    model.ATTENDED: ("#AAAAAA", False),
    model.PRESENTED: ("#C9A227", False),
    model.PART_OF: ("#CCCCCC", False),
    model.LOCATED_IN: ("#DDDDDD", False),
    model.SCOPED_TO: ("#DDDDDD", False),
    model.HAS_INSTRUMENT: ("#999999", False),
}
#: synthetic edge kinds drawn by the views (not relationship types of the model).
RECOMMENDED = "RECOMMENDED"
AGGREGATE = "AGGREGATE"
EXTRA_REL_STYLES: dict[str, tuple[str, bool, str]] = {
    RECOMMENDED: ("#D62728", True, "acuerdo recomendado"),
    AGGREGATE: ("#888888", False, "vínculos agregados"),
}
#: linkage kinds in the programme view
LINKAGE_COLORS: dict[str, str] = {
    "socializacion": "#56B4E9",
    "implementacion": "#009E73",
    "retroalimentacion": "#CC79A7",
}
BRIDGE_COLOR = "#D62728"
ARTICULATION_BORDER = "#D62728"


def sector_color(sector: str | None) -> str:
    """Fill colour of an actor of ``sector`` (grey when unknown).

    >>> sector_color("privado"), sector_color(None)
    ('#E69F00', '#999999')
    """
    return SECTOR_COLORS.get(sector or "", UNKNOWN_SECTOR_COLOR)


def sector_es(sector: str | None) -> str:
    """Spanish name of a sector.

    >>> sector_es("cooperacion"), sector_es("")
    ('Cooperación', 'Sin sector')
    """
    if not sector:
        return UNKNOWN_SECTOR_ES
    return model.label_es("sector", sector)
