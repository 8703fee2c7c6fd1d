"""Changed figures: the same quantity given different values on different dates (a death
toll that rises, a price that moves, a score updated). Picking one value would hide that
the story moved, so the answer gives the first and the last, each with its date and its
citation: "first reported 3 on 2 October [1], 7 by 5 October [2]".

A figure is a number with what it counts ("1,200 people", "$4.5 billion", "7 percent", an
index level "to 33,507.50"). Figures of different sentences are the same quantity when they
count the same thing, their sentences state what the question asks (support score near the
fact threshold), name its subject, and say about as many of its words with the figure; a
movement ("fell $US5.01") is not a level. docs/time.md has the rules with examples."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple, Sequence

from newsdesk.answer.citations import (CheckedSentence, SimilarityFn, SupportSpan, read_on,
                                      sentence_candidates, support_scores)
from newsdesk.answer.evidence import evidence_sentence
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.stance import name_runs
from newsdesk.answer.time_scope import shift
from newsdesk.question.dates import MONTHS
from newsdesk.question.timeframe import readable
from newsdesk.question.values import AMOUNT, COUNT, STANDING
from newsdesk.search.filters import SearchFilters
from newsdesk.text import NUMBER_WORDS, WORD, content_words, normalize

_FIGURE = re.compile(r"(?P<pre>(?:US\$|\$US|A\$|\$A|[$€£])\s?)?"
                     r"(?P<num>\d+(?:,\d{3})*(?:\.\d+)?)\s*"
                     r"(?P<scale>million|billion|trillion|thousand|bn|m|k)?\b"
                     r"(?:\s*(?:of\s+(?:its|the|their|his|her)\s+)?"
                     r"(?P<unit>%|per cent|[a-z][a-z-]*))?",
                     re.IGNORECASE)
_NOT_A_UNIT = {"and", "or", "to", "of", "in", "on", "at", "the", "a", "an", "by", "from", "for",
               "with", "as", "p.m", "a.m", "pm", "am"}
_SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "bn": 1e9, "billion": 1e9,
           "trillion": 1e12}
_SAME_UNIT = {w: "people" for w in ("people", "persons", "employees", "workers", "staff",
                                     "jobs", "positions", "staffers", "roles")}
CONTEXT_WORDS = 8  # words after a figure that say what it counts
_AFTER_MONTH = re.compile(r"\b(?:" + "|".join(MONTHS) + r")\.?\s*$", re.IGNORECASE)  # "May 18"
# A figure's sentence is often a list entry that names its subject in a heading ("Epic
# Games\n\nAnnounced ... 870 people") and scores a little below a stand-alone fact.
FIGURE_SLACK = 0.07
_YEAR = re.compile(r"^(19|20)\d\d$")
# A level without a unit, as markets give an index: a large number with decimals, reached
# ("to 33,507.50", "at 4288.05").
_LEVEL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+|\d{4,}\.\d+")
_TO_LEVEL = re.compile(r"\b(?:to|at)\s*$", re.IGNORECASE)
# A standing as sport gives it, wins and losses (and ties): "the Lions are 9-3", "improved to
# 5-1-1", "a 9-3 record", "Philadelphia Eagles (10-4)", a series "tied 1-1" or "a 3-1 series
# lead". A pair said otherwise ("a 34-20 win", "20-30 people") is a score or a range, not a
# standing.
_PAIR = re.compile(r"(?<![\d.,$/:-])\b\d{1,3}[-–]\d{1,3}(?:[-–]\d{1,2})?\b(?![-–/.:]?\d|%|\s*[ap]\.?m\b)")
_STANDING_BEFORE = re.compile(r"\b(?:are|is|was|were|at|to|now|stand|stands|sit|sits|tied)\s*$",
                              re.IGNORECASE)
_STANDING_AFTER = re.compile(r"^\s*(?:record|overall|on the (?:season|year)|series)\b",
                             re.IGNORECASE)
_AFTER_NAME = re.compile(r"\b[A-Z][\w'’.-]*\s+\($")  # "Philadelphia Eagles (10-4)"
_SCORE_BEFORE = re.compile(r"\d[-–]$")  # a score's second number: "9-1 Rangers"


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


def change_sentence(change: FigureChange) -> CheckedSentence:
    """'The figure changed over time: first reported as 3 on 2 October 2023, 7 by ...' with
    both citations."""
    citations = sorted({change.first.span.n, change.last.span.n})
    return CheckedSentence(text=change.sentence(), citations=citations, supported=True,
                           support=[change.first.span, change.last.span])


def answer_with(change: FigureChange, passages: Sequence) -> Iterator[Token | Draft]:
    """The answer to "how many" when the figure changed: the change, then the first and the
    last report quoted as its evidence, each sentence streamed as it is shown."""
    sentences = [change_sentence(change)] + [evidence_sentence(f.span, passages[f.span.n - 1])
                                             for f in (change.first, change.last)]
    for sentence in sentences:
        yield Token(sentence.cited() + "\n", evidence=True)
    yield Draft(sentences=sentences, extractive=True)


def figures(sentence: str) -> list[tuple[str, str, float]]:
    """(as written, unit, value) for each figure of a sentence, years and dates left out.
    Money counts in its scale ("$4.5 billion": "$billion"); other figures in the word after
    them ("1,200 people": "people")."""
    standings = _standings(sentence)
    out = []
    for m in _FIGURE.finditer(sentence):
        if (any(start <= m.start() < end for start, end, _ in standings)
                or _SCORE_BEFORE.search(sentence[:m.start()])):
            continue  # "3 record" of "a 9-3 record", "1 Rangers" of "Diamondbacks 9-1 Rangers"
        number = m.group("num").replace(",", "")
        scale = (m.group("scale") or "").lower()
        word = (m.group("unit") or "").lower()
        if m.group("pre"):
            unit, end = "$" + scale, m.end("scale") if scale else m.end("num")
        else:
            unit = scale or ("percent" if word in ("%", "per cent") else _unit(m.group("unit")))
            end = m.end()
            if _LEVEL.fullmatch(m.group("num")) and _TO_LEVEL.search(sentence[:m.start()]):
                unit, end = "level", m.end("num")  # "The Dow dropped 158.84 to 33,507.50"
            elif (_YEAR.match(number) or not unit or unit in _NOT_A_UNIT
                    or not content_words(unit) or content_words(unit) & _MOVES
                    or _AFTER_MONTH.search(sentence[:m.start()])):
                continue
        try:
            value = float(number) * _SCALES.get(scale, 1)
        except ValueError:
            continue
        out.append((sentence[m.start():end].strip(), unit, value))
    return out + [(written, "record", value) for _, _, (written, value) in standings]


def _standings(sentence: str) -> list[tuple[int, int, tuple[str, float]]]:
    """Where each win-loss standing of a sentence is ("are 9-3"), as written and with its
    number of wins as value."""
    return [(m.start(), m.end(), (m.group(0), float(re.split(r"[-–]", m.group(0))[0])))
            for m in _PAIR.finditer(sentence)
            if _STANDING_BEFORE.search(sentence[:m.start()])
            or _STANDING_AFTER.match(sentence[m.end():])
            or (_AFTER_NAME.search(sentence[:m.start()]) and sentence[m.end():].startswith(")"))]


def _unit(word: str | None) -> str:
    """What a figure counts, one word for the same thing: "employees" and "workers" are
    people, and so are "Palestinians" or "Israelis" (a capitalised plural); plurals are
    singular ("points", "point"); a name is not a unit ("beat Galatasaray 3-2 in Copenhagen")."""
    if not word:
        return ""
    if word[0].isupper():  # a name ("16 Copenhagen"), unless a people ("10,000 Palestinians")
        return "people" if word.endswith("s") and word[1:].islower() and len(word) > 3 else ""
    word = word.lower()
    return _SAME_UNIT.get(word) or (normalize(word) if word not in _NOT_A_UNIT else word)


class AskedUnit(NamedTuple):
    """The kind of figure a question asks for, as `figures` names units (a prefix: "$" is
    any sum of money). `prefer`: taken before other figures, when any is found; `never`: no
    answer at all ("What jersey number will he wear?" is not answered by his $700 million);
    `only`: the one unit a figure with a unit must have ("What share of users pay?" wants a
    percentage, not "150 million users")."""
    prefer: str = ""
    never: str = ""
    only: str = ""

    def fits(self, unit: str) -> bool:
        return (not self.only or unit == self.only) and not (
            self.never and unit.startswith(self.never))


_MONEY_WORDS = re.compile(r"[$€£¥]|\b(?:dollars?|euros?|pounds?|yen|cents?|money|cash)\b",
                          re.IGNORECASE)


_SHARE_ASKED = re.compile(r"\bwhat (?:(?:was|is|were|are) the |\w+ )?(?:share(?!\s+(?:price|"
                          r"count|holders?))|percentage|proportion|percent)\b|"
                          r"\bhow many per ?cent\b", re.IGNORECASE)


def asked_unit(asks: str | None, question: str = "") -> AskedUnit:
    """What figure a question (`question.values`' kind `asks`) wants: a sum of money for an
    amount, a standing for a record, a percentage for a share, and for a count anything but
    money unless the question speaks of money ("How many dollars ...?")."""
    if asks == COUNT and _SHARE_ASKED.search(question):
        return AskedUnit(only="percent")
    if asks == AMOUNT:
        return AskedUnit(prefer="$")
    if asks == STANDING:
        return AskedUnit(prefer="record")
    if asks == COUNT and not _MONEY_WORDS.search(question):
        return AskedUnit(never="$")
    return AskedUnit()


def changed_figure(wanted: str, passages: Sequence, similarity: SimilarityFn | None,
                   threshold: float, unit: AskedUnit = AskedUnit()) -> FigureChange | None:
    """The first and the last value of the quantity `wanted` asks for, when dated passages of
    different days give it different values; None when they agree or nothing states it."""
    return _first_and_last(dated_figures(wanted, passages, similarity, threshold, unit))


def dated_figures(wanted: str, passages: Sequence, similarity: SimilarityFn | None,
                  threshold: float, unit: AskedUnit = AskedUnit()) -> list[Figure]:
    """Every dated figure of the quantity `wanted` asks for, in date order (the
    best-supported first within a day). `unit`: the kind of figure the question asks for
    (`asked_unit`); a figure it rules out is no answer, and one it prefers is taken before
    other figures said with its words: a sum of money for
    "How much was one bitcoin worth?" (not a rally of 250%), a standing for "Where did the
    series stand?" (not "the Game 2 liveblog")."""
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    if not candidates:
        return []
    wanted = _FRAMING.sub(" ", wanted)
    scores = _figure_support(wanted, candidates, passages, similarity)
    threshold -= FIGURE_SLACK
    asked = _with_unit_words(set(content_words(wanted)))
    asks_change = bool(asked & _MOVES)
    names = _names(wanted)
    qualifiers = _qualifiers(wanted)
    found: list[tuple[int, Figure]] = []
    for i in sorted(range(len(candidates)), key=lambda j: -scores[j]):
        if scores[i] < threshold:
            break
        n, start, end, text = candidates[i]
        passage = passages[n - 1]
        if not passage.published or (names and not names & _named_near(passage, start, end)):
            continue
        if not qualifiers <= _qualifiers(text) or _counts_differ(wanted, text):
            continue  # the 10-year yield does not answer for the two-year one
        # Asked for a level, a movement is not an answer; asked how far something rose or
        # fell, the movement is.
        said = [(written, kind) for written, kind, _ in figures(text)
                if _moved(text, written) == asks_change and unit.fits(kind)]
        best = max(((_overlap(text, written, asked, names), -_words_to_name(text, written, names),
                     written, kind) for written, kind in said), default=None)
        if (best is not None and best[3] == "record" and names and -best[1] > STANDING_REACH
                and not _tied(best[2])):
            continue  # a standing belongs to the team named beside it (a tie, to both)
        if best is not None:
            span = SupportSpan(n, start, end, text, round(scores[i], 3))
            found.append((best[0], Figure(best[2], best[3], span, passage.published[:10],
                                          passage.outlet)))
    if unit.prefer and any(f.unit.startswith(unit.prefer) for _, f in found):
        found = [(overlap, f) for overlap, f in found if f.unit.startswith(unit.prefer)]
    if not found:
        return []
    # Only figures said with as many of the question's words as the best one, less one:
    # "1,200 people killed by Hamas' attack" and not "1,500 Gazans killed" for a toll in Israel.
    top = max(overlap for overlap, _ in found)
    kept = [(overlap, f) for overlap, f in found if overlap >= max(1, top - 1)]
    if not kept:
        return []
    # The quantity is the unit the question names ("how many points"), else that of the
    # figure said with most of its words (the best-supported first among equals).
    quantity = max(kept, key=lambda k: (bool(content_words(k[1].unit) & asked), k[0]))[1].unit
    return sorted((f for _, f in kept if f.unit == quantity), key=lambda f: f.published)


# Words that frame the question, not the figure: a sentence giving a standing ("the Eagles
# (10-4)") does not say "win-loss record", nor one giving a price that it "changed" or what
# the thing was "worth" ("Bitcoin topped $35,000").
_FRAMING = re.compile(r"\b(?:(?:win|won)[-–](?:loss|lost)|chang\w*|mov(?:e|ed|ing)|evolv\w*|"
                      r"worth)\b", re.IGNORECASE)
STANDING_REACH = 3  # words between a standing and the team it is of, at most


def _tied(standing: str) -> bool:
    """A standing of as many wins as losses ("tied 1-1"): the series', not one side's."""
    parts = re.split(r"[-–]", standing.split()[-1])
    return len(parts) == 2 and parts[0] == parts[1]


def _figure_support(wanted: str, candidates: list, passages: Sequence,
                    similarity: SimilarityFn | None) -> list[float]:
    """`citations.support_scores` with the words counted in the sentence read on from the
    one before: a figure's sentence often leaves its subject to it ("The Diamondbacks won
    Game 2. The series is now tied 1-1.")."""
    read = [read_on(candidates, i, passages)[3] for i in range(len(candidates))]
    return support_scores(wanted, candidates, similarity, overlap=_names_once_overlap,
                          words_in=read)


def _names_once_overlap(wanted: str, sentence: str) -> float:
    """Word overlap (citations.lexical_support) in which a name of several words counts as
    one word, held when the sentence holds any of its words: market reports name "the Dow
    Jones Industrial Average" once and then "the Dow"."""
    runs = name_runs(wanted)
    plain = content_words(wanted) - set().union(*runs)
    units = len(plain) + len(runs)
    if not units:
        return 0.0
    held = content_words(sentence)
    return (len(plain & held) + sum(bool(run & held) for run in runs)) / units


FIGURE_DEPTH = 24  # passages searched for every dated value of an asked-for figure
BEYOND_DEPTH = 8  # passages searched before the first and after the last report found
BEYOND_ROUNDS = 2  # how many times the search steps past the reports found so far


def figure_passages(wanted: str, query: str, search, filters, shown: Sequence,
                    similarity: SimilarityFn | None, threshold: float,
                    depth: int = FIGURE_DEPTH, unit: AskedUnit = AskedUnit()) -> list:
    """The passages, beyond those `shown`, that give the asked-for figure first and last
    (a toll first reported lower, a price a month earlier), so that the change can be told
    from every dated report, not only from the few passages an answer shows.

    A ranking by relevance puts the reports of the busiest days first, so the earliest and
    the latest report of a figure are often below the first `depth` passages: the search is
    repeated before the first report found and after the last, until it finds none further
    out."""
    pool = list(search(query, depth, filters))
    found = dated_figures(wanted, pool, similarity, threshold, unit)
    for _ in range(BEYOND_ROUNDS):
        if not found:
            return []
        seen = {p.chunk_id for p in pool}
        base = filters or SearchFilters()
        beyond = [p for side in (base.within(date_to=shift(found[0].published, -1)),
                                 base.within(date_from=shift(found[-1].published, 1)))
                  for p in search(query, BEYOND_DEPTH, side) if p.chunk_id not in seen]
        if not beyond:
            break
        wider = dated_figures(wanted, pool + beyond, similarity, threshold, unit)
        if (not wider or wider[0].unit != found[0].unit
                or (wider[0].published, wider[-1].published) == (found[0].published,
                                                                 found[-1].published)):
            break  # nothing further out, or another quantity's figure (a sum of another deal)
        pool, found = pool + beyond, wider
    change = _first_and_last(found)
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


_QUALIFIER = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")-(year|month|week|day)s?\b",
                        re.IGNORECASE)


