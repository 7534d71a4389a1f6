"""robust/rho_profile: a registered experiment whose cells batch through theorylab.backend.

Quick run with every check passing; shards identical on numpy and array-api-strict; mutant
controls (a wrong radius in one batch entry) that make the matching check fail; config
errors; registration of the experiment and its figure.
"""
import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from theorylab.algorithms.robust import rho_profile as rp
from experiments.robust.rho_profile.analysis import analyse, profile_checks
from experiments.robust.rho_profile.spec import EXPERIMENT
from theorylab.rng import cell_streams
from theorylab.sweep import run_in_memory

QUICK = dict(EXPERIMENT.settings["quick"][0])


def _streams(seed=0):
    return cell_streams(0, EXPERIMENT.id, 0, seed)


def _by_name(checks):
    return {c.bound: c for c in checks}


def test_quick_run_passes_every_check_and_draws_the_figure(tmp_path):
    res = run_in_memory(EXPERIMENT, "quick")
    checks = analyse(res)
    assert len(checks) == 5 * len(res.settings)
    assert all(c.passed and c.proven and c.violations == 0 for c in checks), [c.detail for c in checks if not c.passed]
    B, R = QUICK["B"], len(QUICK["rhos"])
    assert {c.n_seeds for c in checks} == {2 * B, 2 * B * (R - 1), 2 * QUICK["n_verify"] * R}
    v = res.stacked(0, rp.ALGORITHM, "value")
    assert v.shape == (EXPERIMENT.seeds["quick"], B, R) and np.all(np.isfinite(v))
    assert np.ptp(v[:, :, 0]) > 0  # distinct instances, not one copied B times
    assert not np.array_equal(v[0], v[1])  # the seeds draw different batches

    from paper_figures import fig_robust_rho_profile as fig
    assert EXPERIMENT.id in fig.EXPERIMENTS and fig.NAME in EXPERIMENT.figures
    paths = fig.main({EXPERIMENT.id: res}, tmp_path)
    assert sorted(p.suffix for p in paths) == [".json", ".pdf", ".png"]
    meta = json.loads(paths[-1].read_text())
    assert meta["experiment"] == EXPERIMENT.id
    np.testing.assert_allclose(meta["panels"][0]["mean"], v.reshape(-1, R).mean(0))


def test_registered_with_the_other_experiments():
    from experiments import discover
    assert discover()[EXPERIMENT.id].run_cell is rp.run_cell
    assert all(s["B"] >= 1024 for s in EXPERIMENT.settings["full"])


def _strict_available():
    try:
        import array_api_strict  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.skipif(not _strict_available(), reason="array-api-strict is not installed")
@pytest.mark.parametrize("S,identical", [(8, True), (20, False)])
def test_shards_do_not_depend_on_the_backend(monkeypatch, S, identical):
    """numpy and array-api-strict give the same shard arrays.

    Byte-identical when S <= 16: both namespaces accumulate E_P V over s' in the same order
    (the numba loop and the unrolled array-API sum), and the robust backup is the same numpy
    matmul underneath.  For S > 16 the nominal array-API path is one BLAS matmul whose
    summation order differs from the numba loop, so the nominal values agree to 1e-12.
    """
    setting = dict(QUICK, S=S)
    out = {}
    for name in ("numpy", "array_api_strict"):
        monkeypatch.setenv("THEORYLAB_BACKEND", name)
        out[name] = rp.run_cell(setting, rp.ALGORITHM, _streams())
    a, b = out["numpy"], out["array_api_strict"]
    assert a.keys() == b.keys()
    for k in a:
        assert type(b[k]) is np.ndarray and a[k].dtype == b[k].dtype and a[k].shape == b[k].shape, k
        if identical or k != "nominal":
            assert a[k].tobytes() == b[k].tobytes(), k
        else:
            np.testing.assert_allclose(a[k], b[k], rtol=0, atol=1e-12)


def test_missing_cupy_is_a_clear_error(monkeypatch):
    try:
        import cupy  # noqa: F401
        pytest.skip("CuPy is installed: the GPU path is checked by benchmarks/gpu_check.py")
    except ImportError:
        pass
    monkeypatch.setenv("THEORYLAB_BACKEND", "cupy")
    with pytest.raises(RuntimeError, match="cupy"):
        rp.run_cell(QUICK, rp.ALGORITHM, _streams())


