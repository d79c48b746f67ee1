"""Reading ingest inputs: plain text, Markdown, HTML, JSON lines and CSV, as a stream.

Every reader yields :class:`SourceDoc` records (one per document) or :class:`BadRecord`
(one per record that cannot be read: the file, the line and what was wrong), so a bad
record never stops the rest of a corpus. Readers are generators: memory holds one record
at a time, never the corpus.

Formats by file suffix:

- ``.txt`` (and anything unknown): the whole file is one document, UTF-8 (a BOM is accepted).
- ``.md`` / ``.markdown``: one document; the first ``#`` heading is the title; markup
  (heading marks, emphasis, links, images, code fences, HTML comments) is removed.
- ``.html`` / ``.htm``: one document; the main text only (``<main>`` or ``<article>`` when
  present, else ``<body>``), with ``script``, ``style``, ``noscript``, ``template``, ``svg``,
  ``nav``, ``header``, ``footer``, ``aside`` and ``form`` dropped; ``<title>`` is the title.
- ``.jsonl`` / ``.ndjson``: one JSON object per line; the text is in ``text_column``
  (default ``text``), the date in ``date_column`` (default ``date``), optional ``title`` and
  ``id``.
- ``.csv`` / ``.tsv``: a header row, then one document per row, same columns.
"""

from __future__ import annotations

import csv
import datetime as _dt
import hashlib
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

__all__ = [
    "ALL_SUFFIXES",
    "CSV_SUFFIXES",
    "HTML_SUFFIXES",
    "JSONL_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "BadRecord",
    "ReadOptions",
    "SourceDoc",
    "content_key",
    "date_from_name",
    "date_pattern",
    "decode",
    "expand_paths",
    "html_main_text",
    "markdown_text",
    "normalise_date",
    "read_paths",
]

TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
CSV_SUFFIXES = {".csv", ".tsv"}
ALL_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES


@dataclass(frozen=True)
class SourceDoc:
    """One document as read, before extraction.

    ``source`` is where it came from (``path`` for a one-document file, ``path:line`` for a
    record); ``key`` is the content hash the store uses as the document's identity.
    """

    doc_id: str
    text: str
    source: str
    title: str | None = None
    date: str | None = None
    nbytes: int = 0

    @property
    def key(self) -> str:
        return content_key(self.text, self.title, self.date)


@dataclass(frozen=True)
class BadRecord:
    """A record that could not be read: ``path:line: message``."""

    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ReadOptions:
    """How to read records: column names and the file-name date pattern."""

    text_column: str = "text"
    date_column: str = "date"
    title_column: str = "title"
    id_column: str = "id"
    date_from_filename: str | None = None


def content_key(text: str, title: str | None, date: str | None) -> str:
    """The document's identity: SHA-256 (first 32 hex digits) of its title, date and text.

    Parameters
    ----------
    text : str
    title : str or None
    date : str or None

    Returns
    -------
    str
    """
    h = hashlib.sha256()
    h.update((title or "").encode("utf-8"))
    h.update(b"\x1f")
    h.update((date or "").encode("utf-8"))
    h.update(b"\x1f")
    h.update(text.encode("utf-8"))
    return h.hexdigest()[:32]


# --- dates ------------------------------------------------------------------------------

_DATE_TOKENS = {"%Y": r"(?P<year>\d{4})", "%m": r"(?P<month>\d{2})", "%d": r"(?P<day>\d{2})"}
_ISO_RE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?")


