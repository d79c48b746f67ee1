"""Which entities of a document are actors: decided by what their mentions do.

The annotation guideline counts named political actors only: not places used as places,
not events or agreements, not communities, not generic bodies. NER and the gazetteer find
names; this module decides, per entity (after coreference, before output), from

1. **its name**: a name headed by an event, agreement, document, place or institution noun
   ("the Second Civil War", "the Comprehensive Peace Agreement", "Central Park", the list
   ``non_actor_heads`` in ``gazetteer/data/words.yaml``; for a name NER took for a
   person's, only the narrower ``place_feature_heads`` such as "Gorge", since "Hill" or
   "Lake" is a surname too) is never an actor, even in a relation;
2. **its relations**: an entity the rules relate to another, or that an affiliation names,
   is an actor (but a name that is only a town or city of the gazetteer's place table,
   GeoNames, not a capital and without a title, is a place and never an actor);
3. **its references**: a person, a party or an international organisation of the gazetteer
   is an actor;
4. **its roles**: any other entity (a state, an organisation NER found, a place NER took for
   a state) is an actor when at least one of its mentions plays an actor's part: subject,
   agent, object, indirect object, possessor ("Iran's support"), apposition, the object of a
   non-locative preposition ("talks with Iran", "a war against Iraq"), or the modifier of a
   political head noun ("Iranian officials", "US support", "the Syrian regime"). A state
   named only as where something happened ("in Mozambique", "captured Pemba") is a place:
   an attribute of the event, not a node.

After relations are read, :func:`idle_generic_actors` drops an actor the text names only
generically ("parliament", "the government", "the army") when it takes part in no relation
or affiliation of the document: a body the guideline counts only as a party to what the
text says, an isolated node otherwise.

O(mentions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factions.model import ActorKind
from factions.text.mentions import agent_hyphen

__all__ = ["actor_entities", "actor_like", "idle_generic_actors"]

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from spacy.tokens import Doc, Token

    from factions.model import Affiliation, Relation
    from factions.text.coref import Entity
    from factions.text.lexicon import Lexicon
    from factions.text.mentions import Mention
    from factions.text.pipeline import ActorMentions

_AGENT_DEPS = {"nsubj", "nsubjpass", "agent", "dobj", "iobj", "dative", "poss", "appos", "attr"}
_ACTING_DEPS = {"nsubj", "nsubjpass", "agent", "poss", "appos"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
_ACTOR_PREPS = {
    "with", "against", "by", "to", "between", "among", "from", "for", "of", "on", "toward",
    "towards", "versus", "vs", "than", "like", "including", "and", "alongside", "as",
    "behind", "under", "upon",
}  # fmt: skip


def _role_token(tok: Token) -> Token:
    """The token whose dependency says the mention's role: through conjunctions ("Iran and
    Syria backed ...": Syria is a subject too) and flat name parts."""
    t = tok
    for _ in range(4):
        if t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
            continue
        break
    return t


def _relative_subject(tok: Token, lex: Lexicon, heads: frozenset[str] = frozenset()) -> bool:
    """The name is the antecedent of a relative clause whose subject is the relative
    pronoun, "Saudi Arabia, which granted him refuge", or the name's own political body or
    office, "Guinea, whose government gave him shelter" (the name acts in that clause)."""
    for c in tok.children:
        if c.dep_ != "relcl":
            continue
        for g in c.children:
            if g.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if g.dep_ == "nsubj" and g.lower_ in lex.rules.relative_pronouns:
                return True
            if any(w.lower_ == "whose" for w in g.children) and (
                g.lemma_.lower() in heads or g.lower_ in heads or g.lemma_.lower() in lex.nouns
            ):
                return True
    return False


