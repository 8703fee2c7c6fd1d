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

from newsdesk.answer.figures import asked_unit, figures
from newsdesk.answer.stance import _in_family, numbers
from newsdesk.question.dates import MONTHS
from newsdesk.question.values import AMOUNT, COUNT, DATE, DURATION, NAME, PLACE, STANDING
from newsdesk.text import CALENDAR, NAME_RUN, NUMBER_WORDS, STOP, WORD, normalize

_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH = rf"\b(?:{_MONTH_NAMES})\b"
_YEAR, _ISO_DATE = r"\b(?:19|20)\d\d\b", r"\b\d{4}-\d\d-\d\d\b"
_DATE_VALUE = re.compile(
    rf"{_MONTH}\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}|"
    rf"{_YEAR}|{_ISO_DATE}|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|"
    r"today|tonight)\b|\b(?:last|next|this) (?:week|month|year|season)\b", re.IGNORECASE)
_MONEY_VALUE = re.compile(
    r"(?:US|A|C|NZ|HK)?[$€£¥](?:US|A|C)?\s?\d[\d,.]*(?:\s?(?:million|billion|trillion|bn|m|k)\b)?|\b\d[\d,.]*\s?"
    r"(?:million|billion|trillion|bn)?\s?(?:dollars|euros|pounds|yen|won|rupees|usd|eur|gbp)\b|"
    r"\b\d[\d,.]*\s?(?:million|billion|trillion)\b|"
    # "how much" also asks how far something moved: a share or a number of points
    r"\b\d[\d,.]*\s?(?:%|percent\b|per cent\b|percentage points?\b|points?\b)", re.IGNORECASE)
_DURATION_VALUE = re.compile(
    r"\b(?:\d[\d,.]*|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|several|few)[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|"
    r"seasons?|pages?|miles?|kilomet(?:er|re)s?|km|met(?:er|re)s?|feet|foot|inch(?:es)?)\b|"
    r"\blife\b", re.IGNORECASE)
_NAME_VALUE = re.compile(NAME_RUN)


_CALENDAR_DATE = re.compile(f"{_MONTH}|{_YEAR}|{_ISO_DATE}", re.IGNORECASE)


def gives_exactly(sentence: str, kind: str | None, question: str) -> bool:
    """For a date: the sentence gives a calendar date ("Nov. 2", "in 1981"), not only one
    relative to when it was written ("this month", "Monday"), which a reader cannot place."""
    if kind != DATE:
        return True
    asked = question.lower()
    return any(_fresh(m.group(0), asked) for m in _CALENDAR_DATE.finditer(sentence))


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
    if kind == COUNT:  # a number, not a sum of money unless the question speaks of money
        unit = asked_unit(COUNT, question)
        sums = [numbers(written) for written, unit_of, _ in figures(sentence)
                if not unit.fits(unit_of)]
        return bool(numbers(sentence) - numbers(question) - set().union(*sums))
    if kind == STANDING:  # "What is the Lions' record?": "9-3", not "31st in points"
        return any(unit == "record" for _, unit, _ in figures(sentence))
    return bool(_new_names(sentence, question, names))


# A question about what happened ("Who won ...?", "How many copies has it sold?") ...
_DONE = re.compile(r"\b(did|was|were|has|have|had|won|lost|beat)\b", re.IGNORECASE)
# ... and a sentence that only looks ahead to it. Case matters: "Will Smith" is a name.
_TO_COME = re.compile(r"\b(?:will|won't|would|should|could|might|is|are) (?:be )?(?:set|due|"
                      r"expected|scheduled|slated|poised|likely|going)\b|\b(?:will|won't|would|"
                      r"shall|should|could|might)\b|\b(?:faces?|upcoming|preview)\b|"
                      # a request is not its outcome: "James is seeking $250 million"
                      r"\b(?:is|are) (?:seeking|asking for|calling for|demanding)\b")
# A past-tense verb ("said", "shipped"), not a participle after "be" ("to be hosted",
# "the risk of the deal being blocked") nor one of the words that announce what is to come
# ("expected", "scheduled").
_PAST = re.compile(r"(?<!\bbe )(?<!\bbeen )(?<!\bbeing )\b(?!(?:expected|scheduled|slated|planned|"
                   r"poised|proposed|rumou?red|tipped|billed|based|red|bed|need|feed|seed|speed|"
                   r"hundred|united)\b)[a-z]{2,}ed\b|\b(?:said|told|won|lost|beat|sold|bought|"
                   r"made|took|gave|went|came|saw|paid|got|held|ran|left|met|fell|rose|grew|led|"
                   r"spent|sent|found|began|became|brought|wrote|spoke|broke|chose|kept|quit|"
                   r"struck|stood|threw|withdrew|agreed)\b")
# A question that itself looks ahead ("When did Germany announce it would send ...?").
_ASKS_AHEAD = re.compile(r"\b(will|would|plans?|planning|going to|set to|expected|announce\w*)"
                         r"\b", re.IGNORECASE)


# Who said a sentence's words is no act of its own: "Seoul will provide 2.3 billion dollars,
# the ministry said" only looks ahead.
_SAYING = re.compile(r"\b(?:said|told|noted|stated)\b")


def looks_ahead(sentence: str, question: str) -> bool:
    """The question asks what happened and the sentence only looks ahead to it ("Paro faces
    Love on December 9", "should be fresh for Sunday's final"), saying nothing in the past
    tense but who said it: a preview written before the event does not answer who won it,
    and an archive often holds the preview only."""
    if not _DONE.search(question) or _ASKS_AHEAD.search(question):
        return False
    return bool(_TO_COME.search(sentence)) and not _PAST.search(_SAYING.sub(" ", sentence))


# Acts a question can turn on ("Who won ...?", "Who founded ...?"), each with the words news
# uses for it (word starts). A sentence answers such a question only if it says the act: one
# that names a fighter and a date but not who won answers nothing.
_ACTS = [tuple(stem.replace("_", " ") for stem in group.split()) for group in (
    "win= wins winn won victor beat defeat champion triumph edged clinch",
    "score scoring netted goal",
    "found co-found started launch set_up",
    "replac succeed successor took_over take_over named naming appoint hired tapped new=",
    "buy bought acquir purchas takeover sell sold sale",
    "sue= sues sued suing lawsuit suit= suits complaint plaintiff filed_by legal_case "
    "legal_action legal_challenge",
    "fire fired oust dismiss sack relieved",
    "kill killed death died dead=",
    "elect= elected electing election vote",
    "arrest detain",
    "convict guilty verdict",
)]  # "_" joins the words of a phrase; "=" ends a whole word ("new", not "news")


def _says(text: str, family: tuple[str, ...]) -> bool:
    """The text holds a word of the family (word starts, as stance.py reads them) or one of
    its phrases."""
    lowered = text.lower()
    words = re.findall(r"[a-z][a-z-]*", lowered)
    single = tuple(stem for stem in family if " " not in stem)
    return (any(_in_family(w, single) for w in words)
            or any(" " in stem and stem in lowered for stem in family))


def acts_of(question: str) -> list[tuple[str, ...]]:
    """The acts the question turns on (see `_ACTS`)."""
    return [family for family in _ACTS if _says(question, family)]


def says_act(sentence: str, acts: list[tuple[str, ...]]) -> bool:
    """The sentence says one of the acts (True when the question turns on none)."""
    return not acts or any(_says(sentence, family) for family in acts)


_ROLES = (r"minister|president|vice president|prime minister|ceo|cfo|cto|coo|chief executive|"
          r"chief|head|leader|chair|chairman|chairwoman|chairperson|director|coach|manager|"
          r"founder|co-founder|owner|secretary|spokesperson|spokesman|spokeswoman|judge|"
          r"governor|mayor|senator|captain|editor|commissioner|prosecutor|attorney|lawyer|"
          r"ambassador|commander|chancellor|premier|speaker|king|queen|executive|officer|"
          r"boss|quarterback|general|president-elect")
# "Who is South Korea's defence minister?", "Who is the CEO of Binance?": asks who holds a
# role, and nothing else.
_WHO_HOLDS = re.compile(
    r"^\s*who(?:['’]s| is| was| are| were)\s+(?:now\s+|currently\s+)?(?:the\s+)?"
    r"(?:(?:[A-Z][\w.&'’-]*\s+)*[A-Z][\w.&-]*['’]s?\s+)?"
    r"(?:(?:new|current|former|interim|acting|incoming|outgoing)\s+)?"
    r"(?P<kind>(?:[a-z-]+\s+){0,2}?)"
    rf"(?P<role>{_ROLES})(?:\s+of\s+[^?]+?)?(?:\s+(?:now|today|currently))?\s*\??\s*$",
    re.IGNORECASE)
# "Which judge ...?", "Which Australian senator ...?": the role whose holder is asked for.
_WHICH_ROLE = re.compile(rf"^\s*(?:and\s+)?which\s+(?:[A-Za-z-]+\s+)?(?P<role>{_ROLES})\b",
                         re.IGNORECASE)


def role_asked(question: str) -> str:
    """The role a "who is ...?" or "which <role> ...?" question asks the holder of ("Who
    is South Korea's defence minister?" -> "defence minister"; "Which judge is hearing the
    case?" -> "judge"), or "" for any other question."""
    match = _WHO_HOLDS.match(question)
    if match:
        return (match.group("kind") + match.group("role")).lower()
    match = _WHICH_ROLE.match(question)
    return match.group("role").lower() if match else ""


