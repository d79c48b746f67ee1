"""``factions extract``, ``factions eval`` and ``factions show``, and the extraction demo step."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from factions.cli.app import DemoContext, app, demo_step
from factions.cli.common import (
    EXIT_BAD_INPUT,
    console,
    err_console,
    error,
    fail,
    load_system_file,
    print_json,
)

__all__ = [
    "PROGRESS_THRESHOLD",
    "TEXT_SUFFIXES",
    "demo_extract",
    "eval_",
    "extract",
    "print_system",
    "run_extraction",
    "show",
]

PROGRESS_THRESHOLD = 5


def _progress(total: int) -> Progress:
    return Progress(
        TextColumn("[bold]reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=total <= PROGRESS_THRESHOLD,
    )


TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
"""Files a folder given to ``extract`` contributes (``factions ingest`` reads HTML, JSONL, CSV)."""


def _expand(paths: list[Path]) -> tuple[list[Path], int]:
    """Files to read: each file as given, each folder's text files (recursively, sorted)."""
    files: list[Path] = []
    bad = 0
    for p in paths:
        if not p.is_dir():
            files.append(p)
            continue
        found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
        if not found:
            error(f"{p}: a folder with no {', '.join(TEXT_SUFFIXES)} files to read")
            bad += 1
        files.extend(found)
    return files, bad


def _read_all(paths: list[Path]):
    """Documents that can be read, and how many could not (each reported on one line)."""
    from factions.text.documents import DocumentError, read_document

    files, bad = _expand(paths)
    docs = []
    for f in files:
        try:
            docs.append(read_document(f))
        except DocumentError as exc:
            error(str(exc))
            bad += 1
    return docs, bad


EXTRACTOR_HELP = (
    "model: the trained pair classifier over every co-mentioned pair (rules as its features); "
    "rules: the rule engine alone."
)


def _extractor_option():
    return typer.Option("model", "--extractor", help=EXTRACTOR_HELP)


def _model_option():
    return typer.Option(
        None, "--model", help="A relation-model file other than the packaged one (factions train)."
    )


DISABLE_RULE_HELP = "Switch off a rule unit (repeatable; `factions rules` lists them)."


def disabled_rules(names: list[str] | None) -> frozenset[str]:
    """The rule units to switch off; an unknown name is one line naming the valid ones."""
    from factions.text.rules import UnknownRuleError, check_rule_names

    try:
        return check_rule_names(names or ())
    except UnknownRuleError as exc:
        fail(str(exc))


def run_extraction(
    docs,
    gazetteer=None,
    extractor: str = "model",
    model_path: Path | None = None,
    disabled: frozenset[str] = frozenset(),
):
    """Extract every document, with a progress bar on stderr when there are many."""
    from factions.text.nlp import ModelNotInstalled
    from factions.text.pipeline import EXTRACTORS, Extractor
    from factions.text.relation_model import ModelFileError, RelationModel

    if extractor not in EXTRACTORS:
        fail(f"--extractor {extractor!r}: expected one of {', '.join(EXTRACTORS)}")
    try:
        model = RelationModel.load(model_path) if model_path is not None else None
        extractor = Extractor(
            gazetteer=gazetteer, extractor=extractor, model=model, disabled_rules=disabled
        )
    except (ModelNotInstalled, ModelFileError) as exc:
        fail(str(exc))
    results = []
    with _progress(len(docs)) as progress:
        task = progress.add_task("extract", total=len(docs))
        for r in extractor.extract_many(docs):
            results.append(r)
            progress.advance(task)
    return results


