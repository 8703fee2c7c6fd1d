"""What a when / how many / how much / who / where question asks for, and whether a sentence
gives it.

A sentence answers "When was Bankman-Fried convicted?" only if it holds a date the question
does not already name: "Bankman-Fried was convicted on seven counts" is about the same thing
and scores high, but it answers nothing. The same for "how much" (an amount of money or a
duration), "how many" (a number), "who" and "where" (a name). Reading the value the question
already gives ("in 2021", "in its first two days") as an answer is the small model's most
common slip, and the one that makes an unanswerable question look answered.
"""

from __future__ import annotations

import re

from newsdesk.answer.stance import numbers
from newsdesk.question.dates import MONTHS
from newsdesk.question.values import AMOUNT, COUNT, DATE, DURATION
from newsdesk.text import CALENDAR, STOP, WORD, normalize

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE_VALUE = re.compile(
    rf"\b(?:{_MONTH_NAMES})\b\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?(?:{_MONTH_NAMES})\b|\b(?:19|20)\d\d\b|\b\d{{4}}-\d\d-\d\d\b|\b(?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight)\b|"
    r"\b(?:last|next|this) (?:week|month|year|season)\b", re.IGNORECASE)
_MONEY_VALUE = re.compile(
    r"(?:US|A|C|NZ|HK)?[$€£¥](?:US|A|C)?\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|m|k)\b)?|\b\d[\d,.]*\s?"
    r"(?:million|billion|trillion|bn)?\s?(?:dollars|euros|pounds|yen|won|rupees|usd|eur|gbp)\b|"
    r"\b\d[\d,.]*\s?(?:million|billion|trillion)\b|"
    # "how much" also asks how far something moved: a share or a number of points
    r"\b\d[\d,.]*\s?(?:%|percent\b|per cent\b|percentage points?\b|points?\b)", re.IGNORECASE)
_DURATION_VALUE = re.compile(
    r"\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|several|few)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|"
    r"seasons?)\b|\blife\b", re.IGNORECASE)
_NAME_VALUE = re.compile(r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+)?[A-Z][\w'’.&-]*)*")


def gives(sentence: str, kind: str | None, question: str, names: set[str] = frozenset()) -> bool:
    """The sentence holds a value of `kind` that `question` (the question, with the
    conversation it follows for a follow-up) does not already name. `names`: words known to
    be names (see `names_in`), so that one opening a sentence ("Microsoft bought ...") counts."""
    if kind is None:
        return True
    asked = question.lower()
    if kind == DATE:
        return any(_fresh(m.group(0), asked) for m in _DATE_VALUE.finditer(sentence))
    if kind == AMOUNT:
        return any(_fresh(m.group(0), asked) for m in _MONEY_VALUE.finditer(sentence))
    if kind == DURATION:
        return any(_fresh(m.group(0), asked) for m in _DURATION_VALUE.finditer(sentence))
    if kind == COUNT:
        return bool(numbers(sentence) - numbers(question))
    return bool(_new_names(sentence, question, names))


def _fresh(value: str, asked: str) -> bool:
    return " ".join(value.lower().strip(" .").split()) not in asked


def names_in(texts) -> set[str]:
    """Words written capitalised somewhere other than at the start of a sentence: names."""
    found = set()
    for text in texts:
        for match in re.finditer(r"(?<![.!?]\s)(?<!^)(?<!\n)\b[A-Z][\w'’&-]+", text):
            if match.group(0).lower() not in STOP:
                found.add(normalize(match.group(0)))
    return found


def _new_names(sentence: str, question: str, names: set[str] = frozenset()) -> list[str]:
    """Capitalised names in the sentence with a word the question does not use (a lone
    capitalised word opening the sentence is only its first word, unless it is a known name)."""
    known = {normalize(w) for w in WORD.findall(question)}
    found = []
    for match in _NAME_VALUE.finditer(sentence):
        words = [w for w in WORD.findall(match.group(0))
                 if w.lower() not in STOP and w.lower() not in CALENDAR]
        if not words or (match.start() == 0 and len(words) == 1
                         and normalize(words[0]) not in names):
            continue
        if any(normalize(w) not in known for w in words):
            found.append(match.group(0))
    return found
