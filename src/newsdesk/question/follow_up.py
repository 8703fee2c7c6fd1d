"""A follow-up that leans on the conversation ("What did he say next?", "How much is the
deal worth?") becomes a standalone search query: the previous question, the first sentence
of the answer it got (which often names who "he" is) and the follow-up. It is also restated
with what its pronoun stands for ("Where is it grown?" -> "Where is Guayule grown?"), which
is what a sentence answering it is compared with: the joined query is right for finding
passages and too long to score one sentence by."""

from __future__ import annotations

import re
from typing import Sequence

from newsdesk.question.kinds import AUXILIARY, CHOICE, YES_NO, kind_of
from newsdesk.text import NAME_RUN, STOP

_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their|theirs|it|its)\b", re.IGNORECASE)
_CONTINUATION = re.compile(r"^(and|but|also|what about|how about|why|when|where|who else)\b",
                           re.IGNORECASE)


# "What about extra accounts?": the previous question asked again of something else.
_ELLIPTICAL = re.compile(r"^\s*(?:and\s+)?(?:what|how) about\b", re.IGNORECASE)
MAX_ANSWER_WORDS = 25
_MARKER = re.compile(r"\[\d+\]")


def _answer_after(history: Sequence[dict], index: int) -> str:
    """The first sentence of the assistant's reply to turn `index`, without citations."""
    for turn in history[index + 1:]:
        if turn.get("role") == "assistant":
            text = " ".join(_MARKER.sub("", str(turn.get("content") or "")).split())
            text = re.sub(r" ([.,;:!?])", r"\1", text)
            first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
            return " ".join(first.split()[:MAX_ANSWER_WORDS])
        if turn.get("role") == "user":
            break
    return ""


def asked_again(question: str, history: Sequence[dict]) -> str:
    """For an elliptical follow-up ("What about extra accounts?"), the question it repeats
    (the previous one: it says what kind of answer is wanted); else the question itself. A
    yes/no question is not repeated: its claim would be the wrong one."""
    if not _ELLIPTICAL.match(question):
        return question
    asked = [str(t.get("content", "")) for t in history if t.get("role") == "user"]
    if not asked or not asked[-1].strip() or kind_of(asked[-1]) in (YES_NO, CHOICE):
        return question
    return asked[-1]


def rewrite_follow_up(question: str, history: Sequence[dict]) -> str:
    asked = [i for i, t in enumerate(history) if t.get("role") == "user"]
    if not asked:
        return question
    words = question.split()
    names = [w for w in words[1:] if w[:1].isupper()]
    follows = bool(_PRONOUN.search(question)) or not names or bool(_CONTINUATION.search(question))
    if not follows:
        return question
    last = asked[-1]
    parts = [history[last].get("content", ""), _answer_after(history, last), question]
    return " ".join(p.strip() for p in parts if p and p.strip())


# What a follow-up's pronoun stands for (`restate`).
_PERSON = {"he", "him", "his", "she", "her", "hers"}
_THING = {"it", "its"}
_POSSESSIVE = {"his", "its", "hers"}
_RESOLVED = re.compile(r"\b(" + "|".join(sorted(_PERSON | _THING)) + r")\b", re.IGNORECASE)
_OPENING = re.compile(r"^\s*(?:(?:and|but|so)\s+)?", re.IGNORECASE)
# "Is it true that ...", "When did it happen?": an "it" standing for no one thing.
_EMPTY_IT = re.compile(r"^\s*(?:true|possible|likely|unlikely|clear|unclear|seems?|seemed|"
                       r"takes?|took|taking|happen\w*|mean\w*|matter\w*|that)\b", re.IGNORECASE)
_ASKS_PERSON = re.compile(r"^\s*(?:who|whom|whose)\b", re.IGNORECASE)
# "Which team ...?", "What plant ...?" ask for a thing the answer names; "What did Seoul
# send?" asks what Seoul did, and "it" after it is Seoul.
_ASKS_THING = re.compile(r"^\s*(?:which|what)\s+(?!" + AUXILIARY.pattern
                         + r"|(?:may|might)\b)\w", re.IGNORECASE)
# "Who is Caroline Ellison in the FTX case?": the question is about the name it asks of.
_ASKS_OF = re.compile(r"^(?i:who|what) (?i:is|was|are|were) (?=[A-Z])([^?]+)")
_ASKS_OF_END = re.compile(r" (?:in|at|on|from|for|during|after|before|and|or|but) .*$|,.*$")
_HEAD_END = re.compile(r"[,;:(\u2013\u2014]|\s(?:who|which|that|whose|on|in|at|is|was|has|had|"
                       r"will|would|said|says)\s|\.\s|\.$")
# An answer of newsdesk's own that names nothing: a verdict, "The articles do not say", a
# quote under its outlet and date ("Science Wire, 2023-09-28: “...”").
_NO_HEAD = re.compile(r"^\W*(?:yes|no|probably|the articles|that is not|i don't know)\b|"
                      r"^\W*[^“\"]{0,120}\d{4}-\d{2}-\d{2}\)?:", re.IGNORECASE)
_NOT_A_SUBJECT = STOP - {"the", "a", "an"}  # "He warned Seoul ...": a pronoun, no name
_ARTICLES = {"the", "a", "an"}
# Words after "her" that show it is the object ("replaced her later"), not a possessive
# ("her company").
_NOT_A_NOUN = {"later", "again", "now", "then", "yet", "ever", "back", "once", "today",
               "yesterday", "ago", "earlier", "since", "too", "instead"}
