"""``LOAD CSV`` of the same records the batched store writes, for comparison.

One CSV file per node label and per (relationship type, start label, end label),
read by the server through a ``file:///`` URL and upserted with ``MERGE`` in
``CALL { ... } IN TRANSACTIONS OF n ROWS`` (auto-commit), on an empty database
with the store's schema (uniqueness constraints) in place.

Where the files go: the server's import directory (``server.directories.import``)
when it is on this machine, addressed as ``file:///NAME``; when the server does
not resolve URLs against it — the in-process ``neo4j-harness`` server of
``scripts/neo4j-local`` reports that setting but, with
``dbms.security.allow_csv_import_from_file_urls=true``, reads ``file:///`` URLs as
absolute paths — the absolute ``file:///path`` of the same file. Writing the
files is not timed; the LOAD CSV statements are.

Differences with the batched path, in LOAD CSV's favour: values arrive as
strings (no typed properties, except ``row``), and there is no change detection
(every row is SET), so reloading unchanged files rewrites ``loaded_at``.
Labels, types and property names come from the model and the records (never
from user input); the statements are assembled here because this is a
benchmark, not the store (the store only runs statements read from files).
"""

from __future__ import annotations

import csv
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import neo4j

from pat_graph.model import KEY_PROPERTY, RecordBatch


def _name(text: str) -> str:
    if not text.replace("_", "").isalnum():
        raise ValueError(f"not an identifier: {text!r}")
    return f"`{text}`"


def write_files(batch: RecordBatch, folder: Path) -> list[dict[str, Any]]:
    """The CSV files (nodes first) and, for each, the statement that loads it."""
    folder.mkdir(parents=True, exist_ok=True)
    jobs: list[dict[str, Any]] = []
    nodes: dict[str, list] = defaultdict(list)
    for n in batch.nodes:
        nodes[n.label].append(n)
    for label, recs in nodes.items():
        props = sorted({k for r in recs for k in r.props} - {KEY_PROPERTY[label]})
        path = folder / f"node_{label}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(["key", "source", "row", *props])
            for r in recs:
                out.writerow([r.key, r.source, r.row, *(_cell(r.props.get(k)) for k in props)])
        sets = ", ".join([f"n.{_name(k)} = row.{_name(k)}" for k in props]
                         + ["n.source = row.source", "n.row = toInteger(row.row)",
                            "n.loaded_at = $loaded_at"])
        text = (f"MERGE (n:{_name(label)} {{{_name(KEY_PROPERTY[label])}: row.key}}) SET {sets}")
        jobs.append({"file": path, "rows": len(recs), "body": text})
    edges: dict[tuple[str, str, str], list] = defaultdict(list)
    for e in batch.edges:
        edges[(e.type, e.start_label, e.end_label)].append(e)
    for (rtype, sl, el), recs in edges.items():
        props = sorted({k for r in recs for k in r.props} - {"ekey"})
        path = folder / f"rel_{rtype}_{sl}_{el}.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            out = csv.writer(fh)
            out.writerow(["start", "end", "ekey", "source", "row", *props])
            for r in recs:
                out.writerow([r.start_key, r.end_key, r.ekey, r.source, r.row,
                              *(_cell(r.props.get(k)) for k in props)])
        sets = ", ".join([f"r.{_name(k)} = row.{_name(k)}" for k in props]
                         + ["r.source = row.source", "r.row = toInteger(row.row)",
                            "r.loaded_at = $loaded_at"])
        text = (f"MATCH (a:{_name(sl)} {{{_name(KEY_PROPERTY[sl])}: row.start}}) "
                f"MATCH (b:{_name(el)} {{{_name(KEY_PROPERTY[el])}: row.end}}) "
                f"MERGE (a)-[r:{_name(rtype)} {{ekey: coalesce(row.ekey, '')}}]->(b) SET {sets}")
        jobs.append({"file": path, "rows": len(recs), "body": text})
    return jobs


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def import_dir(session: neo4j.Session) -> Path | None:
    rows = session.run("CALL dbms.listConfig('server.directories.import') "
                       "YIELD name, value RETURN value").data()
    value = rows[0]["value"] if rows else None
    return Path(value) if value and Path(value).is_dir() else None


def file_url(session: neo4j.Session, path: Path) -> str:
    """A ``file:///`` URL the server can read ``path`` at (see the module docs)."""
    probe = "LOAD CSV FROM $url AS line RETURN count(*) AS n"
    where = import_dir(session)
    if where is not None:
        target = where / path.name
        if target.resolve() != path.resolve():
            shutil.copyfile(path, target)
        url = f"file:///{path.name}"
        try:
            session.run(probe, url=url).consume()
            return url
        except neo4j.exceptions.Neo4jError:
            target.unlink(missing_ok=True)
    url = path.resolve().as_uri()
    session.run(probe, url=url).consume()
    return url


def load_csv(store: Any, batch: RecordBatch, folder: Path, batch_size: int,
             clock: Any) -> dict[str, Any]:
    """Write the files (untimed), then LOAD CSV them all (timed); returns the phase result."""
    import os

    jobs = write_files(batch, folder)
    driver = neo4j.GraphDatabase.driver(
        os.environ["NEO4J_URI"],
        auth=(os.environ.get("NEO4J_USERNAME", "neo4j"), os.environ["NEO4J_PASSWORD"])
        if os.environ.get("NEO4J_PASSWORD") else None,
        notifications_min_severity="OFF")
    loaded_at = "2000-01-01T00:00:00+00:00"
    try:
        with driver.session(database=store.database) as session:
            urls = [file_url(session, j["file"]) for j in jobs]
            clock.start()
            nodes_s = edges_s = 0.0
            import time
            for job, url in zip(jobs, urls, strict=True):
                text = (f"LOAD CSV WITH HEADERS FROM $url AS row CALL {{ WITH row "
                        f"{job['body']} }} IN TRANSACTIONS OF {int(batch_size)} ROWS")
                t = time.perf_counter()
                session.run(text, url=url, loaded_at=loaded_at).consume()
                dt = time.perf_counter() - t
                if job["file"].name.startswith("node_"):
                    nodes_s += dt
                else:
                    edges_s += dt
            seconds = clock.stop()
            counts = session.run("MATCH (n) WITH count(n) AS n "
                                 "MATCH ()-[r]->() RETURN n, count(r) AS r").single()
    finally:
        driver.close()
    return {"seconds": seconds, "rows": len(batch), "nodes_per_s": len(batch.nodes) / nodes_s,
            "relationships_per_s": len(batch.edges) / edges_s,
            "url_example": urls[0] if urls else None, "files": len(jobs),
            "loaded_nodes": counts["n"], "loaded_relationships": counts["r"],
            "unit": "records (nodes + relationships)"}
