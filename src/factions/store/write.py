"""Ingest: read documents, extract them on an engine, and write them to the store.

Guarantees:

- **Idempotent.** A document's identity is its content hash (title, date, text); a
  document already in the store is skipped before extraction, so the same corpus ingested
  twice adds no rows. A changed document (same source, new content) adds exactly its own
  rows and marks the older version ``superseded``.
- **Resumable, nothing half-written.** Each batch's rows (documents, actors, mentions,
  relations, evidence, affiliations) are written in ONE transaction; the ``documents`` row
  is a document's "done" mark and commits together with all of its rows. A run killed at
  any point leaves only whole documents; the next run skips them and does the rest.
- **Bounded memory.** Inputs are streamed; at most ``batch_size`` x (engine in-flight
  window) documents are held at once. Which documents are already stored is asked per
  batch, not loaded for the whole corpus.
- **One writer.** Every engine returns rows to this process, which writes them in input
  order, so a local, multi-process or Dask run produces the same store.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from factions.store.readers import BadRecord, ReadOptions, SourceDoc, read_paths
from factions.store.rows import DocRows
from factions.store.schema import connect


@dataclass
class IngestSummary:
    """What an ingest run did."""

    run_id: int
    read: int = 0
    added: int = 0
    skipped: int = 0
    superseded: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    bad: list[BadRecord] = field(default_factory=list)
    seconds: float = 0.0

    def to_json(self) -> dict:
        return {
            "run_id": self.run_id,
            "read": self.read,
            "added": self.added,
            "skipped": self.skipped,
            "superseded": self.superseded,
            "rows": self.rows,
            "bad": [str(b) for b in self.bad],
            "seconds": round(self.seconds, 3),
        }


@dataclass
class Progress:
    """Progress event passed to the ``progress`` callback after each committed batch."""

    read: int
    added: int
    skipped: int
    bad: int
    nbytes: int


def pipeline_identity(extractor: str) -> tuple[str, str]:
    """(pipeline version, lexicon hash) recorded with each run.

    The version is ``factions.__version__`` plus the pipeline's own ``PIPELINE_VERSION`` or
    ``__version__`` when it declares one, and the extractor spec; the lexicon hash is the
    SHA-256 of every ``factions/text/lexicon/*.yaml`` file (name and bytes, sorted).
    """
    import factions

    version = f"factions {factions.__version__}; {extractor}"
    try:
        import importlib

        mod = importlib.import_module(extractor.partition(":")[0])
        v = getattr(mod, "PIPELINE_VERSION", None) or getattr(mod, "__version__", None)
        if v:
            version += f" {v}"
    except Exception:  # noqa: BLE001 - the version is informational
        pass
    lex = Path(factions.__file__).parent / "text" / "lexicon"
    h = hashlib.sha256()
    for f in sorted(lex.glob("*.yaml")) if lex.is_dir() else []:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return version, h.hexdigest()[:16]


def _batches(
    records: Iterable[SourceDoc | BadRecord],
    size: int,
    con: duckdb.DuckDBPyConnection,
    summary: IngestSummary,
    on_bad: Callable[[BadRecord], None] | None,
) -> Iterator[list[SourceDoc]]:
    """Group new documents into batches, dropping those already stored (asked per batch)."""
    pending: list[SourceDoc] = []

    def flush() -> Iterator[list[SourceDoc]]:
        keys = list(dict.fromkeys(d.key for d in pending))
        have = {
            r[0]
            for r in con.execute(
                "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?))", [keys]
            ).fetchall()
        }
        seen: set[str] = set()
        fresh = []
        for d in pending:
            if d.key in have or d.key in seen:
                summary.skipped += 1
                continue
            seen.add(d.key)
            fresh.append(d)
        pending.clear()
        if fresh:
            yield fresh

    for rec in records:
        if isinstance(rec, BadRecord):
            summary.bad.append(rec)
            if on_bad:
                on_bad(rec)
            continue
        summary.read += 1
        pending.append(rec)
        if len(pending) >= size:
            yield from flush()
    if pending:
        yield from flush()


def _table(rows: list[tuple], names: list[str], types: list[pa.DataType]) -> pa.Table:
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
    return pa.table(
        [pa.array(list(c), type=t) for c, t in zip(cols, types, strict=True)], names=names
    )


def write_rows(
    con: duckdb.DuckDBPyConnection, results: list[DocRows], run_id: int
) -> tuple[int, int, dict[str, int]]:
    """Write whole documents in one transaction. Returns (added, superseded, rows per table).

    Documents already present (another run wrote them meanwhile) are skipped; a new version
    of a source marks the older versions ``superseded`` in the same transaction.
    """
    if not results:
        return 0, 0, {}
    keys = [r.doc.key for r in results]
    con.execute("BEGIN TRANSACTION")
    try:
        have = {
            r[0]
            for r in con.execute(
                "SELECT doc_key FROM documents WHERE doc_key IN (SELECT unnest(?))", [keys]
            ).fetchall()
        }
        todo = [r for r in results if r.doc.key not in have]
        if not todo:
            con.execute("COMMIT")
            return 0, 0, {}
        sources = list({r.doc.source for r in todo})
        superseded = con.execute(
            "UPDATE documents SET superseded = true WHERE NOT superseded AND source IN "
            "(SELECT unnest(?)) RETURNING doc_key",
            [sources],
        ).fetchall()
        seqs = [
            r[0]
            for r in con.execute("SELECT nextval('doc_seq') FROM range(?)", [len(todo)]).fetchall()
        ]
        docs = _table(
            [
                (r.doc.key, r.doc.doc_id, r.doc.source, r.doc.date, r.doc.title, r.doc.text,
                 len(r.doc.text), run_id, s, False)
                for r, s in zip(todo, seqs, strict=True)
            ],
            ["doc_key", "doc_id", "source", "date", "title", "text", "n_chars", "run_id", "seq", "superseded"],
            [pa.string(), pa.string(), pa.string(), pa.string(), pa.string(), pa.string(),
             pa.int32(), pa.int32(), pa.int64(), pa.bool_()],
        )  # fmt: skip
        tables = {
            "actors": _table(
                [(r.doc.key, *a) for r in todo for a in r.actors],
                ["doc_key", "actor_id", "name", "kind"],
                [pa.string()] * 4,
            ),
            "mentions": _table(
                [(r.doc.key, *m) for r in todo for m in r.mentions],
                ["doc_key", "actor_id", "text", "start_char", "end_char"],
                [pa.string(), pa.string(), pa.string(), pa.int32(), pa.int32()],
            ),
            "relations": _table(
                [(r.doc.key, *x) for r in todo for x in r.relations],
                ["doc_key", "rel_idx", "a", "b", "sign", "kind", "strength", "confidence"],
                [
                    pa.string(),
                    pa.int32(),
                    pa.string(),
                    pa.string(),
                    pa.int8(),
                    pa.string(),
                    pa.float64(),
                    pa.float64(),
                ],
            ),  # fmt: skip
            "evidence": _table(
                [(r.doc.key, *e) for r in todo for e in r.evidence],
                ["doc_key", "rel_idx", "start_char", "end_char", "sentence", "quote"],
                [pa.string(), pa.int32(), pa.int32(), pa.int32(), pa.string(), pa.string()],
            ),
            "affiliations": _table(
                [(r.doc.key, *f) for r in todo for f in r.affiliations],
                ["doc_key", "member", "group", "role"],
                [pa.string()] * 4,
            ),
        }
        counts = {"documents": len(todo)}
        for name, tbl in tables.items():
            if tbl.num_rows:
                con.register("_batch", tbl)
                cols = ", ".join(f'"{c}"' for c in tbl.column_names)
                con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _batch")
                con.unregister("_batch")
            counts[name] = tbl.num_rows
        # The documents rows (the "done" marks) go last, in the same transaction.
        con.register("_batch", docs)
        con.execute("INSERT INTO documents SELECT * FROM _batch")
        con.unregister("_batch")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return len(todo), len(superseded), counts


def start_run(
    con: duckdb.DuckDBPyConnection, kind: str, *, engine: str | None = None, workers: int | None = None,
    inputs: list[str] | None = None, pipeline_version: str | None = None, lexicon_hash: str | None = None,
) -> int:  # fmt: skip
    """Record a new run and return its id."""
    run_id = con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchall()[0][0]
    con.execute(
        "INSERT INTO runs VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, NULL, 'running')",
        [run_id, kind, _dt.datetime.now(_dt.UTC).replace(tzinfo=None), pipeline_version,
         lexicon_hash, engine, workers, json.dumps(inputs or [])],
    )  # fmt: skip
    return int(run_id)


def finish_run(
    con: duckdb.DuckDBPyConnection, run_id: int, added: int, status: str = "done"
) -> None:
    """Close a run; a run that added nothing leaves no row (re-ingesting adds no rows at all)."""
    if added == 0 and status == "done":
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        return
    con.execute(
        "UPDATE runs SET finished_at = ?, documents_added = ?, status = ? WHERE run_id = ?",
        [_dt.datetime.now(_dt.UTC).replace(tzinfo=None), added, status, run_id],
    )


def ingest(
    paths: Iterable[str | Path],
    db_path: str | Path,
    *,
    options: ReadOptions | None = None,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 128,
    extractor: str | None = None,
    progress: Callable[[Progress], None] | None = None,
    on_bad: Callable[[BadRecord], None] | None = None,
) -> IngestSummary:
    """Ingest every document under ``paths`` into the store at ``db_path``.

    ``engine`` is ``local``, ``processes`` or ``dask`` (``workers`` processes, or the cluster
    at ``scheduler``); ``extractor`` is a ``"module:callable"`` spec building the extractor
    (default: the text pipeline's ``Extractor``). ``progress`` is called after each committed
    batch; ``on_bad`` for each record that could not be read. Returns an :class:`IngestSummary`.
    """
    import time

    from factions.run.engines import make_engine
    from factions.run.worker import DEFAULT_EXTRACTOR

    spec = extractor or DEFAULT_EXTRACTOR
    if engine == "local":
        workers = 1
    paths = [str(p) for p in paths]
    t0 = time.perf_counter()
    con = connect(db_path)
    try:
        version, lex = pipeline_identity(spec)
        run_id = start_run(
            con, "ingest", engine=engine, workers=workers, inputs=paths,
            pipeline_version=version, lexicon_hash=lex,
        )  # fmt: skip
        summary = IngestSummary(run_id=run_id)
        records = read_paths(paths, options)
        with make_engine(engine, workers=workers, scheduler=scheduler, extractor=spec) as eng:
            for rows, bad in eng.map(_batches(records, batch_size, con, summary, on_bad)):
                for b in bad:
                    summary.bad.append(b)
                    if on_bad:
                        on_bad(b)
                added, sup, counts = write_rows(con, rows, run_id)
                summary.added += added
                summary.skipped += len(rows) - added
                summary.superseded += sup
                for k, v in counts.items():
                    summary.rows[k] = summary.rows.get(k, 0) + v
                if progress:
                    progress(
                        Progress(
                            read=summary.read,
                            added=summary.added,
                            skipped=summary.skipped,
                            bad=len(summary.bad),
                            nbytes=sum(r.doc.nbytes for r in rows),
                        )
                    )
        finish_run(con, run_id, summary.added)
        summary.seconds = time.perf_counter() - t0
        return summary
    finally:
        con.close()
