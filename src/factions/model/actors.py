"""Actors: persons, parties, coalitions, militias, states, organisations, and their aliases."""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from factions.model.base import ActorId, ModelBase

__all__ = [
    "Actor",
    "ActorKind",
    "normalise_alias",
]


class ActorKind(StrEnum):
    """What sort of political actor (the kinds of the annotation guideline, plus ``other``)."""

    PERSON = "person"
    PARTY = "party"
    COALITION = "coalition"
    MILITIA = "militia"
    STATE = "state"
    ORGANIZATION = "organization"
    RELIGIOUS_AUTHORITY = "religious_authority"
    GOVERNMENT_BODY = "government_body"
    OTHER = "other"


def normalise_alias(text: str) -> str:
    """Case-, accent-, dash- and whitespace-insensitive form of a name, for matching aliases.

    ``"Nouri  Al-Maliki"`` and ``"nouri al‑maliki"`` normalise to the same string.

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c))
    t = re.sub(r"[\u2010-\u2015\u2212]", "-", t)
    t = t.replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", t).strip().casefold()


EXTERNAL_ID = re.compile(r"^[a-z][a-z0-9]*:[A-Za-z0-9][A-Za-z0-9_.\-]*$")
"""An external identifier: ``scheme:code``, e.g. ``iso3:IRQ``, ``partyfacts:5619``, ``igo:UN``."""


class Actor(ModelBase):
    """A political actor.

    ``aliases`` are other names the actor goes by in text (surnames, acronyms, capitals used for
    governments); ``attributes`` holds free-form facts (ideology, sect, seats won...).
    ``external_id`` joins the actor to reference data sets (``iso3:IRQ`` for a state,
    ``partyfacts:5619`` for a Party Facts party, ``igo:UN`` for an international
    organisation, ``legislature:POL-SEJM`` for a legislature known by its own name): two actors with the same external id are the same actor, whatever their
    ids or names (:meth:`factions.model.System.merge`, corpus building and the store join on
    it).
    """

    id: ActorId
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.OTHER
    external_id: str | None = None
    aliases: tuple[str, ...] = ()
    attributes: dict[str, Any] = Field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @field_validator("external_id")
    @classmethod
    def _check_external_id(cls, v: str | None) -> str | None:
        if v is not None and not EXTERNAL_ID.match(v):
            raise ValueError(
                "an external id is 'scheme:code' (lower-case scheme, e.g. iso3:IRQ, "
                "partyfacts:5619, igo:UN)"
            )
        return v

    @field_validator("aliases")
    @classmethod
    def _dedupe_aliases(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        seen: set[str] = set()
        out: list[str] = []
        for a in v:
            key = normalise_alias(a)
            if key and key not in seen:
                seen.add(key)
                out.append(a)
        return tuple(out)

    def names(self) -> tuple[str, ...]:
        """The display name followed by every alias."""
        return (
            self.name,
            *[a for a in self.aliases if normalise_alias(a) != normalise_alias(self.name)],
        )

    def matches(self, text: str) -> bool:
        """Whether ``text`` is this actor's name or one of its aliases (normalised)."""
        key = normalise_alias(text)
        return any(normalise_alias(n) == key for n in self.names())