def _qualifiers(text: str) -> set[str]:
    """The terms that tell one quantity from its neighbours: "the two-year Treasury" and
    "the 10-year Treasury" yield different figures ("2-year", "10-year")."""
    return {f"{NUMBER_WORDS.get(m.group(1).lower(), m.group(1))}-{m.group(2).lower()}"
            for m in _QUALIFIER.finditer(text)}


_SO_MANY_OF = re.compile(r"\b(\d+|" + "|".join(NUMBER_WORDS) + r")\s+([A-Za-z]{3,})\b",
                         re.IGNORECASE)  # "one bitcoin", "4 Bitcoin"


def _counts(text: str) -> dict[str, str]:
    """How many of a thing a text names: "one bitcoin" -> {bitcoin: 1}."""
    return {normalize(m.group(2)): NUMBER_WORDS.get(m.group(1).lower(), m.group(1))
            for m in _SO_MANY_OF.finditer(text)}


def _counts_differ(wanted: str, sentence: str) -> bool:
    """The question asks the value of so many of a thing and the sentence gives it for
    another number of them: "4 Bitcoin, worth about $20,000" is no price of one bitcoin."""
    asked, said = _counts(wanted), _counts(sentence)
    return any(said.get(thing, count) != count for thing, count in asked.items())


def _named_near(passage, start: int, end: int, before: int = 80) -> set[str]:
    """The words of a sentence and of the few words before it (a list's heading: "Epic
    Games\n\nAnnounced ... laying off 870 people")."""
    offset = passage.start
    return set(content_words(passage.text[max(0, start - offset - before):end - offset]))


