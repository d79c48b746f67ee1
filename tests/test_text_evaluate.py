"""The scorer of ANNOTATION.md on hand-made gold and predictions."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factions.text.evaluate import Counts, load_gold, match_actors, score, score_document

GOLD = {
    "doc_id": "g1",
    "text": "...",
    "actors": [
        {"id": "ana", "name": "Ana Ruiz", "kind": "person", "aliases": ["Ana Ruiz", "Ruiz"]},
        {"id": "beto", "name": "Beto Diaz", "kind": "person", "aliases": ["Beto Diaz", "Diaz"]},
        {"id": "peru", "name": "Peru", "kind": "state", "aliases": ["Peru", "Lima"]},
        {"id": "chile", "name": "Chile", "kind": "state", "aliases": ["Chile"]},
    ],
    "relations": [
        {"a": "ana", "b": "beto", "sign": -1, "kind": "rivalry", "evidence": "x"},
        {"a": "peru", "b": "ana", "sign": 1, "kind": "support", "evidence": "x"},
        {"a": "chile", "b": "peru", "sign": 0, "kind": "mixed", "evidence": "x"},
        {"a": "chile", "b": "beto", "sign": 1, "kind": "support", "evidence": "x"},
    ],
    "affiliations": [{"member": "ana", "group": "peru", "role": "member"}],
}


def actor(aid, name, *mentions):
    return {
        "id": aid,
        "name": name,
        "mentions": [{"text": m, "start": 0, "end": 1} for m in mentions],
    }


def test_actor_matching_by_mentions_case_and_space_insensitive():
    pred = [
        actor("x1", "ANA  RUIZ", "ruiz"),
        actor("x2", "Somebody", "Lima"),
        actor("x3", "Nobody", "Quito"),
    ]
    m = match_actors(pred, GOLD["actors"])
    assert m == {"x1": "ana", "x2": "peru", "x3": None}


def test_tie_leaves_actor_unmatched():
    pred = [actor("x", "Ruiz", "Diaz")]
    assert match_actors(pred, GOLD["actors"]) == {"x": None}


def test_relation_counts_follow_the_rules():
    pred = {
        "actors": [
            actor("a", "Ana Ruiz"),
            actor("b", "Beto Diaz"),
            actor("p", "Peru"),
            actor("c", "Chile"),
            actor("q", "Quito"),
        ],
        "relations": [
            {"a": "b", "b": "a", "sign": -1},  # TP (order ignored)
            {"a": "a", "b": "b", "sign": -1},  # duplicate of the same pair: counted once
            {"a": "p", "b": "a", "sign": -1},  # wrong sign: FP
            {"a": "c", "b": "p", "sign": 1},  # gold sign 0: ignored
            {"a": "q", "b": "a", "sign": 1},  # unmatched actor: FP
        ],
        "affiliations": [{"member": "a", "group": "p", "role": "member"}],
    }
    s = score_document(pred, GOLD)
    assert (s.relations.tp, s.relations.fp, s.relations.fn) == (1, 2, 2)
    assert (s.affiliations.tp, s.affiliations.fp, s.affiliations.fn) == (1, 0, 0)
    assert {tuple(sorted((g["a"], g["b"]))) for g in s.false_negatives} == {
        ("ana", "peru"),
        ("beto", "chile"),
    }


def test_micro_average_over_documents(tmp_path):
    (tmp_path / "g1.json").write_text(json.dumps(GOLD))
    gold = load_gold(tmp_path)
    report = score({}, gold)  # nothing predicted: all gold non-zero pairs are misses
    assert report.relations.fn == 3 and report.relations.tp == 0
    assert report.relations.f1 == 0.0
    d = report.as_dict()
    assert d["micro"]["relations"]["fn"] == 3 and d["documents"][0]["doc_id"] == "g1"


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 50))
def test_f1_is_harmonic_mean(tp, fp, fn):
    c = Counts(tp, fp, fn)
    assert 0.0 <= c.f1 <= 1.0
    if c.precision + c.recall:
        assert abs(c.f1 - 2 * c.precision * c.recall / (c.precision + c.recall)) < 1e-12
    assert min(c.precision, c.recall) - 1e-12 <= c.f1 <= max(c.precision, c.recall) + 1e-12


def test_leading_article_is_ignored_when_matching():
    gold = [{"id": "g", "name": "The Green Front", "kind": "party", "aliases": ["The Green Front"]}]
    assert match_actors([actor("x", "Green Front")], gold) == {"x": "g"}
    assert match_actors([actor("y", "a Green Front")], gold) == {"y": "g"}


def test_actor_recall_and_precision_per_kind():
    pred = {
        "actors": [
            {**actor("a", "Ana Ruiz", "Ruiz"), "kind": "person"},
            {**actor("a2", "Ruiz"), "kind": "person"},  # the same gold actor again: a split
            {**actor("p", "Lima"), "kind": "state"},
            {**actor("q", "Quito"), "kind": "other"},  # matches nothing
        ],
        "relations": [],
    }
    s = score_document(pred, GOLD)
    a = s.actors
    assert (a.gold, a.found, a.predicted, a.matched, a.split) == (4, 2, 4, 3, 1)
    assert a.by_kind["person"] == {"gold": 2, "found": 1, "predicted": 2, "matched": 2}
    assert a.by_kind["state"] == {"gold": 2, "found": 1, "predicted": 1, "matched": 1}
    assert a.by_kind["other"] == {"gold": 0, "found": 0, "predicted": 1, "matched": 0}
    assert [g["id"] for g in s.missed_actors] == ["beto", "chile"]
    assert [p["id"] for p in s.unmatched_actors] == ["q"]
    report = score({"g1": pred}, [GOLD])
    micro = report.as_dict()["micro"]["actors"]
    assert micro["recall"] == 0.5 and micro["precision"] == 0.75


def test_a_leading_article_of_an_alias_is_ignored_when_matching():
    gold = [{"id": "cdp", "aliases": ["the Civic Dawn Party"]}, {"id": "x", "aliases": ["Anna"]}]
    pred = [
        {"id": "p1", "name": "Civic Dawn Party", "mentions": [{"text": "Civic Dawn Party"}]},
        {"id": "p2", "name": "An Anna", "mentions": [{"text": "an Anna"}]},
        {"id": "p3", "name": "Theodor", "mentions": [{"text": "Theodor"}]},
    ]
    assert match_actors(pred, gold) == {"p1": "cdp", "p2": "x", "p3": None}


def test_a_bad_gold_file_is_named_with_what_was_expected(tmp_path):
    import pytest

    from factions.text.evaluate import GoldFileError

    (tmp_path / "a.json").write_text("{not json", "utf-8")
    with pytest.raises(GoldFileError, match=r"a.json: not a UTF-8 JSON gold file"):
        load_gold(tmp_path)
    (tmp_path / "a.json").write_text('{"text": "x", "actors": []}', "utf-8")
    with pytest.raises(GoldFileError, match=r"a.json: field 'relations' missing"):
        load_gold(tmp_path)


@pytest.mark.parametrize(
    ("relations", "affiliations", "message"),
    [
        ([{"a": "ruiz", "b": "vega", "sign": 1}], [], r"relation 1: b 'vega' is not an actor id"),
        ([{"a": "ruiz", "b": "cdp", "sign": "+1"}], [], r"relation 1: sign '\+1' \(expected"),
        ([{"a": "ruiz", "b": "cdp", "sign": True}], [], r"relation 1: sign True"),
        ([], [{"member": "ruiz", "group": "cdp", "role": "chair"}], r"affiliation 1: role 'chair'"),
        ([], [{"member": "ruiz", "group": "cdq", "role": "leader"}], r"affiliation 1: group 'cdq'"),
        (
            [{"a": "ruiz", "b": "cdp", "sign": 1}, {"a": "cdp", "b": "ruiz", "sign": -1}],
            [],
            r"relation 2: pair \('cdp', 'ruiz'\) labelled -1 after \+1 \(relation 1\)",
        ),
    ],
)
def test_a_gold_relation_that_would_be_scored_wrongly_is_an_error(
    tmp_path, relations, affiliations, message
):
    """A relation naming an actor the file lacks, or a sign the scorer cannot read, would
    be a false negative no extractor can hit: an error naming file, entry and field."""
    from factions.text.evaluate import GoldFileError

    actors = [
        {"id": "ruiz", "name": "Ana Ruiz", "kind": "person", "aliases": ["Ruiz"]},
        {"id": "cdp", "name": "Civic Party", "kind": "party", "aliases": ["Civic Party"]},
    ]
    doc = {"text": "Ruiz leads the Civic Party.", "actors": actors, "relations": relations,
           "affiliations": affiliations}  # fmt: skip
    (tmp_path / "a.json").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(GoldFileError, match=r"a.json: " + message):
        load_gold(tmp_path)
    doc["actors"] = [*actors, actors[0]]
    doc["relations"], doc["affiliations"] = [], []
    (tmp_path / "a.json").write_text(json.dumps(doc), "utf-8")
    with pytest.raises(GoldFileError, match=r"actor 3: id 'ruiz' used twice"):
        load_gold(tmp_path)
