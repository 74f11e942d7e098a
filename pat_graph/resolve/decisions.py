"""The decision file: an analyst's ``fusionar`` / ``distintos`` per pair
(:func:`read_decisions`), applied through ``Store.merge_nodes`` (:func:`apply_decisions`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pat_graph.errors import InputError, NotFoundError, StoreError
from pat_graph.model import ACTOR
from pat_graph.store.merge import MergeSummary, split_list
from pat_graph.tables import read_table
from pat_graph.text import fold

# ------------------------------------------------------------------------ decisions
DECISIONS = ("fusionar", "distintos")
#: Columns of a decision file (the first three are required).
DECISION_COLUMNS = ("keep_id", "merge_id", "decision", "note")
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


def read_decisions(path: str | Path) -> list[Decision]:
    """Read a decision file (CSV: ``keep_id, merge_id, decision, note``; UTF-8 or
    Windows-1252, ``,`` or ``;``). Rows with an empty ``decision`` are pending and
    skipped. Any invalid row raises :class:`InputError` naming ``file:line``; nothing
    is applied then.
    """
    table = read_table(Path(path), required=DECISION_COLUMNS[:3], strict=True)
    problems: list[str] = []
    decisions: list[Decision] = []
    merged_into: dict[str, tuple[str, int]] = {}

    for row in table.rows:
        keep, merge = table.get(row, "keep_id"), table.get(row, "merge_id")
        raw = table.get(row, "decision")
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
        decisions.append(Decision(keep, merge, decision, table.get(row, "note"), row.line))
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
