"""The data contract (docs/data-contract.md) agrees with the model and the mappings."""

from __future__ import annotations

import re
from pathlib import Path

from pat_graph import contract
from pat_graph.ingest import pat_mappings
from pat_graph.model import VOCABULARIES

DOC = Path(__file__).resolve().parents[1] / "docs" / "data-contract.md"


def test_document_is_the_rendered_contract():
    assert DOC.read_text(encoding="utf-8") == contract.render(), (
        "docs/data-contract.md is stale: python -m pat_graph.contract > docs/data-contract.md")


def _section(text: str, heading: str) -> list[str]:
    start = text.index(heading)
    rest = text[start + len(heading):]
    end = re.search(r"^#{2,3} ", rest, flags=re.M)
    return [ln for ln in (rest[:end.start()] if end else rest).splitlines()
            if ln.startswith("| ") and not ln.startswith(("| columna", "| column"))]


def test_every_mapping_column_is_documented_with_type_and_values():
    text = DOC.read_text(encoding="utf-8")
    spanish = text[:text.index("# Data contract")]
    for m in pat_mappings():
        for f in m.files:
            rows = _section(spanish, f"### {f}.csv")
            documented = {r.split("|")[1].strip().strip("*"): r for r in rows}
            assert list(documented) == list(m.columns), f
            for name, col in m.columns.items():
                row = documented[name]
                assert row.startswith(f"| **{name}** |") == col.required, (f, name)
                if col.enum:
                    values = re.findall(r"`([a-z_]+)`", row.split("|")[4])
                    assert list(dict.fromkeys(values)) == list(VOCABULARIES[col.enum]), (f, name)


def test_every_column_has_a_meaning_in_both_languages_and_none_is_stale():
    columns = {(f, c) for m in pat_mappings() for f in m.files for c in m.columns}
    assert set(contract.MEANINGS) == columns
    assert all(es and en for es, en in contract.MEANINGS.values())


def test_vocabulary_tables_list_every_value_and_label():
    text = DOC.read_text(encoding="utf-8")
    for name, values in VOCABULARIES.items():
        for value, label in values.items():
            assert f"| {name} | `{value}` | {label} |" in text


def test_english_follows_spanish_and_names_the_same_files():
    text = DOC.read_text(encoding="utf-8")
    es, en = text.split("# Data contract: the PAT exchange format (English)")
    for f in contract.files():
        assert f"### {f.name}.csv" in es and f"### {f.name}.csv" in en
