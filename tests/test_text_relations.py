"""Relations read from sentences written for these tests (signs, evidence, negation, time)."""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(extractor="rules")


def rels(extractor: Extractor, text: str) -> dict[frozenset[str], int]:
    """{frozenset of the two actor names: sign} for one text."""
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    return {frozenset((names[x.a], names[x.b])): x.sign for x in r.relations}


def pair(a: str, b: str) -> frozenset[str]:
    return frozenset((a, b))


def test_relative_clause_alliance(extractor):
    text = "The talks were led by Karim Haddad, who is allied with Jordan."
    assert rels(extractor, text)[pair("Karim Haddad", "Jordan")] == 1


def test_accusation_is_negative_with_evidence(extractor):
    text = "Omar Farouk accused Leila Nasser of rigging the vote in the northern provinces."
    r = extractor.extract(Document("acc", text))
    assert len(r.relations) == 1
    rel = r.relations[0]
    assert rel.sign == -1 and rel.kind == "accusation"
    ev = rel.evidence[0]
    assert ev.doc_id == "acc"
    assert text[ev.start : ev.end] == ev.quote
    assert "accused" in ev.quote and ev.sentence == text


def test_negation_removes_relation(extractor):
    text = "Samir Qasem took great care not to antagonize Egypt."
    assert pair("Samir Qasem", "Egypt") not in rels(extractor, text)


def test_present_state_wins_over_former_alliance(extractor):
    text = (
        "Yusuf Karam is relying on his former ally Hassan Darwish. "
        "Darwish has become his rival and accuses Karam of corruption."
    )
    assert rels(extractor, text)[pair("Yusuf Karam", "Hassan Darwish")] == -1


def test_former_ally_alone_is_not_a_present_alliance(extractor):
    text = "Nabil Azar met his former ally Rami Salloum in the capital."
    assert pair("Nabil Azar", "Rami Salloum") not in rels(extractor, text)


def test_passive_support_with_coordinated_agents(extractor):
    text = "The Popular Front was backed by Libya and Algeria during the war."
    found = rels(extractor, text)
    assert found[pair("Popular Front", "Libya")] == 1
    assert found[pair("Popular Front", "Algeria")] == 1


def test_dispute_between_two_actors(extractor):
    text = "The dispute between Kenya and Uganda over the island grew worse in May."
    assert rels(extractor, text)[pair("Kenya", "Uganda")] == -1


def test_possessive_ally_apposition(extractor):
    text = "Tariq Mansour thanked his ally, Salim Bakri, for the votes."
    assert rels(extractor, text)[pair("Tariq Mansour", "Salim Bakri")] == 1


def test_demonym_and_capital_stand_for_states(extractor):
    text = "Tehran supports Damascus, and Turkish officials condemned the Syrian regime."
    found = rels(extractor, text)
    assert found[pair("Iran", "Syria")] == 1
    assert found[pair("Turkey", "Syria")] == -1


def test_sanctions_against(extractor):
    text = "The European Union imposed sanctions against Belarus in June."
    assert rels(extractor, text)[pair("European Union", "Belarus")] == -1


def test_split_from_party(extractor):
    text = "The Reform Bloc split from the Liberal Party after the congress."
    assert rels(extractor, text)[pair("Reform Bloc", "Liberal Party")] == -1


def test_hyphenated_backing(extractor):
    text = "Fighting broke out between the army and the Iran-backed Union of Workers."
    assert rels(extractor, text)[pair("Iran", "Union of Workers")] == 1


def test_souring_of_relationship_is_present_state(extractor):
    text = (
        "Chad and Sudan were close allies for a decade. "
        "The mutiny caused a souring of the relationship between Chad and Sudan."
    )
    assert rels(extractor, text)[pair("Chad", "Sudan")] == -1


def test_refused_support_is_opposition_and_support_not_given_is_nothing(extractor):
    text = "Ali Hamdan refused to support Mahmoud Khalil in the vote."
    assert rels(extractor, text)[pair("Ali Hamdan", "Mahmoud Khalil")] == -1
    text = "Ali Hamdan did not support Mahmoud Khalil in the vote."
    assert pair("Ali Hamdan", "Mahmoud Khalil") not in rels(extractor, text)


def test_acronym_definition_joins_long_name(extractor):
    text = (
        "The Movement for Democratic Renewal (MDR) opposed the Green League. "
        "Later the MDR attacked the Green League again."
    )
    r = extractor.extract(Document("t", text))
    mdr = [am for am in r.actors if am.actor.name == "Movement for Democratic Renewal"]
    assert mdr and {"MDR"} <= {m.text for m in mdr[0].mentions}
    assert len(r.relations) == 1 and r.relations[0].sign == -1


