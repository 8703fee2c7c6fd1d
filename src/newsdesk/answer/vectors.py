"""Sentence vectors for one assistant, cached: one answer scores the same passage sentences
against the question, each of its claims and each answer sentence."""

from __future__ import annotations

import threading
from typing import Callable, Sequence

import numpy as np


class SentenceVectors:
    def __init__(self, encode: Callable[[Sequence[str]], np.ndarray], capacity: int = 4096):
        self._encode = encode
        self._vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()
        self.capacity = capacity

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            unique = list(dict.fromkeys(texts))
            missing = [t for t in unique if t not in self._vectors]
            if len(self._vectors) + len(missing) > self.capacity:
                self._vectors.clear()
                missing = unique
            if missing:
                self._vectors.update(zip(missing, self._encode(missing)))
            return np.stack([self._vectors[t] for t in texts])

    def similarity(self, claim: str, candidates: Sequence[str]) -> list[float]:
        """Cosine of the claim to each candidate (vectors are unit length)."""
        if not candidates:
            return []
        vectors = self.vectors([claim, *candidates])
        return list(np.asarray(vectors[1:] @ vectors[0], dtype=float))
