"""Before/after of everything the analyses compute, for scenarios.

:func:`snapshot` runs the analyses on one System: the exact frustration index, its optimal
two-bloc partition and frustrated ties (:func:`factions.analysis.frustration_index`, via
:func:`factions.analysis.brokers`), the brokers (exact removal effects and positive-path
betweenness), the voting power of every actor in every chamber and rule
(:func:`factions.analysis.motions.chamber_power`), and each motion's outcome from
:func:`factions.analysis.motions.motion_report` (passes or not, seats for and needed, seats
short, the status of each route, decisive and needed actors).
:func:`diff_systems` runs it before and after and lists the structural edits between the two
systems (actors, ties, seats, stances, gatekeepers). :class:`SystemDiff` is a plain dataclass
with :meth:`~SystemDiff.to_dict`; ``factions scenario`` prints it (:mod:`factions.cli.scenario`).

Complexity: dominated by the brokers' n + 1 exact frustration solves per system (NP-hard
in general, fast on political systems of tens of actors) and the power indices
(exponential in the number of seat holders in the worst case, see factions.analysis.power).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from factions.analysis.motions import MotionReport, chamber_power, motion_report
from factions.analysis.serial import json_data
from factions.model import System

__all__ = ["Snapshot", "SystemDiff", "diff_systems", "snapshot"]

BROKERS_SHOWN = 8


@dataclass(frozen=True)
class MotionOutcome:
    """A motion's outcome in one system: the part of the one motion verdict
    (:func:`factions.analysis.motions.motion_report`) a diff compares, with the same names.

    ``routes`` maps each route to ``open``, ``uncertain`` or ``blocked``; ``decisive`` and
    ``needed`` mean what they mean in :mod:`factions.analysis.motions`.
    """

    motion: str
    passes: bool
    seats_for: int
    seats_needed: int
    seats_short: int
    route_open: bool
    open_routes: tuple[str, ...]
    routes: dict[str, str]
    decisive: tuple[str, ...]
    needed: tuple[str, ...]
    blocking_gatekeepers: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields, with the names of :meth:`MotionReport.to_dict`."""
        return json_data(asdict(self))

    @classmethod
    def of(cls, report: MotionReport) -> MotionOutcome:
        """The outcome part of a motion report."""
        return cls(
            motion=report.motion,
            passes=report.passes,
            seats_for=report.seats_for,
            seats_needed=report.seats_needed,
            seats_short=report.seats_short,
            route_open=report.route_open,
            open_routes=tuple(report.open_routes),
            routes={x.route: x.status for x in report.routes},
            decisive=tuple(report.decisive),
            needed=tuple(report.needed),
            blocking_gatekeepers=tuple(report.blocking_gatekeepers),
        )


@dataclass(frozen=True)
class Broker:
    actor: str
    removal_effect: float | None
    frustrated_ties: float
    positive_betweenness: float


