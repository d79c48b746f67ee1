"""The world gazetteer: reference actors with external ids, matched in text we write here."""

from __future__ import annotations

from pathlib import Path

import pytest

from factions.model import Actor, Relation, System
from factions.text.aggregate import aggregate
from factions.text.documents import Document
from factions.text.gazetteer import load_world, name_words


@pytest.fixture(scope="module")
def extractor():
    from factions.text.pipeline import Extractor

    return Extractor()


def _actors(extractor, text: str, doc_id: str = "d"):
    return extractor.extract(Document(doc_id, text)).actors


def _by_ext(actors):
    return {am.actor.external_id: am for am in actors if am.actor.external_id}


def test_loads_with_every_source_and_records_its_load_time():
    # the load time itself is measured and printed by bench/extract_throughput.py (no timed
    # assertions in tests); here only that it is recorded
    load_world.cache_clear()
    world = load_world()
    assert world.load_seconds > 0
    sources = {e.source for e in world.entries.values()}
    assert sources == {"partyfacts", "iso3", "igo", "legislature"}
    assert sum(e.source == "partyfacts" for e in world.entries.values()) > 5000
    assert world.entries["iso3:IRQ"].name == "Iraq"
    assert world.entries["iso3:SUN"].kind == "state"  # a former state (ISO 3166-3)
    assert world.countries["burkina faso"] == "Burkina Faso"  # beyond the lexicon's table


def test_name_words_fold_case_accents_and_dotted_acronyms():
    assert name_words("U.N. Security Council") == ("un", "security", "council")
    assert name_words("Yekêtiy Nîştimaniy") == ("yeketiy", "nistimaniy")


def test_a_party_by_english_native_and_short_name_is_one_actor(extractor):
    text = (
        "In Iraq, the Patriotic Union of Kurdistan rejected the budget. Its leaders said the "
        "PUK would vote against it. Kurdish papers called the Yekêtiy Nîştimaniy Kurdistan "
        "the largest party in Sulaymaniyah."
    )
    found = _by_ext(_actors(extractor, text))
    puk = found["partyfacts:5616"]
    texts = {m.text for m in puk.mentions}
    assert {"Patriotic Union of Kurdistan", "PUK", "Yekêtiy Nîştimaniy Kurdistan"} <= texts
    assert puk.actor.kind == "party" and puk.actor.name == "Patriotic Union of Kurdistan"
    assert puk.actor.id == load_world().entries["partyfacts:5616"].actor_id
    assert "iso3:IRQ" not in found  # "In Iraq": a place here, not an actor


@pytest.mark.parametrize(
    "name, ext",
    [("Unión por el Perú", "partyfacts:575"), ("Alianza para el Progreso", "partyfacts:4218")],
)
def test_a_native_name_with_its_language_function_words_is_the_party(extractor, name, ext):
    """ "por", "para", "del", "pel"...: a native name's lower-case function words (data:
    ``name_function_words``) do not make it uncapitalised."""
    text = f"In Peru, deputies of {name} voted against the government of Martín Vizcarra."
    assert ext in _by_ext(_actors(extractor, text))


def test_a_common_word_party_name_needs_a_political_capitalised_use(extractor):
    political = "In Lebanon, Dignity won two seats in the election and joined the cabinet."
    assert any(
        am.actor.name == "Dignity" and am.actor.external_id for am in _actors(extractor, political)
    )
    plain = "Dignity matters to every family in Lebanon, and dignity is what they ask for."
    assert not any(
        (am.actor.external_id or "").startswith("partyfacts:") for am in _actors(extractor, plain)
    )


