"""Questions asking for a date, a number, a name or an explanation: the sentence that states
it is found and quoted first (it shows within a second), then the model writes its short
answer, which is checked like any other. Found by kind, not only by words: for "how many"
the best sentence that holds a number the question does not already give, for "when" a
date, for "who" a name (answer_types.py); the model's most common slip is to repeat a
neighbouring sentence.

A question whose premise a sentence contradicts ("Why did Sony buy Activision?" where
Microsoft bought it) is answered with that sentence instead."""

from __future__ import annotations

import re
from typing import Iterator, Sequence

from newsdesk.answer.answer_types import (acts_of, beside_asked, gives, gives_exactly,
                                         looks_ahead, names_holder, names_in, role_asked,
                                         says_act)
from newsdesk.answer.citations import (CheckedSentence, SupportSpan, lexical_support,
                                      read_on, sentence_candidates, states_anything,
                                      strip_markers, support_scores)
from newsdesk.answer.evidence import evidence_sentence
from newsdesk.answer.figures import (FigureChange, answer_with, asked_unit, changed_figure,
                                    figure_passages)
from newsdesk.answer.result import Draft, Token
from newsdesk.answer.stance import (CONTRADICTS, NEGATION, act_words, negated_words,
                                   other_in_series)
from newsdesk.answer.strategies.evidence_verdict import judge_claim
from newsdesk.answer.strategies.base import Tools
from newsdesk.answer.strategies.model_answer import checked_draft, stream_model
from newsdesk.question.analysis import Question
from newsdesk.question.kinds import DATE, NAME, NUMBER, OPEN
from newsdesk.question.timeframe import time_topic
from newsdesk.search.filters import SearchFilters
from newsdesk.search.passage import Passage
from newsdesk.text import content_words

KINDS = (DATE, NUMBER, NAME, OPEN)
PRESUPPOSING = re.compile(r"^\s*(why|when|where|how(?! (many|much)))\b", re.IGNORECASE)


def _wanted(question: Question) -> str:
    """What a sentence must say: the statement, or for a follow-up ("And how much did it
    cost?") the standalone query, which holds the question it follows."""
    return question.statement if question.query == question.text else question.query


def _scored(question: Question, candidates: Sequence[tuple[int, int, int, str]],
            tools: Tools) -> list[float]:
    """How well each candidate sentence says what is asked (`_wanted`). A follow-up whose
    pronoun was resolved is also scored by its restated statement ("Guayule grown" for
    "Where is it grown?"), the better of the two counting: the standalone query keeps the
    conversation's context ("interim CEO"), and is too long to score a short sentence by."""
    scores = support_scores(_wanted(question), candidates, tools.similarity, overlap=_act_overlap)
    if question.restated and candidates:
        own = support_scores(question.statement, candidates, tools.similarity,
                             overlap=_act_overlap)
        scores = [max(a, b) for a, b in zip(scores, own)]
    return scores


def _act_overlap(wanted: str, sentence: str) -> float:
    """Word overlap in which a verb's forms and words for the same act count as one ("send"
    is said by "has provided")."""
    return lexical_support(wanted, sentence, words=act_words)


def _known(question: Question) -> str:
    """What the question (and, for a follow-up, the conversation before it) already names."""
    return f"{question.text} {question.query}"


