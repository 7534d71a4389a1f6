"""Sweeps: bit-identical results for any worker count and order, resume, failures, progress."""
from __future__ import annotations

import io

import numpy as np
import pytest

from theorylab.sweep import MissingResultsError, load_results, run_experiment, run_in_memory
from theorylab.sweep.runner import Progress
from theorylab.sweep.store import experiment_dir, read_manifest, read_shard, shard_path
from tests.sweep._synthetic import BROKEN, SQRT


def _shards(out, exp=SQRT, size="quick"):
    d = experiment_dir(out, exp.id, size) / "shards"
    return {p.name: p.read_bytes() for p in sorted(d.glob("*.npz"))}


def test_same_root_seed_same_bits_for_1_and_2_workers_and_any_order(tmp_path):
    cells = SQRT.cells("quick")
    shuffled = [cells[i] for i in np.random.default_rng(3).permutation(len(cells))]
    run_experiment(SQRT, tmp_path / "one", "quick", workers=1, progress=False)
    run_experiment(SQRT, tmp_path / "two", "quick", workers=2, progress=False)
    run_experiment(SQRT, tmp_path / "shuffled", "quick", workers=1, cells=shuffled, progress=False)
    one, two, mixed = (_shards(tmp_path / n) for n in ("one", "two", "shuffled"))
    assert len(one) == len(cells) and one.keys() == two.keys() == mixed.keys()
    assert one == two == mixed  # byte-identical shards
    memory = run_in_memory(SQRT, "quick")
    stored = load_results(tmp_path / "two", SQRT, "quick")
    for c in cells:
        for name, v in memory.arrays[c.key].items():
            np.testing.assert_array_equal(stored.arrays[c.key][name], v)
            assert stored.arrays[c.key][name].dtype == v.dtype


def test_different_root_seed_gives_different_bits(tmp_path):
    from dataclasses import replace
    run_experiment(SQRT, tmp_path / "a", "quick", workers=1, progress=False)
    other = replace(SQRT, root_seed=SQRT.root_seed + 1)
    run_experiment(other, tmp_path / "b", "quick", workers=1, progress=False)
    a = load_results(tmp_path / "a", SQRT, "quick")
    b = load_results(tmp_path / "b", other, "quick")
    assert not np.array_equal(a.stacked(0, "alpha", "pseudo"), b.stacked(0, "alpha", "pseudo"))


def test_resume_skips_valid_shards_and_recomputes_a_corrupt_one(tmp_path, call_log):
    first = run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)
    n = len(SQRT.cells("quick"))
    assert (first.computed, first.resumed, len(call_log())) == (n, 0, n)
    before = _shards(tmp_path)
    mtimes = {p.name: p.stat().st_mtime_ns for p in (experiment_dir(tmp_path, SQRT.id, "quick") / "shards").iterdir()}
    again = run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)
    assert (again.computed, again.resumed, len(call_log())) == (0, n, n)
    victim = shard_path(experiment_dir(tmp_path, SQRT.id, "quick"), SQRT.cells("quick")[5])
    victim.write_bytes(victim.read_bytes()[:100])  # truncated
    third = run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)
    assert (third.computed, third.resumed, len(call_log())) == (1, n - 1, n + 1)
    assert _shards(tmp_path) == before
    for p in victim.parent.iterdir():
        if p != victim:
            assert p.stat().st_mtime_ns == mtimes[p.name]


def test_more_seeds_reuse_the_shards_of_fewer(tmp_path, call_log):
    run_experiment(SQRT, tmp_path, "quick", n_seeds=2, workers=1, progress=False)
    assert len(call_log()) == 8
    more = run_experiment(SQRT, tmp_path, "quick", n_seeds=3, workers=1, progress=False)
    assert (more.computed, more.resumed, len(call_log())) == (4, 8, 12)
    assert len(load_results(tmp_path, SQRT, "quick").cells) == 12


def test_failed_cells_are_recorded_with_traceback_and_retried(tmp_path, call_log):
    s = run_experiment(BROKEN, tmp_path, "quick", workers=1, progress=False)
    assert not s.ok and len(s.failed) == 2 and s.computed == 2
    assert all(err == "RuntimeError: synthetic failure in cell" for _, err in s.failed)
    m = read_manifest(s.directory)
    assert m["status"] == "incomplete"
    failed = [e for e in m["cells"].values() if e["status"] == "failed"]
    assert len(failed) == 2 and all("Traceback" in e["error"] and "synthetic failure" in e["error"] for e in failed)
    with pytest.raises(MissingResultsError, match="2 of 4 cells"):
        load_results(tmp_path, BROKEN, "quick")
    run_experiment(BROKEN, tmp_path, "quick", workers=1, progress=False)
    assert len(call_log()) == 4 + 2  # only the failed cells ran again


def test_cells_of_another_experiment_are_refused(tmp_path):
    with pytest.raises(ValueError, match="cells must be cells of"):
        run_experiment(SQRT, tmp_path, "quick", workers=1, cells=BROKEN.cells("quick"), progress=False)


def test_shard_identity_is_the_cell_of_its_key(tmp_path):
    run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)
    for c in SQRT.cells("quick"):
        read_shard(shard_path(experiment_dir(tmp_path, SQRT.id, "quick"), c), c)


class _TTY(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_counts_and_estimates_on_a_terminal():
    t = [0.0]
    stream = _TTY()
    bar = Progress(4, "exp/x", done=1, stream=stream, clock=lambda: t[0])
    t[0] = 10.0
    bar.advance()
    line = bar.line()
    assert "2/4 cells" in line and "elapsed 0:10" in line and "ETA 0:20" in line
    bar.close()
    assert stream.getvalue().startswith("\r") and stream.getvalue().endswith("\n")


@pytest.mark.parametrize("stream,enabled", [(io.StringIO(), None), (_TTY(), False)])
def test_progress_bar_is_silent_off_a_terminal_or_when_quiet(stream, enabled):
    bar = Progress(3, "exp/x", stream=stream, enabled=enabled)
    bar.advance(3)
    bar.close()
    assert stream.getvalue() == ""
