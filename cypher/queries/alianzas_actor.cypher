// name: alianzas_actor
// descripcion: Alianzas de un actor: con quién firmó acuerdos y con quién coincide en instancias de participación, con el sector de cada socio.
// parametros: actor (id, nombre o sigla del actor, p. ej. 'A-03' o 'Gobernación del Meta'; en Neo4j Browser, el id). En Neo4j Browser: :param actor => 'A-03'
CALL {
  MATCH (a:Actor {id: $actor})-[:SIGNED]->(g:Agreement)<-[:SIGNED]-(p:Actor)
  WHERE p <> a
  RETURN p.id AS socio, p.name AS nombre, p.sector AS sector, 'acuerdo' AS vinculo,
         g.id AS via_id, g.name AS via
  UNION
  MATCH (a:Actor {id: $actor})-[:PARTICIPATES_IN]->(i:Instance)<-[:PARTICIPATES_IN]-(p:Actor)
  WHERE p <> a
  RETURN p.id AS socio, p.name AS nombre, p.sector AS sector, 'instancia' AS vinculo,
         i.id AS via_id, i.name AS via
}
RETURN socio, nombre, sector, vinculo, via_id, via
ORDER BY socio, vinculo, via_id
