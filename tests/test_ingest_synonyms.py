"""No silent drops on the way in (issue 19): files written as an analyst writes them
(Windows-1252, ';', Spanish headers, free-text kinds) load with every column, date and
kind recognised; what is not understood is a warning with ``file:line column``."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from pat_graph.analytics.coverage import EMPLOYER_KINDS, WORKER_KINDS, instance_coverage
from pat_graph.graph import comparable
from pat_graph.ingest import extract_paths, load_paths
from pat_graph.ingest.mapping import pat_mappings
from pat_graph.ingest.synonyms import header_index, key, known_actor_kinds, synonyms, value_index
from pat_graph.model import COMMON_ACTOR_KINDS, VOCABULARIES
from pat_graph.store.sqlite import SQLiteStore

DATA = Path(__file__).parent / "data"

#: How a territorial office writes the headers of each file (same order as pat_small).
ANALYST_HEADERS = {
    "actores": ["Id", "Nombre del actor", "Sigla", "Sector", "Tipo de actor",
                "Nivel territorial", "NIT", "Departamento", "Municipio", "Observaciones"],
    "acuerdos": ["Código", "Nombre", "Tema", "Departamento", "Municipio", "Fecha de firma",
                 "Estado"],
    "articulaciones": ["Programa", "Tipo de articulación", "Departamento", "Municipio", "Actor",
                       "Evento", "Fecha"],
    "asistencias": ["Evento", "Actor"],
    "eventos": ["Id", "Nombre del evento", "Tipo de evento", "Departamento", "Municipio",
                "Fecha del evento"],
    "firmantes": ["Acuerdo", "Actor", "Rol del firmante"],
    "instancias": ["Id", "Nombre", "Tipo de instancia", "Depto", "Municipio", "Estado",
                   "Fecha de creación"],
    "instrumentos": ["Id", "Tipo de instrumento", "Departamento", "Municipio", "Nombre", "Estado",
                     "Acto administrativo", "Fecha de adopción", "Actor líder"],
    "participaciones": ["Actor", "Instancia", "Rol en la instancia", "Fecha de ingreso",
                        "Fecha de retiro"],
    "programas": ["Id", "Nombre del programa", "Entidad responsable", "Tema"],
}
#: Actor kinds as people write them.
ANALYST_KINDS = {"entidad_nacional": "Entidad nacional", "gobernacion": "Gobernación",
                 "alcaldia": "Alcaldía", "empresa": "Empresa", "universidad": "Universidad",
                 "sindicato": "Sindicato", "organizacion_comunitaria": "Organización comunitaria"}
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def _read(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


def _write_excel_csv(path: Path, rows: list[list[str]]) -> None:
    """As Excel in a Spanish-locale Windows saves "CSV (delimitado por comas)"."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("cp1252"))


def analyst_folder(target: Path, kinds: dict[str, str] | None = None,
                   extra: dict[str, tuple[str, list[str]]] | None = None) -> Path:
    """tests/data/pat_small rewritten the analyst's way: Spanish headers, DD/MM/AAAA dates,
    kinds in words (``kinds``: actor id -> kind as written), cp1252 and ';'.
    ``extra``: file -> (header, values) of an added column."""
    target.mkdir(parents=True)
    for source in sorted((DATA / "pat_small").glob("*.csv")):
        rows = _read(source)
        rows[0] = list(ANALYST_HEADERS[source.stem])
        for row in rows[1:]:
            for i, cell in enumerate(row):
                row[i] = _ISO.sub(r"\3/\2/\1", cell)
            if source.stem == "actores":
                row[4] = (kinds or {}).get(row[0], ANALYST_KINDS.get(row[4], row[4]))
        if extra and source.stem in extra:
            header, values = extra[source.stem]
            rows[0].append(header)
            for row, value in zip(rows[1:], values + [""] * len(rows), strict=False):
                row.append(value)
        _write_excel_csv(target / source.name, rows)
    return target


def _load(folder: Path, tmp_path: Path, name: str, **kw):
    store = SQLiteStore(tmp_path / f"{name}.sqlite")
    report = load_paths([folder], store, **kw)
    return report, store.read_graph()


