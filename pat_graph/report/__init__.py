"""The ficha diagnóstico departamental: one self-contained, print-friendly HTML per department.

:func:`ficha` assembles the plain data (territory, actors, instances, instruments,
programmes, agreements, gaps and index, brokers, recommendations, network,
sources) from :mod:`pat_graph.analytics`, :mod:`pat_graph.recommend` and
:mod:`pat_graph.viz`; :func:`render_ficha` turns it into HTML; :func:`write_fichas`
writes all 33 plus an index page; :func:`to_pdf` prints HTML to PDF with headless
Chromium. ``pat-graph ficha`` is a thin shell over these.

>>> from pat_graph.viz.views import _example_graph
>>> f = ficha(_example_graph(), "05")
>>> f.department_name, len(f.actors), f.programmes[0].state
('Antioquia', 3, 'socializado')
"""

from pat_graph.report.build import Analyses, ficha, keep_fichas
from pat_graph.report.data import Ficha
from pat_graph.report.pdf import PdfUnavailableError, page_count, pdf_available, to_pdf, to_pdfs
from pat_graph.report.render import (
    INDEX_FILE,
    file_name,
    render_ficha,
    render_index,
    render_summary,
    write_ficha,
    write_fichas,
)

__all__ = [
    "INDEX_FILE",
    "Analyses",
    "Ficha",
    "PdfUnavailableError",
    "file_name",
    "ficha",
    "keep_fichas",
    "page_count",
    "pdf_available",
    "render_ficha",
    "render_index",
    "render_summary",
    "to_pdf",
    "to_pdfs",
    "write_ficha",
    "write_fichas",
]
