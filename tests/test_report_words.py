"""What the ficha says, on a store that holds records of three departments only
(tests/data/pat_small: Meta and Chocó; plus Huila, actors only): a family the store
holds no records of reads "Sin registros" on every card and annex, never as a zero or
as something missing; actors are named, with their id only where two share a name;
Spanish agrees in number and never writes "(s)"."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from page_text import visible_text

from pat_graph import analytics, model, report
from pat_graph.ingest import load_paths
from pat_graph.report.build import top_gaps
from pat_graph.store.sqlite import SQLiteStore

AS_OF = "2024-12-31"
#: Huila: actors only (no instance, agreement, event ... records). And two more
#: actors of Meta, in nothing (isolated): one shares the name of A-07, so the gap
#: texts must tell them apart by id.
MORE_ACTORS = ("id,nombre,sector,tipo,nivel,departamento,municipio\n"
               "H-01,Gobernación del Huila,publico,gobernacion,departamental,Huila,\n"
               "H-02,Cámara de Comercio de Neiva,privado,camara_comercio,departamental,Huila,41001\n"
               "H-03,Universidad Surcolombiana,academico,universidad,departamental,Huila,41001\n"
               "M-01,Fundación Llanera,comunitario,ong,departamental,Meta,\n"
               "M-02,Sindicato (ejemplo) del Meta,comunitario,sindicato,departamental,Meta,\n")


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """{code: (Ficha, full HTML)} of Meta (50), Huila (41) and Guaviare (95, nothing),
    with the graph (``_graph``) and the analytics' raw gaps (``_gaps``)."""
    root = tmp_path_factory.mktemp("ficha-words")
    (root / "huila").mkdir()
    (root / "huila" / "actores.csv").write_text(MORE_ACTORS, encoding="utf-8")
    store = SQLiteStore(root / "store.sqlite")
    load_paths([Path(__file__).parent / "data" / "pat_small", root / "huila"], store)
    g = store.read_graph()
    store.close()
    an = report.Analyses(g, AS_OF)
    assert sorted(c for c, r in an.records.items() if r.has_records) == ["27", "41", "50"]
    out = {}
    for code in ("50", "41", "95"):
        f = report.ficha(an.ctx, code, analyses=an, recommendations=False)
        out[code] = (f, report.render_ficha(f))
    out["_graph"], out["_gaps"] = g, analytics.gap_items(an.ctx)
    return out




def _card(page: str, title: str) -> str:
    m = re.search(rf'<div class="kpi">{title}<b[^>]*>(.*?)</b>(.*?)</div>', page, flags=re.S)
    assert m, title
    return f"{visible_text(m[1])} | {visible_text(m[2])}"


def test_no_records_reads_sin_registros_everywhere(three):
    f, page = three["95"]
    assert not f.has_records
    text = visible_text(page)
    for title in ("Actores", "Instancias", "Instrumentos", "Acuerdos"):
        assert _card(page, title).startswith("Sin registros |"), _card(page, title)
    assert "de 5 tipos" not in text
    assert "No ha llegado" not in text and "Sin registros de programas" in text
    assert not re.search(r"\b0 %", text)
    assert "completitud de la cuádruple hélice: sin registros de actores" in text
    assert not re.search(r"\b0 eventos\b", text)


def test_partly_recorded_department_shows_numbers_and_sin_registros(three):
    f, page = three["41"]
    assert [r.count for r in f.coverage] == [3, 0, 0, 0, 0, 0]
    text = visible_text(page)
    assert _card(page, "Actores") == "3 | sin registros de participación"
    for title in ("Instancias", "Instrumentos", "Acuerdos"):
        assert _card(page, title).startswith("Sin registros |"), _card(page, title)
    assert "de 5 tipos" not in text and "No ha llegado" not in text
    assert not re.search(r"\b0 %", text)
    assert "completitud de la cuádruple hélice: sin registros de participación" in text
    assert "Sin registros de participación en instancias o acuerdos" in text
    if f.gap_score is None:  # no family of the index recorded: nothing said to be fine
        assert "No se encontraron brechas" not in text and "no hay brechas" not in text
        assert "Recoger y cargar" in text


def test_recorded_department_keeps_its_numbers(three):
    """Where the store holds the records, the cards count and annex E says what never
    arrived (P-03), so the words above are about records, not about the department."""
    f, page = three["50"]
    text = visible_text(page)
    active = len([k for k in f.active_instance_kinds if k in model.SEED_INSTANCE_KINDS])
    assert _card(page, "Instancias").startswith(
        f"{f.record_count('instances')} | {active} de 5 tipos activos")
    events = f"{len(f.events)} {'evento' if len(f.events) == 1 else 'eventos'}"
    assert _card(page, "Acuerdos") == f"{len(f.agreements)} | {events}"
    assert [p.state_es for p in f.programmes if p.id == "P-03"] == ["No ha llegado"]
    assert "No ha llegado" in text
    assert re.search(r"completitud de la cuádruple hélice: \d+ %", text)


def test_actors_by_name_and_id_only_for_namesakes(three):
    f, page = three["50"]
    messages = [m for grp in f.gap_groups for m in grp.messages]
    assert "Fundación Llanera sin ningún vínculo" in messages
    assert not any("(M-01)" in m for m in messages)
    assert "Sindicato (ejemplo) del Meta (M-02) sin ningún vínculo" in messages
    # the id that stays is in the lighter style of codes
    assert 'Sindicato (ejemplo) del Meta <span class="code">(M-02)</span> sin ningún vínculo' in page


