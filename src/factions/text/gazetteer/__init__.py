"""The world gazetteer: reference actors shipped with factions, with stable external ids.

Four sources, all inside the package (nothing is read from outside it or fetched):

- **parties**: Party Facts core parties (Döring & Regel 2019; MIT, ``data/LICENSE-partyfacts.md``)
  in the compact form ``data/parties.tsv`` written by ``scripts/build_gazetteer.py``: English,
  native, short and other names, ISO-3 country, years active; id ``partyfacts:<id>``;
- **states**: every state of ISO 3166-1 and the former states of ISO 3166-3 from ``pycountry``
  (codes and ISO names), with the demonyms, capitals and short names no package has from the
  hand table ``data/states.yaml``; id ``iso3:<code>``;
- **international organisations**: UN bodies and missions, regional organisations, alliances
  with their acronyms, ``data/igos.yaml``; id ``igo:<code>``;
- **legislatures**: national legislatures and chambers known by a name of their own ("the
  Knesset", "the Sejm"), ``data/legislatures.yaml``; id ``legislature:<code>``.

Beside the actors, ``data/places.tsv`` lists town and city names (GeoNames, CC BY 4.0,
``data/LICENSE-geonames.md``; :func:`load_places`), which are places, never actors.

:func:`load_world` reads them once (well under a second; ``bench/extract_throughput.py``
prints the time) into a :class:`WorldGazetteer`; :mod:`factions.text.gazetteer.matcher` finds
its names in a parsed document. Every entry has a stable ``actor_id`` (the slug of its name,
with the country code when several entries share that slug), so one party is one actor
whichever of its names a document uses.
"""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml

from factions.model import slugify

_WORD = re.compile(r"[^\W_]+")
_DOTTED = re.compile(r"(?<![^\W_])(?:[A-Za-z]\.){2,}(?![^\W_])")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PARTIES = "partyfacts"
STATES = "iso3"
IGOS = "igo"
LEGISLATURES = "legislature"


def _fold(text: str) -> str:
    if text.isascii():
        return text.casefold()
    t = unicodedata.normalize("NFKD", text)
    return "".join(c for c in t if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1 << 14)
def name_words(text: str) -> tuple[str, ...]:
    """The words a name is matched by: accent-, case- and punctuation-free, a dotted
    acronym as one word (``"U.N. Security Council"`` -> ``("un", "security", "council")``).
    Cached: every mention's text is folded by several readers of one document."""
    if "." in text:
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    return tuple(_WORD.findall(_fold(text)))


def bare_name_words(text: str) -> tuple[str, ...]:
    """:func:`name_words` without a leading "the" ("the Green Party" -> ``("green",
    "party")``)."""
    words = name_words(text)
    return words[1:] if words[:1] == ("the",) else words


def letters(text: str) -> str:
    """The letters and digits of ``text`` in their case, dots and dashes dropped ("U.N." -> "UN")."""
    return "".join(_WORD.findall(text))


@dataclass(frozen=True)
class Entry:
    """One reference actor."""

    external_id: str  # "partyfacts:5619", "iso3:IRQ", "igo:UN"
    actor_id: str  # stable slug, the actor's id in a system file
    name: str  # display name
    kind: str  # an ActorKind value
    iso3: str | None = None  # the country of a party; the state itself for a state
    first: int | None = None  # years active (parties)
    last: int | None = None

    @property
    def source(self) -> str:
        return self.external_id.split(":", 1)[0]


@dataclass(frozen=True)
class Name:
    """One name of an entry, as matched: its words, the entry, how strictly it is matched
    (``A`` acronym: in its case; ``a`` acronym the data also spells otherwise: capitalised,
    in any case; ``C`` common word; ``G`` generic; ``""`` plain; for
    states ``S`` name, ``D`` demonym, ``P`` capital: country context only) and its letters
    (for the case check of an acronym)."""

    words: tuple[str, ...]
    external_id: str
    flag: str
    letters: str


