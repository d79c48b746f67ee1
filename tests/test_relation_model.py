"""The trained relation model: candidates, features, the classifier, its artifact, training."""

from __future__ import annotations

import gzip
import json
import socket

import numpy as np
import pytest

from factions.text.candidates import candidate_pairs, mention_heads
from factions.text.documents import Document
from factions.text.features import (
    doc_triggers,
    event_root,
    pair_features,
    shortest_path,
    trigger_of,
)
from factions.text.lexicon import load_lexicon, parse_event_phrases, parse_event_verbs
from factions.text.nlp import load_nlp
from factions.text.pipeline import Extractor
from factions.text.relation_model import ModelFileError, RelationModel, load_relation_model
from factions.text.relation_model.datasets import DatasetError, directed_sentiment
from factions.text.relation_model.train import TrainConfig, fit, macro_f1


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def model_extractor():
    return Extractor()


def _pairs(extractor, text):
    r = extractor.extract(Document("t", text))
    names = {am.actor.id: am.actor.name for am in r.actors}
    return {(frozenset((names[x.a], names[x.b])), x.sign) for x in r.relations}


# --- candidates and features ---------------------------------------------------------------


def test_every_co_mentioned_pair_is_a_candidate_and_excluded_entities_never_pair(nlp):
    doc = nlp("Ardenia, Belmora and Corvalia met. Ardenia left.")
    heads = {0: [0], 2: [1], 4: [2], 8: [0]}
    cands = candidate_pairs(doc, heads)
    assert [(c.a, c.b, c.sent) for c in cands] == [(0, 1, 0), (0, 2, 0), (1, 2, 0)]
    assert all(c.sent_end == 7 for c in cands)
    assert [(c.a, c.b) for c in candidate_pairs(doc, heads, frozenset({1}))] == [(0, 2)]


def test_a_plural_reference_stands_for_each_of_its_entities(nlp):
    doc = nlp("The two parties quarrelled.")
    heads = mention_heads(doc, [], {2: (4, 7)})
    assert [(c.a, c.b) for c in candidate_pairs(doc, heads)] == [(4, 7)]


def test_features_are_symmetric_in_the_two_mentions(nlp):
    lex = load_lexicon()
    doc = nlp("The Dawn Front accused the Ruvian government of funding the rebels.")
    a = [t.i for t in doc if t.text == "Front"]
    b = [t.i for t in doc if t.text == "government"]
    fa = pair_features(doc, a, b, lex, kind_a="party", kind_b="state")
    fb = pair_features(doc, b, a, lex, kind_a="state", kind_b="party")
    assert fa == fb
    assert fa["lca:accuse"] == 1.0 and "trig-path:-" in fa


def test_shortest_path_goes_through_the_lowest_common_ancestor(nlp):
    doc = nlp("Tarvos sent weapons to Ulden.")
    up, lca, down = shortest_path(doc[0], doc[4])
    assert lca.text == "sent" and [t.text for t in up] == ["Tarvos"]
    assert [t.text for t in down] == ["Ulden", "to"]


def test_per_document_caches_agree_with_the_token_functions(nlp):
    lex = load_lexicon()
    doc = nlp("Tarvos condemned Ulden, and Ulden backed the Azure Front against Tarvos.")
    assert doc_triggers(doc, lex) == [trigger_of(t, lex) for t in doc]
    a = [t.i for t in doc if t.text == "Tarvos"]
    b = [t.i for t in doc if t.text == "Front"]
    first = pair_features(doc, a, b, lex)
    assert pair_features(doc, a, b, lex) == first  # the cached second read is the same
    fresh = nlp(doc.text)
    assert pair_features(fresh, a, b, lex) == first


def test_a_cancelled_trigger_states_the_opposite_sign(nlp):
    lex = load_lexicon()
    lifted = nlp("Tarvos lifted the sanctions against Ulden.")
    imposed = nlp("Tarvos imposed sanctions against Ulden.")
    ended = nlp("Tarvos ended its alliance with Ulden.")
    kept = nlp("Tarvos renewed its alliance with Ulden.")

    def eff(doc):
        f = pair_features(doc, [0], [len(doc) - 2], lex)
        return {k for k in f if k.startswith("trig-path-eff:")}

    assert eff(imposed) == {"trig-path-eff:-"}
    assert eff(lifted) == {"trig-path-eff:+"}
    assert eff(ended) == {"trig-path-eff:-"}
    assert eff(kept) == {"trig-path-eff:+"}


