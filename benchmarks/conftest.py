"""Collect ``bench_*.py`` files as test modules (pytest's default pattern is ``test_*.py``).

Benchmark convention (read by ``theorylab bench``): each comparison is a pytest-benchmark
``group``; in it one benchmark sets ``extra_info["role"] = "theorylab"`` and one
``"reference"``, optionally ``extra_info["target"]`` (minimum ratio
mean(reference) / mean(theorylab)).  Numba kernels are compiled before timing.
"""
from __future__ import annotations

import pytest


def pytest_collect_file(file_path, parent):
    """Collect ``benchmarks/bench_*.py`` as test modules (files named on the command line
    are collected by pytest itself, so they are skipped here to avoid running them twice)."""
    if (file_path.suffix == ".py" and file_path.name.startswith("bench_")
            and not parent.session.isinitpath(file_path)):
        return pytest.Module.from_parent(parent, path=file_path)
    return None
