"""LemmaReport: the outcome of one numerical lemma check."""
from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["LemmaReport"]


@dataclass(frozen=True)
class LemmaReport:
    """Outcome of checking one lemma numerically.

    Attributes
    ----------
    name : str, e.g. ``"adversarial/L2"``
    statement : str, the inequality or identity checked, in words/symbols
    citation : str, paper and lemma (or "reconstruction; see spec §x")
    kind : {"identity", "inequality", "probabilistic"}
    n_cases : int, instances or Monte-Carlo trials checked
    worst_slack : float, min over cases of (rhs - lhs); negative means a violation
    passed : bool
    detail : str

    References
    ----------
    ``shared/specs/aesthetics.md`` §9.6.
    """

    name: str
    statement: str
    citation: str
    kind: str
    n_cases: int
    worst_slack: float
    passed: bool
    detail: str = ""

    def to_dict(self) -> dict:
        """JSON-ready dict."""
        return asdict(self)
