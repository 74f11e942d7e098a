"""Hand-built PAT graphs for the recommendation tests (records -> canonical graph)."""

from __future__ import annotations

from pat_graph.graph import graph_from_records
from pat_graph.model import EdgeRecord, NodeRecord


class Builder:
    """Records -> canonical graph (the same path the stores take)."""

    def __init__(self) -> None:
        self.nodes: list[NodeRecord] = [NodeRecord("Territory", "CO", {"name": "Colombia",
                                                                       "kind": "nation"})]
        self.edges: list[EdgeRecord] = []

    def dept(self, code: str, name: str) -> Builder:
        self.nodes.append(NodeRecord("Territory", code, {"name": name, "kind": "department"}))
        self.edges.append(EdgeRecord("PART_OF", "Territory", code, "Territory", "CO"))
        return self

    def muni(self, code: str, name: str, pdet: bool = False) -> Builder:
        self.nodes.append(NodeRecord("Territory", code, {
            "name": name, "kind": "municipality", "department_code": code[:2], "is_pdet": pdet}))
        self.edges.append(EdgeRecord("PART_OF", "Territory", code, "Territory", code[:2]))
        return self

    def actor(self, aid: str, sector: str, level: str = "departamental", dept: str = "50",
              mun: str | None = None, name: str | None = None) -> Builder:
        props = {"name": name or aid, "sector": sector, "level": level, "department_code": dept}
        if mun:
            props["municipality_code"] = mun
        self.nodes.append(NodeRecord("Actor", aid, props))
        self.edges.append(EdgeRecord("LOCATED_IN", "Actor", aid, "Territory", mun or dept))
        return self

    def instance(self, iid: str, name: str, members: list[str], dept: str = "50",
                 since: str | None = None, until: str | None = None) -> Builder:
        self.nodes.append(NodeRecord("Instance", iid, {"name": name, "kind": "otro_espacio",
                                                       "department_code": dept}))
        self.edges.append(EdgeRecord("SCOPED_TO", "Instance", iid, "Territory", dept))
        for m in members:
            props = {"role": "miembro"} | ({"since": since} if since else {}) | (
                {"until": until} if until else {})
            self.edges.append(EdgeRecord("PARTICIPATES_IN", "Actor", m, "Instance", iid,
                                         ekey=since or "", props=props))
        return self

    def event(self, eid: str, name: str, when: str, members: list[str],
              dept: str = "50") -> Builder:
        self.nodes.append(NodeRecord("Event", eid, {"name": name, "kind": "mesa_tecnica",
                                                    "date": when, "department_code": dept}))
        self.edges.append(EdgeRecord("SCOPED_TO", "Event", eid, "Territory", dept))
        self.edges += [EdgeRecord("ATTENDED", "Actor", m, "Event", eid) for m in members]
        return self

    def agreement(self, kid: str, signers: list[str], signed: str | None = "2022-05-01",
                  dept: str = "50") -> Builder:
        props = {"name": kid, "department_code": dept} | ({"signed": signed} if signed else {})
        self.nodes.append(NodeRecord("Agreement", kid, props))
        self.edges.append(EdgeRecord("SCOPED_TO", "Agreement", kid, "Territory", dept))
        self.edges += [EdgeRecord("SIGNED", "Actor", s, "Agreement", kid) for s in signers]
        return self

    def graph(self):
        return graph_from_records(self.nodes, self.edges)