def date_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a file-name date pattern.

    Either a strftime-style pattern with ``%Y``, ``%m`` and ``%d`` (``%Y-%m-%d``, ``%Y%m``),
    searched anywhere in the file name, or a regular expression with named groups ``date`` or
    ``year`` (and optional ``month``, ``day``).

    Parameters
    ----------
    pattern : str
        ``%Y-%m-%d``-style, or a regular expression with a ``date`` or ``year`` group.

    Returns
    -------
    re.Pattern

    Raises
    ------
    ValueError
    """
    if "(?P<" in pattern:
        rx = pattern
    else:
        rx = ""
        i = 0
        while i < len(pattern):
            tok = pattern[i : i + 2]
            if tok in _DATE_TOKENS:
                rx += _DATE_TOKENS[tok]
                i += 2
            else:
                rx += re.escape(pattern[i])
                i += 1
    try:
        compiled = re.compile(rx)
    except re.error as exc:
        raise ValueError(f"--date-from-filename {pattern!r} is not a valid pattern: {exc}") from exc
    if not ({"date", "year"} & set(compiled.groupindex)):
        raise ValueError(
            f"--date-from-filename {pattern!r}: expected %Y (and %m, %d) or a regex with a "
            "(?P<date>...) or (?P<year>...) group"
        )
    return compiled


def date_from_name(name: str, rx: re.Pattern[str]) -> str | None:
    """The ISO (partial) date that ``rx`` finds in ``name``, or None.

    Parameters
    ----------
    name : str
        A file name.
    rx : re.Pattern
        From :func:`date_pattern`.

    Returns
    -------
    str or None
    """
    m = rx.search(name)
    if not m:
        return None
    groups = m.groupdict()
    if groups.get("date"):
        return normalise_date(groups["date"])
    parts = [groups.get("year"), groups.get("month"), groups.get("day")]
    out = [p for p in parts if p]
    return normalise_date("-".join(out)) if out else None


def normalise_date(value: object) -> str | None:
    """``2012-1-5``, ``2012/01/05``, ``20120105``, ``2012-01-05T10:00`` -> ISO (partial) date.

    Parameters
    ----------
    value : object
        A date as found in a record.

    Returns
    -------
    str or None
    """
    if value is None:
        return None
    if isinstance(value, _dt.date):
        return value.isoformat()[:10]
    s = str(value).strip()
    if not s:
        return None
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    elif re.fullmatch(r"\d{6}", s):
        s = f"{s[:4]}-{s[4:]}"
    m = _ISO_RE.match(s)
    if not m:
        raise ValueError(
            f"date {value!r} is not an ISO date (expected YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    y, mo, d = m.groups()
    if mo is None:
        return y
    if not 1 <= int(mo) <= 12:
        raise ValueError(f"date {value!r} has month {mo}")
    if d is None:
        return f"{y}-{int(mo):02d}"
    try:
        return _dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError as exc:
        raise ValueError(f"date {value!r}: {exc}") from exc


# --- decoding -----------------------------------------------------------------------------


def decode(data: bytes, path: str) -> str | BadRecord:
    """UTF-8 text of ``data`` (BOM dropped), or a BadRecord naming the line of the bad byte.

    Parameters
    ----------
    data : bytes
    path : str
        Named in the bad record.

    Returns
    -------
    str or BadRecord
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return BadRecord(
            path,
            line,
            f"undecodable byte 0x{data[exc.start]:02x} at column {col} (expected UTF-8 text)",
        )


# --- HTML ---------------------------------------------------------------------------------

_DROP = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "head",
}
_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "main", "blockquote", "pre", "hr", "dd", "dt", "figcaption", "body",
}  # fmt: skip
_VOID = {
    "br",
    "hr",
    "img",
    "meta",
    "link",
    "input",
    "area",
    "base",
    "col",
    "embed",
    "source",
    "wbr",
}


