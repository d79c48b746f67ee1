"""Noun rules: a relation noun ("ally", "war", "sanctions") and the parties around it:
possessor or modifier, apposition, prepositional objects, and the subject of the clause it
sits in. Which reading a noun gets is decided once, in :func:`noun_reading` (the first that
applies, in a fixed order); each unit emits its own reading."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from factions.text.lexicon import Trigger, ends, verb_phrases
from factions.text.rules.arguments import NOUN, NOUNS, Arg, Reader
from factions.text.rules.registry import register

__all__ = [
    "NounReading",
    "emit_reading",
    "motion",
    "noun_appositive",
    "noun_class",
    "noun_kind",
    "noun_possessive",
    "noun_reading",
    "noun_subject_possessor",
    "noun_subject_prep",
]

if TYPE_CHECKING:
    from spacy.tokens import Token


def noun_class(r: Reader, t: Token) -> tuple[str, Trigger | None] | None:
    """What kind of relation noun ``t`` is: ``("trigger", trig)`` (a lexicon noun, or an
    event name like "the X-Y War", or a relationship noun whose modifier gives the sign:
    "close ties"), ``("request", None)``, ``("change", None)`` ("souring"),
    ``("relationship-change", None)`` ("relations soured"); ``None`` for other tokens."""
    return r.memo("noun-class", t, _noun_class)


def noun_kind(r: Reader, t: Token) -> str | None:
    """The first element of :func:`noun_class` ("trigger", "request", ...), or ``None``."""
    cls = noun_class(r, t)
    return cls[0] if cls is not None else None


def _noun_class(r: Reader, t: Token) -> tuple[str, Trigger | None] | None:
    lex = r.lex
    if t.pos_ == "PROPN" and t.ent_type_ == "EVENT" and t.lower_ in lex.nouns:
        return "trigger", lex.nouns[t.lower_]  # "the X-Y War"
    if t.pos_ != "NOUN":
        return None
    lemma = t.lemma_.lower()
    trig = lex.nouns.get(lemma) or lex.nouns.get(t.lower_)
    if trig is not None:
        return "trigger", trig
    if lemma in lex.request_nouns:
        return "request", None
    if lemma in lex.change_nouns or t.lower_ in lex.change_nouns:
        return "change", None
    if lemma in lex.relationship_nouns or t.lower_ in lex.relationship_nouns:
        if t.head.pos_ == "VERB" and t.head.lemma_.lower() in lex.change_verbs:
            return "relationship-change", None
        return "trigger", _relationship_trigger(r, t)
    return None


def _relationship_trigger(r: Reader, t: Token) -> Trigger | None:
    """ "close ties between X and Y", "strained relations with X", "relations between X and
    Y have been tense": the modifier gives the sign."""
    sign = 0
    for c in t.children:
        if c.dep_ in ("amod", "compound"):
            sign = r.lex.relationship_modifiers.get(c.lower_, sign)
    if not sign and t.dep_ == "nsubj" and t.head.lemma_.lower() in r.w.copulas:
        for c in t.head.children:
            if c.dep_ == "acomp" and not r.negated(t.head):
                sign = r.lex.relationship_modifiers.get(c.lower_, sign)
    if not sign:
        return None
    kind = "alliance" if sign > 0 else "hostility"
    return Trigger(t.lemma_.lower(), "noun", sign, kind, frozenset({"with"}))


@dataclass
class NounReading:
    """The reading a relation noun gets: the unit that emits it, its two sides (``left`` x
    ``right``, or every pair of ``left`` for "between" and co-subjects), and the pattern."""

    rule: str
    trig: Trigger
    left: list[Arg] = field(default_factory=list)
    right: list[Arg] = field(default_factory=list)
    pattern: str = ""
    subject: bool = False  # right are the objects of a clause subject (for go-betweens)


def noun_reading(r: Reader, t: Token) -> NounReading | None:
    """The one reading of relation noun ``t`` (``None`` when it states nothing)."""
    return r.memo("noun", t, _noun_reading)


