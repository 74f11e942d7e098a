"""Data for the workbench tests: the hand-written PAT dataset plus one actor whose
name is hostile markup, loaded into a real SQLite store."""

from __future__ import annotations

import shutil
from pathlib import Path

from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data" / "pat_small"
HOSTILE = "<img src=x onerror=alert(1)> </script><script>alert(2)</script>"
HOSTILE_ID = "A-99"


def hostile_dataset(root: Path) -> Path:
    """pat_small with actor A-99 (hostile name) in Meta, member of instance I-01."""
    target = root / "datos"
    shutil.copytree(DATA, target)
    with (target / "actores.csv").open("a", encoding="utf-8") as fh:
        fh.write(f'{HOSTILE_ID},"{HOSTILE}",,privado,empresa,departamental,,Meta,,\n')
    with (target / "participaciones.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{HOSTILE_ID},I-01,miembro,2020-01-01,\n")
    return target


def load_into(store, root: Path) -> None:
    report = load_paths([hostile_dataset(root)], store)
    assert report.ok, report


def sqlite_with_data(root: Path) -> Path:
    path = root / "store.sqlite"
    store = SQLiteStore(path)
    try:
        load_into(store, root)
    finally:
        store.close()
    return path
