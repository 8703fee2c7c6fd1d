"""A follow-up that leans on the conversation ("What did he say next?") becomes a standalone
search query by joining it to the previous question."""

from __future__ import annotations

import re
from typing import Sequence

_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its)\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"^(and|but|also|what about|how about|why|when|where|who else)\b",
                           re.IGNORECASE)


def rewrite_follow_up(question: str, history: Sequence[dict]) -> str:
    previous = [t.get("content", "") for t in history if t.get("role") == "user"]
    if not previous:
        return question
    words = question.split()
    names = [w for w in words[1:] if w[:1].isupper()]
    follows = bool(_PRONOUN.search(question)) or (
        not names and (len(words) <= 4 or bool(_CONTINUATION.search(question))))
    return f"{previous[-1]} {question}" if follows else question
