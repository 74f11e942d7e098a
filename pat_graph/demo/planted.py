"""The planted gaps (see the ``pat_graph.demo`` package docstring for what each one is)
and the constants derived from them that steer the generator."""

from __future__ import annotations

#: Department-level planted gaps: gap -> DANE department codes (see module docstring).
PLANTED_GAPS: dict[str, list[str]] = {
    "sin_subcomision_concertacion": ["88", "94", "97"],
    "sin_subcomite_desarrollo_administrativo": ["85", "91"],
    "sin_red_formalizacion": ["91", "97"],
    "sin_red_ormet": ["88", "94", "99"],
    "sin_comision_regional_competitividad": ["95"],
    "subcomision_inactiva": ["81", "95"],
    "subcomision_sin_sindicato": ["27", "86"],
    "academia_privado_sin_vinculo": ["18", "44", "70"],
    "actor_puente_unico": ["99"],
    "actores_aislados": ["19", "27", "52"],
    "sin_politica_publica_trabajo_decente": ["94", "97", "99"],
    "instrumentos_estancados": ["23", "47", "54"],
    "politica_sin_financiacion": ["20", "41"],
}

#: Programme-level planted gaps: gap -> (programme id, department code) pairs.
PLANTED_PROGRAM_GAPS: dict[str, list[tuple[str, str]]] = {
    "programa_no_llega": [
        ("P-03", "88"), ("P-03", "91"), ("P-03", "97"), ("P-05", "94"), ("P-05", "97"),
        ("P-05", "99"), ("P-08", "88"), ("P-08", "95"), ("P-10", "91"), ("P-10", "94"),
    ],
    "socializado_sin_implementar": [
        ("P-01", "13"), ("P-02", "52"), ("P-04", "19"), ("P-06", "27"), ("P-07", "47"),
        ("P-09", "70"), ("P-02", "86"), ("P-04", "81"),
    ],
    "implementado_sin_retroalimentacion": [
        ("P-01", "20"), ("P-02", "23"), ("P-06", "68"), ("P-07", "15"), ("P-09", "41"),
        ("P-01", "63"), ("P-04", "66"),
    ],
}

_BROKER_DEPT = PLANTED_GAPS["actor_puente_unico"][0]
_SPLIT_DEPTS = set(PLANTED_GAPS["academia_privado_sin_vinculo"])
_CLOSED_DEPTS = _SPLIT_DEPTS | {_BROKER_DEPT}  # their actors have no ties outside them
# In the broker department these kinds meet the others only through the Gobernación.
_BROKER_SIDE_B = frozenset({"organizacion_comunitaria", "ong", "organismo_internacional"})
# Sectors each seed instance needs among its current members (see pat_graph.analytics).
_NEEDED_SECTORS: dict[str, tuple[str, ...]] = {
    "subcomision_concertacion": ("publico", "privado"),
    "subcomite_desarrollo_administrativo": ("publico",),
    "red_formalizacion": ("publico", "privado"),
    "red_ormet": ("publico", "academico"),
    "comision_regional_competitividad": ("publico", "privado", "academico"),
}
