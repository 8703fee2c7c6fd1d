"""A question's parts: where a multi-part question moves on to its next claim, and which
part speaks about which named outlet."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdesk.question.outlets import OutletMatcher

# Where a multi-part question ("Which company, known for X as reported by Wired, and that
# experienced Y ...") moves on to its next claim.
_CLAUSE_BREAK = re.compile(
    r",|;|\bwhile\b|\bwhereas\b|\bbut\b|"
    r"\band\b(?= (?:is|was|has|had|the|its|also|which|who|offers|experienced|known))",
    re.IGNORECASE)


def clauses(question: str) -> list[str]:
    """The question's parts, each usually one claim that one evidence sentence states."""
    return [part.strip() for part in _CLAUSE_BREAK.split(question) if part.strip()]


def outlet_parts(question: str, matcher: "OutletMatcher", min_words: int = 3) -> dict[str, str]:
    """For a question naming several outlets, the part of it that speaks about each one:
    "Does the Fortune article say X, while TechCrunch reports Y?" -> {Fortune: "...X",
    TechCrunch: "...Y"}. A clause naming no outlet goes to the nearest clause that names one
    (ties to the earlier: "the report from Fortune on May 2, concerning X"); clauses of
    fewer than `min_words` words are left out."""
    found = [(c, matcher.find(c)) for c in clauses(question)]
    parts = [(c, outlets) for c, outlets in found if outlets or len(c.split()) >= min_words]
    anchors = [(i, outlets) for i, (_, outlets) in enumerate(parts) if outlets]
    if len({o for _, outlets in anchors for o in outlets}) < 2:
        return {}
    out: dict[str, list[str]] = {}
    for i, (part, outlets) in enumerate(parts):
        nearest = min(anchors, key=lambda anchor: (abs(anchor[0] - i), anchor[0]))
        for outlet in (outlets or nearest[1]):
            out.setdefault(outlet, []).append(part)
    return {outlet: ", ".join(texts) for outlet, texts in out.items()}
