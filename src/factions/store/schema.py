"""The corpus store's tables (DuckDB, one file) and how to open it.

Tables (one row per ...):

- ``runs``: extraction or import run (``run_id``, when, ``pipeline_version``,
  ``lexicon_hash``, ``engine``, ``workers``, ``kind`` = ingest or an event data set).
- ``documents``: document version, keyed by ``doc_key`` (SHA-256 of title, date and text, so
  the same content is stored once). ``source`` names where it came from (``path`` or
  ``path:line``); when a source is re-ingested with different content the older row gets
  ``superseded = true`` and only current rows feed ``build`` and ``timeline``. The
  ``documents`` row is the document's "done" mark: it is written in the same transaction as
  all of the document's other rows, so a document is either complete or absent.
- ``actors``: actor found in a document (id, name, kind, ``external_id`` such as
  ``partyfacts:5619`` for a gazetteer actor), per document; ``build`` joins actors with one
  external id into one actor.
- ``mentions``: actor mention (character span) in a document.
- ``relations``: signed relation found in a document (``rel_idx`` numbers them per document).
- ``evidence``: evidence span and sentence behind a relation, joined on (doc_key, rel_idx).
- ``affiliations``: member/group/role found in a document.
- ``events``: dyadic event from an event data set (GDELT, ICEWS, POLECAT), already mapped to
  factions actor ids, with the sign and strength given by the documented mapping.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

__all__ = [
    "DDL",
    "SCHEMA_VERSION",
    "TABLES",
    "StoreError",
    "connect",
]

SCHEMA_VERSION = 1

TABLES = (
    "runs",
    "documents",
    "actors",
    "mentions",
    "relations",
    "evidence",
    "affiliations",
    "events",
)

DDL = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY,
    kind VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    pipeline_version VARCHAR,
    lexicon_hash VARCHAR,
    engine VARCHAR,
    workers INTEGER,
    inputs VARCHAR,
    documents_added INTEGER,
    status VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_key VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    date VARCHAR,
    title VARCHAR,
    text VARCHAR NOT NULL,
    n_chars INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    seq BIGINT NOT NULL,
    superseded BOOLEAN NOT NULL DEFAULT false
);
CREATE TABLE IF NOT EXISTS actors (
    doc_key VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    external_id VARCHAR
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_key VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS relations (
    doc_key VARCHAR NOT NULL,
    rel_idx INTEGER NOT NULL,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    sign TINYINT NOT NULL,
    kind VARCHAR NOT NULL,
    strength DOUBLE NOT NULL,
    confidence DOUBLE NOT NULL
);
CREATE TABLE IF NOT EXISTS evidence (
    doc_key VARCHAR NOT NULL,
    rel_idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    quote VARCHAR
);
CREATE TABLE IF NOT EXISTS affiliations (
    doc_key VARCHAR NOT NULL,
    member VARCHAR NOT NULL,
    "group" VARCHAR NOT NULL,
    role VARCHAR
);
CREATE TABLE IF NOT EXISTS events (
    dataset VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    date VARCHAR,
    a VARCHAR NOT NULL,
    b VARCHAR NOT NULL,
    a_name VARCHAR,
    b_name VARCHAR,
    a_code VARCHAR,
    b_code VARCHAR,
    code VARCHAR,
    label VARCHAR,
    sign TINYINT NOT NULL,
    strength DOUBLE NOT NULL,
    confidence DOUBLE NOT NULL,
    url VARCHAR,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (dataset, event_id)
);
CREATE SEQUENCE IF NOT EXISTS doc_seq START 1;
"""


class StoreError(ValueError):
    """A store that cannot be opened or read (one line naming the file)."""


def connect(db_path: str | Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (creating if needed) the store at ``db_path`` and make sure its tables exist.

    Parameters
    ----------
    db_path : str or Path
        The store's DuckDB file.
    read_only : bool

    Returns
    -------
    duckdb.DuckDBPyConnection

    Raises
    ------
    StoreError
        A store of another schema version.
    """
    path = Path(db_path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: no such store (run `factions ingest ... --db {path}` first)")
    try:
        con = duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise StoreError(f"{path}: cannot open the store: {first}") from exc
    if not read_only:
        con.execute(DDL)
        # stores written before actors had external ids
        con.execute("ALTER TABLE actors ADD COLUMN IF NOT EXISTS external_id VARCHAR")
        con.execute(
            "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
    else:
        have = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "documents" not in have:
            con.close()
            raise StoreError(f"{path}: not a factions store (no 'documents' table)")
    return con