@app.command()
def extract(
    files: list[Path] = typer.Argument(
        ...,
        help="Text files (UTF-8) to read, or folders of .txt/.md files "
        "(`factions ingest` also reads HTML, JSON lines and CSV).",
    ),
    actors: Path | None = typer.Option(
        None, "--actors", help="A system file whose actors are matched by name and alias."
    ),
    fmt: str = typer.Option("json", "--format", help="json (extractor output) or yaml (system)."),
    out: Path | None = typer.Option(None, "-o", "--out", help="Write here instead of stdout."),
    extractor: str = _extractor_option(),
    model: Path | None = _model_option(),
    disable_rule: list[str] = typer.Option(None, "--disable-rule", help=DISABLE_RULE_HELP),
) -> None:
    """Read documents into actors and signed relations with evidence."""
    from factions.model import SystemFileError, dumps_system, load_system
    from factions.text.aggregate import aggregate

    if fmt not in ("json", "yaml"):
        fail(f"--format {fmt!r}: expected 'json' or 'yaml'")
    disabled = disabled_rules(disable_rule)
    gazetteer = None
    bad = 0
    if actors is not None:
        try:
            gazetteer = load_system(actors)
        except SystemFileError as exc:
            error(str(exc).splitlines()[0])
            bad += 1
    docs, bad_docs = _read_all(files)
    bad += bad_docs
    results = run_extraction(docs, gazetteer, extractor, model, disabled) if docs else []
    if fmt == "json":
        text = json.dumps(
            {"documents": [r.to_json() for r in results]}, indent=2, ensure_ascii=False
        )
        text += "\n"
    else:
        name = Path(files[0]).stem if len(files) == 1 else "corpus"
        text = dumps_system(aggregate(results, name=name))
    if out is not None:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(text, encoding="utf-8")
        except OSError as exc:
            fail(f"{out}: cannot write: {exc.strerror or exc}")
    else:
        sys.stdout.write(text)
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


