"""The HTML report, its figures, the CLI and the notebook summary."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factions.cli import _load_commands, app
from factions.model import Actor, Evidence, Relation, System, load_system
from factions.report import build_report, sections
from factions.report.notebook import register, system_html
from report_fixtures import N_ACTORS, N_TIES, write_system

runner = CliRunner()
_load_commands()


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_system(tmp_path_factory.mktemp("toy"))


def _data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="factions-data">(.*?)</script>', html, re.S)
    assert m
    return json.loads(m.group(1))


def test_report_is_self_contained(toy: Path) -> None:
    html = build_report(load_system(toy))
    # No external resource of any kind: no src/href to a URL, no import, no fetch target.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html
    assert "default-src 'none'" in html  # CSP forbids every request
    # The libraries are inlined.
    for lib in (
        "cytoscape.min.js",
        "layout-base.js",
        "cose-base.js",
        "cytoscape-fcose.js",
        "graph.js",
    ):
        assert f'data-lib="{lib}"' in html
    data = _data(html)
    assert len(data["network"]["nodes"]) == N_ACTORS
    assert len(data["network"]["edges"]) == N_TIES


def test_report_sections_show_real_results(toy: Path) -> None:
    s = sections.collect(load_system(toy))
    assert s["balance"]["available"] and s["balance"]["frustration_index"] == 1
    assert s["balance"]["optimal"]
    assert s["blocs"]["available"]
    # The two-bloc split puts the rivals blue and red apart.
    a = sections.bloc_assignment(s["blocs"])
    assert a["blue"] != a["red"]
    m = s["motions"]["motions"][0]
    assert (m["seats_for"], m["seats_against"], m["seats_needed"], m["passes"]) == (
        40,
        40,
        51,
        False,
    )
    power = s["seats"]["chambers"][0]["power"]
    # exact: [51; 40, 30, 15, 10] gives Banzhaf 5/12 to the largest
    assert power["tables"][0]["indices"]["banzhaf_normalised"][0] == "5/12"
    assert len(s["evidence"]["rows"]) == 6
    assert {r["tie"] for r in s["trajectories"]["rows"]} == {
        "blue|red",
        "blue|premier",
        "green|red",
        "blue|green",
        "gold|premier",
    }


def test_a_failing_analysis_is_an_error(toy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in an analysis raises with its message; it never shows as a missing section."""

    def broken(*args, **kwargs):
        raise RuntimeError("broker analysis exploded")

    monkeypatch.setattr(sections, "brokers", broken)
    with pytest.raises(RuntimeError, match="broker analysis exploded"):
        sections.collect(load_system(toy))


def test_missing_data_gives_a_clear_note() -> None:
    s = sections.collect(System(name="empty", actors=[Actor(id="a", name="A")]))
    assert s["brokers"] == {
        "available": False,
        "reason": "not available: the system has no relations",
    }
    assert s["seats"]["reason"] == "not available: the system has no chambers"
    html = build_report(System(name="empty", actors=[Actor(id="a", name="A")]))
    assert "the system has no relations" in html


def test_report_escapes_text() -> None:
    s = System(
        name="<script>alert(1)</script>",
        actors=[Actor(id="a", name="A </script><b>"), Actor(id="b", name="B")],
        relations=[
            Relation(
                a="a",
                b="b",
                sign=-1,
                evidence=[
                    Evidence(
                        doc_id="d", start=0, end=3, sentence="x </script><script>alert(2)</script>"
                    )
                ],
            )
        ],
    )
    html = build_report(s)
    assert "<script>alert(1)</script>" not in html
    assert "<script>alert(2)" not in html
    assert _data(html)["evidence"]["rows"][0]["sentence"].endswith("alert(2)</script>")


