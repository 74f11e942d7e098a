"""Entity resolution: which actors of different sources are probably the same institution.

The same institution arrives from several sources (the PAT team's
``actores.csv``, the SNIES list, the chambers list ...) under different ids
and spellings. :func:`find_candidates` compares actors and proposes pairs with
a score in [0, 1] and the evidence in Spanish; nothing is ever merged here.
An analyst decides in a decision file (:func:`read_decisions`) and
:func:`apply_decisions` merges the accepted pairs through the store contract
(``Store.merge_nodes``), keeping every source's provenance.

Evidence and weights (added, then clipped to [0, 1]):

===========================================  ======
same NIT (with/without check digit, dots)     +0.60
different NITs                                -0.50
same name after folding accents/case/punct.   +0.40
same name without common words (Universidad,  +0.30
U., Corporación, Fundación, Caja de
Compensación Familiar, Cámara de Comercio …)
one name contains the other (≥ 2 words)       +0.15
same acronym / acronym = other's initials     +0.15
a name that is the other's acronym (Comfama)  +0.30
same municipality (+0.20), same department    +0.20 / +0.10
(+0.10), both national (+0.10)
different municipality / department           -0.10 / -0.30
===========================================  ======

Pairs that are distinct by construction are never proposed: SNIES campuses of
one institution (principal and its seccionales share the NIT but are separate
SNIES registrations) and chambers with different RUES codes.

>>> a = ActorView("A-7", "U. de Antioquia", nit="890.980.040-8", municipality_code="05001",
...               department_code="05", source="actores.csv", row=8)
>>> b = ActorView("IES-1201", "UNIVERSIDAD DE ANTIOQUIA", nit="890980040",
...               municipality_code="05001", department_code="05", snies_code="1201",
...               snies_parent_code="1201", source="ies_snies.csv", row=9)
>>> c = ActorView("IES-1219", "UNIVERSIDAD DE ANTIOQUIA", nit="890980040-8",
...               municipality_code="05148", department_code="05", snies_code="1219",
...               snies_parent_code="1201", source="ies_snies.csv", row=10)
>>> [(x.keep.id, x.merge.id, x.score) for x in find_candidates([a, b, c])]
[('A-7', 'IES-1201', 1.0)]
>>> print(known_distinct(b, c))
sedes de la misma institución en el SNIES (1201 y 1219)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from pat_graph.errors import InputError, NotFoundError, StoreError
from pat_graph.model import ACTOR, NodeRecord, split_node_id
from pat_graph.store.merge import MergeSummary, split_list
from pat_graph.territories import fold

# ----------------------------------------------------------------------------- weights
W_NIT = 0.60
W_NIT_CONFLICT = -0.50
W_NAME_EXACT = 0.40
W_NAME_CORE = 0.30
W_NAME_CONTAINS = 0.15
W_ACRONYM = 0.15
W_NAME_IS_ACRONYM = 0.30
W_SAME_MUNICIPALITY = 0.20
W_SAME_DEPARTMENT = 0.10
W_BOTH_NATIONAL = 0.10
W_OTHER_MUNICIPALITY = -0.10
W_OTHER_DEPARTMENT = -0.30
DEFAULT_MIN_SCORE = 0.5
#: blocks (same acronym, same name core) larger than this are skipped: a shared
#: acronym such as "SENA" says nothing about which of 150 SENA offices is which.
MAX_BLOCK = 40

# -------------------------------------------------------------------------- names
#: multi-word phrases folded to one "kind" token before tokenising
_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"\b{p}\b"), t) for p, t in (
        (r"cajas? de compensacion familiar", " caja_compensacion "),
        (r"cajas? de compensacion", " caja_compensacion "),
        (r"ccf", " caja_compensacion "),
        (r"camaras? de comercio", " camara_comercio "),
        (r"institucion universitaria", " institucion universitaria "),
    )
)
#: common words removed from the name core, with the kind they imply (None: no kind)
COMMON_WORDS: dict[str, str | None] = {
    "universidad": "ies", "u": "ies", "univ": "ies", "universitaria": "ies",
    "universitario": "ies", "institucion": None, "instituto": None, "inst": None,
    "corporacion": None, "corp": None, "fundacion": None, "fund": None,
    "asociacion": None, "caja_compensacion": "caja_compensacion",
    "camara_comercio": "camara_comercio", "entidad": None, "sa": None, "sas": None,
    "ltda": None, "esp": None,
}
#: kinds that set a name apart: "Regional del Meta" of a caja is not "Regional Meta" of SENA
STRONG_KINDS = frozenset({"caja_compensacion", "camara_comercio"})
STOPWORDS = frozenset({"de", "del", "la", "las", "el", "los", "y", "e", "en", "para", "por",
                       "a", "al", "the", "of"})
_ACRONYM_TAIL = re.compile(r"(?:\s+-\s*|-)([A-Za-zÁÉÍÓÚÑáéíóúñ]{2,12})\s*-?\s*$")
_ACRONYM_PAREN = re.compile(r"\(([^()]{2,12})\)")


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name prepared for comparison (see :func:`name_key`)."""

    folded: str
    core: tuple[str, ...]
    kinds: frozenset[str]
    acronyms: frozenset[str]  # written ones: the actor's sigla, "(UPTC)", "... - UNAC"
    initials: str = ""  # first letters of the significant words


