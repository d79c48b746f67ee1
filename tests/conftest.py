"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    """Path to ../shared; skips the test when it is not beside the clone."""
    if not (SHARED / "README.md").is_file():
        pytest.skip("../shared is not beside this clone (reference data absent)")
    return SHARED


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES
