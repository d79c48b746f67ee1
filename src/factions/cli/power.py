"""``factions power`` (exact power indices) and ``factions vote`` (can a motion pass?)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from factions.analysis.motions import MotionReport, chamber_game, game_power, motion_report
from factions.analysis.power import INDEX_NAMES, GameError, PowerIndices, power_indices
from factions.cli.app import app
from factions.cli.common import console, fail, load_system_file, print_json

__all__ = [
    "power",
    "print_vote",
    "vote",
]

_LABELS = {
    "raw_swings": "swings",
    "banzhaf_normalised": "Banzhaf",
    "banzhaf_absolute": "Banzhaf abs.",
    "shapley_shubik": "Shapley-Shubik",
    "deegan_packel": "Deegan-Packel",
    "holler_pgi": "Holler PGI",
    "johnston": "Johnston",
    "coleman_initiate": "Coleman initiate",
    "coleman_prevent": "Coleman prevent",
}


def _parse_int(text: str, what: str) -> int:
    s = text.strip()
    try:
        return int(s)
    except ValueError:
        pass
    try:
        f = Fraction(s)
    except (ValueError, ZeroDivisionError):
        fail(f"{what}: expected a whole number, got {s!r}")
    if f.denominator != 1:
        fail(f"{what}: expected a whole number, got {s!r}")
    return int(f)


def _parse_weights(text: str) -> list[int]:
    parts = [p for p in text.split(",")]
    if not text.strip() or any(not p.strip() for p in parts):
        fail(f"--weights: expected comma-separated whole numbers such as 4,4,2,1, got {text!r}")
    weights = [_parse_int(p, f"--weights: weight {i + 1}") for i, p in enumerate(parts)]
    for i, w in enumerate(weights):
        if w < 0:
            fail(f"--weights: weight {i + 1} must be non-negative, got {w}")
    return weights


def _parse_indices(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    names = [x.strip() for x in text.split(",") if x.strip()]
    for x in names:
        if x not in INDEX_NAMES:
            fail(f"--index: unknown index {x!r}; known: {', '.join(INDEX_NAMES)}")
    if not names:
        fail("--index: expected one or more index names separated by commas")
    return tuple(names)


def _power_table(res: PowerIndices, title: str, weights: list[str]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("player")
    table.add_column("weight", justify="right")
    for name in res.computed:
        table.add_column(_LABELS[name], justify="right")
    for i, player in enumerate(res.players):
        row = [player, weights[i]]
        for name in res.computed:
            v = res.index(name)[i]
            if name == "raw_swings":
                row.append(str(v.numerator))
            else:
                row.append(
                    Text.assemble(f"{float(v):.4f}\n", (f"{v.numerator}/{v.denominator}", "dim"))
                )
        table.add_row(*row)
    return table


@app.command()
def power(
    system: Path | None = typer.Argument(
        None, help="System file; give --chamber to score a chamber's seat holders."
    ),
    quota: str | None = typer.Option(None, "--quota", help="Votes a coalition needs to win."),
    weights: str | None = typer.Option(
        None, "--weights", help="Comma-separated whole-number weights, e.g. 4,4,4,2,2,1."
    ),
    names: str | None = typer.Option(None, "--names", help="Comma-separated player names."),
    index: str | None = typer.Option(
        None, "--index", help=f"Indices to compute (default all): {', '.join(INDEX_NAMES)}."
    ),
    chamber: str | None = typer.Option(None, "--chamber", help="Chamber id in the system."),
    rule: str | None = typer.Option(None, "--rule", help="Vote rule id (default: the first)."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Exact power indices (Banzhaf, Shapley-Shubik, Deegan-Packel, Holler, Johnston, Coleman).

    Either a weighted game (--quota and --weights) or a chamber of a system file
    (SYSTEM --chamber NAME [--rule ID]). Values are exact fractions.
    """
    wanted = _parse_indices(index)
    if system is not None:
        if quota is not None or weights is not None:
            fail("give either SYSTEM --chamber NAME or --quota/--weights, not both")
        if chamber is None:
            fail("SYSTEM needs --chamber NAME (the chamber whose seats to score)")
        sysobj = load_system_file(system)
        try:
            game = chamber_game(sysobj, chamber, rule)
            res = game_power(game, wanted)
        except GameError as exc:
            fail(f"{system}: {exc}")
        title = (
            f"Power in {game.chamber} under {game.rule} (quota "
            + ", ".join(f"{q} {c}" for q, c in zip(game.quotas, game.criteria, strict=True))
            + ")"
        )
        shown = [",".join(map(str, w)) if game.is_vector else str(w[0]) for w in game.weights]
    else:
        if chamber is not None or rule is not None:
            fail("--chamber and --rule need a SYSTEM file")
        if quota is None or weights is None:
            fail("give --quota and --weights (or a SYSTEM file with --chamber)")
        ws = _parse_weights(weights)
        q = _parse_int(quota, "--quota")
        total = sum(ws)
        if q > total:
            fail(f"--quota {q} exceeds the total weight {total}: no coalition can win")
        if q < 1:
            fail(f"--quota must be at least 1, got {q}")
        player_names = None
        if names is not None:
            player_names = [x.strip() for x in names.split(",")]
            if len(player_names) != len(ws):
                fail(
                    f"--names has {len(player_names)} names but --weights has {len(ws)} "
                    "weights; give one name per weight"
                )
        try:
            res = power_indices(ws, q, names=player_names, indices=wanted)
        except GameError as exc:
            fail(str(exc))
        title = f"Power indices of [{q}; {', '.join(map(str, ws))}]"
        shown = [str(w) for w in ws]
    if json_out:
        print_json(res.to_dict())
        return
    console.print(_power_table(res, title, shown))
    extra = []
    if res.n_winning is not None:
        extra.append(f"{res.n_winning} winning coalitions")
    if res.n_minimal_winning is not None:
        extra.append(f"{res.n_minimal_winning} minimal winning")
    if extra:
        console.print("; ".join(extra), highlight=False)


