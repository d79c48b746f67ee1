"""Mentions of actors in a parsed document: NER + gazetteer + demonyms + capitals.

One linear pass over the entities and tokens of a spaCy ``Doc``. Each :class:`Mention` is a
token span with a label (``PERSON``, ``ORG``, ``STATE``, ``GPE``, ``GAZ``) and a canonical
key: the gazetteer actor id, the country name for states, demonyms and capitals, or the
name as written. Pronouns and descriptions are added later by :mod:`factions.text.coref`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factions.model import ActorKind, normalise_alias
from factions.text.lexicon import Lexicon
from factions.text.parse_memo import has_negation
from factions.text.tables import find_tables, table_affiliations, table_mentions, table_role

__all__ = [
    "Gazetteer",
    "Mention",
    "find_mentions",
    "led_group_leader",
    "led_groups_heads",
    "mention_affiliations",
    "name_kind",
    "org_kind",
    "word_positions",
    "words_positions",
]

if TYPE_CHECKING:
    from collections.abc import Collection

    from spacy.tokens import Doc, Span, Token

    from factions.model import System


@dataclass
class Mention:
    """A span of tokens that names (or, after coref, refers to) an actor."""

    start: int  # first token
    end: int  # one past the last token
    start_char: int
    end_char: int
    text: str
    label: str  # PERSON, ORG, STATE, GPE, GAZ, REF, BODY, PRON, DESC
    key: str  # gazetteer id, country name, or the name as written
    kind: ActorKind = ActorKind.OTHER
    named: bool = True
    title: str | None = None  # "prime minister" in "Prime Minister Nouri X"
    alias_of: int | None = None  # index of the mention this one abbreviates ("(AAH)")
    entity: int = -1
    extra: dict = field(default_factory=dict)

    @classmethod
    def of(
        cls, span: Span, label: str, key: str, kind: ActorKind = ActorKind.OTHER, **fields: Any
    ) -> Mention:
        """A mention covering ``span``: token and character offsets and text come from it."""
        return cls(
            span.start, span.end, span.start_char, span.end_char, span.text, label, key, kind,
            **fields,
        )  # fmt: skip


class Gazetteer:
    """Names from a user's system file, matched case-insensitively as whole token sequences."""

    def __init__(self, system: System, nlp) -> None:
        from spacy.matcher import PhraseMatcher

        self.system = system
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.actors = {a.id: a for a in system.actors}
        for a in system.actors:
            patterns = [nlp.make_doc(n) for n in a.names() if n.strip()]
            if patterns:
                self.matcher.add(a.id, patterns)

    def spans(self, doc: Doc) -> list[tuple[int, int, str]]:
        """Longest non-overlapping (start, end, actor_id) matches in ``doc``."""
        found = []
        for match_id, s, e in self.matcher(doc):
            found.append((s, e, doc.vocab.strings[match_id]))
        found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        out: list[tuple[int, int, str]] = []
        last = -1
        for s, e, aid in found:
            if s >= last:
                out.append((s, e, aid))
                last = e
        return out


def name_kind(text: str, lex: Lexicon) -> ActorKind | None:
    """The kind a word of a name says ("... Party" -> party; the last such word), or None
    when no word of the name says what kind of group it is."""
    words = [w.strip(".,'’").lower() for w in text.replace("-", " ").split()]
    for w in reversed(words):
        if w in lex.kinds:
            return ActorKind(lex.kinds[w])
    return None


def org_kind(text: str, lex: Lexicon) -> ActorKind:
    """Kind of an organisation from the words of its name ("... Party" -> party)."""
    return name_kind(text, lex) or ActorKind.ORGANIZATION


_HYPHENS = ("-", "‐", "‑")  # hyphen-minus, hyphen, non-breaking hyphen