def name_key(name: str, acronym: str = "") -> NameKey:
    """Fold a name: accents, case and punctuation; common words and acronyms set apart.

    >>> k = name_key("Corporación Universitaria Adventista - UNAC")
    >>> k.core, sorted(k.acronyms), k.initials, sorted(k.kinds)
    (('adventista',), ['unac'], 'cua', ['ies'])
    >>> name_key("CAJA DE COMPENSACION FAMILIAR DE ANTIOQUIA").core
    ('antioquia',)
    >>> name_key("SENA Regional Meta", "SENA").core
    ('regional', 'meta')
    """
    name = str(name or "")
    acronyms: set[str] = set()
    for m in _ACRONYM_PAREN.finditer(name):
        acronyms.add(fold(m[1]).replace(" ", ""))
    name_wo = _ACRONYM_PAREN.sub(" ", name)
    if m := _ACRONYM_TAIL.search(name_wo):
        acronyms.add(fold(m[1]))
        name_wo = name_wo[: m.start()]
    own = fold(str(acronym or "")).replace(" ", "")
    if own:
        acronyms.add(own)
    folded = fold(name_wo)
    text = f" {folded} "
    for pattern, token in _PHRASES:
        text = pattern.sub(token, text)
    kinds: set[str] = set()
    core: list[str] = []
    for token in text.split():
        if token in COMMON_WORDS:
            if COMMON_WORDS[token]:
                kinds.add(COMMON_WORDS[token])  # type: ignore[arg-type]
            continue
        if token in STOPWORDS or token in acronyms:
            continue
        core.append(token)
    significant = [t for t in text.split() if t not in STOPWORDS and "_" not in t]
    initials = "".join(t[0] for t in significant) if len(significant) >= 2 else ""
    return NameKey(folded, tuple(core), frozenset(kinds), frozenset(a for a in acronyms if a),
                   initials)


# ---------------------------------------------------------------------------- NITs
_NIT_WEIGHTS = (3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71)


def nit_check_digit(base: str) -> int:
    """The DIAN check digit (dígito de verificación) of a NIT base.

    >>> nit_check_digit("890900608"), nit_check_digit("899999063")
    (9, 3)
    """
    total = sum(int(d) * w for d, w in zip(reversed(base), _NIT_WEIGHTS, strict=False))
    r = total % 11
    return r if r < 2 else 11 - r


def split_nit(raw: Any) -> tuple[str, str] | None:
    """``(base, check digit or "")`` of a NIT written with or without check digit,
    dots, spaces or dashes; ``None`` when it is not a NIT.

    A 10-digit run whose last digit is the correct check digit of the first nine is
    read as NIT + check digit (``8909006089`` = ``890.900.608-9``).

    >>> split_nit("890.900.608-9"), split_nit("8909006089"), split_nit("890900608")
    (('890900608', '9'), ('890900608', '9'), ('890900608', ''))
    >>> split_nit("No informa") is None
    True
    """
    text = re.sub(r"[.\s,]", "", str(raw or "")).upper().replace("DV", "-")
    m = re.fullmatch(r"(\d{5,12})(?:-+(\d))?", text)
    if not m:
        return None
    base, dv = m[1], m[2] or ""
    if not dv and len(base) == 10 and nit_check_digit(base[:9]) == int(base[9]):
        base, dv = base[:9], base[9]
    if set(base) == {"0"}:
        return None
    return base, dv


