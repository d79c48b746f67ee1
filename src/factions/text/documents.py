"""Documents: reading text files with clear, one-line errors for bad input."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factions.model import Evidence
from factions.model.base import check_date

__all__ = ["Document", "DocumentError", "read_document"]


class DocumentError(ValueError):
    """A file that cannot be read as a document; the message is one line naming the file."""


@dataclass(frozen=True)
class Document:
    """A text to read. ``doc_id`` is the file name without extension when read from a file."""

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        """A date that is no partial ISO date is a :class:`DocumentError` here, naming the
        document, not a validation error of the first evidence read from it."""
        if self.date is not None:
            try:
                check_date(self.date)
            except ValueError as exc:
                raise DocumentError(f"{self.doc_id}: date {self.date!r}: {exc}") from None

    def evidence(
        self, start: int, end: int, sentence: tuple[int, int], rule: str | None = None
    ) -> Evidence:
        """The evidence of characters ``start:end`` of this text: the quote, the sentence
        (character span ``sentence``), this document's id, date and source, and the rule
        unit (or model) that read it."""
        return Evidence(
            doc_id=self.doc_id,
            start=start,
            end=end,
            sentence=self.text[sentence[0] : sentence[1]].strip(),
            quote=self.text[start:end],
            date=self.date,
            source=self.source,
            rule=rule,
        )


def read_document(path: str | Path) -> Document:
    """Read a UTF-8 text file as a :class:`Document` (``doc_id`` = file name without extension).

    Raises :class:`DocumentError` for a missing file, a directory, an empty file, a binary
    file or bytes that are not UTF-8. The text is kept exactly as read, so character offsets
    point into the file's decoded text.
    """
    p = Path(path)
    if not p.exists():
        raise DocumentError(f"{p}: no such file")
    if p.is_dir():
        raise DocumentError(f"{p}: is a directory; expected a text file")
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{p}: cannot read ({exc.strerror or exc})") from None
    if not raw.strip():
        raise DocumentError(f"{p}: the file is empty; expected text")
    if b"\x00" in raw[:8192]:
        raise DocumentError(f"{p}: looks like a binary file (NUL bytes); expected UTF-8 text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DocumentError(
            f"{p}:{line}: not UTF-8 text (bad byte at offset {exc.start}); save it as UTF-8"
        ) from None
    return Document(doc_id=p.stem, text=text, source=str(p))
