"""Synthetic experiments, figures and lemmas for the sweep and CLI tests.

They are *not* paper experiments: their cell function draws regret curves with a known
growth from the cell's streams, so the tests exercise the sweep machinery (hashing, streams,
store, resume, executors, CLI) without depending on algorithms written elsewhere.

* ``synth/sqrt``: per-episode regret ``(0.5 + u_k)(sqrt(k) - sqrt(k-1))``, ``u_k ~ U(0, 1)``,
  so the mean cumulative regret is exactly ``sqrt(K)``: slope 1/2.
* ``synth/linear``: per-episode regret ``0.5 + u_k`` -> slope 1; its proven rate check against
  sqrt(K) must fail.
* ``synth/slow``: like ``synth/sqrt`` with a sleep per cell (the SIGKILL/resume test).
* ``synth/broken``: algorithm ``broken`` raises (failure recording).

If ``THEORYLAB_TEST_CALL_LOG`` names a file, every cell call appends one line to it, so a
test can count which cells were computed (in any worker process).
"""
from __future__ import annotations

import os
import time
import types

import numpy as np

from theorylab.regret import check_rate, cumulative_at, log_checkpoints, sqrt_rate
from theorylab.sweep import Experiment


def run_cell(setting, algorithm, streams):
    """Regret of one synthetic cell: ``checkpoints``, ``pseudo``, ``realised``, ``draws``."""
    log = os.environ.get("THEORYLAB_TEST_CALL_LOG")
    if log:
        with open(log, "a") as f:
            f.write(f"{setting['name']} {algorithm} {streams.key[2]}\n")
    if algorithm == "broken":
        raise RuntimeError("synthetic failure in cell")
    time.sleep(setting.get("sleep", 0.0))
    K = int(setting["K"])
    u = streams.noise.uniform(size=K)
    k = np.arange(1, K + 1)
    per = (0.5 + u) * (np.sqrt(k) - np.sqrt(k - 1)) if setting["growth"] == "sqrt" else 0.5 + u
    scale = 1.0 + 0.1 * streams.algorithm(algorithm).uniform()
    cp = log_checkpoints(K, 12)
    return {"checkpoints": cp, "pseudo": scale * cumulative_at(per, cp),
            "realised": scale * cumulative_at(per + streams.noise.normal(size=K) * 0.01, cp),
            "draws": streams.algorithm(algorithm).integers(0, 2**31, size=4)}


def analyse(results):
    """A proven rate check against sqrt(K) for every (setting, algorithm)."""
    out = []
    for i, _ in enumerate(results.settings):
        for a in results.experiment.algorithms:
            if results.has(i, a):
                out.append(check_rate(results.trace(i, a), sqrt_rate(), rng=np.random.default_rng(7),
                                      n_boot=200, experiment=results.experiment.id, proven=True))
    return out


def _exp(name, growth, tags, algorithms=("alpha", "beta"), sleep=0.0, quick_seeds=3):
    settings = {"quick": ({"name": "a", "K": 200, "growth": growth, "sleep": sleep},
                          {"name": "b", "K": 300, "growth": growth, "sleep": sleep}),
                "full": ({"name": "a", "K": 400, "growth": growth, "sleep": sleep},)}
    return Experiment(id=f"synth/{name}", description=f"synthetic {growth} regret", tags=tags,
                      algorithms=algorithms, settings=settings, seeds={"quick": quick_seeds, "full": 2},
                      run_cell=run_cell, analyse=analyse, root_seed=11, figures=("synth",),
                      paper="Synthetic paper")


SQRT = _exp("sqrt", "sqrt", ("synthetic", "passing"))
LINEAR = _exp("linear", "linear", ("synthetic", "failing"))
SLOW = _exp("slow", "sqrt", ("synthetic",), sleep=0.25, quick_seeds=4)
BROKEN = _exp("broken", "sqrt", ("synthetic",), algorithms=("alpha", "broken"), quick_seeds=1)


def discover():
    """The passing and the failing experiment (what ``run all`` / ``reproduce`` see)."""
    return {e.id: e for e in (LINEAR, SQRT)}


def discover_sqrt():
    """Only the passing experiment."""
    return {SQRT.id: SQRT}


def discover_every():
    """All synthetic experiments."""
    return {e.id: e for e in (BROKEN, LINEAR, SLOW, SQRT)}


def _figure_main(results, out_dir):
    from paper_figures._common import new_figure, save
    fig, axes = new_figure()
    data = {}
    for eid, rs in sorted(results.items()):
        for a in rs.experiment.algorithms:
            tr = rs.trace(0, a)
            axes[0, 0].plot(tr.checkpoints, tr.pseudo.mean(0), label=f"{eid} {a}")
            data[f"{eid}/{a}"] = tr.pseudo.mean(0)
    axes[0, 0].legend()
    return save(fig, out_dir, "synth_regret", data)


FIGURE = types.SimpleNamespace(EXPERIMENTS=("synth/sqrt", "synth/linear"), main=_figure_main)
FIGURE_SQRT = types.SimpleNamespace(EXPERIMENTS=("synth/sqrt",), main=_figure_main)


def discover_figures():
    """One figure, ``synth``, plotting both experiments."""
    return {"synth": FIGURE}


def discover_figures_sqrt():
    """One figure, ``synth``, plotting only ``synth/sqrt``."""
    return {"synth": FIGURE_SQRT}


def thread_env():
    """(pid, thread-limit variables, numba's thread count) of the calling process."""
    import numba
    keys = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS")
    return os.getpid(), {k: os.environ.get(k) for k in keys}, int(numba.config.NUMBA_NUM_THREADS)


def _cauchy_schwarz(rng, size="quick"):
    from proofs_check import LemmaReport
    n = 200 if size == "quick" else 2000
    x, y = rng.normal(size=(2, n, 5))
    slack = np.linalg.norm(x, axis=1) * np.linalg.norm(y, axis=1) - np.abs((x * y).sum(1))
    return LemmaReport("synth/CS", "|<x,y>| <= |x||y|", "Cauchy-Schwarz", "inequality", n,
                       float(slack.min()), bool(slack.min() >= -1e-12))


def _false_claim(rng, size="quick"):
    from proofs_check import LemmaReport
    u = rng.uniform(size=100)
    slack = 0.25 - u
    # numpy scalars on purpose: reports written by lemma modules often carry them
    return LemmaReport("synth/FALSE", "u <= 1/4 for u ~ U(0,1)", "a false claim", "inequality", np.int64(100),
                       slack.min(), slack.min() >= 0)


def discover_lemmas():
    """One true lemma."""
    return {"synth/CS": types.SimpleNamespace(NAME="synth/CS", check=_cauchy_schwarz)}


def discover_lemmas_failing():
    """A true and a false lemma."""
    return {**discover_lemmas(), "synth/FALSE": types.SimpleNamespace(NAME="synth/FALSE", check=_false_claim)}


def discover_figures_group():
    """Two figures of one group, ``synth_a`` and ``synth_b`` (group selection in the CLI)."""
    return {"synth_a": FIGURE, "synth_b": FIGURE_SQRT, "other": FIGURE_SQRT}


def kill_before_rename(victim: str) -> None:
    """Pool initializer: SIGKILL this worker when it is about to rename file ``victim`` into place.

    The store writes a shard to a temporary file and then calls :func:`os.replace`; patching
    ``os.replace`` in the worker kills it after the temporary file is complete but before the
    rename, the worst moment for atomicity.
    """
    import signal

    from theorylab._threads import limit_threads
    limit_threads()
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if os.path.basename(os.fspath(dst)) == victim:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(src, dst, *args, **kwargs)
    os.replace = replace
