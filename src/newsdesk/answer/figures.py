"""Changed figures: the same quantity given different values on different dates (a death
toll that rises, a price that moves, a score updated). Picking one value would hide that
the story moved, so the answer gives the first and the last, each with its date and its
citation: "first reported 3 on 2 October [1], 7 by 5 October [2]".

A figure is a number with the word after it ("1,200 people", "$4.5 billion", "7 percent");
two figures are the same quantity when that word is the same and both sentences state what
the question asks (support score at least the fact threshold)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from newsdesk.answer.citations import SimilarityFn, SupportSpan, sentence_candidates, support_scores
from newsdesk.question.dates import MONTHS
from newsdesk.question.timeframe import readable
from newsdesk.text import content_words

_FIGURE = re.compile(r"(?P<pre>(?:US\$|\$US|A\$|\$A|[$€£])\s?)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|"
                     r"trillion|thousand|bn|m|k)?\b(?:\s*(?:of\s+(?:its|the|their|his|her)\s+)?"
                     r"(?P<unit>%|per cent|[a-z][a-z-]*))?",
                     re.IGNORECASE)
_NOT_A_UNIT = {"and", "or", "to", "of", "in", "on", "at", "the", "a", "an", "by", "from", "for",
               "with", "as", "p.m", "a.m", "pm", "am"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9,
           "trillion": 1e12}
_SAME_UNIT = {w: "people" for w in ("people", "persons", "employees", "workers", "staff",
                                     "jobs", "positions", "staffers", "roles")}
CONTEXT_WORDS = 8  # words either side of a figure that say what it counts
_AFTER_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s*$", re.IGNORECASE)  # "May 18"
# A figure's sentence is often a list entry that names its subject in a heading ("Epic
# Games\n\nAnnounced ... 870 people") and scores a little below a stand-alone fact.
FIGURE_SLACK = 0.05
_YEAR = re.compile(r"^(19|20)\d\d$")


@dataclass(frozen=True)
class Figure:
    value: str  # as written, "$4.5 billion"
    unit: str  # what it counts, "billion", "people", "%", "percent"
    span: SupportSpan
    published: str
    outlet: str


@dataclass(frozen=True)
class FigureChange:
    first: Figure
    last: Figure

    def sentence(self) -> str:
        return (f"The figure changed over time: first reported as {self.first.value} on "
                f"{readable(self.first.published)}"
                + (f" ({self.first.outlet})" if self.first.outlet else "")
                + f", {self.last.value} by {readable(self.last.published)}"
                + (f" ({self.last.outlet})" if self.last.outlet else "") + ".")


def figures(sentence: str) -> list[tuple[str, str, float]]:
    """(as written, unit, value) for each figure of a sentence, years and dates left out.
    Money counts in its scale ("$4.5 billion": "$billion"); other figures in the word after
    them ("1,200 people": "people")."""
    out = []
    for m in _FIGURE.finditer(sentence):
        number = m.group("num").replace(",", "")
        scale = (m.group("scale") or "").lower()
        word = (m.group("unit") or "").lower()
        if m.group("pre"):
            unit, end = "$" + scale, m.end("scale") if scale else m.end("num")
        else:
            unit = scale or ("percent" if word in ("%", "per cent") else _SAME_UNIT.get(word, word))
            end = m.end()
            if (_YEAR.match(number) or not unit or unit in _NOT_A_UNIT
                    or not content_words(unit) or _AFTER_MONTH.search(sentence[:m.start()])):
                continue
        try:
            value = float(number) * _SCALES.get(scale, 1)
        except ValueError:
            continue
        out.append((sentence[m.start():end].strip(), unit, value))
    return out


def changed_figure(wanted: str, passages: Sequence, similarity: SimilarityFn | None,
                   threshold: float) -> FigureChange | None:
    """The first and the last value of the quantity `wanted` asks for, when dated passages of
    different days give it different values; None when they agree or nothing states it."""
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    if not candidates:
        return None
    scores = support_scores(wanted, candidates, similarity)
    threshold -= FIGURE_SLACK
    asked = set(content_words(wanted))
    names = _names(wanted)
    found: list[tuple[int, Figure]] = []
    for i in sorted(range(len(candidates)), key=lambda j: -scores[j]):
        if scores[i] < threshold:
            break
        n, start, end, text = candidates[i]
        passage = passages[n - 1]
        if not passage.published or (names and not names & _named_near(passage, start, end)):
            continue
        best = max(((_overlap(text, written, asked), written, unit)
                    for written, unit, _ in figures(text)), default=None)
        if best is not None:
            span = SupportSpan(n, start, end, text, round(scores[i], 3))
            found.append((best[0], Figure(best[1], best[2], span, passage.published[:10],
                                          passage.outlet)))
    if not found:
        return None
    # Only figures said with as many of the question's words as the best one, less one:
    # "1,200 people killed by Hamas' attack" and not "1,500 Gazans killed" for a toll in Israel.
    top = max(overlap for overlap, _ in found)
    return _first_and_last([f for overlap, f in found if overlap >= max(1, top - 1)])


FIGURE_DEPTH = 24  # passages searched for every dated value of an asked-for figure


def figure_passages(wanted: str, query: str, search, filters, shown: Sequence,
                    similarity: SimilarityFn | None, threshold: float,
                    depth: int = FIGURE_DEPTH) -> list:
    """The passages, beyond those `shown`, that give the asked-for figure first and last
    (a toll first reported lower, a price a month earlier), so that the change can be told
    from every dated report, not only from the few passages an answer shows."""
    pool = search(query, depth, filters)
    change = changed_figure(wanted, pool, similarity, threshold)
    if change is None:
        return []
    have = {p.chunk_id for p in shown}
    extra = {pool[f.span.n - 1].chunk_id: pool[f.span.n - 1] for f in (change.first, change.last)}
    return [p for chunk_id, p in extra.items() if chunk_id not in have]


def _names(wanted: str) -> set[str]:
    """The names in what is asked ("Hamas", "Epic Games"): a sentence giving the figure must
    name one of them, or it is another subject's figure (a toll in Gaza, another firm's cuts)."""
    words = re.findall(r"(?<!^)\b[A-Z][\w'’-]+", wanted.strip())
    return set(content_words(" ".join(words)))


def _named_near(passage, start: int, end: int, before: int = 80) -> set[str]:
    """The words of a sentence and of the few words before it (a list's heading: "Epic
    Games\n\nAnnounced ... laying off 870 people")."""
    offset = passage.start
    return set(content_words(passage.text[max(0, start - offset - before):end - offset]))


def _overlap(sentence: str, written: str, asked: set[str]) -> int:
    """How many of the question's words are said within a few words of the figure."""
    at = sentence.find(written)
    before = sentence[:at].split()[-CONTEXT_WORDS:]
    after = sentence[at + len(written):].split()[:CONTEXT_WORDS]
    return len(set(content_words(" ".join(before + [written] + after))) & asked)


def _first_and_last(found: list[Figure]) -> FigureChange | None:
    """The earliest and the latest figure of the unit the best sentence uses, if they differ."""
    if not found:
        return None
    unit = found[0].unit
    same = sorted((f for f in found if f.unit == unit), key=lambda f: f.published)
    if len(same) < 2:
        return None
    first, last = same[0], same[-1]
    if first.published == last.published or _value(first) == _value(last):
        return None
    return FigureChange(first, last)


def _value(figure: Figure) -> float:
    return next((v for w, _, v in figures(figure.span.text) if w == figure.value), 0.0)
