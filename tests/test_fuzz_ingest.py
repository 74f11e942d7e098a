"""Fuzzing the loader with hypothesis: generated files never crash it, never lose a
planted good row, and every reject names its line.

Each example writes an ``actores.csv`` in a random encoding (UTF-8, UTF-8 with
BOM, Windows-1252), delimiter (``,`` ``;`` tab), quoting, line ending, with
blank and ragged lines, NUL bytes, huge fields, formulas (``=`` ``+`` ``-``
``@``) and junk rows between *planted good rows* whose ids, names and lines
are known. At most one stray quote (``"`` opened by hand, never closed) per
file, with no quote after it (stray quotes closed by later stray quotes, of any
parity: ``tests/test_hostile_input.py``). Properties:

1. only :class:`PatGraphError` subclasses may escape ``load_paths``;
2. every planted good row is loaded, with its name verbatim and its line as
   provenance;
3. every reject reads ``actores.csv:<line>[ column]: reason`` with a line
   inside the file.

The default run is fast (``PAT_FUZZ_EXAMPLES``, default 200 per test, derandomized). A soak
run with fresh random examples: ``PAT_FUZZ_EXAMPLES=5000 PAT_FUZZ_RANDOM=1 pytest
tests/test_fuzz_ingest.py``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pat_graph.errors import PatGraphError
from pat_graph.ingest import load_paths
from pat_graph.store.sqlite import SQLiteStore

EXAMPLES = int(os.environ.get("PAT_FUZZ_EXAMPLES", "200"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get(
    "PAT_FUZZ_RANDOM"), suppress_health_check=[HealthCheck.too_slow,
                                                HealthCheck.data_too_large])

HEADER = ["id", "nombre", "sigla", "sector", "tipo", "nivel", "nit", "departamento", "municipio",
          "observaciones"]
SECTORS = ["publico", "privado", "academico", "comunitario", "cooperacion", "Público", "PRIVADO"]
DEPARTMENTS = ["Meta", "05", "5", "ANTIOQUIA", "Bogotá D.C.", "San Andrés", "Chocó", "27"]
# Windows-1252 letters that can never form valid UTF-8 next to ASCII (no ¿ ¡ after Ñ ...)
CP1252_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZáéíóúñÁÉÍÓÚÑü0123456789"
UTF8_EXTRA = "őŁ中文😀€\u200b\u00a0"
PUNCT = " .,;:()'\"\t-/&"
FORMULAS = ["=HYPERLINK(\"http://x.example\",\"clic\")", "=1+1", "+57 300", "-2+3", "@SUM(A1:A2)",
            "=cmd|' /C calc'!A0", "'}) DETACH DELETE n //", "<img src=x onerror=alert(1)>"]


def _text(alphabet: str, min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=min_size, max_size=max_size)


@dataclass
class Planted:
    id: str
    name: str
    line: int = 0


@dataclass
class Generated:
    data: bytes
    encoding: str
    delimiter: str
    planted: list[Planted] = field(default_factory=list)
    lines: int = 0


_BREAK = re.compile(r"\r\n|\r|\n")


@st.composite
def actor_files(draw: st.DrawFn) -> Generated:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    terminator = draw(st.sampled_from(["\n", "\r\n"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    letters = CP1252_LETTERS + ("" if encoding == "cp1252" else UTF8_EXTRA)
    name_text = _text(letters + PUNCT + "\n", 1, 40).filter(lambda s: s.strip())
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator=terminator)
    writer.writerow(HEADER)
    planted: list[Planted] = []
    n_rows = draw(st.integers(1, 25))
    stray_used = False
    for i in range(n_rows):
        kind = draw(st.sampled_from(["good", "good", "junk", "junk_raw", "blank", "ragged",
                                     "huge", "nul", "stray"]))
        if stray_used and kind in ("stray", "junk"):
            kind = "blank"
        start = len(_BREAK.findall(out.getvalue())) + 1
        if kind == "good":
            name = draw(st.one_of(name_text, st.sampled_from(FORMULAS)))
            if stray_used:  # no quotes after a stray one (see the module docs)
                name = draw(_text(letters + " .:()", 1, 30).filter(lambda s: s.strip()))
            nivel = draw(st.sampled_from(["nacional", "departamental", "Municipal"]))
            dept = "" if nivel == "nacional" else draw(st.sampled_from(DEPARTMENTS))
            row = [f"G-{i}", name, draw(_text(letters, 0, 8)), draw(st.sampled_from(SECTORS)),
                   draw(st.sampled_from(["", "empresa", "Cámara de Comercio"])), nivel,
                   draw(st.sampled_from(["", "890.900.608-9", "900123456"])), dept, "",
                   draw(_text(letters + (" .:" if stray_used else PUNCT), 0, 20))]
            cut = draw(st.integers(6, len(row)))  # trailing optional columns may be missing
            row = row[:cut] if all(v == "" for v in row[cut:]) else row
            if draw(st.booleans()):
                row += [""] * draw(st.integers(1, 3))  # trailing empty fields (Excel does this)
            writer.writerow(row)
            planted.append(Planted(f"G-{i}", name.strip(), start))
        elif kind == "junk":
            cells = draw(st.lists(_text(letters + PUNCT + "\n=+-@", 0, 20), min_size=0,
                                  max_size=14))
            if cells and cells[0].strip().startswith("G-"):
                cells[0] = "J" + cells[0]
            writer.writerow(cells)
        elif kind == "junk_raw":  # a line written by hand: no quotes, any characters
            raw = draw(_text(letters + PUNCT.replace('"', "") + "=+-@\x00", 0, 60))
            if raw.lstrip().startswith("G-"):
                raw = "J" + raw
            out.write(raw.replace("\n", " ") + terminator)
        elif kind == "blank":
            out.write(draw(st.sampled_from(["", " ", delimiter * 3, "\t "])) + terminator)
        elif kind == "ragged":  # more fields than the header, some not empty
            writer.writerow([f"R-{i}", "Fila con campos de más", "", "privado", "", "nacional"]
                            + [""] * 4 + ["sobra"] * draw(st.integers(1, 5)))
        elif kind == "huge":
            size = draw(st.sampled_from([10_000] * 8 + [200_000, 1_200_000]))
            writer.writerow([f"H-{i}", "x" * size, "", "privado", "", "nacional"])
        elif kind == "stray":  # a quote opened by hand and never closed (one per file)
            stray_used = True
            writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_NONE,
                                escapechar="\\", lineterminator=terminator)
            d = delimiter
            out.write(f'S-{i}{d}"Comilla sin cerrar{d}{d}privado{d}{d}nacional' + terminator)
        else:  # NUL bytes inside a row
            writer.writerow([f"N-{i}\x00", "Nombre\x00 con NUL", "", "privado\x00", "", "nacional"])
    text = out.getvalue()
    data = text.encode(encoding)
    return Generated(data, encoding, delimiter, planted, len(_BREAK.findall(text)) + 1)


REJECT = re.compile(r"^actores\.csv:(\d+)(?: [^:]+)?: .+", re.S)


def _load(data: bytes):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "actores.csv").write_bytes(data)
        store = SQLiteStore(":memory:")
        try:
            report = load_paths([folder], store, include_reference=True)
            return report, store.read_graph()
        finally:
            store.close()


@FUZZ
@given(actor_files())
def test_generated_files_never_crash_lose_rows_or_hide_lines(gen: Generated):
    try:
        report, g = _load(gen.data)
    except PatGraphError:
        raise AssertionError("a file with a good header must load its good rows") from None
    for p in gen.planted:
        node = g.nodes.get(f"Actor:{p.id}")
        assert node is not None, (p, [str(r) for r in report.rejects if f":{p.line}" in str(r)])
        assert node["name"] == p.name
        assert node["row"] == p.line, (p, node["row"])
    for r in report.rejects:
        m = REJECT.match(str(r))
        assert m, str(r)
        assert 1 <= int(m[1]) <= gen.lines, (str(r), gen.lines)


@FUZZ
@given(st.binary(max_size=3000), st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff",
                                                  b"id,nombre,sector,nivel\n", b'"']))
def test_random_bytes_only_raise_pat_graph_errors(data: bytes, prefix: bytes):
    try:
        report, _ = _load(prefix + data)
    except PatGraphError:
        return
    for r in report.rejects:
        assert REJECT.match(str(r)), str(r)


# ----------------------------------------------------- regressions found by fuzzing
def test_truncated_utf16_file_does_not_crash():
    """Found by fuzzing: b'\\xff\\xfe' + odd bytes raised UnicodeDecodeError."""
    data = "id,nombre,sector,nivel\nA-1,Gremio,privado,nacional\n".encode("utf-16") + b"\x00"
    report, g = _load(data)
    assert g.nodes["Actor:A-1"]["name"] == "Gremio"
    assert report.tables[0].encoding == "utf-16"


def test_unclosed_quote_does_not_swallow_the_rest_of_the_file():
    """Found while fuzzing: a quote opened by hand and never closed turned every
    following line into one cell; those rows vanished without a reject."""
    data = ('id;nombre;sector;nivel\n'
            'A-1;"Asociación La Esperanza;privado;nacional\n'
            'A-2;Bueno;privado;nacional\n'
            '\n'
            'A-3;"Con ""comillas"" bien escritas";privado;nacional\n').encode("cp1252")
    report, g = _load(data)
    assert "Actor:A-1" not in g
    assert g.nodes["Actor:A-2"]["row"] == 3
    assert g.nodes["Actor:A-3"]["name"] == 'Con "comillas" bien escritas'
    assert g.nodes["Actor:A-3"]["row"] == 5
    assert str(report.rejects[0]).startswith(
        "actores.csv:2: comilla sin cerrar abre un campo que se traga 3 línea(s) (3-5)")
