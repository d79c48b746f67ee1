"""Within-document coreference on sentences written for these tests."""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(extractor="rules")


def mentions_of(result, name: str) -> list[str]:
    for am in result.actors:
        if am.actor.name == name:
            return [m.text for m in am.mentions]
    raise AssertionError(f"no actor named {name!r} in {[a.actor.name for a in result.actors]}")


def signed_pairs(result) -> set[tuple[frozenset[str], int]]:
    """The relations read, as (the two actors' names, sign)."""
    names = {am.actor.id: am.actor.name for am in result.actors}
    return {(frozenset((names[x.a], names[x.b])), x.sign) for x in result.relations}


def test_surname_joins_full_name(extractor):
    r = extractor.extract(
        Document("t", "Prime Minister Adel Rahimi spoke first. Later Rahimi met the press.")
    )
    assert [am.actor.name for am in r.actors if "Rahimi" in am.actor.name] == ["Adel Rahimi"]
    assert "Rahimi" in mentions_of(r, "Adel Rahimi")


def test_title_alone_refers_to_person_named_with_it(extractor):
    text = (
        "Prime Minister Adel Rahimi met Samir Haddad on Monday. "
        "The next day the Prime Minister attacked Haddad in parliament."
    )
    r = extractor.extract(Document("t", text))
    assert "the Prime Minister" in mentions_of(r, "Adel Rahimi")
    assert [x.sign for x in r.relations] == [-1]


@pytest.mark.parametrize(
    "first",
    [
        "Adel Rahimi, who had been president since 1999, met Samir Haddad.",
        "Adel Rahimi, the president, met Samir Haddad.",
        "In 2006 Adel Rahimi became president and met Samir Haddad.",
        "Adel Rahimi was elected president and met Samir Haddad.",
        # by its tenure, its winning or its taking up
        "Adel Rahimi's nine-year presidency was contested from the outset by Samir Haddad.",
        "Adel Rahimi won the presidential election of 2012 against Samir Haddad.",
        "Adel Rahimi won the presidency in 2012; Samir Haddad came second.",
        "After Adel Rahimi was declared the winner of the presidential election, Samir Haddad"
        " left the country.",
        "Adel Rahimi took office as president in 2012 and met Samir Haddad.",
        "Adel Rahimi, a career officer elected president in 2012, met Samir Haddad.",
    ],
)
def test_an_office_stated_beside_a_name_lets_the_title_alone_refer_to_it(extractor, first):
    r = extractor.extract(Document("t", first + " Later Haddad accused the president of fraud."))
    assert "the president" in mentions_of(r, "Adel Rahimi")


@pytest.mark.parametrize(
    "first",
    [
        "Adel Rahimi lost the presidential election of 2012 to a rival.",
        "Adel Rahimi's presidential palace was stormed in 2012.",
        "Adel Rahimi took office as speaker of the Senate in 2012.",
        "Adel Rahimi did not win the presidency in 2012.",
        "Adel Rahimi won the presidential primary in 2012.",
        "Adel Rahimi's presidency of the party ended in 2012.",
        "Adel Rahimi served as president of the football federation until 2012.",
        "Adel Rahimi declared Omar Farouk the winner of the presidential election.",
        "Adel Rahimi recognised Omar Farouk as president in 2012.",
        "Adel Rahimi appointed Omar Farouk president in 2012.",
    ],
)
def test_losing_or_another_office_does_not_make_a_president(extractor, first):
    r = extractor.extract(
        Document("t", first + " Samir Haddad later accused the president of fraud.")
    )
    assert "the president" not in mentions_of(r, "Adel Rahimi")


@pytest.mark.parametrize(
    "text",
    [
        "Rebels seized the town, among them Kel Tamasheq, the Islamist coalition that had"
        " overrun the north. Later the coalition split.",
        "Kel Tamasheq took shape in 2012 as a coalition of northern armed groups. Later the"
        " coalition split.",
        "Kel Tamasheq is a coalition of northern armed groups. Later the coalition split.",
    ],
)
def test_a_name_the_text_calls_a_coalition_is_one(extractor, text):
    """NER reads the unknown name as a person's; the text's description decides its kind,
    so "the coalition" later names it."""
    r = extractor.extract(Document("t", text))
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds.get("Kel Tamasheq") == "coalition"
    assert "the coalition" in mentions_of(r, "Kel Tamasheq")


@pytest.mark.parametrize(
    "text, name, kind",
    [
        (
            "Adel Rahimi denounced the Green Front as a terrorist organisation.",
            "Adel Rahimi",
            "person",
        ),
        ("Adel Rahimi described the Green Front as a militia.", "Adel Rahimi", "person"),
        ("Adel Rahimi, the ruling party and the army agreed to a truce.", "Adel Rahimi", "person"),
        ("Reuters, the news agency, reported the vote.", "Reuters", "organization"),
    ],
)
def test_a_description_of_another_or_a_list_gives_no_kind(extractor, text, name, kind):
    """ "X denounced Y as a militia": the kind is Y's; "X, the party and the army": a list;
    "the news agency" names no group kind."""
    r = extractor.extract(Document("t", text))
    assert {am.actor.name: am.actor.kind.value for am in r.actors}[name] == kind


def test_a_name_the_text_says_is_not_a_coalition_is_none(extractor):
    r = extractor.extract(
        Document("t", "Kel Tamasheq is not a coalition. Later the coalition split.")
    )
    assert all(am.actor.kind.value != "coalition" for am in r.actors)


def test_a_party_to_the_talks_is_no_party(extractor):
    r = extractor.extract(
        Document("t", "Kel Tamasheq is a party to the talks. Later the group met Mali.")
    )
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds.get("Kel Tamasheq") != "party"


@pytest.mark.parametrize("phrase", ["government troops", "federal forces"])
def test_government_forces_are_the_government_the_text_is_about(extractor, phrase):
    text = (
        "Chad's government has fought the Northern Front since 2012. Chad held "
        f"elections in May, and Chad's parliament met in June. In July {phrase} "
        "attacked the Northern Front."
    )
    r = extractor.extract(Document("t", text))
    assert phrase in mentions_of(r, "Chad")
    assert any(x.sign == -1 for x in r.relations)


def test_government_forces_with_no_state_named_are_an_unnamed_government(extractor):
    r = extractor.extract(Document("t", "Government troops attacked the Northern Front."))
    assert mentions_of(r, "Government") == ["Government troops"]


def test_the_latter_and_the_former(extractor):
    text = (
        "Karim Haddad met Nabil Saad in Amman. "
        "The latter later condemned Jordan, while the former praised it."
    )
    r = extractor.extract(Document("t", text))
    assert "The latter" in mentions_of(r, "Nabil Saad")
    assert "the former" in mentions_of(r, "Karim Haddad")
    assert (frozenset(("Nabil Saad", "Jordan")), -1) in signed_pairs(r)


@pytest.mark.parametrize(
    ("text", "person", "not_person"),
    [
        ("Ahmad Zaki praised Omar Nour. Later Nour attacked him in a speech.", "Ahmad Zaki",
         "Omar Nour"),
        # the subject is "leader"; the name in apposition to it is that subject too
        ("Prime Minister Ali Hassan governed with Elias Karimi. Karimi walked out in April. "
         "Hassan accused the VPA leader of cowardice, and the ODA leader Tomas Varga charged "
         "him with disloyalty.", None, "Tomas Varga"),
    ],
)  # fmt: skip
def test_an_object_pronoun_is_never_its_own_clauses_subject(extractor, text, person, not_person):
    """Binding Principle B: "him" is someone other than its clause's subject."""
    r = extractor.extract(Document("t", text))
    if person is not None:
        assert "him" in mentions_of(r, person)
    assert "him" not in mentions_of(r, not_person)


def test_the_groups_leader_is_the_person_the_text_names_as_its_leader(extractor):
    """ "the Azuri leader": the person the text names as the Azuri Party's owner, not the
    party and not the most recent person named."""
    text = (
        "Tomas Varga's Azuri Party won the election. Elias Karimi met the president on "
        "Monday. Later Karimi accused the Azuri leader of cowardice."
    )
    r = extractor.extract(Document("t", text))
    assert "leader" in mentions_of(r, "Tomas Varga")
    assert (frozenset(("Tomas Varga", "Elias Karimi")), -1) in signed_pairs(r)


