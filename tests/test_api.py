"""The public API's habits: ``__all__`` everywhere, the analysis API in one namespace, numpydoc."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import factions

MODULES = sorted(m.name for m in pkgutil.walk_packages(factions.__path__, "factions."))
LIBRARY = ("factions.model", "factions.analysis", "factions.sim", "factions.io")
OUTER = ("factions.store", "factions.run", "factions.report", "factions.web")


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_its_public_names(name: str) -> None:
    mod = importlib.import_module(name)
    assert hasattr(mod, "__all__"), f"{name} has no __all__"
    for n in mod.__all__:
        assert hasattr(mod, n), f"{name}.__all__ names {n!r}, which it does not define"


def test_the_whole_analysis_api_is_in_factions_analysis() -> None:
    import factions.analysis as analysis

    for info in pkgutil.iter_modules(analysis.__path__):
        sub = importlib.import_module(f"factions.analysis.{info.name}")
        missing = sorted(set(sub.__all__) - set(analysis.__all__))
        assert missing == [], f"factions.analysis does not re-export {missing} of {info.name}"


def _public_functions(prefixes: tuple[str, ...]) -> list[tuple[str, object]]:
    out = []
    for name in MODULES:
        if not name.startswith(prefixes):
            continue
        mod = importlib.import_module(name)
        for n in mod.__all__:
            obj = getattr(mod, n)
            if inspect.isfunction(obj) and obj.__module__ == name:
                out.append((f"{name}.{n}", obj))
    return out


@pytest.mark.parametrize(
    ("qualname", "fn"), _public_functions(LIBRARY + OUTER), ids=lambda x: str(x)[:60]
)
def test_public_functions_have_numpydoc_sections(qualname: str, fn) -> None:
    doc = inspect.getdoc(fn) or ""
    sig = inspect.signature(fn)
    if sig.parameters:
        assert "Parameters\n----------" in doc, f"{qualname}: no Parameters section"
    if sig.return_annotation not in (None, "None", inspect.Signature.empty):
        assert "Returns\n-------" in doc, f"{qualname}: no Returns section"