def _overlap(sentence: str, written: str, asked: set[str], names: set[str]) -> int:
    """How many of the question's words are said with the figure, its names counting once
    ("The Dow" names the Dow Jones Industrial Average as well as the full name does): within
    a few words of it, or in the stretch of the sentence that leads to it from the figure
    before (or the sentence's start: "The yield on the 10-year Treasury, which is ..., fell
    to 4.73 per cent"; a movement on the way, "gained 222.24, or 0.7 per cent, to
    34,061.32", does not end the stretch), whichever says more."""
    at = sentence.find(written)
    after = sentence[at + len(written):].split()[:CONTEXT_WORDS]
    near = sentence[:at].split()[-CONTEXT_WORDS:] + [written] + after
    ends = {other: sentence.find(other) + len(other) for other, _, _ in figures(sentence)}
    since = max((end for other, end in ends.items()
                 if end <= at and not _moved(sentence, other)), default=0)
    lead = [sentence[since:at], written] + after

    def said(words: list[str]) -> int:
        found = content_words(" ".join(words)) & asked
        return len(found - names) + bool(found & names)

    return max(said(near), said(lead))


def _words_to_name(sentence: str, written: str, names: set[str]) -> int:
    """How many words lie between a figure and the nearest of the question's names: of two
    figures said with the same words ("Hawks (5-9) at the Philadelphia Eagles (10-4)"), the one
    beside the name asked about is its figure."""
    at = sentence.find(written)
    before = WORD.findall(sentence[:at])
    after = WORD.findall(sentence[at + len(written):])
    gaps = [i for i, word in enumerate(reversed(before)) if content_words(word) & names]
    gaps += [i for i, word in enumerate(after) if content_words(word) & names]
    return min(gaps, default=len(before) + len(after))