class _MainText(HTMLParser):
    """Collects the visible main text of an HTML page (standard-library parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: str | None = None
        self._in_title = False
        self._drop_depth = 0
        self._stack: list[str] = []
        self.parts: dict[str, list[str]] = {"main": [], "body": []}
        self._main_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _VOID:
            if tag in {"br", "hr"} and not self._drop_depth:
                self._emit("\n")
            return
        self._stack.append(tag)
        if tag == "title":
            self._in_title = True
        if tag in _DROP and not (tag == "head" and self._drop_depth):
            self._drop_depth += 1
        if tag in {"main", "article"}:
            self._main_depth += 1
        if tag in _BLOCK and not self._drop_depth:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            if top == "title":
                self._in_title = False
            if top in _DROP and self._drop_depth:
                self._drop_depth -= 1
            if top in {"main", "article"} and self._main_depth:
                self._main_depth -= 1
            if top in _BLOCK and not self._drop_depth:
                self._emit("\n\n")
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = ((self.title or "") + data).strip() or None
            return
        if not self._drop_depth:
            self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts["body"].append(s)
        if self._main_depth:
            self.parts["main"].append(s)

    def text(self) -> str:
        chunks = self.parts["main"] if "".join(self.parts["main"]).strip() else self.parts["body"]
        raw = "".join(chunks)
        paras = []
        for block in re.split(r"\n\s*\n", raw):
            line = re.sub(r"\s+", " ", block).strip()
            if line:
                paras.append(line)
        return "\n\n".join(paras)


def html_main_text(html: str) -> tuple[str | None, str]:
    """(title, main text) of an HTML page; scripts, styles and page furniture dropped.

    Parameters
    ----------
    html : str

    Returns
    -------
    (str or None, str)
        Title and main text.
    """
    p = _MainText()
    p.feed(html)
    p.close()
    return p.title, p.text()


# --- Markdown -------------------------------------------------------------------------------


def markdown_text(md: str) -> tuple[str | None, str]:
    """(title, plain text) of a Markdown document: the first ``#`` heading is the title.

    Parameters
    ----------
    md : str

    Returns
    -------
    (str or None, str)
        Title and plain text.
    """
    title = None
    md = re.sub(r"<!--.*?-->", "", md, flags=re.S)
    md = re.sub(r"^(```|~~~).*?^\1[^\n]*$", "", md, flags=re.S | re.M)
    out = []
    for line in md.splitlines():
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            if title is None:
                title = m.group(1)
            line = m.group(1)
        line = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
        line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
        line = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", line)
        line = re.sub(r"^\s{0,3}>\s?", "", line)
        line = re.sub(r"^\s*[-*+]\s+", "", line)
        line = re.sub(r"`([^`]*)`", r"\1", line)
        out.append(line)
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    return title, text


# --- records --------------------------------------------------------------------------------


def _field(obj: dict, name: str) -> object:
    if name in obj:
        return obj[name]
    low = {str(k).lower(): v for k, v in obj.items()}
    return low.get(name.lower())


def _record(
    obj: dict, path: str, line: int, opts: ReadOptions, stem: str, nbytes: int
) -> SourceDoc | BadRecord:
    text = _field(obj, opts.text_column)
    if text is None:
        return BadRecord(path, line, f"no {opts.text_column!r} field (expected the document text)")
    if not isinstance(text, str) or not text.strip():
        return BadRecord(path, line, f"field {opts.text_column!r} is empty or not text")
    try:
        date = normalise_date(_field(obj, opts.date_column))
    except ValueError as exc:
        return BadRecord(path, line, f"field {opts.date_column!r}: {exc}")
    rid = _field(obj, opts.id_column)
    title = _field(obj, opts.title_column)
    doc_id = f"{stem}:{rid}" if rid not in (None, "") else f"{stem}:{line}"
    source = f"{path}#{rid}" if rid not in (None, "") else f"{path}:{line}"
    return SourceDoc(
        doc_id=doc_id,
        text=text,
        source=source,
        title=str(title) if title not in (None, "") else None,
        date=date,
        nbytes=nbytes,
    )


def _read_jsonl(path: Path, opts: ReadOptions) -> Iterator[SourceDoc | BadRecord]:
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            text = decode(raw, str(path))
            if isinstance(text, BadRecord):
                yield BadRecord(str(path), lineno, text.message)
                continue
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield BadRecord(str(path), lineno, f"broken JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(obj, dict):
                yield BadRecord(str(path), lineno, "expected a JSON object per line")
                continue
            yield _record(obj, str(path), lineno, opts, path.stem, len(raw))


def _read_csv(path: Path, opts: ReadOptions) -> Iterator[SourceDoc | BadRecord]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    with path.open("rb") as fb:
        wrapper = io.TextIOWrapper(fb, encoding="utf-8-sig", errors="strict", newline="")
        reader = csv.reader(wrapper, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            yield BadRecord(str(path), 1, f"undecodable bytes in the header ({exc.reason})")
            return
        names = [h.strip() for h in header]
        lower = [n.lower() for n in names]
        if opts.text_column.lower() not in lower:
            yield BadRecord(
                str(path),
                1,
                f"no column {opts.text_column!r} in the header (columns: {', '.join(names)}); "
                "name the text column with --text-column",
            )
            return
        line = 2
        while True:
            start = line
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield BadRecord(
                    str(path), start, f"undecodable bytes ({exc.reason}); rest of file skipped"
                )
                return
            except csv.Error as exc:
                yield BadRecord(str(path), start, f"broken CSV row ({exc})")
                line = reader.line_num + 1
                continue
            line = reader.line_num + 1
            if not row or not any(c.strip() for c in row):
                continue
            if len(row) != len(names):
                yield BadRecord(
                    str(path), start, f"row has {len(row)} fields, the header has {len(names)}"
                )
                continue
            obj = dict(zip(names, row, strict=True))
            yield _record(obj, str(path), start, opts, path.stem, sum(len(c) for c in row))


def _one_document(
    path: Path, opts: ReadOptions, date_rx: re.Pattern[str] | None
) -> SourceDoc | BadRecord:
    data = path.read_bytes()
    text = decode(data, str(path))
    if isinstance(text, BadRecord):
        return text
    suffix = path.suffix.lower()
    title: str | None = None
    if suffix in HTML_SUFFIXES:
        title, text = html_main_text(text)
    elif suffix in MARKDOWN_SUFFIXES:
        title, text = markdown_text(text)
    if not text.strip():
        return BadRecord(str(path), None, "no text in the document")
    date = date_from_name(path.name, date_rx) if date_rx else None
    return SourceDoc(
        doc_id=path.stem, text=text, source=str(path), title=title, date=date, nbytes=len(data)
    )


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named by ``paths``: files as given, directories walked (sorted), known suffixes.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders.

    Returns
    -------
    iterator of Path
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in ALL_SUFFIXES and not f.name.startswith("."):
                    yield f
        else:
            yield path


def read_paths(
    paths: Iterable[str | Path], opts: ReadOptions | None = None
) -> Iterator[SourceDoc | BadRecord]:
    """Stream every document (or bad record) under ``paths``, in a stable order.

    Parameters
    ----------
    paths : iterable of str or Path
        Files and folders.
    opts : ReadOptions or None
        Column names and the file-name date pattern.

    Returns
    -------
    iterator of SourceDoc or BadRecord
    """
    opts = opts or ReadOptions()
    date_rx = date_pattern(opts.date_from_filename) if opts.date_from_filename else None
    for path in expand_paths(paths):
        if not path.exists():
            yield BadRecord(str(path), None, "no such file")
            continue
        suffix = path.suffix.lower()
        try:
            if suffix in JSONL_SUFFIXES:
                records: Iterable[SourceDoc | BadRecord] = _read_jsonl(path, opts)
            elif suffix in CSV_SUFFIXES:
                records = _read_csv(path, opts)
            else:
                records = [_one_document(path, opts, date_rx)]
            for rec in records:
                if (
                    date_rx is not None
                    and isinstance(rec, SourceDoc)
                    and rec.date is None
                    and suffix in JSONL_SUFFIXES | CSV_SUFFIXES
                ):
                    rec = SourceDoc(**{**rec.__dict__, "date": date_from_name(path.name, date_rx)})
                yield rec
        except OSError as exc:
            yield BadRecord(str(path), None, f"cannot read: {exc.strerror or exc}")
