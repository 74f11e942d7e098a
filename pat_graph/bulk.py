"""Building many records at once: what makes bulk work in Python fast.

:func:`gc_paused` turns Python's cyclic garbage collector off while a load
builds its hundreds of thousands of small, acyclic objects (rows, records,
parameter dicts). Each collection would otherwise walk every live object of
the batch again: measured on the 10x demo, pausing it makes reading the files
~30 % faster (extraction 8.7 → 6.2 s) and building the Neo4j relationship rows
3.5× faster (0.96 → 0.27 s). Reference counting still frees everything that
is not in a cycle, so memory stays the same.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector inside the block; it is turned back on
    afterwards only if it was on before (nesting is safe).

    >>> import gc
    >>> with gc_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


__all__ = ["gc_paused"]
