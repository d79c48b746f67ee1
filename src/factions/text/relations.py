"""Signed relations from dependency structure plus the trigger lexicon.

For every token whose lemma is a trigger (``lexicon/triggers.yaml``) the two sides are read
off the parse:

* verbs: subject (through relative clauses, ``xcomp``/``conj``/``advcl`` chains and passive
  ``by``-agents) x direct object and licensed prepositional objects;
* nouns: possessor / modifier ("his ally", "US sanctions"), apposition ("his rival, X";
  "X, an ally of Y"), prepositional objects ("alliance with X", "dispute between X and Y")
  and, for predicate nouns, the clause subject ("X has become his rival");
* adjectives: the clause subject x prepositional object ("X, who is allied with Y",
  "loyal to Y");
* hyphenated participles: "the X-backed group".

Negation ("not to antagonize") and cancelling verbs ("refused to support") drop a finding;
past markers ("former ally") mark it as past so the present state wins at aggregation.
Arguments stand for their owners through proxy heads ("Sadr's supporters" -> Sadr).
Confidence depends on the pattern type. Cost: O(tokens x dependency depth), no re-parsing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factions.text.lexicon import Lexicon, Trigger
from factions.text.mentions import word_positions

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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
}
SYMMETRIC_KINDS = {"alliance", "agreement", "cooperation", "rivalry", "hostility", "friendship"}
_DEFAULT_VERB_PREPS = frozenset({"against", "with"})
_RELATIVE = {"who", "which", "that", "whom"}
_COPULAS = {"be", "remain", "become", "grow", "stay", "seem", "appear"}
_TEMPORAL_PREPS = {"after", "before", "during", "since", "until", "following", "amid", "despite"}


# Verbs of founding, and the bodies whose co-founders are allied by founding them.
# Verbs whose object does what their infinitive says: "X pressed Y to expel Z".
_OBJECT_CONTROL = frozenset(
    {"prompt", "press", "pressure", "push", "urge", "persuade", "convince", "force", "compel",
     "induce", "order", "instruct", "encourage", "lead", "spur", "drive", "cause", "ask"}
)  # fmt: skip
_MEDIATE_VERBS = frozenset({"mediate", "broker"})
_FOUND_VERBS = frozenset({"form", "found", "create", "establish", "launch"})
_JOINT_BODIES = frozenset(
    {"alliance", "coalition", "bloc", "front", "union", "league", "pact", "government", "axis"}
)
_RECOGNISE = frozenset({"recognize", "recognise"})
_REFUSE = frozenset({"refuse", "decline"})
# Quantifiers whose "of" object is the actor that acts: "most of X backed Y".
_QUANTIFIERS = frozenset({"most", "much", "all", "part", "parts", "majority"})


@dataclass(frozen=True)
class Finding:
    """One relation stated in one sentence: entity indices, sign, kind and evidence span."""

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


Arg = tuple[int, int]  # (entity, token index)


class RelationReader:
    """Reads relations from one parsed document, given its token -> entity map."""

    def __init__(
        self,
        doc: Doc,
        tok_entity: dict[int, int],
        lex: Lexicon,
        pairs: dict[int, tuple[int, ...]] | None = None,
    ) -> None:
        self.doc = doc
        self.te = tok_entity
        self.lex = lex
        self.pairs = pairs or {}  # token -> its entities ("the two men", "all parties")
        self.sign_of: dict[int, int] = {}  # argument token -> sign it carries
        self.joint: set[int] = set()  # proxy heads standing for coordinated owners
        self.respectively = word_positions(doc, "respectively")

    # --- argument helpers ---------------------------------------------------------------
    def np(self, tok: Token, depth: int = 0, conj: bool = True) -> list[Arg]:
        """Entities an NP headed by ``tok`` refers to (with conjuncts, appositions, proxies,
        and listed members: "parties comprising X and Y", "academics such as X")."""
        if depth > 5:
            return []
        out: list[Arg] = []
        e = self.te.get(tok.i)
        if tok.lower_ in _RELATIVE and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj"):
            h = tok.head
            steps = 0
            while h.dep_ not in ("relcl", "acl") and h.head is not h and steps < 3:
                if h.dep_ not in ("conj", "xcomp", "prep", "pcomp"):
                    break
                h = h.head
                steps += 1
            if h.dep_ in ("relcl", "acl"):
                ante = h.head
                if ante.dep_ == "conj" and any(  # "X and Y, which are allied": both
                    c.dep_ in ("aux", "auxpass") and c.lower_ in ("are", "were", "have")
                    for c in h.children
                ):
                    while ante.dep_ == "conj" and ante.head is not ante:
                        ante = ante.head
                return self.np(ante, depth + 1)
            return []
        lex = self.lex
        if tok.i in self.pairs:
            return [(x, tok.i) for x in self.pairs[tok.i]]
        if e is None and tok.lower_ == "they" and depth == 0:
            return self._they(tok)
        if e is None and tok.lower_ in ("those", "that") and tok.dep_ == "conj":
            return self._those_of(tok, depth)
        if e is None and tok.lower_ in _QUANTIFIERS:
            out.extend(self._part_of(tok, depth))
        if e is not None:
            out.append((e, tok.i))
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.proxy_heads:
                for c in tok.children:  # "the Serbian government of X": X as well
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
            out.extend(self._appos_heads(tok))
        elif tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            lemma = tok.lemma_.lower()
            proxy = lemma in lex.proxy_heads or tok.lower_ in lex.proxy_heads
            named = proxy and self._named_group(tok)
            for c in tok.children:
                dep = c.dep_
                if named and dep == "poss":
                    continue  # "Ruvia's ruling Green party": the party, not Ruvia
                if proxy and dep == "poss" and c.lower_ == "whose" and depth < 3:
                    out.extend(self.whose_antecedent(tok, depth))  # "X, whose fighters attacked Y"
                elif proxy and dep in ("poss", "compound", "amod", "nmod") and c.i in self.te:
                    more = [g for g in c.children if g.dep_ == "conj" and g.i in self.te]
                    # "his Kenyan and Ugandan allies": one head standing for both owners
                    at = tok.i if more else c.i
                    if more:
                        self.joint.add(at)
                    out.append((self.te[c.i], at))
                    out.extend((self.te[g.i], at) for g in more)
                elif dep == "prep":
                    low = c.lower_
                    if (
                        (proxy and low == "of")
                        or low in ("including", "like")
                        or (low == "as" and c.i > 0 and self.doc[c.i - 1].lower_ == "such")
                    ):
                        for p in c.children:
                            if p.dep_ == "pobj":
                                out.extend(self.np(p, depth + 1))
                elif dep in ("acl", "relcl") and self._lists(c):
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
                    if c.dep_ == "acl" and c.lemma_.lower() in ("lead", "head"):
                        out.extend(self.prep_objects(c, frozenset({"by"})))
            if not out and depth == 0 and tok.dep_ == "appos" and tok.head.i in self.te:
                out.extend(self._appos_heads(tok))
        if conj and e is not None:
            out.extend(self._along_with(tok))  # "X, together with Y, ..."
        if conj:
            same = self._same_mention(tok)
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

    def _named_group(self, tok: Token) -> bool:
        """Whether group noun ``tok`` carries its own name ("the Green party")."""
        return tok.lemma_.lower() in self.lex.group_words and any(
            c.dep_ == "compound" and c.i in self.te for c in tok.children
        )

    def collective(self, v: Token) -> tuple[list[Arg], list[Arg]]:
        """ "X and Y, collectively known as Z" / "together referred to as Z": the members
        (X, Y) and the collective they form (Z); empty lists when ``v`` is no such phrase."""
        if not any(c.dep_ == "advmod" and c.lower_ in _TOGETHER for c in v.children):
            return [], []
        group = self.prep_objects(v, frozenset({"as"}))
        if not group:
            return [], []
        members = self.np(v.head, conj=True) if v.dep_ == "acl" else self.subject(v.head)
        own = {e for e, _ in group}
        return [a for a in members if a[0] not in own], group

    def _lists(self, v: Token) -> bool:
        """Whether verb ``v`` lists the members of the noun it modifies ("comprising",
        "composed of", "made up of")."""
        lemma = v.lemma_.lower()
        if lemma in self.lex.list_verbs:
            return True
        return lemma == "make" and any(c.dep_ == "prt" and c.lower_ == "up" for c in v.children)

    def _those_of(self, tok: Token, depth: int) -> list[Arg]:
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

    def _part_of(self, tok: Token, depth: int) -> list[Arg]:
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
            if h.head is h:
                break
            h = h.head
        return []

    def _along_with(self, tok: Token) -> list[Arg]:
        """Co-agents joined by "along with" / "together with" to ``tok`` (a verb or the
        subject noun): "X, along with Y, backed Z"."""
        out: list[Arg] = []
        for c in tok.children:
            if c.dep_ != "prep":
                continue
            if c.lower_ == "along":
                withs = [g for g in c.children if g.dep_ == "prep" and g.lower_ == "with"]
            elif c.lower_ == "with" and any(
                g.dep_ == "advmod" and g.lower_ in ("together", "along") for g in c.children
            ):
                withs = [c]
            else:
                continue
            for w in withs:
                out.extend(a for p in w.children if p.dep_ == "pobj" for a in self.np(p))
        return out

    def _appos_heads(self, tok: Token) -> list[Arg]:
        """The actors an appositive ``tok`` describes: its head, and when ``tok`` is plural
        the head's conjuncts too ("X and Y, groups backed by Z" describes both X and Y; "X,
        Y and Z, a group backed by W" only Z)."""
        h = tok.head
        out: list[Arg] = [(self.te[h.i], h.i)]
        if tok.tag_ not in ("NNS", "NNPS"):
            return out
        out.extend((self.te[c.i], c.i) for c in h.children if c.dep_ == "conj" and c.i in self.te)
        return out

    def _they(self, tok: Token) -> list[Arg]:
        """ "X and Y met after they ...": a subordinate "they" is the coordinated subject
        (or passive agents) of the clause it hangs on, when that names two actors or more."""
        v = tok.head
        if tok.dep_ not in ("nsubj", "nsubjpass") or v.dep_ not in ("advcl", "conj") or v is v.head:
            return []
        main = v.head
        args = self.subject(main) or self.prep_objects(main, frozenset({"by"}))
        if len({e for e, _ in args}) < 2:
            return []
        return [(e, tok.i) for e in dict.fromkeys(e for e, _ in args)]

    def _same_mention(self, tok: Token) -> set[int]:
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
                return self.np(c) + self._along_with(v)
            if c.dep_ in ("aux", "auxpass"):  # parser slip: subject hung on the auxiliary
                for g in c.children:
                    if g.dep_ == "nsubj":
                        return self.np(g)
        if depth > 0:
            for c in v.children:
                if c.dep_ == "nsubjpass":
                    return self.np(c)
        if v.pos_ in ("NOUN", "PROPN") and depth > 0:
            n = v
            while n.dep_ == "conj" and n.head is not n and n.head.pos_ in ("NOUN", "PROPN"):
                n = n.head
            owners = [
                (self.te[c.i], c.i) for c in n.children if c.dep_ == "poss" and c.i in self.te
            ]
            if owners:  # "its participation in besieging X"
                return owners
            return self._governor_subject(v, depth)
        dep = v.dep_
        h = v.head
        if h is v:
            return []
        if dep == "relcl":
            found = self.np(h)
            if not found and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                # "this move by X, to break away from Y" (an infinitive parsed as relative)
                found = self._holder(h)
            return found
        if dep == "acl":
            found = self.np(h) or self.prep_objects(h, frozenset({"by"}))
            if found:  # "an attempt by X to oust Y"
                return found
            return self._governor_subject(h, depth)
        if dep in ("advcl", "xcomp") and h.lemma_ == "be":
            for c in h.children:  # "the effort was an attempt by X ... to force Y out"
                if c.dep_ == "attr":
                    found = self.prep_objects(c, frozenset({"by"}))
                    if found:
                        return found
        if dep == "xcomp" and h.lemma_.lower() in _OBJECT_CONTROL:
            # object control: "X pressed Y to expel Z": Y expels
            objs = [c for c in h.children if c.dep_ == "dobj" and c.i < v.i]
            if objs:
                return [a for c in objs for a in self.np(c)]
        if dep in ("xcomp", "conj", "advcl", "acomp", "attr", "oprd", "ccomp", "pcomp"):
            if dep == "pcomp" and h.lower_ in ("for", "of") and h.head.pos_ == "VERB":
                # object control: "blame X for removing Y", "accuse X of helping Y"
                objs = [a for c in h.head.children if c.dep_ == "dobj" for a in self.np(c)]
                if objs:
                    return objs
            if h.dep_ == "prep" or h.pos_ == "ADP":
                return self.subject(h.head, depth + 1) if h.head is not h else []
            if dep == "conj" and h.pos_ not in ("VERB", "AUX", "ADJ"):
                return []
            return self.subject(h, depth + 1)
        return []

    def _governor_subject(self, n: Token, depth: int) -> list[Arg]:
        """Subject of the verb that takes noun ``n`` as object ("launched a campaign ...")."""
        while n.dep_ in ("conj", "appos") and n.head is not n:
            n = n.head
        if n.dep_ == "pobj" and n.head.lower_ == "with" and n.head.head.pos_ == "NOUN":
            return self._with_holder(n.head.head, depth)
        if n.dep_ in ("dobj", "attr", "oprd", "nsubjpass"):
            return self.subject(n.head, depth + 1)
        if (
            n.dep_ == "pobj"
            and n.head.dep_ == "prep"
            and n.head.head.pos_ in ("VERB", "AUX")
            and n.head.lower_ not in _TEMPORAL_PREPS
        ):
            found = self.subject(n.head.head, depth + 1)
            if not found and n.head.lower_ == "with":  # "X's victory came with support from Y"
                for c in n.head.head.children:
                    if c.dep_ == "nsubj" and c.pos_ == "NOUN":
                        found = self._with_holder(c, depth)
            return found
        return []

    def _holder(self, n: Token) -> list[Arg]:
        """The actor whose act noun ``n`` is: its owner ("X's decision") or agent ("the move
        by X")."""
        owners = [(self.te[c.i], c.i) for c in n.children if c.dep_ == "poss" and c.i in self.te]
        return owners or self.prep_objects(n, frozenset({"by"}))

    def _with_holder(self, g: Token, depth: int) -> list[Arg]:
        """Who holds noun ``g`` that a "with ..." phrase hangs on: "X won the vote with
        support from Y" (the subject), "the victory by X / X's victory, with support from Y"
        (the agent or owner)."""
        if g.i in self.te:
            return []
        return self._holder(g) or self._governor_subject(g, depth + 1)

    def prep_objects(self, tok: Token, preps: frozenset[str]) -> list[Arg]:
        """Actors in the objects of ``tok``'s prepositions ``preps`` (and of its by-agent);
        "together with Y" names a co-agent, not an object."""
        out: list[Arg] = []
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in preps:  # "gave X to Y": dative "to"
                if c.lower_ == "with" and any(
                    g.dep_ == "advmod" and g.lower_ in ("together", "along") for g in c.children
                ):
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
            elif c.dep_ in ("prt", "advmod") and c.lower_ in ("away", "off", "out"):
                out.extend(self.prep_objects(c, preps))
        return out

    # --- modifiers ----------------------------------------------------------------------
    def negated(self, t: Token) -> bool:
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in t.children):
            return True  # "did not back", "no support from X"
        if self._no_longer(t) or (
            t.dep_ in ("attr", "acomp", "oprd") and t.head is not t and self._no_longer(t.head)
        ):
            return True  # "X no longer backs Y", "X is no longer an ally of Y"
        if t.pos_ == "VERB" and any(  # "received no help from X"
            c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            for c in t.children
        ):
            return True
        h = t.head
        if t.dep_ in ("xcomp", "acomp", "attr", "dobj", "ccomp") and h is not t:
            if any(c.dep_ == "neg" for c in h.children) and h.lemma_ not in ("be",):
                return True
            if h.lemma_.lower() in self.lex.cancellers:
                return True
        if (
            t.dep_ == "pobj"
            and h.dep_ == "prep"
            and h.lower_ not in ("with", "in")  # "the crisis ended with a reconciliation"
            and h.head.lemma_.lower() in self.lex.cancellers
        ):
            return True
        return False

    @staticmethod
    def _no_longer(t: Token) -> bool:
        """Whether ``t`` carries "no longer" / "not any longer"."""
        return any(
            c.lower_ == "longer" and any(g.lower_ in ("no", "not", "any") for g in c.children)
            for c in t.children
            if c.dep_ == "advmod"
        )

    def past(self, t: Token) -> bool:
        for c in t.children:
            if c.dep_ in ("amod", "advmod", "compound") and c.lower_ in self.lex.past_markers:
                return True
        if t.i >= 2 and self.doc[t.i - 1].text == "-" and self.doc[t.i - 2].lower_ == "ex":
            return True
        return False

    # --- triggers -----------------------------------------------------------------------
    def read(self) -> list[Finding]:
        found: list[Finding] = []
        lex = self.lex
        for t in self.doc:
            pos = t.pos_
            lemma = t.lemma_.lower()
            if (
                t.lower_ in ("pro", "anti")
                and t.i + 2 < len(self.doc)
                and self.doc[t.i + 1].text == "-"
            ):
                self._stance_prefix(t, found)
                continue
            if t.dep_ == "conj" and t.head.i in self.te and lemma not in lex.nouns:
                self._own_conjunct(t, found)
            if (
                pos in ("VERB", "NOUN")  # "that X resign" is often parsed as a noun
                and lemma in lex.leave_verbs
                and t.dep_ in ("ccomp", "xcomp")
                and t.head.lemma_.lower() in lex.demand_verbs
            ):
                self._demand_leave(t, found)
            if pos == "VERB" and lemma in _NAMING_VERBS and t.dep_ in ("acl", "advcl"):
                members, group = self.collective(t)
                if group and len({e for e, _ in members}) >= 2:
                    trig = Trigger(lemma, "verb", 1, "cooperation")
                    self._pairs(found, members, trig, t, "coordination")
            if pos == "VERB" and t.tag_ == "VBN" and t.i >= 2 and self.doc[t.i - 1].text == "-":
                trig = lex.participles.get(t.lower_)
                if trig is not None:
                    self._participle(t, trig, found)
                    continue
            if pos == "VERB":
                adj = lex.adjectives.get(t.lower_)
                if (
                    adj is not None
                    and any(c.dep_ == "prep" and c.lower_ in adj.preps for c in t.children)
                    and not any(c.dep_ == "agent" for c in t.children)
                ):
                    self._adjective(t, adj, found)
                    continue
                if lemma in _MEDIATE_VERBS:
                    self._co_founders(found, t, self.subject(t))
                idiom = self._idiom(t)
                if idiom is not None:
                    self._verb(t, idiom, found)
                    continue
                trig = lex.verbs.get(lemma)
                if trig is not None:
                    if t.dep_ == "amod":
                        continue
                    if trig.particle and not any(c.lower_ == trig.particle for c in t.children):
                        continue
                    self._verb(t, trig, found)
            elif pos == "PROPN" and t.ent_type_ == "EVENT" and t.lower_ in lex.nouns:
                self._noun(t, lex.nouns[t.lower_], found)  # "the X-Y War"
            elif pos == "NOUN":
                if lemma in lex.group_words:
                    self._members(t, found)
                trig = lex.nouns.get(lemma) or lex.nouns.get(t.lower_)
                if trig is not None:
                    self._noun(t, trig, found)
                elif lemma in lex.request_nouns:
                    self._request(t, found)
                elif lemma in lex.change_nouns or t.lower_ in lex.change_nouns:
                    self._change(t, found)
                elif lemma in lex.relationship_nouns or t.lower_ in lex.relationship_nouns:
                    if t.head.pos_ == "VERB" and t.head.lemma_.lower() in lex.change_verbs:
                        self._changed_relationship(t, found)
                    else:
                        self._relationship(t, found)
            elif pos == "ADJ":
                trig = lex.adjectives.get(t.lower_) or lex.adjectives.get(lemma)
                if trig is not None:
                    self._adjective(t, trig, found)
        return found

    def _emit(self, found, agents, patients, trig: Trigger, t: Token, pattern: str) -> None:
        if not agents or not patients:
            return
        refusal = _refused_recognition(t, trig)
        if refusal is not None:
            trig = refusal
        elif self.negated(t):
            return
        zipped = self._respective(t, agents, patients)
        if zipped:
            for a, b in zipped:
                self._emit(found, [a], [b], trig, t, pattern)
            return
        past = self.past(t)
        dominant = pattern == "change" or (
            t.dep_ in ("attr", "acomp", "oprd")
            and t.head.lemma_.lower() in self.lex.become_verbs - {"remain", "stay"}
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
                found.append(
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
                    )
                )

    def _respective(
        self, t: Token, agents: list[Arg], patients: list[Arg]
    ) -> list[tuple[Arg, Arg]]:
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

    def _pairs(self, found, args: list[Arg], trig: Trigger, t: Token, pattern: str) -> None:
        for i in range(len(args)):
            for j in range(i + 1, len(args)):
                if args[i][1] == args[j][1] and args[i][1] in self.joint:
                    continue  # "his Kenyan and Ugandan allies" are not a pair of their own
                self._emit(found, [args[i]], [args[j]], trig, t, pattern)

    def _idiom(self, t: Token) -> Trigger | None:
        """The trigger of multi-word verb ``t`` ("joined forces", "fell out", "exchanged
        fire"), when its particle or direct object is one the lexicon lists."""
        entries = self.lex.idioms.get(t.lemma_.lower())
        if not entries:
            return None
        words = {
            c.lower_
            for c in t.children
            if c.dep_ in ("prt", "dobj", "advmod")
            or (c.dep_ == "prep" and self._names_actor(c))  # "stood by X", not "for years"
        }
        for need, trig in entries:
            if need & words:
                return trig
        return None

    def _names_actor(self, prep: Token) -> bool:
        """Whether preposition ``prep`` has an actor in its object."""
        return any(p.dep_ == "pobj" and self.np(p) for p in prep.children)

    def _coordinated(self, found, args: list[Arg], trig: Trigger, t: Token) -> None:
        """Co-subjects of a symmetric trigger: "X and Y signed a pact", "X and Y are rivals".

        For verbs only positive ones count ("X and Y fought" may be side by side)."""
        mutual = (
            trig.sign > 0
            or trig.pos in ("noun", "idiom")
            or t.lemma_.lower() in ("clash", "feud", "quarrel")
        )
        symmetric = (
            (trig.kind in SYMMETRIC_KINDS and mutual)
            or self._reciprocal(t)
            or (trig.sign < 0 and self._opposite_sides(args))
        )
        if symmetric and len({e for e, _ in args}) >= 2:
            self._pairs(found, args, trig, t, "coordination")

    def _opposite_sides(self, args: list[Arg]) -> bool:
        """ "X on the one side and Y on the other fought": the co-subjects are marked as
        opposite sides ("on the one side / hand", "on the other")."""
        marks = set()
        for _, i in args:
            for c in self.doc[i].children:
                if c.dep_ == "prep" and c.lower_ == "on":
                    for p in c.children:
                        words = {w.lower_ for w in p.subtree}
                        if p.dep_ == "pobj" and words & {"one", "other"}:
                            marks |= words & {"one", "other"}
        return marks == {"one", "other"}

    @staticmethod
    def _reciprocal(t: Token) -> bool:
        """ "fought each other", "clashed with one another": the co-subjects act on each other."""
        for c in t.children:
            objs = [c] if c.dep_ == "dobj" else []
            if c.dep_ == "prep":
                objs = [p for p in c.children if p.dep_ == "pobj"]
            for o in objs:
                words = " ".join(d.lower_ for d in o.subtree)
                if words in ("each other", "one another"):
                    return True
        return False

    def own_office(self, v: Token) -> Token | None:
        """The office noun of "X elected / named Y as its candidate": a group choosing its
        own officer (an affiliation of Y with X, not a relation between them)."""
        if v.lemma_.lower() not in _CHOOSE_VERBS:
            return None
        for c in v.children:
            if c.dep_ == "prep" and c.lower_ == "as":
                for p in c.children:
                    if p.dep_ == "pobj" and any(
                        g.dep_ == "poss" and g.lower_ in ("its", "their") for g in p.children
                    ):
                        return p
        return None

    def _verb(self, t: Token, trig: Trigger, found) -> None:
        if self.own_office(t) is not None:
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in t.children)
        if trig.mode == "link":
            objs = [a for c in t.children if c.dep_ == "dobj" for a in self.np(c)]
            others = self.prep_objects(t, trig.preps)
            if passive:
                objs = [a for c in t.children if c.dep_ == "nsubjpass" for a in self.np(c)]
            self._emit(found, objs, others, trig, t, "verb")
            return
        preps = trig.preps | _DEFAULT_VERB_PREPS
        if passive or (t.dep_ == "acl" and t.tag_ == "VBN"):
            patients: list[Arg] = []
            for c in t.children:
                if c.dep_ == "nsubjpass":
                    patients = self.np(c)
            if not patients and t.dep_ in ("acl", "relcl"):
                patients = self.np(t.head)
            if not patients and t.dep_ == "conj" and t.head.lemma_.lower() in ("lead", "head"):
                # "the rebels, led by P and supported by Q": the leader stands for the group
                patients = self.prep_objects(t.head, frozenset({"by"}))
            if not patients and t.dep_ in ("conj", "xcomp"):
                patients = self.subject(t.head) or [  # "X is backed by Y and opposed by Z"
                    a for c in t.head.children if c.dep_ == "nsubjpass" for a in self.np(c)
                ]
            if not patients and t.dep_ == "advcl" and t.tag_ == "VBN":
                # "Backed by X, Y attacked Z": the participle describes the main subject
                patients = self.subject(t.head)
            agents = self.prep_objects(t, frozenset({"by"}))
            if not agents and t.dep_ == "conj":  # "led and supplied by X": shared agent
                agents = self.prep_objects(t.head, frozenset({"by"}))
            if not agents:
                for c in t.children:
                    if c.dep_ == "conj" and c.tag_ == "VBN":
                        agents = self.prep_objects(c, frozenset({"by"}))
            if agents:
                self._emit(found, agents, patients, trig, t, "verb-passive")
            elif others := self.prep_objects(t, trig.preps):  # "X is allied with Y"
                self._emit(found, patients, others, trig, t, "adj")
            elif not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in t.children):
                # "X and Y are allied (in the war)", not "X is allied with a movement"
                self._coordinated(found, patients, trig, t)
            return
        agents = self.subject(t)
        patients = []
        for c in t.children:
            if c.dep_ in ("dobj", "dative"):
                patients.extend(self.np(c))
                if trig.preps:  # "acquired arms from X": the prep often hangs on the object
                    for d in c.subtree:  # within the object phrase, up to 8 tokens on
                        if d is c or (0 < d.i - c.i <= 8 and d.dep_ != "prep"):
                            patients.extend(self.prep_objects(d, trig.preps))
        if trig.sign > 0 and "against" not in trig.preps:
            # "X sided with Y against Z": Z is the common enemy of X and Y
            against = self.prep_objects(t, frozenset({"against"}))
            preps = preps - {"against"}
            if against:
                foe = Trigger(trig.lemma, trig.pos, -1, "opposition")
                allies = agents + patients + self.prep_objects(t, preps - {"by"})
                self._emit(found, allies, against, foe, t, "verb")
        # "by" names the agent, unless the trigger itself takes it ("stood by X")
        patients.extend(self.prep_objects(t, preps - ({"by"} - trig.preps)))
        if trig.sign > 0 and trig.kind == "support" and patients:
            self._intermediary(found, t, agents, patients)
        self._alongside(found, t, trig, agents, patients)
        if not patients and t.lemma_.lower() in self.lex.claim_verbs:
            for c in t.children:
                if c.dep_ == "ccomp":
                    patients.extend(self.subject(c))
        if not patients and trig.kind == "accusation":
            # "X condemned Y's attack", "X denounced the killings by Y": Y is accused
            for c in t.children:
                if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.i not in self.te:
                    patients.extend(self._holder(c))
        self._co_founders(found, t, agents)
        if patients:
            self._emit(found, agents, patients, trig, t, "verb")
        else:
            self._coordinated(found, agents, trig, t)

    def _co_founders(self, found, t: Token, agents: list[Arg]) -> None:
        """ "X, Y and Z formed an alliance / the Union of ...": the founders join together."""
        lemma = t.lemma_.lower()
        if len({e for e, _ in agents}) < 2:
            return
        if lemma in _MEDIATE_VERBS:  # "X and Y mediated / brokered talks": co-mediators
            self._pairs(found, agents, Trigger(lemma, "verb", 1, "cooperation"), t, "coordination")
        elif lemma in _FOUND_VERBS and any(
            c.dep_ == "dobj" and c.lower_ in _JOINT_BODIES for c in t.children
        ):
            self._pairs(found, agents, Trigger(lemma, "verb", 1, "alliance"), t, "coordination")

    def _alongside(
        self, found, t: Token, trig: Trigger, agents: list[Arg], patients: list[Arg]
    ) -> None:
        """ "X fought alongside Y against Z": Y is X's ally and, for a hostile verb, Z's foe."""
        beside = self.prep_objects(t, frozenset({"alongside"}))
        if not beside:
            return
        self._emit(found, agents, beside, Trigger(trig.lemma, "verb", 1, "alliance"), t, "verb")
        if trig.sign < 0:
            self._emit(found, beside, patients, trig, t, "verb")

    def _intermediary(self, found, t: Token, agents: list[Arg], patients: list[Arg]) -> None:
        """ "X sent aid to Y through Z", "X provided support for Y via Z": the go-between Z
        works with both X and Y."""
        through = frozenset({"through", "via"})
        via: list[Arg] = self.prep_objects(t, through)
        for c in t.children:
            if c.dep_ == "dobj":
                via.extend(self.prep_objects(c, through))
        if t.pos_ == "NOUN" and t.dep_ == "dobj":  # "provided support for Y through Z"
            via.extend(self.prep_objects(t.head, through))
        if not via:
            return
        own = {e for e, _ in agents + patients}
        via = [a for a in via if a[0] not in own]
        trig = Trigger(t.lemma_.lower(), "verb", 1, "cooperation")
        self._emit(found, agents + patients, via, trig, t, "verb")

    def _between(self, t: Token, topic: bool = True) -> list[Arg]:
        """Actors of "between X and Y" / "among X, Y and Z" on ``t``; with ``topic`` also when
        the parser hung it on the object of an issue phrase ("a struggle over the presidency
        between X and Y")."""
        out: list[Arg] = []
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ in ("between", "among", "amongst"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.np(p))
            elif topic and c.dep_ == "prep" and c.lower_ in ("over", "about"):
                for p in c.children:
                    if p.dep_ == "pobj" and p.i not in self.te:
                        out.extend(self._between(p, topic=False))
                        for g in p.children:
                            if g.dep_ == "conj" and g.i not in self.te:
                                out.extend(self._between(g, topic=False))
        return out

    def _sides(self, h: Token) -> tuple[list[Arg], list[Arg]]:
        """The two sides of "between A ... and B" when the parser hung B on ``h`` (the word
        that takes "between") as a conjunct instead of on A: "the conflict was between A on
        the one side, and B and C on the other side". Each side keeps its own conjuncts."""
        for c in h.children:
            if c.dep_ != "prep" or c.lower_ != "between":
                continue
            left = [a for p in c.children if p.dep_ == "pobj" for a in self.np(p)]
            if len({e for e, _ in left}) != 1:
                continue  # "between A and B, as well as C": the pair is already complete
            right = [
                a
                for g in h.children
                if g.dep_ == "conj" and g.i > c.i and g.pos_ in ("NOUN", "PROPN")
                for a in self.np(g)
            ]
            if left and right and not {e for e, _ in left} & {e for e, _ in right}:
                return left, right
        return [], []

    def _opposed_sides(self, t: Token, found, trig: Trigger, own: bool = False) -> bool:
        """Hostile noun ``t`` ("war", "conflict", "fighting") whose "between" names two sides
        split by the parser: every actor of one side against every actor of the other."""
        left, right = self._sides(t if own else t.head)
        if not left:
            return False
        self._emit(found, left, right, trig, t, "between")
        return True

    def _venue(self, arg: Arg) -> bool:
        """ "its allies in parliament", "rivals in the cabinet": ``in`` + a common noun names
        where the relation plays out, not the other party ("its ally in Damascus" does)."""
        tok = self.doc[arg[1]]
        return tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.lower_ == "in"

    def _noun(self, t: Token, trig: Trigger, found) -> None:
        if trig.sign > 0 and t.dep_ == "dobj" and t.head.lemma_.lower() == "lose":
            return  # "X lost the support of Y"
        owners: list[Arg] = []
        for c in t.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c.i in self.te:
                owners.append((self.te[c.i], c.i))
                owners.extend(
                    (self.te[g.i], g.i) for g in c.children if g.dep_ == "conj" and g.i in self.te
                )
        if trig.sign < 0:  # "an attack on X by Y": Y is the attacker
            owners += self.prep_objects(t, frozenset({"by"}))
        between = self._between(t)
        if t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ in ("VERB", "AUX"):
            # "the war was between X and Y", "clashes erupted between X and Y"
            between += self._between(t.head)
            if trig.sign < 0 and self._opposed_sides(t, found, trig):
                return
        if trig.sign < 0 and self._opposed_sides(t, found, trig, own=True):
            return
        others = [
            a for a in self.prep_objects(t, trig.preps - {"between", "among"}) if not self._venue(a)
        ]
        hung = trig.preps - {"between", "among", "by"}
        if not others and t.dep_ == "dobj" and t.head.lemma_.lower() in self.lex.light_verbs:
            # "X expressed solidarity with Y": the prepositional object hung on the verb
            others = self.prep_objects(t.head, hung)
        elif (
            not others
            and t.dep_ == "pobj"
            and t.head.lower_ in ("at", "in")
            and t.head.head.pos_ in ("VERB", "AUX")
        ):  # "X has been at war with Y", "X acted in alliance with Y": "with" hung on the verb
            others = self.prep_objects(t.head.head, hung - {t.head.lower_, "of", "for"})
        for c in t.children:
            if c.dep_ == "appos":
                others.extend(self.np(c))
            elif c.dep_ == "acl" and c.lemma_.lower() in ("aim", "direct", "target"):
                others.extend(self.prep_objects(c, frozenset({"at", "against", "on"})))
            elif (
                c.dep_ == "acl"
                and trig.kind in ("split", "opposition")
                and c.lemma_.lower() in ("lead", "head")
            ):  # "a schism led by X": X breaks with the owner
                others.extend(self.prep_objects(c, frozenset({"by"})))
            elif c.dep_ == "acl" and c.tag_ == "VBN" and not owners and trig.kind != "agreement":
                # "sanctions imposed by X on Y", "the offensive launched by X against Y"
                # (not "a deal mediated by X": the mediator is no party to it)
                by = self.prep_objects(c, frozenset({"by"}))
                if by and not self.negated(c):
                    owners.extend(by)
                    others.extend(self.prep_objects(c, trig.preps - {"between", "among"}))
        if t.dep_ == "nsubj":  # "X's supporters include Y", "... came to include Y"
            verbs = [t.head] + [c for c in t.head.children if c.dep_ in ("xcomp", "advcl")]
            for v in verbs:
                if v.lemma_.lower() in ("include", "be", "comprise", "number"):
                    for c in v.children:
                        if c.dep_ in ("dobj", "attr"):
                            others.extend(self.np(c))
        app = _appositive(t)
        if app is not None:
            head = self.np(app.head)
            if owners or others:
                self._emit(found, head, owners + others, trig, t, "noun-appos")
                return
        if len({e for e, _ in between}) >= 2:
            self._pairs(found, between, trig, t, "between")
            return
        if owners and others:
            self._emit(found, owners, others, trig, t, "noun-poss")
            return
        subj = self._governor_subject(t, 0) if t.dep_ != "nsubj" else []
        if subj and self._judged(t):
            subj = []  # "X condemned the attack on Y": X judges the attack, X did not make it
        if (
            not owners
            and t.dep_ == "pobj"
            and t.head.lower_ in ("from", "into")
            and t.head.head.pos_ == "VERB"
        ):  # "turning X's policy from an alliance with Y": X is the one allied
            objs = [a for c in t.head.head.children if c.dep_ == "dobj" for a in self.np(c)]
            if objs and others:
                self._emit(found, objs, others, trig, t, "noun-prep")
                return
        if owners and subj:
            self._emit(found, subj, owners, trig, t, "noun-subj")
        elif subj and others:
            self._emit(found, subj, others, trig, t, "noun-prep")
            if trig.sign > 0 and trig.kind == "support":
                self._intermediary(found, t, subj, others)
        elif owners and len({e for e, _ in owners}) >= 2:
            self._coordinated(found, owners, trig, t)
        elif subj and not owners and not others and not self._setting(t, trig):
            self._coordinated(found, subj, trig, t)
        elif not subj and not owners and len({e for e, _ in others}) >= 2:
            self._coordinated(found, others, trig, t)  # "an alliance of X and Y"

    def _setting(self, t: Token, trig: Trigger) -> bool:
        """Whether noun ``t`` is only the setting of a verb that states the opposite relation:
        "X and Y were allied in the war", "X and Y cooperated during the war"."""
        if t.dep_ != "pobj" or t.head.head is t.head:
            return False
        gov = t.head.head
        other = self.lex.verbs.get(gov.lemma_.lower()) or self.lex.adjectives.get(gov.lower_)
        return other is not None and other.sign != trig.sign

    def _judged(self, t: Token) -> bool:
        """Whether noun ``t`` is the object of a verb that condemns or blames ("condemned
        the attack", "denounced the coup")."""
        n = t
        while n.dep_ in ("conj", "appos") and n.head is not n:
            n = n.head
        if n.dep_ != "dobj":
            return False
        v = self.lex.verbs.get(n.head.lemma_.lower())
        return v is not None and v.kind == "accusation"

    def _demand_leave(self, t: Token, found) -> None:
        """ "X demanded that Y resign", "X urged Y to step down": X wants Y out."""
        v = t.head
        if self.negated(v):
            return
        if t.lemma_.lower() == "step" and not any(
            c.lower_ in ("down", "aside") for c in t.children
        ):
            return  # "step forward" is no departure
        if t.dep_ == "xcomp":
            targets = [a for c in v.children if c.dep_ == "dobj" for a in self.np(c)]
        else:
            targets = [a for c in t.children if c.dep_ == "nsubj" for a in self.np(c)]
            if not targets:  # mis-parse: "that [X resign]" as one noun phrase
                targets = [
                    (self.te[c.i], c.i)
                    for c in t.children
                    if c.dep_ == "compound" and c.i in self.te
                ]
        trig = Trigger(t.lemma_.lower(), "verb", -1, "opposition")
        self._emit(found, self.subject(v), targets, trig, v, "verb")

    def _own_conjunct(self, t: Token, found) -> None:
        """ "X and his Y party": X stands with the group it is said to own."""
        a = self.te[t.head.i]
        if not any(
            c.dep_ == "poss" and c.tag_ == "PRP$" and self.te.get(c.i) == a for c in t.children
        ):
            return
        owned = [b for b in self.np(t, conj=False) if b[0] != a]
        trig = Trigger("and-his", "noun", 1, "cooperation")
        self._emit(found, [(a, t.head.i)], owned, trig, t, "coordination")

    def _request(self, t: Token, found) -> None:
        """ "X struck at the request of Y", "in response to a request from Y": X works with Y."""
        askers = [(self.te[c.i], c.i) for c in t.children if c.dep_ == "poss" and c.i in self.te]
        askers += self.prep_objects(t, frozenset({"of", "from", "by"}))
        if not askers or t.dep_ != "pobj":
            return
        prep = t.head
        gov = prep.head
        if gov.lower_ == "response" and gov.dep_ == "pobj":  # "in response to"
            prep = gov.head
            gov = prep.head
        if prep.lower_ not in ("at", "on", "upon", "to", "in") or gov.pos_ not in ("VERB", "AUX"):
            return
        if any(c.dep_ == "neg" for c in gov.children):
            return
        trig = Trigger(t.lemma_.lower(), "noun", 1, "cooperation")
        self._emit(found, self.subject(gov), askers, trig, t, "noun-prep")

    def _stance_prefix(self, t: Token, found) -> None:
        """ "pro-X entities", "the anti-X alliance": the modified NP is for or against X."""
        x = self.doc[t.i + 2]
        e = self.te.get(x.i)
        if e is None:
            return
        n = x
        while n.dep_ in ("compound", "amod", "npadvmod", "nmod") and n.head.i > n.i:
            n = n.head
        if n.i in self.te and self.te[n.i] == e:
            return
        holders = [a for a in self.np(n, conj=False) if a[0] != e]
        if not holders and n.dep_ == "conj" and any(c.lower_ == "other" for c in n.children):
            # "A, B and other pro-X groups": A and B are pro-X too
            first = n.head
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            holders = self.np(first, conj=False)
            for c in first.subtree:
                if c.dep_ == "conj" and c.i != n.i and c.head.dep_ in ("conj", first.dep_):
                    holders.extend(self.np(c, conj=False))
        elif n.dep_ == "nsubj" or n.dep_ == "nsubjpass":
            for c in n.head.children:
                if c.dep_ == "attr":
                    holders.extend(self.np(c))
        elif n.dep_ == "attr":  # "X is the anti-Y alliance"
            holders = self.subject(n.head)
        sign = 1 if t.lower_ == "pro" else -1
        trig = Trigger(t.lower_, "adj", sign, "support" if sign > 0 else "opposition")
        self._emit(found, holders, [(e, x.i)], trig, t, "adj")

    def _members(self, t: Token, found) -> None:
        """ "parties comprising X, Y and Z", "groups such as X and Y", "an alliance made up
        of X and Y": members work together. A singular group noun lists its members only
        through a verb of composition ("a group such as X" names an example, not a member)."""
        if t.i in self.te:
            return
        plural = t.tag_ == "NNS"
        members: list[Arg] = []
        for c in t.children:
            low = c.lower_
            if c.dep_ in ("acl", "relcl") and self._lists(c):
                for g in c.children:
                    if g.dep_ == "dobj":
                        members.extend(self.np(g))
                    elif g.dep_ == "prep" and g.lower_ == "of":
                        members.extend(
                            a for p in g.children if p.dep_ == "pobj" for a in self.np(p)
                        )
                if members:  # "an alliance comprised of X and Y", Y hung on "alliance"
                    members.extend(
                        (self.te[k.i], k.i)
                        for k in t.children
                        if k.dep_ == "conj" and k.i > c.i and k.i in self.te
                    )
            elif (
                c.dep_ == "prep"
                and plural
                and (
                    low in ("including", "like")
                    or (low == "as" and c.i > 0 and self.doc[c.i - 1].lower_ == "such")
                )
            ):
                members.extend(a for p in c.children if p.dep_ == "pobj" for a in self.np(p))
        if len({e for e, _ in members}) >= 2:
            trig = Trigger(t.lemma_.lower(), "noun", 1, "cooperation")
            self._pairs(found, members, trig, t, "coordination")

    def _change(self, t: Token, found) -> None:
        """ "the souring of the relationship between X and Y"."""
        sign = self.lex.change_nouns.get(t.lemma_.lower(), self.lex.change_nouns.get(t.lower_))
        args = self._between(t)
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        args.extend(self._between(p))
                        owners = [
                            (self.te[g.i], g.i)
                            for g in p.children
                            if g.dep_ == "poss" and g.i in self.te
                        ]
                        others = self.prep_objects(p, frozenset({"with"}))
                        if owners and others:
                            args.extend(owners + others)
        if len({e for e, _ in args}) >= 2:
            trig = Trigger(t.lemma_.lower(), "noun", sign, "rivalry" if sign < 0 else "agreement")
            self._pairs(found, args, trig, t, "change")

    def _relationship(self, t: Token, found) -> None:
        """ "close ties between X and Y", "strained relations with X", "relations between X
        and Y have been tense"."""
        sign = 0
        for c in t.children:
            if c.dep_ in ("amod", "compound"):
                sign = self.lex.relationship_modifiers.get(c.lower_, sign)
        if not sign and t.dep_ == "nsubj" and t.head.lemma_.lower() in _COPULAS:
            for c in t.head.children:
                if c.dep_ == "acomp" and not self.negated(t.head):
                    sign = self.lex.relationship_modifiers.get(c.lower_, sign)
        if not sign:
            return
        trig = Trigger(t.lemma_.lower(), "noun", sign, "alliance" if sign > 0 else "hostility")
        self._noun(t, Trigger(trig.lemma, "noun", sign, trig.kind, frozenset({"with"})), found)

    def _changed_relationship(self, t: Token, found) -> None:
        """ "relations between X and Y soured", "X severed ties with Y": the verb gives the
        present state of the relationship noun ``t``."""
        v = t.head
        sign = self.lex.change_verbs[v.lemma_.lower()]
        trig = Trigger(v.lemma_.lower(), "verb", sign, "rivalry" if sign < 0 else "agreement")
        with_ = frozenset({"with"})
        if t.dep_ in ("nsubj", "nsubjpass"):
            args = self._between(t)
            owners = [
                (self.te[c.i], c.i) for c in t.children if c.dep_ == "poss" and c.i in self.te
            ]
            others = self.prep_objects(t, with_)
            if len({e for e, _ in args}) < 2 and owners and others:
                args = owners + others
            if len({e for e, _ in args}) >= 2:
                self._pairs(found, args, trig, v, "change")
        elif t.dep_ == "dobj":
            others = self.prep_objects(t, with_) + self.prep_objects(v, with_)
            args = self._between(t)
            if len({e for e, _ in args}) >= 2:
                self._pairs(found, args, trig, v, "change")
            elif others:
                self._emit(found, self.subject(v), others, trig, v, "change")
            else:  # "X and Y broke off relations"
                subj = self.subject(v)
                if len({e for e, _ in subj}) >= 2:
                    self._pairs(found, subj, trig, v, "change")

    def _adjective(self, t: Token, trig: Trigger, found) -> None:
        if t.dep_ in ("amod", "acl"):
            agents = self.np(t.head)
        else:
            agents = self.subject(t)
            if not agents:
                agents = [a for c in t.children if c.dep_ == "nsubjpass" for a in self.np(c)]
        patients = self.prep_objects(t, trig.preps)
        if not patients and t.dep_ == "conj":  # "sectarian and loyal to X": shared prep
            patients = self.prep_objects(t.head, trig.preps)
        own = {b for _, b in patients}  # "parties hostile to X": X is not its own holder
        agents = [a for a in agents if a[1] not in own]
        if patients:
            self._emit(found, agents, patients, trig, t, "adj")
        elif not any(c.dep_ == "prep" and c.lower_ in trig.preps for c in t.children):
            # "X and Y, which are allied", "X and Y are close" (not "close to a deal")
            self._coordinated(found, agents, trig, t)

    def _participle(self, t: Token, trig: Trigger, found) -> None:
        left = self.doc[t.i - 2]
        e = self.te.get(left.i)
        if e is None:
            return
        target = t.head
        while target.dep_ in ("amod", "compound") and target.head is not target:
            if target.i in self.te:
                break
            target = target.head
        patients = self.np(target, conj=False)
        if not patients:
            for c in target.children:
                if c.dep_ == "compound" and c.i in self.te:
                    patients.append((self.te[c.i], c.i))
        self._emit(found, [(e, left.i)], patients, trig, t, "participle")


