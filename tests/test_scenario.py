"""Scenario verbs: each one's effect on the system and on the diff of the analyses."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.analysis.motions import motion_report
from factions.io import load_scenario
from factions.model import loads_system
from factions.sim.diff import _motions, diff_systems
from factions.sim.scenario import (
    VERBS,
    ScenarioError,
    apply_scenario,
    loads_scenario,
)

# A small invented parliament: two camps, a swing party and a president who gates the motion.
TOY = """
name: toy
actors:
  - {id: premier, name: The Premier, kind: person}
  - {id: rule, name: Rule Party, kind: party}
  - {id: swing, name: Swing Movement, kind: party}
  - {id: civic, name: Civic List, kind: party}
  - {id: north, name: Northern Union, kind: party}
  - {id: head, name: Head of State, kind: person}
  - {id: front, name: Governing Front, kind: coalition}
relations:
  - {a: premier, b: rule, sign: 1}
  - {a: swing, b: rule, sign: 1}
  - {a: premier, b: civic, sign: -1}
  - {a: civic, b: north, sign: 1}
  - {a: premier, b: north, sign: -1, confidence: 0.7}
  - {a: swing, b: civic, sign: -1, confidence: 0.6}
affiliations:
  - {member: rule, group: front}
  - {member: swing, group: front}
  - {member: premier, group: rule, role: leader}
chambers:
  - id: house
    name: House
    size: 100
    seats:
      - {actor: rule, seats: 30}
      - {actor: swing, seats: 15}
      - {actor: civic, seats: 30}
      - {actor: north, seats: 20}
    rules:
      - {id: majority, threshold: absolute}
motions:
  - id: censure
    chamber: house
    rule: majority
    target: premier
    supporters: [civic, north]
    opponents: [rule, swing]
    routes:
      - id: by-head
        gatekeepers: [{actor: head, stance: against}]
      - id: by-members
        signatures: 60
