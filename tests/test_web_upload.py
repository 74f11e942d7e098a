"""Cargar datos in the workbench (``/cargar``): upload, validation (the library's dry run),
confirmation (the library's load), and the guards: CSRF, size, zip bombs, zip-slip,
DTD/ENTITY in a workbook, unknown or expired uploads, hostile names."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from pat_graph.ingest import load_paths
from pat_graph.ingest.archive import ZipLimits
from pat_graph.store.sqlite import SQLiteStore
from pat_graph.template import workbook
from pat_graph.text import fold
from pat_graph.web import create_app
from pat_graph.web.pages import upload as upload_page

ACTORS_CP1252 = ("Código;Nombre de la entidad;Sector;Tipo de actor;Nivel territorial;Departamento\r\n"
                 "W-1;Gobernación del Meta;publico;gobernacion;departamental;Meta\r\n"
                 "W-2;Cámara de Comercio de Villavicencio;privado;camara_comercio;departamental;50\r\n")
INSTANCES_CP1252 = ("Código;Nombre;Tipo;Departamento;Estado\r\n"
                    "WI-1;Subcomisión de Concertación del Meta;subcomision_concertacion;Meta;activa\r\n")
PARTICIPATIONS = "actor;instancia;rol\r\nW-1;WI-1;miembro\r\nW-2;WI-1;miembro\r\n"
WITH_REJECTS = ("id;nombre;sector;nivel;departamento\r\n"
                "R-1;Gremio bueno;privado;departamental;Meta\r\n"
                "R-2;Gremio malo;planetario;departamental;Meta\r\n"
                "R-3;;privado;departamental;Meta\r\n")


# ------------------------------------------------------------------------ helpers
@pytest.fixture
def store_path(tmp_path) -> Path:
    path = tmp_path / "vacio.sqlite"
    SQLiteStore(path).close()
    return path


@pytest.fixture
def client(store_path):
    return create_app(str(store_path)).test_client()


def csrf_token(client) -> str:
    r = client.get("/cargar")
    assert r.status_code == 200
    return re.search(r'name="csrf" value="([0-9a-f]+)"', r.get_data(as_text=True))[1]


def send(client, name: str, body: bytes, token: str | None = "auto", **fields):
    data = {"archivo": (io.BytesIO(body), name), **fields}
    if token == "auto":
        token = csrf_token(client)
    if token is not None:
        data["csrf"] = token
    return client.post("/cargar", data=data, content_type="multipart/form-data")


def upload_ok(client, name: str, body: bytes, **fields) -> str:
    r = send(client, name, body, **fields)
    assert r.status_code == 303, r.get_data(as_text=True)[:800]
    return r.headers["Location"]


def confirm(client, page: str, token: str | None = "auto"):
    token = csrf_token(client) if token == "auto" else token
    return client.post(page + "/confirmar", data={} if token is None else {"csrf": token})


def zipped(members: dict[str, bytes | str], encoding: str = "cp1252") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content.encode(encoding) if isinstance(content, str) else content)
    return buf.getvalue()


def filled_template() -> bytes:
    """`pat-graph plantilla`'s workbook with its examples and two rows of ours."""
    wb = workbook()
    for sheet, row in (("actores", {"id": "T-1", "nombre": "Gobernación del Cauca",
                                    "sector": "publico", "nivel": "departamental",
                                    "departamento": "Cauca"}),
                       ("actores", {"id": "T-2", "nombre": "SENA Regional Cauca",
                                    "sector": "publico", "nivel": "departamental",
                                    "departamento": "19"})):
        ws = wb[sheet]
        headers = [c.value for c in ws[1]]
        ws.append([row.get(h) for h in headers])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def stats(store_path):
    with SQLiteStore(store_path) as st:
        return st.stats()


def library_dry_run(tmp_path, name: str, body: bytes):
    """What `pat-graph load --simular` reports for the same file (the CLI's numbers)."""
    path = tmp_path / "cli" / name
    path.parent.mkdir(exist_ok=True)
    if name.endswith(".zip"):  # its CSV files in a folder, named by their table
        folder = path.parent / "datos"
        folder.mkdir()
        with zipfile.ZipFile(io.BytesIO(body)) as zf:
            for info in zf.infolist():
                base = info.filename.rsplit("/", 1)[-1]
                if base.lower().endswith(".csv") and not info.filename.startswith("__"):
                    (folder / f"{fold(base[:-4], sep='_')}.csv").write_bytes(zf.read(info))
        path = folder
    else:
        path.write_bytes(body)
    return load_paths([path], SQLiteStore(":memory:"), dry_run=True)


