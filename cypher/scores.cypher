// Write-back of analytics scores (betweenness, gap_score, ...) onto nodes, so analysts can
// style Neo4j Browser / Bloom by them. $rows: [{key, scores: {name: number}}].
// The names of the score properties are kept in n.pat_scores so that read_graph() can leave
// them out (the graph then stays identical to the embedded store's). A later load that
// changes the node replaces its properties, scores included: write scores after loading.

// name: scores-Territory
UNWIND $rows AS row
MATCH (n:Territory {dane_code: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Actor
UNWIND $rows AS row
MATCH (n:Actor {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Instance
UNWIND $rows AS row
MATCH (n:Instance {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Program
UNWIND $rows AS row
MATCH (n:Program {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Instrument
UNWIND $rows AS row
MATCH (n:Instrument {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Agreement
UNWIND $rows AS row
MATCH (n:Agreement {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written

// name: scores-Event
UNWIND $rows AS row
MATCH (n:Event {id: row.key})
SET n += row.scores,
    n.pat_scores = [k IN coalesce(n.pat_scores, []) WHERE NOT k IN keys(row.scores)] + keys(row.scores)
RETURN count(n) AS written