MAX_REFERENT_WORDS = 6
_NAME = re.compile(NAME_RUN)


def restate(question: str, history: Sequence[dict]) -> str:
    """The follow-up with its first he/she/it (him, his, her, its) replaced by what it most
    likely stands for; the question itself when it has none or nothing is found ("they" is
    left alone). The referent: the name a "Who is X?" asked about; the answer's subject
    when the pronoun is of the kind the previous question asked for (a person after "who",
    a thing after "which ..."/"what ...", a person's name after "which ..." too); else the
    first name the previous question gives (for "he" or "she", not a group like
    "Republicans" or an acronym). A name the follow-up itself gives is not what its pronoun
    stands for ("How long did he give Musk?")."""
    pronoun = _first_pronoun(question)
    asked = [i for i, t in enumerate(history) if t.get("role") == "user"]
    if pronoun is None or not asked:
        return question
    word = pronoun.group(0).lower()
    # A question is capped at 2,000 characters; history from an API caller is not.
    previous = " ".join(str(history[asked[-1]].get("content") or "")[:2000].split())
    person = word in _PERSON
    candidates = _referents(previous, _answer_after(history, asked[-1]), person)
    referent = next((c for c in candidates
                     if not re.search(rf"\b{re.escape(c)}\b", question, re.IGNORECASE)), "")
    if not referent:
        return question
    after = question[pronoun.end():].split()
    if word in _POSSESSIVE or (word == "her" and after and _opens_noun_phrase(after[0])):
        referent = f"{referent}'s"
    return f"{question[:pronoun.start()]}{referent}{question[pronoun.end():]}"


def _first_pronoun(question: str) -> re.Match | None:
    """The first he/she/it of the question written as a pronoun: in lower case, or opening
    the question ("It", "And she"); not "Her Majesty", "IT" or "the It Girl". An "it" that
    stands for no one thing ("Is it true that ...") ends the search."""
    opening = _OPENING.match(question).end()
    for match in _RESOLVED.finditer(question):
        if not (match.group(0).islower() or (match.start() == opening
                                             and match.group(0).istitle())):
            continue
        if match.group(0).lower() == "it" and _EMPTY_IT.match(question[match.end():]):
            return None
        return match
    return None


def _opens_noun_phrase(word: str) -> bool:
    word = word.lower().strip("?.,!;:")
    return (bool(word) and word[:1].isalpha() and word not in STOP and word not in _NOT_A_NOUN
            and not word.endswith("ly"))


def _referents(previous: str, answer: str, person: bool) -> list[str]:
    """What the pronoun may stand for, the likeliest first."""
    about = _ASKS_OF.match(previous)
    if about:
        named = _ASKS_OF_END.sub("", about.group(1)).strip()
        if 0 < len(named.split()) <= MAX_REFERENT_WORDS:
            return [named]
    found = []
    head = _answer_head(answer)
    asks_person, asks_thing = _ASKS_PERSON.match(previous), _ASKS_THING.match(previous)
    if head and ((person and asks_person) or (not person and asks_thing)
                 or (person and asks_thing and _person_like(head))):
        found.append(head)
    return found + _names(previous, person)


def _names(previous: str, person: bool) -> list[str]:
    """The names the previous question gives, in order, without the question's own opening
    words ("Could Microsoft" -> "Microsoft"); for a person, no group ("Republicans") or
    acronym ("EU")."""
    found = []
    for match in _NAME.finditer(previous):
        words = re.sub(r"['’]s$", "", match.group(0)).split()
        while words and words[0].lower() in _OPENING_WORDS:
            words = words[1:]
        name = " ".join(words)
        if not words or len(words) > MAX_REFERENT_WORDS or (name.isupper() and len(name) > 5):
            continue
        if person and len(words) == 1 and (name.endswith("s") or name.isupper()):
            continue
        found.append(name)
    return found


_QUESTION_WORDS = {"who", "whom", "whose", "which", "what", "when", "where", "why", "how",
                   "did", "does", "do", "is", "was", "are", "were", "has", "have", "had",
                   "can", "could", "should", "would", "will", "may", "might", "after",
                   "before", "since", "in", "on", "at", "and", "but", "so"}
_OPENING_WORDS = STOP | _QUESTION_WORDS


def _person_like(name: str) -> bool:
    """Two to four capitalised words, not opening with an article: "Bill Kenwright", not
    "The Los Angeles Dodgers"."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and words[0].lower() not in STOP)


def _answer_head(answer: str) -> str:
    """The subject an answer opens with ("Guayule" from "Guayule, a drought-resistant
    plant; ..."), if it names something: not a pronoun, a figure, a date, a verdict or a
    quote, and capitalised beyond a leading article ("A former CEO" names no one)."""
    if _NO_HEAD.search(answer):
        return ""
    head = _HEAD_END.split(f"{answer} ", maxsplit=1)[0].strip(" -")
    words = head.split()
    if not words or len(words) > MAX_REFERENT_WORDS or words[0].lower() in _NOT_A_SUBJECT:
        return ""
    named = words[1:] if words[0].lower() in _ARTICLES else words
    if not any(w[:1].isupper() for w in named) or any(ch.isdigit() for ch in head):
        return ""
    return re.sub(r"['’]s$", "", head)