# --------------------------------------------------------------------------- actors
@dataclass(frozen=True, slots=True)
class ActorView:
    """What the resolver looks at of one actor (from a graph node or a record)."""

    id: str
    name: str
    acronym: str = ""
    nit: str = ""
    department_code: str = ""
    municipality_code: str = ""
    level: str = ""
    kind: str = ""
    source: str = ""
    row: int = 0
    snies_code: str = ""
    snies_parent_code: str = ""
    rues_code: str = ""
    degree: int = 0
    merged_from: tuple[str, ...] = ()

    @classmethod
    def from_props(cls, key: str, props: dict[str, Any], source: str = "", row: int = 0,
                   degree: int = 0) -> ActorView:
        def s(name: str) -> str:
            v = props.get(name)
            return "" if v is None else str(v)

        return cls(key, s("name"), s("acronym"), s("nit"), s("department_code"),
                   s("municipality_code"), s("level"), s("kind"), source, int(row or 0),
                   s("snies_code"), s("snies_parent_code"), s("rues_code"), degree,
                   tuple(split_list(props.get("merged_from"))))

    @property
    def where(self) -> str:
        """``file:row`` of the record that defined the actor."""
        return f"{self.source}:{self.row}" if self.source else ""


def actors_from_graph(g: nx.MultiDiGraph) -> list[ActorView]:
    """Every ``Actor`` node of a graph (shape of ``docs/graph-model.md``)."""
    out = []
    for nid, d in g.nodes(data=True):
        if d.get("label") != ACTOR:
            continue
        degree = sum(1 for _, _, t in g.out_edges(nid, data="type") if t != "LOCATED_IN")
        degree += g.in_degree(nid)
        out.append(ActorView.from_props(split_node_id(nid)[1], d, d.get("source", ""),
                                        d.get("row", 0), degree))
    return out


def actors_from_records(nodes: Iterable[NodeRecord]) -> list[ActorView]:
    """Every ``Actor`` record of a batch (load-time checks)."""
    return [ActorView.from_props(n.key, n.props, n.source, n.row)
            for n in nodes if n.label == ACTOR]


def _snies_family(a: ActorView) -> str:
    return a.snies_parent_code or a.snies_code


def known_distinct(a: ActorView, b: ActorView) -> str | None:
    """Why two actors are distinct by construction (never proposed), or ``None``.

    >>> x = ActorView("CC-04", "Cámara de Comercio de Bogotá", rues_code="04")
    >>> print(known_distinct(x, ActorView("CC-47", "Cámara de Comercio de Bogotá", rues_code="47")))
    cámaras distintas en el RUES (04 y 47)
    """
    if a.snies_code and b.snies_code and a.snies_code != b.snies_code \
            and _snies_family(a) == _snies_family(b):
        codes = sorted((a.snies_code, b.snies_code))
        return f"sedes de la misma institución en el SNIES ({codes[0]} y {codes[1]})"
    if a.rues_code and b.rues_code and a.rues_code != b.rues_code:
        codes = sorted((a.rues_code, b.rues_code))
        return f"cámaras distintas en el RUES ({codes[0]} y {codes[1]})"
    return None


# ------------------------------------------------------------------------- scoring
@dataclass(slots=True)
class Candidate:
    """A probable duplicate: ``merge`` would be merged into ``keep``."""

    keep: ActorView
    merge: ActorView
    score: float
    reasons: list[str] = field(default_factory=list)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset((self.keep.id, self.merge.id))

    def to_row(self) -> dict[str, Any]:
        """A flat row, whose first columns are those of a decision file."""
        return {
            "keep_id": self.keep.id, "merge_id": self.merge.id, "decision": "", "note": "",
            "score": self.score, "keep_name": self.keep.name, "merge_name": self.merge.name,
            "keep_source": self.keep.where, "merge_source": self.merge.where,
            "reasons": "; ".join(self.reasons),
        }


def _place_name(code: str) -> str:
    from pat_graph.territories import reference

    ref = reference()
    if code in ref.municipalities:
        return f"{ref.municipalities[code].name} ({code})"
    if code in ref.departments:
        return f"{ref.departments[code].name} ({code})"
    return code


