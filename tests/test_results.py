"""One result format: the CLI's ``--json``, the report's data and the web API agree.

Every analysis result has one ``to_dict()`` (docs/results.md). For every system and motion
of ``examples/``, ``factions ... --json``, the report's sections and the web API's answers
must be the same data; above all, the same decisive actors for every motion.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from factions.cli import _load_commands, app
from factions.io import load_scenario
from factions.model import load_system
from factions.report import sections as S
from factions.report.scenario import scenario_section
from factions.web import create_app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SYSTEMS = sorted(EXAMPLES.glob("*/system.yaml"))
MOTIONS = [(p, m.id) for p in SYSTEMS for m in load_system(p).motions]
SCENARIO = EXAMPLES / "iraq-2012" / "scenarios" / "opposition-majority.yaml"

_load_commands()
runner = CliRunner()


def _cli(*args: str) -> Any:
    res = runner.invoke(app, [*args, "--json"])
    assert res.exit_code in (0, 1), res.output
    return json.loads(res.stdout)


def _plain(d: Any) -> Any:
    """Without what only a page needs (``display``, ``available``) or differs run to run
    (``seconds``)."""
    if isinstance(d, dict):
        return {k: _plain(v) for k, v in d.items() if k not in ("display", "available", "seconds")}
    if isinstance(d, list):
        return [_plain(x) for x in d]
    return d


@pytest.fixture(scope="module")
def served() -> dict[Path, dict[str, Any]]:
    """For each example system: the report's sections and the web API's answers."""
    out = {}
    for p in SYSTEMS:
        client = TestClient(create_app(p))
        out[p] = {
            "sections": S.collect(load_system(p)),
            "analysis": client.get("/api/analysis").json(),
            "votes": client.get("/api/votes").json(),
            "client": client,
        }
    return out


def test_the_examples_have_motions() -> None:
    assert MOTIONS, "examples/ should hold at least one system with motions"


@pytest.mark.parametrize(
    ("path", "motion"), MOTIONS, ids=[f"{p.parent.name}:{m}" for p, m in MOTIONS]
)
def test_vote_report_and_web_agree_on_every_motion(served, path: Path, motion: str) -> None:
    cli = _cli("vote", str(path), "--motion", motion)
    report = next(
        m for m in served[path]["sections"]["motions"]["motions"] if m["motion"] == motion
    )
    web = next(m for m in served[path]["votes"]["motions"]["motions"] if m["motion"] == motion)
    assert cli["decisive"] == report["decisive"] == web["decisive"]
    assert cli["needed"] == report["needed"] == web["needed"]
    assert cli["passes"] == report["passes"] == web["passes"]
    assert cli == _plain(report) == _plain(web)


def test_the_iraq_verdict_is_the_documented_one(served) -> None:
    """docs/iraq-2012.md: 25 short; Iraqiya and the Sadrists needed; ISCI and PUK decisive."""
    path = EXAMPLES / "iraq-2012" / "system.yaml"
    m = _cli("vote", str(path), "--motion", "no-confidence")
    assert (m["seats_for"], m["seats_short"], m["passes"]) == (138, 25, False)
    assert m["needed"] == ["iraqiya", "sadrist-movement"]
    assert m["decisive"] == ["isci", "puk"]


@pytest.mark.parametrize("path", SYSTEMS, ids=[p.parent.name for p in SYSTEMS])
def test_balance_and_brokers_agree(served, path: Path) -> None:
    balance = _plain(_cli("balance", str(path), "--unweighted"))
    assert balance == _plain(served[path]["sections"]["balance"])
    assert balance == _plain(served[path]["analysis"]["balance"])
    brokers = _plain(_cli("brokers", str(path), "--unweighted"))
    brokers.pop("tie_flips")  # the report and the web UI leave the tie flips out
    for got in (served[path]["sections"]["brokers"], served[path]["analysis"]["brokers"]):
        got = _plain(got)
        assert got.pop("tie_flips") == []
        assert got == brokers


@pytest.mark.parametrize("path", SYSTEMS, ids=[p.parent.name for p in SYSTEMS])
def test_power_agrees(served, path: Path) -> None:
    system = load_system(path)
    for c in system.chambers:
        report = next(x for x in served[path]["sections"]["seats"]["chambers"] if x["id"] == c.id)
        web = next(x for x in served[path]["votes"]["seats"]["chambers"] if x["id"] == c.id)
        assert report["power"]["tables"], c.id
        for table, web_table in zip(report["power"]["tables"], web["power"]["tables"], strict=True):
            indices = ",".join(table["indices"])
            cli = _cli(
                "power", str(path), "--chamber", c.id, "--rule", table["rule"], "--index", indices
            )
            assert cli == {k: table[k] for k in ("players", "indices", "floats")}
            assert web_table == table


def test_scenario_diff_agrees(served) -> None:
    path = EXAMPLES / "iraq-2012" / "system.yaml"
    cli = _plain(_cli("scenario", str(path), str(SCENARIO)))
    report, _ = scenario_section(load_system(path), load_scenario(SCENARIO))
    r = served[path]["client"].post("/api/scenario", json={"yaml": SCENARIO.read_text()})
    assert r.status_code == 200, r.text
    web = r.json()["diff"]
    assert report.pop("steps") == web.pop("steps")
    assert cli == _plain(report) == _plain(web)
    assert cli["changes"]["motions"]["no-confidence"]["outcome_changed"]


def test_every_result_is_json_ready(tmp_path: Path) -> None:
    """``to_dict()`` gives plain data: JSON gives back exactly the same."""
    import networkx as nx

    from factions.analysis import balance_report, brokers, frustration_index, k_bloc_partition
    from factions.analysis.coalitions import coalition_report
    from factions.analysis.landscape import landscape
    from factions.analysis.motions import motion_report
    from factions.analysis.power import power_indices
    from factions.model.fusion import Observation, fuse
    from factions.sim import diff_systems, forecast, from_arrays, realign, simulate
    from factions.sim.dynamics import triad_dynamics

    system = load_system(EXAMPLES / "iraq-2012" / "system.yaml")
    g = nx.Graph()
    g.add_edges_from([("a", "b", {"sign": 1}), ("b", "c", {"sign": -1}), ("a", "c", {"sign": 1})])
    results = [
        balance_report(g),
        frustration_index(g),
        k_bloc_partition(g, 2),
        brokers(g),
        landscape([1.0, 2.0, 3.0], [[0, 1, -1], [1, 0, 1], [-1, 1, 0]]),
        power_indices([4, 3, 2], 5),
        coalition_report([4, 3, 2], 5, names="xyz"),
        motion_report(system, "no-confidence"),
        diff_systems(system, system),
        simulate(system, 200, seed=1),
        forecast(from_arrays(["p", "q", "r"], [1, 2, 3], [0, 50, 100], [1, 1, 1])),
        triad_dynamics(g, 0.5, updates=50, runs=2, seed=1),
        realign(g),
        fuse([Observation(a="x", b="y", sign=-1, kind="rivalry", confidence=0.5)]),
    ]
    for r in results:
        d = r.to_dict()
        assert json.loads(json.dumps(d)) == d, type(r).__name__
