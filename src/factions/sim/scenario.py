"""Scenarios: a list of interventions played in order on a System.

A scenario file (YAML) names the moves an analyst wants to try ("the Sadrists leave the
National Alliance", "the President forwards the request") as a list of ``steps``; each step
is one *verb* and :func:`apply_scenario` plays them in order, every one an immutable
transformation that returns a new :class:`~factions.model.System` (the input is never
changed). The format, with every verb and field, is documented in ``docs/scenarios.md``::

    name: sadr-defects
    description: the Sadrists leave the National Alliance and back the motion
    system: ../system.yaml          # optional: the system the scenario is written against
    steps:
      - op: defect
        actor: sadrists
        leave: national_alliance
        join: iraqiya
      - op: position
        motion: no_confidence_maliki
        actor: sadrists
        stance: for
    uncertainty:                    # optional: read by factions.sim.montecarlo
      loyalty:
        - {actor: iraqiya, defect: 0.1}

Verbs: ``set_relation``, ``flip_relation``, ``remove_relation``, ``add_actor``,
``remove_actor``, ``defect``, ``split``, ``merge``, ``seats``, ``gatekeeper``, ``position``.

Every problem, whether the file's shape (a field of the wrong type, an unknown verb) or its
meaning against the system (an unknown actor, a split that takes more seats than the
party holds), raises :class:`ScenarioError` naming ``file:line: field: what was expected``,
reusing the line mapping of :mod:`factions.model.io`; since every step builds new objects, a
failed scenario leaves the system exactly as it was.

Complexity: each step is O(size of the system) (it rebuilds the tuples it changes), so a
scenario of k steps costs O(k (n + m)) plus one validation of the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from factions.model import (
    Actor,
    ActorKind,
    Affiliation,
    Chamber,
    Motion,
    Relation,
    SeatHolding,
    System,
    SystemFileError,
    aggregate_relations,
)
from factions.model.base import ActorId, ModelBase
from factions.model.io import _expected, _line_for, read_yaml
from factions.model.relations import pair_key
from factions.model.system import Loc, format_loc

__all__ = [
    "Scenario",
    "ScenarioError",
    "Step",
    "Uncertainty",
    "apply_scenario",
    "apply_step",
    "loads_scenario",
    "parse_scenario",
]

VoteStance = Literal["for", "against", "abstain"]
GateStance = Literal["for", "against", "undecided"]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class ScenarioError(SystemFileError):
    """A scenario that cannot be read or played; ``problems`` lists (line, field, message)."""


def _sign(value: object) -> object:
    """Accept ``+1``/``-1``, ``"+"``/``"-"`` and the words ``positive``/``negative``."""
    words = {"+": 1, "-": -1, "+1": 1, "-1": -1, "positive": 1, "negative": -1}
    if isinstance(value, str) and value.strip().lower() in words:
        return words[value.strip().lower()]
    return value


Sign = Annotated[Literal[1, -1], Field(description="+1 (friendly) or -1 (hostile)")]


class _Step(ModelBase):
    note: str | None = None


class SetRelation(_Step):
    """Create or replace the tie between ``a`` and ``b``."""

    op: Literal["set_relation"]
    a: ActorId
    b: ActorId
    sign: Sign
    kind: str | None = None
    strength: float = Field(default=1.0, gt=0.0, le=1.0)
    confidence: float = Field(default=1.0, gt=0.0, le=1.0)

    @field_validator("sign", mode="before")
    @classmethod
    def _signs(cls, v: object) -> object:
        return _sign(v)


class FlipRelation(_Step):
    """Reverse the sign of an existing tie."""

    op: Literal["flip_relation"]
    a: ActorId
    b: ActorId


class RemoveRelation(_Step):
    """Delete an existing tie."""

    op: Literal["remove_relation"]
    a: ActorId
    b: ActorId


def _ties(value: object) -> object:
    if isinstance(value, dict):
        return {k: _sign(v) for k, v in value.items()}
    return value


class AddActor(_Step):
    """A new actor, with its ties, seats (from the unallocated ones) and memberships."""

    op: Literal["add_actor"]
    id: ActorId
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.OTHER
    ties: dict[ActorId, Sign] = Field(default_factory=dict)
    seats: dict[ActorId, int] | int = Field(default_factory=dict)
    member_of: tuple[ActorId, ...] = ()
    stances: dict[ActorId, VoteStance] = Field(default_factory=dict)

    @field_validator("ties", mode="before")
    @classmethod
    def _signs(cls, v: object) -> object:
        return _ties(v)


class RemoveActor(_Step):
    """Delete an actor and every reference to it (ties, memberships, seats, motions)."""

    op: Literal["remove_actor"]
    actor: ActorId


class Defect(_Step):
    """``actor`` breaks with ``leave`` (ties set hostile, memberships ended) and/or joins
    ``join`` (adopts its ties to every third party, a friendly tie to it, its membership
    and, with ``adopt_stances``, its stance on every motion)."""

    op: Literal["defect"]
    actor: ActorId
    join: ActorId | None = None
    leave: tuple[ActorId, ...] = ()
    adopt_stances: bool = True

    @field_validator("leave", mode="before")
    @classmethod
    def _one_or_many(cls, v: object) -> object:
        return (v,) if isinstance(v, str) else v

    @model_validator(mode="after")
    def _something(self) -> Defect:
        if self.join is None and not self.leave:
            raise ValueError("a defection needs 'join' (an actor) or 'leave' (one or more actors)")
        return self


class Split(_Step):
    """A splinter ``id`` breaks off ``actor`` with ``seats`` of its seats (per chamber).

    The splinter starts with the parent's ties (``inherit_ties``) and stances, then
    ``ties`` and ``stances`` override them; ``ties`` may include the parent itself
    (by default the splinter and its parent become hostile).
    """

    op: Literal["split"]
    actor: ActorId
    id: ActorId
    name: str = Field(min_length=1)
    kind: ActorKind | None = None
    seats: dict[ActorId, int] | int
    ties: dict[ActorId, Sign] = Field(default_factory=dict)
    inherit_ties: bool = True
    stances: dict[ActorId, VoteStance] = Field(default_factory=dict)

    @field_validator("ties", mode="before")
    @classmethod
    def _signs(cls, v: object) -> object:
        return _ties(v)


class Merge(_Step):
    """Fuse ``actors`` into ``into`` (one of them, or a new actor named by ``name``)."""

    op: Literal["merge"]
    actors: tuple[ActorId, ...] = Field(min_length=2)
    into: ActorId
    name: str | None = None


class SeatMove(ModelBase):
    from_: ActorId = Field(alias="from")
    to: ActorId
    seats: int = Field(ge=1)


class Seats(_Step):
    """Seat changes in one chamber: ``set`` gives new totals, ``move`` transfers seats."""

    op: Literal["seats"]
    chamber: ActorId | None = None
    set: dict[ActorId, int] = Field(default_factory=dict)
    move: tuple[SeatMove, ...] = ()

    @model_validator(mode="after")
    def _something(self) -> Seats:
        if not self.set and not self.move:
            raise ValueError("a seat change needs 'set' (actor: seats) or 'move' (from, to, seats)")
        return self


class GatekeeperStance(_Step):
    """A gatekeeper of a motion changes position (``for`` opens the route it guards)."""

    op: Literal["gatekeeper"]
    motion: ActorId
    actor: ActorId
    stance: GateStance
    route: ActorId | None = None


class Position(_Step):
    """An actor takes a side on a motion: ``for``, ``against`` or ``abstain``."""

    op: Literal["position"]
    motion: ActorId
    actor: ActorId
    stance: VoteStance


Step = Annotated[
    SetRelation
    | FlipRelation
    | RemoveRelation
    | AddActor
    | RemoveActor
    | Defect
    | Split
    | Merge
    | Seats
    | GatekeeperStance
    | Position,
    Field(discriminator="op"),
]
VERBS = (
    "set_relation",
    "flip_relation",
    "remove_relation",
    "add_actor",
    "remove_actor",
    "defect",
    "split",
    "merge",
    "seats",
    "gatekeeper",
    "position",
)


# --------------------------------------------------------------------------- uncertainty


class Loyalty(ModelBase):
    """Each seat of ``actor`` breaks from its party's line independently with ``defect``."""

    actor: ActorId
    defect: Probability
    motion: ActorId | None = None


