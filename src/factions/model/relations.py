"""Signed relations between two actors, and the evidence (sentences) that supports them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from factions.model.base import ActorId, ModelBase, PartialDate, date_key, span_holds

__all__ = [
    "NEGATIVE_KINDS",
    "POSITIVE_KINDS",
    "Evidence",
    "Relation",
    "Sign",
    "pair_key",
]

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
    """The canonical (sorted) key of an unordered pair.

    Parameters
    ----------
    a, b : str

    Returns
    -------
    (str, str)

    Examples
    --------
    >>> pair_key("b", "a")
    ('a', 'b')
    """
    return (a, b) if a <= b else (b, a)
