"""Canonical actors, actorhood and tables, on sentences written here."""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.tables import find_tables


@pytest.fixture(scope="module")
def extractor():
    from factions.text.pipeline import Extractor

    return Extractor()


def _read(extractor, text: str):
    return extractor.extract(Document("d", text))


def _signs(result) -> dict[frozenset[str], int]:
    """{pair of actor ids: sign} of a result's relations."""
    return {frozenset((x.a, x.b)): x.sign for x in result.relations}


def _holding(result, text: str):
    """The actors one of whose mentions is ``text``."""
    return [am for am in result.actors if text in {m.text for m in am.mentions}]


def test_houthis_and_the_houthi_movement_are_one_actor(extractor):
    r = _read(
        extractor,
        "The Houthis seized Sanaa in 2014. Houthi fighters later attacked Saudi Arabia, and "
        "the Houthi movement rejected the talks.",
    )
    (houthis,) = _holding(r, "Houthis")
    texts = {m.text for m in houthis.mentions}
    assert {"Houthi fighters", "Houthi movement"} <= texts
    assert houthis.actor.kind != "person"
    assert len([am for am in r.actors if "houthi" in am.actor.id]) == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ("Azure Party", "Azure Front"),
        ("Kestrel Union", "Kestrel Party"),
        ("Tamar Alliance", "Tamar Movement"),
    ],  # fmt: skip
)
def test_names_of_two_types_of_group_are_two_actors(extractor, first, second):
    """Names that share their words but say two types of group ("party" / "front") are two
    groups; a name that says no type is still the other's short form (the Houthis)."""
    r = _read(extractor, f"The {first} won the vote. The {second} lost and blamed the {first}.")
    assert len(_holding(r, first)) == 1 and len(_holding(r, second)) == 1
    assert _holding(r, first)[0].actor.id != _holding(r, second)[0].actor.id


def test_an_organisation_in_apposition_is_the_same_actor(extractor):
    r = _read(extractor, "Ansar Allah, the Houthi movement, fought the Yemeni army.")
    (aa,) = _holding(r, "Ansar Allah")
    assert "Houthi movement" in {m.text for m in aa.mentions}
    assert aa.actor.kind != "person"


def test_a_person_and_the_party_in_brackets_stay_apart(extractor):
    r = _read(extractor, "Nawaz Sharif (PML-N) opposed Asif Ali Zardari in Pakistan.")
    (sharif,) = _holding(r, "Nawaz Sharif")
    (pml,) = _holding(r, "PML-N")
    assert sharif.actor.id != pml.actor.id
    assert sharif.actor.kind == "person" and pml.actor.kind == "party"
    assert (sharif.actor.id, pml.actor.id, "member") in {
        (f.member, f.group, f.role) for f in r.affiliations
    }
    # an acronym that does abbreviate the name before it is that name
    r = _read(extractor, "Asa'ib Ahl al-Haq (AAH) attacked the Sadrists in Basra.")
    (aah,) = _holding(r, "AAH")
    assert "Asa'ib Ahl al-Haq" in {m.text for m in aah.mentions}


def _row_mentions(text: str):
    """The party and the bracketed name of a one-row list, ``"- Party (Name): ..."``."""
    from factions.model import ActorKind
    from factions.text.mentions import Mention
    from factions.text.nlp import load_nlp

    doc = load_nlp()(text)
    party = Mention.of(doc[1:3], "ORG", doc[1:3].text, ActorKind.PARTY)
    return doc, party, Mention.of(doc[4:6], "ORG", doc[4:6].text, ActorKind.PARTY)


def test_a_table_rows_leader_in_brackets_is_no_other_name_of_its_party():
    """A list row's leader in brackets is a person of their own, even where NER tags the
    name an organisation's and the row describes a party: "- Sinn Fein (Gerry Adams): the
    third-largest party" on a training document had made one actor of both."""
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import _described_kinds, _link_parenthesised_acronyms

    text = "- Sinn Vala (Kerry Adair): the third-largest party in the chamber."
    doc, party, leader = _row_mentions(text)
    leader.extra["table"] = (0, 0, "leader")
    leader.label, leader.kind = "PERSON", "person"
    _described_kinds(doc, [party, leader], load_lexicon())
    assert (leader.label, leader.kind) == ("PERSON", "person")
    leader.label = "ORG"  # as NER may tag it
    _link_parenthesised_acronyms(doc, [party, leader])
    assert leader.alias_of is None
    # a bracketed name the table does not read as the row's leader is another name of it
    doc, party, other = _row_mentions(text)
    _link_parenthesised_acronyms(doc, [party, other])
    assert other.alias_of == 0


def test_a_title_ner_cut_off_a_titled_person_is_no_person():
    """NER's "US President" of "US President George W. Bush" (a training document) is the
    title of the person after it, not a person of its own; a party's name before a title
    stays."""
    from factions.model import ActorKind
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import Mention, _without_title_parts
    from factions.text.nlp import load_nlp

    doc = load_nlp()("Peruvian President Tomas Vale met Reform Bloc Spokesman Ana Ruiz.")
    title = Mention.of(doc[0:2], "PERSON", "Peruvian President", ActorKind.PERSON)
    vale = Mention.of(doc[2:4], "PERSON", "Tomas Vale", ActorKind.PERSON, title="president")
    # a party before the title is named, whatever NER ran into one span with it
    bloc = Mention.of(doc[5:8], "ORG", "Reform Bloc Spokesman", ActorKind.PARTY)
    ruiz = Mention.of(doc[8:10], "PERSON", "Ana Ruiz", ActorKind.PERSON, title="spokesman")
    kept = _without_title_parts(doc, [title, vale, bloc, ruiz], load_lexicon())
    assert [m.text for m in kept] == ["Tomas Vale", "Reform Bloc Spokesman", "Ana Ruiz"]


def test_a_name_a_table_lists_as_a_party_is_a_party():
    """A name NER tags an organisation is a party where a table's party column names it."""
    from factions.model import ActorKind
    from factions.text.coref import cluster_names
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import Mention

    doc, row, _ = _row_mentions("- Tir Nua (Gerry Madden): 12 seats. Tir Nua won. Tir Nua lost.")
    prose = [  # NER's organisations, the row's party among them
        Mention.of(doc[k : k + 2], "ORG", "Tir Nua", ActorKind.ORGANIZATION)
        for k in (1, *(t.i for t in doc[3:] if t.text == "Tir"))
    ]
    (entity,) = cluster_names(prose, load_lexicon())
    assert entity.kind == ActorKind.ORGANIZATION
    prose[0].kind = ActorKind.PARTY  # the table reads the row's name as its party
    prose[0].extra["table"] = (0, 0, "party")
    (entity,) = cluster_names(prose, load_lexicon())
    assert entity.kind == ActorKind.PARTY


