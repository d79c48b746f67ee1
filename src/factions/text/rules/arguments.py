"""The argument machinery every rule unit shares: who an NP stands for, a clause's subject,
prepositional objects, negation, past markers, and the one way findings are emitted.

A :class:`Reader` wraps one parsed document and its token -> entity map. Arguments stand for
their owners through proxy heads ("Varga's supporters" -> Varga), relative pronouns, appositions,
conjuncts and listed members ("parties comprising X and Y"). Negation ("not to antagonize")
and cancelling verbs ("refused to support") drop a finding; past markers ("former ally") mark
it as past so the present state wins at aggregation. Confidence depends on the pattern type
(:data:`CONFIDENCE`). Cost: O(tokens x dependency depth), no re-parsing.

The words tested here are data (``lexicon/rules.yaml``, :class:`~factions.text.lexicon.RuleWords`);
only dependency labels, part-of-speech tags and single function words ("of", "by") are code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, NamedTuple

from factions.model import ActorKind
from factions.text.lexicon import Lexicon, Trigger, cancels, ends, lapses, refuses
from factions.text.mentions import word_positions
from factions.text.parse_memo import has_negation

__all__ = [
    "ADJ_VERB",
    "ANY_TRIGGER",
    "AffiliationFinding",
    "AffiliationReader",
    "CONFIDENCE",
    "Finding",
    "NOUN",
    "NOUNS",
    "Reader",
    "VERB",
    "VERB_NOUN",
    "VERB_NOUNS",
]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# How sure a finding is, by the shape of the pattern that read it (not by the rule unit:
# a unit may read several shapes, e.g. "X is backed by Y" and "X is allied with Y").
CONFIDENCE = {
    "noun-poss": 0.85,
    "noun-appos": 0.85,
    "adj": 0.85,
    "participle": 0.85,
    "between": 0.8,
    "verb": 0.75,
    "verb-passive": 0.75,
    "noun-subj": 0.7,
    "noun-prep": 0.7,
    "coordination": 0.6,
    "change": 0.95,
    "stance": 0.7,
}


# The parts of speech a rule unit reads (``register(pos=...)``).
ADJ_VERB = ("ADJ", "VERB")
ANY_TRIGGER = ("VERB", "NOUN", "PROPN", "ADJ")
NOUN = ("NOUN",)
NOUNS = ("NOUN", "PROPN")
VERB = ("VERB",)
VERB_NOUN = ("VERB", "NOUN")
VERB_NOUNS = ("VERB", "NOUN", "PROPN")


@dataclass(frozen=True)
class Finding:
    """One relation stated in one sentence: entity indices, sign, kind and evidence span.

    ``pattern`` is the shape that gives the confidence; ``rule`` names the rule unit that
    read it (:data:`factions.text.rules.RULES`)."""

    a: int
    b: int
    sign: int
    kind: str
    confidence: float
    pattern: str
    start_char: int
    end_char: int
    sent_start: int
    sent_end: int
    past: bool = False
    trigger: int = -1
    dominant: bool = False  # states the present outright ("has become his rival", "souring")
    rule: str = ""


Arg = tuple[int, int]  # (entity, token index)


class Reader:
    """Reads arguments from one parsed document, given its token -> entity map, and collects
    the findings of the rule unit that is running (:attr:`rule`)."""

    def __init__(
        self,
        doc: Doc,
        tok_entity: dict[int, int],
        lex: Lexicon,
        pairs: dict[int, tuple[int, ...]] | None = None,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        self.doc = doc
        self.te = tok_entity
        self.lex = lex
        self.w = lex.rules
        self.pairs = pairs or {}  # token -> its entities ("the two men", "all parties")
        self.sign_of: dict[int, int] = {}  # argument token -> sign it carries
        self.joint: set[int] = set()  # proxy heads standing for coordinated owners
        self.respectively = [i for w in self.w.respectively_words for i in word_positions(doc, w)]
        self.found: list[Finding] = []
        self.rule = ""  # the unit now running: its name goes on every finding
        self.disabled = disabled
        self._memo: dict[tuple[str, int], Any] = {}

    def memo(self, name: str, t: Token, compute: Callable[[Any, Token], Any]) -> Any:
        """``compute(self, t)`` once per (``name``, token): a frame several units read."""
        key = (name, t.i)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self, t)
            return value

    # --- argument helpers ---------------------------------------------------------------
    def np(self, tok: Token, depth: int = 0, conj: bool = True) -> list[Arg]:
        """Entities an NP headed by ``tok`` refers to (with conjuncts, appositions, proxies,
        and listed members: "parties comprising X and Y", "academics such as X")."""
        if depth > 5:
            return []
        w = self.w
        out: list[Arg] = []
        e = self.te.get(tok.i)
        if tok.lower_ in w.relative_pronouns and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            h = tok.head
            steps = 0
            while h.dep_ not in ("relcl", "acl") and h.head.i != h.i and steps < 3:
                if h.dep_ not in ("conj", "xcomp", "prep", "pcomp"):
                    break
                h = h.head
                steps += 1
            if h.dep_ in ("relcl", "acl"):
                ante = h.head
                if ante.dep_ == "conj" and any(  # "X and Y, which are allied": both
                    c.dep_ in ("aux", "auxpass") and c.lower_ in w.plural_auxiliaries
                    for c in h.children
                ):
                    while ante.dep_ == "conj" and ante.head.i != ante.i:
                        ante = ante.head
                return self.np(ante, depth + 1)
            return []
        lex = self.lex
        if tok.i in self.pairs:
            return [(x, tok.i) for x in self.pairs[tok.i]]
        if e is None and tok.lower_ in w.plural_pronouns and depth == 0:
            return self.they(tok)
        if e is None and tok.lower_ in w.repeat_pronouns and tok.dep_ == "conj":
            return self.those_of(tok, depth)
        if e is None and tok.lower_ in w.quantifiers:
            out.extend(self.part_of(tok, depth))
        if e is not None:
            out.append((e, tok.i))
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.proxy_heads:
                for c in tok.children:  # "the Ruvian government of X": X as well
                    if c.dep_ == "prep" and c.lower_ == "of":
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.np(p, depth + 1))
        elif (
            tok.dep_ == "appos"
            and tok.pos_ == "NOUN"
            and tok.head.i in self.te
            and tok.lemma_.lower() in lex.group_words
        ):  # "X, a Somali group that ...": the group is X, not its modifiers
            out.extend(self.appos_heads(tok))
        elif tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            lemma = tok.lemma_.lower()
            proxy = lemma in lex.proxy_heads or tok.lower_ in lex.proxy_heads
            named = proxy and self.named_group(tok)
            for c in tok.children:
                dep = c.dep_
                if named and dep == "poss":
                    continue  # "Ruvia's ruling Green party": the party, not Ruvia
                if proxy and dep == "poss" and c.lower_ == "whose" and depth < 3:
                    out.extend(self.whose_antecedent(tok, depth))  # "X, whose fighters attacked Y"
                elif proxy and dep in ("poss", "compound", "amod", "nmod") and c.i in self.te:
                    more = [g for g in c.children if g.dep_ == "conj" and g.i in self.te]
                    # "his Ostravan and Ruvian allies": one head standing for both owners
                    prefixed = None if more else self.stance_prefix(c)
                    at = tok.i if more or prefixed is not None else c.i
                    if more:
                        self.joint.add(at)
                    if prefixed is not None:  # "the anti-X bloc": the side against X
                        self.sign_of[at] = prefixed
                    out.append((self.te[c.i], at))
                    out.extend((self.te[g.i], at) for g in more)
                elif dep == "prep":
                    if (proxy and c.lower_ == "of") or self.introduces_examples(c):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.np(p, depth + 1))
                elif dep in ("acl", "relcl") and self.lists(c):
                    for g in c.children:
                        if g.dep_ == "dobj":
                            out.extend(self.np(g, depth + 1))
                        elif g.dep_ == "prep" and g.lower_ == "of":
                            for p in g.children:
                                if p.dep_ == "pobj":
                                    out.extend(self.np(p, depth + 1))
            if not out and proxy:
                # "the side opposed to X": stands for X with the sign flipped
                for c in tok.children:
                    adj = lex.adjectives.get(c.lower_)
                    if adj is not None and c.dep_ in ("acl", "amod", "relcl"):
                        for a in self.prep_objects(c, adj.preps):
                            self.sign_of[a[1]] = adj.sign
                            out.append(a)
            if not out:  # "the parties, led by X": the leader stands for the group
                for c in tok.children:
                    if c.dep_ == "acl" and c.lemma_.lower() in w.leading_verbs:
                        out.extend(self.prep_objects(c, frozenset({"by"})))
            if not out and depth == 0 and tok.dep_ == "appos" and tok.head.i in self.te:
                out.extend(self.appos_heads(tok))
        if conj and e is not None:
            out.extend(self.along_with(tok))  # "X, together with Y, ..."
        if conj:
            same = self.same_mention(tok)
            kids = list(tok.children)
            if e is not None:  # conjuncts hung on an inner token of a multi-word name
                for m in tok.subtree:
                    if m.i != tok.i and self.te.get(m.i) == e:
                        kids.extend(c for c in m.children if c.dep_ == "conj")
            for c in kids:
                if c.i in same or self.te.get(c.i, -1) == e:
                    continue
                if c.dep_ == "conj" or (
                    # "X, a member of Y" describes X; it does not add Y
                    c.dep_ == "appos"
                    and (c.i in self.te or c.lemma_.lower() not in self.lex.proxy_heads)
                ):
                    out.extend(self.np(c, depth + 1))
        return out

    def introduces_examples(self, prep: Token) -> bool:
        """Whether preposition ``prep`` lists examples: "including", "like", "such as"."""
        low = prep.lower_
        return low in self.w.example_preps or (
            low == "as" and prep.i > 0 and self.doc[prep.i - 1].lower_ == "such"
        )

    def named_group(self, tok: Token) -> bool:
        """Whether group noun ``tok`` carries its own name ("the Green party")."""
        return tok.lemma_.lower() in self.lex.group_words and any(
            c.dep_ == "compound" and c.i in self.te for c in tok.children
        )

    def collective(self, v: Token) -> tuple[list[Arg], list[Arg]]:
        """ "X and Y, collectively known as Z" / "together referred to as Z": the members
        (X, Y) and the collective they form (Z); empty lists when ``v`` is no such phrase."""
        if not any(c.dep_ == "advmod" and c.lower_ in self.w.together_adverbs for c in v.children):
            return [], []
        group = self.prep_objects(v, frozenset({"as"}))
        if not group:
            return [], []
        members = self.np(v.head, conj=True) if v.dep_ == "acl" else self.subject(v.head)
        own = {e for e, _ in group}
        return [a for a in members if a[0] not in own], group

    def named_collective(self, t: Token) -> tuple[list[Arg], list[Arg]]:
        """:meth:`collective` at a verb of naming in a participle or adverbial clause
        ("collectively known as Z"); empty lists elsewhere."""
        if (
            t.pos_ != "VERB"
            or t.lemma_.lower() not in self.w.naming_verbs
            or t.dep_ not in ("acl", "advcl")
        ):
            return [], []
        return self.collective(t)

    def lists(self, v: Token) -> bool:
        """Whether verb ``v`` lists the members of the noun it modifies ("comprising",
        "composed of", "made up of")."""
        lemma = v.lemma_.lower()
        if lemma in self.lex.list_verbs:
            return True
        particles = self.w.list_particle_verbs.get(lemma, frozenset())
        return any(c.dep_ == "prt" and c.lower_ in particles for c in v.children)

    def those_of(self, tok: Token, depth: int) -> list[Arg]:
        """ "the forces of X and those of Y and Z": "those of" stands for Y and Z together,
        one party beside X (they are not set against one another)."""
        owners = [
            e
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for e, _ in self.np(p, depth + 1)
        ]
        owners = list(dict.fromkeys(owners))
        if len(owners) > 1:
            self.joint.add(tok.i)
        return [(e, tok.i) for e in owners]

    def part_of(self, tok: Token, depth: int) -> list[Arg]:
        """ "most of X", "much of X", "parts of X": a share of an actor acts for it."""
        return [
            a
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj" and p.i in self.te
            for a in self.np(p, depth + 1, conj=False)
        ]

    def whose_antecedent(self, tok: Token, depth: int) -> list[Arg]:
        """The antecedent of "whose" in "X, whose fighters attacked Y": the head of the
        relative clause that ``tok`` (the possessed noun) sits in."""
        h = tok
        for _ in range(4):
            if h.dep_ == "relcl":
                return self.np(h.head, depth + 1, conj=False)
            if h.head.i == h.i:
                break
            h = h.head
        return []

    def co_agent_with(self, prep: Token) -> bool:
        """Whether "with" ``prep`` names a co-agent: "together with Y", "along with Y"."""
        return any(
            g.dep_ == "advmod" and g.lower_ in self.w.co_agent_adverbs for g in prep.children
        )

    def along_with(self, tok: Token, patients: bool = False) -> list[Arg]:
        """Co-agents joined by "along with" / "together with" to ``tok`` (a verb or the
        subject noun): "X, along with Y, backed Z"; with ``patients``, the co-patients such a
        phrase joins to the object of a harming verb instead ("arrested X together with Y":
        :meth:`co_patient`)."""
        out: list[Arg] = []
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "along":
                withs = [g for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
            elif c.lower_ == "with" and self.co_agent_with(c):
                withs = [c]
            else:
                continue
            if self.co_patient(tok, c) != patients:
                continue
            for w in withs:
                out.extend(a for p in w.children if p.dep_ == "pobj" for a in self.np(p))
        return out

    def stance_prefix(self, tok: Token) -> int | None:
        """The sign of a stance prefix written onto the name ``tok`` belongs to ("anti-X":
        -1, "pro-X": +1; ``stance_prefixes``), else None."""
        e = self.te.get(tok.i)
        first = tok.i
        while (
            e is not None
            and first > 0
            and self.te.get(first - 1) == e
            and self.doc[first - 1].text != "-"  # NER may take the prefix into the name
        ):
            first -= 1
        if first < 2 or self.doc[first - 1].text != "-":
            return None
        return self.w.stance_prefixes.get(self.doc[first - 2].lower_)

    def co_patient(self, v: Token, phrase: Token) -> bool:
        """Whether the "together with" / "along with" ``phrase`` on ``v`` joins its object:
        ``v`` is one of ``harming_verbs`` and an actor it acts on comes before the phrase
        ("the army arrested X, together with Y"; not "X, together with Y, arrested Z")."""
        return v.lemma_.lower() in self.w.harming_verbs and any(
            c.dep_ == "dobj" and c.i < phrase.i and self.np(c, conj=False) for c in v.children
        )

    def appos_heads(self, tok: Token) -> list[Arg]:
        """The actors an appositive ``tok`` describes: its head, and when ``tok`` is plural
        the head's conjuncts too ("X and Y, groups backed by Z" describes both X and Y; "X,
        Y and Z, a group backed by W" only Z)."""
        h = tok.head
        out: list[Arg] = [(self.te[h.i], h.i)]
        if tok.tag_ not in ("NNS", "NNPS"):
            return out
        out.extend((self.te[c.i], c.i) for c in h.children if c.dep_ == "conj" and c.i in self.te)
        return out

    def they(self, tok: Token) -> list[Arg]:
        """ "X and Y met after they ...": a subordinate "they" is the coordinated subject
        (or passive agents) of the clause it hangs on, when that names two actors or more."""
        v = tok.head
        if (
            tok.dep_ not in ("nsubj", "nsubjpass")
            or v.dep_ not in ("advcl", "conj")
            or v.i == v.head.i
        ):
            return []
        main = v.head
        args = self.subject(main) or self.prep_objects(main, frozenset({"by"}))
        if len({e for e, _ in args}) < 2:
            return []
        return [(e, tok.i) for e in dict.fromkeys(e for e, _ in args)]

    def same_mention(self, tok: Token) -> set[int]:
        e = self.te.get(tok.i)
        if e is None:
            return set()
        return {c.i for c in tok.children if self.te.get(c.i) == e}

    def subject(self, v: Token, depth: int = 0) -> list[Arg]:
        """The subject of the clause that ``v`` predicates (through control and relatives)."""
        if depth > 6:
            return []
        for c in v.children:
            if c.dep_ in ("nsubj", "csubj"):
                found = self.np(c)
                if not found and c.ent_type_ in ("DATE", "TIME"):
                    # "- May 2019: X and Y formed Z": the line's date read as a subject too
                    later = [d for d in v.children if d.dep_ == "nsubj" and d.i > c.i]
                    found = next((a for a in map(self.np, later) if a), [])
                return found + self.along_with(v)
            if c.dep_ in ("aux", "auxpass"):  # parser slip: subject hung on the auxiliary
                for g in c.children:
                    if g.dep_ == "nsubj":
                        return self.np(g)
        fronted = self.fronted_subject(v)
        if fronted:
            return fronted
        if depth > 0:
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    return self.np(c)
        if v.pos_ in ("NOUN", "PROPN") and depth > 0:
            n = v
            while n.dep_ == "conj" and n.head.i != n.i and n.head.pos_ in ("NOUN", "PROPN"):
                n = n.head
            owners = self.owners(n)
            if owners:  # "its participation in besieging X"
                return owners
            return self.governor_subject(v, depth)
        dep = v.dep_
        h = v.head
        if h.i == v.i:
            return []
        if dep == "relcl":
            found = self.np(h)
            if not found and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                # "this move by X, to break away from Y" (an infinitive parsed as relative)
                found = self.holder(h)
            return found
        if dep == "acl":
            found = self.np(h) or self.prep_objects(h, frozenset({"by"}))
            if found:  # "an attempt by X to oust Y"
                return found
            return self.governor_subject(h, depth)
        if dep in ("advcl", "xcomp") and h.lemma_ == "be":
            for c in h.children:  # "the effort was an attempt by X ... to force Y out"
                if c.dep_ == "attr":
                    found = self.prep_objects(c, frozenset({"by"}))
                    if found:
                        return found
        if dep == "xcomp" and h.lemma_.lower() in self.w.object_control_verbs:
            # object control: "X pressed Y to expel Z": Y expels
            objs = [c for c in h.children if c.dep_ == "dobj" and c.i < v.i]
            if objs and all(c.lemma_.lower() in self.w.follower_nouns for c in objs):
                # "X urged voters to back Y": who urges its followers acts through them
                return self.subject(h, depth + 1)
            if objs:
                return [a for c in objs for a in self.np(c)]
        if dep in ("xcomp", "conj", "advcl", "acomp", "attr", "oprd", "ccomp", "pcomp"):
            if dep == "pcomp" and h.lower_ in self.w.object_control_preps and h.head.pos_ == "VERB":
                # object control: "blame X for removing Y", "accuse X of helping Y"
                objs = self.objects(h.head)
                if objs:
                    return objs
            if h.dep_ == "prep" or h.pos_ == "ADP":
                return self.subject(h.head, depth + 1) if h.head.i != h.i else []
            if dep == "conj" and h.pos_ not in ("VERB", "AUX", "ADJ"):
                return []
            return self.subject(h, depth + 1)
        return []

    def fronted_subject(self, v: Token) -> list[Arg]:
        """The subject the parser hung on a date phrase fronted before verb ``v``, as its
        preposition's second object: "On 30 December the Senate, ..., sentenced him" (the
        verb has no subject of its own; "the Senate" is parsed beside "30 December")."""
        if v.pos_ not in ("VERB", "AUX") or any(
            c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in v.children
        ):
            return []
        for c in v.children:
            if c.dep_ != "prep" or c.i > v.i:
                continue
            objs = [p for p in c.children if p.dep_ == "pobj"]
            if len(objs) > 1 and objs[0].ent_type_ in ("DATE", "TIME"):
                if objs[-1].ent_type_ not in ("DATE", "TIME"):
                    return self.np(objs[-1])
        return []

    def governor_subject(self, n: Token, depth: int) -> list[Arg]:
        """Subject of the verb that takes noun ``n`` as object ("launched a campaign ...")."""
        while n.dep_ in ("conj", "appos") and n.head.i != n.i:
            n = n.head
        if n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.pos_ == "NOUN":
            return self.with_holder(n.head.head, depth)
        if n.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
            return self.subject(n.head, depth + 1)
        if (
            n.dep_ == "pobj"
            and n.head.dep_ == "prep"
            and n.head.head.pos_ in ("VERB", "AUX")
            and n.head.lower_ not in self.w.temporal_preps
        ):
            found = self.subject(n.head.head, depth + 1)
            if not found and n.head.lower_ == "with":  # "X's victory came with support from Y"
                for c in n.head.head.children:
                    if c.dep_ == "nsubj" and c.pos_ == "NOUN":
                        found = self.with_holder(c, depth)
            return found
        return []

    def owners(self, n: Token) -> list[Arg]:
        """The named possessors of ``n`` ("X's decision")."""
        return [(self.te[c.i], c.i) for c in n.children if c.dep_ == "poss" and c.i in self.te]

    def objects(self, v: Token, conj: bool = True) -> list[Arg]:
        """The actors of ``v``'s direct objects (with ``conj``, their conjuncts and the
        co-patients a "together with" phrase joins to them: :meth:`co_patient`)."""
        found = [a for c in v.children if c.dep_ == "dobj" for a in self.np(c, conj=conj)]
        return found + self.along_with(v, patients=True) if conj and found else found

    def passive_subjects(self, v: Token) -> list[Arg]:
        """The actors of ``v``'s passive subjects."""
        return [a for c in v.children if c.dep_ == "nsubjpass" for a in self.np(c)]

    def holder(self, n: Token) -> list[Arg]:
        """The actor whose act noun ``n`` is: its owner ("X's decision") or agent ("the move
        by X")."""
        return self.owners(n) or self.prep_objects(n, frozenset({"by"}))

    def act_holders(self, act: Token) -> tuple[list[Arg], bool]:
        """Whose act noun ``act`` is, and whether they suffer it (``harming_acts``): its
        owner ("X's boycott"; "Y's arrest", suffered, when no one else is named as its object
        or agent: "Y's arrest of Z" is Y's own), its agent ("the arrest by X"), else the one
        a harming act is done to ("the arrest of Y", suffered)."""
        harming = act.lemma_.lower() in self.w.harming_acts
        held = self.holder(act)
        if held:  # an owner suffers it when it names no object or agent of its own
            named = any(
                c.dep_ in ("prep", "agent") and c.lower_ in ("of", "by") for c in act.children
            )
            return held, harming and not named and bool(self.owners(act))
        if not harming:
            return [], False
        return self.prep_objects(act, frozenset({"of"})), True

    @staticmethod
    def stance_on_act(trig: Trigger, suffered: bool) -> Trigger:
        """What a stance ``trig`` ("backed", "condemned") on an act states toward its holder
        (:meth:`act_holders`): the stance's own sign for the holder's own act ("X backed Y's
        boycott": with Y), the opposite for one they suffer ("X condemned Y's arrest": with
        Y; "X backed Y's ouster": against Y)."""
        return replace(trig, sign=-trig.sign) if suffered else trig

    def with_holder(self, g: Token, depth: int) -> list[Arg]:
        """Who holds noun ``g`` that a "with ..." phrase hangs on: "X won the vote with
        support from Y" (the subject), "the victory by X / X's victory, with support from Y"
        (the agent or owner)."""
        if g.i in self.te:
            return []
        return self.holder(g) or self.governor_subject(g, depth + 1)

    def prep_objects(self, tok: Token, preps: frozenset[str]) -> list[Arg]:
        """Actors in the objects of ``tok``'s prepositions ``preps`` (and of its by-agent);
        "together with Y" names a co-agent, not an object."""
        out: list[Arg] = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:  # "gave X to Y": dative "to"
                if c.lower_ == "with" and self.co_agent_with(c):
                    continue
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.np(p))
                    elif p.dep_ == "prep" and p.lower_ in preps:  # "away from", "out of"
                        for q in p.children:
                            if q.dep_ == "pobj":
                                out.extend(self.np(q))
            elif c.dep_ == "agent" and "by" in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.np(p))
            elif c.dep_ in ("prt", "advmod") and c.lower_ in self.w.separation_particles:
                out.extend(self.prep_objects(c, preps))
        return out

    def between(self, t: Token, topic: bool = True) -> list[Arg]:
        """Actors of "between X and Y" / "among X, Y and Z" on ``t``; with ``topic`` also when
        the parser hung it on the object of an issue phrase ("a struggle over the presidency
        between X and Y")."""
        w = self.w
        out: list[Arg] = []
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in w.between_preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.np(p))
            elif topic and c.dep_ == "prep" and c.lower_ in w.topic_preps:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i not in self.te:
                        out.extend(self.between(p, topic=False))
                        for g in p.children:
                            if g.dep_ == "conj" and g.i not in self.te:
                                out.extend(self.between(g, topic=False))
        return out

    def own_office(self, v: Token) -> Token | None:
        """The office noun of "X elected / named Y as its candidate": a group choosing its
        own officer (an affiliation of Y with X, not a relation between them)."""
        if v.lemma_.lower() not in self.w.choose_verbs:
            return None
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                for p in c.children:
                    if p.dep_ == "pobj" and any(
                        g.dep_ == "poss" and g.lower_ in self.w.own_possessives for g in p.children
                    ):
                        return p
        return None

    # --- modifiers ----------------------------------------------------------------------
    def negated(self, t: Token) -> bool:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
            return True  # "did not back", "no support from X"
        if self.no_longer(t) or (
            t.dep_ in ("attr", "acomp", "oprd") and t.head.i != t.i and self.no_longer(t.head)
        ):
            return True  # "X no longer backs Y", "X is no longer an ally of Y"
        if t.pos_ == "VERB" and any(  # "received no help from X"
            c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in t.children
        ):
            return True
        h = t.head
        if t.dep_ in ("xcomp", "acomp", "attr", "dobj", "ccomp") and h.i != t.i:
            if has_negation(h) and h.lemma_ not in ("be",):
                return True
            if cancels(h, self.lex):
                return True
            verb = h.lemma_.lower()
            if (  # "X failed to win the support of Y": a getting that is cancelled, and so
                # is a making: "X refused to form a coalition with Y" (not "X refused to
                # condemn Y's attack on Z", nor "to join Y's attack on Z": Y's attack stands)
                h.dep_ == "xcomp"
                and h.head.i != h.i
                and cancels(h.head, self.lex)
                and (
                    verb in self.w.getting_verbs
                    or (verb in self.w.making_verbs and not self._owned_by_another(t))
                )
            ):
                return True
        if (
            t.dep_ == "pobj"
            and h.dep_ == "prep"
            and h.lower_ not in self.w.uncancelled_preps  # "the crisis ended with a reconciliation"
            and cancels(h.head, self.lex)
        ):
            return True
        return False

    def unstated(self, v: Token) -> bool:
        """Whether verb ``v`` states no present fact: negated, intended or threatened
        ("threatened to go into opposition", "is considering withdrawing its support"),
        hanging on an adjective, noun or preposition of intent ("unable to end", "no plans
        to end", "voted against ending"), hypothetical ("would go", "if ... went", "will
        probably pull out"), or a near miss ("nearly collapsed", "was almost terminated")."""
        w = self.w
        if self.negated(v) or any(
            c.dep_ == "advmod" and c.lower_ in w.near_miss_words for c in v.children
        ):  # "nearly collapsed", "was almost terminated"
            return True
        h = v.head
        if h.i != v.i:
            head = h.lemma_.lower()
            if v.dep_ in ("xcomp", "ccomp") and (
                head in w.intent_verbs or (h.pos_ == "ADJ" and head in w.intent_adjectives)
            ):
                return True
            if v.dep_ == "acl" and h.pos_ == "NOUN" and head in w.intent_nouns:
                return True
            if v.dep_ == "pcomp" and (
                h.lower_ in w.unasserting_preps or h.head.lower_ in w.unasserting_preps
            ):
                return True  # "voted against ending", "instead of ending"
        marks = self.lex.modal_verbs | w.hypothetical_marks
        clause = [v, h] if v.dep_ in ("xcomp", "advcl", "ccomp") else [v]
        return any(  # "would go into opposition", "said it would go", "if ... went"
            c.dep_ in ("aux", "mark") and c.lower_ in marks for x in clause for c in x.children
        )

    def _owned_by_another(self, t: Token) -> bool:
        """Whether noun ``t`` has a possessor that is not a pronoun ("Y's attack", not "its
        alliance"): the relation it names is that possessor's."""
        return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in t.children)

    def no_longer(self, t: Token) -> bool:
        """Whether ``t`` carries "no longer" / "not any longer"."""
        w = self.w
        return any(
            c.lower_ in w.longer_words and any(g.lower_ in w.negators for g in c.children)
            for c in t.children
            if c.dep_ == "advmod"
        )

    def past(self, t: Token) -> bool:
        for c in t.children:
            if c.dep_ in ("amod", "advmod", "compound") and c.lower_ in self.lex.past_markers:
                return True
        if (
            t.i >= 2
            and self.doc[t.i - 1].text == "-"
            and self.doc[t.i - 2].lower_ in self.w.past_prefixes
        ):
            return True
        return False

    # --- emitting -----------------------------------------------------------------------
    def emit(
        self, agents: list[Arg], patients: list[Arg], trig: Trigger, t: Token, pattern: str
    ) -> None:
        """A finding for every agent x patient pair, unless negated (a refusal to recognise
        turns support into opposition); "A and B ... C and D, respectively" pairs in order.
        Findings of a disabled unit are dropped here (the unit still runs, so switching it
        off removes exactly its findings)."""
        if not agents or not patients:
            return
        turned = self.refused(t, trig, agents)
        if turned:
            trig = Trigger(trig.lemma, trig.pos, -1, turned)
        elif self.negated(t) or self._opposed(t):
            return  # "did not back Y"; "voted against sanctioning Y", a tie voted down
        zipped = self.respective(t, agents, patients)
        if zipped:
            for a, b in zipped:
                self.emit([a], [b], trig, t, pattern)
            return
        past = self.past(t)
        dominant = pattern == "change" or (
            t.dep_ in ("attr", "acomp", "oprd")
            and t.head.lemma_.lower() in self.lex.become_verbs - self.w.continuing_verbs
        )
        sent = t.sent
        for ea, ta in agents:
            # one token standing for several actors ("they", "the two men"): its members
            # are not set against one another by this trigger
            same = {e for e, x in agents if x == ta}
            for eb, tb in patients:
                if ea == eb or (len(same) > 1 and eb in same):
                    continue
                toks = [t.i, ta, tb]
                s = min(toks)
                e = max(toks)
                end_tok = self.doc[e]
                sign = trig.sign * self.sign_of.get(ta, 1) * self.sign_of.get(tb, 1)
                if self.rule in self.disabled:
                    continue
                self.found.append(
                    Finding(
                        a=ea,
                        b=eb,
                        sign=sign,
                        kind=trig.kind,
                        confidence=CONFIDENCE[pattern],
                        pattern=pattern,
                        start_char=self.doc[s].idx,
                        end_char=end_tok.idx + len(end_tok.text),
                        sent_start=sent.start_char,
                        sent_end=sent.end_char,
                        past=past,
                        trigger=t.i,
                        dominant=dominant,
                        rule=self.rule,
                    )
                )

    def refused(self, t: Token, trig: Trigger, agents: list[Arg]) -> str | None:
        """The relation kind a tie ``trig`` states (+1) turns into when one of ``agents``
        refuses it ("opposition") or ends it ("split"), not a cancelled tie (which states
        nothing): "X refused to recognise / back Y", "X declined to join Y", "X ruled out a
        coalition with Y", "X refused to form a coalition with Y"; "X withdrew its support
        from Y", "X stopped backing Y", "X pulled out of its alliance with Y" (the
        guideline's "splitting from"); a tie that lapses splits its own sides ("the alliance
        between X and Y collapsed", :meth:`_lapsed`); a refusal stated as an intention or a
        vote against the tie ("X would not support Y", "X voted against reinstating Y":
        :meth:`_stated_refusal`) is opposition. Not a tie owned by another ("declined
        Z's support for Y", "ruled out a coalition between Y and Z": the refuser is not one
        of them), nor a refusal itself refused ("refused to rule out a coalition with Y").
        None otherwise."""
        if trig.sign <= 0:
            return None
        agent_ents = {e for e, _ in agents}
        refuser = self._stated_refusal(t)
        if refuser is not None:
            subjects = {e for e, _ in self.subject(refuser)}
            return "opposition" if subjects & agent_ents else None
        if t.head.i == t.i:
            return None
        if self._lapsed(t):
            return "split"
        if self._owned_by_another(t):
            return None
        h = t.head
        refuser = None
        if t.dep_ == "dobj" and h.dep_ == "xcomp" and h.lemma_.lower() in self.w.making_verbs:
            refuser = h.head  # "refused to form a coalition with Y"
        elif t.dep_ == "xcomp" or (t.dep_ == "dobj" and t.pos_ in ("NOUN", "PROPN")):
            refuser = h
        elif (
            t.dep_ == "advcl"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            and refuses(h, self.lex)
        ):
            refuser = h  # "declined without explanation to appoint Y" (an adverbial clause)
        particle = None
        if (
            t.dep_ == "pobj"
            and h.dep_ == "prep"
            and h.head.i != h.i
            and h.lower_ in self.w.ending_object_preps  # not "ended the feud with an accord"
        ):
            refuser = h.head  # "pulled out of its alliance with Y": an ending only
            while refuser.dep_ == "prep" and refuser.head.i != refuser.i:
                particle = refuser.lower_  # "out" of "out of"
                refuser = refuser.head  # the verb above the prepositions
            if not ends(refuser, self.lex, particle):
                return None
        if refuser is None:
            return None
        kind = (
            "opposition"
            if refuses(refuser, self.lex)
            else "split"
            if self._ended_here(t, refuser, particle)
            else None
        )
        if kind and any(e in agent_ents for e, _ in self.subject(refuser)):
            return kind
        return None

    def _stated_refusal(self, t: Token) -> Token | None:
        """The verb by which the side of a tie ``t`` states it will not enter it, or votes or
        campaigns against it: ``t`` itself, negated with a ``refusal_modals`` verb ("X would
        not support Y", "X will never recognise Y", "X won't back Y"), or the verb whose
        ``opposing_preps`` preposition ``t`` hangs on as a gerund ("X voted against
        reinstating Y", "X campaigned against re-electing Y"). None otherwise ("X did not
        support Y" states no refusal)."""
        if self._opposed(t):
            return t.head.head
        if has_negation(t) and any(
            c.dep_ == "aux" and c.lemma_.lower() in self.w.refusal_modals for c in t.children
        ):
            return t
        return None

    def _opposed(self, t: Token) -> bool:
        """Whether ``t`` is a gerund on an ``opposing_preps`` preposition of a verb ("voted
        against reinstating Y")."""
        h = t.head
        return (
            t.dep_ == "pcomp"
            and h.lower_ in self.w.opposing_preps
            and h.head.i != h.i
            and h.head.pos_ == "VERB"
        )

    def _lapsed(self, t: Token) -> bool:
        """Whether the tie ``t`` is the subject of a verb by which it lapses, stated as a fact
        (:func:`factions.text.lexicon.lapses`; not "could collapse", "if the pact ends":
        :meth:`unstated`): "the alliance between X and Y collapsed", "X's coalition with Y
        broke up", "the pact was terminated". Its sides split; the guideline counts
        "splitting from" -1."""
        v = t.head
        if t.dep_ not in ("nsubj", "nsubjpass") or v.pos_ != "VERB" or t.i in self.te:
            return False  # "the Azure Party's ally" names an actor, not a tie
        if any(c.dep_ in ("dobj", "appos") for c in (*v.children, *t.children)):
            return False  # "the alliance ended its boycott"; "its ally, the Green Front, ..."
        return (
            lapses(v, self.lex, passive=t.dep_ == "nsubjpass")
            and not self.unstated(v)
            and not self._kept(v)
        )

    def _kept(self, verb: Token) -> bool:
        """Whether ``verb`` leaves its tie in a state that keeps it ("left its alliance with
        Y intact", "was left in place"), wherever the parse hangs the word."""
        return any(
            k.is_lower and k.lemma_ in self.w.keeping_words and k.dep_ != "ROOT"
            for k in verb.subtree
            if k.i > verb.i and k.sent == verb.sent
        )

    def _ended_here(self, t: Token, verb: Token, particle: str | None) -> bool:
        """Whether ``verb`` states that the tie ``t`` ended: an ending verb that is a fact
        (:meth:`unstated`: not "would end", "threatened to withdraw"), a verb complement
        only of a stopping verb ("stopped backing Y"; "left X to join Y" is a purpose), no
        state it keeps the tie in ("left the alliance intact"), and a tie no name qualifies
        ("withdrew from the Paris agreement": Paris is no party)."""
        if not ends(verb, self.lex, particle) or self.unstated(verb):
            return False
        if t.dep_ == "xcomp" and verb.lemma_.lower() not in self.w.stopping_verbs:
            return False
        if self._kept(verb):  # "left its alliance with Y intact / in place"
            return False
        return not any(
            c.dep_ in ("compound", "amod", "nmod") and c.i in self.te for c in t.children
        )

    def respective(self, t: Token, agents: list[Arg], patients: list[Arg]) -> list[tuple[Arg, Arg]]:
        """ "A and B, led and supplied by C and D, respectively": the i-th agent goes with the
        i-th patient only. Empty unless "respectively" follows the trigger in its sentence and
        both sides list the same number (>= 2) of distinct actors."""
        if not self.respectively or not any(i > t.i and i < t.sent.end for i in self.respectively):
            return []
        firsts: list[list[Arg]] = []
        for side in (agents, patients):
            seen: dict[int, Arg] = {}
            for a in sorted(side, key=lambda x: x[1]):
                seen.setdefault(a[0], a)
            firsts.append(list(seen.values()))
        left, right = firsts
        if len(left) < 2 or len(left) != len(right) or {e for e, _ in left} & {e for e, _ in right}:
            return []
        return list(zip(left, right, strict=True))

    def pairs_of(self, args: list[Arg], trig: Trigger, t: Token, pattern: str) -> None:
        """Every pair of ``args`` (members of one side, co-founders, parties "between")."""
        for i in range(len(args)):
            for j in range(i + 1, len(args)):
                if args[i][1] == args[j][1] and args[i][1] in self.joint:
                    continue  # "his Ostravan and Ruvian allies" are not a pair of their own
                self.emit([args[i]], [args[j]], trig, t, pattern)

    def coordinated(self, args: list[Arg], trig: Trigger, t: Token) -> None:
        """Co-subjects of a symmetric trigger: "X and Y signed a pact", "X and Y are rivals".

        For verbs only positive ones count ("X and Y fought" may be side by side)."""
        w = self.w
        mutual = (
            trig.sign > 0 or trig.pos in ("noun", "idiom") or t.lemma_.lower() in w.mutual_verbs
        )
        symmetric = (
            (trig.kind in w.symmetric_kinds and mutual)
            or self.reciprocal(t)
            or (trig.sign < 0 and self.opposite_sides(args))
        )
        if symmetric and len({e for e, _ in args}) >= 2:
            self.pairs_of(args, trig, t, "coordination")

    def opposite_sides(self, args: list[Arg]) -> bool:
        """ "X on the one side and Y on the other fought": the co-subjects are marked as
        opposite sides ("on the one side / hand", "on the other")."""
        sides = self.w.side_marks
        marks: set[str] = set()
        for _, i in args:
            for c in self.doc[i].children:
                if c.dep_ == "prep" and c.lower_ == "on":
                    for p in c.children:
                        words = {w.lower_ for w in p.subtree}
                        if p.dep_ == "pobj" and words & sides:
                            marks |= words & sides
        return marks == sides

    def reciprocal(self, t: Token) -> bool:
        """ "fought each other", "clashed with one another": the co-subjects act on each other."""
        for c in t.children:
            objs = [c] if c.dep_ == "dobj" else []
            if c.dep_ == "prep":
                objs = [p for p in c.children if p.dep_ == "pobj"]
            for o in objs:
                words = " ".join(d.lower_ for d in o.subtree)
                if words in self.w.reciprocals:
                    return True
        return False


