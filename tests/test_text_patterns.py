"""Patterns added to the text extractor, each pinned on a sentence written for these tests."""

from __future__ import annotations

import pytest

from factions.text.documents import Document
from factions.text.pipeline import Extractor


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(extractor="rules")


def mention_texts(extractor: Extractor, text: str, name: str) -> set[str]:
    r = extractor.extract(Document("t", text))
    for am in r.actors:
        if am.actor.name == name:
            return {text[s:e] for s, e in ((m.start, m.end) for m in am.mentions)}
    raise AssertionError(f"no actor {name!r} in {[am.actor.name for am in r.actors]}")


def test_title_run_does_not_start_with_of(extractor):
    text = "The envoy met the staff of General Tomas Varga in the capital."
    names = mention_texts(extractor, text, "Tomas Varga")
    assert "General Tomas Varga" in names
    assert not any(n.lower().startswith("of ") for n in names)


def test_body_before_title_is_kept_as_a_mention(extractor):
    text = "Navy commander Pablo Ferreira resigned on Monday."
    names = mention_texts(extractor, text, "Pablo Ferreira")
    assert {"Navy commander Pablo Ferreira", "commander Pablo Ferreira"} <= names


def test_name_cut_after_and_is_joined(extractor):
    from spacy.tokens import Span

    from factions.text.mentions import _mention_for_entity

    doc = extractor.nlp("The Socialist Republic of Trinidad and Tobago held a vote.")
    cut = Span(doc, 1, 6, label="GPE")  # NER stopping after "and"
    assert cut.text == "Socialist Republic of Trinidad and"
    m = _mention_for_entity(doc, cut, extractor.lex)
    assert m is not None and m.text == "Socialist Republic of Trinidad and Tobago"


def affs(extractor: Extractor, text: str) -> set[tuple[str, str, str]]:
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    return {(names[f.member], names[f.group], f.role) for f in r.affiliations}


def test_person_of_party_is_a_member(extractor):
    text = "Karim Haddad of the Freedom Party spoke on Monday."
    assert affs(extractor, text) == {("Karim Haddad", "Freedom Party", "member")}


def test_person_of_state_is_not_a_member(extractor):
    text = "Karim Haddad of Jordan spoke on Monday."
    assert affs(extractor, text) == set()


def test_elected_leader_of_party(extractor):
    text = "Karim Haddad was elected leader of the Freedom Party."
    assert affs(extractor, text) == {("Karim Haddad", "Freedom Party", "leader")}


def test_joining_a_party_makes_a_member(extractor):
    text = "Karim Haddad left the Freedom Party in 1990 and joined the National Front."
    assert affs(extractor, text) == {("Karim Haddad", "National Front", "member")}


def test_not_joining_a_party_is_no_membership(extractor):
    text = "Karim Haddad did not join the National Front."
    assert affs(extractor, text) == set()


def relations(extractor: Extractor, text: str) -> list[tuple[frozenset[str], int, str]]:
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    return [(frozenset((names[x.a], names[x.b])), x.sign, x.evidence[0].quote) for x in r.relations]


def test_reciprocal_object_makes_coordinated_subjects_enemies(extractor):
    text = "The Freedom Party and the National Front fought each other for years."
    assert relations(extractor, text) == [
        (
            frozenset(("Freedom Party", "National Front")),
            -1,
            "Party and the National Front fought",
        )
    ]


def test_reciprocal_one_another(extractor):
    text = "The Freedom Party and Omar Farouk attacked one another in the press."
    [(p, sign, _)] = relations(extractor, text)
    assert p == frozenset(("Freedom Party", "Omar Farouk")) and sign == -1


def test_coordinated_subjects_fighting_are_not_enemies_of_each_other(extractor):
    text = "The Freedom Party and the National Front fought for years."
    assert relations(extractor, text) == []


def test_adjective_object_is_not_its_own_holder(extractor):
    # the holder NP has no actor of its own: no pair is made out of the objects alone
    text = "Voters backed two parties hostile to Karim Haddad and his Unity League party."
    rels = relations(extractor, text)
    assert (frozenset(("Karim Haddad", "Unity League")), -1) not in {(p, s) for p, s, _ in rels}


def test_person_and_his_party_are_affiliated_not_related(extractor):
    """The rule still reads them together (a feature for the model), but a member and its
    group are an affiliation, never a relation (ANNOTATION.md)."""
    text = "Omar Farouk and his Unity League party lost the vote."
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    assert relations(extractor, text) == []
    assert [(names[f.member], names[f.group]) for f in r.affiliations] == [
        ("Omar Farouk", "Unity League")
    ]


def test_a_relation_between_a_member_and_its_group_is_dropped(extractor):
    text = (
        "Omar Farouk, the leader of the Unity League, praised the Unity League for its "
        "discipline. Karim Haddad praised the Unity League too."
    )
    pairs_ = {p for p, _, _ in relations(extractor, text)}
    assert frozenset(("Omar Farouk", "Unity League")) not in pairs_
    assert frozenset(("Karim Haddad", "Unity League")) in pairs_


def test_and_his_rival_stays_a_rivalry(extractor):
    text = "Karim Haddad and his rival Omar Farouk met on Monday."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Karim Haddad", "Omar Farouk")), -1)
    ]


def test_subordinate_they_is_the_coordinated_agents(extractor):
    text = (
        "The Freedom Party was formed by Jordan and Egypt after they grew dissatisfied with Syria."
    )
    rels = relations(extractor, text)
    assert (frozenset(("Jordan", "Syria")), -1, "they grew dissatisfied with Syria") in rels
    assert (frozenset(("Egypt", "Syria")), -1, "they grew dissatisfied with Syria") in rels
    assert not any(p == frozenset(("Jordan", "Egypt")) for p, _, _ in rels)


def test_they_with_a_single_antecedent_is_left_alone(extractor):
    text = "Jordan signed the treaty after they grew dissatisfied with Syria."
    assert relations(extractor, text) == []


def test_person_name_started_late_takes_its_first_name(extractor):
    from spacy.tokens import Span

    from factions.text.mentions import _mention_for_entity

    doc = extractor.nlp("The deal was mediated by Special Envoy Tamas Oyelaran-Biko.")
    i = next(t.i for t in doc if t.text == "Oyelaran")
    late = Span(doc, i, len(doc) - 1, label="PERSON")  # NER missing "Tamas"
    doc.ents = [late]
    m = _mention_for_entity(doc, late, extractor.lex)
    assert m is not None and m.text == "Tamas Oyelaran-Biko"
    assert m.title == "special envoy"


def test_belligerents_named_by_copula_are_enemies(extractor):
    text = "The main belligerents were the Unity League and the Freedom Movement."
    assert relations(extractor, text) == [
        (
            frozenset(("Unity League", "Freedom Movement")),
            -1,
            "belligerents were the Unity League and the Freedom Movement",
        )
    ]


def test_war_was_between(extractor):
    text = "The war was between the Unity League and the Freedom Movement."
    assert relations(extractor, text) == [
        (
            frozenset(("Unity League", "Freedom Movement")),
            -1,
            "war was between the Unity League and the Freedom Movement",
        )
    ]


def test_acting_at_the_request_of(extractor):
    text = "Jordan launched air strikes at the request of President Omar Farouk."
    assert relations(extractor, text) == [
        (
            frozenset(("Jordan", "Omar Farouk")),
            1,
            "Jordan launched air strikes at the request of President Omar Farouk",
        )
    ]


def test_acting_in_response_to_a_request_from(extractor):
    text = "Jordan and Egypt sent troops in response to a request from Omar Farouk."
    pairs = {(p, s) for p, s, _ in relations(extractor, text)}
    assert pairs == {
        (frozenset(("Jordan", "Omar Farouk")), 1),
        (frozenset(("Egypt", "Omar Farouk")), 1),
    }


def test_not_acting_at_a_request_is_no_relation(extractor):
    text = "Jordan did not send troops at the request of Egypt."
    assert relations(extractor, text) == []


def test_group_was_headed_by_person(extractor):
    text = "The Unity League was headed by Omar Farouk."
    assert affs(extractor, text) == {("Omar Farouk", "Unity League", "leader")}


def test_took_over_as_leader_of(extractor):
    text = "Omar Farouk took over as leader of the Unity League."
    assert affs(extractor, text) == {("Omar Farouk", "Unity League", "leader")}


def test_no_support_is_no_relation(extractor):
    assert relations(extractor, "The Unity League received no support from Jordan.") == []
    assert relations(extractor, "Jordan gave the Unity League no help at all.") == []


def test_some_support_is_still_support(extractor):
    text = "The Unity League received some support from Jordan."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Unity League", "Jordan")), 1)
    ]


def test_demonym_with_troops_is_the_state(extractor):
    text = "Kenyan troops attacked the Freedom Movement."
    assert relations(extractor, text) == [
        (frozenset(("Kenya", "Freedom Movement")), -1, "troops attacked the Freedom Movement")
    ]


def test_captured_capital_is_a_place_not_the_state(extractor):
    text = "The Freedom Movement captured Nairobi after a long siege."
    r = extractor.extract(Document("t", text))
    assert r.relations == []
    assert "Kenya" not in {am.actor.name for am in r.actors}


def test_fronted_participle_describes_the_main_subject(extractor):
    text = "Backed by Jordan, the Freedom Movement attacked Syria."
    rels = relations(extractor, text)
    assert (
        frozenset(("Freedom Movement", "Jordan")),
        1,
        "Backed by Jordan, the Freedom Movement",
    ) in rels
    assert not any(p == frozenset(("Jordan", "Syria")) for p, _, _ in rels)


def test_relations_between_deteriorated(extractor):
    text = "Relations between Jordan and Syria have deteriorated."
    assert relations(extractor, text) == [
        (frozenset(("Jordan", "Syria")), -1, "Jordan and Syria have deteriorated")
    ]


def test_severed_ties_with(extractor):
    text = "Jordan severed ties with Syria."
    assert relations(extractor, text) == [
        (frozenset(("Jordan", "Syria")), -1, "Jordan severed ties with Syria")
    ]
    assert relations(extractor, "Jordan did not sever ties with Syria.") == []


