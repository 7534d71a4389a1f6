"""The results store: shards round-trip, validate, detect corruption; manifests; load_results."""
from __future__ import annotations

import io
import json
import zipfile

import numpy as np
import pytest

from theorylab.sweep import MissingResultsError, ShardError, StoreError, load_results, run_experiment
from theorylab.sweep.store import (checksum, dumps, encode_shard, experiment_dir, read_manifest, read_shard,
                                   run_command, save_shard, shard_is_valid, shard_path, write_bytes_atomic,
                                   write_shard)
from tests.sweep._synthetic import SQRT


@pytest.fixture
def cell():
    return SQRT.cells("quick")[0]


def _arrays():
    return {"pseudo": np.linspace(0.0, 1.0, 12).reshape(3, 4), "checkpoints": np.arange(5, dtype=np.int64),
            "flag": np.array(True), "f32": np.float32([1.5, -2.0]), "name": np.array(["a", "bc"])}


def test_shard_round_trip_keeps_values_dtypes_and_shapes(tmp_path, cell):
    p = write_shard(shard_path(tmp_path, cell), cell, _arrays())
    got = read_shard(p, cell)
    assert set(got) == set(_arrays())
    for k, v in _arrays().items():
        assert got[k].dtype == v.dtype and got[k].shape == v.shape
        np.testing.assert_array_equal(got[k], v)
    assert shard_is_valid(p, cell)
    assert [q.name for q in tmp_path.rglob("*")] == ["shards", p.name]  # no temporary file left


def test_shards_are_byte_deterministic(tmp_path, cell):
    a = write_shard(tmp_path / "a.npz", cell, _arrays()).read_bytes()
    b = write_shard(tmp_path / "b.npz", cell, dict(reversed(list(_arrays().items())))).read_bytes()
    assert a == b


def test_save_shard_writes_the_encoded_bytes_and_returns_the_arrays_checksum(tmp_path, cell):
    data, digest = encode_shard(cell, _arrays())
    assert digest == checksum(_arrays()) and len(digest) == 64
    assert save_shard(tmp_path / "s.npz", cell, _arrays()) == digest
    assert (tmp_path / "s.npz").read_bytes() == data == write_shard(tmp_path / "w.npz", cell, _arrays()).read_bytes()
    assert checksum(read_shard(tmp_path / "s.npz", cell)) == digest
    assert sorted(q.name for q in tmp_path.iterdir()) == ["s.npz", "w.npz"]  # no temporary file left


def test_checksum_sees_dtype_shape_and_values():
    x = np.arange(6, dtype=np.int64)
    ref = checksum({"x": x})
    assert checksum({"x": x.reshape(2, 3)}) != ref
    assert checksum({"x": x.view(np.float64)}) != ref
    assert checksum({"x": x + (np.arange(6) == 5)}) != ref
    assert checksum({"y": x}) != ref
    assert checksum({"x": x.copy()}) == ref


