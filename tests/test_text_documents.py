"""Reading documents: text kept as read, one clear error line per bad file."""

from __future__ import annotations

import pytest

from factions.text.documents import Document, DocumentError, read_document


def test_reads_utf8_text_unchanged(tmp_path):
    p = tmp_path / "note.txt"
    text = "Caf\u00e9 talks \u2014 Ankara and Baku agree.\r\nSecond line.\n"
    p.write_bytes(text.encode("utf-8"))
    doc = read_document(p)
    assert doc.doc_id == "note"
    assert doc.text == text
    assert doc.source == str(p)


@pytest.mark.parametrize(
    "make, expected",
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty"),
        (lambda d: _write(d / "blank.txt", b"  \n\t\n"), "empty"),
        (lambda d: _write(d / "bin.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
        (
            lambda d: _write(d / "latin1.txt", "line one\nna\u00efve\n".encode("latin-1")),
            "not UTF-8",
        ),
    ],
)
def test_bad_files_raise_one_line_naming_the_file(tmp_path, make, expected):
    path = make(tmp_path)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    msg = str(info.value)
    assert expected in msg
    assert str(path) in msg
    assert "\n" not in msg


def test_not_utf8_names_the_line(tmp_path):
    p = _write(tmp_path / "x.txt", b"fine\nalso fine\nbad \xff byte\n")
    with pytest.raises(DocumentError, match=r"x\.txt:3: not UTF-8"):
        read_document(p)


@pytest.mark.parametrize(
    "date", ["2004\u20132007 (events described)", "12 May 2012", "2012-13", "2012-05\n", "２０１２"]
)
def test_a_date_that_is_no_partial_iso_date_is_one_clear_error(date):
    with pytest.raises(DocumentError) as info:
        Document("note", "Iran backs Syria.", date=date)
    assert str(info.value) == f"note: date {date!r}: a date is YYYY, YYYY-MM or YYYY-MM-DD"


@pytest.mark.parametrize("date", ["2012-02-30", "2011-02-29", "2012-04-31"])
def test_a_full_date_that_is_no_calendar_date_is_one_clear_error(date):
    with pytest.raises(DocumentError, match=rf"note: date '{date}': .*must be a calendar date"):
        Document("note", "Iran backs Syria.", date=date)


@pytest.mark.parametrize("date", [None, "2012", "2012-05", "2012-05-31", "2012-02-29"])
def test_a_partial_iso_date_is_kept(date):
    assert Document("note", "Iran backs Syria.", date=date).date == date


def _write(path, data: bytes):
    path.write_bytes(data)
    return path
