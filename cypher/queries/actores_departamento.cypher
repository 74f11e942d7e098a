// name: actores_departamento
// descripcion: Actores ubicados en un departamento (o en sus municipios), agrupados por sector y tipo de actor.
// parametros: departamento (código DANE de dos dígitos, p. ej. '50' para Meta). En Neo4j Browser: :param departamento => '50'
MATCH (a:Actor)-[:LOCATED_IN]->(t:Territory)
WHERE t.dane_code = $departamento OR t.department_code = $departamento
WITH a ORDER BY a.name
RETURN a.sector AS sector, a.kind AS tipo, count(*) AS actores, collect(a.name) AS nombres
ORDER BY sector, tipo