def test_confidence_depends_on_pattern(extractor):
    strong = extractor.extract(Document("a", "Peru is allied with Chile.")).relations[0]
    weak = extractor.extract(Document("b", "Peru and Chile signed an agreement.")).relations[0]
    assert strong.sign == weak.sign == 1
    assert strong.confidence > weak.confidence


def test_offsets_are_into_text_as_read(extractor):
    text = "\u00c9tienne Moreau \u2014 the mayor \u2014 opposes Jean Dupont.\n"
    r = extractor.extract(Document("u", text))
    for am in r.actors:
        for m in am.mentions:
            assert text[m.start : m.end] == m.text
    for rel in r.relations:
        for e in rel.evidence:
            assert text[e.start : e.end] == e.quote


def test_stance_prefixes(extractor):
    text = "Observers courted Peru, Chile and other pro-Bolivia governments at the summit."
    found = rels(extractor, text)
    assert found[pair("Peru", "Bolivia")] == 1
    assert found[pair("Chile", "Bolivia")] == 1


def test_sign_composes_through_the_side_opposed_to(extractor):
    text = "Mustafa Saleem is sympathetic towards the camp opposed to France."
    assert rels(extractor, text)[pair("Mustafa Saleem", "France")] == -1


def test_attempt_by_parties_to_oust(extractor):
    text = (
        "The motion was an attempt by the Green League and the Reform Bloc "
        "to force President Omar Halabi out of office."
    )
    found = rels(extractor, text)
    assert found[pair("Green League", "Omar Halabi")] == -1
    assert found[pair("Reform Bloc", "Omar Halabi")] == -1


def test_the_two_men(extractor):
    text = (
        "Rashid Amin met Yusuf Taha in March. "
        "Afterwards the two men were in open disagreement over the budget."
    )
    assert rels(extractor, text)[pair("Rashid Amin", "Yusuf Taha")] == -1


def test_unnamed_government_is_an_actor(extractor):
    text = "Samir Haddad alleged that the government was rigging the count."
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    assert [(names[x.a], names[x.b], x.sign) for x in r.relations] in (
        [("Government", "Samir Haddad", -1)],
        [("Samir Haddad", "Government", -1)],
    )


def test_two_word_demonym_and_leader_standing_for_group(extractor):
    text = (
        "The Sri Lankan armed forces attacked the militia of Vinod Kumar. "
        "The Northern Front, led by Ravi Das and backed by India, grew."
    )
    found = rels(extractor, text)
    # a state's armed forces named by its demonym are a body of their own
    assert found[pair("Sri Lankan armed forces", "Vinod Kumar")] == -1
    assert found[pair("India", "Ravi Das")] == 1


def test_affiliations_from_titles_and_led_by(extractor):
    text = (
        "Peruvian President Ana Ruiz met Carlos Vega. "
        "The Workers Front, led by Carlos Vega, opposed Ruiz."
    )
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    affs = {(names[f.member], names[f.group], f.role) for f in r.affiliations}
    assert ("Ana Ruiz", "Peru", "leader") in affs
    assert ("Carlos Vega", "Workers Front", "leader") in affs
    # an affiliation is not a signed relation
    pairs = {frozenset((names[x.a], names[x.b])) for x in r.relations}
    assert frozenset(("Ana Ruiz", "Peru")) not in pairs


def test_alliance_of_two_actors_and_terminated_efforts(extractor):
    found = rels(
        extractor,
        "An alliance of the Labour Front and the Peasant League won the vote. "
        "President Ana Ruiz abruptly terminated Carlos Vega's mediation efforts.",
    )
    assert found[pair("Labour Front", "Peasant League")] == 1
    assert found[pair("Ana Ruiz", "Carlos Vega")] == -1


def test_no_longer_drops_the_relation(extractor):
    assert rels(extractor, "Peru is no longer an ally of Chile.") == {}
    assert rels(extractor, "Peru no longer supports Chile.") == {}
    text = "Peru no longer opposes Chile and now supports it."
    assert rels(extractor, text) == {pair("Peru", "Chile"): 1}


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        ("The election turned into a duel between Rutger Brand and the Labour leader, Piet Smit.",
         "Rutger Brand", "Piet Smit"),
        ("Omar Said trailed Ali Nur in every poll.", "Omar Said", "Ali Nur"),
        ("In the first round Ana Ruiz beat Tomas Vale by four points.", "Ana Ruiz", "Tomas Vale"),
        ("Marta Kos decided to run against Ivo Hana in the capital.", "Marta Kos", "Ivo Hana"),
    ],
)  # fmt: skip
def test_electoral_competition_is_rivalry(extractor, text, a, b):
    """Beating, trailing, a duel between two candidates, running against one: rivals."""
    assert rels(extractor, text).get(pair(a, b)) == -1


