"""Shared plumbing of the robust lemma checks (not a lemma: defines no NAME/check)."""
from __future__ import annotations

import numpy as np

from ._report import LemmaReport

__all__ = ["cases", "report"]


def cases(size: str, quick: int, full: int) -> int:
    """Number of random cases for ``size`` ("quick" or "full").

    References
    ----------
    Spec §6 (200 random instances per lemma at full size).
    """
    if size not in ("quick", "full"):
        raise ValueError(f"size must be 'quick' or 'full', got {size!r}")
    return quick if size == "quick" else full


def report(name, statement, citation, kind, slack, tol: float = 1e-6, detail: str = "") -> LemmaReport:
    """LemmaReport from per-case slacks (rhs - lhs; negative = violation beyond ``tol``).

    References
    ----------
    ``shared/specs/aesthetics.md`` §9.6 (lemma reports).
    """
    slack = np.asarray(slack, dtype=float).ravel()
    worst = float(slack.min())
    return LemmaReport(name, statement, citation, kind, int(slack.size), worst, bool(worst >= -tol),
                       detail or f"tolerance {tol:g}")
