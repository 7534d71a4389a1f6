"""Shared fixtures.

``synthetic_registry`` points the ``theorylab`` command at the synthetic experiments,
figures and lemmas of :mod:`tests.sweep._synthetic` (through the registry environment
variables of :mod:`theorylab.cli`), so CLI and sweep tests do not depend on the paper
experiments.  ``call_log`` makes every synthetic cell call append a line to a file and
returns a function that reads the lines back (it counts computations in any process).
"""
from __future__ import annotations

import pytest

_MOD = "tests.sweep._synthetic"


@pytest.fixture
def synthetic_registry(monkeypatch):
    """Set the registry variables to the synthetic experiments, figure and true lemma."""
    monkeypatch.setenv("THEORYLAB_EXPERIMENTS_MODULE", _MOD)
    monkeypatch.setenv("THEORYLAB_FIGURES_MODULE", f"{_MOD}:discover_figures")
    monkeypatch.setenv("THEORYLAB_PROOFS_MODULE", f"{_MOD}:discover_lemmas")
    from tests.sweep import _synthetic
    return _synthetic


@pytest.fixture
def call_log(tmp_path, monkeypatch):
    """A function returning the list of synthetic cell calls made so far."""
    path = tmp_path / "calls.log"
    monkeypatch.setenv("THEORYLAB_TEST_CALL_LOG", str(path))

    def read():
        return path.read_text().splitlines() if path.exists() else []
    return read
