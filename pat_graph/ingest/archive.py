"""Zip archives checked before anything reads them: ``.xlsx`` workbooks (zips of XML
parts) and zipped CSV folders.

One set of checks for every zip pat-graph opens: the reader of ``.xlsx`` workbooks
(:func:`pat_graph.ingest.reading.read_xlsx`, with :data:`WORKBOOK_LIMITS`) and the
workbench's uploads (``pat-graph serve``, stricter limits) call the same functions:

* :func:`check_zip`: a readable zip with at most so many members, no member name that
  could leave a folder (absolute, ``..``, a drive letter, a NUL), no link or
  encrypted member, and a declared uncompressed size (in total, and per member as a
  compression ratio) within limits: a zip bomb is refused before one byte is inflated.
  The declared sizes bind: :mod:`zipfile` never inflates a member past its declared
  size (it fails the CRC instead), and :func:`extract_member` counts the bytes again.
* :func:`refuse_dtd`: no XML part may declare a DTD (``<!DOCTYPE``, and with it
  ``<!ENTITY``): entity expansion ("billion laughs") and external entities never
  reach the XML parser. Only each part's prolog is read (a DTD must come before the
  root element), so the check costs a few kilobytes per part.

>>> import io, zipfile, tempfile, os
>>> path = os.path.join(tempfile.mkdtemp(), "libro.xlsx")
>>> with zipfile.ZipFile(path, "w") as zf:
...     zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>')
>>> refuse_dtd(path)
Traceback (most recent call last):
...
pat_graph.errors.InputError: libro.xlsx: la parte xl/workbook.xml declara un DTD (<!DOCTYPE/<!ENTITY): Excel nunca lo hace y puede esconder una expansión de entidades; no se lee. Guarde el libro de nuevo desde Excel
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from pat_graph.errors import InputError

#: Bytes of a part's beginning read to find its root element (a longer prolog is refused).
PROLOG_BYTES = 64 << 10
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a zip may hold: ``max_total`` uncompressed bytes in all, ``max_members``
    entries, and no member above ``ratio_floor`` bytes inflating more than ``max_ratio``
    times its compressed size."""

    max_total: int
    max_members: int
    max_ratio: float
    ratio_floor: int


#: The workbook reader's limits (CLI and library): generous, only bombs are refused.
WORKBOOK_LIMITS = ZipLimits(max_total=2 << 30, max_members=100_000, max_ratio=200,
                            ratio_floor=64 << 20)


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f}".replace(",", ".")


def member_path(name: str) -> PurePosixPath:
    """The member ``name`` as a relative path that stays inside any folder it is put in,
    or :class:`InputError` (zip-slip: absolute names, ``..``, drive letters, NUL).

    >>> member_path("datos/actores.csv")
    PurePosixPath('datos/actores.csv')
    >>> member_path("../../etc/cron.d/x")
    Traceback (most recent call last):
    ...
    pat_graph.errors.InputError: el miembro «../../etc/cron.d/x» saldría de la carpeta (ruta absoluta o con ..): el archivo no se lee
    """
    unix = name.replace("\\", "/")
    parts = PurePosixPath(unix).parts
    if ("\x00" in name or unix.startswith("/") or re.match(r"^[A-Za-z]:", unix)
            or any(p == ".." for p in parts)):
        raise InputError(f"el miembro «{name}» saldría de la carpeta (ruta absoluta o con ..): "
                         "el archivo no se lee")
    return PurePosixPath(*[p for p in parts if p not in ("", ".")])


