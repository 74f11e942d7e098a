// name: socios_comunes
// descripcion: Socios que comparten dos actores: quienes tienen un acuerdo o una instancia con cada uno de ellos, y por dónde (ids de los acuerdos e instancias con cada uno).
// parametros: actor_a y actor_b (id, nombre o sigla de cada actor; en Neo4j Browser, el id). En Neo4j Browser: :params {actor_a: 'A-03', actor_b: 'A-06'}
MATCH (a:Actor {id: $actor_a}), (b:Actor {id: $actor_b})
WHERE a <> b
MATCH (a)-[:SIGNED|PARTICIPATES_IN]->(ha)<-[:SIGNED|PARTICIPATES_IN]-(p:Actor)
WHERE p <> a AND p <> b
WITH DISTINCT b, p, ha
ORDER BY ha.id
WITH b, p, collect(ha.id) AS vias_a
MATCH (b)-[:SIGNED|PARTICIPATES_IN]->(hb)<-[:SIGNED|PARTICIPATES_IN]-(p)
WITH DISTINCT p, vias_a, hb
ORDER BY hb.id
WITH p, vias_a, collect(hb.id) AS vias_b
RETURN p.id AS socio, p.name AS nombre, p.sector AS sector, vias_a, vias_b
ORDER BY socio
