"""The web chat's answer path with fakes: what the page shows while and after answering."""

import re

import pytest

from conftest import SAMPLE_FOLDER
from fakes import FakeEmbedder, FakeGenerator
from newsdesk.app.runtime import Runtime
from newsdesk.settings import load_settings

gr = pytest.importorskip("gradio")
from newsdesk.app.web import build_app, respond_events  # noqa: E402


@pytest.fixture
def runtime(tmp_path):
    runtime = Runtime(load_settings(index_dir=tmp_path / "idx", min_relevance=0.1), embedder=FakeEmbedder(),
                      generator=FakeGenerator("The South Korean government has provided Ukraine with "
                                              "first-aid kits, medicine, portable mine detectors "
                                              "[1]. <script>x</script>"))
    runtime.index(SAMPLE_FOLDER)
    return runtime


def test_respond_streams_sources_then_the_verified_answer(runtime):
    updates = list(respond_events(runtime, "What did Seoul provide to Ukraine?", [], 4))
    chat, sources, *_ = updates[-1]
    assert chat[0]["content"] == "What did Seoul provide to Ukraine?"
    answer = chat[-1]["content"]
    assert "[[1]](#source-1)" in answer and "<script>" not in answer
    assert "nd-cited" in sources and "<mark>" in sources
    assert any("answer in progress" in u[1] for u in updates if isinstance(u[1], str))


def outlets_of(sources_html: str) -> set[str]:
    """The outlets named on the source cards (the first item of each card's meta line)."""
    return set(re.findall(r"<div class='nd-meta'>([^<·]+?) · ", sources_html))


def test_respond_applies_filter_chips_and_reports_errors(runtime):
    question = "What did Seoul provide to Ukraine?"
    wide = list(respond_events(runtime, question, [], 4))[-1]
    assert len(outlets_of(wide[1])) > 1 and wide[5] == []
    updates = list(respond_events(runtime, question, [], 4, ["outlet: Harbor Ledger"]))
    assert outlets_of(updates[-1][1]) == {"Harbor Ledger"}
    assert updates[-1][5] == ["outlet: Harbor Ledger"]
    dated = list(respond_events(runtime, "What happened in Ukraine?", [], 4,
                                ["since 2024-06-01", "until: June 2024"]))[-1]
    published = re.findall(r"(\d{4}-\d{2}-\d{2})", dated[1])
    assert published and all("2024-06-01" <= d <= "2024-06-30" for d in published)
    assert dated[5] == ["since: 2024-06-01", "until: 2024-06-30"]
    empty = list(respond_events(runtime, "   ", [], 4))
    assert len(empty) == 1


def test_an_unreadable_chip_is_dropped_with_a_message_and_the_question_still_answered(runtime):
    updates = list(respond_events(runtime, "What did Seoul provide to Ukraine?", [], 4,
                                  ["since: someday", "outlet: Harbor Ledger"]))
    chat, sources, note, *_ , chips = updates[-1]
    assert chips == ["outlet: Harbor Ledger"]
    assert any("someday" in u[2] and "not a date" in u[2] for u in updates if isinstance(u[2], str))
    assert "[[1]](#source-1)" in chat[-1]["content"]


def test_a_question_naming_an_outlet_and_a_date_sets_chips_that_stay_until_removed(runtime):
    first = list(respond_events(runtime, "What did Pacific Monitor report about Ukraine "
                                "since May 2024?", [], 4))[-1]
    assert first[5] == ["outlet: Pacific Monitor", "since: 2024-05-01"]
    assert outlets_of(first[1]) == {"Pacific Monitor"}
    assert all(d >= "2024-05-01" for d in re.findall(r"(\d{4}-\d{2}-\d{2})", first[1]))
    # the next question keeps the chips it is given back ...
    chat, chips = first[0], first[5]
    kept = list(respond_events(runtime, "What about Ukraine's power?", chat, 4, chips))[-1]
    assert kept[5] == chips and outlets_of(kept[1]) == {"Pacific Monitor"}
    # ... and removing the outlet chip widens the next answer again
    wider = list(respond_events(runtime, "What about Ukraine's power?", chat, 4,
                                ["since: 2024-05-01"]))[-1]
    assert wider[5] == ["since: 2024-05-01"] and len(outlets_of(wider[1])) > 1


def test_the_app_builds_on_a_fake_runtime(runtime):
    assert isinstance(build_app(runtime), gr.Blocks)


def test_each_answer_is_saved_and_a_reopened_conversation_redraws_it(runtime):
    from newsdesk.app.web import reopened_chat
    from newsdesk.history.store import open_store

    store = open_store(runtime.settings)
    saved = []
    chat, sources, *_ = list(respond_events(runtime, "What did Seoul provide to Ukraine?", [], 4,
                                            on_answer=saved.append))[-1]
    cid = store.add_turn(None, "What did Seoul provide to Ukraine?", saved[0].to_dict(),
                         filters=["outlet: Harbor Ledger"])
    assert store.get(cid).filters == ["outlet: Harbor Ledger"]
    again, again_sources = reopened_chat(store.get(cid))
    # the same answer, cards and highlights; only the live "whole article" drawer is not kept
    assert again == chat
    assert again_sources == re.sub(r"<details>.*?</details>", "", sources, flags=re.S)
    assert "<mark>" in again_sources
    store.close()
