// Upsert of LOCATED_IN relationships, one batch per call, one statement per start label.
// $rows: [{start, end, ekey, props, source, row}], $loaded_at; identity = (type, start, end, ekey),
// exactly like pat_graph.model.EdgeRecord; ekey is stored as a property ("" when absent).
// Rows whose start or end node does not exist are not written (the store reports them).

// name: rel-LOCATED_IN-Actor
UNWIND $rows AS row
MATCH (a:Actor {id: row.start})
MATCH (b:Territory {dane_code: row.end})
MERGE (a)-[r:LOCATED_IN {ekey: row.ekey}]->(b)
WITH r, row, row.props AS p
WITH r, row, p {.*, ekey: row.ekey, source: row.source, row: row.row} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// First load of the type from Actor (none when the load began): plain CREATE.
// name: rel-LOCATED_IN-Actor-fresh
UNWIND $rows AS row
MATCH (a:Actor {id: row.start})
MATCH (b:Territory {dane_code: row.end})
CREATE (a)-[r:LOCATED_IN]->(b)
SET r = row.props, r.ekey = row.ekey, r.source = row.source, r.row = row.row,
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-LOCATED_IN-Actor
MATCH (:Actor)-[r:LOCATED_IN]->() RETURN count(r) AS n
