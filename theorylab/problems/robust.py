"""d-rectangular linear robust MDPs with total-variation uncertainty, and their instances.

A :class:`RobustLinearMDP` is a finite-horizon linear MDP (features phi(s, a) on the
simplex, nominal factor distributions mu0_{h,i} in Delta(S), reward parameters theta_h in
[0, 1]^d) together with TV radii rho_{h,i} in [0, 1].  Its uncertainty set is

    U_h(s, a) = { sum_i phi_i(s, a) mu_{h,i} : TV(mu_{h,i}, mu0_{h,i}) <= rho_{h,i} },

with TV(p, q) = 1/2 ||p - q||_1 (spec §7.7).  A fail state s_f (absorbing, zero reward)
may be declared; learners then know V(s_f) = 0 = min V (spec §2.1).

Instances (spec §4.3 and §5.1): the simulated linear MDP of Liu & Xu (I1) and its perturbed
test environments, random d-rectangular instances with a fail state (I2), random
tabular instances with one-hot features (I3), and the American put option of spec §5.2 on
its exact price lattice.  Stage indices are 0-based (h = 0..H-1).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from ._validate import ATOL, as_float_array, check_positive_int, check_range, check_stochastic
from .tabular import TabularMDP

__all__ = ["RobustLinearMDP", "simulated_linear_mdp", "simulated_test_env", "switching_radius",
           "random_drmdp", "random_tabular_robust", "american_put", "american_put_env"]


@dataclass(frozen=True, eq=False)
class RobustLinearMDP:
    """A d-rectangular linear robust MDP with TV balls of per-(h, i) radii.

    Parameters
    ----------
    phi : ndarray(float, (S, A, d)), non-negative, each phi(s, a) sums to 1
    mu : ndarray(float, (H, d, S)), nominal factor distributions (rows sum to 1)
    theta : ndarray(float, (H, d)), reward parameters in [0, 1]
    rho : float or ndarray(float, (H, d)), TV radii in [0, 1] (1/2-L1 convention)
    mu0 : ndarray(float, (S,)) or int, initial distribution or state (default 0)
    fail_state : int or None
        An absorbing zero-reward state (checked under the nominal kernel).
    name : str

    Raises
    ------
    ValueError
        Naming the field: radii outside [0, 1], features off the simplex, factors that are
        not distributions, theta outside [0, 1], or a fail state that is not absorbing with
        zero reward.

    References
    ----------
    Ma, Liang, Zhou, Yang, Wang (2022), "Distributionally robust offline RL with linear
    function approximation" (d-rectangular sets); Liu & Xu (2024), AISTATS (online,
    fail-state assumption); spec §2.1.
    """

    phi: np.ndarray
    mu: np.ndarray
    theta: np.ndarray
    rho: np.ndarray | float
    mu0: np.ndarray | int | None = None
    fail_state: int | None = None
    name: str = "robust_linear"

    def __post_init__(self):
        phi = as_float_array("phi", self.phi, (3,))
        mu = as_float_array("mu", self.mu, (3,))
        theta = as_float_array("theta", self.theta, (2,))
        S, A, d = phi.shape
        H = check_positive_int("H (mu.shape[0])", mu.shape[0])
        if mu.shape != (H, d, S):
            raise ValueError(f"mu must have shape (H, d, S) = ({H}, {d}, {S}), got {mu.shape}")
        if theta.shape != (H, d):
            raise ValueError(f"theta must have shape (H, d) = ({H}, {d}), got {theta.shape}")
        if phi.min() < -ATOL or np.abs(phi.sum(-1) - 1).max() > 1e-9:
            s, a = np.unravel_index(np.argmax(np.abs(phi.sum(-1) - 1) + (phi.min(-1) < -ATOL)), (S, A))
            raise ValueError(f"phi must lie on the simplex (phi >= 0, sum 1); phi({s}, {a}) = {phi[s, a]}")
        check_stochastic("mu (nominal factor distributions)", mu)
        check_range("theta", theta, 0.0, 1.0)
        rho = np.asarray(self.rho, dtype=np.float64)
        if rho.shape not in ((), (H, d)) or not np.all(np.isfinite(rho)):
            raise ValueError(f"rho must be a finite scalar or have shape (H, d) = ({H}, {d}), got shape {rho.shape}")
        rho = np.broadcast_to(rho, (H, d)).copy()
        if rho.min() < 0 or rho.max() > 1:
            raise ValueError(f"rho (TV radii) must lie in [0, 1], got range [{rho.min():.4g}, {rho.max():.4g}]")
        object.__setattr__(self, "phi", phi)
        object.__setattr__(self, "mu", mu)
        object.__setattr__(self, "theta", theta)
        object.__setattr__(self, "rho", rho)
        object.__setattr__(self, "mu0", TabularMDP._initial(self.mu0, S))
        if self.fail_state is not None:
            self._check_fail(int(self.fail_state))

    def _check_fail(self, f: int) -> None:
        if not 0 <= f < self.S:
            raise ValueError(f"fail_state must be a state index in 0..{self.S - 1}, got {f}")
        r = np.einsum("ad,hd->ha", self.phi[f], self.theta)
        stay = np.einsum("ad,hd->ha", self.phi[f], self.mu[:, :, f])
        if np.abs(r).max() > ATOL or np.abs(stay - 1).max() > 1e-9:
            raise ValueError(f"fail_state {f} must be absorbing with zero reward; "
                             f"max reward {np.abs(r).max():.3g}, min stay probability {stay.min():.6g}")
        object.__setattr__(self, "fail_state", f)

    S = property(lambda self: self.phi.shape[0], doc="Number of states.")
    A = property(lambda self: self.phi.shape[1], doc="Number of actions.")
    d = property(lambda self: self.phi.shape[2], doc="Feature dimension.")
    H = property(lambda self: self.mu.shape[0], doc="Horizon.")

    @classmethod
    def from_kernel(cls, phi, P, theta, rho, *, tol: float = 1e-8, **kwargs) -> "RobustLinearMDP":
        """Recover mu from a kernel P[h, s, a, s'] that must factor as phi @ mu_h.

        Raises ``ValueError`` when the least-squares residual of phi @ mu_h = P_h exceeds
        ``tol`` (the kernel is not phi mu), or when the recovered mu is not a distribution.

        References
        ----------
        Jin, Yang, Wang, Jordan (2020), Assumption A; spec §2.1.
        """
        phi = as_float_array("phi", phi, (3,))
        P = as_float_array("P", P, (4,))
        S, A, d = phi.shape
        X = phi.reshape(S * A, d)
        mu = np.empty((P.shape[0], d, S))
        for h in range(P.shape[0]):
            Y = P[h].reshape(S * A, S)
            mu[h] = np.linalg.lstsq(X, Y, rcond=None)[0]
            res = np.abs(X @ mu[h] - Y).max()
            if res > tol:
                raise ValueError(f"P[{h}] is not phi @ mu for any mu: least-squares residual {res:.3g} > tol {tol:g}")
        return cls(phi, mu, theta, rho, **kwargs)

    @property
    def P(self) -> np.ndarray:
        """Nominal kernel P[h, s, a, s'] = <phi(s, a), mu_h(s')>, shape (H, S, A, S)."""
        return np.einsum("sad,hdt->hsat", self.phi, self.mu)

    @property
    def r(self) -> np.ndarray:
        """Rewards r[h, s, a] = <phi(s, a), theta_h>, shape (H, S, A)."""
        return np.einsum("sad,hd->hsa", self.phi, self.theta)

    def nominal(self) -> TabularMDP:
        """The nominal model as a :class:`TabularMDP` (for non-robust planning)."""
        P = np.clip(self.P, 0.0, None)
        P /= P.sum(-1, keepdims=True)
        return TabularMDP(P, np.clip(self.r, 0.0, 1.0), self.H, self.mu0, name=f"nominal[{self.name}]")

    def with_rho(self, rho) -> "RobustLinearMDP":
        """The same model with other radii."""
        return RobustLinearMDP(self.phi, self.mu, self.theta, rho, self.mu0, self.fail_state, self.name)

    def with_mu(self, mu) -> "RobustLinearMDP":
        """The same features and rewards with other factor distributions (a test model)."""
        return RobustLinearMDP(self.phi, mu, self.theta, self.rho, self.mu0, self.fail_state, self.name)


def _sim_parts(xi_norm: float, delta: float):
    actions = np.array(list(itertools.product((-1.0, 1.0), repeat=4)))
    p = delta + actions @ np.full(4, xi_norm / 4)
    return actions, p


def simulated_linear_mdp(xi_norm: float = 0.1, rho: float = 0.3, *, delta: float = 0.3,
                         leak: float = 0.001, H: int = 3) -> RobustLinearMDP:
    """Instance I1: the simulated linear MDP of Liu & Xu (S = 5, A = 16, d = 4, H = 3).

    States x1..x5 are indices 0..4; x4 (index 3) is the fail state, x5 (index 4) pays 1 per
    step from stage 1 on.  Actions are a in {-1, +1}^4 (itertools order); p(a) = delta +
    xi.a with xi = (xi_norm / 4) 1.  The radius rho sits on factor 4 at stage 0 only.

    Parameters
    ----------
    xi_norm : float in [0, delta]
    rho : float in [0, 1]
    delta, leak : float; leak is the 0.001 probability of falling into x4 from x1 or x2.
    H : int >= 2

    References
    ----------
    Liu & Xu (2024), AISTATS, §6 (simulated linear MDP); spec §5.1 (reconstructed from the
    description of the authors' public environment, not copied).
    """
    if not 0 <= xi_norm <= delta <= 1 - xi_norm:
        raise ValueError(f"need 0 <= xi_norm <= delta <= 1 - xi_norm, got xi_norm={xi_norm}, delta={delta}")
    if not 0 <= leak < 1:
        raise ValueError(f"leak must lie in [0, 1), got {leak}")
    H = check_positive_int("H", H, 2)
    _, p = _sim_parts(xi_norm, delta)
    S, A, d = 5, 16, 4
    phi = np.zeros((S, A, d))
    for s in range(3):
        phi[s, :, s], phi[s, :, 3] = 1 - p, p
    phi[3, :, 2] = 1.0
    phi[4, :, 3] = 1.0
    mu = np.zeros((H, d, S))
    mu[:, 0, 1], mu[:, 0, 3] = 1 - leak, leak
    mu[:, 1, 2], mu[:, 1, 3] = 1 - leak, leak
    mu[:, 2, 3] = 1.0
    mu[:, 3, 4] = 1.0
    theta = np.zeros((H, d))
    theta[1:, 3] = 1.0
    radii = np.zeros((H, d))
    radii[0, 3] = rho
    return RobustLinearMDP(phi, mu, theta, radii, 0, 3, f"simulated(xi={xi_norm},rho={rho})")


def simulated_test_env(xi_norm: float, q: float, **kwargs) -> TabularMDP:
    """The perturbed test environment of I1: at stage 0 factor 4 moves mass q to the fail state.

    The 0.001 leak of factor 1 at stage 0 is removed.  Returns the nominal model of the
    perturbed MDP (a :class:`TabularMDP`), on which a policy's test return is exact.

    References
    ----------
    Liu & Xu (2024), AISTATS, §6; spec §5.1.
    """
    if not 0 <= q <= 1:
        raise ValueError(f"q must lie in [0, 1], got {q}")
    base = simulated_linear_mdp(xi_norm, 0.0, **kwargs)
    mu = base.mu.copy()
    mu[0, 3] = 0.0
    mu[0, 3, 3], mu[0, 3, 4] = q, 1 - q
    mu[0, 0] = 0.0
    mu[0, 0, 1] = 1.0
    return base.with_mu(mu).nominal()


def switching_radius(xi_norm: float = 0.1, *, delta: float = 0.3, leak: float = 0.001) -> float:
    """rho* above which the robust optimum at x1 switches from p_max to p_min (H = 3).

    rho* = 1 - (1 - leak) V_2(x2) / 2 with V_2(x2) = 2 p_max + (1 - leak)(1 - p_max) p_max.

    References
    ----------
    Derivation in spec §5.1 (reconstruction; checked against robust DP in the tests).
    """
    pmax = delta + xi_norm
    v2 = 2 * pmax + (1 - leak) * (1 - pmax) * pmax
    return 1 - (1 - leak) * v2 / 2


def random_drmdp(rng: np.random.Generator, S: int = 20, A: int = 4, d: int = 8, H: int = 5,
                 rho: float = 0.3, *, alpha_phi: float = 0.3, alpha_mu: float = 0.5,
                 fail_mix: float = 0.05) -> RobustLinearMDP:
    """Instance I2: a random d-rectangular robust MDP with a fail state (the last state).

    The last factor is the fail factor: mu_{h,d-1} = delta_{s_f}, theta_{h,d-1} = 0 and
    phi(s_f, .) = e_{d-1}.  Other rows phi(s, a) ~ Dirichlet(alpha_phi 1_{d-1}); other
    factors (1 - fail_mix) Dirichlet(alpha_mu 1_S) + fail_mix delta_{s_f}; theta ~ U[0, 1].
    Start in state 0.

    References
    ----------
    Spec §4.3 (I2; reconstruction of a generic test family).
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator")
    S, A, H = (check_positive_int(n, v, 2 if n == "S" else 1) for n, v in (("S", S), ("A", A), ("H", H)))
    d = check_positive_int("d", d, 2)
    f = S - 1
    phi = np.zeros((S, A, d))
    phi[:f, :, : d - 1] = rng.dirichlet(np.full(d - 1, alpha_phi), size=(f, A))
    phi[f, :, d - 1] = 1.0
    mu = np.zeros((H, d, S))
    mu[:, : d - 1] = (1 - fail_mix) * rng.dirichlet(np.full(S, alpha_mu), size=(H, d - 1))
    mu[:, : d - 1, f] += fail_mix
    mu[:, d - 1, f] = 1.0
    theta = rng.uniform(0.0, 1.0, size=(H, d))
    theta[:, d - 1] = 0.0
    return RobustLinearMDP(phi, mu, theta, rho, 0, f, f"I2(S={S},A={A},d={d},H={H},rho={rho})")


def random_tabular_robust(rng: np.random.Generator, S: int = 10, A: int = 4, H: int = 5,
                          rho: float = 0.3, *, alpha: float = 1.0) -> RobustLinearMDP:
    """Instance I3: a random tabular (s, a)-rectangular robust MDP as one-hot features.

    d = S A; mu_{h,(s,a)} = P_h(. | s, a) ~ Dirichlet(alpha 1_S); theta = r ~ U[0, 1];
    start in state 0; no fail state.

    References
    ----------
    Spec §3.1 and §4.3 (I3); Iyengar (2005) for (s, a)-rectangular sets.
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError("pass an explicit numpy.random.Generator")
    S, A, H = (check_positive_int(n, v) for n, v in (("S", S), ("A", A), ("H", H)))
    phi = np.eye(S * A).reshape(S, A, S * A)
    mu = rng.dirichlet(np.full(S, alpha), size=(H, S * A))
    theta = rng.uniform(0.0, 1.0, size=(H, S * A))
    return RobustLinearMDP(phi, mu, theta, rho, 0, None, f"I3(S={S},A={A},H={H},rho={rho})")


def _lattice(H: int, s0: float, up: float, down: float):
    """Nodes (h, u) with u up-moves among h steps, h = 0..H, flattened; returns the price,
    stage, up-child and down-child of every node (children of stage-H nodes point to -1)."""
    price, stage, child_up, child_dn = [], [], [], []
    for h in range(H + 1):
        for u in range(h + 1):
            price.append(s0 * up**u * down ** (h - u))
            stage.append(h)
            nxt = (h + 1) * (h + 2) // 2
            child_up.append(nxt + u + 1 if h < H else -1)
            child_dn.append(nxt + u if h < H else -1)
    return np.array(price), np.array(stage), np.array(child_up), np.array(child_dn)


def american_put(p: float = 0.5, *, d: int = 30, H: int = 20, s0: float = 100.0, strike: float = 100.0,
                 rho: float = 0.0, up: float = 1.02, down: float = 0.98):
    """The American put option of spec §5.2 on its exact price lattice.

    States: the (H+1)(H+2)/2 lattice nodes of prices s0 up^u down^v (u + v = h), then an
    absorbing "exercised" state (the fail state).  Actions: 0 = hold (price moves up with
    probability p, down otherwise), 1 = exercise (reward max(0, strike - s) / strike, then
    absorbed).  Rewards are scaled by 1/strike into [0, 1].

    Features (reconstruction; see spec §5.2): hat functions phi_i(s) = max(0, 1 - |s - c_i| /
    Delta), Delta = 100/d, c_i = 80 + i Delta, of the price clamped into [c_0, c_{d-1}] and
    renormalised; hold uses block 0..d-1, exercise block d..2d-1 (so the exercise reward is
    linear, theta_{d+i} = payoff(c_i)), the exercised state the last coordinate (feature
    dimension 2d + 1).  The hold factors mu_{h,i} are a linear surrogate (the up/down
    children of the node closest to c_i at stage h): the true dynamics are NOT d-rectangular
    linear, so only the exact lattice model ``env`` is used for simulation and evaluation.

    Returns
    -------
    (RobustLinearMDP, TabularMDP)
        The linear model the learners use (phi, theta, rho, fail state) and the exact
        lattice environment with hold-up probability ``p``.

    References
    ----------
    Tamar, Mannor, Xu (2014), "Scaling up robust MDPs using function approximation", ICML
    (option pricing); Ma et al. (2022) (d-rectangular experiment); spec §5.2.
    """
    env = american_put_env(p, H=H, s0=s0, strike=strike, up=up, down=down)
    d, H = check_positive_int("d", d, 2), check_positive_int("H", H)
    price, stage, cu, cd = _lattice(H, s0, up, down)
    S, ex, D = price.size + 1, price.size, 2 * d + 1
    delta = 100.0 / d
    anchors = 80.0 + delta * np.arange(d)
    clamped = np.clip(price, anchors[0], anchors[-1])
    hats = np.maximum(0.0, 1.0 - np.abs(clamped[:, None] - anchors[None]) / delta)
    hats /= hats.sum(1, keepdims=True)
    phi = np.zeros((S, 2, D))
    phi[:ex, 0, :d], phi[:ex, 1, d:2 * d] = hats, hats
    phi[ex, :, D - 1] = 1.0
    theta = np.zeros((H, D))
    theta[:, d:2 * d] = np.maximum(0.0, strike - anchors) / strike
    mu = np.zeros((H, D, S))
    mu[:, d:, ex] = 1.0
    for h in range(H):
        nodes = np.flatnonzero(stage == h)
        for i in range(d):
            n = nodes[np.argmin(np.abs(price[nodes] - anchors[i]))]
            mu[h, i, cu[n]] += p
            mu[h, i, cd[n]] += 1 - p
    model = RobustLinearMDP(phi, mu, theta, rho, 0, ex, f"american_put(d={d},H={H},rho={rho})")
    return model, env


def american_put_env(p: float = 0.5, *, H: int = 20, s0: float = 100.0, strike: float = 100.0,
                     up: float = 1.02, down: float = 0.98) -> TabularMDP:
    """The exact lattice model of the American put with up-move probability ``p``
    (states as in :func:`american_put`; rewards scaled by 1/strike).

    References
    ----------
    Tamar, Mannor, Xu (2014); spec §5.2 (exact lattice evaluation).
    """
    if not 0 <= p <= 1:
        raise ValueError(f"p (up-move probability) must lie in [0, 1], got {p}")
    price, stage, cu, cd = _lattice(check_positive_int("H", H), s0, up, down)
    S = ex = price.size
    S += 1
    P = np.zeros((S, 2, S))
    live = stage < H
    P[np.flatnonzero(live), 0, cu[live]] = p
    P[np.flatnonzero(live), 0, cd[live]] += 1 - p
    P[:, 1, ex] = 1.0
    P[~np.append(live, False), 0, ex] = 1.0  # stage-H nodes (never acted on) and the exercised state
    r = np.zeros((S, 2))
    r[:ex, 1] = np.maximum(0.0, strike - price) / strike
    return TabularMDP(P, r, H, 0, name=f"american_put_env(p={p})")