@dataclass(frozen=True)
class Snapshot:
    """What the analyses say about one System."""

    actors: int
    ties: int
    frustration_index: float
    optimal: bool
    blocs: tuple[tuple[str, ...], ...]
    frustrated_ties: tuple[tuple[str, str], ...]
    brokers: tuple[Broker, ...]
    power: dict[str, dict[str, dict[str, float]]]
    motions: dict[str, MotionOutcome]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the fields, blocs and frustrated ties as lists."""
        return json_data(asdict(self))


@dataclass
class SystemDiff:
    """The before/after of a scenario, and the edits that made the difference."""

    name: str
    before: Snapshot
    after: Snapshot
    edits: dict[str, list[Any]] = field(default_factory=dict)
    description: str | None = None

    # --- derived comparisons ---------------------------------------------------------------
    @property
    def frustration_change(self) -> float:
        return self.after.frustration_index - self.before.frustration_index

    def tie_changes(self) -> dict[str, list[tuple[str, str]]]:
        """Frustrated ties that appear or disappear."""
        b, a = set(self.before.frustrated_ties), set(self.after.frustrated_ties)
        return {"newly_frustrated": sorted(a - b), "no_longer_frustrated": sorted(b - a)}

    def bloc_moves(self) -> list[tuple[str, str, str]]:
        """Actors whose bloc-mates changed: (actor, before-bloc label, after-bloc label)."""
        return _bloc_moves(self.before.blocs, self.after.blocs)

    def motion_changes(self) -> dict[str, dict[str, Any]]:
        out = {}
        for mid in sorted(set(self.before.motions) | set(self.after.motions)):
            b = self.before.motions.get(mid)
            a = self.after.motions.get(mid)
            out[mid] = {
                "before": None if b is None else b.to_dict(),
                "after": None if a is None else a.to_dict(),
                "outcome_changed": (b is None) != (a is None)
                or (b is not None and a is not None and b.passes != a.passes),
            }
        return out

    def power_changes(self, tol: float = 1e-9) -> dict[str, list[dict[str, Any]]]:
        """Per chamber/rule: actors whose normalised Banzhaf or Shapley-Shubik index moved."""
        out: dict[str, list[dict[str, Any]]] = {}
        for key in sorted(set(self.before.power) | set(self.after.power)):
            b = self.before.power.get(key, {})
            a = self.after.power.get(key, {})
            rows = []
            for actor in sorted(set(b) | set(a)):
                vb, va = b.get(actor, {}), a.get(actor, {})
                row = {"actor": actor}
                moved = False
                for idx in sorted(set(vb) | set(va)):
                    x, y = vb.get(idx, 0.0), va.get(idx, 0.0)
                    row[idx] = {"before": x, "after": y, "change": y - x}
                    moved |= abs(y - x) > tol
                if moved:
                    rows.append(row)
            out[key] = rows
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, with the stable keys of docs/results.md: ``scenario``,
        ``description``, ``edits``, ``before`` and ``after`` (snapshots) and ``changes``
        (``frustration_index``, ``frustrated_ties``, ``bloc_moves``, ``motions``,
        ``power``). What ``factions scenario --json`` prints, the report's scenario section
        and ``POST /api/scenario``'s ``diff``."""
        return {
            "scenario": self.name,
            "description": self.description,
            "edits": json_data(self.edits),
            "before": self.before.to_dict(),
            "after": self.after.to_dict(),
            "changes": {
                "frustration_index": self.frustration_change,
                "frustrated_ties": {k: [list(t) for t in v] for k, v in self.tie_changes().items()},
                "bloc_moves": [
                    {"actor": x, "before": b, "after": a} for x, b, a in self.bloc_moves()
                ],
                "motions": self.motion_changes(),
                "power": self.power_changes(),
            },
        }


def _bloc_moves(
    before: tuple[tuple[str, ...], ...], after: tuple[tuple[str, ...], ...]
) -> list[tuple[str, str, str]]:
    """Actors whose set of bloc-mates changed (labels are ``bloc k`` in each snapshot)."""

    def mates(blocs: tuple[tuple[str, ...], ...]) -> dict[str, tuple[int, frozenset[str]]]:
        return {x: (k, frozenset(b) - {x}) for k, b in enumerate(blocs) for x in b}

    mb, ma = mates(before), mates(after)
    out = []
    for x in sorted(set(mb) | set(ma)):
        kb = mb.get(x)
        ka = ma.get(x)
        if kb is None or ka is None or kb[1] != ka[1]:
            out.append(
                (
                    x,
                    "absent" if kb is None else f"bloc {kb[0] + 1}",
                    "absent" if ka is None else f"bloc {ka[0] + 1}",
                )
            )
    return out


# --------------------------------------------------------------------------- analyses


def _motions(system: System) -> dict[str, MotionOutcome]:
    return {m.id: MotionOutcome.of(motion_report(system, m.id)) for m in system.motions}


