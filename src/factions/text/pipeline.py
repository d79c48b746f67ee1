"""The extractor: documents in, actors, signed relations and affiliations with evidence out.

One spaCy pass per document (``nlp.pipe`` batches them), then linear rules over the parse:
:func:`~factions.text.mentions.find_mentions`, :func:`~factions.text.coref.cluster_names`,
:func:`~factions.text.coref.resolve_references`,
:func:`~factions.text.rules.read_relations`, and document-level aggregation of repeated
findings (present state over past, confidence-weighted sign, latest finding breaking ties).

>>> from factions.text.documents import Document
>>> r = Extractor().extract(Document("d", "Iran supports Syria."))  # doctest: +SKIP
>>> [(x.a, x.b, x.sign) for x in r.relations]                      # doctest: +SKIP
[('iran', 'syria', 1)]
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from factions.model import Actor, ActorKind, Affiliation, Relation, System, slugify
from factions.model.fusion import DOCUMENT, Observation, fuse
from factions.text.actorhood import actor_entities, idle_generic_actors
from factions.text.coref import (
    Entity,
    bare_legislatures,
    cluster_names,
    owned_groups,
    party_states,
    resolve_references,
)
from factions.text.documents import Document
from factions.text.gazetteer import WorldGazetteer, augment_lexicon, load_world, name_words
from factions.text.gazetteer.matcher import find_world_references
from factions.text.lexicon import Lexicon, load_lexicon
from factions.text.mentions import (
    Gazetteer,
    Mention,
    _strip_the,
    find_mentions,
    mention_affiliations,
)
from factions.text.nlp import load_nlp
from factions.text.relation_model import RelationModel, load_relation_model
from factions.text.relation_model.inference import (
    candidate_keys,
    model_relations,
    score_candidates,
    unaffiliated,
    with_implied,
)
from factions.text.rules import (
    Finding,
    check_rule_names,
    fingerprint,
    read_affiliations,
    read_relations,
    read_table_findings,
)

__all__ = [
    "ActorMentions",
    "DocumentResult",
    "EXTRACTORS",
    "Extractor",
    "MentionSpan",
    "PIPELINE_VERSION",
    "ReadState",
    "pipeline_version",
]


def pipeline_version(extra: str | None = None, lexicon: Path | None = None) -> str:
    """The version of what extraction does: a hash of the rule units and their source, the
    lexicon files (``lexicon``: another folder of them) and ``extra`` (by default the
    packaged relation model's hash, with the code of features, candidates, mentions,
    coreference, tables, actorhood and aggregation). It changes whenever a rule, the lexicon,
    the model or that code does; ``store`` records it per run."""
    if extra is None:
        code = Path(__file__).resolve().parent
        h = hashlib.sha256(load_relation_model().digest.encode())
        for name in ("features.py", "candidates.py", "relation_model/inference.py"):
            h.update((code / name).read_bytes())
        # the world gazetteer (its data and matching) and what decides actorhood
        for f in sorted((code / "gazetteer" / "data").glob("*")):
            h.update(f.read_bytes())
        # ... and what finds mentions, resolves references and aggregates findings
        for name in (
            "gazetteer/matcher.py",
            "actorhood.py",
            "tables.py",
            "segmentation.py",
            "mentions.py",
            "coref.py",
            "aggregate.py",
        ):
            h.update((code / name).read_bytes())
        extra = h.hexdigest()
    return fingerprint(extra, lexicon)


PIPELINE_VERSION = pipeline_version()


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
                        {
                            "text": e.quote or e.sentence,
                            "start": e.start,
                            "end": e.end,
                            "rule": e.rule,
                        }
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


EXTRACTORS = ("model", "rules")


@dataclass
class ReadState:
    """What the steps before relation reading leave for it: mentions resolved to entities,
    the token -> entity map, plural references, rule findings and the actors to output."""

    mentions: list[Mention]
    refs: list[Mention]
    entities: list[Entity]
    pairs: dict[int, tuple[int, ...]]
    tok_entity: dict[int, int]
    findings: list[Finding]
    affiliations: list[tuple[int, int, str, str]]  # (member, group, role, rule)
    ids: dict[int, str]
    actors: list[ActorMentions]
    affiliated: frozenset = frozenset()  # {member id, group id} of each affiliation read
    listed: list = field(default_factory=list)  # findings of tables: a coalition's parties

    @property
    def known(self) -> set[str]:
        return {am.actor.id for am in self.actors}

    def implied_relations(
        self, document: Document, read: Collection[tuple[int, int, int]] | None = None
    ) -> list[Relation]:
        """The relations the rules read that a reader of sentence pairs cannot: a table's
        coalition and row stances (:attr:`listed`) and, given the candidates the classifier
        read (``read``: entity, entity in order, sentence start character), every finding
        whose pair is no candidate of its sentence (one side is implied there)."""
        unread = [
            f
            for f in (self.findings if read is not None else ())
            if (min(f.a, f.b), max(f.a, f.b), f.sent_start) not in read
        ]
        return _aggregate_findings([*self.listed, *unread], self.ids, document, self.known)


class Extractor:
    """Reads documents into actors and signed relations with evidence.

    ``gazetteer``: a System whose actors' names and aliases are matched in the text (and
    whose ids are used for them). ``extractor``: ``"model"`` (the trained pair classifier
    over every co-mentioned pair, with the rules as its features; the default) or
    ``"rules"`` (the rule engine alone). ``model``: a :class:`RelationModel` other than the
    packaged one. ``disabled_rules``: names of rule units to switch off
    (:data:`factions.text.rules.RULES`; an unknown name is a ``ValueError``). ``world``:
    also match the world gazetteer shipped with factions (:mod:`factions.text.gazetteer`:
    parties, states, international organisations, with external ids). The spaCy model, the
    lexicon, the gazetteer and the relation model are loaded once.
    """

    def __init__(
        self,
        gazetteer: System | None = None,
        lexicon: Lexicon | None = None,
        extractor: str = "model",
        model: RelationModel | None = None,
        disabled_rules: Iterable[str] = frozenset(),
        world: bool = True,
    ) -> None:
        if extractor not in EXTRACTORS:
            raise ValueError(f"extractor must be one of {', '.join(EXTRACTORS)}, not {extractor!r}")
        self.disabled_rules = check_rule_names(disabled_rules)
        self.nlp = load_nlp()
        self.world = load_world() if world else None
        lex = lexicon or load_lexicon()
        self.lex = augment_lexicon(lex, self.world) if self.world is not None else lex
        self.gazetteer = Gazetteer(gazetteer, self.nlp) if gazetteer is not None else None
        self.extractor = extractor
        self.model = model if model is not None or extractor == "rules" else load_relation_model()

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

    def read_state(self, sdoc, date: str | None = None) -> ReadState:
        """Mentions, coreference and rule findings of a parsed document (no second parse);
        ``date`` (the document's) lets the gazetteer prefer the parties active then."""
        lex = self.lex
        world_refs = find_world_references(sdoc, self.world, lex, date)
        mentions = find_mentions(sdoc, lex, self.gazetteer, world_refs, self.world)
        entities = cluster_names(mentions, lex)
        bare_legislatures(entities, mentions, lex, self.world)
        pairs: dict[int, tuple[int, ...]] = {}  # token -> the entities it stands for
        countries = party_states(entities, self.world)
        refs = resolve_references(sdoc, mentions, entities, lex, pairs, countries)
        tok_entity: dict[int, int] = {}
        for m in (*mentions, *refs):
            if m.entity >= 0:
                for i in range(m.start, m.end):
                    tok_entity[i] = m.entity
        stated = mention_affiliations(mentions)  # "Ruiz's government", "X (PARTY)", tables
        affiliations = [(m, g, role, "mentions") for m, g, role in stated]
        affiliations += read_affiliations(sdoc, tok_entity, entities, lex, self.disabled_rules)
        owned = owned_groups(sdoc, tok_entity, entities, affiliations, lex)  # "his party"
        refs = [*refs, *owned]
        for m in owned:
            for i in range(m.start, m.end):
                tok_entity[i] = m.entity
        findings = read_relations(sdoc, tok_entity, lex, pairs, self.disabled_rules)
        listed = read_table_findings(mentions, self.disabled_rules)  # listed parties, votes
        ids = _entity_ids(entities, self.gazetteer, self.world)
        related = _related([*findings, *listed], stated)
        keep = actor_entities(sdoc, entities, mentions, refs, related, lex)
        actors = _actors(entities, mentions, refs, ids, self.gazetteer, self.world)
        kept = {ids[i] for i in keep}
        actors = [am for am in actors if am.actor.id in kept]  # places, events: not actors
        affiliated = frozenset(frozenset((ids[m], ids[g])) for m, g, _, _ in affiliations)
        return ReadState(
            mentions,
            refs,
            entities,
            pairs,
            tok_entity,
            findings,
            affiliations,
            ids,
            actors,
            affiliated,
            listed,
        )

    def read_parsed(self, document: Document, sdoc) -> DocumentResult:
        """Read an already parsed spaCy ``Doc`` of ``document`` (no second parse)."""
        st = self.read_state(sdoc, document.date)
        known = st.known
        if self.model is not None and self.extractor == "model":
            scored = score_candidates(sdoc, st, self.lex, self.model)
            relations = model_relations(
                scored, st.ids, document, known, self.model.threshold, self.model.rule_threshold
            )
            implied = st.implied_relations(document, candidate_keys(s.inst for s in scored))
        else:
            relations = _aggregate_findings(st.findings, st.ids, document, known)
            implied = st.implied_relations(document)
        relations = unaffiliated(with_implied(relations, implied), st.affiliated)
        affiliations = []
        seen = set()
        for member, group, role, _ in st.affiliations:
            key = (st.ids[member], st.ids[group])
            if key[0] != key[1] and key not in seen and set(key) <= known:
                seen.add(key)
                affiliations.append(Affiliation(member=key[0], group=key[1], role=role))
        own = {st.ids[i] for i, e in enumerate(st.entities) if e.gazetteer_id}  # the user's
        idle = idle_generic_actors(st.actors, relations, affiliations, self.lex, own)
        return DocumentResult(
            doc_id=document.doc_id,
            actors=[am for am in st.actors if am.actor.id not in idle],
            relations=relations,
            affiliations=affiliations,
            document=document,
        )


def _bare(name: str) -> str:
    """A name without a leading article, for telling a new alias from the name itself."""
    low = name.casefold()
    return low[4:] if low.startswith("the ") else low


def _reference_name(entry, mentions: list[Mention], world: WorldGazetteer) -> str:
    """A world gazetteer actor's name in this document: the listed name the text uses most
    (not one written in capitals; "Vox", "Centre Party", "Syriza" rather than Party Facts'
    English "Voice", "Agrarian Union", "Coalition of the Radical Left"), else the
    gazetteer's own name ("PUK" alone: "Patriotic Union of Kurdistan"). Its external id
    says which it is."""
    counts: Counter[str] = Counter()
    for m in mentions:
        text = _strip_the(m.text)
        if (
            m.label == "REF"
            and not text.isupper()
            and world.lists(name_words(text), entry.external_id)
        ):
            counts[text] += 1
    if not counts:
        return entry.name
    return max(counts, key=lambda t: (counts[t], len(t)))


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
            name = _reference_name(entry, ms, world) if entry is not None else e.name
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
    findings: list[Finding], ids: dict[int, str], document: Document, known: set[str]
) -> list[Relation]:
    """One relation per pair, fused by the model's document-level policy
    (:data:`factions.model.fusion.DOCUMENT`: present findings beat past ones, dominant ones
    beat the rest, confidence-weighted sign, latest finding breaking ties)."""
    groups: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for f in findings:
        a, b = ids[f.a], ids[f.b]
        if a == b or a not in known or b not in known:
            continue
        pair = (a, b) if a < b else (b, a)
        evidence = document.evidence(
            f.start_char, f.end_char, (f.sent_start, f.sent_end), f.rule or None
        )
        groups[pair].append(
            Observation(
                a=pair[0],
                b=pair[1],
                sign=f.sign,
                kind=f.kind,
                confidence=f.confidence,
                date=document.date,
                position=f.start_char,
                doc_id=document.doc_id,
                past=f.past,
                dominant=f.dominant,
                evidence=(evidence,),
                rule=f.rule or f.pattern,
            )
        )
    out = []
    for observations in groups.values():
        fused = fuse(observations, DOCUMENT)
        if fused is not None:
            out.append(fused.relation)
    return out
