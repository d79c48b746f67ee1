"""The extractor: documents in, actors, signed relations and affiliations with evidence out.

One spaCy pass per document (``nlp.pipe`` batches them), then linear rules over the parse:
:func:`~factions.text.mentions.find_mentions`, :func:`~factions.text.coref.cluster_names`,
:func:`~factions.text.coref.resolve_references`,
:func:`~factions.text.relations.read_relations`, and document-level aggregation of repeated
findings (present state over past, confidence-weighted sign, latest finding breaking ties).

>>> from factions.text.documents import Document
>>> r = Extractor().extract(Document("d", "Iran supports Syria."))  # doctest: +SKIP
>>> [(x.a, x.b, x.sign) for x in r.relations]                      # doctest: +SKIP
[('iran', 'syria', 1)]
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from factions.model import Actor, ActorKind, Affiliation, Evidence, Relation, System, slugify
from factions.text.actorhood import actor_entities
from factions.text.coref import Entity, cluster_names, resolve_references
from factions.text.documents import Document
from factions.text.gazetteer import WorldGazetteer, augment_lexicon, load_world
from factions.text.gazetteer.matcher import find_world_references
from factions.text.lexicon import Lexicon, load_lexicon
from factions.text.mentions import Gazetteer, Mention, find_mentions, mention_affiliations
from factions.text.nlp import load_nlp
from factions.text.relations import Finding, read_affiliations, read_relations
from factions.text.tables import table_findings


@dataclass(frozen=True)
class MentionSpan:
    """Where an actor is mentioned: the text as written and its character offsets."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class ActorMentions:
    """An actor found in a document with every place it is mentioned."""

    actor: Actor
    mentions: tuple[MentionSpan, ...]


@dataclass
class DocumentResult:
    """What was read from one document."""

    doc_id: str
    actors: list[ActorMentions] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    document: Document | None = None

    def to_json(self) -> dict[str, Any]:
        """The document object of ANNOTATION.md "Extractor output"."""
        return {
            "doc_id": self.doc_id,
            "actors": [
                {
                    "id": am.actor.id,
                    "name": am.actor.name,
                    "kind": str(am.actor.kind),
                    **({"external_id": am.actor.external_id} if am.actor.external_id else {}),
                    "mentions": [
                        {"text": m.text, "start": m.start, "end": m.end} for m in am.mentions
                    ],
                }
                for am in self.actors
            ],
            "relations": [
                {
                    "a": r.a,
                    "b": r.b,
                    "sign": r.sign,
                    "kind": r.kind,
                    "confidence": r.confidence,
                    "evidence": [
                        {"text": e.quote or e.sentence, "start": e.start, "end": e.end}
                        for e in r.evidence
                    ],
                }
                for r in self.relations
            ],
            "affiliations": [
                {"member": f.member, "group": f.group, "role": f.role} for f in self.affiliations
            ],
        }

    def to_system(self) -> System:
        """This document's findings as a System (actors, relations, affiliations)."""
        return System(
            name=self.doc_id,
            actors=tuple(am.actor for am in self.actors),
            relations=tuple(self.relations),
            affiliations=tuple(self.affiliations),
            sources=(self.document.source,) if self.document and self.document.source else (),
        )


