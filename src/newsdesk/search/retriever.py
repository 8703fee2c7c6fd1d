"""Hybrid search over one index: dense (FAISS) + keyword (BM25) fused by weighted reciprocal
rank; outlets and dates named in the question pull their articles up (soft), explicit
filters restrict (hard); a per-article cap lets several articles get a say; the top
candidates are re-ranked by their best sentence."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np

from newsdesk.index import state
from newsdesk.index.backend import Store, open_store
from newsdesk.index.keyword import KeywordIndex
from newsdesk.models.embedder import Embedder
from newsdesk.question.analysis import QueryAnalysis, named_in
from newsdesk.question.clauses import outlet_parts
from newsdesk.question.outlets import OutletMatcher
from newsdesk.search.filters import SearchFilters
from newsdesk.search.fusion import ranked, reciprocal_rank_fusion
from newsdesk.search.passage import Passage, page_at
from newsdesk.search.rerank import SentenceRerank
from newsdesk.settings import RetrievalConfig

__all__ = ["Retriever", "SearchFilters", "Passage", "RetrievalConfig"]


class Retriever:
    def __init__(self, data: state.IndexData, keyword: KeywordIndex, embedder: Embedder,
                 config: RetrievalConfig = RetrievalConfig()):
        self.data = data
        self.keyword = keyword
        self.embedder = embedder
        self.config = config
        self._chunk_article = np.array([c.article for c in data.chunks], dtype=np.int64)
        self._article_outlet = [a.get("source", "") for a in data.articles]
        self._article_date = [a.get("published", "") for a in data.articles]
        self.outlets = OutletMatcher(s for s in self._article_outlet if s)
        self.newest = max((d for d in self._article_date if d), default="")
        self._story = [a.get("story", row) for row, a in enumerate(data.articles)]
        self._story_rows: dict[int, list[int]] = {}
        for row, story in enumerate(self._story):
            self._story_rows.setdefault(story, []).append(row)
        self.rerank = SentenceRerank(keyword, self.outlets, config)

    @classmethod
    def load(cls, index_dir: "Path | str | Store", embedder: Embedder,
             config: RetrievalConfig = RetrievalConfig()) -> "Retriever":
        """The current state of a store (a folder or a postgresql:// address)."""
        target = open_store(index_dir)
        data = target.load()
        state.check_compatible(data.manifest, embedder.name, embedder.dimension)
        return cls(data, target.keyword(data), embedder, config)

    def with_config(self, **changes) -> "Retriever":
        clone = object.__new__(Retriever)
        clone.__dict__.update(self.__dict__)
        clone.config = replace(self.config, **changes)
        clone.rerank = SentenceRerank(self.keyword, self.outlets, clone.config)
        return clone

    @property
    def outlet_names(self) -> list[str]:
        return sorted({s for s in self._article_outlet if s})

    def named_in(self, query: str) -> QueryAnalysis:
        return named_in(query, self.outlets, self.newest)

    def _chunks_where(self, accept) -> np.ndarray:
        ok = np.array([bool(accept(i)) for i in range(len(self.data.articles))], dtype=bool)
        if len(ok) == 0:
            return np.zeros(0, dtype=np.int64)
        return np.nonzero(ok[self._chunk_article])[0].astype(np.int64)

    def _hybrid(self, vector: np.ndarray, keyword_scores: np.ndarray,
                allowed: np.ndarray | None) -> tuple[dict[int, float], dict[int, float]]:
        """Fused score per candidate chunk, and the dense cosine of those seen."""
        c = self.config
        dense_ids, dense_scores = self.data.vectors.search(vector, c.candidates, allowed)
        scores = keyword_scores
        if allowed is not None:
            scores = np.zeros_like(keyword_scores)
            scores[allowed] = keyword_scores[allowed]
        top = np.argsort(-scores, kind="stable")[: c.candidates]
        top = top[scores[top] > 0]
        fused = reciprocal_rank_fusion([(dense_ids.tolist(), c.dense),
                                        (top.tolist(), c.keyword)], c.rrf_k)
        return fused, dict(zip(dense_ids.tolist(), dense_scores.tolist()))

    def _allowed(self, filters: SearchFilters | None) -> np.ndarray | None:
        if filters is None or filters.is_empty():
            return None
        return self._chunks_where(lambda i: filters.accepts(self.data.articles[i]))

    def _outlet_parts(self, query: str, analysis: QueryAnalysis | None) -> dict[str, str]:
        """With several outlets named, the part of the question about each one."""
        if analysis is None or not self.config.outlet_queries or len(analysis.outlets) < 2:
            return {}
        return outlet_parts(query, self.outlets)

    def _search_text(self, text: str) -> str:
        return self.named_in(text).content if self.config.content_query else text

    def _named_rankings(self, analysis: QueryAnalysis, vector: np.ndarray,
                        keyword_scores: np.ndarray, allowed: np.ndarray | None,
                        cosine: dict[int, float],
                        parts: dict[str, tuple[str, np.ndarray]]) -> list[tuple[list[int], float]]:
        """A ranking within the articles of each outlet and each date the query names. An
        outlet with its own part of the question (text, vector) is searched with that part."""
        c = self.config
        subsets = [(self._chunks_where(lambda i, o=o: self._article_outlet[i] == o),
                    c.outlet_boost, parts.get(o)) for o in analysis.outlets]
        subsets += [(self._chunks_where(lambda i, r=r: r.contains(self._article_date[i])),
                     c.date_boost, None) for r in analysis.dates]
        rankings = []
        for subset, weight, part in subsets:
            if allowed is not None:
                subset = np.intersect1d(subset, allowed)
            if not len(subset) or weight <= 0:
                continue
            if part:
                part_text, part_vector = part
                fused, _ = self._hybrid(part_vector, self.keyword.scores(part_text), subset)
            else:
                fused, more = self._hybrid(vector, keyword_scores, subset)
                cosine.update(more)
            rankings.append((ranked(fused), weight))
        return rankings

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        query = query.strip()
        if not query or self.data.vectors.size == 0:
            return []
        c = self.config
        allowed = self._allowed(filters)
        if allowed is not None and len(allowed) == 0:
            return []
        analysis = self.named_in(query) if c.use_metadata else None
        text = analysis.content if analysis and c.content_query else query
        parts = self._outlet_parts(query, analysis)
        # One batch for the question and its parts: on a CPU, three short texts encode in
        # about the time of one.
        vectors = self.embedder.encode([text, *(self._search_text(p) for p in parts.values())])
        vector = vectors[0]
        part_vectors = {o: (p, v) for (o, p), v in zip(parts.items(), vectors[1:])}
        keyword_scores = self.keyword.scores(query)
        base, cosine = self._hybrid(vector, keyword_scores, allowed)
        final = base
        if analysis is not None:
            named = self._named_rankings(analysis, vector, keyword_scores, allowed, cosine,
                                         part_vectors)
            if named:
                final = reciprocal_rank_fusion([(ranked(base), 1.0), *named], c.rrf_k)
        candidates = [(i, final[i]) for i in ranked(final)]
        if c.rerank_depth > k:
            passages = self.rerank(query, self._diverse(candidates, c.rerank_depth))[:k]
        elif c.rerank_depth > 0:
            passages = self.rerank(query, self._diverse(candidates, k))
        else:
            passages = self._diverse(candidates, k)
        for p in passages:
            p.dense_score = cosine.get(p.chunk_id, None) or float(
                self.data.vectors.reconstruct(p.chunk_id) @ vector)
        return passages

    def _diverse(self, ranked_ids: list[tuple[int, float]], k: int) -> list[Passage]:
        """Top k with at most `per_article` chunks per article, topped up if too few. A story
        several outlets ran counts once: only its first-ranked copy is kept."""
        chosen, per_article, overflow, story_copy = [], {}, [], {}
        for chunk_id, score in ranked_ids:
            article = self.data.chunks[chunk_id].article
            if story_copy.setdefault(self._story[article], article) != article:
                continue
            if per_article.get(article, 0) < self.config.per_article:
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
                       title=article.get("title", ""), outlet=article.get("source", ""),
                       published=article.get("published", ""), url=article.get("url", ""),
                       path=article.get("path", ""), paths=list(article.get("paths", [])),
                       page=page_at(article.get("pages"), chunk.start),
                       also_in=self._other_copies(chunk.article))

    def _other_copies(self, article_row: int) -> list[dict]:
        """The other articles of this one's story, oldest first."""
        rows = [r for r in self._story_rows.get(self._story[article_row], []) if r != article_row]
        copies = [{"title": a.get("title", ""), "outlet": a.get("source", ""),
                   "published": a.get("published", ""), "url": a.get("url", ""),
                   "path": a.get("path", "")} for a in (self.data.articles[r] for r in rows)]
        return sorted(copies, key=lambda c: c["published"])

    def article_text(self, article_row: int) -> str:
        return self.data.articles[article_row].get("text", "")
