"""Exports: GEXF and GraphML round-trip through NetworkX; JSON and CSV; the Parquet option."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from factions.cli import _load_commands, app
from factions.model import Actor, Evidence, Relation, System, load_system
from factions.report.export import export_graph, write_graph
from factions.run import ingest
from report_fixtures import N_ACTORS, N_TIES, write_system

runner = CliRunner()
_load_commands()
EDGE_ATTRS = ("sign", "kind", "evidence_count", "weight", "confidence", "frustrated")
NODE_ATTRS = ("name", "kind", "bloc", "seats", "label")


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_system(tmp_path_factory.mktemp("toy"))


ANALYSED = {"bloc", "frustrated"}  # optimal, but not unique: compare types only across runs


def _same_graph(g: nx.Graph, h: nx.Graph, *, same_run: bool = True) -> None:
    assert set(g.nodes) == set(h.nodes)
    assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in h.edges}
    for n in g.nodes:
        for k in NODE_ATTRS:
            if same_run or k not in ANALYSED:
                assert h.nodes[n][k] == g.nodes[n][k], (n, k)
            assert type(h.nodes[n][k]) is type(g.nodes[n][k]), (n, k)
    for a, b, d in g.edges(data=True):
        for k in EDGE_ATTRS:
            if same_run or k not in ANALYSED:
                assert h.edges[a, b][k] == d[k], (a, b, k)
            assert type(h.edges[a, b][k]) is type(d[k]), (a, b, k)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_round_trip_keeps_everything(toy: Path, tmp_path: Path, fmt: str) -> None:
    s = load_system(toy)
    out = tmp_path / f"g.{fmt}"
    r = runner.invoke(app, ["export", str(toy), "--to", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    h = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    g = export_graph(s)
    assert h.number_of_nodes() == N_ACTORS and h.number_of_edges() == N_TIES
    _same_graph(g, h, same_run=False)
    assert sum(d["frustrated"] for _, _, d in h.edges(data=True)) == 1  # one unbalanced triangle
    # Written and read in one run, every attribute value survives too.
    write_graph(g, fmt, tmp_path / f"again.{fmt}")
    again = (
        nx.read_gexf(tmp_path / f"again.{fmt}")
        if fmt == "gexf"
        else nx.read_graphml(tmp_path / f"again.{fmt}")
    )
    _same_graph(g, again)
    assert h.edges["blue", "red"]["sign"] == -1
    assert h.edges["blue", "red"]["kind"] == "rivalry"
    assert h.edges["blue", "red"]["evidence_count"] == 1
    assert h.edges["gold", "red"]["evidence_count"] == 0
    assert h.nodes["blue"]["bloc"] != h.nodes["red"]["bloc"]
    assert h.nodes["blue"]["seats"] == 40
    assert h.edges["blue", "red"]["start"] == "2011-03"


ids = st.sampled_from([f"a{i}" for i in range(8)])


@st.composite
def systems(draw: st.DrawFn) -> System:
    pairs = draw(
        st.lists(
            st.tuples(ids, ids).filter(lambda p: p[0] != p[1]),
            max_size=14,
            unique_by=lambda p: frozenset(p),
        )
    )
    rels = [
        Relation(
            a=a,
            b=b,
            sign=draw(st.sampled_from([1, -1])),
            kind=draw(st.sampled_from(["alliance", "rivalry", 'a kind & <odd> "one"'])),
            evidence=[
                Evidence(doc_id=f"d{k}", start=k, end=k + 1, sentence=f"s{k}")
                for k in range(draw(st.integers(0, 3)))
            ],
        )
        for a, b in pairs
    ]
    text = st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
        min_size=1,
        max_size=8,
    )
    actors = [Actor(id=f"a{i}", name=draw(text.filter(str.strip))) for i in range(8)]
    return System(name="h", actors=actors, relations=rels)


@given(s=systems())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_gexf_round_trip_property(s: System, tmp_path_factory: pytest.TempPathFactory) -> None:
    d = tmp_path_factory.mktemp("gexf")
    g = export_graph(s)
    write_graph(g, "gexf", d / "g.gexf")
    write_graph(g, "graphml", d / "g.graphml")
    for h in (nx.read_gexf(d / "g.gexf"), nx.read_graphml(d / "g.graphml")):
        _same_graph(g, h)


def test_xml_illegal_characters_are_dropped(tmp_path: Path) -> None:
    s = System(
        actors=[Actor(id="a", name="Bad\x1bName\x00"), Actor(id="b", name="B")],
        relations=[Relation(a="a", b="b", sign=-1, kind="feud\x07")],
    )
    for fmt in ("gexf", "graphml"):
        write_graph(export_graph(s), fmt, tmp_path / f"g.{fmt}")
        h = (
            nx.read_gexf(tmp_path / f"g.{fmt}")
            if fmt == "gexf"
            else nx.read_graphml(tmp_path / f"g.{fmt}")
        )
        assert h.nodes["a"]["name"] == "BadName" and h.edges["a", "b"]["kind"] == "feud"


def test_json_is_node_link(toy: Path, tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    r = runner.invoke(app, ["export", str(toy), "--to", "json", "-o", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text(encoding="utf-8"))
    h = nx.node_link_graph(data, edges="edges")
    _same_graph(export_graph(load_system(toy)), h, same_run=False)


def test_csv_tables(toy: Path, tmp_path: Path) -> None:
    out = tmp_path / "csv"
    r = runner.invoke(app, ["export", str(toy), "--to", "csv", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.csv",
        "affiliations.csv",
        "evidence.csv",
        "relations.csv",
        "seats.csv",
    ]
    rel = pd.read_csv(out / "relations.csv")
    assert len(rel) == N_TIES and set(rel["sign"]) == {1, -1}
    ev = pd.read_csv(out / "evidence.csv")
    assert len(ev) == 5
    joined = rel.merge(ev, on=["a", "b"])
    assert len(joined) == 5
    actors = pd.read_csv(out / "actors.csv")
    assert dict(zip(actors["id"], actors["seats"], strict=True))["blue"] == 40


def test_export_bad_input(toy: Path, tmp_path: Path) -> None:
    r = runner.invoke(app, ["export", str(toy), "--to", "dot", "-o", str(tmp_path / "x")])
    assert r.exit_code == 2 and "graphml, gexf, json, csv" in r.output
    r = runner.invoke(
        app, ["export", str(tmp_path / "nope.yaml"), "--to", "gexf", "-o", str(tmp_path / "x")]
    )
    assert r.exit_code == 2 and "no such file" in r.output
    r = runner.invoke(app, ["export", str(toy), "--to", "gexf"])
    assert r.exit_code == 2 and "-o/--out" in r.output
    r = runner.invoke(
        app, ["export", "--db", str(tmp_path / "none.duckdb"), "--parquet", str(tmp_path / "pq")]
    )
    assert r.exit_code == 2 and "no such corpus store" in r.output
    r = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 2 and "--parquet" in r.output


def test_parquet_export_of_a_store(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text(
        "The Blue Party attacked the Red List over the budget.\n", encoding="utf-8"
    )
    db = tmp_path / "c.duckdb"
    ingest([docs], db)
    out = tmp_path / "pq"
    r = runner.invoke(app, ["export", "--db", str(db), "--parquet", str(out), "--json"])
    assert r.exit_code == 0, r.output
    written = json.loads(r.output)["written"]
    assert written and all(Path(p).suffix == ".parquet" for p in written)
    docs_table = pd.read_parquet(out / "documents.parquet")
    assert len(docs_table) == 1
