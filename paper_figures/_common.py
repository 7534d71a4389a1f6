"""Shared figure plumbing: style, deterministic saving, JSON sidecars."""
from __future__ import annotations

import json
import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

__all__ = ["plt", "new_figure", "save"]


def new_figure(ncols: int = 1, nrows: int = 1, width: float = 5.0, height: float = 3.6):
    """A figure with an ``nrows x ncols`` grid of axes (always a 2-D array of axes)."""
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False)
    return fig, axes


def _jsonable(x):
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_jsonable(v) for v in x]
    if isinstance(x, np.ndarray):
        return _jsonable(x.tolist())
    if isinstance(x, (np.floating, float)):
        return None if not np.isfinite(x) else float(x)
    if isinstance(x, np.integer):
        return int(x)
    return x


def save(fig, out_dir, name: str, data: dict) -> list[Path]:
    """Write ``name.png``, ``name.pdf`` and ``name.json`` (the plotted numbers) atomically.

    Metadata dates are fixed so the same data gives the same bytes.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext, meta in (("png", {"Software": "theorylab"}), ("pdf", {"Creator": "theorylab", "CreationDate": None})):
        p = out / f"{name}.{ext}"
        tmp = out / f".{name}.tmp.{ext}"
        fig.savefig(tmp, dpi=130 if ext == "png" else None, metadata=meta, bbox_inches="tight")
        os.replace(tmp, p)
        paths.append(p)
    p = out / f"{name}.json"
    tmp = out / f".{name}.json.tmp"
    tmp.write_text(json.dumps(_jsonable(data), indent=1, sort_keys=True))
    os.replace(tmp, p)
    paths.append(p)
    plt.close(fig)
    return paths
