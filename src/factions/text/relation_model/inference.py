"""Applying the relation model to a parsed document: candidates -> probabilities -> relations.

1. Every pair of distinct actors co-mentioned in a sentence is a candidate
   (:func:`factions.text.candidates.candidate_pairs`); its features come from the one parse
   and from the rule findings for that pair in that sentence
   (:func:`factions.text.features.pair_features`).
2. The classifier gives each candidate P(none), P(+1), P(-1).
3. Document aggregation, per pair: mentions in a past frame ("his former ally", a rule
   finding marked past) give way to present ones (a pair seen only in the past is not
   reported); the pair's probability of a relation combines its present mentions by
   noisy-or, ``1 - prod(1 - p_i)`` (Pearl 1988, *Probabilistic Reasoning in Intelligent
   Systems*, section 4.3.2), and is reported when it reaches the model's threshold (a
   second threshold, also chosen on validation data, applies to pairs a rule unit read). Sign,
   confidence, kind and evidence then come from the project's one fusion policy
   (:mod:`factions.model.fusion`, document level): each mention states each sign with the
   model's probability for it, except that a mention whose sentence a rule unit read with
   one sign states that sign with the whole relation probability (the model decides whether
   a pair is related; where a rule read the sign, the rule's sign is kept: rules are precise
   on sign, the classifier less so); the sign with the larger summed probability wins (a
   rule that states a change outright, "has become his rival", dominates; the latest
   mention breaks ties); ``confidence`` is the noisy-or of the winning sign's probabilities. Every
   relation keeps the spans that support it: the rule findings' spans where a rule fired,
   otherwise the stretch between the two mentions, with the sentence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factions.model import Relation
from factions.model.fusion import DOCUMENT, Observation, fuse
from factions.text.candidates import Candidate, candidate_pairs, mention_heads
from factions.text.features import pair_features
from factions.text.lexicon import Lexicon
from factions.text.relation_model.classifier import RelationModel

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from factions.text.documents import Document

__all__ = [
    "PairInstance",
    "ScoredPair",
    "pair_instances",
    "score_instances",
    "score_candidates",
    "model_relations",
    "unaffiliated",
    "candidate_keys",
    "with_implied",
]

DEFAULT_KIND = {1: "cooperation", -1: "hostility"}
MODEL_RULE = "relation-model"  # evidence found by the classifier where no rule fired
EVIDENCE_FLOOR = 0.25  # a mention's probability for the sign needed to cite it as evidence


@dataclass(frozen=True)
class PairInstance:
    """A candidate with what the model needs (its features) and what aggregation needs
    (rule findings, past frame, a kind, evidence spans); independent of the model."""

    cand: Candidate
    features: dict[str, float]
    findings: tuple[Any, ...]
    past: bool
    kind_hint: str | None
    span: tuple[int, int]  # character span from the first to the last of the two mentions
    sent_span: tuple[int, int]  # the sentence's character span


@dataclass(frozen=True)
class ScoredPair:
    """A pair instance with the model's probabilities."""

    inst: PairInstance
    p_none: float
    p_pos: float
    p_neg: float

    @property
    def past(self) -> bool:
        return self.inst.past


def _sentence_index(doc: Doc) -> dict[int, int]:
    return {s.start_char: k for k, s in enumerate(doc.sents)}


def _kind_hint(row: dict[str, float], findings: Sequence[Any]) -> str | None:
    for f in sorted(findings, key=lambda f: -f.confidence):
        return f.kind
    for name in row:
        if name.startswith("trig-path-kind:"):
            return name.split(":", 1)[1]
    return None


