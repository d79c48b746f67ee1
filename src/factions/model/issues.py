"""Issues: a policy dimension with each actor's position, salience and capability.

The input of bargaining forecasts (Bueno de Mesquita's expected-utility model, spatial
bargaining models): a position on a numeric scale, the salience of the issue to the actor
(0..1 or 0..100) and the actor's capability (resources it can bring to bear).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from factions.model.base import ActorId, ModelBase

__all__ = [
    "Issue",
    "Position",
]


class Position(ModelBase):
    """One actor's stance on an issue."""

    actor: ActorId
    position: float
    salience: float = Field(ge=0)
    capability: float = Field(ge=0)
    sources: tuple[str, ...] = ()


class Issue(ModelBase):
    """A policy scale from ``scale_min`` to ``scale_max`` and the actors' positions on it."""

    id: ActorId
    name: str | None = None
    scale_min: float = 0.0
    scale_max: float = 100.0
    positions: tuple[Position, ...] = ()
    description: str | None = None
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _check(self) -> Issue:
        if self.scale_max <= self.scale_min:
            raise ValueError("scale_max must be greater than scale_min")
        seen: set[str] = set()
        for p in self.positions:
            if p.actor in seen:
                raise ValueError(f"issue {self.id!r} lists {p.actor!r} twice")
            seen.add(p.actor)
            if not self.scale_min <= p.position <= self.scale_max:
                raise ValueError(
                    f"position {p.position} of {p.actor!r} is outside the scale "
                    f"[{self.scale_min}, {self.scale_max}]"
                )
        return self
