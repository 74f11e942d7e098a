"""Loading sources into a store: read, sniff, validate, resolve, build records, write.

The one call a notebook or the CLI makes::

    >>> import tempfile, pathlib
    >>> from pat_graph.store import open_store
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "actores.csv").write_text(
    ...     "id;nombre;sector;nivel;departamento\\nA-1;Gobernación del Meta;publico;departamental;Meta\\n",
    ...     encoding="cp1252")
    >>> report = load_paths([folder], open_store(":memory:"))
    >>> report.ok, report.tables[0].accepted, report.nodes_by_label["Actor"]
    (True, 1, 1)

Every rejected row is in ``report.rejects`` as ``file:line column: reason``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pat_graph.bulk import gc_paused
from pat_graph.errors import InputError
from pat_graph.ingest.engine import Extraction, Reject, TableReport, Warning_, extract
from pat_graph.ingest.engine import table_mapping_pairs as _pairs
from pat_graph.ingest.examples import drop_examples, is_auxiliary_sheet
from pat_graph.ingest.mapping import Mapping, load_mapping, parse_mapping, pat_mappings
from pat_graph.ingest.reading import ReadLog, Table, disambiguate_sources, read_path
from pat_graph.model import RecordBatch
from pat_graph.store.base import Progress, Store, WriteSummary
from pat_graph.territories import MUNICIPALITIES_FILE, reference
from pat_graph.text import fold


@dataclass(slots=True)
class LoadReport:
    """What a load read, accepted, rejected and wrote."""

    tables: list[TableReport] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)
    warnings: list[Warning_] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    examples: int = 0  # template example rows left out (``EJEMPLO-…``)
    notes: list[str] = field(default_factory=list)
    nodes_by_label: dict[str, int] = field(default_factory=dict)
    edges_by_type: dict[str, int] = field(default_factory=dict)
    written: WriteSummary | None = None
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.rejects

    @property
    def rows_read(self) -> int:
        return sum(t.rows for t in self.tables)

    @property
    def rows_rejected(self) -> int:
        return sum(t.rejected for t in self.tables)

    def to_dict(self) -> dict:
        return {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "changed": None if self.written is None else self.written.changed,
            "tables": [
                {"source": t.source, "mapping": t.mapping, "rows": t.rows, "accepted": t.accepted,
                 "rejected": t.rejected, "encoding": t.encoding, "delimiter": t.delimiter,
                 "lines": t.lines, "blank_lines": t.blank}
                for t in self.tables
            ],
            "rejects": [str(r) for r in self.rejects],
            "warnings": [str(w) for w in self.warnings],
            "ignored": self.ignored,
            "examples": self.examples,
            "notes": self.notes,
            "nodes_by_label": self.nodes_by_label,
            "edges_by_type": self.edges_by_type,
        }


def read_tables(paths: Sequence[str | Path], wanted: set[str] | None = None,
                log: ReadLog | None = None) -> list[Table]:
    """Every table of the given files/folders (CSV files, ``.xlsx`` sheets); with
    ``wanted`` (folded table names) a folder's other files and sheets are not read
    (see :func:`pat_graph.ingest.reading.read_path`)."""
    tables: list[Table] = []
    for p in paths:
        tables.extend(read_path(Path(p), wanted, log))
    disambiguate_sources(tables)
    return tables


def extract_paths(
    paths: Sequence[str | Path],
    *,
    mappings: Sequence[Mapping] | None = None,
    store: Store | None = None,
    strict: bool = False,
) -> tuple[Extraction, list[str]]:
    """Read and validate sources into records without writing anything.

    The template's helper sheets and example rows are left out
    (:mod:`pat_graph.ingest.examples`); ``extraction.examples`` counts the rows.
    With explicit ``mappings`` given and a single table that no mapping names,
    a single mapping applies to it (``pat-graph load --mapeo x.toml FILE``).
    ``strict``: every warning rejects its row (see :func:`pat_graph.ingest.engine.extract`).
    """
    mapping_list = list(mappings) if mappings else pat_mappings()
    # one explicit mapping reads any table; otherwise only the names some mapping reads
    wanted = None if mappings and len(mapping_list) == 1 else {
        fold(f, sep="_") for m in mapping_list for f in m.files}
    log = ReadLog()
    tables, examples = drop_examples(read_tables(paths, wanted, log))
    pairs, unmatched = _pairs(tables, mapping_list)
    if mappings and len(mapping_list) == 1:
        pairs += [(t, mapping_list[0]) for t in unmatched]
        unmatched = []
    explicit_files = {str(Path(p)) for p in paths if not Path(p).is_dir()}
    for t in unmatched:
        if t.path in explicit_files and t.encoding != "xlsx":
            known = sorted({f for m in mapping_list for f in m.files})
            raise InputError(
                f"{t.source}: ninguna correspondencia lee '{t.name}'; "
                f"nombres esperados: {', '.join(known)} (o use --mapeo)"
            )
    if not pairs and not log.problems:
        where = ", ".join(str(p) for p in paths)
        raise InputError(f"no hay tablas que cargar en {where}: se esperan archivos como "
                         "actores.csv, instancias.csv ... o un .xlsx con esas hojas")
    existing = store.existing_keys if store is not None else (lambda label: set())
    extraction = extract(pairs, existing, strict=strict)
    extraction.examples = examples
    extraction.rejects[:0] = [Reject(name, 0, "", reason) for name, reason in log.problems]
    extraction.notes.extend(log.notes)
    skipped = [s for s in log.skipped if not is_auxiliary_sheet(s)]
    return extraction, [*skipped, *(t.source for t in unmatched)]


def load_paths(
    paths: Sequence[str | Path],
    store: Store,
    *,
    mappings: Sequence[Mapping] | None = None,
    dry_run: bool = False,
    include_reference: bool = True,
    progress: Progress | None = None,
    on_start: Callable[[int], None] | None = None,
    extra_sources: Sequence[str] = (),
    strict: bool = False,
    replace: bool = False,
) -> LoadReport:
    """Load files/folders into ``store``: the good rows are written in one
    transaction, every bad row is reported. Nothing is written with ``dry_run``.

    Reference territories (DIVIPOLA) are written with every load (idempotent).
    ``on_start(total)`` is called with the number of records before writing, and
    ``progress(n)`` as they are written (for progress bars). ``extra_sources`` are
    added to the file names recorded in the store's load history (e.g. the demo's mark).
    With ``strict`` every warning (unknown column or actor kind, probable duplicate)
    rejects its row instead of letting it load.

    With ``replace`` the load replaces everything the store held
    (:meth:`~pat_graph.store.base.Store.replace_all`: one transaction on SQLite), once
    the files have been read.
    """
    with gc_paused():
        extraction, ignored = extract_paths(paths, mappings=mappings, store=store, strict=strict)
    report = LoadReport(
        tables=extraction.tables,
        rejects=extraction.rejects,
        warnings=extraction.warnings,
        ignored=ignored,
        examples=extraction.examples,
        notes=extraction.notes,
        nodes_by_label=dict(Counter(n.label for n in extraction.batch.nodes)),
        edges_by_type=dict(Counter(e.type for e in extraction.batch.edges)),
        dry_run=dry_run,
    )
    if dry_run:
        return report
    batch = RecordBatch()
    if include_reference:
        batch.extend(reference().records())
    batch.extend(extraction.batch)
    if on_start is not None:
        on_start(len(batch))
    with gc_paused():
        report.written = (store.replace_all if replace else store.write)(
            batch, sources=[*(t.source for t in extraction.tables), *extra_sources],
            progress=progress)
    return report


def ensure_reference(store: Store) -> WriteSummary:
    """Write the reference territories (nation, departments, municipalities) into ``store``."""
    return store.write(reference().records(), sources=[MUNICIPALITIES_FILE])


__all__ = [
    "LoadReport", "Reject", "Mapping", "Table", "extract_paths", "load_paths", "read_tables",
    "load_mapping", "parse_mapping", "pat_mappings", "ensure_reference",
]

