"""The adversarial lemma checks pass in quick mode (and can fail: see the control test)."""
import numpy as np
import pytest

import proofs_check
from proofs_check import adversarial_L2

LEMMAS = sorted(n for n in proofs_check.discover() if n.startswith("adversarial/"))


def test_lemmas_are_discovered():
    assert LEMMAS == sorted(["adversarial/L1", "adversarial/L2", "adversarial/L3", "adversarial/L4",
                             "adversarial/L5", "adversarial/L6", "adversarial/L7", "adversarial/L8",
                             "adversarial/L9", "adversarial/L10", "adversarial/L11"])


@pytest.mark.parametrize("name", LEMMAS)
def test_lemma_passes_in_quick_mode(name):
    rep = proofs_check.discover()[name].check(np.random.default_rng(0), "quick")
    assert rep.name == name and rep.n_cases > 0
    assert rep.passed, rep.to_dict()


def test_l2_classical_bound_fails_sometimes():
    """The point of L2: the classical bound is violated in a non-trivial fraction of trials."""
    rep = adversarial_L2.check(np.random.default_rng(1), "quick")
    frac = float(rep.detail.split("= ")[1].split("%")[0]) / 100
    assert 0.01 <= frac <= 0.5


def test_l2_omd_step_is_the_minimiser():
    rng = np.random.default_rng(2)
    x = rng.dirichlet(np.ones(5))
    ell = rng.normal(size=5) * 10
    xp = adversarial_L2.omd_step(x, ell, 0.1)
    f = lambda z: z @ ell + adversarial_L2._bregman(z, x) / 0.1  # noqa: E731
    for _ in range(200):
        z = np.abs(xp + 1e-4 * rng.normal(size=5))
        z /= z.sum()
        assert f(z) >= f(xp) - 1e-12


def test_l3_exponential_weights_control_fails_sometimes():
    """L3's control: Hedge's classical bound breaks under large negative spikes."""
    rep = proofs_check.discover()["adversarial/L3"].check(np.random.default_rng(3), "quick")
    assert rep.passed and int(rep.detail.split(" in ")[1].split("/")[0]) > 0


def test_l5_control_rejects_the_biased_target():
    """L5 has power: against theta itself at gamma = 0.3 the z statistic exceeds the critical value."""
    rep = proofs_check.discover()["adversarial/L5"].check(np.random.default_rng(4), "quick")
    crit = float(rep.detail.split("critical ")[1].split(")")[0])
    ctrl = float(rep.detail.split("max |z| ")[2].split(" ")[0])
    assert rep.passed and ctrl > crit


def test_l10_control_is_not_linear():
    rep = proofs_check.discover()["adversarial/L10"].check(np.random.default_rng(5), "quick")
    assert rep.passed and float(rep.detail.split("min residual ")[1].split(" ")[0]) > 1e-6


def test_l7_downstream_part_has_power_and_bounded_direct_estimates():
    """L7(d): the MGR-mean z test rejects a one-step MGR chain (the control), while the production
    estimators pass; the direct estimate never exceeds |x||phi_p||L|/gamma."""
    rep = proofs_check.discover()["adversarial/L7"].check(np.random.default_rng(6), "quick")
    part = rep.detail.split("(d) ")[1]
    crit = float(part.split("critical ")[1].split(")")[0])
    z_max = float(part.split("max |z| ")[1].split(" ")[0])
    ctrl = float(part.split("control min max|z| ")[1].split(";")[0])
    mag = float(part.split("(|x||phi_p||L|) ")[1].split(";")[0])
    assert rep.passed and z_max <= crit < ctrl and mag <= 1 + 1e-12


def test_l7_mgr_batch_matches_sequential_recursion():
    from proofs_check import adversarial_L7 as L7
    rng = np.random.default_rng(7)
    X, w = L7._instance(rng, 4)
    idx = rng.choice(len(w), size=(3, 50), p=w)
    batch = L7._mgr_batch(X, idx, 0.1, 0.5)
    for r in range(3):
        np.testing.assert_allclose(batch[r], L7._mgr(X, w, idx[r], 0.1, 0.5), rtol=1e-12, atol=1e-12)
