"""Institutions: chambers with seats by actor, vote rules, gatekeepers and motions.

A :class:`Chamber` says who holds how many seats (with a range where the number is
uncertain). A :class:`VoteRule` says what it takes to pass: a threshold over the seats
(simple, absolute or qualified majority, unanimity, or an explicit quota), optionally a
quorum, veto players and further criteria for multi-criteria rules (a double majority counts
seats and, say, member parties at once). A :class:`Motion` is a concrete question put to a
chamber under a rule, reached through one or more :class:`Route` s, each of which may need
gatekeepers (actors who must agree before the vote happens, such as a president forwarding
a request) and a number of signatures to be initiated.

This module only describes; the arithmetic lives in ``factions.analysis.power`` and
``factions.analysis.coalitions``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import Field, field_validator, model_validator

from factions.model.base import ActorId, ModelBase, PartialDate

__all__ = [
    "Chamber",
    "Criterion",
    "Gatekeeper",
    "Motion",
    "Route",
    "SeatHolding",
    "Stance",
    "ThresholdKind",
    "VoteRule",
]

ThresholdKind = Literal["simple", "absolute", "qualified", "unanimity", "quota"]
Stance = Literal["for", "against", "undecided"]


class SeatHolding(ModelBase):
    """``actor`` holds ``seats`` seats; ``low``/``high`` bound the figure when it is uncertain."""

    actor: ActorId
    seats: int = Field(ge=0)
    low: int | None = Field(default=None, ge=0)
    high: int | None = Field(default=None, ge=0)
    note: str | None = None
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _range(self) -> SeatHolding:
        lo = self.low if self.low is not None else self.seats
        hi = self.high if self.high is not None else self.seats
        if not lo <= self.seats <= hi:
            raise ValueError(f"seats {self.seats} must lie within the range [{lo}, {hi}]")
        return self

    @property
    def uncertain(self) -> bool:
        return (self.low is not None and self.low != self.seats) or (
            self.high is not None and self.high != self.seats
        )


def _parse_fraction(value: str | int | float | None) -> Fraction | None:
    if value is None:
        return None
    try:
        f = Fraction(str(value))
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"expected a fraction such as '2/3' or 0.5, got {value!r}") from exc
    if not 0 < f <= 1:
        raise ValueError(f"a fraction of seats must be in (0, 1], got {value!r}")
    return f


class Criterion(ModelBase):
    """One further condition of a multi-criteria rule.

    ``weight`` names what is counted: ``"members"`` (one vote per seat-holding actor, as in the
    "majority of member states" half of a double majority) or the name of a numeric actor
    attribute (for example ``population``). ``fraction`` or ``quota`` gives the threshold.
    """

    weight: str = "members"
    fraction: str | None = None
    quota: int | None = Field(default=None, ge=1)

    @model_validator(mode="after")
    def _one_threshold(self) -> Criterion:
        if (self.fraction is None) == (self.quota is None):
            raise ValueError("a criterion needs exactly one of 'fraction' or 'quota'")
        _parse_fraction(self.fraction)
        return self

    def threshold(self, total: int) -> int:
        """Smallest total of ``weight`` that meets the criterion (at least ``fraction`` of ``total``)."""
        if self.quota is not None:
            return self.quota
        f = _parse_fraction(self.fraction)
        assert f is not None
        return -(-(f.numerator * total) // f.denominator)


class VoteRule(ModelBase):
    """What it takes to pass in a chamber.

    ``threshold``:
    - ``absolute``: more than half of all seats (``size // 2 + 1``), as in a no-confidence vote
      that needs "an absolute majority of the number of its members";
    - ``simple``: more than half of the votes cast; with everyone present this equals the
      absolute majority, and ``present`` (seats attending) may be given to model absences;
    - ``qualified``: at least ``fraction`` of all seats (``ceil(fraction * size)``);
    - ``unanimity``: every seat;
    - ``quota``: exactly ``quota`` seats (the weighted-voting-game quota).

    ``quorum`` (a fraction or a seat count) is how many must attend for the vote to be valid;
    ``veto_players`` must all be in any winning coalition; ``criteria`` add further
    conditions (multi-criteria rules such as double majorities).
    """

    id: ActorId
    name: str | None = None
    threshold: ThresholdKind = "absolute"
    fraction: str | None = None
    quota: int | None = Field(default=None, ge=1)
    present: int | None = Field(default=None, ge=1)
    quorum: str | None = None
    veto_players: tuple[ActorId, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    sources: tuple[str, ...] = ()

    @field_validator("quorum", mode="before")
    @classmethod
    def _quorum_to_str(cls, v: object) -> object:
        return str(v) if isinstance(v, int | float) else v

    @model_validator(mode="after")
    def _consistent(self) -> VoteRule:
        if self.threshold == "qualified" and self.fraction is None:
            raise ValueError("a 'qualified' threshold needs a 'fraction' such as '2/3'")
        if self.threshold == "quota" and self.quota is None:
            raise ValueError("a 'quota' threshold needs 'quota' (a number of seats)")
        if self.threshold not in ("qualified",) and self.fraction is not None:
            raise ValueError(
                f"'fraction' only goes with threshold 'qualified', not {self.threshold!r}"
            )
        _parse_fraction(self.fraction)
        return self

    def seats_needed(self, size: int) -> int:
        """Seats a winning coalition needs in a chamber of ``size`` seats."""
        if self.threshold == "quota":
            assert self.quota is not None
            return self.quota
        if self.threshold == "unanimity":
            return size
        if self.threshold == "qualified":
            f = _parse_fraction(self.fraction)
            assert f is not None
            return -(-(f.numerator * size) // f.denominator)
        if self.threshold == "simple" and self.present is not None:
            return self.present // 2 + 1
        return size // 2 + 1

    def quorum_seats(self, size: int) -> int | None:
        """Seats that must attend, or ``None`` when the rule sets no quorum."""
        if self.quorum is None:
            return None
        if "/" in self.quorum or "." in self.quorum:
            f = _parse_fraction(self.quorum)
            assert f is not None
            return -(-(f.numerator * size) // f.denominator)
        return int(self.quorum)


class Gatekeeper(ModelBase):
    """An actor who must agree before a motion reaches the vote (``required``), or may block it.

    ``stance`` is the gatekeeper's known position; ``condition`` records in words what the
    gatekeeper asks for, and ``signatures`` the number of members' signatures the gatekeeper
    demands before acting, when that is how the condition is put.
    """

    actor: ActorId
    role: str = "gatekeeper"
    stance: Stance = "undecided"
    required: bool = True
    condition: str | None = None
    signatures: int | None = Field(default=None, ge=1)
    sources: tuple[str, ...] = ()


class Route(ModelBase):
    """One procedural way for a motion to reach the vote.

    ``prerequisites`` are the steps the route needs before the vote (an interpellation, a
    waiting period); ``met`` lists those already taken. A route with an unmet prerequisite
    is not open.
    """

    id: ActorId
    name: str | None = None
    gatekeepers: tuple[Gatekeeper, ...] = ()
    signatures: int | None = Field(default=None, ge=1)
    prerequisites: tuple[str, ...] = ()
    met: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _met_are_prerequisites(self) -> Route:
        unknown = [m for m in self.met if m not in self.prerequisites]
        if unknown:
            raise ValueError(
                f"route {self.id!r}: 'met' lists {unknown[0]!r}, which is not one of its "
                f"prerequisites {list(self.prerequisites)}"
            )
        return self

    @property
    def unmet(self) -> tuple[str, ...]:
        """Prerequisites not yet taken."""
        return tuple(p for p in self.prerequisites if p not in self.met)


class Motion(ModelBase):
    """A question put to a chamber: passes when a route is open and the rule is met.

    ``target`` is the actor the motion is about (a prime minister facing no confidence), and
    ``supporters``/``opponents`` the actors known to favour or resist it, when known.
    """

    id: ActorId
    name: str | None = None
    chamber: ActorId
    rule: ActorId
    target: ActorId | None = None
    supporters: tuple[ActorId, ...] = ()
    opponents: tuple[ActorId, ...] = ()
    routes: tuple[Route, ...] = ()
    date: PartialDate | None = None
    description: str | None = None
    sources: tuple[str, ...] = ()


class Chamber(ModelBase):
    """A voting body: its size, who holds its seats, and the vote rules it uses."""

    id: ActorId
    name: str = Field(min_length=1)
    size: int = Field(ge=1)
    seats: tuple[SeatHolding, ...] = ()
    rules: tuple[VoteRule, ...] = ()
    date: PartialDate | None = None
    sources: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _seats_consistent(self) -> Chamber:
        seen: set[str] = set()
        for holding in self.seats:
            if holding.actor in seen:
                raise ValueError(
                    f"duplicate seats for {holding.actor!r} in chamber {self.id!r}: list each actor once"
                )
            seen.add(holding.actor)
        total = sum(h.seats for h in self.seats)
        if total > self.size:
            raise ValueError(
                f"chamber {self.id!r} allocates {total} seats but has only {self.size}"
            )
        ids = [r.id for r in self.rules]
        if len(ids) != len(set(ids)):
            raise ValueError(f"chamber {self.id!r} has two vote rules with the same id")
        return self

    def seat_map(self) -> dict[str, int]:
        """Seats by actor (working figures), in file order."""
        return {h.actor: h.seats for h in self.seats}

    def rule(self, rule_id: str) -> VoteRule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(f"chamber {self.id!r} has no vote rule {rule_id!r}")

    @property
    def unallocated(self) -> int:
        return self.size - sum(h.seats for h in self.seats)
