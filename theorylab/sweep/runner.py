"""Run an experiment's cells on an executor, streaming results into the store, with resume.

:func:`run_experiment` enumerates the cells of one experiment at one size, skips those whose
shard already validates (resume), and sends the rest to an executor
(:mod:`theorylab.sweep.executor`) in chunks of cells.  Each shard is stored through
:func:`~theorylab.sweep.store.save_shard` as soon as its cell completes: by the worker that
computed it on the local executors (it returns only the checksum, so the driver is not a
bottleneck), by the driver for the Dask engine (whose workers may not share the file system).
A killed sweep therefore loses at most the cells in flight.  The manifest records
provenance, every cell's canonical config, key and checksum, each cell's status (``done``,
``failed`` with its traceback, or ``pending``) and every attempt.

Results are bit-identical for any number of workers and any cell order: a cell's random
streams depend only on its key (design rule 3) and shards are written deterministically.
"""
from __future__ import annotations

import itertools
import os
import socket
import sys
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence, TextIO


from .executor import InlineExecutor, default_workers, imap_unordered, local_executor
from .results import run_cell
from .spec import Cell, Experiment
from ._manifest import new_manifest, prepare, write_manifest
from .store import ShardError, StoreError, checksum, experiment_dir, now, read_shard, save_shard, shard_is_valid, shard_path

__all__ = ["Progress", "RunSummary", "run_experiment", "run_experiments"]

_MANIFEST_EVERY_S = 5.0  # rewrite cadence during a run (resume reads the shards, not the manifest)
_MAX_CHUNK = 32


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


def _run_chunk(experiment: Experiment, cells: Sequence[Cell], directory: Path | None = None) -> list:
    """Worker side: run ``cells`` in order; one ``(status, payload, seconds, worker)`` per cell.

    With ``directory`` the worker stores each shard (:func:`save_shard`) as soon as its cell
    completes and the payload is the shard's checksum; without it the payload is the arrays
    and the driver stores them.  A failed cell's payload is its traceback; the others still run.
    """
    worker, out = _worker_id(), []
    for cell in cells:
        t0 = time.perf_counter()
        try:
            arrays = run_cell(cell, experiment)
            seconds = time.perf_counter() - t0
            out.append(("ok", arrays if directory is None else save_shard(shard_path(directory, cell), cell, arrays),
                        seconds, worker))
        except StoreError as e:  # arrays the store cannot hold: the cell's fault
            out.append(("error", f"{type(e).__name__}: {e}", time.perf_counter() - t0, worker))
        except Exception:
            out.append(("error", traceback.format_exc(), time.perf_counter() - t0, worker))
    return out


def _stored_checksum(directory: Path, cell: Cell) -> str | None:
    """The checksum of the cell's shard if it validates, else None."""
    try:
        return checksum(read_shard(shard_path(directory, cell), cell))
    except ShardError:
        return None


def _outcomes(directory: Path, cells: Sequence[Cell], fut, worker_writes: bool) -> list:
    """``(status, checksum or error text, seconds, worker)`` for each cell of a completed chunk.

    In driver mode the driver stores the shards here.  A chunk that did not complete (its
    worker died, its arguments did not pickle) fails all its cells, except those whose shard
    its worker had already stored: they validate, so they are done.
    """
    try:
        results = fut.result()
    except Exception:
        error = traceback.format_exc()
        return [("error", error, None, None) if not worker_writes or (digest := _stored_checksum(directory, c)) is None
                else ("ok", digest, None, None) for c in cells]
    out = []
    for cell, (status, payload, seconds, worker) in zip(cells, results):
        if status == "ok" and not worker_writes:
            try:
                payload = save_shard(shard_path(directory, cell), cell, payload)
            except StoreError as e:
                status, payload = "error", f"{type(e).__name__}: {e}"
            except Exception:  # the write failed (disk full, permissions)
                status, payload = "error", traceback.format_exc()
        out.append((status, payload, seconds, worker))
    return out