def _refused_recognition(t: Token, trig: Trigger) -> Trigger | None:
    """ "X refused to recognise Y": a refusal to recognise is opposition, not a cancelled
    support (the other cancelled triggers state nothing)."""
    if (
        trig.lemma in _RECOGNISE
        and t.dep_ == "xcomp"
        and t.head.lemma_.lower() in _REFUSE
        and not any(c.dep_ == "neg" for c in t.head.children)
    ):
        return Trigger(trig.lemma, trig.pos, -1, "opposition")
    return None


def _appositive(t: Token) -> Token | None:
    """The appositive ``t`` is or is coordinated in: "X, a lawyer and Y's rival" describes X
    with both nouns."""
    if t.dep_ == "appos":
        return t
    if t.dep_ == "conj" and t.head.dep_ == "appos":
        return t.head
    return None


def read_relations(
    doc: Doc,
    tok_entity: dict[int, int],
    lex: Lexicon,
    pairs: dict[int, tuple[int, ...]] | None = None,
) -> list[Finding]:
    """Every relation finding in ``doc`` (one per sentence, trigger and pair)."""
    return RelationReader(doc, tok_entity, lex, pairs).read()


_NAMING_VERBS = {"know", "refer", "call", "name", "dub"}
_CHOOSE_VERBS = {"elect", "choose", "select", "nominate", "appoint", "name", "designate", "pick"}
_TOGETHER = {"together", "collectively", "jointly"}
_LEAD_VERBS = {"lead", "head", "chair", "found", "command"}
_LEADER_NOUNS = {
    "leader",
    "head",
    "chief",
    "chairman",
    "chairwoman",
    "chairperson",
    "founder",
    "cofounder",
    "co-founder",
    "commander",
    "president",
    "secretary",
}
_LEADER_TITLES = {
    "president",
    "minister",
    "prime",
    "king",
    "queen",
    "emir",
    "sultan",
    "chairman",
    "leader",
    "chief",
    "commander",
    "head",
    "premier",
    "chancellor",
    "secretary",
    "general",
}
_STATE_HEADS = {"president", "leader", "head", "ruler"}
_JOIN_VERBS = {"join", "rejoin"}
_MEMBER_NOUNS = {
    "member",
    "members",
    "official",
    "lawmaker",
    "deputy",
    "minister",
    "candidate",
    "figure",
    "activist",
    "politician",
    "militant",
    "representative",
    "delegate",
    "envoy",
}
_PART_NOUNS = {"wing", "branch", "affiliate", "arm"}
_SPOKES_NOUNS = {"spokesman", "spokeswoman", "spokesperson"}