def test_restored_relations_with(extractor):
    text = "Jordan restored diplomatic relations with Syria in 2005."
    assert relations(extractor, text) == [
        (frozenset(("Jordan", "Syria")), 1, "Jordan restored diplomatic relations with Syria")
    ]


def test_coordinated_subjects_broke_off_relations(extractor):
    text = "Jordan and Syria broke off relations."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Jordan", "Syria")), -1)
    ]


def test_sided_with_against_makes_a_common_enemy(extractor):
    text = "Jordan sided with Syria against the Freedom Movement."
    assert sorted(relations(extractor, text), key=lambda r: r[2]) == sorted(
        [
            (frozenset(("Jordan", "Syria")), 1, "Jordan sided with Syria"),
            (
                frozenset(("Jordan", "Freedom Movement")),
                -1,
                "Jordan sided with Syria against the Freedom Movement",
            ),
            (
                frozenset(("Syria", "Freedom Movement")),
                -1,
                "sided with Syria against the Freedom Movement",
            ),
        ],
        key=lambda r: r[2],
    )


def test_supported_against_opposes_the_third_party(extractor):
    text = "Jordan supported Syria against the Freedom Movement."
    pairs = {(p, s) for p, s, _ in relations(extractor, text)}
    assert (frozenset(("Jordan", "Freedom Movement")), 1) not in pairs
    assert (frozenset(("Jordan", "Freedom Movement")), -1) in pairs
    assert (frozenset(("Jordan", "Syria")), 1) in pairs


def test_ended_alliance_is_a_split_not_a_present_alliance(extractor):
    """Ending a tie is splitting from the other side (-1: every such phrase in the training
    annotations is -1: "ended the coalition", "withdrawing its support from", "froze its
    cooperation with", "suspended its partnership with"); ending a hostility states
    nothing."""
    text = "Jordan ended its alliance with the Freedom Movement."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Jordan", "Freedom Movement")), -1)
    ]
    assert relations(extractor, "Jordan ended the war with Syria in 1990.") == []
    text = "Jordan renewed its alliance with Syria."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Jordan", "Syria")), 1)
    ]


def test_spokesman_for_group_is_a_member(extractor):
    text = "Omar Farouk, a spokesman for the Freedom Movement, spoke."
    assert affs(extractor, text) == {("Omar Farouk", "Freedom Movement", "member")}


def test_groups_possessive_person_is_a_member(extractor):
    assert affs(extractor, "The Freedom Movement's Omar Farouk spoke.") == {
        ("Omar Farouk", "Freedom Movement", "member")
    }
    # a state's possessive ties its person to it too, as our annotators read it
    assert affs(extractor, "Jordan's Omar Farouk spoke.") == {("Omar Farouk", "Jordan", "member")}
    assert affs(extractor, "Omar Farouk spoke of Jordan's future.") == set()


def test_coordinated_owners_of_one_proxy_head(extractor):
    text = (
        "The mutiny caused a souring of the relationship between Omar Farouk and his Kenyan"
        " and Ugandan allies."
    )
    rels = {(p, s) for p, s, _ in relations(extractor, text)}
    assert (frozenset(("Omar Farouk", "Kenya")), -1) in rels
    assert (frozenset(("Omar Farouk", "Uganda")), -1) in rels
    assert (frozenset(("Kenya", "Uganda")), -1) not in rels


def test_the_two_men_still_pair_up(extractor):
    text = (
        "Omar Farouk met Karim Haddad in Geneva. The two men were in disagreement over the budget."
    )
    rels = {(p, s) for p, s, _ in relations(extractor, text)}
    assert (frozenset(("Omar Farouk", "Karim Haddad")), -1) in rels


def test_appositive_group_noun_is_its_head_actor(extractor):
    text = (
        "The Freedom Movement, a Kenyan-based Somali group under Omar Farouk that was aligned"
        " with the Unity League, fought for autonomy."
    )
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Freedom Movement", "Unity League")), 1)
    ]
    assert affs(extractor, text) == {("Omar Farouk", "Freedom Movement", "leader")}


@pytest.mark.parametrize(
    ("text", "pair", "sign", "quote"),
    [
        (
            "Heavy fighting between Jordan and the Freedom Movement continued.",
            ("Jordan", "Freedom Movement"),
            -1,
            "fighting between Jordan and the Freedom Movement",
        ),
        (
            "An attack on Jordan by the Freedom Movement killed ten.",
            ("Jordan", "Freedom Movement"),
            -1,
            "attack on Jordan by the Freedom Movement",
        ),
        (
            "Clashes erupted between Jordan and the Freedom Movement.",
            ("Jordan", "Freedom Movement"),
            -1,
            "Clashes erupted between Jordan and the Freedom Movement",
        ),
        (
            "Jordan called for the removal of Omar Farouk.",
            ("Jordan", "Omar Farouk"),
            -1,
            "Jordan called for the removal of Omar Farouk",
        ),
    ],
)
def test_hostile_nouns(extractor, text, pair, sign, quote):
    assert relations(extractor, text) == [(frozenset(pair), sign, quote)]


def test_second_passive_conjunct_shares_the_subject(extractor):
    text = "The Freedom Movement is backed by Jordan and opposed by Syria."
    assert {(p, s) for p, s, _ in relations(extractor, text)} == {
        (frozenset(("Freedom Movement", "Jordan")), 1),
        (frozenset(("Freedom Movement", "Syria")), -1),
    }


def test_demanding_that_someone_resign(extractor):
    assert relations(extractor, "Jordan demanded that Omar Farouk resign.") == [
        (frozenset(("Jordan", "Omar Farouk")), -1, "Jordan demanded that Omar Farouk")
    ]
    text = "The Freedom Movement urged Omar Farouk to step down."
    assert [(p, s) for p, s, _ in relations(extractor, text)] == [
        (frozenset(("Freedom Movement", "Omar Farouk")), -1)
    ]
    text = "The Freedom Movement did not demand that Omar Farouk resign."
    assert relations(extractor, text) == []


def pairs(extractor: Extractor, text: str) -> set[tuple[frozenset[str], int]]:
    return {(p, s) for p, s, _ in relations(extractor, text)}


def test_between_sides_split_by_the_parser_are_opposed_across_not_within(extractor):
    text = (
        "The war was fought between the Northern Army on the one side, and the Southern "
        "Front and the Coastal Militia on the other side."
    )
    assert pairs(extractor, text) == {
        (frozenset(("Northern Army", "Southern Front")), -1),
        (frozenset(("Northern Army", "Coastal Militia")), -1),
    }


def test_complete_between_pair_does_not_take_a_later_conjunct(extractor):
    text = (
        "The dispute raised tensions between Peru and Chile, as well as the movement of "
        "Bolivian troops to the border."
    )
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), -1)}


def test_respectively_pairs_agents_and_patients_in_order(extractor):
    text = (
        "The Unity League and the Freedom Movement were armed and funded by Peru and "
        "Chile, respectively."
    )
    assert pairs(extractor, text) == {
        (frozenset(("Unity League", "Peru")), 1),
        (frozenset(("Freedom Movement", "Chile")), 1),
    }
    # without "respectively" every agent backs every patient
    text = "The Unity League and the Freedom Movement were armed and funded by Peru and Chile."
    assert len(pairs(extractor, text)) == 4


def test_plural_appositive_describes_every_conjunct(extractor):
    text = "The Unity League and the Freedom Movement, groups armed by Peru, took the town."
    assert pairs(extractor, text) == {
        (frozenset(("Unity League", "Peru")), 1),
        (frozenset(("Freedom Movement", "Peru")), 1),
    }
    # a singular appositive describes one conjunct only
    text = "The Unity League, the Freedom Movement and the Red Guard, a group armed by Peru, left."
    assert len(pairs(extractor, text)) <= 1


def test_singular_alliance_made_up_of_members(extractor):
    text = "Karim Haddad praised the coalition made up of the National Front and the Unity League."
    assert (frozenset(("National Front", "Unity League")), 1) in pairs(extractor, text)
    # "a coalition like X and Y" gives examples, not members
    text = "Karim Haddad praised a coalition like the National Front and the Unity League."
    assert (frozenset(("National Front", "Unity League")), 1) not in pairs(extractor, text)


def test_with_support_from_goes_to_the_holder(extractor):
    text = "The Freedom Party won the 1998 election with heavy support from Peru and Chile."
    assert pairs(extractor, text) == {
        (frozenset(("Freedom Party", "Peru")), 1),
        (frozenset(("Freedom Party", "Chile")), 1),
    }
    text = "The victory by the Freedom Party in the civil war came with heavy support from Peru."
    assert pairs(extractor, text) == {(frozenset(("Freedom Party", "Peru")), 1)}
    text = "The Freedom Party won the election with no support from Peru."
    assert pairs(extractor, text) == set()


def test_struggle_over_an_issue_between_two_actors(extractor):
    text = (
        "A long political struggle over the presidency between the Freedom Front and the "
        "National Union created a stalemate."
    )
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "National Union")), -1)}


def test_support_through_a_go_between(extractor):
    text = "Peru provided covert support for Bolivia through Chile."
    assert pairs(extractor, text) == {
        (frozenset(("Peru", "Bolivia")), 1),
        (frozenset(("Peru", "Chile")), 1),
        (frozenset(("Bolivia", "Chile")), 1),
    }
    text = "Peru supported Bolivia through the war."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Bolivia")), 1)}


def test_army_of_a_place_is_not_the_place(extractor):
    text = "The Liberation Army of Northern Kordia attacked the town. Northern Kordia denied it."
    r = extractor.extract(Document("t", text))
    assert {am.actor.name for am in r.actors} == {
        "Liberation Army of Northern Kordia",
        "Northern Kordia",
    }


def test_shared_surname_with_other_first_name_is_another_person(extractor):
    text = "President Maria Lopez met General Carlos Diaz Lopez in Lima on Monday."
    r = extractor.extract(Document("t", text))
    assert {am.actor.name for am in r.actors} == {"Maria Lopez", "Carlos Diaz Lopez"}


