"""The unit of work every engine runs: extract one batch of documents into store rows.

A worker process loads the extractor (and so spaCy) once, on first use, and keeps it in
:data:`_EXTRACTORS`; every later batch reuses it. The extractor is named by a spec string
``"module:callable"`` (default :data:`DEFAULT_EXTRACTOR`, the text pipeline's ``Extractor``)
so that workers on other machines can build it from an import, without pickling a model.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from factions.store.readers import BadRecord, SourceDoc
from factions.store.rows import DocRows, rows_from_result

__all__ = [
    "DEFAULT_EXTRACTOR",
    "extract_batch",
    "get_extractor",
    "load_factory",
    "to_document",
    "warm",
]

DEFAULT_EXTRACTOR = "factions.text.pipeline:Extractor"

_EXTRACTORS: dict[str, Any] = {}


def load_factory(spec: str) -> Callable[[], Any]:
    """The callable named by ``"module:attribute"``.

    Parameters
    ----------
    spec : str
        ``module:attribute``.

    Returns
    -------
    callable

    Raises
    ------
    ValueError
    """
    module, _, attr = spec.partition(":")
    if not module or not attr:
        raise ValueError(f"extractor {spec!r}: expected 'module:callable'")
    obj: Any = importlib.import_module(module)
    for part in attr.split("."):
        obj = getattr(obj, part)
    return obj


def get_extractor(spec: str = DEFAULT_EXTRACTOR) -> Any:
    """This process's extractor for ``spec``, built on first use and then reused.

    Parameters
    ----------
    spec : str

    Returns
    -------
    object
        The extractor.
    """
    ext = _EXTRACTORS.get(spec)
    if ext is None:
        ext = load_factory(spec)()
        _EXTRACTORS[spec] = ext
    return ext


def warm(spec: str = DEFAULT_EXTRACTOR) -> bool:
    """Load the extractor now (a pool initializer / Dask ``client.run`` target).

    Parameters
    ----------
    spec : str

    Returns
    -------
    bool
        True once loaded.
    """
    get_extractor(spec)
    return True


def to_document(doc: SourceDoc) -> Any:
    """The text pipeline's ``Document`` for a store ``SourceDoc``.

    Parameters
    ----------
    doc : SourceDoc

    Returns
    -------
    factions.text.documents.Document
    """
    from factions.text.documents import Document

    return Document(
        doc_id=doc.doc_id, text=doc.text, title=doc.title, date=doc.date, source=doc.source
    )


def extract_batch(spec: str, docs: list[SourceDoc]) -> tuple[list[DocRows], list[BadRecord]]:
    """Extract ``docs`` (in order) with the extractor named by ``spec``.

    Returns the rows of every document that was extracted, in input order, and a
    :class:`BadRecord` for every document the extractor failed on (the rest of the batch is
    still extracted: a failing batch is retried one document at a time).

    Parameters
    ----------
    spec : str
        ``module:callable`` building the extractor.
    docs : list of SourceDoc

    Returns
    -------
    (list of DocRows, list of BadRecord)
    """
    ext = get_extractor(spec)
    try:
        results = list(
            ext.extract_many([to_document(d) for d in docs], batch_size=max(1, len(docs)))
        )
        if len(results) != len(docs):
            raise RuntimeError(
                f"extractor returned {len(results)} results for {len(docs)} documents"
            )
        return [rows_from_result(d, r) for d, r in zip(docs, results, strict=True)], []
    except Exception:  # noqa: BLE001 - isolate the failing document below
        pass
    rows: list[DocRows] = []
    bad: list[BadRecord] = []
    for d in docs:
        try:
            rows.append(rows_from_result(d, ext.extract(to_document(d))))
        except Exception as exc:  # noqa: BLE001 - reported as a bad record, never fatal
            path, _, line = d.source.rpartition(":")
            lineno = int(line) if line.isdigit() and path else None
            bad.append(
                BadRecord(
                    path if lineno else d.source,
                    lineno,
                    f"extraction failed: {type(exc).__name__}: {exc}",
                )
            )
    return rows, bad
