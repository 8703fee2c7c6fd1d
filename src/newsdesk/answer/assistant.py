"""The one entry point for the UI, the CLI and the API: question (+ history) -> events.

    analyse the question once -> retrieve -> choose a strategy -> let it answer -> cite

Each answering strategy is its own module in `strategies/`; the first one whose `plan`
accepts the question answers it. Events: see `result.py`.
"""

from __future__ import annotations

import copy
import threading
import time
from dataclasses import replace
from typing import Iterator, Sequence

from newsdesk.answer import time_scope
from newsdesk.answer.citations import render_answer
from newsdesk.answer.prompt import ABSTAIN_TEXT
from newsdesk.answer.result import (Answered, AnswerResult, Draft, Retrieved, Source, Token)
from newsdesk.answer.strategies import default_strategies
from newsdesk.answer.strategies.base import Strategy, Tools
from newsdesk.answer.timeline import TimelineEntry, articles_on_topic, build_timeline
from newsdesk.answer.vectors import SentenceVectors
from newsdesk.models.generator import Generator
from newsdesk.question.analysis import Question, analyse
from newsdesk.question.timeframe import time_topic, without_time_words
from newsdesk.search.filters import SearchFilters
from newsdesk.search.passage import Passage
from newsdesk.search.retriever import Retriever
from newsdesk.settings import AnswerConfig

# The bundled model's yes/no lean cut, calibrated on MultiHop-RAG dev (docs/answers.md);
# any other model gets its plain preference (0) unless told otherwise.
BUNDLED_YES_NO_MARGIN = -0.8

__all__ = ["Assistant", "Answered", "AnswerResult", "Retrieved", "Source", "Token"]


