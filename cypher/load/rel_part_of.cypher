// Upsert of PART_OF relationships, one batch per call, one statement per start label.
// $rows: [[start, end, ekey, props, source, row]] (lists: less to decode per row on the
// server), $loaded_at; identity = (type, start, end, ekey),
// exactly like pat_graph.model.EdgeRecord; ekey is stored as a property ("" when absent).
// Rows whose start or end node does not exist are not written (the store reports them).

// name: rel-PART_OF-Territory
UNWIND $rows AS row
MATCH (a:Territory {dane_code: row[0]})
MATCH (b:Territory {dane_code: row[1]})
MERGE (a)-[r:PART_OF {ekey: row[2]}]->(b)
WITH r, row, row[3] AS p
WITH r, row, p {.*, ekey: row[2], source: row[4], row: row[5]} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// First load of the type from Territory (none when the load began): plain CREATE.
// name: rel-PART_OF-Territory-fresh
UNWIND $rows AS row
MATCH (a:Territory {dane_code: row[0]})
MATCH (b:Territory {dane_code: row[1]})
CREATE (a)-[r:PART_OF]->(b)
SET r = row[3], r.ekey = row[2], r.source = row[4], r.row = row[5],
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-PART_OF-Territory
MATCH (:Territory)-[r:PART_OF]->() RETURN count(r) AS n
