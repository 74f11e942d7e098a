"""The main job end to end: demo data → store → summary, first gaps, one network.

``pat-graph demo`` is a thin shell over :func:`run_demo`; a notebook can call it too::

    from pat_graph.pipeline import run_demo
    from pat_graph.store import open_store
    result = run_demo("demo/", open_store("demo.sqlite"))
    result.files   # {'Resumen': PosixPath('demo/resumen.md'), ...}

The demo never mixes its generated records with anything else: into an empty store
(or one holding only reference territories) it loads; a store holding an earlier demo
is replaced (``result.replaced``); a store holding other records — an analyst's
own — is refused with :class:`~pat_graph.errors.StoreError` unless ``replace=True``
(``pat-graph demo --reemplazar``). Demo loads are recognised by :data:`DEMO_SOURCE` in
the store's load history.

Nothing is deleted before the new data exists: the demo is generated into
``out/datos`` and read back first (a ``--salida`` that cannot be written stops it
there), then swapped in with :meth:`~pat_graph.store.base.Store.replace_all`. On
SQLite the swap is one transaction: an error or a kill -9 during the load leaves the
store exactly as it was. On Neo4j it is resumable, not atomic: stopped during the swap,
the store holds part of the old or of the new records under a demo load entry, and
running the demo again completes the replacement.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pat_graph.errors import InputError, StoreError
from pat_graph.ingest import load_paths
from pat_graph.lookup import find
from pat_graph.store.base import Progress, Store
from pat_graph.summary import render_markdown, summarize
from pat_graph.tables import write_csv
from pat_graph.territories import MUNICIPALITIES_FILE, reference

#: Entry of the load history (``store.stats().loads[i]["sources"]``) that marks a load
#: made by :func:`run_demo`: generated data that a later demo may replace.
DEMO_SOURCE = "pat-graph demo (datos generados)"


@dataclass(slots=True)
class DemoResult:
    data_dir: Path
    rows: int
    nodes: int
    edges: int
    department: str
    seconds: float
    files: dict[str, Path] = field(default_factory=dict)
    replaced: bool = False


def _write_rows(rows: list[dict[str, Any]], path: Path) -> Path:
    """Dict rows as an Excel-friendly CSV (:func:`pat_graph.tables.write_csv`), every key a column."""
    return write_csv(rows, path, columns=list(dict.fromkeys(k for r in rows for k in r)))


def gap_table_es(g: Any, as_of: str | None = None, *,
                 stale_months: int | None = None) -> list[dict[str, Any]]:
    """The gap index table: one row per department (worst first; those without records
    last, with no place nor index), keyed by the column registry's keys
    (:func:`pat_graph.columns.gap_index_columns`: place, code, name, 0–100 index, each
    family's points, explanation). The one table of ``pat-graph gaps --csv`` / ``--xlsx``
    and of the demo's ``brechas_departamentos.csv`` (:func:`write_gap_table`); ``g`` is
    the graph or an analytics context.

    >>> from pat_graph.viz.views import _example_graph
    >>> [row] = [r for r in gap_table_es(_example_graph()) if r["rank"]]
    >>> row["rank"], row["department_name"], row["score"]
    (1, 'Antioquia', 56.7)
    """
    from pat_graph import analytics
    from pat_graph.analytics.records import STALE_MONTHS

    ranking = analytics.gap_index(g, as_of, with_unrecorded=True,
                                  stale_months=STALE_MONTHS if stale_months is None
                                  else stale_months)
    return [r.to_row() for r in ranking]


def write_gap_table(rows: list[dict[str, Any]], target: Any, *, bom: bool = False) -> Any:
    """Write :func:`gap_table_es` rows as CSV to ``target`` (a path or a stream) with the
    Spanish headers of the column registry, exactly as ``pat-graph gaps --csv`` does."""
    from pat_graph.columns import GAP_INDEX_HEADERS, display_rows, gap_index_columns, headers

    cols = gap_index_columns()
    return write_csv(display_rows(rows, cols), target, columns=cols,
                     headers=headers(cols, GAP_INDEX_HEADERS), bom=bom)


#: Departments listed in the summary's gap index section.
SUMMARY_TOP = 10


def gap_summary_markdown(rows: list[dict[str, Any]], top: int = SUMMARY_TOP) -> str:
    """The summary's gap index section from :func:`gap_table_es` rows (worst first;
    departments without records are not in the ranking).

    >>> print(gap_summary_markdown([{"rank": 1, "department_code": "95",
    ...     "department_name": "Guaviare", "score": 30.1,
    ...     "explanation": "faltan 2 de 5 instancias activas; otra; y otra; y más"}]))
    ## Índice de brechas (0 a 100; 100 = todo falta)
    <BLANKLINE>
    | Puesto | Departamento | Índice | Por qué |
    |---:|---|---:|---|
    | 1 | Guaviare (95) | 30,1 | faltan 2 de 5 instancias activas; otra; y otra |
    <BLANKLINE>
    Ranking completo: `pat-graph gaps`; tabla en brechas_departamentos.csv.
    """
    from pat_graph.formatting import index_value

    lines = ["## Índice de brechas (0 a 100; 100 = todo falta)", "",
             "| Puesto | Departamento | Índice | Por qué |", "|---:|---|---:|---|"]
    for r in [r for r in rows if r["rank"]][:top]:
        why = "; ".join(str(r["explanation"]).split("; ")[:3]).replace("|", "/")
        lines.append(f"| {r['rank']} | {r['department_name']} ({r['department_code']}) | "
                     f"{index_value(r['score'])} | {why} |")
    lines += ["", "Ranking completo: `pat-graph gaps`; tabla en brechas_departamentos.csv."]
    return "\n".join(lines)


def run_demo(
    out: str | Path,
    store: Store,
    *,
    seed: int | None = None,
    scale: float = 1.0,
    department: str | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Progress | None = None,
    replace: bool = False,
) -> DemoResult:
    """Generate the demo dataset into ``out/datos``, load it into ``store``, and write
    ``resumen.md`` (with the first places of the gap index), ``brechas_departamentos.csv``
    (the gap index ranking, :func:`gap_table_es`) and an interactive network of one
    department (by default the first of the gap-index ranking).

    ``store`` must be empty, hold only reference territories or an earlier demo (which
    is replaced); with other records it raises :class:`StoreError` and changes nothing,
    unless ``replace`` (see the module docs).
    """
    from pat_graph import analytics, viz
    from pat_graph.demo import generate_demo

    t0 = time.perf_counter()
    check_scale(scale)
    replaced = demo_must_replace(store, replace=replace)  # refuses before writing anything
    out = Path(out)
    data_dir = out / "datos"
    kwargs: dict[str, Any] = {"scale": scale}
    if seed is not None:
        kwargs["seed"] = seed
    try:
        demo = generate_demo(data_dir, **kwargs)
    except OSError as err:
        raise InputError(f"no se pudieron escribir los datos de la demostración en {data_dir}: "
                         f"{err.strerror or err}; el almacén {store.location} no se tocó") from err
    report = load_paths([data_dir], store, on_start=on_start, progress=progress,
                        extra_sources=[DEMO_SOURCE], replace=replaced)
    g = store.read_graph()
    summary = summarize(g)
    files: dict[str, Path] = {"Datos (CSV, formato de intercambio PAT)": data_dir}
    gap_rows = gap_table_es(analytics.context(g))
    summary_path = out / "resumen.md"
    summary_path.write_text(
        render_markdown(summary, "Resumen del grafo PAT (datos de ejemplo)").rstrip("\n")
        + "\n\n" + gap_summary_markdown(gap_rows) + "\n", encoding="utf-8")
    files["Resumen del grafo"] = summary_path
    files["Tabla de brechas por departamento"] = write_gap_table(
        gap_rows, out / "brechas_departamentos.csv")
    ref = reference()
    if department is None:  # the department the gap index ranks first
        department = gap_rows[0]["department_code"] if gap_rows and gap_rows[0]["rank"] \
            else "50"
    else:
        department = find(g, department, "department").key
    view = viz.department_view(g, department)
    name = ref.department_name(department)
    html = out / f"red_{department}_{_slug(name)}.html"
    view.save(html)
    files[f"Red interactiva de {name}"] = html
    if report.rejects:  # the demo must load cleanly; say so loudly if it does not
        files["Filas rechazadas (¡revisar!)"] = _write_rows(
            [{"rechazo": str(r)} for r in report.rejects], out / "rechazos.csv")
    return DemoResult(
        data_dir=data_dir,
        rows=sum(demo.files.values()),
        nodes=summary.nodes,
        edges=summary.edges,
        department=department,
        seconds=time.perf_counter() - t0,
        files=files,
        replaced=replaced,
    )


def prepare(
    store: Store, *, on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Compute and keep the ficha of every department of ``store`` as it is now (with
    them the gap index and the recommender's model), in the user's cache folder
    (:mod:`pat_graph.answers`), so that the next ``pat-graph ficha`` of any department
    reads its ficha back instead of computing the national analyses again (~7 CPU-s at
    ×1 once, then ~1 s per ficha). ``pat-graph load`` and ``demo`` call it after
    loading. Returns how many departments were prepared: 0 when answers are not kept
    (``PAT_GRAPH_ANSWERS=0``) or the store changed while it was read.

    >>> import os, tempfile
    >>> from pat_graph.store.sqlite import SQLiteStore
    >>> os.environ["PAT_GRAPH_ANSWERS"] = tempfile.mkdtemp()
    >>> st = SQLiteStore(os.path.join(tempfile.mkdtemp(), "a.sqlite"))
    >>> prepare(st)  # an empty store has no departments yet (a load adds the territories)
    0
    >>> st.close(); del os.environ["PAT_GRAPH_ANSWERS"]
    """
    from pat_graph import answers
    from pat_graph.report import keep_fichas

    if answers.Answers.for_store(store).folder is None:
        return 0
    g = answers.read_graph(store)
    if answers.of(g) is None:  # a load ran while the graph was read
        return 0
    return len(keep_fichas(g, loads=store.stats().loads, on_start=on_start,
                           progress=progress))


