"""pat_graph.ingest.archive: the zip checks every reader of a zip uses (the .xlsx reader of
the CLI and library, the workbench's uploads)."""

from __future__ import annotations

import zipfile

import pytest

from pat_graph.errors import InputError
from pat_graph.ingest.archive import ZipLimits, check_workbook, check_zip, member_path, refuse_dtd
from pat_graph.ingest.reading import read_xlsx

ROOT = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def _zip(path, members):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


@pytest.mark.parametrize("name", ["../x.csv", "a/../../x.csv", "/etc/x", "\\\\srv\\x",
                                  "C:\\x.csv", "d:x.csv", "a\x00.csv"])
def test_member_names_that_leave_the_folder_are_refused(name):
    with pytest.raises(InputError, match="saldría de la carpeta"):
        member_path(name)


def test_ordinary_member_names_pass():
    assert str(member_path("Datos PAT/./actores.csv")) == "Datos PAT/actores.csv"
    assert str(member_path("datos\\instancias.csv")) == "datos/instancias.csv"


@pytest.mark.parametrize("prolog", [
    '<?xml version="1.0"?><!DOCTYPE w>',
    '<?xml version="1.0"?>\n<!-- c --><!DOCTYPE w [<!ENTITY e "x">]>',
    '\ufeff<!ENTITY e "x">',
    '<?xml version="1.0"?><?pi x?>\n  <!doctype w>',
])
def test_a_dtd_in_any_xml_part_is_refused(tmp_path, prolog):
    book = _zip(tmp_path / "libro.xlsx", {"xl/worksheets/sheet1.xml": prolog + ROOT})
    with pytest.raises(InputError, match="declara un DTD"):
        refuse_dtd(book)


def test_utf16_xml_part_is_refused_but_binary_parts_pass(tmp_path):
    book = _zip(tmp_path / "libro.xlsx", {"xl/a.xml": ('<?xml version="1.0" encoding="UTF-16"?>'
                                                       + ROOT).encode("utf-16")})
    with pytest.raises(InputError, match="UTF-16"):
        refuse_dtd(book)
    ok = _zip(tmp_path / "ok.xlsx", {
        "xl/printerSettings/printerSettings1.bin": "HP LaserJet".encode("utf-16-le") + b"\0" * 60,
        "xl/media/image1.png": b"\x89PNG\r\n\x1a\n" + b"\0" * 40,
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?>\n' + ROOT})
    refuse_dtd(ok)


def test_limits_bind(tmp_path):
    z = _zip(tmp_path / "a.zip", {f"m{i}.csv": "x" * 1000 for i in range(5)})
    check_zip(z, ZipLimits(max_total=5000, max_members=5, max_ratio=1000, ratio_floor=0), what=".zip")
    with pytest.raises(InputError, match="partes"):
        check_zip(z, ZipLimits(max_total=10**9, max_members=4, max_ratio=1000, ratio_floor=0))
    with pytest.raises(InputError, match="bomba zip"):
        check_zip(z, ZipLimits(max_total=4999, max_members=9, max_ratio=1000, ratio_floor=0))
    with pytest.raises(InputError, match="bomba zip"):
        check_zip(z, ZipLimits(max_total=10**9, max_members=9, max_ratio=10, ratio_floor=100))


def test_the_xlsx_reader_refuses_a_dtd_before_openpyxl(tmp_path, monkeypatch):
    import openpyxl.reader.excel

    book = _zip(tmp_path / "libro.xlsx", {"xl/workbook.xml": '<!DOCTYPE w SYSTEM "x">' + ROOT})
    monkeypatch.setattr(openpyxl.reader.excel.ExcelReader, "read",
                        lambda *a: pytest.fail("openpyxl abrió el libro"))
    with pytest.raises(InputError, match="libro.xlsx: la parte xl/workbook.xml declara un DTD"):
        read_xlsx(book)
    with pytest.raises(InputError, match="declara un DTD"):
        check_workbook(book)
