"""Where extraction runs: in this process, in a pool of processes, or on a Dask cluster.

Every engine has the same contract: :meth:`Engine.map` takes an iterator of document
batches and yields each batch's result **in input order**, keeping at most
``inflight`` batches outstanding (so memory is bounded by the batch size, not the corpus).
Results go back to one writer (the caller), which is why a run on any engine writes the
same rows as a local run.

- ``local``: extraction in the calling process.
- ``processes``: a ``concurrent.futures.ProcessPoolExecutor`` with the ``spawn`` start
  method (safe with spaCy and threads); each worker loads the extractor once in its
  initializer.
- ``dask``: a ``dask.distributed.Client`` connected to ``scheduler`` (any deployment:
  ``dask-scheduler``/``dask-worker``, Kubernetes, SLURM via dask-jobqueue...) or, when no
  address is given, a ``LocalCluster`` with ``workers`` single-threaded worker processes.
  Each Dask worker process builds the extractor once and caches it.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from factions.run.worker import DEFAULT_EXTRACTOR, extract_batch, get_extractor, warm
from factions.store.readers import BadRecord, SourceDoc
from factions.store.rows import DocRows

__all__ = [
    "ENGINES",
    "LOCAL_CLUSTER_CONFIG",
    "BatchResult",
    "DaskEngine",
    "Engine",
    "ProcessEngine",
    "make_engine",
]

BatchResult = tuple[list[DocRows], list[BadRecord]]

LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
"""Dask settings for the LocalCluster that ``--engine dask`` starts without ``--scheduler``."""
ENGINES = ("local", "processes", "dask")


class Engine:
    """Base engine: runs :func:`factions.run.worker.extract_batch` on each batch."""

    name = "local"

    def __init__(self, extractor: str = DEFAULT_EXTRACTOR, workers: int = 1) -> None:
        self.extractor = extractor
        self.workers = max(1, workers)

    def start(self) -> None:
        """Load the extractor (so the first batch is not slower than the rest)."""
        get_extractor(self.extractor)

    def map(self, batches: Iterable[list[SourceDoc]]) -> Iterator[BatchResult]:
        for batch in batches:
            yield extract_batch(self.extractor, batch)

    def close(self) -> None:
        """Release workers and clusters."""

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Windowed(Engine):
    """Shared sliding-window logic: submit up to ``inflight`` batches, yield in order."""

    inflight_per_worker = 2

    def _submit(self, batch: list[SourceDoc]) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _result(self, handle: Any) -> BatchResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def map(self, batches: Iterable[list[SourceDoc]]) -> Iterator[BatchResult]:
        window: deque[Any] = deque()
        limit = self.workers * self.inflight_per_worker
        for batch in batches:
            window.append(self._submit(batch))
            if len(window) >= limit:
                yield self._result(window.popleft())
        while window:
            yield self._result(window.popleft())


class ProcessEngine(_Windowed):
    """A pool of ``workers`` spawned processes, each loading the extractor once."""

    name = "processes"

    def start(self) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            max_workers=self.workers, mp_context=ctx, initializer=warm, initargs=(self.extractor,)
        )

    def _submit(self, batch: list[SourceDoc]) -> Future:
        return self._pool.submit(extract_batch, self.extractor, batch)

    def _result(self, handle: Future) -> BatchResult:
        return handle.result()

    def close(self) -> None:
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class DaskEngine(_Windowed):
    """Batches as Dask tasks on a cluster; results gathered back, in order, to one writer."""

    name = "dask"

    def __init__(
        self, extractor: str = DEFAULT_EXTRACTOR, workers: int = 2, scheduler: str | None = None
    ) -> None:
        super().__init__(extractor, workers)
        self.scheduler = scheduler
        self._cluster: Any = None
        self._client: Any = None
        self._config: Any = None

    def start(self) -> None:
        import dask
        from dask.distributed import Client, LocalCluster

        if self.scheduler:
            self._client = Client(self.scheduler)
            n = len(self._client.scheduler_info().get("workers", {}))
            self.workers = max(1, n)
        else:
            # Dask's monitors (the statistical profiler every 10 ms, GIL contention every
            # 1 ms, memory every 100 ms) compete with a CPU-bound pipeline for the GIL, and
            # the nanny's default MALLOC_TRIM_THRESHOLD_=65536 makes glibc return memory to
            # the OS after nearly every spaCy document (12 % more worker CPU, measured by
            # bench/ingest.py); the local cluster samples less and keeps glibc's default
            # (a real cluster keeps its own configuration: see docs/corpus.md).
            self._config = dask.config.set(LOCAL_CLUSTER_CONFIG)
            self._cluster = LocalCluster(
                n_workers=self.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=40,
            )
            self._client = Client(self._cluster)
        self._client.run(warm, self.extractor)

    def _submit(self, batch: list[SourceDoc]) -> Any:
        return self._client.submit(extract_batch, self.extractor, batch, pure=False)

    def _result(self, handle: Any) -> BatchResult:
        out = handle.result()
        handle.release()
        return out

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._config is not None:
            self._config.__exit__(None, None, None)
            self._config = None


def make_engine(
    name: str,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    extractor: str = DEFAULT_EXTRACTOR,
) -> Engine:
    """The engine called ``name`` (``local``, ``processes`` or ``dask``).

    Parameters
    ----------
    name : {'local', 'processes', 'dask'}
    workers : int
        Processes (``processes``) or local Dask workers.
    scheduler : str or None
        Address of a Dask scheduler.
    extractor : str
        ``module:callable`` building the extractor.

    Returns
    -------
    Engine

    Raises
    ------
    ValueError
        An unknown engine.
    """
    if name == "local":
        return Engine(extractor, 1)
    if name == "processes":
        return ProcessEngine(extractor, workers)
    if name == "dask":
        return DaskEngine(extractor, workers, scheduler)
    raise ValueError(f"unknown engine {name!r} (expected one of: {', '.join(ENGINES)})")
