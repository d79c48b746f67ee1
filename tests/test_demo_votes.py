"""The vote demo step (factions.cli.demo_votes): the one motion verdict, and never failing."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factions.analysis.motions import judge_route, motion_report
from factions.cli import app
from factions.cli.app import DemoContext, demo_steps
from factions.cli.demo_votes import demo_votes, reference_systems
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
    r = motion_report(_toy(), "recall")
    assert r.supporters == ("greens", "reds")
    assert (r.seats_for, r.seats_for_low, r.seats_for_high) == (6, 4, 7)
    assert r.opponents == ("blues",)
    assert r.undeclared == ()


def test_route_demand_takes_the_strictest_signature_count() -> None:
    route = _toy().motion("recall").routes[0]
    demand = max(route.signatures, route.gatekeepers[0].signatures)
    assert judge_route(route, 0, 0).signatures == demand
    assert motion_report(_toy(), "recall").routes[0].signatures == demand
    assert judge_route(Route(id="open"), 0, 0).signatures == 0


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
    r = motion_report(s, "m")
    assert r.seats_for + r.seats_against + r.seats_abstaining == sum(h.seats for h in holdings)
    sides = sorted((*r.supporters, *r.opponents, *r.undeclared))
    assert sides == sorted(h.actor for h in holdings if h.seats > 0)
    assert r.seats_for_low <= r.seats_for <= r.seats_for_high


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


def test_demo_prints_what_factions_vote_prints(tmp_path: Path, capsys) -> None:
    path = tmp_path / "toy" / "system.yaml"
    save_system(_toy(), path)
    res = CliRunner().invoke(app, ["vote", str(path), "--motion", "recall", "--limit", "3"])
    assert res.exit_code == 0, res.output
    demo_votes(DemoContext(seeds=tmp_path, out=tmp_path / "out", examples=tmp_path))
    out = capsys.readouterr().out
    assert res.stdout.strip() in out


def test_demo_survives_a_failing_analysis(monkeypatch, tmp_path: Path, capsys) -> None:
    from factions.cli import demo_votes as dv

    def broken(system, motion_id):
        raise RuntimeError("boom")

    save_system(_toy(), tmp_path / "toy" / "system.yaml")
    monkeypatch.setattr(dv, "motion_report", broken)
    demo_votes(DemoContext(seeds=tmp_path, out=tmp_path / "out", examples=tmp_path))
    out, err = capsys.readouterr()
    assert "RuntimeError: boom" in err and "recall" in err
