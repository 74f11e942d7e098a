"""Cargar datos: upload a workbook (``.xlsx``) or a zipped CSV folder (``.zip``), see its
validation, confirm the load.

The validation and the load are the library's own (:func:`pat_graph.ingest.load_paths`
through :meth:`~pat_graph.web.state.Workbench.load`): first a dry run (``pat-graph load
--simular``: read, validate, nothing written), then, on "Confirmar la carga", the load
(the good rows in one transaction; loading the same file again changes nothing).

What a browser sends never reaches the file system as a path: the upload is saved in a
private temporary folder (created 0700 at the first upload, removed at exit) under a
generated name (:data:`WORKBOOK_NAME`, :data:`ZIP_NAME`); a zip's CSV members are
written under the table name they match (``actores.csv`` …, names from the mappings,
never the member's), after :func:`pat_graph.ingest.archive.check_zip` (no absolute or
``..`` member, no link, member count, total size and compression ratio capped:
:data:`UPLOAD_LIMITS`) and a workbook after
:func:`~pat_graph.ingest.archive.check_workbook` (the same caps, and no DTD or ENTITY
declaration in its XML parts) — before openpyxl sees it. Uploads are known by a random
id bound to the browser's session (:mod:`pat_graph.web.csrf`) and forgotten after
:data:`UPLOAD_TTL` seconds; both POSTs need the form's CSRF token. The request's size
is capped by Flask's ``MAX_CONTENT_LENGTH`` (``pat-graph serve --limite-carga``; 413).
"""

from __future__ import annotations

import atexit
import secrets
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask import Response, current_app, make_response, redirect, render_template, request

from pat_graph.errors import InputError, NotFoundError
from pat_graph.ingest import pat_mappings
from pat_graph.ingest.archive import (
    ZipLimits,
    check_workbook,
    check_zip,
    extract_member,
    member_path,
)
from pat_graph.model import LABEL_ES, REL_ES
from pat_graph.tables import control_free
from pat_graph.text import fold
from pat_graph.web import csrf
from pat_graph.web.http import Route, jsonable, wants_json, workbench

ROUTES: tuple[Route, ...] = (
    Route("/cargar", "cargar", "Cargar datos: subir un libro .xlsx o un .zip de CSV y validarlo",
          ("GET", "POST")),
    Route("/cargar/<carga>", "carga",
          "Validación de una carga subida (archivo:línea columna: motivo) y su resultado"),
    Route("/cargar/<carga>/confirmar", "confirmar_carga",
          "Confirmar la carga validada (formulario POST)", ("POST",)),
)
#: What an uploaded zip (a workbook or a CSV folder) may inflate to.
UPLOAD_LIMITS = ZipLimits(max_total=512 << 20, max_members=1_000, max_ratio=100,
                          ratio_floor=1 << 20)
#: Seconds an upload waits for its confirmation; pending uploads kept at most.
UPLOAD_TTL = 3600
MAX_UPLOADS = 20
#: The generated names an upload is saved under (never the browser's file name).
WORKBOOK_NAME = "libro.xlsx"
ZIP_NAME = "subido.zip"
DATA_DIR = "datos"
#: Mark of a workbench load in the store's load history (followed by the file's name).
WEB_SOURCE = "banco de trabajo"
#: Rejects and warnings listed on the page at most (the JSON has them all).
MAX_SHOWN = 200
_REGISTRY = "pat_graph_uploads"
#: How the page names the encodings the reader found.
ENCODINGS_ES = {"xlsx": "Excel", "utf-8": "UTF-8", "utf-8-sig": "UTF-8 (con BOM)",
                "cp1252": "Windows-1252", "latin-1": "Latin-1"}


@dataclass
class Upload:
    """One uploaded file: where it is kept, its validation and, once confirmed, its load."""

    id: str
    session: str
    name: str  # the browser's file name: shown, never used as a path
    kind: str  # "xlsx" | "zip"
    folder: Path
    path: Path  # what the library reads: the workbook or the folder of CSV files
    strict: bool = False
    members: list[tuple[str, str]] = field(default_factory=list)  # zip member → table file
    skipped: list[str] = field(default_factory=list)
    created: float = field(default_factory=time.monotonic)
    validation: Any = None
    result: Any = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def shown(self, text: str) -> str:
        """``text`` of the library (a source, a reject) naming the file as the user does."""
        text = text.replace(str(self.path), self.name).replace(str(self.folder), self.name)
        saved = WORKBOOK_NAME if self.kind == "xlsx" else ZIP_NAME
        if text.startswith(saved):
            text = self.name + text[len(saved):]
        return text


