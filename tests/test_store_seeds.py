"""The two seed documents, ingested with their dates, give a two-window timeline in which
Maliki-Sadr is negative with evidence from both documents (real text pipeline)."""

from __future__ import annotations

import json
import shutil

import pytest

from factions.store import ReadOptions, build, ingest, timeline

SEED_000 = "000_49b8d19013ed2049"
SEED_001 = "001_cf8814117a360711"
# 000 is dated by its gold file (2012-01). 001 is dated spring 2012 (April) as the issue
# describes it; its gold file says 2012-01, which would put both documents in one window.
SPRING_2012 = "2012-04"


@pytest.fixture(scope="module")
def extractor():
    """The text pipeline, loaded once (ingest reuses this process's instance)."""
    from factions.run.worker import DEFAULT_EXTRACTOR, get_extractor

    return get_extractor(DEFAULT_EXTRACTOR)


def test_seeds_two_window_timeline_maliki_sadr_negative(shared, extractor, tmp_path):
    gold = json.loads((shared / "gold" / "seeds" / f"{SEED_000}.json").read_text(encoding="utf-8"))
    dates = {SEED_000: gold["date"], SEED_001: SPRING_2012}
    corpus = tmp_path / "seeds"
    corpus.mkdir()
    for stem, date in dates.items():
        shutil.copy(shared / "seeds" / f"{stem}.txt", corpus / f"{date}_{stem}.txt")
    db = tmp_path / "seeds.duckdb"
    s = ingest([corpus], db, options=ReadOptions(date_from_filename="%Y-%m"))
    assert s.added == 2 and not s.bad

    tl = timeline(db, "Maliki", "Sadr", window="month")
    assert [p["window"] for p in tl["points"]] == [dates[SEED_000], SPRING_2012]
    assert all(p["sign"] == -1 for p in tl["points"])
    docs = [{e["doc_id"] for e in p["evidence"]} for p in tl["points"]]
    assert docs == [{f"{dates[SEED_000]}_{SEED_000}"}, {f"{SPRING_2012}_{SEED_001}"}]
    assert tl["flips"] == []

    built = build(db, window="quarter")
    assert [b.window.label for b in built] == ["2012-Q1", "2012-Q2"]
    for b in built:
        rel = b.system.relation(tl["a"], tl["b"])
        assert rel is not None and rel.sign == -1 and rel.evidence
