"""theorylab.plotting: ax in, ax out; draws what it says; no figures created or saved."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from theorylab import plotting  # noqa: E402
from theorylab.regret import RegretTrace, lsvi_ucb, sqrt_rate, ucbvi_hoeffding  # noqa: E402
from theorylab.stats import loglog_slope  # noqa: E402


@pytest.fixture
def ax():
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def _trace(name="ucbvi", power=0.5, n=6):
    K = np.unique(np.round(np.geomspace(1, 4096, 16)).astype(np.int64))
    rng = np.random.default_rng(0)
    Y = 3 * K**power * rng.uniform(0.7, 1.3, size=(n, 1))
    return RegretTrace(name, K, Y, Y * 1.1, setting="toy")


def test_colour_map_is_fixed_and_fallback_is_stable():
    assert plotting.colour("ucbvi") == plotting.COLOURS["ucbvi"]
    assert plotting.colour("some_new_algo") == plotting.colour("some_new_algo")
    assert plotting.colour("some_new_algo").startswith("#")
    assert len({plotting.colour(f"algo{i}") for i in range(40)}) > 5


def test_plot_regret_draws_mean_band_and_bound_on_the_same_axes(ax):
    tr = _trace()
    n_figs = len(plt.get_fignums())
    out = plotting.plot_regret(ax, tr, bound=sqrt_rate(), label="UCBVI")
    assert out is ax and len(plt.get_fignums()) == n_figs
    mean_line, bound_line = ax.get_lines()
    np.testing.assert_allclose(mean_line.get_ydata(), tr.mean())
    assert mean_line.get_label() == "UCBVI" and mean_line.get_color() == plotting.COLOURS["ucbvi"]
    # the rate-only bound is anchored at the final mean and has the sqrt shape
    np.testing.assert_allclose(bound_line.get_ydata()[-1], tr.mean()[-1])
    assert loglog_slope(bound_line.get_xdata(), bound_line.get_ydata()) == pytest.approx(0.5)
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1
    mean, lo, hi = plotting.regret_band(tr)
    assert np.all(lo <= mean) and np.all(mean <= hi) and np.any(lo < hi)


def test_explicit_bound_is_drawn_with_its_value(ax):
    tr = _trace()
    b = ucbvi_hoeffding(6, 2, 20)
    plotting.plot_bound(ax, b, tr.checkpoints)
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), b.evaluate(tr.checkpoints))
    with pytest.raises(ValueError, match="anchor"):
        plotting.plot_bound(ax, lsvi_ucb(4, 5), tr.checkpoints)


def test_regret_band_of_realised_regret_and_single_seed():
    tr = _trace(n=1)
    mean, lo, hi = plotting.regret_band(tr, realised=True)
    np.testing.assert_allclose(mean, tr.realised[0])
    np.testing.assert_allclose(lo, hi)
    with pytest.raises(ValueError, match="realised"):
        plotting.regret_band(RegretTrace("x", tr.checkpoints, tr.pseudo), realised=True)


@pytest.mark.parametrize("power", [0.5, 1.0])
def test_plot_loglog_puts_the_fitted_slope_in_the_legend(ax, power):
    tr = _trace(power=power)
    out = plotting.plot_loglog(ax, tr, t_min=16, bound=sqrt_rate())
    assert out is ax and ax.get_xscale() == "log" and ax.get_yscale() == "log"
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels[0].startswith(f"ucbvi: slope {power:.2f} [")
    assert "slope 0.50" in labels[-1]  # the bound's own slope on the fit grid
    fit = ax.get_lines()[1]
    assert fit.get_xdata()[0] >= 16
    assert loglog_slope(fit.get_xdata(), fit.get_ydata()) == pytest.approx(power, abs=1e-9)


def test_plot_ratio_to_bound_divides_by_value_or_rate(ax):
    tr = _trace()
    b = ucbvi_hoeffding(6, 2, 20)
    assert plotting.plot_ratio_to_bound(ax, tr, b) is ax
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), tr.mean() / b.evaluate(tr.checkpoints))
    assert ax.get_ylabel() == "regret / bound"
    plotting.plot_ratio_to_bound(ax, tr, sqrt_rate())
    np.testing.assert_allclose(ax.get_lines()[1].get_ydata(), tr.mean() / np.sqrt(tr.checkpoints))
    assert ax.get_ylabel() == "regret / rate"
