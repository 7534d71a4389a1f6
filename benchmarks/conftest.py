"""Benchmark conventions (``bench_*.py`` files are collected through ``python_files`` in
setup.cfg; the gating run only looks in ``tests/``).

Benchmark convention (read by ``theorylab bench``): each comparison is a pytest-benchmark
``group``; in it one benchmark sets ``extra_info["role"] = "theorylab"`` and one
``"reference"``, optionally ``extra_info["target"]`` (minimum ratio
mean(reference) / mean(theorylab)).  Numba kernels are compiled before timing.
"""
