"""The only importer of faiss: the on-disk index (vectors, chunks and articles tables,
manifest), written beside the live one and swapped in atomically, verified on load.

Layout of an index folder:

    index/
      current -> build-20261127T101500-1234     (symlink, replaced atomically)
      build-20261127T101500-1234/
        manifest.json   schema, embedder, chunking, per-file hashes, counts, checksums
        vectors.faiss   unit vectors, inner product = cosine
        chunks.jsonl    one chunk per line, row i = vector i
        articles.jsonl  one article per line (with its full text)
        keyword/        the keyword index (owned by index/keyword.py)
      .lock             held by the writer (see index/lock.py)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from pathlib import Path
from typing import Callable, Iterable, Sequence

import faiss
import numpy as np

from newsdesk.errors import IndexCorruptError, IndexMissingError
from newsdesk.index.keyword import KEYWORD_DIR, KeywordIndex
from newsdesk.index.lock import index_lock
from newsdesk.index.state import SCHEMA_VERSION, IndexData, StoredChunk, check_compatible

__all__ = ["FolderStore", "IndexData", "StoredChunk", "check_compatible", "load", "publish",
           "write_build", "current_build", "read_manifest", "VectorIndex"]
CURRENT_LINK = "current"
MANIFEST = "manifest.json"
VECTORS = "vectors.faiss"
CHUNKS = "chunks.jsonl"
ARTICLES = "articles.jsonl"
HNSW_THRESHOLD = 200_000  # chunks; below it exact search is fast enough (see docs/)


class VectorIndex:
    """Inner-product search over unit vectors; exact (flat) or HNSW by corpus size."""

    def __init__(self, index: "faiss.Index"):
        self._index = index

    @classmethod
    def build(cls, vectors: np.ndarray, kind: str = "auto") -> "VectorIndex":
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        dim = vectors.shape[1]
        if kind == "auto":
            kind = "hnsw" if len(vectors) >= HNSW_THRESHOLD else "flat"
        if kind == "flat":
            index = faiss.IndexFlatIP(dim)
        elif kind == "hnsw":
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 96
        else:
            raise ValueError(f"unknown index kind {kind!r}")
        if len(vectors):
            index.add(vectors)
        return cls(index)

    @property
    def kind(self) -> str:
        return "hnsw" if isinstance(self._index, faiss.IndexHNSWFlat) else "flat"

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
               ) -> tuple[np.ndarray, np.ndarray]:
        """Top-k (ids, scores) for one query vector; `allowed` restricts to those ids."""
        k = min(k, self.size)
        if k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            params = (faiss.SearchParametersHNSW(sel=selector, efSearch=max(96, k))
                      if self.kind == "hnsw" else faiss.SearchParameters(sel=selector))
        scores, ids = self._index.search(query, k, params=params)
        keep = ids[0] >= 0
        return ids[0][keep].astype(np.int64), scores[0][keep]

    def reconstruct(self, row: int) -> np.ndarray:
        return self._index.reconstruct(int(row))

    def reconstruct_all(self) -> np.ndarray:
        if self.size == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return self._index.reconstruct_n(0, self.size)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "VectorIndex":
        return cls(faiss.read_index(str(path)))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_jsonl(path: Path, rows: Iterable[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False))
            handle.write("\n")


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def new_build_dir(index_dir: Path) -> Path:
    """A fresh sibling folder to write a new build into."""
    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    path = index_dir / f"build-{stamp}-{os.getpid()}-{time.monotonic_ns() % 10**6}.tmp"
    path.mkdir()
    return path


def write_build(build_dir: Path, manifest: dict, vectors: VectorIndex,
                chunks: list[StoredChunk], articles: list[dict]) -> None:
    """Write tables and vectors, then the manifest with checksums of every other file."""
    vectors.save(build_dir / VECTORS)
    _write_jsonl(build_dir / CHUNKS, (c.__dict__ for c in chunks))
    _write_jsonl(build_dir / ARTICLES, articles)
    checksums = {}
    for path in sorted(build_dir.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            checksums[path.relative_to(build_dir).as_posix()] = file_sha256(path)
    manifest = dict(manifest, schema_version=SCHEMA_VERSION, checksums=checksums,
                    index_type=vectors.kind)
    manifest_path = build_dir / MANIFEST
    with open(manifest_path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, indent=1, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
    for path in build_dir.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def publish(index_dir: Path, build_dir: Path) -> Path:
    """Atomically point `index_dir/current` at `build_dir`; remove older builds."""
    final = build_dir.with_suffix("") if build_dir.suffix == ".tmp" else build_dir
    if final != build_dir:
        os.rename(build_dir, final)
    temp_link = index_dir / f".current-{os.getpid()}"
    if temp_link.is_symlink() or temp_link.exists():
        temp_link.unlink()
    os.symlink(final.name, temp_link)
    os.replace(temp_link, index_dir / CURRENT_LINK)
    _fsync_dir(index_dir)
    cleanup(index_dir)
    return final


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def cleanup(index_dir: Path) -> None:
    """Remove unfinished (`.tmp`) and superseded builds left by earlier or killed runs.

    Only call while holding the index lock: a `.tmp` folder may be another writer's."""
    live = current_build(index_dir)
    for path in index_dir.glob("build-*"):
        if path.is_dir() and (live is None or path.resolve() != live.resolve()):
            shutil.rmtree(path, ignore_errors=True)
    for path in index_dir.glob(".current-*"):
        path.unlink(missing_ok=True)