class Extractor:
    """Reads documents into actors and signed relations with evidence.

    ``gazetteer``: a System whose actors' names and aliases are matched in the text (and
    whose ids are used for them). ``world``: also match the world gazetteer shipped with
    factions (:mod:`factions.text.gazetteer`: parties, states, international organisations,
    with external ids). The spaCy model, the lexicon and the gazetteer are loaded once.
    """

    def __init__(
        self, gazetteer: System | None = None, lexicon: Lexicon | None = None, world: bool = True
    ) -> None:
        self.nlp = load_nlp()
        self.world = load_world() if world else None
        lex = lexicon or load_lexicon()
        self.lex = augment_lexicon(lex, self.world) if self.world is not None else lex
        self.gazetteer = Gazetteer(gazetteer, self.nlp) if gazetteer is not None else None

    def extract(self, doc: Document) -> DocumentResult:
        """Read one document."""
        return next(self.extract_many([doc]))

    def extract_many(
        self, docs: Iterable[Document], batch_size: int = 16, n_process: int = 1
    ) -> Iterator[DocumentResult]:
        """Read documents lazily, one spaCy pass over them all (``nlp.pipe``)."""
        stream = ((d.text, d) for d in docs)
        for sdoc, d in self.nlp.pipe(
            stream, as_tuples=True, batch_size=batch_size, n_process=n_process
        ):
            yield self.read_parsed(d, sdoc)

    def read_parsed(self, document: Document, sdoc) -> DocumentResult:
        """Read an already parsed spaCy ``Doc`` of ``document`` (no second parse)."""
        lex = self.lex
        refs = find_world_references(sdoc, self.world, lex, document.date)
        mentions = find_mentions(sdoc, lex, self.gazetteer, refs, self.world)
        entities = cluster_names(mentions, lex)
        pairs: dict[int, tuple[int, ...]] = {}  # token -> the entities it stands for
        corefs = resolve_references(sdoc, mentions, entities, lex, pairs)
        tok_entity: dict[int, int] = {}
        for m in (*mentions, *corefs):
            if m.entity >= 0:
                for i in range(m.start, m.end):
                    tok_entity[i] = m.entity
        findings = read_relations(sdoc, tok_entity, lex, pairs)
        findings.extend(table_findings(sdoc, mentions))  # a coalition's parties, listed
        ids = _entity_ids(entities, self.gazetteer, self.world)
        stated = mention_affiliations(mentions)  # "Ruiz's government", "X (PARTY)"
        keep = actor_entities(sdoc, entities, mentions, corefs, _related(findings, stated), lex)
        actors = _actors(entities, mentions, corefs, ids, self.gazetteer, self.world)
        known = {ids[i] for i in keep} & {am.actor.id for am in actors}
        actors = [am for am in actors if am.actor.id in known]
        relations = _aggregate_findings(findings, ids, document, known, stated)
        affiliations = []
        seen = set()
        for member, group, role in (*stated, *read_affiliations(sdoc, tok_entity, entities, lex)):
            key = (ids[member], ids[group])
            if key[0] != key[1] and key not in seen and set(key) <= known:
                seen.add(key)
                affiliations.append(Affiliation(member=key[0], group=key[1], role=role))
        return DocumentResult(
            doc_id=document.doc_id,
            actors=actors,
            relations=relations,
            affiliations=affiliations,
            document=document,
        )


def _bare(name: str) -> str:
    """A name without a leading article, for telling a new alias from the name itself."""
    low = name.casefold()
    return low[4:] if low.startswith("the ") else low


def _related(findings: list[Finding], stated: list[tuple[int, int, str]]) -> set[int]:
    out = {x for f in findings for x in (f.a, f.b)}
    out.update(x for m, g, _ in stated for x in (m, g))
    return out


def _entity_ids(
    entities: list[Entity], gazetteer: Gazetteer | None, world: WorldGazetteer | None = None
) -> dict[int, str]:
    """Actor ids: the user's gazetteer id, else the world gazetteer's stable id (states get
    their external id here too), else the slug of the name (suffixed when taken)."""
    ids: dict[int, str] = {}
    used: set[str] = set()
    fixed: dict[int, str] = {}
    for i, e in enumerate(entities):
        if world is not None and not e.external_id and e.key.startswith("state:"):
            state = world.state_of(e.key[6:])
            if state is not None:
                e.external_id = state.external_id
        if e.gazetteer_id:
            fixed[i] = e.gazetteer_id
        elif world is not None and e.external_id in world.entries:
            fixed[i] = world.entries[e.external_id].actor_id
    used.update(fixed.values())
    for i, e in enumerate(entities):
        if i in fixed:
            ids[i] = fixed[i]
            continue
        ascii_name = unicodedata.normalize("NFKD", e.name).encode("ascii", "ignore").decode()
        base = slugify(ascii_name or e.name)
        aid = base
        n = 2
        while aid in used:
            aid = f"{base}-{n}"
            n += 1
        used.add(aid)
        ids[i] = aid
    return ids


