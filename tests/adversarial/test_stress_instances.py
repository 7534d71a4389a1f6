"""I-ILL-C and I-TRAP: validity, the negative-estimate mechanism, exact optimal values."""
import numpy as np
import pytest

from theorylab.planning import best_fixed_policy
from theorylab.problems.adversarial import AdversarialMDP
from theorylab.problems.adversarial_stress import correlated_ill_instance, correlated_ill_losses, trap_instance


def test_correlated_ill_is_valid_and_has_a_single_good_action():
    P, phi = correlated_ill_instance()
    G = correlated_ill_losses(np.random.default_rng(0), 2000)
    prob = AdversarialMDP(P, phi, G)  # validates ||phi|| <= 1 and losses in [0, 1]
    mean = phi[0, 0] @ np.array([0.2, 0.0, 0.7])
    assert np.argmin(mean) == 0 and np.all(mean[1:] - mean[0] > 0.2)
    assert prob.A == 4 and prob.d == 3  # A > d: the estimator is not importance weighting


def test_correlated_ill_gives_hugely_negative_estimate_on_a_bad_action():
    """pi concentrated on action 0 with pi_3 >> pi_1 + pi_2: playing action 1 gives
    Q-hat(2) = phi_2^T (gamma I + Sigma)^{-1} phi_1 L below -L / (4 (pi_1 + pi_2)) while
    eta pi_2 |Q-hat(2)| stays below eta L (the log-barrier-relevant size)."""
    _, phi = correlated_ill_instance()
    F = phi[0, 0]
    pi = np.array([0.98, 0.002, 0.002, 0.016])
    Sinv = np.linalg.inv(1e-5 * np.eye(3) + (F.T * pi) @ F)
    q2 = F[2] @ Sinv @ F[1]
    assert q2 < -1 / (4 * (pi[1] + pi[2]))
    assert pi[2] * abs(q2) < 1.0


def test_independent_features_give_no_negative_estimate():
    """The contrast that motivates I-ILL-C: with A = d (spec's I-ILL) the estimate of every
    other action is 0 as gamma -> 0 (importance weighting)."""
    F = np.array([[1.0, 0.0], [np.cos(0.05), np.sin(0.05)]])
    pi = np.array([0.999, 0.001])
    Sinv = np.linalg.inv(1e-12 * np.eye(2) + (F.T * pi) @ F)
    assert abs(F[0] @ Sinv @ F[1]) < 1e-6


@pytest.mark.parametrize("H,A", [(2, 2), (4, 3), (5, 4)])
def test_trap_optimum_is_the_good_chain(H, A):
    P, phi, G = trap_instance(H, A, K=3)
    prob = AdversarialMDP(P, phi, G)
    best = best_fixed_policy(prob.tabular(), prob.cumulative_losses(np.array([1]))[0])
    assert best.value == pytest.approx(0.5)


def test_trap_rejects_bad_cost():
    with pytest.raises(ValueError, match="cost"):
        trap_instance(4, 3, cost=0.5)
