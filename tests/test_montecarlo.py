"""Monte Carlo: intervals, vectorised bloc labelling against exact per-sample answers,
motion probabilities against closed forms, reproducibility."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binom

from factions.analysis.frustration import two_colouring
from factions.model import loads_system
from factions.sim.montecarlo import clopper_pearson, label_blocs, simulate, wilson
from factions.sim.scenario import loads_scenario


def test_wilson_and_clopper_pearson_known_values():
    lo, hi = wilson(5, 10)
    assert lo == pytest.approx(0.2366, abs=1e-4) and hi == pytest.approx(0.7634, abs=1e-4)
    lo, hi = clopper_pearson(5, 10)
    assert lo == pytest.approx(0.1871, abs=1e-4) and hi == pytest.approx(0.8129, abs=1e-4)
    assert clopper_pearson(0, 20)[0] == 0.0 and clopper_pearson(20, 20)[1] == 1.0
    lo, hi = wilson(0, 100)
    assert lo == 0.0 and 0.03 < hi < 0.04


@st.composite
def sampled_graphs(draw):
    n = draw(st.integers(2, 9))
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    edges = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs)))
    signs = draw(st.lists(st.sampled_from([1, -1]), min_size=len(edges), max_size=len(edges)))
    s = draw(st.integers(1, 12))
    bits = draw(st.lists(st.booleans(), min_size=len(edges) * s, max_size=len(edges) * s))
    present = np.array(bits, dtype=bool).reshape(len(edges), s)
    return n, edges, np.array(signs, dtype=np.int64), present


@settings(max_examples=150, deadline=None)
@given(sampled_graphs())
def test_label_blocs_matches_exact_two_colouring(case):
    n, edges, sign, present = case
    eu = np.array([e[0] for e in edges], dtype=np.int64)
    ev = np.array([e[1] for e in edges], dtype=np.int64)
    labels, balanced = label_blocs(n, eu, ev, sign, present, present.shape[1], chunk=5)
    for s in range(present.shape[1]):
        keep = present[:, s]
        side = two_colouring(n, eu[keep], ev[keep], sign[keep])
        assert balanced[s] == (side is not None)
        lab = labels[:, s]
        # labels name each bloc by its first node
        assert all(lab[i] <= i and lab[lab[i]] == lab[i] for i in range(n))
        g = nx.Graph()
        g.add_nodes_from(range(n))
        g.add_edges_from(zip(eu[keep].tolist(), ev[keep].tolist(), strict=True))
        for comp in nx.connected_components(g):
            comp = sorted(comp)
            blocs = {lab[i] for i in comp}
            assert len(blocs) <= 2
            assert all(lab[i] >= comp[0] for i in comp)  # blocs never span components
            if side is not None:
                for i in comp:
                    for j in comp:
                        assert (lab[i] == lab[j]) == (side[i] == side[j])


@settings(max_examples=60, deadline=None)
@given(sampled_graphs())
def test_local_partition_is_one_opt(case):
    n, edges, sign, present = case
    eu = np.array([e[0] for e in edges], dtype=np.int64)
    ev = np.array([e[1] for e in edges], dtype=np.int64)
    labels, balanced = label_blocs(n, eu, ev, sign, present, present.shape[1], sweeps=100)
    for s in np.flatnonzero(~balanced):
        keep = present[:, s]
        lab = labels[:, s]
        for i in range(n):
            # moving i to the other side of its component cannot lower its frustrated ties
            mine = other = 0
            for k in np.flatnonzero(keep):
                u, v = int(eu[k]), int(ev[k])
                if i not in (u, v):
                    continue
                j = v if u == i else u
                same = lab[i] == lab[j]
                mine += (sign[k] > 0) != same
                other += (sign[k] > 0) == same
            assert mine <= other


PARLIAMENT = """
name: p
actors:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
  - {id: gate, name: Gate}
relations:
  - {a: a, b: b, sign: 1}
  - {a: b, b: c, sign: 1}
  - {a: a, b: c, sign: -1, confidence: 0.3}
chambers:
  - id: h
    name: H
    size: 100
    seats: [{actor: a, seats: 40}, {actor: b, seats: 20}, {actor: c, seats: 40}]
    rules: [{id: maj, threshold: absolute}]
motions:
  - id: m
    chamber: h
    rule: maj
    supporters: [a, b]
    opponents: [c]
    routes: [{id: r, gatekeepers: [{actor: gate, stance: for}]}]
