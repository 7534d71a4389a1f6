"""Discrete-time linear control systems with the Lipschitz data the policy-learning bounds use.

A system is ``x_{t+1} = A x_t + B u_t`` with state ``x in X = [-box, box]^n`` and input
``u in R^m``; stage cost ``c(x, u) = x'Qx + u'Ru``.  Its Lipschitz data are
``L_u = ||B||_2`` (input gain) and ``L_x = ||A||_2``.  The learner never sees (A, B); they
are used for the expert (LQR, :mod:`theorylab.planning.lqr`), for simulation and for the
bounds.

Also here: the i.i.d. state sampler (uniform on X, the default data mode), an expert
trajectory sampler (secondary mode, not i.i.d.) and :class:`Attack`, the bounded
measurement-attack model ``u_t = h(x_t + delta_t)``, ``||delta_t|| <= eps``.

Named instances (spec §5, all with dt = 0.05, g = 9.81, l = 1, mass = 1, b = 0.1):
``E1`` pendulum linearised upright (open-loop unstable, Q = I, R = 1), ``E2`` pendulum
hanging down (open-loop stable, Q = 10 I, R = 0.1), ``S1`` small-gain instance.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ._validate import as_float_array, check_positive_int

__all__ = ["LinearControlSystem", "Attack", "ATTACK_KINDS", "pendulum_upright", "pendulum_hanging",
           "small_gain", "CONTROL_REGISTRY", "make_system", "sample_states", "expert_trajectories"]

ATTACK_KINDS = ("none", "random", "greedy", "input")


@dataclass(frozen=True, eq=False)
class LinearControlSystem:
    """A discrete-time linear system with quadratic cost and a box state set.

    Parameters
    ----------
    A : ndarray(float, (n, n))
    B : ndarray(float, (n, m))
    Q : ndarray(float, (n, n)), symmetric positive semidefinite state cost
    R : ndarray(float, (m, m)), symmetric positive definite input cost
    box : float > 0, half-width of the state set ``X = [-box, box]^n``
    name : str

    References
    ----------
    Al Makdah, Krishnan, Pasqualetti (2022), "Learning Lipschitz feedback policies from expert
    demonstrations", IEEE OJ-CSYS, §II (setting: unknown Lipschitz dynamics, assumption A1
    with ``L_u = ||B||``); instances are theorylab stand-ins (reconstruction; see spec §5).
    """

    A: np.ndarray
    B: np.ndarray
    Q: np.ndarray
    R: np.ndarray
    box: float = 1.0
    name: str = "linear-control"

    def __post_init__(self):
        A = as_float_array("A", self.A, (2,))
        B = as_float_array("B", self.B, (2,))
        Q = as_float_array("Q", self.Q, (2,))
        R = as_float_array("R", self.R, (2,))
        n, m = B.shape
        if A.shape != (n, n):
            raise ValueError(f"A must have shape (n, n) = ({n}, {n}) to match B {B.shape}, got {A.shape}")
        if Q.shape != (n, n) or R.shape != (m, m):
            raise ValueError(f"Q must be ({n}, {n}) and R ({m}, {m}), got {Q.shape} and {R.shape}")
        for name, M, strict in (("Q", Q, False), ("R", R, True)):
            if not np.allclose(M, M.T, atol=1e-12):
                raise ValueError(f"{name} must be symmetric")
            lo = np.linalg.eigvalsh(M).min()
            if lo < -1e-12 or (strict and lo <= 0):
                raise ValueError(f"{name} must be positive {'definite' if strict else 'semidefinite'}, "
                                 f"smallest eigenvalue {lo:.3g}")
        if not (np.isfinite(self.box) and self.box > 0):
            raise ValueError(f"box must be a finite number > 0, got {self.box!r}")
        for k, v in (("A", A), ("B", B), ("Q", Q), ("R", R)):
            object.__setattr__(self, k, v)
        object.__setattr__(self, "box", float(self.box))

    @property
    def n(self) -> int:
        """State dimension."""
        return self.A.shape[0]

    @property
    def m(self) -> int:
        """Input dimension."""
        return self.B.shape[1]

    @property
    def L_u(self) -> float:
        """Input Lipschitz constant ``||B||_2`` (assumption A1)."""
        return float(np.linalg.norm(self.B, 2))

    @property
    def L_x(self) -> float:
        """State Lipschitz constant ``||A||_2``."""
        return float(np.linalg.norm(self.A, 2))

    @property
    def r_X(self) -> float:
        """Radius of the largest Euclidean ball (centred at 0) inside X, i.e. ``box``."""
        return self.box

    def in_X(self, x) -> np.ndarray:
        """Whether each state of ``x`` (..., n) lies in X; shape (...)."""
        return np.all(np.abs(np.asarray(x)) <= self.box, axis=-1)


def _pendulum(sign: float, Q: float, R: float, dt: float, g: float, length: float, mass: float,
              b: float, name: str) -> LinearControlSystem:
    if not dt > 0:
        raise ValueError(f"dt must be > 0, got {dt!r}")
    inertia = mass * length**2
    A = np.array([[1.0, dt], [sign * g / length * dt, 1.0 - b * dt / inertia]])
    B = np.array([[0.0], [dt / inertia]])
    return LinearControlSystem(A, B, Q * np.eye(2), R * np.eye(1), 1.0, name)


def pendulum_upright(dt: float = 0.05, g: float = 9.81, length: float = 1.0, mass: float = 1.0,
                     b: float = 0.1) -> LinearControlSystem:
    """E1: pendulum linearised at the upright position (open-loop unstable), Q = I, R = 1.

    References
    ----------
    Reconstruction; see spec §5 (E1), a theorylab stand-in for the paper's example.
    """
    return _pendulum(+1.0, 1.0, 1.0, dt, g, length, mass, b, "E1-pendulum-upright")


def pendulum_hanging(dt: float = 0.05, g: float = 9.81, length: float = 1.0, mass: float = 1.0,
                     b: float = 0.1) -> LinearControlSystem:
    """E2: pendulum hanging down (open-loop stable), Q = 10 I, R = 0.1.

    References
    ----------
    Reconstruction; see spec §5 (E2), a theorylab stand-in for the paper's example.
    """
    return _pendulum(-1.0, 10.0, 0.1, dt, g, length, mass, b, "E2-pendulum-hanging")


def small_gain() -> LinearControlSystem:
    """S1: ``A = [[0.9, 0.1], [0, 0.8]]``, ``B = [0; 0.02]``, Q = I, R = 1.

    References
    ----------
    Reconstruction; see spec §4 T2 (instance S1, small-gain condition satisfied).
    """
    return LinearControlSystem(np.array([[0.9, 0.1], [0.0, 0.8]]), np.array([[0.0], [0.02]]),
                               np.eye(2), np.eye(1), 1.0, "S1-small-gain")


CONTROL_REGISTRY = {"E1": pendulum_upright, "E2": pendulum_hanging, "S1": small_gain}


def make_system(name: str) -> LinearControlSystem:
    """The named instance (``"E1"``, ``"E2"`` or ``"S1"``).

    References
    ----------
    Spec §5 (reconstruction).
    """
    if name not in CONTROL_REGISTRY:
        raise ValueError(f"unknown control system {name!r}; known: {', '.join(CONTROL_REGISTRY)}")
    return CONTROL_REGISTRY[name]()


def sample_states(rng: np.random.Generator, N: int, n: int, box: float = 1.0) -> np.ndarray:
    """N states i.i.d. uniform on ``[-box, box]^n`` (the default data mode).

    Returns
    -------
    ndarray(float, (N, n))

    References
    ----------
    Spec §2 (data i.i.d. from mu supported on X; the T1 rates assume it).
    """
    check_positive_int("N", N)
    check_positive_int("n", n)
    if not isinstance(rng, np.random.Generator):
        raise TypeError("rng must be a numpy.random.Generator (no global RNG)")
    return rng.uniform(-box, box, size=(N, n))


def expert_trajectories(system: LinearControlSystem, K: np.ndarray, rng: np.random.Generator,
                        n_traj: int, T: int, x0_box: float = 0.5) -> np.ndarray:
    """States visited by the expert ``u = -Kx`` from uniform initial states (secondary mode).

    Returns
    -------
    ndarray(float, (n_traj * T, n)); not i.i.d. and concentrated near the equilibrium
    (spec pitfall P7), so the fill distance over X does not shrink.

    References
    ----------
    Spec §2 and pitfall P7.
    """
    check_positive_int("n_traj", n_traj)
    check_positive_int("T", T)
    A_cl = system.A - system.B @ np.asarray(K, dtype=np.float64)
    x = rng.uniform(-x0_box, x0_box, size=(n_traj, system.n))
    out = np.empty((T, n_traj, system.n))
    for t in range(T):
        out[t] = x
        x = x @ A_cl.T
    return out.transpose(1, 0, 2).reshape(-1, system.n)


@dataclass(frozen=True)
class Attack:
    """Bounded measurement attack: the controller sees ``x_t + delta_t``, ``||delta_t||_2 <= eps``.

    Parameters
    ----------
    kind : {"none", "random", "greedy", "input"}
        ``random``: delta uniform on the eps-sphere; ``greedy``: among ``n_dirs`` directions on
        the eps-sphere, the one maximising the expert's next-step cost-to-go ``x_{t+1}' P x_{t+1}``;
        ``input``: the one maximising ``||h(x + delta) - h*(x)||``.
    eps : float >= 0
    n_dirs : int >= 1, candidate directions per step (reconstruction; see spec §4 T4, 24-64)

    References
    ----------
    Al Makdah et al. (2022), abstract ("bounded (adversarial) disturbances to the state
    measurements"); adversaries are ours (reconstruction; see spec §4 T4).
    """

    kind: str = "none"
    eps: float = 0.0
    n_dirs: int = 32

    def __post_init__(self):
        if self.kind not in ATTACK_KINDS:
            raise ValueError(f"kind must be one of {ATTACK_KINDS}, got {self.kind!r}")
        if not (np.isfinite(self.eps) and self.eps >= 0):
            raise ValueError(f"eps must be a finite number >= 0, got {self.eps!r}")
        check_positive_int("n_dirs", self.n_dirs)

    @property
    def mode(self) -> int:
        """Integer code used by the rollout kernel."""
        return ATTACK_KINDS.index(self.kind if self.eps > 0 else "none")

    def directions(self, rng: np.random.Generator, T: int, n: int) -> np.ndarray:
        """Candidate perturbations of norm eps, shape (T, n_dirs, n) (random: n_dirs = 1)."""
        D = 1 if self.kind == "random" else self.n_dirs
        g = rng.standard_normal((T, D, n))
        return self.eps * g / np.linalg.norm(g, axis=-1, keepdims=True)