def _strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def ends_a_title(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` is a title by itself ("leader", "Gen."), as the last word of a title
    must be: a word of a longer title alone ("opposition" of "opposition leader") is none."""
    return tok.lower_ in lex.titles or tok.lower_.rstrip(".") in lex.titles


def _title_before(doc: Doc, start: int, lex: Lexicon) -> tuple[int, str | None]:
    """Extend a person span left over title words ("Vice President"); return new start, title.
    An office named by a phrase ("head of state X") is that phrase, not its last word."""
    for phrase in lex.office_synonyms:
        words = phrase.split()
        k = start - len(words)
        if len(words) > 1 and k >= 0 and [t.lower_ for t in doc[k:start]] == words:
            return k, phrase
    i = start
    while (
        i > 0 and doc[i - 1].lower_.rstrip(".") in lex.title_words and doc[i - 1].text[0].isalpha()
    ):
        i -= 1
    while i < start and doc[i].pos_ in ("ADP", "DET", "CCONJ"):  # "of" cannot lead a title
        i += 1
    if i == start:
        return start, None
    title = " ".join(t.lower_ for t in doc[i:start])
    if title not in lex.titles and not ends_a_title(doc[start - 1], lex):
        return start, None  # "the opposition X": "opposition" alone is no title
    if (
        i >= 2
        and doc[i - 1].text in _HYPHENS
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
        and doc[i - 2].lower_ in lex.office_prefixes
        and title not in lex.rank_titles
    ):  # "Vice-President X" is the vice-president ("Vice-Admiral X" an admiral)
        return i - 2, f"{doc[i - 2].lower_} {title}"
    return i, title


def find_mentions(
    doc: Doc,
    lex: Lexicon,
    gazetteer: Gazetteer | None = None,
    references: list | None = None,
    world=None,
) -> list[Mention]:
    """Named mentions of actors in ``doc`` (sorted, non-overlapping).

    ``references`` are the world gazetteer's matches in ``doc``
    (:func:`factions.text.gazetteer.matcher.find_references`; ``world`` their gazetteer):
    label ``REF``, key the external id. Cost: O(tokens + entities). Gazetteer matches (the
    user's, then the world's) win over NER spans they overlap.
    """
    mentions: list[Mention] = []
    taken = bytearray(len(doc))

    def add(m: Mention) -> None:
        if any(taken[m.start : m.end]):
            return
        for i in range(m.start, m.end):
            taken[i] = 1
        mentions.append(m)

    if gazetteer is not None:
        for s, e, aid in gazetteer.spans(doc):
            span = doc[s:e]
            actor = gazetteer.actors[aid]
            add(Mention.of(span, "GAZ", aid, actor.kind))

    for r in references or ():
        entry = world.entries[r.external_id]
        start = r.start
        start = _with_article(doc, start, taken)  # "the Arab League", as NER's spans run
        add(
            Mention.of(
                doc[start : r.end],
                "REF",
                r.external_id,
                ActorKind(entry.kind),
                extra={"name": entry.name},
            )
        )

    for m in _led_groups(doc, lex):  # "the US-led coalition" before NER takes "US"
        add(m)

    for ent in _split_coordinated(doc.ents, lex, world):
        m = _mention_for_entity(doc, ent, lex)
        if m is not None:
            add(m)

    # Capitalised names ending in an organisation word that NER missed ("the Reform Bloc").
    for tok in doc:
        if taken[tok.i] or tok.pos_ != "PROPN" or tok.lower_ not in lex.kinds:
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN":
            continue
        s = tok.i
        while s > 0 and not taken[s - 1]:
            p = doc[s - 1]
            if p.pos_ == "PROPN" and p.is_title:
                s -= 1
            elif (
                p.tag_ == "POS"
                and s > 1
                and doc[s - 2].is_title
                and not taken[s - 2]
                and doc[s - 2].lower_ not in lex.party_family_plurals
                and not (tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in ("for", "of"))
            ):  # "the Workers' Party"; not "the Socialists' Congress" (a party's), nor
                # "People's Alliance for Democracy" (read whole below)
                s -= 2
            else:
                break
        if s == tok.i:
            continue
        s = _with_article(doc, s, taken)
        span = doc[s : tok.i + 1]
        add(
            Mention.of(
                span,
                "ORG",
                _strip_the(span.text),
                org_kind(span.text, lex),
            )
        )

    # "the Movement for Justice", "the Front for the Liberation of X", "Party of Regions":
    # a capitalised organisation word, "for"/"of", and capitalised words.
    for k0 in words_positions(doc, lex.kinds):
        tok = doc[k0]
        if (
            taken[tok.i]
            or not tok.is_title
            or tok.lower_ not in lex.kinds
            or tok.i + 2 >= len(doc)
            or doc[tok.i + 1].lower_ not in ("for", "of")
        ):
            continue
        k = tok.i + 2
        if doc[k].lower_ == "the" and k + 1 < len(doc):
            k += 1
        end = k
        while (
            end < len(doc)
            and not taken[end]
            and (
                (doc[end].is_title and doc[end].pos_ == "PROPN")
                or (
                    doc[end].lower_ in ("and", "of", "the", "for")
                    and end + 1 < len(doc)
                    and doc[end + 1].is_title
                )
            )
        ):
            end += 1
        while end > k and not doc[end - 1].is_title:
            end -= 1
        if end == k or any(taken[tok.i : end]):
            continue
        s = tok.i
        while s > 0 and not taken[s - 1]:
            p = doc[s - 1]
            if p.is_title and p.pos_ == "PROPN":
                s -= 1
            elif p.text in ("'s", "’s") and s > 1 and doc[s - 2].is_title and not taken[s - 2]:
                s -= 2  # "People's Alliance for Renewal"
            else:
                break
        s = _with_article(doc, s, taken)
        if (s == 0 or doc[s].is_sent_start) and s == tok.i and not doc[s].is_title:
            continue
        if _leader_after_of(doc, s, tok.i + 1, lex, end) is not None:
            continue  # "the Socialist Party of Emile Varga": a party and its leader
        span = doc[s:end]
        if doc[end - 1].ent_type_ in ("GPE",) and end - k == 1 and s == tok.i:
            pass  # "Party of Regions" vs "Army of Iraq": both names; keep
        add(Mention.of(span, "ORG", _strip_the(span.text), org_kind(doc[s : tok.i + 1].text, lex)))

    # Unnamed but definite actors of general political vocabulary: "the military junta".
    for tok in doc:
        if taken[tok.i] or tok.lower_ not in lex.generic_heads:
            continue
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound")]
        words = " ".join(c.lower_ for c in mods[-1:]) + " " + tok.lower_
        if words.strip() not in lex.generic_actors and tok.lower_ in lex.generic_actors:
            mods, words = [], tok.lower_
        if words.strip() in lex.generic_actors and not any(taken[c.i] for c in mods):
            if _generic_not_acting(tok, lex):
                continue
            name = words.strip()
            bare = lex.bare_generic_actors.get(name)
            if bare is not None and not _bare_definite(tok, mods):
                continue  # "the Iraqi army", "military rule", "an army"
            s = min([c.i for c in mods] + [tok.i])
            while (
                s > 0
                and (
                    doc[s - 1].dep_ == "det"
                    or (doc[s - 1].dep_ == "amod" and doc[s - 1].pos_ == "ADJ")
                )
                and doc[s - 1].head.i == tok.i
            ):  # "the ruling junta", not "boycotted parliament"
                s -= 1
            span = doc[s : tok.i + 1]
            if bare is not None:  # "the army", "the military": one body, named by the data
                add(_force_mention(span, bare))
                continue
            add(Mention.of(span, "ORG", name, ActorKind.GOVERNMENT_BODY))

    for m in _norp_names(doc, taken, lex):  # "the Islamic State": NER took only "Islamic"
        add(m)

    # Demonyms not tagged as NORP and capitals/countries the NER missed.
    for tok in doc:
        if taken[tok.i]:
            continue
        low = tok.lower_
        known = lex.countries.get(low) or lex.capitals.get(low)
        if tok.pos_ in ("PROPN", "ADJ") and known and tok.is_title:
            add(
                Mention(
                    tok.i,
                    tok.i + 1,
                    tok.idx,
                    tok.idx + len(tok.text),
                    tok.text,
                    "STATE",
                    known,
                    ActorKind.STATE,
                    extra={"capital": low in lex.capitals and low not in lex.countries},
                )
            )
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and not taken[nxt.i] and f"{low} {nxt.lower_}" in lex.demonyms:
            m = _demonym_mention(doc, tok.i, tok.i + 2, lex)  # "Sri Lankan"
            if m is not None:
                add(m)
                continue
        if low in lex.demonyms and tok.pos_ in ("ADJ", "PROPN", "NOUN"):
            m = _demonym_mention(doc, tok.i, tok.i + 1, lex)
            if m is not None:
                add(m)

    for span in _unlabelled_names(doc, taken, lex):  # names NER missed: "Blaise Compaoré"
        m = _mention_for_entity(doc, span, lex)
        if m is not None:
            add(m)

    mentions = [m for m in mentions if not _capital_as_place(doc, m, lex)]
    _capitals_as_surnames(mentions)
    for m in mentions:
        head = doc[m.end - 1]
        if head.dep_ == "pobj" and head.head.lower_ in lex.locative_preps:
            m.extra["place"] = True
    mentions.extend(table_mentions(doc, mentions, taken, lex))  # tables and lists of parties
    headers = [t.header for t in find_tables(doc.text, lex) if t.header is not None]
    if headers:  # "| List | Seats |": column names, not actors
        mentions = [
            m
            for m in mentions
            if not any(a <= m.start_char and m.end_char <= b for a, b in headers)
        ]
    mentions.sort(key=lambda m: m.start)
    mentions = _join_adjacent_persons(doc, mentions)
    mentions = _without_title_parts(doc, mentions, lex)
    mentions = _acronym_definitions(doc, mentions, taken, lex)
    mentions = _repeat_names(doc, mentions, taken, lex)
    mentions += _members_plural(doc, mentions, taken, lex)  # "the Socialists": the party
    _plural_groups(doc, mentions)
    _described_kinds(doc, mentions, lex)
    mentions.extend(_bodies(doc, mentions, taken))
    mentions.extend(_described_coalitions(doc, taken, lex))
    mentions.extend(_state_forces(doc, mentions, taken, lex))
    _join_bare_forces(mentions)
    mentions.sort(key=lambda m: m.start)
    _link_parenthesised_acronyms(doc, mentions)
    _link_former_names(doc, mentions)
    _link_appositions(doc, mentions, lex)
    _link_party_leaders(doc, mentions)
    bodies = {m.start for m in mentions if m.label == "BODY"}
    for m in mentions:
        if m.label != "BODY":
            _phrase_spans(doc, m, lex, bodies)
    return mentions


def _with_article(doc: Doc, start: int, taken: bytearray) -> int:
    """``start`` moved back over a "the" no mention has taken ("the Arab League", as NER's
    spans run)."""
    return (
        start - 1
        if start > 0 and doc[start - 1].lower_ == "the" and not taken[start - 1]
        else start
    )


def _norp_names(doc: Doc, taken: bytearray, lex: Lexicon) -> list[Mention]:
    """Names NER cut after their adjective: a nationality, religious or political adjective
    tagged NORP followed by one capitalised proper noun it left untagged, "the Islamic
    State", "the Kurdish Peshmerga", as an organisation's name. Not when that noun is a
    title ("the Iranian President"), a country, capital or demonym, an event or place noun
    (``non_actor_heads``: "the Islamic Revolution"; "State" is a name's head here, never the
    "Borno State" of ``place_nouns``) or is followed by another capitalised word (a longer
    name other steps read)."""
    from factions.text.gazetteer import load_words

    words = load_words()
    banned = words.non_actor_heads | words.calendar_words
    out = []
    for ent in doc.ents:
        e = ent.end
        if ent.label_ != "NORP" or e >= len(doc) or any(taken[ent.start : e + 1]):
            continue
        head = doc[e]
        nxt = doc[e + 1] if e + 1 < len(doc) else None
        low = head.lower_
        if (
            head.pos_ != "PROPN"
            or not head.is_title
            or not head.is_alpha
            or head.ent_type_
            or head.tag_ == "NNPS"
            or (low in lex.title_words and low not in lex.state_heads)
            or low in lex.countries
            or low in lex.capitals
            or low in lex.demonyms
            or low in banned
            or head.lemma_.lower() in banned
            or (nxt is not None and nxt.is_title and nxt.pos_ == "PROPN")
        ):
            continue
        start = ent.start
        start = _with_article(doc, start, taken)
        span = doc[start : e + 1]
        out.append(Mention.of(span, "ORG", _strip_the(span.text), org_kind(span.text, lex)))
    return out


def _plural_groups(doc: Doc, mentions: list[Mention]) -> None:
    """ "the Azuris", "the Azurists": a name NER took for a person's that is plural and
    has an article is a group's (a person is never "the Xs")."""
    for m in mentions:
        if (
            m.label == "PERSON"
            and not m.title
            and m.start > 0
            and doc[m.start - 1].lower_ == "the"
            and m.text.endswith("s")
            and not m.text.endswith("ss")
            and m.end - m.start <= 2
        ):
            m.label, m.kind, m.key = "ORG", ActorKind.ORGANIZATION, m.text


def subject_complements(subject: Token, lex: Lexicon) -> list[Token]:
    """What a clause says its subject is or became (``subject``: the clause's subject, a
    name's root or a relative "who"): the complement of a verb of being or becoming
    (``title_verbs``: "X is an alliance of ...", "X became prime minister", "X was elected
    president") and the object of "as" ("X took shape as a coalition", "X took office as
    president", "X emerged as the largest party"). None when the verb is negated ("X is not
    a coalition", "who was never elected") or has an object of its own beyond
    ``as_light_objects`` ("X appointed Y prime minister", "X denounced Y as a militia": the
    office or kind is Y's)."""
    if subject.dep_ not in ("nsubj", "nsubjpass"):
        return []
    verb = subject.head
    kids = list(verb.children)
    if has_negation(verb) or any(
        c.dep_ in ("dobj", "dative", "ccomp") and c.lemma_.lower() not in lex.as_light_objects
        for c in kids
    ):
        return []
    becoming = verb.lemma_.lower() in lex.title_verbs
    out = [c for c in kids if c.dep_ in ("attr", "oprd") and becoming]
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "as":
            out += [o for o in c.children if o.dep_ == "pobj"]
    return out


def _kind_noun(tok: Token, lex: Lexicon) -> ActorKind | None:
    """The group kind a common noun describing a name says (``description_kinds``:
    "coalition", "the Islamist alliance"), or None: a noun of a list ("X, the ruling party
    and the army"), "a party to the talks", "a front for Y" (``description_blocking_preps``)."""
    if tok.pos_ != "NOUN" or not tok.is_lower or tok.lower_ not in lex.description_kinds:
        return None
    if any(c.dep_ in ("cc", "conj") for c in tok.children):
        return None
    if any(c.dep_ == "prep" and c.lower_ in lex.description_blocking_preps for c in tok.children):
        return None
    return ActorKind(lex.description_kinds[tok.lower_])


def _described_kind(doc: Doc, m: Mention, lex: Lexicon) -> ActorKind | None:
    """The kind a text gives a name by describing it: in apposition ("Jaish al-Fatah, the
    Islamist coalition that ...", "his centre-right alliance, Portugal a Frente"), or as
    what its clause says it is (:func:`subject_complements`: "X is an alliance of ...", "X
    took shape as a coalition of ...", "X emerged as the largest party")."""
    root = doc[m.start : m.end].root
    if any(c.dep_ in ("cc", "conj") for c in root.children):
        return None  # "X, the party and the army": a list
    for c in root.children:
        if c.dep_ == "appos" and not (m.start <= c.i < m.end) and (k := _kind_noun(c, lex)):
            return k
    if root.dep_ == "appos" and (k := _kind_noun(root.head, lex)):
        return k
    for c in subject_complements(root, lex):
        if k := _kind_noun(c, lex):
            return k
    return None


def _described_kinds(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """Set the kind of the names a text describes as a kind of group
    (:func:`_described_kind`) as a name's own kind word would ("the X coalition"), NER's
    person label included (a titled name stays a person's). States, places and names whose
    own words already say their kind keep theirs, and so does a table's leader (a person)."""
    for m in mentions:
        if m.label not in ("ORG", "PERSON") or m.extra.get("kind_word") or m.title:
            continue
        if table_role(m) == "leader":
            continue
        kind = _described_kind(doc, m, lex)
        if kind is None:
            continue
        if m.label == "PERSON":
            m.label, m.key = "ORG", _strip_the(m.text)
        m.kind = kind
        m.extra["kind_word"] = True


def _generic_not_acting(tok: Token, lex: Lexicon) -> bool:
    """Whether a general body noun ("parliament") is used as no actor: as a modifier of
    another noun ("the parliament building"), or with an indefinite article ("a hung
    parliament"), except for a government, which a text introduces so ("X formed an interim
    government")."""
    if tok.dep_ == "compound" and tok.head.pos_ == "NOUN":
        return True
    return tok.lower_ not in lex.government_words and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children
    )


def _bare_definite(tok: Token, mods: list[Token]) -> bool:
    """ "the army", "the armed forces": a noun (not the adjective of "military rule") led by
    "the" and qualified by nothing outside its own phrase ("the Iraqi army", "Assad's army",
    "the rebel army" are not the text's bare "the army")."""
    if tok.pos_ != "NOUN":
        return False
    own = {c.i for c in mods}
    before = [c for c in tok.children if c.i < tok.i and c.i not in own]
    return bool(before) and all(c.dep_ == "det" and c.lower_ == "the" for c in before)


def _bodies(doc: Doc, mentions: list[Mention], taken: bytearray) -> list[Mention]:
    """Bodies named by their leader: "Ruiz's government", "Varga's forces", "Diaz
    loyalists", "the Diaz government" (Diaz a person's surname the text names, even where
    NER took it for a place), "forces loyal to Varga", "the regime of Tomas Varga",
    "loyalists of the former premier, X". Each is an actor of its own (the head noun is its
    mention, the whole phrase an extra output span), affiliated to the person as its
    leader (:func:`mention_affiliations`). The head nouns and their kinds are data
    (``gazetteer/data/words.yaml``: ``body_heads``). O(mentions)."""
    from factions.text.gazetteer import load_words

    heads = load_words().body_heads
    surnames = {doc[m.end - 1].lower_ for m in mentions if m.kind == ActorKind.PERSON}
    out: list[Mention] = []
    for m in mentions:
        last = doc[m.end - 1]
        if m.kind in _GOVERNING_GROUPS and m.label in ("GAZ", "REF", "ORG"):
            body = _party_government(doc, m, heads, taken, last.lower_ in surnames)
            if body is not None:
                out.append(body)
            continue
        # a name NER took for a place that is the surname of a person the text names
        person = m.label == "PERSON" or (m.label == "GPE" and last.lower_ in surnames)
        if not (person or (m.label == "GPE" and last.dep_ == "poss")):
            continue  # "Ruiz's government" where NER took Ruiz for a place
        h = None
        full = (m.start, m.end)
        if last.dep_ in ("poss", "compound") and m.end <= last.head.i <= m.end + 3:
            if last.dep_ == "compound" and (
                last.head.i != m.end
                or not person
                or not (last.head.lower_ == "loyalists" or heads.get(last.head.lower_) == "state")
            ):
                continue  # "Diaz loyalists", "the Diaz government"; "Azuri-Varga forces"
                # names an alliance's forces
            h = last.head
            full = (m.start, h.i + 1)
        else:
            t = last.head if last.dep_ == "appos" else last  # "the former premier, X"
            if t.dep_ == "pobj":
                prep = t.head
                if (
                    prep.lower_ == "to"
                    and prep.head.lower_ == "loyal"
                    and prep.head.head.i < prep.head.i
                ):
                    h = prep.head.head  # "forces loyal to X"
                elif prep.lower_ == "of" and prep.head.i < prep.i:
                    h = prep.head  # "loyalists of X", "the regime of X"
                    if h.lower_ not in heads and doc[prep.i - 1].lower_ in heads:
                        h = doc[prep.i - 1]  # "of X" attached one noun too far
                if h is not None:
                    full = (h.left_edge.i if h.left_edge.i < h.i else h.i, m.end)
        if h is None or h.tag_ not in ("NN", "NNS") or taken[h.i]:
            continue
        kind = heads.get(h.lower_) or heads.get(h.lemma_.lower())
        if kind is None:
            continue
        group = "gov" if kind == "state" else "armed"
        surname = doc[m.end - 1].lower_
        phrases = [full]
        left = _modifiers_start(doc, full[0], h)
        if left < full[0]:  # "the second Conte government": the whole phrase as well
            phrases.append((left, full[1]))
        out.append(
            _body_mention(
                doc,
                h,
                f"body:{group}:{surname}",
                ActorKind(kind),
                phrases,
                taken,
                name=f"{m.text}'s {h.lower_}",
                leader=(m.start, m.end) if person else None,
            )
        )
    return out


def _described_coalitions(doc: Doc, taken: bytearray, lex: Lexicon) -> list[Mention]:
    """Coalitions a text names by a description of what they are ("the red-green
    coalition", "the centre-right alliance", "the three-party coalition", "the unionist
    bloc", "the pro-independence camp"): a ``described_coalition_heads`` noun after "the"
    and lower-case modifiers, one of them a hyphenated compound or a
    ``coalition_description_words`` word. Each is a coalition of its own, the same one
    wherever the text repeats the words. Not a bare "the ruling coalition" (coreference's
    to resolve), not "a grand coalition" unless it is a subject (else perhaps only spoken
    of: "ruled out joining a grand coalition"), not one whose modifiers
    hold a name ("the Azure-led coalition") or a count of anything but parties ("the
    12-member bloc"), not one in apposition to a name or before one ("X, the centre-right
    alliance", "the centre-right alliance X": another name of X)."""
    out: list[Mention] = []
    for h in doc:
        if (
            h.tag_ != "NN"
            or not h.is_lower
            or h.lemma_.lower() not in lex.described_coalition_heads
            or taken[h.i]
        ):
            continue
        k = h.i
        while (
            k > 0
            and h.i - k < 4
            and not taken[k - 1]
            and doc[k - 1].dep_ in ("amod", "compound", "nummod", "npadvmod", "punct", "advmod")
            and doc[k - 1].head.i in range(k - 1, h.i + 1)
            and doc[k - 1].text not in ",;:()"
        ):
            k -= 1
        if (
            k == h.i
            or k == 0
            or not (
                doc[k - 1].lower_ == "the"
                or (doc[k - 1].lower_ in ("a", "an") and h.dep_ in ("nsubj", "nsubjpass"))
            )
        ):
            continue  # "joining a grand coalition" may be only spoken of; "a three-party
            # coalition took office" acts
        mods = doc[k : h.i]
        if any(t.pos_ == "PROPN" and "-" not in t.text for t in mods):
            continue
        if any(t.like_num for t in mods) and not any(
            t.lower_ in lex.coalition_count_nouns for t in mods
        ):
            continue  # "the 12-member bloc": a body named elsewhere, counted
        after = doc[h.i + 1] if h.i + 1 < len(doc) else None
        if (
            h.dep_ == "appos"
            or any(c.dep_ == "appos" for c in h.children)
            or (after is not None and after.pos_ == "PROPN" and after.is_title)
        ):
            continue  # "the centre-right alliance Forward Union", "X, a centre-right
            # alliance": another name of a named group
        words = [w for t in mods for w in t.lower_.split("-")]
        if not (
            any("-" in t.text and t.text.lower() == t.text for t in mods)
            or any(t.text in _HYPHENS for t in mods)
            or any(w in lex.coalition_description_words for w in words)
        ):
            continue
        span = doc[k : h.i + 1]
        key = normalise_alias(span.text)
        out.append(Mention.of(span, "ORG", key, ActorKind.COALITION))
        for i in range(k, h.i + 1):
            taken[i] = 1
    return out


def _body_mention(
    doc: Doc,
    head: Token,
    key: str,
    kind: ActorKind,
    phrases: list[tuple[int, int]],
    taken: bytearray,
    **extra: Any,
) -> Mention:
    """A body's mention: its head noun, with the token ranges of the phrases that name it as
    extra output spans; the head is taken."""
    body = Mention.of(doc[head.i : head.i + 1], "BODY", key, kind, extra=dict(extra))
    body.extra["spans"] = [
        (doc[a:b].start_char, doc[a:b].end_char, doc[a:b].text) for a, b in phrases
    ]
    taken[head.i] = 1
    return body


# kinds of group whose name may name a government of theirs ("the UML government"; an
# organisation's name may be a person's NER took for a group's: "the Conte cabinet")
_GOVERNING_GROUPS = (ActorKind.PARTY, ActorKind.COALITION, ActorKind.ORGANIZATION)


def _party_government(
    doc: Doc, m: Mention, heads: dict[str, str], taken: bytearray, leader: bool = False
) -> Mention | None:
    """The government a group names as its own: "the Fidesz government", "the UML
    government", "a single-party Social Democratic minority government", "Fidesz's cabinet"
    (a government head noun of ``body_heads`` right after the name, or after lower-case
    modifiers of it). An actor of its own, as the guideline keeps a government apart from
    the parties in it; the group is a member of it, or its leader when the name is a
    person's surname NER took for a group's (``leader``: "the Conte cabinet" in a text
    that names Giuseppe Conte) (:func:`mention_affiliations`). None for anything else."""
    last = doc[m.end - 1]
    h = last.head
    while h.is_lower and h.dep_ in ("compound", "amod") and h.i < h.head.i <= m.end + 3:
        h = h.head  # "Labour minority government": "Labour" modifies "minority"
    if (
        last.dep_ not in ("compound", "amod", "nmod", "poss")
        or not m.end <= h.i <= m.end + 3
        or h.tag_ != "NN"
        or taken[h.i]
        or heads.get(h.lower_) != "state"
        or any(
            not (doc[k].is_lower and doc[k].dep_ in ("compound", "amod"))
            for k in range(m.end, h.i)
            if doc[k].text not in ("'s", "’s")
        )
    ):
        return None
    return _body_mention(
        doc, h, f"body:gov:{m.key}", ActorKind.STATE,
        [(_modifiers_start(doc, m.start, h), h.i + 1)], taken,
        name=f"{_strip_the(m.text)} {h.lower_}",
        government=True,
        **{"leader" if leader else "member_of_span": (m.start, m.end)},
    )  # fmt: skip


def _modifiers_start(doc: Doc, start: int, head: Token) -> int:
    """Where the adjectives and numbers before ``start`` that modify ``head`` begin (after
    its determiner): "the second Conte government" -> "second"; ``start`` if none."""
    left = start
    while (
        left > 0
        and doc[left - 1].head.i == head.i
        and doc[left - 1].dep_ in ("amod", "nummod")
        and doc[left - 1].pos_ in ("ADJ", "NUM")
    ):
        left -= 1
    return left


def _link_appositions(doc: Doc, mentions: list[Mention], lex: Lexicon) -> None:
    """ "Nasr Front, the Azuri movement, ...": an organisation's name in apposition to
    another organisation's names the same actor (persons and states are left alone)."""
    for i in range(1, len(mentions)):
        m, prev = mentions[i], mentions[i - 1]
        if m.alias_of is not None or m.label != "ORG" or prev.label not in ("ORG", "REF", "PERSON"):
            continue
        head = doc[m.end - 1]
        if head.dep_ == "compound" and head.head.i == m.end and head.head.lower_ in lex.group_words:
            head = head.head  # "the Azuri movement": "movement" stands in apposition
        if head.dep_ != "appos" or not (prev.start <= head.head.i < prev.end):
            continue
        if prev.label == "PERSON" and head.lower_ not in lex.group_words:
            continue  # "X, the Y Institute": only a movement, party, militia... names a group
        if prev.label == "PERSON" and prev.start > 0 and doc[prev.start - 1].lower_ == "of":
            continue  # "the Socialist Party of Emile Varga, the Green Front of ...": a list
        if any(t.text not in (",", "the") for t in doc[prev.end : m.start]):
            continue
        if _third_item(doc, m.end):
            continue  # "the PMDB, the PSDB, the Democrats and ...": a list, not one name twice
        if "table" in m.extra and "table" in prev.extra:
            continue  # "| Azure Party, Green League |": a table cell's list
        if _is_acronym(_strip_the(m.text)) and _is_acronym(_strip_the(prev.text)):
            continue  # two acronyms are two names
        m.alias_of = i - 1


def _link_party_leaders(doc: Doc, mentions: list[Mention]) -> None:
    """ "the Socialist Party of Emile Varga": a party or coalition, "of" and a person's name
    right after it; the person leads it (:func:`mention_affiliations`). ``mentions``
    sorted by start."""
    for prev, m in zip(mentions, mentions[1:], strict=False):
        if (
            m.label == "PERSON"
            and prev.kind in (ActorKind.PARTY, ActorKind.COALITION)
            and m.start == prev.end + 1
            and doc[prev.end].lower_ == "of"
        ):
            prev.extra.setdefault("leader", (m.start, m.end))


def _third_item(doc: Doc, end: int) -> bool:
    """Whether a comma and another name without "and" / "or" follow token ``end``: the
    pair before it opens a list ("the PMDB, the PSDB, the Democrats"), where "Ansar Allah,
    the Azuri movement, and Saudi Arabia" or "..., said" does not; so does "and" or "or"
    and another name with no comma before it ("the Social Democrats, the Greens and the Left
    Alliance")."""
    if end + 1 >= len(doc) or (doc[end].text != "," and doc[end].lower_ not in ("and", "or")):
        return False
    nxt = doc[end + 1]
    if nxt.lower_ == "the" and end + 2 < len(doc):
        nxt = doc[end + 2]
    return (nxt.pos_ == "PROPN" and nxt.is_title) or (nxt.text.isupper() and len(nxt.text) > 1)


def mention_affiliations(mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """(member entity, group entity, role) that the mentions themselves state: a body's
    leader ("Ruiz's government": Ruiz leads it), a person's party in brackets right after
    the name ("Tomas Reyes (PDR)": a member), and the leaders and coalition memberships
    of tables (:func:`factions.text.tables.table_affiliations`). Call after coreference."""
    at = {(m.start, m.end): m for m in mentions}
    out: list[tuple[int, int, str]] = []
    for m in mentions:
        if m.entity < 0:
            continue
        lead = m.extra.get("leader")
        if lead is not None and lead in at and at[lead].entity >= 0:
            out.append((at[lead].entity, m.entity, "leader"))
        member = m.extra.get("member_of_span")
        if member is not None and member in at and at[member].entity >= 0:
            out.append((at[member].entity, m.entity, "member"))
    out.extend(table_affiliations(None, mentions))
    return list(dict.fromkeys(out))


def word_positions(doc: Doc, word: str) -> list[int]:
    """Indices of the tokens whose lower-case form is ``word`` (found with one array
    comparison, not by a Python loop over every token)."""
    from spacy.attrs import LOWER

    arr = doc.to_array(LOWER)
    return [int(i) for i in (arr == doc.vocab.strings[word]).nonzero()[0]]


def words_positions(doc: Doc, words) -> list[int]:
    """Indices of the tokens whose lower-case form is one of ``words`` (one array test)."""
    import numpy as np
    from spacy.attrs import LOWER

    arr = doc.to_array(LOWER)
    strings = doc.vocab.strings
    hashes = np.array([strings[w] for w in words], dtype=arr.dtype)
    return [int(i) for i in np.isin(arr, hashes).nonzero()[0]]


def led_groups_heads(doc: Doc) -> list[Token]:
    """Group nouns an "-led" participle modifies ("the X-led coalition"), cheaply."""
    return [doc[i].head for i in word_positions(doc, "led") if doc[i].head.i > i]


def led_group_leader(doc: Doc, tok: Token, lex: Lexicon) -> tuple[int, int] | None:
    """Token range of X in "the X-led coalition" when ``tok`` is such a group head noun
    (only adjectives may stand between "led" and it), else None."""
    if tok.lower_ not in lex.led_heads or tok.pos_ != "NOUN":
        return None
    led = next((c for c in tok.children if c.lower_ == "led" and c.i < tok.i), None)
    if led is None or led.i < 2 or doc[led.i - 1].text not in _HYPHENS:
        return None
    if any(doc[k].pos_ != "ADJ" for k in range(led.i + 1, tok.i)):
        return None
    x = doc[led.i - 2]
    low = x.lower_
    if not (x.pos_ == "PROPN" or low in lex.demonyms or low in lex.countries):
        return None
    s = x.i
    while s > 0 and doc[s - 1].pos_ == "PROPN" and doc[s - 1].dep_ == "compound":
        s -= 1  # "Saudi Arabia-led"
    return s, x.i + 1


def _led_groups(doc: Doc, lex: Lexicon) -> list[Mention]:
    """Unnamed groups named by their leader: "the Saudi-led coalition", "NATO-led forces".
    O(tokens)."""
    out: list[Mention] = []
    for tok in led_groups_heads(doc):
        lead = led_group_leader(doc, tok, lex)
        if lead is None:
            continue
        s = lead[0] - 1 if lead[0] > 0 and doc[lead[0] - 1].lower_ == "the" else lead[0]
        span = doc[s : tok.i + 1]
        out.append(Mention.of(span, "ORG", _strip_the(span.text), org_kind(span.text, lex)))
    return out


_UNLABELLED_OK = ("", "FAC", "PRODUCT", "WORK_OF_ART")  # NER types a missed name gets
_NAME_ROLES = {"nsubj", "nsubjpass", "dobj", "pobj", "poss", "appos", "conj", "attr", "agent"}


def _unlabelled_names(doc: Doc, taken: bytearray, lex: Lexicon) -> list[Span]:
    """Names the small NER model missed or took for a building or a work.

    * two to four capitalised proper nouns in a row (a hyphenated part such as "Geun-hye"
      included), or one after a capitalised title ("King Abdullah"): a person's name;
    * one proper noun, an acronym ("FOREBU") or a capitalised word ("Karroubi"), that acts
      in its clause (subject, agent, possessor, apposition) or modifies a political noun
      ("Syriza deputies", "Basij members"): an organisation's name if an acronym or a
      political noun's modifier, else a person's.

    None of the words is an organisation kind, title, calendar or compass word, event or
    place noun (``non_actor_heads``), known country, capital, demonym or town
    (``gazetteer/data/places.tsv``), or a plural; the name plays an actor's part in its
    clause (a multi-word name may also be an object, or the object of a non-locative
    preposition). Returned as ``PERSON`` or ``ORG`` spans."""
    from spacy.tokens import Span

    from factions.text.gazetteer import load_places, load_words, name_words

    words_ = load_words()
    non_actor = words_.non_actor_heads | words_.place_nouns
    places = load_places()
    banned = words_.calendar_words | words_.compass_words

    def name_tok(t) -> bool:
        return (
            not taken[t.i]
            and t.pos_ == "PROPN"
            and t.is_title
            and t.ent_type_ in _UNLABELLED_OK
            and t.is_alpha
        )

    def plain(low: list[str]) -> bool:
        return not any(
            w in lex.kinds or w in lex.title_words or w in banned or w in lex.countries
            or w in lex.capitals or w in lex.demonyms or w in lex.generic_heads
            for w in low
        )  # fmt: skip

    out: list[Span] = []
    i = 0
    n = len(doc)
    while i < n:
        if not name_tok(doc[i]) and not _single_name_tok(doc[i], taken):
            i += 1
            continue
        j = i + 1
        while j < n and name_tok(doc[i]):
            if name_tok(doc[j]):
                j += 1
            elif (
                doc[j].text in _HYPHENS
                and j + 1 < n
                and doc[j].idx == doc[j - 1].idx + len(doc[j - 1].text)
                and doc[j + 1].idx == doc[j].idx + 1
                and doc[j + 1].is_alpha
                and not taken[j + 1]
                and doc[j + 1].ent_type_ in _UNLABELLED_OK
            ):
                j += 2  # "Geun-hye"
            elif _hyphenated_part(doc, j, taken):
                j += 3  # "Jae-in", which the tagger took for a noun
            else:
                break
        while j - i > 1 and (
            doc[i].lower_ in banned
            or doc[i].lower_.rstrip(".") in lex.title_words
            or (doc[i].text in _HYPHENS and doc[i + 1].lower_ in lex.title_words)
        ):
            i += 1  # "On 9 May Moon Jae-in", "King Abdullah", "Vice-President Ana Ruiz":
            # month and title are not the name
        words = [t for t in doc[i:j] if t.is_alpha]
        low = [t.lower_ for t in words] + [t.lemma_.lower() for t in words]
        span = doc[i:j]
        heads = [t for t in span if not (i <= t.head.i < j) or t.head.i == t.i]
        if not (
            plain(low)
            and words
            and words[-1].lower_ not in non_actor  # "Kodori Gorge", "Buckingham Palace"
            and words[-1].lemma_.lower() not in non_actor
            and not any(t.tag_ == "NNPS" for t in words)  # "Kosovo Albanians"
            and len(heads) == 1
        ):
            i = j
            continue
        head = heads[0]
        titled = i > 0 and doc[i - 1].is_title and doc[i - 1].lower_ in lex.title_words
        if 2 <= len(words) <= 4 or (len(words) == 1 and titled and name_tok(doc[i])):
            if head.dep_ in _NAME_ROLES and not (
                head.dep_ == "pobj" and head.head.lower_ in lex.locative_preps
            ):
                out.append(Span(doc, i, j, label="PERSON"))
        elif (
            len(span) == 1
            and _single_name_tok(doc[i], taken)
            and name_words(span.text) not in places
        ):
            modifies = head.dep_ in ("compound", "nmod") and _political_head(head.head)
            if head.dep_ in _ACTING_NAME_ROLES or modifies:
                label = "ORG" if span.text.isupper() or modifies else "PERSON"
                out.append(Span(doc, i, j, label=label))
        i = j
    return out


_ACTING_NAME_ROLES = {"nsubj", "nsubjpass", "agent", "poss", "appos"}


def _hyphenated_part(doc: Doc, j: int, taken: bytearray) -> bool:
    """``doc[j:j+3]`` is a capitalised word, a hyphen and a lower-case word written as one
    ("Jae-in", "Cheol-soo"): the given name of a name run, whatever the tagger made of it."""
    if j + 2 >= len(doc) or any(taken[j : j + 3]):
        return False
    a, h, b = doc[j], doc[j + 1], doc[j + 2]
    return (
        a.is_title
        and a.is_alpha
        and h.text in _HYPHENS
        and h.idx == a.idx + len(a.text)
        and b.idx == h.idx + 1
        and b.is_lower
        and b.is_alpha
    )


def _single_name_tok(t: Token, taken: bytearray) -> bool:
    """A one-word name NER did not label: a capitalised proper noun or an acronym of two
    to eight letters ("Karroubi", "FOREBU"), not at the start of its sentence, not part of
    a longer name ("Jabhat al-Nusra", "MNSD-Nassara", "Community of ..."), in a sentence
    with a verb (a table's header row is none)."""
    if t.pos_ != "PROPN" or t.ent_type_ or taken[t.i]:
        return False
    doc = t.doc
    nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
    prev = doc[t.i - 1] if t.i > 0 else None
    return (
        not taken[t.i]
        and t.pos_ == "PROPN"
        and not t.ent_type_
        and not t.is_sent_start
        and t.is_alpha
        and (t.is_title or (t.is_upper and 2 <= len(t.text) <= 8))
        and not (nxt is not None and nxt.idx == t.idx + len(t.text) and not nxt.is_punct)
        and not (nxt is not None and nxt.text in _HYPHENS and nxt.idx == t.idx + len(t.text))
        and not (prev is not None and prev.text in _HYPHENS and prev.idx + 1 == t.idx)
        and not (
            nxt is not None and nxt.lower_ == "of" and t.i + 2 < len(doc) and doc[t.i + 2].is_title
        )
        and any(w.pos_ in ("VERB", "AUX") for w in t.sent)
    )


def _hyphenated_given_name(doc: Doc, start: int, end: int) -> int:
    """Start of a person's name that NER began after a hyphen: "Jean-Pierre X" found as
    "Pierre X" (the part before the hyphen is a capitalised name word of the same head)."""
    while (
        start >= 2
        and doc[start - 1].text in _HYPHENS
        and doc[start - 1].idx + 1 == doc[start].idx
        and doc[start - 2].idx + len(doc[start - 2].text) == doc[start - 1].idx
        and doc[start - 2].pos_ == "PROPN"
        and doc[start - 2].is_title
        and start <= doc[start - 2].head.i < end
    ):
        start -= 2
    return start


def _particle_surname(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """End of a person's name that NER stopped before a particle: "Ana Silva da Costa"
    found as "Ana Silva" (a lower-case particle then a capitalised word ends the name;
    ``name_particles`` of ``lexicon/words.yaml``)."""
    while (
        end + 1 < len(doc)
        and doc[end].text in lex.name_particles
        and doc[end + 1].pos_ == "PROPN"
        and doc[end + 1].is_title
        and doc[end - 1].dep_ == "compound"
        and end - 1 < doc[end - 1].head.i <= end + 1
    ):
        end += 2
    return end


def _join_adjacent_persons(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Two person mentions with nothing between them, the first's last word a compound of a
    word of the second, are one name that NER or the unlabelled-name step cut in two: "Abu
    Bakr" + "Omar Said", "Roch Marc" + "Christian Kaboré". ``mentions`` sorted by start."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.label == "PERSON"
            and m.label == "PERSON"
            and prev.end == m.start
            and m.title is None
            and doc[prev.end - 1].dep_ == "compound"
            and m.start <= doc[prev.end - 1].head.i < m.end
        ):
            span = doc[prev.start : m.end]
            out[-1] = Mention.of(span, "PERSON", span.text, ActorKind.PERSON, title=prev.title)
            continue
        out.append(m)
    return out


def _without_title_parts(doc: Doc, mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """``mentions`` without a name that is the title of the titled person right after it:
    NER's "US President" of "US President George W. Bush" (a title and its country, not a
    person of its own). A name before the title words that is no country's stays ("Green
    Front Spokesman X": the party is named). ``mentions`` sorted by start."""
    out: list[Mention] = []
    for k, m in enumerate(mentions):
        nxt = mentions[k + 1] if k + 1 < len(mentions) else None
        if (
            nxt is not None
            and m.label in ("PERSON", "ORG")
            and m.end == nxt.start
            and nxt.label == "PERSON"
            and nxt.title is not None
            and _only_a_title(doc[m.start : m.end], lex)
        ):
            continue
        out.append(m)
    return out


def _only_a_title(span: Span, lex: Lexicon) -> bool:
    """Whether ``span`` is title words, after a country's name or demonym at most ("US
    President", "Peruvian Foreign Minister")."""
    k = len(span)
    while k > 0 and span[k - 1].lower_.rstrip(".") in lex.title_words:
        k -= 1
    if k == len(span):
        return False
    rest = span[:k].text.lower()
    return not rest or rest in lex.countries or rest in lex.demonyms


_INITIAL = re.compile(r"[A-Z]\.")


def _leader_after_of(doc: Doc, start: int, of: int, lex: Lexicon, end: int | None = None):
    """End of a person's name right after the "of" at ``of`` that follows a party's name
    starting at ``start`` ("the Socialist Party of Emile Varga", "Podemos of Pablo
    Iglesias"), else None. The name: two to four capitalised words (an initial such as
    "J." and hyphenated parts included), ending at ``end`` when given; none of them a word
    of two or more gazetteer parties' names (:func:`~factions.text.gazetteer.load_party_words`:
    "Party of Democratic Renewal", "Army of National Liberation"), an organisation kind,
    title, country, capital, demonym, generic head, calendar, compass or place word, and
    not a place's name (:func:`_place_name`: "the Samajwadi Party of Uttar Pradesh"). The
    words before "of" name a party or coalition: a gazetteer party's name, or two words or
    more ending in a party or coalition word ("the Party of X" is a name of its own)."""
    from factions.text.gazetteer import is_party_name, load_party_words, load_words, name_words

    if of <= start or doc[of].lower_ != "of":
        return None
    left = doc[start:of].text
    if not is_party_name(left) and (
        org_kind(left, lex) not in (ActorKind.PARTY, ActorKind.COALITION)
        or len([t for t in doc[start:of] if t.lower_ != "the"]) < 2
    ):
        return None  # "the Party of X", "the Front of X": a name of its own
    words_ = load_words()
    lists = (
        load_party_words(), lex.kinds, lex.title_words, lex.countries, lex.capitals,
        lex.demonyms, lex.generic_heads, words_.calendar_words, words_.compass_words,
        words_.place_nouns, words_.non_actor_heads,
    )  # fmt: skip
    k, words = of + 1, 0
    stop = len(doc) if end is None else end
    while k < stop:
        t = doc[k]
        if t.is_title and t.is_alpha and t.pos_ == "PROPN":
            if any(w in x for x in lists for w in {t.lower_, *name_words(t.text)}):
                return None
            words += 1
        elif _INITIAL.fullmatch(t.text):
            pass
        elif (
            t.text in _HYPHENS
            and k + 1 < stop
            and t.idx == doc[k - 1].idx + len(doc[k - 1].text)
            and doc[k + 1].idx == t.idx + 1
            and doc[k + 1].is_title
        ):
            pass  # "Helir-Valdor"
        else:
            break
        k += 1
    if (end is not None and k != end) or not 2 <= words <= 4:
        return None
    return None if _place_name(doc, of + 1, k) else k


def _place_name(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` names a place: NER labels a word of it a place's or a
    nationality's, or it is a country's subdivision (ISO 3166-2, "Uttar Pradesh",
    "Baden-Württemberg") or a town of the gazetteer's place table."""
    if any(t.ent_type_ in ("GPE", "LOC", "NORP", "FAC") for t in doc[start:end]):
        return True
    return _known_place(doc[start:end].text)


def _place_before_name(doc: Doc, start: int, k: int, lex: Lexicon) -> bool:
    """Whether tokens ``start:k`` of an entity, before a lower-case "the", name the place
    where the named actor is rather than a part of its name: a place a locative preposition
    introduces ("in Flanders the Liberty Movement"), a country, a capital or
    :func:`_place_name`. Only capitalised words: "Republic of the Congo" is one name."""
    if not all(doc[j].is_title for j in range(start, k)):
        return False
    if start > 0 and doc[start - 1].lower_ in lex.locative_preps:
        return True
    low = normalise_alias(doc[start:k].text)
    return low in lex.countries or low in lex.capitals or _place_name(doc, start, k)


def _known_place(text: str) -> bool:
    """Whether ``text`` is a country's subdivision (ISO 3166-2) or a town of the
    gazetteer's place table."""
    from factions.text.gazetteer import load_places, load_subdivisions, name_words

    words = name_words(text)
    return words in load_subdivisions() or words in load_places()


def _split_coordinated(ents, lex: Lexicon, world=None) -> list[Span]:
    """NER's spans with two names it ran together split in two: a person's name never holds
    "and" ("Guevara and Raúl Castro"); an organisation's runs on over "and the" and a
    capitalised name ("The National Coalition and the Finns"), which no one name does, over
    "and" between two names the text names alone elsewhere ("Kiir and Machar" where it
    names Salva Kiir and Riek Machar), or over "of" and its leader's
    name ("the Socialist Party of Emile Varga": :func:`_leader_after_of`)."""
    from spacy.tokens import Span

    from factions.text.gazetteer import bare_name_words

    ents = list(ents)
    known = _names_known_alone(ents)
    out: list[Span] = []
    for ent in ents:
        cut = next(
            (
                t.i
                for t in ent[1:-1]
                if _joins_two_names(ent, t) or _joins_known_names(ent, t, known, world)
            ),
            None,
        )
        if cut is not None:
            for a, b in ((ent.start, cut), (cut + 1, ent.end)):
                label = known.get(bare_name_words(ent.doc[a:b].text), ent.label_)
                out.append(Span(ent.doc, a, b, label=label))  # "Kiir": a person's surname
            continue
        of = next(
            (
                t.i
                for t in ent[1:-1]
                if ent.label_ == "ORG" and _leader_after_of(t.doc, ent.start, t.i, lex, ent.end)
            ),
            None,
        )
        if of is not None:
            out.append(Span(ent.doc, ent.start, of, label="ORG"))
            out.append(Span(ent.doc, of + 1, ent.end, label="PERSON"))
            continue
        out.append(ent)
    return out


def _names_known_alone(ents) -> dict[tuple[str, ...], str]:
    """The names NER found without "and" (their words without "the"), and the surnames (last
    one or two words) of its persons, each with its label: what a part of a run-together
    span may be known as, and as what."""
    from factions.text.gazetteer import bare_name_words

    out: dict[tuple[str, ...], str] = {}
    for ent in ents:
        if any(t.lower_ == "and" for t in ent):
            continue
        words = bare_name_words(ent.text)
        if not words:
            continue
        out.setdefault(words, ent.label_)
        if ent.label_ == "PERSON":
            out[words[-1:]] = out[words[-2:]] = "PERSON"
    return out


def _joins_known_names(ent: Span, t: Token, known: dict, world) -> bool:
    """Whether ``t`` is the one "and" of an organisation's span between two names each
    named alone elsewhere in the text (by NER or not; a person's surname counts), where the
    whole span is no name the world gazetteer lists ("Justice and Development Party",
    "Bosnia and Herzegovina" stay whole)."""
    from factions.text.gazetteer import bare_name_words

    if t.lower_ != "and" or ent.label_ != "ORG" or sum(x.lower_ == "and" for x in ent) != 1:
        return False
    if world is not None and world.named(bare_name_words(ent.text)):
        return False
    doc = t.doc
    left = bare_name_words(doc[ent.start : t.i].text)
    right = bare_name_words(doc[t.i + 1 : ent.end].text)
    return (
        bool(left)
        and bool(right)
        and (left in known or _named_elsewhere(doc, ent.start, t.i, ent.end))
        and (right in known or _named_elsewhere(doc, t.i + 1, ent.end, ent.start))
    )


def _named_elsewhere(doc: Doc, start: int, end: int, other: int) -> bool:
    """Whether the words ``doc[start:end]`` (a leading "the" dropped) stand capitalised
    elsewhere in the text, outside the run from ``start`` or ``end`` to ``other`` (the
    coordinated name beside them): "Pheu Dao and Future Ahead formed a bloc" where the
    text names Pheu Dao and Future Ahead apart, though NER tagged neither alone."""
    lo, hi = min(start, other), max(end, other)
    if doc[start].lower_ == "the":
        start += 1
    words = [t.lower_ for t in doc[start:end]]
    n = len(words)
    if not n or not (doc[start].is_title or doc[start].is_upper):
        return False
    for k in range(len(doc) - n + 1):
        if lo - n < k < hi or doc[k].lower_ != words[0] or not doc[k].text[:1].isupper():
            continue
        if [t.lower_ for t in doc[k : k + n]] == words:
            return True
    return False


def _joins_two_names(ent: Span, t: Token) -> bool:
    """Whether the token ``t`` inside NER's span ``ent`` is an "and" between two names."""
    doc = t.doc
    if t.lower_ != "and":
        return False
    if ent.label_ == "PERSON":
        return doc[t.i - 1].is_title and doc[t.i + 1].is_title
    return (
        ent.label_ == "ORG"
        and doc[t.i + 1].lower_ == "the"
        and t.i + 2 < ent.end
        and doc[t.i + 2].is_title
    )


def _capital_as_place(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """ "in Amman", "from Baghdad", "captured Amman": a capital after a locative preposition
    or as the object of a verb of taking ground is a place; "the Maputo Charter", "the
    Addis Ababa talks": a capital naming an agreement, event or place it modifies
    (``non_actor_heads``) is part of that name."""
    if not m.extra.get("capital"):
        return False
    head = doc[m.end - 1]
    if m.end < len(doc) and head.dep_ in ("compound", "nmod") and head.head.i == m.end:
        from factions.text.gazetteer import load_words

        if doc[m.end].lower_ in load_words().non_actor_heads:
            return True
    if head.dep_ == "dobj" and head.head.lemma_.lower() in lex.place_verbs:
        return True  # "the rebels captured Amman": the city, not the government
    if head.dep_ != "pobj" or head.head.lower_ not in lex.locative_preps:
        return False
    return not _party_in(head.head, lex)


def _capitals_as_surnames(mentions: list[Mention]) -> None:
    """ "Joseph Muscat ... Muscat denied it": a capital's name that is the last word of a
    person's name in the text, in a text that never names the capital's country otherwise,
    is that person's surname, not the government seated there."""
    surnames = {
        m.text.split()[-1] for m in mentions if m.label == "PERSON" and len(m.text.split()) > 1
    }
    if not surnames:
        return
    named = {m.key for m in mentions if m.label == "STATE" and not m.extra.get("capital")}
    for m in mentions:
        if m.extra.get("capital") and m.text in surnames and m.key not in named:
            m.label, m.key, m.kind = "PERSON", m.text, ActorKind.PERSON
            del m.extra["capital"]


def _party_in(prep: Token, lex: Lexicon) -> bool:
    """Whether ``prep`` is the "in" of a relation noun that takes its other party with "in":
    "his patrons in Cairo", "its ally in Damascus" name a government."""
    owner = prep.head
    trig = lex.nouns.get(owner.lemma_.lower())
    return prep.lower_ == "in" and trig is not None and "in" in trig.preps


_NP_PREMODIFIERS = {"det", "amod", "compound", "nmod", "poss", "case", "nummod", "punct"}


def _noun_phrase_spans(
    doc: Doc, m: Mention, lex: Lexicon, longest: int = 6
) -> list[tuple[int, int]]:
    """The whole noun phrase a person's name ends, and the shorter phrases inside it that
    start at a content word: "the former energy minister Panagiotis Lafazanis", "former
    energy minister Panagiotis Lafazanis", "energy minister ...", "minister ...". A phrase
    of at most ``longest`` words before the name, of determiners, modifiers and compounds
    only (no verb, comma or clause), ending in an office or a description of a person
    ("minister", "judge", "leader"), as a maximal-NP mention is read (ACE, OntoNotes)."""
    if m.start == 0:
        return []
    last = doc[m.start - 1].lower_.rstrip(".")
    if last not in lex.title_words and last not in lex.person_descriptions:
        return []  # "prosecutors in Curitiba charge X": not a phrase naming X
    head = doc[m.end - 1]
    left = head.left_edge.i
    if head.dep_ == "appos" and head.head.i == m.start - 1:
        left = head.head.left_edge.i  # "the former minister X": the name hangs on its title
    if left >= m.start or m.start - left > longest:
        return []
    words = doc[left : m.start]
    if any(
        (t.dep_ not in _NP_PREMODIFIERS and t.i != head.head.i) or t.text in (",", ";", "(", ")")
        for t in words
    ):
        return []
    if any(t.ent_type_ == "PERSON" for t in words):
        return []  # "Mugabe ally X": another person's name is not part of this one's
    titles = lex.title_words
    return [
        (t.i, m.end)
        for t in words
        if t.dep_ not in ("det", "punct", "case")
        and not t.is_punct
        and (t.i == left or doc[t.i - 1].whitespace_)
        and not (t.lower_ in titles and t.i > 0 and doc[t.i - 1].lower_ in titles)
        and not (t.i > left and t.is_title and doc[t.i - 1].is_title)
    ]  # not from inside a run of title or capitalised words ("Vice President X" gives no
    # "President X", "Costa Rican President X" no "Rican President X") or from a hyphen or
    # a word joined to one ("Ex-President X" gives no "-President X" here; the title's own
    # reading still gives "President X")


def _phrase_spans(doc: Doc, m: Mention, lex: Lexicon, bodies: Collection[int] = ()) -> None:
    """Longer phrases that name the same actor, kept as extra mention spans for output:
    "Azuri forces", "the government of Rwanda", "President Vos", "Ugandan"; not a phrase
    whose head is a body of its own (``bodies``: "the Fidesz government")."""
    spans: list[tuple[int, int]] = []
    heads = lex.proxy_heads | lex.state_heads
    if m.label == "PERSON":
        if m.title:
            s, _ = _title_before(doc, m.start, lex)
            spans.append((s, m.end))
            q = doc[s - 1] if s > 0 else None
            if (  # "Army commander X": the body the title belongs to, as well
                q is not None
                and q.is_title
                and q.pos_ in ("PROPN", "NOUN")
                and q.dep_ == "compound"
                and s <= q.head.i < m.end
            ):
                spans.append((s - 1, m.end))
        spans += _noun_phrase_spans(doc, m, lex)
    else:
        root = doc[m.end - 1]
        h = root.head
        if (
            root.dep_ in ("compound", "amod", "nmod")
            and m.end <= h.i <= m.end + 2
            and h.i not in bodies
            and (
                h.lemma_.lower() in heads
                or (h.is_lower and h.lower_ in lex.group_words and m.kind != ActorKind.STATE)
            )
        ):  # "Azuri forces", "the Maute group" (a "Saudi coalition" is not Saudi Arabia)
            spans.append((m.start, h.i + 1))
            if h.lemma_.lower() in lex.government_words:
                m.extra["government"] = True
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and root.head.head.lemma_.lower() in heads
            and root.head.i == m.start - 1
        ):
            g = root.head.head
            s = g.i
            if s > 0 and doc[s - 1].dep_ == "det":
                s -= 1
            spans.append((s, m.end))
            if g.lemma_.lower() in lex.government_words:
                m.extra["government"] = True
        if m.extra.get("demonym"):
            for i in range(m.start, m.end):
                if doc[i].lower_ in lex.demonyms:
                    spans.append((i, i + 1))
            if doc[m.end - 1].lemma_.lower() in lex.government_words:
                m.extra["government"] = True
    out = []
    for s, e in spans:
        if (s, e) != (m.start, m.end):
            span = doc[s:e]
            out.append((span.start_char, span.end_char, span.text))
    m.extra["spans"] = out


def _family_name(doc: Doc, ent: Span, lex: Lexicon) -> Mention | None:
    """A party named by a capitalised qualifier and a party family's plural, which NER tags
    as a nationality ("the Social Democrats", "the Liberal Democrats", "the Christian
    Democrats"), where the gazetteer named no party by it: a party of its own. Not a
    community ("Kosovo Albanians"), nor a demonym's ("Swedish Liberals": its state's, which
    the demonym step reads)."""
    words = [t for t in doc[ent.start : ent.end] if t.lower_ != "the"]
    if (
        len(words) < 2
        or len(words) > 3
        or words[-1].lower_ not in lex.party_family_plurals
        or not all(t.is_title and t.is_alpha for t in words)
        or any(t.lower_ in lex.demonyms or t.lower_ in lex.countries for t in words)
    ):
        return None
    span = doc[words[0].i : words[-1].i + 1]
    return Mention.of(span, "ORG", span.text, ActorKind.PARTY)


def _finite_verb(tok: Token) -> bool:
    """A lower-case finite verb ("replaces", "met"): no name runs over one."""
    return tok.is_lower and tok.tag_ in ("VBZ", "VBD", "VBP", "MD") and tok.pos_ in ("VERB", "AUX")


def _mention_for_entity(doc: Doc, ent: Span, lex: Lexicon) -> Mention | None:
    from factions.text.gazetteer import load_words

    label = ent.label_
    text = ent.text
    low = normalise_alias(_strip_the(text))
    if label == "NORP":
        return _demonym_mention(doc, ent.start, ent.end, lex) or _family_name(doc, ent, lex)
    if label == "LOC" and _person_by_office(doc, ent.start, ent.end, lex, place_label=True):
        label = "PERSON"  # "its chair X": a person's name NER took for a place's
    if label not in ("PERSON", "ORG", "GPE"):
        return None
    if normalise_alias(text) in lex.stop_actors or low in lex.stop_actors:
        return None
    if not any(c.isalpha() for c in text):
        return None
    start, end = ent.start, ent.end
    for k in range(start, end):
        if doc[k].text in ("(", ")", "[", "]", ";", ":") or _finite_verb(doc[k]):
            end = k  # "Issa Sesay replaces Sankoh": NER ran over a clause's verb
            break
    for k in range(start + 1, min(end, start + 3)):
        if doc[k].lower_ == "the" and (
            not any(doc[j].pos_ == "PROPN" for j in range(start, k))
            or (doc[k].text == "the" and _place_before_name(doc, start, k, lex))
        ):
            start = k  # "Later the Workers' Party": NER ran a clause's opening word into it;
            break  # "in Flanders the Liberty Movement": the place where the actor is
    if end <= start or not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    if all(t.lower_.rstrip(".") in lex.title_words or not t.is_alpha for t in doc[start:end]):
        return None  # a bare title ("Special Advisor") is not an actor
    content = [t for t in doc[start:end] if t.lower_ != "the"]
    if (
        label in ("ORG", "NORP")
        and 1 <= len(content) <= 2
        and content[-1].tag_ == "NNPS"
        and content[-1].lower_ not in lex.kinds
    ):
        return None  # a community ("Catholic Croats", "Sunnis") is not an actor
    # a one-letter qualifier in brackets is part of the name: "Muslim League (N)"
    if (
        label == "ORG"
        and end + 2 < len(doc)
        and doc[end].text == "("
        and doc[end + 2].text == ")"
        and len(doc[end + 1].text) == 1
        and doc[end + 1].text.isupper()
    ):
        end += 3
    # NER sometimes stops early: "Karim" of "Karim Haddad" (compound -> head)
    while (
        end < len(doc)
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and doc[end].pos_ == "PROPN"
        and doc[end].is_title
        and not doc[end].ent_type_
    ):
        end += 1
        if label == "GPE" and doc[end - 1].lower_ not in lex.kinds:
            label = "PERSON"
    # a name cut after a joining word: "Republic of Bosnia and" + "Herzegovina"
    if (
        end - start >= 2
        and doc[end - 1].lower_ in ("and", "of", "&")
        and _leader_after_of(doc, start, end - 1, lex) is None  # "the Labour Party of" + X
    ):
        k = end
        while k < len(doc) and doc[k].pos_ == "PROPN" and doc[k].is_title:
            k += 1
        if (
            k > end
            and doc[end - 1].lower_ == "and"
            and _named_elsewhere(doc, start, end - 1, k)
            and _named_elsewhere(doc, end, k, start)
        ):
            k = end  # "Pheu Thai and" + "Future Forward": two names the text names apart
        end = k if k > end else end - 1
    # a name NER ran on into a preposition or a line break: "the Islamic State in", "Force\n"
    while end - start >= 2 and (
        doc[end - 1].is_space
        or (doc[end - 1].pos_ in ("ADP", "CCONJ", "PUNCT") and end - 1 > start)
    ):
        if doc[end - 1].text in (".", "'", "’", ")", "]", '"', "”"):
            break  # "Inc.", "U.S.", "Workers'", "League (N)"
        end -= 1
    while end - start > 2 and doc[start].lower_ in ("pro", "anti") and doc[start + 1].text == "-":
        start += 2  # "pro-Karimi": the actor is Karimi
    text = doc[start:end].text
    low = normalise_alias(_strip_the(text))
    if start > 0 and doc[start - 1].lower_ == "operation":
        return None  # a military operation's name is not an actor
    if (
        start >= 2
        and doc[start - 1].lower_ == "of"
        and doc[start - 2].lemma_.lower() in load_words().place_nouns
    ):
        return None  # "the town of X" names a place
    if low in lex.demonyms and end - start <= 2:
        return _demonym_mention(doc, start, end, lex) or Mention.of(
            doc[start:end], "STATE", lex.demonyms[low], ActorKind.STATE, extra={"demonym": True}
        )
    if label == "PERSON" and (low in lex.capitals or low in lex.countries):
        label = "GPE"  # "Kiev accused ...": a capital NER took for a person's name
    if label == "PERSON" and _group_noun_follows(doc, end, lex):
        label, end = "ORG", end + 1  # "the Green Future party": a party, not a person
    if label in ("ORG", "GPE") and _person_by_office(doc, start, end, lex, label == "GPE"):
        label = "PERSON"  # "Nigeria's president, X": a person's name NER took for a group's
    elif label in ("ORG", "GPE") and _surname_used_alone(doc, start, end, lex):
        label = "PERSON"  # "Olaf Scholz ... Scholz": a person's name NER took for a group's
    elif label in ("ORG", "GPE") and _regnal_name(doc[start:end], lex):
        label = "PERSON"  # "King Mswati III's reign": a monarch NER took for a group
    elif label == "ORG" and _person_by_role(doc, start, end, lex):
        label = "PERSON"  # "a party led by X Y", "X Y's party": a person NER took for a group
    if label == "GPE" or label == "ORG":
        country = lex.countries.get(low) or lex.capitals.get(low)
        if country is not None:
            return Mention.of(
                doc[start:end],
                "STATE",
                country,
                ActorKind.STATE,
                extra={"capital": low in lex.capitals and low not in lex.countries},
            )
    if label == "PERSON":
        from factions.text.gazetteer import load_words

        calendar = load_words().calendar_words
        # NER sometimes starts late: "Ahmed" of "Ahmed Ould-Salem" (compound -> name), but
        # not a date's month ("9 May Moon Jae-in")
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and doc[start - 1].dep_ == "compound"
            and start <= doc[start - 1].head.i < end
            and not doc[start - 1].ent_type_
            and doc[start - 1].lower_.rstrip(".") not in lex.title_words
            and doc[start - 1].lower_ not in calendar
        ):
            start -= 1
        start = _hyphenated_given_name(doc, start, end)
        end = _particle_surname(doc, start, end, lex)
        # drop a leading title inside the entity ("President Barack Obama")
        title = None
        first = start
        while end - start > 1 and doc[start].lower_.rstrip(".") in lex.title_words:
            start += 1
        if start != first:
            title = " ".join(t.lower_ for t in doc[first:start])
        else:
            _, title = _title_before(doc, start, lex)
        while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
            end -= 1
        span = doc[start:end]
        if not span.text.strip():
            return None
        return Mention.of(
            span,
            "PERSON",
            span.text,
            ActorKind.PERSON,
            title=title,
        )
    while end > start and doc[end - 1].text in ("'s", "’s", "'", "’"):
        end -= 1
    while end - start > 1 and doc[start].pos_ == "ADV" and doc[start].is_lower:
        start += 1  # "formerly Y", "also Y": the adverb is no part of the name
    kind_text = doc[start:end].text
    full_end = end
    worded = False
    if label == "ORG":
        end = _drop_generic_tail(doc, start, end, lex)
        if end == full_end and _group_noun_follows(doc, end, lex):
            kind_text += " " + doc[end].lower_  # "the National Unity coalition": a coalition
            worded = True
    span = doc[start:end]
    if label == "GPE":  # not a country or capital we know: a place, or a mislabelled name
        return Mention.of(span, "GPE", span.text, ActorKind.OTHER)
    return Mention.of(
        span,
        "ORG",
        _strip_the(span.text),
        org_kind(kind_text, lex),
        extra={"kind_word": True} if end < full_end or worded else {},
    )