def test_a_leaders_government_and_forces_are_bodies_of_their_own(extractor):
    r = _read(
        extractor,
        "President Ruiz's government rejected the deal. Forces loyal to Tomas Varga "
        "shelled the town, and Diaz loyalists attacked the port.",
    )
    (gov,) = _holding(r, "Ruiz's government")
    assert gov.actor.kind == "state"
    (forces,) = _holding(r, "Forces loyal to Tomas Varga")
    assert forces.actor.kind == "militia"
    (varga,) = _holding(r, "Tomas Varga")
    assert varga.actor.id != forces.actor.id and varga.actor.kind == "person"
    affs = {(f.member, f.group, f.role) for f in r.affiliations}
    assert (varga.actor.id, forces.actor.id, "leader") in affs
    (loyalists,) = _holding(r, "Diaz loyalists")
    assert loyalists.actor.kind == "militia"
    # a body and its own leader are affiliated, not related
    assert not any({x.a, x.b} == {varga.actor.id, forces.actor.id} for x in r.relations)


def test_a_place_used_only_as_a_place_is_not_an_actor(extractor):
    r = _read(
        extractor,
        "Fighting in Mozambique spread to Beira. The rebels captured Pemba, and the "
        "minister travelled to Lisbon. The envoy visited Malawi, and refugees from Zambia "
        "crossed the border. Tanzania sent troops against the rebels, with aid from Angola.",
    )
    names = {am.actor.name for am in r.actors}
    assert {"Tanzania", "Angola"} <= names  # an agent; "aid from": a political noun's
    assert not names & {"Mozambique", "Beira", "Pemba", "Portugal", "Lisbon", "Malawi"}
    assert "Zambia" not in names


@pytest.mark.parametrize(
    "text",
    [
        "Republicans were angry at Hillary Clinton.",
        "Thousands of supporters rallied around Nelson Mandela in Soweto.",
    ],
)
def test_a_person_after_at_or_around_stays_a_person(extractor, text):
    r = _read(extractor, text)
    assert any(am.actor.kind.value == "person" for am in r.actors)


def test_the_junta_is_the_military_council_not_the_state(extractor):
    r = _read(
        extractor,
        "Officers calling themselves the Transitional Military Council deposed Omar Bashir "
        "in Sudan. Saudi Arabia backed the junta, and the Sudanese Professionals "
        "Association denounced the junta.",
    )
    council = next(am for am in r.actors if am.actor.name == "Transitional Military Council")
    assert [m.text for m in council.mentions].count("the junta") == 2
    assert all(am.actor.name != "Sudan" for am in r.actors)  # named only as a place


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        (  # unqualified: one body (annotators count a state's forces named so)
            "Protests spread as President Elias Varga sought a third term. The army refused "
            "to fire on the crowds, and the armed forces later announced that Varga had "
            "resigned. The opposition leader Amira Solberg praised the military.",
            {"The army", "the armed forces", "the military"},
        ),
        (  # a bare "the army" is the one state's army the text names
            "The Sudanese army seized the capital on Monday. The army then arrested the premier.",
            {"The Sudanese army", "The army"},
        ),
        (
            "Sudan's armed forces removed Omar Bashir in April. The army then dissolved "
            "parliament.",
            {"Sudan's armed forces", "The army"},
        ),
        (  # the possessive and the demonym name the same body
            "Sudan's armed forces removed Omar Bashir in April. The Sudanese armed forces then "
            "formed a council.",
            {"Sudan's armed forces", "The Sudanese armed forces"},
        ),
    ],
)
def test_a_states_army_is_one_government_body(extractor, text, phrases):
    r = _read(extractor, text)
    bodies = [am for am in r.actors if am.actor.kind.value == "government_body"]
    armies = [am for am in bodies if any(p in {m.text for m in am.mentions} for p in phrases)]
    assert len(armies) == 1
    assert phrases <= {m.text for m in armies[0].mentions}


def test_a_states_army_named_by_its_demonym_is_a_body_of_that_state(extractor):
    r = _read(
        extractor,
        "The Lebanese army stayed neutral while Hezbollah fighters took the city, and the "
        "Syrian army had left three years earlier. Syrian troops never returned.",
    )
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds.get("Lebanese army") == "government_body"
    assert kinds.get("Syrian army") == "government_body"
    assert kinds.get("Syria") == "state"  # "Syrian troops" stand for the state


@pytest.mark.parametrize(
    "text",
    [
        "Varga's army stayed neutral while Hezbollah fighters took the city.",
        "Under military rule, Hezbollah fighters took the city.",
        "An army of volunteers joined Hezbollah fighters in the city.",
        "The army chief stayed neutral while Hezbollah fighters took the city.",
    ],
)
def test_a_qualified_or_indefinite_army_is_no_bare_army(extractor, text):
    r = _read(extractor, text)
    assert not any(am.actor.name == "armed forces" for am in r.actors)


def test_events_agreements_and_communities_are_never_actors(extractor):
    r = _read(
        extractor,
        "The Second Civil War ended with the Comprehensive Peace Agreement, which the "
        "Movement for Justice signed with the government. Tensions between Lutheran "
        "Estonians and Latvians grew.",
    )
    names = {am.actor.name.lower() for am in r.actors}
    assert not any("war" in n or "agreement" in n for n in names)
    assert not any("estonians" in n or "latvians" in n for n in names)
    assert any("movement for justice" in n for n in names)


TABLE = """After the March election in Ruritania, the following parties are participating in \
the National Unity coalition:

| Party | Leader | Seats |
|---|---|---|
| Green Future | Ana Ruiz | 17 |
| Reform Bloc | Beto Diaz | 8 |
| Union of Farmers | Carla Mendes | 6 |

Results of the other lists:
- Citizens' Voice (led by Dora Klein): 5 seats
- Northern League, led by Emil Roth: 4 seats
"""


def test_find_tables_reads_rows_columns_and_heading():
    tables = find_tables(TABLE)
    assert len(tables) == 2
    t, lst = tables
    assert len(t.rows) == 3 and t.leader_col == 1 and t.party_col == 0 and t.membership
    assert "following parties" in TABLE[t.heading[0] : t.heading[1]]
    assert len(lst.rows) == 2 and not lst.membership
    assert find_tables("One sentence.\nAnother sentence about nothing.") == ()


def test_the_header_words_of_a_table_are_data():
    """A line of the lexicon's ``table_header_words`` is a header row, not a party row; the
    list is data, so a user's lexicon can add a language's column names."""
    from dataclasses import replace

    from factions.text.lexicon import load_lexicon

    text = "| Partei | Sitze |\n| Union Party | 40 |\n| Labour Front | 30 |\n| Green List | 20 |\n"
    (t,) = find_tables(text)
    assert t.header is None and len(t.rows) == 4
    lex = replace(load_lexicon(), table_header_words=frozenset({"partei", "sitze"}))
    (t,) = find_tables(text, lex)
    assert text[t.header[0] : t.header[1]] == "| Partei | Sitze |" and len(t.rows) == 3


def test_the_words_of_table_rows_are_data():
    """``table_words`` in ``lexicon/words.yaml`` says what makes a line a row of seats; a
    list left empty is an error naming the file and the list."""
    from dataclasses import replace

    from factions.text.lexicon import load_lexicon

    text = "Union Party 40 Sitze\nLabour Front 30 Sitze\n"
    assert find_tables(text) == ()
    lex = load_lexicon()
    german = replace(lex, table_words={**lex.table_words, "seat_words": ("Sitze", "seats")})
    (t,) = find_tables(text, german)
    assert len(t.rows) == 2
    broken = replace(lex, table_words={**lex.table_words, "leader_columns": ()})
    with pytest.raises(ValueError, match=r"words.yaml: table_words.leader_columns: expected"):
        find_tables(text, broken)


