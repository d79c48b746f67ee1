"""A small hand-written system for the report, web and export tests (our own sentences)."""

from __future__ import annotations

from pathlib import Path

SYSTEM_YAML = """\
name: toy-parliament
date: 2012-05
description: A made-up parliament for testing the report and the web UI.
actors:
- {id: premier, name: Ana Premier, kind: person}
- {id: blue, name: Blue Party, kind: party}
- {id: red, name: Red List, kind: party}
- {id: green, name: Green Front, kind: party}
- {id: gold, name: Gold Movement, kind: party}
- {id: speaker, name: Bo Speaker, kind: person}
relations:
- a: blue
  b: red
  sign: -1
  kind: rivalry
  start: 2011-03
  evidence:
  - {doc_id: memo_1, start: 0, end: 52, sentence: The Blue Party and the Red List traded insults all spring., date: 2012-01}
- a: premier
  b: blue
  sign: 1
  kind: alliance
  evidence:
  - {doc_id: memo_1, start: 53, end: 99, sentence: Ana Premier leads the Blue Party in parliament., date: 2012-02}
- a: red
  b: green
  sign: 1
  kind: alliance
  evidence:
  - {doc_id: memo_2, start: 0, end: 48, sentence: The Red List and the Green Front agreed to vote together., date: 2012-03}
- a: blue
  b: green
  sign: 1
  kind: cooperation
  evidence:
  - {doc_id: memo_2, start: 49, end: 90, sentence: Yet the Green Front also works with the Blue Party on budgets., date: 2012-04}
- a: gold
  b: red
  sign: 1
  kind: support
  sources: [interview notes]
- a: gold
  b: premier
  sign: -1
  kind: accusation
  evidence:
  - {doc_id: memo_3, start: 10, end: 70, sentence: The Gold Movement accused Ana Premier of hoarding power., date: 2012-05}
affiliations:
- {member: premier, group: blue, role: leader}
chambers:
- id: house
  name: House
  size: 100
  seats:
  - {actor: blue, seats: 40}
  - {actor: red, seats: 30}
  - {actor: green, seats: 15}
  - {actor: gold, seats: 10, low: 9, high: 11}
  rules:
  - {id: absolute_majority, threshold: absolute}
motions:
- id: no_confidence
  name: No confidence in Ana Premier
  chamber: house
  rule: absolute_majority
  target: premier
  supporters: [red, gold]
  opponents: [blue]
  routes:
  - id: speaker_route
    gatekeepers:
    - {actor: speaker, role: speaker, stance: for}
"""

# Green Front joins the motion: 30 + 10 + 15 = 55 >= 51, so the verdict changes.
SCENARIO_YAML = """\
name: green-defects
description: The Green Front turns on the premier.
steps:
- {op: position, motion: no_confidence, actor: green, stance: for}
- {op: flip_relation, a: blue, b: green}
"""

N_ACTORS = 6
N_TIES = 6


def write_system(folder: Path) -> Path:
    """Write the toy system (and a scenario beside it); returns the system file's path."""
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / "system.yaml"
    p.write_text(SYSTEM_YAML, encoding="utf-8")
    (folder / "scenario.yaml").write_text(SCENARIO_YAML, encoding="utf-8")
    return p
