"""Benchmark: exact power indices (factions.analysis.power) against the `powerindices` package.

Run: ``.venv/bin/python bench/power.py`` (``--quick`` for the small games only,
``--baseline-timeout S`` to bound each baseline call, default 300 s).

The baseline, `powerindices` 1.0.2 (F. Huettner; NumPy int64 generating functions, results
as floats), is installed into a temporary folder for this script only
(``pip install --target``); it is never added to the project's requirements. It answers the
absolute Banzhaf (Penrose) and Shapley-Shubik indices. Each baseline call runs in a child
process with a time limit, in the same run as ours; the script prints, per game and index,
both times, the ratio, and whether the two agree (largest relative difference of the
baseline's floats to our exact fractions below 1e-9). Where the baseline's int64 counts
overflow (n > 62 players) its answers are wrong and the script says so: no ratio is claimed
there.

Games: the US Electoral College of the 2012-2020 apportionment (51 electors' blocks, 538
votes, quota 270), and generated games with integer weights summing to a fixed total
(random compositions from a fixed seed, quota a simple majority of the total), up to
n = 200 and a total of 10^6.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from factions.analysis.power import power_indices  # noqa: E402

# Electoral votes by state, 2012-2020 apportionment (2010 census), plus DC: 538 in all.
ELECTORAL_COLLEGE_2012 = {
    "AL": 9, "AK": 3, "AZ": 11, "AR": 6, "CA": 55, "CO": 9, "CT": 7, "DE": 3, "DC": 3,
    "FL": 29, "GA": 16, "HI": 4, "ID": 4, "IL": 20, "IN": 11, "IA": 6, "KS": 6, "KY": 8,
    "LA": 8, "ME": 4, "MD": 10, "MA": 11, "MI": 16, "MN": 10, "MS": 6, "MO": 10, "MT": 3,
    "NE": 5, "NV": 6, "NH": 4, "NJ": 14, "NM": 5, "NY": 29, "NC": 15, "ND": 3, "OH": 18,
    "OK": 7, "OR": 7, "PA": 20, "RI": 4, "SC": 9, "SD": 3, "TN": 11, "TX": 38, "UT": 6,
    "VT": 3, "VA": 13, "WA": 12, "WV": 5, "WI": 10, "WY": 3,
}  # fmt: skip

BASELINE_PIN = "powerindices==1.0.2"
BASELINE_DIR = Path(tempfile.gettempdir()) / "factions-bench-powerindices"

FAMILIES = {
    "banzhaf+coleman": ("raw_swings", "banzhaf_normalised", "banzhaf_absolute",
                        "coleman_initiate", "coleman_prevent"),
    "shapley_shubik": ("shapley_shubik",),
    "holler_pgi": ("holler_pgi",),
    "deegan_packel": ("deegan_packel",),
    "johnston": ("johnston",),
}  # fmt: skip


def generated_game(n: int, total: int, seed: int = 2012) -> tuple[list[int], int]:
    """``n`` positive integer weights summing to ``total`` (a random composition)."""
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, total), n - 1))
    weights = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
    return weights, total // 2 + 1


def install_baseline() -> str | None:
    """Install the baseline into a temporary folder; return an error text on failure."""
    if (BASELINE_DIR / "powerindices.py").exists():
        return None
    cmd = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
           str(BASELINE_DIR), BASELINE_PIN]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        return proc.stderr.strip().splitlines()[-1] if proc.stderr else "pip failed"
    return None


_CHILD = """
import json, sys, time
sys.path.insert(0, {dir!r})
import powerindices as pi
w, q, which = json.load(open({arg!r}))
fn = {{"banzhaf_absolute": pi.compute_pbi, "shapley_shubik": pi.compute_ssi}}[which]
t = time.perf_counter()
vals = fn(q, list(w))
print(json.dumps({{"seconds": time.perf_counter() - t, "values": [float(v) for v in vals]}}))
"""


def run_baseline(weights: list[int], quota: int, which: str, timeout: float) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([weights, quota, which], fh)
        arg = fh.name
    code = _CHILD.format(dir=str(BASELINE_DIR), arg=arg)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timeout after {timeout:.0f} s"}
    finally:
        Path(arg).unlink(missing_ok=True)
    if proc.returncode != 0:
        last = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"
        return {"error": last[:80]}
    return json.loads(proc.stdout)


def agree(exact: tuple[Fraction, ...], floats: list[float]) -> tuple[bool, float]:
    worst = 0.0
    for e, f in zip(exact, floats, strict=True):
        ref = float(e)
        diff = abs(ref - f) / max(abs(ref), 1e-300) if ref else abs(f)
        worst = max(worst, diff)
    return worst <= 1e-9, worst


def time_ours(weights: list[int], quota: int, indices: tuple[str, ...]) -> tuple[float, object]:
    """Best of up to three runs (one when a run takes over a second)."""
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        res = power_indices(weights, quota, indices=indices)
        best = min(best, time.perf_counter() - t)
        if best > 1.0:
            break
    return best, res


def bench_game(name: str, weights: list[int], quota: int, families: list[str], args) -> None:
    n, total = len(weights), sum(weights)
    print(f"\n== {name}: n={n}, total weight {total}, quota {quota}")
    print(f"{'index family':<22}{'ours (s)':>10}   {'baseline':<44}{'ratio':>8}")
    all_time = 0.0
    results = {}
    for fam in families:
        secs, res = time_ours(weights, quota, FAMILIES[fam])
        all_time += secs
        results[fam] = res
        line = f"{fam:<22}{secs:>10.3f}   "
        base_key = {"banzhaf+coleman": "banzhaf_absolute", "shapley_shubik": "shapley_shubik"}
        key = base_key.get(fam)
        if key is None or args.no_baseline:
            print(line + f"{'(not in powerindices)' if key is None else '(skipped)':<44}")
            continue
        if n > args.baseline_max_n:
            print(line + f"{'(skipped: n > --baseline-max-n)':<44}")
            continue
        base = run_baseline(weights, quota, key, args.baseline_timeout)
        if "error" in base:
            print(line + f"{key + ': ' + base['error']:<44}")
            continue
        ok, worst = agree(res.index(key), base["values"])
        verdict = "agrees" if ok else f"WRONG (rel. err {worst:.1e}; int64 overflow)"
        ratio = f"{base['seconds'] / secs:>7.1f}x" if ok else "     n/a"
        text = f"{key} {base['seconds']:.3f} s, {verdict}"
        print(line + f"{text:<44}{ratio}")
    print(f"{'all indices above':<22}{all_time:>10.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small games only")
    parser.add_argument("--no-baseline", action="store_true", help="do not run powerindices")
    parser.add_argument("--baseline-timeout", type=float, default=300.0)
    parser.add_argument(
        "--baseline-max-n", type=int, default=400, help="skip the baseline above this n"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="also the O(n^2 q) indices on the n=200, 10^6 game (about 12 minutes, 7 GB)",
    )
    args = parser.parse_args()
    if not args.no_baseline:
        err = install_baseline()
        if err:
            print(f"baseline {BASELINE_PIN} could not be installed ({err}); running without it")
            args.no_baseline = True
        else:
            print(f"baseline: {BASELINE_PIN} in {BASELINE_DIR} (bench only)")
    everything = list(FAMILIES)
    ec = list(ELECTORAL_COLLEGE_2012.values())
    assert len(ec) == 51 and sum(ec) == 538
    bench_game("US Electoral College 2012", ec, 270, everything, args)
    for n, total in ((30, 10_000), (60, 100_000)):
        w, q = generated_game(n, total)
        bench_game(f"generated n={n}", w, q, everything, args)
    w, q = generated_game(200, 10_000)
    bench_game("generated n=200, total 10^4", w, q, everything, args)
    if args.quick:
        return
    w, q = generated_game(200, 1_000_000)
    fams = everything if args.full else ["banzhaf+coleman", "holler_pgi"]
    bench_game("generated n=200, total 10^6", w, q, fams, args)
    if not args.full:
        print(
            "  (Shapley-Shubik, Deegan-Packel and Johnston need counts by coalition size:"
            " O(n^2 q) exact counts; run with --full to time them at this size)"
        )


if __name__ == "__main__":
    main()
