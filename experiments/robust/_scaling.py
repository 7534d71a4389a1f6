"""Shared analysis of the d- and H-scaling experiments: Regret(K)/sqrt(K) against a size."""
from __future__ import annotations

import numpy as np

from theorylab.regret import Bound, RegretTrace, check_rate

__all__ = ["size_trace", "size_checks"]


def size_trace(results, algorithm: str, key: str) -> RegretTrace:
    """RegretTrace whose 'checkpoints' are the sizes ``key`` (d or H) of the settings and whose
    rows are per-seed Regret(K)/sqrt(K) at the last checkpoint.

    References
    ----------
    Spec §4.4 T2/T3 (average-suboptimality scaling).
    """
    sizes = np.array([int(s[key]) for s in results.settings])
    order = np.argsort(sizes)
    cols = [results.stacked(i, algorithm, "pseudo")[:, -1] / np.sqrt(results.settings[i]["K"]) for i in order]
    return RegretTrace(algorithm, sizes[order], np.stack(cols, 1), setting=f"Regret(K)/sqrt(K) vs {key}")


def size_checks(results, key: str, algorithms, exponent: float = 2.0, proven: bool = True) -> list:
    """Fitted log-log exponent of Regret(K)/sqrt(K) in ``key`` at most ``exponent``.

    References
    ----------
    Spec §4.4 T2/T3 (fitted exponent <= 2; reconstruction).
    """
    rng = np.random.default_rng(7)
    bound = Bound(f"{key}^{exponent:g}", f"spec §4.4 ({key}-scaling; reconstruction)", None,
                  lambda x: np.asarray(x, float) ** exponent, explicit_constants=False, reconstruction=True)
    return [check_rate(size_trace(results, a, key), bound, rng=rng, experiment=results.experiment.id,
                       proven=proven, n_boot=1000) for a in algorithms if results.has(0, a)]
