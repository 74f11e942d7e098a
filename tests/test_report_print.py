"""The ficha as a director gets it: the summary prints to exactly two A4 pages for every
department of the demo and for a department with no records, nothing on those pages is
cut off, and every text a person reads is es-CO (numbers, dates, Spanish labels).

Real headless Chromium (fails, not skips, when CI=true and it is missing)."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
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
def demo(tmp_path_factory):
    """The 33 fichas of the ×1 demo: (Ficha, full HTML path, summary HTML path)."""
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
    return out


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
