"""Landscape theory (Axelrod & Bennett 1993): energies, stable alignments, basins."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.analysis import energy, global_minimum, landscape
from factions.analysis.signed_graph import SignedInputError
from factions.io import read_landscape_csv

SYRIA = "data/signed/landscape_syria_2016"


def _brute_energy(s, p, x) -> float:
    """E(X) = sum over ordered pairs i != j of s_i s_j p_ij d_ij, written as plain loops."""
    n = len(s)
    return sum(s[i] * s[j] * p[i][j] * (x[i] != x[j]) for i in range(n) for j in range(n) if i != j)


def _brute(s, p):
    n = len(s)
    table = {}
    for rest in itertools.product([0, 1], repeat=n - 1):
        x = (0, *rest)
        table[x] = _brute_energy(s, p, x)
    minima = []
    for x, e in table.items():
        ok = True
        for i in range(n):
            y = list(x)
            y[i] = 1 - y[i]
            if y[0] == 1:
                y = [1 - v for v in y]
            if table[tuple(y)] < e - 1e-9:
                ok = False
        if ok:
            minima.append(x)
    return table, minima


@st.composite
def instances(draw):
    n = draw(st.integers(2, 8))
    s = draw(st.lists(st.integers(1, 9), min_size=n, max_size=n))
    p = np.zeros((n, n))
    for i, j in itertools.combinations(range(n), 2):
        p[i, j] = p[j, i] = draw(st.integers(-2, 2))
    return np.array(s, dtype=float), p


@settings(max_examples=40, deadline=None)
@given(instances())
def test_landscape_matches_brute_force(inst):
    s, p = inst
    land = landscape(s, p)
    table, minima = _brute(s, p)
    assert land.energies.size == 2 ** (len(s) - 1)
    for code in range(land.energies.size):
        x = tuple(int(v) for v in land.alignment(code))
        assert land.energies[code] == pytest.approx(table[x])
    assert sorted(m.code for m in land.minima) == sorted(
        sum(b << (i - 1) for i, b in enumerate(x) if i) for x in minima
    )
    assert sum(m.basin_size for m in land.minima) == land.energies.size
    blocs, e, proven = global_minimum(s, p)
    assert proven and e == pytest.approx(min(table.values()))
    assert land.global_minimum.energy == pytest.approx(min(table.values()))


def test_syria_2016(shared):
    d = shared / SYRIA
    inp = read_landscape_csv(d / "Actor_data.csv", d / "Pairwise_propensity_Feb_20.csv")
    assert len(inp.actors) == 11 and inp.actors[0] == "US"
    assert inp.propensities[0, 3] == 2  # US-Turkey rated 5 -> +2
    assert inp.propensities[0, 6] == -2  # US-ISIS rated 1 -> -2
    land = landscape(inp)
    assert land.energies.size == 1024
    table, minima = _brute(list(inp.sizes), inp.propensities.tolist())
    best = min(table, key=table.get)
    assert land.global_minimum.energy == pytest.approx(table[best])
    assert set(land.global_minimum.blocs[1]) == {inp.actors[i] for i, b in enumerate(best) if b}
    assert len(land.minima) == len(minima)
    assert energy(inp, alignment=best) == pytest.approx(table[best])
    # ISIS is never in the bloc of the United States in a favoured alignment
    for m in land.minima:
        us_bloc = m.blocs[0] if "US" in m.blocs[0] else m.blocs[1]
        assert "ISIS" not in us_bloc


def test_large_landscape_uses_the_frustration_milp():
    rng = np.random.default_rng(2)
    n = 24
    s = rng.integers(1, 10, n).astype(float)
    p = rng.integers(-2, 3, (n, n)).astype(float)
    p = np.triu(p, 1) + np.triu(p, 1).T
    with pytest.raises(ValueError, match="global_minimum"):
        landscape(s, p)
    blocs, e, proven = global_minimum(s, p)
    x = np.array([0 if str(i) in blocs[0] else 1 for i in range(n)])
    assert proven and energy(s, p, x) == pytest.approx(e)
    # no single switch improves the exact minimum
    for i in range(n):
        y = x.copy()
        y[i] = 1 - y[i]
        assert energy(s, p, y) >= e - 1e-6


def test_bad_landscape_files(tmp_path):
    sizes = tmp_path / "sizes.csv"
    sizes.write_text("id,actor,strength\n1,A,10\n2,B,x\n")
    props = tmp_path / "p.csv"
    props.write_text(",A,B\nA,,1\nB,1,\n")
    with pytest.raises(SignedInputError, match=r"sizes.csv:3: field 'strength'"):
        read_landscape_csv(sizes, props)
    sizes.write_text("id,actor,strength\n1,A,10\n2,B,5\n3,C,5\n")
    with pytest.raises(SignedInputError, match="2 rows of ratings but 3 actors"):
        read_landscape_csv(sizes, props)