# A figure right after these words is a movement or an earlier level, not the level asked
# for: "fell $US5.01 to settle at $US84.22", "down to 4.73 per cent from 4.80 per cent".
_MOVES = set(content_words("fell rose added gained lost climbed slipped dropped jumped declined "
                           "increased decreased surged sank tumbled plunged soared slid "
                           "fall rise drop gain lose climb slip jump decline increase decrease "
                           "surge sink tumble plunge soar slide"))
_BEFORE_EARLIER = {"from", "by", "up", "down"}
_SAID_AGAIN = re.compile(r"\b([a-z]+)\s+\S*\d\S*(?:\s+[a-z]+)?,?\s+or\s+"
                         r"(?:about\s+|nearly\s+|almost\s+)?$", re.IGNORECASE)
_AFTER_MOVE = re.compile(r"^\s*(?:higher|lower|up|down)\b", re.IGNORECASE)


def _moved(sentence: str, written: str) -> bool:
    """The figure is a movement ("fell 0.6 per cent", "down 204 points, or 0.6 per cent",
    "closed 0.7 per cent higher") or the level it moved from ("from 4.80 per cent"): not
    the level a question asks for, unless it asks how much something rose or fell."""
    at = sentence.find(written)
    before = sentence[:at].split()[-1:]
    word = before[0].lower().strip(",;:") if before else ""
    if (word in _BEFORE_EARLIER or content_words(word) & _MOVES
            or _AFTER_MOVE.match(sentence[at + len(written):])):
        return True
    # The same movement said again: "down 204 points, or 0.6 per cent", "gained 222.24, or".
    again = _SAID_AGAIN.search(sentence[:at])
    return bool(again) and bool(again.group(1).lower() in _BEFORE_EARLIER
                                or content_words(again.group(1)) & _MOVES)


