"""Plain-text tables of the command line: bound checks, lemma checks and benchmark ratios.

The rows are data (tuples of strings, or dicts for benchmarks) so that the claims report
(:mod:`theorylab.report`), the ``theorylab`` command and the notebooks print the same
columns: :data:`CHECK_HEADERS` for :func:`check_rows`, :data:`LEMMA_HEADERS` for
:func:`lemma_rows`, :func:`bench_rows` / :func:`format_bench` for ``theorylab bench``
(ratio = mean(reference) / mean(theorylab) per pytest-benchmark group), and
:func:`format_table` to align any of them.
"""
from __future__ import annotations

import math
from typing import Sequence

__all__ = ["format_table", "check_rows", "lemma_rows", "CHECK_HEADERS", "LEMMA_HEADERS", "bench_rows",
           "format_bench"]

CHECK_HEADERS = ("experiment", "setting", "algorithm", "bound", "citation", "kind", "slope [CI]",
                 "bound slope", "max ratio", "result")
LEMMA_HEADERS = ("lemma", "citation", "kind", "cases", "worst slack", "result")


def _num(x, digits: int = 3) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    return f"{x:.{digits}g}"


def _result(passed: bool, proven: bool = True) -> str:
    return "PASS" if passed else ("FAIL" if proven else "fail (not proven)")


def check_rows(checks: Sequence, citation_width: int | None = None, mark_reconstruction: bool = True) -> list[tuple]:
    """One row of :data:`CHECK_HEADERS` per check.

    References
    ----------
    Issue 2, item 7 (the bound-check table).
    """
    rows = []
    for c in checks:
        cit = c.citation + (" (reconstruction)" if c.reconstruction and mark_reconstruction else "")
        if citation_width and len(cit) > citation_width:
            cit = cit[:citation_width - 1] + "…"
        lo, hi = c.slope_ci
        rows.append((c.experiment, c.setting, c.algorithm, c.bound, cit, c.kind,
                     f"{_num(c.slope)} [{_num(lo)}, {_num(hi)}]", _num(c.bound_slope), _num(c.max_ratio),
                     _result(c.passed, c.proven)))
    return rows


def lemma_rows(lemmas: Sequence) -> list[tuple]:
    """One row of :data:`LEMMA_HEADERS` per lemma report.

    References
    ----------
    ``proofs_check`` (one module per lemma).
    """
    return [(l.name, l.citation, l.kind, str(l.n_cases), _num(l.worst_slack), _result(l.passed))
            for l in lemmas]


def format_table(headers: Sequence[str], rows: Sequence[Sequence]) -> str:
    """Left-aligned plain-text columns, two spaces apart.

    References
    ----------
    Design rule 8 (one command line).
    """
    cols = [list(map(str, headers))] + [list(map(str, r)) for r in rows]
    widths = [max(len(r[i]) for r in cols) for i in range(len(headers))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths)).rstrip() for r in cols)


def bench_rows(data: dict, previous: dict | None = None) -> list[dict]:
    """One row per pytest-benchmark group: theorylab and reference means, ratio, target, ok.

    ``ratio = mean(reference) / mean(theorylab)``; ``ok`` is None without a target or a pair.

    References
    ----------
    pytest-benchmark JSON (``--benchmark-json``); theorylab's benchmark convention: in each
    group one benchmark has ``extra_info["role"] == "theorylab"``, one ``"reference"``.
    """
    groups: dict = {}
    for b in data.get("benchmarks", []):
        g = groups.setdefault(b.get("group") or b.get("name"), {"target": None})
        info = b.get("extra_info") or {}
        if info.get("role") in ("theorylab", "reference"):
            g[info["role"]] = float(b["stats"]["mean"])
        if info.get("target") is not None:
            g["target"] = float(info["target"])
    before = {r["group"]: r["ratio"] for r in bench_rows(previous)} if previous else {}
    rows = []
    for name, g in sorted(groups.items()):
        t, r = g.get("theorylab"), g.get("reference")
        ratio = r / t if t and r else None
        ok = None if ratio is None or g["target"] is None else ratio >= g["target"]
        rows.append({"group": name, "theorylab": t, "reference": r, "ratio": ratio, "target": g["target"],
                     "ok": ok, "previous": before.get(name)})
    return rows


def format_bench(rows: list[dict]) -> str:
    """The text table of :func:`bench_rows`.

    References
    ----------
    Issue 2, item 10 (``theorylab bench`` prints the ratios).
    """

    def sec(x):
        if x is None:
            return "–"
        scale, unit = next((s, u) for s, u in ((1.0, "s"), (1e-3, "ms"), (1e-6, "us"), (0.0, "ns")) if x >= s)
        return f"{x / (scale or 1e-9):.4g} {unit}"

    def num(x):
        return "–" if x is None else f"{x:.3g}"

    has_prev = any(r["previous"] is not None for r in rows)
    table = [(r["group"], sec(r["theorylab"]), sec(r["reference"]), num(r["ratio"]), num(r["target"]),
              {True: "ok", False: "below", None: "–"}[r["ok"]]) + ((num(r["previous"]),) if has_prev else ())
             for r in rows]
    headers = ("group", "theorylab mean", "reference mean", "ratio", "target", "status")
    return format_table(headers + (("previous ratio",) if has_prev else ()), table)