MARKDOWN = (
    "The assembly elections gave the opposition a majority. The main lists were:\n\n"
    "| List | Main parties | Seats (of 310 elected) |\n|---|---|---|\n"
    "| Democratic Front for Westland | Union Party | 141 |\n"
    "| Popular Bloc | Labour Front | 88 |\n\n"
    "The Union Party later broke with the Labour Front."
)


def test_a_markdown_header_names_no_actor_and_a_party_cell_is_one_name(extractor):
    (t,) = find_tables(MARKDOWN)
    assert len(t.rows) == 2 and MARKDOWN[t.header[0] : t.header[1]].startswith("| List |")
    names = {am.actor.name for am in _read(extractor, MARKDOWN).actors}
    assert not names & {"List", "Seats", "Main", "Main parties"}
    assert "Democratic Front for Westland" in names and "Westland" not in names


PLAIN = (
    "After the vote the parties took these positions:\n\n"
    "Party | Leader | Seats | Position after the vote\n"
    "Azure Party | Ana Ruiz | 117 | formed a minority government\n"
    "Green League | Tomas Berg | 62 | opposition\n"
    "Kestrel Union | Jan Kowal | 10 | confidence and supply\n"
)


def test_a_first_line_of_column_names_is_a_header_though_not_all_its_words_are(extractor):
    """ "Position after the vote" is no list of header words, but each cell of the line
    holds one and none is a number: the line names columns, not a party and its leader."""
    (t,) = find_tables(PLAIN)
    assert PLAIN[t.header[0] : t.header[1]].startswith("Party | Leader")
    assert len(t.rows) == 3 and t.party_col == 0 and t.leader_col == 1
    r = _read(extractor, PLAIN)
    names = {am.actor.name for am in r.actors}
    assert not names & {"Party", "Leader", "Seats", "Position"}
    assert ("ana_ruiz", "azure_party") in {(a.member, a.group) for a in r.affiliations}
    (t,) = find_tables("Azure Party | Ana Ruiz | 117\nGreen League | Tomas Berg | 62\n")
    assert t.header is None and len(t.rows) == 2  # a first row with a number is data
    rows = (
        "Union Bloc | Azure Party and Green Party | 45 seats\n"
        "Popular Alliance | Red Party and Blue League | 30 seats\n"
    )
    (t,) = find_tables(rows)  # header words in every cell, but names: a row
    assert t.header is None and len(t.rows) == 2
    for header in ("Party | Number of Seats | Leader", "Candidate | Main Backers | Vote",
                   "Party\tLeader\tPosition after the election"):  # fmt: skip
        sep = "\t" if "\t" in header else " | "
        text = header + "\n" + sep.join(("Azure Party", "40", "Ana Ruiz")) + "\n"
        text += sep.join(("Green League", "30", "Tomas Berg")) + "\n"
        (t,) = find_tables(text)
        assert t.header is not None and len(t.rows) == 2, header


def test_a_name_stops_at_a_verb_and_a_person_cut_in_two_is_one(extractor):
    r = _read(
        extractor,
        "- March: Tomas Ferreira replaces Varga as leader of the Liberation Front.\n"
        "In June, Roch Marc Christian Kaboré and Simon Compaoré quit the Unity Party.",
    )
    names = {am.actor.name for am in r.actors}
    assert not any("replaces" in n for n in names)
    assert "Roch Marc Christian Kaboré" in names and "Roch Marc" not in names


def test_the_source_of_what_a_state_sends_is_an_actor(extractor):
    r = _read(
        extractor,
        "The rebels obtained rifles and ammunition from Libya, while the junta relied on "
        "loans from China. Refugees from Niger crossed into the north.",
    )
    ids = {am.actor.id for am in r.actors}
    assert {"libya", "china"} <= ids and "niger" not in ids


def test_a_hyphenated_given_name_after_a_date_is_one_name(extractor):
    r = _read(extractor, "On 9 May Moon Jae-in of the Democratic Party was elected president.")
    names = {am.actor.name for am in r.actors}
    assert "Moon Jae-in" in names and not any(n.startswith("May") for n in names)


def test_a_name_after_a_hyphenated_title_ner_missed_is_a_person(extractor):
    # the small NER model tags no name in "Vice-President Ana Ruiz met ..."; the title and
    # its hyphen are not part of the name
    r = _read(extractor, "Vice-President Ana Ruiz met Carlos Vela in the capital.")
    names = {am.actor.name: [m.text for m in am.mentions] for am in r.actors}
    assert "Vice-President Ana Ruiz" in names.get("Ana Ruiz", [])


def test_a_hyphenated_title_gives_no_phrase_from_inside_it(extractor):
    r = _read(extractor, "Ex-President Tomas Mora criticised the plan.")
    (mora,) = [am for am in r.actors if am.actor.name == "Tomas Mora"]
    texts = [m.text for m in mora.mentions]
    assert "Ex-President Tomas Mora" in texts and not any(t.startswith("-") for t in texts)


def test_a_party_family_name_with_a_qualifier_is_a_party_without_country_context(extractor):
    # NER tags these names as nationalities ("Christian" and "Democrats" apart); no state is
    # named, so the gazetteer cannot pick a listed party: each is a party of its own
    r = _read(
        extractor,
        "The opposition Social Democrats vowed to block the budget, while the Liberal "
        "Democrats agreed to prop up the minority government. The Christian Democrats and "
        "the Free Democrats formed a coalition.",
    )
    kinds = {am.actor.name: str(am.actor.kind) for am in r.actors}
    for name in ("Social Democrats", "Liberal Democrats", "Christian Democrats", "Free Democrats"):
        assert kinds.get(name) == "party"


def test_a_list_without_a_comma_before_and_is_no_apposition(extractor):
    # "A, the B and the C" lists three parties; "Ansar Allah, the Houthi movement, and Y"
    # still names one group twice
    r = _read(
        extractor, "The Reform Party, the Greens and the Left Alliance accused the government."
    )
    names = {am.actor.name: [m.text for m in am.mentions] for am in r.actors}
    assert "Greens" in names and "Greens" not in names.get("Reform Party", [])
    r = _read(extractor, "Ansar Allah, the Houthi movement, and Saudi Arabia signed the truce.")
    names = {am.actor.name: [m.text for m in am.mentions] for am in r.actors}
    assert "Houthi movement" in names.get("Ansar Allah", [])


def test_table_lines_give_parties_leaders_and_coalition_membership(extractor):
    r = _read(extractor, TABLE)
    ids = {am.actor.name: am.actor.id for am in r.actors}
    for party in ("Green Future", "Reform Bloc", "Union of Farmers", "Citizens' Voice"):
        assert party in ids
    kinds = {am.actor.name: str(am.actor.kind) for am in r.actors}
    assert kinds["Ana Ruiz"] == "person" and kinds["Green Future"] in ("party", "coalition")
    affs = {(f.member, f.group, f.role) for f in r.affiliations}
    assert (ids["Ana Ruiz"], ids["Green Future"], "leader") in affs
    assert (ids["Dora Klein"], ids["Citizens' Voice"], "leader") in affs
    assert (ids["Emil Roth"], ids["Northern League"], "leader") in affs
    coalition = next(v for k, v in ids.items() if k.startswith("National Unity"))
    assert kinds["National Unity"] == "coalition"  # "the National Unity coalition"
    for party in ("Green Future", "Reform Bloc", "Union of Farmers"):
        assert (ids[party], coalition, "member") in affs
    assert (ids["Citizens' Voice"], coalition, "member") not in affs
    pairs = {frozenset((x.a, x.b)): x.sign for x in r.relations}
    assert pairs[frozenset((ids["Green Future"], ids["Reform Bloc"]))] == 1
    assert frozenset((ids["Green Future"], ids["Citizens' Voice"])) not in pairs