def _actors(
    entities: list[Entity],
    mentions: list[Mention],
    refs: list[Mention],
    ids: dict[int, str],
    gazetteer: Gazetteer | None,
    world: WorldGazetteer | None = None,
) -> list[ActorMentions]:
    by_entity: dict[int, list[Mention]] = defaultdict(list)
    for m in (*mentions, *refs):
        if m.entity >= 0:
            by_entity[m.entity].append(m)
    out = []
    for i, e in enumerate(entities):
        ms = sorted(by_entity.get(i, []), key=lambda m: m.start)
        if not any(m.named for m in ms):
            continue
        if gazetteer is not None and e.gazetteer_id:
            actor = gazetteer.actors[e.gazetteer_id]
        else:
            entry = world.entries.get(e.external_id) if world and e.external_id else None
            name = entry.name if entry is not None else e.name
            aliases = tuple(
                dict.fromkeys(
                    m.text
                    for m in ms
                    if m.named and _bare(m.text) != _bare(name) and not m.text.islower()
                )
            )
            kind = e.kind if isinstance(e.kind, ActorKind) else ActorKind.OTHER
            if entry is not None:
                kind = ActorKind(entry.kind)
            actor = Actor(
                id=ids[i],
                name=name,
                kind=kind,
                aliases=aliases,
                external_id=entry.external_id if entry is not None else None,
            )
        spans_l = []
        for m in ms:
            spans_l.append(MentionSpan(m.text, m.start_char, m.end_char))
            for s, e, t in m.extra.get("spans", ()):
                spans_l.append(MentionSpan(t, s, e))
            if m.named and m.text[:4].lower() == "the " and len(m.text) > 4:
                spans_l.append(MentionSpan(m.text[4:], m.start_char + 4, m.end_char))
        spans = tuple(dict.fromkeys(spans_l))
        out.append(ActorMentions(actor=actor, mentions=spans))
    return out


def _aggregate_findings(
    findings: list[Finding],
    ids: dict[int, str],
    document: Document,
    known: set[str],
    stated: list[tuple[int, int, str]] = (),
) -> list[Relation]:
    """One relation per pair: present findings beat past ones; weighted sign; latest breaks ties.

    A body and its own leader ("Diaz" and "Diaz's loyalists") are affiliated, not related."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    led = {frozenset((m, g)) for m, g, role in stated if role == "leader"}
    for f in findings:
        a, b = ids[f.a], ids[f.b]
        if a == b or a not in known or b not in known or frozenset((f.a, f.b)) in led:
            continue
        groups[(a, b) if a < b else (b, a)].append(f)
    text = document.text
    out = []
    for (a, b), fs in groups.items():
        present = [f for f in fs if not f.past]
        if not present:
            continue
        dominant = [f for f in present if f.dominant]
        if dominant:
            present = dominant
        score = {1: 0.0, -1: 0.0}
        for f in present:
            score[f.sign] += f.confidence
        if score[1] != score[-1]:
            sign = 1 if score[1] > score[-1] else -1
        else:
            sign = max(present, key=lambda f: f.start_char).sign
        winners = [f for f in present if f.sign == sign]
        miss = 1.0
        for f in winners:
            miss *= 1.0 - f.confidence
        kinds: dict[str, float] = defaultdict(float)
        for f in winners:
            kinds[f.kind] += f.confidence
        kind = max(kinds, key=lambda k: kinds[k])
        evidence = []
        seen = set()
        for f in sorted(winners, key=lambda f: f.start_char):
            if (f.start_char, f.end_char) in seen:
                continue
            seen.add((f.start_char, f.end_char))
            evidence.append(
                Evidence(
                    doc_id=document.doc_id,
                    start=f.start_char,
                    end=f.end_char,
                    sentence=text[f.sent_start : f.sent_end].strip(),
                    quote=text[f.start_char : f.end_char],
                    date=document.date,
                    source=document.source,
                )
            )
        out.append(
            Relation(
                a=a,
                b=b,
                sign=sign,
                kind=kind,
                confidence=round(min(0.99, 1.0 - miss), 4),
                evidence=tuple(evidence),
            )
        )
    return out