@pytest.mark.parametrize(
    ("text", "pronoun", "person", "not_person"),
    [
        (  # the main-clause subject outweighs a later name inside a prepositional phrase
            "Anton Velos was sworn in on Monday before guests who included the region's "
            "leaders, among them the Marlovian premier, Ivo Brek. Karel Dunst, the Green "
            "Front's leader, telephoned to congratulate him.",
            "him",
            "Anton Velos",
            "Ivo Brek",
        ),
        (  # a subordinate clause's subject outweighs the agent of a participle
            "Pavel Oruno won the vote, while Teo Tavin, endorsed by the lawyer Emil Pellic, "
            "who withdrew from the race, came second. The court dismissed his petitions.",
            "his",
            "Teo Tavin",
            "Emil Pellic",
        ),
        (  # the subject of the pronoun's own sentence, not one named before and again there
            "Karel Dunst rejected the budget plan on Monday. Arlo Fenn met Dunst on Tuesday, "
            "and he urged the Azure Party to reconsider.",
            "he",
            "Arlo Fenn",
            "Karel Dunst",
        ),
        (  # a group's "its" likewise: the subject, not the agent of a participle
            "The Azure Party won the vote in the capital, helped by the Green Front. "
            "The court later annulled its victory.",
            "its",
            "Azure Party",
            "Green Front",
        ),
    ],
)
def test_pronoun_refers_to_the_most_salient_referent(extractor, text, pronoun, person, not_person):
    r = extractor.extract(Document("t", text))
    assert pronoun in mentions_of(r, person)
    assert pronoun not in mentions_of(r, not_person)


@pytest.mark.parametrize(
    ("text", "head"),
    [
        (  # the head of a government holds its office; a former holder does not
            "Ana Tovik formed a minority government in June. Karel Dunst, the former prime "
            "minister, went into opposition. The Green Front accused the prime minister of "
            "betraying the miners.",
            "Ana Tovik",
        ),
        (  # one who formed a government after the titled holder is the holder now
            "Prime Minister Karel Dunst lost the election in May. Maria Kessel formed a "
            "minority government in June. The Green Front accused the prime minister of "
            "betraying the miners.",
            "Maria Kessel",
        ),
    ],
)
def test_the_prime_minister_is_the_head_of_the_government(extractor, text, head):
    r = extractor.extract(Document("t", text))
    assert "the prime minister" in mentions_of(r, head)
    assert "the prime minister" not in mentions_of(r, "Karel Dunst")


@pytest.mark.parametrize(
    "text",
    [
        # a president's government is not a premier's
        "Prime Minister Vera Holm has clashed with President Karel Dunst's government over "
        "the budget. The prime minister accused the Azure Party of sabotage.",
        # a shadow cabinet does not rule
        "Prime Minister Vera Holm faced protests on Monday. Opposition leader Karel Dunst's "
        "shadow cabinet met the same day. The prime minister accused the Azure Party of "
        "organising the protests.",
        # the cabinet of one who is only named with it: the titled holder stays the holder
        "Chancellor Vera Holm presented the budget to Karel Dunst's cabinet on Monday. The "
        "chancellor said the Azure Party had wrecked the public finances.",
        # asked to form a government, and failed
        "President Arlo Fenn sacked Prime Minister Vera Holm and asked Karel Dunst to form a "
        "government. Dunst failed to secure a majority. The prime minister accused the "
        "Azure Party of sabotage.",
    ],
)
def test_the_titled_holder_keeps_the_office(extractor, text):
    r = extractor.extract(Document("t", text))
    office = "The chancellor" if "Chancellor" in text else "The prime minister"
    assert office.lower() in {x.lower() for x in mentions_of(r, "Vera Holm")}
    assert office.lower() not in {x.lower() for x in mentions_of(r, "Karel Dunst")}


@pytest.mark.parametrize(
    ("text", "office"),
    [
        (
            "Peter Valen and Karel Dunst contested the presidential election. On 9 December "
            "the commission declared Peter Valen elected. The new president then attacked "
            "the Green Front.",
            "The new president",
        ),
        (
            "Peter Valen and Karel Dunst contested the presidential election. The commission "
            "declared Peter Valen the winner. The new president then attacked the Green "
            "Front.",
            "The new president",
        ),
        (
            "After the vote Peter Valen, the opposition candidate, beat the incumbent. The "
            "new president then attacked the Green Front.",
            "The new president",
        ),
        (
            "The king asked Peter Valen to form a government. The new premier then "
            "attacked the Green Front.",
            "The new premier",
        ),
        (
            "The coalition of Karel Dunst fell in May. The king asked Peter Valen to form a "
            "government. The new premier then attacked the Green Front.",
            "The new premier",
        ),
        (  # the parser runs the name and the office into one noun phrase
            "The court dismissed the challenge and declared Peter Valen president-elect. In "
            "December the new president attacked the Green Front.",
            "the new president",
        ),
    ],
)
def test_the_new_holder_is_who_won_or_formed_a_government(extractor, text, office):
    r = extractor.extract(Document("t", text))
    assert office in mentions_of(r, "Peter Valen")


def test_description_refers_to_person_just_named(extractor):
    text = (
        "Rashid Amin spoke about Yusuf Taha. "
        "Amin had once fought the supporters of this veteran leader in the south."
    )
    r = extractor.extract(Document("t", text))
    assert "this veteran leader" in mentions_of(r, "Yusuf Taha")


def test_demonym_and_capital_join_the_state(extractor):
    text = "Iranian officials met Syrian envoys. Tehran later praised Damascus."
    r = extractor.extract(Document("t", text))
    iran = mentions_of(r, "Iran")
    assert "Iranian officials" in iran and "Tehran" in iran
    assert "Damascus" in mentions_of(r, "Syria")


def test_group_description(extractor):
    text = "The Sahel Liberation Front seized the town. The group later merged with Niger."
    r = extractor.extract(Document("t", text))
    assert "The group" in mentions_of(r, "Sahel Liberation Front")


@pytest.mark.parametrize("noun", ["the ruling coalition", "the coalition", "this alliance"])
def test_a_coalition_noun_never_falls_back_to_a_member_party(extractor, noun):
    """No coalition named nearby: "the coalition" stays unresolved rather than naming the
    latest party (here the one that left it)."""
    text = (
        "The Ruritanian Socialist Workers' Party won the election in 2018. In 2020 the "
        f"People's Party announced that it was leaving {noun}."
    )
    r = extractor.extract(Document("t", text))
    for party in ("Ruritanian Socialist Workers' Party", "People's Party"):
        assert noun not in mentions_of(r, party)


@pytest.mark.parametrize(
    "text",
    [
        "The ruling Azure Front nominated Tomas Varga for a third term. Critics said the ruling "
        "party had broken the constitution.",
        "The Azure Front, which has governed Ruritania since independence, chose Tomas Varga. "
        "The opposition accused the ruling party of fraud.",
        "The Azure Front, in power since 1994, lost the vote. The governing party conceded.",
        "The election ended twenty years of rule by the Azure Front. The Crimson League refused "
        "to work with the former ruling party.",
        "The 2016 vote returned the Azure Front to power. The ruling party then arrested Varga.",
        "The Azure Front, the ruling party, expelled Tomas Varga.",
        "The Azure Front government fell in May. The ruling party blamed Tomas Varga.",
        "Voters punished the Azure Front, the coalition that had governed since 1957. The "
        "ruling party blamed Tomas Varga.",
        "The vote ended six years of government by Tomas Varga and the Azure Front. The "
        "Crimson League courted the governing party.",
    ],
)
def test_the_ruling_party_is_the_group_the_text_says_rules(extractor, text):
    r = extractor.extract(Document("t", text))
    assert any("ruling party" in m or "governing party" in m for m in mentions_of(r, "Azure Front"))