class SupportChance(ModelBase):
    """``actor`` (all its seats together) votes for ``motion`` with probability ``p``."""

    actor: ActorId
    motion: ActorId
    p: Probability


class GatekeeperChance(ModelBase):
    """Gatekeeper ``actor`` of ``motion`` says yes (opens its routes) with probability ``p``."""

    actor: ActorId
    motion: ActorId
    p: Probability


class RelationChance(ModelBase):
    """The tie ``a``-``b`` holds with probability ``p`` (overrides its ``confidence``)."""

    a: ActorId
    b: ActorId
    p: Probability


class Uncertainty(ModelBase):
    """Hand-set probabilities read by :func:`factions.sim.montecarlo.simulate`."""

    loyalty: tuple[Loyalty, ...] = ()
    support: tuple[SupportChance, ...] = ()
    gatekeepers: tuple[GatekeeperChance, ...] = ()
    relations: tuple[RelationChance, ...] = ()


class _ScenarioData(ModelBase):
    name: str = "scenario"
    description: str | None = None
    system: str | None = None
    steps: tuple[Step, ...] = ()
    uncertainty: Uncertainty = Field(default_factory=Uncertainty)
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scenario:
    """A parsed scenario: named steps, optional uncertainty, and where each field was read."""

    name: str
    steps: tuple[Any, ...]
    description: str | None = None
    system: Path | None = None
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    sources: tuple[str, ...] = ()
    path: str = "<scenario>"
    lines: dict[Loc, int] = field(default_factory=dict, repr=False, compare=False)

    def error(self, loc: Loc, message: str) -> ScenarioError:
        """A :class:`ScenarioError` for the field at ``loc`` (e.g. ``("steps", 2, "actor")``)."""
        return ScenarioError(self.path, [(_line_for(self.lines, loc), format_loc(loc), message)])


