"""Does a sentence state a claim, state its opposite, or neither?

Checked directly, with rules that a reader can follow: a verdict is only as good as the
sentence it quotes, and the small local model cannot tell "pleaded guilty" from "pleaded
not guilty" reliably. A sentence *contradicts* a claim when it is about the same thing
(enough of the claim's words) and

- negates one of the claim's words ("pleaded not guilty", "no weapons", "non-lethal",
  "declined to ...") where the claim does not, or
- uses the opposite word ("fell" for "rose", "denies" for "admitted"), or
- gives another number for the same thing ("2.3 billion" for "5 billion"), or
- names someone or somewhere else, where the name the claim uses appears nowhere in the
  passages (if it does appear, the sentence may just call it differently: "the South
  Korean government" for "Seoul").

It *states* the claim when it is about the same thing and none of that holds. Everything
else is *not stated*.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsdesk.answer.contest import (REVERSED, SAME, compare, result_of, result_words,
                                     speaks_of_result)
from newsdesk.text import (CALENDAR, NAME_RUN, NUMBER, NUMBER_WORDS, WORD, STOP, base_words,
                           content_words, lone_capitals, normalize)

STATES, CONTRADICTS, NOT_STATED = "states", "contradicts", "not stated"
NEGATION = re.compile(
    # "No 1", "No. 2": a rank, not a denial ("no 5G support" is one)
    r"\b(not|never|(?-i:No|NO)(?!\.?\s?\d)|(?-i:no)(?!\.\s?\d)|none|nobody|nothing|"
    r"neither|nor|without|non|cannot|denied|denies|deny|denying|declin\w*|refus\w*|"
    r"reject\w*|fail(?:s|ed)? to|rul(?:e|ed|es|ing) out|halt\w*|suspend\w*|scrap\w*|"
    r"cancel\w*|abandon\w*|stopp?\w*|postpon\w*|delay\w*|paus\w*|"
    r"yet to|fell short|short of|unable|instead of|rather than|forbid\w*|prohibit\w*)\b|"
    r"n[’']t\b|\bnon-", re.IGNORECASE)
NEGATION_SCOPE = 4  # content words after a negation that it covers
# Families of words with opposite meanings, as news uses them (word starts). A claim using
# one family contradicts a sentence that uses only the opposite one ("rose" / "fell").
_OPPOSITE_FAMILIES = [
    ("rise ris rose climb gain increas jump surg grew grow soar higher", "fall fell drop "
     "declin decreas slid slump shrank shrink plung tumbl lower"),
    ("approv accept admit confirm", "reject refus deny deni veto"),
    ("guilty convict", "acquit innocent"),
    ("beat exceed surpass top", "miss short"),
    ("keep kept continu resum running", "paus halt suspend stop stopp"),
]


def _family_words(stems: str) -> tuple[str, ...]:
    return tuple(stems.split())


OPPOSITES = [(_family_words(a), _family_words(b)) for a, b in _OPPOSITE_FAMILIES]


def _in_family(word: str, family: tuple[str, ...]) -> bool:
    """A stem ending in "=" is a whole word ("born=": not "borne"; "birth=": not
    "birthday"), as in answer_types' families of acts."""
    return any(word == stem.rstrip("=")
               or (len(stem) >= 3 and not stem.endswith("=") and word.startswith(stem))
               for stem in family)


HEDGE = re.compile(r"\b(may|might|could|would|consider\w*|weigh\w*|review\w*|"
                   r"possib\w*|plans?|planned|planning|propos\w*|"
                   r"if(?!\s+anything\s*(?:[,;:.)]|$))|whether|expected|likely|seek\w*|aims?|"
                   r"hopes?|threat\w*|warn\w*|call(?:s|ed)? for|urg\w*)\b",
                   re.IGNORECASE)
MIN_TOPIC = 0.4  # share of the claim's content words a sentence on its topic holds
CONTRADICT_TOPIC = 0.6  # share it must hold to contradict it with another word or figure
STATE_TOPIC = 0.8  # share it must hold (names its passage gives count) to state the claim


@dataclass(frozen=True)
class Stance:
    relation: str  # STATES, CONTRADICTS or NOT_STATED
    reason: str = ""  # why, in words: "negates 'guilty'", "says 2.3, not 5"
    by_figure: bool = False  # contradicted by another figure ("says 8.5, not 20")


def _words(text: str) -> list[tuple[str, str]]:
    """(word as written, normalized) for each word."""
    return [(w, normalize(w)) for w in WORD.findall(text)]




def name_runs(text: str) -> list[set[str]]:
    """Runs of capitalised words, each one name ("Palo Alto Networks" -> {palo, alto, network})."""
    runs, current = [], set()
    for raw in WORD.findall(text) + [""]:
        word = raw.strip(".'’-")
        if word[:1].isupper() and len(word) > 1 and word.lower() not in STOP \
                and word.lower() not in CALENDAR:
            current.add(normalize(word))
            if raw.endswith((".", "’s", "'s")) and not raw.endswith(("Inc.", "Co.", "Corp.")):
                runs.append(current)
                current = set()
        elif current:
            runs.append(current)
            current = set()
    return runs


