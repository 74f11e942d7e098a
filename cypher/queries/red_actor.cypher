// name: red_actor
// descripcion: Red de alianzas de un actor hasta N pasos (un paso = un acuerdo o una instancia compartida): cada actor alcanzado, a cuántos pasos y el camino que los une (el primero en orden de ids cuando hay varios igual de cortos).
// parametros: actor (id, nombre o sigla del actor, p. ej. 'A-03'; en Neo4j Browser, el id) y pasos (1 a 4). En Neo4j Browser: :params {actor: 'A-03', pasos: 2}
MATCH (a:Actor {id: $actor}), (p:Actor)
WHERE p <> a
MATCH path = allShortestPaths((a)-[:SIGNED|PARTICIPATES_IN*..8]-(p))
WHERE length(path) <= 2 * $pasos
WITH p, length(path) / 2 AS pasos, [n IN nodes(path) | n.id] AS camino,
     [n IN nodes(path) | n.name] AS camino_nombres
ORDER BY camino
WITH p, pasos, collect(camino)[0] AS camino, collect(camino_nombres)[0] AS camino_nombres
RETURN p.id AS socio, p.name AS nombre, p.sector AS sector, pasos, camino, camino_nombres
ORDER BY pasos, socio