def test_shared_party_names_need_the_documents_country(extractor):
    uk = "In Britain, the Labour Party voted against the government."
    ie = "In Ireland, the Labour Party voted against the government."
    a = {am.actor.external_id for am in _actors(extractor, uk)}
    b = {am.actor.external_id for am in _actors(extractor, ie)}
    assert "iso3:GBR" not in a and "iso3:IRL" not in b  # places only: context, not actors
    labour_uk = {x for x in a if x and x.startswith("partyfacts:")}
    labour_ie = {x for x in b if x and x.startswith("partyfacts:")}
    assert labour_uk and labour_ie and labour_uk != labour_ie
    world = load_world()
    assert {world.entries[x].iso3 for x in labour_uk} == {"GBR"}
    assert {world.entries[x].iso3 for x in labour_ie} == {"IRL"}
    nowhere = "The Labour Party voted against the government."
    assert not any(
        (am.actor.external_id or "").startswith("partyfacts:") for am in _actors(extractor, nowhere)
    )


def test_a_party_of_another_country_or_a_longer_name_is_not_matched(extractor):
    text = "The Kurdistan Democratic Party of Iran attacked the National Security Council."
    exts = {am.actor.external_id for am in _actors(extractor, text)}
    assert "partyfacts:5617" not in exts  # Iraq's KDP
    assert "igo:UNSC" not in exts


def test_a_partys_acronym_needs_the_documents_country(extractor):
    brazil = "In Brazil the PMDB left the government of Dilma Rousseff in March."
    assert "partyfacts:654" in _by_ext(_actors(extractor, brazil))
    gambia = (
        "In the Gambia, Yahya Jammeh's National Intelligence Agency (NIA) detained Solo "
        "Sandeng, and the NIA later denied that he had died in its custody."
    )
    exts = {am.actor.external_id for am in _actors(extractor, gambia)}
    assert not any((x or "").startswith("partyfacts:") for x in exts)  # not Iraq's NIA


def test_shared_acronyms_name_the_country_they_share():
    # "SPD" and "FDP" name parties of several countries; Germany is the one they share
    both = _refs(
        "After the vote the SPD refused to serve again, and the FDP walked out of the talks."
    )
    world = load_world()
    assert {world.entries[x].iso3 for x in both.values()} == {"DEU"}
    assert set(both) == {"SPD", "FDP"}
    # one shared acronym alone names no country
    assert _refs("The FDP walked out of the talks after the vote.") == {}
    # a country the text names comes first: the Swiss FDP
    swiss = _refs("In Switzerland the FDP and the SVP agreed on a joint candidate.", "2015")
    assert world.entries[swiss["FDP"]].iso3 == "CHE"
    # a country the text names (Jamaica, here a coalition's nickname) that none of the
    # shared names has does not stop them naming theirs
    jamaica = _refs("During the Jamaica talks the CDU quarrelled with the FDP over taxes.")
    assert {world.entries[x].iso3 for x in jamaica.values()} == {"DEU"}


def test_a_joint_list_is_one_name_and_its_parties_their_own():
    world = load_world()
    text = (
        "In Germany the CDU/CSU agreed a coalition with the SPD, though the CSU held out over "
        "migration and the CDU gave way."
    )
    refs = _refs(text, "2018-01")
    assert refs["CDU/CSU"] not in (refs["CDU"], refs["CSU"])
    assert refs["CDU"] != refs["CSU"]
    assert "/" in world.entries[refs["CDU/CSU"]].name


def test_joint_names_keep_a_joint_list_whole(build_script):
    mod = build_script
    rows = [
        {"country": "XYZ", "partyfacts_id": "1", "name_short": "ABC", "year_first": "1950",
         "year_last": "", "name_english": "Alpha Union", "name": "", "name_other": ""},
        {"country": "XYZ", "partyfacts_id": "2", "name_short": "DEF", "year_first": "1950",
         "year_last": "", "name_english": "Beta Union", "name": "", "name_other": ""},
        {"country": "XYZ", "partyfacts_id": "3", "name_short": "ABC/DEF", "year_first": "1950",
         "year_last": "", "name_english": "Alpha Union / Beta Union", "name": "",
         "name_other": ""},
        {"country": "XYZ", "partyfacts_id": "4", "name_short": "GHI/JKL", "year_first": "1950",
         "year_last": "", "name_english": "Gamma League / Delta League", "name": "",
         "name_other": ""},
    ]  # fmt: skip
    whole = mod.whole_names(rows)
    assert mod.joint_names(rows[2], "name_short", whole) == ["ABC/DEF"]
    assert mod.joint_names(rows[2], "name_english", whole) == ["Alpha Union / Beta Union"]
    # a field whose parts are no other party's names is two names of one party
    assert mod.joint_names(rows[3], "name_short", whole) == ["GHI", "JKL"]
    # another country's party or another era's does not make a list joint
    rows[0]["country"], rows[1]["year_last"] = "UVW", "1949"
    assert mod.joint_names(rows[2], "name_short", mod.whole_names(rows)) == ["ABC", "DEF"]


