"""End-to-end tests in headless Chromium (Debian's ``chromium``, driven by Playwright).

* The web UI served by ``factions serve`` on the seeds' extracted system (falling back to
  examples/iraq-2012, then to a small system written here): the graph has the system's
  numbers of nodes and edges, clicking a tie shows its evidence sentence, a scenario run from
  the page changes the outcome, and a screenshot is saved under out/.
* The toy parliament: a scenario from the page turns a failing motion into a passing one.
* The HTML report of examples/iraq-2012 opened offline from a file: no request leaves the
  file, no console error, the graph is drawn, and a screenshot is saved under out/.

Never downloads a browser: skips with a reason when Debian's chromium is not installed
(``make test`` installs it when missing).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import networkx as nx
import pytest

from factions.model import System, load_system
from report_fixtures import SCENARIO_YAML, write_system

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "out"
SHARED = ROOT.parent / "shared"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for cand in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if cand and Path(cand).is_file() and os.access(cand, os.X_OK):
            return cand
    return None


@pytest.fixture(scope="module")
def browser():
    path = _chromium()
    if path is None:
        pytest.skip(
            "Debian's chromium is not installed (apt-get install -y chromium chromium-driver)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _factions() -> list[str]:
    exe = Path(sys.executable).parent / "factions"
    return (
        [str(exe)]
        if exe.is_file()
        else [sys.executable, "-c", "from factions.cli import main; main()"]
    )


@contextmanager
def serving(system_path: Path) -> Iterator[str]:
    """Run ``factions serve SYSTEM --port P`` (default host) and yield its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [*_factions(), "serve", str(system_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                raise AssertionError(
                    f"factions serve exited: {proc.stdout.read() if proc.stdout else ''}"
                )
            try:
                if httpx.get(url + "/api/system", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("factions serve did not answer within 60 s")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _page(browser, allowed_prefix: str):
    """A page that records console errors, page errors, failed requests and any request
    outside ``allowed_prefix`` (those are aborted)."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
    problems: list[str] = []

    def route(r):
        u = r.request.url
        if u.startswith(allowed_prefix) or u.startswith("data:"):
            r.continue_()
        else:
            problems.append(f"request outside: {u}")
            r.abort()

    ctx.route("**/*", route)
    page = ctx.new_page()
    page.on(
        "console",
        lambda m: (
            problems.append(f"console {m.type}: {m.text}")
            if m.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url} {r.failure}"))
    return ctx, page, problems


def _wait_graph(page, timeout: float = 30.0) -> tuple[int, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = page.evaluate(
            "window.factionsCy ? [factionsCy.nodes().length, factionsCy.edges().length] : null"
        )
        if n and n[0] > 0:
            return n[0], n[1]
        time.sleep(0.2)
    raise AssertionError("the graph was not drawn")


def _click_point(page, element_id: str) -> tuple[float, float, float]:
    """Where a real mouse click lands on a node or edge of the graph (zoomed to it first),
    and how far that point is from every other edge (infinite for a node).

    For an edge, the point along it that no node or label covers and that lies farthest from
    every other edge, so the click lands on the edge whatever the (randomised) layout.
    """
    x, y, clear = page.evaluate(
        """(id) => {
            const cy = factionsCy, el = cy.getElementById(id);
            cy.fit(el, 150);
            const box = document.getElementById('graph').getBoundingClientRect();
            let p = el.isEdge() ? el.renderedMidpoint() : el.renderedPosition();
            let best = el.isEdge() ? -1 : 1e9;
            if (el.isEdge()) {
              const a = el.source().renderedPosition(), b = el.target().renderedPosition();
              const others = cy.edges().not(el);
              for (let t = 0.1; t <= 0.9; t += 0.025) {
                const q = {x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)};
                const covered = cy.nodes().some((n) => {
                  const bb = n.renderedBoundingBox({includeLabels: true});
                  return q.x >= bb.x1 - 4 && q.x <= bb.x2 + 4 && q.y >= bb.y1 - 4 && q.y <= bb.y2 + 4;
                });
                if (covered) { continue; }
                // the point farthest from every other edge
                let clear = Infinity;
                others.forEach((e) => {
                  const s = e.source().renderedPosition(), u = e.target().renderedPosition();
                  const dx = u.x - s.x, dy = u.y - s.y, len2 = dx * dx + dy * dy || 1;
                  const k = Math.max(0, Math.min(1, ((q.x - s.x) * dx + (q.y - s.y) * dy) / len2));
                  clear = Math.min(clear, Math.hypot(q.x - (s.x + k * dx), q.y - (s.y + k * dy)));
                });
                if (clear > best) { best = clear; p = q; }
              }
            }
            return [box.left + p.x, box.top + p.y, best];
        }""",
        element_id,
    )
    return x, y, clear


def _click_element(page, element_id: str) -> None:
    """A real mouse click on a node or edge of the graph (see :func:`_click_point`)."""
    x, y, _ = _click_point(page, element_id)
    page.mouse.click(x, y)


def _seeds_system(tmp: Path) -> tuple[Path, str]:
    """The seeds' extracted system (our own example articles when ../shared is absent, as
    `make demo` does), else examples/iraq-2012, else the toy system."""
    seeds = sorted((SHARED / "seeds").glob("*.txt")) if (SHARED / "seeds").is_dir() else []
    seeds = seeds or sorted((ROOT / "examples" / "articles").glob("*.txt"))
    if seeds:
        out = tmp / "seeds.system.yaml"
        r = subprocess.run(
            [*_factions(), "extract", *map(str, seeds), "--format", "yaml", "-o", str(out)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        if r.returncode == 0 and out.is_file() and load_system(out).relations:
            return out, "seeds"
    iraq = ROOT / "examples" / "iraq-2012" / "system.yaml"
    if iraq.is_file():
        return iraq, "iraq-2012"
    return write_system(tmp / "toy"), "toy"


def _balance_changing_scenario(system: System, analysis: dict) -> tuple[str, int]:
    """A one-step scenario whose frustration index is known exactly, and that index.

    Flipping a frustrated tie lowers the frustration index by exactly one. In a balanced
    graph, a tie between two actors of one connected component whose sign contradicts the
    (unique) two-bloc split of that component makes it exactly one.
    """
    bal = analysis["balance"]
    if bal["frustrated_edges"]:
        a, b = bal["frustrated_edges"][0]
        return f"name: flip-frustrated\nsteps:\n- {{op: flip_relation, a: {a}, b: {b}}}\n", int(
            bal["frustration_index"]
        ) - 1
    g = system.to_networkx(include_isolates=False)
    side = {x: i for i, part in enumerate(bal["partition"]) for x in part}
    for a in g.nodes:
        for b, dist in nx.single_source_shortest_path_length(g, a, cutoff=3).items():
            if dist >= 2 and not g.has_edge(a, b):
                sign = -1 if side[a] == side[b] else 1
                return (
                    f"name: contradict\nsteps:\n- {{op: set_relation, a: {a}, b: {b}, sign: {sign}}}\n",
                    1,
                )
    pytest.skip("the system has no two actors at distance 2 to tie")


def test_ui_end_to_end_on_the_seeds_system(browser, tmp_path: Path) -> None:
    path, label = _seeds_system(tmp_path)
    system = load_system(path)
    OUT.mkdir(exist_ok=True)
    with serving(path) as url:
        ctx, page, problems = _page(browser, url)
        page.goto(url + "/")
        nodes, edges = _wait_graph(page)
        assert (nodes, edges) == (len(system.actors), len(system.relations)), label
        assert page.get_attribute("#graph", "data-edges") == str(len(system.relations))

        # Click a tie: its evidence sentence (or, in a hand-written system, its cited
        # source) shows in the side panel.
        # The tie to click: of the first few with evidence, the one whose click point lies
        # farthest from every other edge (a randomised layout can lay two ties almost on
        # top of each other, and a real click then opens the other one).
        with_evidence = [r for r in system.relations if r.evidence][:8] or system.relations[:1]
        tie = max(with_evidence, key=lambda r: _click_point(page, f"{r.a}|{r.b}")[2])
        _click_element(page, f"{tie.a}|{tie.b}")
        if tie.evidence:
            page.locator("#detail .evidence-sentence").first.wait_for(timeout=10_000)
            expected_text = tie.evidence[0].sentence.split("\n")[0][:60]
        else:
            page.locator("#detail h3", has_text="Sources").wait_for(timeout=10_000)
            expected_text = tie.sources[0][:60]
        shown = page.inner_text("#detail")
        assert system.actor(tie.a).name in shown and system.actor(tie.b).name in shown
        assert expected_text in " ".join(shown.split())

        # Click an actor: its ties are listed.
        _click_element(page, tie.a)
        page.locator("#detail h2", has_text=system.actor(tie.a).name).wait_for(timeout=10_000)

        # Filter to negative ties.
        page.select_option("#f-sign", "negative")
        page.click("#f-apply")
        n_neg = sum(1 for r in system.relations if r.sign < 0)
        page.locator(f"#graph[data-edges='{n_neg}']").wait_for(timeout=10_000)
        page.click("#f-reset")
        page.locator(f"#graph[data-edges='{len(system.relations)}']").wait_for(timeout=10_000)

        # Run a scenario from the page and see the changed outcome (the frustration index).
        analysis = httpx.get(url + "/api/analysis", timeout=60).json()
        before = analysis["balance"]["frustration_index"]
        yaml_text, expected = _balance_changing_scenario(system, analysis)
        page.fill("#scenario", yaml_text)
        page.click("#run-scenario")
        page.locator("#scenario-result p", has_text="Frustration index").wait_for(timeout=60_000)
        text = page.inner_text("#scenario-result")
        assert f"Frustration index {before:g} → {expected:g}" in text.replace(".0 ", " ").replace(
            ".0\n", "\n"
        ), text
        page.screenshot(path=str(OUT / "browser-ui.png"))
        ctx.close()
    assert problems == [], problems


def test_ui_scenario_turns_a_motion(browser, tmp_path: Path) -> None:
    path = write_system(tmp_path / "toy")
    with serving(path) as url:
        ctx, page, problems = _page(browser, url)
        page.goto(url + "/")
        assert _wait_graph(page) == (6, 6)
        page.locator("#motions .verdict-fails").wait_for(timeout=30_000)
        page.fill("#scenario", SCENARIO_YAML)
        page.click("#run-scenario")
        page.locator("#scenario-changed", has_text="Changed outcome: no_confidence").wait_for(
            timeout=30_000
        )
        row = page.inner_text("#scenario-outcomes tr.changed")
        assert "40" in row and "55" in row and "fails" in row and "passes" in row
        page.screenshot(path=str(OUT / "browser-ui-scenario.png"))

        # Upload a text from the page: the extraction merges into the served system.
        note = tmp_path / "note_7.txt"
        note.write_text(
            "The Gold Movement and the Green Front announced an alliance on Tuesday.\n",
            encoding="utf-8",
        )
        page.set_input_files("#upload", str(note))
        page.click("#upload-go")
        page.locator("#upload-status", has_text="Found").wait_for(timeout=120_000)
        assert httpx.get(url + "/api/system", timeout=30).json()["uploads"] == ["note_7"]
        ctx.close()
    assert problems == [], problems


def test_report_opens_offline_without_errors(browser, tmp_path: Path) -> None:
    from factions.report import write_report

    iraq = ROOT / "examples" / "iraq-2012" / "system.yaml"
    path = iraq if iraq.is_file() else write_system(tmp_path / "toy")
    system = load_system(path)
    out = tmp_path / "report.html"
    write_report(system, out)
    ctx, page, problems = _page(browser, out.as_uri())
    ctx.set_offline(True)
    page.goto(out.as_uri())
    assert _wait_graph(page) == (len(system.actors), len(system.relations))
    tie = next((r for r in system.relations if r.evidence), system.relations[0])
    _click_element(page, f"{tie.a}|{tie.b}")
    page.locator("#detail b", has_text=system.actor(tie.a).name).wait_for(timeout=10_000)
    if tie.evidence:
        assert page.locator("#detail .evidence-sentence").count() == len(tie.evidence)
    page.evaluate("void factionsCy.fit(undefined, 30)")
    page.screenshot(path=str(OUT / "report-iraq.png"))
    page.locator("#motions").screenshot(path=str(OUT / "report-iraq-motions.png"))
    ctx.close()
    assert problems == [], problems


def test_ui_quotes_in_a_document_id_stay_inside_their_attribute(browser, tmp_path: Path) -> None:
    """A document id with quotes ("x' data-pwned='1") is one attribute value of its link,
    not markup: the page's escaping covers quotes, not only <, > and &."""
    from factions.model import Actor, Evidence, Relation, save_system

    doc_id = "o'brien-2012' data-pwned='1"
    sentence = "Ana Ruiz's Azure Party attacked the Green League."
    system = System(
        name="quotes",
        actors=[Actor(id="a", name="Azure Party"), Actor(id="b", name="Green League")],
        relations=[
            Relation(
                a="a",
                b="b",
                sign=-1,
                evidence=[Evidence(doc_id=doc_id, sentence=sentence, start=0, end=len(sentence))],
            )
        ],
    )
    path = save_system(system, tmp_path / "quotes.yaml")
    with serving(path) as url:
        ctx, page, problems = _page(browser, url)
        page.goto(url + "/")
        assert _wait_graph(page) == (2, 1)
        _click_element(page, "a|b")
        page.locator("#detail .evidence-sentence").first.wait_for(timeout=10_000)
        assert page.get_attribute("#detail a.doc", "data-doc") == doc_id
        assert page.locator("[data-pwned]").count() == 0
        ctx.close()
    assert problems == [], problems