def test_every_leader_of_a_table_row_leads_its_party(extractor):
    """Two co-leaders in one row both lead the party; a leader cell NER tags as an
    organisation is still the row's person."""
    text = (
        "Ruritania's 2021 election gave these seats:\n"
        "- Green Future: 67 (Ana Ruiz, Dora Klein)\n"
        "- Reform Bloc: 52 (Emil Roth)\n\n"
        "| Party | Seats | Leader |\n|---|---|---|\n"
        "| Union of Farmers | 32 | Giorgia Meloni |\n"
        "| Citizens' Voice | 12 | Karl Brandt |\n\n"
        "Ana Ruiz opened talks with the Reform Bloc."
    )
    r = _read(extractor, text)
    names = {am.actor.id: am.actor.name for am in r.actors}
    affs = {(names[f.member], names[f.group], f.role) for f in r.affiliations}
    assert ("Ana Ruiz", "Green Future", "leader") in affs
    assert ("Dora Klein", "Green Future", "leader") in affs
    assert ("Giorgia Meloni", "Union of Farmers", "leader") in affs


def test_a_person_a_leader_replaced_is_no_leader(extractor):
    text = (
        "Ruritania's 2021 election gave these seats:\n"
        "- Green Future: 67 (Ana Ruiz, who replaced Dora Klein in May)\n"
        "- Reform Bloc: 52 (Emil Roth)\n\nAna Ruiz opened talks with the Reform Bloc."
    )
    r = _read(extractor, text)
    names = {am.actor.id: am.actor.name for am in r.actors}
    affs = {(names[f.member], names[f.group]) for f in r.affiliations}
    assert ("Ana Ruiz", "Green Future") in affs
    assert ("Dora Klein", "Green Future") not in affs


def test_a_persons_name_ner_misses_is_still_an_actor(extractor):
    # the small NER model tags the first name as a building and misses the second
    r = _read(
        extractor,
        "The scandal that brought down Park Geun-hye broke in October 2016. Blaise Compaoré "
        "had ruled the country since 1987, when he seized power.",
    )
    persons = {am.actor.name: am.actor.kind for am in r.actors}
    assert persons.get("Park Geun-hye") == "person"
    assert persons.get("Blaise Compaoré") == "person"


def test_names_of_places_events_and_calendars_are_not_taken_for_persons(extractor):
    r = _read(
        extractor,
        "Talks at Buckingham Palace failed. The Ohrid Framework Agreement was signed in "
        "August. Fighting reached Kodori Gorge. Kosovo Albanians marched on Monday.",
    )
    assert not [am for am in r.actors if am.actor.kind == "person"]


def test_a_state_named_by_its_hardware_or_a_hyphenated_participle_is_an_actor(extractor):
    r = _read(
        extractor,
        "Turkish tanks crossed the border at dawn. Iranian-backed militias shelled the town, "
        "and the rebels hid in Nigeria.",
    )
    ids = {am.actor.id for am in r.actors}
    assert {"turkey", "iran"} <= ids
    assert "nigeria" not in ids  # only where something happened: a place


def test_a_country_that_acts_in_a_relative_clause_is_an_actor(extractor):
    acts = _read(extractor, "The deposed president fled to Saudi Arabia, which granted him asylum.")
    assert "saudi_arabia" in {am.actor.id for am in acts.actors}
    only_there = _read(extractor, "The deposed president fled to Saudi Arabia in January.")
    assert "saudi_arabia" not in {am.actor.id for am in only_there.actors}


def test_a_country_whose_government_or_leader_acts_is_an_actor(extractor):
    r = _read(extractor, "Thousands fled to Guinea, whose government gave them shelter.")
    assert "guinea" in {am.actor.id for am in r.actors}
    r = _read(extractor, "Thousands fled to Guinea in May.")
    assert "guinea" not in {am.actor.id for am in r.actors}
    r = _read(extractor, "Thousands of refugees fled to Kenya, whose coast is close.")
    assert "kenya" not in {am.actor.id for am in r.actors}  # a coast does not act


def test_a_titled_persons_country_is_an_actor_and_the_title_is_not_the_name(extractor):
    r = _read(extractor, "In March King Abdullah of Saudi Arabia hosted the two rivals in Mecca.")
    ids = {am.actor.id for am in r.actors}
    assert "saudi_arabia" in ids
    (king,) = [am for am in r.actors if am.actor.name.endswith("Abdullah")]
    assert king.actor.name == "Abdullah" and king.actor.kind == "person"


def test_a_name_that_names_a_group_noun_is_an_actor_and_a_capitals_name_is_not(extractor):
    r = _read(extractor, "Gunmen of the Maute group poured into the city.")
    assert any(am.actor.name == "Maute" for am in r.actors)
    r = _read(
        extractor, "Rebel guns shelled its capital Stepanakert for weeks, and Armenia protested."
    )
    assert {am.actor.id for am in r.actors} == {"armenia"}


def test_a_one_word_name_that_acts_is_an_actor_and_a_name_keeps_no_trailing_preposition(
    extractor,
):
    r = _read(
        extractor,
        "The rebels struck the Islamic Front in Kavala. After the vote, the leaders of the "
        "ZORBU rejected the deal, and Vrandicki was placed under house arrest.",
    )
    names = {am.actor.name for am in r.actors}
    assert not [n for n in names if n.endswith(" in")]
    texts = {m.text for am in r.actors for m in am.mentions}
    assert "Vrandicki" in texts


def test_an_acronym_in_brackets_after_a_country_is_not_the_countrys(extractor):
    r = _read(
        extractor,
        "Fighters of the Movement for Unity in Ghana (MUG) attacked the capital, and the "
        "MUG later rejected the ceasefire.",
    )
    (ghana,) = [am for am in r.actors if am.actor.id == "ghana"] or [None]
    assert ghana is None or "MUG" not in {m.text for m in ghana.mentions}


def test_a_repeated_name_wins_over_a_demonym_read_inside_it(extractor):
    r = _read(
        extractor,
        "The Free Syrian Army (FSA) was formed by defectors in 2011. Its backers were:\n"
        "- Free Syrian Army: arms and salaries from Qatar, whose emir pledged more\n",
    )
    (fsa,) = _holding(r, "FSA")
    assert "Free Syrian Army" in {m.text for m in fsa.mentions}
    assert not [am for am in r.actors if am.actor.id == "syria"]  # no "Syrian Army" of Syria


def test_a_party_called_by_its_members_plural_is_the_party(extractor):
    r = _read(
        extractor,
        "The Velorian Socialist Union (VSU) won 120 seats. In June the Socialists joined the "
        "Farmers' League in a motion against the cabinet.",
    )
    (vsu,) = _holding(r, "VSU")
    assert "Socialists" in {m.text for m in vsu.mentions}


