"""Fairness figures render from in-memory results (2 seeds) and write PNG, PDF, JSON (+ tables)."""
import json

import pytest

from experiments import load
from theorylab.sweep import run_in_memory


@pytest.fixture(scope="module")
def results():
    ids = ("fairness/synthetic_closed_loop", "fairness/pd_sensitivity", "fairness/stationary_rate",
           "fairness/data_dependent", "fairness/infeasible")
    return {e: run_in_memory(load(e), "quick", n_seeds=2) for e in ids}


@pytest.mark.slow  # ~30 s of matplotlib rendering on the shared machine
@pytest.mark.parametrize("mod", ["fig_fairness_closed_loop", "fig_fairness_rates", "fig_fairness_pd"])
def test_figure_writes_files(results, mod, tmp_path):
    import importlib
    fig = importlib.import_module(f"paper_figures.{mod}")
    paths = fig.main({e: r for e, r in results.items() if e in fig.EXPERIMENTS}, tmp_path)
    suffixes = {p.suffix for p in paths}
    assert {".png", ".pdf", ".json"} <= suffixes and all(p.stat().st_size > 0 for p in paths)
    for p in paths:
        if p.suffix == ".json":
            json.loads(p.read_text())
    if mod == "fig_fairness_closed_loop":
        md = [p for p in paths if p.suffix == ".md"][0].read_text()
        assert "| ofs |" in md and "reconstruction" in md
