"""Build the event-verb tables shipped in ``factions/text/lexicon/``.

Source: the CAMEO verb dictionary of PETRARCH2, ``petrarch2/data/dictionaries/CAMEO.2.0.txt``
of github.com/openeventdata/petrarch2 (Open Event Data Alliance, MIT licence; composed from
the TABARI CAMEO dictionaries and WordNet synonym sets). CAMEO is the event ontology of
Gerner, Schrodt, Yilmaz & Abu-Jabr (2002), "Conflict and Mediation Event Observations
(CAMEO): A new event data framework for the analysis of foreign policy interactions", ISA.
It is a build-time input only: download the file, then

    .venv/bin/python scripts/build_event_verbs.py CAMEO.2.0.txt [--out-dir DIR]

Nothing reads the dictionary at extraction time; the package reads only the tables this
script writes (UTF-8, tab-separated, a header line first, sorted):

* ``event_verbs.tsv``, ``lemma  root``: one line per single-word verb the dictionary gives
  a code (on its own line, or as its block's default), with its CAMEO root (the code's first
  two digits, 01-20). A verb given codes of different roots is left out (its reading
  depends on the pattern, which a lemma cannot tell).
* ``event_phrases.tsv``, ``verb  prep  object  root``: the dictionary's verb patterns of the
  simplest form, the verb followed by its object or by one prepositional phrase. "- * PART
  [030]" under TAKE is ``take  -  part  03`` ("took part in" is cooperation, where TAKE
  alone, in the APPREHEND block, is a seizure, 17); "- * (INTO &DETENTION) [173]" is ``take
  into  &detention  17``. ``prep`` is ``-`` for a direct object; a particle before the
  object is skipped ("- * UP POST"); a braced phrase ("{JOINT EXERCISES}") stands for its
  last word. Root ``00`` is the dictionary's ``[---]``: the phrase is no event ("take
  lives"), so the verb's own root does not apply either. A pattern belongs to the verb its
  comment names ("# TAKE", or one of its forms, "# TOOK") when that verb is in the
  pattern's block, else to every verb of the block, as PETRARCH2 reads it (no comment, a
  coder's initials, a verb merged in from TABARI).
  A phrase that longer patterns give other roots ("- * PART (IN SUMMIT) [046]") takes the
  root of its bare pattern ("- * PART [030]"); patterns that constrain the subject
  ("- POLICE * ..."), and phrases given different roots with no bare pattern to decide,
  are left out.
* ``event_synsets.tsv``, ``set  word``: the members of the dictionary's synonym sets that
  ``event_phrases.tsv`` names as objects (``&detention``), single words only.

The pair classifier reads the root of each verb on the dependency path between two actors,
or of its phrase where one matches, as a feature (:mod:`factions.text.features`); the rule
units do not use these tables.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "src" / "factions" / "text" / "lexicon"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_VERB = re.compile(r"^([A-Z][A-Z'-]*)(?:\s|$|\{)")
_CODE = re.compile(r"\[([^\]]*)\]")
_ELEMENT = re.compile(r"\{[^}]*\}|\([^)]*\)|&[A-Z_]+|[A-Z][A-Z'_-]*|\*")
_WORD = re.compile(r"&[A-Z_]+|[A-Z][A-Z'_-]*")
_PARTICLES = frozenset({"up", "down", "off", "out", "in", "on", "over", "back", "away"})


def _root(code: str) -> int | None:
    """The CAMEO root of a code such as ``020``, ``0213`` or ``042:043`` (the first two
    digits of the first code; of the second in ``:173``, which codes only the reverse
    direction, still an event), or None for ``---``, an empty code and anything outside
    01-20."""
    parts = [p.strip() for p in code.strip().split(":")]
    head = parts[0] or (parts[1] if len(parts) > 1 else "")
    return int(head[:2]) if head[:2].isdigit() and 1 <= int(head[:2]) <= 20 else None


def _pattern_root(code: str) -> int | None:
    """A pattern's root: 0 for a code of dashes only (``---``: no event), else as
    :func:`_root` (so ``[:173]`` is 17 and an empty ``[]`` is None)."""
    head = code.strip().split(":")[0].strip()
    return 0 if head and set(head) == {"-"} else _root(code)


def read_synsets(text: str) -> dict[str, set[str]]:
    """Synonym set (``&weapon``) -> its single-word members, lower case, from the
    dictionary's SYNONYM SETS section ("&WEAPON" then "+GUN", "+KNIFE_" ...)."""
    out: dict[str, set[str]] = {}
    current: str | None = None
    section = False
    for raw in text.splitlines():
        if raw.startswith("#######"):
            section = raw.startswith("####### SYNONYM SETS")
            continue
        line = raw.split("#", 1)[0].strip()
        if not section or not line:
            continue
        if line.startswith("&"):
            current = line.split()[0].lower()
            out[current] = set()
        elif line.startswith("+") and current is not None:
            word = line[1:].split()[0].strip("_").lower()
            if word and "_" not in word:
                out[current].add(word)
    return out


