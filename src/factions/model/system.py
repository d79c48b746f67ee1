"""The System: actors, relations, affiliations, institutions and issues in one object.

A System is the hub of factions: extraction produces one, the system file stores one, and
every analysis, scenario and report reads one. It is immutable; methods that change it
return a new System.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import Field, ValidationInfo, model_validator

from factions.model.actors import Actor, normalise_alias
from factions.model.affiliations import Affiliation
from factions.model.base import ModelBase, PartialDate, span_holds
from factions.model.fusion import merge_relations
from factions.model.institutions import Chamber, Motion
from factions.model.issues import Issue
from factions.model.relations import Evidence, Relation, pair_key

__all__ = [
    "Loc",
    "System",
    "aggregate_relations",
    "format_loc",
    "reference_problems",
]

if TYPE_CHECKING:
    import networkx as nx
    import pandas as pd

Loc = tuple[str | int, ...]


class System(ModelBase):
    """A political system: who the actors are, how they relate, and how they decide."""

    name: str = "system"
    description: str | None = None
    date: PartialDate | None = None
    actors: tuple[Actor, ...] = ()
    relations: tuple[Relation, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    chambers: tuple[Chamber, ...] = ()
    motions: tuple[Motion, ...] = ()
    issues: tuple[Issue, ...] = ()
    sources: tuple[str, ...] = ()
    notes: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _references(self, info: ValidationInfo) -> System:
        if info.context and info.context.get("defer_references"):
            return self
        problems = reference_problems(self)
        if problems:
            loc, msg = problems[0]
            more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
            raise ValueError(f"{format_loc(loc)}: {msg}{more}")
        return self

    # --- look-ups -----------------------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (``KeyError`` naming it when absent)."""
        for a in self.actors:
            if a.id == actor_id:
                return a
        raise KeyError(f"unknown actor {actor_id!r}")

    @property
    def actor_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.actors)

    def find_actor(self, name: str) -> Actor | None:
        """The actor whose id, name or alias matches ``name`` (normalised), if any."""
        key = normalise_alias(name)
        for a in self.actors:
            if a.id == name or a.matches(name):
                return a
        for a in self.actors:
            if normalise_alias(a.id.replace("_", " ")) == key:
                return a
        return None

    def relation(self, a: str, b: str) -> Relation | None:
        key = pair_key(a, b)
        for r in self.relations:
            if r.pair == key:
                return r
        return None

    def relations_of(self, actor_id: str) -> list[Relation]:
        return [r for r in self.relations if actor_id in r.pair]

    def chamber(self, chamber_id: str) -> Chamber:
        for c in self.chambers:
            if c.id == chamber_id:
                return c
        raise KeyError(f"unknown chamber {chamber_id!r}")

    def motion(self, motion_id: str) -> Motion:
        for m in self.motions:
            if m.id == motion_id:
                return m
        raise KeyError(f"unknown motion {motion_id!r}")

    def issue(self, issue_id: str) -> Issue:
        for i in self.issues:
            if i.id == issue_id:
                return i
        raise KeyError(f"unknown issue {issue_id!r}")

    def groups_of(self, member: str) -> list[Affiliation]:
        return [f for f in self.affiliations if f.member == member]

    def members_of(self, group: str) -> list[Affiliation]:
        return [f for f in self.affiliations if f.group == group]

    # --- deriving new systems -----------------------------------------------------------
    def with_relations(self, relations: Iterable[Relation]) -> System:
        """A copy whose relations are ``relations`` (repeated pairs are merged)."""
        return self.model_copy(update={"relations": aggregate_relations(relations)}).validated()

    def validated(self) -> System:
        """Re-run validation (``model_copy`` does not), returning an equal, checked System."""
        return System.model_validate(self.model_dump())

    def merge(self, other: System) -> System:
        """Union of two systems.

        Actors with the same id, or the same ``external_id`` (``iso3:IRQ``,
        ``partyfacts:5619``), are merged (aliases, attributes and sources unioned; the first
        system's id, name and kind win; the other's relations and affiliations follow the
        merged actor's id). Two actors with the same id but different external ids stay
        apart: the second gets a suffixed id. Relations of the same pair are aggregated with
        :func:`factions.model.fusion.merge_relations`. Affiliations are unioned by
        (member, group, role). Chambers, motions and issues are unioned by id; the same id
        in both must be identical.
        """
        actors: dict[str, Actor] = {a.id: a for a in self.actors}
        by_ext = {a.external_id: a.id for a in self.actors if a.external_id}
        taken = {a.id for a in other.actors} | set(actors)
        remap: dict[str, str] = {}
        for a in other.actors:
            target = by_ext.get(a.external_id) if a.external_id else None
            if target is None:
                target = a.id
                mine_ext = actors[target].external_id if target in actors else None
                if mine_ext and a.external_id and mine_ext != a.external_id:
                    n = 2
                    while f"{a.id}-{n}" in taken:
                        n += 1
                    target = f"{a.id}-{n}"  # the same id, another actor
                    taken.add(target)
            remap[a.id] = target
            if target in actors:
                mine = actors[target]
                actors[target] = mine.model_copy(
                    update={
                        "aliases": Actor(
                            id=mine.id, name=mine.name, aliases=(*mine.aliases, a.name, *a.aliases)
                        ).aliases,
                        "attributes": {**a.attributes, **mine.attributes},
                        "sources": tuple(dict.fromkeys((*mine.sources, *a.sources))),
                        "external_id": mine.external_id or a.external_id,
                    }
                )
            else:
                actors[target] = a if target == a.id else a.model_copy(update={"id": target})
            if a.external_id:
                by_ext.setdefault(a.external_id, target)
        if any(k != v for k, v in remap.items()):
            other = other.renamed(remap)
        affs = list(dict.fromkeys((*self.affiliations, *other.affiliations)))
        return System(
            name=self.name,
            description=self.description,
            date=max(filter(None, [self.date, other.date]), default=None),
            actors=tuple(actors.values()),
            relations=aggregate_relations((*self.relations, *other.relations)),
            affiliations=tuple(affs),
            chambers=_union_by_id(self.chambers, other.chambers, "chamber"),
            motions=_union_by_id(self.motions, other.motions, "motion"),
            issues=_union_by_id(self.issues, other.issues, "issue"),
            sources=tuple(dict.fromkeys((*self.sources, *other.sources))),
            notes={**other.notes, **self.notes},
        )

    def renamed(self, ids: dict[str, str]) -> System:
        """A copy whose actors, relations, affiliations, seats, motions and positions use
        the ids ``ids`` maps to (ids it does not name are kept). Two actors renamed to one id
        become one (the first kept); their relations are aggregated."""
        from factions.model.io import system_to_data

        def r(x: str | None) -> str | None:
            return ids.get(x, x) if x is not None else None

        data = system_to_data(self)
        seen: set[str] = set()
        actors = []
        for a in data.get("actors", []):
            a["id"] = r(a["id"])
            if a["id"] not in seen:
                seen.add(a["id"])
                actors.append(a)
        data["actors"] = actors
        rels = []
        for rel in data.get("relations", []):
            rel["a"], rel["b"] = r(rel["a"]), r(rel["b"])
            if rel["a"] != rel["b"]:
                if rel["a"] > rel["b"]:
                    rel["a"], rel["b"] = rel["b"], rel["a"]
                rels.append(rel)
        data["relations"] = []
        affs = []
        for f in data.get("affiliations", []):
            f["member"], f["group"] = r(f["member"]), r(f["group"])
            if f["member"] != f["group"] and f not in affs:
                affs.append(f)
        data["affiliations"] = affs
        for c in data.get("chambers", []):
            for h in c.get("seats", []):
                h["actor"] = r(h["actor"])
            for rule in c.get("rules", []):
                if "veto_players" in rule:
                    rule["veto_players"] = [r(v) for v in rule["veto_players"]]
        for m in data.get("motions", []):
            if "target" in m:
                m["target"] = r(m["target"])
            for k in ("supporters", "opponents"):
                if k in m:
                    m[k] = [r(v) for v in m[k]]
            for route in m.get("routes", []):
                for g in route.get("gatekeepers", []):
                    g["actor"] = r(g["actor"])
        for issue in data.get("issues", []):
            for p in issue.get("positions", []):
                p["actor"] = r(p["actor"])
        system = System.model_validate(data)
        relations = [Relation.model_validate(x) for x in rels]
        return system.model_copy(update={"relations": aggregate_relations(relations)})

    def at(self, date: str) -> System:
        """The system as it stands at ``date``: relations and affiliations whose span holds."""
        rels = tuple(r for r in self.relations if r.holds_at(date))
        affs = tuple(f for f in self.affiliations if span_holds(f.start, f.end, date))
        return self.model_copy(update={"relations": rels, "affiliations": affs, "date": date})

    # --- exports ------------------------------------------------------------------------
    def to_networkx(self, *, include_isolates: bool = True) -> nx.Graph:
        """A NetworkX graph: one node per actor, one edge per relation.

        Node attributes: ``name``, ``kind`` and every scalar actor attribute. Edge attributes:
        ``sign`` (+1/-1), ``weight`` (strength), ``kind``, ``confidence`` and
        ``evidence_count``. Graph attributes: ``name`` and ``date``.
        """
        import networkx as nx

        g = nx.Graph(name=self.name, date=self.date)
        linked = {x for r in self.relations for x in r.pair}
        for a in self.actors:
            if include_isolates or a.id in linked:
                scalars = {
                    k: v for k, v in a.attributes.items() if isinstance(v, str | int | float | bool)
                }
                g.add_node(a.id, **scalars, name=a.name, kind=str(a.kind))
        for r in self.relations:
            g.add_edge(
                r.a,
                r.b,
                sign=r.sign,
                weight=r.strength,
                kind=r.kind,
                confidence=r.confidence,
                evidence_count=len(r.evidence),
            )
        return g

    def to_pandas(self) -> dict[str, pd.DataFrame]:
        """Tables for pandas: ``actors``, ``relations``, ``evidence``, ``affiliations``, ``seats``.

        ``evidence`` has one row per (relation, evidence) with the pair as columns ``a`` and
        ``b``, so ``relations.merge(evidence, on=["a", "b"])`` joins them.
        """
        import pandas as pd

        actors = pd.DataFrame(
            [
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": str(a.kind),
                    "aliases": list(a.aliases),
                    **a.attributes,
                }
                for a in self.actors
            ],
            columns=None if self.actors else ["id", "name", "kind", "aliases"],
        )
        rel_cols = [
            "a",
            "b",
            "sign",
            "kind",
            "strength",
            "confidence",
            "start",
            "end",
            "evidence_count",
        ]
        relations = pd.DataFrame(
            [
                {**r.model_dump(include=set(rel_cols)), "evidence_count": len(r.evidence)}
                for r in self.relations
            ],
            columns=rel_cols,
        )
        ev_cols = ["a", "b", *Evidence.model_fields]  # doc_id ... source, rule
        evidence = pd.DataFrame(
            [{"a": r.a, "b": r.b, **e.model_dump()} for r in self.relations for e in r.evidence],
            columns=ev_cols,
        )
        affiliations = pd.DataFrame(
            [
                {
                    "member": f.member,
                    "group": f.group,
                    "role": f.role,
                    "start": f.start,
                    "end": f.end,
                }
                for f in self.affiliations
            ],
            columns=["member", "group", "role", "start", "end"],
        )
        seats = pd.DataFrame(
            [
                {"chamber": c.id, "actor": h.actor, "seats": h.seats, "low": h.low, "high": h.high}
                for c in self.chambers
                for h in c.seats
            ],
            columns=["chamber", "actor", "seats", "low", "high"],
        )
        return {
            "actors": actors,
            "relations": relations,
            "evidence": evidence,
            "affiliations": affiliations,
            "seats": seats,
        }


