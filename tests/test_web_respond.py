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


def test_respond_passes_outlet_filters_and_reports_errors(runtime):
    updates = list(respond_events(runtime, "What did Seoul provide to Ukraine?", [], 4,
                                  ["Harbor Ledger"]))
    sources = updates[-1][1]
    assert "Harbor Ledger" in sources and "Eastern Wire" not in sources
    empty = list(respond_events(runtime, "   ", [], 4))
    assert len(empty) == 1


def test_the_app_builds_on_a_fake_runtime(runtime):
    assert isinstance(build_app(runtime), gr.Blocks)


def test_each_answer_is_saved_and_a_reopened_conversation_redraws_it(runtime):
    from newsdesk.app.web import reopened_chat
    from newsdesk.history.store import open_store

    store = open_store(runtime.settings)
    saved = []
    chat, sources, *_ = list(respond_events(runtime, "What did Seoul provide to Ukraine?", [], 4,
                                            on_answer=saved.append))[-1]
    cid = store.add_turn(None, "What did Seoul provide to Ukraine?", saved[0].to_dict())
    again, again_sources = reopened_chat(store.get(cid))
    # the same answer, cards and highlights; only the live "whole article" drawer is not kept
    assert again == chat
    assert again_sources == re.sub(r"<details>.*?</details>", "", sources, flags=re.S)
    assert "<mark>" in again_sources
    store.close()
