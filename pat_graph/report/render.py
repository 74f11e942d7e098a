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

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx
from jinja2 import Environment, Template
from markupsafe import Markup, escape

from pat_graph import __version__, analytics, columns, formatting, model
from pat_graph.errors import InputError
from pat_graph.report import templates
from pat_graph.report.build import Analyses, ficha
from pat_graph.report.data import Ficha, kind_es
from pat_graph.report.sketch import bar_svg, chart_svg, locator_svg, png_data_uri
from pat_graph.viz import style

#: Gap messages listed per family before "y N más".
MAX_GAPS = 12
INDEX_FILE = "index.html"


def num(value: float | None, decimals: int = 2) -> str:
    """A number the es-CO way (:func:`pat_graph.formatting.number`), up to two decimals;
    ``—`` for none (a department without records has no index).

    >>> num(69.0), num(12.35), num(3695), num(0.016, 3), num(None)
    ('69', '12,35', '3.695', '0,016', '—')
    """
    if value is None:
        return "—"
    return formatting.number(value, decimals)


#: Programmes listed on the summary's second page (the rest in the annex).
MAX_PROGRAMMES = 12
#: Members of an instance per table row in annex C: a row never breaks across two
#: pages, so a long list is cut into rows short enough (~6 lines) to fit any page.
MEMBER_ROWS = 30
#: Steps of a programme's path (annex E, "Cómo llegó") per table row, for the same reason.
STEP_ROWS = 4
#: An id of the data (``A-00369``, ``IN-00041``, ``AC-00727``, ``P-01``), possibly in
#: brackets after a name.
_ID = re.compile(r"\(?\b[A-Z]{1,3}-\d{2,}\b\)?")


def ids(text: object) -> Markup:
    """``text`` escaped, each id in it marked as one (:data:`_ID`: shown lighter and never
    broken across two lines, like the ids after the names in the tables).

    >>> print(ids("si Gobernación <b> (A-00369) sale"))
    si Gobernación &lt;b&gt; <span class="code">(A-00369)</span> sale
    """
    return Markup(_ID.sub(lambda m: f'<span class="code">{m.group(0)}</span>',
                          str(escape(str(text)))))
_LOOP_LEVELS = {"ninguno": 0, "socializado": 1, "implementado": 2, "retroalimentado": 3}


def network_text(f: Ficha) -> str:
    """Annex I's account of the department's actor network (:mod:`pat_graph.analytics.projection`,
    the network every command reads): how many actors it holds and how they relate to the
    actors page 1 counts (those located in the department, those from outside that take
    part), how many ties, how many actors have none.

    >>> f = Ficha.__new__(Ficha)
    >>> f.actors, f.outside_actors = [None] * 74, [None] * 4
    >>> f.network_actors, f.network_ties, f.network_tied, f.network_outside = 76, 2101, 73, 2
    >>> print(network_text(f))  # doctest: +NORMALIZE_WHITESPACE
    La red del departamento tiene 76 actores (los 74 ubicados en él y 2 de los 4 de fuera que
    participan) y 2.101 vínculos; 73 de esos actores tienen algún vínculo y 3 ninguno. Dos
    actores quedan vinculados cuando comparten una instancia activa o un acuerdo firmado; los
    otros 2 actores de fuera no están en la red: no son miembros de ninguna instancia activa
    ni de ningún acuerdo firmado del departamento.
    >>> f.outside_actors, f.network_actors, f.network_outside, f.network_tied = [None], 75, 1, 75
    >>> print(network_text(f).split(";")[0])
    La red del departamento tiene 75 actores (los 74 ubicados en él y el único de fuera que participa) y 2.101 vínculos
    """
    n, loc, out, inside = (f.network_actors, len(f.actors), len(f.outside_actors),
                           f.network_outside)
    if not n:
        return "La red del departamento no tiene actores."
    plural, integer = formatting.plural, formatting.integer
    who = ""
    if out:
        mine = f"{'el' if loc == 1 else 'los'} {plural(loc, 'ubicado', 'ubicados')} en él"
        if not inside:  # the sentence's end says why none from outside is in it
            them = ""
        elif out == 1:
            them = "el único de fuera que participa"
        elif inside == out:
            them = f"los {integer(out)} de fuera que participan"
        else:
            them = f"{integer(inside)} de los {integer(out)} de fuera que participan"
        who = f" ({mine} y {them})" if them else f" (solo {mine})"
    alone = n - f.network_tied
    ties = (f"{'todos tienen' if n > 1 else 'tiene'} algún vínculo" if not alone else
            "ninguno tiene vínculos" if not f.network_tied else
            f"{integer(f.network_tied)} de esos actores "
            f"{'tiene' if f.network_tied == 1 else 'tienen'} algún vínculo y "
            f"{integer(alone)} ninguno")
    text = (f"La red del departamento tiene {plural(n, 'actor', 'actores')}{who} y "
            f"{plural(f.network_ties, 'vínculo', 'vínculos')}; {ties}. Dos actores quedan "
            "vinculados cuando comparten una instancia activa o un acuerdo firmado")
    off = out - inside
    if off:
        text += ("; el otro actor de fuera no está en la red: no es miembro" if off == 1 and inside
                 else "; el actor de fuera que participa no está en la red: no es miembro"
                 if off == 1
                 else f"; los otros {integer(off)} actores de fuera no están en la red: no son "
                      "miembros" if inside
                 else f"; los {integer(off)} actores de fuera que participan no están en la red: "
                      "no son miembros")
        text += " de ninguna instancia activa ni de ningún acuerdo firmado del departamento"
    return text + "."


