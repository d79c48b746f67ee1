"""`factions extract`, `eval`, `show` and the extraction demo step."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import factions.cli.extract as cli_extract
from factions.cli.app import DemoContext, app
from factions.model import load_system

runner = CliRunner()

GOOD_A = "Prime Minister Adel Rahimi accused Egypt of meddling. Jordan supports Rahimi.\n"
GOOD_B = "The Reform Bloc split from the Liberal Party after the congress.\n"


@pytest.fixture()
def files(tmp_path: Path) -> dict[str, Path]:
    f = {
        "a": tmp_path / "a.txt",
        "b": tmp_path / "b.txt",
        "empty": tmp_path / "empty.txt",
        "binary": tmp_path / "image.txt",
        "latin1": tmp_path / "latin1.txt",
        "missing": tmp_path / "missing.txt",
        "dir": tmp_path / "folder",
    }
    f["a"].write_text(GOOD_A, encoding="utf-8")
    f["b"].write_text(GOOD_B, encoding="utf-8")
    f["empty"].write_bytes(b"")
    f["binary"].write_bytes(b"\x00\x01\x02binary\x00")
    f["latin1"].write_bytes("Caf\u00e9 talks".encode("latin-1"))
    f["dir"].mkdir()
    return f


def _extract(args: list[str]):
    return runner.invoke(app, ["extract", *args])


def test_extract_json_matches_annotation_format(files):
    res = _extract([str(files["a"]), str(files["b"])])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    docs = {d["doc_id"]: d for d in data["documents"]}
    assert set(docs) == {"a", "b"}
    a = docs["a"]
    names = {x["id"]: x["name"] for x in a["actors"]}
    signs = {frozenset((names[r["a"]], names[r["b"]])): r["sign"] for r in a["relations"]}
    assert signs[frozenset(("Adel Rahimi", "Egypt"))] == -1
    assert signs[frozenset(("Adel Rahimi", "Jordan"))] == 1
    for actor in a["actors"]:
        for m in actor["mentions"]:
            assert GOOD_A[m["start"] : m["end"]] == m["text"]
    for r in a["relations"]:
        assert 0 < r["confidence"] <= 1
        for e in r["evidence"]:
            assert GOOD_A[e["start"] : e["end"]] == e["text"]


@pytest.mark.parametrize(
    "bad, expected",
    [
        ("missing", "no such file"),
        ("dir", "a folder with no .txt"),
        ("empty", "empty"),
        ("binary", "binary"),
        ("latin1", "not UTF-8"),
    ],
)
def test_each_bad_file_is_one_line_and_others_still_extracted(files, bad, expected):
    res = _extract([str(files["a"]), str(files[bad]), str(files["b"])])
    assert res.exit_code == 2
    err = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(err) == 1, res.stderr
    assert expected in err[0] and str(files[bad]) in err[0]
    assert "Traceback" not in res.stderr
    docs = [d["doc_id"] for d in json.loads(res.stdout)["documents"]]
    assert docs == ["a", "b"]


def test_a_folder_contributes_its_text_files_sorted(files, tmp_path):
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "z.txt").write_text(GOOD_A, encoding="utf-8")
    (folder / "sub" / "m.md").write_text(GOOD_B, encoding="utf-8")
    (folder / "page.html").write_text("<p>not read by extract</p>", encoding="utf-8")
    res = _extract([str(folder), str(files["a"])])
    assert res.exit_code == 0, res.stderr
    assert [d["doc_id"] for d in json.loads(res.stdout)["documents"]] == ["m", "z", "a"]


def test_output_that_cannot_be_written_is_one_line(files, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    res = _extract([str(files["a"]), "-o", str(blocker / "out.json")])
    assert res.exit_code == 2
    err = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and "cannot write" in err[0] and "Traceback" not in res.stderr


def _gold_with_no_relations(tmp_path: Path) -> Path:
    """A gold folder holding GOOD_A annotated with no actors and no relations."""
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.json").write_text(
        json.dumps({"doc_id": "a", "text": GOOD_A, "actors": [], "relations": []}), "utf-8"
    )
    return gold


@pytest.mark.parametrize("content", ["[1, 2]", '{"documents": [{"x": 1}]}', '{"documents": 3}'])
def test_eval_refuses_a_file_that_is_not_extractor_output(tmp_path, content):
    gold = _gold_with_no_relations(tmp_path)
    pred = tmp_path / "pred.json"
    pred.write_text(content, encoding="utf-8")
    res = runner.invoke(app, ["eval", "--gold", str(gold), str(pred)])
    assert res.exit_code == 2
    assert "expected extractor output" in res.stderr and "pred.json" in res.stderr


def test_all_bad_inputs_together(files):
    bad = ["missing", "dir", "empty", "binary", "latin1"]
    res = _extract([str(files[k]) for k in bad] + [str(files["a"])])
    assert res.exit_code == 2
    assert len([x for x in res.stderr.splitlines() if x.strip()]) == len(bad)
    assert [d["doc_id"] for d in json.loads(res.stdout)["documents"]] == ["a"]


def test_malformed_actors_file_is_reported_and_files_still_extracted(files, tmp_path):
    bad = tmp_path / "actors.yaml"
    bad.write_text("actors:\n  - id: Not An Id!\n    name: X\n", encoding="utf-8")
    res = _extract([str(files["a"]), "--actors", str(bad)])
    assert res.exit_code == 2
    err = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(err) == 1 and "actors.yaml" in err[0] and "Traceback" not in res.stderr
    assert [d["doc_id"] for d in json.loads(res.stdout)["documents"]] == ["a"]


def test_gazetteer_ids_are_used(files, tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text(
        "actors:\n"
        "  - id: rahimi\n    name: Adel Rahimi\n    kind: person\n    aliases: [Rahimi]\n"
        "  - id: egy\n    name: Arab Republic of Egypt\n    kind: state\n    aliases: [Egypt]\n",
        encoding="utf-8",
    )
    res = _extract([str(files["a"]), "--actors", str(actors)])
    assert res.exit_code == 0, res.stderr
    doc = json.loads(res.stdout)["documents"][0]
    pairs = {(r["a"], r["b"], r["sign"]) for r in doc["relations"]}
    assert ("egy", "rahimi", -1) in pairs


def test_yaml_output_is_a_loadable_system(files, tmp_path):
    out = tmp_path / "out" / "sys.yaml"
    res = _extract([str(files["a"]), str(files["b"]), "--format", "yaml", "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    system = load_system(out)
    assert system.find_actor("Egypt") is not None
    rel = system.relation(system.find_actor("Egypt").id, system.find_actor("Adel Rahimi").id)
    assert rel.sign == -1 and rel.evidence[0].doc_id == "a"


def test_bad_format_option(files):
    res = _extract([str(files["a"]), "--format", "xml"])
    assert res.exit_code == 2 and "xml" in res.stderr


def test_eval_prints_per_document_and_micro(tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    doc = {
        "doc_id": "g1",
        "text": GOOD_A,
        "actors": [
            {
                "id": "r",
                "name": "Adel Rahimi",
                "kind": "person",
                "aliases": ["Adel Rahimi", "Rahimi"],
            },
            {"id": "e", "name": "Egypt", "kind": "state", "aliases": ["Egypt"]},
            {"id": "j", "name": "Jordan", "kind": "state", "aliases": ["Jordan"]},
        ],
        "relations": [
            {"a": "r", "b": "e", "sign": -1, "kind": "accusation", "evidence": "accused Egypt"},
            {"a": "j", "b": "r", "sign": 1, "kind": "support", "evidence": "supports Rahimi"},
        ],
        "affiliations": [],
    }
    (gold / "g1.json").write_text(json.dumps(doc), encoding="utf-8")
    res = runner.invoke(app, ["eval", "--gold", str(gold), "--json"])
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["micro"]["relations"]["tp"] == 2
    assert data["micro"]["relations"]["f1"] == 1.0
    actors = data["micro"]["actors"]
    assert actors["gold"] == 3 and actors["found"] == 3 and actors["recall"] == 1.0
    assert actors["by_kind"]["state"]["gold"] == 2
    res = runner.invoke(app, ["eval", "--gold", str(gold)])
    assert res.exit_code == 0 and "micro" in res.stdout and "g1" in res.stdout
    assert "Actors by kind" in res.stdout


def test_eval_scores_given_prediction_files(tmp_path, files):
    gold = _gold_with_no_relations(tmp_path)
    pred = tmp_path / "pred.json"
    res = _extract([str(files["a"]), "-o", str(pred)])
    assert res.exit_code == 0
    res = runner.invoke(app, ["eval", "--gold", str(gold), str(pred), "--json"])
    assert res.exit_code == 0, res.stderr
    assert json.loads(res.stdout)["micro"]["relations"]["fp"] >= 1


def test_eval_bad_folder(tmp_path):
    res = runner.invoke(app, ["eval", "--gold", str(tmp_path / "nope")])
    assert res.exit_code == 2 and "nope" in res.stderr


def test_show_prints_tables_with_signs_and_evidence(files, tmp_path):
    out = tmp_path / "s.yaml"
    assert _extract([str(files["a"]), "--format", "yaml", "-o", str(out)]).exit_code == 0
    res = runner.invoke(app, ["show", str(out)])
    assert res.exit_code == 0, res.stderr
    assert "Adel Rahimi" in res.stdout and "accused Egypt" in res.stdout
    assert "Relations" in res.stdout


def test_show_bad_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("relations: [1, 2\n", encoding="utf-8")
    res = runner.invoke(app, ["show", str(bad)])
    assert res.exit_code == 2 and "bad.yaml" in res.stderr and "Traceback" not in res.stderr


def test_demo_step_with_no_documents(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    ctx = DemoContext(seeds=seeds, out=tmp_path / "out", examples=tmp_path)
    cli_extract.demo_extract(ctx)
    assert load_system(tmp_path / "out" / "seeds.system.yaml").actors == ()
    assert json.loads((tmp_path / "out" / "seeds.json").read_text())["documents"] == []


def test_demo_step_on_example_articles(tmp_path, examples):
    ctx = DemoContext(seeds=examples / "articles", out=tmp_path / "out", examples=examples)
    cli_extract.demo_extract(ctx)
    system = load_system(tmp_path / "out" / "seeds.system.yaml")
    assert len(system.relations) >= 3
    docs = json.loads((tmp_path / "out" / "seeds.json").read_text())["documents"]
    assert len(docs) == len(list((examples / "articles").glob("*.txt")))


def test_show_prints_external_ids_and_the_names_an_actor_was_found_under(tmp_path):
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("In Iraq, the Patriotic Union of Kurdistan opposed Nouri al-Maliki.\n", "utf-8")
    b.write_text("In Iraq, the PUK backed Masoud Barzani against Maliki.\n", "utf-8")
    out = tmp_path / "s.yaml"
    assert _extract([str(a), str(b), "--format", "yaml", "-o", str(out)]).exit_code == 0
    system = load_system(out)
    (puk,) = [x for x in system.actors if x.external_id == "partyfacts:5616"]
    assert "PUK" in " ".join(puk.aliases)
    res = runner.invoke(app, ["show", str(out)], env={"COLUMNS": "250"})
    assert res.exit_code == 0, res.stderr
    assert "partyfacts:5616" in res.stdout and "external id" in res.stdout
    assert "also named" in res.stdout and "PUK" in res.stdout
