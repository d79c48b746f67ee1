"""Semi-structured text: tables and lists of parties with leaders and seats.

Analysis and news put a parliament's parties in tables and lists that no sentence rule
reads::

    The following parties are participating in the coalition:
    | Party          | Leader           | Seats |
    | Green Future   | Ana Ruiz         | 17    |
    - Reform Bloc (led by Beto Diaz): 8 seats

:func:`find_tables` finds blocks of two or more such lines (pipe or tab tables, bulleted or
numbered lists, lines ending in a seat count) in the document text, with their columns and
the line that heads them. :func:`table_mentions` (run inside
:func:`factions.text.mentions.find_mentions`, on the one parse) marks in every row the
party (the party column, else the row's first name; a name NER missed or took for a
person's is made a party mention) and its leader (a person in the leader column, or "led by
X", or a person in brackets). After coreference :func:`table_affiliations` gives each leader
an affiliation to the party, and, when the heading says the parties join or form a
coalition or government, each party's membership of the coalition the heading names;
and each row of a vote or recommendation column its stance (``extra["table_stance"]``). The
rule units of :mod:`factions.text.rules.tables` read these marks into relations: a +1 between
the parties of such a list ("joining a coalition together", ANNOTATION.md), and each row's
stance. O(characters + mentions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from factions.model import ActorKind

__all__ = ["Row", "Table", "find_tables", "table_affiliations", "table_mentions"]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from factions.text.lexicon import Lexicon
    from factions.text.mentions import Mention

_BULLET = re.compile(r"^\s*(?:[-*•·–]|\d{1,2}[.)])\s+")
_GAP = re.compile(r"\S {2,}(?=\S)")  # a run of two or more spaces between columns
_NAME_LABELS = ("GPE", "LOC", "NORP", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")


def _alternatives(words: Sequence[str]) -> str:
    """A regex alternation of ``words`` (longest first; a trailing "*" is any word's rest)."""
    pats = [re.escape(w[:-1]) + r"\w*" if w.endswith("*") else re.escape(w) for w in words]
    return "|".join(sorted(pats, key=len, reverse=True))


@dataclass(frozen=True)
class TablePatterns:
    """The patterns of table reading, built from the lexicon's ``table_words``,
    ``table_header_words`` and ``table_column_words`` (``lexicon/words.yaml``) by
    :func:`table_patterns`."""

    seats: re.Pattern
    separator: re.Pattern
    led_by: re.Pattern
    leader_column: re.Pattern
    member_column: re.Pattern
    list_column: re.Pattern
    membership: re.Pattern
    header_words: frozenset[str]
    column_words: frozenset[str]
    stance_column: re.Pattern
    vote_for: re.Pattern
    vote_against: re.Pattern
    motion_against: re.Pattern
    motion_for: re.Pattern
    stance_against: re.Pattern


def table_patterns(lex: Lexicon | None = None) -> TablePatterns:
    """The table patterns of ``lex`` (default: the packaged lexicon), built once per lexicon
    word lists."""
    if lex is None:
        from factions.text.lexicon import load_lexicon

        lex = load_lexicon()
    words = tuple(sorted((k, tuple(v)) for k, v in lex.table_words.items()))
    return _patterns(words, lex.table_header_words, lex.table_column_words)


@lru_cache(maxsize=4)
def _patterns(
    words: tuple[tuple[str, tuple[str, ...]], ...],
    header: frozenset[str],
    column: frozenset[str] = frozenset(),
) -> TablePatterns:
    w = dict(words)

    def alt(key: str) -> str:
        if not w.get(key):
            raise ValueError(f"lexicon/words.yaml: table_words.{key}: expected a list of words")
        return _alternatives(w[key])

    cell_leaders = "".join(
        rf",\s+{re.escape(p)}\s|\s\({re.escape(p)}\s|" for p in w.get("cell_leader_phrases", ())
    )
    return TablePatterns(
        seats=re.compile(
            rf"\b\d{{1,3}}\s*(?:{alt('seat_words')})\b|\(\s*\d{{1,3}}\s*\)\s*$|[:–—-]\s*\d{{1,3}}\s*$"
        ),
        separator=re.compile(rf"\s*(?:\||\t|\s[–—-]\s|:\s|;\s|{cell_leaders}\s\()\s*"),
        led_by=re.compile(rf"\b(?:{alt('leader_phrases')})\s+", re.I),
        leader_column=re.compile(alt("leader_columns")),
        member_column=re.compile(alt("member_columns")),
        list_column=re.compile(alt("list_columns")),
        membership=re.compile(
            rf"\b(?:{alt('membership_determiners')})\s+(?:{alt('membership_group_plurals')})\b"
            rf".*\b(?:{alt('membership_verbs')})"
            rf"|\b(?:{alt('membership_bodies')})\b.*\b(?:{alt('membership_body_words')})\b"
            rf"|\b(?:{alt('membership_member_nouns')})\s+of\s+the\s+(?:{alt('membership_bodies')})\b",
            re.I,
        ),
        header_words=header,
        column_words=column,
        stance_column=re.compile(rf"\b(?:{alt('stance_columns')})"),
        vote_for=re.compile(rf"(?:{alt('vote_for')})(?:\s*\(.*\))?[.!]?", re.I),
        vote_against=re.compile(rf"(?:{alt('vote_against')})(?:\s*\(.*\))?[.!]?", re.I),
        motion_against=re.compile(rf"\b(?:{alt('motions_against')})\b", re.I),
        motion_for=re.compile(rf"\b(?:{alt('motions_for')})\b", re.I),
        stance_against=re.compile(rf"\b(?:{alt('stance_against_words')})\b", re.I),
    )


@dataclass
class Row:
    """One line of a table: its character span and its cells' spans."""

    start: int
    end: int
    cells: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Table:
    """Two or more table lines, their column roles and the line heading them."""

    rows: list[Row]
    heading: tuple[int, int] | None = None
    header: tuple[int, int] | None = None  # the column names' line: no actor is named there
    header_cells: list[tuple[int, int]] = field(default_factory=list)
    membership: bool = False
    party_col: int = 0
    leader_col: int | None = None
    member_col: int | None = None  # the member parties of a row's alliance
    list_col: bool = False  # its party column is named as one of lists or alliances
    typed: bool = False  # its column names say which column holds parties or leaders
    stance_col: int | None = None  # how each party voted, or whom it backed


def _lines(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(line)


def _cells(start: int, body: str, pat: TablePatterns) -> list[tuple[int, int]] | None:
    """Cell spans of a table line, or None when the line is not one."""
    stripped = body.strip()
    if not stripped:
        return None
    if stripped.count("|") >= 2 or "\t" in stripped:
        if re.fullmatch(r"[|\s:+-]+", stripped):
            return []  # a markdown rule "|---|---|"
        return _split_cells(start, body, r"(\||\t)")
    if len(stripped) <= 160 and len(_GAP.findall(stripped)) >= 2:
        return _split_cells(start, body, r"( {2,})")  # columns aligned by spaces
    bullet = _BULLET.match(body)
    if not bullet and not pat.seats.search(body):
        return None
    if len(stripped) > 160:
        return None  # a paragraph, not a row
    offset = bullet.end() if bullet else len(body) - len(body.lstrip())
    content = body[offset:]
    out = []
    pos = 0
    for m in pat.separator.finditer(content):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(content):
        out.append((pos, len(content)))
    cells = []
    for a, b in out:
        piece = content[a:b]
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip(" )."))
        if trail > lead:
            cells.append((start + offset + a + lead, start + offset + a + trail))
    return cells


def _split_cells(start: int, body: str, separator: str) -> list[tuple[int, int]]:
    """Cell spans of a line split on ``separator`` (a regex with one capturing group)."""
    parts = []
    pos = 0
    for piece in re.split(separator, body):
        if not re.fullmatch(separator, piece) and piece.strip():
            lead = len(piece) - len(piece.lstrip())
            parts.append((start + pos + lead, start + pos + len(piece.rstrip())))
        pos += len(piece)
    return parts


def find_tables(text: str, lex: Lexicon | None = None) -> tuple[Table, ...]:
    """Blocks of two or more table lines in ``text``, with their heading line and the line of
    column names (a line of ``table_header_words``, or a markdown table's first line, above
    its rule line), read with the table words of ``lex`` (default: the packaged lexicon).
    Cached per text: mentions and affiliations read the same tables."""
    return _find_tables(text, table_patterns(lex))


@lru_cache(maxsize=16)
def _find_tables(text: str, pat: TablePatterns) -> tuple[Table, ...]:
    tables: list[Table] = []
    block: list[Row] = []
    prev_lines: list[tuple[int, int, str]] = []
    header: list[str] | None = None
    header_span: tuple[int, int] | None = None
    header_cells: list[tuple[int, int]] = []
    heading: tuple[int, int] | None = None

    def close() -> None:
        nonlocal block, header, header_span, header_cells, heading
        if len(block) >= 2:
            t = Table(rows=block, heading=heading, header=header_span, header_cells=header_cells)
            if heading is not None:  # what the heading's last sentence says of the rows
                a, b = _last_sentence(text, heading)
                t.membership = bool(pat.membership.search(text[a:b]))
            if header:
                for k, h in enumerate(header):
                    if pat.leader_column.search(h):
                        t.leader_col, t.typed = k, True
                    elif pat.member_column.fullmatch(h.strip()):
                        t.member_col = k
                    elif "party" in h or "list" in h or "name" in h or "bloc" in h:
                        t.party_col, t.typed = k, True
                        t.list_col = bool(pat.list_column.fullmatch(h.strip()))
                if t.member_col == t.party_col:
                    t.member_col = None  # "| Parties | Seats |": the parties themselves
                for k, h in enumerate(header):
                    if k not in (t.party_col, t.leader_col) and pat.stance_column.search(h):
                        t.stance_col = k
                        break
            if t.stance_col is None and not header:  # named columns say what they hold
                t.stance_col = _vote_column(text, t, pat)
            tables.append(t)
        block, header, header_span, header_cells, heading = [], None, None, [], None

    for s, e, body in _lines(text):
        cells = _cells(s, body, pat)
        if cells is None:
            close()
            if body.strip():
                prev_lines = [(s, e, body)]
            continue
        if not cells:
            if len(block) == 1 and header is None:  # "| List | Seats (of 498) |" over "|---|"
                row = block.pop()
                header = [text[a:b].lower() for a, b in row.cells]
                header_span, header_cells = (row.start, row.end), row.cells
            continue  # a rule line
        words = {w.lower().strip(":") for c in cells for w in text[c[0] : c[1]].split()}
        if not block and (
            words and words <= pat.header_words or _column_names(text, body, cells, pat)
        ):
            header = [text[a:b].lower() for a, b in cells]
            header_span, header_cells = (s, e), cells
            continue
        if not block and prev_lines:
            heading = prev_lines[-1][:2]
        block.append(Row(s, e, cells))
    close()
    return tuple(tables)


_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=\S)")


