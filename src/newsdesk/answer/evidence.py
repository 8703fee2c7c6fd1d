"""Evidence for the claims a question makes.

Multi-hop questions chain claims ("Does the Fortune article say X, while TechCrunch reports
Y?", "Which company, known for X, faced Y?"). The answer to them is a verdict or a name,
which has nothing in it to check against the passages. What can be checked is the question's
own claims: for each one, the passage sentence that states it best. Those sentences are what
a yes/no verdict or a name is cited with, and they are shown, quoted, under the answer.

A claim counts as found only when its best sentence scores at least `threshold` (the support
score of `citations`: half lexical overlap, half cosine). The cut is calibrated on the
MultiHop-RAG dev split (docs/answers.md): at 0.55, 78.5% of the passages so cited hold gold
evidence, against 37% for citing all four passages and 57% for citing the first.
"""

from __future__ import annotations

from typing import Sequence

from newsdesk.answer.citations import (CheckedSentence, SimilarityFn, SupportSpan, is_verdict,
                                      lexical_support, missing_key_terms, sentence_candidates,
                                      support_scores)
from newsdesk.text import content_words
from newsdesk.question.analysis import question_claims

EVIDENCE_THRESHOLD = 0.55
MAX_EVIDENCE = 3
MAX_NAME_WORDS = 5  # an answer sentence this short is a bare name ("Caesars Sportsbook.")


def find_evidence(claims: Sequence[str] | str, passages: Sequence, similarity: SimilarityFn | None,
                  threshold: float = EVIDENCE_THRESHOLD, limit: int = MAX_EVIDENCE
                  ) -> list[SupportSpan]:
    """For each claim (or each claim of a question given as text), the passage sentence
    that states it best, if it scores at least `threshold`; one span per sentence, in the
    order of the claims."""
    if isinstance(claims, str):
        claims = question_claims(claims)
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    if not candidates:
        return []
    found: list[SupportSpan] = []
    for claim in claims:
        scores = support_scores(claim, candidates, similarity)
        best = max(range(len(candidates)), key=lambda i: scores[i])
        if scores[best] < threshold:
            continue
        n, start, end, text = candidates[best]
        if any(s.n == n and s.start == start for s in found):
            continue
        found.append(SupportSpan(n=n, start=start, end=end, text=text, score=round(scores[best], 3)))
        if len(found) >= limit:
            break
    return found


def evidence_sentence(span: SupportSpan, passage) -> CheckedSentence:
    """A quoted passage sentence, labelled with its outlet and date, cited and verified."""
    label = passage.label()
    quote = " ".join(span.text.split())
    text = f"{label}: “{quote}”" if label else f"“{quote}”"
    return CheckedSentence(text=text, citations=[span.n], supported=True, support=[span],
                           evidence=True)


def cite_with_evidence(checked: list[CheckedSentence], evidence: Sequence[SupportSpan],
                       passages: Sequence, asks_for_name: bool = False) -> list[CheckedSentence]:
    """A bare verdict is cited with the passages that state the question's claims (and is
    unverified when none does); for a question asking for a name, a bare name is cited with
    those of them that also name it. The evidence sentences not already shown as support of
    an answer sentence are added, quoted, after the answer."""
    numbers = list(dict.fromkeys(span.n for span in evidence))
    out = []
    for sentence in checked:
        if _is_bare_verdict(sentence):
            sentence = CheckedSentence(text=sentence.text, citations=numbers,
                                       supported=bool(numbers), support=list(evidence),
                                       added_citation=True)
        elif asks_for_name and _is_bare_name(sentence):
            naming = [span for span in evidence if _names(sentence.text, passages[span.n - 1].text)]
            if naming:
                sentence = CheckedSentence(
                    text=sentence.text, citations=list(dict.fromkeys(s.n for s in naming)),
                    supported=True, support=naming, added_citation=True)
        out.append(sentence)
    shown = {(s.n, s.start) for sentence in out if not _is_bare_verdict(sentence)
             for s in sentence.support}
    out.extend(evidence_sentence(span, passages[span.n - 1]) for span in evidence
               if (span.n, span.start) not in shown)
    return out


def _is_bare_verdict(sentence: CheckedSentence) -> bool:
    return not sentence.evidence and is_verdict(sentence.text)


def _is_bare_name(sentence: CheckedSentence) -> bool:
    """A short answer sentence that is a name ("Sam Altman.", "OpenAI")."""
    return not sentence.evidence and 0 < len(content_words(sentence.text)) <= MAX_NAME_WORDS


def _names(name: str, passage_text: str) -> bool:
    return lexical_support(name, passage_text) == 1.0 and not missing_key_terms(name, passage_text)
