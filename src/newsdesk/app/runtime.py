"""Composition root: settings -> embedder, index, model, assistant. The CLI and the web app
both start here; a rebuild swaps in the new index without a restart."""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from newsdesk.answer.assistant import Assistant
from newsdesk.errors import IndexMissingError, NewsdeskError
from newsdesk.index.backend import open_store
from newsdesk.index.state import check_compatible
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
        self.store = open_store(settings.store or settings.index_dir)
        self._generation: str | None = None  # of the state loaded
        self._checked = 0.0  # when the store's generation was last looked at

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
                        self.store.location)

        summary = build_index(folder, self.store, self.embedder,
                              self.settings.chunk_tokens, self.settings.chunk_overlap_sentences,
                              full=full, progress=progress, wait_for_lock=wait_for_lock,
                              on_wait=waiting)
        if self._assistant is not None and not summary.up_to_date:
            self.reload()
        return summary

    def ensure_index(self, progress: Progress | None = None) -> IndexSummary | None:
        """Build the index from the corpus folder on first start; None when one exists."""
        if self.store.exists():
            return None
        return self.index(self.settings.corpus_dir, progress=progress)

    def reload(self) -> Assistant:
        """Load the live index; it must match the embedder and the chunking settings."""
        generation = self.store.generation()
        retriever = Retriever.load(self.store, self.embedder, self.settings.retrieval)
        check_compatible(retriever.data.manifest, self.embedder.name, self.embedder.dimension,
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
            self._generation, self._checked = generation, time.monotonic()
        return self._assistant

    def pick_up_new_state(self, every: float = 2.0) -> None:
        """Reload when another process published a new index state (looked at most every
        `every` seconds: one cheap query to the store)."""
        if self._assistant is None or time.monotonic() - self._checked < every:
            return
        self._checked = time.monotonic()
        generation = self.store.generation()
        if generation is not None and generation != self._generation:
            log.info("A new index state (%s) was published; loading it.", generation)
            try:
                self.reload()
            except NewsdeskError as exc:  # keep answering from the state loaded
                log.warning("Could not load the new index state: %s", exc)

    def retriever(self):
        if self._assistant is None:
            self.reload()
        self.pick_up_new_state()
        return self._assistant.retriever

    @property
    def assistant(self) -> Assistant:
        if self._assistant is None:
            self.reload()
        self.pick_up_new_state()
        assert self._assistant is not None
        if self._assistant.generator is None and self._load_generator:
            self._assistant.generator = self.generator
        return self._assistant

    def status(self) -> dict:
        manifest = self.store.read_manifest() or {}
        counts = manifest.get("counts", {})
        model = (getattr(self._generator, "name", None) or
                 (str(self.settings.model_path) if self.settings.model_path else
                  "Qwen2.5-Coder-0.5B-Instruct Q4_K_M (bundled)"))
        return {"index_dir": self.store.location, "folder": manifest.get("folder", ""),
                "articles": counts.get("articles", 0), "chunks": counts.get("chunks", 0),
                "embedder": manifest.get("embedder", {}).get("name", self.embedder.name),
                "model": model, "built": manifest.get("created", ""),
                "index_type": manifest.get("index_type", "")}


__all__ = ["Runtime", "IndexMissingError", "NewsdeskError"]