def test_the_country_and_the_sect_refer_to_the_actors_just_named():
    from factions.text.pipeline import Extractor

    ex = Extractor(extractor="rules")

    def refs(text):
        st = ex.read_state(ex.nlp(text))
        return {m.text: st.ids[m.entity] for m in st.refs}

    assert (
        refs(
            "Chad held elections in May. Chad's parliament met in June, and Chad signed the "
            "accord with Niger. The Pan-African Council later suspended the country."
        ).get("the country")
        == "chad"
    )
    assert "the country" not in refs(
        "Chad held elections in May. Chad's parliament met in June, and Chad signed the "
        "accord with Niger. The envoy later fled the country."
    )
    assert (
        refs(
            "The Brotherhood of the Light grew in Borno under Governor Amadu Keita. By 2009 the "
            "relationship between the sect and the governor had collapsed."
        ).get("the sect")
        == "brotherhood_of_the_light"
    )


def test_every_line_of_a_list_is_a_sentence_of_its_own():
    from factions.text.nlp import load_nlp
    from factions.text.segmentation import line_break_boundaries

    text = (
        "Positions of the main players:\n"
        "- The government: received gunships from Ukraine\n"
        "- The rebels: drew recruits across the border\n"
        "Party   Leader   Seats\n"
        "Union for Change   Ana Costa   41\n"
        "The talks had stalled after\n"
        "the vote, and the envoy left."
    )
    doc = load_nlp()(text)
    starts = {s.start_char for s in doc.sents}
    lines = text.split("\n")
    line_starts = [sum(len(x) + 1 for x in lines[:k]) for k in range(len(lines))]
    # the first word of every line begins a sentence ...
    for k, start in enumerate(line_starts[:-1]):
        assert start in starts, lines[k]
    # ... but a line break that only wraps prose is no boundary
    assert line_starts[-1] not in starts
    # and a bullet stays in one sentence with its line
    bullet = next(s for s in doc.sents if "gunships" in s.text)
    assert bullet.text.startswith("- The government")
    assert len(line_break_boundaries(doc)) == 5


def test_a_persons_whole_noun_phrase_is_a_mention_of_them(extractor):
    r = _read(extractor, "On Monday the former planning minister Tomas Vey attacked Adel Rahimi.")
    vey = next(am for am in r.actors if am.actor.name == "Tomas Vey")
    texts = [m.text for m in vey.mentions]
    assert "former planning minister Tomas Vey" in texts
    assert "planning minister Tomas Vey" in texts


def test_a_phrase_not_ending_in_an_office_is_no_mention(extractor):
    r = _read(extractor, "Prosecutors in Curitiba charge Tomas Vey with corruption.")
    vey = next(am for am in r.actors if am.actor.name == "Tomas Vey")
    assert [m.text for m in vey.mentions] == ["Tomas Vey"]


def test_no_noun_phrase_starts_inside_a_run_of_titles_or_names(extractor):
    r = _read(extractor, "Vice President Kamala Harris met the Costa Rican President Adel Rahimi.")
    texts = {m.text for am in r.actors for m in am.mentions}
    assert "Vice President Kamala Harris" in texts
    assert "President Kamala Harris" not in texts
    assert "Rican President Adel Rahimi" not in texts


def test_a_party_familys_plural_is_a_party_when_the_party_is_never_named_in_full(extractor):
    r = _read(
        extractor,
        "The Conservatives lost their majority in the March election. In April the Greens "
        "refused to back the budget, and the Social Democrats voted against it.",
    )
    kinds = {m.text: am.actor.kind for am in r.actors for m in am.mentions}
    assert kinds["Conservatives"] == kinds["Greens"] == "party"
    assert "Democrats" not in kinds  # part of the longer name "Social Democrats"


@pytest.mark.parametrize(
    ("text", "label", "parts"),
    [
        ("Ernesto Guevara and Raúl Castro led the columns.", "PERSON",
         ["Ernesto Guevara", "Raúl Castro"]),
        ("The National Coalition and the Finns went into opposition.", "ORG",
         ["The National Coalition", "the Finns"]),
        ("The Justice and Development Party won the vote.", "ORG",
         ["The Justice and Development Party"]),
    ],
)  # fmt: skip
def test_two_names_ner_ran_together_are_split_and_one_name_is_not(text, label, parts):
    from spacy.tokens import Span

    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import _split_coordinated
    from factions.text.nlp import load_nlp

    doc = load_nlp()(text)
    end = next(t.i for t in doc if t.pos_ in ("VERB", "AUX"))
    spans = _split_coordinated([Span(doc, 0, end, label=label)], load_lexicon())
    assert [sp.text for sp in spans] == parts
    assert {sp.label_ for sp in spans} == {label}


def test_a_party_ner_ran_into_its_leaders_name_is_split_in_two():
    from spacy.tokens import Span

    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import _split_coordinated
    from factions.text.nlp import load_nlp

    doc = load_nlp()("The Ruvian Socialist Party of Emile Varga gained seats.")
    spans = _split_coordinated([Span(doc, 0, 7, label="ORG")], load_lexicon())
    assert [(sp.text, sp.label_) for sp in spans] == [
        ("The Ruvian Socialist Party", "ORG"),
        ("Emile Varga", "PERSON"),
    ]


def test_an_actor_keeps_the_longer_phrases_that_name_it_as_mention_spans(extractor):
    r = _read(
        extractor,
        "Giuseppe Conte stayed on as prime minister. The Five Star Movement and the PD formed "
        "the second Conte government in September. Gunmen of the Maute group stormed the city.",
    )
    texts = {am.actor.name: {m.text for m in am.mentions} for am in r.actors}
    assert "second Conte government" in texts["Conte's government"]
    assert {"Maute", "Maute group"} <= texts["Maute"]  # the name is still "Maute"
    r = _read(extractor, "The Saudi coalition bombed Sanaa, and the Houthis fired at Riyadh.")
    assert "Saudi coalition" not in {m.text for am in r.actors for m in am.mentions}


def test_a_table_word_list_yaml_reads_as_no_list_is_an_error():
    """``seat_words: [seats, on]`` reads "on" as a boolean: an error naming file and list."""
    import yaml

    from factions.text.lexicon import _word_lists

    lists = yaml.safe_load("table_words: {seat_words: [seats, on]}")["table_words"]
    with pytest.raises(ValueError, match=r"words.yaml: table_words.seat_words: expected a list"):
        _word_lists("words.yaml", "table_words", lists)
    assert _word_lists("words.yaml", "t", {"seat_words": ["MPs"]}) == {"seat_words": ("MPs",)}


def test_a_party_named_with_a_plural_possessive_that_ner_missed_is_an_actor(extractor):
    # NER leaves "the Workers' Party" untagged at a sentence's start; its name ends in an
    # organisation word and its possessive "'" joins the words before it
    r = _read(extractor, "Later the Tarvan Workers' Party vowed to fight the government.")
    kinds = {am.actor.name: am.actor.kind for am in r.actors}
    assert kinds.get("Tarvan Workers' Party") == "party"


