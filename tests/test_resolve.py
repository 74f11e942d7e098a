"""Entity resolution: candidates across sources, SNIES campuses never proposed, explicit merges."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pat_graph.cli import main
from pat_graph.errors import InputError, NotFoundError
from pat_graph.ingest import load_mapping, load_paths
from pat_graph.resolve import (
    ActorView,
    actors_from_graph,
    apply_decisions,
    candidates_in_graph,
    compare,
    known_distinct,
    name_key,
    read_decisions,
    split_nit,
)
from pat_graph.store.sqlite import SQLiteStore

ROOT = Path(__file__).parents[1]
DATA = ROOT / "pat_graph" / "data"
REFERENCE = ("camaras_comercio", "cajas_compensacion", "ies_snies", "sena_regionales",
             "sena_centros_formacion")

# A PAT team's actores.csv naming institutions that are also in the reference lists,
# spelled the way people write them.
PAT_ACTORES = (
    "id,nombre,sigla,sector,tipo,nivel,nit,departamento,municipio\n"
    "A-01,U. de Antioquia,UdeA,academico,universidad,departamental,890980040,Antioquia,Medellín\n"
    "A-02,Comfama,,privado,caja_compensacion,departamental,,Antioquia,Medellín\n"
    "A-03,Camara de Comercio de Ibague,,privado,camara_comercio,departamental,,Tolima,Ibagué\n"
    "A-04,Universidad Nacional de Colombia,UNAL,academico,universidad,nacional,8999990633,,\n"
    "A-05,Gobernación del Meta,,publico,gobernacion,departamental,,Meta,\n"
)


def _load_reference(store: SQLiteStore, names=REFERENCE) -> None:
    for name in names:
        report = load_paths([DATA / f"{name}.csv"], store,
                            mappings=[load_mapping(ROOT / "loaders" / f"{name}.toml")])
        assert report.ok


@pytest.fixture(scope="module")
def reference_graph(tmp_path_factory):
    store = SQLiteStore(tmp_path_factory.mktemp("ref") / "s.sqlite")
    _load_reference(store)
    g = store.read_graph()
    store.close()
    return g


@pytest.fixture
def mixed_store(tmp_path):
    store = SQLiteStore(tmp_path / "mixed.sqlite")
    _load_reference(store)
    folder = tmp_path / "pat"
    folder.mkdir()
    (folder / "actores.csv").write_text(PAT_ACTORES, encoding="utf-8")
    (folder / "instancias.csv").write_text(
        "id,nombre,tipo,departamento\nI-1,Subcomisión de Antioquia,subcomision_concertacion,05\n",
        encoding="utf-8")
    (folder / "participaciones.csv").write_text(
        "actor,instancia,rol\nA-01,I-1,miembro\nA-02,I-1,invitado\n", encoding="utf-8")
    assert load_paths([folder], store).ok
    yield store
    store.close()


# ----------------------------------------------------------------------------- pieces
def test_nit_forms_are_the_same_nit():
    forms = ["890.900.608-9", "890900608-9", "890900608", "8909006089", "890 900 608 - 9",
             "890.900.608"]
    assert {split_nit(f)[0] for f in forms} == {"890900608"}
    assert split_nit("8909006081") == ("8909006081", "")  # wrong check digit: not split
    assert split_nit("No Informa") is None and split_nit("") is None


def test_name_folding_removes_common_words_and_accents():
    assert name_key("U. de Antioquia").core == name_key("UNIVERSIDAD DE ANTIOQUIA").core
    assert name_key("Fundación Universitaria del Área Andina").core == \
        name_key("FUNDACION UNIVERSITARIA DEL AREA ANDINA").core
    assert name_key("Caja de Compensación Familiar de Antioquia Comfama", "Comfama").core == \
        ("antioquia",)
    # different kinds of institution sharing a city are not the same name
    score, reasons = compare(ActorView("CC-16", "Cámara de Comercio de Ibagué", "Ibagué",
                                       municipality_code="73001"),
                             ActorView("IES-1831", "UNIVERSIDAD DE IBAGUE",
                                       municipality_code="73001"))
    assert score < 0.5 and not any("nombre" in r or "sigla" in r for r in reasons)


# ------------------------------------------------------------- the reference lists
def test_snies_campuses_are_never_candidates(reference_graph):
    actors = [a for a in actors_from_graph(reference_graph) if a.snies_code]
    sharing_nit = [(a, b) for i, a in enumerate(actors) for b in actors[i + 1:]
                   if split_nit(a.nit) and split_nit(a.nit) == split_nit(b.nit)
                   and (a.snies_parent_code or a.snies_code) == (b.snies_parent_code or b.snies_code)]
    assert len(sharing_nit) > 50  # principal + seccionales share the NIT: the test has teeth
    assert all(known_distinct(a, b) for a, b in sharing_nit)
    candidates = candidates_in_graph(reference_graph, min_score=0.0)
    family = {a.id: (a.snies_parent_code or a.snies_code) for a in actors}
    for c in candidates:
        fa, fb = family.get(c.keep.id), family.get(c.merge.id)
        assert not (fa and fa == fb), (c.keep.id, c.merge.id, c.reasons)
    unal = [c for c in candidates if "IES-1101" in c.pair]
    assert unal == []


def test_reference_lists_yield_only_real_same_nit_pairs(reference_graph):
    candidates = candidates_in_graph(reference_graph)
    pairs = {c.pair for c in candidates}
    # two SNIES registrations of one legal entity (same NIT, same city, different families)
    assert frozenset({"IES-2744", "IES-9901"}) in pairs  # CESMAG / María Goretti (inactiva)
    for c in candidates:
        assert any(r.startswith("mismo NIT") for r in c.reasons), c.reasons
        assert c.keep.source and c.merge.source


def test_pat_actors_match_their_reference_twins(mixed_store):
    candidates = candidates_in_graph(mixed_store.read_graph())
    by_pat = {}
    for c in candidates:
        for a, b in ((c.keep, c.merge), (c.merge, c.keep)):
            if a.source == "actores.csv":
                by_pat.setdefault(a.id, []).append((b.id, c))
    assert [b for b, _ in by_pat["A-01"]] == ["IES-1201"]  # main campus, not its seccionales
    udea = by_pat["A-01"][0][1]
    assert udea.score == 1.0
    assert any("mismo NIT 890980040" in r for r in udea.reasons)
    assert any("Medellín" in r for r in udea.reasons)
    assert [b for b, _ in by_pat["A-02"]] == ["CCF04"]
    assert any("sigla" in r and "COMFAMA" in r for r in by_pat["A-02"][0][1].reasons)
    assert [b for b, _ in by_pat["A-03"]] == ["CC-16"]
    # UNAL: NIT with check digit and no dash, nation-level actor -> only the Bogotá main campus
    assert [b for b, _ in by_pat["A-04"]] == ["IES-1101"]
    assert "A-05" not in by_pat
    # the PAT actor has relationships, so it is suggested as the survivor
    assert udea.keep.id == "A-01"


# --------------------------------------------------------------------------- merging
def _decisions(tmp_path: Path, rows: list[list[str]], name="decisiones.csv", **kw) -> Path:
    path = tmp_path / name
    with path.open("w", encoding=kw.get("encoding", "utf-8"), newline="") as fh:
        w = csv.writer(fh, delimiter=kw.get("delimiter", ","))
        w.writerow(["keep_id", "merge_id", "decision", "note"])
        w.writerows(rows)
    return path


def test_merge_keeps_provenance_and_repoints_relationships(mixed_store, tmp_path):
    before = mixed_store.stats()
    path = _decisions(tmp_path, [["A-01", "IES-1201", "fusionar", "misma universidad"],
                                 ["A-02", "CCF04", "Fusionar", ""],
                                 ["A-03", "CC-16", "distintos", "revisado"],
                                 ["A-04", "IES-1101", "", "pendiente"]],
                      encoding="cp1252", delimiter=";")
    decisions = read_decisions(path)
    assert [(d.keep_id, d.decision) for d in decisions] == [
        ("A-01", "fusionar"), ("A-02", "fusionar"), ("A-03", "distintos")]
    report = apply_decisions(mixed_store, decisions)
    assert [m.merge for m in report.merged] == ["IES-1201", "CCF04"]
    g = mixed_store.read_graph()
    assert "Actor:IES-1201" not in g and "Actor:CCF04" not in g
    udea = g.nodes["Actor:A-01"]
    assert (udea["source"], udea["row"]) == ("actores.csv", 2)  # survivor's own provenance
    assert udea["merged_from"] == "IES-1201"
    assert udea["also_source"] == "ies_snies.csv:" + str(
        next(i for i, r in enumerate(csv.DictReader((DATA / "ies_snies.csv").open()), start=2)
             if r["ies_code"] == "1201"))
    assert udea["also_name"] == "UNIVERSIDAD DE ANTIOQUIA"
    assert udea["snies_code"] == "1201" and udea["web"] == "www.udea.edu.co"  # gaps filled
    assert udea["merge_note"] == "IES-1201: misma universidad"
    # the seccionales of the merged campus still point to their parent code, untouched
    assert g.nodes["Actor:IES-1219"]["snies_parent_code"] == "1201"
    # relationships: the merged node's LOCATED_IN went to the same municipality -> dropped
    assert g.has_edge("Actor:A-01", "Territory:05001", "LOCATED_IN")
    assert g.has_edge("Actor:A-01", "Instance:I-1")
    after = mixed_store.stats()
    assert after.nodes_by_label["Actor"] == before.nodes_by_label["Actor"] - 2
    assert after.edges_by_type["LOCATED_IN"] == before.edges_by_type["LOCATED_IN"] - 2
    # applying the same file again changes nothing
    again = apply_decisions(mixed_store, read_decisions(path))
    assert all(m.already_merged for m in again.merged)
    assert mixed_store.stats().nodes_by_label == after.nodes_by_label
    # decided pairs are no longer proposed; undecided ones are
    left = {c.pair for c in candidates_in_graph(mixed_store.read_graph(),
                                                 decided={frozenset(("A-03", "CC-16"))})}
    assert frozenset(("A-03", "CC-16")) not in left
    assert frozenset(("A-04", "IES-1101")) in left


def test_merge_moves_relationships_of_the_merged_node(tmp_path):
    store = SQLiteStore(tmp_path / "s.sqlite")
    folder = tmp_path / "p"
    folder.mkdir()
    (folder / "actores.csv").write_text(
        "id,nombre,sector,nivel,departamento,municipio\n"
        "A-1,Gremio Uno,privado,departamental,Meta,Villavicencio\n"
        "A-2,GREMIO UNO,privado,departamental,Meta,Villavicencio\n", encoding="utf-8")
    (folder / "instancias.csv").write_text(
        "id,nombre,tipo,departamento\nI-1,Mesa,otro_espacio,Meta\nI-2,Red,otro_espacio,Meta\n",
        encoding="utf-8")
    (folder / "participaciones.csv").write_text(
        "actor,instancia,rol\nA-1,I-1,miembro\nA-2,I-1,invitado\nA-2,I-2,presidencia\n",
        encoding="utf-8")
    assert load_paths([folder], store).ok
    summary = store.merge_nodes("Actor", "A-1", "A-2", note="")
    g = store.read_graph()
    assert g.edges["Actor:A-1", "Instance:I-2", "PARTICIPATES_IN"]["role"] == "presidencia"
    # the survivor already sat in I-1: its own relationship wins
    assert g.edges["Actor:A-1", "Instance:I-1", "PARTICIPATES_IN"]["role"] == "miembro"
    assert (summary.edges_moved, summary.edges_dropped) == (1, 2)  # I-2 moved; I-1, LOCATED_IN
    with pytest.raises(NotFoundError):
        store.merge_nodes("Actor", "A-1", "A-99")
    with pytest.raises(InputError):
        store.merge_nodes("Actor", "A-1", "A-1")
    store.close()


def test_bad_decision_file_names_the_line_and_applies_nothing(mixed_store, tmp_path):
    path = _decisions(tmp_path, [["A-01", "IES-1201", "fusionar", ""],
                                 ["A-02", "CCF04", "quizás", ""],
                                 ["A-02", "A-02", "fusionar", ""]])
    with pytest.raises(InputError) as err:
        read_decisions(path)
    assert "decisiones.csv:3 decision: valor 'quizás'" in str(err.value)
    assert "decisiones.csv:4" in str(err.value)
    missing = _decisions(tmp_path, [["A-01", "IES-1201", "fusionar", ""],
                                    ["A-02", "NO-EXISTE", "fusionar", ""]], name="m.csv")
    with pytest.raises(NotFoundError, match="NO-EXISTE"):
        apply_decisions(mixed_store, read_decisions(missing))
    assert "Actor:IES-1201" in mixed_store.read_graph()  # nothing merged


# ------------------------------------------------------------------------------- CLI
def test_cli_lists_then_applies_decisions(mixed_store, tmp_path):
    runner = CliRunner()
    location = mixed_store.location
    table = runner.invoke(main, ["resolver", "--store", location])
    assert table.exit_code == 0, table.output
    assert "Posibles duplicados" in table.output and "IES-1201" in table.output
    out = runner.invoke(main, ["resolver", "--store", location, "--csv"])
    assert out.exit_code == 0
    rows = list(csv.DictReader(out.output.lstrip("\ufeff").splitlines()))
    assert list(rows[0])[:4] == ["keep_id", "merge_id", "decision", "note"]
    for r in rows:  # the analyst accepts the UdeA pair only
        r["decision"] = "fusionar" if r["merge_id"] == "IES-1201" else ""
    path = tmp_path / "d.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    applied = runner.invoke(main, ["resolver", "--store", location, "--decisiones", str(path),
                                   "--json"])
    assert applied.exit_code == 0, applied.output
    payload = json.loads(applied.output)
    assert [m["merge_id"] for m in payload["fusionados"]] == ["IES-1201"]
    assert all(c["merge_id"] != "IES-1201" for c in payload["candidatos"])
    bad = runner.invoke(main, ["resolver", "--store", location, "--decisiones",
                               str(_decisions(tmp_path, [["A-1", "X", "tal vez", ""]], "b.csv"))])
    assert bad.exit_code == 2 and "b.csv:2" in bad.output and "Traceback" not in bad.output


# ------------------------------------------------------------- load-time warnings
def test_load_warnings_skip_snies_campuses_and_read_undashed_check_digits():
    """Regression: loading the SNIES list warned 59 times (every seccional vs its main
    campus) and missed 9013520808 = 901352080-8. Now only the two real pairs remain."""
    from pat_graph.ingest import extract_paths

    extraction, _ = extract_paths([DATA / "ies_snies.csv"],
                                  mappings=[load_mapping(ROOT / "loaders" / "ies_snies.toml")])
    nit_warnings = sorted(str(w) for w in extraction.warnings if w.column == "nit")
    assert len(nit_warnings) == 2, nit_warnings
    assert "mismo NIT 800109387" in nit_warnings[0] and "IES-2744" in nit_warnings[0]
    assert "mismo NIT 901352080" in nit_warnings[1] and "IES-9941" in nit_warnings[1]


def test_store_without_merge_nodes_gives_a_clear_error():
    from pat_graph.errors import StoreError
    from pat_graph.resolve import Decision

    class OldStore:
        location = "bolt://localhost:7687"

        def existing_keys(self, label):
            return {"A", "B"}

    with pytest.raises(StoreError, match="no admite fusiones"):
        apply_decisions(OldStore(), [Decision("A", "B", "fusionar")])
