"""The ficha diagnóstico departamental on tests/data/pat_small, whose answers are known
by hand: Meta (50) has actors A-03..A-07, instances I-01 and I-03 (and A-06 in the
national Red ORMET I-02), instruments IN-01 and IN-02, agreements AC-01 and AC-02,
P-01 went all the way to feedback, P-02 was implemented, P-03 never arrived."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pat_graph import report
from pat_graph.cli import main
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

AS_OF = "2024-12-31"
XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("ficha")
    path = root / "store.sqlite"
    store = SQLiteStore(path)
    load_paths([Path(__file__).parent / "data" / "pat_small"], store)
    g, loads = store.read_graph(), store.stats().loads
    store.close()
    return path, g, loads


@pytest.fixture(scope="module")
def meta(small):
    _, g, loads = small
    return report.ficha(g, "Meta", as_of=AS_OF, loads=loads)


def test_meta_territory_and_actors(meta):
    assert (meta.department_code, meta.department_name, meta.as_of) == ("50", "Meta", AS_OF)
    assert len(meta.territory.municipalities) == 29
    assert len(meta.territory.pdet) == 8
    assert meta.territory.capital == "Villavicencio"
    assert [a.id for a in meta.actors] == ["A-03", "A-04", "A-05", "A-06", "A-07"]
    assert meta.actors_by_sector == {"Público": 2, "Privado": 1, "Académico": 1,
                                     "Comunitario": 1}
    assert meta.actors_by_kind["Gobernación"] == 1 and meta.actors_by_kind["Sindicato"] == 1


def test_meta_instances_and_their_composition(meta):
    rows = {i.id: i for i in meta.instances}
    assert set(rows) == {"I-01", "I-02", "I-03"}
    assert rows["I-02"].national and [m.id for m in rows["I-02"].members] == ["A-06"]
    # A-07 left the Subcomisión on 2022-12-31: not a member at the cut-off date
    assert {m.id: m.role for m in rows["I-01"].members} == {"A-03": "Presidencia",
                                                             "A-05": "Miembro"}
    assert rows["I-01"].composition == {"Público": 1, "Privado": 1}
    assert rows["I-03"].composition == {"Privado": 1, "Académico": 1}
    assert meta.has_subcomision and meta.subcomision_missing_parties == ["trabajadores"]
    assert "subcomite_desarrollo_administrativo" in meta.missing_instance_kinds


def test_meta_at_an_earlier_date_still_has_the_union(small):
    _, g, _ = small
    f = report.ficha(g, "50", as_of="2021-06-30", recommendations=False)
    i01 = next(i for i in f.instances if i.id == "I-01")
    assert {m.id for m in i01.members} == {"A-03", "A-05", "A-07"}
    assert f.agreements == []  # AC-01 was signed in 2023
    assert f.recommendations is None and "omitidas" in f.recommendations_note


def test_meta_instruments_programmes_agreements(meta):
    ins = {i.id: i for i in meta.instruments}
    assert set(ins) == {"IN-01", "IN-02"}
    assert ins["IN-01"].status == "adoptado" and ins["IN-01"].leader == "Gobernación del Meta"
    assert "sin sostenibilidad" in ins["IN-01"].flags
    assert ins["IN-02"].territory == "Villavicencio" and "estancado" in ins["IN-02"].flags
    states = {p.id: p.state for p in meta.programmes}
    assert states == {"P-01": "retroalimentado", "P-02": "implementado", "P-03": "ninguno"}
    p01 = next(p for p in meta.programmes if p.id == "P-01")
    assert any("Alcaldía de Villavicencio" in s and s.startswith("01/08/2023") for s in p01.via)
    assert p01.owner == "Ministerio del Trabajo"
    ags = {a.id: a for a in meta.agreements}
    assert set(ags) == {"AC-01", "AC-02"}
    assert {m.id for m in ags["AC-01"].signatories} == {"A-03", "A-05", "A-06"}
    assert ags["AC-02"].scope == "Municipal: Villavicencio"


def test_meta_gaps_index_brokers_and_sources(meta, small):
    _, g, _ = small
    from pat_graph import analytics

    [idx] = [r for r in analytics.gap_index(g, AS_OF) if r.department_code == "50"]
    assert (meta.gap_score, meta.gap_rank, meta.departments_ranked) == (idx.score, idx.rank, idx.ranked)
    assert idx.ranked == 2  # departments with records in the small store (issue 22)
    assert meta.gap_explanation == idx.explanation
    items = analytics.gap_items(g, AS_OF, department="50")
    gaps = {analytics.readable(g, x).message for x in items}
    assert {m for grp in meta.gap_groups for m in grp.messages} == gaps
    # the analytics' sentences word for word, with instruments and municipalities by name
    assert "municipio 50001 sin fuente de financiación" in {x.message for x in items}
    assert "Villavicencio sin fuente de financiación" in gaps
    assert any("IN-02" in x.message for x in items) and not any("IN-0" in m for m in gaps)
    assert round(sum(grp.points for grp in meta.gap_groups), 1) == pytest.approx(idx.score, abs=0.1)
    # A-05 (Llano Verde) sits in both instances and both agreements: the main broker
    assert meta.brokers and meta.brokers[0].id == "A-05"
    sources = {s.source: s for s in meta.sources}
    assert sources["actores.csv"].nodes == 5
    assert {"instancias.csv", "acuerdos.csv", "firmantes.csv", "participaciones.csv"} <= set(sources)
    assert all(s.loaded_at for s in meta.sources if s.source.endswith(".csv"))
    assert meta.loads and "actores.csv" in meta.loads[-1]["sources"]


def test_recommendations_section(meta):
    if meta.recommendations is None:  # the module is missing: the ficha must say so
        assert "no está disponible" in meta.recommendations_note
        return
    assert meta.recommendations, meta.recommendations_note
    for r in meta.recommendations:
        assert len(r.names) >= 2 and r.reasons


def _assert_offline(html: str) -> None:
    assert "http://" not in html and "https://" not in html
    tags = re.findall(r"<[a-zA-Z][^>]*>", html)  # real tags only, not escaped text
    for attr in re.findall(r"""\b(?:src|href)\s*=\s*["']?([^"'\s>]*)""", " ".join(tags)):
        assert attr.startswith(("data:", "#", "ficha_")), attr
    assert "<script" not in html.lower()
    assert "<iframe" not in html.lower() and "<link" not in html.lower()


def test_rendered_ficha_is_spanish_offline_and_complete(meta):
    html = report.render_ficha(meta)
    _assert_offline(html)
    for title in ("Actores por sector", "Índice de brechas por familia",
                  "brechas que más pesan", "Instancias (cinco tipos)",
                  "Instrumentos (cinco tipos)", "Circuito Nación–Territorio",
                  "Acuerdos propuestos", "Qué hacer", "Anexos", "A. Territorio",
                  "B. Actores", "C. Instancias y sus miembros", "D. Instrumentos",
                  "E. Programas nacionales", "F. Acuerdos", "G. Eventos",
                  "H. Todas las brechas", "I. Actores puente", "J. Fuentes de los datos"):
        assert title in html, title
    assert "Fecha de corte:</b> 31/12/2024" in html
    assert "Subcomisión Departamental de Concertación del Meta" in html
    assert html.count("<svg") >= 2  # the sector chart and the network


def test_xss_name_is_inert(small):
    _, g, _ = small
    h = g.copy()
    h.nodes["Actor:A-05"]["name"] = XSS
    h.nodes["Instance:I-01"]["name"] = "</table><script>alert(2)</script>"
    html = report.render_ficha(report.ficha(h, "50", as_of=AS_OF))
    assert XSS not in html and "<script>alert(2)" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in html
    _assert_offline(html)


def test_unknown_department_is_a_friendly_error(small):
    from pat_graph.errors import NotFoundError

    _, g, _ = small
    with pytest.raises(NotFoundError, match="No existe el departamento «Atlántida» en el grafo; ¿quiso decir Atlántico"):
        report.ficha(g, "Atlántida")


def test_cli_one_ficha_and_all_33(small, tmp_path):
    path, _, _ = small
    runner = CliRunner()
    out = tmp_path / "meta.html"
    r = runner.invoke(main, ["ficha", "--departamento", "Meta", "-o", str(out),
                             "--fecha-corte", AS_OF, "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert "Ficha diagnóstico departamental: Meta (50)" in out.read_text(encoding="utf-8")
    folder = tmp_path / "fichas"
    r = runner.invoke(main, ["ficha", "--todas", "-o", str(folder), "--store", str(path)])
    assert r.exit_code == 0, r.output
    files = sorted(p.name for p in folder.glob("*.html"))
    assert len(files) == 34 and "index.html" in files
    assert len([f for f in files if f.startswith("ficha_")]) == 33
    index = (folder / "index.html").read_text(encoding="utf-8")
    _assert_offline(index)
    # the 2 departments with records are ranked, the other 31 listed "sin registros" (issue 22)
    assert index.count("<td>sin registros: fuera del ranking</td>") == 31
    assert "2 departamentos con registros" in index
    assert index.count('href="ficha_') == 33 and 'src="data:image/png;base64,' in index
    for f in files:
        if f.startswith("ficha_"):
            assert f'href="{f}"' in index
    r = runner.invoke(main, ["ficha", "-o", str(out), "--store", str(path)])
    assert r.exit_code == 2 and "--departamento X o --todas" in r.output


def test_pdf_without_chromium_says_so_in_spanish(small, tmp_path, monkeypatch):
    path, _, _ = small
    monkeypatch.setenv("PAT_GRAPH_CHROMIUM", str(tmp_path / "no-hay-chromium"))
    r = CliRunner().invoke(main, ["ficha", "--departamento", "50", "--pdf", "-o",
                                  str(tmp_path / "f.html"), "--store", str(path)])
    assert r.exit_code == 5, r.output
    assert "No se puede generar el PDF: no se encontró Chromium" in r.output
    assert (tmp_path / "f.html").exists()  # the HTML is written anyway


@pytest.mark.browser
def test_pdf_with_chromium(small, tmp_path):
    from pat_graph.chromium import find_chromium

    if not find_chromium():
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("Chromium no está instalado y CI=true: instale el paquete Debian `chromium`.")
        pytest.skip("Chromium no está instalado (en CI esto es un fallo)")
    path, _, _ = small
    out = tmp_path / "meta.html"
    r = CliRunner().invoke(main, ["ficha", "--departamento", "Meta", "--pdf", "-o", str(out),
                                  "--store", str(path)])
    assert r.exit_code == 0, r.output
    pdf = out.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 20_000
