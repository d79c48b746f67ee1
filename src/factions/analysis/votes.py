"""Motion outcomes and chamber voting power of a System, on the power-index primitives.

:func:`analyse_motion` says whether a motion passes as the system stands: the seats for
(each seat holder's stance resolved by :func:`holder_stances`), the seats the rule needs,
how many are short, which procedural routes are open (every required gatekeeper says
``for`` and the signature demands are met) and who is decisive. :func:`chamber_power` gives
each chamber's exact Banzhaf and Shapley-Shubik indices per vote rule, from
:func:`factions.analysis.power.power_indices` (Banzhaf 1965; Shapley & Shubik 1954).

Decisive actors: when the motion passes, the supporters whose seats exceed the margin (the
Banzhaf-critical members of the supporting coalition: without any one of them it fails)
and the gatekeepers of the only open route; when it fails on seats, the actors not for it
whose seats alone would cover the shortfall.

Complexity: ``analyse_motion`` is O(h + a) for h seat holders and a affiliations;
``chamber_power`` is that of the power indices, O(n q) packed-integer operations per rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from factions.analysis.power import power_indices
from factions.model import Motion, System

__all__ = ["MotionAnalysis", "analyse_motion", "chamber_power", "holder_stances"]


def holder_stances(system: System, motion: Motion) -> dict[str, str]:
    """The stance (``for``/``against``/``abstain``) of every seat holder of the motion's chamber.

    A holder listed among the motion's supporters or opponents takes that stance; otherwise
    the stance of an actor that leads it (an affiliation ``leader -> holder`` with role
    ``leader``, as a person leads a party); otherwise that of a group it belongs to (an
    affiliation ``holder -> group``, as a party in an alliance); otherwise ``abstain``. O(h a).
    """
    listed = {x: "for" for x in motion.supporters}
    listed.update({x: "against" for x in motion.opponents})
    out: dict[str, str] = {}
    for h in system.chamber(motion.chamber).seats:
        st = listed.get(h.actor)
        if st is None:
            leaders = [f.member for f in system.members_of(h.actor) if f.role == "leader"]
            st = next((listed[x] for x in leaders if x in listed), None)
        if st is None:
            st = next(
                (listed[f.group] for f in system.groups_of(h.actor) if f.group in listed), None
            )
        out[h.actor] = st or "abstain"
    return out


@dataclass(frozen=True)
class MotionAnalysis:
    """A motion's outcome in one system."""

    motion: str
    chamber: str
    rule: str
    passes: bool
    seats_for: int
    seats_against: int
    seats_abstaining: int
    seats_needed: int
    seats_short: int
    rule_met: bool
    route_open: bool
    open_routes: tuple[str, ...]
    blocking_gatekeepers: tuple[str, ...]
    decisive: tuple[str, ...]
    stances: dict[str, str]


def analyse_motion(
    system: System, motion_id: str, stances: dict[str, str] | None = None
) -> MotionAnalysis:
    """Whether ``motion_id`` passes in ``system`` (see the module docstring).

    ``stances`` overrides the resolved stance of seat holders (``for``/``against``/``abstain``).
    Raises ``KeyError`` for an unknown motion.
    """
    motion = system.motion(motion_id)
    chamber = system.chamber(motion.chamber)
    rule = chamber.rule(motion.rule)
    st = {**holder_stances(system, motion), **(stances or {})}
    seats = chamber.seat_map()
    seats_for = sum(n for a, n in seats.items() if st.get(a) == "for")
    against = sum(n for a, n in seats.items() if st.get(a) == "against")
    needed = rule.seats_needed(chamber.size)
    vetoes_ok = all(st.get(v) == "for" or v in motion.supporters for v in rule.veto_players)
    rule_met = seats_for >= needed and vetoes_ok
    open_routes: list[str] = []
    blocking: list[str] = []
    for route in motion.routes:
        enough = seats_for >= (route.signatures or 0) and all(
            seats_for >= (g.signatures or 0) for g in route.gatekeepers
        )
        closed_by = [g.actor for g in route.gatekeepers if g.required and g.stance != "for"]
        if enough and not closed_by:
            open_routes.append(route.id)
        elif enough:
            blocking.extend(x for x in closed_by if x not in blocking)
    route_open = bool(open_routes) or not motion.routes
    passes = rule_met and route_open
    decisive: list[str] = []
    if rule_met:
        margin = seats_for - needed
        decisive = [a for a, n in seats.items() if st.get(a) == "for" and n > margin]
        decisive += [v for v in rule.veto_players if v not in decisive]
        if len(open_routes) == 1:
            route = next(r for r in motion.routes if r.id == open_routes[0])
            decisive += [
                g.actor for g in route.gatekeepers if g.required and g.actor not in decisive
            ]
    else:
        short = needed - seats_for
        decisive = sorted(
            (a for a, n in seats.items() if st.get(a) != "for" and n >= short),
            key=lambda a: (-seats[a], a),
        )
    return MotionAnalysis(
        motion=motion.id,
        chamber=chamber.id,
        rule=rule.id,
        passes=passes,
        seats_for=seats_for,
        seats_against=against,
        seats_abstaining=sum(seats.values()) - seats_for - against,
        seats_needed=needed,
        seats_short=max(0, needed - seats_for),
        rule_met=rule_met,
        route_open=route_open,
        open_routes=tuple(open_routes),
        blocking_gatekeepers=tuple(blocking),
        decisive=tuple(decisive),
        stances=st,
    )


def chamber_power(system: System) -> dict[str, dict[str, dict[str, float]]]:
    """``{"chamber/rule": {actor: {"banzhaf": b, "shapley_shubik": s}}}`` for every rule.

    The game is ``[seats_needed; seats of each holder]`` (unallocated seats do not vote;
    veto players and extra criteria are not modelled here). Exact fractions, given as floats.
    """
    out: dict[str, dict[str, dict[str, float]]] = {}
    for c in system.chambers:
        holders = [h for h in c.seats if h.seats > 0]
        if not holders:
            continue
        for r in c.rules:
            quota = r.seats_needed(c.size)
            weights = [h.seats for h in holders]
            key = f"{c.id}/{r.id}"
            if quota > sum(weights):
                out[key] = {h.actor: {"banzhaf": 0.0, "shapley_shubik": 0.0} for h in holders}
                continue
            p = power_indices(
                weights,
                quota,
                names=[h.actor for h in holders],
                indices=("banzhaf_normalized", "shapley_shubik"),
            )
            out[key] = {
                h.actor: {
                    "banzhaf": float(p.banzhaf_normalized[i]),  # type: ignore[index]
                    "shapley_shubik": float(p.shapley_shubik[i]),  # type: ignore[index]
                }
                for i, h in enumerate(holders)
            }
    return out