class Assistant:
    def __init__(self, retriever: Retriever, generator: Generator | None,
                 config: AnswerConfig = AnswerConfig(),
                 strategies: Sequence[Strategy] | None = None, bundled_model: bool = True):
        self.retriever = retriever
        self.generator = generator
        self.config = config
        self.strategies = list(strategies) if strategies is not None else default_strategies(config)
        self.vectors = SentenceVectors(lambda texts: self.retriever.embedder.encode(texts))
        margin = config.yes_no_margin
        self.yes_no_margin = margin if margin is not None else (
            BUNDLED_YES_NO_MARGIN if bundled_model else 0.0)

    def answer(self, question: str, history: Sequence[dict] = (),
               filters: SearchFilters | None = None, top_k: int | None = None,
               cancel: threading.Event | None = None, as_of: str = ""
               ) -> Iterator[Retrieved | Token | Answered]:
        if as_of and as_of != self.config.as_of:  # a date pinned for this answer only
            yield from self.pinned(as_of).answer(question, history, filters, top_k, cancel)
            return
        started = time.perf_counter()
        asked = self.analyse(question, history)
        k = top_k or self.config.top_k
        scoped = self.dated(filters, asked)
        passages = self.gather(asked, k, scoped)
        frame = self._frame(asked)
        time_notices = self.time_notices(asked)
        if (frame is not None and frame.limited and not frame.firm
                and not self.related(passages) and not self.on_topic(asked, scoped)):
            # A date named in passing may date an event rather than the reports ("is set to
            # launch on 16 November"): when nothing published then is close to the question,
            # the date is not used, and the answer says so. Period words ("since", "as of",
            # "between") are always kept.
            wider = self.gather(asked, k, self.dated(filters))
            if self.related(wider):
                passages, asked, scoped = wider, replace(asked, time=None), self.dated(filters)
                time_notices = [f"No article {frame.describe()} is close to the question; "
                                "articles from any date were used.", *self.time_notices(asked)]
        tools = self.tools(scoped, cancel)
        strategy, passages = self.choose(asked, passages, tools)
        result = AnswerResult(question=asked.text, query=asked.query, kind=asked.kind,
                              strategy=strategy.name,
                              notices=list(asked.notices) + time_notices,
                              sources=[Source(n, p) for n, p in enumerate(passages, start=1)])
        result.timings["retrieval"] = time.perf_counter() - started
        yield Retrieved(query=asked.query, sources=result.sources)
        draft = Draft(abstained=True)
        for event in strategy.run(asked, passages, tools):
            if isinstance(event, Draft):
                draft = event
                continue
            result.timings.setdefault("first_text", time.perf_counter() - started)
            if not event.evidence:
                result.timings.setdefault("first_token", time.perf_counter() - started)
                result.timings["last_token"] = time.perf_counter() - started
            yield event
        result.timings["total"] = time.perf_counter() - started
        yield Answered(complete(result, draft))

    def related(self, passages: Sequence[Passage]) -> bool:
        """Some passage is close enough to the question to answer from (the same bar as the
        "unrelated" strategy's)."""
        return any(p.dense_score >= self.config.min_relevance for p in passages)

    def on_topic(self, question: Question, scoped: SearchFilters | None) -> bool:
        """Some article within `scoped` (the question's period) is on its topic: the question
        without its time words, close to it or naming all its words (answer/timeline.py)."""
        return bool(articles_on_topic(time_topic(question.query, question.time), self.search,
                                      scoped, self.config.min_relevance))

    def analyse(self, question: str, history: Sequence[dict] = ()) -> Question:
        return analyse(question, history, self.retriever.outlets, self.retriever.newest,
                       reference=self.config.as_of)

    def pinned(self, as_of: str) -> "Assistant":
        """This assistant with another reference date (same index, models and strategies)."""
        clone = copy.copy(self)
        clone.config = replace(self.config, as_of=as_of)
        return clone

    def timeline(self, topic: str, filters: SearchFilters | None = None) -> list[TimelineEntry]:
        """The story's articles in date order, each with what it added (answer/timeline.py);
        time words in the topic ("since October") limit it like a question's."""
        asked = self.analyse(topic)
        return build_timeline(without_time_words(asked.query, asked.time), self.search,
                              self.vectors.similarity, self.dated(filters, asked),
                              self.config.min_relevance)

    def time_notices(self, question: Question) -> list[str]:
        return time_scope.notices(self.config.as_of, self._frame(question))

    def dated(self, filters: SearchFilters | None, question: Question | None = None
              ) -> SearchFilters | None:
        """The filters narrowed to the pinned date and the question's period."""
        return time_scope.narrowed(filters, self.config.as_of, self._frame(question))

    def _frame(self, question: Question | None):
        return question.time if question is not None and self.config.time_frames else None

    def tools(self, filters: SearchFilters | None = None,
              cancel: threading.Event | None = None) -> Tools:
        return Tools(config=self.config, similarity=self.vectors.similarity,
                     generator=self.generator, search=self.search,
                     outlets=self.retriever.outlets, yes_no_margin=self.yes_no_margin,
                     filters=filters, cancel=cancel)

    def search(self, query: str, top_k: int | None = None,
               filters: SearchFilters | None = None) -> list[Passage]:
        return self.retriever.search(query, top_k or self.config.top_k, self.dated(filters))

    def gather(self, question: Question, k: int, filters: SearchFilters | None = None
               ) -> list[Passage]:
        """Passages for the answer. A question that compares outlets ("Does the Fortune
        article ... while TechCrunch ...") gets the best passages of each named outlet, so
        that both sides are seen; the rest is filled from the overall ranking."""
        outlets = list(question.outlets)
        if (not self.config.outlet_balanced or len(outlets) < 2
                or (filters is not None and filters.outlets)):
            return self.search(question.query, k, filters)
        per_outlet = max(1, k // len(outlets))
        chosen: dict[int, Passage] = {}
        for outlet in outlets[:k]:
            for p in self.search(question.query, per_outlet,
                                 (filters or SearchFilters()).in_outlet(outlet)):
                chosen.setdefault(p.chunk_id, p)
        for p in self.search(question.query, k, filters):
            if len(chosen) >= k:
                break
            chosen.setdefault(p.chunk_id, p)
        return sorted(chosen.values(), key=lambda p: -p.score)[:k]

    def choose(self, question: Question, passages: list[Passage], tools: Tools
               ) -> tuple[Strategy, list[Passage]]:
        for strategy in self.strategies:
            planned = strategy.plan(question, passages, tools)
            if planned is not None:
                return strategy, planned
        raise RuntimeError("no strategy accepted the question; the last must accept all")


def complete(result: AnswerResult, draft: Draft) -> AnswerResult:
    """The result of an answer from its draft: rendered text, cited and highlighted cards."""
    result.sentences = draft.sentences
    result.abstained, result.extractive = draft.abstained, draft.extractive
    result.verdict, result.yes_no_margin = draft.verdict, draft.yes_no_margin
    result.dropped_citations = draft.dropped_citations
    result.notices.extend(draft.notices)
    if draft.abstained and not draft.sentences:
        result.answer = ABSTAIN_TEXT
    elif draft.text:
        result.answer = draft.text
    else:
        result.answer = render_answer(draft.sentences)
    for sentence in result.sentences:
        for n in sentence.citations:
            source = result.sources[n - 1]
            source.cited = True
            for span in sentence.support:
                if span.n == n and all(h.start != span.start for h in source.highlights):
                    source.highlights.append(span)
    return result