"""


@pytest.fixture(scope="module")
def toy():
    return loads_system(TOY)


def play(system, steps: str, name: str = "t"):
    sc = loads_scenario(f"name: {name}\nsteps:\n{steps}")
    after = apply_scenario(system, sc)
    return after, diff_systems(system, after, name=name)


def test_base_outcome(toy):
    m = motion_report(toy, "censure")
    assert (m.passes, m.seats_for, m.seats_needed, m.seats_short) == (False, 50, 51, 1)
    assert m.open_routes == ()  # the head says no, and 50 < 60 signatures
    # rule or swing alone would carry it, but both are opponents and there is no undeclared
    # bloc: no feasible coalition wins, so no one is decisive (docs/power.md)
    assert not m.can_pass and m.decisive == () and m.completions == ()
    flipped = toy.model_copy(
        update={"motions": (toy.motions[0].model_copy(update={"opponents": ("rule",)}),)}
    )
    swing = motion_report(flipped, "censure")  # swing undeclared, but civic's enemy
    assert not swing.can_pass and swing.decisive == ()


def test_set_relation_creates_frustration(toy):
    after, d = play(toy, "  - {op: set_relation, a: swing, b: north, sign: '-'}\n")
    assert after.relation("north", "swing").sign == -1
    assert d.edits["ties_added"] == ["north-swing -"]
    # still balanced: swing is with the premier against civic and north
    assert d.before.frustration_index == 0 and d.after.frustration_index == 0
    after, d = play(toy, "  - {op: set_relation, a: swing, b: north, sign: +1}\n")
    assert d.after.frustration_index == 1
    assert len(d.after.frustrated_ties) == 1
    assert d.tie_changes()["newly_frustrated"] == list(d.after.frustrated_ties)


def test_flip_relation_moves_bloc(toy):
    after, d = play(toy, "  - {op: flip_relation, a: premier, b: rule}\n")
    assert after.relation("premier", "rule").sign == -1
    assert d.edits["ties_flipped"] == ["premier-rule +1->-1"]
    assert d.before.frustration_index == 0
    assert d.after.frustration_index == 1  # premier-rule-swing triangle / premier-civic
    moved = {x for x, _, _ in d.bloc_moves()}
    assert moved  # someone's bloc-mates changed


def test_remove_relation(toy):
    after, d = play(toy, "  - {op: remove_relation, a: swing, b: civic}\n")
    assert after.relation("swing", "civic") is None
    assert d.edits["ties_removed"] == ["civic-swing"]
    assert d.after.ties == d.before.ties - 1


def test_add_actor_with_seats_and_ties(toy):
    steps = (
        "  - op: add_actor\n    id: greens\n    name: Greens\n    kind: party\n"
        "    ties: {civic: +1, premier: -1}\n    seats: {house: 5}\n"
        "    stances: {censure: for}\n"
    )
    after, d = play(toy, steps)
    assert d.edits["actors_added"] == ["greens"]
    assert after.chamber("house").seat_map()["greens"] == 5
    ch = d.motion_changes()["censure"]
    assert ch["before"]["passes"] is False and ch["after"]["seats_for"] == 55
    assert ch["after"]["passes"] is False  # no route open: the head still says no
    assert ch["after"]["route_open"] is False
    assert "greens" in d.after.power["house/majority"]
    assert any(r["actor"] == "greens" for r in d.power_changes()["house/majority"])


def test_add_actor_cannot_take_allocated_seats(toy):
    sc = loads_scenario(
        "name: t\nsteps:\n  - op: add_actor\n    id: greens\n    name: Greens\n"
        "    seats: {house: 6}\n",
        path="greens.yaml",
    )
    with pytest.raises(ScenarioError) as e:
        apply_scenario(toy, sc)
    assert str(e.value).startswith("greens.yaml:6: steps[0].seats.house: impossible seat change")


def test_remove_actor_clears_every_reference(toy):
    after, d = play(toy, "  - {op: remove_actor, actor: swing}\n")
    assert "swing" not in after.actor_ids
    assert "swing" not in after.chamber("house").seat_map()
    assert "swing" not in after.motion("censure").opponents
    assert all("swing" not in f.key for f in after.affiliations)
    assert d.edits["actors_removed"] == ["swing"]
    assert "swing" not in d.after.power["house/majority"]
    # with 15 seats gone the majority of 51 is unchanged, the supporters still 50
    assert d.motion_changes()["censure"]["after"]["seats_for"] == 50


def test_defect_join_adopts_ties_and_stance(toy):
    after, d = play(toy, "  - {op: defect, actor: swing, leave: front, join: civic}\n")
    assert after.relation("swing", "civic").sign == 1
    assert after.relation("swing", "north").sign == 1  # civic's ally
    assert after.relation("swing", "premier").sign == -1  # civic's enemy
    assert after.relation("swing", "front").sign == -1
    assert not any(f.member == "swing" and f.group == "front" for f in after.affiliations)
    assert "swing" in after.motion("censure").supporters
    ch = d.motion_changes()["censure"]
    assert ch["after"]["seats_for"] == 65
    assert ch["after"]["passes"] is True and ch["outcome_changed"] is True
    assert ch["after"]["open_routes"] == ["by-members"]  # 65 signatures >= 60
    assert set(ch["after"]["decisive"]) == {"swing", "civic", "north"}
    # swing-rule stays friendly: now one frustrated tie
    assert d.after.frustration_index == 1
    (tie,) = d.after.frustrated_ties  # one tie of the premier-rule-swing triangle
    assert tie in {("rule", "swing"), ("premier", "rule"), ("premier", "swing")}


def test_defect_break_only(toy):
    after, d = play(toy, "  - {op: defect, actor: swing, leave: [rule, front]}\n")
    assert after.relation("rule", "swing").sign == -1
    assert d.edits["ties_flipped"] == ["rule-swing +1->-1"]
    assert "swing" in after.motion("censure").opponents  # no join: stance kept


def test_split_moves_seats_and_inherits(toy):
    steps = (
        "  - op: split\n    actor: civic\n    id: civic-white\n    name: White Civic\n"
        "    seats: {house: 8}\n    ties: {premier: +1}\n    stances: {censure: against}\n"
    )
    after, d = play(toy, steps)
    seats = after.chamber("house").seat_map()
    assert seats["civic"] == 22 and seats["civic-white"] == 8
    assert after.relation("civic", "civic-white").sign == -1
    assert after.relation("civic-white", "north").sign == 1  # inherited
    assert after.relation("civic-white", "premier").sign == 1  # overridden
    assert sorted(d.edits["seats"]) == ["house:civic 30->22", "house:civic-white 0->8"]
    ch = d.motion_changes()["censure"]
    assert ch["after"]["seats_for"] == 42 and ch["after"]["seats_short"] == 9


def test_split_impossible_fails_cleanly(toy, tmp_path: Path):
    f = tmp_path / "bad-split.yaml"
    f.write_text(
        "name: bad\nsteps:\n  - op: split\n    actor: swing\n    id: splinter\n"
        "    name: Splinter\n    seats:\n      house: 40\n"
    )
    sc = load_scenario(f)
    before = toy.model_dump()
    with pytest.raises(ScenarioError) as e:
        apply_scenario(toy, sc)
    msg = str(e.value)
    assert msg.startswith(f"{f}:8: steps[0].seats.house: impossible seat split")
    assert "holds 15 seats" in msg
    assert toy.model_dump() == before


def test_unknown_actor_fails_with_file_line_field(toy, tmp_path: Path):
    f = tmp_path / "bad-actor.yaml"
    f.write_text(
        "name: bad\nsteps:\n  - {op: flip_relation, a: premier, b: rule}\n"
        "  - op: defect\n    actor: swingg\n    join: civic\n"
    )
    before = toy.model_dump()
    with pytest.raises(ScenarioError) as e:
        apply_scenario(toy, load_scenario(f))
    assert str(e.value) == (
        f"{f}:5: steps[1].actor: unknown actor 'swingg' (expected the id of an actor in the "
        "system); did you mean 'swing'?"
    )
    assert toy.model_dump() == before  # the first step's flip did not leak


def test_merge_sums_seats_and_aggregates_ties(toy):
    after, d = play(toy, "  - {op: merge, actors: [civic, north], into: civic}\n")
    assert "north" not in after.actor_ids
    assert after.chamber("house").seat_map()["civic"] == 50
    assert after.relation("civic", "premier").sign == -1
    assert "North" not in after.actor("civic").aliases  # name kept
    assert "Northern Union" in after.actor("civic").aliases
    assert d.edits["actors_removed"] == ["north"]
    assert d.motion_changes()["censure"]["after"]["seats_for"] == 50
    pw = d.after.power["house/majority"]
    assert set(pw) == {"rule", "swing", "civic"}


def test_merge_into_new_actor(toy):
    after, _ = play(toy, "  - {op: merge, actors: [rule, swing], into: bloc, name: Big Bloc}\n")
    assert after.chamber("house").seat_map()["bloc"] == 45
    assert "bloc" in after.motion("censure").opponents
    assert after.relation("bloc", "civic").sign == -1
    assert after.relation("bloc", "premier").sign == 1


def test_seats_set_and_move(toy):
    steps = (
        "  - op: seats\n    chamber: house\n    set: {north: 21}\n"
        "    move: [{from: swing, to: civic, seats: 3}]\n"
    )
    after, d = play(toy, steps)
    s = after.chamber("house").seat_map()
    assert (s["north"], s["swing"], s["civic"]) == (21, 12, 33)
    ch = d.motion_changes()["censure"]
    assert ch["after"]["seats_for"] == 54 and ch["after"]["passes"] is False
    assert d.power_changes()["house/majority"]


def test_seats_overflow_and_overdraw_fail(toy):
    over = loads_scenario("name: t\nsteps:\n  - {op: seats, set: {north: 30}}\n", path="o.yaml")
    with pytest.raises(ScenarioError, match=r"o.yaml:3: steps\[0\].set: impossible seat change"):
        apply_scenario(toy, over)
    draw = loads_scenario(
        "name: t\nsteps:\n  - op: seats\n    move:\n      - {from: swing, to: civic, seats: 16}\n",
        path="d.yaml",
    )
    with pytest.raises(ScenarioError, match=r"d.yaml:5: steps\[0\].move\[0\].seats: impossible"):
        apply_scenario(toy, draw)


def test_gatekeeper_opens_route(toy):
    steps = "  - {op: gatekeeper, motion: censure, actor: head, stance: for}\n"
    steps += "  - {op: position, motion: censure, actor: swing, stance: for}\n"
    after, d = play(toy, steps)
    ch = d.motion_changes()["censure"]
    assert ch["after"]["open_routes"] == ["by-head", "by-members"]
    assert ch["after"]["passes"] is True
    assert d.edits["gatekeepers"] == ["censure/by-head:head against->for"]
    # with the head against, only the members' route (65 >= 60) is open
    after2, d2 = play(toy, "  - {op: position, motion: censure, actor: swing, stance: for}\n")
    assert d2.motion_changes()["censure"]["after"]["open_routes"] == ["by-members"]


def test_gatekeeper_unknown_is_error(toy):
    sc = loads_scenario(
        "name: t\nsteps:\n  - {op: gatekeeper, motion: censure, actor: civic, stance: for}\n",
        path="g.yaml",
    )
    with pytest.raises(
        ScenarioError, match=r"g.yaml:3: steps\[0\].actor: 'civic' is not a gatekeeper"
    ):
        apply_scenario(toy, sc)


def test_position_changes_outcome(toy):
    after, d = play(toy, "  - {op: position, motion: censure, actor: swing, stance: abstain}\n")
    assert "swing" not in after.motion("censure").opponents
    assert d.edits["stances"] == ["censure:swing against->abstain"]
    ch = d.motion_changes()["censure"]
    assert ch["after"]["seats_for"] == 50 and ch["outcome_changed"] is False


def test_every_verb_is_tested():
    names = {n[len("test_") :] for n in globals() if n.startswith("test_")}
    for verb in VERBS:
        assert any(name.startswith(verb) for name in names), verb


def test_bad_file_shapes(tmp_path: Path):
    cases = {
        "name: x\nsteps:\n  - {op: explode, actor: a}\n": "x.yaml:3: steps[0].op: unknown verb 'explode'",
        "name: x\nsteps:\n  - {actor: a}\n": "x.yaml:3: steps[0].op: missing",
        "name: x\nsteps:\n  - op: set_relation\n    a: p\n    b: q\n    sign: 2\n": "x.yaml:6: steps[0].sign:",
        "name: x\nsteps:\n  - op: defect\n    actor: a\n": "x.yaml:3: steps[0]: a defection needs",
        "name: x\nuncertainty:\n  loyalty:\n    - {actor: a, defect: 1.5}\n": "x.yaml:4: uncertainty.loyalty[0].defect:",
        "steps: [\n": "x.yaml:",
    }
    for text, start in cases.items():
        with pytest.raises(ScenarioError) as e:
            loads_scenario(text, path="x.yaml")
        assert str(e.value).startswith(start), (text, str(e.value))


def test_uncertainty_names_checked(toy):
    sc = loads_scenario(
        "name: t\nuncertainty:\n  support:\n    - {actor: swing, motion: impeach, p: 0.5}\n",
        path="u.yaml",
    )
    with pytest.raises(
        ScenarioError, match=r"u.yaml:4: uncertainty.support\[0\].motion: unknown motion"
    ):
        apply_scenario(toy, sc)


def test_iraq_scenarios_run(examples: Path):
    from factions.model import load_system

    system = load_system(examples / "iraq-2012" / "system.yaml")
    outcomes = {}
    for f in sorted((examples / "iraq-2012" / "scenarios").glob("*.yaml")):
        sc = load_scenario(f)
        assert (
            sc.system is not None
            and sc.system.resolve() == (examples / "iraq-2012" / "system.yaml").resolve()
        )
        after = apply_scenario(system, sc)
        outcomes[sc.name] = motion_report(after, "no-confidence")
    assert motion_report(system, "no-confidence").seats_short == 25
    assert outcomes["opposition-majority"].passes
    assert outcomes["puk-joins"].seats_short == 8
    assert outcomes["iraqiya-splinters-return"].seats_short == 6
    assert outcomes["iran-pressures-sadrists"].seats_for == 98
    assert not outcomes["talabani-forwards"].passes


TOY_PAIRS = [
    ("premier", "rule"),
    ("swing", "rule"),
    ("premier", "civic"),
    ("civic", "north"),
    ("premier", "north"),
    ("swing", "civic"),
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(TOY_PAIRS), max_size=8))
def test_flips_are_immutable_and_involutive(pairs):
    system = loads_system(TOY)
    snapshot = system.model_dump()
    steps = "".join(f"  - {{op: flip_relation, a: {a}, b: {b}}}\n" for a, b in pairs)
    after = apply_scenario(system, loads_scenario(f"name: p\nsteps:\n{steps or '  []'}\n"))
    assert system.model_dump() == snapshot
    for a, b in TOY_PAIRS:
        flips = sum(1 for p in pairs if p == (a, b))
        assert after.relation(a, b).sign == system.relation(a, b).sign * (-1) ** flips


ACTOR_IDS = ["premier", "rule", "swing", "civic", "north", "head", "front", "ghost"]
_ids = st.sampled_from(ACTOR_IDS)
_step = st.one_of(
    st.builds(
        lambda a, b, s: f"{{op: set_relation, a: {a}, b: {b}, sign: {s}}}",
        _ids,
        _ids,
        st.sampled_from(["+1", "-1"]),
    ),
    st.builds(lambda a, b: f"{{op: flip_relation, a: {a}, b: {b}}}", _ids, _ids),
    st.builds(lambda a, b: f"{{op: remove_relation, a: {a}, b: {b}}}", _ids, _ids),
    st.builds(
        lambda i, n, t: (
            f"{{op: add_actor, id: new{i}, name: New, seats: {{house: {n}}}, ties: {{{t}: -1}}}}"
        ),
        st.integers(0, 2),
        st.integers(0, 8),
        _ids,
    ),
    st.builds(lambda a: f"{{op: remove_actor, actor: {a}}}", _ids),
    st.builds(
        lambda a, j, lv: f"{{op: defect, actor: {a}, join: {j}, leave: [{lv}]}}", _ids, _ids, _ids
    ),
    st.builds(
        lambda a, i, n: (
            f"{{op: split, actor: {a}, id: part{i}, name: Part, seats: {{house: {n}}}}}"
        ),
        _ids,
        st.integers(0, 2),
        st.integers(0, 40),
    ),
    st.builds(lambda a, b: f"{{op: merge, actors: [{a}, {b}], into: {a}}}", _ids, _ids),
    st.builds(
        lambda a, b, n: f"{{op: seats, move: [{{from: {a}, to: {b}, seats: {n}}}]}}",
        _ids,
        _ids,
        st.integers(1, 40),
    ),
    st.builds(
        lambda a, s: f"{{op: gatekeeper, motion: censure, actor: {a}, stance: {s}}}",
        _ids,
        st.sampled_from(["for", "against", "undecided"]),
    ),
    st.builds(
        lambda a, s: f"{{op: position, motion: censure, actor: {a}, stance: {s}}}",
        _ids,
        st.sampled_from(["for", "against", "abstain"]),
    ),
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_step, min_size=1, max_size=6))
def test_random_scenarios_either_apply_or_fail_cleanly(steps):
    """Any sequence of steps gives a valid system or a ScenarioError naming a step; the
    input system never changes, and the motion analysis still runs on the result."""
    system = loads_system(TOY)
    snapshot = system.model_dump()
    text = "name: fuzz\nsteps:\n" + "".join(f"  - {s}\n" for s in steps)
    sc = loads_scenario(text, path="fuzz.yaml")
    try:
        after = apply_scenario(system, sc)
    except ScenarioError as exc:
        assert str(exc).startswith("fuzz.yaml:") and "steps[" in str(exc)
    else:
        assert after.validated() == after
        for m in after.motions:
            motion_report(after, m.id)
        outcomes = _motions(after)  # the diff's motion analysis never raises
        assert set(outcomes) == {m.id for m in after.motions}
        for c in after.chambers:
            assert sum(h.seats for h in c.seats) <= c.size
    assert system.model_dump() == snapshot
