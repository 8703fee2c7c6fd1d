"""`newsdesk pg-local`: a local PostgreSQL with pgvector for trying the shared store (the
only importer of pgserver, which bundles both; a test dependency, not a runtime one)."""

from __future__ import annotations

from pathlib import Path

from newsdesk.errors import NewsdeskError
from newsdesk.settings import default_cache_dir


def default_data_dir() -> Path:
    return default_cache_dir() / "postgres"


def start(data_dir: Path) -> str:
    """Start (or find running) the server keeping its files in `data_dir`; returns its
    address. The server keeps running after this process exits."""
    try:
        import pgserver
    except ImportError:
        raise NewsdeskError("pgserver is not installed: pip install pgserver") from None
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    return server.get_uri()


def stop(data_dir: Path) -> None:
    if not (data_dir / "PG_VERSION").is_file():
        raise NewsdeskError(f"No PostgreSQL data in {data_dir}")
    import pgserver

    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    server.cleanup_mode = "stop"  # also when this process started it with cleanup_mode=None
    server.cleanup()
