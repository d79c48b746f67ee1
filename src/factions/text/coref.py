"""Within-document coreference for news text: one entity per actor.

Rules, in the order applied (all linear or near-linear in the number of mentions):

1. Same key (gazetteer id, country, normalised name) -> same entity; a bracketed acronym
   joins the name before it; an acronym equal to a name's initials joins it.
2. Persons: a surname ("Karimi") or first name joins a fuller name ("Samir al-Karimi"),
   in either order, when exactly one person entity fits.
3. Organisations: a shorter form whose words all occur in a longer name joins it
   ("the Falcons" -> "Desert Falcons").
4. References, left to right, with a short history of recent mentions: "the latter" /
   "the former"; titles used alone ("the Prime Minister") -> the person last named with
   that title, before the name or beside it ("X, who had been prime minister"), or, for
   a head of government's offices, as the head of a government ("X's cabinet", "X formed
   a government"), and not named as a former holder of that very office; "the new
   president" -> the holder the text says won or took up the office, else the last
   election winner it names; "the former president" no one was named as -> the last
   person it says left office; another office no one holds -> no one; descriptions
   ("this Shiite leader", "the young cleric") -> the most recent person who is not the
   subject of the same sentence; "himself" -> its clause's subject; "he/him/his" -> the
   most salient fitting person of its sentence and the two before (Lappin & Leass 1994:
   recency, grammatical role, head-noun and non-adverbial emphasis, role parallelism; an
   object pronoun never refers to its own clause's subject; never a person the text gives
   the other gender);
   "it/its" -> the most salient state or organisation of its sentence and the one
   before; "the government", "the cabinet" and, in a text that names no coalition and
   calls one governing, "the coalition" -> the text's government (the state it is about,
   else the government last named, else one unnamed government body).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from factions.model import ActorKind, normalise_alias
from factions.text.lexicon import Lexicon
from factions.text.mentions import (
    _HYPHENS,
    Mention,
    _strip_the,
    _title_before,
    ends_a_title,
    name_kind,
    org_kind,
    subject_complements,
)
from factions.text.parse_memo import has_negation, memo
from factions.text.tables import table_role

__all__ = [
    "Entity",
    "bare_legislatures",
    "cluster_names",
    "owned_groups",
    "party_states",
    "resolve_references",
    "stated_genders",
]

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacy.tokens import Doc, Token

    from factions.text.gazetteer import WorldGazetteer

# a reference name's subtitle after a spaced dash ("Order and Justice – Liberal Democratic
# Party"): another party's words, never what a shorter name is matched against
_SUBTITLE = re.compile(r"\s+(?:–|—|--|-)\s+")
_GROUPS = (
    ActorKind.PARTY,
    ActorKind.MILITIA,
    ActorKind.COALITION,
    ActorKind.ORGANIZATION,
    ActorKind.GOVERNMENT_BODY,
)


@dataclass
class Entity:
    """One actor in a document: its name, kind and the indices of its mentions."""

    key: str
    name: str
    kind: ActorKind
    gazetteer_id: str | None = None
    external_id: str | None = None  # a world gazetteer actor's ("partyfacts:5619")
    written: list[str] = field(default_factory=list)  # the reference names the text uses
    mentions: list[int] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)


@lru_cache(maxsize=1)
def _prefix_pattern() -> re.Pattern[str]:
    """A name word's hyphen-joined prefix ("al-Karimi"; ``name_prefixes`` of
    ``lexicon/words.yaml``)."""
    from factions.text.lexicon import load_lexicon

    prefixes = "|".join(sorted(map(re.escape, load_lexicon().name_prefixes)))
    return re.compile(rf"^({prefixes})[-‐‑]", re.I)


def _name_words(text: str) -> list[str]:
    words = []
    for w in normalise_alias(text).replace("’", "'").split():
        w = _prefix_pattern().sub("", w)
        w = w.strip(".,'\"")
        if w and w != "the":
            words.append(w)
    return words


def _other_number(word: str) -> str:
    """The plural of a singular name word and the singular of a plural one ("houthi" <->
    "houthis"), for joining a group's names."""
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word + "s"


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words).upper()


def cluster_names(mentions: list[Mention], lex: Lexicon) -> list[Entity]:
    """Group named mentions into entities (sets ``mention.entity``)."""
    entities: list[Entity] = []
    by_key: dict[str, int] = {}
    persons: list[int] = []
    orgs: list[int] = []

    def new(m: Mention, key: str, name: str) -> int:
        entities.append(Entity(key=key, name=name, kind=m.kind))
        idx = len(entities) - 1
        by_key[key] = idx
        if m.kind == ActorKind.PERSON:
            persons.append(idx)
        elif m.label in ("ORG", "GAZ", "GPE", "REF"):
            orgs.append(idx)
        return idx

    defined = {m.alias_of for m in mentions if m.alias_of is not None}
    # "the Socialists" joins a party named anywhere in the text, so members' plurals last
    order = sorted(range(len(mentions)), key=lambda k: bool(mentions[k].extra.get("plural_of")))
    for mi in order:
        m = mentions[mi]
        if not m.named:
            continue
        idx: int | None = None
        if m.label == "GAZ":
            key = "gaz:" + m.key
            idx = by_key.get(key)
            if idx is None:
                idx = new(m, key, m.key)
                entities[idx].gazetteer_id = m.key
        elif m.label == "REF":
            key = "ref:" + m.key
            idx = by_key.get(key)
            j = mentions[m.alias_of].entity if m.alias_of is not None else -1
            if idx is None and j >= 0 and not entities[j].external_id:
                if entities[j].kind != ActorKind.PERSON:  # "Long Name (ACR)": ACR names it
                    idx = j
                    by_key[key] = j
                    entities[j].external_id = m.key
                    entities[j].name = m.extra.get("name") or entities[j].name
            if idx is None:
                idx = new(m, key, m.extra.get("name") or _display_name(m))
                entities[idx].external_id = m.key
            if m.text not in entities[idx].written:
                entities[idx].written.append(m.text)
        elif m.label == "BODY":
            idx = by_key.get(m.key)
            if idx is None:
                idx = new(m, m.key, m.extra.get("name") or m.text)
        elif m.label == "STATE":
            key = "state:" + m.key
            idx = by_key.get(key)
            if idx is None:
                idx = new(m, key, m.key)
        else:
            if m.alias_of is not None and mentions[m.alias_of].entity >= 0:
                idx = mentions[m.alias_of].entity
            words = _name_words(m.text)
            nkey = "name:" + " ".join(words)
            if idx is None:
                idx = by_key.get(nkey)
            if idx is None and len(words) == 1 and m.label != "PERSON":
                idx = by_key.get("name:" + _other_number(words[0]))  # "Azuri" / "Azuris"
                if idx is not None and entities[idx].kind == ActorKind.PERSON:
                    idx = None
            if idx is None and words and m.label in ("PERSON", "GPE", "ORG"):
                idx = _match_person(words, persons, entities, m, mentions, lex.patronymic_particles)
            if idx is None and m.label in ("ORG", "GPE") and words and mi not in defined:
                idx = _match_org(m.text, words, orgs, entities, lex)
            if idx is None:
                if m.label == "GPE":
                    m.kind = ActorKind.OTHER  # a place or a state we do not know
                idx = new(m, nkey, _display_name(m))
            else:
                by_key.setdefault(nkey, idx)
                ent = entities[idx]
                full = _name_words(ent.name)
                first_name = len(full) == 1 and len(words) == 2 and words[0] == full[0]
                if (
                    ent.kind == ActorKind.PERSON
                    and m.label in ("ORG", "GPE")
                    and ((len(words) < len(full) and set(words) <= set(full)) or first_name)
                ):  # "Duterte" tagged ORG after "Rodrigo Duterte": part of his name; "Omar
                    # Maute" tagged ORG after the "Omar" of "Omar and Abdullah Maute": his
                    # full name
                    m.kind = ActorKind.PERSON
                if ent.kind == ActorKind.PERSON and (m.label == "PERSON" or first_name):
                    if len(_name_words(m.text)) > len(_name_words(ent.name)):
                        ent.name = _display_name(m)
        m.entity = idx
        if m.title:
            entities[idx].titles.add(m.title)
        entities[idx].mentions.append(mi)
    for ent in entities:  # the kind most of its names carry; a name's kind word wins
        if ent.gazetteer_id or ent.external_id:
            continue
        kinds = Counter(mentions[k].kind for k in ent.mentions)
        ent.kind = kinds.most_common(1)[0][0]
        worded_kinds = [
            mentions[k].kind for k in ent.mentions if mentions[k].extra.get("kind_word")
        ]
        tabled = [  # a table's party column: "| Likud | 30 |"
            mentions[k].kind for k in ent.mentions if table_role(mentions[k]) == "party"
        ]
        if worded_kinds:  # "the X party" once: X is a party however NER tagged it elsewhere
            ent.kind = worded_kinds[0]
        elif tabled and ent.kind in (ActorKind.ORGANIZATION, ActorKind.OTHER):
            worded = org_kind(ent.name, lex)  # its own words first ("X Coalition")
            ent.kind = tabled[0] if worded == ActorKind.ORGANIZATION else worded
        if ent.kind == ActorKind.PERSON and any(
            mentions[k].alias_of is not None or mentions[k].text.isupper() for k in ent.mentions
        ):  # a name with a bracketed acronym is an organisation's
            ent.kind = org_kind(ent.name, lex)
        if ent.kind in (ActorKind.PERSON, ActorKind.OTHER, ActorKind.ORGANIZATION):
            worded = org_kind(ent.name, lex)
            if worded != ActorKind.ORGANIZATION:
                ent.kind = worded
            elif (
                ent.kind == ActorKind.PERSON
                and name_kind(ent.name, lex) is not None
                and any(mentions[k].text.lower().startswith("the ") for k in ent.mentions)
            ):  # "The Kestrel Union", tagged a person: a union's name ("Jack Union" is his)
                ent.kind = worded
    return entities


def bare_legislatures(
    entities: list[Entity], mentions: list[Mention], lex: Lexicon, world: WorldGazetteer | None
) -> None:
    """Make a government body of each actor named only by a bare legislature word
    (``bare_legislatures``: "a hostile Congress"), unless it may shorten a party: one the
    text names whose name holds the word ("the Indian National Congress"), one named with a
    kind word ("the Congress party"), or one the world gazetteer lists in a state the text
    names (India's "Congress"; no Latin American party's name holds it)."""
    states = {
        entry.iso3
        for e in entities
        if e.kind == ActorKind.STATE and world is not None and (entry := world.state_of(e.name))
    }
    for ent in entities:
        if ent.gazetteer_id or ent.external_id:
            continue
        bare = {_strip_the(mentions[k].text).lower() for k in ent.mentions}
        if len(bare) != 1 or not bare <= lex.bare_legislatures:
            continue
        if any(mentions[k].extra.get("kind_word") for k in ent.mentions):
            continue
        if any(other is not ent and bare & set(_name_words(other.name)) for other in entities):
            continue
        if world is not None and states & world.party_countries(next(iter(bare))):
            continue
        ent.kind = ActorKind.GOVERNMENT_BODY


def _display_name(m: Mention) -> str:
    text = m.text.strip()
    if m.label in ("ORG", "GPE") and text.lower().startswith("the "):
        text = text[4:]
    return text


def _patronym_ends(words: list[str], particles: Collection[str]) -> bool:
    """Whether a name ends in a patronym: a particle of ``particles`` ("bin", "ibn") before
    its last word."""
    return len(words) >= 3 and words[-2] in particles


def _match_person(
    words: list[str],
    persons: list[int],
    entities: list[Entity],
    m: Mention,
    mentions: Sequence[Mention] = (),
    particles: Collection[str] = (),
) -> int | None:
    """The single person entity this name is a surname, first name or fuller form of (a
    father's name after a patronymic particle is no surname: "Salman" is not "Mohammed bin
    Salman")."""
    fits = []
    names = [_name_words(entities[idx].name) for idx in persons]
    surnames = {n[-1] for n in names if len(n) > 1}
    for idx, other in zip(persons, names, strict=True):
        if not other:
            continue
        if len(words) == 1:
            surname = other[-1] if not _patronym_ends(other, particles) else None
            if words[0] == surname or (words[0] == other[0] and len(other) > 1):
                fits.append(idx)
        elif len(other) == 1 and _patronym_ends(words, particles):
            continue
        elif len(other) == 1:
            # "Hapilon" is "Isnilon Hapilon"; "Omar", named with his brother's surname ("the
            # brothers Omar and Abdullah Maute"), is "Omar Maute" (and "Karuna Faction" is
            # no "Karuna": no person of the text has the surname "Faction"; a titled "King
            # Abdullah" never coordinated with a Maute is no "Abdullah Maute", where an
            # untitled "his son Andreas" is "Andreas Papandreou")
            if other[0] == words[-1] or (
                other[0] == words[0]
                and len(words) == 2
                and words[1] in surnames
                and (
                    not entities[idx].titles or _coordinated_with(entities[idx], words[1], mentions)
                )
            ):
                fits.append(idx)
        elif words[-1] == other[-1] and (words[0] == other[0] or len(words) != len(other)):
            short, long_ = sorted((words, other), key=len)
            if set(short) <= set(long_):  # "Ana Ruiz" is not "Carlos Diaz Ruiz"
                fits.append(idx)
    if len(fits) == 1:
        return fits[0]
    return None


def _coordinated_with(ent: Entity, surname: str, mentions: Sequence[Mention]) -> bool:
    """Whether a mention of the one-word person ``ent`` stands beside a longer name ending
    in ``surname``: right before it ("Omar and Abdullah Maute", one or two tokens between)
    or shortly after it ("Georgios Papandreou and his son Andreas", up to four)."""
    named = [
        k for k in mentions if len(_name_words(k.text)) > 1 and _name_words(k.text)[-1] == surname
    ]
    own = [mentions[k] for k in ent.mentions]
    return any(0 < k.start - m.end <= 2 or 0 < m.start - k.end <= 4 for m in own for k in named)


def _qualifies(long: list[str], short: list[str], lex: Lexicon) -> bool:
    """Whether group name ``long`` has a word of ``name_qualifiers`` before its first word
    of group type that ``short`` lacks: "Liberal Democratic Party" / "Liberal Party",
    "United National Party" / "National Party", "People's Revolutionary Party" / "People's
    Party" name two parties. Other words ("Salafist Nour Party", "Salvini's League",
    "Indian National Congress") and words after the type word ("Democratic Party of Japan")
    leave them one."""
    at = next((i for i, w in enumerate(long) if w in lex.name_type_words), None)
    return at is not None and any(w in lex.name_qualifiers and w not in short for w in long[:at])


def _offshoot(short: list[str], long: list[str]) -> bool:
    """Whether ``long`` names a body of the one named ``short`` (a one-word name followed
    by two or more words of its own: "Renamo" -> "Renamo Military Junta")."""
    return len(short) == 1 and len(long) >= 3 and long[0] == short[0]


def _body_of(words: list[str], lex: Lexicon) -> set[str]:
    """Armed-body words heading an "X of Y" name: {"army"} for "Army of the Republic of Y"."""
    if "of" not in words[1:]:
        return set()
    return set(words[: words.index("of")]) & lex.armed_body_nouns


def _military(ent: Entity, lex: Lexicon) -> bool:
    """A government body with a military word in its name: "the Transitional Military
    Council", "the National Council for the Restoration of Democracy"."""
    return ent.kind == ActorKind.GOVERNMENT_BODY and bool(
        set(_name_words(ent.name)) & lex.military_name_words
    )


def _military_body(entities: list[Entity], lex: Lexicon) -> int | None:
    """The one military government body of the document (what "the junta" names)."""
    fits = [k for k, e in enumerate(entities) if _military(e, lex)]
    return fits[0] if len(fits) == 1 else None


_BODY = (ActorKind.GOVERNMENT_BODY,)  # what "the junta", "the government" name by a head


def _name_head(words: list[str], lex: Lexicon) -> str:
    """The head word of a name: the word before its first preposition
    (``name_head_prepositions``: "Chamber of Deputies": "chamber"; "Movement for Democratic
    Change": "movement"), else its last."""
    for k in range(1, len(words)):
        if words[k] in lex.name_head_prepositions:
            return words[k - 1]
    return words[-1]


def _head_description(
    doc: Doc, i: int, starts: dict[int, Mention], lex: Lexicon
) -> tuple[int, list[str]] | None:
    """ "The company", "this court": the head noun's index and the adjectives before it, when
    the phrase at ``i`` can name a group by its name's head; None for a compound ("the
    defence minister"), an apposition ("the rival company, X"), a group word (the group-word
    step decides those), a state, polity or place word ("the state", "the republic", "the
    capital"), or a noun followed by "of" or another noun or name. A possessor names the
    group too ("the commission's figures")."""
    n = len(doc)
    j = i + 1
    while j < n and j - i <= 2 and doc[j].pos_ == "ADJ" and j not in starts:
        j += 1
    if j >= n or j in starts or doc[j].tag_ != "NN":
        return None
    tok, w = doc[j], doc[j].lower_
    nxt = doc[j + 1] if j + 1 < n else None
    if (
        tok.dep_ in ("compound", "appos")
        or any(c.dep_ == "appos" for c in tok.children)
        or w in lex.group_words
        or w in lex.state_heads
        or w in lex.country_words
        or w in lex.polity_nouns
        or w in _place_nouns()  # "the capital's main square" is no firm named "X Capital"
        or (nxt is not None and (nxt.lower_ == "of" or nxt.pos_ in ("PROPN", "NOUN")))
    ):
        return None
    return j, [doc[k].lower_ for k in range(i + 1, j)]


def _place_nouns() -> frozenset[str]:
    from factions.text.gazetteer import load_words

    return load_words().place_nouns


def _named_by_head(
    word: str,
    modifiers: list[str],
    history: list[tuple[int, int, int, int]],
    entities: list[Entity],
    lex: Lexicon,
    kinds: Collection[ActorKind] | None = None,
    description: Token | None = None,
    tok_entity: dict[int, int] | None = None,
) -> int | None:
    """The group or body named before that a description names by its head noun, the
    latest if several (only one of ``kinds`` when given): "the company" after "the United
    Fruit Company", "the chamber" after "the Chamber of Deputies", "the junta" after "the
    military junta". Every modifier of the description must be a word of the name
    ("the military court" is not "the Constitutional Court"). A word of ``body_synonyms``
    names a government body or organisation by one of its synonyms ("the legislature" after
    "the Knesset").

    With the description's head token ``description`` (and ``tok_entity``, token -> entity):
    not a group that is another argument of the description's verb ("the Constitutional
    Court overturned the court's decision": another court), and none when an unnamed one of
    the kind comes between ("set up a commission of inquiry, and the commission's report").

    After the strict head match of Lee et al. (2013), "Deterministic coreference resolution
    based on entity-centric, precision-ranked rules", Computational Linguistics 39(4): head
    match with word inclusion; persons and states are never antecedents."""
    synonyms = set(lex.body_synonyms.get(word, ()))
    beside: set[int] = set()
    unnamed = -1  # the last unnamed one of the kind before the description
    if description is not None and tok_entity is not None:
        beside = _clause_arguments(description, tok_entity)
        unnamed = _last_unnamed(description, word)
    for tok_i, e, _, _ in reversed(history):
        if tok_i < unnamed:
            return None
        if e in beside:
            continue
        ent = entities[e]
        if ent.kind in (ActorKind.PERSON, ActorKind.STATE) or (
            kinds is not None and ent.kind not in kinds
        ):
            continue
        words = [w for w in _name_words(ent.name) if w != "the"]
        if not words or not set(modifiers) <= set(words):
            continue
        head = _name_head(words, lex)
        if len(words) > 1 and head == word:
            return e
        if head in synonyms and ent.kind in (ActorKind.GOVERNMENT_BODY, ActorKind.ORGANIZATION):
            return e  # "the legislature": the Knesset (not a party, "the Congress")
    return None


def _clause_arguments(tok: Token, tok_entity: dict[int, int]) -> set[int]:
    """The entities named as the other arguments of the verb a noun phrase belongs to (its
    own possessor's noun, object of a preposition or argument climbed to the verb): "X met
    the president", "the president received X", "the Constitutional Court overturned the
    court's decision" (then the phrase names someone else)."""
    head = tok
    for _ in range(3):
        if head.dep_ in ("poss", "pobj", "prep") or head.pos_ in ("NOUN", "PROPN"):
            if head.head.i == head.i:
                break
            head = head.head
        if head.pos_ in ("VERB", "AUX"):
            break
    if head.pos_ not in ("VERB", "AUX"):
        return set()
    out = set()
    for a in head.children:
        for t in (a, *(a.children if a.dep_ in ("prep", "agent") else ())):
            if t.i != tok.i and t.i in tok_entity and not (tok.left_edge.i <= t.i <= tok.i):
                out.add(tok_entity[t.i])
    return out


def _indefinites(doc: Doc) -> dict[str, list[int]]:
    """The indefinite nouns of ``doc`` ("a commission"), by their lower-case word: not one
    that describes a named one (an apposition, an attribute, "as a court")."""
    index: dict[str, list[int]] = {}
    for t in doc:
        if (
            t.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in t.children)
            and t.dep_ not in ("appos", "attr", "oprd")
            and not (t.dep_ == "pobj" and t.head.lower_ == "as")
        ):
            index.setdefault(t.lower_, []).append(t.i)
    return index


def _last_unnamed(description: Token, word: str) -> int:
    """The token of the last indefinite "a/an <word>" before the description ("set up a
    commission of inquiry"), or -1: an unnamed one the description may name. Not one that
    describes a named one ("the Guardian Council, a council of clerics", "set up as a
    court", "X is a commission"). The document's indefinites are indexed once."""
    found = memo(description.doc, "indefinites", _indefinites).get(word, [])
    k = bisect.bisect_left(found, description.i)
    return found[k - 1] if k else -1


def _match_org(
    text: str, words: list[str], orgs: list[int], entities: list[Entity], lex: Lexicon
) -> int | None:
    clean = text.strip()
    fits: list[int] = []
    short: list[int] = []  # names it fits only as their shorter form, a qualifier dropped
    for idx in orgs:
        ent = entities[idx]
        if ent.kind == ActorKind.PERSON:
            continue
        if clean.isupper() and 2 <= len(clean) <= 6 and _initials(ent.name) == clean:
            fits.append(idx)
            continue
        # a reference actor by the names the text uses too ("Centre Party" for the party
        # Party Facts lists as "Agrarian Union"; not its acronym: "the UPND Alliance" is not
        # the UPND), its listed name without a subtitle after a dash ("Order and Justice –
        # Liberal Democratic Party": not the Liberal Movement)
        names = [_SUBTITLE.split(ent.name)[0], *(w for w in ent.written if not w.isupper())]
        names = [_name_words(n) for n in dict.fromkeys(names)]
        if any(_org_name_fits(words, n, lex) for n in names):
            fits.append(idx)
        elif any(_org_name_fits(words, n, lex, short_form=True) for n in names):
            short.append(idx)
    if len(set(fits)) == 1:
        return fits[0]
    # "the Socialist Party" after "the United Socialist Party": the shorter form of the one
    # name it can shorten, unless it fits another name as it stands
    return short[0] if not fits and len(set(short)) == 1 else None


def _org_name_fits(
    words: list[str], other: list[str], lex: Lexicon, short_form: bool = False
) -> bool:
    """Whether a group's name ``words`` names the group named ``other``: the same core
    words, one's a subset of the other's, or a members' plural ("the Socialists" names the
    Socialist Party, and only it); never when their words of group type differ
    (``name_type_words``), nor when one adds a word of ``name_qualifiers`` before its type
    word ("Liberal Democratic Party" / "Liberal Party": :func:`_qualifies`). With
    ``short_form`` (asked only when no name fits as it stands), ``words`` may be a shorter
    form that drops such a word and others at either end ("the Socialist Party" for the
    United Socialist Party of Venezuela named before)."""
    if _body_of(words, lex) - set(other) or _body_of(other, lex) - set(words):
        return False  # "the Army of X" is X's army, not X
    types = {_singular(w) for w in words if w in lex.name_type_words}
    otypes = {_singular(w) for w in other if w in lex.name_type_words}
    if types and otypes and not types & otypes:
        return False  # "the National Front" is not "the National Party"
    short_form = short_form and bool(types and otypes)  # a shorter form keeps the type word
    if (
        types
        and otypes
        and (_qualifies(words, other, lex) or (not short_form and _qualifies(other, words, lex)))
    ):
        return False  # "the Liberal Democratic Party" is not "the Liberal Party"
    core = [_singular(w) for w in words if w not in lex.generic_name_words]
    ocore = [_singular(w) for w in other if w not in lex.generic_name_words]
    if _offshoot(core, ocore) or _offshoot(ocore, core):
        return False  # "the X Military Junta" / "the X Youth League" is not X
    plural, oplural = _plural_of(words, core, ocore), _plural_of(other, ocore, core)
    if plural is not None or oplural is not None:
        return bool(plural or oplural)  # "the Liberal Democrats" is not "the Liberal Party"
    if core and ocore and (set(core) <= set(ocore) or set(ocore) <= set(core)):
        ends = core[-1] == ocore[-1] or core[0] == ocore[0]
        if ends or min(len(core), len(ocore)) >= 2 or short_form:
            return True
    return False


def _plural_of(words: list[str], core: list[str], ocore: list[str]) -> bool | None:
    """None unless ``words`` is one or two core words, the last written as a plural ("the
    Socialists", "the Social Democrats"; also a name that merely ends in "s", "Hamas",
    which then fits what its own words fit); else whether it names the group of core words
    ``ocore``: "the Social Democrats" the Social Democratic Party ("Democrat" + "ic", as
    :func:`factions.text.mentions._members_plural` finds such plurals), "the Socialists"
    the Socialist Party, never the Social Party."""
    bare = [w for w in words if w != "the"]
    if not 1 <= len(core) <= 2 or len(bare) != len(core) or bare[-1] == core[-1]:
        return None  # not all core words ("Chamber of Deputies"), or no plural at the end
    last = core[-1]
    return all(w in ocore for w in core[:-1]) and (last in ocore or f"{last}ic" in ocore)


# --- references ------------------------------------------------------------------------


def _listed_entities(prep: Token, tok_entity: dict[int, int]) -> list[int]:
    """Distinct named entities in the object of "between" / "among" ``prep``, in order."""
    out: list[int] = []
    for p in prep.children:
        if p.dep_ == "pobj":
            for t in p.subtree:
                e = tok_entity.get(t.i, -1)
                if e >= 0 and e not in out:
                    out.append(e)
    return out


def _parties_phrase(doc: Doc, i: int, lex: Lexicon) -> int | None:
    """Head token of "all parties", "both sides", "the two / warring parties" starting at
    ``i``, else None."""
    low = doc[i].lower_
    n = len(doc)
    if low in ("all", "both") and i + 1 < n and doc[i + 1].lower_ in lex.party_nouns:
        return i + 1
    if (
        low == "the"
        and i + 2 < n
        and doc[i + 1].lower_ in lex.party_noun_modifiers
        and doc[i + 2].lower_ in lex.party_nouns
    ):
        return i + 2
    return None


