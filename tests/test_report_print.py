"""The ficha as a director gets it: the summary prints to exactly two A4 pages for every
department of the demo and for a department with no records, nothing on those pages is
cut off, and every text a person reads is es-CO (numbers, dates, Spanish labels).

Real headless Chromium (fails, not skips, when CI=true and it is missing)."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
from cdp import Chromium
from demo_data import demo_graph

from pat_graph import model, report
from pat_graph.chromium import find_chromium
from pat_graph.ingest import load_paths
from pat_graph.report.pdf import page_count, to_pdfs
from pat_graph.store.sqlite import SQLiteStore

#: Width of the A4 print area (210 mm less 2 × 12 mm margins) in CSS pixels.
PRINT_WIDTH_PX = 703


def _need_chromium() -> None:
    if not find_chromium():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("Chromium no está instalado y CI=true: instale el paquete Debian `chromium`.")
        pytest.skip("Chromium no está instalado (en CI esto es un fallo)")


@pytest.fixture(scope="module")
def demo_world(tmp_path_factory):
    """The analyses of the ×1 demo and its 33 fichas: (Analyses, [(Ficha, full HTML path,
    summary HTML path)])."""
    root = tmp_path_factory.mktemp("ficha-print")
    g = demo_graph(root / "datos", 1)
    an = report.Analyses(g)
    out = []
    for code in an.ctx.departments:
        f = report.ficha(an.ctx, code, analyses=an)
        full = root / report.file_name(f)
        summary = full.with_name(full.stem + "_resumen.html")
        full.write_text(report.render_ficha(f), encoding="utf-8")
        summary.write_text(report.render_summary(f), encoding="utf-8")
        out.append((f, full, summary))
    return an, out


@pytest.fixture(scope="module")
def demo(demo_world):
    """The 33 fichas of the ×1 demo: (Ficha, full HTML path, summary HTML path)."""
    return demo_world[1]


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    """The ficha of Guaviare on a store that holds records of Meta and Bogotá only."""
    root = tmp_path_factory.mktemp("ficha-empty")
    store = SQLiteStore(root / "store.sqlite")
    load_paths([Path(__file__).parent / "data" / "pat_small"], store)
    g = store.read_graph()
    store.close()
    f = report.ficha(g, "Guaviare", as_of="2024-12-31")
    summary = root / "ficha_95_resumen.html"
    summary.write_text(report.render_summary(f), encoding="utf-8")
    return f, summary


#: Actors of Huila as Excel writes a CSV on Windows: Windows-1252, ``;``, CRLF, a
#: department typed in lower case. With tests/data/pat_small (Meta, Chocó) the store
#: holds records of three departments; Huila's are partial (actors only, undated).
HUILA_ACTORS = ("id;nombre;sector;tipo;nivel;departamento;municipio\r\n"
                "H-01;Gobernación del Huila;publico;gobernacion;departamental;Huila;\r\n"
                "H-02;Cámara de Comercio de Neiva;privado;camara_comercio;departamental;Huila;41001\r\n"
                "H-03;Universidad Surcolombiana;academico;universidad;departamental;huila;41001\r\n")


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """The 33 summaries of a store with records of three departments only (Meta, Chocó
    and, partially, Huila): {code: (Ficha, summary HTML path)}, and the index page."""
    root = tmp_path_factory.mktemp("ficha-three")
    (root / "huila").mkdir()
    (root / "huila" / "actores.csv").write_bytes(HUILA_ACTORS.encode("cp1252"))
    store = SQLiteStore(root / "store.sqlite")
    load_paths([Path(__file__).parent / "data" / "pat_small", root / "huila"], store)
    g = store.read_graph()
    store.close()
    an = report.Analyses(g, "2024-12-31")
    out = {}
    for code in an.ctx.departments:
        f = report.ficha(an.ctx, code, analyses=an)
        summary = root / report.file_name(f).replace(".html", "_resumen.html")
        summary.write_text(report.render_summary(f), encoding="utf-8")
        out[code] = (f, summary)
    index = report.render_index(an, {c: report.file_name(f) for c, (f, _) in out.items()})
    return out, index


def test_every_summary_prints_to_exactly_two_pages(demo, empty, tmp_path):
    _need_chromium()
    pairs = [(s, tmp_path / (s.stem + ".pdf")) for _, _, s in demo] + \
        [(empty[1], tmp_path / "vacio.pdf")]
    pages = {p.name: page_count(p) for p in to_pdfs(pairs)}
    assert len(pages) == 34
    assert {n: c for n, c in pages.items() if c != 2} == {}


def test_full_ficha_has_annexes_after_the_summary(demo, tmp_path):
    _need_chromium()
    f, full, _ = max(demo, key=lambda t: len(t[0].actors))
    [pdf] = to_pdfs([(full, tmp_path / "completa.pdf")])
    assert page_count(pdf) > 2  # the annexes start on page 3
    # what `pat-graph ficha --pdf` writes as _resumen.pdf: the full HTML less its annexes
    [summary] = to_pdfs([(full, tmp_path / "resumen.pdf")], summary_only=True)
    assert page_count(summary) == 2
    text = full.read_text(encoding="utf-8")
    assert text.index('id="anexos"') > text.index("Qué hacer")


def test_nothing_on_the_two_pages_is_cut_off(demo, empty):
    """Each summary sheet is a fixed A4 box in print: its content must fit inside it."""
    _need_chromium()
    with Chromium(width=PRINT_WIDTH_PX, height=1200) as browser:
        for f, _, summary in [*demo, (empty[0], None, empty[1])]:
            page = browser.open(summary.resolve().as_uri())
            browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
            sizes = page.evaluate("JSON.stringify([...document.querySelectorAll('.sheet')]"
                                  ".map(s => [s.scrollHeight, s.clientHeight]))")
            page.close()
            sheets = json.loads(sizes)
            assert len(sheets) == 2, f.department_name
            assert all(s <= c + 1 for s, c in sheets), (f.department_name, sheets)


def _visible_text(html: str) -> str:
    html = re.sub(r"<style>.*?</style>|<title>.*?</title>|<footer>.*?</footer>", " ", html,
                  flags=re.S)
    return html_lib.unescape(re.sub(r"<[^>]+>", " ", html))


def _raw_codes() -> set[str]:
    """Vocabulary codes that differ from their Spanish label (``lider`` ≠ ``líder``)."""
    out = set()
    for vocab in (*model.VOCABULARIES.values(), *model.DISPLAY_ES.values()):
        out |= {code for code, label in vocab.items() if code != label.lower()}
    return out


def test_every_text_is_es_co(demo, empty):
    codes = _raw_codes()
    assert {"proteccion_vejez", "lider", "institucion_educacion_superior"} <= codes
    for _f, full, summary in [*demo, (empty[0], empty[1], empty[1])]:
        for path in {full, summary}:
            text = _visible_text(path.read_text(encoding="utf-8"))
            words = set(re.findall(r"[\w]+", text))
            assert words.isdisjoint(codes), (path.name, sorted(words & codes)[:5])
            assert "Institucion educacion superior" not in text
            assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text), path.name  # ISO dates
            # a decimal point (0.016, 10.3) is never printed; 3.695 is a thousands point
            assert not re.search(r"(?<![\w.-])\d+\.(\d{1,2}|\d{4,})(?![\w.])", text), (
                path.name, re.search(r"(?<![\w.-])\d+\.(\d{1,2}|\d{4,})(?![\w.])", text))
            assert re.search(r"\d{2}/\d{2}/\d{4}", text)


def test_summary_reads_like_a_report(demo):
    f, _, summary = next(t for t in demo if t[0].department_code == "27")
    text = _visible_text(summary.read_text(encoding="utf-8"))
    assert len(f.top_gaps) == min(5, sum(len(g.messages) for g in f.gap_groups))
    points = [t.points for t in f.top_gaps]
    assert points == sorted(points, reverse=True)  # the heaviest families first
    assert all(t.meaning and t.action for t in f.top_gaps)
    assert [k.kind for k in f.instance_states] == list(model.SEED_INSTANCE_KINDS)
    assert [k.kind for k in f.instrument_states] == list(model.INSTRUMENT_KINDS)
    for t in f.top_gaps:
        assert t.meaning in text
    assert f"puesto {f.gap_rank} de {f.departments_ranked}" in text
    assert "Anexos" not in text and "Qué hacer" in text
    assert len(f.recommendations or []) <= 5


def test_department_with_no_records(empty):
    f, summary = empty
    assert (f.department_code, f.actors, f.instances, f.agreements) == ("95", [], [], [])
    text = _visible_text(summary.read_text(encoding="utf-8"))
    assert "Guaviare" in text and "Sin actores registrados" in text


def test_three_department_store_prints_two_pages_for_all_33(three, tmp_path):
    _need_chromium()
    fichas, _ = three
    assert len(fichas) == 33
    pairs = [(s, tmp_path / (s.stem + ".pdf")) for _, s in fichas.values()]
    pages = {p.name: page_count(p) for p in to_pdfs(pairs)}
    assert len(pages) == 33
    assert {n: c for n, c in pages.items() if c != 2} == {}
    with Chromium(width=PRINT_WIDTH_PX, height=1200) as browser:
        for code in ("27", "41", "50", "95"):  # full, partial, full, none
            f, summary = fichas[code]
            page = browser.open(summary.resolve().as_uri())
            browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=page.session)
            sizes = json.loads(page.evaluate(
                "JSON.stringify([...document.querySelectorAll('.sheet')]"
                ".map(s => [s.scrollHeight, s.clientHeight, s.scrollWidth, s.clientWidth]))"))
            page.close()
            assert all(h <= ch + 1 and w <= cw + 1 for h, ch, w, cw in sizes), (code, sizes)


def test_ficha_shows_what_the_store_holds(three):
    fichas, index = three
    recorded = [c for c, (f, _) in fichas.items() if f.has_records]
    assert sorted(recorded) == ["27", "41", "50"]
    # ranked: records of a family of the index (Huila's list of actors alone is not)
    ranked = [c for c, (f, _) in fichas.items() if f.gap_score is not None]
    assert sorted(ranked) == ["27", "50"]
    for code in recorded:
        f, summary = fichas[code]
        text = " ".join(_visible_text(summary.read_text(encoding="utf-8")).split())
        if code in ranked:
            assert f"puesto {f.gap_rank} de 2 departamentos con registros" in text
        assert "de 2 departamentos con registros" in text  # the national mean's base
        assert "Registros en el almacén" in text
        assert [r.kind for r in f.coverage] == ["actors", "instances", "instruments",
                                                "agreements", "events", "linkages"]
    # Huila: actors only (no participation). Families without records are said so,
    # never "Falta"; no family of the index recorded: no index, nothing said to be fine.
    f, summary = fichas["41"]
    text = " ".join(_visible_text(summary.read_text(encoding="utf-8")).split())
    assert [r.count for r in f.coverage] == [3, 0, 0, 0, 0, 0]
    assert set(f.unrecorded) == {"instancias", "instrumentos", "sectores", "programas",
                                 "fragilidad"}
    assert f.top_gaps == [] and f.gap_score is None
    assert "Sin registros de instancias" in text and "Falta" not in text
    assert "Sin registros de: Cobertura de instancias, Instrumentos de política" in text
    assert text.count("sin registros: no puntúa") == 5
    assert "Sin índice" in text and "no hay brechas" not in text
    # Chocó at 31/12/2024: its instances' last record (01/01/2021) is stale
    f, summary = fichas["27"]
    text = " ".join(_visible_text(summary.read_text(encoding="utf-8")).split())
    assert "Cobertura de instancias" in f.stale_families
    assert "Desactualizado:" in text and "más de 24 meses" in text
    # a department without any records: no index, no rank, said plainly
    f, summary = fichas["95"]
    text = " ".join(_visible_text(summary.read_text(encoding="utf-8")).split())
    assert (f.gap_score, f.gap_rank, f.gap_position) == (None, None, "sin registros")
    assert "El almacén no tiene ningún registro de Guaviare" in text
    assert "fuera del ranking" in text and not re.search(r"puesto \d", text)
    assert f.top_gaps == [] and f.actions == []
    assert "No se reportan brechas" in text
    # the index page: 2 ranked, the other 31 "sin registros"
    assert index.count("sin registros: fuera del ranking") == 31
    assert "2 departamentos con registros" in index


# ------------------------------------------------------------ no row split across pages
#: A marker the test writes into a cell: ``§<row>a§`` where the cell's content starts,
#: ``§<row>z§`` where it ends, ``§<table>h§`` in a table's header row.
_MARK = re.compile(r"§(\d+)([azh])§")
#: Markers take no room in the line (zero-width box; the text overflows it, unseen).
_MARK_CSS = ("<style>i.mk { display: inline-block; width: 0; height: 0; line-height: 0; "
             "overflow: visible; white-space: nowrap; font-size: 1px; font-style: normal; "
             "vertical-align: baseline; }</style>")
_CELL = re.compile(r"(<(td|th)\b[^>]*>)(.*?)(</\2>)", re.S)


def _mark_rows(html: str) -> tuple[str, dict[int, int]]:
    """``html`` with every table cell marked (:data:`_MARK`), and row -> its table. A row
    is whole on one page when all of its markers are; a table's header row is marked
    once, and Chromium repeats it (``thead``) on every page the table runs over."""
    tables: dict[int, int] = {}
    counter = iter(range(1, 10**6))

    def mark(token: str) -> str:
        return f'<i class="mk">§{token}§</i>'

    def table(m: re.Match[str]) -> str:
        t = next(counter)
        text = m.group(0)
        head, sep, body = text.partition("</thead>")
        if not sep:
            head, body = "", text
        else:
            head = re.sub(r"(<th\b[^>]*>)", lambda c: c.group(1) + mark(f"{t}h"), head, count=1)
            head += sep

        def row(r: re.Match[str]) -> str:
            n = next(counter)
            tables[n] = t
            return _CELL.sub(lambda c: c.group(1) + mark(f"{n}a") + c.group(3) + mark(f"{n}z")
                             + c.group(4), r.group(0))

        return head + re.sub(r"<tr\b.*?</tr>", row, body, flags=re.S)

    out = re.sub(r"<table\b.*?</table>", table, html, flags=re.S)
    cut = out.lower().rfind("</head>")
    return out[:cut] + _MARK_CSS + out[cut:], tables


def _markers_by_page(pdf: Path) -> list[list[tuple[int, str]]]:
    """The markers on each page of ``pdf``, in the order pdftotext reads them."""
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
                          capture_output=True, check=True)
    pages = done.stdout.decode("utf-8").split("\f")
    return [[(int(n), k) for n, k in _MARK.findall(p)] for p in pages]


def test_full_ficha_never_splits_a_table_row_across_pages(demo, tmp_path):
    """The full ficha of Chocó and of Nariño (the largest) printed to PDF: every table row
    lies on one page, each page a table runs over shows its header, and no page of the
    annexes is left mostly blank by a row pushed to the next one."""
    _need_chromium()
    if not _have_pdftotext():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("pdftotext no está instalado y CI=true: instale el paquete `poppler-utils`.")
        pytest.skip("pdftotext no está instalado (en CI esto es un fallo)")
    chosen = {t[0].department_code: t for t in demo if t[0].department_code in ("27", "52")}
    assert sorted(chosen) == ["27", "52"]
    pairs, marked = [], {}
    for code, (_f, full, _) in chosen.items():
        html, tables = _mark_rows(full.read_text(encoding="utf-8"))
        copy = full.with_name(f"marcada_{code}.html")
        copy.write_text(html, encoding="utf-8")
        pairs.append((copy, tmp_path / f"{code}.pdf"))
        marked[code] = tables
    for (code, tables), pdf in zip(marked.items(), to_pdfs(pairs), strict=True):
        pages = _markers_by_page(pdf)
        where: dict[int, set[int]] = {}
        heads: dict[int, set[int]] = {}
        for i, marks in enumerate(pages):
            for n, kind in marks:
                (heads if kind == "h" else where).setdefault(n, set()).add(i)
        name = chosen[code][0].department_name
        assert set(where) == set(tables), (name, "filas sin imprimir",
                                           sorted(set(tables) - set(where))[:5])
        split = {n: sorted(p + 1 for p in ps) for n, ps in where.items() if len(ps) > 1}
        assert split == {}, (name, "filas partidas entre páginas", split)
        for n, ps in where.items():  # a header is on every page its table's rows are
            if tables[n] in heads:
                assert ps <= heads[tables[n]], (name, "tabla sin encabezado", n, ps)
        assert len(heads) >= 10, (name, len(heads))  # the annexes' tables have headers
        # no page but the last is left mostly blank (a row pushed whole to the next page)
        fill = _page_fill(pdf)
        assert len(fill) == len(pages) - 1 == page_count(pdf) > 2, name
        low = {i + 1: f for i, f in enumerate(fill[:-1]) if f < MIN_PAGE_FILL}
        assert low == {}, (name, "páginas casi vacías (página: parte ocupada)", low)


#: Share of a page's height (from its top edge) down to which the text of every page
#: of a full ficha but the last must reach.
MIN_PAGE_FILL = 0.6
#: The bottom margin of the ficha's ``@page`` in PDF points (13 mm): the page numbers.
_BOTTOM_MARGIN_PT = 13 * 72 / 25.4


def _page_fill(pdf: Path) -> list[float]:
    """Per page, how far down its lowest word (page numbers aside) reaches, as a share of
    the page's height (``pdftotext -bbox``)."""
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          check=True)
    out = []
    for _w, h, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                                  done.stdout.decode("utf-8"), re.S):
        ys = [float(y) for y in re.findall(r'yMax="([\d.]+)"', body)]
        ys = [y for y in ys if y < float(h) - _BOTTOM_MARGIN_PT]
        out.append(max(ys, default=0.0) / float(h))
    return out


