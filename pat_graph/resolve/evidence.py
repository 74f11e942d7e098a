"""Evidence that two actors are the same institution: the weights, name keys and
:func:`compare`, which scores a pair and gives its reasons in Spanish (see the table of
weights in :mod:`pat_graph.resolve`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pat_graph.identity import ActorView, split_nit
from pat_graph.text import fold

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


def _place_name(code: str) -> str:
    from pat_graph.territories import reference

    ref = reference()
    if code in ref.municipalities:
        return f"{ref.municipalities[code].name} ({code})"
    if code in ref.departments:
        return f"{ref.departments[code].name} ({code})"
    return code


def compare(a: ActorView, b: ActorView) -> tuple[float, list[str]]:
    """Score and Spanish reasons for the pair (weights: the table in the docstring of ``pat_graph.resolve``).

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
