"""A seeded, reproducible, realistic national PAT dataset in the exchange format.

:func:`generate_demo` writes a folder of UTF-8 (with BOM, so Excel shows the
accents) comma-separated CSV files named and shaped exactly as
``docs/data-contract.md`` says: ``actores.csv``, ``instancias.csv``,
``participaciones.csv``, ``acuerdos.csv``, ``firmantes.csv``, ``programas.csv``,
``articulaciones.csv``, ``instrumentos.csv``, ``eventos.csv``,
``asistencias.csv``. Same seed and scale → byte-identical files.

    >>> import tempfile
    >>> summary = generate_demo(tempfile.mkdtemp(), seed=7, scale=0.2)
    >>> sorted(summary.files) == sorted(FILES)
    True
    >>> summary.files["programas.csv"]
    10

What is real and what is not
----------------------------
Actors built from the package's reference lists (``pat_graph/data/``, see
``SOURCES.md``), with the names exactly as written there:

- the 32 departmental governments (``Gobernación de Antioquia``; Bogotá, D.C.
  is governed by the ``Alcaldía Mayor de Bogotá, D.C.``, kind ``alcaldia``,
  nivel ``departamental``), the mayors' offices of the department capitals and
  of the 170 PDET municipalities (``Alcaldía de <municipio DIVIPOLA>``);
- the chambers of commerce, the cajas de compensación (official name, and NIT
  only where the sources agree), the active higher-education institutions of
  SNIES (principal campuses and seccionales, in their municipality; NIT on the
  principal only), the SENA regionals (``SENA Regional <departamento>``), the
  21 Ministry territorial directorates of the PARTIAL list (the other twelve
  departments have none: a realistic gap), and seven national entities (name,
  acronym, ``publico``/``nacional``/``entidad_nacional``; no NIT).

Everything else is synthetic and says so in its name: ``Empresa (demo) 7 —
Cali``, ``Asociación comunitaria (demo) 12 — Quibdó``, ``Sindicato (demo) 3 —
Neiva``, ``Gremio (demo) …``, ``Fundación (demo) …``, ``Agencia de cooperación
(demo) …``, ``Observatorio Regional del Mercado de Trabajo (demo) — <dpto>``,
agreements ``… (demo) …``, instruments ``… (demo) — <territorio>`` with example
administrative acts, events ``… (demo) …``. Programme names are generic.
All instances, participations, agreements, linkages, instruments and events
are invented records (dates 2019–2025).

Planted gaps (deterministic, independent of the seed)
-----------------------------------------------------
:data:`PLANTED_GAPS` maps a gap to the department codes where it is planted;
:data:`PLANTED_PROGRAM_GAPS` maps a gap to ``(programme id, department code)``
pairs. Exactly:

- ``sin_<tipo de instancia>``: no instance of that seed kind in the department
  (e.g. ``sin_subcomision_concertacion`` 88, 94, 97).
- ``subcomision_inactiva`` (81, 95): the Subcomisión exists, ``inactiva``, and
  every participation in it ended by 2022.
- ``subcomision_sin_sindicato`` (27, 86): the Subcomisión never had a union
  (``tipo=sindicato``) member: not tripartite.
- ``academia_privado_sin_vinculo`` (18, 44, 70): no instance, agreement or
  event of the department has both an ``academico`` and a ``privado`` actor,
  and the department's actors have no ties outside it.
- ``actor_puente_unico`` (99): the department's actor network (co-participation,
  co-signature, co-attendance among its actors) has exactly one articulation
  point, the Gobernación del Vichada, also today (open participations, active
  instances): community organisations, NGOs and cooperation agencies sit only
  in ``otro_espacio`` instances and meet the other actors only through it; the
  seed instances hold everybody else. Its actors have no ties outside it.
- ``actores_aislados`` (19, 27, 52): three synthetic actors each with no tie
  at all (:attr:`DemoSummary.isolated_actors`); every other actor has an open
  participation in an active instance.

Outside the planted gaps every active seed instance has, among its current
members, the sectors ``pat_graph.analytics`` expects of its kind, and every
Subcomisión has a union and a gremio (the split departments lack, by design,
academia or private members in some instances).
- ``sin_politica_publica_trabajo_decente`` (94, 97, 99): no such instrument,
  departmental or municipal.
- ``instrumentos_estancados`` (23, 47, 54): the departmental decent-work
  policy and employment plan are in ``diagnostico``/``formulacion`` dated
  2019–2020. Nowhere else is an instrument in those states dated before 2023.
- ``politica_sin_financiacion`` (20, 41): the departmental decent-work policy
  is adopted (``adoptado``/``implementacion``) and the department has no
  ``fuente_financiacion`` at all. Everywhere else an adopted departmental
  (or municipal) policy has a funding source at the same level.
- programme pairs: ``programa_no_llega`` (no linkage at all),
  ``socializado_sin_implementar`` (only ``socializacion``),
  ``implementado_sin_retroalimentacion`` (``socializacion`` and
  ``implementacion`` only). Every other (programme, department) pair has all
  three kinds.

Planted property: agreements grow out of ties (generated, seeded)
-----------------------------------------------------------------
The PAT theory of change, and field experience, say that alliances form between
actors who already meet: in the same participation spaces (subcomisiones,
redes, mesas) and at the same events. The demo carries that structure: a share
:data:`AGREEMENTS_FROM_SHARED_TIES` (0.7) of the agreements is drawn from one
shared space of the department, the members of one instance on one day (their
participation periods cover it) or the attendees of one event, with two to four
of them as signers; that day lies two months to three years before the signing
date (the signing dates themselves stay spread over 2019–2025). The other
agreements draw their signers at random within the department (with the
cross-sector mix, and occasionally a national entity). Ties come first,
agreements later, so the data carry a time-ordered signal. The share is a
generated property, not a measured fact about Colombia; the planted gaps above
still hold, because the signers of a tie-based agreement come from one space,
which already respects them. Counting every dated agreement whose signers all
shared an instance (on one day) or an event before its signing date gives about
0.76 at the default seed and scale (with the share set to 0 it is about 0.17:
random signers of a department often happen to share a space).

``scale`` multiplies the synthetic actors, and with them participations,
agreements, linkages, municipal instruments and events; the real institutions
stay as they are.
"""

from __future__ import annotations

from pat_graph.demo.actors import NATIONAL_ENTITIES
from pat_graph.demo.agreements import AGREEMENTS_FROM_SHARED_TIES
from pat_graph.demo.generate import DEFAULT_SEED, DemoSummary, generate_demo
from pat_graph.demo.planted import PLANTED_GAPS, PLANTED_PROGRAM_GAPS
from pat_graph.demo.programmes import PROGRAMS
from pat_graph.demo.writer import COLUMNS, FILES

__all__ = ["AGREEMENTS_FROM_SHARED_TIES", "COLUMNS", "DEFAULT_SEED", "DemoSummary", "FILES", "NATIONAL_ENTITIES",
           "PLANTED_GAPS", "PLANTED_PROGRAM_GAPS", "PROGRAMS", "generate_demo"]