def aggregate_relations(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    """One relation per unordered pair, merging repeated findings (first-seen order kept).

    Parameters
    ----------
    relations : iterable of Relation

    Returns
    -------
    tuple of Relation
        Repeated pairs fused by :func:`factions.model.fusion.merge_relations`.
    """
    groups: dict[tuple[str, str], list[Relation]] = defaultdict(list)
    for r in relations:
        groups[r.pair].append(r)
    return tuple(g[0] if len(g) == 1 else merge_relations(g) for g in groups.values())


def _union_by_id(mine: tuple, theirs: tuple, what: str) -> tuple:
    out = {x.id: x for x in mine}
    for x in theirs:
        if x.id in out and out[x.id] != x:
            raise ValueError(f"cannot merge: two different {what}s have the id {x.id!r}")
        out.setdefault(x.id, x)
    return tuple(out.values())


def format_loc(loc: Loc) -> str:
    """``("relations", 3, "b")`` -> ``relations[3].b``.

    Parameters
    ----------
    loc : tuple of str and int

    Returns
    -------
    str
    """
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def reference_problems(system: System) -> list[tuple[Loc, str]]:
    """Every broken reference or duplicate in a system, with where it is.

    Checks: unique actor ids; relations, affiliations, seats, veto players, gatekeepers,
    motion parties and issue positions name known actors; at most one relation per pair;
    motions name a known chamber and one of its rules; unique chamber, motion, issue ids.

    Parameters
    ----------
    system : System

    Returns
    -------
    list of (location, message)
    """
    problems: list[tuple[Loc, str]] = []
    known: set[str] = set()
    for i, a in enumerate(system.actors):
        if a.id in known:
            problems.append((("actors", i, "id"), f"duplicate actor id {a.id!r}"))
        known.add(a.id)

    def need(loc: Loc, actor_id: str | None) -> None:
        if actor_id is not None and actor_id not in known:
            problems.append(
                (loc, f"unknown actor {actor_id!r} (expected the id of an actor in 'actors')")
            )

    pairs: dict[tuple[str, str], int] = {}
    for i, r in enumerate(system.relations):
        need(("relations", i, "a"), r.a)
        need(("relations", i, "b"), r.b)
        if r.pair in pairs:
            problems.append(
                (
                    ("relations", i),
                    f"second relation for the pair {r.a}-{r.b} (first is relations[{pairs[r.pair]}]); "
                    "keep one relation per pair",
                )
            )
        pairs.setdefault(r.pair, i)
    for i, f in enumerate(system.affiliations):
        need(("affiliations", i, "member"), f.member)
        need(("affiliations", i, "group"), f.group)
    chambers: dict[str, Chamber] = {}
    for i, c in enumerate(system.chambers):
        if c.id in chambers:
            problems.append((("chambers", i, "id"), f"duplicate chamber id {c.id!r}"))
        chambers[c.id] = c
        for j, h in enumerate(c.seats):
            need(("chambers", i, "seats", j, "actor"), h.actor)
        for j, rule in enumerate(c.rules):
            for k, v in enumerate(rule.veto_players):
                need(("chambers", i, "rules", j, "veto_players", k), v)
    seen_m: set[str] = set()
    for i, m in enumerate(system.motions):
        if m.id in seen_m:
            problems.append((("motions", i, "id"), f"duplicate motion id {m.id!r}"))
        seen_m.add(m.id)
        if m.chamber not in chambers:
            problems.append((("motions", i, "chamber"), f"unknown chamber {m.chamber!r}"))
        elif m.rule not in {r.id for r in chambers[m.chamber].rules}:
            problems.append(
                (("motions", i, "rule"), f"chamber {m.chamber!r} has no vote rule {m.rule!r}")
            )
        need(("motions", i, "target"), m.target)
        for k, s in enumerate(m.supporters):
            need(("motions", i, "supporters", k), s)
        for k, s in enumerate(m.opponents):
            need(("motions", i, "opponents", k), s)
        for j, route in enumerate(m.routes):
            for k, g in enumerate(route.gatekeepers):
                need(("motions", i, "routes", j, "gatekeepers", k, "actor"), g.actor)
    seen_i: set[str] = set()
    for i, issue in enumerate(system.issues):
        if issue.id in seen_i:
            problems.append((("issues", i, "id"), f"duplicate issue id {issue.id!r}"))
        seen_i.add(issue.id)
        for j, p in enumerate(issue.positions):
            need(("issues", i, "positions", j, "actor"), p.actor)
    return problems
