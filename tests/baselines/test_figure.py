"""The baseline figure: files, sidecar numbers, and a clear error without results."""
import json

import numpy as np
import pytest

from paper_figures import discover


def test_figure_is_registered_and_writes_png_pdf_json(quick_results, tmp_path):
    fig = discover()["baselines_regret"]
    assert fig.EXPERIMENTS == ("baselines/ucbvi", "baselines/lsvi_ucb")
    paths = fig.main(quick_results, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
    assert all(p.stat().st_size > 1000 for p in paths)
    data = json.loads((tmp_path / "baselines_regret.json").read_text())
    assert len(data["panels"]) == 3
    for panel in data["panels"]:
        for algo in panel["algorithms"].values():
            lo, mean, hi = (np.array(algo[k]) for k in ("lo", "mean", "hi"))
            assert np.all(lo <= mean + 1e-9) and np.all(mean <= hi + 1e-9)
            assert algo["slope_ci"][0] <= algo["slope"] <= algo["slope_ci"][1]


def test_figure_names_the_missing_experiment(tmp_path):
    with pytest.raises(ValueError, match="theorylab run baselines/lsvi_ucb"):
        discover()["baselines_regret"].main({"baselines/ucbvi": None}, tmp_path)
