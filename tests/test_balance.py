"""Balance measures and the exact frustration index (Aref, Mason & Wilson 2018, 2020)."""

from __future__ import annotations

import itertools
import math

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factions.analysis import (
    as_signed_graph,
    balance_report,
    frustration_brute_force,
    frustration_index,
    frustration_of_partition,
    is_balanced,
    next_best_partition,
    textbook_frustration_milp,
    triad_census,
    triangle_balance,
    unbalanced_triangles,
    walk_balance,
)
from factions.analysis.signed_graph import SignedGraph, SignedInputError
from factions.io import read_edge_csv, read_signed_graph

SIGNED = "data/signed"


# ----------------------------------------------------------------------------- strategies


@st.composite
def signed_graphs(draw, max_nodes: int = 12, weighted: bool = False) -> nx.Graph:
    n = draw(st.integers(1, max_nodes))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    density = draw(st.floats(0.1, 1.0))
    for i, j in itertools.combinations(range(n), 2):
        if draw(st.floats(0, 1)) < density:
            w = draw(st.integers(1, 4)) if weighted else 1
            g.add_edge(i, j, sign=draw(st.sampled_from([-1, 1])), weight=w)
    return g


@st.composite
def balanced_graphs(draw) -> nx.Graph:
    n = draw(st.integers(1, 14))
    side = draw(st.lists(st.integers(0, 1), min_size=n, max_size=n))
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for i, j in itertools.combinations(range(n), 2):
        if draw(st.booleans()):
            g.add_edge(i, j, sign=1 if side[i] == side[j] else -1)
    return g


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------- properties


@FAST
@given(balanced_graphs())
def test_balanced_graph_has_index_zero(g):
    r = frustration_index(g)
    assert r.frustration_index == 0 and r.optimal and r.frustrated_edges == ()
    assert is_balanced(g)


@FAST
@given(signed_graphs(max_nodes=10), st.data())
def test_flipping_one_sign_moves_index_by_at_most_one(g, data):
    if g.number_of_edges() == 0:
        return
    a, b = data.draw(st.sampled_from(sorted(g.edges)))
    before = frustration_index(g).frustration_index
    h = g.copy()
    h[a][b]["sign"] = -h[a][b]["sign"]
    after = frustration_index(h).frustration_index
    assert abs(after - before) <= 1


@FAST
@given(signed_graphs(max_nodes=12), st.data())
def test_index_bounded_by_negatives_and_by_any_partition(g, data):
    r = frustration_index(g)
    negatives = sum(1 for *_, s in g.edges(data="sign") if s < 0)
    assert r.frustration_index <= negatives
    side = {v: data.draw(st.integers(0, 1)) for v in g.nodes}
    assert r.frustration_index <= frustration_of_partition(g, side)


@FAST
@given(signed_graphs(max_nodes=12))
def test_exact_equals_brute_force(g):
    bf, _ = frustration_brute_force(g)
    for cutting_planes in (True, False):  # the LP route and the branch-and-bound route
        r = frustration_index(g, cutting_planes=cutting_planes)
        assert r.optimal
        assert r.frustration_index == bf
        assert frustration_of_partition(g, r.side) == bf
        assert len(r.frustrated_edges) == bf


@FAST
@given(signed_graphs(max_nodes=10, weighted=True))
def test_weighted_exact_equals_brute_force(g):
    bf, _ = frustration_brute_force(g)
    for cutting_planes in (True, False):
        r = frustration_index(g, cutting_planes=cutting_planes)
        assert r.optimal and r.frustration_index == pytest.approx(bf)


@FAST
@given(signed_graphs(max_nodes=10), st.data())
def test_switching_a_node_keeps_the_index(g, data):
    """Switching (negating every sign at one node) preserves balance (Zaslavsky 1982)."""
    if g.number_of_nodes() == 0:
        return
    v = data.draw(st.sampled_from(sorted(g.nodes)))
    h = g.copy()
    for w in h[v]:
        h[v][w]["sign"] = -h[v][w]["sign"]
    assert frustration_index(h).frustration_index == frustration_index(g).frustration_index


