"""Demo step: the vote analysis of every motion in the reference systems under examples/.

For each ``examples/*/system.yaml`` that has motions, the step prints each motion's analysis
exactly as ``factions vote`` does, by calling the same library function
(:func:`factions.analysis.motions.motion_report`) and printer. When that library is absent or
fails, it prints the seat arithmetic computed from the model instead: the seats for, against
and undeclared at their working figures and at the low and high ends of every range, against
the rule's threshold, and each route with its signatures and gatekeepers. It knows nothing
about any particular country: everything comes from the file. The step never fails the
demo; a system it cannot read is reported and skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.table import Table

from factions.cli.app import DemoContext, demo_step
from factions.cli.common import console, warn
from factions.model import Motion, Route, SeatHolding, System, load_system


@dataclass(frozen=True)
class SideSeats:
    """Seats of one side of a motion: working figure and the ends of the ranges."""

    actors: tuple[str, ...]
    working: int
    low: int
    high: int


def _seat_holders_of(system: System, actor: str, holders: set[str]) -> list[str]:
    """The seat holders an actor named on a motion stands for.

    A seat holder stands for itself; a person (or other actor) with no seats stands for the
    seat-holding groups it leads or belongs to, as read from the affiliations.
    """
    if actor in holders:
        return [actor]
    return [f.group for f in system.groups_of(actor) if f.group in holders]


def motion_sides(system: System, motion: Motion) -> dict[str, SideSeats]:
    """Seats ``for``, ``against`` and ``undeclared`` for a motion, with the low/high ends.

    Supporters and opponents are mapped to seat holders through affiliations; a holder
    named on both sides counts as a supporter. O(h + a) for h holders and a affiliations.
    """
    chamber = system.chamber(motion.chamber)
    seats = {h.actor: h for h in chamber.seats}
    holders = set(seats)
    side: dict[str, str] = {}
    for name in motion.opponents:
        for h in _seat_holders_of(system, name, holders):
            side[h] = "against"
    for name in motion.supporters:
        for h in _seat_holders_of(system, name, holders):
            side[h] = "for"
    out: dict[str, SideSeats] = {}
    for label in ("for", "against", "undeclared"):
        members = tuple(a for a in seats if side.get(a, "undeclared") == label)
        out[label] = SideSeats(
            actors=members,
            working=sum(seats[a].seats for a in members),
            low=sum(seats[a].low if seats[a].low is not None else seats[a].seats for a in members),
            high=sum(
                seats[a].high if seats[a].high is not None else seats[a].seats for a in members
            ),
        )
    return out


def _seat_text(h: SeatHolding) -> str:
    if not h.uncertain:
        return str(h.seats)
    lo = h.low if h.low is not None else h.seats
    hi = h.high if h.high is not None else h.seats
    return f"{h.seats} ({lo}-{hi})"


def route_demand(motion_route: Route) -> int:
    """Signatures a route needs before the vote: its own and any gatekeeper's demand."""
    return max(
        [motion_route.signatures or 0, *(g.signatures or 0 for g in motion_route.gatekeepers)]
    )


def _arithmetic_table(system: System, motion: Motion) -> Table:
    chamber = system.chamber(motion.chamber)
    rule = chamber.rule(motion.rule)
    need = rule.seats_needed(chamber.size)
    sides = motion_sides(system, motion)
    table = Table(
        title=f"{motion.name or motion.id}: seats by side ({chamber.name}, {chamber.size} seats)",
        title_justify="left",
    )
    for col in ("side", "blocs", "working", "low", "high"):
        table.add_column(col, justify="right" if col in ("working", "low", "high") else "left")
    seats = {h.actor: h for h in chamber.seats}
    for label, s in sides.items():
        table.add_row(
            label,
            ", ".join(f"{a} {_seat_text(seats[a])}" for a in s.actors) or "-",
            str(s.working),
            str(s.low),
            str(s.high),
        )
    sup = sides["for"]
    table.add_row(
        f"needed ({rule.id})", "", str(need), str(need), str(need), style="bold", end_section=True
    )
    table.add_row(
        "short",
        "",
        *(str(max(0, need - x)) for x in (sup.working, sup.low, sup.high)),
        style="bold",
    )
    return table