def _person_name_shape(span: Span, lex: Lexicon) -> bool:
    """Whether a name NER took for a group's or a place's could be a person's: two to five
    words, capitalised (hyphenated ones included: "Karl-Heinz"), with no group word in it
    ("X Front") and no known country."""
    if not 2 <= len(span) <= 5 or not all(
        t.is_title or t.is_lower or t.text in _HYPHENS for t in span
    ):
        return False
    if not span[0].is_title or org_kind(span.text, lex) != ActorKind.ORGANIZATION:
        return False
    return normalise_alias(_strip_the(span.text)) not in lex.countries


def _regnal_name(span: Span, lex: Lexicon) -> bool:
    """Whether a name ends in a monarch's regnal number (``regnal_numerals``, in capitals:
    "Mswati III", "King Albert II"; a possessive "'s" aside) after one to three capitalised
    words that hold no group word ("Mohammed V University") and name no country."""
    words = [t for t in span if t.text not in ("'s", "’s", "'", "’")]
    if not 2 <= len(words) <= 4:
        return False
    last, name = words[-1], words[:-1]
    if not last.is_upper or last.lower_ not in lex.regnal_numerals:
        return False
    text = " ".join(t.text for t in name)
    return (
        all(t.is_title for t in name)
        and org_kind(text, lex) == ActorKind.ORGANIZATION
        and normalise_alias(_strip_the(text)) not in lex.countries
    )


