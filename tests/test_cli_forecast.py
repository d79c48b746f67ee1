"""``factions forecast`` and ``factions dynamics``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factions.cli.forecast  # noqa: F401  (registers the commands)
from factions.cli.app import DemoContext, app, demo_steps

runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "bargaining" / "water-allocation.csv"


def _run(*args: str) -> tuple[int, str, str]:
    res = runner.invoke(app, list(args))
    return res.exit_code, res.stdout, res.stderr


def test_forecast_json_example_actors(shared: Path) -> None:
    path = shared / "data/bargaining/bdm_examples/ExampleActors.csv"
    for model in ("eu", "smp"):
        code, out, _ = _run("forecast", str(path), "--model", model, "--json")
        assert code == 0
        data = json.loads(out)
        assert data["model"] == model
        assert isinstance(data["forecast"], float)
        assert len(data["rounds"]) >= 2 and data["rounds"][-1] == data["forecast"]
        assert data["baselines"]["mean"] == pytest.approx(7.38996, abs=5e-6)
        assert data["baselines"]["median"] == 7.0
    code, out, _ = _run("forecast", str(path), "--model", "mean", "--json")
    assert json.loads(out)["forecast"] == pytest.approx(7.38996, abs=5e-6)
    code, out, _ = _run("forecast", str(path), "--model", "median", "--json")
    assert json.loads(out)["rounds"] == [7.0]


def test_forecast_table_prints_rounds() -> None:
    code, out, _ = _run("forecast", str(EXAMPLE), "--model", "eu", "--rounds", "3")
    assert code == 0
    assert "round" in out and "forecast" in out and "weighted median" in out
    for r in ("0", "1", "2", "3"):
        assert f"│     {r} │" in out


def test_forecast_warns_about_left_out_actor(tmp_path: Path) -> None:
    p = tmp_path / "a.csv"
    p.write_text("Actor,Capability,Position,Salience\nA,1,10,50\nB,2,,50\nC,3,90,80\n")
    code, out, err = _run("forecast", str(p), "--model", "median", "--json")
    assert code == 0
    assert "a.csv:3: actor 'B' left out: empty Position" in err
    data = json.loads(out)
    assert data["actors"] == ["A", "C"] and len(data["warnings"]) == 1


def test_forecast_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    p = tmp_path / "bad.csv"
    p.write_text("Actor,Capability,Position,Salience\nA,1,10,50\nB,x,20,50\n")
    code, out, err = _run("forecast", str(p))
    assert code == 2
    assert "bad.csv:3: field 'Capability': expected a number, got 'x'" in err
    assert "Traceback" not in err + out
    code, _, err = _run("forecast", str(tmp_path / "missing.csv"))
    assert code == 2 and "no such file" in err
    code, _, err = _run("forecast", str(EXAMPLE), "--model", "crystal-ball")
    assert code == 2 and "--model" in err


def test_forecast_ktab_multidimensional(shared: Path) -> None:
    path = shared / "data/bargaining/ktab_examples/dummyData_3Dim.xml"
    code, out, _ = _run("forecast", str(path), "--model", "smp", "--json")
    assert code == 0
    data = json.loads(out)
    assert len(data["forecast"]) == 3 and len(data["rounds"][0]) == 3
    code, out, _ = _run("forecast", str(path), "--model", "eu", "--json")
    assert code == 0 and len(json.loads(out)["forecast"]) == 3


def test_dynamics_complete_graph() -> None:
    code, out, _ = _run(
        "dynamics", "--complete", "20", "--p", "0.2", "--time", "3", "--runs", "4", "--json"
    )
    assert code == 0
    data = json.loads(out)["triad_dynamics"]
    assert data["runs"] == 4 and data["links"] == 190
    assert data["path"][0]["updates"] == 0 and len(data["final_rho"]) == 4
    code, out, _ = _run("dynamics", "--complete", "12", "--time", "2")
    assert code == 0 and "friendly fraction" in out
    code, _, err = _run("dynamics", "--complete", "2")
    assert code == 2 and "at least 3" in err
    code, _, err = _run("dynamics")
    assert code == 2 and "SYSTEM" in err


def test_demo_step_runs_on_examples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    steps = [s for s in demo_steps() if s[1] == "Bargaining forecast"]
    assert len(steps) == 1 and steps[0][0] == 60
    ctx = DemoContext(seeds=tmp_path, out=tmp_path, examples=EXAMPLE.parents[1])
    steps[0][2](ctx)
    steps[0][2](DemoContext(seeds=tmp_path, out=tmp_path, examples=tmp_path))  # no example: skip


def _toy_system(tmp_path: Path) -> Path:
    from factions.model import Actor, Issue, Position, Relation, System, save_system

    actors = tuple(Actor(id=a, name=a.title()) for a in ("north", "south", "east", "west"))
    src = ("written for this test",)
    rels = (
        Relation(a="north", b="south", sign=1, sources=src),
        Relation(a="south", b="east", sign=1, sources=src),
        Relation(a="north", b="east", sign=-1, sources=src),
        Relation(a="east", b="west", sign=-1, sources=src),
    )
    issue = Issue(
        id="budget",
        name="Budget",
        positions=(
            Position(actor="north", position=20, salience=0.8, capability=3),
            Position(actor="south", position=60, salience=0.5, capability=2),
            Position(actor="east", position=90, salience=0.9, capability=1),
        ),
    )
    path = tmp_path / "toy.yaml"
    save_system(System(name="toy", actors=actors, relations=rels, issues=(issue,)), path)
    return path


def test_forecast_and_dynamics_on_a_system_file(tmp_path: Path) -> None:
    path = _toy_system(tmp_path)
    code, out, _ = _run("forecast", str(path), "--model", "mean", "--json")
    assert code == 0
    # (3*.8*20 + 2*.5*60 + 1*.9*90) / (2.4 + 1 + .9)
    assert json.loads(out)["forecast"] == pytest.approx((48 + 60 + 81) / 4.3)
    code, _, err = _run("forecast", str(path), "--issue", "tax")
    assert code == 2 and "no issue 'tax'" in err
    code, out, _ = _run("dynamics", str(path), "--p", "1", "--json")
    assert code == 0
    data = json.loads(out)
    # the one imbalanced triangle (north-south-east, ++-) is repaired to +++ with p = 1
    assert data["triad_dynamics"]["balanced"] == [True]
    assert data["realignment"]["frustration"] == 1.0
    assert data["realignment"]["jammed"] is False
    code, out, _ = _run("dynamics", str(path))
    assert code == 0 and "Landscape realignment" in out and "global minimum" in out


def test_dynamics_constrained_rule_reports_jam() -> None:
    code, out, _ = _run(
        "dynamics", "--complete", "9", "--rule", "ctd", "--seed", "111", "--time", "100"
    )
    assert code == 0 and "jammed" in out
    code, out, _ = _run(
        "dynamics", "--complete", "9", "--rule", "ctd", "--seed", "111", "--time", "100", "--json"
    )
    data = json.loads(out)["triad_dynamics"]
    assert data["rule"] == "constrained" and data["jammed"] is True
    code, _, err = _run("dynamics", "--complete", "9", "--rule", "xyz")
    assert code == 2 and "--rule" in err
