"""Monte Carlo over uncertain relations and loyalties: how likely each motion passes, and
which bloc structures the evidence supports.

What is uncertain, and how it is drawn (all vectorised over samples with NumPy):

* **Relations.** A relation holds with probability ``Relation.confidence`` (extraction
  confidence, or an analyst's figure), overridden per pair by the scenario's
  ``uncertainty.relations``. Each sample keeps each tie independently (Bernoulli).
* **Loyalties.** ``uncertainty.loyalty`` gives, per seat-holding actor, the probability
  ``d`` that each of its seats breaks from the party line, independently (so the seats a
  party delivers are binomial): a party *for* a motion delivers Binomial(n, 1 - d) seats, a
  party against or abstaining lends it Binomial(n, d).
* **Support.** ``uncertainty.support`` makes a whole actor's stance random: *for* with
  probability ``p``, otherwise against (before loyalty draws).
* **Gatekeepers.** ``uncertainty.gatekeepers`` says a gatekeeper lets its routes through
  with probability ``p`` (otherwise its stance in the system decides: only ``against``
  blocks).

A motion passes in a sample when its seats for reach the vote rule's threshold
(:meth:`factions.model.VoteRule.seats_needed`), every veto player votes for, and at least one
route is open: no required gatekeeper says no (a drawn gatekeeper says no with probability
1 - p; without a probability only a gatekeeper ``against`` does, as in
:func:`factions.analysis.motions.motion_report`) and the sample's seats for meet the route's
and its gatekeepers' signature demands. A motion without routes is always open. Seat holders'
stances are resolved by :func:`factions.analysis.motions.holder_stances` (as ``motion_report``
reads them), so with no uncertainty every sample gives the deterministic verdict (except that
a sample checks signature demands against its seats for, not against the seats not opposed).

Bloc structures: for each sample, if the sampled signed graph is balanced, its exact
two-colouring per connected component (Harary 1953; Cartwright & Harary 1956), found by
min-label propagation that carries a parity bit along ties, vectorised across samples;
otherwise a cheap two-sided partition: a partition of the whole system (its spectral split,
polished by single-actor moves until none helps) improved by a few sweeps of single-actor
moves that lower the sample's own frustration (Doreian & Mrvar 1996's relocation, two blocs).
Each sample's partition is canonicalised (blocs labelled by their first actor) and hashed so
that identical structures are counted together.

Probabilities come with Wilson (1927) score intervals (default) or exact Clopper & Pearson
(1934) intervals. Results are reproducible: the same ``seed`` gives the same numbers.

Complexity: O(S (m (d + k) + n h)) for S samples, m ties, n actors, h seat holders per
motion, d label-propagation sweeps (at most the graph's diameter + 1) and k local-search
sweeps (3), all as NumPy vector operations over samples, plus O(n^3) once for the spectral
start. The bench (bench/simulate.py) runs 100,000 samples of 50 actors, 150 uncertain ties
and 3 motions in about 0.4 s of CPU.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

import numpy as np

from factions.analysis.motions import holder_stances
from factions.analysis.serial import json_data
from factions.analysis.signed_graph import spectral_sides
from factions.model import Motion, System

__all__ = [
    "BlocStructure",
    "Estimate",
    "MotionForecast",
    "SimulationResult",
    "clopper_pearson",
    "holder_stances",
    "label_blocs",
    "simulate",
    "wilson",
]

IntervalMethod = Literal["wilson", "clopper-pearson"]


# --------------------------------------------------------------------------- intervals


def wilson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson (1927) score interval for a binomial proportion. O(1).

    Parameters
    ----------
    successes, n : int
        Successes out of ``n`` trials.
    level : float
        Confidence level of the score interval.

    Returns
    -------
    (float, float)

    References
    ----------
    Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical
    inference", Journal of the American Statistical Association 22(158).

    Examples
    --------
    >>> lo, hi = wilson(5, 10)
    >>> round(lo, 3), round(hi, 3)
    (0.237, 0.763)
    """
    if n <= 0:
        return (0.0, 1.0)
    from scipy.stats import norm

    z = float(norm.ppf(0.5 + level / 2))
    p = successes / n
    den = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    lo = 0.0 if successes == 0 else max(0.0, centre - half)
    hi = 1.0 if successes == n else min(1.0, centre + half)
    return (lo, hi)


