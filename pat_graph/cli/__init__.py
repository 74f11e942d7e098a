"""The ``pat-graph`` command line: a thin Click shell over the library.

Each command lives in a small module of this package and calls one public
library function a notebook can call too. Modules are listed in
``COMMAND_MODULES``; each exposes ``COMMANDS`` (a list of Click commands).
"""

from __future__ import annotations

import importlib

import click

from pat_graph import __version__
from pat_graph.cli import spanish
from pat_graph.cli.common import FriendlyGroup, spanish_help

spanish.install()

#: sub-modules of ``pat_graph.cli`` whose ``COMMANDS`` are registered, in help order.
COMMAND_MODULES: tuple[str, ...] = (
    "core",
    "viz",
    "neo4j",
    "resolve",
    "analytics",
    "recommend",
    "report",
    "actor",
    "spaces",
    "serve",
)


@click.group(
    cls=FriendlyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "-V", "--version", prog_name="pat-graph",
                      help="Muestra la versión y termina.")
def main() -> None:
    """pat-graph: grafo de actores y alianzas del trabajo decente en los territorios (PAT).

    \b
    Primeros pasos:
      pat-graph demo --salida demo/       # datos de ejemplo -> grafo -> brechas y red
      pat-graph stats                     # resumen del grafo cargado
      pat-graph load datos/ --simular     # validar sus archivos sin cargarlos

    El almacén por defecto es un archivo SQLite (ver `pat-graph stats -h`);
    --almacen o PAT_GRAPH_STORE eligen otro (ruta SQLite o URI bolt:// de Neo4j).
    """


for _name in COMMAND_MODULES:
    _module = importlib.import_module(f"pat_graph.cli.{_name}")
    for _command in _module.COMMANDS:
        main.add_command(spanish_help(_command))
spanish_help(main)
