"""Affiliation rules: who leads or belongs to which group ("X, led by Y", "Y heads X",
"Y, the leader of X", "X leader Y", "Y, a member of X", "X's President Y"). The member is a
person, or a group inside a larger one ("X, the armed wing of Y")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factions.model import ActorKind
from factions.text.lexicon import verb_phrases
from factions.text.mentions import led_group_leader, led_groups_heads
from factions.text.rules.arguments import NOUN, NOUNS, VERB, AffiliationReader, Arg
from factions.text.rules.registry import register

__all__ = [
    "RoleFrame",
    "coalition_of",
    "collective_name",
    "founders",
    "fronted_under",
    "group_of_leader",
    "group_under",
    "join",
    "includes",
    "lead_verb",
    "led_group",
    "of_group",
    "own_office",
    "part_of",
    "possessive",
    "role_noun",
    "title",
    "whose_group",
]

if TYPE_CHECKING:
    from spacy.tokens import Token

_POSSESSIVE = ("'s", "’s")  # the possessive clitic, straight or curly
_AFF = "affiliations"


@register(
    "affiliation-led-group",
    order=10,
    reads=_AFF,
    scope="document",
    example="Peru and Chile met again. The Peruvian-led coalition took the port.",
)
def led_group(r: AffiliationReader) -> None:
    """A "-led" group: the state or group named before "-led" leads it (the name is part of
    the group's own mention, so the leader is found by its name)."""
    doc, lex = r.doc, r.lex
    for t in led_groups_heads(doc):
        g = r.te.get(t.i)
        lead = led_group_leader(doc, t, lex) if g is not None else None
        if lead is None or r.te.get(lead[0]) != g:
            continue
        words = doc[lead[0] : lead[1]].text
        low = words.lower()
        country = lex.countries.get(low) or lex.demonyms.get(low)
        for k, ent in enumerate(r.entities):
            if k != g and (
                (country is not None and ent.key == "state:" + country) or ent.name == words
            ):
                r.affiliate(k, g, "leader")
                break


@register(
    "affiliation-title",
    order=20,
    reads=_AFF,
    scope="document",
    example="Peruvian President Tomas Reyes spoke in Lima.",
)
def title(r: AffiliationReader) -> None:
    """A title between a group (or state) and a person's name ties the person to it
    ("Venezuelan President X", "Pakistan's President X", "Army commander X"); without a
    title a group's or state's possessive does, as a member ("the Y party's X", "Y's X")."""
    doc, te, entities = r.doc, r.te, r.entities
    for i, e in sorted(te.items()):
        if entities[e].kind != ActorKind.PERSON:
            continue
        t = doc[i]
        if t.i > 0 and te.get(t.i - 1) == e:
            continue  # not the first token of the name
        j = t.i
        titles = []
        while j > 0 and doc[j - 1].lower_.rstrip(".") in r.lex.title_words:
            j -= 1
            titles.append(doc[j].lower_.rstrip("."))
        if j == 0:
            continue
        k = j - 1
        if titles:  # "Y's internationally recognized President X": skip the modifiers
            m = k
            while (
                m > 0 and k - m < 3 and doc[m].pos_ in ("ADJ", "ADV", "VERB") and doc[m].i not in te
            ):
                m -= 1
            if m < k and doc[m].text in _POSSESSIVE:
                k = m
        if not titles and doc[k].text not in _POSSESSIVE:
            continue  # without a title only "the Y party's X" ties X to Y
        if doc[k].text in _POSSESSIVE and k > 0:
            k -= 1
        g = te.get(k)
        if g is None or g == e or entities[g].kind == ActorKind.PERSON:
            continue
        if not titles and not r.group([(g, k)], state=True):
            continue
        role = "leader" if set(titles) & r.w.leader_titles else "member"
        r.affiliate(e, g, role)


@register(
    "affiliation-of-group",
    order=30,
    reads=_AFF,
    scope="document",
    example="Tomas Reyes of the Azure Party spoke on Monday.",
)
def of_group(r: AffiliationReader) -> None:
    """A person's name followed by "of" + a group: a member of it ("X of the Y party")."""
    for t in r.doc:
        e = r.te.get(t.i)
        if e is None or r.entities[e].kind != ActorKind.PERSON or r.te.get(t.head.i) == e:
            continue
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [a for p in c.children if p.dep_ == "pobj" for a in r.np(p)]
                for g in r.group(objs):
                    r.affiliate(e, g, "member")


@register(
    "affiliation-collective-name",
    pos=VERB,
    order=40,
    reads=_AFF,
    example="The Azure Party and the Green League, collectively known as the Union Bloc, won.",
)
def collective_name(r: AffiliationReader, t: Token) -> None:
    """Members given one collective name are members of it ("X and Y, collectively known
    as Z")."""
    members, named = r.named_collective(t)
    if len({e for e, _ in members}) >= 2:
        for g in r.group(named):
            for m in dict.fromkeys(e for e, _ in members):
                r.affiliate(m, g, "member")


@register(
    "affiliation-own-office",
    pos=VERB,
    order=41,
    reads=_AFF,
    example="In May, the Azure Party elected Tomas Reyes as its presidential candidate.",
)
def own_office(r: AffiliationReader, t: Token) -> None:
    """A group choosing its own officer: the chosen person is its leader or member ("X
    elected Y as its leader / candidate")."""
    office = r.own_office(t) if t.pos_ == "VERB" else None
    if office is None:
        return
    chosen = r.objects(t)
    role = "leader" if office.lemma_.lower() in r.w.leader_nouns else "member"
    for m in r.person(chosen):
        for g in r.group(r.subject(t)):
            r.affiliate(m, g, role)


@register(
    "affiliation-fronted-under",
    pos=VERB,
    order=42,
    reads=_AFF,
    example="Under Tomas Reyes, the Azure Party grew quickly.",
)
def fronted_under(r: AffiliationReader, t: Token) -> None:
    """A fronted "under" + person before a main clause: the person led its subject, a group
    or a state ("Under X, the Y party grew"; not "Y suffered under X's rule")."""
    if t.pos_ != "VERB" or t.dep_ != "ROOT":
        return
    subj = r.subject(t)
    first = min((i for _, i in subj), default=-1)
    fronted = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "under"]
    if fronted and fronted[0].i < first:
        under = r.person(r.prep_objects(t, frozenset({"under"})))
        for m in under:
            for g in r.group(subj, state=True):
                r.affiliate(m, g, "leader")


