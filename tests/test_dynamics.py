"""Balance dynamics (Antal, Krapivsky & Redner 2005) and landscape realignment (Axelrod & Bennett)."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.sim import (
    complete_signed_graph,
    constrained_triad_dynamics,
    flip_changes,
    ltd_rho_infinity,
    ltd_steady_state,
    realign,
    signed_matrix,
    triad_dynamics,
)
from factions.sim.dynamics import _count_imbalanced, _global_minimum, _triangles


@pytest.mark.parametrize("p", [0.0, 0.2])
def test_ltd_steady_state_matches_mean_field(p: float) -> None:
    # 16 runs of K_40 advanced together; 5 time units of burn-in, 10 of averaging
    mean, se = ltd_steady_state(40, p, runs=16, burn_in=5.0, measure=10.0, seed=2005)
    expected = 1.0 / (np.sqrt(3.0 * (1.0 - 2.0 * p)) + 1.0)
    assert ltd_rho_infinity(p) == pytest.approx(expected)
    assert abs(mean - expected) < 0.02
    assert se < 0.005


def test_ltd_p_above_half_goes_to_paradise() -> None:
    res = triad_dynamics(complete_signed_graph(12, 0.5, seed=1), 0.8, updates=200_000, seed=3)
    assert res.balanced[0] and res.rho[-1, 0] == 1.0
    assert ltd_rho_infinity(0.8) == 1.0


def _triangle(signs: tuple[int, int, int]) -> np.ndarray:
    m = np.zeros((3, 3), dtype=np.int8)
    m[0, 1] = m[1, 0] = signs[0]
    m[1, 2] = m[2, 1] = signs[1]
    m[0, 2] = m[2, 0] = signs[2]
    return m


def test_update_rules_on_one_triangle() -> None:
    # ++- with p = 1: the unfriendly link is fixed -> +++
    res = triad_dynamics(_triangle((1, 1, -1)), 1.0, updates=1, runs=50, seed=0)
    assert np.all(res.final.sum(axis=(1, 2)) == 6)
    # ++- with p = 0: a friendly link breaks -> one + and two -
    res = triad_dynamics(_triangle((1, 1, -1)), 0.0, updates=1, runs=200, seed=0)
    negs = (res.final < 0).sum(axis=(1, 2)) // 2
    assert np.all(negs == 2) and np.all(res.balanced)
    broken = {tuple(int(v) for v in (m[0, 1], m[1, 2], m[0, 2])) for m in res.final}
    assert broken == {(-1, 1, -1), (1, -1, -1)}  # both friendly links get chosen
    # --- : one link turns friendly
    res = triad_dynamics(_triangle((-1, -1, -1)), 0.3, updates=1, runs=200, seed=0)
    assert np.all((res.final > 0).sum(axis=(1, 2)) // 2 == 1)
    # balanced triangles never change
    for signs in [(1, 1, 1), (1, -1, -1)]:
        res = triad_dynamics(_triangle(signs), 0.5, updates=10, runs=5, seed=0)
        assert np.all(res.final == _triangle(signs)) and res.times[-1] == 0


def test_reproducible_by_seed_and_runs_differ() -> None:
    m = complete_signed_graph(15, 0.3, seed=4)
    a = triad_dynamics(m, 0.1, updates=3000, runs=4, seed=9, stop_when_balanced=False)
    b = triad_dynamics(m, 0.1, updates=3000, runs=4, seed=9, stop_when_balanced=False)
    assert np.array_equal(a.final, b.final) and np.array_equal(a.rho, b.rho)
    assert not np.array_equal(a.final[0], a.final[1])
    c = triad_dynamics(m, 0.1, updates=3000, runs=4, seed=10, stop_when_balanced=False)
    assert not np.array_equal(a.final, c.final)


@settings(max_examples=30, deadline=None)
@given(st.integers(3, 9), st.floats(0.0, 1.0), st.floats(0.2, 1.0), st.integers(0, 10_000))
def test_imbalanced_triangle_count(n: int, rho0: float, density: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = complete_signed_graph(n, rho0, seed)
    keep = np.triu(rng.random((n, n)) < density, 1)
    m = (m * (keep + keep.T)).astype(np.int8)
    brute = sum(
        1
        for i, j, k in itertools.combinations(range(n), 3)
        if m[i, j] and m[j, k] and m[i, k] and m[i, j] * m[j, k] * m[i, k] < 0
    )
    assert _count_imbalanced(m[None])[0] == brute
    tris = {tuple(t) for t in _triangles(m).tolist()}
    assert tris == {
        (i, j, k)
        for i, j, k in itertools.combinations(range(n), 3)
        if m[i, j] and m[j, k] and m[i, k]
    }


def test_dynamics_on_a_sparse_system_graph() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", sign=1)
    g.add_edge("b", "c", sign=1)
    g.add_edge("a", "c", sign=-1)
    g.add_edge("c", "d", sign=-1)  # in no triangle: never changes
    res = triad_dynamics(g, 1.0, updates=10, seed=1)
    final = res.final_graph()
    assert final["a"]["c"]["sign"] == 1 and final["c"]["d"]["sign"] == -1
    assert res.balanced[0] and res.absorbed_at[0] == 1
    d = res.to_dict()
    assert d["final_rho"] == [0.75] and d["balanced"] == [True]
    assert signed_matrix(final, ["a", "b", "c", "d"])[0, 2] == 1


def _two_camps() -> nx.Graph:
    g = nx.Graph()
    camps = [["a", "b", "c"], ["x", "y", "z"]]
    for camp in camps:
        for u, v in itertools.combinations(camp, 2):
            g.add_edge(u, v, sign=1)
    for u in camps[0]:
        for v in camps[1]:
            g.add_edge(u, v, sign=-1)
    return g


def test_realign_splits_two_camps() -> None:
    res = realign(_two_camps())
    assert res.initial_frustration == 9 and res.frustration == 0
    assert sorted(map(sorted, res.blocs())) == [["a", "b", "c"], ["x", "y", "z"]]
    assert res.stable and res.jammed is False and res.global_minimum == 0
    assert len(res.path) == 3 and res.path[-1][2] == 0
    assert res.to_dict()["frustrated_ties"] == []


def test_realign_weighted_from_a_given_split() -> None:
    # two friendly triangles joined by heavy hostile ties (weight 3)
    g = nx.Graph()
    for u, v in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]:
        g.add_edge(u, v, sign=1, weight=1.0)
    for u in "abc":
        for v in "xyz":
            g.add_edge(u, v, sign=-1, weight=3.0)
    start = {"a": 0, "b": 0, "c": 0, "x": 1, "y": 1, "z": 1}
    assert realign(g, start, weight="weight").jammed is False
    res = realign(g, {"a": 0, "b": 0, "x": 1, "y": 1, "c": 0, "z": 1}, weight="weight")
    assert res.frustration == res.global_minimum == 0
    # weighted frustration is what is minimised
    heavy = realign(g, weight="weight")
    assert heavy.frustration == 0 and heavy.initial_frustration == 27


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 9), st.integers(0, 10_000), st.sampled_from(["steepest", "random"]))
def test_realign_ends_in_a_local_minimum(n: int, seed: int, order: str) -> None:
    rng = np.random.default_rng(seed)
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i, j in itertools.combinations(range(n), 2):
        if rng.random() < 0.7:
            g.add_edge(i, j, sign=int(rng.choice([-1, 1])), weight=float(rng.integers(1, 4)))
    start = {v: int(rng.integers(0, 2)) for v in range(n)}
    res = realign(g, start, weight="weight", order=order, seed=seed)
    assert res.stable
    assert res.frustration <= res.initial_frustration
    # no single switch lowers the frustration
    for v in range(n):
        flipped = dict(res.sides)
        flipped[v] = 1 - flipped[v]
        assert (
            realign(g, flipped, weight="weight", max_moves=0).initial_frustration
            >= res.frustration - 1e-9
        )
    # the exact global minimum by brute force
    best = min(
        realign(
            g, dict(zip(range(n), bits, strict=True)), weight="weight", max_moves=0
        ).initial_frustration
        for bits in itertools.product([0, 1], repeat=n)
    )
    assert res.global_minimum == pytest.approx(best)
    assert res.jammed == (res.frustration > best + 1e-9)
    assert _global_minimum(np.zeros((1, 1))) == 0.0


def test_realign_jammed_example() -> None:
    # An odd cycle of enmities cannot be balanced; from everyone together, steepest descent
    # stops at frustration 1 = the global minimum (not jammed).
    g = nx.cycle_graph(5)
    nx.set_edge_attributes(g, -1, "sign")
    res = realign(g)
    assert res.frustration == res.global_minimum == 1 and res.jammed is False
    # five actors, everyone starting together: steepest descent moves actor 1 out and stops
    # at frustration 4, while the best split has frustration 2: a jammed state
    h = nx.Graph()
    ties = [(0, 1, 1), (0, 2, 1), (0, 3, 1), (0, 4, -1), (1, 2, -1)]
    ties += [(1, 3, -1), (1, 4, -1), (2, 3, -1), (2, 4, -1), (3, 4, 1)]
    for u, v, sign in ties:
        h.add_edge(u, v, sign=sign)
    jam = realign(h)
    assert jam.initial_frustration == 6 and jam.path == [(1, 1, 4.0)]
    assert jam.stable and jam.frustration == 4 and jam.global_minimum == 2
    assert jam.jammed is True
    via_milp = realign(h, exact_limit=3)  # above the enumeration limit: exact MILP
    assert via_milp.jammed is True and via_milp.global_minimum == 2
    assert realign(h, exact_limit=3, time_limit=0).jammed is None  # check skipped


def _brute_flip_changes(m: np.ndarray) -> np.ndarray:
    n = m.shape[0]
    base = _count_imbalanced(m[None])[0]
    out = np.zeros((n, n), dtype=np.int64)
    for i, j in itertools.combinations(range(n), 2):
        if m[i, j]:
            f = m.copy()
            f[i, j] = f[j, i] = -m[i, j]
            out[i, j] = out[j, i] = _count_imbalanced(f[None])[0] - base
    return out


@settings(max_examples=25, deadline=None)
@given(st.integers(3, 8), st.floats(0.0, 1.0), st.integers(0, 10_000))
def test_flip_changes_match_brute_force(n: int, rho0: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    m = complete_signed_graph(n, rho0, seed)
    keep = np.triu(rng.random((n, n)) < 0.7, 1)
    m = (m * (keep + keep.T)).astype(np.int8)
    assert np.array_equal(flip_changes(m), _brute_flip_changes(m))


@settings(max_examples=25, deadline=None)
@given(st.integers(4, 12), st.integers(0, 10_000))
def test_ctd_never_increases_imbalance(n: int, seed: int) -> None:
    m = complete_signed_graph(n, 0.5, seed)
    res = constrained_triad_dynamics(m, updates=5000, seed=seed, record_every=1)
    assert np.all(np.diff(res.imbalanced) <= 0)
    assert res.imbalanced[-1] == _count_imbalanced(res.final[None])[0]
    assert res.rho[-1] == pytest.approx((np.triu(res.final, 1) > 0).sum() / res.n_links)
    if res.balanced:
        assert res.imbalanced[-1] == 0 and not res.jammed
    again = constrained_triad_dynamics(m, updates=5000, seed=seed, record_every=1)
    assert np.array_equal(res.final, again.final)


def test_ctd_finds_a_jammed_state() -> None:
    # K9 from this seed freezes after 10 flips with 27 imbalanced triangles: every one of the
    # 36 links sits in more balanced than imbalanced triangles, so any flip adds imbalance
    # (ATR: jammed states exist on complete graphs from N = 9)
    res = constrained_triad_dynamics(
        complete_signed_graph(9, 0.5, seed=111), updates=20_000, seed=111
    )
    assert res.jammed and not res.balanced and res.local_minimum
    assert res.imbalanced[-1] == 27 and res.flips == 10
    brute = _brute_flip_changes(res.final)
    assert np.all(brute[np.triu_indices(9, 1)] > 0)
    d = res.to_dict()
    assert d["jammed"] is True and d["path"][-1]["imbalanced_triangles"] == 27


def test_ctd_balances_a_single_triangle() -> None:
    res = constrained_triad_dynamics(_triangle((1, 1, -1)), updates=100, seed=0)
    assert res.balanced and res.flips == 1 and not res.jammed
    assert _count_imbalanced(res.final[None])[0] == 0