# --------------------------------------------------------------------------- reading


def parse_scenario(
    data: Any, *, path: str | Path = "<data>", lines: dict[Loc, int] | None = None
) -> Scenario:
    """Validate plain data (as read from YAML) into a :class:`Scenario` or raise ScenarioError.

    Parameters
    ----------
    data : mapping
        A scenario as plain data (``name``, ``steps``, ``uncertainty``...).
    path : str or Path
        Named in error messages.
    lines : dict, optional
        Line numbers by location (from :func:`factions.model.io.read_yaml`).

    Returns
    -------
    Scenario
        Validated, each step a verb model.

    Raises
    ------
    ScenarioError
    """
    lines = lines or {}
    if not isinstance(data, dict):
        raise ScenarioError(path, [(1, "", "expected a mapping with 'name' and 'steps'")])
    for i, step in enumerate(data.get("steps") or []):
        if isinstance(step, dict) and "op" not in step:
            raise ScenarioError(
                path,
                [
                    (
                        _line_for(lines, ("steps", i)),
                        format_loc(("steps", i, "op")),
                        f"missing: each step needs 'op', one of {', '.join(VERBS)}",
                    )
                ],
            )
    try:
        parsed = _ScenarioData.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            raw = err["loc"]
            loc = tuple(
                p
                for k, p in enumerate(raw)
                if not (
                    isinstance(p, str)
                    and (
                        p.startswith("function-")
                        # the union tag pydantic inserts after steps[i]
                        or (p in VERBS and k >= 2 and raw[k - 2] == "steps")
                    )
                )
            )
            msg = _expected(err)
            if err.get("type") == "union_tag_invalid":
                msg = f"unknown verb {err.get('input', {}).get('op')!r}; expected one of {', '.join(VERBS)}"
                loc = (*loc, "op")
            problems.append((_line_for(lines, loc), format_loc(loc), msg))
        raise ScenarioError(path, problems) from None
    base = None
    if parsed.system:
        base = Path(parsed.system)
        if not base.is_absolute() and str(path) not in ("<data>", "<string>"):
            base = Path(path).parent / base
    return Scenario(
        name=parsed.name,
        description=parsed.description,
        system=base,
        steps=parsed.steps,
        uncertainty=parsed.uncertainty,
        sources=parsed.sources,
        path=str(path),
        lines=lines,
    )


def loads_scenario(text: str, *, path: str | Path = "<string>") -> Scenario:
    """Parse a scenario from YAML text.

    Parameters
    ----------
    text : str
        YAML.
    path : str or Path
        Named in error messages; a relative ``system`` is resolved against its folder.

    Returns
    -------
    Scenario
        Errors located by line in ``text``.

    Raises
    ------
    ScenarioError
    """
    data, lines = read_yaml(
        text, path=path, error=ScenarioError, empty="the file is empty; expected 'name' and 'steps'"
    )
    return parse_scenario(data, path=path, lines=lines)


# --------------------------------------------------------------------------- playing


@dataclass
class _Ctx:
    scenario: Scenario
    index: int

    def fail(self, fieldname: str | tuple[str | int, ...], message: str) -> ScenarioError:
        tail = (fieldname,) if isinstance(fieldname, str) else fieldname
        return self.scenario.error(("steps", self.index, *tail), message)

    @property
    def source(self) -> str:
        return f"scenario:{self.scenario.name}#{self.index}"


def apply_scenario(system: System, scenario: Scenario) -> System:
    """Play every step of ``scenario`` in order on ``system`` and return the new System.

    Raises :class:`ScenarioError` at the first step that cannot be played (``system`` is
    never modified). Unknown actors are reported whether the step names them directly or
    in a mapping (``ties``, ``seats``, ``set``...). Also checks the ``uncertainty`` block
    against the final system. O(k (n + m)) for k steps.

    Parameters
    ----------
    system : System
        The system to play it on (never modified).
    scenario : Scenario
        Its steps, in order.

    Returns
    -------
    System
        The system after every step.

    Raises
    ------
    ScenarioError
    """
    current = system
    for i, step in enumerate(scenario.steps):
        current = apply_step(current, step, _Ctx(scenario, i))
    check_uncertainty(current, scenario)
    return current


