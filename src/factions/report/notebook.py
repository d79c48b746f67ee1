"""The compact HTML summary a System shows in Jupyter, and its registration.

:func:`system_html` is pure string building (no analyses, no scripts), so it renders
instantly and safely in any notebook: counts, the sign balance of the ties, the
best-connected actors, chambers with their seats and the motions. Every value from the
system is HTML-escaped. O(n + m).

:func:`register` adds it to IPython's HTML formatter for :class:`factions.model.System`
(by name, so nothing is imported until a System is shown). ``import factions`` calls it
when IPython is running, so the model itself knows nothing of HTML.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from typing import Any

__all__ = ["register", "system_html"]

TOP_ACTORS = 8


def register(shell: Any = None) -> bool:
    """Register :func:`system_html` as the HTML display of every System in IPython.

    Parameters
    ----------
    shell : IPython InteractiveShell or None
        Default: the running one (``IPython.get_ipython()``).

    Returns
    -------
    bool
        Whether a shell was found and the formatter registered.
    """
    if shell is None:
        try:
            from IPython import get_ipython  # type: ignore[import-not-found]
        except ImportError:
            return False
        shell = get_ipython()
        if shell is None:
            return False
    formatter = shell.display_formatter.formatters["text/html"]
    formatter.for_type_by_name("factions.model.system", "System", system_html)
    return True


def _e(x: Any) -> str:
    return escape(str(x), quote=True)


def system_html(system: Any) -> str:
    """A compact HTML summary of ``system`` (a :class:`factions.model.System`).

    Parameters
    ----------
    system : System

    Returns
    -------
    str
        HTML, every value from the system escaped.
    """
    signs = Counter(r.sign for r in system.relations)
    n_ev = sum(len(r.evidence) for r in system.relations)
    degree: Counter[str] = Counter()
    pos: Counter[str] = Counter()
    neg: Counter[str] = Counter()
    for r in system.relations:
        for x in r.pair:
            degree[x] += 1
            (pos if r.sign > 0 else neg)[x] += 1
    names = {a.id: a.name for a in system.actors}
    kinds = Counter(str(a.kind) for a in system.actors)
    head = (
        f"<b>System</b> <code>{_e(system.name)}</code>"
        + (f" as of {_e(system.date)}" if system.date else "")
        + f": {len(system.actors)} actors, {len(system.relations)} ties "
        f"(<span style='color:#2e7d32'>{signs.get(1, 0)} +</span>, "
        f"<span style='color:#c62828'>{signs.get(-1, 0)} −</span>), {n_ev} evidence sentences, "
        f"{len(system.affiliations)} affiliations, {len(system.chambers)} chambers, "
        f"{len(system.motions)} motions, {len(system.issues)} issues"
    )
    parts = [f"<div class='factions-system'><p>{head}</p>"]
    if system.description:
        parts.append(f"<p><i>{_e(system.description)}</i></p>")
    if kinds:
        parts.append(
            "<p>Kinds: " + ", ".join(f"{_e(k)} {v}" for k, v in kinds.most_common()) + "</p>"
        )
    if degree:
        rows = "".join(
            f"<tr><td>{_e(names.get(a, a))}</td><td><code>{_e(a)}</code></td>"
            f"<td style='text-align:right'>{d}</td><td style='text-align:right'>{pos[a]}</td>"
            f"<td style='text-align:right'>{neg[a]}</td></tr>"
            for a, d in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_ACTORS]
        )
        parts.append(
            f"<table><thead><tr><th>Actor</th><th>id</th><th>ties</th><th>+</th><th>−</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
        if len(degree) > TOP_ACTORS:
            parts.append(f"<p>… and {len(degree) - TOP_ACTORS} more connected actors.</p>")
    for c in system.chambers:
        seats = ", ".join(
            f"{_e(names.get(h.actor, h.actor))} {h.seats}"
            for h in sorted(c.seats, key=lambda h: -h.seats)[:TOP_ACTORS]
        )
        more = "" if len(c.seats) <= TOP_ACTORS else f", … ({len(c.seats) - TOP_ACTORS} more)"
        parts.append(f"<p>Chamber <b>{_e(c.name)}</b> ({c.size} seats): {seats}{more}</p>")
    for m in system.motions:
        parts.append(
            f"<p>Motion <b>{_e(m.name or m.id)}</b> in <code>{_e(m.chamber)}</code> under "
            f"<code>{_e(m.rule)}</code>: {len(m.supporters)} supporters, {len(m.opponents)} opponents</p>"
        )
    parts.append(
        "<p style='color:#666'>Tables: <code>system.to_pandas()</code>; graph: "
        "<code>system.to_networkx()</code>; report: <code>factions report</code>.</p></div>"
    )
    return "".join(parts)
