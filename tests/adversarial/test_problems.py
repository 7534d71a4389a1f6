"""Instances and adversaries of the adversarial linear-Q paper: validation and invariants."""
import numpy as np
import pytest

from theorylab.planning import policy_evaluation
from theorylab.problems.adversarial import (AdversarialMDP, bandit_losses, ill_conditioned_instance,
                                            linear_instance, lower_bound_instance, make_losses,
                                            one_good_instance, tabular_instance, with_losses)


def _tab(K=8, seed=0):
    rng = np.random.default_rng(seed)
    P, phi = tabular_instance(rng, 3, 2, 2)
    return AdversarialMDP(P, phi, make_losses(rng, phi, K, "iid"))


def test_loss_outside_unit_interval_is_rejected():
    prob = _tab()
    G = prob.G.copy()
    G[3, 1, 0] = 1.5
    with pytest.raises(ValueError, match=r"losses must lie in \[0, 1\]; episode 3, layer 1"):
        with_losses(prob, G)
    with pytest.raises(ValueError, match="losses must lie"):
        with_losses(prob, -prob.G - 0.1)


def test_feature_norm_above_one_is_rejected():
    prob = _tab()
    phi = prob.phi.copy()
    phi[1, 0, 0, 0] = 0.8
    phi[1, 0, 0, 1] = 0.8
    with pytest.raises(ValueError, match="features must have norm <= 1"):
        AdversarialMDP(prob.P, phi, np.zeros_like(prob.G))


def test_no_episodes_is_rejected():
    prob = _tab()
    with pytest.raises(ValueError, match="K .* must be >= 1"):
        AdversarialMDP(prob.P, prob.phi, prob.G[:0])
    with pytest.raises(ValueError, match="K must be an integer >= 1"):
        make_losses(np.random.default_rng(0), prob.phi, 0)


def test_non_layered_kernel_is_rejected():
    prob = _tab()
    with pytest.raises(ValueError, match="non-layered"):
        AdversarialMDP(prob.P[0], prob.phi, prob.G)


def test_non_stochastic_kernel_and_shape_errors():
    prob = _tab()
    P = prob.P.copy()
    P[0, 0, 0, 0] += 0.5
    with pytest.raises(ValueError, match="rows of P must sum to 1"):
        AdversarialMDP(P, prob.phi, prob.G)
    with pytest.raises(ValueError, match="G must have shape"):
        AdversarialMDP(prob.P, prob.phi, prob.G[:, :2])


@pytest.mark.parametrize("kind", ["iid", "switch", "block", "lb"])
def test_adversaries_are_valid_and_deterministic(kind):
    rng = np.random.default_rng(1)
    P, phi = linear_instance(rng, 2, 4, 3, 3)
    G1 = make_losses(np.random.default_rng(7), phi, 50, kind)
    G2 = make_losses(np.random.default_rng(7), phi, 50, kind)
    assert G1.shape == (50, 2, 3)
    np.testing.assert_array_equal(G1, G2)
    AdversarialMDP(P, phi, G1)  # validates the loss range


def test_switch_adversary_reverses_the_best_policy():
    """Spec §4.2: the best policy of the first half loses in hindsight."""
    rng = np.random.default_rng(3)
    P, phi = tabular_instance(rng, 2, 2, 2)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 40, "switch", tilt=0.2))
    mdp = prob.tabular()
    first = prob.cumulative_losses([20])[0]
    total = prob.cumulative_losses([40])[0]
    from theorylab.planning import best_fixed_policy
    pi_first = best_fixed_policy(mdp, first).pi
    best_total = best_fixed_policy(mdp, total).value
    assert policy_evaluation(mdp, pi_first, total).value > best_total + 1e-9


def test_linear_instance_is_linear_q():
    """Lemma L10: Q^pi lies in the span of phi for random policies and losses (linear MDP)."""
    rng = np.random.default_rng(4)
    P, phi = linear_instance(rng, 3, 5, 3, 3)
    prob = AdversarialMDP(P, phi, make_losses(rng, phi, 3, "iid"))
    mdp = prob.tabular()
    for k in range(3):
        pi = rng.dirichlet(np.ones(3), size=(3, 5))
        Q = policy_evaluation(mdp, pi, prob.losses(k, k + 1)[0]).Q
        for h in range(3):
            X = phi[h].reshape(-1, 3)
            theta, *_ = np.linalg.lstsq(X, Q[h].reshape(-1), rcond=None)
            assert np.max(np.abs(X @ theta - Q[h].reshape(-1))) < 1e-10
            assert np.linalg.norm(theta) <= np.sqrt(3) * 3 + 1e-9


def test_small_instances_and_bandit_losses():
    P, phi = ill_conditioned_instance(4, 0.05)
    G = bandit_losses(np.random.default_rng(0), phi, 30, [0.2, 0.8, 0.5, 0.5])
    prob = AdversarialMDP(P, phi, G)
    assert set(np.unique(np.round(prob.losses()[:, 0, 0], 12))) <= {0.0, 1.0}
    assert lower_bound_instance(5)[1].shape == (1, 1, 5, 5)
    assert one_good_instance(10, 4)[1][0, 0].sum(1).tolist() == [1.0] * 10
    with pytest.raises(ValueError, match="eps must lie"):
        ill_conditioned_instance(4, 1.0)
    with pytest.raises(TypeError, match="explicit numpy.random.Generator"):
        tabular_instance(0)
