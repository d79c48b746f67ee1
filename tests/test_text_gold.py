"""Extraction scored on the shared gold folders (skips without ../shared).

The floors guard against regressions, for each extractor: the rules alone and the trained
relation model (the default). They are floors below the figures measured when they were
set, never targets chosen on these texts (the gold folders are a read-out: no threshold or
rule is chosen on them); `factions eval` reports the figures.
"""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.evaluate import load_gold, score
from factions.text.pipeline import Extractor

FLOORS = {
    ("rules", "seeds"): 0.75,
    # 0.726 measured until the thirty-first round, 0.677 since: its pronoun salience (a
    # person's strongest mention, not the sum over sentences: 0.718) was chosen by
    # cross-validation on the training documents (0.4049 -> 0.4067 at the packaged
    # thresholds) and costs five true pairs here (docs/model.md, thirty-first round)
    ("rules", "dev"): 0.66,
    ("model", "seeds"): 0.50,
    ("model", "dev"): 0.50,
}


@pytest.mark.slow
@pytest.mark.parametrize(("extractor", "folder"), sorted(FLOORS))
def test_gold_f1_floor(shared, extractor, folder):
    gold = load_gold(shared / "gold" / folder)
    ex = Extractor(extractor=extractor)
    docs = [Document(g["doc_id"], g["text"]) for g in gold]
    preds = {r.doc_id: r.to_json() for r in ex.extract_many(docs)}
    report = score(preds, gold)
    assert report.relations.f1 >= FLOORS[(extractor, folder)], report.as_dict()["micro"]
    # every evidence span and mention points into the gold text
    texts = {g["doc_id"]: g["text"] for g in gold}
    for doc_id, p in preds.items():
        for a in p["actors"]:
            for m in a["mentions"]:
                assert texts[doc_id][m["start"] : m["end"]] == m["text"]
