"""What an answer is made of, and the events the assistant streams:

    Retrieved(query, sources)  as soon as retrieval is done, before any token
    Token(text)                each piece of the answer as it is written
    Answered(result)           the verified answer, its sources and timings
"""

from __future__ import annotations

from dataclasses import dataclass, field

from newsdesk.answer.citations import CheckedSentence, SupportSpan
from newsdesk.search.passage import Passage


@dataclass
class Source:
    """A citation card: passage n as shown beside the answer."""

    n: int
    passage: Passage
    cited: bool = False
    highlights: list[SupportSpan] = field(default_factory=list)

    def to_dict(self) -> dict:
        p = self.passage
        return {"n": self.n, "cited": self.cited, "title": p.title, "outlet": p.outlet,
                "published": p.published, "url": p.url, "path": p.path, "text": p.text,
                "start": p.start, "end": p.end, "page": p.page or None,
                "score": round(p.score, 6),
                "highlights": [{"start": h.start, "end": h.end, "text": h.text}
                               for h in self.highlights],
                "also_in": [dict(copy) for copy in p.also_in]}


@dataclass
class Draft:
    """What an answering strategy hands back: checked sentences (answer first, quoted
    evidence after), or an abstention."""

    sentences: list[CheckedSentence] = field(default_factory=list)
    abstained: bool = False
    extractive: bool = False  # the answer is a passage sentence, not the model's text
    notices: list[str] = field(default_factory=list)
    dropped_citations: list[int] = field(default_factory=list)
    yes_no_margin: float | None = None  # logit("Yes") - logit("No"), when the model judged
    verdict: str | None = None  # "yes", "no", "unsure", "not stated" for yes/no questions
    text: str = ""  # set only when the answer is kept unverified (a stopped stream)


@dataclass
class AnswerResult:
    question: str
    query: str
    kind: str = ""
    strategy: str = ""
    answer: str = ""
    abstained: bool = False
    extractive: bool = False
    verdict: str | None = None
    sources: list[Source] = field(default_factory=list)
    sentences: list[CheckedSentence] = field(default_factory=list)
    dropped_citations: list[int] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    yes_no_margin: float | None = None

    def verified(self, n: int) -> bool:
        """Source n is cited, and every answer sentence citing it is supported by it."""
        citing = [s for s in self.sentences if n in s.citations]
        return bool(citing) and all(s.supported for s in citing)

    def to_dict(self) -> dict:
        return {"question": self.question, "query": self.query, "kind": self.kind,
                "strategy": self.strategy, "answer": self.answer, "abstained": self.abstained,
                "extractive": self.extractive, "verdict": self.verdict,
                "sources": [dict(s.to_dict(), verified=self.verified(s.n))
                            for s in self.sources],
                "sentences": [s.to_dict() for s in self.sentences],
                "dropped_citations": self.dropped_citations, "notices": self.notices,
                "yes_no_margin": self.yes_no_margin,
                "timings": {k: round(v, 4) for k, v in self.timings.items()}}


@dataclass
class Retrieved:
    query: str
    sources: list[Source]


@dataclass
class Token:
    text: str
    evidence: bool = False  # quoted passage text or a verdict from it, not the model's words


@dataclass
class Answered:
    result: AnswerResult
