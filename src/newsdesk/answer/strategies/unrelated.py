"""No passage is close to the question: say so, and show the closest ones as related."""

from __future__ import annotations

from typing import Iterator, Sequence

from newsdesk.answer.result import Draft, Token
from newsdesk.answer.strategies.base import Tools
from newsdesk.question.analysis import Question
from newsdesk.search.passage import Passage


class Unrelated:
    name = "unrelated"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        if passages and max(p.dense_score for p in passages) >= tools.config.min_relevance:
            return None
        return passages

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        yield Draft(abstained=True, notices=["No passage in the index is close to the question; "
                                             "the closest ones are shown as related."])
