"""What identifies an actor, for loading and for entity resolution alike: the view of an
actor the checks read (:class:`ActorView`), NITs (:func:`split_nit`,
:func:`nit_check_digit`) and the pairs that are distinct by construction
(:func:`known_distinct`). :mod:`pat_graph.ingest` warns of probable duplicates with
these rules and :mod:`pat_graph.resolve` scores candidate pairs with them.

>>> a = ActorView("IES-1201", "UNIVERSIDAD DE ANTIOQUIA", nit="890980040",
...               snies_code="1201", snies_parent_code="1201")
>>> b = ActorView("IES-1219", "UNIVERSIDAD DE ANTIOQUIA", nit="890980040-8",
...               snies_code="1219", snies_parent_code="1201")
>>> split_nit(a.nit)[0] == split_nit(b.nit)[0], known_distinct(a, b) is not None
(True, True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pat_graph.store.merge import split_list


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


# ------------------------------------------------------------- distinct by construction
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
