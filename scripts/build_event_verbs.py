"""Build the table of event verbs shipped in ``factions/text/lexicon/event_verbs.tsv``.

Source: the CAMEO verb dictionary of PETRARCH2, ``petrarch2/data/dictionaries/CAMEO.2.0.txt``
of github.com/openeventdata/petrarch2 (Open Event Data Alliance, MIT licence; composed from
the TABARI CAMEO dictionaries and WordNet synonym sets). CAMEO is the event ontology of
Gerner, Schrodt, Yilmaz & Abu-Jabr (2002), "Conflict and Mediation Event Observations
(CAMEO): A new event data framework for the analysis of foreign policy interactions", ISA.
It is a build-time input only: download the file, then

    .venv/bin/python scripts/build_event_verbs.py CAMEO.2.0.txt [--out TSV]

Nothing reads the dictionary at extraction time; the package reads only the table this
script writes (UTF-8, tab-separated, a header line first, sorted): ``lemma  root``, one
line per single-word verb the dictionary gives a code (on its own line, or as its block's
default), with its CAMEO root (the code's first two digits, 01-20). A verb given codes of
different roots is left out (its reading depends on the pattern, which a lemma cannot
tell). The pair classifier reads the root of each verb on the dependency path between two
actors as a feature (:mod:`factions.text.features`); the rule units do not use it.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "factions" / "text" / "lexicon" / "event_verbs.tsv"
_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_VERB = re.compile(r"^([A-Z][A-Z'-]*)(?:\s|$|\{)")
_CODE = re.compile(r"\[([^\]]*)\]")


def _root(code: str) -> int | None:
    """The CAMEO root of a code such as ``020``, ``0213`` or ``042:043`` (the first two
    digits of the first code), or None for ``---`` and anything outside 01-20."""
    head = code.strip().split(":")[0]
    return int(head[:2]) if head[:2].isdigit() and 1 <= int(head[:2]) <= 20 else None


def read_verbs(text: str) -> dict[str, set[int]]:
    """Lemma (lower case) -> the CAMEO roots the dictionary's verb lines give it: a verb
    line's own code ("ASK [020]"), else its block's default code ("---  ACCUSE  [112]  ---");
    a verb with neither (``[---]``: its code depends on the pattern) is left out, as are
    multi-word forms ("+ASK_FOR") and patterns ("- * AID [070]")."""
    out: dict[str, set[int]] = {}
    default: int | None = None
    in_verbs = False
    for raw in text.splitlines():
        if raw.startswith("####### VERB PATTERNS"):
            in_verbs = True
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dictionary", type=Path, help="CAMEO.2.0.txt of PETRARCH2")
    ap.add_argument("--out", type=Path, default=OUT)
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
    rows = sorted((lemma, next(iter(r))) for lemma, r in read_verbs(text).items() if len(r) == 1)
    lines = ["lemma\troot", *(f"{lemma}\t{r:02d}" for lemma, r in rows)]
    args.out.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{args.out}: {len(rows)} verbs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
