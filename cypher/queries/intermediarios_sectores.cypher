// name: intermediarios_sectores
// descripcion: Actores de un departamento que podrían tender puentes entre dos sectores: comparten instancias o acuerdos con socios de ambos sectores. «pares_sin_vinculo» cuenta las parejas de socios (uno de cada sector) que no comparten ninguna instancia ni acuerdo entre sí: cuanto más alto, más valioso el puente.
// parametros: departamento (código DANE, p. ej. '50'), sector_a y sector_b (publico, privado, academico, comunitario, cooperacion). En Neo4j Browser: :params {departamento: '50', sector_a: 'privado', sector_b: 'academico'}
MATCH (x:Actor)-[:LOCATED_IN]->(t:Territory)
WHERE t.dane_code = $departamento OR t.department_code = $departamento
MATCH (x)-[:PARTICIPATES_IN|SIGNED]->(h)<-[:PARTICIPATES_IN|SIGNED]-(p:Actor)
WHERE p <> x AND p.sector IN [$sector_a, $sector_b]
WITH DISTINCT x, p ORDER BY p.id
WITH x, collect(p) AS socios
WITH x, [s IN socios WHERE s.sector = $sector_a] AS sa, [s IN socios WHERE s.sector = $sector_b] AS sb
WHERE size(sa) > 0 AND size(sb) > 0
WITH x, sa, sb,
     reduce(n = 0, a IN sa | n + size([b IN sb WHERE a <> b AND NOT EXISTS {
       MATCH (a)-[:PARTICIPATES_IN|SIGNED]->()<-[:PARTICIPATES_IN|SIGNED]-(b)
     }])) AS pares_sin_vinculo
RETURN x.id AS actor, x.name AS nombre, x.sector AS sector,
       size(sa) AS socios_sector_a, size(sb) AS socios_sector_b, pares_sin_vinculo,
       [s IN sa | s.name] AS nombres_sector_a, [s IN sb | s.name] AS nombres_sector_b
ORDER BY pares_sin_vinculo DESC, socios_sector_a + socios_sector_b DESC, actor