def _routes_table(system: System, motion: Motion) -> Table | None:
    if not motion.routes:
        return None
    names = {a.id: a.name for a in system.actors}
    sup = motion_sides(system, motion)["for"]
    table = Table(title="Routes to the vote", title_justify="left")
    for col in ("route", "signatures", "supporters reach them", "prerequisites", "gatekeepers"):
        table.add_column(col)
    for route in motion.routes:
        gks = [
            f"{names.get(g.actor, g.actor)} ({g.role}; {g.stance}"
            + ("; required" if g.required else "")
            + (f"; asks {g.signatures} signatures" if g.signatures else "")
            + ")"
            + (f": {g.condition}" if g.condition else "")
            for g in route.gatekeepers
        ]
        demand = route_demand(route)
        reach = "/".join("yes" if x >= demand else "no" for x in (sup.working, sup.low, sup.high))
        table.add_row(
            route.name or route.id,
            str(demand or "-"),
            f"{reach} (working/low/high)" if demand else "-",
            "; ".join(route.prerequisites) or "-",
            "\n".join(gks) or "-",
        )
    return table


VoteLibrary = tuple[Callable[..., Any], Callable[..., None]]


def vote_library() -> VoteLibrary | None:
    """What ``factions vote`` uses: the analysis and its printer, or ``None`` if absent."""
    try:
        from factions.analysis.motions import motion_report
        from factions.cli.power import print_vote
    except ImportError:
        return None
    return motion_report, print_vote


def print_arithmetic(system: System, motion: Motion) -> None:
    """The seat arithmetic from the model alone: sides with ranges, threshold, routes."""
    console.print(_arithmetic_table(system, motion))
    routes = _routes_table(system, motion)
    if routes is not None:
        console.print(routes)


def print_motion(system: System, motion: Motion, *, limit: int = 3) -> None:
    """Print one motion's analysis as ``factions vote`` does, or the seat arithmetic.

    The vote library (the function ``factions vote`` calls) is used when it is installed and
    succeeds; otherwise the seat arithmetic computed from the model is printed instead.
    """
    library = vote_library()
    if library is not None:
        analyse, show = library
        try:
            report = analyse(system, motion.id)
            show(report, {a.id: a.name for a in system.actors}, limit)
            return
        except Exception as exc:  # fall back rather than fail the demo
            warn(f"vote analysis of {motion.id!r} failed ({type(exc).__name__}: {exc})")
    target = f" (target: {motion.target})" if motion.target else ""
    console.print(f"[bold]Motion {motion.id}[/]{target}", highlight=False)
    console.print("Seat arithmetic from the system file (vote analysis not available):")
    print_arithmetic(system, motion)


def reference_systems(examples: Path) -> list[Path]:
    """The reference system files under ``examples`` (``*/system.yaml``), sorted."""
    return sorted(examples.glob("*/system.yaml")) if examples.is_dir() else []


@demo_step(order=40, title="Vote analysis of the reference systems")
def demo_votes(ctx: DemoContext) -> None:
    """Analyse every motion of every reference system; report problems, never fail."""
    paths = reference_systems(ctx.examples)
    if not paths:
        console.print(f"No reference systems under {ctx.examples}; vote step skipped.")
        return
    for path in paths:
        try:
            system = load_system(path)
        except ValueError as exc:
            warn(str(exc).splitlines()[0])
            continue
        if not system.motions:
            continue
        console.print(f"[bold]{path}[/] ({system.date or 'undated'})", highlight=False)
        for motion in system.motions:
            try:
                print_motion(system, motion)
            except Exception as exc:  # the demo goes on whatever one motion does
                warn(f"{path}: motion {motion.id!r}: {type(exc).__name__}: {exc}")
