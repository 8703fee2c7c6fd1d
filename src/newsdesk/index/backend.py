"""The store interface: what a sync writes and retrieval reads, whatever keeps it. One
backend per module (`store.py`: a FAISS folder, the default; `postgres.py`: PostgreSQL with
pgvector); `open_store` picks one from the `--store` value."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Callable, Protocol, Sequence

import numpy as np

from newsdesk.index.state import IndexData, StoredChunk

POSTGRES_PREFIXES = ("postgresql://", "postgres://")


class Store(Protocol):
    """A place holding one complete index state at a time; publishing replaces it atomically
    (a reader sees the old or the new state, never a mix)."""

    location: str  # shown to people: a folder or a database address without its password

    def writer_lock(self, wait: bool = True,
                    on_wait: Callable[[], None] | None = None) -> AbstractContextManager: ...

    def cleanup(self) -> None:
        """Remove what killed writers left behind (call while holding the writer lock)."""

    def exists(self) -> bool:
        """Whether a complete state has been published."""

    def read_manifest(self) -> dict | None: ...

    def load(self, verify: bool = True) -> IndexData:
        """The current complete state (IndexMissingError / IndexCorruptError otherwise)."""

    def keyword(self, data: IndexData):
        """The keyword index over `data`'s chunks (scores, terms, idf)."""

    def publish(self, manifest: dict, vectors: np.ndarray, chunks: Sequence[StoredChunk],
                articles: Sequence[dict], keyword_texts: Sequence[str],
                replace: bool) -> None:
        """Make this the current state in one atomic step. `replace`: nothing of the previous
        state may be reused (full rebuild, or it was unreadable or built differently)."""

    def generation(self) -> str | None:
        """A cheap token that changes whenever a new state is published."""


def open_store(location: "str | Path | Store") -> Store:
    """A store from a `--store`/`--index` value: a postgresql:// address or a folder."""
    if not isinstance(location, (str, Path)):
        return location
    if str(location).startswith(POSTGRES_PREFIXES):
        from newsdesk.index.postgres import PostgresStore

        return PostgresStore(str(location))
    from newsdesk.index.store import FolderStore

    return FolderStore(Path(location))