def pair_instances(doc: Doc, state: Any, lex: Lexicon) -> list[PairInstance]:
    """The candidates of a read document (a :class:`~factions.text.pipeline.ReadState`),
    with their features and rule findings."""
    spans = [(m.start, m.end, m.entity) for m in (*state.mentions, *state.refs) if m.entity >= 0]
    heads = mention_heads(doc, spans, state.pairs)
    known = {am.actor.id for am in state.actors}
    excluded = frozenset(k for k in range(len(state.entities)) if state.ids.get(k) not in known)
    sent_of = _sentence_index(doc)
    by_pair: dict[tuple[int, int, int], list[Any]] = defaultdict(list)
    for f in state.findings:
        si = sent_of.get(f.sent_start)
        if si is not None and f.a != f.b:
            by_pair[(min(f.a, f.b), max(f.a, f.b), si)].append(f)
    n_mentions: dict[int, int] = defaultdict(int)
    for ents in heads.values():
        for e in ents:
            n_mentions[e] += 1
    cands = candidate_pairs(doc, heads, excluded)
    per_sent: dict[int, set[int]] = defaultdict(set)
    sent_heads: dict[int, dict[int, tuple[int, ...]]] = defaultdict(dict)
    for c in cands:
        per_sent[c.sent] |= {c.a, c.b}
        sent_heads[c.sent][c.a] = c.heads_a
        sent_heads[c.sent][c.b] = c.heads_b
    affiliated = {(min(m, g), max(m, g)): role for m, g, role, _ in state.affiliations}
    out = []
    for c in cands:
        fs = tuple(by_pair.get((c.a, c.b, c.sent), ()))
        row = pair_features(
            doc,
            c.heads_a,
            c.heads_b,
            lex,
            kind_a=str(state.entities[c.a].kind),
            kind_b=str(state.entities[c.b].kind),
            findings=fs,
            sent=(c.sent_start, c.sent_end),
            mentions=(n_mentions[c.a], n_mentions[c.b]),
            n_actors=len(per_sent[c.sent]),
            affiliation=affiliated.get((c.a, c.b)),
            others=[h for e, hs in sent_heads[c.sent].items() if e not in (c.a, c.b) for h in hs],
        )
        past = all(f.past for f in fs) if fs else ("trig-path-past" in row or "mention-past" in row)
        toks = [*c.heads_a, *c.heads_b]
        first, last = doc[min(toks)], doc[max(toks)]
        sent = doc[c.sent_start : c.sent_end]
        out.append(
            PairInstance(
                cand=c,
                features=row,
                findings=fs,
                past=past,
                kind_hint=_kind_hint(row, fs),
                span=(first.idx, last.idx + len(last.text)),
                sent_span=(sent.start_char, sent.end_char),
            )
        )
    return out


def score_instances(insts: Sequence[PairInstance], model: RelationModel) -> list[ScoredPair]:
    """The model's probabilities for each instance."""
    probs = model.predict_proba([i.features for i in insts])
    col = {c: k for k, c in enumerate(model.classes)}
    return [
        ScoredPair(inst=i, p_none=float(p[col[0]]), p_pos=float(p[col[1]]), p_neg=float(p[col[-1]]))
        for i, p in zip(insts, probs, strict=True)
    ]


def score_candidates(doc: Doc, state: Any, lex: Lexicon, model: RelationModel) -> list[ScoredPair]:
    """Every candidate pair of a read document with the model's probabilities."""
    return score_instances(pair_instances(doc, state, lex), model)


def unaffiliated(relations: list[Relation], affiliated: Collection[frozenset]) -> list[Relation]:
    """The relations whose pair no affiliation links: a member and its group ("X, leader of
    the Y party", "Diaz" and "Diaz's loyalists") are affiliated, not related (ANNOTATION.md
    keeps affiliations apart from relations)."""
    return [r for r in relations if frozenset((r.a, r.b)) not in affiliated]


def candidate_keys(insts: Iterable[PairInstance]) -> set[tuple[int, int, int]]:
    """(entity, entity, sentence start character) of each candidate: the pairs the classifier
    reads."""
    return {(i.cand.a, i.cand.b, i.sent_span[0]) for i in insts}


