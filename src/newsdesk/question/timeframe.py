"""When a question is about: recency ("latest", "most recent"), a period ("this week", "last
month", "in November 2023", "between 1 and 15 October", "since October", "before 3 November")
and a cut-off ("as of 1 December"), read relative to a reference date (today, or the date the
reader pins with --as-of). Dates without a year take the latest year that does not put them
after the reference date. An anchor that is an event, not a date ("before the trial"), cannot
be placed from the question alone: it is kept, unresolved, so that the answer can say so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

from newsdesk.question.dates import MONTHS

_M = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
      r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_D = r"\d{1,2}(?:st|nd|rd|th)?"
# One date expression: ISO, a quarter or half of a year ("the last quarter of 2023", "Q3
# 2023", "the first half of 2024"), part of a month ("early October", "mid-December 2023",
# "the end of September"), "5 December 2023", "December 5, 2023", "5 December", "December 5",
# "November 2023", "November". The named groups say which. A quarter needs its year: "the
# third quarter" alone is often a company's own quarter, reported after it ends.
_PART = (r"(?:early|mid-?|late|(?:the\s+)?(?:start|beginning|middle|end)\s+of)")
_QUARTER = (r"(?:(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:quarter|half)\s+of\s+"
            r"\d{4}|q[1-4]\s+\d{4}|h[12]\s+\d{4})(?![-/–]\d)")  # not a fiscal "2023-24"
_DATE = (r"(?:(?P<iso>\d{4}-\d{2}-\d{2})"
         r"|(?P<quarter>" + _QUARTER + r")"
         r"|(?P<part>" + _PART + r"\s*" + _M + r"\.?(?:,?\s+\d{4})?)"
         r"|(?P<dmy>" + _D + r"\s+(?:of\s+)?" + _M + r"\.?(?:,?\s+\d{4})?)"
         r"|(?P<mdy>" + _M + r"\.?\s+" + _D + r"(?:,?\s+\d{4})?)(?![\d:])"
         r"|(?P<my>" + _M + r"\.?(?:,?\s+(?:of\s+)?\d{4})?))\b")
_BETWEEN = re.compile(r"\b(?:between|from)\s+(?P<a>" + _DATE.replace("?P<", "?P<a_") +
                      r")\s+(?:and|to|until|till|through)\s+(?P<b>" +
                      _DATE.replace("?P<", "?P<b_") + ")", re.IGNORECASE)
# "between 17 and 19 November 2023": the first day takes the month and year of the second
_BETWEEN_DAYS = re.compile(r"\b(?:between|from)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:and|to|-|"
                           r"until|till|through)\s+(?P<a>" + _DATE.replace("?P<", "?P<a_") + ")",
                           re.IGNORECASE)
_AS_OF = re.compile(r"\b(?:as of|as at|as things stood on|by)\s+(?:the\s+)?(?P<a>" +
                    _DATE.replace("?P<", "?P<a_") + ")", re.IGNORECASE)
_SINCE = re.compile(r"\b(?P<word>since|after|from)\s+(?P<a>" + _DATE.replace("?P<", "?P<a_") + ")",
                    re.IGNORECASE)
_BEFORE = re.compile(r"\b(?P<word>before|until|till|up to|prior to)\s+(?P<a>" +
                     _DATE.replace("?P<", "?P<a_") + ")", re.IGNORECASE)
_IN = re.compile(r"\b(?:in|during|on|throughout)\s+(?P<a>" +
                 _DATE.replace("?P<", "?P<a_") + ")", re.IGNORECASE)
_EVENT_ANCHOR = re.compile(r"\b(?:before|after|since|until|prior to|ahead of)\s+(?:the|his|her|"
                           r"their|its)\s+([a-z]+(?:\s+[a-z]+)?)", re.IGNORECASE)
_LATEST = re.compile(r"\b(latest|most recent(?:ly)?|newest|last reported|most up[- ]to[- ]date|"
                     r"currently|right now|to date|so far|still)\b", re.IGNORECASE)
_PAST_N = re.compile(r"\b(?:in\s+)?(?:the\s+)?(?:past|last)\s+(\d{1,3}|two|three|four|five|six|"
                     r"seven|ten)\s+(day|week|month)s\b", re.IGNORECASE)
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "ten": 10}
_RELATIVE = re.compile(r"\b(today|yesterday|this week|last week|past week|this month|last month|"
                       r"past month|this year|last year)\b", re.IGNORECASE)


@dataclass(frozen=True)
class TimeFrame:
    """What a question says about time. `start`/`end` are inclusive ISO dates ("" = open);
    `latest` asks for the newest report; `as_of` is a cut-off named in the question."""

    reference: str
    start: str = ""
    end: str = ""
    latest: bool = False
    as_of: str = ""
    unresolved: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()  # where the time words are in the question
    # False when the period comes only from dates named in passing ("in March 2023", "on 16
    # November"), which may date an event rather than the reports.
    firm: bool = True

    @property
    def limited(self) -> bool:
        return bool(self.start or self.end)

    @property
    def active(self) -> bool:
        return self.limited or self.latest

    def contains(self, iso: str) -> bool:
        day = (iso or "")[:10]
        if not day:
            return not self.limited
        return (not self.start or day >= self.start) and (not self.end or day <= self.end)

    def describe(self) -> str:
        """The period in words, for notices: "published 1 October - 30 November 2023"."""
        if self.start and self.end:
            return f"published between {readable(self.start)} and {readable(self.end)}"
        if self.start:
            return f"published on or after {readable(self.start)}"
        if self.end:
            return f"published on or before {readable(self.end)}"
        return "published at any time"


def readable(iso: str) -> str:
    try:
        return date.fromisoformat(iso[:10]).strftime("%-d %B %Y")
    except ValueError:
        return iso


def dated_quote(passage, text: str) -> str:
    """'14 May 2024 (Pacific Monitor): “...”' - a quoted sentence with when and where it ran."""
    when = readable(passage.published) if passage.published else "Undated"
    label = f"{when} ({passage.outlet})" if passage.outlet else when
    return f"{label}: “{' '.join(text.split())}”"


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3]]


def _pick_year(month: int, day: int, reference: date) -> int:
    """The latest year that does not put month/day after the reference date."""
    year = reference.year
    return year if (month, day) <= (reference.month, reference.day) else year - 1


def _span_of(groups: dict, prefix: str, reference: date) -> tuple[date, date] | None:
    """The first and last day a matched date expression covers."""
    text = lambda name: groups.get(prefix + name)  # noqa: E731
    try:
        if text("iso"):
            d = date.fromisoformat(text("iso"))
            return d, d
        found = text("dmy") or text("mdy")
        if found:
            day = int(re.search(r"\d{1,2}(?=st|nd|rd|th|\b)", found).group())
            month = _month_number(re.search(_M, found, re.IGNORECASE).group())
            year = re.search(r"\d{4}", found)
            y = int(year.group()) if year else _pick_year(month, day, reference)
            d = date(y, month, day)
            return d, d
        if text("quarter"):
            return _quarter_span(text("quarter"))
        if text("part"):  # early: days 1-10, mid: 11-20, late: 21 to the month's end
            first, last = _month_span(text("part"), reference)
            part = text("part").lower()
            if re.match(r"early|(the\s+)?(start|beginning)", part):
                return first, first.replace(day=10)
            if re.match(r"mid|(the\s+)?middle", part):
                return first.replace(day=11), first.replace(day=20)
            return first.replace(day=21), last
        if text("my"):
            return _month_span(text("my"), reference)
    except (ValueError, AttributeError):
        return None
    return None


_ORDINAL = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _quarter_span(found: str) -> tuple[date, date]:
    """The first and last day of "the third quarter of 2023", "Q4 2023" or "the second half
    of 2024"."""
    words = found.lower().split()
    year = int(re.search(r"\d{4}", found).group())
    half = "half" in words or words[0].startswith("h")
    if words[0][0] in "qh":
        n = int(words[0][1])
    else:
        which = words[1] if words[0] == "the" else words[0]
        n = (2 if half else 4) if which in ("last", "final") else _ORDINAL[which]
    months = 6 if half else 3
    first = date(year, (n - 1) * months + 1, 1)
    last_month = n * months
    return first, date(year + last_month // 12, last_month % 12 + 1, 1) - timedelta(days=1)


def _month_span(found: str, reference: date) -> tuple[date, date]:
    """The first and last day of the month a text names ("November 2023", "mid-December")."""
    month = _month_number(re.search(_M, found, re.IGNORECASE).group())
    year = re.search(r"\d{4}", found)
    y = int(year.group()) if year else _pick_year(month, 1, reference)
    return date(y, month, 1), date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _relative(word: str, ref: date) -> tuple[date, date]:
    word = word.lower()
    first_of_month = ref.replace(day=1)
    previous_month_end = first_of_month - timedelta(days=1)
    return {
        "today": (ref, ref), "yesterday": (ref - timedelta(1), ref - timedelta(1)),
        "this week": (ref - timedelta(ref.weekday()), ref),
        "past week": (ref - timedelta(7), ref),
        "last week": (ref - timedelta(ref.weekday() + 7), ref - timedelta(ref.weekday() + 1)),
        "this month": (first_of_month, ref), "past month": (ref - timedelta(30), ref),
        "last month": (previous_month_end.replace(day=1), previous_month_end),
        "this year": (date(ref.year, 1, 1), ref),
        "last year": (date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)),
    }[word]


