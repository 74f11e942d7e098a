"""The store contract (``pat_graph/store/base.py``), written once and run on both stores.

Every test takes the ``store`` fixture, parametrised over the embedded SQLite store and
the Neo4j store on a real server (``tests/neo4j_fixtures.py``: skipped without a server,
FAILED under ``CI=true``). The last test loads ``tests/data/pat_small`` into each and
compares what they read back.
"""

from __future__ import annotations

import pytest

from pat_graph.errors import RecordRefusedError, StoreError
from pat_graph.graph import graph_from_records
from pat_graph.ingest import ensure_reference, load_paths
from pat_graph.model import EdgeRecord, NodeRecord, RecordBatch
from pat_graph.store.sqlite import SQLiteStore

#: What a load record says in every store (Neo4j adds its own: id, seq, seconds ...).
LOAD_KEYS = ("sources", "nodes", "edges", "nodes_changed", "edges_changed", "status")


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request, tmp_path):
    if request.param == "sqlite":
        sqlite = SQLiteStore(tmp_path / "contract.sqlite")
        yield sqlite
        sqlite.close()
    else:
        yield request.getfixturevalue("neo4j_store")


def typed(g) -> tuple:
    """Nodes and edges with every property as (type name, value): ``1``, ``1.0`` and
    ``True`` compare equal in Python, not here."""
    def props(d: dict) -> tuple:
        return tuple(sorted((k, type(v).__name__, v) for k, v in d.items() if k != "loaded_at"))

    return (sorted((n, props(d)) for n, d in g.nodes(data=True)),
            sorted((u, v, k, props(d)) for u, v, k, d in g.edges(keys=True, data=True)))


def _batch() -> RecordBatch:
    nodes = [
        NodeRecord("Territory", "CO", {"name": "Colombia", "kind": "nation"}, "divipola.csv", 2),
        NodeRecord("Territory", "50", {"name": "Meta", "kind": "department", "is_pdet": True,
                                       "latitude": 4.1}, "divipola.csv", 3),
        NodeRecord("Actor", "A-1", {"name": "SENA Meta", "sector": "publico", "nit": None},
                   "actores.csv", 2),
        NodeRecord("Actor", "A-2", {"name": "Cámara «Villavicencio»", "sector": "privado"},
                   "actores.csv", 3),
        NodeRecord("Instance", "I-1", {"name": "Subcomisión", "created": "2020-01-31"},
                   "instancias.csv", 2),
        NodeRecord("Program", "P-1", {"name": "Servicio Público de Empleo"}, "programas.csv", 2),
    ]
    edges = [
        EdgeRecord("PART_OF", "Territory", "50", "Territory", "CO", source="divipola.csv", row=3),
        EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", "50", source="actores.csv", row=2),
        EdgeRecord("PARTICIPATES_IN", "Actor", "A-1", "Instance", "I-1",
                   props={"role": "presidencia"}, source="participaciones.csv", row=2),
        EdgeRecord("PARTICIPATES_IN", "Actor", "A-2", "Instance", "I-1",
                   props={"role": "miembro"}, source="participaciones.csv", row=3),
        EdgeRecord("SCOPED_TO", "Instance", "I-1", "Territory", "50", source="instancias.csv",
                   row=2),
        EdgeRecord("LINKED_TO", "Program", "P-1", "Territory", "50", ekey="socializacion",
                   props={"kind": "socializacion"}, source="articulaciones.csv", row=2),
        EdgeRecord("LINKED_TO", "Program", "P-1", "Territory", "50", ekey="implementacion",
                   props={"kind": "implementacion", "year": 2024}, source="articulaciones.csv",
                   row=3),
    ]
    return RecordBatch(nodes, edges)


def _state(store) -> tuple:
    stats = store.stats()
    return (stats.nodes_by_label, stats.edges_by_type, len(stats.loads),
            typed(store.read_graph()))


# ------------------------------------------------------------------ what is written
def test_read_graph_is_the_graph_of_the_records_with_their_types(store):
    batch = _batch()
    store.write(batch, sources=["actores.csv"])
    assert typed(store.read_graph()) == typed(graph_from_records(
        [NodeRecord(n.label, n.key, {k: v for k, v in n.props.items() if v is not None},
                    n.source, n.row) for n in batch.nodes], batch.edges))
    g = store.read_graph()
    assert "nit" not in g.nodes["Actor:A-1"]  # None is an absent property, in every store
    assert g.nodes["Territory:50"]["is_pdet"] is True
    assert set(g["Program:P-1"]["Territory:50"]) == {"LINKED_TO|socializacion",
                                                     "LINKED_TO|implementacion"}
    assert store.existing_keys("Actor") == {"A-1", "A-2"}
    assert store.existing_keys("Territory") == {"CO", "50"}