def test_a_possessor_or_a_bracketed_acronym_is_not_part_of_the_name():
    from spacy.tokens import Span

    from factions.text.gazetteer.matcher import _inside_longer_name
    from factions.text.nlp import load_nlp

    demonyms = load_world().demonyms
    doc = load_nlp()("Yesterday Jan Vermeer's Party for Freedom (PVV) left the cabinet.")
    name = next(i for i, t in enumerate(doc) if t.text == "Party")
    pvv = next(i for i, t in enumerate(doc) if t.text == "PVV")
    doc.ents = [Span(doc, 1, pvv + 1, label="ORG")]  # NER ran the three together
    assert not _inside_longer_name(doc, name, name + 3, demonyms)
    assert not _inside_longer_name(doc, pvv, pvv + 1, demonyms)
    doc.ents = [Span(doc, 1, name + 3, label="ORG")]
    doc2 = load_nlp()("Yesterday the Jan Vermeer Party for Freedom left the cabinet.")
    k = next(i for i, t in enumerate(doc2) if t.text == "Party")
    doc2.ents = [Span(doc2, 2, k + 3, label="ORG")]  # a longer name without a possessor
    assert _inside_longer_name(doc2, k, k + 3, demonyms)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("In Warsaw the Sejm passed the law over the objections of the opposition.", "POL-SEJM"),
        ("The Knesset election of 2006 brought a new party to power.", "ISR-KN"),  # no role
        ("Three deputies walked out of the Lok Sabha in protest.", "IND-LS"),
        ("The U.S. Congress froze the aid package in March.", "USA-CON"),
    ],
)
def test_a_legislature_known_by_its_own_name_is_an_actor(extractor, text, code):
    actors = {am.actor.external_id: am.actor for am in _actors(extractor, text)}
    assert f"legislature:{code}" in actors
    assert actors[f"legislature:{code}"].kind.value == "government_body"


def test_the_legislature_table_names_each_body_once():
    world = load_world()
    legislatures = [e for e in world.entries.values() if e.source == "legislature"]
    assert len(legislatures) > 40
    owners: dict[tuple[str, ...], set[str]] = {}
    for names in world.index.values():
        for name in names:
            if name.external_id.startswith("legislature:"):
                owners.setdefault(name.words, set()).add(name.external_id)
    assert all(len(ids) == 1 for ids in owners.values())
    for e in legislatures:
        assert f"iso3:{e.iso3}" in world.entries, e.name  # a state of ISO 3166
        clash = [
            n for n in world.named(name_words(e.name)) if n.external_id.startswith("partyfacts:")
        ]
        assert not clash, e.name  # no party bears a legislature's own name


def test_a_list_of_names_is_no_apposition(extractor):
    text = (
        "The new government rested on an alliance of the PMDB, the PSDB, the Democrats "
        "(DEM) and a bloc of smaller parties."  # no country: the parser's reading decides
    )
    names = [am.actor.name for am in _actors(extractor, text)]
    pmdb = next(am for am in _actors(extractor, text) if "PMDB" in [m.text for m in am.mentions])
    assert "PSDB" not in [m.text for m in pmdb.mentions], names


def test_dotted_acronyms_resolve(extractor):
    text = (
        "The U.S. asked the U.N. to act, and the U.N. Security Council condemned Syria. "
        "The US envoy met the UN envoy."
    )
    found = _by_ext(_actors(extractor, text))
    assert {m.text for m in found["iso3:USA"].mentions} >= {"U.S.", "US"}
    assert {m.text for m in found["igo:UN"].mentions} >= {"U.N.", "UN"}
    assert "U.N. Security Council" in {m.text for m in found["igo:UNSC"].mentions}
    assert found["iso3:SYR"].actor.name == "Syria"


