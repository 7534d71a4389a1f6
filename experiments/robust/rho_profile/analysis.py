"""Checks of robust/rho_profile: exact properties of V*_rho(s_1) over a grid of TV radii.

Per setting, pooled over every instance of every seed (n = B x seeds profiles), with the
value array V (n, R) over the radii rho_1 < ... < rho_R:

1. rho = 0 gives the nominal optimum: |V*_0 - V*_nominal| <= 1e-10 (spec §6 L10).
2. Non-increasing in rho: V*_{rho_{j+1}} - V*_{rho_j} <= 1e-12 (spec §6 L10; the TV balls
   are nested).
3. With a fail state and rho = 1 every inner problem equals min V = 0, so V*_1(s_1) is the
   myopic reward mu0 @ max_a r_0: |V*_1 - myopic| <= 1e-10 (spec §6 L10).
4. TV simulation bound (ours, proved in the README): V*_0 - V*_rho <= rho H (H - 1) / 2,
   from sigma_rho(mu, V) >= E_mu V - rho span(V) (the closed form of spec §3.2) and
   span(V*_{rho,h}) <= H - h on stage h (0-based, rewards in [0, 1]).
5. The batched dual-at-the-kinks backup equals the per-instance sort closed form
   (:func:`theorylab.planning.robust.robust_optimal`) on the verified subsample to 1e-10
   (spec §3.2, §6 L1-L2).

Checks 1-3 and 5 are identities, so their tolerances are floating-point allowances
(1e-10 is more than 10^4 ulps of any value <= H <= 20); check 4 is an inequality with a 1e-12
allowance.  Each check is a :class:`theorylab.regret.Check` and fails on one violation.
"""
from __future__ import annotations

import numpy as np

from theorylab.regret import Check

from theorylab.algorithms.robust.rho_profile import ALGORITHM

__all__ = ["profile_checks", "analyse", "TOL_EXACT", "TOL_ORDER"]

TOL_EXACT = 1e-10  # identities computed along two different summation paths
TOL_ORDER = 1e-12  # inequalities that hold exactly in real arithmetic


def _check(exp_id: str, setting: str, name: str, citation: str, excess, allowance: float, *,
           ratio=None, reconstruction: bool = False, unit: str = "profiles") -> Check:
    """Pass when every entry of ``excess`` (lhs - rhs) is at most ``allowance``.

    ``max_ratio`` is the largest lhs / rhs given as ``ratio``; without it (identities, where
    ``excess`` is an absolute difference) the largest excess / allowance.
    """
    excess = np.asarray(excess, float).ravel()
    viol = int(np.sum(~(excess <= allowance)))  # NaN counts as a violation
    worst = float(np.max(excess)) if excess.size else float("nan")
    ratio = excess / allowance if ratio is None else np.asarray(ratio, float)
    max_ratio = float(np.max(ratio)) if ratio.size else float("nan")
    return Check(exp_id, setting, ALGORITHM, name, citation, "bound", viol == 0, float("nan"),
                 (float("nan"), float("nan")), float("nan"), max_ratio, "at_most", True, reconstruction,
                 viol, excess.size, f"{viol}/{excess.size} {unit} violate; worst lhs - rhs = {worst:.3g} "
                 f"(allowance {allowance:g})")


def profile_checks(exp_id: str, setting: str, H: int, arrays: dict) -> list:
    """The checks of one setting from its cells' arrays stacked over seeds.

    Parameters
    ----------
    exp_id, setting : str, labels
    H : int, horizon
    arrays : dict with rhos (R,), value (n_seeds, B, R), nominal (n_seeds, B),
        myopic (n_seeds, B), verify_index (n_seeds, m) int, verify_value (n_seeds, m, R)

    Returns
    -------
    list of Check (the rho = 1 check only when the grid ends at 1, the reference check only
    when m > 0)

    References
    ----------
    Spec §3.2 and §6 L1, L2, L10.
    """
    rhos = np.asarray(arrays["rhos"], float)
    if rhos[0] != 0.0 or not np.all(np.diff(rhos) > 0):
        raise ValueError(f"rho_profile needs an increasing radius grid starting at 0, got {rhos}")
    val = np.asarray(arrays["value"], float)
    V, nominal = val.reshape(-1, rhos.size), np.asarray(arrays["nominal"], float).ravel()
    checks = [
        _check(exp_id, setting, "V*_0 = nominal optimum", "spec §6 L10", np.abs(V[:, 0] - nominal), TOL_EXACT),
        _check(exp_id, setting, "V*_rho non-increasing in rho", "spec §6 L10 (nested TV balls)",
               np.diff(V, axis=1), TOL_ORDER, ratio=V[:, 1:] / np.maximum(V[:, :-1], 1e-300),
               unit="consecutive radius pairs")]
    if rhos[-1] == 1.0:
        myopic = np.asarray(arrays["myopic"], float).ravel()
        checks.append(_check(exp_id, setting, "V*_1 = mu0 @ max_a r_0 (fail state)",
                             "spec §6 L10 (fail state, rho = 1: sigma = 0)", np.abs(V[:, -1] - myopic), TOL_EXACT))
    gap, bound = V[:, :1] - V[:, 1:], rhos[1:] * H * (H - 1) / 2.0
    checks.append(_check(exp_id, setting, "V*_0 - V*_rho <= rho H(H-1)/2",
                         "spec §3.2 closed form + §2.3 recursion (our TV simulation bound)",
                         gap - bound, TOL_ORDER, ratio=gap / np.maximum(bound, 1e-300), reconstruction=True,
                         unit="(profile, radius) pairs"))
    idx = np.asarray(arrays["verify_index"], np.int64)
    if idx.size:
        picked = np.take_along_axis(val, idx[:, :, None], axis=1)
        checks.append(_check(exp_id, setting, "batched dual = robust_optimal (sort form)", "spec §3.2; §6 L1-L2",
                             np.abs(picked - arrays["verify_value"]), TOL_EXACT, unit="(instance, radius) pairs"))
    return checks


def analyse(results) -> list:
    """All checks of every setting of robust/rho_profile.

    References
    ----------
    Spec §6 L10.
    """
    names = ("value", "nominal", "myopic", "verify_index", "verify_value")
    checks = []
    for i, s in enumerate(results.settings):
        arrays = {k: results.stacked(i, ALGORITHM, k) for k in names}
        arrays["rhos"] = results.first(i, ALGORITHM, "rhos")
        label = f"S={s['S']},A={s['A']},d={s['d']},H={s['H']},B={s['B']}"
        checks += profile_checks(results.experiment.id, label, int(s["H"]), arrays)
    return checks
