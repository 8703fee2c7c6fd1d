"""The value a when / how much / how many / who / where question asks for: a date, an
amount of money, a duration, a count, a team's standing, a name or a place (None for why,
how and open "what" questions). Read once, with the question (analysis.py);
answer/answer_types.py tells whether a sentence gives it."""

from __future__ import annotations

import re

# A follow-up often opens with a conjunction ("And who replaced her?").
_OPENING = re.compile(r"^\s*(?:and|so|but|then|also|ok(?:ay)?|well)\b[,]?\s*", re.IGNORECASE)

DATE, AMOUNT, DURATION, COUNT, NAME, PLACE = "date", "amount", "duration", "count", "name", "place"
STANDING = "standing"  # a team's or a series' wins and losses: "9-3", "tied 1-1"
FIGURES = (AMOUNT, COUNT, STANDING)  # asks answered by a figure, which may change over time

_ASKS = [
    # a team's standing: "What was the Lions' win-loss record?"; over time: "How did the
    # Eagles' record change over the season?"; a series or table: "Where did the World
    # Series stand?"
    (STANDING, r"what(['’]s| is| was| are| were) [^?]*\b(win-loss|won-lost) record\b|"
               r"what(['’]s| is| was| are| were) (the [^?]*['’]s?|their|its|his|her) "
               r"record\b(?! (label|company|deal|store|high|low))|"
               r"how (did|has|have|does|do) [^?]*(['’]s?|their|its) ((win|won)-(loss|lost) )?"
               r"record\b[^?]* (chang|mov|evolv|ris|fell|fall|grow|grew)\w*|"
               r"where (did|does|do|was|is) [^?]*\b(series|standings?|tally|table)\b[^?]* "
               r"stand\b"),
    (DATE, r"when|what (date|day|year|month|time)|on what (date|day)|in what (year|month)|"
           r"(by|since|until) when"),
    (DURATION, r"how long"),
    (AMOUNT, r"how much|what (was|is|were|are|will be) the (price|cost|value|amount|revenue|"
             r"fine|fee|salary|valuation|budget|sales)|what (revenue|fine|fee|price|amount|"
             r"salary|sum)|what (did|does|do|will|would) .+ cost|"
             r"what (was|is|were|are|has|had) .+ (valued|worth|priced) at|"
             r"what(['’]s| is| was| are| were) [^?]+ worth\b(?!\s+(?:\w+ing|it)\b)"),
    (COUNT, r"how (many|old|far|big|large|often|fast|high)|in how many|what (was|is|were|are) "
            r"the (number|total|figure|percentage|size|score|death toll|toll|yield|rate|"
            r"level)|what (\w+ )?(percentage|share|proportion|number|score)|"
            r"what (level|rate|yield) (did|does|do|was|is|were|are|had|has|will)|"
            # a figure over time: "How has the death toll changed?"
            r"how (did|has|have|does|do) [^?]*\b(price|toll|score|rate|yield|number|count|"
            r"figure|standing|valuation|value|level|tally|total|cost)s?\b[^?]* "
            r"(chang|mov|evolv|ris|fell|fall|grow|grew)\w*|"
            # a market's level: "Where did the Nasdaq close?"
            r"where (did|does|do|will) [^?]*\b(index|nasdaq|dow|s&p|ftse|nikkei|asx|stocks?|"
            r"shares|markets?|oil|crude|gold|bitcoin|prices?|yields?|futures|dollar|euro|yen|"
            r"pound)\b[^?]*? (close|settle)\b"),
    (NAME, r"who|whom|whose|which (\w+)|what (company|organi[sz]ation|person|team|firm|player|"
           r"country|city|group|judge|app|brand)"),
    (PLACE, r"where"),
]
_ASKS_RE = [(kind, re.compile(rf"^\s*(?:{pattern})\b", re.IGNORECASE)) for kind, pattern in _ASKS]


def without_opening(question: str) -> str:
    """The question without an opening conjunction ("And who ...?" -> "who ...?")."""
    return _OPENING.sub("", question, count=1)


def asked_for(question: str) -> str | None:
    """The kind of value the question asks for, or None (why, how, what ... open)."""
    text = without_opening(question)
    for kind, pattern in _ASKS_RE:
        if pattern.match(text):
            return kind
    return None