def _rewrite_entry(src, dst, name, array):
    """Copy the zip ``src`` to ``dst`` with entry ``name`` replaced, keeping ``__meta__``."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == f"{name}.npy":
                buf = io.BytesIO()
                np.lib.format.write_array(buf, array)
                data = buf.getvalue()
            zout.writestr(info.filename, data)


def test_changed_values_fail_the_checksum(tmp_path, cell):
    p = write_shard(tmp_path / "a.npz", cell, _arrays())
    bad = _arrays()["pseudo"].copy()
    bad[1, 2] += 1e-12
    _rewrite_entry(p, tmp_path / "b.npz", "pseudo", bad)
    with pytest.raises(ShardError, match="checksum"):
        read_shard(tmp_path / "b.npz", cell)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "garbage"])
def test_damaged_shards_do_not_validate(tmp_path, cell, damage):
    p = write_shard(tmp_path / "a.npz", cell, _arrays())
    data = bytearray(p.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    elif damage == "flip":
        data[len(data) // 3] ^= 0xFF
    elif damage == "empty":
        data = bytearray()
    else:
        data = bytearray(b"not a zip file" * 10)
    p.write_bytes(bytes(data))
    with pytest.raises(ShardError):
        read_shard(p, cell)
    assert not shard_is_valid(p, cell)


def test_a_shard_of_another_cell_does_not_validate(tmp_path, cell):
    other = SQRT.cells("quick")[1]
    p = write_shard(tmp_path / "a.npz", other, _arrays())
    assert read_shard(p)  # valid on its own
    with pytest.raises(ShardError, match="expected"):
        read_shard(p, cell)


@pytest.mark.parametrize("arrays", [{"x": np.array([object()])}, {"__meta__": np.zeros(2)}, {"": np.zeros(1)},
                                    {"a/b": np.zeros(1)}])
def test_arrays_the_store_cannot_hold_are_refused(tmp_path, cell, arrays):
    with pytest.raises(StoreError):
        write_shard(tmp_path / "a.npz", cell, arrays)
    assert not list(tmp_path.iterdir())


def test_failed_atomic_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    p = write_bytes_atomic(tmp_path / "f.bin", b"old")
    with pytest.raises(TypeError):
        write_bytes_atomic(p, "not bytes")
    assert p.read_bytes() == b"old" and [q.name for q in tmp_path.iterdir()] == ["f.bin"]


def test_manifest_records_provenance_and_every_cell(tmp_path):
    run_experiment(SQRT, tmp_path, "quick", workers=1, progress=False)
    m = read_manifest(experiment_dir(tmp_path, SQRT.id, "quick"))
    prov = m["provenance"]
    for key in ("theorylab", "git", "python", "packages", "cpu", "host"):
        assert key in prov
    assert {"numpy", "scipy", "numba", "llvmlite", "cvxpy"} <= set(prov["packages"])
    assert prov["packages"]["numpy"] == np.__version__
    assert set(prov["git"]) == {"commit", "dirty"}
    assert m["root_seed"] == SQRT.root_seed and m["n_seeds"] == 3 and m["status"] == "complete"
    assert m["started"] <= m["finished"]
    cells = SQRT.cells("quick")
    assert sorted(m["cells"]) == sorted(c.key for c in cells) and len(m["cells"]) == len(cells)
    for c in cells:
        entry = m["cells"][c.key]
        assert entry["config"] == json.loads(json.dumps(c.identity())) and entry["status"] == "done"


def test_load_results_names_the_command_when_results_are_missing(tmp_path):
    with pytest.raises(MissingResultsError) as e:
        load_results(tmp_path, SQRT, "quick")
    assert f"theorylab run synth/sqrt --quick --out {tmp_path}" in str(e.value)
    run_experiment(SQRT, tmp_path, "quick", n_seeds=2, workers=1, progress=False)
    assert len(load_results(tmp_path, SQRT, "quick").cells) == 2 * 2 * 2
    shard_path(experiment_dir(tmp_path, SQRT.id, "quick"), SQRT.cells("quick", 2)[3]).unlink()
    with pytest.raises(MissingResultsError) as e:
        load_results(tmp_path, SQRT, "quick")
    assert "1 of 8 cells" in str(e.value)
    assert str(e.value).endswith(f"theorylab run synth/sqrt --quick --seeds 2 --out {tmp_path}")


def test_run_command_quotes_paths():
    assert run_command(SQRT, "full", "my results") == "theorylab run synth/sqrt --out 'my results'"


def test_json_is_strict_and_knows_numpy_values(tmp_path):
    obj = {"b": np.bool_(True), "f": np.float32(0.5), "nan": float("nan"), "inf": np.float64(np.inf),
           "t": (1, np.int64(2)), "a": np.arange(2), "p": tmp_path, 3: "key"}
    assert json.loads(dumps(obj)) == {"b": True, "f": 0.5, "nan": None, "inf": None, "t": [1, 2], "a": [0, 1],
                                      "p": str(tmp_path), "3": "key"}
