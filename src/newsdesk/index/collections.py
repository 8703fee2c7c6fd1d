"""Where each named collection's index lives. The default collection is the index folder
itself (so existing indexes keep working); collection NAME is `<index>/collections/NAME/`,
with its own builds, manifest and lock."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsdesk.errors import BadInputError
from newsdesk.index import store

DEFAULT = "default"
ALL = "all"  # ask and search every collection (not a collection itself)
SUBFOLDER = "collections"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


def check_name(name: str | None) -> str:
    """A collection's name, or a clear refusal (it becomes a folder name)."""
    name = DEFAULT if name is None else str(name).strip()
    if name.lower() == ALL or not _NAME.match(name) or ".." in name:
        raise BadInputError(f"{name!r} cannot name a collection: use up to 64 letters, digits, "
                            f"'-', '_' or '.', and not {ALL!r}")
    return name


def is_all(name: str | None) -> bool:
    return (name or "").strip().lower() == ALL


def collection_dir(root: Path, name: str | None) -> Path:
    name = check_name(name)
    return Path(root) if name == DEFAULT else Path(root) / SUBFOLDER / name


def root_of(settings) -> Path:
    """The index root, whether settings.index_dir is the root or already one collection's
    folder (`settings_for` may be applied twice)."""
    folder, name = Path(settings.index_dir), settings.collection
    if name and not is_all(name) and folder.name == name and folder.parent.name == SUBFOLDER:
        return folder.parent.parent
    return folder


def settings_for(settings, name: str | None = None):
    """Settings pointing at one collection's index (unchanged for the default or "all")."""
    name = settings.collection if name is None else name
    if name is None or is_all(name):
        return settings
    return settings.replace(index_dir=collection_dir(root_of(settings), name),
                            collection=check_name(name))


@dataclass
class CollectionInfo:
    name: str
    index_dir: Path
    folder: str
    articles: int
    chunks: int
    built: str


def list_collections(root: Path) -> list[CollectionInfo]:
    """Every collection with a complete build: the default first, then by name."""
    root = Path(root)
    candidates = [(DEFAULT, root)] + sorted(
        (p.name, p) for p in (root / SUBFOLDER).glob("*") if p.is_dir() and _NAME.match(p.name))
    found = []
    for name, folder in candidates:
        manifest = store.read_manifest(folder)
        if manifest is not None:
            counts = manifest.get("counts", {})
            found.append(CollectionInfo(name, folder, manifest.get("folder", ""),
                                        counts.get("articles", 0), counts.get("chunks", 0),
                                        manifest.get("created", "")))
    return found
