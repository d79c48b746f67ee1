"""k-bloc partitions under the Doreian & Mrvar (1996) error."""

from __future__ import annotations

import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factions.analysis import bloc_error, frustration_index, k_bloc_partition
from factions.io import read_edge_csv


def _random_signed(n: int, p: float, seed: int) -> nx.Graph:
    rng = np.random.default_rng(seed)
    g = nx.gnp_random_graph(n, p, seed=seed)
    for a, b in g.edges:
        g[a][b]["sign"] = int(rng.choice([-1, 1]))
    return g


def _brute(g: nx.Graph, k: int, alpha: float) -> float:
    nodes = list(g.nodes)
    best = np.inf
    for labels in itertools.product(range(k), repeat=len(nodes) - 1):
        lab = dict(zip(nodes, (0, *labels), strict=True))
        best = min(best, bloc_error(g, lab, alpha))
    return best


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(2, 7),
    st.floats(0.2, 1.0),
    st.integers(0, 10_000),
    st.integers(2, 3),
    st.sampled_from([0.5, 0.3]),
)
def test_exact_k_blocs_equal_brute_force(n, p, seed, k, alpha):
    g = _random_signed(n, p, seed)
    r = k_bloc_partition(g, k, alpha=alpha)
    assert r.optimal and r.method == "milp"
    assert r.error == pytest.approx(_brute(g, k, alpha))
    assert r.error == pytest.approx(bloc_error(g, [list(b) for b in r.blocs], alpha))
    assert len(r.blocs) <= k


@settings(max_examples=20, deadline=None)
@given(st.integers(3, 9), st.integers(0, 10_000))
def test_two_blocs_are_half_the_frustration_index(n, seed):
    g = _random_signed(n, 0.6, seed)
    assert 2 * k_bloc_partition(g, 2).error == pytest.approx(frustration_index(g).frustration_index)


def test_heuristic_reports_a_valid_bound():
    # three planted blocs with a little noise, too big for the exact route
    rng = np.random.default_rng(7)
    g = nx.Graph()
    blocs = np.repeat([0, 1, 2], 30)
    for i, j in itertools.combinations(range(90), 2):
        if rng.random() < 0.15:
            s = 1 if blocs[i] == blocs[j] else -1
            if rng.random() < 0.05:
                s = -s
            g.add_edge(i, j, sign=s)
    r = k_bloc_partition(g, 3, time_limit=20)
    assert r.method == "relocation"
    assert 0 <= r.lower_bound <= r.error + 1e-9
    planted = bloc_error(g, {i: int(blocs[i]) for i in range(90)})
    assert r.error <= planted + 1e-9
    assert sum(len(b) for b in r.blocs) == 90


def test_highland_three_blocs(shared):
    g = read_edge_csv(shared / "data/signed/highland_tribes_signnet.csv")
    r = k_bloc_partition(g, 3)
    assert r.optimal
    assert {"Gavev", "Kotun", "Nagad", "Gama"} in [set(b) for b in r.blocs]
    assert r.error < k_bloc_partition(g, 2).error
