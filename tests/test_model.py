"""The model: validation, merging, exports and the system file round trip."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.model import (
    Actor,
    Affiliation,
    Chamber,
    Evidence,
    Gatekeeper,
    Issue,
    Motion,
    Position,
    Relation,
    Route,
    SeatHolding,
    System,
    SystemFileError,
    VoteRule,
    dumps_system,
    load_system,
    loads_system,
    save_system,
)


def _system() -> System:
    ev = Evidence(
        doc_id="d1",
        start=0,
        end=24,
        sentence="The premier and the cleric are now rivals.",
        date="2012-01",
    )
    return System(
        name="toy",
        actors=[
            Actor(
                id="premier",
                name="Ana Premier",
                kind="person",
                aliases=["Premier", "the Prime Minister"],
            ),
            Actor(id="cleric", name="Bo Cleric", kind="person"),
            Actor(id="blue", name="Blue Party", kind="party"),
            Actor(id="red", name="Red List", kind="party"),
        ],
        relations=[
            Relation(
                a="premier", b="cleric", sign=-1, kind="rivalry", confidence=0.9, evidence=[ev]
            ),
            Relation(
                a="red", b="blue", sign=1, kind="alliance", strength=0.5, sources=["a report"]
            ),
        ],
        affiliations=[Affiliation(member="premier", group="blue", role="leader")],
        chambers=[
            Chamber(
                id="house",
                name="House",
                size=100,
                seats=[
                    SeatHolding(actor="blue", seats=40, low=38, high=42),
                    SeatHolding(actor="red", seats=35),
                ],
                rules=[
                    VoteRule(id="abs"),
                    VoteRule(id="two_thirds", threshold="qualified", fraction="2/3"),
                ],
            )
        ],
        motions=[
            Motion(
                id="no_confidence",
                chamber="house",
                rule="abs",
                target="premier",
                routes=[
                    Route(id="president", gatekeepers=[Gatekeeper(actor="cleric", signatures=51)])
                ],
            )
        ],
        issues=[
            Issue(
                id="reform",
                positions=[Position(actor="blue", position=40, salience=0.8, capability=3)],
            )
        ],
    )


def test_pair_is_unordered_and_sorted():
    r = Relation(a="zeta", b="alpha", sign=1)
    assert r.pair == ("alpha", "zeta")
    assert r == Relation(a="alpha", b="zeta", sign=1)
    with pytest.raises(ValueError, match="two different actors"):
        Relation(a="x", b="x", sign=1)


def test_round_trip_yaml_and_json(tmp_path):
    s = _system()
    assert load_system(save_system(s, tmp_path / "s.yaml")) == s
    assert load_system(save_system(s, tmp_path / "s.json")) == s


def test_vote_rule_arithmetic():
    assert VoteRule(id="a").seats_needed(325) == 163
    assert VoteRule(id="q", threshold="qualified", fraction="2/3").seats_needed(300) == 200
    assert VoteRule(id="q", threshold="qualified", fraction="2/3").seats_needed(301) == 201
    assert VoteRule(id="u", threshold="unanimity").seats_needed(7) == 7
    assert VoteRule(id="s", threshold="simple", present=200).seats_needed(325) == 101
    assert VoteRule(id="k", threshold="quota", quota=12).seats_needed(20) == 12


def test_bad_file_names_line_and_field(tmp_path):
    text = dumps_system(_system())
    bad = text.replace("sign: -1", "sign: 3")
    with pytest.raises(SystemFileError) as e:
        loads_system(bad, path="toy.yaml")
    line = bad.splitlines().index("  sign: 3") + 1
    assert str(e.value).startswith(f"toy.yaml:{line}: relations[0].sign:")
    assert "1 or -1" in str(e.value)


def test_unknown_actor_and_unknown_field_and_duplicate_seats():
    text = dumps_system(_system())
    with pytest.raises(SystemFileError, match=r"relations\[1\]\.b: unknown actor 'nobody'"):
        loads_system(text.replace("b: red", "b: nobody"))
    with pytest.raises(SystemFileError, match="unknown field"):
        loads_system(text.replace("  kind: rivalry", "  kidn: rivalry"))
    with pytest.raises(SystemFileError, match="duplicate seats for 'blue'"):
        loads_system(text.replace("actor: red\n    seats: 35", "actor: blue\n    seats: 35"))


def test_bad_files(tmp_path):
    for path, msg in [
        (tmp_path / "missing.yaml", "no such file"),
        (tmp_path, "is a directory"),
    ]:
        with pytest.raises(SystemFileError, match=msg):
            load_system(path)
    (tmp_path / "empty.yaml").write_text("")
    with pytest.raises(SystemFileError, match="empty"):
        load_system(tmp_path / "empty.yaml")
    (tmp_path / "latin.yaml").write_bytes(b"name: caf\xe9\n")
    with pytest.raises(SystemFileError, match=r"latin.yaml:1: not UTF-8"):
        load_system(tmp_path / "latin.yaml")
    (tmp_path / "broken.yaml").write_text("actors:\n  - id: a\n   name: [\n")
    with pytest.raises(SystemFileError, match="not valid YAML"):
        load_system(tmp_path / "broken.yaml")


def test_merge_aggregates_pairs_and_aliases():
    s = _system()
    other = System(
        actors=[Actor(id="premier", name="A. Premier"), Actor(id="cleric", name="Bo Cleric")],
        relations=[
            Relation(
                a="cleric",
                b="premier",
                sign=-1,
                kind="accusation",
                confidence=0.5,
                evidence=[
                    Evidence(doc_id="d2", start=3, end=9, sentence="The cleric accused him.")
                ],
            )
        ],
    )
    m = s.merge(other)
    r = m.relation("premier", "cleric")
    assert r.sign == -1 and len(r.evidence) == 2
    assert r.confidence == pytest.approx(0.95)
    assert "A. Premier" in m.actor("premier").aliases
    assert m.find_actor("the prime minister").id == "premier"


def test_merge_majority_sign_and_recency_tie_break():
    e_old = Evidence(doc_id="d", start=0, end=1, sentence="x", date="2010")
    e_new = Evidence(doc_id="d", start=2, end=3, sentence="y", date="2012")
    s1 = System(
        actors=[Actor(id="a", name="A"), Actor(id="b", name="B")],
        relations=[Relation(a="a", b="b", sign=1, evidence=[e_old])],
    )
    s2 = s1.model_copy(
        update={"relations": (Relation(a="a", b="b", sign=-1, kind="rivalry", evidence=[e_new]),)}
    )
    assert s1.merge(s2).relation("a", "b").sign == -1


def test_networkx_and_pandas_exports():
    s = _system()
    g = s.to_networkx()
    assert isinstance(g, nx.Graph)
    assert g.number_of_nodes() == 4 and g.number_of_edges() == 2
    assert g.edges["premier", "cleric"]["sign"] == -1
    assert g.edges["red", "blue"]["weight"] == 0.5
    assert g.edges["premier", "cleric"]["evidence_count"] == 1
    frames = s.to_pandas()
    assert set(frames) == {"actors", "relations", "evidence", "affiliations", "seats"}
    assert frames["evidence"].iloc[0]["doc_id"] == "d1"
    assert frames["seats"]["seats"].sum() == 75


def test_time_slice():
    s = _system().with_relations(
        [
            Relation(a="premier", b="cleric", sign=1, start="2008", end="2011"),
            Relation(a="red", b="blue", sign=-1, start="2012-03"),
        ]
    )
    assert len(s.at("2010").relations) == 1
    assert s.at("2012-06").relation("red", "blue").sign == -1


names = st.text(alphabet="abcdefghij", min_size=1, max_size=6)


@settings(max_examples=40, deadline=None)
@given(st.lists(names, min_size=2, max_size=6, unique=True), st.data())
def test_round_trip_property(ids, data):
    actors = [Actor(id=i, name=i.upper() + " x", aliases=[i]) for i in ids]
    pairs = data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=8))
    rels = {}
    for a, b in pairs:
        if a != b:
            key = tuple(sorted((a, b)))
            rels[key] = Relation(
                a=a,
                b=b,
                sign=data.draw(st.sampled_from([1, -1])),
                strength=data.draw(st.floats(0.01, 1.0)),
                evidence=[Evidence(doc_id="d", start=0, end=3, sentence="s: 'q' \"x\"\n# y")],
            )
    s = System(actors=actors, relations=list(rels.values()))
    assert loads_system(dumps_system(s)) == s
    assert loads_system(dumps_system(s, fmt="json")) == s
