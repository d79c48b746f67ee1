"""Build the compact party table shipped in ``factions/text/gazetteer/data/`` from Party Facts.

Source: Party Facts core parties (Döring & Regel 2019), ``partyfacts-core-parties.csv``
(``../shared/data/reference/partyfacts/`` beside a clone; MIT). Nothing here runs at
extraction time: the package reads only the table this script writes.

    .venv/bin/python scripts/build_gazetteer.py [--source CSV] [--out TSV]

Output (UTF-8, tab-separated, one party a line, sorted by id; a header line first):
``partyfacts_id  iso3  year_first  year_last  name  names`` where ``name`` is the display
name (the first English name) and ``names`` every name to match, joined by `` | ``, each
optionally prefixed by flags and a colon:

- ``A``: an acronym, matched only in the case written (``PUK`` not ``puk``), or a code of
  letters and digits ("D66", "M5S");
- ``C``: a common word ("Future", "Dignity", "Hamas" is in WordNet too): matched only when
  capitalised in a political sentence (see ``factions.text.gazetteer``);
- ``G``: generic political words only ("Democratic Party", "National Front"): matched only
  when the document names the party's country;
- ``Y``: a shorter form derived from a listed name (below): matched only when the document
  names the party's country and, when it is dated, falls within the party's years.

A field Party Facts writes as a list ("CDU/CSU", "Christian Democratic Union / Christian
Social Union") is split into its names, unless every part is the whole name of another
party of the country in overlapping years: then it is a joint list (an electoral union, a
cartel) and is named only as written, its parts left to their own parties.

Besides the names Party Facts lists, the forms texts use for them (:func:`derived_names`):
an optional bracketed word left out or kept ("[New] Liberal Alliance"; not an annotation
such as "[no-party]"), a trailing qualifier in brackets dropped ("Civic Position (Anatolii
Grytsenko)", "Forza Italia (2013)"), a subtitle after a spaced dash dropped ("Order and
Justice – Liberal Democratic Party"), the party's own country dropped from its end when a
party head word is left ("Swedish People's Party of Finland"; never when what is left is
generic, "Communist Party of Georgia", or ends otherwise, "Democratic Front for the
Liberation"), and an acronym's forms with its hyphen or its number apart ("FUNC-INPEC":
"FUNCINPEC"; "TOP09": "TOP 09"). A derived form is flagged ``Y`` unless it is an
acronym's. A one-word form that is an English word, once lemmatised, is left out
("Citizens", "Women"), and so is a form that another party of the same country lists as a
name or derives too, in overlapping years (a successor founded the year its forerunner
ended does not overlap with it). A form another country's party lists is shared with it,
as any shared name is: the document's country decides.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = (
    ROOT.parent / "shared" / "data" / "reference" / "partyfacts" / "partyfacts-core-parties.csv"
)
OUT = ROOT / "src" / "factions" / "text" / "gazetteer" / "data" / "parties.tsv"

# Words of party names that say nothing of which party: a name made of these alone (and
# function words) is shared by parties of many countries.
GENERIC = set(
    """party parties democratic democrats democracy socialist socialists social labour labor
    workers worker national nationalist liberal liberals conservative conservatives green
    greens union front alliance movement republican republicans united progressive progress
    communist communists christian people people's peoples popular independent independents
    reform reformist justice development freedom free unity new patriotic civic citizens
    citizen radical centre center centrist league congress bloc list coalition federation
    federal rally renewal renewal revolutionary revolution solidarity agrarian farmers
    peasants peasant rural labourers democratic-republican association organisation
    organization group forum change hope future action left right union popular sovereign
    sovereignty independence homeland fatherland motherland unionist unionists
    constitutional constitution moderate moderates humanist ecological ecologist ecologists
    environmental pirate pirates alternative way path force forces power citizens' workers'
    partido parti partei partito partij party democratico democratica democratique
    demokratische demokratesch democrata democratas socialista socialistas socialiste
    sozialdemokratische sozialistische nacional nationale nazionale nationaal popular
    populaire popolare frente front fronte union union unión unione alianza alliance
    alleanza allianz movimiento mouvement movimento bewegung fuerza forza liberal liberale
    conservador conservadora republicano republicana republicain republicaine rassemblement
    unidad unite unidade unita progresista progressiste trabajadores obrero obrera pueblo
    peuple povo popolo nuevo nueva nouveau nouvelle nuovo nuova novo nova social sociale
    sozial christlich cristiano cristiana chretien bloque blocco lista liste coalicion
    coalizione accion action acao azione cambio renovacion renouveau solidaridad solidarite
    libertad liberte liberta justicia justiça giustizia patria patriotico patriotique verde
    verdes vert verts grune grunen independiente independant revolucionario revolucionaria
    revolutionnaire radical radicale convergencia convergence centro centre""".split()
)
FUNCTION = {"of", "the", "for", "and", "in", "a", "an", "&", "s", "de", "la", "du", "des", "el",
    "los", "las", "le", "les", "del", "der", "die", "das", "und", "y", "e", "et", "di", "da",
    "do", "dos", "al", "pour", "para", "per", "fur"}  # fmt: skip
# Confessional or community lists: not actors under the annotation guideline.
COMMUNITY = set(
    """greek catholic catholics orthodox maronite maronites christian christians shia shiite
    shiites sunni sunnis moslem moslems muslim muslims druze alawite alawites armenian
    armenians jewish jews protestant protestants evangelical evangelicals minority minorities
    minorité""".split()
)
ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9&\-.]*$")
LABEL = re.compile(r"^\s*[^:;/]{1,40}:\s*")
INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u200b\ufeff"), None)


def words(text: str) -> list[str]:
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    return re.findall(r"[^\W_]+", t)


def latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    ok = sum(1 for c in letters if "LATIN" in unicodedata.name(c, ""))
    return ok == len(letters)


def is_acronym(name: str) -> bool:
    caps = sum(c.isupper() for c in name)
    return (
        bool(ACRONYM.match(name))
        and caps >= 2
        and caps >= len([c for c in name if c.isalpha()]) - 1
    )


def is_code(name: str) -> bool:
    """A name of one word that mixes letters and digits, three characters or more ("D66",
    "M5S", "TOP09", "G17+"): an acronym with a number, which no English word is."""
    alnum = [c for c in name if c.isalnum()]
    return (
        " " not in name
        and len(alnum) >= 3
        and any(c.isdigit() for c in alnum)
        and any(c.isalpha() for c in alnum)
    )


def split_names(field: str) -> list[str]:
    out = []
    for part in re.split(r"\s+/\s+|/(?=[A-Z])|;", field or ""):
        part = LABEL.sub("", part.translate(INVISIBLE)).strip(" ,\"“”«»'")
        for piece in re.split(r",\s+", part) if not latin(part) else [part]:
            piece = piece.strip(' ,"“”«»')
            if piece:
                out.append(piece)
    return out


def _years(r: dict[str, str]) -> tuple[str, str]:
    return (r["year_first"].strip(), r["year_last"].strip())


_NAME_FIELDS = ("name_english", "name", "name_other", "name_short")


def whole_names(records: list[dict[str, str]]) -> dict[tuple[str, tuple[str, ...]], list]:
    """(country, name words) -> (party id, years) of every party field that is one name
    (not a joint list such as "CDU/CSU")."""
    out: dict[tuple[str, tuple[str, ...]], list] = {}
    for r in records:
        for f in _NAME_FIELDS:
            parts = split_names(r[f])
            if len(parts) == 1:
                key = (r["country"].strip(), tuple(words(parts[0])))
                out.setdefault(key, []).append((int(r["partyfacts_id"]), _years(r)))
    return out


def joint_names(r: dict[str, str], field: str, whole: dict) -> list[str]:
    """The names of a field, split at slashes and semicolons; but a field whose every part
    is the whole name of another party of the country, in overlapping years, is a joint
    list, named only as written ("CDU/CSU" and "Christian Democratic Union / Christian
    Social Union" name the union; "CDU" names the CDU and "CSU" the CSU)."""
    parts = split_names(r[field])
    if len(parts) < 2:
        return parts
    iso3, pid = r["country"].strip(), int(r["partyfacts_id"])
    if not all(
        any(p != pid and _overlap(y, _years(r)) for p, y in whole.get((iso3, tuple(words(n))), ()))
        for n in parts
    ):
        return parts
    return [LABEL.sub("", r[field].translate(INVISIBLE)).strip(" ,\"“”«»'")]


# The head words a party's name may end in once its country is dropped ("Swedish People's
# Party" of Finland; not "Democratic Front for the Liberation" of Palestine)
PARTY_HEADS = set(
    """party parties movement union alliance front league congress bloc rally coalition
    federation list convention forum assembly council organisation organization
    association group""".split()
)


def derived_names(name: str, countries: set[str]) -> list[str]:
    """The shorter forms texts use for a party's listed ``name`` (see the module docstring);
    ``countries`` are the lower-case names of the party's country."""
    out: list[str] = []
    if "//" in name:
        return out
    if "[" in name:
        inner = re.findall(r"\[([^\]]*)\]", name)
        if inner and all(x[:1].isupper() for x in inner):  # not "[no-party]", "[na Slovensku]"
            kept = re.sub(r"\s+", " ", name.replace("[", "").replace("]", "")).strip()
            left = re.sub(r"\s+", " ", re.sub(r"\[[^\]]*\]", " ", name)).strip()
            out += [left, kept]
        return [n for n in dict.fromkeys(out) if n and n != name]
    m = re.match(r"^(.*\S)\s+\(([^()]+)\)$", name)
    if m and sum(c.isalnum() for c in m.group(2)) >= 3:
        out.append(m.group(1))  # "Congress (O)" is a party of its own; "(Provisional)" not
    m = re.match(r"^(.+?)\s+(?:–|—|--|-)\s+\S", name)
    if m:
        out.append(m.group(1))
    m = re.match(r"^(.*\S)\s+(?:of|in)\s+(?:the\s+)?(.+)$", name)
    if m and m.group(2).casefold() in countries:
        stem = words(m.group(1))
        if (
            stem
            and stem[-1] in PARTY_HEADS
            and not all(w in GENERIC or w in FUNCTION for w in stem)
        ):
            out.append(m.group(1))  # not "Communist Party" of "Communist Party of Georgia"
    return [n for n in dict.fromkeys(out) if n and n != name]


def acronym_forms(short: str) -> list[str]:
    """An acronym's other written forms: hyphen dropped when both parts have three letters
    or more ("FUNC-INPEC": "FUNCINPEC"), a closing number apart ("TOP09": "TOP 09")."""
    out = []
    parts = short.split("-")
    if len(parts) == 2 and all(len(p) >= 3 and p.isalpha() for p in parts):
        out.append("".join(parts))
    m = re.fullmatch(r"([A-Z]{2,})(\d{2,4})", short)
    if m:
        out.append(f"{m.group(1)} {m.group(2)}")
    return out


def country_names() -> dict[str, set[str]]:
    """ISO-3 code -> the country's lower-case names, as the package's gazetteer reads them
    (ISO 3166 via pycountry and its states table)."""
    from factions.text.gazetteer import load_world

    world = load_world()
    out: dict[str, set[str]] = {}
    for name, display in world.countries.items():
        state = world.state_of(display)
        if state is not None and state.iso3:
            out.setdefault(state.iso3, set()).add(name)
    return out


def _overlap(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether two parties' years overlap; a successor founded in the year its forerunner
    ended (each active longer than that year) does not overlap with it."""
    a0, a1 = int(a[0] or 0), int(a[1] or 9999)
    b0, b1 = int(b[0] or 0), int(b[1] or 9999)
    if not (a0 <= b1 and b0 <= a1):
        return False
    succession = (a1 == b0 and a0 < a1 and b0 < b1) or (b1 == a0 and b0 < b1 and a0 < a1)
    return not succession


def english_words() -> set[str]:
    """Lower-case English words (WordNet's index in the pinned spaCy model's lemmatizer)."""
    from factions.text.nlp import load_nlp

    lem = load_nlp().get_pipe("lemmatizer")
    table = lem.lookups.get_table("lemma_index")
    out: set[str] = set()
    for forms in table.values():
        out.update(str(w).lower() for w in forms)
    return out


def is_lemma_common(name: str, common: set[str]) -> bool:
    """Whether a one-word ``name`` is an English word once lemmatised by the pinned spaCy
    model's rules ("Women": "woman"), which :func:`is_common` does not undo."""
    ws = [w for w in words(name) if w not in FUNCTION]
    if len(ws) != 1:
        return False
    from spacy.tokens import Doc

    from factions.text.nlp import load_nlp

    nlp = load_nlp()
    lem = nlp.get_pipe("lemmatizer")
    for pos in ("NOUN", "ADJ", "VERB"):
        doc = Doc(nlp.vocab, words=[ws[0]])
        doc[0].pos_ = pos
        if any(x.lower() in common for x in lem.rule_lemmatize(doc[0])):
            return True
    return False


def is_common(word: str, common: set[str]) -> bool:
    """Whether ``word`` or its singular is an English word ("radicals", "greens")."""
    if word in common:
        return True
    for suffix in ("s", "es"):
        if word.endswith(suffix) and word[: -len(suffix)] in common:
            return True
    return word.endswith("ies") and word[:-3] + "y" in common


def flags(name: str, common: set[str], short: bool) -> str | None:
    """Flags of one name, or None when it is not to be matched at all."""
    if not latin(name) or len(name) < 2:
        return None
    ws = words(name)
    if ws and ws[0] == "the":
        ws = ws[1:]
    if not ws:
        return None
    if is_code(name):
        return "A"  # "D66", "M5S", "B90": letters and digits, no word of any language
    if is_acronym(name) and " " not in name:
        letters = sum(c.isalpha() for c in name)
        return "A" if letters >= 3 else None  # two letters ("PP", "DP") name dozens of parties
    if short and len(ws) == 1 and (len(ws[0]) <= 3 or is_common(ws[0], common)):
        return None  # a short form that is a word ("Con", "All", "Sad")
    if all(w in COMMUNITY or w in FUNCTION for w in ws):
        return None
    content = [w for w in ws if w not in FUNCTION]
    if not content:
        return None
    if all(w in GENERIC for w in content):
        return "G"
    if len(content) == 1 and (is_common(content[0], common) or len(content[0]) <= 3):
        return "C"
    return ""


def build(source: Path, out: Path) -> int:
    common = english_words()
    countries = country_names()
    rows = []
    listed: dict[tuple[str, tuple[str, ...]], list[tuple[int, tuple[str, str]]]] = {}
    with source.open(encoding="utf-8", newline="") as fh:
        records = [r for r in csv.DictReader(fh) if not r["technical"].strip()]
    whole = whole_names(records)
    for r in records:
        english = joint_names(r, "name_english", whole)
        native = joint_names(r, "name", whole)
        other = joint_names(r, "name_other", whole)
        display = re.sub(r"\s+\)", ")", (english or native or [""])[0])
        if not display or not latin(display):
            continue
        if all(w in COMMUNITY or w in FUNCTION for w in words(display)):
            continue  # a confessional list ("Greek Orthodox", "Sunni Moslem")
        names: dict[tuple[str, ...], str] = {}
        cands = [(n, False) for n in (*english, *native, *other)]
        cands += [(n, True) for n in joint_names(r, "name_short", whole)]
        for n, short in cands:
            f = flags(n, common, short)
            if f is None:
                continue
            key = tuple(words(n))
            if key in names:
                continue
            names[key] = f"{f}:{n}" if f else n
        pid, iso3 = int(r["partyfacts_id"]), r["country"].strip()
        years = _years(r)
        for key in names:
            listed.setdefault((iso3, key), []).append((pid, years))
        derived: dict[tuple[str, ...], str] = {}
        for n in (*english, *native, *other):
            for d in derived_names(n, countries.get(iso3, set())):
                f = flags(d, common, False)
                if f is None or f == "C" or is_lemma_common(d, common):
                    continue  # "Women" of "Women of Russia", "Citizens": words
                if tuple(words(d)) not in names:  # only where its country is named,
                    derived.setdefault(tuple(words(d)), f"Y:{d}")  # in its years
        for n in joint_names(r, "name_short", whole):
            if is_acronym(n):
                for d in acronym_forms(n):
                    if tuple(words(d)) not in names:
                        derived.setdefault(tuple(words(d)), f"A:{d}")
        # "Sadrist Movement" -> "Sadrists": the plural of an -ist name's adjective
        for n in english:
            m = re.match(
                r"^(?:the\s+)?([A-Z][\w'’-]*(?:ist|ite))\s+(?:Movement|Party|Current|Trend|Bloc)$",
                n,
            )
            if m:
                plural = m.group(1) + "s"
                f = flags(plural, common, False)
                if f is not None and tuple(words(plural)) not in names:
                    names[tuple(words(plural))] = f"{f}:{plural}" if f else plural
        if not names:
            continue
        rows.append((pid, iso3, *years, display.replace("\t", " "), names, derived))
    derivers: dict[tuple[str, tuple[str, ...]], list[tuple[int, tuple[str, str]]]] = {}
    for pid, iso3, first, last, _display, _names, derived in rows:
        for key in derived:
            derivers.setdefault((iso3, key), []).append((pid, (first, last)))
    table = []
    for pid, iso3, first, last, display, names, derived in rows:
        for key, value in derived.items():
            rivals = [  # a name another party of the country lists or derives too
                p
                for p, years in (*listed.get((iso3, key), ()), *derivers.get((iso3, key), ()))
                if p != pid and _overlap(years, (first, last))
            ]
            if not rivals:
                names.setdefault(key, value)
        joined = " | ".join(v.replace("|", "/").replace("\t", " ") for v in names.values())
        table.append((pid, iso3, first, last, display, joined))
    rows = sorted(table)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("partyfacts_id\tiso3\tyear_first\tyear_last\tname\tnames\n")
        for row in rows:
            fh.write("\t".join(str(x) for x in row) + "\n")
    return len(rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not args.source.is_file():
        sys.exit(f"{args.source}: Party Facts core parties CSV not found")
    n = build(args.source, args.out)
    print(f"wrote {n} parties to {args.out}")


if __name__ == "__main__":
    main()
