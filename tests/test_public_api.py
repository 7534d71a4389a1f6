"""Every public name of theorylab has a numpydoc docstring with a References section.

Public = listed in a module's ``__all__``, or (for modules without ``__all__``) a function
or class defined in that module whose name does not start with an underscore.  Kernels
(numba dispatchers) are private by convention and skipped.
"""
import importlib
import inspect
import pkgutil

import pytest

import theorylab

_SKIP_MODULES = {"theorylab.cli", "theorylab.__main__"}


def _modules():
    names = ["theorylab"]
    for info in pkgutil.walk_packages(theorylab.__path__, "theorylab."):
        if info.name not in _SKIP_MODULES and not info.name.split(".")[-1].startswith("_"):
            names.append(info.name)
    return sorted(names)


def _public(mod):
    if hasattr(mod, "__all__"):
        return [(n, getattr(mod, n)) for n in mod.__all__ if n != "__version__"]
    out = []
    for n, obj in vars(mod).items():
        if n.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if getattr(obj, "__module__", None) == mod.__name__:
            out.append((n, obj))
    return out


def _missing():
    bad = []
    for name in _modules():
        mod = importlib.import_module(name)
        if not (mod.__doc__ or "").strip():
            bad.append(f"{name}: module docstring")
        for n, obj in _public(mod):
            if not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            doc = inspect.getdoc(obj) or ""
            if "References" not in doc:
                bad.append(f"{name}.{n}: no References section")
    return sorted(set(bad))


def test_every_public_name_has_references():
    missing = _missing()
    assert not missing, "public names without a References section:\n" + "\n".join(missing)


@pytest.mark.parametrize("name", ["problems", "planning", "regret", "stats", "sweep", "rng"])
def test_core_modules_state_their_symbols(name):
    assert len(importlib.import_module(f"theorylab.{name}").__doc__.strip()) > 40
