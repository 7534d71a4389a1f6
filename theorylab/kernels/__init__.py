"""Shared numba primitives (arrays in, arrays out), each with a plain-numpy reference."""
