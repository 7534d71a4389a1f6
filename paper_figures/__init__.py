"""One script per figure: ``paper_figures/fig_<name>.py``.

Each defines ``EXPERIMENTS`` (the experiment ids it reads) and
``main(results, out_dir) -> list[pathlib.Path]`` where ``results`` maps experiment id ->
:class:`theorylab.sweep.ResultSet`.  Figures only plot stored results; they write PNG and
PDF plus a JSON sidecar of the plotted numbers (see ``_common.save``).
"""
from __future__ import annotations

import importlib
import pkgutil

__all__ = ["discover"]


def discover() -> dict:
    """Map figure name (module name without ``fig_``) -> module, sorted."""
    found = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("fig_"):
            found[info.name[4:]] = importlib.import_module(f"{__name__}.{info.name}")
    return found
