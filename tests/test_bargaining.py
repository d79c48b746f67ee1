"""Bargaining forecasts: baselines, Bueno de Mesquita's EU model, KTAB-style SMP, input readers."""

from __future__ import annotations

import itertools
import re
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factions.io import read_actor_csv, read_bargaining, read_ktab_csv, read_ktab_xml
from factions.sim import (
    BargainingInputError,
    BargainingInputWarning,
    expected_utility_model,
    forecast,
    from_arrays,
    spatial_model,
    weighted_mean,
    weighted_median,
)

BDM = Path("data/bargaining/bdm_examples")
KTAB = Path("data/bargaining/ktab_examples")


# --------------------------------------------------------------------------- shared data


def test_example_actors_round0_baselines(shared: Path) -> None:
    inp = read_bargaining(shared / BDM / "ExampleActors.csv")
    assert inp.n_actors == 10
    x, c, s = inp.dimension(0)
    assert weighted_mean(x, c, s) == pytest.approx(7.38996, abs=5e-6)
    assert weighted_mean(x, c, s) == pytest.approx(500.3 / 67.7, rel=1e-12)
    assert weighted_median(x, c, s) == 7.0
    eu = forecast(inp, "eu")
    assert eu.rounds[0, 0] == 7.0
    assert eu.details["mean"][0] == pytest.approx(7.38996, abs=5e-6)
    assert eu.rounds.shape == (eu.n_rounds + 1, 1)
    assert 4.0 <= eu.forecast[0] <= 10.0
    smp = forecast(inp, "smp")
    assert smp.n_rounds >= 2
    assert np.all((smp.positions >= 4.0 - 1e-9) & (smp.positions <= 10.0 + 1e-9))


