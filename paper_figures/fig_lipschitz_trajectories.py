"""Figures 4-5 of the lipschitz spec (§5): closed-loop trajectories and deviation vs t.

``lipschitz_trajectories``: (x1, x2) of the expert and of the learned policy from the first
initial state of seed 0, one panel per setting (an alpha below the stabilising threshold on E1
diverges).  ``lipschitz_deviation``: mean ||x_t - x*_t|| over runs with the trajectory-wise and
closed-form T2 bounds.
"""
from __future__ import annotations

import numpy as np

from ._common import new_figure, save
from ._lipschitz import alpha_colour, finite, nanmean0

EXPERIMENTS = ("lipschitz/stability",)


def _title(s, alpha) -> str:
    return f"{s['system']}, alpha={alpha:.3g}"


def main(results, out_dir) -> list:
    """Draw both figures from the ``lipschitz/stability`` ResultSet.

    References
    ----------
    Reconstruction; see spec §4 T2 and §5 figures 4-5.
    """
    rs, a = results[EXPERIMENTS[0]], "lipschitz"
    S = len(rs.settings)
    fig, ax = new_figure(S, 1, width=3.2, height=3.0)
    fig2, ax2 = new_figure(S, 1, width=3.2, height=3.0)
    data, data2 = {}, {}
    for i, s in enumerate(rs.settings):
        alpha = float(rs.first(i, a, "alpha"))
        X, Xs = finite(rs.first(i, a, "X")[0]), rs.first(i, a, "X_star")[0]
        ax[0, i].plot(Xs[:, 0], Xs[:, 1], "k-", label="expert")
        ax[0, i].plot(X[:, 0], X[:, 1], "-", color=alpha_colour(i), label="learned")
        lim = 1.5 * max(np.abs(Xs).max(), 0.1)
        ax[0, i].set(xlim=(-lim, lim), ylim=(-lim, lim), xlabel="x1", ylabel="x2", title=_title(s, alpha))
        ax[0, i].legend(fontsize=6)
        dev = finite(rs.stacked(i, a, "dev").reshape(-1, X.shape[0]))
        traj = finite(rs.stacked(i, a, "traj_bound").reshape(-1, X.shape[0]))
        closed = rs.stacked(i, a, "closed_bound").mean(0)
        t = np.arange(dev.shape[1])
        ax2[0, i].semilogy(t, nanmean0(dev), color=alpha_colour(i), label="deviation (mean)")
        ax2[0, i].semilogy(t, nanmean0(traj), "--", color="0.3", label="T2 trajectory-wise")
        ax2[0, i].semilogy(t, closed, ":", color="0.3", label="T2 closed form")
        ax2[0, i].set(xlabel="t", title=_title(s, alpha))
        ax2[0, i].legend(fontsize=6)
        data[_title(s, alpha)] = {"X": X, "X_star": Xs}
        data2[_title(s, alpha)] = {"dev_mean": nanmean0(dev), "traj_bound_mean": nanmean0(traj),
                                   "closed_bound": closed}
    return save(fig, out_dir, "lipschitz_trajectories", data) + save(fig2, out_dir, "lipschitz_deviation", data2)
