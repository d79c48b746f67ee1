"""Loading the lexicon (YAML data under ``lexicon/``) into fast look-up tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from importlib import resources

import yaml

from factions.text.parse_memo import has_negation

__all__ = [
    "Lexicon",
    "RuleWords",
    "Trigger",
    "cancels",
    "load_lexicon",
    "load_whole_words",
    "parse_event_phrases",
    "parse_event_verbs",
    "refuses",
    "rule_words",
    "verb_phrases",
]


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry: a word that states a relation of ``sign`` and ``kind``."""

    lemma: str
    pos: str  # "verb", "noun", "adj", "participle"
    sign: int
    kind: str
    preps: frozenset[str] = frozenset()
    particle: str | None = None  # "out" in "drive X out": the trigger needs it
    mode: str = "default"  # "link": the relation holds between two objects ("tie X to Y")


@dataclass(frozen=True)
class RuleWords:
    """The words the rule units (``text/rules/``) test against, from ``lexicon/rules.yaml``.

    Each field is one list of that file (see its comments): a set of lower-case words, or
    a word -> sign / word -> particles table.
    """

    relative_pronouns: frozenset[str] = frozenset()
    plural_auxiliaries: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    repeat_pronouns: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    example_preps: frozenset[str] = frozenset()
    co_agent_adverbs: frozenset[str] = frozenset()
    together_adverbs: frozenset[str] = frozenset()
    separation_particles: frozenset[str] = frozenset()
    list_particle_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    leading_verbs: frozenset[str] = frozenset()
    object_control_verbs: frozenset[str] = frozenset()
    object_control_preps: frozenset[str] = frozenset()
    temporal_preps: frozenset[str] = frozenset()
    between_preps: frozenset[str] = frozenset()
    topic_preps: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    longer_words: frozenset[str] = frozenset()
    uncancelled_preps: frozenset[str] = frozenset()
    past_prefixes: frozenset[str] = frozenset()
    reciprocals: frozenset[str] = frozenset()
    side_marks: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    continuing_verbs: frozenset[str] = frozenset()
    respectively_words: frozenset[str] = frozenset()
    default_verb_preps: frozenset[str] = frozenset()
    symmetric_kinds: frozenset[str] = frozenset()
    mutual_verbs: frozenset[str] = frozenset()
    refuse_verbs: frozenset[str] = frozenset()
    follower_nouns: frozenset[str] = frozenset()
    refusal_modals: frozenset[str] = frozenset()
    opposing_preps: frozenset[str] = frozenset()
    ending_verbs: frozenset[str] = frozenset()
    stopping_verbs: frozenset[str] = frozenset()
    lapsing_verbs: frozenset[str] = frozenset()
    near_miss_words: frozenset[str] = frozenset()
    keeping_words: frozenset[str] = frozenset()
    ending_preps: frozenset[str] = frozenset()
    ending_object_preps: frozenset[str] = frozenset()
    choose_verbs: frozenset[str] = frozenset()
    own_possessives: frozenset[str] = frozenset()
    intermediary_preps: frozenset[str] = frozenset()
    alongside_preps: frozenset[str] = frozenset()
    loss_verbs: frozenset[str] = frozenset()
    harming_acts: frozenset[str] = frozenset()
    harming_verbs: frozenset[str] = frozenset()
    suppressing_verbs: frozenset[str] = frozenset()
    aiming_verbs: frozenset[str] = frozenset()
    aiming_preps: frozenset[str] = frozenset()
    opposing_preps: frozenset[str] = frozenset()
    getting_verbs: frozenset[str] = frozenset()
    making_verbs: frozenset[str] = frozenset()
    destination_preps: frozenset[str] = frozenset()
    inclusion_verbs: frozenset[str] = frozenset()
    state_preps: frozenset[str] = frozenset()
    turn_preps: frozenset[str] = frozenset()
    stance_prefixes: dict[str, int] = field(default_factory=dict)
    mediate_verbs: frozenset[str] = frozenset()
    motion_nouns: frozenset[str] = frozenset()
    motion_qualifiers: dict[str, int] = field(default_factory=dict)
    motion_moving_verbs: frozenset[str] = frozenset()
    motion_target_preps: frozenset[str] = frozenset()
    prep_stance_verbs: frozenset[str] = frozenset()
    prep_stance_signs: dict[str, int] = field(default_factory=dict)
    found_verbs: frozenset[str] = frozenset()
    joint_bodies: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    leave_particles: dict[str, frozenset[str]] = field(default_factory=dict)
    response_nouns: frozenset[str] = frozenset()
    request_preps: frozenset[str] = frozenset()
    request_agent_preps: frozenset[str] = frozenset()
    lead_verbs: frozenset[str] = frozenset()
    leader_nouns: frozenset[str] = frozenset()
    leader_titles: frozenset[str] = frozenset()
    state_leader_nouns: frozenset[str] = frozenset()
    join_verbs: frozenset[str] = frozenset()
    member_nouns: frozenset[str] = frozenset()
    group_member_nouns: frozenset[str] = frozenset()
    part_nouns: frozenset[str] = frozenset()
    spokes_nouns: frozenset[str] = frozenset()
    spokes_preps: frozenset[str] = frozenset()
    member_preps: frozenset[str] = frozenset()
    other_words: frozenset[str] = frozenset()
    group_leader_preps: frozenset[str] = frozenset()
    state_leader_preps: frozenset[str] = frozenset()
    coalition_nouns: frozenset[str] = frozenset()
    composition_verbs: frozenset[str] = frozenset()
    inclusion_member_verbs: frozenset[str] = frozenset()
    made_of_verbs: frozenset[str] = frozenset()
    listing_nouns: frozenset[str] = frozenset()
    opposition_words: frozenset[str] = frozenset()
    opposition_preps: frozenset[str] = frozenset()
    opposition_places: frozenset[str] = frozenset()
    opposition_carrying_verbs: frozenset[str] = frozenset()
    superseded_modifiers: frozenset[str] = frozenset()
    intent_verbs: frozenset[str] = frozenset()
    intent_adjectives: frozenset[str] = frozenset()
    intent_nouns: frozenset[str] = frozenset()
    unasserting_preps: frozenset[str] = frozenset()
    hypothetical_marks: frozenset[str] = frozenset()
    ended_preps: frozenset[str] = frozenset()
    opposition_object_preps: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Lexicon:
    """Every word list the text pipeline uses, loaded once from ``lexicon/*.yaml``."""

    verbs: dict[str, Trigger]
    nouns: dict[str, Trigger]
    adjectives: dict[str, Trigger]
    participles: dict[str, Trigger]
    cancellers: frozenset[str]
    past_markers: frozenset[str]
    become_verbs: frozenset[str]
    countries: dict[str, str]  # lower-case country name or alias -> canonical country name
    capitals: dict[str, str]  # lower-case capital -> country
    demonyms: dict[str, str]  # lower-case demonym -> country
    state_heads: frozenset[str]
    titles: frozenset[str]
    title_words: frozenset[str]
    person_descriptions: frozenset[str]
    group_descriptions: dict[str, tuple[str, ...]]
    kinds: dict[str, str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    patronymic_particles: frozenset[str]
    name_particles: frozenset[str]
    name_prefixes: frozenset[str]
    office_prefixes: frozenset[str]
    rank_titles: frozenset[str]
    stop_actors: frozenset[str]
    locative_preps: frozenset[str]
    place_verbs: frozenset[str] = frozenset()
    proxy_heads: frozenset[str] = frozenset()
    relationship_nouns: frozenset[str] = frozenset()
    relationship_modifiers: dict[str, int] = field(default_factory=dict)
    change_nouns: dict[str, int] = field(default_factory=dict)
    list_verbs: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    request_nouns: frozenset[str] = frozenset()
    change_verbs: dict[str, int] = field(default_factory=dict)
    demand_verbs: frozenset[str] = frozenset()
    leave_verbs: frozenset[str] = frozenset()
    group_words: frozenset[str] = frozenset()
    led_heads: frozenset[str] = frozenset()
    generic_name_words: frozenset[str] = frozenset()
    name_type_words: frozenset[str] = frozenset()
    name_qualifiers: frozenset[str] = frozenset()
    bare_legislatures: frozenset[str] = frozenset()
    government_adjectives: frozenset[str] = frozenset()
    pair_nouns: dict[str, str] = field(default_factory=dict)  # noun -> actor kind
    armed_body_nouns: frozenset[str] = frozenset()
    party_nouns: frozenset[str] = frozenset()
    party_noun_modifiers: frozenset[str] = frozenset()
    name_head_prepositions: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    person_genders: dict[str, str] = field(default_factory=dict)
    government_force_modifiers: dict[str, str] = field(default_factory=dict)
    government_force_nouns: frozenset[str] = frozenset()
    title_verbs: frozenset[str] = frozenset()
    office_tenures: dict[str, str] = field(default_factory=dict)
    office_winning_verbs: frozenset[str] = frozenset()
    office_winning_nouns: frozenset[str] = frozenset()
    winner_declaring_verbs: frozenset[str] = frozenset()
    victory_verbs: frozenset[str] = frozenset()
    victory_nouns: frozenset[str] = frozenset()
    company_words: frozenset[str] = frozenset()
    minor_election_words: frozenset[str] = frozenset()
    office_leaving_verbs: frozenset[str] = frozenset()
    office_removing_verbs: frozenset[str] = frozenset()
    power_nouns: frozenset[str] = frozenset()
    person_agent_verbs: frozenset[str] = frozenset()
    person_led_nouns: frozenset[str] = frozenset()
    possessed_group_nouns: frozenset[str] = frozenset()
    state_ruling_verbs: frozenset[str] = frozenset()
    power_taking_verbs: frozenset[str] = frozenset()
    power_reaching_verbs: frozenset[str] = frozenset()
    taken_power_nouns: frozenset[str] = frozenset()
    ruling_adjectives: frozenset[str] = frozenset()
    ruling_group_nouns: frozenset[str] = frozenset()
    ruling_group_kinds: frozenset[str] = frozenset()
    rule_nouns: frozenset[str] = frozenset()
    ruled_body_nouns: frozenset[str] = frozenset()
    election_nouns: frozenset[str] = frozenset()
    as_light_objects: frozenset[str] = frozenset()
    description_kinds: dict[str, str] = field(default_factory=dict)
    description_blocking_preps: frozenset[str] = frozenset()
    modal_verbs: frozenset[str] = frozenset()
    feature_locative_preps: frozenset[str] = frozenset()
    table_header_words: frozenset[str] = frozenset()
    table_column_words: frozenset[str] = frozenset()
    table_no_party_words: frozenset[str] = frozenset()
    name_connectors: frozenset[str] = frozenset()
    table_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    country_words: frozenset[str] = frozenset()
    government_words: frozenset[str] = frozenset()
    government_synonyms: frozenset[str] = frozenset()
    plural_group_descriptions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    military_name_words: frozenset[str] = frozenset()
    military_government_words: frozenset[str] = frozenset()
    office_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    body_synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    polity_nouns: frozenset[str] = frozenset()
    office_adjectives: frozenset[str] = frozenset()
    former_office_adjectives: frozenset[str] = frozenset()
    new_office_adjectives: frozenset[str] = frozenset()
    outgoing_office_adjectives: frozenset[str] = frozenset()
    salient_offices: frozenset[str] = frozenset()
    headed_government_nouns: frozenset[str] = frozenset()
    government_forming_verbs: frozenset[str] = frozenset()
    government_head_offices: frozenset[str] = frozenset()
    honorifics: frozenset[str] = frozenset()
    regnal_numerals: frozenset[str] = frozenset()
    coalition_count_nouns: frozenset[str] = frozenset()
    defeated_role_nouns: frozenset[str] = frozenset()
    government_ending_verbs: frozenset[str] = frozenset()
    non_ruling_government_words: frozenset[str] = frozenset()
    described_coalition_heads: frozenset[str] = frozenset()
    coalition_description_words: frozenset[str] = frozenset()
    generic_actors: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    bare_generic_actors: dict[str, str] = field(default_factory=dict)
    party_family_plurals: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    idioms: dict[str, tuple[tuple[frozenset[str], Trigger], ...]] = field(default_factory=dict)
    rules: RuleWords = field(default_factory=RuleWords)
    event_verbs: dict[str, int] = field(default_factory=dict)  # lemma -> CAMEO root (1-20)
    # verb -> (prep or "-", object word) -> CAMEO root (0: the phrase is no event)
    event_phrases: dict[str, dict[tuple[str, str], int]] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def parse_event_verbs(text: str, name: str = "event_verbs.tsv") -> dict[str, int]:
    """Lemma -> CAMEO root code (1-20) of an event-verb table (``lemma<TAB>root``, that header
    line first). A malformed line, a lemma listed twice or a table without rows is an error
    naming the file and the line(s); lemmas are read in lower case, as they are looked up."""
    out: dict[str, int] = {}
    expected = "'lemma<TAB>root' with a CAMEO root 01-20"
    rows = _rows(text, name, ("lemma", "root"), expected)
    for n, (lemma, root) in _unique(rows, name, 1):
        out[lemma] = _root(root, 1, name, n, expected)
    return out


def _rows(
    text: str, name: str, header: tuple[str, ...], expected: str, *, empty: bool = False
) -> list:
    """(line number, fields) of a tab-separated lexicon table, fields in lower case. A first
    line other than ``header``, a line without ``len(header)`` non-empty fields, or a table
    without rows (unless ``empty``) is an error naming the file and the line."""
    lines = text.splitlines()
    want = "\t".join(header)
    if not lines or lines[0].strip().lower() != want:
        got = lines[0] if lines else ""
        raise ValueError(f"lexicon/{name}, line 1: expected the header {want!r}, got {got!r}")
    out = []
    for n, line in enumerate(lines[1:], start=2):
        parts = [p.strip().lower() for p in line.split("\t")]
        if len(parts) != len(header) or not all(parts):
            raise ValueError(f"lexicon/{name}, line {n}: expected {expected}, got {line!r}")
        out.append((n, parts))
    if not out and not empty:
        raise ValueError(f"lexicon/{name}: the table has a header and no rows")
    return out


def _unique(rows: list, name: str, key: int) -> list:
    """``rows`` unchanged; two rows whose first ``key`` fields agree are an error naming both
    lines (a table must not resolve a conflict silently)."""
    seen: dict[tuple[str, ...], int] = {}
    for n, parts in rows:
        k = tuple(parts[:key])
        if k in seen:
            raise ValueError(
                f"lexicon/{name}, lines {seen[k]} and {n}: {' '.join(k)!r} is listed twice"
            )
        seen[k] = n
    return rows


def _root(root: str, low: int, name: str, n: int, expected: str) -> int:
    """The CAMEO root code ``root`` (one or two ASCII digits, ``low``-20) of line ``n``."""
    if not re.fullmatch(r"\d\d?", root, re.ASCII) or not low <= int(root) <= 20:
        raise ValueError(f"lexicon/{name}, line {n}: expected {expected}, got root {root!r}")
    return int(root)


def parse_event_phrases(
    text: str,
    synsets: str,
    name: str = "event_phrases.tsv",
    synsets_name: str = "event_synsets.tsv",
) -> dict[str, dict[tuple[str, str], int]]:
    """Verb -> (prep, object) -> CAMEO root of an event-phrase table (``verb<TAB>prep<TAB>
    object<TAB>root``, ``prep`` ``-`` for a direct object, root 00 for "no event"), with
    objects that name a synonym set (``&detention``) expanded by the synonym-set table
    (``set<TAB>word``, which may have no rows). A malformed line, a row listed twice, a
    phrase table without rows or a set the synonym table lacks is an error naming the file
    and the line(s); fields are read in lower case, as they are looked up."""
    members: dict[str, list[str]] = {}
    set_rows = _rows(synsets, synsets_name, ("set", "word"), "'set<TAB>word'", empty=True)
    for _, (synset, word) in _unique(set_rows, synsets_name, 2):
        members.setdefault(synset, []).append(word)
    expected = "'verb<TAB>prep<TAB>object<TAB>root' with a CAMEO root 00-20"
    rows = []
    phrase_rows = _rows(text, name, ("verb", "prep", "object", "root"), expected)
    for n, (verb, prep, obj, root_text) in _unique(phrase_rows, name, 3):
        root = _root(root_text, 0, name, n, expected)
        if obj.startswith("&") and obj not in members:
            raise ValueError(
                f"lexicon/{name}, line {n}: object {obj!r} names a synonym set that "
                f"lexicon/{synsets_name} does not list"
            )
        rows.append((verb, prep, obj, root))
    out: dict[str, dict[tuple[str, str], int]] = {}
    # a word the table names outright wins over the same word as a member of a set
    for verb, prep, obj, root in sorted(rows, key=lambda r: r[2].startswith("&")):
        for word in members[obj] if obj.startswith("&") else [obj]:
            out.setdefault(verb, {}).setdefault((prep, word), root)
    return out


def _event_phrases() -> dict[str, dict[tuple[str, str], int]]:
    """The shipped event-phrase table (``lexicon/event_phrases.tsv`` with
    ``event_synsets.tsv``, derived from the PETRARCH2 CAMEO verb patterns by
    ``scripts/build_event_verbs.py``; LICENSE-event-verbs.md)."""
    return parse_event_phrases(_text("event_phrases.tsv"), _text("event_synsets.tsv"))


def _event_verbs(name: str = "event_verbs.tsv") -> dict[str, int]:
    """The shipped event-verb table (``lexicon/event_verbs.tsv``, derived from the PETRARCH2
    CAMEO verb dictionary by ``scripts/build_event_verbs.py``; LICENSE-event-verbs.md)."""
    return parse_event_verbs(_text(name), name)


def _text(name: str) -> str:
    """A lexicon file shipped in the package, as text."""
    return resources.files("factions.text").joinpath("lexicon", name).read_text("utf-8")


def _read(name: str) -> dict:
    return yaml.safe_load(_text(name)) or {}


def load_whole_words() -> dict[str, tuple[str, str]]:
    """The words the tokenizer keeps whole (``tokens.yaml``: ``whole_words``), each with its
    norm and its lemma: ``{"re-elected": ("elected", "elect")}``. A malformed entry is an
    error naming it."""
    out: dict[str, tuple[str, str]] = {}
    for word, reading in (_read("tokens.yaml").get("whole_words") or {}).items():
        if not isinstance(reading, dict) or not {"norm", "lemma"} <= reading.keys():
            raise ValueError(
                f"tokens.yaml: whole_words.{word}: expected {{norm: ..., lemma: ...}}, "
                f"got {reading!r}"
            )
        out[str(word)] = (str(reading["norm"]), str(reading["lemma"]))
    return out


def _preps(entry: dict, where: str) -> frozenset[str]:
    """An entry's ``preps`` as lower-case words; a value YAML did not read as a word (a bare
    ``on`` or ``no`` is a boolean in YAML 1.1) is an error naming the entry."""
    preps = entry.get("preps", []) or []
    bad = [p for p in preps if not isinstance(p, str)]
    if bad:
        raise ValueError(
            f'triggers.yaml: {where}: preps: {bad!r} is not a word (quote it: "on", "no")'
        )
    return frozenset(p.lower() for p in preps)


def _triggers(data: dict, pos: str) -> dict[str, Trigger]:
    out = {}
    for lemma, e in (data or {}).items():
        out[lemma.lower()] = Trigger(
            lemma=lemma.lower(),
            pos=pos,
            sign=int(e["sign"]),
            kind=str(e["kind"]),
            preps=_preps(e, f"{pos} {lemma}"),
            particle=e.get("particle"),
            mode=e.get("mode", "default"),
        )
    return out


def _idioms(data: list | None) -> dict[str, tuple[tuple[frozenset[str], Trigger], ...]]:
    """verb lemma -> ((words one of which must be its particle or object, trigger), ...)."""
    out: dict[str, list[tuple[frozenset[str], Trigger]]] = {}
    for e in data or []:
        verb = str(e["verb"]).lower()
        trig = Trigger(
            lemma=verb,
            pos="idiom",
            sign=int(e["sign"]),
            kind=str(e["kind"]),
            preps=_preps(e, f"idiom {verb}"),
        )
        out.setdefault(verb, []).append((_low(e["with"]), trig))
    return {k: tuple(v) for k, v in out.items()}


def _low(items) -> frozenset[str]:
    return frozenset(str(x).lower() for x in items or [])


def _lists(items) -> dict[str, tuple[str, ...]]:
    """A mapping of lower-case words to lower-case word lists."""
    return {str(k).lower(): tuple(str(v).lower() for v in vs) for k, vs in (items or {}).items()}


def verb_phrases(verb) -> set[str]:
    """A verb token's lemma, alone and with each particle or adverb it has ("rule out",
    "bring together", "make up"): what a word list of verbs and phrasal verbs is matched
    against."""
    lemma = verb.lemma_.lower()
    return {lemma} | {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")}


def cancels(word, lex: Lexicon) -> bool:
    """Whether the token ``word`` cancels the relation it governs: a word or phrasal verb of
    ``cancellers`` ("refused", "ended", "ruled out", "turned down"); not when negated ("did
    not end") or itself cancelled ("refused to rule out a coalition", "refused to end the
    alliance": :func:`_cancelled`)."""
    if not verb_phrases(word) & lex.cancellers:
        return False
    return not has_negation(word) and not _cancelled(word, lex)


def refuses(verb, lex: Lexicon) -> bool:
    """Whether the verb token ``verb`` is a refusal of ``refuse_verbs`` ("refused", "ruled
    out"), neither negated ("did not refuse") nor itself cancelled ("refused to rule
    out")."""
    return _stated_verb(verb, lex.rules.refuse_verbs, lex)


def ends(verb, lex: Lexicon, particle: str | None = None) -> bool:
    """Whether the verb token ``verb`` is an ending of ``ending_verbs`` ("withdrew", "ended",
    "stopped", "pulled out": ``particle`` is a preposition the tie hangs on after the verb,
    "out" of "pulled out of"), neither negated ("did not end") nor the complement of a
    cancelling verb, negated or not ("refused to end", "did not rule out ending": no
    ending is stated). A verb with a particle the list does not pair it with ends nothing
    ("ended up forming a coalition", "pulled together a coalition")."""
    governed = verb.dep_ in ("xcomp", "ccomp", "dobj", "pcomp") and verb.head.i != verb.i
    if governed and verb_phrases(verb.head) & lex.cancellers:
        return False
    phrases = _particled_phrases(verb)
    if particle is not None:
        phrases.add(f"{verb.lemma_.lower()} {particle}")
    return _stated_verb(verb, lex.rules.ending_verbs, lex, phrases)


def lapses(verb, lex: Lexicon, passive: bool = False) -> bool:
    """Whether the verb token ``verb`` is one by which its subject, a tie, lapses: one of
    ``lapsing_verbs`` ("the alliance collapsed", "broke up", "fell apart") or, when the tie
    is its passive subject (``passive``), one of ``ending_verbs`` ("the pact was
    terminated"); neither negated ("did not collapse") nor cancelled, and not with a
    particle the list does not pair it with ("the coalition ended up governing")."""
    words = lex.rules.lapsing_verbs | (lex.rules.ending_verbs if passive else frozenset())
    return _stated_verb(verb, words, lex, _particled_phrases(verb))


def _particled_phrases(verb) -> set[str]:
    """:func:`verb_phrases` without the bare lemma when the verb has a particle: "ended up"
    is not "end"."""
    phrases = verb_phrases(verb)
    if any(c.dep_ == "prt" for c in verb.children):
        phrases.discard(verb.lemma_.lower())
    return phrases


def _stated_verb(
    verb, words: frozenset[str], lex: Lexicon, phrases: set[str] | None = None
) -> bool:
    """Whether ``verb`` (as one of ``phrases``, by default :func:`verb_phrases`) is one of
    ``words``, neither negated nor itself cancelled."""
    named = bool((verb_phrases(verb) if phrases is None else phrases) & words)
    return named and not has_negation(verb) and not _cancelled(verb, lex)


def _cancelled(word, lex: Lexicon) -> bool:
    """Whether ``word`` is the complement of a verb that cancels it ("refused to end")."""
    return word.dep_ == "xcomp" and word.head.i != word.i and cancels(word.head, lex)


def _kinds(name: str, key: str, items) -> dict[str, str]:
    """A mapping of lower-case words to actor kinds; a kind that is none of
    :class:`factions.model.ActorKind` is an error naming the file, the list and the word."""
    from factions.model import ActorKind

    known = {k.value for k in ActorKind}
    out = {str(k).lower(): str(v) for k, v in (items or {}).items()}
    for word, kind in out.items():
        if kind not in known:
            raise ValueError(
                f"lexicon/{name}: {key}: {word!r}: expected an actor kind "
                f"({', '.join(sorted(known))}), got {kind!r}"
            )
    return out


def _words(name: str, key: str, items) -> frozenset[str]:
    """A list of words, each a string (YAML reads a bare ``no`` or ``on`` as a boolean)."""
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ValueError(f"lexicon/{name}: {key}: expected a list of words (quote no/on/off)")
    return frozenset(x.lower() for x in items)


def _word_map(name: str, key: str, items) -> dict[str, str]:
    """A mapping of words to words, lower-cased; anything else (a list, a bare YAML ``no``)
    is an error naming the file and the mapping."""
    if not isinstance(items, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in items.items()
    ):
        raise ValueError(f"lexicon/{name}: {key}: expected a mapping of words to words")
    return {k.lower(): v.lower() for k, v in items.items()}


def _word_lists(name: str, key: str, items) -> dict[str, tuple[str, ...]]:
    """Named lists of words, case kept ("MPs"); anything else is an error naming the file,
    the mapping and the list."""
    if not isinstance(items, dict):
        raise ValueError(f"lexicon/{name}: {key}: expected a mapping of named word lists")
    out = {}
    for k, ws in items.items():
        if not isinstance(ws, list) or not all(isinstance(x, str) for x in ws):
            raise ValueError(
                f"lexicon/{name}: {key}.{k}: expected a list of words (quote no/on/off)"
            )
        out[str(k)] = tuple(ws)
    return out


def rule_words(data: dict, name: str = "rules.yaml") -> RuleWords:
    """:class:`RuleWords` from the mapping of ``rules.yaml``: every field is required, and a
    key that is no field is an error (so a misspelt list never goes silently empty)."""
    names = {f.name for f in fields(RuleWords)}
    missing = sorted(names - set(data))
    unknown = sorted(set(data) - names)
    if missing or unknown:
        raise ValueError(f"lexicon/{name}: missing keys {missing}, unknown keys {unknown}")
    values: dict = {}
    for key, v in data.items():
        if not isinstance(v, dict):
            values[key] = _words(name, key, v)
        elif all(isinstance(x, int) and not isinstance(x, bool) for x in v.values()):
            values[key] = {str(k).lower(): int(x) for k, x in v.items()}
        else:
            values[key] = {str(k).lower(): _words(name, key, x) for k, x in v.items()}
    return RuleWords(**values)


_WORD_LISTS = (  # the plain word lists of words.yaml, each a Lexicon field of its name
    "state_heads",
    "person_descriptions",
    "person_pronouns",
    "group_pronouns",
    "patronymic_particles",
    "name_particles",
    "name_prefixes",
    "office_prefixes",
    "rank_titles",
    "stop_actors",
    "locative_preps",
    "place_verbs",
    "proxy_heads",
    "list_verbs",
    "group_words",
    "led_heads",
    "generic_name_words",
    "name_type_words",
    "name_qualifiers",
    "bare_legislatures",
    "government_adjectives",
    "armed_body_nouns",
    "party_nouns",
    "party_noun_modifiers",
    "name_head_prepositions",
    "person_nouns",
    "government_force_nouns",
    "title_verbs",
    "office_winning_verbs",
    "office_winning_nouns",
    "victory_verbs",
    "winner_declaring_verbs",
    "victory_nouns",
    "company_words",
    "minor_election_words",
    "office_leaving_verbs",
    "office_removing_verbs",
    "power_nouns",
    "person_agent_verbs",
    "person_led_nouns",
    "possessed_group_nouns",
    "state_ruling_verbs",
    "power_taking_verbs",
    "power_reaching_verbs",
    "taken_power_nouns",
    "ruling_adjectives",
    "ruling_group_nouns",
    "ruling_group_kinds",
    "rule_nouns",
    "ruled_body_nouns",
    "election_nouns",
    "as_light_objects",
    "description_blocking_preps",
    "modal_verbs",
    "feature_locative_preps",
    "table_header_words",
    "table_column_words",
    "table_no_party_words",
    "name_connectors",
    "country_words",
    "government_words",
    "government_synonyms",
    "military_name_words",
    "military_government_words",
    "polity_nouns",
    "office_adjectives",
    "former_office_adjectives",
    "new_office_adjectives",
    "outgoing_office_adjectives",
    "salient_offices",
    "headed_government_nouns",
    "government_forming_verbs",
    "government_head_offices",
    "honorifics",
    "regnal_numerals",
    "coalition_count_nouns",
    "defeated_role_nouns",
    "government_ending_verbs",
    "non_ruling_government_words",
    "described_coalition_heads",
    "coalition_description_words",
    "generic_actors",
    "party_family_plurals",
)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The lexicon shipped with factions (cached)."""
    trig = _read("triggers.yaml")
    words = _read("words.yaml")

    def listed(key: str) -> frozenset[str]:  # a word list of words.yaml, checked
        return _words("words.yaml", key, words.get(key))

    countries_raw = _read("countries.yaml")
    countries: dict[str, str] = {}
    capitals: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for name, e in countries_raw.items():
        e = e or {}
        countries[name.lower()] = name
        for alias in e.get("names", []) or []:
            countries[str(alias).lower()] = name
        cap = e.get("capital")
        if cap:
            capitals[str(cap).lower()] = name
        for d in e.get("demonyms", []) or []:
            demonyms[str(d).lower()] = name
    titles = _low(words.get("titles"))
    title_words = frozenset(w.rstrip(".") for t in titles for w in t.split())
    return Lexicon(
        verbs=_triggers(trig.get("verbs"), "verb"),
        nouns=_triggers(trig.get("nouns"), "noun"),
        adjectives=_triggers(trig.get("adjectives"), "adj"),
        participles=_triggers(trig.get("compound_participles"), "participle"),
        cancellers=_low(trig.get("cancellers")),
        past_markers=_low(trig.get("past_markers")),
        become_verbs=_low(trig.get("become_verbs")),
        countries=countries,
        capitals=capitals,
        demonyms=demonyms,
        titles=titles,
        title_words=title_words,
        group_descriptions={
            k.lower(): tuple(v) for k, v in (words.get("group_descriptions") or {}).items()
        },
        kinds={k.lower(): v for k, v in (words.get("kinds") or {}).items()},
        relationship_nouns=_low(trig.get("relationship_nouns")),
        relationship_modifiers={
            str(k).lower(): int(v) for k, v in (trig.get("relationship_modifiers") or {}).items()
        },
        change_nouns={str(k).lower(): int(v) for k, v in (trig.get("change_nouns") or {}).items()},
        claim_verbs=_low(trig.get("claim_verbs")),
        request_nouns=_low(trig.get("request_nouns")),
        demand_verbs=_low(trig.get("demand_verbs")),
        leave_verbs=_low(trig.get("leave_verbs")),
        change_verbs={str(k).lower(): int(v) for k, v in (trig.get("change_verbs") or {}).items()},
        pair_nouns=_kinds("words.yaml", "pair_nouns", words.get("pair_nouns")),
        person_genders={
            w.lower(): gender
            for gender, ws in _word_lists(
                "words.yaml", "person_genders", words.get("person_genders") or {}
            ).items()
            for w in ws
        },
        government_force_modifiers=_word_map(
            "words.yaml", "government_force_modifiers", words.get("government_force_modifiers")
        ),
        office_tenures=_word_map("words.yaml", "office_tenures", words.get("office_tenures")),
        description_kinds=_word_map(
            "words.yaml", "description_kinds", words.get("description_kinds")
        ),
        table_words=_word_lists("words.yaml", "table_words", words.get("table_words")),
        plural_group_descriptions=_lists(words.get("plural_group_descriptions")),
        office_synonyms=_lists(words.get("office_synonyms")),
        body_synonyms=_lists(words.get("body_synonyms")),
        light_verbs=_low(trig.get("light_verbs")),
        idioms=_idioms(trig.get("idioms")),
        rules=rule_words(_read("rules.yaml")),
        generic_heads=frozenset(
            str(x).split()[-1].lower() for x in words.get("generic_actors") or []
        ),
        bare_generic_actors={
            str(k).lower(): str(v).lower()
            for k, v in (words.get("bare_generic_actors") or {}).items()
        },
        event_verbs=_event_verbs(),
        event_phrases=_event_phrases(),
        **{key: listed(key) for key in _WORD_LISTS},
    )
