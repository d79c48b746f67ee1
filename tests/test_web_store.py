"""The web API served from a corpus store (``factions serve --db``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factions.run import ingest
from factions.web import create_app

# Our own sentences, two dated documents about the same pair.
DOCS = [
    {
        "id": "d1",
        "date": "2012-01-10",
        "text": "The Blue Party formed an alliance with the Red List in January.",
    },
    {
        "id": "d2",
        "date": "2012-04-02",
        "text": "The Blue Party accused the Red List of betrayal in April.",
    },
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("store")
    src = d / "docs.jsonl"
    src.write_text("".join(json.dumps(x) + "\n" for x in DOCS), encoding="utf-8")
    db = d / "corpus.duckdb"
    ingest([src], db)
    return db


@pytest.mark.slow
def test_serve_a_store(store: Path) -> None:
    client = TestClient(create_app(db=store))
    s = client.get("/api/system").json()
    assert s["source"] == "store"
    g = client.get("/api/graph").json()
    assert len(g["nodes"]) == s["actors"] and len(g["edges"]) == s["relations"]
    ev = client.get("/api/evidence").json()
    assert ev["available"], "the extractor found no relation in the test documents"
    row = ev["rows"][0]
    doc = client.get(f"/api/documents/{row['doc_id']}").json()
    assert doc["source"] == "store" and row["sentence"] in doc["text"]
    tl = client.get(f"/api/timeline/{row['a']}/{row['b']}", params={"window": "quarter"}).json()
    assert tl["source"] == "store" and tl["points"]
    assert client.get(f"/api/timeline/{row['a']}/nobody").status_code == 404
    assert client.get("/api/documents/..%2F..%2Fetc%2Fpasswd").status_code == 404


@pytest.mark.slow
def test_report_of_a_store_has_windows(store: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from factions.cli import _load_commands, app

    _load_commands()
    out = tmp_path / "r.html"
    r = CliRunner().invoke(app, ["report", str(store), "-o", str(out), "--window", "quarter"])
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    from factions.report.sections import store_trajectories

    sec = store_trajectories(store, "quarter")
    assert sec["available"], sec.get("reason")
    assert sec["windows"] == ["2012-Q1", "2012-Q2"]
    row = sec["rows"][0]
    assert {w: p["sign"] for w, p in row["points"].items()} == {"2012-Q1": 1, "2012-Q2": -1}
    assert "Ties by quarter" in html and "Sign flips: 2012-Q2" in html
    bad = CliRunner().invoke(app, ["report", str(store), "-o", str(out), "--window", "week"])
    assert bad.exit_code == 2
