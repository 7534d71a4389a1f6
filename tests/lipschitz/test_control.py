"""Control problems and the LQR expert: validation, spec constants, DARE vs Riccati iteration."""
import numpy as np
import pytest

from theorylab.planning.lqr import dlqr, dlqr_iterative, stability_constants, transient_norms
from theorylab.problems.control import (Attack, LinearControlSystem, expert_trajectories, make_system,
                                        sample_states)


@pytest.mark.parametrize("name,L_star,sr", [("E1", 19.24, 0.876), ("E2", 8.51, 0.924), ("S1", 0.069, 0.899)])
def test_named_instances_match_spec_constants(name, L_star, sr):
    s = make_system(name)
    ex = dlqr(s.A, s.B, s.Q, s.R)
    assert ex.L_star == pytest.approx(L_star, abs=0.01)
    assert ex.spectral_radius == pytest.approx(sr, abs=1e-3)


def test_e1_kappa_rho_match_spec():
    s = make_system("E1")
    kappa, rho = stability_constants(dlqr(s.A, s.B, s.Q, s.R).A_cl)
    assert rho == pytest.approx(0.896, abs=1e-3) and kappa == pytest.approx(4.33, abs=0.01)


@pytest.mark.parametrize("name", ["E1", "E2", "S1"])
def test_dare_matches_riccati_iteration(name):
    s = make_system(name)
    a, b = dlqr(s.A, s.B, s.Q, s.R), dlqr_iterative(s.A, s.B, s.Q, s.R)
    np.testing.assert_allclose(a.K, b.K, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(a.P, b.P, rtol=1e-8)


def test_stability_constants_bound_every_power():
    rng = np.random.default_rng(0)
    for _ in range(5):
        A = rng.normal(size=(3, 3))
        A *= 0.9 / np.max(np.abs(np.linalg.eigvals(A)))
        kappa, rho = stability_constants(A)
        M = transient_norms(A, 500)
        assert np.all(M <= kappa * rho ** np.arange(501) * (1 + 1e-12))


def test_transient_norms_against_matrix_power():
    A = np.array([[0.5, 2.0], [0.0, 0.6]])
    M = transient_norms(A, 6)
    ref = [np.linalg.norm(np.linalg.matrix_power(A, t), 2) for t in range(7)]
    np.testing.assert_allclose(M, ref, rtol=1e-12)


@pytest.mark.parametrize("kw,match", [
    (dict(A=np.eye(3)), "A must have shape"),
    (dict(R=np.zeros((1, 1))), "R must be positive definite"),
    (dict(Q=np.array([[1.0, 2.0], [0.0, 1.0]])), "Q must be symmetric"),
    (dict(box=0.0), "box must be"),
    (dict(A=np.array([[np.nan, 0], [0, 1.0]])), "NaN"),
])
def test_system_validation(kw, match):
    base = dict(A=np.eye(2), B=np.ones((2, 1)), Q=np.eye(2), R=np.eye(1))
    with pytest.raises(ValueError, match=match):
        LinearControlSystem(**{**base, **kw})


def test_unknown_system_and_unstabilisable():
    with pytest.raises(ValueError, match="unknown control system"):
        make_system("E9")
    with pytest.raises(ValueError):
        dlqr(np.diag([2.0, 0.5]), np.array([[0.0], [1.0]]), np.eye(2), np.eye(1))


@pytest.mark.parametrize("kw,match", [(dict(kind="worst"), "kind"), (dict(eps=-0.1), "eps"),
                                      (dict(n_dirs=0), "n_dirs")])
def test_attack_validation(kw, match):
    with pytest.raises(ValueError, match=match):
        Attack(**kw)


def test_attack_directions_have_norm_eps_and_are_keyed():
    a = Attack("greedy", 0.1, 8)
    d1 = a.directions(np.random.default_rng(3), 5, 2)
    d2 = a.directions(np.random.default_rng(3), 5, 2)
    assert d1.shape == (5, 8, 2)
    np.testing.assert_allclose(np.linalg.norm(d1, axis=-1), 0.1)
    np.testing.assert_array_equal(d1, d2)
    assert Attack("random", 0.1).directions(np.random.default_rng(0), 4, 2).shape == (4, 1, 2)
    assert Attack("greedy", 0.0).mode == 0


def test_samplers():
    X = sample_states(np.random.default_rng(1), 500, 2, 1.0)
    assert X.shape == (500, 2) and np.abs(X).max() <= 1.0
    with pytest.raises(TypeError):
        sample_states(np.random, 5, 2)
    s = make_system("E2")
    ex = dlqr(s.A, s.B, s.Q, s.R)
    Z = expert_trajectories(s, ex.K, np.random.default_rng(0), 3, 20)
    assert Z.shape == (60, 2)
    np.testing.assert_allclose(Z[1], (s.A - s.B @ ex.K) @ Z[0])
