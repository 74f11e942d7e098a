"""Family 2 — instrument gaps (brechas de instrumentos de política pública).

Per department and municipality: missing instrument types, instruments stalled
in ``diagnostico``/``formulacion`` longer than a threshold, and an adopted
decent-work policy with no funding source or administrative structure (not
sustainable).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("Territory:05", label="Territory", dane_code="05", name="Antioquia", kind="department")
>>> g.add_node("Instrument:P", label="Instrument", id="P", kind="politica_publica_trabajo_decente",
...            status="adoptado", date="2021-05-01")
>>> _ = g.add_edge("Territory:05", "Instrument:P", key="HAS_INSTRUMENT", type="HAS_INSTRUMENT")
>>> [r] = instrument_gaps(g, "2024-01-01")
>>> r.missing_kinds
['plan_empleo', 'plan_desarrollo_lineamientos', 'estructura_administrativa', 'fuente_financiacion']
>>> r.unsustainable_policies
['P']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from pat_graph.analytics.base import Context, Gap, context
from pat_graph.model import HAS_INSTRUMENT, INSTRUMENT, INSTRUMENT_KINDS, label_es

FAMILY = "instrumentos"

#: Statuses that mean "still being prepared".
EARLY_STATUSES: tuple[str, ...] = ("diagnostico", "formulacion")
#: Statuses that mean "in force".
ADOPTED_STATUSES: tuple[str, ...] = ("adoptado", "implementacion", "seguimiento")
#: Days after which an instrument still in diagnosis/formulation counts as stalled.
STALLED_DAYS = 730
#: What an adopted decent-work policy needs to be sustainable.
SUSTAINABILITY_KINDS: tuple[str, ...] = ("fuente_financiacion", "estructura_administrativa")
POLICY_KIND = "politica_publica_trabajo_decente"


@dataclass
class InstrumentGaps:
    """Instrument gaps of one department (see docs/analytics.md §2).

    ``missing_kinds`` are the departmental instrument types absent at the
    department level; ``municipal_missing`` maps each municipality that has
    at least one instrument to the types it lacks.
    """

    department_code: str
    department_name: str
    present_kinds: list[str] = field(default_factory=list)
    missing_kinds: list[str] = field(default_factory=list)
    stalled: list[str] = field(default_factory=list)
    unsustainable_policies: list[str] = field(default_factory=list)
    municipal_missing: dict[str, list[str]] = field(default_factory=dict)

    def gaps(self) -> list[Gap]:
        d = self.department_code
        out = [Gap(d, FAMILY, "falta_instrumento", k,
                   f"{'faltan' if k == 'plan_desarrollo_lineamientos' else 'falta'} "
                   f"{label_es('instrument_kind', k).lower()} departamental")
               for k in self.missing_kinds]
        out += [Gap(d, FAMILY, "instrumento_estancado", i,
                    f"instrumento {i} estancado en diagnóstico/formulación más de "
                    f"{STALLED_DAYS // 365} años") for i in self.stalled]
        out += [Gap(d, FAMILY, "politica_no_sostenible", i,
                    f"política de trabajo decente {i} adoptada sin fuente de financiación "
                    f"o estructura administrativa") for i in self.unsustainable_policies]
        for m, kinds in sorted(self.municipal_missing.items()):
            for k in kinds:
                out.append(Gap(d, FAMILY, "falta_instrumento_municipal", f"{m}|{k}",
                               f"municipio {m} sin {label_es('instrument_kind', k).lower()}"))
        return out


def _days_between(a: str, b: str) -> int:
    return (date.fromisoformat(b[:10]) - date.fromisoformat(a[:10])).days


def instrument_gaps(
    g: nx.MultiDiGraph | Context, as_of: str | date | None = None, *,
    department: str | None = None, stalled_days: int = STALLED_DAYS,
) -> list[InstrumentGaps]:
    """Instrument gaps per department at ``as_of``.

    Parameters
    ----------
    stalled_days : an instrument in ``diagnostico``/``formulacion`` whose
        ``date`` is more than this many days before ``as_of`` (today when
        ``None``) is stalled. Instruments without a date are never stalled.
    """
    ctx = context(g, as_of)
    graph = ctx.graph
    today = ctx.today
    by_territory: dict[str, list[str]] = defaultdict(list)
    for n in ctx.nodes(INSTRUMENT):
        for t, _, r in graph.in_edges(n, data="type"):
            if r == HAS_INSTRUMENT:
                by_territory[t].append(n)
    dept_node = {code: f"Territory:{code}" for code in ctx.departments}
    out = []
    for d, name in ctx.departments.items():
        if department is not None and d != department:
            continue
        res = InstrumentGaps(d, name)
        own = by_territory.get(dept_node[d], [])
        kinds = {graph.nodes[i].get("kind") for i in own}
        res.present_kinds = [k for k in INSTRUMENT_KINDS if k in kinds]
        res.missing_kinds = [k for k in INSTRUMENT_KINDS if k not in kinds]
        territories = [dept_node[d]] + sorted(
            t for t in by_territory if t != dept_node[d] and ctx.territory_department.get(t) == d)
        for t in territories:
            insts = by_territory.get(t, [])
            for i in insts:
                a = graph.nodes[i]
                when = a.get("date")
                if a.get("status") in EARLY_STATUSES and isinstance(when, str) \
                        and _days_between(when, today) > stalled_days:
                    res.stalled.append(a.get("id", i))
            adopted = {graph.nodes[i].get("kind") for i in insts
                       if graph.nodes[i].get("status") in ADOPTED_STATUSES}
            if POLICY_KIND in adopted and not all(k in adopted for k in SUSTAINABILITY_KINDS):
                res.unsustainable_policies += [
                    graph.nodes[i].get("id", i) for i in insts
                    if graph.nodes[i].get("kind") == POLICY_KIND
                    and graph.nodes[i].get("status") in ADOPTED_STATUSES]
            if t != dept_node[d] and insts:
                have = {graph.nodes[i].get("kind") for i in insts}
                lack = [k for k in INSTRUMENT_KINDS if k not in have]
                if lack:
                    res.municipal_missing[graph.nodes[t].get("dane_code", t)] = lack
        res.stalled.sort()
        res.unsustainable_policies.sort()
        out.append(res)
    return out


def instrument_gap_items(g: nx.MultiDiGraph | Context, as_of: str | date | None = None) -> list[Gap]:
    """Every instrument gap as :class:`~pat_graph.analytics.base.Gap` items."""
    return [gap for r in instrument_gaps(g, as_of) for gap in r.gaps()]