def test_person_name_cut_in_two_by_ner_is_joined(extractor):
    from spacy.tokens import Span

    from factions.text.mentions import find_mentions

    text = "The court restored President Abu Karim Omar Saleh."
    r = extractor.extract(Document("t", text))
    assert [am.actor.name for am in r.actors] == ["Abu Karim Omar Saleh"]
    doc = extractor.nlp(text)
    doc.ents = [Span(doc, 4, 6, label="PERSON"), Span(doc, 6, 8, label="PERSON")]
    persons = [m for m in find_mentions(doc, extractor.lex) if m.label == "PERSON"]
    assert [(m.text, m.title) for m in persons] == [("Abu Karim Omar Saleh", "president")]
    doc.ents = [Span(doc, 4, 6, label="PERSON"), Span(doc, 6, 7, label="ORG")]
    assert "Abu Karim Omar Saleh" not in {m.text for m in find_mentions(doc, extractor.lex)}


def test_president_of_a_state_leads_it(extractor):
    assert affs(extractor, "Karim Haddad, the president of Chile, met the envoy.") == {
        ("Karim Haddad", "Chile", "leader")
    }
    text = "The vote restored Chile's internationally recognized President Karim Haddad."
    assert affs(extractor, text) == {("Karim Haddad", "Chile", "leader")}
    assert affs(extractor, "Karim Haddad of Chile met the envoy.") == set()


def test_capitalised_commander_of_an_army(extractor):
    text = "The envoy contacted General Tomas Varga, the Commander of the Ruritanian National Army."
    assert affs(extractor, text) == {("Tomas Varga", "Ruritanian National Army", "leader")}


def test_trigger_noun_owned_through_a_by_participle(extractor):
    text = "The offensive launched by the Freedom Front against the Unity League failed."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Unity League")), -1)}
    text = "The support provided by Peru to the Freedom Front was decisive."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Freedom Front")), 1)}
    # a mediator is no party to the agreement it mediated
    text = "The Freedom Front and the Unity League signed an agreement mediated by Peru."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Unity League")), 1)}


def test_collectively_known_as_makes_members_and_allies(extractor):
    text = (
        "The Freedom Front and the Red Guard, collectively known as the National "
        "Resistance, attacked the capital."
    )
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Red Guard")), 1)}
    assert affs(extractor, text) == {
        ("Freedom Front", "National Resistance", "member"),
        ("Red Guard", "National Resistance", "member"),
    }
    # a plain alias ("known as") names one actor, not a collective
    text = "The Freedom Front and the Red Guard, known as the National Resistance, attacked."
    assert affs(extractor, text) == set()


def test_group_choosing_its_own_officer_is_an_affiliation(extractor):
    text = "On 1 September, the Freedom Party elected Karim Haddad as its presidential candidate."
    assert affs(extractor, text) == {("Karim Haddad", "Freedom Party", "member")}
    assert relations(extractor, text) == []
    text = "The Freedom Party elected Karim Haddad as its leader in 1990."
    assert affs(extractor, text) == {("Karim Haddad", "Freedom Party", "leader")}
    # another body's office stays a relation of support
    text = "The Freedom Party elected Karim Haddad as president of the council."
    assert pairs(extractor, text) == {(frozenset(("Freedom Party", "Karim Haddad")), 1)}


def test_light_verb_carries_the_other_party_of_its_object_noun(extractor):
    text = "The Freedom Front expressed solidarity with the Unity League."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Unity League")), 1)}
    # a verb that is no light verb keeps its own prepositional object
    text = "The Freedom Front discussed solidarity with the Unity League."
    assert pairs(extractor, text) == set()


def test_crackdown_on_by(extractor):
    text = "The crackdown on the Unity League by the Freedom Front continued."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Unity League")), -1)}


def test_those_of_stands_for_one_party(extractor):
    text = (
        "The main belligerents were the forces of the Unity League and those of the "
        "Freedom Front and the Red Guard."
    )
    assert pairs(extractor, text) == {
        (frozenset(("Unity League", "Freedom Front")), -1),
        (frozenset(("Unity League", "Red Guard")), -1),
    }  # the Freedom Front and the Red Guard are one side, not enemies
    text = "The troops of Peru and those of Chile clashed at the border."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), -1)}


def test_one_of_other_members_is_a_member(extractor):
    text = (
        "The raid killed twenty militants, including Omar Farouk and sixteen other members "
        "of the Freedom Front."
    )
    assert affs(extractor, text) == {("Omar Farouk", "Freedom Front", "member")}
    text = "The raid killed Omar Farouk and sixteen members of the Freedom Front."
    assert affs(extractor, text) == set()


def test_act_noun_by_agent_with_infinitive(extractor):
    text = (
        "This move by Omar Farouk, to break away from the Freedom Front and renounce "
        "terrorism has been claimed to be one of the major turning points."
    )
    assert pairs(extractor, text) == {(frozenset(("Omar Farouk", "Freedom Front")), -1)}


def test_person_name_with_lowercase_particle_is_kept_whole(extractor):
    from factions.text.mentions import _particle_surname

    lex = extractor.lex
    doc = extractor.nlp("The talks were led by Antonio Silva da Costa in May.")
    assert [t.text for t in doc[5:9]] == ["Antonio", "Silva", "da", "Costa"]
    assert _particle_surname(doc, 5, 7, lex) == 9  # NER stopping at "da" is carried on
    assert _particle_surname(doc, 5, 9, lex) == 9
    doc = extractor.nlp("Karim Haddad de facto ruled the north.")
    assert _particle_surname(doc, 0, 2, lex) == 2  # "de facto" is no surname


def test_hyphenated_given_name_is_kept_whole(extractor):
    from factions.text.mentions import _hyphenated_given_name

    doc = extractor.nlp("In 2001 Jean-Marie Tshombe was installed as President of Chile.")
    assert _hyphenated_given_name(doc, 4, 6) == 2
    doc = extractor.nlp("The Peru - Chile talks were held in Lima.")
    assert _hyphenated_given_name(doc, 3, 4) == 3  # spaced dash: two names


@pytest.mark.parametrize(
    ("text", "pair", "sign"),
    [
        ("The Freedom Front joined forces with the Unity League in 2003.", None, 1),
        ("The Freedom Front teamed up with the Unity League.", None, 1),
        ("The Freedom Front fell out with the Unity League in 2004.", None, -1),
        ("The Freedom Front exchanged fire with the Unity League.", None, -1),
        ("The Freedom Front and the Unity League exchanged fire near the border.", None, -1),
        ("The Freedom Front rallied behind the Unity League.", None, 1),
        ("The Freedom Front rallied against the Unity League.", None, -1),
        ("The Freedom Front is at odds with the Unity League over the budget.", None, -1),
        ("The Freedom Front agreed with the Unity League on a ceasefire.", None, 1),
        ("Peru has been at war with Chile since 1879.", ("Peru", "Chile"), -1),
    ],
)
def test_multi_word_verbs_and_idioms(extractor, text, pair, sign):
    pair = pair or ("Freedom Front", "Unity League")
    assert pairs(extractor, text) == {(frozenset(pair), sign)}


def test_idiom_needs_its_particle_or_object(extractor):
    assert pairs(extractor, "The Freedom Front exchanged letters with the Unity League.") == set()
    text = "The Freedom Front fell behind the Unity League in the polls."
    assert pairs(extractor, text) == set()


def test_in_alliance_with_does_not_take_the_verbs_of_object(extractor):
    text = (
        "The Freedom Front consisted largely of former members of the Red Guard in alliance "
        "with other groups."
    )
    assert (frozenset(("Freedom Front", "Red Guard")), 1) not in pairs(extractor, text)


def test_fighting_alongside(extractor):
    text = "The Freedom Front fought alongside the Unity League against the Red Guard."
    assert pairs(extractor, text) == {
        (frozenset(("Freedom Front", "Unity League")), 1),
        (frozenset(("Freedom Front", "Red Guard")), -1),
        (frozenset(("Unity League", "Red Guard")), -1),
    }


def test_demonstrative_group_description_reaches_three_sentences_back(extractor):
    lead = "The National Salvation Front was set up in Lima. The flag is red. Rallies are held. "
    text = lead + "This alliance was founded in 2001 to support Omar Farouk."
    assert pairs(extractor, text) == {(frozenset(("National Salvation Front", "Omar Farouk")), 1)}
    text = lead + "The alliance was founded in 2001 to support Omar Farouk."
    assert pairs(extractor, text) == set()


def test_former_and_also_known_names_are_one_actor(extractor):
    text = (
        "The National Salvation Front (NSF), formerly the Patriotic Union of Workers, "
        "opposed Omar Farouk."
    )
    r = extractor.extract(Document("t", text))
    assert [am.actor.name for am in r.actors if am.actor.name != "Omar Farouk"] == [
        "National Salvation Front"
    ]
    text = "The Red Guard, also known as the People's Defence Brigades, attacked the Freedom Front."
    assert pairs(extractor, text) == {(frozenset(("Red Guard", "Freedom Front")), -1)}
    text = "The Red Guard attacked the Freedom Front, formerly an ally."
    assert pairs(extractor, text) == {(frozenset(("Red Guard", "Freedom Front")), -1)}


def test_all_parties_are_the_actors_last_listed_between(extractor):
    text = (
        "The crisis was a stand-off between Peru, Chile and Bolivia. It ended with a public "
        "reconciliation between all parties."
    )
    assert pairs(extractor, text) == {
        (frozenset(("Peru", "Chile")), 1),
        (frozenset(("Peru", "Bolivia")), 1),
        (frozenset(("Chile", "Bolivia")), 1),
    }
    # "both sides" needs exactly two listed actors
    text = "The crisis was a stand-off between Peru, Chile and Bolivia. Both sides signed a truce."
    assert pairs(extractor, text) == set()


def test_ending_with_an_agreement_does_not_cancel_it(extractor):
    text = "The war between Peru and Chile ended with a treaty between the two sides."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), 1)}
    text = "Peru ended its alliance with Chile."  # a split (see below), not a treaty
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), -1)}


