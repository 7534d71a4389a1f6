"""The ``theorylab`` command: list | run | check | figures | proofs | reproduce | bench.

Experiments, figures and lemma checks live in the repository (``experiments/``,
``paper_figures/``, ``proofs_check/``), not in the installed package; the command finds the
repository root (the folder above the ``theorylab`` package when it holds ``experiments/``,
else the current folder) and puts it on ``sys.path``.  The environment variables
``THEORYLAB_EXPERIMENTS_MODULE``, ``THEORYLAB_FIGURES_MODULE`` and ``THEORYLAB_PROOFS_MODULE``
(``module`` or ``module:function``) name another registry, whose function (default
``discover``) returns ``{name: item}``; the tests use them.

Exit status: 0 success; 1 a proven check, a lemma or a cell failed; 2 bad input (unknown id,
bad flag, unwritable folder, missing results), printed as one line on stderr.
Heavy modules are imported inside the commands so that ``theorylab --help`` is instant and
spawned workers start without numpy loaded.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import traceback
from pathlib import Path

__all__ = ["main"]

_REGISTRIES = {"experiments": ("THEORYLAB_EXPERIMENTS_MODULE", "experiments"),
               "figures": ("THEORYLAB_FIGURES_MODULE", "paper_figures"),
               "lemmas": ("THEORYLAB_PROOFS_MODULE", "proofs_check")}
PROOFS_ROOT_SEED = 20240601


class CLIError(Exception):
    """Bad input: printed as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise CLIError(f"{self.prog}: error: {message} (see {self.prog} --help)")


def repo_root() -> Path:
    """The clone's root: holds ``experiments/``; added to ``sys.path``."""
    for cand in (Path(__file__).resolve().parent.parent, Path.cwd()):
        if (cand / "experiments").is_dir() and (cand / "experiments" / "__init__.py").is_file():
            if str(cand) not in sys.path:
                sys.path.insert(0, str(cand))
            return cand
    raise CLIError("cannot find the theorylab repository root (a folder with experiments/, paper_figures/ "
                   "and proofs_check/); run theorylab from the root of a clone")


def _discover(kind: str) -> dict:
    env, default = _REGISTRIES[kind]
    spec = os.environ.get(env) or default
    try:
        repo_root()
    except CLIError:
        if spec == default:  # another registry may live outside a clone
            raise
    module, _, attr = spec.partition(":")
    try:
        return dict(getattr(importlib.import_module(module), attr or "discover")())
    except Exception as e:
        if os.environ.get("THEORYLAB_DEBUG"):
            raise
        raise CLIError(f"cannot load the {kind} registry {spec!r}: {type(e).__name__}: {e} "
                       "(set THEORYLAB_DEBUG=1 for the traceback)") from None


def _select(selector: str) -> list:
    reg = _discover("experiments")
    if selector == "all":
        return list(reg.values())
    if selector in reg:
        return [reg[selector]]
    hits = [e for e in reg.values() if e.id.split("/")[0] == selector or selector in e.tags]
    if not hits:
        raise CLIError(f"no experiment matches {selector!r}; ids: {', '.join(reg) or '(none)'}"
                       " (or a group, a tag, all)")
    return hits


def _size(args) -> str:
    return "quick" if getattr(args, "quick", False) else "full"


def _cells_text(e, size: str) -> str:
    ns, na, nk = len(e.settings[size]), len(e.algorithms), int(e.seeds[size])
    return f"{ns}x{na}x{nk}={ns * na * nk}"


def cmd_list(args) -> int:
    """Print the registered experiments with tags and sizes."""
    from .report_tables import format_table
    reg = _discover("experiments")
    rows = [(e.id, ",".join(e.tags), e.paper, _cells_text(e, "quick"), _cells_text(e, "full")) for e in reg.values()]
    print(format_table(("experiment", "tags", "paper", "quick cells", "full cells"), rows))
    print(f"\n{len(rows)} experiments; cells = settings x algorithms x seeds.")
    return 0


def _run(experiments, args, executor=None) -> list:
    from .sweep.runner import run_experiments
    summaries = run_experiments(experiments, args.out, _size(args), n_seeds=getattr(args, "seeds", None),
                                workers=args.workers, executor=executor, progress=not args.quiet,
                                retries=getattr(args, "retries", 0))
    for s in summaries:
        if not args.quiet:
            print(f"{s.experiment} ({s.size}): {s.total} cells, {s.computed} computed, {s.resumed} resumed, "
                  f"{len(s.failed)} failed in {s.seconds:.1f} s -> {s.directory}")
        for label, err in s.failed[:5]:
            print(f"failed: {label}: {err}", file=sys.stderr)
        if s.failed:
            print(f"{len(s.failed)} cells of {s.experiment} failed; tracebacks in {s.directory / 'manifest.json'}",
                  file=sys.stderr)
    return summaries


