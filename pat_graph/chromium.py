"""Finding the Chromium executable and the flags every headless run shares.

All the runtime package needs of a browser: :mod:`pat_graph.report.pdf` prints
fichas with these flags. Portable (no POSIX-only module); the DevTools client
that drives Chromium in the browser tests and benchmarks lives in ``tests/cdp.py``.

>>> "--headless" in CHROMIUM_FLAGS and "--proxy-server=127.0.0.1:9" in CHROMIUM_FLAGS
True
>>> find_chromium() is None or isinstance(find_chromium(), str)
True
"""

from __future__ import annotations

import os
import shutil

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--hide-scrollbars",
    # belt and braces: nothing may resolve or leave through a proxy even if asked
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
)


def find_chromium() -> str | None:
    """Path of a Chromium executable (``PAT_GRAPH_CHROMIUM`` overrides), or ``None``.

    When ``PAT_GRAPH_CHROMIUM`` is set it is the only candidate:

    >>> import os
    >>> old = os.environ.get("PAT_GRAPH_CHROMIUM")
    >>> os.environ["PAT_GRAPH_CHROMIUM"] = "/no/such/chromium"
    >>> find_chromium() is None
    True
    >>> _ = os.environ.pop("PAT_GRAPH_CHROMIUM") if old is None else os.environ.update(
    ...     PAT_GRAPH_CHROMIUM=old)
    """
    env = os.environ.get("PAT_GRAPH_CHROMIUM")
    for cand in (env,) if env else CHROMIUM_CANDIDATES:
        path = shutil.which(cand) if cand else None
        if path:
            return path
    return None
