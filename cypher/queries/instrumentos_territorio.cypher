// name: instrumentos_territorio
// descripcion: Instrumentos de política pública de un territorio (un departamento incluye los de sus municipios), con su estado, acto administrativo y actor líder.
// parametros: territorio (código DANE: '50' departamento, '50001' municipio). En Neo4j Browser: :param territorio => '50'
MATCH (t:Territory)-[:HAS_INSTRUMENT]->(i:Instrument)
WHERE t.dane_code = $territorio OR t.department_code = $territorio
OPTIONAL MATCH (leader:Actor)-[:LEADS]->(i)
RETURN t.dane_code AS territorio, t.name AS territorio_nombre, i.id AS instrumento,
       i.kind AS tipo, i.name AS nombre, i.status AS estado, i.act AS acto_administrativo,
       i.date AS fecha, leader.name AS lider
ORDER BY territorio, tipo, instrumento, lider
