"""Comparar dos fechas: what opened and what closed between ``desde`` and ``hasta``, in the
whole graph or a department, with the gap index at both dates. Every number is
:func:`pat_graph.analytics.changes.changes`'s.

``/comparar?desde=DD/MM/AAAA&hasta=DD/MM/AAAA[&departamento=…]``. Without dates the page
sends to the last year with records (the year before the last record of the store, or
of the department; ``hasta`` is the fecha de corte when one is set), so the links of
Inicio and of the department page need no dates and every shown page has them in its
address.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, redirect, request

from pat_graph import model
from pat_graph.analytics.changes import KINDS
from pat_graph.dates import DateError, parse_date
from pat_graph.errors import InputError
from pat_graph.formatting import date_es
from pat_graph.web.http import Route, as_of, other_args, respond, url, workbench
from pat_graph.web.pages.home import node_url

ROUTES: tuple[Route, ...] = (
    Route("/comparar", "comparar",
          "Comparar dos fechas: qué se abrió y qué se cerró (todo el país o un departamento)"),
)
#: Items of each kind and change listed on the page (all of them in ?formato=json).
LIST_LIMIT = 100
#: The node label behind each kind of change (for its link).
_LABEL = {"acuerdo": model.AGREEMENT, "instancia": model.INSTANCE, "firma": model.AGREEMENT,
          "participacion": model.INSTANCE, "instrumento": model.INSTRUMENT,
          "articulacion": model.PROGRAM, "evento": model.EVENT}


def _date_param(name: str) -> str | None:
    raw = request.args.get(name, "").strip()
    if not raw:
        return None
    try:
        return parse_date(raw, keep_time=False)
    except DateError as err:
        raise InputError(f"«{name}»: {err} (escriba DD/MM/AAAA)") from None


def year_before(iso: str) -> str:
    """The same day a year earlier (29 February: the 28th).

    >>> year_before("2024-02-29"), year_before("2025-06-30")
    ('2023-02-28', '2024-06-30')
    """
    d = date.fromisoformat(iso)
    try:
        return d.replace(year=d.year - 1).isoformat()
    except ValueError:
        return d.replace(year=d.year - 1, day=28).isoformat()


def default_period(code: str | None) -> tuple[str, str]:
    """(desde, hasta) of a comparison asked without dates: ``hasta`` the fecha de corte,
    else the last record (of the department, else of the store), else today; ``desde``
    a year earlier."""
    hasta = as_of()
    if hasta is None:
        recs = workbench().records(None)
        lasts = [r.last_record for c, r in recs.items()
                 if r.last_record and (code is None or c == code)]
        hasta = max(lasts)[:10] if lasts else date.today().isoformat()
    return year_before(hasta), hasta


def _row(x: Any) -> dict[str, Any]:
    return {**x.to_row(),
            "url": node_url(_LABEL[x.kind], x.id or "", x.department_code) if x.id else None,
            "actor_url": node_url(model.ACTOR, x.actor_id) if x.actor else None,
            "territory_url": node_url(model.TERRITORY, x.territory) if x.territory else None}


def comparar() -> Response | str:
    wb = workbench()
    raw_dept = request.args.get("departamento", "").strip()
    code = wb.department_code(raw_dept) if raw_dept else None
    desde, hasta = _date_param("desde"), _date_param("hasta")
    if hasta is None and desde is None:
        a, b = default_period(code)
        return redirect(url("/comparar", desde=date_es(a), hasta=date_es(b),
                            departamento=code, **other_args("desde", "hasta", "departamento")),
                        302)
    if code is not None and code != raw_dept:
        return redirect(url("/comparar", **(other_args("departamento") | {"departamento": code})),
                        302)
    if desde is None or hasta is None:
        missing = "desde" if desde is None else "hasta"
        raise InputError(f"falta la fecha «{missing}»: compare dos fechas, "
                         "/comparar?desde=DD/MM/AAAA&hasta=DD/MM/AAAA")
    fecha = request.args.get("fecha", "").strip()  # the links keep it
    data, groups = wb.memo(("comparar-page", desde, hasta, code, fecha),
                           lambda: _page_data(wb.changes(desde, hasta, code)))
    return respond("comparar.html", data, groups=groups, limit=LIST_LIMIT)


def _page_data(c: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The page's data (every item, for JSON) and its groups (at most LIST_LIMIT items of
    each kind and change, for HTML): built once per comparison and fecha de corte."""
    rows = [_row(x) for x in c.items]
    groups = []
    for kind, title in KINDS.items():
        mine = [r for r in rows if r["kind"] == kind]
        groups.append({"kind": kind, "title": title, "counts": c.counts[kind],
                       "opened": [r for r in mine if r["change"] == "nuevo"][:LIST_LIMIT],
                       "closed": [r for r in mine if r["change"] == "terminado"][:LIST_LIMIT]})
    data = {
        "desde": c.desde, "hasta": c.hasta, "department_code": c.department_code,
        "department_name": c.department_name, "counts": c.counts, "total": c.total,
        "index_a": _index(c.index_a), "index_b": _index(c.index_b),
        "national_mean_a": c.national_a, "national_mean_b": c.national_b,
        "index_change": c.index_change, "items": rows,
    }
    return data, groups


def _index(x: Any) -> dict[str, Any] | None:
    if x is None:
        return None
    return {"score": x.score, "rank": x.rank, "position": x.position,
            "explanation": x.explanation}
