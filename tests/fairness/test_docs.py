"""Every public name of the fairness modules has a numpydoc docstring with a References section."""
import importlib
import inspect

import pytest

MODULES = ["theorylab.problems.fairness", "theorylab.problems.fairness_dynamics", "theorylab.data.fairness", "theorylab.data.rebuild_fairness",
           "theorylab.kernels.fairness_env", "theorylab.kernels.fairness_bandit",
           "theorylab.kernels.fairness_reference", "theorylab.algorithms.fairness._loop",
           "theorylab.algorithms.fairness._common", "theorylab.algorithms.fairness.ofs",
           "theorylab.algorithms.fairness.ucb", "theorylab.algorithms.fairness.primal_dual",
           "theorylab.algorithms.fairness.oracle", "theorylab.algorithms.fairness.metrics",
           "theorylab.algorithms.fairness.bounds", "theorylab.algorithms.fairness.tasks",
           "experiments.fairness._common", "paper_figures._fairness"]


def _public(mod):
    names = getattr(mod, "__all__", [n for n in vars(mod) if not n.startswith("_")])
    for n in names:
        obj = getattr(mod, n)
        if inspect.isfunction(obj) or inspect.isclass(obj) or hasattr(obj, "py_func"):
            yield n, obj
            if inspect.isclass(obj):
                for m, f in vars(obj).items():
                    if not m.startswith("_") and inspect.isfunction(f):
                        yield f"{n}.{m}", f


@pytest.mark.parametrize("modname", MODULES)
def test_public_names_document_references(modname):
    mod = importlib.import_module(modname)
    assert mod.__doc__ and mod.__doc__.strip()
    missing = [n for n, obj in _public(mod) if "References" not in (inspect.getdoc(getattr(obj, "py_func", obj)) or "")
               and "." not in n]
    undocumented = [n for n, obj in _public(mod) if not inspect.getdoc(getattr(obj, "py_func", obj))]
    assert not missing, f"{modname}: no References section in {missing}"
    assert not undocumented, f"{modname}: no docstring for {undocumented}"
