"""Jinja2 templates of the ficha and of the index page (Spanish, print-friendly).

Kept as Python strings so they ship with the package without extra data files.
Rendered with ``autoescape=True``: every data text is escaped; only the inline
SVG produced by :mod:`pat_graph.report.sketch` is passed through as markup.
"""

CSS = """
@page { size: A4; margin: 16mm 12mm 13mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 9pt; color: #1d1d1d;
       max-width: 1000px; margin: 0 auto; padding: 12px 18px; line-height: 1.3; }
header { border-bottom: 3px solid #0072B2; margin-bottom: 6px; }
h1 { font-size: 16pt; margin: 2px 0; } h2 { font-size: 11.5pt; margin: 10px 0 4px;
  color: #0b4f7c; border-bottom: 1px solid #c9d6e2; break-after: avoid; }
h3 { font-size: 10pt; margin: 8px 0 3px; break-after: avoid; }
.sub { color: #555; margin: 1px 0; } .muted, .code { color: #777; font-size: 8pt; }
.code { white-space: nowrap; font-weight: normal; }  /* an id (A-00369) never breaks */
.kpis { display: grid; grid-template-columns: repeat(4, 1fr); gap: 5px; margin: 4px 0; }
.kpi { border: 1px solid #c9d6e2; border-radius: 5px; padding: 4px 7px; break-inside: avoid; }
.kpi b { display: block; font-size: 13pt; } .kpi b.sm { font-size: 11pt; }
.stale { color: #b3261e; } table.registros td.n { white-space: nowrap; }
.score { background: #fff4e5; border-color: #e69f00; }
.row { display: grid; grid-template-columns: 52mm 1fr; gap: 8px; align-items: start; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; align-items: start; }
svg.mapa { width: 52mm; height: auto; } svg.barras { width: 100%; max-width: 330px; }
table { border-collapse: collapse; width: 100%; margin: 3px 0 6px; font-size: 8.4pt; }
th, td { border: 1px solid #d5dde5; padding: 2px 4px; text-align: left; vertical-align: top; }
th { background: #eef3f8; } thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; } td.n, th.n { text-align: right; white-space: nowrap; }
/* the annexes' long tables: fixed column widths (colgroup), rows break between pages */
table.fixed { table-layout: fixed; } table.fixed td { overflow-wrap: break-word; }
td.d { white-space: nowrap; }  /* a date (DD/MM/AAAA) never breaks */
tr.head { break-after: avoid; page-break-after: avoid; }
tr.miembros td { border-top: none; padding: 1px 4px 3px 12px; font-size: 7.8pt; }
tr.miembros + tr.miembros td { padding-top: 0; }
tr.head td { border-bottom: none; }
tbody.inst tr.miembros:not(:last-child) td { border-bottom: none; }
tbody.prog tr + tr td { border-top: none; padding-top: 0; } tbody.prog tr:not(:last-child) td { border-bottom: none; }
td.c { text-align: center; } table.compact { font-size: 7.8pt; } table.propuestas { font-size: 7.2pt; }
table.compact td, table.compact th { padding: 1px 4px; }
.bar { display: inline-block; height: 9px; vertical-align: middle; border-radius: 2px; background: #e69f00; }
.tag { display: inline-block; border-radius: 3px; padding: 0 4px; font-size: 8pt;
       background: #eee; margin: 1px 2px 1px 0; }
.tag.bad { background: #fde0dc; color: #8a1c0f; } .tag.ok { background: #dff3e9; color: #0b5a36; }
.cols { columns: 3; column-gap: 14px; font-size: 8.4pt; } .cols div { break-inside: avoid; }
ul.gaps, ol.acciones { margin: 2px 0 6px 16px; padding: 0; } ul.gaps li, ol.acciones li { margin: 1px 0; }
.figure { break-inside: avoid; margin: 4px 0; } .figure svg { max-width: 100%; height: auto; }
svg.red { border: 1px solid #ddd; background: #fcfcfc; width: 100%; max-width: 640px; }
.legend span { margin-right: 10px; font-size: 8pt; white-space: nowrap; }
.dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%;
       vertical-align: middle; margin-right: 3px; }
.note { background: #f4f4f4; border-left: 4px solid #999; padding: 4px 8px; }
.annex { break-before: page; }
.annex-title { font-size: 14pt; color: #0b4f7c; margin: 0 0 4px; }
footer { margin-top: 10px; border-top: 1px solid #ccc; padding-top: 4px; color: #666;
         font-size: 7.5pt; }
a { color: #0b4f7c; }
@media print {
  body { padding: 0; max-width: none; }
  a { color: inherit; text-decoration: none; }
  /* the summary is two fixed A4 sheets: its content is bounded, never a third page */
  .sheet { height: 264mm; overflow: hidden; }
  .sheet + .sheet { break-before: page; }
}
"""

