"""Solver scaling: wall time of all-pairs vs constraint generation vs N (log-log).

Timings are recorded by the cells (informational; speed is asserted only in ``benchmarks/``).
"""
from __future__ import annotations

import numpy as np

from theorylab import plotting

from ._common import new_figure, save

EXPERIMENTS = ("lipschitz/solver_scaling",)


def main(results, out_dir) -> list:
    """Draw the solver-scaling figure from the ``lipschitz/solver_scaling`` ResultSet.

    References
    ----------
    Reconstruction; see spec §3.2 (constraint generation vs all pairs).
    """
    rs = results[EXPERIMENTS[0]]
    fig, ax = new_figure(1)
    data = {}
    Ns = np.array([s["N"] for s in rs.settings])
    for a in rs.experiment.algorithms:
        t = np.array([np.nanmean(rs.stacked(i, a, "seconds")) if rs.has(i, a) else np.nan
                      for i in range(len(rs.settings))])
        ax[0, 0].loglog(Ns, t, "o-", color=plotting.colour(a), label=a)
        data[a] = {"N": Ns, "seconds": t}
    ax[0, 0].set(xlabel="N", ylabel="seconds", title="(P_alpha^N) solvers")
    ax[0, 0].legend(fontsize=7)
    return save(fig, out_dir, "lipschitz_solvers", data)
