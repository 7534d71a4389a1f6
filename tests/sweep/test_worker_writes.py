"""Shards written by the workers of a local pool: same bytes, atomic under SIGKILL, every attempt recorded.

On the local executors the process that computes a cell also stores its shard (through the
store's one encoder, :func:`~theorylab.sweep.store.save_shard`) and the driver only records
the checksum in the manifest.  These tests pin down that this changes nothing observable: the
bytes equal the driver-written ones for any chunking, a worker SIGKILLed between writing its
temporary file and renaming it leaves no valid shard and the cell is recomputed on resume
(while the shards that worker had finished are kept), and the manifest lists every attempt.
"""
from __future__ import annotations

import json
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from theorylab._threads import limit_threads
from theorylab.sweep import run_experiment
from theorylab.sweep.executor import InlineExecutor
from theorylab.sweep._manifest import encode_manifest
from theorylab.sweep.store import checksum, dumps, experiment_dir, read_manifest, read_shard, shard_is_valid, shard_path
from tests.sweep._synthetic import BROKEN, SQRT, kill_before_rename


def _pool(workers, initializer=limit_threads, initargs=()):
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=initializer,
                               initargs=initargs)


@pytest.fixture(scope="module")
def pool():
    with _pool(2) as ex:
        yield ex


def _shard_bytes(out, exp=SQRT):
    d = experiment_dir(out, exp.id, "quick")
    return {c.key: shard_path(d, c).read_bytes() for c in exp.cells("quick")}


def test_worker_written_shards_are_byte_identical_to_driver_written_ones(tmp_path, pool):
    run_experiment(SQRT, tmp_path / "driver", "quick", executor=InlineExecutor(), worker_writes=False, progress=False)
    run_experiment(SQRT, tmp_path / "pool-driver", "quick", executor=pool, worker_writes=False, progress=False)
    run_experiment(SQRT, tmp_path / "workers", "quick", executor=pool, workers=2, worker_writes=True, chunksize=3,
                   progress=False)
    reference = _shard_bytes(tmp_path / "driver")
    assert len(reference) == len(SQRT.cells("quick"))
    assert _shard_bytes(tmp_path / "pool-driver") == reference
    assert _shard_bytes(tmp_path / "workers") == reference
    m = read_manifest(experiment_dir(tmp_path / "workers", SQRT.id, "quick"))
    assert m["engine"]["shards_written_by"] == "worker" and m["engine"]["chunksize"] == 3
    drv = read_manifest(experiment_dir(tmp_path / "pool-driver", SQRT.id, "quick"))
    assert drv["engine"]["shards_written_by"] == "driver"
    d = experiment_dir(tmp_path / "workers", SQRT.id, "quick")
    for c in SQRT.cells("quick"):
        entry = m["cells"][c.key]
        assert entry["sha256"] == checksum(read_shard(shard_path(d, c), c)) == drv["cells"][c.key]["sha256"]
        (attempt,) = entry["attempts"]
        assert attempt["status"] == "done" and int(attempt["worker"].rsplit(":", 1)[1]) != os.getpid()


def test_local_executors_default_to_worker_writes_and_chunks(tmp_path, pool):
    s = run_experiment(SQRT, tmp_path, "quick", executor=pool, workers=2, progress=False)
    engine = read_manifest(s.directory)["engine"]
    assert engine["shards_written_by"] == "worker" and engine["chunksize"] == 1  # 24 cells: 1 per task
    with pytest.raises(ValueError, match="chunksize"):
        run_experiment(SQRT, tmp_path, "quick", executor=pool, chunksize=0, progress=False)