def test_readable_is_what_every_gap_text_shows(three):
    """The CLI and the workbench call the same function the ficha does: the raw gaps
    of the analytics (which keep the ids) through analytics.readable are the ficha's."""
    f, _ = three["50"]
    raw = [x for x in three["_gaps"] if x.department_code == "50"]
    assert any("(M-01)" in x.message for x in raw)  # the analytics keep the ids
    shown = sorted(m for grp in f.gap_groups for m in grp.messages)
    assert sorted(analytics.readable(three["_graph"], x).message for x in raw) == shown


def test_spanish_agrees_in_number(three):
    for code in ("50", "41", "95"):
        f, page = three[code]
        text = visible_text(page)
        assert not re.search(r"\w\((s|es)\)", text), (code, re.search(r".{30}\w\((s|es)\).{10}", text))
        assert not re.search(r"\bfaltan 1 de\b", text), code
        assert not re.search(r"\b1 (activas|participantes|municipales|eventos|instrumentos)\b",
                             text), code
        assert "; y " not in _card(page, "Instancias"), code
    f, page = three["50"]
    assert "falta Subcomité de Desarrollo Administrativo activo" in visible_text(page)  # masculine
    assert "Subcomité de Desarrollo Administrativo activa" not in visible_text(page)
    details = [k.detail for k in f.instance_states if k.present]
    assert details and all(re.fullmatch(r"1 activa, \d+ participantes?", d) or
                           re.fullmatch(r"\d+ activas, \d+ participantes?", d) for d in details)


def test_one_line_per_programme_step(three):
    f, _ = three["50"]
    for p in f.programmes:
        events = [s.rpartition("evento ")[2] for s in p.via if "evento " in s]
        assert len(events) == len(set(events)), (p.id, p.via)
        assert not any(s.split(": ", 1)[-1].startswith("Presentado en el evento")
                       for s in p.via), p.via
    [p01] = [p for p in f.programmes if p.id == "P-01"]
    assert sum("evento" in s for s in p01.via) == 1


def test_subcomision_action_names_the_missing_part():
    actions = {}
    for party in ("gobierno", "empleadores", "trabajadores"):
        gap = analytics.Gap("50", "instancias", "subcomision_no_tripartita", party,
                            f"Subcomisión de Concertación sin representación de {party}")
        [t] = top_gaps([gap], {"instancias": 10.0})
        assert party in t.action and "gremios o sindicatos" not in t.action, t.action
        actions[party] = t.action
    assert len(set(actions.values())) == 3
    assert "sindicato" in actions["trabajadores"] and "gremio" in actions["empleadores"]


def test_footer_speaks_of_sample_markers_only_when_they_appear(three):
    """The footer names a marker of synthetic data exactly when the page shows it."""
    for code in ("50", "41", "95"):
        _, page = three[code]
        footer = re.search(r"<footer>(.*?)</footer>", page, flags=re.S)[1]
        body = visible_text(page.replace(footer, ""))
        for marker in ("(ejemplo)", "(demo)"):
            assert (f"«{marker}»" in html_lib.unescape(footer)) == (marker in body), (code, marker)
    assert "(ejemplo)" in visible_text(three["50"][1])  # pat_small's names carry it


def _annex_i(page: str) -> str:
    return page[page.index("<h2>I. Actores puente y red</h2>"):page.index("<h2>J. Fuentes")]


def test_annex_i_without_participation_records_lists_nobody_as_isolated(three):
    """Annex I says "sin registros" as annex H does where the network families have no
    records (Huila: actors only; Guaviare: nothing): nobody is listed as isolated, and
    there is no empty graph, colour legend or "Los actores con más vínculos"."""
    for code, words in (("41", "Sin registros de participación en instancias o acuerdos"),
                        ("95", "Sin registros de actores")):
        f, page = three[code]
        annex = _annex_i(page)
        text = visible_text(annex)
        assert words in text, (code, text)
        assert "Actores aislados" not in text and "Ningún actor hace de puente" not in text, code
        assert 'class="legend"' not in annex and "<svg" not in annex, code
        assert "Los actores con más vínculos" not in text, code
        assert not any(a.name in text for a in f.actors), code
    f, page = three["50"]  # recorded: the network, its isolated actors and the graph
    annex = _annex_i(page)
    text = visible_text(annex)
    assert "Actores aislados:" in text and "Fundación Llanera" in text
    assert "Fundación Llanera (M-01)" not in text  # a name alone, its id only for namesakes
    assert 'Sindicato (ejemplo) del Meta <span class="code">(M-02)</span>' in annex
    assert "<svg" in annex and 'class="legend"' in annex



def test_summary_never_cuts_a_sentence_nor_says_dt(three):
    """Page 1 and 2 show whole items (a cut one ended «...»), and spell out the
    Dirección Territorial instead of «DT»."""
    from pat_graph.report.render import whole

    for code in ("50", "41", "95"):
        f, page = three[code]
        summary = visible_text(page[:page.index('<section class="annex"')])
        assert "..." not in summary and "…" not in summary, code
        assert not re.search(r"\bDT\b", summary), code
        for k in f.instrument_states if "instrumentos" not in f.unrecorded else []:
            assert k.detail.split("; ")[0] in summary, (code, k.detail)
    reasons = "comparten 3 instancias (A, B, C); asistieron juntos a 5 eventos; municipio PDET"
    assert whole(reasons, 60) == "comparten 3 instancias (A, B, C) (y 2 más)"
    assert whole(reasons, 200) == reasons


def test_lineamientos_agree_in_number(three):
    gaps = [x.message for x in three["_gaps"] if x.code == "falta_instrumento"
            and x.subject == "plan_desarrollo_lineamientos"]
    assert gaps and all(m.startswith("faltan lineamientos") for m in gaps), gaps
