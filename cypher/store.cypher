// Statements the Neo4j store runs besides the loads (pat_graph/store/neo4j.py), by name.
// The load history lives in nodes labelled _PatGraphLoad: outside the domain model,
// never returned by read_graph(), counted by stats().loads.

// name: ping
RETURN 1 AS ok

// name: read-nodes
MATCH (n)
WHERE NOT n:_PatGraphLoad
RETURN elementId(n) AS eid, labels(n) AS labels, properties(n) AS props

// name: read-edges
MATCH (a)-[r]->(b)
WHERE NOT a:_PatGraphLoad AND NOT b:_PatGraphLoad
RETURN elementId(a) AS start, elementId(b) AS end, type(r) AS type, properties(r) AS props

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
    l.nodes_changed = $nodes_changed, l.edges_changed = $edges_changed
RETURN l.seq AS seq

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
