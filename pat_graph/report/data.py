"""The plain data of a ficha diagnóstico departamental (no HTML here).

Every field is a value computed by :mod:`pat_graph.analytics`,
:mod:`pat_graph.recommend` or read from the graph; :mod:`pat_graph.report.render`
turns a :class:`Ficha` into HTML.

>>> r = ActorRow("A-03", "Gobernación del Meta", "publico", "gobernacion", "departamental", "")
>>> r.sector_es, r.kind_es
('Público', 'Gobernación')
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pat_graph.model import label_es


def kind_es(kind: str) -> str:
    """Spanish form of an actor kind (:data:`pat_graph.model.DISPLAY_ES`).

    >>> kind_es("caja_compensacion"), kind_es("asociacion_pensionados"), kind_es("")
    ('Caja de compensación', 'Asociación de pensionados', 'Sin tipo')
    """
    return label_es("actor_kind", kind) if kind else "Sin tipo"


@dataclass
class Municipality:
    code: str
    name: str
    is_pdet: bool = False
    pdet_subregion: str = ""


@dataclass
class TerritoryInfo:
    """The department and its municipalities (DIVIPOLA), PDET ones flagged."""

    capital: str = ""
    municipalities: list[Municipality] = field(default_factory=list)

    @property
    def pdet(self) -> list[Municipality]:
        return [m for m in self.municipalities if m.is_pdet]

    @property
    def pdet_subregions(self) -> list[str]:
        return sorted({m.pdet_subregion for m in self.pdet if m.pdet_subregion})


@dataclass
class ActorRow:
    id: str
    name: str
    sector: str
    kind: str
    level: str
    place: str

    @property
    def sector_es(self) -> str:
        return label_es("sector", self.sector) if self.sector else "Sin sector"

    @property
    def kind_es(self) -> str:
        return kind_es(self.kind)

    @property
    def level_es(self) -> str:
        return label_es("level", self.level)


@dataclass
class Member:
    """An actor in an instance (``role``) or agreement (signatory ``role``)."""

    id: str
    name: str
    sector: str
    role: str = ""
    local: bool = True

    @property
    def sector_es(self) -> str:
        return label_es("sector", self.sector) if self.sector else "Sin sector"

    @property
    def role_es(self) -> str:
        """The role in Spanish (participation role or agreement signatory role).

        >>> Member("A", "x", "publico", "lider").role_es, Member("A", "x", "", "miembro").role_es
        ('Líder', 'Miembro')
        """
        r = label_es("participation_role", self.role)
        return label_es("signatory_role", r) if r == self.role else r


@dataclass
class InstanceRow:
    id: str
    name: str
    kind: str
    status: str
    created: str
    scope: str
    members: list[Member] = field(default_factory=list)
    missing_sectors: list[str] = field(default_factory=list)
    national: bool = False
    total_members: int = 0

    @property
    def kind_es(self) -> str:
        return label_es("instance_kind", self.kind)

    @property
    def status_es(self) -> str:
        return label_es("instance_status", self.status)

    @property
    def composition(self) -> dict[str, int]:
        """Members by sector (Spanish names), in the order of the vocabulary."""
        from pat_graph.model import SECTORS

        counts = {s: sum(1 for m in self.members if m.sector == s) for s in (*SECTORS, "")}
        return {label_es("sector", s) if s else "Sin sector": n for s, n in counts.items() if n}


@dataclass
class InstrumentRow:
    id: str
    name: str
    kind: str
    status: str
    act: str
    date: str
    territory: str
    leader: str
    flags: list[str] = field(default_factory=list)

    @property
    def kind_es(self) -> str:
        return label_es("instrument_kind", self.kind)

    @property
    def status_es(self) -> str:
        return label_es("instrument_status", self.status) if self.status else "Sin estado"


@dataclass
class ProgrammeRow:
    """A national programme and how it reached the department (``via``, dated steps)."""

    id: str
    name: str
    owner: str
    state: str
    via: list[str] = field(default_factory=list)
    owner_acronym: str = ""

    def owner_short(self, width: int = 34) -> str:
        """The owner as it fits a narrow column: its name, or its acronym (sigla) when
        the name is longer than ``width`` (two agencies whose names start alike stay
        apart), else the name cut.

        >>> p = ProgrammeRow("P", "x", "Unidad Administrativa Especial del Servicio Público de Empleo",
        ...                  "socializado", owner_acronym="SPE")
        >>> p.owner_short(), ProgrammeRow("P", "x", "Ministerio del Trabajo", "").owner_short()
        ('SPE', 'Ministerio del Trabajo')
        """
        if len(self.owner) <= width:
            return self.owner
        if self.owner_acronym:
            return self.owner_acronym
        return self.owner[:width - 1].rstrip() + "…"

    @property
    def state_es(self) -> str:
        return {"ninguno": "No ha llegado", "socializado": "Socializado",
                "implementado": "Implementado", "retroalimentado": "Retroalimentado"}.get(
            self.state, self.state)


@dataclass
class AgreementRow:
    id: str
    name: str
    theme: str
    signed: str
    status: str
    scope: str
    signatories: list[Member] = field(default_factory=list)

    @property
    def status_es(self) -> str:
        return label_es("agreement_status", self.status) if self.status else ""

    @property
    def theme_es(self) -> str:
        return label_es("agreement_theme", self.theme)


@dataclass
class EventRow:
    """An event held in the department (annex)."""

    id: str
    name: str
    kind: str
    date: str
    attendees: int
    programmes: list[str] = field(default_factory=list)

    @property
    def kind_es(self) -> str:
        return label_es("event_kind", self.kind)


@dataclass
class KindState:
    """One of the five instance or instrument types: whether the department has it and how."""

    kind: str
    label: str
    present: bool
    detail: str = ""


@dataclass
class TopGap:
    """A gap that weighs in the index, with what it means and what to do, in plain Spanish."""

    family: str
    family_title: str
    points: float
    message: str
    meaning: str
    action: str


@dataclass
class GapGroup:
    """The gaps of one family (Spanish title, messages); ``recorded`` False when the
    department has no records the family reads ("sin registros": no gaps, no points),
    ``stale`` when its last record is older than the staleness threshold."""

    family: str
    title: str
    points: float
    messages: list[str] = field(default_factory=list)
    recorded: bool = True
    stale: bool = False


@dataclass
class RecordRow:
    """One record family in the "Registros" block: how many records the store holds
    for the department, first and last date (ISO, ``""`` when undated), staleness.

    >>> RecordRow("events", "eventos", 0).state
    'sin registros'
    >>> RecordRow("actors", "actores", 12, "2021-03-01", "2022-01-05", stale=True).state
    'desactualizado'
    """

    kind: str
    label: str
    count: int
    first: str = ""
    last: str = ""
    stale: bool = False

    @property
    def state(self) -> str:
        if not self.count:
            return "sin registros"
        return "desactualizado" if self.stale else "al día"


@dataclass
class BrokerRow:
    id: str
    name: str
    sector: str
    kind: str
    degree: int
    betweenness: float
    articulation_point: bool

    @property
    def sector_es(self) -> str:
        return label_es("sector", self.sector) if self.sector else "Sin sector"


@dataclass
class RecommendationRow:
    names: list[str]
    sectors: list[str]
    score: float
    reasons: str


@dataclass
class SourceRow:
    """One source file behind the figures: records read from it and its latest load."""

    source: str
    nodes: int
    edges: int
    loaded_at: str


@dataclass
class Ficha:
    """Everything the ficha diagnóstico departamental shows, as plain data."""

    department_code: str
    department_name: str
    as_of: str | None
    effective_date: str
    territory: TerritoryInfo
    actors: list[ActorRow]
    outside_actors: list[ActorRow]
    instances: list[InstanceRow]
    active_instance_kinds: list[str]
    missing_instance_kinds: list[str]
    subcomision_missing_parties: list[str]
    has_subcomision: bool
    instruments: list[InstrumentRow]
    missing_instrument_kinds: list[str]
    programmes: list[ProgrammeRow]
    agreements: list[AgreementRow]
    sector_matrix: dict[str, dict[str, float]]
    helix_completeness: float
    gap_score: float | None  # None: sin registros (issue 22)
    gap_rank: int | None
    departments_ranked: int
    national_mean: float | None
    gap_explanation: list[str]
    gap_groups: list[GapGroup]
    brokers: list[BrokerRow]
    brokers_sampled: bool
    network_actors: int
    network_ties: int
    articulation_points: list[str]
    single_broker_pairs: list[str]
    isolated: list[str]
    recommendations: list[RecommendationRow] | None
    recommendations_note: str
    network_svg: str
    sources: list[SourceRow]
    loads: list[dict[str, Any]] = field(default_factory=list)
    events: list[EventRow] = field(default_factory=list)
    instance_states: list[KindState] = field(default_factory=list)
    instrument_states: list[KindState] = field(default_factory=list)
    top_gaps: list[TopGap] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    #: What the store holds for the department, one row per record family
    #: (:func:`pat_graph.analytics.record_coverage`), in display order.
    coverage: list[RecordRow] = field(default_factory=list)
    first_record: str | None = None
    last_record: str | None = None
    #: "puesto X de N departamentos con registros" or "sin registros".
    gap_position: str = ""
    #: Titles of the gap families the department has no records of (no gaps, no points).
    families_without_records: list[str] = field(default_factory=list)
    #: Titles of the gap families whose last record is older than the threshold.
    stale_families: list[str] = field(default_factory=list)
    stale_months: int = 24
    #: Families without records of the summary's state tables ("instancias",
    #: "instrumentos", "programas"): shown as "sin registros", never as "falta".
    unrecorded: list[str] = field(default_factory=list)
    #: Actors of the network (``network_actors``) with at least one tie, and the actors
    #: from outside the department (``outside_actors``) that are in it: the annex says
    #: how the network's actors relate to the actors the ficha lists.
    network_tied: int = 0
    network_outside: int = 0

    @property
    def sample_markers(self) -> list[str]:
        """The markers of synthetic data («(ejemplo)», «(demo)») that some name in the
        ficha carries, in that order (the footer speaks of them only when they appear).

        >>> f = Ficha.__new__(Ficha)
        >>> f.actors, f.outside_actors, f.instances, f.instruments = [], [], [], []
        >>> f.agreements, f.events, f.programmes = [], [], []
        >>> f.sample_markers
        []
        >>> f.actors = [ActorRow("A", "Empresa (demo) 7", "privado", "empresa", "", "")]
        >>> f.sample_markers
        ['(demo)']
        """
        names = [x.name for rows in (self.actors, self.outside_actors, self.instances,
                                     self.instruments, self.agreements, self.events,
                                     self.programmes) for x in rows]
        names += [m.name for i in self.instances for m in i.members]
        names += [m.name for a in self.agreements for m in a.signatories]
        return [m for m in ("(ejemplo)", "(demo)") if any(m in n for n in names)]

    @property
    def has_records(self) -> bool:
        """Whether the store holds any record for the department (else: no index, no rank)."""
        return any(r.count for r in self.coverage)

    def record_count(self, kind: str) -> int:
        """How many records of ``kind`` (:data:`pat_graph.analytics.records.KINDS`) the
        store holds for the department: the number ``pat-graph cobertura`` shows (one
        function, :func:`pat_graph.analytics.record_coverage`).

        >>> f = Ficha.__new__(Ficha); f.coverage = [RecordRow("instances", "instancias", 8)]
        >>> f.record_count("instances"), f.record_count("events")
        (8, 0)
        """
        return next((r.count for r in self.coverage if r.kind == kind), 0)

    @property
    def national_instances(self) -> list[InstanceRow]:
        """National networks with participants from the department (listed in the
        ficha, not counted among its records: they belong to no department)."""
        return [i for i in self.instances if i.national]

    @property
    def actors_by_sector(self) -> dict[str, int]:
        """Actors located in the department by sector (Spanish names), vocabulary order."""
        from pat_graph.model import SECTORS

        out = {}
        for s in (*SECTORS, ""):
            n = sum(1 for a in self.actors if a.sector == s)
            if n:
                out[label_es("sector", s) if s else "Sin sector"] = n
        return out

    @property
    def actors_by_kind(self) -> dict[str, int]:
        """Actors by kind (Spanish), most frequent first."""
        counts: dict[str, int] = {}
        for a in self.actors:
            counts[a.kind_es] = counts.get(a.kind_es, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
