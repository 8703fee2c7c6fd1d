"""Time questions on the real stack (real embedder, FAISS, the bundled LLM) over the bundled
sample folder, whose articles run from December 2023 to July 2024."""

from pathlib import Path

import pytest

from newsdesk.answer.assistant import Answered
from newsdesk.question.timeframe import readable

pytestmark = pytest.mark.slow


def final(assistant, question, as_of=""):
    events = assistant.answer(question, as_of=as_of)
    return [e for e in events if isinstance(e, Answered)][0].result


def test_latest_answers_from_the_newest_relevant_article(real_assistant):
    result = final(real_assistant, "What is the latest on South Korea and arms for Ukraine?",
                   as_of="2024-07-31")
    assert result.strategy == "recent first"
    lead = result.sources[0].passage
    assert result.sources[0].cited and result.answer.startswith(f"As of {readable(lead.published)}")
    assert all(s.passage.published <= lead.published for s in result.sources)
    assert "typhoon" not in lead.text.lower()  # a newer unrelated article does not win


def test_as_of_leaves_out_later_articles(real_assistant):
    result = final(real_assistant,
                   "As of 21 June 2024, what was the latest on Seoul arming Ukraine?")
    assert result.sources and all(s.passage.published <= "2024-06-21" for s in result.sources)
    assert result.answer.startswith("As of 21 June 2024")
    assert Path(result.sources[0].passage.path).name == "01-seoul-weighs-arms-for-ukraine.txt"


def test_a_story_timeline_is_in_publication_order(real_assistant):
    entries = real_assistant.timeline("South Korea weapons for Ukraine")
    names = [Path(e.passage.path).name for e in entries]
    assert [e.published for e in entries] == sorted(e.published for e in entries)
    assert {"01-seoul-weighs-arms-for-ukraine.txt", "02-putin-warns-seoul.txt"} <= set(names)
    assert all(e.sentence.text.strip() for e in entries)
    result = final(real_assistant, "How did the story of South Korea's weapons for Ukraine unfold?")
    assert result.strategy == "timeline" and len([s for s in result.sources if s.cited]) >= 2
