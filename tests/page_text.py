"""What a reader sees of an HTML page or ficha, for the tests that read its words."""

from __future__ import annotations

import html as html_lib
import re


def visible_text(page: str) -> str:
    """The page's text as a reader sees it: tags, styles, scripts and the title dropped,
    entities decoded, whitespace collapsed.

    >>> visible_text("<title>x</title><p>Choc&oacute; <b>10,3</b></p><script>1</script>")
    'Chocó 10,3'
    """
    page = re.sub(r"<(style|script|title)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", page)).split())