"""


@pytest.fixture(scope="module")
def parliament():
    return loads_system(PARLIAMENT)


def test_no_uncertainty_reproduces_the_deterministic_outcome(parliament):
    r = simulate(parliament, 2000, seed=1)
    m = r.motion("m")
    assert m.passes.p == 1.0 and m.seats_for_mean == 60 and m.seats_needed == 51
    # the negative tie holds with p = 0.3: balanced exactly when it is absent
    assert r.balanced.low <= 0.7 <= r.balanced.high
    assert r.uncertain_relations == 1
    top = r.structures[0]
    assert top.method == "two-sided" and top.blocs[0] == ("a", "b", "c")
    assert top.probability.low <= 0.7 <= top.probability.high


def test_loyalty_is_binomial(parliament):
    sc = loads_scenario("name: l\nuncertainty:\n  loyalty:\n    - {actor: a, defect: 0.1}\n")
    r = simulate(parliament, 100_000, seed=3, scenario=sc)
    # passes when a delivers >= 31 of 40 seats, each with probability 0.9
    exact = binom.sf(30, 40, 0.9)
    m = r.motion("m")
    assert m.passes.low - 0.002 <= exact <= m.passes.high + 0.002
    assert abs(m.seats_for_mean - (36 + 20)) < 0.1
    # b (20 seats) decides exactly when the motion passes; a (40) always decides: without
    # it 20 < 51, with all its seats 60 >= 51
    assert m.critical["b"] == pytest.approx(m.passes.p, abs=1e-9)
    assert m.critical["a"] == 1.0
    # c (40, against) decides whenever the motion fails: its seats would carry it
    assert m.critical["c"] == pytest.approx(1 - m.passes.p, abs=1e-9)


def test_support_and_gatekeeper_chances(parliament):
    sc = loads_scenario(
        "name: s\nuncertainty:\n  support:\n    - {actor: b, motion: m, p: 0.5}\n"
        "  gatekeepers:\n    - {actor: gate, motion: m, p: 0.4}\n"
    )
    r = simulate(parliament, 50_000, seed=5, scenario=sc)
    m = r.motion("m")
    assert m.route_open.low <= 0.4 <= m.route_open.high
    assert m.passes.low <= 0.2 <= m.passes.high  # independent: 0.5 * 0.4


def test_reproducible_and_stable(parliament):
    sc = loads_scenario("name: l\nuncertainty:\n  loyalty:\n    - {actor: b, defect: 0.3}\n")
    a = simulate(parliament, 20_000, seed=11, scenario=sc).to_dict()
    b = simulate(parliament, 20_000, seed=11, scenario=sc).to_dict()
    c = simulate(parliament, 20_000, seed=12, scenario=sc).to_dict()
    assert a == b
    pa, pc = a["motions"][0]["passes"]["p"], c["motions"][0]["passes"]["p"]
    assert pa != pc and abs(pa - pc) < 0.02


def test_alignment_and_interval_choice(parliament):
    r = simulate(parliament, 5000, seed=0, interval="clopper-pearson", reference="a")
    assert r.reference == "a" and r.interval == "clopper-pearson"
    # b and c sit with a whenever the a-c enmity is absent (p = 0.7); when it is present the
    # triangle is unbalanced and the local partition frustrates one of its three ties
    assert r.alignment["b"].p >= 0.69 and r.alignment["c"].p >= 0.69
    assert r.structures[0].probability.low <= 0.7 <= r.structures[0].probability.high
    assert r.alignment["gate"].p == 0.0  # no ties: a bloc of its own
    with pytest.raises(ValueError):
        simulate(parliament, 0)


def test_to_pandas(parliament):
    r = simulate(parliament, 1000, seed=0)
    t = r.to_pandas()
    assert list(t["motions"]["motion"]) == ["m"] and t["motions"]["passes"].iloc[0] == 1.0
    assert t["structures"]["p"].sum() == pytest.approx(1.0)
    assert set(t["alignment"]["actor"]) == {"b", "c", "gate"}


def test_scenario_steps_are_applied(parliament):
    sc = loads_scenario(
        "name: x\nsteps:\n  - {op: position, motion: m, actor: b, stance: against}\n"
    )
    r = simulate(parliament, 1000, seed=0, scenario=sc)
    assert r.motion("m").passes.p == 0.0 and r.scenario == "x"


def test_iraq_opposition_majority(examples):
    from factions.io import load_scenario
    from factions.model import load_system

    system = load_system(examples / "iraq-2012" / "system.yaml")
    sc = load_scenario(examples / "iraq-2012" / "scenarios" / "opposition-majority.yaml")
    r = simulate(system, 20_000, seed=0, scenario=sc)
    m = r.motion("no-confidence")
    assert m.seats_needed == 163 and m.base_seats_for == 174
    assert 0.1 < m.passes.p < 0.5  # loyalty and Sadrist doubts make a majority uncertain
    assert r.alignment["state-of-law"].p > 0.8 and r.alignment["iraqiya"].p < 0.1