def _ktab_reference(path: Path) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Positions over time and round-0 probabilities from a KTAB smpc reference log."""
    hist: dict[str, list[list[float]]] = {}
    probs = []
    for line in path.read_text().splitlines():
        m = re.match(r"^(\S+), (Pstn\d):\s+(.*)$", line)
        if m:
            hist.setdefault(m.group(1), []).append([float(v) for v in m.group(3).split()])
        m = re.match(r"^(\S+), prob :\s+(.*)$", line)
        if m:
            probs.append(float(m.group(2).split()[0]))
    return {a: np.array(v).T for a, v in hist.items()}, np.array(probs)


def test_smp_reproduces_ktab_reference_run(shared: Path) -> None:
    inp = read_ktab_csv(shared / KTAB / "dummyData_3Dim.csv")
    ref, probs0 = _ktab_reference(shared / KTAB / "20170530_ref-dummyData_3Dim.txt")
    res = forecast(inp, "smp")  # KTAB defaults used by the reference run
    assert res.n_rounds == 10  # "There were 11 states, with 10 steps between them"
    for i, actor in enumerate(inp.actors):
        # the log prints one decimal: agree to within its rounding
        assert np.max(np.abs(res.positions[:, i, :] - ref[actor])) <= 0.051, actor
    assert np.allclose(res.details["probabilities"][0], probs0, atol=6e-5)


def test_ktab_csv_and_xml_agree(shared: Path) -> None:
    a = read_ktab_csv(shared / KTAB / "dummyData_3Dim.csv")
    b = read_ktab_xml(shared / KTAB / "dummyData_3Dim.xml")
    c = read_bargaining(shared / KTAB / "dummyData_3Dim-no-final-comma.csv")
    assert a.actors == b.actors == c.actors
    for other in (b, c):
        assert np.allclose(a.position, other.position)
        assert np.allclose(a.salience, other.salience)
        assert np.allclose(a.capability, other.capability)
    assert a.dimensions == ("Pstn1", "Pstn2", "Pstn3")
    assert a.scale == ((0.0, 100.0),) * 3
    assert a.salience.max() <= 1.0


def test_ktab_inputs_all_read(shared: Path) -> None:
    sizes = {
        "dummyData_6Dim.csv": (27, 6),
        "dummyData-a040.csv": (40, 1),
        "SOE-Policy.csv": (26, 1),
        "SOE-Competitive.csv": (34, 1),
        "SOE-Pol-Comp.csv": (13, 2),
    }
    for name, (n, d) in sizes.items():
        inp = read_bargaining(shared / KTAB / name)
        assert (inp.n_actors, inp.n_dims) == (n, d), name
    xml = read_ktab_xml(shared / KTAB / "dummyData_3Dim.xml")
    assert xml.seed == 3707583219545544125


def test_ktab_xml_empty_coordinate_is_a_clear_error(shared: Path) -> None:
    with pytest.raises(BargainingInputError) as exc:
        read_bargaining(shared / KTAB / "smpExample.xml")
    msg = str(exc.value)
    assert "smpExample.xml:32" in msg and "Alice/dCoord[1]" in msg and "expected a number" in msg


def test_non_smp_xml_is_rejected(shared: Path) -> None:
    with pytest.raises(BargainingInputError, match="not a KTAB SMP scenario"):
        read_bargaining(shared / KTAB / "reformpri-ex01.xml")


def test_to_issues(shared: Path) -> None:
    issues = read_bargaining(shared / BDM / "ExampleActors.csv").to_issues()
    assert len(issues) == 1
    ids = [p.actor for p in issues[0].positions]
    assert ids[0] == "netherlands" and len(set(ids)) == 10
    assert issues[0].scale_min == 4.0 and issues[0].scale_max == 10.0


# --------------------------------------------------------------------------- our own inputs


def _write(tmp_path: Path, text: str, name: str = "actors.csv") -> Path:
    p = tmp_path / name
    p.write_text(text)
    return p


def test_actor_with_empty_position_or_salience_is_left_out(tmp_path: Path) -> None:
    p = _write(
        tmp_path,
        "Actor,Capability,Position,Salience\nNorth,10,20,50\nSouth,5,,40\nEast,8,60,\nWest,3,80,90\n",
    )
    with pytest.warns(BargainingInputWarning, match="South"):
        inp = read_actor_csv(p)
    assert inp.actors == ("North", "West")
    assert len(inp.warnings) == 2
    assert "actors.csv:3" in inp.warnings[0] and "Position" in inp.warnings[0]
    assert "actors.csv:4" in inp.warnings[1] and "Salience" in inp.warnings[1]
    assert np.allclose(inp.salience[:, 0], [0.5, 0.9])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("North,ten,20,50\n", r"actors\.csv:2: field 'Capability': expected a number, got 'ten'"),
        ("North,10,20,150\n", r"actors\.csv:2: field 'Salience': expected a number <= 100"),
        ("North,-1,20,50\n", r"actors\.csv:2: field 'Capability': expected a number >= 0"),
        ("North,1,20,50\nNorth,1,30,50\n", r"actors\.csv:3: field 'Actor': 'North' already"),
    ],
)
def test_bad_actor_csv(tmp_path: Path, body: str, expected: str) -> None:
    p = _write(tmp_path, "Actor,Capability,Position,Salience\n" + body)
    with pytest.raises(BargainingInputError, match=expected):
        read_actor_csv(p)


def test_bad_header(tmp_path: Path) -> None:
    p = _write(tmp_path, "Name,Power,Stance\nA,1,2\n")
    with pytest.raises(
        BargainingInputError, match=r"actors\.csv:1: header lacks column\(s\) Position, Salience"
    ):
        read_bargaining(p)


def test_bad_ktab_csv(tmp_path: Path) -> None:
    head = "Scen,Test,3,1\nActor,Description,Power,P,S\n"
    p = _write(tmp_path, head + "A,a,10,50,50\nB,b,10,50,50\n", "k.csv")
    with pytest.raises(BargainingInputError, match="declares 3 actors but 2"):
        read_bargaining(p)
    p = _write(tmp_path, head + "A,a,10,50,50\nB,b,10,150,50\nC,c,1,2,3\n", "k.csv")
    with pytest.raises(
        BargainingInputError, match=r"k\.csv:4: field 'P': expected a number <= 100"
    ):
        read_bargaining(p)
    p = _write(tmp_path, head + "A,a,0,50,50\nB,b,10,10,50\nC,c,1,2,3\n", "k.csv")
    with pytest.raises(
        BargainingInputError, match=r"k\.csv:3: field 'Power': expected a number > 0"
    ):
        read_bargaining(p)


def test_bad_xml(tmp_path: Path) -> None:
    p = _write(tmp_path, "<Scenario><name>x</name>\n<Actors><Actor>\n</Scenario>", "s.xml")
    with pytest.raises(BargainingInputError, match=r"s\.xml:3: not well-formed XML"):
        read_bargaining(p)


# --------------------------------------------------------------------------- invariants

actor_sets = st.integers(min_value=3, max_value=7).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 20).map(float), min_size=n, max_size=n),
        st.lists(st.floats(0.05, 10.0), min_size=n, max_size=n),
        st.lists(st.floats(0.05, 1.0), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(actor_sets, st.data())
def test_an_actor_with_all_capability_decides(data, draw) -> None:
    x, _, s = (np.array(v) for v in data)
    d = draw.draw(st.integers(0, len(x) - 1))
    c = np.zeros(len(x))
    c[d] = 1.0
    assert weighted_mean(x, c, s) == pytest.approx(x[d])
    assert weighted_median(x, c, s) == x[d]
    eu = expected_utility_model(x, c, s, scale=(0, 20))
    assert np.all(eu.rounds[:, 0] == x[d])
    assert np.all(eu.positions[:, d, 0] == x[d])
    sal = s / 1.0
    smp = spatial_model(x, c, sal, scale=[(0, 20)], max_rounds=10)
    assert smp.forecast[0] == pytest.approx(x[d], abs=1e-3)


@settings(max_examples=40, deadline=None)
@given(actor_sets, st.data())
def test_identical_actors_give_identical_offers(data, draw) -> None:
    x, c, s = (list(v) for v in data)
    k = draw.draw(st.integers(0, len(x) - 1))
    x.append(x[k])
    c.append(c[k])
    s.append(s[k])
    names = [f"a{i}" for i in range(len(x))]
    twin = names[-1]
    eu = expected_utility_model(x, c, s, scale=(0, 20), actors=names)
    assert np.array_equal(eu.positions[:, k, 0], eu.positions[:, -1, 0])
    smp = spatial_model(x, c, s, scale=[(0, 20)], actors=names, max_rounds=3)
    for t, step in enumerate(smp.details["steps"]):
        # SMP bargains pair a target with one twin only, so twins may part after a step;
        # the invariant holds whenever they are still identical
        if not np.array_equal(smp.positions[t, k], smp.positions[t, -1]):
            continue
        offers = {o["initiator"]: o for o in step["offers"]}
        assert (names[k] in offers) == (twin in offers)
        if names[k] in offers:
            a, b = offers[names[k]], offers[twin]
            # ties between equally attractive targets go to the lower index (as in KTAB), so
            # a twin that picks the other twin is the one legitimate difference
            if a["target"] not in (names[k], twin) and b["target"] not in (names[k], twin):
                assert a["target"] == b["target"]
                assert a["initiator_position"] == b["initiator_position"]
                assert a["target_position"] == b["target_position"]


@settings(max_examples=60, deadline=None)
@given(actor_sets)
def test_positions_stay_inside_the_range(data) -> None:
    x, c, s = (np.array(v) for v in data)
    lo, hi = x.min(), x.max()
    for conflict in ("probability", "utility"):
        eu = expected_utility_model(x, c, s, scale=(0, 20), conflict=conflict)
        assert np.all(eu.positions >= lo - 1e-9) and np.all(eu.positions <= hi + 1e-9)
        assert lo - 1e-9 <= eu.forecast[0] <= hi + 1e-9
    smp = spatial_model(x, c, s, scale=[(0, 20)], max_rounds=8)
    tol = 1e-4 * 20  # KTAB rounds bargains to 4 decimals of the scale
    assert np.all(smp.positions >= lo - tol) and np.all(smp.positions <= hi + tol)
    assert lo - tol <= smp.forecast[0] <= hi + tol


@settings(max_examples=80, deadline=None)
@given(actor_sets)
def test_weighted_median_is_the_pairwise_vote_winner(data) -> None:
    x, c, s = (np.array(v) for v in data)
    w = c * s
    med = weighted_median(x, c, s)
    # Scholz et al. eq. 1: votes for x_j over x_k are sum_i w_i(|x_i - x_k| - |x_i - x_j|)
    for xk in x:
        assert np.sum(w * (np.abs(x - xk) - np.abs(x - med))) >= -1e-9


def test_eu_two_actors_by_hand() -> None:
    # Worked by hand from Scholz et al.'s equations, positions already on [0, 1]:
    # P_AB = 0.9 / 0.92; with r = 1: EU_AB = 0.2 (2 P_AB - 2 P_BA) + 0.8 * 2 = 1.983,
    # EU_BA = 2 P_BA - 2 P_AB = -1.913, so R_A = -1 (r_A = 2) and R_B = +1 (r_B = 0.5);
    # then EU_AB = 1.983 - U_sq(2) = 0.983 and EU_BA = -1.913 - U_sq(0.5) = -1.085:
    # |EU_BA| > EU_AB, so B capitulates to A's position.
    res = expected_utility_model([0.0, 1.0], [0.9, 0.1], [1.0, 0.2], scale=(0, 1))
    assert res.details["risk_exponent"][0] == pytest.approx([2.0, 0.5])
    assert res.details["moves"][0] == [
        {"actor": "a1", "from": "a0", "kind": "capitulation", "to": 0.0}
    ]
    assert res.rounds[:, 0].tolist() == [0.0, 0.0, 0.0]
    assert res.converged and res.forecast[0] == 0.0


def test_from_arrays_and_models_dispatch() -> None:
    inp = from_arrays(["a", "b", "c", "d"], [1, 2, 3, 4], [10, 40, 60, 90], [0.5, 0.5, 0.9, 0.2])
    for model in ("eu", "smp", "mean", "median"):
        res = forecast(inp, model)
        d = res.to_dict()
        assert isinstance(d["forecast"], float) and len(d["rounds"]) == res.n_rounds + 1
    with pytest.raises(ValueError, match="unknown model"):
        forecast(inp, "oracle")


def test_smp_is_reproducible_by_seed() -> None:
    x = [10.0, 35.0, 60.0, 80.0, 95.0]
    c = [30.0, 20.0, 25.0, 10.0, 15.0]
    s = [0.8, 0.5, 0.6, 0.9, 0.3]
    runs = [
        spatial_model(x, c, s, scale=[(0, 100)], transitions="Stochastic", seed=7, max_rounds=6)
        for _ in range(2)
    ]
    assert np.array_equal(runs[0].positions, runs[1].positions)


def test_validation_errors() -> None:
    with pytest.raises(ValueError, match="saliences must be in"):
        expected_utility_model([1, 2, 3], [1, 1, 1], [50, 50, 50])
    with pytest.raises(ValueError, match="no actor has both"):
        weighted_mean([1, 2], [0, 0], [0.5, 0.5])
    with pytest.raises(ValueError, match="sum to at most 1"):
        spatial_model(np.array([[1, 2], [3, 4], [5, 6]]), [1, 1, 1], np.full((3, 2), 0.6))


def test_all_pairs_of_identical_positions_make_no_offers() -> None:
    res = expected_utility_model([3, 3, 3], [1, 2, 3], [0.5, 0.5, 0.5], scale=(0, 10))
    assert res.converged and res.n_rounds == 1 and res.details["moves"] == [[]]
    for a, b in itertools.combinations(range(3), 2):
        assert res.positions[-1, a, 0] == res.positions[-1, b, 0]


def test_demo_example_reads_without_warnings() -> None:
    path = Path(__file__).resolve().parents[1] / "examples" / "bargaining" / "water-allocation.csv"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        inp = read_bargaining(path)
    assert inp.n_actors == 8