# --------------------------------------------------------------------------- vote


def _yes(flag: bool) -> Text:
    return Text("yes", style="green") if flag else Text("no", style="red")


def print_vote(r: MotionReport, names: dict[str, str], limit: int) -> None:
    """Rich output of ``factions vote``."""

    def nm(a: str) -> str:
        return names.get(a, a)

    rep = r.report
    console.print(
        f"[bold]Motion {escape(r.motion)}[/] "
        + escape(
            f"in {r.chamber} under {r.rule}: {r.seats_needed} seats needed"
            + (f", quorum {r.quorum}" if r.quorum else "")
            + (f"; target {nm(r.target)}" if r.target else "")
        ),
        markup=True,
        highlight=False,
    )
    sides = Table(title="Seats by side", title_justify="left")
    sides.add_column("side")
    sides.add_column("blocs")
    sides.add_column("seats", justify="right")
    sides.add_row("for", ", ".join(map(nm, r.supporters)) or "-", str(r.seats_for))
    sides.add_row("against", ", ".join(map(nm, r.opponents)) or "-", str(r.seats_against))
    sides.add_row("undeclared", ", ".join(map(nm, r.undeclared)) or "-", str(r.seats_abstaining))
    console.print(sides)
    rng = (
        f" (range {r.seats_for_low}-{r.seats_for_high})"
        if (r.seats_for_low, r.seats_for_high) != (r.seats_for, r.seats_for)
        else ""
    )
    console.print(
        f"Supporters reach the threshold: {_yes(r.supporters_win)}: {r.seats_for}{rng} of "
        f"{r.seats_needed}, {r.seats_short} short.",
        highlight=False,
    )
    console.print(
        f"A feasible winning coalition exists without the opponents: {_yes(r.can_pass)} "
        f"({len(rep.winning)}{'+' if rep.truncated else ''} minimal ones).  "
        f"Passes as the system stands: {_yes(r.passes)}.",
        highlight=False,
    )
    if r.needed:
        console.print(f"Needed in every feasible winning coalition: {', '.join(map(nm, r.needed))}")
    if r.decisive:
        console.print(f"Decisive: {', '.join(map(nm, r.decisive[:12]))}", highlight=False)
    if r.routes:
        t = Table(title="Routes to the vote and gatekeepers", title_justify="left")
        for col in ("route", "status", "signatures", "gatekeepers", "why"):
            t.add_column(col)
        for x in r.routes:
            t.add_row(
                x.name,
                x.status,
                str(x.signatures or "-"),
                "\n".join(
                    f"{nm(a)} ({s}{', required' if req else ''})" for a, s, req in x.gatekeepers
                )
                or "-",
                "\n".join(x.reasons) or "-",
            )
        console.print(t)
    if r.completions:
        t = Table(title="Blocs the supporters need (smallest additions)", title_justify="left")
        t.add_column("add")
        t.add_column("seats added", justify="right")
        for c in r.completions[:limit]:
            t.add_row(", ".join(map(nm, c.members)), str(c.seats))
        console.print(t)
    if rep.winning:
        t = Table(title="Feasible minimal winning coalitions", title_justify="left")
        t.add_column("coalition")
        t.add_column("seats", justify="right")
        for c in rep.winning[:limit]:
            t.add_row(", ".join(map(nm, c.members)), str(c.seats))
        console.print(t)
    t = Table(title="Largest feasible coalitions (without the opponents)", title_justify="left")
    t.add_column("coalition")
    t.add_column("seats", justify="right")
    t.add_column("seats short", justify="right")
    for c in rep.closest[:limit]:
        t.add_row(", ".join(map(nm, c.members)), str(c.seats), str(c.seats_short))
    console.print(t)
    if r.forbidden:
        console.print(
            "Will not vote together: " + "; ".join(f"{nm(a)} / {nm(b)}" for a, b in r.forbidden),
            highlight=False,
        )


@app.command()
def vote(
    system: Path = typer.Argument(..., help="System file (.yaml or .json)."),
    motion: str = typer.Option(..., "--motion", help="Motion id in the system."),
    forbid_at: float = typer.Option(
        0.5, "--forbid-at", help="Negative ties at least this strong keep two blocs apart."
    ),
    bind_at: float | None = typer.Option(
        None, "--bind-at", help="Positive ties at least this strong bind two blocs (off)."
    ),
    limit: int = typer.Option(10, "--limit", help="Coalitions shown per list."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Can the motion pass, with whom, which blocs it needs, who is decisive, the gatekeepers."""
    if not 0 < forbid_at <= 1:
        fail(f"--forbid-at: expected a strength in (0, 1], got {forbid_at}")
    if bind_at is not None and not 0 < bind_at <= 1:
        fail(f"--bind-at: expected a strength in (0, 1], got {bind_at}")
    if limit < 1:
        fail(f"--limit: expected a positive number, got {limit}")
    sysobj = load_system_file(system)
    try:
        r = motion_report(sysobj, motion, forbid_at=forbid_at, bind_at=bind_at)
    except GameError as exc:
        fail(f"{system}: {exc}")
    if json_out:
        print_json(r.to_dict(limit))
        return
    print_vote(r, {a.id: a.name for a in sysobj.actors}, limit)
