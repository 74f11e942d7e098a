// name: actores_sector_instancia
// descripcion: Actores de un sector presentes en un tipo de instancia, departamento por departamento (las instancias nacionales, sin departamento, al final).
// parametros: sector (público, privado, académico, comunitario, cooperación) y tipo_instancia (p. ej. 'red_ormet' o 'Comisión Regional de Competitividad'; en Neo4j Browser, el código). En Neo4j Browser: :params {sector: 'academico', tipo_instancia: 'red_ormet'}
MATCH (a:Actor)-[:PARTICIPATES_IN]->(i:Instance)
WHERE a.sector = $sector AND i.kind = $tipo_instancia
WITH DISTINCT i.department_code AS departamento, a, i
ORDER BY a.id
WITH departamento, count(DISTINCT i) AS instancias, collect(DISTINCT a.id) AS ids,
     collect(DISTINCT a.name) AS nombres
OPTIONAL MATCH (d:Territory {dane_code: departamento})
RETURN departamento, d.name AS departamento_nombre, size(ids) AS actores, instancias,
       nombres AS nombres_actores
ORDER BY departamento
