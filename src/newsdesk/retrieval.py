"""Hybrid search over one index: dense (FAISS) + keyword (BM25) fused by weighted reciprocal
rank; outlets and dates named in the question pull their articles up (soft), explicit
filters restrict (hard); a per-article cap lets several articles get a say."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from . import store
from .chunking import split_sentences
from .embedding import Embedder
from .indexer import KEYWORD_DIR
from .keyword import KeywordIndex
from .query_analysis import OutletMatcher, QueryAnalysis, analyze, clauses, outlet_parts


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
class RetrievalConfig:
    """Fusion weights and limits; defaults tuned on the MultiHop-RAG dev split (docs/retrieval.md)."""

    dense: float = 1.0
    keyword: float = 2.0
    rrf_k: int = 10
    candidates: int = 100
    per_article: int = 4
    outlet_boost: float = 1.0  # weight of each per-outlet sub-ranking in the final fusion
    date_boost: float = 1.0  # weight of each per-date sub-ranking
    use_metadata: bool = True
    content_query: bool = True  # search with the question minus outlet names and dates
    outlet_queries: bool = True  # each named outlet's articles searched with its own part
    clause_outlets: bool = True  # a clause naming outlets scores only their passages
    rerank_depth: int = 12  # candidates re-scored at sentence level (0 = no reranking)
    rerank_base: float = 0.7  # weight of the fused ranking in the rerank
    rerank_weight: float = 1.0  # weight of the best-sentence ranking (whole question)
    rerank_clause: float = 1.0  # weight of the best-sentence ranking (one clause of it)
    rerank_rrf_k: int = 5
    min_clause_terms: int = 3  # shorter clauses ("as TechCrunch says") do not count


class Retriever:
    def __init__(self, data: store.IndexData, keyword: KeywordIndex, embedder: Embedder,
                 config: RetrievalConfig = RetrievalConfig()):
        self.data = data
        self.keyword = keyword
        self.embedder = embedder
        self.config = config
        self._chunk_article = np.array([c.article for c in data.chunks], dtype=np.int64)
        self._article_source = [a.get("source", "") for a in data.articles]
        self._article_date = [a.get("published", "") for a in data.articles]
        self.outlets = OutletMatcher(s for s in self._article_source if s)
        self.newest = max((d for d in self._article_date if d), default="")

    @classmethod
    def load(cls, index_dir: Path, embedder: Embedder) -> "Retriever":
        data = store.load(index_dir)
        store.check_compatible(data.manifest, embedder.name, embedder.dimension)
        keyword = KeywordIndex.load(data.folder / KEYWORD_DIR)
        return cls(data, keyword, embedder)

    def with_config(self, **changes) -> "Retriever":
        clone = object.__new__(Retriever)
        clone.__dict__.update(self.__dict__)
        clone.config = replace(self.config, **changes)
        return clone

    @property
    def sources(self) -> list[str]:
        return sorted({s for s in self._article_source if s})

    def analyze(self, query: str) -> QueryAnalysis:
        return analyze(query, self.outlets, self.newest)

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
        fused: dict[int, float] = {}
        for rank, chunk_id in enumerate(dense_ids.tolist()):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + c.dense / (c.rrf_k + rank + 1)
        for rank, chunk_id in enumerate(top.tolist()):
            fused[chunk_id] = fused.get(chunk_id, 0.0) + c.keyword / (c.rrf_k + rank + 1)
        return fused, dict(zip(dense_ids.tolist(), dense_scores.tolist()))

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        query = query.strip()
        if not query or self.data.vectors.size == 0:
            return []
        c = self.config
        allowed = None
        if filters is not None and not filters.is_empty():
            allowed = self._chunks_where(lambda i: filters.accepts(self.data.articles[i]))
            if len(allowed) == 0:
                return []
        analysis = self.analyze(query) if c.use_metadata else None
        text = analysis.content if analysis and c.content_query else query
        vector = self.embedder.encode([text])[0]
        keyword_scores = self.keyword.scores(query)
        base, cosine = self._hybrid(vector, keyword_scores, allowed)
        rankings = [(base, 1.0)]
        if analysis is not None:
            several = c.outlet_queries and len(analysis.outlets) >= 2
            parts = outlet_parts(query, self.outlets) if several else {}
            subsets = [(self._chunks_where(lambda i, o=o: self._article_source[i] == o),
                        c.outlet_boost, parts.get(o)) for o in analysis.outlets]
            subsets += [(self._chunks_where(lambda i, r=r: r.contains(self._article_date[i])),
                         c.date_boost, None) for r in analysis.dates]
            for subset, weight, part in subsets:
                if allowed is not None:
                    subset = np.intersect1d(subset, allowed)
                if not len(subset) or weight <= 0:
                    continue
                if part:  # search this outlet's articles for what the question says of it
                    part_text = self.analyze(part).content if c.content_query else part
                    fused, _ = self._hybrid(self.embedder.encode([part_text])[0],
                                            self.keyword.scores(part), subset)
                else:
                    fused, more = self._hybrid(vector, keyword_scores, subset)
                    cosine.update(more)
                rankings.append((fused, weight))
        final: dict[int, float] = {}
        for fused, weight in rankings:
            if len(rankings) == 1:
                final = fused
                break
            ordered = sorted(fused, key=lambda i: -fused[i])
            for rank, chunk_id in enumerate(ordered):
                final[chunk_id] = final.get(chunk_id, 0.0) + weight / (c.rrf_k + rank + 1)
        ranked = sorted(final.items(), key=lambda item: -item[1])
        if c.rerank_depth > k:
            passages = self._rerank(query, self._diverse(ranked, c.rerank_depth))[:k]
        else:
            passages = self._rerank(query, self._diverse(ranked, k))
        for p in passages:
            p.dense_score = cosine.get(p.chunk_id, None) or float(
                self.data.vectors.reconstruct(p.chunk_id) @ vector)
        return passages

    def _rerank(self, query: str, passages: list[Passage]) -> list[Passage]:
        """Re-rank by each passage's best single sentence. Evidence is usually one sentence,
        and a chunk that merely mentions many query words scattered should lose. Two
        sentence rankings are fused with the original one: the share of the whole question's
        term weight (IDF, plus adjacent term pairs) a sentence holds, and the largest share
        of any one clause's term weight it holds: multi-hop questions chain several claims,
        and the evidence sentence for one claim rarely mentions the others."""
        c = self.config
        if c.rerank_depth <= 0 or len(passages) < 2:
            return passages
        terms = self.keyword.terms(query)
        idf = self.keyword.idf(terms)
        total = sum(idf.values())
        if total <= 0:
            return passages
        pairs = set(zip(terms, terms[1:]))
        parts = []
        for clause in clauses(query):
            clause_terms = set(self.keyword.terms(clause))
            weight = sum(idf.get(t, 0.0) for t in clause_terms)
            if len(clause_terms) >= c.min_clause_terms and weight > 0:
                named = set(self.outlets.find(clause)) if c.clause_outlets else set()
                parts.append((clause_terms, weight, named))
        whole, by_clause = [], []
        for p in passages:
            sentences = [p.text[s:e] for s, e in split_sentences(p.text)]
            best = best_clause = 0.0
            for tokens in self.keyword.terms_of_many(sentences):
                present = set(tokens)
                words = sum(idf.get(t, 0.0) for t in present)
                bigrams = sum(idf.get(a, 0.0) + idf.get(b, 0.0)
                              for a, b in set(zip(tokens, tokens[1:])) if (a, b) in pairs)
                best = max(best, (words + 0.5 * bigrams) / total)
                for clause_terms, weight, named in parts:
                    if named and p.source not in named:
                        continue  # "... as reported by Wired" is evidence only in Wired
                    share = sum(idf.get(t, 0.0) for t in present & clause_terms) / weight
                    best_clause = max(best_clause, share)
            whole.append(best)
            by_clause.append(best_clause)

        def rank_of(values: list[float]) -> dict[int, int]:
            order = sorted(range(len(values)), key=lambda i: -values[i])
            return {i: rank for rank, i in enumerate(order)}

        k = c.rerank_rrf_k
        first_stage = {i: i for i in range(len(passages))}  # passages come in fused order
        rankings = [(first_stage, c.rerank_base), (rank_of(whole), c.rerank_weight)]
        if parts:
            rankings.append((rank_of(by_clause), c.rerank_clause))
        fused = [sum(weight / (k + ranks[i] + 1) for ranks, weight in rankings)
                 for i in range(len(passages))]
        order = sorted(range(len(passages)), key=lambda i: -fused[i])
        for i in order:
            passages[i].score = fused[i]
        return [passages[i] for i in order]

    def _diverse(self, ranked: list[tuple[int, float]], k: int) -> list[Passage]:
        """Top k with at most `per_article` chunks per article, topped up if too few."""
        chosen, per_article, overflow = [], {}, []
        for chunk_id, score in ranked:
            article = self.data.chunks[chunk_id].article
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
                       title=article.get("title", ""), source=article.get("source", ""),
                       published=article.get("published", ""), url=article.get("url", ""),
                       path=article.get("path", ""), paths=list(article.get("paths", [])))

    def article_text(self, article_row: int) -> str:
        return self.data.articles[article_row].get("text", "")
