"""Fast stand-ins for the embedder and the LLM, for unit tests."""

from __future__ import annotations

import hashlib
import re
import threading
from typing import Iterator, Sequence

import numpy as np

from newsdesk.ingest.chunking import whitespace_token_counter


class FakeEmbedder:
    """Bag-of-words vectors by hashing: texts sharing words are close."""

    name = "fake-embedder"
    dimension = 1024
    max_tokens = 254
    precision = "fp32"

    def __init__(self):
        self.calls = 0
        self.encoded = 0

    def encode(self, texts: Sequence[str], batch_size: int = 16) -> np.ndarray:
        self.calls += 1
        self.encoded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest(), 16)
                out[i, h % self.dimension] += 1.0
            out[i, 0] += 0.01
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return whitespace_token_counter(texts)


class FakeGenerator:
    """Replies with a scripted answer, streamed word by word; records the prompts."""

    name = "fake-llm"
    context_size = 2048
    can_score = False

    def __init__(self, reply: str | None = None, replies: Sequence[str] = ()):
        self.replies = list(replies) or [reply or ""]
        self.prompts: list[list[dict]] = []
        self.prefixes: list[str] = []
        self.lock = threading.Lock()

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 1

    def first_token_scores(self, messages, options):
        return None

    def stream(self, messages, max_tokens: int = 256, stop=(), cancel=None,
               prefix: str = "") -> Iterator[str]:
        with self.lock:
            self.prompts.append(list(messages))
            reply = self.replies[min(len(self.prompts) - 1, len(self.replies) - 1)]
            if prefix:
                self.prefixes.append(prefix)
                yield prefix
            for piece in re.findall(r"\S+\s*", reply):
                if cancel is not None and cancel.is_set():
                    return
                yield piece


class ScoringFakeGenerator(FakeGenerator):
    """A local-model stand-in that also scores the answer's first token (fixed logits)."""

    can_score = True

    def __init__(self, reply: str, scores: dict[str, float]):
        super().__init__(reply)
        self.scores = scores

    def first_token_scores(self, messages, options):
        return {option: self.scores[option] for option in options}


def indexed_retriever(tmp_path, docs: dict[str, str]):
    """Write `docs` (file name -> text) to a folder, index it with FakeEmbedder, load it."""
    from newsdesk.ingest.sync import build_index
    from newsdesk.search.retriever import Retriever

    folder = tmp_path / "docs"
    folder.mkdir()
    for name, text in docs.items():
        (folder / name).write_text(text)
    embedder = FakeEmbedder()
    build_index(folder, tmp_path / "idx", embedder)
    return Retriever.load(tmp_path / "idx", embedder)
