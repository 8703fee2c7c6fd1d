"""Several collections searched as one: each collection's own retriever finds its best
passages, and the rankings are combined with the one fusion function (`fusion.py`)."""

from __future__ import annotations

from dataclasses import replace

from newsdesk.question.outlets import OutletMatcher
from newsdesk.search.filters import SearchFilters
from newsdesk.search.fusion import ranked, reciprocal_rank_fusion
from newsdesk.search.passage import Passage


class FusedRetriever:
    """The retriever interface the assistant uses (search, article_text, outlets, newest,
    embedder) over named retrievers. Passage ids are shifted per collection so that they
    stay unique, and each passage's path names its collection."""

    def __init__(self, retrievers: dict):
        if not retrievers:
            from newsdesk.errors import IndexMissingError

            raise IndexMissingError("There are no collections yet: build one with "
                                    "`newsdesk index FOLDER --collection NAME`")
        self.parts = list(retrievers.items())
        first = self.parts[0][1]
        self.embedder, self.config = first.embedder, first.config
        self._chunk_offsets, self._article_offsets = [], []
        chunks = articles = 0
        for _, retriever in self.parts:
            self._chunk_offsets.append(chunks)
            self._article_offsets.append(articles)
            chunks += len(retriever.data.chunks)
            articles += len(retriever.data.articles)
        self.outlets = OutletMatcher(o for _, r in self.parts for o in r.outlet_names)
        self.newest = max((r.newest for _, r in self.parts), default="")

    @property
    def outlet_names(self) -> list[str]:
        return sorted({o for _, r in self.parts for o in r.outlet_names})

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None
               ) -> list[Passage]:
        found: dict[tuple[int, int], Passage] = {}
        rankings = []
        for i, (name, retriever) in enumerate(self.parts):
            keys = []
            if filters is not None and filters.articles and not _in_collection(filters, name):
                continue  # the articles asked for are all in other collections
            for p in retriever.search(query, k, _for_collection(filters, name)):
                key = (i, p.chunk_id)
                found[key] = replace(p, chunk_id=p.chunk_id + self._chunk_offsets[i],
                                     article_row=p.article_row + self._article_offsets[i],
                                     path=f"{name}/{p.path}",
                                     paths=[f"{name}/{x}" for x in p.paths])
                keys.append(key)
            rankings.append((keys, 1.0))
        fused = reciprocal_rank_fusion(rankings, self.config.rrf_k)
        return [replace(found[key], score=fused[key]) for key in ranked(fused)[:k]]

    def article_text(self, article_row: int) -> str:
        for (_, retriever), offset in reversed(list(zip(self.parts, self._article_offsets))):
            if article_row >= offset:
                return retriever.article_text(article_row - offset)
        return ""


def _in_collection(filters: SearchFilters, name: str) -> tuple[str, ...]:
    """The filters' article paths that are in collection `name`, as its own index writes
    them: paths here carry the collection's name ("news/suit.txt"), its index does not."""
    prefix = f"{name}/"
    return tuple(a[len(prefix):] for a in filters.articles if a.startswith(prefix))


def _for_collection(filters: SearchFilters | None, name: str) -> SearchFilters | None:
    """The filters as collection `name` reads them."""
    if filters is None or not filters.articles:
        return filters
    return replace(filters, articles=_in_collection(filters, name))
