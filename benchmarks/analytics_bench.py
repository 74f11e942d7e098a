"""Benchmark of the full national gap analysis (all families + index + brokers).

Builds a synthetic canonical graph (docs/graph-model.md shape, no store) at a
given scale — 1× ≈ 33 departments, 3,000 actors, ~20,000 ties — and times:

* ``gaps``: every gap family + the gap index (one shared Context);
* ``brokers``: broker measures of every department (betweenness sampled above
  the threshold, Burt constraint, effective size, Gould–Fernandez roles).

Peak memory is the process's maximum resident set size (``getrusage``), so
each scale runs in its own subprocess.

Usage::

    python benchmarks/analytics_bench.py            # 1× and 10×, prints a table
    python benchmarks/analytics_bench.py --scale 1  # one scale (JSON line)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time

import networkx as nx

SECTOR_KINDS = [("publico", "alcaldia", 0.15), ("publico", "direccion_territorial", 0.01),
                ("privado", "empresa", 0.3), ("privado", "gremio", 0.07),
                ("academico", "universidad", 0.1), ("comunitario", "organizacion_comunitaria", 0.2),
                ("comunitario", "sindicato", 0.12), ("cooperacion", "organismo_internacional", 0.05)]
SEED_KINDS = ["subcomision_concertacion", "subcomite_desarrollo_administrativo",
              "red_formalizacion", "red_ormet", "comision_regional_competitividad"]
INSTR = ["politica_publica_trabajo_decente", "plan_empleo", "plan_desarrollo_lineamientos",
         "estructura_administrativa", "fuente_financiacion"]


def synthetic_graph(scale: float = 1.0, seed: int = 1) -> nx.MultiDiGraph:
    """A canonical graph with ~3,000·scale actors and ~20,000·scale ties."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    g.add_node("Territory:CO", label="Territory", dane_code="CO", kind="nation", name="Colombia")
    depts = [f"{i:02d}" for i in range(5, 5 + 33)]
    munis: dict[str, list[str]] = {}
    for d in depts:
        g.add_node(f"Territory:{d}", label="Territory", dane_code=d, kind="department",
                   name=f"Departamento {d}")
        g.add_edge(f"Territory:{d}", "Territory:CO", key="PART_OF", type="PART_OF")
        munis[d] = []
        for m in range(30):
            code = f"{d}{m:03d}"
            g.add_node(f"Territory:{code}", label="Territory", dane_code=code,
                       kind="municipality", department_code=d, is_pdet=m % 7 == 0)
            g.add_edge(f"Territory:{code}", f"Territory:{d}", key="PART_OF", type="PART_OF")
            munis[d].append(code)
    actors: dict[str, list[str]] = {d: [] for d in depts}
    weights = [w for _, _, w in SECTOR_KINDS]
    for i in range(int(3000 * scale)):
        d = rng.choice(depts)
        sector, kind, _ = rng.choices(SECTOR_KINDS, weights)[0]
        aid = f"A{i}"
        g.add_node(f"Actor:{aid}", label="Actor", id=aid, sector=sector, kind=kind,
                   department_code=d, name=f"Actor {i}")
        g.add_edge(f"Actor:{aid}", f"Territory:{rng.choice(munis[d])}", key="LOCATED_IN",
                   type="LOCATED_IN")
        actors[d].append(aid)
    ties = 0
    n_inst = 0
    per_dept_instances = max(6, int(round(20 * scale)))
    for d in depts:
        for j in range(per_dept_instances):
            kind = SEED_KINDS[j] if j < 5 else "otro_espacio"
            iid = f"I{n_inst}"
            n_inst += 1
            g.add_node(f"Instance:{iid}", label="Instance", id=iid, kind=kind,
                       status="activa" if rng.random() > 0.05 else "inactiva",
                       created=f"{rng.randint(2015, 2024)}-01-01", department_code=d)
            g.add_edge(f"Instance:{iid}", f"Territory:{d}", key="SCOPED_TO", type="SCOPED_TO")
            size = min(len(actors[d]), rng.randint(10, 40))
            for a in rng.sample(actors[d], size):
                since = f"{rng.randint(2015, 2024)}-0{rng.randint(1, 9)}-01"
                attrs = {"role": "miembro", "since": since}
                if rng.random() < 0.1:
                    attrs["until"] = f"{int(since[:4]) + 2}-12-31"
                g.add_edge(f"Actor:{a}", f"Instance:{iid}", key=f"PARTICIPATES_IN|{since}",
                           type="PARTICIPATES_IN", **attrs)
                ties += 1
        for _ in range(int(round(30 * scale))):
            kid = f"K{ties}"
            g.add_node(f"Agreement:{kid}", label="Agreement", id=kid, status="firmado",
                       signed=f"{rng.randint(2016, 2025)}-03-01", department_code=d)
            g.add_edge(f"Agreement:{kid}", f"Territory:{d}", key="SCOPED_TO", type="SCOPED_TO")
            for a in rng.sample(actors[d], min(len(actors[d]), rng.randint(2, 4))):
                g.add_edge(f"Actor:{a}", f"Agreement:{kid}", key="SIGNED", type="SIGNED")
                ties += 1
        for t in [d] + rng.sample(munis[d], 3):
            for k in INSTR:
                if rng.random() < 0.6:
                    iid = f"N{ties}"
                    g.add_node(f"Instrument:{iid}", label="Instrument", id=iid, kind=k,
                               status=rng.choice(["diagnostico", "formulacion", "adoptado",
                                                  "implementacion"]),
                               date=f"{rng.randint(2016, 2025)}-01-01")
                    g.add_edge(f"Territory:{t}", f"Instrument:{iid}", key="HAS_INSTRUMENT",
                               type="HAS_INSTRUMENT")
                    ties += 1
    for p in range(10):
        g.add_node(f"Program:P{p}", label="Program", id=f"P{p}", name=f"Programa {p}")
        for d in depts:
            for kind in ("socializacion", "implementacion", "retroalimentacion"):
                if rng.random() < 0.7:
                    for _ in range(max(1, int(scale))):
                        t = rng.choice([d] + munis[d])
                        date = f"{rng.randint(2018, 2025)}-05-01"
                        g.add_edge(f"Program:P{p}", f"Territory:{t}",
                                   key=f"LINKED_TO|{kind}|{date}|{t}|", type="LINKED_TO",
                                   kind=kind, date=date)
                        ties += 1
    g.graph["ties"] = ties
    return g