def test_an_acronym_of_ordinary_english_is_no_party(extractor):
    text = "In Iraq, aid reached the IDP camps near Mosul."
    assert not any(
        (am.actor.external_id or "").startswith("partyfacts:") for am in _actors(extractor, text)
    )


def test_two_documents_naming_one_party_differently_merge_by_external_id(extractor):
    d1 = Document("one", "In Iraq, the Patriotic Union of Kurdistan opposed Nouri al-Maliki.")
    d2 = Document("two", "In Iraq, Yekêtiy Nîştimaniy Kurdistan backed Masoud Barzani.")
    system = aggregate(extractor.extract_many([d1, d2]))
    puk = [a for a in system.actors if a.external_id == "partyfacts:5616"]
    assert len(puk) == 1
    assert "Yekêtiy Nîştimaniy Kurdistan" in puk[0].names()
    partners = {r.other(puk[0].id) for r in system.relations_of(puk[0].id)}
    names = {system.actor(x).name for x in partners}
    assert any("Maliki" in n for n in names) and any("Barzani" in n for n in names)


def test_system_merge_joins_on_external_id_and_keeps_one_slug_apart():
    one = System(
        actors=(
            Actor(id="puk", name="PUK", kind="party", external_id="partyfacts:5616"),
            Actor(id="labour", name="Labour", kind="party", external_id="partyfacts:1516"),
            Actor(id="x", name="X"),
        ),
        relations=(Relation(a="puk", b="x", sign=1, kind="support"),),
    )
    two = System(
        actors=(
            Actor(
                id="patriotic_union_of_kurdistan",
                name="Patriotic Union of Kurdistan",
                kind="party",
                external_id="partyfacts:5616",
            ),
            Actor(id="labour", name="Labour", kind="party", external_id="partyfacts:9999"),
            Actor(id="y", name="Y"),
        ),
        relations=(
            Relation(a="patriotic_union_of_kurdistan", b="y", sign=-1, kind="rivalry"),
            Relation(a="labour", b="y", sign=1, kind="support"),
        ),
    )
    merged = one.merge(two)
    ids = {a.id for a in merged.actors}
    assert "patriotic_union_of_kurdistan" not in ids
    assert merged.actor("puk").external_id == "partyfacts:5616"
    assert "Patriotic Union of Kurdistan" in merged.actor("puk").aliases
    assert merged.relation("puk", "y").sign == -1
    # one slug, two parties: the second is kept apart under a suffixed id
    assert merged.actor("labour-2").external_id == "partyfacts:9999"
    assert merged.relation("labour-2", "y").sign == 1
    assert merged.relation("labour", "y") is None


