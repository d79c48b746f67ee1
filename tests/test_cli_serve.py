"""``factions serve`` refuses, in one line, an address it cannot listen on."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from factions.cli import _load_commands, app

_load_commands()
runner = CliRunner()
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "iraq-2012" / "system.yaml"


def test_a_port_in_use_is_one_line_exit_2() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = runner.invoke(app, ["serve", str(EXAMPLE), "--port", str(port)])
    assert res.exit_code == 2
    assert f"cannot listen on 127.0.0.1:{port}" in res.stderr and "in use" in res.stderr
    assert "serving" not in res.stdout


def test_an_address_that_is_not_here_is_one_line_exit_2() -> None:
    res = runner.invoke(app, ["serve", str(EXAMPLE), "--host", "203.0.113.7", "--port", "8123"])
    assert res.exit_code == 2 and "cannot listen on 203.0.113.7:8123" in res.stderr