def _absent_names(claim: str, text: str) -> set[str]:
    """The claim's names of which the text holds no word (a name is held when any of its
    words is: "Palo Alto" holds "Palo Alto Networks"; "YouTube" holds "YouTuber")."""
    words = content_words(text) | lone_capitals(text)  # "Twitter, now called X" holds "X's"
    return {" ".join(sorted(run)) for run in name_runs(claim)
            if not any(_matches(w, words, same_act=False) for w in run)}


def _names(text: str) -> set[str]:
    """Capitalised words (the first one too) that are not stop words or calendar words."""
    words = (w.strip(".'’-") for w in WORD.findall(text))
    return lone_capitals(text) | {normalize(w) for w in words if w[:1].isupper() and len(w) > 1
            and w.lower() not in STOP and w.lower() not in CALENDAR}


def numbers(text: str) -> set[str]:
    found = {n.replace(",", "").rstrip(".") for n in NUMBER.findall(text)}
    # A number word standing alone ("seven counts"), not inside a compound ("one-off") nor
    # in "one of the owners", which counts nothing.
    for match in re.finditer(r"(?<![\w-])[A-Za-z]+(?![\w-])", text):
        word = match.group(0).lower()
        if word in NUMBER_WORDS and not (word == "one" and _OF.match(text, match.end())):
            found.add(NUMBER_WORDS[word])
    return found


_OF = re.compile(r"\s+of\b")


# Words news uses for the same act or thing, matched as one ("sent" / "provided", "bought" /
# "acquired", "praise" / "impressed"): word starts, as in the families of opposites below,
# or whole words where marked "=" (never a family's first word: `_act_family` names a family
# by it).
_SAME = [tuple(group.split()) for group in (
    "send sent ship deliver provid suppl gave give giving donat sell sold",
    "buy bought acquir purchas",
    "fire fired oust dismiss sack reliev",
    "kill killed death died dead",
    "win won victor award",
    "dock deduct penalt",
    "sue sued lawsuit",
    "resign quit step stepp",
    "pick select chose choos",
    "prais laud commend applaud impress",
    "born= birth=",
    "latest recent= newest",
    "scor nett",
    "announc unveil",
)]


def _same_act(word: str, other: str) -> bool:
    return any(_in_family(word, group) and _in_family(other, group) for group in _SAME)


def act_words(text: str) -> set[str]:
    """`base_words`, a word of a same-act family as the family's first word, so that "What
    did Seoul send?" shares its verb with "The government has provided ..."."""
    return {_act_family(word) for word in base_words(text)}


@lru_cache(maxsize=65536)
def _act_family(word: str) -> str:
    """The first word of the word's same-act family, or the word (scored sentences repeat
    their words, so each is looked up once)."""
    return next((group[0] for group in _SAME if _in_family(word, group)), word)


def _matches(word: str, claim_words: set[str], same_act: bool = True) -> bool:
    return word in claim_words or any(
        (len(c) > 4 and len(word) > 4 and (word.startswith(c) or c.startswith(word)))
        or (same_act and _same_act(word, c)) for c in claim_words)


# "... but declined to do so", "did not do so": the negation is of the act said before it.
_DO_SO = re.compile(r"\s+(?:to\s+)?(?:do|doing|did|done)\s+so\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;.!?]")


# "Nothing about X is Y": what is negated is said after X's verb.
_NOTHING_ABOUT = re.compile(r"\s+about\b[^,;:.!?]{0,60}?\b(?:is|was|are|were|seems?|seemed|"
                            r"looks?|looked)\b",
                            re.IGNORECASE)


def negated_words(text: str) -> set[str]:
    """Normalized content words within the scope of a negation ("not guilty" -> guilty): the
    NEGATION_SCOPE words after it; for "declined to do so", those before it (what was not
    done); for "neither ... nor", the rest of the sentence ("neither the board nor the union
    has any plans to strike")."""
    out: set[str] = set()
    for match in NEGATION.finditer(text):
        word = match.group(0).lower()
        if word.startswith("non-"):
            following = re.match(r"non-(\w+)", text[match.start():], re.IGNORECASE)
            if following:
                out.add(normalize(following.group(1)))
            continue
        rest = text[match.end():]
        before = text[:match.start()].rstrip()
        opens = not before or before[-1] in ",;:"  # "nothing" opens a clause
        topic = _NOTHING_ABOUT.match(rest) if word == "nothing" and opens else None
        if topic:
            rest = re.split(r"[,;:.!?]", rest[topic.end():])[0]  # "... is new": "new"
        after = [n for w, n in _words(rest)
                 if w.lower() not in STOP or w.lower() in ("more", "up", "down")]
        if word == "neither":
            end = _CLAUSE_END.search(rest)
            out.update(n for w, n in _words(rest[:end.start()] if end else rest)
                       if w.lower() not in STOP)
        elif _DO_SO.match(rest):
            before = [n for w, n in _words(text[:match.start()]) if w.lower() not in STOP]
            out.update(before[-2 * NEGATION_SCOPE:])
        out.update(after[:NEGATION_SCOPE])
    return out


