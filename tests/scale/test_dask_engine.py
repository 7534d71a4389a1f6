"""The Dask engine on a real loopback LocalCluster: identical bits, worker and driver kills, retries.

One cluster (2 worker processes, 1 thread each) serves the module.  Every sweep is compared
byte for byte with the local in-process executor's shards of the same experiment.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="the dask engine needs pip install 'theorylab[dask]'")

from theorylab.sweep import run_experiment  # noqa: E402
from theorylab.sweep.dask_engine import DaskExecutor, dask_executor  # noqa: E402
from theorylab.sweep.store import experiment_dir, read_manifest, shard_is_valid, shard_path  # noqa: E402
from tests.sweep._synthetic import BROKEN, SLOW, SQRT, thread_env  # noqa: E402

pytestmark = pytest.mark.dask
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """A DaskExecutor over a fresh LocalCluster with a test-owned numba cache folder."""
    cache = tmp_path_factory.mktemp("numba-cache")
    with dask_executor(workers=2, cache_dir=cache) as ex:
        ex.client.wait_for_workers(2, timeout=60)
        yield ex, cache


def _reference(tmp_path, exp):
    run_experiment(exp, tmp_path / "reference", "quick", workers=1, progress=False)
    return experiment_dir(tmp_path / "reference", exp.id, "quick")


def _assert_same_shards(directory, reference, exp):
    for c in exp.cells("quick"):
        assert shard_path(directory, c).read_bytes() == shard_path(reference, c).read_bytes(), c.label


def _wait_for_shards(shards: Path, n: int, alive=lambda: True, timeout: float = 120.0) -> None:
    t0 = time.monotonic()
    while len(list(shards.glob("*.npz"))) < n:
        assert alive(), "the sweep ended before it could be interrupted"
        assert time.monotonic() - t0 < timeout, f"no {n} shards after {timeout} s"
        time.sleep(0.02)


def test_workers_are_single_threaded_processes_sharing_one_numba_cache(cluster):
    ex, cache = cluster
    info = ex.client.run(thread_env)
    assert len(info) == 2
    pids = {pid for pid, _, _ in info.values()}
    assert os.getpid() not in pids and len(pids) == 2
    for _, env, numba_threads in info.values():
        assert env == {k: "1" for k in env} and numba_threads == 1
    caches = ex.client.run(lambda: os.environ.get("NUMBA_CACHE_DIR"))
    assert set(caches.values()) == {str(Path(cache).resolve())}


def test_dask_shards_are_bit_identical_to_the_local_executor(cluster, tmp_path):
    ex, _ = cluster
    s = run_experiment(SQRT, tmp_path / "dask", "quick", executor=ex, progress=False)
    assert s.ok and s.computed == len(SQRT.cells("quick"))
    _assert_same_shards(s.directory, _reference(tmp_path, SQRT), SQRT)
    m = read_manifest(s.directory)
    assert m["engine"]["executor"] == "DaskExecutor" and m["engine"]["workers"] == 2
    assert m["engine"]["shards_written_by"] == "driver" and m["engine"]["chunksize"] == 1  # the contract
    workers = {e["attempts"][0]["worker"].split(":")[1] for e in m["cells"].values()}
    assert str(os.getpid()) not in workers  # computed in other processes (warm-up and workers)


def test_dask_workers_sharing_the_file_system_may_write_the_shards(cluster, tmp_path):
    ex, _ = cluster
    s = run_experiment(SQRT, tmp_path / "dask", "quick", executor=ex, progress=False, worker_writes=True, chunksize=2)
    assert s.ok and s.computed == len(SQRT.cells("quick"))
    _assert_same_shards(s.directory, _reference(tmp_path, SQRT), SQRT)
    m = read_manifest(s.directory)
    assert m["engine"]["shards_written_by"] == "worker" and m["engine"]["chunksize"] == 2
    assert all(len(e["sha256"]) == 64 and e["attempts"][0]["worker"].split(":")[1] != str(os.getpid())
               for e in m["cells"].values())


def test_a_worker_killed_mid_sweep_is_survived_with_identical_arrays(cluster, tmp_path):
    ex, _ = cluster
    out = tmp_path / "dask"
    shards = experiment_dir(out, SLOW.id, "quick") / "shards"
    result = {}
    t = threading.Thread(target=lambda: result.update(s=run_experiment(SLOW, out, "quick", executor=ex,
                                                                        progress=False)))
    t.start()
    _wait_for_shards(shards, 3, alive=t.is_alive)
    victim = next(iter(ex.client.run(os.getpid).values()))
    os.kill(victim, signal.SIGKILL)
    n_at_kill = len(list(shards.glob("*.npz")))
    t.join(timeout=180)
    assert not t.is_alive()
    assert n_at_kill < len(SLOW.cells("quick")), "the kill must land in the middle of the sweep"
    s = result["s"]
    assert s.ok and s.computed == len(SLOW.cells("quick"))
    assert victim not in ex.client.run(os.getpid).values()
    _assert_same_shards(s.directory, _reference(tmp_path, SLOW), SLOW)


def test_a_sigkilled_driver_resumes_and_a_corrupt_shard_is_recomputed(cluster, tmp_path):
    ex, _ = cluster
    out = tmp_path / "killed"
    directory = experiment_dir(out, SLOW.id, "quick")
    env = dict(os.environ, THEORYLAB_EXPERIMENTS_MODULE="tests.sweep._synthetic:discover_every",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.Popen([sys.executable, "-m", "theorylab", "run", SLOW.id, "--quick", "--engine", "dask",
                             "--scheduler", ex.client.scheduler.address, "--quiet", "--out", str(out)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _wait_for_shards(directory / "shards", 3, alive=lambda: proc.poll() is None)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    finished = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in (directory / "shards").glob("*.npz")}
    assert 3 <= len(finished) < len(SLOW.cells("quick"))
    assert all(shard_is_valid(directory / "shards" / n) for n in finished)
    corrupt = sorted(finished)[0]
    (directory / "shards" / corrupt).write_bytes(finished.pop(corrupt)[1][:-40])  # truncated shard

    s = run_experiment(SLOW, out, "quick", executor=ex, progress=False)

    assert s.ok and s.resumed == len(finished) and s.computed == len(SLOW.cells("quick")) - len(finished)
    m = read_manifest(directory)
    assert m["status"] == "complete" and m["invalid_shards_recomputed"] == 1
    for name, (mtime, data) in finished.items():  # finished work untouched
        p = directory / "shards" / name
        assert p.stat().st_mtime_ns == mtime and p.read_bytes() == data
    _assert_same_shards(directory, _reference(tmp_path, SLOW), SLOW)


def test_failed_cells_are_retried_then_recorded_with_every_attempt(cluster, tmp_path, call_log):
    ex, _ = cluster
    log = os.environ["THEORYLAB_TEST_CALL_LOG"]  # the workers started before the fixture set it
    ex.client.run(lambda: os.environ.__setitem__("THEORYLAB_TEST_CALL_LOG", log))
    try:
        s = run_experiment(BROKEN, tmp_path, "quick", executor=ex, progress=False, retries=2)
    finally:
        ex.client.run(lambda: os.environ.pop("THEORYLAB_TEST_CALL_LOG", None))
    assert not s.ok and len(s.failed) == 2 and s.computed == 2
    assert len(call_log()) == 2 + 2 * 3  # good cells once, broken cells 1 + 2 retries
    m = read_manifest(s.directory)
    assert m["engine"]["retries"] == 2
    for e in m["cells"].values():
        if e["status"] == "failed":
            assert [a["attempt"] for a in e["attempts"]] == [1, 2, 3]
            assert all(a["status"] == "failed" and a["error"] == "RuntimeError: synthetic failure in cell"
                       for a in e["attempts"])
            assert "Traceback" in e["error"]
        else:
            assert [a["status"] for a in e["attempts"]] == ["done"]


def test_retries_are_also_honoured_by_the_local_engine(tmp_path, call_log):
    s = run_experiment(BROKEN, tmp_path, "quick", workers=1, progress=False, retries=1)
    assert len(s.failed) == 2 and len(call_log()) == 2 + 2 * 2
    with pytest.raises(ValueError, match="retries"):
        run_experiment(BROKEN, tmp_path, "quick", workers=1, progress=False, retries=-1)


def test_the_executor_is_a_concurrent_futures_executor(cluster):
    ex, _ = cluster
    assert isinstance(ex, DaskExecutor)
    assert ex.submit(pow, 3, 4).result(timeout=60) == 81


def test_worker_environment_carries_the_backend(monkeypatch, tmp_path):
    """``--backend`` must reach remote workers (they do not inherit the driver's environment)."""
    from theorylab.sweep.dask_engine import worker_environment
    monkeypatch.setenv("THEORYLAB_BACKEND", "cupy")
    assert worker_environment(tmp_path)["THEORYLAB_BACKEND"] == "cupy"
    monkeypatch.delenv("THEORYLAB_BACKEND")
    env = worker_environment(tmp_path)
    assert env["THEORYLAB_BACKEND"] == "numpy" and env["NUMBA_NUM_THREADS"] == "1"
