"""Questions about the order of two reports ("Did the Ledger report on X before the Monitor
covered Y?"): the two reports they name, one on each side of "before"/"after".

Only plain order questions are taken: one "before"/"after", an outlet named on each side,
and no negation or judgement ("fail to", "contradict", "consistent", "similar", ...) whose
truth would depend on more than the two dates. Everything else goes to the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsdesk.question.kinds import is_yes_no
from newsdesk.question.outlets import OutletMatcher

_ORDER = re.compile(r"\b(before|after|prior to|earlier than|later than)\b", re.IGNORECASE)
_AFTER = {"after", "later than"}
# Words that make the question about more than which report came first.
_JUDGEMENT = re.compile(
    r"\b(not|n't|never|no|fail\w*|contradict\w*|consisten\w*|inconsisten\w*|change\w*|same|"
    r"similar\w*|differ\w*|agree\w*|disagree\w*|align\w*|shift\w*|larger|smaller|more|less|"
    r"higher|lower|only|while|whereas|contrast|compared)\b",
    re.IGNORECASE)
_LEADING_AUX = re.compile(r"^\s*,?\s*(did|does|do|was|were|is|are|has|have|had)\b\s*",
                          re.IGNORECASE)


@dataclass(frozen=True)
class OrderQuestion:
    """'Did `earlier` come `relation` `later`?': each side is the part of the question that
    describes one report, with the outlet it names."""

    subject: str  # the report asked about
    subject_outlet: str
    reference: str  # the report it is placed before or after
    reference_outlet: str
    relation: str  # "before" or "after"


def parse_order_question(question: str, outlets: OutletMatcher) -> OrderQuestion | None:
    """The two reports of a plain before/after question, or None for any other question."""
    if not is_yes_no(question):
        return None
    found = list(_ORDER.finditer(question))
    if len(found) != 1 or _JUDGEMENT.search(question):
        return None
    match = found[0]
    relation = "after" if match.group(1).lower() in _AFTER else "before"
    head, tail = question[:match.start()].strip(), question[match.end():].strip(" ?")
    if not head.strip(" ,"):
        # "After the Ledger reported X, did the Monitor report Y?": the report asked about
        # is the one in the main clause, placed `relation` the one in the leading clause.
        leading, _, main = tail.partition(",")
        subject, reference = _LEADING_AUX.sub("", main).strip(" ?"), leading.strip()
    else:
        subject, reference = _LEADING_AUX.sub("", head).strip(), tail
    subject_outlets, reference_outlets = outlets.find(subject), outlets.find(reference)
    if len(subject_outlets) != 1 or len(reference_outlets) != 1 or not subject or not reference:
        return None
    # The reference must be a report ("before the Monitor covered Y"), not any event
    # ("before the end of the season, ... the Monitor ...").
    if not _starts_with_outlet(reference, outlets):
        return None
    return OrderQuestion(subject, subject_outlets[0], reference, reference_outlets[0], relation)


def _starts_with_outlet(text: str, outlets: OutletMatcher, within: int = 3) -> bool:
    _, spans = outlets.find_spans(text)
    return any(len(text[:start].split()) <= within for start, _ in spans)
