"""The ficha says what ``pat-graph cobertura`` and the gap analysis say (issue 22).

A tester found a ficha counting 9 instances where ``pat-graph cobertura`` counted 8
(the national Red ORMET, which belongs to no department, counted in one and not the
other), and a ficha whose instance table said "Red de Formalización: Activa" while one
of its gaps said "ningún actor del departamento participa en la Red de Formalización"
(the department's own network is active; the gap is about the *national* network).
Checked on every department of the ×1 demo, through the CLI and the rendered HTML.
"""

from __future__ import annotations

import html
import json
import re

import demo_data
import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.model import NATIONAL_NETWORK_KINDS, label_es
from pat_graph.report import Analyses, ficha, render_ficha
from pat_graph.store.sqlite import SQLiteStore

_KPI = re.compile(r'<div class="kpi">Instancias<b(?: class="sm")?>([\d.]+|Sin registros)</b>'
                  r'([^<]*)</div>')


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = demo_data.demo_store(tmp_path_factory.mktemp("consistency-ficha"), 1)
    st = SQLiteStore(path)
    try:
        g = st.read_graph()
    finally:
        st.close()
    an = Analyses(g)
    fichas = {c: ficha(an.ctx, c, analyses=an, recommendations=False)
              for c in an.ctx.departments}
    return str(path), an, fichas


def test_instances_counted_as_cobertura_counts_them(demo):
    """The KPI "Instancias" of every ficha is the number of `pat-graph cobertura`;
    the national networks the department takes part in are named apart."""
    store, _an, fichas = demo
    res = CliRunner().invoke(main, ["cobertura", "--store", store, "--json"])
    assert res.exit_code == 0, res.output
    cobertura = {r["department_code"]: r["instances"] for r in json.loads(res.output)}
    assert set(cobertura) == set(fichas)
    with_national = 0
    for code, f in fichas.items():
        m = _KPI.search(render_ficha(f))
        assert m, f"{code}: no KPI de instancias"
        shown = 0 if m[1] == "Sin registros" else int(m[1].replace(".", ""))
        assert shown == cobertura[code], (code, m[0])
        assert (m[1] == "Sin registros") == (cobertura[code] == 0), (code, m[0])
        assert sum(1 for i in f.instances if not i.national) == cobertura[code], code
        national = len(f.national_instances)
        if national:
            with_national += 1
            named = "red nacional" if national == 1 else "redes nacionales"
            assert f"participa en {national} {named}" in html.unescape(m[2]), (code, m[0])
        else:
            assert "nacional" not in m[2], (code, m[0])
    assert with_national, "the demo has no department in a national network: nothing compared"


def test_national_network_gap_and_instance_state_agree(demo):
    """A gap "ningún actor … participa en la <red> nacional" is about the national
    network: the ficha lists no department member in that national network, and its
    instance state ("Activa" or not) counts only the department's own instances; where
    the department does take part in the national network there is no such gap."""
    _store, an, fichas = demo
    both = 0
    for code, f in fichas.items():
        page = html.unescape(render_ficha(f))
        without = set(an.coverage[code].networks_without_participant)
        messages = [m for grp in f.gap_groups for m in grp.messages]
        states = {s.kind: s for s in f.instance_states}
        for k in NATIONAL_NETWORK_KINDS:
            label = label_es("instance_kind", k)
            gap = [m for m in messages if "participa en la" in m and label in m]
            national = [i for i in f.national_instances if i.kind == k and i.members]
            own = [i for i in f.instances if i.kind == k and not i.national
                   and i.status == "activa"]
            assert states[k].present == bool(own), (code, states[k])
            if own:
                members = sum(len(i.members) for i in own)
                assert states[k].detail == (
                    f"{len(own)} {'activa' if len(own) == 1 else 'activas'}, {members} "
                    f"{'participante' if members == 1 else 'participantes'}")
            if k in without:
                assert gap == [f"ningún actor del departamento participa en la {label} "
                               "nacional"], (code, gap)
                assert gap[0] in page
                assert not national, (code, k)
                both += bool(own)
            else:
                assert not gap, (code, gap)
        for m in messages:
            assert not re.search(r"participa en la [^,;]*$", m) or m.endswith(" nacional"), m
    assert both, "no department with its own active network and none in the national one"


def test_broker_shares_as_pat_graph_brokers_gives_them(demo):
    """Annex I writes each broker's intermediación as ``pat-graph brokers`` does: the
    same share, rounded once by the formatter (a tester saw «0,7 %» in the ficha and
    «0,6 %» in the command: the ficha had rounded to four decimals first)."""
    from pat_graph.columns import display

    store, _an, fichas = demo
    f = fichas["27"]
    assert f.brokers, "Chocó sin actores puente en la demo"
    res = CliRunner().invoke(main, ["brokers", "--departamento", "Chocó", "--primeros", "0",
                                    "--store", store, "--json"])
    assert res.exit_code == 0, res.output
    cli = {r["actor_id"]: r["betweenness"] for r in json.loads(res.output)["scores"]}
    page = html.unescape(render_ficha(f))
    annex = page[page.index("I. Actores puente y red"):]
    for b in f.brokers:
        assert b.betweenness == pytest.approx(cli[b.id], abs=5e-7), b  # JSON: 6 decimals
        shown = display("betweenness", cli[b.id], table=True)
        row = re.search(rf"{re.escape(b.id)}</span></td>(.*?)</tr>", annex)
        assert row, b.id
        assert f'<td class="n">{shown}</td>' in row[1], (b.id, shown, row[1])