@register(
    "affiliation-lead-verb",
    pos=VERB,
    order=43,
    reads=_AFF,
    example="The Azure Party, led by Tomas Reyes, won the vote.",
)
def lead_verb(r: AffiliationReader, t: Token) -> None:
    """A verb of leading: its person leads the group ("X, led by Y", "Y was headed by X",
    "X heads Y")."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in r.w.lead_verbs:
        return
    by = r.prep_objects(t, frozenset({"by"}))
    if by and t.dep_ in ("acl", "relcl"):
        # "A, led by X, and B": the participle covers what precedes it, not B
        led = [(e, i) for e, i in r.np(t.head) if i < t.i]
        if not r.group(led) and t.head.dep_ == "appos":  # "X, the party led by Y"
            led = r.np(t.head.head, conj=False)
    elif by:  # "Y was headed by X"
        led = r.passive_subjects(t)
    else:
        by = r.subject(t)
        led = r.objects(t)
    for m in r.person(by):
        for g in r.group(led):
            r.affiliate(m, g, "leader")


@register(
    "affiliation-group-under",
    pos=NOUN,
    order=44,
    reads=_AFF,
    example="The Azure Front, a rebel group under Tomas Reyes, took the town.",
)
def group_under(r: AffiliationReader, t: Token) -> None:
    """A group noun with "under" + a person: the person leads the group it stands for ("X,
    a rebel group under Y")."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in r.lex.group_words or t.i in r.te:
        return
    under = r.person(r.prep_objects(t, frozenset({"under"})))
    if under:
        for g in r.group(r.np(t, conj=False)):
            for m in under:
                r.affiliate(m, g, "leader")


@register(
    "affiliation-join",
    pos=VERB,
    order=45,
    reads=_AFF,
    example="Tomas Reyes joined the Azure Party in May.",
)
def join(r: AffiliationReader, t: Token) -> None:
    """Joining a group makes a member: a person joins a party; a group joins a coalition
    ("X joined the Y party")."""
    if t.pos_ != "VERB" or t.lemma_.lower() not in r.w.join_verbs or r.negated(t):
        return
    objs = [g for c in t.children if c.dep_ == "dobj" for g in r.np_groups(c)]
    subj = r.subject(t)
    for g in dict.fromkeys(objs):
        # a group joins a coalition or alliance as a member too
        joining = (
            r.group(subj) + r.person(subj)
            if r.entities[g].kind == ActorKind.COALITION
            else r.person(subj)
        )
        for m in dict.fromkeys(joining):
            if m != g:
                r.affiliate(m, g, "member")


@dataclass(frozen=True)
class RoleFrame:
    """A role noun ("leader", "member", "spokesman", "wing") with its groups and holders."""

    lemma: str
    groups: list[Arg]
    members: list[Arg]


def _role_frame(r: AffiliationReader, t: Token) -> RoleFrame | None:
    return r.memo("role", t, _read_role)


def _read_role(r: AffiliationReader, t: Token) -> RoleFrame | None:
    w = r.w
    lemma = t.lemma_.lower()
    if not (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.i not in r.te)):
        return None
    for c in t.children:  # an office of two words: "prime minister"
        if c.dep_ in ("amod", "compound") and f"{c.lower_} {lemma}" in w.leader_nouns:
            lemma = f"{c.lower_} {lemma}"
    if not (
        lemma in w.leader_nouns
        or lemma in w.member_nouns
        or lemma in w.spokes_nouns
        or lemma in w.part_nouns
    ):
        return None
    te = r.te
    groups = [
        (te[c.i], c.i) for c in t.children if c.dep_ in ("compound", "poss", "nmod") and c.i in te
    ]
    # "a spokesman for Y"
    preps = (
        w.spokes_preps
        if lemma in w.spokes_nouns
        else w.member_preps
        if lemma in w.member_nouns
        else frozenset({"of"})
    )
    groups += r.prep_objects(t, preps)
    if any(c.dep_ == "poss" and c.lower_ == "whose" for c in t.children):
        groups += r.whose_antecedent(t, 0)  # "the Y party, whose leader, X, agreed"
    members: list[Arg] = []
    if t.dep_ == "appos":
        members = r.np(t.head)
    elif t.dep_ in ("attr", "oprd") or (  # "X is / was elected leader of Y"
        t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ == "VERB"
    ):  # "X took over as leader of Y"
        v = t.head.head if t.dep_ == "pobj" else t.head
        members = r.subject(v) or r.passive_subjects(v)
    for c in t.children:
        if c.dep_ in ("appos", "compound") and c.i in te:
            members.append((te[c.i], c.i))
    if t.dep_ == "compound" and t.head.i in te:
        members.append((te[t.head.i], t.head.i))
    if t.dep_ == "conj" and any(c.lower_ in w.other_words for c in t.children):
        # "X and sixteen other members of Y": X is one of them
        h = t.head
        while h.dep_ == "conj" and h.head.i != h.i and h.i not in te:
            h = h.head
        members.extend(r.np(h, conj=False))
    return RoleFrame(lemma, groups, members)


