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

from pat_graph.identity import ActorView, known_distinct, nit_check_digit, split_nit
from pat_graph.resolve.actors import actors_from_graph, actors_from_records
from pat_graph.resolve.candidates import Candidate, candidates_in_graph, find_candidates
from pat_graph.resolve.decisions import (
    DECISIONS,
    Decision,
    DecisionReport,
    apply_decisions,
    read_decisions,
)
from pat_graph.resolve.evidence import (
    COMMON_WORDS,
    DEFAULT_MIN_SCORE,
    MAX_BLOCK,
    STOPWORDS,
    STRONG_KINDS,
    W_ACRONYM,
    W_BOTH_NATIONAL,
    W_NAME_CONTAINS,
    W_NAME_CORE,
    W_NAME_EXACT,
    W_NAME_IS_ACRONYM,
    W_NIT,
    W_NIT_CONFLICT,
    W_OTHER_DEPARTMENT,
    W_OTHER_MUNICIPALITY,
    W_SAME_DEPARTMENT,
    W_SAME_MUNICIPALITY,
    NameKey,
    compare,
    name_key,
)

__all__ = [
    "ActorView", "Candidate", "COMMON_WORDS", "DECISIONS", "DEFAULT_MIN_SCORE", "Decision",
    "DecisionReport", "MAX_BLOCK", "NameKey", "STOPWORDS", "STRONG_KINDS", "W_ACRONYM",
    "W_BOTH_NATIONAL", "W_NAME_CONTAINS", "W_NAME_CORE", "W_NAME_EXACT", "W_NAME_IS_ACRONYM",
    "W_NIT", "W_NIT_CONFLICT", "W_OTHER_DEPARTMENT", "W_OTHER_MUNICIPALITY",
    "W_SAME_DEPARTMENT", "W_SAME_MUNICIPALITY", "actors_from_graph", "actors_from_records",
    "apply_decisions", "candidates_in_graph", "compare", "find_candidates", "known_distinct",
    "name_key", "nit_check_digit", "read_decisions", "split_nit",
]
