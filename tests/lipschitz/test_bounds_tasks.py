"""Bound formulas against direct evaluations, hard_check counting, and cell determinism."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.algorithms.lipschitz import bounds as B
from theorylab.algorithms.lipschitz import tasks
from theorylab.regret import Bound
from theorylab.rng import cell_streams


def test_t2_trajectory_equals_direct_convolution():
    w = np.random.default_rng(0).uniform(size=(3, 12))
    got = B.t2_trajectory(w, 2.0, 0.8, 0.05)
    ref = np.array([[2.0 * 0.05 * sum(0.8 ** (t - 1 - s) * w[r, s] for s in range(t)) for t in range(13)]
                    for r in range(3)])
    np.testing.assert_allclose(got, ref, rtol=1e-13)
    np.testing.assert_allclose(B.t2_closed_form(2.0, 0.8, 0.05, 1.0, 12), B.t2_trajectory(np.ones((1, 12)), 2.0, 0.8,
                                                                                           0.05)[0], rtol=1e-12)


def test_t3_bound_dominates_the_certificate_when_deviations_are_within_bounds():
    rng = np.random.default_rng(1)
    Q, R = 10 * np.eye(2), 0.1 * np.eye(1)
    Xs, Us = rng.normal(size=(4, 11, 2)), rng.normal(size=(4, 10, 1))
    e_bar, eta, gain = np.linspace(0, 0.5, 11), 0.3, 2.0
    dX = rng.normal(size=Xs.shape)
    dX *= (e_bar / np.maximum(np.linalg.norm(dX, axis=-1), 1e-12))[..., None] * 0.99
    dU = rng.uniform(-1, 1, size=Us.shape) * (eta + gain * e_bar[:-1])[None, :, None]
    cert = B.t3_certificate(Q, R, Xs + dX, Us + dU, Xs, Us)
    assert np.all(cert <= B.t3_regret_bound(Q, R, Xs, Us, e_bar, eta, gain))


@settings(max_examples=30, deadline=None)
@given(eta=st.lists(st.floats(0, 100), min_size=3, max_size=8), seed=st.integers(0, 100))
def test_t5_argmin_nonincreasing_in_eps(eta, seed):
    alphas = np.sort(np.random.default_rng(seed).uniform(0.1, 50, size=len(eta)))
    _, best = B.t5_tradeoff(np.asarray(eta), alphas, [0.0, 0.01, 0.1, 1.0, 10.0], 2.0, 0.9, 0.05)
    assert np.all(np.diff(best) <= 0)


def test_hard_check_counts_only_runs_inside_hypotheses():
    b = Bound("x", "c", lambda t: t, reconstruction=True)
    meas, val = np.array([[1.0, 2.0], [5.0, 1.0], [9.0, 9.0]]), np.array([[1.0, 2.0], [4.0, 1.0], [1.0, 1.0]])
    c = B.hard_check(b, meas, val, np.array([True, True, False]), experiment="e", setting="s", algorithm="a")
    assert not c.passed and c.violations == 1 and c.n_seeds == 2 and "1 runs outside" in c.detail
    ok = B.hard_check(b, meas, val, np.array([True, False, False]), experiment="e", setting="s", algorithm="a")
    assert ok.passed and ok.reconstruction


@pytest.mark.parametrize("fn,setting,alg", [
    (tasks.run_sample_size, {"system": "E1", "alpha_factor": 1.2, "N_grid": [20, 40], "grid": 11, "w1_k": 1},
     "lipschitz"),
    (tasks.run_stability, {"system": "S1", "alpha": 1.0, "N": 30, "T": 20, "M": 2, "anchor": True}, "lipschitz"),
    (tasks.run_regret, {"system": "E2", "alpha": 20.0, "N_grid": [30], "T": 20, "M": 2}, "linear"),
    (tasks.run_attack, {"system": "E2", "alpha": 20.0, "N": 30, "T": 20, "M": 2, "eps": [0.1],
                        "adversaries": ["random", "greedy"], "n_dirs": 4}, "lipschitz"),
])
def test_cells_are_deterministic_given_streams(fn, setting, alg):
    a = fn(setting, alg, cell_streams(1, "lipschitz/t", 0, 0))
    b = fn(setting, alg, cell_streams(1, "lipschitz/t", 0, 0))
    c = fn(setting, alg, cell_streams(1, "lipschitz/t", 0, 1))
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    assert any(not np.array_equal(a[k], c[k]) for k in a if np.asarray(a[k]).size > 1)


def test_unknown_algorithm():
    with pytest.raises(ValueError, match="unknown algorithm"):
        tasks.run_stability({"system": "S1", "alpha": 1.0, "N": 10, "T": 5, "M": 1}, "nn", cell_streams(0, "a/b", 0, 0))
