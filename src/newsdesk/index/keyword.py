"""The only importer of bm25s: a BM25 keyword index over the same chunks as the vectors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import numpy as np

KEYWORD_DIR = "keyword"  # folder of the keyword index inside a build

logging.getLogger("bm25s").setLevel(logging.ERROR)


def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("english")


class KeywordIndex:
    """BM25 (Lucene variant) with English stopwords and Snowball stemming."""

    def __init__(self, retriever, size: int):
        self._retriever = retriever
        self._size = size
        self._stemmer = _stemmer()
        self._vocab = getattr(retriever, "vocab_dict", None) or {}

    @staticmethod
    def tokenize(texts: Sequence[str], stemmer=None) -> list[list[str]]:
        import bm25s

        return bm25s.tokenize(list(texts), stopwords="en", stemmer=stemmer or _stemmer(),
                              return_ids=False, show_progress=False)

    @classmethod
    def build(cls, texts: Sequence[str]) -> "KeywordIndex":
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        tokens = cls.tokenize(texts) if texts else []
        if tokens:
            # bm25s refuses an empty document; a placeholder keeps rows aligned with vectors.
            retriever.index([t or ["\u2400"] for t in tokens], show_progress=False)
        return cls(retriever, len(texts))

    @property
    def size(self) -> int:
        return self._size

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk for the query (zeros when no query term is known)."""
        if self._size == 0:
            return np.zeros(0, dtype=np.float32)
        terms = [t for t in self.tokenize([query], self._stemmer)[0] if t in self._vocab]
        if not terms:
            return np.zeros(self._size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(terms), dtype=np.float32)

    def terms(self, text: str) -> list[str]:
        """The query's index terms, in order (stopwords dropped, stemmed)."""
        return self.tokenize([text], self._stemmer)[0]

    def terms_of_many(self, texts: Sequence[str]) -> list[list[str]]:
        return self.tokenize(texts, self._stemmer) if texts else []

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        """BM25 inverse document frequency of each term over the indexed chunks."""
        if self._size == 0:
            return {t: 0.0 for t in terms}
        indptr = self._retriever.scores["indptr"]
        out = {}
        for term in terms:
            row = self._vocab.get(term)
            df = 0 if row is None else int(indptr[row + 1] - indptr[row])
            out[term] = float(np.log(1 + (self._size - df + 0.5) / (df + 0.5))) if df else 0.0
        return out

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "size").write_text(str(self._size))
        if self._size:
            self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "KeywordIndex":
        import bm25s

        size = int((folder / "size").read_text())
        retriever = bm25s.BM25.load(str(folder), show_progress=False) if size else bm25s.BM25()
        return cls(retriever, size)