def check_zip(path: str | Path, limits: ZipLimits = WORKBOOK_LIMITS, *,
              what: str = "libro .xlsx") -> list[zipfile.ZipInfo]:
    """The members of the zip at ``path`` once it passes every check of ``limits``
    (module docs); :class:`InputError` naming the file otherwise. Nothing is inflated."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as err:
        raise InputError(f"{path.name}: no es un {what} válido (el archivo está dañado o "
                         f"no es de ese tipo: {err})") from err
    if len(infos) > limits.max_members:
        raise InputError(f"{path.name}: el {what} tiene {len(infos):,} partes (máximo "
                         f"{limits.max_members:,}); no se lee".replace(",", "."))
    for info in infos:
        try:
            member_path(info.filename)
        except InputError as err:
            raise InputError(f"{path.name}: {err}") from err
        if stat.S_ISLNK(info.external_attr >> 16):
            raise InputError(f"{path.name}: el miembro «{info.filename}» es un enlace "
                             "simbólico; no se lee")
        if info.flag_bits & 0x1:
            raise InputError(f"{path.name}: el miembro «{info.filename}» está cifrado "
                             "(con contraseña); no se lee")
    total = sum(i.file_size for i in infos)
    worst = max(infos, key=lambda i: i.file_size / max(i.compress_size, 1), default=None)
    if total > limits.max_total or (
            worst is not None and worst.file_size > limits.ratio_floor
            and worst.file_size / max(worst.compress_size, 1) > limits.max_ratio):
        raise InputError(f"{path.name}: el {what} se descomprime a {_mb(total)} MB (parte "
                         f"{worst.filename if worst else '?'}; máximo {_mb(limits.max_total)} MB "
                         f"y {limits.max_ratio:g} veces lo comprimido): parece una bomba zip; "
                         "no se lee. Guárdelo de nuevo desde Excel o expórtelo a CSV")
    return infos


def _prolog_has_dtd(head: bytes) -> bool | None:
    """True: the prolog declares a DTD; False: the root element starts first; None: not
    decided within ``head`` (or not UTF-8 text: refused by the caller)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    text = head.decode("utf-8", errors="replace")
    pos = 0
    while True:
        while pos < len(text) and text[pos] in " \t\r\n":
            pos += 1
        if pos >= len(text):
            return None
        if text.startswith("<!", pos) and not text.startswith("<!--", pos):
            return True  # <!DOCTYPE, <!ENTITY (or anything else a DTD could hide in)
        if text.startswith("<?", pos):
            end, close = text.find("?>", pos + 2), 2
        elif text.startswith("<!--", pos):
            end, close = text.find("-->", pos + 4), 3
        elif text.startswith("<", pos):
            return False  # the root element: no DTD can follow
        else:
            return False  # not XML at all (text before the root): the parser will say so
        if end < 0:
            return None
        pos = end + close


def refuse_dtd(path: str | Path) -> None:
    """:class:`InputError` if any XML part of the zip at ``path`` declares a DTD or is
    not UTF-8 (UTF-16/32 parts would hide the declaration from a byte scan; Excel,
    LibreOffice and openpyxl write UTF-8). Binary parts (images) are left alone."""
    path = Path(path)
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            with zf.open(info) as fh:
                head = fh.read(PROLOG_BYTES)
            body, wide = head, False
            for bom in (b"\xef\xbb\xbf", b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\xff\xfe",
                        b"\xfe\xff"):
                if body.startswith(bom):
                    body, wide = body[len(bom):], bom != b"\xef\xbb\xbf"
                    break
            if not body.lstrip(b" \t\r\n\x00").startswith(b"<"):
                continue  # not XML (an image, printer settings, a binary part)
            if wide or b"\x00" in body[:8]:
                raise InputError(f"{path.name}: la parte {info.filename} está en UTF-16/32; "
                                 "no se lee. Guarde el libro de nuevo desde Excel")
            found = _prolog_has_dtd(head)
            if found:
                raise InputError(
                    f"{path.name}: la parte {info.filename} declara un DTD (<!DOCTYPE/<!ENTITY): "
                    "Excel nunca lo hace y puede esconder una expansión de entidades; no se lee. "
                    "Guarde el libro de nuevo desde Excel")
            if found is None and len(head) >= PROLOG_BYTES:
                raise InputError(f"{path.name}: la parte {info.filename} no empieza su contenido "
                                 "en los primeros 64 KB (prólogo XML anómalo); no se lee")


def check_workbook(path: str | Path, limits: ZipLimits = WORKBOOK_LIMITS) -> None:
    """Every check an ``.xlsx`` passes before openpyxl opens it: :func:`check_zip` with
    ``limits`` and :func:`refuse_dtd`."""
    check_zip(path, limits, what="libro .xlsx")
    refuse_dtd(path)


def extract_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: BinaryIO,
                   limit: int) -> int:
    """Copy one member into ``target``, at most ``limit`` bytes (:class:`InputError`
    beyond: a member larger than it declared). Returns the bytes written."""
    written = 0
    with zf.open(info) as src:
        while chunk := src.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                raise InputError(f"el miembro «{info.filename}» se descomprime a más de lo "
                                 "permitido: parece una bomba zip; no se lee")
            target.write(chunk)
    return written


__all__ = ["PROLOG_BYTES", "WORKBOOK_LIMITS", "ZipLimits", "check_workbook", "check_zip",
           "extract_member", "member_path", "refuse_dtd"]
