"""Yes/no questions answered by what the passages state: "Yes" only when a sentence states
the claim, "No" only when a sentence states its opposite, each quoted; otherwise "the
articles don't say". A question of several claims gets the model's calibrated lean, shown as
uncertain ("Probably no, but no sentence ...") rather than forced, with the sentences that
state its claims."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

from newsdesk.answer.answer_types import looks_ahead
from newsdesk.answer.citations import (CheckedSentence, SupportSpan, claim_support, read_on,
                                      sentence_candidates, states_anything, support_scores)
from newsdesk.answer.evidence import evidence_sentence
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.stance import CONTRADICTS, STATES, Stance, is_year, numbers, stance
from newsdesk.answer.strategies.base import Tools
from newsdesk.answer.strategies.model_answer import model_verdict, prompt
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import YES_NO
from newsdesk.search.passage import Passage

CANDIDATES = 6  # best-supported sentences per claim whose stance is read


@dataclass
class Finding:
    claim: str
    stance: Stance
    span: SupportSpan | None = None


def judge_claim(claim: str, question: str, passages: Sequence[Passage], tools: Tools
                ) -> Finding:
    """The stance of the passages on one claim: that of the best-supported sentence that
    takes one (support: half word overlap, half cosine; see citations.support_scores)."""
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    if not candidates:
        return Finding(claim, Stance("not stated"))
    scores = support_scores(claim, candidates, tools.similarity, overlap=claim_support)
    context = " ".join(p.text for p in passages)
    order = sorted(range(len(candidates)), key=lambda i: -scores[i])[:CANDIDATES]
    # A sentence giving another figure often names the claim's subject only in the sentence
    # before ("Rainforest ... Accel headed the firm's $8.5 million seed round"): read on
    # from it, its support is the mean of both readings when that is higher. Only a figure:
    # a negation or an opposite word must be said of the claim's own words ("a refusal to
    # send weapons", read on from "Seoul weighs arms", says nothing of fighter jets).
    read = dict(zip(order, support_scores(claim, [read_on(candidates, i, passages)
                                                  for i in order], tools.similarity,
                                          overlap=claim_support)))
    for i in order:
        n, start, end, text = candidates[i]
        if not states_anything(text):
            continue
        passage = passages[n - 1]
        # The title sets the scene of every passage of its article ("Norway seeks to extend
        # ban on Meta's ..." over a passage that says only "an Oslo court").
        found = stance(claim, text, context, question, passage=f"{passage.title}. {passage.text}",
                       published=passage.published, title=passage.title)
        if found.relation == STATES and looks_ahead(text, question):
            continue  # "Seoul will send ..." does not say that Seoul sent it
        needed = (tools.config.verdict_threshold if found.relation == STATES
                  else tools.config.contradiction_threshold)
        # The claim's own figure, said exactly ("the company's $8.5 million seed round"),
        # is read on too: the sentence before names whose round it was.
        figured = found.by_figure or (found.relation == STATES and _gives_figures(claim, text))
        support = max(scores[i], (scores[i] + read[i]) / 2) if figured else scores[i]
        if found.relation != "not stated" and support >= needed:
            return Finding(claim, found, SupportSpan(n, start, end, text, round(support, 3)))
    return Finding(claim, Stance("not stated"))


def _gives_figures(claim: str, sentence: str) -> bool:
    """The claim gives figures other than years, and the sentence gives every one of them."""
    wanted = {n for n in numbers(claim) if not is_year(n)}
    return bool(wanted) and wanted <= numbers(sentence)


def _quoted(verdict: str, findings: list[Finding], passages: Sequence[Passage]
            ) -> list[CheckedSentence]:
    spans = [f.span for f in findings if f.span is not None]
    numbers = list(dict.fromkeys(s.n for s in spans))
    head = CheckedSentence(text=verdict, citations=numbers, supported=bool(numbers),
                           support=spans, added_citation=True)
    return [head, *(evidence_sentence(s, passages[s.n - 1]) for s in spans)]


class EvidenceVerdict:
    name = "evidence verdict"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        return passages if question.kind == YES_NO else None

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        if question.compound:
            # Several claims, benchmark style ("Does the Ledger say X, while the Monitor
            # reports Y?"): the stance rules, read claim by claim, scored below chance on
            # MultiHop-RAG's comparison questions (docs/answers.md), so such a question gets
            # the model's lean, marked uncertain, with the sentences stating its claims.
            findings = [judge_claim(c, question.text, passages, tools) for c in question.claims]
            stated = [f for f in findings if f.stance.relation == STATES]
            yield from self._undecided(question, stated, passages, tools)
            return
        findings = [judge_claim(question.statement, question.text, passages, tools)]
        against = [f for f in findings if f.stance.relation == CONTRADICTS]
        if against:
            sentences = _quoted("No.", against, passages)
            verdict = "no"
        elif all(f.stance.relation == STATES for f in findings):
            sentences = _quoted("Yes.", findings, passages)
            verdict = "yes"
        else:
            yield from self._undecided(question, findings, passages, tools)
            return
        yield Token(f"{sentences[0].text} ", evidence=True)
        yield Draft(sentences=sentences, verdict=verdict)

    def _undecided(self, question: Question, findings: list[Finding],
                   passages: Sequence[Passage], tools: Tools) -> Iterator[Token | Draft]:
        """No sentence decides. A multi-part question gets the model's lean, marked as
        such, with the sentences that state the claims found; a plain one gets "the
        articles don't say"."""
        stated = [f for f in findings if f.span is not None and f.stance.relation == STATES]
        lean, margin = "", None
        if question.compound and tools.generator is not None:
            lean, margin = model_verdict(question, prompt(question, passages, tools)[0], tools)
        if lean:
            text = f"Probably {lean.lower()}, but no sentence in the articles states it outright."
            sentences = _quoted(text, stated, passages)
            yield Token(text + " ", evidence=True)
            yield Draft(sentences=sentences, verdict="unsure", yes_no_margin=margin)
            return
        text = f"The articles don't say: no sentence in them answers “{question.text}” either way."
        yield Token(text, evidence=True)
        yield Draft(sentences=[CheckedSentence(text=text, citations=[], supported=True)],
                    verdict="not stated", abstained=True,
                    notices=["No sentence in the passages states this or its opposite."])
