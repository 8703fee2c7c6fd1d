"""What kind of answer a question wants: yes/no, either/or, a name, a number, a date, the
story so far, or anything else. Read once per question (see `analysis.analyse`)."""

from __future__ import annotations

import re

from newsdesk.question import values
from newsdesk.question.values import asked_for, without_opening

YES_NO, CHOICE, NAME, NUMBER, DATE, SUMMARY, OPEN = (
    "yes_no", "choice", "name", "number", "date", "summary", "open")
KINDS = (YES_NO, CHOICE, NAME, NUMBER, DATE, SUMMARY, OPEN)

AUXILIARY = re.compile(r"(does|do|did|is|are|was|were|has|have|had|can|could|would|will|"
                       r"should)\s", re.IGNORECASE)
_WH = re.compile(r"(who|whom|whose|which|what|when|where|why|how)\b", re.IGNORECASE)
_CHOICE = re.compile(r"\b(\w+) or (\w+)\?\s*$", re.IGNORECASE)
_NAME = re.compile(r"^\s*(who|whom|which|what (is the name|company|organi[sz]ation|person|"
                   r"individual|entity|platform|team|firm|player|country|city))\b",
                   re.IGNORECASE)
_SUMMARY_FORMS = [
    r"what (has )?happened|what happens|what'?s (going on|happening|the (latest|story|news|"
    r"situation|deal))|what is (going on|happening|the (latest|story|situation))",
    r"tell me about|summari[sz]e|give me (a summary|an overview)|what do we know about",
    r"how did .+ (unfold|develop|play out|end)\b",
    r"what is the status|what(?:'s| is) (?:new|up) with",
    # "What's the fuss about X?", "What was the row over X?"
    r"what(?:'s| is| was) the (?:fuss|controversy|row|backlash|uproar|outcry|drama|saga|"
    r"dispute) (?:about|over|with|around)\b",
    # "How did United do in the Champions League?", "How is the launch going?" (not "How did
    # Ireland beat New Zealand?": that one takes something for granted, see facts_first.py)
    r"how (?:did|does|is|are|was) .+ (?:go|going|do|doing|fare|faring|turn out)\b"
    r"(?:\s+(?:in|at|this|last|so far|against)\b.*)?\??\s*$",
    r"what(?:'s| is| was| were) .+ about\s*\??\s*$",
    # "What are people saying about X?", "How was X received?"
    r"what (?:are|do|did|have) (?:people|critics|reviewers|fans|experts|analysts|players) "
    r"(?:been )?(?:saying|say|said|think|thought|made) (?:about|of)\b",
    r"how (?:was|is|has|have|were) .+ (?:been )?received\b",
]
_SUMMARY = re.compile(r"^\s*(?:" + "|".join(f"(?:{form})" for form in _SUMMARY_FORMS) + ")",
                      re.IGNORECASE)


def choice(question: str) -> tuple[str, str] | None:
    """The two options of an either/or question ("... larger or smaller?"), not "... or not?"."""
    match = _CHOICE.search(question)
    if match and match.group(1).lower() != "not":
        return match.group(1), match.group(2)
    return None


def is_yes_no(question: str) -> bool:
    """Answered by yes or no (and not an either/or choice): its first clause that starts with
    an auxiliary or a wh-word starts with the auxiliary ("Did ...?", "Between the May and
    June reports, was there ...?", but not "Considering X, which firm, ..., was ...?")."""
    if choice(question):
        return False
    for clause in question.split(","):
        clause = clause.strip() + " "
        if AUXILIARY.match(clause):
            return True
        if _WH.match(clause):
            return False
    return False


def asks_for_name(question: str) -> bool:
    return bool(_NAME.search(question))


def kind_of(question: str) -> str:
    question = without_opening(question)
    if choice(question):
        return CHOICE
    if is_yes_no(question):
        return YES_NO
    if _SUMMARY.search(question):
        return SUMMARY
    value = asked_for(question)  # the same reading the fact strategy uses (values.py)
    if value == values.DATE:
        return DATE
    if value in (values.AMOUNT, values.COUNT, values.STANDING, values.DURATION):
        return NUMBER
    if asks_for_name(question):
        return NAME
    return OPEN