def test_worker_killed_before_rename_leaves_no_valid_shard_and_resume_recomputes_it(tmp_path, call_log):
    cells = SQRT.cells("quick")
    victim = cells[2]  # third cell of the first chunk of 4: cells 0 and 1 are stored first
    directory = experiment_dir(tmp_path, SQRT.id, "quick")
    with _pool(1, kill_before_rename, (f"{victim.key}.npz",)) as killer:
        s = run_experiment(SQRT, tmp_path, "quick", executor=killer, workers=1, chunksize=4, progress=False)
    assert not s.ok
    assert not shard_is_valid(shard_path(directory, victim), victim) and not shard_path(directory, victim).exists()
    (tmp,) = (directory / "shards").glob(f".{victim.key}.npz.*.tmp")  # complete temporary file, never renamed
    m = read_manifest(directory)
    for c in cells[:2]:  # stored by the worker before it died: recovered, with their checksums
        assert shard_is_valid(shard_path(directory, c), c)
        assert m["cells"][c.key]["status"] == "done"
        assert m["cells"][c.key]["sha256"] == checksum(read_shard(shard_path(directory, c), c))
    entry = m["cells"][victim.key]
    assert entry["status"] == "failed" and "BrokenProcessPool" in entry["error"]
    assert [a["status"] for a in entry["attempts"]] == ["failed"]
    valid_before = {c.key for c in cells if shard_is_valid(shard_path(directory, c), c)}
    assert {cells[0].key, cells[1].key} <= valid_before and victim.key not in valid_before
    calls_before = Counter(call_log())

    again = run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)

    assert again.ok and again.resumed == len(valid_before) and again.computed == len(cells) - len(valid_before)
    recomputed = Counter(call_log()) - calls_before
    assert sum(recomputed.values()) == len(cells) - len(valid_before)  # each missing cell once, no other
    assert recomputed[f"{victim.setting['name']} {victim.algorithm} {victim.seed}"] == 1
    assert not tmp.exists()
    m = read_manifest(directory)
    assert [a["status"] for a in m["cells"][victim.key]["attempts"]] == ["failed", "done"]
    run_experiment(SQRT, tmp_path / "reference", "quick", workers=1, progress=False)
    assert _shard_bytes(tmp_path) == _shard_bytes(tmp_path / "reference")


def test_manifest_records_every_attempt_when_workers_write(tmp_path, pool):
    driver = str(os.getpid())
    s = run_experiment(BROKEN, tmp_path, "quick", executor=pool, workers=2, chunksize=2, retries=2, progress=False)
    assert len(s.failed) == 2 and s.computed == 2
    run_experiment(BROKEN, tmp_path, "quick", executor=pool, workers=2, chunksize=2, retries=1, progress=False)
    m = read_manifest(s.directory)
    for c in BROKEN.cells("quick"):
        entry, attempts = m["cells"][c.key], m["cells"][c.key]["attempts"]
        assert [a["attempt"] for a in attempts] == list(range(1, len(attempts) + 1))
        assert all(a["worker"].rsplit(":", 1)[1] != driver for a in attempts)
        if c.algorithm == "broken":  # 3 attempts in the first run, 2 in the second
            assert [a["status"] for a in attempts] == ["failed"] * 5 and "sha256" not in entry
            assert all(a["error"] == "RuntimeError: synthetic failure in cell" for a in attempts)
        else:  # done in the first run, skipped (valid shard) in the second
            assert [a["status"] for a in attempts] == ["done"] and len(entry["sha256"]) == 64


def test_manifest_encoding_is_the_strict_json_of_the_store_with_one_line_per_cell(tmp_path):
    m = {"schema": 1, "engine": {"workers": np.int64(2)}, "path": tmp_path,
         "cells": {"b": {"config": {"x": np.float64(0.5), "t": (1, np.int64(2))}, "seconds": None},
                   "a": {"config": {"x": float("nan"), "inf": np.float32(np.inf)}, "attempts": []}}}
    text = encode_manifest(m).decode()
    assert json.loads(text) == json.loads(dumps(m))
    lines = text.splitlines()
    first = lines.index(' "cells": {') + 1
    for line, key in zip(lines[first:first + 2], "ab"):  # one complete entry per line, in key order
        name, entry = line.split(": ", 1)
        assert json.loads(name) == key and json.loads(entry.rstrip(",")) == json.loads(dumps(m))["cells"][key]
    assert json.loads(encode_manifest({"schema": 1, "cells": {}})) == {"schema": 1, "cells": {}}