def clopper_pearson(successes: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Exact Clopper & Pearson (1934) interval from Beta quantiles. O(1).

    Parameters
    ----------
    successes, n : int
        Successes out of ``n`` trials (exact binomial).
    level : float
        Confidence level of the exact interval.

    Returns
    -------
    (float, float)

    References
    ----------
    Clopper, C. J. & Pearson, E. S. (1934), Biometrika 26(4).
    """
    if n <= 0:
        return (0.0, 1.0)
    from scipy.stats import beta

    alpha = 1 - level
    lo = 0.0 if successes == 0 else float(beta.ppf(alpha / 2, successes, n - successes + 1))
    hi = 1.0 if successes == n else float(beta.ppf(1 - alpha / 2, successes + 1, n - successes))
    return (lo, hi)


@dataclass(frozen=True)
class Estimate:
    """A probability estimated from ``successes`` out of ``samples``, with its interval."""

    p: float
    low: float
    high: float
    successes: int
    samples: int

    @classmethod
    def of(
        cls, successes: int, samples: int, method: IntervalMethod = "wilson", level: float = 0.95
    ) -> Estimate:
        fn = wilson if method == "wilson" else clopper_pearson
        lo, hi = fn(int(successes), int(samples), level)
        return cls(successes / samples if samples else 0.0, lo, hi, int(successes), int(samples))


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class MotionForecast:
    """How likely one motion is to pass, and the distribution of its seats for."""

    motion: str
    chamber: str
    seats_needed: int
    passes: Estimate
    route_open: Estimate
    seats_for_mean: float
    seats_for_quantiles: dict[str, float]
    base_seats_for: int
    critical: dict[str, float] = field(default_factory=dict)
    """Per seat holder, the share of samples in which its seats decide the count (a winning
    count falls short without its votes for, or a losing one carries with all its seats):
    a sampled, Banzhaf-like criticality (Banzhaf 1965), most critical first."""


@dataclass(frozen=True)
class BlocStructure:
    """One partition of the actors into blocs and how often the samples produce it.

    ``method`` is ``two-sided`` (a balanced sample, split by its exact two-colouring) or
    ``local`` (an unbalanced sample, split by the cheap local-search partition).
    """

    blocs: tuple[tuple[str, ...], ...]
    method: str
    probability: Estimate


@dataclass
class SimulationResult:
    """Everything :func:`simulate` estimates."""

    samples: int
    seed: int | None
    interval: str
    level: float
    motions: tuple[MotionForecast, ...]
    structures: tuple[BlocStructure, ...]
    distinct_structures: int
    balanced: Estimate
    uncertain_relations: int
    reference: str | None = None
    alignment: dict[str, Estimate] = field(default_factory=dict)
    tied_actors: tuple[str, ...] = ()
    scenario: str | None = None
    notes: list[str] = field(default_factory=list)

    def motion(self, motion_id: str) -> MotionForecast:
        for m in self.motions:
            if m.motion == motion_id:
                return m
        raise KeyError(f"no forecast for motion {motion_id!r}")

    def to_pandas(self) -> dict[str, Any]:
        """Tables for pandas: ``motions`` (one row per motion), ``structures`` (one row per
        listed bloc structure, blocs joined by `` | ``), ``alignment`` (one row per actor)."""
        import pandas as pd

        def est(prefix: str, e: Estimate) -> dict[str, float]:
            return {prefix: e.p, f"{prefix}_low": e.low, f"{prefix}_high": e.high}

        motions = pd.DataFrame(
            [
                {
                    "motion": m.motion,
                    "chamber": m.chamber,
                    "seats_needed": m.seats_needed,
                    "base_seats_for": m.base_seats_for,
                    "seats_for_mean": m.seats_for_mean,
                    **est("passes", m.passes),
                    **est("route_open", m.route_open),
                }
                for m in self.motions
            ]
        )
        structures = pd.DataFrame(
            [
                {
                    "blocs": " | ".join(", ".join(b) for b in st.blocs),
                    "method": st.method,
                    **est("p", st.probability),
                }
                for st in self.structures
            ]
        )
        alignment = pd.DataFrame(
            [
                {"actor": a, "reference": self.reference, **est("p", e)}
                for a, e in self.alignment.items()
            ]
        )
        return {"motions": motions, "structures": structures, "alignment": alignment}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, the fields as named (docs/results.md): what ``factions simulate --json``
        prints."""
        return json_data(asdict(self))


# --------------------------------------------------------------------------- bloc labelling


def _propagate(
    n: int,
    eu: np.ndarray,
    ev: np.ndarray,
    neg: np.ndarray,
    present: np.ndarray | None,
    samples: int,
) -> np.ndarray:
    """Min-label propagation with a parity bit, over samples; codes ``2 * root + side`` (n, S).

    Each node starts as its own root with side 0 (code ``2 i``); a tie u-v offers v the code
    of u with the side bit switched on a negative tie, and v keeps the smaller code. Codes
    only decrease, so the loop ends (after at most diameter + 1 sweeps; alternating sweep
    directions usually halves that) with every node labelled by the smallest node of its
    connected component. In a balanced sample the side bit is path-independent, so it is the
    exact two-colouring; in an unbalanced one it is some colouring, used only as a start.
    ``present`` is an (m, S) boolean array (``None``: every tie in every sample); an absent
    tie offers the largest code (all bits set), which never wins. Three vector operations
    per tie direction. O(S m d).
    """
    dtype = np.int16 if 2 * n + 1 < np.iinfo(np.int16).max else np.int32
    top = np.iinfo(dtype).max
    code = (2 * np.arange(n, dtype=dtype))[:, None].repeat(samples, axis=1)
    block = None if present is None else np.where(present, 0, top).astype(dtype)
    cand = np.empty(samples, dtype=dtype)
    ends = [(int(u), int(v), int(f)) for u, v, f in zip(eu, ev, neg, strict=True)]
    order = _bfs_edge_order(n, ends)
    sweep = 0
    while True:
        before = code.copy()
        for k in order if sweep % 2 == 0 else order[::-1]:
            u, v, flip = ends[k]
            for a, b in ((u, v), (v, u)):
                if block is None:
                    src = np.bitwise_xor(code[a], flip, out=cand) if flip else code[a]
                elif flip:
                    np.bitwise_xor(code[a], flip, out=cand)
                    src = np.bitwise_or(cand, block[k], out=cand)
                else:
                    src = np.bitwise_or(code[a], block[k], out=cand)
                np.minimum(code[b], src, out=code[b])
        sweep += 1
        if np.array_equal(before, code):
            return code


def _bfs_edge_order(n: int, ends: list[tuple[int, int, int]]) -> list[int]:
    """Ties in breadth-first order from the smallest node of each component, so that one
    forward sweep carries every root's code along its BFS tree. O(n + m)."""
    adj: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (u, v, _) in enumerate(ends):
        adj[u].append((k, v))
        adj[v].append((k, u))
    seen_node = [False] * n
    seen_edge = [False] * len(ends)
    order: list[int] = []
    for start in range(n):
        if seen_node[start]:
            continue
        seen_node[start] = True
        queue = [start]
        for x in queue:
            for k, y in adj[x]:
                if not seen_edge[k]:
                    seen_edge[k] = True
                    order.append(k)
                if not seen_node[y]:
                    seen_node[y] = True
                    queue.append(y)
    return order


def _canonical(code: np.ndarray) -> np.ndarray:
    """Relabel each column so every bloc is named by its first actor's index. O(n S)."""
    n, s = code.shape
    cols = np.arange(s)
    first = np.full((2 * n, s), n, dtype=np.int32)
    for j in range(n - 1, -1, -1):
        first[code[j], cols] = j
    return first[code, cols[None, :]]


def label_blocs(
    n: int,
    eu: np.ndarray,
    ev: np.ndarray,
    sign: np.ndarray,
    present: np.ndarray | None,
    samples: int,
    sweeps: int = 3,
    chunk: int = 16384,
    start: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Bloc labels of S sampled signed graphs on the same n nodes, vectorised over samples.

    Returns ``(labels, balanced)``: ``labels`` (n, S) names each node's bloc by the smallest
    node index in it; ``balanced`` (S,) says whether the sample is balanced, in which case
    the blocs are the two sides of each connected component (Harary 1953's two-colouring,
    exact); otherwise they are the two sides of a cheap partition: the propagation's
    colouring (or ``start``, a 0/1 side per node such as a partition of the whole
    system) improved by up to ``sweeps`` rounds of single-actor moves (:func:`_one_opt`).
    Samples are processed ``chunk`` at a time (cache-sized arrays; each chunk stops as soon
    as its own samples converge). O(S m (d + sweeps)) with d the propagation sweeps.

    Parameters
    ----------
    n : int
        Nodes.
    eu, ev, sign : numpy.ndarray
        Edge ends and signs.
    present : numpy.ndarray or None
        ``(m, S)``: whether each edge is present in each sample.
    samples : int
    sweeps, chunk : int
    start : numpy.ndarray or None

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``labels`` (n, S) and ``balanced`` (S,).
    """
    code, balanced = _codes(n, (eu, ev, sign), present, samples, (sweeps, chunk, start))
    return _canonical(code), balanced


def _codes(
    n: int,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray],
    present: np.ndarray | None,
    samples: int,
    search: tuple[int, int, np.ndarray | None],
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`label_blocs` before canonicalisation: codes ``2 * root + side`` (n, S).

    ``edges`` is ``(eu, ev, sign)``; ``search`` is ``(sweeps, chunk, start)``.
    """
    eu, ev, sign = edges
    sweeps, chunk, start = search
    eu = np.asarray(eu, dtype=np.int64)
    ev = np.asarray(ev, dtype=np.int64)
    neg = (np.asarray(sign) < 0).astype(np.int32)
    labels = np.empty((n, samples), dtype=np.int32)
    balanced = np.ones(samples, dtype=bool)
    for lo in range(0, samples, chunk):
        hi = min(samples, lo + chunk)
        sub = None if present is None else present[:, lo:hi]
        code = _propagate(n, eu, ev, neg, sub, hi - lo)
        # balanced iff every present tie agrees with the colouring: code[u] ^ flip == code[v]
        bad = np.zeros(hi - lo, dtype=bool)
        for k in range(len(eu)):
            wrong = np.bitwise_xor(code[eu[k]], neg[k]) != code[ev[k]]
            if sub is not None:
                wrong &= sub[k]
            bad |= wrong
        ok = ~bad
        code = code.astype(np.int32)
        if bad.any():
            idx = slice(None) if bad.all() else np.flatnonzero(bad)
            part = None if sub is None else sub[:, idx]
            init = code[:, idx] & 1
            if start is not None:
                init = np.broadcast_to(np.asarray(start, dtype=np.int32)[:, None], init.shape)
            side = _one_opt(n, eu, ev, neg, part, init, sweeps)
            root = code[:, idx] >> 1
            cols = np.arange(root.shape[1])
            code[:, idx] = 2 * root + (side ^ side[root, cols[None, :]])
        labels[:, lo:hi] = code
        balanced[lo:hi] = ok
    return labels, balanced


def _one_opt(
    n: int,
    eu: np.ndarray,
    ev: np.ndarray,
    neg: np.ndarray,
    present: np.ndarray | None,
    side: np.ndarray,
    sweeps: int,
) -> np.ndarray:
    """Single-actor moves that lower each sample's frustration, vectorised over samples.

    Starts from ``side`` (0/1, (n, S)): the colouring left by the propagation. Each sweep
    visits every actor once and puts it on the side where fewer of its present ties are
    frustrated (ties kept on a draw): the local search of Doreian & Mrvar (1996) restricted to
    two blocs. O(sweeps * m * S).
    """
    spin = (1 - 2 * side).astype(np.int8)  # side 0 -> +1, side 1 -> -1
    samples = side.shape[1]
    w = np.where(neg > 0, -1, 1).astype(np.int8)[:, None].repeat(samples, axis=1)
    if present is not None:
        w *= present
    incident: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for k, (u, v) in enumerate(zip(eu.tolist(), ev.tolist(), strict=True)):
        incident[u].append((k, v))
        incident[v].append((k, u))
    wide = max((len(x) for x in incident), default=0) > 127
    h = np.empty(samples, dtype=np.int16 if wide else np.int8)
    term = np.empty(samples, dtype=np.int8)
    for _ in range(sweeps):
        moved = False
        for i in range(n):
            if not incident[i]:
                continue
            h.fill(0)
            for k, j in incident[i]:
                np.multiply(w[k], spin[j], out=term)
                h += term
            h *= spin[i]
            flip = h < 0
            if flip.any():
                moved = True
                np.negative(spin[i], where=flip, out=spin[i])
        if not moved:
            break
    return ((1 - spin) // 2).astype(np.int32)


# --------------------------------------------------------------------------- simulation


def _draw_present(rng: np.random.Generator, probs: np.ndarray, samples: int) -> np.ndarray | None:
    if np.all(probs >= 1.0):
        return None
    present = np.ones((probs.size, samples), dtype=bool)
    unsure = np.flatnonzero(probs < 1.0)
    draws = rng.random((unsure.size, samples), dtype=np.float32)
    present[unsure] = draws < probs[unsure, None].astype(np.float32)
    return present


def _quantiles(x: np.ndarray) -> dict[str, float]:
    q = np.quantile(x, [0.05, 0.5, 0.95])
    return {"5%": float(q[0]), "50%": float(q[1]), "95%": float(q[2])}


def _simulate_motion(
    system: System,
    motion: Motion,
    uncertainty: Any,
    rng: np.random.Generator,
    samples: int,
    method: IntervalMethod,
    level: float,
) -> MotionForecast:
    chamber = system.chamber(motion.chamber)
    rule = chamber.rule(motion.rule)
    needed = rule.seats_needed(chamber.size)
    stances = holder_stances(system, motion)
    defect = {x.actor: x.defect for x in uncertainty.loyalty if x.motion in (None, motion.id)}
    support = {x.actor: x.p for x in uncertainty.support if x.motion == motion.id}
    seats_for = np.zeros(samples, dtype=np.int32)
    votes_for: dict[str, np.ndarray | bool] = {}
    delivered: dict[str, np.ndarray | int] = {}
    base = 0
    for h in chamber.seats:
        st = stances[h.actor]
        base += h.seats if st == "for" else 0
        d = defect.get(h.actor, 0.0)
        if h.actor in support:
            is_for: np.ndarray | bool = rng.random(samples) < support[h.actor]
        else:
            is_for = st == "for"
        votes_for[h.actor] = is_for
        if d == 0.0:
            got: np.ndarray | int = (
                np.where(is_for, h.seats, 0)
                if isinstance(is_for, np.ndarray)
                else (h.seats if is_for else 0)
            )
        else:
            q = (
                np.where(is_for, 1.0 - d, d)
                if isinstance(is_for, np.ndarray)
                else (1.0 - d if is_for else d)
            )
            got = rng.binomial(h.seats, q, size=samples)
        delivered[h.actor] = got
        seats_for += got
    ok = seats_for >= needed
    # criticality: the holder's seats decide the count (without its votes for, a winning
    # count falls short; with all its seats, a losing one would carry)
    # equivalently: the others' seats x = seats_for - delivered lie in [needed - n, needed)
    critical = {}
    counts = np.bincount(seats_for)
    below = np.concatenate([[0], np.cumsum(counts)])  # below[t] = #samples with seats_for < t

    def n_below(t: int) -> int:
        return int(below[min(max(t, 0), below.size - 1)])

    for h in chamber.seats:
        if h.seats == 0:
            continue
        got = delivered[h.actor]
        if isinstance(got, np.ndarray):
            x = seats_for - got
            hits = int(np.count_nonzero((x >= needed - h.seats) & (x < needed)))
        else:  # a fixed delivery c: seats_for in [needed - n + c, needed + c)
            hits = n_below(needed + got) - n_below(needed - h.seats + got)
        critical[h.actor] = hits / samples
    for v in rule.veto_players:
        st = votes_for.get(v, stances.get(v) == "for" or v in motion.supporters)
        ok &= st
    gate_p = {x.actor: x.p for x in uncertainty.gatekeepers if x.motion == motion.id}
    gate_draw = {a: rng.random(samples) < p for a, p in gate_p.items()}
    if motion.routes:
        open_any = np.zeros(samples, dtype=bool)
        for route in motion.routes:
            open_r = np.ones(samples, dtype=bool)
            demand = max([route.signatures or 0, *(g.signatures or 0 for g in route.gatekeepers)])
            if demand:
                open_r &= seats_for >= demand
            for g in route.gatekeepers:
                if not g.required:
                    continue
                if g.actor in gate_draw:
                    open_r &= gate_draw[g.actor]
                elif g.stance == "against":
                    open_r[:] = False
            open_any |= open_r
    else:
        open_any = np.ones(samples, dtype=bool)
    passes = ok & open_any
    return MotionForecast(
        motion=motion.id,
        chamber=chamber.id,
        seats_needed=needed,
        passes=Estimate.of(int(passes.sum()), samples, method, level),
        route_open=Estimate.of(int(open_any.sum()), samples, method, level),
        seats_for_mean=float(seats_for.mean()),
        seats_for_quantiles=_quantiles(seats_for),
        base_seats_for=base,
        critical={a: p for a, p in sorted(critical.items(), key=lambda x: -x[1]) if p > 0},
    )


def simulate(
    system: System,
    samples: int = 10_000,
    seed: int | None = 0,
    scenario: Any = None,
    *,
    interval: IntervalMethod = "wilson",
    level: float = 0.95,
    top: int = 10,
    reference: str | None = None,
) -> SimulationResult:
    """Estimate the probability that each motion passes and of each bloc structure.

    ``scenario`` (a :class:`factions.sim.scenario.Scenario`) is applied first and its
    ``uncertainty`` block read; without it, only relation confidences are uncertain.
    ``top`` bloc structures are reported (most probable first), and for every actor the
    probability that it sits in the same bloc as ``reference`` (default: the first motion's
    target, else the actor with most ties). Same seed, same result.
    See the module docstring for the model and the complexity.

    Parameters
    ----------
    system : System
    samples : int
    seed : int or None
    scenario : Scenario, optional
    interval : {"wilson", "clopper-pearson"}
    level : float
        Confidence level of the intervals.
    top : int
        Bloc structures reported.
    reference : str or None
        Actor for the same-bloc probabilities.

    Returns
    -------
    SimulationResult
        With ``to_dict()`` (docs/results.md).

    References
    ----------
    Wilson, E. B. (1927); Clopper, C. J. & Pearson, E. S. (1934); Harary, F. (1953);
    Doreian, P. & Mrvar, A. (1996).
    """
    from factions.sim.scenario import Uncertainty, apply_scenario

    if samples < 1:
        raise ValueError("samples must be at least 1")
    if interval not in ("wilson", "clopper-pearson"):
        raise ValueError("interval is 'wilson' or 'clopper-pearson'")
    uncertainty = Uncertainty()
    name = None
    if scenario is not None:
        system = apply_scenario(system, scenario)
        uncertainty = scenario.uncertainty
        name = scenario.name
    rng = np.random.default_rng(seed)
    motions = tuple(
        _simulate_motion(system, m, uncertainty, rng, samples, interval, level)
        for m in system.motions
    )
    # --- bloc structures
    ids = list(system.actor_ids)
    index = {a: i for i, a in enumerate(ids)}
    override = {tuple(sorted((x.a, x.b))): x.p for x in uncertainty.relations}
    rels = list(system.relations)
    eu = np.array([index[r.a] for r in rels], dtype=np.int64)
    ev = np.array([index[r.b] for r in rels], dtype=np.int64)
    sign = np.array([r.sign for r in rels], dtype=np.int64)
    probs = np.array([override.get(r.pair, r.confidence) for r in rels], dtype=np.float64)
    present = _draw_present(rng, probs, samples)
    start = _base_sides(len(ids), eu, ev, sign)
    labels, balanced = label_blocs(len(ids), eu, ev, sign, present, samples, start=start)
    structures, distinct = _structures(labels, balanced, ids, top, interval, level)
    if reference is None:
        targets = [m.target for m in system.motions if m.target is not None]
        degree = np.bincount(np.concatenate([eu, ev]), minlength=len(ids))
        reference = targets[0] if targets else (str(ids[int(degree.argmax())]) if rels else None)
    alignment: dict[str, Estimate] = {}
    if reference is not None:
        if reference not in index:
            raise KeyError(f"unknown reference actor {reference!r}")
        same = (labels == labels[index[reference]][None, :]).sum(axis=1)
        alignment = {
            str(a): Estimate.of(int(same[i]), samples, interval, level)
            for i, a in enumerate(ids)
            if a != reference
        }
    return SimulationResult(
        samples=samples,
        seed=seed,
        interval=interval,
        level=level,
        motions=motions,
        structures=structures,
        distinct_structures=distinct,
        balanced=Estimate.of(int(balanced.sum()), samples, interval, level),
        uncertain_relations=int((probs < 1.0).sum()),
        reference=reference,
        alignment=alignment,
        tied_actors=tuple(sorted({x for r in rels for x in r.pair})),
        scenario=name,
    )


def _base_sides(n: int, eu: np.ndarray, ev: np.ndarray, sign: np.ndarray) -> np.ndarray | None:
    """A deterministic two-bloc partition of the whole system (every tie present).

    The signs of the leading eigenvector of the signed adjacency matrix (the spectral
    split of Kunegis et al. 2010; dense, deterministic ``eigh``), polished by single-actor
    moves until none lowers the frustration. It starts the local search of every unbalanced
    sample, so samples differ from it only where their ties do. Deterministic on purpose:
    results depend on the seed alone. O(n^3) for the eigenvectors, O(n m) for the moves.
    """
    if len(eu) == 0:
        return None
    a = np.zeros((n, n))
    a[eu, ev] = sign
    a[ev, eu] = sign
    _, vecs = np.linalg.eigh(a)
    spectral = (spectral_sides(vecs[:, -1]) < 0).astype(np.int32)
    code, _ = _codes(n, (eu, ev, sign), None, 1, (10 * n + 10, 16384, spectral))
    return (code[:, 0] & 1).astype(np.int32)


def _structures(
    labels: np.ndarray,
    balanced: np.ndarray,
    ids: list[Hashable],
    top: int,
    method: IntervalMethod,
    level: float,
) -> tuple[tuple[BlocStructure, ...], int]:
    n, s = labels.shape
    weights = np.random.default_rng(12345).integers(1, 2**63, size=n + 1, dtype=np.uint64)
    h = (labels.astype(np.uint64) * weights[:n, None]).sum(axis=0, dtype=np.uint64)
    h += balanced.astype(np.uint64) * weights[n]
    keys, first, counts = np.unique(h, return_index=True, return_counts=True)
    order = np.argsort(-counts, kind="stable")[:top]
    out = []
    for k in order:
        col = labels[:, first[k]]
        groups: dict[int, list[str]] = {}
        for i, lab in enumerate(col.tolist()):
            groups.setdefault(lab, []).append(str(ids[i]))
        blocs = tuple(sorted((tuple(g) for g in groups.values()), key=lambda g: (-len(g), g)))
        out.append(
            BlocStructure(
                blocs=blocs,
                method="two-sided" if balanced[first[k]] else "local",
                probability=Estimate.of(int(counts[k]), s, method, level),
            )
        )
    return tuple(out), int(keys.size)