def _last_sentence(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The last sentence of a heading line: the one that introduces the table below it (a
    paragraph's earlier sentences speak of other things: "its partners in the red-green
    coalition ... The result:")."""
    a, b = span
    starts = [m.end() for m in _SENTENCE_END.finditer(text, a, b)]
    return (starts[-1] if starts else a), b


_NUMBER_CELL = re.compile(r"[\d.,%~≈]+")


def _column_names(text: str, body: str, cells: list[tuple[int, int]], pat: TablePatterns) -> bool:
    """Whether a table's first line names its columns in words of its own ("Party | Leader |
    Position after the vote", "Ticket | Main Backers | Vote"): two or more cells split by
    "|" or a tab, none a number or a seat count ("45 seats"), each holding a word of
    ``table_header_words`` and led by one, or with no capitalised word but header words and
    ``table_column_words`` ("Number of Seats", "Preliminary share"), so not a name: "Union
    Bloc | Azure Party and Green Party | Ana Ruiz" is a row."""
    if len(cells) < 2 or not ("|" in body or "\t" in body):
        return False
    for a, b in cells:
        cell = text[a:b].strip()
        written = [w for w in (w.strip("()[],.:;") for w in cell.split()) if w]
        words = [w.lower() for w in written]
        if not words or _NUMBER_CELL.fullmatch(cell) or pat.seats.search(cell):
            return False
        if not any(w in pat.header_words for w in words):
            return False
        if words[0] in pat.header_words:
            continue  # "Position after the vote"
        capitals = [words[0], *(w.lower() for w in written[1:] if w[:1].isupper())]
        if any(w not in pat.header_words and w not in pat.column_words for w in capitals):
            return False  # "Union Bloc", "Azure Party and Green Party": names
    return True


def vote_value(cell: str, pat: TablePatterns) -> int | None:
    """+1 for a vote for ("Yes", "For (84)"), -1 against ("No", "Against"), None for
    anything else (an abstention, a name): the whole cell is the vote."""
    cell = cell.strip()
    if pat.vote_for.fullmatch(cell):
        return 1
    if pat.vote_against.fullmatch(cell):
        return -1
    return None


def _vote_column(text: str, t: Table, pat: TablePatterns) -> int | None:
    """A column with no name whose cells are votes in two or more rows ("- PSOE: for")."""
    counts: dict[int, int] = {}
    for row in t.rows:
        for k, (a, b) in enumerate(row.cells):
            if k != t.party_col and vote_value(text[a:b], pat) is not None:
                counts[k] = counts.get(k, 0) + 1
    best = max(counts, key=counts.__getitem__, default=None)
    return best if best is not None and counts[best] >= 2 else None


def _motion(
    doc: Doc, spans: list[tuple[int, int]], mentions: list[Mention], pat: TablePatterns
) -> tuple[int, tuple[int, int]] | None:
    """The motion a table's votes are on: its polarity (-1 for a motion against its target:
    no confidence, impeachment, removal; +1 for one for it: investiture, confidence) and its
    target's character span, read from the motion word's arguments ("the motion of no
    confidence against X", "X's removal", "X was invested", "to impeach X"). The ``spans``
    (column name, heading, the sentences before the table, nearest first) are searched in
    order, and in each the motion words from left to right; None if none has a target."""
    by_token = {i: m for m in mentions if m.named for i in range(m.start, m.end)}
    for a, b in spans:
        text = doc.text[a:b]
        hits = [(h.start(), h.end(), -1) for h in pat.motion_against.finditer(text)]
        hits += [(h.start(), h.end(), 1) for h in pat.motion_for.finditer(text)]
        for start, end, polarity in sorted(hits):  # "no confidence" before its "confidence"
            span = doc.char_span(a + start, a + end, alignment_mode="expand")
            if span is None:
                continue
            target = _motion_target(span[-1], by_token)
            if target is not None:
                return polarity, (target.start_char, target.end_char)
    return None


_TARGET_PREPS = ("of", "against", "on", "in", "for", "to")


def _motion_target(tok: Token, by_token: dict[int, Mention]) -> Mention | None:
    """The named actor a motion word takes as its argument: its object or passive subject,
    its possessor, or the object of its "of/against/on" (the word's head's too, up to three
    steps: "no confidence" -> "of" -> "motion" -> "against X")."""
    heads = [tok]
    t = tok
    for _ in range(3):
        if t.dep_ not in ("pobj", "prep", "amod", "compound", "nmod") or t.head.i == t.i:
            break
        t = t.head
        heads.append(t)
    for h in heads:
        for c in h.children:
            found = None
            if c.dep_ in ("dobj", "nsubjpass", "poss"):
                found = by_token.get(c.i)
            elif c.dep_ == "prep" and c.lower_ in _TARGET_PREPS:
                found = next(
                    (by_token[g.i] for g in c.children if g.dep_ == "pobj" and g.i in by_token),
                    None,
                )
            if found is not None:
                return found
    return None


def _context_spans(doc: Doc, t: Table) -> list[tuple[int, int]]:
    """Where a stance table's motion is named: its stance column's name, its heading and the
    three sentences before it (nearest first)."""
    spans = []
    if t.stance_col is not None and t.stance_col < len(t.header_cells):
        spans.append(t.header_cells[t.stance_col])
    if t.heading is not None:
        spans.append(t.heading)
    start = t.heading[0] if t.heading is not None else t.rows[0].start
    before = [s for s in doc.sents if s.end_char <= start and s.text.strip()]
    spans += [(s.start_char, s.end_char) for s in reversed(before[-3:])]
    return spans


def table_mentions(doc: Doc, mentions: list[Mention], taken: bytearray, lex) -> list[Mention]:
    """Mark the party and leader of every table row (new mentions for names NER missed; a
    party cell NER cut into several names becomes one, and ``mentions`` loses the parts).

    Returns the new mentions; the row's mentions get ``extra["table"] = (table, row,
    role)`` and the table's heading ``extra["table_heading"]``."""
    from factions.text.mentions import Mention, org_kind

    tables = find_tables(doc.text, lex)
    pat = table_patterns(lex)
    led_by = pat.led_by
    if not tables:
        return []
    added: list[Mention] = []
    by_char = sorted(mentions, key=lambda m: m.start_char)

    def inside(a: int, b: int) -> list[Mention]:
        return [m for m in (*by_char, *added) if m.start_char >= a and m.end_char <= b]

    def new(a: int, b: int, label: str, kind: ActorKind) -> Mention | None:
        span = doc.char_span(a, b, alignment_mode="contract")
        if span is None or not len(span) or any(taken[span.start : span.end]):
            return None
        while len(span) and span[0].lower_ == "the":
            span = span[1:]
        text = span.text.strip()
        if not text or not text[:1].isupper() or not any(c.isalpha() for c in text):
            return None
        m = Mention.of(span, label, text, kind)
        for i in range(span.start, span.end):
            taken[i] = 1
        added.append(m)
        return m

    persons = _person_names(mentions)
    motions: dict[int, tuple[int, tuple[int, int]] | None] = {}
    for ti, t in enumerate(tables):
        for ri, row in enumerate(t.rows):
            cells = row.cells
            if not cells:
                continue
            pc = cells[t.party_col] if t.party_col < len(cells) else cells[0]
            if set(re.findall(r"\w+", doc.text[pc[0] : pc[1]].lower())) <= lex.table_no_party_words:
                continue  # "Others and independents", "Total", "Results (230 seats)"
            if _date_cell(doc, pc):
                continue  # "- May 2019: A and B formed C": a timeline's date, no party
            party = _whole_cell_name(doc, pc, inside(*pc), mentions, taken, new, lex)
            for m in inside(*pc) if party is None else ():
                whole = _fills(m, pc, 4)
                if m.label in ("ORG", "REF", "GAZ") or (
                    whole and (m.label == "PERSON" or (t.typed and m.label in _NAME_LABELS))
                ):
                    party = m
                    break
            if party is None:
                text = doc.text[pc[0] : pc[1]]
                if led_by.search(text) or re.fullmatch(r"[\d\s%.,]+", text):
                    continue
                party = new(pc[0], pc[1], "ORG", org_kind(text, lex))
            if party is None:
                continue
            if _person_row(doc, t, row, party, inside, pat, persons):
                # "- Ana Ruiz (Green Future): rejects the deal": a person's row, read as prose
                party.label, party.key, party.kind = "PERSON", party.text, ActorKind.PERSON
                continue
            if party.label in _NAME_LABELS:  # a party named in its column, NER's place
                _as_party(party)
            elif party.label == "PERSON" and t.leader_col != t.party_col:
                party.label, party.key = "ORG", party.text  # a party NER took for a person
                party.kind = org_kind(party.text, lex)
                if party.kind == ActorKind.ORGANIZATION:
                    party.kind = ActorKind.PARTY
            elif party.label == "ORG" and party.kind == ActorKind.ORGANIZATION:
                party.kind = ActorKind.PARTY
            party.extra["table"] = (ti, ri, "party")
            if t.heading is not None:
                party.extra["table_heading"] = t.heading
                party.extra["table_membership"] = t.membership
            # the leaders: the leader column, else the persons of the first other cell that
            # names any ("AfD: 94 (Alexander Gauland, Alice Weidel)": both lead it)
            leaders: list[Mention] = []
            spans = (
                [cells[t.leader_col]]
                if t.leader_col is not None and t.leader_col < len(cells)
                else [
                    c
                    for k, c in enumerate(cells)
                    if c != pc and k != t.stance_col  # "Recommended: X" backs X, not led by X
                ]
            )
            for a, b in spans:
                cell = [m for m in inside(a, b) if m is not party]
                leaders = _listed_persons(doc, cell)
                if not leaders and t.leader_col is not None:
                    person = _cell_person(doc, (a, b), cell, new, lex, any_text=True)
                    leaders = [person] if person is not None else []
                if leaders:
                    break
            leader = leaders[0] if leaders else None
            if leader is None:
                row_text = doc.text[row.start : row.end]
                for led in led_by.finditer(row_text):
                    a = row.start + led.end()
                    for m in inside(a, row.end):
                        if m.label == "PERSON":
                            leader = m
                            break
                    if leader is None:  # "led by Emil Roth: 4 seats": the name NER missed
                        name = re.match(r"[^\W\d_][\w'’.\- ]*?(?=\s*(?:[:;,()]|$|\s\d))",
                                        row_text[led.end() :])  # fmt: skip
                        if name:
                            leader = new(a, a + name.end(), "PERSON", ActorKind.PERSON)
                    if leader is not None:
                        break
                leaders = [leader] if leader is not None else []
            for m in leaders:  # a person, whatever NER or a description said of the name
                m.extra["table"] = (ti, ri, "leader")
                m.label, m.key, m.kind = "PERSON", m.text, ActorKind.PERSON
                m.extra.pop("kind_word", None)
            alliance = party not in added and party.kind == ActorKind.COALITION
            members = _member_groups(doc, t, cells, pc, party, inside, alliance)
            for m in members:
                m.extra["table"] = (ti, ri, "member")
            if members and party.kind in (ActorKind.PARTY, ActorKind.ORGANIZATION):
                party.kind = ActorKind.COALITION  # a list of parties is an alliance
            if t.stance_col is not None and t.stance_col < len(cells) and pc != cells[t.stance_col]:
                a, b = cells[t.stance_col]
                if vote_value(doc.text[a:b], pat) is None:  # "Recommended: Emil Roth"
                    _cell_person(doc, (a, b), inside(a, b), new, lex, any_text=False)
                if ti not in motions:  # once a table: what its votes are on
                    motions[ti] = _motion(doc, _context_spans(doc, t), mentions, pat)
                stance = _row_stance(doc, row, cells[t.stance_col], inside, motions[ti], pat)
                if stance is not None:
                    party.extra["table_stance"] = stance
    return added


def _person_names(mentions: list[Mention]) -> frozenset[str]:
    """The lower-case names and surnames of the persons NER found (outside tables too)."""
    out = set()
    for m in mentions:
        if m.label == "PERSON" and m.kind == ActorKind.PERSON:
            words = m.text.lower().split()
            out.add(" ".join(words))
            if len(words) > 1:
                out.add(words[-1])
    return frozenset(out)


def _person_row(
    doc: Doc, t: Table, row: Row, first: Mention, inside, pat: TablePatterns, persons
) -> bool:
    """A list's row about a person, not a party: its first name is a person's (NER's label
    here, or the name or surname of a person the text names elsewhere: NER often misses
    names on list lines), the list has no column names saying otherwise, the row gives no
    seats, and no other cell names a person without a verb (a party's row names its leader
    there: "- Green Future (Ana Ruiz): 67 seats"). Such a row is left as prose: "- Ana Ruiz (Green Future):
    rejects the deal" (the bracket is her party, or her constituency, never a party she
    leads)."""
    if t.typed or pat.seats.search(doc.text[row.start : row.end]):
        return False
    words = first.text.lower().split()
    if first.label != "PERSON" and not (
        len(words) >= 2 and (" ".join(words) in persons or words[-1] in persons)
    ):
        return False
    for a, b in row.cells:
        if a < first.end_char:
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        clause = span is not None and any(w.pos_ in ("VERB", "AUX") for w in span)
        if not clause and any(m.label == "PERSON" for m in inside(a, b) if m is not first):
            return False  # a cell naming a person and no verb: the row's leader
    return True


def _cell_person(
    doc: Doc, cell: tuple[int, int], inner: list[Mention], new, lex, any_text: bool
) -> Mention | None:
    """The person a cell of a persons' column (leaders, recommended candidates) names whole,
    where NER did not say so: a name it took for a place's or an organisation's (one without
    a group's word: "Unity League" stays) becomes a person's; failing that, the cell is made
    a person's mention. ``any_text``: any cell without digits (a leader column holds names
    only); else only two to four capitalised words (a stance column also says "Abstained").
    None when the cell names no person."""
    from factions.text.mentions import name_kind

    for m in inner:
        if (m.label in _NAME_LABELS or (m.label == "ORG" and name_kind(m.text, lex) is None)) and (
            _fills(m, cell, 2)
        ):
            m.label, m.key, m.kind = "PERSON", m.text, ActorKind.PERSON
            return m
    text = doc.text[cell[0] : cell[1]]
    words = text.split()
    if any_text:
        whole = not re.search(r"\d", text)
    else:
        whole = (
            2 <= len(words) <= 4
            and all(w[:1].isupper() and w.isalpha() for w in words)
            and not {w.lower() for w in words} & lex.table_no_party_words
        )
    return new(cell[0], cell[1], "PERSON", ActorKind.PERSON) if whole else None


def _row_stance(doc: Doc, row: Row, cell, inside, motion, pat: TablePatterns):
    """A row's stance: ``(sign, target character span, evidence span)``, from a vote on
    the table's ``motion`` (:func:`_motion`; "For" on a motion of no confidence against X:
    -1 to X) or from a name in the stance cell ("Recommended: X": +1 to X, "against X":
    -1). None otherwise."""
    a, b = cell
    named = [m for m in inside(a, b) if m.label in ("PERSON", "ORG", "REF", "GAZ", "STATE")]
    if named:
        sign = -1 if pat.stance_against.search(doc.text[a:b]) else 1
        return sign, (named[0].start_char, named[0].end_char), (row.start, row.end)
    vote = vote_value(doc.text[a:b], pat)
    if vote is None or motion is None:
        return None
    polarity, target = motion
    return vote * polarity, target, (min(target[0], row.start), row.end)


_GROUP_LABELS = ("ORG", "GAZ", "REF", "NORP")
_MEMBER_KINDS = (ActorKind.PARTY, ActorKind.COALITION, ActorKind.ORGANIZATION, ActorKind.MILITIA)


def _member_groups(
    doc: Doc, t: Table, cells, pc, party: Mention, inside, alliance: bool
) -> list[Mention]:
    """The groups a row lists as the members of its alliance.

    In a row of a named alliance (``alliance``: its name says so, and the table reader did
    not make the name of its cell) or of a table of electoral lists ("| List | ...",
    ``Table.list_col``): the groups of the member column ("Main parties", a column named
    only so, ``member_columns``). Without one, in a named alliance's row: another cell
    that lists two or more groups' names and nothing else ("- Union Bloc (Azure Party and
    Green League; Ana Ruiz): 107"); one group there is left out ("Socialist Party (PS;
    ...)" names the party again). A candidate's or a ticket's row has none."""
    if party.label not in _GROUP_LABELS:
        return []  # "Ana Ruiz / Dora Klein | Azure Party, Green League"
    if t.member_col is not None and (alliance or t.list_col):
        spans = [cells[t.member_col]] if t.member_col < len(cells) else []
        least = 1
    elif alliance:
        spans = [
            c for k, c in enumerate(cells) if c != pc and k not in (t.leader_col, t.stance_col)
        ]
        least = 2
    else:
        return []
    for a, b in spans:
        ms = [m for m in inside(a, b) if m is not party]
        if any(m.label == "PERSON" for m in ms):
            continue
        groups = [m for m in ms if m.label in _GROUP_LABELS and m.kind in _MEMBER_KINDS]
        places = [m for m in ms if m.label in _NAME_LABELS and m.kind == ActorKind.OTHER]
        if len({m.key for m in groups + places}) < least:
            continue
        if least > 1 and not _only_names(doc, (a, b), groups + places):
            continue  # "NDA partners of the BJP": a description, not a list of members
        for m in places:  # a party listed as a member, that NER took for a place
            _as_party(m)
        return sorted(groups + places, key=lambda m: m.start)
    return []


def _as_party(m: Mention) -> None:
    """A table's name that NER took for a place is a party's."""
    m.label, m.key, m.kind = "ORG", m.text, ActorKind.PARTY


def _date_cell(doc: Doc, cell: tuple[int, int]) -> bool:
    """Whether a cell is a date or time and nothing else ("May 2019", "3 October")."""
    span = doc.char_span(*cell, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    return bool(words) and all(t.ent_type_ in ("DATE", "TIME") for t in words)


_LIST_WORDS = frozenset({",", "and", "&", "the", "(", ")", ";", "/", "+"})


def _only_names(doc: Doc, cell: tuple[int, int], names: list[Mention]) -> bool:
    """Whether a cell holds nothing but ``names`` and the words that join a list."""
    span = doc.char_span(*cell, alignment_mode="expand")
    if span is None:
        return False
    covered = {i for m in names for i in range(m.start, m.end)}
    return all(t.i in covered or t.lower_ in _LIST_WORDS for t in span)


def _listed_persons(doc: Doc, ms: list[Mention]) -> list[Mention]:
    """The persons a cell lists: the first, and each later one with no verb between it and
    the one before ("Ana Ruiz, Dora Klein"; not "Ana Ruiz, who replaced Dora Klein")."""
    persons = [m for m in ms if m.label == "PERSON"]
    out = persons[:1]
    for m in persons[1:]:
        if any(doc[i].pos_ in ("VERB", "AUX") for i in range(out[-1].end, m.start)):
            break
        out.append(m)
    return out


def _fills(m: Mention, cell: tuple[int, int], slack: int) -> bool:
    """Whether mention ``m`` covers its cell but for ``slack`` characters (brackets, a
    trailing acronym)."""
    return m.end_char - m.start_char >= (cell[1] - cell[0]) - slack


def _whole_cell_name(doc: Doc, cell: tuple[int, int], inner: list, mentions: list, taken, new, lex):
    """A party cell that is one name ("Democratic Alliance for Egypt": capitalised words and
    connectors only) of which NER found only parts ("Democratic Alliance", "Egypt"): those
    mentions are removed from ``mentions`` and the cell becomes one party
    mention. None when the cell is not such a name or one mention already covers it."""
    from factions.text.mentions import org_kind

    span = doc.char_span(*cell, alignment_mode="contract")
    if span is None or len(span) < 2 or not inner:
        return None
    words = [w for w in span if not (w.i == span.start and w.lower_ == "the")]
    if any(m.start <= words[0].i and m.end >= span.end for m in inner):
        return None  # one mention is the whole cell already
    known = [m for m in inner if m.label in ("REF", "GAZ")]
    if len(known) >= 2 and _only_names(doc, cell, inner):
        return None  # "Shiv Sena and Telugu Desam Party": a list of known names, not one
    if not all(w.is_title or w.is_upper or w.lower_ in lex.name_connectors for w in words):
        return None
    for m in inner:
        if m in mentions:
            mentions.remove(m)
        for i in range(m.start, m.end):
            taken[i] = 0
    text = doc.text[cell[0] : cell[1]]
    return new(cell[0], cell[1], "ORG", org_kind(text, lex))


def table_role(m: Mention) -> str | None:
    """The role a table's row gives mention ``m`` (``"party"``, ``"leader"``,
    ``"member"``), or None outside a table."""
    t = m.extra.get("table")
    return t[2] if t is not None else None


def table_affiliations(doc: Doc, mentions: list[Mention]) -> list[tuple[int, int, str]]:
    """(member entity, group entity, role): each row's leader leads its party, and the
    parties its member cell lists are members of it (:func:`_member_groups`); under a
    heading of coalition membership naming the group, each party is its member."""
    rows: dict[tuple[int, int], dict[str, list[Mention]]] = {}
    for m in mentions:
        t = m.extra.get("table")
        if t is not None and m.entity >= 0:
            rows.setdefault((t[0], t[1]), {}).setdefault(t[2], []).append(m)
    out: list[tuple[int, int, str]] = []
    for row in rows.values():
        party = next(iter(row.get("party", ())), None)
        for leader in row.get("leader", ()) if party is not None else ():
            if party.entity != leader.entity:
                out.append((leader.entity, party.entity, "leader"))
        for member in row.get("member", ()) if party is not None else ():
            if party.entity != member.entity:
                out.append((member.entity, party.entity, "member"))
        if party is None or not party.extra.get("table_membership"):
            continue
        a, b = party.extra["table_heading"]
        groups = [
            m
            for m in mentions
            if a <= m.start_char and m.end_char <= b and m.entity >= 0 and m.named
            and m.kind in (ActorKind.COALITION, ActorKind.GOVERNMENT_BODY, ActorKind.ORGANIZATION)
        ]  # fmt: skip
        if len(groups) == 1 and groups[0].entity != party.entity:
            out.append((party.entity, groups[0].entity, "member"))
    return list(dict.fromkeys(out))