def cmd_run(args) -> int:
    """Run (or resume) the selected experiments and store their results."""
    experiments = _select(args.selector)
    if args.backend != "numpy":  # checked before any cell runs: a clear error without CuPy or a GPU
        from .backend import get_backend
        try:
            get_backend(args.backend)
        except RuntimeError as e:
            raise CLIError(str(e)) from None
    os.environ["THEORYLAB_BACKEND"] = args.backend  # read by the cell functions that batch
    if args.scheduler and args.engine != "dask":
        raise CLIError("--scheduler needs --engine dask")
    if args.engine == "local":
        summaries = _run(experiments, args)
    else:
        from .sweep.executor import open_executor
        try:
            ctx = open_executor("dask", scheduler=args.scheduler, workers=args.workers)
            with ctx as ex:
                summaries = _run(experiments, args, executor=ex)
        except RuntimeError as e:
            if "pip install" not in str(e):
                raise
            raise CLIError(str(e)) from None
    return 0 if all(s.ok for s in summaries) else 1


def _load(exp, out, size: str):
    from .sweep.store import load_results
    return load_results(out, exp, size)


def _analyse(exp, out, size: str) -> list:
    return list(exp.analyse(_load(exp, out, size)))


def cmd_check(args) -> int:
    """Analyse stored results; print the bound-check table or JSON; 1 if a proven check fails."""
    from .report_tables import CHECK_HEADERS, check_rows, format_table
    from .sweep.store import dumps
    checks = []
    for exp in _select(args.selector):
        checks += _analyse(exp, args.out, _size(args))
    if args.json:
        print(dumps([c.to_dict() for c in checks]))
    else:
        print(format_table(CHECK_HEADERS, check_rows(checks, citation_width=40)))
    return 1 if any(c.proven and not c.passed for c in checks) else 0


def _draw(name: str, out, size: str, reg: dict) -> list:
    """Draw figure ``name`` from the stored results of the experiments in ``reg`` it reads."""
    fig = _discover("figures")[name]
    missing = [e for e in fig.EXPERIMENTS if e not in reg]
    if missing:
        raise CLIError(f"figure {name} reads unknown experiment {missing[0]!r}")
    results = {e: _load(reg[e], out, size) for e in fig.EXPERIMENTS}
    return [Path(p) for p in fig.main(results, Path(out) / "figures")]


def cmd_figures(args) -> int:
    """Draw figures from stored results into <out>/figures/."""
    figs = _discover("figures")
    if args.name == "all":
        names = list(figs)
    elif args.name in figs:
        names = [args.name]
    else:  # a group prefix such as "lipschitz" selects every lipschitz_* figure
        names = [n for n in figs if n.startswith(args.name + "_")]
        if not names:
            raise CLIError(f"unknown figure {args.name!r}; figures: {', '.join(figs) or '(none)'}")
    reg = _discover("experiments")
    for name in names:
        for p in _draw(name, args.out, _size(args), reg):
            print(p)
    return 0


def _lemma(name: str, size: str):
    """Check lemma ``name`` with a random stream keyed by its name; a failed report if it raises."""
    import numpy as np

    repo_root()  # experiments/, paper_figures/, proofs_check/ live in the clone, not the wheel
    from proofs_check import LemmaReport

    from .rng import stable_hash
    rng = np.random.default_rng(np.random.SeedSequence(PROOFS_ROOT_SEED, spawn_key=(stable_hash(name),)))
    try:
        return _discover("lemmas")[name].check(rng, size)
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        return LemmaReport(name, "", "", "error", 0, float("nan"), False, f"{type(e).__name__}: {e}")


def _write_proofs(reports: list, out, size: str) -> None:
    from .sweep.store import StoreError, write_json_atomic
    try:
        write_json_atomic(Path(out) / "proofs" / f"{size}.json", [r.to_dict() for r in reports])
    except OSError as e:
        raise StoreError(f"cannot write to {out}: {e.strerror or e}") from None


def cmd_proofs(args) -> int:
    """Run every lemma check; write <out>/proofs/<size>.json; 1 if a lemma fails."""
    from .report_tables import LEMMA_HEADERS, format_table, lemma_rows
    from .sweep.store import dumps
    size = "full" if args.full else "quick"
    reports = [_lemma(name, size) for name in _discover("lemmas")]
    _write_proofs(reports, args.out, size)
    if args.json:
        print(dumps([r.to_dict() for r in reports]))
    else:
        print(format_table(LEMMA_HEADERS, lemma_rows(reports)))
    return 0 if all(r.passed for r in reports) else 1