# ------------------------------------------------------------------------ the flow
def test_template_workbook_validates_then_loads_on_confirmation(client, store_path, tmp_path):
    body = filled_template()
    page = upload_ok(client, "Registros Cauca.xlsx", body)
    r = client.get(page)
    html = r.get_data(as_text=True)
    assert r.status_code == 200 and "Validación de Registros Cauca.xlsx" in html
    assert "Registros Cauca.xlsx[actores]" in html and "libro.xlsx" not in html
    assert "Confirmar la carga" in html and 'name="csrf"' in html
    assert stats(store_path).nodes == 0  # validating writes nothing
    j = client.get(page + "?formato=json").json
    cli = library_dry_run(tmp_path, "Registros Cauca.xlsx", body)
    assert j["state"] == "validada"
    assert j["validation"]["nodes_total"] == sum(cli.nodes_by_label.values()) == 2
    assert j["validation"]["examples"] == cli.examples > 0
    assert [t["rows"] for t in j["validation"]["tables"]] == [t.rows for t in cli.tables]
    assert j["validation"]["rejects"] == [] and j["load"] is None

    seen = client.application.extensions["pat_graph_workbench"]
    assert client.get("/?formato=json").json["loads"] == 0
    r = confirm(client, page)
    assert r.status_code == 303 and r.headers["Location"] == page
    html = client.get(page).get_data(as_text=True)
    assert "Carga hecha: Registros Cauca.xlsx" in html and "Cargado" in html
    with SQLiteStore(store_path) as st:
        g = st.read_graph()
        loads = st.stats().loads
    assert g.nodes["Actor:T-1"]["name"] == "Gobernación del Cauca"
    assert len(loads) == 1 and "banco de trabajo: Registros Cauca.xlsx" in loads[0]["sources"]
    # the workbench notices the load at once: the home page counts it
    assert client.get("/?formato=json").json["loads"] == 1 and seen.loads_seen >= 2
    # a second confirmation (double click) does not load twice
    assert confirm(client, page).status_code == 303
    assert len(stats(store_path).loads) == 1
    # the same file again: the library's idempotent load says "sin cambios"
    again = upload_ok(client, "Registros Cauca.xlsx", body)
    confirm(client, again)
    assert "Sin cambios" in client.get(again).get_data(as_text=True)
    assert client.get(again + "?formato=json").json["load"]["changed"] is False
    assert len(stats(store_path).loads) == 1


def test_zipped_csv_folder_in_windows_1252_with_semicolons_and_spanish_headers(
        client, store_path, tmp_path):
    body = zipped({"Datos PAT/": b"", "Datos PAT/Actores.csv": ACTORS_CP1252,
                   "Datos PAT/instancias.CSV": INSTANCES_CP1252,
                   "Datos PAT/participaciones.csv": PARTICIPATIONS,
                   "Datos PAT/léame.txt": "notas", "__MACOSX/._Actores.csv": b"\x00\x05"})
    page = upload_ok(client, "datos.zip", body)
    j = client.get(page + "?formato=json").json
    assert {m["table"] for m in j["members"]} == {"actores.csv", "instancias.csv",
                                                 "participaciones.csv"}
    assert j["skipped"] == ["Datos PAT/léame.txt"]
    tables = {t["source"]: t for t in j["validation"]["tables"]}
    assert tables["actores.csv"]["encoding"] == "cp1252"
    assert tables["actores.csv"]["delimiter"] == ";" and tables["actores.csv"]["accepted"] == 2
    cli = library_dry_run(tmp_path, "datos.zip", body)
    assert j["validation"]["nodes_total"] == sum(cli.nodes_by_label.values())
    assert j["validation"]["warnings"] == [str(w) for w in cli.warnings]
    html = client.get(page).get_data(as_text=True)
    assert "Datos PAT/Actores.csv → actores.csv" in html
    confirm(client, page)
    with SQLiteStore(store_path) as st:
        g = st.read_graph()
    assert g.nodes["Actor:W-2"]["name"] == "Cámara de Comercio de Villavicencio"
    assert g.has_edge("Actor:W-1", "Instance:WI-1")


def test_rejects_are_listed_as_file_line_column_reason_and_good_rows_load(
        client, store_path, tmp_path):
    body = zipped({"actores.csv": WITH_REJECTS})
    page = upload_ok(client, "con errores.zip", body)
    j = client.get(page + "?formato=json").json
    cli = library_dry_run(tmp_path, "con errores.zip", body)
    assert j["validation"]["rejects"] == [str(r) for r in cli.rejects]
    assert len(j["validation"]["rejects"]) >= 2
    assert all(re.match(r"actores\.csv:\d+ \w+: .+", x) for x in j["validation"]["rejects"])
    html = client.get(page).get_data(as_text=True)
    assert "Rechazos (" in html and "actores.csv:3 sector:" in html
    assert "las 2 rechazadas no" in html
    confirm(client, page)
    with SQLiteStore(store_path) as st:
        g = st.read_graph()
    assert "Actor:R-1" in g and "Actor:R-2" not in g and "Actor:R-3" not in g
    html = client.get(page).get_data(as_text=True)
    assert "Carga hecha" in html and "2 fila(s) rechazada(s) no se cargaron" in html


