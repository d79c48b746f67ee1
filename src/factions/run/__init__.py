"""Where the text pipeline runs: in-process, a process pool, or a Dask cluster.

All engines hand results back, in input order, to a single writer, so the store a run
produces does not depend on the engine. See docs/corpus.md.
"""

from factions.run.engines import ENGINES, DaskEngine, Engine, ProcessEngine, make_engine
from factions.run.ingest import ingest, pipeline_identity
from factions.run.worker import DEFAULT_EXTRACTOR, extract_batch, get_extractor

__all__ = [
    "DEFAULT_EXTRACTOR",
    "ENGINES",
    "DaskEngine",
    "Engine",
    "ProcessEngine",
    "extract_batch",
    "get_extractor",
    "ingest",
    "make_engine",
    "pipeline_identity",
]