def apply_step(system: System, step: Any, ctx: _Ctx | None = None) -> System:
    """Play one step (a verb model such as :class:`SetRelation`) and return the new System.

    Parameters
    ----------
    system : System
    step : a step model
    ctx : optional
        Where the step stands in its scenario (for error messages).

    Returns
    -------
    System
        The system after the step.

    Raises
    ------
    ScenarioError
    """
    ctx = ctx or _Ctx(Scenario(name="step", steps=(step,)), 0)
    fn = _VERBS[step.op]
    out = fn(system, step, ctx)
    try:
        return out.validated()
    except ValidationError as exc:  # a combination the model rejects (reported, not raised raw)
        first = exc.errors()[0]
        raise ctx.fail("op", f"the result is not a valid system: {_expected(first)}") from None


def check_uncertainty(system: System, scenario: Scenario) -> None:
    """Every actor, motion and relation the ``uncertainty`` block names exists in ``system``."""
    u = scenario.uncertainty
    known = set(system.actor_ids)
    motions = {m.id for m in system.motions}

    def err(loc: Loc, msg: str) -> ScenarioError:
        return scenario.error(("uncertainty", *loc), msg)

    for i, x in enumerate(u.loyalty):
        if x.actor not in known:
            raise err(("loyalty", i, "actor"), _unknown(x.actor, known))
        if x.motion is not None and x.motion not in motions:
            raise err(("loyalty", i, "motion"), _unknown_motion(x.motion, motions))
    for group, name in ((u.support, "support"), (u.gatekeepers, "gatekeepers")):
        for i, x in enumerate(group):
            if x.actor not in known:
                raise err((name, i, "actor"), _unknown(x.actor, known))
            if x.motion not in motions:
                raise err((name, i, "motion"), _unknown_motion(x.motion, motions))
            if name == "gatekeepers":
                m = system.motion(x.motion)
                if not any(g.actor == x.actor for r in m.routes for g in r.gatekeepers):
                    raise err((name, i, "actor"), f"{x.actor!r} is not a gatekeeper of {m.id!r}")
    for i, x in enumerate(u.relations):
        for end in ("a", "b"):
            if getattr(x, end) not in known:
                raise err(("relations", i, end), _unknown(getattr(x, end), known))
        if system.relation(x.a, x.b) is None:
            raise err(("relations", i), f"there is no relation between {x.a!r} and {x.b!r}")


def _unknown(actor: str, known: Iterable[str]) -> str:
    import difflib

    near = difflib.get_close_matches(actor, list(known), n=3)
    hint = f"; did you mean {', '.join(repr(x) for x in near)}?" if near else ""
    return f"unknown actor {actor!r} (expected the id of an actor in the system){hint}"


def _unknown_motion(motion: str, known: Iterable[str]) -> str:
    ids = sorted(known)
    return f"unknown motion {motion!r}; the system's motions are {', '.join(ids) or '(none)'}"


def _need(system: System, ctx: _Ctx, actor: str, where: str | tuple[str | int, ...]) -> None:
    if actor not in system.actor_ids:
        raise ctx.fail(where, _unknown(actor, system.actor_ids))


def _put_relation(relations: Iterable[Relation], new: Relation) -> tuple[Relation, ...]:
    out = [r for r in relations if r.pair != new.pair]
    out.append(new)
    return tuple(out)


def _tie(a: str, b: str, sign: int, ctx: _Ctx, kind: str | None = None, **kw: Any) -> Relation:
    return Relation(
        a=a,
        b=b,
        sign=sign,
        kind=kind or ("alliance" if sign > 0 else "opposition"),
        sources=(ctx.source,),
        **kw,
    )


# --- relations ---------------------------------------------------------------------------


def _set_relation(system: System, s: SetRelation, ctx: _Ctx) -> System:
    _need(system, ctx, s.a, "a")
    _need(system, ctx, s.b, "b")
    if s.a == s.b:
        raise ctx.fail("b", "a relation needs two different actors")
    old = system.relation(s.a, s.b)
    new = _tie(
        s.a,
        s.b,
        s.sign,
        ctx,
        kind=s.kind or (old.kind if old is not None and old.sign == s.sign else None),
        strength=s.strength,
        confidence=s.confidence,
    )
    return system.model_copy(update={"relations": _put_relation(system.relations, new)})


def _existing(system: System, s: FlipRelation | RemoveRelation, ctx: _Ctx) -> Relation:
    _need(system, ctx, s.a, "a")
    _need(system, ctx, s.b, "b")
    rel = system.relation(s.a, s.b)
    if rel is None:
        raise ctx.fail("b", f"there is no relation between {s.a!r} and {s.b!r} to change")
    return rel


