"""GPU check: the batched kernels on CuPy agree with numpy, and how much faster they are.

    python benchmarks/gpu_check.py            # B = 1, 64, 1024, 16384
    python benchmarks/gpu_check.py --quick    # B = 1, 64 (a smoke run)
    python benchmarks/gpu_check.py --numpy-only   # the numpy path even when a GPU is present

For each batched kernel of :mod:`theorylab.backend` (backward induction, policy evaluation,
robust TV backward induction, log-barrier FTRL step) and each batch size B, the same inputs
(drawn on the host from a fixed seed) go through numpy and CuPy; the script asserts that the
integer/argmax outputs are equal and the values agree to 1e-10 relative, and prints the
wall-time speed-up numpy / CuPy (CuPy timed after a warm-up call, with device synchronisation).

It then times the cell of the registered experiment ``robust/rho_profile`` (B random I2
instances x 12 radii in one batched robust call plus one nominal call; see
``experiments/robust/rho_profile``): the batched solve at B = 64, 1024 (and 4096 without
``--quick``) and one whole cell at B = 1024 (instance drawing and the per-instance reference
included), on numpy and on CuPy for the same host-drawn instances, asserting the same
agreement.

Without CuPy or a CUDA device (or with ``--numpy-only``) it says so, runs the numpy path only
(checking the batched numpy kernels against the per-instance kernels on the first instances,
and timing the rho_profile cell on numpy) and exits 0: nothing about GPU speed is claimed
then.  Exit status 1 when an agreement check fails.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the clone: experiments/ lives there

from theorylab.backend import (batched_backward_induction, batched_log_barrier, batched_policy_evaluation,
                               batched_robust_backward_induction, get_backend, to_numpy)

S, A, H, D = 10, 4, 10, 5  # small problems: the regime where batching pays


def inputs(B: int, seed: int = 0) -> dict:
    """Host arrays for every kernel at batch size B (fixed seed, so CPU and GPU see the same)."""
    rng = np.random.default_rng([seed, B])
    P = rng.dirichlet(np.ones(S), size=(B, 1, S, A))
    r = rng.uniform(size=(B, 1, S, A))
    pi = rng.dirichlet(np.ones(A), size=(B, H, S))
    phi = rng.dirichlet(np.ones(D), size=(B, S, A))
    mu = rng.dirichlet(np.ones(S), size=(B, H, D))
    theta = rng.uniform(size=(B, H, D))
    rho = rng.uniform(0, 0.5, size=(B, H, D))
    C = rng.normal(size=(B, S, A)) * 10.0
    return dict(P=P, r=r, pi=pi, phi=phi, mu=mu, theta=theta, rho=rho, C=C, eta=0.1)


KERNELS = {
    "backward_induction": lambda x, xp: batched_backward_induction(x["P"], x["r"], H, xp=xp),
    "policy_evaluation": lambda x, xp: batched_policy_evaluation(x["P"], x["r"], x["pi"], H, xp=xp),
    "robust_tv_backup": lambda x, xp: batched_robust_backward_induction(x["phi"], x["mu"], x["theta"],
                                                                        x["rho"], xp=xp),
    "log_barrier_step": lambda x, xp: (batched_log_barrier(x["C"], x["eta"], xp=xp),),
}


def _on(xp, x: dict) -> dict:
    return {k: (xp.asarray(v) if isinstance(v, np.ndarray) else v) for k, v in x.items()}


def _timed(fn, sync, repeats: int = 3) -> tuple:
    out = fn()
    sync()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = fn()
        sync()
        best = min(best, time.perf_counter() - t0)
    return out, best


def agree(a, b) -> str | None:
    """None when the outputs agree (integers exactly, floats to 1e-10 relative), else why not."""
    for i, (u, v) in enumerate(zip(a, b)):
        u, v = to_numpy(u), to_numpy(v)
        if u.dtype.kind in "iub":
            if not np.array_equal(u, v):
                return f"output {i}: {int((u != v).sum())} integer entries differ"
        elif not np.allclose(u, v, rtol=1e-10, atol=1e-12):
            return f"output {i}: max relative difference {np.max(np.abs(u - v) / np.maximum(np.abs(v), 1e-300)):.3g}"
    return None


def cpu_only(sizes) -> int:
    """The numpy path: batched kernels vs per-instance kernels, and numpy timings."""
    from theorylab.kernels.adversarial_linear_ftrl import log_barrier
    from theorylab.planning import backward_induction_numpy
    from theorylab.problems import TabularMDP
    x = inputs(8)
    Q, V, pi = batched_backward_induction(x["P"], x["r"], H)
    for b in range(8):
        ref = backward_induction_numpy(TabularMDP(P=x["P"][b, 0], r=x["r"][b, 0], H=H))
        if not (np.allclose(V[b], ref.V, rtol=1e-10) and np.array_equal(pi[b], ref.pi)):
            print(f"FAIL: batched backward induction differs from the per-instance reference at b={b}")
            return 1
    p = batched_log_barrier(x["C"], x["eta"])
    if not np.allclose(p[0, 0], log_barrier(x["C"][0, 0], x["eta"])[0], rtol=1e-12):
        print("FAIL: batched log-barrier differs from the per-instance kernel")
        return 1
    print("numpy path: batched kernels agree with the per-instance kernels (B = 8)")
    print(f"{'kernel':<22}" + "".join(f"{f'B={B}':>14}" for B in sizes) + "   (numpy seconds per batch)")
    for name, fn in KERNELS.items():
        row = []
        for B in sizes:
            x = inputs(B)
            row.append(_timed(lambda: fn(x, np), lambda: None, repeats=1)[1])
        print(f"{name:<22}" + "".join(f"{t:>14.4g}" for t in row))
    return 0


def _profile_setting(B: int) -> dict:
    from experiments.robust.rho_profile.spec import EXPERIMENT
    return dict(EXPERIMENT.settings["full"][0], B=B, n_verify=min(4, B))


def rho_profile(sizes, xp_gpu=None, sync=lambda: None) -> bool:
    """Time the robust/rho_profile cell on numpy (and CuPy); True when the outputs agree.

    References
    ----------
    ``experiments/robust/rho_profile/README.md``; ``docs/scale.md`` (batched backend).
    """
    from theorylab.algorithms.robust import rho_profile as rp
    from theorylab.rng import cell_streams
    R = len(_profile_setting(1)["rhos"])
    cols = "numpy s" + ("      cupy s  speed-up  agreement" if xp_gpu is not None else "")
    print(f"\nrobust/rho_profile cell (S, A, d, H = 20, 4, 8, 5; R = {R} radii)\n{'part':<26}{'B':>7}  {cols}")
    ok = True
    for B in sizes:
        cfg = rp.RhoProfileConfig.from_setting(_profile_setting(B))
        inputs = rp.batch_inputs(rp.draw_instances(cfg, np.random.default_rng([7, B])), cfg.rhos)
        ref, t_np = _timed(lambda: rp.solve_batch(inputs, R, np), lambda: None, repeats=1 if B > 1024 else 3)
        line = f"{'batched solve (2 calls)':<26}{B:>7}{t_np:>9.4g}"
        if xp_gpu is not None:
            got, t_gpu = _timed(lambda: rp.solve_batch(inputs, R, xp_gpu), sync)
            why = agree([got["value"], got["nominal"]], [ref["value"], ref["nominal"]])
            ok &= why is None
            line += f"{t_gpu:>12.4g}{t_np / t_gpu:>9.1f}x  {why or 'ok'}"
        print(line)
    ok &= _whole_cell(rp, cell_streams(0, "robust/rho_profile", 0, 0), xp_gpu is not None, sync)
    return ok


def _whole_cell(rp, streams, gpu: bool, sync) -> bool:
    setting, out, times = _profile_setting(1024), {}, {}
    for name in ("numpy", "cupy") if gpu else ("numpy",):
        os.environ["THEORYLAB_BACKEND"] = name
        out[name], times[name] = _timed(lambda: rp.run_cell(setting, rp.ALGORITHM, streams), sync, repeats=1)
    os.environ.pop("THEORYLAB_BACKEND")
    line = f"{'whole cell (run_cell)':<26}{1024:>7}{times['numpy']:>9.4g}"
    why = None
    if gpu:
        why = agree([out["cupy"][k] for k in sorted(out["numpy"])], [out["numpy"][k] for k in sorted(out["numpy"])])
        line += f"{times['cupy']:>12.4g}{times['numpy'] / times['cupy']:>9.1f}x  {why or 'ok'}"
    print(line)
    return why is None


def main(argv=None) -> int:
    """Run the check; 0 when everything agrees (or there is no GPU), 1 on a disagreement."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="B = 1, 64 only")
    ap.add_argument("--numpy-only", action="store_true", help="skip CuPy even when a GPU is present")
    args = ap.parse_args(argv)
    sizes = (1, 64) if args.quick else (1, 64, 1024, 16384)
    profile_sizes = (64, 1024) if args.quick else (64, 1024, 4096)
    try:
        if args.numpy_only:
            raise RuntimeError("--numpy-only")
        cp = get_backend("cupy")
    except RuntimeError as e:
        print(f"NO GPU: {e}\nCuPy was not run; nothing is claimed about GPU speed. Running the numpy path only.")
        code = cpu_only(sizes[:3] if not args.quick else sizes)
        return code or (0 if rho_profile(profile_sizes) else 1)
    print(f"GPU: {cp.cuda.runtime.getDeviceProperties(0)['name'].decode()}, CuPy {cp.__version__}")
    sync = cp.cuda.Device().synchronize
    print(f"{'kernel':<22}{'B':>7}{'numpy s':>12}{'cupy s':>12}{'speed-up':>10}  agreement")
    failed = False
    for name, fn in KERNELS.items():
        for B in sizes:
            x = inputs(B)
            ref, t_np = _timed(lambda: fn(x, np), lambda: None, repeats=1 if B > 1024 else 3)
            xg = _on(cp, x)
            got, t_gpu = _timed(lambda: fn(xg, cp), sync)
            why = agree(got, ref)
            failed |= why is not None
            print(f"{name:<22}{B:>7}{t_np:>12.4g}{t_gpu:>12.4g}{t_np / t_gpu:>9.1f}x  {why or 'ok'}")
    failed |= not rho_profile(profile_sizes, cp, sync)
    print("FAIL: CuPy and numpy disagree" if failed else "all kernels agree (argmax exact, values 1e-10 rel)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
