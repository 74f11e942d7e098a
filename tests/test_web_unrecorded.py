"""The workbench's department page says what the ficha says about records (through the
real app): a family the store holds no records of reads "sin registros" (index rows
"—", no "Faltan:", programmes without a state), never a zero or something missing;
and the network sentence is annex I's (:func:`pat_graph.report.render.network_text`).

Store: tests/data/pat_small (Meta 50 and Chocó 27 recorded) plus Huila (41) with its
actors only and Tolima (73) with one instance only; Guaviare (95) has no record at all. The network sentence on the demo's
Chocó, whose network has actors from outside the department."""

from __future__ import annotations

import csv
import html as html_lib
import io
import re
from pathlib import Path

import demo_data
import pytest
from page_text import visible_text

from pat_graph import formatting
from pat_graph.ingest import load_paths
from pat_graph.report import ficha
from pat_graph.report.render import network_text
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.web import create_app

HUILA = ("id,nombre,sector,tipo,nivel,departamento,municipio\n"
         "H-01,Gobernación del Huila,publico,gobernacion,departamental,Huila,\n"
         "H-02,Cámara de Comercio de Neiva,privado,camara_comercio,departamental,Huila,41001\n"
         "H-03,Universidad Surcolombiana,academico,universidad,departamental,Huila,41001\n")
#: Tolima (73): one instance only, so the index counts one family and not the others.
TOLIMA = ("id,nombre,tipo,departamento,municipio,estado,fecha_creacion\n"
          "T-01,Red ORMET del Tolima,red_ormet,Tolima,,activa,2021-05-01\n")
UNRECORDED = ("41", "95")  # actors only; nothing


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """(path, graph) of pat_small plus Huila's actors and Tolima's instance."""
    root = tmp_path_factory.mktemp("web-unrecorded")
    (root / "huila").mkdir()
    (root / "huila" / "actores.csv").write_text(HUILA, encoding="utf-8")
    (root / "tolima").mkdir()
    (root / "tolima" / "instancias.csv").write_text(TOLIMA, encoding="utf-8")
    path = root / "store.sqlite"
    st = SQLiteStore(path)
    try:
        assert load_paths([Path(__file__).parent / "data" / "pat_small", root / "huila",
                           root / "tolima"], st).ok
        g = st.read_graph()
    finally:
        st.close()
    return path, g


@pytest.fixture(scope="module")
def client(store):
    return create_app(str(store[0])).test_client()




def _section(page: str, ident: str) -> str:
    m = re.search(rf'<section id="{ident}">(.*?)</section>', page, flags=re.S)
    assert m, ident
    return m[1]


def _index_rows(page: str) -> dict[str, tuple[str, str]]:
    """Family title -> (points cell, gaps cell) of "El índice, familia por familia"."""
    rows = re.findall(r"<tr><td>(.*?)</td>\s*<td class=\"num\">(.*?)</td>\s*<td>(.*?)</td>",
                      _section(page, "explicacion"), flags=re.S)
    return {visible_text(t): (visible_text(p), visible_text(g)) for t, p, g in rows}


def _page(client, code: str) -> str:
    r = client.get(f"/departamento/{code}")
    assert r.status_code == 200
    return r.get_data(as_text=True)


@pytest.mark.parametrize("code", UNRECORDED)
def test_unrecorded_families_read_sin_registros(client, store, code):
    f = ficha(store[1], code, recommendations=False)
    assert f.gap_score is None
    assert {"instancias", "instrumentos", "programas"} <= set(f.unrecorded)
    assert f.programmes  # the store holds national programmes, just none here
    page = _page(client, code)
    text = visible_text(page)
    assert "Faltan:" not in text and "Falta:" not in text
    assert "No ha llegado" not in text
    rows = _index_rows(page)
    assert set(rows) == {g.title for g in f.gap_groups}
    for g in f.gap_groups:
        assert not g.recorded
        assert rows[g.title] == ("—", "sin registros: no se reportan brechas"), g.title
    assert "Sin registros de instancias del departamento" in visible_text(_section(page, "instancias"))
    assert ("Sin registros de instrumentos de política del departamento"
            in visible_text(_section(page, "instrumentos")))
    programmes = _section(page, "programas")
    assert "Sin registros de programas en el departamento" in visible_text(programmes)
    assert "Estado" not in visible_text(programmes)
    for p in f.programmes:
        assert html_lib.escape(p.name) in programmes, p.name
    assert ("Sin registros en el almacén" in text) == (not f.has_records)
    assert ("ninguna familia del índice tiene registros" in text) == f.has_records