def test_led_coalition_is_an_actor_led_by_its_namesake(extractor):
    text = "Peru sent jets. The Peru-led coalition later attacked the Freedom Front."
    r = extractor.extract(Document("t", text))
    assert {am.actor.name for am in r.actors} == {"Peru", "Peru-led coalition", "Freedom Front"}
    assert pairs(extractor, text) == {(frozenset(("Peru-led coalition", "Freedom Front")), -1)}
    assert affs(extractor, text) == {("Peru", "Peru-led coalition", "leader")}
    # a led group that is no group head ("Peru-led talks") is no actor
    text = "Peru-led talks between the Freedom Front and the Red Guard failed."
    r = extractor.extract(Document("t", text))
    assert not any("led" in am.actor.name for am in r.actors)


def test_group_joining_a_coalition_is_a_member(extractor):
    text = "In 2004 the Freedom Party joined the National Alliance."
    assert affs(extractor, text) == {("Freedom Party", "National Alliance", "member")}
    # a party is no member of another party it joins forces with
    text = "In 2004 the Freedom Party joined the Unity League."
    assert affs(extractor, text) == set()


def test_wing_of_a_group_and_group_member_of_a_coalition(extractor):
    text = "The Red Brigades, the armed wing of the Freedom Party, attacked the capital."
    assert affs(extractor, text) == {("Red Brigades", "Freedom Party", "member")}
    text = "The Freedom Party, a member of the National Alliance, won the vote."
    assert affs(extractor, text) == {("Freedom Party", "National Alliance", "member")}
    # a party is no member of another party, a wing of a state no member of it
    assert affs(extractor, "The Freedom Party, a member of the Unity League, won.") == set()
    assert affs(extractor, "The Red Brigades, the armed wing of Peru, attacked.") == set()


def test_whose_forces_stand_for_the_antecedent(extractor):
    text = "The Freedom Front, whose fighters attacked the Red Guard last year, denied it."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Red Guard")), -1)}


def test_coordinated_subjects_of_allied(extractor):
    assert pairs(extractor, "Peru and Chile are closely allied.") == {
        (frozenset(("Peru", "Chile")), 1)
    }
    text = "The Freedom Front and the Red Guard, which are allied, denied the charge."
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Red Guard")), 1)}
    # singular "which is" refers to the last conjunct only
    text = "The Freedom Front and the Red Guard, which is allied with Peru, denied the charge."
    assert pairs(extractor, text) == {(frozenset(("Red Guard", "Peru")), 1)}
    # a one-sided passive does not pair its co-subjects
    assert pairs(extractor, "The Freedom Front and the Red Guard were supported.") == set()


@pytest.mark.parametrize(
    ("text", "pair", "sign"),
    [
        ("The Freedom Front laid siege to the Red Guard's stronghold.", None, -1),
        ("The Freedom Front seized power from the Red Guard in a coup.", None, -1),
        ("Peru expelled Chile's ambassador.", ("Peru", "Chile"), -1),
        ("Peru recognized the Freedom Front as the legitimate government.", None, 1),
    ],
)
def test_more_verb_phrases(extractor, text, pair, sign):
    pair = pair or (
        ("Freedom Front", "Red Guard") if "Red Guard" in text else ("Peru", "Freedom Front")
    )
    assert pairs(extractor, text) == {(frozenset(pair), sign)}


def test_withdrawn_support_is_a_split_not_support(extractor):
    """Withdrawn support is the guideline's "splitting from": the training annotations mark
    "withdrew its support from the government", "suspended its partnership with Tanzania"
    and "froze its cooperation with NATO" -1."""
    text = "Peru withdrew its support for the Freedom Front in 2010."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Freedom Front")), -1)}
    text = "Peru suspended its cooperation with Chile."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), -1)}
    # losing a war is still a war
    assert pairs(extractor, "Peru lost the war against Chile.") == {
        (frozenset(("Peru", "Chile")), -1)
    }


@pytest.mark.parametrize(
    "text",
    [
        "The alliance between the Azure Party and the Crimson League collapsed in March.",
        "The Azure Party's coalition with the Crimson League broke up last year.",
        "The pact between the Azure Party and the Crimson League fell apart within weeks.",
        "The accord between the Azure Party and the Crimson League was terminated in 2019.",
    ],
)
def test_a_tie_that_lapses_splits_its_sides(extractor, text):
    """A tie that collapses, breaks up or is terminated splits its sides (the guideline's
    "splitting from"): the training annotations mark "the relationship between the sect and
    the governor had collapsed", "talks between X and Y ... collapsed" and "the pact
    collapsed" -1."""
    assert pairs(extractor, text) == {(frozenset(("Azure Party", "Crimson League")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "The alliance between the Azure Party and the Crimson League could collapse soon.",
        "The alliance between the Azure Party and the Crimson League did not collapse.",
        "The alliance between the Azure Party and the Crimson League held firm.",
        "The alliance between the Azure Party and the Crimson League nearly collapsed.",
        "The accord between the Azure Party and the Crimson League was left intact.",
        # the verb ends something else; the noun is an actor, not a tie
        "The alliance between the Azure Party and the Crimson League ended its boycott.",
        "The Azure Party's ally, the Crimson League, collapsed in the 2020 election.",
    ],
)
def test_a_tie_that_has_not_lapsed_stands(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Azure Party", "Crimson League")), 1)}


def test_predicate_adjective_of_relations(extractor):
    text = "Relations between Peru and Chile have been tense since 2001."
    assert pairs(extractor, text) == {(frozenset(("Peru", "Chile")), -1)}
    assert pairs(extractor, "Relations between Peru and Chile remain close.") == {
        (frozenset(("Peru", "Chile")), 1)
    }
    assert pairs(extractor, "Relations between Peru and Chile are not close.") == set()


def test_condemning_an_act_accuses_its_author_not_the_condemner(extractor):
    text = "Peru condemned the Freedom Front's attack on the Red Guard."
    assert pairs(extractor, text) == {
        (frozenset(("Peru", "Freedom Front")), -1),
        (frozenset(("Freedom Front", "Red Guard")), -1),
    }
    # the one who condemns an attack did not make it
    assert pairs(extractor, "Peru condemned the attack on the Freedom Front.") == set()
    assert pairs(extractor, "Peru launched an attack on the Freedom Front.") == {
        (frozenset(("Peru", "Freedom Front")), -1)
    }


def test_whose_leader_is_the_antecedents_leader(extractor):
    text = (
        "The Freedom Party courted the Farmers' Party, whose leader, Jorge Silva, agreed to "
        "join the cabinet."
    )
    assert ("Jorge Silva", "Farmers' Party", "leader") in affs(extractor, text)
    assert ("Jorge Silva", "Freedom Party", "leader") not in affs(extractor, text)


def test_capital_that_ner_missed_or_took_for_a_person_is_the_state(extractor):
    from factions.text.mentions import find_mentions

    for text in (
        "Kyiv accused Moscow of sending troops.",
        "Kiev accused Moscow of sending troops.",
    ):
        doc = extractor.nlp(text)
        assert [(m.text, m.key) for m in find_mentions(doc, extractor.lex)][:2] == [
            (text.split()[0], "Ukraine"),
            ("Moscow", "Russia"),
        ]


def test_sanctions_from_and_lifted_sanctions(extractor):
    assert pairs(extractor, "Russia faced sanctions from the European Union.") == {
        (frozenset(("Russia", "European Union")), -1)
    }
    assert pairs(extractor, "The European Union lifted sanctions on Russia.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "In May the Freedom Front captured Kisangani from the Red Guard.",
        "The Freedom Front seized the town from the Red Guard.",
        "The conflict pitted the Freedom Front against the Red Guard.",
    ],
)
def test_taking_ground_from_and_pitting_against(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Freedom Front", "Red Guard")), -1)}


def test_generic_actor_does_not_take_a_participle_before_it(extractor):
    text = "The Freedom Party boycotted parliament in May."
    names = mention_texts(extractor, text, "parliament")
    assert not any("boycotted" in n for n in names)
    assert "the ruling junta" in {
        n.lower()
        for n in mention_texts(extractor, "The ruling junta arrested Omar Farouk.", "ruling junta")
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Omar Farouk, a senior figure in the Freedom Front, spoke.", "member"),
        ("Omar Farouk, secretary-general of the Freedom Front, spoke.", "leader"),
        ("Omar Farouk, the Freedom Front's candidate, won.", "member"),
        ("Under Omar Farouk, the Freedom Front grew rapidly.", "leader"),
        ("Under the leadership of Omar Farouk, the Freedom Front won the vote.", "leader"),
    ],
)
def test_more_affiliation_nouns_and_fronted_under(extractor, text, role):
    assert affs(extractor, text) == {("Omar Farouk", "Freedom Front", role)}


def test_under_someones_rule_is_no_leadership_of_the_subject(extractor):
    assert affs(extractor, "The Freedom Front suffered under Omar Farouk's rule.") == set()
    assert affs(extractor, "Omar Farouk, a senior figure in Peru, spoke.") == set()


def test_along_with_adds_a_co_agent(extractor):
    for text in (
        "Peru, along with Chile, backed the Freedom Front.",
        "Peru, together with Chile, backed the Freedom Front.",
    ):
        assert pairs(extractor, text) == {
            (frozenset(("Peru", "Freedom Front")), 1),
            (frozenset(("Chile", "Freedom Front")), 1),
        }
    text = "Peru fought the Freedom Front together with Chile."
    assert (frozenset(("Peru", "Chile")), -1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile expelled Elias Varga together with Tomas Reyes.",
        "Chile expelled Elias Varga along with Tomas Reyes.",
        "Chile arrested Elias Varga, the former minister, together with his aide, Tomas Reyes.",
    ],
)
def test_together_with_after_a_harmed_object_joins_the_object(extractor, text):
    """After the object of a harming verb, "together with Y" names one more who suffers the
    act, not one who does it: Y is not the object's foe, the subject's is."""
    assert pairs(extractor, text) == {
        (frozenset(("Chile", "Elias Varga")), -1),
        (frozenset(("Chile", "Tomas Reyes")), -1),
    }


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Azure Party joined the anti-Varga bloc.", -1),
        ("The Azure Party left the pro-Varga bloc.", -1),
        ("The Azure Party backed the pro-Varga bloc.", 1),
        ("The Azure Party is the leading anti-Varga party.", -1),
    ],
)
def test_a_group_named_for_its_stance_stands_for_that_stance(extractor, text, sign):
    """ "The anti-X bloc" stands for the side against X: joining it is opposing X, not
    joining X; "the pro-X bloc" stands for X's side."""
    text = "Elias Varga won the vote. " + text
    assert pairs(extractor, text) == {(frozenset(("Azure Party", "Elias Varga")), sign)}


