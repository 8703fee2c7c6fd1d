"""A retrieved passage: one chunk of an article, with the article's metadata."""

from __future__ import annotations

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

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def search_result(self) -> dict:
        """One result as `newsdesk search --json` and the HTTP API's /v1/search give it."""
        return {"path": self.path, "title": self.title, "outlet": self.outlet,
                "published": self.published, "text": self.text, "score": round(self.score, 6),
                "start": self.start, "end": self.end}

    def label(self, with_title: bool = False) -> str:
        """'Outlet, 2024-06-21' (and the title first when asked): how a passage is named
        next to a quote, in a prompt and on a card."""
        parts = (self.title, self.outlet, self.published) if with_title else (
            self.outlet, self.published)
        return ", ".join(x for x in parts if x)