def _noun_reading(r: Reader, t: Token) -> NounReading | None:  # noqa: C901 - one cascade
    cls = noun_class(r, t)
    if cls is None or cls[0] != "trigger" or cls[1] is None:
        return None
    trig = cls[1]
    lex, w = r.lex, r.w
    if trig.sign > 0 and t.dep_ == "dobj" and t.head.lemma_.lower() in w.loss_verbs:
        return None  # "X lost the support of Y"
    owners: list[Arg] = []
    for c in t.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in r.te:
            owners.append((r.te[c.i], c.i))
            owners.extend((r.te[g.i], g.i) for g in c.children if g.dep_ == "conj" and g.i in r.te)
    if trig.sign < 0:  # "an attack on X by Y": Y is the attacker
        owners += r.prep_objects(t, frozenset({"by"}))
    between = r.between(t)
    if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
        # "the war was between X and Y", "clashes erupted between X and Y"
        between += r.between(t.head)
        if trig.sign < 0:
            sides = _sides(r, t.head)
            if sides is not None:
                return NounReading("between-sides", trig, *sides, pattern="between")
    if trig.sign < 0:
        sides = _sides(r, t)
        if sides is not None:
            return NounReading("between-sides", trig, *sides, pattern="between")
    parties = w.between_preps
    others = [a for a in r.prep_objects(t, trig.preps - parties) if not _venue(r, a)]
    hung = trig.preps - parties - {"by"}
    if not others and t.dep_ == "dobj" and t.head.lemma_.lower() in lex.light_verbs:
        # "X expressed solidarity with Y": the prepositional object hung on the verb
        others = r.prep_objects(t.head, hung)
    elif (
        not others
        and trig.sign > 0
        and t.dep_ == "dobj"
        and ends(t.head, lex)
        and not r.unstated(t.head)
    ):
        # "X withdrew its support from Y": the other side hung on the ending verb
        others = r.prep_objects(t.head, w.ending_preps)
    elif (
        not others
        and t.dep_ == "pobj"
        and t.head.lower_ in w.state_preps
        and t.head.head.pos_ in ("VERB", "AUX")
    ):  # "X has been at war with Y", "X acted in alliance with Y": "with" hung on the verb
        others = r.prep_objects(t.head.head, hung - {t.head.lower_, "of", "for"})
    for c in t.children:
        if c.dep_ == "appos":
            others.extend(r.np(c))
        elif c.dep_ == "acl" and c.lemma_.lower() in w.aiming_verbs:
            others.extend(r.prep_objects(c, w.aiming_preps))
        elif (
            c.dep_ == "acl"
            and trig.kind in ("split", "opposition")
            and c.lemma_.lower() in w.leading_verbs
        ):  # "a schism led by X": X breaks with the owner
            others.extend(r.prep_objects(c, frozenset({"by"})))
        elif c.dep_ == "acl" and c.tag_ == "VBN" and not owners and trig.kind != "agreement":
            # "sanctions imposed by X on Y", "the offensive launched by X against Y"
            # (not "a deal mediated by X": the mediator is no party to it)
            by = r.prep_objects(c, frozenset({"by"}))
            if by and not r.negated(c):
                owners.extend(by)
                others.extend(r.prep_objects(c, trig.preps - parties))
    if t.dep_ == "nsubj":  # "X's supporters include Y", "... came to include Y"
        verbs = [t.head] + [c for c in t.head.children if c.dep_ in ("xcomp", "advcl")]
        for v in verbs:
            if v.lemma_.lower() in w.inclusion_verbs:
                for c in v.children:
                    if c.dep_ in ("dobj", "attr"):
                        others.extend(r.np(c))
    app = _appositive(t)
    if app is not None:
        head = r.np(app.head)
        if owners or others:
            return NounReading("noun-appositive", trig, head, owners + others, "noun-appos")
    if len({e for e, _ in between}) >= 2:
        return NounReading("between", trig, between, pattern="between")
    if owners and others:
        return NounReading("noun-possessive", trig, owners, others, "noun-poss")
    subj = r.governor_subject(t, 0) if t.dep_ != "nsubj" else []
    if subj and (_judged(r, t) or _opposed(r, t)):
        subj = []  # "X condemned the attack on Y": X judges the attack, X did not make it
    if (
        not owners
        and t.dep_ == "pobj"
        and t.head.lower_ in w.turn_preps
        and t.head.head.pos_ == "VERB"
    ):  # "turning X's policy from an alliance with Y": X is the one allied
        objs = r.objects(t.head.head)
        if objs and others:
            return NounReading("noun-subject-prep", trig, objs, others, "noun-prep")
    if owners and subj:  # "X is Y's ally"; "X backed Y's boycott": the verb's stance on it
        stance = _stance_verb(r, t)
        said = r.stance_on_act(stance, r.act_holders(t)[1]) if stance is not None else trig
        return NounReading("noun-subject-possessor", said, subj, owners, "noun-subj")
    if subj and others:  # "X waged war on Y"; "X opposed the removal of Y": with Y
        stance = _stance_verb(r, t)
        if stance is not None and stance.kind in _STANCE_KINDS and r.act_holders(t)[1]:
            trig = r.stance_on_act(stance, True)
        return NounReading("noun-subject-prep", trig, subj, others, "noun-prep", subject=True)
    if owners and len({e for e, _ in owners}) >= 2:
        return NounReading("coordination", trig, owners)
    if subj and not owners and not others and not _setting(r, t, trig):
        return NounReading("coordination", trig, subj)
    if not subj and not owners and len({e for e, _ in others}) >= 2:
        return NounReading("coordination", trig, others)  # "an alliance of X and Y"
    return None


