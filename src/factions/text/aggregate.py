"""Corpus-level aggregation: many documents' findings -> one System."""

from __future__ import annotations

from collections.abc import Iterable

from factions.model import Actor, ActorKind, Relation, System, aggregate_relations, normalise_alias
from factions.text.pipeline import DocumentResult

__all__ = ["aggregate"]


class _ActorIndex:
    """Actors seen so far, found again by id, by any name or alias, or (persons) surname."""

    def __init__(self) -> None:
        self.actors: dict[str, Actor] = {}
        self.by_name: dict[str, set[str]] = {}
        self.by_surname: dict[str, set[str]] = {}
        self.by_external: dict[str, str] = {}

    def resolve(self, a: Actor) -> str | None:
        if a.external_id:
            if a.external_id in self.by_external:
                return self.by_external[a.external_id]
            mine = self.actors.get(a.id)
            if mine is not None and mine.external_id and mine.external_id != a.external_id:
                return None  # the same slug, another actor (two parties of one name)
            hits = set()
            for n in (a.name, *a.aliases):
                hits |= self.by_name.get(normalise_alias(n), set())
            hits = {h for h in hits if not self.actors[h].external_id}
            if a.id in self.actors and not self.actors[a.id].external_id:
                return a.id
            return next(iter(hits)) if len(hits) == 1 else None
        if a.id in self.actors:
            return a.id
        hits: set[str] = set()
        for n in (a.name, *a.aliases):
            hits |= self.by_name.get(normalise_alias(n), set())
        if len(hits) == 1:
            return next(iter(hits))
        if not hits and a.kind == ActorKind.PERSON:
            words = normalise_alias(a.name).split()
            if len(words) == 1:
                cands = self.by_surname.get(words[0], set())
                if len(cands) == 1:
                    return next(iter(cands))
            elif words:
                cands = self.by_surname.get(words[-1], set())
                single = [
                    c for c in cands if len(normalise_alias(self.actors[c].name).split()) == 1
                ]
                if len(cands) == 1 and single:
                    return single[0]
        return None

    def free_id(self, aid: str) -> str:
        """``aid``, or ``aid-2``, ``aid-3``... when an actor already has it."""
        n, out = 2, aid
        while out in self.actors:
            out = f"{aid}-{n}"
            n += 1
        return out

    def add(self, target: str, a: Actor) -> None:
        if target in self.actors:
            mine = self.actors[target]
            merged = Actor(id=mine.id, name=mine.name, aliases=(*mine.aliases, a.name, *a.aliases))
            name = mine.name
            kind = mine.kind
            if a.external_id and not mine.external_id:
                name, kind = a.name, a.kind  # the reference name and kind win
            # a fuller person name replaces a bare surname as the display name
            elif a.kind == ActorKind.PERSON and len(a.name.split()) > len(mine.name.split()):
                name = a.name
            self.actors[target] = mine.model_copy(
                update={
                    "name": name,
                    "kind": kind,
                    "external_id": mine.external_id or a.external_id,
                    "aliases": tuple(
                        x for x in merged.aliases if normalise_alias(x) != normalise_alias(name)
                    ),
                }
            )
        else:
            self.actors[target] = a
        if a.external_id:
            self.by_external.setdefault(a.external_id, target)
        for n in (a.name, *a.aliases):
            self.by_name.setdefault(normalise_alias(n), set()).add(target)
        if a.kind == ActorKind.PERSON:
            words = normalise_alias(a.name).split()
            if words:
                self.by_surname.setdefault(words[-1], set()).add(target)


def aggregate(results: Iterable[DocumentResult], name: str = "corpus") -> System:
    """Merge per-document results into one System.

    An actor of a later document is the same actor as an earlier one when it has the same
    external id (``partyfacts:5619``: however each document named it), the same id, shares
    a name or alias with exactly one of them, or (persons) its single-word name is the
    surname of exactly one of them. Two actors with one id but different external ids stay
    apart (the later one's id is suffixed). Aliases are unioned. Relations of one pair are
    merged with :func:`factions.model.merge_relations` (confidence-weighted sign, latest
    evidence breaking ties, evidence unioned); affiliations are unioned. Cost: O(findings).
    """
    index = _ActorIndex()
    relations: list[Relation] = []
    affiliations = {}
    sources = []
    for r in results:
        remap: dict[str, str] = {}
        for am in r.actors:
            a = am.actor
            target = index.resolve(a)
            if target is None or target not in index.actors:
                target = a.id
                mine = index.actors.get(a.id)
                if mine is not None and mine.external_id != a.external_id:
                    target = index.free_id(a.id)
            remap[a.id] = target
            index.add(target, a if target == a.id else a.model_copy(update={"id": target}))
        for rel in r.relations:
            a, b = remap.get(rel.a, rel.a), remap.get(rel.b, rel.b)
            if a == b:
                continue
            relations.append(
                rel
                if (a, b) == (rel.a, rel.b)
                else rel.model_copy(update={"a": min(a, b), "b": max(a, b)})
            )
        for f in r.affiliations:
            m, g = remap.get(f.member, f.member), remap.get(f.group, f.group)
            if m != g:
                f2 = (
                    f
                    if (m, g) == (f.member, f.group)
                    else f.model_copy(update={"member": m, "group": g})
                )
                affiliations.setdefault((m, g, f.role), f2)
        if r.document is not None and r.document.source:
            sources.append(r.document.source)
    return System(
        name=name,
        actors=tuple(index.actors.values()),
        relations=aggregate_relations(relations),
        affiliations=tuple(affiliations.values()),
        sources=tuple(dict.fromkeys(sources)),
    )
