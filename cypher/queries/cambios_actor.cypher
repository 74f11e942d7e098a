// name: cambios_actor
// descripcion: Qué cambió para un actor entre dos fechas: acuerdos e instancias que empezó («nuevo») o dejó («terminado»). Un vínculo existe en una fecha si ni él, ni el actor, ni el acuerdo o la instancia tienen una fecha de inicio posterior ni un «hasta» anterior (como en la analítica a una fecha de corte).
// parametros: actor (id, nombre o sigla del actor; en Neo4j Browser, el id), desde y hasta (fechas, p. ej. '2022-01-01' o '31/12/2024'; en Neo4j Browser, AAAA-MM-DD). En Neo4j Browser: :params {actor: 'A-03', desde: '2022-01-01', hasta: '2024-12-31'}
MATCH (a:Actor {id: $actor})-[r:SIGNED|PARTICIPATES_IN]->(h)
WITH r, h, [d IN [$desde, $hasta] | all(x IN [a, r, h] WHERE
       none(k IN ['date', 'signed', 'created', 'since'] WHERE coalesce(left(x[k], 10) > d, false))
       AND NOT coalesce(left(x.until, 10) < d, false))] AS vivo
WHERE vivo[0] <> vivo[1]
RETURN CASE WHEN vivo[1] THEN 'nuevo' ELSE 'terminado' END AS cambio,
       CASE type(r) WHEN 'SIGNED' THEN 'acuerdo' ELSE 'instancia' END AS vinculo,
       h.id AS via_id, h.name AS via, r.role AS rol,
       coalesce(r.since, h.signed, h.created) AS inicio, r.until AS fin
ORDER BY cambio, vinculo, via_id, inicio, fin, rol
