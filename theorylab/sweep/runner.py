"""Run an experiment's cells on an executor, streaming results into the store, with resume.

:func:`run_experiment` enumerates the cells of one experiment at one size, skips those whose
shard already validates (resume), sends the rest to an executor
(:mod:`theorylab.sweep.executor`), and writes each shard from the driver process as soon as
its cell completes.  A killed sweep therefore loses at most the cells in flight.  The
manifest records provenance, every cell's canonical config and key, and each cell's status
(``done``, ``failed`` with its traceback, or ``pending``).

Results are bit-identical for any number of workers and any cell order: a cell's random
streams depend only on its key (design rule 3) and shards are written deterministically.
"""
from __future__ import annotations

import os
import socket
import sys
import time
import traceback
import itertools
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence, TextIO

from .executor import InlineExecutor, default_workers, imap_unordered, local_executor
from .results import run_cell
from .spec import Cell, Experiment
from .store import (StoreError, clean_temporaries, experiment_dir, now, provenance, read_manifest,
                    shard_is_valid, shard_path, write_json_atomic, write_shard)

__all__ = ["Progress", "RunSummary", "run_experiment", "run_experiments"]

_MANIFEST_EVERY_S = 2.0


def _fmt_time(seconds: float) -> str:
    s = int(round(seconds))
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """A one-line progress bar: cells done/total, elapsed time and ETA, on a terminal only.

    Parameters
    ----------
    total : int, number of cells
    label : str, shown before the bar
    done : int, cells already done when the bar starts (resumed; not used for the ETA)
    stream : text stream, default ``sys.stderr``
    enabled : bool, optional; default: whether ``stream`` is a TTY

    References
    ----------
    Design rule 8 (progress on stderr, off when not a TTY or with ``--quiet``).
    """

    def __init__(self, total: int, label: str = "", done: int = 0, stream: TextIO | None = None,
                 enabled: bool | None = None, clock=time.monotonic):
        self.total, self.label, self.done, self._start_done = int(total), label, int(done), int(done)
        self.stream = sys.stderr if stream is None else stream
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)()) if enabled is None else enabled
        self._clock = clock
        self._t0 = clock()
        self._last = -1.0
        self._draw(force=True)

    def line(self) -> str:
        """The current bar as text.

        References
        ----------
        Design rule 8.
        """
        elapsed = self._clock() - self._t0
        frac = self.done / self.total if self.total else 1.0
        bar = "#" * int(round(24 * frac))
        computed = self.done - self._start_done
        left = self.total - self.done
        eta = _fmt_time(elapsed / computed * left) if computed > 0 else ("0:00" if left == 0 else "?")
        return f"{self.label} [{bar:<24}] {self.done}/{self.total} cells  elapsed {_fmt_time(elapsed)}  ETA {eta}"

    def advance(self, n: int = 1) -> None:
        """Count ``n`` more cells done and redraw (at most ten times a second).

        References
        ----------
        Design rule 8.
        """
        self.done += n
        self._draw(force=self.done >= self.total)

    def close(self) -> None:
        """Finish the line.

        References
        ----------
        Design rule 8.
        """
        if self.enabled:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()

    def _draw(self, force: bool = False) -> None:
        t = self._clock()
        if self.enabled and (force or t - self._last >= 0.1):
            self._last = t
            self.stream.write("\r" + self.line() + "\x1b[K")
            self.stream.flush()


