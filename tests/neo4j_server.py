"""A real Neo4j for the tests: the one named by ``NEO4J_URI``, or a private local one.

Without ``NEO4J_URI`` the session starts ``scripts/neo4j-local`` (Neo4j Community
5.26 in-process, Java 17 + Maven) on a free loopback port, with authentication
on and a random password, in a private state folder, and stops it at the end of
the session. The server also stops by itself if the test process dies
(``NEO4J_LOCAL_WATCH_PID``), so a killed session does not leak a JVM.

``NEO4J_URI`` must name a *throwaway* database: the tests clear it.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-local"


class Neo4jUnavailable(RuntimeError):
    """No Neo4j server could be had; the message says why."""


@dataclass(frozen=True)
class Neo4jServer:
    uri: str
    user: str = "neo4j"
    password: str | None = None
    database: str | None = None
    #: True when this session started the server (auth on, password known).
    local: bool = False
    startup_seconds: float = 0.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def from_environment() -> Neo4jServer | None:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jServer(
        uri=uri,
        user=os.environ.get("NEO4J_USERNAME") or os.environ.get("NEO4J_USER") or "neo4j",
        password=os.environ.get("NEO4J_PASSWORD") or None,
        database=os.environ.get("NEO4J_DATABASE") or None,
    )


class LocalNeo4j:
    """``scripts/neo4j-local start/stop`` in a private state folder."""

    def __init__(self, state_dir: Path, port: int | None = None) -> None:
        self.state_dir = Path(state_dir)
        self.port = port or free_port()
        self.password = secrets.token_urlsafe(16)
        self.env = dict(os.environ)
        self.env.update(
            NEO4J_LOCAL_STATE=str(self.state_dir),
            NEO4J_LOCAL_PASSWORD=self.password,
            NEO4J_LOCAL_WATCH_PID=str(os.getpid()),
        )

    def start(self, timeout: float = 600) -> Neo4jServer:
        if not SCRIPT.exists():
            raise Neo4jUnavailable(f"{SCRIPT} is missing")
        for tool in ("java", "bash"):
            if shutil.which(tool) is None:
                raise Neo4jUnavailable(f"'{tool}' is not installed (needed by scripts/neo4j-local)")
        built = (SCRIPT.parent / "neo4j-local-server" / "target" / ".built").exists()
        if not built and shutil.which("mvn") is None:
            raise Neo4jUnavailable("Maven ('mvn') is needed to build scripts/neo4j-local-server")
        t0 = time.monotonic()
        proc = subprocess.run(
            ["bash", str(SCRIPT), "start", "--port", str(self.port)],
            env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        if proc.returncode != 0:
            raise Neo4jUnavailable(
                f"scripts/neo4j-local start failed ({proc.returncode}): "
                f"{(proc.stderr or proc.stdout).strip()[-1500:]}")
        uri = proc.stdout.strip().splitlines()[-1]
        return Neo4jServer(uri=uri, user="neo4j", password=self.password, database=None,
                           local=True, startup_seconds=time.monotonic() - t0)

    def stop(self) -> None:
        subprocess.run(["bash", str(SCRIPT), "stop"], env=self.env, capture_output=True,
                       text=True, timeout=120)