def _job(kind: str, item, reg: dict, out, size: str) -> tuple:
    """One piece of ``reproduce`` after the sweeps (runs in a worker): ("ok", value) or ("error", line).

    ``item`` is an Experiment (analysis), a figure name or a lemma name; ``reg`` holds the
    experiments a figure reads, as the driver ran them.
    """
    from .sweep.store import StoreError
    try:
        if kind == "analysis":
            return "ok", _analyse(item, out, size)
        return "ok", _draw(item, out, size, reg) if kind == "figure" else _lemma(item, size)
    except (CLIError, StoreError) as e:
        return "error", f"{type(e).__name__}: {e}"
    except Exception as e:
        traceback.print_exc(file=sys.stderr)
        return "error", f"{type(e).__name__}: {e}"


def _jobs(executor, jobs: list, out, size: str, window: int) -> dict:
    from .sweep.executor import imap_unordered
    done = {}
    for (kind, item, *_), fut in imap_unordered(executor, _job, [(*j, out, size) for j in jobs], window):
        key = (kind, item.id if kind == "analysis" else item)
        try:
            done[key] = fut.result()
        except Exception as e:  # the pool itself failed
            done[key] = ("error", f"{type(e).__name__}: {e}")
    return done


def cmd_reproduce(args) -> int:
    """Run every experiment; analyse it, draw every figure, check every lemma in the pool; write CLAIMS.md and report.html."""
    import time

    repo_root()  # experiments/, paper_figures/, proofs_check/ live in the clone, not the wheel
    from proofs_check import LemmaReport

    from .report import ClaimsReport, ExperimentClaims, write_report
    from .sweep.executor import InlineExecutor, default_workers, local_executor
    from .sweep.store import provenance
    size, out, t0 = _size(args), args.out, time.perf_counter()
    experiments, figs, lemmas = _select("all"), _discover("figures"), _discover("lemmas")
    reg = {e.id: e for e in experiments}
    jobs = ([("figure", n, {e: reg[e] for e in f.EXPERIMENTS if e in reg}) for n, f in figs.items()]
            + [("lemma", n, {}) for n in lemmas] + [("analysis", e, {}) for e in experiments])
    with local_executor(args.workers) as ex:
        summaries = {s.experiment: s for s in _run(experiments, args, executor=ex)}
        t1 = time.perf_counter()
        window = 1 if isinstance(ex, InlineExecutor) else 2 * (args.workers or default_workers())
        done = _jobs(ex, jobs, out, size, window)
    made = {n: v for (k, n), (st, v) in done.items() if k == "figure" and st == "ok"}
    problems = [f"figure {n}: {v}" for (k, n), (st, v) in sorted(done.items()) if k == "figure" and st != "ok"]
    claims = []
    for exp in experiments:
        names = sorted(set(exp.figures) | {n for n, f in figs.items() if exp.id in f.EXPERIMENTS})
        files = tuple(os.path.relpath(p, out) for n in names for p in made.get(n, []) if p.suffix == ".png")
        issues = [f"cell {label}: {err}" for label, err in summaries[exp.id].failed]
        status, value = done["analysis", exp.id]
        if status != "ok":
            issues.append(f"analysis: {value}")
        claims.append(ExperimentClaims(exp.id, exp.paper, exp.description, tuple(value) if status == "ok" else (),
                                       files, tuple(issues)))
    reports = [v if st == "ok" else LemmaReport(n, "", "", "error", 0, float("nan"), False, v)
               for n in lemmas for st, v in [done["lemma", n]]]
    _write_proofs(reports, out, size)
    report = ClaimsReport(size, provenance(), tuple(claims), tuple(reports), tuple(problems))
    path, html_path = write_report(report, out), write_report(report, out, "html")
    if not args.quiet:
        print(f"sweeps {t1 - t0:.0f} s; analyses, figures and lemma checks {time.perf_counter() - t1:.0f} s")
    print(f"wrote {path} and {html_path} ({'all claims pass' if report.passed else 'some claims FAIL'})")
    return 0 if report.passed else 1


