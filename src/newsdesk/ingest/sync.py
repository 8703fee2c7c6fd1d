"""Folder -> index: read, chunk, embed only what changed (by content hash), write beside the
live index, swap atomically. A broken file is skipped with its reason, never fatal."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Callable

import numpy as np

from newsdesk.ingest import readers as articles_mod
from newsdesk.ingest.duplicates import duplicate_groups
from newsdesk.index import state
from newsdesk.index.backend import Store, open_store
from newsdesk.ingest.chunking import chunk_text
from newsdesk.models.embedder import Embedder


Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass
class IndexSummary:
    folder: str
    index_dir: str
    articles: int = 0
    chunks: int = 0
    files: int = 0
    new_files: int = 0
    reused_files: int = 0
    removed_files: int = 0
    duplicates: int = 0
    embedded_chunks: int = 0
    skipped: list[articles_mod.Skipped] = field(default_factory=list)
    up_to_date: bool = False
    seconds: float = 0.0

    def to_dict(self) -> dict:
        data = dict(self.__dict__)
        data["skipped"] = [s.__dict__ for s in self.skipped]
        return data


def embedding_text(article: dict, chunk_text_: str) -> str:
    """What the embedder sees for a chunk: the title gives the passage its topic."""
    return f"{article['title']}\n{chunk_text_}"


def keyword_text(article: dict, chunk_text_: str) -> str:
    """What BM25 sees: title, outlet and date make 'according to TechCrunch' searchable."""
    return f"{article['title']}\n{article.get('source', '')} {article.get('published', '')}\n{chunk_text_}"


def chunking_settings(chunk_tokens: int, overlap: int) -> dict:
    return {"max_tokens": chunk_tokens, "overlap_sentences": overlap, "splitter": "sentence-v2"}


def _versions() -> dict:
    versions = {}
    for name in ("newsdesk", "sentence-transformers", "faiss-cpu", "bm25s", "torch"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def _reuse_key(digest: str, rel: str) -> tuple[str, str]:
    """Same bytes under another reader (.json vs .txt) parse differently: key by both."""
    return digest, Path(rel.split("#", 1)[0]).suffix.lower()


class _Previous:
    """What the live index already holds, keyed by file content hash, for reuse."""

    def __init__(self, data: state.IndexData | None):
        self.by_file_hash: dict[tuple[str, str], list[tuple[dict, list[state.StoredChunk]]]] = {}
        self._data = data
        self._vectors: np.ndarray | None = None
        if data is None:
            return
        chunks_by_article: dict[int, list[state.StoredChunk]] = {}
        for chunk in data.chunks:
            chunks_by_article.setdefault(chunk.article, []).append(chunk)
        for row, article in enumerate(data.articles):
            for path in article.get("paths") or [article["path"]]:
                entries = self.by_file_hash.setdefault(_reuse_key(article["file_hash"], path), [])
                if all(a is not article for a, _ in entries):
                    entries.append((article, chunks_by_article.get(row, [])))

    def vector(self, row: int) -> np.ndarray:
        """A stored vector, copied out only when a build is really written (not on a no-op sync)."""
        if self._vectors is None:
            self._vectors = self._data.vectors.reconstruct_all()
        return self._vectors[row]


def embed_by_length(embedder: Embedder, texts: list[str], progress: Callable) -> np.ndarray:
    """Embed texts shortest first, so each batch holds chunks of about one length and pads
    little (5-10% faster than article order, measured by benchmarks/embed_settings.py);
    the vectors come back in the texts' order."""
    vectors = np.zeros((len(texts), embedder.dimension), dtype=np.float32)
    order = np.argsort([len(text) for text in texts], kind="stable")
    group = 256  # texts per progress step
    for offset in range(0, len(texts), group):
        rows = order[offset:offset + group]
        vectors[rows] = embedder.encode([texts[i] for i in rows])
        progress("embedding", min(offset + group, len(texts)), len(texts))
    return vectors