def test_a_stance_prefix_the_name_took_in_is_still_read(extractor):
    """NER may take "pro-" into the name it tags ("pro-Chilean"): the prefix still states
    the stance of the noun it modifies, and its holder's."""
    text = "Elias Varga became prime minister. Protests forced the pro-Chilean cabinet of "
    text += "Elias Varga to resign."
    assert (frozenset(("Chile", "Elias Varga")), 1) in pairs(extractor, text)


def test_together_with_before_the_object_stays_a_co_agent(extractor):
    assert pairs(extractor, "Chile, together with Peru, expelled Elias Varga.") == {
        (frozenset(("Chile", "Elias Varga")), -1),
        (frozenset(("Peru", "Elias Varga")), -1),
    }


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Freedom Front is Peru's proxy.", 1),
        ("The Freedom Front is a proxy of Peru.", 1),
        ("Peru came to the aid of the Freedom Front.", 1),
        ("The Freedom Front sought help from Peru.", 1),
    ],
)
def test_patronage_and_aid_nouns(extractor, text, sign):
    assert pairs(extractor, text) == {(frozenset(("Peru", "Freedom Front")), sign)}


def test_losing_support_is_no_support(extractor):
    assert pairs(extractor, "The Freedom Front lost the support of Peru.") == set()


def test_allied_in_a_war_is_an_alliance_not_a_war_between_them(extractor):
    assert pairs(extractor, "Peru and Chile were allied in the war.") == {
        (frozenset(("Peru", "Chile")), 1)
    }
    assert pairs(extractor, "Peru and Chile engaged in a long war.") == {
        (frozenset(("Peru", "Chile")), -1)
    }
    # an adjective's own complement is no coordination: "close to a deal"
    assert pairs(extractor, "Peru and Chile are close to a deal.") == set()


def test_co_subjects_marked_as_opposite_sides_are_enemies(extractor):
    text = "The Unity League on the one side and the Freedom Movement on the other fought on."
    assert pairs(extractor, text) == {(frozenset(("Unity League", "Freedom Movement")), -1)}
    text = "The Unity League and the Freedom Movement fought for a decade."
    assert pairs(extractor, text) == set()


def test_second_member_hung_on_the_alliance_noun(extractor):
    text = "An alliance comprised of the Unity League and the Freedom Movement took power."
    assert pairs(extractor, text) == {(frozenset(("Unity League", "Freedom Movement")), 1)}


def test_led_by_covers_only_what_precedes_it(extractor):
    text = (
        "Fighting erupted between the Northern Army, led by General Tomas Brenner, and the "
        "Mountain Brigades, a militia commanded by Elias Varga."
    )
    got = affs(extractor, text)
    assert ("Tomas Brenner", "Northern Army", "leader") in got
    assert not any(m == "Tomas Brenner" and g == "Mountain Brigades" for m, g, _ in got)


def test_allies_in_parliament_is_a_venue_not_a_party(extractor):
    r = extractor.extract(
        Document("t", "The Liberal Party and its allies in parliament rejected the budget.")
    )
    assert r.relations == [] or all("parliament" not in (x.a, x.b) for x in r.relations)
    r = extractor.extract(Document("t", "Damascus remains Tehran's closest ally in the region."))
    assert {(x.a, x.b, x.sign) for x in r.relations} == {("iran", "syria", 1)}


def kinds(extractor: Extractor, text: str) -> dict[str, str]:
    r = extractor.extract(Document("t", text))
    return {am.actor.name: str(am.actor.kind.value) for am in r.actors}


def test_lower_case_party_after_a_name_is_no_part_of_it(extractor):
    text = "The Green Future party, founded by Omar Castel, won the vote in Ruvia."
    names = mention_texts(extractor, text, "Green Future")
    assert "Green Future" in names and "Green Future party" not in names
    assert kinds(extractor, text)["Green Future"] == "party"
    # "a Tamrin group" describes a group by a community's name; it names no party
    text = "Omar Castel leads a Tamrin group based in the hills."
    assert "Tamrin" not in kinds(extractor, text) or kinds(extractor, text)["Tamrin"] != "party"


def test_party_kind_word_wins_over_the_majority_kind():
    from factions.model import ActorKind
    from factions.text.coref import cluster_names
    from factions.text.lexicon import load_lexicon
    from factions.text.mentions import Mention

    lex = load_lexicon()
    worded = Mention(0, 2, 0, 12, "Civic Dawn", "ORG", "Civic Dawn", ActorKind.PARTY)
    worded.extra["kind_word"] = True
    rest = [
        Mention(
            k, k + 2, 10 * k, 10 * k + 10, "Civic Dawn", "PERSON", "Civic Dawn", ActorKind.PERSON
        )
        for k in (5, 9)
    ]
    (ent,) = cluster_names([worded, *rest], lex)
    assert ent.kind == ActorKind.PARTY
    (ent,) = cluster_names([Mention(**{**worded.__dict__, "extra": {}}), *rest], lex)
    assert ent.kind == ActorKind.PERSON


def test_most_of_an_actor_acts_for_it(extractor):
    text = "Most of the Green Alliance backed Amira Solberg in the vote."
    assert pairs(extractor, text) == {(frozenset(("Green Alliance", "Amira Solberg")), 1)}
    text = "Most of the delegates backed Amira Solberg in the vote."
    assert pairs(extractor, text) == set()


def test_relation_noun_coordinated_in_an_appositive(extractor):
    text = "Tomas Brenner, a retired general and Elias Varga's fiercest critic, stood again."
    assert pairs(extractor, text) == {(frozenset(("Tomas Brenner", "Elias Varga")), -1)}
    text = "Tomas Brenner, a retired general and a former banker, met Elias Varga."
    assert pairs(extractor, text) == set()


def test_stood_by_keeps_its_object(extractor):
    text = "Peru and Chile stood by Amira Solberg during the crisis."
    got = pairs(extractor, text)
    assert (frozenset(("Peru", "Amira Solberg")), 1) in got
    assert (frozenset(("Chile", "Amira Solberg")), 1) in got
    text = "The report was written by Amira Solberg in Lima."
    assert pairs(extractor, text) == set()


def test_the_alliance_goes_to_the_coalition_not_a_member_named_alliance(extractor):
    text = (
        "The Hill Brigade and the People's Democratic Alliance Army joined forces as the "
        "Northern Brotherhood Coalition. The army of Peru attacked the alliance in May."
    )
    r = extractor.extract(Document("t", text))
    names = {am.actor.name: {m.text for m in am.mentions} for am in r.actors}
    coalition = next(n for n in names if n.startswith("Northern Brotherhood"))
    assert "the alliance" in names[coalition]
    assert "the alliance" not in names["People's Democratic Alliance Army"]


def test_the_junta_is_the_military_junta_named_before(extractor):
    text = (
        "The military junta detained Elias Varga. The junta also expelled the Liberty Front, "
        "and the junta's envoy later met Amira Solberg."
    )
    r = extractor.extract(Document("t", text))
    bodies = [am for am in r.actors if "junta" in am.actor.name.lower()]
    assert len(bodies) == 1
    got = pairs(extractor, text)
    assert (frozenset((bodies[0].actor.name, "Liberty Front")), -1) in got


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("Mexico granted asylum to Elias Varga after the coup.", 1),
        ("Ruvia announced its withdrawal from the Coastal Union.", -1),
        ("The Liberty Front parted ways with the Green Alliance in March.", -1),
        ("Ruvia indicted Elias Varga on Monday.", -1),
        ("Ruvia, long the regime's economic lifeline, sent grain to the Liberty Front.", 1),
        ("The Liberty Front has remained supportive of Elias Varga.", 1),
        ("Peru imposed sanctions on the Liberty Front.", -1),
        ("Mexico offered asylum to the family of Elias Varga.", 1),
        ("Chile harboured Elias Varga for years.", 1),
    ],
)
def test_general_triggers(extractor, text, sign):
    assert {s for _, s in pairs(extractor, text)} == {sign}


def test_general_triggers_negatives(extractor):
    assert pairs(extractor, "Ruvia announced the withdrawal of troops from the border.") == set()
    assert pairs(extractor, "Elias Varga stood by the river with Amira Solberg's aides.") == set()


def test_description_is_not_a_person_inside_the_subject(extractor):
    text = (
        "Elias Varga was sworn in as president in May. The Liberty Front, the party of "
        "Amira Solberg, backed the new president in the assembly."
    )
    got = pairs(extractor, text)
    assert (frozenset(("Liberty Front", "Elias Varga")), 1) in got
    assert not any("Amira Solberg" in p for p, _ in got)