def test_a_cameo_event_verb_on_the_path_gives_its_root_and_class(nlp):
    # verbs no trigger lists: the CAMEO dictionary's class still states cooperation or conflict
    lex = load_lexicon()
    assert lex.event_verbs["airlift"] == 7 and lex.event_verbs["lecture"] == 11

    def events(text):
        doc = nlp(text)
        f = pair_features(doc, [0], [len(doc) - 2], lex)
        return {k for k in f if k.startswith("event-path")}

    assert "airlift" not in lex.verbs and "lecture" not in lex.verbs
    assert events("Tarvos airlifted supplies to Ulden.") == {
        "event-path:07",
        "event-path-class:material-cooperation",
    }
    assert events("Tarvos lectured Ulden.") == {"event-path:11", "event-path-class:verbal-conflict"}
    assert events("Tarvos never lectured Ulden.") == {
        "event-path:11",
        "event-path-class:not-verbal-conflict",
    }
    assert events("Tarvos and Ulden are neighbours.") == set()


def test_a_cameo_verb_pattern_gives_the_root_of_the_phrase(nlp):
    # "take" alone is a seizure (17); with its object or phrase, the pattern decides
    lex = load_lexicon()
    assert lex.event_verbs["take"] == 17

    def root(text, verb):
        doc = nlp(text)
        return event_root(next(t for t in doc if t.lower_ == verb), lex)

    assert root("Tarvos took part in the talks with Ulden.", "took") == 3
    assert root("Tarvos took the capital of Ulden.", "took") == 17
    assert root("The Tarvos police took the Ulden envoy into custody.", "took") == 17
    assert root("Tarvos held talks with Ulden.", "held") == 4  # "hold" alone has no root
    assert root("Tarvos held a rally against Ulden.", "held") == 14

    doc = nlp("Tarvos took part in talks with Ulden.")
    f = pair_features(doc, [0], [len(doc) - 2], lex)
    assert "event-path-class:verbal-cooperation" in f
    assert "event-path-class:material-conflict" not in f


def test_an_event_phrase_table_expands_synonym_sets_and_prefers_a_named_word():
    table = "verb\tprep\tobject\troot\nhold\t-\t&meeting\t04\nhold\t-\tsession\t00\n"
    table += "take\tinto\t&jail\t17\n"
    sets = "set\tword\n&meeting\tsummit\n&meeting\tsession\n&jail\tcustody\n"
    phrases = parse_event_phrases(table, sets)
    assert phrases["hold"] == {("-", "summit"): 4, ("-", "session"): 0}
    assert phrases["take"] == {("into", "custody"): 17}


@pytest.mark.parametrize(
    "line, message",
    [
        ("hold\t-\ttalks", "line 3: expected 'verb<TAB>prep<TAB>object<TAB>root'"),
        ("hold\t-\ttalks\t21", "line 3: expected 'verb<TAB>prep<TAB>object<TAB>root'"),
        ("hold\t\ttalks\t04", "line 3: expected 'verb<TAB>prep<TAB>object<TAB>root'"),
        ("hold\t-\t&rally\t14", "line 3: object '&rally' names a synonym set that"),
    ],
)
def test_a_malformed_event_phrase_line_names_file_and_line(line, message):
    table = f"verb\tprep\tobject\troot\ntake\t-\tpart\t03\n{line}\n"
    with pytest.raises(ValueError, match=r"lexicon/p\.tsv, " + message):
        parse_event_phrases(table, "set\tword\n", "p.tsv", "s.tsv")


@pytest.mark.parametrize("line", ["spurn\t21", "spurn", "\t11", "spurn\televen"])
def test_a_malformed_event_verb_line_names_file_and_line(line):
    with pytest.raises(ValueError, match=r"lexicon/x\.tsv, line 3: expected 'lemma<TAB>root'"):
        parse_event_verbs(f"lemma\troot\naccuse\t11\n{line}\n", "x.tsv")


