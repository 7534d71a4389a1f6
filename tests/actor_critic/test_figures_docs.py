"""Figures render from quick results; every public name of the actor-critic code has a References section."""
import importlib
import inspect
import json

import pytest

import experiments
from theorylab.sweep import run_in_memory

MODULES = ["theorylab.algorithms.actor_critic." + m for m in
           ("_common", "bounds", "checks", "douhua", "nora_lin", "nora_tab", "offline", "switching", "tasks")]
MODULES += ["theorylab.kernels.actor_critic_core", "theorylab.problems.actor_critic"]
MODULES += ["paper_figures.fig_actor_critic_" + m for m in
            ("regret", "decomposition", "switches", "hybrid", "offline_init", "step_size")]


@pytest.mark.parametrize("module", MODULES)
def test_public_names_have_references(module):
    mod = importlib.import_module(module)
    names = getattr(mod, "__all__", [n for n in dir(mod) if not n.startswith("_")])
    for name in names:
        obj = getattr(mod, name)
        if (inspect.isfunction(obj) or inspect.isclass(obj)) and obj.__module__ == mod.__name__:
            assert obj.__doc__ and "References" in obj.__doc__, f"{module}.{name} lacks a References section"
    if hasattr(mod, "main"):
        assert "References" in mod.main.__doc__


def test_offline_init_figure_writes_png_pdf_json(tmp_path):
    """The cheapest experiment end to end through its figure (the other figures share the helpers)."""
    exp = experiments.load("actor_critic/offline_init")
    res = run_in_memory(exp, "quick", n_seeds=2)
    mod = importlib.import_module("paper_figures.fig_actor_critic_offline_init")
    paths = mod.main({exp.id: res}, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
    data = json.loads(paths[-1].read_text())
    assert data["panels"][0]["n_off"] == [10, 30, 100, 300]
    with pytest.raises(ValueError, match="theorylab run"):
        mod.main({}, tmp_path)
