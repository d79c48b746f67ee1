"""Writing extracted documents to the corpus store, and the runs that wrote them.

- **Nothing half-written.** :func:`write_rows` writes a batch's rows (documents, actors,
  mentions, relations, evidence, affiliations) in ONE transaction; the ``documents`` row is
  a document's "done" mark and commits together with all of its rows. A document already
  present is skipped; a changed document (same source, new content) adds exactly its own
  rows and marks the older version ``superseded``.
- :func:`start_run` / :func:`finish_run` record each run (an ingest, an event import).

Reading documents and running the extractor on an engine is orchestration:
:func:`factions.run.ingest` does it and calls this module as its one writer.
"""

from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from factions.store.readers import BadRecord
from factions.store.rows import DocRows

__all__ = ["IngestSummary", "Progress", "finish_run", "start_run", "write_rows"]


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

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: what ``factions ingest --json`` prints (docs/results.md)."""
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

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    results : list of DocRows
    run_id : int

    Returns
    -------
    (int, int, dict of str to int)
        Documents added, superseded, and rows per table.
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
                [(r.doc.key, *a, None)[:5] for r in todo for a in r.actors],
                ["doc_key", "actor_id", "name", "kind", "external_id"],
                [pa.string()] * 5,
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
    """Record a new run and return its id.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    kind : str
        ``ingest`` or ``import``.
    engine, workers, inputs, pipeline_version, lexicon_hash : optional
        Recorded with the run.

    Returns
    -------
    int
        The run's id.
    """
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
    """Close a run; a run that added nothing leaves no row (re-ingesting adds no rows at all).

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        An open store.
    run_id : int
    added : int
        Documents the run added.
    status : str
    """
    if added == 0 and status == "done":
        con.execute("DELETE FROM runs WHERE run_id = ?", [run_id])
        return
    con.execute(
        "UPDATE runs SET finished_at = ?, documents_added = ?, status = ? WHERE run_id = ?",
        [_dt.datetime.now(_dt.UTC).replace(tzinfo=None), added, status, run_id],
    )
