"""The language model answers from a compact prompt; each sentence it writes is checked
against the passages it cites. A yes/no verdict may be taken from the model's calibrated
first-token scores; an unsupported answer falls back to the passage sentence closest to
the question, or to "the articles do not say"."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

import numpy as np

from newsdesk.answer.citations import CheckedSentence, SupportSpan, check_answer, parse_markers
from newsdesk.answer.evidence import cite_with_evidence, find_evidence
from newsdesk.answer.names import complete_leading_name
from newsdesk.answer.prompt import build_messages
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.strategies.base import Tools
from newsdesk.errors import BadInputError
from newsdesk.ingest.chunking import split_sentences
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import YES_NO, asks_for_name
from newsdesk.search.passage import Passage

STOP = ["\nQuestion:", "\nPassages:"]
_ABSTAIN = re.compile(
    r"(i don'?t know|do(es)? not (say|contain|mention|answer|provide)|insufficient information|"
    r"not (mentioned|stated|provided|specified) in|no information|cannot (be )?(answer|determine))",
    re.IGNORECASE)


def model_says_nothing(answer: str) -> bool:
    return not answer or bool(_ABSTAIN.search(answer[:160]))


def model_verdict(question: Question, messages: list[dict], tools: Tools
                  ) -> tuple[str, float | None]:
    """'Yes' or 'No' for a yes/no question from the model's first-token scores and the
    calibrated cut; ('', None) when the question is not yes/no or the model cannot score."""
    generator = tools.generator
    if question.kind != YES_NO or not getattr(generator, "can_score", False):
        return "", None
    scores = generator.first_token_scores(messages, ["Yes", "No"])
    if not scores:
        return "", None
    margin = scores["Yes"] - scores["No"]
    return ("Yes" if margin >= tools.yes_no_margin else "No"), margin


def prompt(question: Question, passages: Sequence[Passage], tools: Tools
           ) -> tuple[list[dict], int]:
    """The chat messages for the model, and how many passages fit its context."""
    generator = tools.generator
    if generator is None:
        raise BadInputError("No language model is loaded.")
    budget = generator.context_size - tools.config.max_answer_tokens - 16
    return build_messages(question.text, passages, generator.count_tokens, budget,
                          scorer=tools.similarity, max_sentences=tools.config.excerpt_sentences)


def stream_model(question: Question, passages: Sequence[Passage], tools: Tools,
                 verdict_from_scores: bool = True):
    """Prompt the model and stream its answer as Token events; returns (raw answer,
    passages that fit the prompt, notices, yes/no margin): `outcome = yield from ...`."""
    messages, used = prompt(question, passages, tools)
    notices = []
    if used < len(passages):
        notices.append(f"Only {used} of {len(passages)} passages fit the model's context.")
    verdict, margin = model_verdict(question, messages, tools) if verdict_from_scores else ("", None)
    raw = []
    for piece in tools.generator.stream(messages, max_tokens=tools.config.max_answer_tokens, stop=STOP,
                                  cancel=tools.cancel, prefix=verdict):
        raw.append(piece)
        yield Token(piece)
    return "".join(raw).strip(), list(passages[:used] or passages), notices, margin


def closest_sentence(query: str, passages: Sequence[Passage], tools: Tools
                     ) -> CheckedSentence | None:
    """The passage sentence closest to the question, if it is close enough to answer it."""
    candidates = []
    for n, passage in enumerate(passages, start=1):
        for start, end in split_sentences(passage.text):
            candidates.append((n, passage.start + start, passage.start + end,
                               passage.text[start:end]))
    if not candidates:
        return None
    scores = tools.similarity(query, [c[3] for c in candidates])
    best = int(np.argmax(scores))
    if scores[best] < tools.config.min_extractive:
        return None
    n, start, end, sentence = candidates[best]
    return CheckedSentence(text=sentence, citations=[n], supported=True,
                           support=[SupportSpan(n, start, end, sentence, round(scores[best], 3))])


def verify(question: Question, raw: str, passages: Sequence[Passage], tools: Tools) -> Draft:
    """Check the model's answer; abstain or fall back to an extractive answer."""
    answer, dropped = parse_markers(raw, len(passages))
    if model_says_nothing(answer):
        return Draft(abstained=True, dropped_citations=dropped)
    wants_name = asks_for_name(question.text)
    if wants_name:
        answer = complete_leading_name(answer, [p.text for p in passages])
    checked = check_answer(answer, passages, tools.similarity)
    draft = Draft(dropped_citations=dropped)
    if not any(s.supported for s in checked):
        extractive = closest_sentence(question.query, passages, tools)
        if extractive is None:
            draft.abstained = True
            draft.notices.append("The model's answer was not supported by the passages.")
            return draft
        checked, draft.extractive = [extractive], True
        draft.notices.append("The model's answer was not supported by the passages; "
                             "showing the best matching sentence instead.")
    if wants_name or question.kind == YES_NO:
        # A verdict or a name is cited with the sentences stating the question's claims.
        evidence = find_evidence(list(question.claims), passages, tools.similarity,
                                 tools.config.evidence_threshold)
        checked = cite_with_evidence(checked, evidence, passages, asks_for_name=wants_name)
    draft.sentences = checked
    return draft


def checked_draft(question: Question, outcome: tuple, passages: Sequence[Passage],
                  tools: Tools) -> Draft:
    """The draft from the model's streamed answer: verified, or, when the person stopped it,
    kept as written and marked unverified (the articles may well hold the answer)."""
    raw, shown, notices, margin = outcome
    if tools.cancelled:
        return Draft(text=parse_markers(raw, len(passages))[0], yes_no_margin=margin,
                     notices=[*notices, "Stopped before the answer was complete."])
    draft = verify(question, raw, shown, tools)
    draft.notices[:0] = notices
    draft.yes_no_margin = margin
    return draft


class ModelAnswer:
    name = "model answer"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        return passages

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        outcome = yield from stream_model(question, passages, tools)
        yield checked_draft(question, outcome, passages, tools)
