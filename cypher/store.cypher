// Statements the Neo4j store runs besides the loads (pat_graph/store/neo4j.py), by name.
// The load history lives in nodes labelled _PatGraphLoad: outside the domain model,
// never returned by read_graph(), counted by stats().loads.

// name: ping
RETURN 1 AS ok

// read_graph() runs the two statements below in one read transaction. Rows come back
// collected into a few large lists, not one record per node or relationship: the driver
// reads every record as its own Bolt message (several socket calls each), which made the
// client, not the server, the cost (x10 demo: relationships 9.5 s one per record, 2.6 s
// collected).

// One record per label combination: [[elementId, properties], ...].
// name: read-nodes
MATCH (n)
WHERE NOT n:_PatGraphLoad
WITH labels(n) AS labels, collect([elementId(n), properties(n)]) AS rows
RETURN labels, rows

// The relationships leaving the nodes $ids (elementIds; read_graph sends them in chunks,
// which bounds what the server collects at once): one record, [[start, end, type, props], ...].
// name: read-edges
UNWIND $ids AS eid
MATCH (a)-[r]->(b)
WHERE elementId(a) = eid AND NOT b:_PatGraphLoad
RETURN collect([eid, elementId(b), type(r), properties(r)]) AS rows

// name: count-nodes
MATCH (n)
WHERE NOT n:_PatGraphLoad
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label

// name: count-edges
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type

// name: loads
MATCH (l:_PatGraphLoad)
RETURN l {.*} AS load
ORDER BY l.loaded_at, l.seq

// name: load-begin
OPTIONAL MATCH (prev:_PatGraphLoad)
WITH coalesce(max(prev.seq), 0) + 1 AS seq
CREATE (l:_PatGraphLoad {id: $id, seq: seq, loaded_at: $loaded_at, sources: $sources,
                         nodes: $nodes, edges: $edges, batch_size: $batch_size,
                         status: 'en_curso'})
RETURN l.seq AS seq

// name: load-end
MATCH (l:_PatGraphLoad {id: $id})
SET l.status = $status, l.seconds = $seconds,
    l.nodes_changed = $nodes_changed, l.edges_changed = $edges_changed,
    l.retries = $retries
RETURN l.seq AS seq

// A load that changed nothing ("sin cambios") leaves no trace in the history.
// name: load-forget
MATCH (l:_PatGraphLoad {id: $id})
DELETE l
RETURN count(*) AS deleted

// name: clear-chunk
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted

// name: keys-Territory
MATCH (n:Territory)
RETURN n.dane_code AS key

// name: keys-Actor
MATCH (n:Actor)
RETURN n.id AS key

// name: keys-Instance
MATCH (n:Instance)
RETURN n.id AS key

// name: keys-Program
MATCH (n:Program)
RETURN n.id AS key

// name: keys-Instrument
MATCH (n:Instrument)
RETURN n.id AS key

// name: keys-Agreement
MATCH (n:Agreement)
RETURN n.id AS key

// name: keys-Event
MATCH (n:Event)
RETURN n.id AS key

// The keys among $keys of nodes of one label (the contract check before a load: the nodes
// a relationship of the batch points at that the batch itself does not have).
// name: keys-present-Territory
UNWIND $keys AS k
MATCH (n:Territory {dane_code: k})
RETURN collect(k) AS keys

// name: keys-present-Actor
UNWIND $keys AS k
MATCH (n:Actor {id: k})
RETURN collect(k) AS keys

// name: keys-present-Instance
UNWIND $keys AS k
MATCH (n:Instance {id: k})
RETURN collect(k) AS keys

// name: keys-present-Program
UNWIND $keys AS k
MATCH (n:Program {id: k})
RETURN collect(k) AS keys

// name: keys-present-Instrument
UNWIND $keys AS k
MATCH (n:Instrument {id: k})
RETURN collect(k) AS keys

// name: keys-present-Agreement
UNWIND $keys AS k
MATCH (n:Agreement {id: k})
RETURN collect(k) AS keys

// name: keys-present-Event
UNWIND $keys AS k
MATCH (n:Event {id: k})
RETURN collect(k) AS keys

// Names of the constraints and of the indexes already in the database: apply_schema runs
// only the statements of cypher/schema.cypher whose name is missing (each one is a schema
// transaction of its own).
// name: schema-constraint-names
SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names

// name: schema-index-names
SHOW INDEXES YIELD name RETURN collect(name) AS names
