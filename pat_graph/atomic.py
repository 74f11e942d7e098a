"""Writing a file so that nobody ever sees half of it.

Every file the program writes for a person (CSV, workbooks, GraphML, GEXF, JSON,
the Excel template) goes through :func:`atomic_file`: the content is written to a
temporary file beside the target and renamed over it only when complete, so a
failed or interrupted write leaves the earlier file (or none), never a partial one.
An ``OSError`` becomes an :class:`~pat_graph.errors.InputError` naming the file.

>>> import os, tempfile
>>> target = os.path.join(tempfile.mkdtemp(), "sub", "x.txt")
>>> with atomic_file(target, "w", encoding="utf-8") as fh:
...     _ = fh.write("hola")
>>> open(target, encoding="utf-8").read(), os.listdir(os.path.dirname(target))
('hola', ['x.txt'])
>>> try:
...     with atomic_file(target, "w", encoding="utf-8") as fh:
...         _ = fh.write("a medias")
...         raise RuntimeError("corte")
... except RuntimeError:
...     pass
>>> open(target, encoding="utf-8").read(), os.listdir(os.path.dirname(target))
('hola', ['x.txt'])

The file gets the mode any other tool's output gets (``0666`` less the umask, so
``0644`` under the usual umask ``022``), not the private ``0600`` of a temporary file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from pat_graph.errors import InputError


def _umask() -> int:
    """The process's umask: from ``/proc/self/status`` where there is one (reading it
    changes nothing, safe beside the workbench's threads), else by setting it and
    putting it back."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: str | Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to (for writers that take a file name,
    such as openpyxl's ``save``); renamed to ``path`` when the block ends without error,
    removed otherwise. The target's folder is created."""
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as err:
        raise InputError(f"No se pudo escribir {target}: {err.strerror or err}") from err
    os.close(fd)
    tmp = Path(name)
    try:  # mkstemp makes the file 0600; an output file gets the mode the umask gives
        os.chmod(tmp, 0o666 & ~_umask())
    except OSError:  # pragma: no cover - a file system without modes
        pass
    try:
        yield tmp
        os.replace(tmp, target)
    except OSError as err:
        raise InputError(f"No se pudo escribir {target}: {err.strerror or err}") from err
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def atomic_file(path: str | Path, mode: str = "w", **open_args: Any) -> Iterator[IO[Any]]:
    """An open file (``mode`` and ``open_args`` as for :func:`open`) whose content
    replaces ``path`` only when the block ends without error."""
    with atomic_path(path) as tmp:
        try:
            fh = tmp.open(mode, **open_args)
        except OSError as err:
            raise InputError(f"No se pudo escribir {path}: {err.strerror or err}") from err
        with fh:
            yield fh
