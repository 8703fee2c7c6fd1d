""""Did the Ledger report X before the Monitor covered Y?", answered from the two reports'
publication dates, which the index keeps as data, not by the language model, which cannot
see dates it is not shown and cannot compare them reliably when it is. A MultiHop-RAG
question template (the `multihop` profile); other questions go to the next strategy."""

from __future__ import annotations

from typing import Iterator, Sequence

from newsdesk.answer.citations import CheckedSentence
from newsdesk.answer.evidence import evidence_sentence, find_evidence
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.strategies.base import Tools
from newsdesk.question.analysis import Question
from newsdesk.question.order import OrderQuestion, parse_order_question
from newsdesk.search.filters import SearchFilters
from newsdesk.search.passage import Passage


def order_verdict(relation: str, subject_date: str, reference_date: str) -> str | None:
    """'Yes' or 'No' from two ISO dates; None when a date is missing or both are the same day
    (the index keeps days, so the order within a day is unknown)."""
    if not subject_date or not reference_date or subject_date == reference_date:
        return None
    subject_first = subject_date < reference_date
    return "Yes" if subject_first == (relation == "before") else "No"


class ReportOrder:
    name = "report order"

    def _reports(self, question: Question, tools: Tools
                 ) -> tuple[OrderQuestion, Passage, Passage] | None:
        """The best passage of each report, searched for in its own outlet; None when the
        question is not a plain order question or either report is not clearly found."""
        order = parse_order_question(question.query, tools.outlets)
        if order is None:
            return None
        found = []
        for text, outlet in ((order.subject, order.subject_outlet),
                             (order.reference, order.reference_outlet)):
            filters = (tools.filters or SearchFilters()).in_outlet(outlet)
            hits = tools.search(text, 1, filters)
            if not hits or hits[0].dense_score < tools.config.min_relevance:
                return None
            found.append(hits[0])
        if found[0].article_row == found[1].article_row:
            return None
        return order, found[0], found[1]

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        reports = self._reports(question, tools)
        if reports is None:
            return None
        order, subject, reference = reports
        if order_verdict(order.relation, subject.published, reference.published) is None:
            return None
        ahead = {subject.chunk_id, reference.chunk_id}
        return [subject, reference, *(p for p in passages if p.chunk_id not in ahead)
                ][:max(2, len(passages))]

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        order = parse_order_question(question.query, tools.outlets)
        subject, reference = passages[0], passages[1]  # as `plan` put them
        verdict = order_verdict(order.relation, subject.published, reference.published)
        checked = [
            CheckedSentence(text=f"{verdict}.", citations=[1, 2], supported=True),
            CheckedSentence(text=(f"{subject.outlet or 'The first'} reported on {subject.published}; "
                                  f"{reference.outlet or 'the second'} on {reference.published}."),
                            citations=[1, 2], supported=True)]
        for span in find_evidence(f"{order.subject}, {order.reference}", [subject, reference],
                                  tools.similarity):
            checked.append(evidence_sentence(span, passages[span.n - 1]))
        yield Token(f"{verdict}. ")
        yield Draft(sentences=checked, verdict=verdict.lower(),
                    notices=["Answered from the publication dates of the two reports."])
