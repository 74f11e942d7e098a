"""Display names of graph nodes in the views. Finding nodes by what a user
types is :mod:`pat_graph.lookup` (the one lookup every command shares).
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from pat_graph.analytics.base import departments


def _name(data: dict[str, Any], nid: str) -> str:
    return str(data.get("name") or data.get("id") or data.get("dane_code") or nid)


def _dept_names(g: nx.MultiDiGraph) -> dict[str, str]:
    return departments(g)
