"""The balance, landscape and brokers commands and the balance demo step."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

import factions.cli.analysis as cli_analysis
from factions.cli.app import DemoContext, app

runner = CliRunner()
SIGNED = "data/signed"

TIES = "source,target,sign,weight\nankara,baku,1,1\nbaku,yerevan,-1,1\nankara,yerevan,-1,1\nyerevan,tbilisi,1,2\nankara,tbilisi,1,1\n"


def _ties(tmp_path: Path) -> Path:
    p = tmp_path / "ties.csv"
    p.write_text(TIES)
    return p


def test_balance_json_keys(tmp_path):
    res = runner.invoke(app, ["balance", str(_ties(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    for key in (
        "frustration_index",
        "optimal",
        "lower_bound",
        "partition",
        "frustrated_edges",
        "triads",
        "seconds",
    ):
        assert key in data
    # ankara-tbilisi (+) and yerevan-tbilisi (+, weight 2) with yerevan-ankara (-): one unit tie frustrated
    assert data["frustration_index"] == 1 and data["optimal"] is True
    assert sorted(map(sorted, data["partition"])) == [["ankara", "baku"], ["tbilisi", "yerevan"]]
    assert data["frustrated_edges"] == [["ankara", "tbilisi"]]
    assert data["triads"]["total"] == 2
    res = runner.invoke(app, ["balance", str(_ties(tmp_path)), "--json", "--unweighted"])
    assert json.loads(res.stdout)["frustration_index"] == 1


def test_balance_human_output(tmp_path):
    res = runner.invoke(app, ["balance", str(_ties(tmp_path))])
    assert res.exit_code == 0
    assert "frustration index" in res.stdout and "Frustrated ties (1)" in res.stdout


def test_bad_input_is_one_line_exit_2(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("source,target,sign\na,b,1\nb,c,+2\n")
    res = runner.invoke(app, ["balance", str(p)])
    assert res.exit_code == 2
    assert "bad.csv:3: field 'sign'" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(app, ["balance", str(tmp_path / "missing.csv")])
    assert res.exit_code == 2 and "no such file" in res.stderr
    p.write_text("from,to\na,b\n")
    res = runner.invoke(app, ["brokers", str(p)])
    assert res.exit_code == 2


def test_highland_balance(shared):
    res = runner.invoke(
        app, ["balance", str(shared / SIGNED / "highland_tribes_signnet.csv"), "--json"]
    )
    data = json.loads(res.stdout)
    assert data["frustration_index"] == 7 and data["optimal"] and data["lower_bound"] == 7
    assert sorted(map(len, data["partition"])) == [4, 12]


def test_landscape_command(shared):
    d = shared / SIGNED / "landscape_syria_2016"
    args = [
        "landscape",
        "--sizes",
        str(d / "Actor_data.csv"),
        "--propensities",
        str(d / "Pairwise_propensity_Feb_20.csv"),
    ]
    res = runner.invoke(app, [*args, "--json", "--all"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["alignments"] == 1024 and len(data["all"]) == 1024
    energies = [a["energy"] for a in data["all"]]
    assert energies == sorted(energies)
    assert data["stable_alignments"][0]["energy"] == energies[0]
    assert data["stable_alignments"][0]["global"] is True
    res = runner.invoke(app, args)
    assert res.exit_code == 0 and "Stable alignments" in res.stdout


def test_landscape_bad_file(tmp_path):
    res = runner.invoke(
        app,
        [
            "landscape",
            "--sizes",
            str(tmp_path / "no.csv"),
            "--propensities",
            str(tmp_path / "no.csv"),
        ],
    )
    assert res.exit_code == 2


def test_brokers_command(tmp_path):
    res = runner.invoke(app, ["brokers", str(_ties(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["frustration_index"] == 1
    assert {a["actor"] for a in data["actors"]} == {"ankara", "baku", "yerevan", "tbilisi"}
    assert data["tie_flips"][0]["effect"] == -1


def test_demo_step_never_fails(tmp_path):
    from factions.cli.common import console

    empty = tmp_path / "examples"
    empty.mkdir()
    ctx = DemoContext(seeds=tmp_path, out=tmp_path / "out", examples=empty)
    with console.capture() as cap:
        cli_analysis.demo_balance(ctx)
    assert "No system found" in cap.get() and len(cap.get().strip().splitlines()) == 1
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "seeds.system.yaml").write_text("not: [a, system\n")
    with console.capture() as cap:
        cli_analysis.demo_balance(ctx)  # a broken file is reported, not raised
    assert "skipped" in cap.get()


def test_demo_step_on_example(examples):
    import pytest

    if not (examples / "iraq-2012" / "system.yaml").is_file():
        pytest.skip("examples/iraq-2012/system.yaml not present")
    from factions.cli.common import console

    with console.capture() as cap:
        cli_analysis.demo_balance(
            DemoContext(seeds=examples, out=examples / "no-such-out", examples=examples)
        )
    text = cap.get()
    assert "Frustration index" in text and "proven optimal" in text and "Brokers" in text


RICH_NAMES = """name: markup test
actors:
  - {id: a, name: "Front [/] of Z"}
  - {id: b, name: "List [2016]"}
  - {id: c, name: "[bold]Bold[/bold] Party"}
relations:
  - {a: a, b: b, sign: 1}
  - {a: b, b: c, sign: -1}
motions: []
"""


def test_names_that_look_like_rich_markup_print_as_written(tmp_path):
    """A name with "[/]" or "[bold]" is text: it neither breaks the command nor styles it."""
    import factions.cli.extract  # noqa: F401 - registers `show`

    f = tmp_path / "s.yaml"
    f.write_text(RICH_NAMES, encoding="utf-8")
    res = runner.invoke(app, ["show", str(f)], terminal_width=200)
    assert res.exit_code == 0, res.output
    for name in ("Front [/] of Z", "List [2016]", "[bold]Bold[/bold] Party"):
        assert name in res.output
    res = runner.invoke(app, ["balance", str(f)], terminal_width=200)
    assert res.exit_code == 0, res.output


def test_an_error_naming_a_file_with_brackets_is_one_clear_line(tmp_path):
    res = runner.invoke(app, ["balance", str(tmp_path / "x[/]y.yaml")])
    assert res.exit_code == 2
    assert "x[/]y.yaml: no such file" in res.stderr