def _load_previous(target: Store, embedder: Embedder, chunking: dict) -> state.IndexData | None:
    try:
        data = target.load()
        state.check_compatible(data.manifest, embedder.name, embedder.dimension, chunking)
        return data
    except Exception:  # noqa: BLE001 - anything unusable means a full rebuild
        return None


def _entries_of(path: Path, rel: str, previous: _Previous, summary: IndexSummary,
                file_hashes: dict[str, str]) -> list[tuple[dict, list | None]] | None:
    """The article rows of one file (with their chunks when unchanged since the last
    build), or None when the file is skipped."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        summary.skipped.append(articles_mod.Skipped(rel, f"unreadable ({exc.strerror or exc})"))
        return None
    digest = articles_mod.content_hash(data)
    reusable = previous.by_file_hash.get(_reuse_key(digest, rel))
    if reusable:
        summary.reused_files += 1
        file_hashes[rel] = digest
        return [(dict(a, path=rel + a.get("record", ""), paths=[]), c) for a, c in reusable]
    try:
        parsed = articles_mod.read_file(path, rel, data)
    except (ValueError, RecursionError) as exc:
        summary.skipped.append(articles_mod.Skipped(rel, str(exc)))
        return None
    summary.new_files += 1
    file_hashes[rel] = digest
    return [(dict(art.to_dict(), record=art.path[len(rel):], file_hash=digest, paths=[]), None)
            for art in parsed]


def _read_all(candidates, previous: _Previous, summary: IndexSummary, progress: Progress):
    """Step 1: read and hash every file, parse only files whose content is new; a copy of
    an article already read is recorded as another path of it, not indexed again."""
    file_hashes: dict[str, str] = {}
    articles: list[dict] = []  # rows of the new articles table
    article_chunks: list[list[state.StoredChunk] | None] = []  # None = still to chunk
    seen_content: dict[str, int] = {}  # content hash -> row
    for done, (path, rel) in enumerate(candidates, start=1):
        progress("reading", done, len(candidates))
        for row, chunks in _entries_of(path, rel, previous, summary, file_hashes) or []:
            key = row["content_hash"]
            if key in seen_content:
                articles[seen_content[key]]["paths"].append(row["path"])
                summary.duplicates += 1
                continue
            row["paths"] = [row["path"]]
            seen_content[key] = len(articles)
            articles.append(row)
            article_chunks.append(chunks)
    return file_hashes, articles, article_chunks


def _chunk_all(articles: list[dict], article_chunks: list, embedder: Embedder, chunk_tokens: int,
               overlap_sentences: int, progress: Progress):
    """Step 2: chunk the new articles; keep the old chunks of unchanged ones. Returns the
    chunks table, where each chunk's vector comes from (("old", row) or ("new", i)) and the
    texts to embed."""
    all_chunks: list[state.StoredChunk] = []
    vector_source: list[tuple[str, int]] = []
    to_embed: list[str] = []
    for row_number, (article, old_chunks) in enumerate(zip(articles, article_chunks)):
        progress("chunking", row_number + 1, len(articles))
        if old_chunks is not None:
            pieces = [(c.ordinal, c.start, c.end, c.text, ("old", c.id)) for c in old_chunks]
        else:
            pieces = []
            for chunk in chunk_text(article["text"], embedder.count_tokens, chunk_tokens,
                                    overlap_sentences, skip=article.get("furniture") or ()):
                pieces.append((chunk.ordinal, chunk.start, chunk.end, chunk.text,
                               ("new", len(to_embed))))
                to_embed.append(embedding_text(article, chunk.text))
        for ordinal, start, end, text, source in pieces:
            all_chunks.append(state.StoredChunk(id=len(all_chunks), article=row_number,
                                                ordinal=ordinal, start=start, end=end, text=text))
            vector_source.append(source)
    return all_chunks, vector_source, to_embed


def mark_stories(articles: list[dict]) -> None:
    """Give each article that another outlet also ran (a near-duplicate) the row of the
    first article of its story as `story`; unique articles get none."""
    for article in articles:
        article.pop("story", None)
    groups = duplicate_groups((row, a.get("text", ""), a.get("source", ""))
                              for row, a in enumerate(articles))
    for group in groups:
        for row in group:
            articles[row]["story"] = group[0]


def _manifest(embedder: Embedder, precision: str, chunking: dict, folder: Path,
              file_hashes: dict[str, str], articles: int, chunks: int) -> dict:
    return {
        "embedder": {"name": embedder.name, "dimension": embedder.dimension,
                     "max_tokens": embedder.max_tokens, "precision": precision},
        "chunking": chunking,
        "folder": str(folder),
        "files": file_hashes,
        "counts": {"articles": articles, "chunks": chunks, "files": len(file_hashes)},
        "versions": _versions(),
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }


def build_index(folder: Path, index_dir: "Path | str | Store", embedder: Embedder,
                chunk_tokens: int = 200,
                overlap_sentences: int = 1, full: bool = False, progress: Progress | None = None,
                wait_for_lock: bool = True, on_wait: Callable[[], None] | None = None
                ) -> IndexSummary:
    """Sync the store at `index_dir` (a folder or a postgresql:// address) with `folder`.
    Returns counts, skipped files and time taken."""
    started = time.perf_counter()
    folder, target = Path(folder).resolve(), open_store(index_dir)
    progress = progress or (lambda stage, done, total: None)
    chunk_tokens = min(chunk_tokens, embedder.max_tokens)
    chunking = chunking_settings(chunk_tokens, overlap_sentences)
    summary = IndexSummary(folder=str(folder), index_dir=target.location)
    with target.writer_lock(wait=wait_for_lock, on_wait=on_wait):
        target.cleanup()
        previous_data = None if full else _load_previous(target, embedder, chunking)
        previous = _Previous(previous_data)
        candidates, skipped = articles_mod.scan_folder(folder)
        summary.skipped.extend(skipped)
        file_hashes, articles, article_chunks = _read_all(candidates, previous, summary, progress)
        summary.files, summary.articles = len(file_hashes), len(articles)
        old_files = previous_data.manifest.get("files", {}) if previous_data else {}
        summary.removed_files = len(set(old_files) - set(file_hashes))
        if previous_data is not None and old_files == file_hashes and not full:
            summary.chunks, summary.up_to_date = len(previous_data.chunks), True
            summary.seconds = time.perf_counter() - started
            return summary
        mark_stories(articles)
        all_chunks, vector_source, to_embed = _chunk_all(
            articles, article_chunks, embedder, chunk_tokens, overlap_sentences, progress)
        # Step 3: embed the new chunks (the slow part).
        new_vectors = embed_by_length(embedder, to_embed, progress)
        summary.embedded_chunks = len(to_embed)
        vectors = np.zeros((len(all_chunks), embedder.dimension), dtype=np.float32)
        for i, (kind, position) in enumerate(vector_source):
            vectors[i] = previous.vector(position) if kind == "old" else new_vectors[position]
        # Step 4: publish the new state in one atomic step (the old one stays live until then).
        progress("writing", 0, 1)
        old_precision = (previous_data.manifest.get("embedder", {}).get("precision", "")
                         if previous_data else "")
        precision = getattr(embedder, "precision", "") if to_embed else old_precision
        manifest = _manifest(embedder, precision, chunking, folder, file_hashes, len(articles),
                             len(all_chunks))
        target.publish(manifest, vectors, all_chunks, articles,
                       [keyword_text(articles[c.article], c.text) for c in all_chunks],
                       replace=previous_data is None)
        progress("writing", 1, 1)
        summary.chunks = len(all_chunks)
        summary.seconds = time.perf_counter() - started
        return summary
