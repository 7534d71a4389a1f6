"""Numerical checks of the lemmas behind the theorems, one module per lemma.

Each module defines ``NAME`` (e.g. ``"adversarial/L2"``) and ``check(rng, size="quick")``
returning a :class:`proofs_check._report.LemmaReport`.  :func:`discover` finds them all.
"""
from __future__ import annotations

import importlib
import pkgutil

from ._report import LemmaReport

__all__ = ["LemmaReport", "discover"]


def discover() -> dict:
    """Map lemma name -> module for every module here defining ``NAME`` and ``check``."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "check") and hasattr(mod, "NAME"):
            found[mod.NAME] = mod
    return found
