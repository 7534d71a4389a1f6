"""Plot helpers shared by the actor-critic figures (Tan, Fan, Wei 2025)."""
from __future__ import annotations

import numpy as np

__all__ = ["require", "start", "title", "mean_ci", "COLOURS", "curve", "loglog"]

# One colour per actor-critic algorithm (Okabe & Ito palette), fixed across figures.
COLOURS = {"nora": "#CC79A7", "rs_greedy": "#009E73", "douhua": "#56B4E9", "npg": "#882255",
           "nora_ls": "#E69F00", "ucbvi": "#0072B2", "lsvi_ucb": "#D55E00", "nora_det": "#999933",
           "nora@300": "#332288", "nora_eta10": "#44AA99", "nora_eta100": "#117733", "nora_noreset": "#AA4499"}


def require(results: dict, experiments: tuple, name: str) -> None:
    """Raise ValueError naming the missing experiments and the command that produces them.

    References
    ----------
    ``paper_figures`` contract (figures only plot stored results).
    """
    missing = [e for e in experiments if e not in results]
    if missing:
        raise ValueError(f"{name} needs results of {', '.join(missing)}; run: theorylab run {' '.join(missing)}")


def start(results: dict, experiments: tuple, name: str, key: str = "panels"):
    """Check a figure's inputs; return its ResultSet and the JSON record that it fills.

    Parameters
    ----------
    results : dict, experiment id -> ResultSet (the figure plots ``experiments[0]``)
    experiments : tuple of str; name : str, the figure's file stem
    key : str, the record's list of plotted items (``"panels"`` or ``"curves"``)

    Returns
    -------
    (rs, data) : ResultSet, dict ``{"figure": name, "size": rs.size, key: []}``

    Raises
    ------
    ValueError
        From :func:`require` when results are missing.

    References
    ----------
    ``paper_figures`` contract (figures only plot stored results; JSON sidecar of the numbers).
    """
    require(results, experiments, name)
    rs = results[experiments[0]]
    return rs, {"figure": name, "size": rs.size, key: []}


def title(setting: dict) -> str:
    """Short panel title of a setting.

    References
    ----------
    Spec §4.2 (instances).
    """
    names = {"riverswim": "RiverSwim", "lock": "combination lock", "linear": "sparse linear MDP",
             "random_tabular": "random tabular"}
    keys = [k for k in ("S", "A", "d", "H", "K") if k in setting]
    text = f"{names.get(setting['instance'], setting['instance'])} (" + ", ".join(f"{k}={setting[k]}" for k in keys) + ")"
    return text + (f", behaviour={setting['behaviour']}" if "behaviour" in setting else "")


def mean_ci(Y, rng: np.random.Generator, n_boot: int = 1000):
    """Mean over rows of Y (n, ...) with a 95% percentile-bootstrap interval (lo = hi = mean for n = 1).

    References
    ----------
    Efron & Tibshirani (1993), ch. 13.
    """
    Y = np.asarray(Y, dtype=np.float64)
    m = Y.mean(0)
    if Y.shape[0] < 2:
        return m, m.copy(), m.copy()
    idx = rng.integers(0, Y.shape[0], size=(n_boot, Y.shape[0]))
    boots = np.stack([Y[i].mean(0) for i in idx])
    lo, hi = np.quantile(boots, [0.025, 0.975], axis=0)
    return m, lo, hi


def curve(ax, trace, color: str, rng: np.random.Generator):
    """Mean cumulative regret with its 95% bootstrap band (ax in, ax out).

    References
    ----------
    Agarwal et al. (2021), rliable (interval estimates over runs).
    """
    m, lo, hi = mean_ci(trace.pseudo, rng)
    ax.plot(trace.checkpoints, m, color=color, linewidth=1.5, label=trace.algorithm)
    ax.fill_between(trace.checkpoints, lo, hi, color=color, alpha=0.2, linewidth=0)
    ax.set_xlabel("episodes K")
    ax.set_ylabel("pseudo-regret")
    return ax


def loglog(ax, trace, color: str, t_min: int, rng: np.random.Generator):
    """Log-log mean regret with the slope fitted for K >= t_min (and its bootstrap CI) in the legend.

    References
    ----------
    Design rule 5 (log-log slopes with a seeded bootstrap).
    """
    from theorylab.stats import bootstrap_slope
    K, Y = trace.checkpoints, trace.pseudo
    keep = K >= t_min
    sl, lo, hi = bootstrap_slope(K[keep], Y[:, keep], rng=rng, n_boot=1000)
    m = Y.mean(0)
    ax.loglog(K, np.maximum(m, 1e-12), "o", color=color, markersize=3,
              label=f"{trace.algorithm}: slope {sl:.2f} [{lo:.2f}, {hi:.2f}]")
    pos = keep & (m > 0)
    if pos.sum() >= 2:
        icpt = np.mean(np.log(m[pos]) - sl * np.log(K[pos]))
        ax.loglog(K[pos], np.exp(icpt) * K[pos] ** sl, "-", color=color, linewidth=1.1)
    ax.set_xlabel("episodes K")
    ax.set_ylabel("pseudo-regret")
    return ax
