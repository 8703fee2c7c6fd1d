"""Names as the passages write them: a small model answering "Who ...?" or "Which company
...?" often shortens the name ("Birchwood" for "Birchwood Research", "Okafor-Reyes" for "Ines
Okafor-Reyes"). The answer's leading name is completed to the form the passages use most."""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

_WORD = r"[A-Z][\w'’.&-]*"
_LEADING_NAME = re.compile(rf"^\s*({_WORD}(?:\s+{_WORD})*)")
_NAME_RUN = re.compile(rf"{_WORD}(?:\s+(?:of\s+|de\s+|the\s+)?{_WORD})*")
_BREAK = re.compile(r"(?<=[.!?;:,])\s+")  # a name does not run across these
MAX_WORDS = 5
# Titles before a name are not part of it: "CEO Theo Varga" is still "Theo Varga".
TITLES = {"ceo", "cfo", "coo", "cto", "president", "vice", "prime", "minister", "chancellor",
          "chairman", "chairwoman", "chair", "founder", "co-founder", "senator", "sen.", "rep.",
          "representative", "governor", "gov.", "judge", "justice", "dr.", "mr.", "mrs.", "ms.",
          "sir", "dame", "king", "queen", "prince", "princess", "pope", "coach", "general",
          "secretary", "director", "manager", "head", "former", "assistant", "u.s.", "us"}


def leading_name(answer: str) -> str:
    match = _LEADING_NAME.match(answer)
    return match.group(1).rstrip(".'’") if match else ""


def fullest_form(name: str, texts: Iterable[str]) -> str:
    """The longer name containing `name` that the texts use for at least half of its
    mentions ("Birchwood" -> "Birchwood Research"), else `name` itself."""
    words = name.split()
    if not words:
        return name
    runs: Counter[str] = Counter()
    mentions = 0
    pieces = (piece for text in texts for piece in _BREAK.split(text))
    for piece in pieces:
        for run in _NAME_RUN.findall(piece):
            run_words = run.split()
            for i in range(len(run_words) - len(words) + 1):
                if run_words[i:i + len(words)] == words:
                    start = 0
                    while start < i and run_words[start].lower() in TITLES:
                        start += 1
                    mentions += 1
                    runs[" ".join(run_words[start:]).rstrip(".'’")] += 1
                    break
    longer = [(count, len(run), run) for run, count in runs.items()
              if run != name and len(run.split()) <= MAX_WORDS]
    if not longer:
        return name
    count, _, best = max(longer)
    return best if 2 * count >= mentions else name


def complete_leading_name(answer: str, texts: Iterable[str]) -> str:
    name = leading_name(answer)
    if not name:
        return answer
    full = fullest_form(name, list(texts))
    return answer.replace(name, full, 1) if full != name else answer