def names_holder(sentence: str, role: str) -> bool:
    """The sentence names someone as the holder of the role, right beside it: "Defence
    Minister Shin Won-sik said", "Shin Won-sik, South Korea's defence minister". A name
    elsewhere in a sentence about the role ("the defence minister said North Korea ...") is
    what the holder spoke of, not who the holder is."""
    role = "(?i:" + r"\s+".join(re.escape(word) for word in role.split()) + ")"
    return bool(re.search(rf"\b{role}\s+{NAME_RUN}", sentence)
                or re.search(rf"{NAME_RUN},\s+(?:[\w'’-]+\s+){{0,5}}?{role}\b", sentence))


def _fresh(value: str, asked: str) -> bool:
    return " ".join(value.lower().strip(" .").split()) not in asked


def _is_stop(word: str) -> bool:
    """A stop word, whatever its apostrophe ("It’s")."""
    return word.lower().replace("’", "'") in STOP


def names_in(texts) -> set[str]:
    """Words written capitalised somewhere other than at the start of a sentence or of a
    clause after a colon: names."""
    found = set()
    for text in texts:
        for match in re.finditer(r"(?<![.!?:]\s)(?<!^)(?<!\n)\b[A-Z][\w'’&-]+", text):
            if not _is_stop(match.group(0)):
                found.add(normalize(match.group(0)))
    return found


# Where a clause opens with a capital inside a sentence: "The harbour's loss, the quay's
# gain: Ferry firm Quay hired ...".
_CLAUSE_OPENS = re.compile(r"[:!?]\s*[\"“‘']?$")


def _new_names(sentence: str, question: str, names: set[str] = frozenset()) -> list[str]:
    """Capitalised names in the sentence with a word the question does not use (a lone
    capitalised word opening the sentence, or a clause after a colon, is only its first
    word, unless it is a known name; "It’s" is no name)."""
    known = {normalize(w) for w in WORD.findall(question)}
    found = []
    for match in _NAME_VALUE.finditer(sentence):
        words = [w for w in WORD.findall(match.group(0))
                 if not _is_stop(w) and w.lower() not in CALENDAR]
        opens = match.start() == 0 or _CLAUSE_OPENS.search(sentence[:match.start()].rstrip())
        if not words or (opens and len(words) == 1 and normalize(words[0]) not in names):
            continue
        if any(normalize(w) not in known for w in words):
            found.append(match.group(0))
    return found


# What a "how many" question counts: the words before its verb ("How many fake balance
# sheets did she make?" -> fake, balance, sheets), but for a rate ("drones a month").
_COUNTED = re.compile(r"\bhow many\s+((?:[\w'’-]+\s+){0,3}?)(?:did|does|do|was|were|is|are|"
                      r"has|have|had|can|could|will|would|should)\b", re.IGNORECASE)
_PER = {"day", "days", "week", "weeks", "month", "months", "year", "years", "hour", "hours"}
_NUMBER_TOKEN = re.compile(r"\d[\d,.]*|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
# A place as news writes one: "in Hanoi", "at the Enoch Pratt Free Library".
_AT_PLACE = re.compile(rf"\b(?:in|at|near|outside|inside|across)\s+(?:the\s+)?(?P<name>{NAME_RUN})")


def beside_asked(sentence: str, kind: str | None, question: str) -> bool | None:
    """Does the sentence give the value right beside what the question asks it of: the
    number before the thing counted ("seven phony ledgers" for "How many fake ledgers
    ...?"), the name after the role ("Senator Ana Lopes" for "Which senator
    ...?"), a place after "in" or "at" ("in Hanoi" for "Where was he ...?")? A sentence that
    only names the subject matter and holds some other number, name or place scores as high.
    None when the question gives nothing to look for."""
    if kind == COUNT:
        counted = _COUNTED.search(question)
        stems = [re.sub(r"(?:es|s)$", "", word.lower())[:6]
                 for word in (counted.group(1).split() if counted else [])
                 if word.lower() not in STOP and word.lower() not in _PER]
        stems = [re.escape(stem) for stem in stems if len(stem) >= 3]
        if not stems:
            return None
        asked = numbers(question)
        pattern = rf"^(?:[\w'’-]+\s+){{0,2}}(?:{'|'.join(stems)})"
        return any(numbers(m.group(0)) - asked
                   and re.match(pattern, sentence[m.end():].lstrip(), re.IGNORECASE)
                   for m in _NUMBER_TOKEN.finditer(sentence))
    role = role_asked(question) if kind == NAME else ""
    if role:
        return names_holder(sentence, role)
    if kind == PLACE:
        known = {normalize(w) for w in WORD.findall(question)}
        return any(any(normalize(w) not in known for w in WORD.findall(m.group("name")))
                   for m in _AT_PLACE.finditer(sentence))
    return None
