"""Every actor-critic lemma check passes in quick mode, and the checks can fail."""
import numpy as np
import pytest

from proofs_check import LemmaReport, discover
from theorylab.kernels.actor_critic_core import evaluate_decompose
from theorylab.planning.dp import backward_induction
from theorylab.problems import random_tabular

NAMES = ("actor_critic/L1", "actor_critic/L2", "actor_critic/L4", "actor_critic/L5", "actor_critic/L6",
         "actor_critic/L7", "actor_critic/L8", "actor_critic/L9", "actor_critic/L10", "actor_critic/L11")


@pytest.mark.parametrize("name", NAMES)
def test_lemma_quick(name):
    mod = discover()[name]
    rep = mod.check(np.random.default_rng(2025), "quick")
    assert isinstance(rep, LemmaReport) and rep.name == name
    assert rep.passed, rep
    assert rep.worst_slack >= 0 and rep.n_cases > 0 and rep.citation


def test_decomposition_identity_detects_a_wrong_model():
    """With rewards perturbed by 0.01 in the BE term the identity is off by about H * 0.01."""
    g = np.random.default_rng(0)
    mdp = random_tabular(g, 4, 3, 5)
    plan = backward_induction(mdp)
    P = np.ascontiguousarray(mdp.P4)
    pi = g.dirichlet(np.ones(3), size=(5, 4))
    f = g.uniform(0, 1, (5, 4, 3))
    out, bad = np.zeros(4), np.zeros(4)
    evaluate_decompose(P, np.ascontiguousarray(mdp.r3), mdp.mu0, plan.V[0], pi, f, out)
    evaluate_decompose(P, np.ascontiguousarray(mdp.r3) + 0.01, mdp.mu0, plan.V[0], pi, f, bad)
    gap = plan.value - out[0]
    assert abs(out[1:].sum() - gap) < 1e-9
    assert abs(bad[1:].sum() - (plan.value - bad[0])) > 1e-3 or abs(bad[1:].sum() - gap) > 1e-3


def test_all_actor_critic_lemmas_are_listed():
    assert {n for n in discover() if n.startswith("actor_critic/")} == set(NAMES)


def test_switch_lemma_detects_a_looser_threshold():
    """Refitting at a 10% (not 100%) determinant growth exceeds the log2 bound: L6 is not vacuous."""
    from theorylab.algorithms.actor_critic.nora_lin import _lin_update
    d, T = 4, 400
    Lam, Linv, gap, count = np.eye(d), np.eye(d), 0.0, 0
    for x in np.eye(d)[np.random.default_rng(1).integers(0, d, T)]:
        gap += _lin_update(np.ascontiguousarray(x), Lam, Linv)
        if gap > np.log(1.1):
            count, gap = count + 1, 0.0
    assert count > d * np.log2(1 + T / d)