class Uploads:
    """The uploads of one application, in a private temporary folder."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._root: Path | None = None
        self._items: dict[str, Upload] = {}

    def new_folder(self) -> Path:
        with self._lock:
            if self._root is None:
                self._root = Path(tempfile.mkdtemp(prefix="pat-graph-cargas-"))
                atexit.register(shutil.rmtree, self._root, True)
            return Path(tempfile.mkdtemp(dir=self._root))

    def add(self, upload: Upload) -> None:
        with self._lock:
            self._purge()
            self._items[upload.id] = upload
            pending = sorted((u for u in self._items.values() if u.result is None),
                             key=lambda u: u.created)
            for old in pending[:max(0, len(pending) - MAX_UPLOADS)]:
                self._drop(old.id)

    def get(self, upload_id: str, session: str) -> Upload:
        with self._lock:
            self._purge()
            found = self._items.get(upload_id)
        if found is None or not secrets.compare_digest(found.session, session):
            raise NotFoundError(
                f"La carga «{upload_id}» no existe o caducó: los archivos subidos se guardan "
                f"{UPLOAD_TTL // 60} minutos, solo para el navegador que los subió. Súbalo de "
                "nuevo en Cargar datos.")
        return found

    def _purge(self) -> None:
        now = time.monotonic()
        for key in [k for k, u in self._items.items() if now - u.created > UPLOAD_TTL]:
            self._drop(key)

    def _drop(self, key: str) -> None:
        upload = self._items.pop(key)
        shutil.rmtree(upload.folder, ignore_errors=True)


def uploads() -> Uploads:
    """The running application's uploads."""
    return current_app.extensions.setdefault(_REGISTRY, Uploads())


# ------------------------------------------------------------------- the views
def cargar() -> Response | str:
    if request.method == "GET":
        return _form()
    session = csrf.check()
    strict = request.form.get("estricto") in ("1", "on", "si", "sí")
    try:
        upload = _receive(session, strict)
    except InputError as err:
        if wants_json():
            raise
        return _form(str(err), 400)
    uploads().add(upload)
    return redirect(f"/cargar/{upload.id}", 303)


def carga(carga: str) -> Response | str:
    upload = uploads().get(carga, csrf.session_id())
    data = _data(upload)
    if wants_json():
        return csrf.set_cookie(make_response(jsonable(data)))
    return csrf.set_cookie(make_response(render_template(
        "carga.html", data=data, csrf_token=csrf.token(), MAX_SHOWN=MAX_SHOWN)))


def confirmar_carga(carga: str) -> Response:
    session = csrf.check()
    upload = uploads().get(carga, session)
    with upload.lock:  # a double click loads once
        if upload.result is None:
            upload.result = workbench().load(
                [upload.path], strict=upload.strict,
                extra_sources=(f"{WEB_SOURCE}: {upload.name}",))
            shutil.rmtree(upload.folder, ignore_errors=True)  # loaded: the files go
    return redirect(f"/cargar/{upload.id}", 303)


# ------------------------------------------------------------------- the steps
def _form(error: str | None = None, status: int = 200) -> Response:
    limit = current_app.config.get("MAX_CONTENT_LENGTH")
    data = {"limit_mb": limit // 2**20 if limit else None, "accepted": [".xlsx", ".zip"],
            "tables": [f for m in pat_mappings() for f in m.files], "error": error,
            "csrf": csrf.token()}
    if wants_json():
        resp = make_response(jsonable(data), status)
    else:
        resp = make_response(render_template("cargar.html", data=data, csrf_token=data["csrf"]),
                             status)
    return csrf.set_cookie(resp)


def _client_name(raw: str) -> str:
    """The browser's file name as shown: its last part, control characters out, short."""
    name = control_free(raw.replace("\\", "/").rsplit("/", 1)[-1])[0].strip()
    return name[:120] or "archivo"


