"""Frame rules: constructions that relate several actors at once, around any trigger:
co-subjects ("X and Y are rivals"), "between X and Y", co-founders and co-mediators, lists
of members, go-betweens, "alongside", a common enemy, demands to leave, requests, and
changes of a relationship ("the souring of relations between X and Y")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factions.text.lexicon import Trigger
from factions.text.parse_memo import has_negation
from factions.text.rules.adjectives import adjective_frame, adjective_trigger
from factions.text.rules.arguments import (
    ANY_TRIGGER,
    NOUN,
    NOUNS,
    VERB,
    VERB_NOUN,
    VERB_NOUNS,
    Arg,
    Reader,
)
from factions.text.rules.nouns import noun_kind, noun_reading
from factions.text.rules.registry import register
from factions.text.rules.verbs import verb_frame

__all__ = [
    "alongside",
    "between",
    "between_sides",
    "change_noun",
    "co_founders",
    "co_mediators",
    "co_members",
    "collective_name",
    "common_enemy",
    "coordination",
    "demand_leave",
    "go_between",
    "group_members",
    "own_group_conjunct",
    "relationship_change",
    "request",
]

if TYPE_CHECKING:
    from spacy.tokens import Token

_WITH = frozenset({"with"})


@register("own-group-conjunct", order=20, example="Tomas Reyes and his Azure Party won.")
def own_group_conjunct(r: Reader, t: Token) -> None:
    """An actor coordinated with a group it is said to own: they stand together ("X and
    his Y party")."""
    if t.dep_ != "conj" or t.head.i not in r.te or t.lemma_.lower() in r.lex.nouns:
        return
    a = r.te[t.head.i]
    if not any(c.dep_ == "poss" and c.tag_ == "PRP$" and r.te.get(c.i) == a for c in t.children):
        return
    owned = [b for b in r.np(t, conj=False) if b[0] != a]
    trig = Trigger("and-his", "noun", 1, "cooperation")
    r.emit([(a, t.head.i)], owned, trig, t, "coordination")


@register("demand-leave", pos=VERB_NOUN, order=30, example="Peru demanded that Tomas Reyes resign.")
def demand_leave(r: Reader, t: Token) -> None:
    """A demand that someone leave office: the one demanding x the one told to go ("X
    demanded that Y resign", "X urged Y to step down")."""
    lex = r.lex
    lemma = t.lemma_.lower()
    if (
        t.pos_ not in ("VERB", "NOUN")  # "that X resign" is often parsed as a noun
        or lemma not in lex.leave_verbs
        or t.dep_ not in ("ccomp", "xcomp")
        or t.head.lemma_.lower() not in lex.demand_verbs
    ):
        return
    v = t.head
    if r.negated(v):
        return
    particles = r.w.leave_particles.get(lemma)
    if particles is not None and not any(c.lower_ in particles for c in t.children):
        return  # "step forward" is no departure
    if t.dep_ == "xcomp":
        targets = r.objects(v)
    else:
        targets = [a for c in t.children if c.dep_ == "nsubj" for a in r.np(c)]
        if not targets:  # mis-parse: "that [X resign]" as one noun phrase
            targets = [(r.te[c.i], c.i) for c in t.children if c.dep_ == "compound" and c.i in r.te]
    trig = Trigger(lemma, "verb", -1, "opposition")
    r.emit(r.subject(v), targets, trig, v, "verb")


@register(
    "collective-name",
    pos=VERB,
    order=40,
    example="Peru and Chile, collectively known as the Pacific Union, met in Lima.",
)
def collective_name(r: Reader, t: Token) -> None:
    """Members given one collective name work together ("X and Y, collectively known as
    Z")."""
    members, group = r.named_collective(t)
    if group and len({e for e, _ in members}) >= 2:
        trig = Trigger(t.lemma_.lower(), "verb", 1, "cooperation")
        r.pairs_of(members, trig, t, "coordination")


@register("co-mediators", pos=VERB, order=70, example="Peru and Chile mediated the talks.")
def co_mediators(r: Reader, t: Token) -> None:
    """Co-subjects of a verb of mediation work together ("X and Y mediated / brokered
    talks")."""
    lemma = t.lemma_.lower()
    if t.pos_ != "VERB" or lemma not in r.w.mediate_verbs or adjective_trigger(r, t) is not None:
        return
    agents = r.subject(t)
    if len({e for e, _ in agents}) >= 2:
        r.pairs_of(agents, Trigger(lemma, "verb", 1, "cooperation"), t, "coordination")


@register(
    "group-members",
    pos=NOUN,
    order=82,
    example="Parties such as the Azure Party and the Green League joined the talks.",
)
def group_members(r: Reader, t: Token) -> None:
    """The listed members of a group noun work together ("parties comprising X, Y and Z",
    "groups such as X and Y", "an alliance made up of X and Y"). A singular group noun lists
    members only through a verb of composition ("a group such as X" names an example)."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in r.lex.group_words or t.i in r.te:
        return
    plural = t.tag_ == "NNS"
    members: list[Arg] = []
    for c in t.children:
        if c.dep_ in ("acl", "relcl") and r.lists(c):
            for g in c.children:
                if g.dep_ == "dobj":
                    members.extend(r.np(g))
                elif g.dep_ == "prep" and g.lower_ == "of":
                    members.extend(a for p in g.children if p.dep_ == "pobj" for a in r.np(p))
            if members:  # "an alliance comprised of X and Y", Y hung on "alliance"
                members.extend(
                    (r.te[k.i], k.i)
                    for k in t.children
                    if k.dep_ == "conj" and k.i > c.i and k.i in r.te
                )
        elif c.dep_ == "prep" and plural and r.introduces_examples(c):
            members.extend(a for p in c.children if p.dep_ == "pobj" for a in r.np(p))
    if len({e for e, _ in members}) >= 2:
        trig = Trigger(t.lemma_.lower(), "noun", 1, "cooperation")
        r.pairs_of(members, trig, t, "coordination")


@register(
    "between-sides",
    pos=NOUNS,
    order=83,
    example="The war was between Peru on one side, and Chile and Bolivia on the other.",
)
def between_sides(r: Reader, t: Token) -> None:
    """A hostile noun whose "between" names two sides the parser split: every actor of one
    side x every actor of the other."""
    reading = noun_reading(r, t)
    if reading is not None and reading.rule == "between-sides":
        r.emit(reading.left, reading.right, reading.trig, t, reading.pattern)


@register("between", pos=NOUNS, order=85, example="The dispute between Peru and Chile deepened.")
def between(r: Reader, t: Token) -> None:
    """A relation noun with "between" / "among": every pair of the actors it lists ("a
    dispute between X and Y", "clashes erupted between X and Y")."""
    reading = noun_reading(r, t)
    if reading is not None and reading.rule == "between":
        r.pairs_of(reading.left, reading.trig, t, reading.pattern)


@register("request", pos=NOUN, order=89, example="Peru sent troops at the request of Chile.")
def request(r: Reader, t: Token) -> None:
    """Acting at another's request: the one acting x the one asking ("X struck at the
    request of Y", "in response to a request from Y", "at Y's invitation")."""
    if noun_kind(r, t) != "request":
        return
    w = r.w
    askers = r.owners(t) + r.prep_objects(t, w.request_agent_preps)
    if not askers or t.dep_ != "pobj":
        return
    prep = t.head
    gov = prep.head
    if gov.lower_ in w.response_nouns and gov.dep_ == "pobj":  # "in response to"
        prep = gov.head
        gov = prep.head
    if prep.lower_ not in w.request_preps or gov.pos_ not in ("VERB", "AUX"):
        return
    if has_negation(gov):
        return
    trig = Trigger(t.lemma_.lower(), "noun", 1, "cooperation")
    r.emit(r.subject(gov), askers, trig, t, "noun-prep")


@register(
    "change-noun",
    pos=NOUN,
    order=90,
    example="The talks caused a souring of the relationship between Peru and Chile.",
)
def change_noun(r: Reader, t: Token) -> None:
    """A noun of change of a relationship gives its present state: every pair of its parties
    ("the souring of the relationship between X and Y", "the thaw in X's ties with Y")."""
    if noun_kind(r, t) != "change":
        return
    sign = r.lex.change_nouns.get(t.lemma_.lower(), r.lex.change_nouns.get(t.lower_))
    args = r.between(t)
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj":
                    args.extend(r.between(p))
                    owners = r.owners(p)
                    others = r.prep_objects(p, _WITH)
                    if owners and others:
                        args.extend(owners + others)
    if len({e for e, _ in args}) >= 2:
        trig = Trigger(t.lemma_.lower(), "noun", sign, "rivalry" if sign < 0 else "agreement")
        r.pairs_of(args, trig, t, "change")


@register(
    "relationship-change",
    pos=NOUN,
    order=91,
    example="Relations between Peru and Chile soured last year.",
)
def relationship_change(r: Reader, t: Token) -> None:
    """A verb of change on a relationship noun gives its present state: the noun's parties
    ("relations between X and Y soured", "X severed ties with Y")."""
    if noun_kind(r, t) != "relationship-change":
        return
    v = t.head
    sign = r.lex.change_verbs[v.lemma_.lower()]
    trig = Trigger(v.lemma_.lower(), "verb", sign, "rivalry" if sign < 0 else "agreement")
    if t.dep_ in ("nsubj", "nsubjpass"):
        args = r.between(t)
        owners = r.owners(t)
        others = r.prep_objects(t, _WITH)
        if len({e for e, _ in args}) < 2 and owners and others:
            args = owners + others
        if len({e for e, _ in args}) >= 2:
            r.pairs_of(args, trig, v, "change")
    elif t.dep_ == "dobj":
        others = r.prep_objects(t, _WITH) + r.prep_objects(v, _WITH)
        args = r.between(t)
        if len({e for e, _ in args}) >= 2:
            r.pairs_of(args, trig, v, "change")
        elif others:
            r.emit(r.subject(v), others, trig, v, "change")
        else:  # "X and Y broke off relations"
            subj = r.subject(v)
            if len({e for e, _ in subj}) >= 2:
                r.pairs_of(subj, trig, v, "change")


@register("common-enemy", pos=VERB, order=92, example="Peru sided with Chile against Bolivia.")
def common_enemy(r: Reader, t: Token) -> None:
    """A positive verb with "against": its subject and objects x the common foe ("X sided
    with Y against Z")."""
    f = verb_frame(r, t)
    if f is None or not f.active or not f.against:
        return
    allies = f.agents + f.objects + r.prep_objects(t, f.preps - {"by"})
    foe = Trigger(f.trig.lemma, f.trig.pos, -1, "opposition")
    r.emit(allies, f.against, foe, t, "verb")


@register(
    "go-between",
    pos=VERB_NOUNS,
    order=93,
    example="Peru provided support to the Azure Party through Chile.",
)
def go_between(r: Reader, t: Token) -> None:
    """Support passed through a third party: the go-between works with giver and receiver
    ("X sent aid to Y through Z", "X provided support for Y via Z")."""
    f = verb_frame(r, t)
    if f is not None and f.active and f.patients and _support(f.trig):
        _intermediary(r, t, f.agents, f.patients)
        return
    reading = noun_reading(r, t)
    if reading is not None and reading.rule == "noun-subject-prep" and reading.subject:
        if _support(reading.trig):
            _intermediary(r, t, reading.left, reading.right)


def _support(trig: Trigger) -> bool:
    return trig.sign > 0 and trig.kind == "support"


def _intermediary(r: Reader, t: Token, agents: list[Arg], patients: list[Arg]) -> None:
    through = r.w.intermediary_preps
    via: list[Arg] = r.prep_objects(t, through)
    for c in t.children:
        if c.dep_ == "dobj":
            via.extend(r.prep_objects(c, through))
    if t.pos_ == "NOUN" and t.dep_ == "dobj":  # "provided support for Y through Z"
        via.extend(r.prep_objects(t.head, through))
    if not via:
        return
    own = {e for e, _ in agents + patients}
    via = [a for a in via if a[0] not in own]
    trig = Trigger(t.lemma_.lower(), "verb", 1, "cooperation")
    r.emit(agents + patients, via, trig, t, "verb")


@register("alongside", pos=VERB, order=94, example="Peru fought alongside Chile against Bolivia.")
def alongside(r: Reader, t: Token) -> None:
    """ "X fought alongside Y (against Z)": Y is X's ally and, for a hostile verb, Z's foe."""
    f = verb_frame(r, t)
    if f is None or not f.active:
        return
    beside = r.prep_objects(t, r.w.alongside_preps)
    if not beside:
        return
    r.emit(f.agents, beside, Trigger(f.trig.lemma, "verb", 1, "alliance"), t, "verb")
    if f.trig.sign < 0:
        r.emit(beside, f.patients, f.trig, t, "verb")


@register(
    "co-members", pos=NOUN, order=89, example="Peru formed an alliance with Chile and Bolivia."
)
def co_members(r: Reader, t: Token) -> None:
    """The parties a clause's subject joins in a joint body stand together too, as its
    co-members ("X formed a coalition with Y and Z", "X joined a coalition of Y and Z": Y
    with Z; ANNOTATION.md counts joining a coalition together as an alliance)."""
    reading = noun_reading(r, t)
    if reading is None or reading.rule != "noun-subject-prep" or not reading.subject:
        return
    if reading.trig.kind != "alliance" or reading.trig.sign <= 0 or r.negated(t):
        return
    members = [  # not the body's own name ("an alliance, Forza Unita, with Y")
        (e, i) for e, i in reading.right if not (r.doc[i].dep_ == "appos" and r.doc[i].head == t)
    ]
    if len({e for e, _ in members}) >= 2:
        r.pairs_of(members, reading.trig, t, "coordination")


@register("co-founders", pos=VERB, order=95, example="Peru and Chile formed an alliance in May.")
def co_founders(r: Reader, t: Token) -> None:
    """Co-subjects that found a joint body are allied ("X, Y and Z formed an alliance / a
    coalition")."""
    f = verb_frame(r, t)
    if f is None or not f.active:
        return
    lemma = t.lemma_.lower()
    if len({e for e, _ in f.agents}) < 2 or lemma not in r.w.found_verbs:
        return
    if any(c.dep_ == "dobj" and c.lower_ in r.w.joint_bodies for c in t.children):
        r.pairs_of(f.agents, Trigger(lemma, "verb", 1, "alliance"), t, "coordination")


@register("coordination", pos=ANY_TRIGGER, order=99, example="Peru and Chile signed a pact.")
def coordination(r: Reader, t: Token) -> None:
    """Co-subjects (or co-owners, or co-objects) of a symmetric trigger with no other party
    relate to each other ("X and Y signed a pact", "X and Y are rivals", "X and Y clashed",
    "an alliance of X and Y"); a hostile verb only when mutual ("fought each other")."""
    f = verb_frame(r, t)
    if f is not None:
        co = f.co_subjects
        if co is not None:
            r.coordinated(co, f.trig, t)
        return
    reading = noun_reading(r, t)
    if reading is not None:
        if reading.rule == "coordination":
            r.coordinated(reading.left, reading.trig, t)
        return
    a = adjective_frame(r, t)
    if a is not None and a.co_subjects:
        r.coordinated(a.agents, a.trig, t)
