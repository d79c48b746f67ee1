"""``factions scenario``, ``factions simulate`` and the scenario demo step."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import factions.cli.scenario as cli_scenario
from factions.cli.app import DemoContext, app
from test_scenario import TOY

runner = CliRunner()


def _files(tmp_path: Path, steps: str) -> tuple[Path, Path]:
    system = tmp_path / "toy.yaml"
    system.write_text(TOY)
    sc = tmp_path / "sc.yaml"
    sc.write_text(f"name: swing-defects\nsteps:\n{steps}")
    return system, sc


def test_scenario_json(tmp_path: Path):
    system, sc = _files(tmp_path, "  - {op: defect, actor: swing, leave: front, join: civic}\n")
    out = tmp_path / "after.yaml"
    res = runner.invoke(app, ["scenario", str(system), str(sc), "--json", "-o", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["scenario"] == "swing-defects"
    m = data["changes"]["motions"]["censure"]
    assert m["before"]["passes"] is False and m["after"]["passes"] is True
    assert m["after"]["seats_for"] == 65 and m["outcome_changed"] is True
    assert data["before"]["frustration_index"] == 0 and data["after"]["frustration_index"] == 1
    assert "house/majority" in data["before"]["power"]
    assert out.is_file() and "swing" in out.read_text()


def test_scenario_rich(tmp_path: Path):
    system, sc = _files(tmp_path, "  - {op: flip_relation, a: premier, b: rule}\n")
    res = runner.invoke(app, ["scenario", str(system), str(sc)])
    assert res.exit_code == 0, res.output
    assert "frustration index" in res.stdout and "premier-rule +1->-1" in res.stdout


def test_scenario_bad_input_is_one_line(tmp_path: Path):
    system, sc = _files(
        tmp_path, "  - op: split\n    actor: ghost\n    id: x\n    name: X\n    seats: 3\n"
    )
    res = runner.invoke(app, ["scenario", str(system), str(sc)])
    assert res.exit_code == 2
    assert f"{sc}:4: steps[0].actor: unknown actor 'ghost'" in res.stderr
    assert "Traceback" not in res.output
    res = runner.invoke(app, ["scenario", str(tmp_path / "missing.yaml"), str(sc)])
    assert res.exit_code == 2 and "no such file" in res.stderr
    system, sc = _files(tmp_path, "  - {op: flip_relation, a: premier, b: rule}\n")
    res = runner.invoke(app, ["scenario", str(system), str(sc), "-o", str(sc / "after.yaml")])
    assert res.exit_code == 2 and "cannot write" in res.stderr and "Traceback" not in res.output


def test_simulate_json_reproducible(tmp_path: Path):
    system, sc = _files(tmp_path, "  []\n")
    sc.write_text(
        "name: doubts\nuncertainty:\n  loyalty:\n    - {actor: rule, defect: 0.05}\n"
        "  gatekeepers:\n    - {actor: head, motion: censure, p: 0.5}\n"
    )
    args = ["simulate", str(system), "--scenario", str(sc), "--samples", "4000", "--seed", "3"]
    a = runner.invoke(app, [*args, "--json"])
    b = runner.invoke(app, [*args, "--json"])
    assert a.exit_code == 0, a.output
    assert a.stdout == b.stdout
    data = json.loads(a.stdout)
    m = data["motions"][0]
    assert m["motion"] == "censure" and m["seats_needed"] == 51
    # passes when at least one Rule MP defects and the head forwards it
    assert 0.35 < m["passes"]["p"] < 0.5
    assert m["passes"]["low"] <= m["passes"]["p"] <= m["passes"]["high"]
    assert data["samples"] == 4000 and data["seed"] == 3 and data["scenario"] == "doubts"
    res = runner.invoke(app, args[:2] + ["--samples", "2000"])
    assert res.exit_code == 0 and "censure" in res.stdout and "bloc structures" in res.stdout


def test_simulate_bad_options(tmp_path: Path):
    system, _ = _files(tmp_path, "  []\n")
    res = runner.invoke(app, ["simulate", str(system), "--samples", "0"])
    assert res.exit_code == 2 and "--samples" in res.stderr
    res = runner.invoke(app, ["simulate", str(system), "--samples", "10", "--interval", "bayes"])
    assert res.exit_code == 2 and "--interval" in res.stderr


def test_demo_step_prints_the_diff(tmp_path: Path, examples: Path, capsys):
    ctx = DemoContext(seeds=tmp_path, out=tmp_path, examples=examples)
    cli_scenario.demo_scenario(ctx)
    out = capsys.readouterr().out
    assert "opposition-majority" in out and "no-confidence" in out
    assert "skipped" not in out
    data = json.loads((tmp_path / "scenario.diff.json").read_text())
    assert data["changes"]["motions"]["no-confidence"]["after"]["passes"] is True
