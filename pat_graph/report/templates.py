"""Jinja2 templates of the ficha and of the index page (Spanish, print-friendly).

Kept as Python strings so they ship with the package without extra data files.
Rendered with ``autoescape=True``: every data text is escaped; only the inline
SVG produced by :mod:`pat_graph.report.sketch` is passed through as markup.
"""

CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; color: #1d1d1d;
       max-width: 1050px; margin: 0 auto; padding: 12px 18px; line-height: 1.35; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 10px; }
h1 { font-size: 19pt; margin: 4px 0; } h2 { font-size: 13.5pt; margin: 18px 0 6px;
  color: #0b4f7c; border-bottom: 1px solid #c9d6e2; break-after: avoid; }
h3 { font-size: 11pt; margin: 10px 0 4px; break-after: avoid; }
.sub { color: #555; margin: 2px 0; } .muted { color: #666; font-size: 9pt; }
.kpis { display: flex; flex-wrap: wrap; gap: 8px; margin: 8px 0; }
.kpi { border: 1px solid #c9d6e2; border-radius: 6px; padding: 6px 10px; min-width: 120px;
       break-inside: avoid; }
.kpi b { display: block; font-size: 15pt; }
.score { background: #fff4e5; border-color: #e69f00; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; font-size: 9.2pt; }
th, td { border: 1px solid #d5dde5; padding: 3px 5px; text-align: left; vertical-align: top; }
th { background: #eef3f8; } thead { display: table-header-group; }
tr { break-inside: avoid; } td.n, th.n { text-align: right; white-space: nowrap; }
.bar { display: inline-block; height: 10px; vertical-align: middle; border-radius: 2px; }
.tag { display: inline-block; border-radius: 3px; padding: 0 4px; font-size: 8.5pt;
       background: #eee; margin: 1px 2px 1px 0; }
.tag.bad { background: #fde0dc; color: #8a1c0f; } .tag.ok { background: #dff3e9; color: #0b5a36; }
.cols { columns: 3; column-gap: 18px; font-size: 9pt; } .cols div { break-inside: avoid; }
ul.gaps { margin: 2px 0 8px 18px; padding: 0; } ul.gaps li { margin: 1px 0; }
.figure { break-inside: avoid; margin: 6px 0; } .figure svg { max-width: 100%; height: auto; }
svg.red { border: 1px solid #ddd; background: #fcfcfc; width: 100%; max-width: 640px; }
.legend span { margin-right: 10px; font-size: 9pt; white-space: nowrap; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
       vertical-align: middle; margin-right: 3px; }
.note { background: #f4f4f4; border-left: 4px solid #999; padding: 6px 9px; }
footer { margin-top: 18px; border-top: 1px solid #ccc; padding-top: 6px; color: #666;
         font-size: 8.5pt; }
a { color: #0b4f7c; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; }
  section { break-inside: auto; } }
"""

FICHA = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ficha diagnóstico departamental: {{ f.department_name }} ({{ f.department_code }})</title>
<style>{{ css }}</style></head>
<body>
<header>
<p class="sub">Programa Nacional de Asistencia Técnica Territorial (PAT) · Ministerio del Trabajo</p>
<h1>Ficha diagnóstico departamental: {{ f.department_name }} ({{ f.department_code }})</h1>
<p class="sub"><b>Fecha de corte:</b> {% if f.as_of %}{{ f.as_of }}{% else %}estado actual ({{ f.effective_date }}){% endif %}
 · generada el {{ generated }}{% if f.territory.capital %} · capital: {{ f.territory.capital }}{% endif %}</p>
</header>

<section id="resumen"><h2>Resumen</h2>
<div class="kpis">
<div class="kpi score">Índice de brechas<b>{{ num(f.gap_score) }} / 100</b>puesto {{ f.gap_rank }} de {{ f.departments_ranked }} (1 = más brechas); promedio nacional {{ num(f.national_mean) }}</div>
<div class="kpi">Municipios<b>{{ f.territory.municipalities|length }}</b>{{ f.territory.pdet|length }} PDET</div>
<div class="kpi">Actores del departamento<b>{{ f.actors|length }}</b>{{ f.outside_actors|length }} de fuera participan</div>
<div class="kpi">Instancias<b>{{ f.instances|length }}</b>{{ f.active_instance_kinds|length }} de 5 tipos activos</div>
<div class="kpi">Instrumentos<b>{{ f.instruments|length }}</b>{{ 5 - f.missing_instrument_kinds|length }} de 5 tipos departamentales</div>
<div class="kpi">Acuerdos<b>{{ f.agreements|length }}</b></div>
<div class="kpi">Programas nacionales<b>{{ f.programmes|selectattr("state", "ne", "ninguno")|list|length }} / {{ f.programmes|length }}</b>han llegado</div>
</div>
{% if f.gap_explanation %}<p><b>Por qué este puntaje:</b> {{ f.gap_explanation|join("; ") }}.</p>{% endif %}
</section>

<section id="territorio"><h2>Territorio</h2>
<p>{{ f.territory.municipalities|length }} municipios (DIVIPOLA), de ellos {{ f.territory.pdet|length }} PDET{% if f.territory.pdet_subregions %} (subregiones: {{ f.territory.pdet_subregions|join(", ") }}){% endif %}.</p>
{% if f.territory.municipalities %}<div class="cols">{% for m in f.territory.municipalities %}<div>{{ m.code }} {{ m.name }}{% if m.is_pdet %} <span class="tag ok">PDET</span>{% endif %}</div>{% endfor %}</div>{% endif %}
</section>

<section id="actores"><h2>Actores por sector y tipo</h2>
<table><thead><tr><th>Sector</th><th class="n">Actores</th><th></th></tr></thead><tbody>
{% for s, n in f.actors_by_sector.items() %}<tr><td>{{ s }}</td><td class="n">{{ n }}</td><td><span class="bar" style="width: {{ (220 * n / (f.actors|length))|round(0) }}px; background: {{ sector_colors.get(s, '#999') }}"></span></td></tr>{% else %}<tr><td colspan="3">Sin actores registrados en el departamento.</td></tr>{% endfor %}
</tbody></table>
<h3>Por tipo</h3>
<p>{% for k, n in f.actors_by_kind.items() %}<span class="tag">{{ k }}: {{ n }}</span>{% endfor %}</p>
{% if f.actors %}<h3>Actores ubicados en el departamento ({{ f.actors|length }})</h3>
<table><thead><tr><th>Id</th><th>Nombre</th><th>Sector</th><th>Tipo</th><th>Nivel</th><th>Municipio</th></tr></thead><tbody>
{% for a in f.actors %}<tr><td>{{ a.id }}</td><td>{{ a.name }}</td><td>{{ a.sector_es }}</td><td>{{ a.kind_es }}</td><td>{{ a.level }}</td><td>{{ a.place }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
{% if f.outside_actors %}<p><b>Actores de fuera del departamento en sus instancias y acuerdos:</b> {% for a in f.outside_actors %}{{ a.name }} ({{ a.sector_es }}){% if not loop.last %}; {% endif %}{% endfor %}.</p>{% endif %}
</section>

<section id="instancias"><h2>Instancias de participación y su composición</h2>
<p>Tipos activos: {% for k in f.active_instance_kinds %}<span class="tag ok">{{ es("instance_kind", k) }}</span>{% else %}ninguno{% endfor %}.
Faltan: {% for k in f.missing_instance_kinds %}<span class="tag bad">{{ es("instance_kind", k) }}</span>{% else %}ninguno{% endfor %}.
{% if f.has_subcomision %}Subcomisión de Concertación: {% if f.subcomision_missing_parties %}no tripartita (sin {{ f.subcomision_missing_parties|join(", ") }}){% else %}tripartita{% endif %}.{% endif %}</p>
{% if f.instances %}<table><thead><tr><th>Instancia</th><th>Tipo</th><th>Ámbito</th><th>Estado</th><th>Creada</th><th>Composición</th><th>Miembros (rol)</th></tr></thead><tbody>
{% for i in f.instances %}<tr><td>{{ i.name }} <span class="muted">{{ i.id }}</span></td><td>{{ i.kind_es }}</td><td>{{ i.scope }}</td><td>{{ i.status }}</td><td>{{ i.created }}</td>
<td>{% for s, n in i.composition.items() %}{{ s }}: {{ n }}{% if not loop.last %}, {% endif %}{% else %}sin miembros{% endfor %}{% if i.national %}<br><span class="muted">{{ i.total_members }} miembros en total</span>{% endif %}{% for s in i.missing_sectors %} <span class="tag bad">sin {{ es("sector", s)|lower }}</span>{% endfor %}</td>
<td>{% for m in i.members %}{{ m.name }}{% if m.role %} ({{ m.role|lower }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>No hay instancias registradas.</p>{% endif %}
</section>

<section id="instrumentos"><h2>Instrumentos de política pública y su estado</h2>
{% if f.missing_instrument_kinds %}<p>Faltan a nivel departamental: {% for k in f.missing_instrument_kinds %}<span class="tag bad">{{ es("instrument_kind", k) }}</span>{% endfor %}</p>{% endif %}
{% if f.instruments %}<table><thead><tr><th>Instrumento</th><th>Tipo</th><th>Territorio</th><th>Estado</th><th>Acto</th><th>Fecha</th><th>Lidera</th></tr></thead><tbody>
{% for i in f.instruments %}<tr><td>{{ i.name }} <span class="muted">{{ i.id }}</span>{% for x in i.flags %} <span class="tag bad">{{ x }}</span>{% endfor %}</td><td>{{ i.kind_es }}</td><td>{{ i.territory }}</td><td>{{ i.status_es }}</td><td>{{ i.act }}</td><td>{{ i.date }}</td><td>{{ i.leader }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>No hay instrumentos registrados.</p>{% endif %}
</section>

<section id="programas"><h2>Programas nacionales: cómo llegó cada uno</h2>
<table><thead><tr><th>Programa</th><th>Entidad</th><th>Estado</th><th>Cómo llegó (fecha: paso)</th></tr></thead><tbody>
{% for p in f.programmes %}<tr><td>{{ p.name }} <span class="muted">{{ p.id }}</span></td><td>{{ p.owner }}</td><td><span class="tag {{ 'bad' if p.state == 'ninguno' else 'ok' }}">{{ p.state_es }}</span></td><td>{% for s in p.via %}{{ s }}{% if not loop.last %}<br>{% endif %}{% else %}—{% endfor %}</td></tr>{% else %}<tr><td colspan="4">No hay programas nacionales en el grafo.</td></tr>{% endfor %}
</tbody></table>
</section>

<section id="acuerdos"><h2>Acuerdos</h2>
{% if f.agreements %}<table><thead><tr><th>Acuerdo</th><th>Tema</th><th>Ámbito</th><th>Firma</th><th>Estado</th><th>Firmantes (sector, rol)</th></tr></thead><tbody>
{% for a in f.agreements %}<tr><td>{{ a.name }} <span class="muted">{{ a.id }}</span></td><td>{{ a.theme }}</td><td>{{ a.scope }}</td><td>{{ a.signed }}</td><td>{{ a.status_es }}</td><td>{% for m in a.signatories %}{{ m.name }} ({{ m.sector_es|lower }}{% if m.role %}, {{ m.role }}{% endif %}){% if not loop.last %}; {% endif %}{% endfor %}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>No hay acuerdos registrados.</p>{% endif %}
</section>

<section id="brechas"><h2>Brechas de articulación</h2>
<p>Índice de brechas <b>{{ num(f.gap_score) }}</b> de 100 (puesto {{ f.gap_rank }} de {{ f.departments_ranked }}); completitud de la cuádruple hélice {{ num(100 * f.helix_completeness) }} %.</p>
<table><thead><tr><th>Familia</th><th class="n">Puntos del índice</th><th>Brechas</th></tr></thead><tbody>
{% for grp in f.gap_groups %}<tr><td>{{ grp.title }}</td><td class="n">{{ num(grp.points) }}</td><td>{% if grp.messages %}<ul class="gaps">{% for m in grp.messages[:max_gaps] %}<li>{{ m }}</li>{% endfor %}{% if grp.messages|length > max_gaps %}<li class="muted">y {{ grp.messages|length - max_gaps }} más (pat-graph gaps --departamento {{ f.department_code }})</li>{% endif %}</ul>{% else %}ninguna{% endif %}</td></tr>{% endfor %}
</tbody></table>
<div class="figure">{{ sector_chart }}</div>
</section>

<section id="puentes"><h2>Actores puente y puntos frágiles</h2>
<p>Red de actores: {{ f.network_actors }} actores y {{ f.network_ties }} vínculos (compartir instancia activa o acuerdo firmado).</p>
{% if f.brokers %}<table><thead><tr><th>Actor</th><th>Sector</th><th>Tipo</th><th class="n">Vínculos</th><th class="n">Intermediación</th><th>Punto de articulación</th></tr></thead><tbody>
{% for b in f.brokers %}<tr><td>{{ b.name }}</td><td>{{ b.sector_es }}</td><td>{{ kind_es(b.kind) }}</td><td class="n">{{ b.degree }}</td><td class="n">{{ "%.3f"|format(b.betweenness) }}</td><td>{{ "sí" if b.articulation_point else "no" }}</td></tr>{% endfor %}
</tbody></table>{% if f.brokers_sampled %}<p class="muted">Intermediación estimada con una muestra de pivotes (red grande).</p>{% endif %}{% else %}<p>Ningún actor hace de puente.</p>{% endif %}
<ul class="gaps">
<li><b>Si sale, la red se parte:</b> {{ f.articulation_points|join("; ") if f.articulation_points else "ninguno" }}</li>
<li><b>Vínculos entre sectores que dependen de un solo actor:</b> {{ f.single_broker_pairs|join("; ") if f.single_broker_pairs else "ninguno" }}</li>
<li><b>Actores aislados:</b> {% if f.isolated %}{{ f.isolated[:max_gaps]|join("; ") }}{% if f.isolated|length > max_gaps %} y {{ f.isolated|length - max_gaps }} más{% endif %}{% else %}ninguno{% endif %}</li>
</ul>
</section>

<section id="recomendaciones"><h2>Acuerdos recomendados</h2>
{% if f.recommendations %}<table><thead><tr><th>#</th><th>Actores</th><th>Sectores</th><th class="n">Puntaje</th><th>Por qué</th></tr></thead><tbody>
{% for r in f.recommendations %}<tr><td>{{ loop.index }}</td><td>{{ r.names|join(" + ") }}</td><td>{{ r.sectors|join(" + ") }}</td><td class="n">{{ "%.3f"|format(r.score) }}</td><td>{{ r.reasons }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="note">{{ f.recommendations_note }}</p>{% endif %}
</section>

<section id="red"><h2>Red de actores</h2>
<div class="figure">{{ network_svg }}</div>
<p class="legend">{% for s, c in sector_legend %}<span><i class="dot" style="background: {{ c }}"></i>{{ s }}</span>{% endfor %}<span>— línea roja discontinua: acuerdo recomendado</span></p>
<p class="muted">Los actores con más vínculos (hasta 30); con nombre, los principales actores puente. Red interactiva completa: pat-graph viz --departamento {{ f.department_code }} -o red.html</p>
</section>

<section id="fuentes"><h2>Fuentes de los datos</h2>
<table><thead><tr><th>Archivo</th><th class="n">Registros (nodos)</th><th class="n">Relaciones</th><th>Última carga</th></tr></thead><tbody>
{% for s in f.sources %}<tr><td>{{ s.source }}</td><td class="n">{{ s.nodes }}</td><td class="n">{{ s.edges }}</td><td>{{ s.loaded_at }}</td></tr>{% endfor %}
</tbody></table>
{% if f.loads %}<h3>Cargas del almacén</h3><table><thead><tr><th>Fecha de carga</th><th>Archivos</th><th class="n">Nodos</th><th class="n">Relaciones</th></tr></thead><tbody>
{% for ld in f.loads %}<tr><td>{{ ld.loaded_at }}</td><td>{{ (ld.sources or [])|join(", ") }}</td><td class="n">{{ ld.nodes }}</td><td class="n">{{ ld.edges }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>
<footer>Generado por pat-graph {{ version }}. Definiciones de las brechas y del índice: docs/analytics.md. Los datos de ejemplo marcados «(ejemplo)» o «(demo)» son sintéticos.</footer>
</body></html>
"""

INDEX = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Fichas diagnóstico departamentales · índice nacional</title>
<style>{{ css }}</style></head>
<body>
<header>
<p class="sub">Programa Nacional de Asistencia Técnica Territorial (PAT) · Ministerio del Trabajo</p>
<h1>Fichas diagnóstico departamentales</h1>
<p class="sub"><b>Fecha de corte:</b> {% if as_of %}{{ as_of }}{% else %}estado actual ({{ effective_date }}){% endif %} · generado el {{ generated }} · {{ rows|length }} departamentos</p>
</header>
<section><h2>Ranking nacional del índice de brechas</h2>
<p>0 = sin brechas, 100 = todo falta; puesto 1 = el departamento con más brechas.</p>
<table><thead><tr><th class="n">Puesto</th><th>Código</th><th>Departamento</th><th class="n">Índice</th><th>Principales brechas</th></tr></thead><tbody>
{% for r in rows %}<tr><td class="n">{{ r.rank }}</td><td>{{ r.code }}</td><td><a href="{{ r.file }}">{{ r.name }}</a></td><td class="n">{{ num(r.score) }}</td><td>{{ r.explanation }}</td></tr>{% endfor %}
</tbody></table>
</section>
<section><h2>Mapa del índice de brechas</h2><div class="figure"><img alt="Mapa de Colombia por índice de brechas" src="{{ map_uri }}" style="max-width: 620px; width: 100%"></div></section>
<section><h2>Índice por departamento</h2><div class="figure">{{ ranking_chart }}</div></section>
<footer>Generado por pat-graph {{ version }}. Cada departamento tiene su ficha en esta carpeta.</footer>
</body></html>
"""