def run_one(scale: float, seed: int = 1, all_brokers: bool = True) -> dict:
    from pat_graph import analytics

    t0 = time.perf_counter()
    g = synthetic_graph(scale, seed)
    t_build = time.perf_counter() - t0
    t0 = time.perf_counter()
    ctx = analytics.context(g, None)
    items = analytics.gap_items(ctx)
    index = analytics.gap_index(ctx)
    t_gaps = time.perf_counter() - t0
    t0 = time.perf_counter()
    sampled = 0
    biggest = max(ctx.departments, key=lambda d: ctx.actor_network(d).number_of_edges())
    rep = analytics.brokers(ctx, biggest, seed=0)
    t_one = time.perf_counter() - t0
    t0 = time.perf_counter()
    if all_brokers:
        for d in ctx.departments:
            sampled += analytics.brokers(ctx, d, seed=0).betweenness_sampled
    t_brokers = time.perf_counter() - t0
    rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"scale": scale, "actors": sum(1 for _, a in g.nodes(data="label") if a == "Actor"),
            "ties": g.graph["ties"], "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "actor_network_edges": sum(n.number_of_edges() for n in ctx.actor_networks.values()),
            "gaps": len(items), "departments": len(index), "sampled_departments": sampled,
            "build_s": round(t_build, 2), "gaps_s": round(t_gaps, 2),
            "brokers_one_dept_s": round(t_one, 2), "one_dept_actors": rep.actors,
            "one_dept_ties": rep.ties, "one_dept_sampled": rep.betweenness_sampled,
            "brokers_all_s": round(t_brokers, 2),
            "peak_rss_mb": round(rss_kb / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=None)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sin-brokers-todos", dest="all_brokers", action="store_false",
                    help="do not time brokers for every department")
    args = ap.parse_args()
    if args.scale is not None:
        print(json.dumps(run_one(args.scale, args.seed, args.all_brokers)))
        return
    rows = []
    for scale in (1.0, 10.0):
        out = subprocess.run([sys.executable, __file__, "--scale", str(scale)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    cols = ["scale", "actors", "ties", "actor_network_edges", "gaps", "gaps_s",
            "brokers_one_dept_s", "one_dept_actors", "brokers_all_s", "peak_rss_mb"]
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))


if __name__ == "__main__":
    main()
