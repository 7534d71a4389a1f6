"""Regret(K)/sqrt(K) vs d and vs H on random d-rectangular instances (robust/d_scaling,
robust/h_scaling), log-log with the fitted exponent (bootstrap CI) and a d^2 / H^2 guide."""
from __future__ import annotations

import numpy as np

from experiments.robust._scaling import size_trace
from theorylab.stats import bootstrap_slope

from ._common import new_figure, save
from ._robust import label, plot_band

EXPERIMENTS = ("robust/d_scaling", "robust/h_scaling")
NAME = "robust_scaling"


def main(results: dict, out_dir) -> list:
    """One panel per available experiment; returns the PNG, PDF and JSON paths.

    References
    ----------
    Spec §4.4 T2/T3 and §7.18 (d).
    """
    ids = [e for e in EXPERIMENTS if e in results]
    fig, axes = new_figure(len(ids), 1, width=4.6, height=3.4)
    data = {"experiments": ids, "panels": []}
    for ax, eid in zip(axes[0], ids):
        rs, key = results[eid], "d" if eid.endswith("d_scaling") else "H"
        panel = {"experiment": eid, "size": key, "algorithms": {}}
        for alg in rs.experiment.algorithms:
            tr = size_trace(rs, alg, key)
            _, (mean, lo, hi) = plot_band(ax, tr.checkpoints, tr.pseudo, alg)
            slope = bootstrap_slope(tr.checkpoints, tr.pseudo, rng=np.random.default_rng(7), n_boot=1000)
            panel["algorithms"][alg] = {"sizes": tr.checkpoints, "mean": mean, "lo": lo, "hi": hi,
                                        "exponent": slope[0], "exponent_ci": slope[1:]}
            ax.lines[-1].set_label(f"{label(alg)}: exponent {slope[0]:.2f} [{slope[1]:.2f}, {slope[2]:.2f}]")
        x = np.asarray(tr.checkpoints, float)
        top = max(float(np.max(v["mean"])) for v in panel["algorithms"].values())
        ax.plot(x, top * (x / x[-1]) ** 2, "--", color="0.3", label=f"∝ {key}^2")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(key)
        ax.set_ylabel("Regret(K) / sqrt(K)")
        ax.legend(fontsize=6)
        data["panels"].append(panel)
    fig.tight_layout()
    return save(fig, out_dir, NAME, data)
