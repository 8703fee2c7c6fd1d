"""A saved answer (the JSON of `AnswerResult.to_dict()`) back into an AnswerResult, so the
chat redraws it with the same code that drew it the first time."""

from __future__ import annotations

from newsdesk.answer.citations import CheckedSentence, SupportSpan
from newsdesk.answer.result import AnswerResult, Source
from newsdesk.search.passage import Passage


def _span(data: dict, n: int = 0) -> SupportSpan:
    return SupportSpan(n=int(data.get("n", n)), start=int(data["start"]), end=int(data["end"]),
                       text=str(data.get("text", "")), score=float(data.get("score", 0.0)))


def source_from_dict(data: dict) -> Source:
    passage = Passage(chunk_id=-1, article_row=-1, text=str(data.get("text", "")),
                      start=int(data.get("start", 0)), end=int(data.get("end", 0)),
                      score=float(data.get("score", 0.0)), title=str(data.get("title", "")),
                      outlet=str(data.get("outlet", "")), published=str(data.get("published", "")),
                      url=str(data.get("url", "") or ""), path=str(data.get("path", "")))
    n = int(data.get("n", 0))
    return Source(n=n, passage=passage, cited=bool(data.get("cited")),
                  highlights=[_span(h, n) for h in data.get("highlights", [])])


def sentence_from_dict(data: dict) -> CheckedSentence:
    return CheckedSentence(text=str(data.get("text", "")),
                           citations=[int(c) for c in data.get("citations", [])],
                           supported=bool(data.get("supported")),
                           support=[_span(s) for s in data.get("support", [])],
                           added_citation=bool(data.get("added_citation")),
                           evidence=bool(data.get("evidence")))


def result_from_dict(data: dict) -> AnswerResult:
    return AnswerResult(
        question=str(data.get("question", "")), query=str(data.get("query", "")),
        kind=str(data.get("kind", "")), strategy=str(data.get("strategy", "")),
        answer=str(data.get("answer", "")), abstained=bool(data.get("abstained")),
        extractive=bool(data.get("extractive")), verdict=data.get("verdict"),
        sources=[source_from_dict(s) for s in data.get("sources", [])],
        sentences=[sentence_from_dict(s) for s in data.get("sentences", [])],
        dropped_citations=list(data.get("dropped_citations", [])),
        notices=[str(n) for n in data.get("notices", [])],
        timings=dict(data.get("timings", {})), yes_no_margin=data.get("yes_no_margin"))
