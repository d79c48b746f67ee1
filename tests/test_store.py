"""The corpus store: readers, idempotent and resumable ingest, build, timeline, Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.model import Evidence, Relation, load_system
from factions.model.fusion import WINDOW, Observation, fuse
from factions.run import ingest
from factions.store import (
    ReadOptions,
    SourceDoc,
    build,
    connect,
    export_parquet,
    read_paths,
    timeline,
    write_built,
)
from factions.store.readers import BadRecord, html_main_text, markdown_text, normalise_date
from factions.store.rows import rows_from_result
from factions.store.windows import window_of, windows_between
from factions.store.write import start_run, write_rows
from store_fakes import SPEC

TABLES = ("documents", "actors", "mentions", "relations", "evidence", "affiliations")
ALL_TABLES = ("runs", *TABLES, "events")


def counts(db: Path, tables: tuple[str, ...] = TABLES) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in tables}
    finally:
        con.close()


def write_corpus(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2020-01-10_a.txt").write_text("Alpha attacks Beta. Gamma allies with Alpha.\n")
    (folder / "2020-02-03_b.txt").write_text("Alpha allies with Beta over the budget.\n")
    (folder / "2020-04-20_c.md").write_text(
        "# Spring\n\nDelta **attacks** Gamma. Alpha allies with Gamma.\n"
    )
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "date": "2020-05-02", "text": "Beta attacks Alpha again."}) + "\n"
        + json.dumps({"id": "x2", "date": "2020-05-09", "text": "Omega leads Delta. Delta allies with Beta."}) + "\n"
    )  # fmt: skip


# --- readers -------------------------------------------------------------------------------


def test_html_main_text_drops_scripts_styles_and_furniture():
    html = """<html><head><title>Budget row</title><style>p {color: red}</style>
    <script>var Alpha = "attacks Beta";</script></head>
    <body><nav>Home | Alpha attacks Menu</nav><article><h1>Budget row</h1>
    <p>Alpha allies with Beta &amp; friends.</p><script>alert("Gamma attacks Delta")</script>
    <p>Second paragraph.</p></article><footer>Copyright Zeta attacks</footer></body></html>"""
    title, text = html_main_text(html)
    assert title == "Budget row"
    assert text == "Budget row\n\nAlpha allies with Beta & friends.\n\nSecond paragraph."


def test_html_without_main_uses_body():
    title, text = html_main_text(
        "<body><p>One.</p><div>Two <b>bold</b>.</div><style>x{}</style></body>"
    )
    assert title is None and text == "One.\n\nTwo bold."


def test_markdown_text_strips_markup_and_takes_first_heading():
    title, text = markdown_text(
        "# Title here\n\nSome *emphasis* and a [link](http://x).\n\n```\ncode\n```\n"
    )
    assert title == "Title here"
    assert text == "Title here\n\nSome emphasis and a link."


@pytest.mark.parametrize(
    "raw, iso",
    [("2012", "2012"), ("2012-1", "2012-01"), ("20120105", "2012-01-05"), ("2012/01/05", "2012-01-05"),
     ("2012-01-05T10:00:00Z", "2012-01-05"), ("", None)],
)  # fmt: skip
def test_normalise_date(raw, iso):
    assert normalise_date(raw) == iso


def test_bad_inputs_are_reported_with_file_and_line_and_the_rest_is_read(tmp_path):
    (tmp_path / "good.txt").write_text("Alpha attacks Beta.")
    (tmp_path / "bad.txt").write_bytes(b"first line\nsecond \xff\xfe line\n")
    (tmp_path / "feed.jsonl").write_text(
        '{"text": "Alpha allies with Beta."}\n{"text": "broken\n{"text": "Beta attacks Gamma."}\n'
    )
    (tmp_path / "nocol.csv").write_text("body,date\nAlpha attacks Beta,2020-01-01\n")
    (tmp_path / "ok.csv").write_text(
        'text,date\n"Gamma allies with Delta.",2020-03-01\n,2020-03-02\n'
    )
    (tmp_path / "page.html").write_text(
        "<html><body><script>Evil attacks Everyone.</script><p>Delta attacks Alpha.</p></body></html>"
    )
    recs = list(read_paths([tmp_path]))
    bad = {str(r) for r in recs if isinstance(r, BadRecord)}
    docs = [r for r in recs if isinstance(r, SourceDoc)]
    assert (
        f"{tmp_path / 'bad.txt'}:2: undecodable byte 0xff at column 8 (expected UTF-8 text)" in bad
    )
    assert any(b.startswith(f"{tmp_path / 'feed.jsonl'}:2: broken JSON") for b in bad)
    assert any(b.startswith(f"{tmp_path / 'nocol.csv'}:1: no column 'text'") for b in bad)
    assert any(b.startswith(f"{tmp_path / 'ok.csv'}:3: field 'text' is empty") for b in bad)
    assert len(bad) == 4
    texts = sorted(d.text for d in docs)
    assert texts == sorted(
        ["Alpha attacks Beta.", "Alpha allies with Beta.", "Beta attacks Gamma.", "Gamma allies with Delta.",
         "Delta attacks Alpha."]
    )  # fmt: skip
    page = next(d for d in docs if d.source.endswith("page.html"))
    assert "Evil" not in page.text


def test_csv_text_and_date_columns_and_multiline_rows(tmp_path):
    p = tmp_path / "news.csv"
    p.write_text(
        'story,when,title\n"Alpha attacks Beta.\nSecond line.",2021-03-04,T1\n"Beta allies with Gamma.",2021-04,T2\n'
    )
    docs = list(read_paths([p], ReadOptions(text_column="story", date_column="when")))
    assert [(d.doc_id, d.date, d.title, d.source) for d in docs] == [
        ("news:2", "2021-03-04", "T1", f"{p}:2"),
        ("news:4", "2021-04", "T2", f"{p}:4"),
    ]


def test_date_from_filename_patterns(tmp_path):
    (tmp_path / "report_2012-03-07.txt").write_text("x")
    (tmp_path / "201205_note.txt").write_text("y")
    a = list(
        read_paths([tmp_path / "report_2012-03-07.txt"], ReadOptions(date_from_filename="%Y-%m-%d"))
    )
    b = list(
        read_paths(
            [tmp_path / "201205_note.txt"],
            ReadOptions(date_from_filename=r"(?P<year>\d{4})(?P<month>\d{2})_"),
        )
    )
    assert a[0].date == "2012-03-07" and b[0].date == "2012-05"


# --- the store with findings built as model objects ------------------------------------------


def _rows(doc: SourceDoc, relations: list[Relation]):
    result = SimpleNamespace(
        to_json=lambda: {
            "actors": [
                {
                    "id": x,
                    "name": x.title(),
                    "kind": "party",
                    "mentions": [{"text": x.title(), "start": 0, "end": 1}],
                }
                for x in sorted({y for r in relations for y in r.pair})
            ]
        },
        relations=relations,
        affiliations=[],
    )
    return rows_from_result(doc, result)


def _rel(a, b, sign, doc_id, date, sentence, confidence=0.9):
    ev = Evidence(doc_id=doc_id, start=0, end=len(sentence), sentence=sentence, date=date)
    return Relation(
        a=a,
        b=b,
        sign=sign,
        kind="alliance" if sign > 0 else "rivalry",
        confidence=confidence,
        evidence=(ev,),
    )


def test_store_with_model_findings_builds_windows_and_detects_flips(tmp_path):
    db = tmp_path / "c.duckdb"
    con = connect(db)
    run = start_run(con, "ingest")
    docs = [
        (SourceDoc("d1", "Red and Blue are friends.", "d1.txt", date="2020-01-05"), [("blue", "red", 1)]),
        (SourceDoc("d2", "Red and Blue still friends.", "d2.txt", date="2020-02-11"), [("blue", "red", 1)]),
        (SourceDoc("d3", "Red turns on Blue.", "d3.txt", date="2020-04-02"), [("blue", "red", -1), ("green", "red", 1)]),
        (SourceDoc("d4", "Undated aside.", "d4.txt"), [("blue", "green", -1)]),
    ]  # fmt: skip
    batch = [
        _rows(d, [_rel(a, b, s, d.doc_id, d.date, d.text) for a, b, s in rels]) for d, rels in docs
    ]
    added, superseded, cnt = write_rows(con, batch, run)
    assert (added, superseded) == (4, 0)
    assert cnt["relations"] == 5 and cnt["evidence"] == 5
    assert write_rows(con, batch, run)[0] == 0  # the same content again adds nothing
    con.close()

    built = build(db, window="quarter")
    assert [b.window.label for b in built] == ["2020-Q1", "2020-Q2"]
    q1, q2 = built[0].system, built[1].system
    assert q1.relation("red", "blue").sign == 1 and len(q1.relation("red", "blue").evidence) == 2
    assert q2.relation("red", "blue").sign == -1
    assert built[1].flips == [{"a": "blue", "b": "red", "from": 1, "to": -1, "since": "2020-Q1"}]
    assert q2.notes["sign_flips"] == built[1].flips
    # the undated finding is only in an all-time build
    assert build(db)[0].system.relation("blue", "green").sign == -1
    assert q1.relation("blue", "green") is None and q2.relation("blue", "green") is None

    tl = timeline(db, "Red", "blue", window="month")
    assert [(p["window"], p["sign"], p["change"]) for p in tl["points"]] == [
        ("2020-01", 1, "new"),
        ("2020-02", 1, "same"),
        ("2020-04", -1, "flip"),
    ]
    assert tl["flips"] == [{"from_window": "2020-02", "to_window": "2020-04", "from": 1, "to": -1}]
    assert tl["points"][2]["evidence"][0]["sentence"] == "Red turns on Blue."

    paths = write_built(built, tmp_path / "out")
    assert load_system(paths[1]).relation("blue", "red").sign == -1
    index = json.loads((tmp_path / "out" / "index.json").read_text())
    assert [i["window"] for i in index] == ["2020-Q1", "2020-Q2"]


def test_changed_source_supersedes_old_version(tmp_path):
    db = tmp_path / "c.duckdb"
    con = connect(db)
    run = start_run(con, "ingest")
    v1 = SourceDoc("d", "Red and Blue are friends.", "d.txt", date="2020-01-05")
    v2 = SourceDoc("d", "Red and Blue are enemies.", "d.txt", date="2020-01-05")
    write_rows(con, [_rows(v1, [_rel("red", "blue", 1, "d", v1.date, v1.text)])], run)
    added, superseded, _ = write_rows(
        con, [_rows(v2, [_rel("red", "blue", -1, "d", v2.date, v2.text)])], run
    )
    assert (added, superseded) == (1, 1)
    con.close()
    assert build(db)[0].system.relation("red", "blue").sign == -1


# --- the weighting --------------------------------------------------------------------------


def Finding(a, b, sign, kind, strength, confidence, date, doc_id):  # noqa: N802
    """A store finding: one relation stated in one document (a fusion observation)."""
    return Observation(
        a=a, b=b, sign=sign, kind=kind, strength=strength, confidence=confidence, date=date,
        doc_id=doc_id,
    )  # fmt: skip


def aggregate_findings(findings, ref):
    """The store's window-level fusion of one pair's findings."""
    return fuse(findings, WINDOW, ref=ref)


finding = st.builds(
    lambda s, c, st_, day: Finding("a", "b", s, "k", st_, c, f"2020-01-{day:02d}", f"d{day}"),
    st.sampled_from([1, -1]),
    st.floats(0.05, 1.0),
    st.floats(0.05, 1.0),
    st.integers(1, 28),
)


@settings(max_examples=80, deadline=None)
@given(st.lists(finding, min_size=1, max_size=12), st.randoms())
def test_aggregate_sign_follows_net_evidence_and_is_order_free(fs, rnd):
    s1 = aggregate_findings(fs, "2020-01-31")
    shuffled = list(fs)
    rnd.shuffle(shuffled)
    s2 = aggregate_findings(shuffled, "2020-01-31")
    assert s1.relation.sign == s2.relation.sign and s1.net == pytest.approx(s2.net)
    if abs(s1.net) > 1e-9:
        assert s1.relation.sign == (1 if s1.net > 0 else -1)
    assert 0 < s1.relation.strength <= 1 and 0 < s1.relation.confidence <= 1


def test_more_and_fresher_evidence_weighs_more():
    one = aggregate_findings(
        [Finding("a", "b", -1, "k", 1.0, 0.9, "2020-06-01", "d1")], "2020-06-30"
    )
    three = aggregate_findings(
        [Finding("a", "b", -1, "k", 1.0, 0.9, "2020-06-01", f"d{i}") for i in range(3)],
        "2020-06-30",
    )
    stale = aggregate_findings(
        [Finding("a", "b", -1, "k", 1.0, 0.9, "2019-06-01", "d1")], "2020-06-30"
    )
    assert three.relation.strength > one.relation.strength > stale.relation.strength
    # a fresh contrary finding outweighs an old one
    mixed = aggregate_findings(
        [Finding("a", "b", 1, "k", 1.0, 0.9, "2019-01-01", "old"), Finding("a", "b", -1, "k", 1.0, 0.9, "2020-06-01", "new")],
        "2020-06-30",
    )  # fmt: skip
    assert mixed.relation.sign == -1


@given(st.dates(), st.sampled_from(["month", "quarter", "year"]))
def test_window_of_holds_its_date(d, size):
    w = window_of(d.isoformat(), size)
    assert w.holds(d.isoformat())
    ws = windows_between(w.start, w.end, size)
    assert ws == [w]


# --- ingest (fake extractor: no spaCy) --------------------------------------------------------


def test_ingest_is_idempotent_and_a_changed_document_adds_exactly_its_rows(tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus)
    db = tmp_path / "c.duckdb"
    opts = ReadOptions(date_from_filename="%Y-%m-%d")
    s1 = ingest([corpus], db, options=opts, extractor=SPEC, batch_size=2)
    assert (s1.read, s1.added, s1.skipped, len(s1.bad)) == (5, 5, 0, 0)
    before = counts(db)
    assert before == {
        "documents": 5,
        "actors": 13,
        "mentions": 16,
        "relations": 7,
        "evidence": 7,
        "affiliations": 1,
    }
    every = counts(db, ALL_TABLES)
    s2 = ingest([corpus], db, options=opts, extractor=SPEC)
    assert (s2.added, s2.skipped) == (0, 5)
    assert counts(db, ALL_TABLES) == every  # not one row more, in any table

    changed = "Alpha attacks Beta. Gamma attacks Alpha. Delta allies with Beta."
    (corpus / "2020-01-10_a.txt").write_text(changed)
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "2020-01-10_a.txt").write_text(changed)
    ingest([alone], tmp_path / "alone.duckdb", options=opts, extractor=SPEC)
    expected = counts(tmp_path / "alone.duckdb")
    s3 = ingest([corpus], db, options=opts, extractor=SPEC)
    assert (s3.added, s3.superseded, s3.skipped) == (1, 1, 4)
    after = counts(db)
    assert {t: after[t] - before[t] for t in TABLES} == expected
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents WHERE superseded").fetchall()[0][0] == 1
    con.close()


def test_extraction_failure_is_a_bad_record_not_a_crash(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("Alpha attacks Beta.")
    (corpus / "boom.txt").write_text("EXPLODE here.")
    s = ingest([corpus], tmp_path / "c.duckdb", extractor=SPEC)
    assert s.added == 1
    assert [str(b) for b in s.bad] == [
        f"{corpus / 'boom.txt'}: extraction failed: RuntimeError: the fake extractor refuses this document"
    ]


def test_runs_record_pipeline_version_and_lexicon_hash(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus)
    db = tmp_path / "c.duckdb"
    ingest([corpus], db, extractor=SPEC)
    con = duckdb.connect(str(db), read_only=True)
    kind, version, lex, status, added = con.execute(
        "SELECT kind, pipeline_version, lexicon_hash, status, documents_added FROM runs"
    ).fetchall()[0]
    con.close()
    assert (
        kind == "ingest" and SPEC in version and len(lex) == 16 and status == "done" and added == 5
    )


def test_export_parquet_writes_every_table(tmp_path):
    corpus = tmp_path / "c"
    write_corpus(corpus)
    db = tmp_path / "c.duckdb"
    ingest([corpus], db, options=ReadOptions(date_from_filename="%Y-%m-%d"), extractor=SPEC)
    paths = export_parquet(db, tmp_path / "pq")
    assert set(paths) == {
        "runs",
        "documents",
        "actors",
        "mentions",
        "relations",
        "evidence",
        "affiliations",
        "events",
    }
    n = counts(db)
    for t in TABLES:
        assert pq.read_table(paths[t]).num_rows == n[t]
    docs = pq.read_table(paths["documents"]).to_pandas()
    assert sorted(docs["date"].dropna()) == [
        "2020-01-10",
        "2020-02-03",
        "2020-04-20",
        "2020-05-02",
        "2020-05-09",
    ]
    rel = pq.read_table(paths["relations"]).to_pandas()
    assert set(rel["sign"]) == {1, -1}


def test_build_joins_actors_on_their_external_id(tmp_path):
    """Two documents (or pipeline versions) that stored one party under two ids: one actor."""
    db = tmp_path / "c.duckdb"
    con = connect(db)
    run = start_run(con, "ingest")

    def rows(doc, aid, name, other):
        rel = _rel(aid, other, 1, doc.doc_id, doc.date, doc.text)
        result = SimpleNamespace(
            to_json=lambda: {
                "actors": [
                    {
                        "id": aid,
                        "name": name,
                        "kind": "party",
                        "external_id": "partyfacts:5616",
                        "mentions": [{"text": name, "start": 0, "end": 3}],
                    },
                    {"id": other, "name": other.title(), "kind": "person", "mentions": []},
                ]
            },
            relations=[rel],
            affiliations=[],
        )
        return rows_from_result(doc, result)

    d1 = SourceDoc("d1", "PUK backs Ana.", "d1.txt", date="2020-01-05")
    d2 = SourceDoc("d2", "Patriotic Union of Kurdistan backs Beto.", "d2.txt", date="2020-01-09")
    d3 = SourceDoc("d3", "PUK backs Beto.", "d3.txt", date="2020-01-10")
    batch = [
        rows(d1, "puk", "PUK", "ana"),
        rows(d2, "patriotic_union_of_kurdistan", "Patriotic Union of Kurdistan", "beto"),
        rows(d3, "puk", "PUK", "beto"),
    ]
    write_rows(con, batch, run)
    assert con.execute("SELECT count(DISTINCT external_id) FROM actors").fetchone()[0] == 1
    con.close()
    system = build(db)[0].system
    puk = [a for a in system.actors if a.external_id == "partyfacts:5616"]
    assert len(puk) == 1 and puk[0].id == "puk"  # the id most documents used
    assert "Patriotic Union of Kurdistan" in puk[0].names()
    assert system.relation("puk", "ana").sign == 1
    assert len(system.relation("puk", "beto").evidence) == 2


def test_a_store_without_external_ids_is_upgraded_on_open(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE actors (doc_key VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, "
        "name VARCHAR NOT NULL, kind VARCHAR NOT NULL)"
    )
    con.close()
    con = connect(db)
    cols = [r[0] for r in con.execute("DESCRIBE actors").fetchall()]
    assert "external_id" in cols
    con.close()


def test_an_exact_tie_at_one_time_and_place_is_broken_the_same_whatever_the_order():
    # found by the property above: two opposite statements, same date, document and position
    fs = [Finding("a", "b", 1, "k", 1.0, 1.0, "2020-01-01", "d1"),
          Finding("a", "b", -1, "k", 1.0, 1.0, "2020-01-01", "d1")]  # fmt: skip
    one = aggregate_findings(fs, "2020-01-31")
    two = aggregate_findings(fs[::-1], "2020-01-31")
    assert one.relation.sign == two.relation.sign == 1 and one.net == two.net == 0