@dataclass
class WorldGazetteer:
    """Reference actors and the index of their names (first word -> names)."""

    entries: dict[str, Entry] = field(default_factory=dict)
    index: dict[str, list[Name]] = field(default_factory=dict)
    index2: dict[tuple[str, str | None], list[Name]] = field(default_factory=dict)  # 2 words
    countries: dict[str, str] = field(default_factory=dict)  # lower-case name -> display name
    capitals: dict[str, str] = field(default_factory=dict)  # lower-case capital -> display name
    demonyms: dict[str, str] = field(default_factory=dict)  # lower-case demonym -> display name
    state_ids: dict[str, str] = field(default_factory=dict)  # display name -> "iso3:XXX"
    abbreviations: frozenset[str] = frozenset()
    political_words: frozenset[str] = frozenset()
    non_actor_heads: frozenset[str] = frozenset()
    body_heads: dict[str, str] = field(default_factory=dict)
    load_seconds: float = 0.0
    first_words: dict = field(default_factory=dict, repr=False)  # {"words": [...], vocab: hashes}
    _names: dict = field(default_factory=dict, repr=False)  # (words, id) -> its Name
    _party_countries: dict = field(default_factory=dict, repr=False)  # word -> ISO-3 codes

    def add_name(self, text: str, external_id: str, flag: str = "") -> None:
        words = name_words(text)
        if words and words[0] == "the" and len(words) > 1:
            words = words[1:]
        if not words:
            return
        old = self._names.get((words, external_id))
        if old is not None:
            if {old.flag, flag} == {"A", ""}:  # "NATO" and "Nato": an acronym either way
                self._replace(old, Name(words, external_id, "a", old.letters or letters(text)))
            return
        self._replace(None, Name(words, external_id, flag, letters(text) if flag == "A" else ""))

    def _replace(self, old: Name | None, new: Name) -> None:
        """Index ``new`` by its first word and its first two, in place of ``old``."""
        self._names[(new.words, new.external_id)] = new
        second = new.words[1] if len(new.words) > 1 else None
        for table, key in ((self.index, new.words[0]), (self.index2, (new.words[0], second))):
            names = table.setdefault(key, [])
            if old is None:
                names.append(new)
            else:
                names[names.index(old)] = new

    def named(self, words: tuple[str, ...]) -> list[Name]:
        """The listed names that are exactly ``words`` (:func:`name_words`, no leading
        "the"), of any entry."""
        if not words:
            return []
        key = (words[0], words[1] if len(words) > 1 else None)
        return [n for n in self.index2.get(key, ()) if n.words == words]

    def lists(self, words: tuple[str, ...], external_id: str) -> bool:
        """Whether ``words`` (:func:`name_words`, no leading "the") are one of the names
        listed for ``external_id``."""
        return any(n.external_id == external_id for n in self.named(words))

    def party_countries(self, word: str) -> frozenset[str]:
        """The countries (ISO-3) of the parties whose listed name holds ``word`` (computed
        once a word)."""
        got = self._party_countries.get(word)
        if got is None:
            got = frozenset(
                e.iso3
                for e in self.entries.values()
                if e.source == "partyfacts" and e.iso3 and word in name_words(e.name)
            )
            self._party_countries[word] = got
        return got

    def state_of(self, country: str) -> Entry | None:
        """The state entry of a country's display name ("Iraq" -> iso3:IRQ)."""
        ext = self.state_ids.get(country)
        return self.entries.get(ext) if ext else None


def _read(name: str) -> str:
    return resources.files("factions.text.gazetteer").joinpath("data", name).read_text("utf-8")


def _year(text: str) -> int | None:
    try:
        return int(text)
    except ValueError:
        return None


def _iso_names(name: str) -> list[str]:
    """English names of an ISO 3166 name: "Korea, Republic of" -> ["Korea", "Republic of
    Korea"]; "Yugoslavia, (Socialist) Federal Republic of" -> ["Yugoslavia", "Federal
    Republic of Yugoslavia", "Socialist Federal Republic of Yugoslavia"]. A qualifier
    after the comma is no name of its own: "Virgin Islands, British" -> ["Virgin Islands"]
    (the official name, "British Virgin Islands", is read separately), and so for "U.S.",
    "Metropolitan" and "Province of China"."""
    out = [name]
    if ", " in name:
        head, _, rest = name.partition(", ")
        out = [head]
        if len(rest.split()) == 1 or rest.startswith("Province of"):
            return out
        rests = [rest]
        if "(" in rest:
            rests = [
                re.sub(r"\s*\([^)]*\)\s*", " ", rest).strip(),
                rest.replace("(", "").replace(")", ""),
            ]
        for r in rests:
            out.append(f"{r} {head}" if r.endswith(" of") or r.endswith(" of the") else r)
    return [n for n in out if n]


