"""Regenerate the committed variants of ``pat_small/`` as analysts' tools write them.

- ``pat_small_excel_es/``: what Excel in a Spanish locale saves as "CSV (delimitado por
  comas)": Windows-1252, ``;`` separators, CRLF, headers with capitals and accents,
  dates as DD/MM/YYYY.
- ``pat_small.xlsx``: one sheet per file, real date cells, DANE codes typed as numbers.

Run: ``python tests/data/make_variants.py`` (the outputs are committed; tests read them).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
SRC = HERE / "pat_small"
PRETTY = {
    "id": "Id", "nombre": "Nombre", "sigla": "Sigla", "sector": "Sector", "tipo": "Tipo",
    "nivel": "Nivel", "nit": "NIT", "departamento": "Departamento", "municipio": "Municipio",
    "estado": "Estado", "fecha_creacion": "Fecha Creación", "actor": "Actor",
    "instancia": "Instancia", "rol": "Rol", "desde": "Desde", "hasta": "Hasta", "tema": "Tema",
    "fecha_firma": "Fecha Firma", "acuerdo": "Acuerdo", "entidad": "Entidad",
    "programa": "Programa", "evento": "Evento", "fecha": "Fecha",
    "acto_administrativo": "Acto Administrativo", "actor_lider": "Actor Líder",
}
ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATE_COLUMNS = {"fecha_creacion", "desde", "hasta", "fecha_firma", "fecha"}


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def main() -> None:
    out = HERE / "pat_small_excel_es"
    out.mkdir(exist_ok=True)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for src in sorted(SRC.glob("*.csv")):
        data = rows(src)
        header = data[0]
        with (out / src.name).open("w", encoding="cp1252", newline="") as fh:
            w = csv.writer(fh, delimiter=";", lineterminator="\r\n")
            w.writerow([PRETTY.get(h, h) for h in header])
            for r in data[1:]:
                w.writerow([ISO.sub(r"\3/\2/\1", v) for v in r])
        ws = wb.create_sheet(src.stem)
        ws.append([PRETTY.get(h, h).upper() for h in header])
        for r in data[1:]:
            cells: list[object] = []
            for h, v in zip(header, r, strict=True):
                if h in DATE_COLUMNS and (m := ISO.match(v)):
                    cells.append(dt.datetime(int(m[1]), int(m[2]), int(m[3])))
                elif h in ("departamento", "municipio") and v.isdigit():
                    cells.append(int(v))  # Excel drops the leading zero of 05 / 05001
                else:
                    cells.append(v or None)
            ws.append(cells)
    wb.save(HERE / "pat_small.xlsx")


if __name__ == "__main__":
    main()