def _with_unit_words(asked: set[str]) -> set[str]:
    """The question's words, with every word of a unit it names: "employees" asks for a
    figure of "870 people" as much as of "830 employees"."""
    units = set(content_words(" ".join(_SAME_UNIT)))
    return asked | units if asked & units else asked


def _first_and_last(found: list[Figure]) -> FigureChange | None:
    """The earliest and the latest of figures in date order (the best-supported of each
    day first), if their values differ."""
    if len(found) < 2:
        return None
    first = found[0]
    last = next(f for f in found if f.published == found[-1].published)
    if first.published == last.published or _same(_value(first), _value(last)):
        return None
    return FigureChange(first, last)


def _same(a: tuple, b: tuple) -> bool:
    """Two values are the same figure when equal, or when one is the other rounded ("$26
    billion" and "$26.3 billion" are one payment, not a change)."""
    (x, x_places), (y, y_places) = a, b
    places = min(x_places, y_places)
    return round(x, places) == round(y, places) if x_places != y_places else x == y


def _value(figure: Figure) -> tuple[float | tuple[int, ...], int]:
    """The figure's number as written ("26.3" of "$26.3 billion": figures of one unit share
    their scale) and its decimal places; a standing's wins, losses and ties ("9-3")."""
    if figure.unit == "record":
        return tuple(int(n) for n in re.findall(r"\d+", figure.value)), 0
    number = re.search(r"\d+(?:,\d{3})*(?:\.(\d+))?", figure.value)
    if number is None:
        return 0.0, 0
    return float(number.group(0).replace(",", "")), len(number.group(1) or "")
