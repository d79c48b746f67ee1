"""The layers' import rules (docs/ARCHITECTURE.md), read from the source with ``ast``.

Every ``import`` counts, at module level or inside a function, so a lazy import cannot
hide an arrow that points the wrong way. Beside them, two source checks of the same kind:
nothing prints outside the CLI, and ``text/`` compares spaCy tokens by index, never by
identity.
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


# Identity comparisons that are meant as identity: entities, mentions and sentinels, which
# are kept in lists and compared as the same object.
_IDENTITY_OK = {"other is not ent", "want is _GROUPS", "m is not party", "m is not first"}


def _identity_tests(path: Path, root: Path = SRC) -> list[str]:
    """``a is b`` / ``a is not b`` between two expressions that are not constants. spaCy
    makes a new ``Token`` object on every access (``tok.head is tok`` is never true, not
    even for the root), so two tokens are compared by their index, ``a.i == b.i``."""
    src = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(src)):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.Is, ast.IsNot)) and not isinstance(right, ast.Constant):
                text = ast.get_source_segment(src, node)
                if text not in _IDENTITY_OK:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: {text}")
    return found


def test_tokens_are_compared_by_index() -> None:
    bad = []
    for path in sorted((SRC / "text").rglob("*.py")):
        bad += _identity_tests(path)
    assert bad == []


def test_the_identity_check_sees_a_token_identity_test(tmp_path: Path) -> None:
    """The check is not vacuous, and what it asks for holds: a root's head is the root by
    index, never by identity."""
    p = tmp_path / "m.py"
    p.write_text("def f(t):\n    return t.head is t or t is None\n")
    assert _identity_tests(p, root=tmp_path) == ["m.py:2: t.head is t"]
    import spacy

    doc = spacy.blank("en")("one word")
    assert doc[0].head.i == doc[0].i and doc[0].head is not doc[0]
