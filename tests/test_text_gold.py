"""Extraction scored on the shared gold folders (skips without ../shared).

The floors guard against regressions; the acceptance targets of issue 2 are reported by
`factions eval` (see the closing note of the issue for the figures measured).
"""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.evaluate import load_gold, score
from factions.text.pipeline import Extractor

FLOORS = {"seeds": 0.75, "dev": 0.55}  # the acceptance figures of issue 2


@pytest.mark.slow
@pytest.mark.parametrize("folder", sorted(FLOORS))
def test_gold_f1_floor(shared, folder):
    gold = load_gold(shared / "gold" / folder)
    ex = Extractor()
    docs = [Document(g["doc_id"], g["text"]) for g in gold]
    preds = {r.doc_id: r.to_json() for r in ex.extract_many(docs)}
    report = score(preds, gold)
    assert report.relations.f1 >= FLOORS[folder], report.as_dict()["micro"]
    # every evidence span and mention points into the gold text
    texts = {g["doc_id"]: g["text"] for g in gold}
    for doc_id, p in preds.items():
        for a in p["actors"]:
            for m in a["mentions"]:
                assert texts[doc_id][m["start"] : m["end"]] == m["text"]