def _flip_relation(system: System, s: FlipRelation, ctx: _Ctx) -> System:
    rel = _existing(system, s, ctx)
    sign = -rel.sign
    new = rel.model_copy(
        update={
            "sign": sign,
            "kind": "alliance" if sign > 0 else "opposition",
            "evidence": (),
            "sources": (*rel.sources, ctx.source),
        }
    )
    return system.model_copy(update={"relations": _put_relation(system.relations, new)})


def _remove_relation(system: System, s: RemoveRelation, ctx: _Ctx) -> System:
    rel = _existing(system, s, ctx)
    return system.model_copy(
        update={"relations": tuple(r for r in system.relations if r.pair != rel.pair)}
    )


# --- stances on motions --------------------------------------------------------------------


def stance_of(motion: Motion, actor: str) -> VoteStance:
    """``for`` if ``actor`` is a listed supporter, ``against`` if an opponent, else ``abstain``."""
    if actor in motion.supporters:
        return "for"
    if actor in motion.opponents:
        return "against"
    return "abstain"


def _with_stance(motion: Motion, actor: str, stance: VoteStance) -> Motion:
    sup = tuple(x for x in motion.supporters if x != actor)
    opp = tuple(x for x in motion.opponents if x != actor)
    if stance == "for":
        sup = (*sup, actor)
    elif stance == "against":
        opp = (*opp, actor)
    return motion.model_copy(update={"supporters": sup, "opponents": opp})


def _motion_index(system: System, motion_id: str, ctx: _Ctx, where: str | tuple) -> int:
    for i, m in enumerate(system.motions):
        if m.id == motion_id:
            return i
    raise ctx.fail(where, _unknown_motion(motion_id, [m.id for m in system.motions]))


def _set_stances(
    system: System, actor: str, stances: dict[str, VoteStance], ctx: _Ctx, where: str
) -> System:
    motions = list(system.motions)
    for mid, st in stances.items():
        i = _motion_index(system, mid, ctx, (where, mid))
        motions[i] = _with_stance(motions[i], actor, st)
    return system.model_copy(update={"motions": tuple(motions)})


def _position(system: System, s: Position, ctx: _Ctx) -> System:
    _need(system, ctx, s.actor, "actor")
    i = _motion_index(system, s.motion, ctx, "motion")
    motions = list(system.motions)
    motions[i] = _with_stance(motions[i], s.actor, s.stance)
    return system.model_copy(update={"motions": tuple(motions)})


def _gatekeeper(system: System, s: GatekeeperStance, ctx: _Ctx) -> System:
    _need(system, ctx, s.actor, "actor")
    i = _motion_index(system, s.motion, ctx, "motion")
    motion = system.motions[i]
    if s.route is not None and s.route not in {r.id for r in motion.routes}:
        raise ctx.fail(
            "route",
            f"motion {motion.id!r} has no route {s.route!r}; its routes are "
            f"{', '.join(r.id for r in motion.routes) or '(none)'}",
        )
    found = False
    routes = []
    for r in motion.routes:
        if s.route is None or r.id == s.route:
            gks = []
            for g in r.gatekeepers:
                if g.actor == s.actor:
                    found = True
                    g = g.model_copy(update={"stance": s.stance})
                gks.append(g)
            r = r.model_copy(update={"gatekeepers": tuple(gks)})
        routes.append(r)
    if not found:
        keepers = sorted({g.actor for r in motion.routes for g in r.gatekeepers})
        raise ctx.fail(
            "actor",
            f"{s.actor!r} is not a gatekeeper of motion {motion.id!r}"
            + (f" (its gatekeepers are {', '.join(keepers)})" if keepers else " (it has none)"),
        )
    motions = list(system.motions)
    motions[i] = motion.model_copy(update={"routes": tuple(routes)})
    return system.model_copy(update={"motions": tuple(motions)})


# --- seats -----------------------------------------------------------------------------


def _chamber_ids(system: System, seats: dict[str, int] | int, ctx: _Ctx) -> dict[str, int]:
    """Normalise a ``seats`` field: an int means the system's only chamber."""
    if isinstance(seats, int):
        if len(system.chambers) != 1:
            raise ctx.fail(
                "seats",
                "a bare number of seats needs a system with exactly one chamber; write "
                "'seats: {CHAMBER_ID: N}'",
            )
        return {system.chambers[0].id: seats}
    ids = {c.id for c in system.chambers}
    for cid, n in seats.items():
        if cid not in ids:
            raise ctx.fail(
                ("seats", cid),
                f"unknown chamber {cid!r}; the system's chambers are {', '.join(sorted(ids)) or '(none)'}",
            )
        if n < 0:
            raise ctx.fail(("seats", cid), f"seats cannot be negative (got {n})")
    return dict(seats)


