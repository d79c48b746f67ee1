"""The vote demo step (factions.cli.demo_votes): seat sides, routes, and never failing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from factions.cli.app import DemoContext, demo_steps
from factions.cli.demo_votes import demo_votes, motion_sides, reference_systems, route_demand
from factions.model import (
    Actor,
    Affiliation,
    Chamber,
    Gatekeeper,
    Motion,
    Route,
    SeatHolding,
    System,
    VoteRule,
    save_system,
)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _toy() -> System:
    """A 9-seat council: the mayor's Greens (4, maybe 3-5) against Blues (3) and Reds (2)."""
    return System(
        name="toy-council",
        actors=[
            Actor(id="mayor", name="Mayor", kind="person"),
            Actor(id="greens", name="Greens", kind="party"),
            Actor(id="blues", name="Blues", kind="party"),
            Actor(id="reds", name="Reds", kind="party"),
            Actor(id="clerk", name="Clerk", kind="person"),
        ],
        affiliations=[Affiliation(member="mayor", group="greens", role="leader")],
        chambers=[
            Chamber(
                id="council",
                name="Council",
                size=9,
                seats=[
                    SeatHolding(actor="greens", seats=4, low=3, high=5),
                    SeatHolding(actor="blues", seats=3),
                    SeatHolding(actor="reds", seats=2, low=1, high=2),
                ],
                rules=[VoteRule(id="two-thirds", threshold="qualified", fraction="2/3")],
            )
        ],
        motions=[
            Motion(
                id="recall",
                chamber="council",
                rule="two-thirds",
                target="clerk",
                supporters=["mayor", "reds"],
                opponents=["blues"],
                routes=[
                    Route(
                        id="petition",
                        signatures=2,
                        gatekeepers=[Gatekeeper(actor="clerk", signatures=5, stance="against")],
                    )
                ],
            )
        ],
    )


def test_persons_stand_for_the_parties_they_lead() -> None:
    s = _toy()
    sides = motion_sides(s, s.motion("recall"))
    assert sides["for"].actors == ("greens", "reds")
    assert (sides["for"].working, sides["for"].low, sides["for"].high) == (6, 4, 7)
    assert sides["against"].actors == ("blues",)
    assert sides["undeclared"].actors == ()


def test_route_demand_takes_the_strictest_signature_count() -> None:
    route = _toy().motion("recall").routes[0]
    assert route_demand(route) == max(route.signatures, route.gatekeepers[0].signatures)
    assert route_demand(Route(id="open")) == 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 40), st.integers(0, 5), st.integers(0, 5), st.sampled_from("fau")),
        min_size=1,
        max_size=8,
    )
)
def test_sides_partition_the_allocated_seats(rows: list[tuple[int, int, int, str]]) -> None:
    holdings, sup, opp = [], [], []
    for i, (seats, down, up, side) in enumerate(rows):
        aid = f"p{i}"
        holdings.append(
            SeatHolding(actor=aid, seats=seats, low=max(0, seats - down), high=seats + up)
        )
        (sup if side == "f" else opp if side == "a" else []).append(aid)
    size = sum(h.high for h in holdings) + 1
    s = System(
        actors=[Actor(id=h.actor, name=h.actor) for h in holdings],
        chambers=[Chamber(id="c", name="C", size=size, seats=holdings, rules=[VoteRule(id="r")])],
        motions=[Motion(id="m", chamber="c", rule="r", supporters=sup, opponents=opp)],
    )
    sides = motion_sides(s, s.motion("m"))
    assert sum(x.working for x in sides.values()) == sum(h.seats for h in holdings)
    assert sorted(a for x in sides.values() for a in x.actors) == sorted(h.actor for h in holdings)
    for x in sides.values():
        assert x.low <= x.working <= x.high


def test_demo_step_is_registered_at_40() -> None:
    assert any(order == 40 and fn is demo_votes for order, _, fn in demo_steps())


def test_demo_prints_each_motion_and_survives_bad_files(tmp_path: Path, capsys) -> None:
    save_system(_toy(), tmp_path / "toy" / "system.yaml")
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "system.yaml").write_text("actors: [{id: 'Bad Id', name: x}]\n")
    save_system(System(name="quiet"), tmp_path / "quiet" / "system.yaml")
    assert len(reference_systems(tmp_path)) == 3
    demo_votes(DemoContext(seeds=tmp_path, out=tmp_path / "out", examples=tmp_path))
    out, err = capsys.readouterr()
    assert "Motion recall" in out
    assert "petition" in out
    assert "broken" in err  # reported, not raised
    assert "quiet" not in out  # no motions: nothing to print


def test_demo_on_a_missing_folder_says_so(tmp_path: Path, capsys) -> None:
    demo_votes(DemoContext(seeds=tmp_path, out=tmp_path, examples=tmp_path / "none"))
    assert "skipped" in capsys.readouterr().out


def test_demo_on_the_reference_examples(capsys) -> None:
    demo_votes(DemoContext(seeds=EXAMPLES, out=EXAMPLES, examples=EXAMPLES))
    out, err = capsys.readouterr()
    assert "Motion no-confidence" in out
    assert "error" not in err.lower()


def test_demo_uses_the_vote_library_when_present(monkeypatch, capsys) -> None:
    from factions.cli import demo_votes as dv

    calls = []

    def analyse(system, motion_id):
        calls.append(("analyse", motion_id))
        return {"motion": motion_id}

    def show(report, names, limit):
        calls.append(("show", report["motion"], names["clerk"], limit))

    monkeypatch.setattr(dv, "vote_library", lambda: (analyse, show))
    s = _toy()
    dv.print_motion(s, s.motion("recall"))
    assert calls == [("analyse", "recall"), ("show", "recall", "Clerk", 3)]
    assert "Seat arithmetic" not in capsys.readouterr().out


def test_demo_falls_back_to_seat_arithmetic(monkeypatch, capsys) -> None:
    from factions.cli import demo_votes as dv

    s = _toy()
    need = s.chamber("council").rule("two-thirds").seats_needed(9)
    monkeypatch.setattr(dv, "vote_library", lambda: None)
    dv.print_motion(s, s.motion("recall"))
    out = capsys.readouterr().out
    assert "Seat arithmetic" in out and "Motion recall (target: clerk)" in out
    assert "greens 4 (3-5)" in out
    # short at working / low / high: the threshold less the supporters' 6 / 4 / 7 seats
    short_row = next(line for line in out.splitlines() if "short" in line)
    assert [int(x) for x in short_row.split("│")[3:6]] == [max(0, need - x) for x in (6, 4, 7)]


def test_demo_survives_a_failing_vote_library(monkeypatch, capsys) -> None:
    from factions.cli import demo_votes as dv

    def broken(system, motion_id):
        raise RuntimeError("boom")

    monkeypatch.setattr(dv, "vote_library", lambda: (broken, print))
    s = _toy()
    dv.print_motion(s, s.motion("recall"))
    out, err = capsys.readouterr()
    assert "boom" in err and "Seat arithmetic" in out
