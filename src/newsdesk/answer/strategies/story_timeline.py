""""Timeline of X", "How did X unfold?": answered with the story's timeline
(answer/timeline.py), one cited line per article in publication order."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from newsdesk.answer.result import Draft, Token
from newsdesk.answer.citations import CheckedSentence
from newsdesk.answer.strategies.base import Tools
from newsdesk.answer.timeline import build_timeline, what_each_added
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import CHOICE, YES_NO
from newsdesk.question.timeframe import dated_quote, without_time_words
from newsdesk.search.passage import Passage

_ASKS = re.compile(r"\b(timeline|chronolog\w*|in (?:date|chronological) order|how did .+ "
                   r"(?:unfold|develop|evolve|play out)|how (?:has|have) .+ (?:unfolded|developed|"
                   r"evolved)|sequence of events)\b", re.IGNORECASE)
_SCAFFOLD = re.compile(r"\b(give me|show me|can you|please|what is|what's|what was|the|a|an|"
                       r"timeline|chronolog\w*|in (?:date|chronological) order|of events|"
                       r"sequence|of|for|on|about|how|did|has|have|unfold(?:ed)?|develop(?:ed)?|"
                       r"evolve[d]?|play(?:ed)? out|over time)\b", re.IGNORECASE)
MIN_ENTRIES = 2


def timeline_topic(question: str) -> str:
    """'How did the UAW strike unfold?' -> 'UAW strike'."""
    topic = re.sub(r"\s+", " ", _SCAFFOLD.sub(" ", question)).strip(" ?.,:")
    return topic or question


def _topic(question: Question) -> str:
    text = without_time_words(question.query, question.time) if question.time else question.query
    return timeline_topic(text)


class StoryTimeline:
    name = "timeline"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        if not _ASKS.search(question.text) or question.kind in (YES_NO, CHOICE):
            return None
        entries = build_timeline(_topic(question), tools.search, tools.similarity,
                                 tools.filters, tools.config.min_relevance)
        if len(entries) < MIN_ENTRIES:
            return None
        return [e.passage for e in entries]

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        spans = what_each_added(_topic(question), passages, tools.similarity)
        sentences = [CheckedSentence(text="The story in date order:", citations=[],
                                     supported=True)]
        yield Token(sentences[0].text + "\n", evidence=True)
        for n, (passage, span) in enumerate(zip(passages, spans), start=1):
            if span is None:
                continue
            line = dated_quote(passage, span.text)
            sentences.append(CheckedSentence(text=line, citations=[n], supported=True,
                                             support=[span], evidence=True))
            yield Token(f"- {line} [{n}]\n", evidence=True)
        yield Draft(sentences=sentences, extractive=True)