@pytest.mark.parametrize(
    "text",
    [
        "The Azure Front won the election and the Crimson League lost. The ruling party then "
        "arrested Varga.",
        "The Crimson League, which rules out any deal with the Azure Front, won. The ruling "
        "party conceded.",
        "The Azure Front has never governed. The ruling party mocked it.",
        # a rule that ended, one not held, a shadow body, two groups ruling together
        "The Azure Front ruled Velora until 1990. Today the ruling party faces a crisis.",
        "The Azure Front governed for decades before it lost power in 2012. Since then the "
        "ruling party has attacked it.",
        "The Azure Front's shadow cabinet met on Monday. The ruling party accused it of lying.",
        "The Azure Front would govern differently. It accuses the ruling party of waste.",
        "The Azure Front and the Crimson League, which rule together, quarrel often. The "
        "Crimson League threatened to leave the ruling party.",
    ],
)
def test_the_ruling_party_is_no_group_the_text_does_not_say_rules(extractor, text):
    r = extractor.extract(Document("t", text))
    for am in r.actors:
        assert not any("ruling party" in m.text for m in am.mentions), am.actor.name


def test_his_after_coordination_refers_to_the_first_conjunct(extractor):
    text = (
        "Troops based in the town of Lemara mutinied. "
        "The revolt caused a souring of the relationship between Joseph Malu and his Zambian allies."
    )
    r = extractor.extract(Document("t", text))
    assert "his" in mentions_of(r, "Joseph Malu")
    assert not [am for am in r.actors if am.actor.name == "Lemara" and am.actor.kind == "person"]
    assert (frozenset(("Joseph Malu", "Zambia")), -1) in signed_pairs(r)


def test_its_on_a_conjunct_is_the_first_conjuncts_owner(extractor):
    text = (
        "The Freedom Front's relations with the Unity League, and its rivalry with the Red "
        "Guard, shaped the vote."
    )
    r = extractor.extract(Document("t", text))
    assert "its" in mentions_of(r, "Freedom Front")
    assert signed_pairs(r) == {(frozenset(("Freedom Front", "Red Guard")), -1)}


def test_the_militias_commander_is_the_militia_named_before(extractor):
    text = (
        "In 2001 the Azawad Liberation Front broke with the People's Militia. "
        "The militia's commander, Ivo Brandt, accused the front of treason."
    )
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    affs = {(names[f.member], names[f.group]) for f in r.affiliations}
    assert ("Ivo Brandt", "People's Militia") in affs
    assert ("Ivo Brandt", "Azawad Liberation Front") not in affs


def test_the_president_of_a_named_country_is_not_the_president_named_before(extractor):
    text = (
        "President Adel Rahimi met Samir Haddad. "
        "Later the president of Chad, Idriss Deby, backed Haddad."
    )
    r = extractor.extract(Document("t", text))
    assert "the president" not in mentions_of(r, "Adel Rahimi")


@pytest.mark.parametrize(
    "phrase", ["the ousted president", "the exiled president", "the head of state"]
)
def test_an_office_with_a_holders_adjective_or_another_name_refers_to_its_holder(extractor, phrase):
    text = (
        "President Adel Rahimi was overthrown by the army in May. "
        f"Samir Haddad later met {phrase} in Geneva."
    )
    r = extractor.extract(Document("t", text))
    assert phrase in mentions_of(r, "Adel Rahimi")


@pytest.mark.parametrize(
    ("text", "phrase", "group", "other"),
    [
        (  # the group of its kind; a state's own forces never
            "The Patriotic Liberation Army seized three towns in the north in March. "
            "The Mexican Army sent two brigades north. "
            "Britain accused Ruritania of arming the rebels.",
            "the rebels",
            "Patriotic Liberation Army",
            "Mexican Army",
        ),
        (  # two groups of its kind nearby: the one named most so far, not merely the latest
            "The Patriotic Liberation Army attacked police posts in January. The Patriotic "
            "Liberation Army then took the hills above the capital. Many of its commanders had "
            "served with the Kosovo Liberation Army. The government offered talks to the "
            "guerrillas.",
            "the guerrillas",
            "Patriotic Liberation Army",
            "Kosovo Liberation Army",
        ),
    ],
)
def test_a_plural_description_refers_to_the_texts_group_of_its_kind(
    extractor, text, phrase, group, other
):
    r = extractor.extract(Document("t", text))
    assert phrase in mentions_of(r, group)
    assert phrase not in mentions_of(r, other)


@pytest.mark.parametrize(
    "text",
    [
        "The Ruritanian Socialist Workers' Party won the election with 120 seats. "
        "The People's Party refused to join the Socialists in government.",
        "The People's Party refused to join the Socialists in government. In the end the "
        "Ruritanian Socialist Workers' Party governed alone.",  # the party named after
    ],
)
def test_the_members_plural_joins_the_party_named_by_its_creed(extractor, text):
    r = extractor.extract(Document("t", text))
    mentions = mentions_of(r, "Ruritanian Socialist Workers' Party")
    assert any(m.endswith("Socialists") for m in mentions)


def test_the_creed_plural_stays_unresolved_when_two_parties_share_it(extractor):
    text = (
        "The Ruritanian Socialist Workers' Party and the Movement for Socialist Renewal both "
        "lost seats. The People's Party refused to join the Socialists in government."
    )
    r = extractor.extract(Document("t", text))
    for party in ("Ruritanian Socialist Workers' Party", "Movement for Socialist Renewal"):
        assert not [m for m in mentions_of(r, party) if m.endswith("Socialists")]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (  # another state's office
            "Talks were chaired by Costa Rican President Adel Rahimi. "
            "The army had deposed Samir Haddad, and the ousted president flew to Mexico.",
            "the ousted president",
        ),
        (  # another body's office
            "Senate president Adel Rahimi opened the session. "
            "Samir Haddad accused the president of fraud.",
            "the president",
        ),
        (  # an office that describes the name beside it
            "President Adel Rahimi met the press. Soldiers arrested Samir Haddad, "
            "the interim president, the next day.",
            "the interim president",
        ),
    ],
)
def test_an_office_alone_does_not_name_another_office_holder(extractor, text, phrase):
    r = extractor.extract(Document("t", text))
    assert phrase not in mentions_of(r, "Adel Rahimi")


def test_an_apposition_followed_by_and_is_still_one_actor(extractor):
    r = extractor.extract(
        Document("t", "Ansar Allah, the Houthi movement, and Saudi Arabia agreed to a truce.")
    )
    assert "Houthi movement" in mentions_of(r, "Ansar Allah")


@pytest.mark.parametrize(
    ("text", "refs"),
    [
        (  # the earlier of two holders
            "President Adel Rahimi resigned in May. President Samir Haddad was sworn in a week "
            "later, and Haddad soon had the former president arrested.",
            {"the former president": "Adel Rahimi"},
        ),
        (  # the one named as former, though named last
            "President Adel Rahimi met former President Samir Haddad on Monday. "
            "The former president urged him to act.",
            {"The former president": "Samir Haddad", "him": "Adel Rahimi"},
        ),
        (  # the text's own state's office
            "Kenyan President William Ruto met opposition leaders in Nairobi. Kenya's "
            "parliament sat the next day. The president promised reforms to Kenya's donors.",
            {"The president": "William Ruto"},
        ),
    ],
)
def test_an_office_alone_names_its_holder(extractor, text, refs):
    r = extractor.extract(Document("t", text))
    for phrase, holder in refs.items():
        assert phrase in mentions_of(r, holder)


def test_a_capital_naming_an_agreement_is_no_mention_of_its_state(extractor):
    r = extractor.extract(
        Document(
            "t",
            "The regional bloc appointed the former Mozambican president Adel Rahimi as its "
            "envoy. In Vanland, the four movements signed the Maputo Charter in August, and "
            "the Maputo framework collapsed in December, when the junta walked out.",
        )
    )
    mentions = {m.text for am in r.actors for m in am.mentions}
    assert "Maputo" not in mentions
    assert "Maputo Charter" not in mentions


def test_a_former_office_with_a_demonym_between_is_still_former(extractor):
    r = extractor.extract(
        Document(
            "t",
            "In Nairobi, President Samir Haddad met the former Kenyan president Adel Rahimi. "
            "The former president urged him to call early elections.",
        )
    )
    assert "The former president" in mentions_of(r, "Adel Rahimi")
    assert "him" in mentions_of(r, "Samir Haddad")


def test_head_of_state_is_one_office_not_the_state(extractor):
    r = extractor.extract(
        Document(
            "t",
            "Talks were led by the former Nigerian head of state Abdulsalami Abubakar. "
            "The junta promised that the state would hold elections within a year.",
        )
    )
    assert "the state" not in mentions_of(r, "Abdulsalami Abubakar")


