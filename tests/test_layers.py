"""The layers' import rules (docs/ARCHITECTURE.md), read from the source with ``ast``.

Every ``import`` counts, at module level or inside a function, so a lazy import cannot
hide an arrow that points the wrong way.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "factions"

# package -> the factions packages it must not import
FORBIDDEN = {
    "model": {"text", "analysis", "sim", "io", "store", "run", "report", "web", "cli"},
    "analysis": {"text", "sim", "io", "store", "run", "report", "web", "cli"},
    "sim": {"text", "io", "store", "run", "report", "web", "cli"},
    "io": {"text", "store", "run", "report", "web", "cli"},
    "text": {"analysis", "sim", "io", "store", "run", "report", "web", "cli"},
    "store": {"run", "report", "web", "cli"},
    "run": {"report", "web", "cli"},
    "report": {"web", "cli"},
    "web": {"cli"},
}


def _modules(package: str) -> list[Path]:
    return sorted((SRC / package).rglob("*.py"))


def _imported(path: Path) -> list[tuple[int, str]]:
    """``(line, dotted name)`` of every factions module ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.startswith("factions")]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("factions"):
                out.append((node.lineno, node.module))
        elif isinstance(node, ast.ImportFrom) and node.level:
            out.append((node.lineno, f"<relative {node.module}>"))
    return out


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_imports_point_the_right_way(package: str) -> None:
    bad = []
    for path in _modules(package):
        for line, name in _imported(path):
            parts = name.split(".")
            if name.startswith("<relative"):
                bad.append(f"{path.relative_to(SRC)}:{line}: relative import")
            elif len(parts) > 1 and parts[1] in FORBIDDEN[package]:
                bad.append(f"{path.relative_to(SRC)}:{line}: imports {name}")
    assert bad == []


def test_model_imports_nothing_else_of_factions() -> None:
    for path in _modules("model"):
        for line, name in _imported(path):
            assert name.startswith("factions.model"), f"{path.relative_to(SRC)}:{line}: {name}"


def test_analysis_and_sim_load_no_outer_layer() -> None:
    """At run time too: importing them loads no cli, report, web, store, run or io module."""
    code = (
        "import sys, factions.analysis, factions.sim;"
        "print(sorted({m.split('.')[1] for m in sys.modules"
        " if m.startswith('factions.') and m.count('.') >= 1}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    loaded = set(eval(out))  # noqa: S307 - our own print of a list of strings
    assert loaded <= {"model", "analysis", "sim"}, loaded


def _prints(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    where = path.relative_to(root)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "print"
        ):
            found.append(f"{where}:{node.lineno}: print(")
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(n == "rich" or n.startswith("rich.") for n in names):
                found.append(f"{where}:{node.lineno}: imports rich")
        if isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr"):
            if isinstance(node.value, ast.Name) and node.value.id == "sys":
                found.append(f"{where}:{node.lineno}: sys.{node.attr}")
    return found


def test_nothing_prints_outside_cli() -> None:
    bad = []
    for path in sorted(SRC.rglob("*.py")):
        if path.relative_to(SRC).parts[0] != "cli":
            bad += _prints(path)
    assert bad == []


def test_the_rules_see_a_violation(tmp_path: Path) -> None:
    """The checks are not vacuous: they catch a lazy import and a print."""
    p = tmp_path / "m.py"
    p.write_text("def f():\n    from factions.report import x\n    print(x)\n")
    assert _imported(p) == [(2, "factions.report")]
    assert _prints(p, root=tmp_path) == ["m.py:3: print("]