def _office(t: Token, lex: Lexicon) -> str | None:
    """The office a noun names with its title words ("prime minister"), or None."""
    if t.tag_ != "NN" or t.lower_ not in lex.title_words:
        return None
    words = [c for c in t.children if c.dep_ in ("amod", "compound") and c.i < t.i]
    words = [c for c in words if c.lower_ in lex.title_words]
    return " ".join([*(c.lower_ for c in words), t.lower_])


def _stated_title(doc: Doc, m: Mention, lex: Lexicon) -> str | None:
    """A person's office stated next to their name rather than before it, so that "the
    president" can refer to them later: "X, the prime minister", "X became prime minister",
    "X was elected president", "X took office as president", "X, who had been president
    since 1999" (what the clause says its subject is: :func:`subject_complements`; not "X,
    who was never elected governor", not "X appointed Y prime minister"), or by its tenure
    (:func:`_tenure_title`)."""
    head = doc[m.start : m.end].root
    for c in head.children:
        if c.dep_ == "appos" and (title := _office(c, lex)):
            return title  # "X, the prime minister"
    return _clause_title(head, lex) or _tenure_title(head, lex)


def _clause_title(head: Token, lex: Lexicon, gained: bool = False) -> str | None:
    """The office a clause says a name's person (``head``: the name's root) is or became,
    the clause's or a relative's ("X, who had been president": the relative's subject stands
    for X); with ``gained``, only one they became ("X was elected president", not "X is
    president" or "X remained premier")."""
    who = [
        g
        for c in head.children
        if c.dep_ == "relcl"
        for g in c.children
        if g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "that")
    ]
    for subject in (*who, head):
        if gained and (
            subject.dep_ not in ("nsubj", "nsubjpass")
            or subject.head.lemma_.lower() in ("be", "remain")
        ):
            continue
        for o in subject_complements(subject, lex):
            if (title := _office(o, lex)) and not _of_another(o, lex):
                return title
    return None


def stated_genders(doc: Doc, mentions: Sequence[Mention], lex: Lexicon) -> dict[int, str]:
    """Each person entity's gender where the text states it with a name (``person_genders``):
    a word before the name or opening it ("Mrs X", "Queen X", "the businesswoman X"), an
    apposition ("X, a congresswoman and the daughter of Y") or what a clause says X is or
    became ("X became queen"). An entity given both genders gets none.

    Gender agreement as a filter on pronoun antecedents, as in Lappin & Leass (1994), "An
    algorithm for pronominal anaphora resolution", Computational Linguistics 20(4), with the
    gender read from the text itself rather than from a list of names."""
    person_at = {
        i: m.entity
        for m in mentions
        if m.kind == ActorKind.PERSON and m.entity >= 0
        for i in range(m.start, m.end)
    }
    said: dict[int, set[str]] = {}
    for m in mentions:
        if m.kind != ActorKind.PERSON or m.entity < 0:
            continue
        head = doc[m.start : m.end].root
        words = [doc[m.start]] + ([doc[m.start - 1]] if m.start > 0 else [])
        for c in head.children:  # not "X, his daughter Y": the noun is Y's
            if c.dep_ == "appos" and all(
                person_at.get(t.i, m.entity) == m.entity for t in c.subtree
            ):
                words += [c, *(g for g in c.children if g.dep_ == "conj")]
        words += subject_complements(head, lex)
        for w in words:
            if (g := lex.person_genders.get(w.lower_)) and w.pos_ != "PRON":
                said.setdefault(m.entity, set()).add(g)
    return {e: next(iter(gs)) for e, gs in said.items() if len(gs) == 1}


def _other_gender_subject(tok: Token, said: str | None, lex: Lexicon) -> bool:
    """Whether the subject of a pronoun's clause is itself a pronoun of the other gender
    ("she declined to endorse his brother": "his" is not hers)."""
    for c in _clause_subjects(tok):
        if c.pos_ == "PRON":
            g = lex.person_genders.get(c.lower_)
            return said is not None and g is not None and g != said
    return False


def _verb_subjects(verb: Token) -> list[Token]:
    """The subject of a verb, or of the clause a participle or conjunct hangs on
    ("X was re-elected, defeating Y": X)."""
    t = verb
    for _ in range(3):
        subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj or t.dep_ not in ("advcl", "xcomp", "conj") or t.head.i == t.i:
            return subj
        t = t.head
    return []


def _election_winners(
    doc: Doc, tok_entity: dict[int, int], entities: Sequence[Entity], lex: Lexicon
) -> list[tuple[int, int, str | None]]:
    """(token, person entity, office or None) for each win the text states, in order: the
    subject of "won" an election ("won the presidential runoff": the office, from
    ``office_tenures``), the subject of "defeated" or "beat" a person, or the agent of its
    passive ("was defeated by X"; ``victory_verbs``; "beat the incumbent" too), the one
    an authority declared the winner ("declared X elected", ``winner_declaring_verbs``),
    the one lost to ("lost the runoff to X"), the subject of "was elected" or "was sworn
    in" with no office named (which :func:`_gained_title` reads), and the possessor of a
    victory ("X's victory",
    ``victory_nouns``). Not a negated win, nor one of a lesser election ("won the party
    primary", "the regional election": ``minor_election_words``)."""
    out: list[tuple[int, int, str | None]] = []

    def person(t: Token) -> int | None:
        e = _subject_entity(t, tok_entity)  # "X, who was elected"
        return e if e is not None and entities[e].kind == ActorKind.PERSON else None

    def minor(noun: Token) -> bool:
        return any(c.lemma_.lower() in lex.minor_election_words for c in noun.children)

    for tok in doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in lex.victory_nouns:
            for c in tok.children:
                if c.dep_ == "poss" and (e := person(c)) is not None:
                    out.append((tok.i, e, None))  # "X's victory"
            continue
        if tok.pos_ not in ("VERB", "AUX") or has_negation(tok):
            continue
        kids = list(tok.children)
        objects = [c for c in kids if c.dep_ == "dobj"]
        found: list[Token] = []
        office = None
        if lemma in lex.office_winning_verbs:
            won = [o for o in objects if o.lemma_.lower() in lex.election_nouns and not minor(o)]
            if won:
                found = [c for c in _verb_subjects(tok) if c.dep_ == "nsubj"]
                office = next(
                    (lex.office_tenures[a.lower_] for a in won[0].children
                     if a.lower_ in lex.office_tenures),
                    None,
                )  # fmt: skip
        elif lemma in lex.victory_verbs:
            if any(  # "defeated Y in the senate race": a lesser election
                minor(o) for c in kids if c.dep_ == "prep" and c.lower_ == "in" for o in c.children
            ):
                continue
            if any(c.dep_ == "nsubjpass" for c in kids):  # "X was defeated by Y": Y
                found = [o for c in kids if c.dep_ == "agent" for o in c.children]
            elif any(
                person(o) is not None
                or o.lower_ in lex.person_pronouns
                or o.lemma_.lower() in lex.defeated_role_nouns
                for o in objects
            ):  # "defeated Y", "beat the incumbent"
                found = [c for c in _verb_subjects(tok) if c.dep_ == "nsubj"]
        elif lemma in lex.winner_declaring_verbs:  # "declared X elected", "... the winner"
            for c in kids:
                if c.dep_ == "ccomp" and c.lemma_.lower() == "elect":
                    found += [g for g in c.children if g.dep_ in ("nsubj", "nsubjpass")]
            for o in objects:
                if any(
                    g.dep_ in ("appos", "oprd", "attr", "xcomp")
                    and (
                        g.lemma_.lower() in lex.office_winning_nouns or g.lemma_.lower() == "elect"
                    )
                    for g in (*o.children, *kids)
                ):
                    found.append(o)
        elif lemma == "lose" and any(  # "X lost the runoff to Y": Y (not "lost his seat")
            (o.lemma_.lower() in lex.election_nouns or o.lower_ in lex.office_tenures)
            and not minor(o)
            for o in objects
        ):
            found = [
                o
                for c in kids
                if c.dep_ in ("prep", "dative") and c.lower_ == "to"
                for o in c.children
            ]
        elif (
            lemma in ("elect", "swear")
            and not objects
            and not any(
                c.dep_ in ("attr", "oprd") or (c.dep_ == "prep" and c.lower_ == "as") for c in kids
            )
        ):
            found = [c for c in kids if c.dep_ == "nsubjpass"]
        out += [(tok.i, e, office) for c in found if (e := person(c)) is not None]
    return out


def _phrasal_lemma(verb: Token) -> str:
    """A verb's lemma with its particle, which makes another verb ("stepped down", "rules
    out")."""
    lemma = verb.lemma_.lower()
    if lemma == "step" and any(c.lower_ == "down" for c in verb.children):
        return "step down"  # whether parsed as a particle or an adverb
    prt = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return f"{lemma} {prt}" if prt else lemma


def _subject_entity(subject: Token, tok_entity: dict[int, int]) -> int | None:
    """The entity a subject names, through a relative pronoun to the noun it hangs on ("X,
    who was elected": X)."""
    e = tok_entity.get(subject.i)
    if e is None and subject.lower_ in ("who", "that") and subject.head.dep_ == "relcl":
        e = tok_entity.get(subject.head.head.i)
    return e