@register(
    "affiliation-role-noun",
    pos=NOUNS,
    order=46,
    reads=_AFF,
    example="Tomas Reyes, the leader of the Azure Party, resigned.",
)
def role_noun(r: AffiliationReader, t: Token) -> None:
    """A role noun ties the person it describes to its group: leader nouns make leaders,
    member and spokesperson nouns members ("Y, the leader of X", "X leader Y", "a spokesman
    for Y"); a head of state leads a state ("the president of Y")."""
    f = _role_frame(r, t)
    if f is None:
        return
    role = "leader" if f.lemma in r.w.leader_nouns else "member"
    for m in r.person(f.members):  # a state has a head of state, not members
        for g in r.group(f.groups, state=f.lemma in r.w.state_leader_nouns):
            r.affiliate(m, g, role)


@register(
    "affiliation-part-of",
    pos=NOUNS,
    order=47,
    reads=_AFF,
    example="The Azure Guard, the armed wing of the Liberal Party, fought on.",
)
def part_of(r: AffiliationReader, t: Token) -> None:
    """A group that is part of another: a wing or branch of a group, a member of a
    coalition or of an armed group's alliance ("X, the armed wing of Y", "X, a member of the
    Y coalition"), or a state that is a member of an organisation ("X, a member of the Y").
    A party is no member of another party or of an organisation it is described with ("X, a
    member of the Y League")."""
    f = _role_frame(r, t)
    if f is None:
        return
    w = r.w
    part = f.lemma in w.part_nouns
    if not part and f.lemma not in w.group_member_nouns:
        return
    for g in r.group(f.groups):
        kind = r.entities[g].kind
        if part or kind in (ActorKind.COALITION, ActorKind.MILITIA):
            members = r.group(f.members)  # an alliance's member groups, a group's wings
        elif kind == ActorKind.ORGANIZATION:  # a state in one ("Turkey, a member of NATO")
            members = [
                e for e in r.group(f.members, state=True) if r.entities[e].kind == ActorKind.STATE
            ]
        else:
            continue
        for m in members:
            if m != g:
                r.affiliate(m, g, "member")


