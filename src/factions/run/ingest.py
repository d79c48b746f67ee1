"""Ingest: read documents, extract them on an engine, and write them to the corpus store.

Guarantees:

- **Idempotent.** A document's identity is its content hash (title, date, text); a
  document already in the store is skipped before extraction, so the same corpus ingested
  twice adds no rows. A changed document (same source, new content) adds exactly its own
  rows and marks the older version ``superseded``.
- **Resumable, nothing half-written.** Each batch's rows are written in ONE transaction
  (:func:`factions.store.write.write_rows`). A run killed at any point leaves only whole
  documents; the next run skips them and does the rest.
- **Bounded memory.** Inputs are streamed; at most ``batch_size`` x (engine in-flight
  window) documents are held at once. Which documents are already stored is asked per
  batch, not loaded for the whole corpus.
- **One writer.** Every engine returns rows to this process, which writes them in input
  order, so a local, multi-process or Dask run produces the same store.
"""

from __future__ import annotations

import hashlib
import importlib
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import duckdb

from factions.run.engines import make_engine
from factions.run.worker import DEFAULT_EXTRACTOR
from factions.store.readers import BadRecord, ReadOptions, SourceDoc, read_paths
from factions.store.schema import connect
from factions.store.write import IngestSummary, Progress, finish_run, start_run, write_rows

__all__ = ["ingest", "pipeline_identity"]


def pipeline_identity(extractor: str) -> tuple[str, str]:
    """(pipeline version, lexicon hash) recorded with each run.

    The version is ``factions.__version__`` plus the pipeline's own ``PIPELINE_VERSION`` or
    ``__version__`` when it declares one, and the extractor spec; the lexicon hash is the
    SHA-256 of every ``factions/text/lexicon/*.yaml`` and ``factions/text/gazetteer/data/*``
    file (name and bytes, sorted).

    Parameters
    ----------
    extractor : str
        ``module:callable``.

    Returns
    -------
    (str, str)
    """
    import factions

    version = f"factions {factions.__version__}; {extractor}"
    try:
        mod = importlib.import_module(extractor.partition(":")[0])
        v = getattr(mod, "PIPELINE_VERSION", None) or getattr(mod, "__version__", None)
        if v:
            version += f" {v}"
    except Exception:  # noqa: BLE001 - the version is informational
        pass
    lex = Path(factions.__file__).parent / "text" / "lexicon"
    gaz = Path(factions.__file__).parent / "text" / "gazetteer" / "data"
    h = hashlib.sha256()
    files = sorted(lex.glob("*.yaml")) if lex.is_dir() else []
    files += sorted(gaz.glob("*")) if gaz.is_dir() else []  # the world gazetteer's data
    for f in files:
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

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders.
    db_path : str or Path
        The store's DuckDB file.
    options : ReadOptions or None
    engine : {'local', 'processes', 'dask'}
    workers : int
    scheduler : str or None
    batch_size : int
        Documents per transaction.
    extractor : str or None
        ``module:callable`` building the extractor.
    progress : callable or None
        Called after each committed batch.
    on_bad : callable or None
        Called for each record that could not be read.

    Returns
    -------
    IngestSummary
        With ``to_dict()`` (docs/results.md).
    """
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