def cmd_bench(args) -> int:
    """Run the benchmarks with pytest-benchmark and print one ratio line per group."""
    import subprocess
    import tempfile

    from .report_tables import bench_rows, format_bench

    bench_dir = Path(args.dir) if args.dir else repo_root() / "benchmarks"
    if not bench_dir.is_dir():
        raise CLIError(f"no benchmarks folder at {bench_dir}")
    previous = None
    if args.compare:
        try:
            previous = json.loads(Path(args.compare).read_text())
        except (OSError, ValueError) as e:
            raise CLIError(f"cannot read --compare file {args.compare}: {e}") from None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.json) if args.json else Path(tmp) / "bench.json"
        cmd = [sys.executable, "-m", "pytest", str(bench_dir), "--benchmark-only", "--benchmark-enable",
               f"--benchmark-json={out}", "-q", "-p", "no:cacheprovider"]
        rc = subprocess.run(cmd, cwd=bench_dir.parent).returncode
        if rc != 0 or not out.is_file():
            why = "no benchmarks collected" if rc == 5 else "a benchmark failed"
            print(f"theorylab bench: pytest exited with status {rc} ({why} in {bench_dir})", file=sys.stderr)
            return 1
        rows = bench_rows(json.loads(out.read_text()), previous)
    print(format_bench(rows))
    return 1 if args.strict and any(r["ok"] is False for r in rows) else 0


def _positive(text: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if v < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return v


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="theorylab", description="Validate RL and online-learning theory with numbers.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    def add(name, fn, help_, out=True, quick=True):
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        if out:
            sp.add_argument("--out", default="theorylab-results", metavar="DIR",
                            help="results root (default: ./theorylab-results)")
        if quick:
            sp.add_argument("--quick", action="store_true", help="the quick size (default: full)")
        return sp

    add("list", cmd_list, "list experiments with tags and sizes", out=False, quick=False)
    sp = add("run", cmd_run, "run (or resume) experiments and store their results")
    sp.add_argument("selector", metavar="ID|GROUP|TAG|all")
    sp.add_argument("--seeds", type=_positive, help="number of seeds (default: the experiment's)")
    sp.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local process pool (default) or a Dask cluster (extra theorylab[dask])")
    sp.add_argument("--scheduler", metavar="ADDR", help="Dask scheduler, e.g. tcp://host:8786 "
                    "(default with --engine dask: a LocalCluster of --workers processes)")
    sp.add_argument("--retries", type=int, default=0, choices=range(0, 100), metavar="N",
                    help="run a failed cell up to N more times before recording it as failed (default 0)")
    sp.add_argument("--backend", choices=("numpy", "cupy"), default="numpy",
                    help="array backend of the sweeps that batch (cupy: needs a CUDA GPU)")
    for s in (sp, add("reproduce", cmd_reproduce, "run everything and write <out>/CLAIMS.md and <out>/report.html")):
        s.add_argument("--workers", type=_positive, help="worker processes (default: number of cores)")
        s.add_argument("--quiet", action="store_true", help="no progress bar or summaries")
    sp = add("check", cmd_check, "check stored results against the bounds")
    sp.add_argument("selector", metavar="ID|GROUP|TAG|all")
    sp.add_argument("--json", action="store_true", help="print a JSON list of checks")
    sp = add("figures", cmd_figures, "draw figures from stored results into <out>/figures/")
    sp.add_argument("name", nargs="?", default="all", metavar="NAME|GROUP|all")
    sp = add("proofs", cmd_proofs, "run the numerical lemma checks", quick=False)
    sp.add_argument("--full", action="store_true", help="the full size (default: quick)")
    sp.add_argument("--json", action="store_true", help="print a JSON list of lemma reports")
    sp = add("bench", cmd_bench, "run benchmarks/ and print speed ratios", out=False, quick=False)
    sp.add_argument("--compare", metavar="FILE", help="a previous --json file to compare ratios with")
    sp.add_argument("--json", metavar="FILE", help="keep pytest-benchmark's JSON here")
    sp.add_argument("--dir", metavar="DIR", help="benchmarks folder (default: <repo>/benchmarks)")
    sp.add_argument("--strict", action="store_true", help="exit 1 when a ratio is below its target")
    return p


def _fail(e: Exception) -> int:
    msg = str(e) if str(e).startswith("theorylab") else f"theorylab: error: {e}"
    print(" ".join(msg.split()), file=sys.stderr)
    return 2


def main(argv=None) -> int:
    """Entry point of the ``theorylab`` console script; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
    except CLIError as e:
        return _fail(e)
    except SystemExit as e:  # --help
        return int(e.code or 0)
    from .sweep.store import StoreError
    try:
        return args.func(args)
    except (CLIError, StoreError) as e:
        return _fail(e)
    except KeyboardInterrupt:
        print("theorylab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # e.g. `theorylab check --json | head`
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