def test_triad_census_matches_enumeration():
    rng = np.random.default_rng(3)
    g = nx.gnp_random_graph(14, 0.5, seed=3)
    for a, b in g.edges:
        g[a][b]["sign"] = int(rng.choice([-1, 1]))
    counts = [0, 0, 0, 0]
    for a, b, c in itertools.combinations(g.nodes, 3):
        if g.has_edge(a, b) and g.has_edge(b, c) and g.has_edge(a, c):
            neg = sum(g[x][y]["sign"] < 0 for x, y in ((a, b), (b, c), (a, c)))
            counts[neg] += 1
    t = triad_census(g)
    assert [t.ppp, t.ppn, t.pnn, t.nnn] == counts
    assert len(unbalanced_triangles(g)) == counts[1] + counts[3]
    assert triangle_balance(g) == pytest.approx((counts[0] + counts[2]) / sum(counts))


def test_walk_balance_is_one_iff_balanced():
    g = nx.Graph()
    g.add_edge("a", "b", sign=1)
    g.add_edge("b", "c", sign=-1)
    g.add_edge("a", "c", sign=-1)
    assert walk_balance(g) == pytest.approx(1.0)
    g["a"]["c"]["sign"] = 1
    assert walk_balance(g) < 1.0
    assert not is_balanced(g)


def test_components_and_bridges_are_solved_separately():
    # two unbalanced triangles joined by a bridge, plus a pendant negative edge
    g = nx.Graph()
    for a, b, s in [(0, 1, 1), (1, 2, 1), (0, 2, -1), (3, 4, -1), (4, 5, -1), (3, 5, -1)]:
        g.add_edge(a, b, sign=s)
    g.add_edge(2, 3, sign=-1)
    g.add_edge(5, 6, sign=-1)
    g.add_edge(7, 8, sign=1)  # a separate component
    r = frustration_index(g)
    assert r.frustration_index == 2 and r.optimal
    assert frustration_of_partition(g, r.side) == 2
    assert r.stats["blocks"] == 2


def test_negative_self_loop_is_always_frustrated():
    g = nx.Graph()
    g.add_edge("a", "b", sign=1)
    g.add_edge("a", "a", sign=-1)
    r = frustration_index(g)
    assert r.frustration_index == 1 and ("a", "a") in r.frustrated_edges


def test_time_limit_reports_a_consistent_bound():
    rng = np.random.default_rng(0)
    g = nx.gnp_random_graph(120, 0.15, seed=0)
    for a, b in g.edges:
        g[a][b]["sign"] = int(rng.choice([-1, 1]))
    r = frustration_index(g, time_limit=0.05)
    assert r.lower_bound <= r.frustration_index
    assert frustration_of_partition(g, r.side) == r.frustration_index
    if r.optimal:
        assert r.gap == 0 and r.lower_bound == r.frustration_index
    else:
        assert 0 < r.gap <= 1


def test_bad_inputs_name_the_problem(tmp_path):
    g = nx.Graph()
    g.add_edge("a", "b")
    with pytest.raises(SignedInputError, match="sign"):
        as_signed_graph(g)
    p = tmp_path / "ties.csv"
    p.write_text("source,target,sign\na,b,1\nb,c,zero\n")
    with pytest.raises(SignedInputError, match=r"ties.csv:3: field 'sign'"):
        read_edge_csv(p)
    p.write_text("source,target,sign\na,b,1\nb,a,-1\n")
    with pytest.raises(SignedInputError, match=r"ties.csv:3"):
        read_edge_csv(p)


# ----------------------------------------------------------------------------- reference data


def test_highland_tribes(shared):
    g = read_edge_csv(shared / SIGNED / "highland_tribes_signnet.csv")
    r = frustration_index(g)
    assert r.frustration_index == 7 and r.optimal and r.lower_bound == 7
    small = min(r.partition, key=len)
    assert set(small) == {"Gavev", "Kotun", "Nagad", "Gama"}
    assert len(r.partition[0]) + len(r.partition[1]) == 16
    # uniqueness, twice: the next-best partition (no-good cut) is worse...
    value, _, proven = next_best_partition(g, [r.side])
    assert proven and value > 7
    # ...and an independent enumeration of all 2^15 partitions finds one optimum
    nodes = list(g.nodes)
    x = np.array(list(itertools.product([0, 1], repeat=len(nodes) - 1)), dtype=np.int8)
    x = np.hstack([np.zeros((x.shape[0], 1), dtype=np.int8), x])
    same = x[:, g.u] == x[:, g.v]
    frustrated = np.where(g.sign > 0, ~same, same).sum(axis=1)
    assert frustrated.min() == 7 and int((frustrated == 7).sum()) == 1