def _negation_conflict(claim: str, sentence: str) -> str:
    """A word of the claim (not a name: "none of it goes to Ukraine" negates the going, not
    Ukraine) that the sentence negates and the claim does not."""
    claim_words = content_words(claim) - {"no", "not"} - _names(claim)
    in_claim = negated_words(claim) & claim_words
    # The very word, not another word for the act: "declining to ship arms" does not negate
    # "send mine detectors".
    in_sentence = {w for w in negated_words(sentence) if _matches(w, claim_words, same_act=False)}
    flipped = in_sentence - in_claim
    if not flipped or in_claim:
        return ""
    # A negation speaks of the claim only in a sentence about its act: "the Astros had not
    # seen a World Series title" denies nothing about MLB stripping them of one. ("non-"
    # words negate themselves: "non-lethal" aid is no lethal aid.)
    act = _act(claim)
    hyphened = {normalize(w) for w in re.findall(r"\bnon-(\w+)", sentence, re.IGNORECASE)}
    said = _with_parts(content_words(sentence))
    if act and not flipped & hyphened and not _matches(act, said):
        return ""
    # Only the act negated: it must be said of what the claim says it was done to. "A
    # refusal to send weapons" says nothing of whether fighter jets were sent.
    done_to = _object_of(claim, act)
    if (act and all(_matches(w, {act}, same_act=False) for w in flipped) and done_to
            and not any(_matches(w, said) for w in done_to)):
        return ""
    return f"negates '{sorted(flipped)[0]}'"


_PREPOSITION = re.compile(r"(?:to|with|against|for|in|into|on|at|from|over|by|about|after|"
                          r"before|during|as)$", re.IGNORECASE)


def _object_of(claim: str, act: str) -> set[str]:
    """The words right after the claim's act, up to a preposition: what it was done to
    ("Seoul send fighter jets to Ukraine" -> fighter, jet)."""
    words = WORD.findall(claim)
    at = next((i for i, w in enumerate(words) if normalize(w) == act), None)
    done_to: set[str] = set()
    for word in words[at + 1:] if at is not None else []:
        if _PREPOSITION.match(word):
            break
        done_to |= content_words(word)
    return done_to


# A claim that something was not done: "refused to testify", "did not testify".
_NOT_DONE = re.compile(r"\b(?:(?:refus|declin|fail)\w*\s+to|not|never|\w+n[’']t)\s+([a-z]+)\b",
                       re.IGNORECASE)


def _affirmation_conflict(claim: str, sentence: str, passage: str) -> str:
    """The claim says something was not done ("Ellison refused to testify against
    Bankman-Fried"), and the sentence says, without a negation and of the rest of the claim,
    that it was ("Ellison testified")."""
    match = _NOT_DONE.search(claim)
    if match is None or NEGATION.search(sentence) or hedged(sentence, claim):
        return ""
    act = normalize(match.group(1))
    said = content_words(sentence)
    if act in STOP or not _matches(act, said):
        return ""
    rest = claim[:match.start()] + " " + claim[match.start(1):]
    runs = name_runs(claim[:match.start()])
    actor = runs[0] if runs else set()  # who the claim says did not do it, named by the sentence
    if held_share(rest, sentence, passage) < STATE_TOPIC or not actor & said:
        return ""
    return f"says '{match.group(1)}' was done"


_PLACE = NAME_RUN
# Where a claim puts someone's base ("X based in Berlin"), and where a sentence does:
# "based in Munich", "a Munich startup", "the Munich-based firm", "picked Paris as its home
# base", "headquartered in Munich".
_CLAIMED_BASE = re.compile(rf"\b(?:based|headquartered|located)\s+in\s+(?:the\s+)?({_PLACE})")
_SAID_BASE = [re.compile(pattern) for pattern in (
    rf"\b(?:based|headquartered)\s+in\s+(?:the\s+)?({_PLACE})",
    rf"\b({_PLACE})-based\b",
    r"\b(?:a|an)\s+([A-Z][\w'’-]+)\s+(?:startup|start-up|company|firm|fintech|neobank|"
    r"neobroker|bank|lender|insurer|retailer|carmaker|manufacturer)\b",
    rf"\b(?:picked|chosen|chose|made)\s+({_PLACE})\s+(?:as\s+)?its\s+(?:home\s+)?base\b",
    rf"\bheadquarters\s+in\s+(?:the\s+)?({_PLACE})",
)]


def _base_conflict(claim: str, sentence: str) -> str:
    """The claim puts its subject's base in one place and a sentence naming the subject
    puts it in another ("Scalable Capital, a Munich startup" for "Scalable Capital based in
    Berlin")."""
    claimed = _CLAIMED_BASE.search(claim)
    # the subject: the name right before "based" ("the AI coding startup Poolside")
    runs = name_runs(claim[:claimed.start()])[-1:] if claimed else []
    if not runs or not runs[0] & content_words(sentence):
        return ""
    place = content_words(claimed.group(1))
    for pattern in _SAID_BASE:
        for match in pattern.finditer(sentence):
            said = content_words(match.group(1))
            # said of the subject: its name right beside ("Scalable Capital, a Munich
            # startup"; "the Munich-based Scalable Capital")
            after = sentence[match.end():].split()[:3] if "-based" in match.group(0) else []
            beside = content_words(" ".join(sentence[:match.start()].split()[-3:] + after))
            if said and not said & place and not said & runs[0] and beside & runs[0]:
                return f"puts it in {match.group(1)}, not {claimed.group(1)}"
    return ""