def _office_leavers(
    doc: Doc, tok_entity: dict[int, int], entities: Sequence[Entity], lex: Lexicon
) -> list[tuple[int, int]]:
    """(token, person entity) for each person the text says left or lost an office, in
    order: the subject of "resigned", "stepped down" (``office_leaving_verbs``), the subject
    of the passive of "ousted", "deposed", "impeached" or the object of the active
    (``office_removing_verbs``): whom "the former president" names when no one was named as
    president. Not one who left a post the clause names ("resigned his seat", "was
    dismissed from his teaching post", "ousted as party whip")."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.pos_ != "VERB" or has_negation(tok):
            continue
        kids = list(tok.children)
        lemma = _phrasal_lemma(tok)
        if any(
            c.dep_ == "prep"
            and c.lower_ in ("as", "from")
            and not any(
                o.lemma_.lower() in lex.power_nouns or o.lower_ in lex.office_tenures
                for o in c.children
            )
            for c in kids
        ):
            continue  # the post left is named ("dismissed from his teaching post"), not
            # power or an office ("removed from power", "ousted from the presidency")
        if lemma in lex.office_leaving_verbs and not any(c.dep_ == "dobj" for c in kids):
            deps: tuple[str, ...] = ("nsubj",)
        elif lemma in lex.office_removing_verbs:
            deps = ("nsubjpass", "dobj")
        else:
            continue
        for c in kids:
            e = tok_entity.get(c.i) if c.dep_ in deps else None
            if e is not None and entities[e].kind == ActorKind.PERSON:
                out.append((tok.i, e))
    return out


def _state_rulers(
    doc: Doc,
    tok_entity: dict[int, int],
    entities: Sequence[Entity],
    lex: Lexicon,
    home_state: int | None,
) -> list[tuple[int, int]]:
    """(token, person entity) for each person the text says rules its own state
    (``home_state``) or took power, in order: the subject of "ruled" or "governed" that
    state or "the country" (``state_ruling_verbs``, ``country_words``; "X, who ruled the
    Gambia"), of "took power" (``power_taking_verbs`` with a ``taken_power_nouns`` object)
    and of "came to power" or "returned to power" (``power_reaching_verbs``). Not a negated
    clause, not a rule that ended ("ruled until his death", "from 1967 to 2009"), not one
    only tried or planned ("tried to take power": the verb's own subject only), not a
    foreign state ("X, who ruled Chad" in a text about Sudan), not a post the clause names
    ("took office as mayor") nor power in a body ("took power in the party"): whom "the
    president" names when no one is named with the office."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        if tok.pos_ != "VERB" or has_negation(tok):
            continue
        lemma = tok.lemma_.lower()
        kids = list(tok.children)
        objects = [c for c in kids if c.dep_ == "dobj"]
        if any(_bounds_a_post(c, lex) for c in kids):
            continue
        if lemma in lex.state_ruling_verbs:
            ruled = any(
                (home_state is not None and tok_entity.get(o.i) == home_state)
                or (o.lower_ in lex.country_words and any(d.lower_ == "the" for d in o.children))
                for o in objects
            )
        elif lemma in lex.power_taking_verbs:
            ruled = any(o.lower_ in lex.taken_power_nouns for o in objects)
        elif lemma in lex.power_reaching_verbs:
            ruled = any(
                c.dep_ == "prep"
                and c.lower_ == "to"
                and any(o.lower_ in lex.taken_power_nouns for o in c.children)
                for c in kids
            )
        else:
            continue
        if not ruled:
            continue
        subjects = [c for c in kids if c.dep_ == "nsubj"]
        if not subjects and tok.dep_ == "conj":  # "X seized power and ruled the country"
            subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]
        for c in subjects:
            e = _subject_entity(c, tok_entity)  # "X, who ruled the country"
            if e is not None and entities[e].kind == ActorKind.PERSON:
                out.append((tok.i, e))
    return out


def _ruler(
    rulers: Sequence[tuple[int, int]], i: int, excluded: Collection[int], arguments: set[int]
) -> int | None:
    """The last person said to rule the state (:func:`_state_rulers`) before token ``i``,
    unless they hold another stated office or role (``excluded``: "Mayor X took office"),
    or take part in the clause of the office phrase ("X, who ruled the country, criticised
    the president": another president)."""
    for t, e in reversed(rulers):
        if t < i:
            return None if e in excluded or e in arguments else e
    return None


def _ruling_description(tok: Token, lex: Lexicon) -> bool:
    """Whether ``tok`` heads "the ruling party", "the governing coalition", "the former
    ruling party": a singular ``ruling_group_nouns`` noun with a ``ruling_adjectives``
    modifier and no name in its phrase ("the ruling Congress party" is named)."""
    if tok.lower_ not in lex.ruling_group_nouns or not _singular_common_noun(tok):
        return False
    mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod")]
    return any(c.lower_ in lex.ruling_adjectives for c in mods) and not any(
        c.pos_ == "PROPN" for c in mods
    )


def _ruling_groups(
    doc: Doc, tok_entity: dict[int, int], entities: Sequence[Entity], lex: Lexicon
) -> list[tuple[int, int]]:
    """(token, group entity) for each group the text says rules, in order: "the ruling X",
    "the governing X coalition" (a ``ruling_adjectives`` word before its name); "X, the
    ruling party" (in apposition) or "X is the ruling party"; the subject of "governed" or
    "ruled" (``state_ruling_verbs``: "X, which has governed since 1975"), of "came to
    power" or "returned to power" (``power_reaching_verbs``), and the object of "returned X
    to power"; "X, in power since independence"; "years of rule by X" (``rule_nouns``). Not
    a negated clause. Groups only, of ``ruling_group_kinds``: whom "the ruling party"
    names."""

    def group(t: Token) -> int | None:
        e = tok_entity.get(t.i)
        if e is None:
            return None
        kind = entities[e].kind
        return e if _kind_value(kind) in lex.ruling_group_kinds else None

    def to_power(t: Token) -> bool:  # "to power", "in power"
        return any(o.lower_ in lex.taken_power_nouns for o in t.children if o.dep_ == "pobj")

    out: list[tuple[int, int]] = []
    for tok in doc:
        e = group(tok)
        if e is not None and tok.i > 0 and doc[tok.i - 1].lower_ in lex.ruling_adjectives:
            out.append((tok.i, e))  # "the ruling X" (the word before the name)
            continue
        if not (
            tok.pos_ in ("VERB", "AUX", "NOUN")
            or tok.lower_ in lex.ruling_group_nouns
            or (tok.dep_ == "prep" and tok.lower_ == "in")
        ):
            continue  # none of the readings below can start from this word
        if has_negation(tok):
            continue
        lemma = _phrasal_lemma(tok) if tok.pos_ in ("VERB", "AUX") else tok.lemma_.lower()
        kids = list(tok.children)
        found: list[Token] = []
        if _ruling_description(tok, lex):
            if tok.dep_ == "appos":
                found.append(tok.head)
            found += [c for c in kids if c.dep_ == "appos"]
            if tok.dep_ == "attr" and tok.head.lemma_ == "be":
                found += [c for c in tok.head.children if c.dep_ == "nsubj"]
        elif (
            tok.pos_ in ("VERB", "AUX")
            and (
                lemma in lex.state_ruling_verbs
                or (
                    lemma in lex.power_reaching_verbs
                    and any(c.dep_ == "prep" and c.lower_ == "to" and to_power(c) for c in kids)
                )
            )
            and not _rule_ended_or_unrealised(tok, lex)
        ):
            subjects = [c for c in kids if c.dep_ == "nsubj"]
            if tok.dep_ == "relcl" and any(
                c.tag_ in ("WDT", "WP") or c.lower_ == "that" for c in subjects
            ):
                subjects = [tok.head]  # "X, which has governed since 1975"
                if tok.head.dep_ == "appos":  # "X, the coalition that had governed since 1957"
                    subjects.append(tok.head.head)
            found += subjects
            if lemma in lex.power_reaching_verbs:  # "returned X to power"
                found += [c for c in kids if c.dep_ == "dobj"]
        elif tok.dep_ == "prep" and tok.lower_ == "in" and to_power(tok):
            found.append(tok.head)  # "X, in power since independence"
            if tok.i > 1 and doc[tok.i - 1].text == ",":  # set off after X, parsed on the verb
                found.append(doc[tok.i - 2])
        elif tok.pos_ == "NOUN" and lemma in lex.rule_nouns:
            by = [c for c in kids if c.dep_ == "prep" and c.lower_ == "by"]
            if not by and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "by":
                by = [doc[tok.i + 1]]  # "years of rule by X", "by" parsed as the verb's agent
            found += [o for c in by for o in c.children if o.dep_ == "pobj"]
        if (
            tok.pos_ == "NOUN"
            and lemma in lex.ruled_body_nouns
            and not any(  # not "the X shadow cabinet", "the former X government"
                c.lower_ in lex.non_ruling_government_words or c.lower_ in lex.past_markers
                for c in kids
                if c.dep_ in ("amod", "compound")
            )
        ):
            found += [  # a party's or coalition's, never a name of no kind ("the X cabinet")
                c
                for c in kids
                if c.dep_ in ("compound", "poss")
                and c.i < tok.i
                and c.i in tok_entity
                and entities[tok_entity[c.i]].kind in (ActorKind.PARTY, ActorKind.COALITION)
            ]
        found += [c for t in found for c in t.conjuncts]  # "rule by X and the Y party"
        for t in found:
            g = group(t)
            if g is not None:
                out.append((tok.i, g))
    return sorted(set(out))


def _ruling_group(ruling: Sequence[tuple[int, int]], i: int) -> int | None:
    """The group "the ruling party" headed by token ``i`` names (:func:`_ruling_groups`):
    the one the text said rules last up to it ("X, the ruling party": X), else the only one
    it says rules at all; none when that statement names several ("X and Y, which rule
    together": the ruling coalition is neither)."""
    before = [t for t, _ in ruling if t <= i]
    if before:
        last = {e for t, e in ruling if t == before[-1]}
        return next(iter(last)) if len(last) == 1 else None
    return ruling[0][1] if len({e for _, e in ruling}) == 1 else None


def _rule_ended_or_unrealised(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb of ruling speaks of a rule that ended ("ruled until 1990", "ruled
    from 1967 to 2009", "governed for decades before it lost power") or one not held
    ("would govern", "will rule"): its subject is not who rules now."""
    for c in verb.children:
        if _bounds_a_post(c, lex) and c.lower_ != "in":
            return True
        if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ in ("before", "until", "till") for m in c.children
        ):
            return True
        if c.dep_ == "aux" and (
            c.lower_ in lex.modal_verbs or c.lemma_.lower() in ("will", "shall")
        ):
            return True
    return False


def _bounds_a_post(prep: Token, lex: Lexicon) -> bool:
    """Whether a verb's preposition names the post or bounds the time of a rule, so that
    its subject is not who rules now: "took office as mayor", "took power in the party",
    "ruled until his death", "ruled from 1967 to 2009"."""
    if prep.dep_ != "prep":
        return False
    low = prep.lower_
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    if low == "as" or low in ("until", "till"):
        return True
    if low in ("in", "within"):
        return any(o.ent_type_ == "ORG" or o.lower_ in lex.group_words for o in objects)
    return low == "to" and any(o.like_num or o.ent_type_ == "DATE" for o in objects)


def _gained_title(doc: Doc, m: Mention, lex: Lexicon) -> str | None:
    """The office a person won or took up as the text says it ("X was elected president",
    "X became prime minister", "X was sworn in as president", "X won the presidency";
    not "X is president", "X remained premier"): what "the new president" names."""
    head = doc[m.start : m.end].root
    return _clause_title(head, lex, gained=True) or _tenure_title(head, lex)


def _stated_role(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """Whether a person's occupation is stated in apposition to their name ("X, a
    journalist"): then they are not who "the president" names."""
    if m.kind != ActorKind.PERSON:
        return False
    head = doc[m.start : m.end].root
    return any(
        c.dep_ == "appos" and c.lemma_.lower() in (lex.person_nouns | lex.person_descriptions)
        for c in head.children
    )


def _tenure_title(head: Token, lex: Lexicon) -> str | None:
    """A person's office stated by its tenure, its winning or its taking up (``head``: the
    root of the person's name): "X's presidency", "X won the presidency", "X won the
    presidential election", "X was declared the winner of the presidential election", "X,
    a career officer elected president" (the words:
    ``office_tenures``, ``office_winning_verbs`` / ``_nouns``, ``election_nouns``). Not
    another body's office ("X's presidency of the party", "president of the federation"),
    not a negated winning, not a winner someone else declared."""
    if head.dep_ == "poss" and head.head.pos_ == "NOUN" and not _of_another(head.head, lex):
        if title := lex.office_tenures.get(head.head.lower_):
            return title  # "X's thirty-year presidency"
    for c in head.children:  # "X, a career officer elected president of Guatemala"
        if c.dep_ in ("appos", "acl"):
            for v in (c, *c.children):
                if v.dep_ == "acl" and v.lemma_.lower() in lex.title_verbs:
                    for g in v.children:
                        if g.dep_ in ("attr", "oprd") and (title := _office(g, lex)):
                            if not _of_another(g, lex):
                                return title
    if title := _declared_title(head, lex):
        return title
    if head.dep_ not in ("nsubj", "nsubjpass") or has_negation(head.head):
        return None
    verb = head.head
    won: list[Token] = []
    if verb.lemma_.lower() in lex.office_winning_verbs:
        won = [g for g in verb.children if g.dep_ == "dobj"]
    else:
        # "X was declared the winner": the parser may make the passive's predicate its
        # object; an active one's object is another winner ("X declared Y the winner")
        passive = head.dep_ == "nsubjpass"
        if passive or not any(g.dep_ == "dobj" for g in verb.children):
            for g in verb.children:
                if (
                    g.dep_ in ("attr", "oprd") or (passive and g.dep_ == "dobj")
                ) and g.lemma_.lower() in lex.office_winning_nouns:
                    won += [o for p in g.children if p.lower_ == "of" for o in p.children]
    for g in won:  # the presidency, or the presidential election
        if _of_another(g, lex):
            continue
        if title := lex.office_tenures.get(g.lower_):
            return title
        if g.lower_ in lex.election_nouns:
            for a in g.children:
                if a.dep_ == "amod" and (title := lex.office_tenures.get(a.lower_)):
                    return title
    return None


def _declared_title(head: Token, lex: Lexicon) -> str | None:
    """The office of "declared X president-elect", "proclaimed X president" when the parser
    ran the name and the office into one noun phrase (``head``, the root of the name, a
    compound of the office noun) that is the object of a ``winner_declaring_verbs`` verb."""
    title = None
    n = head
    while n.dep_ == "compound" and n.head.i > n.i:
        n = n.head
        title = title or _office(n, lex)
    for c in n.children:  # "Valen president-elect": "president" beside the name
        if title is None and c.dep_ == "compound" and c.i > head.i:
            title = _office(c, lex)
    verb = n.head
    if (
        title
        and n.dep_ in ("dobj", "ccomp", "oprd", "xcomp")
        and verb.lemma_.lower() in lex.winner_declaring_verbs
        and not has_negation(verb)
        and not _of_another(n, lex)
    ):
        return title
    return None


def _of_another(office: Token, lex: Lexicon) -> bool:
    """Whether an office noun is another body's: "of" anything but a state or the polity
    ("presidency of the party", "president of the football federation", "president of the
    Senate"; "president of Uruguay" and "president of the republic" are the state's)."""
    return any(
        o.dep_ == "pobj"
        and o.pos_ in ("NOUN", "PROPN")
        and o.ent_type_ not in ("GPE", "DATE")  # "the presidential election of 2012"
        and not (o.lower_ in lex.polity_nouns and not any(c.dep_ == "compound" for c in o.children))
        for p in office.children
        if p.dep_ == "prep" and p.lower_ == "of"
        for o in p.children
    )


def _stated_former(doc: Doc, m: Mention, lex: Lexicon, title: str) -> bool:
    """The office ``title`` stated next to a name as a past one: "X, a former Venstre prime
    minister" (not "Prime Minister X, a former general": another office)."""
    head = doc[m.start : m.end].root
    return any(
        c.dep_ == "appos"
        and _office(c, lex) == title
        and any(g.i < c.i and g.lower_ in lex.former_office_adjectives for g in c.children)
        for c in head.children
    )


def _left_as(doc: Doc, m: Mention, lex: Lexicon, title: str) -> bool:
    """Whether the clause of a person's name says they left the office ``title``: "X
    resigned as prime minister", "X stepped down as president" (``office_leaving_verbs``),
    "X was ousted as premier" (``office_removing_verbs``): the office stated is a past one."""
    head = doc[m.start : m.end].root
    verb = head.head
    if has_negation(verb):
        return False
    lemma = _phrasal_lemma(verb)
    left = (head.dep_ == "nsubj" and lemma in lex.office_leaving_verbs) or (
        head.dep_ == "nsubjpass" and lemma in lex.office_removing_verbs
    )
    return left and any(
        c.dep_ == "prep" and c.lower_ == "as" and any(_office(o, lex) == title for o in c.children)
        for c in verb.children
    )


def _is_subject(tok: Token) -> int:
    """0 when not a subject; 1 for a subject; 2 for the subject of the main clause."""
    for c in tok.children:
        if c.dep_ == "relcl" and any(
            g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in ("who", "which") for g in c.children
        ):
            return 1
    t = tok
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return 2 if t.head.dep_ == "ROOT" else 1
        if (
            t.dep_ in ("compound", "poss", "amod", "det", "appos", "conj", "flat")
            and t.head.i != t.i
        ):
            t = t.head
            continue
        return 0
    return 0


def _containing_entities(tok: Token, tok_entity: dict[int, int]) -> set[int]:
    """Entities named by a noun phrase that holds ``tok`` inside it: "Saïd Bouteflika, the
    former president's brother" (the appositive holds "the former president", which so
    cannot be Saïd), "X, the brother and adviser of the president".

    The i-within-i constraint of Chomsky (1981), *Lectures on Government and Binding*, as
    the coreference filter of Lee et al. (2013), "Deterministic coreference resolution based
    on entity-centric, precision-ranked rules", Computational Linguistics 39(4): a mention
    never corefers with a mention that contains it. The walk climbs the noun phrase only
    (possessors, prepositional objects, compounds, appositions, and through coordinations,
    whose first conjunct does not contain the others) and stops at a verb. A description's
    own conjunct is another ("Halabi and the president": two people), but a conjunct does
    not contain what a later conjunct holds ("Halabi and the president's allies")."""
    found: set[int] = set()
    t = tok
    for _ in range(8):
        if t.head.i == t.i or t.dep_ not in _NP_INNER_DEPS:
            break
        if t.dep_ == "appos" and t.head.i in tok_entity:
            found.add(tok_entity[t.head.i])
        coordinated = t.dep_ in ("conj", "cc") and t.i != tok.i
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            break
        if t.i in tok_entity and not coordinated:
            found.add(tok_entity[t.i])
    return found


_NP_INNER_DEPS = frozenset({"poss", "pobj", "prep", "compound", "nmod", "appos", "conj", "cc"})


def _clause_subjects(tok: Token) -> Iterator[Token]:
    """The subjects of the verbs above ``tok``, nearest first, climbing out of complements,
    conjuncts, adverbial clauses and prepositions (at most six steps)."""
    t = tok
    for _ in range(6):
        if t.pos_ in ("VERB", "AUX"):
            yield from (c for c in t.children if c.dep_ in ("nsubj", "nsubjpass"))
            if t.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep"):
                return
        if t.head.i == t.i:
            return
        t = t.head


def _clause_subject_entities(tok: Token, tok_entity: dict[int, int]) -> set[int]:
    """Entities that are the subject of the clause holding ``tok`` (the name in apposition
    to a subject that names none: "the Azuri leader, X, charged him": X)."""
    for c in _clause_subjects(tok):
        e = tok_entity.get(c.i)
        if e is None and c.lower_ in ("who", "which", "that") and c.head.dep_ == "relcl":
            e = tok_entity.get(c.head.head.i)
        if e is None:
            e = next(
                (tok_entity[g.i] for g in c.children if g.dep_ == "appos" and g.i in tok_entity),
                None,
            )
        if e is not None:
            return {e}
    return set()


def resolve_references(
    doc: Doc,
    mentions: list[Mention],
    entities: list[Entity],
    lex: Lexicon,
    pairs: dict[int, tuple[int, ...]] | None = None,
    countries: dict[int, int] | None = None,
) -> list[Mention]:
    """Add mentions for pronouns, "the latter/former", titles and descriptions.

    Returns the new mentions (already linked to entities); ``mentions`` is not changed.
    ``pairs`` (if given) receives token -> (entity, ...) for "the two men", "all parties".
    ``countries`` (:func:`party_states`) maps a party to its country's state, so that a
    text's own parties tell which state it is about ("the government", "the country").
    """
    pairs = {} if pairs is None else pairs
    tok_entity: dict[int, int] = {}
    starts: dict[int, Mention] = {}
    for m in mentions:
        starts[m.start] = m
        for i in range(m.start, m.end):
            tok_entity[i] = m.entity
    stated = {  # a person's office as the text states it with their name ("Mr X, the
        # prime minister": the office, not the title of courtesy)
        m.start: title
        for m in mentions
        if (
            title := (m.title if m.title not in lex.honorifics else None)
            or (_stated_title(doc, m, lex) if m.kind == ActorKind.PERSON else None)
            or m.title
        )
    }
    titled = {  # an office or a stated role ("X, a journalist"); "Mr X" alone holds none
        m.entity
        for m in mentions
        if stated.get(m.start, "") not in ("", *lex.honorifics) or _stated_role(doc, m, lex)
    }
    salient = _salient_holder(mentions, entities, titled)
    gender = stated_genders(doc, mentions, lex)  # entity -> "female" / "male", as the text says
    title_holders: dict[str, list[int]] = {}  # office -> the people named with it, in order
    formers: set[tuple[int, str]] = set()  # (person, office) named as a former holder
    # ("former President X"; a former prime minister may be the president now)
    gained = {  # people the text says won or took up their office ("X was elected president",
        # "X formed a government")
        m.entity
        for m in mentions
        if m.kind == ActorKind.PERSON
        and (_gained_title(doc, m, lex) or _government_headship(doc, m, lex) == "formed")
    }
    heads_of_state = {  # a president's or a king's government is not a premier's
        m.entity
        for m in mentions
        if stated.get(m.start) in lex.office_synonyms.get("head of state", ())
    }
    heads: list[int] = []  # people named as a government's head ("X's cabinet"), in order
    forming: list[int] = []  # people who formed or were asked to form a government
    winners = _election_winners(doc, tok_entity, entities, lex)  # in text order
    leavers = _office_leavers(doc, tok_entity, entities, lex)
    countries = countries or {}
    home_state = _main_state(
        (m.entity for m in mentions if m.entity >= 0), entities, least=1, countries=countries
    )
    home = entities[home_state].name if home_state is not None else None  # the text's state
    rulers = _state_rulers(doc, tok_entity, entities, lex, home_state)
    ruling = _ruling_groups(doc, tok_entity, entities, lex)
    government_of: dict[str, int] = {}
    pair_cache: dict[str, tuple[int, list[int]]] = {}
    history: list[tuple[int, int, int, int]] = []  # (token, entity, sentence, subject)
    added: list[Mention] = []
    group_leaders = _named_group_leaders(doc, mentions, entities, lex)
    sent_of = {}
    for si, s in enumerate(doc.sents):
        for t in s:
            sent_of[t.i] = si

    def remember(tok_i: int, ent: int) -> None:
        history.append((tok_i, ent, sent_of.get(tok_i, 0), _is_subject(doc[tok_i])))

    @lru_cache(maxsize=1)
    def governing_coalition() -> bool:  # read once a document, when first asked
        return _governing_coalition(doc, entities, lex)

    def add(start: int, end: int, ent: int, label: str) -> None:
        added.append(_reference(doc, start, end, entities, ent, label))
        for i in range(start, end):
            tok_entity[i] = ent
        remember(end - 1, ent)

    last_list: list[int] = []  # [sentence, entities...] of the last "between X, Y and Z"
    i = 0
    n = len(doc)
    while i < n:
        m = starts.get(i)
        if m is not None:
            title = stated.get(m.start)
            if title:
                # "Costa Rican President X", "Mozambique's president X": another state's
                # office, which "the president" alone does not name
                key = title if not _foreign_office(doc, m, lex, home) else "abroad:" + title
                _named_holder(title_holders.setdefault(key, []), m.entity)
                if (
                    _named_former(doc, m, lex)
                    or _stated_former(doc, m, lex, title)
                    or _left_as(doc, m, lex, title)
                ):
                    formers.add((m.entity, key))
            headship = _government_headship(doc, m, lex)
            if headship and m.entity not in heads_of_state:
                # "X formed a government": X holds its head's offices, as "Prime Minister X"
                # would; "X's cabinet", "asked X to form one": X holds them when no one else
                # is named with them (``heads``); those who formed or were asked to form
                # one are who "the new premier" may name (``forming``)
                for office in lex.government_head_offices if headship == "formed" else ():
                    _named_holder(title_holders.setdefault(office, []), m.entity)
                if headship != "formed":
                    _named_holder(heads, m.entity)
                if headship != "named":
                    _named_holder(forming, m.entity)
            if m.extra.get("government"):
                government_of["last"] = m.entity
            if not m.extra.get("place") and not _pro_or_anti(doc, m.start):
                remember(m.end - 1, m.entity)
            if _leader_description(doc, m, entities, starts, lex):
                # "the Azuri leader", "the ODA chairman": the person the text names as the
                # group's leader (the most recent person is too often another's)
                ent = group_leaders.get(m.entity)
                if ent is not None:
                    add(m.end, m.end + 1, ent, "DESC")
                    i = m.end + 1
                    continue
            i = m.end
            continue
        tok = doc[i]
        low = tok.lower_
        cur_sent = sent_of.get(i, 0)
        # "the latter" / "the former"
        if low in ("latter", "former") and i > 0 and doc[i - 1].lower_ == "the":
            nxt = doc[i + 1] if i + 1 < n else None
            if nxt is None or (
                nxt.pos_ not in ("NOUN", "PROPN", "ADJ")
                and not (nxt.dep_ == "amod" and nxt.head.i > nxt.i)  # "the former ruling party"
            ):
                # the pair is fixed by the first "the latter/former" of a passage
                cached = pair_cache.get("pair")
                if cached is not None and cur_sent - cached[0] <= 1:
                    distinct = cached[1]
                else:
                    distinct = []
                    for _, e, s, _ in reversed(history):
                        if cur_sent - s > 1:
                            break
                        if e not in distinct:
                            distinct.append(e)
                        if len(distinct) == 2:
                            break
                    pair_cache["pair"] = (cur_sent, distinct)
                pick = 0 if low == "latter" else 1
                if len(distinct) > pick:
                    add(i - 1, i + 1, distinct[pick], "DESC")
                i += 1
                continue
        # offices alone: "the Prime Minister", "the ousted president", "the head of state"
        if low == "the" and i + 1 < n:
            office = _office_phrase(doc, i, lex)
            if office is not None:
                j, titles, former, new_holder, outgoing = office
                governing = any(t in lex.government_head_offices for t in titles)
                if outgoing:  # "the outgoing president": not the one who won it last
                    won = [e for t, e, w in winners if t < i and w in (None, *titles)]
                    new_ones = {*gained, *won[-1:]}
                    holder = _outgoing_holder(
                        titles, title_holders, formers, new_ones, heads if governing else ()
                    )
                    if holder is None and any(t in lex.salient_offices for t in titles):
                        holder = _ruler(  # "X, who ruled the country ... the outgoing president"
                            rulers, i, titled | new_ones, _clause_arguments(doc[j - 1], tok_entity)
                        )
                else:
                    holder = _office_holder(
                        titles, former, title_holders, formers, gained if new_holder else None,
                        heads if governing else (),
                    )  # fmt: skip
                if holder is None and new_holder and governing and forming:
                    holder = forming[-1]  # "asked X to form a government. The new premier"
                if (
                    holder is None
                    and not former
                    and not new_holder
                    and not outgoing
                    and any(t in lex.salient_offices for t in titles)
                    and not any("abroad:" + t in title_holders for t in titles)
                ):  # "X, who ruled the country ... the president": who rules the state
                    holder = _ruler(rulers, i, titled, _clause_arguments(doc[j - 1], tok_entity))
                if (
                    holder is None
                    and j - i - 1 == len(titles[0].split())  # "the president", no adjective
                    and any(t in lex.salient_offices for t in titles)
                    and not any("abroad:" + t in title_holders for t in titles)
                    and not _another_holder_spoken_of(doc, titles, home, lex)
                    and not any(e == salient for e, _ in formers)
                    and salient not in _clause_arguments(doc[j - 1], tok_entity)
                ):
                    holder = salient
                if holder is None and new_holder:  # "the new president": who won it
                    holder = next(
                        (e for t, e, won in reversed(winners) if t < i and won in (None, *titles)),
                        None,
                    )
                elif holder is None and former:  # "the former president": who left office
                    holder = next((e for t, e in reversed(leavers) if t < i), None)
                if holder is not None and holder not in _containing_entities(
                    doc[j - 1], tok_entity
                ):
                    add(i, j, holder, "DESC")
                    i = j
                    continue
                i = j  # an office no one holds in the text ("the prime minister", "the new
                continue  # president" no one is said to have become): unresolved, never
                # the last person named
        # "the ruling party", "the former governing coalition": the group the text says rules
        if low == "the" and i + 1 < n and i + 1 not in starts:
            j = next(
                (
                    k
                    for k in range(i + 1, min(i + 4, n))
                    if _ruling_description(doc[k], lex) and k not in starts
                ),
                None,
            )
            if j is not None and all(doc[k].head.i == j for k in range(i, j)):
                ent = _ruling_group(ruling, j)
                if ent is not None:
                    add(i, j + 1, ent, "DESC")
                    i = j + 1
                    continue
        # "the rebels", "the generals": a group of the kind the plural names, named before
        if low == "the" and i + 1 < n:
            j = i + 1
            while j < n and j - i <= 3 and doc[j].pos_ == "ADJ" and j not in starts:
                j += 1
            w = doc[j].lower_ if j < n else ""
            if (
                w in lex.plural_group_descriptions
                and doc[j].tag_ == "NNS"
                and j not in starts
                and not (j + 1 < n and doc[j + 1].lower_ == "of")
            ):
                ent = _described_group(history, entities, cur_sent, w, lex)
                if ent is not None:
                    add(i, j + 1, ent, "DESC")
                    i = j + 1
                    continue
        # descriptions: "this Shiite leader", "the young leader"
        if low in ("this", "that", "the") and i + 1 < n:
            j = i + 1
            adjs = 0
            while j < n and doc[j].pos_ in ("ADJ", "PROPN") and j - i <= 3 and j not in starts:
                j += 1
                adjs += 1
            if (
                j < n
                and doc[j].lemma_.lower() in lex.person_descriptions
                and doc[j].tag_ == "NN"
                and (low != "the" or adjs >= 1)
                and (j + 1 >= n or doc[j + 1].ent_type_ != "PERSON")
                and j not in starts
                and not any(c.dep_ == "appos" for c in doc[j].children)
                and doc[j].dep_ != "appos"  # "X, the outgoing premier, ...": describes X
            ):
                ent = _recent_person(
                    history,
                    entities,
                    cur_sent,
                    exclude=_sentence_subjects(doc, i, tok_entity, sent_of)
                    | _containing_entities(doc[j], tok_entity),
                )
                if ent is not None:
                    add(i, j + 1, ent, "DESC")
                    i = j + 1
                    continue
        # "the group", "this alliance", "the movement" -> the group last named
        if low in ("the", "this", "that") and i + 1 < n and i + 1 not in starts:
            j = i + 1
            while j < n and j - i <= 3 and doc[j].pos_ == "ADJ" and j not in starts:
                j += 1
            w = doc[j].lower_ if j < n else ""
            nxt = doc[j + 1] if j + 1 < n else None
            free = j not in starts and (
                nxt is None or (nxt.lower_ not in ("of", "'s", "’s") and nxt.pos_ != "PROPN")
            )
            owned = (  # "the militia's commander": the possessive still names the group
                j not in starts and nxt is not None and nxt.lower_ in ("'s", "’s")
            )
            if (free or owned) and w in lex.group_words and _singular_common_noun(doc[j]):
                strict = _names_coalition(w, lex)  # never a party or militia by default
                if free:  # a group of the kind the noun names ("the alliance": a coalition)
                    ent = _recent_of_kind(history, entities, cur_sent, w, lex)
                    if ent is None and not strict:
                        ent = _recent_group(
                            history, entities, cur_sent, prefer_subject=True, states=False, window=2
                        )
                else:  # the possessive is resolved only to a group of the kind it names
                    ent = _recent_of_kind(history, entities, cur_sent, w, lex)
                if ent is None and free and low in ("this", "that"):  # reaches further
                    ent = (
                        _recent_of_kind(history, entities, cur_sent, w, lex, window=4)
                        if strict
                        else _recent_group(
                            history,
                            entities,
                            cur_sent,
                            prefer_subject=True,
                            states=False,
                            window=4,
                        )
                    )
                if ent is not None:
                    add(i, j + 1, ent, "DESC")
                    i = j + 1
                    continue
            synonym = (
                w in lex.government_synonyms
                and j < n
                and doc[j].dep_ != "compound"  # "the cabinet minister", "the coalition deal"
                and (not _names_coalition(w, lex) or governing_coalition())
            )
            if (
                (free or owned)  # "the junta's envoy" names the junta too
                and (w in lex.government_words or synonym)
                and low == "the"
                and all(doc[k].lower_ in lex.government_adjectives for k in range(i + 1, j))
            ):
                named_body = (  # "the cabinet" after "the cabinet of Mark Rutte": that one
                    _named_by_head(w, [], history, entities, lex, _BODY) if synonym else None
                )
                ent, unnamed = (
                    (named_body, False)
                    if named_body is not None
                    else _government_entity(
                        "government" if synonym else w,
                        history,
                        entities,
                        lex,
                        government_of,
                        countries,
                    )
                )
                add(i, j + 1, ent, "DESC")
                added[-1].named = unnamed  # an unnamed government is still an actor
                i = j + 1
                continue
        # "government troops", "junta forces": the forces of the government the text is
        # about, named as "the government" would name it
        if (
            low in lex.government_force_modifiers
            and i + 1 < n
            and i + 1 not in starts
            and doc[i + 1].lower_ in lex.government_force_nouns
            and tok.head.i == i + 1
            and not (
                i > 0 and doc[i - 1].dep_ in ("poss", "compound") and doc[i - 1].head.i == i + 1
            )
        ):
            ent, unnamed = _government_entity(
                lex.government_force_modifiers[low],
                history,
                entities,
                lex,
                government_of,
                countries,
            )
            add(i, i + 2, ent, "DESC")
            added[-1].named = unnamed
            i += 2
            continue
        # "the company", "the court": the group or body named before whose name has the noun
        # as its head ("the United Fruit Company", "the Constitutional Court")
        described = _head_description(doc, i, starts, lex) if low in ("the", "this") else None
        if described is not None:
            j, mods = described
            ent = _named_by_head(
                doc[j].lower_, mods, history, entities, lex,
                description=doc[j], tok_entity=tok_entity,
            )  # fmt: skip
            if ent is not None:
                add(i, j + 1, ent, "DESC")
                i = j + 1
                continue
        # "the country" acting ("the AU suspended the country") -> the state named most (at
        # least twice, no tie)
        if (
            low == "the"
            and i + 1 < n
            and doc[i + 1].lower_ in lex.country_words
            and _acting_country(doc[i + 1], lex)
        ):
            ent = _main_state((e for _, e, _, _ in history), entities, 2, countries)
            if ent is not None:
                add(i, i + 2, ent, "DESC")
                i += 2
                continue
        # "a stand-off between X, Y and Z ... a reconciliation between all parties"
        if low in ("between", "among") and tok.dep_ == "prep":
            found = _listed_entities(tok, tok_entity)
            if len(found) >= 2:
                last_list[:] = [cur_sent, *found]
        head = _parties_phrase(doc, i, lex) if low in ("all", "both", "the") else None
        if head is not None and last_list and cur_sent - last_list[0] <= 5:
            listed = tuple(last_list[1:])
            two = any(doc[k].lower_ in ("both", "two") for k in range(i, head))
            if len(listed) == 2 or not two:
                pairs[head] = listed
                i = head + 1
                continue
        # "the two men", "the two leaders", "the two countries" -> the last two named
        if (
            low == "the"
            and i + 2 < n
            and doc[i + 1].lower_ in ("two", "both")
            and doc[i + 2].lemma_.lower() in lex.pair_nouns
        ) or (
            low == "both"
            and i + 1 < n
            and doc[i + 1].tag_ == "NNS"
            and doc[i + 1].lemma_.lower() in lex.group_words
        ):
            if low == "both":  # "both organizations": the last two groups
                hi = i + 1
                want = _GROUPS
            else:
                hi = i + 2
                want = ActorKind(lex.pair_nouns[doc[i + 2].lemma_.lower()])
            distinct = []
            for _, e, s, _ in reversed(history):
                if cur_sent - s > 2:
                    break
                kind = entities[e].kind
                fits = want is None or kind == want or (want is _GROUPS and kind in _GROUPS)
                if fits and e not in distinct:
                    distinct.append(e)
                if len(distinct) == 2:
                    break
            if len(distinct) == 2:
                pairs[hi] = (distinct[1], distinct[0])
                i = hi + 1
                continue
        if low in lex.person_pronouns and tok.pos_ == "PRON":
            exclude: set[int] = set()
            if low in ("him", "her", "himself", "herself") or tok.dep_ in ("dobj", "pobj"):
                if low not in ("himself", "herself"):
                    exclude = _clause_subject_entities(tok, tok_entity)
            said = lex.person_genders.get(low)
            other = {e for e, g in gender.items() if said is not None and g != said}
            exclude = exclude | other
            prefer_subject = tok.dep_ in ("nsubj", "nsubjpass")
            ent = None
            if (
                low in ("his", "her")
                and tok.dep_ == "poss"
                and tok.head.dep_ == "conj"
                and tok.head.head.i in tok_entity
                and entities[tok_entity[tok.head.head.i]].kind
                in (ActorKind.PERSON, ActorKind.OTHER)
            ):
                ent = tok_entity[tok.head.head.i]  # "Reyes and his allies"
                ent = None if ent in other else ent
            if ent is None and low in ("himself", "herself") and tok.dep_ in _BOUND_DEPS:
                ent = _bound_reflexive(tok, tok_entity, entities)  # "X presented himself"
                ent = None if ent in other else ent
            if ent is None and low in ("his", "her") and tok.dep_ == "poss":
                subj = _clause_subject_entities(tok, tok_entity)
                subj = {e for e in subj if entities[e].kind == ActorKind.PERSON}
                if tok.head.dep_ in ("attr", "oprd") or (
                    tok.head.dep_ == "pobj" and tok.head.head.lower_ == "as"
                ):
                    exclude = subj  # "X has become his rival", "X was named as his deputy"
                elif (
                    len(subj - other) == 1
                    and not _in_subject_np(tok)
                    and not _other_gender_subject(tok, said, lex)
                ):
                    ent = next(iter(subj - other))
            if ent is None:
                ent = _salient_referent(doc, history, entities, cur_sent, exclude, prefer_subject)
            if ent is not None:
                add(i, i + 1, ent, "PRON")
        elif low in ("it", "its") and tok.pos_ == "PRON":
            ent = None
            if low == "its" and tok.dep_ == "poss":
                subj = {
                    e
                    for e in _clause_subject_entities(tok, tok_entity)
                    if entities[e].kind != ActorKind.PERSON
                }
                if len(subj) == 1 and not _in_subject_np(tok):
                    ent = next(iter(subj))
                if ent is None:
                    ent = _parallel_owner(tok, tok_entity, entities)
            if ent is None:
                ent = _salient_referent(
                    doc, history, entities, cur_sent, frozenset(),
                    tok.dep_ in ("nsubj", "nsubjpass"), groups=True, window=1,
                )  # fmt: skip
            if ent is not None:
                add(i, i + 1, ent, "PRON")
        i += 1
    return added


def _governing_coalition(doc: Doc, entities: list[Entity], lex: Lexicon) -> bool:
    """Whether "the coalition" can only be the text's government: the text names no
    coalition, speaks of none as "a coalition" (one formed, one led by another) and calls
    one the governing one ("the ruling coalition", "a coalition government")."""
    if any(e.kind == ActorKind.COALITION for e in entities):
        return False
    government = lex.government_words | lex.government_synonyms  # "a coalition government"
    governing = False
    for t in doc:
        if t.lower_ != "coalition":
            continue
        of_government = t.dep_ == "compound" and t.head.lemma_.lower() in government
        det = next((c.lower_ for c in t.children if c.dep_ == "det"), None)
        if det in ("a", "an") and not of_government:
            return False  # "six parties formed a coalition", "a coalition led by X"
        mods = {c.lower_ for c in t.children if c.dep_ in ("amod", "compound")}
        governing = governing or of_government or bool(mods & lex.government_adjectives)
    return governing


def owned_groups(
    doc: Doc,
    tok_entity: dict[int, int],
    entities: list[Entity],
    affiliations: Sequence[tuple],
    lex: Lexicon,
) -> list[Mention]:
    """ "His party tabled a motion", "Ruiz's own movement": a group noun whose possessor is
    a person the text affiliates (``affiliations``: member, group, ...) with exactly one
    group of the kind the noun names (``group_descriptions``; or of no stated kind) refers
    to that group; not "his birthday party" nor "his former party". Call after affiliations
    are read and before relations; returns mentions of the groups for the nouns (with their
    modifiers after the possessor), the possessor keeping its own token."""
    groups: dict[int, set[int]] = {}
    for member, group, *_ in affiliations:
        groups.setdefault(member, set()).add(group)
    out: list[Mention] = []
    for t in doc:
        kinds = lex.group_descriptions.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
        if not kinds or t.i in tok_entity:
            continue
        if any(
            c.dep_ == "compound" or (c.dep_ == "amod" and c.lower_ in lex.past_markers)
            for c in t.children
        ):
            continue  # "his birthday party", "his former party"
        poss = next((c for c in t.children if c.dep_ == "poss" and c.i in tok_entity), None)
        if poss is None or entities[tok_entity[poss.i]].kind != ActorKind.PERSON:
            continue
        fits = [
            g
            for g in groups.get(tok_entity[poss.i], ())
            if entities[g].kind.value in {"organization", "coalition", *(str(k) for k in kinds)}
        ]  # a group the text gives no type is any type; a party may be a front
        start = poss.i + 1
        while start < t.i and doc[start].text in ("'s", "’s", "'", "’"):
            start += 1
        if len(fits) != 1 or any(k in tok_entity for k in range(start, t.i)):
            continue
        out.append(_reference(doc, start, t.i + 1, entities, fits[0], "DESC"))
    return out


def _reference(
    doc: Doc, start: int, end: int, entities: list[Entity], ent: int, label: str
) -> Mention:
    """An unnamed mention (a pronoun, a description) of entity ``ent`` over
    ``doc[start:end]``, counted among the entity's mentions."""
    span = doc[start:end]
    entities[ent].mentions.append(-1)
    return Mention(
        start, end, span.start_char, span.end_char, span.text, label, entities[ent].key,
        entities[ent].kind, named=False, entity=ent,
    )  # fmt: skip


def _singular_common_noun(tok: Token) -> bool:
    """A singular common noun: tagged so, or a lower-case word the tagger took for a proper
    name (the small English model tags "the bloc" NNP, as in "Bloc Québécois")."""
    return tok.tag_ == "NN" or (tok.tag_ == "NNP" and tok.is_lower)


def _another_holder_spoken_of(
    doc: Doc, titles: tuple[str, ...], home: str | None, lex: Lexicon
) -> bool:
    """Whether the text speaks of an office's holder of somewhere or something else than
    its own state (``home``): "the president of Chad", "Chad's president", "the Senate
    president" (then "the president" alone is not safely the text's most named person;
    "president of Uruguay" in a text about Uruguay is its own)."""
    words = {t for t in titles if " " not in t}

    def elsewhere(o: Token) -> bool:
        return lex.countries.get(o.lower_) != home or home is None

    for tok in doc:
        if tok.lower_ not in words:
            continue
        for c in tok.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.pos_ == "PROPN":
                if elsewhere(c):
                    return True
            if c.dep_ == "prep" and c.lower_ == "of":
                if any((o.pos_ == "PROPN" or o.ent_type_) and elsewhere(o) for o in c.children):
                    return True
    return False


def _salient_holder(
    mentions: Sequence[Mention], entities: list[Entity], titled: set[int], least: int = 3
) -> int | None:
    """The person "the president" (an office of ``salient_offices``) names when no holder
    was named with the office: the text's most salient person, by the salience that
    Lappin & Leass (1994) rank referents with, reduced to its strongest factor, how often
    the text names them. Only a clear one: named at least ``least`` times and more often
    than anyone else, and with no office of their own stated (``titled``: "Prime Minister
    X" is not who "the president" names).

    Lappin, S. and Leass, H. J. (1994). An algorithm for pronominal anaphora resolution.
    Computational Linguistics 20(4), 535-561.
    """
    counts: dict[int, int] = {}
    for m in mentions:
        if m.entity >= 0 and entities[m.entity].kind == ActorKind.PERSON:
            counts[m.entity] = counts.get(m.entity, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < least or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    top = ranked[0][0]
    return None if top in titled else top


def _office_phrase(
    doc: Doc, i: int, lex: Lexicon
) -> tuple[int, tuple[str, ...], bool, bool, bool] | None:
    """An office named after "the" at ``i`` as its holder's description: the end token, the
    offices it can name, whether it names an earlier holder ("the former president"),
    whether a new one ("the new president", "the incoming premier", "the president-elect")
    and whether the one a new one replaces ("the outgoing president":
    ``outgoing_office_adjectives``).

    Not an office followed by a name ("the former prime minister X": the name's title) or
    by "of" and a name ("the president of Chad": another state's office).
    """
    n = len(doc)
    j = i + 1
    former = new = outgoing = False
    while j < n and j - i <= 2 and doc[j].lower_ in lex.office_adjectives:
        former = former or doc[j].lower_ in lex.former_office_adjectives
        new = new or doc[j].lower_ in lex.new_office_adjectives
        outgoing = outgoing or doc[j].lower_ in lex.outgoing_office_adjectives
        j += 1
    k = j
    while k < n and k - j < 3 and doc[k].lower_.rstrip(".") in lex.title_words:
        k += 1
        if (  # "the vice-president": a hyphenated office, as "Vice-President X" holds it
            k + 1 < n
            and doc[k - 1].lower_ in lex.office_prefixes
            and doc[k].text in _HYPHENS
            and not doc[k - 1].whitespace_
            and not doc[k].whitespace_
            and doc[k + 1].lower_ in lex.title_words
        ):
            k += 1
    if k > j + 1 and doc[k - 1].lower_ == "of" and (k >= n or doc[k].pos_ != "PROPN"):
        k -= 1  # "accused the president of fraud"
    titles: tuple[str, ...] = ()
    if k > j and ends_a_title(doc[k - 1], lex):  # "the opposition" is no office
        titles = (" ".join(t.lower_ for t in doc[j:k] if t.is_alpha),)
    for phrase, offices in lex.office_synonyms.items():
        words = phrase.split()
        if [t.lower_ for t in doc[j : j + len(words)]] == words:
            k, titles = j + len(words), (phrase, *offices)  # "the head of state"
            break
    if not titles:
        return None
    if k + 1 < n and doc[k].text in _HYPHENS and doc[k + 1].lower_ == "elect":
        k, new = k + 2, True  # "the president-elect"
    if k < n and (doc[k].ent_type_ == "PERSON" or doc[k].pos_ == "PROPN" or doc[k].text == "-"):
        return None  # "the president X"; "the vice-president": another office
    if k + 1 < n and doc[k].lower_ == "of" and doc[k + 1].pos_ in ("PROPN", "DET"):
        return None
    head = doc[k - 1]
    if head.dep_ in ("appos", "attr", "oprd") or any(c.dep_ == "appos" for c in head.children):
        return None  # "X, the former president": describes X; "claimed to be the president"
    return k, titles, former and not outgoing, new, outgoing


def _outgoing_holder(
    titles: tuple[str, ...],
    holders: dict[str, list[int]],
    formers: set[tuple[int, str]],
    new_ones: Collection[int],
    heads: Sequence[int] = (),
) -> int | None:
    """The person "the outgoing president" names: the one a newly elected holder replaces,
    so never one who won or took up the office (``new_ones``: the last to win it, those the
    text says became it): the last holder of ``titles`` named who was not named as a former
    one, else the head of government named last (``heads``). Not one named as a former
    holder ("former President X" is seldom the outgoing one)."""
    current = [
        e for t in titles for e in holders.get(t, ()) if e not in new_ones and (e, t) not in formers
    ]
    pool = current or [e for e in heads if e not in new_ones]
    return pool[-1] if pool else None


def _office_holder(
    titles: tuple[str, ...],
    former: bool,
    holders: dict[str, list[int]],
    formers: set[tuple[int, str]],
    gained: Collection[int] | None = None,
    heads: Sequence[int] = (),
) -> int | None:
    """The person an office names. "The president": its holder named last who was not
    named as a former one (of any of ``titles``), else the head of government named last
    (``heads``, given for a head of government's offices: "X's cabinet", then "the prime
    minister"), else the last one named as a former holder. "The former president": the last one named as former, else the one before the
    last holder when two have been named. "The new president" (``gained``: the people the
    text says won or took up an office): the last holder who did so, and no one when none
    did (a holder named by title alone is as likely the outgoing one)."""
    fallback = None
    for title in titles:
        named = holders.get(title)
        if not named:
            continue
        if former:
            past = [e for e in named if (e, title) in formers]
            if past:
                return past[-1]
            return named[-2] if len(named) > 1 else named[-1]
        current = [e for e in named if (e, title) not in formers]
        if gained is not None:
            won = [e for e in current if e in gained]
            return won[-1] if won else None
        if current:
            return current[-1]
        fallback = named[-1] if fallback is None else fallback
    if not former and gained is None and heads:
        return heads[-1]
    return fallback


def _named_holder(holders: list[int], entity: int) -> None:
    """Put ``entity`` last in an office's ``holders`` (its latest naming counts)."""
    if entity in holders:
        holders.remove(entity)
    holders.append(entity)


def _government_headship(doc: Doc, m: Mention, lex: Lexicon) -> str | None:
    """How a person is named as the head of a government, if they are: ``"named"`` as the
    possessor or the "of" object of a ``headed_government_nouns`` noun ("X's minority
    government", "the first cabinet of X", "X's administration"), ``"formed"`` as the one
    who forms one (a ``government_forming_verbs`` verb with such a noun as its object: "X
    formed a minority government", "Y, who formed a cabinet"), ``"asked"`` as the one asked
    to ("the king asked X to form a government": X may fail). Not a government that does
    not rule (``non_ruling_government_words``: "X's shadow cabinet", "X's government-in-
    exile", "X's former government") or that fell (``government_ending_verbs``: "the
    cabinet of X, which fell"), not a negated forming ("X did not form a government")."""
    if m.kind != ActorKind.PERSON:
        return None
    root = doc[m.start : m.end].root
    nouns: list[Token] = []
    how = "named"
    if root.dep_ == "poss":
        nouns = [root.head]
    elif root.dep_ == "pobj" and root.head.lower_ == "of":
        nouns = [root.head.head]
    else:
        verbs = []
        if root.dep_ == "nsubj":
            verbs, how = [root.head], "formed"
        elif root.dep_ == "dobj":  # "asked X to form a government"
            verbs, how = [c for c in root.head.children if c.dep_ == "xcomp"], "asked"
        for c in root.children:  # "Y, who formed a cabinet"
            if c.dep_ == "relcl" and any(
                g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in c.children
            ):
                verbs, how = [c], "formed"
        for verb in verbs:
            if verb.lemma_.lower() in lex.government_forming_verbs and not has_negation(verb):
                nouns += [c for c in verb.children if c.dep_ == "dobj"]
    for noun in nouns:
        if noun.lemma_.lower() not in lex.headed_government_nouns:
            continue
        words = {t.lower_ for t in doc[noun.left_edge.i : min(len(doc), noun.i + 4)]}
        if words & (lex.non_ruling_government_words | lex.former_office_adjectives):
            continue
        if any(
            c.dep_ == "relcl" and c.lemma_.lower() in lex.government_ending_verbs
            for c in noun.children
        ):
            continue
        return how
    return None


def _names_a_state(word: str, lex: Lexicon) -> bool:
    """Whether a (lower-case) word is a state's demonym or name ("mozambican", "u.s.")."""
    return word in lex.demonyms or word in lex.countries


def _named_former(doc: Doc, m: Mention, lex: Lexicon) -> bool:
    """Whether a person's office is stated as a past one: "former President X", "the
    former Mozambican president X", "former U.S. president X" (a state's demonym or name
    between)."""
    i, title = _title_before(doc, m.start, lex)
    if title is None:
        return False
    k = i
    while k > 1 and i - k < 2 and _names_a_state(doc[k - 1].lower_, lex):
        k -= 1  # at most two words of a demonym or a state ("Sri Lankan", "U.S.")
    return k > 0 and doc[k - 1].lower_ in lex.former_office_adjectives


def _foreign_office(doc: Doc, m: Mention, lex: Lexicon, home: str | None = None) -> bool:
    """Whether the office stated with a person is another's: qualified by another state's
    demonym or possessive than the text's own (``home``: "Costa Rican President X" in a
    text about Honduras) or by a body's name ("Senate president X", "party chairman X")."""
    i, _ = _title_before(doc, m.start, lex)
    if i > 0 and doc[i - 1].lower_ in ("'s", "’s"):
        i -= 1
    names = {doc[k:i].text.lower() for k in range(max(0, i - 3), i)}
    states = {lex.demonyms.get(x) or lex.countries.get(x) for x in names} - {None}
    if states:
        return home not in states
    q = doc[i - 1] if 0 < i < m.start else None  # "Senate president X", "party chairman X":
    return (  # another body's office
        q is not None and q.dep_ == "compound" and q.pos_ in ("PROPN", "NOUN") and q.head.i >= i
    )


def _government_entity(
    word: str,
    history,
    entities: list[Entity],
    lex: Lexicon,
    government_of: dict[str, int],
    countries: dict[int, int],
) -> tuple[int, bool]:
    """The entity "the government" (or "the junta", "the regime": ``word``) names, and
    whether it is a new, unnamed one: a military government word names the military body;
    any other the state the text is about, else the government last named as such, else a
    body named by the word; failing all, an unnamed government body ("gov:<word>", one per
    word), still an actor."""
    ent = None
    if word in lex.military_government_words:  # "the junta": the military body
        ent = _named_by_head(word, [], history, entities, lex, _BODY)
        if ent is None:
            ent = _military_body(entities, lex)
    else:
        ent = _main_state((e for _, e, _, _ in history), entities, countries=countries)
        if ent is None:
            ent = government_of.get("last")
        if ent is None:
            ent = _named_by_head(word, [], history, entities, lex, _BODY)
    if ent is not None:
        return ent, False
    key = "gov:" + word
    ent = next((k for k, e in enumerate(entities) if e.key == key), None)
    if ent is None:
        entities.append(Entity(key, word.capitalize(), ActorKind.GOVERNMENT_BODY))
        ent = len(entities) - 1
    return ent, True


def _described_group(history, entities, cur_sent, word: str, lex: Lexicon) -> int | None:
    """The group a plural description names ("the rebels"): of the entities of a kind it
    can describe named within three sentences, the one named most so far (the text's main
    group of that kind), then the latest; else the only one named before; a
    government body qualifies only with a military word in its name ("the generals"), a
    state's own forces never."""
    kinds = set(lex.plural_group_descriptions.get(word, ()))

    def fits(e: int) -> bool:
        ent = entities[e]
        kind = _kind_value(ent.kind)
        if kind not in kinds:
            return False
        if kind == ActorKind.GOVERNMENT_BODY.value:
            return _military(ent, lex)
        return not _state_force(_name_words(ent.name), lex)

    if not any(fits(e) for e in range(len(entities))):
        return None  # nothing it could describe: no scan of the history
    near: dict[int, int] = {}  # group named within three sentences -> its rank by recency
    seen: list[int] = []
    for _, e, s, _ in reversed(history):
        if cur_sent - s > 3 and near:
            break  # older entries are all farther
        if fits(e) and e not in seen and e not in near:
            if cur_sent - s <= 3:
                near[e] = len(near)
                continue
            seen.append(e)
            if len(seen) > 1:
                return None  # two such groups named before: neither
    if near:  # the most mentioned so far (the text's main group of that kind), then latest
        count = Counter(e for _, e, _, _ in history if e in near)
        return min(near, key=lambda e: (-count[e], near[e]))
    return seen[0] if seen else None  # (two such groups named before returned None above)


def _state_force(words: list[str], lex: Lexicon) -> bool:
    """A state's own forces ("the Mexican Army", "Déby's forces", "the Armed Forces of the
    Philippines"), never what "the rebels" describes."""
    text = " ".join(words)
    if "armed forces" in text or (words and words[-1] in ("forces", "troops") and "'s" in text):
        return True
    first = words[0] if words else ""
    return (first in lex.demonyms or first in lex.countries) and words[-1] in lex.state_heads


def _pro_or_anti(doc: Doc, start: int) -> bool:
    """ "the anti-X alliance", "pro-X forces": X only qualifies another noun, and is no
    antecedent for a later pronoun or description."""
    if start >= 1 and doc[start - 1].text in _HYPHENS:
        start -= 1
    return start >= 1 and doc[start - 1].lower_ in ("anti", "pro")


def _parallel_owner(tok: Token, tok_entity: dict[int, int], entities) -> int | None:
    """ "X's relations with Y, and its rivalry with Z": "its" on a conjunct is the owner
    of the first conjunct (a group)."""
    n = tok.head
    if n.dep_ != "conj" or n.head.i == n.i:
        return None
    for c in n.head.children:
        e = tok_entity.get(c.i, -1)
        if c.dep_ == "poss" and e >= 0 and entities[e].kind != ActorKind.PERSON:
            return e
    return None


# a reflexive's argument positions ("presented himself", "spoke for himself", "gave himself
# a role"); not the emphatic "X himself" (appos, npadvmod)
_BOUND_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})


def _bound_reflexive(tok: Token, tok_entity: dict[int, int], entities) -> int | None:
    """The person a reflexive ("himself", "herself") names: the subject of its own clause
    (Chomsky's Binding Principle A, as the reflexive filter of Lappin & Leass (1994), "An
    algorithm for pronominal anaphora resolution", Computational Linguistics 20(4)), the
    object of the verb whose complement the clause is ("asked X to recuse himself": X), or
    a conjunct's or participle's subject ("X kept Y away and presented himself"); None when
    that is no person of the text."""
    verb = tok.head.head if tok.head.dep_ == "prep" else tok.head
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not own and verb.dep_ == "xcomp":  # object control: "asked X to recuse himself"
        own = [c for c in verb.head.children if c.dep_ in ("dobj", "dative")]
    if not own:
        own = _verb_subjects(verb)
    e = tok_entity.get(own[0].i) if len(own) == 1 else None
    if e is None and own and own[0].lower_ in ("who", "that") and own[0].head.dep_ == "relcl":
        e = tok_entity.get(own[0].head.head.i)
    return e if e is not None and entities[e].kind == ActorKind.PERSON else None


def _in_subject_np(tok: Token) -> bool:
    return _is_subject(tok.head) if tok.dep_ == "poss" else False


def _sentence_subjects(doc: Doc, i: int, tok_entity: dict[int, int], sent_of) -> set[int]:
    sent = doc[i].sent
    out = set()
    for t in sent:
        if t.i >= i:
            break
        if t.dep_ in ("nsubj", "nsubjpass"):  # "X, the party of Y, backed the president":
            # neither X nor Y is the president
            out.update(tok_entity[d.i] for d in t.subtree if d.i < i and d.i in tok_entity)
    return out


_LED_KINDS = (ActorKind.PARTY, ActorKind.COALITION, ActorKind.MILITIA)


def _leader_noun(tok: Token, lex: Lexicon) -> bool:
    """A singular leader noun ("leader", "chairman": ``leader_nouns``)."""
    return tok.lower_ in lex.rules.leader_nouns and tok.tag_ == "NN"


def _leader_description(
    doc: Doc, m: Mention, entities: Sequence[Entity], starts: dict[int, Mention], lex: Lexicon
) -> bool:
    """Whether group mention ``m`` opens a description of its leader: "the Azuri leader",
    "this ODA chairman" (a leader noun right after it, no name after or beside the noun)."""
    j = m.end
    if m.entity < 0 or entities[m.entity].kind not in _LED_KINDS or j >= len(doc):
        return False
    opened = doc[m.start].lower_ == "the" or (
        m.start > 0 and doc[m.start - 1].lower_ in ("the", "this", "that")
    )
    noun = doc[j]
    return (
        opened
        and _leader_noun(noun, lex)
        and j + 1 not in starts
        and not (j + 2 in starts and doc[j + 1].text == ",")
        and noun.dep_ != "appos"
        and not any(c.dep_ == "appos" for c in noun.children)
    )


def _named_group_leaders(
    doc: Doc, mentions: Sequence[Mention], entities: Sequence[Entity], lex: Lexicon
) -> dict[int, int]:
    """Group entity -> the person the text names as its leader: with a leader noun beside
    the name ("Azuri leader Tomas Varga", "the Azuri chairman, Tomas Varga", "Tomas Varga,
    the Azuri leader") or as its owner ("Tomas Varga's Azuri Party", "the Azuri Party of
    Tomas Varga"). Only a group given one such person."""
    at = {m.start: m for m in mentions if m.entity >= 0}
    found: dict[int, set[int]] = {}

    def kind(m: Mention) -> ActorKind | None:
        return entities[m.entity].kind if m.entity >= 0 else None

    for g in mentions:
        if kind(g) not in _LED_KINDS or g.end >= len(doc):
            continue
        if not _leader_noun(doc[g.end], lex):
            continue
        k = g.end + 1 + (g.end + 1 < len(doc) and doc[g.end + 1].text == ",")
        person = at.get(k)
        if person is None or kind(person) != ActorKind.PERSON:  # "X, the Azuri leader"
            first = g.start - 1 if g.start > 0 and doc[g.start - 1].lower_ == "the" else g.start
            if first >= 2 and doc[first - 1].text == ",":
                person = next((m for m in mentions if m.end == first - 1 and m.entity >= 0), None)
        if person is not None and kind(person) == ActorKind.PERSON:
            found.setdefault(g.entity, set()).add(person.entity)
    for g in mentions:  # "Tomas Varga's Azuri Party", "the Azuri Party of Tomas Varga"
        if kind(g) not in _LED_KINDS:
            continue
        owner = None
        if g.start >= 2 and doc[g.start - 1].text in ("'s", "’s"):
            owner = next((m for m in mentions if m.end == g.start - 1), None)
        lead = g.extra.get("leader")
        if lead is not None:
            owner = next((m for m in mentions if (m.start, m.end) == tuple(lead)), None)
        if owner is not None and kind(owner) == ActorKind.PERSON:
            found.setdefault(g.entity, set()).add(owner.entity)
    return {g: next(iter(ps)) for g, ps in found.items() if len(ps) == 1}


def _recent_person(history, entities, cur_sent, exclude=frozenset()) -> int | None:
    """The most recent person of the two sentences before and this one, not in ``exclude``:
    whom a description names ("this veteran leader"; pronouns go by salience instead,
    :func:`_salient_referent`)."""
    for _, e, s, _ in reversed(history):
        if cur_sent - s > 2:
            break
        if entities[e].kind == ActorKind.PERSON and e not in exclude:
            return e
    return None


_RECENCY = 100  # Lappin & Leass (1994): sentence recency
_SUBJECT, _OBJECT, _OBLIQUE = 80, 50, 40  # subject, accusative, indirect object or oblique
_HEAD_NOUN, _NON_ADVERBIAL = 80, 50  # not inside another noun phrase; not in an adverbial PP
_PARALLEL = 35  # the pronoun and its antecedent in the same role (subject / not)


def _noun_phrase_head(tok: Token) -> Token:
    """The head of the noun phrase ``tok`` ends: up through compounds, names, appositions
    and coordinations ("Pakistan's prime minister, Nawaz Sharif" -> "minister")."""
    for _ in range(6):
        if tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head.i != tok.i:
            tok = tok.head
        else:
            break
    return tok


def _salience_weight(tok: Token) -> int:
    """The salience factors of a mention ending at ``tok``, recency aside (Lappin & Leass
    1994, Table 1): its grammatical role (subject 80, direct object 50, indirect object or
    oblique 40), head-noun emphasis (80: not the possessor, modifier or prepositional object
    of another noun) and non-adverbial emphasis (50: not in a prepositional phrase that
    modifies a verb, as "in Mary's flat" does)."""
    head = _noun_phrase_head(tok)
    dep, up = head.dep_, head.head
    weight = 0
    if dep in ("nsubj", "nsubjpass", "csubj"):
        weight += _SUBJECT
    elif dep == "dobj":
        weight += _OBJECT
    elif dep == "dative" or (dep == "pobj" and up.head.pos_ in ("VERB", "AUX")):
        weight += _OBLIQUE
    embedded = dep in ("poss", "nmod", "npadvmod") or (
        dep == "pobj" and up.head.pos_ in ("NOUN", "PROPN", "PRON")
    )
    if not embedded:
        weight += _HEAD_NOUN
    if not (dep == "pobj" and up.head.pos_ in ("VERB", "AUX")):
        weight += _NON_ADVERBIAL
    return weight


def _salient_referent(
    doc: Doc,
    history,
    entities: list[Entity],
    cur_sent: int,
    exclude: Collection[int] = frozenset(),
    subject_pronoun: bool = False,
    groups: bool = False,
    window: int = 2,
) -> int | None:
    """The person a personal pronoun refers to (with ``groups``, the group or state "it" or
    "its" refers to): of those mentioned in its sentence and the ``window`` before it, the
    most salient, by Lappin & Leass's (1994) salience factors.

    Each mention weighs its sentence recency (100) and its factors
    (:func:`_salience_weight`), halved for every sentence back; an entity's salience is its
    strongest mention's (each factor counted once for a referent: summed over sentences, a
    person named in the sentence before and again as an object outweighed the subject of the
    pronoun's own clause, "X met Y on Tuesday, but he failed"). A candidate in the pronoun's
    role (both subjects, or both not) gains 35 (role parallelism). Ties go to the most
    recent. ``exclude`` (the pronoun's own clause's subject for an object pronoun, persons
    of the other gender) never refers.

    Lappin, S. and Leass, H. J. (1994). An algorithm for pronominal anaphora resolution.
    Computational Linguistics 20(4), 535-561.
    """
    strongest: dict[int, float] = {}  # entity -> its strongest mention's salience
    last: dict[int, int] = {}  # entity -> its latest token, for ties
    parallel: set[int] = set()
    for tok_i, e, s, subj in reversed(history):
        if cur_sent - s > window:
            break
        if (entities[e].kind == ActorKind.PERSON) == groups or e in exclude:
            continue
        w = (_RECENCY + _salience_weight(doc[tok_i])) / 2 ** (cur_sent - s)
        strongest[e] = max(strongest.get(e, 0.0), w)
        if e not in last:  # its latest mention: the one role parallelism compares
            last[e] = tok_i
            if bool(subj) == subject_pronoun:
                parallel.add(e)
    if not last:
        return None
    return max(last, key=lambda e: (strongest[e] + (_PARALLEL if e in parallel else 0), last[e]))


def _kind_value(kind: ActorKind | str) -> str:
    """An entity's kind as the word lists name it ("party"), whether an enum or a string."""
    return kind.value if isinstance(kind, ActorKind) else str(kind)


def _names_coalition(word: str, lex: Lexicon) -> bool:
    """Whether a group noun names coalitions only ("the coalition", "the alliance", "the
    bloc"): it then never falls back to the latest group of another kind (a member party)."""
    return {str(k) for k in lex.group_descriptions.get(word, ())} == {"coalition"}


def _recent_of_kind(
    history, entities, cur_sent, word: str, lex: Lexicon, window: int = 2
) -> int | None:
    """The most recent entity (``window`` sentences back at most) whose kind the description
    ``word`` names ("militia" -> a militia), when exactly one such entity is that recent."""
    kinds = {str(k) for k in lex.group_descriptions.get(word, ())}
    seen: list[int] = []
    for _, e, s, _ in reversed(history):
        if cur_sent - s > window:
            break
        kind = entities[e].kind
        if _kind_value(kind) in kinds and e not in seen:
            seen.append(e)
    return seen[0] if len(seen) == 1 else None


def _recent_group(
    history, entities, cur_sent, prefer_subject: bool = False, states: bool = True, window: int = 1
) -> int | None:
    """The most recent fitting non-person; with ``prefer_subject``, the main-clause subject
    of the nearest sentence that has one (then any subject, then the most recent)."""
    first = None
    best: tuple[int, int] | None = None  # (level, entity) within the nearest sentence
    best_sent = None
    for _, e, s, subj in reversed(history):
        if cur_sent - s > window:
            break
        if best_sent is not None and s != best_sent:
            break
        kind = entities[e].kind
        if kind == ActorKind.PERSON or (not states and kind in (ActorKind.STATE, ActorKind.OTHER)):
            continue
        if not prefer_subject:
            return e
        if first is None:
            first = e
        if subj and (best is None or subj > best[0]):
            best, best_sent = (subj, e), s
    return best[1] if best is not None else first


def _acting_country(tok: Token, lex: Lexicon) -> bool:
    """ "the country" as an actor: a subject, a possessor, or the object of a verb that is not
    one of moving or taking ground ("suspended the country", not "fled the country")."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    from factions.text.gazetteer import load_words

    verb = tok.head.lemma_.lower()
    return (
        tok.dep_ == "dobj" and verb not in lex.place_verbs and verb not in load_words().motion_verbs
    )


def party_states(entities: Sequence[Entity], world: WorldGazetteer | None) -> dict[int, int]:
    """Each group of the world gazetteer that belongs to one country (a Party Facts party or
    coalition, a militia or government body with its country code; not an international
    organisation) named in a text, mapped to the state of its country when the text names
    that state too: a text's own parties tell which state it is about (:func:`_main_state`)."""
    if world is None:
        return {}
    state_of: dict[str, int] = {}
    for k, e in enumerate(entities):
        if e.kind == ActorKind.STATE and e.key.startswith("state:"):
            entry = world.state_of(e.key[6:])
            if entry is not None and entry.iso3:
                state_of.setdefault(entry.iso3, k)
    out: dict[int, int] = {}
    for k, e in enumerate(entities):
        entry = world.entries.get(e.external_id) if e.external_id else None
        if entry is not None and entry.kind != "state" and entry.iso3 in state_of:
            out[k] = state_of[entry.iso3]
    return out


def _main_state(
    named: Iterable[int], entities, least: int = 3, countries: dict[int, int] | None = None
) -> int | None:
    """The state named most among the entity ids ``named``, if it clearly dominates (at
    least ``least`` mentions, no tie) and is not an outsider: when the text names another
    state's parties (``countries``: :func:`party_states`) at least twice and none of this
    state's, the state named most is a patron or a mediator and the text's own is unknown
    (one mention of a foreign party, "United Russia" in a text about Ukraine, does not
    tell)."""
    counts: dict[int, int] = {}
    parties: dict[int, int] = {}  # a state -> mentions of its parties
    for e in named:
        if entities[e].kind == ActorKind.STATE:
            counts[e] = counts.get(e, 0) + 1
        elif countries and e in countries:
            parties[countries[e]] = parties.get(countries[e], 0) + 1
    if not counts:
        return None
    best = max(counts.values())
    if best < least:
        return None
    tops = [e for e, c in counts.items() if c == best]
    if len(tops) > 1 or (tops[0] not in parties and max(parties.values(), default=0) >= 2):
        return None
    return tops[0]
