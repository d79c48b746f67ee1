"""``factions serve``: the web UI and JSON API over a system file or a corpus store."""

from __future__ import annotations

from pathlib import Path

import typer

from factions.cli.app import app
from factions.cli.common import console, fail, load_system_file, warn

__all__ = [
    "DEFAULT_HOST",
    "LOOPBACK_NAMES",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1", "[::1]")


@app.command()
def serve(
    system: Path | None = typer.Argument(None, help="System file (.yaml or .json) to serve."),
    db: Path | None = typer.Option(
        None, "--db", help="Serve the System built from this corpus store."
    ),
    host: str = typer.Option(
        DEFAULT_HOST, "--host", help="Address to bind (loopback unless told otherwise)."
    ),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    max_upload: int = typer.Option(
        256 * 1024, "--max-upload", min=1, help="Largest text upload, in bytes."
    ),
) -> None:
    """Serve the network, evidence, analyses and scenarios in the browser (API docs at /docs)."""
    import uvicorn

    from factions.report.assets import FrontendMissing, check_vendor
    from factions.web import create_app

    if (system is None) == (db is None):
        fail("give a SYSTEM file or --db corpus.duckdb (one of the two)")
    loaded = load_system_file(system) if system is not None else None
    if db is not None and not db.is_file():
        fail(f"{db}: no such corpus store (expected a .duckdb file written by `factions ingest`)")
    try:
        check_vendor()
    except FrontendMissing as exc:
        fail(str(exc))
    try:
        web = create_app(
            system,
            system=loaded,
            db=db,
            max_upload=max_upload,
            allowed_hosts=list(LOOPBACK_NAMES) if host in LOOPBACK_NAMES else None,
        )
    except ValueError as exc:
        fail(str(exc))
    problem = _bind_problem(host, port)
    if problem:
        fail(f"cannot listen on {host}:{port}: {problem} (choose another with --port)")
    if host not in LOOPBACK_NAMES:
        warn(f"binding {host}: the UI is reachable from other machines and has no authentication")
    console.print(
        f"serving {system or db} at http://{host}:{port}/ (API docs at /docs); Ctrl-C stops"
    )
    uvicorn.run(web, host=host, port=port, log_level="warning")


def _bind_problem(host: str, port: int) -> str | None:
    """Why ``host:port`` cannot be bound now (in use, not an address here), or None."""
    import socket

    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except OSError as exc:
        return exc.strerror or str(exc)
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(addr)
        except OSError as exc:
            return exc.strerror or str(exc)
    return None
