"""The ``factions`` entry point: whatever escapes a command still ends in one line."""

from __future__ import annotations

import sys

import pytest

import factions.cli as cli


def _run_main(monkeypatch, capsys, exc: BaseException) -> tuple[int, str]:
    def boom() -> None:
        raise exc

    monkeypatch.setattr(cli, "app", boom)
    monkeypatch.setattr(sys, "argv", ["factions"])
    with pytest.raises(SystemExit) as info:
        cli.main()
    return info.value.code, capsys.readouterr().err


def test_an_unreadable_file_is_one_line_exit_2(monkeypatch, capsys):
    code, err = _run_main(
        monkeypatch, capsys, PermissionError(13, "Permission denied", "/data/corpus.duckdb")
    )
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 2
    assert lines == ["error: /data/corpus.duckdb: Permission denied"]


def test_an_internal_error_is_one_line_exit_70(monkeypatch, capsys):
    monkeypatch.delenv("FACTIONS_DEBUG", raising=False)
    code, err = _run_main(monkeypatch, capsys, KeyError("[missing] key"))
    lines = [x for x in err.splitlines() if x.strip()]
    assert code == 70
    assert len(lines) == 1 and "internal error: KeyError" in lines[0] and "[missing]" in lines[0]
    assert "Traceback" not in err


def test_factions_debug_shows_the_traceback(monkeypatch, capsys):
    monkeypatch.setenv("FACTIONS_DEBUG", "1")
    monkeypatch.setattr(cli, "app", lambda: (_ for _ in ()).throw(ValueError("bug")))
    monkeypatch.setattr(sys, "argv", ["factions"])
    with pytest.raises(ValueError, match="bug"):
        cli.main()
