"""The sweep manifest: creating, encoding and writing ``manifest.json`` (private helpers of the runner).

The manifest is strict JSON, indented at the top level with one line per cell entry: each
entry goes through the C JSON encoder, because an indented dump (the pure-Python encoder)
of a 10,000-cell manifest took about a second of the driver per rewrite.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np

from .spec import Cell, Experiment
from .store import StoreError, clean_temporaries, dumps, now, provenance, read_manifest, to_jsonable, write_bytes_atomic


def new_manifest(experiment: Experiment, size: str, n_seeds: int, cells: Sequence[Cell], keys: Sequence[str],
                 old: dict, engine: dict) -> dict:
    """A fresh manifest: every cell pending, keeping the attempts (and a done cell's checksum) of ``old``."""
    old_cells = old.get("cells", {}) if isinstance(old, dict) else {}
    entries = {}
    for c, key in zip(cells, keys):
        prev = old_cells.get(key, {})
        was_done = prev.get("status") == "done"
        entries[key] = {"config": c.identity(), "label": c.label, "status": "pending",
                        "seconds": prev.get("seconds") if was_done else None,
                        "attempts": list(prev.get("attempts", []))}
        if was_done and prev.get("sha256"):
            entries[key]["sha256"] = prev["sha256"]
    return {"schema": 1, "experiment": experiment.id, "description": experiment.description,
            "paper": experiment.paper, "size": size, "n_seeds": n_seeds, "root_seed": experiment.root_seed,
            "algorithms": list(experiment.algorithms), "engine": engine, "provenance": provenance(),
            "started": now(), "finished": None, "status": "running", "cells": entries}


def _json_default(obj):
    if isinstance(obj, (np.generic, np.ndarray)):
        return obj.tolist()
    if isinstance(obj, Path):
        return str(obj)
    raise TypeError(f"not JSON-serialisable: {type(obj).__name__}")


def encode_manifest(manifest: dict) -> bytes:
    """Strict JSON of ``manifest``, indented, with one line per cell entry.

    Each entry goes through the C JSON encoder (an indented dump of a 10,000-cell manifest
    runs the pure-Python encoder and took ~1 s of the driver); an entry it cannot encode
    strictly (a NaN in a setting) goes through :func:`~theorylab.sweep.store.dumps`'s conversion.
    """
    def line(entry):
        try:
            return json.dumps(entry, sort_keys=True, separators=(",", ":"), allow_nan=False, default=_json_default)
        except (TypeError, ValueError):
            return json.dumps(to_jsonable(entry), sort_keys=True, separators=(",", ":"), allow_nan=False)
    head = dumps({k: v for k, v in manifest.items() if k != "cells"})
    cells = ",\n".join(f"  {json.dumps(k)}: {line(e)}" for k, e in sorted(manifest["cells"].items()))
    cells = f"{{\n{cells}\n }}" if cells else "{}"
    return f'{head[:-2]},\n "cells": {cells}\n}}\n'.encode()


def write_manifest(directory: Path, manifest: dict) -> None:
    """Write ``<directory>/manifest.json`` atomically (fsynced: it is small and written rarely)."""
    write_bytes_atomic(directory / "manifest.json", encode_manifest(manifest))


def prepare(directory: Path) -> dict:
    """Create ``<directory>/shards``, delete temporaries of killed writes, check it is writable; the old manifest."""
    try:
        (directory / "shards").mkdir(parents=True, exist_ok=True)
        clean_temporaries(directory)
        probe = directory / ".write-probe.tmp"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise StoreError(f"cannot write results to {directory}: {e.strerror or e}") from None
    try:
        return read_manifest(directory)
    except StoreError:
        return {}