def test_a_place_ner_ran_into_a_name_after_the_is_cut_off(extractor):
    # NER runs "in Flanders the Liberty Movement" together: a place before a lower-case
    # "the" is where the name's actor is, not part of its name
    text = (
        "The premier's party lost heavily, and in Flanders the Liberty Movement (LM) of "
        "Karl Berger overtook the Socialists."
    )
    names = {am.actor.name for am in _read(extractor, text).actors}
    assert "Liberty Movement" in names
    assert not any("Flanders" in n for n in names)


def test_a_name_ner_cut_after_its_adjective_is_read_whole(extractor):
    # NER tags only "Islamic" (NORP); the capitalised noun after it completes the name,
    # where a title after a nationality ("the Iranian President") names no group
    r = _read(extractor, "Turkey fought the Islamic State. The Iranian President met Putin.")
    names = {am.actor.name for am in r.actors}
    assert "Islamic State" in names
    assert not any("President" in n for n in names)


def _pairs(r) -> dict[tuple[str, str], int]:
    names = {am.actor.id: am.actor.name for am in r.actors}
    out = {}
    for x in r.relations:
        out[(names[x.a], names[x.b])] = out[(names[x.b], names[x.a])] = x.sign
    return out


def test_a_vote_table_gives_each_party_its_stance_to_the_motions_target(extractor):
    """Voting for a motion of no confidence against X opposes X; voting against it defends
    X; an abstention says nothing. The motion is read from the sentence above the table."""
    text = (
        "In March the Reform Bloc tabled a motion of no confidence against Prime Minister "
        "Tomas Varga.\n\n"
        "| Party | Seats | Vote |\n|---|---|---|\n"
        "| Reform Bloc | 52 | For |\n"
        "| Green Future | 67 | Against |\n"
        "| Union of Farmers | 32 | Yes (28 of 32) |\n"
        "| Citizens' Voice | 12 | Abstained |\n"
    )
    p = _pairs(_read(extractor, text))
    assert p[("Green Future", "Tomas Varga")] == 1
    assert p[("Union of Farmers", "Tomas Varga")] == -1
    assert ("Citizens' Voice", "Tomas Varga") not in p


def test_a_list_of_votes_on_an_investiture_backs_its_candidate(extractor):
    """A list with no column names whose cells are votes; an investiture is a motion for
    its target (the passive subject of "was invested")."""
    text = (
        "Ana Ruiz was invested as prime minister on 7 May by 120 votes to 98. "
        "How the groups voted:\n"
        "- Green Future: yes\n"
        "- Reform Bloc: no\n"
        "- Union of Farmers: yes\n"
    )
    p = _pairs(_read(extractor, text))
    assert p[("Reform Bloc", "Ana Ruiz")] == -1
    assert p[("Union of Farmers", "Ana Ruiz")] == 1


def test_a_recommendation_column_backs_the_named_candidate_without_leading_him(extractor):
    text = (
        "After the election the parties told the president whom they wanted as prime "
        "minister:\n\n"
        "| Party | Seats | Recommended for prime minister |\n|---|---|---|\n"
        "| Green Future | 67 | Ana Ruiz |\n"
        "| Union of Farmers | 32 | Ana Ruiz |\n"
        "| Reform Bloc | 52 | Emil Roth |\n"
    )
    r = _read(extractor, text)
    p = _pairs(r)
    assert p[("Union of Farmers", "Ana Ruiz")] == 1
    assert p[("Reform Bloc", "Emil Roth")] == 1
    names = {am.actor.id: am.actor.name for am in r.actors}
    leaders = {(names[f.member], names[f.group]) for f in r.affiliations if f.role == "leader"}
    assert ("Ana Ruiz", "Union of Farmers") not in leaders


def test_a_name_in_apposition_to_an_occupation_is_a_person(extractor):
    r = _read(
        extractor,
        "The new finance minister, the economist Yanis Varoufakis, soon clashed with the "
        "Eurogroup, and the election commission chair Lidia Yermoshina denied any fraud.",
    )
    kinds = {am.actor.name: str(am.actor.kind) for am in r.actors}
    assert kinds["Yanis Varoufakis"] == "person"
    assert kinds["Lidia Yermoshina"] == "person"


def test_a_yes_no_column_named_for_something_else_is_no_vote(extractor):
    """Under a column named "In government", "Yes" is membership, not a vote on the motion
    the sentence above names."""
    text = (
        "A motion of no confidence against Tomas Varga failed in March.\n\n"
        "| Party | Seats | In government |\n|---|---|---|\n"
        "| Green Future | 67 | Yes |\n"
        "| Union of Farmers | 32 | Yes |\n"
        "| Reform Bloc | 52 | No |\n"
    )
    r = _read(extractor, text)
    assert not [x for x in r.relations for e in x.evidence if e.rule == "table-stance"]


def test_a_word_map_that_is_no_mapping_of_words_is_an_error():
    import yaml

    from factions.text.lexicon import _word_map

    bad = yaml.safe_load("m: {government: government, federal: no}")["m"]
    with pytest.raises(ValueError, match=r"words.yaml: government_force_modifiers: expected"):
        _word_map("words.yaml", "government_force_modifiers", bad)
    with pytest.raises(ValueError, match="expected a mapping"):
        _word_map("words.yaml", "government_force_modifiers", ["government"])
    assert _word_map("words.yaml", "m", {"Federal": "Government"}) == {"federal": "government"}


def test_a_list_of_persons_and_their_stances_is_no_party_table(extractor):
    """A list row led by a person the text names elsewhere (NER often misses names on list
    lines) is a person's row: no party of that name, no leader from the row's clause, the
    bracket the person's party; a party's row with its leader in brackets stays a party's."""
    text = (
        "Prime Minister Julia Gillard needed the independents, and Tomas Varga hesitated.\n\n"
        "Key stances:\n"
        "- Tomas Varga (Reform Bloc): rejects any deal with Ana Ruiz\n"
        "- Julia Gillard (Labor): courted the independents\n\n"
        "Seats:\n"
        "- Green Future (Dora Klein): 67 seats\n"
        "- Union of Farmers (Emil Roth): 32 seats\n"
    )
    r = _read(extractor, text)
    kinds = {am.actor.name: str(am.actor.kind) for am in r.actors}
    assert kinds["Tomas Varga"] == "person" and kinds["Julia Gillard"] == "person"
    names = {am.actor.id: am.actor.name for am in r.actors}
    affs = {(names[f.member], names[f.group], f.role) for f in r.affiliations}
    assert ("Tomas Varga", "Reform Bloc", "member") in affs
    assert ("Julia Gillard", "Labor", "member") in affs
    assert not any(m == "Ana Ruiz" for m, _, _ in affs)
    assert ("Dora Klein", "Green Future", "leader") in affs


def test_a_generic_body_the_text_only_mentions_is_no_actor(extractor):
    # "parliament" is named generically and takes part in nothing the text states
    text = (
        "Lena Varga's Civic Union won a majority in parliament in May and formed a cabinet "
        "with the Farmers' League, whose deputies had sat in parliament since 1998."
    )
    names = {am.actor.name.lower() for am in _read(extractor, text).actors}
    assert "parliament" not in names and "lena varga" in names


def test_a_generic_body_that_acts_stays_an_actor(extractor):
    text = "In May the army arrested Tomas Reyes, who had accused the army of torture."
    names = {am.actor.name.lower() for am in _read(extractor, text).actors}
    assert "armed forces" in names or "army" in names


