"""Corpus aggregation and the system file produced from extraction."""

from __future__ import annotations

import pytest

from factions.model import load_system, save_system
from factions.text.aggregate import aggregate
from factions.text.documents import Document
from factions.text.pipeline import Extractor


@pytest.fixture(scope="module")
def results():
    ex = Extractor(extractor="rules")
    docs = [
        Document("one", "Prime Minister Adel Rahimi is allied with Jordan. Rahimi accused Egypt."),
        Document("two", "Rahimi attacked Egypt again. Egypt supports Sudan."),
    ]
    return list(ex.extract_many(docs, batch_size=2))


def test_actors_merge_across_documents_by_surname(results):
    system = aggregate(results, name="corpus")
    people = [a for a in system.actors if "Rahimi" in a.name]
    assert len(people) == 1 and people[0].name == "Adel Rahimi"
    rid = people[0].id
    egypt = system.find_actor("Egypt").id
    rel = system.relation(rid, egypt)
    assert rel is not None and rel.sign == -1
    assert {e.doc_id for e in rel.evidence} == {"one", "two"}


def test_system_file_round_trip(results, tmp_path):
    system = aggregate(results)
    path = save_system(system, tmp_path / "corpus.system.yaml")
    assert load_system(path) == system


def test_document_result_json_shape(results):
    j = results[0].to_json()
    assert j["doc_id"] == "one"
    assert {"id", "name", "kind", "mentions"} <= set(j["actors"][0])
    rel = j["relations"][0]
    assert {"a", "b", "sign", "kind", "confidence", "evidence"} <= set(rel)
    ev = rel["evidence"][0]
    text = results[0].document.text
    assert text[ev["start"] : ev["end"]] == ev["text"]
    assert results[0].to_system().name == "one"