def _act(claim: str) -> str:
    """The claim's first word that is not a name, a number, a stop word, a hedge or a word
    describing its subject ("the payments startup Rainforest raise ..." -> raise): usually
    what it says was done ("Menendez plead guilty" -> plead; "Seoul planning to send
    weapons" -> send)."""
    describing = _describing(claim)
    for word in WORD.findall(_ROUNDING.sub("", claim)):  # not "around" in "have around $3B"
        if (word.lower() not in STOP and not word[:1].isupper() and not NUMBER.fullmatch(word)
                and word.lower() not in NUMBER_WORDS and word.lower() not in _SCALES
                and not HEDGE.fullmatch(word) and normalize(word) not in describing):
            return normalize(word)
    return ""


SIDE_WORDS = 3  # words (stop words aside) on each side of an opposite word that it speaks of
_CLAUSES = re.compile(r"[,;:()\u2013\u2014]|\s-\s")  # where a sentence's clauses part


def _sides(words: list[str], at: int) -> tuple[set[str], set[str]]:
    """The normalized words, stop words aside, just before and just after words[at]."""
    before = [normalize(w) for w in reversed(words[:at]) if w.lower() not in STOP]
    after = [normalize(w) for w in words[at + 1:] if w.lower() not in STOP]
    return set(before[:SIDE_WORDS]), set(after[:SIDE_WORDS])


def _opposite_conflict(claim: str, sentence: str) -> str:
    """The sentence uses only the opposite word of the claim's ("fell" for "rose"), said of
    what the claim says it of: a word standing before the claim's word (its subject) stands
    before the sentence's, or one after it (its object) after, in the same clause. "The
    inquiry, centred on Lopes, continues" and "Lopes' role continues to be examined" say
    nothing of whether the club suspended Lopes."""
    claim_words = WORD.findall(claim)
    sentence_words = {w.lower() for w in WORD.findall(sentence)}
    clauses = [WORD.findall(part) for part in _CLAUSES.split(sentence)]
    for one, other in OPPOSITES + [(b, a) for a, b in OPPOSITES]:
        said = [i for i, w in enumerate(claim_words) if _in_family(w.lower(), one)]
        if not said or any(_in_family(w, one) for w in sentence_words):
            continue
        subject, target = _sides(claim_words, said[0])
        for clause in clauses:
            for at in (i for i, w in enumerate(clause) if _in_family(w.lower(), other)):
                if _said_of(_sides(clause, at), subject, target):
                    return f"says '{clause[at].lower()}', not '{claim_words[said[0]].lower()}'"
    return ""


def _said_of(sides: tuple[set[str], set[str]], subject: set[str], target: set[str]) -> bool:
    """A word of the claim's subject stands before the word, or one of its object after."""
    before, after = sides
    return (any(_matches(w, subject, same_act=False) for w in before)
            or any(_matches(w, target, same_act=False) for w in after))


# Which one of a series: "the first deal", "its second title", "the 3rd round".
_ORDINALS = {"first": 1, "initial": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
             "fourth": 4, "4th": 4, "fifth": 5, "5th": 5, "sixth": 6, "6th": 6}
_ORDINAL = re.compile(r"\b(" + "|".join(_ORDINALS) + r")\b", re.IGNORECASE)


def ordinals(text: str) -> set[int]:
    """The places in a series the text names ("the second deal" -> {2})."""
    return {_ORDINALS[m.group(1).lower()] for m in _ORDINAL.finditer(text)}


# A numbered one of a series: "Game 2", "Week 13", "Q3" (a quarter), "Round 3".
_NUMBERED = re.compile(r"\b(game|week|round|stage|episode|season|match|leg|day|part|phase|"
                       r"heat|chapter|test|q)\s?(\d{1,2})\b", re.IGNORECASE)


def numbered(text: str) -> dict[str, set[str]]:
    """The numbered ones of a series the text names, by series ("Game 3" -> {game: {3}})."""
    found: dict[str, set[str]] = {}
    for m in _NUMBERED.finditer(text):
        found.setdefault(m.group(1).lower(), set()).add(m.group(2))
    return found


def other_in_series(sentence: str, question: str) -> bool:
    """The question asks about one of a series ("Hyundai Rotem's first K2 deal", "Game 2")
    and the sentence speaks only of another one ("the second deal under the agreement",
    "Game 3"): another event, which neither states nor contradicts it."""
    asked, said = ordinals(question), ordinals(sentence)
    if asked and said and not asked & said:
        return True
    asked_numbered, said_numbered = numbered(question), numbered(sentence)
    return any(not asked_numbered[series] & said_numbered[series]
               for series in asked_numbered.keys() & said_numbered.keys())


