"""A follow-up that leans on the conversation ("What did he say next?", "How much is the
deal worth?") becomes a standalone search query: the previous question, the first sentence
of the answer it got (which often names who "he" is) and the follow-up."""

from __future__ import annotations

import re
from typing import Sequence

from newsdesk.question.kinds import CHOICE, YES_NO, kind_of
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
            text = re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", str(turn.get("content", ""))))
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


# Restating a follow-up with what its pronoun stands for ("Where is it grown?" after "What
# plant is Bridgestone trying out?" / "Guayule, a drought-resistant plant ..." -> "Where is
# Guayule grown?"): what a sentence answering it is compared with. The joined search query
# (`rewrite_follow_up`) is right for finding passages and too long to score one sentence by.
_PERSON = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
_THING = re.compile(r"\b(it|its)\b", re.IGNORECASE)
_POSSESSIVE = {"his", "its", "hers"}
_ASKS_PERSON = re.compile(r"^\s*(who|whom|whose)\b", re.IGNORECASE)
# "Which team ...?", "What plant ...?" ask for a thing the answer names; "What did Seoul
# send?" asks what Seoul did, and "it" after it is Seoul.
_ASKS_THING = re.compile(r"^\s*(?:which|what)\s+(?!(?:did|does|do|is|was|are|were|has|have|"
                         r"had|will|would|can|could|should|may|might)\b)\w", re.IGNORECASE)
# "Who is Caroline Ellison in the FTX case?": the question is about the name it asks of.
_ASKS_OF = re.compile(r"^\s*(?i:who|what)\s+(?i:is|was|are|were)\s+(?=[A-Z])(.+?)\s*\?*\s*$")
_ASKS_OF_END = re.compile(r"\s+(?:in|at|on|from|for|during|after|before)\s+.*$|,.*$")
_HEAD_END = re.compile(r"[,;:(\u2013\u2014]|\s(?:who|which|that|whose|on|in|at|is|was|has|had|"
                       r"will|would|said|says)\s|\.\s|\.$")
MAX_REFERENT_WORDS = 6
MAX_PREVIOUS_CHARS = 2000  # of the previous question read for a referent (a question's cap)
_NAME = re.compile(NAME_RUN)


def restate(question: str, history: Sequence[dict]) -> str:
    """The follow-up with its first he/she/it (him, his, her, its) replaced by what it most
    likely stands for; the question itself when it has none or nothing is found. The
    referent: the name a "Who is X?" asked about; the answer's subject when the pronoun is
    of the kind the previous question asked for (a person after "who", a thing after
    "which"/"what", a person's name after "which"/"what" too); else the first name the
    previous question gives (a person's full name, for a person). A name the follow-up
    itself gives is not what its pronoun stands for ("How long did he give Musk?")."""
    person, thing = _PERSON.search(question), _THING.search(question)
    pronoun = person if person and (not thing or person.start() < thing.start()) else thing
    asked = [i for i, t in enumerate(history) if t.get("role") == "user"]
    if pronoun is None or not asked:
        return question
    previous = str(history[asked[-1]].get("content", ""))[:MAX_PREVIOUS_CHARS].strip()
    candidates = _referents(previous, _answer_after(history, asked[-1]), pronoun is person)
    named = question.lower()
    referent = next((c for c in candidates if c.lower() not in named), "")
    if not referent:
        return question
    word = pronoun.group(0).lower()
    after = question[pronoun.end():].split()
    if word in _POSSESSIVE or (word == "her" and after and _opens_noun_phrase(after[0])):
        referent = f"{referent}'s"
    return f"{question[:pronoun.start()]}{referent}{question[pronoun.end():]}"


# Words after "her" that show it is the object ("replaced her later"), not a possessive
# ("her company").
_NOT_A_NOUN = {"later", "again", "now", "then", "yet", "ever", "back", "once", "today",
               "yesterday", "ago", "earlier", "since", "too", "instead"}


def _opens_noun_phrase(word: str) -> bool:
    word = word.lower().strip("?.,!;:")
    return (bool(word) and word[:1].isalpha() and word not in STOP and word not in _NOT_A_NOUN
            and not word.endswith("ly"))


def _referents(previous: str, answer: str, person: bool) -> list[str]:
    """What the pronoun may stand for, the likeliest first."""
    about = _ASKS_OF.match(previous)
    if about:
        return [_ASKS_OF_END.sub("", about.group(1)).strip()]
    found = []
    head = _answer_head(answer)
    asks_person, asks_thing = _ASKS_PERSON.match(previous), _ASKS_THING.match(previous)
    if head and ((person and asks_person) or (not person and asks_thing and not asks_person)
                 or (person and asks_thing and _person_like(head))):
        found.append(head)
    names = [re.sub(r"['’]s$", "", m.group(0)) for m in _NAME.finditer(previous)]
    names = [" ".join(w for w in n.split() if w.lower() not in _QUESTION_WORDS) for n in names]
    if person:  # not a group ("Republicans") nor an acronym ("EU")
        names = [n for n in names if " " in n or not (n.endswith("s") or n.isupper())]
    return found + [n for n in names if n]


_NOT_A_SUBJECT = STOP - {"the", "a", "an"}  # "He warned Seoul ...": a pronoun, no name
_QUESTION_WORDS = {"who", "whom", "whose", "which", "what", "when", "where", "why", "how",
                   "did", "does", "do", "is", "was", "are", "were", "has", "have", "can",
                   "will", "and", "but"}


def _person_like(name: str) -> bool:
    """Two to four capitalised words, not opening with an article: "Bill Kenwright", not
    "The Los Angeles Dodgers"."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)
            and words[0].lower() not in STOP)


def _answer_head(answer: str) -> str:
    """The subject an answer opens with ("Guayule" from "Guayule, a drought-resistant
    plant; ..."), if it names something: not a pronoun, a figure or a date."""
    head = _HEAD_END.split(f"{answer} ", maxsplit=1)[0].strip()
    words = head.split()
    if not words or len(words) > MAX_REFERENT_WORDS or words[0].lower() in _NOT_A_SUBJECT:
        return ""
    if not any(w[:1].isupper() for w in words) or any(ch.isdigit() for ch in head):
        return ""
    return re.sub(r"['’]s$", "", head)
