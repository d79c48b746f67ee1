"""The corpus store: documents, findings and imported events in one DuckDB file.

Documents come in through :func:`factions.run.ingest` (orchestration: readers, the text
pipeline on an engine, this package as the one writer); events through
:func:`import_events`.

Usage::

    from factions.run import ingest
    from factions.store import build, timeline, export_parquet

    ingest(["articles/"], "corpus.duckdb")
    build("corpus.duckdb", window="quarter")

See docs/corpus.md for the schema, the weighting formula and the event-data mappings.
"""

from factions.store.build import (
    BuiltWindow,
    build,
    sign_flips,
    timeline,
    write_built,
)
from factions.store.events import import_events, load_mapping
from factions.store.parquet import export_parquet
from factions.store.readers import BadRecord, ReadOptions, SourceDoc, read_paths
from factions.store.schema import TABLES, StoreError, connect
from factions.store.write import IngestSummary, Progress, write_rows

__all__ = [
    "TABLES",
    "BadRecord",
    "BuiltWindow",
    "IngestSummary",
    "Progress",
    "ReadOptions",
    "SourceDoc",
    "StoreError",
    "build",
    "connect",
    "export_parquet",
    "import_events",
    "load_mapping",
    "read_paths",
    "sign_flips",
    "timeline",
    "write_built",
    "write_rows",
]
