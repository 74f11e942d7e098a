// Upsert of SCOPED_TO relationships, one batch per call, one statement per start label.
// $rows: [[start, end, ekey, props, source, row]] (lists: less to decode per row on the
// server), $loaded_at; identity = (type, start, end, ekey),
// exactly like pat_graph.model.EdgeRecord; ekey is stored as a property ("" when absent).
// Rows whose start or end node does not exist are not written (the store reports them).

// name: rel-SCOPED_TO-Instance
UNWIND $rows AS row
MATCH (a:Instance {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
MERGE (a)-[r:SCOPED_TO {ekey: row[2]}]->(b)
WITH r, row, row[3] AS p
WITH r, row, p {.*, ekey: row[2], source: row[4], row: row[5]} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// name: rel-SCOPED_TO-Instrument
UNWIND $rows AS row
MATCH (a:Instrument {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
MERGE (a)-[r:SCOPED_TO {ekey: row[2]}]->(b)
WITH r, row, row[3] AS p
WITH r, row, p {.*, ekey: row[2], source: row[4], row: row[5]} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// name: rel-SCOPED_TO-Agreement
UNWIND $rows AS row
MATCH (a:Agreement {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
MERGE (a)-[r:SCOPED_TO {ekey: row[2]}]->(b)
WITH r, row, row[3] AS p
WITH r, row, p {.*, ekey: row[2], source: row[4], row: row[5]} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// name: rel-SCOPED_TO-Event
UNWIND $rows AS row
MATCH (a:Event {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
MERGE (a)-[r:SCOPED_TO {ekey: row[2]}]->(b)
WITH r, row, row[3] AS p
WITH r, row, p {.*, ekey: row[2], source: row[4], row: row[5]} AS want
WITH r, row, want,
     r.loaded_at IS NULL OR coalesce(properties(r) <> want {.*, loaded_at: r.loaded_at}, true) AS changed
FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END |
  SET r = want, r.loaded_at = $loaded_at)
RETURN count(*) AS written, sum(CASE WHEN changed THEN 1 ELSE 0 END) AS changed

// First load of the type from Instance (none when the load began): plain CREATE.
// name: rel-SCOPED_TO-Instance-fresh
UNWIND $rows AS row
MATCH (a:Instance {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
CREATE (a)-[r:SCOPED_TO]->(b)
SET r = row[3], r.ekey = row[2], r.source = row[4], r.row = row[5],
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-SCOPED_TO-Instance
MATCH (:Instance)-[r:SCOPED_TO]->() RETURN count(r) AS n

// First load of the type from Instrument (none when the load began): plain CREATE.
// name: rel-SCOPED_TO-Instrument-fresh
UNWIND $rows AS row
MATCH (a:Instrument {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
CREATE (a)-[r:SCOPED_TO]->(b)
SET r = row[3], r.ekey = row[2], r.source = row[4], r.row = row[5],
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-SCOPED_TO-Instrument
MATCH (:Instrument)-[r:SCOPED_TO]->() RETURN count(r) AS n

// First load of the type from Agreement (none when the load began): plain CREATE.
// name: rel-SCOPED_TO-Agreement-fresh
UNWIND $rows AS row
MATCH (a:Agreement {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
CREATE (a)-[r:SCOPED_TO]->(b)
SET r = row[3], r.ekey = row[2], r.source = row[4], r.row = row[5],
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-SCOPED_TO-Agreement
MATCH (:Agreement)-[r:SCOPED_TO]->() RETURN count(r) AS n

// First load of the type from Event (none when the load began): plain CREATE.
// name: rel-SCOPED_TO-Event-fresh
UNWIND $rows AS row
MATCH (a:Event {id: row[0]})
MATCH (b:Territory {dane_code: row[1]})
CREATE (a)-[r:SCOPED_TO]->(b)
SET r = row[3], r.ekey = row[2], r.source = row[4], r.row = row[5],
    r.loaded_at = $loaded_at
RETURN count(*) AS written, count(*) AS changed

// name: count-rel-SCOPED_TO-Event
MATCH (:Event)-[r:SCOPED_TO]->() RETURN count(r) AS n
