"""Finding the world gazetteer's names in a parsed document.

One pass over the tokens (O(tokens x names sharing a first word)): each token's words
(accent-, case- and punctuation-free, a dotted acronym as one word) are looked up in the
first-word index, and every name that continues there is a raw match. Then, per document:

1. **Country context**: the states named in the document (names, demonyms, capitals); not
   a demonym that opens a party's name ("the Swedish People's Party" of Finland) nor a
   capital that is a person's name here ("Santiago Abascal"). For a name with no party in
   those countries, the country that two or more of the document's shared party names
   have in common ("SPD" and "FDP": Germany, in a text that names only the Bundestag).
2. **Which names count**: an acronym only in the case written (or, from five letters,
   written as a word: "Syriza", "Funcinpec") and never one of the
   abbreviations of ordinary English ("IDP camps"); a common-word name ("Future",
   "Dignity") only capitalised, not as a sentence's first word, and in a political
   sentence; a generic name ("Labour Party", "National Front") and any name that several
   parties share, and a party's acronym ("NIA" is also Gambia's National Intelligence
   Agency), only when the document names the party's country (then that country
   decides; the years active break what it leaves tied, else the name is left to NER);
   no name inside a longer capitalised name ("the National Security Council" is not the
   UN Security Council).
3. **Longest match first**, over states, organisations and parties together (a state's
   name beats a party's of equal length).

States are only context here: :mod:`factions.text.mentions` reads them (with demonyms
and capitals) as before, the gazetteer only adding the names of every ISO 3166 state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from factions.text.gazetteer import _WORD, WorldGazetteer, _fold, letters, load_words, name_words
from factions.text.mentions import _HYPHENS

__all__ = ["RefMatch", "find_references", "find_world_references"]

if TYPE_CHECKING:
    from spacy.tokens import Doc

_CONTEXT_FLAGS = ("S", "D", "P")


@dataclass(frozen=True)
class RefMatch:
    """A gazetteer actor named at tokens ``start:end`` of a document."""

    start: int
    end: int
    external_id: str


class _Words:
    """The words of a document's tokens, computed only where a name may start.

    Plain ASCII words are the token's lower-case form (read from the parse's arrays, no
    token objects made); other tokens ("U.N.", "Côte", "Kata'ib", "14") are normalised
    like names. Punctuation has no words and is skipped inside a name ("PML (N)")."""

    def __init__(self, doc: Doc, first_words: dict) -> None:
        import numpy as np
        from spacy.attrs import IS_ALPHA, IS_ASCII, IS_PUNCT, IS_SPACE, LOWER

        self.doc = doc
        self.strings = doc.vocab.strings
        arr = doc.to_array([LOWER, IS_ALPHA, IS_ASCII, IS_PUNCT, IS_SPACE])
        self.lower = arr[:, 0]
        self.plain = (arr[:, 1] == 1) & (arr[:, 2] == 1)
        self.empty = (arr[:, 3] == 1) | (arr[:, 4] == 1)
        hashes = first_words.get(id(doc.vocab))
        if hashes is None:  # sorted, for a binary search of each token's word
            hashes = np.sort(
                np.array(
                    [self.strings.add(w) for w in first_words["words"]], dtype=self.lower.dtype
                )
            )
            first_words[id(doc.vocab)] = hashes
        cand = ~(self.plain | self.empty)
        if len(hashes):
            at = np.searchsorted(hashes, self.lower).clip(max=len(hashes) - 1)
            cand |= hashes[at] == self.lower
        self.starts = cand.nonzero()[0].tolist()
        self.cache: dict[int, tuple[str, ...]] = {}

    def at(self, i: int) -> tuple[str, ...]:
        ws = self.cache.get(i)
        if ws is None:
            if self.plain[i]:
                ws = (self.strings[int(self.lower[i])],)
            elif self.empty[i]:
                ws = ()
            else:
                text = self.doc[i].text
                ws = name_words(text) if "." in text else tuple(_WORD.findall(_fold(text)))
            self.cache[i] = ws
        return ws

    def next_word(self, j: int) -> str | None:
        """The first word from token ``j`` on (punctuation skipped), within four tokens."""
        n = len(self.doc)
        for k in range(j, min(n, j + 4)):
            ws = self.at(k)
            if ws:
                return ws[0]
        return None

    def match(self, i: int, words: tuple[str, ...]) -> int:
        """End token of ``words`` read from token ``i`` on (whole tokens), else -1."""
        n = len(self.doc)
        pos = 0
        j = i
        while pos < len(words):
            if j >= n:
                return -1
            ws = self.at(j)
            if not ws:
                if pos == 0:
                    return -1
                j += 1
                continue
            if tuple(words[pos : pos + len(ws)]) != ws:
                return -1
            pos += len(ws)
            j += 1
        return j


def _capitalised(doc: Doc, start: int, end: int) -> bool:
    """Whether the name's words are capitalised (a group noun may not be: "Azurist movement";
    ``name_function_words`` and ``name_group_nouns`` of ``data/words.yaml``). A word joined
    to digits counts by its opening letter ("Kukiz'15"; not "26th")."""
    from factions.text.gazetteer import load_words

    words = load_words()
    content = [
        t
        for t in doc[start:end]
        if (t.is_alpha or (t.text[:1].isalpha() and any(c.isdigit() for c in t.text)))
        and t.lower_ not in words.name_function_words
        and not _after_hyphen(doc, t.i, start)
    ]  # "Co-operation": the part after a hyphen keeps the word's case
    if not content or not content[0].text[:1].isupper():
        return False
    return all(t.text[:1].isupper() or t.lower_ in words.name_group_nouns for t in content)


def _capital_inside_a_name(doc: Doc, start: int, end: int, lex, world: WorldGazetteer) -> bool:
    """Whether a capital's name is part of another name here, as NER reads it: a person's
    ("Santiago Abascal"), or another entity that runs on past it (the small model calls
    "Santiago Abascal" an organisation too); not when a title or an institution noun follows
    it ("Lima Mayor X", "Dhaka University": the city's)."""
    ent = next((x for x in doc.ents if x.start <= start < x.end), None)
    if ent is None or ent.label_ in ("GPE", "LOC", "NORP"):
        return False
    if ent.label_ != "PERSON" and ent.start >= start and ent.end <= end:
        return False
    if end >= len(doc):
        return True
    nxt = doc[end]
    return nxt.lower_.rstrip(".") not in lex.title_words and (
        ent.label_ == "PERSON" or nxt.lower_ not in world.non_actor_heads
    )


def _after_hyphen(doc: Doc, i: int, start: int) -> bool:
    """Whether token ``i`` continues a hyphenated word begun inside the name ("Co-operation")."""
    return i - 2 >= start and doc[i - 1].text == "-" and not doc[i - 2].whitespace_


def _inside_longer_name(doc: Doc, start: int, end: int, demonyms) -> bool:
    """Whether the match is part of a longer name: a capitalised proper noun runs on right
    before or after it ("the National Security Council", "Pakistan Muslim League"; only a
    one-word name may follow a demonym: "the Iraqi KDP"), a bracketed one-letter qualifier
    follows ("Pakistan Muslim League (Q)"), or a named entity of the parse covers it and
    more capitalised words ("the Kurdistan Democratic Party of Iran"; not a possessor's,
    "Geert Wilders's Party for Freedom", nor a name before a bracketed acronym, "the Party
    for Freedom (PVV)")."""
    if start > 0:
        p = doc[start - 1]
        if (
            p.is_title
            and p.is_alpha
            and not p.is_sent_start
            and p.pos_ == "PROPN"
            and not (end - start == 1 and p.lower_ in demonyms)
            and not _prefixed_adjective(doc, p.i)
        ):
            return True
    if end < len(doc):
        n = doc[end]
        if n.text[:1].isupper() and any(c.islower() for c in n.text):
            return True  # "Frente Democrático Nacional Unido", "Democratic Force Party"
        if (
            n.text == "("
            and end + 2 < len(doc)
            and doc[end + 2].text == ")"
            and len(doc[end + 1].text) <= 2
            and doc[end + 1].text.isupper()
        ):
            return True
    possessives = load_words().name_possessive_words
    for k in (start, end - 1):
        t = doc[k]
        if not t.ent_type_ or t.ent_type_ in ("PERSON", "CARDINAL", "DATE", "NORP", "GPE"):
            continue
        s = k
        while s > 0 and doc[s].ent_iob_ != "B":
            s -= 1
        for j in range(start - 1, s - 1, -1):
            bracket = doc[j].text == "("  # "the Party for Freedom (PVV)"
            possessor = doc[j].tag_ == "POS" and doc[j - 1].lower_ not in possessives
            if bracket or possessor:  # "Geert Wilders's Party for Freedom", not "People's
                s = j + 1  # Great Khural": what comes before is not part of the name
                break
        e = k + 1
        while e < len(doc) and doc[e].ent_iob_ == "I":
            e += 1
        after = list(doc[end:e])
        if after and after[0].text == "(":
            after = []  # "Party for Freedom (PVV": NER ran on into the bracketed acronym
        if after and after[0].lower_ == "of" and _names_a_non_actor(after[1:]):
            after = []  # "the UN Security Council of Resolution 2127": NER ran on
        extra = [
            x
            for x in (*doc[s:start], *after)
            if x.is_alpha and x.lower_ != "the" and not _prefixed_adjective(doc, x.i)
        ]
        if any(x.text[:1].isupper() and x.lower_ not in demonyms for x in extra):
            return True
    return False


def _prefixed_adjective(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is the capitalised half of a hyphenated adjective with a
    lower-case prefix ("neo-Nazi", "pro-Western", "anti-Communist"): a description before
    a name, no word of it ("the neo-Nazi Golden Dawn")."""
    return (
        i >= 2
        and doc[i - 1].text in _HYPHENS
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and doc[i - 2].is_lower
        and doc[i - 2].is_alpha
    )


def _names_a_non_actor(tokens) -> bool:
    """Whether capitalised ``tokens`` name a document, event or place ("Resolution 2127",
    "the Geneva Conventions"): one of their words is a ``non_actor_heads`` noun."""
    from factions.text.gazetteer import load_words

    heads = load_words().non_actor_heads
    return any(t.is_title and t.lower_ in heads for t in tokens)


def _acronym_as_word(doc: Doc, start: int, end: int, acronym: str, world: WorldGazetteer) -> bool:
    """An acronym of five or more letters written as a word ("Syriza", "Unasur", "Frelimo"
    for SYRIZA, UNASUR, FRELIMO): one proper-noun token that NER did not take for a person,
    nor for a place (GPE) whose name is a state's or a town's (NER often guesses GPE or LOC
    for an unknown word: "the royalist Funcinpec")."""
    if end - start != 1 or len(acronym) < 5 or not acronym.isalpha():
        return False
    tok = doc[start]
    if tok.text != acronym.capitalize() or tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON":
        return False
    if tok.ent_type_ == "GPE":
        from factions.text.gazetteer import load_places

        return tok.lower_ not in world.countries and (tok.lower_,) not in load_places()
    return True


def _joined_to_a_name(doc: Doc, start: int) -> bool:
    """Whether an organisation's full name is joined without an article to a capitalised
    word before it: "the African Union Peace and Security Council" is another body than "the
    Security Council" ("X and the Security Council" would name that one)."""
    if start < 2 or doc[start - 1].lower_ not in ("and", "of", "for", "&"):
        return False
    p = doc[start - 2]
    return p.is_title and p.is_alpha and not p.is_sent_start


def _other_country_follows(doc: Doc, end: int, world: WorldGazetteer, iso3: str | None) -> bool:
    """ "the Kurdistan Democratic Party of Iran": a party name followed by "of" / "in" and
    another country's name is that other country's party, not the one matched."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("of", "in"):
        return False
    k = end + 1
    if doc[k].lower_ == "the" and k + 1 < len(doc):
        k += 1
    country = world.countries.get(doc[k].lower_)
    if country is None or not doc[k].is_title:
        return False
    state = world.state_of(country)
    return state is not None and state.iso3 != iso3


def _country_context(
    doc: Doc,
    raw: list[tuple[int, int, list]],
    capitalised: dict[tuple[int, int], bool],
    world: WorldGazetteer,
    lex,
) -> tuple[set[str], set[str]]:
    """The countries (ISO-3) a document is about, for the names only its country can tell:
    the countries it names (:func:`_named_countries`), and those its shared party names
    have in common (:func:`_shared_countries`, asked only when a name has no party in the
    first)."""
    opening: dict[int, list[tuple[int, set[str]]]] = {}  # start -> (end, countries) of
    for s, e, names in raw:  # the capitalised party names that start there
        parties = {
            world.entries[nm.external_id].iso3 or ""
            for nm in names
            if nm.external_id.startswith("partyfacts:")
        }
        if parties and capitalised[s, e]:
            opening.setdefault(s, []).append((e, parties))
    return (
        _named_countries(doc, raw, capitalised, opening, world, lex),
        _shared_countries(doc, raw, capitalised, opening, world),
    )


def _named_countries(doc: Doc, raw, capitalised, opening, world: WorldGazetteer, lex) -> set[str]:
    """The states a document names (names, demonyms, capitals, capitalised); not a demonym
    that opens another country's party name ("the Swedish People's Party" of Finland) nor a
    capital that is a person's name here ("Santiago Abascal")."""
    context: set[str] = set()
    for s, e, names in raw:
        for name in names:
            if name.flag not in _CONTEXT_FLAGS or not capitalised[s, e]:
                continue
            iso3 = world.entries[name.external_id].iso3 or ""
            if any(end > e and iso3 not in isos for end, isos in opening.get(s, ())):
                continue  # "the Swedish People's Party" (of Finland) does not name Sweden
            if name.flag == "P" and _capital_inside_a_name(doc, s, e, lex, world):
                continue  # "Santiago Abascal" does not name Chile
            context.add(iso3)
    return context


def _shared_countries(doc: Doc, raw, capitalised, opening, world: WorldGazetteer) -> set[str]:
    """The countries where two or more of a document's shared party names (acronyms in their
    case and plain names, not generic names such as "Social Democrats" nor common words)
    name two different parties: "SPD" and "FDP" name parties of several countries, Germany
    the one they share, in a text that names Germany only by its parliament."""
    votes: dict[str, dict[str, set[str]]] = {}  # country -> shared name -> its parties there
    for s, e, names in raw:
        if not capitalised[s, e] or any(
            nm.flag in _CONTEXT_FLAGS or not nm.external_id.startswith("partyfacts:")
            for nm in names
        ):
            continue
        if any(end > e for end, _ in opening.get(s, ())):
            continue  # part of a longer party name
        written = letters(doc[s:e].text).upper()
        if written in world.abbreviations:
            continue
        for nm in names:
            if nm.flag != "" and not (nm.flag in ("A", "a") and written == nm.letters.upper()):
                continue  # a generic or common word, or an acronym in another case
            iso3 = world.entries[nm.external_id].iso3
            if iso3:
                votes.setdefault(iso3, {}).setdefault(written, set()).add(nm.external_id)
    return {iso3 for iso3, named in votes.items() if _two_parties(named)}


def _two_parties(named: dict[str, set[str]]) -> bool:
    """Whether two of the names (name -> the parties of one country it may name) name two
    different parties: "SPD" and "FDP" do; "the National Salvation Front (NSF)" is one
    party named twice."""
    sets = list(named.values())
    return any(a.isdisjoint(b) for i, a in enumerate(sets) for b in sets[i + 1 :])


def _active(entry, year: int) -> bool:
    """Whether a party was active in ``year`` (a year's margin either side)."""
    return (entry.first or 0) <= year + 1 and (entry.last or 9999) >= year - 1


def _political(doc: Doc, i: int, world: WorldGazetteer, lex, cache: dict[int, bool]) -> bool:
    sent = doc[i].sent
    hit = cache.get(sent.start)
    if hit is None:
        hit = any(
            t.lower_ in world.political_words
            or t.lemma_.lower() in lex.verbs
            or t.lemma_.lower() in lex.nouns
            for t in sent
        )
        cache[sent.start] = hit
    return hit


def find_references(
    doc: Doc, world: WorldGazetteer, lex, year: int | None = None
) -> list[RefMatch]:
    """Gazetteer organisations and parties named in ``doc`` (sorted, non-overlapping)."""
    stream = _Words(doc, world.first_words)
    raw: list[tuple[int, int, list]] = []  # (start token, end token, names)
    index = world.index
    index2 = world.index2
    for i in stream.starts:
        ws = stream.at(i)
        if not ws or ws[0] not in index:
            continue
        bucket = list(index2.get((ws[0], None), ()))
        second = ws[1] if len(ws) > 1 else stream.next_word(i + 1)
        if second is not None:
            bucket.extend(index2.get((ws[0], second), ()))
        found: dict[tuple[int, int], list] = {}
        for name in bucket:
            end = stream.match(i, name.words)
            if end > 0:
                found.setdefault((i, end), []).append(name)
        for (s, e), names in found.items():
            raw.append((s, e, names))
    if not raw:
        return []
    capitalised = {(s, e): _capitalised(doc, s, e) for s, e, _ in raw}
    # 1. country context
    context, shared = _country_context(doc, raw, capitalised, world, lex)
    ctx_words = world.demonyms
    # 2. which names count
    pol_cache: dict[int, bool] = {}
    accepted: list[tuple[int, int, str, int]] = []  # start, end, external id, priority
    for s, e, names in raw:
        states = [nm for nm in names if nm.flag in _CONTEXT_FLAGS]
        if states:
            accepted.append((s, e, "", 3))  # a state's name: blocks shorter names inside it
            continue
        text = doc[s:e].text
        ok = []
        for nm in names:
            if nm.flag in ("A", "a"):
                if nm.flag == "a":  # "Nato" or "NATO"
                    if letters(text).upper() != nm.letters.upper() or not text[:1].isupper():
                        continue
                elif letters(text) != nm.letters and not _acronym_as_word(
                    doc, s, e, nm.letters, world
                ):
                    continue
                if nm.letters.upper() in world.abbreviations and nm.external_id.startswith(
                    "partyfacts:"
                ):
                    continue  # "IDP camps": ordinary English, whatever party shares it
            elif not capitalised[s, e]:
                continue  # a name is capitalised ("Azurist movement", not "radicals")
            elif nm.flag == "C":
                if (doc[s].is_sent_start and e - s == 1) or not _political(
                    doc, s, world, lex, pol_cache
                ):
                    continue
            ok.append(nm)
        if not ok:
            continue
        igos = [nm for nm in ok if nm.external_id.startswith(("igo:", "legislature:"))]
        if igos:
            if not _inside_longer_name(doc, s, e, ctx_words) and not (
                igos[0].flag not in ("A", "a") and _joined_to_a_name(doc, s)
            ):
                accepted.append((s, e, igos[0].external_id, 2))
            continue
        entries = list(dict.fromkeys(nm.external_id for nm in ok))
        flags = {nm.external_id: nm.flag for nm in ok}
        local = [x for x in entries if world.entries[x].iso3 in context] or [
            x for x in entries if world.entries[x].iso3 in shared
        ]
        if local:
            entries = local
        elif len(entries) > 1 or any(flags[x] in ("G", "C", "A", "a", "Y") for x in entries):
            continue  # shared, generic or an acronym: only the document's country can tell
        if year is not None:  # a derived form names its party only in the party's years
            entries = [x for x in entries if flags[x] != "Y" or _active(world.entries[x], year)]
        if len(entries) > 1 and year is not None:
            active = [x for x in entries if _active(world.entries[x], year)]
            entries = active or entries
        if len(entries) != 1:
            continue
        if _inside_longer_name(doc, s, e, ctx_words) or _other_country_follows(
            doc, e, world, world.entries[entries[0]].iso3
        ):
            continue
        accepted.append((s, e, entries[0], 1))
    # 3. longest match first; a state beats an organisation, an organisation a party
    accepted.sort(key=lambda x: (-(x[1] - x[0]), -x[3], x[0]))
    taken = bytearray(len(doc))
    out: list[RefMatch] = []
    for s, e, ext, _prio in accepted:
        e = _with_closing_bracket(doc, s, e)
        if any(taken[s:e]):
            continue
        for i in range(s, e):
            taken[i] = 1
        if ext:
            out.append(RefMatch(s, e, ext))
    out.sort(key=lambda m: m.start)
    return out


def _with_closing_bracket(doc: Doc, start: int, end: int) -> int:
    """The end of a name that opens a bracket its listed words do not close: "Communist
    Party of India (Marxist)" takes its ")" (names are matched by their words alone)."""
    words = [t.text for t in doc[start:end]]
    if words.count("(") > words.count(")") and end < len(doc) and doc[end].text == ")":
        return end + 1
    return end


def find_world_references(
    doc: Doc, world: WorldGazetteer | None, lex, date: str | None = None
) -> list[RefMatch]:
    """:func:`find_references` for a document dated ``date`` (``YYYY[-MM[-DD]]``, or None);
    nothing when ``world`` is None (the world gazetteer switched off)."""
    if world is None:
        return []
    year = int(date[:4]) if date and date[:4].isdigit() else None
    return find_references(doc, world, lex, year)
