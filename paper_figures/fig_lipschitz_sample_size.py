"""Figures 1-2 of the lipschitz spec (§5): learning error and fill distance vs N.

Left (``lipschitz_learning_error``): sup error eta and grid-mean error vs N (log-log) for each
alpha, the T1(a) bound dashed.  Right (``lipschitz_fill_distance``): fill distance r_N and the
W1 estimate vs N with fitted log-log slopes.
"""
from __future__ import annotations

import numpy as np

from theorylab.stats import loglog_slope

from ._common import new_figure, save
from ._lipschitz import alpha_colour

EXPERIMENTS = ("lipschitz/sample_size",)


def _mean(rs, i, name):
    return rs.stacked(i, "lipschitz", name).mean(0)


def main(results, out_dir) -> list:
    """Draw both figures from the ``lipschitz/sample_size`` ResultSet.

    References
    ----------
    Reconstruction; see spec §4 T1 and §5 figures 1-2.
    """
    rs = results[EXPERIMENTS[0]]
    fig, ax = new_figure(1)
    fig2, ax2 = new_figure(1)
    data, data2 = {}, {}
    for i, s in enumerate(rs.settings):
        N, c, lab = rs.first(i, "lipschitz", "checkpoints"), alpha_colour(i), f"alpha={s['alpha_factor']}L*"
        eta, mean, bnd = _mean(rs, i, "eta_grid"), _mean(rs, i, "mean_err"), _mean(rs, i, "t1a_bound")
        ax[0, 0].loglog(N, eta, "o-", color=c, label=f"sup error, {lab}")
        ax[0, 0].loglog(N, mean, "s:", color=c, label=f"mean error, {lab}")
        ax[0, 0].loglog(N, bnd, "--", color=c, alpha=0.7, label=f"T1(a) bound, {lab}")
        data[lab] = {"N": N, "eta": eta, "mean_err": mean, "t1a_bound": bnd}
        rN, w1 = _mean(rs, i, "r_N"), _mean(rs, i, "w1")
        ax2[0, 0].loglog(N, rN, "o-", color=c, label=f"r_N {lab}: slope {loglog_slope(N, rN):.2f}")
        if np.isfinite(w1).all():
            ax2[0, 0].loglog(N, w1, "s:", color=c, label=f"W1 est. {lab}: slope {loglog_slope(N, w1):.2f}")
        data2[lab] = {"N": N, "r_N": rN, "w1": w1, "slope_r_N": loglog_slope(N, rN)}
    ax[0, 0].set(xlabel="N", ylabel="error", title="T1: learning error (E1)")
    ax2[0, 0].set(xlabel="N", ylabel="distance", title="fill distance and W1 estimate")
    for a in (ax[0, 0], ax2[0, 0]):
        a.legend(fontsize=6)
    return (save(fig, out_dir, "lipschitz_learning_error", data)
            + save(fig2, out_dir, "lipschitz_fill_distance", data2))