@register(
    "affiliation-group-of-leader",
    order=48,
    reads=_AFF,
    scope="document",
    example="The Azure Party, under Tomas Reyes, won the vote.",
)
def group_of_leader(r: AffiliationReader) -> None:
    """A group's own name followed by "of" or "under" + a person: the person leads it ("the
    Y party of X", "the Y party, under X, won"); after a state's name only "under" does
    ("Y under X"), as "Y of X" names no leader. A preposition inside the name ("Union of
    Democratic Forces") names no person and is passed over."""
    w, te, doc = r.w, r.te, r.doc
    for i, g in sorted(te.items()):
        t = doc[i]
        state = r.entities[g].kind == ActorKind.STATE
        preps = w.state_leader_preps if state else w.group_leader_preps
        if not r.group([(g, i)], state=state):
            continue
        preps_of = [c for c in t.children if c.dep_ == "prep" and te.get(c.i) != g]
        if not state and t.dep_ in ("nsubj", "nsubjpass"):
            # "the Y party, under X, won": the aside hangs on the verb, after the subject
            v = t.head
            preps_of += [c for c in v.children if c.dep_ == "prep" and t.i < c.i < v.i]
        for c in preps_of:
            if c.lower_ in preps:
                objs = [a for p in c.children if p.dep_ == "pobj" for a in r.np(p)]
                for m in r.person(objs):
                    r.affiliate(m, g, "leader")


def _possessed_groups(r: AffiliationReader, h: Token) -> list[int]:
    """The groups a possessed noun stands for: a group's name, or a group noun with the
    name beside it ("X's party, the Y")."""
    if h.i in r.te:
        return r.group([(r.te[h.i], h.i)])
    if h.lemma_.lower() in r.lex.group_words:
        return r.group(r.np(h, conj=False))
    return []


@register(
    "affiliation-possessive",
    order=49,
    reads=_AFF,
    scope="document",
    example="Tomas Reyes's Azure Party won the vote.",
)
def possessive(r: AffiliationReader) -> None:
    """A person's possessive on a group's name or on a group noun beside the name leads the
    group ("X's Y party", "X's party, the Y"). A person's possessive on a state says nothing
    of leadership and is left out."""
    for i, e in sorted(r.te.items()):
        if r.entities[e].kind != ActorKind.PERSON:
            continue
        t = r.doc[i]
        if t.dep_ != "poss":
            continue
        for g in _possessed_groups(r, t.head):
            if g != e:
                r.affiliate(e, g, "leader")


@register(
    "affiliation-whose-group",
    order=50,
    reads=_AFF,
    scope="document",
    example="Tomas Reyes, whose Azure Party had governed since 2001, resigned.",
)
def whose_group(r: AffiliationReader) -> None:
    """A person as the antecedent of "whose" + a group's or state's name leads it ("X, whose
    Y party had governed since 2001", "X, whose Y had no claim")."""
    for i, g in sorted(r.te.items()):
        h = r.doc[i]
        if not any(c.dep_ == "poss" and c.lower_ == "whose" for c in h.children):
            continue
        if not r.group([(g, i)], state=True):
            continue
        for m in r.person(r.whose_antecedent(h, 0)):
            if m != g:
                r.affiliate(m, g, "leader")


