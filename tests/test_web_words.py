"""The workbench's words for people, through the app's test client on pat_small: the
vocabulary labels of the ficha (themes, roles), department names instead of DANE codes,
the instances' absent sectors and parties, no module or snake_case names on the pages,
plural headings of the national counts, the viewer's proposals apart from its ties."""

from __future__ import annotations

import re

from pat_graph import model
from pat_graph.queries import list_queries
from pat_graph.report import ficha
from pat_graph.web.pages.queries import title


def _html(client, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200, url
    return r.get_data(as_text=True)


def _cells(html: str, section: str) -> list[list[str]]:
    """The text of each cell of the tables of ``<section id=section>``."""
    part = html.split(f'<section id="{section}">', 1)[1].split("</section>", 1)[0]
    body = "".join(re.findall(r"<tbody>(.*?)</tbody>", part, re.S))
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in rows]


def test_agreement_themes_are_the_vocabulary_labels(client, graph):
    f = ficha(graph, "50", recommendations=False)
    themes = [row[1] for row in _cells(_html(client, "/departamento/50"), "acuerdos")]
    assert themes == [model.label_es("agreement_theme", a.theme) for a in f.agreements]
    assert "Formalización" in themes  # AC-02: formalizacion


def test_actor_ties_name_the_department_and_the_spanish_role(client, graph):
    html = _html(client, "/actor/A-03")
    assert '(AC-01, <a href="/departamento/50">Meta</a>)' in html
    assert ", 50 )" not in html and ">50<" not in html
    roles = [row[2] for row in _cells(html, "alianzas")]
    assert "Líder" in roles and "lider" not in roles  # AC-01, signatory role
    assert "Presidencia" in roles  # I-01, participation role
    data = client.get("/actor/A-03?formato=json").json
    assert {t["id"]: t["role_es"] for t in data["agreements"]}["AC-01"] == "Líder"


def test_instances_show_their_absent_sectors_and_parties(client, graph):
    f = ficha(graph, "50", recommendations=False)
    rows = {r[0].split(" (")[0]: r[-1] for r in _cells(_html(client, "/departamento/50"),
                                                         "instancias")}
    for i in f.instances:
        cell = rows[i.name]
        for s in i.missing_sectors:
            assert model.label_es("sector", s) in cell
        parties = f.subcomision_missing_parties if (
            i.kind == "subcomision_concertacion" and i.status == "activa") else []
        for p in parties:
            assert f"sin {p}" in cell
        assert cell  # never an empty cell: «ninguno», «inactiva» or what is absent
        if not i.missing_sectors and not parties and i.status == "activa":
            assert cell == "ninguno"
    assert f.subcomision_missing_parties  # pat_small: the union left in 2022
    assert any("sin trabajadores" in c for c in rows.values())


def test_pages_name_no_module_and_no_english_heading(client):
    for url in ("/", "/comparar?desde=01/01/2019&hasta=31/12/2024&departamento=50",
                "/departamento/50", "/consultas"):
        html = _html(client, url)
        assert "pat_graph." not in html, url
        assert "(brokers)" not in html, url


def test_query_pages_are_titled_in_spanish(client):
    listing = _html(client, "/consultas")
    for q in list_queries():
        head = title(q)
        assert "_" not in head and head[0].isupper()
        assert f">{head}</a>" in listing
        page = client.get(f"/consultas/{q.name}").get_data(as_text=True)
        assert f"<h1>{head}</h1>" in page and f"<title>{head} ·" in page
        assert f"<h1>{q.name}" not in page


def test_national_counts_are_plural(client, graph):
    data = client.get("/?formato=json").json
    actors = sum(1 for _, a in graph.nodes(data=True) if a.get("label") == model.ACTOR)
    assert data["counts"][model.LABEL_PLURAL_ES[model.ACTOR]] == actors == data["counts"]["Actores"]
    assert "Actor" not in data["counts"] and "Acuerdo" not in data["counts"]
    assert set(model.LABEL_PLURAL_ES) == set(model.LABEL_ES)


def test_viewer_marks_the_proposed_agreements_apart_from_the_ties(client):
    data = client.get("/red?departamento=50&formato=json").json
    proposed = [b for b, r in enumerate(data["rels"]) if r.get("proposed")]
    assert proposed, "pat_small's Meta has proposals"
    assert [data["rels"][b]["name"] for b in proposed] == ["Acuerdo recomendado"]
    ties = [e for e in data["edges"] if e[3] & ~sum(1 << b for b in proposed)]
    assert 0 < len(ties) < len(data["edges"])
