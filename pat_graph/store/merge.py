"""Merging two nodes that an analyst decided are the same (``pat-graph resolver --decisiones``).

Both stores implement ``merge_nodes(label, keep, merge, note=...)`` with the
same meaning; the pure part (what the surviving node's properties become) lives
here so that it cannot drift between them:

- the survivor keeps its key, its own properties and its own provenance
  (``source``, ``row``);
- properties only the merged node had are copied over (gaps are filled, never
  overwritten);
- a differing ``name`` / ``acronym`` / ``nit`` of the merged node is kept in
  ``also_name`` / ``also_acronym`` / ``also_nit``;
- ``merged_from`` lists the keys merged into it and ``also_source`` the
  ``file:row`` each of them came from (every source's provenance survives);
- ``merge_note`` keeps the analyst's notes;
- the merged node's relationships are re-pointed to the survivor (one that the
  survivor already has, or one between the two nodes, is dropped) and the
  merged node is deleted.

Merging is idempotent: merging again a key already in ``merged_from`` (and no
longer in the store) changes nothing and reports ``already_merged``.

>>> props = merged_properties(
...     {"name": "Universidad de Antioquia", "nit": "890980040-8"}, "Actor", "A-0007",
...     {"name": "U. de Antioquia", "acronym": "UdeA"}, "actores.csv", 7, note="confirmado")
>>> props["acronym"], props["also_name"], props["merged_from"], props["also_source"]
('UdeA', 'U. de Antioquia', 'A-0007', 'actores.csv:7')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: provenance properties added to a surviving node
MERGE_PROPERTIES: tuple[str, ...] = ("merged_from", "also_source", "merge_note")
#: identifying properties whose differing values are kept as ``also_<name>``
ALSO_KEPT: tuple[str, ...] = ("name", "acronym", "nit")
SEPARATOR = "; "


@dataclass(slots=True)
class MergeSummary:
    """What one ``merge_nodes`` did."""

    label: str
    keep: str
    merge: str
    edges_moved: int = 0
    edges_dropped: int = 0
    already_merged: bool = False

    def __str__(self) -> str:
        if self.already_merged:
            return f"{self.merge} ya estaba fusionado en {self.keep}"
        return (f"{self.merge} fusionado en {self.keep}: {self.edges_moved} relación(es) "
                f"trasladada(s), {self.edges_dropped} descartada(s) por repetidas")


def split_list(value: Any) -> list[str]:
    """The items of a ``"a; b"`` property (empty list when absent).

    >>> split_list("A-1; A-2"), split_list(None)
    (['A-1', 'A-2'], [])
    """
    if value in (None, ""):
        return []
    return [v for v in (s.strip() for s in str(value).split(SEPARATOR.strip())) if v]


def _join(items: list[str]) -> str:
    seen: list[str] = []
    for item in items:
        if item and item not in seen:
            seen.append(item)
    return SEPARATOR.join(seen)


def was_merged(keep_props: Mapping[str, Any], merge_key: str) -> bool:
    """True when ``merge_key`` is already listed in the survivor's ``merged_from``."""
    return merge_key in split_list(keep_props.get("merged_from"))


def merged_properties(
    keep_props: Mapping[str, Any],
    label: str,
    merge_key: str,
    merge_props: Mapping[str, Any],
    merge_source: str,
    merge_row: int,
    *,
    note: str = "",
) -> dict[str, Any]:
    """The survivor's new properties (provenance of the survivor itself is unchanged).

    ``label`` is accepted for symmetry with ``merge_nodes`` (every label merges alike).
    """
    del label
    out = dict(keep_props)
    for k, v in merge_props.items():
        if k in MERGE_PROPERTIES or v in (None, ""):
            continue
        if k.startswith("also_"):
            out[k] = _join(split_list(out.get(k)) + split_list(v))
        elif k not in out:
            out[k] = v
        elif k in ALSO_KEPT and str(out[k]) != str(v):
            out[f"also_{k}"] = _join(split_list(out.get(f"also_{k}")) + [str(v)])
    out["merged_from"] = _join(split_list(keep_props.get("merged_from")) + [merge_key]
                               + split_list(merge_props.get("merged_from")))
    out["also_source"] = _join(split_list(keep_props.get("also_source"))
                               + [f"{merge_source}:{merge_row}"]
                               + split_list(merge_props.get("also_source")))
    notes = split_list(keep_props.get("merge_note")) + split_list(merge_props.get("merge_note"))
    if note.strip():
        notes.append(f"{merge_key}: {note.strip()}")
    if notes:
        out["merge_note"] = _join(notes)
    return out