def with_implied(relations: list[Relation], implied: Iterable[Relation]) -> list[Relation]:
    """``relations`` and, for the pairs they lack, the ``implied`` ones (structure a table
    states, a finding whose other side is implied: what the sentence pairs cannot say)."""
    have = {frozenset((r.a, r.b)) for r in relations}
    return [*relations, *(r for r in implied if frozenset((r.a, r.b)) not in have)]


def _noisy_or(ps: Sequence[float]) -> float:
    miss = 1.0
    for p in ps:
        miss *= 1.0 - p
    return 1.0 - miss


def _observations(
    s: ScoredPair, a: str, b: str, document: Document, best: float
) -> list[Observation]:
    """The statements one scored mention makes about its pair: one per sign whose
    probability reaches :data:`EVIDENCE_FLOOR` (or is the pair's best), each with its
    evidence (the agreeing rule findings' spans, else the stretch between the mentions).
    When present rule findings state one sign, only that sign is stated, with the model's
    whole relation probability (``p_pos + p_neg``)."""
    out = []
    stated = {f.sign for f in s.inst.findings if not f.past and f.sign in (1, -1)}
    probs = ((1, s.p_pos), (-1, s.p_neg))
    if len(stated) == 1:  # a rule read the sign in this sentence: it gives the sign
        (rs,) = stated
        probs = ((rs, s.p_pos + s.p_neg),)
    for sign, p in probs:
        if p < EVIDENCE_FLOOR and p < best:
            continue
        agreeing = [f for f in s.inst.findings if f.sign == sign and not f.past]
        spans = [(f.start_char, f.end_char, f.rule or f.pattern) for f in agreeing]
        evidence = tuple(
            document.evidence(start, end, s.inst.sent_span, rule)
            for start, end, rule in spans or [(*s.inst.span, MODEL_RULE)]
        )
        kind = s.inst.kind_hint if agreeing or not s.inst.findings else None
        out.append(
            Observation(
                a=a,
                b=b,
                sign=sign,
                kind=kind or DEFAULT_KIND[sign],
                confidence=max(p, 0.001),
                date=document.date,
                position=s.inst.span[0],
                doc_id=document.doc_id,
                dominant=any(f.dominant and f.sign == sign for f in agreeing),
                evidence=evidence,
                rule=spans[0][2] if spans else MODEL_RULE,
            )
        )
    return out


def model_relations(
    scored: Sequence[ScoredPair],
    ids: dict[int, str],
    document: Document,
    known: set[str],
    threshold: float,
    rule_threshold: float | None = None,
) -> list[Relation]:
    """One relation per actor pair whose combined probability reaches its threshold.

    A pair is reported when the noisy-or of its present mentions' relation probabilities
    (``1 - P(none)``) reaches ``threshold``, or ``rule_threshold`` (when given) for a pair
    that a rule unit read in a present statement; its sign, confidence, kind and evidence are then
    those of the project's one evidence-fusion policy at document level
    (:func:`factions.model.fusion.fuse` with :data:`~factions.model.fusion.DOCUMENT`), each
    mention stating each sign with the model's probability for it.
    """
    groups: dict[tuple[str, str], list[ScoredPair]] = defaultdict(list)
    for s in scored:
        a, b = ids[s.inst.cand.a], ids[s.inst.cand.b]
        if a == b or a not in known or b not in known:
            continue
        groups[(a, b) if a < b else (b, a)].append(s)
    out = []
    for (a, b), ss in groups.items():
        present = [s for s in ss if not s.past]
        if not present:
            continue
        ruled = any(not f.past for s in present for f in s.inst.findings)
        gate = rule_threshold if ruled and rule_threshold is not None else threshold
        if _noisy_or([1.0 - s.p_none for s in present]) < gate:
            continue
        best = max(max(s.p_pos, s.p_neg) for s in present)
        obs = [o for s in present for o in _observations(s, a, b, document, best)]
        fused = fuse(obs, DOCUMENT)
        if fused is not None:
            out.append(fused.relation)
    return out
