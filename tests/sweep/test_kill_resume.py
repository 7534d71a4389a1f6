"""A sweep killed with SIGKILL in the middle resumes without recomputing finished cells.

A real ``python -m theorylab run`` process (two workers) is killed, with its workers, once
some shards exist.  The resumed sweep must compute exactly the cells without a shard, leave
the finished shards untouched, and end with the shards of an uninterrupted run, byte for byte.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from theorylab.sweep import run_experiment
from theorylab.sweep.store import experiment_dir, read_manifest, shard_is_valid, shard_path
from tests.sweep._synthetic import SLOW

ROOT = Path(__file__).resolve().parents[2]


def _wait_for_shards(proc, shards: Path, n: int, timeout: float = 120.0) -> None:
    t0 = time.monotonic()
    while len(list(shards.glob("*.npz"))) < n:
        if proc.poll() is not None:
            pytest.fail(f"the sweep exited with status {proc.returncode} before it could be killed")
        if time.monotonic() - t0 > timeout:
            pytest.fail(f"no {n} shards after {timeout} s")
        time.sleep(0.02)


def test_sigkilled_sweep_resumes_without_recomputing(tmp_path, call_log):
    cells = SLOW.cells("quick")
    key_of = {(c.setting["name"], c.algorithm, c.seed): c.key for c in cells}
    out = tmp_path / "killed"
    shards = experiment_dir(out, SLOW.id, "quick") / "shards"
    env = dict(os.environ, THEORYLAB_EXPERIMENTS_MODULE="tests.sweep._synthetic:discover_every",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-m", "theorylab", "run", SLOW.id, "--quick", "--workers", "2",
                             "--quiet", "--out", str(out)], cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_shards(proc, shards, 3)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the driver and its workers: their own session
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    finished = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in shards.glob("*.npz")}
    assert 3 <= len(finished) < len(cells), "the kill must land in the middle of the sweep"
    assert all(shard_is_valid(shards / name) for name in finished)  # atomic writes: no partial shard
    calls_before = Counter(call_log())

    summary = run_experiment(SLOW, out, "quick", workers=2, progress=False)

    assert summary.ok and summary.resumed == len(finished) and summary.computed == len(cells) - len(finished)
    resumed_calls = Counter(call_log()) - calls_before
    recomputed = {key_of[(n, a, int(s))] for n, a, s in (line.split() for line in resumed_calls)}
    assert sum(resumed_calls.values()) == len(cells) - len(finished)  # each missing cell once
    assert recomputed == {c.key for c in cells} - {name[:-4] for name in finished}
    for name, (mtime, data) in finished.items():
        assert (shards / name).stat().st_mtime_ns == mtime and (shards / name).read_bytes() == data
    assert not [p for p in shards.parent.rglob("*") if p.name.endswith(".tmp")]
    assert read_manifest(shards.parent)["status"] == "complete"

    reference = tmp_path / "reference"
    run_experiment(SLOW, reference, "quick", workers=1, progress=False)
    ref_shards = experiment_dir(reference, SLOW.id, "quick") / "shards"
    assert sorted(p.name for p in shards.iterdir()) == sorted(p.name for p in ref_shards.iterdir())
    for c in cells:
        assert shard_path(shards.parent, c).read_bytes() == shard_path(ref_shards.parent, c).read_bytes()