def test_provenance_is_on_every_node_and_relationship(store):
    store.write(_batch())
    g = store.read_graph()
    assert (g.nodes["Actor:A-2"]["source"], g.nodes["Actor:A-2"]["row"]) == ("actores.csv", 3)
    edge = g.edges["Actor:A-2", "Instance:I-1", "PARTICIPATES_IN"]
    assert (edge["source"], edge["row"]) == ("participaciones.csv", 3)
    stamps = {d["loaded_at"] for _, d in g.nodes(data=True)} | \
        {d["loaded_at"] for _, _, d in g.edges(data=True)}
    assert len(stamps) == 1 and stamps.pop() == store.stats().loads[-1]["loaded_at"]


def test_writing_the_same_records_twice_changes_nothing_and_the_history_says_so(store):
    first = store.write(_batch(), sources=["actores.csv"])
    before = store.read_graph()
    second = store.write(_batch(), sources=["actores.csv"])
    after = store.read_graph()
    assert (second.nodes_written, second.edges_written) == (first.nodes_written,
                                                            first.edges_written)
    assert typed(after) == typed(before)
    # nothing was touched: even the load timestamps stay
    assert dict(after.nodes(data="loaded_at")) == dict(before.nodes(data="loaded_at"))
    # a write that changed nothing says so ("sin cambios") and is not a load
    assert first.changed and not second.changed
    loads = store.stats().loads
    assert [{k: load[k] for k in LOAD_KEYS} for load in loads] == [
        {"sources": ["actores.csv"], "nodes": 6, "edges": 7, "nodes_changed": 6,
         "edges_changed": 7, "status": "completa"},
    ]
    changed = _batch()
    changed.nodes[2] = NodeRecord("Actor", "A-1", {"name": "SENA Regional Meta"}, "actores.csv", 9)
    store.write(changed)
    last = store.stats().loads[-1]
    assert (last["nodes_changed"], last["edges_changed"]) == (1, 0)
    node = store.read_graph().nodes["Actor:A-1"]
    assert (node["name"], node["row"]) == ("SENA Regional Meta", 9)
    assert "sector" not in node  # replaced, not merged: a property gone from the source is gone


# ------------------------------------------------------------------ what is refused
@pytest.mark.parametrize("edge, missing", [
    (EdgeRecord("LOCATED_IN", "Actor", "A-2", "Territory", "99999", source="actores.csv", row=3),
     "Territory:99999"),
    (EdgeRecord("PARTICIPATES_IN", "Actor", "A-77", "Instance", "I-1",
                source="participaciones.csv", row=9), "Actor:A-77"),
])
def test_a_relationship_to_a_missing_node_refuses_the_batch(store, edge, missing):
    store.write(_batch(), sources=["actores.csv"])
    before = _state(store)
    batch = _batch()
    batch.nodes.append(NodeRecord("Actor", "A-3", {"name": "Nuevo"}, "actores.csv", 4))
    batch.edges.append(edge)
    with pytest.raises(RecordRefusedError) as err:
        store.write(batch, sources=["actores.csv"])
    message = str(err.value)
    assert f"{edge.type} de {edge.start_id} a {edge.end_id} ({edge.source}:{edge.row})" in message
    assert f"no existe (ni en la carga ni en {store.location}): {missing}" in message
    assert message.endswith("no se escribió nada")
    assert _state(store) == before  # nothing of the batch, not even a load record
    assert "A-3" not in store.existing_keys("Actor")


def test_refusals_name_a_few_relationships_and_count_the_rest(store):
    batch = _batch()
    batch.edges += [EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", f"9{i:04d}",
                               source="actores.csv", row=10 + i) for i in range(8)]
    with pytest.raises(RecordRefusedError, match="^8 relaciones apuntan a nodos que no existen"
                       ) as err:
        store.write(batch)
    assert "LOCATED_IN de Actor:A-1 a Territory:90004 (actores.csv:14): falta Territory:90004" \
        in str(err.value)
    assert "Territory:90005" not in str(err.value) and "; y 3 más; " in str(err.value)
    assert store.stats().nodes == 0