def _add_states(g: WorldGazetteer) -> None:
    import pycountry

    table = yaml.load(_read("states.yaml"), Loader=_LOADER) or {}
    iso: dict[str, list[str]] = {}
    for c in pycountry.countries:
        names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
        iso[c.alpha_3] = [n for n in names if n]
    for c in pycountry.historic_countries:
        iso.setdefault(c.alpha_3, [c.name])
    used: set[str] = set()
    for code in sorted(set(iso) | set(table)):
        row = table.get(code) or {}
        iso_names = [x for n in iso.get(code, []) for x in _iso_names(n)]
        if not row and code not in {c.alpha_3 for c in pycountry.countries}:
            continue  # a former dependency nobody names as a state ("Canton Islands")
        display = row.get("name") or (iso.get(code) and _iso_names(iso[code][-1])[0]) or code
        ext = f"{STATES}:{code}"
        aid = slugify(unicodedata.normalize("NFKD", display).encode("ascii", "ignore").decode())
        if aid in used:
            aid = f"{aid}-{code.lower()}"
        used.add(aid)
        g.entries[ext] = Entry(ext, aid, display, "state", iso3=code)
        g.state_ids[display] = ext
        for n in (display, *iso_names, *(row.get("names") or [])):
            g.countries.setdefault(n.lower(), display)
            g.add_name(n, ext, "S")
        for d in row.get("demonyms") or []:
            g.demonyms.setdefault(d.lower(), display)
            g.add_name(d, ext, "D")
        for cap in (row.get("capital"), *(row.get("seats") or [])):
            if cap:  # a capital, or a seat of government named for it ("the Kremlin said")
                g.capitals.setdefault(cap.lower(), display)
                g.add_name(cap, ext, "P")


def _add_table(g: WorldGazetteer, file: str, scheme: str, kind: str) -> None:
    """The entries of a hand table (``igos.yaml``, ``legislatures.yaml``): code -> its name,
    other names, kind (``kind`` unless given) and country; id ``<scheme>:<code>``. A name
    in capitals without a space is an acronym, matched in its case."""
    table = yaml.load(_read(file), Loader=_LOADER) or {}
    for code, row in table.items():
        ext = f"{scheme}:{code}"
        name = row["name"]
        entry = Entry(ext, slugify(name), name, row.get("kind", kind), row.get("country"))
        g.entries[ext] = entry
        for n in (name, *(row.get("names") or [])):
            bare = n[4:] if n.lower().startswith("the ") else n
            flag = "A" if bare.replace("-", "").isupper() and " " not in bare else ""
            g.add_name(n, ext, flag)


def _add_parties(g: WorldGazetteer, org_kind) -> None:
    lines = _read("parties.tsv").splitlines()
    rows = []
    slugs: dict[str, int] = {}
    for line in lines[1:]:
        pid, iso3, first, last, name, names = line.split("\t")
        slug = slugify(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode())
        slugs[slug] = slugs.get(slug, 0) + 1
        rows.append((pid, iso3, first, last, name, names, slug))
    seen: set[str] = set(e.actor_id for e in g.entries.values())
    for pid, iso3, first, last, name, names, slug in rows:
        ext = f"{PARTIES}:{pid}"
        aid = slug if slugs[slug] == 1 and slug not in seen else f"{slug}-{iso3.lower()}"
        if aid in seen:
            aid = f"{slug}-{pid}"
        seen.add(aid)
        g.entries[ext] = Entry(
            ext, aid, name, org_kind(name), iso3=iso3, first=_year(first), last=_year(last)
        )
        for n in names.split(" | "):
            flag, sep, text = n.partition(":")
            if not sep or flag not in ("A", "C", "G", "Y"):
                flag, text = "", n
            g.add_name(text, ext, flag)


def _party_kind(lex):
    from factions.text.mentions import org_kind

    def kind(name: str) -> str:
        k = str(org_kind(name, lex))
        return "party" if k == "organization" else k

    return kind


@dataclass(frozen=True)
class Words:
    """The word lists of ``data/words.yaml``."""

    abbreviations: frozenset[str]
    political_words: frozenset[str]
    non_actor_heads: frozenset[str]
    body_heads: dict[str, str]
    political_heads: frozenset[str] = frozenset()
    place_feature_heads: frozenset[str] = frozenset()
    agent_participles: frozenset[str] = frozenset()
    calendar_words: frozenset[str] = frozenset()
    compass_words: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    community_words: frozenset[str] = frozenset()
    setting_heads: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    name_function_words: frozenset[str] = frozenset()
    name_group_nouns: frozenset[str] = frozenset()
    name_possessive_words: frozenset[str] = frozenset()
    denomination_words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_words() -> Words:
    """The gazetteer's word lists (cached)."""
    words = yaml.load(_read("words.yaml"), Loader=_LOADER) or {}
    return Words(
        abbreviations=frozenset(str(x).upper() for x in words.get("abbreviations") or []),
        political_words=frozenset(str(x).lower() for x in words.get("political_words") or []),
        non_actor_heads=frozenset(str(x).lower() for x in words.get("non_actor_heads") or []),
        body_heads={str(k).lower(): str(v) for k, v in (words.get("body_heads") or {}).items()},
        political_heads=frozenset(str(x).lower() for x in words.get("political_heads") or []),
        calendar_words=frozenset(str(x).lower() for x in words.get("calendar_words") or []),
        compass_words=frozenset(str(x).lower() for x in words.get("compass_words") or []),
        agent_participles=frozenset(str(x).lower() for x in words.get("agent_participles") or []),
        place_feature_heads=frozenset(
            str(x).lower() for x in words.get("place_feature_heads") or []
        ),
        motion_verbs=frozenset(str(x).lower() for x in words.get("motion_verbs") or []),
        community_words=frozenset(str(x).lower() for x in words.get("community_words") or []),
        setting_heads=frozenset(str(x).lower() for x in words.get("setting_heads") or []),
        place_nouns=frozenset(str(x).lower() for x in words.get("place_nouns") or []),
        name_function_words=frozenset(
            str(x).lower() for x in words.get("name_function_words") or []
        ),
        name_group_nouns=frozenset(str(x).lower() for x in words.get("name_group_nouns") or []),
        name_possessive_words=frozenset(
            str(x).lower() for x in words.get("name_possessive_words") or []
        ),
        denomination_words=frozenset(str(x).lower() for x in words.get("denomination_words") or []),
    )