@register(
    "affiliation-coalition-of",
    pos=NOUNS,
    order=51,
    reads=_AFF,
    example="The Union Bloc, the alliance of the Azure Party and the Green League, won.",
)
def coalition_of(r: AffiliationReader, t: Token) -> None:
    """A group described as a group of groups has them as members: "Y, the alliance of X
    and Z", "Y, a coalition dominated by X", "Y, formed by X and Z"; a group that leads it
    ("a coalition led by X") is its leader."""
    w = r.w
    if t.pos_ != "NOUN" or t.lemma_.lower() not in w.coalition_nouns or t.dep_ != "appos":
        return
    whole = r.group([(r.te[t.head.i], t.head.i)]) if t.head.i in r.te else []
    if not whole:
        return
    found: list[tuple[Arg, str]] = []
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            found += [(a, "member") for p in c.children if p.dep_ == "pobj" for a in r.np(p)]
        elif c.dep_ == "acl" and c.lemma_.lower() in (w.composition_verbs | w.lead_verbs):
            role = "leader" if c.lemma_.lower() in w.lead_verbs else "member"
            found += [(a, role) for a in r.prep_objects(c, frozenset({"by"}))]
    for g in whole:
        for (e, i), role in found:
            if e != g and r.group([(e, i)], state=True):
                r.affiliate(e, g, role)


@register(
    "affiliation-includes",
    pos=VERB,
    order=52,
    reads=_AFF,
    example="The Union Bloc, which included the Azure Party and the Green League, won.",
)
def includes(r: AffiliationReader, t: Token) -> None:
    """An alliance that includes groups, states or persons has them as members: "Y
    included X and Z", "Y, which comprised X and Z", "Y unites X and Z"
    (``inclusion_member_verbs``), "Y is made up of X and Z", "Y consists of X"
    (``made_of_verbs``, their "of" objects). Not when negated ("Y no longer includes X"), not
    onto a list (``listing_nouns``: "Y included X in its list of enemies"), and not an
    organisation's inclusions ("the United Nations includes X on ...")."""
    w = r.w
    phrases = verb_phrases(t)
    made_of = bool(phrases & w.made_of_verbs)
    if not (made_of or phrases & w.inclusion_member_verbs) or r.negated(t):  # "no longer" too
        return
    if any(
        c.dep_ == "prep" and any(p.lemma_.lower() in w.listing_nouns for p in c.children)
        for c in t.children
    ):
        return  # "Y includes X on its list of terrorist organisations": no member
    subject = r.subject(t) or r.passive_subjects(t)
    parts = r.prep_objects(t, frozenset({"of"})) if made_of else r.objects(t)
    members = {e for e, _ in parts}
    if any(e in members for e, _ in subject):
        return  # an unnamed alliance read as its listed members: no whole is named
    for g in r.group(subject):
        if r.entities[g].kind != ActorKind.COALITION:
            continue  # "the United Nations includes X on ...", "the Arab League brought
            # together X and Y for talks": an organisation's inclusions are no membership
        for m in dict.fromkeys(e for e, _ in parts):
            if m != g and r.entities[m].kind != ActorKind.OTHER:
                r.affiliate(m, g, "member")


@register(
    "affiliation-founders",
    pos=VERB,
    order=53,
    reads=_AFF,
    example="The Azure Party and the Green League formed the Union Bloc in May.",
)
def founders(r: AffiliationReader, t: Token) -> None:
    """Groups and states that found an alliance are its members: "X and Z formed Y", "X
    formed Y with Z", "Y was formed by X and Z" (``found_verbs``; Y an alliance). A person
    who founds one is left out: founding it says nothing of leading or joining it."""
    if t.lemma_.lower() not in r.w.found_verbs or r.negated(t):
        return
    passive = any(c.dep_ == "nsubjpass" for c in t.children)
    made = r.passive_subjects(t) if passive else r.objects(t)
    for c in t.children if not made else ():  # "X and Z formed the Y alliance"
        if c.dep_ in ("dobj", "nsubjpass") and r.named_group(c):
            made += [(r.te[g.i], g.i) for g in c.children if g.dep_ == "compound" and g.i in r.te]
    wholes = [e for e in r.group(made) if r.entities[e].kind == ActorKind.COALITION]
    if not wholes:
        return
    # "X formed Y with Z": Z is a founder too
    by = r.prep_objects(t, frozenset({"by"})) if passive else r.subject(t)
    by += r.prep_objects(t, frozenset({"with"}))
    for g in wholes:
        for m in dict.fromkeys(r.group(by, state=True)):  # states found alliances too
            if m != g:
                r.affiliate(m, g, "member")
