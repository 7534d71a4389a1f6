"""Problem classes validate their input and the named instances are what they claim."""
import numpy as np
import pytest

from theorylab.problems import (LinearMDP, TabularMDP, combination_lock, make, random_linear_mdp,
                                random_tabular, riverswim, tabular_as_linear)


def _P(S=3, A=2):
    return np.full((S, A, S), 1.0 / S)


def test_stationary_and_stagewise_shapes():
    m = TabularMDP(_P(), np.zeros((3, 2)), H=4)
    assert m.stationary and m.P4.shape == (1, 3, 2, 3) and m.r3.shape == (1, 3, 2)
    m2 = TabularMDP(np.stack([_P()] * 4), np.zeros((4, 3, 2)), H=4, mu0=np.full(3, 1 / 3))
    assert not m2.stationary and m2.P4.shape == (4, 3, 2, 3)


@pytest.mark.parametrize("mutate, message", [
    (lambda P: P * 1.1, "sum to 1"),
    (lambda P: np.where(np.arange(3) == 0, -0.1, P + 0.05), "negative"),
])
def test_non_stochastic_P_is_rejected(mutate, message):
    with pytest.raises(ValueError, match=message):
        TabularMDP(mutate(_P()), np.zeros((3, 2)), H=2)


@pytest.mark.parametrize("kwargs, message", [
    (dict(P=np.ones((3, 2, 4)) / 4, r=np.zeros((3, 2)), H=2), "shape"),
    (dict(P=_P(), r=np.zeros((2, 2)), H=2), "trailing shape"),
    (dict(P=_P(), r=np.zeros((3, 2)), H=0), "H must be an integer >= 1"),
    (dict(P=_P(), r=np.zeros((3, 2)), H=-3), "H must be"),
    (dict(P=_P(), r=np.full((3, 2), 2.0), H=2), r"r must lie in \[0.0, 1.0\]"),
    (dict(P=np.stack([_P()] * 3), r=np.zeros((3, 2)), H=2), "3 stages but H = 2"),
    (dict(P=_P(), r=np.zeros((3, 2)), H=2, mu0=5), "initial state"),
    (dict(P=_P(), r=np.zeros((3, 2)), H=2, mu0=[0.5, 0.6, 0.0]), "mu0"),
    (dict(P=_P() * np.nan, r=np.zeros((3, 2)), H=2), "NaN"),
])
def test_bad_input_names_the_problem(kwargs, message):
    with pytest.raises(ValueError, match=message):
        TabularMDP(**kwargs)


def test_linear_mdp_validation():
    rng = np.random.default_rng(0)
    lin = random_linear_mdp(rng, S=6, A=3, d=4, H=5)
    tab = lin.to_tabular()
    assert tab.P.shape == (5, 6, 3, 6)
    np.testing.assert_allclose(tab.P[2], np.einsum("sad,dt->sat", lin.phi, lin.mu[2]))
    with pytest.raises(ValueError, match="norm <= 1"):
        LinearMDP(lin.phi * 3, lin.mu, lin.theta)
    with pytest.raises(ValueError, match="induced kernel"):
        LinearMDP(lin.phi, lin.mu * 0.5, lin.theta)
    with pytest.raises(ValueError, match="theta must have shape"):
        LinearMDP(lin.phi, lin.mu, lin.theta[:, :2])


def test_tabular_as_linear_round_trip():
    m = random_tabular(np.random.default_rng(1), 4, 3, 5)
    back = tabular_as_linear(m).to_tabular()
    np.testing.assert_allclose(back.P, m.P, atol=1e-15)
    np.testing.assert_allclose(back.r, m.r, atol=1e-15)


def test_riverswim_structure():
    m = riverswim(S=6, H=10)
    assert (m.S, m.A, m.H) == (6, 2, 10)
    assert m.P[3, 1, 4] == 0.35 and m.P[3, 0, 2] == 1.0 and m.r[5, 1] == 1.0


def test_combination_lock_needs_the_key():
    m = combination_lock(S=4, A=3, key=[0, 1, 2, 0])
    assert m.P[1, 1, 2] == 1.0 and m.P[1, 0, 0] == 1.0
    with pytest.raises(ValueError, match="key"):
        combination_lock(S=4, A=3, key=[0, 1, 5, 0])


def test_random_generators_are_keyed_by_the_generator():
    a = random_tabular(np.random.default_rng(7), 3, 2, 4)
    b = random_tabular(np.random.default_rng(7), 3, 2, 4)
    np.testing.assert_array_equal(a.P, b.P)
    with pytest.raises(TypeError, match="Generator"):
        random_tabular(7, 3, 2, 4)


def test_registry():
    assert make("riverswim", S=4, H=3).S == 4
    with pytest.raises(ValueError, match="unknown instance"):
        make("nope")
