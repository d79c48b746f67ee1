"""Monte Carlo speed and stability: 100,000 samples of a 50-actor system with 3 motions.

Prints the time of ``factions.sim.montecarlo.simulate`` (goal: under 1 s), its speed-up over
a per-sample Python baseline measured in the same run (the same model, one sample at a time,
timed on fewer samples and scaled), and how far the estimates move across seeds (goal: every
motion's probability within 0.01 of the others).

    .venv/bin/python bench/simulate.py [--samples 100000] [--seeds 5]
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from factions.analysis.motions import holder_stances
from factions.model import System
from factions.sim.montecarlo import simulate
from factions.sim.scenario import loads_scenario


def make_system(n_actors: int = 50, n_parties: int = 30, seed: int = 7) -> tuple[System, str]:
    """A synthetic parliament: two camps, noisy ties, 3 motions; and its uncertainty block."""
    rng = random.Random(seed)
    ids = [f"a{i:02d}" for i in range(n_actors)]
    camp = {a: rng.random() < 0.5 for a in ids}
    actors = [{"id": a, "name": f"Actor {a}", "kind": "party"} for a in ids]
    rels = {}
    while len(rels) < 3 * n_actors:
        a, b = sorted(rng.sample(ids, 2))
        same = camp[a] == camp[b]
        sign = 1 if same else -1
        if rng.random() < 0.1:
            sign = -sign
        rels[(a, b)] = {"a": a, "b": b, "sign": sign, "confidence": round(rng.uniform(0.5, 1.0), 2)}
    parties = ids[:n_parties]
    cuts = sorted(rng.sample(range(1, 325), n_parties - 1))
    seats = [y - x for x, y in zip([0, *cuts], [*cuts, 325], strict=True)]
    holdings = [{"actor": p, "seats": s} for p, s in zip(parties, seats, strict=True) if s > 0]
    motions = []
    for k in range(3):
        sup = [p for p in parties if camp[p] ^ (k == 2)]
        opp = [p for p in parties if not (camp[p] ^ (k == 2))]
        motions.append(
            {
                "id": f"m{k}",
                "chamber": "house",
                "rule": ["majority", "two-thirds", "majority"][k],
                "supporters": sup,
                "opponents": opp,
                "routes": [{"id": "r", "gatekeepers": [{"actor": ids[-1], "stance": "for"}]}]
                if k == 0
                else [],
            }
        )
    system = System.model_validate(
        {
            "name": "bench",
            "actors": actors,
            "relations": list(rels.values()),
            "chambers": [
                {
                    "id": "house",
                    "name": "House",
                    "size": 325,
                    "seats": holdings,
                    "rules": [
                        {"id": "majority", "threshold": "absolute"},
                        {"id": "two-thirds", "threshold": "qualified", "fraction": "2/3"},
                    ],
                }
            ],
            "motions": motions,
        }
    )
    loyal = "\n".join(f"    - {{actor: {p}, defect: 0.1}}" for p in parties[:15])
    unc = (
        f"name: bench\nuncertainty:\n  loyalty:\n{loyal}\n"
        f"  support:\n    - {{actor: {parties[0]}, motion: m1, p: 0.5}}\n"
        f"  gatekeepers:\n    - {{actor: {ids[-1]}, motion: m0, p: 0.8}}\n"
    )
    return system, unc


def baseline(system: System, scenario, samples: int, seed: int) -> float:
    """The same model drawn one sample at a time in Python (motions and tie draws only)."""
    rng = np.random.default_rng(seed)
    u = scenario.uncertainty
    t0 = time.perf_counter()
    for _ in range(samples):
        for m in system.motions:
            st = holder_stances(system, m)
            defect = {x.actor: x.defect for x in u.loyalty}
            support = {x.actor: x.p for x in u.support if x.motion == m.id}
            total = 0
            for h in system.chamber(m.chamber).seats:
                is_for = (
                    rng.random() < support[h.actor] if h.actor in support else st[h.actor] == "for"
                )
                d = defect.get(h.actor, 0.0)
                total += rng.binomial(h.seats, 1 - d if is_for else d)
        for r in system.relations:
            _ = rng.random() < r.confidence
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=100_000)
    ap.add_argument("--seeds", type=int, default=5)
    ap.add_argument("--baseline-samples", type=int, default=500)
    args = ap.parse_args()
    system, unc = make_system()
    sc = loads_scenario(unc)
    print(
        f"system: {len(system.actors)} actors, {len(system.relations)} ties "
        f"(all uncertain), {len(system.motions)} motions, {args.samples:,} samples"
    )
    simulate(system, 1000, 0, sc)  # warm-up (imports, SciPy)
    times, cpu, results = [], [], []
    for seed in range(args.seeds):
        t0, c0 = time.perf_counter(), time.process_time()
        r = simulate(system, args.samples, seed, sc)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
        results.append(r)
    best, median = min(times), float(np.median(times))
    print(
        f"simulate: wall best {best:.3f} s, median {median:.3f} s; CPU median "
        f"{float(np.median(cpu)):.3f} s over {args.seeds} seeds (goal < 1 s)"
    )
    tb = baseline(system, sc, args.baseline_samples, 0)
    per = tb / args.baseline_samples
    print(
        f"baseline (per-sample Python, motions + tie draws only): {per * 1e3:.2f} ms/sample, "
        f"{per * args.samples:.1f} s scaled to {args.samples:,}; speed-up x{per * args.samples / median:.0f}"
    )
    worst = 0.0
    for m in system.motions:
        ps = [r.motion(m.id).passes.p for r in results]
        spread = max(ps) - min(ps)
        worst = max(worst, spread)
        print(f"  {m.id}: P(pass) by seed {', '.join(f'{p:.4f}' for p in ps)}; spread {spread:.4f}")
    bal = [r.balanced.p for r in results]
    print(
        f"  P(balanced) by seed {', '.join(f'{p:.4f}' for p in bal)}; spread {max(bal) - min(bal):.4f}"
    )
    worst = max(worst, max(bal) - min(bal))
    ref = results[0].reference
    al = max(
        max(r.alignment[a].p for r in results) - min(r.alignment[a].p for r in results)
        for a in results[0].alignment
    )
    print(f"  P(same bloc as {ref}): largest spread over the 49 other actors {al:.4f}")
    worst = max(worst, al)
    print(
        f"largest spread across seeds: {worst:.4f} (goal <= 0.01): {'ok' if worst <= 0.01 else 'FAIL'}"
    )


if __name__ == "__main__":
    main()
