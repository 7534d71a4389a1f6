"""Figure 6 of the lipschitz spec (§5): regret vs N and alpha with the T3 bound.

Left: mean |J_T(h) - J_T(h*)| vs N per (alpha, algorithm) with the T3 bound (dashed).
Right: the looseness factor |regret| / bound.
"""
from __future__ import annotations

import numpy as np

from theorylab import plotting

from ._common import new_figure, save

EXPERIMENTS = ("lipschitz/regret",)


def main(results, out_dir) -> list:
    """Draw the regret figure from the ``lipschitz/regret`` ResultSet.

    References
    ----------
    Reconstruction; see spec §4 T3 and §5 figure 6.
    """
    rs = results[EXPERIMENTS[0]]
    fig, ax = new_figure(2)
    data = {}
    styles = ("-", "--", ":", "-.")
    for i, s in enumerate(rs.settings):
        for a in rs.experiment.algorithms:
            if not rs.has(i, a):
                continue
            N = rs.first(i, a, "checkpoints")
            reg = np.abs(rs.stacked(i, a, "regret")).mean(axis=(0, 2))
            bnd = rs.stacked(i, a, "bound").mean(axis=(0, 2))
            lab = f"{a}, alpha={s['alpha']:g}"
            c = plotting.colour(a)
            ax[0, 0].loglog(N, reg, "o" + styles[i % 4], color=c, label=lab)
            ax[0, 0].loglog(N, bnd, styles[i % 4], color="0.4", linewidth=0.8)
            ax[0, 1].loglog(N, reg / bnd, "o" + styles[i % 4], color=c, label=lab)
            data[lab] = {"N": N, "regret": reg, "bound": bnd}
    ax[0, 0].set(xlabel="N", ylabel="|J(h) - J(h*)|", title="T3 regret (grey: bound)")
    ax[0, 1].set(xlabel="N", ylabel="regret / bound", title="looseness factor")
    ax[0, 0].legend(fontsize=6)
    return save(fig, out_dir, "lipschitz_regret", data)
