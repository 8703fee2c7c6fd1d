""""What happened with X?": the story from several articles, in date order, each step a
quoted sentence with its outlet and date. Extractive on purpose: a small model summarising
four articles invents links between them; each quoted sentence is what an article says."""

from __future__ import annotations

from typing import Iterator, Sequence

from newsdesk.answer.citations import (CheckedSentence, SupportSpan, sentence_candidates,
                                      support_scores, tells_the_story)
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.strategies.base import Tools
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import SUMMARY
from newsdesk.question.timeframe import dated_quote
from newsdesk.search.passage import Passage
from newsdesk.text import CALENDAR, NUMBER, STOP, WORD, normalize

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
        per_article: dict[int, list[Passage]] = {}
        for p in found:  # the best passages of each article on the story
            if p.dense_score >= best - SAME_STORY:
                per_article.setdefault(p.article_row, []).append(p)
        story = list(per_article.values())[:MAX_ARTICLES]
        if len(story) < 2:
            return None
        # Of a story told by few articles, two passages of each are read.
        kept = [p for ps in story for p in ps[:1 if len(story) >= MIN_LINES else 2]]
        return sorted(kept, key=lambda p: (p.published or "9999", p.article_row, p.start))

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        sentences = [CheckedSentence(text="What the articles report, in date order:",
                                     citations=[], supported=True)]
        yield Token(sentences[0].text + "\n", evidence=True)
        per_article = 1 if len({p.article_row for p in passages}) >= MIN_LINES else 2
        chosen = _story_sentences(question, passages, per_article, tools)
        for n, passage in enumerate(passages, start=1):
            for span in chosen.get(n, []):
                line = dated_quote(passage, span.text)
                sentences.append(CheckedSentence(text=line, citations=[n], supported=True,
                                                 support=[span], evidence=True))
                yield Token(f"- {line} [{n}]\n", evidence=True)
        yield Draft(sentences=sentences, extractive=True)


MIN_LINES = 4  # a story told by fewer articles gets two sentences from each
NOVELTY = 0.5  # weight of a sentence's likeness to those already quoted
SHARED = 0.5  # weight of how closely the other articles say the same (what the story is)
SAME_NEWS = 0.85  # a sentence this like one already quoted says the same news again
SECOND_FLOOR = 0.8  # a second sentence from an article must score this share of its first
SPECIFIC = 0.15  # weight of the names and figures a sentence adds to the question's
ENOUGH_SPECIFICS = 4  # that many count in full


def _story_sentences(question: Question, passages: Sequence[Passage], per_article: int,
                     tools: Tools) -> dict[int, list[SupportSpan]]:
    """Up to `per_article` sentences of each article, by passage, in the order they stand.
    Taken article by article in date order, best first (`_story_scores`); a sentence this
    like one already quoted (SAME_NEWS) is skipped, one somewhat like it scores less (two
    articles often open with the same news), and a second sentence from an article must be
    nearly as good as its first."""
    # A story is told by statements: not by a passage's questions, headings, link lines or
    # news of the coverage.
    candidates = [c for c in sentence_candidates(passages, range(1, len(passages) + 1))
                  if tells_the_story(c[3], passages[c[0] - 1].outlet)]
    if not candidates:
        return {}
    texts = [c[3] for c in candidates]
    likeness = ([[float(x) for x in tools.similarity(text, texts)] for text in texts]
                if tools.similarity is not None else [[0.0] * len(texts) for _ in texts])
    article = [passages[c[0] - 1].article_row for c in candidates]
    scores = _story_scores(question, candidates, article, likeness, tools)
    chosen: dict[int, list[int]] = {}  # by article
    told: list[int] = []
    for _ in range(per_article):
        for row in dict.fromkeys(article):
            repeat = {i: max((likeness[i][j] for j in told), default=0.0)
                      for i in range(len(candidates)) if article[i] == row and i not in told}
            fresh = [i for i in repeat if repeat[i] < SAME_NEWS]
            if not fresh:
                continue
            best = max(fresh, key=lambda i: scores[i] - NOVELTY * repeat[i])
            first = chosen.get(row)
            if first and scores[best] < SECOND_FLOOR * scores[first[0]]:
                continue
            chosen.setdefault(row, []).append(best)
            told.append(best)
    by_passage: dict[int, list[SupportSpan]] = {}
    for i in sorted(told):
        n, start, end, text = candidates[i]
        by_passage.setdefault(n, []).append(SupportSpan(n, start, end, text, round(scores[i], 3)))
    return by_passage


def _story_scores(question: Question, candidates: list[tuple[int, int, int, str]],
                  article: list[int], likeness: list[list[float]], tools: Tools) -> list[float]:
    """How much each sentence is about the question, plus SHARED times the mean cosine of
    its three closest sentences in the story's other articles: what several outlets report
    is the news of the story, an aside only one adds is not. Plus SPECIFIC for the names
    and figures it gives (`_specifics`)."""
    scores = support_scores(question.content or question.query, candidates, tools.similarity)
    asked = {normalize(w) for w in WORD.findall(question.query)}
    for i in range(len(candidates)):
        specifics = len(_specifics(candidates[i][3], asked))
        scores[i] += SPECIFIC * min(1.0, specifics / ENOUGH_SPECIFICS)
        others = sorted((likeness[i][j] for j in range(len(candidates))
                         if article[j] != article[i]), reverse=True)[:3]
        scores[i] += SHARED * (sum(others) / len(others) if others else 0.0)
    return scores


def _specifics(sentence: str, asked: set[str]) -> set[str]:
    """The names (capitalised words past the first) and figures a sentence gives that the
    question does not: who, where and how much are what a reader of the story needs, and
    what a vague line ("the situation remains fluid") lacks."""
    words = WORD.findall(sentence)[1:]
    found = {normalize(w.strip(".'’-")) for w in words
             if (w[:1].isupper() and w.lower() not in STOP and w.lower() not in CALENDAR)
             or NUMBER.fullmatch(w.rstrip("."))}
    return found - asked - {""}