def test_highland_tribes_node_file_agrees(shared):
    names = pd.read_csv(shared / SIGNED / "highland_tribes_nodes.csv")["name"]
    g = read_edge_csv(shared / SIGNED / "highland_tribes_signnet.csv")
    assert set(g.nodes) == set(names)


def _cow(shared):
    d = pd.read_csv(shared / SIGNED / "cow_signed_1946_1999_signnet.csv")
    for period, rows in d.groupby("period", sort=False):
        g = nx.Graph()
        for a, b, s in rows[["source", "target", "sign"]].itertuples(index=False):
            g.add_edge(a, b, sign=int(s))
        yield period, g


def test_all_51_cow_networks_proven_optimal(shared):
    results = {p: frustration_index(g, time_limit=60) for p, g in _cow(shared)}
    assert len(results) == 51
    assert all(r.optimal for r in results.values())
    assert results["46-49"].frustration_index > 0
    for r in results.values():
        assert r.lower_bound == r.frustration_index
        assert len(r.frustrated_edges) == r.frustration_index


def test_cow_agrees_with_the_textbook_model(shared):
    for period, g in list(_cow(shared))[:2]:
        ours = frustration_index(g)
        value, proven, _, _ = textbook_frustration_milp(g, time_limit=120)
        assert proven, period
        assert ours.frustration_index == value, period


@pytest.mark.slow
def test_us_house_h97(shared):
    g = read_signed_graph(shared / SIGNED / "us_house_H97_signed_adjacency.csv")
    assert (g.n, g.m) == (447, 4954)
    rep = balance_report(g)
    r = rep.frustration
    assert r.optimal and r.lower_bound == r.frustration_index
    assert frustration_of_partition(g, r.side) == r.frustration_index
    assert len(r.frustrated_edges) == r.frustration_index
    assert rep.triads.total > 0


def test_signed_graph_arrays_round_trip():
    sg = SignedGraph.from_edges([("x", "y", -1), ("y", "z", 1, 2.5)])
    g = sg.to_networkx()
    assert g["y"]["z"]["weight"] == 2.5 and g["x"]["y"]["sign"] == -1
    assert math.isclose(frustration_of_partition(sg, [["x", "y", "z"]]), 1.0)


def _odd_negative_cycle() -> nx.Graph:
    # an odd cycle of negative ties: every choice of the one frustrated tie is optimal
    g = nx.Graph()
    for i in range(7):
        g.add_edge(f"n{i}", f"n{(i + 1) % 7}", sign=-1)
    g.add_edges_from([("n0", "x", {"sign": 1}), ("x", "n3", {"sign": -1})])
    return g


def _zero_in_the_spectrum() -> nx.Graph:
    # two optimal partitions, and a leading eigenvector whose entry for "d" is zero up to
    # rounding noise that differs run to run: its side must not follow the noise
    g = nx.Graph()
    g.add_nodes_from("abcde")
    g.add_edges_from(
        [
            ("a", "b", {"sign": 1}),
            ("a", "e", {"sign": -1}),
            ("b", "c", {"sign": -1}),
            ("b", "d", {"sign": 1}),
            ("c", "d", {"sign": 1}),
            ("c", "e", {"sign": 1}),
        ]
    )
    return g


@pytest.mark.parametrize("make", [_odd_negative_cycle, _zero_in_the_spectrum])
def test_partition_is_reproducible_when_optima_tie(make):
    g = make()
    runs = [frustration_index(g) for _ in range(16)]
    assert {r.frustration_index for r in runs} == {runs[0].frustration_index}
    assert all(r.partition == runs[0].partition for r in runs)
    assert all(r.frustrated_edges == runs[0].frustrated_edges for r in runs)