def _holding(h: SeatHolding, seats: int, ctx: _Ctx) -> SeatHolding:
    """A holding with a new working figure (its uncertainty range no longer applies)."""
    return h.model_copy(
        update={"seats": seats, "low": None, "high": None, "sources": (*h.sources, ctx.source)}
    )


def _replace_chamber(system: System, chamber: Chamber) -> System:
    chambers = tuple(chamber if c.id == chamber.id else c for c in system.chambers)
    return system.model_copy(update={"chambers": chambers})


def _new_chamber(
    chamber: Chamber, holdings: dict[str, SeatHolding], ctx: _Ctx, where: str
) -> Chamber:
    kept = tuple(h for h in holdings.values() if h.seats > 0)
    total = sum(h.seats for h in kept)
    if total > chamber.size:
        raise ctx.fail(
            where,
            f"impossible seat change: chamber {chamber.id!r} would allocate {total} seats "
            f"but has only {chamber.size}",
        )
    return chamber.model_copy(update={"seats": kept})


def _seats(system: System, s: Seats, ctx: _Ctx) -> System:
    if s.chamber is None:
        if len(system.chambers) != 1:
            raise ctx.fail("chamber", "name the chamber: the system has several (or none)")
        chamber = system.chambers[0]
    else:
        try:
            chamber = system.chamber(s.chamber)
        except KeyError:
            raise ctx.fail("chamber", f"unknown chamber {s.chamber!r}") from None
    hold = {h.actor: h for h in chamber.seats}
    for actor, n in s.set.items():
        _need(system, ctx, actor, ("set", actor))
        if n < 0:
            raise ctx.fail(("set", actor), f"seats cannot be negative (got {n})")
        hold[actor] = _holding(hold.get(actor) or SeatHolding(actor=actor, seats=0), n, ctx)
    for j, mv in enumerate(s.move):
        _need(system, ctx, mv.from_, ("move", j, "from"))
        _need(system, ctx, mv.to, ("move", j, "to"))
        have = hold[mv.from_].seats if mv.from_ in hold else 0
        if mv.seats > have:
            raise ctx.fail(
                ("move", j, "seats"),
                f"impossible seat move: {mv.from_!r} holds {have} seats in {chamber.id!r}, "
                f"cannot give {mv.seats}",
            )
        hold[mv.from_] = _holding(hold[mv.from_], have - mv.seats, ctx)
        dest = hold.get(mv.to) or SeatHolding(actor=mv.to, seats=0)
        hold[mv.to] = _holding(dest, dest.seats + mv.seats, ctx)
    where = "set" if s.set else "move"
    return _replace_chamber(system, _new_chamber(chamber, hold, ctx, where))


# --- actors ------------------------------------------------------------------------------


def _add_actor(system: System, s: AddActor, ctx: _Ctx) -> System:
    if s.id in system.actor_ids:
        raise ctx.fail("id", f"an actor with id {s.id!r} already exists")
    actor = Actor(id=s.id, name=s.name, kind=s.kind, sources=(ctx.source,))
    out = system.model_copy(update={"actors": (*system.actors, actor)})
    for other in s.ties:
        _need(system, ctx, other, ("ties", other))
    rels = tuple(system.relations)
    for other, sign in s.ties.items():
        rels = _put_relation(rels, _tie(s.id, other, sign, ctx))
    affs = list(system.affiliations)
    for j, g in enumerate(s.member_of):
        _need(system, ctx, g, ("member_of", j))
        affs.append(Affiliation(member=s.id, group=g, sources=(ctx.source,)))
    out = out.model_copy(update={"relations": rels, "affiliations": tuple(affs)})
    for cid, n in _chamber_ids(system, s.seats, ctx).items():
        chamber = out.chamber(cid)
        if n > chamber.unallocated:
            raise ctx.fail(
                ("seats", cid),
                f"impossible seat change: {chamber.id!r} has {chamber.unallocated} unallocated "
                f"seats, cannot give {n} to {s.id!r} (take them from a party with 'split' or 'seats')",
            )
        hold = {h.actor: h for h in chamber.seats}
        hold[s.id] = SeatHolding(actor=s.id, seats=n, sources=(ctx.source,))
        out = _replace_chamber(out, _new_chamber(chamber, hold, ctx, "seats"))
    return _set_stances(out, s.id, s.stances, ctx, "stances")


