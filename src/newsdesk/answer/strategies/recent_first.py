"""Questions about a time: "What is the latest on X?", "As of 1 December, what ...?", "What
did X say in November?". The assistant has already narrowed the search to the period the
question names (and to the pinned --as-of date); this strategy picks the relevant articles
in it and, for "latest" and "as of", lets the newest relevant one answer: passages are
re-ranked by date only among those on the topic (close to it, or naming all its words), so
an unrelated newer article never wins. It is asked before the "unrelated" check, which
judges the whole question (time words and all) and would turn away a short topic. The answer quotes the sentence that states it, named by its date and outlet
("As of 5 December 2023 (TechCrunch): “...”"), with the report before it, and says so when
the figure asked about changed between them."""

from __future__ import annotations

from typing import Iterator, Sequence

from newsdesk.answer.answer_types import gives
from newsdesk.answer.citations import CheckedSentence, SupportSpan, sentence_candidates, support_scores
from newsdesk.answer.figures import (answer_with, asked_unit, change_sentence, changed_figure,
                                     figure_passages)
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.timeline import articles_on_topic
from newsdesk.answer.strategies.base import Tools
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import CHOICE, SUMMARY, YES_NO
from newsdesk.question.timeframe import readable, time_topic
from newsdesk.question.values import FIGURES
from newsdesk.search.passage import Passage

MAX_REPORTS = 2  # the newest report, and the one before it


def newest_first(passages: Sequence[Passage]) -> list[Passage]:
    """Relevant passages by publication date, newest first (undated last)."""
    return sorted(passages, key=lambda p: (p.published or "", -p.article_row), reverse=True)


def best_sentence(wanted: str, passages: Sequence[Passage], n: int, tools: Tools,
                  question: Question | None = None) -> SupportSpan | None:
    """The sentence of passage `n` most about `wanted`; for a question asking how many or how
    much, the best of those that give an amount or a count, when the passage has one."""
    candidates = sentence_candidates(passages, [n])
    if not candidates:
        return None
    scores = support_scores(wanted, candidates, tools.similarity)
    pool = range(len(candidates))
    if question is not None and question.asks in FIGURES:
        pool = [j for j in pool if gives(candidates[j][3], question.asks, question.text)] or pool
    i = max(pool, key=lambda j: scores[j])
    n, start, end, text = candidates[i]
    return SupportSpan(n, start, end, text, round(scores[i], 3))


class RecentFirst:
    name = "recent first"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        frame = question.time
        if (not tools.config.time_frames or frame is None or not frame.active
                or question.kind in (YES_NO, CHOICE) or question.compound
                or (question.kind == SUMMARY and not frame.latest)):
            # A question that chains claims or compares outlets asks about them, not for the
            # newest report: "... about the band's latest tour and a review in ..."
            return None
        topic = time_topic(question.query, frame)
        relevant = articles_on_topic(topic, tools.search, tools.filters,
                                     tools.config.min_relevance)
        if not relevant:
            return None
        ordered = newest_first(relevant) if frame.latest else relevant
        shown = ordered[:max(tools.config.top_k, MAX_REPORTS)]
        if question.asks not in FIGURES:
            return shown
        return shown + figure_passages(topic, topic, tools.search, tools.filters, shown,
                                       tools.similarity, tools.config.fact_threshold,
                                       unit=asked_unit(question.asks, question.text))

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        frame = question.time
        wanted = time_topic(question.query, frame)
        change = changed_figure(wanted, passages, tools.similarity, tools.config.fact_threshold,
                                unit=asked_unit(question.asks, question.text))
        if change is not None and question.asks in FIGURES:
            # The change is the answer to "how many"; its first and last reports are the
            # evidence (rather than the period's most relevant sentences).
            yield from answer_with(change, passages)
            return
        sentences: list[CheckedSentence] = []
        for n in range(1, min(MAX_REPORTS, len(passages)) + 1):
            span = best_sentence(wanted, passages, n, tools, question)
            if span is None:
                continue
            line = _dated_quote(passages[n - 1], span, lead=not sentences, latest=frame.latest)
            sentences.append(line)
            yield Token(f"{line.text} [{n}]\n", evidence=True)
        if change is not None:
            sentences.append(change_sentence(change))
            yield Token(f"{sentences[-1].text}\n", evidence=True)
        if not sentences:
            yield Draft(abstained=True, notices=["No sentence in the passages states it."])
            return
        yield Draft(sentences=sentences, extractive=True)


def _dated_quote(passage: Passage, span: SupportSpan, lead: bool, latest: bool
                 ) -> CheckedSentence:
    when = readable(passage.published) if passage.published else "On an unknown date"
    source = f" ({passage.outlet})" if passage.outlet else ""
    if lead:
        opening = f"As of {when}{source}" if latest else f"On {when}{source}"
    else:  # newest first only for "latest"; a period's reports come by relevance
        opening = f"Before that, on {when}{source}" if latest else f"Also on {when}{source}"
    text = f"{opening}: “{' '.join(span.text.split())}”"
    # The lead is the answer (prose); the report before it is shown as quoted evidence.
    return CheckedSentence(text=text, citations=[span.n], supported=True, support=[span],
                           evidence=not lead)