def test_analyst_folder_loads_like_the_contract(tmp_path):
    folder = analyst_folder(tmp_path / "oficina")
    raw = (folder / "acuerdos.csv").read_bytes()
    assert b";" in raw and "Fecha de firma".encode("cp1252") in raw
    with pytest.raises(UnicodeDecodeError):
        (folder / "instancias.csv").read_bytes().decode("utf-8")
    report, g = _load(folder, tmp_path, "oficina")
    assert report.ok, [str(r) for r in report.rejects]
    assert [str(w) for w in report.warnings] == []
    _, expected = _load(DATA / "pat_small", tmp_path, "contrato")
    assert comparable(g) == comparable(expected)
    # every date of the files is there (none kept as an unknown text property)
    assert g.nodes["Agreement:AC-01"]["signed"] == expected.nodes["Agreement:AC-01"]["signed"]
    assert g.nodes["Instance:I-01"]["created"] == "2019-03-01"
    assert g.nodes["Actor:A-03"]["kind"] == "gobernacion"
    assert g.nodes["Actor:A-03"]["observaciones"] == "lidera la subcomisión"


def test_chamber_and_caja_kinds_are_recognised_and_count_as_employers(tmp_path):
    """The Subcomisión of the Meta has one employer-side member (A-05): written as
    'Cámara de comercio' it is a chamber, and the Subcomisión has its employers."""
    kinds = {"A-05": "Cámara de comercio", "A-06": "Caja de Compensación Familiar"}
    report, g = _load(analyst_folder(tmp_path / "of", kinds), tmp_path, "of")
    assert report.ok and not report.warnings, [str(w) for w in report.warnings]
    assert g.nodes["Actor:A-05"]["kind"] == "camara_comercio"
    assert g.nodes["Actor:A-06"]["kind"] == "caja_compensacion"
    [meta] = [c for c in instance_coverage(g) if c.department_code == "50"]
    assert meta.has_subcomision and "empleadores" not in meta.subcomision_missing_parties


def test_unknown_actor_kind_is_a_warning_with_the_known_list_and_loads_as_written(tmp_path):
    kinds = {"A-05": "Cámara de comercioo"}
    report, g = _load(analyst_folder(tmp_path / "of", kinds), tmp_path, "of")
    assert report.ok
    [w] = report.warnings
    assert (w.source, w.line, w.column) == ("actores.csv", 6, "tipo")
    assert "tipo de actor 'Cámara de comercioo' no reconocido; ¿quiso decir camara_comercio?" \
        in w.message
    assert all(k in w.message for k in COMMON_ACTOR_KINDS)
    assert g.nodes["Actor:A-05"]["kind"] == "camara_de_comercioo"  # kept, not lost
    [meta] = [c for c in instance_coverage(g) if c.department_code == "50"]
    assert "empleadores" in meta.subcomision_missing_parties  # not an employer kind


def test_unknown_column_is_a_warning_naming_the_closest_column(tmp_path):
    extra = {"acuerdos": ("Fecha de firmaa", ["01/02/2023"]),
             "actores": ("Color favorito", ["", "", "azul"])}
    report, g = _load(analyst_folder(tmp_path / "of", extra=extra), tmp_path, "of")
    assert report.ok
    got = sorted(str(w) for w in report.warnings)
    assert got[1] == ("acuerdos.csv:1 Fecha de firmaa: columna 'Fecha de firmaa' no reconocida; "
                      "¿quiso decir fecha_firma? (se guarda como propiedad 'fecha_de_firmaa')")
    assert got[0].startswith("actores.csv:1 Color favorito: columna 'Color favorito' no "
                             "reconocida; columnas de actores: id, nombre, sigla,")
    assert len(got) == 2
    # nothing lost: the values are kept as properties
    assert g.nodes["Agreement:AC-01"]["fecha_de_firmaa"] == "01/02/2023"
    assert g.nodes["Actor:A-03"]["color_favorito"] == "azul"


