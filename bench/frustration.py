"""Benchmark: exact frustration index against plain HiGHS on the textbook XOR model.

Run from the repository root (needs ../shared for the reference networks):

    .venv/bin/python bench/frustration.py                 # everything (a few minutes)
    .venv/bin/python bench/frustration.py --quick         # smaller scaling curve, shorter baselines
    .venv/bin/python bench/frustration.py --plot out/frustration_scaling.png

Prints, in one run:
1. US House H97 (447 nodes, 4954 edges): our time to proven optimality (median of 3) and
   the textbook model's time on the same machine (``textbook_frustration_milp``: the XOR
   model of Aref, Mason & Wilson 2018 with binary x and f, four rows per edge, no
   reductions, cuts or symmetry breaking), and the ratio.
2. Read's Highland tribes and all 51 Correlates-of-War networks: L, proof, seconds.
3. A scaling curve on generated signed graphs with a planted two-bloc partition, mean
   degree 10 and a share of flipped signs (noise): time to proven optimality for
   n = 100 .. 2000 within 60 s, the largest n solved, and the textbook model's time on the
   smallest sizes for comparison.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from factions.analysis.frustration import frustration_index, textbook_frustration_milp
from factions.analysis.signed_graph import SignedGraph
from factions.io import read_signed_graph

ROOT = Path(__file__).resolve().parents[1]
SIGNED = ROOT.parent / "shared" / "data" / "signed"


def planted(n: int, degree: float, noise: float, seed: int) -> SignedGraph:
    """G(n, m) with m = degree * n / 2 edges, signs from a random two-bloc split, each
    flipped with probability ``noise``."""
    rng = np.random.default_rng(seed)
    side = rng.integers(0, 2, n)
    m = int(degree * n / 2)
    u = rng.integers(0, n, 4 * m)
    v = rng.integers(0, n, 4 * m)
    keep = u < v
    pairs = np.unique(np.stack([u[keep], v[keep]], axis=1), axis=0)
    pairs = pairs[rng.permutation(len(pairs))[:m]]
    u, v = pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64)
    s = np.where(side[u] == side[v], 1, -1)
    s[rng.random(u.size) < noise] *= -1
    return SignedGraph(tuple(str(i) for i in range(n)), u, v, s.astype(np.int64), np.ones(u.size))


def fmt_ratio(ours: float, base: float, base_proven: bool) -> str:
    r = base / ours if ours > 0 else float("inf")
    return f"{r:.1f}x" if base_proven else f">= {r:.1f}x (baseline not proven within its limit)"


def bench_h97(baseline_limit: float) -> None:
    path = SIGNED / "us_house_H97_signed_adjacency.csv"
    g = read_signed_graph(path)
    runs, cpu = [], []
    for _ in range(3):
        c0 = time.process_time()
        runs.append(frustration_index(g))
        cpu.append(time.process_time() - c0)
    r = runs[0]
    ours = statistics.median(x.seconds for x in runs)
    ours_cpu = statistics.median(cpu)
    print(f"\n== US House H97: {g.n} nodes, {g.m} edges ({int((g.sign < 0).sum())} negative)")
    print(f"load average at start: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    print(
        f"ours:     L = {r.frustration_index:g}, proven optimal = {r.optimal}, "
        f"median {ours:.3f} s wall / {ours_cpu:.3f} s CPU of {[round(x.seconds, 3) for x in runs]} "
        f"({r.stats['blocks_by_method']}, {r.stats['cuts']} cuts)"
    )
    c0 = time.process_time()
    val, proven, lb, secs = textbook_frustration_milp(g, time_limit=baseline_limit)
    base_cpu = time.process_time() - c0
    print(
        f"textbook: L = {val:g}, proven optimal = {proven}, lower bound {lb:g}, {secs:.2f} s wall / "
        f"{base_cpu:.2f} s CPU (limit {baseline_limit:g} s)"
    )
    print(
        f"speed-up (wall): {fmt_ratio(ours, secs, proven)}; (CPU): {fmt_ratio(ours_cpu, base_cpu, proven)}"
    )
    if proven and val != r.frustration_index:
        print("MISMATCH between the two models", file=sys.stderr)
        sys.exit(1)


def bench_reference(cow_baseline: bool) -> None:
    tribes = read_signed_graph(SIGNED / "highland_tribes_signnet.csv")
    r = frustration_index(tribes)
    print(
        f"\n== Highland tribes: L = {r.frustration_index:g}, proven = {r.optimal}, "
        f"{r.seconds * 1000:.1f} ms, blocs {sorted(map(sorted, r.partition), key=len)}"
    )
    d = pd.read_csv(SIGNED / "cow_signed_1946_1999_signnet.csv")
    print("\n== Correlates of War 1946-1999 (51 networks)")
    print(
        f"{'period':8} {'n':>4} {'m':>5} {'L':>4} {'proven':>6} {'ms':>7}"
        + ("  textbook ms" if cow_baseline else "")
    )
    tot = tot_base = 0.0
    for period, rows in d.groupby("period", sort=False):
        g = nx.Graph()
        for a, b, s in rows[["source", "target", "sign"]].itertuples(index=False):
            g.add_edge(a, b, sign=int(s))
        r = frustration_index(g, time_limit=60)
        tot += r.seconds
        line = f"{period:8} {g.number_of_nodes():4d} {g.number_of_edges():5d} {r.frustration_index:4g} {str(r.optimal):>6} {r.seconds * 1000:7.1f}"
        if cow_baseline:
            val, proven, _, secs = textbook_frustration_milp(g, time_limit=60)
            tot_base += secs
            line += f"  {secs * 1000:9.1f}" + (
                "" if proven and val == r.frustration_index else " !"
            )
        print(line)
    print(
        f"total {tot:.2f} s"
        + (
            f"; textbook total {tot_base:.2f} s, ratio {tot_base / tot:.1f}x"
            if cow_baseline
            else ""
        )
    )


def bench_scaling(
    sizes: list[int],
    noises: list[float],
    limit: float,
    baseline_sizes: list[int],
    plot: Path | None,
) -> None:
    print(f"\n== Scaling: planted two-bloc partition, mean degree 10, time limit {limit:g} s")
    print(f"{'noise':>5} {'n':>5} {'m':>6} {'L':>6} {'proven':>6} {'gap':>6} {'s':>8}  textbook s")
    curves: dict[float, list[tuple[int, float, bool]]] = {}
    for noise in noises:
        largest = None
        for n in sizes:
            g = planted(n, 10, noise, seed=n)
            r = frustration_index(g, time_limit=limit)
            base = ""
            if n in baseline_sizes:
                val, proven, _, secs = textbook_frustration_milp(g, time_limit=limit)
                base = (
                    f"{secs:8.2f}"
                    + ("" if proven else " (not proven)")
                    + (f"  ratio {fmt_ratio(r.seconds, secs, proven)}" if r.optimal else "")
                )
            print(
                f"{noise:5.2f} {n:5d} {g.m:6d} {r.frustration_index:6g} {str(r.optimal):>6} {r.gap:6.1%} {r.seconds:8.2f}  {base}",
                flush=True,
            )
            curves.setdefault(noise, []).append((n, r.seconds, r.optimal))
            if not r.optimal:
                break  # larger sizes at this noise will not be proven either
            largest = n
        print(f"       largest n proven within {limit:g} s at noise {noise:.2f}: {largest}")
    if plot is not None:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt

        fig, ax = plt.subplots(figsize=(6, 4))
        for noise, pts in curves.items():
            ok = [(n, s) for n, s, p in pts if p]
            if ok:
                ax.plot(*zip(*ok, strict=True), marker="o", label=f"noise {noise:.2f}")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("nodes (mean degree 10)")
        ax.set_ylabel("seconds to proven optimality")
        ax.legend()
        plot.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(plot, dpi=120, bbox_inches="tight")
        print(f"figure: {plot}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="smaller scaling run, shorter baselines")
    ap.add_argument(
        "--baseline-limit", type=float, default=300.0, help="seconds for the textbook model on H97"
    )
    ap.add_argument(
        "--cow-baseline",
        action="store_true",
        help="also run the textbook model on all 51 CoW networks",
    )
    ap.add_argument("--h97-only", action="store_true", help="only the H97 comparison")
    ap.add_argument("--plot", type=Path, default=None, help="write the scaling curve to this PNG")
    args = ap.parse_args()
    if not SIGNED.is_dir():
        sys.exit(f"{SIGNED}: reference data absent (../shared)")
    t0 = time.perf_counter()
    bench_h97(60.0 if args.quick else args.baseline_limit)
    if args.h97_only:
        return
    bench_reference(args.cow_baseline)
    if args.quick:
        bench_scaling([100, 200, 500, 1000], [0.05, 0.2], 20.0, [100], args.plot)
    else:
        bench_scaling(
            [100, 200, 500, 1000, 2000], [0.05, 0.10, 0.20, 0.30], 60.0, [100, 200], args.plot
        )
    print(f"\nbench wall time {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
