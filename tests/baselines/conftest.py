"""Quick-size results of the two baseline experiments, computed once per test session."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def quick_results():
    """Experiment id -> ResultSet of ``baselines/ucbvi`` and ``baselines/lsvi_ucb`` (quick)."""
    from experiments.baselines.lsvi_ucb.spec import EXPERIMENT as lsvi
    from experiments.baselines.ucbvi.spec import EXPERIMENT as ucbvi
    from theorylab.sweep import run_in_memory
    return {e.id: run_in_memory(e, "quick") for e in (ucbvi, lsvi)}
