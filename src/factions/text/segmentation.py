"""Sentence boundaries at line breaks: lines of lists, tables and timelines are sentences.

spaCy's parser splits sentences by its own dependency parse, which joins the lines of a
bulleted list, a table of parties or a dated timeline into one long "sentence" (it sees no
full stop). Every pair of actors on those lines then looks co-mentioned in one sentence.
This component, run before the parser, starts a sentence at the first word of every line,
so the parser keeps the boundary (spaCy's parser respects boundaries set before it;
spaCy documentation, "Sentence segmentation: custom rule-based strategies"). A line break
inside running prose that was merely wrapped (the previous line ends in a lower-case word
or a comma and the next one starts in lower case) is left to the parser.

O(tokens).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["LINE_BREAKS", "line_break_boundaries", "mark_line_breaks"]

if TYPE_CHECKING:
    from spacy.tokens import Doc

LINE_BREAKS = "factions_line_breaks"


def line_break_boundaries(doc: Doc) -> list[int]:
    """Indices of the tokens that begin a line (not counting the first token of the text
    or lines of wrapped prose)."""
    out = []
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.is_space or not prev.is_space or "\n" not in prev.text:
            continue
        before = doc[prev.i - 1] if prev.i > 0 else None
        wrapped = (
            before is not None
            and (before.text[-1:].islower() or before.text == ",")
            and tok.text[:1].islower()
        )
        if not wrapped:
            out.append(tok.i)
    return out


_BULLETS = frozenset({"-", "*", "•", "–", "—", "·", "‣", "|"})


def mark_line_breaks(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token of every line (before the parser runs), and
    keep a bullet or a table's leading bar in one sentence with the words after it."""
    for i in line_break_boundaries(doc):
        doc[i].is_sent_start = True
        if doc[i].text in _BULLETS and i + 1 < len(doc) and not doc[i + 1].is_space:
            doc[i + 1].is_sent_start = False
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=mark_line_breaks)


_register()