def _object(elements: list[str]) -> tuple[str, str, bool] | None:
    """(prep, object, bare) of a pattern's elements after the verb's ``*``: ``("-", "part",
    True)`` for "PART", ``("into", "&detention", True)``; ``bare`` is False when more
    follows ("PART (IN SUMMIT)"); None for a form this table does not keep."""
    if elements and elements[0].lower() in _PARTICLES and len(elements) > 1:
        elements = elements[1:]  # "- * UP POST", "- * IN &REFUGEE"
    if not elements:
        return None
    bare = len(elements) == 1
    first, prep = elements[0], "-"
    if first.startswith("("):
        inner = _ELEMENT.findall(first[1:-1])
        if len(inner) < 2 or not re.fullmatch(r"[A-Z]+", inner[0]):
            return None
        prep, first = inner[0].lower(), inner[1]
    if first.startswith("{"):
        words = _WORD.findall(first)
        if not words:
            return None
        first = words[-1]
    if not _WORD.fullmatch(first):
        return None
    return prep, first.strip("_").lower(), bare


def read_phrases(text: str) -> dict[tuple[str, str, str], int]:
    """(verb, prep, object) -> the CAMEO root the dictionary's verb-first patterns give it
    (0 for ``[---]``): the one root of its bare patterns, else the one root of all its
    patterns; a phrase with several (and no one bare root) is left out. See the module
    docstring for the forms kept."""
    roots: dict[tuple[str, str, str], tuple[set[int], set[int]]] = {}
    block: list[str] = []
    forms: dict[str, str] = {}  # an inflected form of a block verb -> the verb
    in_verbs = False
    for raw in text.splitlines():
        if raw.startswith("#######"):
            in_verbs = raw.startswith("####### VERB PATTERNS")
            continue
        body, _, comment = raw.partition("#")
        line = body.rstrip()
        if not in_verbs or not line.strip():
            continue
        if _BLOCK.match(line):
            block, forms = [], {}
            continue
        if line.startswith("- "):
            code = _CODE.search(line)
            root = _pattern_root(code.group(1)) if code else None
            elements = _ELEMENT.findall(line[2 : code.start()]) if code else []
            if root is None or not elements or elements[0] != "*":
                continue
            target = _object(elements[1:])
            if target is None:
                continue
            prep, obj, bare = target
            for verb in _pattern_verbs(comment, block, forms):
                bare_roots, all_roots = roots.setdefault((verb, prep, obj), (set(), set()))
                all_roots.add(root)
                if bare:
                    bare_roots.add(root)
            continue
        if line.startswith(("+", "&", " ", "\t")):
            continue
        v = _VERB.match(line)
        if v and "_" not in v.group(1):
            verb = v.group(1).lower()
            block.append(verb)
            braces = re.search(r"\{([^}]*)\}", line)
            for form in braces.group(1).split() if braces else ():
                forms.setdefault(form.lower(), verb)
    out: dict[tuple[str, str, str], int] = {}
    for key, (bare_roots, all_roots) in roots.items():
        chosen = bare_roots if bare_roots else all_roots
        if len(chosen) == 1:
            out[key] = next(iter(chosen))
    return out


