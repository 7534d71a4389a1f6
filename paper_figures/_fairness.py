"""Plot helpers of the fairness figures (ax in, ax out) and the comparison-table writer."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import numpy as np

from theorylab import plotting
from theorylab.stats import bootstrap_ci

__all__ = ["band", "colour", "setting_title", "write_table", "ALGO_LABEL", "COLOURS"]

ALGO_LABEL = {"ofs": "OFS", "ucb": "UCB (unconstrained)", "pd": "primal-dual UCB", "oracle": "oracle (fixed θ*)",
              "ofs-doubling": "OFS (doubling)", "ofs-max": "OFS (max fallback)",
              "ofs-commit": "OFS (commit 200, burn-in 100)"}
COLOURS = {"ofs": "#E69F00", "ucb": "#56B4E9", "pd": "#009E73", "oracle": "#000000",
           "ofs-doubling": "#CC79A7", "ofs-commit": "#882255", "ofs-max": "#0072B2"}
_RECON = "reconstruction from the abstract (arXiv:2512.22313); see spec"


def colour(algo: str) -> str:
    """Colour of a fairness learner (fixed for the five learners, else theorylab.plotting's).

    References
    ----------
    Okabe & Ito (2008) palette; ``shared/design.md`` (one colour per algorithm).
    """
    return COLOURS.get(algo, plotting.colour(algo))


def band(ax, t, Y, algo: str, *, logy: bool = False):
    """Mean of Y (n_seeds, n) over seeds with a 95% bootstrap band, coloured by algorithm.

    References
    ----------
    Agarwal et al. (2021), rliable (interval estimates over runs).
    """
    Y = np.atleast_2d(np.asarray(Y, dtype=np.float64))
    c = colour(algo)
    if Y.shape[0] > 1:
        m, lo, hi = bootstrap_ci(Y, rng=np.random.default_rng(0), n_boot=200)
        ax.fill_between(t, lo, hi, color=c, alpha=0.2, linewidth=0)
    else:
        m = Y[0]
    ax.plot(t, m, color=c, linewidth=1.5, label=ALGO_LABEL.get(algo, algo))
    if logy:
        ax.set_yscale("symlog", linthresh=1.0)
    return ax


def setting_title(s: dict) -> str:
    """Short title of a setting: environment, eps and active service constraint.

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2.
    """
    t = f"{s.get('env', 'synthetic')}, ε={s.get('eps', 0.1)}"
    if s.get("rho_min", 0) > 0:
        t += f", ρ_min={s['rho_min']}"
    if s.get("kappa", 0.02) == 0:
        t += ", stationary"
    return t


def write_table(rows: list[dict], out_dir, name: str, caption: str) -> list[Path]:
    """Write ``name.csv`` and ``name.md`` (atomically) from a list of row dicts.

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (figure 5: final table).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cols = list(rows[0]) if rows else []
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    w.writerows([[_fmt(r[c]) for c in cols] for r in rows])
    md = [f"{caption} ({_RECON})", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    md += ["| " + " | ".join(_fmt(r[c]) for c in cols) + " |" for r in rows]
    paths = []
    for ext, text in (("csv", buf.getvalue()), ("md", "\n".join(md) + "\n")):
        p, tmp = out / f"{name}.{ext}", out / f".{name}.tmp.{ext}"
        tmp.write_text(text)
        os.replace(tmp, p)
        paths.append(p)
    return paths


def _fmt(v):
    return f"{v:.4g}" if isinstance(v, float) else str(v)