def compare(a: ActorView, b: ActorView) -> tuple[float, list[str]]:
    """Score and Spanish reasons for the pair (see the module's table of weights).

    >>> compare(ActorView("A-1", "Gremio Uno", nit="900.123.456-1", department_code="50"),
    ...         ActorView("A-2", "Gremio uno.", nit="900123456", department_code="50"))
    (1.0, ['mismo NIT 900123456 (escrito 900.123.456-1 y 900123456)', 'mismo nombre normalizado (gremio uno)', 'mismo departamento (Meta (50))'])
    """
    score = 0.0
    reasons: list[str] = []
    na, nb = split_nit(a.nit), split_nit(b.nit)
    if na and nb:
        if na[0] == nb[0]:
            score += W_NIT
            written = f" (escrito {a.nit} y {b.nit})" if a.nit != b.nit else ""
            reasons.append(f"mismo NIT {na[0]}{written}")
            if na[1] and nb[1] and na[1] != nb[1]:
                reasons.append(f"ojo: dígitos de verificación distintos ({na[1]} y {nb[1]})")
        else:
            score += W_NIT_CONFLICT
            reasons.append(f"NIT distintos ({a.nit} y {b.nit})")
    ka, kb = name_key(a.name, a.acronym), name_key(b.name, b.acronym)
    # "Cámara de Comercio de Ibagué" and "Universidad de Ibagué" share their core, not
    # their kind; a caja's or a chamber's core matching a name without that kind is chance
    kind_clash = bool(ka.kinds and kb.kinds and not ka.kinds & kb.kinds)
    name_clash = kind_clash or (ka.kinds & STRONG_KINDS) != (kb.kinds & STRONG_KINDS)
    if ka.folded and ka.folded == kb.folded:
        score += W_NAME_EXACT
        reasons.append(f"mismo nombre normalizado ({ka.folded})")
    elif ka.core and ka.core == kb.core and not name_clash:
        score += W_NAME_CORE
        reasons.append("mismo nombre sin palabras comunes (" + " ".join(ka.core) + ")")
    elif not name_clash and min(len(ka.core), len(kb.core)) >= 2 and (
            set(ka.core) <= set(kb.core) or set(kb.core) <= set(ka.core)):
        score += W_NAME_CONTAINS
        reasons.append("un nombre contiene al otro (" + " ".join(min(ka.core, kb.core, key=len))
                       + ")")
    # a name that is the other's acronym ("Comfama"), or acronyms in common ("UdeA")
    whole_a = ka.core[0] if len(ka.core) == 1 and not ka.kinds else ""
    whole_b = kb.core[0] if len(kb.core) == 1 and not kb.kinds else ""
    as_name = {w for w, other in ((whole_a, kb.acronyms), (whole_b, ka.acronyms))
               if len(w) >= 4 and w in other}
    shared = (ka.acronyms & (kb.acronyms | {kb.initials})) | \
        (kb.acronyms & (ka.acronyms | {ka.initials}))
    shared = {s for s in shared if len(s) >= 3}
    if as_name and not kind_clash:
        score += W_NAME_IS_ACRONYM
        reasons.append(f"el nombre es la sigla del otro ({', '.join(sorted(as_name)).upper()})")
    elif shared and not kind_clash:
        score += W_ACRONYM
        reasons.append(f"misma sigla ({', '.join(sorted(shared)).upper()})")
    if a.municipality_code and b.municipality_code:
        if a.municipality_code == b.municipality_code:
            score += W_SAME_MUNICIPALITY
            reasons.append(f"mismo municipio ({_place_name(a.municipality_code)})")
        elif a.municipality_code[:2] == b.municipality_code[:2]:
            score += W_OTHER_MUNICIPALITY
            reasons.append(f"municipios distintos ({_place_name(a.municipality_code)} y "
                           f"{_place_name(b.municipality_code)})")
        else:
            score += W_OTHER_DEPARTMENT
            reasons.append(f"departamentos distintos ({_place_name(a.municipality_code)} y "
                           f"{_place_name(b.municipality_code)})")
    elif a.department_code and b.department_code:
        if a.department_code == b.department_code:
            score += W_SAME_DEPARTMENT
            reasons.append(f"mismo departamento ({_place_name(a.department_code)})")
        else:
            score += W_OTHER_DEPARTMENT
            reasons.append(f"departamentos distintos ({_place_name(a.department_code)} y "
                           f"{_place_name(b.department_code)})")
    elif not a.department_code and not b.department_code and a.level == b.level == "nacional":
        score += W_BOTH_NATIONAL
        reasons.append("ambos de nivel nacional")
    return round(max(0.0, min(1.0, score)), 2), reasons


