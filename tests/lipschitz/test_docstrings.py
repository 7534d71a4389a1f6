"""Every public name of the lipschitz modules has a numpydoc docstring with a References section."""
import importlib
import inspect

import pytest

MODULES = ("theorylab.problems.control", "theorylab.planning.lqr", "theorylab.kernels.lipschitz_extension",
           "theorylab.kernels.lipschitz_rollout", "theorylab.algorithms.lipschitz.learner",
           "theorylab.algorithms.lipschitz.linear", "theorylab.algorithms.lipschitz.trackers",
           "theorylab.algorithms.lipschitz.bounds", "theorylab.algorithms.lipschitz.tasks",
           "theorylab.algorithms.lipschitz.qp", "theorylab.algorithms.lipschitz.primal_dual",
           "theorylab.kernels.lipschitz_primal_dual")


def _public(mod):
    for name in mod.__all__:
        obj = getattr(mod, name)
        if inspect.isfunction(obj) or inspect.isclass(obj) or hasattr(obj, "py_func"):
            yield name, obj


@pytest.mark.parametrize("modname", MODULES)
def test_public_names_have_references(modname):
    mod = importlib.import_module(modname)
    assert mod.__doc__
    missing = [n for n, o in _public(mod) if "References" not in (o.__doc__ or "")]
    assert not missing, f"{modname}: no References section in {missing}"
