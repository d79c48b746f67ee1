"""Corpus-level aggregation: many documents' findings -> one System."""

from __future__ import annotations

from collections.abc import Iterable

from factions.model import Actor, System, aggregate_relations
from factions.text.pipeline import DocumentResult


def aggregate(results: Iterable[DocumentResult], name: str = "corpus") -> System:
    """Merge per-document results into one System.

    Actors with the same id are one actor (aliases unioned, first name and kind kept);
    relations of one pair are merged with :func:`factions.model.merge_relations`
    (confidence-weighted sign, latest evidence breaking ties, evidence unioned);
    affiliations are unioned. Cost: O(total findings).
    """
    actors: dict[str, Actor] = {}
    relations = []
    affiliations = {}
    sources = []
    for r in results:
        for am in r.actors:
            a = am.actor
            if a.id in actors:
                mine = actors[a.id]
                merged = Actor(
                    id=mine.id, name=mine.name, aliases=(*mine.aliases, a.name, *a.aliases)
                ).aliases
                actors[a.id] = mine.model_copy(update={"aliases": merged})
            else:
                actors[a.id] = a
        relations.extend(r.relations)
        for f in r.affiliations:
            affiliations.setdefault((f.member, f.group, f.role), f)
        if r.document is not None and r.document.source:
            sources.append(r.document.source)
    return System(
        name=name,
        actors=tuple(actors.values()),
        relations=aggregate_relations(relations),
        affiliations=tuple(affiliations.values()),
        sources=tuple(dict.fromkeys(sources)),
    )