def test_strict_turns_every_warning_into_a_reject(tmp_path):
    extra = {"actores": ("Color favorito", ["", "", "azul"])}
    kinds = {"A-06": "Universidá"}
    folder = analyst_folder(tmp_path / "of", kinds, extra)
    report, g = _load(folder, tmp_path, "of", strict=True)
    assert not report.warnings
    got = sorted(str(r) for r in report.rejects)
    assert "actores.csv:4 Color favorito: valor en una columna no reconocida [--estricto]" in got
    assert any(r.startswith("actores.csv:7 tipo: tipo de actor 'Universidá' no reconocido")
               and r.endswith("[--estricto]") for r in got)
    assert any(r.startswith("actores.csv:1 Color favorito: columna 'Color favorito'") for r in got)
    # the rows with a warning are not loaded, nor what points at them
    assert "Actor:A-03" not in g and "Actor:A-06" not in g and "Actor:A-04" in g
    assert "participaciones.csv:2 actor: actor 'A-03' no existe (su fila fue rechazada: " \
           "actores.csv:4)" in got


def test_strict_rejects_probable_duplicates(tmp_path):
    folder = tmp_path / "dup"
    folder.mkdir()
    (folder / "actores.csv").write_text(
        "id,nombre,sector,nivel,nit,departamento\n"
        "A-1,Gremio Uno,privado,departamental,900.123.456-1,Meta\n"
        "A-2,Gremio uno.,privado,departamental,900123456,Meta\n", encoding="utf-8")
    extraction, _ = extract_paths([folder], strict=True)
    assert not extraction.warnings
    assert {(r.line, r.column) for r in extraction.rejects} == {(3, "nit"), (3, "nombre")}
    assert [n.key for n in extraction.batch.nodes] == ["A-1"]


# ----------------------------------------------------------------------- the table itself
def test_every_synonym_names_one_column_of_its_file():
    """No form of the table is ambiguous within a file, and every column it names exists."""
    table = synonyms()
    mappings = {m.name: m for m in pat_mappings()}
    for file, section in table.columns.items():
        assert file == "*" or file in mappings, file
        for col in section:
            assert col == "observaciones" or any(
                col in m.columns for m in mappings.values() if file in ("*", m.name)), (file, col)
    for m in mappings.values():
        index = header_index(m.name, tuple(m.columns))
        forms: dict[str, str] = {}
        for section in (table.columns.get(m.name, {}), table.columns.get("*", {})):
            for col, values in section.items():
                if col not in m.columns:
                    continue
                for v in values:
                    k = key(v)
                    if k in {key(c) for c in m.columns}:
                        assert index[k] == k, (m.name, v)  # a column's own name wins
                    elif m.name in table.columns and section is table.columns["*"]:
                        continue  # the file's own section wins over the common one
                    else:
                        assert forms.setdefault(k, col) == col, (m.name, v, forms[k], col)


def test_value_synonyms_do_not_collide_with_other_values():
    for vocab, values in VOCABULARIES.items():
        index = value_index(vocab)
        for value, label in values.items():
            assert index[key(value)] == value and index[key(label)] == value, (vocab, value)


def test_analytics_kinds_are_known_kinds():
    """Every kind the analytics count as employers or workers is one the loader knows."""
    assert (EMPLOYER_KINDS | WORKER_KINDS) <= set(known_actor_kinds())
    assert set(COMMON_ACTOR_KINDS) <= set(known_actor_kinds())


def test_synonyms_table_size():
    assert synonyms().size > 300


def test_analyst_workbook_with_spanish_headers_loads_like_the_contract(tmp_path):
    """The same, as an .xlsx with capitalised sheet names and notes in the headers."""
    openpyxl = pytest.importorskip("openpyxl")
    folder = analyst_folder(tmp_path / "of", {"A-05": "Cámara de comercio"})
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for path in sorted(folder.glob("*.csv")):
        ws = wb.create_sheet(path.stem.capitalize())
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("cp1252")), delimiter=";"))
        rows[0] = [f"{h} (DD/MM/AAAA)" if h.startswith("Fecha") else h for h in rows[0]]
        for row in rows:
            ws.append(row)
    wb.save(tmp_path / "registros.xlsx")
    report, g = _load(tmp_path / "registros.xlsx", tmp_path, "xlsx")
    assert report.ok and not report.warnings, [str(w) for w in report.warnings]
    _, expected = _load(folder, tmp_path, "csv")
    assert comparable(g, ignore=("loaded_at", "source")) == comparable(
        expected, ignore=("loaded_at", "source"))
    assert g.nodes["Agreement:AC-01"]["signed"] == "2023-04-10"
    assert g.nodes["Actor:A-05"]["kind"] == "camara_comercio"