def is_year(number: str) -> bool:
    return len(number) == 4 and number[:2] in ("19", "20")


def _number_conflict(claim: str, sentence: str) -> str:
    """Another figure for the claim's figure; a year is only compared with years."""
    wanted, given = numbers(claim), numbers(sentence)
    wanted_years, given_years = {n for n in wanted if is_year(n)}, {n for n in given if is_year(n)}
    if wanted_years and given_years and not wanted_years & given_years:
        return f"says {', '.join(sorted(given_years))}, not {', '.join(sorted(wanted_years))}"
    wanted_units, given_units = _values_by_unit(claim), _values_by_unit(sentence)
    if wanted_units:  # a figure with what it counts is compared with figures of that kind
        for unit in wanted_units.keys() & given_units.keys():
            if not wanted_units[unit] & given_units[unit]:
                return (f"says {', '.join(sorted(given_units[unit]))}, not "
                        f"{', '.join(sorted(wanted_units[unit]))}")
        return ""
    wanted, given = wanted - wanted_years, given - given_years
    if wanted and given and not wanted & given:
        return f"says {', '.join(sorted(given))}, not {', '.join(sorted(wanted))}"
    return ""


_VALUE_AND_UNIT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*-?\s*([a-z%]+)", re.IGNORECASE)


def _values_by_unit(text: str) -> dict[str, set[str]]:
    """Figures by what they count ("7.4 inches" and "7-inch": both under "inch")."""
    out: dict[str, set[str]] = {}
    for match in _VALUE_AND_UNIT.finditer(text):
        number, unit = match.group(1), normalize(match.group(2))
        money = text[max(0, match.start() - 1):match.start()] in _CURRENCY
        unit = _UNIT_SHORT.get(unit) or (money and _MONEY_SHORT.get(unit)) or unit
        if unit not in STOP and not is_year(number.replace(",", "")):
            out.setdefault(unit[:4], set()).add(number.replace(",", ""))
    return out


# Short forms of large amounts, as headlines write them ("$14tn", "€2bn"); "m", "b" and
# "k" only after a currency sign ("$3B", "£40m"), since "3M" is a company and "100 m" a
# distance.
_UNIT_SHORT = {"tn": "trillion", "trn": "trillion", "bn": "billion", "mn": "million",
               "mln": "million"}
_MONEY_SHORT = {"b": "billion", "m": "million", "k": "thousand"}
_CURRENCY = ("$", "£", "€", "¥")


def _other_values(claim: str, sentence: str) -> bool:
    """The sentence gives the claim's figure and other figures of the same kind ("7.4
    inches, against the first model's 7-inch screen"): which one is the claim's subject's
    cannot be read from the words."""
    wanted = _values_by_unit(claim)
    given = _values_by_unit(sentence)
    return any(given.get(unit, set()) - values for unit, values in wanted.items())


def _name_conflict(claim: str, sentence: str, context: str) -> str:
    """The sentence says all the rest of the claim but names someone or somewhere else,
    and the name the claim uses is nowhere in the passages (where it is, or where the rest
    is not said as fully, the sentence may just call it differently: "South Korea" for
    "Seoul")."""
    claim_names = _names(claim)
    missing = _absent_names(claim, context)
    others = {n for n in _names(sentence) if not _matches(n, claim_names, same_act=False)}
    rest = content_words(claim) - claim_names - numbers(claim)
    said = {w for w in rest if _matches(w, _with_parts(content_words(sentence)))}
    if missing and others and rest and len(said) / len(rest) >= STATE_TOPIC:
        return f"names {', '.join(sorted(others))[:60]}, not {', '.join(sorted(missing))}"
    return ""


def _opening_run(text: str) -> set[str]:
    """The name a text opens with ("Tesla conducted ..." -> {tesla}), after "The"; empty if it
    opens otherwise."""
    words = WORD.findall(text)
    if words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    runs = name_runs(" ".join(words[:4]))
    first = normalize(words[0].strip(".'’-")) if words else ""
    return runs[0] if runs and first in runs[0] else set()


def _another_actor(claim: str, sentence: str) -> bool:
    """The sentence opens with a name the claim gives someone other than its actor: it says
    what that one did ("Tesla conducted its own crash tests" for "NHTSA is planning to
    crash-test the Cybertruck"; "Eintracht ... outplaying Bayern" for "Bayern beat
    Eintracht"), which does not state the claim."""
    runs = name_runs(claim)
    opening = _opening_run(sentence)
    if len(runs) < 2 or not opening:
        return False
    actor, others = runs[0], runs[1:]
    return not opening & actor and any(opening & other for other in others)


# Words that only round or count a figure ("around $3 billion", "four times"): the figure
# is compared as itself, and the sentence need not say them ("scoring four").
_FIGURE_AHEAD = r"(?=[$€£¥]?\d|(?:" + "|".join(NUMBER_WORDS) + r")\b)"
_ROUNDING = re.compile(r"\b(?:around|roughly|approximately|nearly|almost)\s+" + _FIGURE_AHEAD,
                       re.IGNORECASE)
