"""Composition root: settings -> embedder, index, model, assistant. The CLI and the web app
both start here; a rebuild swaps in the new index without a restart."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from newsdesk.answer.assistant import Assistant
from newsdesk.errors import IndexMissingError, NewsdeskError
from newsdesk.index import store
from newsdesk.ingest.sync import IndexSummary, Progress, build_index, chunking_settings
from newsdesk.models.embedder import Embedder, LazyEmbedder
from newsdesk.models.generator import Generator
from newsdesk.search.retriever import Retriever
from newsdesk.settings import Settings

log = logging.getLogger("newsdesk")


class Runtime:
    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 generator: Generator | None = None, load_generator: bool = True):
        self.settings = settings
        self.embedder = embedder or LazyEmbedder(precision=settings.embed_precision,
                                                 threads=settings.threads)
        self._generator = generator
        self._load_generator = load_generator
        self._assistant: Assistant | None = None
        self._swap_lock = threading.Lock()
        self.last_error: str | None = None
        self.watcher = None  # app/watch.FolderWatcher when serving with --watch

    @property
    def generator(self) -> Generator | None:
        if self._generator is None and self._load_generator:
            if self.settings.llm_url:
                from newsdesk.models.remote import RemoteGenerator

                self._generator = RemoteGenerator(self.settings.llm_url,
                                                  context_size=self.settings.context_size)
            else:
                from newsdesk.models.llama import LlamaGenerator

                self._generator = LlamaGenerator(self.settings.model_path,
                                                 self.settings.context_size, self.settings.threads)
        return self._generator

    def sibling(self, settings: Settings) -> "Runtime":
        """A runtime for another index (a collection) sharing this one's embedder and model."""
        return Runtime(settings, embedder=self.embedder, generator=self.generator,
                       load_generator=self._load_generator)

    def index(self, folder: Path, full: bool = False, progress: Progress | None = None,
              wait_for_lock: bool = True) -> IndexSummary:
        def waiting() -> None:
            log.warning("Another newsdesk process is updating %s; waiting for it to finish.",
                        self.settings.index_dir)

        summary = build_index(folder, self.settings.index_dir, self.embedder,
                              self.settings.chunk_tokens, self.settings.chunk_overlap_sentences,
                              full=full, progress=progress, wait_for_lock=wait_for_lock,
                              on_wait=waiting)
        if self._assistant is not None and not summary.up_to_date:
            self.reload()
        return summary

    def ensure_index(self, progress: Progress | None = None) -> IndexSummary | None:
        """Build the index from the corpus folder on first start; None when one exists."""
        if store.current_build(self.settings.index_dir) is not None:
            return None
        return self.index(self.settings.corpus_dir, progress=progress)

    def reload(self) -> Assistant:
        """Load the live index; it must match the embedder and the chunking settings."""
        retriever = Retriever.load(self.settings.index_dir, self.embedder, self.settings.retrieval)
        store.check_compatible(retriever.data.manifest, self.embedder.name, self.embedder.dimension,
                               chunking_settings(min(self.settings.chunk_tokens,
                                                     self.embedder.max_tokens),
                                                 self.settings.chunk_overlap_sentences))
        with self._swap_lock:
            if self._assistant is None:
                bundled = self.settings.model_path is None and not self.settings.llm_url
                self._assistant = Assistant(retriever, None, self.settings.answer,
                                            bundled_model=bundled)
            else:
                self._assistant.retriever = retriever  # in-flight answers keep the old one
        return self._assistant

    def retriever(self):
        if self._assistant is None:
            self.reload()
        return self._assistant.retriever

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            self.reload()
        assert self._assistant is not None
        if self._assistant.generator is None and self._load_generator:
            self._assistant.generator = self.generator
        return self._assistant

    def status(self) -> dict:
        manifest = store.read_manifest(self.settings.index_dir) or {}
        counts = manifest.get("counts", {})
        model = (getattr(self._generator, "name", None) or
                 (str(self.settings.model_path) if self.settings.model_path else
                  "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (bundled)"))
        return {"index_dir": str(self.settings.index_dir), "folder": manifest.get("folder", ""),
                "articles": counts.get("articles", 0), "chunks": counts.get("chunks", 0),
                "embedder": manifest.get("embedder", {}).get("name", self.embedder.name),
                "model": model, "built": manifest.get("created", ""),
                "index_type": manifest.get("index_type", "")}


__all__ = ["Runtime", "IndexMissingError", "NewsdeskError"]
