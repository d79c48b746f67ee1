"""Features of a candidate pair, read from the one spaCy parse.

A candidate (two actors co-mentioned in a sentence, :mod:`factions.text.candidates`) is
described by sparse, named features in the tradition of dependency-path relation
extraction (Bunescu & Mooney 2005, "A Shortest Path Dependency Kernel for Relation
Extraction", HLT/EMNLP; Mintz et al. 2009, "Distant supervision for relation extraction
without labeled data", ACL):

* the shortest dependency path between the two mentions: its labels and direction, the
  lemma of the lowest common ancestor (LCA), the lemmas and prepositions on it, the two
  mentions' grammatical roles under the LCA;
* lemmas between the mentions;
* trigger-lexicon hits (``lexicon/triggers.yaml``) on the path, between the mentions and
  in the sentence, with their sign and kind;
* the CAMEO event class of each verb on the path (``lexicon/event_verbs.tsv``, 1,023 verbs
  of the PETRARCH2 CAMEO dictionary; Gerner et al. 2002, "Conflict and Mediation Event
  Observations (CAMEO)", ISA): its root (01-20) and quad class, negation included, so that
  a verb of support or hostility no trigger lists and no training sentence used still
  states its sign ("airlifted supplies to", "berated"); where the verb and its object or
  prepositional phrase match one of the dictionary's verb patterns
  (``lexicon/event_phrases.tsv``), the pattern's root instead ("took part in" is
  cooperation where "took" alone is a seizure; "held talks", "held a rally");
* negation, cancelling verbs ("refused to"), modality, past markers ("former"),
  coordination and apposition of the two mentions, their actor kinds, their distance;
* every rule finding of the rule engine for the pair in that sentence, by rule name and
  sign (rules are features and evidence).

Direction is dropped (the relation label is an unordered pair), so every feature is made
symmetric in the two mentions. Cost: O(sentence length) per candidate.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from factions.model.cameo import QUAD_LABEL, quad_class
from factions.text.lexicon import Lexicon, Trigger, cancels
from factions.text.parse_memo import has_negation, head_ids, memo, token_memo

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["event_root", "pair_features", "shortest_path", "trigger_of", "is_past_marked"]

_DIST_BUCKETS = (1, 2, 3, 5, 8, 12, 20)
_MAX_BETWEEN = 12
_AROUND = 3


def _bucket(n: int, edges: Sequence[int] = _DIST_BUCKETS) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"


def _ancestors(heads: list[int], i: int) -> list[int]:
    out = [i]
    seen = {i}
    while heads[out[-1]] != out[-1] and heads[out[-1]] not in seen:
        seen.add(heads[out[-1]])
        out.append(heads[out[-1]])
    return out


def shortest_path(a: Token, b: Token) -> tuple[list[Token], Token | None, list[Token]]:
    """The dependency path from ``a`` up to the lowest common ancestor and down to ``b``.

    Returns ``(up, lca, down)``: the tokens from ``a`` (inclusive) up to the LCA
    (exclusive), the LCA (``None`` when the two are in different trees), and the tokens from
    ``b`` (inclusive) up to the LCA (exclusive).
    """
    doc = a.doc
    up, lca, down = _path_ids(head_ids(doc), a.i, b.i)
    return [doc[k] for k in up], (doc[lca] if lca is not None else None), [doc[k] for k in down]


def _path_ids(heads: list[int], a: int, b: int) -> tuple[list[int], int | None, list[int]]:
    """:func:`shortest_path` on token indices."""
    up_a = _ancestors(heads, a)
    pos = {t: k for k, t in enumerate(up_a)}
    up_b = _ancestors(heads, b)
    for k, t in enumerate(up_b):
        if t in pos:
            return up_a[: pos[t]], t, up_b[:k]
    return up_a, None, up_b


def trigger_of(tok: Token, lex: Lexicon) -> Trigger | None:
    """The lexicon trigger a token is, by its part of speech (verb, noun, adjective)."""
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB":
        return lex.verbs.get(lemma) or lex.participles.get(tok.lower_)
    if tok.pos_ in ("NOUN", "PROPN"):
        return lex.nouns.get(lemma) or lex.nouns.get(tok.lower_)
    if tok.pos_ == "ADJ":
        return lex.adjectives.get(tok.lower_) or lex.adjectives.get(lemma)
    return None


def doc_triggers(doc: Doc, lex: Lexicon) -> list[Trigger | None]:
    """:func:`trigger_of` for every token of ``doc``, computed once per document and lexicon
    (kept in ``doc.user_data``): every candidate pair of a sentence reads them."""
    return memo(doc, ("triggers", id(lex)), lambda d: [trigger_of(t, lex) for t in d])


def _negated(tok: Token, lex: Lexicon) -> bool:
    """Whether a trigger is negated or cancelled: "did not back", "refused to support",
    or a relation noun that a cancelling verb takes as its object ("lifted the embargo",
    "ended the coalition", "ruled out a coalition": :func:`~factions.text.lexicon.cancels`)."""
    if has_negation(tok):
        return True
    if (
        tok.pos_ in ("NOUN", "PROPN")
        and tok.dep_ in ("dobj", "nsubjpass")
        and cancels(tok.head, lex)
    ):
        return True
    h = tok
    for _ in range(2):  # "refused to back", "declined to support"
        if h.dep_ in ("xcomp", "ccomp") and cancels(h.head, lex):
            return True
        h = h.head
    return False


def _event_class(root: int, negated: bool) -> str:
    """The CAMEO quad class of an event root (:func:`factions.model.cameo.quad_class`, the
    table the event-data importers use: verbal or material cooperation or conflict), with
    "not" before it when the verb is negated or cancelled."""
    quad = QUAD_LABEL[quad_class(root)].replace(" ", "-")
    return f"not-{quad}" if negated else quad


_OBJECT_DEPS = frozenset({"dobj", "attr", "dative", "oprd", "prt", "acomp", "advmod", "npadvmod"})


def event_root(t: Token, lex: Lexicon) -> int | None:
    """The CAMEO root of verb ``t`` in its clause: the root of a verb pattern of
    ``lex.event_phrases`` its object or a prepositional phrase matches ("took part", "took
    [him] into custody", "gave up"), else the verb's own (``lex.event_verbs``); None for a
    non-verb, a verb the tables lack, or a phrase the dictionary reads as no event (root 0,
    "took lives")."""
    if t.pos_ != "VERB":
        return None
    lemma = t.lemma_.lower()
    phrases = lex.event_phrases.get(lemma)
    if phrases:
        for c in t.children:
            if c.dep_ in _OBJECT_DEPS:
                keys = [("-", c.lower_), ("-", c.lemma_.lower())]
            elif c.dep_ == "prep":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                keys = [(c.lower_, w) for g in objs for w in (g.lower_, g.lemma_.lower())]
            else:
                continue
            for key in keys:
                if key in phrases:
                    return phrases[key] or None
    return lex.event_verbs.get(lemma)


def _effective(sign: int, negated: bool) -> str:
    """The sign a trigger states, turned over when it is negated or cancelled ("lifted the
    sanctions" states cooperation, "ended the coalition" a split)."""
    return "+" if (sign > 0) != negated else "-"


def is_past_marked(tok: Token, lex: Lexicon) -> bool:
    """Whether a mention or trigger carries a past marker ("former ally", "ex-partner")."""
    for c in tok.children:
        if c.dep_ in ("amod", "advmod", "compound") and c.lower_ in lex.past_markers:
            return True
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and doc[tok.i - 2].lower_ == "ex"


def _mention_role(tok: Token, lex: Lexicon) -> dict[str, float]:
    """What one mention is in its sentence: entity type, part of speech, grammatical role
    (the preposition for an object of one; ``m-locative`` for one of the lexicon's
    ``feature_locative_preps``), and whether it opens a list or table line."""
    f = {f"m-ner:{tok.ent_type_ or 'none'}": 1.0, f"m-pos:{tok.pos_}": 1.0}
    dep = tok.dep_
    if dep == "pobj":
        prep = tok.head.lower_
        f[f"m-dep:pobj-{prep}"] = 1.0
        if prep in lex.feature_locative_preps:
            f["m-locative"] = 1.0
    elif dep == "poss":
        f["m-dep:poss"] = 1.0
    else:
        f[f"m-dep:{dep}"] = 1.0
    line_start = tok.sent.start
    if tok.doc[line_start].text in ("-", "*", "|", "•") or tok.doc[line_start].like_num:
        f["m-list-line"] = 1.0
    return f


def _path_token_facts(t: Token, lex: Lexicon) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What token ``t`` says on a pair's dependency path, whichever the pair: its own
    features (its lemma or preposition, the CAMEO event class of a verb or its phrase) and
    the features of what it states (its trigger's sign and kind, negation and past marker;
    or a negated verb), which a pair drops when ``t`` describes another tie."""
    lemma = t.lemma_.lower()
    own: list[str] = []
    if t.pos_ == "ADP":
        own.append(f"path-prep:{lemma}")
    elif t.pos_ in ("VERB", "NOUN", "ADJ", "PROPN", "AUX"):
        own.append(f"path-lemma:{lemma}")
    neg = _negated(t, lex)
    root = event_root(t, lex)
    if root is not None:  # the CAMEO event class of a verb (or its phrase) on the path
        own += [f"event-path:{root:02d}", f"event-path-class:{_event_class(root, neg)}"]
    stated: list[str] = []
    trig = trigger_of(t, lex)
    if trig is not None:
        sign = "+" if trig.sign > 0 else "-"
        stated += [f"trig-path:{sign}", f"trig-path-kind:{trig.kind}"]
        if neg:
            stated.append(f"trig-path-negated:{sign}")
        stated.append(f"trig-path-eff:{_effective(trig.sign, neg)}")
        if is_past_marked(t, lex):
            stated.append("trig-path-past")
    elif neg and t.pos_ == "VERB":
        stated.append("negated-path-verb")
    return tuple(own), tuple(stated)


def _sym(x: str, y: str) -> str:
    return f"{x}+{y}" if x <= y else f"{y}+{x}"


def _side(path: list[Token]) -> str:
    return ">".join(t.dep_ for t in path)


def _choose_heads(doc: Doc, heads_a: Iterable[int], heads_b: Iterable[int]) -> tuple[int, int]:
    best: tuple[int, int, int, int] | None = None
    heads = head_ids(doc)
    for i in heads_a:
        for j in heads_b:
            up, lca, down = _path_ids(heads, i, j)
            length = len(up) + len(down) if lca is not None else 99
            key = (length, abs(i - j), i, j)
            if best is None or key < best:
                best = key
    assert best is not None
    return best[2], best[3]


_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "dative", "prep", "agent", "attr"}


def _coordination_features(f: dict[str, float], first: Token, lex: Lexicon) -> None:
    """What a coordination of the two mentions does in its clause: its role (co-subjects
    act together, "X and Y signed"; co-objects are acted on, "talks with X and Y"), the
    preposition it is the object of, and the word it hangs on with its trigger sign."""
    dep = first.dep_
    head = first.head
    f[f"coord-dep:{dep}"] = 1.0
    if dep == "pobj":
        f[f"coord-prep:{head.lower_}"] = 1.0
        head = head.head
    f[f"coord-head:{head.lemma_.lower()}"] = 1.0
    trig = trigger_of(head, lex)
    if trig is not None:
        f[f"coord-head-trig:{'+' if trig.sign > 0 else '-'}|{dep}"] = 1.0


def _describes_another_tie(t: Token, i: int, j: int) -> bool:
    """Whether relation noun ``t`` stands in apposition to one end of the pair (token ``i``
    or ``j``) and its possessor is not the other end: "X backed his rival, Y" ("rival" ties
    Y to "his", whoever that is, not to X); "X's rival, Y" keeps it (the tie is X's)."""
    if t.pos_ != "NOUN":
        return False
    if t.dep_ == "appos" and t.head.i in (i, j):
        end = t.head.i
    else:
        end = next((c.i for c in t.children if c.dep_ == "appos" and c.i in (i, j)), None)
        if end is None:
            return False
    other = j if end == i else i
    owners = [c for c in t.children if c.dep_ == "poss"]
    return bool(owners) and not any(other in {x.i for x in o.subtree} for o in owners)


def pair_features(
    doc: Doc,
    heads_a: Sequence[int],
    heads_b: Sequence[int],
    lex: Lexicon,
    *,
    kind_a: str = "other",
    kind_b: str = "other",
    findings: Iterable[Any] = (),
    sent: tuple[int, int] | None = None,
    mentions: tuple[int, int] = (1, 1),
    n_actors: int = 2,
    affiliation: str | None = None,
    others: Sequence[int] = (),
) -> dict[str, float]:
    """Sparse named features of one candidate pair.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed document.
    heads_a, heads_b : sequence of int
        Head tokens of the two actors' mentions in the sentence (the closest pair in the
        parse is used).
    lex : Lexicon
        The trigger lexicon.
    kind_a, kind_b : str
        Actor kinds (``ActorKind`` values).
    findings : iterable
        Rule findings for this pair in this sentence (objects with ``sign``, ``past`` and
        ``rule`` or ``pattern``).
    sent : (int, int), optional
        The sentence's token bounds (default: the sentence of the first head).
    mentions : (int, int)
        How often each actor is mentioned in the document (salience).
    n_actors : int
        How many distinct actors the sentence mentions.
    affiliation : str, optional
        The role (``leader``, ``member``) when an affiliation rule links the two actors in
        the document (an affiliation is not a relation, ANNOTATION.md).
    others : sequence of int
        Head tokens of the sentence's mentions of other actors: how many stand between the
        two, and whether one is an argument of their lowest common ancestor ("X accused Y
        of backing Z": Y, not Z, is what X accuses).

    Returns
    -------
    dict
        Feature name -> value (1.0 for indicators).

    Examples
    --------
    >>> import spacy
    >>> from spacy.tokens import Doc
    >>> from factions.text.lexicon import load_lexicon
    >>> doc = Doc(spacy.blank("en").vocab, words=["Tarvos", "armed", "Ulden"],
    ...           heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"],
    ...           pos=["PROPN", "VERB", "PROPN"], lemmas=["Tarvos", "arm", "Ulden"])
    >>> f = pair_features(doc, [0], [2], load_lexicon(), kind_a="state", kind_b="militia")
    >>> [k for k in sorted(f) if k.startswith(("lca:", "roles:", "kinds:"))]
    ['kinds:militia+state', 'lca:arm', 'roles:dobj+nsubj']
    """
    i, j = _choose_heads(doc, heads_a, heads_b)
    f: dict[str, float] = {}
    if sent is None:
        s = doc[i].sent
        sent = (s.start, s.end)
    f[f"kinds:{_sym(kind_a, kind_b)}"] = 1.0
    f[f"n-actors:{_bucket(n_actors, (2, 3, 4, 6))}"] = 1.0
    if affiliation:
        f[f"affiliation:{affiliation}"] = 1.0
    lo, hi = min(i, j), max(i, j)
    between_others = sum(1 for k in others if lo < k < hi)
    f[f"others-btw:{min(between_others, 2)}"] = 1.0
    roles = token_memo(doc, ("mention-roles", id(lex)), lambda t: _mention_role(t, lex))
    for k, h in ((mentions[0], i), (mentions[1], j)):
        f[f"m-count:{_bucket(k, (1, 2, 4))}"] = 1.0
        f.update(roles(h))
    if i == j:
        f["same-token"] = 1.0
        return f
    f[f"dist:{_bucket(hi - lo)}"] = 1.0

    up, lca, down = shortest_path(doc[i], doc[j])
    on_path: list[Token] = []
    if lca is not None:
        on_path = [*up[1:], lca, *down[1:]]
        sa, sb = _side(up), _side(down)
        lemma = lca.lemma_.lower()
        f[f"lca:{lemma}"] = 1.0
        f[f"lca-pos:{lca.pos_}"] = 1.0
        f[f"path:{_sym(sa, sb)}|{lca.pos_}"] = 1.0
        f[f"path-lex:{_sym(sa, sb)}|{lemma}"] = 1.0
        ra = up[-1].dep_ if up else "self"
        rb = down[-1].dep_ if down else "self"
        f[f"roles:{_sym(ra, rb)}"] = 1.0
        f[f"roles-lex:{_sym(ra, rb)}|{lemma}"] = 1.0
        f[f"path-len:{_bucket(len(up) + len(down), (1, 2, 3, 4, 6, 8))}"] = 1.0
        if {ra, rb} == {"conj", "self"} or (ra == rb == "conj"):
            f["coordinated"] = 1.0
            _coordination_features(f, lca, lex)
        if "appos" in (ra, rb):
            f["appositive"] = 1.0
        if any(c.dep_ == "aux" and c.lemma_.lower() in lex.modal_verbs for c in lca.children):
            f["modal"] = 1.0
        other_args = set(others) - {i, j}
        for c in lca.children:
            arg = c
            if c.dep_ in ("prep", "agent"):
                arg = next((g for g in c.children if g.dep_ == "pobj"), c)
            if arg.i in other_args and c.dep_ in _ARG_DEPS:
                f[f"other-arg:{c.dep_}"] = 1.0
        lca_trig = trigger_of(lca, lex)
        if lca_trig is not None:
            sign = "+" if lca_trig.sign > 0 else "-"
            f[f"trig-lca:{sign}"] = 1.0
            f[f"trig-lca-roles:{sign}|{_sym(ra, rb)}"] = 1.0
            f[f"trig-lca-path:{sign}|{_sym(sa, sb)}"] = 1.0
            lca_neg = _negated(lca, lex)
            if lca_neg:
                f["trig-lca-negated"] = 1.0
            f[f"trig-lca-eff:{_effective(lca_trig.sign, lca_neg)}"] = 1.0
    else:
        f["no-path"] = 1.0

    triggers = doc_triggers(doc, lex)
    facts = token_memo(doc, ("path-facts", id(lex)), lambda t: _path_token_facts(t, lex))
    for t in on_path:
        own, stated = facts(t.i)
        trig = triggers[t.i]
        for name in own:
            f[name] = 1.0
        if trig is not None and _describes_another_tie(t, i, j):
            # "switched its support to his rival, Y": "rival" ties Y to "his", not to X
            f[f"trig-desc:{'+' if trig.sign > 0 else '-'}"] = 1.0
        else:
            for name in stated:
                f[name] = 1.0

    between = doc[lo + 1 : hi]
    if len(between) <= _MAX_BETWEEN:
        for t in between:
            if t.is_alpha and not t.is_stop or t.pos_ == "ADP" or t.lower_ in ("and", "or"):
                f[f"btw:{t.lemma_.lower()}"] = 1.0
    f[f"btw-n:{_bucket(len(between))}"] = 1.0
    for t in between:  # clause boundaries: "X backed Y, while Z ...", "X won; Y lost"
        if t.pos_ in ("SCONJ", "CCONJ") or t.text in (";", ":", "(", "—", "–"):
            f[f"btw-mark:{t.lower_}"] = 1.0
    s0, s1 = sent
    for t in (*doc[max(s0, lo - _AROUND) : lo], *doc[hi + 1 : min(s1, hi + 1 + _AROUND)]):
        if t.is_alpha and not t.is_stop:
            f[f"around:{t.lemma_.lower()}"] = 1.0
    for trig in triggers[lo + 1 : hi]:
        if trig is not None:
            f[f"trig-btw:{'+' if trig.sign > 0 else '-'}"] = 1.0
    for trig in triggers[s0:s1]:
        if trig is not None:
            f[f"trig-sent:{'+' if trig.sign > 0 else '-'}"] = 1.0
    for h in (i, j):
        if is_past_marked(doc[h], lex):
            f["mention-past"] = 1.0

    n = 0
    for x in findings:
        sign = "+" if x.sign > 0 else "-"
        rule = getattr(x, "rule", None) or x.pattern
        f[f"rule:{rule}:{sign}"] = 1.0
        f[f"rule-sign:{sign}"] = 1.0
        if x.past:
            f[f"rule-past:{sign}"] = 1.0
        n += 1
    if n:
        f["rule-any"] = 1.0
    return f
