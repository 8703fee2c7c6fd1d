"""Who beat whom: the result of a game, a match, a fight or a vote as a sentence states it.

Sports news rarely repeats a claim's words for a result. "Did Bayern beat Frankfurt?" is
answered by "Frankfurt thrashed Bayern 5-1", "Did the USMNT beat Germany?" by "the U.S.
men's national team went down 3-1 to Germany". Both name the same two sides with the roles
swapped: the sentence contradicts the claim. A sentence that names the sides in the claim's
roles says what the claim says, in other words.

Only a result said plainly is read: a winner right before a verb of winning ("Frankfurt
beat Bayern"), a loser right before a verb of losing ("Bayern lost to Frankfurt", "fell 5-1
to"), or the subject of a clause with a defeat or win ("the Hawks slid to a first home
defeat to the Falcons", "Frankfurt's win over Bayern"). A side is one clause's name, matched
to the claim's by its words or its initials ("USMNT", "U.S. men's national team")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.text import STOP, WORD, normalize

SAME, REVERSED = "same", "reversed"

_WIN_VERB = (r"beat|beats|beating|defeated|defeats|downed|downs|thrashed|thrashes|routed|routs|"
             r"crushed|crushes|hammered|hammers|edged|edges|stunned|stuns|upset|upsets|"
             r"outclassed|overcame|overcomes|overpowered|swept|sweeps|trounced|trounces|"
             r"demolished|pulveri[sz]ed|pulveri[sz]es|dispatched|eliminated|knocked out|"
             r"outscored|outlasted|shocked|humbled|toppled|topples|blanked|whitewashed|"
             r"walloped|dumped|ousted")
_LOSE_VERB = r"lost|loses|fell|falls|succumbed|succumbs|slumped|slumps|went down|crashed"
_BEATEN = (r"beaten|defeated|downed|thrashed|routed|crushed|hammered|edged|stunned|upset|"
           r"outclassed|overcome|overpowered|swept|trounced|demolished|pulveri[sz]ed|"
           r"dispatched|eliminated|knocked out|outscored|humbled|toppled|blanked|whitewashed|"
           r"walloped|dumped|ousted")
_BY = r"(?:was|were|is|are|been|being|get|got|gets)\s+(?:" + _BEATEN + r")\s+by"
_LOSS_NOUN = r"defeat|loss|beating|thrashing|drubbing|hammering|rout"
_WIN_NOUN = r"win|victory|triumph"

# Each anchor of a result, and whether the clause's subject before it is the winner or the
# loser; the side after it is the other one.
_PATTERNS = [(role, re.compile(anchor, re.IGNORECASE)) for role, anchor in (
    ("loser", rf"\b(?:{_BY})\s+"),  # "Bayern were beaten by Frankfurt"
    ("winner", rf"\b(?:{_WIN_VERB})\s+(?!by\b)"),  # "Frankfurt beat Bayern 5-1"
    ("loser", rf"\b(?:{_LOSE_VERB})\s+(?:\d+\s*[-–]\s*\d+\s+)?(?:to|against)\s+"),  # "lost 5-1 to"
    ("loser", rf"\b(?:{_LOSS_NOUN})\s+(?:to|by|against|at the hands of)\s+"),  # "defeat to"
    ("winner", rf"\b(?:{_WIN_NOUN})\s+(?:over|against)\s+"),  # "a 5-1 win over"
)]
# Both sides after the result: "the 3-1 defeat for the USMNT against Germany".
_FOR = re.compile(rf"\b(?:(?P<loss>{_LOSS_NOUN})|{_WIN_NOUN})\s+for\s+(?P<first>[^,;.]+?)\s+"
                  r"(?:against|to|over|by|at the hands of)\s+", re.IGNORECASE)
# Where a side's name ends: a clause or a phrase of place, time or margin.
_SIDE_END = re.compile(r"[,;:!?()—–\"“”]|\.(?=\s|$)|\s(?:in|on|at|by|with|for|after|before|during|as|"
                       r"and|but|to|from|when|while|who|which|that|thanks|despite)\b|\s\d",
                       re.IGNORECASE)
# Where the clause holding a subject starts.
_CLAUSE_START = re.compile(r"(?:^|[,;:—–(\"“]|\b(?:and|but|as|after|when|while|before|with|"
                           r"then|so|because|since|where|who|which|that)\b)\s*", re.IGNORECASE)
# Where a clause's subject ends: its first verb (roughly: an auxiliary, a past tense).
_VERB = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|came|went|[a-z]+ed)\b")
_GENERIC = set("team side club squad men women national outfit hosts visitors champions "
               "holders".split())


@dataclass(frozen=True)
class Result:
    winner: str
    loser: str


@lru_cache(maxsize=1024)
def result_of(text: str) -> Result | None:
    """The first result a sentence (or a claim) states plainly, if any. Cached: a claim is
    read against every candidate sentence."""
    for match in _FOR.finditer(text):
        first, second = _object_after(match.group("first")), _object_after(text[match.end():])
        if first and second:
            return Result(second, first) if match.group("loss") else Result(first, second)
    for role, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            subject = _subject_before(text[:match.start()])
            obj = _object_after(text[match.end():])
            if not subject or not obj:
                continue
            return Result(subject, obj) if role == "winner" else Result(obj, subject)
    return None


_ANY_RESULT = re.compile(rf"\b(?:{_WIN_VERB}|{_LOSE_VERB}|{_BEATEN}|{_LOSS_NOUN}|{_WIN_NOUN}|won|"
                         r"wins|winners?|victor\w*|losing|losers?)\b", re.IGNORECASE)


def speaks_of_result(sentence: str) -> bool:
    """The sentence says that someone won or lost, not only that sides met or will meet
    ("India will face New Zealand in the semi-final")."""
    return bool(_ANY_RESULT.search(sentence))


def result_words(claim: str) -> set[str]:
    """The claim's words for its result ("beat"), held by any sentence stating a result
    between the same sides."""
    return {normalize(m.group(0)) for m in re.finditer(rf"\b(?:{_WIN_VERB}|{_LOSE_VERB})\b",
                                                        claim, re.IGNORECASE)}


def compare(claim: str, sentence: str) -> str:
    """SAME when the sentence names the claim's winner and loser in those roles, REVERSED
    when it names them with the roles swapped, "" otherwise (no result, or other sides)."""
    said, told = result_of(claim), result_of(sentence)
    if said is None or told is None:
        return ""
    if _same_side(said.winner, told.winner) and _same_side(said.loser, told.loser):
        return SAME
    if _same_side(said.winner, told.loser) and _same_side(said.loser, told.winner):
        return REVERSED
    return ""


def _subject_before(text: str) -> str:
    """The subject of the clause the text ends in: the words since the clause started."""
    starts = list(_CLAUSE_START.finditer(text))
    subject = text[starts[-1].end():] if starts else text
    verb = _VERB.search(subject)
    subject = subject[:verb.start()] if verb else subject
    return subject.strip() if _side_words(subject) else ""


def _object_after(text: str) -> str:
    end = _SIDE_END.search(text)
    obj = text[:end.start()] if end else text
    return obj.strip() if _side_words(obj) else ""


def _side_words(side: str) -> set[str]:
    """The words that tell one side from another ("Eintracht Frankfurt" -> eintracht,
    frankfurt): capitalised words, stop and generic words ("the men's national team") out."""
    return {normalize(w) for w in WORD.findall(side) if w[:1].isupper()
            and w.lower() not in STOP and normalize(w) not in _GENERIC}


def _initials(side: str) -> str:
    """Initials of a side's words ("the U.S. men's national team" -> "usmnt")."""
    letters = []
    for word in WORD.findall(side):
        if word.lower() in STOP:
            continue
        dotted = re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", word)
        letters.append(word.replace(".", "").lower() if dotted else word[0].lower())
    return "".join(letters)


def _same_side(one: str, other: str) -> bool:
    """Two sides are one when they share a distinctive word, or one is the other's initials
    (an acronym of three letters or more)."""
    if _side_words(one) & _side_words(other):
        return True
    for short, long in ((one, other), (other, one)):
        for word in WORD.findall(short):
            if word.isupper() and len(word) >= 3 and word.lower() == _initials(long):
                return True
    return False
