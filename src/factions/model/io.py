"""Reading and writing system files (YAML or JSON), with errors that say file:line and field.

The YAML system file is the human-editable form of a :class:`~factions.model.System`: the
same field names as the model, defaults left out, one relation per pair. ``load`` checks it
against the schema (``System.model_json_schema()``, also in docs/system-file.md) and every
cross-reference; a problem is reported as ``path:line: field: what was expected``.
``load_system(save_system(s, p)) == s`` for every valid System ``s``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from factions.model.system import Loc, System, format_loc, reference_problems

__all__ = [
    "HEADER",
    "SystemFileError",
    "dumps_system",
    "load_system",
    "loads_system",
    "parse_system",
    "read_yaml",
    "save_system",
    "system_schema",
    "system_to_data",
]

HEADER = (
    "# factions system file: actors, relations (with evidence), affiliations, chambers,\n"
    "# motions and issues. Edit freely; `factions show FILE` checks it. Format: docs/system-file.md\n"
)


class SystemFileError(ValueError):
    """A system file that cannot be read. ``problems`` lists (line, field, message)."""

    def __init__(self, path: str | Path, problems: list[tuple[int | None, str, str]]):
        self.path = str(path)
        self.problems = problems
        super().__init__(self._render())

    def _render(self) -> str:
        lines = []
        for line, field, msg in self.problems[:20]:
            where = f"{self.path}:{line}" if line else self.path
            lines.append(f"{where}: {field}: {msg}" if field else f"{where}: {msg}")
        if len(self.problems) > 20:
            lines.append(f"... and {len(self.problems) - 20} more problems")
        return "\n".join(lines)


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates as strings (``2012-01-15`` stays text, as in the model)."""


_Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.copy().items()
}


class _Dumper(yaml.SafeDumper):
    """Dumper that writes multi-line strings as blocks and never uses aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _str_representer(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _str_representer)


def _line_map(node: yaml.Node, path: Loc = (), out: dict[Loc, int] | None = None) -> dict[Loc, int]:
    """Map every path in a YAML document to its 1-based line number."""
    out = {} if out is None else out
    out[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value
            out[(*path, k)] = key.start_mark.line + 1
            _line_map(value, (*path, k), out)
            out[(*path, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, (*path, i), out)
    return out


def _line_for(lines: dict[Loc, int], loc: Loc) -> int | None:
    loc = tuple(loc)
    while loc not in lines and loc:
        loc = loc[:-1]
    return lines.get(loc)


def _expected(err: dict[str, Any]) -> str:
    kind = err.get("type", "")
    msg = err.get("msg", "invalid value")
    got = err.get("input")
    if kind == "missing":
        return "missing: this field is required"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/system-file.md for the fields)"
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    shown = repr(got)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{msg} (got {shown})" if kind not in ("value_error", "assertion_error") else msg


def parse_system(
    data: Any, *, path: str | Path = "<data>", lines: dict[Loc, int] | None = None
) -> System:
    """Validate plain data (as read from YAML/JSON) into a System, or raise SystemFileError.

    Parameters
    ----------
    data : mapping
        A system as plain data.
    path : str or Path
        Named in error messages.
    lines : dict, optional
        Line numbers by location (from :func:`read_yaml`).

    Returns
    -------
    System
        Validated, references checked, defaults filled in.

    Raises
    ------
    SystemFileError
    """
    lines = lines or {}
    if not isinstance(data, dict):
        raise SystemFileError(
            path, [(1, "", "expected a mapping with keys such as 'actors' and 'relations'")]
        )
    try:
        system = System.model_validate(data, context={"defer_references": True})
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(
                p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))
            )
            problems.append((_line_for(lines, loc), format_loc(loc), _expected(err)))
        raise SystemFileError(path, problems) from None
    refs = reference_problems(system)
    if refs:
        raise SystemFileError(
            path, [(_line_for(lines, loc), format_loc(loc), msg) for loc, msg in refs]
        )
    return system


def read_yaml(
    text: str,
    *,
    path: str | Path = "<string>",
    error: type[SystemFileError] = SystemFileError,
    empty: str = "the file is empty; expected a system (see docs/system-file.md)",
) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML text into plain data and a map from each path in it to its line number.

    Dates stay strings. Syntax errors and an empty document raise ``error`` (a
    :class:`SystemFileError` subclass) naming the file and line; every file format of
    factions that is YAML (systems, scenarios) reads through here.

    Parameters
    ----------
    text : str
    path : str or Path
        Named in error messages.
    error : type
        The error raised.
    empty : str
        The message for an empty document.

    Returns
    -------
    data, lines
        The plain data and the line of each location in it.
    """
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise error(path, [(line, "", f"not valid YAML: {problem}")]) from None
    if node is None:
        raise error(path, [(None, "", empty)])
    return data, _line_map(node)


def loads_system(text: str, *, path: str | Path = "<string>") -> System:
    """Parse a system from YAML (or JSON, which is YAML) text.

    Parameters
    ----------
    text : str
    path : str or Path
        Named in error messages.

    Returns
    -------
    System
        Validated, with errors located by line in ``text``.

    Raises
    ------
    SystemFileError
    """
    data, lines = read_yaml(text, path=path)
    return parse_system(data, path=path, lines=lines)


def load_system(path: str | Path) -> System:
    """Read a system file (``.yaml``, ``.yml`` or ``.json``).

    Raises :class:`SystemFileError` (a ``ValueError``) naming the file, line and field for any
    problem, including a missing file, a directory, or bytes that are not UTF-8.

    Parameters
    ----------
    path : str or Path
        A ``.yaml``, ``.yml`` or ``.json`` system file.

    Returns
    -------
    System
        Validated, references checked.

    Raises
    ------
    SystemFileError
    """
    p = Path(path)
    if not p.exists():
        raise SystemFileError(p, [(None, "", "no such file")])
    if p.is_dir():
        raise SystemFileError(p, [(None, "", "is a directory; expected a system file")])
    raw = p.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SystemFileError(p, [(line, "", f"not UTF-8 text (byte {exc.start})")]) from None
    return loads_system(text, path=p)


def system_to_data(system: System) -> dict[str, Any]:
    """Plain data (JSON types) of a system, defaults left out, for YAML or JSON.

    Parameters
    ----------
    system : System
        The system to write.

    Returns
    -------
    dict
    """
    return system.model_dump(mode="json", exclude_defaults=True)


def dumps_system(system: System, *, fmt: str = "yaml") -> str:
    """Serialise a system as YAML (default) or JSON text.

    Parameters
    ----------
    system : System
    fmt : {"yaml", "json"}

    Returns
    -------
    str
    """
    data = system_to_data(system)
    if fmt == "json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt != "yaml":
        raise ValueError(f"unknown format {fmt!r}: expected 'yaml' or 'json'")
    return HEADER + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def save_system(system: System, path: str | Path) -> Path:
    """Write a system file; the format follows the extension (``.json`` or YAML otherwise).

    Parameters
    ----------
    system : System
    path : str or Path

    Returns
    -------
    Path
        The file written.
    """
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    fmt = "json" if p.suffix.lower() == ".json" else "yaml"
    tmp = p.with_name(p.name + ".tmp")
    tmp.write_text(dumps_system(system, fmt=fmt), encoding="utf-8")
    tmp.replace(p)
    return p


def system_schema() -> dict[str, Any]:
    """The JSON Schema of the system file.

    Returns
    -------
    dict
    """
    return System.model_json_schema()
