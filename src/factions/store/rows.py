"""One document's findings as plain rows: what a worker sends back to the single writer.

Rows are tuples of str/int/float only, so they pickle small and identically whatever the
engine (in-process, a process pool or a Dask cluster). :func:`rows_from_result` is the one
place that turns the text pipeline's ``DocumentResult`` into store rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from factions.store.readers import SourceDoc

__all__ = [
    "DocRows",
    "rows_from_result",
]


@dataclass
class DocRows:
    """Everything the store keeps for one document, ready to insert."""

    doc: SourceDoc
    # id, name, kind, external id (None for an actor no gazetteer knows)
    actors: list[tuple[str, str, str, str | None]] = field(default_factory=list)
    mentions: list[tuple[str, str, int, int]] = field(default_factory=list)  # id, text, start, end
    relations: list[tuple[int, str, str, int, str, float, float]] = field(default_factory=list)
    evidence: list[tuple[int, int, int, str, str | None]] = field(default_factory=list)
    affiliations: list[tuple[str, str, str | None]] = field(default_factory=list)

    def n_rows(self) -> int:
        return (
            1
            + len(self.actors)
            + len(self.mentions)
            + len(self.relations)
            + len(self.evidence)
            + len(self.affiliations)
        )


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def rows_from_result(doc: SourceDoc, result: Any) -> DocRows:
    """Store rows for ``doc`` from a text-pipeline ``DocumentResult``.

    Actors and mentions come from ``result.to_json()`` (the extractor-output document of
    ANNOTATION.md); relations and their evidence from ``result.relations``
    (:class:`factions.model.Relation` with :class:`factions.model.Evidence`); affiliations
    from ``result.affiliations``.

    Parameters
    ----------
    doc : SourceDoc
    result : DocumentResult
        The text pipeline's result for it.

    Returns
    -------
    DocRows
    """
    out = DocRows(doc=doc)
    payload = result.to_json() if hasattr(result, "to_json") else {}
    for actor in payload.get("actors", []) or []:
        aid = str(actor["id"])
        ext = actor.get("external_id")
        out.actors.append(
            (
                aid,
                str(actor.get("name") or aid),
                str(actor.get("kind") or "other"),
                None if ext is None else str(ext),
            )
        )
        for m in actor.get("mentions", []) or []:
            out.mentions.append((aid, str(m.get("text", "")), int(m["start"]), int(m["end"])))
    for idx, rel in enumerate(_get(result, "relations", []) or []):
        out.relations.append(
            (
                idx,
                str(rel.a),
                str(rel.b),
                int(rel.sign),
                str(rel.kind),
                float(rel.strength),
                float(rel.confidence),
            )
        )
        for ev in rel.evidence:
            out.evidence.append((idx, int(ev.start), int(ev.end), str(ev.sentence), ev.quote))
    for aff in _get(result, "affiliations", []) or []:
        role = _get(aff, "role")
        out.affiliations.append(
            (str(_get(aff, "member")), str(_get(aff, "group")), None if role is None else str(role))
        )
    return out
