"""Printing a ficha to PDF with headless Chromium (``--print-to-pdf``).

Chromium prints the page exactly as the browser's print dialog would (the
ficha's ``@media print`` and ``@page`` rules apply). Without a Chromium the
caller gets :class:`PdfUnavailableError` with a Spanish message saying how to
get one; the HTML is still there.

>>> isinstance(pdf_available(), bool)
True
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from pat_graph.chromium import CHROMIUM_FLAGS, find_chromium
from pat_graph.errors import PatGraphError

#: Seconds a single print may take before it is abandoned.
PDF_TIMEOUT = 120


class PdfUnavailableError(PatGraphError):
    """No Chromium to print with, or the print failed."""

    exit_code = 5


MISSING_MESSAGE = (
    "No se puede generar el PDF: no se encontró Chromium en este equipo. "
    "Instálelo (Debian/Ubuntu: apt-get install chromium) o indique su ruta en "
    "PAT_GRAPH_CHROMIUM; mientras tanto abra el HTML y use Imprimir → Guardar como PDF."
)


def pdf_available() -> bool:
    """Whether a Chromium executable is available to print PDFs."""
    return find_chromium() is not None


def to_pdf(html_path: str | Path, pdf_path: str | Path | None = None, *,
           timeout: float = PDF_TIMEOUT) -> Path:
    """Print ``html_path`` to ``pdf_path`` (default: same name, ``.pdf``); returns it.

    The network stays cut off while printing (same flags as the browser tests).
    """
    exe = find_chromium()
    if exe is None:
        raise PdfUnavailableError(MISSING_MESSAGE)
    src = Path(html_path).resolve()
    target = Path(pdf_path) if pdf_path else src.with_suffix(".pdf")
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pat-pdf-") as profile:
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
               "--run-all-compositor-stages-before-draw",
               f"--print-to-pdf={target.resolve()}", src.as_uri()]
        try:
            done = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                                  timeout=timeout, check=False)
        except subprocess.TimeoutExpired as err:
            raise PdfUnavailableError(
                f"Chromium no terminó de imprimir {src.name} en {timeout:.0f} s.") from err
        except OSError as err:
            raise PdfUnavailableError(f"No se pudo ejecutar Chromium ({exe}): {err}") from err
    if not target.exists() or target.stat().st_size == 0:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise PdfUnavailableError(
            f"Chromium no generó el PDF de {src.name} (código {done.returncode}): "
            + " | ".join(tail))
    return target


#: Hides a ficha's annexes and footer when printing: what is left is the two-page summary.
_SUMMARY_ONLY_CSS = "<style>.annex, footer { display: none !important; }</style>"


def to_pdfs(pairs: list[tuple[str | Path, str | Path]], *, summary_only: bool = False,
            timeout: float = PDF_TIMEOUT, workers: int = 2) -> list[Path]:
    """Print each ``(html, pdf)`` pair (:func:`to_pdf`, ``workers`` at a time): the way
    to print the 33 fichas. ``summary_only`` prints a full ficha without its annexes
    (the two-page summary, numbered "de 2") from a copy of its HTML beside it that
    hides them. Returns the PDF paths, in the order of ``pairs``.

    Each print is its own ``chromium --print-to-pdf`` process: the package keeps no
    DevTools client (its pipe needs ``fcntl``, which Windows lacks).
    """
    from concurrent.futures import ThreadPoolExecutor

    if find_chromium() is None:
        raise PdfUnavailableError(MISSING_MESSAGE)

    def one(pair: tuple[str | Path, str | Path]) -> Path:
        html_path, pdf_path = Path(pair[0]), Path(pair[1])
        if not summary_only:
            return to_pdf(html_path, pdf_path, timeout=timeout)
        text = html_path.read_text(encoding="utf-8")
        cut = text.lower().rfind("</head>")
        text = text[:cut] + _SUMMARY_ONLY_CSS + text[cut:] if cut >= 0 else \
            _SUMMARY_ONLY_CSS + text
        fd, name = tempfile.mkstemp(prefix=f".{html_path.stem}.", suffix=".html",
                                    dir=html_path.parent)
        tmp = Path(name)
        try:
            with open(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return to_pdf(tmp, pdf_path, timeout=timeout)
        finally:
            tmp.unlink(missing_ok=True)

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, pairs))


def page_count(pdf_path: str | Path) -> int:
    """Pages of a PDF as printed by Chromium (its ``/Type /Page`` objects).

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.pdf"
    >>> _ = p.write_bytes(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>")
    >>> page_count(p)
    2
    """
    import re

    return len(re.findall(rb"/Type\s*/Page(?![s\w])", Path(pdf_path).read_bytes()))
