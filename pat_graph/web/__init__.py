"""The analyst's workbench: ``pat-graph serve``, a local web application over the store.

Stack: **Flask 3 with Jinja2 (autoescape on), served by Werkzeug's threaded server.**
Chosen because every page is CPU-bound networkx work done by the library (an
async framework such as Starlette would gain nothing and add uvicorn and an HTTP
client for its tests), Jinja2 is already the templating of the fichas and network
views, Flask's test client drives the routes in-process with no server, and
Werkzeug ships with Flask: one dependency for a single-user server on the analyst's
own machine. No Node build step; the one script and style sheet are plain files in
``static/`` and the network views inline the vendored vis-network.

:func:`create_app` builds the application (routes in :data:`ROUTES`); the graph
and every analysis are cached per store state by :class:`Workbench`.

>>> [r.rule for r in ROUTES][:2]
['/', '/buscar']
"""

from pat_graph.web.app import CSP, ROUTES, TABLES, Route, check_host, create_app
from pat_graph.web.state import Workbench

__all__ = ["CSP", "ROUTES", "TABLES", "Route", "Workbench", "check_host", "create_app"]
