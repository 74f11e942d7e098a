"""Click's own words in Spanish: "Uso:", "Opciones:", "Error: falta el argumento".

Click marks every string it prints with :func:`gettext.gettext` (bound as ``_`` in
each of its modules) and :func:`gettext.ngettext`. Python's gettext picks a catalog
from the process-wide text domain and the *environment's* locale, and analysts run
the tool under ``C``, ``en_US`` or ``es_CO`` alike; the command line must speak
Spanish in every case. So :func:`install` points the names Click bound at this
module's catalog, once, at CLI start. That is the one piece of hand-written
machinery here, kept for a reason that still holds: Click has no API to choose a
catalog per application, and a compiled ``.mo`` would still depend on the locale.

A message Click adds in a later version and the catalog does not know yet is shown
in English (never lost); ``tests/test_cli_spanish.py`` extracts every message of the
installed Click and fails when one has no translation.

>>> translate("Usage:"), translate("Options")
('Uso:', 'Opciones')
>>> translate("Missing argument")
'Falta el argumento'
>>> ntranslate("Got unexpected extra argument ({args})",
...            "Got unexpected extra arguments ({args})", 2)
'Argumentos de más inesperados ({args})'
>>> translate("a message Click may add some day")
'a message Click may add some day'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

#: Click's modules that bind ``_`` / ``ngettext`` at import time.
CLICK_MODULES: tuple[str, ...] = (
    "click.core", "click.decorators", "click.exceptions", "click.formatting",
    "click.parser", "click.termui", "click.types", "click.utils",
    "click.shell_completion", "click._termui_impl",
)

#: msgid (Click's English) -> Spanish.
CATALOG: dict[str, str] = {
    "%(prog)s, version %(version)s": "%(prog)s, versión %(version)s",
    "(dynamic)": "(dinámico)",
    "Aborted!": "¡Cancelado!",
    "Argument {name!r} takes {nargs} values.": "El argumento {name!r} toma {nargs} valores.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.":
        "Los argumentos llevan exactamente una declaración; se recibieron {length}: {decls}.",
    "Boolean option {decl!r} cannot use the same flag for true/false.":
        "La opción booleana {decl!r} no puede usar la misma marca para sí y no.",
    "Choice({choices})": "Opción({choices})",
    "Choose from:\n\t{choices}": "Elija entre:\n\t{choices}",
    "Commands": "Comandos",
    "Confirm the action without prompting.": "Confirma la acción sin preguntar.",
    "Could not determine name for option with declarations {decls!r}":
        "No se pudo determinar el nombre de la opción con las declaraciones {decls!r}",
    "Could not open file {filename!r}: {message}":
        "No se pudo abrir el archivo {filename!r}: {message}",
    "Couldn't detect Bash version, shell completion is not supported.":
        "No se pudo detectar la versión de Bash; el autocompletado no está disponible.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}":
        "Aviso: el comando {name!r} está obsoleto.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}":
        "Aviso: el {param_type} {name!r} está obsoleto.{extra_message}",
    "Do you want to continue?": "¿Desea continuar?",
    "Error: The two entered values do not match.":
        "Error: los dos valores introducidos no coinciden.",
    "Error: invalid input": "Error: entrada no válida",
    "Error: {message}": "Error: {message}",
    "Invalid start character for option ({option})":
        "Carácter inicial no válido para una opción ({option})",
    "Invalid value for {param_hint}: {message}": "Valor no válido para {param_hint}: {message}",
    "Invalid value: {message}": "Valor no válido: {message}",
    "Missing argument": "Falta el argumento",
    "Missing command.": "Falta el comando.",
    "Missing option": "Falta la opción",
    "Missing parameter": "Falta el parámetro",
    "Missing parameter: {param_name}": "Falta el parámetro: {param_name}",
    "Missing {param_type}": "Falta {param_type}",
    "Name '{name}' defined twice": "El nombre '{name}' está definido dos veces",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?":
        "No hay opciones definidas pero se pasó un nombre ({name}). ¿Quería declarar un "
        "argumento? ¿Quería pasar '--{name}'?",
    "No such command {name!r}.": "No existe el comando {name!r}.",
    "No such option {name!r}.": "No existe la opción {name!r}.",
    "No such option: {name}": "No existe la opción: {name}",
    "Option {name!r} does not take a value.": "La opción {name!r} no lleva valor.",
    "Options": "Opciones",
    "Press any key to continue...": "Pulse una tecla para continuar...",
    "Repeat for confirmation": "Repita para confirmar",
    "Shell completion is not supported for Bash versions older than 4.4.":
        "El autocompletado no está disponible para versiones de Bash anteriores a 4.4.",
    "Show the version and exit.": "Muestra la versión y termina.",
    "Show this message and exit.": "Muestra esta ayuda y termina.",
    "Try '{command} {option}' for help.": "Pruebe '{command} {option}' para ver la ayuda.",
    "Unknown color {colour!r}": "Color desconocido {colour!r}",
    "Unknown standard stream '{name}'": "Flujo estándar desconocido '{name}'",
    "Usage:": "Uso:",
    "Value must be an iterable.": "El valor debe ser iterable.",
    "Windows error: {error}": "Error de Windows: {error}",
    "d": "d",
    "default: {default}": "por defecto: {default}",
    "deprecated": "obsoleto",
    "directory": "directorio",
    "env var: {var}": "variable de entorno: {var}",
    "file": "archivo",
    "path": "ruta",
    "required": "obligatorio",
    "unknown error": "error desconocido",
    "{editor}: Editing failed": "{editor}: falló la edición",
    "{editor}: Editing failed: {e}": "{editor}: falló la edición: {e}",
    "{name} {filename!r} does not exist.": "{name} {filename!r}: no existe.",
    "{name} {filename!r} is a directory.": "{name} {filename!r}: es un directorio.",
    "{name} {filename!r} is a file.": "{name} {filename!r}: es un archivo.",
    "{name} {filename!r} is not executable.": "{name} {filename!r}: no es ejecutable.",
    "{name} {filename!r} is not readable.": "{name} {filename!r}: no se puede leer.",
    "{name} {filename!r} is not writable.": "{name} {filename!r}: no se puede escribir.",
    "{value!r} is not a valid UUID.": "{value!r} no es un UUID válido.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} no es un valor de sí/no válido. Valores reconocidos: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} no es un {number_type} válido.",
    "{value} is not in the range {range}.": "{value} no está en el rango {range}.",
    "integer": "número entero",
    "float": "número decimal",
}

#: (singular msgid, plural msgid) -> (Spanish singular, Spanish plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"):
        ("¿Quiso decir {possibility}?", "(¿Quiso decir una de: {possibilities}?)"),
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"):
        ("Argumento de más inesperado ({args})", "Argumentos de más inesperados ({args})"),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."):
        ("La opción {name!r} necesita un valor.", "La opción {name!r} necesita {nargs} valores."),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."):
        ("Toma {nargs} valores pero se dio 1.", "Toma {nargs} valores pero se dieron {len}."),
    ("{len_type} values are required, but {len_value} was given.",
     "{len_type} values are required, but {len_value} were given."):
        ("Se necesitan {len_type} valores, pero se dio {len_value}.",
         "Se necesitan {len_type} valores, pero se dieron {len_value}."),
    ("{value!r} does not match the format {format}.",
     "{value!r} does not match the formats {formats}."):
        ("{value!r} no tiene el formato {format}.", "{value!r} no tiene ninguno de los formatos "
                                                    "{formats}."),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."):
        ("{value!r} no es {choice}.", "{value!r} no es uno de {choices}."),
}


def translate(message: str) -> str:
    """Spanish for one of Click's messages (the message itself when unknown)."""
    return CATALOG.get(message, message)


def ntranslate(singular: str, plural: str, n: int) -> str:
    """Spanish for one of Click's plural messages, chosen by ``n``."""
    es = PLURALS.get((singular, plural))
    if es is None:
        return singular if n == 1 else plural
    return es[0] if n == 1 else es[1]


def install() -> None:
    """Make Click print its own frame (usage, section titles, errors) in Spanish.

    Idempotent; affects only the names Click's modules bound to gettext.

    >>> install()
    >>> import click.formatting
    >>> click.formatting._("Usage:")
    'Uso:'
    """
    for name in CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # e.g. a module Click dropped
            continue
        if isinstance(getattr(module, "_", None), Callable):  # type: ignore[arg-type]
            module._ = translate  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ntranslate  # type: ignore[attr-defined]