def current_build(index_dir: Path) -> Path | None:
    link = index_dir / CURRENT_LINK
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if (target / MANIFEST).is_file() else None


def read_manifest(index_dir: Path) -> dict | None:
    build = current_build(index_dir)
    if build is None:
        return None
    try:
        return json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None


def load(index_dir: Path, verify: bool = True) -> IndexData:
    """Load the live build; checksums catch truncated or altered files."""
    build = current_build(index_dir)
    if build is None:
        raise IndexMissingError(
            f"No index in {index_dir}. Build one: newsdesk index FOLDER --index {index_dir}")
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise IndexCorruptError(
            f"The index manifest in {build} is unreadable ({exc}). "
            "Rebuild it: newsdesk index FOLDER --full") from exc
    if verify:
        for name, expected in manifest.get("checksums", {}).items():
            path = build / name
            if not path.is_file() or file_sha256(path) != expected:
                raise IndexCorruptError(
                    f"The index file {path} is missing or damaged (checksum mismatch). "
                    "Rebuild it: newsdesk index FOLDER --full")
    try:
        vectors = VectorIndex.load(build / VECTORS)
        chunk_rows = _read_jsonl(build / CHUNKS)
        articles = _read_jsonl(build / ARTICLES)
    except Exception as exc:  # noqa: BLE001 - faiss raises RuntimeError, json ValueError
        raise IndexCorruptError(
            f"The index in {build} could not be read ({exc}). "
            "Rebuild it: newsdesk index FOLDER --full") from exc
    chunks = [StoredChunk(**row) for row in chunk_rows]
    if vectors.size != len(chunks):
        raise IndexCorruptError(
            f"The index in {build} holds {vectors.size} vectors for {len(chunks)} chunks. "
            "Rebuild it: newsdesk index FOLDER --full")
    return IndexData(folder=build, manifest=manifest, vectors=vectors, chunks=chunks,
                     articles=articles)


class FolderStore:
    """The default store: a folder of FAISS builds behind an atomically swapped symlink."""

    def __init__(self, index_dir: Path):
        self.index_dir = Path(index_dir)
        self.location = str(self.index_dir)

    def writer_lock(self, wait: bool = True, on_wait: Callable[[], None] | None = None):
        return index_lock(self.index_dir, wait=wait, on_wait=on_wait)

    def cleanup(self) -> None:
        cleanup(self.index_dir)

    def exists(self) -> bool:
        return current_build(self.index_dir) is not None

    def read_manifest(self) -> dict | None:
        return read_manifest(self.index_dir)

    def load(self, verify: bool = True) -> IndexData:
        return load(self.index_dir, verify)

    def keyword(self, data: IndexData) -> KeywordIndex:
        return KeywordIndex.load(Path(data.folder) / KEYWORD_DIR)

    def publish(self, manifest: dict, vectors: np.ndarray, chunks: Sequence[StoredChunk],
                articles: Sequence[dict], keyword_texts: Sequence[str],
                replace: bool) -> None:
        """A new build folder beside the live one, then the symlink swap (`replace` changes
        nothing here: every build is written whole)."""
        build_dir = new_build_dir(self.index_dir)
        KeywordIndex.build(list(keyword_texts)).save(build_dir / KEYWORD_DIR)
        write_build(build_dir, manifest, VectorIndex.build(vectors), list(chunks), list(articles))
        publish(self.index_dir, build_dir)

    def generation(self) -> str | None:
        try:
            return os.readlink(self.index_dir / CURRENT_LINK)
        except OSError:
            return None