def test_a_generic_name_of_the_users_own_gazetteer_stays_an_actor():
    from factions.model import Actor, System
    from factions.text.pipeline import Extractor

    own = System(actors=[Actor(id="army", name="the army", kind="government_body")])
    ex = Extractor(gazetteer=own, extractor="rules")
    r = ex.extract(
        Document("t", "The president spoke on Monday, and the army stayed in its barracks.")
    )
    assert "army" in {am.actor.id for am in r.actors}


def test_bare_congress_is_a_legislature_unless_it_shortens_a_named_party(extractor):
    kind = {a.actor.name: a.actor.kind for a in _read(
        extractor, "In Peru, President Ana Ruiz faced a hostile Congress that voted to remove her."
    ).actors}  # fmt: skip
    assert kind["Congress"] == "government_body"
    r = _read(
        extractor,
        "In India, Congress lost the election. The Indian National Congress then chose a new"
        " leader, and the African National Congress sent its greetings.",
    )
    assert all(a.actor.kind == "party" for a in r.actors if "Congress" in a.actor.name)
    # in a state where a party's name holds the word, "Congress" may be that party
    for text in ("In India, Congress won the state election.", "In India, the Congress party won."):
        kinds = {a.actor.name: a.actor.kind for a in _read(extractor, text).actors}
        assert kinds.get("Congress") == "party", text


def test_a_name_with_a_word_of_group_kind_is_no_person(extractor):
    """NER may tag "The Kestrel Union" a person (its apposition describes a person's
    rival); the name's own word says it is a group."""
    r = _read(extractor, "The Kestrel Union, Ruiz's main opponent, called for her resignation.")
    (union,) = _holding(r, "The Kestrel Union")
    assert union.actor.kind == "organization"
    r = _read(extractor, "Jack Union, a senator, criticised Ana Ruiz.")
    assert _holding(r, "Jack Union")[0].actor.kind == "person"


@pytest.mark.parametrize(
    "text, party, person",
    [
        (
            "The Ruvian Socialist Party of Emile Varga gained seats and backed the budget.",
            "Ruvian Socialist Party",
            "Emile Varga",
        ),
        (
            "In the runoff the Labour Party of Diederik Hollander endorsed the mayor.",
            "Labour Party",
            "Diederik Hollander",
        ),
        (
            "The Green Movement of Catarina Sousa refused to back the cabinet.",
            "Green Movement",
            "Catarina Sousa",
        ),
    ],  # fmt: skip
)
def test_a_party_of_its_leader_is_two_actors_and_a_leadership(extractor, text, party, person):
    """ "the X Party of Firstname Lastname": the party and its leader, never one actor named
    after both (a person is never merged with the party named next to them)."""
    r = _read(extractor, text)
    (p,) = [am for am in r.actors if party in {m.text for m in am.mentions}]
    (q,) = _holding(r, person)
    assert p.actor.id != q.actor.id and q.actor.kind == "person" and p.actor.kind != "person"
    assert (q.actor.id, p.actor.id, "leader") in {
        (f.member, f.group, f.role) for f in r.affiliations
    }


@pytest.mark.parametrize(
    "name",
    [
        "the Zapatista Army of National Liberation",
        "the Party of Democratic Renewal",
        "the Progressive Party of Working People",
        "the Socialist Union of Popular Forces",
    ],
)
def test_a_party_named_of_its_programme_stays_one_actor(extractor, name):
    """Words after "of" that party names use ("National Liberation", "Working People") are
    the name's own, not a leader's."""
    r = _read(extractor, f"Yesterday {name} accused the governor of fraud.")
    words = name.split(" of ")[1]
    assert not [am for am in r.actors if am.actor.kind == "person"]
    assert any(words in m.text for am in r.actors for m in am.mentions)


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("The Centre Party lost heavily, and its chair Marja Kivinen announced that it would "
         "go into opposition.", "Marja Kivinen", "LOC"),
        ("The prime minister then eased out the economist Petros Varelas, whose style had "
         "alienated his colleagues.", "Petros Varelas", "LOC"),
        ("Karl-Heinz Brauner, then leader of the Liberty Party, resigned the next day.",
         "Karl-Heinz Brauner", "ORG"),
    ],
)  # fmt: skip
def test_a_name_in_apposition_to_an_office_is_a_person_whatever_ners_label(text, name, label):
    """NER's place or organisation label on a name that an office or occupation describes
    ("its chair X", "the economist X", "X, then leader of Y") gives way: a person."""
    from spacy.tokens import Span

    from factions.model import ActorKind
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import _mention_for_entity
    from factions.text.nlp import load_nlp

    doc = load_nlp()(text)
    start = next(t.i for t in doc if t.idx == text.index(name))
    end = next(t.i for t in doc if t.idx + len(t.text) == text.index(name) + len(name)) + 1
    m = _mention_for_entity(doc, Span(doc, start, end, label=label), load_lexicon())
    assert m is not None and m.text == name and m.kind == ActorKind.PERSON


def test_a_place_before_an_appositive_office_stays_a_place():
    """ "at Ras el-Karim, Ruvia's president, Ana Ruiz, hosts ...": the parser may hang the
    office on the place; a name after a locative preposition is still no person."""
    from spacy.tokens import Span

    from factions.model import ActorKind
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import _mention_for_entity
    from factions.text.nlp import load_nlp

    text = "- 25 June: at Ras el-Karim, Ruvia's president, Ana Ruiz, hosts a summit."
    doc = load_nlp()(text)
    start = next(t.i for t in doc if t.text == "Ras")
    end = next(t.i for t in doc if t.text == "Karim") + 1
    m = _mention_for_entity(doc, Span(doc, start, end, label="GPE"), load_lexicon())
    assert m is None or m.kind != ActorKind.PERSON


def test_a_capitals_name_that_is_a_persons_surname_here_is_the_person(extractor):
    """A text that names "Joseph Muscat" and never Oman: "Muscat" alone is the man, not
    Oman's capital standing for its government."""
    r = _read(
        extractor,
        "When Joseph Muscat called an early election, the Nationalist Party accused him of "
        "corruption. Muscat denied the claim and won a second term.",
    )
    (m,) = _holding(r, "Joseph Muscat")
    assert "Muscat" in {x.text for x in m.mentions} and m.actor.kind == "person"
    assert not [am for am in r.actors if am.actor.kind == "state"]


def test_a_capital_stays_its_government_where_the_text_names_the_country(extractor):
    r = _read(
        extractor,
        "Oman hosted the talks. Muscat backed the ceasefire, and the envoy Karim Muscat "
        "praised it.",
    )
    assert any(
        am.actor.kind == "state" and "Muscat" in {x.text for x in am.mentions} for am in r.actors
    )


def test_the_police_and_a_ministry_are_actors_where_they_act(extractor):
    """Unnamed bodies that news names by a fixed phrase ("the police", "the interior
    ministry") are actors when they take part in a relation, and only then."""
    r = _read(
        extractor,
        "The police arrested the opposition leader Ana Ruiz, and the interior ministry banned "
        "the Azure Party. Rain kept the electoral commission's staff at home.",
    )
    ids = {am.actor.id: am for am in r.actors}
    assert {"police", "interior_ministry"} <= set(ids)
    signs = _signs(r)
    assert signs.get(frozenset(("police", "ana_ruiz"))) == -1
    assert signs.get(frozenset(("interior_ministry", "azure_party"))) == -1
    assert "electoral_commission" not in ids


