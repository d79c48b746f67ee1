"""Stance units: a group's stated place towards the government of its text.

"X went into opposition", "X, now in opposition, ...", "X joined Y on the opposition
benches", "X became the main opposition party", "the opposition X": X stands against the
government (-1) though the sentence need not name it. The government is the one the
nearest government mention stands for ("the government", "the new cabinet", "the Ruiz
government", as coreference resolved it), never one marked as no longer in office ("the
outgoing government"); a text that mentions no government gives no finding. Such a
finding's pair is often no candidate of its sentence, so the pipeline reports it as the
rules read it (:meth:`factions.text.pipeline.ReadState.implied_relations`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factions.text.rules.arguments import CONFIDENCE, Arg, Finding, Reader
from factions.text.rules.registry import register

__all__ = ["government_mentions", "in_opposition", "opposition_stance"]

if TYPE_CHECKING:
    from spacy.tokens import Token


def government_mentions(r: Reader) -> list[tuple[int, int]]:
    """(token, entity) of each mention of a government in office: a government word or
    synonym ("government", "cabinet") that coreference or a name ties to an entity, not
    modified as superseded ("the former government", "the outgoing cabinet")."""
    words = r.lex.government_words | r.lex.government_synonyms
    lex = r.lex
    out = []
    for t in r.doc:
        e = r.te.get(t.i)
        if e is None or t.pos_ != "NOUN" or t.lemma_.lower() not in words:
            continue
        if any(c.lower_ in r.w.superseded_modifiers for c in t.children):
            continue
        if any(  # "the French government", "Britain's government": a named country's
            c.dep_ in ("amod", "compound", "poss")
            and (c.lower_ in lex.demonyms or c.lower_ in lex.countries)
            for c in t.children
        ):
            continue
        out.append((t.i, e))
    return out


def _ended(r: Reader, *toks: Token) -> bool:
    """Whether one of ``toks`` carries an end ("in opposition until 2024")."""
    return any(c.dep_ == "prep" and c.lower_ in r.w.ended_preps for t in toks for c in t.children)


def _elsewhere(*toks: Token) -> bool:
    """Whether one of ``toks`` is placed in a named place ("the main opposition party in
    Togo", "went into opposition in Victoria"): another polity's government may be meant."""
    return any(
        c.dep_ == "prep"
        and c.lower_ == "in"
        and any(g.dep_ == "pobj" and g.ent_type_ in ("GPE", "LOC") for g in c.children)
        for t in toks
        for c in t.children
    )


def _clause_holders(r: Reader, v: Token) -> list[Arg]:
    """Who a clause puts in opposition: a verb's subject (and its object after a carrying
    verb: "led the party into opposition"); a noun that is a mention: itself ("the
    Greens, now in opposition")."""
    if v.pos_ in ("VERB", "AUX"):
        if r.unstated(v) or _ended(r, v) or _elsewhere(v):
            return []
        out = list(r.subject(v))
        if v.lemma_.lower() in r.w.opposition_carrying_verbs:
            out += r.objects(v)
        return out
    e = r.te.get(v.i)
    return [(e, v.i)] if e is not None else []


def in_opposition(r: Reader, t: Token) -> list[Arg]:
    """The actors that opposition word ``t`` puts in opposition, by its construction:
    "X went into / stayed in opposition", "X joined Y on the opposition benches", "the
    (main) opposition X" (the word just before a mention), "X, the main opposition party",
    "X became the largest opposition party"; none where the stay is not a present fact
    (negated, intended, hypothetical, ended), is placed in a named place, or is a stance on
    something else ("in opposition to the war")."""
    w = r.w
    if t.i in r.te:
        return []  # part of a name ("the Opposition Front")
    if any(c.dep_ == "prep" and c.lower_ in w.opposition_object_preps for c in t.children):
        return []  # "in opposition to the war": a stance on something else
    h = t.head
    if _ended(r, t, h) or _elsewhere(t, h):
        return []
    if t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ in w.opposition_preps:
        return _clause_holders(r, h.head)  # "went into opposition"
    if h.i != t.i and h.lemma_.lower() in w.opposition_places and t.dep_ in ("compound", "amod"):
        if h.dep_ == "pobj" and h.head.dep_ == "prep":
            return _clause_holders(r, h.head.head)  # "on the opposition benches"
        return []
    nxt = r.doc[t.i + 1] if t.i + 1 < len(r.doc) else None
    j = t.i - 1
    while j >= 0 and r.doc[j].pos_ == "ADJ":
        j -= 1
    if (
        nxt is not None
        and nxt.i in r.te
        and nxt.sent == t.sent
        and j >= 0
        and r.doc[j].pos_ == "DET"  # not "despite (strong) opposition Labour passed it"
    ):
        return [(r.te[nxt.i], nxt.i)]  # "the main opposition Civic Front"
    if t.dep_ in ("compound", "amod") and h.pos_ == "NOUN" and h.i != t.i:
        if h.dep_ == "appos" and h.head.i in r.te:
            return [(r.te[h.head.i], h.head.i)]  # "X, the main opposition party"
        v = h.head
        if h.dep_ == "attr" and v.lemma_.lower() in w.copulas:
            if r.unstated(v) or _ended(r, v) or _elsewhere(v):
                return []
            return list(r.subject(v))  # "X became the largest opposition party"
    return []


@register(
    "opposition-stance",
    order=10,
    scope="document",
    example="Ana Ruiz's new cabinet took office. The Green Party went into opposition.",
)
def opposition_stance(r: Reader) -> None:
    """A group (or person) the text puts in opposition ("went into opposition", "the main
    opposition party") against the government the nearest government mention stands for."""
    if r.rule in r.disabled:
        return
    govs = government_mentions(r)
    if not govs:
        return
    for t in r.doc:
        if t.lower_ not in r.w.opposition_words:
            continue
        holders = in_opposition(r, t)
        if not holders:
            continue
        _, gov = min(govs, key=lambda g: (abs(g[0] - t.i), -g[0]))
        sent = t.sent
        for e, ti in holders:
            if e == gov:
                continue
            first, last = r.doc[min(ti, t.i)], r.doc[max(ti, t.i)]
            r.found.append(
                Finding(
                    a=e,
                    b=gov,
                    sign=-1,
                    kind="opposition",
                    confidence=CONFIDENCE["stance"],
                    pattern="stance",
                    start_char=first.idx,
                    end_char=last.idx + len(last.text),
                    sent_start=sent.start_char,
                    sent_end=sent.end_char,
                    past=r.past(t),
                    rule=r.rule,
                )
            )
