"""The one text fold of pat-graph: how names, headers and vocabulary values compare.

Every comparison of what a person typed with what the data says goes
through :func:`fold` — DIVIPOLA names, actor and programme names, column
headers (``sep="_"``), vocabulary labels — so that "Bogotá, D.C.",
"BOGOTA DC" and "bogota d.c." are the same everywhere.

>>> fold("  Bogotá, D.C. "), fold("Código DANE", sep="_")
('bogota d c', 'codigo_dane')
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: object, sep: str = " ") -> str:
    """``text`` without accents, in lower case, every run of other characters as one ``sep``.

    ``sep=" "`` (the default) folds names for comparison; ``sep="_"`` folds
    column headers, file stems and vocabulary values to their snake_case key
    (``Código DANE`` → ``codigo_dane``). Non-strings are folded as ``str()``.

    >>> fold("SAN ANDRÉS"), fold("Norte-de_Santander"), fold("NARIÑO")
    ('san andres', 'norte de santander', 'narino')
    >>> fold(" Código DANE ", sep="_"), fold("CODIGO-DANE", sep="_"), fold("codigo_dane", sep="_")
    ('codigo_dane', 'codigo_dane', 'codigo_dane')
    >>> fold("Gobernación del Meta") == fold("GOBERNACION  DEL META")
    True
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(sep, plain).strip(sep)
