// name: conexion_actores
// descripcion: Quién conecta a dos actores: las cadenas más cortas de acuerdos e instancias compartidas que los unen (hasta 6 pasos; las 50 primeras en orden de ids), con los actores intermediarios de cada una.
// parametros: actor_a y actor_b (id, nombre o sigla de cada actor; en Neo4j Browser, el id). En Neo4j Browser: :params {actor_a: 'A-03', actor_b: 'A-04'}
// Sin enumerar todos los caminos (pueden ser millones): 1) niveles de distancia desde
// actor_b, un bloque CALL por relación (hasta 12), hasta alcanzar a actor_a (distancia t),
// 2) desde actor_a, las 50 primeras cadenas en orden de ids, un bloque por relación: se
// extiende cada prefijo con los vecinos un nivel más cerca de actor_b y se guardan los 50
// primeros (todo prefijo así llega a actor_b, de modo que las 50 primeras cadenas
// empiezan por los 50 primeros prefijos).
MATCH (a:Actor {id: $actor_a}), (b:Actor {id: $actor_b})
WHERE a <> b
WITH a, [] AS prev, [b] AS cur, [[b]] AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
CALL (a, prev, cur) {
  UNWIND CASE WHEN a IN cur THEN [] ELSE cur END AS u
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN cur
  RETURN collect(DISTINCT v) AS next
}
WITH a, cur AS prev, next AS cur, levels + CASE WHEN size(next) > 0 THEN [next] ELSE [] END AS levels
WITH a, levels, size(levels) - 1 AS t
WHERE a IN levels[t]
WITH levels, t, [[a]] AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
CALL (levels, t, paths) {
  UNWIND CASE WHEN size(paths[0]) <= t THEN paths ELSE [] END AS p
  WITH p, last(p) AS u, levels[t - size(p)] AS closer
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE v IN closer
  WITH DISTINCT p + v AS q
  WITH q ORDER BY [n IN q | n.id] LIMIT 50
  RETURN collect(q) AS next
}
WITH levels, t, CASE WHEN size(next) > 0 THEN next ELSE paths END AS paths
UNWIND paths AS p
RETURN (size(p) - 1) / 2 AS pasos, [n IN p | n.id] AS camino, [n IN p | n.name] AS camino_nombres,
       [n IN p[1..-1] WHERE n:Actor | n.name] AS intermediarios
ORDER BY camino
