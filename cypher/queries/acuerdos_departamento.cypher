// name: acuerdos_departamento
// descripcion: Acuerdos de un departamento por estado (en construcción, firmado, en implementación, finalizado), con sus firmantes y los sectores que representan.
// parametros: departamento (código DANE o nombre, p. ej. '27' o 'Chocó'; en Neo4j Browser, el código). En Neo4j Browser: :param departamento => '27'
MATCH (g:Agreement)
WHERE g.department_code = $departamento
OPTIONAL MATCH (s:Actor)-[:SIGNED]->(g)
WITH DISTINCT g, s
ORDER BY s.sector, s.id
WITH g, count(s) AS firmantes, collect(DISTINCT s.sector) AS sectores, collect(s.name) AS nombres
RETURN g.status AS estado, g.id AS acuerdo, g.name AS nombre, g.signed AS firmado, firmantes,
       sectores, nombres AS nombres_firmantes
ORDER BY CASE estado WHEN 'en_construccion' THEN 0 WHEN 'firmado' THEN 1
                     WHEN 'en_implementacion' THEN 2 WHEN 'finalizado' THEN 3 ELSE 4 END, acuerdo
