"""Exact power indices: oracle games, brute force on small games, structure and errors."""

from __future__ import annotations

import json
import math
from fractions import Fraction
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.analysis.power import (
    INDEX_NAMES,
    GameError,
    dual_quota,
    dummy_players,
    power_indices,
    raw_swings,
    shapley_shubik,
    vector_power_indices,
    veto_players,
)

# our index name -> the oracle file's key (the file spells "normalized")
ORACLE_KEYS = {
    "raw_swings": "raw_swings",
    "banzhaf_normalised": "banzhaf_normalized",
    "banzhaf_absolute": "banzhaf_absolute",
    "shapley_shubik": "shapley_shubik",
    "deegan_packel": "deegan_packel",
    "holler_pgi": "holler_pgi",
    "johnston": "johnston",
}


# --------------------------------------------------------------------------- brute force


def _norm(values: list[Fraction]) -> list[Fraction]:
    total = sum(values, Fraction(0))
    return [v / total if total else Fraction(0) for v in values]


def brute_force(weights: list, quotas: list[int]) -> dict[str, list[Fraction]]:
    """Every index by enumerating all 2^n coalitions (tests only)."""
    n = len(weights)
    vecs = [w if isinstance(w, list | tuple) else [w] for w in weights]

    def wins(coal: frozenset[int]) -> bool:
        return all(sum(vecs[i][k] for i in coal) >= q for k, q in enumerate(quotas))

    coalitions = [frozenset(c) for r in range(n + 1) for c in combinations(range(n), r)]
    winning = {c for c in coalitions if wins(c)}
    swings = [0] * n
    ss = [Fraction(0)] * n
    for c in winning:
        for i in c:
            if c - {i} not in winning:
                swings[i] += 1
                s = len(c) - 1
                ss[i] += Fraction(math.factorial(s) * math.factorial(n - 1 - s), math.factorial(n))
    mwc = [c for c in winning if all(c - {i} not in winning for i in c)]
    dp = [Fraction(0)] * n
    pgi = [Fraction(0)] * n
    for c in mwc:
        for i in c:
            dp[i] += Fraction(1, len(c))
            pgi[i] += 1
    jo = [Fraction(0)] * n
    for c in winning:
        crit = [i for i in c if c - {i} not in winning]
        for i in crit:
            jo[i] += Fraction(1, len(crit))
    n_win = len(winning)
    n_lose = 2**n - n_win
    return {
        "raw_swings": [Fraction(s) for s in swings],
        "banzhaf_normalised": _norm([Fraction(s) for s in swings]),
        "banzhaf_absolute": [Fraction(s, 2 ** (n - 1)) for s in swings],
        "shapley_shubik": ss,
        "deegan_packel": [x / len(mwc) for x in dp],
        "holler_pgi": _norm(pgi),
        "johnston": _norm(jo),
        "coleman_initiate": [Fraction(s, n_lose) for s in swings],
        "coleman_prevent": [Fraction(s, n_win) for s in swings],
        "n_minimal_winning": [Fraction(len(mwc))],
        "n_winning": [Fraction(n_win)],
    }


def _check_against_brute(res, expected) -> None:
    for name in INDEX_NAMES:
        assert list(res.index(name)) == expected[name], name
    assert res.n_minimal_winning == expected["n_minimal_winning"][0]
    assert res.n_winning == expected["n_winning"][0]


@st.composite
def weighted_games(draw, max_n: int = 8, max_w: int = 12):
    weights = draw(st.lists(st.integers(0, max_w), min_size=1, max_size=max_n))
    total = sum(weights)
    if total == 0:
        weights[0] = 1
        total = 1
    quota = draw(st.integers(1, total))
    return weights, quota


# --------------------------------------------------------------------------- oracle


def test_every_oracle_game_and_index_matches_exactly(shared):
    data = json.loads((shared / "data/voting/power_index_oracles.json").read_text())
    checked = 0
    for game in data["games"]:
        res = power_indices(game["weights"], game["quota"])
        got = res.as_fraction_strings()
        for key, oracle_key in ORACLE_KEYS.items():
            if oracle_key not in game:
                continue
            expected = [Fraction(str(v)) for v in game[oracle_key]]
            assert [Fraction(x) for x in got[key]] == expected, (game["name"], key)
            checked += 1
        if "n_minimal_winning" in game:
            assert res.n_minimal_winning == game["n_minimal_winning"], game["name"]
    assert checked >= 7 * len(data["games"])


def test_fraction_strings_use_the_oracle_format():
    res = power_indices([4, 4, 4, 2, 2, 1], 12)
    strings = res.as_fraction_strings()
    assert strings["raw_swings"] == ["10/1", "10/1", "10/1", "6/1", "6/1", "0/1"]
    assert strings["shapley_shubik"][0] == "7/30"
    assert strings["johnston"][-1] == "0/1"


# --------------------------------------------------------------------------- brute force


@settings(max_examples=150, deadline=None)
@given(weighted_games())
def test_all_indices_equal_brute_force(game):
    weights, quota = game
    _check_against_brute(power_indices(weights, quota), brute_force(weights, [quota]))


