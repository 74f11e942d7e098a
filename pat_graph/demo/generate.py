"""The entry point: :func:`generate_demo` runs every table step on one
:class:`~pat_graph.demo.state.DemoState` and writes the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pat_graph.demo.actors import build_actors
from pat_graph.demo.agreements import build_agreements
from pat_graph.demo.events import build_events
from pat_graph.demo.instances import build_instances
from pat_graph.demo.instruments import build_instruments
from pat_graph.demo.participations import build_participations, ensure_ties
from pat_graph.demo.planted import _BROKER_DEPT
from pat_graph.demo.programmes import build_programs
from pat_graph.demo.state import DemoState
from pat_graph.demo.writer import COLUMNS, FILES, _write

DEFAULT_SEED = 20261123

#: The table steps, in the order they draw from the RNG stream (the order fixes the bytes).
STEPS = (
    build_actors,
    build_instances,
    build_participations,
    build_events,  # before the agreements, which grow out of shared spaces
    build_agreements,
    build_programs,
    build_instruments,
    ensure_ties,
)


@dataclass(slots=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    out_dir: Path
    files: dict[str, int]
    seed: int
    scale: float
    isolated_actors: list[str] = field(default_factory=list)
    broker: str = ""


def build(seed: int = DEFAULT_SEED, scale: float = 1.0) -> DemoState:
    """Every table of the demo in memory: the state after all :data:`STEPS`.

    >>> build(scale=0.05).rows["programas.csv"][0][:2]
    ['P-01', 'Servicio Público de Empleo']
    """
    state = DemoState(seed, scale)
    for step in STEPS:
        step(state)
    return state


def generate_demo(out_dir: str | Path, *, seed: int = DEFAULT_SEED,
                  scale: float = 1.0) -> DemoSummary:
    """Write the demo dataset (the ten exchange-format CSV files) into ``out_dir``.

    >>> import tempfile
    >>> s = generate_demo(tempfile.mkdtemp(), scale=0.1)
    >>> s.files["actores.csv"] > 700, s.seed
    (True, 20261123)
    """
    if scale <= 0:
        raise ValueError("scale must be positive")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = build(seed, scale)
    files: dict[str, int] = {}
    for name in FILES:
        _write(out / name, COLUMNS[name], state.rows[name])
        files[name] = len(state.rows[name])
    return DemoSummary(out, files, seed, scale, sorted(state.isolated),
                       state.gov[_BROKER_DEPT].id)
