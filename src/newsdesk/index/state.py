"""What every store holds, whatever the engine: chunk rows, a loaded index state, and the
manifest check (embedder, chunking, format) that decides whether an index can be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdesk.errors import IndexMismatchError

SCHEMA_VERSION = 1


@dataclass
class StoredChunk:
    id: int
    article: int  # row in the articles table
    ordinal: int
    start: int
    end: int
    text: str


@dataclass
class IndexData:
    """A loaded index: everything retrieval and the UI need, in memory (the vectors may stay
    in the database: `vectors` searches wherever they live)."""

    folder: Path | str
    manifest: dict
    vectors: Any  # search(query, k, allowed), reconstruct(row), reconstruct_all(), size
    chunks: list[StoredChunk]
    articles: list[dict]
    keyword_texts: list[str] | None = None  # what the keyword index sees, when kept as rows


def check_compatible(manifest: dict, embedder_name: str, dimension: int,
                     chunking: dict | None = None) -> None:
    """Raise IndexMismatchError when the index was built with another embedder/settings."""
    fix = "Rebuild it: newsdesk index FOLDER --full"
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexMismatchError(
            f"The index uses format version {manifest.get('schema_version')}, this newsdesk "
            f"reads version {SCHEMA_VERSION}. {fix}")
    built = manifest.get("embedder", {})
    if built.get("name") != embedder_name or built.get("dimension") != dimension:
        raise IndexMismatchError(
            f"The index was built with the embedder {built.get('name')} "
            f"({built.get('dimension')} dims), but newsdesk is running {embedder_name} "
            f"({dimension} dims). {fix}")
    if chunking is not None and manifest.get("chunking") != chunking:
        raise IndexMismatchError(
            f"The index was built with chunking {manifest.get('chunking')}, but the settings "
            f"now say {chunking}. {fix}")
