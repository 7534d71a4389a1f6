"""Algorithms: one subpackage per paper plus ``baselines``.

Each algorithm is a frozen ``<Algo>Config`` plus a run function whose episode loop is one
private numba kernel in the same file.
"""
