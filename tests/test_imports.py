"""Event-data imports: GDELT 2.0, ICEWS and POLECAT files written here in each documented
column layout, mapped to actors through an editable table, then built and timelined."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from factions.store import build, import_events, load_mapping, timeline
from factions.store.events import GDELT2_COLUMNS, ICEWS_COLUMNS, ImportFileError


def gdelt_line(**values: str) -> str:
    row = {c: "" for c in GDELT2_COLUMNS}
    row.update(values)
    return "\t".join(row[c] for c in GDELT2_COLUMNS)


def gdelt_file(path: Path) -> Path:
    lines = [
        gdelt_line(GLOBALEVENTID="101", SQLDATE="20120105", Actor1Code="IRQGOV", Actor1Name="IRAQ",
                   Actor2Code="IRQREL", Actor2Name="MUQTADA AL-SADR", EventCode="111", EventRootCode="11",
                   QuadClass="3", GoldsteinScale="-2.0", NumSources="3", SOURCEURL="http://example.org/a"),
        gdelt_line(GLOBALEVENTID="102", SQLDATE="20120412", Actor1Code="IRQGOV", Actor1Name="IRAQ",
                   Actor2Code="IRQREL", Actor2Name="MUQTADA AL-SADR", EventCode="043", EventRootCode="04",
                   QuadClass="1", GoldsteinScale="1.0", NumSources="1", SOURCEURL="http://example.org/b"),
        gdelt_line(GLOBALEVENTID="103", SQLDATE="20120413", Actor1Code="IRN", Actor1Name="IRAN",
                   Actor2Code="IRQGOV", Actor2Name="IRAQ", EventCode="0711", EventRootCode="07",
                   QuadClass="2", GoldsteinScale="7.4", NumSources="2", SOURCEURL="http://example.org/c"),
        gdelt_line(GLOBALEVENTID="104", SQLDATE="20120414", Actor1Code="IRQGOV", Actor1Name="IRAQ",
                   Actor2Code="IRQGOVMIL", Actor2Name="IRAQ", EventCode="190", EventRootCode="19",
                   QuadClass="4", GoldsteinScale="-10", NumSources="1"),
        gdelt_line(GLOBALEVENTID="105", SQLDATE="20120415", Actor1Code="USA", Actor1Name="UNITED STATES",
                   Actor2Code="IRQGOV", Actor2Name="IRAQ", EventCode="042", EventRootCode="04",
                   QuadClass="9", GoldsteinScale="1.9", NumSources="1"),
    ]  # fmt: skip
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def mapping_csv(path: Path) -> Path:
    path.write_text(
        "code,actor_id,name,kind,dataset\n"
        "IRQGOV*,maliki_government,Government of Iraq,government_body,gdelt\n"
        "MUQTADA AL-SADR,sadr,Muqtada al-Sadr,person,\n"
        "IRN,iran,Iran,state,\n"
        "Nuri al-Maliki,maliki_government,,,\n"
        "Iran,iran,,,\n",
        encoding="utf-8",
    )
    return path


def test_gdelt_quadclass_goldstein_mapping(tmp_path):
    db = tmp_path / "e.duckdb"
    s = import_events(
        "gdelt", gdelt_file(tmp_path / "events.CSV"), db, mapping=mapping_csv(tmp_path / "map.csv")
    )
    assert s.rows == 5 and s.added == 3
    assert s.skipped_self == 1  # IRQGOV and IRQGOVMIL both map to the government
    assert [str(b) for b in s.bad] == [
        f"{tmp_path / 'events.CSV'}:5: QuadClass '9' (expected 1, 2, 3 or 4)"
    ]
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute(
        "SELECT event_id, a, b, sign, strength, confidence, label, url FROM events ORDER BY event_id"
    ).fetchall()
    con.close()
    assert rows == [
        ("101", "maliki_government", "sadr", -1, pytest.approx(0.2), pytest.approx(0.875), "disapprove", "http://example.org/a"),
        ("102", "maliki_government", "sadr", 1, pytest.approx(0.1), pytest.approx(0.5), "consult", "http://example.org/b"),
        ("103", "iran", "maliki_government", 1, pytest.approx(0.74), pytest.approx(0.75), "provide aid", "http://example.org/c"),
    ]  # fmt: skip
    again = import_events("gdelt", tmp_path / "events.CSV", db, mapping=tmp_path / "map.csv")
    assert again.added == 0 and again.duplicates == 3

    built = build(db, window="quarter")
    assert [b.window.label for b in built] == ["2012-Q1", "2012-Q2"]
    assert built[0].system.relation("sadr", "maliki_government").sign == -1
    assert built[1].system.relation("sadr", "maliki_government").sign == 1
    assert built[1].flips and built[1].flips[0]["from"] == -1
    assert built[1].system.actor("maliki_government").name == "Government of Iraq"
    tl = timeline(db, "sadr", "Government of Iraq", window="month")
    assert [p["change"] for p in tl["points"]] == ["new", "flip"]
    assert tl["points"][0]["evidence"][0]["source"] == "http://example.org/a"


def test_gdelt_with_a_header_row(tmp_path):
    p = tmp_path / "bq.tsv"
    p.write_text(
        "\t".join(GDELT2_COLUMNS) + "\n"
        + gdelt_line(GLOBALEVENTID="7", SQLDATE="20200101", Actor1Name="ALPHA", Actor2Name="BETA",
                     EventRootCode="18", EventCode="180", QuadClass="4", GoldsteinScale="-9", NumSources="1") + "\n"
    )  # fmt: skip
    s = import_events("gdelt", p, tmp_path / "e.duckdb")  # no mapping: names become actor ids
    assert s.added == 1
    assert build(tmp_path / "e.duckdb")[0].system.relation("alpha", "beta").sign == -1


def test_gdelt_wrong_layout_is_reported(tmp_path):
    p = tmp_path / "short.csv"
    p.write_text("1\t2\t3\n")
    s = import_events("gdelt", p, tmp_path / "e.duckdb")
    assert [str(b) for b in s.bad] == [
        f"{p}:1: expected 61 tab-separated GDELT 2.0 event columns, got 3"
    ]


def test_icews_cameo_root_sign_and_intensity(tmp_path):
    p = tmp_path / "icews.tab"
    rows = [
        ["1", "2012-01-20", "Nuri al-Maliki", "Government", "Iraq", "Accuse", "112", "-2.0",
         "Muqtada al-Sadr", "Religious", "Iraq", "s1", "1", "Pub A", "", "", "", "Iraq", "33.3", "44.4"],
        ["2", "2012-02-02", "Iran", "Government", "Iran", "Provide military aid", "072", "8.3",
         "Nuri al-Maliki", "Government", "Iraq", "s2", "1", "Pub B", "", "", "", "Iraq", "", ""],
        ["3", "2012-02-03", "Iran", "Government", "Iran", "Bad code", "XYZ", "1",
         "Nuri al-Maliki", "Government", "Iraq", "s3", "1", "Pub C", "", "", "", "Iraq", "", ""],
    ]  # fmt: skip
    p.write_text("\t".join(ICEWS_COLUMNS) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n")
    db = tmp_path / "e.duckdb"
    s = import_events("icews", p, db, mapping=mapping_csv(tmp_path / "map.csv"), keep_unmapped=True)
    assert s.added == 2
    assert [str(b) for b in s.bad] == [
        f"{p}:4: CAMEO Code 'XYZ' (expected a code such as 042 or 1823)"
    ]
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute("SELECT a, b, sign, strength, label FROM events ORDER BY event_id").fetchall()
    con.close()
    assert got == [
        ("maliki_government", "sadr", -1, pytest.approx(0.2), "Accuse"),
        ("iran", "maliki_government", 1, pytest.approx(0.83), "Provide military aid"),
    ]


def test_polecat_plover_categories_and_modes(tmp_path):
    p = tmp_path / "polecat.tsv"
    header = ["Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Actor Name",
              "Actor Country", "Recipient Name", "Recipient Country", "Source"]  # fmt: skip
    rows = [
        ["e1", "2022-03-01", "ASSAULT", "primitive", "", "Red Brigade", "CAR", "Blue Party", "CAR", "wire"],
        ["e2", "2022-03-02", "AID", "military", "", "Westmark", "WES", "Blue Party", "CAR", "wire"],
        ["e3", "2022-03-03", "REQUEST", "", "", "Blue Party", "CAR", "Westmark", "WES", "wire"],
        ["e4", "2022-03-04", "SANCTION", "", "-6.5", "Westmark", "WES", "Red Brigade", "CAR", "wire"],
        ["e5", "2022-03-05", "DANCE", "", "", "Westmark", "WES", "Red Brigade", "CAR", "wire"],
        ["e6", "2022-03-06", "SUPPORT", "", "", "Unknown Group", "CAR", "Red Brigade", "CAR", "wire"],
    ]  # fmt: skip
    p.write_text("\t".join(header) + "\n" + "\n".join("\t".join(r) for r in rows) + "\n")
    mp = tmp_path / "map.yaml"
    mp.write_text("mappings:\n  - {code: Red Brigade, actor_id: red_brigade}\n  - {code: Blue Party, actor_id: blue}\n"
                  "  - {code: Westmark, actor_id: westmark, name: Kingdom of Westmark}\n")  # fmt: skip
    db = tmp_path / "e.duckdb"
    s = import_events("polecat", p, db, mapping=mp)
    assert (s.added, s.skipped_neutral, s.skipped_unmapped) == (3, 1, 1)
    assert s.to_dict()["top_unmapped"] == [{"actor": "Unknown Group", "events": 1}]
    assert [b.line for b in s.bad] == [6]
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute(
        "SELECT event_id, a, b, sign, strength FROM events ORDER BY event_id"
    ).fetchall()
    con.close()
    assert got == [
        ("e1", "red_brigade", "blue", -1, pytest.approx(0.8)),  # ASSAULT 1.0 x primitive 0.8
        ("e2", "westmark", "blue", 1, pytest.approx(0.91)),  # AID 0.7 x military 1.3
        ("e4", "westmark", "red_brigade", -1, pytest.approx(0.65)),  # |intensity| / 10
    ]
    system = build(db)[0].system
    assert system.actor("westmark").name == "Kingdom of Westmark"
    assert system.relation("blue", "red_brigade").sign == -1


def test_mapping_file_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("code,actor_id\nIRQ,Not An Id\n")
    with pytest.raises(ImportFileError, match=r"bad.csv:2: actor_id 'Not An Id'"):
        load_mapping(bad)
    nocol = tmp_path / "nocol.csv"
    nocol.write_text("key,value\n")
    with pytest.raises(ImportFileError, match=r"nocol.csv:1: expected the columns code,actor_id"):
        load_mapping(nocol)
    m = load_mapping(mapping_csv(tmp_path / "m.csv"))
    assert m.lookup("gdelt", "IRQGOVMIL", "IRAQ")[0] == "maliki_government"
    assert m.lookup("icews", "IRQGOVMIL", None) is None  # the prefix is for GDELT codes only
    assert m.lookup("icews", "", "muqtada  al-sadr")[0] == "sadr"
