"""The scale-out flags of ``theorylab run``: clear one-line errors, retries recorded."""
from __future__ import annotations

import importlib.util

import pytest

from theorylab.cli import main
from theorylab.sweep.store import experiment_dir, read_manifest


def test_scheduler_without_the_dask_engine_is_bad_input(synthetic_registry, tmp_path, capsys):
    assert main(["run", "synth/sqrt", "--quick", "--scheduler", "tcp://127.0.0.1:1", "--out", str(tmp_path)]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


@pytest.mark.skipif(importlib.util.find_spec("cupy") is not None, reason="CuPy is installed here")
def test_backend_cupy_without_cupy_is_a_clear_error(synthetic_registry, tmp_path, capsys):
    assert main(["run", "synth/sqrt", "--quick", "--backend", "cupy", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "cupy" in err and "theorylab[gpu]" in err and err.count("\n") == 1
    assert not (tmp_path / "synth").exists()  # refused before any cell ran


def test_retries_flag_reaches_the_manifest(synthetic_registry, tmp_path, call_log, monkeypatch):
    monkeypatch.setenv("THEORYLAB_EXPERIMENTS_MODULE", "tests.sweep._synthetic:discover_every")
    assert main(["run", "synth/broken", "--quick", "--workers", "1", "--retries", "1", "--quiet",
                 "--out", str(tmp_path)]) == 1
    m = read_manifest(experiment_dir(tmp_path, "synth/broken", "quick"))
    assert m["engine"]["retries"] == 1
    assert sorted(len(e["attempts"]) for e in m["cells"].values()) == [1, 1, 2, 2]
    assert len(call_log()) == 2 + 2 * 2


@pytest.mark.parametrize("bad", ["-1", "x"])
def test_bad_retries_are_refused(synthetic_registry, tmp_path, bad):
    assert main(["run", "synth/sqrt", "--quick", "--retries", bad, "--out", str(tmp_path)]) == 2


@pytest.mark.dask
def test_engine_dask_starts_a_local_cluster_and_matches_the_local_engine(synthetic_registry, tmp_path):
    pytest.importorskip("distributed", reason="the dask engine needs pip install 'theorylab[dask]'")
    args = ["run", "synth/sqrt", "--quick", "--quiet"]
    assert main(args + ["--engine", "dask", "--workers", "2", "--out", str(tmp_path / "dask")]) == 0
    assert main(args + ["--workers", "1", "--out", str(tmp_path / "local")]) == 0
    a, b = (experiment_dir(tmp_path / k, "synth/sqrt", "quick") for k in ("dask", "local"))
    assert read_manifest(a)["engine"] == {"executor": "DaskExecutor", "workers": 2, "retries": 0,
                                          "shards_written_by": "driver", "chunksize": 1}
    assert read_manifest(b)["engine"] == {"executor": "InlineExecutor", "workers": 1, "retries": 0,
                                          "shards_written_by": "worker", "chunksize": 1}
    shards = sorted(p.name for p in (b / "shards").iterdir())
    assert shards and sorted(p.name for p in (a / "shards").iterdir()) == shards
    assert all((a / "shards" / n).read_bytes() == (b / "shards" / n).read_bytes() for n in shards)
