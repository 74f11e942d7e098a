"""The workbench's Comparar dos fechas page (/comparar) through Flask's test client on a real
SQLite store and a real Neo4j: the numbers are analytics.changes', the links lead to the
nodes' pages, bad or reversed dates are Spanish 400 pages, hostile names stay text."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from web_fixtures import HOSTILE, HOSTILE_ID, load_into

from pat_graph.analytics.changes import KINDS, changes
from pat_graph.web import create_app

META = "/comparar?desde=01/01/2019&hasta=31/12/2024&departamento=50"


def test_department_page_has_the_library_numbers(client, graph):
    want = changes(graph, "2019-01-01", "2024-12-31", department="50")
    j = client.get(META + "&formato=json").json
    assert j["counts"] == want.counts and j["total"] == want.total
    assert [(r["kind"], r["change"], r["id"], r["actor_id"]) for r in j["items"]] == [
        (x.kind, x.change, x.id, x.actor_id) for x in want.items]
    assert j["index_a"]["score"] == want.index_a.score
    assert j["index_b"]["score"] == want.index_b.score
    assert want.total["nuevo"] > 0  # pat_small has agreements and participations in it
    html = client.get(META).get_data(as_text=True)
    assert "Qué cambió entre el 01/01/2019 y el 31/12/2024" in html and "Meta" in html
    for kind, title in KINDS.items():
        assert f'id="{kind}"' in html and title in html
        n = want.counts[kind]
        assert f"({n['nuevo']} nuevos, {n['terminado']} terminados)" in html


def test_links_lead_to_pages_that_answer(client):
    html = client.get(META).get_data(as_text=True)
    links = set(re.findall(r'href="(/(?:actor|departamento|comparar)[^"#]*)', html))
    assert any(h.startswith("/actor/") for h in links)
    assert any(h.startswith("/departamento/50") for h in links)
    for h in links:
        assert client.get(h.replace("&amp;", "&")).status_code in (200, 302), h


def test_whole_graph_lists_every_department_index(client, graph):
    url = "/comparar?desde=2019&hasta=2024-12-31"
    j = client.get(url + "&formato=json").json
    want = changes(graph, "2019-01-01", "2024-12-31")
    assert j["department_code"] is None and j["total"] == want.total
    assert j["index_change"] == want.index_change
    assert (j["national_mean_a"], j["national_mean_b"]) == (want.national_a, want.national_b)
    html = client.get(url).get_data(as_text=True)
    assert "en todo el país" in html and 'id="indices"' in html


def test_without_dates_it_sends_to_the_last_year_with_records(client):
    r = client.get("/comparar?departamento=meta")
    assert r.status_code == 302
    q = parse_qs(urlsplit(r.headers["Location"]).query)
    assert q["departamento"] == ["50"]
    desde, hasta = q["desde"][0], q["hasta"][0]
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", desde) and int(hasta[-4:]) - int(desde[-4:]) == 1
    assert client.get(r.headers["Location"]).status_code == 200
    r = client.get("/comparar?fecha=31/12/2023")  # the fecha de corte is the end
    q = parse_qs(urlsplit(r.headers["Location"]).query)
    assert (q["desde"], q["hasta"]) == (["31/12/2022"], ["31/12/2023"])
    r = client.get("/comparar?desde=2020&hasta=2021&departamento=Meta")  # a name: its code
    assert r.status_code == 302 and "departamento=50" in r.headers["Location"]


@pytest.mark.parametrize("url,status,words", [
    ("/comparar?desde=31/12/2024&hasta=01/01/2019", 400, "es posterior a «hasta»"),
    ("/comparar?desde=30/02/2024&hasta=2025", 400, "«desde»: fecha inválida"),
    ("/comparar?desde=2020&hasta=mañana", 400, "«hasta»: fecha inválida"),
    ("/comparar?desde=2020", 400, "falta la fecha «hasta»"),
    ("/comparar?hasta=2020", 400, "falta la fecha «desde»"),
    ("/comparar?desde=2020&hasta=2021&departamento=Metta", 404, "¿quiso decir Meta"),
    ("/comparar?desde=2020&hasta=2021&formato=xml", 400, "formato «xml»"),
])
def test_bad_parameters_are_spanish_pages(client, url, status, words):
    r = client.get(url)
    html = r.get_data(as_text=True)
    assert r.status_code == status and words in html, html[:800]
    assert "Traceback" not in html
    j = client.get(url, headers={"Accept": "application/json"})
    assert j.status_code == status and j.is_json


def test_hostile_names_stay_text(client):
    # A-99 joined I-01 on 01/01/2020: it is in the list of participations
    r = client.get("/comparar?desde=2019&hasta=2021&departamento=50")
    html = r.get_data(as_text=True)
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<img src=x" not in html and "alert(2)</script>" not in html
    j = client.get("/comparar?desde=2019&hasta=2021&departamento=50&formato=json").json
    assert any(r["actor_id"] == HOSTILE_ID and r["actor_name"] == HOSTILE for r in j["items"])
    # a hostile department text is echoed escaped in the error page
    bad = client.get("/comparar?desde=2019&hasta=2021&departamento=" + HOSTILE)
    assert bad.status_code == 404 and "<img src=x" not in bad.get_data(as_text=True)


def test_entry_points_link_to_it(client):
    assert 'href="/comparar"' in client.get("/").get_data(as_text=True)
    assert 'href="/comparar?departamento=50"' in client.get(
        "/departamento/50").get_data(as_text=True)


@pytest.mark.neo4j
def test_the_same_on_neo4j(neo4j_store, client, tmp_path):
    load_into(neo4j_store, tmp_path)
    neo = create_app(store=neo4j_store).test_client()
    for url in (META, "/comparar?desde=2019&hasta=2024-12-31",
                "/comparar?desde=2019&hasta=2021&departamento=50"):
        a, b = neo.get(url + "&formato=json"), client.get(url + "&formato=json")
        assert a.status_code == b.status_code == 200
        assert a.json == b.json, url
    assert neo.get("/comparar?desde=2024&hasta=2019").status_code == 400