def _blocks(actors: Sequence[ActorView]) -> dict[tuple[str, str], list[int]]:
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, a in enumerate(actors):
        if n := split_nit(a.nit):
            blocks[("nit", n[0])].append(i)
        k = name_key(a.name, a.acronym)
        if k.core:
            blocks[("core", " ".join(k.core))].append(i)
            if len(k.core) == 1 and len(k.core[0]) >= 3:
                blocks[("acr", k.core[0])].append(i)
        for acr in k.acronyms | {k.initials}:
            if len(acr) >= 3:
                blocks[("acr", acr)].append(i)
    return blocks


def _keep_first(a: ActorView, b: ActorView) -> tuple[ActorView, ActorView]:
    """Suggest the survivor: more relationships, then the PAT team's record, then the id."""
    def rank(x: ActorView) -> tuple[int, int, str]:
        return (-x.degree, 0 if x.source.startswith("actores") else 1, x.id)

    return (a, b) if rank(a) <= rank(b) else (b, a)


def find_candidates(
    actors: Sequence[ActorView],
    *,
    min_score: float = DEFAULT_MIN_SCORE,
    decided: Iterable[frozenset[str]] = (),
) -> list[Candidate]:
    """Probable duplicates among ``actors``, best first; pairs in ``decided`` are skipped.

    Only pairs sharing a NIT, a name core or an acronym are compared (blocking), so
    tens of thousands of actors take seconds. When one actor matches several
    campuses of the same SNIES institution only the best match is kept.
    """
    skip = set(decided)
    seen: set[tuple[int, int]] = set()
    found: list[Candidate] = []
    for (kind, _value), members in _blocks(actors).items():
        if len(members) < 2 or (kind != "nit" and len(members) > MAX_BLOCK):
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                i, j = sorted((members[x], members[y]))
                if (i, j) in seen or i == j:
                    continue
                seen.add((i, j))
                a, b = actors[i], actors[j]
                if frozenset((a.id, b.id)) in skip or known_distinct(a, b):
                    continue
                score, reasons = compare(a, b)
                if score >= min_score:
                    keep, merge = _keep_first(a, b)
                    found.append(Candidate(keep, merge, score, reasons))
    # one actor vs several campuses of one SNIES institution: keep the best campus only
    best: dict[tuple[str, str], Candidate] = {}
    rest: list[Candidate] = []
    for c in found:
        ies = [x for x in (c.keep, c.merge) if x.snies_code]
        if len(ies) != 1:
            rest.append(c)
            continue
        other = c.merge if ies[0] is c.keep else c.keep
        slot = (other.id, _snies_family(ies[0]))
        if slot not in best or c.score > best[slot].score:
            best[slot] = c
    result = rest + list(best.values())
    result.sort(key=lambda c: (-c.score, c.keep.id, c.merge.id))
    return result


def candidates_in_graph(g: nx.MultiDiGraph, **options: Any) -> list[Candidate]:
    """:func:`find_candidates` over every actor of a graph (``store.read_graph()``)."""
    return find_candidates(actors_from_graph(g), **options)


