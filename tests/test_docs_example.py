"""The worked example of docs/adding_an_experiment.md runs as written.

Code blocks headed ``# file: <path>`` are written into a scratch copy of the needed package
layout; the example's experiment is then run in memory and its checks must pass.
"""
import importlib
import re
import sys
from pathlib import Path

import numpy as np
import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "adding_an_experiment.md"


def _blocks():
    text = DOC.read_text()
    return re.findall(r"```python\n# file: (\S+)\n(.*?)```", text, flags=re.S)


def test_doc_has_the_five_files():
    assert {p for p, _ in _blocks()} == {
        "theorylab/algorithms/examples/hedge.py", "theorylab/algorithms/examples/bounds.py",
        "theorylab/algorithms/examples/tasks.py", "experiments/examples/hedge/analysis.py",
        "experiments/examples/hedge/spec.py"}


@pytest.fixture
def example_package(tmp_path, monkeypatch):
    root = tmp_path / "docex"
    for path, code in _blocks():
        path = path.replace("theorylab/algorithms/examples", "docex/algo").replace("experiments/examples/hedge", "docex/exp")
        f = tmp_path / path
        f.parent.mkdir(parents=True, exist_ok=True)
        code = code.replace("theorylab.algorithms.examples", "docex.algo")
        f.write_text(code)
    for d in (root, root / "algo", root / "exp"):
        (d / "__init__.py").touch()
    monkeypatch.syspath_prepend(str(tmp_path))
    yield
    for name in [m for m in sys.modules if m == "docex" or m.startswith("docex.")]:
        del sys.modules[name]


def test_documented_example_runs_and_its_bound_holds(example_package):
    hedge = importlib.import_module("docex.algo.hedge")
    spec = importlib.import_module("docex.exp.spec")
    losses = np.random.default_rng(0).random((50, 4))
    cfg = hedge.HedgeConfig(0.3)
    np.testing.assert_allclose(hedge.hedge(losses, cfg), hedge.hedge_numpy(losses, cfg), rtol=1e-12)
    with pytest.raises(ValueError, match="eta"):
        hedge.HedgeConfig(0.0)
    from theorylab.sweep import run_in_memory
    checks = spec.EXPERIMENT.analyse(run_in_memory(spec.EXPERIMENT, "quick"))
    assert checks and all(c.passed for c in checks)
    assert all(0 < c.max_ratio < 1 for c in checks)
