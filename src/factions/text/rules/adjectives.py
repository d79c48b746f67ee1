"""Adjective rules: predicate and attributive adjectives ("loyal to Y"), hyphenated
participles ("the X-backed group") and stance prefixes ("pro-X", "anti-X")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factions.text.lexicon import Trigger
from factions.text.rules.arguments import ADJ_VERB, VERB, Arg, Reader
from factions.text.rules.registry import register

__all__ = [
    "AdjectiveFrame",
    "adjective",
    "adjective_frame",
    "adjective_trigger",
    "hyphen_participle",
    "stance_prefix",
]

if TYPE_CHECKING:
    from spacy.tokens import Token


@register("stance-prefix", order=10, example="The Azure Party is the leading anti-Chile party.")
def stance_prefix(r: Reader, t: Token) -> bool:
    """A stance prefix before an actor's name: the modified noun phrase is for ("pro-X") or
    against ("anti-X") that actor. Takes its token."""
    if t.lower_ not in r.w.stance_prefixes or t.i + 2 >= len(r.doc):
        return False
    x = r.doc[t.i + 2]
    sign = r.stance_prefix(x)
    if sign is None:
        return False
    e = r.te.get(x.i)
    if e is None:
        return True
    n = x
    while n.dep_ in ("compound", "amod", "npadvmod", "nmod") and n.head.i > n.i:
        n = n.head
    if n.i in r.te and r.te[n.i] == e:
        return True
    holders = [a for a in r.np(n, conj=False) if a[0] != e]
    if not holders and n.dep_ == "conj" and any(c.lower_ in r.w.other_words for c in n.children):
        # "A, B and other pro-X groups": A and B are pro-X too
        first = n.head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        holders = r.np(first, conj=False)
        for c in first.subtree:
            if c.dep_ == "conj" and c.i != n.i and c.head.dep_ in ("conj", first.dep_):
                holders.extend(r.np(c, conj=False))
    elif n.dep_ == "nsubj" or n.dep_ == "nsubjpass":
        for c in n.head.children:
            if c.dep_ == "attr":
                holders.extend(r.np(c))
    elif n.dep_ == "attr":  # "X is the anti-Y alliance"
        holders = r.subject(n.head)
    trig = Trigger(t.lower_, "adj", sign, "support" if sign > 0 else "opposition")
    r.emit(holders, [(e, x.i)], trig, t, "adj")
    return True


@register(
    "hyphen-participle", pos=VERB, order=50, example="The Chile-backed Azure Front seized the port."
)
def hyphen_participle(r: Reader, t: Token) -> bool:
    """A hyphenated participle after a name: the name's actor backs, leads or arms the noun
    it modifies. Takes its token."""
    if t.pos_ != "VERB" or t.tag_ != "VBN" or t.i < 2 or r.doc[t.i - 1].text != "-":
        return False
    trig = r.lex.participles.get(t.lower_)
    if trig is None:
        return False
    left = r.doc[t.i - 2]
    e = r.te.get(left.i)
    if e is None:
        return True
    target = t.head
    while target.dep_ in ("amod", "compound") and target.head.i != target.i:
        if target.i in r.te:
            break
        target = target.head
    patients = r.np(target, conj=False)
    if not patients:
        for c in target.children:
            if c.dep_ == "compound" and c.i in r.te:
                patients.append((r.te[c.i], c.i))
    r.emit([(e, left.i)], patients, trig, t, "participle")
    return True


def adjective_trigger(r: Reader, t: Token) -> Trigger | None:
    """The adjective trigger ``t`` states: an adjective ("loyal"), or a verb form with the
    adjective's preposition and no by-agent ("X, allied with Y")."""
    if t.pos_ == "ADJ":
        return r.lex.adjectives.get(t.lower_) or r.lex.adjectives.get(t.lemma_.lower())
    if t.pos_ != "VERB":
        return None
    adj = r.lex.adjectives.get(t.lower_)
    if (
        adj is not None
        and any(c.dep_ == "prep" and c.lower_ in adj.preps for c in t.children)
        and not any(c.dep_ == "agent" for c in t.children)
    ):
        return adj
    return None


@dataclass(frozen=True)
class AdjectiveFrame:
    """An adjective trigger's holders (``agents``) and prepositional objects (``patients``)."""

    trig: Trigger
    agents: list[Arg]
    patients: list[Arg]
    co_subjects: bool  # no object, and no preposition of the trigger ("X and Y are close")


def adjective_frame(r: Reader, t: Token) -> AdjectiveFrame | None:
    return r.memo("adjective", t, _adjective_frame)


def _adjective_frame(r: Reader, t: Token) -> AdjectiveFrame | None:
    trig = adjective_trigger(r, t)
    if trig is None:
        return None
    if t.dep_ in ("amod", "acl"):
        agents = r.np(t.head)
    else:
        agents = r.subject(t) or r.passive_subjects(t)
    patients = r.prep_objects(t, trig.preps)
    if not patients and t.dep_ == "conj":  # "sectarian and loyal to X": shared prep
        patients = r.prep_objects(t.head, trig.preps)
    own = {b for _, b in patients}  # "parties hostile to X": X is not its own holder
    agents = [a for a in agents if a[1] not in own]
    # "X and Y, which are allied", "X and Y are close" (not "close to a deal")
    co = not patients and not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in t.children)
    return AdjectiveFrame(trig, agents, patients, co)


@register("adjective", pos=ADJ_VERB, order=60, example="The Azure Party remains loyal to Peru.")
def adjective(r: Reader, t: Token) -> None:
    """An adjective of relation with its prepositional object: its holder (the clause
    subject, or the noun it modifies) x that object."""
    f = adjective_frame(r, t)
    if f is not None and f.patients:
        r.emit(f.agents, f.patients, f.trig, t, "adj")