@pytest.mark.parametrize(
    ("text", "refers", "not_refers"),
    [
        pytest.param(  # the strict head match: a group noun names the group it ends
            "The Northern Fruit Company lobbied the government of Vanland for years. "
            "The company, which had close ties to Samir Haddad, opposed the land reform. "
            "Later the Constitutional Court annulled the decree, and Adel Rahimi denounced "
            "the court.",
            [("The company", "Northern Fruit Company"), ("the court", "Constitutional Court")],
            [("the court", "Northern Fruit Company")],
            id="group-noun-head",
        ),
        pytest.param(  # a description as a possessor names the group too
            "The Electoral Commission of Vanland declared Adel Rahimi the winner. Samir "
            "Haddad rejected the commission's figures and appealed to the Supreme Court.",
            [("the commission", "Electoral Commission")],
            [],
            id="possessor-description",
        ),
        pytest.param(  # not another argument of the description's own verb
            "The Supreme Court upheld the ban on Samir Haddad. The Constitutional Court "
            "later overturned the court's decision.",
            [("the court", "Supreme Court")],
            [("the court", "Constitutional Court")],
            id="not-the-clause-subject",
        ),
        pytest.param(  # an unnamed one of the kind between: the description names it
            "The Electoral Commission announced the results. Adel Rahimi set up a commission "
            "of inquiry into the riots, and the commission's report blamed the police.",
            [],
            [("the commission", "Electoral Commission")],
            id="unnamed-one-between",
        ),
        pytest.param(  # an indefinite that describes the named body is no other one
            "The Guardian Council, a council of clerics, disqualified Ali Vahidi. The council "
            "later barred the Reform Front.",
            [("The council", "Guardian Council")],
            [],
            id="indefinite-in-apposition",
        ),
        pytest.param(  # a place noun describes a place, not a firm named after one
            "The investment firm Northern Star Capital funded Adel Rahimi. Protesters later "
            "filled the capital's main square.",
            [],
            [("the capital", "Northern Star Capital")],
            id="place-noun",
        ),
        pytest.param(  # a name's head before "of", and a synonym in data
            "The Chamber of Deputies voted to impeach Adel Rahimi. The chamber then swore in "
            "Samir Haddad. In Vanland the Knesset met, and the legislature elected Ana Ruiz.",
            [("The chamber", "Chamber of Deputies"), ("the legislature", "Knesset")],
            [],
            id="body-head-and-synonym",
        ),
        pytest.param(  # an office stated in a passive relative clause
            "Politicians in Borno, including Adel Rahimi, who was elected governor in 2003, "
            "courted the sect. By 2009 the governor had turned against Samir Haddad.",
            [("the governor", "Adel Rahimi")],
            [],
            id="passive-relative-office",
        ),
        pytest.param(  # a former office in apposition is not the current holder's
            "Prime Minister Ana Ruiz formed a cabinet with the Greens. Dora Klein, a former "
            "Liberal prime minister, joined it as foreign minister. The unions accused the "
            "prime minister of breaking her promises.",
            [("the prime minister", "Ana Ruiz")],
            [("the prime minister", "Dora Klein")],
            id="former-in-apposition",
        ),
        pytest.param(  # an office in apposition that is not the title named before
            "Prime Minister Ana Ruiz, a former general, formed a cabinet. President Dora Klein "
            "criticised it. The former prime minister Carla Diaz left. The unions accused the "
            "prime minister of breaking her promises.",
            [("the prime minister", "Ana Ruiz")],
            [("the prime minister", "Carla Diaz")],
            id="other-office-in-apposition",
        ),
    ],
)
def test_a_description_refers_to_the_actor_it_names(extractor, text, refers, not_refers):
    r = extractor.extract(Document("t", text))
    for mention, name in refers:
        assert mention in mentions_of(r, name)
    for mention, name in not_refers:
        assert mention not in mentions_of(r, name)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "The Movement for Democratic Change won seats in Harare. Many voters wanted the "
            "change.",
            "the change",
        ),  # the name's head is "movement"
        (
            "The UN Security Council condemned the attack on Aden. In Aden, the local council "
            "demanded aid.",
            "the local council",
        ),  # "local" is no word of the name
        (
            "The Constitutional Court annulled the decree. Adel Rahimi was then tried by a "
            "military court, and the military court sentenced him to death.",
            "the military court",
        ),
        (
            "The Northern Fruit Company lobbied the government of Vanland. In 2010 the rival "
            "company, Eastern Oil Company, sued the government.",
            "the rival company",
        ),
        (
            "The White House denied the report. Days later the legislature passed the sanctions "
            "bill.",
            "the legislature",
        ),
        (
            "Islamic State seized Mosul in 2014. The state failed to protect its citizens.",
            "The state",
        ),
        (
            "The Forces for the Defence of Democracy attacked Bujumbura. Later the defence "
            "minister resigned.",
            "the defence",
        ),  # a compound, not a description
        (
            "Politicians in Borno, including Adel Rahimi, who was never elected governor, courted "
            "the sect. By 2009 the governor had turned against Samir Haddad.",
            "the governor",
        ),
    ],
)
def test_a_description_does_not_name_what_it_only_resembles(extractor, text, phrase):
    r = extractor.extract(Document("t", text))
    assert not [am.actor.name for am in r.actors if phrase in {m.text for m in am.mentions}]


def test_the_government_is_the_body_whose_name_has_it_as_head(extractor):
    # one head match for "the company" and "the government": a body's name has its head
    # before a preposition, so "the government" is the Government of National Unity, not
    # an unnamed government of its own
    r = extractor.extract(
        Document(
            "t",
            "The Transitional Government of National Unity met the rebels in Arusha on "
            "Monday. Two days later the government accused the rebels of breaking the truce.",
        )
    )
    assert "the government" in mentions_of(r, "Transitional Government of National Unity")
    assert "Government" not in {am.actor.name for am in r.actors}


def test_a_first_name_named_with_a_brothers_surname_is_the_full_name_not_the_group(extractor):
    # "Samir" first stands with his brother's surname; "Samir Dusan" later is the same man,
    # never the group named after the family
    text = (
        "Gunmen of the Dusan group, a militia led by the brothers Samir and Karim Dusan, "
        "seized the town. Troops later killed Samir Dusan in the fighting."
    )
    r = extractor.extract(Document("t", text))
    assert sorted(mentions_of(r, "Samir Dusan")) == ["Samir", "Samir Dusan"]
    assert "Samir Dusan" not in mentions_of(r, "Dusan")


def test_a_surname_ner_tags_as_a_place_is_still_the_persons_name(extractor):
    # NER reads the bare "Kessari" as a place twice; it is the president named before, and
    # the actor stays a person
    text = (
        "President Ramon Kessari addressed the nation on Monday. Kessari then ordered troops "
        "into the north, and Kessari later sacked the army chief."
    )
    r = extractor.extract(Document("t", text))
    (actor,) = [am.actor for am in r.actors if am.actor.name == "Ramon Kessari"]
    assert actor.kind == "person"
    assert mentions_of(r, "Ramon Kessari").count("Kessari") == 2


def test_a_group_named_after_a_person_is_not_that_person(extractor):
    # "Varek Faction" starts with the commander's name, but no person of the text has the
    # surname "Faction": it stays an actor of its own
    text = (
        "The rebel commander Varek broke with the movement in March. The Varek Faction then "
        "attacked the movement's bases in the east."
    )
    r = extractor.extract(Document("t", text))
    assert "Varek Faction" not in mentions_of(r, "Varek")


def test_a_first_name_is_not_a_full_name_it_was_never_coordinated_with(extractor):
    # "Abdullah" (the king) never stands beside a Dusan: "Abdullah Dusan" is another man,
    # whatever surname "Samir Dusan" gives the text
    text = (
        "King Abdullah received the envoy in Amman. Samir Dusan led the militia. Troops "
        "later arrested Abdullah Dusan, a cousin, in the north."
    )
    r = extractor.extract(Document("t", text))
    assert "Abdullah Dusan" not in mentions_of(r, "Abdullah")


