// name: conexion_actores
// descripcion: Quién conecta a dos actores: las cadenas más cortas de acuerdos e instancias compartidas que los unen (hasta 6 pasos; las 50 primeras en orden de ids), con los actores intermediarios de cada una.
// parametros: actor_a y actor_b (id, nombre o sigla de cada actor; en Neo4j Browser, el id). En Neo4j Browser: :params {actor_a: 'A-03', actor_b: 'A-04'}
MATCH (a:Actor {id: $actor_a}), (b:Actor {id: $actor_b})
WHERE a <> b
MATCH path = allShortestPaths((a)-[:SIGNED|PARTICIPATES_IN*..12]-(b))
WITH DISTINCT length(path) / 2 AS pasos, [n IN nodes(path) | n.id] AS camino,
     [n IN nodes(path) | n.name] AS camino_nombres,
     [n IN nodes(path)[1..-1] WHERE n:Actor | n.name] AS intermediarios
RETURN pasos, camino, camino_nombres, intermediarios
ORDER BY camino
LIMIT 50
