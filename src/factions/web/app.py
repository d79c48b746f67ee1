"""The factions web UI: a FastAPI app with a documented JSON API and a static front end.

``create_app(system_path=...)`` serves one system file; ``create_app(db=...)`` serves the
System built from a corpus store. The API (OpenAPI at ``/docs`` and ``/openapi.json``):

* ``GET /api/system``: counts and description; ``GET /api/graph``: Cytoscape.js elements,
  filtered by ``bloc``, ``sign`` and a time window (``date_from``/``date_to``).
* ``GET /api/actors``, ``GET /api/actors/{id}``, ``GET /api/ties/{a}/{b}``: actors and ties
  with their evidence sentences (404 for unknown actors or ties).
* ``GET /api/analysis`` (balance, blocs, brokers), ``GET /api/votes`` (seats, power,
  motions), ``GET /api/evidence``, ``GET /api/timeline/{a}/{b}``.
* ``GET /api/documents/{doc_id}``: the text of a document cited as evidence, read only from
  the store or from the system file's own folder (never another path).
* ``POST /api/scenario``: play a scenario (the :mod:`factions.sim.scenario` format) and get
  the diff (:meth:`factions.sim.diff.SystemDiff.to_dict`, what ``factions scenario --json``
  prints); 422 for a malformed one.
* ``POST /api/extract``: upload a text (size-limited, 413 beyond it) to extract into the
  current system with the text pipeline.

Nothing is loaded from the network: the page and its libraries are served from the package.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from factions.model import System
from factions.model.base import date_key
from factions.report import sections as S
from factions.report.assets import STATIC
from factions.report.scenario import run as run_scenario
from factions.sim.scenario import loads_scenario, parse_scenario

__all__ = [
    "CSP",
    "DATE_PATTERN",
    "DOC_ID_RE",
    "DOC_SUFFIXES",
    "MAX_UPLOAD_BYTES",
    "ScenarioIn",
    "create_app",
]

MAX_UPLOAD_BYTES = 256 * 1024
DOC_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,199}$")
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DOC_SUFFIXES = (".txt", ".md")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


@dataclass
class _State:
    """The served system (uploads merge into it), its folder and cached sections."""

    system: System
    original: System
    root: Path | None
    db: Path | None
    max_upload: int
    lock: threading.Lock = field(default_factory=threading.Lock)
    cache: dict[str, Any] | None = None
    uploads: dict[str, str] = field(default_factory=dict)

    def sections(self) -> dict[str, Any]:
        with self.lock:
            if self.cache is None:
                self.cache = S.collect(self.system)
            return self.cache

    def replace(self, system: System) -> None:
        with self.lock:
            self.system = system
            self.cache = None


class ScenarioIn(BaseModel):
    """A scenario: either ``scenario`` (the YAML file's content as a mapping) or ``yaml`` text."""

    scenario: dict[str, Any] | None = Field(
        default=None,
        description="A scenario mapping: {name, description, steps: [{op: ..., ...}]}",
        examples=[{"name": "s", "steps": [{"op": "flip_relation", "a": "x", "b": "y"}]}],
    )
    yaml: str | None = Field(default=None, max_length=200_000, description="Scenario as YAML text")


def _load_system(system_path: Path | None, db: Path | None) -> System:
    if (system_path is None) == (db is None):
        raise ValueError("serve either a system file or a corpus store (--db), not both or neither")
    if system_path is not None:
        from factions.model import load_system

        return load_system(system_path)
    from factions.store import build

    built = build(db)
    if not built:
        raise ValueError(f"{db}: the store holds no findings to build a system from")
    return built[-1].system


def create_app(
    system_path: str | Path | None = None,
    *,
    db: str | Path | None = None,
    system: System | None = None,
    max_upload: int = MAX_UPLOAD_BYTES,
    allowed_hosts: list[str] | None = None,
) -> FastAPI:
    """The app serving ``system_path`` (a system file), ``db`` (a store) or ``system``.

    ``allowed_hosts`` restricts the ``Host`` header (``factions serve`` passes the loopback
    names when it binds loopback, which defeats DNS rebinding); ``None`` accepts any.

    Parameters
    ----------
    system_path : str, Path or None
        A system file.
    db : str, Path or None
        A corpus store.
    system : System or None
        A System already read (``system_path`` then only gives the documents' folder).
    max_upload : int
        Largest text upload, in bytes.
    allowed_hosts : list of str or None
        Accepted ``Host`` headers (``None``: any).

    Returns
    -------
    fastapi.FastAPI

    Raises
    ------
    ValueError
        Neither or both of a system file and a store.
    """
    sp = Path(system_path).resolve() if system_path is not None else None
    dbp = Path(db).resolve() if db is not None else None
    s = system if system is not None else _load_system(sp, dbp)
    state = _State(
        system=s, original=s, root=sp.parent if sp else None, db=dbp, max_upload=max_upload
    )
    app = FastAPI(
        title="factions",
        version=_version(),
        description="A political system as a signed, evidence-linked network: its actors and "
        "ties with their sentences, balance, blocs, brokers, votes and scenarios.",
    )
    app.state.factions = state

    @app.middleware("http")
    async def _headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        if request.method not in ("GET", "HEAD", "OPTIONS") and not _same_origin(request):
            # A page from another site may not change the served system (CSRF).
            return JSONResponse({"detail": "cross-origin request refused"}, status_code=403)
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    if allowed_hosts is not None:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/api/system", summary="What is served: name, date and counts")
    def get_system() -> dict[str, Any]:
        out = S.summary_section(state.system)
        out["source"] = "store" if state.db else "system file"
        out["uploads"] = sorted(state.uploads)
        return out

    @app.get("/api/graph", summary="The signed network as Cytoscape.js elements, filtered")
    def get_graph(
        bloc: Annotated[
            int | None, Query(ge=0, description="Only actors of this bloc (1..k)")
        ] = None,
        sign: Annotated[Literal["positive", "negative", "all"], Query()] = "all",
        date_from: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
        date_to: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    ) -> dict[str, Any]:
        net = state.sections()["network"]
        nodes = net["nodes"]
        if bloc is not None:
            nodes = [n for n in nodes if n["data"]["bloc"] == bloc]
        keep = {n["data"]["id"] for n in nodes}
        edges = [
            e
            for e in net["edges"]
            if e["data"]["source"] in keep
            and e["data"]["target"] in keep
            and (sign == "all" or (e["data"]["sign"] > 0) == (sign == "positive"))
            and _in_window(e["data"], date_from, date_to)
        ]
        return {**net, "nodes": nodes, "edges": edges}

    @app.get("/api/actors", summary="Every actor with its kind, bloc, seats and degree")
    def get_actors() -> list[dict[str, Any]]:
        return [n["data"] for n in state.sections()["network"]["nodes"]]

    @app.get("/api/actors/{actor_id}", summary="One actor: ties with evidence, affiliations, seats")
    def get_actor(actor_id: str) -> dict[str, Any]:
        sys_ = state.system
        actor = _actor_or_404(sys_, actor_id)
        node = next(
            n["data"] for n in state.sections()["network"]["nodes"] if n["data"]["id"] == actor_id
        )
        return {
            **node,
            "aliases": list(actor.aliases),
            "attributes": actor.attributes,
            "sources": list(actor.sources),
            "ties": [_tie(sys_, r) for r in sys_.relations_of(actor_id)],
            "affiliations": [
                f.model_dump() for f in sys_.affiliations if actor_id in (f.member, f.group)
            ],
        }

    @app.get("/api/ties/{a}/{b}", summary="One tie (either order) with its evidence sentences")
    def get_tie(a: str, b: str) -> dict[str, Any]:
        sys_ = state.system
        _actor_or_404(sys_, a)
        _actor_or_404(sys_, b)
        r = sys_.relation(a, b)
        if r is None:
            raise HTTPException(404, f"no tie between {a!r} and {b!r}")
        out = _tie(sys_, r)
        balance = state.sections()["balance"]
        out["frustrated"] = sorted((a, b)) in [
            sorted(e) for e in balance.get("frustrated_edges", [])
        ]
        return out

    @app.get("/api/analysis", summary="Balance, blocs and brokers (or why each is not available)")
    def get_analysis() -> dict[str, Any]:
        sec = state.sections()
        return {k: sec[k] for k in ("balance", "blocs", "brokers")}

    @app.get("/api/votes", summary="Seats and power per chamber, and each motion's arithmetic")
    def get_votes() -> dict[str, Any]:
        sec = state.sections()
        return {k: sec[k] for k in ("seats", "motions")}

    @app.get("/api/evidence", summary="Evidence rows (tie, sentence, document, date)")
    def get_evidence(actor: str | None = None) -> dict[str, Any]:
        ev = state.sections()["evidence"]
        if actor is not None:
            _actor_or_404(state.system, actor)
            if ev.get("available"):
                ev = {**ev, "rows": [r for r in ev["rows"] if actor in (r["a"], r["b"])]}
        return ev

    @app.get("/api/timeline/{a}/{b}", summary="A tie over time: store windows or the tie's span")
    def get_timeline(
        a: str, b: str, window: Literal["month", "quarter", "year"] = "quarter"
    ) -> dict[str, Any]:
        sys_ = state.system
        _actor_or_404(sys_, a)
        _actor_or_404(sys_, b)
        if state.db is not None:
            from factions.store import timeline

            try:
                return {"source": "store", **timeline(state.db, a, b, window=window)}
            except ValueError as exc:
                raise HTTPException(404, str(exc)) from None
        r = sys_.relation(a, b)
        if r is None:
            raise HTTPException(404, f"no tie between {a!r} and {b!r}")
        return {
            "source": "system file",
            "a": r.a,
            "b": r.b,
            "sign": r.sign,
            "start": r.start,
            "end": r.end,
            "evidence_dates": sorted(e.date for e in r.evidence if e.date),
        }

    @app.get("/api/documents/{doc_id}", summary="Text of a document cited as evidence")
    def get_document(doc_id: str) -> dict[str, Any]:
        return _document(state, doc_id)

    @app.post("/api/scenario", summary="Play a scenario and get the diff of every analysis")
    def post_scenario(body: Annotated[ScenarioIn, Body()]) -> dict[str, Any]:
        if (body.scenario is None) == (body.yaml is None):
            raise HTTPException(422, "give exactly one of 'scenario' (a mapping) or 'yaml' (text)")
        try:
            parsed = (
                loads_scenario(body.yaml)
                if body.yaml is not None
                else parse_scenario(body.scenario)
            )
            result = run_scenario(state.system, parsed)
        except ValueError as exc:  # ScenarioError (file:line: field: message) and model errors
            raise HTTPException(422, str(exc)) from None
        return {
            "diff": result["diff"],
            "network": result["after"]["network"],
            "motions": result["after"]["motions"],
        }

    @app.post("/api/extract", summary="Upload a text (plain UTF-8 body) to extract into the system")
    async def post_extract(
        request: Request,
        doc_id: Annotated[str | None, Query(pattern=DOC_ID_RE.pattern)] = None,
        date: Annotated[str | None, Query(pattern=DATE_PATTERN)] = None,
    ) -> dict[str, Any]:
        text = await _read_limited(request, state.max_upload)
        if not text.strip():
            raise HTTPException(422, "the upload is empty; send the document's text as the body")
        return _extract(state, text, doc_id or f"upload-{len(state.uploads) + 1}", date)

    @app.post("/api/reset", summary="Drop uploaded extractions and serve the original system again")
    def post_reset() -> dict[str, Any]:
        state.replace(state.original)
        state.uploads.clear()
        return S.summary_section(state.system)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    return app


def _same_origin(request: Request) -> bool:
    """Whether a state-changing request comes from this server's own page (or no page).

    Browsers send ``Origin`` on cross-site POSTs; a request without it (curl, scripts) is
    accepted, one whose origin's host differs from the ``Host`` it was sent to is not.
    """
    origin = request.headers.get("origin")
    if origin is None:
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1].rstrip("/") == host


