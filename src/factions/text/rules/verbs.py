"""Verb rules: a relation verb's subject x its direct object and licensed prepositional
objects (active), its by-agent x its subject (passive), or its two objects ("pitted X
against Y"). The arguments are read once per verb (:func:`verb_frame`)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from factions.text.lexicon import Trigger
from factions.text.rules.adjectives import adjective_trigger
from factions.text.rules.arguments import VERB, Arg, Reader
from factions.text.rules.nouns import noun_reading
from factions.text.rules.registry import register

__all__ = [
    "VerbFrame",
    "verb_active",
    "verb_claim",
    "verb_act_stance",
    "verb_destination",
    "verb_frame",
    "verb_link",
    "verb_passive",
    "prep_stance",
    "verb_trigger",
]

if TYPE_CHECKING:
    from spacy.tokens import Token

_BY = frozenset({"by"})


def verb_trigger(r: Reader, t: Token) -> Trigger | None:
    """The trigger verb ``t`` states: a multi-word verb ("joined forces", "fell out") whose
    particle or object the lexicon lists, else the verb itself (with its particle, when the
    entry needs one: "drove X out"); ``None`` for a verb read as an adjective."""
    if t.pos_ != "VERB" or adjective_trigger(r, t) is not None:
        return None
    idiom = _idiom(r, t)
    if idiom is not None:
        return idiom
    trig = r.lex.verbs.get(t.lemma_.lower())
    if trig is None or t.dep_ == "amod":
        return None
    if trig.particle and not any(c.lower_ == trig.particle for c in t.children):
        return None
    return trig


def _idiom(r: Reader, t: Token) -> Trigger | None:
    entries = r.lex.idioms.get(t.lemma_.lower())
    if not entries:
        return None
    words = {
        c.lower_
        for c in t.children
        if c.dep_ in ("prt", "dobj", "advmod")
        or (c.dep_ == "prep" and _names_actor(r, c))  # "stood by X", not "for years"
    }
    for need, trig in entries:
        if need & words:
            return trig
    return None


def _names_actor(r: Reader, prep: Token) -> bool:
    """Whether preposition ``prep`` has an actor in its object."""
    return any(p.dep_ == "pobj" and r.np(p) for p in prep.children)


class VerbFrame:
    """The arguments of relation verb ``t``, each read when a unit first asks for it (in
    the order the units run)."""

    def __init__(self, r: Reader, t: Token, trig: Trigger) -> None:
        self.r = r
        self.t = t
        self.trig = trig
        self.link = trig.mode == "link"
        self.passive_voice = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in t.children)
        self.passive = not self.link and (
            self.passive_voice or (t.dep_ == "acl" and t.tag_ == "VBN")
        )
        self.active = not self.link and not self.passive
        if self.active:
            self.agents = r.subject(t)
            self.objects = self._objects()
        preps = trig.preps | r.w.default_verb_preps
        self.against_too = trig.sign > 0 and "against" not in trig.preps
        if self.against_too:  # "sided with Y against Z": Z is the foe, not an object
            preps = preps - {"against"}
        self.preps = preps

    def _objects(self) -> list[Arg]:
        r, t, trig = self.r, self.t, self.trig
        out: list[Arg] = []
        for c in t.children:
            if c.dep_ in ("dobj", "dative"):
                out.extend(r.np(c))
                if trig.preps:  # "acquired arms from X": the prep often hangs on the object
                    for d in c.subtree:  # within the object phrase, up to 8 tokens on
                        if d.i == c.i or (0 < d.i - c.i <= 8 and d.dep_ != "prep"):
                            out.extend(r.prep_objects(d, trig.preps))
        if out:  # "arrested X together with Y": Y is arrested too
            out.extend(r.along_with(t, patients=True))
        return out

    # --- passive --------------------------------------------------------------------------
    @cached_property
    def passive_patients(self) -> list[Arg]:
        r, t = self.r, self.t
        patients: list[Arg] = []
        for c in t.children:
            if c.dep_ == "nsubjpass":
                patients = r.np(c)
        if not patients and t.dep_ in ("acl", "relcl"):
            patients = r.np(t.head)
        if not patients and t.dep_ == "conj" and t.head.lemma_.lower() in r.w.leading_verbs:
            # "the rebels, led by P and supported by Q": the leader stands for the group
            patients = r.prep_objects(t.head, _BY)
        if not patients and t.dep_ in ("conj", "xcomp"):
            # "X is backed by Y and opposed by Z"
            patients = r.subject(t.head) or r.passive_subjects(t.head)
        if not patients and t.dep_ == "advcl" and t.tag_ == "VBN":
            # "Backed by X, Y attacked Z": the participle describes the main subject
            patients = r.subject(t.head)
        return patients

    @cached_property
    def passive_agents(self) -> list[Arg]:
        r, t = self.r, self.t
        _ = self.passive_patients
        agents = r.prep_objects(t, _BY)
        if not agents and t.dep_ == "conj":  # "led and supplied by X": shared agent
            agents = r.prep_objects(t.head, _BY)
        if not agents:
            for c in t.children:
                if c.dep_ == "conj" and c.tag_ == "VBN":
                    agents = r.prep_objects(c, _BY)
        return agents

    @cached_property
    def passive_others(self) -> list[Arg]:
        """ "X is allied with Y": no agent, a prepositional object of the trigger."""
        if self.passive_agents:
            return []
        return self.r.prep_objects(self.t, self.trig.preps)

    # --- active ---------------------------------------------------------------------------
    @cached_property
    def against(self) -> list[Arg]:
        """The common foe of "X sided with Y against Z" (a positive trigger only)."""
        return self.r.prep_objects(self.t, frozenset({"against"})) if self.against_too else []

    @cached_property
    def patients(self) -> list[Arg]:
        """Direct objects and prepositional objects ("by" names the agent, unless the trigger
        itself takes it: "stood by X")."""
        _ = self.against
        return self.objects + self.r.prep_objects(self.t, self.preps - (_BY - self.trig.preps))

    @cached_property
    def claimed(self) -> list[Arg]:
        """Without objects: the subject of a reported claim ("X alleged that Y ...")."""
        r, t = self.r, self.t
        if self.patients or t.lemma_.lower() not in r.lex.claim_verbs:
            return []
        return [a for c in t.children if c.dep_ == "ccomp" for a in r.subject(c)]

    @cached_property
    def stance_acts(self) -> list[tuple[list[Arg], bool]]:
        """Without objects: the holders of each act the verb takes a stance on, and whether
        they suffer it: any act for a verb of accusation ("X condemned Y's attack": Y's own;
        "X condemned Y's arrest": suffered); for any other, an act its holder suffers
        (``harming_acts``: "X backed Y's dismissal"; a relation noun is read as one,
        ``noun-subject-possessor``) or a relation its owner has with another ("X opposed
        Y's offensive against Z")."""
        r, t = self.r, self.t
        if self.patients or self.claimed:
            return []
        accusing = self.trig.kind == "accusation"
        acts = [c for c in t.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in r.te]
        out = []
        for c in acts:
            holders, suffered = r.act_holders(c)
            harming = c.lemma_.lower() in r.w.harming_acts and c.lemma_.lower() not in r.lex.nouns
            if holders and (accusing or (harming and suffered) or _owned_relation(r, c)):
                out.append((holders, suffered))
        return out

    @property
    def stance_holders(self) -> list[Arg]:
        """The holders of the acts the verb takes a stance on."""
        return [a for holders, _ in self.stance_acts for a in holders]

    @property
    def co_subjects(self) -> list[Arg] | None:
        """The subjects that act on each other when the verb has no other party."""
        if self.passive:
            if self.passive_agents or self.passive_others:
                return None
            if any(c.dep_ == "prep" and c.lower_ in self.trig.preps for c in self.t.children):
                return None  # "X is allied with a movement": not "X and Y are allied"
            return self.passive_patients
        if self.active and not (self.patients or self.claimed or self.stance_holders):
            return self.agents
        return None


def _owned_relation(r: Reader, n: Token) -> bool:
    """Whether noun ``n`` is a relation its owner has with another ("Y's offensive against
    Z", "Y's alliance with Z"): read as such by the noun family, so a verb taking a stance
    on it relates its subject to the owner ("X opposed Y's offensive against Z")."""
    if n.lemma_.lower() not in r.lex.nouns:
        return False
    reading = noun_reading(r, n)
    return reading is not None and reading.rule == "noun-possessive"


def verb_frame(r: Reader, t: Token) -> VerbFrame | None:
    """The frame of relation verb ``t`` (``None`` when it is none, or when it names a group's
    own officer: "X elected Y as its candidate" is an affiliation)."""
    return r.memo("verb", t, _verb_frame)


def _verb_frame(r: Reader, t: Token) -> VerbFrame | None:
    trig = verb_trigger(r, t)
    if trig is None or r.own_office(t) is not None:
        return None
    return VerbFrame(r, t, trig)


@register("verb-link", pos=VERB, order=80, example="The dispute pitted Peru against Chile.")
def verb_link(r: Reader, t: Token) -> None:
    """A verb that relates its two objects: direct object x prepositional object ("pitted X
    against Y", "tied X to Y"; passive: "X was tied to Y")."""
    f = verb_frame(r, t)
    if f is None or not f.link:
        return
    objs = r.objects(t)
    others = r.prep_objects(t, f.trig.preps)
    if f.passive_voice:
        objs = r.passive_subjects(t)
    r.emit(objs, others, f.trig, t, "verb")


@register("verb-passive", pos=VERB, order=81, example="The Azure Party is backed by Peru.")
def verb_passive(r: Reader, t: Token) -> None:
    """A passive verb or participle: by-agent x subject ("X is backed by Y", "rebels armed
    by Y"); without an agent, subject x prepositional object ("X is allied with Y")."""
    f = verb_frame(r, t)
    if f is None or not f.passive:
        return
    if f.passive_agents:
        r.emit(f.passive_agents, f.passive_patients, f.trig, t, "verb-passive")
    elif f.passive_others:
        r.emit(f.passive_patients, f.passive_others, f.trig, t, "adj")


@register(
    "prep-stance", pos=VERB, order=95, example="The Green League voted against the Azure Party."
)
def prep_stance(r: Reader, t: Token) -> None:
    """A verb whose preposition gives its stance towards an actor: its subject (through
    relatives, control and conjunctions) x the preposition's object ("X voted against Y":
    -1; "X voted for Y", "X voted with Y", "X campaigned for Y": +1;
    ``prep_stance_verbs``, ``prep_stance_signs``), for the prepositions the verb's trigger
    entry does not read itself ("campaigned against Y" is ``verb-active``'s). A vote on a
    motion or a bill names no actor here (the ``motion`` unit reads "X voted for the motion
    against Y")."""
    w = r.w
    lemma = t.lemma_.lower()
    if lemma not in w.prep_stance_verbs or any(c.dep_ == "nsubjpass" for c in t.children):
        return
    agents = r.subject(t)
    trig = verb_trigger(r, t)  # the entry verb-active reads the verb by
    read = trig.preps if trig is not None else frozenset()
    for prep, sign in w.prep_stance_signs.items():
        preps = frozenset({prep})
        objects = r.prep_objects(t, preps) if prep not in read else []
        if agents and objects:
            kind = "support" if sign > 0 else "opposition"
            r.emit(agents, objects, Trigger(lemma, "verb", sign, kind, preps), t, "verb")


@register("verb-active", pos=VERB, order=96, example="Peru openly backs the Azure Party.")
def verb_active(r: Reader, t: Token) -> None:
    """An active verb: subject (through relatives, control and conjunctions) x direct object
    and the prepositions the trigger licenses ("X backs Y", "X fought against Y")."""
    f = verb_frame(r, t)
    if f is not None and f.active and f.patients:
        r.emit(f.agents, f.patients, f.trig, t, "verb")


@register("verb-claim", pos=VERB, order=97, example="Peru alleged that Chile armed the rebels.")
def verb_claim(r: Reader, t: Token) -> None:
    """A verb of claiming without an object: its subject x the subject of the claim ("X
    alleged that Y ...")."""
    f = verb_frame(r, t)
    if f is not None and f.active and f.claimed:
        r.emit(f.agents, f.claimed, f.trig, t, "verb")


@register(
    "verb-act-stance", pos=VERB, order=98, example="Peru condemned Chile's attack on the port."
)
def verb_act_stance(r: Reader, t: Token) -> None:
    """A relation verb whose object is an act: its subject x the act's owner or agent, with
    the verb's sign ("X condemned Y's attack", "X denounced the killings by Y"); with the one
    who suffers it, the opposite sign ("X condemned Y's arrest", "the arrest of Y", "X
    backed Y's dismissal"). Any act for a verb of accusation, a harming one for any other."""
    f = verb_frame(r, t)
    if f is not None and f.active and f.stance_holders:
        for holders, suffered in f.stance_acts:  # "condemned Y's arrest": with Y
            r.emit(f.agents, holders, r.stance_on_act(f.trig, suffered), t, "verb")


@register(
    "verb-destination",
    pos=VERB,
    order=98,
    example="Senator Ruiz defected from the Azure Party to the Green Front.",
)
def verb_destination(r: Reader, t: Token) -> None:
    """A split verb's destination: its subject joins the object of the destination
    preposition ("X defected (from Y) to Z": X and Z are allies)."""
    f = verb_frame(r, t)
    if f is None or not f.active or f.trig.kind != "split" or t.lemma_.lower() in r.lex.place_verbs:
        return  # "X left to Iran": a journey (``place_verbs``), not a defection
    if any(c.dep_ == "dobj" for c in t.children):
        return  # "X broke its promise to Y": a defection takes no object
    destination = r.prep_objects(t, r.w.destination_preps)
    if destination:
        joined = Trigger(f.trig.lemma, f.trig.pos, 1, "alliance")
        r.emit(f.agents, destination, joined, t, "verb")