@pytest.mark.parametrize(
    "table, message",
    [
        ("accuse\t11\nspurn\t11\n", r", line 1: expected the header 'lemma\\troot', got 'accuse"),
        ("lemma\troot\n", r": the table has a header and no rows"),
        ("lemma\troot\naccuse\t11\nAccuse\t05\n", r", lines 2 and 3: 'accuse' is listed twice"),
        ("lemma\troot\naccuse\t\u0661\u0661\n", r", line 2: expected 'lemma<TAB>root'"),
        ("lemma\troot\naccuse\t\u00b2\n", r", line 2: expected 'lemma<TAB>root'"),
    ],
)
def test_an_event_verb_table_that_would_load_wrongly_is_an_error(table, message):
    with pytest.raises(ValueError, match=r"lexicon/x\.tsv" + message):
        parse_event_verbs(table, "x.tsv")


def test_an_event_table_is_read_in_lower_case_as_it_is_looked_up():
    assert parse_event_verbs("lemma\troot\nSpurn\t11\n") == {"spurn": 11}
    phrases = parse_event_phrases("verb\tprep\tobject\troot\nHold\t-\tTalks\t04\n", "set\tword\n")
    assert phrases == {"hold": {("-", "talks"): 4}}


def test_an_event_phrase_row_listed_twice_is_an_error_naming_both_lines():
    table = "verb\tprep\tobject\troot\nhold\t-\ttalks\t04\nhold\t-\ttalks\t00\n"
    with pytest.raises(ValueError, match=r"lexicon/p\.tsv, lines 2 and 3: 'hold - talks'"):
        parse_event_phrases(table, "set\tword\n", "p.tsv", "s.tsv")


def test_rule_findings_are_features_by_rule_and_sign(nlp):
    class F:
        sign, past, rule, pattern = -1, False, "verb-active", "verb"

    doc = nlp("Tarvos attacked Ulden.")
    f = pair_features(doc, [0], [2], load_lexicon(), findings=[F()])
    assert f["rule:verb-active:-"] == 1.0 and f["rule-any"] == 1.0


# --- the classifier and its artifact ---------------------------------------------------------


