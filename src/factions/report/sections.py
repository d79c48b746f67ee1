"""What the report and the web UI show, as plain JSON-ready dicts computed from a System.

Each section is a dict with ``available`` (bool) and, when it is false, ``reason``: a plain
sentence saying which data the system lacks (no relations, no chambers, no motions...).
An analysis section is the analysis result's own ``to_dict()`` (the keys of
docs/results.md, the same that ``factions ... --json`` prints and the web API returns),
plus ``available``; what only the page needs (display names, seats per holder) sits under
``display``. An analysis that raises is an error, raised with its message: a bug never
shows as a missing section.

Complexity: dominated by the analyses called (the exact frustration index and the k-bloc
partition are NP-hard, solved exactly by HiGHS with a time limit); the rest is O(n + m + E)
for n actors, m relations and E evidence items.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

from factions.analysis.balance import balance_report
from factions.analysis.blocs import k_bloc_partition
from factions.analysis.brokers import brokers
from factions.analysis.motions import chamber_game, game_power, motion_report
from factions.model import System
from factions.store import build

__all__ = [
    "MAX_BLOCS",
    "POWER_INDICES",
    "TIME_LIMIT",
    "Section",
    "balance_section",
    "bloc_assignment",
    "blocs_section",
    "brokers_section",
    "collect",
    "edge_id",
    "evidence_section",
    "frustrated_ids",
    "motions_section",
    "network_section",
    "power_section",
    "seats_by_actor",
    "seats_section",
    "store_trajectories",
    "summary_section",
    "trajectories_section",
    "unavailable",
]

Section = dict[str, Any]

# Time limits (seconds) for the NP-hard analyses, so a report always finishes.
TIME_LIMIT = 10.0
MAX_BLOCS = 4


def unavailable(reason: str) -> Section:
    """A section the system has no data for, with the reason shown to the reader.

    Parameters
    ----------
    reason : str

    Returns
    -------
    Section
        ``available`` false and the ``reason``.
    """
    return {"available": False, "reason": reason}


def edge_id(a: str, b: str) -> str:
    """Stable id of the tie between ``a`` and ``b`` (sorted pair joined by ``|``).

    Parameters
    ----------
    a, b : str

    Returns
    -------
    str
    """
    x, y = sorted((a, b))
    return f"{x}|{y}"


# --------------------------------------------------------------------------- seats


def seats_by_actor(system: System) -> dict[str, int]:
    """Seats each actor holds, summed over chambers (0 when it holds none).

    Parameters
    ----------
    system : System
        Whose chambers to sum.

    Returns
    -------
    dict of str to int
    """
    total: Counter[str] = Counter()
    for c in system.chambers:
        for h in c.seats:
            total[h.actor] += h.seats
    return dict(total)


# --------------------------------------------------------------------------- analyses


def _unit_weights(graph: Any) -> Any:
    """The graph with every tie weighing 1 (the report counts ties, as ``--unweighted``)."""
    for _, _, d in graph.edges(data=True):
        d["weight"] = 1.0
    return graph


def balance_section(system: System) -> Section:
    """:meth:`BalanceReport.to_dict` of the system's ties, unweighted (``factions balance
    --unweighted --json``).

    Parameters
    ----------
    system : System
        Whose ties to measure.

    Returns
    -------
    Section
        ``available`` and the keys of :meth:`BalanceReport.to_dict`.
    """
    if not system.relations:
        return unavailable("not available: the system has no relations")
    rep = balance_report(_unit_weights(system.to_networkx()), time_limit=TIME_LIMIT)
    return {"available": True, **rep.to_dict()}


def blocs_section(system: System) -> Section:
    """:meth:`BlocPartition.to_dict` of the best partition into at most ``MAX_BLOCS`` blocs
    (Doreian & Mrvar 1996 error).

    Parameters
    ----------
    system : System
        Whose ties to split into blocs.

    Returns
    -------
    Section
        ``available`` and the keys of :meth:`BlocPartition.to_dict`.
    """
    if not system.relations:
        return unavailable("not available: the system has no relations")
    g = system.to_networkx(include_isolates=False)
    part = k_bloc_partition(g, k=min(MAX_BLOCS, g.number_of_nodes()), time_limit=TIME_LIMIT)
    return {"available": True, **part.to_dict()}


def brokers_section(system: System) -> Section:
    """:meth:`BrokerReport.to_dict` of the system's ties, unweighted, without tie flips
    (``factions brokers --unweighted --json`` less its ``tie_flips``); actors ranked by how
    much their exit would lower frustration. ``display.isolates`` lists the actors without
    ties, which the page leaves out.

    Parameters
    ----------
    system : System
        Whose brokers to rank.

    Returns
    -------
    Section
        ``available``, the keys of :meth:`BrokerReport.to_dict` and ``display``.
    """
    if not system.relations:
        return unavailable("not available: the system has no relations")
    rep = brokers(_unit_weights(system.to_networkx()), time_limit=TIME_LIMIT, tie_flips=False)
    tied = {x for r in system.relations for x in r.pair}
    display = {
        "names": {a.id: a.name for a in system.actors},
        "isolates": [a.id for a in system.actors if a.id not in tied],
    }
    return {"available": True, **rep.to_dict(), "display": display}


# --------------------------------------------------------------------------- network


def bloc_assignment(blocs: Section | None) -> dict[str, int]:
    """Actor -> bloc number (1..k) from a blocs section; empty when it is not available.

    Parameters
    ----------
    blocs : dict or None
        A blocs section.

    Returns
    -------
    dict of str to int
    """
    if not blocs or not blocs.get("available"):
        return {}
    return {x: i + 1 for i, b in enumerate(blocs["blocs"]) for x in b}


def frustrated_ids(balance: Section | None) -> set[str]:
    """Edge ids (:func:`edge_id`) of the frustrated ties of a balance section.

    Parameters
    ----------
    balance : dict or None
        A balance section.

    Returns
    -------
    set of str
    """
    if not balance or not balance.get("available"):
        return set()
    return {edge_id(a, b) for a, b in balance["frustrated_edges"]}


def network_section(
    system: System, balance: Section | None = None, blocs: Section | None = None
) -> Section:
    """Cytoscape.js elements: actors with bloc, seats and size; ties with sign and evidence.

    Parameters
    ----------
    system : System
        Whose actors and ties to draw.
    balance, blocs : dict or None
        Sections whose frustrated ties and blocs to mark.

    Returns
    -------
    Section
        Cytoscape.js ``nodes`` and ``edges``, with ``size_by`` and what is known.
    """
    seats = seats_by_actor(system)
    degree: Counter[str] = Counter()
    for r in system.relations:
        degree[r.a] += 1
        degree[r.b] += 1
    assignment = bloc_assignment(blocs)
    frustrated = frustrated_ids(balance)
    size_by = "seats" if any(seats.values()) else "degree"
    scale = max((seats if size_by == "seats" else degree).values(), default=0) or 1
    nodes = []
    for a in system.actors:
        value = seats.get(a.id, 0) if size_by == "seats" else degree.get(a.id, 0)
        nodes.append(
            {
                "data": {
                    "id": a.id,
                    "name": a.name,
                    "kind": str(a.kind),
                    "external_id": a.external_id or "",
                    "aliases": list(a.aliases[:8]),
                    "bloc": assignment.get(a.id, 0),
                    "seats": seats.get(a.id, 0),
                    "degree": degree.get(a.id, 0),
                    "size": round(24 + 40 * math.sqrt(value / scale), 2),
                }
            }
        )
    edges = []
    for r in system.relations:
        eid = edge_id(r.a, r.b)
        dates = sorted(e.date for e in r.evidence if e.date)
        edges.append(
            {
                "data": {
                    "id": eid,
                    "source": r.a,
                    "target": r.b,
                    "sign": r.sign,
                    "kind": r.kind,
                    "strength": r.strength,
                    "confidence": r.confidence,
                    "evidence_count": len(r.evidence),
                    "frustrated": eid in frustrated,
                    "start": _span(r, dates)[0],
                    "end": _span(r, dates)[1],
                }
            }
        )
    return {
        "available": True,
        "size_by": size_by,
        "blocs_known": bool(assignment),
        "frustrated_known": bool((balance or {}).get("available")),
        "nodes": nodes,
        "edges": edges,
    }


def _span(r: Any, dates: list[str]) -> tuple[str | None, str | None]:
    """The tie's time span: its own start/end when it has one (open ends stay open), else
    the range of its dated evidence, else fully open."""
    if r.start or r.end:
        return r.start, r.end
    return (dates[0], dates[-1]) if dates else (None, None)


# --------------------------------------------------------------------------- votes


def seats_section(system: System) -> Section:
    """Seats per chamber (from the system file) and the exact power indices of each rule.

    Parameters
    ----------
    system : System
        Whose chambers to show.

    Returns
    -------
    Section
        ``available`` and ``chambers`` (seats, rules, ``power``).
    """
    if not system.chambers:
        return unavailable("not available: the system has no chambers")
    chambers = []
    for c in system.chambers:
        rows = [
            {
                "actor": h.actor,
                "name": _name(system, h.actor),
                "seats": h.seats,
                "share": round(h.seats / c.size, 4),
                "range": f"{h.low if h.low is not None else h.seats}-{h.high if h.high is not None else h.seats}"
                if h.uncertain
                else None,
            }
            for h in c.seats
        ]
        chambers.append(
            {
                "id": c.id,
                "name": c.name,
                "size": c.size,
                "unallocated": c.unallocated,
                "rules": [
                    {
                        "id": r.id,
                        "name": r.name or r.id,
                        "threshold": r.threshold,
                        "needed": r.seats_needed(c.size),
                    }
                    for r in c.rules
                ],
                "seats": rows,
                "power": power_section(system, c.id),
            }
        )
    return {"available": True, "chambers": chambers}


POWER_INDICES = ("banzhaf_normalised", "shapley_shubik", "deegan_packel", "holler_pgi", "johnston")
"""The indices the report shows (Johnston only for single-criterion rules)."""


def power_section(system: System, chamber_id: str) -> Section:
    """Exact power indices of a chamber's seat holders under each of its vote rules.

    One table per rule: ``rule``, ``quotas``, ``criteria`` and :meth:`PowerIndices.to_dict`
    (``players``, exact ``indices``, ``floats``) of the rule's game
    (:func:`factions.analysis.motions.chamber_game`, the game ``factions power SYSTEM
    --chamber C --rule R`` scores). A rule no coalition can meet is listed in ``skipped``.

    Parameters
    ----------
    system : System
        The system holding the chamber.
    chamber_id : str

    Returns
    -------
    Section
        ``available``, ``tables`` (one per rule) and ``skipped``.
    """
    chamber = system.chamber(chamber_id)
    if not chamber.rules:
        return unavailable("not available: the chamber has no vote rule")
    if not any(h.seats > 0 for h in chamber.seats):
        return unavailable("not available: no actor holds seats")
    tables, skipped = [], []
    for rule in chamber.rules:
        game = chamber_game(system, chamber_id, rule.id)
        if not game.winnable:
            skipped.append(f"{rule.id}: fewer seats are held than the rule needs")
            continue
        wanted = [x for x in POWER_INDICES if not (game.is_vector and x == "johnston")]
        tables.append(
            {
                "rule": rule.id,
                "quotas": list(game.quotas),
                "criteria": list(game.criteria),
                "seats": list(game.seats),
                **game_power(game, wanted).to_dict(),
            }
        )
    if not tables:
        return unavailable("not available: " + "; ".join(skipped))
    return {"available": True, "tables": tables, "skipped": skipped}


def _name(system: System, actor_id: str) -> str:
    try:
        return system.actor(actor_id).name
    except KeyError:
        return actor_id


def motions_section(system: System) -> Section:
    """Each motion's verdict: :meth:`MotionReport.to_dict` of
    :func:`factions.analysis.motions.motion_report` (what ``factions vote --json`` prints),
    with the motion's display name, chamber, threshold and seats under ``display``.

    Parameters
    ----------
    system : System
        Whose motions to judge.

    Returns
    -------
    Section
        ``available`` and ``motions``: :meth:`MotionReport.to_dict` and ``display`` each.
    """
    if not system.motions:
        return unavailable("not available: the system has no motions")
    out = []
    for m in system.motions:
        report = motion_report(system, m.id)
        view = system.at(m.date) if m.date else system
        chamber = view.chamber(m.chamber)
        out.append(
            {
                **report.to_dict(),
                "display": {
                    "name": m.name or m.id,
                    "chamber_name": chamber.name,
                    "threshold": chamber.rule(m.rule).threshold,
                    "size": chamber.size,
                    "seats": chamber.seat_map(),
                    "names": {a.id: a.name for a in view.actors},
                },
            }
        )
    return {"available": True, "motions": out}


# --------------------------------------------------------------------------- evidence, time


def evidence_section(system: System) -> Section:
    """One row per (tie, evidence): the sentence, its document and date.

    Parameters
    ----------
    system : System
        Whose evidence to list.

    Returns
    -------
    Section
        ``available`` and ``rows``.
    """
    rows = []
    for r in system.relations:
        tie = {
            "tie": edge_id(r.a, r.b),
            "a": r.a,
            "b": r.b,
            "a_name": _name(system, r.a),
            "b_name": _name(system, r.b),
            "sign": r.sign,
            "kind": r.kind,
        }
        # one row per sentence (the Evidence's fields), or one for the cited sources
        rows += [{**tie, **e.model_dump()} for e in r.evidence]
        if not r.evidence and r.sources:
            cited = dict.fromkeys(("doc_id", "start", "end", "sentence", "quote", "date"))
            rows.append({**tie, **cited, "source": "; ".join(r.sources)})
    if not rows:
        return unavailable("not available: no relation in the system carries evidence or a source")
    return {"available": True, "rows": rows}


def trajectories_section(system: System) -> Section:
    """Relations with a time span (start/end, or dated evidence), for a timeline plot.

    Parameters
    ----------
    system : System
        Whose dated ties to place in time.

    Returns
    -------
    Section
        ``available`` and ``rows`` (tie, sign, span, evidence dates).
    """
    rows = []
    for r in system.relations:
        dates = sorted(e.date for e in r.evidence if e.date)
        start, end = _span(r, dates)
        if start or end:
            rows.append(
                {
                    "tie": edge_id(r.a, r.b),
                    "label": f"{_name(system, r.a)} - {_name(system, r.b)}",
                    "sign": r.sign,
                    "start": start,
                    "end": end,
                    "evidence_dates": dates,
                }
            )
    if not rows:
        return unavailable("not available: no relation has a time span or dated evidence")
    return {"available": True, "rows": rows}


def store_trajectories(db_path: Any, window: str = "quarter") -> Section:
    """Each tie window by window, from a corpus store (``factions.store.build``).

    One row per pair with, for every window in which the pair has evidence, its sign,
    strength and confidence as the store weighs them; ``flips`` lists sign changes.

    Parameters
    ----------
    db_path : str or Path
        The store's DuckDB file.
    window : {'month', 'quarter', 'year'}

    Returns
    -------
    Section
        ``available``, ``windows``, ``rows`` (a tie's points by window) and ``flips``.
    """
    built = build(db_path, window=window)
    labels = [bw.window.label if bw.window is not None else "all" for bw in built]
    rows: dict[str, dict[str, Any]] = {}
    for label, bw in zip(labels, built, strict=True):
        names = {a.id: a.name for a in bw.system.actors}
        for r in bw.system.relations:
            tie = edge_id(r.a, r.b)
            row = rows.setdefault(
                tie,
                {
                    "tie": tie,
                    "label": f"{names.get(r.a, r.a)} - {names.get(r.b, r.b)}",
                    "points": {},
                },
            )
            row["points"][label] = {
                "sign": r.sign,
                "strength": r.strength,
                "confidence": r.confidence,
            }
    if not rows:
        return unavailable("not available: the store has no dated relation")
    ordered = sorted(rows.values(), key=lambda x: (-len(x["points"]), x["label"]))
    flips = [
        {"window": label, **f}
        for label, bw in zip(labels, built, strict=True)
        for f in bw.flips
        if isinstance(f, dict)
    ]
    return {
        "available": True,
        "kind": "windows",
        "window": window,
        "windows": labels,
        "rows": ordered,
        "flips": flips,
    }


# --------------------------------------------------------------------------- everything


def summary_section(system: System) -> Section:
    """Name, date, description, sources and counts of actors, ties, evidence and the rest.

    Parameters
    ----------
    system : System
        The system to count.

    Returns
    -------
    Section
        ``available``, the name, date, description, sources and counts.
    """
    signs = Counter(r.sign for r in system.relations)
    return {
        "available": True,
        "name": system.name,
        "description": system.description,
        "date": system.date,
        "actors": len(system.actors),
        "relations": len(system.relations),
        "positive": signs.get(1, 0),
        "negative": signs.get(-1, 0),
        "evidence": sum(len(r.evidence) for r in system.relations),
        "affiliations": len(system.affiliations),
        "chambers": len(system.chambers),
        "motions": len(system.motions),
        "issues": len(system.issues),
        "sources": list(system.sources),
    }


def collect(system: System, *, trajectories: Section | None = None) -> dict[str, Section]:
    """Every section of the report for one System (no scenario).

    ``trajectories`` replaces the relation-span timeline (e.g. by :func:`store_trajectories`).

    Parameters
    ----------
    system : System
        The system to report on.
    trajectories : dict or None
        Replaces the relation-span timeline (e.g. :func:`store_trajectories`).

    Returns
    -------
    dict of str to Section
    """
    balance = balance_section(system)
    blocs = blocs_section(system)
    return {
        "summary": summary_section(system),
        "network": network_section(system, balance, blocs),
        "balance": balance,
        "blocs": blocs,
        "brokers": brokers_section(system),
        "seats": seats_section(system),
        "motions": motions_section(system),
        "evidence": evidence_section(system),
        "trajectories": trajectories if trajectories is not None else trajectories_section(system),
    }