def _mutant(mutate, **over):
    """Checks of one cell whose batch rho array was edited by ``mutate(rho (B, R, H, d))``."""
    cfg = rp.RhoProfileConfig.from_setting(dict(QUICK, **over))
    mdps = rp.draw_instances(cfg, _streams().instance)
    inputs = rp.batch_inputs(mdps, cfg.rhos)
    B, R = cfg.B, len(cfg.rhos)
    rho = inputs["rho"].reshape(B, R, cfg.H, cfg.d)
    mutate(rho)
    out = rp.cell_arrays(cfg, mdps, inputs, _streams().algorithm(rp.ALGORITHM))
    stacked = {k: (v if k == "rhos" else v[None]) for k, v in out.items()}
    return _by_name(profile_checks(EXPERIMENT.id, "mutant", cfg.H, stacked))


def test_unmutated_batch_passes():
    assert all(c.passed for c in _mutant(lambda rho: None).values())


@pytest.mark.parametrize("entry,value,fails", [
    ((3, 0), 0.2, "V*_0 = nominal optimum"),                          # the rho = 0 entry solved at 0.2
    ((5, 2), 0.9, "V*_rho non-increasing in rho"),                    # the 0.2 entry solved at 0.9
    ((7, 5), 0.9, "V*_1 = mu0 @ max_a r_0 (fail state)"),             # the 1.0 entry solved at 0.9
    ((2, 1), 1.0, "V*_0 - V*_rho <= rho H(H-1)/2"),                   # the 0.1 entry solved at 1.0
    ((9, 3, 0), 0.45, "batched dual = robust_optimal (sort form)"),   # 0.4 entry: stage 0 at 0.45
])
def test_a_wrong_radius_in_one_batch_entry_fails_its_check(entry, value, fails):
    def mutate(rho):  # rho (B, R, H, d): entry = (instance, radius index[, stage])
        rho[entry] = value

    checks = _mutant(mutate, n_verify=QUICK["B"])
    assert not checks[fails].passed and checks[fails].violations >= 1, checks[fails].detail
    assert checks["batched dual = robust_optimal (sort form)"].violations >= 1  # the reference sees every mutant


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(S=st.integers(2, 12), A=st.integers(1, 4), d=st.integers(2, 5), H=st.integers(1, 6),
       grid=st.lists(st.floats(0.001, 0.999), min_size=1, max_size=5, unique=True), seed=st.integers(0, 2**16))
def test_checks_hold_on_random_sizes_and_grids(S, A, d, H, grid, seed):
    rhos = (0.0, *sorted(set(grid)), 1.0)
    setting = {"S": S, "A": A, "d": d, "H": H, "B": 6, "rhos": rhos, "n_verify": 3}
    out = rp.run_cell(setting, rp.ALGORITHM, cell_streams(seed, EXPERIMENT.id, 0, 0))
    checks = profile_checks(EXPERIMENT.id, "random", H, {k: (v if k == "rhos" else v[None]) for k, v in out.items()})
    assert len(checks) == 5 and all(c.passed for c in checks), [c.detail for c in checks if not c.passed]


@pytest.mark.parametrize("over,field", [
    ({"rhos": (0.0, 0.5, 0.4)}, "rhos"), ({"rhos": (0.0, 1.5)}, "rhos"), ({"rhos": ()}, "rhos"),
    ({"B": 0}, "B"), ({"S": 1}, "S"), ({"d": 1}, "d"), ({"H": 2.5}, "H"), ({"n_verify": 17}, "n_verify"),
    ({"alpha_mu": 0.0}, "alpha_mu"), ({"fail_mix": 1.0}, "fail_mix"), ({"colour": 1}, "colour")])
def test_config_errors_name_the_field(over, field):
    with pytest.raises(ValueError, match=field):
        rp.RhoProfileConfig.from_setting(dict(QUICK, **over))


def test_wrong_algorithm_and_bad_grid_are_errors():
    with pytest.raises(ValueError, match="algorithm"):
        rp.run_cell(QUICK, "dr_rpo", _streams())
    out = rp.run_cell(QUICK, rp.ALGORITHM, _streams())
    bad = {k: (v if k == "rhos" else v[None]) for k, v in out.items()}
    bad["rhos"] = out["rhos"] + 0.05
    with pytest.raises(ValueError, match="starting at 0"):
        profile_checks(EXPERIMENT.id, "bad", QUICK["H"], bad)