class AffiliationFinding(NamedTuple):
    """One affiliation read in a document: entity indices, role, and the unit that read it."""

    member: int
    group: int
    role: str
    rule: str


class AffiliationReader(Reader):
    """A :class:`Reader` for affiliations: knows each entity's kind, collects
    :class:`AffiliationFinding` for the unit that is running."""

    def __init__(
        self,
        doc: Doc,
        tok_entity: dict[int, int],
        lex: Lexicon,
        entities: list,
        disabled: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(doc, tok_entity, lex, None, disabled)
        self.entities = entities
        self.affiliations: list[AffiliationFinding] = []

    def person(self, args: list[Arg]) -> list[int]:
        """The persons among ``args``."""
        return [e for e, _ in args if self.entities[e].kind == ActorKind.PERSON]

    def group(self, args: list[Arg], state: bool = False) -> list[int]:
        """Groups among ``args``; states too when ``state`` ("President of Y" leads Y)."""
        no = (ActorKind.PERSON, ActorKind.OTHER) if state else _NOT_GROUPS
        return [e for e, _ in args if self.entities[e].kind not in no]

    def np_groups(self, tok: Token) -> list[int]:
        """The groups an NP headed by ``tok`` names without its conjuncts, through an
        apposition when its head is a common noun ("joined the opposition Social Democrats",
        "joined the ruling party, the Azure Union")."""
        found = self.group(self.np(tok, conj=False))
        if found or tok.i in self.te:
            return found
        return [g for c in tok.children if c.dep_ == "appos" for g in self.np_groups(c)]

    def affiliate(self, member: int, group: int, role: str) -> None:
        """Record ``member`` in ``group`` as ``role`` (unless the running unit is off)."""
        if self.rule not in self.disabled:
            self.affiliations.append(AffiliationFinding(member, group, role, self.rule))


_NOT_GROUPS = (ActorKind.PERSON, ActorKind.STATE, ActorKind.OTHER)