def _record(entry: dict, outcome: tuple) -> str | None:
    """Record one attempt of a cell in its manifest entry; the error text, or None when done."""
    status, payload, seconds, worker = outcome
    ok = status == "ok"
    entry.update(status="done" if ok else "failed", seconds=seconds, finished=now())
    attempt = {"attempt": len(entry.setdefault("attempts", [])) + 1, "status": entry["status"],
               "seconds": seconds, "worker": worker, "finished": entry["finished"]}
    entry["attempts"].append(attempt)
    if ok:
        entry["sha256"] = payload
        entry.pop("error", None)
        return None
    attempt["error"] = payload.strip().splitlines()[-1] if payload.strip() else payload
    entry["error"] = payload
    entry.pop("sha256", None)
    return payload


def _valid_shards(directory: Path, cells: Sequence[Cell], keys: Sequence[str]) -> tuple[set, int]:
    """The keys of the cells whose shard validates, and the number of shards that do not (recomputed)."""
    done, invalid = set(), 0
    stored = {e.name for e in os.scandir(directory / "shards")}  # one listing, not two stats per cell
    for c, key in zip(cells, keys):
        if f"{key}.npz" not in stored:  # the name shard_path gives
            continue
        if shard_is_valid(shard_path(directory, c), c):
            done.add(key)
        else:  # truncated or corrupt (checksum mismatch)
            invalid += 1
    return done, invalid


class _WorkQueue:
    """Chunks of cells to run, as ``(experiment, cells, directory)`` work items.

    Failed cells can be put back while it is consumed.  Unlike a generator it may raise
    StopIteration and later yield again, which is what
    :func:`~theorylab.sweep.executor.imap_unordered` needs: it asks again after every completion.
    """

    def __init__(self, experiment: Experiment, cells, chunksize: int, directory: Path | None):
        self._cells, self.experiment, self.chunksize, self.directory = deque(cells), experiment, chunksize, directory

    def __iter__(self):
        return self

    def __next__(self):
        if not self._cells:
            raise StopIteration
        chunk = tuple(self._cells.popleft() for _ in range(min(self.chunksize, len(self._cells))))
        return self.experiment, chunk, self.directory

    def put(self, cell: Cell) -> None:
        self._cells.append(cell)


