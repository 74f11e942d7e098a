"""Printing store locations safely: a URI without its credentials."""

from __future__ import annotations

import re

_SECRET = re.compile(r"(?<=://)[^/@?#]*@|(?<=[?&;])(password|pass|pwd|auth|token)=[^&#]*",
                     re.IGNORECASE)


def redact(location: str) -> str:
    """``location`` safe to print: no ``user:password@`` nor ``?password=...``.

    >>> redact("http://neo4j:s3creto@host:7474/db?password=x&a=1")
    'http://***@host:7474/db?password=***&a=1'
    """
    return _SECRET.sub(lambda m: "***@" if m[0].endswith("@") else f"{m[1]}=***", location)
