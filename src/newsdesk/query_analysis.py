"""What a question says about outlets and dates ("according to TechCrunch", "published on
October 7, 2023", "last week"), read with plain rules against the outlets in the index."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Iterable

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


@dataclass
class QueryAnalysis:
    outlets: list[str] = field(default_factory=list)  # canonical source names from the index
    dates: list[DateRange] = field(default_factory=list)
    content: str = ""  # the question without outlet names, dates and reporting scaffolding


_SCAFFOLD = re.compile(
    r"\b(according to|as reported by|reported by|reported|reports?|reporting|articles?|"
    r"published|piece|story|stories|news|outlets?|sources?|on|in|by|from|the|an?)\b",
    re.IGNORECASE)


# Where a multi-part question ("Which company, known for X as reported by Wired, and that
# experienced Y ...") moves on to its next claim.
_CLAUSE_BREAK = re.compile(
    r",|;|\bwhile\b|\bwhereas\b|\bbut\b|"
    r"\band\b(?= (?:is|was|has|had|the|its|also|which|who|offers|experienced|known))",
    re.IGNORECASE)


def clauses(question: str) -> list[str]:
    """The question's parts, each usually one claim that one evidence sentence states."""
    return [part.strip() for part in _CLAUSE_BREAK.split(question) if part.strip()]


def outlet_parts(question: str, matcher: "OutletMatcher", min_words: int = 3) -> dict[str, str]:
    """For a question naming several outlets, the part of it that speaks about each one:
    "Does the Fortune article say X, while TechCrunch reports Y?" -> {Fortune: "...X",
    TechCrunch: "...Y"}. A clause naming no outlet goes to the nearest clause that names one
    (ties to the earlier: "the report from Fortune on May 2, concerning X"); clauses of
    fewer than `min_words` words are left out."""
    found = [(c, matcher.find(c)) for c in clauses(question)]
    parts = [(c, outlets) for c, outlets in found if outlets or len(c.split()) >= min_words]
    anchors = [(i, outlets) for i, (_, outlets) in enumerate(parts) if outlets]
    if len({o for _, outlets in anchors for o in outlets}) < 2:
        return {}
    out: dict[str, list[str]] = {}
    for i, (part, outlets) in enumerate(parts):
        nearest = min(anchors, key=lambda anchor: (abs(anchor[0] - i), anchor[0]))
        for outlet in (outlets or nearest[1]):
            out.setdefault(outlet, []).append(part)
    return {outlet: ", ".join(texts) for outlet, texts in out.items()}


def outlet_aliases(source: str) -> set[str]:
    """Ways a question may name an outlet: 'The Independent - Sports' -> 'The Independent',
    'Independent'; 'Cnbc | World Business News Leader' -> 'Cnbc'."""
    aliases = {source.strip()}
    head = re.split(r"\s+[|\-–:]\s+", source.strip())[0]
    aliases.add(head)
    for name in list(aliases):
        if name.lower().startswith("the ") and len(name) > 8:
            aliases.add(name[4:])
        if name.lower().endswith(".com"):
            aliases.add(name[:-4])
    return {a for a in aliases if len(a) >= 4}


class OutletMatcher:
    def __init__(self, sources: Iterable[str]):
        by_alias: dict[str, list[str]] = {}
        for source in sorted(set(sources)):
            for alias in outlet_aliases(source):
                by_alias.setdefault(alias.lower(), []).append(source)
        # Longest alias first: "FOX News - Lifestyle" wins over "FOX News", and "FOX News"
        # alone stands for every outlet it abbreviates.
        self._patterns: list[tuple[re.Pattern, list[str]]] = []
        for alias in sorted(by_alias, key=lambda a: (-len(a), a)):
            pattern = re.compile(r"(?<![\w])['\"‘“]?" + re.escape(alias) + r"(?![\w])",
                                 re.IGNORECASE)
            self._patterns.append((pattern, by_alias[alias]))

    def find(self, text: str) -> list[str]:
        return self.find_spans(text)[0]

    def find_spans(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        hits: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for pattern, sources in self._patterns:
            for match in pattern.finditer(text):
                start = match.start() + (1 if text[match.start()] in "'\"‘“" else 0)
                if not text[start:start + 1].isupper():
                    continue  # outlets are named with a capital: skip "fortune", "the age"
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue
                taken.append((match.start(), match.end()))
                hits.extend((match.start(), source) for source in sources)
        found = list(dict.fromkeys(source for _, source in sorted(hits)))
        return found, taken


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


def analyze(question: str, matcher: OutletMatcher, newest: str = "") -> QueryAnalysis:
    outlets, outlet_spans = matcher.find_spans(question)
    dates, date_spans = find_date_spans(question, newest)
    content = question
    for start, end in sorted(outlet_spans + date_spans, reverse=True):
        content = content[:start] + " " + content[end:]
    content = re.sub(r"\s+", " ", _SCAFFOLD.sub(" ", content)).strip(" ,'\"")
    return QueryAnalysis(outlets=outlets, dates=dates, content=content or question)
