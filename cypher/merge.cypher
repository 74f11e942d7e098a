// Merging two nodes an analyst decided are the same (pat-graph resolver --decisiones),
// pat_graph.store.neo4j.Neo4jStore.merge_nodes; semantics in pat_graph/store/merge.py.
// Every statement of one merge runs in ONE managed transaction (all or nothing):
//   merge-find-<Label>   both nodes by key (elementId and properties; null when missing)
//   merge-set-node       the survivor's new properties (computed in Python by merged_properties)
//   merge-move-<TYPE>    re-points the merged node's relationships of one type to the survivor,
//                        keeping their properties and provenance; a relationship the survivor
//                        already has (same type, other end, direction and ekey) or one between
//                        the two nodes is dropped. Neo4j Community has no APOC and a type cannot
//                        be a parameter: one statement per type of pat_graph.model.REL_TYPES.
//   merge-delete-node    the merged node
// Labels and types are written here, from pat_graph.model; values are parameters only.
// Subqueries import m and k with the variable scope clause CALL (m, k) { … } (Neo4j 5.23+);
// the CALL { WITH m, k … } form is deprecated in Neo4j 5.

// name: merge-find-Territory
OPTIONAL MATCH (k:Territory {dane_code: $keep})
OPTIONAL MATCH (m:Territory {dane_code: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Actor
OPTIONAL MATCH (k:Actor {id: $keep})
OPTIONAL MATCH (m:Actor {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Instance
OPTIONAL MATCH (k:Instance {id: $keep})
OPTIONAL MATCH (m:Instance {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Program
OPTIONAL MATCH (k:Program {id: $keep})
OPTIONAL MATCH (m:Program {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Instrument
OPTIONAL MATCH (k:Instrument {id: $keep})
OPTIONAL MATCH (m:Instrument {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Agreement
OPTIONAL MATCH (k:Agreement {id: $keep})
OPTIONAL MATCH (m:Agreement {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-find-Event
OPTIONAL MATCH (k:Event {id: $keep})
OPTIONAL MATCH (m:Event {id: $merge})
RETURN elementId(k) AS keep_eid, properties(k) AS keep_props,
       elementId(m) AS merge_eid, properties(m) AS merge_props

// name: merge-set-node
MATCH (k) WHERE elementId(k) = $keep
SET k = $props
RETURN count(k) AS written

// name: merge-move-PART_OF
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:PART_OF]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:PART_OF]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:PART_OF]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:PART_OF]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:PART_OF]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:PART_OF]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-LOCATED_IN
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:LOCATED_IN]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:LOCATED_IN]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:LOCATED_IN]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:LOCATED_IN]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:LOCATED_IN]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:LOCATED_IN]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-PARTICIPATES_IN
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:PARTICIPATES_IN]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:PARTICIPATES_IN]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:PARTICIPATES_IN]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:PARTICIPATES_IN]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:PARTICIPATES_IN]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:PARTICIPATES_IN]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-SCOPED_TO
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:SCOPED_TO]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:SCOPED_TO]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:SCOPED_TO]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:SCOPED_TO]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:SCOPED_TO]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:SCOPED_TO]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-SIGNED
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:SIGNED]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:SIGNED]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:SIGNED]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:SIGNED]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:SIGNED]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:SIGNED]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-OWNS
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:OWNS]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:OWNS]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:OWNS]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:OWNS]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:OWNS]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:OWNS]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-LINKED_TO
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:LINKED_TO]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:LINKED_TO]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:LINKED_TO]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:LINKED_TO]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:LINKED_TO]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:LINKED_TO]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-IMPLEMENTS
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:IMPLEMENTS]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:IMPLEMENTS]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:IMPLEMENTS]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:IMPLEMENTS]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:IMPLEMENTS]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:IMPLEMENTS]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-GAVE_FEEDBACK
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:GAVE_FEEDBACK]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:GAVE_FEEDBACK]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:GAVE_FEEDBACK]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:GAVE_FEEDBACK]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:GAVE_FEEDBACK]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:GAVE_FEEDBACK]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-HAS_INSTRUMENT
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:HAS_INSTRUMENT]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:HAS_INSTRUMENT]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:HAS_INSTRUMENT]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:HAS_INSTRUMENT]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:HAS_INSTRUMENT]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:HAS_INSTRUMENT]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-LEADS
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:LEADS]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:LEADS]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:LEADS]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:LEADS]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:LEADS]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:LEADS]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-ATTENDED
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:ATTENDED]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:ATTENDED]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:ATTENDED]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:ATTENDED]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:ATTENDED]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:ATTENDED]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-move-PRESENTED
MATCH (m) WHERE elementId(m) = $merge
MATCH (k) WHERE elementId(k) = $keep
CALL (m, k) {
  MATCH (m)-[r:PRESENTED]->(b)
  WITH k, r, b, properties(r) AS props, b = m OR b = k AS loop
  WITH k, r, b, props, loop,
       loop OR EXISTS { MATCH (k)-[x:PRESENTED]->(b) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (k)-[n:PRESENTED]->(b) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_out,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_out
}
CALL (m, k) {
  MATCH (a)-[r:PRESENTED]->(m)
  WITH k, r, a, properties(r) AS props, a = m OR a = k AS loop
  WITH k, r, a, props, loop,
       loop OR EXISTS { MATCH (a)-[x:PRESENTED]->(k) WHERE x.ekey = props.ekey } AS drop
  FOREACH (_ IN CASE WHEN drop THEN [] ELSE [1] END |
    CREATE (a)-[n:PRESENTED]->(k) SET n = props)
  DELETE r
  RETURN sum(CASE WHEN drop THEN 0 ELSE 1 END) AS moved_in,
         sum(CASE WHEN drop THEN 1 ELSE 0 END) AS dropped_in
}
RETURN moved_out + moved_in AS moved, dropped_out + dropped_in AS dropped

// name: merge-delete-node
MATCH (m) WHERE elementId(m) = $merge
DETACH DELETE m
RETURN count(*) AS deleted
