""""What happened with X?": the story from several articles, in date order, each step a
quoted sentence with its outlet and date. Extractive on purpose: a small model summarising
four articles invents links between them; each quoted sentence is what an article says."""

from __future__ import annotations

from typing import Iterator, Sequence

from newsdesk.answer.citations import (CheckedSentence, SupportSpan, sentence_candidates,
                                      states_anything, support_scores)
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.strategies.base import Tools
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import SUMMARY
from newsdesk.question.timeframe import dated_quote
from newsdesk.search.passage import Passage

SEARCH_DEPTH = 16  # passages searched to find the story's articles
MAX_ARTICLES = 5
SAME_STORY = 0.12  # an article's best passage within this cosine of the best one


class StorySummary:
    name = "story summary"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        if question.kind != SUMMARY:
            return None
        found = tools.search(question.query, SEARCH_DEPTH, tools.filters)
        if not found:
            return None
        best = max(p.dense_score for p in found)
        per_article: dict[int, Passage] = {}
        for p in found:  # the best passage of each article on the story
            if p.dense_score >= best - SAME_STORY and p.article_row not in per_article:
                per_article[p.article_row] = p
        story = list(per_article.values())[:MAX_ARTICLES]
        if len(story) < 2:
            return None
        return sorted(story, key=lambda p: (p.published or "9999", p.article_row))

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        sentences = [CheckedSentence(text="What the articles report, in date order:",
                                     citations=[], supported=True)]
        yield Token(sentences[0].text + "\n", evidence=True)
        for n, passage in enumerate(passages, start=1):
            # A story is told by statements: not by a passage's questions or headings.
            candidates = [c for c in sentence_candidates(passages, [n]) if states_anything(c[3])]
            if not candidates:
                continue
            scores = support_scores(question.content or question.query, candidates,
                                    tools.similarity)
            i = max(range(len(candidates)), key=lambda j: scores[j])
            _, start, end, text = candidates[i]
            span = SupportSpan(n, start, end, text, round(scores[i], 3))
            line = dated_quote(passage, text)
            sentences.append(CheckedSentence(text=line, citations=[n], supported=True,
                                             support=[span], evidence=True))
            yield Token(f"- {line} [{n}]\n", evidence=True)
        yield Draft(sentences=sentences, extractive=True)
