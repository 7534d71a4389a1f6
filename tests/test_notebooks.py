"""Every teaching notebook executes without error in quick mode.

Notebooks are jupytext percent-format ``.py`` files in ``notebooks/``; the ``.ipynb`` files
are generated on demand (``jupytext --to ipynb notebooks/*.py``) and not committed.  Each
test converts one notebook with jupytext, runs it with nbclient on a ``python3`` kernel with
``THEORYLAB_QUICK=1`` from the notebooks folder, and fails on the first cell that raises.
It also checks the structure every notebook promises (setting, algorithm, theorem,
exercises) and that it drew at least one figure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.py"))
SECTIONS = ("## Setting", "## Algorithm", "## Theorem", "## Exercises")


def test_there_is_a_notebook_zero():
    assert any(p.name.startswith("00_regret_bounds_101") for p in NOTEBOOKS)


def test_every_paper_group_has_a_notebook():
    """A notebook "covers" a group when it runs one of the group's experiments."""
    groups = {p.name for p in (ROOT / "experiments").iterdir()
              if p.is_dir() and not p.name.startswith(("_", ".")) and (p / "__init__.py").is_file()}
    text = "\n".join(p.read_text() for p in NOTEBOOKS)
    uncovered = sorted(g for g in groups if f"from experiments.{g}." not in text)
    assert not uncovered, f"experiment groups without a teaching notebook: {uncovered}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_has_the_promised_sections_and_quick_switch(path):
    text = path.read_text()
    missing = [s for s in SECTIONS if s not in text]
    assert not missing, f"{path.name} lacks {missing}"
    assert 'os.environ.get("THEORYLAB_QUICK", "1")' in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_executes_in_quick_mode(path, monkeypatch):
    jupytext = pytest.importorskip("jupytext", reason="pip install -e '.[test]' (jupytext)")
    nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[test]' (nbclient)")
    pytest.importorskip("ipykernel", reason="pip install -e '.[test]' (ipykernel)")
    monkeypatch.setenv("THEORYLAB_QUICK", "1")
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nb = jupytext.read(path)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError naming the failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs), f"{path.name} drew no figure"
