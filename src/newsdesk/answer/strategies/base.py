"""What every answering strategy is given, and what it must do.

A strategy takes an analysed question and the retrieved passages. `plan` says whether it
answers this question (returning the passages to cite, possibly re-ordered or extended) or
not (None: the next strategy is asked). `run` yields `Token`s as text becomes known and
ends with one `Draft`: the checked sentences, or an abstention.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Iterator, Protocol, Sequence

from newsdesk.answer.citations import SimilarityFn
from newsdesk.answer.result import Draft, Token
from newsdesk.models.generator import Generator
from newsdesk.question.analysis import Question
from newsdesk.question.outlets import OutletMatcher
from newsdesk.search.filters import SearchFilters
from newsdesk.search.passage import Passage
from newsdesk.settings import AnswerConfig

SearchFn = Callable[[str, int, "SearchFilters | None"], list[Passage]]


@dataclass
class Tools:
    """The services a strategy may use, for one answer."""

    config: AnswerConfig
    similarity: SimilarityFn
    generator: Generator | None
    search: SearchFn
    outlets: OutletMatcher
    yes_no_margin: float = 0.0  # the model's yes/no lean cut (see AnswerConfig)
    filters: SearchFilters | None = None
    cancel: threading.Event | None = None

    @property
    def cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()


class Strategy(Protocol):
    name: str

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None: ...

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]: ...
