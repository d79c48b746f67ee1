"""The web UI: ``create_app`` builds the FastAPI app that ``factions serve`` runs."""

from factions.web.app import MAX_UPLOAD_BYTES, create_app

__all__ = ["MAX_UPLOAD_BYTES", "create_app"]