def _sides(r: Reader, h: Token) -> tuple[list[Arg], list[Arg]] | None:
    """The two sides of "between A ... and B" when the parser hung B on ``h`` (the word
    that takes "between") as a conjunct instead of on A: "the conflict was between A on
    the one side, and B and C on the other side". Each side keeps its own conjuncts."""
    for c in h.children:
        if c.dep_ != "prep" or c.lower_ != "between":
            continue
        left = [a for p in c.children if p.dep_ == "pobj" for a in r.np(p)]
        if len({e for e, _ in left}) != 1:
            continue  # "between A and B, as well as C": the pair is already complete
        right = [
            a
            for g in h.children
            if g.dep_ == "conj" and g.i > c.i and g.pos_ in ("NOUN", "PROPN")
            for a in r.np(g)
        ]
        if left and right and not {e for e, _ in left} & {e for e, _ in right}:
            return left, right
    return None


def _venue(r: Reader, arg: Arg) -> bool:
    """ "its allies in parliament", "rivals in the cabinet": ``in`` + a common noun names
    where the relation plays out, not the other party ("its ally in Damascus" does)."""
    tok = r.doc[arg[1]]
    return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in"


def _appositive(t: Token) -> Token | None:
    """The appositive ``t`` is or is coordinated in: "X, a lawyer and Y's rival" describes X
    with both nouns."""
    if t.dep_ == "appos":
        return t
    if t.dep_ == "conj" and t.head.dep_ == "appos":
        return t.head
    return None


def _setting(r: Reader, t: Token, trig: Trigger) -> bool:
    """Whether noun ``t`` is only the setting of a verb that states the opposite relation:
    "X and Y were allied in the war", "X and Y cooperated during the war"."""
    if t.dep_ != "pobj" or t.head.head.i == t.head.i:
        return False
    gov = t.head.head
    other = r.lex.verbs.get(gov.lemma_.lower()) or r.lex.adjectives.get(gov.lower_)
    return other is not None and other.sign != trig.sign


def _opposed(r: Reader, t: Token) -> bool:
    """Whether noun ``t`` is what its clause stands against ("X fought against an alliance
    of Y and Z", "operations against the coalition") or puts down ("X crushed an uprising
    against Y": ``suppressing_verbs``): the subject is no party to it."""
    if t.dep_ == "pobj" and t.head.lower_ in r.w.opposing_preps:
        return True
    verb = _governing_verb(t, ("dobj", "nsubjpass"))
    return (
        verb is not None
        and verb.pos_ == "VERB"
        and bool(verb_phrases(verb) & r.w.suppressing_verbs)
    )


_STANCE_KINDS = frozenset({"support", "opposition"})  # kinds of a verb of stance on another's
# act ("backed", "opposed"), not of one the subject does itself ("waged war on Y")


def _stance_verb(r: Reader, t: Token) -> Trigger | None:
    """The relation verb noun ``t`` is the direct object of ("backed", "opposed", "left"),
    which states its subject's stance on the noun's holder rather than the noun's own
    relation; ``None`` for any other verb ("became Y's ally", "demanded Y's resignation")."""
    verb = _governing_verb(t)
    if verb is None or verb.pos_ != "VERB":
        return None
    v = r.lex.verbs.get(verb.lemma_.lower())
    return v if v is not None and v.mode != "link" else None


def _judged(r: Reader, t: Token) -> bool:
    """Whether noun ``t`` is the object of a verb that condemns or blames ("condemned
    the attack", "denounced the coup")."""
    verb = _governing_verb(t)
    v = r.lex.verbs.get(verb.lemma_.lower()) if verb is not None else None
    return v is not None and v.kind == "accusation"


def _governing_verb(t: Token, deps: tuple[str, ...] = ("dobj",)) -> Token | None:
    """The word noun ``t`` is the ``deps`` argument of, through conjuncts and appositions
    ("condemned the attack and the killings": "condemned" for both)."""
    n = t
    while n.dep_ in ("conj", "appos") and n.head.i != n.i:
        n = n.head
    return n.head if n.dep_ in deps else None


def emit_reading(r: Reader, t: Token, rule: str) -> None:
    """Emit ``t``'s noun reading when it is ``rule``'s; not when the noun heads the name of
    one of its own arguments ("vowed to bring down the rainbow coalition": the coalition
    the noun names is no ally of the subject)."""
    reading = noun_reading(r, t)
    if reading is None or reading.rule != rule:
        return
    own = r.te.get(t.i)
    if own is not None and own in {e for e, _ in (*reading.left, *reading.right)}:
        return
    r.emit(reading.left, reading.right, reading.trig, t, reading.pattern)