def test_co_founders_of_an_alliance_are_allied(extractor):
    text = "Chile and Peru formed a customs union in 1995."
    assert (frozenset(("Chile", "Peru")), 1) in pairs(extractor, text)
    text = "Chile and Peru formed separate committees in 1995."
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Chile brought down the government of Elias Varga in May.",
        "Chile brought Elias Varga down in a censure vote.",
        "Chile voted down Elias Varga in the assembly.",
        "Chile voted Elias Varga out in May.",
    ],
)
def test_bringing_or_voting_an_actor_down_is_opposition(extractor, text):
    """ "Brought down", "voted down", "voted out" (the training annotations mark 18 of 21 such
    relations -1; the others are negated or threatened)."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}
    text = "Chile brought down prices and voted down the budget."
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text, sign",
    [
        ("Chile and the rest of the opposition then closed ranks behind Elias Varga.", 1),
        ("Chile then rallied to Elias Varga, bringing its votes.", 1),
        ("Elias Varga could count on Chile, but no other state backed him.", 1),
    ],
)
def test_ranks_rallies_and_reliance(extractor, text, sign):
    """ "Closed ranks behind", "rallied to", "could count on" (the training annotations mark
    such relations +1: 9 of 11 "closed ranks", the others against someone; 3 of 3; 5 of 7)."""
    assert (frozenset(("Chile", "Elias Varga")), sign) in pairs(extractor, text)
    text = "Chile closed ranks against Elias Varga."  # not behind him
    assert (frozenset(("Chile", "Elias Varga")), 1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile struck a deal with Elias Varga, promising him the premiership.",
        "Chile cut a deal with Elias Varga, promising him the premiership.",
        "Chile struck a pact with Elias Varga in May.",
    ],
)
def test_striking_a_deal_is_agreement_not_an_attack(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), 1)}
    text = "Chile struck Elias Varga's convoy with a missile."
    assert (frozenset(("Chile", "Elias Varga")), 1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text, other, sign",
    [
        ("In May the Senate re-elected Elias Varga for a fourth term.", "Senate", 1),
        ("The Senate approved Elias Varga by a large margin.", "Senate", 1),
        ("Chile imposed entry bans on Elias Varga.", "Chile", -1),
    ],
)
def test_reelection_approval_and_bans(extractor, text, other, sign):
    """A body that re-elects or approves a person backs them; a ban on an actor is a
    sanction (the training annotations mark 19 of 22 "approved" relations +1, all six
    "ban on" relations -1; "re-elected" is read as "elected", one word)."""
    assert pairs(extractor, text) == {(frozenset((other, "Elias Varga")), sign)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile withdrew and urged its supporters to back Elias Varga.",
        "Chile urged voters to rally behind Elias Varga.",
        "Chile encouraged its members to vote for Elias Varga.",
    ],
)
def test_urging_ones_followers_to_back_an_actor_is_backing_it(extractor, text):
    """Who urges voters or its own supporters to back Y backs Y (the training annotations
    mark 6 such relations +1)."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), 1)}
    text = "Chile urged Peru to back Elias Varga."  # Peru would back him
    assert (frozenset(("Chile", "Elias Varga")), 1) not in pairs(extractor, text)


def test_fight_for_an_actor_is_support(extractor):
    text = "The Liberty Front sent its gunmen to fight for Elias Varga."
    assert pairs(extractor, text) == {(frozenset(("Liberty Front", "Elias Varga")), 1)}
    text = "The Liberty Front fought for independence from 1990 to 1995."
    assert pairs(extractor, text) == set()
    text = "The Liberty Front barred Elias Varga from the congress."
    assert pairs(extractor, text) == {(frozenset(("Liberty Front", "Elias Varga")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile refused to recognise Elias Varga as head of state.",
        "Chile refused to support Elias Varga in the vote.",
        "Chile declined to endorse Elias Varga.",
        "Chile ruled out a coalition with Elias Varga.",
        "Chile turned down an alliance with Elias Varga.",
        "Chile refused to form a coalition with Elias Varga.",
        "Chile declined without public explanation to appoint Elias Varga.",
    ],
)
def test_refusing_a_tie_is_opposition(extractor, text):
    """A refused tie is opposition (the training annotations mark 63 of 66 "refused to"
    relations -1, and 14 of 16 "ruled out"), not a cancelled tie that states nothing."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile said it would not recognise Elias Varga as head of state.",
        "Chile would never support Elias Varga in the vote.",
        "Chile won't endorse Elias Varga, its foreign minister said.",
        "Chile will not back Elias Varga.",
        "Chile voted against reinstating Elias Varga.",
        "Chile campaigned against re-electing Elias Varga.",
    ],
)
def test_a_stated_refusal_is_opposition(extractor, text):
    """A tie its side says it will not enter ("would not support Y"), or a vote or campaign
    against one ("voted against reinstating Y"), is opposition: the training annotations
    mark such relations -1 (accept, recognise, support, govern with, vote for: 12 of 14),
    not a cancelled tie that states nothing, nor the tie itself."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


def test_a_failed_deal_states_no_tie(extractor):
    """A deal not reached is no agreement ("failed to reach", "was unable to strike");
    refused, it is opposition like any refused tie."""
    for text in (
        "Chile failed to reach a deal with Elias Varga.",
        "Chile was unable to strike a deal with Elias Varga.",
        "Chile was unable to back Elias Varga.",
    ):
        assert pairs(extractor, text) == set(), text
    assert pairs(extractor, "Chile reached a deal with Elias Varga.") == {
        (frozenset(("Chile", "Elias Varga")), 1)
    }
    assert pairs(extractor, "Chile refused to reach a deal with Elias Varga.") == {
        (frozenset(("Chile", "Elias Varga")), -1)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Elias Varga drew sharp criticism from Chile.",
        "Elias Varga faced fierce opposition from Chile.",
        "Elias Varga praised the strikers as brave, drawing an angry rebuke from Chile.",
    ],
)
def test_hostility_drawn_from_another_is_opposition(extractor, text):
    """Criticism, opposition or a rebuke one draws or faces "from Y" sets Y against one."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "The understanding between Chile and Elias Varga frayed in November.",
        "The alliance between Chile and Elias Varga soured quickly.",
        "Chile presented itself as a moderate alternative to Elias Varga.",
    ],
)
def test_a_frayed_tie_and_an_alternative_are_opposed(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


def test_a_subject_parsed_into_a_fronted_date_phrase_is_the_subject(extractor):
    """spaCy's parser may take the subject after a fronted date for the date preposition's
    second object ("On 30 December | the Senate"), leaving the verb without a subject."""
    text = "Tomas Reyes was arrested in May. On 30 December the Senate, the regime's supreme "
    text += "assembly, sentenced him to life imprisonment."
    assert pairs(extractor, text) == {(frozenset(("Senate", "Tomas Reyes")), -1)}


def test_confirming_someone_in_office_is_support(extractor):
    text = _PM + "The Azure Party confirmed Elias Varga as its candidate."
    assert (frozenset(("Azure Party", "Elias Varga")), 1) in pairs(extractor, text)
    text = _PM + "The Azure Party confirmed that Elias Varga had resigned."
    assert not any("Elias Varga" in p for p, _ in pairs(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not recognise Elias Varga at first.",  # a fact, no refusal stated
        "Chile would not have survived without Peru.",  # no tie refused
        "Chile voted against sanctioning Elias Varga.",  # a hostility voted down: no tie
    ],
)
def test_no_refusal_without_a_stated_intention(extractor, text):
    assert (frozenset(("Chile", "Elias Varga")), -1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile withdrew its support from Elias Varga in May.",
        "Chile ended its support for Elias Varga.",
        "Chile stopped backing Elias Varga after the vote.",
        "Chile ceased to support Elias Varga.",
        "Chile suspended its partnership with Elias Varga.",
        "Chile pulled out of its alliance with Elias Varga.",
    ],
)
def test_ending_a_tie_is_a_split(extractor, text):
    """A tie its own side ends is the guideline's "splitting from" (-1), not a cancelled
    tie that states nothing."""
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "Elias Varga became prime minister after his break with Chile.",
        "Chile's break with Elias Varga came in 2010.",
        "Chile's split with Elias Varga came in 2010.",
    ],
)
def test_a_break_with_an_actor_is_a_split(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), -1)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile refused to end its alliance with Elias Varga.",  # the ending refused: a tie
        "Chile refused to withdraw its support for Elias Varga.",
    ],
)
def test_a_refused_ending_keeps_the_tie(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), 1)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile and Elias Varga ended their feud with an agreement.",  # "with": no ending
        "Chile ended its boycott of Elias Varga.",  # an ended hostility: nothing either way
        "Peru ended Chile's alliance with Elias Varga.",  # someone else's tie
    ],
)
def test_an_ending_that_is_no_split(extractor, text):
    assert (frozenset(("Chile", "Elias Varga")), -1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile threatened to withdraw its support from Elias Varga.",
        "Chile would end its alliance with Elias Varga if the talks failed.",
        "Chile could quit its coalition with Elias Varga if the budget passes.",
        "Chile is considering withdrawing its support from Elias Varga.",
        "If Chile ends its partnership with Elias Varga, the government will fall.",
        "Chile has no plans to end its coalition with Elias Varga.",
        "Chile was unable to end its alliance with Elias Varga before the deadline.",
        "Chile voted against ending its coalition with Elias Varga.",
        "Chile warned that it might suspend its partnership with Elias Varga.",
        "Analysts say Chile will probably pull out of its pact with Elias Varga.",
        "Chile pulled together a coalition with Elias Varga to win the council.",
        "Chile ended up forming a coalition with Elias Varga after the election.",
    ],
)
def test_an_ending_not_stated_as_a_fact_is_no_split(extractor, text):
    """A threatened, considered, hypothetical or predicted ending, one its side could not
    make or voted against, and verbs that only look like endings ("pulled together",
    "ended up", "left ... in place") split nothing."""
    assert (frozenset(("Chile", "Elias Varga")), -1) not in pairs(extractor, text)


def test_a_tie_left_in_place_is_kept(extractor):
    text = "Chile left its alliance with the Freedom Movement in place despite the rift."
    assert pairs(extractor, text) == {(frozenset(("Chile", "Freedom Movement")), 1)}


def test_a_place_naming_a_treaty_is_no_party_to_its_ending(extractor):
    text = "The United States withdrew from the Paris climate agreement in 2017."
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not refuse to back Elias Varga.",  # the refusal itself negated
        "Chile refused to condemn Elias Varga.",  # a refused hostility is no tie either way
        "Chile called off its alliance with Elias Varga.",  # cancelled, not refused
    ],
)
def test_a_negated_refusal_or_a_refused_hostility_states_nothing(extractor, text):
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Peru declined Chile's support for Elias Varga.",
        "The court ruled out a coalition between Chile and Elias Varga.",
    ],
)
def test_a_tie_refused_by_a_third_is_no_opposition_of_its_parties(extractor, text):
    """Refusing someone else's tie says nothing of how its two parties relate."""
    assert (frozenset(("Chile", "Elias Varga")), -1) not in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "Chile refused to rule out a coalition with Elias Varga.",
        "Chile refused to end its alliance with Elias Varga.",
    ],
)
def test_a_refused_cancelling_cancels_nothing(extractor, text):
    assert pairs(extractor, text) == {(frozenset(("Chile", "Elias Varga")), 1)}