def _surname_used_alone(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a name NER took for a group's or a place's is a person's by the way the text
    goes on to name them: its last word alone, as a surname is used ("Olaf Scholz ...
    Scholz was elected"; "Christian Lindner ... Lindner"). Only a name of two or three
    capitalised words (:func:`_person_name_shape`) with no word of a country, capital,
    demonym, place or company (``company_words``), and only a last word that stands alone
    elsewhere (no capitalised word or hyphen beside it, no group's name by NER, not only
    in a place phrase)."""
    span = doc[start:end]
    words = [t for t in span if t.text not in _HYPHENS]
    if not 2 <= len(span.text.split()) <= 3 or span[0].lower_ == "the":
        return False  # "Nur-Sultan", "Nagorno-Karabakh": one word
    if not _person_name_shape(span, lex) or not all(
        t.is_title and t.pos_ == "PROPN" for t in words
    ):
        return False
    if any(
        (w := normalise_alias(t.text)) in lex.countries
        or w in lex.capitals
        or w in lex.demonyms
        or w in lex.company_words
        for t in words
    ) or _known_place(span.text):
        return False  # "Banca Intesa ... Intesa": a company's name
    last = words[-1].text

    def joined(i: int) -> bool:  # a capitalised word or a hyphen beside the word
        return 0 <= i < len(doc) and (
            (doc[i].is_title and doc[i].pos_ == "PROPN") or doc[i].text in _HYPHENS
        )

    return any(
        t.text == last
        and not start <= t.i < end
        and not joined(t.i - 1)
        and not joined(t.i + 1)
        and t.ent_type_ != "ORG"  # "Unidos Podemos ... Podemos": a group's short name
        and not (t.dep_ == "pobj" and t.head.lower_ in lex.locative_preps)  # "in Santo"
        for t in doc
    )


def _person_by_role(doc: Doc, start: int, end: int, lex: Lexicon) -> bool:
    """Whether a name NER took for a group's is a person's by the role the sentence gives
    it: one with a person's title or rank first or right before ("General X Y", "Governor X
    Y"), the agent of leading a party, a faction or fighters ("a party led by X Y", "rebels
    headed by X Y": ``person_agent_verbs``, ``person_led_nouns``; not "an inquiry led by"
    an NGO), the owner of a party, a movement, a presidency or a following ("X Y's party",
    "X Y's supporters": ``possessed_group_nouns``, or a party's name: "X Y's Motherland
    Party"; not "X Y's government", which a party may own), the "of" of a named party ("the
    Social Democrats (SDP) of X Y") or a party's member ("X Y of the SPD"; not "Members of X
    Y of the party"). Only a name of a person's shape (:func:`_person_name_shape`: no group
    word, no known country) with no group-type word (``name_type_words``: "Major League
    Baseball") and not a party the gazetteer knows."""
    persons = lex.person_descriptions | lex.person_nouns | lex.honorifics
    first = start
    while first < end - 2 and doc[first].lower_.rstrip(".") in persons:
        first += 1  # "General Olusegun Obasanjo" (not "State Protection Authority")
    stop = end - 1 if doc[end - 1].text in ("'s", "’s") else end
    span = doc[first:stop]
    if not _person_name_shape(span, lex) or any(t.lower_ in lex.name_type_words for t in span):
        return False  # "Major League Baseball": a group's type word
    if first > start:
        return all(t.is_title for t in span)  # not "Special Air Service of X"
    from factions.text.gazetteer import is_party_name

    if is_party_name(span.text):
        return False  # "a party led by Law and Justice"
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.pos_ in ("NOUN", "PROPN")
        and start <= before.head.i < end  # its title, not "the veteran X Y leader"
        and (ends_a_title(before, lex) or before.lower_ in persons)
    ):
        return True  # "Governor X Y", "the Speaker X Y", "the economist X Y"
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        verb = root.head.head  # "a party led by X", not "an inquiry led by X" (an NGO may)
        led = verb.head.lemma_.lower() if verb.dep_ == "acl" else ""
        return verb.lemma_.lower() in lex.person_agent_verbs and led in lex.person_led_nouns
    if root.dep_ == "poss" or (end > stop and root.head.i >= end):
        head = root.head  # "X Y's party", "X Y's Motherland Party", "X Y's NLD"
        return head.lemma_.lower() in lex.possessed_group_nouns or _names_party(head, lex)
    if root.dep_ == "pobj" and root.head.lower_ == "of":  # "the Social Democrats (SDP) of X
        head = root.head.head  # Y"; not "the parties of the Bristol Gathering": members
        if not head.is_lower and _names_party(head, lex):
            return True
        if head.pos_ in ("NOUN", "PROPN"):
            return False  # "Members of X Y of the party": X Y may be a group of it
    return any(  # "X Y of the SPD"
        c.dep_ == "prep" and c.lower_ == "of" and any(_names_party(o, lex) for o in c.children)
        for c in root.children
    )


def _names_party(tok: Token, lex: Lexicon) -> bool:
    """Whether a token names a party or a coalition: a group noun of one ("party", "bloc"),
    or a word of a name NER took for a group's that says a party ("Motherland Party") or
    that the gazetteer lists as one ("Podemos")."""
    from factions.text.gazetteer import is_party_name

    if tok.is_lower:  # "the party", "the movement", "the bloc"; not "the presidency"
        kinds = {str(k) for k in lex.group_descriptions.get(tok.lemma_.lower(), ())}
        return bool(kinds & {ActorKind.PARTY.value, ActorKind.COALITION.value})
    if tok.ent_type_ in ("ORG", "NORP"):
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        text = ent.text if ent is not None else tok.text
    else:  # a name NER missed: the word and its compounds ("Social Democrats")
        words = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.is_title]
        text = " ".join(t.text for t in (*words, tok))
    kind = org_kind(text, lex)
    return kind in (ActorKind.PARTY, ActorKind.COALITION) or is_party_name(text)