def run_experiment(experiment: Experiment, out_dir, size: str = "quick", *, n_seeds: int | None = None,
                   executor=None, workers: int | None = None, cells: Sequence[Cell] | None = None,
                   progress: bool = True, retries: int = 0, worker_writes: bool | None = None,
                   chunksize: int | None = None) -> RunSummary:
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
    worker_writes : bool, optional; whether the process that computes a cell also stores its
        shard (the driver then only records its checksum) rather than sending the arrays to
        the driver.  Default: True for the local executors (:class:`InlineExecutor`,
        :class:`~concurrent.futures.ProcessPoolExecutor`: same file system), False otherwise
        (Dask workers may not see ``out_dir``).  The shard bytes are the same either way.
    chunksize : int >= 1, optional; cells per submitted task.  Default: 1 in process and when
        the driver writes; else ``len(missing) // (16 workers)`` clipped to [1, 32].

    Returns
    -------
    RunSummary

    References
    ----------
    Design rules 3 and 7; ``shared/specs/ecosystem.md`` §2 and §5.
    """
    if retries < 0:
        raise ValueError(f"retries must be >= 0, got {retries!r}")
    if chunksize is not None and int(chunksize) < 1:
        raise ValueError(f"chunksize must be >= 1, got {chunksize!r}")
    if executor is None:
        with local_executor(workers) as ex:
            return run_experiment(experiment, out_dir, size, n_seeds=n_seeds, executor=ex, workers=workers,
                                  cells=cells, progress=progress, retries=retries, worker_writes=worker_writes,
                                  chunksize=chunksize)
    t0 = time.perf_counter()
    n = int(experiment.seeds[size] if n_seeds is None else n_seeds)
    all_cells = experiment.cells(size, n)
    all_keys = [c.key for c in all_cells]  # computed once: a key is a SHA-256 of canonical JSON
    run_cells = all_cells if cells is None else list(cells)
    key_of = {id(c): k for c, k in zip(all_cells, all_keys)} if cells is None else {id(c): c.key for c in run_cells}
    if not set(key_of.values()) <= set(all_keys):
        raise ValueError(f"cells must be cells of {experiment.id} at size {size!r} with {n} seeds")
    directory = experiment_dir(out_dir, experiment.id, size)
    inline = isinstance(executor, InlineExecutor)
    n_workers = 1 if inline else int(workers or getattr(executor, "n_workers", None)
                                     or getattr(executor, "_max_workers", None) or default_workers())
    worker_writes = (inline or isinstance(executor, ProcessPoolExecutor)) if worker_writes is None else bool(worker_writes)
    old = prepare(directory)
    done, invalid = _valid_shards(directory, all_cells, all_keys)
    todo = [c for c in run_cells if key_of[id(c)] not in done]
    if chunksize is None:
        chunksize = 1 if inline or not worker_writes else max(1, min(_MAX_CHUNK, len(todo) // (16 * n_workers)))
    engine = {"executor": type(executor).__name__, "workers": n_workers, "retries": retries,
              "shards_written_by": "worker" if worker_writes else "driver", "chunksize": int(chunksize)}
    manifest = new_manifest(experiment, size, n, all_cells, all_keys, old, engine)
    entries = manifest["cells"]
    for key in done:
        entries[key]["status"] = "done"
    manifest["invalid_shards_recomputed"] = invalid
    write_manifest(directory, manifest)
    bar = Progress(len(run_cells), experiment.id, len(run_cells) - len(todo), enabled=None if progress else False)
    failed, last_write, write_cost = [], time.monotonic(), 0.0
    before = {key_of[id(c)]: len(entries[key_of[id(c)]]["attempts"]) for c in todo}  # attempts of earlier runs
    queue = _WorkQueue(experiment, todo, chunksize, directory if worker_writes else None)
    # in-process: stream cell by cell; else keep every worker fed while the driver records
    outcomes = imap_unordered(executor, _run_chunk, queue, 1 if inline else 4 * n_workers)
    if todo and hasattr(executor, "warm"):  # compile the kernels once, into the shared cache
        first = next(queue)
        outcomes = itertools.chain([(first, executor.warm(_run_chunk, *first))], outcomes)
    try:
        for (_, chunk, _), fut in outcomes:
            force = False
            for cell, outcome in zip(chunk, _outcomes(directory, chunk, fut, worker_writes)):
                key = key_of[id(cell)]
                error = _record(entries[key], outcome)
                if error and len(entries[key]["attempts"]) - before[key] <= retries:
                    queue.put(cell)
                    continue
                if error:
                    failed.append((cell.label, error.strip().splitlines()[-1]))
                force = force or bool(error)
                bar.advance()
            since = time.monotonic() - last_write  # a failure is written at once, unless failures come in a flood
            if (force and since > 10 * write_cost) or since > max(_MANIFEST_EVERY_S, 20 * write_cost):
                t_write = time.monotonic()  # large manifests: keep their rewriting under ~5% of the driver
                write_manifest(directory, manifest)
                last_write = time.monotonic()
                write_cost = last_write - t_write
    finally:
        bar.close()
    n_done = sum(e["status"] == "done" for e in entries.values())
    manifest.update(finished=now(), status="complete" if n_done == len(entries) else "incomplete")
    write_manifest(directory, manifest)
    return RunSummary(experiment.id, size, directory, len(run_cells), len(todo) - len(failed),
                      len(run_cells) - len(todo), tuple(failed), time.perf_counter() - t0)


def run_experiments(experiments: Sequence[Experiment], out_dir, size: str = "quick", *,
                    n_seeds: int | None = None, workers: int | None = None, executor=None,
                    progress: bool = True, retries: int = 0, worker_writes: bool | None = None,
                    chunksize: int | None = None) -> list[RunSummary]:
    """:func:`run_experiment` for several experiments on one executor (one worker pool).

    References
    ----------
    Design rule 7.
    """
    if executor is None:
        with local_executor(workers) as ex:
            return run_experiments(experiments, out_dir, size, n_seeds=n_seeds, workers=workers, executor=ex,
                                   progress=progress, retries=retries, worker_writes=worker_writes,
                                   chunksize=chunksize)
    return [run_experiment(e, out_dir, size, n_seeds=n_seeds, executor=executor, workers=workers,
                           progress=progress, retries=retries, worker_writes=worker_writes, chunksize=chunksize)
            for e in experiments]
