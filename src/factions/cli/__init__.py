"""The ``factions`` command line.

One Typer app (:mod:`factions.cli.app`); every other module in this package registers its
commands on it with ``@app.command()`` and is discovered here, so each concept keeps its
commands beside each other and no file is shared between features. The CLI parses,
calls the library and prints; it holds no logic of its own.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

from factions.cli.app import app
from factions.cli.common import EXIT_BAD_INPUT, EXIT_INTERNAL, error

_SKIP = {"app", "common"}


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name not in _SKIP:
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    """Entry point of the ``factions`` console script.

    Commands report bad input themselves (one line, exit 2). What escapes them still ends
    in one line, never a traceback: a file that cannot be read or written (exit 2), or an
    internal error (exit 70; ``FACTIONS_DEBUG=1`` shows the traceback).
    """
    _load_commands()
    try:
        app()
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        error(f"{where}{exc.strerror or exc}")
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # noqa: BLE001 - the last line of defence, see above
        if os.environ.get("FACTIONS_DEBUG"):
            raise
        error(
            f"internal error: {type(exc).__name__}: {exc} (a bug in factions: please report it "
            "with the command; FACTIONS_DEBUG=1 shows the traceback)"
        )
        sys.exit(EXIT_INTERNAL)


__all__ = ["app", "main"]