def test_the_words_of_party_phrases_and_name_heads_are_data():
    from dataclasses import replace

    from factions.text.coref import _name_head, _parties_phrase
    from factions.text.lexicon import load_lexicon
    from factions.text.nlp import load_nlp

    lex = load_lexicon()
    doc = load_nlp()("Talks between the warring parties resumed.")
    assert _parties_phrase(doc, 2, lex) == 4
    assert _parties_phrase(doc, 2, replace(lex, party_noun_modifiers=frozenset())) is None
    words = ["movement", "for", "democratic", "change"]
    assert _name_head(words, lex) == "movement"
    assert _name_head(words, replace(lex, name_head_prepositions=frozenset())) == "change"


SALIENT = (
    "Adel Rahimi called an early election in March. Rahimi's opponents marched through the "
    "capital, and Rahimi banned their rallies. Samir Haddad, a lawyer, denounced the ban. "
    "In May the president dissolved parliament. Rahimi's allies cheered."
)


def test_an_office_no_one_was_named_with_names_the_texts_most_salient_person(extractor):
    r = extractor.extract(Document("t", SALIENT))
    assert "the president" in mentions_of(r, "Adel Rahimi")


def test_a_title_of_courtesy_is_no_office(extractor):
    # "Mr Rahimi" holds no office: named most, he is the person "the president" names
    text = (
        "Mr Rahimi called an early election in March. Mr Rahimi's opponents marched through "
        "the capital, and Mr Rahimi banned their rallies. Samir Haddad denounced the ban. "
        "In May the president dissolved parliament, and Mr Rahimi's allies cheered."
    )
    r = extractor.extract(Document("t", text))
    assert "the president" in mentions_of(r, "Rahimi")


@pytest.mark.parametrize(
    "text",
    [
        # an office stated after a title of courtesy, or an occupation, is still stated
        "Mr Tunde Okoro, the prime minister, called an early election. Mr Okoro's opponents "
        "marched, and Mr Okoro banned their rallies. Samir Haddad denounced the ban. The "
        "president later dissolved parliament.",
        "Mr Tunde Okoro, a journalist, criticised the police. Mr Okoro was arrested, and Mr "
        "Okoro's newspaper was closed. Samir Haddad denounced the arrest. The president later "
        "defended the police.",
    ],
)
def test_a_title_of_courtesy_does_not_hide_a_stated_office_or_role(extractor, text):
    r = extractor.extract(Document("t", text))
    assert not any("president" in m for m in mentions_of(r, "Tunde Okoro"))
    assert not any("president" in m for m in mentions_of(r, "Samir Haddad"))


def test_no_one_else_is_the_president_when_the_person_named_most_holds_another_office(
    extractor,
):
    text = SALIENT.replace("Adel Rahimi called", "Prime Minister Adel Rahimi called").replace(
        "Rahimi's allies cheered", "Haddad's newspaper was closed, and Haddad fled"
    )
    r = extractor.extract(Document("t", text))
    assert "the president" not in mentions_of(r, "Samir Haddad")
    assert "the president" not in mentions_of(r, "Adel Rahimi")


@pytest.mark.parametrize(
    "text",
    [
        SALIENT.replace(
            "Adel Rahimi called", "Prime Minister Adel Rahimi called"
        ).replace(  # the person named most holds another office, and the next is no holder
            "Rahimi's allies cheered", "Haddad's newspaper was closed, and Haddad fled"
        ),
        SALIENT.replace(
            "Adel Rahimi called", "Prime Minister Adel Rahimi called"
        ),  # another office
        SALIENT.replace("Rahimi's allies cheered", "Haddad cheered").replace(
            "Rahimi banned", "Haddad banned"
        ),  # no one named clearly most
        SALIENT.replace("the president", "the ousted president"),  # a former holder
        SALIENT.replace("the president dissolved", "Rahimi met the president and dissolved"),
        SALIENT.replace("the president dissolved", "the president-elect dissolved"),
        SALIENT.replace("the president dissolved", "the king dissolved"),  # not a salient office
        SALIENT.replace("Samir Haddad, a lawyer,", "The president of Chad, Idriss Deby,").replace(
            "in March", "in Niger in March"
        ),  # another state's president spoken of
    ],
)
def test_an_office_names_no_salient_person_who_holds_another_or_is_not_clear(extractor, text):
    r = extractor.extract(Document("t", text))
    assert not any("president" in m or "king" in m for m in mentions_of(r, "Adel Rahimi"))


def test_one_foreign_party_does_not_make_the_texts_state_an_outsider(extractor):
    text = (
        "Ukraine held talks in Kyiv, and Ukraine asked Ukraine's partners for air defence. "
        "In Moscow, United Russia praised Russia's offensive. In July the government dismissed "
        "two generals."
    )
    r = extractor.extract(Document("t", text))
    assert "the government" in mentions_of(r, "Ukraine")


def test_the_government_of_a_text_with_its_own_parties_is_not_a_foreign_state(extractor):
    text = (
        "The United States urged restraint, and Washington sent an envoy to Turkey. "
        "The United States also froze some aid. The AKP and the CHP traded accusations, "
        "and the HDP boycotted parliament. In July the government dismissed thousands of judges."
    )
    r = extractor.extract(Document("t", text))
    assert "the government" not in mentions_of(r, "United States")


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("The Soviets armed the rebels, and the Americans pressed Karzai.", "United States"),
        ("The Soviets armed the rebels, and the Americans pressed Karzai.", "Soviet Union"),
        ("Luanda recalled its force, and ECOWAS sent troops to replace the Angolans.", "Angola"),
    ],
)
def test_a_plural_demonym_with_an_article_names_its_state(extractor, text, state):
    r = extractor.extract(Document("t", text))
    assert any(m.startswith("the ") or m.startswith("The ") for m in mentions_of(r, state))


def test_a_people_that_is_no_states_stays_a_community(extractor):
    r = extractor.extract(Document("t", "The Kurds rallied behind Barzani in Erbil."))
    assert not any("Kurd" in am.actor.name for am in r.actors)


@pytest.mark.parametrize(
    "text",
    [
        "Tallinn tightened the language law, and the Russians living in Narva protested.",
        "Belgrade courted the Albanians of the Presevo valley before the vote.",
    ],
)
def test_a_plural_demonym_a_phrase_places_is_a_community(extractor, text):
    r = extractor.extract(Document("t", text))
    assert not any(am.actor.name in ("Russia", "Albania") for am in r.actors)


def test_a_lower_case_group_noun_the_tagger_calls_a_name_still_describes(extractor):
    # the small English model tags "bloc" here NNP, as in "Bloc Québécois"
    text = (
        "The Patriotic Alliance won the vote in July. In August the bloc condemned the crackdown."
    )
    r = extractor.extract(Document("t", text))
    assert "the bloc" in mentions_of(r, "Patriotic Alliance")


def test_the_bloc_never_falls_back_to_a_party(extractor):
    text = "The Unity Party won the vote in July. In August the bloc condemned the crackdown."
    r = extractor.extract(Document("t", text))
    assert "the bloc" not in mentions_of(r, "Unity Party")


@pytest.mark.parametrize(
    "appositive",
    [
        "Tarik Halabi, the former president's brother and adviser,",
        "Tarik Halabi, the brother of the former president,",
    ],
)
def test_a_description_inside_an_appositive_is_not_the_person_it_describes(extractor, appositive):
    # i-within-i: "the former president" sits inside the phrase that describes Tarik, so it
    # is someone else (here the only other person, Karim Halabi), never Tarik himself
    text = (
        "Karim Halabi resigned in April after weeks of protests. "
        f"In early May the army arrested {appositive} together with two generals."
    )
    r = extractor.extract(Document("t", text))
    assert "the former president" not in mentions_of(r, "Tarik Halabi")
    assert "the former president" in mentions_of(r, "Karim Halabi")


def test_an_office_inside_an_appositive_is_not_its_head(extractor):
    # the text's most-named person would be "the president" (no holder named), but not in
    # the phrase that describes him
    text = (
        "Tarik Halabi built a business empire in the 1990s. Halabi later bought two "
        "newspapers, and critics said Halabi used them against the opposition. In May the "
        "army arrested Halabi, the president's brother, and two generals."
    )
    r = extractor.extract(Document("t", text))
    assert "the president" not in mentions_of(r, "Tarik Halabi")


@pytest.mark.parametrize(
    ("sentence", "halabi"),
    [
        # a conjunct does not contain a later conjunct's possessor: the only president
        ("The army backed Halabi and the president's allies.", True),
        # but a description coordinated with a person is someone else
        ("In May the army arrested Halabi and the president.", False),
    ],
)
def test_a_coordination_and_the_office_beside_it(extractor, sentence, halabi):
    r = extractor.extract(Document("t", f"President Tarik Halabi won in 2019. {sentence}"))
    assert ("the president" in mentions_of(r, "Tarik Halabi")) is halabi