def _pattern_verbs(comment: str, block: list[str], forms: dict[str, str]) -> list[str]:
    """The verbs of its block a pattern belongs to, by the first word of its comment: the
    verb it names ("# TAKE"), or whose form it names ("# TOOK"); else every verb of the
    block, as PETRARCH2 reads a block's patterns (no comment, a coder's initials such as
    "# OY 14 Mar 2006", or a verb merged into the block from TABARI such as "# URGE" under
    DEMAND)."""
    words = comment.split()
    origin = words[0].lower() if words else ""
    if origin in block:
        return [origin]
    if origin in forms:
        return [forms[origin]]
    return block


def read_verbs(text: str) -> dict[str, set[int]]:
    """Lemma (lower case) -> the CAMEO roots the dictionary's verb lines give it: a verb
    line's own code ("ASK [020]"), else its block's default code ("---  ACCUSE  [112]  ---");
    a verb with neither (``[---]``: its code depends on the pattern) is left out, as are
    multi-word forms ("+ASK_FOR") and patterns ("- * AID [070]")."""
    out: dict[str, set[int]] = {}
    default: int | None = None
    in_verbs = False
    for raw in text.splitlines():
        if raw.startswith("#######"):
            in_verbs = raw.startswith("####### VERB PATTERNS")
            continue
        line = raw.split("#", 1)[0].rstrip()
        if not in_verbs or not line.strip():
            continue
        m = _BLOCK.match(line)
        if m:
            default = _root(m.group(2))
            continue
        if line.startswith(("-", "+", "&", " ", "\t")):
            continue
        v = _VERB.match(line)
        if not v or "_" in v.group(1):
            continue
        code = _CODE.search(line)
        root = _root(code.group(1)) if code else default
        if root is not None:
            out.setdefault(v.group(1).lower(), set()).add(root)
    return out


def _write(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", "utf-8")
    print(f"{path}: {len(rows)} lines")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dictionary", type=Path, help="CAMEO.2.0.txt of PETRARCH2")
    ap.add_argument("--out-dir", type=Path, default=OUT_DIR)
    args = ap.parse_args(argv)
    try:
        text = args.dictionary.read_text("utf-8")
    except OSError as exc:
        print(f"error: {args.dictionary}: cannot read ({exc.strerror})", file=sys.stderr)
        return 2
    if "####### VERB PATTERNS" not in text:
        print(f"error: {args.dictionary}: no '####### VERB PATTERNS' section; expected the "
              "CAMEO.2.0.txt verb dictionary of PETRARCH2", file=sys.stderr)  # fmt: skip
        return 2
    verbs = sorted((lemma, next(iter(r))) for lemma, r in read_verbs(text).items() if len(r) == 1)
    _write(args.out_dir / "event_verbs.tsv", "lemma\troot", [f"{v}\t{r:02d}" for v, r in verbs])
    synsets = read_synsets(text)
    phrases = sorted(
        (key, root)
        for key, root in read_phrases(text).items()
        if not key[2].startswith("&") or synsets.get(key[2])
    )
    _write(
        args.out_dir / "event_phrases.tsv",
        "verb\tprep\tobject\troot",
        [f"{v}\t{p}\t{o}\t{r:02d}" for (v, p, o), r in phrases],
    )
    used = sorted({o for (_, _, o), _ in phrases if o.startswith("&")})
    _write(
        args.out_dir / "event_synsets.tsv",
        "set\tword",
        [f"{s}\t{w}" for s in used for w in sorted(synsets[s])],
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