def _person_by_office(
    doc: Doc, start: int, end: int, lex: Lexicon, place_label: bool = False
) -> bool:
    """Whether a name stands in apposition to a person's office or occupation ("Nigeria's
    president, X", "its chairman, X", "X, the party's spokesman", "the economist X", "its
    chair X"): then it names a person, whatever NER's label. Only a name of capitalised
    words (hyphenated ones included: "Karl-Heinz") with no group word in it ("X Front") and
    no known country qualifies; a group's membership ("X, a member of the Y coalition")
    does not."""
    span = doc[start:end]
    if not _person_name_shape(span, lex):
        return False
    root = span.root
    prep = root.head if root.dep_ == "pobj" else doc[start - 1] if start > 0 else None
    if (
        place_label
        and prep is not None
        and prep.lower_ in lex.locative_preps
        and prep.head.pos_ in ("VERB", "AUX")
    ):
        return False  # "at Sharm el-Sheikh, Egypt's president, X hosts": NER's place is a
        # place where something happens ("confidence in X, the prime minister" is no place)
    if _known_place(span.text):
        return False  # a town's or a region's name
    w = lex.rules
    offices = (w.leader_nouns | w.member_nouns | w.spokes_nouns) - w.group_member_nouns
    offices |= lex.person_descriptions | lex.person_nouns  # "the economist X", "X, a rebel"
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        return root.head.lemma_.lower() in offices
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.pos_ == "NOUN"
        and before.is_lower
        and before.lemma_.lower() in offices
        and any(c.dep_ in ("det", "poss") for c in before.children)
    ):
        return True  # "its chair X", "the economist X": the office right before the name
    return any(
        c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in offices
        for c in root.children
    )