@pytest.mark.parametrize(
    "text",
    [
        # the father first, then the son
        "King Faisal named his son Hamad bin Faisal crown prince. Hamad bin Faisal then "
        "detained Prince Nayef, and Faisal approved the arrests.",
        # the son first, then the father
        "Crown Prince Hamad bin Faisal detained dozens of princes. King Faisal backed him.",
    ],
)
def test_a_fathers_name_in_a_patronym_is_not_a_surname(extractor, text):
    r = extractor.extract(Document("t", text))
    son = mentions_of(r, "Hamad bin Faisal")
    assert "King Faisal" not in son and "Faisal" not in son


def test_a_hyphenated_vice_title_is_the_vice_presidency(extractor):
    # "Vice-President X" holds the vice-presidency ("the vice president" is X), not the
    # presidency
    text = (
        "President Tomas Ferrer met the press. Vice-President Rosa Quintal attacked the "
        "opposition. Later the vice president resigned."
    )
    r = extractor.extract(Document("t", text))
    assert "the vice president" in mentions_of(r, "Rosa Quintal")
    assert "the vice president" not in mentions_of(r, "Tomas Ferrer")
    r = extractor.extract(Document("t", text.replace("the vice president", "the vice-president")))
    assert "the vice-president" in mentions_of(r, "Rosa Quintal")


def test_a_rank_prefix_keeps_the_office_and_ould_is_no_patronym(extractor):
    # "Major-General X" is a general ("the general" is X), "Vice-Admiral Y" an admiral; a
    # Mauritanian "Ould" name is referred to by its last word
    text = (
        "Major-General Tomas Ferrer seized power in May. The general dissolved parliament. "
        "Mohamed Ould Ghazouani was sworn in as president, and Ghazouani promised reforms."
    )
    r = extractor.extract(Document("t", text))
    assert "The general" in mentions_of(r, "Tomas Ferrer")
    assert "Ghazouani" in mentions_of(r, "Mohamed Ould Ghazouani")
    r = extractor.extract(
        Document(
            "t", "Vice-Admiral Tomas Ferrer seized power in May. The admiral dissolved parliament."
        )
    )
    assert "The admiral" in mentions_of(r, "Tomas Ferrer")


@pytest.mark.parametrize(
    "text, apart",
    [
        ("The Liberal Party attacked the Liberal Democratic Party over the budget.",
         {"Liberal Party", "Liberal Democratic Party"}),
        ("The National Party clashed with the United National Party.",
         {"National Party", "United National Party"}),
        ("The Liberal Democrats attacked the Liberal Party.",
         {"Liberal Democrats", "Liberal Party"}),
    ],
)  # fmt: skip
def test_a_qualifier_before_the_type_word_makes_another_party(extractor, text, apart):
    """A word of ``name_qualifiers`` before the type word ("Liberal Democratic Party") names
    another party than the shorter name; a members' plural names only its own party."""
    names = {am.actor.name for am in extractor.extract(Document("t", text)).actors}
    assert apart <= names


def test_short_forms_and_members_plurals_still_join(extractor):
    text = (
        "In 2009 the Democratic Party of Japan defeated the Liberal Democratic Party, and "
        "the Democratic Party took office. The Social Democratic Party backed it; the Social "
        "Democrats had long opposed the Liberal Democratic Party. The Chamber of Deputies "
        "approved the new cabinet, and the Chamber then adjourned."
    )
    r = extractor.extract(Document("t", text))
    assert "the Democratic Party" in mentions_of(r, "Democratic Party of Japan")
    assert "Social Democrats" in mentions_of(r, "Social Democratic Party")
    names = {am.actor.name for am in r.actors}
    assert {"Democratic Party of Japan", "Liberal Democratic Party"} <= names
    assert len([am for am in r.actors if "Chamber" in am.actor.name]) <= 1


def test_a_shorter_form_after_the_full_name_joins_it(extractor):
    """ "the Socialist Party" after "the United Socialist Party of Venezuela" is its short
    form, when it can shorten no other name."""
    text = (
        "The United Socialist Party of Venezuela backed Ana Ruiz. The Socialist Party also "
        "attacked the Azure Party."
    )
    r = extractor.extract(Document("t", text))
    assert "Socialist Party" in mentions_of(r, "United Socialist Party of Venezuela")


def test_the_cabinet_and_an_unnamed_coalition_are_the_government(extractor):
    """ "the new government", "the cabinet" and, in a text that names no coalition and calls
    one the government ("a coalition government"), "the coalition" are one actor: the text's
    government."""
    r = extractor.extract(
        Document(
            "t",
            "After the election the Green Party and the Labour Party formed a coalition government. "
            "Tomas Vale attacked the coalition over the surplus. The new government "
            "then clashed with the central bank, and the cabinet lost a vote.",
        )
    )
    (gov,) = [am for am in r.actors if "the coalition" in {m.text for m in am.mentions}]
    assert {"the cabinet", "The new government"} <= {m.text for m in gov.mentions}
    signs = {frozenset((x.a, x.b)): x.sign for x in r.relations}
    vale = next(am.actor.id for am in r.actors if am.actor.name == "Tomas Vale")
    assert signs.get(frozenset((gov.actor.id, vale))) == -1


def test_the_coalition_is_a_named_coalition_where_the_text_names_one(extractor):
    r = extractor.extract(
        Document(
            "t",
            "The Azure Alliance won the vote. Tomas Vale warned that the coalition would "
            "squander the surplus.",
        )
    )
    assert "the coalition" in mentions_of(r, "Azure Alliance")


def test_his_party_is_the_party_the_text_says_he_leads(extractor):
    """ "His party" stands for the one party the text affiliates its possessor with."""
    r = extractor.extract(
        Document(
            "t",
            "Matteo Rossi, the leader of the Azure League, broke with the government in August. "
            "His party accused Prime Minister Paolo Conti of corruption.",
        )
    )
    assert "party" in mentions_of(r, "Azure League")
    assert (frozenset(("Azure League", "Paolo Conti")), -1) in signed_pairs(r)


def test_his_party_stays_his_where_the_text_gives_him_no_party(extractor):
    r = extractor.extract(
        Document(
            "t",
            "Matteo Rossi broke with the government in August. His party accused Prime "
            "Minister Paolo Conti of corruption.",
        )
    )
    assert "party" not in {m.text for am in r.actors for m in am.mentions}


@pytest.mark.parametrize(
    "text",
    [
        "Six opposition parties formed a coalition to challenge President Recep Erdogan. The "
        "coalition nominated Kemal Kilicdaroglu, and Erdogan attacked the coalition.",
        "A coalition led by Saudi Arabia entered the war. The coalition bombed Houthi positions.",
        "The Greens criticised the coalition partners, and Friedrich Merz attacked the coalition.",
    ],
)
def test_an_opposition_or_foreign_coalition_is_not_the_government(extractor, text):
    """ "the coalition" is the text's government only where the text calls a coalition the
    governing one and names none: not one formed against the president, nor one led by
    another state, nor a compound ("the coalition partners")."""
    r = extractor.extract(Document("t", text))
    assert not [am for am in r.actors if am.actor.id == "government"]


def test_the_cabinet_minister_is_a_title_not_the_government(extractor):
    r = extractor.extract(
        Document("t", "The cabinet minister Michael Gove attacked Keir Starmer on Tuesday.")
    )
    assert not [am for am in r.actors if am.actor.id == "government"]
    assert not r.affiliations


@pytest.mark.parametrize(
    ("text", "party"),
    [
        ("Boris Johnson, the leader of the Conservative Party, spoke. Keir Starmer attacked "
         "Johnson's birthday party.", "Conservative Party"),
        ("Petr Novak, now the leader of the Greens, quit the Social Democrats in 2019. The "
         "Liberals criticised Novak's former party.", "Greens"),
    ],
)  # fmt: skip
def test_a_birthday_party_or_a_former_party_is_not_his_party(extractor, text, party):
    r = extractor.extract(Document("t", text))
    assert "party" not in " ".join(mentions_of(r, party)).replace(party, "")


