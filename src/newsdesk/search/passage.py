"""A retrieved passage: one chunk of an article, with the article's metadata."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass
class Passage:
    """A retrieved chunk. `start`/`end` index the article text; `outlet` is the publication
    that ran the article (the file's `Source:` header)."""

    chunk_id: int
    article_row: int
    text: str
    start: int
    end: int
    score: float
    title: str
    outlet: str
    published: str
    url: str
    path: str
    paths: list[str] = field(default_factory=list)
    dense_score: float = 0.0  # cosine similarity of query and chunk
    # Other outlets that ran the same story (near-duplicate articles): title, outlet,
    # published, url, path of each.
    also_in: list[dict] = field(default_factory=list)
    page: int = 0  # the PDF page the passage starts on (0: not a paged document)

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def search_result(self) -> dict:
        """One result as `newsdesk search --json` and the HTTP API's /v1/search give it."""
        return {"path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "text": self.text, "score": round(self.score, 6),
                "start": self.start, "end": self.end, "page": self.page or None,
                "also_in": [dict(copy) for copy in self.also_in]}

    def label(self, with_title: bool = False) -> str:
        """'Outlet, 2024-06-21' (and the title first when asked): how a passage is named
        next to a quote, in a prompt and on a card."""
        parts = (self.title, self.outlet, self.published) if with_title else (
            self.outlet, self.published)
        return ", ".join(x for x in parts if x)


def page_at(page_starts: list[int] | None, offset: int) -> int:
    """The 1-based page holding character `offset`, given where each page starts; 0 when the
    article has no pages."""
    if not page_starts:
        return 0
    return bisect.bisect_right(page_starts, offset)
