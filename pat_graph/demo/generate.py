"""The entry point: :func:`generate_demo` builds every table and writes the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pat_graph.demo.actors import _ActorsBuilder
from pat_graph.demo.agreements import _AgreementsBuilder
from pat_graph.demo.events import _EventsBuilder
from pat_graph.demo.instances import _InstancesBuilder
from pat_graph.demo.instruments import _InstrumentsBuilder
from pat_graph.demo.participations import _ParticipationsBuilder
from pat_graph.demo.planted import _BROKER_DEPT
from pat_graph.demo.programmes import _ProgrammesBuilder
from pat_graph.demo.writer import COLUMNS, FILES, _write

DEFAULT_SEED = 20261123


@dataclass(slots=True)
class DemoSummary:
    """What :func:`generate_demo` wrote."""

    out_dir: Path
    files: dict[str, int]
    seed: int
    scale: float
    isolated_actors: list[str] = field(default_factory=list)
    broker: str = ""


class _Builder(_ActorsBuilder, _InstancesBuilder, _ParticipationsBuilder,
               _AgreementsBuilder, _EventsBuilder, _ProgrammesBuilder, _InstrumentsBuilder):
    """Builds every table in memory; one RNG stream so a seed fixes the bytes."""

    def build(self) -> None:
        self.build_actors()
        self.build_instances()
        self.build_participations()
        self.build_events()  # before the agreements, which grow out of shared spaces
        self.build_agreements()
        self.build_programs()
        self.build_instruments()
        self.ensure_ties()


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
    builder = _Builder(seed, scale)
    builder.build()
    files: dict[str, int] = {}
    for name in FILES:
        _write(out / name, COLUMNS[name], builder.rows[name])
        files[name] = len(builder.rows[name])
    return DemoSummary(out, files, seed, scale, sorted(builder.isolated),
                       builder.gov[_BROKER_DEPT].id)
