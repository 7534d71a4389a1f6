"""Provenance of a sweep: package versions, git state, machine, time and the run command.

Recorded in every manifest (``shared/specs/ecosystem.md`` §5) and in the claims report; also
re-exported by :mod:`theorylab.sweep.store`.
"""
from __future__ import annotations

import os
import platform
import shlex
import socket
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

from .. import __version__
from .spec import Experiment

__all__ = ["provenance", "now", "run_command"]

_PACKAGES = ("numpy", "scipy", "numba", "llvmlite", "cvxpy", "matplotlib", "joblib", "cupy")


def _git(root: Path) -> dict:
    def call(*args):
        r = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
        if r.returncode != 0:
            raise OSError(r.stderr.strip())
        return r.stdout
    try:
        commit = call("rev-parse", "HEAD").strip()
        dirty = bool(call("status", "--porcelain", "--untracked-files=no").strip())
    except (OSError, subprocess.SubprocessError):
        return {"commit": None, "dirty": None}
    return {"commit": commit, "dirty": dirty}


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _version(name: str):
    try:
        return metadata.version(name if name != "cupy" else "cupy-cuda12x")
    except metadata.PackageNotFoundError:
        return None


def provenance() -> dict:
    """Where and with what a sweep ran: versions, git commit and dirty flag, CPU, host.

    Returns
    -------
    dict with keys ``theorylab``, ``git`` ({commit, dirty}, None outside a git checkout),
    ``python``, ``packages`` (name -> version or None), ``cpu``, ``cpu_count``, ``host``,
    ``platform`` and ``threads`` (the thread-limit environment variables of this process).

    References
    ----------
    ``shared/specs/ecosystem.md`` §5 (manifest fields).
    """
    root = Path(__file__).resolve().parents[2]
    return {"theorylab": __version__, "git": _git(root), "python": platform.python_version(),
            "packages": {p: _version(p) for p in _PACKAGES}, "cpu": _cpu_model(),
            "cpu_count": os.cpu_count(), "host": socket.gethostname(), "platform": platform.platform(),
            "threads": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "MKL_NUM_THREADS",
                                                       "OPENBLAS_NUM_THREADS", "NUMBA_NUM_THREADS")}}


def now() -> str:
    """The current UTC time in ISO 8601 (seconds).

    References
    ----------
    ISO 8601.
    """
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def run_command(experiment: Experiment, size: str, out_dir, n_seeds: int | None = None) -> str:
    """The exact ``theorylab run`` command that computes these results.

    References
    ----------
    Design rule 8 (one command line).
    """
    parts = ["theorylab", "run", experiment.id]
    if size == "quick":
        parts.append("--quick")
    if n_seeds is not None and int(n_seeds) != int(experiment.seeds[size]):
        parts += ["--seeds", str(int(n_seeds))]
    parts += ["--out", str(out_dir)]
    return " ".join(shlex.quote(p) for p in parts)
