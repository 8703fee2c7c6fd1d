"""Date limits a question or a filter chip sets with a word: "since October", "after
2023-10-07", "until November 2023", "before March 5, 2024". A month without a year is the
latest such month on or before the reference date (the newest article, or the as-of day)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsdesk.question.dates import _MONTH, _month, find_dates

_FROM_WORDS = r"since|from|starting|after"
_TO_WORDS = r"until|till|through|up\s+to|before|by"
_YEAR = re.compile(r"^(\d{4})$")
_MONTH_ALONE = re.compile(r"^" + _MONTH + r"\.?$", re.IGNORECASE)
# The phrase after a bound word, up to a word that cannot belong to a date.
_DATE_WORDS = r"(?:[A-Za-z]+\.?|\d{1,4}(?:-\d{2}-\d{2})?(?:st|nd|rd|th)?,?|of)"
# The phrase is looked ahead at, not consumed: "after May 2024 and until June" has two.
_BOUND = re.compile(r"\b(" + _FROM_WORDS + "|" + _TO_WORDS + r")\s+(?=((?:the\s+)?" + _DATE_WORDS
                    + r"(?:\s+" + _DATE_WORDS + r"){0,3}))", re.IGNORECASE)


@dataclass(frozen=True)
class Bounds:
    since: str = ""  # ISO dates, inclusive; "" = open
    until: str = ""


def date_range(text: str, reference: str = "") -> tuple[str, str] | None:
    """The inclusive (first, last) ISO days a date phrase names: "2023-10-01", "October 7,
    2023", "October 2023", "2023", or "October" (relative to `reference`); None if none."""
    text = text.strip().strip(",.")
    if _YEAR.match(text):
        return f"{text}-01-01", f"{text}-12-31"
    alone = _MONTH_ALONE.match(text)
    if alone:
        anchor = date.fromisoformat(reference) if reference else date.today()
        month = _month(alone.group(1))
        year = anchor.year if month <= anchor.month else anchor.year - 1
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return date(year, month, 1).isoformat(), last.isoformat()
    found = find_dates(text)
    if not found:
        return None
    exact = found[0]  # a single day is found with a day's slack either side: take its middle
    if exact.start != exact.end and (date.fromisoformat(exact.end)
                                     - date.fromisoformat(exact.start)).days == 2:
        day = (date.fromisoformat(exact.start) + timedelta(days=1)).isoformat()
        return day, day
    return exact.start, exact.end


def _shift(iso: str, days: int) -> str:
    return (date.fromisoformat(iso) + timedelta(days=days)).isoformat()


def bound(word: str, phrase: str, reference: str = "") -> tuple[str, str] | None:
    """("since", "2023-10-01") for `word` + `phrase`, or None when the phrase is no date.
    "after"/"before" exclude the named period; the other words include it."""
    word = " ".join(word.lower().split())
    if not re.match(r"(\d|" + _MONTH + r"\b)", phrase.strip(), re.IGNORECASE):
        return None  # "since the trial in October": the date must follow the word
    days = None
    words = phrase.split()
    for size in range(len(words), 0, -1):  # the longest leading run of words that is a date
        days = date_range(" ".join(words[:size]), reference)
        if days:
            break
    if days is None:
        return None
    first, last = days
    if re.fullmatch(_FROM_WORDS, word):
        return "since", _shift(last, 1) if word == "after" else first
    return "until", _shift(first, -1) if word == "before" else last


def find_bounds(text: str, reference: str = "") -> Bounds:
    """The since/until limits a question states; the last stated of each kind wins."""
    since = until = ""
    for match in _BOUND.finditer(text or ""):
        found = bound(match.group(1), re.sub(r"^the\s+", "", match.group(2), flags=re.I),
                      reference)
        if found and found[0] == "since":
            since = found[1]
        elif found:
            until = found[1]
    return Bounds(since=since, until=until)