def _group_noun_follows(doc: Doc, end: int, lex: Lexicon) -> bool:
    """Whether a lower-case group noun ("party", "movement") directly follows the name
    ending at token ``end``, and heads it: "the Green Future party"."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    return (
        nxt.is_lower
        and nxt.lower_ in lex.group_words
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i == end
        and not _indefinite(nxt)
    )


def _indefinite(head: Token) -> bool:
    """Whether the noun ``head`` has an indefinite article: "a Miskito group" describes a
    group by a community's name; "the Green Future party" names one."""
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def _drop_generic_tail(doc: Doc, start: int, end: int, lex: Lexicon) -> int:
    """End of an organisation's name without a lower-case group noun that follows it:
    "the Green Future party" names "Green Future" (the noun still gives the kind)."""
    last = doc[end - 1]
    if (
        end - start >= 2
        and last.is_lower
        and not _indefinite(last)
        and last.lower_ in lex.group_words
        and any(t.text[:1].isupper() and t.lower_ != "the" for t in doc[start : end - 1])
    ):
        return end - 1
    return end


def _state_mention(span: Span, country: str) -> Mention:
    """A demonym's mention of its state (``span`` covers the words that name it)."""
    return Mention.of(span, "STATE", country, ActorKind.STATE, extra={"demonym": True})