@settings(max_examples=40, deadline=None)
@given(weighted_games(max_n=6, max_w=300))
def test_large_weights_equal_brute_force(game):
    weights, quota = game
    _check_against_brute(power_indices(weights, quota), brute_force(weights, [quota]))


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 6).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.integers(0, 6), min_size=2, max_size=2), min_size=n, max_size=n),
            st.tuples(st.integers(1, 40), st.integers(1, 40)),
        )
    )
)
def test_vector_games_equal_brute_force(game):
    weights, (q1, q2) = game
    totals = [sum(w[k] for w in weights) for k in range(2)]
    if q1 > totals[0] or q2 > totals[1]:
        with pytest.raises(GameError, match="exceeds the total"):
            vector_power_indices(weights, [q1, q2])
        return
    res = vector_power_indices(weights, [q1, q2])
    expected = brute_force(weights, [q1, q2])
    for name in INDEX_NAMES:
        if name == "johnston":
            continue
        assert list(res.index(name)) == expected[name], name
    assert res.n_minimal_winning == expected["n_minimal_winning"][0]


def test_single_criterion_vector_game_equals_weighted_game():
    weights, quota = [5, 4, 3, 2, 1, 1], 9
    vec = vector_power_indices([[w] for w in weights], [quota])
    flat = power_indices(weights, quota)
    for name in INDEX_NAMES:
        if name != "johnston":
            assert vec.index(name) == flat.index(name)


def test_vector_game_refuses_johnston_when_asked():
    with pytest.raises(GameError, match="Johnston"):
        vector_power_indices([[1, 1], [1, 1]], [1, 1], indices=["johnston"])


# --------------------------------------------------------------------------- properties


@settings(max_examples=80, deadline=None)
@given(weighted_games())
def test_normalised_indices_sum_to_one_and_banzhaf_is_dual_invariant(game):
    weights, quota = game
    res = power_indices(weights, quota)
    for name in ("banzhaf_normalised", "shapley_shubik", "deegan_packel", "holler_pgi", "johnston"):
        assert sum(res.index(name)) == 1
    dual = power_indices(weights, dual_quota(weights, quota))
    assert dual.raw_swings == res.raw_swings
    assert dual.shapley_shubik == res.shapley_shubik


def test_nassau_county_has_three_dummies():
    # Banzhaf (1965): 9, 9, 7, 3, 1, 1 with quota 16 gives three members no power at all.
    assert dummy_players([9, 9, 7, 3, 1, 1], 16) == [3, 4, 5]


def test_veto_players_of_the_security_council():
    weights = [7] * 5 + [1] * 10  # five permanent members, ten elected, quota 39
    assert veto_players(weights, 39) == [0, 1, 2, 3, 4]
    assert veto_players([3, 2, 2], 4) == []


def test_counts_beyond_64_bits_are_exact():
    n = 90
    swings = raw_swings([1] * n, 46)
    assert swings[0] == math.comb(n - 1, 45)  # > 2^63, no overflow
    assert shapley_shubik([1] * n, 46) == [Fraction(1, n)] * n


def test_zero_weight_and_huge_weight_players():
    res = power_indices([0, 10, 1], 10)
    assert res.raw_swings == (0, 4, 0)
    assert res.johnston == (0, 1, 0)
    assert res.n_minimal_winning == 1


def test_only_requested_indices_are_computed():
    res = power_indices([3, 2, 1], 4, indices=["shapley_shubik"])
    assert res.shapley_shubik == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    assert res.raw_swings is None
    with pytest.raises(KeyError):
        res.index("raw_swings")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("weights", "quota", "message"),
    [
        ([3, -1], 2, "non-negative"),
        ([3, 1.5], 2, "whole number"),
        ([3, "2"], 2, "whole number"),
        ([3, 2], 6, "exceeds the total weight 5"),
        ([3, 2], 0, "at least 1"),
        ([], 1, "at least one player"),
    ],
)
def test_bad_games_raise_one_clear_error(weights, quota, message):
    with pytest.raises(GameError, match=message):
        power_indices(weights, quota)


def test_names_must_match_weights():
    with pytest.raises(GameError, match="2 names were given for 3 weights"):
        power_indices([1, 1, 1], 2, names=["a", "b"])
    with pytest.raises(GameError, match="duplicate"):
        power_indices([1, 1], 2, names=["a", "a"])
    with pytest.raises(GameError, match="unknown index 'gini'"):
        power_indices([1, 1], 2, indices=["gini"])


@settings(max_examples=120, deadline=None)
@given(weighted_games(max_n=9, max_w=40))
def test_holler_alone_uses_residues_and_equals_brute_force(game):
    weights, quota = game
    res = power_indices(weights, quota, indices=["holler_pgi"])
    expected = brute_force(weights, [quota])
    assert list(res.index("holler_pgi")) == expected["holler_pgi"]
    assert res.n_minimal_winning == expected["n_minimal_winning"][0]


def test_residue_counts_beyond_64_bits():
    # 70 equal players, quota 36: every 36-subset is minimal winning
    weights = [1] * 70
    res = power_indices(weights, 36, indices=["holler_pgi"])
    assert res.n_minimal_winning == math.comb(70, 36) > 2**64
    assert res.holler_pgi == tuple([Fraction(1, 70)] * 70)
