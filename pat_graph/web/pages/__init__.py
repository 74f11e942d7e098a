"""The workbench's pages: one module per page family, each with its :data:`ROUTES`
(:class:`~pat_graph.web.http.Route` entries) and a view function per endpoint.

Adding a page is one module here plus its tests, and one line in :data:`PAGES`;
:func:`pat_graph.web.app.create_app` registers every route of every module.

>>> sorted({r.endpoint for r in ROUTES} - set(VIEWS))
[]
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from pat_graph.web.http import Route
from pat_graph.web.pages import (
    actor,
    assets,
    compare,
    department,
    home,
    network,
    queries,
    spaces,
    upload,
)

#: The page modules, in the order their routes are listed.
PAGES: tuple[ModuleType, ...] = (home, department, actor, spaces, network, queries, compare,
                                 upload, assets)
#: Every URL the workbench answers (the tests walk this table).
ROUTES: tuple[Route, ...] = tuple(r for page in PAGES for r in page.ROUTES)
#: View function by endpoint.
VIEWS: dict[str, Callable[..., Any]] = {r.endpoint: getattr(page, r.endpoint)
                                        for page in PAGES for r in page.ROUTES}

__all__ = ["PAGES", "ROUTES", "VIEWS"]
