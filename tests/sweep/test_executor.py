"""Executors: thread limits in pool workers, in-process execution for one worker, streaming."""
from __future__ import annotations

import os
from concurrent.futures import Future

import pytest

from theorylab.sweep.executor import InlineExecutor, imap_unordered, local_executor, open_executor
from tests.sweep._synthetic import thread_env


def test_pool_workers_are_other_processes_limited_to_one_thread():
    with local_executor(2) as ex:
        results = [f.result() for f in [ex.submit(thread_env) for _ in range(4)]]
    for pid, env, numba_threads in results:
        assert pid != os.getpid()
        assert set(env.values()) == {"1"} and numba_threads == 1


def test_one_worker_runs_in_this_process():
    with local_executor(1) as ex:
        assert isinstance(ex, InlineExecutor)
        assert ex.submit(thread_env).result()[0] == os.getpid()


def test_inline_executor_keeps_exceptions_in_the_future():
    f = InlineExecutor().submit(int, "not a number")
    with pytest.raises(ValueError):
        f.result()


def test_imap_unordered_streams_with_a_bounded_window():
    events = []

    def fn(i):
        events.append(f"run {i}")
        return i * i

    got = []
    for (i,), fut in imap_unordered(InlineExecutor(), fn, [(i,) for i in range(4)], window=1):
        events.append(f"got {i}")
        got.append(fut.result())
    assert events == ["run 0", "got 0", "run 1", "got 1", "run 2", "got 2", "run 3", "got 3"]
    assert got == [0, 1, 4, 9]


def test_imap_unordered_reports_a_failed_submit_as_that_item_s_outcome():
    class Broken(InlineExecutor):
        def submit(self, fn, /, *args, **kwargs):
            raise RuntimeError("pool is broken")
    out = list(imap_unordered(Broken(), abs, [(1,), (2,)], window=2))
    assert sorted(item for item, _ in out) == [(1,), (2,)]
    assert all(isinstance(f, Future) and isinstance(f.exception(), RuntimeError) for _, f in out)


@pytest.mark.parametrize("call", [lambda: local_executor(0).__enter__(), lambda: open_executor("nope"),
                                  lambda: list(imap_unordered(InlineExecutor(), abs, [], window=0))])
def test_bad_executor_arguments_raise(call):
    with pytest.raises(ValueError):
        call()
