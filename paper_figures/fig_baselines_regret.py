"""Baseline regret: UCBVI-CH and LSVI-UCB against their theorems.

One row per (experiment, setting).  Left: mean pseudo-regret with 95% bootstrap bands over
seeds and the theorem's rate curve (∝, anchored at the practical-mode curve's final value).
Right: log-log mean regret, the slope fitted on the same tail window as the rate checks
(legend, with its bootstrap CI), and the bound: UCBVI-CH's explicit Theorem 1 bound, or
LSVI-UCB's rate curve (rate-only: the theorem's constant is unspecified).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np

from experiments.baselines.lsvi_ucb.analysis import TAIL_OCTAVES as _LSVI_TAIL
from experiments.baselines.ucbvi.analysis import TAIL_OCTAVES as _UCBVI_TAIL
from theorylab import plotting
from theorylab.algorithms.baselines.tasks import problem_dims
from theorylab.regret import lsvi_ucb, ucbvi_hoeffding
from theorylab.stats import bootstrap_slope

from ._common import new_figure, save

EXPERIMENTS = ("baselines/ucbvi", "baselines/lsvi_ucb")
NAME = "baselines_regret"
_TITLES = {"riverswim": "RiverSwim", "random_tabular": "random tabular", "random_linear": "random linear"}


def _bound(experiment_id: str, setting: dict):
    dims, delta = problem_dims(setting), float(setting.get("delta", 0.05))
    if experiment_id == "baselines/ucbvi":
        return ucbvi_hoeffding(dims["S"], dims["A"], dims["H"], delta), _UCBVI_TAIL
    return lsvi_ucb(dims["d"], dims["H"], delta), _LSVI_TAIL


def _title(setting: dict) -> str:
    dims = ", ".join(f"{k}={v}" for k, v in problem_dims(setting).items())
    return f"{_TITLES.get(setting['problem'], setting['problem'])} ({dims})"


def _row(axes, rs, i, data):
    setting = rs.settings[i]
    bound, tail = _bound(rs.experiment.id, setting)
    t_min = int(setting["K"]) >> tail
    ax_lin, ax_log = axes
    traces = [rs.trace(i, a) for a in rs.experiment.algorithms if rs.has(i, a)]
    entry = {"experiment": rs.experiment.id, "setting": dict(setting), "bound": bound.name,
             "citation": bound.citation, "t_min": t_min, "algorithms": {}}
    for tr in traces:
        mean, lo, hi = plotting.regret_band(tr, rng=np.random.default_rng(0))
        plotting.plot_regret(ax_lin, tr, rng=np.random.default_rng(0))
        plotting.plot_loglog(ax_log, tr, t_min=t_min, rng=np.random.default_rng(1))
        keep = tr.checkpoints >= t_min
        slope = bootstrap_slope(tr.checkpoints[keep], tr.pseudo[:, keep], rng=np.random.default_rng(1), n_boot=1000)
        entry["algorithms"][tr.algorithm] = {"checkpoints": tr.checkpoints, "mean": mean, "lo": lo, "hi": hi,
                                             "slope": slope[0], "slope_ci": slope[1:], "n_seeds": tr.n_seeds}
    K = traces[0].checkpoints
    anchor = float(traces[-1].mean()[-1])
    plotting.plot_bound(ax_lin, replace(bound, value=None, explicit_constants=False), K, anchor=anchor)
    plotting.plot_bound(ax_log, bound, K, anchor=anchor,
                        label=f"{bound.name} bound ({bound.citation})" if bound.explicit_constants else None)
    entry["bound_curve"] = {"checkpoints": K, "values": bound.evaluate(K) if bound.explicit_constants else None,
                            "rate": bound.rate(K)}
    ax_lin.set_title(_title(setting), fontsize=9)
    ax_log.set_title(f"log-log, slopes fitted for K >= {t_min}", fontsize=9)
    for ax in axes:
        ax.legend(fontsize=7, loc="upper left")
    data["panels"].append(entry)


def main(results: dict, out_dir) -> list:
    """Draw the baseline regret figure from stored results and save PNG, PDF and JSON.

    Parameters
    ----------
    results : dict
        Experiment id -> theorylab.sweep.ResultSet for every id in :data:`EXPERIMENTS`.
    out_dir : str or pathlib.Path

    Returns
    -------
    list of pathlib.Path, the files written

    References
    ----------
    Azar, Osband, Munos (2017), Theorem 1; Jin, Yang, Wang, Jordan (2020), Theorem 3.1.
    """
    missing = [e for e in EXPERIMENTS if e not in results]
    if missing:
        raise ValueError(f"{NAME} needs results of {', '.join(missing)}; run: theorylab run {' '.join(missing)}")
    rows = [(results[e], i) for e in EXPERIMENTS for i in range(len(results[e].settings))]
    fig, axes = new_figure(ncols=2, nrows=len(rows), width=4.8, height=3.3)
    data = {"figure": NAME, "size": results[EXPERIMENTS[0]].size, "panels": []}
    for r, (rs, i) in enumerate(rows):
        _row(axes[r], rs, i, data)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
