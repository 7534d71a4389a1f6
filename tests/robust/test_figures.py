"""The robust figures render from (small) in-memory results and write PNG, PDF and JSON."""
import json
from dataclasses import replace

import pytest

from theorylab.sweep import run_in_memory


def _small(exp, **over):
    settings = tuple(dict(s, **over) for s in exp.settings["quick"])
    return replace(exp, settings={"quick": settings, "full": exp.settings["full"]})


@pytest.mark.parametrize("exp_mod,fig_mod", [
    ("experiments.robust.k_scaling.spec", "paper_figures.fig_robust_regret"),
    ("experiments.robust.simulated_linear_perturbation.spec", "paper_figures.fig_robust_perturbation"),
    ("experiments.robust.beta_tradeoff.spec", "paper_figures.fig_robust_beta"),
    ("experiments.robust.d_scaling.spec", "paper_figures.fig_robust_scaling"),
    ("experiments.robust.rho.spec", "paper_figures.fig_robust_rho"),
    ("experiments.robust.eta.spec", "paper_figures.fig_robust_eta"),
    ("experiments.robust.american_put.spec", "paper_figures.fig_robust_put"),
    ("experiments.robust.baselines.spec", "paper_figures.fig_robust_baselines")])
def test_figure_writes_files(tmp_path, exp_mod, fig_mod):
    import importlib
    exp = importlib.import_module(exp_mod).EXPERIMENT
    fig = importlib.import_module(fig_mod)
    assert exp.id in fig.EXPERIMENTS and fig.NAME in exp.figures
    over = {"K": 30, "d": 4} if exp.id.endswith("american_put") else {"K": 60}
    res = run_in_memory(_small(exp, n_checkpoints=6, **over), "quick", n_seeds=2)
    paths = fig.main({exp.id: res}, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
    assert all(p.stat().st_size > 0 for p in paths)
    meta = json.loads(paths[-1].read_text())
    assert exp.id in (meta.get("experiment"), *meta.get("experiments", ()))