def _rename_actor_refs(system: System, old: set[str], new: str | None) -> System:
    """Point every reference to an actor in ``old`` at ``new`` (or drop it when ``None``)."""

    def keep(x: str) -> bool:
        return x not in old or new is not None

    def ren(x: str) -> str:
        return new if x in old and new is not None else x

    def uniq(xs: Iterable[str]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(ren(x) for x in xs if keep(x)))

    affs = []
    for f in system.affiliations:
        if not (keep(f.member) and keep(f.group)):
            continue
        f = f.model_copy(update={"member": ren(f.member), "group": ren(f.group)})
        if f.member != f.group and f not in affs:
            affs.append(f)
    chambers = []
    for c in system.chambers:
        hold: dict[str, SeatHolding] = {}
        for h in c.seats:
            if not keep(h.actor):
                continue
            a = ren(h.actor)
            if a in hold:
                prev = hold[a]
                hold[a] = prev.model_copy(
                    update={"seats": prev.seats + h.seats, "low": None, "high": None}
                )
            else:
                hold[a] = h.model_copy(update={"actor": a})
        rules = tuple(r.model_copy(update={"veto_players": uniq(r.veto_players)}) for r in c.rules)
        chambers.append(c.model_copy(update={"seats": tuple(hold.values()), "rules": rules}))
    motions = []
    for m in system.motions:
        sup = uniq(m.supporters)
        opp = tuple(x for x in uniq(m.opponents) if x not in sup)
        routes = []
        for r in m.routes:
            seen: dict[str, Any] = {}
            for g in r.gatekeepers:
                if keep(g.actor) and ren(g.actor) not in seen:
                    seen[ren(g.actor)] = g.model_copy(update={"actor": ren(g.actor)})
            routes.append(r.model_copy(update={"gatekeepers": tuple(seen.values())}))
        target = ren(m.target) if m.target is not None and keep(m.target) else None
        motions.append(
            m.model_copy(
                update={
                    "supporters": sup,
                    "opponents": opp,
                    "routes": tuple(routes),
                    "target": target,
                }
            )
        )
    issues = []
    for iss in system.issues:
        pos: dict[str, Any] = {}
        for p in iss.positions:
            if keep(p.actor) and ren(p.actor) not in pos:
                pos[ren(p.actor)] = p.model_copy(update={"actor": ren(p.actor)})
        issues.append(iss.model_copy(update={"positions": tuple(pos.values())}))
    return system.model_copy(
        update={
            "affiliations": tuple(affs),
            "chambers": tuple(chambers),
            "motions": tuple(motions),
            "issues": tuple(issues),
        }
    )


def _remove_actor(system: System, s: RemoveActor, ctx: _Ctx) -> System:
    _need(system, ctx, s.actor, "actor")
    out = system.model_copy(
        update={
            "actors": tuple(a for a in system.actors if a.id != s.actor),
            "relations": tuple(r for r in system.relations if s.actor not in r.pair),
        }
    )
    return _rename_actor_refs(out, {s.actor}, None)


def _defect(system: System, s: Defect, ctx: _Ctx) -> System:
    _need(system, ctx, s.actor, "actor")
    for j, y in enumerate(s.leave):
        _need(system, ctx, y, ("leave", j) if len(s.leave) > 1 else "leave")
        if y == s.actor:
            raise ctx.fail("leave", f"{s.actor!r} cannot leave itself")
    if s.join is not None:
        _need(system, ctx, s.join, "join")
        if s.join == s.actor:
            raise ctx.fail("join", f"{s.actor!r} cannot join itself")
        if s.join in s.leave:
            raise ctx.fail("join", f"{s.actor!r} cannot both join and leave {s.join!r}")
    rels = tuple(system.relations)
    affs = [f for f in system.affiliations if not (f.member == s.actor and f.group in s.leave)]
    for y in s.leave:
        rels = _put_relation(rels, _tie(s.actor, y, -1, ctx, kind="split"))
    out = system
    if s.join is not None:
        for r in system.relations_of(s.join):
            third = r.other(s.join)
            if third == s.actor or third in s.leave:
                continue
            rels = _put_relation(rels, _tie(s.actor, third, r.sign, ctx, kind=r.kind))
        rels = _put_relation(rels, _tie(s.actor, s.join, 1, ctx))
        if system.members_of(s.join) and not any(
            f.member == s.actor and f.group == s.join for f in affs
        ):
            affs.append(Affiliation(member=s.actor, group=s.join, sources=(ctx.source,)))
        if s.adopt_stances:
            motions = []
            for m in system.motions:
                st = stance_of(m, s.join)
                motions.append(_with_stance(m, s.actor, st) if st != "abstain" else m)
            out = out.model_copy(update={"motions": tuple(motions)})
    return out.model_copy(update={"relations": rels, "affiliations": tuple(affs)})