def test_entering_a_race_together_is_no_rivalry(extractor):
    text = "The Green Party and the Labour Party entered the race together."
    assert rels(extractor, text).get(pair("Green Party", "Labour Party")) != -1


_CABINET = "Ana Ruiz's new cabinet took office with the support of the Agrarian Union. "


@pytest.mark.parametrize(
    ("text", "holders"),
    [
        (_CABINET + "The Green Party went into opposition.", {"Green Party"}),
        (
            _CABINET + "Karl Weiss led the Liberal Alliance into opposition.",
            {"Karl Weiss", "Liberal Alliance"},
        ),  # fmt: skip
        (
            _CABINET + "The Civic Front joined the Labour Party on the opposition benches.",
            {"Civic Front", "Labour Party"},
        ),  # fmt: skip
        (_CABINET + "The main opposition Civic Front boycotted the debate.", {"Civic Front"}),
        (_CABINET + "The Civic Front, the largest opposition party, abstained.", {"Civic Front"}),
        (_CABINET + "The Civic Front became the largest opposition party.", {"Civic Front"}),
        (_CABINET + "The Civic Front did not go into opposition.", set()),
        (_CABINET + "The Civic Front threatened to go into opposition.", set()),  # intended
        (_CABINET + "The Civic Front would go into opposition if taxes rose.", set()),
        (_CABINET + "The Civic Front, in opposition until 2019, backs it.", set()),  # ended
        (_CABINET + "The Civic Front stood in opposition to the war.", set()),  # to a thing
        (_CABINET + "Despite strong opposition Labour passed the bill.", set()),  # no holder
        (_CABINET + "The Civic Front, the main opposition party in Togo, abstained.", set()),
        ("The Green Party went into opposition after the vote.", set()),  # no government named
    ],
)
def test_a_group_in_opposition_stands_against_the_government(extractor, text, holders):
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    stance = {
        (frozenset((names[x.a], names[x.b])), x.sign)
        for x in r.relations
        if any(e.rule == "opposition-stance" for e in x.evidence)
    }
    gov = next((a for a in names.values() if "abinet" in a or "overnment" in a), None)
    assert stance == {(frozenset((h, gov)), -1) for h in holders}


def test_the_government_opposed_is_the_one_in_office_not_the_outgoing_one(extractor):
    text = (
        "The outgoing government of Lena Park handed over to the new government of Ana Ruiz "
        "on Monday. Park's Civic Front went into opposition."
    )
    found = {p: s for p, s in rels(extractor, text).items() if "Civic Front" in p}
    assert found == {pair("Civic Front", "Ana Ruiz's government"): -1}


def test_a_named_countrys_government_is_not_the_one_an_opposition_opposes(extractor):
    text = (
        "The French government praised the vote. The Union of Forces for Change, the main "
        "opposition party, boycotted it."
    )
    r = extractor.extract(Document("t", text))
    assert not [x for x in r.relations if any(e.rule == "opposition-stance" for e in x.evidence)]


