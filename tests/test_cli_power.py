"""``factions power`` and ``factions vote``: JSON schema, tables, system forms, bad input."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factions.cli.power  # noqa: F401  (registers the commands)
from factions.analysis.motions import chamber_game, motion_report
from factions.cli.app import app
from factions.model import (
    Actor,
    Affiliation,
    Chamber,
    Criterion,
    Gatekeeper,
    Motion,
    Relation,
    Route,
    SeatHolding,
    System,
    VoteRule,
    save_system,
)

runner = CliRunner()


def _power(*args: str):
    return runner.invoke(app, ["power", *args])


# --------------------------------------------------------------------------- weighted games


def test_power_json_schema_and_values():
    res = _power("--quota", "12", "--weights", "4,4,4,2,2,1", "--names", "A,B,C,D,E,F", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert set(data) == {"players", "indices", "floats"}
    assert data["players"] == ["A", "B", "C", "D", "E", "F"]
    assert list(data["indices"]) == [
        "raw_swings",
        "banzhaf_normalised",
        "banzhaf_absolute",
        "shapley_shubik",
        "deegan_packel",
        "holler_pgi",
        "johnston",
        "coleman_initiate",
        "coleman_prevent",
    ]
    assert data["indices"]["shapley_shubik"] == ["7/30", "7/30", "7/30", "3/20", "3/20", "0/1"]
    assert data["indices"]["holler_pgi"] == ["1/5"] * 5 + ["0/1"]
    assert data["indices"]["raw_swings"][0] == "10/1"
    # 14 winning coalitions (prevent), 50 losing (initiate)
    assert data["indices"]["coleman_prevent"][0] == "5/7"
    assert data["indices"]["coleman_initiate"][3] == "3/25"
    for key, values in data["indices"].items():
        floats = [float(Fraction(v)) for v in values]
        assert data["floats"][key] == pytest.approx(floats)


def test_power_index_selection_keeps_the_order_given():
    res = _power("--quota", "4", "--weights", "3,2,1", "--index", "johnston,raw_swings", "--json")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert list(data["indices"]) == ["johnston", "raw_swings"]
    assert data["indices"]["johnston"] == ["2/3", "1/6", "1/6"]
    assert data["players"] == ["P1", "P2", "P3"]


def test_power_table_for_people():
    res = _power("--quota", "6", "--weights", "4,3,2,1", "--index", "banzhaf_normalised")
    assert res.exit_code == 0, res.output
    assert "Banzhaf" in res.stdout and "5/12" in res.stdout and "1/12" in res.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--quota", "5", "--weights", "4,-1,3"], "weight 2 must be non-negative, got -1"),
        (["--quota", "5", "--weights", "4,1.5,3"], "weight 2: expected a whole number, got '1.5'"),
        (["--quota", "5", "--weights", "4,x,3"], "weight 2: expected a whole number, got 'x'"),
        (["--quota", "9", "--weights", "4,1,3"], "--quota 9 exceeds the total weight 8"),
        (["--quota", "2.5", "--weights", "4,1,3"], "--quota: expected a whole number"),
        (["--quota", "0", "--weights", "4,1,3"], "--quota must be at least 1"),
        (["--quota", "5", "--weights", "4,1,3", "--names", "a,b"], "--names has 2 names"),
        (["--quota", "5", "--weights", "4,1,3", "--names", "a,b,a"], "duplicate player names: a"),
        (["--quota", "5", "--weights", "4,1,3", "--index", "gini"], "unknown index 'gini'"),
        (["--weights", "4,1,3"], "give --quota and --weights"),
    ],
)
def test_power_bad_input_is_one_clear_line(args, message):
    res = _power(*args)
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output
    assert len(res.output.strip().splitlines()) == 1


# --------------------------------------------------------------------------- systems


def _system(tmp_path: Path) -> Path:
    """An invented 101-seat assembly: five parties, two leaders, one motion."""
    s = System(
        name="Assembly of Elsewhere",
        actors=[
            Actor(id="gold", name="Gold Party", kind="party", attributes={"regions": 4}),
            Actor(id="teal", name="Teal Front", kind="party", attributes={"regions": 3}),
            Actor(id="rust", name="Rust League", kind="party", attributes={"regions": 1}),
            Actor(id="plum", name="Plum Union", kind="party", attributes={"regions": 2}),
            Actor(id="sage", name="Sage List", kind="party", attributes={"regions": 1}),
            Actor(id="chief", name="Chief Minister Vale", kind="person"),
            Actor(id="speaker", name="Speaker Oda", kind="person"),
            Actor(id="regent", name="Regent Ilse", kind="person"),
        ],
        relations=[
            Relation(a="chief", b="teal", sign=-1, kind="rivalry", strength=0.9, sources=["s1"]),
            Relation(a="teal", b="rust", sign=-1, kind="feud", strength=0.8, sources=["s2"]),
            Relation(a="plum", b="sage", sign=-1, kind="spat", strength=0.3, sources=["s3"]),
        ],
        affiliations=[
            Affiliation(member="chief", group="gold", role="leader"),
            Affiliation(member="speaker", group="plum", role="leader"),
        ],
        chambers=[
            Chamber(
                id="assembly",
                name="Assembly",
                size=101,
                seats=[
                    SeatHolding(actor="gold", seats=40, low=38, high=41),
                    SeatHolding(actor="teal", seats=25),
                    SeatHolding(actor="rust", seats=15),
                    SeatHolding(actor="plum", seats=12),
                    SeatHolding(actor="sage", seats=9),
                ],
                rules=[
                    VoteRule(id="absolute"),
                    VoteRule(
                        id="double",
                        threshold="absolute",
                        criteria=[Criterion(weight="regions", fraction="1/2")],
                    ),
                    VoteRule(id="vetoed", threshold="absolute", veto_players=["gold"]),
                ],
            )
        ],
        motions=[
            Motion(
                id="censure",
                chamber="assembly",
                rule="absolute",
                target="chief",
                supporters=["teal", "speaker"],
                opponents=["gold"],
                routes=[
                    Route(
                        id="regent",
                        gatekeepers=[Gatekeeper(actor="regent", stance="undecided", signatures=51)],
                    ),
                    Route(id="petition", signatures=20),
                ],
            )
        ],
    )
    return save_system(s, tmp_path / "elsewhere.yaml")


def test_chamber_game_rules(tmp_path):
    from factions.model import load_system

    s = load_system(_system(tmp_path))
    g = chamber_game(s, "assembly")
    assert g.players == ("gold", "teal", "rust", "plum", "sage")
    assert g.quotas == (51,)
    d = chamber_game(s, "assembly", "double")
    assert d.quotas == (51, 6) and d.weights[0] == (40, 4)
    v = chamber_game(s, "assembly", "vetoed")
    assert v.quotas == (51, 1) and v.weights[0] == (40, 1) and v.weights[1] == (25, 0)


def test_motion_report_of_the_invented_assembly(tmp_path):
    from factions.model import load_system

    r = motion_report(load_system(_system(tmp_path)), "censure")
    assert r.supporters == ("teal", "plum") and r.opponents == ("gold",)
    assert r.seats_for == 37 and r.seats_short == 14
    assert r.forbidden == (("gold", "teal"), ("rust", "teal"))  # plum/sage tie is too weak
    assert not r.supporters_win and not r.can_pass and not r.passes
    # without gold, teal cannot sit with rust: teal + plum + sage = 46 < 51 and
    # rust + plum + sage = 36: nothing wins
    assert r.report.winning == ()
    assert [c.members for c in r.completions] == []  # nothing compatible closes the gap
    statuses = {x.route: x.status for x in r.routes}
    assert statuses == {"regent": "uncertain", "petition": "open"}
    assert r.blocking_gatekeepers == ("regent",)


def test_vote_json(tmp_path):
    path = _system(tmp_path)
    res = runner.invoke(app, ["vote", str(path), "--motion", "censure", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["seats_needed"] == 51 and data["seats_for"] == 37 and data["seats_short"] == 14
    assert data["seats_for_range"] == [37, 37]
    assert data["supporters"] == ["teal", "plum"]
    assert data["gatekeepers"] == ["regent"]
    assert data["forbidden_pairs"] == [["gold", "teal"], ["rust", "teal"]]
    assert data["can_pass"] is False and data["passes"] is False
    assert data["closest"][0]["seats_short"] == 5  # teal + plum + sage = 46


def test_vote_with_weaker_enmity_threshold_and_binding(tmp_path):
    path = _system(tmp_path)
    res = runner.invoke(
        app, ["vote", str(path), "--motion", "censure", "--json", "--forbid-at", "0.95"]
    )
    data = json.loads(res.stdout)
    assert data["forbidden_pairs"] == []
    assert data["can_pass"] is True
    # without gold: 25 + 15 + 12 + 9 = 61; the only minimal winning set is teal, rust, plum
    assert data["needed"] == ["teal", "rust", "plum"]
    assert [c["members"] for c in data["feasible_winning"]] == [["teal", "rust", "plum"]]
    adds = [c["members"] for c in data["completions"]]
    assert adds == [["rust"]]  # 37 + 15 = 52; sage (9) cannot close a 14-seat gap
    assert data["decisive"] == ["rust"]


def test_vote_table(tmp_path):
    res = runner.invoke(app, ["vote", str(_system(tmp_path)), "--motion", "censure"])
    assert res.exit_code == 0, res.output
    assert "14 short" in res.stdout and "Regent Ilse" in res.stdout
    assert "Will not vote together" in res.stdout


def test_power_of_a_chamber_and_its_double_majority(tmp_path):
    path = _system(tmp_path)
    res = _power(str(path), "--chamber", "assembly", "--json", "--index", "raw_swings")
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["players"] == ["gold", "teal", "rust", "plum", "sage"]
    res2 = _power(str(path), "--chamber", "assembly", "--rule", "vetoed", "--json")
    data2 = json.loads(res2.stdout)
    # gold is a veto player: it can stop every winning coalition (Coleman prevent = 1)
    assert data2["indices"]["coleman_prevent"][0] == "1/1"
    assert data["indices"]["raw_swings"] != data2["indices"]["raw_swings"]
    assert "johnston" not in data2["indices"]  # not available for multi-criteria games
    dbl = json.loads(
        _power(str(path), "--chamber", "assembly", "--rule", "double", "--json").stdout
    )
    assert sum(Fraction(x) for x in dbl["indices"]["shapley_shubik"]) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--chamber", "nowhere"], "no chamber 'nowhere'"),
        (["--chamber", "assembly", "--rule", "nope"], "no vote rule 'nope'"),
        ([], "SYSTEM needs --chamber"),
        (["--chamber", "assembly", "--quota", "3"], "not both"),
    ],
)
def test_power_system_errors(tmp_path, args, message):
    res = _power(str(_system(tmp_path)), *args)
    assert res.exit_code == 2 and message in res.output, res.output


def test_vote_errors(tmp_path):
    res = runner.invoke(app, ["vote", str(_system(tmp_path)), "--motion", "impeach"])
    assert res.exit_code == 2 and "no motion 'impeach'" in res.output
    res = runner.invoke(app, ["vote", str(tmp_path / "none.yaml"), "--motion", "x"])
    assert res.exit_code == 2 and "no such file" in res.output
    bad = tmp_path / "dup.yaml"
    text = _system(tmp_path).read_text()
    bad.write_text(text.replace("actor: teal", "actor: gold", 1))
    res = runner.invoke(app, ["vote", str(bad), "--motion", "censure"])
    assert res.exit_code == 2 and "duplicate seats" in res.output, res.output
    assert "Traceback" not in res.output


def test_unknown_actor_in_the_seats_is_one_clear_error(tmp_path):
    bad = tmp_path / "ghost.yaml"
    bad.write_text(_system(tmp_path).read_text().replace("actor: sage", "actor: ghost", 1))
    for args in (["vote", str(bad), "--motion", "censure"], ["power", str(bad), "--chamber", "x"]):
        res = runner.invoke(app, args)
        assert res.exit_code == 2, res.output
        assert "unknown actor 'ghost'" in res.output and "Traceback" not in res.output