# ------------------------------------------------------------------------ decisions
DECISIONS = ("fusionar", "distintos")
_DECISION_ALIASES = {"fusionar": "fusionar", "fusion": "fusionar", "merge": "fusionar",
                     "distintos": "distintos", "distinto": "distintos", "distinct": "distintos"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One row of a decision file."""

    keep_id: str
    merge_id: str
    decision: str
    note: str = ""
    line: int = 0


def _unformula(value: str) -> str:
    # our CSV output prefixes formula-looking cells with "'" (see cli.common); undo it
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@":
        return value[1:]
    return value


def read_decisions(path: str | Path) -> list[Decision]:
    """Read a decision file (CSV: ``keep_id, merge_id, decision, note``; UTF-8 or
    Windows-1252, ``,`` or ``;``). Rows with an empty ``decision`` are pending and
    skipped. Any invalid row raises :class:`InputError` naming ``file:line``; nothing
    is applied then.
    """
    from pat_graph.ingest.reading import read_csv

    path = Path(path)
    table = read_csv(path)
    cols = {h: i for i, h in enumerate(table.headers)}
    missing = [c for c in ("keep_id", "merge_id", "decision") if c not in cols]
    if missing:
        raise InputError(f"{table.source}:1: faltan las columnas {', '.join(missing)} "
                         "(se esperan keep_id, merge_id, decision, note)")
    problems: list[str] = []
    decisions: list[Decision] = []
    merged_into: dict[str, tuple[str, int]] = {}

    def cell(values: list, name: str) -> str:
        i = cols.get(name)
        return _unformula(str(values[i]).strip()) if i is not None and i < len(values) else ""

    for row in table.rows:
        keep, merge = cell(row.values, "keep_id"), cell(row.values, "merge_id")
        raw = cell(row.values, "decision")
        if not raw:
            continue
        decision = _DECISION_ALIASES.get(fold(raw).replace(" ", ""))
        where = f"{table.source}:{row.line}"
        if decision is None:
            problems.append(f"{where} decision: valor '{raw}' no válido; use fusionar o distintos")
            continue
        if not keep or not merge:
            problems.append(f"{where}: keep_id y merge_id son obligatorios")
            continue
        if keep == merge:
            problems.append(f"{where}: keep_id y merge_id son el mismo actor '{keep}'")
            continue
        if decision == "fusionar":
            if merge in merged_into and merged_into[merge][0] != keep:
                other = merged_into[merge]
                problems.append(f"{where}: '{merge}' ya se fusiona en '{other[0]}' "
                                f"({table.source}:{other[1]})")
                continue
            merged_into[merge] = (keep, row.line)
        decisions.append(Decision(keep, merge, decision, cell(row.values, "note"), row.line))
    if problems:
        raise InputError("archivo de decisiones con errores (no se aplicó nada):\n  "
                         + "\n  ".join(problems))
    return decisions


@dataclass(slots=True)
class DecisionReport:
    """What :func:`apply_decisions` did."""

    merged: list[MergeSummary] = field(default_factory=list)
    distinct: list[Decision] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "fusionados": [{"keep_id": m.keep, "merge_id": m.merge, "ya_fusionado": m.already_merged,
                            "relaciones_trasladadas": m.edges_moved,
                            "relaciones_descartadas": m.edges_dropped} for m in self.merged],
            "distintos": [{"keep_id": d.keep_id, "merge_id": d.merge_id} for d in self.distinct],
        }


def apply_decisions(store: Any, decisions: Sequence[Decision], *, label: str = ACTOR
                    ) -> DecisionReport:
    """Merge every ``fusionar`` pair through ``store.merge_nodes`` (each one atomic).

    Keys are checked first, so a typo stops everything before any merge. A
    ``keep_id`` that this file merges into another actor is followed to its survivor.
    Applying the same file again changes nothing (``already_merged``).
    """
    if not callable(getattr(store, "merge_nodes", None)):
        raise StoreError(f"el almacén {store.location} todavía no admite fusiones (merge_nodes); "
                         "aplique las decisiones sobre un almacén SQLite")
    existing = store.existing_keys(label)
    g_merged: dict[str, str] = {}
    problems = []
    merged_before: set[str] | None = None
    for d in decisions:
        if d.decision != "fusionar":
            continue
        for key in (d.keep_id, d.merge_id):
            if key in existing or key in g_merged:
                continue
            if merged_before is None:
                merged_before = _merged_keys(store, label)
            if key not in merged_before:
                problems.append(f"línea {d.line}: actor '{key}' no existe en {store.location}")
        g_merged[d.merge_id] = d.keep_id
    if problems:
        raise NotFoundError("archivo de decisiones: " + "; ".join(problems)
                            + " (no se aplicó nada)")
    report = DecisionReport()
    for d in decisions:
        if d.decision != "fusionar":
            report.distinct.append(d)
            continue
        keep = d.keep_id
        hops = 0
        while keep in g_merged and keep != d.merge_id and hops < len(g_merged):
            keep, hops = g_merged[keep], hops + 1
        report.merged.append(store.merge_nodes(label, keep, d.merge_id, note=d.note))
    return report


def _merged_keys(store: Any, label: str) -> set[str]:
    """Keys already merged into some node of ``label`` (listed in a ``merged_from``)."""
    g = store.read_graph()
    return {k for _, d in g.nodes(data=True) if d.get("label") == label
            for k in split_list(d.get("merged_from"))}