def test_a_relationship_to_a_node_already_stored_is_written(store):
    batch = _batch()
    store.write(RecordBatch(batch.nodes, []))
    store.write(RecordBatch([], batch.edges))  # every endpoint is in the store, none in the batch
    assert store.stats().edges == 7


@pytest.mark.parametrize("bad, message", [
    (NodeRecord("Persona", "x", source="personas.csv", row=2),
     "nodo Persona:x (personas.csv:2) fuera del modelo: etiqueta «Persona» desconocida"),
    (EdgeRecord("KNOWS", "Actor", "A-1", "Actor", "A-2"),
     "relación KNOWS de Actor:A-1 a Actor:A-2 fuera del modelo: tipo de relación «KNOWS» "
     "desconocido"),
    (EdgeRecord("LOCATED_IN", "Territory", "50", "Actor", "A-1", source="x.csv", row=5),
     "relación LOCATED_IN de Territory:50 a Actor:A-1 (x.csv:5) fuera del modelo: LOCATED_IN "
     "va de Actor a Territory"),
])
def test_records_outside_the_model_refuse_the_batch(store, bad, message):
    batch = _batch()
    (batch.nodes if isinstance(bad, NodeRecord) else batch.edges).append(bad)
    with pytest.raises(RecordRefusedError) as err:
        store.write(batch)
    assert str(err.value).startswith(message)
    assert _state(store) == ({}, {}, 0, ([], []))


def test_labels_outside_the_model_are_refused_when_reading_and_merging(store):
    store.write(_batch())
    with pytest.raises(RecordRefusedError, match="etiqueta «Persona» fuera del modelo"):
        store.existing_keys("Persona")
    with pytest.raises(RecordRefusedError, match="etiqueta «Persona» fuera del modelo"):
        store.merge_nodes("Persona", "a", "b")


def test_refusals_are_store_errors():
    assert issubclass(RecordRefusedError, StoreError)


# ------------------------------------------------------------------ reference territories
def test_reference_territories_are_written_once_and_can_be_pointed_at(store):
    first = ensure_reference(store)
    again = ensure_reference(store)
    assert (again.nodes_written, again.edges_written) == (first.nodes_written,
                                                          first.edges_written)
    stats = store.stats()
    assert stats.nodes_by_label == {"Territory": 1 + 33 + 1122}
    assert stats.edges_by_type == {"PART_OF": 33 + 1122}
    assert first.changed and not again.changed  # the second write is "sin cambios"
    assert len(stats.loads) == 1
    # a load's relationships may point at the stored territories (05001: Medellín) ...
    store.write(RecordBatch([NodeRecord("Actor", "A-1", {"name": "Alcaldía"}, "a.csv", 2)],
                            [EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory", "05001",
                                        source="a.csv", row=2)]))
    assert store.read_graph().has_edge("Actor:A-1", "Territory:05001", "LOCATED_IN")
    # ... not at a code DIVIPOLA does not have
    with pytest.raises(RecordRefusedError, match="falta|Territory:05999"):
        store.write(RecordBatch([], [EdgeRecord("LOCATED_IN", "Actor", "A-1", "Territory",
                                                "05999")]))


# ------------------------------------------------------------------ both stores, one graph
@pytest.mark.neo4j
def test_pat_small_reads_back_the_same_from_both_stores(neo4j_store, tmp_path, pat_small):
    sqlite = SQLiteStore(tmp_path / "pat_small.sqlite")
    try:
        reports = [load_paths([pat_small], s) for s in (sqlite, neo4j_store)]
        assert all(r.written is not None for r in reports)
        g_sqlite, g_neo4j = sqlite.read_graph(), neo4j_store.read_graph()
        assert g_sqlite.number_of_nodes() > 1156 and g_sqlite.number_of_edges() > 1155
        assert typed(g_neo4j) == typed(g_sqlite)
        s, n = sqlite.stats(), neo4j_store.stats()
        assert (s.nodes_by_label, s.edges_by_type) == (n.nodes_by_label, n.edges_by_type)
        assert [{k: ld[k] for k in LOAD_KEYS} for ld in s.loads] == \
            [{k: ld[k] for k in LOAD_KEYS} for ld in n.loads]
    finally:
        sqlite.close()