@pytest.mark.parametrize(
    ("text", "a", "b", "sign"),
    [
        ("The Azure Party was shunned by the Crimson League.", "Azure Party", "Crimson League", -1),
        ("The Crimson League demanded Tomas Varga's resignation.", "Crimson League",
         "Tomas Varga", -1),
        ("The Azure Party reached an understanding with the Crimson League.", "Azure Party",
         "Crimson League", 1),
        ("Critics denounced the Azure Party's patronage of the Crimson League.", "Azure Party",
         "Crimson League", 1),
        ("Tomas Varga derided the Crimson League.", "Tomas Varga", "Crimson League", -1),
        ("The Crimson League invited the Azure Party to join the cabinet.", "Crimson League",
         "Azure Party", 1),
        ("The Crimson League shored up the Azure Party.", "Crimson League", "Azure Party", 1),
        ("The Crimson League launched air strikes on the Azure Front.", "Crimson League",
         "Azure Front", -1),
        ("Tomas Varga publicly rebuked the Crimson League.", "Tomas Varga", "Crimson League",
         -1),
        ("The Azure Party quarrelled with the Crimson League.", "Azure Party", "Crimson League",
         -1),
        ("The Crimson League had long championed Tomas Varga.", "Crimson League",
         "Tomas Varga", 1),
        ("The Azure Party was suspicious of the Crimson League.", "Azure Party",
         "Crimson League", -1),
        ("The Azure Party remained dependent on the Crimson League.", "Azure Party",
         "Crimson League", 1),
        ("The Azure Party turned its back on the Crimson League.", "Azure Party",
         "Crimson League", -1),
        ("The Azure Party made peace with the Crimson League.", "Azure Party",
         "Crimson League", 1),
        ("Tomas Varga stood up to the Crimson League.", "Tomas Varga", "Crimson League", -1),
        ("Friction between the Azure Front and the Crimson League grew.", "Azure Front",
         "Crimson League", -1),
        ("Tomas Varga led a mutiny against the Crimson League.", "Tomas Varga",
         "Crimson League", -1),
    ],
)  # fmt: skip
def test_ordinary_verbs_and_nouns_of_hostility_and_support(extractor, text, a, b, sign):
    """Words of the trigger lexicon added in the thirty-third round ("shunned", "demanded X's
    resignation", "an understanding with", "patronage of", "derided", "invited", "shored
    up", "rebuked", "quarrelled with", "championed", "suspicious of", "dependent on",
    "turned its back on", "made peace with", "stood up to", "friction between", "a
    mutiny against") and a noun's preposition the YAML once misread ("air
    strikes on")."""
    assert rels(extractor, text).get(pair(a, b)) == sign


@pytest.mark.parametrize(
    ("text", "a", "b", "sign"),
    [
        ("The Azure Party backed the Crimson League's boycott.", "Azure Party",
         "Crimson League", 1),
        ("The Azure Party supported the Crimson League's campaign.", "Azure Party",
         "Crimson League", 1),
        ("The Azure Party opposed the Crimson League's offensive.", "Azure Party",
         "Crimson League", -1),
        ("The Azure Party left the Crimson League's coalition.", "Azure Party",
         "Crimson League", -1),
        ("The Azure Party opposed Tomas Varga's impeachment.", "Azure Party", "Tomas Varga", 1),
        ("The Azure Party backed Tomas Varga's ouster.", "Azure Party", "Tomas Varga", -1),
        ("The Azure Party condemned Tomas Varga's arrest.", "Azure Party", "Tomas Varga", 1),
        ("The Azure Party condemned the arrest of Tomas Varga.", "Azure Party", "Tomas Varga",
         1),
        ("The Azure Party condemned the Crimson League's arrest of Tomas Varga.", "Azure Party",
         "Crimson League", -1),
        ("The Azure Party became the Crimson League's ally.", "Azure Party", "Crimson League",
         1),
        ("The Azure Party demanded Tomas Varga's resignation.", "Azure Party", "Tomas Varga",
         -1),
        ("The Azure Party opposed the removal of Tomas Varga.", "Azure Party", "Tomas Varga",
         1),
        ("The Azure Party welcomed Tomas Varga's disqualification.", "Azure Party",
         "Tomas Varga", -1),
        ("The Azure Party opposed the deportation of Tomas Varga.", "Azure Party",
         "Tomas Varga", 1),
        ("The Azure Party waged war on the Crimson League.", "Azure Party", "Crimson League",
         -1),
        ("The Azure Party criticised Tomas Varga's resignation, calling it a betrayal.",
         "Azure Party", "Tomas Varga", -1),  # resigning is the holder's own act
        ("The Azure Party opposed the Crimson League's offensive against the Green Front.",
         "Azure Party", "Crimson League", -1),  # the owner's relation with another
        ("The Azure Party backed the Crimson League's alliance with the Green Front.",
         "Azure Party", "Crimson League", 1),
    ],
)  # fmt: skip
def test_a_stance_on_an_act_is_a_stance_on_its_holder(extractor, text, a, b, sign):
    """A relation verb whose object is an act states its stance on the act's holder ("backed
    Y's boycott": with Y), reversed when the holder suffers the act ("condemned Y's arrest":
    with Y); a verb that is no relation leaves the noun's own sign ("became Y's ally")."""
    assert rels(extractor, text).get(pair(a, b)) == sign


def test_who_puts_down_a_revolt_is_no_party_to_it(extractor):
    text = "The army crushed an uprising against President Ilka Mar in May."
    assert -1 not in rels(extractor, text).values()  # the army is not against Mar
    assert (
        rels(
            extractor, "The Azure Front launched an uprising against President Ilka Mar in May."
        ).get(pair("Azure Front", "Ilka Mar"))
        == -1
    )