def test_a_reflexive_names_the_subject_of_its_own_clause(extractor):
    text = "Ruben Okafor, whose campaign Tomas Velde had financed, presented himself as a reformer."
    r = extractor.extract(Document("t", text))
    assert "himself" in mentions_of(r, "Ruben Okafor")
    assert "himself" not in mentions_of(r, "Tomas Velde")


def test_a_pronoun_skips_a_person_the_text_gives_the_other_gender(extractor):
    text = (
        "Lena Markov is the daughter of Mr Tomas Velde, who once ran the port. "
        "Her party, the Civic Union, won twelve seats."
    )
    r = extractor.extract(Document("t", text))
    assert "Her" in mentions_of(r, "Lena Markov")
    assert "Her" not in mentions_of(r, "Tomas Velde")


def test_a_name_ner_took_for_a_group_is_a_person_when_its_surname_stands_alone(extractor):
    text = (
        "The election ended sixteen years of rule by Angela Merkel, and Olaf Scholz led the "
        "Social Democrats to first place. In December the Bundestag elected Scholz chancellor."
    )
    r = extractor.extract(Document("t", text))
    kinds = {am.actor.name: am.actor.kind for am in r.actors}
    assert kinds["Olaf Scholz"] == "person"
    assert "Scholz" in mentions_of(r, "Olaf Scholz")


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        ("Ruben Okafor won the vote. Okafor thanked his voters.", 0, 2, True),
        ("Ruben Okafor won the vote. His voters cheered.", 0, 2, False),  # never alone
        ("The Civic Union won. Union leaders cheered.", 0, 3, False),  # "the X Y": a group
        ("Nagorno-Karabakh voted. Troops left Karabakh.", 0, 3, False),  # one word
        ("Rebels took Espiritu Santo. Planters in Santo fled.", 2, 4, False),  # a place
        ("Lena Okafor-Markov won. Okafor-Markov thanked voters.", 0, 4, False),  # no lone word
        ("Banca Intesa lent the money. Intesa declined to comment.", 0, 2, False),  # a company
    ],
)
def test_surname_used_alone(extractor, text, start, end, expected):
    from factions.text.mentions import _surname_used_alone

    doc = extractor.nlp(text)
    assert _surname_used_alone(doc, start, end, extractor.lex) is expected


def test_the_new_president_is_who_won_not_the_last_president_named(extractor):
    text = (
        "In the runoff Daniel Mensah defeated Tomas Velde. President Velde conceded on "
        "Monday, and the new president promised to fight corruption."
    )
    r = extractor.extract(Document("t", text))
    assert "the new president" in mentions_of(r, "Daniel Mensah")
    assert "the new president" not in mentions_of(r, "Tomas Velde")


def test_the_president_elect_is_the_one_the_text_says_was_elected(extractor):
    text = (
        "Ruben Okafor was elected president in March, ending the rule of President Tomas "
        "Velde. The president-elect named a new cabinet."
    )
    r = extractor.extract(Document("t", text))
    assert "The president-elect" in mentions_of(r, "Ruben Okafor")


def test_the_new_president_no_one_is_said_to_have_become_stays_unresolved(extractor):
    text = (
        "President Tomas Velde met President Ruben Okafor in May. The new president then flew home."
    )
    r = extractor.extract(Document("t", text))
    assert "The new president" not in mentions_of(r, "Ruben Okafor")
    assert "The new president" not in mentions_of(r, "Tomas Velde")


def test_the_outgoing_president_no_one_was_named_as_is_not_the_last_person(extractor):
    text = (
        "The ruling party nominated Daniel Mensah, with the economist Tomas Velde as his "
        "running mate, and the outgoing president campaigned for him."
    )
    r = extractor.extract(Document("t", text))
    assert "the outgoing president" not in mentions_of(r, "Tomas Velde")
    assert "the outgoing president" not in mentions_of(r, "Daniel Mensah")


@pytest.mark.parametrize(
    "ruled",
    [
        "Daniel Mensah, who took power in a coup in 1994 and has ruled Veloria since, faced a "
        "united opposition.",
        "Daniel Mensah, who ruled the country from 1979 to 1992, returned in 1997.",
        "Daniel Mensah came to power in 1987 and faced a united opposition.",
    ],
)
def test_the_president_is_who_ruled_the_state_when_no_one_is_named_president(extractor, ruled):
    text = f"{ruled} Ana Moreno led the opposition. Her party formed a pact against the president."
    r = extractor.extract(Document("t", text))
    assert "the president" in mentions_of(r, "Daniel Mensah")
    assert "the president" not in mentions_of(r, "Ana Moreno")


@pytest.mark.parametrize(
    "text",
    [
        "Mayor Lucia Ferro took office in January. The president praised her plans.",
        "Daniel Mensah tried to take power in 2019 but failed. The president ordered his arrest.",
        "Daniel Mensah, who ruled the country until his death in 2009, was buried on Monday. "
        "The president attended the funeral.",
        "Daniel Mensah, who ruled the country from 1990 to 2000, criticised the president.",
        "Daniel Mensah took power in the party in May. The president approved.",
        "Daniel Mensah seized power in a coup, ousting the elected government. The president "
        "was placed under house arrest.",
    ],
)
def test_one_who_does_not_rule_the_state_now_is_not_the_president(extractor, text):
    r = extractor.extract(Document("t", text))
    name = "Lucia Ferro" if "Ferro" in text else "Daniel Mensah"
    assert not any(m.lower() == "the president" for m in mentions_of(r, name))


@pytest.mark.parametrize(
    "ruled",
    [
        "Daniel Mensah, who ruled Tarvonia next door, faced a united opposition.",  # a foreign state
        "Daniel Mensah did not seize power in 1994; he faced a united opposition.",  # negated
        "Daniel Mensah took office as mayor and faced a united opposition.",  # no power taken
    ],
)
def test_one_who_did_not_rule_the_state_is_not_the_president(extractor, ruled):
    text = (
        f"Veloria held an election. {ruled} Ana Moreno led the opposition in Veloria. Her "
        "party formed a pact against the president."
    )
    r = extractor.extract(Document("t", text))
    assert "the president" not in mentions_of(r, "Daniel Mensah")


def test_the_winner_a_passive_declared_holds_the_office_won(extractor):
    text = (  # the parser makes "the winner" the passive's object here
        "After Peter Rukundo was declared the winner of the July 2015 presidential election, which "
        "most of the opposition boycotted, Ana Moreno accepted the post. Ana Moreno later "
        "refused to recognise the president's new term."
    )
    r = extractor.extract(Document("t", text))
    assert "the president" in mentions_of(r, "Peter Rukundo")


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        (
            "Former president Ana Moreno endorsed Daniel Mensah. President Tomas Velde stayed "
            "neutral. Daniel Mensah won the presidential runoff, and the outgoing president "
            "congratulated him.",
            "the outgoing president",
        ),
        (
            "President Tomas Velde met the donors with former U.S. president Carl Brandt. "
            "Daniel Mensah won the presidential runoff. The outgoing president resisted the "
            "recount for weeks.",
            "The outgoing president",
        ),
        (
            "The minority government of Tomas Velde fell in March. Daniel Mensah was sworn in "
            "as prime minister in May, and the outgoing premier left parliament.",
            "the outgoing premier",
        ),
    ],
)
def test_the_outgoing_holder_is_the_one_the_winner_replaces(extractor, text, phrase):
    r = extractor.extract(Document("t", text))
    assert phrase in mentions_of(r, "Tomas Velde")


@pytest.mark.parametrize("left", ["resigned as prime minister", "stepped down as prime minister"])
def test_one_who_left_the_office_is_not_its_holder(extractor, left):
    text = (
        f"When Tomas Velde {left} in November, his party stayed in power. The second cabinet "
        "of Ana Moreno was approved in January. Critics accused the government of neglect, a "
        "charge that the prime minister rejected."
    )
    r = extractor.extract(Document("t", text))
    assert "the prime minister" in mentions_of(r, "Ana Moreno")
    assert "the prime minister" not in mentions_of(r, "Tomas Velde")


def test_the_outgoing_president_is_never_the_winner(extractor):
    text = (
        "Daniel Mensah won the presidential election in August. The outgoing president refused "
        "to concede."
    )
    r = extractor.extract(Document("t", text))
    assert "The outgoing president" not in mentions_of(r, "Daniel Mensah")