def _led_group_leaders(doc: Doc, tok_entity: dict[int, int], entities, lex: Lexicon) -> list:
    """ "the Saudi-led coalition": the state or group named before "-led" leads it (the name
    is part of the group's own mention, so the leader is found by its name)."""
    from factions.text.mentions import led_group_leader, led_groups_heads

    out: list = []
    for t in led_groups_heads(doc):
        g = tok_entity.get(t.i)
        lead = led_group_leader(doc, t, lex) if g is not None else None
        if lead is None or tok_entity.get(lead[0]) != g:
            continue
        words = doc[lead[0] : lead[1]].text
        low = words.lower()
        country = lex.countries.get(low) or lex.demonyms.get(low)
        for k, ent in enumerate(entities):
            if k != g and (
                (country is not None and ent.key == "state:" + country) or ent.name == words
            ):
                out.append((k, g, "leader"))
                break
    return out


def read_affiliations(doc: Doc, tok_entity: dict[int, int], entities, lex: Lexicon):
    """(member, group, role) triples: "X, led by Y", "Y heads X", "Y, the leader of X",
    "X leader Y", "Y, a member of X", "X's President Y". ``member`` is a person."""
    from factions.model import ActorKind

    reader = RelationReader(doc, tok_entity, lex)

    def person(args):
        return [e for e, _ in args if entities[e].kind == ActorKind.PERSON]

    not_groups = (ActorKind.PERSON, ActorKind.STATE, ActorKind.OTHER)

    def group(args, state: bool = False):
        """Groups among ``args``; states too when ``state`` ("President of Y" leads Y)."""
        no = not_groups[::2] if state else not_groups  # (PERSON, OTHER) with states
        return [e for e, _ in args if entities[e].kind not in no]

    out = _led_group_leaders(doc, tok_entity, entities, lex)
    # "Venezuelan President X", "Pakistan's President X", "Army commander X": a title between
    # a group (or state) and a person's name ties the person to it
    for t in doc:
        e = tok_entity.get(t.i)
        if e is None or entities[e].kind != ActorKind.PERSON:
            continue
        if t.i > 0 and tok_entity.get(t.i - 1) == e:
            continue  # not the first token of the name
        j = t.i
        titles = []
        while j > 0 and doc[j - 1].lower_.rstrip(".") in lex.title_words:
            j -= 1
            titles.append(doc[j].lower_.rstrip("."))
        if j == 0:
            continue
        k = j - 1
        if titles:  # "Y's internationally recognized President X": skip the modifiers
            m = k
            while (
                m > 0
                and k - m < 3
                and doc[m].pos_ in ("ADJ", "ADV", "VERB")
                and doc[m].i not in tok_entity
            ):
                m -= 1
            if m < k and doc[m].text in ("'s", "’s"):
                k = m
        if not titles and doc[k].text not in ("'s", "’s"):
            continue  # without a title only "the Y party's X" ties X to Y
        if doc[k].text in ("'s", "’s") and k > 0:
            k -= 1
        g = tok_entity.get(k)
        if g is None or g == e or entities[g].kind == ActorKind.PERSON:
            continue
        if not titles and not group([(g, k)]):
            continue  # "Jordan's X" says nothing of membership
        role = "leader" if set(titles) & _LEADER_TITLES else "member"
        out.append((e, g, role))
    for t in doc:  # "X of the Y party": the head of a person's name takes "of" + a group
        e = tok_entity.get(t.i)
        if e is None or entities[e].kind != ActorKind.PERSON or tok_entity.get(t.head.i) == e:
            continue
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                objs = [a for p in c.children if p.dep_ == "pobj" for a in reader.np(p)]
                for g in group(objs):
                    out.append((e, g, "member"))
    for t in doc:
        lemma = t.lemma_.lower()
        if t.pos_ == "VERB" and lemma in _NAMING_VERBS and t.dep_ in ("acl", "advcl"):
            # "X and Y, collectively known as Z": X and Y are members of Z
            members, named = reader.collective(t)
            if len({e for e, _ in members}) >= 2:
                for g in group(named):
                    out.extend((m, g, "member") for m in dict.fromkeys(e for e, _ in members))
        office = reader.own_office(t) if t.pos_ == "VERB" else None
        if office is not None:  # "X elected Y as its leader": Y is X's
            chosen = [a for c in t.children if c.dep_ == "dobj" for a in reader.np(c)]
            role = "leader" if office.lemma_.lower() in _LEADER_NOUNS else "member"
            for m in person(chosen):
                for g in group(reader.subject(t)):
                    out.append((m, g, role))
        if t.pos_ == "VERB" and t.dep_ == "ROOT":
            # "Under X, the Y party grew": X led Y (a state too: its head of state); only
            # a fronted "under" ("Y suffered under X's rule" is no leadership)
            subj = reader.subject(t)
            first = min((i for _, i in subj), default=-1)
            fronted = [c for c in t.children if c.dep_ == "prep" and c.lower_ == "under"]
            if fronted and fronted[0].i < first:
                under = person(reader.prep_objects(t, frozenset({"under"})))
                for m in under:
                    for g in group(subj, state=True):
                        out.append((m, g, "leader"))
        if t.pos_ == "VERB" and lemma in _LEAD_VERBS:
            by = reader.prep_objects(t, frozenset({"by"}))
            if by and t.dep_ in ("acl", "relcl"):
                # "A, led by X, and B": the participle covers what precedes it, not B
                heads = [(e, i) for e, i in reader.np(t.head) if i < t.i]
                for m in person(by):
                    for g in group(heads):
                        out.append((m, g, "leader"))
            elif by:  # "Y was headed by X"
                led = [a for c in t.children if c.dep_ == "nsubjpass" for a in reader.np(c)]
                for m in person(by):
                    for g in group(led):
                        out.append((m, g, "leader"))
            elif not by:
                subj = reader.subject(t)
                objs = [a for c in t.children if c.dep_ == "dobj" for a in reader.np(c)]
                for m in person(subj):
                    for g in group(objs):
                        out.append((m, g, "leader"))
        elif t.pos_ == "NOUN" and lemma in lex.group_words and t.i not in tok_entity:
            # "X, a rebel group under Y": Y leads X
            under = person(reader.prep_objects(t, frozenset({"under"})))
            if under:
                for g in group(reader.np(t, conj=False)):
                    for m in under:
                        out.append((m, g, "leader"))
        elif t.pos_ == "VERB" and lemma in _JOIN_VERBS and not reader.negated(t):
            # "X joined the Y party": X becomes a member of Y
            objs = [a for c in t.children if c.dep_ == "dobj" for a in reader.np(c, conj=False)]
            subj = reader.subject(t)
            for g in group(objs):
                # a group joins a coalition or alliance as a member too
                joining = (
                    group(subj) + person(subj)
                    if entities[g].kind == ActorKind.COALITION
                    else person(subj)
                )
                for m in dict.fromkeys(joining):
                    if m != g:
                        out.append((m, g, "member"))
        elif (t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.i not in tok_entity)) and (
            lemma in _LEADER_NOUNS
            or lemma in _MEMBER_NOUNS
            or lemma in _SPOKES_NOUNS
            or lemma in _PART_NOUNS
        ):
            role = "leader" if lemma in _LEADER_NOUNS else "member"
            groups = [
                (tok_entity[c.i], c.i)
                for c in t.children
                if c.dep_ in ("compound", "poss", "nmod") and c.i in tok_entity
            ]
            # "a spokesman for Y"
            groups += reader.prep_objects(
                t,
                frozenset(
                    {"of", "for"}
                    if lemma in _SPOKES_NOUNS
                    else {"of", "in"}
                    if lemma in _MEMBER_NOUNS
                    else {"of"}
                ),
            )
            if any(c.dep_ == "poss" and c.lower_ == "whose" for c in t.children):
                groups += reader.whose_antecedent(t, 0)  # "the Y party, whose leader, X, agreed"
            members: list = []
            if t.dep_ == "appos":
                members = reader.np(t.head)
            elif t.dep_ in ("attr", "oprd") or (  # "X is / was elected leader of Y"
                t.dep_ == "pobj" and t.head.lower_ == "as" and t.head.head.pos_ == "VERB"
            ):  # "X took over as leader of Y"
                v = t.head.head if t.dep_ == "pobj" else t.head
                members = reader.subject(v) or [
                    a for c in v.children if c.dep_ == "nsubjpass" for a in reader.np(c)
                ]
            for c in t.children:
                if c.dep_ in ("appos", "compound") and c.i in tok_entity:
                    members.append((tok_entity[c.i], c.i))
            if t.dep_ == "compound" and t.head.i in tok_entity:
                members.append((tok_entity[t.head.i], t.head.i))
            if t.dep_ == "conj" and any(c.lower_ == "other" for c in t.children):
                # "X and sixteen other members of Y": X is one of them
                h = t.head
                while h.dep_ == "conj" and h.head is not h and h.i not in tok_entity:
                    h = h.head
                members.extend(reader.np(h, conj=False))
            for m in person(members):  # a state has a head of state, not members
                for g in group(groups, state=lemma in _STATE_HEADS):
                    out.append((m, g, role))
            if lemma in _PART_NOUNS or lemma in ("member", "members"):
                # "X, the armed wing of Y"; "X, a member of the Y coalition"
                for g in group(groups):
                    if lemma in _PART_NOUNS or entities[g].kind == ActorKind.COALITION:
                        out.extend((m, g, "member") for m in group(members) if m != g)
    return out