_TIMES = re.compile(r"\b(\d[\d,.]*|" + "|".join(NUMBER_WORDS) + r")\s+times\b",
                    re.IGNORECASE)
_SCALES = {"thousand", "million", "billion", "trillion"}


def _claim_words(claim: str) -> set[str]:
    """The claim's content words a sentence must hold: not its figures, nor the words that
    only round or count one."""
    bare = _TIMES.sub(r"\1", _ROUNDING.sub("", claim))
    return content_words(bare) - numbers(bare)


def _units_given(claim: str, sentence: str) -> set[str]:
    """The claim's amount words ("billion") that the sentence gives with the claim's figure,
    in any form ("$3B" for "$3 billion")."""
    given = _values_by_unit(sentence)
    units = {unit for unit, values in _values_by_unit(claim).items()
             if values & given.get(unit, set())}
    return {w for w in content_words(claim) & _SCALES if w[:4] in units}


def held_share(claim: str, sentence: str, passage: str, also: set[str] = frozenset(),
               title: str = "") -> float:
    """Share of the claim's content words (numbers aside) the sentence holds, a name and
    the words describing it counting as held when its passage has them (the sentence may
    say "the government", or "the company" for "the payments startup Rainforest"). `also`:
    words the sentence says in its own way (a result: "pulverised" for "beat"); `title`:
    its article's title, whose words every sentence of the article is about ("a court
    rejected the firm's arguments" under a title on the country's ban of its ads)."""
    claim_words = _claim_words(claim)
    if not claim_words:
        return 0.0
    in_sentence = _with_parts(content_words(sentence)) | set(also) | _units_given(claim, sentence)
    in_passage = content_words(passage)
    named = (_names(claim) | _describing(claim)) - _replaced_full_names(claim, sentence,
                                                                        in_sentence)
    held = {w for w in claim_words
            if _matches(w, in_sentence) or (w in named and _matches(w, in_passage, False))}
    held |= _described_beside(claim, passage, in_sentence) & claim_words
    in_title = content_words(title)
    held |= {w for w in claim_words if _matches(w, in_title, False)}
    return len(held) / len(claim_words)


NEAR_NAME = 3  # words between a name and a word describing it in the passage


def _described_beside(claim: str, passage: str, in_sentence: set[str]) -> set[str]:
    """The words after a name the sentence holds that describe it ("the Renaissance concert
    film" -> {concert, film}), when its passage writes them within NEAR_NAME words of the
    name ("the concert film Renaissance"): the sentence may say only "Renaissance". Read
    beside the name, so that an act after a subject ("the Wild fire Evason") counts only
    where the passage joins it to the name."""
    words = WORD.findall(claim)
    found: set[str] = set()
    passage_words = [normalize(w) for w in WORD.findall(passage)]
    for i, word in enumerate(words):
        name = normalize(word.strip(".'’-"))
        if not (i and word[:1].isupper() and name in in_sentence):
            continue
        after = []
        for following in words[i + 1:i + 1 + MAX_DESCRIBING]:
            if following[:1].isupper() or following.lower() in STOP or _VERB.fullmatch(following):
                break
            after.append(normalize(following))
        places = [k for k, w in enumerate(passage_words) if w == name]
        for described in after:
            near = (set(passage_words[max(0, k - NEAR_NAME):k + NEAR_NAME + 1]) for k in places)
            if any(_matches(described, words, False) for words in near):
                found.add(described)
    return found


def _replaced_full_names(claim: str, sentence: str, in_sentence: set[str]) -> set[str]:
    """The words of the claim's full names ("Ana Lopes") that the sentence leaves out while
    naming someone else in full ("The club picked Rui Costa"): that one is not the claim's,
    called otherwise. A one-word name ("Seoul") may be called otherwise ("the South Korean
    government")."""
    claim_words = content_words(claim)
    others = [run for run in name_runs(sentence) if len(run) >= 2 and not run & claim_words]
    if not others:
        return set()
    return {w for run in name_runs(claim) if len(run) >= 2
            and not any(_matches(w, in_sentence, False) for w in run) for w in run}


MAX_DESCRIBING = 4


def _describing(claim: str) -> set[str]:
    """The words a claim opens with to describe the name it is about: "the payments startup
    Rainforest" -> {payment, startup}; "the AI coding startup Poolside" -> {ai, coding,
    startup}. Empty when the claim does not open with a described name."""
    words = WORD.findall(claim)
    if not words or words[0].lower() not in ("the", "a", "an"):
        return set()
    found: set[str] = set()
    for word in words[1:MAX_DESCRIBING + 2]:
        if word[:1].isupper() and not word.isupper():
            return found
        if _VERB.fullmatch(word):
            return set()  # "the jury convicted Bankman-Fried": an act, not a description
        if word.lower() not in STOP:
            found.add(normalize(word))
    return set()


_VERB = re.compile(r"[a-z]+ed|said|won|lost|sold|bought|paid|sent|gave|took|made|beat|hit|led|"
                   r"told|named|(?:is|are|was|were|has|have|had|will|would)", re.IGNORECASE)