@pytest.mark.parametrize(
    ("text", "member", "group"),
    [
        ("Carla Ruiz then joined the opposition Social Democrats.", "Carla Ruiz",
         "Social Democrats"),
        ("Maria Costa joined the ruling party, the Azure Union, in May.", "Maria Costa",
         "Azure Union"),
    ],
)  # fmt: skip
def test_a_group_named_in_apposition_to_a_common_noun_is_affiliated(extractor, text, member, group):
    """ "joined the opposition X", "joined the ruling party, the X": the group is the name
    in apposition."""
    r = _read(extractor, text)
    names = {am.actor.id: am.actor.name for am in r.actors}
    assert (member, group) in {(names[f.member], names[f.group]) for f in r.affiliations}


def test_a_denominations_church_is_a_religious_authority_and_a_building_is_not(extractor):
    """ "the Catholic Church", "the Serbian Orthodox Church": named religious authorities
    (ANNOTATION.md); "St Mark's Church" is a building, where something happened."""
    r = _read(
        extractor,
        "The Catholic Church backed the protesters and condemned President Ivo Hana. The "
        "Serbian Orthodox Church opposed the law. Police surrounded St Mark's Church.",
    )
    kinds = {m.text: am.actor.kind for am in r.actors for m in am.mentions}
    assert kinds.get("The Catholic Church") == "religious_authority"
    assert kinds.get("The Serbian Orthodox Church") == "religious_authority"
    assert not [t for t in kinds if "Mark's Church" in t]
    signs = _signs(r)
    church = next(am.actor.id for am in r.actors if "Catholic" in am.actor.name)
    assert signs.get(frozenset((church, "ivo_hana"))) == -1


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("The Samajwadi Party of Uttar Pradesh attacked the ruling party.", "Uttar Pradesh"),
        ("The Green Party of Baden-Württemberg backed Winfried Kretschmann.",
         "Baden-Württemberg"),
    ],
)  # fmt: skip
def test_a_party_of_a_region_is_one_actor(extractor, text, region):
    """ "the X Party of <a country's subdivision>": a party's name, no person in it."""
    r = _read(extractor, text)
    assert not [am for am in r.actors if am.actor.kind == "person" and am.actor.name == region]
    assert any(region in m.text and am.actor.kind == "party" for am in r.actors
               for m in am.mentions)  # fmt: skip


def test_a_name_after_in_described_by_an_office_is_still_a_person(extractor):
    """The place guard holds for a place where something happens, not for "confidence in
    X, the prime minister"."""
    r = _read(
        extractor,
        "Parliament voted no confidence in Giorgia Meloni, the Italian prime minister. The Five "
        "Star Movement attacked Meloni.",
    )
    (m,) = _holding(r, "Giorgia Meloni")
    assert m.actor.kind == "person" and "Meloni" in {x.text for x in m.mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Bobi Wine accused the police of torture.",
        "Raila Odinga condemned the police after the march.",
    ],
)
def test_the_police_is_no_town(extractor, text):
    """ "the police": a body, not the Polish town the place table lists."""
    r = _read(extractor, text)
    assert "police" in {am.actor.id for am in r.actors}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("President Salva Kiir dismissed his deputy Riek Machar in July. Clashes between "
         "Kiir and Machar then spread to the capital.", {"Salva Kiir", "Riek Machar"}),
        ("Didier Reynders met Elio Di Rupo on Monday. Talks between Reynders and Di Rupo "
         "collapsed.", {"Didier Reynders", "Elio Di Rupo"}),
        # the surnames before the full names: still the two persons, not organisations
        ("Kiir and Machar met in Addis Ababa. Salva Kiir and Riek Machar then spoke to the "
         "press.", {"Salva Kiir", "Riek Machar"}),
    ],
)  # fmt: skip
def test_two_names_run_together_by_ner_are_the_two_actors_named_alone(extractor, text, names):
    from factions.text.documents import Document

    r = extractor.extract(Document("t", text))
    assert {am.actor.name for am in r.actors} == names


def test_two_names_ner_runs_together_over_and_are_the_two_named_apart(extractor):
    """NER tagged "Pheu Dao and" and ran the span on into "Future Ahead": the text names
    both apart, so the run is the two parties, not a third actor."""
    from factions.text.documents import Document

    r = extractor.extract(
        Document(
            "t",
            "Pheu Dao won 136 seats and Future Ahead won 81. Pheu Dao and Future Ahead "
            "formed a bloc against the general.",
        )
    )
    assert {am.actor.name for am in r.actors} == {"Pheu Dao", "Future Ahead"}


@pytest.mark.parametrize(
    ("text", "government", "named", "role"),
    [
        ("The Fidesz government passed the media law in July, and the opposition Socialists "
         "denounced it.", "The Fidesz government", "Fidesz", "member"),
        # NER tagged Lisova a place, but the text names Ram Prasad Lisova: his government
        ("Prime Minister Ram Prasad Lisova formed a cabinet in March. In July the Lisova "
         "government was defeated by the assembly.", "government", "Ram Prasad Lisova",
         "leader"),
    ],
)  # fmt: skip
def test_a_government_named_for_a_party_or_a_person_is_an_actor_of_its_own(
    extractor, text, government, named, role
):
    """The party in it is its member, the person it is named for its leader."""
    r = _read(extractor, text)
    (gov,) = _holding(r, government)
    (other,) = _holding(r, named)
    assert gov.actor.id != other.actor.id
    affs = {(f.member, f.group, f.role) for f in r.affiliations}
    assert (other.actor.id, gov.actor.id, role) in affs


def test_the_new_government_after_a_partys_government_is_that_government(extractor):
    r = _read(
        extractor,
        "After the vote the Labour leader formed a single-party Labour minority government. "
        "The new government relied on the Greens.",
    )
    (gov,) = _holding(r, "The new government")
    assert "Labour minority government" in {m.text for m in gov.mentions}
    assert "Labour" not in {m.text for m in gov.mentions}


def test_the_opposition_leader_is_the_person_introduced_as_such(extractor):
    """ "Opposition leader X ... the opposition leader": an office of two words; "the
    opposition" alone is no office and names no person."""
    text = (
        "Opposition leader Kira Sova rejected the count. The opposition leader later met "
        "President Ivo Brandt, and the opposition split."
    )
    r = _read(extractor, text)
    mentions = {am.actor.name: {m.text for m in am.mentions} for am in r.actors}
    assert "The opposition leader" in mentions["Kira Sova"]
    assert "the opposition" not in {t.lower() for t in mentions["Kira Sova"]}


def test_a_place_after_an_office_and_of_is_no_person(extractor):
    """ "a former mayor of Riverton": "mayor of" is no title of a name after it (a title
    ends in a word that is a title by itself)."""
    text = "Tomas Varga, a former mayor of Riverton jailed for fraud, was pardoned by Ana Ruiz."
    r = _read(extractor, text)
    kinds = {am.actor.name: str(am.actor.kind) for am in r.actors}
    assert kinds.get("Riverton") != "person"