def check_scale(scale: float) -> None:
    """The demo's ``scale`` must be a finite number above 0 (:class:`InputError`).

    >>> check_scale(0.5)
    >>> check_scale(float("nan"))
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: --escala debe ser un número mayor que 0 (p. ej. 1 o 0,5); se recibió nan
    """
    if not (isinstance(scale, int | float) and math.isfinite(scale) and scale > 0):
        raise InputError(f"--escala debe ser un número mayor que 0 (p. ej. 1 o 0,5); se "
                         f"recibió {scale}")


def demo_must_replace(store: Store, *, replace: bool = False) -> bool:
    """Whether the demo replaces what ``store`` holds: no when it holds no records but
    reference territories; yes when it holds only earlier demos (or ``replace``);
    otherwise :class:`StoreError`. Changes nothing: the demo swaps its records in later.

    >>> from pat_graph.store.sqlite import SQLiteStore
    >>> demo_must_replace(SQLiteStore(":memory:"))
    False
    """
    stats = store.stats()
    records = sum(n for label, n in stats.nodes_by_label.items() if label != "Territory")
    if not records:
        return False
    own = [load for load in stats.loads  # neither a demo nor `init`'s reference territories
           if DEMO_SOURCE not in load.get("sources", ())
           and list(load.get("sources", ())) != [MUNICIPALITIES_FILE]]
    if own and not replace:
        count = f"{records:,}".replace(",", ".")
        raise StoreError(
            f"el almacén {store.location} ya tiene registros que no son de la demostración "
            f"({count} nodos además de los territorios; {len(own)} carga(s) propias, la "
            f"última del {own[-1].get('loaded_at', '?')}). `pat-graph demo` no mezcla datos "
            "generados con otros: use --almacen con otro archivo (p. ej. --almacen demo.sqlite) "
            "o --reemplazar para vaciarlo (se borran sus registros)")
    return True


def _slug(text: str) -> str:
    from pat_graph.text import fold

    return fold(text, sep="_")[:40]
