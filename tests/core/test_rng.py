"""Streams are keyed: same key -> same bits, different keys -> different bits."""
import numpy as np
import pytest

from theorylab.rng import cell_streams, stable_hash


def test_stable_hash_is_crc32_and_process_independent():
    import zlib
    assert stable_hash("ucbvi") == zlib.crc32(b"ucbvi")
    assert stable_hash("ucbvi") != stable_hash("ucbvi2")
    with pytest.raises(TypeError):
        stable_hash(3)


def test_same_key_same_bits_and_fresh_generators():
    a, b = cell_streams(1, "x/y", 2, 3), cell_streams(1, "x/y", 2, 3)
    np.testing.assert_array_equal(a.noise.random(5), b.noise.random(5))
    np.testing.assert_array_equal(a.noise.random(5), a.noise.random(5))
    np.testing.assert_array_equal(a.algorithm("lb-po").random(5), b.algorithm("lb-po").random(5))


def test_different_keys_differ():
    s = cell_streams(1, "x/y", 0, 0)
    draws = [s.instance.random(), s.noise.random(), s.algorithm("a").random(), s.algorithm("b").random(),
             cell_streams(1, "x/y", 0, 1).noise.random(), cell_streams(1, "x/y", 1, 0).noise.random(),
             cell_streams(1, "x/z", 0, 0).noise.random(), cell_streams(2, "x/y", 0, 0).noise.random()]
    assert len(set(draws)) == len(draws)


@pytest.mark.parametrize("args", [(-1, "e/x", 0, 0), (0, "e/x", -2, 0), (0, "e/x", 0, 1.5)])
def test_bad_keys(args):
    with pytest.raises(ValueError, match="non-negative integer"):
        cell_streams(*args)
