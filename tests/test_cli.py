"""The ``theorylab`` command on the synthetic registry: outputs, exit statuses, error lines."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from theorylab import cli, report_tables

ROOT = Path(__file__).resolve().parents[1]
CHECK_KEYS = {"experiment", "algorithm", "bound", "citation", "kind", "passed", "slope", "slope_ci",
              "bound_slope", "max_ratio"}


def run(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def stored(tmp_path, synthetic_registry, capsys):
    """Quick results of both synthetic experiments under tmp_path/out."""
    out = tmp_path / "out"
    code, _, _ = run(capsys, "run", "all", "--quick", "--workers", "1", "--quiet", "--out", out)
    assert code == 0
    return out


def test_list_shows_experiments_tags_and_sizes(synthetic_registry, capsys):
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "synth/sqrt" in out and "synth/linear" in out and "synthetic,passing" in out
    assert "2x2x3=12" in out and "1x2x2=4" in out


def test_run_prints_a_summary_and_resumes(tmp_path, synthetic_registry, capsys):
    code, out, _ = run(capsys, "run", "passing", "--quick", "--workers", "1", "--seeds", "2", "--out", tmp_path)
    assert code == 0 and "synth/sqrt (quick): 8 cells, 8 computed, 0 resumed, 0 failed" in out
    code, out, _ = run(capsys, "run", "synth/sqrt", "--quick", "--workers", "1", "--seeds", "2", "--out", tmp_path)
    assert code == 0 and "0 computed, 8 resumed" in out


def test_run_exits_1_when_cells_fail(tmp_path, synthetic_registry, monkeypatch, capsys):
    monkeypatch.setenv("THEORYLAB_EXPERIMENTS_MODULE", "tests.sweep._synthetic:discover_every")
    code, _, err = run(capsys, "run", "synth/broken", "--quick", "--workers", "1", "--quiet", "--out", tmp_path)
    assert code == 1 and "RuntimeError: synthetic failure in cell" in err and "manifest.json" in err


def test_check_passes_on_sqrt_regret_and_fails_on_linear_regret(stored, capsys):
    code, out, _ = run(capsys, "check", "synth/sqrt", "--quick", "--out", stored)
    assert code == 0 and out.count("PASS") == 4 and "FAIL" not in out
    assert out.splitlines()[0].split() == ["experiment", "setting", "algorithm", "bound", "citation", "kind",
                                           "slope", "[CI]", "bound", "slope", "max", "ratio", "result"]
    code, out, _ = run(capsys, "check", "synth/linear", "--quick", "--out", stored)
    assert code == 1 and out.count("FAIL") == 4


def test_check_json_has_the_stable_keys(stored, capsys):
    code, out, _ = run(capsys, "check", "all", "--quick", "--json", "--out", stored)
    rows = json.loads(out)
    assert code == 1 and len(rows) == 8
    for r in rows:
        assert CHECK_KEYS <= set(r) and r["kind"] in ("bound", "rate") and len(r["slope_ci"]) == 2
    by_exp = {r["experiment"]: r for r in rows}
    assert by_exp["synth/sqrt"]["passed"] and not by_exp["synth/linear"]["passed"]
    assert by_exp["synth/linear"]["slope_ci"][0] > by_exp["synth/linear"]["bound_slope"]


def test_figures_are_drawn_from_stored_results(stored, capsys):
    code, out, _ = run(capsys, "figures", "all", "--quick", "--out", stored)
    assert code == 0
    for ext in ("png", "pdf", "json"):
        assert (stored / "figures" / f"synth_regret.{ext}").stat().st_size > 0
    assert str(stored / "figures" / "synth_regret.png") in out


def test_proofs_pass_write_json_and_fail_with_a_false_lemma(tmp_path, synthetic_registry, monkeypatch, capsys):
    code, out, _ = run(capsys, "proofs", "--json", "--out", tmp_path)
    reports = json.loads(out)
    assert code == 0 and [r["name"] for r in reports] == ["synth/CS"] and reports[0]["passed"]
    assert json.loads((tmp_path / "proofs" / "quick.json").read_text()) == reports
    again = json.loads(run(capsys, "proofs", "--json", "--out", tmp_path)[1])
    assert again == reports  # the lemma's rng is keyed by its name: same numbers
    monkeypatch.setenv("THEORYLAB_PROOFS_MODULE", "tests.sweep._synthetic:discover_lemmas_failing")
    code, out, _ = run(capsys, "proofs", "--full", "--json", "--out", tmp_path)
    false = {r["name"]: r for r in json.loads(out)}["synth/FALSE"]
    assert code == 1 and false["passed"] is False and false["worst_slack"] < 0 and false["n_cases"] == 100
    assert json.loads((tmp_path / "proofs" / "full.json").read_text())[1] == false


def test_reproduce_writes_claims_with_every_check_lemma_and_figure(tmp_path, synthetic_registry, capsys):
    code, out, _ = run(capsys, "reproduce", "--quick", "--workers", "1", "--quiet", "--out", tmp_path)
    claims = (tmp_path / "CLAIMS.md").read_text()
    assert code == 1 and f"wrote {tmp_path / 'CLAIMS.md'}" in out  # synth/linear fails its proven check
    assert "## Synthetic paper" in claims and "## Lemma checks" in claims and "synth/CS" in claims
    rows = [line for line in claims.splitlines() if line.startswith("| synth/") and "| rate |" in line]
    assert len(rows) == 8
    assert sum("| PASS |" in r for r in rows) == 4 and sum("| FAIL |" in r for r in rows) == 4
    assert all("(figures/synth_regret.png)" in r for r in rows)
    assert (tmp_path / "figures" / "synth_regret.pdf").is_file() and (tmp_path / "proofs" / "quick.json").is_file()


def test_reproduce_passes_when_every_claim_holds_on_1_or_2_workers(tmp_path, synthetic_registry, monkeypatch,
                                                                    capsys):
    monkeypatch.setenv("THEORYLAB_EXPERIMENTS_MODULE", "tests.sweep._synthetic:discover_sqrt")
    monkeypatch.setenv("THEORYLAB_FIGURES_MODULE", "tests.sweep._synthetic:discover_figures_sqrt")
    texts = []
    for workers in (1, 2):
        out_dir = tmp_path / f"w{workers}"
        code, out, _ = run(capsys, "reproduce", "--quick", "--workers", workers, "--out", out_dir)
        assert code == 0 and "all claims pass" in out and "analyses, figures and lemma checks" in out
        texts.append(((out_dir / "CLAIMS.md").read_text(), (out_dir / "proofs" / "quick.json").read_text()))
        assert (out_dir / "figures" / "synth_regret.png").is_file()
    assert "Overall: PASS" in texts[0][0] and "(figures/synth_regret.png)" in texts[0][0]
    assert texts[0] == texts[1]  # the pool gives the same report as the in-process run


@pytest.mark.parametrize("argv,needle", [
    (["run", "nope", "--quick"], "no experiment matches 'nope'"),
    (["check", "nope"], "no experiment matches 'nope'"),
    (["run", "all", "--bogus"], "unrecognized arguments: --bogus"),
    (["run", "all", "--seeds", "0"], "--seeds: expected a positive integer"),
    (["run", "all", "--workers", "two"], "--workers: expected a positive integer"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
    ([], "required: COMMAND"),
    (["check", "synth/sqrt", "--quick", "--out", "{tmp}/empty"], "theorylab run synth/sqrt --quick --out"),
    (["figures", "nope", "--out", "{tmp}"], "unknown figure 'nope'"),
    (["figures", "synth", "--quick", "--out", "{tmp}/empty"], "no results for synth/sqrt"),
    (["run", "synth/sqrt", "--quick", "--out", "{tmp}/file/sub"], "cannot write results to"),
])
def test_bad_input_is_one_line_on_stderr_and_exit_2(tmp_path, synthetic_registry, capsys, argv, needle):
    (tmp_path / "file").write_text("a file, not a folder")
    code, out, err = run(capsys, *[a.replace("{tmp}", str(tmp_path)) for a in argv])
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("theorylab") and needle in err
    assert "Traceback" not in err


def test_the_real_command_exits_2_without_traceback(tmp_path, synthetic_registry):
    r = subprocess.run([sys.executable, "-m", "theorylab", "check", "synth/nope", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and r.stdout == "" and r.stderr.count("\n") == 1
    assert "no experiment matches 'synth/nope'" in r.stderr


def test_a_broken_registry_is_one_line(synthetic_registry, monkeypatch, capsys):
    monkeypatch.setenv("THEORYLAB_EXPERIMENTS_MODULE", "tests.sweep._no_such_module")
    code, _, err = run(capsys, "list")
    assert code == 2 and err.count("\n") == 1 and "ModuleNotFoundError" in err


def test_missing_repository_root_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("THEORYLAB_EXPERIMENTS_MODULE", raising=False)
    monkeypatch.setattr(cli, "__file__", str(tmp_path / "site" / "theorylab" / "cli.py"))
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "list")
    assert code == 2 and "cannot find the theorylab repository root" in err


def test_help_exits_0(capsys):
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "reproduce" in out and "bench" in out


def _bench_json(t_theorylab, t_reference, target):
    return {"benchmarks": [
        {"group": "bi", "name": "a", "stats": {"mean": t_theorylab}, "extra_info": {"role": "theorylab", "target": target}},
        {"group": "bi", "name": "b", "stats": {"mean": t_reference}, "extra_info": {"role": "reference"}},
        {"group": "lonely", "name": "c", "stats": {"mean": 1.0}, "extra_info": {"role": "theorylab"}}]}


def test_bench_rows_compute_ratio_target_and_previous():
    rows = {r["group"]: r for r in report_tables.bench_rows(_bench_json(0.5, 2.0, 3.0), previous=_bench_json(1.0, 2.0, 3.0))}
    assert rows["bi"]["ratio"] == pytest.approx(4.0) and rows["bi"]["ok"] is True
    assert rows["bi"]["previous"] == pytest.approx(2.0)
    assert rows["lonely"]["ratio"] is None and rows["lonely"]["ok"] is None
    below = report_tables.bench_rows(_bench_json(1.0, 2.0, 3.0))[0]
    assert below["ok"] is False and "below" in report_tables.format_bench([below])


BENCH_FILE = '''
def work(n):
    return sum(i * i for i in range(n))

def test_fast(benchmark):
    benchmark.group = "squares"
    benchmark.extra_info.update(role="theorylab", target=1.5)
    benchmark.pedantic(work, args=(1000,), rounds=5, iterations=1)

def test_slow(benchmark):
    benchmark.group = "squares"
    benchmark.extra_info["role"] = "reference"
    benchmark.pedantic(work, args=(20000,), rounds=5, iterations=1)
'''


def test_bench_runs_pytest_benchmark_and_prints_ratios(tmp_path, capfd):
    bench = tmp_path / "benchmarks"
    bench.mkdir()
    (bench / "bench_squares.py").write_text(BENCH_FILE)
    (tmp_path / "pytest.ini").write_text("[pytest]\npython_files = bench_*.py\n")
    code = cli.main(["bench", "--dir", str(bench), "--json", str(tmp_path / "b.json"), "--strict"])
    out = capfd.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("squares"))
    assert code == 0 and row.split()[-1] == "ok"
    data = json.loads((tmp_path / "b.json").read_text())
    assert report_tables.bench_rows(data)[0]["ratio"] > 1.5


def test_figures_select_a_group_by_prefix(stored, capsys, monkeypatch):
    monkeypatch.setenv("THEORYLAB_FIGURES_MODULE", "tests.sweep._synthetic:discover_figures_group")
    code, out, _ = run(capsys, "figures", "synth", "--quick", "--out", stored)
    assert code == 0 and out.count("synth_regret.png") == 2  # synth_a and synth_b, not "other"


def test_reproduce_from_another_folder_finds_the_clone(tmp_path, synthetic_registry):
    """The console script's sys.path holds neither the clone nor the cwd: reproduce must put
    the clone root on sys.path before importing proofs_check (a fresh-install regression)."""
    import os
    import subprocess
    import sys
    code = ("import sys; sys.path[:] = [p for p in sys.path if p not in ('', '.')]; "
            "from theorylab.cli import main; sys.exit(main(sys.argv[1:]))")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(THEORYLAB_EXPERIMENTS_MODULE="tests.sweep._synthetic:discover_sqrt",
               THEORYLAB_FIGURES_MODULE="tests.sweep._synthetic:discover_figures_sqrt")
    out = subprocess.run([sys.executable, "-c", code, "reproduce", "--quick", "--workers", "1", "--quiet",
                          "--out", str(tmp_path / "res")], cwd=tmp_path, env=env, capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert (tmp_path / "res" / "CLAIMS.md").is_file()
