// name: miembros_instancia
// descripcion: Miembros de una instancia de participación por rol (presidencia, secretaría técnica, miembros, invitados), con su periodo y si siguen vigentes hoy.
// parametros: instancia (id de la instancia, p. ej. 'I-01'). En Neo4j Browser: :param instancia => 'I-01'
MATCH (i:Instance {id: $instancia})<-[r:PARTICIPATES_IN]-(a:Actor)
WITH i, r, a, coalesce(r.role, 'miembro') AS rol
RETURN rol, a.id AS actor, a.name AS nombre, a.sector AS sector,
       r.since AS desde, r.until AS hasta,
       (r.until IS NULL OR r.until >= toString(date())) AS vigente
ORDER BY CASE rol WHEN 'presidencia' THEN 0 WHEN 'secretaria_tecnica' THEN 1
                  WHEN 'miembro' THEN 2 ELSE 3 END, actor, desde, hasta
