// name: programas_departamento
// descripcion: Programas de la oferta nacional articulados con un departamento y cómo: socialización, implementación o retroalimentación; en qué territorio, cuándo, con qué actor y en qué evento.
// parametros: departamento (código DANE de dos dígitos, p. ej. '50'). En Neo4j Browser: :param departamento => '50'
MATCH (p:Program)-[l:LINKED_TO]->(t:Territory)
WHERE t.dane_code = $departamento OR t.department_code = $departamento
OPTIONAL MATCH (owner:Actor)-[:OWNS]->(p)
OPTIONAL MATCH (local:Actor {id: l.actor})
RETURN p.id AS programa, p.name AS nombre, owner.name AS entidad, l.kind AS articulacion,
       t.dane_code AS territorio, t.name AS territorio_nombre, l.date AS fecha,
       local.name AS actor, l.event AS evento
ORDER BY programa, articulacion, fecha, territorio, entidad, actor, evento
