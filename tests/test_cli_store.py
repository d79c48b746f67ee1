"""The corpus commands: ingest, build, timeline, import (exit codes, messages, JSON)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factions.cli import _load_commands
from factions.cli.app import app

_load_commands()
FAKE = "store_fakes:FakeExtractor"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def corpus(folder: Path) -> Path:
    folder.mkdir()
    (folder / "2021-01-04_a.txt").write_text("Alpha attacks Beta. Gamma allies with Alpha.")
    (folder / "2021-05-06_b.txt").write_text("Alpha allies with Beta.")
    (folder / "2021-05-07_bad.txt").write_bytes(b"Alpha \xc3\x28 attacks Gamma.")
    (folder / "page.html").write_text(
        "<p>Gamma attacks Beta.</p><script>Zeta attacks Alpha</script>"
    )
    (folder / "feed.jsonl").write_text(
        '{"text": "Beta attacks Gamma.", "date": "2021-06-01"}\n{oops\n'
    )
    (folder / "table.csv").write_text("body\nAlpha attacks Gamma.\n")
    return folder


def test_ingest_reports_bad_records_and_ingests_the_rest(runner, tmp_path):
    c = corpus(tmp_path / "c")
    db = tmp_path / "c.duckdb"
    res = runner.invoke(app, ["ingest", str(c), "--db", str(db), "--date-from-filename", "%Y-%m-%d",
                              "--extractor", FAKE, "--json"])  # fmt: skip
    assert res.exit_code == 1, res.output
    summary = json.loads(res.stdout)
    assert summary["added"] == 4 and summary["read"] == 4
    bad = summary["bad"]
    assert (
        f"{c / '2021-05-07_bad.txt'}:1: undecodable byte 0xc3 at column 7 (expected UTF-8 text)"
        in bad
    )
    assert any(b.startswith(f"{c / 'feed.jsonl'}:2: broken JSON") for b in bad)
    assert any(b.startswith(f"{c / 'table.csv'}:1: no column 'text'") for b in bad)
    assert len(bad) == 3
    assert "feed.jsonl:2" in res.stderr

    again = runner.invoke(app, ["ingest", str(c), "--db", str(db), "--date-from-filename", "%Y-%m-%d",
                                "--extractor", FAKE, "--json"])  # fmt: skip
    assert json.loads(again.stdout)["added"] == 0

    csv_ok = runner.invoke(app, ["ingest", str(c / "table.csv"), "--db", str(db), "--text-column", "body",
                                 "--extractor", FAKE])  # fmt: skip
    assert csv_ok.exit_code == 0, csv_ok.output
    assert "added" in csv_ok.stdout


def test_build_and_timeline(runner, tmp_path):
    c = corpus(tmp_path / "c")
    db = tmp_path / "c.duckdb"
    runner.invoke(
        app,
        [
            "ingest",
            str(c),
            "--db",
            str(db),
            "--date-from-filename",
            "%Y-%m-%d",
            "--extractor",
            FAKE,
        ],
    )
    out = tmp_path / "systems"
    res = runner.invoke(
        app, ["build", "--db", str(db), "--window", "quarter", "-o", str(out), "--json"]
    )
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert [r["window"] for r in rows] == ["2021-Q1", "2021-Q2"]
    assert (out / "2021-Q1.yaml").is_file() and (out / "index.json").is_file()
    assert rows[1]["sign_flips"] == [
        {"a": "alpha", "b": "beta", "from": -1, "to": 1, "since": "2021-Q1"}
    ]

    span = runner.invoke(
        app,
        [
            "build",
            "--db",
            str(db),
            "--from",
            "2021-05",
            "--to",
            "2021-12",
            "-o",
            str(tmp_path / "s.yaml"),
        ],
    )
    assert span.exit_code == 0 and (tmp_path / "s.yaml").is_file()

    tl = runner.invoke(app, ["timeline", "--db", str(db), "--pair", "Alpha", "beta", "--json"])
    assert tl.exit_code == 0, tl.output
    data = json.loads(tl.stdout)
    assert [(p["window"], p["sign"], p["change"]) for p in data["points"]] == [
        ("2021-01", -1, "new"),
        ("2021-05", 1, "flip"),
    ]
    human = runner.invoke(app, ["timeline", "--db", str(db), "--pair", "alpha", "beta"])
    assert human.exit_code == 0 and "sign flip" in human.stdout


def test_bad_arguments_exit_2_with_one_line(runner, tmp_path):
    db = tmp_path / "none.duckdb"
    res = runner.invoke(app, ["timeline", "--db", str(db), "--pair", "a", "b"])
    assert res.exit_code == 2 and "no such store" in res.stderr and "Traceback" not in res.output
    res = runner.invoke(
        app, ["build", "--db", str(db), "--window", "week", "-o", str(tmp_path / "o")]
    )
    assert res.exit_code == 2 and "--window 'week'" in res.stderr
    res = runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--db", str(db)])
    assert res.exit_code == 2 and "no such file or folder" in res.stderr
    res = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(db), "--engine", "spark"])
    assert res.exit_code == 2 and "--engine 'spark'" in res.stderr
    c = corpus(tmp_path / "c")
    runner.invoke(app, ["ingest", str(c), "--db", str(db), "--extractor", FAKE])
    res = runner.invoke(app, ["timeline", "--db", str(db), "--pair", "Alpha", "Nobody"])
    assert res.exit_code == 2 and "no actor 'Nobody'" in res.stderr


def test_import_gdelt_and_mapping_errors(runner, tmp_path):
    from factions.store.events import GDELT2_COLUMNS

    row = {c: "" for c in GDELT2_COLUMNS}
    row.update(GLOBALEVENTID="1", SQLDATE="20210301", Actor1Code="AAA", Actor1Name="ALPHA LAND",
               Actor2Code="BBB", Actor2Name="BETA LAND", EventRootCode="19", EventCode="190",
               QuadClass="4", GoldsteinScale="-10", NumSources="2")  # fmt: skip
    f = tmp_path / "g.CSV"
    f.write_text("\t".join(row[c] for c in GDELT2_COLUMNS) + "\n")
    m = tmp_path / "m.csv"
    m.write_text("code,actor_id\nAAA,alpha\nBBB,beta\n")
    db = tmp_path / "c.duckdb"
    res = runner.invoke(
        app, ["import", "gdelt", str(f), "--db", str(db), "--mapping", str(m), "--json"]
    )
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["added"] == 1
    tl = runner.invoke(app, ["timeline", "--db", str(db), "--pair", "alpha", "beta", "--json"])
    assert json.loads(tl.stdout)["points"][0]["sign"] == -1
    res = runner.invoke(app, ["import", "acled", str(f), "--db", str(db)])
    assert res.exit_code == 2 and "unknown event data set 'acled'" in res.stderr
    m.write_text("code,actor\nAAA,Not Valid\n")
    res = runner.invoke(app, ["import", "gdelt", str(f), "--db", str(db), "--mapping", str(m)])
    assert res.exit_code == 2 and "m.csv:2: actor_id 'Not Valid'" in res.stderr
