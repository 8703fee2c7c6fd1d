"""The grounded-answer prompt: numbered passages, a tight instruction, a worked example and a
token budget. Small models answer better (and start sooner) from the few sentences that
matter than from whole chunks, so each passage is cut to its sentences closest to the query."""

from __future__ import annotations

from typing import Callable, Sequence

from newsdesk.answer.instructions import addresses_the_assistant
from newsdesk.ingest.chunking import split_sentences
from newsdesk.question.kinds import asks_for_name, choice, is_yes_no

ABSTAIN_TEXT = "The articles do not say."

SYSTEM_PROMPT = (
    "You are a news research assistant. Answer the question using only the numbered "
    "passages. Write one or two short sentences in your own words. After each sentence put "
    "the number of the passage that supports it in square brackets, like [2]. If the passages "
    f"do not contain the answer, write only: {ABSTAIN_TEXT}"
)
EXAMPLE = [
    {"role": "user", "content": (
        "Passages:\n[1] (Daily Post, 2023-05-02) The city council approved 4 million dollars "
        "for road repairs on Monday. Work starts in June.\n[2] (Metro News, 2023-05-03) Heavy "
        "rain flooded several streets downtown.\n\nQuestion: How much did the council approve "
        "for roads?")},
    {"role": "assistant", "content": "The council approved 4 million dollars for road repairs [1]."},
]
SentenceScorer = Callable[[str, Sequence[str]], Sequence[float]]


def answer_form_hint(question: str) -> str:
    """Small models follow a format they are told at the end: yes/no, either/or and
    who/which questions."""
    options = choice(question)
    if options:
        return f" Start your answer with \"{options[0]}\" or \"{options[1]}\"."
    if is_yes_no(question):
        return " Start your answer with Yes or No."
    if asks_for_name(question):
        return " Start your answer with the name."
    return ""


def passage_label(passage) -> str:
    meta = passage.label(with_title=True)
    return f"({meta})" if meta else ""


def excerpt(passage, query: str, scorer: SentenceScorer | None, max_sentences: int) -> str:
    """The passage's `max_sentences` sentences closest to the query, in their original order;
    sentences addressing the assistant are left out."""
    every = split_sentences(passage.text)
    spans = [(s, e) for s, e in every if not addresses_the_assistant(passage.text[s:e])]
    if not spans:
        return "(no usable text)"
    fits = scorer is None or len(spans) <= max_sentences
    if fits and len(spans) == len(every):
        return passage.text.strip()
    sentences = [passage.text[s:e] for s, e in spans]
    if fits:
        return _joined(sentences, list(range(len(sentences))))
    scores = list(scorer(query, sentences))
    keep = sorted(sorted(range(len(sentences)), key=lambda i: -scores[i])[:max_sentences])
    return _joined(sentences, keep)


def _joined(sentences: list[str], keep: list[int]) -> str:
    parts, previous = [], None
    for i in keep:
        if previous is not None and i != previous + 1:
            parts.append("...")
        parts.append(sentences[i])
        previous = i
    return " ".join(parts)


def build_messages(question: str, passages: Sequence, count_tokens: Callable[[str], int],
                   budget_tokens: int, scorer: SentenceScorer | None = None,
                   max_sentences: int = 3) -> tuple[list[dict], int]:
    """Chat messages for the model and how many passages fit the budget (trimmed to fit)."""
    tail = f"\nQuestion: {question}{answer_form_hint(question)}"
    used = sum(count_tokens(m["content"]) + 8 for m in EXAMPLE)
    used += count_tokens(SYSTEM_PROMPT) + count_tokens(tail) + 24
    blocks: list[str] = []
    for n, passage in enumerate(passages, start=1):
        text = excerpt(passage, question, scorer, max_sentences)
        block = f"[{n}] {passage_label(passage)} {text}\n"
        cost = count_tokens(block)
        if used + cost > budget_tokens:
            room = budget_tokens - used - 40
            if room < 40:
                break
            words = text.split()
            keep = max(1, int(len(words) * room / max(cost, 1)))
            block = f"[{n}] {passage_label(passage)} {' '.join(words[:keep])} ...\n"
            cost = count_tokens(block)
        blocks.append(block)
        used += cost
    user = {"role": "user", "content": "Passages:\n" + "".join(blocks) + tail}
    return [{"role": "system", "content": SYSTEM_PROMPT}, *EXAMPLE, user], len(blocks)