def _with_parts(words: set[str]) -> set[str]:
    """Hyphenated words also count as their parts ("non-lethal" holds "lethal")."""
    return words | {part for w in words if "-" in w for part in w.split("-") if len(part) > 2}


def hedged(sentence: str, question: str) -> bool:
    """The sentence speaks of a possibility, a plan or a review ("may", "would consider",
    "weighs") that the question does not ask about: it does not state
    that the thing happened. Hedges are compared by their start: "no plans" answers "Is
    it planning to ...?". A hedge in a clause after the last one that holds a word of the
    question is of something else: "Check Point ended the quarter with $3B in cash, which
    could open the door to acquisitions"."""
    asked = content_words(question)
    clauses = _CLAUSES.split(sentence)
    holding = [i for i, clause in enumerate(clauses)
               if any(_matches(w, asked, same_act=False) for w in content_words(clause))]
    said = ", ".join(clauses[:holding[-1] + 1]) if holding else ""
    return bool(_hedges(said) - _hedges(question))


def _hedged_negation(sentence: str, question: str) -> bool:
    """Every negation of the sentence is said as a possibility, "may", "might" or "likely"
    right before it: "the star may not be as large as believed" does not say that it is
    not smaller. ("Seoul would review its refusal to send weapons" still refuses; "Theresa
    May did not resign" is no possibility.)"""
    negations = list(NEGATION.finditer(sentence))
    asked = {m.group(0).lower() for m in _possibilities(question)}
    possible = [m for m in _possibilities(sentence) if m.group(0).lower() not in asked]
    return bool(negations and possible) and all(
        any(len(sentence[p.end():n.start()].split()) < HEDGE_REACH and p.end() <= n.start()
            for p in possible) for n in negations)


def _possibilities(text: str) -> list[re.Match]:
    """"may", "likely", ... (`_uncapitalised`)."""
    return _uncapitalised(_POSSIBLY, text)


def _uncapitalised(pattern: re.Pattern, text: str) -> list[re.Match]:
    """The pattern's matches, but one written capitalised inside a sentence, which is a
    name or the month ("opened in May", "Warner Bros.", "Theresa May")."""
    return [m for m in pattern.finditer(text)
            if not (m.group(0)[:1].isupper() and m.start() > 0)]


_POSSIBLY = re.compile(r"\b(?:may|might|possibly|perhaps|likely|probably)\b", re.IGNORECASE)
HEDGE_REACH = 2  # words between a possibility and the negation it makes one


def _hedges(text: str) -> set[str]:
    """The hedging words of a text (`_uncapitalised`), by their first four letters."""
    return {m.group(0).lower()[:4] for m in _uncapitalised(HEDGE, text)}


def topic_share(claim: str, sentence: str) -> float:
    """Share of the claim's content words (numbers aside) that the sentence holds."""
    claim_words = _claim_words(claim)
    if not claim_words:
        return 0.0
    sentence_words = _with_parts(content_words(sentence))
    held = {w for w in claim_words if _matches(w, sentence_words)}
    return len(held) / len(claim_words)


