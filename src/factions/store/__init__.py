"""The corpus store: documents, findings and imported events in one DuckDB file.

>>> from factions.store import ingest, build, timeline, export_parquet   # doctest: +SKIP
>>> ingest(["articles/"], "corpus.duckdb")                                # doctest: +SKIP
>>> build("corpus.duckdb", window="quarter")                             # doctest: +SKIP

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
from factions.store.ingest import IngestSummary, Progress, ingest
from factions.store.parquet import export_parquet
from factions.store.readers import BadRecord, ReadOptions, SourceDoc, read_paths
from factions.store.schema import TABLES, StoreError, connect

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
    "ingest",
    "load_mapping",
    "read_paths",
    "sign_flips",
    "timeline",
    "write_built",
]
