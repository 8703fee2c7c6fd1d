"""Dates named in a question ("published on October 7, 2023", "in November 2023", "last
week"), as inclusive ISO ranges. Plain rules: the question forms news readers use are few,
and a parser library would also read "May" in "Theresa May" as a month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_MDY = re.compile(_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE)
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\.?,?\s+(\d{4})", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MY = re.compile(r"\b" + _MONTH + r"\.?,?\s+(?:of\s+)?(\d{4})\b", re.IGNORECASE)
_RELATIVE = {
    "today": (0, 0), "yesterday": (1, 1), "this week": (6, 0), "last week": (13, 7),
    "past week": (7, 0), "this month": (30, 0), "last month": (60, 30), "past month": (30, 0),
    "recently": (30, 0),
}


@dataclass(frozen=True)
class DateRange:
    start: str  # ISO dates, inclusive
    end: str

    def contains(self, iso: str) -> bool:
        return bool(iso) and self.start <= iso <= self.end


def _month(name: str) -> int:
    return MONTHS[name.lower()[:3]]


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, newest: str = "") -> list[DateRange]:
    return find_date_spans(text, newest)[0]


def find_date_spans(text: str, newest: str = "") -> tuple[list[DateRange], list[tuple[int, int]]]:
    ranges: list[DateRange] = []
    spans: list[tuple[int, int]] = []

    def add(d: date | None, span: tuple[int, int], slack: int = 1) -> None:
        if d is not None:
            ranges.append(DateRange((d - timedelta(days=slack)).isoformat(),
                                    (d + timedelta(days=slack)).isoformat()))
            spans.append(span)

    for m in _MDY.finditer(text):
        add(_safe_date(int(m.group(3)), _month(m.group(1)), int(m.group(2))), m.span())
    for m in _DMY.finditer(text):
        add(_safe_date(int(m.group(3)), _month(m.group(2)), int(m.group(1))), m.span())
    for m in _ISO.finditer(text):
        add(_safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.span())
    for m in _MY.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        month, year = _month(m.group(1)), int(m.group(2))
        first = date(year, month, 1)
        last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
        ranges.append(DateRange(first.isoformat(), last.isoformat()))
        spans.append(m.span())
    if newest:
        anchor = date.fromisoformat(newest)
        lowered = text.lower()
        for phrase, (back, forward_back) in _RELATIVE.items():
            if re.search(r"\b" + phrase + r"\b", lowered):
                ranges.append(DateRange((anchor - timedelta(days=back)).isoformat(),
                                        (anchor - timedelta(days=forward_back)).isoformat()))
    return ranges, spans