def _titled_name(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """``tok`` ends a person's name led by a title: "King Abdullah", "President Kenyatta"."""
    if tok.pos_ != "PROPN":
        return False
    k = tok.i - 1
    while k >= tok.left_edge.i and doc[k].pos_ == "PROPN":
        if doc[k].lower_.rstrip(".") in lex.title_words:
            return True
        k -= 1
    return False


def actor_like(
    doc: Doc,
    m: Mention,
    lex: Lexicon,
    heads: frozenset[str],
    motion: frozenset[str] = frozenset(),
    setting: frozenset[str] = frozenset(),
) -> bool:
    """Whether mention ``m`` plays an actor's part in its sentence.

    ``heads``: nouns whose modifier is an actor ("Iranian officials", "the U.S.
    intervention", "the Army commander"); ``motion``: verbs after which "to X" / "from X"
    is a place ("travelled to Najaf"); ``setting``: nouns whose possessor is a setting
    ("Iran's presidential election"). A name NER called a place and no gazetteer knows
    ("Basra") acts only as a subject or a possessor."""
    place_name = m.label in ("STATE", "GPE")
    if agent_hyphen(doc, m.end) or _relative_subject(doc[m.end - 1], lex, heads):
        return True  # "US-backed forces"; "Saudi Arabia, which granted him refuge"
    if m.label == "GPE":
        tok = _role_token(doc[m.end - 1])
        return tok.dep_ in ("nsubj", "nsubjpass", "agent", "poss")
    if m.extra.get("place") and place_name:
        return False
    if m.label in ("PRON", "DESC", "BODY") or m.extra.get("demonym"):
        return True  # a pronoun, a description or "Iranian officials" refers to an actor
    tok = _role_token(doc[m.end - 1])
    dep = tok.dep_
    if dep == "poss" and place_name and tok.head.lemma_.lower() in setting:
        return False  # "Bulgaria's economic collapse": where, not who
    if dep in _AGENT_DEPS:
        verb = tok.head.lemma_.lower()
        if dep == "dobj" and place_name and (verb in lex.place_verbs or verb in motion):
            return False  # "the rebels captured Pemba", "the envoy visited Iraq"
        return True
    if dep == "pobj":
        prep = tok.head.lower_
        if not place_name:
            return True  # "members of the Council", "as the Resistance", "in the alliance"
        owner = tok.head.head
        if prep in ("to", "from") and owner.lemma_.lower() in motion:
            return False  # "travelled to Beirut"
        if prep in ("of", "from") and owner.pos_ in ("NOUN", "PROPN"):
            # "the president of Chad", "aid from Iran": a political noun's; "the north
            # of Iraq", "refugees from Syria": a place's; "King Abdullah of Saudi Arabia":
            # a titled person's
            return (
                owner.lemma_.lower() in heads
                or owner.lower_ in heads
                or (owner.lemma_.lower() in lex.nouns)
                or (prep == "of" and _titled_name(doc, owner, lex))
            )
        return prep not in lex.locative_preps and prep in _ACTOR_PREPS
    if dep in _MODIFIER_DEPS and tok.head.i > tok.i:
        h = tok.head
        if h.is_lower and h.lower_ in lex.group_words and not place_name:
            # "the Maute group", "the Azuri movement": the name names the group ("a
            # Miskito group" describes one by a community's name)
            return not any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in h.children)
        return h.lemma_.lower() in heads or h.lower_ in heads or h.lemma_.lower() in lex.nouns
    return dep in ("ROOT", "conj") and tok.pos_ in ("PROPN", "NOUN")


def _community(doc: Doc, m: Mention, community_words: frozenset[str]) -> bool:
    """A people's name in the plural without an article ("Uzbeks", "Estonians and Latvians"),
    or after a religion ("Lutheran Estonians"); "the Azuris" names a movement."""
    if m.label not in ("ORG", "PERSON", "GPE") or m.end - m.start > 2:
        return False
    toks = list(doc[m.start : m.end])
    if toks[0].lower_ == "the" or (m.start > 0 and doc[m.start - 1].lower_ == "the"):
        return False
    last = toks[-1]
    if not last.text[:1].isupper() or not last.text.endswith("s") or last.text.endswith("ss"):
        return False
    if len(toks) == 2:
        return toks[0].lower_ in community_words
    return last.tag_ == "NNPS"


def _conjoined_communities(
    doc: Doc, mentions: list[Mention], community_words: frozenset[str]
) -> set[int]:
    """Start tokens of plural one-word names joined by "and" to a community's name
    ("Lutheran Estonians and Latvians")."""
    heads = {m.end - 1 for m in mentions if _community(doc, m, community_words)}
    out: set[int] = set()
    for m in mentions:
        if m.end - m.start != 1 or not m.text.endswith("s") or m.label not in ("ORG", "PERSON"):
            continue
        t = doc[m.start]
        if (t.dep_ == "conj" and t.head.i in heads) or any(
            c.dep_ == "conj" and c.i in heads for c in t.children
        ):
            out.add(m.start)
    return out


def _place_like_name(doc: Doc, m: Mention, lex: Lexicon, place_nouns: frozenset[str]) -> bool:
    """A one-word name without a title used only as a place: the object of a verb of
    taking ground ("overran Pemba") or of a locative preposition ("in Pemba"), or the
    name of a place noun ("the Lachin corridor", "its capital Stepanakert")."""
    if m.end - m.start != 1 or m.title:
        return False
    tok = _role_token(doc[m.start])
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() in lex.place_verbs:
        return True
    if tok.dep_ in ("compound", "appos") and tok.head.is_lower:
        return tok.head.lemma_.lower() in place_nouns or tok.head.lower_ in place_nouns
    return tok.dep_ == "pobj" and tok.head.lower_ in lex.locative_preps


def _town(
    doc: Doc, named: list[Mention], places: frozenset[tuple[str, ...]], keep_out: set[str]
) -> bool:
    """Every name of the entity is a town or city of the gazetteer's place table and is used
    as a place: none is a capital or a state's name (``keep_out``: a capital may stand for
    its government), an acronym ("UN"), titled ("Mayor", "General"), the subject of a
    clause ("Taylor resigned": a town does not act), a possessor ("Taylor's departure") or
    in apposition ("its ally Warisan")."""
    from factions.text.gazetteer import bare_name_words

    for m in named:
        words = bare_name_words(m.text)
        if m.title or not words or words not in places or " ".join(words) in keep_out:
            return False
        if not any(w[:1].isupper() for w in m.text.split() if w.lower() != "the"):
            return False  # "the police": a common noun, not the Polish town
        if m.text.isupper() or _role_token(doc[m.end - 1]).dep_ in _ACTING_DEPS:
            return False
    return True