@app.command("eval")
def eval_(
    gold: Path = typer.Option(..., "--gold", help="Folder of gold JSON files (ANNOTATION.md)."),
    files: list[Path] = typer.Argument(
        None, help="Extractor output JSON files to score; default: extract the gold texts."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
    errors: bool = typer.Option(False, "--errors", help="List false positives and negatives."),
    extractor: str = _extractor_option(),
    model: Path | None = _model_option(),
    by_rule: bool = typer.Option(
        False, "--by-rule", help="Also score the relations each rule unit supported."
    ),
    disable_rule: list[str] = typer.Option(None, "--disable-rule", help=DISABLE_RULE_HELP),
) -> None:
    """Score extraction against gold files: P/R/F1 per document and micro-averaged."""
    from factions.text.documents import Document
    from factions.text.evaluate import GoldFileError, load_gold, score, score_by_rule

    disabled = disabled_rules(disable_rule)
    if disabled and files:
        fail("--disable-rule applies when eval extracts the gold texts, not to given output")
    if not gold.is_dir():
        fail(f"{gold}: not a folder of gold JSON files")
    try:
        gold_docs = load_gold(gold)
    except GoldFileError as exc:
        fail(str(exc))
    if not gold_docs:
        fail(f"{gold}: no *.json gold files")
    predictions: dict[str, dict] = {}
    if files:
        for f in files:
            try:
                data = json.loads(Path(f).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                fail(f"{f}: cannot read extractor output ({exc})")
            docs = data.get("documents") if isinstance(data, dict) else None
            if not isinstance(docs, list) or not all(
                isinstance(d, dict) and isinstance(d.get("doc_id"), str) for d in docs
            ):
                fail(
                    f"{f}: expected extractor output, an object whose 'documents' is a list of "
                    "objects with a 'doc_id' (ANNOTATION.md)"
                )
            for d in docs:
                predictions[d["doc_id"]] = d
    else:
        docs = [Document(doc_id=g["doc_id"], text=g["text"]) for g in gold_docs]
        for r in run_extraction(docs, None, extractor, model, disabled):
            predictions[r.doc_id] = r.to_json()
    report = score(predictions, gold_docs)
    rule_scores = score_by_rule(predictions, gold_docs) if by_rule else None
    if as_json:
        data = report.as_dict()
        if rule_scores is not None:
            data["by_rule"] = [sc.as_dict() for sc in rule_scores]
        print_json(data)
        return
    table = Table(title=f"Relations and affiliations vs {gold}")
    for col in (
        "document", "TP", "FP", "FN", "P", "R", "F1", "aff TP/FP/FN", "aff F1", "actors R", "actors P"
    ):  # fmt: skip
        table.add_column(col, justify="left" if col == "document" else "right")

    def row(name, c, a, ac, style=None):
        table.add_row(
            name,
            str(c.tp),
            str(c.fp),
            str(c.fn),
            f"{c.precision:.3f}",
            f"{c.recall:.3f}",
            f"{c.f1:.3f}",
            f"{a.tp}/{a.fp}/{a.fn}",
            f"{a.f1:.3f}",
            f"{ac.found}/{ac.gold} {ac.recall:.3f}",
            f"{ac.matched}/{ac.predicted} {ac.precision:.3f}",
            style=style,
        )

    for d in report.documents:
        row(d.doc_id, d.relations, d.affiliations, d.actors)
    total = report.actors
    row("micro", report.relations, report.affiliations, total, style="bold")
    console.print(table)
    kinds = Table(title="Actors by kind (recall by gold kind, precision by predicted kind)")
    for col in ("kind", "gold", "found", "recall", "predicted", "matched", "precision"):
        kinds.add_column(col, justify="left" if col == "kind" else "right")

    def _ratio(a: int, b: int) -> str:
        return f"{a / b:.3f}" if b else "-"

    for kind, c in sorted(total.by_kind.items()):
        kinds.add_row(
            kind,
            str(c["gold"]),
            str(c["found"]),
            _ratio(c["found"], c["gold"]),
            str(c["predicted"]),
            str(c["matched"]),
            _ratio(c["matched"], c["predicted"]),
        )
    kinds.add_row(
        "all",
        str(total.gold),
        str(total.found),
        _ratio(total.found, total.gold),
        str(total.predicted),
        str(total.matched),
        _ratio(total.matched, total.predicted),
        style="bold",
    )
    console.print(kinds)
    if total.split:
        console.print(f"{total.split} gold actor(s) matched by two or more output actors")
    if rule_scores is not None:
        _print_rule_scores(rule_scores, disabled)
    if errors:
        for d in report.documents:
            for g in d.missed_actors:
                console.print(
                    "[yellow]missed actor[/] "
                    + escape(
                        f"{d.doc_id}: {g['id']} ({g.get('kind', '?')}) | "
                        + ", ".join(g.get("aliases", []))
                    ),
                    highlight=False,
                    markup=True,
                    soft_wrap=True,
                )
            for p in d.unmatched_actors:
                texts = dict.fromkeys(m["text"] for m in p.get("mentions", []))
                console.print(
                    "[red]unmatched actor[/] "
                    + escape(f"{d.doc_id}: {p['id']} ({p.get('kind', '?')}) | " + ", ".join(texts)),
                    highlight=False,
                    markup=True,
                    soft_wrap=True,
                )
            for fp in d.false_positives:
                ev = fp.get("evidence", [{}])[0].get("text", "")
                console.print(
                    "[red]FP[/] "
                    + escape(
                        f"{d.doc_id}: {fp['a']} {fp['b']} {fp['sign']:+d} ({fp['why']}) | {ev}"
                    ),
                    highlight=False,
                    markup=True,
                    soft_wrap=True,
                )
            for fn in d.false_negatives:
                console.print(
                    "[yellow]FN[/] "
                    + escape(
                        f"{d.doc_id}: {fn['a']} {fn['b']} {fn['sign']:+d} | "
                        f"{fn.get('evidence', '')}"
                    ),
                    highlight=False,
                    markup=True,
                    soft_wrap=True,
                )


def _print_rule_scores(rule_scores, disabled: frozenset[str]) -> None:
    """One row per relation rule unit (those that supported nothing too), in run order."""
    from factions.text.rules import units

    scored = {sc.rule: sc for sc in rule_scores}
    gold_pairs = rule_scores[0].gold if rule_scores else 0
    table = Table(title=f"Relations by rule unit (recall: share of the {gold_pairs} gold pairs)")
    for col in ("rule", "family", "TP", "FP", "P", "R"):
        table.add_column(col, justify="left" if col in ("rule", "family") else "right")
    known = [(u.name, u.family) for u in units("relations") + units("tables")]
    extra = [(name, "") for name in scored if name not in dict(known)]
    for name, family in known + extra:
        sc = scored.get(name)
        if sc is None:
            note = "off" if name in disabled else "-"
            table.add_row(name, family, "0", "0", note, note, style="dim")
            continue
        table.add_row(
            name, family, str(sc.tp), str(sc.fp), f"{sc.precision:.3f}", f"{sc.recall:.3f}"
        )
    console.print(table)


def _sign(s: int) -> Text:
    return Text("+", style="green") if s > 0 else Text("-", style="red")


def print_system(system, title: str | None = None, only_linked: bool = False) -> None:
    """Rich tables: actors (with allies and rivals), then relations with one evidence each.

    ``only_linked`` leaves out actors without any relation (they are counted in a note).
    """
    names = {a.id: a.name for a in system.actors}
    linked = {x for r in system.relations for x in r.pair}
    actors = Table(title=title or f"Actors of {system.name}")
    actors.add_column("id")
    actors.add_column("name")
    actors.add_column("kind")
    with_ext = any(a.external_id for a in system.actors)
    with_aliases = any(a.aliases for a in system.actors)
    if with_ext:
        actors.add_column("external id")
    if with_aliases:
        actors.add_column("also named")
    actors.add_column("allies (+)")
    actors.add_column("rivals (-)")
    skipped = 0
    for a in system.actors:
        if only_linked and a.id not in linked:
            skipped += 1
            continue
        rels = system.relations_of(a.id)
        allies = ", ".join(
            sorted(names.get(r.other(a.id), r.other(a.id)) for r in rels if r.sign > 0)
        )
        rivals = ", ".join(
            sorted(names.get(r.other(a.id), r.other(a.id)) for r in rels if r.sign < 0)
        )
        extra = [a.external_id or ""] if with_ext else []
        if with_aliases:
            extra.append(", ".join(a.aliases[:6]) + (" ..." if len(a.aliases) > 6 else ""))
        actors.add_row(a.id, a.name, str(a.kind), *extra, allies, rivals)
    console.print(actors)
    if skipped:
        console.print(
            f"[dim]{skipped} more actors without relations are in the system file[/]", markup=True
        )
    rel = Table(title="Relations")
    rel.add_column("sign", justify="center")
    rel.add_column("a")
    rel.add_column("b")
    rel.add_column("kind")
    rel.add_column("conf", justify="right")
    rel.add_column("evidence")
    for r in system.relations:
        ev = r.evidence[0] if r.evidence else None
        text = Text()
        if ev is not None:
            text = Text.assemble(ev.sentence, (f" ({ev.doc_id}:{ev.start}-{ev.end})", "dim"))
        elif r.sources:
            text = Text(f"source: {r.sources[0]}", style="dim")
        rel.add_row(
            _sign(r.sign),
            names.get(r.a, r.a),
            names.get(r.b, r.b),
            r.kind,
            f"{r.confidence:.2f}",
            text,
        )
    console.print(rel)
    if system.affiliations:
        aff = Table(title="Affiliations")
        aff.add_column("member")
        aff.add_column("group")
        aff.add_column("role")
        for f in system.affiliations:
            aff.add_row(names.get(f.member, f.member), names.get(f.group, f.group), f.role)
        console.print(aff)


@app.command()
def show(
    system_file: Path = typer.Argument(..., help="A system file (YAML or JSON)."),
    as_json: bool = typer.Option(False, "--json", help="Print the system as JSON."),
) -> None:
    """Show a system file: actors with allies and rivals, relations with evidence."""
    from factions.model.io import system_to_data

    system = load_system_file(system_file)
    if as_json:
        print_json(system_to_data(system))
        return
    print_system(system, title=f"Actors of {system_file}")


@demo_step(order=10, title="Extract the seed documents")
def demo_extract(ctx: DemoContext) -> None:
    """Extract every *.txt in ctx.seeds into out/seeds.system.yaml and out/seeds.json."""
    from factions.model import System, save_system
    from factions.text.aggregate import aggregate

    files = sorted(Path(ctx.seeds).glob("*.txt"))
    ctx.out.mkdir(parents=True, exist_ok=True)
    docs, _ = _read_all(files)
    results = run_extraction(docs) if docs else []
    system = aggregate(results, name="seeds") if results else System(name="seeds")
    save_system(system, ctx.out / "seeds.system.yaml")
    (ctx.out / "seeds.json").write_text(
        json.dumps({"documents": [r.to_json() for r in results]}, indent=2, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    if not results:
        console.print(f"no documents in {ctx.seeds}; wrote an empty system")
        return
    console.print(
        f"read {len(results)} document(s) from {ctx.seeds}: {len(system.actors)} actors, "
        f"{len(system.relations)} relations -> {ctx.out / 'seeds.system.yaml'}, "
        f"{ctx.out / 'seeds.json'}"
    )
    print_system(system, title="Actors in the seed documents", only_linked=True)
