"""Every public name of the robust modules has a numpydoc docstring with a References section."""
import importlib
import inspect

import pytest

MODULES = ["theorylab.kernels.robust_tv", "theorylab.problems.robust", "theorylab.planning.robust",
           "theorylab.algorithms.robust._core", "theorylab.algorithms.robust._config",
           "theorylab.algorithms.robust.dr_rpo", "theorylab.algorithms.robust.oppo",
           "theorylab.algorithms.robust.dr_lsvi_ucb", "theorylab.algorithms.robust.soft_dr_lsvi_ucb",
           "theorylab.algorithms.robust.lsvi_ucb", "theorylab.algorithms.robust.bounds",
           "theorylab.algorithms.robust.tasks", "theorylab.algorithms.robust._reference"]


@pytest.mark.parametrize("name", MODULES)
def test_public_names_have_references(name):
    mod = importlib.import_module(name)
    assert mod.__doc__
    missing = []
    for attr in getattr(mod, "__all__", []):
        obj = getattr(mod, attr)
        if inspect.isfunction(obj) or inspect.isclass(obj) or hasattr(obj, "py_func"):
            doc = inspect.getdoc(getattr(obj, "py_func", obj)) or ""
            if "References" not in doc:
                missing.append(attr)
    assert not missing, f"{name}: no References section in {missing}"