_FORCES = "forces:"  # the key prefix of a state's forces: "forces:<body>:<state or empty>"


def _force_mention(span: Span, force: str, country: str = "", name: str | None = None) -> Mention:
    """The one way a state's forces become a mention: a government body keyed by the force
    and the state ("" for a bare "the army"), named ``name`` or by the force."""
    return Mention.of(span, "BODY", f"{_FORCES}{force}:{country}", ActorKind.GOVERNMENT_BODY,
                      extra={"name": name or force})  # fmt: skip


def _join_bare_forces(mentions: list[Mention]) -> None:
    """ "The Sudanese army ... the army": a bare force noun is the one state's forces the
    text names so (by demonym or possessive); with none or several, it stays its own body."""
    forces = [m for m in mentions if m.label == "BODY" and m.key.startswith(_FORCES)]
    bare = [m for m in forces if m.key.endswith(":")]
    owned = {m.key: m for m in forces if not m.key.endswith(":")}
    if bare and len(owned) == 1:
        key, named = next(iter(owned.items()))
        for m in bare:
            m.key, m.extra["name"] = key, named.extra.get("name", m.extra.get("name"))


def _state_forces(
    doc: Doc, mentions: list[Mention], taken: bytearray, lex: Lexicon
) -> list[Mention]:
    """ "Sudan's armed forces", "Turkey's army": a state's forces named through its
    possessive, the government body its demonym names too ("the Sudanese army", one key).
    The force noun is the body's mention, the whole phrase an extra output span."""
    out: list[Mention] = []
    for m in mentions:
        last = doc[m.end - 1]
        if m.label not in ("STATE", "GPE") or last.dep_ != "poss":
            continue
        country = m.key if m.label == "STATE" else lex.countries.get(m.text.lower())
        head = last.head
        force = _force_noun(head, lex)
        if country is None or force is None or not m.end < head.i <= m.end + 2 or taken[head.i]:
            continue
        first = min([head.i] + [c.i for c in head.children if c.lower_ == "armed" and c.i >= m.end])
        span, whole = doc[first : head.i + 1], doc[m.start : head.i + 1]
        body = _force_mention(span, force, country, _strip_the(whole.text))
        body.extra["spans"] = [(whole.start_char, whole.end_char, whole.text)]
        for i in range(span.start, span.end):
            taken[i] = 1
        out.append(body)
    return out


def _force_noun(head: Token, lex: Lexicon) -> str | None:
    """The body a state's force noun names ("army", "armed forces", "military": see
    ``bare_generic_actors``), or None ("troops", "forces", "regime" stand for the state)."""
    if head.pos_ != "NOUN":
        return None
    name = head.lower_
    if name == "forces" and any(c.lower_ == "armed" for c in head.children):
        name = "armed forces"
    return lex.bare_generic_actors.get(name)


def _demonym_mention(doc: Doc, start: int, end: int, lex: Lexicon) -> Mention | None:
    """A demonym used for its state: "Iranian officials", "the Syrian regime", "Ugandan support"."""
    words = doc[start:end]
    low = words.text.lower()
    tok = doc[end - 1]
    country = lex.demonyms.get(low) or lex.demonyms.get(tok.lemma_.lower())
    if country is None:  # "the Americans": NER keeps the plural as its own lemma
        plural = lex.demonyms.get(low[:-1]) if low.endswith("s") else None
        return _plural_demonym(doc, start, end, plural) if plural else None
    if agent_hyphen(doc, end):
        return _state_mention(words, country)  # "Iranian-backed militias"
    head = tok.head
    dep = tok.dep_
    while dep == "conj" and head.dep_ in ("amod", "compound", "nmod"):  # "X and Y secessions"
        dep, head = head.dep_, head.head
    if dep in ("amod", "compound", "nmod") and head.i > tok.i and tok.dep_ == "conj":
        if _state_modifies(head, lex):  # "Qatari and Turkish input"
            return _state_mention(words, country)
    if tok.dep_ in ("amod", "compound", "nmod") and head.i > tok.i:
        hl = head.lemma_.lower()
        if hl in lex.state_heads or head.lower_ in lex.state_heads:  # "troops" (lemma "troop")
            s = start
            # include the determiner and adjectives in front: "the Syrian regime"
            if s > 0 and doc[s - 1].dep_ == "det" and doc[s - 1].head.i == head.i:
                s -= 1
            span = doc[s : head.i + 1]
            force = _force_noun(head, lex)
            if force is not None:  # "the Lebanese army": the state's forces, a body of its own
                return _force_mention(span, force, country, _strip_the(span.text))
            return _state_mention(span, country)
        if _state_modifies(head, lex):
            return _state_mention(words, country)  # "Ugandan support", "Turkish tanks"
        return None
    return _plural_demonym(doc, start, end, country)


def _plural_demonym(doc: Doc, start: int, end: int, country: str) -> Mention | None:
    """ "the Americans", "the Soviets": a plural demonym used as a noun, with an article,
    names its state as news uses it ("the Americans pressed Karzai"). Not one a phrase
    places or qualifies ("the Russians living in Estonia", "the Albanians of Kosovo", "the
    Azerbaijanis on both sides of the border"): those are a community, as a people that is
    no state's ("the Kurds") always is, having no demonym."""
    tok = doc[end - 1]
    if (
        tok.tag_ in ("NNPS", "NNS")
        and start > 0
        and doc[start - 1].lower_ == "the"
        and tok.lower_.endswith("s")
        and not any(c.dep_ in ("prep", "acl", "relcl") for c in tok.children)
    ):
        span = doc[start - 1 : end]
        return Mention.of(span, "STATE", country, ActorKind.STATE, extra={"demonym": True})
    return None


def agent_hyphen(doc: Doc, end: int) -> bool:
    """The name ending at token ``end`` is joined by a hyphen to a participle that makes it
    an agent: "Iranian-backed", "US-led", "Turkish-made" (``agent_participles`` in
    ``gazetteer/data/words.yaml``)."""
    from factions.text.gazetteer import load_words

    return (
        end + 1 < len(doc)
        and doc[end].text in _HYPHENS
        and doc[end].idx == doc[end - 1].idx + len(doc[end - 1].text)
        and doc[end + 1].lower_ in load_words().agent_participles
    )


def _state_modifies(head: Token, lex: Lexicon) -> bool:
    """A demonym modifying ``head`` names its state: a relation noun, a state's body, a
    proxy head or a political head ("Ugandan support", "the Syrian regime", "Iranian
    allies", "Turkish tanks")."""
    hl = head.lemma_.lower()
    return (
        hl in lex.nouns
        or hl in lex.state_heads
        or head.lower_ in lex.state_heads
        or hl in lex.proxy_heads
        or _political_head(head)
    )


def _political_head(tok: Token) -> bool:
    """A noun whose modifier is an actor ("Turkish tanks", "American pressure"):
    ``political_heads`` in ``gazetteer/data/words.yaml``."""
    from factions.text.gazetteer import load_words

    heads = load_words().political_heads
    return tok.lemma_.lower() in heads or tok.lower_ in heads


