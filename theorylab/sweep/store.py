"""The results store: one compressed ``.npz`` shard per cell plus a JSON manifest.

Layout (design rule 7)::

    <out>/<group>/<name>/<size>/manifest.json
    <out>/<group>/<name>/<size>/shards/<cell key>.npz

A shard holds the cell's arrays and a ``__meta__`` entry: the canonical JSON of the cell's
identity, its key, and a SHA-256 checksum over the arrays (name, dtype, shape and bytes of
each, in name order).  Shards are written byte-deterministically (fixed zip timestamps), so
the same cell gives the same file on any number of workers and in any order.  Every write
is atomic: a temporary file in the same directory, then :func:`os.replace`.

A shard *validates* when it opens, its checksum matches its arrays and its identity is the
expected cell's; a sweep resumes by skipping cells whose shard validates (a truncated or
corrupt shard is recomputed).  :func:`load_results` turns a stored sweep back into a
:class:`~theorylab.sweep.results.ResultSet`.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
import zipfile
from pathlib import Path
from typing import Mapping

import numpy as np

from .results import ResultSet
from .provenance import now, provenance, run_command  # re-exported: part of the store's API
from .spec import Cell, Experiment, canonical_json

__all__ = ["StoreError", "ShardError", "MissingResultsError", "DEFAULT_OUT", "experiment_dir",
           "shard_path", "checksum", "encode_shard", "save_shard", "write_shard", "read_shard",
           "shard_is_valid", "write_bytes_atomic", "write_json_atomic", "to_jsonable", "dumps",
           "read_manifest", "provenance", "now", "run_command", "load_results", "clean_temporaries"]

DEFAULT_OUT = "theorylab-results"
META = "__meta__"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class StoreError(Exception):
    """A problem with stored results (unreadable, unwritable or missing).

    References
    ----------
    Design rule 7 (``shared/design.md``).
    """


class ShardError(StoreError):
    """A shard that does not validate: unreadable, truncated, wrong checksum or wrong cell.

    References
    ----------
    Design rule 7 (``shared/design.md``).
    """


class MissingResultsError(StoreError):
    """Results that were never computed; the message names the ``theorylab run`` command.

    References
    ----------
    Design rule 7 (``shared/design.md``).
    """


def experiment_dir(out_dir, experiment_id: str, size: str) -> Path:
    """The folder ``<out>/<group>/<name>/<size>`` of one experiment at one size.

    References
    ----------
    ``docs/architecture.md`` (results on disk).
    """
    group, name = experiment_id.split("/")
    return Path(out_dir) / group / name / size


def shard_path(directory, cell: Cell) -> Path:
    """``<directory>/shards/<cell.key>.npz``.

    References
    ----------
    ``docs/architecture.md`` (results on disk).
    """
    return Path(directory) / "shards" / f"{cell.key}.npz"


def checksum(arrays: Mapping[str, np.ndarray]) -> str:
    """SHA-256 over ``(name, dtype, shape, C-order bytes)`` of every array, in name order.

    References
    ----------
    ``shared/specs/ecosystem.md`` §5 (shards that validate).
    """
    h = hashlib.sha256()
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(canonical_json([name, a.dtype.str, list(a.shape)]).encode())
        h.update(a.tobytes())
    return h.hexdigest()


def _check_arrays(arrays: Mapping) -> dict:
    out = {}
    for name, value in arrays.items():
        if not isinstance(name, str) or not name or name == META or "/" in name:
            raise StoreError(f"array name {name!r} is not allowed in a shard")
        a = np.asarray(value)
        if a.dtype.hasobject or a.dtype.kind not in "biufcU":
            raise StoreError(f"array {name!r} has dtype {a.dtype}; shards hold numeric, bool or str arrays")
        out[name] = a
    return out


def write_bytes_atomic(path, data: bytes, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``durable=True`` also fsyncs the file before the rename (survives an OS crash, not only
    a killed process).  Shards skip it: each carries a checksum that resume validates, so a
    shard torn by an OS crash is detected and recomputed, and the per-shard fsync (3-5 ms)
    was the driver's bottleneck on large sweeps.

    References
    ----------
    Design rule 7 (atomic writes: temp file + :func:`os.replace`).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def to_jsonable(obj):
    """``obj`` with numpy scalars and arrays as Python values, tuples and paths as lists and
    strings, and NaN or infinite floats as None (strict JSON).

    References
    ----------
    RFC 8259 (JSON has no NaN or Infinity).
    """
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return to_jsonable(obj.tolist())
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    if isinstance(obj, Path):
        return str(obj)
    return obj


def dumps(obj) -> str:
    """Indented, key-sorted strict JSON of :func:`to_jsonable` ``(obj)``.

    References
    ----------
    RFC 8259.
    """
    return json.dumps(to_jsonable(obj), indent=1, sort_keys=True, allow_nan=False)


def write_json_atomic(path, obj) -> Path:
    """Write ``obj`` as :func:`dumps` JSON to ``path`` atomically.

    References
    ----------
    Design rule 7 (temp file in the same directory + rename).
    """
    return write_bytes_atomic(path, (dumps(obj) + "\n").encode())


def encode_shard(cell: Cell, arrays: Mapping[str, np.ndarray]) -> tuple[bytes, str]:
    """The bytes of the shard of ``cell`` (a compressed, checksummed ``.npz``) and its checksum.

    The only encoder of shards: the same cell and arrays give the same bytes in any process.

    Parameters
    ----------
    cell : Cell
    arrays : mapping name -> ndarray (numeric, bool or str; any shapes)

    Returns
    -------
    (bytes, str), the file's bytes and :func:`checksum` of the arrays (64 hex digits)

    References
    ----------
    Design rule 7; ``shared/specs/ecosystem.md`` §5.
    """
    arrays = _check_arrays(arrays)
    digest = checksum(arrays)
    meta = {"key": cell.key, "identity": cell.identity(), "sha256": digest,
            "arrays": {n: [a.dtype.str, list(a.shape)] for n, a in sorted(arrays.items())}}
    items = dict(arrays)
    items[META] = np.array(canonical_json(meta))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(items):
            npy = io.BytesIO()
            np.lib.format.write_array(npy, items[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, npy.getvalue())
    return buf.getvalue(), digest


def save_shard(path, cell: Cell, arrays: Mapping[str, np.ndarray]) -> str:
    """Write the shard of ``cell`` to ``path`` atomically; return its checksum.

    :func:`encode_shard` then :func:`write_bytes_atomic` without fsync (the checksum
    detects a shard torn by an OS crash).  The driver and the workers both store shards
    through this function, so a shard's bytes do not depend on which process wrote it.

    Parameters
    ----------
    path : path-like, ``shard_path(directory, cell)``
    cell : Cell
    arrays : mapping name -> ndarray

    Returns
    -------
    str, the SHA-256 :func:`checksum` recorded in the shard (64 hex digits)

    References
    ----------
    Design rule 7 (temp file in the same directory + :func:`os.replace`).
    """
    data, digest = encode_shard(cell, arrays)
    write_bytes_atomic(path, data, durable=False)
    return digest


def write_shard(path, cell: Cell, arrays: Mapping[str, np.ndarray]) -> Path:
    """Write the arrays of ``cell`` to ``path`` as a compressed, checksummed ``.npz``.

    Parameters
    ----------
    path : path-like, ``shard_path(directory, cell)``
    cell : Cell
    arrays : mapping name -> ndarray (numeric, bool or str; any shapes)

    Returns
    -------
    pathlib.Path

    References
    ----------
    Design rule 7; ``shared/specs/ecosystem.md`` §5.
    """
    save_shard(path, cell, arrays)
    return Path(path)


def read_shard(path, cell: Cell | None = None) -> dict:
    """The arrays of a shard after validating it; :class:`ShardError` when it does not validate.

    Parameters
    ----------
    path : path-like
    cell : Cell, optional; when given, the shard must hold this cell.

    Returns
    -------
    dict name -> ndarray

    References
    ----------
    Design rule 7 (resume skips cells whose shard exists and validates).
    """
    try:
        with np.load(path, allow_pickle=False) as f:
            meta = json.loads(str(f[META][()]))
            arrays = {n: f[n] for n in f.files if n != META}
    except Exception as e:  # zipfile, zlib, OSError, ValueError, KeyError: all mean "invalid"
        raise ShardError(f"{path}: unreadable shard ({type(e).__name__}: {e})") from None
    if checksum(arrays) != meta.get("sha256"):
        raise ShardError(f"{path}: checksum mismatch")
    if cell is not None and (meta.get("key") != cell.key
                             or canonical_json(meta.get("identity")) != canonical_json(cell.identity())):
        raise ShardError(f"{path}: holds cell {meta.get('key')}, expected {cell.key}")
    return arrays


def shard_is_valid(path, cell: Cell | None = None) -> bool:
    """Whether ``path`` exists and :func:`read_shard` accepts it.

    References
    ----------
    Design rule 7.
    """
    if not Path(path).is_file():
        return False
    try:
        read_shard(path, cell)
    except ShardError:
        return False
    return True


def read_manifest(directory) -> dict:
    """The manifest of a stored sweep; :class:`MissingResultsError` when there is none.

    References
    ----------
    ``shared/specs/ecosystem.md`` §5 (manifest fields).
    """
    p = Path(directory) / "manifest.json"
    try:
        return json.loads(p.read_text())
    except FileNotFoundError:
        raise MissingResultsError(f"no manifest at {p}") from None
    except (OSError, ValueError) as e:
        raise StoreError(f"{p}: unreadable manifest ({e})") from None


def load_results(out_dir, experiment: Experiment, size: str = "quick") -> ResultSet:
    """Load the stored results of ``experiment`` at ``size`` from ``out_dir``.

    The cells are those of the last run recorded in the manifest (its seed count); each shard
    must validate.  Results that are missing, incomplete or stale (the experiment's settings
    changed since the run) raise :class:`MissingResultsError` naming the command to run.

    Returns
    -------
    ResultSet

    References
    ----------
    Design rules 6 and 7.
    """
    directory = experiment_dir(out_dir, experiment.id, size)
    try:
        n_seeds = int(read_manifest(directory)["n_seeds"])
    except MissingResultsError:
        raise MissingResultsError(f"no results for {experiment.id} ({size}) in {directory}; "
                                  f"run: {run_command(experiment, size, out_dir)}") from None
    cells = tuple(experiment.cells(size, n_seeds))
    arrays, missing = {}, 0
    for c in cells:
        try:
            arrays[c.key] = read_shard(shard_path(directory, c), c)
        except ShardError:
            missing += 1
    if missing:
        raise MissingResultsError(f"{missing} of {len(cells)} cells of {experiment.id} ({size}) are missing "
                                  f"or invalid in {directory}; run: {run_command(experiment, size, out_dir, n_seeds)}")
    return ResultSet(experiment, size, cells, arrays)


def clean_temporaries(directory) -> int:
    """Remove temporary files left by interrupted atomic writes under ``directory``.

    References
    ----------
    Design rule 7 (a killed sweep loses at most the cells in flight).
    """
    n = 0
    for p in Path(directory).glob("**/.*.tmp"):
        p.unlink(missing_ok=True)
        n += 1
    return n