#: ``@page`` margin boxes: department and cut-off date on top, page numbers below.
PAGE_CSS = """
@page { @top-left { content: {{ page_header }}; font-size: 7.5pt; color: #555;
                    font-family: "DejaVu Sans", Arial, sans-serif; }
        @bottom-right { content: "Página " counter(page) " de " counter(pages);
                        font-size: 7.5pt; color: #555;
                        font-family: "DejaVu Sans", Arial, sans-serif; }
        @bottom-left { content: "PAT · Ministerio del Trabajo"; font-size: 7.5pt; color: #999;
                       font-family: "DejaVu Sans", Arial, sans-serif; } }
"""

FICHA = """<!DOCTYPE html>
<html lang="es"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Ficha diagnóstico departamental: {{ f.department_name }} ({{ f.department_code }})</title>
<style>{{ css }}{{ page_css }}</style></head>
<body>
{% set corte = fecha(f.as_of) if f.as_of else fecha(f.effective_date) ~ " (estado actual)" %}
<div class="sheet" id="resumen">
<header>
<p class="sub">Programa Nacional de Asistencia Técnica Territorial (PAT) · Ministerio del Trabajo</p>
<h1>Ficha diagnóstico departamental: {{ f.department_name }} <span class="code">{{ f.department_code }}</span></h1>
<p class="sub"><b>Fecha de corte:</b> {{ corte }} · generada el {{ fecha(generated) }}{% if f.territory.capital %} · capital: {{ f.territory.capital }}{% endif %}</p>
</header>
<div class="row">
<div class="figure">{{ locator }}</div>
<div>
<div class="kpis">
{% if f.gap_score is not none %}<div class="kpi score">Índice de brechas<b>{{ indice(f.gap_score) }} / 100</b>{{ f.gap_position }}</div>
{% elif f.has_records %}<div class="kpi score">Índice de brechas<b class="sm">Sin índice</b>fuera del ranking: ninguna familia del índice tiene registros</div>
{% else %}<div class="kpi score">Índice de brechas<b class="sm">Sin registros</b>fuera del ranking: sin índice ni puesto</div>{% endif %}
<div class="kpi">Promedio nacional<b>{{ indice(f.national_mean) }}</b>de {{ entero(f.departments_ranked) }} departamentos con registros</div>
<div class="kpi">Municipios<b>{{ entero(f.territory.municipalities|length) }}</b>{{ entero(f.territory.pdet|length) }} PDET</div>
{% set joined = "sectores" not in f.unrecorded %}
{% if f.record_count("actors") %}<div class="kpi">Actores<b>{{ entero(f.actors|length) }}</b>{% if joined or f.outside_actors %}{{ entero(f.outside_actors|length) }} de fuera {{ "participa" if f.outside_actors|length == 1 else "participan" }}{% else %}sin registros de participación{% endif %}</div>
{% else %}<div class="kpi">Actores<b class="sm">Sin registros</b>{% if f.outside_actors %}{{ entero(f.outside_actors|length) }} de fuera {{ "participa" if f.outside_actors|length == 1 else "participan" }}{% else %}de actores del departamento{% endif %}</div>{% endif %}
{% set nat = f.national_instances|length %}{% set nat_text = "participa en " ~ plural(nat, "red nacional", "redes nacionales") if nat else "" %}
{% if f.record_count("instances") %}<div class="kpi">Instancias<b>{{ entero(f.record_count("instances")) }}</b>{{ f.active_instance_kinds|select("in", seed_kinds)|list|length }} de 5 tipos activos{% if nat %}; {{ nat_text }}{% endif %}</div>
{% else %}<div class="kpi">Instancias<b class="sm">Sin registros</b>{{ nat_text or "de instancias del departamento" }}</div>{% endif %}
{% if f.record_count("instruments") %}<div class="kpi">Instrumentos<b>{{ entero(f.instruments|length) }}</b>{{ 5 - f.missing_instrument_kinds|length }} de 5 tipos departamentales</div>
{% else %}<div class="kpi">Instrumentos<b class="sm">Sin registros</b>de instrumentos de política</div>{% endif %}
{% set ev_text = plural(f.events|length, "evento", "eventos") if f.record_count("events") else "" %}
{% if f.record_count("agreements") %}<div class="kpi">Acuerdos<b>{{ entero(f.agreements|length) }}</b>{{ ev_text or "sin registros de eventos" }}</div>
{% else %}<div class="kpi">Acuerdos<b class="sm">Sin registros</b>{{ "de acuerdos; " ~ ev_text if ev_text else "de acuerdos ni de eventos" }}</div>{% endif %}
{% if "programas" in f.unrecorded %}<div class="kpi">Programas nacionales<b class="sm">Sin registros</b>de articulación</div>
{% else %}<div class="kpi">Programas nacionales<b>{{ f.programmes|selectattr("state", "ne", "ninguno")|list|length }} de {{ f.programmes|length }}</b>han llegado</div>{% endif %}
</div>
</div></div>
{% if f.has_records %}<table class="compact registros"><thead><tr><th>Registros en el almacén</th>{% for r in f.coverage %}<th class="n">{{ r.label|capitalize }}</th>{% endfor %}</tr></thead><tbody>
<tr><td>Número</td>{% for r in f.coverage %}<td class="n">{% if r.count %}{{ entero(r.count) }}{% else %}<span class="muted">sin registros</span>{% endif %}</td>{% endfor %}</tr>
<tr><td>Primero</td>{% for r in f.coverage %}<td class="n">{{ fecha(r.first) if r.first else "—" }}</td>{% endfor %}</tr>
<tr><td>Último</td>{% for r in f.coverage %}<td class="n">{% if r.stale %}<span class="stale" title="desactualizado">{{ fecha(r.last) }} *</span>{% else %}{{ fecha(r.last) if r.last else "—" }}{% endif %}</td>{% endfor %}</tr>
</tbody></table>
<p class="muted">{% if f.families_without_records %}<b>Sin registros de:</b> {{ f.families_without_records|join(", ") }}. Que no haya registros no significa que falten: esas familias no reportan brechas ni puntúan, y el índice se calcula sobre las demás. {% endif %}{% if f.coverage|selectattr("stale")|list %}<span class="stale">*</span> <b>Desactualizado:</b> último registro de hace más de {{ f.stale_months }} meses{% if f.stale_families %} (familias del índice: {{ f.stale_families|join(", ") }}){% endif %}. {% endif %}{% if f.first_record %}Registros del {{ fecha(f.first_record) }} al {{ fecha(f.last_record) }}.{% else %}Registros sin fecha.{% endif %}</p>
{% else %}<p class="note"><b>Sin registros en el almacén.</b> El almacén no tiene ningún registro de {{ f.department_name }}: ni actores, ni instancias, ni instrumentos, ni acuerdos, ni eventos, ni articulaciones con programas nacionales. Por eso esta ficha no calcula índice de brechas ni puesto, y no reporta brechas: que no haya registros no significa que falten las instancias o los instrumentos. Para diagnosticar el departamento, cargue sus datos (pat-graph load).</p>{% endif %}

<div class="two">
<div><h2>Actores por sector</h2><div class="figure">{{ sector_bars }}</div></div>
<div><h2>Índice de brechas por familia</h2>
<table><thead><tr><th>Familia</th><th class="n">Puntos</th><th></th></tr></thead><tbody>
{% for grp in f.gap_groups %}<tr><td>{{ grp.title }}{% if grp.stale %} <span class="stale" title="desactualizado">*</span>{% endif %}</td>{% if grp.recorded %}<td class="n">{{ puntos(grp.points) }}</td><td><span class="bar" style="width: {{ [1.2 * grp.points, 120]|min|round(0) }}px"></span></td>{% else %}<td colspan="2" class="muted">sin registros: no puntúa</td>{% endif %}</tr>{% endfor %}
</tbody></table>
<p class="muted">Puntaje de 0 (sin brechas) a 100 (todo falta), sobre las familias con registros{% if f.gap_score is not none %}; puesto 1 = más brechas{% endif %}{% if f.stale_families %}; <span class="stale">*</span> desactualizada{% endif %}.</p></div>
</div>

<h2>{% if f.top_gaps|length > 1 %}Las {{ f.top_gaps|length }} brechas que más pesan{% else %}Las brechas que más pesan{% endif %}</h2>
{% if f.top_gaps %}<table><thead><tr><th>Familia</th><th>Brecha</th><th>Qué significa</th></tr></thead><tbody>
{% for t in f.top_gaps %}<tr><td>{{ t.family_title }}</td><td>{{ t.message|ids }}</td><td>{{ t.meaning }}</td></tr>{% endfor %}
</tbody></table>{% elif not f.has_records %}<p>No se reportan brechas: el departamento no tiene registros.</p>{% elif f.gap_score is none %}<p>No se reportan brechas: ninguna familia del índice tiene registros del departamento.</p>{% else %}<p>No se encontraron brechas.</p>{% endif %}
{% if f.gap_explanation and f.gap_score is not none %}<p class="muted"><b>Por qué este puntaje:</b> {{ (f.gap_explanation|whole(300) ~ ".")|ids }}</p>{% endif %}
</div>

<div class="sheet">
<div class="two">
<div><h2>Instancias (cinco tipos)</h2>
{% if "instancias" in f.unrecorded %}<p class="note">Sin registros de instancias del departamento: no se sabe cuáles tiene, y no se reportan como faltantes.</p>
{% else %}<table class="compact"><tbody>{% for k in f.instance_states %}<tr><td>{{ k.label }}</td><td><span class="tag {{ 'ok' if k.present else 'bad' }}">{{ "Activa" if k.present else "Falta" }}</span></td><td class="muted">{{ k.detail }}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% if f.has_subcomision %}<p class="muted">Subcomisión de Concertación: {% if f.subcomision_missing_parties %}no tripartita (sin {{ f.subcomision_missing_parties|join(", ") }}){% else %}tripartita{% endif %}.</p>{% endif %}
</div>
<div><h2>Instrumentos (cinco tipos)</h2>
{% if "instrumentos" in f.unrecorded %}<p class="note">Sin registros de instrumentos de política del departamento: no se reportan como faltantes.</p>
{% else %}<table class="compact"><tbody>{% for k in f.instrument_states %}<tr><td>{{ k.label }}</td><td><span class="tag {{ 'ok' if k.present else 'bad' }}">{{ "Existe" if k.present else "Falta" }}</span></td><td class="muted">{{ k.detail|whole(48) }}</td></tr>{% endfor %}</tbody></table>{% endif %}
</div></div>

<h2>Circuito Nación–Territorio de los programas</h2>
{% if "programas" in f.unrecorded %}<p class="note">Sin registros de articulación Nación–Territorio en el departamento (socializaciones, implementaciones, retroalimentación): no se reporta qué programas faltan{% if f.programmes %}; hay {{ entero(f.programmes|length) }} programas nacionales en el almacén{% endif %}.</p>
{% elif f.programmes %}<table class="compact"><thead><tr><th>Programa</th><th>Entidad</th><th class="c">Socializado</th><th class="c">Implementado</th><th class="c">Retroalimentado</th></tr></thead><tbody>
{% for p in f.programmes[:max_programmes] %}{% set lv = loop_levels.get(p.state, 0) %}<tr><td>{{ p.name|truncate(46) }}</td><td{% if p.owner_short() != p.owner %} title="{{ p.owner }}"{% endif %}>{{ p.owner_short() }}</td><td class="c">{{ "✓" if lv >= 1 else "—" }}</td><td class="c">{{ "✓" if lv >= 2 else "—" }}</td><td class="c">{{ "✓" if lv >= 3 else "—" }}</td></tr>{% endfor %}
</tbody></table>{% if f.programmes|length > max_programmes %}<p class="muted">y {{ f.programmes|length - max_programmes }} programas más en el anexo E.</p>{% endif %}
{% else %}<p>No hay programas nacionales registrados.</p>{% endif %}

<h2>Acuerdos propuestos</h2>
{% if f.recommendations %}<table class="compact propuestas"><thead><tr><th>#</th><th>Actores</th><th>Sectores</th><th>Por qué</th></tr></thead><tbody>
{% for r in f.recommendations[:5] %}<tr><td>{{ loop.index }}</td><td>{{ r.names|join(" + ") }}</td><td>{{ r.sectors|join(" + ") }}</td><td>{{ r.reasons|whole(150)|ids }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p class="note">{{ f.recommendations_note }}</p>{% endif %}

<h2>Qué hacer</h2>
{% if f.actions %}<ol class="acciones">{% for a in f.actions %}<li>{{ a|ids }}</li>{% endfor %}</ol>{% elif not f.has_records %}<ol class="acciones"><li>Recoger y cargar los registros del departamento (actores, instancias, instrumentos, acuerdos, eventos) con la Dirección Territorial.</li><li>Generar de nuevo esta ficha para obtener su índice y sus brechas.</li></ol>{% elif f.gap_score is none %}<ol class="acciones"><li>Recoger y cargar con la Dirección Territorial los registros que faltan del departamento ({{ f.coverage|rejectattr("count")|map(attribute="label")|join(", ") }}).</li><li>Generar de nuevo esta ficha para obtener su índice y sus brechas.</li></ol>{% else %}<p>Mantener la articulación actual; no hay brechas que atender.</p>{% endif %}
<p class="muted">Detalle en los anexos{% if not annexes %} (ficha completa en HTML){% endif %}: actores, miembros de las instancias, instrumentos, acuerdos, eventos, todas las brechas, red y fuentes.</p>
</div>
{% if annexes %}
<section class="annex" id="anexos"><p class="annex-title">Anexos</p>
<h2>A. Territorio</h2>
<p>{{ entero(f.territory.municipalities|length) }} municipios (DIVIPOLA), de ellos {{ entero(f.territory.pdet|length) }} PDET{% if f.territory.pdet_subregions %} (subregiones: {{ f.territory.pdet_subregions|join(", ") }}){% endif %}.</p>
{% if f.territory.municipalities %}<div class="cols">{% for m in f.territory.municipalities %}<div>{{ m.name }} <span class="code">{{ m.code }}</span>{% if m.is_pdet %} <span class="tag ok">PDET</span>{% endif %}</div>{% endfor %}</div>{% endif %}

<h2>B. Actores ubicados en el departamento ({{ entero(f.actors|length) }})</h2>
<p>{% for k, n in f.actors_by_kind.items() %}<span class="tag">{{ k }}: {{ entero(n) }}</span>{% endfor %}</p>
{% if f.actors %}<table><thead><tr><th>Nombre</th><th>Sector</th><th>Tipo</th><th>Nivel</th><th>Municipio</th></tr></thead><tbody>
{% for a in f.actors %}<tr><td>{{ a.name }} <span class="code">{{ a.id }}</span></td><td>{{ a.sector_es }}</td><td>{{ a.kind_es }}</td><td>{{ a.level_es }}</td><td>{{ a.place }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>Sin actores registrados en el departamento.</p>{% endif %}
{% if f.outside_actors %}<p><b>Actores de fuera del departamento en sus instancias y acuerdos:</b> {% for a in f.outside_actors %}{{ a.name }} ({{ a.sector_es }}){% if not loop.last %}; {% endif %}{% endfor %}.</p>{% endif %}

<h2>C. Instancias y sus miembros</h2>
{% if f.instances %}<table class="fixed instancias"><colgroup><col style="width: 27%"><col style="width: 14%"><col style="width: 15%"><col style="width: 8%"><col style="width: 10%"><col style="width: 26%"></colgroup>
<thead><tr><th>Instancia</th><th>Tipo</th><th>Ámbito</th><th>Estado</th><th>Creada</th><th>Composición</th></tr></thead>
{% for i in f.instances %}<tbody class="inst"><tr class="head"><td>{{ i.name }} <span class="code">{{ i.id }}</span></td><td>{{ i.kind_es }}</td><td>{{ i.scope }}</td><td>{{ i.status_es }}</td><td class="d">{{ fecha(i.created) }}</td>
<td>{% for s, n in i.composition.items() %}{{ s }}: {{ entero(n) }}{% if not loop.last %}, {% endif %}{% else %}sin miembros{% endfor %}{% if i.national %}<br><span class="muted">{{ entero(i.total_members) }} miembros en total</span>{% endif %}{% for s in i.missing_sectors %} <span class="tag bad">sin {{ es("sector", s)|lower }}</span>{% endfor %}</td></tr>
{% for part in i.members|batch(member_rows) %}<tr class="miembros"><td colspan="6">{% if loop.first %}<b>Miembros (rol):</b> {% endif %}{% for m in part %}{{ m.name }}{% if m.role %} ({{ m.role_es|lower }}){% endif %}{% if not loop.last %}; {% endif %}{% endfor %}{% if not loop.last %};{% endif %}</td></tr>{% endfor %}</tbody>{% endfor %}
</table>{% else %}<p>Sin registros de instancias del departamento.</p>{% endif %}

<h2>D. Instrumentos de política pública</h2>
{% if f.instruments %}<table><thead><tr><th>Instrumento</th><th>Tipo</th><th>Territorio</th><th>Estado</th><th>Acto</th><th>Fecha</th><th>Lidera</th></tr></thead><tbody>
{% for i in f.instruments %}<tr><td>{{ i.name }} <span class="code">{{ i.id }}</span>{% for x in i.flags %} <span class="tag bad">{{ x }}</span>{% endfor %}</td><td>{{ i.kind_es }}</td><td>{{ i.territory }}</td><td>{{ i.status_es }}</td><td>{{ i.act }}</td><td>{{ fecha(i.date) }}</td><td>{{ i.leader }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>Sin registros de instrumentos de política del departamento.</p>{% endif %}

<h2>E. Programas nacionales: cómo llegó cada uno</h2>
{% if "programas" in f.unrecorded %}<p class="note">Sin registros de programas en el departamento (socializaciones, implementaciones, retroalimentación): no se reporta cuáles han llegado ni cuáles faltan.</p>
{% if f.programmes %}<table><thead><tr><th>Programa nacional en el almacén</th><th>Entidad</th></tr></thead><tbody>
{% for p in f.programmes %}<tr><td>{{ p.name }} <span class="code">{{ p.id }}</span></td><td>{{ p.owner }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
{% else %}<table class="fixed"><colgroup><col style="width: 25%"><col style="width: 20%"><col style="width: 15%"><col style="width: 40%"></colgroup><thead><tr><th>Programa</th><th>Entidad</th><th>Estado</th><th>Cómo llegó (fecha: paso)</th></tr></thead>
{% for p in f.programmes %}<tbody class="prog">{% for part in (p.via or ["—"])|batch(step_rows) %}<tr>{% if loop.first %}<td>{{ p.name }} <span class="code">{{ p.id }}</span></td><td>{{ p.owner }}</td><td><span class="tag {{ 'bad' if p.state == 'ninguno' else 'ok' }}">{{ p.state_es }}</span></td>{% else %}<td></td><td></td><td></td>{% endif %}<td>{{ part|join("<br>"|safe) }}</td></tr>{% endfor %}</tbody>{% else %}<tbody><tr><td colspan="4">No hay programas nacionales en el grafo.</td></tr></tbody>{% endfor %}
</table>{% endif %}

<h2>F. Acuerdos</h2>
{% if f.agreements %}<table class="fixed acuerdos"><colgroup><col style="width: 40%"><col style="width: 16%"><col style="width: 18%"><col style="width: 11%"><col style="width: 15%"></colgroup>
<thead><tr><th>Acuerdo</th><th>Tema</th><th>Ámbito</th><th>Firma</th><th>Estado</th></tr></thead>
{% for a in f.agreements %}<tbody class="inst"><tr class="head"><td>{{ a.name }} <span class="code">{{ a.id }}</span></td><td>{{ a.theme_es }}</td><td>{{ a.scope }}</td><td class="d">{{ fecha(a.signed) }}</td><td>{{ a.status_es }}</td></tr>
{% for part in a.signatories|batch(member_rows) %}<tr class="miembros"><td colspan="5">{% if loop.first %}<b>Firmantes (sector, rol):</b> {% endif %}{% for m in part %}{{ m.name }} ({{ m.sector_es|lower }}{% if m.role %}, {{ m.role_es|lower }}{% endif %}){% if not loop.last %}; {% endif %}{% endfor %}{% if not loop.last %};{% endif %}</td></tr>{% endfor %}</tbody>{% endfor %}
</table>{% else %}<p>Sin registros de acuerdos del departamento.</p>{% endif %}

<h2>G. Eventos</h2>
{% if f.events %}<table><thead><tr><th>Fecha</th><th>Evento</th><th>Tipo</th><th class="n">Asistentes</th><th>Programas presentados</th></tr></thead><tbody>
{% for e in f.events %}<tr><td>{{ fecha(e.date) }}</td><td>{{ e.name }} <span class="code">{{ e.id }}</span></td><td>{{ e.kind_es }}</td><td class="n">{{ entero(e.attendees) }}</td><td>{{ e.programmes|join("; ") }}</td></tr>{% endfor %}
</tbody></table>{% else %}<p>Sin registros de eventos del departamento.</p>{% endif %}

<h2>H. Todas las brechas</h2>
<p>{% if f.gap_score is not none %}Índice de brechas <b>{{ indice(f.gap_score) }}</b> de 100 ({{ f.gap_position }}){% elif f.has_records %}Sin índice de brechas: ninguna familia del índice tiene registros{% else %}Sin registros: sin índice de brechas{% endif %}; completitud de la cuádruple hélice: {% if not f.record_count("actors") %}sin registros de actores{% elif not joined %}sin registros de participación de sus actores en instancias o acuerdos{% else %}{{ pct(f.helix_completeness) }}{% endif %}.</p>
<table><thead><tr><th>Familia</th><th class="n">Puntos</th><th>Brechas</th></tr></thead><tbody>
{% for grp in f.gap_groups %}<tr><td>{{ grp.title }}</td><td class="n">{{ puntos(grp.points) if grp.recorded else "—" }}</td><td>{% if not grp.recorded %}sin registros: no se reportan brechas{% elif grp.messages %}<ul class="gaps">{% for m in grp.messages[:max_gaps] %}<li>{{ m|ids }}</li>{% endfor %}{% if grp.messages|length > max_gaps %}<li class="muted">y {{ entero(grp.messages|length - max_gaps) }} más (pat-graph gaps --departamento {{ f.department_code }})</li>{% endif %}</ul>{% else %}ninguna{% endif %}</td></tr>{% endfor %}
</tbody></table>
<h3>Vínculos entre sectores (peso: acuerdo firmado 2, instancia compartida 1)</h3>
{% if not f.record_count("actors") %}<p>Sin registros de actores.</p>{% elif not joined %}<p>Sin registros de participación en instancias o acuerdos.</p>{% else %}{{ sector_table }}{% endif %}

<h2>I. Actores puente y red</h2>
{% if not f.record_count("actors") and not f.network_actors %}<p>Sin registros de actores: no se reportan actores puente, puntos de articulación ni actores aislados.</p>
{% elif not joined or "fragilidad" in f.unrecorded %}<p>Sin registros de participación en instancias o acuerdos: no se sabe con quién trabajan {{ "el actor" if f.actors|length == 1 else "los " ~ entero(f.actors|length) ~ " actores" }} del departamento (anexo B), y no se reportan actores puente, puntos de articulación ni actores aislados: que no haya registros no significa que estén aislados.</p>
{% else %}<p>{{ network_text(f) }}</p>
{% if f.brokers %}<table><thead><tr><th>Actor</th><th>Sector</th><th>Tipo</th><th class="n">Vínculos</th><th class="n">Intermediación</th><th>Punto de articulación</th></tr></thead><tbody>
{% for b in f.brokers %}<tr><td>{{ b.name }} <span class="code">{{ b.id }}</span></td><td>{{ b.sector_es }}</td><td>{{ kind_es(b.kind) }}</td><td class="n">{{ entero(b.degree) }}</td><td class="n">{{ columna("betweenness", b.betweenness) }}</td><td>{{ "sí" if b.articulation_point else "no" }}</td></tr>{% endfor %}
</tbody></table>{% if f.brokers_sampled %}<p class="muted">Intermediación estimada con una muestra de pivotes (red grande).</p>{% endif %}{% else %}<p>Ningún actor hace de puente.</p>{% endif %}
<ul class="gaps">
<li><b>Puntos de articulación:</b> {% if f.articulation_points %}{% for a in f.articulation_points[:max_gaps] %}{{ a|ids }}{% if not loop.last %}; {% endif %}{% endfor %}{% if f.articulation_points|length > max_gaps %} y {{ f.articulation_points|length - max_gaps }} más{% endif %}{% else %}ninguno{% endif %}</li>
<li><b>Vínculos entre sectores que dependen de un solo actor:</b> {% for p in f.single_broker_pairs %}{{ p|ids }}{% if not loop.last %}; {% endif %}{% else %}ninguno{% endfor %}</li>
<li><b>Actores aislados:</b> {% if f.isolated %}{% for a in f.isolated[:max_gaps] %}{{ a|ids }}{% if not loop.last %}; {% endif %}{% endfor %}{% if f.isolated|length > max_gaps %} y {{ f.isolated|length - max_gaps }} más{% endif %}{% else %}ninguno{% endif %}</li>
</ul>
{% if f.network_actors %}<div class="figure">{{ network_svg }}</div>
<p class="legend">{% for s, c in sector_legend %}<span><i class="dot" style="background: {{ c }}"></i>{{ s }}</span>{% endfor %}<span>— línea roja discontinua: acuerdo propuesto</span></p>
<p class="muted">Los actores con más vínculos (hasta 30); con nombre, los principales actores puente. La red completa e interactiva está en el banco de trabajo (pat-graph serve), en la página de {{ f.department_name }}.</p>{% endif %}{% endif %}

<h2>J. Fuentes de los datos</h2>
<table><thead><tr><th>Archivo</th><th class="n">Registros (nodos)</th><th class="n">Relaciones</th><th>Última carga</th></tr></thead><tbody>
{% for s in f.sources %}<tr><td>{{ s.source }}</td><td class="n">{{ entero(s.nodes) }}</td><td class="n">{{ entero(s.edges) }}</td><td>{{ fecha(s.loaded_at) }}</td></tr>{% endfor %}
</tbody></table>
{% if f.loads %}<h3>Cargas del almacén</h3><table><thead><tr><th>Fecha de carga</th><th>Archivos</th><th class="n">Nodos</th><th class="n">Relaciones</th></tr></thead><tbody>
{% for ld in f.loads %}<tr><td>{{ fecha(ld.loaded_at) }}</td><td>{{ (ld.sources or [])|join(", ") }}</td><td class="n">{{ entero(ld.nodes) }}</td><td class="n">{{ entero(ld.edges) }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
</section>
<footer>Generado por pat-graph {{ version }}.{% if f.sample_markers %} Los datos marcados {% for m in f.sample_markers %}«{{ m }}»{% if not loop.last %} o {% endif %}{% endfor %} son sintéticos (de ejemplo).{% endif %}</footer>
{% endif %}
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
<p class="sub"><b>Fecha de corte:</b> {% if as_of %}{{ fecha(as_of) }}{% else %}{{ fecha(effective_date) }} (estado actual){% endif %} · generado el {{ fecha(generated) }} · {{ rows|length }} departamentos</p>
</header>
<section><h2>Ranking nacional del índice de brechas</h2>
<p>0 = sin brechas, 100 = todo falta; puesto 1 = el departamento con más brechas. {{ entero(ranked) }} departamentos con registros (promedio nacional {{ indice(national_mean) }}){% if rows|length > ranked %}; {{ entero(rows|length - ranked) }} sin registros, fuera del ranking (que no haya registros no significa que falte todo){% endif %}.</p>
<table><thead><tr><th class="n">Puesto</th><th>Código</th><th>Departamento</th><th class="n">Índice</th><th>Principales brechas</th></tr></thead><tbody>
{% for r in rows %}<tr><td class="n">{{ r.rank }}</td><td>{{ r.code }}</td><td><a href="{{ r.file }}">{{ r.name }}</a></td><td class="n">{{ indice(r.score) }}</td><td>{{ r.explanation }}</td></tr>{% endfor %}
</tbody></table>
</section>
<section><h2>Mapa del índice de brechas</h2><div class="figure"><img alt="Mapa de Colombia por índice de brechas" src="{{ map_uri }}" style="max-width: 620px; width: 100%"></div></section>
<section><h2>Índice por departamento</h2><div class="figure">{{ ranking_chart }}</div></section>
<footer>Generado por pat-graph {{ version }}. Cada departamento tiene su ficha en esta carpeta.</footer>
</body></html>
"""
