"""File readers, apart from the algorithms (as NetworkX keeps ``readwrite`` apart).

Analyses and simulations take graphs, systems and arrays; this package reads the files
they come from. Every error names the file, the line and the field.

* :func:`read_signed_graph`, :func:`read_edge_csv`, :func:`read_adjacency_csv`: signed
  networks (CSV edge lists, signed adjacency matrices, system files) -> ``SignedGraph``;
* :func:`read_landscape_csv`: landscape-theory sizes and propensities -> ``LandscapeInput``;
* :func:`read_bargaining`, :func:`read_actor_csv`, :func:`read_ktab_csv`,
  :func:`read_ktab_xml`: bargaining inputs (actor CSV, KTAB SMP CSV and XML) ->
  ``BargainingInput``;
* :func:`load_scenario`: scenario files -> ``Scenario``.

System files are the model's own format: :func:`factions.model.load_system` and
:func:`factions.model.save_system`; exports (GraphML, GEXF, JSON, CSV) are in
:mod:`factions.report.export`; the corpus store in :mod:`factions.store`.
"""

from factions.io.bargaining import read_actor_csv, read_bargaining, read_ktab_csv, read_ktab_xml
from factions.io.landscape import read_landscape_csv
from factions.io.scenario import load_scenario
from factions.io.signed import read_adjacency_csv, read_edge_csv, read_signed_graph

__all__ = [
    "load_scenario",
    "read_actor_csv",
    "read_adjacency_csv",
    "read_bargaining",
    "read_edge_csv",
    "read_ktab_csv",
    "read_ktab_xml",
    "read_landscape_csv",
    "read_signed_graph",
]
