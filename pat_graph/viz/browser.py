"""Drive headless Chromium over the DevTools protocol through a pipe (no extra dependency).

Chromium's ``--remote-debugging-pipe`` reads DevTools commands on file
descriptor 3 and writes replies and events on descriptor 4, as NUL-terminated
JSON. That is all the browser tests and the benchmark need: open a page with
the network cut off, watch every request and script error, evaluate
JavaScript, take a screenshot.

Used by ``tests/test_viz_browser.py`` and ``benchmarks/viz_bench.py``::

    with Chromium() as browser:
        page = browser.open("file:///tmp/red.html")
        page.wait_for("window.PAT && PAT.ready")
        print(page.evaluate("PAT.nodes.length"), page.requests, page.errors)
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pat_graph.errors import PatGraphError

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
    "--hide-scrollbars", "--remote-debugging-pipe",
    # belt and braces: nothing may resolve or leave through a proxy even if asked
    "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
)


class BrowserError(PatGraphError):
    """Chromium is missing, crashed, or a DevTools command failed or timed out."""


def find_chromium() -> str | None:
    """Path of a Chromium executable (``PAT_GRAPH_CHROMIUM`` overrides), or ``None``."""
    env = os.environ.get("PAT_GRAPH_CHROMIUM")  # when set, the only candidate
    for cand in (env,) if env else CHROMIUM_CANDIDATES:
        path = shutil.which(cand) if cand else None
        if path:
            return path
    return None


def _high_fd(fd: int) -> int:
    high = fcntl.fcntl(fd, fcntl.F_DUPFD, 10)
    os.close(fd)
    return high


class Chromium:
    """One headless Chromium process with a fresh profile; use as a context manager."""

    def __init__(self, executable: str | None = None, *, width: int = 1400, height: int = 900,
                 extra_flags: tuple[str, ...] = ()) -> None:
        exe = executable or find_chromium()
        if not exe:
            raise BrowserError("No se encontró Chromium (instale el paquete Debian `chromium`).")
        self._profile = tempfile.mkdtemp(prefix="pat-chromium-")
        to_chrome_r, self._to_chrome_w = os.pipe()
        self._from_chrome_r, from_chrome_w = os.pipe()
        # move the child's ends above 9 so that dup2 onto 3 and 4 can never clobber them
        to_chrome_r, from_chrome_w = (_high_fd(fd) for fd in (to_chrome_r, from_chrome_w))
        log = os.environ.get("PAT_GRAPH_CHROMIUM_LOG")  # Chromium's stderr, for debugging
        self._log = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
        args = [exe, *CHROMIUM_FLAGS, *extra_flags, f"--user-data-dir={self._profile}",
                f"--window-size={width},{height}", "about:blank"]
        # the child sees our pipe ends as descriptors 3 (commands in) and 4 (replies out)
        def wire_fds() -> None:  # runs in the child, before exec and before fds are closed
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        self.proc = subprocess.Popen(
            args, pass_fds=(3, 4), preexec_fn=wire_fds,  # noqa: PLW1509
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self._log,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, dict] = {}
        self._events: list[dict] = []
        self._cond = threading.Condition()
        self._listeners: list[Callable[[dict], None]] = []
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # ----------------------------------------------------------------- plumbing
    def _read_loop(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_chrome_r, 1 << 20)
            except OSError:
                chunk = b""
            if not chunk:
                with self._cond:
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                with self._cond:
                    if "id" in msg:
                        self._replies[msg["id"]] = msg
                    else:
                        for listener in list(self._listeners):
                            listener(msg)
                    self._cond.notify_all()

    def send(self, method: str, params: dict | None = None, *, session: str | None = None,
             timeout: float = 60.0) -> dict:
        """Send one DevTools command and wait for its result."""
        with self._lock:
            self._next_id += 1
            mid = self._next_id
        msg: dict[str, Any] = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._to_chrome_w, json.dumps(msg).encode() + b"\0")
        deadline = time.monotonic() + timeout
        with self._cond:
            while mid not in self._replies:
                left = deadline - time.monotonic()
                if left <= 0 or self.proc.poll() is not None:
                    raise BrowserError(f"DevTools: sin respuesta a {method}")
                self._cond.wait(min(left, 0.5))
            reply = self._replies.pop(mid)
        if "error" in reply:
            raise BrowserError(f"DevTools: {method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def open(self, url: str, *, timeout: float = 120.0, before_load: str | None = None) -> Page:
        """Open ``url`` in a new tab with the network emulated offline; returns a :class:`Page`."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"]
        page = Page(self, session)
        page.target = target
        with self._cond:
            self._listeners.append(page._on_event)
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable", session=session)
        self.send("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
        }, session=session)
        if before_load:
            self.send("Page.addScriptToEvaluateOnNewDocument", {"source": before_load},
                      session=session)
        self.send("Emulation.setFocusEmulationEnabled", {"enabled": True}, session=session)
        self.send("Page.bringToFront", session=session)
        page.t_navigate = time.monotonic()
        self.send("Page.navigate", {"url": url}, session=session, timeout=timeout)
        page.wait_for_event("Page.loadEventFired", timeout=timeout)
        return page

    def close_page(self, page: Page) -> None:
        """Close one tab (pages left open keep running and compete for the CPU)."""
        with self._cond:
            if page._on_event in self._listeners:
                self._listeners.remove(page._on_event)
        self.send("Target.closeTarget", {"targetId": page.target})

    def close(self) -> None:
        try:
            if self.proc.poll() is None:
                try:
                    self.send("Browser.close", timeout=5)
                except BrowserError:
                    pass
                try:
                    self.proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()
        finally:
            for fd in (self._to_chrome_w, self._from_chrome_r):
                try:
                    os.close(fd)
                except OSError:
                    pass
            shutil.rmtree(self._profile, ignore_errors=True)
            if self._log is not subprocess.DEVNULL:
                self._log.close()

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Page:
    """One tab: its requests, script errors and console messages are recorded."""

    def __init__(self, browser: Chromium, session: str) -> None:
        self.browser = browser
        self.session = session
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []
        self.events: list[str] = []
        self.t_navigate = 0.0
        self.target = ""

    def _on_event(self, msg: dict) -> None:
        if msg.get("sessionId") != self.session:
            return
        method, params = msg.get("method", ""), msg.get("params", {})
        self.events.append(method)
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Runtime.exceptionThrown":
            det = params.get("exceptionDetails", {})
            self.errors.append(det.get("exception", {}).get("description") or det.get("text", ""))
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", a.get("description", "")))
                                         for a in params.get("args", [])))
        elif method == "Log.entryAdded":
            entry = params.get("entry", {})
            if entry.get("level") == "error":
                self.errors.append(f"{entry.get('source')}: {entry.get('text')}")

    @property
    def external_requests(self) -> list[str]:
        """Requests to anything but the page's own file / inline data."""
        return [u for u in self.requests
                if not (u.startswith("file://") or u.startswith("data:") or u == "about:blank")]

    def wait_for_event(self, method: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        cond = self.browser._cond
        with cond:
            while method not in self.events:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BrowserError(f"No llegó el evento {method}")
                cond.wait(min(left, 0.5))

    def evaluate(self, expression: str, timeout: float = 60.0) -> Any:
        """Value of a JavaScript expression (JSON-serialisable results only)."""
        res = self.browser.send("Runtime.evaluate", {
            "expression": expression, "returnByValue": True, "awaitPromise": True,
        }, session=self.session, timeout=timeout)
        if "exceptionDetails" in res:
            det = res["exceptionDetails"]
            raise BrowserError("JS: " + (det.get("exception", {}).get("description")
                                         or det.get("text", "")))
        return res.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float = 60.0, poll: float = 0.05) -> Any:
        """Poll until ``expression`` is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise BrowserError(f"Tiempo agotado esperando: {expression}")
            time.sleep(poll)

    def close(self) -> None:
        """Close this tab."""
        self.browser.close_page(self)

    def screenshot(self, path: str | Path) -> Path:
        """Save a PNG of the viewport."""
        data = self.browser.send("Page.captureScreenshot", {"format": "png"},
                                 session=self.session)["data"]
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(data))
        return target

    def click(self, x: float, y: float) -> None:
        """A real mouse click at viewport coordinates."""
        for kind in ("mousePressed", "mouseReleased"):
            self.browser.send("Input.dispatchMouseEvent", {
                "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1,
            }, session=self.session)

    def type_text(self, selector: str, text: str) -> None:
        """Focus an input and type ``text`` as key events (fires ``input``)."""
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        self.browser.send("Input.insertText", {"text": text}, session=self.session)