def best_fact(question: Question, passages: Sequence[Passage], tools: Tools,
              names: set[str] | None = None) -> SupportSpan | None:
    """The sentence that best states what the question asks, of the kind it asks for.
    `names`: the passages' names (`answer_types.names_in`), when already read."""
    candidates = sentence_candidates(passages, range(1, len(passages) + 1))
    known = _known(question)
    if names is None:
        names = _passage_names(passages)
    acts = acts_of(question.text)
    role = role_asked(question.text)
    # Only sentences that give a value of the kind asked for, say the act asked about (or
    # name the holder of the role asked about) and report rather than look ahead can
    # answer; they alone are scored.
    kept = [i for i, (_, _, _, text) in enumerate(candidates)
            if states_anything(text) and gives(text, question.asks, known, names)
            and says_act(text, acts) and not looks_ahead(text, question.text)
            and (not role or names_holder(text, role))
            and not other_in_series(text, question.text)
            and (question.asks or not _denies(text, question))]
    if not kept:
        return None
    own = _scored(question, [candidates[i] for i in kept], tools)
    scores = dict(zip(kept, own))
    if question.asks:
        # A sentence often gives the value asked for about what the sentence before it
        # names ("The app ... saw over 100,000 downloads"): it is also scored read on from
        # that sentence (or, first in its passage, from the article's title), and the two
        # scores averaged. An open question's answer must say it all itself.
        read = _scored(question, [read_on(candidates, i, passages) for i in kept], tools)
        scores = {i: (a + b) / 2 for i, a, b in zip(kept, own, read)}
    beside = _beside_asked(question, candidates, scores, tools.config.fact_threshold)
    if beside is not None:
        n, start, end, text = candidates[beside]
        return SupportSpan(n, start, end, text, round(scores[beside], 3))
    vague = None  # the best sentence giving only a relative date, if no calendar date is given
    for i in sorted(kept, key=lambda i: -scores[i]):
        n, start, end, text = candidates[i]
        if scores[i] < tools.config.fact_threshold:
            same_article = vague is not None and passages[n - 1].path == passages[vague.n - 1].path
            if vague is None or scores[i] < tools.config.fact_threshold - SAME_ARTICLE_SLACK:
                break
            if not same_article:
                continue
        span = SupportSpan(n, start, end, text, round(scores[i], 3))
        if gives_exactly(text, question.asks, known):
            return span
        vague = vague or span
    return vague


def _denies(sentence: str, question: Question) -> bool:
    """The sentence negates what an open question asks about ("What did Seoul provide to
    Ukraine?": "... so none of the equipment goes to Ukraine"): it tells what was not done,
    which is no answer to what was. A question that negates ("What did X not ...?") is
    left alone."""
    if NEGATION.search(question.text):
        return False
    return bool(negated_words(sentence) & content_words(question.statement))


# A sentence giving the value right beside what the question asks it of (see
# `answer_types.beside_asked`) is taken before a better-scoring one that does not, if it
# scores at most BESIDE_MARGIN below the best, and at most BESIDE_SLACK below the fact
# threshold: "the seven phony ledgers she kept" shares few words with "How many fake
# ledgers did she say she made?", and answers it.
BESIDE_MARGIN = 0.15
BESIDE_SLACK = 0.1


def _beside_asked(question: Question, candidates: Sequence[tuple[int, int, int, str]],
                  scores: dict[int, float], threshold: float) -> int | None:
    """The best-scoring candidate giving the value beside what is asked, if one is near
    enough the best; None when none is, or the question gives nothing to look for."""
    if not scores:
        return None
    floor = max(threshold - BESIDE_SLACK, max(scores.values()) - BESIDE_MARGIN)
    for i in sorted(scores, key=lambda i: -scores[i]):
        if scores[i] < floor:
            return None
        found = beside_asked(candidates[i][3], question.asks, question.text)
        if found is None:
            return None
        if found:
            return i
    return None


# How far below the fact threshold a sentence giving the calendar date may score, when a
# sentence of its article gave the date only relatively ("this month ... was found guilty";
# "His conviction landed on Nov. 2").
SAME_ARTICLE_SLACK = 0.05


def _passage_names(passages: Sequence[Passage]) -> set[str]:
    return names_in(f"{p.title}. {p.text}" for p in passages)


class FactsFirst:
    name = "facts first"

    def plan(self, question: Question, passages: list[Passage], tools: Tools
             ) -> list[Passage] | None:
        if question.kind not in KINDS:
            return None
        passages = passages + _fact_passage(question, passages, tools)
        return passages + _figure_passages(question, passages, tools)

    def run(self, question: Question, passages: Sequence[Passage], tools: Tools
            ) -> Iterator[Token | Draft]:
        contrary = _contrary_premise(question, passages, tools)
        if contrary is not None:
            head = CheckedSentence(text="That is not what the articles say.",
                                   citations=[contrary.n], supported=True, support=[contrary],
                                   added_citation=True)
            quote = evidence_sentence(contrary, passages[contrary.n - 1])
            yield Token(f"{head.text} {quote.text}", evidence=True)
            yield Draft(sentences=[head, quote], verdict="premise contradicted")
            return
        names = _passage_names(passages)
        fact = best_fact(question, passages, tools, names)
        # A figure's first and last reports state it too ("The series is now tied 1-1", read
        # on from the game before it, where no sentence alone scores as a fact).
        change = _changed(question, passages, tools)
        if fact is None and change is None and question.asks and not question.compound:
            # Asked for a date, number or name, and no sentence gives one: say so, rather
            # than let the model offer a neighbouring sentence's figure. (A multi-part
            # question is rarely stated by one sentence: the model answers it.)
            yield Draft(abstained=True, notices=["No sentence in the passages states it."])
            return
        if change is not None:
            # A figure given differently on different days: the change is the answer, answer_with
            # from the reports themselves; the model would pick one value of the two.
            yield from answer_with(change, passages)
            return
        if fact is not None:
            quote = evidence_sentence(fact, passages[fact.n - 1])
            yield Token(f"{quote.text} [{fact.n}]\n", evidence=True)
        outcome = yield from stream_model(question, passages, tools)
        draft = _answering(checked_draft(question, outcome, passages, tools), question,
                           passages, tools, names)
        if fact is None or draft.text:
            yield draft
        else:
            yield _with_quote(draft, quote, _closest_too(draft, fact, question, passages, names))