def _receive(session: str, strict: bool) -> Upload:
    """Save, check and validate the posted file; :class:`InputError` when unusable."""
    sent = request.files.get("archivo")
    if sent is None or not sent.filename:
        raise InputError("Elija un archivo: un libro .xlsx (p. ej. la plantilla de "
                         "`pat-graph plantilla` llena) o una carpeta de CSV comprimida en .zip")
    name = _client_name(sent.filename)
    suffix = Path(name).suffix.lower()
    if suffix not in (".xlsx", ".zip"):
        hint = (" (guarde el .xls como .xlsx desde Excel)" if suffix == ".xls" else
                " (comprima los CSV en un .zip)" if suffix in (".csv", ".txt") else "")
        raise InputError(f"«{name}»: solo se cargan libros .xlsx o carpetas de CSV comprimidas "
                         f"en .zip{hint}")
    folder = uploads().new_folder()
    kind = suffix[1:]
    saved = folder / (WORKBOOK_NAME if kind == "xlsx" else ZIP_NAME)
    upload = Upload(id=secrets.token_urlsafe(12), session=session, name=name, kind=kind,
                    folder=folder, path=saved, strict=strict)
    try:
        sent.save(saved)
        if kind == "xlsx":
            check_workbook(saved, UPLOAD_LIMITS)
        else:
            _unzip(upload, saved)
        upload.validation = workbench().load([upload.path], dry_run=True, strict=strict)
    except InputError as err:
        shutil.rmtree(folder, ignore_errors=True)
        raise InputError(upload.shown(str(err))) from err
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return upload


def _unzip(upload: Upload, saved: Path) -> None:
    """The zip's CSV members of known tables into ``datos/<tabla>.csv`` (checked first)."""
    infos = check_zip(saved, UPLOAD_LIMITS, what=".zip")
    tables = {fold(f, sep="_") for m in pat_mappings() for f in m.files}
    target = upload.folder / DATA_DIR
    target.mkdir()
    written = 0
    with zipfile.ZipFile(saved) as zf:
        for info in infos:
            if info.is_dir():
                continue
            member = member_path(info.filename)
            base = member.name
            if member.parts[0] == "__MACOSX" or base.startswith((".", "~$")):
                continue  # macOS resource forks, hidden and Excel lock files
            stem, _, ext = base.rpartition(".")
            table = fold(stem, sep="_")
            if ext.lower() not in ("csv", "txt") or table not in tables:
                upload.skipped.append(info.filename)
                continue
            dest = target / f"{table}.csv"
            if dest.exists():
                raise InputError(f"{upload.name}: hay dos archivos de la tabla {table} "
                                 f"(«{info.filename}» y otro): deje uno solo")
            with dest.open("wb") as out:
                written += extract_member(zf, info, out, min(
                    info.file_size, UPLOAD_LIMITS.max_total - written))
            upload.members.append((info.filename, dest.name))
    saved.unlink()
    if not upload.members:
        raise InputError(f"{upload.name}: el .zip no tiene ningún CSV de las tablas PAT "
                         f"({', '.join(sorted(tables))}: actores.csv, instancias.csv …)")
    upload.path = target


def _report(upload: Upload, report: Any) -> dict[str, Any]:
    """A :class:`~pat_graph.ingest.LoadReport` as the page shows it (the file's own name)."""
    sh = upload.shown
    written = report.written
    return {
        "tables": [{"source": sh(t.source), "rows": t.rows, "accepted": t.accepted,
                    "rejected": t.rejected, "encoding": t.encoding,
                    "encoding_es": ENCODINGS_ES.get(t.encoding, t.encoding),
                    "delimiter": t.delimiter}
                   for t in report.tables],
        "rows_read": report.rows_read, "rows_rejected": report.rows_rejected,
        "rejects": [sh(str(r)) for r in report.rejects],
        "warnings": [sh(str(w)) for w in report.warnings],
        "ignored": [sh(s) for s in report.ignored],
        "examples": report.examples, "notes": [sh(n) for n in report.notes],
        "nodes": {LABEL_ES.get(k, k): v for k, v in sorted(report.nodes_by_label.items())},
        "edges": {REL_ES.get(k, k): v for k, v in sorted(report.edges_by_type.items())},
        "nodes_total": sum(report.nodes_by_label.values()),
        "edges_total": sum(report.edges_by_type.values()),
        "changed": None if written is None else written.changed,
        "loaded_at": None if written is None else written.loaded_at,
    }


def _data(upload: Upload) -> dict[str, Any]:
    return {
        "id": upload.id, "file": upload.name, "kind": upload.kind, "strict": upload.strict,
        "state": "cargada" if upload.result is not None else "validada",
        "members": [{"member": m, "table": t} for m, t in upload.members],
        "skipped": upload.skipped,
        "validation": _report(upload, upload.validation),
        "load": None if upload.result is None else _report(upload, upload.result),
        "store": workbench().shown_location,
    }