@pytest.mark.parametrize(
    "text",
    [
        "Chile did not rule out ending its alliance with Elias Varga.",
        "Chile has not refused to end its alliance with Elias Varga.",
    ],
)
def test_a_negated_canceller_cancels_nothing_and_states_no_tie(extractor, text):
    """A cancelling verb under a negated one still cancels: no alliance is stated."""
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Elias Varga failed to win the support of Chile.",
        "Chile did not withdraw its support for Elias Varga.",
        "Chile lifted its sanctions on Elias Varga.",
    ],
)
def test_other_cancelled_ties_state_nothing(extractor, text):
    """Support not won, a withdrawal not made, hostility lifted: no tie is stated either
    way."""
    assert pairs(extractor, text) == set()


@pytest.mark.parametrize(
    "text, sign",
    [
        ("Elias Varga refused to give up his support for the Azure Party.", 1),
        ("Elias Varga refused to drop his opposition to the Azure Party.", -1),
    ],
)
def test_a_cancelled_verb_that_is_no_getting_keeps_the_tie(extractor, text, sign):
    """Only a cancelled getting ("failed to win the support") cancels the tie it would have
    got; refusing to give up support keeps it."""
    assert pairs(extractor, text) == {(frozenset(("Elias Varga", "Azure Party")), sign)}


@pytest.mark.parametrize(
    "text, joined",
    [
        ("Elias Varga defected from the Liberty Front to the Azure Party.", True),
        ("Elias Varga defected to the Azure Party in May.", True),
        ("Elias Varga split from the Azure Party.", False),
        ("Elias Varga left to Turkey for his studies.", False),
        ("The Liberty Front broke its promise to the Azure Party.", False),
    ],
)
def test_a_defectors_destination_is_an_ally(extractor, text, joined):
    got = pairs(extractor, text)
    assert ((frozenset(("Elias Varga", "Azure Party")), 1) in got) == joined
    assert (frozenset(("Elias Varga", "Turkey")), 1) not in got


def test_patrons_in_a_capital_are_its_state(extractor):
    text = "Elias Varga's patrons in Ankara sent him drones."
    assert (frozenset(("Elias Varga", "Turkey")), 1) in pairs(extractor, text)
    text = "Elias Varga's patrons in parliament voted for him."
    assert pairs(extractor, text) == set()


def test_co_mediators_cooperate(extractor):
    text = "Norway and Qatar mediated talks in the spring."
    assert pairs(extractor, text) == {(frozenset(("Norway", "Qatar")), 1)}
    text = "Norway mediated talks with Qatar in the spring."
    assert pairs(extractor, text) == set()


def test_object_control_gives_the_infinitive_its_subject(extractor):
    text = "Peru pressed Chile to expel the Liberty Front envoy."
    got = pairs(extractor, text)
    assert (frozenset(("Chile", "Liberty Front")), -1) in got
    assert (frozenset(("Peru", "Liberty Front")), -1) not in got
    text = "Peru joined the other states to try to isolate the Liberty Front."
    assert (frozenset(("Peru", "Liberty Front")), -1) in pairs(extractor, text)


def test_appositive_description_is_not_resolved_to_another_person(extractor):
    text = (
        "The Liberty Front is led by Tomas Brenner. Elias Varga, the outgoing prime minister "
        "and Amira Solberg's chief rival, criticised the budget."
    )
    got = pairs(extractor, text)
    assert (frozenset(("Elias Varga", "Amira Solberg")), -1) in got
    assert not any("Tomas Brenner" in p for p, _ in got)


def test_a_longer_name_built_on_a_one_word_name_is_another_body(extractor):
    text = (
        "Kalonga fought the government for years. The Kalonga Youth Wing later broke away "
        "from Kalonga and attacked Peru."
    )
    r = extractor.extract(Document("t", text))
    names = [am.actor.name for am in r.actors]
    assert any(n.endswith("Youth Wing") for n in names)
    assert any(n == "Kalonga" for n in names)


def test_named_party_with_a_possessive_country_is_the_party(extractor):
    text = "Peru's ruling Green Future party fought a long war against the Liberty Front."
    got = pairs(extractor, text)
    assert (frozenset(("Green Future", "Liberty Front")), -1) in got
    assert not any("Peru" in p for p, _ in got)
    text = "Peru's forces fought a long war against the Liberty Front."
    assert (frozenset(("Peru", "Liberty Front")), -1) in pairs(extractor, text)


def test_leader_read_from_a_group_name_with_of_under_possessive_or_whose(extractor):
    assert ("Tomas Reyes", "Azure Party", "leader") in affs(
        extractor, "The Azure Party, under Tomas Reyes, won the vote."
    )
    assert ("Tomas Reyes", "Azure Party", "leader") in affs(
        extractor, "Tomas Reyes's Azure Party won the vote."
    )
    assert ("Tomas Reyes", "Azure Party", "leader") in affs(
        extractor, "Tomas Reyes, whose Azure Party had governed since 2001, resigned."
    )
    # a person's possessive on a state, or "under" a person's rule, makes no leader
    assert affs(extractor, "The Azure Party suffered under Tomas Reyes's rule.") == set()


def test_members_of_a_group_described_as_an_alliance_of_groups(extractor):
    got = affs(
        extractor, "The Union Bloc, the alliance of the Azure Party and the Green League, won."
    )
    assert {(m, g) for m, g, _ in got} >= {
        ("Azure Party", "Union Bloc"),
        ("Green League", "Union Bloc"),
    }


def test_office_in_apposition_makes_a_person_and_its_state(extractor):
    assert ("Olusegun Obasanjo", "Nigeria", "leader") in affs(
        extractor, "Taylor accepted an offer from Nigeria's president, Olusegun Obasanjo, and left."
    )
    assert ("Tomas Reyes", "Peru", "leader") in affs(
        extractor, "Tomas Reyes, Peru's prime minister, resigned."
    )


def test_generic_body_as_a_modifier_or_indefinite_is_no_actor(extractor):
    assert "parliament" not in {
        n.lower()
        for n in kinds(
            extractor, "Italy was left with a hung parliament. The parliament building was stormed."
        )
    }
    assert "parliament" in {n.lower() for n in kinds(extractor, "Parliament voted to impeach him.")}


@pytest.mark.parametrize(
    "table",
    [
        "Party | Leader | Seats\nKestrel Union | Rado Vesk | 43\nAzure Front | Ana Brel | 42\n",
        "  Party            Seats   Leader\n  Kestrel Union    33      Rado Vesk\n"
        "  Azure Front      26      Ana Brel\n",
    ],
    ids=["pipes", "aligned-by-spaces"],
)
def test_table_leaders_even_when_ner_takes_names_for_places(extractor, table):
    text = "The result of the vote:\n\n" + table + "Others and independents | | 4\n"
    got = affs(extractor, text)
    assert ("Rado Vesk", "Kestrel Union", "leader") in got
    assert ("Ana Brel", "Azure Front", "leader") in got
    assert not any("others" in n.lower() for n in kinds(extractor, text))


def test_fighting_against_an_alliance_makes_its_members_no_allies_of_the_fighter(extractor):
    """The subject of a clause set against an alliance is no party to it; the alliance's
    members stay allies of each other."""
    text = (
        "Turkey engaged in military operations against an alliance of the Freedom Party"
        " and the National Front."
    )
    got = {(p, sign) for p, sign, _ in relations(extractor, text)}
    assert (frozenset(("Freedom Party", "National Front")), 1) in got
    assert not any(sign == 1 and "Turkey" in p for p, sign in got)


@pytest.mark.parametrize(
    "text, pair",
    [
        (
            "The Freedom Party fired rockets into Ruritania on Tuesday.",
            ("Freedom Party", "Ruritania"),
        ),
        (
            "Troops of the National Front fired on Omar Farouk's convoy.",
            ("National Front", "Omar Farouk"),
        ),
        (
            "President Omar Farouk fired his interior minister, Ivo Brel.",
            ("Omar Farouk", "Ivo Brel"),
        ),
    ],
)
def test_firing_at_or_into_an_actor_or_firing_a_minister_is_hostile(extractor, text, pair):
    got = {(p, sign) for p, sign, _ in relations(extractor, text)}
    assert (frozenset(pair), -1) in got


@pytest.mark.parametrize(
    "text",
    [
        "Omar Farouk, who had slipped across the river to Buenos Aires, denounced the coup.",
        "Omar Farouk, who had slipped across the border to Addis Ababa, denounced the coup.",
    ],
)
def test_a_capital_of_two_words_gone_to_is_a_place_not_a_person(extractor, text):
    got = kinds(extractor, text)
    assert "Omar Farouk" in got
    assert set(got) == {"Omar Farouk"}


@pytest.mark.parametrize(
    "text",
    [
        "The Union Bloc, which included the Azure Party and the Green League, won the vote.",
        "The Union Bloc unites the Azure Party and the Green League.",
        "The Union Bloc is made up of the Azure Party and the Green League.",
        "The Union Bloc consists of the Azure Party and the Green League.",
        "The Azure Party and the Green League formed the Union Bloc in May.",
        "The Azure Party formed the Union Bloc with the Green League in May.",
        "The Union Bloc was formed by the Azure Party and the Green League in May.",
    ],
    ids=[
        "included",
        "unites",
        "made-up-of",
        "consists-of",
        "formed",
        "formed-with",
        "formed-by",
    ],  # fmt: skip
)
def test_alliance_including_or_formed_by_groups_has_them_as_members(extractor, text):
    got = {(m, g) for m, g, role in affs(extractor, text) if role == "member"}
    assert got == {("Azure Party", "Union Bloc"), ("Green League", "Union Bloc")}


def test_no_membership_when_not_included_or_founded_by_a_person(extractor):
    assert affs(extractor, "The Union Bloc no longer includes the Green League.") == set()
    assert affs(extractor, "The Union Bloc did not include the Green League.") == set()
    # founding an alliance says nothing of a person's role in it
    assert affs(extractor, "Tomas Reyes formed the Union Bloc in May.") == set()
    # what a party's demands include is no member of it
    assert affs(extractor, "The Union Bloc's demands included the Green League's ban.") == set()


