// name: red_actor
// descripcion: Red de alianzas de un actor hasta N pasos (un paso = un acuerdo o una instancia compartida): cada actor alcanzado, a cuántos pasos y el camino que los une (el primero en orden de ids cuando hay varios igual de cortos).
// parametros: actor (id, nombre o sigla del actor, p. ej. 'A-03'; en Neo4j Browser, el id) y pasos (1 a 4). En Neo4j Browser: :params {actor: 'A-03', pasos: 2}
// Recorrido en anchura nivel por nivel, sin enumerar caminos: cada bloque CALL extiende
// el nivel anterior una relación (hasta 8 = 4 pasos, los que pasan de 2 * $pasos no
// hacen nada). A cada nodo nuevo le toca el camino más corto que va primero en orden de
// ids: el primero de los caminos de sus vecinos del nivel anterior, más él mismo. Un
// vecino de un nodo del nivel d está en el nivel d - 1, d o d + 1: basta excluir esos dos.
MATCH (a:Actor {id: $actor})
WITH a, [] AS prev, [{n: a, c: [a.id], m: [a.name]}] AS cur
WITH prev, cur, cur AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 1 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 2 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 3 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 4 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 5 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 6 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 7 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
CALL (prev, cur) {
  WITH prev, cur, [f IN cur | f.n] AS here
  UNWIND CASE WHEN 8 <= 2 * $pasos THEN cur ELSE [] END AS f
  WITH prev, here, f.n AS u, f.c AS c, f.m AS m
  MATCH (u)-[:SIGNED|PARTICIPATES_IN]-(v)
  WHERE NOT v IN prev AND NOT v IN here
  WITH v, c + v.id AS c, m + v.name AS m ORDER BY c
  WITH v, collect({c: c, m: m})[0] AS best
  RETURN collect({n: v, c: best.c, m: best.m}) AS next
}
WITH [f IN cur | f.n] AS prev, next AS cur, found + next AS found
UNWIND found AS f
WITH f WHERE f.n:Actor AND size(f.c) > 1
RETURN f.n.id AS socio, f.n.name AS nombre, f.n.sector AS sector, size(f.c) / 2 AS pasos,
       f.c AS camino, f.m AS camino_nombres
ORDER BY pasos, socio
