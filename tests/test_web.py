"""API tests of the web UI: every endpoint, with good and bad input."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from factions.web import create_app
from report_fixtures import N_ACTORS, N_TIES, SCENARIO_YAML, write_system


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    write_system(tmp_path / "sys")
    # A cited document beside the system, and a secret outside its folder.
    (tmp_path / "sys" / "memo_1.txt").write_text("Memo one: our own test text.\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("top secret\n", encoding="utf-8")
    return tmp_path


@pytest.fixture()
def client(folder: Path) -> TestClient:
    return TestClient(create_app(folder / "sys" / "system.yaml", max_upload=2000))


def test_index_and_static_are_served_with_a_strict_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert "/static/vendor/cytoscape.min.js" in r.text
    assert "http://" not in r.text and "https://" not in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    for path in ("/static/app.js", "/static/graph.js", "/static/vendor/cytoscape-fcose.js"):
        assert client.get(path).status_code == 200, path


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = set(spec["paths"])
    assert {
        "/api/system",
        "/api/graph",
        "/api/actors",
        "/api/actors/{actor_id}",
        "/api/ties/{a}/{b}",
        "/api/analysis",
        "/api/votes",
        "/api/evidence",
        "/api/timeline/{a}/{b}",
        "/api/documents/{doc_id}",
        "/api/scenario",
        "/api/extract",
        "/api/reset",
    } <= paths
    assert all(op.get("summary") for p in spec["paths"].values() for op in p.values())


def test_system_summary(client: TestClient) -> None:
    s = client.get("/api/system").json()
    assert (s["name"], s["actors"], s["relations"], s["positive"], s["negative"]) == (
        "toy-parliament",
        N_ACTORS,
        N_TIES,
        4,
        2,
    )


def test_graph_and_filters(client: TestClient) -> None:
    g = client.get("/api/graph").json()
    assert len(g["nodes"]) == N_ACTORS and len(g["edges"]) == N_TIES
    assert g["blocs_known"] and g["frustrated_known"]
    frustrated = [e["data"]["id"] for e in g["edges"] if e["data"]["frustrated"]]
    # One unbalanced triangle (blue-red-green, one negative tie): exactly one of its ties.
    assert len(frustrated) == 1 and frustrated[0] in {"blue|green", "blue|red", "green|red"}
    neg = client.get("/api/graph", params={"sign": "negative"}).json()
    assert sorted(e["data"]["id"] for e in neg["edges"]) == ["blue|red", "gold|premier"]
    bloc = g["nodes"][0]["data"]["bloc"]
    one = client.get("/api/graph", params={"bloc": bloc}).json()
    assert {n["data"]["bloc"] for n in one["nodes"]} == {bloc}
    # Time window March 2012: blue-red (since 2011-03, open end), gold-red (no dates: open),
    # green-red (evidence of 2012-03); the others are dated to other months.
    win = client.get("/api/graph", params={"date_from": "2012-03", "date_to": "2012-03"}).json()
    assert sorted(e["data"]["id"] for e in win["edges"]) == ["blue|red", "gold|red", "green|red"]
    late = client.get("/api/graph", params={"date_from": "2012-05"}).json()
    assert sorted(e["data"]["id"] for e in late["edges"]) == [
        "blue|red",
        "gold|premier",
        "gold|red",
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"sign": "both"},
        {"date_from": "March 2012"},
        {"date_to": "2012-13"},
        {"bloc": -1},
        {"bloc": "x"},
    ],
)
def test_graph_rejects_bad_filters(client: TestClient, params: dict) -> None:
    assert client.get("/api/graph", params=params).status_code == 422


def test_actors_and_actor_detail(client: TestClient) -> None:
    actors = client.get("/api/actors").json()
    assert {a["id"] for a in actors} == {"premier", "blue", "red", "green", "gold", "speaker"}
    blue = client.get("/api/actors/blue").json()
    assert blue["seats"] == 40
    assert {t["id"] for t in blue["ties"]} == {"blue|red", "blue|premier", "blue|green"}
    assert blue["affiliations"] == [
        {
            "member": "premier",
            "group": "blue",
            "role": "leader",
            "start": None,
            "end": None,
            "evidence": [],
            "sources": [],
        }
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/api/actors/nobody",
        "/api/ties/blue/nobody",
        "/api/ties/nobody/blue",
        "/api/evidence?actor=nobody",
        "/api/timeline/blue/nobody",
    ],
)
def test_unknown_actor_is_404(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    assert "nobody" in r.json()["detail"]


def test_tie_with_evidence_either_order(client: TestClient) -> None:
    t = client.get("/api/ties/red/blue").json()
    assert t["id"] == "blue|red" and t["sign"] == -1
    assert (
        t["evidence"][0]["sentence"] == "The Blue Party and the Red List traded insults all spring."
    )
    assert client.get("/api/ties/speaker/blue").status_code == 404  # both known, no tie


def test_analysis_and_votes(client: TestClient) -> None:
    an = client.get("/api/analysis").json()
    assert an["balance"]["available"] and an["balance"]["frustration_index"] == 1
    assert an["blocs"]["available"]
    v = client.get("/api/votes").json()
    m = v["motions"]["motions"][0]
    assert (m["motion"], m["seats_for"], m["seats_needed"], m["passes"]) == (
        "no_confidence",
        40,
        51,
        False,
    )
    ch = v["seats"]["chambers"][0]
    assert [r["seats"] for r in ch["seats"]] == [40, 30, 15, 10]


def test_evidence_and_timeline(client: TestClient) -> None:
    ev = client.get("/api/evidence").json()
    assert ev["available"] and len(ev["rows"]) == 6  # 5 sentences + 1 cited source
    gold = client.get("/api/evidence", params={"actor": "gold"}).json()
    assert {r["tie"] for r in gold["rows"]} == {"gold|red", "gold|premier"}
    tl = client.get("/api/timeline/red/blue").json()
    assert (tl["start"], tl["evidence_dates"]) == ("2011-03", ["2012-01"])
    assert client.get("/api/timeline/speaker/blue").status_code == 404


def test_document_of_a_cited_source(client: TestClient) -> None:
    d = client.get("/api/documents/memo_1").json()
    assert d["text"].startswith("Memo one") and d["source"] == "memo_1.txt"
    assert client.get("/api/documents/memo_2").status_code == 404  # cited, but no file


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/..%2Fsecret",
        "/api/documents/%2E%2E%2Fsecret",
        "/api/documents/..%2F..%2Fetc%2Fpasswd",
        "/api/documents/%2Fetc%2Fpasswd",
        "/api/documents/secret",
        "/api/documents/system",
        "/static/../secret.txt",
        "/static/%2e%2e/%2e%2e/%2e%2e/report/builder.py",
        "/static/..%2F..%2Fsecret.txt",
        "/static/vendor/..%2F..%2F..%2F..%2Fsecret.txt",
        "/static//etc/passwd",
        "/..%2Fsecret.txt",
    ],
)
def test_path_traversal_reads_nothing_outside(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code in (400, 404, 405), (path, r.status_code)
    assert "top secret" not in r.text
    assert "root:" not in r.text
    assert "def build_report" not in r.text


def test_scenario_changes_the_outcome(client: TestClient) -> None:
    r = client.post("/api/scenario", json={"yaml": SCENARIO_YAML})
    assert r.status_code == 200, r.text
    d = r.json()["diff"]
    changed = [k for k, ch in d["changes"]["motions"].items() if ch["outcome_changed"]]
    assert changed == ["no_confidence"]
    ch = d["changes"]["motions"]["no_confidence"]
    b, a = ch["before"], ch["after"]
    assert (b["seats_for"], a["seats_for"], b["passes"], a["passes"]) == (40, 55, False, True)
    assert d["edits"]["ties_flipped"] == ["blue-green +1->-1"]
    assert (d["before"]["frustration_index"], d["after"]["frustration_index"]) == (1.0, 0.0)
    # The mapping form gives the same answer; the served system is unchanged.
    import yaml

    r2 = client.post("/api/scenario", json={"scenario": yaml.safe_load(SCENARIO_YAML)})
    assert r2.json()["diff"]["changes"] == d["changes"]
    assert client.get("/api/votes").json()["motions"]["motions"][0]["passes"] is False


@pytest.mark.parametrize(
    "body",
    [
        {"yaml": "name: x\nsteps:\n- {op: fly}\n"},  # unknown verb
        {"yaml": "steps: [\n"},  # not YAML
        {"yaml": "name: x\nsteps:\n- {op: flip_relation, a: blue, b: nobody}\n"},  # unknown actor
        {"yaml": "name: x\nsteps:\n- {op: flip_relation, a: blue, b: speaker}\n"},  # no such tie
        {"scenario": {"name": "x", "steps": [{"a": "blue"}]}},  # missing op
        {"scenario": {"steps": "flip"}},
        {},  # neither
        {"yaml": "name: x", "scenario": {"name": "x"}},  # both
        {"yaml": 3},
    ],
)
def test_malformed_scenario_is_422(client: TestClient, body: dict) -> None:
    r = client.post("/api/scenario", json=body)
    assert r.status_code == 422, r.text


def test_scenario_error_names_line_and_field(client: TestClient) -> None:
    r = client.post("/api/scenario", json={"yaml": "name: x\nsteps:\n- {op: fly}\n"})
    assert "3" in r.json()["detail"] and "steps[0].op" in r.json()["detail"]


def test_scenario_rejects_non_json(client: TestClient) -> None:
    r = client.post(
        "/api/scenario", content=b"not json", headers={"content-type": "application/json"}
    )
    assert r.status_code == 422


def test_cross_origin_posts_are_refused(client: TestClient) -> None:
    evil = {"origin": "http://evil.example", "content-type": "text/plain"}
    assert client.post("/api/extract", content=b"Some text.", headers=evil).status_code == 403
    assert client.post("/api/reset", headers={"origin": "http://evil.example"}).status_code == 403
    same = {"origin": "http://testserver"}
    assert (
        client.post("/api/scenario", json={"yaml": SCENARIO_YAML}, headers=same).status_code == 200
    )
    assert client.get("/api/system", headers={"origin": "http://evil.example"}).status_code == 200


def test_oversized_upload_is_413(client: TestClient) -> None:
    big = ("The Blue Party praised the Red List. " * 100).encode()
    assert len(big) > 2000
    r = client.post("/api/extract", content=big, headers={"content-type": "text/plain"})
    assert r.status_code == 413
    assert "2000" in r.json()["detail"]


def test_oversized_upload_without_length_is_413(client: TestClient) -> None:
    def chunks():
        for _ in range(50):
            yield b"x" * 100

    r = client.post("/api/extract", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413


@pytest.mark.parametrize(
    ("content", "params", "status"),
    [
        (b"   ", {}, 422),
        (b"\xff\xfe\x00bad", {}, 422),
        (b"Some text.", {"doc_id": "../x"}, 422),
        (b"Some text.", {"doc_id": "memo_1"}, 409),
        (b"Some text.", {"date": "yesterday"}, 422),
    ],
)
def test_bad_uploads(client: TestClient, content: bytes, params: dict, status: int) -> None:
    r = client.post(
        "/api/extract", content=content, params=params, headers={"content-type": "text/plain"}
    )
    assert r.status_code == status, r.text


@pytest.mark.slow
def test_upload_extracts_into_the_system_and_reset_restores(client: TestClient) -> None:
    text = (
        "The Blue Party and the Gold Movement signed a pact on Monday. "
        "Ana Premier praised the Gold Movement for its courage."
    )
    r = client.post(
        "/api/extract",
        content=text.encode(),
        params={"doc_id": "note_9", "date": "2012-06"},
        headers={"content-type": "text/plain"},
    )
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["doc_id"] == "note_9"
    assert out["summary"]["evidence"] >= 5
    assert client.get("/api/system").json()["uploads"] == ["note_9"]
    assert client.get("/api/documents/note_9").json()["text"] == text
    after = client.post("/api/reset").json()
    assert after["relations"] == N_TIES and after["evidence"] == 5


def test_serve_binds_loopback_by_default() -> None:
    from factions.cli.serve import DEFAULT_HOST, serve

    assert DEFAULT_HOST == "127.0.0.1"
    assert inspect.signature(serve).parameters["host"].default.default == "127.0.0.1"


def test_allowed_hosts_refuse_other_host_headers(folder: Path) -> None:
    c = TestClient(
        create_app(folder / "sys" / "system.yaml", allowed_hosts=["127.0.0.1", "localhost"])
    )
    assert c.get("/api/system", headers={"host": "evil.example"}).status_code == 400
    assert c.get("/api/system", headers={"host": "127.0.0.1:8000"}).status_code == 200


def test_create_app_needs_exactly_one_source(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not both or neither"):
        create_app()


def test_graph_json_is_cytoscape_shaped(client: TestClient) -> None:
    g = client.get("/api/graph").json()
    e = g["edges"][0]["data"]
    assert {"id", "source", "target", "sign", "kind", "evidence_count", "frustrated"} <= set(e)
    json.dumps(g)  # plain JSON
