"""Coalitions: minimal / minimum / feasible winning coalitions, pivots, signed constraints."""

from __future__ import annotations

from itertools import combinations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.analysis.coalitions import (
    coalition_report,
    constraints_from_signed_graph,
    make_game,
    maximal_feasible_coalitions,
    minimal_winning_coalitions,
    minimum_winning_coalition,
    pivotal_members,
)
from factions.analysis.power import GameError, n_minimal_winning

# --------------------------------------------------------------------------- brute force


def _feasible(coal: frozenset[int], forbidden, bound) -> bool:
    for a, b in forbidden:
        if a in coal and b in coal:
            return False
    return all((a in coal) == (b in coal) for a, b in bound)


def brute_minimal(weights, quota, forbidden=(), bound=()):
    n = len(weights)
    subsets = [frozenset(c) for r in range(n + 1) for c in combinations(range(n), r)]
    ok = [c for c in subsets if _feasible(c, forbidden, bound)]
    win = [c for c in ok if sum(weights[i] for i in c) >= quota]
    win_set = set(win)
    return {c for c in win if not any(d < c and d in win_set for d in win)}


@st.composite
def constrained_games(draw):
    n = draw(st.integers(1, 7))
    weights = draw(st.lists(st.integers(0, 15), min_size=n, max_size=n))
    total = sum(weights) or 1
    if sum(weights) == 0:
        weights[0] = 1
    quota = draw(st.integers(1, total))
    pairs = [(a, b) for a in range(n) for b in range(a + 1, n)]
    forbidden = draw(st.lists(st.sampled_from(pairs), max_size=4, unique=True)) if pairs else []
    bound = draw(st.lists(st.sampled_from(pairs), max_size=2, unique=True)) if pairs else []
    return weights, quota, forbidden, bound


# --------------------------------------------------------------------------- minimal winning


def test_minimal_winning_coalitions_of_a_small_chamber():
    coals = minimal_winning_coalitions([40, 35, 15, 10], 51, names=["A", "B", "C", "D"])
    assert {c.members for c in coals} == {("A", "B"), ("A", "C"), ("B", "C", "D")}
    ab = next(c for c in coals if c.members == ("A", "B"))
    assert ab.seats == 75 and ab.seats_short == 0 and ab.pivotal == ("A", "B")


@settings(max_examples=200, deadline=None)
@given(constrained_games())
def test_feasible_minimal_winning_equal_brute_force(game):
    weights, quota, forbidden, bound = game
    names = [f"p{i}" for i in range(len(weights))]
    got = minimal_winning_coalitions(
        weights,
        quota,
        names=names,
        forbidden=[(names[a], names[b]) for a, b in forbidden],
        bound=[(names[a], names[b]) for a, b in bound],
        limit=None,
    )
    assert {frozenset(c.members_idx) for c in got} == brute_minimal(
        weights, quota, forbidden, bound
    )
    for c in got:
        assert c.winning
        if not bound:  # without blocs every member of a minimal winning coalition is pivotal
            assert set(c.pivotal) == set(c.members)


@settings(max_examples=50, deadline=None)
@given(constrained_games())
def test_listing_agrees_with_the_counting_dp(game):
    weights, quota, _, _ = game
    assert len(minimal_winning_coalitions(weights, quota, limit=None)) == n_minimal_winning(
        weights, quota
    )


def test_limit_truncates_the_listing():
    assert len(minimal_winning_coalitions([1] * 12, 6, limit=5)) == 5


# --------------------------------------------------------------------------- minimum winning


@settings(max_examples=120, deadline=None)
@given(constrained_games(), st.sampled_from(["size", "weight"]))
def test_minimum_winning_is_optimal(game, objective):
    weights, quota, forbidden, bound = game
    best = brute_minimal(weights, quota, forbidden, bound)
    names = [f"p{i}" for i in range(len(weights))]
    got = minimum_winning_coalition(
        weights,
        quota,
        names=names,
        forbidden=[(names[a], names[b]) for a, b in forbidden],
        bound=[(names[a], names[b]) for a, b in bound],
        objective=objective,
    )
    if not best:
        assert got is None
        return
    assert got is not None and got.winning
    members = frozenset(got.members_idx)
    assert _feasible(members, forbidden, bound)

    def key(c):
        return len(c) if objective == "size" else sum(weights[i] for i in c)

    # every winning feasible coalition contains a minimal one, so the optimum is among them
    assert key(members) == min(key(c) for c in best)


def test_unconstrained_minimum_matches_milp():
    weights = [31, 29, 17, 13, 11, 7, 5, 3]
    for objective in ("size", "weight"):
        fast = minimum_winning_coalition(weights, 60, objective=objective)
        # a harmless bound pair of a player with itself forces the MILP path
        milp = minimum_winning_coalition(weights, 60, objective=objective, bound=[("P1", "P1")])
        assert fast is not None and milp is not None
        if objective == "size":
            assert fast.size == milp.size == 2
        else:
            assert fast.seats == milp.seats == 60


# --------------------------------------------------------------------------- feasible and pivots


def test_maximal_feasible_coalitions_report_seats_short():
    coals = maximal_feasible_coalitions(
        [50, 30, 25, 10], 61, names=["A", "B", "C", "D"], forbidden=[("A", "B"), ("A", "C")]
    )
    assert [(c.members, c.seats, c.seats_short, c.winning) for c in coals] == [
        (("B", "C", "D"), 65, 0, True),
        (("A", "D"), 60, 1, False),
    ]


