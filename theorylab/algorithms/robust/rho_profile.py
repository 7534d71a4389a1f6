"""Cell of robust/rho_profile: robust optimal value vs the TV radius, batched over instances.

One cell draws B random d-rectangular TV robust MDPs (instance I2: S states with a fail
state, A actions, feature dimension d, horizon H) from its instance stream, on the host, and
computes in ONE call of :func:`theorylab.backend.batched_robust_backward_induction` the
robust optimal value V*_rho(s_1) for every (instance, radius) pair of a grid rho_1..rho_R
(batch axis B R, instance-major, the same radius on every (h, i)), plus the nominal optimal
value with ONE call of :func:`theorylab.backend.batched_backward_induction` on the
equivalent tabular kernels P_h(s'|s, a) = <phi(s, a), mu_h(s')>, r_h = <phi, theta_h>.

The array namespace is ``THEORYLAB_BACKEND`` (``theorylab run --backend``; default numpy),
resolved by :func:`theorylab.backend.get_backend`.  Inputs are drawn on the host and results
are copied back to numpy before they are returned, so a stored shard does not depend on the
backend beyond floating-point summation order (see the experiment's README).

A few instances (``n_verify``, chosen by the cell's algorithm stream) are re-solved one at a
time by :func:`theorylab.planning.robust.robust_optimal` (sort closed form of the TV inner
problem) as an independent reference for the analysis.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np

from theorylab.backend import batched_backward_induction, batched_robust_backward_induction, get_backend, to_numpy
from theorylab.planning.robust import robust_optimal
from theorylab.problems.robust import random_drmdp

__all__ = ["ALGORITHM", "RhoProfileConfig", "draw_instances", "batch_inputs", "solve_batch", "cell_arrays", "run_cell"]

ALGORITHM = "batched_robust_dp"


@dataclass(frozen=True)
class RhoProfileConfig:
    """Sizes of one rho_profile setting, validated.

    Attributes
    ----------
    S, A, d, H : int, states (>= 2, the last is the fail state), actions, feature dimension
        (>= 2, the last is the fail factor), horizon
    B : int >= 1, instances per cell (the batch is B * len(rhos))
    rhos : tuple of float, strictly increasing TV radii in [0, 1]
    n_verify : int in [0, B], instances re-solved per instance by ``robust_optimal``
    alpha_phi : float > 0, Dirichlet concentration of the feature rows;
        reconstruction; see spec §4.3 (I2).
    alpha_mu : float > 0, Dirichlet concentration of the factor distributions;
        reconstruction; see spec §4.3 (I2).
    fail_mix : float in [0, 1), fail-state mass mixed into every factor;
        reconstruction; see spec §4.3 (I2).

    References
    ----------
    Spec §4.3 (instance I2) and §6 L10 (V*_rho over a grid of rho).
    """

    S: int = 20
    A: int = 4
    d: int = 8
    H: int = 5
    B: int = 1024
    rhos: tuple = (0.0, 0.1, 0.2, 0.4, 0.7, 1.0)
    n_verify: int = 4
    alpha_phi: float = 0.3
    alpha_mu: float = 0.5
    fail_mix: float = 0.05

    def __post_init__(self):
        for name, low in (("S", 2), ("A", 1), ("d", 2), ("H", 1), ("B", 1)):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < low:
                raise ValueError(f"{name} must be an integer >= {low}, got {v!r}")
        rhos = tuple(float(x) for x in self.rhos)
        if not rhos or min(rhos) < 0 or max(rhos) > 1 or any(b <= a for a, b in zip(rhos, rhos[1:])):
            raise ValueError(f"rhos must be a non-empty strictly increasing tuple in [0, 1], got {self.rhos!r}")
        object.__setattr__(self, "rhos", rhos)
        if not 0 <= int(self.n_verify) <= self.B:
            raise ValueError(f"n_verify must lie in [0, B = {self.B}], got {self.n_verify!r}")
        for name in ("alpha_phi", "alpha_mu"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be > 0, got {getattr(self, name)!r}")
        if not 0 <= self.fail_mix < 1:
            raise ValueError(f"fail_mix must lie in [0, 1), got {self.fail_mix!r}")

    @classmethod
    def from_setting(cls, setting) -> "RhoProfileConfig":
        """The config of a setting dict (unknown keys are an error, naming them).

        References
        ----------
        Design rule 4 (validated frozen configs).
        """
        known = set(cls.__dataclass_fields__)
        extra = sorted(set(setting) - known)
        if extra:
            raise ValueError(f"unknown rho_profile setting keys {extra}; allowed: {sorted(known)}")
        return cls(**{k: (tuple(v) if k == "rhos" else v) for k, v in setting.items()})


def draw_instances(cfg: RhoProfileConfig, rng: np.random.Generator) -> list:
    """B instances I2 drawn one after another from ``rng`` (the cell's instance stream).

    Returns
    -------
    list of RobustLinearMDP, length B (radius 0; radii are set per batch entry)

    References
    ----------
    Spec §4.3 (I2; reconstruction of a generic test family).
    """
    return [random_drmdp(rng, cfg.S, cfg.A, cfg.d, cfg.H, 0.0, alpha_phi=cfg.alpha_phi,
                         alpha_mu=cfg.alpha_mu, fail_mix=cfg.fail_mix) for _ in range(cfg.B)]


def batch_inputs(mdps, rhos) -> dict:
    """Host arrays of the batched robust and nominal problems.

    Returns
    -------
    dict with phi (B R, S, A, d), mu (B R, H, d, S), theta (B R, H, d), rho (B R, H, d)
    (entry b R + j is instance b at radius rhos[j]); P (B, H, S, A, S) and r (B, H, S, A)
    of the nominal tabular MDPs; mu0 (B, S).

    References
    ----------
    Spec §2.1 (P_h = phi mu_h, r_h = <phi, theta_h>).
    """
    rhos = np.asarray(rhos, dtype=np.float64)
    R = rhos.size
    phi, mu, theta = (np.stack([getattr(m, k) for m in mdps]) for k in ("phi", "mu", "theta"))
    B, H, d = theta.shape
    rho = np.broadcast_to(rhos[None, :, None, None], (B, R, H, d)).reshape(B * R, H, d)
    S, A = phi.shape[1:3]
    flat = phi.reshape(B, 1, S * A, d)
    P = np.matmul(flat, mu).reshape(B, H, S, A, S)  # P_h = phi mu_h, as RobustLinearMDP.P
    r = np.matmul(flat, theta[:, :, :, None]).reshape(B, H, S, A)
    return {"phi": np.repeat(phi, R, axis=0), "mu": np.repeat(mu, R, axis=0),
            "theta": np.repeat(theta, R, axis=0), "rho": np.ascontiguousarray(rho),
            "P": P, "r": r, "mu0": np.stack([m.mu0 for m in mdps])}


def solve_batch(inputs: dict, R: int, xp=np) -> dict:
    """Robust values at every radius and nominal values, one batched call each, on ``xp``.

    Parameters
    ----------
    inputs : dict from :func:`batch_inputs` (host numpy arrays)
    R : int, number of radii
    xp : array namespace

    Returns
    -------
    dict of numpy arrays: value (B, R) = mu0 @ V*_rho[0], nominal (B,) = mu0 @ V*[0]

    References
    ----------
    Spec §2.3 (robust DP, beta = 0); Puterman (1994), §4.5.
    """
    dev = {k: xp.asarray(inputs[k]) for k in ("phi", "mu", "theta", "rho", "P", "r")}
    _, V_rob, _ = batched_robust_backward_induction(dev["phi"], dev["mu"], dev["theta"], dev["rho"], xp=xp)
    _, V_nom, _ = batched_backward_induction(dev["P"], dev["r"], inputs["P"].shape[1], xp=xp)
    mu0 = inputs["mu0"]
    B = mu0.shape[0]
    v_rob = to_numpy(V_rob[:, 0, :]).reshape(B, R, -1)
    v_nom = to_numpy(V_nom[:, 0, :])
    return {"value": np.einsum("bjs,bs->bj", v_rob, mu0), "nominal": np.einsum("bs,bs->b", v_nom, mu0)}


def _verify(mdps, rhos, rng: np.random.Generator, n: int) -> tuple:
    idx = np.sort(rng.choice(len(mdps), size=n, replace=False)) if n else np.zeros(0, np.int64)
    vals = np.array([[robust_optimal(mdps[b], 0.0, rho=float(r)).value for r in rhos] for b in idx])
    return idx.astype(np.int64), vals.reshape(n, len(rhos))


def cell_arrays(cfg: RhoProfileConfig, mdps, inputs: dict, rng: np.random.Generator, xp=np) -> dict:
    """The arrays a cell stores, from its instances and (possibly edited) batch inputs.

    Parameters
    ----------
    cfg : RhoProfileConfig
    mdps : list of RobustLinearMDP, length B
    inputs : dict from :func:`batch_inputs`
    rng : numpy.random.Generator choosing the verified instances
    xp : array namespace of the batched calls

    Returns
    -------
    dict: rhos (R,), value (B, R), nominal (B,), myopic (B,) = mu0 @ max_a r_0 (the value at
    rho = 1 with a fail state), verify_index (n_verify,) int, verify_value (n_verify, R)

    References
    ----------
    Spec §6 L10.
    """
    out = solve_batch(inputs, len(cfg.rhos), xp)
    out["rhos"] = np.asarray(cfg.rhos)
    out["myopic"] = np.einsum("bs,bs->b", inputs["r"][:, 0].max(-1), inputs["mu0"])
    out["verify_index"], out["verify_value"] = _verify(mdps, cfg.rhos, rng, cfg.n_verify)
    return out


def run_cell(setting: dict, algorithm: str, streams) -> dict:
    """One cell: B instances x R radii robust values on the ``THEORYLAB_BACKEND`` namespace.

    Instances come from ``streams.instance``, the verified subsample from
    ``streams.algorithm(ALGORITHM)``; the arrays are those of :func:`cell_arrays` (numpy).

    References
    ----------
    Spec §6 L10; ``docs/scale.md`` (batched backend).
    """
    if algorithm != ALGORITHM:
        raise ValueError(f"algorithm must be {ALGORITHM!r}, got {algorithm!r}")
    cfg = RhoProfileConfig.from_setting(setting)
    xp = get_backend(os.environ.get("THEORYLAB_BACKEND", "numpy"))
    mdps = draw_instances(cfg, streams.instance)
    return cell_arrays(cfg, mdps, batch_inputs(mdps, cfg.rhos), streams.algorithm(ALGORITHM), xp)
