"""Figures 3 and 8 of the lipschitz spec (§5): V(alpha) and test error, and the trade-off map.

``lipschitz_value``: training loss V(alpha) (nonincreasing, convex; lemma L7) and the grid
mean error vs alpha (minimum near L*).  ``lipschitz_tradeoff``: heat map of the mean
closed-loop cost over (alpha, eps) under the greedy adversary, with the cost-optimal alpha per
eps (white) and the T5 bound's argmin alpha (black dashed); one panel per system.
"""
from __future__ import annotations

import numpy as np

from ._common import new_figure, save

EXPERIMENTS = ("lipschitz/tradeoff",)


def main(results, out_dir) -> list:
    """Draw both figures from the ``lipschitz/tradeoff`` ResultSet.

    References
    ----------
    Reconstruction; see spec §4 T5 and §5 figures 3 and 8.
    """
    rs, a = results[EXPERIMENTS[0]], "lipschitz"
    S = len(rs.settings)
    fig, ax = new_figure(S, 1, width=5.2)
    fig2, ax2 = new_figure(S, 1, width=4.2)
    data, data2 = {}, {}
    for i, s in enumerate(rs.settings):
        al, eps = np.asarray(s["alphas"], float), np.asarray(s["eps"], float)
        cost = rs.stacked(i, a, "cost").mean(0)
        best_b = rs.stacked(i, a, "bound_argmin")[0]
        im = ax[0, i].imshow(np.log10(cost), origin="lower", aspect="auto", cmap="viridis")
        fig.colorbar(im, ax=ax[0, i], label="log10 mean cost")
        ax[0, i].plot(np.arange(eps.size), np.argmin(cost, 0), "w-o", label="cost-optimal alpha")
        ax[0, i].plot(np.arange(eps.size), [int(np.argmin(np.abs(al - b))) for b in best_b], "k--",
                      label="T5 bound argmin")
        ax[0, i].set(xticks=range(eps.size), xticklabels=[f"{e:g}" for e in eps], yticks=range(al.size),
                     yticklabels=[f"{x:g}" for x in al], xlabel="eps", ylabel="alpha", title=f"T5 trade-off, {s['system']}")
        ax[0, i].legend(fontsize=6)
        data[s["system"]] = {"alphas": al, "eps": eps, "cost": cost, "expert_cost": rs.stacked(i, a, "expert_cost").mean(0),
                             "cost_argmin_alpha": al[np.argmin(cost, 0)], "bound_argmin_alpha": best_b}
        V, err = rs.stacked(i, a, "objective").mean(0), rs.stacked(i, a, "mean_err").mean(0)
        L = float(rs.first(i, a, "L_star"))
        ax2[0, i].semilogx(al, V, "o-", label="training loss V(alpha)")
        ax2[0, i].semilogx(al, err, "s-", label="grid mean error")
        ax2[0, i].axvline(L, color="0.5", linestyle=":", label="L*")
        ax2[0, i].set(xlabel="alpha", title=s["system"])
        ax2[0, i].legend(fontsize=6)
        data2[s["system"]] = {"alphas": al, "V": V, "mean_err": err, "L_star": L}
    return save(fig, out_dir, "lipschitz_tradeoff", data) + save(fig2, out_dir, "lipschitz_value", data2)
