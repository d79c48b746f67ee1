"""The rule registry (text/rules): named units, switching them off, rule names on evidence,
per-rule scores, the rule words as data, and the pipeline version. Every sentence here is
invented for these tests."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import factions.cli.extract
import factions.cli.rules  # noqa: F401 - registers the commands
from factions.cli.app import app
from factions.model import System, load_system, save_system
from factions.text.coref import cluster_names, resolve_references
from factions.text.documents import Document
from factions.text.lexicon import rule_words
from factions.text.mentions import find_mentions
from factions.text.pipeline import PIPELINE_VERSION, Extractor, pipeline_version
from factions.text.relation_model.inference import MODEL_RULE
from factions.text.rules import (
    RULES,
    UnknownRuleError,
    read_affiliations,
    read_relations,
    read_table_findings,
    register,
    rules_markdown,
    units,
)
from factions.text.rules.registry import lexicon_dir

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {"verbs", "nouns", "adjectives", "frames", "affiliations", "stances", "tables"}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(extractor="rules")


def read(extractor: Extractor, text: str, disabled: frozenset[str] = frozenset()):
    """(relation findings, affiliation findings) of ``text``, as the pipeline reads them."""
    sdoc = extractor.nlp(text)
    lex = extractor.lex
    mentions = find_mentions(sdoc, lex, None)
    entities = cluster_names(mentions, lex)
    pairs: dict[int, tuple[int, ...]] = {}
    refs = resolve_references(sdoc, mentions, entities, lex, pairs)
    te = {i: m.entity for m in (*mentions, *refs) if m.entity >= 0 for i in range(m.start, m.end)}
    return (
        read_relations(sdoc, te, lex, pairs, disabled) + read_table_findings(mentions, disabled),
        read_affiliations(sdoc, te, entities, lex, disabled),
    )


def test_registry_lists_units_with_unique_kebab_names_and_one_family_a_module():
    listed = units()
    names = [u.name for u in listed]
    assert len(names) == len(set(names)) == len(RULES) >= 30
    assert all(re.fullmatch(r"[a-z]+(-[a-z]+)*", n) for n in names)
    assert {u.family for u in listed} == FAMILIES
    assert all(u.description and u.example for u in listed)
    assert all((u.family == "affiliations") == (u.reads == "affiliations") for u in listed)
    assert all((u.family == "tables") == (u.reads == "tables") for u in listed)
    assert {"verb-active", "verb-passive", "noun-possessive", "noun-appositive"} <= set(names)
    assert {"coordination", "change-noun", "demand-leave", "stance-prefix"} <= set(names)
    assert {"co-founders", "affiliation-role-noun"} <= set(names)


def test_a_name_is_registered_once_and_in_kebab_case():
    with pytest.raises(ValueError, match="twice"):
        register("verb-active", order=1, example="-")(lambda r, t: None)
    with pytest.raises(ValueError, match="kebab-case"):
        register("Verb_Active", order=1, example="-")(lambda r, t: None)
    with pytest.raises(ValueError, match="expected one of"):
        register("verb-other", order=1, example="-", reads="events")(lambda r, t: None)
    assert RULES["verb-active"].family == "verbs"


@pytest.mark.parametrize("name", sorted(RULES))
def test_each_unit_reads_its_example_and_switching_it_off_removes_exactly_its_findings(
    extractor, name
):
    text = RULES[name].example
    rels, affs = read(extractor, text)
    assert name in {f.rule for f in rels} | {f.rule for f in affs}, (text, rels, affs)
    off_rels, off_affs = read(extractor, text, frozenset({name}))
    assert off_rels == [f for f in rels if f.rule != name]
    assert off_affs == [f for f in affs if f.rule != name]


TEXT = (
    "The Azure Party is backed by Peru. Peru and Chile signed a pact. "
    "Tomas Reyes, the leader of the Azure Party, condemned Chile's attack on the port."
)


def test_every_evidence_item_names_its_rule(extractor):
    r = extractor.extract(Document("t", TEXT))
    evidence = [e for rel in r.to_json()["relations"] for e in rel["evidence"]]
    assert len(evidence) >= 3
    assert all(e["rule"] in RULES for e in evidence)
    assert {"verb-passive", "coordination", "verb-act-stance"} <= {e["rule"] for e in evidence}
    assert all(e.rule in RULES for rel in r.relations for e in rel.evidence)


def test_with_the_model_every_evidence_item_names_a_rule_or_the_model():
    r = Extractor().extract(Document("t", TEXT))
    rules = {e.rule for rel in r.relations for e in rel.evidence}
    assert rules and rules <= {*RULES, MODEL_RULE}


def test_extractor_switches_units_off():
    text = "The Azure Party is backed by Peru."
    assert len(Extractor(extractor="rules").extract(Document("t", text)).relations) == 1
    off = Extractor(extractor="rules", disabled_rules={"verb-passive"}).extract(Document("t", text))
    assert off.relations == []
    with pytest.raises(UnknownRuleError, match=r"unknown rule 'verb-pasive'.*verb-passive"):
        Extractor(disabled_rules={"verb-pasive"})


def test_a_system_with_rule_evidence_round_trips(extractor, tmp_path):
    r = extractor.extract(Document("t", TEXT))
    system = r.to_system()
    assert any(e.rule for rel in system.relations for e in rel.evidence)
    path = save_system(system, tmp_path / "s.yaml")
    assert "rule: verb-passive" in path.read_text("utf-8")
    assert load_system(path) == system
    assert isinstance(system, System)


def test_pipeline_version_changes_with_the_lexicon(tmp_path):
    copy = tmp_path / "lexicon"
    shutil.copytree(lexicon_dir(), copy)
    assert pipeline_version(lexicon=copy) == PIPELINE_VERSION == pipeline_version()
    with (copy / "rules.yaml").open("a", encoding="utf-8") as f:
        f.write("# one more comment\n")
    assert pipeline_version(lexicon=copy) != PIPELINE_VERSION
    assert pipeline_version(extra="model:abc") != PIPELINE_VERSION
    shutil.copy(lexicon_dir() / "rules.yaml", copy / "rules.yaml")
    assert pipeline_version(lexicon=copy) == PIPELINE_VERSION
    with (copy / "event_verbs.tsv").open("a", encoding="utf-8") as f:
        f.write("outflank\t19\n")  # the event-verb table is lexicon data too
    assert pipeline_version(lexicon=copy) != PIPELINE_VERSION


def test_rule_words_need_every_key_and_only_words():
    data = yaml.safe_load((lexicon_dir() / "rules.yaml").read_text("utf-8"))
    assert rule_words(data).negators == {"no", "not", "any"}
    with pytest.raises(ValueError, match="missing keys.*copulas"):
        rule_words({k: v for k, v in data.items() if k != "copulas"})
    with pytest.raises(ValueError, match="unknown keys.*copulae"):
        rule_words({**data, "copulae": ["be"]})
    with pytest.raises(ValueError, match="quote"):
        rule_words({**data, "negators": yaml.safe_load("[no, not]")})  # bare no is False


def test_docs_list_every_unit():
    doc = (ROOT / "docs" / "rules.md").read_text("utf-8")
    assert rules_markdown() in doc, "regenerate docs/rules.md from rules_markdown()"


def test_cli_rules_lists_units():
    res = runner.invoke(app, ["rules", "--json"])
    assert res.exit_code == 0, res.stderr
    assert [u["name"] for u in json.loads(res.stdout)] == [
        u.name for u in units("relations") + units("affiliations") + units("tables")
    ]
    res = runner.invoke(app, ["rules"])
    assert res.exit_code == 0 and "verb-passive" in res.stdout and "table-stance" in res.stdout


def test_cli_unknown_rule_is_one_line_naming_the_valid_ones(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Peru backs Chile.\n", encoding="utf-8")
    for cmd in (["extract", str(f)], ["eval", "--gold", str(tmp_path)]):
        res = runner.invoke(app, [*cmd, "--disable-rule", "verb-activ"])
        assert res.exit_code == 2
        err = [x for x in res.stderr.splitlines() if x.strip()]
        assert len(err) == 1 and "verb-activ" in err[0] and "verb-active" in err[0]


def _gold(folder: Path) -> Path:
    """Two invented gold documents: three signed pairs, one of them missed by the rules."""
    folder.mkdir()
    actors = [
        {"id": "peru", "name": "Peru", "kind": "state", "aliases": ["Peru"]},
        {"id": "chile", "name": "Chile", "kind": "state", "aliases": ["Chile"]},
        {"id": "azure", "name": "Azure Party", "kind": "party", "aliases": ["Azure Party"]},
    ]
    docs = [
        {
            "doc_id": "d1",
            "text": "The Azure Party is backed by Peru. Peru and Chile signed a pact.",
            "actors": actors,
            "relations": [
                {"a": "azure", "b": "peru", "sign": 1, "kind": "support", "evidence": "backed"},
                {"a": "chile", "b": "peru", "sign": -1, "kind": "rivalry", "evidence": "pact"},
            ],
        },
        {
            "doc_id": "d2",
            "text": "Chile quietly courted the Azure Party before the vote.",
            "actors": actors,
            "relations": [
                {"a": "azure", "b": "chile", "sign": 1, "kind": "support", "evidence": "x"},
            ],
        },
    ]
    for d in docs:
        (folder / f"{d['doc_id']}.json").write_text(json.dumps(d), encoding="utf-8")
    return folder


def test_eval_by_rule_scores_each_unit(tmp_path):
    gold = _gold(tmp_path / "gold")
    res = runner.invoke(
        app, ["eval", "--gold", str(gold), "--by-rule", "--json", "--extractor", "rules"]
    )
    assert res.exit_code == 0, res.stderr
    by = {x["rule"]: x for x in json.loads(res.stdout)["by_rule"]}
    assert by["verb-passive"] == {
        "rule": "verb-passive",
        "tp": 1,
        "fp": 0,
        "precision": 1.0,
        "recall": round(1 / 3, 4),
        "gold": 3,
    }
    assert (by["coordination"]["tp"], by["coordination"]["fp"]) == (0, 1)  # wrong sign
    res = runner.invoke(app, ["eval", "--gold", str(gold), "--by-rule", "--extractor", "rules"])
    assert res.exit_code == 0 and "verb-passive" in res.stdout and "go-between" in res.stdout
    res = runner.invoke(
        app,
        ["eval", "--gold", str(gold), "--by-rule", "--json", "--disable-rule", "coordination"]
        + ["--extractor", "rules"],
    )
    data = json.loads(res.stdout)
    assert "coordination" not in {x["rule"] for x in data["by_rule"]}
    assert data["micro"]["relations"]["fp"] == 0


@pytest.mark.parametrize(
    "text, sign",
    [
        ("In July the Tarvan Greens quit the Reform Bloc.", -1),
        ("The Tarvan Greens left the Reform Bloc after the vote.", -1),
        ("Sorel Maaten left Tegucigalpa for exile in the north.", None),  # a capital: a place
    ],
)
def test_leaving_a_group_is_a_split_and_leaving_a_capital_is_a_journey(extractor, text, sign):
    r = extractor.extract(Document("t", text))
    signs = {x.sign for x in r.relations}
    assert signs == ({sign} if sign is not None else set())


def test_a_table_unit_switched_off_gives_none_of_its_relations():
    text = RULES["table-stance"].example
    on = Extractor(extractor="rules").extract(Document("t", text))
    assert {e.rule for r in on.relations for e in r.evidence} >= {"table-stance"}
    off = Extractor(extractor="rules", disabled_rules={"table-stance"}).extract(Document("t", text))
    assert "table-stance" not in {e.rule for r in off.relations for e in r.evidence}


def test_a_table_after_a_paragraph_is_no_coalition_for_a_word_of_its_earlier_sentences():
    text = (
        "Its partners in the outgoing coalition, the Green League and the Farmers Union, lost "
        "ground, and the four other parties together won a majority. The result:\n"
        "Party | Leader | Seats\n"
        "Reform Party | Ana Ruiz | 40\n"
        "Unity Bloc | Tomas Berg | 31\n"
        "Green League | Lena Holm | 12\n"
    )
    r = Extractor(extractor="rules").extract(Document("t", text))
    assert "table-coalition" not in {e.rule for x in r.relations for e in x.evidence}
    heading = "The following parties formed the coalition:\n"
    r = Extractor(extractor="rules").extract(Document("t", text.replace("The result:\n", heading)))
    assert "table-coalition" in {e.rule for x in r.relations for e in x.evidence}


def test_a_trigger_preposition_yaml_reads_as_a_boolean_is_an_error_naming_the_entry():
    """A bare ``on`` in a list is ``True`` in YAML 1.1: it once made "strike on X" match the
    preposition "true"; now the entry is named and the fix said."""
    from factions.text.lexicon import _triggers

    data = yaml.safe_load("strike: {sign: -1, kind: attack, preps: [on, against]}")
    with pytest.raises(ValueError, match=r"noun strike: preps: \[True\].*quote"):
        _triggers(data, "noun")
    ok = yaml.safe_load('strike: {sign: -1, kind: attack, preps: ["on", against]}')
    assert _triggers(ok, "noun")["strike"].preps == {"on", "against"}


def test_every_packaged_trigger_preposition_is_a_word():
    from factions.text.lexicon import load_lexicon

    lex = load_lexicon()
    preps = {p for t in (*lex.verbs.values(), *lex.nouns.values()) for p in t.preps}
    assert "true" not in preps and "on" in preps
