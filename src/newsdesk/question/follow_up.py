"""A follow-up that leans on the conversation ("What did he say next?", "How much is the
deal worth?") becomes a standalone search query: the previous question, the first sentence
of the answer it got (which often names who "he" is) and the follow-up."""

from __future__ import annotations

import re
from typing import Sequence

from newsdesk.question.kinds import CHOICE, YES_NO, kind_of

_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its)\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"^(and|but|also|what about|how about|why|when|where|who else)\b",
                           re.IGNORECASE)


# "What about extra accounts?": the previous question asked again of something else.
_ELLIPTICAL = re.compile(r"^\s*(?:and\s+)?(?:what|how) about\b", re.IGNORECASE)
MAX_ANSWER_WORDS = 25
_MARKER = re.compile(r"\[\d+\]")


def _answer_after(history: Sequence[dict], index: int) -> str:
    """The first sentence of the assistant's reply to turn `index`, without citations."""
    for turn in history[index + 1:]:
        if turn.get("role") == "assistant":
            text = re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", str(turn.get("content", ""))))
            first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            return " ".join(first.split()[:MAX_ANSWER_WORDS])
        if turn.get("role") == "user":
            break
    return ""


def asked_again(question: str, history: Sequence[dict]) -> str:
    """For an elliptical follow-up ("What about extra accounts?"), the question it repeats
    (the previous one: it says what kind of answer is wanted); else the question itself. A
    yes/no question is not repeated: its claim would be the wrong one."""
    if not _ELLIPTICAL.match(question):
        return question
    asked = [str(t.get("content", "")) for t in history if t.get("role") == "user"]
    if not asked or not asked[-1].strip() or kind_of(asked[-1]) in (YES_NO, CHOICE):
        return question
    return asked[-1]


def rewrite_follow_up(question: str, history: Sequence[dict]) -> str:
    asked = [i for i, t in enumerate(history) if t.get("role") == "user"]
    if not asked:
        return question
    words = question.split()
    names = [w for w in words[1:] if w[:1].isupper()]
    follows = bool(_PRONOUN.search(question)) or not names or bool(_CONTINUATION.search(question))
    if not follows:
        return question
    last = asked[-1]
    parts = [history[last].get("content", ""), _answer_after(history, last), question]
    return " ".join(p.strip() for p in parts if p and p.strip())
