"""E5 analysis: Lipschitz ratio <= L, fixed-point residual ~ 0, sweep = fixed point (z-scores)."""
import numpy as np
from scipy.stats import norm

from theorylab.regret import Check

from .._common import label

_CITE = "reconstruction; see spec §2.3 and §4.4 (E5)"


def _check(results, i, name, passed, ratio, detail):
    return Check(results.experiment.id, label(results, i), "sweep", name, _CITE, "bound", bool(passed),
                 float("nan"), (float("nan"), float("nan")), float("nan"), float(ratio), "at_most", True, True,
                 0, len(results.stacked(i, "sweep", "modulus")), detail)


def _z(diff, se):
    # a degenerate arm (e.g. accept nobody: every round identical) has se = 0: exact agreement needed
    diff = np.abs(diff)
    return np.where(se > 0, diff / np.where(se > 0, se, 1.0), np.where(diff <= 1e-12, 0.0, np.inf))


def analyse(results, alpha: float = 1e-3):
    """Checks of E5.

    The z-score test is two-sided at level ``alpha`` with a Bonferroni correction over
    seeds x arms x 2 signals; the realised rounds of the window are independent given the
    deterministic state path, so the standard errors are exact up to the CLT.

    References
    ----------
    Reconstruction; see spec ``ofs_fair_threshold.md`` §2.3, §2.5, §4.4 (E5).
    """
    out = []
    for i in range(len(results.settings)):
        st = lambda k: results.stacked(i, "sweep", k)  # noqa: E731
        L, ratio = st("modulus"), st("lipschitz_ratio")
        out.append(_check(results, i, "||Phi x - Phi y||_w <= L ||x - y||_w", np.all(ratio <= L * (1 + 1e-9)),
                          np.max(ratio / L), f"max ratio {ratio.max():.6f} vs L {L.max():.6f}"))
        res = st("fixed_point_residual")
        out.append(_check(results, i, "fixed point converged", np.all(res < 1e-9), res.max() / 1e-9,
                          f"max ||Phi(x*) - x*||_w = {res.max():.2e}"))
        z = np.concatenate([_z(st("sw_reward") - st("fp_reward"), st("sw_reward_se")),
                            _z(st("sw_dp") - st("fp_dp"), st("sw_dp_se"))], axis=1)
        zc = norm.isf(alpha / (2 * z.size))
        out.append(_check(results, i, "sweep = fixed point (Monte-Carlo error)", np.all(z <= zc), z.max() / zc,
                          f"max |z| {z.max():.2f} vs Bonferroni critical value {zc:.2f} over {z.size} comparisons"))
    return out