def test_external_id_is_checked():
    with pytest.raises(ValueError, match="scheme:code"):
        Actor(id="a", name="A", external_id="IRQ")


ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def build_script():
    """``scripts/build_gazetteer.py`` as a module (it is a script, not part of the package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "scripts" / "build_gazetteer.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.shared
def test_the_shipped_party_table_is_what_the_build_script_writes(shared, tmp_path, build_script):
    """parties.tsv is produced by scripts/build_gazetteer.py from the Party Facts file."""
    source = shared / "data" / "reference" / "partyfacts" / "partyfacts-core-parties.csv"
    if not source.is_file():
        pytest.skip("the Party Facts file is not in ../shared")
    mod, root = build_script, ROOT
    out = tmp_path / "parties.tsv"
    assert mod.build(source, out) > 5000
    shipped = root / "src" / "factions" / "text" / "gazetteer" / "data" / "parties.tsv"
    assert out.read_bytes() == shipped.read_bytes()


def test_the_world_gazetteer_can_be_switched_off():
    from factions.text.pipeline import Extractor

    plain = Extractor(world=False)
    r = plain.extract(Document("d", "In Iraq, the PUK backed the U.N. plan."))
    assert not any(
        (am.actor.external_id or "").startswith(("partyfacts:", "igo:")) for am in r.actors
    )


def test_a_town_is_a_place_not_an_actor(extractor):
    text = (
        "The rebels shelled Gori and Zugdidi before the ceasefire. Later Governor Ana Beridze "
        "visited Kutaisi, where the opposition accused the government of fraud."
    )
    names = {m.text for am in _actors(extractor, text) for m in am.mentions}
    assert not names & {"Gori", "Zugdidi", "Kutaisi"}


def test_a_town_name_that_acts_or_is_a_capital_stays_an_actor(extractor):
    text = (
        "Taylor resigned in August and flew into exile. Hours later Monrovia accused the "
        "rebels of breaking the truce."
    )
    names = {m.text for am in _actors(extractor, text) for m in am.mentions}
    assert "Taylor" in names  # a town in the place table, but it resigns
    assert "Monrovia" in names  # a capital stands for its government


def test_the_place_table_loads_and_holds_towns_not_countries():
    from factions.text.gazetteer import load_places

    places = load_places()
    assert len(places) > 30000
    assert {("gori",), ("kutaisi",), ("port", "au", "prince")} <= places
    assert ("georgia",) not in places and ("haiti",) not in places


def test_an_organisation_name_inside_a_longer_name_is_not_that_organisation(extractor):
    def ext_ids(text: str) -> set[str]:
        r = extractor.extract(Document("t", text))
        return {am.actor.external_id or "" for am in r.actors}

    assert "igo:UNSC" in ext_ids("Russia and the Security Council clashed over Sudan.")
    assert "igo:UNSC" not in ext_ids(
        "The African Union Peace and Security Council suspended Sudan's membership."
    )


def test_a_hyphenated_adjective_before_a_party_is_no_part_of_its_name(extractor):
    """ "the neo-Nazi Golden Dawn": "Nazi" is half of an adjective, not a longer name that
    "Golden Dawn" would be inside."""
    found = _by_ext(
        _actors(
            extractor,
            "In Greece New Democracy won, while the neo-Nazi Golden Dawn, whose leaders "
            "were on trial, lost all its seats.",
        )
    )
    assert found["partyfacts:1660"].actor.name == "Golden Dawn"


def test_a_list_row_naming_two_known_parties_keeps_both(extractor):
    """A list row's label "Shiv Sena and Telugu Desam Party" names two listed parties, not
    one party of that name."""
    text = (
        "After the election in India the BJP relied on its allies:\n\n"
        "- Shiv Sena and Telugu Desam Party: partners of the BJP, each given a ministry\n"
        "- Janata Dal (United): joined the government in June\n"
    )
    actors = _actors(extractor, text)
    found = _by_ext(actors)
    assert {"partyfacts:2394", "partyfacts:2492"} <= set(found)
    assert not any(" and " in am.actor.name for am in actors)


def test_a_long_acronym_written_as_a_word_is_the_party(extractor):
    found = _by_ext(
        _actors(
            extractor,
            "In Greece, Syriza won the January election and formed a government with the "
            "Independent Greeks, whom New Democracy accused of betraying the right.",
            "syriza",
        )
    )
    assert "Syriza" in {m.text for m in found["partyfacts:301"].mentions}


def test_a_hyphenated_word_and_a_name_ner_runs_on_still_match(extractor):
    def ext_ids(text: str) -> set[str]:
        r = extractor.extract(Document("t", text))
        return {am.actor.external_id or "" for am in r.actors}

    assert "igo:OSCE" in ext_ids(
        "Belgrade agreed to admit a verification mission of the Organization for Security "
        "and Co-operation in Europe, which Washington had demanded."
    )
    assert "igo:UNSC" in ext_ids(
        "The adoption by the UN Security Council of Resolution 2127 authorised France to "
        "send troops, and Paris deployed them within days."
    )
    assert "igo:ECB" in ext_ids(
        "The European Central Bank capped emergency liquidity to Greek banks, and Athens "
        "closed them for a week."
    )


def test_an_iso_qualifier_is_no_name_of_its_own(extractor):
    world = load_world()
    assert "british" not in world.countries  # ISO's "Virgin Islands, British"
    assert world.demonyms["british"] == "United Kingdom"
    assert "metropolitan" not in world.countries  # "France, Metropolitan"
    assert "province of china" not in world.countries  # "Taiwan, Province of China"
    assert world.countries["british virgin islands"] == "British Virgin Islands"
    found = _by_ext(
        _actors(extractor, "British troops and Qatari and Turkish advisers backed the rebels.")
    )
    assert {"iso3:GBR", "iso3:QAT", "iso3:TUR"} <= set(found)
    assert "iso3:VGB" not in found


def test_a_seat_of_government_is_its_state_unless_used_as_a_place(extractor):
    # "the Kremlin" and "Moscow" are one actor, Russia, as ANNOTATION.md reads a capital used
    # for its government; the White House as the place protesters gather is no actor
    actors = _actors(
        extractor,
        "Moscow armed the separatists, and Kyiv accused the Kremlin of waging a proxy war.",
    )
    assert "iso3:RUS" in _by_ext(actors)
    assert not any("Kremlin" in am.actor.name for am in actors)
    found = _by_ext(
        _actors(extractor, "Protesters gathered outside the White House on Sunday in Kyiv.")
    )
    assert "iso3:USA" not in found


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Belgrade accused KFOR of failing to stop the attacks, and the mission denied it.",
            "KFOR",
        ),
        ("The Taliban attacked ISAF bases in Helmand, and NATO sent reinforcements.", "ISAF"),
        ("Chad's government welcomed EUFOR, while the rebels denounced the force.", "EUFOR"),
        ("Unasur leaders condemned the impeachment and suspended Paraguay.", "UNASUR"),
        ("Nigeria led ECOMIL into Monrovia after Taylor agreed to leave.", "ECOMIL"),
        # a spelling the data gives beside the acronym is matched in any case
        ("Moscow warned Nato against admitting Georgia and Ukraine.", "NATO"),
        ("Relations between Russia and Nato collapsed after the summit.", "NATO"),
        ("Relations between Russia and NATO collapsed after the summit.", "NATO"),
        ("Relations between Brazil and MERCOSUR cooled after the summit.", "MERCOSUR"),
        ("The Secretary General of NATO flew to Kyiv.", "NATO"),
    ],
)
def test_multinational_missions_and_regional_bodies_are_found(extractor, text, code):
    r = extractor.extract(Document("t", text))
    assert f"igo:{code}" in {am.actor.external_id or "" for am in r.actors}


def test_an_acronym_written_in_lower_case_is_no_name(extractor):
    r = extractor.extract(Document("t", "Critics said the nato summit achieved little for Russia."))
    assert "igo:NATO" not in {am.actor.external_id or "" for am in r.actors}


def _refs(text: str, date: str | None = None) -> dict[str, str]:
    from factions.text.gazetteer.matcher import find_world_references
    from factions.text.lexicon import load_lexicon
    from factions.text.nlp import load_nlp

    doc = load_nlp()(text)
    refs = find_world_references(doc, load_world(), load_lexicon(), date)
    return {doc[m.start : m.end].text: m.external_id for m in refs}


@pytest.mark.parametrize(
    ("text", "date", "name", "external_id"),
    [
        # a subtitle after a dash left out: "Order and Justice – Liberal Democratic Party"
        (
            "In Lithuania the Social Democrats courted Order and Justice before the vote.",
            "2016-10",
            "Order and Justice",
            "partyfacts:237",
        ),
        # the party's own country left out: "Swedish People's Party of Finland"
        (
            "In Finland the Swedish People's Party stayed in opposition to the cabinet.",
            "2015-09",
            "Swedish People's Party",
            "partyfacts:1229",
        ),
        # a qualifier in brackets left out: "Civic Position (Anatolii Grytsenko)"
        (
            "In Ukraine, Civic Position refused to back the new coalition government.",
            "2014-11",
            "Civic Position",
            "partyfacts:4780",
        ),
        # an optional bracketed word: "[New] Liberal Alliance"
        (
            "In Denmark the Liberal Alliance demanded tax cuts from the government.",
            "2015-12",
            "Liberal Alliance",
            "partyfacts:212",
        ),
        # an acronym's number written apart: "TOP09"
        (
            "In the Czech Republic ODS and TOP 09 voted against the caretaker cabinet.",
            "2013-08",
            "TOP 09",
            "partyfacts:223",
        ),
        # a name joined to digits is capitalised by its letters
        (
            "In Poland, Kukiz'15 refused to join the coalition led by Law and Justice.",
            "2015-11",
            "Kukiz'15",
            "partyfacts:4631",
        ),
        # a short name of letters and digits is a code, not a three-letter word
        (
            "In the Netherlands, D66 joined the cabinet led by the VVD.",
            "2017-10",
            "D66",
            "partyfacts:45",
        ),
        (
            "In Italy the M5S refused to back the government of Marco Velli.",
            "2022-07",
            "M5S",
            "partyfacts:2046",
        ),
    ],
)
def test_the_short_forms_texts_use_for_listed_party_names(text, date, name, external_id):
    assert _refs(text, date).get(name) == external_id


def test_a_demonym_inside_a_party_name_does_not_name_its_country():
    # "Swedish" opens a Finnish party's name: Sweden is not the document's country, so the
    # generic "Christian Democrats" is Finland's party, not left tied with Sweden's
    text = "In Finland the Swedish People's Party and the Christian Democrats went into opposition."
    refs = _refs(text, "2015-09")
    assert refs.get("Christian Democrats") == "partyfacts:703"


def test_two_factions_deriving_one_name_leave_it_to_the_party_that_lists_it():
    # the MDC-T and MDC-N rows both shorten to "Movement for Democratic Change": neither
    # takes it, and the MDC itself is still found
    world = load_world()
    holders = {
        n.external_id
        for n in world.index2.get(("movement", "for"), ())
        if n.words == name_words("Movement for Democratic Change")
    }
    assert len(holders) == 1
    refs = _refs("In Zimbabwe, the Movement for Democratic Change rejected the result.", "2013-08")
    assert refs.get("Movement for Democratic Change") in holders


def test_a_derived_form_names_its_party_only_in_the_partys_years():
    # "Green Party (1992)" shortens to "Green Party": not the Slovak Greens of 2016
    assert _refs("In Slovakia, the Green Party failed to enter parliament.", "2016-03") == {}


@pytest.mark.parametrize(
    ("text", "acronym"),
    [
        ("Caracas Mayor Erika Farias said the PSUV would win the vote.", "PSUV"),
        ("Lima Mayor Jorge Munoz said APRA had blocked the reform.", "APRA"),
    ],
)
def test_a_capital_before_a_title_still_names_its_country(text, acronym):
    assert acronym in _refs(text, "2019-05")


def test_a_party_named_after_its_own_country_still_names_the_country():
    # "Pakistan" opens a Pakistani party's name: Pakistan stays the document's country, and
    # the acronym that needs it is found
    refs = _refs("The Pakistan Peoples Party said the PTI had rigged the vote.", "2018-07")
    assert refs.get("PTI") == "partyfacts:5587"


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # a derived form needs its party's country: Austria's parliament is no Sierra Leone
        # party ("National Council of Sierra Leone")
        ("In Vienna the National Council approved the budget on Tuesday.", "2018-11"),
        # a one-word derived form that is an English word is never a party ("Citizens --
        # Party of the Citizenry")
        ("Citizens queued for hours to vote in Madrid on Sunday, Spanish officials said.", "2019"),
    ],
)
def test_a_derived_form_does_not_match_outside_its_country_or_as_a_word(text, date):
    assert _refs(text, date) == {}


def test_a_reference_actor_joins_the_shorter_name_the_text_uses_for_it(extractor):
    # Party Facts lists Finland's Centre Party as "Agrarian Union / Centre Party": "the
    # Centre" joins the name the text used, not only the listed display name
    text = (
        "In Finland, the Centre Party won the election in April. Three weeks later the "
        "Centre formed a cabinet with the Finns Party."
    )
    found = _by_ext(_actors(extractor, text))
    assert "Centre" in {m.text for m in found["partyfacts:901"].mentions}


def test_a_derived_form_never_takes_a_listed_name_from_another_party(build_script):
    mod = build_script
    assert mod.derived_names("Liberal Party – Aliancistas", set()) == ["Liberal Party"]
    assert mod.derived_names("Congress (O)", set()) == []  # a one-letter faction is its own
    assert mod.derived_names("Swedish People's Party of Finland", {"finland"}) == [
        "Swedish People's Party"
    ]
    assert mod.derived_names("Liberal Party of Newfoundland", {"canada"}) == []
    assert mod.derived_names("Communist Party of Georgia", {"georgia"}) == []  # generic
    # a bracketed note is no optional word; a country drop must leave a party's head word
    assert mod.derived_names("Moderate Opposition [no-party]", set()) == []
    assert (
        mod.derived_names("Democratic Front for the Liberation of Palestine", {"palestine"}) == []
    )
    # years: a one-year party overlaps the party it ended with; a successor founded the year
    # its forerunner ended does not
    assert mod._overlap(("1995", "1995"), ("1993", "1995"))
    assert not mod._overlap(("1905", "1970"), ("1970", ""))
    assert mod.acronym_forms("FUNC-INPEC") == ["FUNCINPEC"]
    assert mod.acronym_forms("SDKU-DS") == []
    # the Philippines' Liberal Party keeps its name: the shipped table gives it one party
    world = load_world()
    phl = {
        n.external_id
        for n in world.index2.get(("liberal", "party"), ())
        if n.words == ("liberal", "party") and world.entries[n.external_id].iso3 == "PHL"
    }
    assert phl == {"partyfacts:2330"}


def test_a_capital_that_opens_a_persons_name_does_not_name_its_country():
    # "Santiago Abascal" is not Santiago de Chile: Spain alone decides which "Ciudadanos"
    text = (
        "In Madrid, Santiago Abascal of Vox attacked Albert Rivera, the leader of "
        "Ciudadanos, over the unity of Spain."
    )
    assert _refs(text, "2019-09").get("Ciudadanos") == "partyfacts:3217"


def test_a_reference_names_subtitle_does_not_absorb_another_party(extractor):
    # Party Facts lists "Order and Justice – Liberal Democratic Party": the Liberal Movement
    # shares a word with the subtitle only, and stays a party of its own
    text = (
        "In Lithuania, the Farmers courted Order and Justice before the vote. The "
        "conservatives went into opposition together with the Liberal Movement."
    )
    found = _by_ext(_actors(extractor, text))
    oj = found["partyfacts:237"]
    assert {m.text for m in oj.mentions} == {"Order and Justice"}


def test_an_acronym_written_as_a_word_that_ner_takes_for_a_place():
    # NER guesses GPE for the unknown word; it is no state's or town's name, and Party Facts
    # lists the party as FUNC-INPEC (its two halves written as one word here)
    refs = _refs("In Cambodia, most of the seats went to the royalist Funcinpec.", "2017-11")
    assert refs.get("Funcinpec") == "partyfacts:3764"


def test_a_reference_actor_is_named_as_the_text_names_it(extractor):
    # Party Facts' English name for Vox is "Voice": the actor keeps the name the text uses,
    # its external id says which party it is; an acronym alone leaves the listed name
    text = (
        "In Spain, Vox refused to back the budget, and Vox deputies walked out. In Iraq, "
        "the PUK rejected the plan."
    )
    found = _by_ext(_actors(extractor, text))
    assert found["partyfacts:3218"].actor.name == "Vox"
    assert found["partyfacts:5616"].actor.name == "Patriotic Union of Kurdistan"


def test_a_listed_name_that_opens_a_bracket_keeps_its_closing_bracket(extractor):
    actors = _actors(
        extractor, "The Communist Party of India (Marxist) backed the new government in May."
    )
    texts = [m.text for a in actors for m in a.mentions]
    assert "Communist Party of India (Marxist)" in texts
    assert "Communist Party of India (Marxist" not in texts