def _version() -> str:
    from factions import __version__

    return __version__


def _in_window(edge: dict[str, Any], date_from: str | None, date_to: str | None) -> bool:
    """Whether the tie's span (open ends unbounded) overlaps [date_from, date_to]."""
    if date_from and date_key(edge.get("end"), end=True) < date_key(date_from):
        return False
    return not (date_to and date_key(edge.get("start")) > date_key(date_to, end=True))


def _actor_or_404(system: System, actor_id: str) -> Any:
    try:
        return system.actor(actor_id)
    except KeyError:
        raise HTTPException(404, f"unknown actor {actor_id!r}") from None


def _tie(system: System, r: Any) -> dict[str, Any]:
    return {
        "id": S.edge_id(r.a, r.b),
        **r.model_dump(exclude={"evidence", "sources"}),
        "a_name": system.actor(r.a).name,
        "b_name": system.actor(r.b).name,
        "sources": list(r.sources),
        "evidence": [e.model_dump() for e in r.evidence],
    }


def _cited_doc_ids(system: System) -> set[str]:
    ids = {e.doc_id for r in system.relations for e in r.evidence}
    ids |= {e.doc_id for f in system.affiliations for e in f.evidence}
    return ids


def _document(state: _State, doc_id: str) -> dict[str, Any]:
    """A cited document's text, from uploads, the store, or a file in the system's folder.

    Only documents cited by the system's evidence are served, only under names matching
    ``DOC_ID_RE``, and a file is read only if its resolved path lies inside the system
    file's folder, so no request can read a file elsewhere.
    """
    if not DOC_ID_RE.match(doc_id) or ".." in doc_id:
        raise HTTPException(404, f"unknown document {doc_id!r}")
    if doc_id in state.uploads:
        return {"doc_id": doc_id, "source": "upload", "text": state.uploads[doc_id]}
    if doc_id not in _cited_doc_ids(state.system):
        raise HTTPException(404, f"unknown document {doc_id!r} (not cited by this system)")
    if state.db is not None:
        from factions.store import connect

        con = connect(state.db, read_only=True)
        try:
            row = con.execute(
                "SELECT text, title, date, source FROM documents WHERE doc_id = ? AND NOT superseded "
                "ORDER BY seq DESC LIMIT 1",
                [doc_id],
            ).fetchone()
        finally:
            con.close()
        if row is None:
            raise HTTPException(404, f"document {doc_id!r} is not in the store")
        return {
            "doc_id": doc_id,
            "source": "store",
            "text": row[0],
            "title": row[1],
            "date": row[2],
        }
    if state.root is not None:
        root = state.root.resolve()
        for folder in (root, root / "sources", root / "articles", root / "documents"):
            for suffix in DOC_SUFFIXES:
                p = (folder / f"{doc_id}{suffix}").resolve()
                if p.is_relative_to(root) and p.is_file():
                    return {
                        "doc_id": doc_id,
                        "source": p.relative_to(root).as_posix(),
                        "text": p.read_text(encoding="utf-8", errors="replace"),
                    }
    raise HTTPException(404, f"the text of document {doc_id!r} is not available on this server")


