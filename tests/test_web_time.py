"""The web chat's time controls with fakes: the as-of date pins answers, the Timeline tab
lists a story in date order, bad dates and hostile text are handled."""

import re

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app.runtime import Runtime
from newsdesk.settings import load_settings

gr = pytest.importorskip("gradio")
from newsdesk.app.time_view import timeline_events  # noqa: E402
from newsdesk.app.web import respond_events  # noqa: E402


@pytest.fixture
def runtime(tmp_path):
    runtime = Runtime(load_settings(index_dir=tmp_path / "idx", min_relevance=0.05),
                      embedder=FakeEmbedder(), generator=FakeGenerator("unused"))
    runtime.index(SAMPLE_FOLDER)
    return runtime


def test_the_timeline_tab_lists_the_story_oldest_first(runtime):
    page = timeline_events(runtime, "Seoul Ukraine weapons")
    dates = re.findall(r"data-date='([\d-]+)'", page)
    assert len(dates) >= 2 and dates == sorted(dates)
    pinned = timeline_events(runtime, "Seoul Ukraine weapons", as_of="2024-06-20")
    assert all(d <= "2024-06-20" for d in re.findall(r"data-date='([\d-]+)'", pinned))


def test_the_timeline_tab_explains_empty_topics_and_bad_dates(runtime):
    assert "Type a story" in timeline_events(runtime, "  ")
    assert "YYYY-MM-DD" in timeline_events(runtime, "Seoul", as_of="next week")
    assert "<script>" not in timeline_events(runtime, "<script>alert(1)</script>")


def test_the_as_of_control_pins_the_chat_answer(runtime):
    updates = list(respond_events(runtime, "What is the latest on Seoul and weapons for Ukraine?",
                                  [], 4, as_of="2024-06-20"))
    chat, sources, *_ = updates[-1]
    assert chat[-1]["content"].startswith("As of ")
    assert "2024-06-21" not in sources and "2024-06-22" not in sources
    bad = list(respond_events(runtime, "What is the latest?", [], 4, as_of="soon"))
    assert "YYYY-MM-DD" in bad[-1][0][-1]["content"]
