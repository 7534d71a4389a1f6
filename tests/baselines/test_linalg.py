"""Sherman-Morrison and elliptical-norm kernels against numpy and direct inversion."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from theorylab.kernels.linalg import (elliptical_norm, elliptical_norm_numpy, sherman_morrison_update,
                                      sherman_morrison_update_numpy)


def _gram(rng, d, n):
    X = rng.normal(size=(n, d))
    return np.eye(d) + X.T @ X


@settings(max_examples=40, deadline=None)
@given(d=st.integers(1, 8), n=st.integers(0, 10), seed=st.integers(0, 2**32 - 1))
def test_sherman_morrison_matches_inverse_numpy_and_logdet(d, n, seed):
    rng = np.random.default_rng(seed)
    Lam = _gram(rng, d, n)
    x = rng.normal(size=d)
    Ainv = np.linalg.inv(Lam)
    ref = Ainv.copy()
    inc = sherman_morrison_update(Ainv, x)
    inc_ref = sherman_morrison_update_numpy(ref, x)
    direct = np.linalg.inv(Lam + np.outer(x, x))
    scale = np.abs(direct).max()
    np.testing.assert_allclose(Ainv, direct, rtol=0, atol=1e-10 * scale)
    np.testing.assert_allclose(Ainv, ref, rtol=0, atol=1e-12 * scale)
    logdet_gain = np.linalg.slogdet(Lam + np.outer(x, x))[1] - np.linalg.slogdet(Lam)[1]
    assert inc == pytest.approx(logdet_gain, abs=1e-9)
    assert inc == pytest.approx(inc_ref, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(d=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_elliptical_norm_matches_numpy(d, seed):
    rng = np.random.default_rng(seed)
    Ainv = np.linalg.inv(_gram(rng, d, 3))
    x = rng.normal(size=d)
    assert elliptical_norm(Ainv, x) == pytest.approx(elliptical_norm_numpy(Ainv, x), rel=1e-12)
    assert elliptical_norm(Ainv, x) == pytest.approx(np.sqrt(x @ np.linalg.solve(np.linalg.inv(Ainv), x)), rel=1e-9)


def test_elliptical_norm_clips_negative_round_off():
    assert elliptical_norm(-1e-18 * np.eye(2), np.ones(2)) == 0.0