def _split(system: System, s: Split, ctx: _Ctx) -> System:
    _need(system, ctx, s.actor, "actor")
    if s.id in system.actor_ids:
        raise ctx.fail("id", f"an actor with id {s.id!r} already exists")
    parent = system.actor(s.actor)
    seats = _chamber_ids(system, s.seats, ctx)
    for other in s.ties:
        if other == s.id:
            raise ctx.fail(("ties", other), "a splinter cannot have a tie to itself")
        _need(system, ctx, other, ("ties", other))
    for cid, n in seats.items():
        have = system.chamber(cid).seat_map().get(s.actor, 0)
        if n > have:
            raise ctx.fail(
                ("seats", cid) if isinstance(s.seats, dict) else "seats",
                f"impossible seat split: {s.actor!r} holds {have} seats in {cid!r}, "
                f"cannot give {n} to {s.id!r}",
            )
    kind = s.kind or parent.kind
    actor = Actor(id=s.id, name=s.name, kind=kind, sources=(ctx.source,))
    rels = tuple(system.relations)
    if s.inherit_ties:
        for r in system.relations_of(s.actor):
            rels = _put_relation(rels, _tie(s.id, r.other(s.actor), r.sign, ctx, kind=r.kind))
    ties = {s.actor: -1, **s.ties}
    for other, sign in ties.items():
        rels = _put_relation(
            rels,
            _tie(s.id, other, sign, ctx, kind="split" if sign < 0 and other == s.actor else None),
        )
    out = system.model_copy(update={"actors": (*system.actors, actor), "relations": rels})
    for cid, n in seats.items():
        if n == 0:
            continue
        chamber = out.chamber(cid)
        hold = {h.actor: h for h in chamber.seats}
        hold[s.actor] = _holding(hold[s.actor], hold[s.actor].seats - n, ctx)
        hold[s.id] = SeatHolding(actor=s.id, seats=n, sources=(ctx.source,))
        out = _replace_chamber(out, _new_chamber(chamber, hold, ctx, "seats"))
    inherited = {m.id: stance_of(m, s.actor) for m in system.motions}
    return _set_stances(
        out,
        s.id,
        {**{k: v for k, v in inherited.items() if v != "abstain"}, **s.stances},
        ctx,
        "stances",
    )


def _merge(system: System, s: Merge, ctx: _Ctx) -> System:
    for j, a in enumerate(s.actors):
        _need(system, ctx, a, ("actors", j))
    if len(set(s.actors)) != len(s.actors):
        raise ctx.fail("actors", "list each actor to merge once")
    members = set(s.actors)
    if s.into in members:
        base = system.actor(s.into)
        merged = base.model_copy(
            update={"name": s.name or base.name, "sources": (*base.sources, ctx.source)}
        )
    else:
        if s.into in system.actor_ids:
            raise ctx.fail(
                "into",
                f"{s.into!r} is another existing actor; 'into' is one of 'actors' or a new id",
            )
        if not s.name:
            raise ctx.fail("name", f"a new merged actor {s.into!r} needs a 'name'")
        first = system.actor(s.actors[0])
        merged = Actor(id=s.into, name=s.name, kind=first.kind, sources=(ctx.source,))
    names = [system.actor(a).name for a in s.actors if system.actor(a).name != merged.name]
    merged = merged.model_copy(
        update={
            "aliases": Actor(
                id=merged.id, name=merged.name, aliases=(*merged.aliases, *names)
            ).aliases
        }
    )
    actors = []
    for a in system.actors:
        if a.id in members:
            if a.id == s.actors[0]:
                actors.append(merged)
        else:
            actors.append(a)
    # relations: every member's tie to a third party becomes the merged actor's; several
    # findings for one third party are fused with the model's corpus policy.
    moved: list[Relation] = []
    for r in system.relations:
        a = s.into if r.a in members else r.a
        b = s.into if r.b in members else r.b
        if a == b:
            continue
        key = pair_key(a, b)
        moved.append(r.model_copy(update={"a": key[0], "b": key[1]}))
    rels = aggregate_relations(moved)
    out = system.model_copy(update={"actors": tuple(actors), "relations": rels})
    # the merged actor's stance on each motion: that of 'into' if it is a member, else the first
    lead = s.into if s.into in members else s.actors[0]
    stances = {m.id: stance_of(m, lead) for m in system.motions}
    out = _rename_actor_refs(out, members, s.into)
    motions = tuple(_with_stance(m, s.into, stances[m.id]) for m in out.motions)
    return out.model_copy(update={"motions": motions})


_VERBS: dict[str, Callable[[System, Any, _Ctx], System]] = {
    "set_relation": _set_relation,
    "flip_relation": _flip_relation,
    "remove_relation": _remove_relation,
    "add_actor": _add_actor,
    "remove_actor": _remove_actor,
    "defect": _defect,
    "split": _split,
    "merge": _merge,
    "seats": _seats,
    "gatekeeper": _gatekeeper,
    "position": _position,
}
assert set(_VERBS) == set(VERBS)