def snapshot(system: System, *, time_limit: float | None = 30.0) -> Snapshot:
    """Run every analysis on ``system`` (see the module docstring).

    Parameters
    ----------
    system : System
    time_limit : float or None
        Seconds per exact frustration solve.

    Returns
    -------
    Snapshot
    """
    from factions.analysis import as_signed_graph, brokers

    g = system.to_networkx(include_isolates=False)
    sg = as_signed_graph(g, weight=None)
    if sg.m:
        rep = brokers(sg, time_limit=time_limit, tie_flips=False)
        fr = rep.frustration
        blocs = tuple(
            tuple(sorted(map(str, b)))
            for b in sorted(fr.partition, key=lambda b: (-len(b), sorted(map(str, b))))
            if b
        )
        top = tuple(
            Broker(
                actor=str(x.actor),
                removal_effect=x.removal_effect,
                frustrated_ties=x.frustrated_ties,
                positive_betweenness=round(x.positive_betweenness, 6),
            )
            for x in rep.actors[:BROKERS_SHOWN]
        )
        index, optimal = float(fr.frustration_index), fr.optimal
        frustrated = tuple(sorted(tuple(sorted(map(str, e))) for e in fr.frustrated_edges))
    else:
        blocs, top, index, optimal, frustrated = (), (), 0.0, True, ()
    return Snapshot(
        actors=len(system.actors),
        ties=len(system.relations),
        frustration_index=index,
        optimal=optimal,
        blocs=blocs,
        frustrated_ties=frustrated,
        brokers=top,
        power=chamber_power(system),
        motions=_motions(system),
    )


def structural_edits(before: System, after: System) -> dict[str, list[Any]]:
    """What changed between two systems: actors, ties, seats, motion stances, gatekeepers."""
    edits: dict[str, list[Any]] = {}
    ba, aa = set(before.actor_ids), set(after.actor_ids)
    edits["actors_added"] = sorted(aa - ba)
    edits["actors_removed"] = sorted(ba - aa)
    rb = {r.pair: r.sign for r in before.relations}
    ra = {r.pair: r.sign for r in after.relations}
    edits["ties_added"] = [
        f"{a}-{b} {'+' if ra[(a, b)] > 0 else '-'}" for a, b in sorted(set(ra) - set(rb))
    ]
    edits["ties_removed"] = [f"{a}-{b}" for a, b in sorted(set(rb) - set(ra))]
    edits["ties_flipped"] = [
        f"{a}-{b} {rb[(a, b)]:+d}->{ra[(a, b)]:+d}"
        for a, b in sorted(set(ra) & set(rb))
        if ra[(a, b)] != rb[(a, b)]
    ]
    seats = []
    for c in after.chambers:
        old = {}
        try:
            old = before.chamber(c.id).seat_map()
        except KeyError:
            pass
        new = c.seat_map()
        for x in sorted(set(old) | set(new)):
            if old.get(x, 0) != new.get(x, 0):
                seats.append(f"{c.id}:{x} {old.get(x, 0)}->{new.get(x, 0)}")
    edits["seats"] = seats
    stances = []
    gates = []
    for m in after.motions:
        try:
            mb = before.motion(m.id)
        except KeyError:
            continue
        sb = {**{x: "for" for x in mb.supporters}, **{x: "against" for x in mb.opponents}}
        sa = {**{x: "for" for x in m.supporters}, **{x: "against" for x in m.opponents}}
        for x in sorted(set(sb) | set(sa)):
            if x in aa and sb.get(x, "abstain") != sa.get(x, "abstain"):
                stances.append(f"{m.id}:{x} {sb.get(x, 'abstain')}->{sa.get(x, 'abstain')}")
        gb = {(r.id, g.actor): g.stance for r in mb.routes for g in r.gatekeepers}
        ga = {(r.id, g.actor): g.stance for r in m.routes for g in r.gatekeepers}
        for k in sorted(set(gb) & set(ga)):
            if gb[k] != ga[k]:
                gates.append(f"{m.id}/{k[0]}:{k[1]} {gb[k]}->{ga[k]}")
    edits["stances"] = stances
    edits["gatekeepers"] = gates
    return {k: v for k, v in edits.items() if v}


def diff_systems(
    before: System,
    after: System,
    *,
    name: str = "scenario",
    description: str | None = None,
    time_limit: float | None = 30.0,
) -> SystemDiff:
    """Snapshot both systems and compare them.

    Parameters
    ----------
    before, after : System
        The system before and after a scenario.
    name : str
        The scenario's name.
    description : str or None
        What the scenario does.
    time_limit : float or None
        Seconds per exact frustration solve.

    Returns
    -------
    SystemDiff
        With ``to_dict()`` (docs/results.md).
    """
    return SystemDiff(
        name=name,
        description=description,
        before=snapshot(before, time_limit=time_limit),
        after=snapshot(after, time_limit=time_limit),
        edits=structural_edits(before, after),
    )