FACT_DEPTH = 12  # passages searched for the sentence giving an asked-for value
ARTICLE_DEPTH = 24  # passages of the best-matching article read for it
# How much more than the fact threshold a sentence must score when it comes from a passage
# of that article which the search did not rank among the first FACT_DEPTH: reading more
# sentences also finds more near-misses for questions the archive cannot answer.
READ_THROUGH_MARGIN = 0.1


def _fact_passage(question: Question, passages: Sequence[Passage], tools: Tools
                  ) -> list[Passage]:
    """The passage, beyond those shown, holding the sentence that best gives what a when /
    how many / who question asks for: the passages shown are ranked by how well they match
    the question's words, and the one sentence that answers it often sits in the sixth."""
    if not question.asks:
        return []
    pool = tools.search(question.query, FACT_DEPTH, tools.filters)
    searched = len(pool)
    if pool:
        # A search keeps a few passages per article, and the sentence answering a narrow
        # question ("How long is the complaint?": "the 172-page suit") is often in another
        # passage of the article the question is about: that article is read through.
        within = (tools.filters or SearchFilters()).in_article(pool[0].path)
        seen = {p.chunk_id for p in pool}
        pool += [p for p in tools.search(question.query, ARTICLE_DEPTH, within)
                 if p.chunk_id not in seen]
    fact = best_fact(question, pool, tools)
    if (fact is not None and fact.n > searched
            and fact.score < tools.config.fact_threshold + READ_THROUGH_MARGIN
            and not beside_asked(fact.text, question.asks, question.text)):
        # a passage the search ranked low needs a clearer sentence, unless it gives the
        # value right beside what is asked ("around 100,000 services" for "How many
        # services ...?"): else the best of the passages it ranked first
        pool = pool[:searched]
        fact = best_fact(question, pool, tools)
    if fact is None or any(p.chunk_id == pool[fact.n - 1].chunk_id for p in passages):
        return []
    return [pool[fact.n - 1]]


def _figure_passages(question: Question, passages: Sequence[Passage], tools: Tools
                     ) -> list[Passage]:
    """For "how many" questions: the passages that give the figure on other dates."""
    if question.kind != NUMBER or not tools.config.time_frames:
        return []
    return figure_passages(_figure_asked(question), question.query, tools.search,
                           tools.filters, passages, tools.similarity, tools.config.fact_threshold,
                           unit=asked_unit(question.asks, question.text))


def _changed(question: Question, passages: Sequence[Passage], tools: Tools
             ) -> FigureChange | None:
    """For "how many" questions: the asked-for figure's first and last values, when the
    passages give it differently on different dates (see answer/figures.py)."""
    if question.kind != NUMBER or not tools.config.time_frames:
        return None
    return changed_figure(_figure_asked(question), passages, tools.similarity,
                          tools.config.fact_threshold,
                          unit=asked_unit(question.asks, question.text))


def _figure_asked(question: Question) -> str:
    """What a figure's sentence must say: the question's statement without its period ("the
    yield on the 10-year Treasury", not "... between 26 September and 5 October 2023"), whose
    dates the passages' own dates already answer. A follow-up's figure is that of the
    subject named before it ("How much has his company raised?" after "Who is behind Beeper
    Mini?")."""
    if question.time is None or not question.time.limited:
        return _wanted(question)
    return time_topic(question.query, question.time)


