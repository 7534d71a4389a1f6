"""Experiment specs validate and cells have stable, content-addressed keys."""
import numpy as np
import pytest

from theorylab.sweep import Experiment, run_in_memory


def _cell(setting, algorithm, streams):
    x = streams.noise.random(3) + setting["shift"]
    return {"checkpoints": np.array([1, 2, 3]), "pseudo": np.cumsum(x), "alg": np.array(len(algorithm))}


def _exp(**over):
    kw = dict(id="toy/one", description="toy", tags=("toy",), algorithms=("a", "bb"),
              settings={"quick": ({"shift": 0.0},), "full": ({"shift": 0.0}, {"shift": 1.0})},
              seeds={"quick": 2, "full": 3}, run_cell=_cell, analyse=lambda r: [])
    kw.update(over)
    return Experiment(**kw)


def test_cells_and_keys():
    e = _exp()
    cells = e.cells("full")
    assert len(cells) == 2 * 2 * 3
    assert len({c.key for c in cells}) == len(cells)
    assert e.cells("full")[5].key == cells[5].key
    assert e.cells("quick")[0].key == cells[0].key  # same identity, same key
    with pytest.raises(ValueError, match="size"):
        e.cells("medium")


@pytest.mark.parametrize("over, message", [
    (dict(id="noslash"), "group/name"),
    (dict(seeds={"quick": 0, "full": 1}), "seeds"),
    (dict(settings={"quick": ()}), "full"),
    (dict(algorithms=()), "algorithm"),
])
def test_bad_specs(over, message):
    with pytest.raises(ValueError, match=message):
        _exp(**over)


def test_run_in_memory_pairs_noise_across_algorithms():
    res = run_in_memory(_exp(), "quick")
    a, b = res.stacked(0, "a", "pseudo"), res.stacked(0, "bb", "pseudo")
    np.testing.assert_array_equal(a, b)  # shared noise stream
    assert a.shape == (2, 3) and not np.array_equal(a[0], a[1])
    assert res.trace(0, "a").n_seeds == 2
    with pytest.raises(KeyError):
        res.trace(1, "a")
