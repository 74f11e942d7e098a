"""The domain model: labels, relationship types, vocabularies and records.

This module is the one source of truth for the graph's vocabulary. Loaders,
stores, Cypher files, analytics and views take their labels, relationship
types and enum values from here; nothing else may invent a label.

Labels and identifiers are English (code vocabulary); enum *values* are the
Spanish words of the PAT exchange format (the users' vocabulary), stored
without accents in ``snake_case``.

Graph shape (identical from every store, see ``docs/graph-model.md``)::

    >>> node_id("Actor", "A-0001")
    'Actor:A-0001'
    >>> split_node_id("Territory:05001")
    ('Territory', '05001')
    >>> KEY_PROPERTY["Territory"], KEY_PROPERTY["Actor"]
    ('dane_code', 'id')
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --------------------------------------------------------------------------- labels
TERRITORY = "Territory"
ACTOR = "Actor"
INSTANCE = "Instance"
PROGRAM = "Program"
INSTRUMENT = "Instrument"
AGREEMENT = "Agreement"
EVENT = "Event"

LABELS: tuple[str, ...] = (TERRITORY, ACTOR, INSTANCE, PROGRAM, INSTRUMENT, AGREEMENT, EVENT)

#: The property that identifies a node of each label (its key).
KEY_PROPERTY: dict[str, str] = {label: "id" for label in LABELS} | {TERRITORY: "dane_code"}

#: Spanish names of the labels, for people.
LABEL_ES: dict[str, str] = {
    TERRITORY: "Territorio",
    ACTOR: "Actor",
    INSTANCE: "Instancia de participación",
    PROGRAM: "Programa nacional",
    INSTRUMENT: "Instrumento de política",
    AGREEMENT: "Acuerdo",
    EVENT: "Evento",
}
#: The same labels in the plural (counts of many: "Actores 3.223").
LABEL_PLURAL_ES: dict[str, str] = {
    TERRITORY: "Territorios", ACTOR: "Actores", INSTANCE: "Instancias de participación",
    PROGRAM: "Programas nacionales", INSTRUMENT: "Instrumentos de política",
    AGREEMENT: "Acuerdos", EVENT: "Eventos",
}

# ------------------------------------------------------------------ relationship types
PART_OF = "PART_OF"
LOCATED_IN = "LOCATED_IN"
PARTICIPATES_IN = "PARTICIPATES_IN"
SCOPED_TO = "SCOPED_TO"
SIGNED = "SIGNED"
OWNS = "OWNS"
LINKED_TO = "LINKED_TO"
IMPLEMENTS = "IMPLEMENTS"
GAVE_FEEDBACK = "GAVE_FEEDBACK"
HAS_INSTRUMENT = "HAS_INSTRUMENT"
LEADS = "LEADS"
ATTENDED = "ATTENDED"
PRESENTED = "PRESENTED"

#: relationship type -> (allowed source labels, allowed target labels)
REL_TYPES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    PART_OF: (frozenset({TERRITORY}), frozenset({TERRITORY})),
    LOCATED_IN: (frozenset({ACTOR}), frozenset({TERRITORY})),
    PARTICIPATES_IN: (frozenset({ACTOR}), frozenset({INSTANCE})),
    SCOPED_TO: (frozenset({INSTANCE, AGREEMENT, INSTRUMENT, EVENT}), frozenset({TERRITORY})),
    SIGNED: (frozenset({ACTOR}), frozenset({AGREEMENT})),
    OWNS: (frozenset({ACTOR}), frozenset({PROGRAM})),
    LINKED_TO: (frozenset({PROGRAM}), frozenset({TERRITORY})),
    IMPLEMENTS: (frozenset({ACTOR}), frozenset({PROGRAM})),
    GAVE_FEEDBACK: (frozenset({ACTOR}), frozenset({PROGRAM})),
    HAS_INSTRUMENT: (frozenset({TERRITORY}), frozenset({INSTRUMENT})),
    LEADS: (frozenset({ACTOR}), frozenset({INSTRUMENT})),
    ATTENDED: (frozenset({ACTOR}), frozenset({EVENT})),
    PRESENTED: (frozenset({EVENT}), frozenset({PROGRAM})),
}

REL_ES: dict[str, str] = {
    PART_OF: "forma parte de",
    LOCATED_IN: "ubicado en",
    PARTICIPATES_IN: "participa en",
    SCOPED_TO: "ámbito territorial",
    SIGNED: "firmó",
    OWNS: "es dueño de",
    LINKED_TO: "articulado con",
    IMPLEMENTS: "implementa",
    GAVE_FEEDBACK: "retroalimentó",
    HAS_INSTRUMENT: "tiene instrumento",
    LEADS: "lidera",
    ATTENDED: "asistió",
    PRESENTED: "presentó",
}

# ----------------------------------------------------------------------- vocabularies
#: Enum vocabularies of the exchange format: name -> {value: Spanish label}.
#: Values are compared accent- and case-insensitively on input and stored as written here.
VOCABULARIES: dict[str, dict[str, str]] = {
    "sector": {
        "publico": "Público",
        "privado": "Privado",
        "academico": "Académico",
        "comunitario": "Comunitario",
        "cooperacion": "Cooperación",
    },
    "level": {
        "nacional": "Nacional",
        "departamental": "Departamental",
        "municipal": "Municipal",
    },
    "instance_kind": {
        "subcomision_concertacion": "Subcomisión de Concertación",
        "subcomite_desarrollo_administrativo": "Subcomité de Desarrollo Administrativo",
        "red_formalizacion": "Red de Formalización",
        "red_ormet": "Red ORMET",
        "comision_regional_competitividad": "Comisión Regional de Competitividad",
        "otro_espacio": "Otro espacio",
    },
    "instance_status": {"activa": "Activa", "inactiva": "Inactiva"},
    "participation_role": {
        "presidencia": "Presidencia",
        "secretaria_tecnica": "Secretaría técnica",
        "miembro": "Miembro",
        "invitado": "Invitado",
    },
    "agreement_status": {
        "en_construccion": "En construcción",
        "firmado": "Firmado",
        "en_implementacion": "En implementación",
        "finalizado": "Finalizado",
    },
    "linkage_kind": {
        "socializacion": "Socialización",
        "implementacion": "Implementación",
        "retroalimentacion": "Retroalimentación",
    },
    "instrument_kind": {
        "politica_publica_trabajo_decente": "Política pública de trabajo decente",
        "plan_empleo": "Plan de empleo",
        "plan_desarrollo_lineamientos": "Lineamientos en el plan de desarrollo",
        "estructura_administrativa": "Estructura administrativa",
        "fuente_financiacion": "Fuente de financiación",
    },
    "instrument_status": {
        "diagnostico": "Diagnóstico",
        "formulacion": "Formulación",
        "adoptado": "Adoptado",
        "implementacion": "Implementación",
        "seguimiento": "Seguimiento",
    },
    "event_kind": {
        "socializacion_oferta": "Socialización de oferta",
        "asistencia_tecnica": "Asistencia técnica",
        "transferencia_conocimiento_dt": "Transferencia de conocimiento a la DT",
        "mesa_tecnica": "Mesa técnica",
        "otro": "Otro",
    },
}

SECTORS: tuple[str, ...] = tuple(VOCABULARIES["sector"])
LEVELS: tuple[str, ...] = tuple(VOCABULARIES["level"])
INSTANCE_KINDS: tuple[str, ...] = tuple(VOCABULARIES["instance_kind"])
#: The five seed instance types every department is expected to have (``otro_espacio`` excluded).
SEED_INSTANCE_KINDS: tuple[str, ...] = INSTANCE_KINDS[:5]
#: National networks: instances of these kinds may be national (scoped to ``CO``).
NATIONAL_NETWORK_KINDS: tuple[str, ...] = ("red_ormet", "red_formalizacion")
INSTRUMENT_KINDS: tuple[str, ...] = tuple(VOCABULARIES["instrument_kind"])
INSTRUMENT_STATUSES: tuple[str, ...] = tuple(VOCABULARIES["instrument_status"])
LINKAGE_KINDS: tuple[str, ...] = tuple(VOCABULARIES["linkage_kind"])

#: Common actor kinds (``tipo``); free text is allowed and normalised to snake_case.
COMMON_ACTOR_KINDS: tuple[str, ...] = (
    "entidad_nacional",
    "gobernacion",
    "alcaldia",
    "direccion_territorial",
    "sena_regional",
    "camara_comercio",
    "caja_compensacion",
    "gremio",
    "empresa",
    "universidad",
    "ormet",
    "organizacion_comunitaria",
    "sindicato",
    "ong",
    "organismo_internacional",
)

#: Territory kinds (``Territory.kind``).
TERRITORY_KINDS: tuple[str, ...] = ("nation", "department", "municipality")
NATION_CODE = "CO"

#: Provenance properties carried by every node and relationship.
PROVENANCE: tuple[str, ...] = ("source", "row", "loaded_at")


#: Spanish labels of values that are free text in the input (not validated as a
#: vocabulary): common actor kinds, agreement themes, signatory roles.
DISPLAY_ES: dict[str, dict[str, str]] = {
    "actor_kind": {
        "entidad_nacional": "Entidad nacional", "gobernacion": "Gobernación",
        "alcaldia": "Alcaldía", "direccion_territorial": "Dirección Territorial",
        "sena_regional": "SENA regional", "camara_comercio": "Cámara de comercio",
        "caja_compensacion": "Caja de compensación", "gremio": "Gremio",
        "empresa": "Empresa", "sindicato": "Sindicato", "universidad": "Universidad",
        "institucion_educacion_superior": "Institución de educación superior",
        "ormet": "ORMET", "ong": "ONG", "organizacion_comunitaria": "Organización comunitaria",
        "organismo_internacional": "Organismo internacional",
        "asociacion_pensionados": "Asociación de pensionados",
    },
    "agreement_theme": {
        "empleo": "Empleo", "emprendimiento": "Emprendimiento",
        "trabajo_decente": "Trabajo decente", "proteccion_vejez": "Protección a la vejez",
        "formalizacion": "Formalización", "economia_solidaria": "Economía solidaria",
    },
    "signatory_role": {"lider": "Líder", "aliado": "Aliado", "firmante": "Firmante"},
    # codes of the analytics' output (tables of gaps, linkages, queries); a gap code not
    # listed reads as words ("red_sin_participante" -> "Red sin participante")
    "gap_code": {
        "falta_instancia": "Falta la instancia", "falta_instrumento": "Falta el instrumento",
        "falta_instrumento_municipal": "Falta el instrumento municipal",
        "grupo_sin_dt": "Grupo sin Dirección Territorial", "sin_dt": "Sin Dirección Territorial",
        "subcomision_no_tripartita": "Subcomisión no tripartita",
        "grupo_sin_publico": "Grupo sin sector público",
        "par_sin_vinculo": "Par de sectores sin vínculo",
        "par_un_solo_actor": "Par de sectores unido por un solo actor",
        "politica_no_sostenible": "Política no sostenible",
        "programa_no_llega": "Programa que no llega",
        "punto_articulacion": "Punto de articulación",
        "sin_retroalimentacion": "Sin retroalimentación",
        "socializado_no_implementado": "Socializado, no implementado",
        "red_sin_participante": "Red sin participante del departamento",
        "instancia_sin_sector": "Instancia sin un sector",
        "instrumento_estancado": "Instrumento estancado",
        "actor_aislado": "Actor aislado",
        "nota": "Nota",
    },
    "gap_family": {
        "instancias": "Instancias", "instrumentos": "Instrumentos", "sectores": "Sectores",
        "programas": "Programas", "fragilidad": "Fragilidad",
    },
    "gap_status": {"cerrada": "Cerrada", "abierta": "Abierta"},
    "programme_state": {
        "ninguno": "Ninguno", "socializado": "Socializado", "implementado": "Implementado",
        "retroalimentado": "Retroalimentado",
    },
    "link_kind": {"acuerdo": "Acuerdo", "instancia": "Instancia"},
    "change_kind": {"nuevo": "Nuevo", "terminado": "Terminado"},
    "node_label": {
        "actor": "Actor", "departamento": "Departamento", "municipio": "Municipio",
        "programa": "Programa", "instancia": "Instancia", "acuerdo": "Acuerdo",
        "territorio": "Territorio",
    },
}


#: Spanish name of each vocabulary (headers of the template's ``Listas`` sheet ...).
VOCABULARY_ES: dict[str, str] = {
    "sector": "Sector", "level": "Nivel", "instance_kind": "Tipo de instancia",
    "instance_status": "Estado de la instancia", "participation_role": "Rol en la instancia",
    "agreement_status": "Estado del acuerdo", "linkage_kind": "Tipo de articulación",
    "instrument_kind": "Tipo de instrumento", "instrument_status": "Estado del instrumento",
    "event_kind": "Tipo de evento", "actor_kind": "Tipo de actor",
    "agreement_theme": "Tema", "signatory_role": "Rol del firmante",
}


def label_es(vocabulary: str, value: str) -> str:
    """Spanish label of a vocabulary value; a free-text snake_case value of a display
    vocabulary (:data:`DISPLAY_ES`) not listed there reads as words; any other
    unknown value is returned as it is.

    >>> label_es("sector", "academico"), label_es("agreement_theme", "proteccion_vejez")
    ('Académico', 'Protección a la vejez')
    >>> label_es("actor_kind", "institucion_educacion_superior"), label_es("actor_kind", "mesa_local")
    ('Institución de educación superior', 'Mesa local')
    """
    known = VOCABULARIES.get(vocabulary)
    if known is not None:
        return known.get(value, value)
    display = DISPLAY_ES.get(vocabulary)
    if display is None:
        return value
    if value in display:
        return display[value]
    return value.replace("_", " ").capitalize() if value else value


# ------------------------------------------------------------------------- node ids
def node_id(label: str, key: str) -> str:
    """The networkx node id of a node: ``"<Label>:<key>"``.

    >>> node_id("Territory", "05")
    'Territory:05'
    """
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    return f"{label}:{key}"


def split_node_id(nid: str) -> tuple[str, str]:
    """Inverse of :func:`node_id`.

    >>> split_node_id("Instance:I-01")
    ('Instance', 'I-01')
    """
    label, _, key = nid.partition(":")
    return label, key


# -------------------------------------------------------------------------- records
Scalar = str | int | float | bool


@dataclass(frozen=True, slots=True)
class NodeRecord:
    """One node to upsert: ``label`` + ``key`` identify it; ``props`` exclude provenance.

    ``props`` never contain ``None``: an empty value is an absent property.
    """

    label: str
    key: str
    props: dict[str, Scalar] = field(default_factory=dict)
    source: str = ""
    row: int = 0

    @property
    def node_id(self) -> str:
        return node_id(self.label, self.key)


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """One relationship to upsert, identified by (type, start, end, ``ekey``).

    ``ekey`` tells apart several relationships of one type between the same two
    nodes (e.g. two ``LINKED_TO`` of different kinds); it is ``""`` when a pair
    has at most one relationship of that type.
    """

    type: str
    start_label: str
    start_key: str
    end_label: str
    end_key: str
    ekey: str = ""
    props: dict[str, Scalar] = field(default_factory=dict)
    source: str = ""
    row: int = 0

    @property
    def start_id(self) -> str:
        return node_id(self.start_label, self.start_key)

    @property
    def end_id(self) -> str:
        return node_id(self.end_label, self.end_key)

    @property
    def edge_key(self) -> str:
        """The networkx edge key: the type, plus ``ekey`` when there is one."""
        return f"{self.type}|{self.ekey}" if self.ekey else self.type


@dataclass(slots=True)
class RecordBatch:
    """Everything one load writes: nodes first, then relationships."""

    nodes: list[NodeRecord] = field(default_factory=list)
    edges: list[EdgeRecord] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.nodes) + len(self.edges)

    def extend(self, other: RecordBatch) -> None:
        self.nodes.extend(other.nodes)
        self.edges.extend(other.edges)


def check_vocabulary(record: NodeRecord | EdgeRecord) -> None:
    """Raise ``ValueError`` if a record uses a label or type outside the model.

    Stores call this before writing so that no label ever comes from input.
    """
    if isinstance(record, NodeRecord):
        check_label(record.label)
    else:
        check_relationship(record.type, record.start_label, record.end_label)


def check_batch_vocabulary(batch: RecordBatch) -> None:
    """:func:`check_vocabulary` of every record of ``batch``, checking each label and each
    (type, start label, end label) once (a load has a handful of them among 10⁵ records).

    >>> check_batch_vocabulary(RecordBatch([NodeRecord("Actor", "A-1"), NodeRecord("Persona", "x")]))
    Traceback (most recent call last):
    ValueError: unknown label 'Persona'
    """
    for label in sorted({n.label for n in batch.nodes}):
        check_label(label)
    for kind in sorted({(e.type, e.start_label, e.end_label) for e in batch.edges}):
        check_relationship(*kind)


def check_label(label: str) -> None:
    """Raise ``ValueError`` if ``label`` is not a node label of the model."""
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")


def check_relationship(rtype: str, start_label: str, end_label: str) -> None:
    """Raise ``ValueError`` unless the model has ``rtype`` from ``start_label`` to ``end_label``."""
    allowed = REL_TYPES.get(rtype)
    if allowed is None:
        raise ValueError(f"unknown relationship type {rtype!r}")
    starts, ends = allowed
    if start_label not in starts or end_label not in ends:
        raise ValueError(f"{rtype} cannot go from {start_label} to {end_label}")