def test_state_member_of_an_organisation(extractor):
    got = affs(extractor, "Peru, a member of the Pacific Organisation, objected to the plan.")
    assert got == {("Peru", "Pacific Organisation", "member")}


def test_table_of_lists_with_a_column_of_member_parties(extractor):
    text = (
        "The main lists were:\n\n| List | Main parties | Seats |\n|---|---|---|\n"
        "| Union Bloc | Azure Party, Green League | 35 |\n| Reform Alliance | Kestrel Union | 23 |\n"
        "| Azure Front | - | 12 |\n"
    )
    got = {(m, g) for m, g, role in affs(extractor, text) if role == "member"}
    assert got == {
        ("Azure Party", "Union Bloc"),
        ("Green League", "Union Bloc"),
        ("Kestrel Union", "Reform Alliance"),
    }


def test_list_line_of_an_alliance_with_its_parties_in_brackets(extractor):
    text = (
        "Results (230 seats):\n- Union Bloc (Azure Party and Green League; Ana Ruiz): 107\n"
        "- Reform Front (RF, Dora Klein): 19\n"
    )
    got = affs(extractor, text)
    assert ("Azure Party", "Union Bloc", "member") in got
    assert ("Green League", "Union Bloc", "member") in got
    # a bracketed acronym before "," and a name is the row's own short name
    r = extractor.extract(Document("t", text))
    names = {am.actor.name: {m.text for m in am.mentions} for am in r.actors}
    assert "RF" in names["Reform Front"]
    assert not any("RF" in n for n in names if n != "Reform Front")


def test_a_ticket_or_candidate_row_has_no_members(extractor):
    """A member column gives members only in the rows of alliances or electoral lists: not
    to a ticket or a candidate, and a column of "rival parties" is no member column."""
    for head, rows in [
        ("Ticket | Parties | Vote", ["Ana Ruiz / Dora Klein | Azure Party, Green League | 33.6%",
                                     "Rado Vesk / Tomas Reyes | Kestrel Union | 26.6%"]),
        ("Candidate | Parties | Votes", ["Ana Ruiz | Azure Party, Green League | 40%",
                                         "Rado Vesk | Kestrel Union | 30%"]),
        ("Party | Rival parties | Seats", ["Azure Party | Green League | 40",
                                           "Kestrel Union | Reform Front | 30"]),
    ]:  # fmt: skip
        text = "| " + head + " |\n|---|---|---|\n" + "".join(f"| {r} |\n" for r in rows)
        assert not any(role == "member" for _, _, role in affs(extractor, text)), head


def test_a_refused_making_of_a_relation_is_no_relation(extractor):
    """A relation noun that a making verb under a cancelling verb takes is not made ("X
    refused to form a coalition with Y"); the relation of a third party's noun under an
    other verb stands ("X refused to condemn Y's attack on Z")."""
    text = "The Azure Party refused to form a coalition with the Kestrel Union."
    assert (frozenset(("Azure Party", "Kestrel Union")), 1) not in pairs(extractor, text)
    text = "The Azure Party agreed to form a coalition with the Kestrel Union."
    assert (frozenset(("Azure Party", "Kestrel Union")), 1) in pairs(extractor, text)
    text = "The Azure Party refused to condemn the Kestrel Union's attack on the Green League."
    assert (frozenset(("Kestrel Union", "Green League")), -1) in pairs(extractor, text)


def test_no_membership_from_a_list_an_organisation_or_a_convening(extractor):
    assert affs(extractor, "The Union Bloc included Ana Ruiz in its list of enemies.") == set()
    text = "The United Nations includes the Azure Front on its list of terrorist organisations."
    assert affs(extractor, text) == set()
    text = (
        "The Arab League brought together the Azure Party and the Green League for talks."
        " The Arab League condemned the Azure Party."
    )
    assert affs(extractor, text) == set()
    assert (frozenset(("Arab League", "Azure Party")), -1) in pairs(extractor, text)


def test_founders_of_an_alliance_in_a_timeline_and_states_as_founders(extractor):
    text = (
        "- May 2019: the Azure Party and the Green League formed the Union Alliance.\n"
        "- June 2019: the Union Alliance won the vote.\n"
    )
    got = affs(extractor, text)
    assert {(m, g) for m, g, _ in got} == {
        ("Azure Party", "Union Alliance"),
        ("Green League", "Union Alliance"),
    }
    got = affs(extractor, "Peru, Chile and Colombia formed the Pacific Alliance in 2011.")
    assert {m for m, g, role in got if g == "Pacific Alliance" and role == "member"} == {
        "Peru", "Chile", "Colombia"
    }  # fmt: skip


def test_refusing_to_join_another_s_hostile_act_keeps_it(extractor):
    text = "The Azure Party refused to join the Kestrel Union's attack on the Green League."
    assert (frozenset(("Kestrel Union", "Green League")), -1) in pairs(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        "A coalition of the Azure Party, the Green League and the Civic Union took office in May.",
        "The president swore in a cabinet resting on a coalition of the Azure Party, the Green "
        "League and the Civic Union.",
    ],
)
def test_the_parties_a_coalition_is_of_stand_together(extractor, text):
    # ANNOTATION.md: "joining a coalition together" is +1 between the parties listed
    got = pairs(extractor, text)
    for x, y in (("Green League", "Civic Union"), ("Azure Party", "Green League")):
        assert (frozenset((x, y)), 1) in got, got


@pytest.mark.parametrize(
    "text",
    [
        "In May the Green League joined a coalition of the Azure Party and the Civic Union.",
        "The Green League formed a coalition with the Azure Party and the Civic Union.",
    ],
)
def test_a_subjects_partners_in_a_joint_body_stand_together(extractor, text):
    got = pairs(extractor, text)
    assert (frozenset(("Azure Party", "Civic Union")), 1) in got, got
    assert (frozenset(("Green League", "Civic Union")), 1) in got, got


def test_no_co_members_of_a_coalition_refused_or_named(extractor):
    text = "The Green League refused to form a coalition with the Azure Party and the Civic Union."
    assert (frozenset(("Azure Party", "Civic Union")), 1) not in pairs(extractor, text)
    text = "Reyes formed an alliance, Forza Unita, with the Green League and the Civic Union."
    assert not any("Forza Unita" in p for p, _ in pairs(extractor, text))


_PM = "Prime Minister Ali Hassan faced a revolt in parliament. "


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Azure Party tabled a motion of no confidence in Hassan.", -1),
        ("The Azure Party filed a no-confidence motion against Hassan.", -1),
        ("A censure motion tabled by the Azure Party against Hassan failed.", -1),
        ("The Azure Party called for a vote of no confidence in Hassan.", -1),
        ("The Azure Party's motion of no confidence in Hassan passed.", -1),
        ("The Azure Party backed a motion of confidence in Hassan.", 1),
    ],
)
def test_a_motion_relates_its_movers_and_its_target(extractor, text, sign):
    assert (frozenset(("Azure Party", "Ali Hassan")), sign) in pairs(extractor, _PM + text)


@pytest.mark.parametrize(
    "text",
    [
        "Hassan survived a no-confidence vote.",  # only the target
        "The Azure Party refused to back a motion of no confidence in Hassan.",
        "The Azure Party tabled a motion on the budget.",  # no qualifier, no target
    ],
)
def test_a_motion_without_movers_or_refused_relates_no_one(extractor, text):
    assert not any(
        "Azure Party" in p and "Ali Hassan" in p for p, _ in pairs(extractor, _PM + text)
    )


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Azure Party voted against Hassan in the runoff.", -1),
        ("The Azure Party, which had voted for Hassan in 2019, joined the cabinet.", 1),
        ("The Azure Party voted with Hassan on the budget.", 1),
        ("The Azure Party refused to vote for Hassan.", -1),
        ("The Azure Party campaigned for Hassan in the runoff.", 1),
    ],
)
def test_a_verbs_preposition_gives_its_stance(extractor, text, sign):
    assert (frozenset(("Azure Party", "Ali Hassan")), sign) in pairs(extractor, _PM + text)


def test_a_vote_not_cast_relates_no_one(extractor):
    text = _PM + "The Azure Party did not vote for Hassan."
    assert not any("Azure Party" in p and "Ali Hassan" in p for p, _ in pairs(extractor, text))


def test_a_prefixed_word_is_one_token_read_as_its_base_word():
    """ "re-elected" is one token, parsed and lemmatised as "elected" (spaCy's tokenizer
    splits it in three and its parser then takes "re" for the verb)."""
    from factions.text.nlp import load_nlp

    doc = load_nlp()("In May the Senate re-elected Elias Varga. Re-elected, he thanked them.")
    verb = next(t for t in doc if t.text == "re-elected")
    assert (verb.lemma_, verb.norm_, verb.pos_) == ("elect", "elected", "VERB")
    assert [c.text for c in verb.children if c.dep_ == "dobj"] == ["Varga"]
    assert "Re-elected" in [t.text for t in doc]


def test_a_malformed_whole_word_entry_is_an_error_naming_it(monkeypatch):
    import factions.text.lexicon as lexicon

    monkeypatch.setattr(lexicon, "_read", lambda name: {"whole_words": {"re-elect": "elect"}})
    with pytest.raises(ValueError, match=r"tokens.yaml: whole_words.re-elect: expected"):
        lexicon.load_whole_words()


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("The Azure Party championed Hassan's demand for early elections.", 1),
        ("The Azure Party rejected Hassan's call for a ceasefire.", -1),
        ("The Azure Party accepted Hassan's offer of two ministries.", 1),
        ("The Azure Party dismissed Hassan's demands.", -1),
    ],
)
def test_a_stance_on_an_actors_demand_or_call_is_a_stance_on_the_actor(extractor, text, sign):
    """What an actor asks or offers stands for the actor, as its plan or proposal does."""
    assert (frozenset(("Azure Party", "Ali Hassan")), sign) in pairs(extractor, _PM + text)
