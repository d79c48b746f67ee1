"""Benchmark: ATR local triad dynamics on larger complete graphs.

Prints (1) the speed of the vectorised simulator (``runs`` copies advanced per NumPy step)
as a ratio against a plain-Python sequential loop measured in the same run, and (2) the
quasi-stationary density of friendly links against the mean-field value
1/(sqrt(3(1-2p)) + 1) (Antal, Krapivsky & Redner 2005) for N = 64, 128 (and 256 with
--large), p = 0 and 0.2.

    .venv/bin/python bench/dynamics.py [--large]
"""

from __future__ import annotations

import sys
import time

import numpy as np

from factions.sim.dynamics import (
    complete_signed_graph,
    ltd_rho_infinity,
    ltd_steady_state,
    triad_dynamics,
)


def python_ltd(m: np.ndarray, p: float, updates: int, seed: int) -> float:
    """Reference: the textbook sequential loop in plain Python (one run)."""
    import random

    rnd = random.Random(seed)
    n = m.shape[0]
    a = m.astype(int).tolist()
    for _ in range(updates):
        i, j, k = rnd.sample(range(n), 3)
        e = [(i, j), (j, k), (i, k)]
        s = [a[x][y] for x, y in e]
        neg = [t for t in range(3) if s[t] < 0]
        if len(neg) == 1:
            if rnd.random() < p:
                w = neg[0]
            else:
                w = rnd.choice([t for t in range(3) if s[t] > 0])
        elif len(neg) == 3:
            w = rnd.randrange(3)
        else:
            continue
        x, y = e[w]
        a[x][y] = a[y][x] = -a[x][y]
    arr = np.array(a)
    return float((np.triu(arr, 1) > 0).sum() / (n * (n - 1) / 2))


def main() -> None:
    large = "--large" in sys.argv
    n, p = 64, 0.2
    m = complete_signed_graph(n, 0.5, seed=1)
    updates = 100_000
    t0 = time.perf_counter()
    python_ltd(m, p, updates, seed=1)
    t_py = time.perf_counter() - t0
    for runs in (1, 16, 64):
        per_run = updates // runs
        t0 = time.perf_counter()
        triad_dynamics(
            m, p, updates=per_run, runs=runs, seed=1, record_every=per_run, stop_when_balanced=False
        )
        t_np = time.perf_counter() - t0
        rate_py = updates / t_py
        rate_np = per_run * runs / t_np
        print(
            f"K{n}: {updates} updates  python {rate_py:,.0f}/s  numpy runs={runs:<3} {rate_np:,.0f}/s"
            f"  ratio {rate_np / rate_py:.1f}x"
        )
    sizes = [64, 128] + ([256] if large else [])
    print("\nquasi-stationary friendly fraction (burn-in 5, averaging 10 time units; 16 runs)")
    print(
        f"{'N':>5} {'p':>5} {'simulated':>10} {'s.e.':>7} {'mean field':>10} {'diff':>7} {'seconds':>8}"
    )
    for size in sizes:
        for p in (0.0, 0.2):
            t0 = time.perf_counter()
            mean, se = ltd_steady_state(size, p, runs=16, burn_in=5.0, measure=10.0, seed=size)
            dt = time.perf_counter() - t0
            ref = ltd_rho_infinity(p)
            print(
                f"{size:>5} {p:>5.1f} {mean:>10.4f} {se:>7.4f} {ref:>10.4f} {mean - ref:>+7.4f} {dt:>8.1f}"
            )


if __name__ == "__main__":
    main()
