"""Words as newsdesk compares them: content words (stop words out, light stemming), and the
key terms (numbers, capitalised names) that a supporting sentence must contain."""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’.-]*")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
STOP = set("""a an the and or but of to in on for with by at from as is are was were be been
being has have had do does did that this these those it its it's their there they them he she
his her we you i not no so such than then also which who whom what when where why how about
into over under after before said says say will would can could may might should per very more
most other some any all each both only just up out if himself herself itself themselves""".split())


# Numbers written as words, with the figure they stand for ("seven counts", "two-year").
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
                "seven": "7", "eight": "8", "nine": "9", "ten": "10", "eleven": "11",
                "twelve": "12", "dozen": "12", "hundred": "100", "thousand": "1000"}

CALENDAR = set("monday tuesday wednesday thursday friday saturday sunday january february "
               "march april may june july august september october november december".split())
# A name as written: capitalised words, joined by "of", "de", "van" or "von" ("Bank of
# England", "Shin Won-sik").
NAME_RUN = r"[A-Z][\w'’.&-]*(?:\s+(?:of\s+|de\s+|van\s+|von\s+)?[A-Z][\w'’.&-]*)*"
_ACRONYM = re.compile(r"(?:[a-z]\.)+[a-z]")  # "u.s" (from "U.S."): the same word as "us"


def normalize(word: str) -> str:
    word = word.lower().strip(".'’-")
    if len(word) > 2 and word.endswith(("'s", "’s")):
        word = word[:-2].strip(".")  # a possessive, of a short name too: "X's", "EU's", "U.S.'s"
    if _ACRONYM.fullmatch(word):
        return word.replace(".", "")
    if len(word) > 5 and word.endswith(("ied", "ies")):
        return word[:-3] + "y"  # "testified", "companies": "testify", "company"
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


# Irregular verb forms, each to its base ("sent" -> "send"), so that "Did Japan send weapons?"
# shares its verb with "Tokyo has sent helmets". Forms that are also other words are left
# out ("found": founded; "left", "saw", "lay").
_VERB_BASE = {form: base for base, forms in {
    "send": "sent", "pay": "paid pays", "sell": "sold", "buy": "bought buys", "make": "made",
    "take": "took taken", "give": "gave given", "tell": "told", "lead": "led", "meet": "met",
    "begin": "began begun", "write": "wrote written", "bring": "brought", "hold": "held",
    "keep": "kept", "spend": "spent", "build": "built", "fall": "fell fallen",
    "rise": "rose risen", "strike": "struck", "choose": "chose chosen", "drive": "drove driven",
    "grow": "grew grown", "know": "knew known", "speak": "spoke spoken", "steal": "stole stolen",
    "catch": "caught", "fight": "fought", "seek": "sought", "say": "said says", "hear": "heard",
    "become": "became", "come": "came", "go": "went gone goes", "break": "broke broken",
    "lose": "lost", "win": "won wins", "beat": "beaten", "throw": "threw thrown",
    "shoot": "shot", "swear": "swore sworn", "withdraw": "withdrew withdrawn",
    "stand": "stood", "sink": "sank sunk", "teach": "taught", "think": "thought",
    "draw": "drew drawn", "fly": "flew flown", "run": "ran runs", "get": "got gotten gets",
    "forget": "forgot forgotten", "shake": "shook shaken", "stick": "stuck", "tear": "tore torn",
    "lend": "lent", "mean": "meant", "feel": "felt", "deal": "dealt", "flee": "fled",
    "feed": "fed", "sleep": "slept", "freeze": "froze frozen", "ride": "rode ridden",
    "hide": "hid hidden", "understand": "understood",
}.items() for form in forms.split()}


def base_words(text: str) -> set[str]:
    """`content_words`, an irregular verb form as its base ("sent" -> "send")."""
    return {_VERB_BASE.get(w, w) for w in content_words(text)}


def content_words(text: str) -> set[str]:
    return {normalize(w) for w in WORD.findall(text) if w.lower() not in STOP and len(w) > 1}


# A capital letter standing alone, a name ("Twitter, now called X"), not a piece of "S&P".
_LONE_CAPITAL = re.compile(r"(?<![\w&'’.])[B-HJ-Z](?![\w&'’])")


def lone_capitals(text: str) -> set[str]:
    """One-letter names ("X"), lower-cased; "A" and "I" are words, not names."""
    return {m.group(0).lower() for m in _LONE_CAPITAL.finditer(text)}


def key_terms(text: str) -> set[str]:
    """Numbers and capitalised names (not sentence-initial) that a support must contain."""
    terms = {n.replace(",", "") for n in NUMBER.findall(text)}
    words = WORD.findall(text)
    for i, word in enumerate(words):
        if i > 0 and word[0].isupper() and word.lower() not in STOP and len(word) > 1:
            terms.add(normalize(word))
    return terms