def test_bound_pair_with_internal_enmity_can_join_nothing():
    game = make_game(
        [5, 5, 5], 5, names=["a", "b", "c"], forbidden=[("a", "b")], bound=[("a", "b")]
    )
    assert game.dead_blocs
    coals = minimal_winning_coalitions(
        [5, 5, 5], 5, names=["a", "b", "c"], forbidden=[("a", "b")], bound=[("a", "b")]
    )
    assert [c.members for c in coals] == [("c",)]


def test_pivotal_members():
    assert pivotal_members(["A", "B", "D"], [40, 35, 15, 10], 51, names="ABCD") == ("A", "B")
    with pytest.raises(GameError, match="unknown player 'Z'"):
        pivotal_members(["Z"], [1, 1], 2, names="AB")


def test_report_needed_decisive_and_camp():
    names = ["gov", "left", "right", "kurds", "small"]
    seats = [90, 50, 80, 55, 60]
    rep = coalition_report(
        seats,
        163,
        names=names,
        forbidden=[("left", "right")],
        camp=["left", "right", "kurds"],
        excluded=["gov"],
    )
    assert rep.can_win
    assert {c.members for c in rep.winning} == {
        ("right", "kurds", "small"),
        ("left", "kurds", "small"),
    }
    assert rep.needed == ("kurds", "small")
    assert rep.pivotal_counts == {"kurds": 2, "small": 2, "left": 1, "right": 1}
    assert rep.camp is not None and rep.camp.members == ("right", "kurds")
    assert rep.camp.seats_short == 163 - 135


def test_report_when_nothing_can_win():
    rep = coalition_report(
        [10, 10, 10], 25, names="abc", forbidden=[("a", "b"), ("b", "c"), ("a", "c")]
    )
    assert not rep.can_win and rep.winning == () and rep.needed == ()
    assert rep.closest[0].seats_short == 15


# --------------------------------------------------------------------------- signed graph


def test_constraints_from_signed_graph_with_person_mapping():
    g = nx.Graph()
    g.add_edge("leader_a", "party_b", sign=-1, weight=0.9)
    g.add_edge("party_b", "party_c", sign=1, weight=1.0)
    g.add_edge("party_a", "party_c", sign=-1, weight=0.2)  # too weak to forbid
    forbidden, bound = constraints_from_signed_graph(
        g,
        ["party_a", "party_b", "party_c"],
        forbid_at=0.5,
        bind_at=0.8,
        mapping={"leader_a": ["party_a"]},
    )
    assert forbidden == [("party_a", "party_b")]
    assert bound == [("party_b", "party_c")]
    none_bound = constraints_from_signed_graph(g, ["party_a", "party_b", "party_c"])[1]
    assert none_bound == []


# --------------------------------------------------------------------------- errors


def test_bad_inputs_raise_clear_errors():
    with pytest.raises(GameError, match="names 'x', which is not a player"):
        make_game([1, 2], 2, names=["a", "b"], forbidden=[("a", "x")])
    with pytest.raises(GameError, match="exceeds the total"):
        make_game([1, 2], 4)
    with pytest.raises(GameError, match="duplicate player names: a"):
        make_game([1, 2], 2, names=["a", "a"])
    with pytest.raises(GameError, match="objective"):
        minimum_winning_coalition([1, 2], 2, objective="cheapest")


def test_motion_in_a_part_filled_chamber_cannot_pass_and_says_why():
    from factions.analysis.motions import motion_report
    from factions.model import Actor, Chamber, Motion, SeatHolding, System, VoteRule

    system = System(
        actors=[Actor(id="a", name="A"), Actor(id="b", name="B"), Actor(id="c", name="C")],
        chambers=[
            Chamber(
                id="h",
                name="House",
                size=100,
                seats=[
                    SeatHolding(actor="a", seats=20),
                    SeatHolding(actor="b", seats=10),
                    SeatHolding(actor="c", seats=5),
                ],
                rules=[VoteRule(id="abs")],
            )
        ],
        motions=[Motion(id="m", chamber="h", rule="abs", supporters=("a",), opponents=("c",))],
    )
    r = motion_report(system, "m")
    assert r.seats_needed == 51
    assert (r.seats_for, r.seats_short) == (20, 31)
    assert not r.can_pass and not r.passes and not r.supporters_win
    assert r.report.winning == ()
    assert r.report.closest[0].members == ("a", "b")
    assert r.report.closest[0].seats_short == 21


def test_a_route_with_an_unmet_prerequisite_is_not_open():
    from factions.analysis.motions import motion_report
    from factions.model import Actor, Chamber, Motion, Route, SeatHolding, System, VoteRule

    def system(met: tuple[str, ...]) -> System:
        route = Route(id="members", signatures=20, prerequisites=("questioning",), met=met)
        return System(
            actors=[Actor(id="a", name="A"), Actor(id="b", name="B")],
            chambers=[
                Chamber(
                    id="h",
                    name="House",
                    size=100,
                    seats=[SeatHolding(actor="a", seats=60), SeatHolding(actor="b", seats=40)],
                    rules=[VoteRule(id="abs")],
                )
            ],
            motions=[Motion(id="m", chamber="h", rule="abs", supporters=("a",), routes=(route,))],
        )

    pending = motion_report(system(()), "m").routes[0]
    assert pending.status == "uncertain"
    assert any("questioning" in r for r in pending.reasons)
    assert motion_report(system(("questioning",)), "m").routes[0].status == "open"
    with pytest.raises(ValueError, match="not one of its prerequisites"):
        Route(id="r", prerequisites=("x",), met=("y",))
