"""The analysts' notebooks run end to end (nbclient, kernel ``python3`` from ipykernel),
and are stored without outputs so that they cannot hide stale results."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
#: generous bound for a loaded CI machine; each runs in ~10-30 s on an idle 2-core one.
MAX_SECONDS = 150


def _ensure_kernel() -> None:
    """Install the ``python3`` kernel spec for this interpreter if Jupyter cannot find one."""
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        subprocess.run([sys.executable, "-m", "ipykernel", "install", "--user",
                        "--name", "python3"], check=True, capture_output=True)


def test_three_notebooks_in_spanish_without_outputs():
    assert [p.name for p in NOTEBOOKS] == [
        "01_cargar_y_explorar.ipynb", "02_brechas_y_articulacion.ipynb",
        "03_nuevo_acuerdo_y_red.ipynb"]
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        assert nb.metadata["kernelspec"]["name"] == "python3"
        for cell in nb.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name
        assert "run_demo(" in nb.cells[1].source  # self-contained: builds its own demo store
        assert nb.cells[0].source.startswith("# ") and " de" in nb.cells[0].source


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_end_to_end(path, tmp_path):
    _ensure_kernel()
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    t0 = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - t0
    print(f"{path.name}: {seconds:.1f} s")
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors
    assert seconds < MAX_SECONDS, f"{path.name} took {seconds:.0f} s"