class _Frame:
    """Collects limits while the patterns are read; the narrowest window wins."""

    def __init__(self, reference: date):
        self.reference = reference
        self.start: date | None = None
        self.end: date | None = None
        self.as_of: date | None = None
        self.spans: list[tuple[int, int]] = []
        self.firm = False  # some limit is a period word ("since", "between"), not a bare date

    def taken(self, span: tuple[int, int]) -> bool:
        return any(s < span[1] and span[0] < e for s, e in self.spans)

    def limit(self, start: date | None, end: date | None, span: tuple[int, int],
              firm: bool = True) -> None:
        self.firm = self.firm or firm
        if start is not None:
            self.start = max(self.start, start) if self.start else start
        if end is not None:
            self.end = min(self.end, end) if self.end else end
        self.spans.append(span)


def time_frame(question: str, reference: date | str | None = None, newest: str = "",
               ignore: Sequence[tuple[int, int]] = ()) -> TimeFrame:
    """The time frame of a question, relative to `reference` (an ISO date; default today).

    `newest`: the archive's newest article date. A date without a year is placed before the
    earlier of it and the reference: "in November", asked of a 2023 archive, is November
    2023, not a November the archive never saw. `ignore`: spans that are not time words
    although they may look like them (outlet names: "Business Today | Latest News")."""
    ref = _as_date(reference)
    question = _blanked(question, ignore)
    frame = _Frame(ref)
    ref = min(ref, _as_date(newest)) if newest else ref  # for dates without a year only
    for m in _BETWEEN.finditer(question):
        a, b = _span_of(m.groupdict(), "a_", ref), _span_of(m.groupdict(), "b_", ref)
        if a and b:
            frame.limit(a[0], b[1], m.span())
    for m in _BETWEEN_DAYS.finditer(question):
        b = _span_of(m.groupdict(), "a_", ref)
        if b and not frame.taken(m.span()) and (m.group("a_dmy") or m.group("a_mdy")):
            try:
                frame.limit(b[1].replace(day=int(m.group("day"))), b[1], m.span())
            except ValueError:
                pass
    for m in _AS_OF.finditer(question):
        a = _span_of(m.groupdict(), "a_", ref)
        if a and not frame.taken(m.span()):
            frame.as_of = a[1]
            frame.limit(None, a[1], m.span())
    for m in _SINCE.finditer(question):
        a = _span_of(m.groupdict(), "a_", ref)
        if a and not frame.taken(m.span()):
            after = m.group("word").lower() == "after"
            frame.limit(a[1] + timedelta(1) if after else a[0], None, m.span())
    for m in _BEFORE.finditer(question):
        a = _span_of(m.groupdict(), "a_", ref)
        if a and not frame.taken(m.span()):
            before = m.group("word").lower() in ("before", "prior to")
            frame.limit(None, a[0] - timedelta(1) if before else a[1], m.span())
    # Several "in"/"on" dates name several reports ("the report on 6 October and the one on
    # 7 October"): together they cover the days from the first to the last.
    named = [(a, m.span()) for m in _IN.finditer(question)
             if (a := _span_of(m.groupdict(), "a_", ref))
             and not frame.taken(m.span()) and not _is_name(question, m)]
    if named:
        frame.limit(min(a[0] for a, _ in named), max(a[1] for a, _ in named), named[0][1],
                    firm=False)
        frame.spans.extend(span for _, span in named[1:])
    today = frame.reference
    for m in _PAST_N.finditer(question):
        n = m.group(1).lower()
        count = int(n) if n.isdigit() else _WORD_NUMBERS[n]
        days = count * {"day": 1, "week": 7, "month": 30}[m.group(2).lower()]
        frame.limit(today - timedelta(days), today, m.span())
    for m in _RELATIVE.finditer(question):
        if not frame.taken(m.span()):
            frame.limit(*_relative(m.group(1), today), m.span())
    if frame.start and frame.end and frame.start > frame.end:
        frame = _Frame(frame.reference)  # limits that exclude each other: none is used
    latest = [m.span() for m in _LATEST.finditer(question)]
    unresolved = tuple(m.group(0) for m in _EVENT_ANCHOR.finditer(question)
                       if not frame.taken(m.span()))
    return TimeFrame(reference=frame.reference.isoformat(),
                     start=frame.start.isoformat() if frame.start else "",
                     end=frame.end.isoformat() if frame.end else "",
                     latest=bool(latest) or frame.as_of is not None,
                     as_of=frame.as_of.isoformat() if frame.as_of else "",
                     unresolved=unresolved, spans=tuple(frame.spans + latest),
                     firm=frame.firm)