def test_recorded_department_keeps_what_falta(client, store):
    """Meta has the records: the page still lists what is missing and which programmes
    never arrived, and each family's points (the rows above are about records)."""
    f = ficha(store[1], "50", recommendations=False)
    assert f.gap_score is not None and not f.unrecorded
    page = _page(client, "50")
    text = visible_text(page)
    assert "No ha llegado" in visible_text(_section(page, "programas"))
    assert [p.state_es for p in f.programmes if p.id == "P-03"] == ["No ha llegado"]
    if f.missing_instance_kinds or f.missing_instrument_kinds:
        assert re.search(r"\bFaltan?: ", text)
    assert "Sin registros de" not in text
    rows = _index_rows(page)
    for g in f.gap_groups:
        assert rows[g.title][0] == formatting.points(g.points), g.title


def test_partly_recorded_department_scores_some_families(client, store):
    """Tolima: its instances are recorded (points, what falta), the rest is not."""
    f = ficha(store[1], "73", recommendations=False)
    recorded = [g for g in f.gap_groups if g.recorded]
    assert f.gap_score is not None and recorded and len(recorded) < len(f.gap_groups)
    assert "instancias" not in f.unrecorded and "instrumentos" in f.unrecorded
    page = _page(client, "73")
    rows = _index_rows(page)
    for g in f.gap_groups:
        if g.recorded:
            assert rows[g.title][0] == formatting.points(g.points), g.title
        else:
            assert rows[g.title] == ("—", "sin registros: no se reportan brechas"), g.title
    instances = visible_text(_section(page, "instancias"))
    assert f.missing_instance_kinds and re.search(r"\bFaltan?: ", instances)
    assert "Sin registros de instancias" not in instances
    instruments = visible_text(_section(page, "instrumentos"))
    assert "Falta" not in instruments and "Sin registros de instrumentos" in instruments
    assert "el índice se calcula sobre las demás" in visible_text(page)
    for title in f.families_without_records:
        assert title in visible_text(page)


def test_programme_table_of_unrecorded_department_has_no_state(client):
    r = client.get("/departamento/41/tablas/programas.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows and {row["Estado en el departamento"] for row in rows} == {"Sin registros"}
    meta = client.get("/departamento/50/tablas/programas.csv").get_data(as_text=True)
    assert "No ha llegado" in meta and "Sin registros" not in meta


def test_json_carries_the_network_sentence(client, store):
    data = client.get("/departamento/41?formato=json").json
    assert data["network_text"] == network_text(ficha(store[1], "41", recommendations=False))
    assert data["unrecorded"] and data["gap_score"] is None


# ------------------------------------------------------------ the demo's Chocó, annex I
@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = demo_data.demo_store(tmp_path_factory.mktemp("web-unrecorded-demo"), 1)
    with SQLiteStore(path) as st:
        g = st.read_graph()
    return create_app(str(path)).test_client(), g


def test_network_sentence_is_annex_i(demo):
    client, g = demo
    f = ficha(g, "27", recommendations=False)
    assert f.outside_actors and f.network_outside < len(f.outside_actors)  # the hard case
    sentence = network_text(f)
    annex = client.get("/departamento/27/ficha").get_data(as_text=True)
    m = re.search(r"<h2>I\. Actores puente y red</h2>\s*<p>(.*?)</p>", annex, flags=re.S)
    assert m and visible_text(m[1]) == sentence
    page = _page(client, "27")
    assert sentence in visible_text(_section(page, "intermediarios"))
    assert "Red de actores:" not in page
    for who in f.isolated:
        assert html_lib.escape(who) in _section(page, "intermediarios"), who
