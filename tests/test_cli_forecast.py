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
