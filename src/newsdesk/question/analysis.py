"""A question, analysed once: its kind, its claims, the outlets and dates it names, and the
standalone query it is searched with. Every later step reads this instead of the raw text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from newsdesk.errors import BadInputError
from newsdesk.question.clauses import clauses
from newsdesk.question.dates import DateRange, find_date_spans
from newsdesk.question.follow_up import asked_again, restate, rewrite_follow_up
from newsdesk.question.kinds import AUXILIARY, choice, kind_of
from newsdesk.question.outlets import OutletMatcher
from newsdesk.question.timeframe import TimeFrame, time_frame
from newsdesk.question.values import asked_for
from newsdesk.text import content_words

MAX_QUESTION_CHARS = 2000
MIN_CLAIM_WORDS = 3  # shorter clauses ("as TechCrunch says") state no claim of their own
_SCAFFOLD = re.compile(
    r"\b(according to|as reported by|reported by|reported|reports?|reporting|articles?|"
    r"published|piece|story|stories|news|outlets?|sources?|on|in|by|from|the|an?)\b",
    re.IGNORECASE)
_ABOUT_REPORTS = re.compile(r"\b(articles?|reports?|reported|reporting|coverage|source|outlet)\b",
                            re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:(?:and|but|so)\s+(?=(?:why|how|when|where|what|who|which)\b|"
                   + AUXILIARY.pattern + r"))?(?:(?:why|how|when|where|what|who|which)\s+)?(?:"
                   + AUXILIARY.pattern + r")?", re.IGNORECASE)


@dataclass
class QueryAnalysis:
    """What a search query names: outlets and dates, and its content without them."""

    outlets: list[str] = field(default_factory=list)  # canonical outlet names from the index
    dates: list[DateRange] = field(default_factory=list)
    content: str = ""  # the query without outlet names, dates and reporting scaffolding


def named_in(query: str, matcher: OutletMatcher, newest: str = "") -> QueryAnalysis:
    outlets, outlet_spans = matcher.find_spans(query)
    dates, date_spans = find_date_spans(query, newest)
    content = query
    for start, end in sorted(outlet_spans + date_spans, reverse=True):
        content = content[:start] + " " + content[end:]
    content = re.sub(r"\s+", " ", _SCAFFOLD.sub(" ", content)).strip(" ,'\"")
    return QueryAnalysis(outlets=outlets, dates=dates, content=content or query)


@dataclass(frozen=True)
class Question:
    text: str  # as asked, cleaned
    query: str  # standalone: a follow-up joined to the question it follows
    kind: str  # one of kinds.KINDS
    claims: tuple[str, ...]  # what the question asserts or presupposes, one clause each
    statement: str  # the question as a statement ("Did X send Y?" -> "X send Y")
    outlets: tuple[str, ...] = ()
    dates: tuple[DateRange, ...] = ()
    content: str = ""
    options: tuple[str, str] | None = None  # either/or
    notices: tuple[str, ...] = ()
    time: TimeFrame | None = None  # recency, period, cut-off (see timeframe.py)
    asks: str | None = None  # the value a when/how much/who question wants (values.py)
    # A follow-up with what its pronoun stands for ("Where is Guayule grown?"), or "" when
    # it is no follow-up or has no pronoun to resolve (follow_up.restate).
    restated: str = ""

    @property
    def compound(self) -> bool:
        """A multi-part question: several outlets, three claims and more, or two claims about
        what an outlet or an article reports ("Did the Sporting News report X, and did the
        same source report Y?"). Two clauses about the world are often one claim and an
        aside ("Was Beeper founded by Eric Migicovsky, the Pebble founder?")."""
        if len(self.claims) > 2 or len(self.outlets) > 1:
            return True
        return len(self.claims) == 2 and bool(self.outlets or _ABOUT_REPORTS.search(self.text))


def clean_question(question: str) -> tuple[str, list[str]]:
    """Strip control characters and cap the length; raise on an empty question."""
    notices = []
    text = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in question or "")
    text = re.sub(r"\s+", " ", text).strip()
    if not content_words(text) and not re.search(r"\w", text):
        raise BadInputError("Please type a question, for example: What did Seoul provide to Ukraine?")
    if len(text) > MAX_QUESTION_CHARS:
        text = text[:MAX_QUESTION_CHARS]
        notices.append(f"The question was cut to its first {MAX_QUESTION_CHARS} characters.")
    return text, notices


def question_claims(question: str) -> list[str]:
    """The question's clauses that state a claim; the whole question when none does."""
    found = [c for c in clauses(question) if len(content_words(c)) >= MIN_CLAIM_WORDS]
    return found or [question]


def as_statement(question: str) -> str:
    """'Did Seoul send mine detectors to Ukraine?' -> 'Seoul send mine detectors to Ukraine'."""
    return _LEAD.sub("", question, count=1).strip(" ?") or question.strip(" ?")


def analyse(question: str, history: Sequence[dict], outlets: OutletMatcher, newest: str = "",
            reference: str = "") -> Question:
    """`reference`: the date "latest", "this week", "as of" are read against (default today).
    The time frame comes from the question's own words: a follow-up's search query also holds
    the previous answer, whose dates are what was found, not what is asked."""
    text, notices = clean_question(question)
    query = rewrite_follow_up(text, history)
    restated = restate(text, history) if query != text else text
    named = named_in(query, outlets, newest)
    repeated = asked_again(text, history)  # "What about X?" asks what the last question did
    time = time_frame(text, reference or None, newest, ignore=outlets.find_spans(text)[1])
    claims = question_claims(query)
    if query == text:  # "As of 20 October 2023, what was ...": a date alone is no claim
        claims = [c for c in claims if not _only_time_words(c, text, time.spans)] or claims
    return Question(text=text, query=query, kind=kind_of(repeated), asks=asked_for(repeated),
                    claims=tuple(claims), statement=as_statement(restated),
                    outlets=tuple(named.outlets), dates=tuple(named.dates),
                    content=named.content, options=choice(text), notices=tuple(notices),
                    time=time, restated=restated if restated != text else "")


def _only_time_words(clause: str, text: str, spans: Sequence[tuple[int, int]]) -> bool:
    """The clause is all time words of `text` (its letters and digits fall in the spans)."""
    at = text.find(clause.strip())
    if at < 0:
        return False
    return all(any(start <= i < end for start, end in spans)
               for i in range(at, at + len(clause.strip())) if text[i].isalnum())