@lru_cache(maxsize=1)
def load_places() -> frozenset[tuple[str, ...]]:
    """The words of every town and city name of ``data/places.tsv`` (GeoNames places of at
    least 15,000 inhabitants, CC BY 4.0; ``scripts/build_places.py``), read once: a one-word
    name found there is a place unless something else says it is an actor
    (:mod:`factions.text.actorhood`)."""
    out = set()
    for line in _read("places.tsv").splitlines()[1:]:
        words = name_words(line.split("\t", 1)[0])
        if words:
            out.add(words)
    return frozenset(out)


@lru_cache(maxsize=1)
def load_subdivisions() -> frozenset[tuple[str, ...]]:
    """The words of the names of every country's subdivisions (ISO 3166-2, from
    ``pycountry``: "Uttar Pradesh", "Baden-Württemberg"), read once."""
    import pycountry

    return frozenset(w for s in pycountry.subdivisions if (w := name_words(s.name)))


@lru_cache(maxsize=1)
def load_world() -> WorldGazetteer:
    """The gazetteer shipped with factions (read once per process; cached)."""
    from factions.text.lexicon import load_lexicon

    t0 = time.perf_counter()
    g = WorldGazetteer()
    words = load_words()
    g.abbreviations = words.abbreviations
    g.political_words = words.political_words
    g.non_actor_heads = words.non_actor_heads
    g.body_heads = words.body_heads
    _add_states(g)
    _add_table(g, "igos.yaml", IGOS, "organization")
    _add_table(g, "legislatures.yaml", LEGISLATURES, "government_body")
    _add_parties(g, _party_kind(load_lexicon()))
    g._names = {}
    g.first_words = {"words": sorted(g.index)}
    g.load_seconds = time.perf_counter() - t0
    return g


@lru_cache(maxsize=1)
def load_party_words() -> frozenset[str]:
    """The words (:func:`name_words`, of two letters or more) of the names of at least two
    Party Facts parties ("national", "liberation", "working", "people"): words a party's
    own name is made of, which a person's name (after "the Socialist Party of ...") almost
    never holds. Computed once from the shipped gazetteer."""
    entries: dict[str, set[str]] = {}
    for names in load_world().index.values():
        for n in names:
            if n.external_id.startswith(f"{PARTIES}:"):
                for w in n.words:
                    entries.setdefault(w, set()).add(n.external_id)
    return frozenset(w for w, ids in entries.items() if len(ids) >= 2 and len(w) >= 2)


def is_party_name(text: str) -> bool:
    """Whether ``text`` (a leading "the" ignored) is one of the names the shipped gazetteer
    lists for a Party Facts party, in any country ("Podemos", "Isamaa")."""
    words = bare_name_words(text)
    return any(n.external_id.startswith(f"{PARTIES}:") for n in load_world().named(words))


def augment_lexicon(lex, world: WorldGazetteer | None = None):
    """``lex`` with the gazetteer's state names, demonyms and capitals added (its own
    entries win), so that every state of ISO 3166 is read as a state."""
    import dataclasses

    world = world or load_world()
    countries = {**world.countries, **lex.countries}
    capitals = {**world.capitals, **lex.capitals}
    demonyms = {**world.demonyms, **lex.demonyms}
    return dataclasses.replace(lex, countries=countries, capitals=capitals, demonyms=demonyms)


__all__ = [
    "Entry",
    "Name",
    "WorldGazetteer",
    "augment_lexicon",
    "bare_name_words",
    "letters",
    "load_places",
    "load_words",
    "load_world",
    "name_words",
]