def _blanked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """`text` with the spans overwritten by spaces (positions kept)."""
    for start, end in spans:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _is_name(question: str, match: re.Match) -> bool:
    """"in May" after a capitalised word is often a name ("Theresa May"): a bare month with
    no day or year counts only when lower-case words surround it."""
    a = match.group("a")
    if re.search(r"\d", a):
        return False
    return a.lower() in ("may", "march") and a[0].isupper() and match.group(0)[:2].lower() != "in"


def _as_date(reference: date | str | None) -> date:
    if isinstance(reference, date):
        return reference
    if reference:
        return date.fromisoformat(str(reference)[:10])
    return date.today()


def without_time_words(question: str, frame: TimeFrame) -> str:
    """The question with its time words cut out, for searching ("latest on the strike")."""
    text = question
    for start, end in sorted(frame.spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return re.sub(r"\s+", " ", text).strip(" ,?") or question


_ASKING = re.compile(r"^\s*(?:(?:what|who|how(?:\s+(?:much|many))?|where|which|tell me)\b"
                     r"(?:'s)?\s*(?:is|was|are|were|has|have|did|does|had)?\s*)?(?:the\s+)?"
                     r"(?:(?:news|story|situation|updates?|reports?|articles?)\s+)?"
                     r"(?:on|about|with|in|of|for|from|say|said|report(?:ed)?)?"
                     r"\s*(?:about|on)?\s+", re.IGNORECASE)


def time_topic(question: str, frame: TimeFrame) -> str:
    """What a time question is about, for searching: "What is the latest on the UAW
    strike?" -> "the UAW strike"."""
    text = without_time_words(question, frame)
    text = re.sub(r"\b(news|reported|said)\b", " ", _ASKING.sub("", text, count=1))
    return re.sub(r"\s+", " ", text).strip(" ,?") or question
