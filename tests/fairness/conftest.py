"""Shared fixtures of the fairness tests: small environments and streams."""
import pytest

from theorylab.problems.fairness import ClosedLoopDynamics, FairnessConstraints, synthetic_env
from theorylab.rng import cell_streams


@pytest.fixture
def env():
    """The synthetic default environment (K = 19, closed loop on)."""
    return synthetic_env()


@pytest.fixture
def small_env():
    """K = 7, capacity and service constraints active, realised feedback."""
    return synthetic_env(7, dynamics=ClosedLoopDynamics(kappa=0.1, feedback="realised"),
                         constraints=FairnessConstraints(0.05, 0.2, 0.8), batch_size=40)


@pytest.fixture
def streams():
    """Streams of one cell."""
    return cell_streams(7, "fairness/test", 0, 0)
