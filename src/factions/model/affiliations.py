"""Affiliations: a person's (or party's) membership in a group, with a role."""

from __future__ import annotations

from pydantic import Field, model_validator

from factions.model.base import ActorId, ModelBase, PartialDate
from factions.model.relations import Evidence

__all__ = [
    "Affiliation",
]


class Affiliation(ModelBase):
    """``member`` belongs to ``group`` with ``role`` (``leader``, ``member`` or another word).

    Affiliations are kept apart from relations: a person and the party they lead are
    different actors, tied by membership rather than by a signed relation. Seats held by a
    party are attributed to its members' votes through affiliations (see institutions).
    """

    member: ActorId
    group: ActorId
    role: str = Field(default="member", min_length=1)
    start: PartialDate | None = None
    end: PartialDate | None = None
    evidence: tuple[Evidence, ...] = ()
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _distinct(self) -> Affiliation:
        if self.member == self.group:
            raise ValueError(f"{self.member!r} cannot be affiliated with itself")
        return self

    @property
    def key(self) -> tuple[str, str]:
        return (self.member, self.group)