def _have_pdftotext() -> bool:
    import shutil

    return shutil.which("pdftotext") is not None


def test_annex_network_counts_agree_with_the_network_and_page_one(demo_world):
    """Annex I counts the actors of the department's network (the one projection,
    ``analytics`` ``actor_network``) and says how they relate to page 1's actors: those
    located in the department, and the ones from outside that are in the network."""
    an, fichas = demo_world
    seen = 0
    for f, full, _ in fichas:
        net = an.ctx.actor_network(f.department_code)
        html = full.read_text(encoding="utf-8")
        text = " ".join(_visible_text(html).split())
        kpi = re.search(r'class="kpi">Actores<b>([\d.]+)</b>\s*([\d.]+)', html)
        assert kpi, f.department_name
        located, outside = (int(x.replace(".", "")) for x in kpi.groups())
        assert (located, outside) == (len(f.actors), len(f.outside_actors))
        outside_ids = {f"Actor:{a.id}" for a in f.outside_actors}
        tied = sum(1 for n in net if net.degree(n))
        in_net = len(outside_ids & set(net))
        # every node is an actor located in the department or one from outside it listed
        assert set(net) <= {f"Actor:{a.id}" for a in f.actors} | outside_ids
        assert net.number_of_nodes() == located + in_net
        if not net.number_of_nodes():
            assert "La red del departamento no tiene actores." in text
            continue
        m = re.search(r"La red del departamento tiene ([\d.]+) actor(?:es)? ?(\(.*?\))? y "
                      r"([\d.]+) vínculos?; (.*?)\. Dos actores quedan vinculados", text)
        assert m, (f.department_name, text[text.find("I. Actores puente"):][:400])
        nodes, part, ties, who_tied = m.groups()
        assert int(nodes.replace(".", "")) == net.number_of_nodes()
        assert int(ties.replace(".", "")) == net.number_of_edges()
        # how the network's actors relate to page 1's: located + those from outside in it
        if not outside:
            assert part is None
        else:
            assert f"los {located} ubicados en él" in part.replace(".", "")
            parts = re.findall(r"\d+", part.replace(".", ""))
            assert [int(x) for x in parts] == (
                [located] if not in_net else [located] if outside == 1 else
                [located, outside] if in_net == outside else [located, in_net, outside]), part
        alone = net.number_of_nodes() - tied
        assert who_tied == ("todos tienen algún vínculo" if not alone else
                            f"{tied} de esos actores tienen algún vínculo y {alone} ninguno"), \
            who_tied
        off = outside - in_net
        said = re.search(r"(?:otros )?(\d+ )?actor(?:es)? de fuera(?: que participan?)? no "
                         r"est(?:á|án) en la red", text)
        assert bool(said) == bool(off), f.department_name
        if off > 1:
            assert int(said.group(1)) == off
        seen += bool(off)
    assert seen  # the demo has a department whose network misses some outside actors
