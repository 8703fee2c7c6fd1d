"""Hybrid search over one index: dense (FAISS) + keyword (BM25), fused by weighted reciprocal
rank, with outlet/date filters and a per-article cap so several articles get a say."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import store
from .embedding import Embedder
from .indexer import KEYWORD_DIR, chunking_settings
from .keyword import KeywordIndex


@dataclass(frozen=True)
class SearchFilters:
    """Restrict results to outlets (case-insensitive) and/or an inclusive ISO date range."""

    sources: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""

    def is_empty(self) -> bool:
        return not (self.sources or self.date_from or self.date_to)

    def accepts(self, article: dict) -> bool:
        if self.sources:
            wanted = {s.strip().lower() for s in self.sources}
            if article.get("source", "").strip().lower() not in wanted:
                return False
        published = article.get("published", "")
        if self.date_from and (not published or published < self.date_from):
            return False
        if self.date_to and (not published or published > self.date_to):
            return False
        return True


@dataclass
class Passage:
    """A retrieved chunk with its article's metadata. `start`/`end` index the article text."""

    chunk_id: int
    article_row: int
    text: str
    start: int
    end: int
    score: float
    title: str
    source: str
    published: str
    url: str
    path: str
    paths: list[str] = field(default_factory=list)
    dense_score: float = 0.0  # cosine similarity of query and chunk

    def to_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class FusionWeights:
    dense: float = 1.0
    keyword: float = 1.0
    rrf_k: int = 60
    candidates: int = 100
    per_article: int = 2


class Retriever:
    def __init__(self, data: store.IndexData, keyword: KeywordIndex, embedder: Embedder,
                 weights: FusionWeights = FusionWeights()):
        self.data = data
        self.keyword = keyword
        self.embedder = embedder
        self.weights = weights

    @classmethod
    def load(cls, index_dir: Path, embedder: Embedder, chunk_tokens: int | None = None,
             overlap: int | None = None) -> "Retriever":
        data = store.load(index_dir)
        chunking = None
        if chunk_tokens is not None and overlap is not None:
            chunking = chunking_settings(min(chunk_tokens, embedder.max_tokens), overlap)
        store.check_compatible(data.manifest, embedder.name, embedder.dimension, chunking)
        keyword = KeywordIndex.load(data.folder / KEYWORD_DIR)
        return cls(data, keyword, embedder)

    @property
    def sources(self) -> list[str]:
        return sorted({a.get("source", "") for a in self.data.articles if a.get("source")})

    def _allowed(self, filters: SearchFilters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        ok_articles = {i for i, a in enumerate(self.data.articles) if filters.accepts(a)}
        return np.array([c.id for c in self.data.chunks if c.article in ok_articles], dtype=np.int64)

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        query = query.strip()
        if not query or self.data.vectors.size == 0:
            return []
        allowed = self._allowed(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        w = self.weights
        vector = self.embedder.encode([query])[0]
        dense_ids, dense_scores = self.data.vectors.search(vector, w.candidates, allowed)
        keyword_scores = self.keyword.scores(query)
        if allowed is not None:
            mask = np.zeros(len(keyword_scores), dtype=bool)
            mask[allowed] = True
            keyword_scores = np.where(mask, keyword_scores, 0.0)
        top_keyword = np.argsort(-keyword_scores, kind="stable")[: w.candidates]
        top_keyword = top_keyword[keyword_scores[top_keyword] > 0]

        fused: dict[int, float] = {}
        for rank, chunk_id in enumerate(dense_ids):
            fused[int(chunk_id)] = fused.get(int(chunk_id), 0.0) + w.dense / (w.rrf_k + rank + 1)
        for rank, chunk_id in enumerate(top_keyword):
            fused[int(chunk_id)] = fused.get(int(chunk_id), 0.0) + w.keyword / (w.rrf_k + rank + 1)
        ranked = sorted(fused.items(), key=lambda item: -item[1])
        passages = self._diverse(ranked, k)
        cosine = dict(zip(dense_ids.tolist(), dense_scores.tolist()))
        for p in passages:
            p.dense_score = cosine.get(p.chunk_id) or float(
                self.data.vectors.reconstruct(p.chunk_id) @ vector)
        return passages

    def _diverse(self, ranked: list[tuple[int, float]], k: int) -> list[Passage]:
        """Top k with at most `per_article` chunks per article, topped up if too few."""
        chosen, per_article, overflow = [], {}, []
        for chunk_id, score in ranked:
            article = self.data.chunks[chunk_id].article
            if per_article.get(article, 0) < self.weights.per_article:
                per_article[article] = per_article.get(article, 0) + 1
                chosen.append((chunk_id, score))
            else:
                overflow.append((chunk_id, score))
            if len(chosen) >= k:
                break
        if len(chosen) < k:
            chosen.extend(overflow[: k - len(chosen)])
        return [self.passage(chunk_id, score) for chunk_id, score in chosen]

    def passage(self, chunk_id: int, score: float = 0.0) -> Passage:
        chunk = self.data.chunks[chunk_id]
        article = self.data.articles[chunk.article]
        return Passage(chunk_id=chunk_id, article_row=chunk.article, text=chunk.text,
                       start=chunk.start, end=chunk.end, score=float(score),
                       title=article.get("title", ""), source=article.get("source", ""),
                       published=article.get("published", ""), url=article.get("url", ""),
                       path=article.get("path", ""), paths=list(article.get("paths", [])))

    def article_text(self, article_row: int) -> str:
        return self.data.articles[article_row].get("text", "")