def test_strict_turns_warnings_into_rejects(client):
    body = zipped({"actores.csv": "id;nombre;sector;nivel;color\r\nS-1;Gremio;privado;"
                                  "nacional;azul\r\n"})
    lax = client.get(upload_ok(client, "a.zip", body) + "?formato=json").json["validation"]
    strict = client.get(upload_ok(client, "a.zip", body, estricto="1")
                        + "?formato=json").json["validation"]
    assert lax["warnings"] and not lax["rejects"]
    assert strict["rejects"] and strict["nodes_total"] == 0


# ------------------------------------------------------------------------ guards
def _assert_refused(r, words: str):
    text = r.get_data(as_text=True)
    assert r.status_code == 400, text[:500]
    assert words in text and "Traceback" not in text and "pat-graph-cargas" not in text
    assert 'id="error-carga"' in text and 'type="file"' in text  # the form, to try again


def test_zip_bomb_is_refused_before_inflating(client, store_path):
    bomb = zipped({"actores.csv": b"id;nombre\r\n" + b" " * (40 << 20)})
    assert len(bomb) < 1 << 20
    _assert_refused(send(client, "bomba.zip", bomb), "bomba zip")
    book = io.BytesIO(filled_template())
    with zipfile.ZipFile(book, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/relleno.xml", b"<" + b" " * (40 << 20))
    _assert_refused(send(client, "bomba.xlsx", book.getvalue()), "bomba zip")
    assert stats(store_path).nodes == 0


def test_zip_total_size_and_member_count_are_capped(client, monkeypatch):
    monkeypatch.setattr(upload_page, "UPLOAD_LIMITS", ZipLimits(
        max_total=1 << 20, max_members=3, max_ratio=100, ratio_floor=1 << 20))
    rows = "".join(f"X-{i};Actor {i * 7919 % 100003};privado;nacional\r\n" for i in range(40000))
    _assert_refused(send(client, "grande.zip", zipped({"actores.csv": "id;nombre;sector;nivel\r\n"
                                                                      + rows})), "se descomprime")
    _assert_refused(send(client, "muchos.zip", zipped({f"x{i}.csv": "a" for i in range(4)})),
                    "partes (máximo 3)")


@pytest.mark.parametrize("member", ["../../fuera/actores.csv", "/tmp/actores.csv",
                                    "..\\..\\actores.csv", "C:/datos/actores.csv"])
def test_zip_slip_member_is_refused(client, tmp_path, member):
    r = send(client, "slip.zip", zipped({member: ACTORS_CP1252}))
    _assert_refused(r, "saldría de la carpeta")
    assert not list(Path("/tmp").glob("fuera")) and not (tmp_path.parent / "fuera").exists()


def test_xlsx_with_an_entity_declaration_is_refused_before_openpyxl(client, monkeypatch):
    import openpyxl.reader.excel

    book = io.BytesIO(filled_template())
    out = io.BytesIO()
    with zipfile.ZipFile(book) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/workbook.xml":
                data = re.sub(rb"^(<\?xml[^>]*\?>)?", lambda m: (m[0] or b"") +
                              b'<!DOCTYPE w [<!ENTITY e SYSTEM "file:///etc/passwd">]>', data,
                              count=1)
                assert b"<!ENTITY" in data
            dst.writestr(info, data)

    def never(*a, **k):
        raise AssertionError("openpyxl no debía abrir el libro")
    monkeypatch.setattr(openpyxl.reader.excel.ExcelReader, "read", never)
    _assert_refused(send(client, "entidades.xlsx", out.getvalue()), "declara un DTD")


@pytest.mark.parametrize(("name", "body", "words"), [
    ("informe.pdf", b"%PDF-1.4", "solo se cargan libros .xlsx o carpetas de CSV"),
    ("viejo.xls", b"\xd0\xcf\x11\xe0", "guarde el .xls como .xlsx"),
    ("falso.xlsx", b"esto no es un zip", "no es un libro .xlsx válido"),
    ("vacio.zip", zipped({"notas.txt": "hola"}), "no tiene ningún CSV de las tablas PAT"),
    ("doble.zip", zipped({"a/actores.csv": ACTORS_CP1252, "b/Actores.csv": ACTORS_CP1252}),
     "hay dos archivos de la tabla actores"),
])
def test_unusable_files_are_a_clear_spanish_error(client, name, body, words):
    _assert_refused(send(client, name, body), words)


def test_no_file_chosen(client):
    r = client.post("/cargar", data={"csrf": csrf_token(client)},
                    content_type="multipart/form-data")
    _assert_refused(r, "Elija un archivo")


def test_csrf_token_missing_wrong_or_from_another_session_is_403(client, store_path):
    body = zipped({"actores.csv": WITH_REJECTS})
    for token in (None, "0" * 64):
        r = send(client, "a.zip", body, token=token)
        assert r.status_code == 403 and "Formulario no válido" in r.get_data(as_text=True)
    other = create_app(str(store_path)).test_client()  # same server secret? no: another app
    assert send(client, "a.zip", body, token=csrf_token(other)).status_code == 403
    same_app_other_browser = client.application.test_client()
    stolen = csrf_token(same_app_other_browser)
    assert send(client, "a.zip", body, token=stolen).status_code == 403
    r = client.post("/cargar", data={"csrf": csrf_token(client),
                                     "archivo": (io.BytesIO(body), "a.zip")},
                    headers={"Origin": "http://malo.example"}, content_type="multipart/form-data")
    assert r.status_code == 403
    page = upload_ok(client, "a.zip", body)
    for token in (None, "f" * 64, stolen):
        assert confirm(client, page, token=token).status_code == 403
    assert stats(store_path).nodes == 0
    assert confirm(client, page).status_code == 303 and stats(store_path).nodes > 0


def test_session_cookie_is_strict_and_http_only(client):
    r = client.get("/cargar")
    cookie = r.headers["Set-Cookie"]
    assert "pat_graph_sesion=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert "Set-Cookie" not in client.get("/cargar").headers  # kept, not redrawn


def test_get_never_loads(client, store_path):
    page = upload_ok(client, "a.zip", zipped({"actores.csv": WITH_REJECTS}))
    r = client.get(page + "/confirmar")
    assert r.status_code == 405 and "solo recibe el envío de su formulario" in \
        r.get_data(as_text=True)
    client.get(page)
    client.get(page + "?formato=json")
    assert stats(store_path).nodes == 0


def test_unknown_expired_or_foreign_upload_is_404(client, store_path, monkeypatch):
    r = client.get("/cargar/no-existe")
    assert r.status_code == 404 and "no existe o caducó" in r.get_data(as_text=True)
    assert client.get("/cargar/no-existe", headers={"Accept": "application/json"}).json[
        "error"]["status"] == 404
    page = upload_ok(client, "a.zip", zipped({"actores.csv": WITH_REJECTS}))
    foreign = client.application.test_client()  # another browser of the same server
    assert foreign.get(page).status_code == 404
    assert confirm(foreign, page).status_code == 404
    monkeypatch.setattr(upload_page, "UPLOAD_TTL", -1)
    assert client.get(page).status_code == 404
    assert confirm(client, page).status_code == 404
    assert stats(store_path).nodes == 0


def test_upload_larger_than_the_limit_is_413(store_path):
    client = create_app(str(store_path), max_upload_mb=1).test_client()
    r = send(client, "grande.zip", b"PK" + b"x" * (2 << 20))
    text = r.get_data(as_text=True)
    assert r.status_code == 413 and "Archivo demasiado grande" in text and "1 MB" in text
    assert "Traceback" not in text


def test_hostile_file_and_cell_names_are_inert(client):
    hostile = "<img src=x onerror=alert(1)>"
    body = zipped({"actores.csv": f"id;nombre;sector;nivel\r\nH-1;Gremio;{hostile};nacional\r\n"})
    page = upload_ok(client, hostile + ".zip", body)
    html = client.get(page).get_data(as_text=True)
    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") >= 3  # title, heading, reject
    page = upload_ok(client, "a</script><script>alert(2)</script>.zip", body)
    html = client.get(page).get_data(as_text=True)
    assert "<script>alert" not in html and "script&gt;.zip" in html  # its last part, as text
    r = send(client, hostile + ".pdf", b"x")
    assert r.status_code == 400 and "<img" not in r.get_data(as_text=True)


def test_serve_has_the_upload_limit_option():
    from click.testing import CliRunner

    from pat_graph.cli import main

    out = CliRunner().invoke(main, ["serve", "-h"]).output
    assert "--limite-carga" in out


@pytest.mark.neo4j
def test_upload_and_confirm_on_neo4j(neo4j_store):
    client = create_app(store=neo4j_store).test_client()
    page = upload_ok(client, "datos.zip", zipped({"actores.csv": ACTORS_CP1252,
                                                  "instancias.csv": INSTANCES_CP1252,
                                                  "participaciones.csv": PARTICIPATIONS}))
    assert neo4j_store.stats().nodes == 0
    assert confirm(client, page).status_code == 303
    g = neo4j_store.read_graph()
    assert g.nodes["Actor:W-1"]["name"] == "Gobernación del Meta"
    assert client.get(page + "?formato=json").json["load"]["changed"] is True
    assert client.get("/?formato=json").json["loads"] == 1