def test_cli_report_with_scenario_and_figures(toy: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    figs = tmp_path / "figs"
    r = runner.invoke(
        app,
        [
            "report",
            str(toy),
            "-o",
            str(out),
            "--scenario",
            str(toy.parent / "scenario.yaml"),
            "--figures",
            str(figs),
            "--json",
        ],
    )
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    assert "Scenario: green-defects" in html
    assert 'class="hit"' in html  # the changed outcome row is marked
    names = sorted(p.name for p in figs.iterdir())
    assert names == [
        "motion-no_confidence.png",
        "motion-no_confidence.svg",
        "network.png",
        "network.svg",
        "trajectories.png",
        "trajectories.svg",
    ]
    assert (figs / "network.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in (figs / "network.svg").read_text(encoding="utf-8")


def test_cli_report_bad_input(toy: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["report", str(tmp_path / "none.yaml"), "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "no such file" in r.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\nsteps:\n- {op: fly}\n", encoding="utf-8")
    r = runner.invoke(
        app, ["report", str(toy), "-o", str(tmp_path / "x.html"), "--scenario", str(bad)]
    )
    assert r.exit_code == 2 and "bad.yaml:3" in r.output and "Traceback" not in r.output
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "name: x\nactors:\n- {id: a, name: A}\nrelations:\n- {a: a, b: zz, sign: -1}\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["report", str(broken), "-o", str(tmp_path / "x.html")])
    assert r.exit_code == 2 and "broken.yaml:5" in r.output
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    r = runner.invoke(app, ["report", str(toy), "-o", str(blocker / "x.html")])
    assert r.exit_code == 2 and "cannot write" in r.output and "Traceback" not in r.output


def test_demo_step_writes_report(tmp_path: Path, examples: Path) -> None:
    from factions.cli.app import DemoContext
    from factions.cli.report import demo_report

    out = tmp_path / "out"
    out.mkdir()
    write_system(tmp_path / "sys")
    (out / "seeds.system.yaml").write_text((tmp_path / "sys" / "system.yaml").read_text())
    demo_report(DemoContext(seeds=tmp_path, out=out, examples=examples))
    assert (out / "report.html").stat().st_size > 100_000
    assert "toy-parliament" in (out / "report.html").read_text(encoding="utf-8")


def test_demo_step_never_fails(tmp_path: Path) -> None:
    from factions.cli.app import DemoContext
    from factions.cli.report import demo_report

    demo_report(DemoContext(seeds=tmp_path, out=tmp_path, examples=tmp_path / "nothing"))
    assert not (tmp_path / "report.html").exists()


def test_iraq_example_report(examples: Path, tmp_path: Path) -> None:
    s = load_system(examples / "iraq-2012" / "system.yaml")
    html = build_report(s)
    data = _data(html)
    assert len(data["network"]["nodes"]) == len(s.actors)
    assert len(data["network"]["edges"]) == len(s.relations)
    # Each motion's table adds up to its arithmetic (seats of the motion's own chamber).
    for m in sections.motions_section(s)["motions"]:
        seats = m["display"]["seats"]
        assert sum(seats[x] for x in m["supporters"]) == m["seats_for"]
        assert sum(seats[x] for x in m["opponents"]) == m["seats_against"]


def test_notebook_formatter_is_registered_from_report(toy: Path) -> None:
    registered = {}

    class Formatter:
        def for_type_by_name(self, module, name, fn):
            registered[(module, name)] = fn

    class Shell:
        display_formatter = SimpleNamespace(formatters={"text/html": Formatter()})

    assert register(Shell())
    fn = registered[("factions.model.system", "System")]
    assert fn.__module__ == "factions.report.notebook"
    s = load_system(toy)
    html = fn(s)
    assert html == system_html(s)
    assert not hasattr(s, "_repr_html_")  # the model knows nothing of HTML
    assert "toy-parliament" in html and "6 actors" in html and "6 ties" in html
    assert "Chamber <b>House</b> (100 seats): Blue Party 40, Red List 30" in html
    assert "<script" not in html


names_st = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
)


@given(name=names_st, actor=names_st)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_notebook_repr_escapes_everything(name: str, actor: str) -> None:
    s = System(
        name=name,
        actors=[Actor(id="a", name=actor), Actor(id="b", name="B")],
        relations=[Relation(a="a", b="b", sign=1)],
    )
    html = system_html(s)
    # Whatever the names, no tag of theirs survives: every '<' in the output is ours.
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= {
        "div",
        "p",
        "b",
        "code",
        "span",
        "i",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    }


@st.composite
def small_systems(draw: st.DrawFn) -> System:
    n = draw(st.integers(2, 7))
    ids = [f"x{i}" for i in range(n)]
    pairs = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids)).filter(lambda p: p[0] != p[1]),
            max_size=12,
            unique_by=lambda p: frozenset(p),
        )
    )
    rels = [
        Relation(
            a=a,
            b=b,
            sign=draw(st.sampled_from([1, -1])),
            start=draw(st.sampled_from([None, "2011", "2012-03"])),
            evidence=[
                Evidence(
                    doc_id="d",
                    start=0,
                    end=1,
                    sentence=draw(names_st),
                    date=draw(st.sampled_from([None, "2012-05"])),
                )
                for _ in range(draw(st.integers(0, 2)))
            ],
        )
        for a, b in pairs
    ]
    return System(name="p", actors=[Actor(id=i, name=draw(names_st)) for i in ids], relations=rels)


@given(s=small_systems())
@settings(max_examples=15, deadline=None)
def test_report_of_any_system_draws_every_actor_and_tie(s: System) -> None:
    html = build_report(s)
    data = _data(html)
    assert len(data["network"]["nodes"]) == len(s.actors)
    assert {e["data"]["id"] for e in data["network"]["edges"]} == {
        f"{r.a}|{r.b}" for r in s.relations
    }
    n_frustrated = sum(e["data"]["frustrated"] for e in data["network"]["edges"])
    sec = sections.balance_section(s)
    if sec["available"]:
        assert n_frustrated == sec["frustration_index"]  # unweighted: one per frustrated tie
    assert "<script>" not in html.split('id="factions-data">')[1].split("</script>")[0]


def test_a_name_with_dollar_signs_is_drawn_as_text_not_tex() -> None:
    """Found by the property test above: matplotlib read "$" in a name as TeX and failed."""
    s = System(
        name="p",
        actors=[Actor(id="x0", name="$\U00020000"), Actor(id="x1", name="$")],
        relations=[Relation(a="x0", b="x1", sign=1, start="2011")],
    )
    html = build_report(s)
    assert len(_data(html)["network"]["nodes"]) == 2


def test_report_shows_external_ids_and_other_names() -> None:
    s = System(
        name="ids",
        actors=[
            Actor(
                id="puk",
                name="Patriotic Union of Kurdistan",
                kind="party",
                external_id="partyfacts:5616",
                aliases=("PUK", "Yekêtiy Nîştimaniy Kurdistan"),
            ),
            Actor(id="b", name="B"),
        ],
        relations=[Relation(a="puk", b="b", sign=1, kind="support")],
    )
    html = build_report(s)
    node = next(n["data"] for n in _data(html)["network"]["nodes"] if n["data"]["id"] == "puk")
    assert node["external_id"] == "partyfacts:5616"
    assert node["aliases"] == ["PUK", "Yekêtiy Nîştimaniy Kurdistan"]
    assert "also named" in html and "d.external_id" in html