def _non_actor_name(
    name: str, non_actor_heads: frozenset[str], denominations: frozenset[str] = frozenset()
) -> bool:
    """Whether a name's last word is a non-actor head ("the Second Civil War"), but for a
    denomination's church ("the Serbian Orthodox Church": a religious authority)."""
    words = [w.strip(".,'’\"()").lower() for w in name.split()]
    words = [w for w in words if w]
    if len(words) >= 2 and words[-1] == "church" and any(w in denominations for w in words):
        return False
    return bool(words) and len(words) >= 2 and words[-1] in non_actor_heads


def actor_entities(
    doc: Doc,
    entities: list[Entity],
    mentions: list[Mention],
    references: list[Mention],
    related: set[int],
    lex: Lexicon,
    non_actor_heads: frozenset[str] | None = None,
) -> set[int]:
    """Indices of the entities that are actors (see the module docstring).

    ``mentions`` are the named mentions, ``references`` the pronouns and descriptions
    coreference resolved, ``related`` the entities a relation finding or an affiliation
    names.
    """
    from factions.text.gazetteer import load_places, load_words, load_world, name_words

    words = load_words()
    places = load_places()
    world = load_world()
    keep_out = {" ".join(name_words(c)) for c in (*world.capitals, *world.countries)}
    if non_actor_heads is None:
        non_actor_heads = words.non_actor_heads
    political_heads = words.political_heads
    place_nouns = words.place_feature_heads | words.place_nouns
    motion = words.motion_verbs
    setting = words.setting_heads
    heads = (
        lex.state_heads
        | lex.proxy_heads
        | lex.title_words
        | lex.person_descriptions
        | political_heads
    )
    by_entity: dict[int, list[Mention]] = {}
    for m in (*mentions, *references):
        if m.entity >= 0:
            by_entity.setdefault(m.entity, []).append(m)
    communal = _conjoined_communities(doc, mentions, words.community_words)
    keep: set[int] = set()
    for i, e in enumerate(entities):
        ms = by_entity.get(i, [])
        named = [m for m in ms if m.named]
        if not named:
            continue
        if e.gazetteer_id:
            keep.add(i)
            continue
        if not e.external_id and any(
            _non_actor_name(
                m.text,
                words.place_feature_heads if m.label == "PERSON" else non_actor_heads,
                words.denomination_words,
            )
            for m in named
        ):
            continue  # an event, agreement, place or institution: never an actor
        if not e.external_id and all(
            _community(doc, m, words.community_words) or m.start in communal for m in named
        ):
            continue  # "Estonians and Latvians", "Lutheran Estonians": a community
        if not e.external_id and _town(doc, named, places, keep_out):
            continue  # "the fighting around Gori": a town, an attribute of events
        if i in related:
            keep.add(i)
            continue
        if e.kind == ActorKind.PERSON:
            if all(_place_like_name(doc, m, lex, place_nouns) for m in named):
                continue  # "the rebels overran Pemba": a town NER took for a person
            if all(m.end - m.start == 1 and not m.title for m in named) and not any(
                actor_like(doc, m, lex, heads, motion, setting) for m in ms
            ):
                continue  # "Tomahawk missiles": a one-word name that never acts is no person
            keep.add(i)
            continue
        if e.external_id and not e.external_id.startswith("iso3:"):
            keep.add(i)  # a party or an international organisation of the gazetteer
            continue
        if any(actor_like(doc, m, lex, heads, motion, setting) for m in ms):
            keep.add(i)
    return keep


_ARTICLES = ("the", "a", "an")  # dropped before a name, as ANNOTATION.md matches aliases


def _generic(text: str, pronouns: frozenset[str]) -> bool:
    """A mention that names nothing: lower-case but for a leading article ("the army",
    "parliament", "The government") or a pronoun. A name in a script without case is not
    generic."""
    words = text.split()
    if words and words[0].lower() in _ARTICLES:
        words = words[1:]
    rest = " ".join(words)
    return not rest or rest.lower() in pronouns or rest.islower()


def idle_generic_actors(
    actors: Sequence[ActorMentions],
    relations: Sequence[Relation],
    affiliations: Sequence[Affiliation],
    lex: Lexicon,
    exempt: Collection[str] = (),
) -> set[str]:
    """Ids of the actors named only generically (every mention lower-case but for a leading
    article, or a pronoun of ``lex.group_pronouns``; no external ID; not in ``exempt``, the
    user's own gazetteer actors) that no relation or affiliation names. The guideline counts
    named actors, and a generic body ("the government", "parliament") only as a party to
    what the text states; one the text merely mentions ("dissolved parliament", "in
    parliament") is not reported."""
    used = {x for r in relations for x in (r.a, r.b)}
    used.update(x for f in affiliations for x in (f.member, f.group))
    return {
        am.actor.id
        for am in actors
        if am.actor.id not in used
        and not am.actor.external_id
        and am.actor.id not in exempt
        and all(_generic(m.text, lex.group_pronouns) for m in am.mentions)
    }
