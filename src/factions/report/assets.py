"""The front-end scripts the report inlines and the server serves, read from the package.

The libraries (Cytoscape.js and the fCoSE layout with its two dependencies) come from the npm
registry at set-up, pinned by package-lock.json, and are copied into
``factions/web/static/vendor/`` by ``scripts/setup-frontend.sh``. Nothing is fetched at run
time.
"""

from __future__ import annotations

import json
from pathlib import Path

__all__ = [
    "OWN_SCRIPTS",
    "STATIC",
    "VENDOR",
    "VENDOR_SCRIPTS",
    "FrontendMissing",
    "check_vendor",
    "missing_vendor",
    "script_texts",
    "vendor_versions",
]

STATIC = Path(__file__).resolve().parents[1] / "web" / "static"
VENDOR = STATIC / "vendor"

# Load order matters: fCoSE needs cose-base, which needs layout-base; all need cytoscape.
VENDOR_SCRIPTS = ("cytoscape.min.js", "layout-base.js", "cose-base.js", "cytoscape-fcose.js")
OWN_SCRIPTS = ("graph.js",)


class FrontendMissing(RuntimeError):
    """The vendored front-end libraries are not installed."""


def missing_vendor() -> list[str]:
    """Names of vendored scripts that are absent.

    Returns
    -------
    list of str
    """
    return [n for n in VENDOR_SCRIPTS if not (VENDOR / n).is_file()]


def check_vendor() -> None:
    """Raise :class:`FrontendMissing` with the set-up command when a library is absent.

    Raises
    ------
    FrontendMissing
    """
    missing = missing_vendor()
    if missing:
        raise FrontendMissing(
            f"front-end libraries missing from {VENDOR} ({', '.join(missing)}): "
            "run `bash scripts/setup-frontend.sh` (npm ci + copy) or `make setup`"
        )


def script_texts() -> list[tuple[str, str]]:
    """(name, source) of every script the report inlines, in load order.

    Returns
    -------
    list of (str, str)
    """
    check_vendor()
    out = [(n, (VENDOR / n).read_text(encoding="utf-8")) for n in VENDOR_SCRIPTS]
    out += [(n, (STATIC / n).read_text(encoding="utf-8")) for n in OWN_SCRIPTS]
    return [(n, src.replace("</script", "<\\/script")) for n, src in out]


def vendor_versions() -> dict[str, str]:
    """name -> version of the vendored libraries (written by the set-up script).

    Returns
    -------
    dict of str to str
    """
    p = VENDOR / "versions.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