def test_the_packaged_model_loads_offline(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the relation model touched the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    load_relation_model.cache_clear()
    m = load_relation_model()
    assert m.classes == (0, 1, -1) and len(m.features) == m.coef.shape[1]
    assert 0.0 < m.threshold < 1.0 and m.meta["metrics"]


def test_a_bad_model_file_is_a_clear_error(tmp_path):
    p = tmp_path / "m.json.gz"
    p.write_bytes(b"not a model")
    with pytest.raises(ModelFileError, match="not a relation model file"):
        RelationModel.load(p)
    p.write_bytes(gzip.compress(json.dumps({"format": 99}).encode()))
    with pytest.raises(ModelFileError, match="format 99"):
        RelationModel.load(p)
    with pytest.raises(ModelFileError, match="cannot read"):
        RelationModel.load(tmp_path / "missing.json.gz")


def _tsv(tmp_path, rows):
    p = tmp_path / "train.tsv"
    p.write_text("".join(f"{s}\t{a}\t{b}\t{y}\n" for s, a, b, y in rows), "utf-8")
    return p


_ROWS = [
    ("[Tarvos] armed the rebels of [Ulden].", "Tarvos", "Ulden", 1),
    ("[Corvalia] praised [Ardenia] for its help.", "Corvalia", "Ardenia", 1),
    ("[Belmora] shelled the border posts of [Ostra].", "Belmora", "Ostra", 3),
    ("[Ostra] denounced [Tarvos] at the summit.", "Ostra", "Tarvos", 4),
    ("[Ulden] and [Corvalia] both held elections in May.", "Ulden", "Corvalia", 0),
    ("Talks in [Ardenia] were attended by [Belmora].", "Ardenia", "Belmora", 0),
    ("[Tarvos] funded the campaign of [Corvalia].", "Tarvos", "Corvalia", 1),
    ("[Belmora] expelled the envoy of [Ulden].", "Belmora", "Ulden", 3),
]


def test_training_reads_the_labelled_sentences_and_is_deterministic(tmp_path, nlp):
    examples = directed_sentiment(_tsv(tmp_path, _ROWS), nlp, load_lexicon())
    assert [e.label for e in examples] == [1, 1, -1, -1, 0, 0, 1, -1]
    cfg = TrainConfig(C=1.0, min_count=1)
    one, two = fit(examples, cfg), fit(examples, cfg)
    assert one.features == two.features
    np.testing.assert_array_equal(one.coef, two.coef)
    one.save(tmp_path / "a.json.gz")
    two.save(tmp_path / "b.json.gz")
    assert (tmp_path / "a.json.gz").read_bytes() == (tmp_path / "b.json.gz").read_bytes()
    back = RelationModel.load(tmp_path / "a.json.gz")
    rows = [e.features for e in examples]
    np.testing.assert_allclose(back.predict_proba(rows), one.predict_proba(rows), atol=1e-5)


def test_shipped_probabilities_equal_scikit_learns(tmp_path, nlp):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    examples = directed_sentiment(_tsv(tmp_path, _ROWS), nlp, load_lexicon())
    model = fit(examples, TrainConfig(C=1.0, min_count=1))
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([e.features for e in examples])
    clf = LogisticRegression(C=1.0, max_iter=3000, random_state=2012)
    clf.fit(x, [e.label for e in examples])
    order = [list(clf.classes_).index(c) for c in model.classes]
    expected = clf.predict_proba(x)[:, order]
    np.testing.assert_allclose(model.predict_proba([e.features for e in examples]), expected)


def test_a_malformed_training_line_names_file_and_line(tmp_path, nlp):
    p = tmp_path / "bad.tsv"
    p.write_text("[A] met [B].\tA\tB\t1\nno tabs here\n", "utf-8")
    with pytest.raises(DatasetError, match=r"bad.tsv:2: expected"):
        directed_sentiment(p, nlp, load_lexicon())


def test_macro_f1_over_three_classes():
    assert macro_f1([0, 1, -1], [0, 1, -1]) == 1.0
    assert macro_f1([1, 1], [0, 0]) == 0.0


# --- what the model reads ----------------------------------------------------------------------


def test_two_actors_and_no_relation_give_none(model_extractor):
    # Sentences with two actors and no stated relation. The model still pairs many such
    # co-mentions at low confidence (docs/model.md, "Known limits"); these it must not.
    for text in (
        "Turnout in Portugal was higher than in Norway.",
        "The Socialist Party won the election in Portugal, and the Labour Party led the count "
        "in Norway.",
        "Portugal held a parliamentary election in April. Norway held its own vote a week "
        "later, and turnout in Norway was low.",
    ):
        assert _pairs(model_extractor, text) == set(), text


# Paraphrases of ordinary political English that no rule unit reads (written for this test;
# none is in any training set). The packaged model found 3 of the 7 with the right sign when
# it was trained (docs/model.md); the test guards that floor and that the rules read none.
PARAPHRASES = [
    ("The Ostravan air force fired rockets into positions held by the Varn Liberation Front.", -1),
    ("Belmora channelled rifles and cash to the Harbin Popular Army throughout the war.", 1),
    ("The Tarvos government mobilised troops along the border in response to Ulden's moves.", -1),
    ("The Coastal Alliance rejected any engagement with the Kestrel Movement.", -1),
    ("The Junta of Ardenia was recognised by Corvalia as the legitimate government.", 1),
    ("Prime Minister Lena Vos bankrolled the campaign of the Civic Dawn Party.", 1),
    ("The Union of Free Farmers stood shoulder to shoulder with President Ilse Marr.", 1),
]


def test_the_model_reads_paraphrases_no_rule_covers(model_extractor):
    rules = Extractor(extractor="rules")
    right = 0
    for text, sign in PARAPHRASES:
        assert rules.extract(Document("t", text)).relations == [], text
        found = model_extractor.extract(Document("t", text)).relations
        right += any(r.sign == sign for r in found)
    assert right >= 3, f"{right} of {len(PARAPHRASES)}"


def test_repeated_folds_keep_a_polity_whole_and_differ_between_repeats():
    from types import SimpleNamespace

    from factions.text.relation_model.train import polity, polity_folds

    docs = [SimpleNamespace(gold={"doc_id": f"t{i:02d}_p{i % 9}_x"}) for i in range(36)]
    assignments = []
    for r in range(3):
        folds = polity_folds(docs, 4, r)
        assert sorted(i for f in folds for i in f) == list(range(36))
        for f in folds:  # a polity never straddles two folds
            others = {polity(docs[i].gold["doc_id"]) for g in folds if g is not f for i in g}
            assert not {polity(docs[i].gold["doc_id"]) for i in f} & others
        assignments.append(sorted(tuple(f) for f in folds))
    assert polity_folds(docs, 4, 0) == polity_folds(docs, 4)  # repeat 0: the original folds
    assert len({tuple(a) for a in assignments}) > 1


def test_features_of_the_other_actors_and_of_a_coordination(nlp):
    lex = load_lexicon()
    doc = nlp("Tarvos accused Ulden of arming Korvia.")
    t, u, k = ([x.i for x in doc if x.text == w] for w in ("Tarvos", "Ulden", "Korvia"))
    f = pair_features(doc, t, k, lex, others=u)
    assert f["others-btw:1"] == 1.0 and f["other-arg:dobj"] == 1.0  # Ulden is the accused
    direct = pair_features(doc, t, u, lex, others=k)
    assert "other-arg:dobj" not in direct and direct["others-btw:0"] == 1.0
    talks = nlp("Tarvos held talks with Ulden and Korvia.")
    u, k = ([x.i for x in talks if x.text == w] for w in ("Ulden", "Korvia"))
    g = pair_features(talks, u, k, lex)
    assert g["coordinated"] == 1.0 and g["coord-dep:pobj"] == 1.0 and g["coord-prep:with"] == 1.0
    clause = nlp("Tarvos won the vote, while Ulden lost it.")
    t, u = ([x.i for x in clause if x.text == w] for w in ("Tarvos", "Ulden"))
    assert pair_features(clause, t, u, lex)["btw-mark:while"] == 1.0


def test_modality_is_read_from_the_lexicons_modal_verbs(nlp):
    from dataclasses import replace

    lex = load_lexicon()
    doc = nlp("Tarvos could join Ulden.")
    t, u = ([x.i for x in doc if x.text == w] for w in ("Tarvos", "Ulden"))
    assert pair_features(doc, t, u, lex)["modal"] == 1.0
    assert "modal" not in pair_features(doc, t, u, replace(lex, modal_verbs=frozenset()))


def test_a_rule_that_reads_the_sign_gives_the_sign_the_model_doubts():
    from factions.text.candidates import Candidate
    from factions.text.relation_model.inference import PairInstance, ScoredPair, model_relations
    from factions.text.rules.arguments import Finding

    text = "Iran armed Hezbollah."
    cand = Candidate(0, 1, 0, 0, 4, (0,), (2,))
    hostile = Finding(0, 1, -1, "conflict", 0.9, "verb", 5, 10, 0, 4, rule="verb-object")

    def scored(findings):
        inst = PairInstance(cand, {}, findings, False, None, (0, 20), (0, len(text)))
        return ScoredPair(inst, p_none=0.3, p_pos=0.45, p_neg=0.25)  # the model leans to +1

    ids = {0: "iran", 1: "hezbollah"}
    doc = Document("d", text)
    (unread,) = model_relations([scored(())], ids, doc, {"iran", "hezbollah"}, 0.25)
    (read,) = model_relations([scored((hostile,))], ids, doc, {"iran", "hezbollah"}, 0.25)
    assert unread.sign == 1
    assert read.sign == -1 and read.confidence == pytest.approx(0.7)
    assert read.evidence[0].rule == "verb-object"


def test_a_pair_noun_with_an_unknown_kind_names_file_list_and_word():
    from factions.text.lexicon import _kinds

    assert _kinds("words.yaml", "pair_nouns", {"Men": "person"}) == {"men": "person"}
    with pytest.raises(ValueError, match=r"lexicon/words\.yaml: pair_nouns: 'men': expected an"):
        _kinds("words.yaml", "pair_nouns", {"men": "persons"})


def test_a_finding_whose_other_side_is_implied_is_reported_by_the_model_too(model_extractor):
    # the government is named in the first sentence only: no candidate pair carries it
    text = (
        "Ana Ruiz's new cabinet took office with the support of the Agrarian Union. "
        "The Green Party went into opposition."
    )
    found = _pairs(model_extractor, text)
    assert (frozenset(("Green Party", "Ana Ruiz's cabinet")), -1) in found
