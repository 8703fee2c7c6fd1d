"""Saved conversations in headless Chromium against the real stack: an answer survives a
server restart and reopens with its sources and highlights; rename, delete, export."""

from pathlib import Path

import pytest

from servers import newsdesk_server
from test_browser import ask, browser  # noqa: F401 - the shared browser fixture

pytestmark = [pytest.mark.slow, pytest.mark.browser]
QUESTION = "What did Seoul provide to Ukraine?"


def cited_cards(page):
    return page.locator("#nd-sources .nd-cited")


def card_text(page):
    """The first cited card without the live "Read the whole article" drawer."""
    text = cited_cards(page).first.inner_text()
    return text.split("Read the whole article")[0].strip()


def test_a_conversation_survives_a_restart_and_can_be_renamed_exported_deleted(tmp_path, browser):
    index = tmp_path / "index"
    with newsdesk_server(tmp_path / "first.log", "--index", str(index)) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        ask(page, QUESTION)
        page.wait_for_selector("#nd-sources .nd-cited mark", timeout=180_000)
        page.wait_for_selector(f"#nd-conversations label:has-text('{QUESTION}')", timeout=30_000)
        answer = page.locator("#nd-chat .message").last.inner_text()
        marked = page.locator("#nd-sources .nd-cited mark").first.inner_text()
        card = card_text(page)
        page.close()
    assert (index / "conversations.sqlite").exists()

    with newsdesk_server(tmp_path / "second.log", "--index", str(index)) as (url, _):
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(url)
        page.locator(f"#nd-conversations label:has-text('{QUESTION}')").click()
        page.wait_for_selector("#nd-sources .nd-cited mark", timeout=30_000)
        assert page.locator("#nd-chat .message").last.inner_text() == answer
        assert page.locator("#nd-sources .nd-cited mark").first.inner_text() == marked
        assert card_text(page) == card  # title, outlet, date, link, passage

        with page.expect_download() as download:
            page.locator("#nd-export-md").click()
        markdown = Path(download.value.path()).read_text()
        for i in range(cited_cards(page).count()):
            title = cited_cards(page).nth(i).locator("h4").inner_text().split("]", 1)[1]
            meta = cited_cards(page).nth(i).locator(".nd-meta").inner_text()
            outlet, date = [x.strip() for x in meta.split("·")[:2]]
            quoted = cited_cards(page).nth(i).locator("mark").first.inner_text()
            assert title in markdown and outlet in markdown and date in markdown, markdown
            assert " ".join(quoted.split()) in markdown, markdown

        title = page.locator("#nd-conversation-title input, #nd-conversation-title textarea").first
        hostile = "<img src=x onerror=\"window.__pwned = 1\"> aid"
        title.fill(hostile)
        page.locator("#nd-rename").click()
        page.wait_for_selector("#nd-conversations label:has-text('onerror')", timeout=30_000)
        assert hostile in page.locator("#nd-conversations").inner_text()  # shown as text
        assert page.evaluate("window.__pwned") is None

        title.fill("Seoul's aid to Kyiv")
        page.locator("#nd-rename").click()
        page.wait_for_selector("#nd-conversations label:has-text(\"Seoul's aid to Kyiv\")",
                               timeout=30_000)
        assert page.locator(f"#nd-conversations label:has-text('{QUESTION}')").count() == 0

        page.locator("#nd-delete").click()
        page.wait_for_selector("#nd-conversation-note:has-text('deleted')", timeout=30_000)
        assert page.locator("#nd-conversations label").count() == 0
        assert page.locator("#nd-chat .message").count() == 0
        page.close()