@pytest.mark.parametrize(
    "win",
    [
        "Ana Moreno lost the runoff to Daniel Mensah by a narrow margin.",
        "Ana Moreno was defeated by Daniel Mensah in the second round.",
        "Daniel Mensah won the presidential runoff against Ana Moreno.",
    ],
)
def test_the_new_president_is_who_the_text_says_won(extractor, win):
    r = extractor.extract(Document("t", f"{win} The new president promised to cut taxes."))
    assert "The new president" in mentions_of(r, "Daniel Mensah")


@pytest.mark.parametrize(
    ("text", "office", "person"),
    [
        (
            "Daniel Mensah won the party primary in May. President Ana Moreno met him in June, "
            "and the new president then flew home.",
            "the new president",
            "Daniel Mensah",
        ),
        (  # a defeat in a vote is no election win
            "Karel Dunst defeated the prime minister in a parliamentary vote on the budget. "
            "The new premier will be chosen by the Azure Party next month.",
            "The new premier",
            "Karel Dunst",
        ),
    ],
)
def test_the_new_holder_is_not_who_won_a_lesser_contest(extractor, text, office, person):
    r = extractor.extract(Document("t", text))
    assert office not in mentions_of(r, person)


def test_a_reflexive_in_an_object_control_clause_names_the_object(extractor):
    text = "Tomas Berg asked President Luis Romero to recuse himself from the inquiry."
    r = extractor.extract(Document("t", text))
    assert "himself" in mentions_of(r, "Luis Romero")


def test_an_office_no_one_in_the_text_holds_is_not_the_last_person_named(extractor):
    text = (
        "Acting on a report by the Dutch legislator Tomas Velde, the assembly demanded an "
        "inquiry, which the prime minister eventually announced in September."
    )
    r = extractor.extract(Document("t", text))
    assert "the prime minister" not in mentions_of(r, "Tomas Velde")


@pytest.mark.parametrize(
    "text, phrase, person",
    [
        (
            "The army removed Daniel Mensah from power on Friday. A spokesman said the "
            "deposed president was being held at a military camp.",
            "the deposed president",
            "Daniel Mensah",
        ),
        (
            "Daniel Mensah was elected premier in a parliamentary vote on Friday. The prime "
            "minister named his cabinet the next day.",
            "The prime minister",
            "Daniel Mensah",
        ),
    ],
)
def test_an_office_alone_names_who_the_text_says_left_or_holds_it(extractor, text, phrase, person):
    r = extractor.extract(Document("t", text))
    assert phrase in mentions_of(r, person)


@pytest.mark.parametrize(
    "text, phrase, person",
    [
        (
            "Daniel Mensah was dismissed from his teaching post last year. At a rally "
            "he accused the former president of closing schools.",
            "the former president",
            "Daniel Mensah",
        ),
        (
            "Senator Tomas Velde was defeated by Daniel Mensah in the senate race. The new "
            "president has yet to comment on the result.",
            "The new president",
            "Daniel Mensah",
        ),
        (
            "Tomas Velde lost his parliamentary seat to Daniel Mensah. The new president "
            "promised to review the vote.",
            "The new president",
            "Daniel Mensah",
        ),
    ],
)
def test_an_office_alone_is_not_who_left_another_post_or_won_a_lesser_race(
    extractor, text, phrase, person
):
    r = extractor.extract(Document("t", text))
    assert phrase not in mentions_of(r, person)


@pytest.mark.parametrize(
    ("text", "name"),
    [  # NER takes each name for an organisation's
        ("Vox, the far-right party led by Santiago Abarca, doubled its seats.", "Santiago Abarca"),
        ("Parties from Dirk Hoogland's Democratic Party to the Greens joined.", "Dirk Hoogland"),
        ("The Blue League struck a pact with Heinz Grabner's party.", "Heinz Grabner"),
        ("Mariano Ozores's supporters marched on the capital.", "Mariano Ozores"),
        ("The Social Democrats (SDP) of Dirk Mulder came third.", "Dirk Mulder"),
        ("Ahead of Shafie Yunos of the Azure Party, the Greens finished first.", "Shafie Yunos"),
        ("Governor Dirk Mulder welcomed the plan.", "Dirk Mulder"),
        ("Shafie Yunos's Azure Party won the vote.", "Shafie Yunos"),
    ],
)
def test_a_name_leading_or_owning_a_party_is_a_person(extractor, text, name):
    r = extractor.extract(Document("t", text))
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds[name] == "person"


@pytest.mark.parametrize(
    "text",
    [
        "The deal was brokered by the Special Air Service of Veloria.",
        "The State Protection Authority's agents arrested him.",
        "A coalition led by Civic Renewal won the vote.",
        "The Christian parties of the so-called Bristol Gathering met.",  # members of a group
        "Tomas Velde, the governor of Ilocos Sur, resigned.",  # an office's place
        "The committee of the veteran Black Power leader Tomas Velde met.",  # an adjective
        "The Press Office of the presidency denied the report.",  # "of" an office, no party
        "Media Watch of the presidency issued a statement.",
        "An investigation led by Human Rights Watch found abuses.",  # not a party led
        "A consortium led by Granite Holding bought the port.",
        "Civic Renewal's government collapsed in May.",  # a party may own a government
        "Members of Golden Harvest of the People's Party were arrested.",  # a party's group
        "Major League Baseball's commissioner met the delegation.",  # a group's type word
    ],
)
def test_a_group_leading_or_owning_is_not_made_a_person(extractor, text):
    r = extractor.extract(Document("t", text))
    assert all(am.actor.kind.value != "person" for am in r.actors if am.actor.name != "Tomas Velde")


def test_a_monarch_by_regnal_number_is_a_person(extractor):
    # NER takes "King Mswalo IV's" for an organisation's name; the regnal number says whose
    text = (
        "Velmora went through the worst unrest of King Mswalo IV's reign in 2021. "
        "The Green Front urged the king to open talks."
    )
    r = extractor.extract(Document("t", text))
    assert "the king" in mentions_of(r, "Mswalo IV")
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds["Mswalo IV"] == "person"
    from factions.text.mentions import _regnal_name

    doc = extractor.nlp("Students of the Mohammed V University protested.")
    assert not _regnal_name(doc[3:7], extractor.lex)  # a group word: no person


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The red-green coalition lost its majority in May. The Azure Party attacked the "
            "red-green coalition.",
            "red-green coalition",
        ),
        (
            "The unionist bloc boycotted the vote. The Azure Party condemned the unionist bloc.",
            "unionist bloc",
        ),
    ],
)
def test_a_coalition_named_by_a_description_is_an_actor(extractor, text, name):
    r = extractor.extract(Document("t", text))
    kinds = {am.actor.name: am.actor.kind.value for am in r.actors}
    assert kinds.get(name) == "coalition"
    assert [x.sign for x in r.relations] == [-1]


def test_a_bare_ruling_coalition_is_no_described_coalition(extractor):
    from factions.text.mentions import _described_coalitions

    doc = extractor.nlp("The ruling coalition lost the vote.")
    assert _described_coalitions(doc, bytearray(len(doc)), extractor.lex) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Karel Dunst ruled out joining a grand coalition with the Crimson League.", "grand"),
        ("The Southern Union imposed sanctions. Velmora criticised the 12-member bloc.", "12"),
        (
            "The Civic Front, a centre-right alliance of the Azure Party and the Verdant Union, "
            "accused the Crimson League of fraud.",
            "centre",
        ),
    ],
)
def test_no_described_coalition_of_its_own(extractor, text, name):
    r = extractor.extract(Document("t", text))
    assert not [am for am in r.actors if am.actor.name.startswith(name)]


def test_a_single_letter_after_a_name_is_no_regnal_number(extractor):
    from factions.text.mentions import _regnal_name

    doc = extractor.nlp("Radio X, an independent station, was shut down.")
    assert not _regnal_name(doc[0:2], extractor.lex)


def test_a_relation_noun_naming_its_own_argument_reads_nothing(extractor):
    text = (
        "The rainbow coalition led by Vera Holm took office in May. The Crimson League has "
        "vowed to bring down the rainbow coalition."
    )
    r = extractor.extract(Document("t", text))
    assert [x.sign for x in r.relations if x.sign > 0] == []
