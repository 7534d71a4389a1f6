"""Batched kernels equal the per-instance kernels on numpy and array-api-strict."""
import numpy as np
import pytest

from theorylab.backend import (batched_backward_induction, batched_policy_evaluation, get_backend,
                               to_numpy)
from theorylab.planning import backward_induction, policy_evaluation
from theorylab.problems import random_tabular

NAMESPACES = ["numpy"]
try:
    import array_api_strict  # noqa: F401
    NAMESPACES.append("array_api_strict")
except ImportError:
    pass


def _batch(B=7, S=4, A=3, H=5, stationary=False, ties=False):
    rng = np.random.default_rng(11)
    mdps = [random_tabular(rng, S, A, H, stationary=stationary) for _ in range(B)]
    if ties:
        mdps = [m.with_rewards(np.round(m.r * 2) / 2) for m in mdps]
    P = np.stack([m.P4 for m in mdps])
    r = np.stack([m.r3 for m in mdps])
    return mdps, P, r


@pytest.mark.parametrize("name", NAMESPACES)
@pytest.mark.parametrize("stationary", [False, True])
@pytest.mark.parametrize("ties", [False, True])
def test_batched_backward_induction_matches_per_instance(name, stationary, ties):
    xp = get_backend(name)
    mdps, P, r = _batch(stationary=stationary, ties=ties)
    Q, V, pi = batched_backward_induction(xp.asarray(P), xp.asarray(r), mdps[0].H, xp=xp)
    Q, V, pi = to_numpy(Q), to_numpy(V), to_numpy(pi)
    for b, m in enumerate(mdps):
        ref = backward_induction(m)
        np.testing.assert_allclose(Q[b], ref.Q, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(V[b], ref.V, rtol=1e-10, atol=1e-12)
        np.testing.assert_array_equal(pi[b], ref.pi)


@pytest.mark.parametrize("name", NAMESPACES)
def test_batched_policy_evaluation_matches_per_instance(name):
    xp = get_backend(name)
    mdps, P, r = _batch()
    pi = np.random.default_rng(2).dirichlet(np.ones(3), size=(len(mdps), 5, 4))
    Q, V = batched_policy_evaluation(xp.asarray(P), xp.asarray(r), xp.asarray(pi), 5, xp=xp)
    for b, m in enumerate(mdps):
        np.testing.assert_allclose(to_numpy(V)[b], policy_evaluation(m, pi[b]).V, rtol=1e-10, atol=1e-12)


def test_backend_errors():
    with pytest.raises(ValueError, match="backend must be one of"):
        get_backend("jax")
    try:
        import cupy  # noqa: F401
    except ImportError:
        with pytest.raises(RuntimeError, match="not installed"):
            get_backend("cupy")
    with pytest.raises(ValueError, match="P must be"):
        batched_backward_induction(np.zeros((2, 3)), np.zeros((2, 1, 3, 1)), 2)


@pytest.mark.parametrize("stationary", [False, True])
def test_numpy_batched_path_equals_the_array_api_path(stationary):
    from theorylab.backend import batched_backward_induction_xp
    mdps, P, r = _batch(stationary=stationary, ties=True)
    a = batched_backward_induction(P, r, mdps[0].H)
    b = batched_backward_induction_xp(P, r, mdps[0].H, xp=np)
    np.testing.assert_allclose(a[0], b[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(a[1], b[1], rtol=1e-12, atol=1e-12)
    np.testing.assert_array_equal(a[2], b[2])
