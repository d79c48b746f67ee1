"""Helpers shared by command modules: consoles, exit codes, clean error reporting."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from factions.model import System

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_PROBLEMS",
    "console",
    "err_console",
    "error",
    "fail",
    "load_system_file",
    "print_json",
    "warn",
]

# Markup off: names, sentences and paths from the user's files print as they are ("[/]" in
# a name is text). Output that styles itself passes markup=True and escapes what it quotes.
console = Console(markup=False)
err_console = Console(stderr=True, markup=False)

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 70  # sysexits' EX_SOFTWARE: a bug, not the user's input


def error(message: str) -> None:
    """One clear line on stderr, "error: <message>" (the message printed as written)."""
    err_console.print(
        f"[bold red]error:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )


def fail(message: str, code: int = EXIT_BAD_INPUT) -> NoReturn:
    """Print one clear line on stderr and exit (2 = bad input by default)."""
    error(message)
    raise typer.Exit(code)


def load_system_file(path: Path) -> System:
    """Read the system file a command was given; bad input ends the command.

    One line on stderr and exit 2 for each way it can be wrong: no such file, a folder, a
    file that is not UTF-8 or cannot be read, or a system that does not validate (the
    :class:`factions.model.SystemFileError` names file, line and field). Every command that
    takes a system file reads it here.
    """
    from factions.model import load_system

    if not path.exists():
        fail(f"{path}: no such file (expected a system file, .yaml or .json)")
    if path.is_dir():
        fail(f"{path}: is a folder; expected a system file (.yaml or .json)")
    try:
        return load_system(path)
    except UnicodeDecodeError as exc:
        fail(f"{path}: not UTF-8 text (byte {exc.start})")
    except ValueError as exc:  # SystemFileError names file:line: field
        fail(str(exc).splitlines()[0] if str(exc) else f"{path}: cannot read")
    except OSError as exc:
        fail(f"{path}: cannot read ({exc.strerror or exc})")


def warn(message: str) -> None:
    err_console.print(
        f"[yellow]warning:[/] {escape(message)}", markup=True, highlight=False, soft_wrap=True
    )


def print_json(data: Any) -> None:
    """Write JSON to stdout (no Rich markup, so it stays machine-readable)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    sys.stdout.write("\n")
