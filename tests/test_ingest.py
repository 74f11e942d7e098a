"""The loader engine against the data contract (../shared/docs/data-contract.md)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pat_graph.graph import comparable
from pat_graph.ingest import extract_paths, load_paths
from pat_graph.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"

EXPECTED_NODES = {"Actor": 9, "Instance": 4, "Program": 3, "Agreement": 2, "Event": 2,
                  "Instrument": 3}
EXPECTED_EDGES = {"LOCATED_IN": 9, "SCOPED_TO": 8, "OWNS": 3, "HAS_INSTRUMENT": 3, "LEADS": 3,
                  "PARTICIPATES_IN": 8, "SIGNED": 5, "LINKED_TO": 5, "PRESENTED": 2,
                  "IMPLEMENTS": 2, "GAVE_FEEDBACK": 1, "ATTENDED": 5}


def _graph(path: Path, tmp_path: Path):
    store = SQLiteStore(tmp_path / f"{path.name}.sqlite")
    report = load_paths([path], store)
    assert report.ok, [str(r) for r in report.rejects]
    return store.read_graph()


def test_small_dataset_counts_and_shape(pat_small, sqlite_store):
    """Counted by hand from tests/data/pat_small/*.csv."""
    report = load_paths([pat_small], sqlite_store)
    assert report.ok
    assert report.nodes_by_label == EXPECTED_NODES
    assert report.edges_by_type == EXPECTED_EDGES
    stats = sqlite_store.stats()
    assert stats.nodes_by_label["Territory"] == 1 + 33 + 1122
    assert stats.edges_by_type["PART_OF"] == 33 + 1122
    g = sqlite_store.read_graph()
    a5 = g.nodes["Actor:A-05"]
    # name of the municipality resolved to its DANE code; NIT kept; provenance = file and line
    assert a5["municipality_code"] == "50001" and a5["department_code"] == "50"
    assert a5["nit"] == "900123456-1"
    assert (a5["source"], a5["row"]) == ("actores.csv", 6)
    # unknown extra column kept as a property, with a folded name
    assert g.nodes["Actor:A-03"]["observaciones"] == "lidera la subcomisión"
    # national actor located in the nation; national network scoped to the nation
    assert g.has_edge("Actor:A-01", "Territory:CO", "LOCATED_IN")
    assert g.has_edge("Instance:I-02", "Territory:CO", "SCOPED_TO")
    # defaults of the contract: rol miembro, estado activa / firmado
    assert g.edges["Actor:A-06", "Instance:I-02", "PARTICIPATES_IN|2016-01-01"]["role"] == "miembro"
    # dates: bare year and DD/MM/YYYY
    assert g.nodes["Instance:I-02"]["created"] == "2015-01-01"
    assert g.nodes["Instance:I-03"]["created"] == "2018-06-15"
    # territory hierarchy
    assert g.has_edge("Territory:50001", "Territory:50", "PART_OF")
    assert g.has_edge("Territory:50", "Territory:CO", "PART_OF")
    assert g.nodes["Territory:19050"]["is_pdet"] is True  # Argelia (Cauca), PDET list of ART
    assert g.nodes["Territory:19050"]["pdet_subregion"] == "Alto Patía y Norte del Cauca"
    assert g.nodes["Territory:50001"]["is_pdet"] is False
    # every edge and node carries provenance
    for _, d in g.nodes(data=True):
        assert d["source"] and d["loaded_at"]
    for _, _, d in g.edges(data=True):
        assert d["source"] and d["loaded_at"]


def test_cp1252_semicolon_twin_loads_the_same(tmp_path):
    """Spanish-locale Excel CSV: Windows-1252, ';', accented capitalised headers, DD/MM/YYYY."""
    raw = (DATA / "pat_small_excel_es" / "instancias.csv").read_bytes()
    assert b";" in raw and "Creación".encode("cp1252") in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    a = _graph(DATA / "pat_small", tmp_path)
    b = _graph(DATA / "pat_small_excel_es", tmp_path)
    assert comparable(a) == comparable(b)
    assert b.nodes["Actor:A-08"]["name"] == "Asociación comunitaria (ejemplo) Quibdó"


def test_xlsx_workbook_loads_the_same_as_folder(tmp_path):
    a = _graph(DATA / "pat_small", tmp_path)
    b = _graph(DATA / "pat_small.xlsx", tmp_path)
    assert comparable(a, ignore=("loaded_at", "source")) == comparable(b, ignore=("loaded_at", "source"))
    assert b.nodes["Actor:A-03"]["source"] == "pat_small.xlsx[actores]"


def test_loading_twice_changes_nothing(pat_small, sqlite_store):
    load_paths([pat_small], sqlite_store)
    first = sqlite_store.stats()
    g1 = sqlite_store.read_graph()
    load_paths([pat_small], sqlite_store)
    second = sqlite_store.stats()
    assert first.nodes_by_label == second.nodes_by_label
    assert first.edges_by_type == second.edges_by_type
    assert comparable(g1, ignore=()) == comparable(sqlite_store.read_graph(), ignore=())
    assert len(second.loads) == 1  # "sin cambios" is not a load


def _bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "bad"
    shutil.copytree(DATA / "pat_small", folder)
    with (folder / "actores.csv").open("a", encoding="utf-8") as fh:
        fh.write("A-10,Actor con sector inventado,,publica,empresa,departamental,,Meta,,\n")     # line 11
        fh.write("A-11,Actor en departamento mal escrito,,privado,empresa,departamental,,Antioqia,,\n")  # 12
        fh.write("A-12,Actor sin nivel,,privado,empresa,,,Meta,,\n")                              # 13
        fh.write("A-13,Actor bueno añadido,,privado,gremio,departamental,,Caldas,,\n")           # 14
    with (folder / "instancias.csv").open("a", encoding="utf-8") as fh:
        fh.write("I-05,Mesa con municipio ambiguo,otro_espacio,,Barbosa,activa,\n")              # 6
        fh.write("I-06,Mesa con fecha imposible,otro_espacio,Meta,,activa,31/02/2020\n")         # 7
        fh.write("I-07,Mesa buena añadida,otro_espacio,Caldas,Manizales,activa,2022-02-02\n")    # 8
    with (folder / "participaciones.csv").open("a", encoding="utf-8") as fh:
        fh.write("A-99,I-01,miembro,2020-01-01,\n")                                              # 10
        fh.write("A-10,I-01,miembro,2020-01-01,\n")                                              # 11
        fh.write("A-13,I-07,invitado,2022-02-02,\n")                                             # 12
    # a file without a required column: every row rejected, named by its line
    (folder / "firmantes.csv").write_text("acuerdo,rol\nAC-01,lider\nAC-02,firmante\n",
                                          encoding="utf-8")
    return folder


def test_each_kind_of_bad_row_is_reported_and_good_rows_load(tmp_path, sqlite_store):
    report = load_paths([_bad_folder(tmp_path)], sqlite_store)
    got = [str(r) for r in report.rejects]
    expected = [
        "actores.csv:11 sector: valor 'publica' no válido; se espera uno de: publico, privado, "
        "academico, comunitario, cooperacion",
        "actores.csv:12 departamento: departamento desconocido 'Antioqia'; ¿quiso decir 'Antioquia'?",
        "actores.csv:13 nivel: valor obligatorio vacío",
        "instancias.csv:6 municipio: municipio ambiguo 'Barbosa': candidatos Barbosa (05079, "
        "Antioquia), Barbosa (68077, Santander); indique el departamento",
        "instancias.csv:7 fecha_creacion: fecha inválida '31/02/2020': ese día no existe en el calendario",
        "participaciones.csv:10 actor: actor 'A-99' no existe",
        "participaciones.csv:11 actor: actor 'A-10' no existe (su fila fue rechazada: actores.csv:11)",
        "firmantes.csv:2 actor: falta la columna obligatoria en el archivo",
        "firmantes.csv:3 actor: falta la columna obligatoria en el archivo",
    ]
    assert sorted(got) == sorted(expected)
    assert not report.ok
    g = sqlite_store.read_graph()
    # the good rows of the same files are loaded, the bad ones are not
    assert "Actor:A-13" in g and "Instance:I-07" in g
    assert g.has_edge("Actor:A-13", "Instance:I-07")
    assert g.nodes["Instance:I-07"]["municipality_code"] == "17001"
    for bad in ("Actor:A-10", "Actor:A-11", "Actor:A-12", "Instance:I-05", "Instance:I-06"):
        assert bad not in g
    assert not any(d["type"] == "SIGNED" for _, _, d in g.edges(data=True))
    by_source = {t.source: t for t in report.tables}
    assert (by_source["actores.csv"].rows, by_source["actores.csv"].accepted) == (13, 10)


def test_duplicate_id_and_probable_duplicates(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "actores.csv").write_text(
        "id,nombre,sector,nivel,nit,departamento\n"
        "A-1,Gremio Uno,privado,departamental,900.123.456-1,Meta\n"
        "A-1,Otro nombre,privado,departamental,,Meta\n"
        "A-2,Gremio uno.,privado,departamental,900123456,Meta\n",
        encoding="utf-8")
    extraction, _ = extract_paths([folder])
    assert [str(r) for r in extraction.rejects] == [
        "actores.csv:3 id: id 'A-1' repetido (ya definido en actores.csv:2)"]
    warnings = sorted(str(w) for w in extraction.warnings)
    assert warnings == [
        "actores.csv:4 nit: posible duplicado de 'A-1' (actores.csv:2): mismo NIT 900123456",
        "actores.csv:4 nombre: posible duplicado de 'A-1' (actores.csv:2): mismo nombre en el "
        "mismo territorio (50)",
    ]


def test_dry_run_writes_nothing(pat_small, sqlite_store):
    report = load_paths([pat_small], sqlite_store, dry_run=True)
    assert report.ok and report.nodes_by_label["Actor"] == 9
    assert sqlite_store.stats().nodes == 0


def test_reference_to_id_already_in_store(tmp_path, pat_small, sqlite_store):
    load_paths([pat_small], sqlite_store)
    more = tmp_path / "more"
    more.mkdir()
    (more / "participaciones.csv").write_text("actor,instancia,rol\nA-08,I-04,invitado\n",
                                              encoding="utf-8")
    report = load_paths([more], sqlite_store)
    assert report.ok
    assert sqlite_store.read_graph().has_edge("Actor:A-08", "Instance:I-04")


def test_failed_write_leaves_store_as_it_was(pat_small, sqlite_store, monkeypatch):
    load_paths([pat_small], sqlite_store)
    before = comparable(sqlite_store.read_graph(), ignore=())
    calls = {"n": 0}

    def boom(n):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # the analyst pressed Ctrl-C mid-load

    changed = pat_small.parent / "pat_small_excel_es"
    with pytest.raises(KeyboardInterrupt):
        load_paths([changed], sqlite_store, progress=boom)
    assert comparable(sqlite_store.read_graph(), ignore=()) == before
