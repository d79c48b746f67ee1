"""scripts/build_event_verbs.py: the CAMEO dictionary's verbs and verb patterns as tables."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from factions.text.lexicon import parse_event_phrases, parse_event_verbs

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "build_event_verbs.py"

# a dictionary in the PETRARCH2 format: synonym sets, then verb blocks with patterns
_DICTIONARY = """\
####### SYNONYM SETS #######
&DETENTION
+CUSTODY
+JAIL_
+HOUSE_ARREST
####### VERB PATTERNS #######
---  APPREHEND   [171]  ---
ARREST [173]
SEIZE
TAKE {TAKES TAKING TOOK TAKEN }  # comment
- * PART                                [030]   # TAKE
- * PART (IN SUMMIT)                    [046]   # TAKE
- * (INTO &DETENTION)                   [173]   # TAKE
- * LIVES                               [---]   # TAKE
- POLICE *                              [173]   # SEIZE
- * UP POST                             [154]   # TAKE
- * &WEAPON                             [1711]  # SEIZE
- * LEADER                              [173]
- * HOSTAGE                             [181]   # TOOK
- * CONTROL                             [171]   # OY 14 Mar 2006
- * RIVAL                               [111]   # RULED_OUT
---  HOLD   [---]  ---
HOLD {HOLDS HOLDING HELD } [---]
- * TALKS                               [040]   # HOLD
- * RALLY                               [141]   # HOLD
- * RALLY (AGAINST &DETENTION)           [141]   # HOLD
- * SESSION                             [040]   # HOLD
- * SESSION                             [---]   # HOLD
- * (BEFORE COURT)                      [:173]  # HOLD
- * HEARING                             []      # HOLD
######## TRANSFORMATIONS ##########
FOO BAR = BAZ [190]
ZAP
"""


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_event_verbs", _SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_verb_patterns_become_phrases(build):
    phrases = build.read_phrases(_DICTIONARY)
    # a bare pattern decides over longer ones; [---] is "no event" (0)
    assert phrases[("take", "-", "part")] == 3
    assert phrases[("take", "into", "&detention")] == 17
    assert phrases[("take", "-", "lives")] == 0
    assert phrases[("take", "-", "post")] == 15  # the particle "up" is skipped
    assert phrases[("hold", "-", "talks")] == 4
    assert phrases[("hold", "-", "rally")] == 14
    # a pattern whose comment names a verb's form belongs to that verb; one without a
    # comment, or whose comment names no verb of the block (a coder's initials, a phrasal
    # synonym), to every verb of its block, as PETRARCH2 reads it
    assert {v for (v, _, o) in phrases if o == "hostage"} == {"take"}
    for obj in ("leader", "control", "rival"):
        assert {v for (v, _, o) in phrases if o == obj} == {"arrest", "seize", "take"}
    # a subject pattern is no phrase; two roots with no bare one to decide are left out
    assert not any(v == "seize" and o == "police" for (v, _, o) in phrases)
    assert ("hold", "-", "session") not in phrases
    # "[:173]" codes the reverse direction only: an event all the same; "[]" is no code
    assert phrases[("hold", "before", "court")] == 17
    assert ("hold", "-", "hearing") not in phrases


def test_verb_lines_are_read_in_the_verb_section_only(build):
    verbs = build.read_verbs(_DICTIONARY)
    assert verbs == {"arrest": {17}, "seize": {17}, "take": {17}}


def test_synonym_sets_keep_single_words(build):
    assert build.read_synsets(_DICTIONARY) == {"&detention": {"custody", "jail"}}


def test_the_written_tables_load(build, tmp_path):
    source = tmp_path / "CAMEO.txt"
    source.write_text(_DICTIONARY, "utf-8")
    assert build.main([str(source), "--out-dir", str(tmp_path)]) == 0
    verbs = parse_event_verbs((tmp_path / "event_verbs.tsv").read_text("utf-8"))
    assert verbs == {"arrest": 17, "seize": 17, "take": 17}  # "hold" has no code of its own
    phrases = parse_event_phrases(
        (tmp_path / "event_phrases.tsv").read_text("utf-8"),
        (tmp_path / "event_synsets.tsv").read_text("utf-8"),
    )
    assert phrases["take"][("into", "custody")] == 17
    assert phrases["take"][("-", "lives")] == 0
    # a set the dictionary does not define ("&weapon") is dropped, not written unexpanded
    assert not any(o == "&weapon" for p in phrases.values() for (_, o) in p)


def test_a_file_that_is_no_verb_dictionary_is_an_error(build, tmp_path, capsys):
    source = tmp_path / "other.txt"
    source.write_text("just text\n", "utf-8")
    assert build.main([str(source), "--out-dir", str(tmp_path)]) == 2
    assert "no '####### VERB PATTERNS' section" in capsys.readouterr().err