@register(
    "noun-appositive",
    pos=NOUNS,
    order=84,
    example="Tomas Reyes, a rival of the Azure Party, spoke.",
)
def noun_appositive(r: Reader, t: Token) -> None:
    """A relation noun in apposition: the actor it describes x the noun's possessor or
    prepositional object ("X, an ally of Y"; "his rival, X")."""
    emit_reading(r, t, "noun-appositive")


@register("noun-possessive", pos=NOUNS, order=86, example="Peru's alliance with Chile held.")
def noun_possessive(r: Reader, t: Token) -> None:
    """A relation noun with a possessor or modifier (or by-agent) and a prepositional object:
    owner x object ("X's alliance with Y", "Peruvian sanctions on Y")."""
    emit_reading(r, t, "noun-possessive")


@register(
    "noun-subject-possessor", pos=NOUNS, order=87, example="Peru has become Chile's closest ally."
)
def noun_subject_possessor(r: Reader, t: Token) -> None:
    """A relation noun with a possessor, in a clause whose subject is the other party:
    subject x possessor ("X has become his rival", "X is Y's ally"); as the object of a
    relation verb, with the verb's stance on the possessor ("X backed Y's boycott": +1, "X
    opposed Y's offensive": -1, "X opposed Y's impeachment": +1)."""
    emit_reading(r, t, "noun-subject-possessor")


@register(
    "noun-subject-prep", pos=NOUNS, order=88, example="Peru launched an offensive against Chile."
)
def noun_subject_prep(r: Reader, t: Token) -> None:
    """A relation noun with a prepositional object, in a clause whose subject holds it:
    subject x object ("X waged war on Y", "X is an ally of Y", "X expressed solidarity
    with Y")."""
    emit_reading(r, t, "noun-subject-prep")


def _motion_sign(r: Reader, t: Token) -> tuple[int, list[Token]] | None:
    """The sign motion noun ``t`` has for its target, by the word that qualifies it ("a
    censure motion": -1; "a motion of confidence": +1; "no" before "confidence": -1), and
    the tokens whose prepositions may name the target (the noun and that word: "a motion of
    no confidence in X")."""
    q = r.w.motion_qualifiers
    words = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod")]
    words += [p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
    for c in words:
        sign = q.get(c.lower_) or q.get(c.lemma_.lower())
        if sign is None:
            continue
        if sign > 0 and any(d.lower_ in ("no", "non") for d in c.children):
            sign = -1  # "no-confidence", "a motion of no confidence"
        return sign, [t, c]
    return None


@register(
    "motion",
    pos=NOUN,
    order=84,
    example="The Azure Party tabled a censure motion against the Green League.",
)
def motion(r: Reader, t: Token) -> None:
    """A motion in a legislature against (or for) someone: those who move or back it x its
    target ("X tabled a motion of no confidence in Y", "a censure motion against Y tabled
    by X", "X's no-confidence motion against Y": -1; "X backed a motion of confidence in
    Y": +1). The movers are the subject of a moving verb (``motion_moving_verbs``, not
    negated: "X refused to back the motion" says nothing), the motion's possessor or its
    "by" agent; a motion that only names its target ("Y survived a no-confidence vote")
    relates no one."""
    w = r.w
    if t.pos_ != "NOUN" or t.lemma_.lower() not in w.motion_nouns or r.negated(t):
        return
    qualified = _motion_sign(r, t)
    if qualified is None:
        return
    sign, holders = qualified
    preps = w.motion_target_preps
    targets = [a for h in holders for a in r.prep_objects(h, preps)]
    movers = r.owners(t)
    for c in t.children:  # "a motion tabled by X against Y"
        if c.dep_ == "acl" and c.lemma_.lower() in w.motion_moving_verbs and not r.negated(c):
            movers += r.prep_objects(c, frozenset({"by"}))
            targets += r.prep_objects(c, preps)
    v = _governing_verb(t, ("dobj", "nsubjpass", "pobj"))
    if v is not None and v.dep_ == "prep":
        v = v.head  # "X called for a vote of no confidence in Y"
    if v is not None and v.lemma_.lower() in w.motion_moving_verbs and not r.negated(v):
        movers += r.governor_subject(t, 0)
    own = {e for e, _ in movers}
    targets = [a for a in targets if a[0] not in own]
    if movers and targets:
        kind = "opposition" if sign < 0 else "support"
        trig = Trigger(t.lemma_.lower(), "noun", sign, kind, preps)
        r.emit(movers, targets, trig, t, "noun-prep")
