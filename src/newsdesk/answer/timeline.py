"""A story's timeline: its articles in publication order, each with the one sentence that
best says what it added (relevant to the topic, and least like the sentences already on the
timeline), its outlet and date. Built from retrieval and the stored dates; no model is
needed for the order, so the order is always the publication order.

The story's articles are those retrieved close to the topic (within a cosine margin of the
best) plus those whose passages hold every content word of the topic (a named story:
"Menendez bribery", "UAW strike")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from newsdesk.answer.citations import (SimilarityFn, SupportSpan, sentence_candidates,
                                      support_scores, tells_the_story)
from newsdesk.search.filters import SearchFilters
from newsdesk.search.passage import Passage
from newsdesk.text import content_words

SEARCH_DEPTH = 60  # passages searched for the story's articles
SAME_STORY = 0.15  # cosine margin below the best passage
NOVELTY = 0.5  # weight of the likeness to earlier entries, subtracted from relevance
MAX_ENTRIES = 20


@dataclass
class TimelineEntry:
    passage: Passage  # the article's best passage (the one the sentence is in)
    sentence: SupportSpan

    @property
    def published(self) -> str:
        return self.passage.published

    def to_dict(self, n: int) -> dict:
        p = self.passage
        return {"n": n, "published": p.published, "outlet": p.outlet, "title": p.title,
                "path": p.path, "url": p.url, "sentence": " ".join(self.sentence.text.split()),
                "start": self.sentence.start, "end": self.sentence.end}


def story_articles(topic: str, found: Sequence[Passage], floor: float,
                   margin: float = SAME_STORY, by_names: bool = False
                   ) -> dict[int, list[Passage]]:
    """The passages found of each article on the story, by article. `by_names`: an article
    naming all of the topic's names (two or more) is on it too, however briefly it tells it
    (a timeline lists it; the newest report on a topic must be about it)."""
    if not found:
        return {}
    best = max(p.dense_score for p in found)
    words = set(content_words(topic))
    names = _names(topic)
    by_article: dict[int, list[Passage]] = {}
    for p in found:
        close = p.dense_score >= max(floor, best - margin)
        said = set(content_words(f"{p.title} {p.text}"))
        named = bool(words) and (words <= said or (by_names and len(names) >= 2
                                                   and names <= said))
        if close or named:
            by_article.setdefault(p.article_row, []).append(p)
    return by_article


TOPIC_DEPTH = 24  # passages searched for the articles on a time question's topic
SAME_TOPIC = 0.12  # an article counts as on the topic within this cosine of the best passage


def _names(topic: str) -> set[str]:
    """The topic's capitalised words ("Sam Altman fired by OpenAI board" -> sam, altman,
    openai): an article naming them all is on the story even when it tells it in passing."""
    return set(content_words(" ".join(w for w in topic.split() if w[:1].isupper())))


def articles_on_topic(topic: str, search: Callable[[str, int, SearchFilters | None], list[Passage]],
                      filters: SearchFilters | None, floor: float) -> list[Passage]:
    """The best passage of each article on the topic (close to it, or naming all its words),
    in retrieval order."""
    found = search(topic, TOPIC_DEPTH, filters)
    return [passages[0] for passages in story_articles(topic, found, floor, SAME_TOPIC).values()]


def in_date_order(by_article: dict[int, list[Passage]]) -> list[list[Passage]]:
    """Articles oldest first (undated last; same day: in the order the index has them)."""
    return [by_article[row] for row in sorted(
        by_article, key=lambda row: (by_article[row][0].published or "9999", row))]


def build_timeline(topic: str, search: Callable[[str, int, SearchFilters | None], list[Passage]],
                   similarity: SimilarityFn | None, filters: SearchFilters | None = None,
                   floor: float = 0.0, depth: int = SEARCH_DEPTH,
                   limit: int = MAX_ENTRIES) -> list[TimelineEntry]:
    found = search(topic, depth, filters)
    articles = in_date_order(story_articles(topic, found, floor, by_names=True))
    if len(articles) > limit:  # keep the most relevant, still in date order
        keep = sorted(articles, key=lambda ps: -max(p.dense_score for p in ps))[:limit]
        articles = [ps for ps in articles if ps in keep]
    entries: list[TimelineEntry] = []
    for passages in articles:
        span = _what_it_added(topic, passages, [e.sentence.text for e in entries], similarity)
        if span is not None:
            entries.append(TimelineEntry(passages[span.n - 1], span))
    return entries


def what_each_added(topic: str, passages: Sequence[Passage], similarity: SimilarityFn | None
                    ) -> list[SupportSpan | None]:
    """For passages already on a timeline (one per article, in order), the sentence of each
    that the timeline quotes: the same as `build_timeline` chose (its choice lies in that
    passage, and the earlier entries are the same)."""
    spans: list[SupportSpan | None] = []
    for n, passage in enumerate(passages, start=1):
        span = _what_it_added(topic, [passage], [s.text for s in spans if s], similarity)
        spans.append(SupportSpan(n, span.start, span.end, span.text, span.score) if span else None)
    return spans


def _what_it_added(topic: str, passages: list[Passage], earlier: list[str],
                   similarity: SimilarityFn | None) -> SupportSpan | None:
    """The sentence most about the topic and least like what the timeline already says; a
    statement (`tells_the_story`) where the passage has one."""
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    candidates = [c for c in candidates
                  if tells_the_story(c[3], passages[c[0] - 1].outlet)] or candidates
    if not candidates:
        return None
    relevance = support_scores(topic, candidates, similarity)
    texts = [c[3] for c in candidates]
    repeat = [0.0] * len(candidates)
    if similarity is not None:
        for sentence in earlier[-3:]:  # the last few entries are what a reader just read
            for i, s in enumerate(similarity(sentence, texts)):
                repeat[i] = max(repeat[i], float(s))
    i = max(range(len(candidates)), key=lambda j: relevance[j] - NOVELTY * repeat[j])
    n, start, end, text = candidates[i]
    return SupportSpan(n, start, end, text, round(relevance[i], 3))


def timeline_text(entries: Sequence[TimelineEntry]) -> str:
    """One line per entry: date (outlet): “sentence” [n]."""
    lines = []
    for n, e in enumerate(entries, start=1):
        label = " ".join(x for x in (e.published[:10] or "undated",
                                     f"({e.passage.outlet})" if e.passage.outlet else "") if x)
        lines.append(f"{label}: “{' '.join(e.sentence.text.split())}” [{n}]")
    return "\n".join(lines)