def whole(items: str | list[str], limit: int, sep: str = "; ") -> str:
    """``items`` (a list, or a text of items joined by ``sep``) joined by ``sep``, as many
    whole items as fit in ``limit`` characters (the first always, whole): an item is never
    cut in the middle; those left out are counted, «(y N más)».

    >>> whole("cerraría la brecha A; uniría el nivel municipal con el departamental", 30)
    'cerraría la brecha A (y 1 más)'
    >>> whole(["uno", "dos", "tres"], 100), whole(["una frase larga"], 5)
    ('uno; dos; tres', 'una frase larga')
    """
    parts = [p for p in (items.split(sep) if isinstance(items, str) else items) if p]
    kept: list[str] = []
    for i, p in enumerate(parts):
        more = f" (y {len(parts) - i - 1} más)" if i < len(parts) - 1 else ""
        if kept and len(sep.join([*kept, p]) + more) > limit:
            break
        kept.append(p)
    left = len(parts) - len(kept)
    return sep.join(kept) + (f" (y {left} más)" if left else "")


def _column(key: str, value: object) -> object:
    """``value`` of the output column ``key`` as every table writes it
    (:func:`pat_graph.columns.display`: one rule of decimals for the ficha and the commands).

    >>> _column("betweenness", 0.006461), _column("betweenness", 0.0065)
    ('0,6 %', '0,7 %')
    """
    return columns.display(key, value, table=True)


@cache
def _env() -> Environment:
    env = Environment(autoescape=True, trim_blocks=False, lstrip_blocks=False)
    env.globals.update(
        plural=formatting.plural, num=num, entero=formatting.integer, pct=formatting.percent, fecha=formatting.date_es,
        indice=formatting.or_dash(formatting.index_value),
        puntos=formatting.or_dash(formatting.points),
        es=model.label_es, kind_es=kind_es, css=Markup(templates.CSS),
        version=__version__, max_gaps=MAX_GAPS, max_programmes=MAX_PROGRAMMES,
        loop_levels=_LOOP_LEVELS, seed_kinds=list(model.SEED_INSTANCE_KINDS),
        sector_colors={style.sector_es(s): c for s, c in style.SECTOR_COLORS.items()},
        sector_legend=[(style.sector_es(s), c) for s, c in style.SECTOR_COLORS.items()],
    )
    env.globals.update(member_rows=MEMBER_ROWS, step_rows=STEP_ROWS,
                       network_text=network_text, columna=_column)
    env.filters["ids"] = ids
    env.filters["whole"] = whole
    return env


