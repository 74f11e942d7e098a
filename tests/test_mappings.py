"""Declarative mappings: the shipped reference sources load as they are, and bad mapping
files are reported with the key at fault."""

from __future__ import annotations

from pathlib import Path

import pytest

from pat_graph.errors import MappingError
from pat_graph.ingest import load_mapping, load_paths
from pat_graph.store.sqlite import SQLiteStore

ROOT = Path(__file__).parents[1]
DATA = ROOT / "pat_graph" / "data"

# rows in each reference file (see pat_graph/data/SOURCES.md)
REFERENCE = {
    "camaras_comercio": 60,
    "cajas_compensacion": 43,
    "ies_snies": 389,
    "sena_regionales": 33,
    "sena_centros_formacion": 118,
}


@pytest.mark.parametrize("name, rows", sorted(REFERENCE.items()))
def test_reference_source_loads_with_no_rejects(tmp_path, name, rows):
    store = SQLiteStore(tmp_path / "s.sqlite")
    report = load_paths([DATA / f"{name}.csv"], store,
                        mappings=[load_mapping(ROOT / "loaders" / f"{name}.toml")])
    assert report.ok, [str(r) for r in report.rejects][:5]
    assert report.nodes_by_label == {"Actor": rows}
    assert report.edges_by_type == {"LOCATED_IN": rows}
    g = store.read_graph()
    actors = [d for _, d in g.nodes(data=True) if d["label"] == "Actor"]
    assert all(d["source"] == f"{name}.csv" and d["row"] >= 2 for d in actors)
    assert all(d["sector"] in ("publico", "privado", "academico") for d in actors)


def test_reference_values_are_kept_not_invented(tmp_path):
    store = SQLiteStore(tmp_path / "s.sqlite")
    load_paths([DATA / "cajas_compensacion.csv"], store,
               mappings=[load_mapping(ROOT / "loaders" / "cajas_compensacion.toml")])
    load_paths([DATA / "ies_snies.csv"], store,
               mappings=[load_mapping(ROOT / "loaders" / "ies_snies.toml")])
    g = store.read_graph()
    comfama = g.nodes["Actor:CCF04"]
    assert comfama["name"] == "Caja de Compensación Familiar de Antioquia Comfama"
    assert comfama["nit"] == "890900841-9" and comfama["municipality_code"] == "05001"
    comcaja = g.nodes["Actor:CCF68"]
    assert comcaja["level"] == "nacional" and "department_code" not in comcaja
    assert g.has_edge("Actor:CCF68", "Territory:CO", "LOCATED_IN")
    unal_medellin = g.nodes["Actor:IES-1102"]
    assert unal_medellin["campus"] == "Seccional" and unal_medellin["snies_parent_code"] == "1101"
    assert unal_medellin["municipality_code"] == "05001"
    assert unal_medellin["snies_sector"] == "Oficial" and unal_medellin["sector"] == "academico"
    # "No Informa" in the SNIES export is no NIT at all, not a rejected row
    assert sum(1 for _, d in g.nodes(data=True) if d["label"] == "Actor" and "nit" not in d) > 5


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "x.toml"
    p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize("text, message", [
    ('files = ["x"]\n[columns]\nid = {}\n[[nodes]]\nlabel = "Persona"\nkey = "id"\n',
     "nodes[0].label: etiqueta desconocida 'Persona'"),
    ('files = ["x"]\n[columns]\nid = {}\n[[nodes]]\nlabel = "Actor"\nkey = "id"\n'
     'properties = { nit = "NIT Empresa" }\n',
     "nodes[0].properties.nit: columna desconocida 'nit_empresa'"),
    ('files = ["x"]\n[columns]\nid = { tipo = "id" }\n', "columns.id.tipo: clave desconocida"),
    ('files = ["x"]\n[columns]\ns = { type = "enum", enum = "sectores" }\n',
     "columns.s.enum: vocabulario desconocido 'sectores'"),
    ('files = ["x"]\n[columns]\na = {}\n[[edges]]\ntype = "SIGNED"\nfrom = ["Actor", "a"]\n'
     'to = ["Program", "a"]\n', "edges[0].to: SIGNED no admite 'Program'"),
    ('files = ["x"]\n[columns]\na = {}\n[[edges]]\ntype = "DELETE"\nfrom = ["Actor", "a"]\n'
     'to = ["Program", "a"]\n', "edges[0].type: tipo de relación desconocido 'DELETE'"),
    ('files = ["x"\n', "TOML inválido"),
])
def test_bad_mapping_files_name_the_key_at_fault(tmp_path, text, message):
    path = _write(tmp_path, text)
    with pytest.raises(MappingError) as err:
        load_mapping(path)
    assert str(err.value).startswith(f"{path}: ")
    assert message in str(err.value)
