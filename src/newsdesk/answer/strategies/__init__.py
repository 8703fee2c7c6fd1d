"""Answering strategies, one per module; `default_strategies` orders them for a config.
The first whose `plan` accepts a question answers it; `ModelAnswer` accepts every question
and so comes last."""

from __future__ import annotations

from newsdesk.answer.strategies.evidence_verdict import EvidenceVerdict
from newsdesk.answer.strategies.facts_first import FactsFirst
from newsdesk.answer.strategies.model_answer import ModelAnswer
from newsdesk.answer.strategies.recent_first import RecentFirst
from newsdesk.answer.strategies.report_order import ReportOrder
from newsdesk.answer.strategies.story_timeline import StoryTimeline
from newsdesk.answer.strategies.summary import StorySummary
from newsdesk.answer.strategies.unrelated import Unrelated
from newsdesk.settings import AnswerConfig


def default_strategies(config: AnswerConfig) -> list:
    # A timeline and a time question judge relevance on their topic, without the time words
    # that would make the unrelated check turn a short topic away; they come before it.
    timed = [(config.summaries, StoryTimeline), (config.time_frames, RecentFirst)]
    switched = [(config.report_order, ReportOrder), (config.evidence_verdicts, EvidenceVerdict),
                (config.summaries, StorySummary), (config.facts_first, FactsFirst)]
    return [*(strategy() for on, strategy in timed if on), Unrelated(),
            *(strategy() for on, strategy in switched if on), ModelAnswer()]
