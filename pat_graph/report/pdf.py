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


#: Removes a ficha's annexes and footer before printing: what is left is the summary.
_SUMMARY_ONLY = ("for (const e of document.querySelectorAll('.annex, footer')) e.remove();"
                 " true")


def to_pdfs(pairs: list[tuple[str | Path, str | Path]], *, summary_only: bool = False,
            timeout: float = PDF_TIMEOUT) -> list[Path]:
    """Print each ``(html, pdf)`` pair with one headless Chromium (DevTools
    ``Page.printToPDF``, the page's own ``@page`` size and margins, backgrounds
    printed, the network cut off): the way to print the 33 fichas, one browser
    start instead of 33. ``summary_only`` prints a full ficha without its annexes
    (the two-page summary, numbered "de 2"). Returns the PDF paths.
    """
    import base64

    from pat_graph.viz.browser import BrowserError, Chromium

    if find_chromium() is None:
        raise PdfUnavailableError(MISSING_MESSAGE)
    out: list[Path] = []
    try:
        with Chromium() as browser:
            for html_path, pdf_path in pairs:
                page = browser.open(Path(html_path).resolve().as_uri(), timeout=timeout)
                try:
                    if summary_only:
                        page.evaluate(_SUMMARY_ONLY)
                    data = browser.send("Page.printToPDF", {
                        "preferCSSPageSize": True, "printBackground": True,
                        "displayHeaderFooter": False}, session=page.session,
                        timeout=timeout)["data"]
                finally:
                    page.close()
                target = Path(pdf_path)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(base64.b64decode(data))
                out.append(target)
    except (BrowserError, OSError) as err:
        raise PdfUnavailableError(f"Chromium no pudo imprimir: {err}") from err
    return out


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