def stance(claim: str, sentence: str, context: str = "", question: str = "",
           about: bool | None = None, passage: str = "", published: str = "",
           title: str = "") -> Stance:
    """The sentence's stance on the claim. `passage` is the text around the sentence (the
    subject the claim names must be there), `context` all the passages (for names the
    sentence may call differently), `question` the question as asked (for hedges), and
    `published` its article's date (a report from 2023 need not say "in 2023"), `title` its
    article's title (whose words count as said when the sentence states the claim); `about`
    overrides the word-overlap test of whether the sentence is on the claim's topic."""
    passage = passage or sentence
    if other_in_series(sentence, claim):
        # "The Rangers won Game 3" neither states nor contradicts that they won Game 2.
        return Stance(NOT_STATED, "speaks of another one of a series")
    # A result between the claim's sides is about the claim, in whatever words ("Frankfurt
    # pulverised Bayern" for "Bayern beat Frankfurt"); see contest.py.
    outcome = compare(claim, sentence)
    said = result_words(claim) if outcome else set()
    if not (outcome or topic_share(claim, sentence) >= MIN_TOPIC if about is None else about):
        return Stance(NOT_STATED)
    conflict = _name_conflict(claim, sentence, context or passage) or _base_conflict(claim,
                                                                                    sentence)
    if conflict:
        return Stance(CONTRADICTS, conflict)
    absent = _absent_names(claim, passage)
    if absent:
        return Stance(NOT_STATED, f"its passage does not speak of {', '.join(sorted(absent))}")
    if (outcome == REVERSED and held_share(claim, sentence, passage, said) >= CONTRADICT_TOPIC
            and not hedged(sentence, question or claim)):
        return Stance(CONTRADICTS, "says the other side won")
    negated = (not _hedged_negation(sentence, question or claim)
               and (_negation_conflict(claim, sentence)
                    or _affirmation_conflict(claim, sentence, passage)))
    if negated:
        return Stance(CONTRADICTS, negated)
    # Another word or figure contradicts only a sentence saying most of the rest of the
    # claim: "he joined the club in 2019" says nothing about whether the club fired him.
    if held_share(claim, sentence, passage) >= CONTRADICT_TOPIC:
        opposite = _opposite_conflict(claim, sentence)
        if opposite:
            return Stance(CONTRADICTS, opposite)
        figure = _number_conflict(claim, sentence)
        if figure:
            return Stance(CONTRADICTS, figure, by_figure=True)
    if hedged(sentence, question or claim):
        return Stance(NOT_STATED, "speaks of a possibility")
    passage_years = {n for n in numbers(f"{passage} {published[:4]}") if is_year(n)}
    if numbers(claim) - numbers(sentence) - passage_years:
        return Stance(NOT_STATED, "does not give the claim's number")
    if _other_values(claim, sentence):
        return Stance(NOT_STATED, "gives other figures of the same kind too")
    # A result between the claim's sides, in the claim's roles, is the claim's core: it
    # states the claim holding as much of the rest as a reversed one needs to contradict it.
    needed = CONTRADICT_TOPIC if outcome == SAME else STATE_TOPIC
    if outcome != SAME and _denies_beside(claim, sentence):
        # A denial that leaves a word of the claim out may deny just that word: "The
        # autopsy found no illegal drugs" holds all of "... autopsy find cocaine" but one.
        needed = 1.0
    if held_share(claim, sentence, passage, said, title) < needed:
        return Stance(NOT_STATED, "leaves part of the claim out")
    if (negated_words(sentence) & content_words(claim)) - _names(claim) - negated_words(claim):
        # A negation covering a word of the claim that no rule above read as a contradiction
        # (said of another act, say) still keeps the sentence from stating it.
        return Stance(NOT_STATED, "negates part of the claim")
    if not NEGATION.search(claim) and _negated_act(claim, sentence):
        return Stance(NOT_STATED, "a negation stands before the claim's act")
    if outcome != SAME and result_of(claim) and not speaks_of_result(sentence):
        return Stance(NOT_STATED, "says the sides met, not who won")
    if outcome != SAME and _another_actor(claim, sentence):
        return Stance(NOT_STATED, "says it of someone else the claim names")
    acts = content_words(claim) - _names(claim) - numbers(claim)
    if acts and outcome != SAME and not any(_matches(w, _with_parts(content_words(sentence))) for w in acts):
        return Stance(NOT_STATED, "names the same people but not what the claim says of them")
    if outcome != SAME and not _says_act(claim, sentence):
        return Stance(NOT_STATED, "does not say what the claim says was done")
    if _hedges(claim) and not (_hedges(sentence) & _hedges(claim) or _PROSPECT.search(sentence)):
        # "Is NHTSA planning to crash-test the Cybertruck?" is not answered by a report of
        # Tesla's own crash tests: the plan asked about must be said too.
        return Stance(NOT_STATED, "does not speak of the plan or prospect asked about")
    return Stance(STATES)


def _denies_beside(claim: str, sentence: str) -> bool:
    """The claim denies nothing, and a clause of the sentence that holds a word of the claim
    negates words the claim does not have ("found no illegal drugs"; not "..., though the
    company did not comment")."""
    if NEGATION.search(claim):
        return False
    asked = content_words(claim)
    for clause in _CLAUSES.split(sentence):
        said = content_words(clause)
        if (NEGATION.search(clause) and any(_matches(w, asked, same_act=False) for w in said)
                and any(not _matches(w, asked) for w in negated_words(clause))):
            return True
    return False


def _negated_act(claim: str, sentence: str) -> bool:
    """Wherever the sentence says the claim's act (`_act`), it stands after a negation in the
    same clause, however far ("the quay was not on the board's long list of berths it will
    close to ferries"): the sentence does not say the act was done. ("It provided mine
    detectors, while declining to ship arms" says it once without one.)"""
    act = _act(claim)
    said = negated = 0
    for clause in _CLAUSES.split(sentence) if act else []:
        negation = NEGATION.search(clause)
        for match in WORD.finditer(clause):
            if _matches(normalize(match.group(0)), {act}):
                said += 1
                negated += bool(negation and negation.end() <= match.start())
    return said > 0 and negated == said


_PROSPECT = re.compile(r"\b(?:will|going to|intends?|intending|set to|due to|scheduled|"
                      r"expects? to|is to|are to)\b", re.IGNORECASE)


def _says_act(claim: str, sentence: str) -> bool:
    """The sentence says the claim's act (`_act`), in its words or in a word of the same
    act ("relieved" for "fire"), or starting as it does ("backers" for "backing"): "Her
    documentary Harbour, A Film by Lena Hart, opened first" holds every other word of "Lena
    Hart direct the Harbour documentary film" and says nothing of who directed it."""
    act = _act(claim)
    if not act:
        return True
    words = _with_parts(content_words(sentence))
    if any(act.startswith(stem) and words & nouns for stem, nouns in _ACT_NOUNS.items()):
        return True
    return _matches(act, words) or (len(act) >= 4 and any(w[:4] == act[:4] for w in words))


# Acts a sentence says with a noun alone: "Accel led the firm's seed round" says the firm
# raised one.
_ACT_NOUNS = {"rais": {"round", "funding"}}
