"""Signed relations between two actors, and the evidence (sentences) that supports them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Literal

from pydantic import Field, model_validator

from factions.model.base import ActorId, ModelBase, PartialDate, date_key, span_holds

Sign = Literal[1, -1]

POSITIVE_KINDS = ("alliance", "support", "cooperation", "patronage", "agreement", "co-optation")
NEGATIVE_KINDS = ("rivalry", "opposition", "hostility", "accusation", "attack", "sanction", "split")


class Evidence(ModelBase):
    """Where a relation is stated: a document, a character span in it, and the sentence.

    ``start``/``end`` are character offsets into the document text as read; ``sentence`` is
    the full sentence that holds the span, so a reader can check the claim without the file.
    ``rule`` names the extraction rule unit that read it (``docs/rules.md``).
    """

    doc_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    sentence: str
    quote: str | None = None
    date: PartialDate | None = None
    source: str | None = None
    rule: str | None = None  # the rule unit that read it (text extraction), when known

    @model_validator(mode="after")
    def _span_order(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"evidence end ({self.end}) is before its start ({self.start})")
        return self


class Relation(ModelBase):
    """A signed tie between an unordered pair of actors.

    The pair is stored in sorted order (``a < b``) so that ``Relation(a="x", b="y")`` and
    ``Relation(a="y", b="x")`` are the same relation. ``strength`` (0..1] is how strong the tie
    is; ``confidence`` (0..1] is how sure we are that it holds (extraction confidence, or an
    analyst's probability); ``start``/``end`` bound the time it holds, open when absent.
    """

    a: ActorId
    b: ActorId
    sign: Sign
    kind: str = "alliance"
    strength: float = Field(default=1.0, gt=0.0, le=1.0)
    confidence: float = Field(default=1.0, gt=0.0, le=1.0)
    start: PartialDate | None = None
    end: PartialDate | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _order_pair(cls, data: object) -> object:
        if isinstance(data, dict) and "a" in data and "b" in data:
            a, b = data["a"], data["b"]
            if isinstance(a, str) and isinstance(b, str) and a > b:
                data = {**data, "a": b, "b": a}
        return data

    @model_validator(mode="after")
    def _check(self) -> Relation:
        if self.a == self.b:
            raise ValueError(f"a relation needs two different actors, got {self.a!r} twice")
        if self.start and self.end and date_key(self.end, end=True) < date_key(self.start):
            raise ValueError(
                f"relation {self.a}-{self.b} ends ({self.end}) before it starts ({self.start})"
            )
        return self

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b)

    def other(self, actor: str) -> str:
        """The actor at the other end from ``actor``."""
        if actor == self.a:
            return self.b
        if actor == self.b:
            return self.a
        raise KeyError(f"{actor!r} is not in relation {self.a}-{self.b}")

    def holds_at(self, date: str) -> bool:
        """Whether the relation's time span contains ``date`` (open ends always do)."""
        return span_holds(self.start, self.end, date)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The canonical (sorted) key of an unordered pair."""
    return (a, b) if a <= b else (b, a)


def merge_relations(relations: Iterable[Relation]) -> Relation:
    """Aggregate several findings about one pair into a single relation.

    The sign is the confidence-weighted majority, with the most recent evidence breaking ties
    (a later statement of the same pair describes its present state). Evidence and sources
    are unioned (order kept, duplicates dropped); confidence combines as independent
    findings of the winning sign, ``1 - prod(1 - c_i)``; strength is the maximum among them;
    the kind is the most frequent kind of the winning sign.
    """
    rels = list(relations)
    if not rels:
        raise ValueError("merge_relations needs at least one relation")
    pairs = {r.pair for r in rels}
    if len(pairs) != 1:
        raise ValueError(f"merge_relations got several pairs: {sorted(pairs)}")
    score = {1: 0.0, -1: 0.0}
    for r in rels:
        score[r.sign] += r.confidence * r.strength
    if score[1] != score[-1]:
        sign: Sign = 1 if score[1] > score[-1] else -1
    else:
        sign = max(rels, key=lambda r: _latest(r)).sign
    winners = [r for r in rels if r.sign == sign]
    kind = Counter(r.kind for r in winners).most_common(1)[0][0]
    miss = 1.0
    for r in winners:
        miss *= 1.0 - r.confidence
    evidence = _unique(e for r in rels for e in r.evidence)
    sources = _unique(s for r in rels for s in r.sources)
    starts = [r.start for r in winners]
    ends = [r.end for r in winners]
    return Relation(
        a=rels[0].a,
        b=rels[0].b,
        sign=sign,
        kind=kind,
        strength=max(r.strength for r in winners),
        confidence=round(max(1.0 - miss, min(r.confidence for r in winners)), 6),
        start=None if None in starts else min(starts, key=date_key),
        end=None if None in ends else max(ends, key=lambda d: date_key(d, end=True)),
        evidence=tuple(evidence),
        sources=tuple(sources),
    )


def _latest(r: Relation) -> str:
    dates = [e.date for e in r.evidence if e.date] + ([r.start] if r.start else [])
    return max((date_key(d) for d in dates), default="")


def _unique(items: Iterable) -> list:
    seen: set = set()
    out = []
    for x in items:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out
