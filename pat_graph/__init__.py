"""pat-graph: knowledge graph of the actors and alliances behind decent-work policy
in Colombia's territories (Programa Nacional de Asistencia Técnica Territorial, PAT).

The public API lives in the sub-modules: :mod:`pat_graph.model` (vocabulary),
:mod:`pat_graph.ingest` (loading files), :mod:`pat_graph.store` (embedded SQLite
and Neo4j stores), :mod:`pat_graph.analytics` (gaps and linkages),
:mod:`pat_graph.viz` (interactive networks).
"""

from pat_graph.errors import PatGraphError

__version__ = "0.1.0"
__all__ = ["PatGraphError", "__version__"]
