"""Colombian territories (DIVIPOLA) shipped with the package, and resolving them.

The reference lists live in ``pat_graph/data/`` (provenance in
``pat_graph/data/SOURCES.md``): 33 departments, 1,122 DIVIPOLA entries
(1,104 municipalities incl. Bogotá D.C. and San Andrés, 18 áreas no
municipalizadas) and the 170 PDET municipalities.

Territories can be named by DANE code (``05``, ``5``, ``05001``, ``5001``) or by
name, case-, accent- and punctuation-insensitively::

    >>> ref = reference()
    >>> ref.resolve_department("antioquia"), ref.resolve_department("5"), ref.resolve_department("Bogota D.C.")
    ('05', '05', '11')
    >>> ref.resolve_municipality("Medellin"), ref.resolve_municipality("5001")
    ('05001', '05001')
    >>> ref.resolve_municipality("Barbosa", department="68")
    '68077'
    >>> ref.resolve_municipality("Barbosa")
    Traceback (most recent call last):
    ...
    pat_graph.territories.TerritoryError: municipio ambiguo 'Barbosa': candidatos Barbosa (05079, Antioquia), Barbosa (68077, Santander); indique el departamento
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from pat_graph.errors import PatGraphError
from pat_graph.model import (
    NATION_CODE,
    PART_OF,
    TERRITORY,
    EdgeRecord,
    NodeRecord,
    RecordBatch,
)
from pat_graph.tables import read_table
from pat_graph.text import fold

DEPARTMENTS_FILE = "divipola_departamentos.csv"
MUNICIPALITIES_FILE = "divipola_municipios.csv"
PDET_FILE = "pdet_municipios.csv"


class TerritoryError(PatGraphError):
    """A territory name or code that cannot be resolved (unknown or ambiguous)."""

    exit_code = 2


#: Extra names people use, folded -> DANE code. Only unambiguous, widely used forms.
DEPARTMENT_ALIASES: dict[str, str] = {
    "bogota": "11",
    "bogota dc": "11",
    "bogota d c": "11",
    "distrito capital": "11",
    "santa fe de bogota": "11",
    "san andres": "88",
    "san andres y providencia": "88",
    "san andres providencia y santa catalina": "88",
    "archipielago de san andres": "88",
    "valle": "76",
    "guajira": "44",
    "norte santander": "54",
}
MUNICIPALITY_ALIASES: dict[str, str] = {
    "bogota": "11001",
    "bogota dc": "11001",
    "bogota d c": "11001",
    "cali": "76001",
    "cartagena": "13001",
    "cucuta": "54001",
    "buga": "76111",
    "tumaco": "52835",
    "mompox": "13468",
    "mompos": "13468",
}


@dataclass(frozen=True, slots=True)
class Department:
    code: str
    name: str
    capital_code: str
    capital_name: str


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str
    department_code: str
    divipola_type: str
    latitude: float | None
    longitude: float | None
    is_pdet: bool
    pdet_subregion: str | None


def _read_csv(name: str) -> list[dict[str, str]]:
    data = resources.files("pat_graph.data").joinpath(name).read_bytes()
    return read_table(data, name=name).records()


def _float(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


class TerritoryReference:
    """The DIVIPOLA reference: lookups by code and by name. Use :func:`reference`."""

    def __init__(self) -> None:
        pdet = {r["code"]: r["pdet_subregion"] for r in _read_csv(PDET_FILE)}
        self.departments: dict[str, Department] = {}
        for r in _read_csv(DEPARTMENTS_FILE):
            self.departments[r["code"]] = Department(
                r["code"], r["name"], r["capital_code"], r["capital_name"]
            )
        self.municipalities: dict[str, Municipality] = {}
        for r in _read_csv(MUNICIPALITIES_FILE):
            self.municipalities[r["code"]] = Municipality(
                code=r["code"],
                name=r["name"],
                department_code=r["department_code"],
                divipola_type=r["tipo"],
                latitude=_float(r["latitude"]),
                longitude=_float(r["longitude"]),
                is_pdet=r["code"] in pdet,
                pdet_subregion=pdet.get(r["code"]),
            )
        self._dept_by_name: dict[str, str] = dict(DEPARTMENT_ALIASES)
        for d in self.departments.values():
            self._dept_by_name[fold(d.name)] = d.code
        self._mun_by_name: dict[str, list[str]] = defaultdict(list)
        for m in self.municipalities.values():
            self._mun_by_name[fold(m.name)].append(m.code)
        for alias, code in MUNICIPALITY_ALIASES.items():
            if code not in self._mun_by_name[alias]:
                self._mun_by_name[alias].append(code)

    # ------------------------------------------------------------------ resolving
    def resolve_department(self, value: str) -> str:
        """DANE code (2 digits) of a department given by code or name."""
        text = value.strip()
        if text.isdigit():
            code = text.zfill(2)
            if code in self.departments:
                return code
            raise TerritoryError(f"código de departamento desconocido '{text}'")
        code = self._dept_by_name.get(fold(text))
        if code is None:
            hint = self._suggest(fold(text), {fold(d.name): d for d in self.departments.values()})
            raise TerritoryError(f"departamento desconocido '{text}'{hint}")
        return code

    def resolve_municipality(self, value: str, department: str | None = None) -> str:
        """DANE code (5 digits) of a municipality given by code or name.

        ``department`` (a resolved 2-digit code) disambiguates names and is
        checked against codes.
        """
        text = value.strip()
        if text.isdigit():
            code = text.zfill(5)
            mun = self.municipalities.get(code)
            if mun is None:
                raise TerritoryError(f"código de municipio desconocido '{text}'")
            if department and mun.department_code != department:
                raise TerritoryError(
                    f"el municipio {code} ({mun.name}) no pertenece al departamento "
                    f"{department} ({self.departments[department].name})"
                )
            return code
        candidates = self._mun_by_name.get(fold(text), [])
        if department:
            in_dept = [c for c in candidates if self.municipalities[c].department_code == department]
            if len(in_dept) == 1:
                return in_dept[0]
            if not in_dept:
                where = self.departments[department].name
                others = self._describe(candidates)
                extra = f" (existe en: {others})" if others else ""
                raise TerritoryError(f"municipio desconocido '{text}' en {where}{extra}")
            candidates = in_dept
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            hint = self._suggest(fold(text), {fold(m.name): m for m in self.municipalities.values()})
            raise TerritoryError(f"municipio desconocido '{text}'{hint}")
        raise TerritoryError(
            f"municipio ambiguo '{text}': candidatos {self._describe(candidates)}; "
            "indique el departamento"
        )

    def _describe(self, codes: list[str]) -> str:
        return ", ".join(
            f"{self.municipalities[c].name} ({c}, "
            f"{self.departments[self.municipalities[c].department_code].name})"
            for c in sorted(codes)
        )

    @staticmethod
    def _suggest(folded: str, names: dict[str, object]) -> str:
        import difflib

        close = difflib.get_close_matches(folded, list(names), n=3, cutoff=0.8)
        if not close:
            return ""
        shown = [getattr(names[c], "name", c) for c in close]
        return "; ¿quiso decir " + " o ".join(f"'{s}'" for s in shown) + "?"

    # ------------------------------------------------------------------- records
    def department_name(self, code: str) -> str:
        return self.departments[code].name

    def records(self, source: str = MUNICIPALITIES_FILE) -> RecordBatch:
        """Territory nodes (nation, departments, municipalities) and ``PART_OF`` edges.

        >>> batch = reference().records()
        >>> len(batch.nodes), len(batch.edges)
        (1156, 1155)
        """
        batch = RecordBatch()
        batch.nodes.append(
            NodeRecord(TERRITORY, NATION_CODE, {"name": "Colombia", "kind": "nation"},
                       DEPARTMENTS_FILE, 0)
        )
        for i, d in enumerate(self.departments.values(), start=2):
            batch.nodes.append(NodeRecord(
                TERRITORY, d.code,
                {"name": d.name, "kind": "department", "capital_code": d.capital_code},
                DEPARTMENTS_FILE, i,
            ))
            batch.edges.append(EdgeRecord(PART_OF, TERRITORY, d.code, TERRITORY, NATION_CODE,
                                          source=DEPARTMENTS_FILE, row=i))
        for i, m in enumerate(self.municipalities.values(), start=2):
            props: dict = {
                "name": m.name,
                "kind": "municipality",
                "department_code": m.department_code,
                "divipola_type": m.divipola_type,
                "is_pdet": m.is_pdet,
            }
            if m.pdet_subregion:
                props["pdet_subregion"] = m.pdet_subregion
            if m.latitude is not None and m.longitude is not None:
                props["latitude"] = m.latitude
                props["longitude"] = m.longitude
            batch.nodes.append(NodeRecord(TERRITORY, m.code, props, source, i))
            batch.edges.append(EdgeRecord(PART_OF, TERRITORY, m.code, TERRITORY,
                                          m.department_code, source=source, row=i))
        return batch


@lru_cache(maxsize=1)
def reference() -> TerritoryReference:
    """The shipped DIVIPOLA reference (loaded once)."""
    return TerritoryReference()
