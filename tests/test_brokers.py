"""Brokers: removal and tie-flip effects, bridges, positive-path gateways."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from factions.analysis import (
    brokers,
    frustration_index,
    pn_centrality,
    positive_betweenness,
    removal_effects,
    tie_flip_effects,
)


def _gateway() -> nx.Graph:
    """Two capitals friendly only through a gateway, facing a rival camp."""
    g = nx.Graph()
    for a, b, s in [
        ("damascus", "gateway", 1),
        ("gateway", "tehran", 1),
        ("damascus", "rival", -1),
        ("tehran", "rival", -1),
        ("rival", "patron", 1),
        ("patron", "gateway", 1),  # the frustrated friendship across the blocs
        ("patron", "damascus", -1),
    ]:
        g.add_edge(a, b, sign=s)
    return g


def test_gateway_and_removal_effects():
    g = _gateway()
    base = frustration_index(g)
    assert base.frustration_index == 1
    eff = removal_effects(g)
    for v, e in eff.items():
        h = g.copy()
        h.remove_node(v)
        assert e == base.frustration_index - frustration_index(h).frustration_index
    btw = positive_betweenness(g)
    assert max(btw, key=btw.get) == "gateway"
    rep = brokers(g)
    assert rep.actors[0].removal_effect == 1
    assert base.frustrated_edges == (("gateway", "patron"),)
    assert [a.actor for a in rep.actors[:2]] == ["gateway", "patron"]  # ties broken by betweenness
    assert {a.actor for a in rep.actors if a.positive_across > 0} == {"gateway", "patron"}
    assert sum(a.frustrated_ties for a in rep.actors) == 2 * base.frustration_index


def test_tie_flips_agree_with_resolving():
    rng = np.random.default_rng(5)
    g = nx.gnp_random_graph(9, 0.5, seed=5)
    for a, b in g.edges:
        g[a][b]["sign"] = int(rng.choice([-1, 1]))
    base = frustration_index(g).frustration_index
    flips = tie_flip_effects(g)
    assert len(flips) == g.number_of_edges()
    for f in flips:
        h = g.copy()
        h[f.source][f.target]["sign"] = -f.sign
        assert f.effect == frustration_index(h).frustration_index - base
        assert f.effect in (-1, 0, 1)
        if f.frustrated:
            assert f.effect == -1
    assert [f.effect for f in flips] == sorted(f.effect for f in flips)


def test_pn_centrality_matches_definition():
    g = _gateway()
    pn = pn_centrality(g)
    nodes = list(g.nodes)
    n = len(nodes)
    a = np.zeros((n, n))
    for x, y, s in g.edges(data="sign"):
        i, j = nodes.index(x), nodes.index(y)
        a[i, j] = a[j, i] = 1 if s > 0 else -2
    expect = np.linalg.inv(np.eye(n) - a / (2 * n - 2)) @ np.ones(n)
    assert [pn[v] for v in nodes] == pytest.approx(expect.tolist())


def test_large_graph_skips_exact_effects():
    rng = np.random.default_rng(1)
    g = nx.gnp_random_graph(30, 0.2, seed=1)
    for a, b in g.edges:
        g[a][b]["sign"] = int(rng.choice([-1, 1]))
    rep = brokers(g, exact_max_nodes=10)
    assert not rep.exact and rep.notes
    assert all(a.removal_effect is None for a in rep.actors)
