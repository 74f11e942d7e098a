"""Rendering fichas to self-contained, print-friendly HTML, one per department, plus the
national index page (ranking and map).

Jinja2 with ``autoescape=True``: every text taken from the data is escaped, so an
actor called ``<img src=x onerror=alert(1)>`` is shown, never run. Charts are
inline SVG (or a ``data:`` PNG for the map); the page has no URL at all.

>>> from pat_graph.viz.views import _example_graph
>>> from pat_graph.report.build import ficha
>>> page = render_ficha(ficha(_example_graph(), "05"))
>>> page.startswith("<!DOCTYPE html>") and "Ficha diagnóstico departamental: Antioquia" in page
True
>>> "http://" in page or "https://" in page
False
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment
from markupsafe import Markup

from pat_graph import __version__, model
from pat_graph.errors import InputError
from pat_graph.report import templates
from pat_graph.report.build import Analyses, ficha
from pat_graph.report.data import Ficha, kind_es
from pat_graph.report.sketch import chart_svg, png_data_uri
from pat_graph.viz import charts, style

#: Gap messages listed per family before "y N más".
MAX_GAPS = 12
INDEX_FILE = "index.html"


def num(value: float | None) -> str:
    """A number the Spanish way: decimal comma, no trailing zeros; ``—`` for none.

    >>> num(69.0), num(12.35), num(0.5), num(None)
    ('69', '12,35', '0,5', '—')
    """
    if value is None:
        return "—"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


@cache
def _env() -> Environment:
    env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
    env.globals.update(
        num=num, es=model.label_es, kind_es=kind_es, css=Markup(templates.CSS),
        version=__version__, max_gaps=MAX_GAPS,
        sector_colors={style.sector_es(s): c for s, c in style.SECTOR_COLORS.items()},
        sector_legend=[(style.sector_es(s), c) for s, c in style.SECTOR_COLORS.items()],
    )
    return env


def _sector_ties(f: Ficha) -> dict[tuple[str, str], int]:
    m = f.sector_matrix
    return {(a, b): int(m[a][b]) for a in m for b in m[a] if a <= b}


def render_ficha(f: Ficha, *, generated: str | None = None) -> str:
    """The ficha as one self-contained HTML document."""
    chart = chart_svg(lambda p: charts.sector_matrix_chart(
        _sector_ties(f), p, title=f"Vínculos entre sectores en {f.department_name}"),
        salt=f"m{f.department_code}")
    return _env().from_string(templates.FICHA).render(
        f=f, generated=generated or date.today().isoformat(),
        sector_chart=Markup(chart), network_svg=Markup(f.network_svg))


def file_name(f: Ficha | tuple[str, str]) -> str:
    """``ficha_<code>_<name>.html``, the name used by :func:`write_fichas`.

    >>> file_name(("27", "Chocó"))
    'ficha_27_choco.html'
    """
    from pat_graph.text import fold

    code, name = (f.department_code, f.department_name) if isinstance(f, Ficha) else f
    return f"ficha_{code}_{fold(name, sep='_')[:40]}.html"


def _write(path: Path, text: str) -> Path:
    if path.suffix.lower() not in (".html", ".htm"):
        raise InputError(f"El archivo de salida debe terminar en .html: {path}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(f"No se pudo escribir {path}: {err.strerror}") from err
    return path


def write_ficha(
    g: nx.MultiDiGraph, department: str, path: str | Path, *,
    as_of: str | date | None = None, loads: list[dict[str, Any]] | None = None,
) -> Path:
    """Build and write the ficha of one department; returns the path written."""
    return _write(Path(path), render_ficha(ficha(g, department, as_of=as_of, loads=loads)))


def render_index(an: Analyses, files: dict[str, str]) -> str:
    """The index page: national ranking (linked to each ficha), map and ranking chart."""
    ctx = an.ctx
    rows = [{"rank": r.rank, "code": r.department_code, "name": r.department_name,
             "score": r.score, "file": files.get(r.department_code, ""),
             "explanation": "; ".join(r.explanation[:3])} for r in an.index]
    ranked = {r.department_code for r in an.index}  # then those without records (issue 22)
    rows += [{"rank": "—", "code": d, "name": name, "score": None, "file": files.get(d, ""),
              "explanation": "sin registros"}
             for d, name in an.ctx.departments.items() if d not in ranked]
    scores = {r.department_code: r.score for r in an.index}
    names = {r.department_name: r.score for r in an.index}
    map_uri = png_data_uri(lambda p: charts.gap_choropleth(scores, p)) if scores else ""
    ranking = chart_svg(lambda p: charts.gap_ranking_chart(names, p), salt="ranking") \
        if names else ""
    return _env().from_string(templates.INDEX).render(
        rows=rows, as_of=ctx.as_of, effective_date=ctx.today,
        generated=date.today().isoformat(), map_uri=map_uri, ranking_chart=Markup(ranking))


def write_fichas(
    g: nx.MultiDiGraph, folder: str | Path, *, as_of: str | date | None = None,
    loads: list[dict[str, Any]] | None = None,
    on_start: Callable[[int], None] | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """All departments' fichas plus ``index.html`` in ``folder``; returns the paths
    (fichas first, the index last). The national analyses are computed once.

    >>> import tempfile
    >>> from pat_graph.viz.views import _example_graph
    >>> [p.name for p in write_fichas(_example_graph(), tempfile.mkdtemp())]
    ['ficha_05_antioquia.html', 'index.html']
    """
    out = Path(folder)
    if out.suffix.lower() in (".html", ".htm"):
        raise InputError(f"--todas escribe una carpeta, no un archivo: {out}")
    an = Analyses(g, as_of)
    codes = list(an.ctx.departments)
    if on_start:
        on_start(len(codes))
    paths: list[Path] = []
    files: dict[str, str] = {}
    for code in codes:
        f = ficha(an.ctx, code, analyses=an, loads=loads)
        files[code] = file_name(f)
        paths.append(_write(out / files[code], render_ficha(f)))
        if progress:
            progress(1)
    paths.append(_write(out / INDEX_FILE, render_index(an, files)))
    return paths