async def _read_limited(request: Request, limit: int) -> str:
    """The request body as UTF-8 text; 413 when it is longer than ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, f"upload too large: {declared} bytes; the limit is {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"upload too large: more than {limit} bytes")
        chunks.append(chunk)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise HTTPException(422, f"the upload is not UTF-8 text (byte {exc.start})") from None


def _extract(state: _State, text: str, doc_id: str, date: str | None) -> dict[str, Any]:
    """Run the text pipeline on one uploaded document and merge its findings into the system."""
    from factions.text.documents import Document  # spaCy loads on the first upload only
    from factions.text.pipeline import Extractor

    if doc_id in state.uploads or doc_id in _cited_doc_ids(state.system):
        raise HTTPException(
            409, f"a document {doc_id!r} is already in the system; choose another doc_id"
        )
    try:
        result = Extractor(gazetteer=state.system).extract(
            Document(doc_id=doc_id, text=text, date=date)
        )
        found = result.to_system()
        merged = state.system.merge(found)
    except (ValueError, OSError) as exc:
        raise HTTPException(422, f"extraction failed: {exc}") from None
    state.uploads[doc_id] = text
    state.replace(merged)
    return {
        "doc_id": doc_id,
        "actors": [a.id for a in found.actors],
        "relations": [_tie(found, r) for r in found.relations],
        "summary": S.summary_section(merged),
    }