@dataclass(frozen=True)
class RunSummary:
    """What one :func:`run_experiment` call did.

    Attributes
    ----------
    experiment, size : str
    directory : pathlib.Path, ``<out>/<group>/<name>/<size>``
    total, computed, resumed : int, cells in the run, computed now, skipped (valid shard)
    failed : tuple of (cell label, last line of its error)
    seconds : float, wall time

    References
    ----------
    Design rule 7.
    """

    experiment: str
    size: str
    directory: Path
    total: int
    computed: int
    resumed: int
    failed: tuple = field(default=())
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Whether every cell has a valid shard.

        References
        ----------
        Design rule 7.
        """
        return not self.failed


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _compute(experiment: Experiment, cell: Cell) -> tuple:
    """Worker side: run one cell; ``("ok", arrays, seconds, worker)`` or ``("error", tb, seconds, worker)``."""
    t0 = time.perf_counter()
    try:
        return "ok", run_cell(cell, experiment), time.perf_counter() - t0, _worker_id()
    except Exception:
        return "error", traceback.format_exc(), time.perf_counter() - t0, _worker_id()


def _store_outcome(directory: Path, cell: Cell, fut, entry: dict) -> str | None:
    """Write the shard of a completed cell, record the attempt in its manifest entry; the error text or None."""
    worker = None
    try:
        status, payload, seconds, worker = fut.result()
        if status == "ok":
            write_shard(shard_path(directory, cell), cell, payload)
    except StoreError as e:  # arrays the store cannot hold: the cell's fault
        status, payload, seconds = "error", f"{type(e).__name__}: {e}", None
    except Exception:  # the executor could not run it (pickling, a dead worker) or the write failed
        status, payload, seconds = "error", traceback.format_exc(), None
    entry.update(status="done" if status == "ok" else "failed", seconds=seconds, finished=now())
    attempt = {"attempt": len(entry.setdefault("attempts", [])) + 1, "status": entry["status"],
               "seconds": seconds, "worker": worker, "finished": entry["finished"]}
    entry["attempts"].append(attempt)
    if status == "ok":
        entry.pop("error", None)
        return None
    attempt["error"] = payload.strip().splitlines()[-1] if payload.strip() else payload
    entry["error"] = payload
    return payload


class _RetryQueue:
    """An iterator over work items that can grow while it is consumed (failed cells go back in).

    Unlike a generator it may raise StopIteration and later yield again, which is what
    :func:`~theorylab.sweep.executor.imap_unordered` needs: it asks again after every completion.
    """

    def __init__(self, items):
        self._items = deque(items)

    def __iter__(self):
        return self

    def __next__(self):
        if not self._items:
            raise StopIteration
        return self._items.popleft()

    def put(self, item) -> None:
        self._items.append(item)


def _new_manifest(experiment: Experiment, size: str, n_seeds: int, cells: Sequence[Cell],
                  old: dict, engine: dict) -> dict:
    old_cells = old.get("cells", {}) if isinstance(old, dict) else {}
    entries = {}
    for c in cells:
        prev = old_cells.get(c.key, {})
        entries[c.key] = {"config": c.identity(), "label": c.label, "status": "pending",
                          "seconds": prev.get("seconds") if prev.get("status") == "done" else None,
                          "attempts": list(prev.get("attempts", []))}
    return {"schema": 1, "experiment": experiment.id, "description": experiment.description,
            "paper": experiment.paper, "size": size, "n_seeds": n_seeds, "root_seed": experiment.root_seed,
            "algorithms": list(experiment.algorithms), "engine": engine, "provenance": provenance(),
            "started": now(), "finished": None, "status": "running", "cells": entries}


def _prepare(directory: Path) -> dict:
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


def run_experiment(experiment: Experiment, out_dir, size: str = "quick", *, n_seeds: int | None = None,
                   executor=None, workers: int | None = None, cells: Sequence[Cell] | None = None,
                   progress: bool = True, retries: int = 0) -> RunSummary:
    """Compute every missing cell of ``experiment`` at ``size`` and store it under ``out_dir``.

    Parameters
    ----------
    experiment : Experiment
    out_dir : path-like, results root (``<out>`` in ``<out>/<group>/<name>/<size>``)
    size : {"quick", "full"}
    n_seeds : int, optional, overrides ``experiment.seeds[size]``
    executor : concurrent.futures.Executor, optional; default: :func:`local_executor` with
        ``workers`` workers, opened and closed by this call.  An executor with a ``warm``
        method (the Dask engine) computes the first missing cell through it before fan-out.
    workers : int, optional (default: number of cores)
    cells : sequence of Cell, optional; run only these cells of the experiment, in this order
    progress : bool, show a progress bar on stderr when it is a terminal
    retries : int >= 0, how many times a failed cell is run again before it is recorded as
        failed; every attempt is listed under ``attempts`` in its manifest entry

    Returns
    -------
    RunSummary

    References
    ----------
    Design rules 3 and 7; ``shared/specs/ecosystem.md`` §2 and §5.
    """
    if retries < 0:
        raise ValueError(f"retries must be >= 0, got {retries!r}")
    if executor is None:
        with local_executor(workers) as ex:
            return run_experiment(experiment, out_dir, size, n_seeds=n_seeds, executor=ex, workers=workers,
                                  cells=cells, progress=progress, retries=retries)
    t0 = time.perf_counter()
    n = int(experiment.seeds[size] if n_seeds is None else n_seeds)
    all_cells = experiment.cells(size, n)
    known = {c.key for c in all_cells}
    run_cells = list(all_cells if cells is None else cells)
    if not {c.key for c in run_cells} <= known:
        raise ValueError(f"cells must be cells of {experiment.id} at size {size!r} with {n} seeds")
    directory = experiment_dir(out_dir, experiment.id, size)
    n_workers = 1 if isinstance(executor, InlineExecutor) else int(
        workers or getattr(executor, "n_workers", None) or getattr(executor, "_max_workers", None)
        or default_workers())
    manifest = _new_manifest(experiment, size, n, all_cells, _prepare(directory),
                             {"executor": type(executor).__name__, "workers": n_workers, "retries": retries})
    # in-process: stream cell by cell; else keep every worker fed while the driver writes shards
    window = 1 if isinstance(executor, InlineExecutor) else 4 * n_workers
    entries = manifest["cells"]
    invalid = 0
    for c in all_cells:
        path = shard_path(directory, c)
        if shard_is_valid(path, c):
            entries[c.key]["status"] = "done"
        elif path.exists():  # truncated or corrupt (checksum mismatch): recomputed below
            invalid += 1
    manifest["invalid_shards_recomputed"] = invalid
    todo = [c for c in run_cells if entries[c.key]["status"] != "done"]
    write_json_atomic(directory / "manifest.json", manifest)
    bar = Progress(len(run_cells), experiment.id, len(run_cells) - len(todo), enabled=None if progress else False)
    failed, last_write, write_cost = [], time.monotonic(), 0.0
    before = {c.key: len(entries[c.key]["attempts"]) for c in todo}  # attempts of earlier runs
    queue = _RetryQueue((experiment, c) for c in todo)
    outcomes = imap_unordered(executor, _compute, queue, window)
    if todo and hasattr(executor, "warm"):  # compile the kernels once, into the shared cache
        first = next(queue)
        outcomes = itertools.chain([(first, executor.warm(_compute, *first))], outcomes)
    try:
        for (_, cell), fut in outcomes:
            entry = entries[cell.key]
            error = _store_outcome(directory, cell, fut, entry)
            if error and len(entry["attempts"]) - before[cell.key] <= retries:
                queue.put((experiment, cell))
                continue
            if error:
                failed.append((cell.label, error.strip().splitlines()[-1]))
            bar.advance()
            if error or time.monotonic() - last_write > max(_MANIFEST_EVERY_S, 10 * write_cost):
                t_write = time.monotonic()  # large manifests: keep their rewriting under ~10% of the driver
                write_json_atomic(directory / "manifest.json", manifest)
                last_write = time.monotonic()
                write_cost = last_write - t_write
    finally:
        bar.close()
    done = sum(e["status"] == "done" for e in entries.values())
    manifest.update(finished=now(), status="complete" if done == len(entries) else "incomplete")
    write_json_atomic(directory / "manifest.json", manifest)
    return RunSummary(experiment.id, size, directory, len(run_cells), len(todo) - len(failed),
                      len(run_cells) - len(todo), tuple(failed), time.perf_counter() - t0)


def run_experiments(experiments: Sequence[Experiment], out_dir, size: str = "quick", *,
                    n_seeds: int | None = None, workers: int | None = None, executor=None,
                    progress: bool = True, retries: int = 0) -> list[RunSummary]:
    """:func:`run_experiment` for several experiments on one executor (one worker pool).

    References
    ----------
    Design rule 7.
    """
    if executor is None:
        with local_executor(workers) as ex:
            return run_experiments(experiments, out_dir, size, n_seeds=n_seeds, workers=workers,
                                   executor=ex, progress=progress, retries=retries)
    return [run_experiment(e, out_dir, size, n_seeds=n_seeds, executor=executor, workers=workers,
                           progress=progress, retries=retries) for e in experiments]
