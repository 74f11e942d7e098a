"""A tiny builder of canonical graphs (docs/graph-model.md) for the analytics tests."""

from __future__ import annotations

import networkx as nx


class GraphBuilder:
    """Add territories, actors, instances ... with the exact shape stores return."""

    def __init__(self) -> None:
        self.g = nx.MultiDiGraph()
        self.g.add_node("Territory:CO", label="Territory", dane_code="CO", name="Colombia",
                        kind="nation")

    def dept(self, code: str, name: str) -> GraphBuilder:
        self.g.add_node(f"Territory:{code}", label="Territory", dane_code=code, name=name,
                        kind="department")
        self.g.add_edge(f"Territory:{code}", "Territory:CO", key="PART_OF", type="PART_OF")
        return self

    def muni(self, code: str, name: str, *, pdet: bool = False) -> GraphBuilder:
        attrs = {"is_pdet": True, "pdet_subregion": "Sub"} if pdet else {"is_pdet": False}
        self.g.add_node(f"Territory:{code}", label="Territory", dane_code=code, name=name,
                        kind="municipality", department_code=code[:2], **attrs)
        self.g.add_edge(f"Territory:{code}", f"Territory:{code[:2]}", key="PART_OF",
                        type="PART_OF")
        return self

    def actor(self, aid: str, sector: str, kind: str = "otro", dept: str | None = None,
              name: str | None = None) -> GraphBuilder:
        attrs = {"name": name or aid, "sector": sector, "kind": kind}
        if dept:
            attrs["department_code"] = dept
        self.g.add_node(f"Actor:{aid}", label="Actor", id=aid, **attrs)
        self.g.add_edge(f"Actor:{aid}", f"Territory:{dept or 'CO'}", key="LOCATED_IN",
                        type="LOCATED_IN")
        return self

    def instance(self, iid: str, kind: str, dept: str | None, *, status: str = "activa",
                 created: str | None = None) -> GraphBuilder:
        attrs = {"kind": kind, "status": status, "name": iid}
        if created:
            attrs["created"] = created
        if dept:
            attrs["department_code"] = dept
        self.g.add_node(f"Instance:{iid}", label="Instance", id=iid, **attrs)
        self.g.add_edge(f"Instance:{iid}", f"Territory:{dept or 'CO'}", key="SCOPED_TO",
                        type="SCOPED_TO")
        return self

    def member(self, aid: str, iid: str, *, since: str | None = None,
               until: str | None = None) -> GraphBuilder:
        attrs = {"role": "miembro"}
        if since:
            attrs["since"] = since
        if until:
            attrs["until"] = until
        key = f"PARTICIPATES_IN|{since}" if since else "PARTICIPATES_IN"
        self.g.add_edge(f"Actor:{aid}", f"Instance:{iid}", key=key, type="PARTICIPATES_IN",
                        **attrs)
        return self

    def agreement(self, kid: str, dept: str | None, signers: list[str], *,
                  signed: str | None = None, status: str = "firmado") -> GraphBuilder:
        attrs = {"status": status, "name": kid}
        if signed:
            attrs["signed"] = signed
        self.g.add_node(f"Agreement:{kid}", label="Agreement", id=kid, **attrs)
        self.g.add_edge(f"Agreement:{kid}", f"Territory:{dept or 'CO'}", key="SCOPED_TO",
                        type="SCOPED_TO")
        for a in signers:
            self.g.add_edge(f"Actor:{a}", f"Agreement:{kid}", key="SIGNED", type="SIGNED")
        return self

    def instrument(self, iid: str, kind: str, territory: str, status: str = "adoptado",
                   date: str | None = None) -> GraphBuilder:
        attrs = {"kind": kind, "status": status, "name": iid}
        if date:
            attrs["date"] = date
        self.g.add_node(f"Instrument:{iid}", label="Instrument", id=iid, **attrs)
        self.g.add_edge(f"Territory:{territory}", f"Instrument:{iid}", key="HAS_INSTRUMENT",
                        type="HAS_INSTRUMENT")
        return self

    def program(self, pid: str, name: str | None = None) -> GraphBuilder:
        self.g.add_node(f"Program:{pid}", label="Program", id=pid, name=name or pid)
        return self

    def link(self, pid: str, territory: str, kind: str, date: str | None = None) -> GraphBuilder:
        attrs = {"kind": kind}
        if date:
            attrs["date"] = date
        self.g.add_edge(f"Program:{pid}", f"Territory:{territory}",
                        key=f"LINKED_TO|{kind}|{date or ''}||", type="LINKED_TO", **attrs)
        return self
