// Upsert of Territory nodes, one batch per call (pat_graph.store.neo4j.Neo4jStore.write).
// $rows: [[key, props, source, row]] (lists, not maps: less to decode per row on the
// server), $loaded_at: the load timestamp; props never hold null.
// A node whose properties and provenance are unchanged is left alone (loaded_at stays),
// so loading the same files twice changes nothing.

// name: node-Territory
UNWIND $rows AS row
MERGE (n:Territory {dane_code: row[0]})
WITH n, row, row[1] AS p
WITH n, row, p {.*, dane_code: row[0], source: row[2], row: row[3]} AS want
WITH n, row, want,
     n.loaded_at IS NULL OR coalesce(properties(n) <> want {.*, loaded_at: n.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET n = want, n.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// First load of the label (no Territory node when the load began): plain CREATE, no
// comparison. Neo4jStore uses it only then, and never for a retried chunk.
// name: node-Territory-fresh
UNWIND $rows AS row
CREATE (n:Territory)
SET n = row[1], n.dane_code = row[0], n.source = row[2], n.row = row[3],
    n.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-node-Territory
MATCH (n:Territory) RETURN count(n) AS n
