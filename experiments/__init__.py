"""Registered experiments: one folder per paper claim, ``experiments/<group>/<name>/``.

Each claim folder holds ``spec.py`` (data only: ``EXPERIMENT``, an
:class:`theorylab.sweep.Experiment`), ``analysis.py`` (pure functions from a ResultSet to
checks) and a ``README.md`` with the command, runtime and recorded full-size numbers.
:func:`discover` imports every ``spec.py`` below this folder; ids are ``group/name``.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

__all__ = ["discover", "load", "select"]


def discover() -> dict:
    """Map experiment id -> Experiment for every ``experiments/*/*/spec.py``, sorted by id."""
    found = {}
    root = Path(__file__).parent
    for spec in sorted(root.glob("*/*/spec.py")):
        group, name = spec.parent.parent.name, spec.parent.name
        if group.startswith("_") or name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{group}.{name}.spec")
        exp = mod.EXPERIMENT
        if exp.id != f"{group}/{name}":
            raise ValueError(f"{spec}: EXPERIMENT.id {exp.id!r} must be {group}/{name!r}")
        found[exp.id] = exp
    return dict(sorted(found.items()))


def load(experiment_id: str):
    """The Experiment with this id; ValueError listing the known ids otherwise."""
    reg = discover()
    if experiment_id not in reg:
        raise ValueError(f"unknown experiment {experiment_id!r}; known: {', '.join(reg) or '(none)'}")
    return reg[experiment_id]


def select(selector: str) -> list:
    """Experiments matching an id, a group (``adversarial``), a tag, or ``all``."""
    reg = discover()
    if selector == "all":
        return list(reg.values())
    if selector in reg:
        return [reg[selector]]
    hits = [e for e in reg.values() if e.id.split("/")[0] == selector or selector in e.tags]
    if not hits:
        raise ValueError(f"no experiment matches {selector!r}; ids: {', '.join(reg) or '(none)'}")
    return hits