@cache
def _template(name: str) -> Template:
    """A template of :mod:`~pat_graph.report.templates`, compiled once per process."""
    return _env().from_string(getattr(templates, name))


def css_string(text: str) -> str:
    r"""``text`` as a CSS string literal: every character other than letters, digits,
    spaces and a few marks is a CSS escape, so data can never close the string.

    >>> print(css_string('Chocó "x" </style>'))
    "Chocó \22 x\22  \3c /style\3e "
    """
    out = []
    for ch in text:
        if ch.isalnum() or ch in " .,:·-()/":
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):x} ")
    return '"' + "".join(out) + '"'


def _sector_table(f: Ficha) -> str:
    """The sector × sector tie counts as a small HTML table (es-CO numbers)."""
    m = f.sector_matrix
    sectors = [s for s in model.SECTORS if s in m]
    if not sectors:
        return "<p>Sin vínculos entre actores.</p>"
    head = "".join(f'<th class="n">{escape(model.label_es("sector", s))}</th>' for s in sectors)
    rows = []
    for a in sectors:
        cells = "".join(f'<td class="n">{formatting.integer(m[a].get(b, 0))}</td>'
                        for b in sectors)
        rows.append(f"<tr><th>{escape(model.label_es('sector', a))}</th>{cells}</tr>")
    return f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_ficha(f: Ficha, *, generated: str | None = None, annexes: bool = True) -> str:
    """The ficha as one self-contained HTML document: the two-page summary, then the
    annexes (``annexes=False``: the summary alone, what :func:`render_summary` gives)."""
    corte = formatting.date_es(f.as_of) if f.as_of else \
        f"{formatting.date_es(f.effective_date)} (estado actual)"
    header = f"Ficha diagnóstico departamental · {f.department_name} · corte {corte}"
    page_css = _template("PAGE_CSS").render(page_header=Markup(css_string(header)))
    colors = {style.sector_es(s): c for s, c in style.SECTOR_COLORS.items()}
    return _template("FICHA").render(
        f=f, generated=generated or date.today().isoformat(), annexes=annexes,
        page_css=Markup(page_css),
        locator=Markup(locator_svg(f.department_code, f.department_name)),
        sector_bars=Markup(bar_svg(f.actors_by_sector, colors)),
        sector_table=Markup(_sector_table(f)) if annexes else "",
        network_svg=Markup(f.network_svg))


def render_summary(f: Ficha, *, generated: str | None = None) -> str:
    """The two pages a director reads, without the annexes (printed to its own PDF).

    >>> from pat_graph.viz.views import _example_graph
    >>> from pat_graph.report.build import ficha
    >>> page = render_summary(ficha(_example_graph(), "05"))
    >>> "Qué hacer" in page and "Anexos" not in page
    True
    """
    return render_ficha(f, generated=generated, annexes=False)


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
    from pat_graph.viz import charts  # matplotlib: only the index draws charts

    ctx = an.ctx
    # the ranked departments, then those without records ("sin registros", no rank)
    rows = [{"rank": r.rank if r.rank is not None else "—", "code": r.department_code,
             "name": r.department_name, "score": r.score,
             "file": files.get(r.department_code, ""),
             "explanation": "; ".join(r.explanation[:3]) if r.score is not None
             else "sin registros: fuera del ranking"} for r in an.ranking]
    ranked = len(an.index)
    scores = {r.department_code: r.score for r in an.index}
    names = {r.department_name: r.score for r in an.index}
    map_uri = png_data_uri(lambda p: charts.gap_choropleth(scores, p)) if scores else ""
    ranking = chart_svg(lambda p: charts.gap_ranking_chart(names, p), salt="ranking") \
        if names else ""
    return _template("INDEX").render(
        rows=rows, ranked=ranked, national_mean=analytics.national_mean(an.index),
        as_of=ctx.as_of, effective_date=ctx.today,
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

