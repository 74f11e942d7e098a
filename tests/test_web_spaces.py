"""The workbench's Instancia, Acuerdo and Programa pages (issue 21) and the library
profiles behind them (:mod:`pat_graph.node_profile`): HTML and JSON, the ficha's numbers,
members' periods at a fecha de corte, redirects, unknown and ambiguous names, hostile
names, the links from search, department and actor pages, SQLite and Neo4j alike."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from web_fixtures import HOSTILE, HOSTILE_ID, hostile_dataset

from pat_graph import analytics
from pat_graph.ingest import load_paths
from pat_graph.node_profile import agreement_profile, instance_profile, programme_profile
from pat_graph.report import Analyses, ficha
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.web import create_app
from pat_graph.web.http import jsonable


def spaces_dataset(root: Path) -> Path:
    """The workbench dataset plus an agreement and a programme named with hostile markup,
    signed / owned and implemented by the hostile actor."""
    target = hostile_dataset(root)
    extra = {
        "acuerdos.csv": f'AC-99,"{HOSTILE}",empleo,Meta,,2024-01-01,firmado\n',
        "firmantes.csv": f"AC-99,{HOSTILE_ID},lider\nAC-99,A-03,aliado\n",
        "programas.csv": f'P-99,"{HOSTILE}",{HOSTILE_ID},empleo\n',
        "articulaciones.csv": f"P-99,implementacion,Meta,,{HOSTILE_ID},,2024-02-01\n",
    }
    for name, text in extra.items():
        with (target / name).open("a", encoding="utf-8") as fh:
            fh.write(text)
    return target


def load_spaces(store, root: Path) -> None:
    report = load_paths([spaces_dataset(root)], store)
    assert report.ok, report


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    root = tmp_path_factory.mktemp("spaces")
    path = root / "store.sqlite"
    with SQLiteStore(path) as st:
        load_spaces(st, root)
    return path


@pytest.mark.parametrize("url", ["/instancia/I-01", "/instancia/I-02", "/acuerdo/AC-01",
                                 "/programa/P-01", "/instancia/I-01?fecha=31/12/2021"])
def test_pages_answer_in_html_and_json(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.mimetype == "text/html"
    html = r.get_data(as_text=True)
    assert '<html lang="es">' in html and "Traceback" not in html
    j = client.get(url + ("&" if "?" in url else "?") + "formato=json")
    assert j.status_code == 200 and j.is_json


def test_instance_json_is_the_library_profile(client, graph):
    data = client.get("/instancia/I-01?formato=json").json
    assert data == jsonable(instance_profile(graph, "I-01").to_dict())
    assert data["instance"]["kind_es"] == "Subcomisión de Concertación"
    assert data["instance"]["territory"]["department_code"] == "50"


@pytest.mark.parametrize("fecha", [None, "31/12/2021", "31/12/2024"])
def test_instance_pages_have_the_department_ficha_numbers(client, graph, fecha):
    """Every instance of Meta's ficha (its own and the national networks with members
    from Meta): the page's member count, composition and missing sectors are the ficha's."""
    when = None if fecha is None else "-".join(reversed(fecha.split("/")))
    f = ficha(graph, "50", as_of=when, recommendations=False)
    assert f.instances
    for row in f.instances:
        q = "?formato=json" + (f"&fecha={fecha}" if fecha else "")
        data = client.get(f"/instancia/{row.id}{q}").json
        assert data["members_count"] == row.total_members, row.id
        assert data["missing_sectors"] == row.missing_sectors, row.id
        if row.national:  # the ficha lists only Meta's members of a national network
            local = {m["id"]: m["sector_es"] for m in data["members"]
                     if m["department_code"] == "50"}
            assert dict(Counter(local.values())) == row.composition, row.id
        else:
            assert data["composition"] == row.composition, row.id
            assert sorted({m["id"] for m in data["members"]}) == sorted(m.id for m in row.members)


def test_members_have_their_periods_at_the_fecha_de_corte(client):
    """A-07 was a member of I-01 from 15/01/2020 to 31/12/2022: current at the end of
    2021, a former member afterwards; A-03 (since 2019) is current at both dates."""
    before = client.get("/instancia/I-01?formato=json&fecha=31/12/2021").json
    now = client.get("/instancia/I-01?formato=json").json
    a07 = next(m for m in before["members"] if m["id"] == "A-07")
    assert (a07["since"], a07["until"]) == ("2020-01-15", "2022-12-31")
    assert "A-07" not in {m["id"] for m in now["members"]}
    assert [(m["since"], m["until"]) for m in now["former_members"] if m["id"] == "A-07"] == [
        ("2020-01-15", "2022-12-31")]
    assert before["members_count"] == now["members_count"] + 1 - sum(
        1 for m in now["members"] if m["since"] > "2021-12-31")
    a03 = next(m for m in now["members"] if m["id"] == "A-03")
    assert a03["role_es"] == "Presidencia" and a03["until"] == ""
    html = client.get("/instancia/I-01").get_data(as_text=True)
    assert "Antiguos integrantes" in html and "15/01/2020" in html and "31/12/2022" in html


def test_agreement_page_is_the_ficha_row(client, graph):
    data = client.get("/acuerdo/AC-01?formato=json").json
    row = next(a for a in ficha(graph, "50", recommendations=False).agreements
               if a.id == "AC-01")
    assert [(s["id"], s["role_es"], s["sector"]) for s in data["signatories"]] == [
        (m.id, m.role_es, m.sector) for m in row.signatories]
    assert data["agreement"]["signed"] == row.signed == "2023-04-10"
    assert data["agreement"]["theme_es"] == "Empleo"
    assert data == jsonable(agreement_profile(graph, "AC-01").to_dict())
    hostile = client.get("/acuerdo/AC-99?formato=json").json
    through = {p["id"]: p["through"] for p in hostile["programmes"]}
    # A-99 owns and implements P-99; its co-signatory A-03 gave feedback on P-01 in Meta
    assert sorted(through) == ["P-01", "P-99"]
    assert [t.rsplit(" (", 1)[1] for t in through["P-99"]] == ["implementa)", "responsable)"]
    assert through["P-01"] == ["Gobernación del Meta (retroalimenta)"]


def test_programme_page_is_the_linkage_matrix(client, graph):
    data = client.get("/programa/P-01?formato=json").json
    link = analytics.programme_linkages(graph)  # what `pat-graph linkages` prints
    assert data["coverage"] == next(r for r in link.programme_coverage()
                                    if r["programme_id"] == "P-01")
    states = {d["code"]: d["state"] for d in data["departments"]}
    assert states == {code: link.state(code, "P-01") for code in link.departments}
    meta = next(p for p in ficha(graph, "50", recommendations=False).programmes
                if p.id == "P-01")
    shown = next(d for d in data["departments"] if d["code"] == "50")
    assert (shown["state"], shown["steps"]) == (meta.state, meta.via)
    assert data["programme"]["owner"]["id"] == "A-01"
    assert sum(data["by_state"].values()) == len(link.departments)
    assert data == jsonable(programme_profile(graph, "P-01").to_dict())


def test_names_redirect_to_the_id_keeping_the_date(client):
    r = client.get("/instancia/subcomision departamental de concertacion del meta"
                   "?fecha=31/12/2021")
    assert r.status_code == 302
    assert r.headers["Location"] == "/instancia/I-01?fecha=31%2F12%2F2021"
    assert client.get("/programa/servicio publico de empleo").headers["Location"] == \
        "/programa/P-01"
    assert client.get("/acuerdo/ac-01").headers["Location"] == "/acuerdo/AC-01"


@pytest.mark.parametrize(("url", "status", "words"), [
    ("/instancia/nadie", 404, "No existe la instancia «nadie»"),
    ("/acuerdo/nadie", 404, "No existe el acuerdo «nadie»"),
    ("/programa/nadie", 404, "No existe el programa «nadie»"),
    ("/instancia/meta", 400, "puede ser"),
    ("/programa/ejemplo", 400, "puede ser"),
    ("/acuerdo/ejemplo", 400, "puede ser"),
    ("/instancia/I-01?fecha=30/02/2024", 400, "fecha"),
    ("/acuerdo/AC-02?fecha=31/12/2020", 404, "No existe el acuerdo"),  # signed in 2024
])
def test_unknown_and_ambiguous_names_give_a_spanish_page(client, url, status, words):
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == status and words in html, html[-600:]
    assert "Traceback" not in html
    j = client.get(url + ("&" if "?" in url else "?") + "formato=json")
    assert j.status_code == status and words in j.json["error"]["message"]


def test_hostile_names_are_inert(client):
    for url in ("/instancia/I-01", "/acuerdo/AC-99", "/programa/P-99", f"/actor/{HOSTILE_ID}",
                "/departamento/50"):
        html = client.get(url).get_data(as_text=True)
        assert "<img src=x" not in html and "alert(2)</script>" not in html, url
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, url
    assert client.get("/acuerdo/AC-99?formato=json").json["agreement"]["name"] == HOSTILE
    assert client.get("/programa/P-99?formato=json").json["programme"]["name"] == HOSTILE


def test_search_department_and_actor_pages_link_here(client):
    found = {r["key"]: r["url"] for r in client.get(
        "/buscar?q=ejemplo&formato=json").json["results"]}
    assert found["AC-01"] == "/acuerdo/AC-01" and found["P-02"] == "/programa/P-02"
    found = {r["key"]: r["url"] for r in client.get("/api/buscar?q=subcomision").json}
    assert found["I-01"] == "/instancia/I-01"
    dept = client.get("/departamento/50?fecha=31/12/2024").get_data(as_text=True)
    for link in ("/instancia/I-01?fecha=31%2F12%2F2024", "/acuerdo/AC-01?fecha=31%2F12%2F2024",
                 "/programa/P-01?fecha=31%2F12%2F2024"):
        assert f'href="{link}"' in dept, link
    actor = client.get("/actor/A-03").get_data(as_text=True)
    assert 'href="/instancia/I-01"' in actor and 'href="/acuerdo/AC-01"' in actor
    inst = client.get("/instancia/I-01").get_data(as_text=True)
    assert 'href="/actor/A-03"' in inst and 'href="/departamento/50"' in inst


def test_profiles_share_the_analyses_they_are_given(graph):
    an = Analyses(graph, "2024-12-31")
    a = instance_profile(an, "I-01")
    b = instance_profile(graph, "I-01", "2024-12-31")
    assert a.to_dict() == b.to_dict() and a.as_of == "2024-12-31"


@pytest.mark.neo4j
def test_spaces_pages_on_neo4j(neo4j_store, client, tmp_path):
    load_spaces(neo4j_store, tmp_path)
    neo = create_app(store=neo4j_store).test_client()
    for url in ("/instancia/I-01?formato=json", "/instancia/I-02?formato=json&fecha=31/12/2021",
                "/acuerdo/AC-01?formato=json", "/acuerdo/AC-99?formato=json",
                "/programa/P-01?formato=json", "/programa/P-99?formato=json"):
        a, b = neo.get(url), client.get(url)
        assert a.status_code == b.status_code == 200, url
        ja, jb = a.json, b.json
        for j in (ja, jb):
            next(v for k, v in j.items() if k in ("instance", "agreement", "programme")).pop(
                "loaded_at")
        assert ja == jb, url
    assert neo.get("/instancia/nadie").status_code == 404


# ---------------------------------------------------------------- the CLI commands
def test_cli_commands_print_the_same_profiles(store_path, graph):
    import json

    from click.testing import CliRunner

    from pat_graph.cli import main

    run = CliRunner()
    r = run.invoke(main, ["instancia", "subcomision", "departamental", "--almacen",
                          str(store_path)])
    assert r.exit_code == 0, r.output
    p = instance_profile(graph, "I-01")
    assert r.output.startswith(f"{p.name} (I-01)")
    assert f"Integrantes: {p.members_count}" in r.output and "Presidencia" in r.output
    assert "Composición por sector: " + ", ".join(f"{s} {n}" for s, n in p.composition.items()) \
        in r.output
    r = run.invoke(main, ["acuerdo", "AC-01", "--almacen", str(store_path), "--json"])
    assert json.loads(r.output) == jsonable(agreement_profile(graph, "AC-01").to_dict())
    r = run.invoke(main, ["programa", "P-01", "--almacen", str(store_path), "--csv",
                          "--fecha-corte", "2023-12-31"])
    link = analytics.programme_linkages(graph, "2023-12-31")
    meta = next(line for line in r.output.splitlines() if line.startswith("50,"))
    assert meta.split(",")[2] == programme_profile(graph, "P-01", "2023-12-31").departments[
        list(link.departments).index("50")].state_es
    r = run.invoke(main, ["instancia", "nadie", "--almacen", str(store_path)])
    assert r.exit_code == 2 and "No existe la instancia «nadie»" in r.output
    r = run.invoke(main, ["programa", "ejemplo", "--almacen", str(store_path)])
    assert r.exit_code == 2 and "pat-graph buscar \"ejemplo\" --tipo programa" in r.output
