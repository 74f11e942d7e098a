"""The output: the ten exchange-format files, their columns, and how they are written
(UTF-8 with BOM, comma-separated, CRLF line ends)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from pat_graph.tables import write_csv

#: Output files and their columns, in the contract's order.
COLUMNS: dict[str, tuple[str, ...]] = {
    "actores.csv": ("id", "nombre", "sigla", "sector", "tipo", "nivel", "nit",
                    "departamento", "municipio"),
    "instancias.csv": ("id", "nombre", "tipo", "departamento", "municipio", "estado",
                       "fecha_creacion"),
    "participaciones.csv": ("actor", "instancia", "rol", "desde", "hasta"),
    "acuerdos.csv": ("id", "nombre", "tema", "departamento", "municipio", "fecha_firma",
                     "estado"),
    "firmantes.csv": ("acuerdo", "actor", "rol"),
    "programas.csv": ("id", "nombre", "entidad", "tema"),
    "articulaciones.csv": ("programa", "tipo", "departamento", "municipio", "actor", "evento",
                           "fecha"),
    "instrumentos.csv": ("id", "tipo", "departamento", "municipio", "nombre", "estado",
                         "acto_administrativo", "fecha", "actor_lider"),
    "eventos.csv": ("id", "nombre", "tipo", "departamento", "municipio", "fecha"),
    "asistencias.csv": ("evento", "actor"),
}
FILES: tuple[str, ...] = tuple(COLUMNS)


def _write(path: Path, header: Iterable[str], rows: list[list[str]]) -> None:
    write_csv(rows, path, columns=list(header))