def _is_acronym(text: str) -> bool:
    letters = text.replace("-", "").replace(".", "")
    return 2 <= len(letters) <= 7 and letters.isalnum() and sum(c.isupper() for c in letters) >= 2


def _acronym_definitions(doc: Doc, mentions: list[Mention], taken: bytearray, lex: Lexicon):
    """ "Long Name Of Group (LNG)": the bracketed acronym defines the name before it.

    A simplified form of Schwartz & Hearst (2003), "A simple algorithm for identifying
    abbreviation definitions in biomedical text": walk left from the bracket over
    capitalised words (and short function words) until their initials spell the acronym.
    The long form becomes one ORG mention (replacing NER fragments inside it) and the
    acronym a mention of the same actor. O(tokens x acronym length).
    """
    fillers = {"for", "of", "the", "and", "de", "la", "du", "des", "pour", "-", "'s", "in", "on"}
    by_start = {m.start: m for m in mentions}
    out = list(mentions)
    for i in range(2, len(doc) - 1):
        if doc[i - 1].text != "(" or doc[i + 1].text != ")":
            continue
        acr = doc[i].text
        if not _is_acronym(acr) or acr.lower() in lex.countries:
            continue
        letters = [c for c in acr if c.isalpha()]
        j = i - 2
        caps: list[int] = []
        while j >= 0 and i - 2 - j < 12:
            t = doc[j]
            if t.text[:1].isupper() and t.is_alpha:
                if not (j > 0 and doc[j - 1].text == "-"):  # "Re-Liberation" is one word
                    caps.append(j)
            elif t.lower_ not in fillers:
                break
            initials = "".join(doc[k].text[0].upper() for k in reversed(caps))
            if len(caps) >= 2 and initials == "".join(letters).upper():
                break
            j -= 1
        if not caps:
            continue
        initials = "".join(doc[k].text[0].upper() for k in reversed(caps))
        if len(caps) < 2 or initials != "".join(letters).upper():
            continue
        start, end = min(caps), i - 1
        while end > start and doc[end - 1].text in (",", "-"):
            end -= 1
        if start > 0 and doc[start - 1].lower_ == "the":
            start -= 1
        # replace NER fragments inside the long form, unless one covers it exactly
        inside = [m for m in out if m.start >= start and m.end <= end]
        if len(inside) == 1 and inside[0].label in ("PERSON", "STATE"):
            continue
        if any(m.label in ("REF", "GAZ") and m.end == end and m.start <= start + 1 for m in inside):
            continue  # the gazetteer already names the long form (and so its acronym)
        overlapping = [m for m in out if m.start < end and m.end > start]
        if any(m.start < start or m.end > end for m in overlapping):
            continue
        for m in overlapping:
            out.remove(m)
        span = doc[start:end]
        long_m = Mention.of(
            span,
            "ORG",
            span.text[4:] if span.text.lower().startswith("the ") else span.text,
            org_kind(span.text, lex),
        )
        out.append(long_m)
        for k in range(start, end):
            taken[k] = 1
        if not taken[i] and i not in by_start:
            a = doc[i : i + 1]
            out.append(Mention.of(a, "ORG", a.text, long_m.kind))
            taken[i] = 1
    out.sort(key=lambda m: m.start)
    return out


def _repeat_names(doc: Doc, mentions: list[Mention], taken: bytearray, lex: Lexicon):
    """Tag later (or earlier) occurrences of a name NER found once but missed elsewhere.

    Names are matched as exact token sequences of organisation names, acronyms and person
    names already found in the same document. O(tokens).
    """
    index: dict[str, list[tuple[tuple[str, ...], Mention]]] = {}
    for m in mentions:
        if m.label not in ("ORG", "PERSON") or not m.named:
            continue
        toks = tuple(t.text for t in doc[m.start : m.end] if t.lower_ != "the")
        if not toks or (len(toks) == 1 and not toks[0][:1].isupper()):
            continue
        index.setdefault(toks[0], []).append((toks, m))
        last = toks[-1]
        if m.label == "PERSON" and len(toks) > 1 and last[:1].isupper() and len(last) > 2:
            index.setdefault(last, []).append(((last,), m))  # the surname alone
    if not index:
        return mentions
    out = list(mentions)
    i = 0
    n = len(doc)

    def inner(start: int, end: int) -> list[Mention] | None:
        """The mentions inside ``[start, end)`` a repeat of a longer name replaces: only a
        place or demonym read inside it ("Syrian Army" in "Free Syrian Army"); None if
        another mention overlaps it."""
        hit = [x for x in out if x.start < end and start < x.end]
        if all(
            start <= x.start
            and x.end <= end
            and x.label in ("STATE", "GPE")
            and (x.start, x.end) != (start, end)
            for x in hit
        ):
            return hit
        return None

    while i < n:
        if doc[i].text not in index or (taken[i] and not _in_state_mention(out, i)):
            i += 1
            continue
        best = None
        for toks, m in index[doc[i].text]:
            k = len(toks)
            if i + k <= n and (not any(taken[i : i + k]) or inner(i, i + k) is not None):
                if tuple(t.text for t in doc[i : i + k]) == toks and (
                    best is None or k > len(best[0])
                ):
                    best = (toks, m)
        if best is None:
            i += 1
            continue
        toks, m = best
        k = len(toks)
        span = doc[i : i + k]
        for x in inner(i, i + k) or []:
            out.remove(x)  # "Syrian Army" read as Syria's inside "Free Syrian Army"
        out.append(Mention.of(span, m.label, m.key, m.kind))
        for j in range(i, i + k):
            taken[j] = 1
        i += k
    return out


def _members_plural(
    doc: Doc, mentions: list[Mention], taken: bytearray, lex: Lexicon
) -> list[Mention]:
    """A capitalised plural NER left unlabelled whose singular ("Socialist", or "Democrat" +
    "ic") is a word of a party or organisation named in the document, or of its gazetteer
    name ("the Socialists" after "PSOE"):
    an organisation mention of its own; coreference (:mod:`factions.text.coref`, members'
    plural) decides which party it is. A party family's plural (``party_family_plurals``:
    "the Greens", "Harper's Conservatives") is a party mention even when no party of that
    word is named. O(tokens + mentions)."""
    groups = [
        m
        for m in mentions
        if m.label in ("ORG", "GAZ", "REF") and m.kind not in (ActorKind.STATE, ActorKind.PERSON)
    ]
    names = [
        *(t.text for m in groups for t in doc[m.start : m.end]),
        *(w for m in groups for w in str(m.extra.get("name") or "").split()),
    ]  # the text's words and, for "PSOE", the gazetteer's "Spanish Socialist Workers Party"
    words = {
        w
        for w in names
        if w[:1].isupper() and w.isalpha() and len(w) > 3 and w.lower() not in lex.kinds
    }
    out: list[Mention] = []
    for t in doc:
        w = t.text
        if taken[t.i] or not t.is_title or not w.endswith("s") or w.endswith("ss"):
            continue
        family = t.lower_ in lex.party_family_plurals
        if family and _in_longer_name(doc, t.i):
            named = _qualified_family(doc, t.i, taken, lex)  # "Christian" + "Democrats"
            if named is not None:
                out.append(named)
                for k in range(named.start, named.end):
                    taken[k] = 1
            continue
        if (not ({w[:-1], w[:-1] + "ic"} & words) and not family) or t.lower_ in lex.demonyms:
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        if nxt is not None and nxt.is_title and nxt.pos_ == "PROPN":
            continue  # part of a longer name
        kind = ActorKind.PARTY if family else ActorKind.ORGANIZATION
        out.append(Mention.of(doc[t.i : t.i + 1], "ORG", w, kind, extra={"plural_of": True}))
        taken[t.i] = 1
    return out


def _qualified_family(doc: Doc, i: int, taken: bytearray, lex: Lexicon) -> Mention | None:
    """A party family's plural at ``i`` after one or two capitalised qualifiers that no other
    mention took ("the Christian Democrats", which NER splits into two nationalities): the
    party that name names (:func:`_family_name`)."""
    k = i
    while (
        k > 0
        and i - k < 2
        and not taken[k - 1]
        and doc[k - 1].is_title
        and doc[k - 1].is_alpha
        and doc[k - 1].lower_ != "the"
    ):
        k -= 1
    if k == i or (i + 1 < len(doc) and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"):
        return None
    return _family_name(doc, doc[k : i + 1], lex)


def _in_longer_name(doc: Doc, i: int) -> bool:
    """Token ``i`` continues a capitalised name ("Social Democrats", "Young Liberals"): the
    word before it is capitalised and not the sentence's first "The"."""
    if i == 0 or doc[i].is_sent_start:
        return False
    p = doc[i - 1]
    return p.is_title and not (p.lower_ == "the" and p.is_sent_start)


def _in_state_mention(mentions: list[Mention], i: int) -> bool:
    return any(x.start <= i < x.end and x.label in ("STATE", "GPE") for x in mentions)


_ALIAS_CUES = (
    ("formerly",),
    ("formerly", "known", "as"),
    ("formerly", "called"),
    ("previously", "known", "as"),
    ("also", "known", "as"),
    ("better", "known", "as"),
)


def _link_former_names(doc: Doc, mentions: list[Mention]) -> None:
    """ "X (X'), formerly Y" / "X, also known as Y": Y is another name of X's organisation.
    Only punctuation may stand between X and the cue; O(mentions)."""
    for i in range(1, len(mentions)):
        m = mentions[i]
        if m.label != "ORG" or m.alias_of is not None:
            continue
        for cue in _ALIAS_CUES:
            k = m.start - len(cue)
            if k < 1 or tuple(t.lower_ for t in doc[k : m.start]) != cue:
                continue
            j = i - 1
            while j >= 0 and mentions[j].end > k:
                j -= 1
            if j < 0 or mentions[j].label != "ORG":
                break
            if all(t.is_punct for t in doc[mentions[j].end : k]) and k - mentions[j].end <= 2:
                m.alias_of = j
            break


def _abbreviates(short: str, name: str) -> bool:
    """Whether ``short``'s letters start ``name`` and follow in its order (Schwartz & Hearst
    2003, simplified): "HAN" abbreviates "Harakat al-Nur", "PDR" not "Tomas Reyes"."""
    letters = [c.lower() for c in short if c.isalpha()]
    text = name.lower()
    if not letters or not text or text[0] != letters[0]:
        return False
    k = 0
    for c in text:
        if k < len(letters) and c == letters[k]:
            k += 1
    return k == len(letters)


def _closes_short_form(doc: Doc, m: Mention, prev: Mention, after: list[Mention]) -> bool:
    """Whether bracketed mention ``m`` ends its bracket's first item: ")" (or "):" as one
    token) follows it, or, for an acronym after a group's name, ";" or "," and a person
    ("Socialist Party (PS; Ana Ruiz)", "(PS, Ana Ruiz)"); not "(PSD, PNL and UDMR)", a
    list of other groups."""
    nxt = doc[m.end].text
    if nxt.startswith(")"):
        return True
    if not _is_acronym(m.text) or prev.label in ("PERSON", "STATE", "GPE"):
        return False
    if nxt == ";":
        return True
    return nxt == "," and bool(after) and after[0].start == m.end + 1 and after[0].label == "PERSON"


def _link_parenthesised_acronyms(doc: Doc, mentions: list[Mention]) -> None:
    """'Harakat al-Nur (HAN)': the bracketed short form is an alias of the name before.

    After a person's name, a bracketed organisation that does not abbreviate the name is
    the person's party ("Tomas Reyes (PDR)"): kept apart, and the person its member."""
    for i in range(1, len(mentions)):
        m, prev = mentions[i], mentions[i - 1]
        if (
            m.start >= 1
            and doc[m.start - 1].text == "("
            and prev.end in (m.start - 1, m.start - 2)
            and m.end < len(doc)
            and _closes_short_form(doc, m, prev, mentions[i + 1 : i + 2])
        ):
            if prev.label in ("STATE", "GPE") and not _abbreviates(m.text, prev.text):
                continue  # "Movement for Democracy in Liberia (MODEL)": not Liberia's
            if (
                m.label == "PERSON"
                and prev.label != "PERSON"
                and m.end - m.start >= 2
                and all(t.is_alpha and t.is_title for t in doc[m.start : m.end])
            ) or table_role(m) == "leader":
                continue  # "Green Future (Dora Klein)": its leader, not another name of it
            if (
                prev.label == "PERSON"
                and m.label in ("ORG", "REF", "GAZ")
                and not _abbreviates(m.text, prev.text)
            ):
                m.extra["member_of_span"] = (prev.start, prev.end)
                continue
            m.alias_of = i - 1
