"""Figure 7 of the lipschitz spec (§5): deterioration vs eps for each alpha, with T4.

One panel per adversary: mean |J_T(h, delta) - J_T(h, 0)| vs eps for each alpha (markers),
the T4 bound in the same colour (dashed).
"""
from __future__ import annotations

from ._common import new_figure, save
from ._lipschitz import alpha_colour

EXPERIMENTS = ("lipschitz/attack",)


def main(results, out_dir) -> list:
    """Draw the attack figure from the ``lipschitz/attack`` ResultSet.

    References
    ----------
    Reconstruction; see spec §4 T4 and §5 figure 7.
    """
    rs, a = results[EXPERIMENTS[0]], "lipschitz"
    advs = list(rs.settings[0]["adversaries"])
    fig, ax = new_figure(len(advs), width=4.2)
    data = {}
    for i, s in enumerate(rs.settings):
        eps = rs.first(i, a, "eps")
        det, bnd = rs.stacked(i, a, "deterioration"), rs.stacked(i, a, "bound")
        for k, adv in enumerate(advs):
            m, b = det[:, k].mean(axis=(0, 2)), bnd[:, k].mean(axis=(0, 2))
            ax[0, k].loglog(eps, m, "o-", color=alpha_colour(i), label=f"alpha={s['alpha']:g}")
            ax[0, k].loglog(eps, b, "--", color=alpha_colour(i), linewidth=0.8)
            data[f"{adv}, alpha={s['alpha']:g}"] = {"eps": eps, "deterioration": m, "bound": b}
    ax[0, 0].set_ylabel("|J(h, delta) - J(h, 0)| (dashed: T4 bound)")
    for k, adv in enumerate(advs):
        ax[0, k].set(xlabel="eps", title=f"T4, {adv} adversary")
        ax[0, k].minorticks_off()
        ax[0, k].legend(fontsize=6)
    return save(fig, out_dir, "lipschitz_attack", data)
