"""Engines: processes and a Dask LocalCluster write the same store as a local run; a killed
ingest resumes to exactly the uninterrupted result. Uses the real text pipeline (spaCy),
loaded once in this process and once per worker."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import duckdb
import pytest

from factions.run import ingest
from factions.store import ReadOptions
from factions.store.synthetic import write_corpus

ROOT = Path(__file__).resolve().parents[1]
CONTENT_TABLES = {
    "documents": "doc_key, doc_id, source, date, title, text, n_chars, seq, superseded",
    "actors": "*",
    "mentions": "*",
    "relations": "*",
    "evidence": "*",
    "affiliations": "*",
}


@pytest.fixture(scope="module")
def extractor():
    """The text pipeline, loaded once for every in-process ingest of this module."""
    from factions.run.worker import DEFAULT_EXTRACTOR, get_extractor

    return get_extractor(DEFAULT_EXTRACTOR)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    write_corpus(folder, 120, per_file=40, text_files=6)
    return folder


@pytest.fixture(scope="module")
def local_db(corpus, extractor, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("local") / "local.duckdb"
    s = ingest([corpus], db, options=ReadOptions(date_from_filename="%Y-%m-%d"), batch_size=8)
    assert s.added == 120 and not s.bad
    return db


def dump(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(f"SELECT {cols} FROM {t} ORDER BY ALL").fetchall()
            for t, cols in CONTENT_TABLES.items()
        }
    finally:
        con.close()


def test_local_run_finds_relations(local_db):
    d = dump(local_db)
    assert len(d["documents"]) == 120
    assert len(d["relations"]) > 100  # templates state 2-3 relations per document
    assert {r[4] for r in d["relations"]} == {1, -1}


def test_process_pool_matches_local(corpus, local_db, tmp_path):
    db = tmp_path / "proc.duckdb"
    s = ingest(
        [corpus], db, options=ReadOptions(date_from_filename="%Y-%m-%d"), engine="processes",
        workers=2, batch_size=8,
    )  # fmt: skip
    assert s.added == 120
    assert dump(db) == dump(local_db)


@pytest.mark.slow
def test_dask_local_cluster_matches_local(corpus, local_db, tmp_path):
    db = tmp_path / "dask.duckdb"
    s = ingest(
        [corpus], db, options=ReadOptions(date_from_filename="%Y-%m-%d"), engine="dask",
        workers=2, batch_size=8,
    )  # fmt: skip
    assert s.added == 120
    assert dump(db) == dump(local_db)


def test_kill_mid_run_then_resume_equals_uninterrupted(corpus, local_db, tmp_path):
    db = tmp_path / "killed.duckdb"
    script = textwrap.dedent(
        f"""
        from factions.run import ingest
        from factions.store import ReadOptions
        def cb(p):
            print("committed", p.added, flush=True)
        ingest([{str(corpus)!r}], {str(db)!r}, options=ReadOptions(date_from_filename="%Y-%m-%d"),
               batch_size=4, progress=cb)
        print("finished", flush=True)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env
    )
    commits = 0
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("committed"):
            commits += 1
            if commits == 3:
                os.kill(proc.pid, signal.SIGKILL)
                break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"

    full = dump(local_db)
    partial = dump(db)
    n = len(partial["documents"])
    assert 12 <= n < 120  # killed mid-run, after at least three whole batches
    # nothing half-written: every stored document has exactly its rows
    keys = {r[0] for r in partial["documents"]}
    for table in ("relations", "evidence", "mentions", "actors"):
        assert partial[table] == [r for r in full[table] if r[0] in keys]

    s = ingest([corpus], db, options=ReadOptions(date_from_filename="%Y-%m-%d"), batch_size=8)
    assert s.added == 120 - n and s.skipped == n
    resumed = dump(db)
    con = duckdb.connect(str(db), read_only=True)
    total, distinct = con.execute(
        "SELECT count(*), count(DISTINCT doc_key) FROM documents"
    ).fetchall()[0]
    con.close()
    assert total == distinct == 120
    for table in ("relations", "evidence", "mentions", "actors", "affiliations"):
        assert resumed[table] == full[table]


def test_engines_keep_a_bounded_window_of_batches_in_flight():
    """Memory is bounded by the batch: an engine pulls at most workers x 2 batches ahead of
    the writer, and yields results in input order."""
    from factions.run.engines import _Windowed

    pulled = 0
    ahead: list[int] = []

    class Recording(_Windowed):
        def _submit(self, batch):
            return batch

        def _result(self, handle):
            return handle, []

    def batches():
        nonlocal pulled
        for i in range(50):
            pulled += 1
            yield [i]

    eng = Recording(workers=3)
    out = []
    for rows, _ in eng.map(batches()):
        out.append(rows[0])
        ahead.append(pulled - len(out))
    assert out == list(range(50))
    assert max(ahead) == 3 * Recording.inflight_per_worker - 1


@pytest.mark.slow
def test_local_cluster_workers_keep_glibc_memory_trimming_default():
    """The nanny's MALLOC_TRIM_THRESHOLD_=65536 costs the spaCy pipeline ~12 % worker CPU
    (bench/ingest.py); the LocalCluster of ``--engine dask`` unsets it and keeps the rest of
    Dask's pre-spawn environment."""
    from factions.run.engines import DaskEngine

    with DaskEngine("builtins:dict", workers=1) as eng:
        env = eng._client.run(
            lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"), os.environ.get("OMP_NUM_THREADS"))
        )
    assert list(env.values()) == [(None, "1")]