def _contrary_premise(question: Question, passages: Sequence[Passage], tools: Tools
                      ) -> SupportSpan | None:
    """The sentence contradicting what the question takes for granted, if one does. Only
    why/when/where/how questions state a whole claim ("Why did Sony buy Activision?"
    assumes Sony bought it); "What did Seoul send?" leaves its object open."""
    if not PRESUPPOSING.match(question.text) or question.compound:
        return None
    finding = judge_claim(question.statement, question.text, passages, tools)
    return finding.span if finding.stance.relation == CONTRADICTS else None


MAX_BARE_WORDS = 5  # an answer this short ("Sam Bankman-Fried [2].") rests on the question


def _answering(draft: Draft, question: Question, passages: Sequence[Passage], tools: Tools,
               names: set[str] | None = None) -> Draft:
    """The model's answer only if it does not tell a prospect as done
    (`_rests_on_prospects`) and gives what was asked: a value of the asked-for kind the
    question does not already name ("Google" does not answer "Which judge oversees Epic's
    trial against Google?"), and, for a bare name or figure, one that a passage sentence
    says together with the question's subject matter (a name that only occurs somewhere in
    a cited passage is a guess). A multi-part question ("Which company, known for X, faced
    Y?") is left to the model's answer: no one sentence says all of it."""
    if question.compound or draft.abstained or draft.extractive or draft.text:
        return draft
    model = [s for s in draft.sentences if not s.evidence]
    kept = [s for s in model if not _rests_on_prospects(s, question)]
    if question.asks:
        known = _known(question)
        names = _passage_names(passages) if names is None else names
        kept = [s for s in kept if gives(s.text, question.asks, known, names)
                and not looks_ahead(s.text, question.text)
                and (len(content_words(s.text)) > MAX_BARE_WORDS
                     or _said_with_the_question(s.text, question, passages, tools))]
    if model and not kept:
        return Draft(abstained=True, notices=draft.notices,
                     dropped_citations=draft.dropped_citations)
    draft.sentences = [s for s in draft.sentences if s.evidence or s in kept]
    return draft


def _rests_on_prospects(sentence: CheckedSentence, question: Question) -> bool:
    """The model's sentence rests only on sentences that look ahead to what the question
    asks happened ("It could push Amazon to offer remedies" for "What remedies did Amazon
    offer?"): told as done, it says what no article reports."""
    return bool(sentence.support) and all(looks_ahead(span.text, question.text)
                                          for span in sentence.support)


def _said_with_the_question(answer: str, question: Question, passages: Sequence[Passage],
                            tools: Tools) -> bool:
    """A passage sentence holds the bare answer, says the act the question turns on ("named"
    for "Who was named MVP?"), and is about the question."""
    acts = acts_of(question.text)
    candidates = [c for c in sentence_candidates(passages, range(1, len(passages) + 1))
                  if lexical_support(strip_markers(answer), c[3]) >= 0.5
                  and says_act(c[3], acts)]
    if not candidates:
        return False
    return (max(_scored(question, candidates, tools))
            >= tools.config.fact_threshold)


def _closest_too(draft: Draft, fact: SupportSpan, question: Question,
                 passages: Sequence[Passage], names: set[str]) -> list[CheckedSentence]:
    """When the model's answer did not hold up and the sentence closest to the question
    stands in for it (`model_answer.verify`): that sentence quoted, if it is not the fact's
    and gives a value of the kind asked. The two are found differently, the fact's by the
    kind of value and the words, the closest by meaning alone, and where they differ
    neither is reliably the better one: both are shown."""
    if not draft.extractive or not draft.sentences:
        return []
    closest = draft.sentences[0]
    # its own span (a name's answer may be cited with other sentences besides)
    span = next((s for s in closest.support if s.text.strip() == closest.text.strip()), None)
    if span is None:
        return []
    if (span.n, span.start) == (fact.n, fact.start) or span.text.strip() == fact.text.strip():
        return []
    if question.asks and not gives(span.text, question.asks, _known(question), names):
        return []
    return [evidence_sentence(span, passages[span.n - 1])]


def _with_quote(draft: Draft, quote: CheckedSentence, also: Sequence[CheckedSentence] = ()
                ) -> Draft:
    """The model's answer with the fact's sentence quoted after it (the model's sentence may
    rest on it and still leave out the date or number asked for); the quote alone (and
    `also`, other sentences that may answer) when the model's answer did not hold up."""
    if draft.abstained or draft.extractive:
        return Draft(sentences=[quote, *also], extractive=True, notices=draft.notices,
                     dropped_citations=draft.dropped_citations)
    draft.sentences = [s for s in draft.sentences if not s.evidence] + [quote]
    return draft
