"""The ``factions`` command line.

One Typer app (:mod:`factions.cli.app`); every other module in this package registers its
commands on it with ``@app.command()`` and is discovered here, so each concept keeps its
commands beside each other and no file is shared between features. The CLI parses,
calls the library and prints; it holds no logic of its own.
"""

from __future__ import annotations

import importlib
import pkgutil

from factions.cli.app import app

_SKIP = {"app", "common"}


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if info.name not in _SKIP:
            importlib.import_module(f"{__name__}.{info.name}")


def main() -> None:
    """Entry point of the ``factions`` console script."""
    _load_commands()
    app()


__all__ = ["app", "main"]
